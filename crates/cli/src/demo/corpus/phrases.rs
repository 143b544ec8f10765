//! Theme-independent phrase banks: the political preamble of each period, generic safeguard
//! measures, problems and demands used in 通报/纪要/动态, padding sentences, and generators for
//! people, companies and projects.

use super::calendar::Ymd;
use super::rng::Rng;

/// The guiding-ideology clause that opens 总体要求, as worded in the period the text was
/// written (a 2016 plan and a 2023 plan do not cite the same 党代会).
pub(super) fn ideology(d: Ymd) -> &'static str {
    let (y, m) = (d.0, d.1);
    if y < 2016 || (y == 2016 && m < 11) {
        "全面贯彻党的十八大和十八届三中、四中、五中全会精神，深入贯彻习近平总书记系列重要讲话精神"
    } else if y < 2017 || (y == 2017 && m < 11) {
        "全面贯彻党的十八大和十八届三中、四中、五中、六中全会精神，深入贯彻习近平总书记系列重要讲话精神"
    } else if y < 2022 || (y == 2022 && m < 11) {
        "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大和十九届历次全会精神"
    } else {
        "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届历次全会精神"
    }
}

/// "“十四五”" for a plan written in `year`: plans are drafted in the last year of the previous
/// period or the first year of their own.
pub(super) fn five_year_plan(year: i32) -> &'static str {
    match year {
        ..=2017 => "“十三五”",
        2018..=2022 => "“十四五”",
        _ => "“十五五”",
    }
}

/// 保障措施 common to all plans and opinions: (heading, text).
pub(super) const SAFEGUARDS: [(&str, &str); 6] = [
    (
        "加强组织领导",
        "各地各部门要把此项工作摆上重要议事日程，主要负责同志亲自抓、负总责，分管负责同志具体抓，建立健全统筹协调机制，明确责任分工，形成工作合力。",
    ),
    (
        "强化督查考核",
        "将工作推进情况纳入年度目标责任制考核，定期开展督查，对工作成效明显的予以通报表扬，对推进不力、进度滞后的予以通报批评并限期整改。",
    ),
    (
        "加强宣传引导",
        "充分利用报刊、广播电视、政府网站和政务新媒体等渠道，广泛宣传政策措施和工作成效，及时回应社会关切，营造全社会共同参与的良好氛围。",
    ),
    (
        "强化要素保障",
        "各级财政要统筹安排工作经费，加强人员力量配备，优先保障重点任务、重点项目的用地、资金等要素需求。",
    ),
    ("严格责任落实", "各责任单位要细化工作方案，建立工作台账，明确时间表和路线图，确保各项任务按期保质完成。"),
    (
        "加强队伍建设",
        "加强业务培训和工作交流，不断提高工作人员的政策水平和业务能力，打造一支政治过硬、业务精通的工作队伍。",
    ),
];

/// Problems found in 督查/考核, for 通报, 报告 and 自查: (heading, text).
pub(super) const PROBLEMS: [(&str, &str); 6] = [
    ("工作进展不够平衡", "部分单位对此项工作重视程度不够，工作推进缓慢，与目标要求还有一定差距。"),
    ("制度执行不够到位", "个别单位制度建设滞后，已出台的制度落实不够严格，存在重形式、轻实效的现象。"),
    ("信息报送不够及时", "部分单位信息报送质量不高、时效性不强，影响了工作的统筹推进。"),
    ("基层基础仍较薄弱", "部分乡镇（街道）工作力量不足，业务人员变动频繁，专业能力有待提升。"),
    ("群众知晓率有待提高", "政策宣传的广度和深度还不够，部分群众对相关政策了解不多，获得感不够强。"),
    ("部门协同有待加强", "部门之间信息共享不够充分，协调联动机制尚不健全，合力尚未完全形成。"),
];

/// 会议要求 / 工作要求 sentences.
pub(super) const DEMANDS: [&str; 6] = [
    "各地各部门要进一步提高思想认识，强化责任担当，确保各项工作任务落到实处。",
    "要坚持问题导向，对照目标任务查漏补缺，集中力量攻坚突破。",
    "要加强统筹协调，形成上下联动、部门协同的工作格局。",
    "要加强督查考核，对工作推进不力的及时通报、限期整改。",
    "要注重总结提炼，及时推广基层创造的好经验好做法。",
    "要守牢安全底线，做好风险研判和应急处置，确保工作平稳有序推进。",
];

/// Further sentences for long-body padding in 公文.
pub(super) const ELABORATIONS: [&str; 14] = [
    "各地各部门要结合实际制定具体实施方案，细化工作举措，明确时间节点，确保各项任务落地见效。",
    "要建立健全工作台账，实行清单化管理、销号式推进，定期通报工作进展情况。",
    "要加强部门之间的沟通协作，及时研究解决工作推进中遇到的困难和问题。",
    "要注重总结推广基层的好经验好做法，以点带面推动工作整体提升。",
    "要充分运用数字化手段，提升工作的精准性和实效性。",
    "要加强业务培训，不断提高工作人员的政策水平和业务能力。",
    "要畅通群众意见反馈渠道，及时回应社会关切，主动接受社会监督。",
    "要加强资金保障，合理安排工作经费，提高资金使用效益。",
    "要强化风险意识，做好工作推进中的风险研判和应对处置。",
    "要严格落实工作责任，对工作不力、推诿扯皮的单位和个人严肃问责。",
    "要加强舆论引导，广泛宣传工作成效和典型经验，营造良好社会氛围。",
    "要坚持依法依规办事，严格履行法定程序，确保各项工作规范有序。",
    "有关工作情况将纳入年度目标责任制考核，考核结果作为评先评优的重要依据。",
    "执行中遇到的问题，请及时向主管部门反映。",
];

/// Further sentences for long-body padding in articles of 规章 and 规范性文件.
pub(super) const ARTICLE_ELABORATIONS: [&str; 12] = [
    "有关主管部门应当加强对相关规定执行情况的监督检查，发现问题及时督促整改。",
    "鼓励社会力量依法参与相关工作，保障其合法权益。",
    "有关单位应当建立健全内部管理制度，明确岗位职责和工作流程。",
    "相关信息应当依法向社会公开，接受社会监督。",
    "对在相关工作中做出显著成绩的单位和个人，按照国家和省有关规定给予表彰和奖励。",
    "有关部门应当加强信息共享和协同配合，提高管理和服务效能。",
    "县（市、区）人民政府可以结合本地实际，制定具体实施细则。",
    "任何单位和个人有权对违法违规行为进行投诉和举报。",
    "有关部门应当加强宣传教育，增强公众的参与意识和守法意识。",
    "相关工作所需经费，按照事权与支出责任相适应的原则列入同级财政预算。",
    "有关部门应当建立健全应急处置机制，妥善处理突发情况。",
    "行业协会应当加强行业自律，引导会员依法经营、规范服务。",
];

/// Further sentences for long-body padding in news.
pub(super) const NEWS_ELABORATIONS: [&str; 8] = [
    "活动现场，工作人员还向群众发放了宣传资料，并现场解答群众咨询。",
    "与会人员还就工作推进中遇到的难点问题进行了深入交流，提出了意见建议。",
    "据悉，此项工作已纳入年度目标责任制考核，相关部门将定期通报工作进展。",
    "有关负责人表示，将以此为契机，进一步压实工作责任，推动各项措施落地见效。",
    "不少群众表示，相关举措实实在在，办事更加方便了。",
    "据统计，今年以来相关部门已累计开展专项检查数十次，发现并整改问题一百余个。",
    "下一步，相关部门将持续跟踪问效，及时总结推广经验做法。",
    "会后，与会人员还实地察看了部分基层单位的工作开展情况。",
];

const SURNAMES: [&str; 26] = [
    "陈", "林", "王", "黄", "张", "李", "周", "吴", "郑", "潘", "叶", "徐", "胡", "金", "朱", "蔡", "杨", "董", "谢",
    "卢", "夏", "项", "孙", "戴", "章", "池",
];
const GIVEN_1: [&str; 24] = [
    "建", "海", "晓", "志", "国", "伟", "丽", "文", "明", "晨", "永", "雪", "佳", "俊", "秀", "立", "德", "春", "华",
    "一", "雨", "思", "子", "振",
];
const GIVEN_2: [&str; 24] = [
    "平", "华", "东", "军", "敏", "芳", "强", "勇", "静", "涛", "斌", "琳", "宇", "洁", "鹏", "婷", "锋", "辉", "燕",
    "超", "磊", "杰", "倩", "晖",
];

/// A plausible Wenzhou personal name (fictional).
pub(super) fn person(rng: &mut Rng) -> String {
    let mut s = String::with_capacity(9);
    s.push_str(rng.pick(&SURNAMES));
    s.push_str(rng.pick(&GIVEN_1));
    if rng.chance(80) {
        s.push_str(rng.pick(&GIVEN_2));
    }
    s
}

/// The head of an agency: stable for a term of five years so that documents of the same period
/// are signed by the same (fictional) person.
pub(super) fn head_of(seed: u64, agency: usize, year: i32) -> String {
    let term = (year - 2013).div_euclid(5) as u64;
    person(&mut Rng::new(seed ^ 0x4EAD, agency as u64 * 100 + term))
}

const FIRM_PLACES: [&str; 2] = ["温州", "浙江"];
const FIRM_NAMES: [&str; 16] = [
    "瓯越", "东瓯", "华正", "永信", "中衡", "嘉和", "天成", "海川", "瑞丰", "鸿达", "信达", "南塘", "江心", "雁荡",
    "楠溪", "华盛",
];
const FIRM_TRADES: [&str; 10] =
    ["信息技术", "工程咨询", "科技", "检测技术", "物业服务", "建设工程", "环保科技", "数据科技", "管理咨询", "电气"];

/// A fictional company name: 温州瓯越信息技术有限公司.
pub(super) fn company(rng: &mut Rng) -> String {
    format!("{}{}{}有限公司", rng.pick(&FIRM_PLACES), rng.pick(&FIRM_NAMES), rng.pick(&FIRM_TRADES))
}

/// Construction projects for 批复 and 公示; indexed by ordinal so that titles stay distinct.
pub(super) const PROJECTS: [&str; 20] = [
    "瓯江北口大桥南连接线工程",
    "温州大道东延工程",
    "七都大桥北汊桥改建工程",
    "市区东片污水处理厂扩建工程",
    "温州南站综合交通枢纽配套工程",
    "瓯飞一期围垦配套工程",
    "温瑞平原东片排涝工程",
    "市区西向排洪工程",
    "温州奥体中心配套道路工程",
    "瓯江路景观提升工程",
    "市区城中村改造安置房一期工程",
    "市中心医院新院区建设工程",
    "温州大学茶山校区扩建工程",
    "府东路综合整治工程",
    "滨海大道改造提升工程",
    "南塘河综合治理工程",
    "飞云江二桥改建工程",
    "中心大道北延工程",
    "状元岙港区集装箱码头配套工程",
    "洞头海岛公园配套设施工程",
];

pub(super) const PROJECT_STAGES: [&str; 3] = ["项目建议书", "可行性研究报告", "初步设计"];

pub(super) const SCHOOLS: [&str; 8] = [
    "温州大学",
    "温州医科大学",
    "浙江工业大学",
    "浙江师范大学",
    "宁波大学",
    "浙江工商大学",
    "杭州师范大学",
    "温州理工学院",
];

pub(super) const DEGREES: [&str; 3] = ["大学本科", "硕士研究生", "大学本科"];

/// A phone number of the municipal exchange: 0577-8xxxxxxx.
pub(super) fn phone(rng: &mut Rng) -> String {
    format!("0577-8{:07}", rng.below(10_000_000))
}
