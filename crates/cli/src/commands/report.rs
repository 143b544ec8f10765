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
    /// The 政府信息公开工作年度报告 of an agency (at the level its kind calls for: a government's
    /// covers its departments), or of every agency; exits non-zero when a check fails
    Annual {
        #[arg(long)]
        year: i32,
        /// One agency, by its code (default: every agency, and the city's government report)
        #[arg(long, value_name = "CODE")]
        agency: Option<String>,
        #[arg(long, value_enum, default_value_t = AnnualFormat::Json)]
        format: AnnualFormat,
        /// Where to write: a file for one agency; a folder for every agency (json goes to stdout
        /// when not given)
        #[arg(long, value_name = "PATH")]
        output: Option<std::path::PathBuf>,
    },
    /// Import annual reports of earlier years, kept as published for carry-over and trends:
    /// JSON as `report annual --format json` writes it (one report or an array), or the CSV of
    /// a report's tables (2021 format, or the 2019 trial format) with --agency and --year
    ImportAnnual {
        #[arg(value_name = "FILE", required = true)]
        files: Vec<std::path::PathBuf>,
        /// For CSV files: whose report
        #[arg(long, value_name = "CODE")]
        agency: Option<String>,
        /// For CSV files: the report year
        #[arg(long)]
        year: Option<i32>,
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
pub enum AnnualFormat {
    Json,
    Html,
    Csv,
    Docx,
    Xlsx,
}

impl AnnualFormat {
    fn ext(self) -> &'static str {
        match self {
            AnnualFormat::Json => "json",
            AnnualFormat::Html => "html",
            AnnualFormat::Csv => "csv",
            AnnualFormat::Docx => "docx",
            AnnualFormat::Xlsx => "xlsx",
        }
    }
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
        Command::Annual { year, agency, format, output } => annual(year, agency, format, output, config).await,
        Command::ImportAnnual { files, agency, year } => import_annual(files, agency, year, config).await,
    }
}

/// The regulation, and so every report, applies from 2008.
fn check_year(year: i32) -> anyhow::Result<()> {
    if !(2008..=9999).contains(&year) {
        bail!("--year {year}: the regulation applies from 2008");
    }
    Ok(())
}

/// The annual reports: one agency's, or every agency's (each at the level its kind calls for,
/// so the city government's covers the city). A failed check is printed on stderr and makes
/// the exit status 1, after everything is written.
async fn annual(
    year: i32,
    agency: Option<String>,
    format: AnnualFormat,
    output: Option<std::path::PathBuf>,
    config: &Config,
) -> anyhow::Result<()> {
    use gongkai_core::report::{Level, render};
    use gongkai_store::annual::{self, ReportKey};
    check_year(year)?;
    let db = connect(config).await?;
    let all = agencies::list(&db).await?;
    let chosen: Vec<_> = match agency.as_deref() {
        Some(code) => {
            vec![all.iter().find(|a| a.code.as_str() == code).ok_or_else(|| anyhow!("no agency with code {code}"))?]
        }
        None => all.iter().collect(),
    };
    let one = agency.is_some();
    if !one && format != AnnualFormat::Json && output.is_none() {
        bail!("--output DIR is needed to write every agency's report as {}", format.ext());
    }
    let mut reports = Vec::new();
    let mut failed = 0;
    for a in chosen {
        let key = ReportKey { agency_id: a.id, level: Level::for_kind(a.kind), year };
        let (report, checks, saved) =
            annual::checked(&db, key, config.report_includes_districts).await.map_err(super::store_error)?;
        // A published report's failed checks were explained when it was published.
        let published = saved.is_some_and(|s| s.status.is_final());
        if !published {
            for c in &checks {
                eprintln!("{} {}: {}", a.code.as_str(), a.name, c.message);
            }
            failed += usize::from(!checks.is_empty());
        }
        reports.push((report, checks));
    }
    db.close().await;
    let bytes = |report: &gongkai_core::report::AnnualReport,
                 checks: &[gongkai_core::report::ReportCheck]|
     -> anyhow::Result<Vec<u8>> {
        Ok(match format {
            AnnualFormat::Json => serde_json::to_vec_pretty(report)?,
            AnnualFormat::Html => render::standalone_html(report, checks).into_bytes(),
            AnnualFormat::Csv => render::tables_csv(report).into_bytes(),
            AnnualFormat::Docx => gongkai_office::report_docx(report, checks)?,
            AnnualFormat::Xlsx => gongkai_office::report_xlsx(report)?,
        })
    };
    match (&output, one) {
        (Some(dir), false) => {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
            for (r, c) in &reports {
                let path = dir.join(format!("{}-{year}.{}", r.agency_code, format.ext()));
                std::fs::write(&path, bytes(r, c)?).with_context(|| format!("writing {}", path.display()))?;
            }
            eprintln!("{} reports written to {}", reports.len(), dir.display());
        }
        (Some(path), true) => {
            let (r, c) = &reports[0];
            std::fs::write(path, bytes(r, c)?).with_context(|| format!("writing {}", path.display()))?;
        }
        (None, true) if matches!(format, AnnualFormat::Docx | AnnualFormat::Xlsx) => {
            bail!("--output FILE is needed to write a {} file", format.ext());
        }
        (None, true) => {
            let (r, c) = &reports[0];
            std::io::stdout().lock().write_all(&bytes(r, c)?)?;
        }
        (None, false) => {
            let all: Vec<_> = reports.iter().map(|(r, _)| r).collect();
            serde_json::to_writer_pretty(std::io::stdout().lock(), &all)?;
            println!();
        }
    }
    if failed > 0 {
        bail!("{failed} of {} reports fail a check (see above)", reports.len());
    }
    Ok(())
}

/// Imports earlier years' reports from JSON files (one report or an array of them) or CSV
/// files of their tables. Everything is read and checked before anything is written.
async fn import_annual(
    files: Vec<std::path::PathBuf>,
    agency: Option<String>,
    year: Option<i32>,
    config: &Config,
) -> anyhow::Result<()> {
    use gongkai_core::report::{AnnualReport, Level};
    let db = connect(config).await?;
    let all = agencies::list(&db).await?;
    let mut reports = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?;
        if f.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")) {
            let (Some(code), Some(year)) = (agency.as_deref(), year) else {
                bail!("{}: a CSV file needs --agency CODE and --year YYYY", f.display());
            };
            check_year(year)?;
            let a =
                all.iter().find(|a| a.code.as_str() == code).ok_or_else(|| anyhow!("no agency with code {code}"))?;
            let r = gongkai_core::report::history::from_csv(&text, code, &a.name, Level::for_kind(a.kind), year)
                .map_err(|errors| anyhow!("{}: nothing was imported:\n  {}", f.display(), errors.join("\n  ")))?;
            reports.push(r);
            continue;
        }
        let value: serde_json::Value =
            serde_json::from_str(&text).with_context(|| format!("{}: not JSON", f.display()))?;
        let list = match value {
            serde_json::Value::Array(items) => items,
            one => vec![one],
        };
        for (i, v) in list.into_iter().enumerate() {
            let r: AnnualReport = serde_json::from_value(v)
                .with_context(|| format!("{}: report {} is not an annual report", f.display(), i + 1))?;
            reports.push(r);
        }
    }
    let who = gongkai_store::audit::Who::system("cli");
    let today = gongkai_core::tz::local_date(gongkai_store::now());
    gongkai_store::annual::import(&db, &who, today, &reports)
        .await
        .map_err(super::store_error)
        .context("nothing was imported")?;
    for r in &reports {
        println!("imported {} {}年 ({} checks fail)", r.agency_name, r.year, r.checks(None).len());
    }
    db.close().await;
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
