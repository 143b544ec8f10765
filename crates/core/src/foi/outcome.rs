//! The replies to an application (条例 Arts. 36–39, 30, 35 and the fee measures) and the row of
//! table 三 of the annual report (国办公开办函〔2021〕30号) each one is counted in.

use crate::doc::{WithholdingGround, code_enum};

/// How an application ended. Every variant is counted in exactly one row of table 三.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(tag = "type", content = "ground", rename_all = "kebab-case")]
pub enum ReplyType {
    /// Art. 36(一): already proactively disclosed; the reply says how and where to get it.
    AlreadyPublic,
    /// Art. 36(二): disclosed.
    Disclosed,
    /// Art. 37: disclosed in part, the rest withheld with reasons.
    PartiallyDisclosed,
    /// Art. 36(三) with Arts. 14–16: not disclosed, on a statutory ground.
    Withheld(WithholdingGround),
    /// Art. 36(七): 工商、不动产登记资料 and the like, obtained under their own laws
    /// (counted as 属于行政查询事项).
    SpecialRegister,
    /// Art. 36(四): the information does not exist.
    NotExist,
    /// Art. 36(五): not this agency's to disclose.
    NotThisAgency,
    /// Art. 38: would have to be created or processed.
    NeedsCreation,
    /// Art. 30: still unclear after the 补正.
    UnclearAfterCorrection,
    /// Art. 39 ¶1: a 信访、投诉、举报 in the form of an application.
    Petition,
    /// Art. 36(六): the same applicant repeating a request already answered.
    Repeat,
    /// Art. 39 ¶2: asks for 政府公报、报刊、书籍 and other publications.
    Publication,
    /// Art. 35: applications beyond a reasonable number or frequency, without good reason.
    Excessive,
    /// Asks the agency to confirm or re-issue information the applicant already has.
    ConfirmOrReissue,
    /// Art. 30: the 补正 was not made in time without good reason (视为放弃申请).
    AbandonedNoCorrection,
    /// 国办函〔2020〕109号: the fee was not paid in time.
    AbandonedUnpaidFee,
    /// Anything else, including an application withdrawn by the applicant.
    Other,
}

code_enum! {
    /// The result rows of table 三 (三、本年度办理结果), in the official order and numbering.
    pub enum Table3Row {
        Disclosed = ("1", "（一）予以公开"),
        Partial = ("2", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
        StateSecret = ("3.1", "1.属于国家秘密"),
        LawProhibits = ("3.2", "2.其他法律行政法规禁止公开"),
        Security = ("3.3", "3.危及“三安全一稳定”"),
        ThirdParty = ("3.4", "4.保护第三方合法权益"),
        InternalAffairs = ("3.5", "5.属于三类内部事务信息"),
        ProcessInfo = ("3.6", "6.属于四类过程性信息"),
        EnforcementFile = ("3.7", "7.属于行政执法案卷"),
        AdminQuery = ("3.8", "8.属于行政查询事项"),
        NotHeld = ("4.1", "1.本机关不掌握相关政府信息"),
        NeedsCreation = ("4.2", "2.没有现成信息需要另行制作"),
        Unclear = ("4.3", "3.补正后申请内容仍不明确"),
        Petition = ("5.1", "1.信访举报投诉类申请"),
        Repeat = ("5.2", "2.重复申请"),
        Publication = ("5.3", "3.要求提供公开出版物"),
        Excessive = ("5.4", "4.无正当理由大量反复申请"),
        ConfirmOrReissue = ("5.5", "5.要求行政机关确认或重新出具已获取信息"),
        AbandonedNoCorrection = ("6.1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        AbandonedUnpaidFee = ("6.2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        Other = ("6.3", "3.其他"),
    }
}

impl ReplyType {
    /// The row of table 三 this outcome is counted in. Art. 36(一) "already disclosed" counts as
    /// 予以公开, as reports in the 2021 format do in practice; Arts. 36(四) and 36(五) both count as
    /// 本机关不掌握相关政府信息.
    pub fn table3_row(self) -> Table3Row {
        match self {
            ReplyType::AlreadyPublic | ReplyType::Disclosed => Table3Row::Disclosed,
            ReplyType::PartiallyDisclosed => Table3Row::Partial,
            ReplyType::Withheld(g) => match g {
                WithholdingGround::StateSecret => Table3Row::StateSecret,
                WithholdingGround::ProhibitedByLaw => Table3Row::LawProhibits,
                WithholdingGround::Security => Table3Row::Security,
                WithholdingGround::ThirdParty => Table3Row::ThirdParty,
                WithholdingGround::InternalAffairs => Table3Row::InternalAffairs,
                WithholdingGround::ProcessInformation => Table3Row::ProcessInfo,
                WithholdingGround::EnforcementFile => Table3Row::EnforcementFile,
            },
            ReplyType::SpecialRegister => Table3Row::AdminQuery,
            ReplyType::NotExist | ReplyType::NotThisAgency => Table3Row::NotHeld,
            ReplyType::NeedsCreation => Table3Row::NeedsCreation,
            ReplyType::UnclearAfterCorrection => Table3Row::Unclear,
            ReplyType::Petition => Table3Row::Petition,
            ReplyType::Repeat => Table3Row::Repeat,
            ReplyType::Publication => Table3Row::Publication,
            ReplyType::Excessive => Table3Row::Excessive,
            ReplyType::ConfirmOrReissue => Table3Row::ConfirmOrReissue,
            ReplyType::AbandonedNoCorrection => Table3Row::AbandonedNoCorrection,
            ReplyType::AbandonedUnpaidFee => Table3Row::AbandonedUnpaidFee,
            ReplyType::Other => Table3Row::Other,
        }
    }

    /// Whether the reply withholds information (in full or in part). Such a reply must say that
    /// 行政复议 comes before 行政诉讼 (行政复议法 2023 Art. 23 ¶1(四) and ¶2).
    pub fn withholds(self) -> bool {
        matches!(self, ReplyType::PartiallyDisclosed | ReplyType::Withheld(_))
    }

    /// Every reply type, for forms and exhaustive tests.
    pub fn all() -> Vec<ReplyType> {
        let mut all = vec![ReplyType::AlreadyPublic, ReplyType::Disclosed, ReplyType::PartiallyDisclosed];
        all.extend(WithholdingGround::ALL.iter().map(|g| ReplyType::Withheld(*g)));
        all.extend([
            ReplyType::SpecialRegister,
            ReplyType::NotExist,
            ReplyType::NotThisAgency,
            ReplyType::NeedsCreation,
            ReplyType::UnclearAfterCorrection,
            ReplyType::Petition,
            ReplyType::Repeat,
            ReplyType::Publication,
            ReplyType::Excessive,
            ReplyType::ConfirmOrReissue,
            ReplyType::AbandonedNoCorrection,
            ReplyType::AbandonedUnpaidFee,
            ReplyType::Other,
        ]);
        all
    }

    /// A stable code for storage: `withheld:art14-state-secret`, `disclosed`, …
    pub fn code(self) -> String {
        let plain = match self {
            ReplyType::Withheld(g) => return format!("withheld:{}", g.code()),
            ReplyType::AlreadyPublic => "already-public",
            ReplyType::Disclosed => "disclosed",
            ReplyType::PartiallyDisclosed => "partially-disclosed",
            ReplyType::SpecialRegister => "special-register",
            ReplyType::NotExist => "not-exist",
            ReplyType::NotThisAgency => "not-this-agency",
            ReplyType::NeedsCreation => "needs-creation",
            ReplyType::UnclearAfterCorrection => "unclear-after-correction",
            ReplyType::Petition => "petition",
            ReplyType::Repeat => "repeat",
            ReplyType::Publication => "publication",
            ReplyType::Excessive => "excessive",
            ReplyType::ConfirmOrReissue => "confirm-or-reissue",
            ReplyType::AbandonedNoCorrection => "abandoned-no-correction",
            ReplyType::AbandonedUnpaidFee => "abandoned-unpaid-fee",
            ReplyType::Other => "other",
        };
        plain.to_string()
    }

    pub fn from_code(code: &str) -> Option<ReplyType> {
        ReplyType::all().into_iter().find(|r| r.code() == code)
    }

    /// What the reply is, in the words of a 告知书 title.
    pub fn label(self) -> &'static str {
        match self {
            ReplyType::AlreadyPublic => "属于已主动公开的政府信息",
            ReplyType::Disclosed => "予以公开",
            ReplyType::PartiallyDisclosed => "部分公开",
            ReplyType::Withheld(_) => "不予公开",
            ReplyType::SpecialRegister => "依照有关法律、行政法规的规定办理",
            ReplyType::NotExist => "政府信息不存在",
            ReplyType::NotThisAgency => "非本机关负责公开",
            ReplyType::NeedsCreation => "没有现成信息需要另行制作",
            ReplyType::UnclearAfterCorrection => "补正后申请内容仍不明确",
            ReplyType::Petition => "不作为政府信息公开申请处理（信访举报投诉）",
            ReplyType::Repeat => "重复申请，不予重复处理",
            ReplyType::Publication => "要求提供公开出版物",
            ReplyType::Excessive => "无正当理由大量反复申请，不予处理",
            ReplyType::ConfirmOrReissue => "要求确认或重新出具已获取信息",
            ReplyType::AbandonedNoCorrection => "逾期未补正，视为放弃申请",
            ReplyType::AbandonedUnpaidFee => "逾期未缴纳信息处理费，不再处理",
            ReplyType::Other => "其他处理",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reply_type_maps_to_exactly_one_row_and_every_row_is_reached() {
        let all = ReplyType::all();
        assert_eq!(all.len(), 23);
        let rows: std::collections::HashSet<Table3Row> = all.iter().map(|r| r.table3_row()).collect();
        assert_eq!(rows.len(), Table3Row::ALL.len(), "every row of table 三 has a reply type");
    }

    #[test]
    fn withheld_grounds_map_to_rows_3_1_to_3_7_in_order() {
        let codes: Vec<&str> =
            WithholdingGround::ALL.iter().map(|g| ReplyType::Withheld(*g).table3_row().code()).collect();
        assert_eq!(codes, ["3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7"]);
    }

    #[test]
    fn partial_disclosure_counts_only_as_partial() {
        assert_eq!(ReplyType::PartiallyDisclosed.table3_row(), Table3Row::Partial);
        assert!(ReplyType::PartiallyDisclosed.withholds());
        assert!(ReplyType::Withheld(WithholdingGround::ThirdParty).withholds());
        assert!(!ReplyType::NotExist.withholds());
    }

    #[test]
    fn codes_round_trip() {
        for r in ReplyType::all() {
            assert_eq!(ReplyType::from_code(&r.code()), Some(r), "{}", r.code());
        }
        assert_eq!(ReplyType::Withheld(WithholdingGround::StateSecret).code(), "withheld:art14-state-secret");
        assert_eq!(ReplyType::NotThisAgency.code(), "not-this-agency");
        assert_eq!(ReplyType::from_code("nonsense"), None);
    }
}
