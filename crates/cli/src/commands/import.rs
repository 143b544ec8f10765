//! `gongkai import`: legacy page dumps and gongkai JSON Lines files.
//!
//! Documents are written in batches, one transaction each, so an interrupted import keeps
//! every batch it reported and a re-run (keyed by 索引号) only fills in the rest. A batch that
//! fails is retried document by document, so the report names the bad one and the good ones
//! still land.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, anyhow, bail};
use gongkai_core::doc::workflow::EditionStatus;
use gongkai_core::import::legacy::{self, LegacyDocument};
use gongkai_core::import::page_text::read_page;
use gongkai_core::import::records::Record;
use gongkai_core::org::{AgencyCode, AgencyFields, AgencyInput};
use gongkai_store::audit::Who;
use gongkai_store::blobs::{BlobStore, FsBlobStore};
use gongkai_store::export::{ImportDocument, ImportEdition, Outcome, import_agency, import_documents};
use gongkai_store::{Db, StoreError, agencies};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{connect, field_errors};
use crate::config::Config;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, or directories (read recursively, in name order). A file whose first line starts
    /// with `{` is JSON Lines; anything else is read as a legacy page dump.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Publish legacy pages under this agency (its code) instead of matching their 发布机构
    #[arg(long, value_name = "CODE")]
    pub agency: Option<String>,
    /// Documents written per transaction
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub batch: u32,
}

pub async fn run(args: Args, config: &Config) -> anyhow::Result<()> {
    let files = collect_files(&args.paths)?;
    let db = connect(config).await?;
    let blobs = FsBlobStore::new(&config.data_dir);
    let forced_agency = match &args.agency {
        Some(code) => Some(
            agencies::by_code(&db, code)
                .await?
                .ok_or_else(|| anyhow!("--agency {code}: no agency has this code (see `gongkai agency list`)"))?
                .code
                .to_string(),
        ),
        None => None,
    };
    let total_bytes = files.iter().map(|f| f.1).sum();
    let stdout = std::io::stdout().lock();
    let mut importer = Importer::new(&db, &blobs, stdout, args.batch as usize)
        .with_agency(forced_agency)
        .with_progress(Progress::new(total_bytes, std::io::stderr().is_terminal()));
    for (path, _) in &files {
        importer.import_file(path).await?;
    }
    let totals = importer.finish().await?;
    db.close().await;
    if totals.failed > 0 {
        bail!("{} of {} documents could not be imported (see the ✗ lines)", totals.failed, totals.documents());
    }
    Ok(())
}

/// Every file named or found under a named directory, with its size. A missing path is an
/// error before anything is imported: it is almost always a typo.
pub fn collect_files(paths: &[PathBuf]) -> anyhow::Result<Vec<(PathBuf, u64)>> {
    let mut files = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).with_context(|| format!("reading {}", path.display()))?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found)?;
            found.sort();
            files.extend(found);
        } else {
            files.push((path.clone(), meta.len()));
        }
    }
    Ok(files)
}

/// Hidden files (`.DS_Store`, editor backups, `.git`) are skipped: they are never content.
fn walk(dir: &Path, out: &mut Vec<(PathBuf, u64)>) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading directory {}", dir.display()))? {
        let entry = entry.with_context(|| format!("reading directory {}", dir.display()))?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let meta = std::fs::metadata(&path).with_context(|| format!("reading {}", path.display()))?;
        if meta.is_dir() {
            walk(&path, out)?;
        } else if meta.is_file() {
            out.push((path, meta.len()));
        }
    }
    Ok(())
}

/// What an import did, in documents (agencies are counted apart).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub failed: u64,
    pub agencies_created: u64,
}

impl Totals {
    pub fn documents(&self) -> u64 {
        self.created + self.updated + self.unchanged + self.failed
    }

    fn add(&mut self, outcome: Result<Outcome, ()>) {
        match outcome {
            Ok(Outcome::Created) => self.created += 1,
            Ok(Outcome::Updated) => self.updated += 1,
            Ok(Outcome::Unchanged) => self.unchanged += 1,
            Err(()) => self.failed += 1,
        }
    }
}

/// Where a pending document came from, to report its outcome in file order.
enum Source {
    /// A legacy page: one document, reported on its own line with its notes.
    Page { path: String, notes: Vec<String> },
    /// A line of the JSON Lines file being read.
    Line { path: String, line: u64 },
    /// A page that failed before it got to the database, queued so the report keeps file order.
    Failed(String),
}

/// Progress on a terminal as a bar, elsewhere as a log line now and then.
pub enum Progress {
    Bar(ProgressBar),
    Log { total: u64, last: Instant },
    Hidden,
}

impl Progress {
    pub fn new(total_bytes: u64, terminal: bool) -> Progress {
        if !terminal {
            return Progress::Log { total: total_bytes, last: Instant::now() };
        }
        let bar = ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{elapsed_precise} [{wide_bar}] {bytes}/{total_bytes} {msg}")
                .expect("valid template")
                .progress_chars("=> "),
        );
        Progress::Bar(bar)
    }

    fn update(&mut self, bytes: u64, totals: &Totals) {
        match self {
            Progress::Bar(bar) => {
                bar.set_position(bytes);
                bar.set_message(format!("{} documents", totals.documents()));
            }
            Progress::Log { total, last } => {
                if last.elapsed() >= Duration::from_secs(10) {
                    *last = Instant::now();
                    let percent = (bytes * 100).checked_div(*total).unwrap_or(100);
                    tracing::info!(documents = totals.documents(), failed = totals.failed, percent, "importing");
                }
            }
            Progress::Hidden => {}
        }
    }
}

/// The import engine, writing its report to `out`. Also used by tests and `gongkai demo`.
pub struct Importer<'a, W: Write> {
    db: &'a Db,
    blobs: &'a dyn BlobStore,
    who: Who,
    out: W,
    batch_size: usize,
    forced_agency: Option<String>,
    /// (发布机构, 索引号 prefix) → agency code, so a directory of pages costs one lookup per
    /// publisher rather than one per page.
    agency_cache: HashMap<(Option<String>, Option<String>), String>,
    docs: Vec<ImportDocument>,
    sources: Vec<Source>,
    totals: Totals,
    file_totals: Totals,
    bytes_done: u64,
    progress: Progress,
    started: Instant,
}

impl<'a, W: Write> Importer<'a, W> {
    pub fn new(db: &'a Db, blobs: &'a dyn BlobStore, out: W, batch_size: usize) -> Self {
        Importer {
            db,
            blobs,
            who: Who::system("cli"),
            out,
            batch_size: batch_size.max(1),
            forced_agency: None,
            agency_cache: HashMap::new(),
            docs: Vec::new(),
            sources: Vec::new(),
            totals: Totals::default(),
            file_totals: Totals::default(),
            bytes_done: 0,
            progress: Progress::Hidden,
            started: Instant::now(),
        }
    }

    /// Every legacy page goes to this agency (a code known to exist).
    pub fn with_agency(mut self, code: Option<String>) -> Self {
        self.forced_agency = code;
        self
    }

    pub fn with_progress(mut self, progress: Progress) -> Self {
        self.progress = progress;
        self
    }

    pub fn totals(&self) -> Totals {
        self.totals
    }

    /// Report lines go to stdout, under the progress bar if there is one.
    fn say(&mut self, line: &str) -> anyhow::Result<()> {
        let out = &mut self.out;
        let mut write = || writeln!(out, "{line}");
        match &self.progress {
            Progress::Bar(bar) => bar.suspend(write),
            _ => write(),
        }
        .context("writing the report")
    }

    pub async fn import_file(&mut self, path: &Path) -> anyhow::Result<()> {
        let shown = path.display().to_string();
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) => return self.page_failed(&shown, format!("cannot open: {e}")).await,
        };
        let mut reader = BufReader::with_capacity(1 << 20, file);
        let json_lines = match reader.fill_buf() {
            Ok(head) => {
                let head = head.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(head);
                head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
            }
            Err(e) => return self.page_failed(&shown, format!("cannot read: {e}")).await,
        };
        if json_lines {
            self.import_json_lines(&shown, reader).await
        } else {
            let mut bytes = Vec::new();
            if let Err(e) = reader.read_to_end(&mut bytes) {
                return self.page_failed(&shown, format!("cannot read: {e}")).await;
            }
            self.bytes_done += bytes.len() as u64;
            match String::from_utf8(bytes) {
                Ok(text) => self.import_page(&shown, &text).await,
                Err(_) => {
                    self.page_failed(&shown, "not UTF-8 text (convert it first, e.g. iconv -f GBK -t UTF-8)".into())
                        .await
                }
            }
        }
    }

    async fn page_failed(&mut self, path: &str, reason: String) -> anyhow::Result<()> {
        self.totals.failed += 1;
        let line = format!("✗ {path}: {reason}");
        if self.sources.is_empty() {
            return self.say(&line);
        }
        self.sources.push(Source::Failed(line));
        Ok(())
    }

    /// Imports one legacy page dump; `path` only names it in the report.
    pub async fn import_page(&mut self, path: &str, text: &str) -> anyhow::Result<()> {
        let (page, warnings) = match read_page(text) {
            Ok(read) => read,
            Err(e) => return self.page_failed(path, e.to_string()).await,
        };
        let doc = match legacy::to_document(&page) {
            Ok(doc) => doc,
            Err(e) => return self.page_failed(path, e).await,
        };
        let mut notes: Vec<String> = warnings.iter().map(|w| format!("line {}: {}", w.line, w.message)).collect();
        notes.extend(doc.notes.iter().cloned());
        let agency = match self.agency_for(&doc, &mut notes).await {
            Ok(code) => code,
            Err(e) => return self.page_failed(path, e).await,
        };
        self.docs.push(legacy_import(doc, agency));
        self.sources.push(Source::Page { path: path.into(), notes });
        if self.docs.len() >= self.batch_size {
            self.flush().await?;
        }
        Ok(())
    }

    /// The agency of a legacy page: `--agency`, else the one named by its 发布机构, else the one
    /// whose code starts its 索引号, else a new department with that code and name.
    async fn agency_for(&mut self, doc: &LegacyDocument, notes: &mut Vec<String>) -> Result<String, String> {
        if let Some(code) = &self.forced_agency {
            return Ok(code.clone());
        }
        let publisher = doc.publisher.as_deref().map(str::trim).filter(|p| !p.is_empty()).map(str::to_string);
        let prefix = doc.index_no.as_str().split_once('/').map(|(p, _)| p.to_string());
        let key = (publisher.clone(), prefix.clone());
        if let Some(code) = self.agency_cache.get(&key) {
            return Ok(code.clone());
        }
        let db_error = |e: StoreError| format!("looking up the agency: {e}");
        if let Some(name) = &publisher
            && let Some(a) = agencies::by_name(self.db, name).await.map_err(db_error)?
        {
            self.agency_cache.insert(key, a.code.to_string());
            return Ok(a.code.to_string());
        }
        let code = prefix.as_deref().and_then(|p| AgencyCode::parse(p).ok()).ok_or_else(|| {
            format!(
                "no agency is named “{}” and the 索引号 {} does not start with an agency code; use --agency CODE",
                publisher.as_deref().unwrap_or(""),
                doc.index_no
            )
        })?;
        if let Some(a) = agencies::by_code(self.db, code.as_str()).await.map_err(db_error)? {
            self.agency_cache.insert(key, a.code.to_string());
            return Ok(a.code.to_string());
        }
        let Some(name) = publisher else {
            return Err(format!("the page names no 发布机构 and no agency has the code {code}; use --agency CODE"));
        };
        let input = AgencyInput {
            code: code.to_string(),
            slug: super::agency::default_slug(code.as_str()),
            name: name.clone(),
            kind: "department".into(),
            ..AgencyInput::default()
        };
        let fields =
            AgencyFields::parse(&input).map_err(|e| format!("cannot create agency {code}:{}", field_errors(&e)))?;
        let agency = agencies::create(self.db, &self.who, &fields)
            .await
            .map_err(|e| format!("cannot create agency {code} {name}: {e}"))?;
        self.totals.agencies_created += 1;
        notes.push(format!(
            "created agency {} {} (department, /xxgk/{}/): complete its details in the back office",
            agency.code, agency.name, agency.slug
        ));
        self.agency_cache.insert(key, agency.code.to_string());
        Ok(agency.code.to_string())
    }

    /// Imports a JSON Lines file, reporting one line for the file and one per bad line.
    pub async fn import_json_lines(&mut self, path: &str, mut reader: impl BufRead) -> anyhow::Result<()> {
        self.flush().await?;
        self.file_totals = Totals::default();
        let mut agencies_existing = 0u64;
        let mut line_no = 0u64;
        let mut buf = Vec::new();
        loop {
            buf.clear();
            let n = reader.read_until(b'\n', &mut buf).with_context(|| format!("reading {path}"))?;
            if n == 0 {
                break;
            }
            line_no += 1;
            self.bytes_done += n as u64;
            let bytes = if line_no == 1 { buf.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(&buf) } else { &buf };
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let record = match serde_json::from_slice::<Record>(bytes) {
                Ok(r) => r,
                Err(e) => {
                    let reason = match std::str::from_utf8(bytes) {
                        Ok(_) => e.to_string(),
                        Err(_) => "not UTF-8 text".into(),
                    };
                    self.line_failed(path, line_no, &reason)?;
                    continue;
                }
            };
            match record {
                Record::Agency(input) => match import_agency(self.db, &self.who, &input).await {
                    Ok((_, Outcome::Created)) => {
                        self.totals.agencies_created += 1;
                        self.file_totals.agencies_created += 1;
                    }
                    Ok(_) => agencies_existing += 1,
                    Err(StoreError::Invalid(e)) => {
                        self.line_failed(path, line_no, &format!("agency {}:{}", input.code, field_errors(&e)))?
                    }
                    Err(e) => self.line_failed(path, line_no, &format!("agency {}: {e}", input.code))?,
                },
                Record::Document(r) => match ImportDocument::from_record(&r) {
                    Ok(doc) => {
                        self.docs.push(doc);
                        self.sources.push(Source::Line { path: path.into(), line: line_no });
                        if self.docs.len() >= self.batch_size {
                            self.flush().await?;
                        }
                    }
                    Err(e) => self.line_failed(path, line_no, &format!("{}: {e}", r.index_no))?,
                },
            }
        }
        self.flush().await?;
        let t = self.file_totals;
        let mut summary = format!(
            "{} {path}: {} documents: {} created, {} updated, {} unchanged, {} failed",
            if t.failed == 0 { '✓' } else { '✗' },
            t.documents(),
            t.created,
            t.updated,
            t.unchanged,
            t.failed
        );
        if t.agencies_created + agencies_existing > 0 {
            summary.push_str(&format!(
                "; agencies: {} created, {} already present",
                t.agencies_created, agencies_existing
            ));
        }
        self.say(&summary)?;
        self.progress.update(self.bytes_done, &self.totals);
        Ok(())
    }

    fn line_failed(&mut self, path: &str, line: u64, reason: &str) -> anyhow::Result<()> {
        self.totals.failed += 1;
        self.file_totals.failed += 1;
        self.say(&format!("✗ {path}:{line}: {reason}"))
    }

    /// Writes the pending documents: the whole batch in one transaction, or, if that fails,
    /// one by one.
    pub async fn flush(&mut self) -> anyhow::Result<()> {
        if self.sources.is_empty() {
            return Ok(());
        }
        let docs = std::mem::take(&mut self.docs);
        let sources = std::mem::take(&mut self.sources);
        let reason = |e: StoreError| match e {
            StoreError::Invalid(e) => field_errors(&e).trim_start().to_string(),
            e => e.to_string(),
        };
        let outcomes: Vec<Result<Outcome, String>> = if docs.is_empty() {
            Vec::new()
        } else {
            match import_documents(self.db, &self.who, self.blobs, &docs).await {
                Ok(outcomes) => outcomes.into_iter().map(Ok).collect(),
                Err(e) if docs.len() == 1 => vec![Err(reason(e))],
                Err(e) => {
                    tracing::debug!(error = %e, documents = docs.len(), "batch failed; retrying one by one");
                    let mut outcomes = Vec::with_capacity(docs.len());
                    for doc in &docs {
                        let one = import_documents(self.db, &self.who, self.blobs, std::slice::from_ref(doc)).await;
                        outcomes.push(one.map(|o| o[0]).map_err(reason));
                    }
                    outcomes
                }
            }
        };
        let mut outcomes = docs.iter().zip(outcomes);
        for source in sources {
            if let Source::Failed(line) = source {
                self.say(&line)?;
                continue;
            }
            let (doc, outcome) = outcomes.next().expect("one outcome per document");
            let counted = outcome.as_ref().map(|o| *o).map_err(|_| ());
            self.totals.add(counted);
            if matches!(source, Source::Line { .. }) {
                self.file_totals.add(counted);
            }
            match (source, outcome) {
                (Source::Page { path, notes }, Ok(o)) => {
                    self.say(&format!("✓ {path}: {} {}", doc.index_no, outcome_word(o)))?;
                    for note in notes {
                        self.say(&format!("    {note}"))?;
                    }
                }
                (Source::Page { path, .. }, Err(e)) => self.say(&format!("✗ {path}: {}: {e}", doc.index_no))?,
                (Source::Line { path, line }, Err(e)) => {
                    self.say(&format!("✗ {path}:{line}: {}: {e}", doc.index_no))?
                }
                (Source::Line { .. }, Ok(_)) | (Source::Failed(_), _) => {}
            }
        }
        self.progress.update(self.bytes_done, &self.totals);
        Ok(())
    }

    /// Writes what is pending and the summary line; returns the totals.
    pub async fn finish(mut self) -> anyhow::Result<Totals> {
        self.flush().await?;
        if let Progress::Bar(bar) = &self.progress {
            bar.finish_and_clear();
        }
        let t = self.totals;
        let elapsed = self.started.elapsed().as_secs_f64();
        let rate = if elapsed > 0.0 { t.documents() as f64 / elapsed } else { 0.0 };
        let mut summary = format!(
            "{} documents: {} created, {} updated, {} unchanged, {} failed in {elapsed:.1} s ({rate:.0} documents/s)",
            t.documents(),
            t.created,
            t.updated,
            t.unchanged,
            t.failed
        );
        if t.agencies_created > 0 {
            summary.push_str(&format!("; {} agencies created", t.agencies_created));
        }
        self.say(&summary)?;
        self.out.flush().context("writing the report")?;
        Ok(t)
    }
}

fn outcome_word(o: Outcome) -> &'static str {
    match o {
        Outcome::Created => "created",
        Outcome::Updated => "updated",
        Outcome::Unchanged => "unchanged",
    }
}

/// A legacy page as a document with one published edition, published when the page says.
pub fn legacy_import(doc: LegacyDocument, agency_code: String) -> ImportDocument {
    ImportDocument {
        index_no: doc.index_no,
        agency_code,
        first_published_at: doc.published_at,
        withdrawn_at: None,
        withdrawn_reason: None,
        view_count: 0,
        editions: vec![ImportEdition {
            edition_no: 1,
            status: EditionStatus::Published,
            published_at: Some(doc.published_at),
            privacy_override: None,
            fields: doc.fields,
            attachments: vec![],
        }],
    }
}
