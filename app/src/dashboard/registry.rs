//! The knowledge centre's charter registry: every network's latest charter, filtered by
//! region, police zone and review status, on a page and as CSV.

use crate::dashboard::zone::CharterStatus;
use crate::directory::types::{BinKind, BinState, Region};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One line of the registry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Charter {
    pub bin_id: i64,
    pub bin: String,
    pub kind: BinKind,
    pub state: BinState,
    pub region: Region,
    pub zone: String,
    pub version: Option<i64>,
    pub signed_at: Option<i64>,
    pub registered_at: Option<i64>,
    pub next_review_at: Option<i64>,
    pub status: CharterStatus,
}

/// The registry's lines that match, at most `SHOWN` of them, and how many matched.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Registry {
    pub lines: Vec<Charter>,
    pub matched: usize,
}

/// How many lines the page shows (the CSV has them all).
pub const SHOWN: usize = 200;

/// Which lines: a region code, a zone number, a charter status (`in_force`, `due_soon`,
/// `overdue`, `none`) and a network state (`active`, `dormant`, `initiative` for one not yet
/// registered, `ended` for declined or dissolved); empty means any.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    pub region: String,
    pub zone: String,
    pub status: String,
    pub state: String,
}

impl Filter {
    pub fn keeps(&self, c: &Charter) -> bool {
        let status =
            serde_json::to_value(c.status).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        (self.region.is_empty() || c.region.code() == self.region)
            && (self.zone.trim().is_empty() || c.zone == self.zone.trim())
            && (self.status.is_empty() || status == self.status)
            && (self.state.is_empty() || state_group(c.state) == self.state)
    }
}

/// The group a network's state falls in, for the registry's filter.
pub fn state_group(state: BinState) -> &'static str {
    match state {
        BinState::Active => "active",
        BinState::Dormant => "dormant",
        BinState::Declined | BinState::Dissolved => "ended",
        BinState::Proposed | BinState::ChangesRequested | BinState::Charter | BinState::Signed => "initiative",
    }
}

/// Every network's latest charter, with the filter applied (knowledge-centre admins only).
#[cfg(feature = "ssr")]
pub async fn lines(state: &crate::platform::state::AppState, filter: &Filter) -> Result<Vec<Charter>, AppError> {
    let directory = crate::directory::state::Directory::of(state)?;
    let now = crate::platform::now();
    let rows = crate::dashboard::repo::registry(&state.pool).await?;
    Ok(rows
        .into_iter()
        .map(|r| Charter {
            bin_id: r.bin_id,
            bin: r.name,
            kind: r.kind,
            state: r.state,
            region: r.region,
            zone: directory.geo.zone(r.zone_id).map(|z| z.number.unwrap_or(z.id)).unwrap_or(r.zone_id).to_string(),
            version: r.version,
            signed_at: r.signed_at,
            registered_at: r.registered_at,
            next_review_at: r.next_review_at,
            status: if r.signed_at.is_some() {
                crate::dashboard::zone::charter_status(r.next_review_at, now)
            } else {
                CharterStatus::None
            },
        })
        .filter(|c| filter.keeps(c))
        .collect())
}

/// The registry's spreadsheet columns: the code the import also accepts, and the heading.
pub const COLUMNS: [(&str, &dyn crate::i18n::Text); 11] = {
    use crate::dashboard::texts::T;
    use crate::i18n::Common;
    [
        ("bin_id", &T::NetworkIdColumn),
        ("bin", &Common::NetworkColumn),
        ("kind", &Common::Kind),
        ("state", &T::State),
        ("region", &Common::Region),
        ("zone", &Common::PoliceZone),
        ("version", &Common::VersionColumn),
        ("signed", &T::SignedOnColumn),
        ("registered", &Common::RegisteredOnColumn),
        ("next_review", &Common::NextReviewColumn),
        ("status", &T::CharterStatusColumn),
    ]
};

/// The registry as a spreadsheet in the reader's language; it can be imported again as it is.
#[cfg(feature = "ssr")]
pub fn to_csv(lines: &[Charter], lang: crate::i18n::Lang) -> Result<String, AppError> {
    use crate::platform::spreadsheet::{Sheet, Value};
    let mut sheet = Sheet::new(lang, &COLUMNS.map(|(_, heading)| heading.get(lang)))?;
    for c in lines {
        sheet.row([
            Value::Count(c.bin_id),
            c.bin.clone().into(),
            c.kind.text().get(lang).into(),
            c.state.text().get(lang).into(),
            c.region.name(lang).into(),
            c.zone.clone().into(),
            c.version.into(),
            c.signed_at.map(Value::Date).unwrap_or(Value::Empty),
            c.registered_at.map(Value::Date).unwrap_or(Value::Empty),
            c.next_review_at.map(Value::Date).unwrap_or(Value::Empty),
            c.status.text().get(lang).into(),
        ])?;
    }
    sheet.finish()
}

/// The registry page's data (knowledge-centre admins only).
#[server(endpoint = "dashboard/registry", output = crate::codec::Json)]
pub async fn charter_registry(
    region: String,
    zone: String,
    status: String,
    network_state: Option<String>,
) -> Result<Registry, AppError> {
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    if !me.is_kc_admin() {
        return Err(AppError::Forbidden);
    }
    let all = lines(&state, &Filter { region, zone, status, state: network_state.unwrap_or_default() }).await?;
    let matched = all.len();
    Ok(Registry { lines: all.into_iter().take(SHOWN).collect(), matched })
}
