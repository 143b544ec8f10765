//! The policy lifecycle: interpretations linked to their policies, the 有效性 of normative
//! documents (expiry, repeal, amendment) with its history, citations between documents, and
//! the counts of table 二.
//!
//! Links are between documents, not editions: what the public follows from one page to the
//! next. They are written when a document is published (interpretations, citations) or when a
//! reviewer records a repeal or an amendment, always with an outbox row for every document
//! whose page changes, so page caches on every node drop them.

mod citations;
mod duties;
mod interpretations;
mod links;
mod table2;
mod validity;

pub use citations::{backfill_citations, write_citations};
pub use duties::{DailyReport, DocumentReminder, daily, reminders};
pub use interpretations::{InterpretationRow, drafts_interpreting, interpretation_report};
pub use links::{
    CitedDoc, LinkedDoc, Relations, ValidityChange, find_published, related_documents, relations, resolve_ref,
};
pub use table2::{register_entries, register_entries_in};
pub use validity::{ChangeKind, ValidityAct, change_validity};

/// The SQL condition for "this edition is the public version of a public document", with the
/// edition aliased `e` and the document `d`.
pub(crate) const PUBLIC: &str =
    "e.status = 'published' AND e.disclosure = 'proactive' AND d.withdrawn_at IS NULL AND e.document_id = d.id";

/// A document as messages name it: `《title》（文号）`, or `《title》` without a 文号.
pub(crate) fn named(title: &str, doc_no: Option<&str>) -> String {
    match doc_no {
        Some(no) => format!("《{title}》（{no}）"),
        None => format!("《{title}》"),
    }
}

/// How strictly [`on_publish`] treats a policy reference that does not resolve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Resolve {
    /// A reviewer publishing: every reference must name a published policy document, or
    /// publishing stops with a message and nothing changes.
    Strict,
    /// An import of existing content: what resolves is linked, the rest is left for staff
    /// (the policy may come later in the import, or never have been on the platform).
    Lenient,
}

/// What publishing an edition does to the links: its citations are extracted again, and a 解读
/// is linked to the policies it names. The pages of the linked policies change too, so they
/// get outbox rows.
pub(crate) async fn on_publish(
    tx: &mut crate::Tx,
    document_id: i64,
    agency_id: i64,
    fields: &gongkai_core::doc::EditionFields,
    resolve: Resolve,
) -> Result<(), crate::StoreError> {
    // Pages that cite this document by a 文号 or title it had before this edition show the
    // old name: they change too.
    let citers: Vec<i64> = crate::on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT DISTINCT c.document_id FROM citations c JOIN editions t ON t.document_id = $1
           AND t.status IN ('published', 'superseded')
         WHERE (c.doc_no = t.doc_no OR (c.doc_no IS NULL AND c.title = t.title)) AND c.document_id <> $1"
    )
    .bind(document_id)
    .fetch_all(&mut **c)
    .await)?;
    write_citations(tx, document_id, fields).await?;
    let mut problems = Vec::new();
    let mut policies = Vec::new();
    for r in fields.interpretation.iter().flat_map(|i| &i.policies) {
        match resolve_ref(tx, r).await?.as_slice() {
            [] => problems.push(format!("“{r}”在平台上没有已发布的文件，请先发布政策文件，再发布解读")),
            [(id, policy_agency, kind)] => match gongkai_core::doc::PolicyKind::from_code(kind) {
                Some(k) if k.needs_interpretation() => {
                    // 谁起草、谁解读: the agency of the policy, one above it, or one below it
                    // (the department that drafted a government's policy) interprets it.
                    if validity::governs(tx, *policy_agency, agency_id).await?
                        || validity::governs(tx, agency_id, *policy_agency).await?
                    {
                        policies.push(*id);
                    } else {
                        problems.push(format!("“{r}”由其他机关制发，按“谁起草、谁解读”，本机关不能发布其解读"));
                    }
                }
                _ => problems.push(format!("“{r}”不是政策文件（规章、行政规范性文件或其他政策文件）")),
            },
            many => problems.push(format!("“{r}”对应 {} 个已发布文件，请改用索引号", many.len())),
        }
    }
    if !problems.is_empty() && resolve == Resolve::Strict {
        return Err(crate::StoreError::invalid("interprets", problems.join("；")));
    }
    // The links are rewritten from this edition, whatever it says (an edition that is no
    // longer a 解读 leaves no link behind).
    let old: Vec<i64> = crate::on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT to_document FROM document_links WHERE from_document = $1 AND kind = 'interprets'"
    )
    .bind(document_id)
    .fetch_all(&mut **c)
    .await)?;
    crate::tx_exec!(
        tx,
        sqlx::query("DELETE FROM document_links WHERE from_document = $1 AND kind = 'interprets'").bind(document_id)
    )?;
    for p in &policies {
        crate::tx_exec!(
            tx,
            sqlx::query(
                "INSERT INTO document_links (from_document, to_document, kind, created_at) VALUES ($1, $2, 'interprets', $3)
                 ON CONFLICT (from_document, kind, to_document) DO NOTHING"
            )
            .bind(document_id)
            .bind(p)
            .bind(crate::now())
        )?;
    }
    let mut changed: Vec<i64> = old.into_iter().chain(policies).chain(citers).collect();
    changed.sort_unstable();
    changed.dedup();
    for p in changed {
        crate::documents::staff_outbox(tx, "links", p).await?;
    }
    Ok(())
}
