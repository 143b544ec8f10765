//! An application as submitted (条例 Art. 29): who asks, how to reach them, what information, in
//! what form and by what route — parsed from the public form or a staff registration, with one
//! message per wrong field.

use serde::{Deserialize, Serialize};

use super::{ApplicantKind, Channel, IdDocument};
use crate::doc::{DocNo, FieldErrors};
use crate::text::char_len;

/// The form fields, as text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApplicationInput {
    pub applicant_kind: String,
    pub name: String,
    pub id_document: String,
    pub id_number: String,
    pub credit_code: String,
    pub representative: String,
    pub contact_person: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub postcode: String,
    pub agency: String,
    pub description: String,
    pub doc_no: String,
    pub form: String,
    pub delivery: String,
    pub accessibility: String,
    pub channel: String,
}

/// Who applies (条例 Art. 29(一)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Applicant {
    Person {
        name: String,
        id_document: IdDocument,
        id_number: String,
    },
    Organisation {
        kind: ApplicantKind,
        name: String,
        credit_code: String,
        representative: String,
        contact_person: String,
    },
}

impl Applicant {
    pub fn kind(&self) -> ApplicantKind {
        match self {
            Applicant::Person { .. } => ApplicantKind::NaturalPerson,
            Applicant::Organisation { kind, .. } => *kind,
        }
    }

    pub fn name(&self) -> &str {
        match self {
            Applicant::Person { name, .. } | Applicant::Organisation { name, .. } => name,
        }
    }

    /// The name as shown to anyone but the staff handling the case: the family name of a person
    /// and a mask, the full name of an organisation.
    pub fn public_name(&self) -> String {
        match self {
            Applicant::Person { name, .. } => {
                let mut chars = name.chars();
                let first: String = chars.next().into_iter().collect();
                format!("{first}{}", "*".repeat(chars.count().max(1)))
            }
            Applicant::Organisation { name, .. } => name.clone(),
        }
    }
}

/// 获取信息的形式 (条例 Art. 29(三), Art. 40).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProvisionForm {
    Paper,
    Electronic,
}

/// 获取信息的途径.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Delivery {
    Post,
    Email,
    Pickup,
    Online,
}

impl ProvisionForm {
    pub const ALL: [(ProvisionForm, &'static str, &'static str); 2] =
        [(ProvisionForm::Paper, "paper", "纸质文本"), (ProvisionForm::Electronic, "electronic", "电子文件")];
}

impl Delivery {
    pub const ALL: [(Delivery, &'static str, &'static str); 4] = [
        (Delivery::Online, "online", "在本网站查询下载"),
        (Delivery::Email, "email", "电子邮件"),
        (Delivery::Post, "post", "邮寄"),
        (Delivery::Pickup, "pickup", "当面领取"),
    ];
}

fn lookup<T: Copy>(table: &[(T, &'static str, &'static str)], code: &str) -> Option<T> {
    table.iter().find(|(_, c, _)| *c == code).map(|(t, _, _)| *t)
}

pub fn form_label(f: ProvisionForm) -> &'static str {
    ProvisionForm::ALL.iter().find(|(x, _, _)| *x == f).map_or("", |(_, _, l)| l)
}

pub fn delivery_label(d: Delivery) -> &'static str {
    Delivery::ALL.iter().find(|(x, _, _)| *x == d).map_or("", |(_, _, l)| l)
}

/// How to reach the applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub phone: String,
    pub email: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
}

/// A parsed application. The agency and channel are resolved by the caller (the form gives the
/// agency's code; staff registrations give the channel).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    pub applicant: Applicant,
    pub contact: Contact,
    /// 申请公开的政府信息的名称、文号或者便于查询的其他特征性描述 (Art. 29(二)).
    pub description: String,
    pub doc_no: Option<DocNo>,
    pub form: ProvisionForm,
    pub delivery: Delivery,
    /// Help needed to read the information (条例 Art. 43).
    pub accessibility: Option<String>,
    pub agency: String,
    pub channel: Channel,
}

pub const MAX_DESCRIPTION_CHARS: usize = 2000;

fn trimmed(s: &str) -> String {
    s.trim().to_string()
}

/// A mainland mobile number, or a landline with its area code (`0577-88888888`).
pub fn valid_phone(s: &str) -> bool {
    let digits: String = s.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
    let all_digits = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    let mobile = digits.len() == 11 && digits.starts_with('1') && matches!(digits.as_bytes()[1], b'3'..=b'9');
    let landline = digits.starts_with('0') && (10..=12).contains(&digits.len());
    all_digits && (mobile || landline)
}

/// A plausible e-mail address (one `@`, a dot in the domain, no spaces).
pub fn valid_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(|c| c.is_whitespace() || c == '<' || c == '>')
        && s.len() <= 120
}

impl Application {
    /// Parses the form. `channel` is `online` for the public form.
    pub fn parse(input: &ApplicationInput) -> Result<Application, FieldErrors> {
        let mut e = FieldErrors::default();
        let kind = ApplicantKind::from_code(input.applicant_kind.trim()).or_else(|| {
            e.add("applicant_kind", "请选择申请人类型：自然人，或法人、其他组织的类别");
            None
        });
        let name = trimmed(&input.name);
        if name.is_empty() || char_len(&name) > 60 || name.contains(['<', '>']) {
            e.add("name", "请填写申请人姓名或名称（最多 60 字）");
        }
        let applicant = match kind {
            Some(ApplicantKind::NaturalPerson) => {
                let id_document = IdDocument::from_code(input.id_document.trim()).or_else(|| {
                    e.add("id_document", "请选择身份证件类型");
                    None
                });
                let id_number = crate::text::compact_identifier(&input.id_number).to_ascii_uppercase();
                match id_document {
                    Some(IdDocument::ResidentId) if !crate::privacy::is_valid_id_number(&id_number) => {
                        e.add("id_number", "身份证号码不正确：应为 18 位，最后一位校验码须与前 17 位相符，请核对");
                    }
                    Some(_) if id_number.is_empty() || id_number.len() > 30 => e.add("id_number", "请填写证件号码"),
                    _ => {}
                }
                id_document.map(|id_document| Applicant::Person { name: name.clone(), id_document, id_number })
            }
            Some(kind) => {
                let credit_code = crate::text::compact_identifier(&input.credit_code).to_ascii_uppercase();
                if !crate::org::valid_credit_code(&credit_code) {
                    e.add("credit_code", "统一社会信用代码不正确：应为 18 位，最后一位校验码须与前 17 位相符");
                }
                let representative = trimmed(&input.representative);
                if representative.is_empty() || char_len(&representative) > 30 {
                    e.add("representative", "请填写法定代表人或负责人");
                }
                Some(Applicant::Organisation {
                    kind,
                    name: name.clone(),
                    credit_code,
                    representative,
                    contact_person: trimmed(&input.contact_person),
                })
            }
            None => None,
        };
        let phone = trimmed(&input.phone);
        if !valid_phone(&phone) {
            e.add("phone", "请填写有效的联系电话：手机号码，或带区号的固定电话（如 0577-88960000）");
        }
        let email = Some(trimmed(&input.email)).filter(|s| !s.is_empty());
        if email.as_deref().is_some_and(|m| !valid_email(m)) {
            e.add("email", "电子邮箱格式不正确");
        }
        let address = Some(trimmed(&input.address)).filter(|s| !s.is_empty());
        if address.as_deref().is_some_and(|a| char_len(a) > 120) {
            e.add("address", "通信地址最多 120 字");
        }
        let description = trimmed(&input.description);
        if char_len(&description) < 4 {
            e.add("description", "请写明所需政府信息的名称、文号或者便于查询的其他特征性描述（《条例》第二十九条）");
        } else if char_len(&description) > MAX_DESCRIPTION_CHARS {
            e.add("description", format!("描述最多 {MAX_DESCRIPTION_CHARS} 字；一件申请宜只涉及一项政府信息"));
        }
        let doc_no = match input.doc_no.trim() {
            "" => None,
            s => DocNo::parse(s).map_err(|err| e.add("doc_no", err.to_string())).ok(),
        };
        let form = lookup(&ProvisionForm::ALL, input.form.trim()).or_else(|| {
            e.add("form", "请选择获取信息的形式");
            None
        });
        let delivery = lookup(&Delivery::ALL, input.delivery.trim()).or_else(|| {
            e.add("delivery", "请选择获取信息的途径");
            None
        });
        if delivery == Some(Delivery::Email) && email.is_none() && e.get("email").is_none() {
            e.add("email", "选择电子邮件方式时请填写电子邮箱");
        }
        if delivery == Some(Delivery::Post) && address.is_none() {
            e.add("address", "选择邮寄方式时请填写通信地址");
        }
        let agency = trimmed(&input.agency);
        if agency.is_empty() {
            e.add("agency", "请选择受理申请的行政机关");
        }
        let channel = match input.channel.trim() {
            "" => Some(Channel::Online),
            c => Channel::from_code(c).or_else(|| {
                e.add("channel", "请选择申请方式");
                None
            }),
        };
        let accessibility = Some(trimmed(&input.accessibility)).filter(|s| !s.is_empty());
        match (applicant, form, delivery, channel) {
            (Some(applicant), Some(form), Some(delivery), Some(channel)) if e.is_empty() => Ok(Application {
                applicant,
                contact: Contact {
                    phone,
                    email,
                    address,
                    postcode: Some(trimmed(&input.postcode)).filter(|s| !s.is_empty()),
                },
                description,
                doc_no,
                form,
                delivery,
                accessibility,
                agency,
                channel,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub fn person() -> ApplicationInput {
        ApplicationInput {
            applicant_kind: "natural-person".into(),
            name: "张三".into(),
            id_document: "resident-id".into(),
            id_number: "11010519491231002X".into(),
            phone: "13812345678".into(),
            agency: "001002003".into(),
            description: "温州市2023年城乡居民最低生活保障资金发放情况".into(),
            form: "electronic".into(),
            delivery: "online".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_natural_person_applies() {
        let a = Application::parse(&person()).unwrap();
        assert_eq!(a.applicant.kind(), ApplicantKind::NaturalPerson);
        assert_eq!(a.applicant.public_name(), "张*");
        assert_eq!(a.channel, Channel::Online);
    }

    #[test]
    fn an_id_number_with_a_wrong_check_digit_is_refused() {
        let e =
            Application::parse(&ApplicationInput { id_number: "110105194912310021".into(), ..person() }).unwrap_err();
        assert!(e.get("id_number").unwrap().contains("校验码"));
    }

    #[test]
    fn organisations_need_a_valid_credit_code() {
        let org = ApplicationInput {
            applicant_kind: "commercial".into(),
            name: "温州某某科技有限公司".into(),
            credit_code: "91350100M000100Y43".into(),
            representative: "李四".into(),
            ..person()
        };
        assert_eq!(Application::parse(&org).unwrap().applicant.kind(), ApplicantKind::Commercial);
        let bad = ApplicationInput { credit_code: "91350100M000100Y44".into(), ..org };
        assert!(Application::parse(&bad).unwrap_err().get("credit_code").is_some());
    }

    #[test]
    fn missing_fields_each_get_a_message() {
        let e = Application::parse(&ApplicationInput::default()).unwrap_err();
        for f in ["applicant_kind", "name", "phone", "description", "form", "delivery", "agency"] {
            assert!(e.get(f).is_some(), "{f}");
        }
    }

    #[test]
    fn delivery_needs_its_address() {
        let e = Application::parse(&ApplicationInput { delivery: "email".into(), ..person() }).unwrap_err();
        assert!(e.get("email").is_some());
        let e = Application::parse(&ApplicationInput { delivery: "post".into(), ..person() }).unwrap_err();
        assert!(e.get("address").is_some());
    }

    #[test]
    fn phones_and_emails() {
        assert!(valid_phone("0577-88960000"));
        assert!(valid_phone("138 1234 5678"));
        assert!(!valid_phone("12345"));
        assert!(!valid_phone("12812345678"));
        assert!(valid_email("zhang.san@example.cn"));
        assert!(!valid_email("zhang@localhost"));
        assert!(!valid_email("a b@x.cn"));
    }
}
