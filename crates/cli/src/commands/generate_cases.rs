//! `gongkai generate-cases`: synthetic 依申请公开 cases written into the database, for
//! benchmarks (a million cases across a hundred agencies) and for trying the desk.

use std::time::Instant;

use anyhow::{Context, bail};
use gongkai_store::audit::Who;
use gongkai_store::{agencies, cases};
use time::Date;

use super::calendar::load_calendar;
use super::connect;
use super::generate_corpus::Progress;
use crate::config::Config;
use crate::demo::cases::CaseGenerator;
use crate::demo::seed::DEMO_SEED;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Number of cases
    #[arg(long)]
    pub count: u64,
    /// Spread them over the first N agencies (all when omitted)
    #[arg(long, value_name = "N")]
    pub agencies: Option<usize>,
    /// First day an application may arrive (YYYY-MM-DD; default: 1 January of last year)
    #[arg(long, value_parser = super::calendar::parse_date)]
    pub from: Option<Date>,
    /// Last day of the histories (YYYY-MM-DD; default: today)
    #[arg(long, value_parser = super::calendar::parse_date)]
    pub until: Option<Date>,
    /// The same seed, count and agencies always give the same cases
    #[arg(long, default_value_t = DEMO_SEED)]
    pub seed: u64,
}

/// Cases per transaction: large enough for multi-row statements to pay, small enough that a
/// failure loses little and the progress bar moves.
const BATCH: u64 = 5000;

pub async fn run(args: Args, config: &Config) -> anyhow::Result<()> {
    let cal = load_calendar(&config.data_dir)?;
    let until = args.until.unwrap_or_else(|| gongkai_core::tz::local_date(gongkai_store::now()));
    let from = match args.from {
        Some(d) => d,
        None => Date::from_calendar_date(until.year() - 1, time::Month::January, 1)?,
    };
    if from > until {
        bail!("--from {from} is after --until {until}");
    }
    for d in [from, until] {
        cal.is_working_day(d).with_context(|| format!("{d} is outside the holiday calendar"))?;
    }
    let db = connect(config).await?;
    let mut list = agencies::list(&db).await?;
    list.sort_by_key(|a| a.id);
    if let Some(n) = args.agencies {
        if list.len() < n {
            bail!("--agencies {n}: the database has only {} agencies (add them with `gongkai agency add`)", list.len());
        }
        list.truncate(n);
    }
    if list.is_empty() {
        bail!("the database has no agencies; add some with `gongkai agency add` or run `gongkai demo`");
    }
    let generator = CaseGenerator {
        seed: args.seed,
        cal: &cal,
        from,
        until,
        agencies: list.iter().map(|a| (a.id, a.code.to_string())).collect(),
    };
    let started = Instant::now();
    let mut progress = Progress::new(args.count, "cases");
    let who = Who::system("generate-cases");
    let mut done = 0;
    while done < args.count {
        let end = (done + BATCH).min(args.count);
        let batch: Vec<_> = (done..end).map(|i| generator.case(i)).collect();
        cases::import(&db, &who, &cal, &batch).await.map_err(super::store_error).context("writing cases")?;
        done = end;
        progress.update(done);
    }
    progress.finish();
    cases::after_bulk_import(&db).await.map_err(super::store_error).context("updating planner statistics")?;
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "wrote {} cases across {} agencies ({from} to {until}) in {secs:.1} s ({:.0} cases/s)",
        args.count,
        list.len(),
        args.count as f64 / secs.max(1e-9)
    );
    db.close().await;
    Ok(())
}
