//! An invited person's part of their data export (the invitations sent to their address), and
//! what deleting their account does: those invitations go, and the audit log keeps its entries
//! without their name or address (its references to the account are emptied by the database).

use crate::auth::personal::{Pending, PersonalData, fields, iso};
use crate::platform::state::AppState;
use serde::Serialize;

pub struct Invitations;

#[derive(Serialize)]
struct InvitationExport {
    role: String,
    zone_id: i64,
    municipality_nis: Option<i64>,
    sent_at: String,
    accepted_at: Option<String>,
    withdrawn_at: Option<String>,
}

#[derive(Serialize)]
struct Export {
    invitations_received: Vec<InvitationExport>,
}

impl PersonalData for Invitations {
    fn export<'a>(
        &'a self,
        state: &'a AppState,
        user_id: i64,
    ) -> Pending<'a, serde_json::Map<String, serde_json::Value>> {
        Box::pin(async move {
            let Some(user) = crate::auth::repo::user_by_id(&state.pool, user_id).await? else {
                return fields(Export { invitations_received: vec![] });
            };
            let rows = crate::staff::repo::sent_to(&state.pool, &user.email).await?;
            fields(Export {
                invitations_received: rows
                    .into_iter()
                    .map(|r| InvitationExport {
                        role: r.role.code().to_string(),
                        zone_id: r.zone_id,
                        municipality_nis: r.nis,
                        sent_at: iso(r.created_at),
                        accepted_at: r.accepted_at.map(iso),
                        withdrawn_at: r.revoked_at.map(iso),
                    })
                    .collect(),
            })
        })
    }

    fn erase<'a>(&'a self, db: &'a mut sqlx::AnyConnection, user_id: i64, _now: i64) -> Pending<'a, ()> {
        Box::pin(async move {
            if let Some(user) = crate::auth::repo::user_by_id(&mut *db, user_id).await? {
                crate::staff::repo::forget(&mut *db, &user.email).await?;
            }
            Ok(())
        })
    }
}
