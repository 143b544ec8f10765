use super::*;
use crate::doc::WithholdingGround;
use crate::foi::{ApplicantKind, ReplyType, Table3Row};
use proptest::prelude::*;
use time::macros::date;
use time::{Date, Duration};

use ApplicantKind::{
    Commercial as C, LegalService as L, NaturalPerson as N, OtherOrganisation as O, PublicInterest as P, Research as R,
};

fn case(applicant: ApplicantKind, received_on: Date, closed: Option<(Date, ReplyType)>) -> ReportCase {
    ReportCase { applicant, received_on, closed }
}

fn withheld(g: WithholdingGround) -> ReplyType {
    ReplyType::Withheld(g)
}

/// 34 applications, 2022–2025, every applicant kind and every reply type. The comment on each
/// says where it is counted in 2023 and 2024.
fn sample_cases() -> Vec<ReportCase> {
    use ReplyType::*;
    use WithholdingGround as G;
    vec![
        // 2022 → 2023: 二 in 2023, result in 2023.
        case(N, date!(2022 - 12 - 20), Some((date!(2023 - 01 - 10), Disclosed))),
        case(C, date!(2022 - 12 - 28), Some((date!(2023 - 01 - 16), PartiallyDisclosed))),
        // Closed in 2022: not counted in 2023 or 2024.
        case(N, date!(2022 - 11 - 01), Some((date!(2022 - 11 - 20), Disclosed))),
        // Received and closed in 2023.
        case(N, date!(2023 - 01 - 05), Some((date!(2023 - 01 - 05), AlreadyPublic))),
        case(N, date!(2023 - 02 - 01), Some((date!(2023 - 02 - 20), withheld(G::StateSecret)))),
        case(R, date!(2023 - 02 - 10), Some((date!(2023 - 03 - 01), withheld(G::ProhibitedByLaw)))),
        case(P, date!(2023 - 03 - 01), Some((date!(2023 - 03 - 20), withheld(G::Security)))),
        case(L, date!(2023 - 03 - 15), Some((date!(2023 - 04 - 10), withheld(G::ThirdParty)))),
        case(O, date!(2023 - 04 - 01), Some((date!(2023 - 04 - 25), withheld(G::InternalAffairs)))),
        case(N, date!(2023 - 05 - 01), Some((date!(2023 - 05 - 20), withheld(G::ProcessInformation)))),
        case(C, date!(2023 - 05 - 10), Some((date!(2023 - 06 - 01), withheld(G::EnforcementFile)))),
        case(N, date!(2023 - 06 - 01), Some((date!(2023 - 06 - 15), SpecialRegister))),
        case(R, date!(2023 - 06 - 10), Some((date!(2023 - 07 - 01), NotExist))),
        case(N, date!(2023 - 07 - 01), Some((date!(2023 - 07 - 20), NotThisAgency))),
        case(L, date!(2023 - 07 - 10), Some((date!(2023 - 08 - 01), NeedsCreation))),
        case(N, date!(2023 - 08 - 01), Some((date!(2023 - 09 - 01), UnclearAfterCorrection))),
        case(P, date!(2023 - 08 - 15), Some((date!(2023 - 09 - 05), Petition))),
        case(N, date!(2023 - 09 - 01), Some((date!(2023 - 09 - 10), Repeat))),
        case(O, date!(2023 - 09 - 15), Some((date!(2023 - 10 - 01), Publication))),
        case(N, date!(2023 - 10 - 01), Some((date!(2023 - 10 - 20), Excessive))),
        case(C, date!(2023 - 10 - 15), Some((date!(2023 - 11 - 01), ConfirmOrReissue))),
        case(N, date!(2023 - 11 - 01), Some((date!(2023 - 12 - 01), AbandonedNoCorrection))),
        case(L, date!(2023 - 11 - 15), Some((date!(2023 - 12 - 20), AbandonedUnpaidFee))),
        case(O, date!(2023 - 12 - 01), Some((date!(2023 - 12 - 31), Other))),
        // 2023 → 2024: 四 in 2023; 二 and result in 2024.
        case(N, date!(2023 - 12 - 15), Some((date!(2024 - 01 - 10), PartiallyDisclosed))),
        case(C, date!(2023 - 12 - 20), Some((date!(2024 - 01 - 20), Disclosed))),
        // Received on the last day of 2023, still open: 四 in 2023, 二 and 四 in 2024.
        case(R, date!(2023 - 12 - 31), None),
        // Received and closed in 2024.
        case(N, date!(2024 - 01 - 01), Some((date!(2024 - 01 - 15), withheld(G::ThirdParty)))),
        case(P, date!(2024 - 02 - 01), Some((date!(2024 - 03 - 01), AbandonedUnpaidFee))),
        case(O, date!(2024 - 03 - 01), Some((date!(2024 - 03 - 15), NotExist))),
        // 2024 → 2025 and still open: 四 in 2024.
        case(L, date!(2024 - 04 - 01), Some((date!(2025 - 01 - 05), Disclosed))),
        case(N, date!(2024 - 05 - 01), None),
        // Received in 2025: not counted.
        case(C, date!(2025 - 01 - 02), Some((date!(2025 - 01 - 10), Disclosed))),
        // 2022 → 2024: 二 and 四 in 2023; 二 and result in 2024.
        case(N, date!(2022 - 12 - 30), Some((date!(2024 - 02 - 01), Other))),
    ]
}

/// Columns: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
const EXPECTED_2023: [[u64; 7]; 25] = [
    [10, 3, 3, 2, 3, 3, 24], // 一、本年新收
    [2, 1, 0, 0, 0, 0, 3],   // 二、上年结转
    [2, 0, 0, 0, 0, 0, 2],   // （一）予以公开
    [0, 1, 0, 0, 0, 0, 1],   // （二）部分公开
    [1, 0, 0, 0, 0, 0, 1],   // （三）1 国家秘密
    [0, 0, 1, 0, 0, 0, 1],   // （三）2 法律行政法规禁止
    [0, 0, 0, 1, 0, 0, 1],   // （三）3 三安全一稳定
    [0, 0, 0, 0, 1, 0, 1],   // （三）4 第三方
    [0, 0, 0, 0, 0, 1, 1],   // （三）5 内部事务
    [1, 0, 0, 0, 0, 0, 1],   // （三）6 过程性信息
    [0, 1, 0, 0, 0, 0, 1],   // （三）7 行政执法案卷
    [1, 0, 0, 0, 0, 0, 1],   // （三）8 行政查询事项
    [1, 0, 1, 0, 0, 0, 2],   // （四）1 不掌握
    [0, 0, 0, 0, 1, 0, 1],   // （四）2 另行制作
    [1, 0, 0, 0, 0, 0, 1],   // （四）3 补正后仍不明确
    [0, 0, 0, 1, 0, 0, 1],   // （五）1 信访举报投诉
    [1, 0, 0, 0, 0, 0, 1],   // （五）2 重复申请
    [0, 0, 0, 0, 0, 1, 1],   // （五）3 公开出版物
    [1, 0, 0, 0, 0, 0, 1],   // （五）4 大量反复
    [0, 1, 0, 0, 0, 0, 1],   // （五）5 确认或重新出具
    [1, 0, 0, 0, 0, 0, 1],   // （六）1 逾期不补正
    [0, 0, 0, 0, 1, 0, 1],   // （六）2 逾期未缴费
    [0, 0, 0, 0, 0, 1, 1],   // （六）3 其他
    [10, 3, 2, 2, 3, 3, 23], // （七）总计
    [2, 1, 1, 0, 0, 0, 4],   // 四、结转下年度继续办理
];

const EXPECTED_2024: [[u64; 7]; 25] = [
    [2, 0, 0, 1, 1, 1, 5], // 一、本年新收
    [2, 1, 1, 0, 0, 0, 4], // 二、上年结转
    [0, 1, 0, 0, 0, 0, 1], // （一）予以公开
    [1, 0, 0, 0, 0, 0, 1], // （二）部分公开
    [0, 0, 0, 0, 0, 0, 0], // （三）1
    [0, 0, 0, 0, 0, 0, 0], // （三）2
    [0, 0, 0, 0, 0, 0, 0], // （三）3
    [1, 0, 0, 0, 0, 0, 1], // （三）4 第三方
    [0, 0, 0, 0, 0, 0, 0], // （三）5
    [0, 0, 0, 0, 0, 0, 0], // （三）6
    [0, 0, 0, 0, 0, 0, 0], // （三）7
    [0, 0, 0, 0, 0, 0, 0], // （三）8
    [0, 0, 0, 0, 0, 1, 1], // （四）1 不掌握
    [0, 0, 0, 0, 0, 0, 0], // （四）2
    [0, 0, 0, 0, 0, 0, 0], // （四）3
    [0, 0, 0, 0, 0, 0, 0], // （五）1
    [0, 0, 0, 0, 0, 0, 0], // （五）2
    [0, 0, 0, 0, 0, 0, 0], // （五）3
    [0, 0, 0, 0, 0, 0, 0], // （五）4
    [0, 0, 0, 0, 0, 0, 0], // （五）5
    [0, 0, 0, 0, 0, 0, 0], // （六）1
    [0, 0, 0, 1, 0, 0, 1], // （六）2 逾期未缴费
    [1, 0, 0, 0, 0, 0, 1], // （六）3 其他
    [3, 1, 0, 1, 0, 1, 6], // （七）总计
    [1, 0, 1, 0, 1, 0, 3], // 四、结转下年度继续办理
];

fn assert_table(table: &Table3, expected: &[[u64; 7]; 25]) {
    for (line, expected_row) in Table3Line::ALL.iter().zip(expected) {
        assert_eq!(table.row(*line), *expected_row, "row {} {}", line.code(), line.full_label());
    }
}

fn t2023() -> Table3 {
    Table3::compute(2023, sample_cases()).unwrap()
}

fn t2024() -> Table3 {
    Table3::compute(2024, sample_cases()).unwrap()
}

const NP: Table3Column = Table3Column::Applicant(N);
const CO: Table3Column = Table3Column::Applicant(C);
const LS: Table3Column = Table3Column::Applicant(L);
const TOTAL: Table3Column = Table3Column::Total;

#[test]
fn sample_covers_every_applicant_kind_and_every_reply_type() {
    let cases = sample_cases();
    for kind in ApplicantKind::ALL {
        assert!(cases.iter().any(|c| c.applicant == *kind), "{kind}");
    }
    for reply in ReplyType::all() {
        assert!(cases.iter().any(|c| c.closed.map(|(_, r)| r) == Some(reply)), "{}", reply.code());
    }
}

#[test]
fn table3_2023_cells_are_as_counted_by_hand() {
    let table = t2023();
    assert_table(&table, &EXPECTED_2023);
    assert_eq!(table.checks(), vec![]);
}

#[test]
fn table3_2024_cells_are_as_counted_by_hand() {
    let table = t2024();
    assert_table(&table, &EXPECTED_2024);
    assert_eq!(table.checks(), vec![]);
    assert_eq!(table.check_carry_over(&t2023()), vec![]);
}

#[test]
fn years_without_cases_in_them_are_zero_or_carry_only() {
    assert_eq!(Table3::compute(2021, sample_cases()).unwrap(), Table3::zero());
    let y2025 = Table3::compute(2025, sample_cases()).unwrap();
    assert_eq!(y2025.row(Table3Line::CarriedIn), [1, 0, 1, 0, 1, 0, 3]);
    assert_eq!(y2025.row(Table3Line::New), [0, 1, 0, 0, 0, 0, 1]);
    assert_eq!(y2025.row(Table3Line::Result(Table3Row::Disclosed)), [0, 1, 0, 0, 1, 0, 2]);
    assert_eq!(y2025.row(Table3Line::CarriedOut), [1, 0, 1, 0, 0, 0, 2]);
    assert_eq!(y2025.checks(), vec![]);
}

#[test]
fn a_case_received_in_2023_and_replied_in_2024_is_carried_out_then_carried_in_and_counted_once() {
    let cases = [case(L, date!(2023 - 12 - 28), Some((date!(2024 - 01 - 03), ReplyType::NotExist)))];
    let y2023 = Table3::compute(2023, cases).unwrap();
    let y2024 = Table3::compute(2024, cases).unwrap();
    let not_held = Table3Line::Result(Table3Row::NotHeld);

    assert_eq!(y2023.row(Table3Line::New), [0, 0, 0, 0, 1, 0, 1]);
    assert_eq!(y2023.row(Table3Line::CarriedIn), [0; 7]);
    assert_eq!(y2023.row(not_held), [0; 7]);
    assert_eq!(y2023.row(Table3Line::ResultTotal), [0; 7]);
    assert_eq!(y2023.row(Table3Line::CarriedOut), [0, 0, 0, 0, 1, 0, 1]);

    assert_eq!(y2024.row(Table3Line::New), [0; 7]);
    assert_eq!(y2024.row(Table3Line::CarriedIn), [0, 0, 0, 0, 1, 0, 1]);
    assert_eq!(y2024.row(not_held), [0, 0, 0, 0, 1, 0, 1]);
    assert_eq!(y2024.row(Table3Line::ResultTotal), [0, 0, 0, 0, 1, 0, 1]);
    assert_eq!(y2024.row(Table3Line::CarriedOut), [0; 7]);

    assert_eq!(y2023.checks(), vec![]);
    assert_eq!(y2024.checks(), vec![]);
    assert_eq!(y2024.check_carry_over(&y2023), vec![]);
}

#[test]
fn a_case_closed_before_it_was_received_is_an_error_whatever_its_year() {
    let mut cases = sample_cases();
    cases.push(case(P, date!(2019 - 03 - 10), Some((date!(2019 - 03 - 09), ReplyType::Disclosed))));
    let err = Table3::compute(2023, cases).unwrap_err();
    assert_eq!(
        err,
        ReportError::ClosedBeforeReceived {
            position: 34,
            received_on: date!(2019 - 03 - 10),
            closed_on: date!(2019 - 03 - 09)
        }
    );
    assert_eq!(
        err.to_string(),
        "第 34 件政府信息公开申请的办结日期（2019-03-09）早于收到申请之日（2019-03-10），无法统计"
    );
}

#[test]
fn a_case_replied_on_the_day_it_was_received_is_fine() {
    let table =
        Table3::compute(2023, [case(N, date!(2023 - 06 - 01), Some((date!(2023 - 06 - 01), ReplyType::Disclosed)))])
            .unwrap();
    assert_eq!(table.row(Table3Line::Result(Table3Row::Disclosed)), [1, 0, 0, 0, 0, 0, 1]);
}

#[test]
fn partial_disclosure_counts_only_in_row_two() {
    let cases = [
        case(N, date!(2023 - 03 - 01), Some((date!(2023 - 03 - 10), ReplyType::PartiallyDisclosed))),
        case(R, date!(2023 - 04 - 01), Some((date!(2023 - 04 - 10), ReplyType::PartiallyDisclosed))),
    ];
    let table = Table3::compute(2023, cases).unwrap();
    for row in Table3Row::ALL {
        let expected = if *row == Table3Row::Partial { [1, 0, 1, 0, 0, 0, 2] } else { [0; 7] };
        assert_eq!(table.row(Table3Line::Result(*row)), expected, "{}", row.code());
    }
    assert_eq!(table.row(Table3Line::ResultTotal), [1, 0, 1, 0, 0, 0, 2]);
}

#[test]
fn tampering_with_a_count_fails_its_column_identity_and_its_row_total() {
    let mut table = t2023();
    table.set_cell(Table3Line::New, NP, 11);
    let failures = table.checks();
    assert_eq!(
        failures.iter().map(|f| (f.rule, f.location, f.expected, f.found)).collect::<Vec<_>>(),
        vec![
            (CheckRule::Balance, CheckLocation::Table3Column { column: NP }, 13, 12),
            (CheckRule::ColumnTotal, CheckLocation::Table3Cell { line: Table3Line::New, column: TOTAL }, 25, 24),
        ]
    );
    assert_eq!(
        failures[0].message,
        "表三“自然人”列：第一项（本年新收 11）加第二项（上年结转 2）之和为 13，\
         第三项（本年度办理结果总计 10）加第四项（结转下年度继续办理 2）之和为 12，两者应当相等"
    );
    assert_eq!(
        failures[1].message,
        "表三“一、本年新收政府信息公开申请数量”行：“总计”列为 24，而自然人和法人或其他组织各列之和为 25"
    );
}

#[test]
fn tampering_with_a_result_cell_fails_the_result_total_and_the_row_total() {
    let mut table = t2023();
    let third_party = Table3Line::Result(Table3Row::ThirdParty);
    table.set_cell(third_party, CO, 1);
    let failures = table.checks();
    assert_eq!(
        failures.iter().map(|f| (f.rule, f.location, f.expected, f.found)).collect::<Vec<_>>(),
        vec![
            (CheckRule::ResultTotal, CheckLocation::Table3Cell { line: Table3Line::ResultTotal, column: CO }, 4, 3),
            (CheckRule::ColumnTotal, CheckLocation::Table3Cell { line: third_party, column: TOTAL }, 2, 1),
        ]
    );
    assert_eq!(
        failures[0].message,
        "表三“商业企业”列：“三、本年度办理结果（七）总计”为 3，而（一）至（六）各项办理结果之和为 4"
    );
    assert_eq!(
        failures[1].message,
        "表三“（三）不予公开 4.保护第三方合法权益”行：“总计”列为 1，而自然人和法人或其他组织各列之和为 2"
    );
}

#[test]
fn tampering_with_the_grand_total_fails_all_three_checks_through_it() {
    let mut table = t2023();
    table.set_cell(Table3Line::ResultTotal, TOTAL, 22);
    let failures = table.checks();
    assert_eq!(
        failures.iter().map(|f| (f.rule, f.location, f.expected, f.found)).collect::<Vec<_>>(),
        vec![
            (CheckRule::Balance, CheckLocation::Table3Column { column: TOTAL }, 27, 26),
            (
                CheckRule::ResultTotal,
                CheckLocation::Table3Cell { line: Table3Line::ResultTotal, column: TOTAL },
                23,
                22
            ),
            (
                CheckRule::ColumnTotal,
                CheckLocation::Table3Cell { line: Table3Line::ResultTotal, column: TOTAL },
                23,
                22
            ),
        ]
    );
}

#[test]
fn fill_totals_restores_the_derived_cells() {
    let mut table = t2023();
    for line in Table3Line::ALL {
        table.set_cell(line, TOTAL, 0);
    }
    for column in Table3Column::ALL {
        table.set_cell(Table3Line::ResultTotal, column, 99);
    }
    assert!(!table.checks().is_empty());
    table.fill_totals();
    assert_eq!(table, t2023());
}

#[test]
fn carry_over_mismatch_is_reported_per_column() {
    // Last year's table, consistent in itself but with one more application carried out.
    let mut last = t2023();
    for (line, column, value) in [
        (Table3Line::New, NP, 11),
        (Table3Line::New, TOTAL, 25),
        (Table3Line::CarriedOut, NP, 3),
        (Table3Line::CarriedOut, TOTAL, 5),
    ] {
        last.set_cell(line, column, value);
    }
    assert_eq!(last.checks(), vec![]);
    let failures = t2024().check_carry_over(&last);
    assert_eq!(
        failures.iter().map(|f| (f.rule, f.location, f.expected, f.found)).collect::<Vec<_>>(),
        vec![
            (CheckRule::CarryOver, CheckLocation::Table3Cell { line: Table3Line::CarriedIn, column: NP }, 3, 2),
            (CheckRule::CarryOver, CheckLocation::Table3Cell { line: Table3Line::CarriedIn, column: TOTAL }, 5, 4),
        ]
    );
    assert_eq!(
        failures[0].message,
        "表三“自然人”列：本年“二、上年结转政府信息公开申请数量”为 2，而上年报告“四、结转下年度继续办理”为 3，两者应当相等"
    );
    // A single cell edited: only that column's carry-over and nothing else.
    let mut last = t2023();
    last.set_cell(Table3Line::CarriedOut, LS, 1);
    let failures = t2024().check_carry_over(&last);
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0].location, CheckLocation::Table3Cell { line: Table3Line::CarriedIn, column: LS });
}

#[test]
fn sum_of_two_agencies_equals_the_table_of_their_union() {
    let cases = sample_cases();
    let (a, b): (Vec<_>, Vec<_>) = cases.iter().enumerate().partition(|(i, _)| i % 3 == 0);
    let a: Vec<ReportCase> = a.into_iter().map(|(_, c)| *c).collect();
    let b: Vec<ReportCase> = b.into_iter().map(|(_, c)| *c).collect();
    for year in [2023, 2024] {
        let ta = Table3::compute(year, a.clone()).unwrap();
        let tb = Table3::compute(year, b.clone()).unwrap();
        assert_ne!(ta, Table3::zero());
        assert_ne!(tb, Table3::zero());
        let sum = Table3::sum(&[ta, tb]);
        assert_eq!(sum, Table3::compute(year, cases.clone()).unwrap(), "{year}");
        assert_eq!(sum.checks(), vec![]);
    }
    assert_table(&Table3::sum(&[t2023()]), &EXPECTED_2023);
    assert_eq!(Table3::sum(&[]), Table3::zero());
}

#[test]
fn layout_has_the_official_rows_labels_numbering_and_groups() {
    let layout = Table3::layout();
    let shown: Vec<(u8, &str, bool, usize)> =
        layout.iter().map(|r| (r.level, r.label, r.line.is_some(), r.span)).collect();
    let expected: Vec<(u8, &str, bool, usize)> = vec![
        (0, "一、本年新收政府信息公开申请数量", true, 1),
        (0, "二、上年结转政府信息公开申请数量", true, 1),
        (0, "三、本年度办理结果", false, 22),
        (1, "（一）予以公开", true, 1),
        (1, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", true, 1),
        (1, "（三）不予公开", false, 8),
        (2, "1.属于国家秘密", true, 1),
        (2, "2.其他法律行政法规禁止公开", true, 1),
        (2, "3.危及“三安全一稳定”", true, 1),
        (2, "4.保护第三方合法权益", true, 1),
        (2, "5.属于三类内部事务信息", true, 1),
        (2, "6.属于四类过程性信息", true, 1),
        (2, "7.属于行政执法案卷", true, 1),
        (2, "8.属于行政查询事项", true, 1),
        (1, "（四）无法提供", false, 3),
        (2, "1.本机关不掌握相关政府信息", true, 1),
        (2, "2.没有现成信息需要另行制作", true, 1),
        (2, "3.补正后申请内容仍不明确", true, 1),
        (1, "（五）不予处理", false, 5),
        (2, "1.信访举报投诉类申请", true, 1),
        (2, "2.重复申请", true, 1),
        (2, "3.要求提供公开出版物", true, 1),
        (2, "4.无正当理由大量反复申请", true, 1),
        (2, "5.要求行政机关确认或重新出具已获取信息", true, 1),
        (1, "（六）其他处理", false, 3),
        (2, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", true, 1),
        (2, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", true, 1),
        (2, "3.其他", true, 1),
        (1, "（七）总计", true, 1),
        (0, "四、结转下年度继续办理", true, 1),
    ];
    assert_eq!(shown, expected);
    let data: Vec<Table3Line> = layout.iter().filter_map(|r| r.line).collect();
    assert_eq!(data, Table3Line::ALL.to_vec());
}

#[test]
fn lines_and_columns_have_stable_codes_and_indexes() {
    for (i, line) in Table3Line::ALL.iter().enumerate() {
        assert_eq!(line.index(), i);
        assert_eq!(Table3Line::from_code(line.code()), Some(*line));
    }
    let codes: Vec<&str> = Table3Line::ALL.iter().map(|l| l.code()).collect();
    assert_eq!(
        codes,
        [
            "new",
            "carried-in",
            "1",
            "2",
            "3.1",
            "3.2",
            "3.3",
            "3.4",
            "3.5",
            "3.6",
            "3.7",
            "3.8",
            "4.1",
            "4.2",
            "4.3",
            "5.1",
            "5.2",
            "5.3",
            "5.4",
            "5.5",
            "6.1",
            "6.2",
            "6.3",
            "total",
            "carried-out"
        ]
    );
    let results: Vec<Table3Row> = Table3Line::ALL[2..23]
        .iter()
        .map(|l| match l {
            Table3Line::Result(r) => *r,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(results, Table3Row::ALL.to_vec());
    for (i, column) in Table3Column::ALL.iter().enumerate() {
        assert_eq!(column.index(), i);
        assert_eq!(Table3Column::from_code(column.code()), Some(*column));
    }
    let labels: Vec<&str> = Table3Column::ALL.iter().map(|c| c.label()).collect();
    assert_eq!(labels, ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]);
    assert_eq!(NP.group_label(), None);
    assert_eq!(CO.group_label(), Some("法人或其他组织"));
    assert_eq!(TOTAL.group_label(), None);
}

#[test]
fn csv_has_a_header_and_25_rows_with_verbatim_labels_and_the_counts() {
    let csv = t2023().to_csv();
    assert!(csv.ends_with("\r\n"));
    let lines: Vec<&str> = csv.strip_suffix("\r\n").unwrap().split("\r\n").collect();
    assert_eq!(lines.len(), 26);
    assert_eq!(
        lines[0],
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）,自然人,商业企业,科研机构,社会公益组织,法律服务机构,其他,总计"
    );
    let expected_labels = [
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "（一）予以公开",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "1.属于国家秘密",
        "2.其他法律行政法规禁止公开",
        "3.危及“三安全一稳定”",
        "4.保护第三方合法权益",
        "5.属于三类内部事务信息",
        "6.属于四类过程性信息",
        "7.属于行政执法案卷",
        "8.属于行政查询事项",
        "1.本机关不掌握相关政府信息",
        "2.没有现成信息需要另行制作",
        "3.补正后申请内容仍不明确",
        "1.信访举报投诉类申请",
        "2.重复申请",
        "3.要求提供公开出版物",
        "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "3.其他",
        "（七）总计",
        "四、结转下年度继续办理",
    ];
    for ((line, label), numbers) in lines[1..].iter().zip(expected_labels).zip(EXPECTED_2023) {
        let fields: Vec<&str> = line.split(',').collect();
        assert_eq!(fields.len(), 8, "{line}");
        assert_eq!(fields[0], label);
        let parsed: Vec<u64> = fields[1..].iter().map(|f| f.parse().unwrap()).collect();
        assert_eq!(parsed, numbers, "{label}");
    }
    assert_eq!(lines[1], "一、本年新收政府信息公开申请数量,10,3,3,2,3,3,24");
    assert_eq!(lines[4], "（二）部分公开（区分处理的，只计这一情形，不计其他情形）,0,1,0,0,0,0,1");
    assert_eq!(lines[21], "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请,1,0,0,0,0,0,1");
    assert_eq!(lines[22], "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请,0,0,0,0,1,0,1");
    assert_eq!(lines[25], "四、结转下年度继续办理,2,1,1,0,0,0,4");
}

#[test]
fn csv_fields_are_quoted_only_when_rfc_4180_needs_it() {
    let mut out = String::new();
    push_csv_record(
        &mut out,
        ["plain", "a,b", "say \"hi\"", "two\nlines", "（区分处理的，只计这一情形）", "“三安全一稳定”"],
    );
    assert_eq!(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",（区分处理的，只计这一情形）,“三安全一稳定”\r\n");
}

#[test]
fn table3_json_has_row_and_column_codes_and_round_trips() {
    let table = t2023();
    let json = serde_json::to_value(&table).unwrap();
    let rows = json["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 25);
    assert_eq!(rows[0]["code"], "new");
    assert_eq!(rows[0]["label"], "一、本年新收政府信息公开申请数量");
    assert_eq!(rows[0]["cells"]["natural-person"], 10);
    assert_eq!(rows[0]["cells"]["total"], 24);
    assert_eq!(rows[4]["code"], "3.1");
    assert_eq!(rows[4]["label"], "1.属于国家秘密");
    assert_eq!(rows[12]["code"], "4.1");
    assert_eq!(rows[12]["cells"]["research"], 1);
    assert_eq!(rows[23]["code"], "total");
    assert_eq!(rows[24]["code"], "carried-out");
    for column in Table3Column::ALL {
        assert!(rows[0]["cells"].get(column.code()).is_some(), "{}", column.code());
    }
    assert_eq!(rows[0]["cells"].as_object().unwrap().len(), 7);
    let back: Table3 = serde_json::from_value(json).unwrap();
    assert_eq!(back, table);
}

#[test]
fn table3_json_input_needs_every_row_once_and_known_columns() {
    let json = serde_json::to_value(t2023()).unwrap();

    let mut reversed = json.clone();
    reversed["rows"].as_array_mut().unwrap().reverse();
    reversed["rows"][0].as_object_mut().unwrap().remove("label");
    assert_eq!(serde_json::from_value::<Table3>(reversed).unwrap(), t2023());

    let mut missing = json.clone();
    missing["rows"].as_array_mut().unwrap().remove(4);
    let err = serde_json::from_value::<Table3>(missing).unwrap_err().to_string();
    assert!(err.contains("缺少“（三）不予公开 1.属于国家秘密”行"), "{err}");

    let mut doubled = json.clone();
    let first = doubled["rows"][0].clone();
    doubled["rows"][1] = first;
    let err = serde_json::from_value::<Table3>(doubled).unwrap_err().to_string();
    assert!(err.contains("不止一次"), "{err}");

    let mut unknown = json.clone();
    unknown["rows"][0]["cells"]["nonsense"] = 1.into();
    assert!(serde_json::from_value::<Table3>(unknown).is_err());

    let mut bad_code = json;
    bad_code["rows"][0]["code"] = "9.9".into();
    assert!(serde_json::from_value::<Table3>(bad_code).is_err());
}

#[test]
fn check_failures_serialise_with_codes() {
    let mut table = t2023();
    table.set_cell(Table3Line::New, NP, 11);
    let json = serde_json::to_value(table.checks()).unwrap();
    assert_eq!(json[0]["rule"], "balance");
    assert_eq!(json[0]["location"], serde_json::json!({"at": "table3-column", "column": "natural-person"}));
    assert_eq!(json[0]["expected"], 13);
    assert_eq!(json[0]["found"], 12);
    assert_eq!(json[1]["rule"], "column-total");
    assert_eq!(json[1]["location"], serde_json::json!({"at": "table3-cell", "line": "new", "column": "total"}));
}

// ---- Table 四 ----

fn review(kind: ReviewKind, filed_on: Date, concluded: Option<(Date, ReviewResult)>) -> ReportReview {
    ReportReview { kind, filed_on, concluded }
}

fn sample_reviews() -> Vec<ReportReview> {
    use ReviewKind::*;
    use ReviewResult::*;
    vec![
        // 2023: 维持.
        review(Reconsideration, date!(2023 - 03 - 01), Some((date!(2023 - 05 - 01), Upheld))),
        // 2023: 尚未审结; 2024: 纠正.
        review(Reconsideration, date!(2023 - 06 - 01), Some((date!(2024 - 01 - 10), Corrected))),
        // 2023 and 2024: 尚未审结.
        review(Reconsideration, date!(2023 - 11 - 01), None),
        // Filed 2022, concluded 2023: 2023 其他结果.
        review(Reconsideration, date!(2022 - 12 - 01), Some((date!(2023 - 02 - 01), Other))),
        // 2023: 纠正.
        review(Litigation, date!(2023 - 04 - 01), Some((date!(2023 - 10 - 01), Corrected))),
        // Concluded in 2022: not counted.
        review(Litigation, date!(2022 - 06 - 01), Some((date!(2022 - 12 - 01), Upheld))),
        // Filed 2021, open through 2023: 2023 尚未审结; 2024 维持.
        review(Litigation, date!(2021 - 05 - 01), Some((date!(2024 - 03 - 01), Upheld))),
        // 2023: 维持 (concluded on 31 December).
        review(LitigationAfterReconsideration, date!(2023 - 07 - 01), Some((date!(2023 - 12 - 31), Upheld))),
        // 2023: 维持.
        review(LitigationAfterReconsideration, date!(2023 - 08 - 01), Some((date!(2023 - 09 - 01), Upheld))),
        // 2024: 尚未审结.
        review(LitigationAfterReconsideration, date!(2024 - 01 - 05), None),
        // 2024: 其他结果.
        review(Reconsideration, date!(2024 - 02 - 01), Some((date!(2024 - 02 - 20), Other))),
    ]
}

fn block(upheld: u64, corrected: u64, other: u64, pending: u64, total: u64) -> Table4Block {
    Table4Block { upheld, corrected, other, pending, total }
}

#[test]
fn table4_2023_and_2024_cells_are_as_counted_by_hand() {
    let y2023 = Table4::compute(2023, sample_reviews()).unwrap();
    assert_eq!(
        y2023,
        Table4 {
            reconsideration: block(1, 0, 1, 2, 4),
            litigation: block(0, 1, 0, 1, 2),
            litigation_after_reconsideration: block(2, 0, 0, 0, 2),
        }
    );
    let y2024 = Table4::compute(2024, sample_reviews()).unwrap();
    assert_eq!(
        y2024,
        Table4 {
            reconsideration: block(0, 1, 1, 1, 3),
            litigation: block(1, 0, 0, 0, 1),
            litigation_after_reconsideration: block(0, 0, 0, 1, 1),
        }
    );
    assert_eq!(y2023.checks(), vec![]);
    assert_eq!(y2024.checks(), vec![]);
    assert_eq!(y2023.cell(ReviewKind::Litigation, Table4Column::Pending), 1);
    assert_eq!(Table4::compute(2020, sample_reviews()).unwrap(), Table4::default());
}

#[test]
fn table4_review_concluded_before_filed_is_an_error() {
    let mut reviews = sample_reviews();
    reviews.insert(
        0,
        review(ReviewKind::Litigation, date!(2023 - 05 - 02), Some((date!(2023 - 05 - 01), ReviewResult::Upheld))),
    );
    let err = Table4::compute(2023, reviews).unwrap_err();
    assert_eq!(
        err,
        ReportError::ConcludedBeforeFiled {
            position: 0,
            kind: "未经复议直接起诉",
            filed_on: date!(2023 - 05 - 02),
            concluded_on: date!(2023 - 05 - 01)
        }
    );
    assert!(err.to_string().contains("早于立案"), "{err}");
}

#[test]
fn table4_tampered_total_is_reported_in_its_block() {
    let mut table = Table4::compute(2023, sample_reviews()).unwrap();
    table.reconsideration.total = 5;
    let failures = table.checks();
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0].rule, CheckRule::ReviewTotal);
    assert_eq!(failures[0].location, CheckLocation::Table4Total { kind: ReviewKind::Reconsideration });
    assert_eq!((failures[0].expected, failures[0].found), (4, 5));
    assert_eq!(
        failures[0].message,
        "表四“行政复议”：“总计”为 5，而结果维持（1）、结果纠正（0）、其他结果（1）、尚未审结（2）之和为 4"
    );
    let mut table = Table4::compute(2023, sample_reviews()).unwrap();
    table.litigation_after_reconsideration.pending = 1;
    let failures = table.checks();
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0].location, CheckLocation::Table4Total { kind: ReviewKind::LitigationAfterReconsideration });
    assert!(failures[0].message.starts_with("表四“行政诉讼（复议后起诉）”"), "{}", failures[0].message);
}

#[test]
fn table4_csv_and_json() {
    let table = Table4::compute(2023, sample_reviews()).unwrap();
    assert_eq!(
        table.to_csv(),
        "类别,结果维持,结果纠正,其他结果,尚未审结,总计\r\n\
         行政复议,1,0,1,2,4\r\n\
         行政诉讼（未经复议直接起诉）,0,1,0,1,2\r\n\
         行政诉讼（复议后起诉）,2,0,0,0,2\r\n"
    );
    let json = serde_json::to_value(table).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "reconsideration": {"upheld": 1, "corrected": 0, "other": 1, "pending": 2, "total": 4},
            "litigation-direct": {"upheld": 0, "corrected": 1, "other": 0, "pending": 1, "total": 2},
            "litigation-after-reconsideration": {"upheld": 2, "corrected": 0, "other": 0, "pending": 0, "total": 2},
        })
    );
    assert_eq!(serde_json::from_value::<Table4>(json).unwrap(), table);
}

#[test]
fn table4_sum_of_two_agencies_equals_the_table_of_their_union() {
    let reviews = sample_reviews();
    let (a, b): (Vec<ReportReview>, Vec<ReportReview>) =
        reviews.iter().copied().partition(|r| (r.filed_on.month() as u8).is_multiple_of(2));
    for year in [2023, 2024] {
        let sum = Table4::sum(&[Table4::compute(year, a.clone()).unwrap(), Table4::compute(year, b.clone()).unwrap()]);
        assert_eq!(sum, Table4::compute(year, reviews.clone()).unwrap(), "{year}");
    }
    assert_eq!(Table4::sum(&[]), Table4::default());
}

// ---- Properties ----

fn arb_case() -> impl Strategy<Value = ReportCase> {
    let reply_count = ReplyType::all().len();
    (0..ApplicantKind::ALL.len(), 0..1500i64, proptest::option::of((0..700i64, 0..reply_count))).prop_map(
        |(applicant, received, closed)| {
            let received_on = date!(2021 - 07 - 01) + Duration::days(received);
            ReportCase {
                applicant: ApplicantKind::ALL[applicant],
                received_on,
                closed: closed.map(|(days, reply)| (received_on + Duration::days(days), ReplyType::all()[reply])),
            }
        },
    )
}

fn arb_review() -> impl Strategy<Value = ReportReview> {
    (0..3usize, 0..1500i64, proptest::option::of((0..700i64, 0..3usize))).prop_map(|(kind, filed, concluded)| {
        let filed_on = date!(2021 - 07 - 01) + Duration::days(filed);
        ReportReview {
            kind: ReviewKind::ALL[kind],
            filed_on,
            concluded: concluded.map(|(days, result)| (filed_on + Duration::days(days), ReviewResult::ALL[result])),
        }
    })
}

proptest! {
    #[test]
    fn identity_holds_in_every_column_and_checks_pass(cases in proptest::collection::vec(arb_case(), 0..80)) {
        for year in 2021..=2026 {
            let table = Table3::compute(year, cases.clone()).unwrap();
            for column in Table3Column::ALL {
                prop_assert_eq!(
                    table.cell(Table3Line::New, column) + table.cell(Table3Line::CarriedIn, column),
                    table.cell(Table3Line::ResultTotal, column) + table.cell(Table3Line::CarriedOut, column),
                    "{} {}", year, column
                );
            }
            prop_assert_eq!(table.checks(), vec![]);
        }
    }

    #[test]
    fn carried_out_equals_next_years_carried_in(cases in proptest::collection::vec(arb_case(), 0..80)) {
        for year in 2021..=2025 {
            let this = Table3::compute(year, cases.clone()).unwrap();
            let next = Table3::compute(year + 1, cases.clone()).unwrap();
            prop_assert_eq!(next.row(Table3Line::CarriedIn), this.row(Table3Line::CarriedOut));
            prop_assert_eq!(next.check_carry_over(&this), vec![]);
        }
    }

    #[test]
    fn every_closed_case_is_counted_in_exactly_one_result_row_of_one_year(cases in proptest::collection::vec(arb_case(), 0..80)) {
        let mut by_row = std::collections::HashMap::<Table3Row, u64>::new();
        for year in 2021..=2027 {
            let table = Table3::compute(year, cases.clone()).unwrap();
            for row in Table3Row::ALL {
                *by_row.entry(*row).or_default() += table.cell(Table3Line::Result(*row), Table3Column::Total);
            }
        }
        for row in Table3Row::ALL {
            let expected = cases.iter().filter(|c| c.closed.is_some_and(|(_, r)| r.table3_row() == *row)).count() as u64;
            prop_assert_eq!(by_row.get(row).copied().unwrap_or(0), expected, "{}", row.code());
        }
    }

    #[test]
    fn table3_sum_of_a_split_equals_the_table_of_the_whole(cases in proptest::collection::vec(arb_case(), 0..60), cut in 0usize..60) {
        let cut = cut.min(cases.len());
        for year in 2022..=2025 {
            let sum = Table3::sum(&[
                Table3::compute(year, cases[..cut].to_vec()).unwrap(),
                Table3::compute(year, cases[cut..].to_vec()).unwrap(),
            ]);
            prop_assert_eq!(sum, Table3::compute(year, cases.clone()).unwrap());
        }
    }

    #[test]
    fn table3_json_round_trips(cases in proptest::collection::vec(arb_case(), 0..40)) {
        let table = Table3::compute(2023, cases).unwrap();
        let back: Table3 = serde_json::from_str(&serde_json::to_string(&table).unwrap()).unwrap();
        prop_assert_eq!(back, table);
    }

    #[test]
    fn table4_totals_add_up_and_pending_carries_into_next_years_total(reviews in proptest::collection::vec(arb_review(), 0..60)) {
        for year in 2021..=2026 {
            let this = Table4::compute(year, reviews.clone()).unwrap();
            let last = Table4::compute(year - 1, reviews.clone()).unwrap();
            prop_assert_eq!(this.checks(), vec![]);
            for kind in ReviewKind::ALL {
                let block = this.block(*kind);
                let filed = reviews.iter().filter(|r| r.kind == *kind && r.filed_on.year() == year).count() as u64;
                prop_assert_eq!(block.total, filed + last.block(*kind).pending, "{} {}", year, kind);
                let open_at_year_end = reviews
                    .iter()
                    .filter(|r| r.kind == *kind && r.filed_on.year() <= year && r.concluded.is_none_or(|(on, _)| on.year() > year))
                    .count() as u64;
                prop_assert_eq!(block.pending, open_at_year_end);
            }
        }
        // Each result is counted once, in the year the review concluded.
        let concluded = reviews.iter().filter(|r| r.concluded.is_some()).count() as u64;
        let counted: u64 = (2021..=2027)
            .map(|year| {
                let t = Table4::compute(year, reviews.clone()).unwrap();
                ReviewKind::ALL.iter().map(|k| { let b = t.block(*k); b.upheld + b.corrected + b.other }).sum::<u64>()
            })
            .sum();
        prop_assert_eq!(counted, concluded);
    }
}
