//! The notice of relief (救济途径告知) every deciding notice must carry: which body hears a
//! 行政复议 against the agency (行政复议法 2023, Arts. 24–27) and the time limits
//! (行政复议法 Arts. 20, 23; 行政诉讼法 Arts. 45–46).
//!
//! The 2023 行政复议法 (in force 2024-01-01) removed the old choice for acts of a local government
//! department ("上级主管部门或同级人民政府"): the 本级人民政府 alone hears them (Art. 24 ¶1(一)).
//! A notice that leaves out the right, the body or the time limit lets the 60 days run from when
//! the applicant learns of them, up to one year (Art. 20 ¶3), so the clause is never optional.

use super::NoticeError;
use crate::org::AgencyKind;

/// Who hears a 行政复议 against the agency that issues the notice.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Relief {
    /// The 行政复议机关, by name: "温州市人民政府", "浙江省人民政府", "国家税务总局浙江省税务局" …
    /// Usually computed by [`review_body`].
    pub review_body: String,
}

/// Who hears a 行政复议 against an agency (行政复议法 2023, Arts. 24–27).
///
/// - a department (工作部门) of a local government → that government, the 本级人民政府
///   (Art. 24 ¶1(一)); pass its name as `own_government`;
/// - a district / county government, a township government, and the city government itself →
///   the next-higher government (Art. 24 ¶1(二), 对下一级人民政府作出的行政行为不服的); pass its
///   name as `parent_government` (for Wenzhou itself: "浙江省人民政府");
/// - a vertically led body (海关、金融、外汇管理 …, 税务 and 国家安全机关) → its 上一级主管部门
///   (Art. 27); pass that department's name as `parent_government` (e.g. for 国家税务总局温州市
///   税务局, "国家税务总局浙江省税务局"). Only departments can be vertically led.
///
/// The caller knows the agency tree; this function only picks which name the law requires and
/// refuses (with a Chinese message) when that name is missing or blank.
pub fn review_body(
    agency_kind: AgencyKind,
    parent_government: Option<&str>,
    own_government: Option<&str>,
    vertical: bool,
) -> Result<String, NoticeError> {
    let named = |name: Option<&str>| name.map(str::trim).filter(|n| !n.is_empty()).map(str::to_string);
    if vertical {
        if agency_kind != AgencyKind::Department {
            return Err(NoticeError::ReviewBody(format!(
                "只有政府部门可以实行垂直领导，“{}”不能按垂直领导机关确定行政复议机关",
                agency_kind.label()
            )));
        }
        return named(parent_government).ok_or_else(|| {
            NoticeError::ReviewBody(
                "实行垂直领导的机关（海关、金融、外汇管理、税务、国家安全机关等）由上一级主管部门管辖行政复议\
                 （《中华人民共和国行政复议法》第二十七条），请填写上一级主管部门的名称"
                    .into(),
            )
        });
    }
    match agency_kind {
        AgencyKind::Department => named(own_government).ok_or_else(|| {
            NoticeError::ReviewBody(
                "政府工作部门的行政复议由本级人民政府管辖（《中华人民共和国行政复议法》第二十四条第一款第（一）项），\
                 请填写本级人民政府的名称"
                    .into(),
            )
        }),
        AgencyKind::Government | AgencyKind::District | AgencyKind::Township => {
            named(parent_government).ok_or_else(|| {
                NoticeError::ReviewBody(format!(
                    "对{}的行政复议由上一级人民政府管辖（《中华人民共和国行政复议法》第二十四条第一款第（二）项），\
                     请填写上一级人民政府的名称",
                    agency_kind.label()
                ))
            })
        }
    }
}

/// The phrase every withholding reply must contain: 复议前置 (行政复议法 2023 Art. 23 ¶1(四) and ¶2).
pub const PRIOR_REVIEW_PHRASE: &str = "应当先向";

/// The closing notice of relief.
///
/// - Ordinarily: 行政复议 within 六十日 before `review_body` (行政复议法 Art. 20), or a suit within
///   六个月 (行政诉讼法 Art. 46), at the applicant's choice.
/// - When the reply withholds information in full or in part ([`ReplyType::withholds`]): the
///   applicant must first apply for 行政复议 (复议前置, 行政复议法 Art. 23 ¶1(四); the agency must
///   say so, ¶2), and may sue within 十五日 of receiving the 复议 decision, or of the end of the
///   复议 period if no decision is made (行政诉讼法 Art. 45; 行政复议法 Art. 34). A direct suit is
///   not offered, so the six months are not mentioned.
///
/// Periods run from receipt of the notice, the day the applicant knows of the act.
///
/// [`ReplyType::withholds`]: crate::foi::ReplyType::withholds
pub fn relief_clause(withholds: bool, review_body: &str) -> String {
    let body = review_body.trim();
    if withholds {
        format!(
            "如不服上述答复，根据《中华人民共和国行政复议法》第二十三条第一款第（四）项和第二款的规定，\
             {PRIOR_REVIEW_PHRASE}{body}申请行政复议：可以自收到本文书之日起六十日内提出行政复议申请；\
             对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内依法向人民法院提起行政诉讼；\
             行政复议机关逾期不作决定的，可以自行政复议期限届满之日起十五日内依法向人民法院提起行政诉讼。"
        )
    } else {
        format!(
            "如不服上述决定，可以自收到本文书之日起六十日内向{body}申请行政复议（《中华人民共和国行政复议法》第二十条），\
             也可以自收到本文书之日起六个月内依法向人民法院提起行政诉讼（《中华人民共和国行政诉讼法》第四十六条）。"
        )
    }
}
