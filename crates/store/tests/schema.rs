//! Guard: the SQLite and PostgreSQL migrations must describe the same schema.

use std::collections::BTreeMap;
use std::path::Path;

use gongkai_store::testing::test_db;
use gongkai_store::{Backend, Db, DbUrl};

type Schema = BTreeMap<String, Vec<String>>;

fn migration_names(folder: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations").join(folder);
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn both_folders_list_the_same_migrations() {
    let sqlite = migration_names("sqlite");
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, migration_names("postgres"));
}

/// Where the backends differ on purpose: the search index's words are an FTS5 table on SQLite
/// (with its shadow tables) and a `tsvector` column on PostgreSQL (migrations 0005).
fn backend_specific(table: &str, column: &str) -> bool {
    table == "search_terms" || table.starts_with("search_terms_") || (table == "search_entries" && column == "terms")
}

async fn live_schema(db: &Db) -> Schema {
    let rows: Vec<(String, String)> = match db {
        Db::Sqlite(p) => sqlx::query_as(
            "SELECT m.name, c.name FROM sqlite_master m JOIN pragma_table_info(m.name) c
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'",
        )
        .fetch_all(p)
        .await
        .unwrap(),
        Db::Pg(p) => sqlx::query_as(
            "SELECT table_name::text, column_name::text FROM information_schema.columns
             WHERE table_schema = 'public' AND table_name NOT LIKE '_sqlx%'",
        )
        .fetch_all(p)
        .await
        .unwrap(),
    };
    let mut schema = Schema::new();
    for (table, column) in rows.into_iter().filter(|(t, c)| !backend_specific(t, c)) {
        schema.entry(table).or_default().push(column);
    }
    schema.values_mut().for_each(|c| c.sort());
    schema
}

/// Tables and columns as declared in a migration folder's CREATE TABLE statements.
fn declared_schema(folder: &str) -> Schema {
    let mut schema = Schema::new();
    for name in migration_names(folder) {
        let sql =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations").join(folder).join(name))
                .unwrap();
        let mut table: Option<String> = None;
        for line in sql.lines().map(str::trim) {
            if let Some(rest) = line.strip_prefix("ALTER TABLE ") {
                if let Some((t, column)) = rest.split_once(" ADD COLUMN ") {
                    let column = column.split_whitespace().next().unwrap_or("");
                    schema.entry(t.trim().to_string()).or_default().push(column.to_string());
                }
            } else if let Some(rest) = line.strip_prefix("CREATE TABLE ") {
                table = Some(rest.trim_end_matches(" (").trim().to_string());
                schema.entry(table.clone().unwrap()).or_default();
            } else if line.starts_with(')') && line.ends_with(';') {
                // `);` or `) WITHOUT ROWID;`
                table = None;
            } else if let Some(t) = &table {
                let word = line.split_whitespace().next().unwrap_or("");
                let column = word.trim_end_matches(',');
                if !word.is_empty()
                    && !matches!(word, "PRIMARY" | "UNIQUE" | "FOREIGN" | "CHECK" | "--")
                    && !backend_specific(t, column)
                {
                    schema.get_mut(t).unwrap().push(column.to_string());
                }
            }
        }
    }
    schema.values_mut().for_each(|c| c.sort());
    schema
}

#[tokio::test]
async fn both_backends_end_with_the_same_tables_and_columns() {
    let t = test_db().await;
    let live = live_schema(&t.db).await;
    assert!(live.contains_key("documents") && live.contains_key("audit_log"), "{live:?}");
    match t.db.backend() {
        // Without a PostgreSQL server, compare the live SQLite schema with what the
        // PostgreSQL migrations declare.
        Backend::Sqlite => assert_eq!(live, declared_schema("postgres")),
        // With one, compare the two live schemas.
        Backend::Postgres => {
            let dir = tempfile::tempdir().unwrap();
            let sqlite = Db::connect(&DbUrl::Sqlite { path: dir.path().join("s.db"), create: true }).await.unwrap();
            assert_eq!(live, live_schema(&sqlite).await);
        }
    }
    assert_eq!(declared_schema("sqlite"), declared_schema("postgres"));
}
