//! Typed settings: defaults, then an optional TOML file, then environment variables
//! (`DATABASE_URL`, `NABIJ_BIND`, `NABIJ_PUBLIC_URL`, `NABIJ_DATA_DIR`, `NABIJ_VAR_DIR`,
//! `NABIJ_SMTP__HOST`, `NABIJ_SMTP__PORT`, `NABIJ_SMTP__USERNAME`, `NABIJ_SMTP__PASSWORD`,
//! `NABIJ_SMTP__FROM`, `NABIJ_METRICS_TOKEN`, …; `deploy/nabij.example.toml` lists them all).
//! Validated once at start; a secret never prints.

use app::platform::db::Engine;
use serde::Deserialize;
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// A value that must never reach a log or a screen.
#[derive(Clone, Deserialize, Default)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// How e-mail leaves the server.
#[derive(Clone, Debug, Deserialize)]
pub struct SmtpSettings {
    pub host: String,
    #[serde(default = "default_smtp_port")]
    pub port: u16,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub password: Option<Secret>,
    #[serde(default = "default_from")]
    pub from: String,
}

/// Who runs this Nabij service, as the privacy notice names it: `NABIJ_OPERATOR__NAME` and
/// `NABIJ_OPERATOR__CONTACT` (an e-mail address, or a postal address).
#[derive(Clone, Debug, Deserialize)]
pub struct OperatorSettings {
    pub name: String,
    pub contact: String,
}

/// An HTTP SMS gateway (see `sms.rs`): `NABIJ_SMS__URL`, `NABIJ_SMS__KEY`, and optionally
/// `NABIJ_SMS__ORIGINATOR` and `NABIJ_SMS__INBOUND_KEY` (which the gateway's reply webhook
/// carries as `?key=`).
#[derive(Clone, Debug, Deserialize)]
pub struct SmsSettings {
    pub url: String,
    pub key: Secret,
    #[serde(default = "default_originator")]
    pub originator: String,
    pub inbound_key: Option<Secret>,
}

fn default_originator() -> String {
    "Nabij".into()
}

fn default_smtp_port() -> u16 {
    25
}

fn default_from() -> String {
    "Nabij <no-reply@nabij.invalid>".to_string()
}

/// Where the built site (wasm, JavaScript, CSS, assets) lives; read from `Leptos.toml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct SiteFiles {
    pub output_name: String,
    pub site_root: String,
    pub site_pkg_dir: String,
}

impl Default for SiteFiles {
    fn default() -> Self {
        SiteFiles { output_name: "nabij".into(), site_root: "target/site".into(), site_pkg_dir: "pkg".into() }
    }
}

/// Every setting of the server.
#[derive(Clone, Debug)]
pub struct Settings {
    pub database_url: Secret,
    pub bind: SocketAddr,
    pub public_url: String,
    pub data_dir: PathBuf,
    /// The course content (`content/`).
    pub content_dir: PathBuf,
    pub var_dir: PathBuf,
    pub smtp: Option<SmtpSettings>,
    /// Without a gateway, SMS are written to `var/sms/`.
    pub sms: Option<SmsSettings>,
    /// Days a message's recipient and delivery records are kept before they are reduced to counts.
    pub retention_days: i64,
    pub operator: Option<OperatorSettings>,
    /// What a reader of `/metrics` must send as a bearer token; without it, no metrics.
    pub metrics_token: Option<Secret>,
    /// Proxies on other machines whose `X-Forwarded-For` is believed (this machine always is).
    pub trusted_proxies: app::platform::throttle::TrustedProxies,
    pub site: SiteFiles,
}

#[derive(Deserialize)]
struct RawSettings {
    database_url: Option<Secret>,
    bind: String,
    public_url: Option<String>,
    data_dir: PathBuf,
    content_dir: PathBuf,
    var_dir: PathBuf,
    smtp: Option<SmtpSettings>,
    sms: Option<SmsSettings>,
    retention_days: i64,
    operator: Option<OperatorSettings>,
    metrics_token: Option<Secret>,
    #[serde(default)]
    trusted_proxies: Option<String>,
}

#[derive(Deserialize)]
struct LeptosFile {
    site: SiteFiles,
}

/// A setting that is missing or wrong, in words an operator understands.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("could not read the settings: {0}")]
    Read(String),
    #[error("NABIJ_BIND must be an address and port such as 127.0.0.1:3000 (got {0:?})")]
    Bind(String),
    #[error("NABIJ_PUBLIC_URL must start with http:// or https:// (got {0:?})")]
    PublicUrl(String),
    #[error("{0}")]
    Database(String),
    #[error("NABIJ_RETENTION_DAYS must be a whole number of days, at least 30 (got {0})")]
    Retention(i64),
    #[error(
        "NABIJ_TRUSTED_PROXIES must list addresses or networks such as 10.0.0.5, 10.1.0.0/16 (could not read {0:?})"
    )]
    TrustedProxies(String),
    #[error("NABIJ_SMTP__HOST must not be empty when SMTP is configured")]
    SmtpHost,
    #[error(
        "NABIJ_SMS__URL must be an http:// address of the SMS gateway (or of a local TLS proxy to it), and NABIJ_SMS__KEY must not be empty (got {0:?})"
    )]
    Sms(String),
}

impl Settings {
    /// Reads the settings: `file` (if given) over the defaults, the environment over both, and
    /// the site files from `Leptos.toml` in the working directory (or `LEPTOS_*` variables).
    pub fn load(file: Option<&Path>) -> Result<Settings, SettingsError> {
        let read = |e: config::ConfigError| SettingsError::Read(e.to_string());
        let mut builder = config::Config::builder()
            .set_default("bind", "127.0.0.1:3000")
            .map_err(read)?
            .set_default("data_dir", "data")
            .map_err(read)?
            .set_default("content_dir", "content")
            .map_err(read)?
            .set_default("var_dir", "var")
            .map_err(read)?
            .set_default("retention_days", app::messaging::retention::DEFAULT_KEEP_DAYS)
            .map_err(read)?;
        if let Some(file) = file {
            builder = builder.add_source(config::File::from(file).required(true));
        }
        builder = builder.add_source(config::Environment::with_prefix("NABIJ").prefix_separator("_").separator("__"));
        if let Ok(url) = std::env::var("DATABASE_URL") {
            builder = builder.set_override("database_url", url).map_err(read)?;
        }
        let raw: RawSettings = builder.build().map_err(read)?.try_deserialize().map_err(read)?;
        let site = read_site_files(Path::new("Leptos.toml"))?;
        Settings::validate(raw, site)
    }

    fn validate(raw: RawSettings, site: SiteFiles) -> Result<Settings, SettingsError> {
        let bind: SocketAddr = raw.bind.trim().parse().map_err(|_| SettingsError::Bind(raw.bind.clone()))?;
        let var_dir = raw.var_dir;
        let database_url =
            raw.database_url.unwrap_or_else(|| Secret(format!("sqlite://{}", var_dir.join("nabij.db").display())));
        Engine::from_url(database_url.expose()).map_err(|e| SettingsError::Database(e.to_string()))?;
        let public_url = raw.public_url.unwrap_or_else(|| format!("http://{bind}"));
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(SettingsError::PublicUrl(public_url));
        }
        if raw.smtp.as_ref().is_some_and(|smtp| smtp.host.trim().is_empty()) {
            return Err(SettingsError::SmtpHost);
        }
        if raw.retention_days < 30 {
            return Err(SettingsError::Retention(raw.retention_days));
        }
        if let Some(sms) = &raw.sms
            && (!sms.url.starts_with("http://") || sms.url.parse::<http::Uri>().is_err() || sms.key.expose().is_empty())
        {
            return Err(SettingsError::Sms(sms.url.clone()));
        }
        Ok(Settings {
            database_url,
            bind,
            public_url,
            data_dir: raw.data_dir,
            content_dir: raw.content_dir,
            var_dir,
            smtp: raw.smtp,
            sms: raw.sms,
            retention_days: raw.retention_days,
            operator: raw.operator.filter(|o| !o.name.trim().is_empty() && !o.contact.trim().is_empty()),
            metrics_token: raw.metrics_token.filter(|t| !t.expose().trim().is_empty()),
            trusted_proxies: app::platform::throttle::TrustedProxies::parse(
                raw.trusted_proxies.as_deref().unwrap_or(""),
            )
            .map_err(SettingsError::TrustedProxies)?,
            site,
        })
    }

    /// Whether the public URL names this machine (`localhost`, `127.0.0.1`, `[::1]`): a trial
    /// or a developer's copy, not a service.
    pub fn public_url_is_loopback(&self) -> bool {
        let host =
            self.public_url.split("://").nth(1).unwrap_or_default().split(['/', '?', '#']).next().unwrap_or_default();
        let host = match host.strip_prefix('[') {
            Some(v6) => v6.split(']').next().unwrap_or_default(),
            None => host.rsplit_once(':').map_or(host, |(h, _)| h),
        };
        host.eq_ignore_ascii_case("localhost") || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
    }

    /// Whether the demo data (whose accounts have a published password) may be loaded: only
    /// when the public URL is a loopback address, or when the operator says so explicitly.
    pub fn demo_allowed(&self, forced: bool) -> Result<(), String> {
        if self.public_url_is_loopback() || forced {
            Ok(())
        } else {
            Err(format!(
                "the demo data has accounts with a published password, so it is only loaded when the public URL is a \
                 loopback address (NABIJ_PUBLIC_URL is {}); add --i-know-this-is-not-production to load it anyway",
                self.public_url
            ))
        }
    }

    /// Settings for tests: a given database, port 0, the source tree's data, mail to `smtp`.
    pub fn for_tests(database_url: &str, var_dir: &Path, smtp_port: Option<u16>) -> Settings {
        Settings {
            database_url: Secret(database_url.to_string()),
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            public_url: "http://127.0.0.1:3000".into(),
            data_dir: app::directory::geo::source_data_dir(),
            content_dir: app::learning::content::source_content_dir(),
            var_dir: var_dir.to_path_buf(),
            smtp: smtp_port.map(|port| SmtpSettings {
                host: "127.0.0.1".into(),
                port,
                username: None,
                password: None,
                from: default_from(),
            }),
            sms: None,
            retention_days: app::messaging::retention::DEFAULT_KEEP_DAYS,
            operator: None,
            metrics_token: None,
            trusted_proxies: app::platform::throttle::TrustedProxies::default(),
            site: SiteFiles::default(),
        }
    }
}

fn read_site_files(path: &Path) -> Result<SiteFiles, SettingsError> {
    let mut site = match std::fs::read_to_string(path) {
        Ok(text) => {
            config::Config::builder()
                .add_source(config::File::from_str(&text, config::FileFormat::Toml))
                .build()
                .and_then(|c| c.try_deserialize::<LeptosFile>())
                .map_err(|e| SettingsError::Read(format!("{}: {e}", path.display())))?
                .site
        }
        Err(_) => SiteFiles::default(),
    };
    if let Ok(v) = std::env::var("LEPTOS_SITE_ROOT") {
        site.site_root = v;
    }
    if let Ok(v) = std::env::var("LEPTOS_SITE_PKG_DIR") {
        site.site_pkg_dir = v;
    }
    if let Ok(v) = std::env::var("LEPTOS_OUTPUT_NAME") {
        site.output_name = v;
    }
    Ok(site)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw() -> RawSettings {
        RawSettings {
            database_url: None,
            bind: "127.0.0.1:3000".into(),
            public_url: None,
            data_dir: "data".into(),
            content_dir: "content".into(),
            var_dir: "var".into(),
            smtp: None,
            sms: None,
            retention_days: 365,
            operator: None,
            metrics_token: None,
            trusted_proxies: None,
        }
    }

    #[test]
    fn demo_data_is_for_loopback_addresses_unless_forced() {
        let with_url = |url: &str| {
            let mut r = raw();
            r.public_url = Some(url.into());
            Settings::validate(r, SiteFiles::default()).unwrap()
        };
        for url in ["http://127.0.0.1:3000", "http://localhost:3000/", "http://[::1]:3000", "http://127.0.0.2"] {
            assert_eq!(with_url(url).demo_allowed(false), Ok(()), "{url}");
        }
        for url in ["https://nabij.be", "http://192.168.1.5:3000", "https://localhost.example.be", "http://10.0.0.1"] {
            let refused = with_url(url).demo_allowed(false);
            assert!(
                refused.as_ref().is_err_and(|e| e.contains("--i-know-this-is-not-production")),
                "{url}: {refused:?}"
            );
            assert_eq!(with_url(url).demo_allowed(true), Ok(()));
        }
    }

    #[test]
    fn an_sms_gateway_needs_an_http_address_and_a_key() {
        let gateway = |url: &str, key: &str| {
            let mut r = raw();
            r.sms = Some(SmsSettings {
                url: url.into(),
                key: Secret(key.into()),
                originator: default_originator(),
                inbound_key: None,
            });
            Settings::validate(r, SiteFiles::default()).map(|s| s.sms.map(|g| g.url))
        };
        assert_eq!(
            gateway("http://127.0.0.1:8025/messages", "k").ok().flatten().as_deref(),
            Some("http://127.0.0.1:8025/messages")
        );
        for (url, key) in [("https://rest.example/messages", "k"), ("127.0.0.1:8025", "k"), ("http://x/messages", "")] {
            assert!(matches!(gateway(url, key), Err(SettingsError::Sms(_))), "{url} {key:?}");
        }
    }

    #[test]
    fn defaults_give_an_sqlite_file_and_a_local_public_url() {
        let s = Settings::validate(raw(), SiteFiles::default()).unwrap();
        assert_eq!(s.database_url.expose(), "sqlite://var/nabij.db");
        assert_eq!(s.public_url, "http://127.0.0.1:3000");
    }

    #[test]
    fn an_unknown_database_scheme_is_refused_with_its_name() {
        let mut r = raw();
        r.database_url = Some(Secret("mysql://x/y".into()));
        let err = Settings::validate(r, SiteFiles::default()).unwrap_err().to_string();
        assert!(err.contains("sqlite://") && err.contains("mysql"), "{err}");
    }

    #[test]
    fn a_bad_bind_address_is_explained() {
        let mut r = raw();
        r.bind = "localhost".into();
        assert!(matches!(Settings::validate(r, SiteFiles::default()), Err(SettingsError::Bind(_))));
    }

    #[test]
    fn trusted_proxies_are_read_and_a_bad_one_is_named() {
        let mut r = raw();
        r.trusted_proxies = Some("10.0.0.5, 10.1.0.0/16".into());
        let s = Settings::validate(r, SiteFiles::default()).unwrap();
        assert!(s.trusted_proxies.trusts("10.1.2.3".parse().unwrap()));
        let mut r = raw();
        r.trusted_proxies = Some("10.0.0.5, proxy.internal".into());
        let err = Settings::validate(r, SiteFiles::default()).unwrap_err().to_string();
        assert!(err.contains("proxy.internal"), "{err}");
    }

    #[test]
    fn a_public_url_needs_a_scheme() {
        let mut r = raw();
        r.public_url = Some("nabij.be".into());
        assert!(matches!(Settings::validate(r, SiteFiles::default()), Err(SettingsError::PublicUrl(_))));
    }

    #[test]
    fn the_example_settings_file_reads_and_names_every_setting() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../deploy/nabij.example.toml");
        let text = std::fs::read_to_string(&dir).unwrap();
        let raw: RawSettings = config::Config::builder()
            .add_source(config::File::from_str(&text, config::FileFormat::Toml))
            .build()
            .and_then(|c| c.try_deserialize())
            .unwrap();
        let s = Settings::validate(raw, SiteFiles::default()).unwrap();
        assert_eq!(s.bind.to_string(), "127.0.0.1:3000");
        assert_eq!(s.retention_days, app::messaging::retention::DEFAULT_KEEP_DAYS);
        for (name, _) in crate::check::effective(&s) {
            if name != "site_root" {
                assert!(text.contains(name), "deploy/nabij.example.toml does not mention {name}");
            }
        }
        for key in
            ["NABIJ_SMTP__PASSWORD", "NABIJ_SMS__KEY", "NABIJ_SMS__INBOUND_KEY", "NABIJ_METRICS_TOKEN", "DATABASE_URL"]
        {
            assert!(text.contains(key), "deploy/nabij.example.toml does not say where {key} goes");
        }
    }

    #[test]
    fn secrets_do_not_print() {
        let secret = Secret("postgres://user:hunter2@db/nabij".into());
        assert_eq!(format!("{secret:?}"), "[redacted]");
        let mut r = raw();
        r.database_url = Some(secret);
        let printed = format!("{:?}", Settings::validate(r, SiteFiles::default()).unwrap());
        assert!(!printed.contains("hunter2"));
    }
}
