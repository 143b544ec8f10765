use proptest::prelude::*;

use super::*;
use crate::org::AgencyKind;

fn render_default(kind: &NoticeKind) -> String {
    let ctx = sample_context(kind);
    render(kind, kind.default_template(), &ctx).unwrap_or_else(|e| panic!("{}: {e}", kind.code()))
}

fn replies() -> Vec<NoticeKind> {
    NoticeKind::all().into_iter().filter(|k| matches!(k, NoticeKind::Reply(_))).collect()
}

#[test]
fn every_kind_renders_its_sample_completely() {
    for kind in NoticeKind::all() {
        let ctx = sample_context(&kind);
        let text = render_default(&kind);
        let code = kind.code();
        assert!(!text.contains("{{") && !text.contains("}}"), "{code}: unrendered variable\n{text}");
        assert!(!text.contains("{%") && !text.contains("%}"), "{code}: unrendered tag\n{text}");
        assert!(text.starts_with(kind.title()), "{code}: title first\n{text}");
        assert!(text.contains(&ctx.number), "{code}: 文书编号");
        assert!(text.ends_with(&format!("{}\n{}", ctx.agency, ctx.issued_on)), "{code}: agency and date last\n{text}");
        if !kind.articles().is_empty() {
            assert!(
                text.contains("《中华人民共和国政府信息公开条例》（以下简称《条例》）"),
                "{code}: full name of the 条例"
            );
        }
        for article in kind.articles() {
            assert!(text.contains(article), "{code}: cites {article}\n{text}");
        }
        assert!(!text.contains("\n\n\n"), "{code}: no double blank lines\n{text}");
        assert!(!text.contains("。\n特此"), "{code}: paragraphs apart\n{text}");
        assert!(!text.contains("。。") && !text.contains("，。"), "{code}: punctuation\n{text}");
    }
}

/// `cargo test -p gongkai-core foi::notices::tests::print_samples -- --ignored --nocapture`
#[test]
#[ignore = "prints every rendered sample for reading"]
fn print_samples() {
    for kind in NoticeKind::all() {
        println!("════ {} ════\n{}\n", kind.code(), render_default(&kind));
    }
}

#[test]
fn default_templates_pass_their_own_validation() {
    for kind in NoticeKind::all() {
        validate_template(&kind, kind.default_template()).unwrap_or_else(|e| panic!("{}: {e}", kind.code()));
    }
}

#[test]
fn each_reply_cites_its_article_of_the_tiaoli() {
    let cases = [
        (ReplyType::AlreadyPublic, "《条例》第三十六条第（一）项"),
        (ReplyType::Disclosed, "《条例》第三十六条第（二）项"),
        (ReplyType::PartiallyDisclosed, "《条例》第三十七条"),
        (ReplyType::Withheld(WithholdingGround::ThirdParty), "《条例》第十五条、第三十六条第（三）项"),
        (ReplyType::NotExist, "《条例》第三十六条第（四）项"),
        (ReplyType::NotThisAgency, "《条例》第三十六条第（五）项"),
        (ReplyType::Repeat, "《条例》第三十六条第（六）项"),
        (ReplyType::SpecialRegister, "《条例》第三十六条第（七）项"),
        (ReplyType::NeedsCreation, "《条例》第三十八条"),
        (ReplyType::Petition, "《条例》第三十九条第一款"),
        (ReplyType::Publication, "《条例》第三十九条第二款"),
        (ReplyType::Excessive, "《条例》第三十五条"),
        (ReplyType::AbandonedNoCorrection, "《条例》第三十条"),
        (ReplyType::AbandonedUnpaidFee, "国办函〔2020〕109号"),
    ];
    for (reply, article) in cases {
        let full = article.replace("《条例》", "《中华人民共和国政府信息公开条例》（以下简称《条例》）");
        let text = render_default(&NoticeKind::Reply(reply));
        assert!(text.contains(article) || text.contains(&full), "{}: {article}\n{text}", reply.code());
    }
}

#[test]
fn each_reply_says_what_article_36_requires() {
    let say = |r: ReplyType, what: &[&str]| {
        let text = render_default(&NoticeKind::Reply(r));
        for w in what {
            assert!(text.contains(w), "{}: {w}\n{text}", r.code());
        }
    };
    say(ReplyType::AlreadyPublic, &["获取方式", "获取途径", "www.wenzhou.gov.cn"]);
    say(ReplyType::Disclosed, &["随本答复书向您提供", "获取方式", "获取途径", "获取时间"]);
    say(ReplyType::PartiallyDisclosed, &["予以公开的内容", "不予公开的内容及理由", "（一）名单中保障对象的身份证号码"]);
    say(ReplyType::NotExist, &["该政府信息不存在", "检索本机关公文管理系统"]);
    say(ReplyType::NotThisAgency, &["理由是", "温州市教育局"]);
    say(ReplyType::Repeat, &["不予重复处理", "市府办依公〔2024〕5号", "2024年2月20日"]);
    say(ReplyType::SpecialRegister, &["《不动产登记暂行条例》", "依照上述法律、行政法规的规定办理"]);
    say(ReplyType::Petition, &["不作为政府信息公开申请处理", "12345"]);
    say(ReplyType::Publication, &["公开出版物", "政府公报"]);
    say(ReplyType::AbandonedNoCorrection, &["视为放弃申请", "不再处理"]);
    say(ReplyType::AbandonedUnpaidFee, &["视为放弃申请", "二十个工作日"]);

    // Art. 36(五): without a known responsible agency, the reply says so instead.
    let kind = NoticeKind::Reply(ReplyType::NotThisAgency);
    let mut ctx = sample_context(&kind);
    ctx.responsible_agency.clear();
    let text = render(&kind, kind.default_template(), &ctx).unwrap();
    assert!(text.contains("无法确定负责公开该政府信息的行政机关") && !text.contains("温州市教育局"), "{text}");
}

#[test]
fn the_withheld_template_states_each_ground_and_its_article() {
    for ground in WithholdingGround::ALL {
        let kind = NoticeKind::Reply(ReplyType::Withheld(*ground));
        let text = render_default(&kind);
        assert!(text.contains(&format!("属于{}。", ground_text(*ground))), "{}\n{text}", ground.code());
        let cited = format!("{}、第三十六条第（三）项", ground_article(*ground));
        assert!(text.contains(&format!("（以下简称《条例》）{cited}")), "{}\n{text}", ground.code());
        assert!(text.contains("本机关决定不予公开"));
    }
}

#[test]
fn withholding_replies_and_only_those_say_review_comes_first() {
    for kind in replies() {
        let text = render_default(&kind);
        let code = kind.code();
        assert!(text.contains("六十日"), "{code}: 六十日");
        assert!(text.contains("向温州市人民政府申请行政复议"), "{code}: review body");
        if kind.withholds() {
            assert!(text.contains(PRIOR_REVIEW_PHRASE), "{code}: 复议前置\n{text}");
            assert!(text.contains("第二十三条第一款第（四）项"), "{code}: Art. 23");
            assert!(text.contains("十五日内依法向人民法院提起行政诉讼"), "{code}: 15 days after the decision");
            assert!(!text.contains("六个月"), "{code}: no direct suit\n{text}");
        } else {
            assert!(!text.contains(PRIOR_REVIEW_PHRASE), "{code}: no 复议前置\n{text}");
            assert!(text.contains("六个月内依法向人民法院提起行政诉讼"), "{code}: 六个月\n{text}");
        }
    }
    let withholding: Vec<String> = replies().iter().filter(|k| k.withholds()).map(|k| k.code()).collect();
    assert_eq!(withholding.len(), 1 + WithholdingGround::ALL.len());
    assert!(withholding.contains(&"reply:partially-disclosed".to_string()));
}

#[test]
fn relief_is_on_every_deciding_notice_and_nowhere_else() {
    for kind in NoticeKind::all() {
        let text = render_default(&kind);
        let ctx = sample_context(&kind);
        let clause = relief_clause(kind.withholds(), &ctx.relief.review_body);
        assert_eq!(text.contains(&clause), kind.carries_relief(), "{}\n{text}", kind.code());
        assert_eq!(text.contains("行政复议"), kind.carries_relief(), "{}", kind.code());
        // The pre-2024 formula gave a department's applicant a choice of bodies; no longer.
        assert!(!text.contains("上级主管部门或") && !text.contains("同级人民政府"), "{}", kind.code());
    }
    assert!(NoticeKind::all().iter().filter(|k| matches!(k, NoticeKind::Reply(_))).all(|k| k.carries_relief()));
    assert!(NoticeKind::ThirdPartyDecision.carries_relief() && NoticeKind::FeeNotice.carries_relief());
    assert!(!NoticeKind::Correction.carries_relief() && !NoticeKind::Receipt.carries_relief());
}

#[test]
fn relief_clause_wording() {
    let plain = relief_clause(false, "温州市人民政府");
    assert!(plain.contains("六十日内向温州市人民政府申请行政复议"), "{plain}");
    assert!(plain.contains("六个月") && plain.contains("第四十六条") && plain.contains("第二十条"), "{plain}");
    let first = relief_clause(true, " 浙江省人民政府 ");
    assert!(first.contains("应当先向浙江省人民政府申请行政复议"), "{first}");
    assert!(first.contains("六十日") && first.contains("十五日") && !first.contains("六个月"), "{first}");
}

#[test]
fn review_body_follows_the_2023_administrative_review_law() {
    // Art. 24 ¶1(一): a department → the government at its own level.
    assert_eq!(
        review_body(AgencyKind::Department, Some("浙江省人民政府"), Some("温州市人民政府"), false).unwrap(),
        "温州市人民政府"
    );
    // Art. 24 ¶1(二): a district / county government → the next-higher government.
    assert_eq!(
        review_body(AgencyKind::District, Some("温州市人民政府"), Some("鹿城区人民政府"), false).unwrap(),
        "温州市人民政府"
    );
    // … and the city government → the province.
    assert_eq!(review_body(AgencyKind::Government, Some("浙江省人民政府"), None, false).unwrap(), "浙江省人民政府");
    assert_eq!(
        review_body(AgencyKind::Township, Some("鹿城区人民政府"), Some("五马街道办事处"), false).unwrap(),
        "鹿城区人民政府"
    );
    // Art. 27: a vertically led body → its 上一级主管部门.
    assert_eq!(
        review_body(AgencyKind::Department, Some("国家税务总局浙江省税务局"), Some("温州市人民政府"), true).unwrap(),
        "国家税务总局浙江省税务局"
    );
}

#[test]
fn review_body_refuses_when_the_needed_name_is_missing() {
    let err = review_body(AgencyKind::Department, Some("浙江省人民政府"), None, false).unwrap_err();
    assert!(err.to_string().contains("本级人民政府") && err.to_string().contains("第二十四条"), "{err}");
    let err = review_body(AgencyKind::District, None, Some("鹿城区人民政府"), false).unwrap_err();
    assert!(err.to_string().contains("上一级人民政府"), "{err}");
    let err = review_body(AgencyKind::Government, Some("  "), None, false).unwrap_err();
    assert!(err.to_string().contains("上一级人民政府"), "blank is missing: {err}");
    let err = review_body(AgencyKind::Department, None, Some("温州市人民政府"), true).unwrap_err();
    assert!(err.to_string().contains("上一级主管部门") && err.to_string().contains("第二十七条"), "{err}");
    let err = review_body(AgencyKind::District, Some("温州市人民政府"), None, true).unwrap_err();
    assert!(err.to_string().contains("垂直领导"), "{err}");
}

#[test]
fn validate_template_refuses_a_syntax_error() {
    let kind = NoticeKind::Receipt;
    let err = validate_template(&kind, "{{ title }}\n{% if applicant %}缺少结束标记").unwrap_err();
    assert!(matches!(err, NoticeError::Syntax { .. }), "{err:?}");
    assert!(err.to_string().starts_with("模板第") && err.to_string().contains("语法错误"), "{err}");
    assert!(matches!(validate_template(&kind, "{{ applicant "), Err(NoticeError::Syntax { .. })));
}

#[test]
fn validate_template_refuses_an_undefined_variable_even_in_an_untaken_branch() {
    let kind = NoticeKind::Receipt;
    let err = validate_template(&kind, "{{ title }}\n{{ applicant_name }}：").unwrap_err();
    assert_eq!(err, NoticeError::UnknownField("applicant_name".into()));
    assert_eq!(err.to_string(), "模板引用了不存在的字段“applicant_name”");
    let err = validate_template(&kind, "{{ title }}{% if case_no == 'x' %}{{ typo }}{% endif %}").unwrap_err();
    assert_eq!(err, NoticeError::UnknownField("typo".into()));
    // relief_clause exists only on notices that carry relief.
    let err = validate_template(&kind, "{{ title }}{{ relief_clause }}").unwrap_err();
    assert_eq!(err, NoticeError::UnknownField("relief_clause".into()));
    // A field of a nested value that does not exist fails when rendered.
    let part = NoticeKind::Reply(ReplyType::PartiallyDisclosed);
    let err = validate_template(&part, "{% for p in withheld_parts %}{{ p.paragraph }}{% endfor %}{{ relief_clause }}")
        .unwrap_err();
    assert!(matches!(err, NoticeError::Undefined { .. }), "{err:?}");
}

#[test]
fn validate_template_refuses_a_reply_without_the_relief_clause() {
    let kind = NoticeKind::Reply(ReplyType::NotExist);
    let without = kind.default_template().replace("{{ relief_clause }}", "");
    let err = validate_template(&kind, &without).unwrap_err();
    assert_eq!(err, NoticeError::MissingRelief("政府信息公开申请答复书"));
    assert!(err.to_string().contains("救济途径"), "{err}");
    // Hidden in a branch that is never taken, or typed out by hand: still refused.
    let hidden = kind.default_template().replace("{{ relief_clause }}", "{% if false %}{{ relief_clause }}{% endif %}");
    assert_eq!(validate_template(&kind, &hidden), Err(NoticeError::MissingRelief("政府信息公开申请答复书")));
    let by_hand = kind.default_template().replace("{{ relief_clause }}", "如不服，可以申请行政复议。");
    assert!(matches!(validate_template(&kind, &by_hand), Err(NoticeError::MissingRelief(_))));
    // The fee notice too; a receipt needs none.
    let fee = NoticeKind::FeeNotice;
    assert!(validate_template(&fee, &fee.default_template().replace("{{ relief_clause }}", "")).is_err());
    validate_template(&NoticeKind::Receipt, "{{ title }}\n{{ applicant }}：收到。").unwrap();
}

#[test]
fn validate_template_refuses_empty_output() {
    assert_eq!(validate_template(&NoticeKind::Receipt, "  {# 注释 #}  "), Err(NoticeError::Empty));
}

#[test]
fn render_is_strict_about_missing_fields() {
    let kind = NoticeKind::Receipt;
    let ctx = sample_context(&kind);
    let err = render(&kind, "{{ title }}\n{{ no_such_field }}", &ctx).unwrap_err();
    assert_eq!(err, NoticeError::UnknownField("no_such_field".into()));
    assert!(render(&kind, "{% if false %}{{ no_such_field }}{% endif %}", &ctx).is_err(), "untaken branch too");
    assert!(render(&kind, "{% if no_such_field %}x{% endif %}", &ctx).is_err());
    let err = render(&kind, "{{ title }}\n{{ relief.no_such_attribute }}", &ctx).unwrap_err();
    assert!(matches!(&err, NoticeError::Undefined { line: Some(2), .. }), "{err:?}");
    assert_eq!(err.to_string(), "模板第2行引用的字段或属性不存在：“{{ relief.no_such_attribute }}”");
    assert!(render(&kind, "{% for x in no_such_list %}{{ x }}{% endfor %}", &ctx).is_err());
    assert!(render(&kind, "{{ applicant|no_such_filter }}", &ctx).is_err());
}

#[test]
fn render_checks_the_rules_of_the_tiaoli_on_the_context() {
    let kind = NoticeKind::Correction;
    let mut ctx = sample_context(&kind);
    ctx.correction_items = vec![" ".into()];
    assert_eq!(render(&kind, kind.default_template(), &ctx), Err(NoticeError::NoCorrectionItems));

    let kind = NoticeKind::Extension;
    let mut ctx = sample_context(&kind);
    ctx.extension_days = 21;
    assert_eq!(render(&kind, kind.default_template(), &ctx), Err(NoticeError::ExtensionOutOfRange(21)));
    ctx.extension_days = 0;
    assert!(render(&kind, kind.default_template(), &ctx).is_err());
    ctx.extension_days = 15;
    assert!(render(&kind, kind.default_template(), &ctx).unwrap().contains("答复期限延长十五个工作日"));

    let kind = NoticeKind::Reply(ReplyType::PartiallyDisclosed);
    let mut ctx = sample_context(&kind);
    ctx.withheld_parts.clear();
    assert_eq!(render(&kind, kind.default_template(), &ctx), Err(NoticeError::NoWithheldParts));

    let kind = NoticeKind::Reply(ReplyType::Disclosed);
    let mut ctx = sample_context(&kind);
    ctx.enclosures.clear();
    let text = render(&kind, kind.default_template(), &ctx).unwrap();
    assert!(text.contains("请您按照以下方式、途径和时间获取") && !text.contains("随本答复书"), "{text}");
    ctx.obtain_how.clear();
    assert_eq!(render(&kind, kind.default_template(), &ctx), Err(NoticeError::NothingProvided));

    let kind = NoticeKind::Reply(ReplyType::NotExist);
    let mut ctx = sample_context(&kind);
    ctx.relief.review_body = String::new();
    assert!(matches!(render(&kind, kind.default_template(), &ctx), Err(NoticeError::ReviewBody(_))));
}

#[test]
fn procedural_notices_say_what_the_tiaoli_requires() {
    let receipt = render_default(&NoticeKind::Receipt);
    assert!(receipt.contains(Channel::Online.receipt_rule()), "{receipt}");
    assert!(receipt.contains("WZ2024-000312") && receipt.contains("最迟于2024年4月2日作出答复"), "{receipt}");

    let correction = render_default(&NoticeKind::Correction);
    assert!(correction.contains("一次性告知"), "{correction}");
    assert!(correction.contains("（一）请明确所需政府信息") && correction.contains("（二）请明确获取信息的方式"));
    assert!(correction.contains("2024年3月22日前") && correction.contains("视为放弃申请"), "{correction}");

    let extension = render_default(&NoticeKind::Extension);
    assert!(extension.contains("政府信息公开工作机构负责人同意") && extension.contains("延长二十个工作日"));
    assert!(extension.contains("最迟于2024年4月30日作出答复"), "{extension}");

    let consult = render_default(&NoticeKind::ThirdPartyConsultation);
    assert!(consult.starts_with("政府信息公开申请征求第三方意见书"));
    assert!(consult.contains("十五个工作日") && consult.contains("温州市瓯江建设工程有限公司："), "{consult}");
    assert!(!consult.contains("陈晓东"), "the applicant's identity is not given to the third party");

    let decision = render_default(&NoticeKind::ThirdPartyDecision);
    assert!(
        decision.contains("公共利益造成重大影响")
            && decision.contains("决定予以公开")
            && decision.contains("工程量清单")
    );
    assert!(!decision.contains("陈晓东"));

    let co = render_default(&NoticeKind::CoProducerConsultation);
    assert!(co.contains("十五个工作日") && co.contains("视为同意公开"), "{co}");

    let reasons = render_default(&NoticeKind::ReasonsRequest);
    assert!(reasons.contains("明显超过合理范围") && reasons.contains("说明申请理由"), "{reasons}");
    let deferral = render_default(&NoticeKind::Deferral);
    assert!(deferral.contains("最迟于2024年6月28日作出答复"), "{deferral}");

    let fee = render_default(&NoticeKind::FeeNotice);
    for what in [
        "收费依据",
        "国办函〔2020〕109号",
        "收费标准",
        "按量计收",
        "1700.00元",
        "缴费方式",
        "收到本通知书之次日起二十个工作日内",
        "视为放弃申请",
    ] {
        assert!(fee.contains(what), "fee notice: {what}\n{fee}");
    }
}

#[test]
fn codes_are_stable_and_round_trip() {
    let all = NoticeKind::all();
    assert_eq!(all.len(), 9 + ReplyType::all().len());
    for kind in &all {
        let back = NoticeKind::from_code(&kind.code()).unwrap_or_else(|| panic!("{}", kind.code()));
        assert_eq!(back.code(), kind.code());
        assert_eq!(back.default_template(), kind.default_template());
        if !matches!(kind, NoticeKind::Reply(ReplyType::Withheld(_))) {
            assert_eq!(&back, kind);
        }
    }
    let g = ReplyType::Withheld(WithholdingGround::ThirdParty);
    assert_eq!(NoticeKind::Reply(g).code(), "reply:withheld");
    assert_eq!(NoticeKind::from_code("reply:withheld:art15-third-party"), Some(NoticeKind::Reply(g)));
    assert_eq!(NoticeKind::Correction.code(), "correction");
    assert_eq!(NoticeKind::Reply(ReplyType::NotExist).code(), "reply:not-exist");
    assert_eq!(NoticeKind::from_code("reply:nonsense"), None);
    assert_eq!(NoticeKind::from_code("nonsense"), None);

    let templates = NoticeKind::template_kinds();
    assert_eq!(templates.len(), 9 + ReplyType::all().len() - WithholdingGround::ALL.len() + 1);
    let distinct: BTreeSet<&str> = templates.iter().map(|k| k.default_template()).collect();
    assert_eq!(distinct.len(), templates.len(), "one file per template");
}

#[test]
fn titles() {
    assert_eq!(NoticeKind::Correction.title(), "政府信息公开申请补正告知书");
    assert_eq!(NoticeKind::Reply(ReplyType::Disclosed).title(), "政府信息公开申请答复书");
    assert_eq!(NoticeKind::Reply(ReplyType::Repeat).title(), "政府信息公开申请告知书");
}

#[test]
fn available_fields_follow_the_kind() {
    let receipt = available_fields(&NoticeKind::Receipt);
    assert!(receipt.contains(&"applicant".to_string()) && receipt.contains(&"title".to_string()));
    assert!(!receipt.contains(&"relief_clause".to_string()));
    let withheld = available_fields(&NoticeKind::Reply(ReplyType::Withheld(WithholdingGround::StateSecret)));
    for f in ["relief_clause", "withheld_ground", "withheld_article", "relief"] {
        assert!(withheld.contains(&f.to_string()), "{f}");
    }
    assert!(!available_fields(&NoticeKind::Reply(ReplyType::NotExist)).contains(&"withheld_ground".to_string()));
}

#[test]
fn chinese_numerals() {
    let n = |i: i64| chinese_numeral(Value::from(i));
    assert_eq!([n(1), n(9), n(10), n(15), n(20), n(21), n(99)], ["一", "九", "十", "十五", "二十", "二十一", "九十九"]);
    assert_eq!(n(0), "0");
    assert_eq!(n(100), "100");
    assert_eq!(chinese_numeral(Value::from("x")), "x");
}

#[test]
fn a_long_but_legitimate_notice_is_within_the_fuel_budget() {
    let kind = NoticeKind::Reply(ReplyType::PartiallyDisclosed);
    let mut ctx = sample_context(&kind);
    ctx.withheld_parts = (0..300).map(|_| ctx.withheld_parts[0].clone()).collect();
    ctx.enclosures = (0..300).map(|i| format!("附件{i}")).collect();
    let text = render(&kind, kind.default_template(), &ctx).unwrap();
    assert!(text.contains("（九十九）") && text.contains("（300）"), "numbering past 99 falls back to digits");
}

#[test]
fn a_runaway_template_is_stopped() {
    let kind = NoticeKind::Receipt;
    let ctx = sample_context(&kind);
    let t = "{% for i in range(10000) %}{% for j in range(10000) %}{{ applicant }}{% endfor %}{% endfor %}";
    assert_eq!(render(&kind, t, &ctx), Err(NoticeError::TooCostly));
    let t = "{{ applicant * 100000000 }}";
    assert!(render(&kind, t, &ctx).is_err());
}

fn template_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "{{",
        "}}",
        "{%",
        "%}",
        "{#",
        "#}",
        " if ",
        " for ",
        " in ",
        " endif ",
        " endfor ",
        " else ",
        "applicant",
        "relief_clause",
        "correction_items",
        "withheld_parts",
        "loop.index",
        "|cn",
        "|join(\"、\")",
        "(",
        ")",
        "[",
        "]",
        ".",
        "'",
        "\"",
        "-",
        "~",
        " * ",
        "1",
        "9999999",
        "本机关",
        "：",
        "\n",
        " ",
        "range(",
        "macro",
        "set ",
        "=",
        "|",
        "none",
        "true",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn render_never_panics_on_arbitrary_text(text in "\\PC{0,200}") {
        for kind in [NoticeKind::Receipt, NoticeKind::Reply(ReplyType::PartiallyDisclosed)] {
            let _ = render(&kind, &text, &sample_context(&kind));
            let _ = validate_template(&kind, &text);
        }
    }

    #[test]
    fn render_never_panics_on_template_like_text(text in template_text()) {
        let kind = NoticeKind::Correction;
        let _ = render(&kind, &text, &sample_context(&kind));
        let _ = validate_template(&kind, &text);
    }
}
