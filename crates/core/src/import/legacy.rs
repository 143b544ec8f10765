//! Turns a legacy page, as read by [`super::page_text`], into a gongkai document.
//!
//! What the page states is kept (索引号, 文号, 主题分类 even when outside the vocabulary, dates,
//! title, body). What it does not state is inferred conservatively and said so in a note: the
//! 公文种类 from the title's ending, 主动公开 because the page was public, and "other policy
//! document" only for 公文 with a 文号 (a 行政规范性文件 cannot be recognised from the page alone,
//! and claiming it would require a validity the page does not give).

use time::OffsetDateTime;

use super::page_text::LegacyPage;
use crate::doc::{Disclosure, DocNo, EditionFields, Genre, IndexNo, PolicyKind, SafeHtml, SiteColumn, Title, Topic};

/// A legacy page ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegacyDocument {
    pub index_no: IndexNo,
    /// The 发布机构 as written, to be matched to an agency.
    pub publisher: Option<String>,
    pub published_at: OffsetDateTime,
    pub fields: EditionFields,
    /// What was inferred or dropped, for the import report.
    pub notes: Vec<String>,
}

/// Topic given to pages that state none (gov.cn's catch-all).
const FALLBACK_TOPIC: &str = "其他";

pub fn to_document(page: &LegacyPage) -> Result<LegacyDocument, String> {
    let mut notes = Vec::new();
    let index_no = IndexNo::parse(page.index_no.as_deref().ok_or("页面没有索引号，无法确定是哪一条信息，未导入")?)
        .map_err(|e| e.to_string())?;
    let title = Title::parse(&page.title)?;
    let doc_no = match page.doc_no.as_deref().filter(|s| !s.trim().is_empty()) {
        None => None,
        Some(raw) => match DocNo::parse(raw) {
            Ok(d) => Some(d),
            Err(e) => {
                notes.push(format!("文号未导入：{e}"));
                None
            }
        },
    };
    let topic = match page.topic.as_deref().map(Topic::parse) {
        Some(Ok(t)) => {
            if !t.is_known() {
                notes.push(format!("主题分类“{t}”不在国务院政策文件库分类中，按原样保留"));
            }
            t
        }
        _ => {
            notes.push(format!("页面没有主题分类，归入“{FALLBACK_TOPIC}”"));
            Topic::parse(FALLBACK_TOPIC).map_err(|e| e.to_string())?
        }
    };
    let genre = Genre::infer_from_title(title.as_str()).unwrap_or_else(|| {
        notes.push("无法从标题判断公文种类，记为“其他”".into());
        Genre::Other
    });
    let policy_kind = match &doc_no {
        Some(d) if matches!(d.form(), crate::doc::DocNoForm::Order { .. }) => PolicyKind::Rule,
        Some(_) if genre.is_official_document() => PolicyKind::OtherPolicy,
        _ => PolicyKind::NotPolicy,
    };
    if policy_kind == PolicyKind::Rule {
        notes.push("以令的形式发布，记为规章；有效性需人工补充".into());
    }
    let published_at = match (page.published_at, page.written_on) {
        (Some(p), _) => crate::tz::from_local(p),
        (None, Some(w)) => {
            notes.push("页面没有发布日期，以成文日期代替".into());
            crate::tz::from_local(w.midnight())
        }
        (None, None) => return Err("页面既没有发布日期也没有成文日期，未导入".into()),
    };
    if page.body.is_empty() {
        return Err("页面没有正文，未导入".into());
    }
    if !page.attachment_labels.is_empty() {
        notes.push(format!("页面有附件链接（{}），附件文件需另行导入", page.attachment_labels.join("、")));
    }
    let fields = EditionFields {
        title,
        doc_no,
        topic,
        genre,
        policy_kind,
        column: SiteColumn::General,
        statutory_item: None,
        disclosure: Disclosure::Proactive,
        disclosure_note: None,
        validity: None,
        written_on: page.written_on,
        summary: None,
        keywords: Vec::new(),
        body: SafeHtml::from_paragraphs(&page.body),
        change_note: None,
        registration_no: None,
        changed_on: None,
        // A legacy 解读 page does not say which policy it interprets; staff link it later.
        interpretation: None,
    };
    Ok(LegacyDocument { index_no, publisher: page.publisher.clone(), published_at, fields, notes })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::page_text::read_page;

    const SEED: &str = include_str!("../../tests/fixtures/seed-page.txt");

    #[test]
    fn the_seed_page_becomes_the_expected_document() {
        let (page, warnings) = read_page(SEED).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let d = to_document(&page).unwrap();
        assert_eq!(d.index_no.as_str(), "001002003/2017-01330");
        assert_eq!(d.fields.doc_no.unwrap().as_str(), "温政办〔2017〕62号");
        assert_eq!(d.publisher.as_deref(), Some("温州市人民政府办公室"));
        assert_eq!(d.fields.written_on, Some(time::macros::date!(2017 - 06 - 08)));
        assert_eq!(crate::tz::format_minutes(d.published_at), "2017-06-12 09:47");
        assert_eq!(d.fields.topic.label(), "综合政务/政务综合类");
        assert_eq!(d.fields.title.as_str(), "温州市人民政府办公室关于印发温州市深化政务公开工作实施方案的通知");
        assert_eq!(d.fields.genre, Genre::Notice);
        assert_eq!(d.fields.policy_kind, PolicyKind::OtherPolicy);
        let text = d.fields.body.plain_text();
        assert!(text.starts_with("各县(市、区)人民政府,市政府直属各单位:"));
        assert!(text.ends_with("依法依规严肃追究责任。"));
        assert!(text.contains("(国办发〔2017〕24号)"));
        assert!(d.notes.iter().any(|n| n.contains("政务综合类")));
    }

    #[test]
    fn pages_without_an_index_number_are_refused() {
        let (mut page, _) = read_page(SEED).unwrap();
        page.index_no = None;
        assert!(to_document(&page).unwrap_err().contains("索引号"));
    }

    #[test]
    fn a_bad_doc_no_is_dropped_with_a_note_and_orders_are_rules() {
        let (mut page, _) = read_page(SEED).unwrap();
        page.doc_no = Some("第62号".into());
        let d = to_document(&page).unwrap();
        assert!(d.fields.doc_no.is_none());
        assert!(d.notes.iter().any(|n| n.starts_with("文号未导入")));
        page.doc_no = Some("温州市人民政府令第5号".into());
        assert_eq!(to_document(&page).unwrap().fields.policy_kind, PolicyKind::Rule);
    }
}
