//! Turns a [`Layout`] into a document: title, 文号, dates, validity and a structured body, with
//! one small function per family modelled on the corresponding real 公文 or web-page genre.

use super::agencies::{AGENCIES, PROFILES, Profile};
use super::body::Para;
use super::calendar::{
    TODAY, Ymd, add_days, add_working_days, add_years, cn_date, cn_num, first_of_month_after_next, from_days,
    is_working_day, to_days,
};
use super::layout::{Family, Layout, layout};
use super::phrases::{
    DEGREES, DEMANDS, PROBLEMS, PROJECT_STAGES, PROJECTS, SAFEGUARDS, SCHOOLS, company, five_year_plan, head_of,
    ideology, person, phone,
};
use super::rng::Rng;
use super::subjects::{CITY_RULES, Subject};
use super::themes::{CZ_CZ, Indicator, Measure, THEMES, Theme, ZW_GK};
use super::{DemoAgency, DemoDocument, DemoValidity};

/// A document before rendering: the body is still structured so it can be padded.
pub(super) struct Draft {
    pub doc: DemoDocument,
    pub paras: Vec<Para>,
    /// Where padding paragraphs go (before the closing part), and what they look like.
    pub pad_at: usize,
    pub pad_like: Para,
    pub news: bool,
    /// A 规章: padding must not borrow sentences from other subjects of its theme.
    pub rule: bool,
    pub theme: &'static Theme,
    pub rng: Rng,
}

/// Which 文号 series a document is numbered in.
enum Numbering {
    None,
    /// 温发改〔2019〕12号.
    Regular,
    /// 温发改函〔2019〕12号: 函 and 批复.
    Letter,
    /// 温州市人民政府令第N号.
    Rule(u32),
}

/// What a family function produces.
struct Out {
    title: String,
    numbering: Numbering,
    item: Option<u8>,
    summary: String,
    keywords: Vec<&'static str>,
    validity: Option<DemoValidity>,
    paras: Vec<Para>,
    pad_at: usize,
    pad_like: Para,
    /// Overrides the subject's theme (annual reports and 预决算 are filed under 政务公开).
    topic: Option<&'static str>,
    /// The 文号 an interpretation interprets.
    interprets: Option<String>,
}

impl Out {
    fn new(title: String, numbering: Numbering, item: Option<u8>) -> Out {
        Out {
            title,
            numbering,
            item,
            summary: String::new(),
            keywords: Vec::new(),
            validity: None,
            paras: Vec::new(),
            pad_at: 0,
            pad_like: Para::Text(String::new()),
            interprets: None,
            topic: None,
        }
    }

    fn text(&mut self, s: impl Into<String>) {
        self.paras.push(Para::Text(s.into()));
    }
    fn section(&mut self, s: impl Into<String>) {
        self.paras.push(Para::Section(s.into()));
    }
    fn item(&mut self, s: impl Into<String>) {
        self.paras.push(Para::Item(s.into()));
    }
    fn point(&mut self, s: impl Into<String>) {
        self.paras.push(Para::Point(s.into()));
    }
    fn article(&mut self, s: impl Into<String>) {
        self.paras.push(Para::Article(s.into()));
    }
    fn chapter(&mut self, s: impl Into<String>) {
        self.paras.push(Para::Chapter(s.into()));
    }
    /// Padding goes here (the current end), in the style of `like`.
    fn pad_here(&mut self, like: Para) {
        self.pad_at = self.paras.len();
        self.pad_like = like;
    }
}

struct Ctx {
    seed: u64,
    ai: usize,
    a: &'static DemoAgency,
    p: &'static Profile,
    subj: &'static Subject,
    theme: &'static Theme,
    lay: Layout,
    year: i32,
    /// Template selector; see `layout` for why it makes titles unique.
    variant: usize,
    serial: u32,
    written: Ymd,
    wants_validity: bool,
    rng: Rng,
}

pub(super) fn draft(seed: u64, index: u64) -> Draft {
    let lay = layout(seed, index, AGENCIES.len(), &|i| PROFILES[i].schedule);
    let (a, p) = (&AGENCIES[lay.agency], &PROFILES[lay.agency]);
    let mut rng = Rng::new(seed, index);
    let n = p.subjects.len() as u64;
    let s = (lay.cycle % n) as usize;
    let subj = &p.subjects[s];
    let variant = (lay.cycle / n) as usize + s;
    let serial = match lay.rule_no {
        Some(no) => no,
        None => p.stride * lay.slot as u32 + 1 + rng.below(p.stride as usize) as u32,
    };
    let written = random_workday(&mut rng, lay.year, 1, 12);
    let wants_validity = matches!(lay.family.policy_kind(), "rule" | "normative");
    let mut c = Ctx {
        seed,
        ai: lay.agency,
        a,
        p,
        subj,
        theme: &THEMES[subj.theme],
        lay,
        year: lay.year,
        variant,
        serial,
        written,
        wants_validity,
        rng,
    };
    let out = match lay.family {
        Family::Rule => rule(&mut c),
        Family::NoticeRule => notice_rule(&mut c),
        Family::NoticePlan => notice_plan(&mut c),
        Family::NoticeWork => notice_work(&mut c),
        Family::OpinionRule | Family::OpinionPolicy => opinion(&mut c),
        Family::Decision => decision(&mut c),
        Family::Announcement => announcement(&mut c),
        Family::Circular => circular(&mut c),
        Family::Bulletin => bulletin(&mut c),
        Family::Report => report(&mut c),
        Family::Reply => reply(&mut c),
        Family::Letter => letter(&mut c),
        Family::Minutes => minutes(&mut c),
        Family::News => news(&mut c),
        Family::Interpretation => interpretation(&mut c),
        Family::Publicity => publicity(&mut c),
        Family::Data => data(&mut c),
        Family::Other => other(&mut c),
    };
    finish(c, out)
}

fn finish(mut c: Ctx, out: Out) -> Draft {
    let doc_no = match out.numbering {
        Numbering::None => None,
        Numbering::Regular => Some(format!("{}〔{}〕{}号", c.a.doc_prefix, c.year, c.serial)),
        Numbering::Letter => Some(format!("{}函〔{}〕{}号", c.a.doc_prefix, c.year, c.serial)),
        Numbering::Rule(n) => Some(format!("温州市人民政府令第{n}号")),
    };
    // About one document in twelve is published after the 20 working days 条例 Art. 26 allows,
    // so the demo's timeliness report has something to show (never after the demo's today).
    let delay = if c.rng.chance(8) { c.rng.range(25, 40) } else { c.rng.range(0, 10) };
    let mut published_day = add_working_days(c.written, delay);
    if published_day >= TODAY {
        published_day = add_working_days(c.written, delay.min(10));
    }
    // Office hours: 8:30–11:59 and 14:30–17:29.
    let minute = c.rng.range(0, 3 * 60 + 30 + 3 * 60 - 1);
    let minute_of_day = if minute < 210 { 8 * 60 + 30 + minute } else { 14 * 60 + 30 + minute - 210 };
    let published =
        (published_day.0, published_day.1, published_day.2, (minute_of_day / 60) as u8, (minute_of_day % 60) as u8);
    let mut keywords: Vec<String> = Vec::with_capacity(5);
    for k in out.keywords {
        if keywords.len() < 5 && !k.is_empty() && !keywords.iter().any(|x| x == k) {
            keywords.push(k.to_string());
        }
    }
    let genre = c.lay.family.genre();
    if keywords.len() < 2 {
        keywords.push(genre.to_string());
    }
    let topic = out.topic.unwrap_or(c.theme.topic);
    let doc = DemoDocument {
        agency_code: c.a.code,
        title: out.title,
        doc_no,
        topic,
        genre,
        policy_kind: c.lay.family.policy_kind(),
        statutory_item: out.item,
        written_on: c.written,
        published,
        summary: fit_summary(&out.summary),
        keywords,
        body: Vec::new(),
        validity: out.validity,
        interprets: out.interprets,
    };
    Draft {
        doc,
        paras: out.paras,
        pad_at: out.pad_at,
        pad_like: out.pad_like,
        news: c.lay.family == Family::News,
        rule: c.lay.family == Family::Rule,
        theme: c.theme,
        rng: c.rng,
    }
}

/// A random working day of `year` between the given months; 2026 stops in mid-November so
/// that publication (up to ten working days later) stays before the demo's "today".
fn random_workday(rng: &mut Rng, year: i32, month_lo: u8, month_hi: u8) -> Ymd {
    let first = to_days((year, month_lo, 1));
    let month_end = if month_hi == 12 { (year, 12, 31) } else { add_days((year, month_hi + 1, 1), -1) };
    let end = if year == TODAY.0 { month_end.min((TODAY.0, 11, 13)) } else { month_end };
    let last = to_days(end).max(first + 6);
    let mut d = from_days(first + rng.below((last - first + 1) as usize) as i64);
    // Move to the next working day, or back to the previous one at the end of the window.
    while !is_working_day(d) && to_days(d) < last {
        d = add_days(d, 1);
    }
    while !is_working_day(d) {
        d = add_days(d, -1);
    }
    d
}

/// Keeps 内容概述 within 120 characters, cutting at a clause boundary.
fn fit_summary(s: &str) -> String {
    const MAX: usize = 120;
    if s.chars().count() <= MAX {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().take(MAX - 1).collect();
    let cut = chars.iter().rposition(|&c| c == '，' || c == '；' || c == '。').unwrap_or(MAX - 1);
    let mut out: String = chars[..cut].iter().collect();
    out.push('。');
    out
}

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------

impl Ctx {
    fn t(&self, n: usize) -> usize {
        self.variant % n
    }
    fn is_city_gov(&self) -> bool {
        self.a.kind == "government"
    }
    fn is_office(&self) -> bool {
        self.ai == 1
    }
    fn is_district(&self) -> bool {
        self.a.kind == "district"
    }
    fn date(&self) -> String {
        cn_date(self.written)
    }
    /// 本市 / 本区.
    fn here(&self) -> String {
        self.p.we.replace('我', "本")
    }
    /// 我局 / 我委 / 我办, or the government's own name.
    fn us(&self) -> &'static str {
        if self.is_office() {
            "我办"
        } else if self.a.name.ends_with("委员会") {
            "我委"
        } else if self.a.name.ends_with('局') {
            "我局"
        } else {
            self.p.gov
        }
    }
    fn head(&self) -> String {
        head_of(self.seed, self.ai, self.year)
    }
    fn doc_no_here(&self) -> String {
        format!("{}〔{}〕{}号", self.a.doc_prefix, self.year, self.serial)
    }
    fn purpose(&mut self) -> &'static str {
        self.rng.pick(self.theme.purposes)
    }
    fn situation(&mut self) -> &'static str {
        self.rng.pick(self.theme.situations)
    }
    fn basis(&mut self) -> &'static str {
        self.rng.pick(self.theme.basis)
    }
    fn measures(&mut self, n: usize) -> Vec<&'static Measure> {
        self.rng.pick_distinct(self.theme.measures, n)
    }
    fn place_below(&mut self) -> &'static str {
        self.rng.pick(self.p.places)
    }
    /// A unit below this agency (瑞安市民政局, 五马街道办事处) for lists of 先进集体 etc.
    fn unit_below(&mut self) -> String {
        let place = self.place_below();
        unit_name(self, place)
    }
    fn units_below(&mut self, n: usize) -> Vec<String> {
        let places = self.rng.pick_distinct(self.p.places, n);
        places.into_iter().map(|p| unit_name(self, p)).collect()
    }
    fn sign(&self, out: &mut Out) {
        out.text(self.a.name);
        out.text(self.date());
    }
    /// "到2021年，…，…，…。".
    fn targets(&mut self, years_ahead: i32) -> String {
        let ts = self.rng.pick_distinct(self.theme.targets, 3);
        let joined: Vec<&str> = ts.into_iter().copied().collect();
        format!("到{}年，{}。", self.year + years_ahead, joined.join("，"))
    }
    fn overall(&mut self, years_ahead: i32) -> String {
        let p1 = self.purpose();
        let targets = self.targets(years_ahead);
        format!(
            "{}，认真落实上级关于{}工作的决策部署，坚持以人民为中心的发展思想，坚持问题导向和目标导向，{}。{}",
            ideology(self.written),
            self.subj.name,
            p1,
            targets
        )
    }
    /// Indicator sentence: "全市城镇新增就业12.35万人，同比增长1.2%".
    fn indicator(&mut self, ind: &Indicator, fraction: f64) -> String {
        indicator_text(&mut self.rng, ind, self.year, fraction, self.p.scale, self.p.scope)
    }
    fn keywords(&mut self, extra: &'static str) -> Vec<&'static str> {
        let mut k = vec![self.subj.name];
        for w in self.rng.pick_distinct(self.theme.keywords, 2) {
            k.push(w);
        }
        k.push(extra);
        k
    }

    /// A policy carries 施行日期 and 有效期 with the given likelihood (plans and guiding
    /// opinions usually do, work notices rarely): overall about half of all policies.
    fn policy_validity(&mut self, title: &str, percent: u32) -> Option<DemoValidity> {
        self.wants_validity = self.rng.chance(percent);
        self.validity(title, true)
    }

    /// 施行日期, 有效期 and status for documents that carry them; `None` if this one does not.
    fn validity(&mut self, title: &str, expires: bool) -> Option<DemoValidity> {
        if !self.wants_validity {
            return None;
        }
        let effective_on =
            if self.rng.chance(70) { add_days(self.written, 30) } else { first_of_month_after_next(self.written) };
        let years = if title.contains("暂行") || title.contains("试行") { 2 } else { 5 };
        let expires_on = expires.then(|| add_years(effective_on, years));
        let status = if effective_on > TODAY {
            "尚未生效"
        } else if expires_on.is_some_and(|e| e < TODAY) {
            if self.rng.chance(85) { "失效" } else { "废止" }
        } else {
            match self.rng.below(100) {
                0..=79 => "有效",
                80..=91 => "已修改",
                _ => "废止",
            }
        };
        Some(DemoValidity { status, effective_on, expires_on })
    }
}

fn validity_sentence(v: &DemoValidity, word: &str) -> String {
    match v.expires_on {
        Some(e) => format!("{word}自{}起施行，有效期至{}。", cn_date(v.effective_on), cn_date(e)),
        None => format!("{word}自{}起施行。", cn_date(v.effective_on)),
    }
}

fn unit_name(c: &Ctx, place: &str) -> String {
    if c.is_district() {
        if place.ends_with("街道") { format!("{place}办事处") } else { format!("{place}人民政府") }
    } else if c.is_city_gov() || c.is_office() {
        format!("{place}人民政府")
    } else {
        format!("{place}{}", c.p.counterpart)
    }
}

/// 你市 / 你区 / 你县 / 你街道 / 你镇 / 你局, the way a 批复 addresses the requesting body.
fn you(unit: &str) -> &'static str {
    if unit.ends_with("办事处") {
        "你街道"
    } else if unit.ends_with("镇人民政府") {
        "你镇"
    } else if unit.ends_with("县人民政府") {
        "你县"
    } else if unit.ends_with("区人民政府") {
        "你区"
    } else if unit.ends_with("市人民政府") {
        "你市"
    } else {
        "你局"
    }
}

fn indicator_text(rng: &mut Rng, ind: &Indicator, year: i32, fraction: f64, scale: f64, scope: &str) -> String {
    let t = (year - 2015) as f64;
    let noise = 0.97 + 0.06 * rng.unit();
    if ind.unit == "%" {
        let v = (ind.base + ind.base * ind.growth * t * noise).min(99.8);
        let d = (rng.unit() * 2.0 - 0.8) * 1.5;
        let dir = if d >= 0.0 { "提高" } else { "下降" };
        return format!("{scope}{}为{:.1}%，比上年{dir}{:.1}个百分点", ind.name, v, d.abs().max(0.1));
    }
    let level = ind.base * (1.0 + ind.growth).powf(t) * noise;
    let unit_scaled = !ind.unit.starts_with('元') && ind.name != "每千人口执业医师数";
    let level = if unit_scaled { level * scale } else { level };
    let v = if ind.flow { level * fraction } else { level };
    let g = ind.growth * 100.0 + (rng.unit() * 4.0 - 2.0);
    let dir = if g >= 0.0 { "增长" } else { "下降" };
    format!("{scope}{}{}{}，同比{dir}{:.1}%", ind.name, number(v, ind.unit), ind.unit, g.abs())
}

fn number(v: f64, unit: &str) -> String {
    const COUNTED: [&str; 20] = [
        "所", "个", "座", "条", "项", "家", "件", "次", "场", "人", "起", "张", "套", "台", "种", "批次", "件次",
        "人次", "篇", "户",
    ];
    if COUNTED.contains(&unit) && v >= 10.0 {
        format!("{}", v.round() as i64)
    } else if unit.contains('亿') || v < 10.0 {
        format!("{v:.2}")
    } else if v < 100.0 || unit.starts_with('万') {
        format!("{v:.1}")
    } else {
        format!("{}", v.round() as i64)
    }
}

/// 本办法 / 本方案 … from the name of a document, ignoring a final （…） such as （试行）.
fn doc_word(name: &str) -> &'static str {
    let core = match name.rfind('（') {
        Some(i) if name.ends_with('）') => &name[..i],
        _ => name,
    };
    const WORDS: [(&str, &str); 12] = [
        ("预案", "本预案"),
        ("规划", "本规划"),
        ("计划", "本计划"),
        ("要点", "本要点"),
        ("细则", "本细则"),
        ("规定", "本规定"),
        ("规则", "本规则"),
        ("规程", "本规程"),
        ("规范", "本规范"),
        ("办法", "本办法"),
        ("标准", "本标准"),
        ("意见", "本意见"),
    ];
    WORDS.iter().find(|(suffix, _)| core.ends_with(suffix)).map_or("本方案", |(_, w)| w)
}

/// 暂行 variant of a normative document's name: …暂行办法, …暂行规定, otherwise …（暂行）.
fn provisional(name: &str) -> String {
    for kind in ["办法", "规定"] {
        if let Some(stem) = name.strip_suffix(kind) {
            return format!("{stem}暂行{kind}");
        }
    }
    format!("{name}（暂行）")
}

fn measure_item(m: &Measure) -> String {
    format!("{}。{}", m.heading, m.points.concat())
}

/// Main tasks as items, one of them broken into numbered points.
fn push_tasks(c: &mut Ctx, out: &mut Out, n: usize) {
    let ms = c.measures(n);
    let split = c.rng.below(ms.len());
    for (i, m) in ms.iter().enumerate() {
        if i == split && m.points.len() > 1 {
            out.item(format!("{}。", m.heading));
            for p in m.points {
                out.point(*p);
            }
        } else {
            out.item(measure_item(m));
        }
    }
    out.pad_here(Para::Item(String::new()));
}

fn push_safeguards(c: &mut Ctx, out: &mut Out, n: usize) {
    for (h, t) in c.rng.pick_distinct(&SAFEGUARDS, n) {
        out.item(format!("{h}。{t}"));
    }
}

fn contact(c: &mut Ctx) -> String {
    let name = person(&mut c.rng);
    format!("联系人：{}，联系电话：{}。", name, phone(&mut c.rng))
}

/// Session of the municipal people's congress or CPPCC in a year: (届, 次).
fn session(year: i32, cppcc: bool) -> (String, String) {
    let (term, first) = match year {
        ..=2016 => (12, 2012),
        2017..=2021 => (13, 2017),
        _ => (14, 2022),
    };
    let term = if cppcc { term - 1 } else { term };
    (cn_num(term), cn_num((year - first + 1) as u32))
}

// ---------------------------------------------------------------------------------------------
// 规章 and 行政规范性文件
// ---------------------------------------------------------------------------------------------

/// 规章: 温州市人民政府令 with the mayor's signature, then chapters and articles: 总则, the
/// rule's own substantive articles, 监督管理, 法律责任, 附则.
fn rule(c: &mut Ctx) -> Out {
    let no = c.lay.rule_no.unwrap_or(1);
    let q = (no - 1) as usize;
    let r = &CITY_RULES[q % CITY_RULES.len()];
    c.theme = &THEMES[r.theme];
    let title =
        if q < CITY_RULES.len() { r.title.to_string() } else { format!("{}（{}年修订）", r.title, c.year) };
    let mut out = Out::new(title.clone(), Numbering::Rule(no), Some(1));
    out.topic = Some(c.theme.topic);
    out.validity = c.validity(&title, false);
    let meeting_day = add_days(c.written, -(c.rng.range(3, 12) as i64));
    let eff = out.validity.map_or(c.written, |v| v.effective_on);
    let word = if r.title.ends_with("规定") { "本规定" } else { "本办法" };
    out.text("温州市人民政府令");
    out.text(format!("第{no}号"));
    out.text(format!(
        "《{title}》已经{}市人民政府第{}次常务会议审议通过，现予公布，自{}起施行。",
        cn_date(meeting_day),
        c.rng.range(2, 90),
        cn_date(eff)
    ));
    out.text(format!("市长　{}", head_of(c.seed, 0, c.year)));
    out.text(c.date());
    out.text(title.clone());
    let purpose = c.purpose();
    let subject = r.title.trim_start_matches("温州市").trim_end_matches("办法").trim_end_matches("规定");
    let subject = subject.trim_end_matches("管理");
    out.chapter("总则");
    out.article(format!(
        "为了加强{subject}管理，{purpose}，根据{}等有关法律、法规，结合本市实际，制定{word}。",
        r.basis
    ));
    out.article(format!("本市行政区域内{subject}及其相关管理活动，适用{word}。法律、法规另有规定的，从其规定。"));
    out.article(format!(
        "市和县（市、区）人民政府应当加强对{subject}工作的领导，将其纳入国民经济和社会发展规划，所需经费列入本级财政预算。乡镇人民政府、街道办事处应当做好本辖区内的相关工作。"
    ));
    out.article("发展改革、财政、自然资源和规划、住房和城乡建设、市场监管等部门按照各自职责，做好相关管理工作。");
    out.chapter(c.rng.pick(&["管理要求", "一般规定", "规划与建设", "管理与服务"]));
    for a in r.articles {
        out.article(*a);
    }
    out.pad_here(Para::Article(String::new()));
    out.chapter("监督管理");
    out.article("有关主管部门应当加强监督检查，建立健全投诉举报制度，公开投诉举报方式，及时依法处理投诉举报。");
    out.article(format!("有关主管部门应当将违反{word}规定的行为依法纳入公共信用信息管理。"));
    out.chapter("法律责任");
    let (lo, hi) = c.rng.pick(&[(500, 5000), (1000, 10000), (2000, 20000), (5000, 50000)]);
    out.article(format!(
        "违反{word}规定，有关单位或者个人未履行相应义务的，由有关主管部门责令限期改正；逾期不改正的，处{lo}元以上{hi}元以下罚款。"
    ));
    out.article(
        "国家机关及其工作人员在管理工作中滥用职权、玩忽职守、徇私舞弊的，由有权机关对直接负责的主管人员和其他直接责任人员依法给予处分；构成犯罪的，依法追究刑事责任。",
    );
    out.chapter("附则");
    out.article(format!("{word}自{}起施行。", cn_date(eff)));
    out.summary =
        format!("《{title}》经市人民政府常务会议审议通过，以温州市人民政府令第{no}号公布，自{}起施行。", cn_date(eff));
    out.keywords = vec![subject, "政府规章", "政府令"];
    out
}

/// 通知 issuing a normative document (办法/规定/细则) as numbered articles.
fn notice_rule(c: &mut Ctx) -> Out {
    let base = format!("{}{}", c.p.place, c.subj.rule);
    let t = c.t(4);
    let doc = match t {
        1 => format!("{base}（试行）"),
        2 => provisional(&base),
        _ => base,
    };
    let title = if t == 3 {
        format!("{}关于印发修订后的{}的通知", c.a.name, doc)
    } else {
        format!("{}关于印发{}的通知", c.a.name, doc)
    };
    let mut out = Out::new(title.clone(), Numbering::Regular, Some(1));
    out.validity = c.validity(&title, true);
    let word = doc_word(&doc);
    let revised = if t == 3 { "修订后的" } else { "" };
    out.text(c.p.salutation);
    let issue = if c.is_city_gov() || c.is_district() {
        format!(
            "{revised}《{doc}》已经{}第{}次常务会议审议通过，现印发给你们，请认真遵照执行。",
            c.p.gov,
            c.rng.range(2, 80)
        )
    } else if c.is_office() {
        format!("{revised}《{doc}》已经市政府同意，现印发给你们，请认真遵照执行。")
    } else {
        format!("现将{revised}《{doc}》印发给你们，请认真遵照执行。")
    };
    out.text(issue);
    c.sign(&mut out);
    out.text("（此件公开发布）");
    out.text(doc.clone());
    let (p1, b1, b2) = (c.purpose(), c.theme.basis[0], c.theme.basis[c.theme.basis.len() - 1]);
    let here = c.here();
    out.article(format!("为了{p1}，根据{b1}{b2}等有关法律、法规和规定，结合{here}实际，制定{word}。"));
    out.article(format!("{here}行政区域内{}相关工作的开展及其监督管理，适用{word}。", c.subj.name));
    let lead = if c.is_city_gov() { "市人民政府" } else { c.a.name };
    let below = if c.is_district() {
        "各乡镇人民政府、街道办事处负责本辖区内的相关工作"
    } else {
        "各县（市、区）人民政府负责本行政区域内的相关工作"
    };
    out.article(format!(
        "{lead}负责{}{}工作的统筹协调和监督管理。{below}。发展改革、财政、人力社保等有关部门按照各自职责，做好相关工作。",
        c.p.scope, c.subj.name
    ));
    for m in c.measures(4) {
        out.article(m.points.concat());
    }
    out.pad_here(Para::Article(String::new()));
    out.article(format!(
        "对违反{word}规定的行为，由有关部门依照相关法律、法规的规定予以处理；构成犯罪的，依法追究刑事责任。"
    ));
    out.article(format!("{word}由{}负责解释。", if c.is_city_gov() { "市司法局" } else { c.a.short_name }));
    let mut closing = out.validity.map_or_else(|| format!("{word}自印发之日起施行。"), |v| validity_sentence(&v, word));
    if t == 3 {
        let old_year = (c.year - 1 - c.rng.range(1, 4) as i32).max(2010);
        closing.push_str(&format!(
            "《{}关于印发{}{}的通知》（{}〔{}〕{}号）同时废止。",
            c.a.name,
            c.p.place,
            c.subj.rule,
            c.a.doc_prefix,
            old_year,
            c.rng.range(3, 60)
        ));
    }
    out.article(closing);
    out.summary = format!(
        "{}印发《{doc}》，明确{}的适用范围、职责分工和管理要求，{}",
        c.a.short_name,
        c.subj.name,
        out.validity
            .map_or(String::from("自印发之日起施行。"), |v| format!("自{}起施行。", cn_date(v.effective_on)))
    );
    out.keywords = c.keywords("规范性文件");
    out
}

/// 实施意见 (normative) or 指导意见 (policy).
fn opinion(c: &mut Ctx) -> Out {
    let normative = c.lay.family == Family::OpinionRule;
    let kind = if normative {
        ["实施意见", "若干意见", "意见"][c.t(3)]
    } else {
        ["指导意见", "工作意见"][c.t(2)]
    };
    let title = if !normative && kind == "工作意见" {
        format!("{}关于{}年{}工作的指导意见", c.a.name, c.year, c.subj.name)
    } else {
        format!("{}关于{}的{}", c.a.name, c.subj.work, kind)
    };
    let item = if normative { Some(1) } else { c.theme.item };
    let mut out = Out::new(title.clone(), Numbering::Regular, item);
    out.validity = if normative { c.validity(&title, true) } else { c.policy_validity(&title, 80) };
    out.text(c.p.salutation);
    let p1 = c.purpose();
    let via = if c.is_office() {
        "经市政府同意，".to_string()
    } else if c.is_city_gov() || c.is_district() {
        String::new()
    } else {
        format!("根据{}等有关规定，", c.basis())
    };
    let situation = c.situation();
    out.text(format!("{situation}为{p1}，{via}现就{}提出如下意见：", c.subj.work));
    out.section("总体要求");
    let overall = c.overall(3);
    out.text(overall);
    out.section("重点任务");
    push_tasks(c, &mut out, 5);
    out.section("保障措施");
    push_safeguards(c, &mut out, 3);
    if let Some(v) = out.validity {
        out.text(validity_sentence(&v, "本意见"));
    }
    c.sign(&mut out);
    out.summary =
        format!("为{p1}，{}就{}提出{}，明确总体要求、重点任务和保障措施。", c.a.short_name, c.subj.work, kind);
    out.keywords = c.keywords(if normative { "规范性文件" } else { "意见" });
    out
}

// ---------------------------------------------------------------------------------------------
// 通知
// ---------------------------------------------------------------------------------------------

/// 通知 issuing a 方案/计划/要点/规划 (the founding document of the platform is one of these).
fn notice_plan(c: &mut Ctx) -> Out {
    let (place, name, y) = (c.p.place, c.subj.name, c.year);
    let doc = match c.t(4) {
        0 => format!("{place}{}", c.subj.plan),
        1 => format!("{place}{y}年{name}工作要点"),
        2 if matches!(y, 2015 | 2016 | 2020 | 2021 | 2025 | 2026) => {
            format!("{place}{name}{}规划", five_year_plan(y))
        }
        2 => format!("{place}{name}三年行动计划（{}—{}年）", y, y + 2),
        _ => format!("{place}{y}年{name}工作计划"),
    };
    let title = format!("{}关于印发{}的通知", c.a.name, doc);
    let item = if doc.contains("规划") { Some(3) } else { c.theme.item };
    let mut out = Out::new(title.clone(), Numbering::Regular, item);
    out.validity = c.policy_validity(&title, 80);
    let word = doc_word(&doc);
    out.text(c.p.salutation);
    let issue = if c.is_office() {
        format!("《{doc}》已经市政府同意，现印发给你们，请认真贯彻执行。")
    } else if c.is_district() || (c.is_city_gov() && c.rng.chance(50)) {
        format!("《{doc}》已经{}第{}次常务会议研究同意，现印发给你们，请认真组织实施。", c.p.gov, c.rng.range(2, 80))
    } else if c.is_city_gov() {
        format!("现将《{doc}》印发给你们，请认真贯彻执行。")
    } else {
        format!("现将《{doc}》印发给你们，请结合实际，认真抓好贯彻落实。")
    };
    out.text(issue);
    c.sign(&mut out);
    out.text("（此件公开发布）");
    out.text(doc.clone());
    let p1 = c.purpose();
    let b = c.basis();
    out.text(format!(
        "为认真贯彻落实上级关于{name}工作的决策部署，{p1}，根据{b}等有关规定，结合{}实际，制定{word}。",
        c.p.we
    ));
    if word == "本预案" {
        contingency_plan(c, &mut out);
    } else {
        out.section("总体要求");
        let overall = c.overall(if doc.contains("规划") { 5 } else { 2 });
        out.text(overall);
        out.section("主要任务");
        push_tasks(c, &mut out, 5);
        out.section("保障措施");
        push_safeguards(c, &mut out, 3);
    }
    if let Some(v) = out.validity {
        out.text(validity_sentence(&v, word));
    }
    let ms = c.measures(2);
    out.summary = format!(
        "{}印发《{doc}》，围绕{}、{}等方面部署重点任务，并提出保障措施。",
        c.a.short_name, ms[0].heading, ms[1].heading
    );
    out.keywords = c.keywords(if word == "本规划" { "规划" } else { "方案" });
    out
}

/// The usual skeleton of an 应急预案: 总则, 组织体系, 监测预警, 应急响应, 后期处置, 保障.
fn contingency_plan(c: &mut Ctx, out: &mut Out) {
    out.section("总则");
    let (p, b) = (c.purpose(), c.basis());
    out.item(format!("编制目的。{p}，保障人民群众生命财产安全，维护社会稳定。"));
    out.item(format!("编制依据。{b}等有关法律、法规和规定。"));
    out.item(format!("适用范围。本预案适用于{}行政区域内{}相关突发事件的预防和应急处置工作。", c.here(), c.subj.name));
    out.item(
        "工作原则。坚持人民至上、生命至上，坚持统一领导、分级负责，坚持预防为主、平战结合，坚持快速反应、协同应对。",
    );
    out.section("组织指挥体系");
    out.text(format!(
        "{}设立应急指挥部，由{}分管负责同志任总指挥，有关部门负责同志为成员，负责统一领导、组织、协调{}应急处置工作。指挥部办公室设在{}，承担日常工作。",
        c.p.gov, c.p.gov, c.p.scope, c.a.short_name
    ));
    out.section("监测预警");
    for m in c.measures(2) {
        out.item(measure_item(m));
    }
    out.pad_here(Para::Item(String::new()));
    out.section("应急响应");
    out.text("按照突发事件的严重程度、可控性和影响范围，应急响应由高到低分为一级、二级、三级、四级。事发后，指挥部根据事件等级及时启动相应级别的应急响应，组织有关部门和单位开展先期处置、人员转移、医疗救治、交通管制和信息发布等工作。");
    out.section("后期处置");
    out.text("应急处置结束后，事发地人民政府应当及时组织开展善后处置、损失评估和恢复重建工作，并对事件的起因、性质、影响和责任等进行调查评估，总结经验教训。");
    out.section("应急保障");
    push_safeguards(c, out, 2);
}

/// 通知 arranging work: 做好…工作, 开展…专项检查, 报送…情况.
fn notice_work(c: &mut Ctx) -> Out {
    let (name, y) = (c.subj.name, c.year);
    let t = c.t(4);
    let phrase = match t {
        0 => format!("做好{y}年{name}工作"),
        1 => format!("开展{y}年{name}专项检查"),
        2 => c.subj.work.to_string(),
        _ => format!("报送{y}年度{name}工作情况"),
    };
    let title = format!("{}关于{}的通知", c.a.name, phrase);
    let mut out = Out::new(title.clone(), Numbering::Regular, c.theme.item);
    // Only the standing 进一步加强… notices are policies with a term; 报送 and 检查 notices are not.
    out.validity = if t == 2 { c.policy_validity(&title, 100) } else { None };
    out.text(c.p.salutation);
    let (p1, b) = (c.purpose(), c.basis());
    out.text(format!("为{p1}，根据{b}和上级有关工作要求，现就{phrase}有关事项通知如下："));
    let deadline = add_days(c.written, c.rng.range(14, 45) as i64);
    match t {
        1 => {
            out.section("检查范围");
            out.text(if c.is_district() {
                "各乡镇人民政府、街道办事处，区（市）级有关单位。".to_string()
            } else {
                format!(
                    "各县（市、区）及{}直属各单位。",
                    if c.is_city_gov() || c.is_office() { "市政府" } else { c.a.short_name }
                )
            });
            out.section("检查内容");
            for m in c.measures(3) {
                out.item(format!("{}情况。{}", m.heading, m.points[0]));
            }
            out.pad_here(Para::Item(String::new()));
            out.section("方法步骤");
            out.item(format!("自查自纠（{}前）。各单位对照检查内容开展自查，形成自查报告。", cn_date(deadline)));
            out.item(format!(
                "重点抽查。{}组成检查组，采取听取汇报、查阅资料、实地察看等方式进行抽查。",
                c.a.short_name
            ));
            out.item("总结提升。对检查发现的问题建立清单，督促限期整改，并通报检查结果。");
            out.section("工作要求");
            for d in c.rng.pick_distinct(&DEMANDS, 2) {
                out.text(*d);
            }
        }
        3 => {
            out.section("报送内容");
            out.point(format!("{y}年度{name}工作开展情况及主要成效。"));
            out.point("工作中的经验做法和典型案例。");
            out.point("存在的问题及原因分析。");
            out.point(format!("{}年工作思路和主要举措。", y + 1));
            out.pad_here(Para::Point(String::new()));
            out.section("报送要求");
            out.text(format!(
                "请各单位于{}前将书面材料（加盖单位公章）报送{}，电子文档同步发送。材料力求简明扼要，字数控制在3000字以内。",
                cn_date(deadline),
                if c.is_city_gov() { "市政府办公室" } else { c.a.short_name }
            ));
        }
        _ => {
            out.section("充分认识重要意义");
            let s = c.situation();
            out.text(format!("{s}各地各部门要充分认识做好{name}工作的重要性和紧迫性，切实增强责任感和使命感。"));
            out.section("突出工作重点");
            push_tasks(c, &mut out, 3);
            out.section("强化工作保障");
            push_safeguards(c, &mut out, 2);
        }
    }
    if let Some(v) = out.validity {
        out.text(validity_sentence(&v, "本通知"));
    }
    out.text(contact(c));
    c.sign(&mut out);
    out.summary = format!("为{p1}，{}就{phrase}有关事项作出部署，明确工作重点和工作要求。", c.a.short_name);
    out.keywords = c.keywords("通知");
    out
}

// ---------------------------------------------------------------------------------------------
// Other 公文
// ---------------------------------------------------------------------------------------------

fn decision(c: &mut Ctx) -> Out {
    let (name, y, place) = (c.subj.name, c.year, c.p.place);
    let t = c.t(3);
    let title = match t {
        0 => format!("{}关于表彰{y}年度{name}工作先进集体和先进个人的决定", c.a.name),
        1 => format!("{}关于命名第{}批{place}{name}示范单位的决定", c.a.name, cn_num(c.lay.slot as u32 + 1)),
        _ => format!("{}关于废止和修改部分{name}方面规范性文件的决定", c.a.name),
    };
    let mut out = Out::new(title, Numbering::Regular, if t == 2 { Some(1) } else { c.theme.item });
    out.text(c.p.salutation);
    let p1 = c.purpose();
    match t {
        0 | 1 => {
            let units = c.units_below(5);
            let (n, m) = (c.rng.range(12, 40), c.rng.range(20, 60));
            let ms = c.measures(2);
            if t == 0 {
                let people: Vec<String> = (0..3).map(|_| person(&mut c.rng)).collect();
                out.text(format!(
                    "{y}年以来，{}各地各部门认真贯彻落实上级决策部署，{}、{}，{name}工作取得明显成效，涌现出一批成绩突出的先进集体和先进个人。为表彰先进、树立典型，{}决定，授予{}等{n}个单位“{y}年度{name}工作先进集体”称号，授予{}等{m}名同志“{y}年度{name}工作先进个人”称号。",
                    c.p.scope,
                    ms[0].heading,
                    ms[1].heading,
                    c.a.short_name,
                    units[..3].join("、"),
                    people.join("、")
                ));
                out.text(format!(
                    "希望受到表彰的先进集体和先进个人珍惜荣誉、再接再厉，在今后的工作中取得更大成绩。各地各部门要以先进为榜样，凝心聚力、真抓实干，为{p1}作出新的更大贡献。"
                ));
                out.text(format!("附件：{y}年度{name}工作先进集体和先进个人名单"));
                c.sign(&mut out);
                out.text(format!("{y}年度{name}工作先进集体和先进个人名单"));
                out.section(format!("先进集体（{n}个）"));
                for u in &units {
                    out.text(u.clone());
                }
                out.pad_here(Para::Text(String::new()));
                out.section(format!("先进个人（{m}名）"));
                for who in people {
                    let u = c.unit_below();
                    out.text(format!(
                        "{who}　{u}{}",
                        c.rng.pick(&["科长", "副科长", "主任科员", "工作人员", "副主任"])
                    ));
                }
            } else {
                out.text(format!(
                    "为{p1}，发挥示范引领作用，{}组织开展了第{}批{place}{name}示范单位创建工作。经单位申报、县级推荐、实地考察、综合评审和社会公示等程序，决定命名{}等{n}个单位为第{}批{place}{name}示范单位。",
                    c.a.short_name,
                    cn_num(c.lay.slot as u32 + 1),
                    units[..3].join("、"),
                    cn_num(c.lay.slot as u32 + 1)
                ));
                out.text(format!(
                    "希望被命名单位珍惜荣誉，{}，持续巩固提升创建成果。各地各部门要认真学习借鉴示范单位的经验做法，推动{name}工作整体水平不断提高。",
                    ms[0].heading
                ));
                out.pad_here(Para::Text(String::new()));
                out.text("附件：示范单位名单");
                c.sign(&mut out);
            }
        }
        _ => {
            let b = c.basis();
            let (n, m) = (c.rng.range(2, 6), c.rng.range(1, 4));
            out.text(format!(
                "为维护法制统一，{p1}，根据{b}和行政规范性文件管理有关规定，{}对以{}名义印发的{name}方面行政规范性文件进行了全面清理。经清理，决定废止{}件、修改{}件行政规范性文件。",
                c.a.short_name,
                c.a.short_name,
                cn_num(n),
                cn_num(m)
            ));
            out.section("决定废止的行政规范性文件");
            for i in 0..n {
                let other = &c.p.subjects[(c.variant + i as usize + 1) % c.p.subjects.len()];
                let y0 = c.year - 2 - c.rng.range(0, 6) as i32;
                out.point(format!(
                    "《{}关于印发{}{}的通知》（{}〔{}〕{}号）",
                    c.a.name,
                    place,
                    other.rule,
                    c.a.doc_prefix,
                    y0,
                    c.rng.range(3, 90)
                ));
            }
            out.pad_here(Para::Point(String::new()));
            out.section("决定修改的行政规范性文件");
            for i in 0..m {
                let other = &c.p.subjects[(c.variant + n as usize + i as usize + 1) % c.p.subjects.len()];
                let y0 = c.year - 1 - c.rng.range(0, 6) as i32;
                out.point(format!(
                    "《{place}{}》（{}〔{}〕{}号），将第{}条中的有关内容修改为与现行法律、法规相一致的表述。",
                    other.rule,
                    c.a.doc_prefix,
                    y0,
                    c.rng.range(3, 90),
                    cn_num(c.rng.range(3, 15))
                ));
            }
            out.text("本决定自公布之日起施行。");
            c.sign(&mut out);
        }
    }
    out.summary = match t {
        0 => format!("{}决定对{y}年度{name}工作中成绩突出的先进集体和先进个人予以表彰。", c.a.short_name),
        1 => format!("{}决定命名一批{name}示范单位，发挥示范引领作用。", c.a.short_name),
        _ => format!("{}对{name}方面的行政规范性文件进行清理，决定废止和修改部分文件。", c.a.short_name),
    };
    out.keywords = c.keywords("决定");
    out
}

fn announcement(c: &mut Ctx) -> Out {
    let (name, y, place) = (c.subj.name, c.year, c.p.place);
    let t = c.t(3);
    let title = match t {
        0 => format!("{}关于公开征求《{place}{}（征求意见稿）》意见的公告", c.a.name, c.subj.rule),
        1 => format!("{}关于{y}年{name}有关事项的公告", c.a.name),
        _ => format!("{}关于公布{place}{name}事项清单的公告", c.a.name),
    };
    let mut out = Out::new(title.clone(), Numbering::Regular, if t == 0 { Some(1) } else { c.theme.item });
    out.validity = if t == 0 { None } else { c.policy_validity(&title, 80) };
    let p1 = c.purpose();
    match t {
        0 => {
            let deadline = add_days(c.written, 30);
            out.text(format!(
                "为{p1}，提高行政规范性文件制定的科学化、民主化水平，{}起草了《{place}{}（征求意见稿）》，现向社会公开征求意见。有关单位和个人可在{}前，通过以下途径和方式提出意见建议：",
                c.a.short_name,
                c.subj.rule,
                cn_date(deadline)
            ));
            out.item(format!(
                "通过信函方式将意见寄至{}，邮政编码：325000，并在信封上注明“征求意见”字样。",
                c.a.address
            ));
            out.item(format!("通过传真方式发送至{}。", phone(&mut c.rng)));
            out.item("登录政府门户网站“政民互动”栏目，在意见征集专栏中提出意见。");
            out.pad_here(Para::Item(String::new()));
        }
        1 => {
            let b = c.basis();
            out.text(format!("为{p1}，根据{b}等有关规定，现将{y}年{name}有关事项公告如下："));
            for m in c.measures(3) {
                out.section(m.points.concat());
            }
            out.pad_here(Para::Section(String::new()));
        }
        _ => {
            out.text(format!(
                "为深化放管服改革，{p1}，{}对{name}相关事项进行了全面梳理，编制了《{place}{name}事项清单》，现予以公布。",
                c.a.short_name
            ));
            out.text("清单实行动态调整。法律、法规、规章和上级政策发生变化的，将及时予以调整并向社会公布。公民、法人和其他组织可通过政府门户网站查询清单内容。");
            out.pad_here(Para::Text(String::new()));
        }
    }
    if let Some(v) = out.validity {
        out.text(validity_sentence(&v, "本公告"));
    }
    out.text("特此公告。");
    if t == 2 {
        out.text(format!("附件：{place}{name}事项清单"));
    }
    c.sign(&mut out);
    out.summary = match t {
        0 => format!("{}就《{place}{}（征求意见稿）》公开征求社会各界意见。", c.a.short_name, c.subj.rule),
        1 => format!("{}公告{y}年{name}有关事项。", c.a.short_name),
        _ => format!("{}公布{place}{name}事项清单，清单实行动态调整。", c.a.short_name),
    };
    out.keywords = c.keywords("公告");
    out
}

fn circular(c: &mut Ctx) -> Out {
    let (name, y) = (c.subj.name, c.year);
    let title = match c.t(3) {
        0 => format!("{}关于开展{y}年{name}工作的通告", c.a.name),
        1 => format!("{}关于{y}年{name}有关事项的通告", c.a.name),
        _ => format!("{}关于进一步规范{name}有关工作的通告", c.a.name),
    };
    let mut out = Out::new(title.clone(), Numbering::Regular, c.theme.item);
    out.validity = c.policy_validity(&title, 80);
    let (p1, b) = (c.purpose(), c.basis());
    out.text(format!("为{p1}，根据{b}等有关规定，现就有关事项通告如下："));
    for m in c.measures(3) {
        out.section(m.points.concat());
    }
    out.pad_here(Para::Section(String::new()));
    out.section(format!("对违反本通告规定的行为，由{}依法予以处理。", c.a.short_name));
    out.section(match out.validity {
        Some(v) => validity_sentence(&v, "本通告"),
        None => "本通告自发布之日起施行。".to_string(),
    });
    out.text("特此通告。");
    c.sign(&mut out);
    out.summary = format!("为{p1}，{}发布通告，就{name}有关事项作出规定。", c.a.short_name);
    out.keywords = c.keywords("通告");
    out
}

fn bulletin(c: &mut Ctx) -> Out {
    let (name, y) = (c.subj.name, c.year);
    let t = c.t(3);
    let what = match t {
        0 => format!("{y}年度{name}工作考核结果"),
        1 => format!("{y}年{name}专项督查情况"),
        _ => format!("{y}年上半年{name}工作进展情况"),
    };
    let title = format!("{}关于{what}的通报", c.a.name);
    let mut out = Out::new(title, Numbering::Regular, c.theme.item);
    out.text(c.p.salutation);
    let p1 = c.purpose();
    let action = match t {
        0 => format!("对各地各单位{y}年度{name}工作进行了考核"),
        1 => format!("组织开展了{name}专项督查"),
        _ => format!("对上半年{name}工作进展情况进行了梳理"),
    };
    out.text(format!(
        "为{p1}，{}于{}年{}月{action}。现将有关情况通报如下：",
        c.a.short_name,
        y,
        c.written.1.saturating_sub(1).max(1)
    ));
    out.section("基本情况");
    let units = c.units_below(5);
    let ind = c.rng.pick_ref(c.theme.indicators);
    let stat = c.indicator(ind, 0.5);
    out.text(format!(
        "从{}情况看，各地各单位高度重视{name}工作，主要负责同志亲自部署、亲自推动，工作总体进展顺利。{stat}。其中，{}、{}等单位工作措施有力、成效明显。",
        if t == 0 { "考核" } else { "督查" },
        units[0],
        units[1]
    ));
    if t == 0 {
        out.text(format!(
            "经综合考评，{}、{}、{}等单位考核结果为优秀，{}等单位考核结果为良好。",
            units[0], units[1], units[2], units[3]
        ));
    }
    out.section("存在的主要问题");
    for (h, text) in c.rng.pick_distinct(&PROBLEMS, 3) {
        out.item(format!("{h}。{text}"));
    }
    out.section("下一步工作要求");
    for m in c.measures(3) {
        out.item(measure_item(m));
    }
    out.pad_here(Para::Item(String::new()));
    c.sign(&mut out);
    out.summary = format!("{}通报{what}，指出存在的主要问题，并对下一步工作提出要求。", c.a.short_name);
    out.keywords = c.keywords("通报");
    out
}

fn report(c: &mut Ctx) -> Out {
    let (name, y) = (c.subj.name, c.year);
    if c.lay.slot == 0 {
        return annual_report(c);
    }
    let t = c.t(2);
    let title = match t {
        0 => format!("{}关于{y}年{name}工作情况的报告", c.a.name),
        _ => format!("{}关于{y}年度{name}工作的自查报告", c.a.name),
    };
    let mut out = Out::new(title, Numbering::None, None);
    out.text(if c.is_city_gov() {
        "市人大常委会："
    } else if c.is_district() {
        "温州市人民政府："
    } else {
        "市人民政府："
    });
    out.text(format!(
        "{y}年，{}认真贯彻落实上级决策部署，扎实推进{name}各项工作，取得了积极成效。现将有关情况报告如下：",
        c.a.short_name
    ));
    out.section("工作开展情况");
    let inds = c.rng.pick_distinct(c.theme.indicators, 3);
    for (m, ind) in c.measures(3).into_iter().zip(inds) {
        let stat = c.indicator(ind, 1.0);
        out.item(format!("{}。{stat}。{}", m.heading, m.points[0]));
    }
    out.pad_here(Para::Item(String::new()));
    out.section("存在的问题");
    for (h, text) in c.rng.pick_distinct(&PROBLEMS, 2) {
        out.item(format!("{h}。{text}"));
    }
    out.section(format!("{}年工作打算", y + 1));
    for m in c.measures(2) {
        out.item(measure_item(m));
    }
    out.text("特此报告。");
    c.sign(&mut out);
    out.summary = format!("{}报告{y}年{name}工作开展情况、存在问题和下一步工作打算。", c.a.short_name);
    out.keywords = c.keywords("报告");
    out
}

/// 政府信息公开工作年度报告, in the structure prescribed since 2019; figures add up.
fn annual_report(c: &mut Ctx) -> Out {
    let y = c.year;
    c.written = random_workday(&mut c.rng, y, 1, 1);
    let title = format!("{}{}年政府信息公开工作年度报告", c.a.name, y - 1);
    let mut out = Out::new(title, Numbering::None, Some(15));
    out.topic = Some(THEMES[ZW_GK].topic);
    out.text(format!(
        "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告中所列数据的统计期限自{}年1月1日起至{}年12月31日止。",
        y - 1,
        y - 1
    ));
    let scale = if c.is_city_gov() || c.is_district() { 4 } else { 1 };
    let active = c.rng.range(300, 1500) * scale;
    let applications = c.rng.range(8, 60) * scale;
    let granted = applications * c.rng.range(40, 60) / 100;
    let partly = applications * c.rng.range(5, 15) / 100;
    let none = applications * c.rng.range(10, 20) / 100;
    let refused = applications - granted - partly - none;
    out.section("总体情况");
    out.text(format!(
        "{}年，{}坚持以公开为常态、不公开为例外，认真贯彻落实《条例》和上级关于政务公开工作的部署要求，全年主动公开政府信息{active}条，受理政府信息公开申请{applications}件，政务公开工作取得新进展。",
        y - 1,
        c.a.short_name
    ));
    out.section("主动公开政府信息情况");
    out.text(format!(
        "全年制发并公开行政规范性文件{}件，公开政策解读材料{}篇，公开行政许可决定{}件，公开行政处罚决定{}件。",
        c.rng.range(1, 12),
        c.rng.range(5, 40),
        c.rng.range(0, 800),
        c.rng.range(0, 300)
    ));
    out.section("收到和处理政府信息公开申请情况");
    out.text(format!(
        "全年新收政府信息公开申请{applications}件，均已按期办结。其中，予以公开{granted}件，部分公开{partly}件，无法提供{none}件，不予公开{refused}件。"
    ));
    out.section("政府信息公开行政复议、行政诉讼情况");
    out.text(format!(
        "全年因政府信息公开引起行政复议{}件，行政诉讼{}件，均未被纠错。",
        c.rng.range(0, 4),
        c.rng.range(0, 2)
    ));
    out.section("存在的主要问题及改进情况");
    let (h, text) = c.rng.pick(&PROBLEMS);
    out.text(format!("主要问题是{h}，{text}下一步，我们将进一步完善公开制度，加强政策解读，提升公开质量。"));
    out.pad_here(Para::Text(String::new()));
    out.section("其他需要报告的事项");
    out.text("本年度未收取信息处理费。");
    out.summary = format!(
        "{}{}年政府信息公开工作年度报告，包括主动公开、依申请公开和行政复议诉讼等情况。",
        c.a.short_name,
        y - 1
    );
    out.keywords = vec!["政府信息公开", "年度报告", "政务公开"];
    out
}

fn reply(c: &mut Ctx) -> Out {
    let (name, y) = (c.subj.name, c.year);
    let projects_ok = c.is_city_gov() || c.is_district() || matches!(c.ai, 2 | 10 | 11);
    let t = if c.t(3) == 2 && projects_ok { 2 } else { c.t(2) };
    let target = c.place_below();
    let unit = unit_name(c, target);
    let (title, item) = match t {
        0 => (format!("{}关于同意{target}{}的批复", c.a.name, c.subj.plan), c.theme.item),
        1 => (format!("{}关于{target}{y}年度{name}工作实施方案的批复", c.a.name), c.theme.item),
        _ => {
            let o = c.lay.ordinal as usize;
            let project = PROJECTS[o % PROJECTS.len()];
            let stage = PROJECT_STAGES[(o / PROJECTS.len()) % PROJECT_STAGES.len()];
            (format!("{}关于{project}{stage}的批复", c.a.name), Some(10))
        }
    };
    let mut out = Out::new(title, Numbering::Letter, item);
    if t == 2 {
        let o = c.lay.ordinal as usize;
        let project = PROJECTS[o % PROJECTS.len()];
        let stage = PROJECT_STAGES[(o / PROJECTS.len()) % PROJECT_STAGES.len()];
        out.text(format!(
            "{}：",
            c.rng.pick(&["温州市城市建设发展集团有限公司", "温州市交通投资集团有限公司", "温州市水务投资集团有限公司"])
        ));
        out.text(format!("你单位报来的《关于要求审批{project}{stage}的请示》及有关材料收悉。经研究，现批复如下："));
        let invest = 2.0 + c.rng.unit() * 38.0;
        out.section(format!("为完善城市功能、改善群众生产生活条件，原则同意{project}{stage}。"));
        out.section(format!(
            "建设地点：{}。建设规模及主要内容：按照相关规划和技术标准实施道路、管线、绿化及附属设施等工程建设。",
            c.place_below()
        ));
        out.section(format!("项目估算总投资{invest:.2}亿元，资金来源为市级财政资金和项目单位自筹资金。"));
        out.section("项目建设要严格执行项目法人责任制、招标投标制、工程监理制和合同管理制，确保工程质量和安全。");
        out.pad_here(Para::Section(String::new()));
        out.text("请据此抓紧开展下一阶段工作，严格控制建设规模和投资，按期完成建设任务。");
    } else {
        out.text(format!("{unit}："));
        let what = if t == 0 { c.subj.plan.to_string() } else { format!("{y}年度{name}工作实施方案") };
        out.text(format!("{}《关于要求批准{what}的请示》收悉。经研究，现批复如下：", you(&unit)));
        out.section(format!("原则同意《{target}{what}》。"));
        for m in c.measures(2) {
            out.section(format!("要{}，{}", m.heading, m.points[0]));
        }
        out.pad_here(Para::Section(String::new()));
        out.section(format!(
            "要加强组织领导，落实工作责任，确保各项任务落到实处。实施中的重大问题，及时向{}报告。",
            c.a.short_name
        ));
    }
    out.text("此复。");
    c.sign(&mut out);
    out.summary = format!(
        "{}对{}作出批复，提出有关工作要求。",
        c.a.short_name,
        if t == 2 { "项目审批申请" } else { "下级请示事项" }
    );
    out.keywords = c.keywords("批复");
    out
}

fn letter(c: &mut Ctx) -> Out {
    let (name, y, place) = (c.subj.name, c.year, c.p.place);
    let t = c.t(3);
    let cppcc = c.rng.chance(40);
    let (term, sitting) = session(y, cppcc);
    let proposal = 5 * c.lay.slot as u32 + 1 + c.rng.below(5) as u32;
    let title = match t {
        0 => format!("{}关于商请支持做好{name}工作的函", c.a.name),
        1 => format!("{}关于征求《{place}{}（送审稿）》意见的函", c.a.name, c.subj.rule),
        _ if cppcc => format!("{}关于对市政协{term}届{sitting}次会议第{proposal}号提案的答复函", c.a.name),
        _ => format!("{}关于对市{term}届人大{sitting}次会议第{proposal}号建议的答复函", c.a.name),
    };
    let mut out = Out::new(title, Numbering::Letter, None);
    let us = c.us();
    match t {
        0 => {
            let u = c.unit_below();
            out.text(format!("{u}："));
            let p1 = c.purpose();
            out.text(format!(
                "为{p1}，{}拟于{y}年下半年集中推进{name}相关工作。鉴于贵单位在相关领域具有职能优势，现商请贵单位在以下方面给予支持："
                ,
                c.a.short_name
            ));
            for m in c.measures(2) {
                out.item(format!("协助做好{}相关工作。{}", m.heading, m.points[0]));
            }
            out.pad_here(Para::Item(String::new()));
            out.text("请予支持为盼。");
            out.text(contact(c));
        }
        1 => {
            out.text(if c.is_district() {
                "各乡镇人民政府、街道办事处，区（市）级有关单位：".to_string()
            } else {
                format!("各县（市、区）{}，市级有关单位：", c.p.counterpart)
            });
            let p1 = c.purpose();
            let deadline = add_days(c.written, c.rng.range(7, 20) as i64);
            out.text(format!(
                "为{p1}，{us}起草了《{place}{}（送审稿）》，现送你们征求意见。请认真研究，于{}前将书面意见反馈{us}。逾期未反馈的，视为无意见。",
                c.subj.rule,
                cn_date(deadline)
            ));
            out.pad_here(Para::Text(String::new()));
            out.text(contact(c));
            out.text(format!("附件：{place}{}（送审稿）", c.subj.rule));
        }
        _ => {
            let who = person(&mut c.rng);
            out.text(format!("{who}{}：", if cppcc { "委员" } else { "代表" }));
            out.text(format!(
                "您提出的《关于{}的{}》（第{proposal}号）收悉。首先感谢您对{name}工作的关心和支持。经认真研究，现答复如下：",
                c.subj.work,
                if cppcc { "提案" } else { "建议" }
            ));
            out.section("工作开展情况");
            for m in c.measures(2) {
                out.item(format!("{}。近年来，{}{}", m.heading, c.a.short_name, m.points[0]));
            }
            out.pad_here(Para::Item(String::new()));
            out.section("下一步工作打算");
            let m = c.rng.pick_ref(c.theme.measures);
            let point = m.points[m.points.len() - 1].trim_end_matches('。');
            out.text(format!(
                "下一步，我们将认真吸纳您提出的意见建议，{}，{point}，推动{name}工作不断取得新成效。",
                m.heading
            ));
            out.text("再次感谢您对我们工作的关心和支持。");
        }
    }
    c.sign(&mut out);
    if t == 2 {
        out.text(format!("（答复类别：{}）", c.rng.pick(&["A类", "B类"])));
        out.text(contact(c));
    }
    out.summary = match t {
        0 => format!("{}商请有关单位支持做好{name}相关工作。", c.a.short_name),
        1 => format!("{}就《{place}{}（送审稿）》征求有关单位意见。", c.a.short_name, c.subj.rule),
        _ => format!("{}对人大代表建议或政协委员提案作出答复，介绍{name}工作开展情况和下一步打算。", c.a.short_name),
    };
    out.keywords = c.keywords(if t == 2 { "建议提案答复" } else { "函" });
    out
}

fn minutes(c: &mut Ctx) -> Out {
    let (name, y) = (c.subj.name, c.year);
    let t = c.t(2);
    let meeting = if c.is_city_gov() || c.is_district() { "常务会议" } else { c.p.meeting };
    let title = match t {
        0 => format!("{}{y}年第{}次{meeting}纪要", c.a.name, c.serial),
        _ => format!("{}关于研究{name}有关问题的专题会议纪要", c.a.name),
    };
    let mut out = Out::new(title, Numbering::None, None);
    let head_title = if c.is_office() { "主任".to_string() } else { c.p.head.to_string() };
    let head = c.head();
    let other = &c.p.subjects[(c.variant + 3) % c.p.subjects.len()];
    let topics = if t == 0 { format!("{name}和{}等工作", other.name) } else { format!("{name}有关问题") };
    out.text(format!(
        "{}，{head_title}{head}主持召开{}，研究{topics}。现将会议议定事项纪要如下：",
        c.date(),
        if t == 0 { meeting.to_string() } else { "专题会议".to_string() }
    ));
    let reporter = c.unit_below();
    let ms = c.measures(2);
    out.section(format!("关于{name}工作"));
    out.text(format!(
        "会议听取了{reporter}关于{name}工作情况的汇报。会议认为，近年来{name}工作扎实推进，取得了积极成效。会议要求，要{}，{}",
        ms[0].heading, ms[0].points[0]
    ));
    if t == 0 {
        let other_theme = &THEMES[other.theme];
        let m = c.rng.pick_ref(other_theme.measures);
        out.section(format!("关于{}工作", other.name));
        out.text(format!("会议研究了{}工作。会议强调，要{}，{}", other.name, m.heading, m.points[0]));
    } else {
        out.section("关于下一步工作安排");
        out.text(format!(
            "会议明确，由{}牵头，会同有关单位抓紧制定具体工作方案。{}",
            c.a.short_name,
            c.rng.pick(&DEMANDS)
        ));
    }
    out.pad_here(Para::Text(String::new()));
    let attendees: Vec<String> = (0..4).map(|_| person(&mut c.rng)).collect();
    out.text(format!("出席：{}", attendees.join("、")));
    let guests = c.units_below(2);
    out.text(format!("列席：{}", guests.join("、")));
    out.text(format!("记录：{}", person(&mut c.rng)));
    out.summary = format!("{}召开会议研究{topics}，明确了有关工作要求。", c.a.short_name);
    out.keywords = c.keywords("会议纪要");
    out
}

// ---------------------------------------------------------------------------------------------
// Web-page genres: 动态, 解读, 公告公示, 数据, 其他
// ---------------------------------------------------------------------------------------------

fn news(c: &mut Ctx) -> Out {
    let (name, y, org, scope) = (c.subj.name, c.year, c.p.news_name, c.p.scope);
    let t = c.t(8);
    let place = c.place_below();
    let title = match t {
        0 => format!("{org}召开{y}年{scope}{name}工作会议"),
        1 => format!("{org}部署{y}年{name}重点工作"),
        2 => format!("{org}开展{name}专项督查"),
        3 => format!("{org}举办{name}业务培训班"),
        4 => format!("{org}召开{name}工作推进会"),
        5 => format!("{org}赴{place}调研{name}工作"),
        6 => format!("{org}多措并举推进{name}工作"),
        _ => format!("{org}{y}年{name}工作取得明显成效"),
    };
    let mut out = Out::new(title, Numbering::None, None);
    let (m, d) = (c.written.1, c.written.2);
    let leader = if c.is_district() || c.is_city_gov() {
        format!("副{}{}", c.p.head, person(&mut c.rng))
    } else {
        format!("{}{}{}", c.a.short_name, c.p.head, c.head())
    };
    let ms = c.measures(3);
    let ind = c.rng.pick_ref(c.theme.indicators);
    let stat = c.indicator(ind, c.written.1 as f64 / 12.0);
    let p1 = c.purpose();
    match t {
        2 => {
            let places = c.rng.pick_distinct(c.p.places, 3);
            out.text(format!(
                "{m}月{d}日至{}日，{org}组成{}个督查组，分赴{}等地开展{name}专项督查。",
                d.saturating_add(4).min(28).max(d),
                cn_num(places.len() as u32),
                places.iter().map(|s| **s).collect::<Vec<_>>().join("、")
            ));
            out.text(format!(
                "督查组通过听取汇报、查阅资料、实地察看、随机走访等方式，重点检查了{}、{}等工作落实情况。",
                ms[0].heading, ms[1].heading
            ));
            let (h, text) = c.rng.pick(&PROBLEMS);
            out.text(format!(
                "从督查情况看，各地高度重视{name}工作，整体进展顺利。同时，督查中也发现{h}等问题。{text}"
            ));
            out.text(format!("督查组要求，要对照发现的问题逐项整改，{}", ms[2].points[0]));
        }
        3 => {
            out.text(format!(
                "{m}月{d}日，{org}举办{name}业务培训班，各县（市、区）和有关单位业务骨干{}余人参加培训。",
                c.rng.range(6, 30) * 10
            ));
            out.text(format!(
                "培训班邀请有关专家和业务骨干，围绕{}、{}等内容进行了专题授课，并结合典型案例对工作中的常见问题进行了解读。",
                ms[0].heading, ms[1].heading
            ));
            out.text(format!(
                "参训人员纷纷表示，此次培训内容丰富、针对性强，进一步加深了对{name}工作的理解，提升了业务能力。"
            ));
        }
        5 => {
            out.text(format!("{m}月{d}日，{leader}带队赴{place}调研{name}工作。"));
            out.text(format!(
                "调研组实地察看了有关项目和服务场所，听取了{}工作情况汇报，与基层干部群众进行了交流。",
                place
            ));
            out.text(format!(
                "调研中，{leader}指出，做好{name}工作，对于{p1}具有重要意义。要{}，{}",
                ms[0].heading, ms[0].points[0]
            ));
        }
        6 | 7 => {
            out.text(format!("今年以来，{org}紧紧围绕{p1}的目标，多措并举推进{name}工作，取得了明显成效。"));
            for (i, m) in ms.iter().enumerate() {
                out.text(format!("{}是{}。{}", ["一", "二", "三"][i], m.heading, m.points.concat()));
            }
            out.text(format!("据统计，{stat}。"));
        }
        _ => {
            out.text(format!(
                "{m}月{d}日，{org}召开{}{name}工作{}，总结前一阶段工作，部署下一步任务。{leader}出席会议并讲话。",
                if t == 0 || t == 1 { format!("{y}年{scope}") } else { String::new() },
                if t == 4 { "推进会" } else { "会议" }
            ));
            out.text(format!(
                "会议指出，做好{name}工作，对于{p1}具有重要意义。近年来，{scope}{name}工作扎实推进，取得了积极成效。"
            ));
            out.text(format!("会议强调，要{}，{}", ms[0].heading, ms[0].points[0]));
            out.text(format!("会议要求，{}", c.rng.pick(&DEMANDS)));
            out.text(format!("据了解，{stat}。"));
        }
    }
    out.pad_here(Para::Text(String::new()));
    out.text(format!(
        "下一步，{org}将{}，{}推动{name}工作取得新成效。",
        ms[ms.len() - 1].heading,
        if c.rng.chance(50) { "持续巩固工作成果，" } else { "" }
    ));
    out.summary = format!(
        "{org}{}，推动{name}工作。",
        [
            "召开工作会议",
            "部署重点工作",
            "开展专项督查",
            "举办业务培训",
            "召开推进会",
            "开展专题调研",
            "多措并举抓落实",
            "通报工作成效"
        ][t]
    );
    out.keywords = c.keywords("工作动态");
    out
}

fn interpretation(c: &mut Ctx) -> Out {
    let (place, a) = (c.p.place, c.a.name);
    let t = c.t(4);
    let (policy, notice) = match t {
        0 | 1 => {
            let p = format!("{place}{}", c.subj.rule);
            (p.clone(), format!("{a}关于印发{p}的通知"))
        }
        2 => {
            let p = format!("{a}关于{}的实施意见", c.subj.work);
            (p.clone(), p)
        }
        _ => {
            let p = format!("{place}{}", c.subj.plan);
            (p.clone(), format!("{a}关于印发{p}的通知"))
        }
    };
    let title = match t {
        1 => format!("关于《{policy}》的解读"),
        _ => format!("《{policy}》政策解读"),
    };
    let no = c.doc_no_here();
    let mut out = Out::new(title, Numbering::None, if t == 3 { c.theme.item } else { Some(1) });
    out.interprets = Some(no.clone());
    let word = if t == 2 { "本意见" } else { doc_word(&policy) };
    let size = if ["本办法", "本规定", "本细则", "本规则", "本规范", "本规程"].contains(&word) {
        format!("{}条", cn_num(c.rng.range(12, 36)))
    } else {
        format!("{}部分", cn_num(c.rng.range(4, 7)))
    };
    let eff = add_days(c.written, 30);
    let ms = c.measures(4);
    let (s, p1, b) = (c.situation(), c.purpose(), c.basis());
    let intro = format!("近日，{a}印发了《{notice}》（{no}）。为便于社会公众更好地理解和执行，现就有关内容解读如下：");
    if c.rng.chance(50) {
        out.text(intro);
        out.section("出台背景");
        out.text(format!(
            "{s}为{p1}，有必要制定出台相关{}，进一步明确目标任务和工作要求。",
            if t == 3 { "方案" } else { "政策" }
        ));
        out.section("制定依据");
        out.text(format!("主要依据{b}等法律、法规和上级有关文件精神，并结合{}实际。", c.p.we));
        out.section("主要内容");
        out.text(format!("《{policy}》共{size}，主要包括以下内容："));
        for m in &ms {
            out.item(format!("{}。{}", m.heading, m.points[0]));
        }
        out.pad_here(Para::Item(String::new()));
        out.section("施行时间");
        out.text(format!("{word}自{}起施行。", cn_date(eff)));
        out.section("解读机关及联系方式");
        out.text(format!("解读机关：{a}；解读人：{}；联系电话：{}。", person(&mut c.rng), phone(&mut c.rng)));
    } else {
        out.text(intro);
        out.text(format!("问：《{policy}》出台的背景是什么？"));
        out.text(format!("答：{s}为{p1}，{}研究制定了《{policy}》。", c.a.short_name));
        out.text(format!("问：《{policy}》的主要内容有哪些？"));
        let parts: Vec<String> =
            ms.iter().enumerate().map(|(i, m)| format!("{}是{}", ["一", "二", "三", "四"][i], m.heading)).collect();
        out.text(format!("答：{word}共{size}，主要包括以下几个方面：{}。", parts.join("；")));
        out.text(format!("问：在{}方面有哪些具体规定？", ms[0].heading));
        out.text(format!("答：{}", ms[0].points.concat()));
        out.pad_here(Para::Text(String::new()));
        out.text(format!("问：《{policy}》什么时候开始施行？"));
        out.text(format!("答：{word}自{}起施行。执行中如有问题，请及时向{}反映。", cn_date(eff), c.a.short_name));
    }
    out.summary = format!("对《{policy}》（{no}）的出台背景、主要内容和施行时间进行解读。");
    out.keywords = vec![c.subj.name, "政策解读", c.rng.pick(c.theme.keywords)];
    out
}

fn publicity(c: &mut Ctx) -> Out {
    let (name, y) = (c.subj.name, c.year);
    let n = c.lay.slot as u32 + 1;
    let has_licences = !c.p.licences.is_empty();
    let t = match c.t(5) {
        2 | 3 if !has_licences => 0,
        t => t,
    };
    let short = c.a.short_name;
    let (title, item) = match t {
        0 => {
            let (notice, item) = c.theme.notices[c.variant / 5 % c.theme.notices.len()];
            (format!("{short}关于{y}年第{n}批{notice}的公示"), item)
        }
        1 => (format!("{}{y}年{name}工作委托服务项目中标（成交）结果公告", c.a.name), Some(9)),
        2 => (format!("{}{y}年第{n}批行政许可事项办理结果公示", c.a.name), Some(5)),
        3 => (format!("{}{y}年第{n}批行政处罚案件信息公开", c.a.name), Some(6)),
        _ => (format!("{}{y}年第{n}批公开招聘工作人员拟聘用人员名单公示", c.a.name), Some(14)),
    };
    let mut out = Out::new(title.clone(), Numbering::None, item);
    let from = add_working_days(c.written, 1);
    let to = add_working_days(from, 4);
    match t {
        0 => {
            let b = c.basis();
            out.text(format!(
                "根据{b}等有关规定，经单位申报、资料审核、实地核查等程序，现将{}予以公示。公示期为{}至{}。",
                title.trim_start_matches(short).trim_start_matches("关于").trim_end_matches("的公示"),
                cn_date(from),
                cn_date(to)
            ));
            let notice = c.theme.notices[c.variant / 5 % c.theme.notices.len()].0;
            for _ in 0..c.rng.range(3, 6) {
                let entry = notice_entry(c, notice);
                out.point(entry);
            }
            out.pad_here(Para::Point(String::new()));
            out.text(format!(
                "公示期间，任何单位和个人如有异议，可通过来信、来电等方式向{short}反映。反映情况要实事求是，并提供必要的联系方式。联系电话：{}；通讯地址：{}。",
                c.a.phone, c.a.address
            ));
            out.text("特此公示。");
        }
        1 => {
            let amount = 10.0 + c.rng.unit() * 290.0;
            out.section(format!("项目编号：WZCG{y}{:04}", c.rng.below(10000)));
            out.section(format!("项目名称：{}{y}年{name}工作委托服务项目", c.a.name));
            let firm = company(&mut c.rng);
            out.section(format!(
                "中标（成交）信息：供应商名称：{firm}；供应商地址：温州市{}；中标（成交）金额：{amount:.2}万元。",
                c.rng.pick(&["鹿城区", "龙湾区", "瓯海区"])
            ));
            out.section(format!(
                "主要标的信息：服务范围：{name}相关技术服务；服务要求：详见采购文件；服务期限：一年。"
            ));
            let experts: Vec<String> = (0..3).map(|_| person(&mut c.rng)).collect();
            out.section(format!("评审专家名单：{}。", experts.join("、")));
            out.pad_here(Para::Section(String::new()));
            out.section("公告期限：自本公告发布之日起1个工作日。");
            out.section(format!(
                "凡对本次公告内容提出询问，请按以下方式联系：采购人名称：{}；地址：{}；联系方式：{}。",
                c.a.name, c.a.address, c.a.phone
            ));
        }
        2 => {
            out.text(format!(
                "根据《中华人民共和国行政许可法》和政务公开有关要求，现将{short}{y}年第{n}批行政许可事项办理结果公示如下："
            ));
            for _ in 0..c.rng.range(3, 6) {
                let firm = company(&mut c.rng);
                let licence = c.rng.pick(c.p.licences);
                let day = add_days(c.written, -(c.rng.range(1, 20) as i64));
                out.point(format!("{firm}，许可事项：{licence}，许可决定日期：{}，许可结果：准予许可。", cn_date(day)));
            }
            out.pad_here(Para::Point(String::new()));
            out.text(format!("如对上述许可结果有异议，可在公示期内向{short}反映。联系电话：{}。", c.a.phone));
        }
        3 => {
            out.text(format!("根据行政执法公示制度有关规定，现将{short}{y}年第{n}批行政处罚案件信息公开如下："));
            for i in 0..c.rng.range(2, 5) {
                let firm = company(&mut c.rng);
                let offence = c.rng.pick(c.p.offences);
                let fine = c.rng.range(2, 200) * 1000;
                out.point(format!(
                    "{firm}{offence}案。处罚决定书文号：{}罚〔{y}〕{}号；处罚内容：罚款人民币{fine}元；处罚日期：{}。",
                    c.a.doc_prefix,
                    n * 10 + i,
                    cn_date(add_days(c.written, -(c.rng.range(1, 20) as i64)))
                ));
            }
            out.pad_here(Para::Point(String::new()));
            out.text("当事人对行政处罚决定不服的，可依法申请行政复议或者提起行政诉讼。");
        }
        _ => {
            out.text(format!(
                "根据《事业单位公开招聘人员暂行规定》等有关规定，经笔试、面试、体检和考察，确定以下人员为{short}所属事业单位{y}年第{n}批公开招聘拟聘用人员，现予公示。公示期为{}至{}。",
                cn_date(from),
                cn_date(to)
            ));
            for _ in 0..c.rng.range(3, 7) {
                let who = person(&mut c.rng);
                out.point(format!(
                    "{who}，{}，{}，毕业院校：{}，拟聘岗位：{}。",
                    c.rng.pick(&["男", "女"]),
                    c.rng.pick(&DEGREES),
                    c.rng.pick(&SCHOOLS),
                    c.rng.pick(&["综合管理", "专业技术", "财务会计", "信息技术"])
                ));
            }
            out.pad_here(Para::Point(String::new()));
            out.text(format!("公示期间，如有异议，请以书面形式向{short}人事处反映。联系电话：{}。", c.a.phone));
        }
    }
    c.sign(&mut out);
    out.summary = match t {
        0 => format!(
            "{short}对{}予以公示，公示期五个工作日。",
            title.trim_start_matches(short).trim_start_matches("关于").trim_end_matches("的公示")
        ),
        1 => format!("公布{}{y}年{name}工作委托服务项目的中标（成交）供应商和中标金额。", c.a.short_name),
        2 => format!("公示{short}{y}年第{n}批行政许可事项的办理结果。"),
        3 => format!("公开{short}{y}年第{n}批行政处罚案件的当事人、违法行为和处罚内容。"),
        _ => format!("公示{short}所属事业单位{y}年第{n}批公开招聘拟聘用人员名单。"),
    };
    out.keywords = match t {
        2 => vec!["行政许可", "办理结果", "政务公开"],
        3 => vec!["行政处罚", "执法公示", "政务公开"],
        4 => vec!["公开招聘", "事业单位", "拟聘用人员"],
        _ => c.keywords("公示"),
    };
    if matches!(t, 2 | 3) {
        out.topic = Some(c.a.topics[0]);
    }
    out
}

/// One line of a 公示 list, shaped by what is being announced: people (低保对象, 拟录用人员),
/// firms (企业, 中标候选人, 民宿) or public bodies (示范单位, 示范社区).
fn notice_entry(c: &mut Ctx, notice: &str) -> String {
    let place = c.place_below();
    if ["对象", "人员", "参加人"].iter().any(|w| notice.contains(w)) {
        let who = person(&mut c.rng);
        if notice.contains("救助") || notice.contains("保障") || notice.contains("儿童") {
            format!("{who}，{place}，家庭人口{}人", c.rng.range(1, 5))
        } else {
            format!("{who}，{place}")
        }
    } else if ["企业", "中标", "候选人", "民宿", "机构", "景区", "市场"].iter().any(|w| notice.contains(w))
    {
        let firm = company(&mut c.rng);
        format!("{firm}（{place}）")
    } else {
        unit_name(c, place)
    }
}

/// 数据发布: released in the weeks after the period it covers (full-year figures early in the
/// following year).
fn data(c: &mut Ctx) -> Out {
    let (name, place) = (c.subj.name, c.p.place);
    let (period, fraction, months) =
        [("1—3月", 0.25, (4, 5)), ("上半年", 0.5, (7, 8)), ("1—9月", 0.75, (10, 11)), ("", 1.0, (1, 3))][c.t(4)];
    c.written = random_workday(&mut c.rng, c.year, months.0, months.1);
    let y = if period.is_empty() { c.year - 1 } else { c.year };
    let title = format!("{y}年{period}{place}{name}统计数据");
    let mut out = Out::new(title, Numbering::None, Some(4));
    let span = if period.is_empty() { "全年" } else { period };
    out.text(format!("{y}年{span}，{}{name}工作总体平稳有序，主要指标运行情况如下：", c.p.scope));
    for ind in c.theme.indicators {
        let stat = indicator_text(&mut c.rng, ind, y, fraction, c.p.scale, "");
        out.point(format!("{stat}。"));
    }
    out.pad_here(Para::Point(String::new()));
    out.text("注：1.本数据为快报数，最终以年报数据为准。2.部分数据因四舍五入原因，存在总计与分项合计不等的情况。");
    out.text(format!("数据来源：{}", c.a.name));
    out.summary = format!("发布{y}年{span}{place}{name}有关统计数据。");
    out.keywords = vec![name, "统计数据", c.rng.pick(c.theme.keywords)];
    out
}

/// Other catalogue items: 部门预算, 部门决算, 公开指南, 收费目录清单, 办事指南.
fn other(c: &mut Ctx) -> Out {
    let (name, y, place) = (c.subj.name, c.year, c.p.place);
    let t = (c.lay.ordinal as usize).min(4);
    let a = c.a.name;
    let title = match t {
        0 if c.is_district() => format!("{place}{y}年财政预算公开说明"),
        1 if c.is_district() => format!("{place}{}年财政决算公开说明", y - 1),
        0 => format!("{a}{y}年部门预算"),
        1 => format!("{a}{}年度部门决算", y - 1),
        2 => format!("{a}政府信息公开指南（{y}年修订）"),
        3 => format!("{a}行政事业性收费项目目录清单（{y}年）"),
        _ => format!("{place}{name}事项办事指南（{y}年版）"),
    };
    let item = [Some(7), Some(7), Some(2), Some(8), Some(5)][t];
    let mut out = Out::new(title, Numbering::None, item);
    if t < 2 && c.is_district() {
        out.topic = Some(THEMES[CZ_CZ].topic);
    } else if t < 4 {
        out.topic = Some(THEMES[ZW_GK].topic);
    }
    let total = 800.0 + c.rng.unit() * 9000.0;
    match t {
        0 | 1 if c.is_district() => {
            let (kind, when) = if t == 0 { ("预算", y) } else { ("决算", y - 1) };
            if t == 1 {
                c.written = random_workday(&mut c.rng, y, 7, 9);
            }
            let revenue = total * 40.0;
            out.section(format!("一般公共预算{kind}情况"));
            out.text(format!(
                "{when}年{}一般公共预算收入{kind}{revenue:.2}万元，加上上级补助收入、调入资金等，收入总计{:.2}万元。一般公共预算支出{kind}{:.2}万元，收支平衡。",
                c.p.scope,
                revenue * 1.6,
                revenue * 1.6
            ));
            out.section(format!("政府性基金{kind}情况"));
            out.text(format!(
                "{when}年政府性基金收入{kind}{:.2}万元，主要为国有土地使用权出让收入；政府性基金支出{kind}{:.2}万元。",
                revenue * 0.9,
                revenue * 0.88
            ));
            out.pad_here(Para::Text(String::new()));
            out.section("重点支出安排情况");
            out.text(format!(
                "坚持尽力而为、量力而行，重点保障教育、社会保障和就业、卫生健康、农林水等民生支出，民生支出占一般公共预算支出的比重达到{}%以上。",
                c.rng.range(70, 80)
            ));
            out.section("政府债务情况");
            out.text("严格落实政府债务限额管理，政府债务余额控制在上级核定的限额以内，债务风险总体可控。");
        }
        0 | 1 => {
            let (kind, when) = if t == 0 { ("预算", y) } else { ("决算", y - 1) };
            if t == 1 {
                c.written = random_workday(&mut c.rng, y, 7, 9);
            }
            let areas: Vec<&str> = c.p.subjects.iter().take(3).map(|s| s.name).collect();
            out.section("部门职责及机构设置情况");
            out.text(format!(
                "{a}是市人民政府的工作部门，主要负责{}{}等方面的工作。本部门{kind}包括部门本级及所属{}家单位。",
                c.p.scope,
                areas.join("、"),
                cn_num(c.rng.range(2, 9))
            ));
            out.section(format!("部门{kind}收支情况"));
            let own = total * (0.8 + c.rng.unit() * 0.15);
            out.text(format!(
                "{when}年部门收入{kind}{total:.2}万元，其中一般公共预算拨款收入{own:.2}万元，其他收入{:.2}万元。部门支出{kind}{total:.2}万元，其中基本支出{:.2}万元，项目支出{:.2}万元。",
                total - own,
                total * 0.55,
                total * 0.45
            ));
            out.section(format!("“三公”经费{kind}情况"));
            let three = total * 0.004;
            out.text(format!(
                "{when}年“三公”经费{kind}{three:.2}万元，其中因公出国（境）费0万元，公务接待费{:.2}万元，公务用车购置及运行维护费{:.2}万元，比上年有所下降，主要原因是严格落实过紧日子要求，压减一般性支出。",
                three * 0.35,
                three * 0.65
            ));
            out.pad_here(Para::Text(String::new()));
            out.section("其他重要事项的情况说明");
            out.item(format!("机关运行经费。{when}年机关运行经费{:.2}万元。", total * 0.06));
            out.item(format!("政府采购情况。{when}年政府采购{kind}{:.2}万元。", total * 0.12));
            out.item("国有资产占用情况。本部门国有资产占用情况详见附表。");
        }
        2 => {
            out.text("为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。");
            out.section("主动公开");
            out.text(format!(
                "本机关主动公开的政府信息主要通过温州市人民政府门户网站政府信息公开专栏发布，公开范围包括机构职能、政策文件、规划计划、{name}等方面的信息。属于主动公开范围的政府信息，自形成或者变更之日起20个工作日内予以公开。"
            ));
            out.section("依申请公开");
            out.item(format!(
                "受理机构。名称：{a}；办公地址：{}；办公时间：{}；联系电话：{}。",
                c.a.address,
                c.a.office_hours.replace(' ', ""),
                c.a.phone
            ));
            out.item("申请方式。申请人可以通过当面、信函、网络等方式提交政府信息公开申请。采用书面形式确有困难的，申请人可以口头提出，由受理机构代为填写申请。");
            out.item("处理程序。本机关收到申请后，能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起20个工作日内予以答复。需要延长答复期限的，经负责人同意并告知申请人，延长的期限最长不超过20个工作日。");
            out.pad_here(Para::Item(String::new()));
            out.section("监督和救济");
            out.text("公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。");
        }
        3 => {
            out.text(format!(
                "根据行政事业性收费目录清单管理有关规定，现将{a}{y}年行政事业性收费项目目录清单公布如下："
            ));
            match c.ai {
                4 => {
                    out.point(
                        "居民身份证工本费。收费依据：国家有关部门规定；收费标准：换领、补领每证20元，首次申领免收。",
                    );
                    out.point("机动车号牌工本费。收费依据：国家有关部门规定；收费标准：按号牌种类分别执行。");
                }
                8 => {
                    out.point(
                        "不动产登记费。收费依据：国家有关部门规定；收费标准：住宅类每件80元，非住宅类每件550元。",
                    );
                    out.point("土地复垦费。收费依据：《土地复垦条例》；收费标准：按省定标准执行。");
                }
                _ => out.text(format!(
                    "经梳理，{a}{y}年无行政事业性收费项目。清单之外的收费项目，公民、法人和其他组织有权拒绝缴纳。"
                )),
            }
            out.pad_here(Para::Text(String::new()));
            out.text(format!("监督举报电话：{}。", c.a.phone));
        }
        _ => {
            let b = c.basis();
            out.section(format!("事项名称：{name}相关事项办理"));
            out.section(format!("适用范围：{}行政区域内申请办理{name}相关事项的公民、法人和其他组织。", c.here()));
            out.section(format!("办理依据：{b}等有关规定。"));
            out.section("申请材料");
            out.point("申请表（原件一份）。");
            out.point("申请人身份证明材料（复印件一份）。");
            out.point("其他依法应当提交的材料。");
            out.pad_here(Para::Point(String::new()));
            out.section(
                "办理流程：申请、受理、审查、决定、送达。符合条件的，可通过政务服务网在线申请，实现最多跑一次。",
            );
            out.section(format!("办理时限：{}个工作日。", c.rng.range(3, 20)));
            out.section("收费标准：不收费。");
            out.section(format!(
                "办理地点及咨询方式：{}；办理时间：{}；咨询电话：{}。",
                c.a.address,
                c.a.office_hours.replace(' ', ""),
                c.a.phone
            ));
        }
    }
    out.summary = match t {
        0 => format!("公开{a}{y}年部门预算收支、“三公”经费预算等情况。"),
        1 => format!("公开{a}{}年度部门决算收支、“三公”经费决算等情况。", y - 1),
        2 => format!("{a}政府信息公开指南，说明主动公开、依申请公开的方式和程序。"),
        3 => format!("公布{a}{y}年行政事业性收费项目目录清单。"),
        _ => format!("{place}{name}事项的办理依据、申请材料、办理流程和时限等。"),
    };
    out.keywords = match t {
        0 => vec!["部门预算", "财政预算", "三公经费"],
        1 => vec!["部门决算", "决算", "三公经费"],
        2 => vec!["政府信息公开指南", "依申请公开", "政务公开"],
        3 => vec!["收费目录清单", "行政事业性收费"],
        _ => vec![name, "办事指南", "政务服务"],
    };
    out
}
