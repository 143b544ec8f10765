//! `gongkai import-gazette DIR`: historical issues of the 政府公报 (历史公报数字化) from a folder
//! of legacy page-text files and its `manifest.toml` (format: `gongkai_core::gazette`).
//!
//! All or nothing. Everything is checked before the database is written: the manifest, that
//! every file it names exists and reads as a page that becomes a document, that every page's
//! agency exists (unlike `gongkai import`, this command never creates agencies: a half-known
//! agency in an archive would be a write before the check is complete), and that no issue is
//! already on the platform. A single problem stops the import with every problem listed, and
//! the database is left as it was. The documents then go through the catalogue import
//! (`gongkai_store::gazette::import_issues`), keyed by 索引号 as `gongkai import` is.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow, bail};
use gongkai_core::gazette::{MANIFEST_FILE, ManifestIssue, parse_manifest};
use gongkai_core::import::legacy::{self, LegacyDocument};
use gongkai_core::import::page_text::read_page;
use gongkai_core::org::AgencyCode;
use gongkai_store::audit::Who;
use gongkai_store::blobs::{BlobStore, FsBlobStore};
use gongkai_store::export::Outcome;
use gongkai_store::gazette::{ImportIssue, ImportedIssue, import_issues};
use gongkai_store::{Db, agencies};

use super::{connect, store_error};
use crate::config::Config;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder holding manifest.toml and the page-text files it names (paths relative to it)
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Publish every page under this agency (its code) instead of matching its 发布机构
    #[arg(long, value_name = "CODE")]
    pub agency: Option<String>,
}

pub async fn run(args: Args, config: &Config) -> anyhow::Result<()> {
    let manifest_path = args.dir.join(MANIFEST_FILE);
    let manifest = std::fs::read_to_string(&manifest_path)
        .with_context(|| format!("reading {} (the folder must hold a {MANIFEST_FILE})", manifest_path.display()))?;
    // The files are checked before connecting, so a wrong folder does not even create a database.
    let prepared = prepare(&manifest, folder(&args.dir))
        .with_context(|| format!("checking {}: nothing was imported", args.dir.display()))?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "checked {} issues and {} files in {}", prepared.issues.len(), prepared.files(), args.dir.display())?;
    let db = connect(config).await?;
    let blobs = FsBlobStore::new(&config.data_dir);
    let result = import(&db, &Who::system("cli"), &blobs, prepared, args.agency.as_deref(), &mut out).await;
    db.close().await;
    result.with_context(|| format!("importing {}: nothing was imported", args.dir.display()))?;
    Ok(())
}

/// A file named by the manifest, as its source gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageText {
    Text(String),
    Missing,
    /// It exists but cannot be used; the reason is shown.
    Unreadable(String),
}

/// Pages read from a folder. A path that leads out of it through a symbolic link is refused,
/// as `..` is by the manifest check.
pub fn folder(dir: &Path) -> impl FnMut(&str) -> PageText + '_ {
    let root = dir.canonicalize().ok();
    move |relative: &str| {
        let path = dir.join(relative);
        let meta = match std::fs::metadata(&path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return PageText::Missing,
            Err(e) => return PageText::Unreadable(format!("cannot read: {e}")),
        };
        if !meta.is_file() {
            return PageText::Unreadable("not a file".into());
        }
        let inside = match (&root, path.canonicalize()) {
            (Some(root), Ok(real)) => real.starts_with(root),
            _ => false,
        };
        if !inside {
            return PageText::Unreadable(format!("leads outside {}", dir.display()));
        }
        match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => PageText::Text(text),
                Err(_) => PageText::Unreadable("not UTF-8 text (convert it first, e.g. iconv -f GBK -t UTF-8)".into()),
            },
            Err(e) => PageText::Unreadable(format!("cannot read: {e}")),
        }
    }
}

/// One page of an issue, read and turned into a document.
pub struct PreparedPage {
    pub path: String,
    pub document: LegacyDocument,
    /// What the reader skipped or inferred, for the report.
    pub notes: Vec<String>,
}

/// The manifest and all its pages, checked; nothing is written yet.
pub struct Prepared {
    pub issues: Vec<(ManifestIssue, Vec<PreparedPage>)>,
}

impl Prepared {
    pub fn files(&self) -> usize {
        self.issues.iter().map(|(_, pages)| pages.len()).sum()
    }
}

fn problems(what: &str, list: &[String]) -> anyhow::Error {
    anyhow!("{what}:\n  {}", list.join("\n  "))
}

/// Reads the manifest and every file it names through `read`, and turns each page into a
/// document. Fails with every problem listed: the manifest's (with their lines), then every
/// missing file, then every file that cannot be read or is not a usable page.
pub fn prepare(manifest: &str, mut read: impl FnMut(&str) -> PageText) -> anyhow::Result<Prepared> {
    let manifest = parse_manifest(manifest).map_err(|errors| {
        problems(
            &format!("{MANIFEST_FILE} has {} problem(s)", errors.len()),
            &errors.iter().map(ToString::to_string).collect::<Vec<_>>(),
        )
    })?;
    let mut missing = Vec::new();
    let mut bad = Vec::new();
    let mut issues = Vec::new();
    for issue in manifest.issues {
        let mut pages = Vec::new();
        for (n, path) in issue.files.iter().enumerate() {
            let at = format!("{}, item {}", issue.key, n + 1);
            let text = match read(path) {
                PageText::Text(text) => text,
                PageText::Missing => {
                    missing.push(format!("{path} ({at})"));
                    continue;
                }
                PageText::Unreadable(reason) => {
                    bad.push(format!("{path} ({at}): {reason}"));
                    continue;
                }
            };
            let (page, warnings) = match read_page(&text) {
                Ok(read) => read,
                Err(e) => {
                    bad.push(format!("{path} ({at}): {e}"));
                    continue;
                }
            };
            match legacy::to_document(&page) {
                Ok(document) => {
                    let mut notes: Vec<String> =
                        warnings.iter().map(|w| format!("line {}: {}", w.line, w.message)).collect();
                    notes.extend(document.notes.iter().cloned());
                    pages.push(PreparedPage { path: path.clone(), document, notes });
                }
                Err(e) => bad.push(format!("{path} ({at}): {e}")),
            }
        }
        issues.push((issue, pages));
    }
    if !missing.is_empty() {
        let mut list = missing;
        list.extend(bad);
        return Err(problems(&format!("the manifest names {} missing file(s)", list.len()), &list));
    }
    if !bad.is_empty() {
        return Err(problems(&format!("{} file(s) cannot be imported", bad.len()), &bad));
    }
    Ok(Prepared { issues })
}

/// The agency of a page: `--agency`, else the one named by its 发布机构, else the one whose
/// code starts its 索引号. Never created here.
async fn agency_for(db: &Db, forced: Option<&str>, doc: &LegacyDocument) -> anyhow::Result<Result<String, String>> {
    if let Some(code) = forced {
        return Ok(Ok(code.to_string()));
    }
    let publisher = doc.publisher.as_deref().map(str::trim).filter(|p| !p.is_empty());
    if let Some(name) = publisher
        && let Some(a) = agencies::by_name(db, name).await?
    {
        return Ok(Ok(a.code.to_string()));
    }
    let prefix = doc.index_no.as_str().split_once('/').and_then(|(p, _)| AgencyCode::parse(p).ok());
    if let Some(code) = &prefix
        && let Some(a) = agencies::by_code(db, code.as_str()).await?
    {
        return Ok(Ok(a.code.to_string()));
    }
    Ok(Err(format!(
        "no agency is named “{}”{}; create it first (`gongkai agency add`) or use --agency CODE",
        publisher.unwrap_or(""),
        prefix.map(|c| format!(" or has the code {c}")).unwrap_or_default()
    )))
}

fn outcome_word(o: Outcome) -> &'static str {
    match o {
        Outcome::Created => "created",
        Outcome::Updated => "updated (new edition)",
        Outcome::Unchanged => "unchanged",
    }
}

/// Writes prepared issues: finds each page's agency, then imports everything at once
/// ([`import_issues`]), and reports each issue with its 目录 to `out`.
pub async fn import(
    db: &Db,
    who: &Who,
    blobs: &dyn BlobStore,
    prepared: Prepared,
    forced_agency: Option<&str>,
    out: &mut dyn Write,
) -> anyhow::Result<Vec<ImportedIssue>> {
    if let Some(code) = forced_agency
        && agencies::by_code(db, code).await?.is_none()
    {
        bail!("--agency {code}: no agency has this code (see `gongkai agency list`)");
    }
    let mut unknown = Vec::new();
    let mut issues = Vec::new();
    // Per issue, each page's path and notes, for the report.
    let mut reports: Vec<Vec<(String, Vec<String>)>> = Vec::new();
    for (issue, pages) in prepared.issues {
        let mut documents = Vec::new();
        let mut lines = Vec::new();
        for page in pages {
            match agency_for(db, forced_agency, &page.document).await? {
                Ok(code) => {
                    lines.push((page.path, page.notes));
                    documents.push(super::import::legacy_import(page.document, code));
                }
                Err(e) => unknown.push(format!("{}: {e}", page.path)),
            }
        }
        reports.push(lines);
        issues.push(ImportIssue { key: issue.key, published_on: issue.published_on, documents });
    }
    if !unknown.is_empty() {
        return Err(problems(&format!("{} page(s) have no known agency", unknown.len()), &unknown));
    }
    let done = import_issues(db, who, blobs, &issues).await.map_err(store_error)?;
    let (mut created, mut updated, mut unchanged) = (0, 0, 0);
    for ((imported, issue), lines) in done.iter().zip(&issues).zip(reports) {
        writeln!(
            out,
            "✓ {} ({}): {} documents",
            imported.key,
            gongkai_core::tz::format_date(issue.published_on),
            issue.documents.len()
        )?;
        for (n, ((doc, outcome), (path, notes))) in
            issue.documents.iter().zip(&imported.outcomes).zip(lines).enumerate()
        {
            match outcome {
                Outcome::Created => created += 1,
                Outcome::Updated => updated += 1,
                Outcome::Unchanged => unchanged += 1,
            }
            writeln!(out, "  {:>2}. {path}: {} {}", n + 1, doc.index_no, outcome_word(*outcome))?;
            for note in notes {
                writeln!(out, "        {note}")?;
            }
        }
    }
    writeln!(
        out,
        "{} issues imported; documents: {created} created, {updated} updated, {unchanged} unchanged",
        done.len()
    )?;
    out.flush()?;
    Ok(done)
}
