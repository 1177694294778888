//! Server functions of messaging: what the caller may send, sending, reading a message and
//! saying it was seen, updates and closing, the lists of received and sent messages, and the
//! coordinator's call list. Each checks who calls and what they may do, validates, and writes
//! the message with its recipients and deliveries in one transaction.

// A server function's parameters are its form's fields, one by one (so forms work without
// JavaScript).
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use crate::messaging::types::{CallEntry, ComposeInfo, MessageLine, MessageView};
use leptos::prelude::*;
use std::collections::HashMap;

#[cfg(feature = "ssr")]
pub mod ssr {
    use crate::auth::types::SafeUser;
    use crate::directory::state::Directory;
    use crate::error::AppError;
    use crate::i18n::Lang;
    use crate::messaging::repo::{self, MessageRow, TargetRow};
    use crate::messaging::templates::{self, Blank};
    use crate::messaging::text;
    use crate::messaging::types::{
        BlankField, Category, Kind, Post, Segment, Sender, Status, TargetBin, TemplateOption,
    };
    use crate::platform::live::LiveEvent;
    use crate::platform::state::AppState;
    use std::collections::{BTreeMap, HashMap};

    /// Urgent alerts one sender may send in an hour: a coordinator, and a police officer.
    pub const URGENT_PER_HOUR_COORDINATOR: i64 = 5;
    pub const URGENT_PER_HOUR_OFFICER: i64 = 30;
    /// Non-urgent messages one sender may send in an hour.
    pub const NORMAL_PER_HOUR: i64 = 20;

    /// The zones whose networks the caller may write to as a police officer or zone admin.
    pub fn zones_of(me: &SafeUser) -> Vec<i64> {
        use crate::auth::types::Role;
        let mut zones: Vec<i64> = me
            .grants
            .iter()
            .filter(|g| matches!(g.role, Role::ZoneOfficer | Role::ZoneAdmin))
            .filter_map(|g| g.zone_id)
            .collect();
        zones.sort_unstable();
        zones.dedup();
        zones
    }

    /// The networks the caller coordinates (or deputises for).
    pub fn coordinated(me: &SafeUser) -> Vec<i64> {
        use crate::auth::types::Role;
        let mut bins: Vec<i64> = me
            .grants
            .iter()
            .filter(|g| matches!(g.role, Role::Coordinator | Role::Deputy))
            .filter_map(|g| g.bin_id)
            .collect();
        bins.sort_unstable();
        bins.dedup();
        bins
    }

    pub fn target_bin(directory: &Directory, row: TargetRow, lang: Lang) -> TargetBin {
        let (x, y) = directory.map.place(row.lat, row.lon);
        TargetBin {
            id: row.id,
            x,
            y,
            reach: i32::try_from(row.radius_m).unwrap_or(i32::MAX),
            municipality: directory
                .geo
                .municipality(row.nis)
                .map(|m| m.names.get(lang).to_string())
                .unwrap_or_default(),
            name: row.name,
            kind: row.kind,
            members: row.members,
        }
    }

    /// The networks a message goes to, checked against what the caller may reach: a
    /// coordinator their own networks, an officer the active networks of their zone (all of
    /// them, or those chosen, of one kind or both). Returns the role and zone it is sent as.
    pub async fn audience(
        state: &AppState,
        me: &SafeUser,
        scope: &str,
        bin_kind: &str,
        chosen: &[i64],
        area: &str,
        drawn: &str,
    ) -> Result<(Sender, Option<i64>, Vec<i64>), AppError> {
        let directory = Directory::of(state)?;
        let kind_ok = |kind: &str| match bin_kind {
            "" | "all" => true,
            "bin" | "bin_z" => kind == bin_kind,
            _ => false,
        };
        if !matches!(bin_kind, "" | "all" | "bin" | "bin_z") {
            return Err(AppError::InvalidInput);
        }
        if scope == "national" {
            if !me.is_kc_admin() {
                return Err(AppError::Forbidden);
            }
            let within = |nis: i64| {
                let municipality = directory.geo.municipality(nis);
                match area.split_once(':') {
                    None if matches!(area, "" | "all") => Ok(true),
                    Some(("region", code)) => crate::directory::types::Region::parse(code)
                        .map(|r| municipality.is_some_and(|m| m.region == r))
                        .ok_or(AppError::InvalidInput),
                    Some(("province", code)) => code
                        .parse::<i64>()
                        .ok()
                        .filter(|p| directory.geo.provinces.iter().any(|province| province.nis == *p))
                        .map(|p| municipality.is_some_and(|m| m.province_nis == p))
                        .ok_or(AppError::InvalidInput),
                    _ => Err(AppError::InvalidInput),
                }
            };
            let mut bins = Vec::new();
            for b in repo::all_targets(&state.pool).await? {
                if within(b.nis)? && kind_ok(&b.kind) {
                    bins.push(b.id);
                }
            }
            return Ok((Sender::KnowledgeCentre, None, bins));
        }
        let zones = zones_of(me);
        if scope == "zone" || scope == "area" {
            let [zone] = zones.as_slice() else {
                return Err(if zones.is_empty() { AppError::Forbidden } else { AppError::InvalidInput });
            };
            let drawn = match scope {
                "area" if drawn.trim().is_empty() => return Err(AppError::AreaReachesNothing),
                "area" => Some(crate::messaging::area::Area::parse(drawn).ok_or(AppError::InvalidInput)?),
                _ => None,
            };
            let lang = crate::i18n::Lang::En;
            let bins: Vec<i64> = repo::zone_targets(&state.pool, *zone)
                .await?
                .into_iter()
                .filter(|b| kind_ok(&b.kind))
                .map(|b| target_bin(directory, b, lang))
                .filter(|b| drawn.as_ref().is_none_or(|area| b.in_area(area)))
                .map(|b| b.id)
                .collect();
            if drawn.is_some() && bins.is_empty() {
                return Err(AppError::AreaReachesNothing);
            }
            return Ok((Sender::Officer, Some(*zone), bins));
        }
        if scope != "bins" || chosen.is_empty() || chosen.len() > 500 {
            return Err(if chosen.is_empty() { AppError::NoRecipients } else { AppError::InvalidInput });
        }
        let mut rows = Vec::with_capacity(chosen.len());
        for id in chosen {
            rows.push(repo::target(&state.pool, *id).await?.ok_or(AppError::NotFound)?);
        }
        let own = coordinated(me);
        if rows.iter().all(|b| own.contains(&b.id)) && rows.len() == 1 {
            let zone = rows[0].zone_id;
            return Ok((Sender::Coordinator, Some(zone), vec![rows[0].id]));
        }
        let zone = rows[0].zone_id;
        if !zones.contains(&zone) || rows.iter().any(|b| b.zone_id != zone) {
            return Err(AppError::Forbidden);
        }
        Ok((Sender::Officer, Some(zone), rows.into_iter().filter(|b| kind_ok(&b.kind)).map(|b| b.id).collect()))
    }

    /// The part of the map that holds these networks' areas, with a margin, as a `viewBox`.
    pub fn view_box(bins: &[TargetBin]) -> Option<(i32, i32, i32, i32)> {
        let reach = |b: &TargetBin| b.reach / 100 + 1;
        let x0 = bins.iter().map(|b| b.x - reach(b)).min()?;
        let y0 = bins.iter().map(|b| b.y - reach(b)).min()?;
        let x1 = bins.iter().map(|b| b.x + reach(b)).max()?;
        let y1 = bins.iter().map(|b| b.y + reach(b)).max()?;
        let margin = ((x1 - x0).max(y1 - y0) / 5).max(20);
        Some((x0 - margin, y0 - margin, x1 - x0 + 2 * margin, y1 - y0 + 2 * margin))
    }

    /// The area drawn on the map (`circle:…` or `polygon:…`), or, from the keyboard or without
    /// JavaScript, a circle of `reach` metres around a chosen network's centre.
    pub async fn drawn_area(
        state: &AppState,
        shape: Option<&str>,
        around: Option<i64>,
        reach: Option<i32>,
    ) -> Result<String, AppError> {
        let directory = Directory::of(state)?;
        if let Some(shape) = shape.filter(|s| !s.trim().is_empty()) {
            return Ok(shape.to_string());
        }
        let Some(around) = around else { return Ok(String::new()) };
        let bin = repo::target(&state.pool, around).await?.ok_or(AppError::NotFound)?;
        let (x, y) = directory.map.place(bin.lat, bin.lon);
        let r = reach.unwrap_or(1_000).saturating_add(50) / 100;
        Ok(crate::messaging::area::Area::Circle { x, y, r }.code())
    }

    /// The blanks of a form (`blank_place`, …), each checked against its template's limits.
    pub fn blanks(
        template: &templates::Template,
        values: &HashMap<String, String>,
    ) -> Result<BTreeMap<Blank, String>, AppError> {
        let mut out = BTreeMap::new();
        for blank in template.blanks {
            let value = values.get(blank.code()).map(|v| v.trim()).unwrap_or("");
            if value.is_empty() {
                return Err(AppError::InvalidText);
            }
            let value = text::body(value, blank.max_chars())?;
            out.insert(*blank, value);
        }
        Ok(out)
    }

    /// How many messages of `kind` the caller may still send this hour, as an error when none.
    pub async fn check_limit(state: &AppState, me: &SafeUser, kind: Kind, role: Sender) -> Result<(), AppError> {
        let since = crate::platform::now() - 3_600;
        let sent = repo::sent_since(&state.pool, me.id, kind.code(), since).await?;
        let limit = match (kind.is_urgent(), role) {
            (true, Sender::Coordinator) => URGENT_PER_HOUR_COORDINATOR,
            (true, _) => URGENT_PER_HOUR_OFFICER,
            (false, _) => NORMAL_PER_HOUR,
        };
        if sent >= limit { Err(AppError::SendLimit) } else { Ok(()) }
    }

    /// The title and body of a message in `lang`: a template's parts in that language with the
    /// sender's values, followed by the sender's own words; or the sender's own title and text.
    pub fn texts(row: &MessageRow, template: Option<&str>, blanks: Option<&str>, lang: Lang) -> (String, String) {
        let filled = template.and_then(templates::template).map(|t| {
            let values: BTreeMap<String, String> =
                blanks.and_then(|b| serde_json::from_str(b).ok()).unwrap_or_default();
            let values: BTreeMap<Blank, String> =
                values.into_iter().filter_map(|(k, v)| Blank::parse(&k).map(|b| (b, v))).collect();
            t.fill(lang, &values)
        });
        match filled {
            Some((title, body)) if row.body.is_empty() => (title, body),
            Some((title, body)) => (title, format!("{body}\n\n{}", row.body)),
            None => (row.title.clone(), row.body.clone()),
        }
    }

    /// The templates and blanks in `lang`, for the compose form.
    pub fn template_options(lang: Lang) -> (Vec<TemplateOption>, Vec<BlankField>) {
        let templates = templates::TEMPLATES
            .iter()
            .map(|t| TemplateOption {
                key: t.key.to_string(),
                kind: t.kind,
                category: t.category,
                name: lang.pick(t.name).to_string(),
                blanks: t.blanks.iter().map(|b| b.code().to_string()).collect(),
            })
            .collect();
        let blanks = Blank::ALL
            .iter()
            .map(|b| BlankField {
                code: b.code().to_string(),
                label: b.label(lang).to_string(),
                hint: b.hint(lang).to_string(),
                max: b.max_chars(),
            })
            .collect();
        (templates, blanks)
    }

    pub fn posts(rows: Vec<repo::PostRow>) -> Vec<Post> {
        rows.into_iter()
            .map(|p| Post {
                closing: p.closing == 1,
                body: text::segments(&p.body),
                lang: p.lang,
                created_at: p.created_at,
            })
            .collect()
    }

    pub fn segments(body: &str) -> Vec<Segment> {
        text::segments(body)
    }

    /// Whether `me` may post updates to and close `row`: its sender; for a zone's message, the
    /// zone's officers; for a network's message, its coordination.
    pub fn can_manage(me: &SafeUser, row: &MessageRow, bins: &[i64]) -> bool {
        row.sender_id == Some(me.id)
            || match row.sender_role {
                Sender::Officer => row.zone_id.is_some_and(|z| me.serves_zone(z)),
                Sender::Coordinator => bins.iter().any(|b| me.coordinates_or_deputises(*b)),
                Sender::KnowledgeCentre => me.is_kc_admin(),
            }
    }

    /// Tells open pages about a message: who it concerns (its networks) and what happened.
    pub async fn publish(state: &AppState, topic: &str, data: serde_json::Value) {
        let event = LiveEvent { topic: topic.to_string(), data: data.to_string() };
        state.live.publish(state.engine, &state.pool, event).await;
    }

    /// The reception figures of a message, for live pages.
    /// Whether a message is an alert about a missing person that its manager may still add a
    /// photo to (while it is open).
    pub fn takes_photo(row: &MessageRow) -> bool {
        row.kind == Kind::Urgent && row.category == Some(Category::MissingPerson) && row.status == Status::Open
    }

    /// Keeps the photo of a missing person that the alert's sender (or whoever may manage it)
    /// adds, re-encoded without metadata.
    pub async fn add_photo(
        state: &AppState,
        me: &SafeUser,
        id: i64,
        upload: Result<Vec<u8>, AppError>,
    ) -> Result<(), AppError> {
        let row = repo::message(&state.pool, id).await?.ok_or(AppError::NotFound)?;
        let bins: Vec<i64> = repo::message_bins(&state.pool, id).await?.into_iter().map(|(id, _)| id).collect();
        if !can_manage(me, &row, &bins) {
            return Err(if repo::recipient(&state.pool, id, me.id).await?.is_some() {
                AppError::Forbidden
            } else {
                AppError::NotFound
            });
        }
        if !takes_photo(&row) {
            return Err(AppError::WrongState);
        }
        crate::messaging::photo::store(state, repo::PhotoOf::Message(id), upload).await
    }

    /// An alert's photo, for its recipients and those who may manage it or serve its zone.
    pub async fn photo_for(state: &AppState, me: &SafeUser, id: i64) -> Result<Vec<u8>, AppError> {
        let row = repo::message(&state.pool, id).await?.ok_or(AppError::NotFound)?;
        let bins: Vec<i64> = repo::message_bins(&state.pool, id).await?.into_iter().map(|(id, _)| id).collect();
        let staff = row.zone_id.is_some_and(|z| me.serves_zone(z)) || me.is_kc_admin();
        let allowed = staff
            || can_manage(me, &row, &bins)
            || bins.iter().any(|b| me.coordinates_or_deputises(*b))
            || repo::recipient(&state.pool, id, me.id).await?.is_some();
        if !allowed {
            return Err(AppError::NotFound);
        }
        repo::photo(&state.pool, repo::PhotoOf::Message(id)).await?.ok_or(AppError::NotFound)
    }

    /// The message an e-mail's or SMS's "seen" link stands for (its recipient needs no
    /// sign-in), or `link_invalid`.
    pub async fn message_of_token(state: &AppState, token: &str) -> Result<i64, AppError> {
        if token.len() != 64 || !token.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(AppError::LinkInvalid);
        }
        let hash = crate::platform::tokens::hash_token(token);
        repo::by_seen_token(&state.pool, &hash).await?.map(|(message, _)| message).ok_or(AppError::LinkInvalid)
    }

    /// The photo of the alert a "seen" link stands for: a missing person's photo reaches
    /// recipients by e-mail and SMS through that link, as their app shows it.
    pub async fn photo_for_token(state: &AppState, token: &str) -> Result<Vec<u8>, AppError> {
        let id = message_of_token(state, token).await?;
        repo::photo(&state.pool, repo::PhotoOf::Message(id)).await?.ok_or(AppError::NotFound)
    }

    /// How long after an SMS a reply still counts as "seen".
    pub const SMS_REPLY_WITHIN_S: i64 = 48 * 3_600;

    /// A reply from `phone` to an alert's SMS: the newest open alert that reached that number
    /// by SMS (in the last two days) and was not yet seen counts as seen. Returns its id.
    pub async fn seen_by_sms(state: &AppState, phone: &str, now: i64) -> Result<Option<i64>, AppError> {
        let Some(number) = text::msisdn(phone) else {
            return Ok(None);
        };
        let candidates = repo::sms_unseen_since(&state.pool, now - SMS_REPLY_WITHIN_S).await?;
        let Some((message_id, user_id, _)) =
            candidates.into_iter().find(|(_, _, address)| text::msisdn(address).as_deref() == Some(number.as_str()))
        else {
            return Ok(None);
        };
        if repo::mark_seen(&state.pool, message_id, user_id, "sms", now).await?
            && let Some(row) = repo::message(&state.pool, message_id).await?
        {
            publish_reception(state, &row).await?;
        }
        tracing::info!(message = message_id, "seen by an SMS reply");
        Ok(Some(message_id))
    }

    pub async fn publish_reception(state: &AppState, row: &MessageRow) -> Result<(), AppError> {
        let mut conn = state.pool.acquire().await?;
        let r = repo::reception(&mut conn, row.id).await?;
        let bins: Vec<i64> = repo::message_bins(&mut *conn, row.id).await?.into_iter().map(|(id, _)| id).collect();
        publish(
            state,
            "reception",
            serde_json::json!({
                "id": row.id, "zone": row.zone_id, "sender": row.sender_id, "bins": bins,
                "recipients": r.recipients, "seen": r.seen, "email": r.email, "sms": r.sms,
                "not_reached": r.not_reached,
            }),
        )
        .await;
        Ok(())
    }

    /// The words of a message being sent, and the template they came from.
    pub struct Wording {
        pub title: String,
        pub body: String,
        /// The language they are written in.
        pub lang: Lang,
        /// A platform template's filled-in blanks, as JSON.
        pub blanks: Option<String>,
        pub template: Option<&'static templates::Template>,
        pub zone_template: Option<repo::ZoneTemplateRow>,
    }

    /// The words of a message: a zone's own template (`zone:{id}`: its text as written, in its
    /// language, with an optional note), a platform template (its title, its blanks filled in
    /// and an optional note) or the sender's own title and text.
    pub async fn wording(
        state: &AppState,
        kind: Kind,
        category: Option<Category>,
        template: Option<&str>,
        blank: Option<HashMap<String, String>>,
        title: Option<&str>,
        body: Option<&str>,
        lang: Lang,
    ) -> Result<Wording, AppError> {
        let mut lang = lang;
        // A zone's own template (`zone:{id}`): its text as written, in its language.
        let zone_template = match template.and_then(|t| t.strip_prefix("zone:")) {
            Some(id) => {
                let id = id.parse::<i64>().map_err(|_| AppError::InvalidInput)?;
                let t = repo::zone_template(&state.pool, id).await?.ok_or(AppError::NotFound)?;
                if t.kind != kind.code()
                    || (kind == Kind::Urgent && t.category.as_deref() != category.map(Category::code))
                {
                    return Err(AppError::InvalidInput);
                }
                lang = Lang::parse(&t.lang).unwrap_or(lang);
                Some(t)
            }
            None => None,
        };
        let template = match template.filter(|t| !t.is_empty() && zone_template.is_none()) {
            Some(key) => {
                let t = templates::template(key).ok_or(AppError::InvalidInput)?;
                if t.kind != kind || (kind == Kind::Urgent && t.category != category) {
                    return Err(AppError::InvalidInput);
                }
                Some(t)
            }
            None => None,
        };
        // With a template the title is the template's and the text is an optional note.
        let (title, body, blanks) = match (template, &zone_template) {
            (_, Some(z)) => {
                let note = text::optional_body(body.unwrap_or(""), text::BODY_MAX)?;
                let body = match note {
                    Some(note) => format!("{}\n\n{note}", z.body),
                    None => z.body.clone(),
                };
                (text::title(&z.title)?, text::body(&body, text::BODY_MAX)?, None)
            }
            (Some(t), None) => {
                let values = blanks(t, &blank.unwrap_or_default())?;
                let (title, _) = t.fill(lang, &values);
                let note = text::optional_body(body.unwrap_or(""), text::BODY_MAX)?.unwrap_or_default();
                let json: std::collections::BTreeMap<&str, &String> =
                    values.iter().map(|(k, v)| (k.code(), v)).collect();
                (text::title(&title)?, note, Some(serde_json::to_string(&json).map_err(|_| AppError::Internal)?))
            }
            (None, None) => (text::title(title.unwrap_or(""))?, text::body(body.unwrap_or(""), text::BODY_MAX)?, None),
        };
        Ok(Wording { title, body, lang, blanks, template, zone_template })
    }

    /// The networks ticked in the form (`bins[<id>]`), each once.
    pub fn chosen_bins(bins: Option<HashMap<String, String>>) -> Result<Vec<i64>, AppError> {
        let mut chosen: Vec<i64> = Vec::new();
        for (key, value) in bins.unwrap_or_default() {
            if value.is_empty() {
                continue;
            }
            chosen.push(key.parse::<i64>().map_err(|_| AppError::InvalidInput)?);
        }
        chosen.sort_unstable();
        chosen.dedup();
        Ok(chosen)
    }

    /// A message that may be sent: who sends it, in which role and zone, and what.
    pub struct Sending<'a> {
        pub me: &'a SafeUser,
        pub role: Sender,
        pub zone_id: Option<i64>,
        pub kind: Kind,
        pub category: Option<Category>,
        pub words: &'a Wording,
        /// The report it answers.
        pub report: Option<i64>,
        /// Whether its words are kept as a template of the zone.
        pub save: bool,
    }

    /// Records a message with its networks, recipients and deliveries (and, as asked, the
    /// report it answers and the zone template it leaves), all or nothing. Returns its id and
    /// how many people receive it.
    pub async fn store(state: &AppState, sent: &Sending<'_>, targets: &[i64]) -> Result<(i64, i64), AppError> {
        let Sending { me, role, zone_id, kind, category, words, report, save } = *sent;
        let Wording { title, body, lang, blanks, template, .. } = words;
        let now = crate::platform::now();
        let status = if kind.is_urgent() { Status::Open } else { Status::Sent };
        let mut tx = state.begin().await?;
        let id = repo::insert_message(
            &mut tx,
            &repo::NewMessage {
                sender_id: me.id,
                sender_role: role,
                zone_id,
                kind,
                category,
                template: template.map(|t| t.key),
                blanks: blanks.as_deref(),
                title,
                body,
                lang: lang.code(),
                status,
                now,
            },
        )
        .await?;
        for bin in targets {
            repo::insert_message_bin(&mut tx, id, *bin).await?;
        }
        let recipients = repo::insert_recipients(&mut tx, id).await?;
        if recipients == 0 {
            tx.rollback().await?;
            return Err(AppError::NoRecipients);
        }
        repo::queue_deliveries(&mut tx, id, 0, kind.is_urgent(), now).await?;
        if !kind.is_urgent() {
            crate::messaging::preferences::ssr::hold_for_quiet_hours(&mut tx, id, 0, now).await?;
        }
        if let Some(report) = report {
            crate::messaging::reports::repo::link_alert(&mut tx, report, id, now).await?;
        }
        if let (true, Some(zone)) = (save, zone_id) {
            let kept = repo::NewZoneTemplate {
                zone_id: zone,
                kind: kind.code(),
                category: category.map(Category::code),
                title,
                body,
                lang: lang.code(),
                created_by: me.id,
                now,
            };
            repo::insert_zone_template(&mut tx, &kept).await?;
        }
        tx.commit().await?;
        Ok((id, recipients))
    }
}

/// What the caller may send and to which networks; with `report`, an officer of the report's
/// zone gets that zone's networks and the report's words to start the alert from.
#[server(endpoint = "messaging/compose", output = crate::codec::Json)]
pub async fn compose_options(report: Option<i64>) -> Result<ComposeInfo, AppError> {
    use crate::messaging::repo;
    use crate::messaging::types::{FromReport, Sender};
    let state = crate::platform::state::app_state()?;
    let directory = crate::directory::state::Directory::of(&state)?;
    let me = crate::auth::session::require_user().await?;
    let lang = crate::i18n::detect_lang();
    let mut zones = ssr::zones_of(&me);
    let (templates, blanks) = ssr::template_options(lang);
    let from_report = match report {
        Some(id) => {
            let row = crate::messaging::reports::api::ssr::handled(&state, &me, id).await?;
            zones.retain(|z| *z == row.zone_id);
            let body =
                format!("{}\n\n{} · {}", row.what, row.place, crate::time::format_date_time(row.observed_at, lang));
            Some(FromReport { id, body })
        }
        None => None,
    };
    if zones.is_empty() && me.is_kc_admin() {
        let mut areas = vec![("all".to_string(), crate::messaging::texts::T::AllOfBelgium.get(lang).to_string())];
        areas.extend(
            crate::directory::types::Region::ALL
                .iter()
                .map(|r| (format!("region:{}", r.code()), r.name(lang).to_string())),
        );
        // Brussels is a region without provinces; it is offered once, as the region.
        let mut provinces: Vec<(String, String)> = directory
            .geo
            .provinces
            .iter()
            .filter(|p| p.region != crate::directory::types::Region::Brussels)
            .map(|p| (format!("province:{}", p.nis), p.names.get(lang).to_string()))
            .collect();
        provinces.sort_by(|a, b| a.1.cmp(&b.1));
        areas.extend(provinces);
        return Ok(ComposeInfo {
            role: Sender::KnowledgeCentre,
            zone_id: None,
            zone_name: None,
            zone_map: None,
            bins: Vec::new(),
            zone_templates: Vec::new(),
            templates: templates.into_iter().filter(|t| !t.kind.is_urgent()).collect(),
            blanks,
            from_report: None,
            areas,
        });
    }
    if let Some(zone) = zones.first() {
        let bins = repo::zone_targets(&state.pool, *zone).await?;
        let own = repo::zone_templates(&state.pool, *zone).await?;
        let zone_templates: Vec<(i64, String)> = own.iter().map(|t| (t.id, t.title.clone())).collect();
        let mut templates = templates;
        templates.extend(own.into_iter().filter_map(|t| {
            Some(crate::messaging::types::TemplateOption {
                key: format!("zone:{}", t.id),
                kind: crate::messaging::types::Kind::parse(&t.kind)?,
                category: t.category.as_deref().and_then(crate::messaging::types::Category::parse),
                name: format!("{} · {}", crate::messaging::texts::T::ZoneTemplate.get(lang), t.title),
                blanks: Vec::new(),
            })
        }));
        let bins: Vec<_> = bins.into_iter().map(|b| ssr::target_bin(directory, b, lang)).collect();
        return Ok(ComposeInfo {
            role: Sender::Officer,
            zone_id: Some(*zone),
            zone_name: directory.geo.zone(*zone).map(|z| z.names.get(lang).to_string()),
            zone_map: ssr::view_box(&bins).map(|view_box| crate::messaging::types::ZoneMap {
                view_box,
                width: directory.map.frame.width,
                height: directory.map.frame.height,
            }),
            zone_templates,
            templates,
            blanks,
            bins,
            from_report,
            areas: Vec::new(),
        });
    }
    let mut bins = Vec::new();
    for id in ssr::coordinated(&me) {
        if let Some(row) = repo::target(&state.pool, id).await? {
            bins.push(ssr::target_bin(directory, row, lang));
        }
    }
    if bins.is_empty() {
        return Err(AppError::Forbidden);
    }
    Ok(ComposeInfo {
        role: Sender::Coordinator,
        zone_id: None,
        zone_name: None,
        zone_map: None,
        bins,
        zone_templates: Vec::new(),
        templates,
        blanks,
        from_report: None,
        areas: Vec::new(),
    })
}

/// The compose page's preview of an area: the area drawn (`shape`), or the circle of `reach`
/// metres around the network `around`, and the networks of the caller's zone (of `bin_kind`)
/// it reaches. The same rule decides when the message is sent; the page's script only shows it.
#[server(endpoint = "messaging/area_reach", output = crate::codec::Json)]
pub async fn area_reach(
    shape: Option<String>,
    around: Option<i64>,
    reach: Option<i32>,
    bin_kind: Option<String>,
) -> Result<crate::messaging::types::AreaReach, AppError> {
    use crate::messaging::types::AreaReach;
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    // Only an officer of one zone draws areas, around the networks of that zone.
    let [zone] = ssr::zones_of(&me)[..] else { return Err(AppError::Forbidden) };
    if let Some(id) = around
        && crate::messaging::repo::target(&state.pool, id).await?.is_none_or(|b| b.zone_id != zone)
    {
        return Err(AppError::NotFound);
    }
    let shape = ssr::drawn_area(&state, shape.as_deref(), around, reach).await?;
    if shape.is_empty() {
        return Ok(AreaReach::default());
    }
    let kind = bin_kind.as_deref().unwrap_or("all");
    let reached = match ssr::audience(&state, &me, "area", kind, &[], "all", &shape).await {
        Ok((_, _, bins)) => bins,
        Err(AppError::AreaReachesNothing) => Vec::new(),
        Err(error) => return Err(error),
    };
    Ok(AreaReach { shape, reached })
}

/// Deletes one of the zone's own templates; the officer confirms it first.
#[server(endpoint = "messaging/delete_template", output = crate::codec::Json)]
pub async fn delete_zone_template(id: i64, confirm: Option<String>) -> Result<(), AppError> {
    use crate::messaging::repo;
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    let template = repo::zone_template(&state.pool, id).await?.ok_or(AppError::NotFound)?;
    if !me.serves_zone(template.zone_id) {
        return Err(AppError::NotFound);
    }
    if confirm.as_deref().is_none_or(str::is_empty) {
        return Err(AppError::ConfirmationMismatch);
    }
    repo::delete_zone_template(&state.pool, id).await?;
    tracing::info!(template = id, officer = me.id, "zone template deleted");
    Ok(())
}

/// Sends a message: an urgent alert (with its category) or a non-urgent one, from a template
/// (its blanks filled in) or in the sender's own words, to the chosen networks or the whole zone.
/// Recipients and deliveries are recorded with the message; open pages are told at once.
#[server(endpoint = "messaging/send", output = crate::codec::Json)]
pub async fn send_message(
    kind: String,
    category: Option<String>,
    template: Option<String>,
    blank: Option<HashMap<String, String>>,
    title: Option<String>,
    body: Option<String>,
    lang: Option<String>,
    scope: String,
    bin_kind: Option<String>,
    bins: Option<HashMap<String, String>>,
    report: Option<i64>,
    area: Option<String>,
    shape: Option<String>,
    around: Option<i64>,
    reach: Option<i32>,
    save_template: Option<String>,
) -> Result<i64, AppError> {
    use crate::i18n::Lang;
    use crate::messaging::types::{Category, Kind, Sender};
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    let kind = Kind::parse(&kind).ok_or(AppError::InvalidInput)?;
    let category = match (kind, category.as_deref().filter(|c| !c.is_empty())) {
        (Kind::Urgent, Some(c)) => Some(Category::parse(c).ok_or(AppError::InvalidInput)?),
        (Kind::Urgent, None) => return Err(AppError::InvalidInput),
        (_, _) => None,
    };
    let lang = lang.as_deref().and_then(Lang::parse).unwrap_or_else(crate::i18n::detect_lang);
    let words =
        ssr::wording(&state, kind, category, template.as_deref(), blank, title.as_deref(), body.as_deref(), lang)
            .await?;
    let chosen = ssr::chosen_bins(bins)?;
    let (role, zone_id, targets) = ssr::audience(
        &state,
        &me,
        &scope,
        bin_kind.as_deref().unwrap_or("all"),
        &chosen,
        area.as_deref().unwrap_or("all"),
        &ssr::drawn_area(&state, shape.as_deref(), around, reach).await?,
    )
    .await?;
    // The knowledge centre runs prevention campaigns; urgent alerts come from the zones.
    if role == Sender::KnowledgeCentre && kind.is_urgent() {
        return Err(AppError::InvalidInput);
    }
    // A zone's template is for its own officers.
    if words.zone_template.as_ref().is_some_and(|z| role != Sender::Officer || zone_id != Some(z.zone_id)) {
        return Err(AppError::Forbidden);
    }
    let save = save_template.as_deref().is_some_and(|v| !v.is_empty());
    if save && (role != Sender::Officer || words.template.is_some() || words.zone_template.is_some()) {
        return Err(AppError::InvalidInput);
    }
    if targets.is_empty() {
        return Err(AppError::NoRecipients);
    }
    ssr::check_limit(&state, &me, kind, role).await?;
    // A report turned into an alert must be one of the zone the alert goes to.
    if let Some(report) = report {
        let row = crate::messaging::reports::api::ssr::handled(&state, &me, report).await?;
        if zone_id != Some(row.zone_id) {
            return Err(AppError::Forbidden);
        }
    }
    let sent = ssr::Sending { me: &me, role, zone_id, kind, category, words: &words, report, save };
    let (id, recipients) = ssr::store(&state, &sent, &targets).await?;
    tracing::info!(
        message = id,
        sender = me.id,
        role = role.code(),
        kind = kind.code(),
        bins = targets.len(),
        recipients,
        "message sent"
    );
    ssr::publish(
        &state,
        "message",
        serde_json::json!({ "id": id, "urgent": kind.is_urgent(), "bins": targets, "title": words.title }),
    )
    .await;
    leptos_axum::redirect(&format!("/messages/{id}?sent=1"));
    Ok(id)
}

/// A message as the caller may see it: its recipients, its sender and their zone, and the
/// coordination of its networks. To anyone else it does not exist.
#[server(endpoint = "messaging/view", output = crate::codec::Json)]
pub async fn read_message(id: i64) -> Result<MessageView, AppError> {
    use crate::messaging::repo;
    use crate::messaging::types::Sender;
    let state = crate::platform::state::app_state()?;
    let directory = crate::directory::state::Directory::of(&state)?;
    let me = crate::auth::session::require_user().await?;
    let row = repo::message(&state.pool, id).await?.ok_or(AppError::NotFound)?;
    let bins = repo::message_bins(&state.pool, id).await?;
    let bin_ids: Vec<i64> = bins.iter().map(|(id, _)| *id).collect();
    let mine = repo::recipient(&state.pool, id, me.id).await?;
    let can_manage = ssr::can_manage(&me, &row, &bin_ids);
    let staff = row.zone_id.is_some_and(|z| me.serves_zone(z)) || me.is_kc_admin();
    let coordinates = bin_ids.iter().any(|b| me.coordinates_or_deputises(*b));
    if mine.is_none() && !can_manage && !staff && !coordinates {
        return Err(AppError::NotFound);
    }
    let (kind, category, status) = (row.kind, row.category, row.status);
    let lang = crate::i18n::detect_lang();
    let (template, blanks) = crate::messaging::repo::template_of(&state.pool, id).await?;
    let (title, body) = ssr::texts(&row, template.as_deref(), blanks.as_deref(), lang);
    let reception = if can_manage || staff || coordinates {
        let mut conn = state.pool.acquire().await?;
        Some(repo::reception(&mut conn, id).await?)
    } else {
        None
    };
    let from = match row.sender_role {
        Sender::Coordinator => bins.first().map(|(_, name)| name.clone()).unwrap_or_default(),
        Sender::KnowledgeCentre => crate::messaging::texts::T::KnowledgeCentre.get(lang).to_string(),
        Sender::Officer => row
            .zone_id
            .and_then(|z| directory.geo.zone(z).map(|zone| zone.names.get(lang).to_string()))
            .unwrap_or_else(|| crate::i18n::Common::KindBin.get(lang).into()),
    };
    Ok(MessageView {
        id,
        kind,
        category,
        status,
        title,
        body: ssr::segments(&body),
        lang: row.lang.clone(),
        from,
        created_at: row.created_at,
        posts: ssr::posts(repo::posts(&state.pool, id).await?),
        advice: kind.is_urgent().then(|| lang.pick(crate::messaging::templates::STANDING_ADVICE).to_string()),
        recipient: mine.is_some(),
        seen: mine.is_some_and(|(_, seen)| seen.is_some()),
        reception,
        can_manage,
        // A campaign's thousand networks are said as a number.
        bins: match (can_manage || staff, bins.len()) {
            (false, _) => Vec::new(),
            (true, n) if n > 20 => vec![format!("{n} {}", crate::i18n::Common::Networks.get(lang).to_lowercase())],
            (true, _) => bins.into_iter().map(|(_, name)| name).collect(),
        },
        has_call_list: kind.is_urgent() && coordinates,
        found_useful: mine.is_some() && repo::reactions_by(&state.pool, id, me.id, "useful", 0).await? > 0,
        has_photo: repo::has_photo(&state.pool, id).await?,
        may_add_photo: can_manage && ssr::takes_photo(&row),
        reactions: if can_manage || staff { Some(repo::reaction_counts(&state.pool, id).await?) } else { None },
    })
}

/// The caller says they saw a message (one tap in the app).
#[server(endpoint = "messaging/seen", output = crate::codec::Json)]
pub async fn mark_seen(id: i64) -> Result<(), AppError> {
    use crate::messaging::repo;
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    let row = repo::message(&state.pool, id).await?.ok_or(AppError::NotFound)?;
    if repo::recipient(&state.pool, id, me.id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    if repo::mark_seen(&state.pool, id, me.id, "app", crate::platform::now()).await? {
        ssr::publish_reception(&state, &row).await?;
    }
    leptos_axum::redirect(&format!("/messages/{id}"));
    Ok(())
}

/// Posts an update to an open alert, or closes it with its closing message; either reaches
/// everyone the alert reached, on the same channels.
#[server(endpoint = "messaging/post", output = crate::codec::Json)]
pub async fn post_update(id: i64, body: String, close: Option<String>) -> Result<(), AppError> {
    use crate::messaging::types::Status;
    use crate::messaging::{repo, text};
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    let row = repo::message(&state.pool, id).await?.ok_or(AppError::NotFound)?;
    let bins: Vec<i64> = repo::message_bins(&state.pool, id).await?.into_iter().map(|(id, _)| id).collect();
    if !ssr::can_manage(&me, &row, &bins) {
        return Err(if repo::recipient(&state.pool, id, me.id).await?.is_some() {
            AppError::Forbidden
        } else {
            AppError::NotFound
        });
    }
    let body = text::body(&body, text::BODY_MAX)?;
    let closing = close.is_some_and(|c| !c.is_empty());
    let lang = crate::i18n::detect_lang();
    let now = crate::platform::now();
    let mut tx = state.begin().await?;
    if row.status != Status::Open {
        tx.rollback().await?;
        return Err(AppError::WrongState);
    }
    if closing && !repo::close(&mut tx, id, now).await? {
        tx.rollback().await?;
        return Err(AppError::WrongState);
    }
    let post_id = repo::insert_post(&mut tx, id, closing, &body, lang.code(), now).await?;
    repo::queue_deliveries(&mut tx, id, post_id, true, now).await?;
    tx.commit().await?;
    tracing::info!(message = id, post = post_id, closing, "alert updated");
    ssr::publish(&state, "post", serde_json::json!({ "id": id, "bins": bins, "closing": closing })).await;
    leptos_axum::redirect(&format!("/messages/{id}"));
    Ok(())
}

/// The messages the caller received, newest first.
#[server(endpoint = "messaging/received", output = crate::codec::Json)]
pub async fn received_messages() -> Result<Vec<MessageLine>, AppError> {
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    lines(crate::messaging::repo::received(&state.pool, me.id).await?, false)
}

/// The messages the caller sent, and, for police officers, those of their zone.
#[server(endpoint = "messaging/sent", output = crate::codec::Json)]
pub async fn sent_messages() -> Result<Vec<MessageLine>, AppError> {
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    let zones = ssr::zones_of(&me);
    lines(crate::messaging::repo::sent(&state.pool, me.id, &zones).await?, true)
}

/// The urgent alerts to the networks of the caller's zones that are open for more than a day,
/// oldest first; empty for anyone who serves no zone.
#[server(endpoint = "messaging/left_open", output = crate::codec::Json)]
pub async fn left_open() -> Result<Vec<MessageLine>, AppError> {
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    let zones = ssr::zones_of(&me);
    let before = crate::platform::now() - crate::messaging::reminders::LEFT_OPEN_AFTER_S;
    lines(crate::messaging::repo::left_open(&state.pool, &zones, before).await?, true)
}

#[cfg(feature = "ssr")]
fn lines(rows: Vec<crate::messaging::repo::LineRow>, sent: bool) -> Result<Vec<MessageLine>, AppError> {
    Ok(rows
        .into_iter()
        .map(|r| MessageLine {
            id: r.id,
            kind: r.kind,
            category: r.category,
            status: r.status,
            title: r.title,
            created_at: r.created_at,
            seen: r.seen_at.is_some(),
            recipients: sent.then_some(r.recipients),
            seen_count: sent.then_some(r.seen_count),
        })
        .collect())
}

/// The call list of an urgent alert for one of the caller's networks: members no e-mail or SMS
/// reaches and, fifteen minutes after it was sent, everyone who has not yet seen it.
#[server(endpoint = "messaging/call_list", output = crate::codec::Json)]
pub async fn call_list(id: i64) -> Result<Vec<CallEntry>, AppError> {
    use crate::messaging::repo;
    use crate::messaging::types::Kind;
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    let row = repo::message(&state.pool, id).await?.ok_or(AppError::NotFound)?;
    let bins: Vec<i64> = repo::message_bins(&state.pool, id).await?.into_iter().map(|(id, _)| id).collect();
    let own: Vec<i64> = bins.into_iter().filter(|b| me.coordinates_or_deputises(*b)).collect();
    if own.is_empty() || row.kind != Kind::Urgent {
        return Err(AppError::NotFound);
    }
    let overdue = crate::platform::now() - row.created_at >= 15 * 60;
    let mut out = Vec::new();
    for bin in own {
        for r in repo::call_list(&state.pool, id, bin, overdue).await? {
            out.push(CallEntry {
                user_id: r.user_id,
                name: r.name,
                phone: r.phone,
                unreachable: r.unreachable == 1,
                called: r.called_at.is_some(),
            });
        }
    }
    tracing::info!(message = id, user = me.id, people = out.len(), "call list read by its coordination");
    Ok(out)
}

/// Ticks a member of the caller's call list as phoned.
#[server(endpoint = "messaging/called", output = crate::codec::Json)]
pub async fn mark_called(id: i64, user_id: i64) -> Result<(), AppError> {
    use crate::messaging::repo;
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    let bins: Vec<i64> = repo::message_bins(&state.pool, id).await?.into_iter().map(|(id, _)| id).collect();
    let now = crate::platform::now();
    for bin in bins.into_iter().filter(|b| me.coordinates_or_deputises(*b)) {
        if repo::mark_called(&state.pool, id, bin, user_id, me.id, now).await? {
            leptos_axum::redirect(&format!("/messages/{id}#call-list"));
            return Ok(());
        }
    }
    Err(AppError::NotFound)
}

/// Whether the alert a "seen" link stands for carries a photo (a missing person's), which
/// the link's page then shows.
#[server(endpoint = "messaging/seen_photo", input = leptos::server_fn::codec::GetUrl, output = crate::codec::Json)]
pub async fn seen_photo(token: String) -> Result<bool, AppError> {
    let state = crate::platform::state::app_state()?;
    let id = ssr::message_of_token(&state, &token).await?;
    Ok(crate::messaging::repo::has_photo(&state.pool, id).await?)
}

/// Says "seen" from the page an e-mail's link opens (the token in the link stands for the
/// recipient; no sign-in needed). The page asks for a button press, so a mail scanner that
/// opens the link does not count as a reader.
#[server(endpoint = "messaging/seen_token", output = crate::codec::Json)]
pub async fn seen_by_token(token: String) -> Result<(), AppError> {
    use crate::messaging::repo;
    let state = crate::platform::state::app_state()?;
    ssr::message_of_token(&state, &token).await?;
    let hash = crate::platform::tokens::hash_token(&token);
    let (message_id, user_id) = repo::by_seen_token(&state.pool, &hash).await?.ok_or(AppError::LinkInvalid)?;
    let row = repo::message(&state.pool, message_id).await?.ok_or(AppError::LinkInvalid)?;
    if repo::mark_seen(&state.pool, message_id, user_id, "email", crate::platform::now()).await? {
        ssr::publish_reception(&state, &row).await?;
    }
    leptos_axum::redirect(&format!("/seen/{token}?done=1"));
    Ok(())
}
