//! `gongkai calendar` as an operator runs it: a fresh working directory, no configuration, and
//! the process's exit code, stdout and stderr.

use std::path::Path;
use std::process::{Command, Output, Stdio};

fn gongkai(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .current_dir(dir)
        .env_clear()
        .env("RUST_LOG", "warn")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run gongkai")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[track_caller]
fn ok(dir: &Path, args: &[&str]) -> String {
    let o = gongkai(dir, args);
    assert!(o.status.success(), "exit {:?}\nstdout:\n{}\nstderr:\n{}", o.status, stdout(&o), stderr(&o));
    stdout(&o)
}

/// The exit code and stderr of a run that must fail.
#[track_caller]
fn fails(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let o = gongkai(dir, args);
    assert!(!o.status.success(), "stdout:\n{}\nstderr:\n{}", stdout(&o), stderr(&o));
    (o.status.code(), stderr(&o))
}

#[test]
fn add_working_days_across_spring_festival() {
    let dir = tempfile::tempdir().unwrap();
    let out = ok(dir.path(), &["calendar", "add-working-days", "2024-02-01", "20"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "2024-03-05", "{out}");
    assert!(lines[1].contains("起算日当天不计入") && lines[1].contains("民法典第二百零一条"), "{out}");
    assert!(lines[1].contains("第 20 个工作日是 2024-03-05 星期二"), "{out}");
    assert_eq!(lines[2], "跳过：2024-02-10 至 2024-02-17 春节放假；计入：2024-02-04、2024-02-18 春节调休上班");

    let out = ok(dir.path(), &["calendar", "add-working-days", "2024-03-04", "0"]);
    assert_eq!(out.lines().next(), Some("2024-03-04"));
    let out = ok(dir.path(), &["calendar", "between", "2024-02-01", "2024-03-05"]);
    assert_eq!(out.lines().next(), Some("20"), "{out}");
}

#[test]
fn info_and_years() {
    let dir = tempfile::tempdir().unwrap();
    let out = ok(dir.path(), &["calendar", "info", "2024-02-04"]);
    assert_eq!(out, "2024-02-04 星期日：工作日（春节调休上班，国办发明电〔2023〕7号）\n");
    let out = ok(dir.path(), &["calendar", "years"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 13, "a header and 2015–2026:\n{out}");
    assert!(lines[1].starts_with("2015  国办发明电〔2014〕28号  国发明电〔2015〕1号"), "{out}");
    assert!(lines[12].starts_with("2026  国办发明电〔2025〕7号"), "{out}");
}

#[test]
fn uncovered_years_and_bad_arguments_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let not_loaded = "2027 年的节假日安排尚未载入，无法计算工作日";
    let (code, e) = fails(dir.path(), &["calendar", "info", "2027-01-04"]);
    assert_eq!(code, Some(1));
    assert!(e.contains(not_loaded), "{e}");
    let (code, e) = fails(dir.path(), &["calendar", "add-working-days", "2026-12-20", "20"]);
    assert_eq!(code, Some(1));
    assert!(e.contains(not_loaded), "{e}");

    let (_, e) = fails(dir.path(), &["calendar", "add-working-days", "2024-02-30", "20"]);
    assert!(e.contains("“2024-02-30”不是有效的日期"), "{e}");
    let (_, e) = fails(dir.path(), &["calendar", "add-working-days", "2024-02-01", "-3"]);
    assert!(e.contains("工作日数不能为负数"), "{e}");
    let (_, e) = fails(dir.path(), &["calendar", "add-working-days", "2024-02-01", "twenty"]);
    assert!(e.contains("不是工作日数"), "{e}");
}

/// Test data only: not a real notice (2027's had not been published when this was written).
const TEST_2027: &str = r#"
[[year]]
year = 2027
notice = "测试〔2027〕1号"
holidays = [
  { name = "元旦", off = ["2027-01-01/2027-01-03"], work = [] },
]
"#;

#[test]
fn operator_files_in_the_data_directory() {
    let dir = tempfile::tempdir().unwrap();
    let calendar_dir = dir.path().join("gongkai-data/calendar");
    std::fs::create_dir_all(&calendar_dir).unwrap();
    std::fs::write(calendar_dir.join("2027.toml"), TEST_2027).unwrap();
    std::fs::write(calendar_dir.join("README.txt"), "not read").unwrap();

    assert_eq!(ok(dir.path(), &["calendar", "info", "2027-01-04"]), "2027-01-04 星期一：工作日\n");
    assert_eq!(
        ok(dir.path(), &["calendar", "info", "2027-01-01"]),
        "2027-01-01 星期五：休息日（元旦放假，测试〔2027〕1号）\n"
    );
    let out = ok(dir.path(), &["calendar", "add-working-days", "2026-12-20", "20"]);
    assert_eq!(out.lines().next(), Some("2027-01-18"), "{out}");
    let years = ok(dir.path(), &["calendar", "years"]);
    assert!(years.lines().last().unwrap().starts_with("2027  测试〔2027〕1号"), "{years}");
    assert!(years.contains("2027.toml"), "{years}");

    // The global --data-dir is honoured: elsewhere there is no 2027.
    let (_, e) = fails(dir.path(), &["--data-dir", "other", "calendar", "info", "2027-01-04"]);
    assert!(e.contains("2027 年的节假日安排尚未载入"), "{e}");

    // A bad file stops the command and is named.
    std::fs::write(
        calendar_dir.join("2028.toml"),
        "[[year]]\nyear = 2028\nnotice = \"x\"\nholidays = [{ name = \"元旦\", work = [\"2028-01-03\"] }]\n",
    )
    .unwrap();
    let (code, e) = fails(dir.path(), &["calendar", "info", "2024-02-04"]);
    assert_eq!(code, Some(1));
    assert!(e.contains("2028.toml") && e.contains("2028-01-03 星期一 不是星期六或星期日"), "{e}");
}
