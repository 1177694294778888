//! Administration from the command line: the first knowledge-centre administrator.

use crate::auth::repo::{self, NewUser, Purpose};
use crate::auth::types::{Grant, Role};
use crate::auth::validate;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::platform::state::AppState;
use crate::platform::{mail, now, tokens};

/// What `create_kc_admin` did.
pub struct Created {
    pub email: String,
    pub link_sent: bool,
}

/// Creates a knowledge-centre administrator, or grants the role to an existing account. With a
/// password the account is ready at once; without one, a link to choose it is e-mailed.
pub async fn create_kc_admin(
    state: &AppState,
    email: &str,
    name: &str,
    password: Option<String>,
) -> Result<Created, AppError> {
    let email = validate::EmailAddress::parse(email)?;
    let name = validate::DisplayName::parse(name)?;
    let hash = match password {
        Some(password) => {
            validate::new_password(&password)?;
            Some(password_auth::generate_hash(password))
        }
        None => None,
    };
    let now = now();
    let mut tx = state.begin().await?;
    let (user_id, needs_link) = match repo::user_by_email(&mut *tx, &email).await? {
        Some(user) => {
            if let Some(hash) = &hash {
                repo::set_password_hash(&mut *tx, user.id, hash).await?;
            }
            (user.id, hash.is_none() && user.password_hash.is_none())
        }
        None => {
            let id = repo::insert_user(
                &mut *tx,
                &NewUser {
                    email: &email,
                    password_hash: hash.as_deref(),
                    display_name: &name,
                    lang: Lang::Nl.code(),
                    confirmed_at: Some(now),
                    synthetic: false,
                    now,
                },
            )
            .await?;
            (id, hash.is_none())
        }
    };
    let grants = repo::grants_of(&mut *tx, user_id).await?;
    if !grants.iter().any(|g| g.role == Role::KcAdmin) {
        repo::insert_grant(
            &mut *tx,
            user_id,
            &Grant { role: Role::KcAdmin, zone_id: None, bin_id: None, nis: None, scope_name: None },
            now,
        )
        .await?;
    }
    if needs_link {
        let token = tokens::new_token();
        repo::insert_email_token(
            &mut *tx,
            &tokens::hash_token(&token),
            user_id,
            Purpose::Reset,
            None,
            now,
            now + 24 * 3600,
        )
        .await?;
        let link = format!("{}/reset?token={token}", state.site.public_url);
        mail::enqueue(&mut tx, email.as_str(), Lang::Nl, &mail::Mail::SetPassword { link }).await?;
    }
    tx.commit().await?;
    Ok(Created { email: email.into(), link_sent: needs_link })
}
