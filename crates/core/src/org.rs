//! The organisation: agencies (机构) and the roles of their staff.

use serde::{Deserialize, Serialize};

use crate::doc::code_enum;
use crate::text::{char_len, compact_identifier};

code_enum! {
    /// What kind of body an agency is; decides its place in the tree and in the annual report.
    pub enum AgencyKind {
        /// 人民政府 of the city.
        Government = ("government", "人民政府"),
        /// A department (工作部门) or the government office.
        Department = ("department", "政府部门"),
        /// 区、县（市）人民政府.
        District = ("district", "区县（市）人民政府"),
        /// 乡镇人民政府、街道办事处.
        Township = ("township", "乡镇（街道）"),
    }
}

/// An agency's code: the 9-character 组织机构代码 (also written `01427688-8`) or the 18-character
/// 统一社会信用代码 (GB 32100-2015). It is the first part of every 索引号 the agency issues.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AgencyCode(String);

impl AgencyCode {
    /// Platforms number their agencies locally (`001002003`), so a 9-character code is only
    /// checked for its shape. An 18-character code is a 统一社会信用代码 and must pass its check
    /// character (GB 32100-2015 §4.3), which catches most typing errors.
    pub fn parse(s: &str) -> Result<AgencyCode, String> {
        let s = compact_identifier(s).to_ascii_uppercase();
        let hint = "机构代码应为 9 位组织机构代码（如 001002003）或 18 位统一社会信用代码";
        let alnum = |t: &str| t.chars().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase());
        match s.len() {
            9 if alnum(&s) => Ok(AgencyCode(s)),
            10 if s.as_bytes()[8] == b'-' && alnum(&s[..8]) && alnum(&s[9..]) => Ok(AgencyCode(s)),
            18 if alnum(&s) => {
                if uscc_check_ok(&s) {
                    Ok(AgencyCode(s))
                } else {
                    Err(format!("统一社会信用代码“{s}”的校验码不正确"))
                }
            }
            _ => Err(format!("“{s}”不是有效的机构代码：{hint}")),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Whether `code` is a 统一社会信用代码 whose check character is right (GB 32100-2015).
pub fn valid_credit_code(code: &str) -> bool {
    code.len() == 18 && code.chars().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase()) && uscc_check_ok(code)
}

/// GB 32100-2015: 31 code characters (digits and letters without I, O, Z, S, V), weights
/// 3^i mod 31, check = 31 − (Σ mod 31).
fn uscc_check_ok(code: &str) -> bool {
    const CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    let value = |c: char| CHARS.find(c).map(|i| i as u32);
    let mut sum = 0;
    for (c, w) in code.chars().take(17).zip(WEIGHTS) {
        let Some(v) = value(c) else { return false };
        sum += v * w;
    }
    let check = (31 - sum % 31) % 31;
    code.chars().nth(17).and_then(value) == Some(check)
}

impl TryFrom<String> for AgencyCode {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        AgencyCode::parse(&s)
    }
}

impl From<AgencyCode> for String {
    fn from(c: AgencyCode) -> String {
        c.0
    }
}

impl std::fmt::Display for AgencyCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// An agency's URL name on the public site (`/xxgk/{slug}/`): lower-case ASCII letters, digits
/// and hyphens, so that links are readable and stable.
pub fn valid_slug(s: &str) -> bool {
    (1..=40).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// A person's or agency's name: 1–`max` characters on one line.
pub fn valid_name(s: &str, max: usize) -> bool {
    let s = s.trim();
    !s.is_empty() && char_len(s) <= max && !s.contains(['\n', '\r', '<', '>'])
}

code_enum! {
    /// What a staff account may do. Editors and reviewers work for one agency; the disclosure
    /// office and system administrators work across all of them.
    pub enum Role {
        /// 系统管理员: agencies, accounts, settings. No content actions.
        SystemAdmin = ("admin", "系统管理员"),
        /// 政务公开办: city-wide oversight (read everything, the audit log, statistics).
        DisclosureOffice = ("office", "政务公开办"),
        /// 信息员: drafts documents and sends them for review.
        Editor = ("editor", "信息员"),
        /// 审核人: reviews, publishes, revises and withdraws.
        Reviewer = ("reviewer", "审核人"),
        /// 依申请公开经办人: registers and handles information requests.
        RequestOfficer = ("officer", "依申请公开经办人"),
        /// 政务公开工作机构负责人: approves extensions of the reply period (条例 Art. 33) and can
        /// do what an officer does.
        OfficeHead = ("head", "公开工作机构负责人"),
    }
}

impl Role {
    /// Editors and reviewers belong to one agency; the others must not.
    pub fn is_agency_scoped(self) -> bool {
        matches!(self, Role::Editor | Role::Reviewer | Role::RequestOfficer | Role::OfficeHead)
    }

    /// Handles information requests of its agency.
    pub fn handles_requests(self) -> bool {
        matches!(self, Role::RequestOfficer | Role::OfficeHead)
    }
}

/// A login name: 3–32 ASCII letters, digits, `.`, `_`, `-`.
pub fn valid_username(s: &str) -> bool {
    (3..=32).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

pub const MIN_PASSWORD_CHARS: usize = 10;

/// Staff passwords: at least 10 characters, not all of one class, and not the user name.
/// (GB/T 22239-2019 等级保护 asks for complexity and length; the exact policy is the operator's.)
pub fn password_problem(username: &str, password: &str) -> Option<String> {
    if char_len(password) < MIN_PASSWORD_CHARS {
        return Some(format!("密码至少 {MIN_PASSWORD_CHARS} 个字符"));
    }
    let classes = [
        password.chars().any(|c| c.is_ascii_lowercase()),
        password.chars().any(|c| c.is_ascii_uppercase()),
        password.chars().any(|c| c.is_ascii_digit()),
        password.chars().any(|c| !c.is_ascii_alphanumeric()),
    ];
    if classes.iter().filter(|c| **c).count() < 2 {
        return Some("密码须包含字母、数字、符号中的至少两类".into());
    }
    if password.to_lowercase().contains(&username.to_lowercase()) {
        return Some("密码不能包含用户名".into());
    }
    None
}

/// What a form or the command line supplies to create or edit an agency.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AgencyInput {
    pub code: String,
    pub slug: String,
    pub name: String,
    pub short_name: String,
    pub kind: String,
    /// The parent agency's code (empty for the top of the tree).
    pub parent: String,
    pub office_name: String,
    pub address: String,
    pub office_hours: String,
    pub phone: String,
    pub fax: String,
    pub email: String,
    pub postcode: String,
}

/// A parsed agency. The contact fields feed the 政府信息公开指南, which 条例 Art. 12 requires to
/// give the disclosure office's name, address, office hours, phone, fax and internet contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyFields {
    pub code: AgencyCode,
    pub slug: String,
    pub name: String,
    pub short_name: String,
    pub kind: AgencyKind,
    pub parent: Option<AgencyCode>,
    pub office_name: String,
    pub address: String,
    pub office_hours: String,
    pub phone: String,
    pub fax: String,
    pub email: String,
    pub postcode: String,
}

impl AgencyFields {
    pub fn parse(input: &AgencyInput) -> Result<AgencyFields, crate::doc::FieldErrors> {
        let mut e = crate::doc::FieldErrors::default();
        let code = AgencyCode::parse(&input.code).map_err(|m| e.add("code", m)).ok();
        let slug = input.slug.trim().to_string();
        if !valid_slug(&slug) {
            e.add("slug", "网址名只能使用小写字母、数字和连字符，如 wzsfgw");
        }
        if !valid_name(&input.name, 60) {
            e.add("name", "请填写机构全称（最多 60 字）");
        }
        let short_name = if input.short_name.trim().is_empty() { input.name.trim() } else { input.short_name.trim() };
        if !valid_name(short_name, 30) {
            e.add("short_name", "简称最多 30 字");
        }
        let kind = AgencyKind::from_code(input.kind.trim()).or_else(|| {
            e.add("kind", "请选择机构类型");
            None
        });
        let parent = match input.parent.trim() {
            "" => None,
            p => AgencyCode::parse(p).map_err(|m| e.add("parent", m)).ok(),
        };
        let contact = [
            ("office_name", &input.office_name, 60),
            ("address", &input.address, 120),
            ("office_hours", &input.office_hours, 120),
            ("phone", &input.phone, 40),
            ("fax", &input.fax, 40),
            ("email", &input.email, 80),
            ("postcode", &input.postcode, 10),
        ];
        for (field, value, max) in contact {
            if char_len(value.trim()) > max || value.contains(['<', '>']) {
                e.add(field, format!("最多 {max} 字，且不能含有 < >"));
            }
        }
        match (code, kind) {
            (Some(code), Some(kind)) if e.is_empty() => Ok(AgencyFields {
                code,
                slug,
                name: input.name.trim().into(),
                short_name: short_name.into(),
                kind,
                parent,
                office_name: input.office_name.trim().into(),
                address: input.address.trim().into(),
                office_hours: input.office_hours.trim().into(),
                phone: input.phone.trim().into(),
                fax: input.fax.trim().into(),
                email: input.email.trim().into(),
                postcode: input.postcode.trim().into(),
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_codes() {
        assert_eq!(AgencyCode::parse(" 001002003 ").unwrap().as_str(), "001002003");
        assert!(AgencyCode::parse("0142768-8").unwrap_err().contains("机构代码"));
        assert_eq!(AgencyCode::parse("01427688-8").unwrap().as_str(), "01427688-8");
        // A 统一社会信用代码 whose check character (3) follows GB 32100-2015.
        assert!(AgencyCode::parse("91350100M000100Y43").is_ok());
        assert!(AgencyCode::parse("91350100M000100Y44").unwrap_err().contains("校验码"));
        assert!(AgencyCode::parse("00100200").is_err());
        assert!(AgencyCode::parse("00100200/").is_err());
    }

    #[test]
    fn slugs_and_names() {
        assert!(valid_slug("wzszfb"));
        assert!(valid_slug("lucheng-qu"));
        assert!(!valid_slug("Lucheng"));
        assert!(!valid_slug("-x"));
        assert!(!valid_slug("鹿城"));
        assert!(valid_name("温州市人民政府办公室", 60));
        assert!(!valid_name("  ", 60));
        assert!(!valid_name("a<b", 60));
    }

    #[test]
    fn passwords() {
        assert!(password_problem("editor1", "short1").is_some());
        assert!(password_problem("editor1", "alllowercaseletters").is_some());
        assert!(password_problem("editor1", "xx-Editor1-yy").is_some());
        assert_eq!(password_problem("editor1", "correct horse 9"), None);
    }

    #[test]
    fn agency_input_is_checked_field_by_field() {
        let ok = AgencyInput {
            code: "001002003".into(),
            slug: "wzszfb".into(),
            name: "温州市人民政府办公室".into(),
            short_name: "市政府办".into(),
            kind: "department".into(),
            parent: "001002000".into(),
            ..Default::default()
        };
        let f = AgencyFields::parse(&ok).unwrap();
        assert_eq!(f.parent.unwrap().as_str(), "001002000");
        let bad = AgencyInput {
            code: "x".into(),
            slug: "Bad Slug".into(),
            kind: "ministry".into(),
            phone: "<b>".into(),
            ..ok
        };
        let e = AgencyFields::parse(&bad).unwrap_err();
        for field in ["code", "slug", "kind", "phone"] {
            assert!(e.get(field).is_some(), "{field}");
        }
    }

    #[test]
    fn only_editors_and_reviewers_are_scoped() {
        assert!(Role::Editor.is_agency_scoped());
        assert!(Role::Reviewer.is_agency_scoped());
        assert!(!Role::DisclosureOffice.is_agency_scoped());
        assert!(!Role::SystemAdmin.is_agency_scoped());
    }
}
