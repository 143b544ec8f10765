//! Checks of WCAG 2.1 AA / GB/T 37668 basics that a program can make: text contrast of the
//! site's colours, labelled form controls, page language, one main heading, a skip link.

mod common;

use common::TestApp;

fn hex(c: &str) -> (f64, f64, f64) {
    let c = c.trim_start_matches('#');
    let c = if c.len() == 3 { c.chars().flat_map(|x| [x, x]).collect::<String>() } else { c.to_string() };
    let p = |i: usize| u8::from_str_radix(&c[i..i + 2], 16).unwrap() as f64 / 255.0;
    (p(0), p(2), p(4))
}

/// WCAG 2.1 relative luminance and contrast ratio.
fn contrast(a: &str, b: &str) -> f64 {
    let lum = |(r, g, b): (f64, f64, f64)| {
        let f = |v: f64| if v <= 0.03928 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) };
        0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b)
    };
    let (x, y) = (lum(hex(a)), lum(hex(b)));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

fn variables(css: &str) -> std::collections::HashMap<String, String> {
    let root = &css[css.find(":root").unwrap()..];
    let block = &root[root.find('{').unwrap() + 1..root.find('}').unwrap()];
    block
        .split(';')
        .filter_map(|d| d.split_once(':'))
        .map(|(k, v)| (k.trim().trim_start_matches("--").to_string(), v.trim().to_string()))
        .collect()
}

#[test]
fn text_colours_have_at_least_4_5_to_1_contrast() {
    let css = include_str!("../static/site.css");
    let v = variables(css);
    let pairs = [
        ("fg", "bg"),
        ("muted", "bg"),
        ("link", "bg"),
        ("brand-fg", "brand"),
        ("muted", "panel"),
        ("link", "panel"),
        ("fg", "panel"),
        ("error", "bg"),
        ("ok", "bg"),
        ("warn", "bg"),
        ("error", "panel"),
    ];
    for (fg, bg) in pairs {
        let ratio = contrast(&v[fg], &v[bg]);
        assert!(ratio >= 4.5, "{fg} on {bg}: {ratio:.2}");
    }
    // Banners and the high-contrast mode set their colours literally.
    for (fg, bg) in [("#6d0b0f", "#fdf1f1"), ("#4d3000", "#fff6e5"), ("#ffffff", "#000000"), ("#ffff00", "#000000")] {
        assert!(contrast(fg, bg) >= 4.5, "{fg} on {bg}");
    }
    assert!(css.contains(":focus-visible"), "focus must be visible");
}

/// Every visible form control has a `<label for>` pointing at it.
fn unlabelled_controls(html: &str) -> Vec<String> {
    let mut missing = Vec::new();
    for tag in ["<input", "<select", "<textarea"] {
        let mut rest = html;
        while let Some(i) = rest.find(tag) {
            let end = rest[i..].find('>').unwrap() + i;
            let element = &rest[i..end];
            rest = &rest[end..];
            if element.contains("type=\"hidden\"") {
                continue;
            }
            let Some(id_at) = element.find(" id=\"") else {
                missing.push(element.to_string());
                continue;
            };
            let id = &element[id_at + 5..];
            let id = &id[..id.find('"').unwrap()];
            if !html.contains(&format!("<label for=\"{id}\"")) {
                missing.push(element.to_string());
            }
        }
    }
    missing
}

#[tokio::test]
async fn pages_are_labelled_and_structured() {
    let app = TestApp::new().await;
    let (id, n) = app.published("无障碍检查").await;
    let editor = app.editor().await;
    let pages = vec![
        ("/", app.get("/").await),
        ("/xxgk/", app.get("/xxgk/").await),
        ("doc", app.get(&format!("/doc/{n}")).await),
        ("catalogue", app.get("/xxgk/wzszfb/").await),
        ("guide", app.get("/xxgk/wzszfb/guide").await),
        ("login", app.get("/login").await),
        ("new", app.get_as("/admin/docs/new", &editor).await),
        ("docs", app.get_as("/admin/docs", &editor).await),
        ("view", app.get_as(&format!("/admin/docs/{id}"), &editor).await),
    ];
    for (name, page) in pages {
        assert_eq!(page.status, 200, "{name}");
        let html = &page.body;
        assert!(html.contains("<html lang=\"zh-CN\">"), "{name}: language");
        assert_eq!(html.matches("<h1").count(), 1, "{name}: exactly one h1");
        assert!(html.contains("href=\"#main\"") && html.contains("id=\"main\""), "{name}: skip link");
        assert!(html.contains("name=\"viewport\""), "{name}: phone layout");
        assert_eq!(unlabelled_controls(html), Vec::<String>::new(), "{name}: unlabelled controls");
        assert!(
            !html.contains("<img") || !html.split("<img").skip(1).any(|i| !i[..i.find('>').unwrap()].contains("alt=")),
            "{name}: images need alt"
        );
    }
}
