//! How server functions' answers travel: JSON, as usual, but read from text. Resources hydrate
//! from text as well, so the browser build holds one JSON reader per type instead of two (one
//! for bytes and one for text).

use leptos::server_fn::codec::Post;
use leptos::server_fn::{Bytes, ContentType, Decodes, Encodes, Format, FormatType};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// JSON written as bytes and read as UTF-8 text.
pub struct TextJsonEncoding;

impl ContentType for TextJsonEncoding {
    const CONTENT_TYPE: &'static str = "application/json";
}

impl FormatType for TextJsonEncoding {
    const FORMAT_TYPE: Format = Format::Text;
}

impl<T: Serialize> Encodes<T> for TextJsonEncoding {
    type Error = serde_json::Error;

    fn encode(output: &T) -> Result<Bytes, Self::Error> {
        serde_json::to_vec(output).map(Bytes::from)
    }
}

impl<T: DeserializeOwned> Decodes<T> for TextJsonEncoding {
    type Error = serde_json::Error;

    fn decode(bytes: Bytes) -> Result<T, Self::Error> {
        let text = std::str::from_utf8(&bytes).map_err(serde::de::Error::custom)?;
        serde_json::from_str(text)
    }
}

/// Answers as JSON read from text, in the body of the response (the output of every server
/// function).
pub type Json = Post<TextJsonEncoding>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_round_trip_and_bad_bytes_are_an_error() {
        let bytes = <TextJsonEncoding as Encodes<Vec<String>>>::encode(&vec!["Liège".to_string()]).unwrap_or_default();
        let back: Result<Vec<String>, _> = <TextJsonEncoding as Decodes<Vec<String>>>::decode(bytes);
        assert_eq!(back.ok(), Some(vec!["Liège".to_string()]));
        let bad: Result<Vec<String>, _> =
            <TextJsonEncoding as Decodes<Vec<String>>>::decode(Bytes::from_static(b"[\"\xff\"]"));
        assert!(bad.is_err());
    }
}
