//! `gongkai export`: the whole catalogue as JSON Lines (the format `gongkai import` reads).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use gongkai_core::import::records::Record;
use gongkai_store::blobs::{BlobStore, FsBlobStore};
use gongkai_store::{Db, StoreError};

use super::connect;
use crate::config::Config;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// One JSON object per line: agencies, then documents with every edition and attachment
    Jsonl,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: Format,
    /// Write here instead of standard output
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// What was written.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub agencies: u64,
    pub documents: u64,
}

/// Writes every record as one line of JSON.
pub async fn export_jsonl(db: &Db, blobs: &dyn BlobStore, out: &mut dyn Write) -> anyhow::Result<Counts> {
    let mut counts = Counts::default();
    let io = |e: std::io::Error| StoreError::Io("writing the export".into(), e);
    gongkai_store::export::export(db, blobs, |record| {
        match &record {
            Record::Agency(_) => counts.agencies += 1,
            Record::Document(_) => counts.documents += 1,
        }
        serde_json::to_writer(&mut *out, &record).map_err(|e| io(e.into()))?;
        out.write_all(b"\n").map_err(io)
    })
    .await?;
    out.flush().context("writing the export")?;
    Ok(counts)
}

pub async fn run(args: Args, config: &Config) -> anyhow::Result<()> {
    let Format::Jsonl = args.format;
    let db = connect(config).await?;
    let blobs = FsBlobStore::new(&config.data_dir);
    let started = Instant::now();
    let counts = match &args.output {
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            export_jsonl(&db, &blobs, &mut out).await?
        }
        Some(path) => export_to_file(&db, &blobs, path).await?,
    };
    db.close().await;
    eprintln!(
        "exported {} agencies and {} documents{} in {:.1} s",
        counts.agencies,
        counts.documents,
        args.output.as_ref().map(|p| format!(" to {}", p.display())).unwrap_or_default(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Writes next to `path` and renames at the end, so an interrupted export never leaves a
/// truncated file that looks complete.
async fn export_to_file(db: &Db, blobs: &dyn BlobStore, path: &Path) -> anyhow::Result<Counts> {
    let name = path.file_name().with_context(|| format!("{} is not a file name", path.display()))?;
    let partial = path.with_file_name(format!(".{}.partial", name.to_string_lossy()));
    let file = std::fs::File::create(&partial).with_context(|| format!("creating {}", partial.display()))?;
    let mut out = std::io::BufWriter::new(file);
    let result = export_jsonl(db, blobs, &mut out).await;
    let result = result.and_then(|counts| {
        let file = out.into_inner().context("writing the export")?;
        file.sync_all().context("writing the export")?;
        std::fs::rename(&partial, path).with_context(|| format!("renaming to {}", path.display()))?;
        Ok(counts)
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}
