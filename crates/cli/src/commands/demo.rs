//! `gongkai demo` (and `gongkai serve --demo`): the demo city, seeded once.

use std::time::Instant;

use anyhow::Context;
use gongkai_store::Db;
use gongkai_store::agencies;
use gongkai_store::blobs::FsBlobStore;

use super::{connect, table};
use crate::config::Config;
use crate::demo::seed;

pub async fn run(config: &Config) -> anyhow::Result<()> {
    let db = connect(config).await?;
    seed_if_empty(&db, config).await?;
    db.close().await;
    Ok(())
}

/// Seeds only a database without agencies: the demo must never mix with real data, and a
/// second start must not create a second set of accounts. Returns whether it seeded.
pub async fn seed_if_empty(db: &Db, config: &Config) -> anyhow::Result<bool> {
    if !agencies::list(db).await?.is_empty() {
        eprintln!("the database already has agencies; the demo was not seeded");
        return Ok(false);
    }
    let started = Instant::now();
    tracing::info!("seeding the demo city");
    let cal = super::calendar::load_calendar(&config.data_dir)?;
    let today = gongkai_core::tz::local_date(gongkai_store::now());
    let report = seed::seed(db, &FsBlobStore::new(&config.data_dir), &cal, today)
        .await
        .context("seeding the demo (delete the data directory before trying again)")?;
    let rows: Vec<Vec<String>> = report
        .staff
        .iter()
        .map(|s| {
            vec![
                s.username.clone(),
                s.password.clone(),
                s.role.label().to_string(),
                s.agency.clone().unwrap_or_default(),
            ]
        })
        .collect();
    println!(
        "demo seeded: {} agencies, {} documents, {} 依申请公开 cases, {} staff accounts in {:.1} s\n",
        report.agencies,
        report.documents,
        report.cases,
        report.staff.len(),
        started.elapsed().as_secs_f64()
    );
    print!("{}", table(&["username", "password", "role", "agency"], &rows));
    println!("\nThese passwords are shown only now and cannot be recovered; sign in at /login.");
    if let Some((case_no, code)) = &report.sample_case {
        println!("An applicant's view: case {case_no}, 查询码 {code}, at /apply/track.");
    }
    Ok(true)
}
