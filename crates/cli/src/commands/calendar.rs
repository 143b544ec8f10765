//! `gongkai calendar`: working days (工作日) on the official holiday calendar, as the deadline
//! engine counts them: the compiled-in State Council notices plus any the operator has put into
//! `{data_dir}/calendar/`.

use std::path::{Path, PathBuf};

use anyhow::Context;
use gongkai_core::calendar::{WorkCalendar, weekday_zh};
use gongkai_core::tz::{format_date, parse_iso_date};
use time::Date;

use super::table;
use crate::config::Config;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// The N-th working day after DATE (DATE itself is not counted), e.g. the Art. 33 reply
    /// deadline: add-working-days RECEIVED 20
    AddWorkingDays {
        /// Start date, YYYY-MM-DD (e.g. the day the application was received)
        #[arg(value_parser = parse_date)]
        date: Date,
        /// Number of working days (0 or more)
        #[arg(value_parser = parse_count, allow_negative_numbers = true)]
        n: u32,
    },
    /// Working days after FROM, up to and including TO
    Between {
        /// YYYY-MM-DD, not counted
        #[arg(value_parser = parse_date)]
        from: Date,
        /// YYYY-MM-DD, counted if it is a working day
        #[arg(value_parser = parse_date)]
        to: Date,
    },
    /// Whether DATE is a working day, and why
    Info {
        /// YYYY-MM-DD
        #[arg(value_parser = parse_date)]
        date: Date,
    },
    /// The years covered, with the notice (国办发明电) each comes from
    Years,
}

pub(crate) fn parse_date(s: &str) -> Result<Date, String> {
    parse_iso_date(s).ok_or_else(|| format!("“{s}”不是有效的日期：应为 YYYY-MM-DD，如 2024-02-01"))
}

fn parse_count(s: &str) -> Result<u32, String> {
    match s.trim().parse::<i64>() {
        Ok(n) if n < 0 => Err(format!("工作日数不能为负数（{n}）")),
        Ok(n) => u32::try_from(n).map_err(|_| format!("工作日数 {n} 过大")),
        Err(_) => Err(format!("“{s}”不是工作日数：应为 0 或正整数")),
    }
}

pub fn run(cmd: Command, config: &Config) -> anyhow::Result<()> {
    let calendar = load_calendar(&config.data_dir)?;
    match cmd {
        Command::AddWorkingDays { date, n } => {
            let end = calendar.add_working_days(date, n)?;
            println!("{}", format_date(end));
            if n == 0 {
                println!("0 个工作日：结果即起算日本身");
                return Ok(());
            }
            println!(
                "{} 之后第 {n} 个工作日是 {} {}（起算日当天不计入，自次日起算，民法典第二百零一条）",
                format_date(date),
                format_date(end),
                weekday_zh(end.weekday())
            );
            println!("{}", calendar.explain_between(date, end)?);
        }
        Command::Between { from, to } => {
            let n = calendar.working_days_between(from, to)?;
            println!("{n}");
            if to > from {
                println!(
                    "{} 之后至 {}（含）共 {n} 个工作日（{} 当天不计入，民法典第二百零一条）",
                    format_date(from),
                    format_date(to),
                    format_date(from)
                );
                println!("{}", calendar.explain_between(from, to)?);
            }
        }
        Command::Info { date } => println!("{}", calendar.day_info(date)?.describe()),
        Command::Years => {
            let rows: Vec<Vec<String>> = calendar
                .notices()
                .map(|n| vec![n.year.to_string(), n.notice.clone(), n.amended_by.join("、"), n.source_name.clone()])
                .collect();
            print!("{}", table(&["年份", "通知", "调整通知", "来源"], &rows));
        }
    }
    Ok(())
}

/// The official calendar plus the operator's files `{data_dir}/calendar/*.toml`, in file-name
/// order (each one or more `[[year]]` tables in the layout of `data/holidays-cn.toml`). No
/// directory means the official data alone; a file that is refused stops everything, so a
/// deadline is never computed on a calendar the operator did not intend.
pub fn load_calendar(data_dir: &Path) -> anyhow::Result<WorkCalendar> {
    let dir = data_dir.join("calendar");
    let mut calendar = WorkCalendar::official();
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(calendar),
        Err(e) => return Err(e).with_context(|| format!("reading the holiday calendar directory {}", dir.display())),
    };
    let mut files: Vec<PathBuf> = Vec::new();
    for entry in entries {
        let path = entry.with_context(|| format!("reading {}", dir.display()))?.path();
        if path.extension().is_some_and(|e| e == "toml") && path.is_file() {
            files.push(path);
        } else {
            tracing::warn!(file = %path.display(), "not a .toml file: ignored by the holiday calendar");
        }
    }
    files.sort();
    for path in files {
        let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        calendar = calendar.with_extra(&path.display().to_string(), &text)?;
        tracing::debug!(file = %path.display(), "holiday calendar file loaded");
    }
    Ok(calendar)
}
