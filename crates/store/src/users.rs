//! Staff accounts, passwords (argon2id) and the login rate limit.

use std::sync::atomic::{AtomicBool, Ordering};

use argon2::{Algorithm, Argon2, Params, PasswordHash, PasswordVerifier, Version};
use gongkai_core::org::{Role, password_problem, valid_name, valid_username};
use serde::Serialize;
use time::{Duration, OffsetDateTime};

use crate::audit::{self, Entry, Who};
use crate::error::decode;
use crate::{Db, StoreError, on_db, on_tx};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub agency_id: Option<i64>,
    pub active: bool,
    /// Where reminders go (optional).
    pub email: Option<String>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    username: String,
    display_name: String,
    role: String,
    agency_id: Option<i64>,
    active: bool,
    email: Option<String>,
}

impl TryFrom<Row> for User {
    type Error = StoreError;
    fn try_from(r: Row) -> Result<User, StoreError> {
        Ok(User {
            id: r.id,
            role: decode(Role::from_code(&r.role), "role", &r.role)?,
            username: r.username,
            display_name: r.display_name,
            agency_id: r.agency_id,
            active: r.active,
            email: r.email,
        })
    }
}

/// A new account as entered; checked by [`create`].
#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub agency_id: Option<i64>,
    pub password: String,
    pub email: Option<String>,
}

static CHEAP_HASHES: AtomicBool = AtomicBool::new(false);

/// Test suites create many accounts; full-strength hashing would dominate their run time.
/// Never called by the platform itself.
pub fn use_cheap_hashes_for_tests() {
    CHEAP_HASHES.store(true, Ordering::Relaxed);
}

/// Argon2id with the OWASP-recommended minimum (19 MiB, 2 passes, 1 lane), pinned here rather
/// than left to the crate's defaults so an upgrade cannot silently weaken stored hashes.
fn hasher() -> Argon2<'static> {
    let params = if CHEAP_HASHES.load(Ordering::Relaxed) {
        Params::new(256, 1, 1, None)
    } else {
        Params::new(19 * 1024, 2, 1, None)
    };
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params.expect("valid argon2 parameters"))
}

async fn hash_password(password: String) -> Result<String, StoreError> {
    tokio::task::spawn_blocking(move || {
        argon2::PasswordHasher::hash_password(&hasher(), password.as_bytes()).map(|h| h.to_string())
    })
    .await
    .map_err(|e| StoreError::Corrupt(format!("password hashing task failed: {e}")))?
    .map_err(|e| StoreError::Corrupt(format!("password hashing failed: {e}")))
}

async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
    })
    .await
    .unwrap_or(false)
}

fn check_new(db_user: &NewUser) -> Result<(), StoreError> {
    let mut e = gongkai_core::doc::FieldErrors::default();
    if !valid_username(&db_user.username) {
        e.add("username", "用户名为 3—32 位字母、数字或 . _ -");
    }
    if !valid_name(&db_user.display_name, 30) {
        e.add("display_name", "请填写姓名（最多 30 字）");
    }
    match (db_user.role.is_agency_scoped(), db_user.agency_id) {
        (true, None) => e.add("agency", format!("“{}”必须属于一个机构", db_user.role.label())),
        (false, Some(_)) => e.add("agency", format!("“{}”不属于具体机构", db_user.role.label())),
        _ => {}
    }
    if let Some(m) = password_problem(&db_user.username, &db_user.password) {
        e.add("password", m);
    }
    if db_user.email.as_deref().is_some_and(|m| !gongkai_core::foi::intake::valid_email(m)) {
        e.add("email", "电子邮箱格式不正确");
    }
    if e.is_empty() { Ok(()) } else { Err(StoreError::Invalid(e)) }
}

pub async fn create(db: &Db, who: &Who, new: &NewUser) -> Result<User, StoreError> {
    check_new(new)?;
    let hash = hash_password(new.password.clone()).await?;
    let now = crate::now();
    let mut tx = db.begin().await?;
    let id: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
        "INSERT INTO users (username, display_name, role, agency_id, password_hash, active, created_at, password_changed_at, email)
         VALUES ($1, $2, $3, $4, $5, TRUE, $6, $6, $7) RETURNING id"
    )
    .bind(&new.username)
    .bind(new.display_name.trim())
    .bind(new.role.code())
    .bind(new.agency_id)
    .bind(&hash)
    .bind(now)
    .bind(&new.email)
    .fetch_one(&mut **c)
    .await)
    .map_err(|e| StoreError::from(e).on_unique(|| format!("用户名“{}”已被使用", new.username)))?;
    let user = User {
        id,
        username: new.username.clone(),
        display_name: new.display_name.trim().into(),
        role: new.role,
        agency_id: new.agency_id,
        active: true,
        email: new.email.clone(),
    };
    audit::record(&mut tx, who, Entry::new("user.create", "user", id).agency(new.agency_id).after(&user)).await?;
    tx.commit().await?;
    Ok(user)
}

pub async fn set_password(db: &Db, who: &Who, user_id: i64, password: &str) -> Result<(), StoreError> {
    let user = by_id(db, user_id).await?.ok_or(StoreError::NotFound)?;
    if let Some(m) = password_problem(&user.username, password) {
        return Err(StoreError::invalid("password", m));
    }
    let hash = hash_password(password.to_string()).await?;
    let mut tx = db.begin().await?;
    crate::tx_exec!(
        &mut tx,
        sqlx::query("UPDATE users SET password_hash = $1, password_changed_at = $2 WHERE id = $3")
            .bind(&hash)
            .bind(crate::now())
            .bind(user_id)
    )?;
    // Existing sessions of the account end: a changed password must lock out whoever had it.
    crate::tx_exec!(&mut tx, sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user_id))?;
    audit::record(&mut tx, who, Entry::new("user.password", "user", user_id).agency(user.agency_id)).await?;
    tx.commit().await
}

pub async fn set_active(db: &Db, who: &Who, user_id: i64, active: bool) -> Result<(), StoreError> {
    let user = by_id(db, user_id).await?.ok_or(StoreError::NotFound)?;
    let mut tx = db.begin().await?;
    crate::tx_exec!(&mut tx, sqlx::query("UPDATE users SET active = $1 WHERE id = $2").bind(active).bind(user_id))?;
    if !active {
        crate::tx_exec!(&mut tx, sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user_id))?;
    }
    let action = if active { "user.enable" } else { "user.disable" };
    audit::record(&mut tx, who, Entry::new(action, "user", user_id).agency(user.agency_id).before(&user)).await?;
    tx.commit().await
}

const COLUMNS: &str = "id, username, display_name, role, agency_id, active, email";

pub async fn by_id(db: &Db, id: i64) -> Result<Option<User>, StoreError> {
    let row = on_db!(db, |p| sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM users WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(p)
    .await)?;
    row.map(User::try_from).transpose()
}

pub async fn by_username(db: &Db, username: &str) -> Result<Option<User>, StoreError> {
    let row = on_db!(db, |p| sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM users WHERE username = $1"
    )))
    .bind(username)
    .fetch_optional(p)
    .await)?;
    row.map(User::try_from).transpose()
}

pub async fn list(db: &Db) -> Result<Vec<User>, StoreError> {
    let rows = on_db!(db, |p| sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM users ORDER BY agency_id IS NOT NULL, agency_id, role, username"
    )))
    .fetch_all(p)
    .await)?;
    rows.into_iter().map(User::try_from).collect()
}

/// Failed logins allowed per account, and per client address, within [`LOGIN_WINDOW`].
pub const MAX_FAILURES_PER_USER: i64 = 5;
pub const MAX_FAILURES_PER_IP: i64 = 20;
pub const LOGIN_WINDOW: Duration = Duration::minutes(15);

#[derive(Debug, PartialEq, Eq)]
pub enum LoginOutcome {
    Ok(User),
    /// Wrong name or password (the two are not distinguished).
    Failed,
    /// Too many recent failures for this account or address; try again later.
    Throttled,
}

/// Checks a password, recording the attempt. The rate limit lives in the database so that it
/// holds across several web nodes and restarts; it is checked before the password, so a
/// throttled attacker learns nothing even with the right password.
pub async fn login(db: &Db, username: &str, password: &str, ip: &str) -> Result<LoginOutcome, StoreError> {
    let now = crate::now();
    let since = now - LOGIN_WINDOW;
    let (by_user, by_ip): (i64, i64) = on_db!(db, |p| sqlx::query_as(
        "SELECT
           (SELECT COUNT(*) FROM login_attempts WHERE username = $1 AND at > $3 AND NOT success),
           (SELECT COUNT(*) FROM login_attempts WHERE ip = $2 AND at > $3 AND NOT success)"
    )
    .bind(username)
    .bind(ip)
    .bind(since)
    .fetch_one(p)
    .await)?;
    if by_user >= MAX_FAILURES_PER_USER || by_ip >= MAX_FAILURES_PER_IP {
        return Ok(LoginOutcome::Throttled);
    }
    let found: Option<(i64, String, bool)> =
        on_db!(db, |p| sqlx::query_as("SELECT id, password_hash, active FROM users WHERE username = $1")
            .bind(username)
            .fetch_optional(p)
            .await)?;
    let user = match found {
        Some((id, hash, active)) => {
            // Verify even for a disabled account, so timing does not reveal its state.
            let ok = verify_password(password.to_string(), hash).await;
            if ok && active { by_id(db, id).await? } else { None }
        }
        None => {
            // Spend the same time as a real check so response times do not reveal whether
            // the account exists.
            let _ = hash_password(password.to_string()).await;
            None
        }
    };
    record_attempt(db, username, ip, now, user.is_some()).await?;
    Ok(match user {
        Some(u) => LoginOutcome::Ok(u),
        None => LoginOutcome::Failed,
    })
}

async fn record_attempt(
    db: &Db,
    username: &str,
    ip: &str,
    at: OffsetDateTime,
    success: bool,
) -> Result<(), StoreError> {
    crate::db_exec!(
        db,
        sqlx::query("INSERT INTO login_attempts (username, ip, at, success) VALUES ($1, $2, $3, $4)")
            .bind(username)
            .bind(ip)
            .bind(at)
            .bind(success)
    )?;
    // Keep the table small: attempts older than a day serve no limit.
    crate::db_exec!(db, sqlx::query("DELETE FROM login_attempts WHERE at < $1").bind(at - Duration::days(1)))?;
    Ok(())
}
