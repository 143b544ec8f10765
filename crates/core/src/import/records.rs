//! The gongkai JSON Lines interchange format (`gongkai export --format jsonl`, `gongkai import`).
//!
//! One JSON object per line, each with a `type`: `agency` lines come first (parents before
//! children), then `document` lines. A document carries every edition the platform keeps (the
//! published one, the earlier ones of its 修订记录, and an open revision if there is one), each
//! with its attachments inline, so one file moves a whole catalogue between databases and
//! `export → import → export` gives the same bytes. Documents are keyed by 索引号: importing a
//! file twice changes nothing. Documents never published (and so without 索引号), accounts,
//! sessions and the audit log are not part of the format; back up the database for those.
//! The format is documented for integrators in `docs/import-export.md`.

use serde::{Deserialize, Serialize};

use crate::doc::EditionInput;
use crate::org::AgencyInput;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Record {
    Agency(AgencyInput),
    Document(DocumentRecord),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentRecord {
    /// 索引号.
    pub index_no: String,
    /// The publishing agency's code.
    pub agency: String,
    /// 发布日期: RFC 3339 (`2017-06-12T09:47:00+08:00`).
    pub first_published_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn_reason: Option<String>,
    #[serde(default)]
    pub view_count: i64,
    /// Oldest first.
    pub editions: Vec<EditionRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditionRecord {
    pub edition_no: i64,
    /// `published`, `superseded`, `draft` or `in-review`.
    pub status: String,
    /// RFC 3339; absent for editions not (yet) published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_at: Option<String>,
    /// Why a reviewer published despite the privacy check, if they did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privacy_override: Option<String>,
    pub fields: EditionInput,
    #[serde(default)]
    pub attachments: Vec<AttachmentRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttachmentRecord {
    pub file_name: String,
    /// SHA-256 of the content, hex; checked on import.
    pub sha256: String,
    /// The content, standard base64.
    pub data: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_tagged_by_type() {
        let line = r#"{"type":"document","index_no":"001002003/2017-01330","agency":"001002003","first_published_at":"2017-06-12T09:47:00+08:00","editions":[{"edition_no":1,"status":"published","published_at":"2017-06-12T09:47:00+08:00","fields":{"title":"t","body":"b"}}]}"#;
        let Record::Document(d) = serde_json::from_str(line).unwrap() else { panic!("not a document") };
        assert_eq!(d.editions[0].fields.title, "t");
        assert_eq!(d.view_count, 0);
        let agency: Record =
            serde_json::from_str(r#"{"type":"agency","code":"001002003","name":"温州市人民政府办公室"}"#).unwrap();
        assert!(matches!(agency, Record::Agency(a) if a.code == "001002003"));
        assert!(serde_json::from_str::<Record>(r#"{"type":"spaceship"}"#).is_err());
        assert!(
            serde_json::from_str::<Record>(
                &line.replace("\"view_count\"", "\"x\"").replace("\"editions\"", "\"oops\":1,\"editions\"")
            )
            .is_err()
        );
    }
}
