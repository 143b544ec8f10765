//! Test databases: a fresh SQLite file per test, or, when `GONGKAI_TEST_POSTGRES_URL` is set, a
//! fresh PostgreSQL database per test on that server (dropped afterwards). CI runs the store and
//! web suites once each way, so every test runs on both backends.

use std::path::Path;

use crate::{Db, DbUrl};

pub const POSTGRES_ENV: &str = "GONGKAI_TEST_POSTGRES_URL";

pub struct TestDb {
    pub db: Db,
    dir: tempfile::TempDir,
    pg: Option<(String, String)>,
}

impl TestDb {
    /// A directory that lives as long as the database, for blobs and other files.
    pub fn data_dir(&self) -> &Path {
        self.dir.path()
    }
}

/// A migrated, empty database of the backend selected by the environment.
///
/// Panics (failing the test) if PostgreSQL was asked for and cannot be reached: a test run that
/// silently fell back to SQLite would claim coverage it does not have.
pub async fn test_db() -> TestDb {
    let dir = tempfile::tempdir().expect("temp dir");
    match std::env::var(POSTGRES_ENV) {
        Ok(admin_url) if !admin_url.is_empty() => {
            let name = format!("gk_test_{}", hex::encode(rand::random::<[u8; 8]>()));
            let admin = sqlx::PgPool::connect(&admin_url)
                .await
                .unwrap_or_else(|e| panic!("{POSTGRES_ENV}: cannot connect: {e}"));
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&admin)
                .await
                .expect("create test database");
            admin.close().await;
            let url = with_database(&admin_url, &name);
            let db = Db::connect(&DbUrl::parse(&url).expect("postgres url")).await.expect("connect test database");
            TestDb { db, dir, pg: Some((admin_url, name)) }
        }
        _ => {
            let url = DbUrl::Sqlite { path: dir.path().join("test.db"), create: true };
            let db = Db::connect(&url).await.expect("sqlite test database");
            TestDb { db, dir, pg: None }
        }
    }
}

/// Replaces the database name in a PostgreSQL URL.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let base = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some((admin_url, name)) = self.pg.take() else { return };
        // Drop runs outside async context; use a private runtime on another thread.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().ok()?;
            rt.block_on(async {
                let admin = sqlx::PgPool::connect(&admin_url).await.ok()?;
                sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")))
                    .execute(&admin)
                    .await
                    .ok()?;
                admin.close().await;
                Some(())
            })
        })
        .join();
    }
}

/// A staff member for tests: the account, and what the repositories need to act as them.
pub struct TestStaff {
    pub user: crate::users::User,
    pub password: String,
}

impl TestStaff {
    pub fn actor(&self) -> gongkai_core::doc::workflow::Actor {
        gongkai_core::doc::workflow::Actor {
            user_id: self.user.id,
            role: self.user.role,
            agency_id: self.user.agency_id,
        }
    }

    pub fn who(&self) -> crate::audit::Who {
        crate::audit::Who {
            user_id: Some(self.user.id),
            name: self.user.username.clone(),
            ip: Some("127.0.0.1".into()),
        }
    }
}

/// Creates an agency with a 9-digit code.
pub async fn agency(db: &Db, code: &str, slug: &str, name: &str) -> crate::agencies::Agency {
    let input = gongkai_core::org::AgencyInput {
        code: code.into(),
        slug: slug.into(),
        name: name.into(),
        kind: "department".into(),
        office_name: format!("{name}办公室"),
        address: "温州市鹿城区市府路500号".into(),
        office_hours: "工作日 8:30—12:00，14:30—17:30".into(),
        phone: "0577-88960000".into(),
        ..Default::default()
    };
    let fields = gongkai_core::org::AgencyFields::parse(&input).expect("valid test agency");
    crate::agencies::create(db, &crate::audit::Who::system("test"), &fields).await.expect("create agency")
}

/// Creates an agency of `kind` under `parent` (a code), for tests of the agency tree.
pub async fn agency_in(
    db: &Db,
    code: &str,
    slug: &str,
    name: &str,
    kind: &str,
    parent: Option<&str>,
) -> crate::agencies::Agency {
    let input = gongkai_core::org::AgencyInput {
        code: code.into(),
        slug: slug.into(),
        name: name.into(),
        kind: kind.into(),
        parent: parent.unwrap_or_default().into(),
        office_name: format!("{name}办公室"),
        address: "温州市鹿城区市府路500号".into(),
        office_hours: "工作日 8:30—12:00，14:30—17:30".into(),
        phone: "0577-88960000".into(),
        ..Default::default()
    };
    let fields = gongkai_core::org::AgencyFields::parse(&input).expect("valid test agency");
    crate::agencies::create(db, &crate::audit::Who::system("test"), &fields).await.expect("create agency")
}

/// Puts a published document on the platform as of `published_at` (through the import path,
/// the only one that takes a past publication time), and returns its id.
pub async fn published_at(
    db: &Db,
    agency_code: &str,
    index_no: &str,
    published_at: time::OffsetDateTime,
    fields: gongkai_core::doc::EditionFields,
) -> i64 {
    let doc = crate::export::ImportDocument {
        index_no: gongkai_core::doc::IndexNo::parse(index_no).expect("valid index number"),
        agency_code: agency_code.into(),
        first_published_at: published_at,
        withdrawn_at: None,
        withdrawn_reason: None,
        view_count: 0,
        editions: vec![crate::export::ImportEdition {
            edition_no: 1,
            status: gongkai_core::doc::workflow::EditionStatus::Published,
            published_at: Some(published_at),
            privacy_override: None,
            fields,
            attachments: Vec::new(),
        }],
    };
    let blobs = crate::blobs::FsBlobStore::new(&std::env::temp_dir().join("gongkai-test-blobs"));
    crate::export::import_documents(db, &crate::audit::Who::system("test"), &blobs, &[doc])
        .await
        .expect("import a published test document");
    crate::on_db!(db, |p| sqlx::query_scalar::<_, i64>("SELECT id FROM documents WHERE index_no = $1")
        .bind(index_no)
        .fetch_one(p)
        .await)
    .expect("the imported document")
}

/// Edition fields parsed from a form-like input on top of [`fields`]' defaults.
pub fn fields_with(
    title: &str,
    f: impl FnOnce(&mut gongkai_core::doc::EditionInput),
) -> gongkai_core::doc::EditionFields {
    let mut input = fields(title).to_input();
    f(&mut input);
    gongkai_core::doc::EditionFields::parse(&input).expect("valid test fields")
}

/// Creates an account with a fixed strong password (cheap hashing: tests only).
pub async fn staff(db: &Db, username: &str, role: gongkai_core::org::Role, agency_id: Option<i64>) -> TestStaff {
    crate::users::use_cheap_hashes_for_tests();
    let password = format!("Test-pw-2024-{}", username.len());
    let user = crate::users::create(
        db,
        &crate::audit::Who::system("test"),
        &crate::users::NewUser {
            username: username.into(),
            display_name: format!("测试{username}"),
            role,
            agency_id,
            password: password.clone(),
            email: None,
        },
    )
    .await
    .expect("create user");
    TestStaff { user, password }
}

/// Valid edition fields for a notice, with the given title.
pub fn fields(title: &str) -> gongkai_core::doc::EditionFields {
    gongkai_core::doc::EditionFields::parse(&gongkai_core::doc::EditionInput {
        title: title.into(),
        doc_no: "温政办〔2017〕62号".into(),
        topic: "综合政务/政务公开".into(),
        genre: "notice".into(),
        column: "statutory".into(),
        statutory_item: "art20-01".into(),
        written_on: "2017-06-08".into(),
        body: "<p>各县(市、区)人民政府，市政府直属各单位：</p><p>现印发给你们，请认真贯彻执行。</p>".into(),
        ..Default::default()
    })
    .expect("valid test fields")
}

#[cfg(test)]
mod tests {
    #[test]
    fn database_name_is_replaced() {
        assert_eq!(super::with_database("postgres://u@h:5432/postgres", "t1"), "postgres://u@h:5432/t1");
        assert_eq!(
            super::with_database("postgres://u@h/postgres?sslmode=disable", "t1"),
            "postgres://u@h/t1?sslmode=disable"
        );
        assert_eq!(super::with_database("postgres://u@h", "t1"), "postgres://u@h/t1");
    }
}
