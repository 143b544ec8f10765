//! Citations: what a published body cites, extracted by `gongkai_core::doc::citation` and
//! stored by 文号 and title, so that a cited document published later links at once.

use gongkai_core::doc::EditionFields;
use gongkai_core::doc::citation;

use crate::documents::{Edition, EditionRow, edition_columns};
use crate::{Db, StoreError, Tx, on_db, tx_exec};

/// Replaces the citations of `document_id` with those of the body being published.
pub async fn write_citations(tx: &mut Tx, document_id: i64, fields: &EditionFields) -> Result<usize, StoreError> {
    tx_exec!(tx, sqlx::query("DELETE FROM citations WHERE document_id = $1").bind(document_id))?;
    let found = citation::extract(&fields.body.plain_text(), fields.doc_no.as_ref(), fields.title.as_str());
    for (position, c) in found.iter().enumerate() {
        tx_exec!(
            tx,
            sqlx::query("INSERT INTO citations (document_id, position, doc_no, title) VALUES ($1, $2, $3, $4)")
                .bind(document_id)
                .bind(position as i64)
                .bind(c.doc_no.as_ref().map(|d| d.as_str().to_string()))
                .bind(&c.title)
        )?;
    }
    Ok(found.len())
}

/// Extracts the citations of every published document again (after an upgrade, or for
/// documents imported before citations were kept), in batches of `batch` documents, calling
/// `progress(done, total)` after each. Returns the number of citations written.
pub async fn backfill_citations(db: &Db, batch: usize, mut progress: impl FnMut(u64, u64)) -> Result<u64, StoreError> {
    let total: i64 = on_db!(db, |p| sqlx::query_scalar("SELECT COUNT(*) FROM editions WHERE status = 'published'")
        .fetch_one(p)
        .await)?;
    let mut after = 0i64;
    let (mut done, mut written) = (0u64, 0u64);
    loop {
        let sql = format!(
            "SELECT {} FROM editions WHERE status = 'published' AND id > $1 ORDER BY id LIMIT $2",
            edition_columns()
        );
        let rows = on_db!(db, |p| sqlx::query_as::<_, EditionRow>(sqlx::AssertSqlSafe(sql.clone()))
            .bind(after)
            .bind(batch.max(1) as i64)
            .fetch_all(p)
            .await)?;
        let editions = rows.into_iter().map(Edition::try_from).collect::<Result<Vec<_>, _>>()?;
        let Some(last) = editions.last() else { break };
        after = last.id;
        let mut tx = db.begin().await?;
        for e in &editions {
            written += write_citations(&mut tx, e.document_id, &e.fields).await? as u64;
            crate::documents::staff_outbox(&mut tx, "citations", e.document_id).await?;
        }
        tx.commit().await?;
        done += editions.len() as u64;
        progress(done, total as u64);
    }
    Ok(written)
}
