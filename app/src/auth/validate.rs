//! What people type into account forms, checked: an e-mail address and a display name are
//! parsed into their own types once, where they arrive, and the functions that store them take
//! only those types; passwords are checked against the rules. Used in the browser for early
//! feedback and again on the server, which has the last word.

use crate::codec::parsed;
use crate::error::AppError;

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// The longest password accepted (argon2 would take anything; a bound keeps requests small).
pub const MAX_PASSWORD_CHARS: usize = 200;

parsed! {
    /// An e-mail address, trimmed and lower-cased, of a valid shape.
    EmailAddress
}

impl EmailAddress {
    /// Trims and lower-cases an e-mail address and checks its shape: one `@`, a local part, a
    /// domain with a dot, no spaces or control characters, at most 254 characters.
    pub fn parse(input: &str) -> Result<EmailAddress, AppError> {
        email(input).map(EmailAddress)
    }
}

fn email(input: &str) -> Result<String, AppError> {
    let email = input.trim().to_lowercase();
    if email.len() > 254 || email.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(AppError::InvalidEmail);
    }
    let Some((local, domain)) = email.split_once('@') else {
        return Err(AppError::InvalidEmail);
    };
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !domain.contains('@')
        && domain.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.');
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.chars().any(|c| matches!(c, '<' | '>' | '(' | ')' | '[' | ']' | ',' | ';' | ':' | '\\' | '"'));
    if domain_ok && local_ok { Ok(email) } else { Err(AppError::InvalidEmail) }
}

/// Checks a new password: long enough, not too long, not all one character.
pub fn new_password(password: &str) -> Result<(), AppError> {
    let chars = password.chars().count();
    if chars > MAX_PASSWORD_CHARS {
        return Err(AppError::PasswordTooLong);
    }
    let first = password.chars().next();
    if chars < MIN_PASSWORD_CHARS || password.chars().all(|c| Some(c) == first) {
        return Err(AppError::WeakPassword);
    }
    Ok(())
}

/// Checks a new password and its repetition.
pub fn new_password_twice(password: &str, repeated: &str) -> Result<(), AppError> {
    new_password(password)?;
    if password != repeated {
        return Err(AppError::PasswordsDiffer);
    }
    Ok(())
}

parsed! {
    /// A person's name as shown to others: trimmed, 1 to 80 characters, nothing hidden in it.
    DisplayName
}

impl DisplayName {
    /// Trims a display name and checks it is 1–80 characters without control characters or
    /// invisible formatting.
    pub fn parse(input: &str) -> Result<DisplayName, AppError> {
        display_name(input).map(DisplayName)
    }
}

fn display_name(input: &str) -> Result<String, AppError> {
    let name = input.trim();
    let chars = name.chars().count();
    if chars == 0 || chars > 80 || name.chars().any(|c| c.is_control() || is_invisible_format(c)) {
        return Err(AppError::InvalidName);
    }
    Ok(name.to_string())
}

/// Characters that change how text around them is shown without being seen: bidirectional
/// embeddings, overrides and isolates, zero-width characters, and the byte-order mark. In a
/// name they can make "Jan" read as someone else in a list.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ordinary_address_is_trimmed_and_lowercased() {
        assert_eq!(email("  Marie.Dupont@Example.BE ").ok().as_deref(), Some("marie.dupont@example.be"));
    }

    #[test]
    fn addresses_with_accents_in_the_domain_are_accepted() {
        assert!(email("jan@gemeente-liège.be").is_ok());
    }

    #[test]
    fn malformed_addresses_are_rejected() {
        for bad in [
            "",
            "jan",
            "jan@",
            "@x.be",
            "jan@x",
            "jan@@x.be",
            "jan @x.be",
            "jan@x..be",
            "<script>@x.be",
            "jan@.be",
            "a@b.be.",
        ] {
            assert_eq!(email(bad), Err(AppError::InvalidEmail), "{bad}");
        }
        assert_eq!(email(&format!("{}@x.be", "a".repeat(300))), Err(AppError::InvalidEmail));
    }

    #[test]
    fn the_parsed_types_hold_the_normalised_text() {
        assert_eq!(EmailAddress::parse(" Jan@Gent.BE ").map(String::from).as_deref(), Ok("jan@gent.be"));
        assert_eq!(EmailAddress::parse("jan"), Err(AppError::InvalidEmail));
        assert_eq!(DisplayName::parse("  Anaïs D'Hondt ").map(|n| n.to_string()).as_deref(), Ok("Anaïs D'Hondt"));
        assert_eq!(DisplayName::parse("Jan\u{202E}nimdA"), Err(AppError::InvalidName));
    }

    #[test]
    fn short_or_monotonous_passwords_are_weak() {
        assert_eq!(new_password("kort"), Err(AppError::WeakPassword));
        assert_eq!(new_password("aaaaaaaaaaaa"), Err(AppError::WeakPassword));
        assert!(new_password("fiets op de dijk").is_ok());
    }

    #[test]
    fn password_length_is_counted_in_characters_not_bytes() {
        // Ten characters, twenty bytes.
        assert!(new_password("ééééééééèè").is_ok());
        assert_eq!(new_password(&"x1".repeat(101)), Err(AppError::PasswordTooLong));
    }

    #[test]
    fn the_repeated_password_must_match() {
        assert_eq!(new_password_twice("fiets op de dijk", "fiets op de dijk!"), Err(AppError::PasswordsDiffer));
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(display_name("  Anneleen  ").ok().as_deref(), Some("Anneleen"));
        assert_eq!(display_name("   "), Err(AppError::InvalidName));
        assert_eq!(display_name(&"x".repeat(81)), Err(AppError::InvalidName));
        assert_eq!(display_name("a\u{0}b"), Err(AppError::InvalidName));
        for hidden in ["Jan\u{202E}nimdA", "An\u{200B}na", "\u{2067}Els\u{2069}", "Piet\u{FEFF}", "Li\u{200D}es"] {
            assert_eq!(display_name(hidden), Err(AppError::InvalidName), "{hidden:?}");
        }
        // Names as Belgians write them pass: accents, apostrophes, hyphens, spaces.
        for name in ["Anaïs D'Hondt", "Jean-Marie Vandeputte", "Müller-Lüdenscheidt", "Ngọc Anh", "Ömer Yılmaz"]
        {
            assert_eq!(display_name(name).as_deref(), Ok(name));
        }
    }
}
