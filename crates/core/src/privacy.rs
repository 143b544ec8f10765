//! 个人信息检出与遮蔽: find and mask personal data before anything is published.
//!
//! 《政府信息公开条例》第十五条 forbids disclosing information whose disclosure would
//! harm a third party's lawful rights (personal privacy), and 《个人信息保护法》 treats
//! identity-card numbers and financial accounts as sensitive personal information
//! (第二十八条). So before a document is published its title, body text and text
//! attachments go through [`scan`]; any [`Finding`] blocks publication unless a
//! reviewer overrides it with a written reason, and [`mask`] offers the redacted text.
//!
//! # What is found
//!
//! Three kinds of personal data ([`FindingKind`]), each recognised by hand-written
//! character scanning (no regex):
//!
//! * **居民身份证号码** — 18 characters per GB 11643-1999 that pass
//!   [`is_valid_id_number`] (province code, real birth date, ISO 7064 MOD 11-2 check
//!   digit). Written compactly (`330302198001011234`) or in the common partially spaced
//!   form `330302 19800101 1234` (groups 6-8-4 separated by one space or hyphen): that
//!   form is how IDs are typed to be read aloud, and with the full check it is never
//!   a false alarm. An ID-shaped run (valid province and birth date) whose check digit
//!   is wrong is **not** a finding: it is not a real ID, and long serial numbers are
//!   the usual source of such runs. An 18-digit number grouped in 4s that passes the
//!   check is an ID too, never a bank card. Masked as `330302********1234`. The
//!   15-digit first-generation numbers (invalid since 2013) are not looked for.
//! * **手机号码** — 11 digits `1[3-9]xxxxxxxxx`, written `13812345678`,
//!   `138-1234-5678` or `138 1234 5678`, optionally with a `+86`, `86` or `0086`
//!   prefix. Masked as `138****5678` (a prefix is kept as written: it is not personal,
//!   and the finding's span covers it so the whole written number is highlighted).
//!   Fixed-line numbers (`0577-88888888`, `88888888`) are never findings: government
//!   contact numbers are public on purpose.
//! * **银行卡号** — 16–19 digits passing [`luhn_valid`], compact or grouped in 4s by
//!   single spaces or hyphens (`6222 0212 3456 7890 123`). Masked keeping the first 6
//!   (the issuing bank) and last 4 digits: `622202*********0123`.
//!
//! Grouped forms must use one separator throughout (`138 1234-5678` is not one
//! written number); the masked form is always compact.
//!
//! # What is not found, and why
//!
//! A disclosure platform is full of numbers that are public, and a scanner that cries
//! wolf on each 文号 gets overridden by habit. Hence:
//!
//! * A candidate must stand alone: the characters around it are not digits, letters
//!   (ASCII or full-width) or `*`, and it is not glued to more digits by `-` `.` `/` `_`
//!   (so it is not part of a longer number, a decimal, a date, an 索引号 like
//!   `001002003/2017-01330`, a 统一社会信用代码 like `91330300MA285XXXX1`, or an
//!   already-masked value like `138****5678`). Separating spaces are allowed, so lists
//!   of numbers `13812345678 13912345678` are still found.
//! * An 18-digit run is an ID only if it passes the whole ID check. An all-digit
//!   18-character run that is ID-shaped but fails the check is no finding at all, and
//!   one that is a valid all-digit 统一社会信用代码 (GB 32100-2015 check character) is
//!   not taken for an 18-digit bank card.
//! * A mobile-shaped number directly followed by `元` or `%`, or preceded by `¥`, is an
//!   amount (`13812345678元` is 138亿元), not a phone number.
//!
//! Full-width digits (`１３８１２３４５６７８`) are recognised like ASCII ones. All offsets
//! are byte offsets into the scanned string, on `char` boundaries, so callers can
//! highlight `&text[f.start..f.end]`. Masked forms always use ASCII digits and `*`;
//! since `*` next to a digit blocks detection, `mask(mask(x)) == mask(x)`.

/// The kind of personal data a [`Finding`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum FindingKind {
    /// 居民身份证号码 (GB 11643-1999).
    IdNumber,
    /// 手机号码.
    Mobile,
    /// 银行卡号.
    BankCard,
}

impl FindingKind {
    /// Every kind, in the order [`summary`] lists them.
    pub const ALL: [FindingKind; 3] = [Self::IdNumber, Self::Mobile, Self::BankCard];

    /// The Chinese name shown to reviewers.
    pub fn label(self) -> &'static str {
        match self {
            Self::IdNumber => "身份证号码",
            Self::Mobile => "手机号码",
            Self::BankCard => "银行卡号",
        }
    }
}

/// One piece of personal data found by [`scan`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What it is.
    pub kind: FindingKind,
    /// Byte offset of the first character in the scanned text (a `char` boundary).
    pub start: usize,
    /// Byte offset just past the last character (a `char` boundary).
    pub end: usize,
    /// The masked form that replaces `text[start..end]`, e.g. `330302********1234`.
    pub masked: String,
}

/// Finds personal data in `text`: ordered by position, never overlapping.
///
/// See the [module documentation](self) for the rules. The scan is greedy from left
/// to right; at each digit run an ID number is tried first, then a bank card, then a
/// mobile number.
pub fn scan(text: &str) -> Vec<Finding> {
    let scanner = Scanner::new(text);
    let mut findings = Vec::new();
    let mut i = 0;
    while i < scanner.runs.len() {
        match scanner.finding_at(i) {
            Some((finding, next_run)) => {
                findings.push(finding);
                i = next_run;
            }
            None => i += 1,
        }
    }
    findings
}

/// `text` with every [`scan`] finding replaced by its masked form.
///
/// Idempotent: masked forms contain `*` next to their digits, which blocks detection.
pub fn mask(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for f in scan(text) {
        out.push_str(&text[at..f.start]);
        out.push_str(&f.masked);
        at = f.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A one-line Chinese summary for the reviewer, e.g. `发现 2 处身份证号码、1 处手机号码`;
/// the empty string when there are no findings.
pub fn summary(findings: &[Finding]) -> String {
    let parts: Vec<String> = FindingKind::ALL
        .iter()
        .filter_map(|&kind| {
            let n = findings.iter().filter(|f| f.kind == kind).count();
            (n > 0).then(|| format!("{n} 处{}", kind.label()))
        })
        .collect();
    if parts.is_empty() { String::new() } else { format!("发现 {}", parts.join("、")) }
}

/// Whether `s` is a valid 18-character 公民身份号码 per GB 11643-1999.
///
/// * exactly 18 characters: 17 digits (ASCII or full-width) and a check character
///   that is a digit or `X`/`x` (standing for 10);
/// * the 地址码 starts with a plausible province code (11–15, 21–23, 31–37, 41–46,
///   50–54, 61–65, 71, 81, 82, 83, 91);
/// * the 出生日期码 (characters 7–14, `YYYYMMDD`) is a real calendar date with the year
///   in 1900..=2100 (Gregorian leap years);
/// * the 校验码 is the ISO 7064 MOD 11-2 check digit GB 11643-1999 §4.4 prescribes:
///   `(12 - Σ aᵢ·Wᵢ mod 11) mod 11` with weights `Wᵢ = 2^(17-i) mod 11`.
///
/// All three checks matter: the check digit alone passes one random 18-digit run in
/// eleven, and long serial numbers are common in government documents.
pub fn is_valid_id_number(s: &str) -> bool {
    let mut body = [0u8; 17];
    let mut chars = s.chars();
    for slot in &mut body {
        match chars.next().and_then(digit_value) {
            Some(v) => *slot = v,
            None => return false,
        }
    }
    let check = match chars.next() {
        Some(c) if is_check_x(c) => 10,
        Some(c) => match digit_value(c) {
            Some(v) => v,
            None => return false,
        },
        None => return false,
    };
    chars.next().is_none() && id_valid(&body, check)
}

/// Whether `digits` (ASCII or full-width digits only, at least one) passes the Luhn
/// check (ISO/IEC 7812-1) that bank card numbers carry: doubling every second digit
/// from the right, the digit sum is a multiple of 10. Any other character → `false`.
pub fn luhn_valid(digits: &str) -> bool {
    let mut values = Vec::with_capacity(digits.len());
    for c in digits.chars() {
        match digit_value(c) {
            Some(v) => values.push(v),
            None => return false,
        }
    }
    !values.is_empty() && luhn(&values)
}

// ---------------------------------------------------------------------------
// Checks on digit values.

/// Province codes (first two digits of the 地址码) per GB/T 2260, plus 71 台湾,
/// 81 香港, 82 澳门, 83 (台湾居民居住证) and 91 (外国人永久居留身份证).
fn province_ok(code: u8) -> bool {
    matches!(
        code,
        11..=15 | 21..=23 | 31..=37 | 41..=46 | 50..=54 | 61..=65 | 71 | 81 | 82 | 83 | 91
    )
}

fn number(d: &[u8]) -> u32 {
    d.iter().fold(0, |acc, &v| acc * 10 + u32::from(v))
}

/// `YYYYMMDD`, year 1900..=2100, a real Gregorian date.
fn birth_date_ok(d: &[u8]) -> bool {
    let (year, month, day) = (number(&d[0..4]), number(&d[4..6]), number(&d[6..8]));
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2100).contains(&year) && (1..=days).contains(&day)
}

/// Province code and birth date plausible: the shape of an ID number.
fn id_shaped(body: &[u8]) -> bool {
    province_ok(body[0] * 10 + body[1]) && birth_date_ok(&body[6..14])
}

/// The GB 11643-1999 ISO 7064 MOD 11-2 check value (10 is written `X`).
fn id_check_value(body: &[u8; 17]) -> u8 {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body.iter().zip(WEIGHTS).map(|(&d, w)| u32::from(d) * w).sum();
    // Both operands are < 12, so the cast is lossless.
    ((12 - sum % 11) % 11) as u8
}

fn id_valid(body: &[u8; 17], check: u8) -> bool {
    id_shaped(body) && id_check_value(body) == check
}

fn luhn(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 1 {
                let twice = d * 2;
                if twice > 9 { twice - 9 } else { twice }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Whether 18 digits form a 统一社会信用代码 whose GB 32100-2015 check character is
/// right (weights `3^i mod 31`, check `31 - Σ mod 31`, 31 written as 0).
fn uscc_numeric_valid(digits: &[u8]) -> bool {
    const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    if digits.len() != 18 {
        return false;
    }
    let sum: u32 = digits[..17].iter().zip(WEIGHTS).map(|(&d, w)| u32::from(d) * w).sum();
    (31 - sum % 31) % 31 == u32::from(digits[17])
}

fn is_mobile(d: &[u8]) -> bool {
    d.len() == 11 && d[0] == 1 && (3..=9).contains(&d[1])
}

// ---------------------------------------------------------------------------
// Character classes.

/// ASCII or full-width digit value.
fn digit_value(c: char) -> Option<u8> {
    match c {
        // Both ranges are ten characters wide, so the casts are lossless.
        '0'..='9' => Some(c as u8 - b'0'),
        '０'..='９' => Some((u32::from(c) - u32::from('０')) as u8),
        _ => None,
    }
}

fn is_check_x(c: char) -> bool {
    matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ')
}

/// Characters a number must not touch: digits, ASCII and full-width letters, and the
/// mask character `*` (so masked values and their fragments are never findings).
fn is_word(c: char) -> bool {
    digit_value(c).is_some() || c.is_ascii_alphabetic() || matches!(c, 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '*' | '＊')
}

/// Single characters that may separate the groups of one written number.
fn is_group_sep(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '-' | '－')
}

/// Characters that glue digits on both sides into one longer number (`2017-01330`,
/// `5234.56`, `001002003/2017`).
fn is_number_joiner(c: char) -> bool {
    matches!(c, '-' | '－' | '.' | '．' | '/' | '／' | '_' | '＿')
}

fn is_plus(c: char) -> bool {
    matches!(c, '+' | '＋')
}

// ---------------------------------------------------------------------------
// The scanner.

/// A maximal run of digits, in char indices.
struct Run {
    start: usize,
    end: usize,
    digits: Vec<u8>,
    /// The run is directly followed by an `X`/`x` (a possible ID check character).
    x_tail: bool,
}

/// Consecutive runs read as one number.
struct Grouped {
    digits: Vec<u8>,
    /// The number ends with the `X` after its last run.
    x: bool,
    /// Char indices of the whole written number (including a trailing `X`).
    start: usize,
    end: usize,
    next_run: usize,
}

struct Scanner<'a> {
    text: &'a str,
    chars: Vec<(usize, char)>,
    runs: Vec<Run>,
}

const BANK_GROUPS: [&[usize]; 4] = [&[4, 4, 4, 4, 3], &[4, 4, 4, 4, 2], &[4, 4, 4, 4, 1], &[4, 4, 4, 4]];

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut runs = Vec::new();
        let mut ci = 0;
        while ci < chars.len() {
            if digit_value(chars[ci].1).is_none() {
                ci += 1;
                continue;
            }
            let start = ci;
            let mut digits = Vec::new();
            while let Some(v) = chars.get(ci).and_then(|&(_, c)| digit_value(c)) {
                digits.push(v);
                ci += 1;
            }
            let x_tail = chars.get(ci).is_some_and(|&(_, c)| is_check_x(c));
            runs.push(Run { start, end: ci, digits, x_tail });
        }
        Scanner { text, chars, runs }
    }

    fn char_at(&self, ci: usize) -> Option<char> {
        self.chars.get(ci).map(|&(_, c)| c)
    }

    fn is_digit_at(&self, ci: usize) -> bool {
        self.char_at(ci).and_then(digit_value).is_some()
    }

    fn byte(&self, ci: usize) -> usize {
        self.chars.get(ci).map_or(self.text.len(), |&(b, _)| b)
    }

    /// The single group separator between run `k` and run `k + 1`, if they are joined.
    fn sep_after(&self, k: usize) -> Option<char> {
        let a = &self.runs[k];
        let b = self.runs.get(k + 1)?;
        if a.x_tail || b.start != a.end + 1 {
            return None;
        }
        self.char_at(a.end).filter(|&c| is_group_sep(c))
    }

    /// Runs `i..` with exactly these group lengths, joined by one and the same
    /// separator. With `x_last`, the last group may end in an `X` counted in its length.
    fn grouped(&self, i: usize, lens: &[usize], x_last: bool) -> Option<Grouped> {
        let last = i + lens.len() - 1;
        let mut digits = Vec::new();
        let mut sep = None;
        for (g, &len) in lens.iter().enumerate() {
            let k = i + g;
            let run = self.runs.get(k)?;
            if g > 0 {
                let s = self.sep_after(k - 1)?;
                if *sep.get_or_insert(s) != s {
                    return None;
                }
            }
            let with_x = k == last && x_last && run.x_tail;
            if run.digits.len() + usize::from(with_x) != len {
                return None;
            }
            digits.extend_from_slice(&run.digits);
        }
        let x = x_last && self.runs[last].x_tail;
        Some(Grouped {
            digits,
            x,
            start: self.runs[i].start,
            end: self.runs[last].end + usize::from(x),
            next_run: last + 1,
        })
    }

    /// Chars `start..end` stand alone: no word character touches them, and no joiner
    /// glues them to further digits.
    fn isolated(&self, start: usize, end: usize) -> bool {
        if start > 0 {
            let c = self.chars[start - 1].1;
            if is_word(c) || (is_number_joiner(c) && start >= 2 && self.is_digit_at(start - 2)) {
                return false;
            }
        }
        if let Some(c) = self.char_at(end)
            && (is_word(c) || (is_number_joiner(c) && self.is_digit_at(end + 1)))
        {
            return false;
        }
        true
    }

    /// Preceded by a currency sign or followed (after spaces) by `元` or a percent sign.
    fn amount_context(&self, start: usize, end: usize) -> bool {
        if start > 0 && matches!(self.chars[start - 1].1, '¥' | '￥' | '$' | '＄') {
            return true;
        }
        let mut ci = end;
        while self.char_at(ci).is_some_and(|c| c == ' ' || c == '\u{3000}') {
            ci += 1;
        }
        self.char_at(ci).is_some_and(|c| matches!(c, '元' | '%' | '％' | '‰'))
    }

    fn finding(&self, kind: FindingKind, start: usize, end: usize, masked: String) -> Finding {
        Finding { kind, start: self.byte(start), end: self.byte(end), masked }
    }

    fn finding_at(&self, i: usize) -> Option<(Finding, usize)> {
        self.id_at(i).or_else(|| self.bank_at(i)).or_else(|| self.mobile_at(i))
    }

    fn id_at(&self, i: usize) -> Option<(Finding, usize)> {
        for lens in [&[18][..], &[6, 8, 4]] {
            let Some(g) = self.grouped(i, lens, true) else {
                continue;
            };
            let mut body = [0u8; 17];
            body.copy_from_slice(&g.digits[..17]);
            let check = if g.x { 10 } else { g.digits[17] };
            if id_valid(&body, check) && self.isolated(g.start, g.end) {
                let masked = id_masked(&body, check);
                return Some((self.finding(FindingKind::IdNumber, g.start, g.end, masked), g.next_run));
            }
        }
        None
    }

    fn bank_at(&self, i: usize) -> Option<(Finding, usize)> {
        let compact = [self.runs[i].digits.len()];
        let compact_ok = (16..=19).contains(&compact[0]);
        let patterns = BANK_GROUPS.iter().copied().chain(compact_ok.then_some(&compact[..]));
        for lens in patterns {
            let Some(g) = self.grouped(i, lens, false) else {
                continue;
            };
            if !self.isolated(g.start, g.end) {
                continue;
            }
            let d = &g.digits;
            if d.len() == 18 && id_shaped(d) {
                // An ID number is never a bank card; an ID-shaped run with a wrong
                // check digit is neither (see the module documentation).
                let mut body = [0u8; 17];
                body.copy_from_slice(&d[..17]);
                if !id_valid(&body, d[17]) {
                    continue;
                }
                let masked = id_masked(&body, d[17]);
                return Some((self.finding(FindingKind::IdNumber, g.start, g.end, masked), g.next_run));
            }
            if luhn(d) && !uscc_numeric_valid(d) {
                let mut masked = String::with_capacity(d.len());
                push_digits(&mut masked, &d[..6]);
                masked.extend(std::iter::repeat_n('*', d.len() - 10));
                push_digits(&mut masked, &d[d.len() - 4..]);
                return Some((self.finding(FindingKind::BankCard, g.start, g.end, masked), g.next_run));
            }
        }
        None
    }

    /// An 11-digit mobile number written compactly or 3-4-4 at run `k`.
    fn mobile_number(&self, k: usize) -> Option<Grouped> {
        self.grouped(k, &[11], false).or_else(|| self.grouped(k, &[3, 4, 4], false)).filter(|g| is_mobile(&g.digits))
    }

    /// `start` moved back over a directly preceding `+`.
    fn with_plus(&self, start: usize) -> usize {
        if start > 0 && is_plus(self.chars[start - 1].1) { start - 1 } else { start }
    }

    fn mobile_at(&self, i: usize) -> Option<(Finding, usize)> {
        let run = &self.runs[i];
        let is_prefix = matches!(run.digits[..], [8, 6] | [0, 0, 8, 6]);
        let embedded_prefix = match run.digits[..] {
            [8, 6, ..] if run.digits.len() == 13 => Some(2),
            [0, 0, 8, 6, ..] if run.digits.len() == 15 => Some(4),
            _ => None,
        }
        .filter(|&p| is_mobile(&run.digits[p..]));

        // (start of the whole written number, start of the 11 digits, digits, end, next run)
        let (start, number_start, digits, end, next_run) = if is_prefix
            && self.sep_after(i).is_some()
            && let Some(g) = self.mobile_number(i + 1)
        {
            (self.with_plus(run.start), g.start, g.digits, g.end, g.next_run)
        } else if let Some(p) = embedded_prefix {
            let digits = run.digits[p..].to_vec();
            (self.with_plus(run.start), run.start + p, digits, run.end, i + 1)
        } else {
            let g = self.mobile_number(i)?;
            (g.start, g.start, g.digits, g.end, g.next_run)
        };
        if !self.isolated(start, end) || self.amount_context(start, end) {
            return None;
        }
        let mut masked = self.text[self.byte(start)..self.byte(number_start)].to_owned();
        push_digits(&mut masked, &digits[..3]);
        masked.push_str("****");
        push_digits(&mut masked, &digits[7..]);
        Some((self.finding(FindingKind::Mobile, start, end, masked), next_run))
    }
}

fn push_digits(out: &mut String, digits: &[u8]) {
    out.extend(digits.iter().map(|&d| char::from(b'0' + d)));
}

/// First 6 and last 4 kept: `330302********1234`.
fn id_masked(body: &[u8; 17], check: u8) -> String {
    let mut masked = String::with_capacity(18);
    push_digits(&mut masked, &body[..6]);
    masked.push_str("********");
    push_digits(&mut masked, &body[14..]);
    masked.push(if check == 10 { 'X' } else { char::from(b'0' + check) });
    masked
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    // --- independent helpers (not the code under test) -------------------------

    /// GB 11643-1999 check character for 17 ASCII digits, computed from scratch.
    fn id_check_char(body: &str) -> char {
        assert_eq!(body.len(), 17);
        let sum: u32 =
            body.bytes().enumerate().map(|(i, b)| u32::from(b - b'0') * (2u32.pow(17 - i as u32) % 11)).sum();
        char::from(b"10X98765432"[(sum % 11) as usize])
    }

    fn with_check(body: &str) -> String {
        format!("{body}{}", id_check_char(body))
    }

    /// `prefix` completed with its Luhn check digit.
    fn luhn_complete(prefix: &str) -> String {
        let sum: u32 = prefix
            .bytes()
            .rev()
            .enumerate()
            .map(|(i, b)| {
                let d = u32::from(b - b'0');
                if i % 2 == 0 {
                    let t = d * 2;
                    if t > 9 { t - 9 } else { t }
                } else {
                    d
                }
            })
            .sum();
        format!("{prefix}{}", (10 - sum % 10) % 10)
    }

    fn full_width(s: &str) -> String {
        s.chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(u32::from(c) - u32::from('0') + 0xFF10).unwrap(),
                '-' => '－',
                'X' => 'Ｘ',
                c => c,
            })
            .collect()
    }

    /// Joins the characters of `s` in groups of the given sizes with `sep`.
    fn grouped(s: &str, sizes: &[usize], sep: &str) -> String {
        let mut out = Vec::new();
        let mut rest = s;
        for &n in sizes {
            let (a, b) = rest.split_at(n);
            out.push(a);
            rest = b;
        }
        assert!(rest.is_empty());
        out.join(sep)
    }

    /// The one finding in `text`, checked to cover exactly `expected_span`.
    fn only_finding(text: &str, expected_span: &str) -> Finding {
        let found = scan(text);
        assert_eq!(found.len(), 1, "{text:?}: {found:?}");
        let f = found.into_iter().next().unwrap();
        assert_eq!(&text[f.start..f.end], expected_span, "{text:?}");
        f
    }

    fn assert_clean(text: &str) {
        assert_eq!(scan(text), vec![], "{text:?} must not be flagged");
        assert_eq!(mask(text), text);
    }

    fn id_33() -> String {
        with_check("33030219800101123")
    }

    // --- ID numbers -------------------------------------------------------------

    #[test]
    fn known_id_check_digits() {
        // The GB 11643-1999 example number.
        assert_eq!(with_check("11010519491231002"), "11010519491231002X");
        assert!(is_valid_id_number("11010519491231002X"));
        assert!(is_valid_id_number("11010519491231002x"));
        assert!(is_valid_id_number(&full_width("11010519491231002X")));
        let id = id_33();
        assert!(is_valid_id_number(&id), "{id}");
        for body in ["44030419991111002", "65010220000229345", "91000021001231000", "83012319000101777"] {
            assert!(is_valid_id_number(&with_check(body)), "{body}");
        }
    }

    #[test]
    fn wrong_check_digit_is_invalid_and_not_a_finding() {
        for body in ["33030219800101123", "11010519491231002", "44030419991111002"] {
            let right = id_check_char(body);
            for c in "0123456789X".chars().filter(|&c| c != right) {
                let s = format!("{body}{c}");
                assert!(!is_valid_id_number(&s), "{s}");
                // Neither an ID nor (even when Luhn-valid) a bank card.
                assert_clean(&format!("身份证号{s}。"));
                assert_clean(&format!("编号 {} 。", grouped(&s, &[6, 8, 4], " ")));
            }
        }
    }

    #[test]
    fn invalid_birth_dates() {
        for date in [
            "19990230", "19000229", "21000229", "18991231", "21010101", "19801301", "19800001", "19800100", "19800431",
            "20230229", "19800632",
        ] {
            let id = with_check(&format!("110105{date}002"));
            assert!(!is_valid_id_number(&id), "{id}");
            assert_clean(&format!("身份证{id}"));
        }
        for date in ["20000229", "20240229", "19000101", "21001231", "19800430"] {
            let id = with_check(&format!("110105{date}002"));
            assert!(is_valid_id_number(&id), "{id}");
        }
    }

    #[test]
    fn province_codes() {
        for p in [
            "00", "10", "16", "20", "24", "30", "38", "40", "47", "49", "55", "60", "66", "70", "72", "80", "84", "90",
            "92", "99",
        ] {
            let id = with_check(&format!("{p}010519491231002"));
            assert!(!is_valid_id_number(&id), "{id}");
        }
        for p in ["11", "15", "21", "23", "31", "37", "41", "46", "50", "54", "61", "65", "71", "81", "82", "83", "91"]
        {
            let id = with_check(&format!("{p}010519491231002"));
            assert!(is_valid_id_number(&id), "{id}");
        }
    }

    #[test]
    fn malformed_id_strings() {
        let id = id_33();
        for s in [
            "",
            &id[..17],
            &format!("{id}0"),
            &format!(" {id}"),
            "1101051949123100X2",
            "11010519491231002Y",
            "110105194912310O2X",
            "11010519491231002XX",
        ] {
            assert!(!is_valid_id_number(s), "{s:?}");
        }
    }

    #[test]
    fn scan_finds_compact_id_with_masking_and_byte_offsets() {
        let id = id_33();
        let text = format!("申请人张三，身份证号{id}，住址略。");
        let f = only_finding(&text, &id);
        assert_eq!(f.kind, FindingKind::IdNumber);
        assert_eq!(f.start, "申请人张三，身份证号".len());
        assert_eq!(f.masked, format!("330302********{}", &id[14..]));
        assert_eq!(mask(&text), format!("申请人张三，身份证号{}，住址略。", f.masked));
    }

    #[test]
    fn scan_finds_id_ending_in_x() {
        let f = only_finding("证件号码：11010519491231002X", "11010519491231002X");
        assert_eq!(f.masked, "110105********002X");
        let f = only_finding("证件号码：11010519491231002x。", "11010519491231002x");
        assert_eq!(f.masked, "110105********002X");
        let fw = full_width("11010519491231002X");
        let f = only_finding(&format!("号码{fw}"), &fw);
        assert_eq!(f.masked, "110105********002X");
    }

    #[test]
    fn scan_finds_partially_spaced_id() {
        let id = id_33();
        for sep in [" ", "-"] {
            let written = grouped(&id, &[6, 8, 4], sep);
            let f = only_finding(&format!("身份证：{written}，"), &written);
            assert_eq!(f.kind, FindingKind::IdNumber);
            assert_eq!(f.masked, format!("330302********{}", &id[14..]));
        }
        let x = grouped("11010519491231002X", &[6, 8, 4], " ");
        assert_eq!(only_finding(&x, &x).masked, "110105********002X");
        // Groups of 4 are how cards are written, but an ID stays an ID.
        let id4 = with_check("44030419991111003");
        assert!(id4.ends_with(|c: char| c.is_ascii_digit()));
        let written = grouped(&id4, &[4, 4, 4, 4, 2], " ");
        assert_eq!(only_finding(&written, &written).kind, FindingKind::IdNumber);
        // Mixed separators or other groupings are not one written number.
        assert_clean(&format!("{} {}-{}", &id[..6], &id[6..14], &id[14..]));
        assert_clean(&grouped(&id, &[6, 4, 4, 4], " "));
    }

    #[test]
    fn id_touching_digits_or_letters_is_not_a_finding() {
        let id = id_33();
        for text in [
            format!("1{id}"),
            format!("{id}1"),
            format!("A{id}"),
            format!("{id}B"),
            format!("{id}X"),
            format!("ｂ{id}"),
            format!("2017-{id}"),
            format!("{id}.5"),
            format!("{id}/2"),
            format!("*{id}"),
        ] {
            // (A run made longer may still be a Luhn-valid 19-digit card; it is
            // never an ID.)
            assert!(scan(&text).iter().all(|f| f.kind != FindingKind::IdNumber), "{text}");
        }
        // Punctuation and Chinese text around it are fine.
        for text in [format!("（{id}）"), format!("-{id}-"), format!("{id}."), format!("ID:{id}")] {
            only_finding(&text, &id);
        }
    }

    // --- mobile numbers -----------------------------------------------------------

    #[test]
    fn mobile_forms() {
        let fw = full_width("13812345678");
        let fw_dashed = full_width("138-1234-5678");
        let cases: Vec<(String, &str, &str)> = vec![
            ("联系电话13812345678。".into(), "13812345678", "138****5678"),
            ("手机：138-1234-5678".into(), "138-1234-5678", "138****5678"),
            ("手机：138 1234 5678，".into(), "138 1234 5678", "138****5678"),
            ("手机 +86 13812345678".into(), "+86 13812345678", "+86 138****5678"),
            ("手机+8613812345678".into(), "+8613812345678", "+86138****5678"),
            ("手机 8613812345678".into(), "8613812345678", "86138****5678"),
            ("手机86-138-1234-5678".into(), "86-138-1234-5678", "86-138****5678"),
            ("+86 138 1234 5678".into(), "+86 138 1234 5678", "+86 138****5678"),
            ("0086 13812345678".into(), "0086 13812345678", "0086 138****5678"),
            ("（+86）13812345678".into(), "13812345678", "138****5678"),
            (format!("电话{fw}"), &fw, "138****5678"),
            (format!("电话{fw_dashed}"), &fw_dashed, "138****5678"),
            ("19912345678".into(), "19912345678", "199****5678"),
            ("王先生13012345678".into(), "13012345678", "130****5678"),
        ];
        for (text, span, masked) in &cases {
            let f = only_finding(text, span);
            assert_eq!(f.kind, FindingKind::Mobile, "{text}");
            assert_eq!(f.masked, *masked, "{text}");
        }
    }

    #[test]
    fn lists_of_mobiles() {
        let text = "13812345678 13912345678、15012345678,18612345678；138-1234-5678 139-1234-5678";
        let found = scan(text);
        assert_eq!(found.len(), 6, "{found:?}");
        assert!(found.iter().all(|f| f.kind == FindingKind::Mobile));
        assert_eq!(mask(text), "138****5678 139****5678、150****5678,186****5678；138****5678 139****5678");
    }

    #[test]
    fn not_mobiles() {
        for text in [
            "12812345678",
            "10012345678",
            "138123456789",
            "2138123456789",
            "1381234567",
            "13812345678元",
            "预算13812345678 元",
            "¥13812345678",
            "增长13812345678%",
            "13812345678.50",
            "2017-13812345678",
            "138-1234-56789",
            "138-1234-5678-9",
            "138 1234 567",
            "1381-234-5678",
            "138-1234 5678",
            "A13812345678",
            "13812345678B",
        ] {
            assert_clean(text);
        }
    }

    #[test]
    fn fixed_lines_are_not_findings() {
        for text in [
            "联系电话：0577-88888888",
            "88888888",
            "电话（0577）88888888",
            "0577 8888 8888",
            "0577-88888888-8001",
            "010-12345678",
            "057788888888",
            "400-123-4567",
            "4001234567",
            "12345政务服务便民热线",
            "投诉电话12315",
        ] {
            assert_clean(text);
        }
    }

    // --- bank cards -------------------------------------------------------------

    #[test]
    fn bank_cards() {
        let c19 = luhn_complete("622202123456789012");
        let c16 = luhn_complete("622848001234567");
        let c17 = luhn_complete("6225881234567890");
        let c18 = luhn_complete("62220212345678901");
        assert!(luhn_valid(&c19) && luhn_valid(&c16) && luhn_valid(&c17) && luhn_valid(&c18));
        let d18: Vec<u8> = c18.bytes().map(|b| b - b'0').collect();
        assert!(!id_shaped(&d18) && !uscc_numeric_valid(&d18));

        for card in [&c16, &c17, &c18, &c19] {
            let masked = format!("{}{}{}", &card[..6], "*".repeat(card.len() - 10), &card[card.len() - 4..]);
            let text = format!("收款账号{card}，户名张三");
            let f = only_finding(&text, card);
            assert_eq!(f.kind, FindingKind::BankCard, "{card}");
            assert_eq!(f.masked, masked);
            let mut sizes = vec![4; card.len() / 4];
            if card.len() % 4 != 0 {
                sizes.push(card.len() % 4);
            }
            for sep in [" ", "-"] {
                let written = grouped(card, &sizes, sep);
                let f = only_finding(&format!("卡号：{written}。"), &written);
                assert_eq!(f.kind, FindingKind::BankCard, "{written}");
                assert_eq!(f.masked, masked);
            }
            let fw = full_width(card);
            assert_eq!(only_finding(&fw, &fw).masked, masked);
        }
        assert_eq!(only_finding(&c19, &c19).masked, format!("622202*********{}", &c19[15..]));
    }

    #[test]
    fn not_bank_cards() {
        let c19 = luhn_complete("622202123456789012");
        let wrong = format!("{}{}", &c19[..18], (c19.as_bytes()[18] - b'0' + 1) % 10);
        assert!(!luhn_valid(&wrong));
        let c15 = luhn_complete("62220212345678");
        let c20 = luhn_complete("6222021234567890123");
        for text in [
            wrong.clone(),
            c15,
            c20,
            format!("1{c19}"),
            format!("{c19}0"),
            format!("NO{c19}"),
            grouped(&c19, &[4, 4, 4, 4, 3], " ").replacen(' ', "-", 1),
            grouped(&c19, &[4, 4, 4, 3, 4], " "),
            grouped(&c19, &[4, 4, 4, 4, 3], "  "),
        ] {
            assert_clean(&text);
        }
    }

    #[test]
    fn unified_social_credit_codes_are_not_flagged() {
        assert_clean("统一社会信用代码：91330300MA285XXXX1");
        assert_clean("统一社会信用代码：11330300002500001X");
        // An all-digit code with a valid GB 32100-2015 check that also happens to
        // pass Luhn is still not taken for an 18-digit bank card.
        let code = (0..10_000)
            .map(|n| format!("9133030012345{n:04}"))
            .find_map(|body| {
                let d: Vec<u8> = body.bytes().map(|b| b - b'0').collect();
                (0..10u8).find_map(|c| {
                    let mut all = d.clone();
                    all.push(c);
                    (uscc_numeric_valid(&all) && luhn(&all)).then(|| format!("{body}{c}"))
                })
            })
            .expect("some all-digit code passes both checks");
        assert!(luhn_valid(&code));
        assert_clean(&format!("统一社会信用代码：{code}"));
    }

    // --- government text, masked values, masking ---------------------------------

    #[test]
    fn government_numbers_are_not_flagged() {
        assert_clean(
            "温政办〔2017〕62号 索引号：001002003/2017-01330 发布日期：20170608 \
             成文日期：2017年6月8日 全市生产总值5234.56亿元，同比增长7.8%，\
             财政收入1234567890元，户籍人口8312345人，邮编325000，\
             电话：0577-88962000，传真：0577-88962001，监督电话12345，\
             统一社会信用代码：91330300MA285XXXX1，项目编号ZJ2017-0001-123456789，\
             批次 2017 0608 0001 共 3 件。",
        );
    }

    #[test]
    fn already_masked_values_are_not_findings() {
        for text in [
            "330302********1234",
            "110105********002X",
            "138****5678",
            "+86 138****5678",
            "138＊＊＊＊5678",
            "622202*********0123",
            "6222 **** **** 0123",
            "138xxxx5678",
        ] {
            assert_clean(text);
        }
    }

    #[test]
    fn mask_replaces_every_finding_and_is_idempotent() {
        let id = id_33();
        let card = luhn_complete("622202123456789012");
        let text = format!(
            "申请人：张三，身份证号 {id}；手机 +86 138-1234-5678；\
             退款账户 {}；办公电话 0577-88962000。",
            grouped(&card, &[4, 4, 4, 4, 3], " ")
        );
        let masked = mask(&text);
        assert_eq!(
            masked,
            format!(
                "申请人：张三，身份证号 330302********{}；手机 +86 138****5678；\
                 退款账户 622202*********{}；办公电话 0577-88962000。",
                &id[14..],
                &card[15..]
            )
        );
        assert_eq!(mask(&masked), masked);
        assert!(scan(&masked).is_empty());
    }

    #[test]
    fn offsets_are_byte_offsets_into_the_original() {
        let text = "电话：１３８１２３４５６７８，谢谢";
        let f = only_finding(text, "１３８１２３４５６７８");
        assert_eq!(f.start, "电话：".len());
        assert_eq!(f.end, f.start + 11 * '１'.len_utf8());
        assert_eq!(mask(text), "电话：138****5678，谢谢");
    }

    #[test]
    fn findings_come_in_order() {
        let id = id_33();
        let card = luhn_complete("622848001234567");
        let text = format!("{card} 13812345678 {id} 13912345678");
        let kinds: Vec<FindingKind> = scan(&text).iter().map(|f| f.kind).collect();
        assert_eq!(kinds, [FindingKind::BankCard, FindingKind::Mobile, FindingKind::IdNumber, FindingKind::Mobile]);
    }

    #[test]
    fn summary_for_reviewers() {
        assert_eq!(summary(&[]), "");
        let id = id_33();
        let text = format!("{id}，{}，13812345678", with_check("11010519491231002"));
        assert_eq!(summary(&scan(&text)), "发现 2 处身份证号码、1 处手机号码");
        let card = luhn_complete("622848001234567");
        assert_eq!(summary(&scan(&card)), "发现 1 处银行卡号");
        let all = format!("{text} {card} 13912345678");
        assert_eq!(summary(&scan(&all)), "发现 2 处身份证号码、2 处手机号码、1 处银行卡号");
    }

    #[test]
    fn labels_and_serde() {
        assert_eq!(FindingKind::IdNumber.label(), "身份证号码");
        assert_eq!(FindingKind::Mobile.label(), "手机号码");
        assert_eq!(FindingKind::BankCard.label(), "银行卡号");
        for kind in FindingKind::ALL {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(serde_json::from_str::<FindingKind>(&json).unwrap(), kind);
        }
    }

    #[test]
    fn luhn_vectors() {
        assert!(luhn_valid("79927398713"));
        assert!(!luhn_valid("79927398710"));
        assert!(luhn_valid(&full_width("79927398713")));
        assert!(luhn_valid("0"));
        assert!(!luhn_valid(""));
        assert!(!luhn_valid("7992 7398 713"));
        assert!(!luhn_valid("7992739871a"));
    }

    // --- properties -------------------------------------------------------------

    const PROVINCES: [u32; 49] = [
        11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62,
        63, 64, 65, 71, 81, 82, 83, 91, 11, 33, 33, 44, 44, 32, 37, 41, 51, 42, 43, 35, 13,
    ];

    fn valid_id() -> impl Strategy<Value = String> {
        (prop::sample::select(&PROVINCES[..]), 0u32..10_000, 1900u32..=2100, 1u32..=12, 1u32..=28, 0u32..1000)
            .prop_map(|(p, area, y, m, d, seq)| with_check(&format!("{p}{area:04}{y}{m:02}{d:02}{seq:03}")))
    }

    fn valid_mobile() -> impl Strategy<Value = String> {
        (3u32..=9, 0u32..1_000_000_000).prop_map(|(second, rest)| format!("1{second}{rest:09}"))
    }

    /// How a number may be written in a document.
    fn written(number: String, form: u8, groups: &[usize]) -> String {
        match form % 4 {
            0 => number,
            1 => full_width(&number),
            2 => grouped(&number, groups, " "),
            _ => number.to_lowercase(),
        }
    }

    fn chinese_text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                8 => prop::char::range('\u{4e00}', '\u{9fa5}'),
                1 => prop::sample::select(vec!['，', '。', '：', '（', '）', '、', ' ', '\n', '；']),
            ],
            0..30,
        )
        .prop_map(String::from_iter)
    }

    /// Text dense in digits and separators, to exercise the boundary rules.
    fn numberish() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            3 => "[0-9]{1,12}",
            2 => prop::sample::select(vec![
                " ", "-", ".", "/", "+", "+86 ", "86", "X", "x", "*", "元", "¥", "中", "，", "　",
                "－", "A", "１３８", "８", "  ",
            ])
            .prop_map(str::to_owned),
            1 => valid_id(),
            1 => valid_mobile(),
            1 => "62[0-9]{14,17}".prop_map(|p| luhn_complete(&p)),
            1 => (valid_id(), any::<u8>()).prop_map(|(id, f)| written(id, f, &[6, 8, 4])),
            1 => (valid_mobile(), any::<u8>()).prop_map(|(m, f)| written(m, f, &[3, 4, 4])),
        ];
        prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
    }

    fn check_invariants(text: &str) -> Result<(), TestCaseError> {
        let found = scan(text);
        let mut last_end = 0;
        for f in &found {
            prop_assert!(f.start < f.end && f.end <= text.len(), "{f:?}");
            prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end), "{f:?}");
            prop_assert!(f.start >= last_end, "overlap or disorder: {found:?}");
            prop_assert!(!f.masked.is_empty() && f.masked.contains('*'), "{f:?}");
            last_end = f.end;
        }
        let masked = mask(text);
        prop_assert_eq!(mask(&masked), masked.clone());
        prop_assert!(scan(&masked).is_empty(), "{masked:?}");
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn scan_invariants_on_any_string(text in any::<String>()) {
            check_invariants(&text)?;
        }

        #[test]
        fn scan_invariants_on_numberish_text(text in numberish()) {
            check_invariants(&text)?;
        }

        #[test]
        fn valid_id_in_chinese_text_is_found(
            before in chinese_text(),
            after in chinese_text(),
            id in valid_id(),
            form in any::<u8>(),
        ) {
            prop_assert!(is_valid_id_number(&id));
            let shown = written(id.clone(), form, &[6, 8, 4]);
            let text = format!("{before}{shown}{after}");
            let found = scan(&text);
            prop_assert_eq!(found.len(), 1, "{:?}", found);
            let f = &found[0];
            prop_assert_eq!(f.kind, FindingKind::IdNumber);
            prop_assert_eq!(f.start, before.len());
            prop_assert_eq!(&text[f.start..f.end], shown.as_str());
            prop_assert_eq!(&f.masked, &format!("{}********{}", &id[..6], &id[14..]));
        }

        #[test]
        fn valid_mobile_in_chinese_text_is_found(
            before in chinese_text(),
            after in chinese_text().prop_filter("元 makes it an amount", |s| !s.trim_start().starts_with('元')),
            mobile in valid_mobile(),
            form in any::<u8>(),
        ) {
            let shown = written(mobile.clone(), form, &[3, 4, 4]);
            let text = format!("{before}{shown}{after}");
            let f = only_finding(&text, &shown);
            prop_assert_eq!(f.kind, FindingKind::Mobile);
            prop_assert_eq!(f.masked, format!("{}****{}", &mobile[..3], &mobile[7..]));
        }
    }
}
