//! Reader for the legacy page-text format: plain-text dumps of the document pages of old
//! disclosure platforms (see `tests/fixtures/seed-page.txt`).
//!
//! A dump is the page as a browser would copy it: a metadata table (索引号, 文号, 发布机构 …)
//! flattened into `label: value` lines, often printed twice because the page repeats it; the
//! title, sometimes wrapped; a publication bar (`发布日期: … 浏览次数: … 字体:`); the body; then
//! navigation chrome and debris. The reader separates these without ever failing
//! on what it does not understand: everything it skips or doubts becomes a [`Warning`] for the
//! per-file import report, and only a page with no title or no body is an error.
//!
//! Identifiers are not validated here: they are kept as found (only folded to simplified
//! characters) so that the importer parses them into domain types and reports each failure
//! against the value the page actually showed. Dates are parsed, because their many spellings
//! are a property of legacy pages, not of the domain.

use std::collections::BTreeSet;

use time::{Date, PrimitiveDateTime};

use super::dates::{DateError, parse_date, parse_datetime};
use super::hanzi::to_simplified;
use crate::text::is_hanzi;

/// One legacy page as read, before it becomes a domain document. Values are as found
/// (trimmed, labels normalised), not yet validated as 文号 / 索引号 / 主题分类.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegacyPage {
    /// 索引号.
    pub index_no: Option<String>,
    /// 主题分类, e.g. "综合政务/政务综合类".
    pub topic: Option<String>,
    /// 文号 / 发文字号 / 文件编号, raw text e.g. "温政办〔2017〕62号".
    pub doc_no: Option<String>,
    /// 发布机构 / 发文机关 / 发布单位, or 来源 when the page names no publisher.
    pub publisher: Option<String>,
    /// 成文日期 / 发文日期.
    pub written_on: Option<Date>,
    /// 发布日期 (local China time as written).
    pub published_at: Option<PrimitiveDateTime>,
    pub title: String,
    /// Body paragraphs, in order, each trimmed, no empty ones.
    pub body: Vec<String>,
    /// Text of attachment links found (e.g. "附件下载"); the links themselves are not in dumps.
    pub attachment_labels: Vec<String>,
}

/// What the reader could not read or chose to ignore, for the per-file import report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// 1-based line number in the page text.
    pub line: usize,
    /// Chinese message for staff.
    pub message: String,
}

/// A page that cannot become a document at all. Messages are shown to staff as they are.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PageError {
    #[error("页面内容为空")]
    Empty,
    #[error("页面没有标题：元数据之后、“发布日期”之前应有标题")]
    NoTitle,
    #[error("页面没有正文：标题和“发布日期”之后没有任何段落")]
    NoBody,
}

/// Reads one page dump. Warnings describe everything skipped or doubted; the page is returned
/// whenever it has a title and at least one body paragraph.
pub fn read_page(text: &str) -> Result<(LegacyPage, Vec<Warning>), PageError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(PageError::Empty);
    }
    let mut reader = Reader::default();
    for (index, line) in text.lines().enumerate() {
        if reader.phase == Phase::Done {
            break;
        }
        reader.read_line(index + 1, line.trim());
    }
    reader.finish()
}

// ---------------------------------------------------------------------------------------------
// Labels

/// The metadata a label feeds. Several spellings feed the same field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    IndexNo,
    Topic,
    DocNo,
    Publisher,
    Source,
    WrittenOn,
    PublishedAt,
    Title,
    /// Page furniture that looks like metadata (阅读版本, 浏览次数, 字体 …): read and dropped.
    Ignored,
}

impl Field {
    /// The name used in warnings: the standard label, whatever spelling the page used.
    fn name(self) -> &'static str {
        match self {
            Field::IndexNo => "索引号",
            Field::Topic => "主题分类",
            Field::DocNo => "文号",
            Field::Publisher => "发布机构",
            Field::Source => "来源",
            Field::WrittenOn => "成文日期",
            Field::PublishedAt => "发布日期",
            Field::Title => "标题",
            Field::Ignored => "",
        }
    }
}

/// Known labels, simplified and without spaces. Anything else written like a label is reported.
const LABELS: &[(&str, Field)] = &[
    ("索引号", Field::IndexNo),
    ("主题分类", Field::Topic),
    ("分类", Field::Topic),
    ("文号", Field::DocNo),
    ("发文字号", Field::DocNo),
    ("文件编号", Field::DocNo),
    ("发布机构", Field::Publisher),
    ("发文机关", Field::Publisher),
    ("发布单位", Field::Publisher),
    ("来源", Field::Source),
    ("信息来源", Field::Source),
    ("成文日期", Field::WrittenOn),
    ("发文日期", Field::WrittenOn),
    ("发布日期", Field::PublishedAt),
    ("发布时间", Field::PublishedAt),
    ("标题", Field::Title),
    ("名称", Field::Title),
    ("阅读版本", Field::Ignored),
    ("浏览次数", Field::Ignored),
    ("访问次数", Field::Ignored),
    ("点击次数", Field::Ignored),
    ("点击数", Field::Ignored),
    ("阅读次数", Field::Ignored),
    ("浏览量", Field::Ignored),
    ("访问量", Field::Ignored),
    ("字体", Field::Ignored),
    ("字号", Field::Ignored),
    ("分享到", Field::Ignored),
    ("当前位置", Field::Ignored),
    ("您的位置", Field::Ignored),
    ("您当前的位置", Field::Ignored),
    ("所在位置", Field::Ignored),
];

/// Longest label considered, in characters: longer runs before a colon are prose.
const MAX_LABEL_CHARS: usize = 8;

fn known_label(name: &str) -> Option<Field> {
    LABELS.iter().find(|(label, _)| *label == name).map(|(_, field)| *field)
}

/// A `label:` found in a line. `field` is `None` for a label the reader does not know.
#[derive(Debug)]
struct Label {
    name: String,
    field: Option<Field>,
    /// Byte range of the label and its colon in the line.
    start: usize,
    end: usize,
}

/// The labels of one line with the text around them.
#[derive(Debug)]
struct LabelledLine<'a> {
    /// Text before the first label (the tail of a value started on the previous line).
    prefix: &'a str,
    pairs: Vec<(Label, &'a str)>,
}

impl LabelledLine<'_> {
    fn first_field(&self) -> Option<Field> {
        self.pairs.first().and_then(|(label, _)| label.field)
    }
}

/// Splits a line into `label: value` pairs; `None` when the line holds no label at all.
///
/// Values may contain spaces (`2017- 06- 12 09: 47`), so pairs are cut at the labels, not at
/// spaces: a label is a short run of hanzi right before a colon.
fn split_labels(line: &str) -> Option<LabelledLine<'_>> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut labels: Vec<Label> = Vec::new();
    let mut floor = 0;
    for (k, &(byte, c)) in chars.iter().enumerate() {
        if c != ':' && c != '：' {
            continue;
        }
        if let Some(label) = label_before(&chars, floor, k, byte + c.len_utf8()) {
            labels.push(label);
            floor = k + 1;
        }
    }
    let first_start = labels.first()?.start;
    let ends: Vec<usize> = labels.iter().skip(1).map(|label| label.start).chain([line.len()]).collect();
    let pairs = labels
        .into_iter()
        .zip(ends)
        .map(|(label, value_end)| {
            let value = line[label.end..value_end].trim();
            (label, value)
        })
        .collect();
    Some(LabelledLine { prefix: line[..first_start].trim(), pairs })
}

/// The label ending at the colon at char index `colon`, if the text before it is one.
///
/// Pages space labels out (`文 号`, `索 引 号`) and run values into the next label, so the
/// candidates are every suffix of the hanzi run before the colon and that run extended over
/// space-separated runs. The longest known label wins; failing that, a short run standing on its
/// own (after a space or at the start) is an unknown label.
fn label_before(chars: &[(usize, char)], floor: usize, colon: usize, end: usize) -> Option<Label> {
    let text_end = skip_back(chars, floor, colon, char::is_whitespace);
    let segments = segments_before(chars, floor, text_end);
    let first = *segments.first()?;
    let name_from = |start: usize| -> String {
        let raw: String = chars[start..text_end].iter().map(|&(_, c)| c).filter(|c| !c.is_whitespace()).collect();
        to_simplified(&raw)
    };
    let suffix_starts = (first.0..first.1).rev();
    let extension_starts = segments.iter().skip(1).map(|segment| segment.0);
    let known = suffix_starts
        .chain(extension_starts)
        .filter_map(|start| known_label(&name_from(start)).map(|field| (start, field)))
        .next_back();
    let (start, field) = match known {
        Some((start, field)) => (start, Some(field)),
        None => (unknown_label_start(chars, floor, &segments)?, None),
    };
    Some(Label { name: name_from(start), field, start: chars[start].0, end })
}

/// Where an unknown label starts: the run before the colon if it stands on its own, extended
/// over single spaced-out characters (`备 注`). Longer runs are prose, not labels.
fn unknown_label_start(chars: &[(usize, char)], floor: usize, segments: &[(usize, usize)]) -> Option<usize> {
    let first = segments.first()?;
    let mut start = first.0;
    if first.1 - first.0 == 1 {
        for segment in segments.iter().skip(1) {
            if segment.1 - segment.0 != 1 {
                break;
            }
            start = segment.0;
        }
    }
    let stands_alone = start == floor || chars[start - 1].1.is_whitespace();
    let length = chars[start..first.1].iter().filter(|&&(_, c)| is_hanzi(c)).count();
    (stands_alone && length >= 2).then_some(start)
}

/// Hanzi runs separated only by spaces, ending at `end` and going backwards (char index ranges,
/// nearest first), up to `MAX_LABEL_CHARS` hanzi in total. A longer run right before the colon
/// is cut to its last `MAX_LABEL_CHARS` characters, where a label run into its value may hide.
fn segments_before(chars: &[(usize, char)], floor: usize, end: usize) -> Vec<(usize, usize)> {
    let mut segments = Vec::new();
    let mut budget = MAX_LABEL_CHARS;
    let mut segment_end = end;
    loop {
        let start = skip_back(chars, floor, segment_end, is_hanzi);
        let length = segment_end - start;
        if length == 0 {
            break;
        }
        if length > budget {
            if segments.is_empty() {
                segments.push((segment_end - budget, segment_end));
            }
            break;
        }
        budget -= length;
        segments.push((start, segment_end));
        let before_spaces = skip_back(chars, floor, start, char::is_whitespace);
        if before_spaces == start {
            break;
        }
        segment_end = before_spaces;
    }
    segments
}

/// Moves back from char index `from` while `keep` holds, never below `floor`.
fn skip_back(chars: &[(usize, char)], floor: usize, from: usize, keep: impl Fn(char) -> bool) -> usize {
    let mut i = from;
    while i > floor && keep(chars[i - 1].1) {
        i -= 1;
    }
    i
}

// ---------------------------------------------------------------------------------------------
// Page chrome

/// Lines that belong to the page frame rather than the document.
#[derive(Debug, PartialEq, Eq)]
enum Chrome {
    /// Navigation at the foot of the document (`【返回顶部】 【打印本页】 【关闭窗口】`): the body ends.
    End,
    /// Attachment links, possibly inside a fragment of HTML that leaked into the dump.
    Attachments(Vec<String>),
    /// Leaked HTML with text of its own: dropped, but the text may have been content.
    Markup(Vec<String>),
    /// A bare number: a hit counter or script output that leaked into the dump.
    Number,
}

const END_CHROME: &[&str] = &[
    "返回顶部",
    "打印本页",
    "关闭窗口",
    "打印",
    "关闭",
    "关闭本页",
    "打印此页",
    "打印正文",
    "关闭页面",
    "关闭视窗",
    "列印本页",
    "收藏",
    "加入收藏",
    "返回",
    "保存",
];

const MARKUP_FRAGMENTS: &[&str] = &["style=", "href=", "class=", "src=", "'>", "\">", "</", "<a ", "<span", "<img"];

fn classify_chrome(line: &str) -> Option<Chrome> {
    if !line.is_empty() && line.chars().all(|c| c.is_ascii_digit()) {
        return Some(Chrome::Number);
    }
    if MARKUP_FRAGMENTS.iter().any(|fragment| line.contains(fragment)) {
        let items = bracketed(line);
        let bracketed_hanzi: usize = items.iter().map(|item| count_hanzi(item)).sum();
        return Some(if count_hanzi(line) > bracketed_hanzi {
            Chrome::Markup(items)
        } else {
            Chrome::Attachments(items)
        });
    }
    let items = bracketed_only(line)?;
    let items_simplified: Vec<String> = items.iter().map(|item| to_simplified(item)).collect();
    if items_simplified.iter().all(|item| END_CHROME.contains(&item.as_str())) {
        return Some(Chrome::End);
    }
    if items_simplified.iter().all(|item| item.contains("附件") || item.contains("下载")) {
        return Some(Chrome::Attachments(items));
    }
    None
}

fn count_hanzi(text: &str) -> usize {
    text.chars().filter(|c| is_hanzi(*c)).count()
}

/// Non-empty texts inside `[…]` or `【…】` anywhere in the line.
fn bracketed(line: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut rest = line;
    while let Some(open) = rest.find(['[', '【']) {
        let after_open = &rest[open..];
        let inner_start = after_open.chars().next().map_or(1, char::len_utf8);
        let Some(close) = after_open.find([']', '】']) else {
            break;
        };
        if close > inner_start {
            let item = after_open[inner_start..close].trim();
            if !item.is_empty() {
                items.push(item.to_owned());
            }
        }
        rest = &after_open[close..];
        rest = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
    }
    items
}

/// The bracketed texts, when the line consists of nothing else.
fn bracketed_only(line: &str) -> Option<Vec<String>> {
    let items = bracketed(line);
    let leftover: String =
        line.chars().filter(|c| !c.is_whitespace() && !matches!(c, '[' | ']' | '【' | '】')).collect();
    let inner: String = items.concat().chars().filter(|c| !c.is_whitespace()).collect();
    (!items.is_empty() && leftover == inner).then_some(items)
}

// ---------------------------------------------------------------------------------------------
// Reading

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Metadata before the title.
    #[default]
    Head,
    /// Title lines, joined.
    Title,
    /// Between title and body: the publication bar and any other metadata.
    AfterTitle,
    Body,
    /// Past the end chrome: the rest of the file is the site footer.
    Done,
}

/// A label whose value is on the following line(s).
#[derive(Debug)]
struct Awaiting {
    field: Field,
    /// First value line once read; later lines equal to it are the page's duplicate copy.
    value: Option<String>,
}

/// A metadata value with the line it came from.
#[derive(Debug, Clone)]
struct Found<T> {
    value: T,
    line: usize,
}

#[derive(Debug, Default)]
struct Fields {
    index_no: Option<Found<String>>,
    topic: Option<Found<String>>,
    doc_no: Option<Found<String>>,
    publisher: Option<Found<String>>,
    source: Option<Found<String>>,
    title: Option<Found<String>>,
    written_on: Option<Found<Date>>,
    published_at: Option<Found<PrimitiveDateTime>>,
}

impl Fields {
    /// The slot of a field whose value is an identifier or a name, kept as text.
    fn identifier(&mut self, field: Field) -> Option<&mut Option<Found<String>>> {
        match field {
            Field::IndexNo => Some(&mut self.index_no),
            Field::Topic => Some(&mut self.topic),
            Field::DocNo => Some(&mut self.doc_no),
            Field::Publisher => Some(&mut self.publisher),
            Field::Source => Some(&mut self.source),
            _ => None,
        }
    }
}

#[derive(Debug, Default)]
struct Reader {
    phase: Phase,
    fields: Fields,
    awaiting: Option<Awaiting>,
    /// The head has had at least one label line.
    labels_seen: bool,
    /// A blank line followed the head's labels: a 发布日期 line now ends the head.
    blank_after_labels: bool,
    title_lines: Vec<String>,
    body: Vec<String>,
    attachment_labels: Vec<String>,
    warnings: Vec<Warning>,
    unknown_labels_reported: BTreeSet<String>,
}

impl Reader {
    fn read_line(&mut self, line_no: usize, line: &str) {
        if line.is_empty() {
            self.blank_line();
            return;
        }
        if let Some(chrome) = classify_chrome(line) {
            self.chrome(chrome, line_no, line);
            return;
        }
        match self.phase {
            Phase::Head => self.head_line(line_no, line),
            Phase::Title => self.title_line(line_no, line),
            Phase::AfterTitle => self.after_title_line(line_no, line),
            Phase::Body => self.body_line(line_no, line),
            Phase::Done => {}
        }
    }

    /// A body line, unless it is the publication bar of a page that prints it below the start
    /// of the text (after a subtitle, or at the foot): that bar is metadata wherever it is.
    fn body_line(&mut self, line_no: usize, line: &str) {
        if self.fields.published_at.is_none()
            && let Some(labelled) = split_labels(line)
            && labelled.prefix.is_empty()
            && labelled.first_field() == Some(Field::PublishedAt)
        {
            self.labelled_line(line_no, &labelled);
            return;
        }
        self.body.push(line.to_owned());
    }

    fn blank_line(&mut self) {
        self.awaiting = None;
        match self.phase {
            Phase::Head if self.labels_seen => self.blank_after_labels = true,
            Phase::Title => self.phase = Phase::AfterTitle,
            _ => {}
        }
    }

    fn chrome(&mut self, chrome: Chrome, line_no: usize, line: &str) {
        match chrome {
            // Navigation before the title is the site header; only after it does it end the page.
            Chrome::End if self.phase != Phase::Head => self.phase = Phase::Done,
            Chrome::End => {}
            Chrome::Attachments(labels) => self.attachment_labels.extend(labels),
            Chrome::Markup(labels) => {
                self.attachment_labels.extend(labels);
                let excerpt: String = line.chars().take(40).collect();
                self.warn(line_no, format!("忽略含有网页代码的一行：“{excerpt}”"));
            }
            // A number inside the body may be content (a table cell, a year); trailing ones
            // are dropped when the body is finished.
            Chrome::Number if self.phase == Phase::Body => self.body.push(line.to_owned()),
            Chrome::Number => {}
        }
    }

    fn head_line(&mut self, line_no: usize, line: &str) {
        if let Some(labelled) = split_labels(line)
            && (labelled.prefix.is_empty() || self.awaiting.is_some())
        {
            let ends_head = labelled.first_field() == Some(Field::PublishedAt)
                && (labelled.pairs.len() > 1 || self.blank_after_labels);
            self.labelled_line(line_no, &labelled);
            self.labels_seen = true;
            if ends_head {
                self.phase = Phase::Body;
            }
            return;
        }
        if !self.continue_value(line_no, line) {
            self.phase = Phase::Title;
            self.title_line(line_no, line);
        }
    }

    /// Feeds a line to a label whose value is on the following lines. Returns `false` when no
    /// label is waiting, so the line is content.
    fn continue_value(&mut self, line_no: usize, line: &str) -> bool {
        let Some(awaiting) = self.awaiting.as_mut() else {
            return false;
        };
        let field = awaiting.field;
        match &awaiting.value {
            None => {
                awaiting.value = Some(line.to_owned());
                self.assign(field, line, line_no);
            }
            Some(first) if first == line => {}
            Some(first) => {
                let message = format!("“{}”的值有多行，只保留第一行“{first}”，忽略“{line}”", field.name());
                self.warn(line_no, message);
            }
        }
        true
    }

    fn title_line(&mut self, line_no: usize, line: &str) {
        match split_labels(line) {
            Some(labelled) if labelled.prefix.is_empty() && labelled.first_field().is_some() => {
                self.phase = Phase::AfterTitle;
                self.after_title_line(line_no, line);
            }
            _ => self.title_lines.push(line.to_owned()),
        }
    }

    fn after_title_line(&mut self, line_no: usize, line: &str) {
        let labelled =
            split_labels(line).filter(|labelled| labelled.prefix.is_empty() && labelled.first_field().is_some());
        match labelled {
            Some(labelled) => {
                self.labelled_line(line_no, &labelled);
                if labelled.first_field() == Some(Field::PublishedAt) {
                    self.phase = Phase::Body;
                }
            }
            None => {
                self.phase = Phase::Body;
                self.body.push(line.to_owned());
            }
        }
    }

    fn labelled_line(&mut self, line_no: usize, labelled: &LabelledLine<'_>) {
        if !labelled.prefix.is_empty() {
            self.continue_value(line_no, labelled.prefix);
        }
        self.awaiting = None;
        let last = labelled.pairs.len().saturating_sub(1);
        for (i, (label, value)) in labelled.pairs.iter().enumerate() {
            match label.field {
                None => self.unknown_label(line_no, &label.name, value),
                Some(Field::Ignored) => {}
                Some(field) if value.is_empty() => {
                    if i == last {
                        self.awaiting = Some(Awaiting { field, value: None });
                    }
                }
                Some(field) => self.assign(field, value, line_no),
            }
        }
    }

    fn unknown_label(&mut self, line_no: usize, name: &str, value: &str) {
        if !self.unknown_labels_reported.insert(name.to_owned()) {
            return;
        }
        let message = if value.is_empty() {
            format!("无法识别的标签“{name}”，已忽略")
        } else {
            format!("无法识别的标签“{name}”，已忽略其值“{value}”")
        };
        self.warn(line_no, message);
    }

    /// Records a value. Identifier values are folded to simplified characters so that a
    /// traditional page yields the same 文号 and agency; the title is kept as written.
    fn assign(&mut self, field: Field, value: &str, line_no: usize) {
        let fields = &mut self.fields;
        let result = match field {
            Field::WrittenOn => parse_either_script(value, parse_written_on)
                .map(|date| keep_first(&mut fields.written_on, date, line_no, show_date)),
            Field::PublishedAt => parse_either_script(value, parse_datetime)
                .map(|at| keep_first(&mut fields.published_at, at, line_no, show_datetime)),
            Field::Title => Ok(keep_first(&mut fields.title, value.to_owned(), line_no, String::clone)),
            identifier => Ok(fields
                .identifier(identifier)
                .and_then(|slot| keep_first(slot, to_simplified(value), line_no, String::clone))),
        };
        let message = match result {
            Ok(None) => return,
            Ok(Some(conflict)) => format!("“{}”{conflict}", field.name()),
            Err(error) => format!("无法读取“{}”，已忽略：{error}", field.name()),
        };
        self.warn(line_no, message);
    }

    fn warn(&mut self, line: usize, message: String) {
        self.warnings.push(Warning { line, message });
    }

    fn finish(mut self) -> Result<(LegacyPage, Vec<Warning>), PageError> {
        while self.body.last().is_some_and(|p| p.is_empty() || is_number(p)) {
            self.body.pop();
        }
        self.body.retain(|p| !p.is_empty());
        let fields = self.fields;
        let title = if self.title_lines.is_empty() {
            fields.title.map(|found| found.value).unwrap_or_default()
        } else {
            self.title_lines.concat()
        };
        if title.is_empty() {
            return Err(PageError::NoTitle);
        }
        if self.body.is_empty() {
            return Err(PageError::NoBody);
        }
        let page = LegacyPage {
            index_no: fields.index_no.map(|found| found.value),
            topic: fields.topic.map(|found| found.value),
            doc_no: fields.doc_no.map(|found| found.value),
            publisher: fields.publisher.or(fields.source).map(|found| found.value),
            written_on: fields.written_on.map(|found| found.value),
            published_at: fields.published_at.map(|found| found.value),
            title,
            body: self.body,
            attachment_labels: self.attachment_labels,
        };
        Ok((page, self.warnings))
    }
}

/// Stores the first value seen. A different later value is reported, never silently preferred:
/// which copy of a repeated block is right cannot be told from the page, and the first one is
/// what a reader of the page saw first. Returns the conflict for the warning.
fn keep_first<T: PartialEq>(
    slot: &mut Option<Found<T>>,
    value: T,
    line: usize,
    show: fn(&T) -> String,
) -> Option<String> {
    match slot {
        None => {
            *slot = Some(Found { value, line });
            None
        }
        Some(found) if found.value == value => None,
        Some(found) => Some(format!(
            "在页面中出现多次且不一致：保留第{}行的“{}”，忽略“{}”",
            found.line,
            show(&found.value),
            show(&value)
        )),
    }
}

fn show_date(date: &Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

fn show_datetime(at: &PrimitiveDateTime) -> String {
    format!("{} {:02}:{:02}:{:02}", show_date(&at.date()), at.hour(), at.minute(), at.second())
}

/// Parses a date as written, then in simplified characters (`09時47分`); errors quote the page.
fn parse_either_script<T>(value: &str, parse: fn(&str) -> Result<T, DateError>) -> Result<T, DateError> {
    parse(value).or_else(|error| parse(&to_simplified(value)).map_err(|_| error))
}

/// 成文日期 is a day, but some pages print it with a time; the time is dropped, not the date.
fn parse_written_on(value: &str) -> Result<Date, DateError> {
    parse_date(value).or_else(|error| parse_datetime(value).map(|at| at.date()).map_err(|_| error))
}

fn is_number(paragraph: &str) -> bool {
    paragraph.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::{date, datetime};

    const SEED_PAGE: &str = include_str!("../../tests/fixtures/seed-page.txt");

    fn read(text: &str) -> (LegacyPage, Vec<Warning>) {
        match read_page(text) {
            Ok(read) => read,
            Err(error) => panic!("page not read: {error}"),
        }
    }

    fn messages(warnings: &[Warning]) -> Vec<(usize, &str)> {
        warnings.iter().map(|w| (w.line, w.message.as_str())).collect()
    }

    // ---- the seed page -----------------------------------------------------------------------

    #[test]
    fn seed_page_metadata() {
        let (page, _) = read(SEED_PAGE);
        assert_eq!(page.index_no.as_deref(), Some("001002003/2017-01330"));
        assert_eq!(page.topic.as_deref(), Some("综合政务/政务综合类"));
        assert_eq!(page.doc_no.as_deref(), Some("温政办〔2017〕62号"));
        assert_eq!(page.publisher.as_deref(), Some("温州市人民政府办公室"));
        assert_eq!(page.written_on, Some(date!(2017 - 06 - 08)));
        assert_eq!(page.published_at, Some(datetime!(2017-06-12 09:47)));
    }

    #[test]
    fn seed_page_title_is_joined_across_lines() {
        let (page, _) = read(SEED_PAGE);
        assert_eq!(page.title, "温州市人民政府办公室关于印发温州市深化政务公开工作实施方案的通知");
    }

    #[test]
    fn seed_page_body() {
        let (page, _) = read(SEED_PAGE);
        assert_eq!(page.body.len(), 45);
        assert_eq!(page.body.first().map(String::as_str), Some("各县(市、区)人民政府,市政府直属各单位:"));
        let last = page.body.last().map(String::as_str).unwrap_or_default();
        assert!(last.starts_with("(四)加强考核指导。政务公开工作已纳入市委市政府绩效考核体系"));
        assert!(last.ends_with("依法依规严肃追究责任。"));
        assert_eq!(last.chars().count(), 239);
        for paragraph in [
            "温州市人民政府办公室",
            "2017年6月8日",
            "(此件公开发布)",
            "温州市深化政务公开工作实施方案",
            // The page writes a space and a no-break space here; only the ends are trimmed.
            "一、 \u{a0}总体要求",
            "二、 \u{a0}主要任务",
            "三、工作保障",
            "(六)增强政务公开实效。",
        ] {
            assert!(page.body.iter().any(|p| p == paragraph), "{paragraph}");
        }
    }

    #[test]
    fn seed_page_body_keeps_every_paragraph_in_order() {
        let (page, _) = read(SEED_PAGE);
        let expected: Vec<&str> =
            SEED_PAGE.lines().skip(20).take(89).map(str::trim).filter(|line| !line.is_empty()).collect();
        assert_eq!(page.body, expected);
    }

    #[test]
    fn seed_page_chrome_is_not_body() {
        let (page, warnings) = read(SEED_PAGE);
        for paragraph in &page.body {
            assert_eq!(paragraph.trim(), paragraph);
            assert!(!paragraph.is_empty());
            for chrome in ["发布日期", "浏览次数", "字体", "style=", "返回顶部", "关闭窗口"] {
                assert!(!paragraph.contains(chrome), "{paragraph}");
            }
        }
        assert_ne!(page.body.last().map(String::as_str), Some("0"));
        assert_eq!(page.attachment_labels, ["附件下载"]);
        assert_eq!(messages(&warnings), []);
    }

    #[test]
    fn seed_page_in_traditional_characters_reads_the_same() {
        let traditional = [
            ("索引号", "索引號"),
            ("主题分类", "主題分類"),
            ("综合政务/政务综合类", "綜合政務/政務綜合類"),
            ("文 号", "文 號"),
            ("温政办〔2017〕62号", "溫政辦〔2017〕62號"),
            ("阅读版本", "閱讀版本"),
            ("发布机构", "發佈機構"),
            ("温州市人民政府办公室", "溫州市人民政府辦公室"),
            ("发布日期", "發佈日期"),
            ("浏览次数", "瀏覽次數"),
            ("来源", "來源"),
            ("字体", "字體"),
            ("返回顶部", "返回頂部"),
            ("关闭窗口", "關閉窗口"),
        ]
        .iter()
        .fold(SEED_PAGE.to_owned(), |text, (from, to)| text.replace(from, to));
        let (simplified, _) = read(SEED_PAGE);
        let (page, warnings) = read(&traditional);
        assert_eq!(page.index_no, simplified.index_no);
        assert_eq!(page.topic, simplified.topic);
        assert_eq!(page.doc_no, simplified.doc_no);
        assert_eq!(page.publisher, simplified.publisher);
        assert_eq!(page.written_on, simplified.written_on);
        assert_eq!(page.published_at, simplified.published_at);
        assert_eq!(page.body.len(), simplified.body.len());
        assert!(page.title.starts_with("溫州市人民政府辦公室"));
        assert_eq!(messages(&warnings), []);
    }

    // ---- label variants ------------------------------------------------------------------------

    const TRADITIONAL_PAGE: &str = "\
索引號: 001002003/2017-01330
主題分類: 綜合政務/政務綜合類
發文字號: 溫政辦〔2017〕62號
發文機關: 溫州市人民政府辦公室
發文日期: 二〇一七年六月八日

溫州市人民政府辦公室關於印發
溫州市深化政務公開工作實施方案的通知

發布時間：2017年06月12日 09時47分\u{3000}瀏覽次數：12

各縣（市、區）人民政府，市政府直屬各單位：

  《溫州市深化政務公開工作實施方案》已經市政府同意，現印發給你們。

【返回頂部】【列印本頁】【關閉視窗】
";

    #[test]
    fn traditional_page_reads_like_the_simplified_one() {
        let (page, warnings) = read(TRADITIONAL_PAGE);
        assert_eq!(page.index_no.as_deref(), Some("001002003/2017-01330"));
        assert_eq!(page.topic.as_deref(), Some("综合政务/政务综合类"));
        assert_eq!(page.doc_no.as_deref(), Some("温政办〔2017〕62号"));
        assert_eq!(page.publisher.as_deref(), Some("温州市人民政府办公室"));
        assert_eq!(page.written_on, Some(date!(2017 - 06 - 08)));
        assert_eq!(page.published_at, Some(datetime!(2017-06-12 09:47)));
        assert_eq!(messages(&warnings), []);
    }

    #[test]
    fn traditional_title_and_body_are_kept_as_written() {
        let (page, _) = read(TRADITIONAL_PAGE);
        assert_eq!(page.title, "溫州市人民政府辦公室關於印發溫州市深化政務公開工作實施方案的通知");
        assert_eq!(
            page.body,
            [
                "各縣（市、區）人民政府，市政府直屬各單位：",
                "《溫州市深化政務公開工作實施方案》已經市政府同意，現印發給你們。",
            ]
        );
    }

    #[test]
    fn spaced_labels_and_both_colons() {
        let text = "索 引 号：001002003/2017-01330\n文\u{3000}\u{3000}号: 温政办〔2017〕62号\n\
                    发布 机构：温州市人民政府办公室 成文日期:2024年04月06日\n\n标题\n\n正文。\n";
        let (page, warnings) = read(text);
        assert_eq!(page.index_no.as_deref(), Some("001002003/2017-01330"));
        assert_eq!(page.doc_no.as_deref(), Some("温政办〔2017〕62号"));
        assert_eq!(page.publisher.as_deref(), Some("温州市人民政府办公室"));
        assert_eq!(page.written_on, Some(date!(2024 - 04 - 06)));
        assert_eq!(messages(&warnings), []);
    }

    #[test]
    fn other_label_spellings() {
        let text = "文件编号: 温政发〔2020〕1号\n发布单位: 温州市财政局\n分类: 财政\n\
                    发布时间: 2020-01-02 08:00:30\n\n标题\n\n正文。\n";
        let (page, _) = read(text);
        assert_eq!(page.doc_no.as_deref(), Some("温政发〔2020〕1号"));
        assert_eq!(page.publisher.as_deref(), Some("温州市财政局"));
        assert_eq!(page.topic.as_deref(), Some("财政"));
        assert_eq!(page.published_at, Some(datetime!(2020-01-02 08:00:30)));
    }

    #[test]
    fn source_is_only_a_fallback_for_the_publisher() {
        let without = "索引号: X\n\n标题\n\n发布日期: 2017-06-12 来源: 温州市财政局\n\n正文。\n";
        assert_eq!(read(without).0.publisher.as_deref(), Some("温州市财政局"));
        let with = "发布机构: 温州市人民政府办公室\n\n标题\n\n\
                    发布日期: 2017-06-12 来源: 温州市财政局\n\n正文。\n";
        assert_eq!(read(with).0.publisher.as_deref(), Some("温州市人民政府办公室"));
    }

    #[test]
    fn written_on_with_a_time_keeps_the_day() {
        let text = "成文日期: 2017-06-08 10:00\n\n标题\n\n正文。\n";
        assert_eq!(read(text).0.written_on, Some(date!(2017 - 06 - 08)));
    }

    // ---- value on the next line ----------------------------------------------------------------

    #[test]
    fn values_on_the_next_line() {
        let text = "索引号：\n001002003/2017-01330\n文号：\n温政办〔2017〕62号\n阅读版本：\n\
                    发布机构：\n温州市人民政府办公室\n温州市人民政府办公室\n成文日期：\n2024年04月06日\n\n\
                    温州市人民政府办公室关于印发温州市深化政务公开工作实施方案的通知\n\n\
                    各县(市、区)人民政府：\n\n正文第一段。\n\n正文第二段。\n";
        let (page, warnings) = read(text);
        assert_eq!(page.index_no.as_deref(), Some("001002003/2017-01330"));
        assert_eq!(page.doc_no.as_deref(), Some("温政办〔2017〕62号"));
        assert_eq!(page.publisher.as_deref(), Some("温州市人民政府办公室"));
        assert_eq!(page.written_on, Some(date!(2024 - 04 - 06)));
        assert_eq!(page.published_at, None);
        assert_eq!(page.title, "温州市人民政府办公室关于印发温州市深化政务公开工作实施方案的通知");
        assert_eq!(page.body, ["各县(市、区)人民政府：", "正文第一段。", "正文第二段。"]);
        assert_eq!(messages(&warnings), []);
    }

    #[test]
    fn a_second_different_value_line_is_reported() {
        let text = "发布机构:\n温州市人民政府办公室\n温州市财政局\n\n标题\n\n正文。\n";
        let (page, warnings) = read(text);
        assert_eq!(page.publisher.as_deref(), Some("温州市人民政府办公室"));
        assert_eq!(
            messages(&warnings),
            [(3, "“发布机构”的值有多行，只保留第一行“温州市人民政府办公室”，忽略“温州市财政局”")]
        );
    }

    #[test]
    fn a_value_run_into_the_next_label() {
        let text = "发布机构:\n温州市人民政府办公室成文日期: 2017-06-08\n\n标题\n\n正文。\n";
        let (page, warnings) = read(text);
        assert_eq!(page.publisher.as_deref(), Some("温州市人民政府办公室"));
        assert_eq!(page.written_on, Some(date!(2017 - 06 - 08)));
        assert_eq!(messages(&warnings), []);
    }

    #[test]
    fn empty_labels_are_ignored() {
        let text = "文号:\n阅读版本:\n索引号: X\n\n标题\n\n正文。\n";
        let (page, warnings) = read(text);
        assert_eq!(page.doc_no, None);
        assert_eq!(page.index_no.as_deref(), Some("X"));
        assert_eq!(messages(&warnings), []);
    }

    // ---- repeated blocks -----------------------------------------------------------------------

    #[test]
    fn disagreeing_repeated_blocks_keep_the_first_value_and_warn() {
        let text = "索引号: 001002003/2017-01330\n文号: 温政办〔2017〕62号\n成文日期: 2017-06-08\n\
                    索引号: 001002003/2017-01330\n文号: 温政办〔2017〕63号\n成文日期: 2017年6月9日\n\n\
                    标题\n\n正文。\n";
        let (page, warnings) = read(text);
        assert_eq!(page.doc_no.as_deref(), Some("温政办〔2017〕62号"));
        assert_eq!(page.written_on, Some(date!(2017 - 06 - 08)));
        assert_eq!(
            messages(&warnings),
            [
                (
                    5,
                    "“文号”在页面中出现多次且不一致：保留第2行的“温政办〔2017〕62号”，\
                     忽略“温政办〔2017〕63号”"
                ),
                (6, "“成文日期”在页面中出现多次且不一致：保留第3行的“2017-06-08”，忽略“2017-06-09”"),
            ]
        );
    }

    #[test]
    fn repeated_blocks_that_agree_are_silent() {
        let text = "文号: 温政办〔2017〕62号\n成文日期: 2017-06-08\n文 号：温政办〔2017〕62号\n\
                    成文日期: 2017年6月8日\n\n标题\n\n正文。\n";
        assert_eq!(messages(&read(text).1), []);
    }

    // ---- warnings ------------------------------------------------------------------------------

    #[test]
    fn unreadable_date_is_a_warning() {
        let text = "成文日期: 2017年2月30日\n\n标题\n\n发布日期: 昨天 来源: 温州市\n\n正文。\n";
        let (page, warnings) = read(text);
        assert_eq!(page.written_on, None);
        assert_eq!(page.published_at, None);
        assert_eq!(
            messages(&warnings),
            [
                (1, "无法读取“成文日期”，已忽略：日期“2017年2月30日”不存在：2017年没有2月30日"),
                (
                    5,
                    "无法读取“发布日期”，已忽略：无法识别的日期“昨天”：\
                     应为 2017-06-08、2017年6月8日 或 二〇一七年六月八日 等形式"
                ),
            ]
        );
    }

    #[test]
    fn unknown_labels_are_reported_once() {
        let text = "索引号: X 有效性: 有效\n备 注:\n索引号: X 有效性: 有效\n\n标题\n\n正文。\n";
        let (page, warnings) = read(text);
        assert_eq!(page.index_no.as_deref(), Some("X"));
        assert_eq!(
            messages(&warnings),
            [(1, "无法识别的标签“有效性”，已忽略其值“有效”"), (2, "无法识别的标签“备注”，已忽略"),]
        );
    }

    // ---- title and body boundaries -------------------------------------------------------------

    #[test]
    fn page_without_signature_or_publication_bar() {
        let text = "\u{feff}索引号: X\r\n\r\n关于某事的通知\r\n\r\n各单位：\r\n\r\n请遵照执行。\r\n";
        let (page, _) = read(text);
        assert_eq!(page.title, "关于某事的通知");
        assert_eq!(page.body, ["各单位：", "请遵照执行。"]);
    }

    #[test]
    fn title_before_metadata() {
        let text = "关于某事的通知\n索引号: X\n发布日期: 2017-06-12\n正文。\n";
        let (page, _) = read(text);
        assert_eq!(page.title, "关于某事的通知");
        assert_eq!(page.index_no.as_deref(), Some("X"));
        assert_eq!(page.body, ["正文。"]);
    }

    #[test]
    fn title_from_a_title_label_when_the_layout_has_none() {
        let text = "标题: 关于某事的通知\n\n发布日期: 2017-06-12 浏览次数: 3\n\n正文。\n";
        assert_eq!(read(text).0.title, "关于某事的通知");
    }

    #[test]
    fn numbers_inside_the_body_are_kept_trailing_ones_dropped() {
        let text = "标题\n\n正文。\n\n2017\n\n第二段。\n\n0\n";
        assert_eq!(read(text).0.body, ["正文。", "2017", "第二段。"]);
    }

    #[test]
    fn footer_after_end_chrome_is_dropped() {
        let text = "标题\n\n正文。\n[打印本页] [关闭窗口]\n主办：温州市人民政府办公室\n";
        assert_eq!(read(text).0.body, ["正文。"]);
    }

    #[test]
    fn publication_bar_below_a_subtitle_is_not_body() {
        let text = "关于某事的通知\n\n——某某说明\n\n发布日期: 2017-06-12 09:47 浏览次数: 5\n\n正文。\n";
        let (page, _) = read(text);
        assert_eq!(page.published_at, Some(datetime!(2017-06-12 09:47)));
        assert_eq!(page.body, ["——某某说明", "正文。"]);
    }

    #[test]
    fn a_salutation_ending_with_a_colon_starts_the_body() {
        let text = "关于某事的通知\n\n各位市民:\n\n正文。\n";
        let (page, warnings) = read(text);
        assert_eq!(page.body, ["各位市民:", "正文。"]);
        assert_eq!(messages(&warnings), []);
    }

    #[test]
    fn leaked_markup_with_text_of_its_own_is_reported() {
        let text = "标题\n\n正文。\n<span class='x'>补充说明</span> [附件1]\n";
        let (page, warnings) = read(text);
        assert_eq!(page.body, ["正文。"]);
        assert_eq!(page.attachment_labels, ["附件1"]);
        assert_eq!(messages(&warnings), [(4, "忽略含有网页代码的一行：“<span class='x'>补充说明</span> [附件1]”")]);
    }

    #[test]
    fn page_without_title_is_an_error() {
        let text = "索引号: X\n文号: 温政办〔2017〕62号\n\n\
                    发布日期: 2017- 06- 12 09: 47 浏览次数: 来源: 温州市人民政府办公室 字体:[ ]\n\n\
                    各县(市、区)人民政府:\n\n正文。\n";
        assert_eq!(read_page(text), Err(PageError::NoTitle));
        assert_eq!(read_page("索引号: X\n文号: Y\n"), Err(PageError::NoTitle));
        assert_eq!(read_page(" \n\n"), Err(PageError::Empty));
        assert_eq!(PageError::NoTitle.to_string(), "页面没有标题：元数据之后、“发布日期”之前应有标题");
    }

    #[test]
    fn page_without_body_is_an_error() {
        let text = "索引号: X\n\n标题\n\n发布日期: 2017-06-12\n\n【返回顶部】\n正文。\n";
        assert_eq!(read_page(text), Err(PageError::NoBody));
    }

    // ---- label scanning ------------------------------------------------------------------------

    fn pairs(line: &str) -> Vec<(String, Option<Field>, String)> {
        split_labels(line)
            .map(|labelled| {
                labelled.pairs.into_iter().map(|(label, value)| (label.name, label.field, value.to_owned())).collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn splits_several_labels_on_one_line() {
        assert_eq!(
            pairs("发布日期: 2017- 06- 12 09: 47 浏览次数: 来源: 温州市人民政府办公室 字体:[ ]"),
            [
                ("发布日期".into(), Some(Field::PublishedAt), "2017- 06- 12 09: 47".into()),
                ("浏览次数".into(), Some(Field::Ignored), String::new()),
                ("来源".into(), Some(Field::Source), "温州市人民政府办公室".into()),
                ("字体".into(), Some(Field::Ignored), "[ ]".into()),
            ]
        );
    }

    #[test]
    fn prose_ending_with_a_colon_is_not_a_label() {
        assert_eq!(pairs("各县(市、区)人民政府,市政府直属各单位:"), []);
        assert_eq!(pairs("结合我市实际,制定本工作方案如下:"), []);
        assert_eq!(pairs("时间 09:47"), []);
    }

    // ---- robustness ----------------------------------------------------------------------------

    fn page_like_text() -> impl Strategy<Value = String> {
        let fragment = prop_oneof![
            Just("索引号"),
            Just("文 号"),
            Just("發布機構"),
            Just("发布日期"),
            Just("成文日期"),
            Just("来源"),
            Just("字体"),
            Just(":"),
            Just("："),
            Just(" "),
            Just("\u{3000}"),
            Just("\n"),
            Just("\n\n"),
            Just("2017- 06- 12 09: 47"),
            Just("二〇一七年六月八日"),
            Just("温政办〔2017〕62号"),
            Just("温州市人民政府办公室"),
            Just("【返回顶部】"),
            Just("' style='x'> [附件下载]"),
            Just("["),
            Just("】"),
            Just("0"),
            Just("各单位:"),
        ];
        prop::collection::vec(fragment, 0..60).prop_map(|parts| parts.concat())
    }

    proptest! {
        #[test]
        fn never_panics_on_arbitrary_text(text in any::<String>()) {
            let _ = read_page(&text);
        }

        #[test]
        fn never_panics_on_page_like_text(text in page_like_text()) {
            if let Ok((page, warnings)) = read_page(&text) {
                prop_assert!(!page.title.is_empty());
                prop_assert!(!page.body.is_empty());
                prop_assert!(page.body.iter().all(|p| !p.is_empty() && p.trim() == p));
                prop_assert!(warnings.iter().all(|w| w.line >= 1));
            }
        }
    }
}
