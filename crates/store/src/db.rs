//! One database handle over SQLite (the embedded default) or PostgreSQL (production).
//!
//! Queries are written once in SQL both dialects accept (`$1` placeholders, `ON CONFLICT`,
//! `RETURNING`) and run through [`on_db!`] / [`on_tx!`], which expand the same code for each
//! backend's native driver, so both get real types (BOOLEAN, TIMESTAMPTZ, DATE, JSONB) rather
//! than the lowest common denominator of `sqlx::Any`.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, Postgres, Sqlite, SqlitePool, Transaction};

use crate::StoreError;

/// Which database engine a [`Db`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A database location, checked before anything connects to it.
#[derive(Clone, PartialEq, Eq)]
pub enum DbUrl {
    /// A SQLite file. `create` is true only when gongkai chose the path itself (the default
    /// file in the data directory) or the URL says `mode=rwc`: a mistyped path given by an
    /// operator must fail rather than silently start an empty database.
    Sqlite {
        path: PathBuf,
        create: bool,
    },
    Postgres(String),
}

#[derive(Debug, thiserror::Error)]
pub enum UrlError {
    #[error("unsupported database URL scheme in `{0}`: use sqlite://PATH or postgres://USER@HOST/DB")]
    UnknownScheme(String),
    #[error(
        "SQLite database `{0}` does not exist; check the path, or add `?mode=rwc` to create a new empty database there"
    )]
    Missing(PathBuf),
    #[error(
        "SQLite URL `{0}` has no file path (in-memory databases are not supported: each pool connection would get its own)"
    )]
    NoPath(String),
}

impl DbUrl {
    /// Parses `sqlite://path[?mode=rwc]`, `sqlite:path`, `postgres://…` or `postgresql://…`.
    /// Any other scheme, including near misses like `postgress://` or `sqlite3://`, is an error.
    pub fn parse(url: &str) -> Result<DbUrl, UrlError> {
        let url = url.trim();
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(DbUrl::Postgres(url.to_string()));
        }
        let Some(rest) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) else {
            return Err(UrlError::UnknownScheme(redact(url)));
        };
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        if path.is_empty() || path == ":memory:" {
            return Err(UrlError::NoPath(url.to_string()));
        }
        let create = query.split('&').any(|kv| kv == "mode=rwc");
        Ok(DbUrl::Sqlite { path: PathBuf::from(path), create })
    }

    /// The default database: a SQLite file inside the data directory, created on first use.
    pub fn default_in(data_dir: &Path) -> DbUrl {
        DbUrl::Sqlite { path: data_dir.join("gongkai.db"), create: true }
    }

    pub fn backend(&self) -> Backend {
        match self {
            DbUrl::Sqlite { .. } => Backend::Sqlite,
            DbUrl::Postgres(_) => Backend::Postgres,
        }
    }
}

/// Hides a password in a URL before it is printed or logged.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..s + 3], user, &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

impl fmt::Debug for DbUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_string())
    }
}

impl fmt::Display for DbUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DbUrl::Sqlite { path, .. } => write!(f, "sqlite://{}", path.display()),
            DbUrl::Postgres(url) => f.write_str(&redact(url)),
        }
    }
}

/// The database: a connection pool for one of the two backends.
#[derive(Clone)]
pub enum Db {
    Sqlite(SqlitePool),
    Pg(PgPool),
}

/// A transaction on either backend.
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Pg(Transaction<'static, Postgres>),
}

/// Runs the same sqlx code against whichever pool `db` holds.
#[macro_export]
macro_rules! on_db {
    ($db:expr, |$p:ident| $body:expr) => {
        match $db {
            $crate::Db::Sqlite($p) => $body,
            $crate::Db::Pg($p) => $body,
        }
    };
}

/// Runs the same sqlx code against whichever connection a transaction holds; `$c` is a
/// `&mut` connection usable as an executor (`&mut **c`).
#[macro_export]
macro_rules! on_tx {
    ($tx:expr, |$c:ident| $body:expr) => {
        match $tx {
            $crate::Tx::Sqlite($c) => $body,
            $crate::Tx::Pg($c) => $body,
        }
    };
}

/// Executes a statement that returns no rows on a [`Db`], giving the number of rows affected
/// (the backends' result types differ; the count is what callers need).
#[macro_export]
macro_rules! db_exec {
    ($db:expr, $q:expr) => {
        $crate::on_db!($db, |p| $q.execute(p).await.map(|r| r.rows_affected()))
    };
}

/// Like [`db_exec!`], inside a transaction.
#[macro_export]
macro_rules! tx_exec {
    ($tx:expr, $q:expr) => {
        $crate::on_tx!($tx, |c| $q.execute(&mut **c).await.map(|r| r.rows_affected()))
    };
}

pub struct PoolSettings {
    pub max_connections: u32,
}

impl Default for PoolSettings {
    fn default() -> Self {
        PoolSettings { max_connections: 16 }
    }
}

impl Db {
    /// Connects and runs pending migrations.
    pub async fn connect(url: &DbUrl) -> Result<Db, StoreError> {
        Self::connect_with(url, &PoolSettings::default()).await
    }

    pub async fn connect_with(url: &DbUrl, settings: &PoolSettings) -> Result<Db, StoreError> {
        let db = match url {
            DbUrl::Sqlite { path, create } => {
                if !*create && !path.exists() {
                    return Err(UrlError::Missing(path.clone()).into());
                }
                if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(parent)
                        .map_err(|e| StoreError::Io(format!("creating {}", parent.display()), e))?;
                }
                let options = SqliteConnectOptions::new()
                    .filename(path)
                    .create_if_missing(*create)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    // 32 MiB of page cache per connection instead of SQLite's 2 MiB: bulk
                    // imports and the report queries walk indexes far larger than the default.
                    .pragma("cache_size", "-32768")
                    .pragma("temp_store", "memory")
                    .busy_timeout(Duration::from_secs(10));
                let pool =
                    SqlitePoolOptions::new().max_connections(settings.max_connections).connect_with(options).await?;
                Db::Sqlite(pool)
            }
            DbUrl::Postgres(url) => {
                let options = PgConnectOptions::from_str(url)?;
                let pool = PgPoolOptions::new()
                    .max_connections(settings.max_connections)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_with(options)
                    .await?;
                Db::Pg(pool)
            }
        };
        db.migrate().await?;
        Ok(db)
    }

    /// Applies the migrations of this backend's folder.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        match self {
            Db::Sqlite(p) => sqlx::migrate!("./migrations/sqlite").run(p).await?,
            Db::Pg(p) => sqlx::migrate!("./migrations/postgres").run(p).await?,
        }
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Pg(_) => Backend::Postgres,
        }
    }

    pub async fn begin(&self) -> Result<Tx, StoreError> {
        Ok(match self {
            // IMMEDIATE takes the write lock up front: a deferred transaction that reads and
            // then writes fails at once with SQLITE_BUSY under concurrent writers instead of
            // waiting for the busy timeout.
            Db::Sqlite(p) => Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?),
            Db::Pg(p) => Tx::Pg(p.begin().await?),
        })
    }

    /// Is the database reachable? For `/healthz`.
    pub async fn ping(&self) -> Result<(), StoreError> {
        db_exec!(self, sqlx::query("SELECT 1"))?;
        Ok(())
    }

    pub async fn close(&self) {
        on_db!(self, |p| p.close().await)
    }
}

impl Tx {
    pub async fn commit(self) -> Result<(), StoreError> {
        on_tx!(self, |t| t.commit().await)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes() {
        assert!(matches!(DbUrl::parse("sqlite://data/g.db"), Ok(DbUrl::Sqlite { create: false, .. })));
        assert!(matches!(DbUrl::parse("sqlite://data/g.db?mode=rwc"), Ok(DbUrl::Sqlite { create: true, .. })));
        assert!(matches!(DbUrl::parse("sqlite:g.db"), Ok(DbUrl::Sqlite { .. })));
        assert!(matches!(DbUrl::parse("postgres://u@localhost/g"), Ok(DbUrl::Postgres(_))));
        assert!(matches!(DbUrl::parse("postgresql://u@localhost/g"), Ok(DbUrl::Postgres(_))));
        for bad in ["postgress://u@h/g", "mysql://u@h/g", "sqlite3://g.db", "g.db", "", "http://x"] {
            assert!(matches!(DbUrl::parse(bad), Err(UrlError::UnknownScheme(_))), "{bad}");
        }
        assert!(matches!(DbUrl::parse("sqlite::memory:"), Err(UrlError::NoPath(_))));
    }

    #[test]
    fn passwords_are_redacted() {
        let u = DbUrl::parse("postgres://gk:s3cret@db.example:5432/gongkai").unwrap();
        assert_eq!(u.to_string(), "postgres://gk:***@db.example:5432/gongkai");
        assert!(!format!("{u:?}").contains("s3cret"));
        let e = DbUrl::parse("postgress://gk:s3cret@db/g").unwrap_err().to_string();
        assert!(!e.contains("s3cret"), "{e}");
    }

    #[tokio::test]
    async fn a_mistyped_sqlite_path_never_creates_a_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("typo.db");
        let url = DbUrl::parse(&format!("sqlite://{}", path.display())).unwrap();
        let err = Db::connect(&url).await.err().expect("must refuse");
        assert!(err.to_string().contains("does not exist"), "{err}");
        assert!(!path.exists());
    }
}
