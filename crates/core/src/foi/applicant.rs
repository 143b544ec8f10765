//! Who applies, and how the application arrived.

use crate::doc::code_enum;

code_enum! {
    /// The applicant columns of table 三 of the annual report (国办公开办函〔2021〕30号):
    /// 自然人, and five kinds of 法人或其他组织.
    pub enum ApplicantKind {
        NaturalPerson = ("natural-person", "自然人"),
        Commercial = ("commercial", "商业企业"),
        Research = ("research", "科研机构"),
        PublicInterest = ("public-interest", "社会公益组织"),
        LegalService = ("legal-service", "法律服务机构"),
        OtherOrganisation = ("other-organisation", "其他"),
    }
}

impl ApplicantKind {
    pub fn is_natural_person(self) -> bool {
        self == ApplicantKind::NaturalPerson
    }
}

code_enum! {
    /// How an application arrived; each channel fixes the receipt date differently (条例 Art. 31).
    pub enum Channel {
        /// 当面提交: the day it is handed in.
        InPerson = ("in-person", "当面提交"),
        /// 邮寄（需签收）: the day the agency signs for it.
        SignedPost = ("signed-post", "邮寄（需签收）"),
        /// 平常信函等无需签收: the day the agency confirms it with the applicant.
        OrdinaryLetter = ("ordinary-letter", "平常信函"),
        /// 互联网渠道: the day both parties confirm.
        Online = ("online", "互联网"),
        /// 政府信息公开工作机构的传真: the day both parties confirm.
        Fax = ("fax", "传真"),
    }
}

impl Channel {
    /// The rule of Art. 31 for this channel, as the receipt notice states it.
    pub fn receipt_rule(self) -> &'static str {
        match self {
            Channel::InPerson => "当面提交的，以提交之日为收到申请之日（《条例》第三十一条第一项）",
            Channel::SignedPost => "以邮寄方式提交的，以行政机关签收之日为收到申请之日（《条例》第三十一条第二项）",
            Channel::OrdinaryLetter => {
                "以平常信函等无需签收的邮寄方式提交的，以与申请人确认之日为收到申请之日（《条例》第三十一条第二项）"
            }
            Channel::Online | Channel::Fax => {
                "通过互联网渠道或者政府信息公开工作机构的传真提交的，以双方确认之日为收到申请之日（《条例》第三十一条第三项）"
            }
        }
    }

    /// Whether the receipt date is a confirmation with the applicant rather than the day the
    /// application physically arrived.
    pub fn needs_confirmation(self) -> bool {
        matches!(self, Channel::OrdinaryLetter | Channel::Online | Channel::Fax)
    }
}

code_enum! {
    /// The identity document a natural person gives (条例 Art. 29: 身份证明).
    pub enum IdDocument {
        ResidentId = ("resident-id", "居民身份证"),
        Passport = ("passport", "护照"),
        HkMacaoPermit = ("hk-macao-permit", "港澳居民来往内地通行证"),
        TaiwanPermit = ("taiwan-permit", "台湾居民来往大陆通行证"),
        Other = ("other", "其他有效身份证件"),
    }
}
