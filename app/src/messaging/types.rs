//! Wire types of messaging: the kinds and categories of message, what a sender may send to,
//! a message as its reader and its sender see it, and the coordinator's call list. Never a
//! member's e-mail address; a phone number only on the call list of the member's own network.

use serde::{Deserialize, Serialize};

use crate::codec::codes;

/// The largest photo accepted (with a report or a missing person's alert), in bytes (5 MB).
pub const PHOTO_MAX_BYTES: usize = 5 * 1024 * 1024;

codes! {
    /// What kind of message: an urgent alert, or one of the non-urgent kinds.
    Kind {
        Urgent => "urgent",
        Prevention => "prevention",
        Feedback => "feedback",
        Invitation => "invitation",
        Newsletter => "newsletter",
    }
}

codes! {
    /// The category of an urgent alert.
    Category {
        Suspicious => "suspicious",
        Burglary => "burglary",
        MissingPerson => "missing_person",
        FraudWave => "fraud_wave",
        CyberThreat => "cyber_threat",
        Other => "other",
    }
}

codes! {
    /// A way a message reaches a person.
    Channel {
        App => "app",
        Email => "email",
        Sms => "sms",
    }
}

codes! {
    /// Where an urgent alert stands: open (updates may follow) or closed (with a closing
    /// message). Non-urgent messages are `Sent` and stay so.
    Status {
        Open => "open",
        Closed => "closed",
        Sent => "sent",
    }
}

codes! {
    /// Who sends a message: a zone's officers (to the zone's networks or an area of it), a
    /// network's coordination (to its own network), or the knowledge centre (national campaigns).
    Sender {
        Officer => "officer",
        Coordinator => "coordinator",
        KnowledgeCentre => "kc",
    }
}

impl Kind {
    pub fn is_urgent(self) -> bool {
        self == Kind::Urgent
    }
}

impl Category {
    /// The category's name among the interface's texts.
    pub fn text(self) -> crate::messaging::texts::T {
        use crate::messaging::texts::T;
        match self {
            Category::Suspicious => T::CategorySuspicious,
            Category::Burglary => T::CategoryBurglary,
            Category::MissingPerson => T::CategoryMissingPerson,
            Category::FraudWave => T::CategoryFraudWave,
            Category::CyberThreat => T::CategoryCyberThreat,
            Category::Other => T::CategoryOther,
        }
    }
}

/// A network a sender may choose.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetBin {
    pub id: i64,
    pub name: String,
    /// `bin` or `bin_z`.
    pub kind: String,
    pub municipality: String,
    /// Active members who would receive a message.
    pub members: i64,
    /// Where the network is on the map (map units, hectometres) and how far its area reaches.
    pub x: i32,
    pub y: i32,
    pub reach: i32,
}

impl TargetBin {
    /// Whether a drawn area touches this network's area.
    pub fn in_area(&self, area: &crate::messaging::area::Area) -> bool {
        area.touches(f64::from(self.x), f64::from(self.y), f64::from(self.reach) / 100.0)
    }
}

/// What an area reaches, for the compose page's preview: the area as the server reads it (a drawn
/// one, or the circle around a chosen network), and the networks it reaches by the rule of
/// sending.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaReach {
    /// `circle:…` or `polygon:…`; empty when no area is drawn or chosen.
    pub shape: String,
    pub reached: Vec<i64>,
}

/// What the caller may send, for the compose page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComposeInfo {
    /// Whom the caller sends as: their own network, their zone's networks, or all of Belgium.
    pub role: Sender,
    /// The police zone an officer sends for.
    pub zone_id: Option<i64>,
    pub zone_name: Option<String>,
    /// The networks the caller may choose from.
    pub bins: Vec<TargetBin>,
    /// The zone's map an officer draws an area on.
    pub zone_map: Option<ZoneMap>,
    /// The zone's own templates (an officer's): id and title, to delete.
    pub zone_templates: Vec<(i64, String)>,
    /// The templates on offer, in the caller's language.
    pub templates: Vec<TemplateOption>,
    /// Every blank a template may have, with its label in the caller's language.
    pub blanks: Vec<BlankField>,
    /// The resident's report an officer turns into an alert, with the text it starts from.
    pub from_report: Option<FromReport>,
    /// For the knowledge centre's national campaigns: the areas to choose from (`all`,
    /// `region:flanders`, `province:10000`), with their names.
    pub areas: Vec<(String, String)>,
}

/// The part of the base map that holds a zone's networks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZoneMap {
    /// The SVG `viewBox`, in map units.
    pub view_box: (i32, i32, i32, i32),
    /// The size of the whole base map, in map units.
    pub width: i32,
    pub height: i32,
}

/// A report that an alert is written from: its number and its words, place and time (never
/// who made it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FromReport {
    pub id: i64,
    pub body: String,
}

/// A template as the compose form offers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateOption {
    pub key: String,
    pub kind: Kind,
    pub category: Option<Category>,
    pub name: String,
    /// The codes of the blanks it needs.
    pub blanks: Vec<String>,
}

/// A blank of a template, as the compose form shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlankField {
    pub code: String,
    pub label: String,
    pub hint: String,
    pub max: usize,
}

/// A segment of a message's text: plain text, or a link limited to https, mailto and tel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "t", content = "v", rename_all = "snake_case")]
pub enum Segment {
    Text(String),
    Link(String),
}

/// An update or the closing message of an alert.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Post {
    pub closing: bool,
    pub body: Vec<Segment>,
    /// The language it was written in (`nl`, `fr`, `de`, `en`).
    pub lang: String,
    pub created_at: i64,
}

/// How a message was received, for its sender and the zone.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reception {
    pub recipients: i64,
    pub seen: i64,
    /// Reached by e-mail and by SMS (delivered to the mail relay or the SMS gateway).
    pub email: i64,
    pub sms: i64,
    /// Waiting to be delivered, by e-mail or SMS.
    pub pending: i64,
    /// Neither seen nor delivered by any channel but the app.
    pub not_reached: i64,
}

/// A message as its reader (or sender) sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    pub id: i64,
    pub kind: Kind,
    pub category: Option<Category>,
    pub status: Status,
    pub title: String,
    pub body: Vec<Segment>,
    /// The language the sender wrote in.
    pub lang: String,
    /// Who sent it, as the reader may know: a network's coordination or a police zone.
    pub from: String,
    pub created_at: i64,
    pub posts: Vec<Post>,
    /// The standing advice of an urgent alert, in the reader's language.
    pub advice: Option<String>,
    /// Whether the caller received it, and whether they said they saw it.
    pub recipient: bool,
    pub seen: bool,
    /// The reception, for the sender, the zone and the knowledge centre only.
    pub reception: Option<Reception>,
    /// Whether the caller may post updates and close it.
    pub can_manage: bool,
    /// The networks it went to, for those who may manage it.
    pub bins: Vec<String>,
    /// Whether the caller coordinates one of those networks (and so has a call list).
    pub has_call_list: bool,
    /// Whether the caller (a recipient) found it useful.
    pub found_useful: bool,
    /// For those who may manage it: how many found it useful and how many questions came.
    pub reactions: Option<(i64, i64)>,
    /// A missing person's alert has a photo (at `/messages/{id}/photo.jpg`).
    pub has_photo: bool,
    /// The caller may add or replace it (a missing person's open alert they manage).
    pub may_add_photo: bool,
}

/// A line of the caller's list of messages (received or sent).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageLine {
    pub id: i64,
    pub kind: Kind,
    pub category: Option<Category>,
    pub status: Status,
    pub title: String,
    pub created_at: i64,
    pub seen: bool,
    /// For sent messages: how many received it and how many saw it.
    pub recipients: Option<i64>,
    pub seen_count: Option<i64>,
}

/// Someone the coordinator should phone about an urgent alert.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallEntry {
    pub user_id: i64,
    pub name: String,
    pub phone: Option<String>,
    /// Why: no e-mail or SMS reached them, or they have not seen it after 15 minutes.
    pub unreachable: bool,
    pub called: bool,
}

/// How a member wants to receive messages. In the app they always arrive; urgent alerts pass
/// quiet hours and the digest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageSettings {
    pub urgent_email: bool,
    pub urgent_sms: bool,
    pub normal_email: bool,
    pub normal_sms: bool,
    /// Quiet hours for non-urgent messages, as hours of the day (Belgian time), from and to.
    pub quiet_from: Option<i64>,
    pub quiet_to: Option<i64>,
    /// Non-urgent messages by e-mail once a week, together, instead of one by one.
    pub digest: bool,
    /// Whether one of the member's networks has a phone number for them (SMS needs one).
    pub has_phone: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back_and_nothing_else_does() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.code()), Some(kind));
        }
        for category in Category::ALL {
            assert_eq!(Category::parse(category.code()), Some(category));
        }
        for channel in Channel::ALL {
            assert_eq!(Channel::parse(channel.code()), Some(channel));
        }
        for status in Status::ALL {
            assert_eq!(Status::parse(status.code()), Some(status));
        }
        assert_eq!(Kind::parse("URGENT"), None);
        assert_eq!(Category::parse(""), None);
        assert!(Kind::Urgent.is_urgent() && !Kind::Newsletter.is_urgent());
    }
}
