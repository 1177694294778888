//! Message templates: the ready-made alerts and notices a police officer or BIN coordinator starts
//! from, in Dutch, French, German and English, with the blanks the sender fills in, and the standing
//! advice every urgent alert carries. Values fill the blanks as written; nothing here sends a message.

use crate::i18n::Lang;
use crate::messaging::texts::Words;
use crate::messaging::types::{Category, Kind};
use std::collections::BTreeMap;

/// A blank the sender fills in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Blank {
    /// Where it happened, or where an event takes place.
    Place,
    /// When it happened.
    When,
    /// What was seen: people, vehicles, what is known.
    Description,
    /// What the sender asks residents to do.
    Advice,
    /// The date and time of an event.
    Date,
    /// Free text: a tip, what happened, a programme, the news.
    Text,
    /// A web address.
    Link,
}

impl Blank {
    /// Every blank, in the order a form offers them.
    pub const ALL: &'static [Blank] =
        &[Blank::Place, Blank::When, Blank::Description, Blank::Advice, Blank::Date, Blank::Text, Blank::Link];

    /// The stable code: `{code}` in the texts, `blank_code` as a form field.
    pub fn code(self) -> &'static str {
        match self {
            Blank::Place => "place",
            Blank::When => "when",
            Blank::Description => "description",
            Blank::Advice => "advice",
            Blank::Date => "date",
            Blank::Text => "text",
            Blank::Link => "link",
        }
    }

    /// The blank with this code; anything else is `None`.
    pub fn parse(code: &str) -> Option<Blank> {
        match code {
            "place" => Some(Blank::Place),
            "when" => Some(Blank::When),
            "description" => Some(Blank::Description),
            "advice" => Some(Blank::Advice),
            "date" => Some(Blank::Date),
            "text" => Some(Blank::Text),
            "link" => Some(Blank::Link),
            _ => None,
        }
    }

    /// The form label, in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Blank::Place => Words::BlankPlaceLabel.get(lang),
            Blank::When => Words::BlankWhenLabel.get(lang),
            Blank::Description => Words::BlankDescriptionLabel.get(lang),
            Blank::Advice => Words::BlankAdviceLabel.get(lang),
            Blank::Date => Words::BlankDateLabel.get(lang),
            Blank::Text => Words::BlankTextLabel.get(lang),
            Blank::Link => Words::BlankLinkLabel.get(lang),
        }
    }

    /// A short example or hint for the form, in `lang`.
    pub fn hint(self, lang: Lang) -> &'static str {
        match self {
            Blank::Place => Words::BlankPlaceHint.get(lang),
            Blank::When => Words::BlankWhenHint.get(lang),
            Blank::Description => Words::BlankDescriptionHint.get(lang),
            Blank::Advice => Words::BlankAdviceHint.get(lang),
            Blank::Date => Words::BlankDateHint.get(lang),
            Blank::Text => Words::BlankTextHint.get(lang),
            Blank::Link => Words::BlankLinkHint.get(lang),
        }
    }

    /// The longest value the form accepts, in characters.
    pub fn max_chars(self) -> usize {
        match self {
            Blank::Place | Blank::When | Blank::Date => 120,
            Blank::Description | Blank::Advice => 600,
            Blank::Text => 1_500,
            Blank::Link => 200,
        }
    }
}

/// A message template: its parts in the four languages, with {blank} markers.
#[derive(Debug)]
pub struct Template {
    /// Stable snake_case key.
    pub key: &'static str,
    pub kind: Kind,
    /// `Some` exactly when `kind` is [`Kind::Urgent`].
    pub category: Option<Category>,
    /// The blanks the texts use, in the order the form asks for them.
    pub blanks: &'static [Blank],
    /// How the template is offered in the form: nl, fr, de, en.
    pub name: [&'static str; 4],
    /// The title: nl, fr, de, en.
    pub title: [&'static str; 4],
    /// The body, plain text with line breaks: nl, fr, de, en.
    pub body: [&'static str; 4],
}

/// The standing advice every urgent alert carries, per language (nl, fr, de, en): call 101 (112 when
/// life is in danger), do not intervene yourself, and how to pass on what you saw (note time, place,
/// description of people and vehicles, number plate, direction; tell the police, then your coordinator).
pub const STANDING_ADVICE: [&str; 4] = [
    "Ziet u iets verdachts? Bel meteen 101 (112 als er levensgevaar is). Grijp nooit zelf in.\n\
     Noteer wat u zag: het tijdstip, de plaats, een beschrijving van de personen (geslacht, leeftijd, lengte, \
     kledij, opvallende kenmerken) en van de voertuigen (merk, type, kleur), de nummerplaat en de richting \
     waarin ze vertrokken.\n\
     Geef dit eerst door aan de politie en laat het daarna ook weten aan uw BIN-coördinator.",
    "Vous remarquez quelque chose de suspect\u{a0}? Appelez immédiatement le 101 (le 112 si une vie est en danger). \
     N'intervenez jamais vous-même.\n\
     Notez ce que vous avez vu\u{a0}: l'heure, le lieu, la description des personnes (sexe, âge, taille, vêtements, \
     signes particuliers) et des véhicules (marque, modèle, couleur), la plaque d'immatriculation et la direction \
     prise.\n\
     Transmettez d'abord ces informations à la police, puis prévenez le coordinateur de votre PLP.",
    "Sie bemerken etwas Verdächtiges? Rufen Sie sofort die 101 an (die 112 bei Lebensgefahr). Greifen Sie niemals \
     selbst ein.\n\
     Notieren Sie, was Sie gesehen haben: Uhrzeit, Ort, eine Beschreibung der Personen (Geschlecht, Alter, Größe, \
     Kleidung, besondere Merkmale) und der Fahrzeuge (Marke, Modell, Farbe), das Kennzeichen und die Richtung, in \
     die sie sich entfernt haben.\n\
     Geben Sie diese Angaben zuerst an die Polizei weiter und informieren Sie danach die koordinierende Person Ihres \
     NIN.",
    "Seen something suspicious? Call 101 straight away (112 if a life is in danger). Never intervene yourself.\n\
     Write down what you saw: the time, the place, a description of the people (sex, age, height, clothing, \
     distinctive features) and of the vehicles (make, model, colour), the number plate and the direction they \
     went.\n\
     Pass this on to the police first, then let your BIN coordinator know.",
];

/// The line that says a report form is never an emergency channel (101 / 112), per language.
pub const NOT_AN_EMERGENCY: [&str; 4] = [
    "Dit formulier is geen noodnummer: wat u hier meldt, wordt niet altijd meteen gelezen. Bel bij nood altijd 101 \
     (politie) of 112 als er levensgevaar is.",
    "Ce formulaire n'est pas un numéro d'urgence\u{a0}: votre signalement n'est pas toujours lu immédiatement. En cas \
     d'urgence, appelez toujours le 101 (police) ou le 112 si une vie est en danger.",
    "Dieses Formular ist kein Notruf: Ihre Meldung wird nicht immer sofort gelesen. Im Notfall rufen Sie immer die \
     101 (Polizei) an, bei Lebensgefahr die 112.",
    "This form is not an emergency line: your report may not be read straight away. In an emergency, always call 101 \
     (police), or 112 if a life is in danger.",
];

/// Every template, urgent ones first, in the order the form offers them.
pub const TEMPLATES: &[Template] = &[
    Template {
        key: "suspicious_person",
        kind: Kind::Urgent,
        category: Some(Category::Suspicious),
        blanks: &[Blank::Place, Blank::When, Blank::Description],
        name: ["Verdachte persoon", "Personne suspecte", "Verdächtige Person", "Suspicious person"],
        title: [
            "Verdachte persoon: {place}",
            "Personne suspecte\u{a0}: {place}",
            "Verdächtige Person: {place}",
            "Suspicious person: {place}",
        ],
        body: [
            "In onze buurt werd een persoon opgemerkt die zich verdacht gedroeg.\n\n\
             Waar: {place}\n\
             Wanneer: {when}\n\
             Beschrijving: {description}\n\n\
             Ziet u deze persoon opnieuw? Bel meteen 101 en spreek hem of haar niet zelf aan.",
            "Une personne au comportement suspect a été remarquée dans le quartier.\n\n\
             Où\u{a0}: {place}\n\
             Quand\u{a0}: {when}\n\
             Description\u{a0}: {description}\n\n\
             Vous revoyez cette personne\u{a0}? Appelez immédiatement le 101 et ne l'abordez pas vous-même.",
            "In unserem Viertel wurde eine Person beobachtet, die sich verdächtig verhielt.\n\n\
             Wo: {place}\n\
             Wann: {when}\n\
             Beschreibung: {description}\n\n\
             Sehen Sie diese Person wieder? Rufen Sie sofort die 101 an und sprechen Sie sie nicht selbst an.",
            "A person behaving suspiciously has been seen in the neighbourhood.\n\n\
             Where: {place}\n\
             When: {when}\n\
             Description: {description}\n\n\
             If you see this person again, call 101 straight away. Do not approach them yourself.",
        ],
    },
    Template {
        key: "suspicious_vehicle",
        kind: Kind::Urgent,
        category: Some(Category::Suspicious),
        blanks: &[Blank::Place, Blank::When, Blank::Description],
        name: ["Verdacht voertuig", "Véhicule suspect", "Verdächtiges Fahrzeug", "Suspicious vehicle"],
        title: [
            "Verdacht voertuig: {place}",
            "Véhicule suspect\u{a0}: {place}",
            "Verdächtiges Fahrzeug: {place}",
            "Suspicious vehicle: {place}",
        ],
        body: [
            "In onze buurt werd een verdacht voertuig opgemerkt.\n\n\
             Waar: {place}\n\
             Wanneer: {when}\n\
             Voertuig en inzittenden: {description}\n\n\
             Ziet u dit voertuig? Noteer de nummerplaat en de rijrichting en bel 101. Volg het voertuig niet.",
            "Un véhicule suspect a été remarqué dans le quartier.\n\n\
             Où\u{a0}: {place}\n\
             Quand\u{a0}: {when}\n\
             Véhicule et occupants\u{a0}: {description}\n\n\
             Vous voyez ce véhicule\u{a0}? Notez la plaque et la direction prise, puis appelez le 101. Ne le suivez pas.",
            "In unserem Viertel wurde ein verdächtiges Fahrzeug beobachtet.\n\n\
             Wo: {place}\n\
             Wann: {when}\n\
             Fahrzeug und Insassen: {description}\n\n\
             Sehen Sie dieses Fahrzeug? Notieren Sie Kennzeichen und Fahrtrichtung und rufen Sie die 101 an. Folgen \
             Sie dem Fahrzeug nicht.",
            "A suspicious vehicle has been seen in the neighbourhood.\n\n\
             Where: {place}\n\
             When: {when}\n\
             Vehicle and occupants: {description}\n\n\
             If you see this vehicle, note the number plate and the direction it takes, and call 101. Do not follow \
             it.",
        ],
    },
    Template {
        key: "burglary_street",
        kind: Kind::Urgent,
        category: Some(Category::Burglary),
        blanks: &[Blank::Place, Blank::When, Blank::Description, Blank::Advice],
        name: [
            "Inbraken in de buurt",
            "Cambriolages dans le quartier",
            "Einbrüche im Viertel",
            "Burglaries in the area",
        ],
        title: [
            "Inbraken en inbraakpogingen: {place}",
            "Cambriolages et tentatives\u{a0}: {place}",
            "Einbrüche und Einbruchsversuche: {place}",
            "Burglaries and attempted burglaries: {place}",
        ],
        body: [
            "Er werden inbraken en inbraakpogingen gemeld in uw buurt.\n\n\
             Waar: {place}\n\
             Wanneer: {when}\n\
             Wat we weten: {description}\n\n\
             Wat u kunt doen: {advice}\n\n\
             Sluit deuren en ramen, ook als u maar even weg bent, en laat geen ladders of gereedschap buiten liggen. \
             Hebt u in die periode iets verdachts gezien of gehoord? Meld het aan de politie: elk detail kan helpen.",
            "Des cambriolages et des tentatives de cambriolage ont été signalés dans votre quartier.\n\n\
             Où\u{a0}: {place}\n\
             Quand\u{a0}: {when}\n\
             Ce que l'on sait\u{a0}: {description}\n\n\
             Ce que vous pouvez faire\u{a0}: {advice}\n\n\
             Fermez portes et fenêtres à clé, même pour une courte absence, et ne laissez ni échelle ni outils à \
             l'extérieur. Vous avez vu ou entendu quelque chose de suspect à ce moment-là\u{a0}? Signalez-le à la police\u{a0}: \
             chaque détail peut aider.",
            "In Ihrem Viertel wurden Einbrüche und Einbruchsversuche gemeldet.\n\n\
             Wo: {place}\n\
             Wann: {when}\n\
             Was wir wissen: {description}\n\n\
             Was Sie tun können: {advice}\n\n\
             Schließen Sie Türen und Fenster ab, auch wenn Sie nur kurz weg sind, lassen Sie kein Fenster auf Kipp \
             und keine Leitern oder Werkzeuge draußen liegen. Haben Sie in diesem Zeitraum etwas Verdächtiges gesehen \
             oder gehört? Melden Sie es der Polizei, jedes Detail kann helfen.",
            "Burglaries and attempted burglaries have been reported in your area.\n\n\
             Where: {place}\n\
             When: {when}\n\
             What we know: {description}\n\n\
             What you can do: {advice}\n\n\
             Lock doors and windows, even when you are out for a short while, and do not leave ladders or tools \
             outside. Did you see or hear anything suspicious at that time? Tell the police: every detail can help.",
        ],
    },
    Template {
        key: "missing_person",
        kind: Kind::Urgent,
        category: Some(Category::MissingPerson),
        blanks: &[Blank::Description, Blank::Place, Blank::When],
        name: ["Vermiste persoon", "Personne disparue", "Vermisste Person", "Missing person"],
        title: [
            "Vermist: wie heeft deze persoon gezien?",
            "Disparition\u{a0}: avez-vous vu cette personne\u{a0}?",
            "Vermisst: Wer hat diese Person gesehen?",
            "Missing: have you seen this person?",
        ],
        body: [
            "De politie zoekt een vermiste persoon en vraagt uw hulp.\n\n\
             Beschrijving en kledij: {description}\n\
             Laatst gezien: {place}\n\
             Wanneer: {when}\n\n\
             Hebt u deze persoon gezien of weet u waar hij of zij is? Bel meteen 101. Kijk ook even in uw tuin, \
             garage, tuinhuis en bijgebouwen.\n\
             Deel dit bericht niet op sociale media: het is bedoeld voor de leden van het BIN.",
            "La police recherche une personne disparue et demande votre aide.\n\n\
             Signalement et vêtements\u{a0}: {description}\n\
             Vue pour la dernière fois\u{a0}: {place}\n\
             Quand\u{a0}: {when}\n\n\
             Vous avez vu cette personne ou vous savez où elle se trouve\u{a0}? Appelez immédiatement le 101. Jetez aussi \
             un œil dans votre jardin, votre garage, votre abri de jardin et vos dépendances.\n\
             Ne partagez pas ce message sur les réseaux sociaux\u{a0}: il est destiné aux membres du PLP.",
            "Die Polizei sucht eine vermisste Person und bittet um Ihre Mithilfe.\n\n\
             Beschreibung und Kleidung: {description}\n\
             Zuletzt gesehen: {place}\n\
             Wann: {when}\n\n\
             Haben Sie diese Person gesehen oder wissen Sie, wo sie sich aufhält? Rufen Sie sofort die 101 an. \
             Schauen Sie bitte auch in Ihrem Garten, Ihrer Garage, Ihrem Gartenhaus und in Nebengebäuden nach.\n\
             Teilen Sie diese Nachricht nicht in sozialen Netzwerken: Sie ist für die Mitglieder des NIN bestimmt.",
            "The police are looking for a missing person and ask for your help.\n\n\
             Description and clothing: {description}\n\
             Last seen: {place}\n\
             When: {when}\n\n\
             Have you seen this person, or do you know where they are? Call 101 straight away. Please also check \
             your garden, garage, shed and outbuildings.\n\
             Please do not share this message on social media: it is meant for the members of the BIN.",
        ],
    },
    Template {
        key: "fake_police_officers",
        kind: Kind::Urgent,
        category: Some(Category::FraudWave),
        blanks: &[Blank::Place, Blank::Description],
        name: ["Valse politieagenten", "Faux policiers", "Falsche Polizeibeamte", "Fake police officers"],
        title: [
            "Opgelet voor valse politieagenten",
            "Attention aux faux policiers",
            "Vorsicht vor falschen Polizeibeamten",
            "Beware of fake police officers",
        ],
        body: [
            "Oplichters doen zich voor als politieagenten. Ze bellen u op of staan aan uw deur, soms in uniform of met \
             een valse politiekaart. Ze vertellen dat er inbrekers in de buurt zijn of dat uw geld niet veilig is, en \
             bieden aan om uw bankkaart, geld of juwelen 'in bewaring' te nemen.\n\n\
             Waar: {place}\n\
             Wat we weten: {description}\n\n\
             De politie vraagt nooit naar uw bankkaart, uw pincode of andere codes. De politie komt nooit geld of \
             juwelen bij u ophalen.\n\
             Twijfelt u? Laat niemand binnen, hang op en bel zelf 101, liefst met een ander toestel. Vertel dit ook \
             aan oudere buren en familieleden: zij worden vaak geviseerd.",
            "Des escrocs se font passer pour des policiers. Ils vous appellent ou sonnent à votre porte, parfois en \
             uniforme ou avec une fausse carte de police. Ils prétendent que des cambrioleurs sévissent dans le \
             quartier ou que votre argent n'est pas en sécurité, et proposent de «\u{a0}mettre à l'abri\u{a0}» votre carte \
             bancaire, votre argent ou vos bijoux.\n\n\
             Où\u{a0}: {place}\n\
             Ce que l'on sait\u{a0}: {description}\n\n\
             La police ne vous demandera jamais votre carte bancaire, votre code PIN ou d'autres codes. La police ne \
             vient jamais chercher de l'argent ou des bijoux chez vous.\n\
             Un doute\u{a0}? Ne laissez entrer personne, raccrochez et appelez vous-même le 101, de préférence depuis un \
             autre téléphone. Parlez-en aussi à vos voisins et à vos proches âgés\u{a0}: ce sont souvent eux qui sont visés.",
            "Betrüger geben sich als Polizeibeamte aus. Sie rufen an oder klingeln an der Haustür, manchmal in Uniform \
             oder mit einem falschen Dienstausweis. Sie behaupten, Einbrecher seien in der Gegend oder Ihr Geld sei \
             nicht sicher, und bieten an, Ihre Bankkarte, Ihr Bargeld oder Ihren Schmuck „in Verwahrung“ zu nehmen.\n\n\
             Wo: {place}\n\
             Was wir wissen: {description}\n\n\
             Die Polizei fragt niemals nach Ihrer Bankkarte, Ihrer PIN oder anderen Codes. Die Polizei holt niemals \
             Geld oder Schmuck bei Ihnen ab.\n\
             Im Zweifel: Lassen Sie niemanden herein, legen Sie auf und rufen Sie selbst die 101 an, am besten von \
             einem anderen Telefon aus. Sprechen Sie auch mit älteren Nachbarn und Angehörigen darüber, denn gerade \
             sie werden oft angerufen.",
            "Fraudsters are posing as police officers. They phone you or come to your door, sometimes in uniform or \
             with a fake police ID. They claim that burglars are active in the area or that your money is not safe, \
             and offer to take your bank card, cash or jewellery 'into safekeeping'.\n\n\
             Where: {place}\n\
             What we know: {description}\n\n\
             The police will never ask for your bank card, your PIN or any other code. The police never come to \
             collect money or jewellery from you.\n\
             In doubt? Do not let anyone in, hang up and call 101 yourself, preferably from another phone. Please \
             tell older neighbours and relatives too: they are often the ones targeted.",
        ],
    },
    Template {
        key: "fake_bank_employees",
        kind: Kind::Urgent,
        category: Some(Category::FraudWave),
        blanks: &[Blank::Place, Blank::Description],
        name: ["Valse bankmedewerkers", "Faux employés de banque", "Falsche Bankmitarbeiter", "Fake bank employees"],
        title: [
            "Opgelet voor valse bankmedewerkers",
            "Attention aux faux employés de banque",
            "Vorsicht vor falschen Bankmitarbeitern",
            "Beware of fake bank employees",
        ],
        body: [
            "Oplichters doen zich voor als medewerkers van uw bank of van Card Stop. Ze bellen u op over een \
             'verdachte betaling' of een 'probleem met uw rekening' en vragen u codes van uw kaartlezer of itsme te \
             bevestigen, geld over te schrijven naar een 'veilige rekening' of uw bankkaart mee te geven met een \
             koerier die langskomt.\n\n\
             Waar: {place}\n\
             Wat we weten: {description}\n\n\
             Uw bank vraagt nooit naar uw pincode of de codes van uw kaartlezer, en vraagt u nooit om geld over te \
             schrijven of uw bankkaart af te geven. Ze stuurt ook nooit iemand om uw kaart op te halen.\n\
             Twijfelt u? Hang op en bel zelf uw bank, op het nummer op uw bankkaart. Hebt u toch iets doorgegeven? \
             Laat uw kaart meteen blokkeren via Card Stop (078 170 170) en doe aangifte bij de politie.",
            "Des escrocs se font passer pour des employés de votre banque ou de Card Stop. Ils vous appellent à \
             propos d'un «\u{a0}paiement suspect\u{a0}» ou d'un «\u{a0}problème sur votre compte\u{a0}» et vous demandent de confirmer \
             des codes de votre lecteur de carte ou d'itsme, de virer de l'argent vers un «\u{a0}compte sécurisé\u{a0}» ou de \
             remettre votre carte bancaire à un coursier qui passera chez vous.\n\n\
             Où\u{a0}: {place}\n\
             Ce que l'on sait\u{a0}: {description}\n\n\
             Votre banque ne vous demandera jamais votre code PIN ou les codes de votre lecteur de carte, ni de virer \
             de l'argent, ni de remettre votre carte. Elle n'envoie jamais personne la chercher chez vous.\n\
             Un doute\u{a0}? Raccrochez et appelez vous-même votre banque, au numéro qui figure sur votre carte. Vous avez \
             déjà communiqué des données\u{a0}? Faites bloquer votre carte immédiatement via Card Stop (078 170 170) et \
             portez plainte à la police.",
            "Betrüger geben sich als Mitarbeiter Ihrer Bank oder von Card Stop aus. Sie rufen wegen einer \
             „verdächtigen Zahlung“ oder eines „Problems mit Ihrem Konto“ an und bitten Sie, Codes Ihres \
             Kartenlesers oder von itsme zu bestätigen, Geld auf ein „sicheres Konto“ zu überweisen oder Ihre \
             Bankkarte einem Kurier mitzugeben, der bei Ihnen vorbeikommt.\n\n\
             Wo: {place}\n\
             Was wir wissen: {description}\n\n\
             Ihre Bank fragt niemals nach Ihrer PIN oder den Codes Ihres Kartenlesers und bittet Sie nie, Geld zu \
             überweisen oder Ihre Karte herauszugeben. Auch schickt die Bank nie jemanden vorbei, um Ihre Karte \
             abzuholen.\n\
             Im Zweifel: Legen Sie auf und rufen Sie selbst Ihre Bank an, unter der Nummer auf Ihrer Bankkarte. \
             Haben Sie schon Daten weitergegeben? Lassen Sie Ihre Karte sofort über Card Stop (078 170 170) sperren \
             und erstatten Sie Anzeige bei der Polizei.",
            "Fraudsters are posing as employees of your bank or of Card Stop. They phone about a 'suspicious \
             payment' or a 'problem with your account' and ask you to confirm codes from your card reader or itsme, \
             to transfer money to a 'safe account' or to hand your bank card to a courier who will come by.\n\n\
             Where: {place}\n\
             What we know: {description}\n\n\
             Your bank will never ask for your PIN or the codes from your card reader, nor ask you to transfer money \
             or hand over your card. Nor will it ever send someone to collect your card.\n\
             In doubt? Hang up and call your bank yourself, on the number on your bank card. Already passed on \
             details? Have your card blocked straight away through Card Stop (078 170 170) and report it to the \
             police.",
        ],
    },
    Template {
        key: "phishing_messages",
        kind: Kind::Urgent,
        category: Some(Category::CyberThreat),
        blanks: &[Blank::Description],
        name: [
            "Valse berichten (phishing)",
            "Faux messages (phishing)",
            "Gefälschte Nachrichten (Phishing)",
            "Fake messages (phishing)",
        ],
        title: [
            "Opgelet: valse e-mails en sms'en in omloop",
            "Attention\u{a0}: faux e-mails et SMS en circulation",
            "Vorsicht: gefälschte E-Mails und SMS im Umlauf",
            "Warning: fake e-mails and text messages going round",
        ],
        body: [
            "Er circuleren valse berichten die van een bekende afzender lijken te komen, bijvoorbeeld van itsme, uw \
             bank, een pakjesdienst of een overheidsdienst. Ze willen dat u op een link klikt om uw gegevens in te \
             vullen, een betaling te doen of uw codes te geven.\n\n\
             Wat we weten: {description}\n\n\
             Klik niet op de link en open geen bijlagen. Uw bank, itsme of de politie vragen u nooit via e-mail of \
             sms naar uw codes of uw pincode.\n\
             Stuur verdachte berichten door naar verdacht@safeonweb.be (van een sms volstaat een schermafbeelding) \
             en verwijder ze daarna.\n\
             Hebt u al geklikt of gegevens ingevuld? Verwittig meteen uw bank, laat uw kaart blokkeren via Card Stop \
             (078 170 170) en doe aangifte bij de politie.",
            "De faux messages circulent au nom d'expéditeurs connus, par exemple itsme, votre banque, un service de \
             livraison de colis ou une administration. Ils cherchent à vous faire cliquer sur un lien pour encoder \
             vos données, effectuer un paiement ou donner vos codes.\n\n\
             Ce que l'on sait\u{a0}: {description}\n\n\
             Ne cliquez pas sur le lien et n'ouvrez pas les pièces jointes. Votre banque, itsme ou la police ne vous \
             demandent jamais vos codes ou votre code PIN par e-mail ou par SMS.\n\
             Transférez les messages suspects à suspect@safeonweb.be (pour un SMS, une capture d'écran suffit), puis \
             supprimez-les.\n\
             Vous avez déjà cliqué ou encodé des données\u{a0}? Prévenez immédiatement votre banque, faites bloquer votre \
             carte via Card Stop (078 170 170) et portez plainte à la police.",
            "Es sind gefälschte Nachrichten im Umlauf, die scheinbar von einem bekannten Absender stammen, zum \
             Beispiel von itsme, Ihrer Bank, einem Paketdienst oder einer Behörde. Ziel ist, dass Sie auf einen Link \
             klicken und dort Ihre Daten eingeben, eine Zahlung leisten oder Ihre Codes preisgeben.\n\n\
             Was wir wissen: {description}\n\n\
             Klicken Sie nicht auf den Link und öffnen Sie keine Anhänge. Ihre Bank, itsme oder die Polizei fragen \
             Sie nie per E-Mail oder SMS nach Ihren Codes oder Ihrer PIN.\n\
             Leiten Sie verdächtige Nachrichten an verdacht@safeonweb.be weiter (bei einer SMS genügt ein \
             Bildschirmfoto) und löschen Sie sie danach.\n\
             Haben Sie schon geklickt oder Daten eingegeben? Benachrichtigen Sie sofort Ihre Bank, lassen Sie Ihre \
             Karte über Card Stop (078 170 170) sperren und erstatten Sie Anzeige bei der Polizei.",
            "Fake messages are going round that seem to come from a sender you know, such as itsme, your bank, a \
             parcel delivery service or a public service. They try to get you to click a link to enter your details, \
             make a payment or give away your codes.\n\n\
             What we know: {description}\n\n\
             Do not click the link and do not open attachments. Your bank, itsme and the police never ask for your \
             codes or PIN by e-mail or text message.\n\
             Forward suspicious messages to suspicious@safeonweb.be (for a text message, a screenshot will do), then \
             delete them.\n\
             Already clicked or entered details? Tell your bank straight away, have your card blocked through Card \
             Stop (078 170 170) and report it to the police.",
        ],
    },
    Template {
        key: "other_alert",
        kind: Kind::Urgent,
        category: Some(Category::Other),
        blanks: &[Blank::Description, Blank::Place, Blank::When, Blank::Advice],
        name: ["Ander dringend bericht", "Autre alerte urgente", "Andere dringende Warnung", "Other urgent alert"],
        title: [
            "Dringend bericht voor de buurt: {place}",
            "Avis urgent pour le quartier\u{a0}: {place}",
            "Dringender Hinweis für das Viertel: {place}",
            "Urgent notice for the neighbourhood: {place}",
        ],
        body: [
            "Belangrijk bericht voor de bewoners van de buurt.\n\n\
             Wat: {description}\n\
             Waar: {place}\n\
             Wanneer: {when}\n\n\
             Wat we u vragen: {advice}",
            "Message important pour les habitants du quartier.\n\n\
             Quoi\u{a0}: {description}\n\
             Où\u{a0}: {place}\n\
             Quand\u{a0}: {when}\n\n\
             Ce que nous vous demandons\u{a0}: {advice}",
            "Wichtige Mitteilung für die Anwohner.\n\n\
             Was: {description}\n\
             Wo: {place}\n\
             Wann: {when}\n\n\
             Worum wir Sie bitten: {advice}",
            "Important message for residents of the area.\n\n\
             What: {description}\n\
             Where: {place}\n\
             When: {when}\n\n\
             What we ask of you: {advice}",
        ],
    },
    Template {
        key: "holiday_house_watch",
        kind: Kind::Prevention,
        category: None,
        blanks: &[Blank::Link],
        name: [
            "Woningtoezicht tijdens de vakantie",
            "Surveillance de l'habitation pendant les vacances",
            "Hausüberwachung im Urlaub",
            "House watch during the holidays",
        ],
        title: [
            "Op vakantie? Vraag gratis woningtoezicht aan",
            "En vacances\u{a0}? Demandez une surveillance de votre habitation",
            "Im Urlaub? Beantragen Sie eine kostenlose Hausüberwachung",
            "Going on holiday? Ask for a free house watch",
        ],
        body: [
            "Gaat u op vakantie of bent u een tijd van huis? Vraag dan gratis woningtoezicht aan bij de politie. \
             Tijdens uw afwezigheid komt de politie langs om te controleren of alles in orde is.\n\
             U vraagt het aan via {link} of op het politiekantoor, liefst een week voor uw vertrek.\n\n\
             Enkele tips:\n\
             Sluit alle deuren en ramen, ook die van de garage, de kelder en het tuinhuis.\n\
             Laat uw woning bewoond lijken: een tijdschakelaar voor de verlichting, een buur die de brievenbus \
             leegmaakt.\n\
             Verstop geen sleutel onder de deurmat of in een bloempot.\n\
             Zet geen vakantiefoto's op sociale media zolang u weg bent.\n\
             Laat uw buren en uw BIN-coördinator weten dat u weg bent.",
            "Vous partez en vacances ou vous vous absentez un certain temps\u{a0}? Demandez une surveillance de votre \
             habitation à la police\u{a0}: c'est gratuit. Pendant votre absence, des policiers passent vérifier que tout \
             est en ordre.\n\
             Faites la demande via {link} ou au commissariat de votre zone de police, de préférence une semaine avant \
             votre départ.\n\n\
             Quelques conseils\u{a0}:\n\
             Fermez à clé toutes les portes et fenêtres, y compris celles du garage, de la cave et de l'abri de \
             jardin.\n\
             Donnez l'impression que votre habitation est occupée\u{a0}: une minuterie pour l'éclairage, un voisin qui \
             vide la boîte aux lettres.\n\
             Ne cachez pas de clé sous le paillasson ou dans un pot de fleurs.\n\
             Ne publiez pas vos photos de vacances sur les réseaux sociaux tant que vous êtes absent.\n\
             Prévenez vos voisins et le coordinateur de votre PLP de votre absence.",
            "Sie fahren in Urlaub oder sind längere Zeit nicht zu Hause? Beantragen Sie bei der Polizei eine \
             Hausüberwachung. Die Überwachung ist kostenlos: Während Ihrer Abwesenheit schaut die Polizei bei ihren \
             Streifen nach, ob alles in Ordnung ist.\n\
             Den Antrag stellen Sie über {link} oder in der Polizeiwache, am besten eine Woche vor der Abreise.\n\n\
             Einige Tipps:\n\
             Schließen Sie alle Türen und Fenster ab, auch an Garage, Keller und Gartenhaus, und lassen Sie kein \
             Fenster auf Kipp.\n\
             Lassen Sie Ihr Haus bewohnt aussehen: eine Zeitschaltuhr für das Licht, ein Nachbar, der den \
             Briefkasten leert.\n\
             Verstecken Sie keinen Schlüssel unter der Fußmatte oder im Blumentopf.\n\
             Veröffentlichen Sie keine Urlaubsfotos in sozialen Netzwerken, solange Sie unterwegs sind.\n\
             Sagen Sie Ihren Nachbarn und der koordinierenden Person Ihres NIN Bescheid, dass Sie verreist sind.",
            "Going on holiday or away from home for a while? Ask the police for a free house watch. While you are \
             away, officers will drop by to check that everything is in order.\n\
             You can ask for it via {link} or at the police station, ideally a week before you leave.\n\n\
             A few tips:\n\
             Lock all doors and windows, including those of the garage, the cellar and the garden shed.\n\
             Make your home look lived in: a timer for the lights, a neighbour who empties the letterbox.\n\
             Do not hide a key under the doormat or in a flowerpot.\n\
             Do not post holiday photos on social media while you are away.\n\
             Let your neighbours and your BIN coordinator know that you are away.",
        ],
    },
    Template {
        key: "bike_marking",
        kind: Kind::Prevention,
        category: None,
        blanks: &[Blank::Date, Blank::Place],
        name: ["Fietsen graveren", "Gravure de vélos", "Fahrradcodierung", "Bike marking"],
        title: [
            "Laat uw fiets graveren: {date}",
            "Faites graver votre vélo\u{a0}: {date}",
            "Lassen Sie Ihr Fahrrad codieren: {date}",
            "Get your bike marked: {date}",
        ],
        body: [
            "Een gegraveerde fiets is minder interessant voor dieven, en een teruggevonden fiets kan de politie snel \
             aan de eigenaar terugbezorgen. Daarom organiseren we een graveeractie.\n\n\
             Wanneer: {date}\n\
             Waar: {place}\n\n\
             Breng uw fiets en uw identiteitskaart mee. Ook elektrische fietsen zijn welkom.\n\
             Gebruik altijd een goed slot en maak uw fiets vast aan een vast punt, ook als u maar even weg bent.",
            "Un vélo gravé intéresse moins les voleurs, et s'il est retrouvé, la police peut le rendre rapidement à \
             son propriétaire. C'est pourquoi nous organisons une séance de gravure.\n\n\
             Quand\u{a0}: {date}\n\
             Où\u{a0}: {place}\n\n\
             Venez avec votre vélo et votre carte d'identité. Les vélos électriques sont aussi les bienvenus.\n\
             Utilisez toujours un bon cadenas et attachez votre vélo à un point fixe, même pour quelques minutes.",
            "Ein codiertes Fahrrad ist für Diebe weniger interessant, und wird es gefunden, kann die Polizei es \
             schnell dem Eigentümer zurückgeben. Deshalb bieten wir eine Fahrradcodierung an.\n\n\
             Wann: {date}\n\
             Wo: {place}\n\n\
             Bringen Sie Ihr Fahrrad und Ihren Personalausweis mit. Auch E-Bikes sind willkommen.\n\
             Benutzen Sie immer ein gutes Schloss und schließen Sie Ihr Fahrrad an einem festen Gegenstand an, auch \
             wenn Sie nur kurz weg sind.",
            "A marked bike is less attractive to thieves, and if it is found, the police can quickly return it to its \
             owner. That is why we are organising a bike marking session.\n\n\
             When: {date}\n\
             Where: {place}\n\n\
             Bring your bike and your identity card. Electric bikes are welcome too.\n\
             Always use a good lock and lock your bike to something fixed, even if you are only away for a moment.",
        ],
    },
    Template {
        key: "prevention_tip",
        kind: Kind::Prevention,
        category: None,
        blanks: &[Blank::Text, Blank::Link],
        name: ["Preventietip", "Conseil de prévention", "Präventionstipp", "Prevention tip"],
        title: [
            "Preventietip voor de buurt",
            "Conseil de prévention pour le quartier",
            "Präventionstipp für die Nachbarschaft",
            "Prevention tip for the neighbourhood",
        ],
        body: [
            "{text}\n\n\
             Meer informatie: {link}\n\n\
             Vragen over de beveiliging van uw woning? De diefstalpreventieadviseur van uw gemeente of politiezone \
             komt gratis bij u langs voor advies.",
            "{text}\n\n\
             Plus d'informations\u{a0}: {link}\n\n\
             Des questions sur la sécurisation de votre habitation\u{a0}? Le conseiller en techno-prévention de votre \
             commune ou de votre zone de police vient gratuitement vous conseiller chez vous.",
            "{text}\n\n\
             Mehr Informationen: {link}\n\n\
             Fragen zur Sicherung Ihres Hauses? Die Berater für Diebstahlvorbeugung Ihrer Gemeinde oder Polizeizone \
             beraten Sie kostenlos bei Ihnen zu Hause.",
            "{text}\n\n\
             More information: {link}\n\n\
             Questions about securing your home? The crime prevention adviser of your municipality or police zone \
             will visit you for free advice.",
        ],
    },
    Template {
        key: "alert_feedback",
        kind: Kind::Feedback,
        category: None,
        blanks: &[Blank::Text],
        name: [
            "Terugkoppeling na een melding",
            "Retour après une alerte",
            "Rückmeldung nach einer Warnung",
            "Follow-up to an alert",
        ],
        title: [
            "Bedankt voor uw oplettendheid",
            "Merci pour votre vigilance",
            "Danke für Ihre Aufmerksamkeit",
            "Thank you for your vigilance",
        ],
        body: [
            "Bedankt voor uw oplettendheid en voor elke melding na ons recente bericht.\n\n\
             Hoe het afliep: {text}\n\n\
             Blijf waakzaam en bel 101 als u iets verdachts ziet. Samen maken we de buurt veiliger.",
            "Merci pour votre vigilance et pour chaque signalement transmis après notre récent message.\n\n\
             Ce qui s'est passé\u{a0}: {text}\n\n\
             Restez attentifs et appelez le 101 si vous remarquez quelque chose de suspect. Ensemble, nous rendons \
             le quartier plus sûr.",
            "Vielen Dank für Ihre Aufmerksamkeit und für jede Meldung nach unserer letzten Nachricht.\n\n\
             Wie es ausging: {text}\n\n\
             Bleiben Sie wachsam und rufen Sie die 101 an, wenn Ihnen etwas Verdächtiges auffällt. Gemeinsam machen \
             wir unser Viertel sicherer.",
            "Thank you for your vigilance and for every report you made after our recent message.\n\n\
             What happened: {text}\n\n\
             Stay alert and call 101 if you notice anything suspicious. Together we make the neighbourhood safer.",
        ],
    },
    Template {
        key: "meeting_invitation",
        kind: Kind::Invitation,
        category: None,
        blanks: &[Blank::Date, Blank::Place, Blank::Text],
        name: [
            "Uitnodiging voor een bijeenkomst of infosessie",
            "Invitation à une réunion ou une séance d'information",
            "Einladung zu einem Treffen oder Infoabend",
            "Invitation to a meeting or information session",
        ],
        title: ["Uitnodiging: {date}", "Invitation\u{a0}: {date}", "Einladung: {date}", "Invitation: {date}"],
        body: [
            "Graag nodigen we u uit voor een bijeenkomst van ons buurtinformatienetwerk.\n\n\
             Wanneer: {date}\n\
             Waar: {place}\n\
             Programma: {text}\n\n\
             Alle leden zijn welkom. Breng gerust een buur mee die interesse heeft. Vragen? Neem contact op met uw \
             BIN-coördinator.",
            "Nous avons le plaisir de vous inviter à une rencontre de notre partenariat local de prévention.\n\n\
             Quand\u{a0}: {date}\n\
             Où\u{a0}: {place}\n\
             Au programme\u{a0}: {text}\n\n\
             Tous les membres sont les bienvenus. N'hésitez pas à venir avec un voisin intéressé. Des questions\u{a0}? \
             Contactez le coordinateur de votre PLP.",
            "Wir laden Sie herzlich zu einem Treffen unseres NIN ein.\n\n\
             Wann: {date}\n\
             Wo: {place}\n\
             Programm: {text}\n\n\
             Alle Mitglieder sind willkommen. Bringen Sie gerne interessierte Nachbarn mit. Fragen? Wenden Sie sich \
             an die koordinierende Person Ihres NIN.",
            "You are warmly invited to a meeting of our neighbourhood information network.\n\n\
             When: {date}\n\
             Where: {place}\n\
             Programme: {text}\n\n\
             All members are welcome. Feel free to bring a neighbour who is interested. Questions? Contact your BIN \
             coordinator.",
        ],
    },
    Template {
        key: "newsletter",
        kind: Kind::Newsletter,
        category: None,
        blanks: &[Blank::Text, Blank::Link],
        name: ["Nieuwsbrief", "Lettre d'information", "Newsletter", "Newsletter"],
        title: ["Nieuws van uw BIN", "Des nouvelles de votre PLP", "Neuigkeiten aus Ihrem NIN", "News from your BIN"],
        body: [
            "Beste leden,\n\n\
             {text}\n\n\
             Meer lezen: {link}\n\n\
             Bedankt om mee een oogje in het zeil te houden. Bij nood belt u altijd 101 of 112.",
            "Chers membres,\n\n\
             {text}\n\n\
             En savoir plus\u{a0}: {link}\n\n\
             Merci de garder un œil sur le quartier avec nous. En cas d'urgence, appelez toujours le 101 ou le 112.",
            "Liebe Mitglieder,\n\n\
             {text}\n\n\
             Mehr lesen: {link}\n\n\
             Danke, dass Sie mit uns die Augen offen halten. Im Notfall rufen Sie immer die 101 oder die 112 an.",
            "Dear members,\n\n\
             {text}\n\n\
             Read more: {link}\n\n\
             Thank you for helping to keep an eye on the neighbourhood. In an emergency, always call 101 or 112.",
        ],
    },
];

/// The template with this key.
pub fn template(key: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.key == key)
}

/// The templates of one kind, in the order the form offers them.
pub fn templates_for(kind: Kind) -> impl Iterator<Item = &'static Template> {
    TEMPLATES.iter().filter(move |t| t.kind == kind)
}

impl Template {
    /// The title and body in `lang`, with every {blank} replaced by the sender's value (values are
    /// inserted as written, never translated; a missing value becomes an empty string).
    pub fn fill(&self, lang: Lang, values: &BTreeMap<Blank, String>) -> (String, String) {
        (render(lang.pick(self.title), values), render(lang.pick(self.body), values))
    }
}

/// Replaces each `{code}` of a known blank in one pass, so a value is never read for markers
/// itself. A brace that does not open a known blank is kept as written.
fn render(text: &str, values: &BTreeMap<Blank, String>) -> String {
    let mut out = String::with_capacity(text.len() + values.values().map(String::len).sum::<usize>());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| Blank::parse(&after[..close]).map(|blank| (close, blank))) {
            Some((close, blank)) => {
                if let Some(value) = values.get(&blank) {
                    out.push_str(value);
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    const LANGS: [&str; 4] = ["nl", "fr", "de", "en"];

    /// The `{...}` markers of a text, in order; a stray, nested or unclosed brace fails the test.
    fn markers(text: &str) -> Vec<String> {
        let mut found = Vec::new();
        let mut rest = text;
        loop {
            match (rest.find('{'), rest.find('}')) {
                (None, None) => break,
                (Some(open), Some(close)) if open < close => {
                    let inner = &rest[open + 1..close];
                    assert!(!inner.contains('{'), "a nested brace in {text:?}");
                    found.push(inner.to_string());
                    rest = &rest[close + 1..];
                }
                _ => panic!("an unbalanced brace in {text:?}"),
            }
        }
        found
    }

    fn every_value() -> BTreeMap<Blank, String> {
        Blank::ALL.iter().map(|blank| (*blank, format!("VALUE-{}", blank.code()))).collect()
    }

    #[test]
    fn template_keys_are_unique_snake_case_and_found_by_key() {
        let mut keys = BTreeSet::new();
        for t in TEMPLATES {
            assert!(keys.insert(t.key), "{} is used twice", t.key);
            assert!(
                !t.key.is_empty() && t.key.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{} is not snake_case",
                t.key
            );
            assert!(
                template(t.key).is_some_and(|found| found.key == t.key && found.kind == t.kind),
                "{} is not found by key",
                t.key
            );
        }
        assert!(template("no_such_template").is_none());
        assert!((10..=14).contains(&TEMPLATES.len()), "{} templates", TEMPLATES.len());
    }

    #[test]
    fn every_urgent_category_and_every_other_kind_has_a_template() {
        for category in Category::ALL {
            assert!(TEMPLATES.iter().any(|t| t.category == Some(category)), "no template for {category:?}");
        }
        for kind in Kind::ALL {
            assert!(templates_for(kind).next().is_some(), "no template for {kind:?}");
            assert!(templates_for(kind).all(|t| t.kind == kind), "templates_for({kind:?}) mixes kinds");
        }
    }

    #[test]
    fn a_template_has_a_category_exactly_when_it_is_urgent() {
        for t in TEMPLATES {
            assert_eq!(t.category.is_some(), t.kind == Kind::Urgent, "{}", t.key);
        }
    }

    #[test]
    fn every_text_uses_exactly_the_declared_blanks_and_no_unknown_marker() {
        for t in TEMPLATES {
            let declared: BTreeSet<Blank> = t.blanks.iter().copied().collect();
            assert_eq!(declared.len(), t.blanks.len(), "{}: a blank is declared twice", t.key);
            let title_blanks = |i: usize| -> BTreeSet<Blank> {
                markers(t.title[i])
                    .iter()
                    .map(|m| Blank::parse(m).unwrap_or_else(|| panic!("{}: unknown marker {{{m}}} in a title", t.key)))
                    .collect()
            };
            for (i, lang) in LANGS.iter().enumerate() {
                let mut used = BTreeSet::new();
                for (part, text) in [("title", t.title[i]), ("body", t.body[i])] {
                    for m in markers(text) {
                        let blank = Blank::parse(&m)
                            .unwrap_or_else(|| panic!("{}: unknown marker {{{m}}} in the {lang} {part}", t.key));
                        used.insert(blank);
                    }
                }
                assert_eq!(used, declared, "{}: the {lang} texts use other blanks than declared", t.key);
                assert_eq!(title_blanks(i), title_blanks(0), "{}: the {lang} title uses other blanks than nl", t.key);
                assert!(markers(t.name[i]).is_empty(), "{}: the {lang} name has a marker", t.key);
            }
        }
        for text in STANDING_ADVICE.iter().chain(NOT_AN_EMERGENCY.iter()) {
            assert!(markers(text).is_empty(), "the standing texts are never filled: {text:?}");
        }
    }

    #[test]
    fn fill_puts_each_declared_value_in_and_leaves_no_marker() {
        let values = every_value();
        for t in TEMPLATES {
            for lang in Lang::ALL {
                let (title, body) = t.fill(lang, &values);
                assert!(
                    !title.contains(['{', '}']) && !body.contains(['{', '}']),
                    "{} {lang:?}: a marker is left",
                    t.key
                );
                for blank in Blank::ALL {
                    let value = format!("VALUE-{}", blank.code());
                    let present = title.contains(&value) || body.contains(&value);
                    assert_eq!(present, t.blanks.contains(blank), "{} {lang:?}: {blank:?}", t.key);
                }
                let (title, body) = t.fill(lang, &BTreeMap::new());
                assert!(
                    !title.contains('{') && !body.contains('{'),
                    "{} {lang:?}: a missing value left a marker",
                    t.key
                );
                let bare = Blank::ALL.iter().fold(lang.pick(t.title).to_string(), |title, blank| {
                    title.replace(&format!("{{{}}}", blank.code()), "")
                });
                assert_eq!(title, bare, "{} {lang:?}: a missing value becomes an empty string", t.key);
            }
        }
    }

    #[test]
    fn a_value_is_inserted_literally_and_never_expanded_again() {
        let t = template("suspicious_person").unwrap_or_else(|| panic!("suspicious_person exists"));
        let values: BTreeMap<Blank, String> = [
            (Blank::Place, "{when} <b>Kerkstraat</b>".to_string()),
            (Blank::When, "NOW".to_string()),
            (Blank::Description, "{description} & {link}".to_string()),
        ]
        .into_iter()
        .collect();
        for lang in Lang::ALL {
            let (title, body) = t.fill(lang, &values);
            assert!(title.contains("{when} <b>Kerkstraat</b>"), "{lang:?}: {title}");
            assert!(body.contains("{when} <b>Kerkstraat</b>"), "{lang:?}: {body}");
            assert!(body.contains("{description} & {link}"), "{lang:?}: {body}");
            assert_eq!(body.matches("NOW").count(), 1, "{lang:?}: the value of a value was expanded");
            assert!(!title.contains("NOW"), "{lang:?}: the place's {{when}} was expanded in the title");
        }
    }

    #[test]
    fn an_unknown_or_unclosed_brace_is_kept_as_written() {
        let values: BTreeMap<Blank, String> = [(Blank::Place, "Markt".to_string())].into_iter().collect();
        assert_eq!(render("a {nope} {place} {", &values), "a {nope} Markt {");
        assert_eq!(render("{ {place}}", &values), "{ Markt}");
        assert_eq!(render("{when}", &values), "");
    }

    #[test]
    fn names_titles_and_bodies_are_filled_in_and_differ_between_dutch_and_french() {
        for t in TEMPLATES {
            for (part, texts) in [("name", t.name), ("title", t.title), ("body", t.body)] {
                for (i, lang) in LANGS.iter().enumerate() {
                    assert!(!texts[i].trim().is_empty(), "{}: the {lang} {part} is empty", t.key);
                    assert_eq!(texts[i], texts[i].trim(), "{}: the {lang} {part} has spaces around it", t.key);
                }
                assert_ne!(texts[0], texts[1], "{}: the {part} is the same in nl and fr", t.key);
            }
        }
    }

    #[test]
    fn titles_and_bodies_stay_short_before_filling() {
        for t in TEMPLATES {
            for (i, lang) in LANGS.iter().enumerate() {
                let title = t.title[i].chars().count();
                let body = t.body[i].chars().count();
                assert!(title < 80, "{}: the {lang} title has {title} characters", t.key);
                assert!(!t.title[i].contains('\n'), "{}: the {lang} title has a line break", t.key);
                assert!(body < 900, "{}: the {lang} body has {body} characters", t.key);
            }
        }
    }

    #[test]
    fn texts_are_plain_text_without_markup() {
        let standing = STANDING_ADVICE.iter().chain(NOT_AN_EMERGENCY.iter()).copied();
        let texts = TEMPLATES.iter().flat_map(|t| t.name.into_iter().chain(t.title).chain(t.body)).chain(standing);
        for text in texts {
            assert!(!text.contains(['<', '>', '*', '#', '`', '[', ']', '_']), "markup in {text:?}");
            assert!(!text.contains("  ") && !text.contains(" \n") && !text.contains("\n "), "stray spaces in {text:?}");
            assert!(!text.contains('\r') && !text.contains('\t'), "a control character in {text:?}");
        }
    }

    #[test]
    fn french_texts_put_a_no_break_space_before_double_punctuation() {
        let french = TEMPLATES
            .iter()
            .flat_map(|t| [t.name[1], t.title[1], t.body[1]])
            .chain([STANDING_ADVICE[1], NOT_AN_EMERGENCY[1]])
            .chain(Blank::ALL.iter().map(|b| b.label(Lang::Fr)));
        for text in french {
            let chars: Vec<char> = text.chars().collect();
            for (i, c) in chars.iter().enumerate() {
                if "?!:;".contains(*c) {
                    assert!(i > 0 && chars[i - 1] == '\u{a0}', "no no-break space before {c:?} in {text:?}");
                }
            }
        }
    }

    #[test]
    fn blank_codes_read_back_and_nothing_else_does() {
        let mut codes = BTreeSet::new();
        for blank in Blank::ALL {
            assert_eq!(Blank::parse(blank.code()), Some(*blank));
            assert!(codes.insert(blank.code()), "{} is used twice", blank.code());
            assert!(blank.max_chars() > 0);
            for lang in Lang::ALL {
                assert!(!blank.label(lang).is_empty() && !blank.hint(lang).is_empty(), "{blank:?} {lang:?}");
            }
        }
        assert_eq!(Blank::parse("Place"), None);
        assert_eq!(Blank::parse(""), None);
        assert_eq!(Blank::parse("{place}"), None);
    }

    #[test]
    fn every_template_blank_is_offered_by_the_form() {
        for t in TEMPLATES {
            assert!(t.blanks.iter().all(|b| Blank::ALL.contains(b)), "{}", t.key);
        }
    }

    #[test]
    fn the_standing_advice_gives_101_and_112_in_every_language() {
        for (i, lang) in LANGS.iter().enumerate() {
            for text in [STANDING_ADVICE[i], NOT_AN_EMERGENCY[i]] {
                assert!(text.contains("101") && text.contains("112"), "{lang}: {text}");
            }
            let network = crate::i18n::Common::KindBin.get(Lang::ALL[i]);
            assert!(STANDING_ADVICE[i].contains(network), "{lang}: names the network");
        }
        assert_ne!(STANDING_ADVICE[0], STANDING_ADVICE[1]);
    }
}
