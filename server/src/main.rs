//! The `nabij` command: serve the site, migrate the database, load demo data, back it up and
//! restore it, create the first administrator, or run a local SMTP or SMS sink.

use clap::{Parser, Subcommand};
use server::settings::Settings;
use server::startup::{self, Application};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "nabij", version, about = "Nabij: the platform of Belgium's neighbourhood information networks")]
struct Cli {
    /// A TOML settings file (environment variables override it).
    #[arg(long, global = true, env = "NABIJ_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the site (the default).
    Serve {
        /// Load the demo data first when the database is empty (only when the public URL is
        /// a loopback address: the demo accounts have a published password).
        #[arg(long)]
        demo: bool,
        /// With --demo: multiply the demo's networks by this (10 gives about 15,600 networks
        /// and 1.8 million households, to measure the dashboards at that size).
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=20))]
        demo_scale: u32,
        /// Allow --demo with a public URL that is not a loopback address.
        #[arg(long)]
        i_know_this_is_not_production: bool,
    },
    /// Create or update the database schema, then exit.
    Migrate {
        /// Change nothing: say whether the database is behind this version (exit status 1),
        /// ahead of it (2), or up to date (0).
        #[arg(long)]
        check: bool,
    },
    /// Ask this server's /healthz (or /readyz with --ready) and exit 0 when it answers 200:
    /// the container's HEALTHCHECK, without curl in the image.
    Probe {
        #[arg(long)]
        ready: bool,
    },
    /// Print the effective settings (secrets redacted) and every problem found in them and in
    /// the database; exits with status 1 when there is a problem.
    CheckConfig,
    /// Load the synthetic demo data into an empty database (only when the public URL is a
    /// loopback address).
    Demo {
        /// Multiply the demo's networks by this (see `serve --demo-scale`).
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=20))]
        scale: u32,
        /// Allow it with a public URL that is not a loopback address.
        #[arg(long)]
        i_know_this_is_not_production: bool,
    },
    /// Write a consistent copy of the SQLite database to FILE while the server runs (for
    /// PostgreSQL, use pg_dump).
    Backup { file: PathBuf },
    /// Put the copy FILE in place of the SQLite database (the server stopped); refuses to
    /// overwrite a database that holds accounts without --replace.
    Restore {
        file: PathBuf,
        #[arg(long)]
        replace: bool,
    },
    /// Manage accounts.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Run a local SMTP server that writes every message it receives to a folder (for tests).
    MailSink {
        #[arg(long, default_value_t = 2525)]
        port: u16,
        #[arg(long, default_value = "var/mail-sink")]
        dir: PathBuf,
    },
    /// Run a local SMS gateway (the HTTP protocol Nabij speaks) that writes every SMS it
    /// receives to a folder (for development and tests).
    SmsSink {
        #[arg(long, default_value_t = 8025)]
        port: u16,
        /// The access key senders must give (NABIJ_SMS__KEY of the server).
        #[arg(long, default_value = "dev-sms-key")]
        key: String,
        #[arg(long, default_value = "var/sms-sink")]
        dir: PathBuf,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create a knowledge-centre administrator (or make an existing account one). Without
    /// --password-stdin, a link to choose a password is e-mailed.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Kenniscentrum")]
        name: String,
        /// Read the password from standard input instead of e-mailing a link.
        #[arg(long)]
        password_stdin: bool,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    // RUST_LOG chooses what is logged; NABIJ_LOG_FORMAT=json writes one JSON object a line,
    // with the request's id and route on each line written while answering it.
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| "info,sqlx=warn,tower_http=info".into());
    if std::env::var("NABIJ_LOG_FORMAT").is_ok_and(|f| f.eq_ignore_ascii_case("json")) {
        tracing_subscriber::fmt().json().with_current_span(true).with_span_list(false).with_env_filter(filter).init();
    } else {
        tracing_subscriber::fmt().with_env_filter(filter).init();
    }
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            let _ = writeln!(std::io::stderr(), "nabij: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Says where the database stands against this build's migrations, changing nothing.
async fn migrate_check(settings: &Settings) -> Result<(), String> {
    let url = settings.database_url.expose();
    let engine = app::platform::db::Engine::from_url(url).map_err(|e| e.to_string())?;
    let pool = app::platform::db::connect(url).await.map_err(|e| e.to_string())?;
    let status = app::platform::db::migration_status(&pool, engine).await.map_err(|e| e.to_string())?;
    let mut out = std::io::stdout();
    let _ = writeln!(out, "{} migration(s) applied", status.applied.len());
    match server::check::schema_finding(&status) {
        None => {
            let _ = writeln!(out, "the database is up to date");
            Ok(())
        }
        Some(finding) => {
            let _ = writeln!(out, "{}", finding.text);
            std::process::exit(if status.unknown.is_empty() { 1 } else { 2 });
        }
    }
}

/// Sends `GET /healthz` (or `/readyz`) to this machine's server and reads the status line.
async fn probe(settings: &Settings, ready: bool) -> Result<(), String> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut address = settings.bind;
    if address.ip().is_unspecified() {
        address.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
    }
    let path = if ready { "/readyz" } else { "/healthz" };
    let exchange = async {
        let mut stream = tokio::net::TcpStream::connect(address).await?;
        stream
            .write_all(format!("GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n").as_bytes())
            .await?;
        let mut head = vec![0_u8; 64];
        let n = stream.read(&mut head).await?;
        head.truncate(n);
        Ok::<_, std::io::Error>(String::from_utf8_lossy(&head).into_owned())
    };
    let head = tokio::time::timeout(std::time::Duration::from_secs(5), exchange)
        .await
        .map_err(|_| format!("{path} on {address} did not answer within 5 s"))?
        .map_err(|e| format!("{path} on {address}: {e}"))?;
    let status = head.lines().next().unwrap_or_default().to_string();
    if status.starts_with("HTTP/1.1 200") { Ok(()) } else { Err(format!("{path} on {address} answered {status:?}")) }
}

/// Prints the effective settings and what is wrong with them.
async fn check_config(settings: &Settings) -> Result<(), String> {
    use server::check::{Severity, database_findings, effective, settings_findings};
    let mut out = std::io::stdout();
    let _ = writeln!(out, "Effective settings:");
    for (name, value) in effective(settings) {
        let _ = writeln!(out, "  {name:<15} {value}");
    }
    let mut findings = settings_findings(settings);
    findings.extend(database_findings(settings).await);
    let problems = findings.iter().filter(|f| f.severity == Severity::Problem).count();
    if findings.is_empty() {
        let _ = writeln!(out, "\nNothing to report.");
    }
    for finding in &findings {
        let tag = if finding.severity == Severity::Problem { "PROBLEM" } else { "note" };
        let _ = writeln!(out, "\n{tag}: {}", finding.text);
    }
    if problems > 0 {
        return Err(format!("{problems} problem(s) found"));
    }
    Ok(())
}

/// Prints what a backup or restore did, with the row counts to compare.
fn report(what: &str, counts: &[(String, i64)]) {
    let counts: Vec<String> = counts.iter().map(|(table, n)| format!("{table} {n}")).collect();
    let _ = writeln!(std::io::stdout(), "{what}: {}", counts.join(", "));
}

async fn run(cli: Cli) -> Result<(), String> {
    if let Some(Command::MailSink { port, dir }) = &cli.command {
        let sink = server::mailsink::MailSink::start(*port, Some(dir.clone())).await.map_err(|e| e.to_string())?;
        tracing::info!(port = sink.port, dir = %dir.display(), "SMTP sink listening");
        startup::shutdown_signal().await;
        return Ok(());
    }
    if let Some(Command::SmsSink { port, key, dir }) = &cli.command {
        let sink = server::sms::SmsSink::start(*port, key, Some(dir.clone())).await.map_err(|e| e.to_string())?;
        tracing::info!(port = sink.port, dir = %dir.display(), "SMS sink listening at /messages");
        startup::shutdown_signal().await;
        return Ok(());
    }
    let settings = Settings::load(cli.config.as_deref()).map_err(|e| e.to_string())?;
    match cli.command.unwrap_or(Command::Serve { demo: false, demo_scale: 1, i_know_this_is_not_production: false }) {
        Command::Serve { demo, demo_scale, i_know_this_is_not_production } => {
            if demo {
                settings.demo_allowed(i_know_this_is_not_production)?;
            }
            let app = Application::build(settings.clone()).await.map_err(|e| e.to_string())?;
            if demo {
                startup::load_demo(app.state(), demo_scale).await?;
            }
            tracing::info!(address = %settings.bind, public_url = %settings.public_url, port = app.port(), "Nabij is listening");
            app.run_until(startup::shutdown_signal()).await.map_err(|e| e.to_string())
        }
        Command::Migrate { check: false } => {
            startup::state(&settings).await.map_err(|e| e.to_string())?;
            tracing::info!("database is up to date");
            Ok(())
        }
        Command::Migrate { check: true } => migrate_check(&settings).await,
        Command::CheckConfig => check_config(&settings).await,
        Command::Probe { ready } => probe(&settings, ready).await,
        Command::Demo { scale, i_know_this_is_not_production } => {
            settings.demo_allowed(i_know_this_is_not_production)?;
            let state = startup::state(&settings).await.map_err(|e| e.to_string())?;
            let empty = app::demo::is_empty(&state.pool).await.map_err(|e| e.to_string())?;
            if !empty {
                return Err("the database already holds data; demo data is only loaded into an empty database".into());
            }
            startup::load_demo(&state, scale).await
        }
        Command::Admin { command: AdminCommand::Create { email, name, password_stdin } } => {
            let state = startup::state(&settings).await.map_err(|e| e.to_string())?;
            let password = if password_stdin {
                let mut line = String::new();
                std::io::stdin().read_line(&mut line).map_err(|e| e.to_string())?;
                Some(line.trim_end_matches(['\r', '\n']).to_string())
            } else {
                None
            };
            let created = app::auth::admin::create_kc_admin(&state, &email, &name, password)
                .await
                .map_err(|e| format!("{} ({})", e.message(app::i18n::Lang::En), e.code()))?;
            let _ = writeln!(
                std::io::stdout(),
                "{} is now a knowledge-centre administrator{}",
                created.email,
                if created.link_sent { "; a link to choose a password was e-mailed" } else { "" }
            );
            // Deliver the link now, so the command works without a running server.
            server::mailer::deliver_due(&state.pool, &settings).await.map_err(|e| e.to_string())?;
            Ok(())
        }
        Command::Backup { file } => {
            let counts = server::backup::backup(&settings, &file).await?;
            report(&format!("backup written to {}", file.display()), &counts);
            Ok(())
        }
        Command::Restore { file, replace } => {
            let counts = server::backup::restore(&settings, &file, replace).await?;
            report(&format!("restored from {}", file.display()), &counts);
            Ok(())
        }
        Command::MailSink { .. } | Command::SmsSink { .. } => Ok(()),
    }
}
