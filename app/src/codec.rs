//! How server functions' answers travel: JSON, as usual, but read from text. Resources hydrate
//! from text as well, so the browser build holds one JSON reader per type instead of two (one
//! for bytes and one for text). How a closed set of values travels and is stored: as a
//! stable code ([`codes!`]). And how a text that people type is kept once checked ([`parsed!`]).

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

/// Declares an enum whose values are stored and sent as stable codes: the enum (with its
/// serde names equal to the codes), `ALL`, `code()`, `parse()`, and on the server
/// `TryFrom<String>` and sqlx's `Decode`, so a repository row decodes the column straight into
/// the enum (or an `Option` of it) and an unknown code is a decoding error, not a string that
/// travels on.
macro_rules! codes {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $code:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name { $($(#[$vmeta])* #[serde(rename = $code)] $variant,)* }

        impl $name {
            /// Every value, in the order forms and tables show them.
            pub const ALL: [$name; [$($code),*].len()] = [$($name::$variant,)*];

            /// The stable code, as stored and sent in forms.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)* }
            }

            /// The value of `code` (spaces around it do not count).
            pub fn parse(code: &str) -> Option<$name> {
                match code.trim() { $($code => Some($name::$variant),)* _ => None }
            }
        }

        #[cfg(feature = "ssr")]
        impl TryFrom<String> for $name {
            type Error = $crate::codec::UnknownCode;

            fn try_from(code: String) -> Result<$name, Self::Error> {
                $name::parse(&code).ok_or($crate::codec::UnknownCode { of: stringify!($name), code })
            }
        }

        // Read from a text column as the value itself, so an optional column is an `Option`
        // of it.
        #[cfg(feature = "ssr")]
        impl sqlx::Type<sqlx::Any> for $name {
            fn type_info() -> sqlx::any::AnyTypeInfo {
                <String as sqlx::Type<sqlx::Any>>::type_info()
            }

            fn compatible(ty: &sqlx::any::AnyTypeInfo) -> bool {
                <String as sqlx::Type<sqlx::Any>>::compatible(ty)
            }
        }

        #[cfg(feature = "ssr")]
        impl<'r> sqlx::Decode<'r, sqlx::Any> for $name {
            fn decode(value: sqlx::any::AnyValueRef<'r>) -> Result<$name, sqlx::error::BoxDynError> {
                let code = <String as sqlx::Decode<'r, sqlx::Any>>::decode(value)?;
                Ok($name::try_from(code)?)
            }
        }
    };
}

pub(crate) use codes;

/// Declares a text that only its `parse` makes (parse, don't validate): a newtype over
/// `String` whose value was checked and normalised once, where it was typed, so a function that
/// takes one needs no check of its own and cannot be handed an unchecked string. The type's
/// module writes `parse`; this gives it the rest.
macro_rules! parsed {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct $name(String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }
    };
}

pub(crate) use parsed;

/// A stored code that names no value of its type (a row written by hand or by a newer version).
#[derive(Debug)]
pub struct UnknownCode {
    pub of: &'static str,
    pub code: String,
}

impl std::fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?} is not a code of {}", self.code, self.of)
    }
}

impl std::error::Error for UnknownCode {}

#[cfg(test)]
mod tests {
    use super::*;

    codes! {
        /// A closed set of values for these tests only.
        Weather {
            Sunny => "sunny",
            HeavyRain => "heavy_rain",
        }
    }

    #[test]
    fn a_code_is_its_serde_name_and_an_unknown_one_does_not_decode() {
        for weather in Weather::ALL {
            assert_eq!(serde_json::to_string(&weather).unwrap_or_default(), format!("\"{}\"", weather.code()));
            assert_eq!(Weather::try_from(weather.code().to_string()).ok(), Some(weather));
            assert_eq!(Weather::parse(weather.code()), Some(weather));
        }
        let refused = Weather::try_from("HeavyRain".to_string()).err().map(|e| e.to_string());
        assert_eq!(refused.as_deref(), Some("\"HeavyRain\" is not a code of Weather"));
    }

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
