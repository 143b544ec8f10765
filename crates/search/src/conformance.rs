//! The behaviour every [`SearchIndex`] must show, on a small corpus: each implementation's tests
//! run [`run_all`] on an index of their own (tantivy in memory here; the database index on SQLite
//! and PostgreSQL in `gongkai-web`). Cases panic on failure, like tests.

use gongkai_core::doc::{Genre, PolicyKind, ValidityStatus};
use time::macros::date;

use crate::{Filters, SearchDoc, SearchIndex, SearchQuery, Sort};

/// A case: panics when the index does not behave.
pub type Case = fn(&dyn SearchIndex);

/// Every case, by name.
pub const CASES: &[(&str, Case)] = &[
    ("two_character_query_finds_words_inside_longer_words", two_character_query_finds_words_inside_longer_words),
    ("synonym_expands_short_form", synonym_expands_short_form),
    ("doc_no_variants_find_the_document_first", doc_no_variants_find_the_document_first),
    ("phrase_query_requires_adjacent_words", phrase_query_requires_adjacent_words),
    ("title_matches_rank_above_body_matches", title_matches_rank_above_body_matches),
    ("words_are_required_by_default", words_are_required_by_default),
    ("filters_and_facet_counts", filters_and_facet_counts),
    ("snippets_are_escaped_with_marks", snippets_are_escaped_with_marks),
    ("delete_and_upsert_replace_documents", delete_and_upsert_replace_documents),
    ("bad_input_never_fails", bad_input_never_fails),
    ("empty_query_browses_newest_first", empty_query_browses_newest_first),
    ("sort_by_date_orders_matches_newest_first", sort_by_date_orders_matches_newest_first),
    ("cursor_is_committed_with_the_documents", cursor_is_committed_with_the_documents),
];

/// Runs every case on `idx`, which is emptied first and left holding the corpus or less.
pub fn run_all(idx: &dyn SearchIndex) {
    for (name, case) in CASES {
        eprintln!("search conformance: {name}");
        case(idx);
    }
}

fn doc(id: i64, title: &str, body: &str) -> SearchDoc {
    SearchDoc {
        document_id: id,
        index_no: format!("001002003/2017-{id:05}"),
        doc_no: None,
        title: title.into(),
        body_text: body.into(),
        agency_id: 1,
        agency_name: "温州市财政局".into(),
        topic: "财政、金融、审计".into(),
        genre: Genre::Notice,
        policy_kind: PolicyKind::NotPolicy,
        validity: None,
        written_on: None,
        published_on: date!(2017 - 03 - 01),
    }
}

/// Six documents: two agencies' notices, a 规范性文件 with a 文号, a 双随机 opinion, a report
/// with markup in its body.
pub fn corpus() -> Vec<SearchDoc> {
    vec![
        SearchDoc {
            doc_no: Some("温政办〔2017〕62号".into()),
            policy_kind: PolicyKind::Normative,
            validity: Some(ValidityStatus::Valid),
            agency_id: 2,
            agency_name: "温州市人民政府办公室".into(),
            topic: "社会保障".into(),
            written_on: Some(date!(2017 - 06 - 20)),
            published_on: date!(2017 - 06 - 25),
            ..doc(
                1,
                "温州市人民政府办公室关于进一步完善最低生活保障制度的通知",
                "为进一步做好城乡最低生活保障工作，切实保障困难群众基本生活，现就有关事项通知如下。",
            )
        },
        SearchDoc {
            published_on: date!(2018 - 01 - 10),
            ..doc(2, "2017年温州市财政预算执行情况的报告", "全市一般公共预算收入完成情况良好，财政预算执行总体平稳。")
        },
        SearchDoc {
            doc_no: Some("温财预〔2019〕5号".into()),
            policy_kind: PolicyKind::OtherPolicy,
            published_on: date!(2019 - 05 - 05),
            written_on: Some(date!(2019 - 05 - 01)),
            ..doc(
                3,
                "关于做好2019年部门预算编制工作的通知",
                "各单位要严格执行财政预算，压减一般性支出。财政部门加强预算执行监督。",
            )
        },
        SearchDoc {
            agency_id: 3,
            agency_name: "温州市市场监督管理局".into(),
            topic: "市场监管、安全生产监管".into(),
            genre: Genre::Opinion,
            published_on: date!(2020 - 08 - 01),
            ..doc(
                4,
                "关于全面推行双随机、一公开监管工作的实施意见",
                "推行双随机、一公开监管，随机抽取检查对象，随机选派执法检查人员，抽查情况及查处结果及时向社会公开。",
            )
        },
        SearchDoc {
            agency_id: 3,
            agency_name: "温州市市场监督管理局".into(),
            topic: "市场监管、安全生产监管".into(),
            published_on: date!(2021 - 02 - 01),
            ..doc(
                5,
                "市场监管局2020年政府信息公开工作年度报告",
                "本机关收到依申请公开申请 12 件，全部按时答复。<script>alert(1)</script> 财政 & \"预算\"。",
            )
        },
        SearchDoc {
            published_on: date!(2016 - 12 - 01),
            ..doc(6, "关于公布行政事业性收费项目的通知", "各地财政部门要加强收费管理，本通知提及财政两次：财政。")
        },
    ]
}

/// Empties the index and loads [`corpus`].
pub fn load(idx: &dyn SearchIndex) {
    idx.clear().unwrap();
    for d in corpus() {
        idx.upsert(&d).unwrap();
    }
    idx.commit().unwrap();
}

fn ids(idx: &dyn SearchIndex, q: &SearchQuery) -> Vec<i64> {
    idx.search(q).unwrap().hits.iter().map(|h| h.document_id).collect()
}

pub fn two_character_query_finds_words_inside_longer_words(idx: &dyn SearchIndex) {
    load(idx);
    let found = ids(idx, &SearchQuery::text("财政"));
    for id in [2, 3, 5, 6] {
        assert!(found.contains(&id), "{id} missing from {found:?}");
    }
}

pub fn synonym_expands_short_form(idx: &dyn SearchIndex) {
    load(idx);
    let r = idx.search(&SearchQuery::text("低保")).unwrap();
    assert_eq!(r.hits.first().map(|h| h.document_id), Some(1));
    assert!(r.hits[0].title_html.contains("<mark>最低生活保障</mark>"), "{}", r.hits[0].title_html);
    let r = idx.search(&SearchQuery::text("双随机")).unwrap();
    assert_eq!(r.hits.first().map(|h| h.document_id), Some(4));
}

pub fn doc_no_variants_find_the_document_first(idx: &dyn SearchIndex) {
    load(idx);
    for variant in
        ["温政办〔2017〕62号", "温政办[2017]62号", "温政办（2017）62号", "温政办【2017】062号", " 温政办 (2017) 62 号 "]
    {
        let r = idx.search(&SearchQuery::text(variant)).unwrap();
        assert_eq!(r.exact, Some(1), "{variant}");
        assert_eq!(r.hits.first().map(|h| h.document_id), Some(1), "{variant}");
        let by_date = idx.search(&SearchQuery { sort: Sort::Date, ..SearchQuery::text(variant) }).unwrap();
        assert_eq!(by_date.hits.first().map(|h| h.document_id), Some(1), "{variant} by date");
    }
    let r = idx.search(&SearchQuery::text("001002003/2017-00003")).unwrap();
    assert_eq!(r.exact, Some(3));
    assert_eq!(r.hits.first().map(|h| h.document_id), Some(3));
    assert_eq!(idx.search(&SearchQuery::text("温政办〔2017〕99号")).unwrap().exact, None);
}

pub fn phrase_query_requires_adjacent_words(idx: &dyn SearchIndex) {
    load(idx);
    // 预算 and 执行 both occur in 2 and 3, but "预算执行" as a phrase …
    let phrase = ids(idx, &SearchQuery::text("\"预算执行\""));
    assert!(phrase.contains(&2) && phrase.contains(&3), "{phrase:?}");
    // … while "收入 预算" as a phrase does not occur anywhere.
    assert!(ids(idx, &SearchQuery::text("“收入预算”")).is_empty());
    assert!(!ids(idx, &SearchQuery::text("收入 预算")).is_empty());
}

pub fn title_matches_rank_above_body_matches(idx: &dyn SearchIndex) {
    load(idx);
    // 6 mentions 财政 three times in its body; 2 has it once in the title.
    let found = ids(idx, &SearchQuery::text("财政"));
    let pos = |id| found.iter().position(|x| *x == id).unwrap();
    assert!(pos(2) < pos(6), "{found:?}");
}

pub fn words_are_required_by_default(idx: &dyn SearchIndex) {
    load(idx);
    assert_eq!(ids(idx, &SearchQuery::text("预算 编制")), vec![3]);
    assert!(ids(idx, &SearchQuery::text("预算 低保")).is_empty());
}

pub fn filters_and_facet_counts(idx: &dyn SearchIndex) {
    load(idx);
    let all = idx.search(&SearchQuery::text("")).unwrap();
    assert_eq!(all.total, 6);
    let agency = |id: &str| all.facets.agency.iter().find(|f| f.value == id).map(|f| (f.count, f.label.clone()));
    assert_eq!(agency("1"), Some((3, "温州市财政局".into())));
    assert_eq!(agency("3"), Some((2, "温州市市场监督管理局".into())));
    assert_eq!(all.facets.year.first().map(|f| f.value.as_str()), Some("2021"));
    let y2017: u64 = all.facets.year.iter().filter(|f| f.value == "2017").map(|f| f.count).sum();
    assert_eq!(y2017, 1);
    assert_eq!(all.facets.validity.iter().map(|f| (f.value.as_str(), f.count)).collect::<Vec<_>>(), vec![("valid", 1)]);
    let opinion = all.facets.genre.iter().find(|f| f.value == "opinion").unwrap();
    assert_eq!((opinion.count, opinion.label.as_str()), (1, "意见"));

    let q = |filters: Filters| SearchQuery { filters, ..SearchQuery::default() };
    let r = idx.search(&q(Filters { agency_id: Some(3), ..Filters::default() })).unwrap();
    assert_eq!(r.total, 2);
    assert_eq!(r.facets.agency.len(), 1);
    assert_eq!(ids(idx, &q(Filters { policies_only: true, ..Filters::default() })), vec![3, 1]);
    assert_eq!(ids(idx, &q(Filters { year: Some(2019), ..Filters::default() })), vec![3]);
    assert_eq!(ids(idx, &q(Filters { genre: Some(Genre::Opinion), ..Filters::default() })), vec![4]);
    assert_eq!(ids(idx, &q(Filters { validity: Some(ValidityStatus::Valid), ..Filters::default() })), vec![1]);
    assert_eq!(ids(idx, &q(Filters { topic: Some("社会保障".into()), ..Filters::default() })), vec![1]);
    let r = idx
        .search(&SearchQuery {
            filters: Filters { agency_id: Some(1), ..Filters::default() },
            ..SearchQuery::text("财政")
        })
        .unwrap();
    assert_eq!(r.total, 3);
}

pub fn snippets_are_escaped_with_marks(idx: &dyn SearchIndex) {
    load(idx);
    let r = idx.search(&SearchQuery::text("依申请公开")).unwrap();
    let hit = r.hits.iter().find(|h| h.document_id == 5).unwrap();
    assert!(hit.snippet_html.contains("<mark>依申请公开</mark>"), "{}", hit.snippet_html);
    assert!(!hit.snippet_html.contains("<script>"), "{}", hit.snippet_html);
    assert!(hit.snippet_html.contains("&lt;script&gt;"), "{}", hit.snippet_html);
    let without_marks = hit.snippet_html.replace("<mark>", "").replace("</mark>", "");
    assert!(!without_marks.contains('<') && !without_marks.contains('>'), "{}", hit.snippet_html);
}

pub fn delete_and_upsert_replace_documents(idx: &dyn SearchIndex) {
    load(idx);
    assert_eq!(idx.len().unwrap(), 6);
    idx.delete(4).unwrap();
    idx.commit().unwrap();
    assert!(ids(idx, &SearchQuery::text("双随机")).is_empty());
    assert_eq!(idx.document_ids().unwrap(), vec![1, 2, 3, 5, 6]);
    idx.upsert(&SearchDoc { title: "全新标题关于河长制".into(), ..corpus()[1].clone() }).unwrap();
    idx.commit().unwrap();
    assert_eq!(idx.len().unwrap(), 5);
    assert_eq!(ids(idx, &SearchQuery::text("河长制")), vec![2]);
    idx.clear().unwrap();
    assert_eq!(idx.len().unwrap(), 0);
    assert!(idx.search(&SearchQuery::text("财政")).unwrap().hits.is_empty());
}

pub fn bad_input_never_fails(idx: &dyn SearchIndex) {
    load(idx);
    let long = "财政预算".repeat(2600);
    let inputs = [
        "\"",
        "\"\"",
        "\"财政",
        "财政\"",
        "“未闭合",
        "AND",
        "OR NOT",
        "财政 AND 预算 OR NOT 报告",
        "+ - : ^ * ( ) ~",
        "title:财政",
        "财政^10",
        "预*",
        "(财政 OR",
        "~~~",
        "😀🎉",
        "财政😀预算",
        "\u{0}\u{1}\u{7}\u{1b}[31m\u{7f}",
        "\t\n\r",
        "！？。，、；：……——",
        "[]{}<>\\/|&&||!",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "温政办[2017",
        "〔〕号",
        long.as_str(),
    ];
    for input in inputs {
        for sort in [Sort::Relevance, Sort::Date] {
            let q = SearchQuery { sort, page: 3, per_page: 0, ..SearchQuery::text(input) };
            let r = idx.search(&q);
            assert!(r.is_ok(), "{input:?}: {r:?}");
            let q = SearchQuery { sort, page: u32::MAX, per_page: u32::MAX, ..SearchQuery::text(input) };
            assert!(idx.search(&q).is_ok(), "{input:?}");
        }
    }
    // Only punctuation is an empty query: every document, newest first.
    assert_eq!(idx.search(&SearchQuery::text("！？。，")).unwrap().total, 6);
}

pub fn empty_query_browses_newest_first(idx: &dyn SearchIndex) {
    load(idx);
    let r = idx.search(&SearchQuery::default()).unwrap();
    assert_eq!(r.total, 6);
    assert_eq!(r.hits.iter().map(|h| h.document_id).collect::<Vec<_>>(), vec![5, 4, 3, 2, 1, 6]);
    assert_eq!(r.exact, None);
    let page2 = ids(idx, &SearchQuery { page: 2, per_page: 4, ..SearchQuery::default() });
    assert_eq!(page2, vec![1, 6]);
}

pub fn sort_by_date_orders_matches_newest_first(idx: &dyn SearchIndex) {
    load(idx);
    let r = ids(idx, &SearchQuery { sort: Sort::Date, ..SearchQuery::text("财政") });
    assert_eq!(r, vec![5, 3, 2, 6]);
}

pub fn cursor_is_committed_with_the_documents(idx: &dyn SearchIndex) {
    load(idx);
    idx.commit_through(7).unwrap();
    assert_eq!(idx.cursor().unwrap(), 7);
    idx.delete(1).unwrap();
    idx.commit().unwrap();
    assert_eq!(idx.cursor().unwrap(), 7, "a plain commit keeps the cursor");
    assert_eq!(idx.len().unwrap(), 5);
    idx.upsert(&corpus()[0]).unwrap();
    idx.commit_through(9).unwrap();
    assert_eq!((idx.cursor().unwrap(), idx.len().unwrap()), (9, 6));
    idx.clear().unwrap();
    assert_eq!(idx.cursor().unwrap(), 0, "an emptied index reflects no outbox row");
}
