//! The body of a document: rich text that is safe to put on a public page.
//!
//! Bodies come from an editor's form, from legacy pages and from imports, so they may contain
//! script, event handlers or `javascript:` links. A [`SafeHtml`] can only be made by sanitising
//! (or by the store, for values it sanitised before writing them), so a template can print it
//! unescaped without risk.

use std::collections::HashSet;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

/// Sanitised HTML.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub struct SafeHtml(String);

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let tags: HashSet<&str> = [
        "p",
        "br",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "s",
        "sub",
        "sup",
        "ul",
        "ol",
        "li",
        "blockquote",
        "pre",
        "code",
        "table",
        "caption",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "a",
        "img",
        "hr",
        "div",
        "span",
    ]
    .into_iter()
    .collect();
    let mut b = ammonia::Builder::default();
    b.tags(tags)
        .tag_attributes(
            [
                ("a", ["href", "title"].into_iter().collect::<HashSet<_>>()),
                ("img", ["src", "alt", "width", "height"].into_iter().collect()),
                ("th", ["colspan", "rowspan", "scope"].into_iter().collect()),
                ("td", ["colspan", "rowspan"].into_iter().collect()),
                ("ol", ["start"].into_iter().collect()),
            ]
            .into_iter()
            .collect(),
        )
        .generic_attributes(HashSet::new())
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"));
    b
});

/// Block-level tags after which the plain text of a body starts a new line.
const BLOCK_TAGS: [&str; 14] =
    ["p", "br", "div", "li", "tr", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "hr"];

impl SafeHtml {
    /// Sanitises untrusted HTML: only structural and text-level tags survive; scripts, styles,
    /// event handlers, forms, frames and unsafe URL schemes are removed.
    pub fn sanitize(html: &str) -> SafeHtml {
        SafeHtml(SANITIZER.clean(html).to_string())
    }

    /// Builds a body from plain-text paragraphs (legacy pages), escaping everything and
    /// dropping control characters, which no page should show.
    pub fn from_paragraphs<S: AsRef<str>>(paragraphs: &[S]) -> SafeHtml {
        let mut out = String::new();
        for p in paragraphs {
            out.push_str("<p>");
            let text: String = p.as_ref().chars().filter(|c| !c.is_control()).collect();
            out.push_str(&escape_text(&text));
            out.push_str("</p>\n");
        }
        SafeHtml(out)
    }

    /// Wraps HTML that gongkai itself sanitised before storing it. Only the store calls this,
    /// for values read back from its own tables.
    pub fn from_stored(html: String) -> SafeHtml {
        SafeHtml(html)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }

    /// The text of the body, one line per block, for privacy checks, summaries and search.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        let mut rest = self.0.as_str();
        while let Some(lt) = rest.find('<') {
            out.push_str(&unescape(&rest[..lt]));
            let Some(gt) = rest[lt..].find('>') else {
                break;
            };
            let tag = rest[lt + 1..lt + gt].trim_start_matches('/');
            let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
            if BLOCK_TAGS.contains(&name.to_ascii_lowercase().as_str()) && !out.ends_with('\n') && !out.is_empty() {
                out.push('\n');
            }
            rest = &rest[lt + gt + 1..];
        }
        out.push_str(&unescape(rest));
        out.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
    }

    /// A summary for catalogues when the editor wrote none: the first `max_chars` characters.
    pub fn excerpt(&self, max_chars: usize) -> String {
        let text = self.plain_text().replace('\n', " ");
        let mut chars = text.chars();
        let head: String = chars.by_ref().take(max_chars).collect();
        if chars.next().is_some() { format!("{head}…") } else { head }
    }
}

impl From<String> for SafeHtml {
    /// Deserialised bodies (imports) are untrusted, so they are sanitised.
    fn from(s: String) -> SafeHtml {
        SafeHtml::sanitize(&s)
    }
}

impl From<SafeHtml> for String {
    fn from(h: SafeHtml) -> String {
        h.0
    }
}

/// Escapes text for element content exactly as the sanitiser's serialiser does, so that
/// sanitising a body built from paragraphs leaves it unchanged.
fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{A0}' => out.push_str("&nbsp;"),
            _ => out.push(c),
        }
    }
    out
}

fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest.find(';').filter(|i| *i <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Payloads from the usual XSS cheat sheets; none may survive sanitising as active content.
    pub(crate) const XSS_PAYLOADS: &[&str] = &[
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<body onload=alert(1)>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<p onclick=\"alert(1)\">x</p>",
        "<form action=\"https://evil.example\"><input name=x></form>",
        "<object data=\"x.swf\"></object>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "\"><script>alert(1)</script>",
        "<scr<script>ipt>alert(1)</script>",
        "<style>@import 'https://evil.example/x.css';</style>",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
        "<base href=\"https://evil.example/\">",
        "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
    ];

    fn is_inert(html: &str) -> bool {
        let lower = html.to_ascii_lowercase();
        ![
            "<script",
            "<iframe",
            "<svg",
            "<object",
            "<form",
            "<style",
            "<meta",
            "<base",
            "<math",
            "javascript:",
            "onerror",
            "onload",
            "onclick",
            "style=",
            "data:",
        ]
        .iter()
        .any(|bad| lower.contains(bad))
    }

    #[test]
    fn xss_payloads_are_neutralised() {
        for p in XSS_PAYLOADS {
            let clean = SafeHtml::sanitize(p);
            assert!(is_inert(clean.as_str()), "{p} -> {}", clean.as_str());
        }
    }

    #[test]
    fn structure_and_safe_links_survive() {
        let html = "<h2>一、总体要求</h2><p>见<a href=\"https://www.gov.cn/\" onclick=\"x()\">中国政府网</a>。</p><table><tr><th scope=\"col\">项目</th></tr><tr><td colspan=\"2\">1</td></tr></table>";
        let clean = SafeHtml::sanitize(html);
        assert!(clean.as_str().contains("<h2>一、总体要求</h2>"));
        assert!(clean.as_str().contains("href=\"https://www.gov.cn/\""));
        assert!(clean.as_str().contains("rel=\"noopener noreferrer\""));
        assert!(!clean.as_str().contains("onclick"));
        assert!(clean.as_str().contains("<td colspan=\"2\">"));
    }

    #[test]
    fn paragraphs_are_escaped() {
        let body = SafeHtml::from_paragraphs(&["各县(市、区)人民政府:", "<script>alert(1)</script> & 1<2"]);
        assert_eq!(
            body.as_str(),
            "<p>各县(市、区)人民政府:</p>\n<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; 1&lt;2</p>\n"
        );
        assert_eq!(body.plain_text(), "各县(市、区)人民政府:\n<script>alert(1)</script> & 1<2");
    }

    #[test]
    fn plain_text_breaks_blocks_and_decodes_entities() {
        let body = SafeHtml::sanitize("<p>第一段&nbsp;A&amp;B</p><p>第二段<br>换行&#x4E00;&#19968;</p>");
        assert_eq!(body.plain_text(), "第一段 A&B\n第二段\n换行一一");
    }

    #[test]
    fn excerpt_is_bounded() {
        let body = SafeHtml::from_paragraphs(&["一二三四五六七八九十"]);
        assert_eq!(body.excerpt(5), "一二三四五…");
        assert_eq!(body.excerpt(10), "一二三四五六七八九十");
    }

    proptest! {
        #[test]
        fn sanitising_is_idempotent(s in "\\PC{0,200}") {
            let once = SafeHtml::sanitize(&s);
            prop_assert_eq!(SafeHtml::sanitize(once.as_str()), once);
        }

        #[test]
        fn paragraphs_round_trip_through_plain_text(ps in proptest::collection::vec("[^\\s\\p{Cc}<>&]{1,20}", 1..5)) {
            let body = SafeHtml::from_paragraphs(&ps);
            prop_assert_eq!(body.plain_text(), ps.join("\n"));
            prop_assert_eq!(SafeHtml::sanitize(body.as_str()), body);
        }
    }
}
