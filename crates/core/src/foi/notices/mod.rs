//! The notices (告知书) and replies (答复书) of 依申请公开, rendered from editable templates.
//!
//! Every written step of a request has a notice (ogi-rules §5.3: T01–T07) and every outcome a
//! reply (R1–R12, one per [`ReplyType`]). Their wording belongs to the city disclosure office, so
//! each is a [minijinja] template: the defaults live in `data/notices/*.txt.j2` and are compiled
//! in; edited copies are stored by `store` and checked with [`validate_template`] before saving.
//!
//! Rendering is sandboxed and strict: a template sees only the [`NoticeContext`] fields plus
//! `title`, `relief_clause` and (for 不予公开 replies) `withheld_ground` / `withheld_article`;
//! a reference to anything else is an error, never blank text; rendering runs on a fuel budget,
//! so a careless loop cannot hang the server. Output is plain text, one paragraph per line,
//! unescaped: the web layer escapes it when it puts it in HTML.
//!
//! **Which notices carry the notice of relief** ([`NoticeKind::carries_relief`]). Under
//! 行政复议法 2023 Art. 20 ¶3, a decision that does not tell the applicant the right to 行政复议,
//! the 复议机关 and the time limit lets the limit run for up to a year; so every notice that
//! decides something affecting a person's rights carries [`relief_clause`]:
//! - every reply (R1–R12): each ends the case;
//! - the decision to disclose over a third party's objection (T04b): it decides against the
//!   third party (条例 Art. 32), who may seek relief before the information goes out;
//! - the fee notice (T07): it imposes a charge (国办函〔2020〕109号).
//!
//! The other notices are steps inside the case and decide nothing by themselves: the receipt, the
//! 补正 notice (a request to complete the application; the case only ends, with relief, by the
//! R12 "视为放弃" notice or a reply; the Supreme People's Court's 2011 rules on disclosure cases
//! treat such a request as having no actual effect on the applicant's rights), the extension and
//! deferral notices (the case goes on to a reply that carries relief), the request for reasons,
//! and the consultation letters.

mod relief;
mod sample;
#[cfg(test)]
mod tests;

use std::collections::BTreeSet;

use minijinja::value::{Serde, Value};
use minijinja::{AutoEscape, Environment, ErrorKind, UndefinedBehavior};

use crate::doc::WithholdingGround;
use crate::foi::{Channel, ReplyType};

pub use relief::{PRIOR_REVIEW_PHRASE, Relief, relief_clause, review_body};
pub use sample::sample_context;

/// Every notice the platform issues (ogi-rules §5.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoticeKind {
    /// T01 登记回执 (条例 Arts. 31, 45): receipt date by channel, case number, reply due date.
    Receipt,
    /// T02 补正告知书 (Art. 30): itemised, all at once, deadline, consequence (视为放弃申请).
    Correction,
    /// T03 延期答复告知书 (Art. 33 ¶2): new due date (≤ 20 working days more), approved by the
    /// head of the disclosure office.
    Extension,
    /// T04a 征求意见书（第三方） (Art. 32): 15 working days to reply.
    ThirdPartyConsultation,
    /// T04b 公开决定告知书（第三方） (Art. 32): disclosure despite objection, content and reasons.
    ThirdPartyDecision,
    /// T05 征求意见函（共同制作机关） (Art. 34): 15 working days, silence = consent.
    CoProducerConsultation,
    /// T06a 说明理由告知书 (Art. 35).
    ReasonsRequest,
    /// T06b 延迟答复告知书 (Art. 35): the deferred date.
    Deferral,
    /// T07 收费通知书 (Art. 42, 国办函〔2020〕109号).
    FeeNotice,
    /// R1–R12: one reply per outcome. The `Withheld(ground)` variants share one template that
    /// states the ground.
    Reply(ReplyType),
}

const PROCEDURAL: [NoticeKind; 9] = [
    NoticeKind::Receipt,
    NoticeKind::Correction,
    NoticeKind::Extension,
    NoticeKind::ThirdPartyConsultation,
    NoticeKind::ThirdPartyDecision,
    NoticeKind::CoProducerConsultation,
    NoticeKind::ReasonsRequest,
    NoticeKind::Deferral,
    NoticeKind::FeeNotice,
];

impl NoticeKind {
    /// Every kind: the nine procedural notices, then one reply per [`ReplyType::all`] (so each
    /// withholding ground appears once, all sharing the `reply:withheld` template).
    pub fn all() -> Vec<NoticeKind> {
        let mut all = PROCEDURAL.to_vec();
        all.extend(ReplyType::all().into_iter().map(NoticeKind::Reply));
        all
    }

    /// One kind per template (per [`code`](Self::code)), in catalogue order: the list an editor
    /// of the templates works through.
    pub fn template_kinds() -> Vec<NoticeKind> {
        let mut seen = BTreeSet::new();
        NoticeKind::all().into_iter().filter(|k| seen.insert(k.code())).collect()
    }

    /// The stable code of the template: `receipt`, `correction`, … `reply:disclosed`,
    /// `reply:withheld` (one template for every ground).
    pub fn code(&self) -> String {
        match self {
            NoticeKind::Receipt => "receipt".into(),
            NoticeKind::Correction => "correction".into(),
            NoticeKind::Extension => "extension".into(),
            NoticeKind::ThirdPartyConsultation => "third-party-consultation".into(),
            NoticeKind::ThirdPartyDecision => "third-party-decision".into(),
            NoticeKind::CoProducerConsultation => "co-producer-consultation".into(),
            NoticeKind::ReasonsRequest => "reasons-request".into(),
            NoticeKind::Deferral => "deferral".into(),
            NoticeKind::FeeNotice => "fee-notice".into(),
            NoticeKind::Reply(ReplyType::Withheld(_)) => "reply:withheld".into(),
            NoticeKind::Reply(r) => format!("reply:{}", r.code()),
        }
    }

    /// The kind for a code. `reply:withheld` names the shared template, not a ground, and gives
    /// the first ground (国家秘密) as its representative; `reply:withheld:art15-third-party` (the
    /// [`ReplyType`] code after `reply:`) gives the exact ground.
    pub fn from_code(code: &str) -> Option<NoticeKind> {
        if let Some(reply) = code.strip_prefix("reply:") {
            if reply == "withheld" {
                return Some(NoticeKind::Reply(ReplyType::Withheld(WithholdingGround::ALL[0])));
            }
            return ReplyType::from_code(reply).map(NoticeKind::Reply);
        }
        PROCEDURAL.into_iter().find(|k| k.code() == code)
    }

    /// The title printed at the head of the notice.
    pub fn title(&self) -> &'static str {
        match self {
            NoticeKind::Receipt => "政府信息公开申请登记回执",
            NoticeKind::Correction => "政府信息公开申请补正告知书",
            NoticeKind::Extension => "政府信息公开申请延期答复告知书",
            NoticeKind::ThirdPartyConsultation => "政府信息公开申请征求第三方意见书",
            NoticeKind::ThirdPartyDecision => "政府信息公开决定告知书",
            NoticeKind::CoProducerConsultation => "政府信息公开申请征求意见函",
            NoticeKind::ReasonsRequest => "政府信息公开申请说明理由告知书",
            NoticeKind::Deferral => "政府信息公开申请延迟答复告知书",
            NoticeKind::FeeNotice => "政府信息公开信息处理费收费通知书",
            // R1–R6 of the catalogue are 答复书 under 条例 Art. 36(一)–(五) and Art. 37; the
            // rest tell the applicant how the application is (not) handled: 告知书.
            NoticeKind::Reply(
                ReplyType::AlreadyPublic
                | ReplyType::Disclosed
                | ReplyType::PartiallyDisclosed
                | ReplyType::Withheld(_)
                | ReplyType::NotExist
                | ReplyType::NotThisAgency,
            ) => "政府信息公开申请答复书",
            NoticeKind::Reply(_) => "政府信息公开申请告知书",
        }
    }

    /// The default wording, from `data/notices/`.
    pub fn default_template(&self) -> &'static str {
        macro_rules! t {
            ($file:literal) => {
                include_str!(concat!("../../../../../data/notices/", $file))
            };
        }
        match self {
            NoticeKind::Receipt => t!("receipt.txt.j2"),
            NoticeKind::Correction => t!("correction.txt.j2"),
            NoticeKind::Extension => t!("extension.txt.j2"),
            NoticeKind::ThirdPartyConsultation => t!("third-party-consultation.txt.j2"),
            NoticeKind::ThirdPartyDecision => t!("third-party-decision.txt.j2"),
            NoticeKind::CoProducerConsultation => t!("co-producer-consultation.txt.j2"),
            NoticeKind::ReasonsRequest => t!("reasons-request.txt.j2"),
            NoticeKind::Deferral => t!("deferral.txt.j2"),
            NoticeKind::FeeNotice => t!("fee-notice.txt.j2"),
            NoticeKind::Reply(r) => match r {
                ReplyType::AlreadyPublic => t!("reply-already-public.txt.j2"),
                ReplyType::Disclosed => t!("reply-disclosed.txt.j2"),
                ReplyType::PartiallyDisclosed => t!("reply-partially-disclosed.txt.j2"),
                ReplyType::Withheld(_) => t!("reply-withheld.txt.j2"),
                ReplyType::SpecialRegister => t!("reply-special-register.txt.j2"),
                ReplyType::NotExist => t!("reply-not-exist.txt.j2"),
                ReplyType::NotThisAgency => t!("reply-not-this-agency.txt.j2"),
                ReplyType::NeedsCreation => t!("reply-needs-creation.txt.j2"),
                ReplyType::UnclearAfterCorrection => t!("reply-unclear-after-correction.txt.j2"),
                ReplyType::Petition => t!("reply-petition.txt.j2"),
                ReplyType::Repeat => t!("reply-repeat.txt.j2"),
                ReplyType::Publication => t!("reply-publication.txt.j2"),
                ReplyType::Excessive => t!("reply-excessive.txt.j2"),
                ReplyType::ConfirmOrReissue => t!("reply-confirm-or-reissue.txt.j2"),
                ReplyType::AbandonedNoCorrection => t!("reply-abandoned-no-correction.txt.j2"),
                ReplyType::AbandonedUnpaidFee => t!("reply-abandoned-unpaid-fee.txt.j2"),
                ReplyType::Other => t!("reply-other.txt.j2"),
            },
        }
    }

    /// Whether this notice decides something and so must carry the notice of relief (行政复议法
    /// 2023 Art. 20 ¶3): every reply, the decision to disclose over a third party's objection and
    /// the fee notice. See the module documentation for why the others do not.
    pub fn carries_relief(&self) -> bool {
        matches!(self, NoticeKind::Reply(_) | NoticeKind::ThirdPartyDecision | NoticeKind::FeeNotice)
    }

    /// Whether the notice withholds information in full or in part, and so must state 复议前置.
    pub fn withholds(&self) -> bool {
        matches!(self, NoticeKind::Reply(r) if r.withholds())
    }

    /// The articles the default wording cites for its decision, as they appear in the text
    /// (after 《条例》). Empty for [`ReplyType::Other`], whose basis is written case by case.
    pub fn articles(&self) -> Vec<&'static str> {
        match self {
            NoticeKind::Receipt => vec!["第三十一条", "第三十三条第二款"],
            NoticeKind::Correction => vec!["第三十条"],
            NoticeKind::Extension => vec!["第三十三条第二款"],
            NoticeKind::ThirdPartyConsultation => vec!["第三十二条"],
            NoticeKind::ThirdPartyDecision => vec!["第十五条", "第三十二条"],
            NoticeKind::CoProducerConsultation => vec!["第三十四条"],
            NoticeKind::ReasonsRequest | NoticeKind::Deferral => vec!["第三十五条"],
            NoticeKind::FeeNotice => vec!["第四十二条", "国办函〔2020〕109号"],
            NoticeKind::Reply(r) => match r {
                ReplyType::AlreadyPublic => vec!["第三十六条第（一）项"],
                ReplyType::Disclosed => vec!["第三十六条第（二）项"],
                ReplyType::PartiallyDisclosed => vec!["第三十七条", "第三十六条第（三）项"],
                ReplyType::Withheld(g) => vec![ground_article(*g), "第三十六条第（三）项"],
                ReplyType::SpecialRegister => vec!["第三十六条第（七）项"],
                ReplyType::NotExist => vec!["第三十六条第（四）项"],
                ReplyType::NotThisAgency => vec!["第三十六条第（五）项"],
                ReplyType::NeedsCreation => vec!["第三十八条"],
                ReplyType::UnclearAfterCorrection => vec!["第三十条"],
                ReplyType::Petition => vec!["第三十九条第一款"],
                ReplyType::Repeat => vec!["第三十六条第（六）项"],
                ReplyType::Publication => vec!["第三十九条第二款"],
                ReplyType::Excessive => vec!["第三十五条"],
                ReplyType::ConfirmOrReissue => vec!["第二条", "第三十八条"],
                ReplyType::AbandonedNoCorrection => vec!["第三十条"],
                ReplyType::AbandonedUnpaidFee => vec!["第四十二条", "国办函〔2020〕109号"],
                ReplyType::Other => vec![],
            },
        }
    }
}

/// What a withholding ground is, worded to follow "属于" (条例 Arts. 14–16).
pub fn ground_text(ground: WithholdingGround) -> &'static str {
    match ground {
        WithholdingGround::StateSecret => "依法确定为国家秘密的政府信息",
        WithholdingGround::ProhibitedByLaw => "法律、行政法规禁止公开的政府信息",
        WithholdingGround::Security => "公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息",
        WithholdingGround::ThirdParty => "涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息",
        WithholdingGround::InternalAffairs => "人事管理、后勤管理、内部工作流程等方面的内部事务信息",
        WithholdingGround::ProcessInformation => {
            "行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息"
        }
        WithholdingGround::EnforcementFile => "行政执法案卷信息",
    }
}

/// The article of the 条例 a withholding ground rests on, as cited after 《条例》.
pub fn ground_article(ground: WithholdingGround) -> &'static str {
    match ground {
        WithholdingGround::StateSecret | WithholdingGround::ProhibitedByLaw | WithholdingGround::Security => "第十四条",
        WithholdingGround::ThirdParty => "第十五条",
        WithholdingGround::InternalAffairs => "第十六条第一款",
        WithholdingGround::ProcessInformation | WithholdingGround::EnforcementFile => "第十六条第二款",
    }
}

/// One withheld part of a partial disclosure (条例 Art. 37), with its ground.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct WithheldPart {
    /// What is withheld: "名单中申请人的身份证号码、联系电话".
    pub part: String,
    /// Why, in one or more full sentences ending with 。.
    pub reason: String,
    /// The ground, worded to follow "属于" ([`ground_text`]).
    pub ground: String,
    /// The article, as cited after 《条例》 ([`ground_article`]): "第十五条".
    pub article: String,
}

impl WithheldPart {
    pub fn new(part: impl Into<String>, ground: WithholdingGround, reason: impl Into<String>) -> WithheldPart {
        WithheldPart {
            part: part.into(),
            reason: reason.into(),
            ground: ground_text(ground).into(),
            article: ground_article(ground).into(),
        }
    }
}

/// Everything a notice may need, as plain strings, with dates already formatted in Chinese
/// (2024年3月5日). A field a notice does not use may stay empty; a field a template uses that
/// is empty renders empty (a *missing* field is an error). Free-text fields marked "sentences"
/// are one or more full sentences ending with 。; the others are phrases the template wraps.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct NoticeContext {
    // ── the document ──
    /// 文书编号: 温政办依公〔2024〕12号.
    pub number: String,
    /// The agency issuing the notice (and the 本机关 of the text).
    pub agency: String,
    /// Date of the notice.
    pub issued_on: String,
    /// Its 政府信息公开工作机构's address and phone, printed at the foot.
    pub office_address: String,
    pub office_phone: String,

    // ── the application ──
    /// The applicant (name of the person or organisation).
    pub applicant: String,
    /// 申请编号 (the case number) and 查询码 (the tracking code), and where to track it.
    pub case_no: String,
    pub tracking_code: String,
    pub tracking_url: String,
    /// How it arrived, as the receipt says it ("互联网（温州市政府信息公开申请平台）") and the
    /// Art. 31 rule for that channel ([`Channel::receipt_rule`]); see [`NoticeContext::set_channel`].
    pub channel: String,
    pub receipt_rule: String,
    /// 收到申请之日 (Art. 31), after a 补正 the day the corrected application arrived.
    pub received_on: String,
    /// What was asked, as the applicant described it (a phrase: it is quoted in “”).
    pub request: String,
    /// The reply due date (Art. 33 ¶2, before any extension).
    pub due_on: String,
    /// The main reasons of the notice (sentences): why an extension, why the third party is
    /// concerned, why withheld, why not this agency, why a petition, …
    pub reasons: String,

    // ── an earlier document the notice refers to ──
    /// Number and date of the earlier reply (重复申请), 补正告知书, 说明理由告知书, 收费通知书 or
    /// 征求意见书 the notice refers to.
    pub earlier_number: String,
    pub earlier_on: String,

    // ── 补正 (T02, R9 unclear, R12) ──
    /// The items to correct, all at once (一次性告知, Art. 30); at least one for a 补正告知书.
    pub correction_items: Vec<String>,
    /// The last day to correct (含当日).
    pub correction_due_on: String,
    /// When the corrected application arrived.
    pub corrected_on: String,

    // ── extension (T03) ──
    /// Working days added, 1–20 (Art. 33 ¶2).
    pub extension_days: u32,
    pub new_due_on: String,

    // ── consultations (T04a, T04b, T05) ──
    /// The third party or co-producing agency consulted (the addressee of those notices; the
    /// applicant's identity is not disclosed to them).
    pub consulted_party: String,
    /// The last day to give an opinion (15 working days from receipt of the letter).
    pub consult_reply_by: String,
    /// The third party's objection (sentences).
    pub third_party_objection: String,
    /// The information disclosed (T04b; the disclosed part of R3).
    pub disclosed_content: String,
    /// The date the information will be provided to the applicant (T04b).
    pub disclose_on: String,

    // ── Art. 35 (T06a, T06b, R11) ──
    /// The number and frequency of the applicant's applications (a clause):
    /// "2024年1月1日至3月5日，您共向本机关提出政府信息公开申请87件".
    pub volume_facts: String,
    /// The last day to state reasons (T06a) and the deferred due date (T06b).
    pub reasons_due_on: String,
    pub deferred_due_on: String,

    // ── fee (T07) ──
    /// 按件计收 or 按量计收 (国办函〔2020〕109号 Art. 3).
    pub fee_method: String,
    /// The facts that make the application chargeable (sentences): the month's count, the pages.
    pub fee_basis: String,
    /// The standard applied, tier by tier (a clause).
    pub fee_standard: String,
    /// The amount in 元, "1700.00".
    pub fee_amount: String,
    /// How to pay (a clause): account, payment code, window.
    pub fee_payment: String,

    // ── replies ──
    /// How, where and when to obtain the information (R1, R2, R3; R10 publications: where).
    pub obtain_how: String,
    pub obtain_where: String,
    pub obtain_when: String,
    /// What is provided with the reply.
    pub enclosures: Vec<String>,
    /// The withheld parts of a partial disclosure (R3), each with its ground.
    pub withheld_parts: Vec<WithheldPart>,
    /// Where and how the agency searched (R5, a clause): "检索本机关2018年以来的发文目录……".
    pub search_scope: String,
    /// The agency responsible for disclosure, and its contact, if known (R6, Art. 36(五)).
    pub responsible_agency: String,
    pub responsible_contact: String,
    /// The register, the law that governs access to it, and where to apply (R8, Art. 36(七)).
    pub special_register: String,
    pub special_law: String,
    pub special_where: String,
    /// The proper channel for a 信访、投诉、举报 (R10, Art. 39 ¶1).
    pub petition_channel: String,

    /// Who hears a 行政复议 against the agency ([`review_body`]).
    pub relief: Relief,
}

impl NoticeContext {
    /// Fills `channel` and `receipt_rule` from the channel the application came by (Art. 31).
    pub fn set_channel(&mut self, channel: Channel, detail: Option<&str>) {
        self.channel = match detail {
            Some(d) if !d.trim().is_empty() => format!("{}（{}）", channel.label(), d.trim()),
            _ => channel.label().to_string(),
        };
        self.receipt_rule = channel.receipt_rule().to_string();
    }
}

/// Why a notice cannot be rendered, or a template cannot be saved. Displays in Chinese.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoticeError {
    #[error("模板{}有语法错误：{detail}", at(*.line))]
    Syntax { line: Option<usize>, detail: String },
    #[error("模板引用了不存在的字段“{0}”")]
    UnknownField(String),
    #[error("模板{}引用的字段或属性不存在{}", at(*.line), quoted(.snippet))]
    Undefined { line: Option<usize>, snippet: String },
    #[error("模板{}使用了不支持的过滤器、函数或方法：{detail}", at(*.line))]
    Unsupported { line: Option<usize>, detail: String },
    #[error("模板运算量超出限制（可能有过大的循环），已停止渲染")]
    TooCostly,
    #[error("模板{}无法渲染：{detail}", at(*.line))]
    Render { line: Option<usize>, detail: String },
    #[error("模板渲染结果为空")]
    Empty,
    #[error(
        "“{0}”必须保留救济途径告知（{{{{ relief_clause }}}}），并确保其在文书中输出：\
         未告知行政复议权利、复议机关和期限的，复议申请期限最长可延至一年（《中华人民共和国行政复议法》第二十条第三款）"
    )]
    MissingRelief(&'static str),
    #[error("无法确定行政复议机关：{0}")]
    ReviewBody(String),
    #[error("补正告知书应当一次性列明需要补正的全部事项（《中华人民共和国政府信息公开条例》第三十条），至少一项")]
    NoCorrectionItems,
    #[error("延长答复期限应为1至20个工作日（《中华人民共和国政府信息公开条例》第三十三条第二款），不能是{0}个工作日")]
    ExtensionOutOfRange(u32),
    #[error("部分公开答复应当逐项说明不予公开的内容及理由（《中华人民共和国政府信息公开条例》第三十七条）")]
    NoWithheldParts,
    #[error(
        "予以公开的答复应当提供政府信息，或者告知获取的方式、途径和时间（《中华人民共和国政府信息公开条例》第三十六条第（二）项）"
    )]
    NothingProvided,
}

fn at(line: Option<usize>) -> String {
    line.map(|l| format!("第{l}行")).unwrap_or_default()
}

fn quoted(snippet: &str) -> String {
    if snippet.is_empty() { String::new() } else { format!("：“{snippet}”") }
}

impl NoticeError {
    fn from_engine(err: &minijinja::Error, source: &str) -> NoticeError {
        let line = err.line();
        let detail = err.detail().map(str::to_string).unwrap_or_else(|| err.kind().to_string());
        match err.kind() {
            ErrorKind::SyntaxError | ErrorKind::BadEscape | ErrorKind::InvalidDelimiter => {
                NoticeError::Syntax { line, detail }
            }
            ErrorKind::UndefinedError => {
                // The offending line, as the editor wrote it (spans need minijinja's `debug`).
                let snippet = line
                    .and_then(|l| source.lines().nth(l.saturating_sub(1)))
                    .map(|s| s.trim().chars().take(60).collect::<String>())
                    .unwrap_or_default();
                NoticeError::Undefined { line, snippet }
            }
            ErrorKind::UnknownFilter
            | ErrorKind::UnknownFunction
            | ErrorKind::UnknownTest
            | ErrorKind::UnknownMethod
            | ErrorKind::TemplateNotFound => NoticeError::Unsupported { line, detail },
            ErrorKind::OutOfFuel => NoticeError::TooCostly,
            _ => NoticeError::Render { line, detail },
        }
    }
}

/// What one render may cost: far above a notice (a few thousand), far below a runaway loop.
const FUEL: u64 = 200_000;

/// Template name, for error messages and auto-escape detection (plain text: none).
const TEMPLATE_NAME: &str = "notice.txt";

fn environment<'s>() -> Environment<'s> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| AutoEscape::None);
    env.set_fuel(Some(FUEL));
    if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder().trim_blocks(true).lstrip_blocks(true).build() {
        env.set_syntax(syntax);
    }
    env.add_filter("cn", chinese_numeral);
    env
}

/// `{{ n|cn }}`: 1 → 一, 12 → 十二, 20 → 二十 (1–99; anything else is printed as it is).
fn chinese_numeral(value: Value) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match value.as_i64() {
        Some(n @ 1..=9) => DIGITS[n as usize].to_string(),
        Some(n @ 10..=99) => {
            let (tens, ones) = ((n / 10) as usize, (n % 10) as usize);
            let tens = if tens == 1 { String::new() } else { DIGITS[tens].to_string() };
            let ones = if ones == 0 { "" } else { DIGITS[ones] };
            format!("{tens}十{ones}")
        }
        _ => value.to_string(),
    }
}

/// The variables a template sees: the context, plus what follows from the kind.
#[derive(serde::Serialize)]
struct Variables<'a> {
    #[serde(flatten)]
    ctx: &'a NoticeContext,
    title: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    relief_clause: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    withheld_ground: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    withheld_article: Option<&'static str>,
}

impl<'a> Variables<'a> {
    fn new(kind: &NoticeKind, ctx: &'a NoticeContext) -> Variables<'a> {
        let ground = match kind {
            NoticeKind::Reply(ReplyType::Withheld(g)) => Some(*g),
            _ => None,
        };
        Variables {
            ctx,
            title: kind.title(),
            relief_clause: kind.carries_relief().then(|| relief_clause(kind.withholds(), &ctx.relief.review_body)),
            withheld_ground: ground.map(ground_text),
            withheld_article: ground.map(ground_article),
        }
    }
}

/// The names a template for `kind` may use: every [`NoticeContext`] field, `title`, and
/// `relief_clause` / `withheld_ground` / `withheld_article` where the kind has them. For the
/// editor's help panel.
pub fn available_fields(kind: &NoticeKind) -> Vec<String> {
    let ctx = NoticeContext::default();
    let vars = Value::from(Serde(Variables::new(kind, &ctx)));
    let mut names: Vec<String> =
        vars.try_iter().map(|keys| keys.filter_map(|k| k.as_str().map(str::to_string)).collect()).unwrap_or_default();
    names.sort();
    names
}

/// Rules of the 条例 a context must meet before a notice goes out.
fn check_context(kind: &NoticeKind, ctx: &NoticeContext) -> Result<(), NoticeError> {
    if kind.carries_relief() && ctx.relief.review_body.trim().is_empty() {
        return Err(NoticeError::ReviewBody("该文书须告知行政复议机关，但未提供复议机关名称".into()));
    }
    match kind {
        NoticeKind::Correction if ctx.correction_items.iter().all(|i| i.trim().is_empty()) => {
            Err(NoticeError::NoCorrectionItems)
        }
        NoticeKind::Extension if !(1..=20).contains(&ctx.extension_days) => {
            Err(NoticeError::ExtensionOutOfRange(ctx.extension_days))
        }
        NoticeKind::Reply(ReplyType::PartiallyDisclosed) if ctx.withheld_parts.is_empty() => {
            Err(NoticeError::NoWithheldParts)
        }
        NoticeKind::Reply(ReplyType::Disclosed) if ctx.enclosures.is_empty() && ctx.obtain_how.trim().is_empty() => {
            Err(NoticeError::NothingProvided)
        }
        _ => Ok(()),
    }
}

/// Renders a notice. Strict: a template that refers to a field the kind does not have (on any
/// branch, taken or not) or to an attribute a value does not have is an error, not blank text; so is a context that breaks a rule of the 条例 (no 补正 items, an
/// extension over 20 working days, a partial disclosure without withheld parts, a relief-bearing
/// notice without a 复议机关). Never panics, whatever the template text.
pub fn render(kind: &NoticeKind, template: &str, ctx: &NoticeContext) -> Result<String, NoticeError> {
    check_context(kind, ctx)?;
    let env = environment();
    let tmpl =
        env.template_from_named_str(TEMPLATE_NAME, template).map_err(|e| NoticeError::from_engine(&e, template))?;
    check_names(kind, &env, &tmpl)?;
    tmpl.render(Value::from(Serde(Variables::new(kind, ctx)))).map_err(|e| NoticeError::from_engine(&e, template))
}

/// Every name the template looks up, on every branch, must be one the kind has; returns them.
fn check_names(
    kind: &NoticeKind,
    env: &Environment<'_>,
    tmpl: &minijinja::Template<'_, '_>,
) -> Result<Vec<String>, NoticeError> {
    let known: BTreeSet<String> =
        available_fields(kind).into_iter().chain(env.globals().map(|(name, _)| name.to_string())).collect();
    let mut used: Vec<String> = tmpl.undeclared_variables(false).into_iter().collect();
    used.sort();
    match used.iter().find(|name| !known.contains(*name)) {
        Some(unknown) => Err(NoticeError::UnknownField(unknown.clone())),
        None => Ok(used),
    }
}

/// Checks an edited template before it is saved. It must parse; refer only to fields the kind
/// has (checked on every branch, not only the ones the sample takes); render with the full
/// sample context to non-empty text; and, for kinds that carry relief, still print the relief
/// clause with the sample context, so an editor cannot drop the legal notice of relief.
pub fn validate_template(kind: &NoticeKind, template: &str) -> Result<(), NoticeError> {
    let env = environment();
    let tmpl =
        env.template_from_named_str(TEMPLATE_NAME, template).map_err(|e| NoticeError::from_engine(&e, template))?;
    let used = check_names(kind, &env, &tmpl)?;
    let ctx = sample_context(kind);
    let out = render(kind, template, &ctx)?;
    if out.trim().is_empty() {
        return Err(NoticeError::Empty);
    }
    if kind.carries_relief() {
        let clause = relief_clause(kind.withholds(), &ctx.relief.review_body);
        if !used.iter().any(|n| n == "relief_clause") || !out.contains(&clause) {
            return Err(NoticeError::MissingRelief(kind.title()));
        }
    }
    Ok(())
}
