//! A realistic example for each notice: previews in the template editor, validation and tests.
//! People and companies are invented; the agency is the 温州市人民政府办公室 (市府办), a department
//! of the city government, so 行政复议 lies to the 温州市人民政府.

use super::{NoticeContext, NoticeKind, Relief, WithheldPart};
use crate::doc::WithholdingGround;
use crate::foi::{Channel, ReplyType};

/// A full, realistic Wenzhou context for `kind`: every field the default template of that kind
/// uses is filled in.
pub fn sample_context(kind: &NoticeKind) -> NoticeContext {
    let mut c = NoticeContext {
        number: "市府办依公〔2024〕12号".into(),
        agency: "温州市人民政府办公室".into(),
        issued_on: "2024年3月28日".into(),
        office_address: "温州市鹿城区市府路500号".into(),
        office_phone: "0577-88968800".into(),
        applicant: "陈晓东".into(),
        case_no: "WZ2024-000312".into(),
        tracking_code: "7K3M-Q9TD".into(),
        tracking_url: "温州市人民政府门户网站“依申请公开”栏目".into(),
        received_on: "2024年3月5日".into(),
        request: "温州市区2023年老旧小区改造项目的立项批复文件".into(),
        due_on: "2024年4月2日".into(),
        relief: Relief { review_body: "温州市人民政府".into() },
        ..NoticeContext::default()
    };
    c.set_channel(Channel::Online, Some("温州市政府信息公开申请平台"));
    let s = |v: &str| v.to_string();
    match kind {
        NoticeKind::Receipt => {
            c.number = s("市府办依公收〔2024〕12号");
            c.issued_on = s("2024年3月5日");
        }
        NoticeKind::Correction => {
            c.number = s("市府办依公补〔2024〕3号");
            c.issued_on = s("2024年3月8日");
            c.request = s("老旧小区改造的相关文件");
            c.correction_items = vec![
                s("请明确所需政府信息的名称、文号，或者所涉小区名称、改造年度等便于查询的特征性描述"),
                s("请明确获取信息的方式（纸质件、电子邮件或者在线获取）"),
            ];
            c.correction_due_on = s("2024年3月22日");
        }
        NoticeKind::Extension => {
            c.number = s("市府办依公延〔2024〕2号");
            c.reasons = s("您申请的信息涉及2019年至2023年的纸质档案，数量较多，需要调取档案并逐件审查。");
            c.extension_days = 20;
            c.new_due_on = s("2024年4月30日");
        }
        NoticeKind::ThirdPartyConsultation => {
            c.number = s("市府办依公征〔2024〕5号");
            c.issued_on = s("2024年3月12日");
            c.consulted_party = s("温州市瓯江建设工程有限公司");
            c.request = s("鹿城区南浦小区2023年老旧小区改造工程施工合同");
            c.reasons = s(
                "该合同包含贵公司的投标报价明细和项目管理人员的个人信息，可能涉及贵公司的商业秘密和相关人员的个人隐私。",
            );
            c.consult_reply_by = s("2024年4月3日");
        }
        NoticeKind::ThirdPartyDecision => {
            c.number = s("市府办依公决〔2024〕1号");
            c.issued_on = s("2024年4月8日");
            c.consulted_party = s("温州市瓯江建设工程有限公司");
            c.request = s("鹿城区南浦小区2023年老旧小区改造工程施工合同");
            c.earlier_on = s("2024年3月12日");
            c.earlier_number = s("市府办依公征〔2024〕5号");
            c.third_party_objection = s("合同价款和工程量清单属于本公司商业秘密，公开将影响本公司参与其他项目的投标。");
            c.reasons = s("该工程使用财政资金，合同价款和工程量关系到公共资金的使用和工程质量，社会关注度高，\
                           不公开将影响公众对财政资金使用的监督，可能对公共利益造成重大影响。");
            c.disclosed_content = s("施工合同的合同价款、工期、工程量清单和质量标准条款。\
                                     合同中项目管理人员的身份证号码、联系电话不予公开，已作遮盖处理。");
            c.disclose_on = s("2024年4月26日");
        }
        NoticeKind::CoProducerConsultation => {
            c.number = s("市府办依公征〔2024〕6号");
            c.issued_on = s("2024年3月12日");
            c.consulted_party = s("温州市住房和城乡建设局");
            c.request = s("《温州市区老旧小区改造项目资金安排表（2023年）》");
            c.reasons = s("该表由本机关会同贵机关于2023年5月共同编制。");
            c.consult_reply_by = s("2024年4月3日");
        }
        NoticeKind::ReasonsRequest => {
            c.number = s("市府办依公理〔2024〕1号");
            c.issued_on = s("2024年3月8日");
            c.volume_facts = volume_facts();
            c.reasons_due_on = s("2024年3月22日");
        }
        NoticeKind::Deferral => {
            c.number = s("市府办依公迟〔2024〕1号");
            c.issued_on = s("2024年3月26日");
            c.earlier_on = s("2024年3月8日");
            c.earlier_number = s("市府办依公理〔2024〕1号");
            c.reasons = s("您同期提出的87件申请涉及本机关近十年的发文，需要逐件检索和审查，无法在法定期限内全部办结。");
            c.deferred_due_on = s("2024年6月28日");
        }
        NoticeKind::FeeNotice => {
            c.number = s("市府办依公费〔2024〕1号");
            c.issued_on = s("2024年3月20日");
            c.fee_method = s("按量计收");
            c.fee_basis = s("您要求以纸质件形式获取所申请的信息，共计150页，超过按量计收的免费页数（30页）。");
            c.fee_standard = s("30页以下（含30页）不收费，31至100页的部分每页10元，101至200页的部分每页20元，\
                                201页以上的部分每页40元；本次应缴70页×10元＋50页×20元");
            c.fee_amount = s("1700.00");
            c.fee_payment = s(
                "请凭本通知书所附缴款码，通过浙江省统一公共支付平台缴纳，或者到温州市政务服务中心非税收入缴款窗口缴纳",
            );
        }
        NoticeKind::Reply(reply) => reply_sample(&mut c, *reply),
    }
    c
}

fn volume_facts() -> String {
    "2024年1月1日至3月5日，您共向本机关提出政府信息公开申请87件，其中2月26日至3月5日提出62件".into()
}

fn reply_sample(c: &mut NoticeContext, reply: ReplyType) {
    let s = |v: &str| v.to_string();
    match reply {
        ReplyType::AlreadyPublic => {
            c.request = s("《温州市区老旧小区改造实施方案（2023—2025年）》");
            c.obtain_how = s("登录温州市人民政府门户网站在线查阅、下载");
            c.obtain_where =
                s("温州市人民政府门户网站（www.wenzhou.gov.cn）“政府信息公开—政策文件”栏目，2023年6月12日发布");
        }
        ReplyType::Disclosed => {
            c.enclosures = vec![s("《关于温州市区2023年老旧小区改造项目立项的批复》（电子件，共6页）")];
            c.obtain_how = s("领取加盖本机关印章的纸质复印件");
            c.obtain_where = s("温州市鹿城区市府路500号市行政中心本机关政务公开办公室");
            c.obtain_when = s("2024年4月1日至4月12日工作日的工作时间");
        }
        ReplyType::PartiallyDisclosed => {
            c.request = s("2023年温州市区公共租赁住房保障对象名单");
            c.disclosed_content =
                s("2023年温州市区公共租赁住房保障对象名单中保障对象的姓名、家庭人口和保障方式，共3页。");
            c.enclosures = vec![s("《2023年温州市区公共租赁住房保障对象名单》（已作区分处理，电子件）")];
            c.withheld_parts = vec![WithheldPart::new(
                "名单中保障对象的身份证号码、联系电话和家庭住址",
                WithholdingGround::ThirdParty,
                "上述内容属于保障对象的个人信息，本机关已书面征求保障对象意见，保障对象不同意公开。",
            )];
        }
        ReplyType::Withheld(ground) => {
            let (request, reasons) = match ground {
                WithholdingGround::StateSecret => (
                    "《温州市防汛防台应急预案》附件《重点设施防护部署图》",
                    "该附件已依法确定为国家秘密，目前仍在保密期限内。",
                ),
                WithholdingGround::ProhibitedByLaw => (
                    "2023年温州市区住户抽样调查中各调查户的原始调查资料",
                    "该资料能够识别或者推断单个统计调查对象的身份，《中华人民共和国统计法》规定应当予以保密，不得对外提供。",
                ),
                WithholdingGround::Security => (
                    "温州市区城市供水管网及加压设施分布详图",
                    "该图标明了城市供水关键设施的具体位置和技术参数，公开后可能危及城市供水安全和公共安全。",
                ),
                WithholdingGround::ThirdParty => (
                    "温州市瓯江建设工程有限公司报送的南浦小区改造项目投资测算明细",
                    "该明细包含企业的成本构成和报价策略等商业秘密。本机关已书面征求该企业意见，该企业不同意公开且理由合理，\
                     不公开也不会对公共利益造成重大影响。",
                ),
                WithholdingGround::InternalAffairs => {
                    ("本机关2023年度工作人员考勤记录", "该信息属于本机关的人事管理信息，不直接影响公众的权利义务。")
                }
                WithholdingGround::ProcessInformation => (
                    "市政府常务会议研究《温州市区老旧小区改造实施方案》时的讨论记录",
                    "该信息是方案形成过程中的讨论记录，不具有最终的确定性和约束力，法律、法规、规章未规定其应当公开。\
                     方案全文已于2023年6月12日主动公开。",
                ),
                WithholdingGround::EnforcementFile => (
                    "温州市某餐饮企业2023年行政处罚案件的全部案卷材料",
                    "该案卷由案件调查、审查和决定过程中形成的材料组成，法律、法规、规章未规定其应当公开。\
                     该案行政处罚决定已依法公示。",
                ),
            };
            c.request = s(request);
            c.reasons = s(reasons);
        }
        ReplyType::SpecialRegister => {
            c.request = s("温州市鹿城区某住宅的不动产登记资料（权利人及抵押情况）");
            c.special_register = s("不动产登记资料");
            c.special_law = s("《不动产登记暂行条例》");
            c.special_where = s("温州市不动产登记服务中心或者各区不动产登记窗口");
        }
        ReplyType::NotExist => {
            c.request = s("温州市区2010年老旧小区改造专项审计报告");
            c.search_scope =
                s("检索本机关公文管理系统、2009年以来的纸质档案和政府信息公开目录，并向本机关相关处室核实");
        }
        ReplyType::NotThisAgency => {
            c.request = s("温州市区中小学2023年学生体质健康监测数据");
            c.reasons = s("该信息由教育行政部门在履行职责过程中制作和保存，本机关未制作也未获取该信息。");
            c.responsible_agency = s("温州市教育局");
            c.responsible_contact = s("可以通过温州市人民政府门户网站“依申请公开”栏目在线联系并提交申请");
        }
        ReplyType::NeedsCreation => {
            c.request = s("温州市区2015年至2023年老旧小区改造资金按街道分列的统计表");
            c.reasons =
                s("本机关未制作或者保存按街道分列的统计表，提供该信息需要对各年度项目资料进行汇总、统计和分析。");
        }
        ReplyType::UnclearAfterCorrection => {
            c.request = s("老旧小区改造的相关文件");
            c.issued_on = s("2024年3月20日");
            c.earlier_on = s("2024年3月8日");
            c.earlier_number = s("市府办依公补〔2024〕3号");
            c.corrected_on = s("2024年3月15日");
            c.reasons = s(
                "您补正的内容为“与老旧小区改造有关的所有文件”，仍未说明文件的名称、文号、形成时间或者所涉小区等特征性描述。",
            );
        }
        ReplyType::Petition => {
            c.request = s("要求查处鹿城区南浦小区改造工程夜间施工扰民问题并公开处理结果");
            c.reasons = s("您的申请实质是要求本机关查处施工扰民问题，属于投诉事项。");
            c.petition_channel = s("温州市12345政务服务便民热线，或者向有关信访工作机构");
        }
        ReplyType::Repeat => {
            c.earlier_on = s("2024年2月20日");
            c.earlier_number = s("市府办依公〔2024〕5号");
        }
        ReplyType::Publication => {
            c.request = s("《温州市人民政府公报》2023年第6期");
            c.obtain_where =
                s("温州市人民政府门户网站“政府公报”栏目免费查阅、下载，或者到温州市图书馆、温州市档案馆查阅纸质版");
        }
        ReplyType::Excessive => {
            c.issued_on = s("2024年3月27日");
            c.volume_facts = volume_facts();
            c.earlier_on = s("2024年3月8日");
            c.earlier_number = s("市府办依公理〔2024〕1号");
            c.reasons =
                s("您于2024年3月20日提交的说明仅称“了解政府工作”，未说明需要在短期内大量获取上述信息的具体理由。");
        }
        ReplyType::ConfirmOrReissue => {
            c.request = s("确认本人持有的《关于温州市区2023年老旧小区改造项目立项的批复》复印件与原件一致并加盖公章");
            c.reasons = s("该文件已由本机关于2023年9月依申请向您提供，您本次要求本机关确认复印件的真实性并加盖印章。");
        }
        ReplyType::AbandonedNoCorrection => {
            c.request = s("老旧小区改造的相关文件");
            c.issued_on = s("2024年3月25日");
            c.earlier_on = s("2024年3月8日");
            c.earlier_number = s("市府办依公补〔2024〕3号");
            c.correction_due_on = s("2024年3月22日");
        }
        ReplyType::AbandonedUnpaidFee => {
            c.issued_on = s("2024年4月22日");
            c.earlier_on = s("2024年3月20日");
            c.earlier_number = s("市府办依公费〔2024〕1号");
        }
        ReplyType::Other => {
            c.reasons = s("您于2024年3月18日通过温州市政府信息公开申请平台撤回了本申请，本机关终止办理。");
        }
    }
}
