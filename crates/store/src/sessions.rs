//! Sessions: an unguessable token in a cookie, stored only as its SHA-256 so that a copy of the
//! database does not hand out logged-in sessions. Each session carries its CSRF token.

use rand::RngCore;
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};

use crate::users::User;
use crate::{Db, StoreError, on_db};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub user: Option<User>,
    pub csrf_token: String,
    pub expires_at: OffsetDateTime,
}

/// Staff sessions last a working day; idle anonymous sessions (for form CSRF) as long.
pub const SESSION_TTL: Duration = Duration::hours(12);

fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub(crate) fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Starts a session and returns the token for the cookie.
pub async fn create(db: &Db, user_id: Option<i64>) -> Result<(String, Session), StoreError> {
    let token = random_token();
    let csrf = random_token();
    let now = crate::now();
    let expires_at = now + SESSION_TTL;
    crate::db_exec!(
        db,
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)"
        )
        .bind(token_hash(&token))
        .bind(user_id)
        .bind(&csrf)
        .bind(now)
        .bind(expires_at)
    )?;
    let user = match user_id {
        Some(id) => crate::users::by_id(db, id).await?,
        None => None,
    };
    Ok((token, Session { user, csrf_token: csrf, expires_at }))
}

/// The live session for a cookie token, with its user if the account is still active.
pub async fn load(db: &Db, token: &str) -> Result<Option<Session>, StoreError> {
    if token.len() != 64 {
        return Ok(None);
    }
    let row: Option<(Option<i64>, String, OffsetDateTime)> = on_db!(db, |p| sqlx::query_as(
        "SELECT user_id, csrf_token, expires_at FROM sessions WHERE token_hash = $1 AND expires_at > $2"
    )
    .bind(token_hash(token))
    .bind(crate::now())
    .fetch_optional(p)
    .await)?;
    let Some((user_id, csrf_token, expires_at)) = row else { return Ok(None) };
    let user = match user_id {
        Some(id) => match crate::users::by_id(db, id).await? {
            Some(u) if u.active => Some(u),
            _ => return Ok(None),
        },
        None => None,
    };
    Ok(Some(Session { user, csrf_token, expires_at }))
}

pub async fn delete(db: &Db, token: &str) -> Result<(), StoreError> {
    crate::db_exec!(db, sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash(token)))?;
    Ok(())
}

/// Removes expired sessions; run periodically by the worker.
pub async fn delete_expired(db: &Db) -> Result<u64, StoreError> {
    let r = crate::db_exec!(db, sqlx::query("DELETE FROM sessions WHERE expires_at <= $1").bind(crate::now()))?;
    Ok(r)
}
