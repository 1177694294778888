//! Server functions of certificates and the CPA volunteer registry: issuing (once the whole
//! track is passed), public verification that shows only initials, date and courses,
//! revocation by the knowledge centre, and opting in to be listed for one's police zone.

use crate::error::AppError;
use crate::learning::types::{CertificateView, Verification, Volunteer};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use crate::directory::state::Directory;
    use crate::i18n::Lang;
    use crate::learning::content::Catalog;
    use crate::platform::state::AppState;

    /// Certificate codes avoid letters and digits that look alike (0/O, 1/I/L).
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    pub fn new_code() -> String {
        use rand::Rng;
        let mut rng = rand::thread_rng();
        let mut group = || (0..4).map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())])).collect::<String>();
        format!("NBJ-{}-{}", group(), group())
    }

    /// A code as a person may type it: case, spaces and missing dashes forgiven.
    pub fn normalize_code(input: &str) -> Option<String> {
        let raw: String = input.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_uppercase();
        let raw = raw.strip_prefix("NBJ").unwrap_or(&raw);
        (raw.len() == 8 && raw.bytes().all(|b| ALPHABET.contains(&b)))
            .then(|| format!("NBJ-{}-{}", &raw[..4], &raw[4..]))
    }

    /// "Marie-Claire van den Berg" → "M. v. d. B."; only what is needed to match a person.
    pub fn initials(name: &str) -> String {
        name.split([' ', '-'])
            .filter_map(|w| w.chars().next())
            .map(|c| format!("{}.", c.to_uppercase()))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The police zone of a Belgian postcode.
    pub fn zone_of_postcode(
        state: &AppState,
        postcode: &crate::directory::types::Postcode,
    ) -> Result<i64, crate::error::AppError> {
        let directory = Directory::of(state)?;
        directory
            .geo
            .postcode(postcode.as_str())
            .first()
            .and_then(|p| directory.geo.zone_of(p.nis))
            .map(|z| z.id)
            .ok_or(crate::error::AppError::UnknownPostcode)
    }

    pub fn course_titles(catalog: &Catalog, lang: Lang, ids: &str) -> Vec<String> {
        ids.split(',')
            .filter(|id| !id.is_empty())
            .map(|id| match catalog.course(id) {
                Some(course) => course.text(lang).title.clone(),
                None => id.to_string(),
            })
            .collect()
    }
}

/// The caller's certificate, if they have one that is not revoked.
#[server(endpoint = "learning/certificate", output = crate::codec::Json)]
pub async fn my_certificate() -> Result<Option<CertificateView>, AppError> {
    use crate::learning::repo;
    let state = crate::platform::state::app_state()?;
    let catalog = crate::learning::content::Catalog::of(&state)?;
    let directory = crate::directory::state::Directory::of(&state)?;
    let me = crate::auth::session::require_user().await?;
    let Some(row) = repo::live_certificate_of(&state.pool, me.id).await? else { return Ok(None) };
    let zone = repo::volunteer_zone(&state.pool, me.id).await?;
    let lang = crate::i18n::detect_lang();
    Ok(Some(CertificateView {
        courses: ssr::course_titles(catalog, lang, &row.courses),
        code: row.code,
        holder: row.holder,
        issued_at: row.issued_at,
        revoked: row.revoked_at.is_some(),
        volunteer_zone: zone.and_then(|id| directory.geo.zone(id)).map(|z| z.names.get(lang).to_string()),
    }))
}

/// Issues the certificate once every course of the track is passed; asking again keeps the
/// certificate already issued.
#[server(endpoint = "learning/certificate_issue", output = crate::codec::Json)]
pub async fn issue_certificate(holder: String, postcode: Option<String>) -> Result<(), AppError> {
    use crate::learning::repo::{self, CertificateRow};
    let state = crate::platform::state::app_state()?;
    let catalog = crate::learning::content::Catalog::of(&state)?;
    let me = crate::auth::session::require_user().await?;
    let holder = crate::auth::validate::DisplayName::parse(&holder)?;
    let zone_id = match postcode.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(code) => Some(ssr::zone_of_postcode(&state, &crate::directory::types::Postcode::of_field(code)?)?),
        None => None,
    };
    let learner = crate::learning::store::load(&state).await?;
    if !catalog.courses.iter().all(|c| learner.progress.passed.contains_key(&c.id)) {
        return Err(AppError::TrackNotComplete);
    }
    if repo::has_revoked(&state.pool, me.id).await? {
        return Err(AppError::CertificateRevoked);
    }
    let courses: Vec<&str> = catalog.courses.iter().map(|c| c.id.as_str()).collect();
    for _ in 0..5 {
        let row = CertificateRow {
            code: ssr::new_code(),
            user_id: me.id,
            initials: ssr::initials(holder.as_str()),
            holder: holder.to_string(),
            courses: courses.join(","),
            zone_id,
            issued_at: crate::platform::now(),
            revoked_at: None,
        };
        // A conflict is either a live certificate of this learner (done) or a code taken (retry).
        if repo::insert_certificate(&state.pool, &row).await?
            || repo::live_certificate_of(&state.pool, me.id).await?.is_some()
        {
            tracing::info!(user = me.id, "certificate issued");
            leptos_axum::redirect("/certificate");
            return Ok(());
        }
    }
    Err(AppError::Internal)
}

/// What anyone may know about a certificate: initials, date, courses, and whether it stands.
#[server(endpoint = "learning/verify", output = crate::codec::Json)]
pub async fn verify_certificate(code: String) -> Result<Verification, AppError> {
    let state = crate::platform::state::app_state()?;
    let catalog = crate::learning::content::Catalog::of(&state)?;
    let code = ssr::normalize_code(&code).ok_or(AppError::NotFound)?;
    let row = crate::learning::repo::certificate(&state.pool, &code).await?.ok_or(AppError::NotFound)?;
    let can_revoke = crate::auth::session::current_user().await?.is_some_and(|u| u.is_kc_admin());
    Ok(Verification {
        courses: ssr::course_titles(catalog, crate::i18n::detect_lang(), &row.courses),
        code: row.code,
        initials: row.initials,
        issued_at: row.issued_at,
        revoked_at: row.revoked_at,
        can_revoke,
    })
}

/// Revokes a certificate (knowledge-centre admins only), with a reason and a confirmation.
#[server(endpoint = "learning/revoke", output = crate::codec::Json)]
pub async fn revoke_certificate(code: String, reason: String, confirm: Option<String>) -> Result<(), AppError> {
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    if !me.is_kc_admin() {
        return Err(AppError::Forbidden);
    }
    let code = ssr::normalize_code(&code).ok_or(AppError::NotFound)?;
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 300 || confirm.as_deref() != Some("yes") {
        return Err(AppError::InvalidInput);
    }
    let Some(certificate) = crate::learning::repo::certificate(&state.pool, &code).await? else {
        return Err(AppError::NotFound);
    };
    let mut tx = state.begin().await?;
    if !crate::learning::repo::revoke(&mut *tx, &code, me.id, reason, crate::platform::now()).await? {
        tx.rollback().await?;
        return Err(AppError::AlreadyRevoked);
    }
    // A revoked certificate no longer lists its holder for their zone.
    crate::learning::repo::opt_out(&mut *tx, certificate.user_id).await?;
    tx.commit().await?;
    tracing::info!(admin = me.id, "certificate revoked");
    Ok(())
}

/// Lists the caller, a certified CPA, for the police zone of `postcode`.
#[server(endpoint = "learning/volunteer", output = crate::codec::Json)]
pub async fn become_volunteer(postcode: String) -> Result<(), AppError> {
    use crate::learning::repo;
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    if repo::live_certificate_of(&state.pool, me.id).await?.is_none() {
        return Err(AppError::NotCertified);
    }
    let zone = ssr::zone_of_postcode(&state, &crate::directory::types::Postcode::of_field(&postcode)?)?;
    repo::opt_in(&state.pool, me.id, zone, crate::platform::now()).await?;
    Ok(())
}

/// Takes the caller off their zone's list, at once.
#[server(endpoint = "learning/volunteer_stop", output = crate::codec::Json)]
pub async fn stop_volunteering() -> Result<(), AppError> {
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    crate::learning::repo::opt_out(&state.pool, me.id).await?;
    Ok(())
}

/// The opted-in CPA volunteers of a zone, for that zone's officers and admins only. Each read is
/// logged, as every police access to personal data is.
#[server(endpoint = "learning/zone_volunteers", output = crate::codec::Json)]
pub async fn zone_volunteers(zone_id: i64) -> Result<Vec<Volunteer>, AppError> {
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    if !me.serves_zone(zone_id) {
        return Err(AppError::Forbidden);
    }
    tracing::info!(officer = me.id, zone = zone_id, "CPA volunteer list read");
    let rows = crate::learning::repo::volunteers_of_zone(&state.pool, zone_id).await?;
    Ok(rows
        .into_iter()
        .map(|(name, email, certificate, since)| Volunteer { name, email, certificate, since })
        .collect())
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::ssr::*;

    #[test]
    fn codes_are_readable_and_typed_codes_are_forgiven() {
        let code = new_code();
        assert_eq!(code.len(), 13);
        assert_eq!(normalize_code(&code), Some(code.clone()));
        assert_eq!(normalize_code(&code.to_lowercase().replace('-', " ")), Some(code.clone()));
        assert_eq!(normalize_code("NBJ-0000-0000"), None, "0 is not in the alphabet");
        assert_eq!(normalize_code("<script>"), None);
        assert_eq!(normalize_code(&"A".repeat(10_000)), None);
    }

    #[test]
    fn initials_keep_only_first_letters() {
        assert_eq!(initials("Marie-Claire van den Berg"), "M. C. V. D. B.");
        assert_eq!(initials("Émile Verhaeren"), "É. V.");
        assert_eq!(initials("  Jan  "), "J.");
    }
}
