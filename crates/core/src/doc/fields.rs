//! The metadata and body of one edition of a document, parsed from what an editor typed (or an
//! importer read) into domain values, with one message per field that is wrong.

use serde::{Deserialize, Serialize};
use time::Date;

use super::{
    Disclosure, DisclosureKind, DocNo, Genre, Interpretation, InterpretationForm, PolicyKind, PolicyRef, SafeHtml,
    SiteColumn, StatutoryItem, Topic, Validity, ValidityStatus, WithholdingGround,
};
use crate::text::char_len;

/// A document title: one line, 1–200 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Title(String);

pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_SUMMARY_CHARS: usize = 500;
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;
pub const MAX_KEYWORDS: usize = 10;

impl Title {
    /// Joins wrapped lines and collapses runs of white space: titles copied from Word or from
    /// legacy pages often arrive broken over two lines.
    pub fn parse(s: &str) -> Result<Title, String> {
        let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if joined.is_empty() {
            return Err("请填写标题".into());
        }
        if char_len(&joined) > MAX_TITLE_CHARS {
            return Err(format!("标题最多 {MAX_TITLE_CHARS} 字，现有 {} 字", char_len(&joined)));
        }
        Ok(Title(joined))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Title {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Title::parse(&s)
    }
}

impl From<Title> for String {
    fn from(t: Title) -> String {
        t.0
    }
}

/// What a form or an import supplies, as text. Field names are the form field names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EditionInput {
    pub title: String,
    pub doc_no: String,
    pub topic: String,
    pub genre: String,
    pub policy_kind: String,
    pub column: String,
    pub statutory_item: String,
    pub disclosure: String,
    pub ground: String,
    pub disclosure_note: String,
    pub validity: String,
    pub effective_on: String,
    pub expires_on: String,
    pub written_on: String,
    pub summary: String,
    pub keywords: String,
    pub body: String,
    pub change_note: String,
    /// 统一登记编号 of a normative document.
    pub registration_no: String,
    /// For a 解读: its form (`text`, `graphic`, `qa`, `media`), the audio/video link, and the
    /// policy documents it interprets, one 文号 or 索引号 per line.
    pub interpretation_form: String,
    pub media_url: String,
    pub interprets: String,
    /// 变更日期 of a revision.
    pub changed_on: String,
}

/// The parsed metadata and body of an edition. Every value here is valid by construction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditionFields {
    pub title: Title,
    pub doc_no: Option<DocNo>,
    pub topic: Topic,
    pub genre: Genre,
    pub policy_kind: PolicyKind,
    pub column: SiteColumn,
    pub statutory_item: Option<StatutoryItem>,
    pub disclosure: Disclosure,
    /// Free-text explanation of the 公开属性 (required reasons are the ground; this adds detail).
    pub disclosure_note: Option<String>,
    pub validity: Option<Validity>,
    /// 成文日期.
    pub written_on: Option<Date>,
    /// 内容概述 (条例 Art. 12: every catalogue item has one; derived from the body if empty).
    pub summary: Option<String>,
    /// 主题词.
    pub keywords: Vec<String>,
    pub body: SafeHtml,
    /// 修订说明: why this edition differs from the previous one.
    pub change_note: Option<String>,
    /// 统一登记编号 (行政规范性文件 are registered, numbered and published together: 三统一).
    pub registration_no: Option<String>,
    /// 变更日期: when the information of a revision changed. 条例 Art. 26 counts the 20 working
    /// days to publish a change from it, as it counts a first publication from the 成文日期.
    pub changed_on: Option<Date>,
    /// Only for the genre 解读. Publishing requires it of a 解读; a draft or an imported legacy
    /// 解读 page may lack it until staff link it to its policy.
    pub interpretation: Option<Interpretation>,
}

/// One message per field, in form order, for re-rendering a form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FieldErrors(Vec<(&'static str, String)>);

impl FieldErrors {
    pub fn add(&mut self, field: &'static str, message: impl Into<String>) {
        if self.get(field).is_none() {
            self.0.push((field, message.into()));
        }
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, m)| m.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.0.iter().map(|(f, m)| (*f, m.as_str()))
    }
}

impl std::fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self.0.iter().map(|(field, m)| format!("{field}: {m}")).collect();
        f.write_str(&parts.join("；"))
    }
}

fn optional(s: &str) -> Option<&str> {
    let s = s.trim();
    (!s.is_empty()).then_some(s)
}

fn parse_date_field(errors: &mut FieldErrors, field: &'static str, label: &str, value: &str) -> Option<Date> {
    let value = optional(value)?;
    match crate::import::dates::parse_date(value) {
        Ok(d) => Some(d),
        Err(_) => {
            errors.add(field, format!("{label}“{value}”不是有效日期，请按 2017-06-08 的格式填写"));
            None
        }
    }
}

impl EditionFields {
    /// Parses every field, collecting one message per wrong field rather than stopping at the
    /// first, so a form can show them all at once.
    pub fn parse(input: &EditionInput) -> Result<EditionFields, FieldErrors> {
        let mut e = FieldErrors::default();

        let title = Title::parse(&input.title).map_err(|m| e.add("title", m)).ok();
        let doc_no = match optional(&input.doc_no) {
            None => None,
            Some(s) => DocNo::parse(s).map_err(|err| e.add("doc_no", err.to_string())).ok(),
        };
        let topic = Topic::parse(&input.topic).map_err(|err| e.add("topic", err.to_string())).ok();
        let genre = match optional(&input.genre) {
            None => {
                e.add("genre", "请选择公文种类");
                None
            }
            Some(s) => Genre::from_code(s).or_else(|| Genre::from_label(s)).or_else(|| {
                e.add("genre", format!("未知的公文种类“{s}”"));
                None
            }),
        };
        let policy_kind = match optional(&input.policy_kind) {
            None => Some(PolicyKind::NotPolicy),
            Some(s) => PolicyKind::from_code(s).or_else(|| {
                e.add("policy_kind", format!("未知的文件类别“{s}”"));
                None
            }),
        };
        let column = match optional(&input.column) {
            None => Some(SiteColumn::General),
            Some(s) => SiteColumn::from_code(s).or_else(|| {
                e.add("column", format!("未知的栏目“{s}”"));
                None
            }),
        };
        let statutory_item = match optional(&input.statutory_item) {
            None => None,
            Some(s) => StatutoryItem::from_code(s)
                .or_else(|| s.parse().ok().and_then(StatutoryItem::from_number))
                .or_else(|| {
                    e.add("statutory_item", format!("“{s}”不是条例第二十条的事项（1—15）"));
                    None
                }),
        };
        if column == Some(SiteColumn::Statutory) && statutory_item.is_none() && e.get("statutory_item").is_none() {
            e.add("statutory_item", "列入法定主动公开内容时，请选择条例第二十条的具体事项");
        }

        let disclosure = parse_disclosure(&mut e, input);
        let validity = parse_validity(&mut e, input, policy_kind);
        let written_on = parse_date_field(&mut e, "written_on", "成文日期", &input.written_on);
        if written_on.is_none() && e.get("written_on").is_none() && genre.is_some_and(Genre::is_official_document) {
            e.add("written_on", "公文必须填写成文日期");
        }

        let summary = optional(&input.summary).map(str::to_string);
        if summary.as_deref().is_some_and(|s| char_len(s) > MAX_SUMMARY_CHARS) {
            e.add("summary", format!("内容概述最多 {MAX_SUMMARY_CHARS} 字"));
        }
        let keywords: Vec<String> = input
            .keywords
            .split(|c: char| c == ',' || c == '，' || c == '、' || c == ';' || c == '；' || c.is_whitespace())
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(str::to_string)
            .collect();
        if keywords.len() > MAX_KEYWORDS {
            e.add("keywords", format!("主题词最多 {MAX_KEYWORDS} 个"));
        }
        let body = parse_body(&mut e, &input.body);
        let disclosure_note = optional(&input.disclosure_note).map(str::to_string);
        let change_note = optional(&input.change_note).map(str::to_string);
        let registration_no = optional(&input.registration_no).map(str::to_string);
        if registration_no.as_deref().is_some_and(|s| char_len(s) > MAX_REGISTRATION_NO_CHARS) {
            e.add("registration_no", format!("统一登记编号最多 {MAX_REGISTRATION_NO_CHARS} 个字符"));
        }
        let interpretation = parse_interpretation(&mut e, input, genre);
        let changed_on = parse_date_field(&mut e, "changed_on", "变更日期", &input.changed_on);
        if let (Some(changed), Some(written)) = (changed_on, written_on)
            && changed < written
        {
            e.add("changed_on", "变更日期不能早于成文日期");
        }

        match (title, topic, genre, policy_kind, column, disclosure, body) {
            (Some(title), Some(topic), Some(genre), Some(policy_kind), Some(column), Some(disclosure), Some(body))
                if e.is_empty() =>
            {
                Ok(EditionFields {
                    title,
                    doc_no,
                    topic,
                    genre,
                    policy_kind,
                    column,
                    statutory_item,
                    disclosure,
                    disclosure_note,
                    validity,
                    written_on,
                    summary,
                    keywords,
                    body,
                    change_note,
                    registration_no,
                    changed_on,
                    interpretation,
                })
            }
            _ => Err(e),
        }
    }

    /// The form values that would parse back to these fields, for editing and for export.
    pub fn to_input(&self) -> EditionInput {
        let date = |d: Option<Date>| d.map(crate::tz::format_date).unwrap_or_default();
        EditionInput {
            title: self.title.as_str().into(),
            doc_no: self.doc_no.as_ref().map(|d| d.to_string()).unwrap_or_default(),
            topic: self.topic.label(),
            genre: self.genre.code().into(),
            policy_kind: self.policy_kind.code().into(),
            column: self.column.code().into(),
            statutory_item: self.statutory_item.map(|i| i.code().to_string()).unwrap_or_default(),
            disclosure: self.disclosure.kind().code().into(),
            ground: self.disclosure.ground().map(|g| g.code().to_string()).unwrap_or_default(),
            disclosure_note: self.disclosure_note.clone().unwrap_or_default(),
            validity: self.validity.map(|v| v.status().code().to_string()).unwrap_or_default(),
            effective_on: date(self.validity.and_then(|v| v.effective_on())),
            expires_on: date(self.validity.and_then(|v| v.expires_on())),
            written_on: date(self.written_on),
            summary: self.summary.clone().unwrap_or_default(),
            keywords: self.keywords.join("，"),
            body: self.body.as_str().into(),
            change_note: self.change_note.clone().unwrap_or_default(),
            registration_no: self.registration_no.clone().unwrap_or_default(),
            changed_on: date(self.changed_on),
            interpretation_form: self.interpretation.as_ref().map(|i| i.form.code().to_string()).unwrap_or_default(),
            media_url: self.interpretation.as_ref().and_then(|i| i.media_url.clone()).unwrap_or_default(),
            interprets: self
                .interpretation
                .as_ref()
                .map(|i| i.policies.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))
                .unwrap_or_default(),
        }
    }

    /// Gives a 行政规范性文件 without an end date the default 有效期至, counted from its 施行日期
    /// (or, lacking one, its 成文日期), when that date is still ahead on `today`: the editor sees
    /// it and may change it. 规章 have no fixed period, and an old document entered late is not
    /// given a date that has already passed (the daily duty would expire it at once).
    pub fn apply_default_expiry(&mut self, periods: &super::ValidityPeriods, today: Date) {
        let Some(v) = self.validity else { return };
        if self.policy_kind != PolicyKind::Normative || v.expires_on().is_some() || !v.is_current() {
            return;
        }
        let Some(from) = v.effective_on().or(self.written_on) else { return };
        let expires = periods.default_expiry(self.title.as_str(), from);
        if expires < today {
            return;
        }
        if let Ok(with) = Validity::new(v.status(), v.effective_on(), Some(expires)) {
            self.validity = Some(with);
        }
    }

    /// The 内容概述 to show: the editor's, or the start of the body.
    pub fn summary_or_excerpt(&self) -> String {
        self.summary.clone().unwrap_or_else(|| self.body.excerpt(100))
    }
}

fn parse_disclosure(e: &mut FieldErrors, input: &EditionInput) -> Option<Disclosure> {
    let kind = match optional(&input.disclosure) {
        None => DisclosureKind::Proactive,
        Some(s) => match DisclosureKind::from_code(s) {
            Some(k) => k,
            None => {
                e.add("disclosure", format!("未知的公开属性“{s}”"));
                return None;
            }
        },
    };
    let ground = match optional(&input.ground) {
        None => None,
        Some(s) => match WithholdingGround::from_code(s) {
            Some(g) => Some(g),
            None => {
                e.add("ground", format!("未知的不公开依据“{s}”"));
                return None;
            }
        },
    };
    Disclosure::new(kind, ground).map_err(|err| e.add("ground", err.to_string())).ok()
}

/// 规章 and 行政规范性文件 must state their 有效性; other documents may.
fn parse_validity(e: &mut FieldErrors, input: &EditionInput, kind: Option<PolicyKind>) -> Option<Validity> {
    let effective = parse_date_field(e, "effective_on", "施行日期", &input.effective_on);
    let expires = parse_date_field(e, "expires_on", "有效期至", &input.expires_on);
    let Some(code) = optional(&input.validity) else {
        if kind.is_some_and(PolicyKind::has_validity) {
            e.add("validity", "规章和行政规范性文件必须填写有效性");
        } else if effective.is_some() || expires.is_some() {
            e.add("validity", "填写了施行日期或有效期时，请同时选择有效性");
        }
        return None;
    };
    let Some(status) = ValidityStatus::from_code(code) else {
        e.add("validity", format!("未知的有效性“{code}”"));
        return None;
    };
    if e.get("effective_on").is_some() || e.get("expires_on").is_some() {
        return None;
    }
    Validity::new(status, effective, expires).map_err(|err| e.add("expires_on", err.to_string())).ok()
}

const MAX_REGISTRATION_NO_CHARS: usize = 40;
const MAX_INTERPRETED_POLICIES: usize = 20;

/// A 解读 names the policies it interprets (谁起草、谁解读: it is read with them) and its form;
/// other genres name none.
fn parse_interpretation(e: &mut FieldErrors, input: &EditionInput, genre: Option<Genre>) -> Option<Interpretation> {
    let lines: Vec<&str> = input
        .interprets
        .lines()
        .flat_map(|l| l.split(['，', ',', '；', ';']))
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if genre != Some(Genre::Interpretation) {
        if !lines.is_empty() {
            e.add("interprets", "只有体裁为“解读”的信息才能关联被解读的政策文件");
        }
        return None;
    }
    let form = match optional(&input.interpretation_form) {
        None => InterpretationForm::Text,
        Some(s) => match InterpretationForm::from_code(s) {
            Some(f) => f,
            None => {
                e.add("interpretation_form", format!("未知的解读形式“{s}”"));
                return None;
            }
        },
    };
    let media_url = optional(&input.media_url).map(str::to_string);
    match &media_url {
        Some(u) if !(u.starts_with("https://") || u.starts_with("http://")) || u.chars().any(char::is_whitespace) => {
            e.add("media_url", "音视频链接应以 https:// 或 http:// 开头");
        }
        None if form == InterpretationForm::Media => e.add("media_url", "音视频解读请填写音视频链接"),
        _ => {}
    }
    if lines.is_empty() {
        // Allowed in a draft and in imported legacy pages; publishing requires it (the store
        // refuses to publish a 解读 that names no policy).
        return None;
    }
    if lines.len() > MAX_INTERPRETED_POLICIES {
        e.add("interprets", format!("一篇解读最多关联 {MAX_INTERPRETED_POLICIES} 个政策文件"));
        return None;
    }
    let mut policies = Vec::new();
    for line in lines {
        match PolicyRef::parse(line) {
            Ok(r) if !policies.contains(&r) => policies.push(r),
            Ok(_) => {}
            Err(m) => {
                e.add("interprets", m);
                return None;
            }
        }
    }
    Some(Interpretation { form, media_url, policies })
}

fn parse_body(e: &mut FieldErrors, raw: &str) -> Option<SafeHtml> {
    if raw.len() > MAX_BODY_BYTES {
        e.add("body", format!("正文过长（最多 {} MB），请把长篇材料作为附件上传", MAX_BODY_BYTES / 1024 / 1024));
        return None;
    }
    // Text without any tag is treated as paragraphs, so plain text pasted into the editor keeps
    // its line breaks.
    let body = if raw.contains('<') {
        SafeHtml::sanitize(raw)
    } else {
        SafeHtml::from_paragraphs(&raw.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>())
    };
    if body.plain_text().trim().is_empty() {
        e.add("body", "请填写正文");
        return None;
    }
    Some(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn valid_input() -> EditionInput {
        EditionInput {
            title: "温州市人民政府办公室关于印发\n温州市深化政务公开工作实施方案的通知".into(),
            doc_no: "温政办[2017]62号".into(),
            topic: "综合政务/政务公开".into(),
            genre: "notice".into(),
            policy_kind: "policy".into(),
            column: "statutory".into(),
            statutory_item: "1".into(),
            written_on: "2017-06-08".into(),
            body: "各县(市、区)人民政府,市政府直属各单位:\n《温州市深化政务公开工作实施方案》已经市政府同意。".into(),
            keywords: "政务公开，实施方案".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_form_parses() {
        let f = EditionFields::parse(&valid_input()).unwrap();
        assert_eq!(f.title.as_str(), "温州市人民政府办公室关于印发 温州市深化政务公开工作实施方案的通知");
        assert_eq!(f.doc_no.unwrap().as_str(), "温政办〔2017〕62号");
        assert_eq!(f.disclosure, Disclosure::Proactive);
        assert_eq!(f.statutory_item, Some(StatutoryItem::Rules));
        assert_eq!(f.keywords, ["政务公开", "实施方案"]);
        assert!(f.body.as_str().starts_with("<p>各县(市、区)人民政府"));
    }

    #[test]
    fn every_wrong_field_gets_its_own_message() {
        let input = EditionInput {
            title: "".into(),
            doc_no: "62号".into(),
            genre: "novel".into(),
            disclosure: "withheld".into(),
            written_on: "2017-02-30".into(),
            body: "<script>alert(1)</script>".into(),
            ..valid_input()
        };
        let e = EditionFields::parse(&input).unwrap_err();
        assert_eq!(e.get("title"), Some("请填写标题"));
        assert!(e.get("doc_no").unwrap().contains("温政办〔2017〕62号"));
        assert!(e.get("genre").unwrap().contains("novel"));
        assert!(e.get("ground").unwrap().contains("第十四条至第十六条"));
        assert!(e.get("written_on").unwrap().contains("2017-02-30"));
        assert_eq!(e.get("body"), Some("请填写正文"));
    }

    #[test]
    fn an_interpretation_names_its_policies_and_others_name_none() {
        let interp = |interprets: &str, form: &str, media: &str| EditionInput {
            genre: "interpretation".into(),
            policy_kind: "none".into(),
            doc_no: "".into(),
            interprets: interprets.into(),
            interpretation_form: form.into(),
            media_url: media.into(),
            ..valid_input()
        };
        let f = EditionFields::parse(&interp("温政办[2017]62号\n001002000/2017-00001", "", "")).unwrap();
        let i = f.interpretation.unwrap();
        assert_eq!(i.form, InterpretationForm::Text);
        assert_eq!(i.policies.len(), 2);
        assert_eq!(i.policies[0].to_string(), "温政办〔2017〕62号");
        assert!(matches!(i.policies[1], PolicyRef::IndexNo(_)));

        // A draft (or a legacy page) may not name its policy yet; publishing requires it.
        assert_eq!(EditionFields::parse(&interp("", "", "")).unwrap().interpretation, None);
        let e = EditionFields::parse(&interp("温政办〔2017〕62号", "media", "")).unwrap_err();
        assert!(e.get("media_url").unwrap().contains("音视频链接"));
        let e = EditionFields::parse(&interp("温政办〔2017〕62号", "media", "javascript:alert(1)")).unwrap_err();
        assert!(e.get("media_url").is_some());
        let e = EditionFields::parse(&interp("温政办〔2017〕62号", "poem", "")).unwrap_err();
        assert!(e.get("interpretation_form").is_some());
        let e = EditionFields::parse(&interp("不是文号 也不是索引号", "", "")).unwrap_err();
        assert!(e.get("interprets").unwrap().contains("既不是文号"));

        let e = EditionFields::parse(&EditionInput { interprets: "温政办〔2017〕62号".into(), ..valid_input() })
            .unwrap_err();
        assert!(e.get("interprets").unwrap().contains("只有体裁为“解读”"));
        assert_eq!(EditionFields::parse(&valid_input()).unwrap().interpretation, None);
    }

    #[test]
    fn a_change_date_cannot_precede_the_written_date() {
        let e = EditionFields::parse(&EditionInput { changed_on: "2017-06-01".into(), ..valid_input() }).unwrap_err();
        assert_eq!(e.get("changed_on"), Some("变更日期不能早于成文日期"));
        let f = EditionFields::parse(&EditionInput { changed_on: "2018-01-02".into(), ..valid_input() }).unwrap();
        assert_eq!(f.changed_on, Some(time::macros::date!(2018 - 01 - 02)));
        assert_eq!(EditionFields::parse(&f.to_input()).unwrap(), f, "round trip");
    }

    #[test]
    fn normative_documents_get_the_default_expiry_others_do_not() {
        let periods = super::super::ValidityPeriods::default();
        let normative = EditionInput {
            policy_kind: "normative".into(),
            validity: "valid".into(),
            effective_on: "2024-03-01".into(),
            ..valid_input()
        };
        let today = time::macros::date!(2026 - 11 - 28);
        let mut f = EditionFields::parse(&normative).unwrap();
        f.apply_default_expiry(&periods, today);
        assert_eq!(f.validity.unwrap().expires_on(), Some(time::macros::date!(2029 - 02 - 28)));
        // A date the editor gave is kept.
        let mut g =
            EditionFields::parse(&EditionInput { expires_on: "2026-12-31".into(), ..normative.clone() }).unwrap();
        g.apply_default_expiry(&periods, today);
        assert_eq!(g.validity.unwrap().expires_on(), Some(time::macros::date!(2026 - 12 - 31)));
        // Other policy documents, and 规章, have no fixed 有效期.
        let mut h = EditionFields::parse(&EditionInput { validity: "valid".into(), ..valid_input() }).unwrap();
        h.apply_default_expiry(&periods, today);
        assert_eq!(h.validity.unwrap().expires_on(), None);
        let mut rule = EditionFields::parse(&EditionInput { policy_kind: "rule".into(), ..normative.clone() }).unwrap();
        rule.apply_default_expiry(&periods, today);
        assert_eq!(rule.validity.unwrap().expires_on(), None);
        // An old document entered late would expire at once: no default for it.
        let mut old = EditionFields::parse(&EditionInput { effective_on: "2015-01-01".into(), ..normative }).unwrap();
        old.apply_default_expiry(&periods, today);
        assert_eq!(old.validity.unwrap().expires_on(), None);
    }

    #[test]
    fn official_documents_need_a_written_date_news_does_not() {
        let e = EditionFields::parse(&EditionInput { written_on: "".into(), ..valid_input() }).unwrap_err();
        assert_eq!(e.get("written_on"), Some("公文必须填写成文日期"));
        assert!(
            EditionFields::parse(&EditionInput { written_on: "".into(), genre: "news".into(), ..valid_input() })
                .is_ok()
        );
    }

    #[test]
    fn normative_documents_need_validity_with_consistent_dates() {
        let normative = EditionInput { policy_kind: "normative".into(), ..valid_input() };
        let e = EditionFields::parse(&normative).unwrap_err();
        assert!(e.get("validity").is_some());
        let bad_dates = EditionInput {
            validity: "valid".into(),
            effective_on: "2017-07-08".into(),
            expires_on: "2017-07-01".into(),
            ..normative.clone()
        };
        assert!(EditionFields::parse(&bad_dates).unwrap_err().get("expires_on").unwrap().contains("不能早于"));
        let good = EditionInput { expires_on: "2022-07-07".into(), ..bad_dates };
        let f = EditionFields::parse(&good).unwrap();
        assert_eq!(f.validity.unwrap().status(), ValidityStatus::Valid);
    }

    #[test]
    fn statutory_column_needs_an_item() {
        let e = EditionFields::parse(&EditionInput { statutory_item: "".into(), ..valid_input() }).unwrap_err();
        assert!(e.get("statutory_item").is_some());
        let e = EditionFields::parse(&EditionInput { statutory_item: "16".into(), ..valid_input() }).unwrap_err();
        assert!(e.get("statutory_item").unwrap().contains("16"));
    }

    #[test]
    fn to_input_round_trips() {
        let f = EditionFields::parse(&EditionInput {
            policy_kind: "normative".into(),
            validity: "valid".into(),
            effective_on: "2017-07-08".into(),
            expires_on: "2022-07-07".into(),
            disclosure: "proactive".into(),
            summary: "概述".into(),
            change_note: "更正附件".into(),
            ..valid_input()
        })
        .unwrap();
        assert_eq!(EditionFields::parse(&f.to_input()).unwrap(), f);
    }

    #[test]
    fn script_in_title_is_kept_as_text_for_the_template_to_escape() {
        let f =
            EditionFields::parse(&EditionInput { title: "<script>alert(1)</script>".into(), ..valid_input() }).unwrap();
        assert_eq!(f.title.as_str(), "<script>alert(1)</script>");
    }
}
