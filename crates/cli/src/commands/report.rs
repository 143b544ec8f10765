//! `gongkai report foi`: tables 三 and 四 of the annual report (国办公开办函〔2021〕30号), from
//! the cases, for one agency or the whole city. `gongkai report timeliness`: which documents were
//! first published later than 条例 Art. 26 allows. `gongkai report table2`: table 二's rows on
//! 规章 and 行政规范性文件.

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
    /// 条例 Art. 26: 主动公开 documents first published in the year, on time or late (20
    /// working days from 成文日期), per agency, with the late ones listed
    Timeliness {
        #[arg(long)]
        year: i32,
        /// One agency, by its code (default: every agency)
        #[arg(long, value_name = "CODE")]
        agency: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
    },
    /// Table 二, 第二十条第（一）项: 规章 and 行政规范性文件 issued, abolished and in force in the
    /// year
    Table2 {
        #[arg(long)]
        year: i32,
        /// One agency, by its code (default: the whole city)
        #[arg(long, value_name = "CODE")]
        agency: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Json,
}

pub async fn run(cmd: Command, config: &Config) -> anyhow::Result<()> {
    match cmd {
        Command::Foi { year, agency, format, table } => foi(year, agency, format, table, config).await,
        Command::Timeliness { year, agency, format } => timeliness(year, agency, format, config).await,
        Command::Table2 { year, agency, format } => table2(year, agency, format, config).await,
    }
}

/// The regulation, and so every report, applies from 2008.
fn check_year(year: i32) -> anyhow::Result<()> {
    if !(2008..=9999).contains(&year) {
        bail!("--year {year}: the regulation applies from 2008");
    }
    Ok(())
}

/// Table 二's rows on 规章 and 行政规范性文件, counted from the documents as they are now. The
/// carry-over check (上年现行有效 + 本年制发 − 本年废止) is meaningful only against last year's
/// *published* report, which the annual-report work keeps; counted from the same data the
/// years always agree, so it is not repeated here.
async fn table2(year: i32, agency: Option<String>, format: Format, config: &Config) -> anyhow::Result<()> {
    use gongkai_core::report::table2::RulesBlock;
    check_year(year)?;
    let db = connect(config).await?;
    let all = agencies::list(&db).await?;
    let agency = match agency.as_deref() {
        None => None,
        Some(code) => {
            Some(all.iter().find(|a| a.code.as_str() == code).ok_or_else(|| anyhow!("no agency with code {code}"))?)
        }
    };
    let entries =
        gongkai_store::lifecycle::register_entries(&db, agency.map(|a| a.id)).await.context("reading documents")?;
    db.close().await;
    let this = RulesBlock::count(&entries, year);
    let mut out = std::io::stdout().lock();
    match format {
        Format::Csv => {
            let mut csv = String::from("信息内容,本年制发件数,本年废止件数,现行有效件数\r\n");
            for (label, row) in [("规章", &this.rules), ("行政规范性文件", &this.normative)] {
                csv.push_str(&format!("{label},{},{},{}\r\n", row.issued, row.abolished, row.in_force));
            }
            out.write_all(csv.as_bytes())?;
        }
        Format::Json => {
            let doc = serde_json::json!({
                "year": year,
                "agency": agency.map(|a| a.code.as_str()),
                "rules": this.rules,
                "normative": this.normative,
            });
            serde_json::to_writer_pretty(&mut out, &doc)?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    Ok(())
}

async fn timeliness(year: i32, agency: Option<String>, format: Format, config: &Config) -> anyhow::Result<()> {
    use gongkai_core::doc::timeliness::{Assessment, Summary};
    check_year(year)?;
    let cal = super::calendar::load_calendar(&config.data_dir)?;
    let db = connect(config).await?;
    let all = agencies::list(&db).await?;
    let agency_id = match agency.as_deref() {
        None => None,
        Some(code) => {
            Some(all.iter().find(|a| a.code.as_str() == code).ok_or_else(|| anyhow!("no agency with code {code}"))?.id)
        }
    };
    let rows = gongkai_store::documents::publications(&db, agency_id, year).await.context("reading documents")?;
    db.close().await;
    let agency_of = |id: i64| all.iter().find(|a| a.id == id).ok_or_else(|| anyhow!("no agency with id {id}"));
    let summary = Summary::of(
        &cal,
        rows.iter().map(|r| (r.agency_id, r.formed_on, gongkai_core::tz::local_date(r.published_at))),
    );
    let tallies =
        summary.agencies.iter().map(|(id, t)| Ok((agency_of(*id)?, t))).collect::<anyhow::Result<Vec<_>>>()?;
    let total = &summary.total;
    let mut late = Vec::new();
    for (r, a) in rows.iter().zip(&summary.assessments) {
        if a.is_late() {
            late.push((r, agency_of(r.agency_id)?, a));
        }
    }
    let mut out = std::io::stdout().lock();
    match format {
        Format::Csv => {
            let mut csv = String::from("机关代码,机关,发布,按时,超期,无法判断\r\n");
            for (a, t) in tallies.iter().map(|(a, t)| (Some(*a), t)).chain(std::iter::once((None, &total))) {
                let (code, name) = a.map_or(("", "合计"), |a| (a.code.as_str(), a.name.as_str()));
                csv.push_str(&format!("{code},{name},{},{},{},{}\r\n", t.published, t.on_time, t.late, t.undetermined));
            }
            csv.push_str("\r\n索引号,机关,标题,成文日期,发布日期,应公开日期,用时（工作日）\r\n");
            for (r, agency, a) in &late {
                if let Assessment::Late { formed_on, published_on, due_on, working_days } = a {
                    let title = if r.is_revision() {
                        format!("{}（第 {} 版修订）", r.title, r.edition_no)
                    } else {
                        r.title.clone()
                    }
                    .replace('"', "\"\"");
                    csv.push_str(&format!(
                        "{},{},\"{title}\",{formed_on},{published_on},{due_on},{working_days}\r\n",
                        r.index_no, agency.name
                    ));
                }
            }
            out.write_all(csv.as_bytes())?;
        }
        Format::Json => {
            let agencies: Vec<_> = tallies
                .iter()
                .map(|(a, t)| serde_json::json!({ "code": a.code.as_str(), "name": a.name, "tally": t }))
                .collect();
            let late: Vec<_> = late
                .iter()
                .map(|(r, agency, a)| serde_json::json!({ "index_no": r.index_no, "agency": agency.code.as_str(), "title": r.title, "assessment": a }))
                .collect();
            let doc = serde_json::json!({ "year": year, "agencies": agencies, "total": total, "late": late });
            serde_json::to_writer_pretty(&mut out, &doc)?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    Ok(())
}

async fn foi(
    year: i32,
    agency: Option<String>,
    format: Format,
    table: Option<String>,
    config: &Config,
) -> anyhow::Result<()> {
    check_year(year)?;
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
