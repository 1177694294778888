//! The one application error. Each variant is a stable snake_case code that travels to the
//! browser and is translated there; the internal cause of a failure is logged once, on the
//! server, where it happens, and never sent.

use crate::i18n::Lang;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// Declares every error once: its variant, its stable code, its HTTP status and its message in
/// the four languages (Dutch, French, German, English). The enum, `code`, `status`, `ALL` and
/// the server's messages are generated from that one table, so none can miss a variant.
macro_rules! errors {
    ($($name:ident = $code:literal, $status:literal, [$nl:literal, $fr:literal, $de:literal, $en:literal $(,)?]),+ $(,)?) => {
        /// Everything that can go wrong, as the user may be told it.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
        pub enum AppError {
            $(#[error($code)] #[serde(rename = $code)] $name,)+
        }

        impl AppError {
            /// Every error, in the order of the table.
            pub const ALL: [AppError; [$($code),+].len()] = [$(AppError::$name),+];

            /// The stable code, as the API and the logs show it.
            pub fn code(self) -> &'static str {
                match self {
                    $(AppError::$name => $code,)+
                }
            }

            /// The message's key in the page's texts: `error.<code>`.
            pub fn key(self) -> &'static str {
                match self {
                    $(AppError::$name => concat!("error.", $code),)+
                }
            }

            /// The HTTP status that fits, for the REST API and server functions.
            pub fn status(self) -> u16 {
                match self {
                    $(AppError::$name => $status,)+
                }
            }

            /// The message for a reader of `lang`, on the server (the browser reads the page's copy).
            #[cfg(not(feature = "hydrate"))]
            fn server_message(self, lang: Lang) -> &'static str {
                lang.pick(match self {
                    $(AppError::$name => [$nl, $fr, $de, $en],)+
                })
            }
        }
    };
}

errors! {
    InvalidEmail = "invalid_email", 400, [
        "Dit e-mailadres is niet geldig. Controleer het en probeer opnieuw.",
        "Cette adresse e-mail n'est pas valide. Vérifiez-la et réessayez.",
        "Diese E-Mail-Adresse ist ungültig. Bitte prüfen Sie sie und versuchen Sie es erneut.",
        "This e-mail address is not valid. Check it and try again.",
    ],
    WeakPassword = "weak_password", 400, [
        "Kies een wachtwoord van minstens 10 tekens. Een zin van enkele woorden is sterk en makkelijk te onthouden.",
        "Choisissez un mot de passe d'au moins 10 caractères. Une phrase de quelques mots est solide et facile à retenir.",
        "Wählen Sie ein Passwort mit mindestens 10 Zeichen. Ein Satz aus einigen Wörtern ist sicher und leicht zu merken.",
        "Choose a password of at least 10 characters. A sentence of a few words is strong and easy to remember.",
    ],
    PasswordTooLong = "password_too_long", 400, [
        "Dit wachtwoord is te lang (hoogstens 200 tekens).",
        "Ce mot de passe est trop long (200 caractères au maximum).",
        "Dieses Passwort ist zu lang (höchstens 200 Zeichen).",
        "This password is too long (200 characters at most).",
    ],
    PasswordsDiffer = "passwords_differ", 400, [
        "De twee wachtwoorden zijn niet gelijk.",
        "Les deux mots de passe ne sont pas identiques.",
        "Die beiden Passwörter stimmen nicht überein.",
        "The two passwords are not the same.",
    ],
    InvalidName = "invalid_name", 400, [
        "Vul een naam in van hoogstens 80 tekens.",
        "Indiquez un nom de 80 caractères au maximum.",
        "Geben Sie einen Namen mit höchstens 80 Zeichen ein.",
        "Enter a name of at most 80 characters.",
    ],
    EmailTaken = "email_taken", 409, [
        "Er bestaat al een account met dit e-mailadres. Meld u aan of vraag een nieuw wachtwoord.",
        "Un compte existe déjà avec cette adresse. Connectez-vous ou demandez un nouveau mot de passe.",
        "Mit dieser Adresse besteht bereits ein Konto. Melden Sie sich an oder fordern Sie ein neues Passwort an.",
        "An account with this address already exists. Sign in or ask for a new password.",
    ],
    BadCredentials = "bad_credentials", 401, [
        "Dit e-mailadres en wachtwoord horen niet bij elkaar.",
        "Cette adresse e-mail et ce mot de passe ne correspondent pas.",
        "E-Mail-Adresse und Passwort passen nicht zusammen.",
        "This e-mail address and password do not match.",
    ],
    EmailNotConfirmed = "email_not_confirmed", 400, [
        "Bevestig eerst uw e-mailadres met de link die we u stuurden. We hebben een nieuwe link verstuurd.",
        "Confirmez d'abord votre adresse avec le lien envoyé. Nous venons d'en envoyer un nouveau.",
        "Bestätigen Sie zuerst Ihre Adresse über den zugesandten Link. Wir haben einen neuen Link geschickt.",
        "First confirm your address with the link we sent you. We have sent a new link.",
    ],
    TooManyWrongPasswords = "rate_limited", 429, [
        "Te veel verkeerde wachtwoorden voor dit adres. Meld u aan vanuit een browser waarin u al eerder aangemeld was, kies een nieuw wachtwoord via 'Wachtwoord vergeten?', of wacht een kwartier.",
        "Trop de mots de passe erronés pour cette adresse. Connectez-vous depuis un navigateur où vous vous êtes déjà connecté, choisissez un nouveau mot de passe via «\u{a0}Mot de passe oublié\u{a0}?\u{a0}», ou attendez un quart d'heure.",
        "Zu viele falsche Passwörter für diese Adresse. Melden Sie sich in einem Browser an, in dem Sie schon angemeldet waren, wählen Sie über „Passwort vergessen?“ ein neues Passwort oder warten Sie eine Viertelstunde.",
        "Too many wrong passwords for this address. Sign in from a browser you signed in from before, choose a new password through 'Forgot your password?', or wait a quarter of an hour.",
    ],
    LinkInvalid = "link_invalid", 400, [
        "Deze link is niet geldig. Vraag een nieuwe aan.",
        "Ce lien n'est pas valide. Demandez-en un nouveau.",
        "Dieser Link ist ungültig. Fordern Sie einen neuen an.",
        "This link is not valid. Ask for a new one.",
    ],
    LinkExpired = "link_expired", 400, [
        "Deze link is verlopen. Vraag een nieuwe aan.",
        "Ce lien a expiré. Demandez-en un nouveau.",
        "Dieser Link ist abgelaufen. Fordern Sie einen neuen an.",
        "This link has expired. Ask for a new one.",
    ],
    LinkUsed = "link_used", 400, [
        "Deze link is al gebruikt.",
        "Ce lien a déjà été utilisé.",
        "Dieser Link wurde bereits verwendet.",
        "This link has already been used.",
    ],
    NotSignedIn = "not_signed_in", 401, [
        "Meld u eerst aan.",
        "Connectez-vous d'abord.",
        "Bitte melden Sie sich zuerst an.",
        "Please sign in first.",
    ],
    Forbidden = "forbidden", 403, [
        "U hebt geen toegang tot deze gegevens.",
        "Vous n'avez pas accès à ces données.",
        "Sie haben keinen Zugriff auf diese Daten.",
        "You do not have access to this information.",
    ],
    NotFound = "not_found", 404, [
        "Deze pagina bestaat niet (meer).",
        "Cette page n'existe pas (ou plus).",
        "Diese Seite gibt es nicht (mehr).",
        "This page does not exist (any more).",
    ],
    ConfirmationMismatch = "confirmation_mismatch", 400, [
        "Typ ter bevestiging precies het gevraagde woord.",
        "Pour confirmer, tapez exactement le mot demandé.",
        "Geben Sie zur Bestätigung genau das verlangte Wort ein.",
        "To confirm, type exactly the word asked for.",
    ],
    InvalidInput = "invalid_input", 400, [
        "Deze invoer klopt niet. Controleer de velden en probeer opnieuw.",
        "Cette saisie n'est pas correcte. Vérifiez les champs et réessayez.",
        "Diese Eingabe ist nicht korrekt. Prüfen Sie die Felder und versuchen Sie es erneut.",
        "This input is not right. Check the fields and try again.",
    ],
    UnknownPostcode = "unknown_postcode", 400, [
        "Deze postcode kennen we niet in België. Een Belgische postcode heeft vier cijfers, bijvoorbeeld 9000.",
        "Ce code postal n'existe pas en Belgique. Un code postal belge a quatre chiffres, par exemple 5000.",
        "Diese Postleitzahl gibt es in Belgien nicht. Eine belgische Postleitzahl hat vier Ziffern, zum Beispiel 4700.",
        "We do not know this postcode in Belgium. A Belgian postcode has four digits, for example 1000.",
    ],
    InvalidCoordinates = "invalid_coordinates", 400, [
        "Deze coördinaten kloppen niet. Gebruik breedte en lengte in graden, bijvoorbeeld 50.85, 4.35.",
        "Ces coordonnées ne sont pas valables. Indiquez latitude et longitude en degrés, par exemple 50.85, 4.35.",
        "Diese Koordinaten sind ungültig. Geben Sie Breite und Länge in Grad an, zum Beispiel 50.85, 4.35.",
        "These coordinates are not valid. Give latitude and longitude in degrees, for example 50.85, 4.35.",
    ],
    OutsideBelgium = "outside_belgium", 400, [
        "Deze plek ligt niet in België. Nabij toont alleen Belgische netwerken.",
        "Cet endroit ne se trouve pas en Belgique. Nabij ne montre que des réseaux belges.",
        "Dieser Ort liegt nicht in Belgien. Nabij zeigt nur belgische Netzwerke.",
        "This place is not in Belgium. Nabij only shows Belgian networks.",
    ],
    EmptyQuery = "empty_query", 400, [
        "Vul een postcode, een gemeente of een adres in.",
        "Indiquez un code postal, une commune ou une adresse.",
        "Geben Sie eine Postleitzahl, eine Gemeinde oder eine Adresse ein.",
        "Enter a postcode, a municipality or an address.",
    ],
    QueryTooLong = "query_too_long", 400, [
        "Deze zoekopdracht is te lang. Een postcode of gemeentenaam volstaat.",
        "Cette recherche est trop longue. Un code postal ou un nom de commune suffit.",
        "Diese Suche ist zu lang. Eine Postleitzahl oder ein Gemeindename genügt.",
        "This search is too long. A postcode or the name of a municipality is enough.",
    ],
    PlaceNotFound = "place_not_found", 400, [
        "Deze plaats vinden we niet in België. Probeer een postcode of de naam van de gemeente.",
        "Nous ne trouvons pas ce lieu en Belgique. Essayez un code postal ou le nom de la commune.",
        "Diesen Ort finden wir in Belgien nicht. Versuchen Sie eine Postleitzahl oder den Gemeindenamen.",
        "We cannot find this place in Belgium. Try a postcode or the name of the municipality.",
    ],
    InvalidLimit = "invalid_limit", 400, [
        "Het aantal resultaten moet tussen 1 en 100 liggen.",
        "Le nombre de résultats doit être compris entre 1 et 100.",
        "Die Anzahl der Ergebnisse muss zwischen 1 und 100 liegen.",
        "The number of results must be between 1 and 100.",
    ],
    TooManyRequests = "too_many_requests", 429, [
        "Te veel aanvragen na elkaar. Wacht even en probeer opnieuw.",
        "Trop de requêtes à la suite. Patientez un instant et réessayez.",
        "Zu viele Anfragen hintereinander. Warten Sie kurz und versuchen Sie es erneut.",
        "Too many requests in a row. Wait a moment and try again.",
    ],
    QuizOutOfStep = "quiz_out_of_step", 409, [
        "Deze vraag is al beantwoord. De quiz gaat verder waar u was.",
        "Cette question a déjà reçu une réponse. Le quiz reprend là où vous étiez.",
        "Diese Frage wurde bereits beantwortet. Das Quiz geht dort weiter, wo Sie waren.",
        "This question was already answered. The quiz goes on where you were.",
    ],
    TrackNotComplete = "track_not_complete", 400, [
        "Het certificaat komt er zodra u de quiz van elke cursus hebt gehaald.",
        "Le certificat est délivré dès que vous avez réussi le quiz de chaque cours.",
        "Das Zertifikat gibt es, sobald Sie das Quiz jedes Kurses bestanden haben.",
        "The certificate comes once you have passed the quiz of every course.",
    ],
    AlreadyRevoked = "already_revoked", 409, [
        "Dit certificaat is al ingetrokken.",
        "Ce certificat a déjà été révoqué.",
        "Dieses Zertifikat wurde bereits widerrufen.",
        "This certificate has already been revoked.",
    ],
    NotCertified = "not_certified", 400, [
        "Alleen wie een geldig certificaat heeft, kan zich als CPA-vrijwilliger laten zien.",
        "Seules les personnes titulaires d'un certificat valide peuvent se faire connaître comme bénévole CPA.",
        "Nur wer ein gültiges Zertifikat hat, kann sich als CPA-Freiwillige(r) zeigen.",
        "Only someone with a valid certificate can be listed as a CPA volunteer.",
    ],
    AddressNotCovered = "address_not_covered", 400, [
        "Dit adres ligt niet in het gebied van dit BIN, noch van een ander BIN. Controleer straat, huisnummer en postcode, of start zelf een BIN.",
        "Cette adresse n'est pas dans le territoire de ce PLP ni d'un autre. Vérifiez la rue, le numéro et le code postal, ou lancez vous-même un PLP.",
        "Diese Adresse liegt weder im Gebiet dieses NIN noch eines anderen. Prüfen Sie Straße, Hausnummer und Postleitzahl oder gründen Sie selbst ein NIN.",
        "This address is not in this BIN's area, nor in another's. Check the street, number and postcode, or start a BIN yourself.",
    ],
    InvalidPhone = "invalid_phone", 400, [
        "Dit telefoonnummer is niet geldig. Gebruik cijfers, spaties en eventueel + (bv. 0470 12 34 56).",
        "Ce numéro de téléphone n'est pas valide. Utilisez des chiffres, des espaces et éventuellement + (p. ex. 0470 12 34 56).",
        "Diese Telefonnummer ist ungültig. Verwenden Sie Ziffern, Leerzeichen und ggf. + (z. B. 0470 12 34 56).",
        "This phone number is not valid. Use digits, spaces and perhaps + (e.g. 0470 12 34 56).",
    ],
    ConsentRequired = "consent_required", 400, [
        "Om lid te worden moet u de afspraken van het BIN en de privacyverklaring aanvaarden.",
        "Pour devenir membre, vous devez accepter les engagements du PLP et la déclaration de confidentialité.",
        "Um Mitglied zu werden, müssen Sie die Vereinbarungen des NIN und die Datenschutzerklärung annehmen.",
        "To become a member you need to accept the BIN's agreements and the privacy notice.",
    ],
    AlreadyDecided = "already_decided", 409, [
        "Over deze aanvraag is al beslist.",
        "Cette demande a déjà été traitée.",
        "Über diesen Antrag wurde bereits entschieden.",
        "This request has already been decided.",
    ],
    BinNotOpen = "bin_not_open", 409, [
        "Dit BIN neemt geen nieuwe leden aan (het is niet actief).",
        "Ce PLP n'accepte pas de nouveaux membres (il n'est pas actif).",
        "Dieses NIN nimmt keine neuen Mitglieder auf (es ist nicht aktiv).",
        "This BIN is not taking new members (it is not active).",
    ],
    NotAMember = "not_a_member", 400, [
        "Deze persoon is (niet langer) lid van dit BIN.",
        "Cette personne n'est pas (ou plus) membre de ce PLP.",
        "Diese Person ist (nicht mehr) Mitglied dieses NIN.",
        "This person is not (or no longer) a member of this BIN.",
    ],
    CertificateRevoked = "certificate_revoked", 403, [
        "Uw certificaat werd ingetrokken door het kenniscentrum. Neem contact met hen op voor een nieuw.",
        "Votre certificat a été révoqué par le Centre d'expertise PLP. Contactez-le pour en obtenir un nouveau.",
        "Ihr Zertifikat wurde vom Kompetenzzentrum widerrufen. Wenden Sie sich für ein neues an das Kompetenzzentrum.",
        "Your certificate was revoked by the knowledge centre. Contact them for a new one.",
    ],
    InvalidBinName = "invalid_bin_name", 400, [
        "Geef het netwerk een naam van 3 tot 80 tekens, met letters.",
        "Donnez au réseau un nom de 3 à 80 caractères, avec des lettres.",
        "Geben Sie dem Netzwerk einen Namen mit 3 bis 80 Zeichen, mit Buchstaben.",
        "Give the network a name of 3 to 80 characters, with letters.",
    ],
    InvalidText = "invalid_text", 400, [
        "Deze tekst is te kort of te lang. Kijk naar de gevraagde lengte onder het veld.",
        "Ce texte est trop court ou trop long. Voyez la longueur demandée sous le champ.",
        "Dieser Text ist zu kurz oder zu lang. Beachten Sie die Länge unter dem Feld.",
        "This text is too short or too long. See the length asked for below the field.",
    ],
    InvalidStreets = "invalid_streets", 400, [
        "Schrijf één straat per regel: straat; eerste-laatste huisnummer; even, oneven of alle. Bijvoorbeeld: Kerkstraat; 1-99; oneven. Hoogstens 60 straten.",
        "Écrivez une rue par ligne\u{a0}: rue\u{a0}; premier-dernier numéro\u{a0}; pair, impair ou tous. Par exemple\u{a0}: Rue de l'Église; 1-99; impair. 60 rues au maximum.",
        "Schreiben Sie eine Straße pro Zeile: Straße; erste-letzte Hausnummer; gerade, ungerade oder alle. Zum Beispiel: Kirchstraße; 1-99; ungerade. Höchstens 60 Straßen.",
        "Write one street per line: street; first-last house number; odd, even or all. For example: Church Street; 1-99; odd. At most 60 streets.",
    ],
    AlreadySigned = "already_signed", 409, [
        "Dit charter is al ondertekend voor deze partij, of u hebt al voor een andere partij getekend. Elke partij tekent door een andere persoon.",
        "Cette charte est déjà signée pour cette partie, ou vous avez déjà signé pour une autre partie. Chaque partie signe par une personne différente.",
        "Diese Charta ist für diese Partei bereits unterzeichnet, oder Sie haben schon für eine andere Partei unterzeichnet. Jede Partei unterzeichnet durch eine andere Person.",
        "This charter is already signed for this party, or you have already signed for another party. Each party signs through a different person.",
    ],
    WrongState = "wrong_state", 409, [
        "Deze stap kan nu niet: de toestand van het netwerk is intussen veranderd. Laad de pagina opnieuw.",
        "Cette étape n'est pas possible maintenant\u{a0}: le réseau a changé d'état entre-temps. Rechargez la page.",
        "Dieser Schritt ist jetzt nicht möglich: Das Netzwerk hat inzwischen seinen Stand geändert. Laden Sie die Seite neu.",
        "This step is not possible now: the network has moved on meanwhile. Reload the page.",
    ],
    RequestTooSoon = "request_too_soon", 409, [
        "U hebt dit netwerk minder dan 30 dagen geleden verlaten, of uw vorige aanvraag werd toen afgewezen. U kunt later opnieuw vragen, of de coördinator rechtstreeks contacteren.",
        "Vous avez quitté ce réseau il y a moins de 30 jours, ou votre demande précédente a été refusée depuis moins de 30 jours. Vous pourrez redemander plus tard, ou contacter directement le coordinateur.",
        "Sie haben dieses Netzwerk vor weniger als 30 Tagen verlassen, oder Ihr letzter Antrag wurde vor weniger als 30 Tagen abgelehnt. Sie können später erneut fragen oder sich direkt an die koordinierende Person wenden.",
        "You left this network less than 30 days ago, or your previous request was declined less than 30 days ago. You can ask again later, or contact the coordinator directly.",
    ],
    NoRecipients = "no_recipients", 400, [
        "Dit bericht bereikt niemand: kies minstens één netwerk met leden.",
        "Ce message n'atteint personne\u{a0}: choisissez au moins un réseau qui a des membres.",
        "Diese Nachricht erreicht niemanden: Wählen Sie mindestens ein Netzwerk mit Mitgliedern.",
        "This message reaches nobody: choose at least one network that has members.",
    ],
    SendLimit = "send_limit", 429, [
        "U hebt het maximum aantal berichten voor dit uur bereikt. Probeer later opnieuw, of bel bij nood 101.",
        "Vous avez atteint le nombre maximal de messages pour cette heure. Réessayez plus tard\u{a0}; en cas d'urgence, appelez le 101.",
        "Sie haben die Höchstzahl an Nachrichten für diese Stunde erreicht. Versuchen Sie es später erneut; im Notfall rufen Sie 101 an.",
        "You have reached the most messages allowed this hour. Try again later; in an emergency, call 101.",
    ],
    PhotoNotImage = "photo_not_image", 400, [
        "Dit bestand is geen foto die we kunnen lezen. Kies een JPEG- of PNG-foto.",
        "Ce fichier n'est pas une photo lisible. Choisissez une photo JPEG ou PNG.",
        "Diese Datei ist kein lesbares Foto. Wählen Sie ein JPEG- oder PNG-Foto.",
        "This file is not a photo we can read. Choose a JPEG or PNG photo.",
    ],
    PhotoTooLarge = "photo_too_large", 413, [
        "Deze foto is te groot (hoogstens 5 MB). Kies een kleinere of verklein ze eerst.",
        "Cette photo est trop grande (5 Mo au maximum). Choisissez-en une plus petite ou réduisez-la d'abord.",
        "Dieses Foto ist zu groß (höchstens 5 MB). Wählen Sie ein kleineres oder verkleinern Sie es zuerst.",
        "This photo is too large (5 MB at most). Choose a smaller one or make it smaller first.",
    ],
    InvalidTime = "invalid_time", 400, [
        "Dit tijdstip kan niet: kies een moment in de afgelopen 30 dagen, niet in de toekomst.",
        "Ce moment n'est pas possible\u{a0}: choisissez un moment des 30 derniers jours, pas dans le futur.",
        "Dieser Zeitpunkt ist nicht möglich: Wählen Sie einen Zeitpunkt in den letzten 30 Tagen, nicht in der Zukunft.",
        "This time is not possible: choose a moment in the last 30 days, not in the future.",
    ],
    RequestTooLarge = "request_too_large", 413, [
        "Wat u verstuurde is te groot. Maak uw tekst korter en probeer opnieuw.",
        "Ce que vous avez envoyé est trop volumineux. Raccourcissez votre texte et réessayez.",
        "Was Sie gesendet haben, ist zu groß. Kürzen Sie Ihren Text und versuchen Sie es erneut.",
        "What you sent is too large. Make your text shorter and try again.",
    ],
    AreaReachesNothing = "area_reaches_nothing", 400, [
        "Het getekende gebied raakt geen enkel netwerk van uw zone. Teken het groter of elders op de kaart.",
        "Le secteur dessiné ne touche aucun réseau de votre zone de police. Dessinez-le plus grand ou ailleurs sur la carte.",
        "Das gezeichnete Gebiet berührt kein Netzwerk Ihrer Zone. Zeichnen Sie es größer oder an einer anderen Stelle der Karte.",
        "The area you drew touches none of your zone's networks. Draw it larger or elsewhere on the map.",
    ],
    LastZoneAdmin = "last_zone_admin", 409, [
        "Dit is de laatste beheerder van de zone. Nodig eerst een andere beheerder uit; na diens aanvaarding kunt u deze rol weghalen.",
        "C'est le dernier administrateur de la zone. Invitez d'abord un autre administrateur\u{a0}; une fois l'invitation acceptée, vous pourrez retirer ce rôle.",
        "Dies ist die letzte verwaltende Person der Zone. Laden Sie zuerst eine andere ein; sobald sie angenommen hat, können Sie diese Rolle entfernen.",
        "This is the zone's last administrator. Invite another administrator first; once they have accepted, you can remove this role.",
    ],
    InvitationOtherAccount = "invitation_other_account", 403, [
        "Deze uitnodiging is voor een ander e-mailadres dan dat van uw account. Meld u af en meld u aan (of maak een account aan) met het uitgenodigde adres.",
        "Cette invitation est destinée à une autre adresse e-mail que celle de votre compte. Déconnectez-vous et connectez-vous (ou créez un compte) avec l'adresse invitée.",
        "Diese Einladung gilt für eine andere E-Mail-Adresse als die Ihres Kontos. Melden Sie sich ab und mit der eingeladenen Adresse an (oder legen Sie damit ein Konto an).",
        "This invitation is for a different e-mail address than your account's. Sign out, then sign in (or create an account) with the invited address.",
    ],
    InvitationClosed = "invitation_closed", 410, [
        "Deze uitnodiging geldt niet meer: ze werd al aanvaard, ingetrokken, of is ouder dan 7 dagen. Vraag wie u uitnodigde om een nieuwe.",
        "Cette invitation n'est plus valable\u{a0}: elle a déjà été acceptée, retirée, ou date de plus de 7 jours. Demandez-en une nouvelle à la personne qui vous a invité.",
        "Diese Einladung gilt nicht mehr: Sie wurde bereits angenommen, zurückgezogen oder ist älter als 7 Tage. Bitten Sie die einladende Person um eine neue.",
        "This invitation is no longer valid: it was accepted or withdrawn already, or is more than 7 days old. Ask whoever invited you for a new one.",
    ],
    AlreadyInvited = "already_invited", 409, [
        "Dit adres heeft al een openstaande uitnodiging voor deze rol. Stuur die opnieuw vanuit de lijst van uitnodigingen.",
        "Cette adresse a déjà une invitation en attente pour ce rôle. Renvoyez-la depuis la liste des invitations.",
        "Diese Adresse hat bereits eine offene Einladung für diese Rolle. Senden Sie sie aus der Liste der Einladungen erneut.",
        "This address already has an open invitation for this role. Send it again from the list of invitations.",
    ],
    AlreadyHasRole = "already_has_role", 409, [
        "Deze persoon heeft deze rol al.",
        "Cette personne a déjà ce rôle.",
        "Diese Person hat diese Rolle bereits.",
        "This person already has this role.",
    ],
    ResendLimit = "resend_limit", 429, [
        "Deze uitnodiging werd al 3 keer verstuurd. Trek ze in en nodig opnieuw uit als het adres misschien niet klopt.",
        "Cette invitation a déjà été envoyée 3 fois. Retirez-la et invitez à nouveau si l'adresse est peut-être erronée.",
        "Diese Einladung wurde bereits 3-mal gesendet. Ziehen Sie sie zurück und laden Sie neu ein, falls die Adresse falsch sein könnte.",
        "This invitation has been sent 3 times already. Withdraw it and invite again if the address may be wrong.",
    ],
    ChooseMunicipality = "choose_municipality", 400, [
        "Kies de gemeente waarvoor deze persoon tekent (een gemeente van de zone).",
        "Choisissez la commune pour laquelle cette personne signe (une commune de la zone).",
        "Wählen Sie die Gemeinde, für die diese Person unterschreibt (eine Gemeinde der Zone).",
        "Choose the municipality this person signs for (one of the zone's municipalities).",
    ],
    MailLimit = "mail_limit", 429, [
        "Dit adres kreeg het voorbije uur al 3 e-mails van deze soort. Er is niets verstuurd; probeer het over een uur opnieuw.",
        "Cette adresse a déjà reçu 3 e-mails de ce type dans l'heure. Rien n'a été envoyé\u{a0}; réessayez dans une heure.",
        "Diese Adresse hat in der letzten Stunde bereits 3 E-Mails dieser Art erhalten. Es wurde nichts gesendet; versuchen Sie es in einer Stunde erneut.",
        "This address has had 3 e-mails of this kind in the past hour. Nothing was sent; try again in an hour.",
    ],
    Network = "network", 500, [
        "De verbinding met de server viel weg. Controleer uw internet en probeer opnieuw.",
        "La connexion au serveur a été interrompue. Vérifiez votre connexion et réessayez.",
        "Die Verbindung zum Server wurde unterbrochen. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
        "The connection to the server was lost. Check your internet and try again.",
    ],
    Unavailable = "unavailable", 503, [
        "Nabij kan uw gegevens nu even niet bereiken. Er is niets gewijzigd; probeer het over een minuut opnieuw.",
        "Nabij ne peut pas atteindre vos données pour le moment. Rien n'a été modifié\u{a0}; réessayez dans une minute.",
        "Nabij kann Ihre Daten gerade nicht erreichen. Es wurde nichts geändert; versuchen Sie es in einer Minute erneut.",
        "Nabij cannot reach its data just now. Nothing has been changed; try again in a minute.",
    ],
    Internal = "internal", 500, [
        "Er ging iets mis aan onze kant. Uw gegevens zijn niet gewijzigd. Probeer later opnieuw.",
        "Un problème est survenu chez nous. Vos données n'ont pas été modifiées. Réessayez plus tard.",
        "Bei uns ist ein Fehler aufgetreten. Ihre Daten wurden nicht geändert. Versuchen Sie es später erneut.",
        "Something went wrong on our side. Your data has not been changed. Please try again later.",
    ],
}

impl AppError {
    /// A destructive step's form carries a ticked "I confirm" box (`confirm=yes`); without it
    /// nothing happens and the reader is told why.
    pub fn confirmed(confirm: Option<&str>) -> Result<(), AppError> {
        if confirm == Some("yes") { Ok(()) } else { Err(AppError::ConfirmationMismatch) }
    }

    /// The error a stable code names (as a redirect carries it in its query).
    pub fn from_code(code: &str) -> Option<AppError> {
        AppError::ALL.into_iter().find(|e| e.code() == code)
    }

    /// The message for a reader of `lang`.
    #[cfg(feature = "hydrate")]
    pub fn message(self, _lang: Lang) -> &'static str {
        crate::i18n::page_text(self.key())
    }

    /// The message for a reader of `lang`.
    #[cfg(not(feature = "hydrate"))]
    pub fn message(self, lang: Lang) -> &'static str {
        self.server_message(lang)
    }
}

impl FromServerFnError for AppError {
    type Encoder = crate::codec::TextJsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => AppError::Network,
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => AppError::InvalidInput,
            _ => AppError::Internal,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    /// Database failures are logged here, once. A database that cannot be reached or cannot
    /// write just now (restarting, connections used up, disk full, busy) leaves as
    /// `unavailable` (503, try again); anything else as `internal`.
    fn from(error: sqlx::Error) -> Self {
        if unreachable(&error) {
            tracing::warn!(error = %error, "database unavailable");
            AppError::Unavailable
        } else {
            tracing::error!(error = %error, "database error");
            AppError::Internal
        }
    }
}

/// Whether a database error says the database is out of reach for a while rather than that
/// the request or the code is wrong.
#[cfg(feature = "ssr")]
fn unreachable(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(e) => e.code().is_some_and(|code| unavailable_code(&code)),
        _ => false,
    }
}

/// PostgreSQL (a five-character SQLSTATE): a connection exception (class 08), insufficient
/// resources (53: disk full, out of memory, too many connections), the server shutting down or
/// starting (57P01 to 57P03). SQLite (a number below 10,000; its primary code is the low byte): busy (5), locked (6), I/O error (10),
/// full (13), cannot open (14).
#[cfg(feature = "ssr")]
fn unavailable_code(code: &str) -> bool {
    if code.len() == 5 {
        return code.starts_with("08") || code.starts_with("53") || matches!(code, "57P01" | "57P02" | "57P03");
    }
    code.parse::<i64>().is_ok_and(|sqlite| matches!(sqlite & 0xff, 5 | 6 | 10 | 13 | 14))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_match_their_serialized_form() {
        let mut seen = std::collections::HashSet::new();
        for error in AppError::ALL {
            assert!(seen.insert(error.code()), "duplicate code {}", error.code());
            let json = serde_json::to_string(&error).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", error.code()));
            assert_eq!(error.to_string(), error.code());
        }
    }

    #[test]
    fn every_code_has_a_message_in_every_language() {
        for error in AppError::ALL {
            let messages: Vec<_> = Lang::ALL.iter().map(|l| error.message(*l)).collect();
            for message in &messages {
                assert!(message.len() > 10, "{error:?}");
            }
            // The four languages really differ: no untranslated copy.
            assert_eq!(messages.iter().collect::<std::collections::HashSet<_>>().len(), 4, "{error:?}");
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_database_out_of_reach_is_unavailable_and_a_wrong_query_internal() {
        for code in ["08006", "08001", "57P01", "57P03", "53100", "53300", "5", "13", "517", "778"] {
            assert!(unavailable_code(code), "{code}");
        }
        for code in ["23505", "42P01", "22001", "40001", "1", "19", "2067"] {
            assert!(!unavailable_code(code), "{code}");
        }
        assert_eq!(AppError::from(sqlx::Error::PoolTimedOut), AppError::Unavailable);
        assert_eq!(AppError::from(sqlx::Error::RowNotFound), AppError::Internal);
        assert_eq!(AppError::Unavailable.status(), 503);
    }

    #[test]
    fn user_mistakes_are_never_a_server_error() {
        for error in AppError::ALL {
            if !matches!(error, AppError::Internal | AppError::Network | AppError::Unavailable) {
                assert!(error.status() < 500, "{error:?}");
            }
        }
    }
}
