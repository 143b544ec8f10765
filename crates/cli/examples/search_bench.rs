//! Search benchmark driver (issue #4): indexes N generated documents (bodies of 1–5 KB, the demo
//! corpus's vocabulary and sentence shapes) into a tantivy index on disk, then runs a fixed mix
//! of 1,000 queries (1 to 4 words, half with a filter) and prints indexing throughput, query
//! latency p50/p99 and the index size. Run through `bench/search.sh`.

use std::time::Instant;

use gongkai::demo::corpus;
use gongkai::demo::seed::{self, DEMO_SEED};
use gongkai_search::{Filters, SearchDoc, SearchIndex, SearchQuery, TantivyIndex};

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
    let dir = std::env::args().nth(2).map(std::path::PathBuf::from).unwrap_or_else(|| "bench/out/search-index".into());
    let _ = std::fs::remove_dir_all(&dir);
    let index = TantivyIndex::open(&dir).expect("open the index");
    let agencies = corpus::agencies();
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
    let size: u64 = walk(&dir);
    println!(
        "indexed {n} documents ({:.1} MB of body text) in {secs:.1} s: {:.0} docs/s",
        bytes as f64 / 1e6,
        n as f64 / secs
    );
    println!("index size: {:.1} MB", size as f64 / 1e6);

    // The query mix: deterministic, 1–4 words, every other query with a filter.
    let mut latencies = Vec::with_capacity(1000);
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for q in 0..1000 {
        let words = 1 + (next() % 4) as usize;
        let text: Vec<&str> = (0..words).map(|_| WORDS[(next() % WORDS.len() as u64) as usize]).collect();
        let filters = if q % 2 == 1 {
            Filters { agency_id: Some(1 + (next() % agencies.len() as u64) as i64), ..Filters::default() }
        } else {
            Filters::default()
        };
        let query = SearchQuery { text: text.join(" "), filters, ..SearchQuery::default() };
        let t = Instant::now();
        let r = index.search(&query).expect("search");
        latencies.push(t.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(r);
    }
    latencies.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    println!(
        "1000 queries: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        pct(0.50),
        pct(0.99),
        latencies[latencies.len() - 1]
    );
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
