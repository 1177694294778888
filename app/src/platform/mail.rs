//! E-mail: every message is written to the `outbox` table in the same transaction as the change
//! it reports, and a background sender delivers it. Texts exist in the four languages.

use crate::i18n::Lang;
use crate::platform::db::Pool;
use crate::platform::now;

/// A message to one person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mail {
    ConfirmEmail {
        link: String,
    },
    ResetPassword {
        link: String,
    },
    ConfirmNewEmail {
        link: String,
    },
    EmailChangedNotice {
        new_email: String,
    },
    AccountDeleted,
    SetPassword {
        link: String,
    },
    /// Someone tried to sign up with an address that already has an account.
    AlreadyRegistered {
        sign_in_link: String,
    },
    /// An invitation to a role in a police zone: who invites, the role and its scope already in
    /// the reader's language.
    Invitation {
        link: String,
        inviter: String,
        role: String,
        scope: String,
    },
    /// A notice (also in the inbox), already written in the recipient's language, with a link
    /// to act on it.
    Notice {
        title: String,
        body: String,
        link: String,
    },
}

/// A message ready to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub body: String,
}

const SIGNATURE: [&str; 4] = [
    "Nabij, het platform van de buurtinformatienetwerken",
    "Nabij, la plateforme des partenariats locaux de prévention",
    "Nabij, die Plattform der Nachbarschaftsinformationsnetzwerke (NIN)",
    "Nabij, the platform of Belgium's neighbourhood information networks",
];

/// How many mails of one kind (other than notices) one address gets in an hour at most: enough
/// for a person who asks twice, too few to flood anyone's inbox through our forms.
pub const PER_KIND_PER_HOUR: i64 = 3;

/// How long a sent mail's row (without its text) is kept, for the delivery's record.
pub const KEEP_SENT_S: i64 = 30 * 86_400;

impl Mail {
    /// The kind of this mail, for the limit per recipient.
    pub fn kind(&self) -> &'static str {
        match self {
            Mail::ConfirmEmail { .. } => "confirm",
            Mail::ResetPassword { .. } => "reset",
            Mail::ConfirmNewEmail { .. } => "confirm_new",
            Mail::EmailChangedNotice { .. } => "email_changed",
            Mail::AccountDeleted => "deleted",
            Mail::SetPassword { .. } => "set_password",
            Mail::AlreadyRegistered { .. } => "already_registered",
            Mail::Invitation { .. } => "invitation",
            Mail::Notice { .. } => "notice",
        }
    }

    /// The subject and text of this message in `lang`.
    pub fn render(&self, lang: Lang) -> Rendered {
        let signed = |subject: &str, body: String| Rendered {
            subject: format!("Nabij{}{subject}", lang.colon()),
            body: format!("{body}\n\n-- \n{}\n", lang.pick(SIGNATURE)),
        };
        let (subject, body) = match self {
            Mail::ConfirmEmail { link } => (
                lang.pick([
                    "Bevestig uw e-mailadres",
                    "Confirmez votre adresse e-mail",
                    "Bestätigen Sie Ihre E-Mail-Adresse",
                    "Confirm your e-mail address",
                ]),
                format!(
                    "{}\n\n{link}\n\n{}",
                    lang.pick([
                        "Welkom bij Nabij. Open deze link om uw e-mailadres te bevestigen (48 uur geldig):",
                        "Bienvenue sur Nabij. Ouvrez ce lien pour confirmer votre adresse (valable 48 heures)\u{a0}:",
                        "Willkommen bei Nabij. Öffnen Sie diesen Link, um Ihre Adresse zu bestätigen (48 Stunden gültig):",
                        "Welcome to Nabij. Open this link to confirm your address (valid for 48 hours):",
                    ]),
                    lang.pick([
                        "Hebt u geen account aangemaakt? Dan mag u dit bericht negeren.",
                        "Vous n'avez pas créé de compte\u{a0}? Ignorez simplement ce message.",
                        "Sie haben kein Konto angelegt? Dann ignorieren Sie diese Nachricht.",
                        "Did not create an account? Then you can ignore this message.",
                    ])
                ),
            ),
            Mail::ResetPassword { link } => (
                lang.pick([
                    "Nieuw wachtwoord kiezen",
                    "Choisir un nouveau mot de passe",
                    "Neues Passwort wählen",
                    "Choose a new password",
                ]),
                format!(
                    "{}\n\n{link}\n\n{}",
                    lang.pick([
                        "Open deze link om een nieuw wachtwoord te kiezen (1 uur geldig):",
                        "Ouvrez ce lien pour choisir un nouveau mot de passe (valable 1 heure)\u{a0}:",
                        "Öffnen Sie diesen Link, um ein neues Passwort zu wählen (1 Stunde gültig):",
                        "Open this link to choose a new password (valid for 1 hour):",
                    ]),
                    lang.pick([
                        "Vroeg u dit niet aan? Dan blijft uw wachtwoord ongewijzigd.",
                        "Vous n'avez rien demandé\u{a0}? Votre mot de passe reste inchangé.",
                        "Sie haben nichts angefordert? Dann bleibt Ihr Passwort unverändert.",
                        "Did not ask for this? Then your password stays as it is.",
                    ])
                ),
            ),
            Mail::ConfirmNewEmail { link } => (
                lang.pick([
                    "Bevestig uw nieuwe e-mailadres",
                    "Confirmez votre nouvelle adresse e-mail",
                    "Bestätigen Sie Ihre neue E-Mail-Adresse",
                    "Confirm your new e-mail address",
                ]),
                format!(
                    "{}\n\n{link}",
                    lang.pick([
                        "Open deze link om dit adres voortaan voor Nabij te gebruiken (48 uur geldig):",
                        "Ouvrez ce lien pour utiliser désormais cette adresse sur Nabij (valable 48 heures)\u{a0}:",
                        "Öffnen Sie diesen Link, um künftig diese Adresse für Nabij zu verwenden (48 Stunden gültig):",
                        "Open this link to use this address for Nabij from now on (valid for 48 hours):",
                    ])
                ),
            ),
            Mail::EmailChangedNotice { new_email } => (
                lang.pick([
                    "Uw e-mailadres werd gewijzigd",
                    "Votre adresse e-mail a été modifiée",
                    "Ihre E-Mail-Adresse wurde geändert",
                    "Your e-mail address was changed",
                ]),
                format!(
                    "{} {new_email}\n\n{}",
                    lang.pick([
                        "Uw Nabij-account gebruikt nu het adres",
                        "Votre compte Nabij utilise désormais l'adresse",
                        "Ihr Nabij-Konto verwendet jetzt die Adresse",
                        "Your Nabij account now uses the address",
                    ]),
                    lang.pick([
                        "Was u dit niet? Wijzig dan meteen uw wachtwoord: kies op de aanmeldpagina van Nabij \"Wachtwoord vergeten?\" en volg de stappen. Lukt dat niet, antwoord dan op dit bericht.",
                        "Ce n'était pas vous\u{a0}? Changez immédiatement votre mot de passe\u{a0}: sur la page de connexion de Nabij, choisissez «\u{a0}Mot de passe oublié\u{a0}?\u{a0}» et suivez les étapes. Si cela ne fonctionne pas, répondez à ce message.",
                        "Das waren nicht Sie? Ändern Sie sofort Ihr Passwort: Wählen Sie auf der Anmeldeseite von Nabij „Passwort vergessen?“ und folgen Sie den Schritten. Klappt das nicht, antworten Sie auf diese Nachricht.",
                        "Was this not you? Change your password at once: on Nabij's sign-in page, choose \"Forgot your password?\" and follow the steps. If that does not work, reply to this message.",
                    ])
                ),
            ),
            Mail::AccountDeleted => (
                lang.pick([
                    "Uw account werd verwijderd",
                    "Votre compte a été supprimé",
                    "Ihr Konto wurde gelöscht",
                    "Your account was deleted",
                ]),
                lang.pick([
                    "Uw Nabij-account en al uw persoonsgegevens zijn verwijderd. Bedankt voor uw inzet in uw buurt.",
                    "Votre compte Nabij et toutes vos données personnelles ont été supprimés. Merci pour votre engagement dans votre quartier.",
                    "Ihr Nabij-Konto und alle Ihre personenbezogenen Daten wurden gelöscht. Danke für Ihren Einsatz in Ihrer Nachbarschaft.",
                    "Your Nabij account and all your personal data have been deleted. Thank you for caring for your neighbourhood.",
                ])
                .to_string(),
            ),
            Mail::SetPassword { link } => (
                lang.pick([
                    "Uw Nabij-account staat klaar",
                    "Votre compte Nabij est prêt",
                    "Ihr Nabij-Konto ist bereit",
                    "Your Nabij account is ready",
                ]),
                format!(
                    "{}\n\n{link}",
                    lang.pick([
                        "Er werd een account voor u aangemaakt. Open deze link om uw wachtwoord te kiezen (24 uur geldig):",
                        "Un compte a été créé pour vous. Ouvrez ce lien pour choisir votre mot de passe (valable 24 heures)\u{a0}:",
                        "Für Sie wurde ein Konto angelegt. Öffnen Sie diesen Link, um Ihr Passwort zu wählen (24 Stunden gültig):",
                        "An account was created for you. Open this link to choose your password (valid for 24 hours):",
                    ])
                ),
            ),
            Mail::AlreadyRegistered { sign_in_link } => (
                lang.pick([
                    "U hebt al een account",
                    "Vous avez déjà un compte",
                    "Sie haben bereits ein Konto",
                    "You already have an account",
                ]),
                format!(
                    "{}\n\n{sign_in_link}",
                    lang.pick([
                        "Iemand probeerde met dit adres een account aan te maken, maar u hebt er al een. Meld u aan of vraag daar een nieuw wachtwoord:",
                        "Quelqu'un a essayé de créer un compte avec cette adresse, mais vous en avez déjà un. Connectez-vous ou demandez-y un nouveau mot de passe\u{a0}:",
                        "Jemand wollte mit dieser Adresse ein Konto anlegen, aber Sie haben bereits eines. Melden Sie sich an oder fordern Sie dort ein neues Passwort an:",
                        "Someone tried to create an account with this address, but you already have one. Sign in, or ask for a new password there:",
                    ])
                ),
            ),
            Mail::Invitation { link, inviter, role, scope } => (
                lang.pick(["Uitnodiging voor Nabij", "Invitation à Nabij", "Einladung zu Nabij", "Invitation to Nabij"]),
                format!(
                    "{}\n\n{link}\n\n{}",
                    crate::i18n::fill(
                        lang,
                        lang.pick([
                            "{a} nodigt u uit op Nabij als {b} voor {c}. Open deze link binnen 7 dagen en aanvaard met een klik. U meldt zich aan, of maakt een account aan, met dit e-mailadres:",
                            "{a} vous invite sur Nabij comme {b} pour {c}. Ouvrez ce lien dans les 7 jours et acceptez d'un clic. Connectez-vous, ou créez un compte, avec cette adresse e-mail\u{a0}:",
                            "{a} lädt Sie zu Nabij ein, als {b} für {c}. Öffnen Sie diesen Link innerhalb von 7 Tagen und nehmen Sie mit einem Klick an. Sie melden sich mit dieser E-Mail-Adresse an oder legen damit ein Konto an:",
                            "{a} invites you to Nabij as {b} for {c}. Open this link within 7 days and accept with one click. You sign in, or create an account, with this e-mail address:",
                        ]),
                        &[inviter.clone(), role.clone(), scope.clone()],
                    ),
                    lang.pick([
                        "Verwachtte u dit niet? Dan mag u dit bericht negeren; er verandert niets.",
                        "Vous ne vous y attendiez pas\u{a0}? Ignorez ce message\u{a0}; rien ne change.",
                        "Haben Sie das nicht erwartet? Dann ignorieren Sie diese Nachricht; es ändert sich nichts.",
                        "Not expecting this? Then ignore this message; nothing changes.",
                    ])
                ),
            ),
            Mail::Notice { title, body, link } => {
                let body = if link.is_empty() { body.clone() } else { format!("{body}\n\n{link}") };
                return signed(title, body);
            }
        };
        signed(subject, body)
    }
}

/// A message waiting in the outbox.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OutboxRow {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub attempts: i64,
}

/// Queues `mail` for `recipient` inside the caller's transaction. A mail the forms of the site
/// trigger (links, warnings) is left out once the address had [`PER_KIND_PER_HOUR`] of its kind
/// in the last hour; the person who asked sees the same answer either way. Returns whether it
/// was queued.
pub async fn enqueue(
    tx: &mut sqlx::AnyConnection,
    recipient: &str,
    lang: Lang,
    mail: &Mail,
) -> Result<bool, sqlx::Error> {
    let now = now();
    if !matches!(mail, Mail::Notice { .. } | Mail::AccountDeleted | Mail::EmailChangedNotice { .. }) {
        let recent: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE recipient = $1 AND kind = $2 AND created_at > $3")
                .bind(recipient)
                .bind(mail.kind())
                .bind(now - 3_600)
                .fetch_one(&mut *tx)
                .await?;
        if recent >= PER_KIND_PER_HOUR {
            tracing::warn!(kind = mail.kind(), "mail left out: too many of its kind for one address this hour");
            return Ok(false);
        }
    }
    let rendered = mail.render(lang);
    sqlx::query(
        "INSERT INTO outbox (recipient, subject, body, kind, created_at, attempts) VALUES ($1, $2, $3, $4, $5, 0)",
    )
    .bind(recipient)
    .bind(rendered.subject)
    .bind(rendered.body)
    .bind(mail.kind())
    .bind(now)
    .execute(tx)
    .await?;
    Ok(true)
}

/// Drops every mail to `recipient`, sent or waiting (their account is deleted).
pub async fn forget_recipient(tx: &mut sqlx::AnyConnection, recipient: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM outbox WHERE recipient = $1").bind(recipient).execute(tx).await?;
    Ok(())
}

/// Deletes the rows of mails sent (or given up on) more than `keep_s` seconds ago.
pub async fn prune(pool: &Pool, now: i64, keep_s: i64) -> Result<u64, sqlx::Error> {
    let before = now - keep_s;
    let done = sqlx::query(
        "DELETE FROM outbox WHERE (sent_at IS NOT NULL AND sent_at < $1) OR (sent_at IS NULL AND attempts >= 8 AND created_at < $1)",
    )
    .bind(before)
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}

/// What waits in a queue: to send (`pending`, of which `retrying` failed at least once) and
/// given up on (`failed`), for the operator's metrics.
#[derive(Clone, Debug, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct Backlog {
    pub queue: String,
    pub pending: i64,
    pub retrying: i64,
    pub failed: i64,
}

/// The e-mail outbox's backlog (notices, links, digests: not messages, see `messaging`).
pub async fn backlog(pool: &Pool) -> Result<Backlog, sqlx::Error> {
    sqlx::query_as::<_, Backlog>(
        "SELECT 'mail' AS queue, \
         COALESCE(SUM(CASE WHEN attempts < 8 THEN 1 ELSE 0 END), 0) AS pending, \
         COALESCE(SUM(CASE WHEN attempts > 0 AND attempts < 8 THEN 1 ELSE 0 END), 0) AS retrying, \
         COALESCE(SUM(CASE WHEN attempts >= 8 THEN 1 ELSE 0 END), 0) AS failed \
         FROM outbox WHERE sent_at IS NULL",
    )
    .fetch_one(pool)
    .await
}

/// Messages due for (another) attempt, oldest first.
pub async fn due(pool: &Pool, limit: i64) -> Result<Vec<OutboxRow>, sqlx::Error> {
    sqlx::query_as::<_, OutboxRow>(
        "SELECT id, recipient, subject, body, attempts FROM outbox \
         WHERE sent_at IS NULL AND attempts < 8 AND next_attempt_at <= $1 ORDER BY id LIMIT $2",
    )
    .bind(now())
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// Records a delivery.
pub async fn mark_sent(pool: &Pool, id: i64) -> Result<(), sqlx::Error> {
    // The text (with any link and its token) is not kept once delivered.
    // The goodbye after an account's deletion keeps not even the address.
    sqlx::query(
        "UPDATE outbox SET sent_at = $1, last_error = NULL, subject = '', body = '', \
         recipient = CASE WHEN kind = 'deleted' THEN '' ELSE recipient END WHERE id = $2",
    )
    .bind(now())
    .bind(id)
    .execute(pool)
    .await?;
    Ok(())
}

/// Records a failed attempt and backs off exponentially (1, 2, 4 … minutes).
pub async fn mark_failed(pool: &Pool, row: &OutboxRow, error: &str) -> Result<(), sqlx::Error> {
    let delay = 60_i64 << row.attempts.clamp(0, 10);
    sqlx::query("UPDATE outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2 WHERE id = $3")
        .bind(error.chars().take(500).collect::<String>())
        .bind(now() + delay)
        .bind(row.id)
        .execute(pool)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mail_renders_in_every_language_with_its_link() {
        let link = "https://nabij.example/confirm?token=abc".to_string();
        let mails = [
            Mail::ConfirmEmail { link: link.clone() },
            Mail::ResetPassword { link: link.clone() },
            Mail::ConfirmNewEmail { link: link.clone() },
            Mail::SetPassword { link: link.clone() },
            Mail::Invitation {
                link: link.clone(),
                inviter: "Demo Zonechef".into(),
                role: "agent".into(),
                scope: "Gent".into(),
            },
        ];
        for mail in &mails {
            let subjects: std::collections::HashSet<_> = Lang::ALL.iter().map(|l| mail.render(*l).subject).collect();
            assert_eq!(subjects.len(), 4);
            for lang in Lang::ALL {
                assert!(mail.render(lang).body.contains(&link));
            }
        }
    }
}
