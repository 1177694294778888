//! The rules of a message's text, without I/O: what a title and a body may hold, how links
//! are found (https, mailto and tel only; markup stays text), and how a message is cut to fit
//! one or two SMS segments with its link.

use crate::error::AppError;
use crate::messaging::types::Segment;

/// The longest title, in characters.
pub const TITLE_MAX: usize = 120;
/// The longest body, update or closing message, in characters.
pub const BODY_MAX: usize = 2_000;

/// A title: one line, 1 to [`TITLE_MAX`] characters, spaces tidied.
pub fn title(input: &str) -> Result<String, AppError> {
    let title = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() || title.chars().count() > TITLE_MAX || title.chars().any(char::is_control) {
        return Err(AppError::InvalidText);
    }
    Ok(title)
}

/// A body: 1 to `max` characters after trimming, line breaks kept (as `\n`), no other
/// control characters.
pub fn body(input: &str, max: usize) -> Result<String, AppError> {
    let body = input.replace("\r\n", "\n").replace('\r', "\n");
    let body = body.trim();
    if body.is_empty() || body.chars().count() > max || body.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(AppError::InvalidText);
    }
    Ok(body.to_string())
}

/// An optional body: empty is `None`, otherwise as [`body`].
pub fn optional_body(input: &str, max: usize) -> Result<Option<String>, AppError> {
    if input.trim().is_empty() { Ok(None) } else { body(input, max).map(Some) }
}

const SCHEMES: [&str; 3] = ["https://", "mailto:", "tel:"];

/// Splits a text into plain text and links. A link starts with `https://`, `mailto:` or `tel:`
/// and runs to the next white space, without the punctuation that ends a sentence; anything
/// else (markup, `http://`, `javascript:`) stays text and is shown as written.
pub fn segments(text: &str) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        let at_word_start = plain.is_empty() || plain.ends_with(|c: char| c.is_whitespace() || "([<\"'".contains(c));
        let scheme = SCHEMES.iter().find(|s| rest.get(..s.len()).is_some_and(|head| head.eq_ignore_ascii_case(s)));
        if let (true, Some(scheme)) = (at_word_start, scheme) {
            let end = rest.find(|c: char| c.is_whitespace() || "<>\"'".contains(c)).unwrap_or(rest.len());
            let link = rest[..end].trim_end_matches(|c: char| ".,;:!?)]".contains(c));
            if link.len() > scheme.len() && valid_link(link, scheme) {
                if !plain.is_empty() {
                    out.push(Segment::Text(std::mem::take(&mut plain)));
                }
                out.push(Segment::Link(link.to_string()));
                rest = &rest[link.len()..];
                continue;
            }
        }
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            plain.push(c);
        }
        rest = chars.as_str();
    }
    if !plain.is_empty() {
        out.push(Segment::Text(plain));
    }
    out
}

fn valid_link(link: &str, scheme: &str) -> bool {
    let target = &link[scheme.len()..];
    match scheme {
        "tel:" => {
            target.chars().all(|c| c.is_ascii_digit() || "+-.()".contains(c))
                && target.chars().any(|c| c.is_ascii_digit())
        }
        "mailto:" => target.contains('@') && !target.starts_with('@'),
        _ => target.chars().next().is_some_and(|c| c.is_ascii_alphanumeric()) && !link.chars().any(char::is_control),
    }
}

/// The text as it reads without its links marked (for e-mail and SMS).
pub fn plain(segments: &[Segment]) -> String {
    segments
        .iter()
        .map(|s| match s {
            Segment::Text(t) | Segment::Link(t) => t.as_str(),
        })
        .collect()
}

/// Whether every character fits the GSM 03.38 alphabet (one SMS segment holds 160 of them;
/// otherwise the message goes as UCS-2, 70 characters).
fn is_gsm(text: &str) -> bool {
    const GSM: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    text.chars().all(|c| GSM.contains(c))
}

/// How many characters `segments` SMS segments hold for `text`'s alphabet.
fn sms_capacity(text: &str, segments: usize) -> usize {
    let gsm = is_gsm(text);
    match (segments, gsm) {
        (1, true) => 160,
        (1, false) => 70,
        (n, true) => 153 * n,
        (n, false) => 67 * n,
    }
}

/// An SMS of at most `segments` segments: the title, as much of the body as fits (cut at a
/// word, with "…"), and the link, which is never cut.
pub fn sms(title: &str, body: &str, link: &str, segments: usize) -> String {
    // French puts a no-break space before "?", "!", ":" and ";"; it is not in the GSM alphabet,
    // so a plain space keeps a segment at 160 characters.
    let (title, body) = (title.replace(['\u{a0}', '\u{202f}'], " "), body.replace(['\u{a0}', '\u{202f}'], " "));
    let (title, body) = (title.as_str(), body.as_str());
    let whole = format!("{title}\n{body}\n{link}");
    if whole.chars().count() <= sms_capacity(&whole, segments) {
        return whole;
    }
    // An ellipsis is not in the GSM alphabet; "..." is.
    let gsm = is_gsm(&whole);
    let ellipsis = if gsm { "..." } else { "…" };
    let room = sms_capacity(&whole, segments)
        .saturating_sub(title.chars().count() + link.chars().count() + 2 + ellipsis.chars().count());
    let cut: String = body.chars().take(room).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if i > room / 2 => cut[..i].trim_end().to_string(),
        _ => cut,
    };
    if room == 0 {
        let title: String =
            title.chars().take(sms_capacity(&whole, segments).saturating_sub(link.chars().count() + 1)).collect();
        return format!("{title}\n{link}");
    }
    format!("{title}\n{cut}{ellipsis}\n{link}")
}

/// A phone number as an SMS gateway wants it: the international number in digits, without
/// `+` or `00` (`32470123456`). Belgian numbers may be written nationally (`0470 12 34 56`),
/// with spaces, dots, dashes, slashes or brackets. `None` when it is no phone number.
pub fn msisdn(phone: &str) -> Option<String> {
    // "+32 (0)470 …": the national prefix in brackets is not dialled from abroad.
    let without_prefix = phone.replace("(0)", "");
    let trimmed = without_prefix.trim();
    if trimmed.is_empty() || !trimmed.chars().all(|c| c.is_ascii_digit() || " .-/()+".contains(c)) {
        return None;
    }
    let plus = trimmed.starts_with('+');
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    let international = if plus {
        digits
    } else if let Some(rest) = digits.strip_prefix("00") {
        rest.to_string()
    } else if let Some(rest) = digits.strip_prefix('0') {
        format!("32{rest}")
    } else {
        return None;
    };
    (10..=15).contains(&international.len()).then_some(international)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_become_international_digits() {
        assert_eq!(msisdn("0470 12 34 56").as_deref(), Some("32470123456"));
        assert_eq!(msisdn("+32 (0)470/12.34.56").as_deref(), Some("32470123456"));
        assert_eq!(msisdn("+32 470/12.34.56").as_deref(), Some("32470123456"));
        assert_eq!(msisdn("0032 470-12-34-56").as_deref(), Some("32470123456"));
        assert_eq!(msisdn("+31 6 12345678").as_deref(), Some("31612345678"));
        assert_eq!(msisdn("09 123 45 67").as_deref(), Some("3291234567"));
        for bad in ["", "   ", "470123456", "0470 12 34 56 ext 3", "+32 47", "0470123456789012345", "tel:0470"] {
            assert_eq!(msisdn(bad), None, "{bad}");
        }
    }

    fn links(text: &str) -> Vec<String> {
        segments(text)
            .into_iter()
            .filter_map(|s| match s {
                Segment::Link(l) => Some(l),
                Segment::Text(_) => None,
            })
            .collect()
    }

    #[test]
    fn titles_are_one_tidy_line_of_at_most_120_characters() {
        assert_eq!(
            title("  Verdachte   wagen\nin de Kerkstraat ").ok().as_deref(),
            Some("Verdachte wagen in de Kerkstraat")
        );
        assert_eq!(title("   "), Err(AppError::InvalidText));
        assert!(title(&"é".repeat(120)).is_ok());
        assert_eq!(title(&"é".repeat(121)), Err(AppError::InvalidText));
    }

    #[test]
    fn bodies_keep_their_lines_and_refuse_control_characters() {
        assert_eq!(body(" a\r\nb ", 10).ok().as_deref(), Some("a\nb"));
        assert_eq!(body("", 10), Err(AppError::InvalidText));
        assert_eq!(body("x\u{0}y", 10), Err(AppError::InvalidText));
        assert_eq!(body(&"x".repeat(2_001), BODY_MAX), Err(AppError::InvalidText));
        assert!(body(&"x".repeat(2_000), BODY_MAX).is_ok());
        assert_eq!(optional_body("  ", 10), Ok(None));
    }

    #[test]
    fn only_https_mailto_and_tel_become_links_and_markup_stays_text() {
        assert_eq!(
            links("Zie https://www.politie.be/5415. Of bel tel:101!"),
            ["https://www.politie.be/5415", "tel:101"]
        );
        assert_eq!(links("mail mailto:wijk@politie.be, graag"), ["mailto:wijk@politie.be"]);
        assert!(links("http://example.be javascript:alert(1) data:text/html,x").is_empty());
        assert!(
            links("<a href=\"https://evil.example\">klik</a>").iter().all(|l| !l.contains('"') && !l.contains('>'))
        );
        let parts = segments("<b>vet</b> https://a.be");
        assert_eq!(parts[0], Segment::Text("<b>vet</b> ".into()));
        assert_eq!(plain(&parts), "<b>vet</b> https://a.be");
        assert!(links("xhttps://a.be").is_empty(), "a link starts a word");
        assert!(links("tel:abc mailto:@x").is_empty());
        // Accented letters right before or after a link never split a character.
        assert_eq!(links("été https://gent.be/à éé"), ["https://gent.be/à"]);
        assert!(links("pas été remarquée").is_empty());
    }

    #[test]
    fn an_sms_fits_its_segments_and_always_ends_with_the_whole_link() {
        let link = "https://nabij.example/messages/12";
        let short = sms("Inbraak", "Wees waakzaam.", link, 2);
        assert_eq!(short, format!("Inbraak\nWees waakzaam.\n{link}"));
        let long_body = "Een verdachte wagen rijdt traag door de straten van de wijk. ".repeat(20);
        let cut = sms("Verdachte wagen", &long_body, link, 2);
        assert!(cut.chars().count() <= 306, "{}", cut.chars().count());
        assert!(cut.ends_with(link) && cut.contains("..."));
        // Outside the GSM alphabet a segment holds fewer characters.
        let greek_free = "Œuvre d’art volée : soyez vigilants. ".repeat(20);
        let cut = sms("Vol", &greek_free, link, 2);
        assert!(cut.chars().count() <= 134 && cut.ends_with(link), "{}", cut.chars().count());
        assert!(sms("Titel", &long_body, link, 1).chars().count() <= 160);
        // French typography's no-break spaces become plain spaces, so the text stays GSM.
        let french = sms("Personne suspecte\u{a0}: Markt", &"Appelez le 101\u{a0}! ".repeat(12), link, 2);
        assert!(french.starts_with("Personne suspecte : Markt\nAppelez le 101 ! ") && !french.contains('\u{a0}'));
        assert!(french.chars().count() > 134, "{}", french.chars().count());
    }
}
