//! `gongkai lifecycle …`: the policy lifecycle from the command line. `run` performs the daily
//! duty (expiry, coming into force, reminders) as of a date; `citations` extracts the
//! citations of every published document again; `repeal` marks the documents of a 清理结果 list
//! as repealed (or amended) by a published notice.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context, bail};
use gongkai_core::doc::PolicyRef;
use gongkai_store::audit::Who;
use gongkai_store::lifecycle::{self, ChangeKind, ValidityAct};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use time::Date;

use super::{connect, store_error};
use crate::config::Config;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Run the daily duty: expire documents past their 有效期至, bring 尚未生效 ones into force,
    /// record reminders (expiry within 6 months, overdue interpretations)
    Run {
        /// Run as of this date (YYYY-MM-DD) instead of today in China
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<Date>,
    },
    /// Extract the citations of every published document again (after an import or upgrade)
    Citations,
    /// Repeal (or amend) every document of a list by a published document, all or nothing
    Repeal {
        /// The repealing document: its 索引号 or 文号
        #[arg(long, value_name = "REF")]
        by: String,
        /// A file with one 文号 or 索引号 per line (the 清理结果 list); `#` starts a comment
        #[arg(long, value_name = "FILE")]
        list: PathBuf,
        /// The first day the documents are no longer in force (YYYY-MM-DD)
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        since: Date,
        /// Mark them amended (已修改) instead of repealed (废止)
        #[arg(long)]
        amend: bool,
        /// Added to the reason shown on each page
        #[arg(long)]
        note: Option<String>,
    },
}

fn parse_date(s: &str) -> Result<Date, String> {
    gongkai_core::import::dates::parse_date(s).map_err(|_| format!("`{s}` is not a date (YYYY-MM-DD)"))
}

pub async fn run(cmd: Command, config: &Config) -> anyhow::Result<()> {
    match cmd {
        Command::Run { as_of } => {
            let cal = super::calendar::load_calendar(&config.data_dir)?;
            let today = as_of.unwrap_or_else(|| gongkai_core::tz::local_date(gongkai_store::now()));
            let db = connect(config).await?;
            let report = lifecycle::daily(&db, &cal, today, config.interpretation_within).await.map_err(store_error)?;
            let mails = report.mails;
            db.close().await;
            println!(
                "as of {}: {} expired, {} came into force, {} new reminders ({mails} mails queued), {} failed",
                gongkai_core::tz::format_date(today),
                report.expired.len(),
                report.came_into_force.len(),
                report.reminders.len(),
                report.failed.len()
            );
            for r in &report.reminders {
                println!("  {}", r.message);
            }
            Ok(())
        }
        Command::Citations => {
            let db = connect(config).await?;
            let bar = if std::io::stderr().is_terminal() {
                let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
                bar.set_style(
                    ProgressStyle::with_template("{elapsed_precise} [{wide_bar}] {pos}/{len} documents")
                        .expect("valid template")
                        .progress_chars("=> "),
                );
                Some(bar)
            } else {
                None
            };
            let written = lifecycle::backfill_citations(&db, 500, |done, total| match &bar {
                Some(b) => {
                    b.set_length(total);
                    b.set_position(done);
                }
                None => tracing::info!(done, total, "extracting citations"),
            })
            .await
            .map_err(store_error)?;
            if let Some(b) = bar {
                b.finish_and_clear();
            }
            db.close().await;
            println!("{written} citations extracted");
            Ok(())
        }
        Command::Repeal { by, list, since, amend, note } => {
            let text = std::fs::read_to_string(&list).with_context(|| format!("reading {}", list.display()))?;
            let mut targets = Vec::new();
            let mut bad = Vec::new();
            for (n, line) in text.lines().enumerate() {
                let line = line.split('#').next().unwrap_or("").trim();
                if line.is_empty() {
                    continue;
                }
                match PolicyRef::parse(line) {
                    Ok(r) => targets.push(r),
                    Err(m) => bad.push(format!("{}:{}: {m}", list.display(), n + 1)),
                }
            }
            if !bad.is_empty() {
                bail!("nothing was changed:\n  {}", bad.join("\n  "));
            }
            let by_ref = PolicyRef::parse(&by).map_err(|m| anyhow::anyhow!("--by: {m}"))?;
            let db = connect(config).await?;
            let by_id = lifecycle::find_published(&db, &by_ref).await.map_err(store_error)?;
            let act = ValidityAct {
                kind: if amend { ChangeKind::Amend } else { ChangeKind::Repeal },
                by_document: by_id,
                targets: &targets,
                since,
                note: note.as_deref(),
                today: gongkai_core::tz::local_date(gongkai_store::now()),
            };
            let changed = lifecycle::change_validity(&db, &Who::system("cli"), None, &act)
                .await
                .map_err(|e| store_error(e).context("nothing was changed"))?;
            db.close().await;
            let mut out = std::io::stdout().lock();
            writeln!(out, "{} documents marked {}", changed.len(), if amend { "已修改" } else { "废止" })?;
            Ok(())
        }
    }
}
