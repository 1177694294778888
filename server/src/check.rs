//! `nabij check-config` and `nabij migrate --check`: what an operator reads before starting a
//! service, and what a deployment script asks before it starts a new version.

use crate::settings::Settings;
use app::platform::db::{self, MigrationStatus};

/// How much a finding matters: a problem makes `check-config` exit with a failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Problem,
    Note,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub text: String,
}

fn problem(text: impl Into<String>) -> Finding {
    Finding { severity: Severity::Problem, text: text.into() }
}

fn note(text: impl Into<String>) -> Finding {
    Finding { severity: Severity::Note, text: text.into() }
}

/// The effective settings, one `name = value` a line, secrets redacted.
pub fn effective(settings: &Settings) -> Vec<(&'static str, String)> {
    let redacted = |present: bool| if present { "[set, redacted]".to_string() } else { "(not set)".to_string() };
    let url = settings.database_url.expose();
    // A database URL may hold a password: only its engine and where the file or server is.
    let database = match db::Engine::from_url(url) {
        Ok(db::Engine::Sqlite) => url.to_string(),
        Ok(db::Engine::Postgres) => {
            let rest = url.split_once("://").map_or(url, |(_, r)| r);
            let (place, query) = rest.split_once('?').unwrap_or((rest, ""));
            let place = place.rsplit_once('@').map_or(place, |(_, p)| p);
            let query = if query.is_empty() { "" } else { "?[options redacted]" };
            format!("postgres://[credentials redacted]@{place}{query}")
        }
        Err(_) => "(invalid)".to_string(),
    };
    let smtp = settings.smtp.as_ref().map_or_else(
        || "(not set: e-mail is written to files)".to_string(),
        |s| {
            format!(
                "{}:{} from {:?}, user {}, password {}",
                s.host,
                s.port,
                s.from,
                s.username.as_deref().unwrap_or("(none)"),
                redacted(s.password.is_some())
            )
        },
    );
    let sms = settings.sms.as_ref().map_or_else(
        || "(not set: SMS are written to files)".to_string(),
        |s| {
            format!(
                "{} as {:?}, key {}, reply key {}",
                s.url,
                s.originator,
                redacted(true),
                redacted(s.inbound_key.is_some())
            )
        },
    );
    vec![
        ("database_url", database),
        ("bind", settings.bind.to_string()),
        ("public_url", settings.public_url.clone()),
        ("data_dir", settings.data_dir.display().to_string()),
        ("content_dir", settings.content_dir.display().to_string()),
        ("var_dir", settings.var_dir.display().to_string()),
        ("smtp", smtp),
        ("sms", sms),
        ("retention_days", settings.retention_days.to_string()),
        (
            "operator",
            settings.operator.as_ref().map_or("(not set)".to_string(), |o| format!("{} <{}>", o.name, o.contact)),
        ),
        ("metrics_token", redacted(settings.metrics_token.is_some())),
        ("trusted_proxies", settings.trusted_proxies.to_string()),
        ("site_root", settings.site.site_root.clone()),
    ]
}

/// What is wrong or worth knowing in the settings alone. A loopback public URL is a trial or a
/// developer's copy, where files instead of mail and SMS are expected.
pub fn settings_findings(settings: &Settings) -> Vec<Finding> {
    let service = !settings.public_url_is_loopback();
    let mut out = Vec::new();
    if service && settings.public_url.starts_with("http://") {
        out.push(problem(format!(
            "NABIJ_PUBLIC_URL is {}: passwords and sessions would travel unencrypted and cookies are not marked \
             Secure; serve it over https behind a proxy and give the https address",
            settings.public_url
        )));
    }
    if service && settings.smtp.is_none() {
        out.push(problem(
            "no SMTP server (NABIJ_SMTP__HOST): confirmation links, alerts and notices are written to files under \
             var/ instead of being sent",
        ));
    }
    if service && settings.sms.is_none() {
        out.push(note("no SMS gateway (NABIJ_SMS__URL): urgent alerts reach people by e-mail only"));
    }
    if service && settings.operator.is_none() {
        out.push(problem(
            "no operator (NABIJ_OPERATOR__NAME and NABIJ_OPERATOR__CONTACT): the privacy notice cannot say who is \
             responsible for the data",
        ));
    }
    if settings.metrics_token.is_none() {
        out.push(note("no NABIJ_METRICS_TOKEN: /metrics answers nobody"));
    }
    if !settings.site.site_root.is_empty() && !std::path::Path::new(&settings.site.site_root).join("pkg").exists() {
        out.push(problem(format!(
            "the built site is not in {}/pkg: build it first (make build-release) or set LEPTOS_SITE_ROOT",
            settings.site.site_root
        )));
    }
    out
}

/// What the database says: whether it answers, whether its schema matches, whether the demo
/// accounts (with their published password) are in it.
pub async fn database_findings(settings: &Settings) -> Vec<Finding> {
    let url = settings.database_url.expose();
    let pool = match db::connect(url).await {
        Ok(pool) => pool,
        Err(e) => return vec![problem(format!("the database does not answer: {e}"))],
    };
    let mut out = Vec::new();
    match db::Engine::from_url(url) {
        Ok(engine) => match db::migration_status(&pool, engine).await {
            Ok(status) => out.extend(schema_finding(&status)),
            Err(e) => out.push(problem(format!("could not read the database's migrations: {e}"))),
        },
        Err(e) => out.push(problem(e.to_string())),
    }
    if !settings.public_url_is_loopback() && app::demo::has_demo_accounts(&pool).await.unwrap_or(false) {
        out.push(problem(
            "the database holds the demo accounts, whose password is published: use a database without demo data",
        ));
    }
    pool.close().await;
    out
}

/// What the migration status means for an operator.
pub fn schema_finding(status: &MigrationStatus) -> Option<Finding> {
    if !status.unknown.is_empty() {
        let versions: Vec<String> = status.unknown.iter().map(i64::to_string).collect();
        return Some(problem(format!(
            "the database was changed by a newer Nabij (migration {} unknown here): this version refuses to run on it",
            versions.join(", ")
        )));
    }
    if !status.pending.is_empty() {
        return Some(note(format!(
            "{} migration(s) will be applied at the next start (or by `nabij migrate`): {}",
            status.pending.len(),
            status.pending.iter().map(|(v, d)| format!("{v} {d}")).collect::<Vec<_>>().join(", ")
        )));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::{Secret, SmtpSettings};

    fn service() -> Settings {
        let mut s =
            Settings::for_tests("postgres://nabij:hunter2@db.internal/nabij", std::path::Path::new("var"), None);
        s.public_url = "http://nabij.example.be".into();
        s
    }

    #[test]
    fn a_service_without_https_mail_or_operator_has_problems() {
        let findings = settings_findings(&service());
        let problems: Vec<&str> =
            findings.iter().filter(|f| f.severity == Severity::Problem).map(|f| f.text.as_str()).collect();
        assert!(problems.iter().any(|p| p.contains("NABIJ_PUBLIC_URL")), "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("SMTP")), "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("operator")), "{problems:?}");
    }

    #[test]
    fn a_local_trial_needs_neither_https_nor_mail() {
        let mut s = service();
        s.public_url = "http://127.0.0.1:3000".into();
        let problems: Vec<Finding> =
            settings_findings(&s).into_iter().filter(|f| f.severity == Severity::Problem).collect();
        assert!(problems.iter().all(|f| !f.text.contains("SMTP") && !f.text.contains("PUBLIC_URL")), "{problems:?}");
    }

    #[test]
    fn secrets_are_redacted_from_the_effective_settings() {
        let mut s = service();
        s.smtp = Some(SmtpSettings {
            host: "smtp.example.be".into(),
            port: 587,
            username: Some("nabij".into()),
            password: Some(Secret::new("smtp-hunter3")),
            from: "Nabij <no-reply@example.be>".into(),
        });
        s.metrics_token = Some(Secret::new("metrics-hunter4"));
        let printed = format!("{:?}", effective(&s));
        for secret in ["hunter2", "smtp-hunter3", "metrics-hunter4"] {
            assert!(!printed.contains(secret), "{secret} in {printed}");
        }
        assert!(printed.contains("db.internal/nabij") && printed.contains("smtp.example.be:587"), "{printed}");
    }

    #[test]
    fn a_newer_schema_is_a_problem_and_pending_migrations_a_note() {
        let newer = MigrationStatus { applied: vec![1, 99], pending: vec![], unknown: vec![99] };
        assert_eq!(schema_finding(&newer).map(|f| f.severity), Some(Severity::Problem));
        let behind = MigrationStatus { applied: vec![1], pending: vec![(2, "messaging".into())], unknown: vec![] };
        assert!(
            schema_finding(&behind).is_some_and(|f| f.severity == Severity::Note && f.text.contains("2 messaging"))
        );
        assert_eq!(schema_finding(&MigrationStatus { applied: vec![1], ..Default::default() }), None);
    }
}
