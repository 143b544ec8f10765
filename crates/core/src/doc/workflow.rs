//! The editorial workflow: draft → in review → published → withdrawn, with editions.
//!
//! 条例 Art. 17 requires a review (审查) mechanism before anything is published, and
//! 国办发〔2016〕80号 一(一) that the 公开属性 be approved with the document; so what an 信息员
//! (editor) drafts is published only by a different person, an 审核人 (reviewer) of the same
//! agency (编审分离). Every published change is a new edition; earlier editions are kept and
//! listed in the public 修订记录.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::doc::code_enum;
use crate::org::Role;

code_enum! {
    /// Where one edition of a document stands.
    pub enum EditionStatus {
        /// Being written (or returned by the reviewer); only the editors of the agency see it.
        Draft = ("draft", "草稿"),
        /// Sent for review; waiting for a reviewer of the agency.
        InReview = ("in-review", "待审核"),
        /// The edition the public sees.
        Published = ("published", "已发布"),
        /// An earlier published edition, kept for the 修订记录.
        Superseded = ("superseded", "历史版本"),
    }
}

code_enum! {
    /// What staff can do to a document.
    pub enum Action {
        Create = ("create", "新建"),
        Edit = ("edit", "编辑"),
        Submit = ("submit", "送审"),
        Return = ("return", "退回修改"),
        Publish = ("publish", "审核发布"),
        Revise = ("revise", "修订"),
        Withdraw = ("withdraw", "撤回"),
    }
}

impl Action {
    /// Which role may take this action (within its own agency).
    pub fn role(self) -> Role {
        match self {
            Action::Create | Action::Edit | Action::Submit | Action::Revise => Role::Editor,
            Action::Return | Action::Publish | Action::Withdraw => Role::Reviewer,
        }
    }
}

/// Who is acting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub user_id: i64,
    pub role: Role,
    pub agency_id: Option<i64>,
}

/// What the rules need to know about a document and its working edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocState {
    pub agency_id: i64,
    /// Status of the newest edition (the one being worked on, or the published one).
    pub edition_status: EditionStatus,
    /// Who sent the newest edition for review, if it was sent.
    pub submitted_by: Option<i64>,
    /// When the newest edition was published, if it was.
    pub published_at: Option<OffsetDateTime>,
    /// Whether the document has a published edition at all (it may have a newer draft).
    pub has_published: bool,
    pub withdrawn: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkflowError {
    #[error("“{role}”不能执行“{action}”操作，该操作由{needed}负责")]
    WrongRole { role: &'static str, action: &'static str, needed: &'static str },
    #[error("只能处理本机构的信息")]
    OtherAgency,
    #[error("该信息已撤回，不能再{0}")]
    Withdrawn(&'static str),
    #[error("该版本已于 {0} 审核发布，不能重复审核；如需更改，请由信息员发起修订")]
    AlreadyPublished(String),
    #[error("当前状态为“{status}”，不能{action}")]
    WrongState { status: &'static str, action: &'static str },
    #[error("编审分离：不能审核自己送审的信息")]
    OwnSubmission,
    #[error("已有未发布的修订稿，请先处理该稿")]
    OpenRevision,
}

/// Checks whether `actor` may take `action` on a document in state `doc` (`None` for
/// [`Action::Create`], which has no document yet). Refusals explain themselves and change
/// nothing; the caller performs the transition only on `Ok`.
pub fn check(action: Action, actor: &Actor, agency_id: i64, doc: Option<&DocState>) -> Result<(), WorkflowError> {
    let needed = action.role();
    if actor.role != needed {
        return Err(WorkflowError::WrongRole {
            role: actor.role.label(),
            action: action.label(),
            needed: needed.label(),
        });
    }
    if actor.agency_id != Some(agency_id) || doc.is_some_and(|d| d.agency_id != agency_id) {
        return Err(WorkflowError::OtherAgency);
    }
    let Some(doc) = doc else {
        return if action == Action::Create {
            Ok(())
        } else {
            Err(WorkflowError::WrongState { status: "不存在", action: action.label() })
        };
    };
    if doc.withdrawn {
        return Err(WorkflowError::Withdrawn(action.label()));
    }
    let status = doc.edition_status;
    let wrong_state = || WorkflowError::WrongState { status: status.label(), action: action.label() };
    match (action, status) {
        (Action::Create, _) => Err(wrong_state()),
        (Action::Edit | Action::Submit, EditionStatus::Draft) => Ok(()),
        (Action::Return, EditionStatus::InReview) => Ok(()),
        (Action::Publish, EditionStatus::InReview) if doc.submitted_by == Some(actor.user_id) => {
            Err(WorkflowError::OwnSubmission)
        }
        (Action::Publish, EditionStatus::InReview) => Ok(()),
        (Action::Publish | Action::Return, EditionStatus::Published) => {
            Err(WorkflowError::AlreadyPublished(doc.published_at.map(crate::tz::format_minutes).unwrap_or_default()))
        }
        (Action::Revise, EditionStatus::Published) => Ok(()),
        (Action::Revise, EditionStatus::Draft | EditionStatus::InReview) if doc.has_published => {
            Err(WorkflowError::OpenRevision)
        }
        (Action::Withdraw, _) if doc.has_published => Ok(()),
        _ => Err(wrong_state()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AGENCY: i64 = 7;
    const EDITOR: Actor = Actor { user_id: 1, role: Role::Editor, agency_id: Some(AGENCY) };
    const REVIEWER: Actor = Actor { user_id: 2, role: Role::Reviewer, agency_id: Some(AGENCY) };

    fn state(status: EditionStatus) -> DocState {
        DocState {
            agency_id: AGENCY,
            edition_status: status,
            submitted_by: Some(EDITOR.user_id),
            published_at: None,
            has_published: status == EditionStatus::Published,
            withdrawn: false,
        }
    }

    #[test]
    fn the_happy_path_alternates_editor_and_reviewer() {
        assert_eq!(check(Action::Create, &EDITOR, AGENCY, None), Ok(()));
        assert_eq!(check(Action::Edit, &EDITOR, AGENCY, Some(&state(EditionStatus::Draft))), Ok(()));
        assert_eq!(check(Action::Submit, &EDITOR, AGENCY, Some(&state(EditionStatus::Draft))), Ok(()));
        assert_eq!(check(Action::Return, &REVIEWER, AGENCY, Some(&state(EditionStatus::InReview))), Ok(()));
        assert_eq!(check(Action::Publish, &REVIEWER, AGENCY, Some(&state(EditionStatus::InReview))), Ok(()));
        assert_eq!(check(Action::Revise, &EDITOR, AGENCY, Some(&state(EditionStatus::Published))), Ok(()));
        assert_eq!(check(Action::Withdraw, &REVIEWER, AGENCY, Some(&state(EditionStatus::Published))), Ok(()));
    }

    #[test]
    fn editors_cannot_publish_and_reviewers_cannot_draft() {
        let e = check(Action::Publish, &EDITOR, AGENCY, Some(&state(EditionStatus::InReview))).unwrap_err();
        assert_eq!(e.to_string(), "“信息员”不能执行“审核发布”操作，该操作由审核人负责");
        assert!(check(Action::Create, &REVIEWER, AGENCY, None).is_err());
        let office = Actor { user_id: 3, role: Role::DisclosureOffice, agency_id: None };
        assert!(check(Action::Publish, &office, AGENCY, Some(&state(EditionStatus::InReview))).is_err());
    }

    #[test]
    fn staff_of_another_agency_are_refused() {
        let other = Actor { agency_id: Some(8), ..REVIEWER };
        assert_eq!(
            check(Action::Publish, &other, AGENCY, Some(&state(EditionStatus::InReview))),
            Err(WorkflowError::OtherAgency)
        );
        assert_eq!(
            check(Action::Create, &Actor { agency_id: None, ..EDITOR }, AGENCY, None),
            Err(WorkflowError::OtherAgency)
        );
    }

    #[test]
    fn a_second_review_of_a_published_edition_is_refused_with_when() {
        let at = time::macros::datetime!(2017-06-12 01:47 UTC);
        let published = DocState { published_at: Some(at), ..state(EditionStatus::Published) };
        let e = check(Action::Publish, &REVIEWER, AGENCY, Some(&published)).unwrap_err();
        assert_eq!(e.to_string(), "该版本已于 2017-06-12 09:47 审核发布，不能重复审核；如需更改，请由信息员发起修订");
        assert!(matches!(
            check(Action::Return, &REVIEWER, AGENCY, Some(&published)),
            Err(WorkflowError::AlreadyPublished(_))
        ));
    }

    #[test]
    fn nobody_approves_their_own_submission() {
        // An account that submitted (e.g. before its role changed) cannot also approve.
        let s = DocState { submitted_by: Some(REVIEWER.user_id), ..state(EditionStatus::InReview) };
        assert_eq!(check(Action::Publish, &REVIEWER, AGENCY, Some(&s)), Err(WorkflowError::OwnSubmission));
    }

    #[test]
    fn state_rules() {
        assert!(check(Action::Edit, &EDITOR, AGENCY, Some(&state(EditionStatus::InReview))).is_err());
        assert!(check(Action::Submit, &EDITOR, AGENCY, Some(&state(EditionStatus::Published))).is_err());
        assert!(check(Action::Withdraw, &REVIEWER, AGENCY, Some(&state(EditionStatus::Draft))).is_err());
        let revising = DocState { has_published: true, ..state(EditionStatus::Draft) };
        assert_eq!(check(Action::Revise, &EDITOR, AGENCY, Some(&revising)), Err(WorkflowError::OpenRevision));
        // A document with a pending revision can still be withdrawn.
        assert_eq!(check(Action::Withdraw, &REVIEWER, AGENCY, Some(&revising)), Ok(()));
        let withdrawn = DocState { withdrawn: true, ..state(EditionStatus::Published) };
        assert_eq!(check(Action::Revise, &EDITOR, AGENCY, Some(&withdrawn)), Err(WorkflowError::Withdrawn("修订")));
    }
}
