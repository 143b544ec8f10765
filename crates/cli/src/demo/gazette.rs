//! The demo city's 政府公报: one digitised historical issue, imported from page-text files
//! (`gazette/`) through the same path as `gongkai import-gazette`, and monthly issues of the
//! two years with the most 市政府 and 市府办 documents, listing those documents.

use std::collections::BTreeMap;

use anyhow::Context;
use gongkai_core::doc::IndexNo;
use gongkai_core::gazette::IssueKey;
use gongkai_store::audit::Who;
use gongkai_store::blobs::BlobStore;
use gongkai_store::documents::{self, CatalogueFilter};
use gongkai_store::export::Outcome;
use gongkai_store::gazette::{self, NewIssue};
use gongkai_store::{Db, agencies};
use time::{Date, Month};

use crate::commands::gazette::{PageText, import, prepare};
use crate::commands::store_error;

/// The historical issue's manifest and pages, compiled in.
const MANIFEST: &str = include_str!("gazette/manifest.toml");

/// The pages named by [`MANIFEST`]; the third is the project's seed page, already seeded as a
/// document, so the import finds it unchanged.
fn page(path: &str) -> PageText {
    match path {
        "2017-06/01.txt" => PageText::Text(include_str!("gazette/2017-06/01.txt").into()),
        "2017-06/02.txt" => PageText::Text(include_str!("gazette/2017-06/02.txt").into()),
        "2017-06/03.txt" => PageText::Text(super::seed::SEED_PAGE.into()),
        _ => PageText::Missing,
    }
}

/// Documents the historical issue adds to the demo (its other page is the seed page).
pub const HISTORICAL_DOCUMENTS: usize = 2;

/// Whose documents the monthly issues list: the city government and its general office.
const GAZETTE_AGENCIES: [&str; 2] = ["001002000", "001002003"];

/// Seeds the gazette after the documents; returns how many documents the historical issue
/// created.
pub async fn seed(db: &Db, who: &Who, blobs: &dyn BlobStore, today: Date) -> anyhow::Result<usize> {
    let prepared = prepare(MANIFEST, page).context("the demo gazette's historical issue")?;
    let historical: Vec<IssueKey> = prepared.issues.iter().map(|(i, _)| i.key).collect();
    let done = import(db, who, blobs, prepared, None, &mut std::io::sink())
        .await
        .context("importing the demo gazette's historical issue")?;
    let created = done.iter().flat_map(|i| &i.outcomes).filter(|o| **o == Outcome::Created).count();

    for issue in monthly_issues(db, today).await? {
        if historical.contains(&issue.key) {
            continue;
        }
        gazette::create_issue(db, who, &issue)
            .await
            .map_err(store_error)
            .with_context(|| format!("creating demo gazette issue {}", issue.key))?;
    }
    Ok(created)
}

/// One issue per month that has documents with a 文号, in the two years with the most of them:
/// 第N期 is month N, dated the month's last day (or today, for the current month), 市政府
/// documents before 市府办 ones, each in order of publication.
async fn monthly_issues(db: &Db, today: Date) -> anyhow::Result<Vec<NewIssue>> {
    // (year, month) → (agency rank, publication time, 索引号) of its documents.
    type MonthDocs = Vec<(usize, time::OffsetDateTime, IndexNo)>;
    let mut by_month: BTreeMap<(i32, u8), MonthDocs> = BTreeMap::new();
    for (rank, code) in GAZETTE_AGENCIES.iter().enumerate() {
        let Some(agency) = agencies::by_code(db, code).await? else { continue };
        let filter = CatalogueFilter { agency_id: Some(agency.id), ..Default::default() };
        let (rows, _) = documents::catalogue(db, &filter, 10_000, 0).await?;
        for row in rows.into_iter().filter(|r| r.doc_no.is_some()) {
            let on = gongkai_core::tz::local_date(row.first_published_at);
            let index_no = IndexNo::parse(&row.index_no).map_err(|e| anyhow::anyhow!("{}: {e}", row.index_no))?;
            by_month.entry((on.year(), u8::from(on.month()))).or_default().push((
                rank,
                row.first_published_at,
                index_no,
            ));
        }
    }
    let mut per_year: BTreeMap<i32, usize> = BTreeMap::new();
    for ((year, _), docs) in &by_month {
        *per_year.entry(*year).or_default() += docs.len();
    }
    let mut years: Vec<(i32, usize)> = per_year.into_iter().collect();
    // Most documents first; of equals, the later year.
    years.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
    let chosen: Vec<i32> = years.iter().take(2).map(|y| y.0).collect();

    let mut issues = Vec::new();
    for ((year, month), mut docs) in by_month {
        if !chosen.contains(&year) {
            continue;
        }
        docs.sort();
        let month = Month::try_from(month)?;
        let last_day = Date::from_calendar_date(year, month, time::util::days_in_month(month, year))?;
        issues.push(NewIssue {
            key: IssueKey { year, number: u32::from(u8::from(month)) },
            published_on: last_day.min(today).max(Date::from_calendar_date(year, month, 1)?),
            documents: docs.into_iter().map(|(_, _, n)| n).collect(),
        });
    }
    Ok(issues)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::{corpus, seed};

    #[test]
    fn the_historical_issue_reads_without_problems() {
        let prepared = prepare(MANIFEST, page).unwrap();
        assert_eq!(prepared.issues.len(), 1);
        let (issue, pages) = &prepared.issues[0];
        assert_eq!(issue.key.to_string(), "2017年第6期");
        assert_eq!(pages.len(), 3);
        for p in &pages[..HISTORICAL_DOCUMENTS] {
            assert!(p.notes.is_empty(), "{}: {:?}", p.path, p.notes);
        }
        assert_eq!(pages[2].document.index_no.as_str(), seed::SEED_PAGE_INDEX_NO);
    }

    /// The historical pages' 索引号 and 文号 are not also given to generated documents.
    #[test]
    fn the_historical_pages_do_not_clash_with_the_corpus() {
        let prepared = prepare(MANIFEST, page).unwrap();
        let pages = &prepared.issues[0].1;
        let mut numbering = seed::Numbering::default();
        for d in corpus::documents(seed::DEMO_SEED, seed::DEMO_DOCUMENTS) {
            let index_no = numbering.next(&d).unwrap();
            for p in &pages[..HISTORICAL_DOCUMENTS] {
                assert_ne!(p.document.index_no, index_no);
                assert_ne!(p.document.fields.doc_no.as_ref().map(|n| n.as_str()), d.doc_no.as_deref(), "{}", d.title);
            }
        }
    }
}
