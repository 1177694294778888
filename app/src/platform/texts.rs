//! The words of the e-mails the platform writes, in Dutch, French, German and English (in that
//! order). Like all of platform, they are compiled for the server only, so they never reach the
//! browser.

crate::i18n::texts! {
    /// The words of the platform's e-mails, used on the server only (never sent to the browser).
    Words in "platform.words" {
        MailConfirmEmailSubject => [
            "Bevestig uw e-mailadres",
            "Confirmez votre adresse e-mail",
            "Bestätigen Sie Ihre E-Mail-Adresse",
            "Confirm your e-mail address",
        ],
        MailConfirmEmailBody => [
            "Welkom bij Nabij. Open deze link om uw e-mailadres te bevestigen (48 uur geldig):",
            "Bienvenue sur Nabij. Ouvrez ce lien pour confirmer votre adresse (valable 48 heures)\u{a0}:",
            "Willkommen bei Nabij. Öffnen Sie diesen Link, um Ihre Adresse zu bestätigen (48 Stunden gültig):",
            "Welcome to Nabij. Open this link to confirm your address (valid for 48 hours):",
        ],
        MailConfirmEmailIgnore => [
            "Hebt u geen account aangemaakt? Dan mag u dit bericht negeren.",
            "Vous n'avez pas créé de compte\u{a0}? Ignorez simplement ce message.",
            "Sie haben kein Konto angelegt? Dann ignorieren Sie diese Nachricht.",
            "Did not create an account? Then you can ignore this message.",
        ],
        MailResetPasswordSubject => [
            "Nieuw wachtwoord kiezen",
            "Choisir un nouveau mot de passe",
            "Neues Passwort wählen",
            "Choose a new password",
        ],
        MailResetPasswordBody => [
            "Open deze link om een nieuw wachtwoord te kiezen (1 uur geldig):",
            "Ouvrez ce lien pour choisir un nouveau mot de passe (valable 1 heure)\u{a0}:",
            "Öffnen Sie diesen Link, um ein neues Passwort zu wählen (1 Stunde gültig):",
            "Open this link to choose a new password (valid for 1 hour):",
        ],
        MailResetPasswordIgnore => [
            "Vroeg u dit niet aan? Dan blijft uw wachtwoord ongewijzigd.",
            "Vous n'avez rien demandé\u{a0}? Votre mot de passe reste inchangé.",
            "Sie haben nichts angefordert? Dann bleibt Ihr Passwort unverändert.",
            "Did not ask for this? Then your password stays as it is.",
        ],
        MailConfirmNewEmailSubject => [
            "Bevestig uw nieuwe e-mailadres",
            "Confirmez votre nouvelle adresse e-mail",
            "Bestätigen Sie Ihre neue E-Mail-Adresse",
            "Confirm your new e-mail address",
        ],
        MailConfirmNewEmailBody => [
            "Open deze link om dit adres voortaan voor Nabij te gebruiken (48 uur geldig):",
            "Ouvrez ce lien pour utiliser désormais cette adresse sur Nabij (valable 48 heures)\u{a0}:",
            "Öffnen Sie diesen Link, um künftig diese Adresse für Nabij zu verwenden (48 Stunden gültig):",
            "Open this link to use this address for Nabij from now on (valid for 48 hours):",
        ],
        MailEmailChangedSubject => [
            "Uw e-mailadres werd gewijzigd",
            "Votre adresse e-mail a été modifiée",
            "Ihre E-Mail-Adresse wurde geändert",
            "Your e-mail address was changed",
        ],
        MailEmailChangedBody => [
            "Uw Nabij-account gebruikt nu het adres",
            "Votre compte Nabij utilise désormais l'adresse",
            "Ihr Nabij-Konto verwendet jetzt die Adresse",
            "Your Nabij account now uses the address",
        ],
        MailEmailChangedNotYou => [
            "Was u dit niet? Wijzig dan meteen uw wachtwoord: kies op de aanmeldpagina van Nabij \"Wachtwoord vergeten?\" en volg de stappen. Lukt dat niet, antwoord dan op dit bericht.",
            "Ce n'était pas vous\u{a0}? Changez immédiatement votre mot de passe\u{a0}: sur la page de connexion de Nabij, choisissez «\u{a0}Mot de passe oublié\u{a0}?\u{a0}» et suivez les étapes. Si cela ne fonctionne pas, répondez à ce message.",
            "Das waren nicht Sie? Ändern Sie sofort Ihr Passwort: Wählen Sie auf der Anmeldeseite von Nabij „Passwort vergessen?“ und folgen Sie den Schritten. Klappt das nicht, antworten Sie auf diese Nachricht.",
            "Was this not you? Change your password at once: on Nabij's sign-in page, choose \"Forgot your password?\" and follow the steps. If that does not work, reply to this message.",
        ],
        MailAccountDeletedSubject => [
            "Uw account werd verwijderd",
            "Votre compte a été supprimé",
            "Ihr Konto wurde gelöscht",
            "Your account was deleted",
        ],
        MailAccountDeletedBody => [
            "Uw Nabij-account en al uw persoonsgegevens zijn verwijderd. Bedankt voor uw inzet in uw buurt.",
            "Votre compte Nabij et toutes vos données personnelles ont été supprimés. Merci pour votre engagement dans votre quartier.",
            "Ihr Nabij-Konto und alle Ihre personenbezogenen Daten wurden gelöscht. Danke für Ihren Einsatz in Ihrer Nachbarschaft.",
            "Your Nabij account and all your personal data have been deleted. Thank you for caring for your neighbourhood.",
        ],
        MailSetPasswordSubject => [
            "Uw Nabij-account staat klaar",
            "Votre compte Nabij est prêt",
            "Ihr Nabij-Konto ist bereit",
            "Your Nabij account is ready",
        ],
        MailSetPasswordBody => [
            "Er werd een account voor u aangemaakt. Open deze link om uw wachtwoord te kiezen (24 uur geldig):",
            "Un compte a été créé pour vous. Ouvrez ce lien pour choisir votre mot de passe (valable 24 heures)\u{a0}:",
            "Für Sie wurde ein Konto angelegt. Öffnen Sie diesen Link, um Ihr Passwort zu wählen (24 Stunden gültig):",
            "An account was created for you. Open this link to choose your password (valid for 24 hours):",
        ],
        MailAlreadyRegisteredSubject => [
            "U hebt al een account",
            "Vous avez déjà un compte",
            "Sie haben bereits ein Konto",
            "You already have an account",
        ],
        MailAlreadyRegisteredBody => [
            "Iemand probeerde met dit adres een account aan te maken, maar u hebt er al een. Meld u aan of vraag daar een nieuw wachtwoord:",
            "Quelqu'un a essayé de créer un compte avec cette adresse, mais vous en avez déjà un. Connectez-vous ou demandez-y un nouveau mot de passe\u{a0}:",
            "Jemand wollte mit dieser Adresse ein Konto anlegen, aber Sie haben bereits eines. Melden Sie sich an oder fordern Sie dort ein neues Passwort an:",
            "Someone tried to create an account with this address, but you already have one. Sign in, or ask for a new password there:",
        ],
        MailInvitationSubject => [
            "Uitnodiging voor Nabij",
            "Invitation à Nabij",
            "Einladung zu Nabij",
            "Invitation to Nabij",
        ],
        MailInvitationBody => [
            "{a} nodigt u uit op Nabij als {b} voor {c}. Open deze link binnen 7 dagen en aanvaard met een klik. U meldt zich aan, of maakt een account aan, met dit e-mailadres:",
            "{a} vous invite sur Nabij comme {b} pour {c}. Ouvrez ce lien dans les 7 jours et acceptez d'un clic. Connectez-vous, ou créez un compte, avec cette adresse e-mail\u{a0}:",
            "{a} lädt Sie zu Nabij ein, als {b} für {c}. Öffnen Sie diesen Link innerhalb von 7 Tagen und nehmen Sie mit einem Klick an. Sie melden sich mit dieser E-Mail-Adresse an oder legen damit ein Konto an:",
            "{a} invites you to Nabij as {b} for {c}. Open this link within 7 days and accept with one click. You sign in, or create an account, with this e-mail address:",
        ],
        MailInvitationIgnore => [
            "Verwachtte u dit niet? Dan mag u dit bericht negeren; er verandert niets.",
            "Vous ne vous y attendiez pas\u{a0}? Ignorez ce message\u{a0}; rien ne change.",
            "Haben Sie das nicht erwartet? Dann ignorieren Sie diese Nachricht; es ändert sich nichts.",
            "Not expecting this? Then ignore this message; nothing changes.",
        ],
        MailSignature => [
            "Nabij, het platform van de buurtinformatienetwerken",
            "Nabij, la plateforme des partenariats locaux de prévention",
            "Nabij, die Plattform der Nachbarschaftsinformationsnetzwerke (NIN)",
            "Nabij, the platform of Belgium's neighbourhood information networks",
        ],
    }
}
