//! `gongkai report foi`: tables 三 and 四 of the annual report (国办公开办函〔2021〕30号), from
//! the cases, for one agency or the whole city.

use std::io::Write;

use anyhow::{Context, anyhow, bail};
use gongkai_store::{agencies, cases};

use super::connect;
use crate::config::Config;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// 依申请公开 statistics: table 三 (applications and results) and table 四 (复议 and 诉讼)
    Foi {
        /// The report year
        #[arg(long)]
        year: i32,
        /// One agency, by its code (default: every agency of the city)
        #[arg(long, value_name = "CODE")]
        agency: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
        /// Only one of the tables (CSV prints 三, an empty line and 四 by default)
        #[arg(long, value_parser = ["3", "4"])]
        table: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Json,
}

pub async fn run(cmd: Command, config: &Config) -> anyhow::Result<()> {
    let Command::Foi { year, agency, format, table } = cmd;
    if !(2008..=9999).contains(&year) {
        bail!("--year {year}: the regulation applies from 2008");
    }
    let db = connect(config).await?;
    let agency = match agency.as_deref() {
        None => None,
        Some(code) => Some(agencies::by_code(&db, code).await?.ok_or_else(|| anyhow!("no agency with code {code}"))?),
    };
    let (t3, t4) = cases::tables(&db, agency.as_ref().map(|a| a.id), year).await.context("counting cases")?;
    db.close().await;
    let failures: Vec<_> = t3.checks().into_iter().chain(t4.checks()).collect();
    let mut out = std::io::stdout().lock();
    match format {
        Format::Csv => {
            let wanted = |t: &str| table.as_deref().is_none_or(|x| x == t);
            if wanted("3") {
                out.write_all(t3.to_csv().as_bytes())?;
            }
            if table.is_none() {
                out.write_all(b"\r\n")?;
            }
            if wanted("4") {
                out.write_all(t4.to_csv().as_bytes())?;
            }
        }
        Format::Json => {
            let agency = agency.as_ref().map(|a| serde_json::json!({ "code": a.code.to_string(), "name": a.name }));
            let mut doc = serde_json::json!({ "year": year, "agency": agency, "checks": failures });
            if table.as_deref() != Some("4") {
                doc["table3"] = serde_json::to_value(&t3)?;
            }
            if table.as_deref() != Some("3") {
                doc["table4"] = serde_json::to_value(t4)?;
            }
            serde_json::to_writer_pretty(&mut out, &doc)?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    if !failures.is_empty() {
        for f in &failures {
            eprintln!("勾稽关系校验未通过：{}", f.message);
        }
        bail!("{} cross-check(s) failed", failures.len());
    }
    Ok(())
}
