//! Search benchmark driver (issue #4): indexes N generated documents (bodies of 1–5 KB, the demo
//! corpus's vocabulary and sentence shapes) into a tantivy index on disk, then runs a fixed mix
//! of 1,000 queries (1 to 4 words, half with a filter) and prints indexing throughput, query
//! latency p50/p99 and the index size.
//!
//! In the same run, the same N documents (same generator, same ids) are loaded into the naive
//! search most platforms run (`gongkai_store::naive_search`: SQLite FTS5 trigram, `LIKE` for
//! 1–2 character words) and the same query mix is timed against it, with the ratios
//! naive/tantivy. The naive engine can take seconds a query, so it runs on every k-th pair of
//! queries of the mix (an unfiltered one and the filtered one after it, so both stay half and
//! half), k chosen from a pilot of 11 queries spread over the mix and a time budget; tantivy's
//! figures are then taken on exactly the same queries. Only timed queries are reported.
//!
//! Usage: `search_bench N [INDEX_DIR] [NAIVE_DB] [NAIVE_BUDGET_SECS]`. Run through
//! `bench/search.sh`.
//!
//! With `SEARCH_BENCH_QUERIES_ONLY=1` and an index of N documents already in INDEX_DIR (from an
//! earlier run with the same schema), only tantivy's queries are timed: for trying a change to the
//! query side at 1M documents without twenty minutes of loading. The figures in
//! `docs/benchmarks.md` come from full runs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use gongkai::demo::corpus;
use gongkai::demo::seed::{self, DEMO_SEED};
use gongkai_search::{Filters, SearchDoc, SearchIndex, SearchQuery, TantivyIndex};
use gongkai_store::naive_search::{NaiveDoc, NaiveSearch, QueryKind};

/// Words of government text for the query mix (subjects of the corpus and common terms).
const WORDS: [&str; 40] = [
    "财政",
    "预算",
    "低保",
    "最低生活保障",
    "政务公开",
    "教育",
    "招生",
    "养老",
    "医疗",
    "分级诊疗",
    "老旧小区",
    "改造",
    "五水共治",
    "危险化学品",
    "安全生产",
    "失业保险",
    "就业",
    "学前教育",
    "土地征收",
    "国土空间规划",
    "港口",
    "交通",
    "食品安全",
    "产品质量",
    "营商环境",
    "数字经济",
    "惠企政策",
    "户籍",
    "乡村振兴",
    "信访",
    "消防",
    "防汛",
    "统计",
    "经济运行",
    "生态环境",
    "大气污染",
    "住房保障",
    "公积金",
    "残疾人",
    "城中村",
];

fn main() {
    let n: u64 = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let dir = std::env::args().nth(2).map(PathBuf::from).unwrap_or_else(|| "bench/out/search-index".into());
    let naive_db = std::env::args()
        .nth(3)
        .map(PathBuf::from)
        .unwrap_or_else(|| dir.parent().unwrap_or(Path::new(".")).join("naive.sqlite"));
    let budget_secs: f64 = std::env::args().nth(4).and_then(|s| s.parse().ok()).unwrap_or(DEFAULT_BUDGET_SECS);
    let queries_only = std::env::var_os("SEARCH_BENCH_QUERIES_ONLY").is_some_and(|v| v == "1");
    let agencies = corpus::agencies();
    if queries_only {
        let index = TantivyIndex::open(&dir).expect("open the index");
        let len = index.len().expect("count the index");
        assert_eq!(len, n, "SEARCH_BENCH_QUERIES_ONLY needs an index of {n} documents in {}", dir.display());
        tantivy_queries(&index, &query_mix(agencies.len()));
        return;
    }
    let _ = std::fs::remove_dir_all(&dir);
    let index = TantivyIndex::open(&dir).expect("open the index");
    let started = Instant::now();
    let mut bytes = 0u64;
    for i in 0..n {
        let d = corpus::document_sized(DEMO_SEED, i, 1024, 5120);
        let f = seed::edition_fields(&d).expect("a generated document parses");
        let a = agencies.iter().position(|a| a.code == d.agency_code).unwrap_or(0);
        let body = f.body.plain_text();
        bytes += body.len() as u64;
        let doc = SearchDoc {
            document_id: i as i64 + 1,
            index_no: format!("{}/{}-{:07}", d.agency_code, d.published.0, i),
            doc_no: f.doc_no.as_ref().map(|x| x.to_string()),
            title: f.title.as_str().to_string(),
            body_text: body,
            agency_id: a as i64 + 1,
            agency_name: agencies[a].name.to_string(),
            topic: f.topic.label(),
            genre: f.genre,
            policy_kind: f.policy_kind,
            validity: f.validity.map(|v| v.status()),
            written_on: f.written_on,
            published_on: gongkai_core::tz::local_date(seed::published_at(&d).expect("a publication time")),
        };
        index.upsert(&doc).expect("index a document");
        if (i + 1) % 50_000 == 0 {
            index.commit().expect("commit");
            eprintln!("{} documents, {:.0} docs/s", i + 1, (i + 1) as f64 / started.elapsed().as_secs_f64());
        }
    }
    index.commit().expect("commit");
    let secs = started.elapsed().as_secs_f64();
    println!(
        "indexed {n} documents ({:.1} MB of body text) in {secs:.1} s: {:.0} docs/s",
        bytes as f64 / 1e6,
        n as f64 / secs
    );
    // Queries are timed on the index as it serves: with the merges the last commits started
    // finished, not competing with them for the two cores.
    let merging = Instant::now();
    index.finish().expect("finish merging");
    println!("merges finished {:.1} s after the last commit", merging.elapsed().as_secs_f64());
    let index = TantivyIndex::open(&dir).expect("reopen the index");
    println!("index size: {:.1} MB", walk(&dir) as f64 / 1e6);

    // The query mix, generated once for both engines.
    let mix = query_mix(agencies.len());
    let (tantivy_by_query, tantivy_totals) = tantivy_queries(&index, &mix);
    drop(index);

    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime");
    runtime.block_on(naive(n, &naive_db, &mix, &tantivy_by_query, &tantivy_totals, budget_secs));
}

/// Runs the mix against tantivy and prints p50/p99/max: each query's milliseconds and total.
fn tantivy_queries(index: &TantivyIndex, mix: &[MixQuery]) -> (Vec<f64>, Vec<u64>) {
    let mut latencies = Vec::with_capacity(mix.len());
    let mut totals = Vec::with_capacity(mix.len());
    for q in mix {
        let filters = Filters { agency_id: q.agency_id, ..Filters::default() };
        let query = SearchQuery { text: q.text.clone(), filters, ..SearchQuery::default() };
        let t = Instant::now();
        let r = index.search(&query).expect("search");
        latencies.push(t.elapsed().as_secs_f64() * 1000.0);
        totals.push(r.total);
        std::hint::black_box(r);
    }
    let by_query = latencies.clone();
    latencies.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    println!(
        "1000 queries: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        pct(0.50),
        pct(0.99),
        latencies[latencies.len() - 1]
    );
    (by_query, totals)
}

/// Seconds the naive engine's timed queries may take (the pilot included) unless told otherwise.
const DEFAULT_BUDGET_SECS: f64 = 720.0;

/// The pilot: queries 0, 97, 194 … 970 (odd stride: filtered and unfiltered alternate).
const PILOT_STRIDE: usize = 97;

/// One query of the mix.
struct MixQuery {
    text: String,
    agency_id: Option<i64>,
}

/// The query mix: deterministic, 1–4 words, every other query filtered by agency.
fn query_mix(agency_count: usize) -> Vec<MixQuery> {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..1000)
        .map(|q| {
            let words = 1 + (next() % 4) as usize;
            let text: Vec<&str> = (0..words).map(|_| WORDS[(next() % WORDS.len() as u64) as usize]).collect();
            let agency_id = (q % 2 == 1).then(|| 1 + (next() % agency_count as u64) as i64);
            MixQuery { text: text.join(" "), agency_id }
        })
        .collect()
}

/// Loads the same documents into the naive SQLite search and times the same queries.
async fn naive(n: u64, path: &Path, mix: &[MixQuery], tantivy_ms: &[f64], tantivy_totals: &[u64], budget_secs: f64) {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create the output directory");
    }
    let mut db = NaiveSearch::create(path).await.expect("create the naive search database");
    let agencies = corpus::agencies();
    const BATCH: usize = 10_000;
    let started = Instant::now();
    let mut generating = 0.0;
    let mut bytes = 0u64;
    let mut batch = Vec::with_capacity(BATCH);
    for i in 0..n {
        let t = Instant::now();
        let d = corpus::document_sized(DEMO_SEED, i, 1024, 5120);
        let f = seed::edition_fields(&d).expect("a generated document parses");
        let a = agencies.iter().position(|a| a.code == d.agency_code).unwrap_or(0);
        let body = f.body.plain_text();
        bytes += body.len() as u64;
        batch.push(NaiveDoc {
            id: i as i64 + 1,
            agency_id: a as i64 + 1,
            published: seed::published_at(&d).expect("a publication time").unix_timestamp(),
            title: f.title.as_str().to_string(),
            body,
        });
        generating += t.elapsed().as_secs_f64();
        if batch.len() == BATCH || i + 1 == n {
            db.insert_batch(&batch).await.expect("insert a batch");
            batch.clear();
        }
        if (i + 1) % 50_000 == 0 {
            eprintln!("naive: {} documents, {:.0} docs/s", i + 1, (i + 1) as f64 / started.elapsed().as_secs_f64());
        }
    }
    let inserted = started.elapsed().as_secs_f64();
    let times = db.finish_load().await.expect("trigram index, indexes and ANALYZE");
    let secs = started.elapsed().as_secs_f64();
    println!();
    println!("naive (SQLite FTS5 trigram + LIKE for 1–2 character words), database {}", path.display());
    println!(
        "loaded {n} documents ({:.1} MB of body text) in {secs:.1} s: {:.0} docs/s \
         (generating the documents {generating:.1} s, inserting the rows {:.1} s, building the trigram \
         index {:.1} s, triggers + date and agency indexes + ANALYZE {:.1} s)",
        bytes as f64 / 1e6,
        n as f64 / secs,
        inserted - generating,
        times.fts.as_secs_f64(),
        times.indexes.as_secs_f64(),
    );
    let size: u64 = ["", "-journal", "-wal"]
        .iter()
        .filter_map(|s| std::fs::metadata(format!("{}{s}", path.display())).ok())
        .map(|m| m.len())
        .sum();
    let parts = db.sizes().await.expect("dbstat");
    println!(
        "database size: {:.1} MB (documents table {:.1} MB, trigram index {:.1} MB, b-tree indexes {:.1} MB)",
        size as f64 / 1e6,
        parts.documents as f64 / 1e6,
        parts.fts as f64 / 1e6,
        parts.indexes as f64 / 1e6,
    );

    // Pilot, to choose k.
    let pilot: Vec<usize> = (0..mix.len()).step_by(PILOT_STRIDE).collect();
    let pilot_started = Instant::now();
    let mut pilot_ms = Vec::new();
    for &q in &pilot {
        pilot_ms.push(time_naive(&mut db, &mix[q]).await.0);
    }
    let pilot_secs = pilot_started.elapsed().as_secs_f64();
    let pilot_mean = pilot_secs / pilot.len() as f64;
    let left = (budget_secs - pilot_secs).max(budget_secs / 10.0);
    let k = ((pilot_mean * mix.len() as f64 / left).ceil() as usize).max(1);
    println!(
        "naive pilot (not counted below): queries {} ({} queries) took {pilot_secs:.1} s, mean {:.0} ms; \
         budget {budget_secs:.0} s => k = {k}",
        pilot.iter().map(|q| q.to_string()).collect::<Vec<_>>().join(", "),
        pilot.len(),
        pilot_mean * 1000.0,
    );

    // The compared queries: every k-th pair (an unfiltered query and the filtered one after it).
    let compared: Vec<usize> = (0..mix.len()).filter(|q| (q / 2) % k == 0).collect();
    let mut naive_ms = Vec::with_capacity(compared.len());
    let mut naive_totals = Vec::with_capacity(compared.len());
    let run_started = Instant::now();
    for &q in &compared {
        let (ms, total) = time_naive(&mut db, &mix[q]).await;
        naive_ms.push(ms);
        naive_totals.push(total);
    }
    let run_secs = run_started.elapsed().as_secs_f64();
    let filtered = compared.iter().filter(|&&q| mix[q].agency_id.is_some()).count();
    println!();
    println!(
        "compared queries: {} of the 1,000 of the mix, {}, {filtered} of them filtered by agency; \
         naive total time {run_secs:.1} s",
        compared.len(),
        if k == 1 {
            "all (0–999)".to_string()
        } else {
            format!(
                "every {k}-th pair: q with floor(q/2) % {k} == 0, i.e. {}",
                compared.iter().take(6).map(|q| q.to_string()).collect::<Vec<_>>().join(", ") + " …"
            )
        },
    );
    let t_ms: Vec<f64> = compared.iter().map(|&q| tantivy_ms[q]).collect();
    let by_kind = |kind: Option<QueryKind>| -> (Vec<f64>, Vec<f64>, u64, u64) {
        let mut t = Vec::new();
        let mut nv = Vec::new();
        let (mut tt, mut nt) = (0u64, 0u64);
        for (i, &q) in compared.iter().enumerate() {
            if kind.is_none_or(|k| QueryKind::of(&mix[q].text) == k) {
                t.push(t_ms[i]);
                nv.push(naive_ms[i]);
                tt += tantivy_totals[q];
                nt += naive_totals[i];
            }
        }
        (t, nv, tt, nt)
    };
    println!(
        "{:<14} {:>7} {:>11} {:>11} {:>11} {:>11} {:>11} {:>11} {:>9} {:>9} {:>9} {:>14} {:>14}",
        "queries",
        "count",
        "tantivy p50",
        "naive p50",
        "tantivy p99",
        "naive p99",
        "tantivy mean",
        "naive mean",
        "p50 ×",
        "p99 ×",
        "mean ×",
        "tantivy hits",
        "naive hits"
    );
    let mut kinds: BTreeMap<QueryKind, usize> = BTreeMap::new();
    for &q in &compared {
        *kinds.entry(QueryKind::of(&mix[q].text)).or_default() += 1;
    }
    let rows = std::iter::once(("all", None)).chain(kinds.keys().map(|k| (k.label(), Some(*k))));
    for (label, kind) in rows {
        let (t, nv, tt, nt) = by_kind(kind);
        if t.is_empty() {
            continue;
        }
        let (t50, t99, tmean) = stats(&t);
        let (n50, n99, nmean) = stats(&nv);
        println!(
            "{label:<14} {:>7} {:>8.2} ms {:>8.1} ms {:>8.2} ms {:>8.1} ms {:>9.2} ms {:>8.1} ms {:>8.0}× {:>8.0}× {:>8.0}× {:>14} {:>14}",
            t.len(),
            t50,
            n50,
            t99,
            n99,
            tmean,
            nmean,
            n50 / t50,
            n99 / t99,
            nmean / tmean,
            format!("{:.0}/query", tt as f64 / t.len() as f64),
            format!("{:.0}/query", nt as f64 / t.len() as f64),
        );
    }
    let (t50, t99, tmean) = stats(&t_ms);
    let (n50, n99, nmean) = stats(&naive_ms);
    println!(
        "on the {} compared queries: tantivy p50 {t50:.2} ms, p99 {t99:.2} ms, mean {tmean:.2} ms; \
         naive p50 {n50:.1} ms, p99 {n99:.1} ms, mean {nmean:.1} ms; naive/tantivy: p50 {:.0}×, p99 {:.0}×, mean {:.0}×",
        compared.len(),
        n50 / t50,
        n99 / t99,
        nmean / tmean,
    );
}

/// Times one query on the naive engine (page and count): milliseconds and the total.
async fn time_naive(db: &mut NaiveSearch, q: &MixQuery) -> (f64, u64) {
    let t = Instant::now();
    let r = db.search(&q.text, q.agency_id).await.expect("naive search");
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    let total = r.total;
    std::hint::black_box(r);
    (ms, total)
}

/// p50, p99 (the same percentile rule as the full mix) and mean of `ms`.
fn stats(ms: &[f64]) -> (f64, f64, f64) {
    let mut v = ms.to_vec();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let pct = |p: f64| v[((v.len() as f64 * p) as usize).min(v.len() - 1)];
    (pct(0.50), pct(0.99), v.iter().sum::<f64>() / v.len() as f64)
}

fn walk(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.metadata().map(|m| if m.is_dir() { walk(&e.path()) } else { m.len() }).unwrap_or(0))
                .sum()
        })
        .unwrap_or(0)
}
