//! Markdown written for Nabij (the courses, the privacy notice, the members' rules): read with
//! its rules checked, and rendered to sanitised HTML.

use pulldown_cmark::{Event, Parser, Tag};
use std::collections::HashSet;
use std::path::Path;

/// A Markdown file's title (its first line, `# Title`) and body; what breaks the rules (raw
/// HTML, images, links other than absolute https, mailto and tel) is added to `problems`.
pub fn read(path: &Path, problems: &mut Vec<String>) -> Option<(String, String)> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            problems.push(format!("{}: {e}", path.display()));
            return None;
        }
    };
    let Some(first) = text.lines().next().and_then(|l| l.strip_prefix("# ")) else {
        problems.push(format!("{}: the first line must be '# Title'", path.display()));
        return None;
    };
    let body = text.split_once('\n').map(|(_, rest)| rest).unwrap_or("");
    for event in Parser::new(body) {
        match event {
            Event::Html(_) | Event::InlineHtml(_) => problems.push(format!("{}: raw HTML", path.display())),
            Event::Start(Tag::Image { .. }) => problems.push(format!("{}: images are not allowed", path.display())),
            Event::Start(Tag::Link { dest_url, .. }) if !well_formed_link(&dest_url) => {
                problems.push(format!("{}: malformed link {dest_url}", path.display()))
            }
            _ => {}
        }
    }
    Some((first.trim().to_string(), body.to_string()))
}

/// `https://host.tld/…`, `mailto:name@host` or `tel:+32 …`.
pub fn well_formed_link(url: &str) -> bool {
    if let Some(rest) = url.strip_prefix("https://") {
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        let labels: Vec<&str> = host.split('.').collect();
        return labels.len() >= 2
            && labels.iter().all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
            && labels.last().is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()))
            && !rest.contains(char::is_whitespace);
    }
    if let Some(address) = url.strip_prefix("mailto:") {
        return address.split_once('@').is_some_and(|(a, b)| !a.is_empty() && b.contains('.'));
    }
    if let Some(number) = url.strip_prefix("tel:") {
        return !number.is_empty() && number.chars().all(|c| c.is_ascii_digit() || c == '+' || c == ' ');
    }
    false
}

/// Markdown to sanitised HTML: headings, paragraphs, lists, emphasis and safe links only.
pub fn render(markdown: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, Parser::new(markdown));
    ammonia::Builder::default()
        .url_schemes(HashSet::from(["https", "mailto", "tel"]))
        .link_rel(Some("noopener noreferrer"))
        .clean(&html)
        .to_string()
}

/// The `##` headings of a Markdown text, in order (to compare the languages of one page).
pub fn headings(markdown: &str) -> Vec<String> {
    markdown.lines().filter_map(|l| l.strip_prefix("## ")).map(|h| h.trim().to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::{render, well_formed_link};

    #[test]
    fn markdown_is_sanitised_and_links_keep_only_safe_schemes() {
        let html = render("Hello <script>alert(1)</script> [x](javascript:alert(1)) [y](https://safeonweb.be)");
        assert!(!html.contains("<script"));
        assert!(!html.contains("javascript:"));
        assert!(html.contains("href=\"https://safeonweb.be\""));
        assert!(html.contains("noopener"));
    }

    #[test]
    fn links_must_be_absolute_https_mail_or_phone() {
        assert!(well_formed_link("https://safeonweb.be"));
        assert!(well_formed_link("https://www.cardstop.be/nl/"));
        assert!(well_formed_link("mailto:suspicious@safeonweb.be"));
        assert!(well_formed_link("tel:078 170 170"));
        assert!(!well_formed_link("http://safeonweb.be"));
        assert!(!well_formed_link("https://safeonweb"));
        assert!(!well_formed_link("https://safe on web.be"));
        assert!(!well_formed_link("safeonweb.be"));
        assert!(!well_formed_link("mailto:nobody"));
    }
}
