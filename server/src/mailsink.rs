//! A small SMTP server that keeps what it receives: the real protocol on localhost, for tests
//! and local development (`nabij mail-sink`). It is not a mail server for production.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// One message as received (a quoted-printable body is decoded).
#[derive(Clone, Debug)]
pub struct Received {
    pub recipients: Vec<String>,
    pub data: String,
}

/// A running sink.
#[derive(Clone)]
pub struct MailSink {
    pub port: u16,
    received: Arc<Mutex<Vec<Received>>>,
}

impl MailSink {
    /// Starts a sink on `127.0.0.1:port` (0 for any free port); each message is also written to
    /// `dir` when given.
    pub async fn start(port: u16, dir: Option<PathBuf>) -> std::io::Result<MailSink> {
        MailSink::start_with_delay(port, dir, std::time::Duration::ZERO).await
    }

    /// A sink that takes `delay` to accept each message, like a busy relay (for tests that
    /// must catch a send half-way).
    pub async fn start_with_delay(
        port: u16,
        dir: Option<PathBuf>,
        delay: std::time::Duration,
    ) -> std::io::Result<MailSink> {
        let listener = TcpListener::bind(("127.0.0.1", port)).await?;
        let port = listener.local_addr()?.port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let store = received.clone();
        if let Some(dir) = &dir {
            std::fs::create_dir_all(dir)?;
        }
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let store = store.clone();
                let dir = dir.clone();
                tokio::spawn(async move {
                    let _ = session(stream, store, dir, delay).await;
                });
            }
        });
        Ok(MailSink { port, received })
    }

    /// Every message received so far.
    pub fn messages(&self) -> Vec<Received> {
        self.received.lock().map(|m| m.clone()).unwrap_or_default()
    }
}

async fn session(
    stream: TcpStream,
    store: Arc<Mutex<Vec<Received>>>,
    dir: Option<PathBuf>,
    delay: std::time::Duration,
) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 nabij-mail-sink ESMTP\r\n").await?;
    let mut recipients = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_ascii_uppercase();
        let reply: &[u8] = if command.starts_with("EHLO") {
            b"250-nabij-mail-sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n"
        } else if command.starts_with("HELO") || command.starts_with("NOOP") {
            b"250 OK\r\n"
        } else if command.starts_with("MAIL FROM") {
            recipients.clear();
            b"250 OK\r\n"
        } else if command.starts_with("RCPT TO") {
            let address = line.trim_end()[8..].trim().trim_start_matches('<').trim_end_matches('>').to_string();
            recipients.push(address);
            b"250 OK\r\n"
        } else if command == "RSET" {
            recipients.clear();
            b"250 OK\r\n"
        } else if command == "DATA" {
            write.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n").await?;
            let mut data = String::new();
            loop {
                line.clear();
                if lines.read_line(&mut line).await? == 0 {
                    return Ok(());
                }
                if line == ".\r\n" || line == ".\n" {
                    break;
                }
                data.push_str(line.strip_prefix('.').filter(|_| line.starts_with("..")).unwrap_or(&line));
            }
            tokio::time::sleep(delay).await;
            let message = Received { recipients: std::mem::take(&mut recipients), data: readable(&data) };
            if let Some(dir) = &dir {
                let name = format!("{}.eml", chrono_free_stamp());
                let _ = std::fs::write(
                    dir.join(name),
                    format!("X-Recipients: {}\r\n{}", message.recipients.join(", "), message.data),
                );
            }
            if let Ok(mut all) = store.lock() {
                all.push(message);
            }
            b"250 OK: queued\r\n"
        } else if command == "QUIT" {
            write.write_all(b"221 Bye\r\n").await?;
            return Ok(());
        } else {
            b"502 Command not implemented\r\n"
        };
        write.write_all(reply).await?;
    }
}

/// The message with a quoted-printable body decoded, so tests can read links in it.
fn readable(data: &str) -> String {
    let Some((head, body)) = data.split_once("\r\n\r\n") else { return data.to_string() };
    if !head.to_ascii_lowercase().contains("content-transfer-encoding: quoted-printable") {
        return data.to_string();
    }
    let joined = body.replace("=\r\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'=', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    format!("{head}\r\n\r\n{}", String::from_utf8_lossy(&out))
}

/// A file name that sorts by arrival: nanoseconds since the epoch.
fn chrono_free_stamp() -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    format!("{nanos:024}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_printable_bodies_are_decoded() {
        let data = "Subject: x\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nBest=C3=A4tigen: https://x.be/c?token=3D=\r\nabc\r\n";
        assert_eq!(
            readable(data),
            "Subject: x\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nBestätigen: https://x.be/c?token=abc\r\n"
        );
    }
}
