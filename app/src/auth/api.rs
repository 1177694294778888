//! Server functions of accounts. Each one checks who is calling, validates its input, calls the
//! repository and maps failures to an [`AppError`]; a change and the e-mail about it are
//! written in one transaction.

use crate::auth::types::DataExport;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
mod ssr {
    use crate::error::AppError;
    use crate::i18n::Lang;
    use crate::platform::state::AppState;
    use std::sync::LazyLock;

    /// A hash to verify against when the account does not exist, so that an unknown address
    /// takes as long to refuse as a wrong password.
    static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| password_auth::generate_hash("nabij-timing-equaliser"));

    /// Hashes a new password, within the server's limits on hashing.
    pub async fn hash_password(state: &AppState, password: String) -> Result<String, AppError> {
        let client = crate::platform::throttle::client_ip();
        state.throttle.run(client, move || password_auth::generate_hash(password)).await
    }

    /// Verifies `password` against `hash`, taking the same time when there is no hash, within
    /// the server's limits on hashing.
    pub async fn verify_password(state: &AppState, password: String, hash: Option<String>) -> Result<bool, AppError> {
        let client = crate::platform::throttle::client_ip();
        state
            .throttle
            .run(client, move || {
                let exists = hash.is_some();
                let hash = hash.unwrap_or_else(|| DUMMY_HASH.clone());
                exists && password_auth::verify_password(password, &hash).is_ok()
            })
            .await
    }

    pub fn link(state: &AppState, path: &str, token: &str) -> String {
        format!("{}{path}?token={token}", state.site.public_url)
    }

    pub fn lang_of(code: &str) -> Lang {
        Lang::parse(code).unwrap_or_default()
    }

    /// Checks a token's shape before touching the database.
    pub fn token_shape(token: &str) -> Result<&str, AppError> {
        let token = token.trim();
        if token.len() == 64 && token.chars().all(|c| c.is_ascii_hexdigit()) {
            Ok(token)
        } else {
            Err(AppError::LinkInvalid)
        }
    }

    pub const CONFIRM_SECONDS: i64 = 48 * 3600;
    pub const RESET_SECONDS: i64 = 3600;
    pub const RATE_WINDOW_SECONDS: i64 = 15 * 60;
    pub const RATE_MAX_FAILURES: i64 = 5;
}

/// Creates an account and sends the confirmation link. An address that already has an account
/// gets a notice instead, and the page answers alike, so nobody learns who is registered.
#[server(endpoint = "auth/sign_up", output = crate::codec::Json)]
pub async fn sign_up(
    display_name: String,
    email: String,
    password: String,
    password_repeat: String,
    lang: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::auth::{repo, validate};
    use crate::platform::{mail, now, state::app_state, tokens};
    let state = app_state()?;
    let name = validate::DisplayName::parse(&display_name)?;
    let email = validate::EmailAddress::parse(&email)?;
    validate::new_password_twice(&password, &password_repeat)?;
    let lang = ssr::lang_of(&lang);
    let hash = ssr::hash_password(&state, password).await?;

    let mut tx = state.begin().await?;
    if repo::user_by_email(&mut *tx, &email).await?.is_some() {
        let link = format!("{}/signin", state.site.public_url);
        mail::enqueue(&mut tx, email.as_str(), lang, &mail::Mail::AlreadyRegistered { sign_in_link: link }).await?;
    } else {
        let now = now();
        let user_id = repo::insert_user(
            &mut *tx,
            &repo::NewUser {
                email: &email,
                password_hash: Some(&hash),
                display_name: &name,
                lang: lang.code(),
                confirmed_at: None,
                synthetic: false,
                now,
            },
        )
        .await?;
        let token = tokens::new_token();
        repo::insert_email_token(
            &mut *tx,
            &tokens::hash_token(&token),
            user_id,
            repo::Purpose::Confirm,
            None,
            now,
            now + ssr::CONFIRM_SECONDS,
        )
        .await?;
        // A local page the resident was on (joining a BIN) is where the confirmation leads back.
        let mut link = ssr::link(&state, "/confirm", &token);
        if let Some(next) = next.filter(|n| crate::ui::is_local_path(n)) {
            link.push_str(&format!("&next={}", crate::ui::encode_component(&next)));
        }
        mail::enqueue(&mut tx, email.as_str(), lang, &mail::Mail::ConfirmEmail { link }).await?;
    }
    tx.commit().await?;
    tracing::info!("sign-up accepted");
    leptos_axum::redirect("/signup/sent");
    Ok(())
}

/// Confirms an address with the link's token and the account's password, and signs the
/// person in. Both are needed: whoever registers someone else's address knows the password but
/// not the link, and the address's owner has the link but not a password someone else chose.
#[server(endpoint = "auth/confirm_email", output = crate::codec::Json)]
pub async fn confirm_email(token: String, password: Option<String>, next: Option<String>) -> Result<(), AppError> {
    use crate::auth::{repo, session};
    use crate::platform::{now, state::app_state, tokens};
    let state = app_state()?;
    let hash = tokens::hash_token(ssr::token_shape(&token)?);
    let now = now();
    let mut tx = state.begin().await?;
    let row = repo::email_token(&mut *tx, &hash, repo::Purpose::Confirm).await?.ok_or(AppError::LinkInvalid)?;
    if row.used_at.is_some() {
        return Err(AppError::LinkUsed);
    }
    if row.expires_at <= now {
        return Err(AppError::LinkExpired);
    }
    let password = password.unwrap_or_default();
    if password.chars().count() > crate::auth::validate::MAX_PASSWORD_CHARS {
        return Err(AppError::BadCredentials);
    }
    let user = repo::user_by_id(&mut *tx, row.user_id).await?.ok_or(AppError::LinkInvalid)?;
    if !ssr::verify_password(&state, password, user.password_hash).await? {
        return Err(AppError::BadCredentials);
    }
    if !repo::use_email_token(&mut *tx, &hash, now).await? {
        return Err(AppError::LinkUsed);
    }
    repo::set_email_confirmed(&mut *tx, row.user_id, now).await?;
    tx.commit().await?;
    session::start(&state, row.user_id).await?;
    session::remember_device(&state, row.user_id).await?;
    match next.filter(|n| crate::ui::is_local_path(n)) {
        Some(next) => leptos_axum::redirect(&next),
        None => leptos_axum::redirect("/account?welcome=1"),
    }
    Ok(())
}

/// Signs in. A wrong password and an unknown address get the same answer in the same time;
/// after five failures in fifteen minutes an address is refused for a while.
#[server(endpoint = "auth/sign_in", output = crate::codec::Json)]
pub async fn sign_in(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use crate::auth::{repo, session, validate};
    use crate::platform::{mail, now, state::app_state, tokens};
    let state = app_state()?;
    let email = validate::EmailAddress::parse(&email).map_err(|_| AppError::BadCredentials)?;
    if password.chars().count() > validate::MAX_PASSWORD_CHARS {
        return Err(AppError::BadCredentials);
    }
    let now = now();
    let user = repo::user_by_email(&state.pool, &email).await?;
    // Too many wrong passwords slow whoever guesses; the owner still signs in from a browser
    // they signed in from before, or chooses a new password by e-mail.
    let failures = repo::failed_sign_ins_since(&state.pool, email.as_str(), now - ssr::RATE_WINDOW_SECONDS).await?;
    if failures >= ssr::RATE_MAX_FAILURES {
        let known = match &user {
            Some(u) => session::known_device(&state, u.id).await?,
            None => false,
        };
        if !known {
            tracing::warn!("sign-in refused: too many failures for one address");
            return Err(AppError::TooManyWrongPasswords);
        }
    }
    let hash = user.as_ref().and_then(|u| u.password_hash.clone());
    let ok = ssr::verify_password(&state, password, hash).await?;
    repo::record_sign_in_attempt(&state.pool, email.as_str(), ok, now).await?;
    let user = match (ok, user) {
        (true, Some(user)) => user,
        _ => return Err(AppError::BadCredentials),
    };
    if user.email_confirmed_at.is_none() {
        let token = tokens::new_token();
        let mut tx = state.begin().await?;
        repo::insert_email_token(
            &mut *tx,
            &tokens::hash_token(&token),
            user.id,
            repo::Purpose::Confirm,
            None,
            now,
            now + ssr::CONFIRM_SECONDS,
        )
        .await?;
        let link = ssr::link(&state, "/confirm", &token);
        mail::enqueue(&mut tx, &user.email, ssr::lang_of(&user.lang), &mail::Mail::ConfirmEmail { link }).await?;
        tx.commit().await?;
        return Err(AppError::EmailNotConfirmed);
    }
    session::start(&state, user.id).await?;
    session::remember_device(&state, user.id).await?;
    match next.filter(|n| crate::ui::is_local_path(n)) {
        Some(next) => leptos_axum::redirect(&next),
        None => leptos_axum::redirect("/account"),
    }
    Ok(())
}

/// Signs out of this browser.
#[server(endpoint = "auth/sign_out", output = crate::codec::Json)]
pub async fn sign_out() -> Result<(), AppError> {
    let state = crate::platform::state::app_state()?;
    crate::auth::session::end(&state).await?;
    leptos_axum::redirect("/");
    Ok(())
}

/// Sends a link to choose a new password, if the address has an account. Answers alike either way.
#[server(endpoint = "auth/request_reset", output = crate::codec::Json)]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::auth::{repo, validate};
    use crate::platform::{mail, now, state::app_state, tokens};
    let state = app_state()?;
    let email = validate::EmailAddress::parse(&email)?;
    let mut tx = state.begin().await?;
    if let Some(user) = repo::user_by_email(&mut *tx, &email).await? {
        let now = now();
        let token = tokens::new_token();
        repo::insert_email_token(
            &mut *tx,
            &tokens::hash_token(&token),
            user.id,
            repo::Purpose::Reset,
            None,
            now,
            now + ssr::RESET_SECONDS,
        )
        .await?;
        let link = ssr::link(&state, "/reset", &token);
        mail::enqueue(&mut tx, &user.email, ssr::lang_of(&user.lang), &mail::Mail::ResetPassword { link }).await?;
    }
    tx.commit().await?;
    leptos_axum::redirect("/forgot/sent");
    Ok(())
}

/// Sets a new password with a reset link, ends every other session and signs in.
#[server(endpoint = "auth/reset_password", output = crate::codec::Json)]
pub async fn reset_password(token: String, password: String, password_repeat: String) -> Result<(), AppError> {
    use crate::auth::{repo, session, validate};
    use crate::platform::{now, state::app_state, tokens};
    let state = app_state()?;
    let hash = tokens::hash_token(ssr::token_shape(&token)?);
    validate::new_password_twice(&password, &password_repeat)?;
    let now = now();
    let row = repo::email_token(&state.pool, &hash, repo::Purpose::Reset).await?.ok_or(AppError::LinkInvalid)?;
    if row.used_at.is_some() {
        return Err(AppError::LinkUsed);
    }
    if row.expires_at <= now {
        return Err(AppError::LinkExpired);
    }
    let password_hash = ssr::hash_password(&state, password).await?;
    let mut tx = state.begin().await?;
    if !repo::use_email_token(&mut *tx, &hash, now).await? {
        return Err(AppError::LinkUsed);
    }
    repo::set_password_hash(&mut *tx, row.user_id, &password_hash).await?;
    // Following the link proves the address belongs to the person.
    repo::set_email_confirmed(&mut *tx, row.user_id, now).await?;
    repo::delete_sessions_of(&mut *tx, row.user_id, None).await?;
    // Guesses at the old password no longer hold the owner back.
    if let Some(user) = repo::user_by_id(&mut *tx, row.user_id).await? {
        repo::clear_failed_sign_ins(&mut *tx, &user.email).await?;
    }
    tx.commit().await?;
    session::start(&state, row.user_id).await?;
    session::remember_device(&state, row.user_id).await?;
    leptos_axum::redirect("/account?password=1");
    Ok(())
}

/// Changes the password of the signed-in user; other sessions end.
#[server(endpoint = "auth/change_password", output = crate::codec::Json)]
pub async fn change_password(current: String, password: String, password_repeat: String) -> Result<(), AppError> {
    use crate::auth::{repo, session, validate};
    use crate::platform::{state::app_state, tokens};
    let state = app_state()?;
    let me = session::require_user().await?;
    validate::new_password_twice(&password, &password_repeat)?;
    let user = repo::user_by_id(&state.pool, me.id).await?.ok_or(AppError::NotSignedIn)?;
    if !ssr::verify_password(&state, current, user.password_hash).await? {
        return Err(AppError::BadCredentials);
    }
    let hash = ssr::hash_password(&state, password).await?;
    let keep = session::request_token().map(|t| tokens::hash_token(&t));
    let mut tx = state.begin().await?;
    repo::set_password_hash(&mut *tx, me.id, &hash).await?;
    repo::delete_sessions_of(&mut *tx, me.id, keep.as_deref()).await?;
    tx.commit().await?;
    Ok(())
}

/// Asks to move the account to another address: a link goes to the new address, and the change
/// happens when it is followed.
#[server(endpoint = "auth/change_email", output = crate::codec::Json)]
pub async fn change_email(new_email: String, password: String) -> Result<(), AppError> {
    use crate::auth::{repo, session, validate};
    use crate::platform::{mail, now, state::app_state, tokens};
    let state = app_state()?;
    let me = session::require_user().await?;
    let new_email = validate::EmailAddress::parse(&new_email)?;
    let user = repo::user_by_id(&state.pool, me.id).await?.ok_or(AppError::NotSignedIn)?;
    if !ssr::verify_password(&state, password, user.password_hash).await? {
        return Err(AppError::BadCredentials);
    }
    let mut tx = state.begin().await?;
    let lang = ssr::lang_of(&user.lang);
    if repo::user_by_email(&mut *tx, &new_email).await?.is_some() {
        let link = format!("{}/signin", state.site.public_url);
        mail::enqueue(&mut tx, new_email.as_str(), lang, &mail::Mail::AlreadyRegistered { sign_in_link: link }).await?;
    } else {
        let now = now();
        let token = tokens::new_token();
        repo::insert_email_token(
            &mut *tx,
            &tokens::hash_token(&token),
            me.id,
            repo::Purpose::ChangeEmail,
            Some(new_email.as_str()),
            now,
            now + ssr::CONFIRM_SECONDS,
        )
        .await?;
        let link = ssr::link(&state, "/confirm-email-change", &token);
        mail::enqueue(&mut tx, new_email.as_str(), lang, &mail::Mail::ConfirmNewEmail { link }).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Moves the account to the new address of a change link and tells the old address.
#[server(endpoint = "auth/confirm_email_change", output = crate::codec::Json)]
pub async fn confirm_email_change(token: String) -> Result<(), AppError> {
    use crate::auth::{repo, validate};
    use crate::platform::{mail, now, state::app_state, tokens};
    let state = app_state()?;
    let hash = tokens::hash_token(ssr::token_shape(&token)?);
    let now = now();
    let mut tx = state.begin().await?;
    let row = repo::email_token(&mut *tx, &hash, repo::Purpose::ChangeEmail).await?.ok_or(AppError::LinkInvalid)?;
    if row.used_at.is_some() {
        return Err(AppError::LinkUsed);
    }
    if row.expires_at <= now {
        return Err(AppError::LinkExpired);
    }
    let new_email = row.new_email.as_deref().map(validate::EmailAddress::parse).ok_or(AppError::LinkInvalid)?;
    let new_email = new_email.map_err(|_| AppError::LinkInvalid)?;
    let user = repo::user_by_id(&mut *tx, row.user_id).await?.ok_or(AppError::LinkInvalid)?;
    if repo::user_by_email(&mut *tx, &new_email).await?.is_some() {
        return Err(AppError::EmailTaken);
    }
    if !repo::use_email_token(&mut *tx, &hash, now).await? {
        return Err(AppError::LinkUsed);
    }
    repo::set_email(&mut *tx, user.id, &new_email, now).await?;
    mail::enqueue(
        &mut tx,
        &user.email,
        ssr::lang_of(&user.lang),
        &mail::Mail::EmailChangedNotice { new_email: new_email.into() },
    )
    .await?;
    tx.commit().await?;
    leptos_axum::redirect("/account?email=1");
    Ok(())
}

/// Changes the name and the language of the signed-in user.
#[server(endpoint = "auth/update_profile", output = crate::codec::Json)]
pub async fn update_profile(display_name: String, lang: String) -> Result<(), AppError> {
    use crate::auth::{repo, session, validate};
    let state = crate::platform::state::app_state()?;
    let me = session::require_user().await?;
    let name = validate::DisplayName::parse(&display_name)?;
    let lang = crate::i18n::Lang::parse(&lang).ok_or(AppError::InvalidInput)?;
    repo::set_profile(&state.pool, me.id, &name, lang.code()).await?;
    leptos_axum::redirect("/account?profile=1");
    Ok(())
}

/// Deletes the signed-in user's account and all their personal data, after they confirm with
/// their password. A last e-mail confirms it.
#[server(endpoint = "auth/delete_account", output = crate::codec::Json)]
pub async fn delete_account(password: String) -> Result<(), AppError> {
    use crate::auth::{repo, session};
    use crate::platform::{mail, state::app_state};
    let state = app_state()?;
    let me = session::require_user().await?;
    let user = repo::user_by_id(&state.pool, me.id).await?.ok_or(AppError::NotSignedIn)?;
    if !ssr::verify_password(&state, password, user.password_hash.clone()).await? {
        return Err(AppError::ConfirmationMismatch);
    }
    let mut tx = state.begin().await?;
    // Every domain removes or anonymises what it keeps about them, then the account goes.
    let now = crate::platform::now();
    for part in crate::auth::personal::parts() {
        part.erase(&mut tx, me.id, now).await?;
    }
    repo::delete_user(&mut *tx, me.id).await?;
    // Nothing else is sent to them, and their address is no longer counted anywhere; the last
    // mail says goodbye and, once sent, keeps not even the address.
    mail::forget_recipient(&mut tx, &user.email).await?;
    repo::clear_sign_ins(&mut *tx, &user.email).await?;
    mail::enqueue(&mut tx, &user.email, ssr::lang_of(&user.lang), &mail::Mail::AccountDeleted).await?;
    tx.commit().await?;
    session::end(&state).await?;
    if me.grants.iter().any(|g| g.bin_id.is_some())
        && let Err(e) = state.public_changed().await
    {
        tracing::error!(error = %e, "could not rebuild the network index");
    }
    tracing::info!("account deleted at its owner's request");
    leptos_axum::redirect("/?deleted=1");
    Ok(())
}

/// Everything kept about the signed-in user, as a JSON download.
#[server(endpoint = "auth/export", input = GetUrl, output = crate::codec::Json)]
pub async fn export_my_data() -> Result<DataExport, AppError> {
    use crate::auth::{repo, session};
    use crate::platform::{now, state::app_state};
    let state = app_state()?;
    let me = session::require_user().await?;
    let user = repo::user_by_id(&state.pool, me.id).await?.ok_or(AppError::NotSignedIn)?;
    let iso = crate::auth::personal::iso;
    let mut export = DataExport {
        exported_at: iso(now()),
        email: user.email,
        email_confirmed_at: user.email_confirmed_at.map(iso),
        display_name: user.display_name,
        language: user.lang,
        created_at: iso(user.created_at),
        last_active_at: user.last_active_at.map(iso),
        roles: me.grants,
        active_sessions: repo::count_sessions(&state.pool, me.id, now()).await?,
        parts: Default::default(),
    };
    // Each domain adds what it keeps.
    for part in crate::auth::personal::parts() {
        export.parts.extend(part.export(&state, me.id).await?);
    }
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            http::header::CONTENT_DISPOSITION,
            http::HeaderValue::from_static("attachment; filename=\"nabij-my-data.json\""),
        );
    }
    Ok(export)
}
