//! 公开属性: whether a piece of information is published proactively, only on request, or not
//! at all — decided when the document is drafted (国办发〔2016〕80号 一(一), 公开属性源头认定).

use serde::{Deserialize, Serialize};

use crate::doc::code_enum;

code_enum! {
    /// The three 公开属性.
    pub enum DisclosureKind {
        /// 主动公开 — the default (条例 Art. 5: 以公开为常态、不公开为例外).
        Proactive = ("proactive", "主动公开"),
        /// 依申请公开 — disclosed only to an applicant (条例 Art. 27 ff.).
        OnRequest = ("on-request", "依申请公开"),
        /// 不予公开.
        Withheld = ("withheld", "不予公开"),
    }
}

code_enum! {
    /// The statutory grounds for not publishing information proactively (条例 Arts. 14–16).
    pub enum WithholdingGround {
        /// Art. 14: lawfully classified as a state secret.
        StateSecret = ("art14-state-secret", "属于国家秘密（条例第十四条）"),
        /// Art. 14: disclosure prohibited by a law or administrative regulation.
        ProhibitedByLaw = ("art14-prohibited", "法律、行政法规禁止公开（条例第十四条）"),
        /// Art. 14: may endanger national, public or economic security or social stability.
        Security = ("art14-security", "危及国家安全、公共安全、经济安全、社会稳定（条例第十四条）"),
        /// Art. 15: trade secrets, personal privacy and similar third-party interests.
        ThirdParty = ("art15-third-party", "涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害（条例第十五条）"),
        /// Art. 16 ¶1: internal affairs (personnel, logistics, internal workflow).
        InternalAffairs = ("art16-internal", "人事管理、后勤管理、内部工作流程等内部事务信息（条例第十六条第一款）"),
        /// Art. 16 ¶2: process information (discussion records, drafts, consultation letters, reports).
        ProcessInformation = ("art16-process", "讨论记录、过程稿、磋商信函、请示报告等过程性信息（条例第十六条第二款）"),
        /// Art. 16 ¶2: administrative law-enforcement case files.
        EnforcementFile = ("art16-enforcement", "行政执法案卷信息（条例第十六条第二款）"),
    }
}

/// A decided 公开属性 with its legal ground.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Disclosure {
    Proactive,
    OnRequest(WithholdingGround),
    Withheld(WithholdingGround),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DisclosureError {
    /// 国办发〔2016〕80号 一(一): a proposal not to publish proactively must state its legal reason.
    #[error("公开属性为“{0}”时必须选择条例第十四条至第十六条规定的不公开依据")]
    GroundRequired(&'static str),
    #[error("主动公开的信息不需要不公开依据")]
    GroundNotAllowed,
}

impl Disclosure {
    /// Combines the kind and the ground chosen on a form. Rule (国办发〔2016〕80号 一(一)):
    /// anything other than 主动公开 must carry a ground from 条例 Arts. 14–16; 主动公开 has none.
    pub fn new(kind: DisclosureKind, ground: Option<WithholdingGround>) -> Result<Disclosure, DisclosureError> {
        match (kind, ground) {
            (DisclosureKind::Proactive, None) => Ok(Disclosure::Proactive),
            (DisclosureKind::Proactive, Some(_)) => Err(DisclosureError::GroundNotAllowed),
            (DisclosureKind::OnRequest, Some(g)) => Ok(Disclosure::OnRequest(g)),
            (DisclosureKind::Withheld, Some(g)) => Ok(Disclosure::Withheld(g)),
            (k, None) => Err(DisclosureError::GroundRequired(k.label())),
        }
    }

    pub fn kind(self) -> DisclosureKind {
        match self {
            Disclosure::Proactive => DisclosureKind::Proactive,
            Disclosure::OnRequest(_) => DisclosureKind::OnRequest,
            Disclosure::Withheld(_) => DisclosureKind::Withheld,
        }
    }

    pub fn ground(self) -> Option<WithholdingGround> {
        match self {
            Disclosure::Proactive => None,
            Disclosure::OnRequest(g) | Disclosure::Withheld(g) => Some(g),
        }
    }

    /// Only 主动公开 information appears on the public site.
    pub fn is_public(self) -> bool {
        self == Disclosure::Proactive
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proactive_needs_no_ground_and_refuses_one() {
        assert_eq!(Disclosure::new(DisclosureKind::Proactive, None), Ok(Disclosure::Proactive));
        assert_eq!(
            Disclosure::new(DisclosureKind::Proactive, Some(WithholdingGround::StateSecret)),
            Err(DisclosureError::GroundNotAllowed)
        );
    }

    #[test]
    fn anything_but_proactive_requires_a_statutory_ground() {
        for kind in [DisclosureKind::OnRequest, DisclosureKind::Withheld] {
            let err = Disclosure::new(kind, None).unwrap_err();
            assert!(err.to_string().contains("第十四条至第十六条"));
            for g in WithholdingGround::ALL {
                let d = Disclosure::new(kind, Some(*g)).unwrap();
                assert_eq!((d.kind(), d.ground()), (kind, Some(*g)));
                assert!(!d.is_public());
            }
        }
        assert!(Disclosure::Proactive.is_public());
    }

    #[test]
    fn grounds_cover_articles_14_to_16() {
        let labels: Vec<_> = WithholdingGround::ALL.iter().map(|g| g.label()).collect();
        for art in ["第十四条", "第十五条", "第十六条第一款", "第十六条第二款"] {
            assert!(labels.iter().any(|l| l.contains(art)), "{art}");
        }
    }
}
