//! 公文种类 (genre): the 15 kinds of official document of 党政机关公文处理工作条例
//! (中办发〔2012〕14号) Art. 8, plus the non-公文 kinds a disclosure platform publishes.

use crate::doc::code_enum;

code_enum! {
    /// What kind of text a document is.
    pub enum Genre {
        // The 15 公文种类, in the order of Art. 8.
        Resolution = ("resolution", "决议"),
        Decision = ("decision", "决定"),
        Order = ("order", "命令（令）"),
        Communique = ("communique", "公报"),
        Announcement = ("announcement", "公告"),
        PublicNotice = ("public-notice", "通告"),
        Opinion = ("opinion", "意见"),
        Notice = ("notice", "通知"),
        Circular = ("circular", "通报"),
        Report = ("report", "报告"),
        Request = ("request", "请示"),
        Reply = ("reply", "批复"),
        Motion = ("motion", "议案"),
        Letter = ("letter", "函"),
        Minutes = ("minutes", "纪要"),
        // Not 公文, but what disclosure platforms publish besides them.
        News = ("news", "动态"),
        Interpretation = ("interpretation", "解读"),
        Publicity = ("publicity", "公告公示"),
        Data = ("data", "数据"),
        Other = ("other", "其他"),
    }
}

impl Genre {
    /// Is this one of the 15 公文种类 (as opposed to news, interpretations, data …)?
    pub fn is_official_document(self) -> bool {
        !matches!(self, Genre::News | Genre::Interpretation | Genre::Publicity | Genre::Data | Genre::Other)
    }

    /// Reads a genre label as written on legacy pages, including the pre-2012 names
    /// (会议纪要) and the short form 令.
    pub fn from_label(label: &str) -> Option<Genre> {
        let label = label.trim();
        Genre::ALL.iter().copied().find(|g| g.label() == label).or(match label {
            "命令" | "令" => Some(Genre::Order),
            "会议纪要" => Some(Genre::Minutes),
            "公示" | "公示公告" => Some(Genre::Publicity),
            "工作动态" | "政务动态" => Some(Genre::News),
            "政策解读" => Some(Genre::Interpretation),
            _ => None,
        })
    }

    /// Infers the genre from a title, the way a reader does: a 公文 title ends with its genre
    /// (`…的通知`, `…的意见`). Longer endings are tried first so that `通告` is not read as `告`.
    pub fn infer_from_title(title: &str) -> Option<Genre> {
        let t = title.trim().trim_end_matches(['。', ' ']);
        if t.contains("解读") {
            return Some(Genre::Interpretation);
        }
        const ENDINGS: [(&str, Genre); 16] = [
            ("会议纪要", Genre::Minutes),
            ("通知", Genre::Notice),
            ("通告", Genre::PublicNotice),
            ("通报", Genre::Circular),
            ("公告", Genre::Announcement),
            ("公报", Genre::Communique),
            ("意见", Genre::Opinion),
            ("决定", Genre::Decision),
            ("决议", Genre::Resolution),
            ("报告", Genre::Report),
            ("请示", Genre::Request),
            ("批复", Genre::Reply),
            ("议案", Genre::Motion),
            ("纪要", Genre::Minutes),
            ("公示", Genre::Publicity),
            ("函", Genre::Letter),
        ];
        ENDINGS.iter().find(|(e, _)| t.ends_with(e)).map(|(_, g)| *g)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_15_official_kinds_and_5_others() {
        assert_eq!(Genre::ALL.iter().filter(|g| g.is_official_document()).count(), 15);
        assert_eq!(Genre::ALL.len(), 20);
    }

    #[test]
    fn codes_and_labels_round_trip() {
        for g in Genre::ALL {
            assert_eq!(Genre::from_code(g.code()), Some(*g));
            assert_eq!(Genre::from_label(g.label()), Some(*g));
        }
        assert_eq!(Genre::from_label("会议纪要"), Some(Genre::Minutes));
        assert_eq!(Genre::from_label("令"), Some(Genre::Order));
        assert_eq!(Genre::from_code("nonsense"), None);
    }

    #[test]
    fn titles_reveal_their_genre() {
        assert_eq!(
            Genre::infer_from_title("温州市人民政府办公室关于印发温州市深化政务公开工作实施方案的通知"),
            Some(Genre::Notice)
        );
        assert_eq!(Genre::infer_from_title("关于禁止燃放烟花爆竹的通告"), Some(Genre::PublicNotice));
        assert_eq!(Genre::infer_from_title("关于同意设立某某开发区的批复"), Some(Genre::Reply));
        assert_eq!(Genre::infer_from_title("《温州市深化政务公开工作实施方案》政策解读"), Some(Genre::Interpretation));
        assert_eq!(Genre::infer_from_title("市政府第12次常务会议纪要"), Some(Genre::Minutes));
        assert_eq!(Genre::infer_from_title("全市一季度经济运行情况"), None);
    }
}
