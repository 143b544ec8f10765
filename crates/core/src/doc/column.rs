//! Where a document belongs on the disclosure site: its 栏目 (column), the statutory item of
//! 条例 Art. 20 it fulfils, and whether it is a policy document.

use crate::doc::code_enum;

code_enum! {
    /// The 15 categories that 条例 Art. 20 requires every agency to publish proactively
    /// (法定主动公开内容), in the order of the article.
    pub enum StatutoryItem {
        Rules = ("art20-01", "行政法规、规章和规范性文件"),
        Organisation = ("art20-02", "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"),
        Plans = ("art20-03", "国民经济和社会发展规划、专项规划、区域规划及相关政策"),
        Statistics = ("art20-04", "国民经济和社会发展统计信息"),
        Licensing = ("art20-05", "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果"),
        Enforcement = ("art20-06", "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定"),
        Budget = ("art20-07", "财政预算、决算信息"),
        Fees = ("art20-08", "行政事业性收费项目及其依据、标准"),
        Procurement = ("art20-09", "政府集中采购项目的目录、标准及实施情况"),
        MajorProjects = ("art20-10", "重大建设项目的批准和实施情况"),
        Welfare = ("art20-11", "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"),
        Emergencies = ("art20-12", "突发公共事件的应急预案、预警信息及应对情况"),
        Inspections = ("art20-13", "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"),
        CivilService = ("art20-14", "公务员招考的职位、名额、报考条件等事项以及录用结果"),
        OtherStatutory = ("art20-15", "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息"),
    }
}

impl StatutoryItem {
    /// The item number in Art. 20 (1–15).
    pub fn number(self) -> u8 {
        Self::ALL.iter().position(|i| *i == self).map_or(0, |p| p as u8 + 1)
    }

    pub fn from_number(n: u8) -> Option<StatutoryItem> {
        Self::ALL.get(usize::from(n).checked_sub(1)?).copied()
    }
}

code_enum! {
    /// The part of the 政府信息公开 section a document is listed under, besides the statutory
    /// items: the agency's disclosure rules (制度), its annual reports (年报) and everything else.
    pub enum SiteColumn {
        Statutory = ("statutory", "法定主动公开内容"),
        DisclosureRules = ("disclosure-rules", "政府信息公开制度"),
        AnnualReport = ("annual-report", "政府信息公开年报"),
        General = ("general", "其他信息"),
    }
}

code_enum! {
    /// Whether a document is a policy document (政策文件), as the 政策文件库 and the annual report
    /// (table 二, 条例 Art. 20(一)) distinguish them.
    pub enum PolicyKind {
        /// 规章 (issued by order of a government with rule-making power).
        Rule = ("rule", "规章"),
        /// 行政规范性文件 (binding on the public, with a validity period).
        Normative = ("normative", "行政规范性文件"),
        /// Other 政策文件 (plans, opinions, notices of policy).
        OtherPolicy = ("policy", "其他政策文件"),
        /// Not a policy document (news, reports, data …).
        NotPolicy = ("none", "非政策文件"),
    }
}

impl PolicyKind {
    /// 规章 and 行政规范性文件 have a validity (有效性) that the public must be able to see.
    pub fn has_validity(self) -> bool {
        matches!(self, PolicyKind::Rule | PolicyKind::Normative)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_20_has_15_items_numbered_in_order() {
        assert_eq!(StatutoryItem::ALL.len(), 15);
        for (i, item) in StatutoryItem::ALL.iter().enumerate() {
            assert_eq!(item.number() as usize, i + 1);
            assert_eq!(StatutoryItem::from_number(item.number()), Some(*item));
            assert_eq!(item.code(), format!("art20-{:02}", i + 1));
        }
        assert_eq!(StatutoryItem::from_number(0), None);
        assert_eq!(StatutoryItem::from_number(16), None);
        assert_eq!(StatutoryItem::Budget.label(), "财政预算、决算信息");
    }

    #[test]
    fn only_rules_and_normative_documents_carry_validity() {
        assert!(PolicyKind::Rule.has_validity());
        assert!(PolicyKind::Normative.has_validity());
        assert!(!PolicyKind::OtherPolicy.has_validity());
        assert!(!PolicyKind::NotPolicy.has_validity());
    }
}
