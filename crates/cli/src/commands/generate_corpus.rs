//! `gongkai generate-corpus`: a synthetic catalogue in the import format, for benchmarks.
//!
//! Streams: each document is generated from `(seed, index)`, written and dropped, so a million
//! documents need no more memory than one; only the per-(agency, year) serial counters are kept.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use gongkai_core::import::records::Record;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::demo::corpus;
use crate::demo::seed::{self, DEMO_SEED, Numbering};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Number of documents
    #[arg(long)]
    pub count: u64,
    /// Corpus seed: the same seed and count always give the same file
    #[arg(long, default_value_t = DEMO_SEED)]
    pub seed: u64,
    /// Smallest document body, in bytes (with --max-bytes)
    #[arg(long, value_name = "BYTES", requires = "max_bytes")]
    pub min_bytes: Option<usize>,
    /// Largest document body, in bytes (with --min-bytes)
    #[arg(long, value_name = "BYTES", requires = "min_bytes")]
    pub max_bytes: Option<usize>,
    /// Write here instead of standard output
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let sizes = match (args.min_bytes, args.max_bytes) {
        (Some(min), Some(max)) if min > max => bail!("--min-bytes {min} is larger than --max-bytes {max}"),
        (Some(min), Some(max)) => Some((min, max)),
        _ => None,
    };
    let started = Instant::now();
    let mut progress = Progress::new(args.count, "documents");
    let bytes = match &args.output {
        None => {
            let mut out = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
            write_corpus(&mut out, args.seed, args.count, sizes, &mut progress)?
        }
        Some(path) => write_file(path, &args, sizes, &mut progress)?,
    };
    progress.finish();
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "wrote {} agencies and {} documents ({:.1} MB){} in {secs:.1} s ({:.0} documents/s)",
        corpus::agencies().len(),
        args.count,
        bytes as f64 / 1e6,
        args.output.as_ref().map(|p| format!(" to {}", p.display())).unwrap_or_default(),
        args.count as f64 / secs.max(1e-9)
    );
    Ok(())
}

fn write_file(path: &Path, args: &Args, sizes: Option<(usize, usize)>, progress: &mut Progress) -> anyhow::Result<u64> {
    let name = path.file_name().with_context(|| format!("{} is not a file name", path.display()))?;
    let partial = path.with_file_name(format!(".{}.partial", name.to_string_lossy()));
    let file = std::fs::File::create(&partial).with_context(|| format!("creating {}", partial.display()))?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
    let result = write_corpus(&mut out, args.seed, args.count, sizes, progress).and_then(|bytes| {
        out.into_inner().context("writing the corpus")?;
        std::fs::rename(&partial, path).with_context(|| format!("renaming to {}", path.display()))?;
        Ok(bytes)
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

/// Writes the agency records, then `count` document records; returns the bytes written.
pub fn write_corpus(
    out: &mut dyn Write,
    seed: u64,
    count: u64,
    sizes: Option<(usize, usize)>,
    progress: &mut Progress,
) -> anyhow::Result<u64> {
    let mut counter = Counter { out, bytes: 0 };
    for a in seed::ordered_agencies() {
        write_record(&mut counter, &Record::Agency(seed::agency_input(a)))?;
    }
    let mut numbering = Numbering::default();
    let documents: Box<dyn Iterator<Item = corpus::DemoDocument>> = match sizes {
        None => Box::new(corpus::documents(seed, count)),
        Some((min, max)) => Box::new((0..count).map(move |i| corpus::document_sized(seed, i, min, max))),
    };
    for (i, d) in documents.enumerate() {
        let index_no = numbering.next(&d)?;
        // Cheap next to generating the text, and a corpus that does not import is worthless.
        seed::edition_fields(&d).with_context(|| format!("document {i} ({index_no})"))?;
        write_record(&mut counter, &Record::Document(seed::document_record(&d, &index_no)))?;
        if i % 1024 == 0 {
            progress.update(i as u64);
        }
    }
    counter.out.flush().context("writing the corpus")?;
    Ok(counter.bytes)
}

struct Counter<'a> {
    out: &'a mut dyn Write,
    bytes: u64,
}

impl Write for Counter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.out.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

fn write_record(out: &mut Counter<'_>, record: &Record) -> anyhow::Result<()> {
    serde_json::to_writer(&mut *out, record).context("writing the corpus")?;
    out.write_all(b"\n").context("writing the corpus")
}

/// A bar on a terminal, a log line every ten seconds elsewhere.
pub enum Progress {
    Bar(ProgressBar),
    Log { total: u64, last: Instant, unit: &'static str },
    Hidden,
}

impl Progress {
    /// Counts `total` things called `unit` ("documents", "cases").
    pub fn new(total: u64, unit: &'static str) -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress::Log { total, last: Instant::now(), unit };
        }
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(&format!(
                "{{elapsed_precise}} [{{wide_bar}}] {{human_pos}}/{{human_len}} {unit} ({{per_sec}})"
            ))
            .expect("valid template")
            .progress_chars("=> "),
        );
        Progress::Bar(bar)
    }

    pub fn update(&mut self, done: u64) {
        match self {
            Progress::Bar(bar) => bar.set_position(done),
            Progress::Log { total, last, unit } => {
                if last.elapsed() >= Duration::from_secs(10) {
                    *last = Instant::now();
                    tracing::info!(done, total = *total, unit = *unit, "generating");
                }
            }
            Progress::Hidden => {}
        }
    }

    pub fn finish(&self) {
        if let Progress::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}
