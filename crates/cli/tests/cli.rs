//! The binary as an operator runs it: a fresh data directory, no configuration file, and the
//! process's exit code, stdout and stderr.

use std::path::Path;
use std::process::{Command, Output, Stdio};

const SEED_PAGE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../core/tests/fixtures/seed-page.txt");

/// Runs `gongkai` in `dir` with only the given environment, so the developer's own
/// `GONGKAI_*` variables or `gongkai.toml` cannot change the outcome.
fn gongkai_with(dir: &Path, env: &[(&str, &str)], args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gongkai"));
    cmd.current_dir(dir).env_clear().env("RUST_LOG", "warn").envs(env.iter().copied()).args(args);
    cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("run gongkai");
    if let Some(input) = stdin {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    }
    child.wait_with_output().expect("wait for gongkai")
}

fn gongkai(dir: &Path, args: &[&str]) -> Output {
    gongkai_with(dir, &[], args, None)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[track_caller]
fn ok(o: Output) -> Output {
    assert!(o.status.success(), "exit {:?}\nstdout:\n{}\nstderr:\n{}", o.status, stdout(&o), stderr(&o));
    o
}

#[track_caller]
fn fails(o: Output) -> String {
    assert_eq!(o.status.code(), Some(1), "stdout:\n{}\nstderr:\n{}", stdout(&o), stderr(&o));
    stderr(&o)
}

#[test]
fn import_is_idempotent_and_export_has_the_seed_document() {
    let dir = tempfile::tempdir().unwrap();
    let first = ok(gongkai(dir.path(), &["import", SEED_PAGE]));
    let out = stdout(&first);
    assert!(out.contains("001002003/2017-01330 created"), "{out}");
    assert!(out.contains("created agency 001002003 温州市人民政府办公室"), "{out}");
    assert!(out.contains("1 documents: 1 created, 0 updated, 0 unchanged, 0 failed"), "{out}");
    assert!(dir.path().join("gongkai-data/gongkai.db").exists(), "the default database is in ./gongkai-data");

    let again = stdout(&ok(gongkai(dir.path(), &["import", SEED_PAGE])));
    assert!(again.contains("001002003/2017-01330 unchanged"), "{again}");
    assert!(!again.contains("created agency"), "{again}");

    let export = ok(gongkai(dir.path(), &["export", "--format", "jsonl"]));
    let lines: Vec<&str> = std::str::from_utf8(&export.stdout).unwrap().lines().collect();
    assert_eq!(lines.len(), 2, "one agency and one document");
    assert!(lines[0].starts_with(r#"{"type":"agency","code":"001002003""#), "{}", lines[0]);
    assert!(lines[1].contains("温政办〔2017〕62号"), "{}", lines[1]);
    assert!(stderr(&export).contains("exported 1 agencies and 1 documents"), "{}", stderr(&export));

    let file = dir.path().join("out.jsonl");
    ok(gongkai(dir.path(), &["export", "--output", file.to_str().unwrap()]));
    assert_eq!(std::fs::read(&file).unwrap(), export.stdout);
}

#[test]
fn database_urls_that_would_lose_data_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let e = fails(gongkai(dir.path(), &["--database-url", "sqlite:///nonexistent/dir/x.db", "migrate"]));
    assert!(e.contains("does not exist"), "{e}");
    assert!(!Path::new("/nonexistent/dir").exists());

    let e = fails(gongkai(dir.path(), &["--database-url", "postgress://x", "migrate"]));
    assert!(e.contains("postgress://x") && e.contains("scheme"), "{e}");

    let e = fails(gongkai_with(dir.path(), &[("GONGKAI_DATABASE_URL", "mysql://u:hunter2@h/g")], &["migrate"], None));
    assert!(e.contains("GONGKAI_DATABASE_URL") && !e.contains("hunter2"), "{e}");

    let db = dir.path().join("explicit.db");
    let url = format!("sqlite://{}?mode=rwc", db.display());
    let out = ok(gongkai(dir.path(), &["--database-url", &url, "migrate"]));
    assert!(stdout(&out).starts_with("database ready: sqlite://"), "{}", stdout(&out));
    assert!(db.exists());
}

#[test]
fn configuration_file_mistakes_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let e = fails(gongkai(dir.path(), &["--config", "missing.toml", "migrate"]));
    assert!(e.contains("missing.toml"), "{e}");

    std::fs::write(dir.path().join("gongkai.toml"), "data_dir = \"d\"\nlisten_addr = \"0.0.0.0:80\"\n").unwrap();
    let e = fails(gongkai(dir.path(), &["migrate"]));
    assert!(e.contains("listen_addr"), "{e}");

    std::fs::write(dir.path().join("gongkai.toml"), "data_dir = \"from-file\"\n").unwrap();
    ok(gongkai(dir.path(), &["migrate"]));
    assert!(dir.path().join("from-file/gongkai.db").exists());
    // The environment beats the file, a flag beats the environment.
    ok(gongkai_with(dir.path(), &[("GONGKAI_DATA_DIR", "from-env")], &["migrate"], None));
    assert!(dir.path().join("from-env/gongkai.db").exists());
    ok(gongkai_with(dir.path(), &[("GONGKAI_DATA_DIR", "from-env")], &["--data-dir", "from-flag", "migrate"], None));
    assert!(dir.path().join("from-flag/gongkai.db").exists());
}

#[test]
fn bad_files_are_reported_and_the_good_ones_still_land() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    std::fs::create_dir_all(pages.join("sub")).unwrap();
    std::fs::write(pages.join("a-gbk.txt"), [0xCE, 0xC2, 0xD6, 0xDD, b'\n']).unwrap();
    std::fs::copy(SEED_PAGE, pages.join("sub/seed.txt")).unwrap();
    std::fs::write(pages.join("b-empty.txt"), "\n\n").unwrap();
    std::fs::write(pages.join(".hidden"), "not content").unwrap();
    std::fs::write(
        pages.join("c.jsonl"),
        "{\"type\":\"agency\",\"code\":\"001002003\",\"name\":\"温州市人民政府办公室\",\"slug\":\"sfb\",\"kind\":\"department\"}\n\
         {\"type\":\"document\",\"oops\":1}\n\
         not json\n",
    )
    .unwrap();
    let out = gongkai(dir.path(), &["import", pages.to_str().unwrap()]);
    let e = fails(out.clone());
    assert!(e.contains("could not be imported"), "{e}");
    let report = stdout(&out);
    let lines: Vec<&str> = report.lines().collect();
    assert!(lines[0].starts_with("✗ ") && lines[0].contains("a-gbk.txt: not UTF-8"), "{report}");
    assert!(lines[1].starts_with("✗ ") && lines[1].contains("b-empty.txt"), "{report}");
    assert!(report.contains("c.jsonl:2: "), "{report}");
    assert!(report.contains("c.jsonl:3: "), "{report}");
    assert!(report.contains("c.jsonl: 2 documents: 0 created, 0 updated, 0 unchanged, 2 failed; agencies: 1 created"));
    // The page's publisher now matches the agency the JSON Lines file created.
    assert!(report.contains("seed.txt: 001002003/2017-01330 created"), "{report}");
    assert!(!report.contains("created agency"), "{report}");
    assert!(!report.contains(".hidden"), "{report}");
    assert!(report.contains("5 documents: 1 created, 0 updated, 0 unchanged, 4 failed"), "{report}");
}

#[test]
fn generated_corpus_imports() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("corpus.jsonl");
    let out = ok(gongkai(dir.path(), &["generate-corpus", "--count", "50", "--output", file.to_str().unwrap()]));
    assert!(stderr(&out).contains("50 documents"), "{}", stderr(&out));
    let text = std::fs::read_to_string(&file).unwrap();
    // Deterministic: the same seed gives the same bytes.
    let again = ok(gongkai(dir.path(), &["generate-corpus", "--count", "50"]));
    assert_eq!(again.stdout, text.as_bytes());

    let out = ok(gongkai(dir.path(), &["import", "--batch", "7", file.to_str().unwrap()]));
    let report = stdout(&out);
    assert!(report.contains("50 documents: 50 created, 0 updated, 0 unchanged, 0 failed"), "{report}");
    let out = ok(gongkai(dir.path(), &["import", file.to_str().unwrap()]));
    assert!(stdout(&out).contains("50 documents: 0 created, 0 updated, 50 unchanged, 0 failed"), "{}", stdout(&out));

    let agencies = stdout(&ok(gongkai(dir.path(), &["agency", "list"])));
    assert!(agencies.lines().next().unwrap().starts_with("code"), "{agencies}");
    assert!(agencies.contains("001002003  sfb"), "{agencies}");
}

#[test]
fn agencies_and_accounts_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let e = fails(gongkai(d, &["agency", "add", "--code", "12", "--name", "x<y>", "--kind", "department"]));
    assert!(e.contains("\n  code: ") && e.contains("\n  name: "), "one line per field: {e}");
    let out = ok(gongkai(
        d,
        &[
            "agency",
            "add",
            "--code",
            "001002010",
            "--name",
            "温州市教育局",
            "--short-name",
            "市教育局",
            "--kind",
            "department",
        ],
    ));
    assert!(stdout(&out).contains("/xxgk/a-001002010/"), "{}", stdout(&out));

    let out = ok(gongkai(
        d,
        &["user", "add", "--username", "jyj-editor", "--name", "张三", "--role", "editor", "--agency", "001002010"],
    ));
    let text = stdout(&out);
    let password = text.lines().find_map(|l| l.strip_prefix("password for jyj-editor: ")).expect(&text);
    assert_eq!(password.len(), 16);
    assert!(text.contains("shown only now"), "{text}");

    let e = fails(gongkai_with(
        d,
        &[],
        &["user", "add", "--username", "boss", "--name", "李四", "--role", "admin", "--password-stdin"],
        Some("short\n"),
    ));
    assert!(e.contains("password"), "{e}");
    let out = ok(gongkai_with(
        d,
        &[],
        &["user", "set-password", "jyj-editor", "--password-stdin"],
        Some("Correct-Horse-9\n"),
    ));
    assert!(!stdout(&out).contains("Correct-Horse-9"), "a given password is never echoed");
    let list = stdout(&ok(gongkai(d, &["user", "list"])));
    assert!(list.contains("jyj-editor") && list.contains("市教育局"), "{list}");
}

/// `serve` stops on SIGTERM: it stops accepting, finishes what is in flight, writes the view
/// counts it holds, and exits 0.
#[test]
fn serve_shuts_down_gracefully_on_sigterm_and_keeps_the_views() {
    let dir = tempfile::tempdir().unwrap();
    ok(gongkai(dir.path(), &["import", SEED_PAGE]));
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let listen = format!("127.0.0.1:{port}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .current_dir(dir.path())
        .env_clear()
        .env("RUST_LOG", "info")
        .args(["serve", "--listen", &listen])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let get = |path: &str| -> Option<String> {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(&listen).ok()?;
        write!(s, "GET {path} HTTP/1.1\r\nHost: {listen}\r\nConnection: close\r\n\r\n").ok()?;
        let mut out = String::new();
        s.read_to_string(&mut out).ok()?;
        Some(out)
    };
    let mut up = false;
    for _ in 0..100 {
        if get("/healthz").is_some_and(|r| r.starts_with("HTTP/1.1 200")) {
            up = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(up, "the server did not come up");
    for _ in 0..3 {
        assert!(get("/doc/001002003/2017-01330").unwrap().contains("浏览次数"));
    }
    let kill = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(kill.success());
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(start.elapsed().as_secs() < 15, "did not stop within 15 s");
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let mut log = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut log).unwrap();
    assert!(status.success(), "exit {status:?}\n{log}");
    assert!(log.contains("shutting down"), "{log}");
    // The three views reached the database: the export carries them.
    let export = stdout(&ok(gongkai(dir.path(), &["export", "--format", "jsonl"])));
    assert!(export.contains("\"view_count\":3"), "{export}");
}

#[test]
fn generated_cases_give_consistent_tables_three_and_four() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (code, slug) in [("001009001", "a"), ("001009002", "b")] {
        ok(gongkai(d, &["agency", "add", "--code", code, "--name", &format!("测试局{slug}"), "--kind", "department"]));
    }
    let args = ["generate-cases", "--count", "400", "--agencies", "2", "--from", "2025-01-01", "--until", "2026-06-30"];
    let out = ok(gongkai(d, &args));
    assert!(stderr(&out).contains("wrote 400 cases across 2 agencies"), "{}", stderr(&out));

    // CSV: the official row labels, one row per line, seven numbers each.
    let csv = stdout(&ok(gongkai(d, &["report", "foi", "--year", "2025", "--table", "3"])));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 26, "{csv}");
    assert!(lines[1].starts_with("一、本年新收政府信息公开申请数量,"), "{csv}");
    assert!(lines.iter().skip(1).all(|l| l.split(',').count() == 8), "{csv}");

    // JSON: every case received in 2025 is answered in 2025 or carried into 2026, and the
    // agencies' tables add up to the city's.
    let table_of = |year: &str, extra: &[&str]| -> serde_json::Value {
        let mut a = vec!["report", "foi", "--year", year, "--format", "json"];
        a.extend_from_slice(extra);
        serde_json::from_str(&stdout(&ok(gongkai(d, &a)))).unwrap()
    };
    let total = |v: &serde_json::Value, code: &str| -> u64 {
        let rows = v["table3"]["rows"].as_array().unwrap();
        rows.iter().find(|r| r["code"] == code).unwrap()["cells"]["total"].as_u64().unwrap()
    };
    let table = |extra: &[&str]| table_of("2025", extra);
    let city = table(&[]);
    assert_eq!(city["checks"].as_array().unwrap().len(), 0);
    assert!(total(&city, "new") > 100);
    assert_eq!(total(&city, "carried-in"), 0, "nothing was received before 2025");
    assert_eq!(total(&city, "new"), total(&city, "total") + total(&city, "carried-out"));
    let (a, b) = (table(&["--agency", "001009001"]), table(&["--agency", "001009002"]));
    for code in ["new", "total", "carried-out", "1", "4.1"] {
        assert_eq!(total(&a, code) + total(&b, code), total(&city, code), "{code}");
    }
    // 2026 starts with what 2025 carried out.
    assert_eq!(total(&table_of("2026", &[]), "carried-in"), total(&city, "carried-out"));

    let e = fails(gongkai(d, &["report", "foi", "--year", "2025", "--agency", "999"]));
    assert!(e.contains("no agency with code 999"), "{e}");
}

#[test]
fn timeliness_report_judges_the_seed_page_on_time() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(gongkai(d, &["import", SEED_PAGE]));
    // 成文 2017-06-08, published 2017-06-12: 2 working days of the 20 Art. 26 allows.
    let csv = stdout(&ok(gongkai(d, &["report", "timeliness", "--year", "2017"])));
    assert!(csv.starts_with("机关代码,机关,发布,按时,超期,无法判断\r\n"), "{csv}");
    assert!(csv.contains("001002003,温州市人民政府办公室,1,1,0,0\r\n"), "{csv}");
    assert!(csv.contains(",合计,1,1,0,0\r\n"), "{csv}");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&ok(gongkai(d, &["report", "timeliness", "--year", "2018", "--format", "json"]))))
            .unwrap();
    assert_eq!(json["total"]["published"], 0);
    let e = fails(gongkai(d, &["report", "timeliness", "--year", "2017", "--agency", "999"]));
    assert!(e.contains("no agency with code 999"), "{e}");
}

#[test]
fn repeal_lists_are_all_or_nothing_and_table_two_follows() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(gongkai(d, &["demo"]));
    // The demo's lifecycle showcase counts back from today (China time).
    let year = time::OffsetDateTime::now_utc().to_offset(time::macros::offset!(+8)).year();
    let table2 = || -> serde_json::Value {
        let y = year.to_string();
        let args = ["report", "table2", "--year", y.as_str(), "--agency", "001002003", "--format", "json"];
        serde_json::from_str(&stdout(&ok(gongkai(d, &args)))).unwrap()
    };
    let before = table2();
    let by = format!("温政办〔{year}〕906号");
    let target = format!("温政办〔{}〕15号", year - 4);
    let list = d.join("list.txt");

    // A line that is not a 文号 or 索引号: nothing is read further, nothing changes.
    std::fs::write(&list, format!("# 清理结果\n{target}\n不是文号\n")).unwrap();
    let e = fails(gongkai(d, &["lifecycle", "repeal", "--by", &by, "--list", "list.txt", "--since", "2026-11-01"]));
    assert!(e.contains("list.txt:3") && e.contains("nothing was changed"), "{e}");
    // A 文号 not on the platform: the whole list is refused.
    std::fs::write(&list, format!("{target}\n温政办〔2099〕1号\n")).unwrap();
    let e = fails(gongkai(d, &["lifecycle", "repeal", "--by", &by, "--list", "list.txt", "--since", "2026-11-01"]));
    assert!(e.contains("温政办〔2099〕1号") && e.contains("nothing was changed"), "{e}");
    assert_eq!(table2(), before);

    std::fs::write(&list, format!("{target}\n")).unwrap();
    let since = format!("{year}-01-02");
    let out = stdout(&ok(gongkai(d, &["lifecycle", "repeal", "--by", &by, "--list", "list.txt", "--since", &since])));
    assert!(out.contains("1 documents marked 废止"), "{out}");
    let after = table2();
    let n = |v: &serde_json::Value, k: &str| v["normative"][k].as_u64().unwrap();
    assert_eq!(n(&after, "abolished"), n(&before, "abolished") + 1);
    assert_eq!(n(&after, "in_force"), n(&before, "in_force") - 1);

    // The daily duty as of a date: running it twice adds nothing the second time.
    let first = stdout(&ok(gongkai(d, &["lifecycle", "run", "--as-of", &format!("{year}-12-31")])));
    let second = stdout(&ok(gongkai(d, &["lifecycle", "run", "--as-of", &format!("{year}-12-31")])));
    assert!(
        first.contains("expired") && second.contains("0 expired, 0 came into force, 0 new reminders"),
        "{first}\n{second}"
    );
    let bad = gongkai(d, &["lifecycle", "run", "--as-of", "2026-13-01"]);
    assert!(!bad.status.success() && stderr(&bad).contains("is not a date"), "{}", stderr(&bad));
}

#[test]
fn annual_reports_for_every_agency_and_history_from_csv() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(gongkai(d, &["demo"]));
    let year = time::OffsetDateTime::now_utc().to_offset(time::macros::offset!(+8)).year() - 1;
    let y = year.to_string();
    // The demo publishes every agency's report for last year: all of them, all checks pass.
    let all: serde_json::Value =
        serde_json::from_str(&stdout(&ok(gongkai(d, &["report", "annual", "--year", &y])))).unwrap();
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 21);
    assert!(all.iter().any(|r| r["agency_code"] == "001002000" && r["level"] == "government"));
    ok(gongkai(d, &["report", "annual", "--year", &y, "--format", "html", "--output", "out"]));
    let html = std::fs::read_to_string(d.join(format!("out/001002000-{y}.html"))).unwrap();
    assert!(
        html.contains("<th scope=\"rowgroup\" rowspan=\"22\">三、本年度办理结果</th>")
            && html.contains("<!DOCTYPE html>")
    );
    let e = fails(gongkai(d, &["report", "annual", "--year", &y, "--format", "csv"]));
    assert!(e.contains("--output DIR"), "{e}");

    // The year before has no report: its table 二 cells are blank, and the command says so.
    let before = (year - 1).to_string();
    let e = fails(gongkai(d, &["report", "annual", "--year", &before, "--agency", "001002003"]));
    assert!(e.contains("尚未填写"), "{e}");
    // Import that year from the CSV of a published report (its carry-over checks next year's
    // drafts; this year's report, already published, stays as it was published).
    let csv = stdout(&ok(gongkai(d, &["report", "annual", "--year", &y, "--agency", "001002003", "--format", "csv"])));
    let edited = csv.replace("四、结转下年度继续办理,", "四、结转下年度继续办理,9");
    std::fs::write(d.join("old.csv"), &edited).unwrap();
    let e = fails(gongkai(d, &["report", "import-annual", "old.csv"]));
    assert!(e.contains("--agency CODE and --year"), "{e}");
    let out =
        stdout(&ok(gongkai(d, &["report", "import-annual", "old.csv", "--agency", "001002003", "--year", &before])));
    assert!(out.contains("imported 温州市人民政府办公室"), "{out}");
    ok(gongkai(d, &["report", "annual", "--year", &y, "--agency", "001002003"]));
    let imported: serde_json::Value = serde_json::from_str(&stdout(&ok(gongkai(
        d,
        &["report", "annual", "--year", &before, "--agency", "001002003"],
    ))))
    .unwrap();
    assert_eq!(imported["source"], "imported");
    assert_eq!(imported["table3"]["rows"][24]["cells"]["natural-person"], 91, "what the CSV said (9 typed before 1)");
    let e = fails(gongkai(d, &["report", "import-annual", "old.csv", "--agency", "001002003", "--year", &before]));
    assert!(e.contains("已存在"), "{e}");
}

#[test]
fn reindex_and_search_check() {
    for engine in ["tantivy", "database"] {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("gongkai.toml"), format!("search_engine = \"{engine}\"\n")).unwrap();
        ok(gongkai(d, &["import", SEED_PAGE]));
        // No index yet: the check applies the outbox first, as a starting node would, and matches.
        let out = stdout(&ok(gongkai(d, &["search-check"])));
        assert!(out.contains("matches the database"), "{engine}: {out}");
        let out = stdout(&ok(gongkai(d, &["reindex"])));
        assert!(out.contains("1 documents indexed"), "{engine}: {out}");
        ok(gongkai(d, &["search-check"]));
    }
    // A tantivy index that lost its documents but not its cursor: the check says so, and a
    // rebuild mends it.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(gongkai(d, &["import", SEED_PAGE]));
    ok(gongkai(d, &["reindex"]));
    {
        use gongkai_search::SearchIndex;
        let index = gongkai_search::TantivyIndex::open(&d.join("gongkai-data/search")).unwrap();
        let cursor = index.cursor().unwrap();
        assert!(cursor > 0);
        index.clear().unwrap();
        index.commit_through(cursor).unwrap();
    }
    let e = fails(gongkai(d, &["search-check"]));
    assert!(e.contains("1 public documents missing") && e.contains("gongkai reindex"), "{e}");
    ok(gongkai(d, &["reindex"]));
    ok(gongkai(d, &["search-check"]));
}
