//! The subcommands. Each parses its arguments, calls the library crates and prints; the work
//! itself lives in `gongkai-core` and `gongkai-store`.

pub mod agency;
pub mod calendar;
pub mod demo;
pub mod export;
pub mod gazette;
pub mod generate_cases;
pub mod generate_corpus;
pub mod import;
pub mod lifecycle;
pub mod report;
pub mod search;
pub mod serve;
pub mod user;

use std::io::IsTerminal;

use anyhow::Context;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use gongkai_core::doc::FieldErrors;
use gongkai_store::{Db, StoreError};

use crate::config::{self, Config, Flags, LogFormat};

/// gongkai: government information disclosure platform (政务公开平台).
///
/// Every option can also be set with a GONGKAI_* environment variable or in gongkai.toml;
/// flags win over the environment, which wins over the file.
#[derive(Debug, Parser)]
#[command(name = "gongkai", version, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub flags: Flags,
    #[command(subcommand)]
    pub command: Command,
}

// Parsed once per run: the size of the variants does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the public site, the back office and the API
    Serve(serve::Args),
    /// Create the database or bring its schema up to date, then exit
    Migrate,
    /// Manage agencies (机构)
    #[command(subcommand)]
    Agency(agency::Command),
    /// Manage staff accounts
    #[command(subcommand)]
    User(user::Command),
    /// Import legacy pages or gongkai JSON Lines files (idempotent: keyed by 索引号)
    Import(import::Args),
    /// Import historical issues of the 政府公报 from DIR/manifest.toml and the page-text files it names
    ImportGazette(gazette::Args),
    /// Export every agency and published document as JSON Lines
    Export(export::Args),
    /// Seed a demo city (agencies, staff, documents) into an empty database
    Demo,
    /// Write a synthetic corpus as JSON Lines, for benchmarks
    GenerateCorpus(generate_corpus::Args),
    /// Write synthetic 依申请公开 cases into the database, for benchmarks and trials
    GenerateCases(generate_cases::Args),
    /// Working days (工作日) on the official holiday calendar
    #[command(subcommand)]
    Calendar(calendar::Command),
    /// Annual-report statistics
    #[command(subcommand)]
    Report(report::Command),
    /// Rebuild this node's search index from the database (stop `serve` first)
    Reindex,
    /// Compare the search index with the database; exits 1 on any difference
    SearchCheck,
    /// Policy lifecycle: daily duty, citations, repeal lists
    #[command(subcommand)]
    Lifecycle(lifecycle::Command),
}

impl Cli {
    /// Parses the process's arguments (exiting with clap's message if they are wrong).
    pub fn from_args() -> Cli {
        let matches = Cli::command().get_matches();
        let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
        cli.flags = cli.flags.without_environment(&matches);
        cli
    }
}

/// Runs the command line; the error, if any, is printed by `main`.
pub fn main(cli: Cli) -> anyhow::Result<()> {
    let config = config::load(&cli.flags, &config::process_env())?;
    init_logging(config.log_format);
    if let Some(file) = &config.file {
        tracing::debug!(file = %file.display(), "configuration file read");
    }
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().context("starting the runtime")?;
    runtime.block_on(run(cli.command, config))
}

async fn run(command: Command, config: Config) -> anyhow::Result<()> {
    match command {
        Command::Serve(args) => serve::run(args, &config).await,
        Command::Migrate => {
            let db = connect(&config).await?;
            println!("database ready: {}", config.database_url);
            db.close().await;
            Ok(())
        }
        Command::Agency(cmd) => agency::run(cmd, &config).await,
        Command::User(cmd) => user::run(cmd, &config).await,
        Command::Import(args) => import::run(args, &config).await,
        Command::ImportGazette(args) => gazette::run(args, &config).await,
        Command::Export(args) => export::run(args, &config).await,
        Command::Demo => demo::run(&config).await,
        Command::GenerateCorpus(args) => generate_corpus::run(args),
        Command::GenerateCases(args) => generate_cases::run(args, &config).await,
        Command::Calendar(cmd) => calendar::run(cmd, &config),
        Command::Report(cmd) => report::run(cmd, &config).await,
        Command::Lifecycle(cmd) => lifecycle::run(cmd, &config).await,
        Command::Reindex => search::reindex(&config).await,
        Command::SearchCheck => search::check(&config).await,
    }
}

/// Logs go to stderr (stdout carries reports and exports): readable text on a terminal, JSON
/// for log collectors otherwise.
fn init_logging(format: Option<LogFormat>) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let terminal = std::io::stderr().is_terminal();
    let json = format.map_or(!terminal, |f| f == LogFormat::Json);
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    if json {
        builder.json().init();
    } else {
        builder.with_ansi(terminal).init();
    }
}

/// Connects (running pending migrations). The URL in messages is redacted by `DbUrl`.
pub async fn connect(config: &Config) -> anyhow::Result<Db> {
    let db =
        Db::connect(&config.database_url).await.with_context(|| format!("connecting to {}", config.database_url))?;
    tracing::debug!(database = %config.database_url, "connected");
    Ok(db)
}

/// One line per field, as the user has to fix them one by one.
pub fn field_errors(e: &FieldErrors) -> String {
    e.iter().map(|(field, message)| format!("\n  {field}: {message}")).collect()
}

/// Store errors with their field errors on separate lines.
pub fn store_error(e: StoreError) -> anyhow::Error {
    match e {
        StoreError::Invalid(fields) => anyhow::anyhow!("invalid input:{}", field_errors(&fields)),
        other => other.into(),
    }
}

/// Columns as a terminal shows them: CJK characters take two cells.
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| match c {
            '\u{1100}'..='\u{115F}' | '\u{2E80}'..='\u{A4CF}' | '\u{AC00}'..='\u{D7A3}' | '\u{F900}'..='\u{FAFF}' => 2,
            '\u{FE30}'..='\u{FE4F}' | '\u{FF00}'..='\u{FF60}' | '\u{FFE0}'..='\u{FFE6}' => 2,
            _ => 1,
        })
        .sum()
}

/// A plain table for the terminal (no box drawing, so it also pastes into e-mail).
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|h| display_width(h)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(display_width(cell));
        }
    }
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut out = String::new();
        for (i, (cell, w)) in cells.zip(&widths).enumerate() {
            if i + 1 == widths.len() {
                out.push_str(cell);
            } else {
                out.push_str(cell);
                out.push_str(&" ".repeat(w - display_width(cell) + 2));
            }
        }
        out.trim_end().to_string()
    };
    let mut out = line(&mut headers.iter().copied());
    out.push('\n');
    for row in rows {
        out.push_str(&line(&mut row.iter().map(String::as_str)));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_align_chinese_text() {
        let t = table(
            &["code", "name", "kind"],
            &[
                vec!["001".into(), "温州市人民政府".into(), "government".into()],
                vec!["002".into(), "abc".into(), "department".into()],
            ],
        );
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "code  name            kind");
        assert_eq!(lines[1], "001   温州市人民政府  government");
        assert_eq!(lines[2], "002   abc             department");
    }

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
