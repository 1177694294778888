//! A member's part of their data export (every membership and join request, with what they
//! gave and consented to), and what deleting their account does to their networks: each counts
//! one household less, and a network they coordinated shows that it looks for a coordinator.

use crate::auth::personal::{Pending, PersonalData, fields, iso};
use crate::platform::state::AppState;
use serde::Serialize;

pub struct Memberships;

/// One membership as its member downloads it.
#[derive(Serialize)]
struct MembershipExport {
    bin: String,
    state: crate::membership::types::MemberState,
    street: String,
    house_number: String,
    postcode: String,
    phone: Option<String>,
    language: String,
    birth_decade: Option<i64>,
    consent_version: String,
    consented_at: String,
    requested_at: String,
}

#[derive(Serialize)]
struct Export {
    memberships: Vec<MembershipExport>,
}

impl PersonalData for Memberships {
    fn export<'a>(
        &'a self,
        state: &'a AppState,
        user_id: i64,
    ) -> Pending<'a, serde_json::Map<String, serde_json::Value>> {
        Box::pin(async move {
            let rows = crate::membership::repo::export_rows(&state.pool, user_id).await?;
            fields(Export {
                memberships: rows
                    .into_iter()
                    .map(|m| MembershipExport {
                        bin: m.name,
                        state: m.state,
                        street: m.street,
                        house_number: m.house_number,
                        postcode: m.postcode,
                        phone: m.phone,
                        language: m.lang,
                        birth_decade: m.birth_decade,
                        consent_version: m.consent_version,
                        consented_at: iso(m.consented_at),
                        requested_at: iso(m.requested_at),
                    })
                    .collect(),
            })
        })
    }

    fn erase<'a>(&'a self, db: &'a mut sqlx::AnyConnection, user_id: i64, now: i64) -> Pending<'a, ()> {
        Box::pin(async move { Ok(crate::membership::repo::release_memberships(db, user_id, now).await?) })
    }
}
