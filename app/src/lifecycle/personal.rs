//! A signer's part of their data export (the charters they signed, for which party and when),
//! and what deleting their account does to those charters: the signature stays, as the
//! network's agreement stands, but no longer says who signed it.

use crate::auth::personal::{Pending, PersonalData, fields, iso};
use crate::platform::state::AppState;
use serde::Serialize;

pub struct Charters;

/// What stands in for a signer's name once their account is gone.
pub const FORMER_SIGNER: &str = "—";

#[derive(Serialize)]
struct SignatureExport {
    network: String,
    party: String,
    signed_as: String,
    signed_at: String,
}

#[derive(Serialize)]
struct Export {
    charter_signatures: Vec<SignatureExport>,
}

impl PersonalData for Charters {
    fn export<'a>(
        &'a self,
        state: &'a AppState,
        user_id: i64,
    ) -> Pending<'a, serde_json::Map<String, serde_json::Value>> {
        Box::pin(async move {
            let rows = crate::lifecycle::repo::signatures_by(&state.pool, user_id).await?;
            fields(Export {
                charter_signatures: rows
                    .into_iter()
                    .map(|r| SignatureExport {
                        network: r.network,
                        party: r.party,
                        signed_as: r.signer_name,
                        signed_at: iso(r.signed_at),
                    })
                    .collect(),
            })
        })
    }

    fn erase<'a>(&'a self, db: &'a mut sqlx::AnyConnection, user_id: i64, _now: i64) -> Pending<'a, ()> {
        Box::pin(async move { Ok(crate::lifecycle::repo::forget_signer(db, user_id, FORMER_SIGNER).await?) })
    }
}
