//! Configuration: command-line flags, then `GONGKAI_*` environment variables, then
//! `gongkai.toml`, then built-in defaults that need no file at all (DESIGN §2.5).
//!
//! [`resolve`] is a pure function of the three sources so that precedence and error messages
//! are tested without touching the process environment or the file system; [`load`] does the
//! reading. Relative paths are relative to the working directory, wherever they were written,
//! so that a value means the same thing whether it came from a flag or from the file.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow, bail};
use gongkai_core::doc::IndexTemplate;
use gongkai_store::DbUrl;
use gongkai_web::search::SearchEngine;
use serde::Deserialize;

pub const DEFAULT_DATA_DIR: &str = "./gongkai-data";
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";
pub const DEFAULT_CONFIG_FILE: &str = "./gongkai.toml";

/// The options every subcommand accepts. clap shows their environment variables in `--help`
/// and would fill them from the environment too; [`Flags::without_environment`] takes those
/// back, so that [`resolve`] alone applies the precedence and names the real source of a bad
/// value.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Flags {
    /// Data directory: the default SQLite database and attachment files live here
    /// [default: ./gongkai-data]
    #[arg(long, global = true, env = "GONGKAI_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Database: sqlite://PATH[?mode=rwc] or postgres://USER@HOST/DB
    /// [default: gongkai.db in the data directory, created on first use]
    // The value is hidden from --help: it may hold a password.
    #[arg(long, global = true, env = "GONGKAI_DATABASE_URL", hide_env_values = true, value_name = "URL")]
    pub database_url: Option<String>,
    /// Address the web server listens on [default: 127.0.0.1:8080]
    #[arg(long, global = true, env = "GONGKAI_LISTEN", value_name = "ADDR")]
    pub listen: Option<String>,
    /// Configuration file [default: ./gongkai.toml, if it exists]
    #[arg(long, global = true, env = "GONGKAI_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
}

impl Flags {
    /// Keeps only what was typed on the command line.
    pub fn without_environment(mut self, matches: &clap::ArgMatches) -> Flags {
        let from_env = |id: &str| matches.value_source(id) == Some(clap::parser::ValueSource::EnvVariable);
        if from_env("data_dir") {
            self.data_dir = None;
        }
        if from_env("database_url") {
            self.database_url = None;
        }
        if from_env("listen") {
            self.listen = None;
        }
        if from_env("config") {
            self.config = None;
        }
        self
    }
}

/// How log lines are written to stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// The resolved configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub data_dir: PathBuf,
    pub database_url: DbUrl,
    pub listen: String,
    /// `None` keeps the web layer's default, so there is one place that knows it.
    pub site_name: Option<String>,
    /// The public origin, without a trailing slash.
    pub base_url: Option<String>,
    pub secure_cookies: bool,
    pub max_upload_bytes: Option<usize>,
    pub index_template: IndexTemplate,
    /// `None`: text on a terminal, JSON otherwise (log collectors read JSON).
    pub log_format: Option<LogFormat>,
    /// The mail server for replies and reminders (`smtp://user:pass@host:587`).
    pub smtp_url: Option<String>,
    /// The sender of outgoing mail.
    pub mail_from: Option<String>,
    /// The government that hears 行政复议 against the top of the agency tree (the province).
    pub superior_government: Option<String>,
    /// Default 有效期 of normative documents without one of their own (5 and 2 years).
    pub validity_periods: gongkai_core::doc::ValidityPeriods,
    /// Working days after its policy within which an interpretation is due (default 3).
    pub interpretation_within: u32,
    /// Whether a government's annual report includes its district governments (default no).
    pub report_includes_districts: bool,
    /// Which search index the site uses: a tantivy index per node (default) or one in the
    /// database, shared by every node.
    pub search_engine: gongkai_web::search::SearchEngine,
    /// The file the values were read from, if any, for the start-up log.
    pub file: Option<PathBuf>,
}

/// Keys of `gongkai.toml`. Unknown keys are refused so that a typo (`listn = …`) is not
/// silently ignored in favour of a default.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileValues {
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    listen: Option<String>,
    site_name: Option<String>,
    base_url: Option<String>,
    secure_cookies: Option<bool>,
    max_upload_mb: Option<u64>,
    index_template: Option<String>,
    log_format: Option<String>,
    smtp_url: Option<String>,
    mail_from: Option<String>,
    superior_government: Option<String>,
    validity_years: Option<u32>,
    interim_validity_years: Option<u32>,
    interpretation_within_days: Option<u32>,
    report_includes_districts: Option<bool>,
    search_engine: Option<String>,
}

/// Where a value came from, to name it in error messages.
#[derive(Debug, Clone, Copy)]
enum Origin {
    Flag(&'static str),
    Env(&'static str),
    File(&'static str),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Flag(name) => write!(f, "--{name}"),
            Origin::Env(name) => write!(f, "environment variable {name}"),
            Origin::File(key) => write!(f, "`{key}` in the configuration file"),
        }
    }
}

/// The environment, as far as configuration is concerned.
pub type Env = HashMap<String, String>;

/// The `GONGKAI_*` variables of the process. Values that are not UTF-8 are skipped: none of
/// the settings can be written that way.
pub fn process_env() -> Env {
    std::env::vars_os()
        .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
        .filter(|(k, _)| k.starts_with("GONGKAI_"))
        .collect()
}

fn env_value<'a>(env: &'a Env, key: &str) -> Option<&'a str> {
    env.get(key).map(|v| v.trim()).filter(|v| !v.is_empty())
}

/// Which file to read, and whether it was named explicitly: an explicitly named file must
/// exist; the default one is optional.
pub fn config_file(flags: &Flags, env: &Env) -> (PathBuf, bool) {
    match flags.config.clone().or_else(|| env_value(env, "GONGKAI_CONFIG").map(PathBuf::from)) {
        Some(path) => (path, true),
        None => (PathBuf::from(DEFAULT_CONFIG_FILE), false),
    }
}

/// Reads the configuration file (if any) and resolves everything.
pub fn load(flags: &Flags, env: &Env) -> anyhow::Result<Config> {
    let (path, explicit) = config_file(flags, env);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => None,
        Err(e) => return Err(e).with_context(|| format!("reading configuration file {}", path.display())),
    };
    let file = text.as_deref().map(|t| (path.as_path(), t));
    resolve(flags, env, file)
}

/// Resolves every setting: flag, then environment, then file, then default.
pub fn resolve(flags: &Flags, env: &Env, file: Option<(&Path, &str)>) -> anyhow::Result<Config> {
    let values: FileValues = match file {
        Some((path, text)) => toml::from_str(text)
            .map_err(|e| anyhow!("{}", e.to_string().trim_end()))
            .with_context(|| format!("configuration file {}", path.display()))?,
        None => FileValues::default(),
    };
    let string = |flag: Option<&str>, flag_name, env_key, file_value: Option<&str>, file_key| {
        pick(flag, flag_name, env, env_key, file_value, file_key)
    };

    let data_dir = string(
        flags.data_dir.as_deref().and_then(Path::to_str),
        "data-dir",
        "GONGKAI_DATA_DIR",
        values.data_dir.as_deref().and_then(Path::to_str),
        "data_dir",
    )
    .map(|(v, _)| PathBuf::from(v))
    // A non-UTF-8 path given as a flag is still a path.
    .or_else(|| flags.data_dir.clone())
    .unwrap_or_else(|| PathBuf::from(DEFAULT_DATA_DIR));

    let database_url = match string(
        flags.database_url.as_deref(),
        "database-url",
        "GONGKAI_DATABASE_URL",
        values.database_url.as_deref(),
        "database_url",
    ) {
        Some((url, origin)) => DbUrl::parse(&url).with_context(|| format!("{origin}"))?,
        None => DbUrl::default_in(&data_dir),
    };

    let listen = string(flags.listen.as_deref(), "listen", "GONGKAI_LISTEN", values.listen.as_deref(), "listen")
        .map_or_else(|| DEFAULT_LISTEN.to_string(), |(v, _)| v);

    let site_name = pick(None, "", env, "GONGKAI_SITE_NAME", values.site_name.as_deref(), "site_name").map(|(v, _)| v);

    let base_url = match pick(None, "", env, "GONGKAI_BASE_URL", values.base_url.as_deref(), "base_url") {
        Some((url, origin)) => {
            if !(url.starts_with("https://") || url.starts_with("http://")) || url.len() <= "https://".len() {
                bail!("{origin}: `{url}` is not an http:// or https:// origin (e.g. https://xxgk.example.gov.cn)");
            }
            Some(url.trim_end_matches('/').to_string())
        }
        None => None,
    };

    // Served over HTTPS, cookies must say so; otherwise the browser would also send them over
    // a plain connection to the same host.
    let secure_cookies = match env_value(env, "GONGKAI_SECURE_COOKIES") {
        Some(v) => parse_bool(v)
            .ok_or_else(|| anyhow!("environment variable GONGKAI_SECURE_COOKIES: `{v}` is not true or false"))?,
        None => values.secure_cookies.unwrap_or_else(|| base_url.as_deref().is_some_and(|u| u.starts_with("https://"))),
    };

    let max_upload_mb = match env_value(env, "GONGKAI_MAX_UPLOAD_MB") {
        Some(v) => Some((
            v.parse::<u64>().map_err(|_| {
                anyhow!("environment variable GONGKAI_MAX_UPLOAD_MB: `{v}` is not a whole number of megabytes")
            })?,
            Origin::Env("GONGKAI_MAX_UPLOAD_MB"),
        )),
        None => values.max_upload_mb.map(|v| (v, Origin::File("max_upload_mb"))),
    };
    let max_upload_bytes = match max_upload_mb {
        Some((mb, origin)) if !(1..=4096).contains(&mb) => {
            bail!("{origin}: {mb} MB is outside 1–4096 MB")
        }
        Some((mb, _)) => Some(usize::try_from(mb * 1024 * 1024).context("max_upload_mb is too large")?),
        None => None,
    };

    let index_template =
        match pick(None, "", env, "GONGKAI_INDEX_TEMPLATE", values.index_template.as_deref(), "index_template") {
            Some((t, origin)) => IndexTemplate::parse(&t).with_context(|| format!("{origin}"))?,
            None => IndexTemplate::default(),
        };

    let log_format = match pick(None, "", env, "GONGKAI_LOG_FORMAT", values.log_format.as_deref(), "log_format") {
        Some((f, _)) if f == "text" => Some(LogFormat::Text),
        Some((f, _)) if f == "json" => Some(LogFormat::Json),
        Some((f, origin)) => bail!("{origin}: log format `{f}` is neither `text` nor `json`"),
        None => None,
    };

    let smtp_url = pick(None, "", env, "GONGKAI_SMTP_URL", values.smtp_url.as_deref(), "smtp_url").map(|(v, _)| v);
    if let Some(url) = &smtp_url
        && !(url.starts_with("smtp://") || url.starts_with("smtps://"))
    {
        bail!("smtp_url: `{}` is not an smtp:// or smtps:// URL", url.split('@').next_back().unwrap_or(""));
    }
    let mail_from = pick(None, "", env, "GONGKAI_MAIL_FROM", values.mail_from.as_deref(), "mail_from").map(|(v, _)| v);
    let superior_government = pick(
        None,
        "",
        env,
        "GONGKAI_SUPERIOR_GOVERNMENT",
        values.superior_government.as_deref(),
        "superior_government",
    )
    .map(|(v, _)| v);

    let defaults = gongkai_core::doc::ValidityPeriods::default();
    let validity_periods = gongkai_core::doc::ValidityPeriods {
        general_years: small_number(env, "GONGKAI_VALIDITY_YEARS", values.validity_years, "validity_years", 1..=10)?
            .map_or(defaults.general_years, |n| n as u8),
        interim_years: small_number(
            env,
            "GONGKAI_INTERIM_VALIDITY_YEARS",
            values.interim_validity_years,
            "interim_validity_years",
            1..=10,
        )?
        .map_or(defaults.interim_years, |n| n as u8),
    };
    let interpretation_within = small_number(
        env,
        "GONGKAI_INTERPRETATION_WITHIN_DAYS",
        values.interpretation_within_days,
        "interpretation_within_days",
        0..=20,
    )?
    .unwrap_or(gongkai_core::doc::interpretation::DEFAULT_WITHIN_WORKING_DAYS);

    let report_includes_districts = match env_value(env, "GONGKAI_REPORT_INCLUDES_DISTRICTS") {
        Some(v) => v.parse::<bool>().map_err(|_| {
            anyhow!("environment variable GONGKAI_REPORT_INCLUDES_DISTRICTS: `{v}` is not true or false")
        })?,
        None => values.report_includes_districts.unwrap_or(false),
    };

    let search_engine =
        match pick(None, "", env, "GONGKAI_SEARCH_ENGINE", values.search_engine.as_deref(), "search_engine") {
            Some((name, origin)) => SearchEngine::parse(&name).ok_or_else(|| {
                anyhow!("{origin}: search engine `{name}` is not one of {}", SearchEngine::NAMES.join(", "))
            })?,
            None => SearchEngine::default(),
        };

    Ok(Config {
        data_dir,
        database_url,
        listen,
        site_name,
        base_url,
        secure_cookies,
        max_upload_bytes,
        index_template,
        log_format,
        smtp_url,
        mail_from,
        superior_government,
        validity_periods,
        interpretation_within,
        report_includes_districts,
        search_engine,
        file: file.map(|(p, _)| p.to_path_buf()),
    })
}

/// A whole number from the environment or the file, within `range`.
fn small_number(
    env: &Env,
    env_key: &'static str,
    file: Option<u32>,
    file_key: &'static str,
    range: std::ops::RangeInclusive<u32>,
) -> anyhow::Result<Option<u32>> {
    let (n, origin) = match env_value(env, env_key) {
        Some(v) => (
            v.parse::<u32>().map_err(|_| anyhow!("environment variable {env_key}: `{v}` is not a whole number"))?,
            Origin::Env(env_key),
        ),
        None => match file {
            Some(n) => (n, Origin::File(file_key)),
            None => return Ok(None),
        },
    };
    if !range.contains(&n) {
        bail!("{origin}: {n} is outside {}–{}", range.start(), range.end());
    }
    Ok(Some(n))
}

/// The first of flag, environment and file that is set (and not blank).
fn pick(
    flag: Option<&str>,
    flag_name: &'static str,
    env: &Env,
    env_key: &'static str,
    file: Option<&str>,
    file_key: &'static str,
) -> Option<(String, Origin)> {
    let set = |v: Option<&str>| v.map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
    if let Some(v) = set(flag) {
        return Some((v, Origin::Flag(flag_name)));
    }
    if let Some(v) = env_value(env, env_key) {
        return Some((v.to_string(), Origin::Env(env_key)));
    }
    set(file).map(|v| (v, Origin::File(file_key)))
}

fn parse_bool(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Env {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn file(text: &str) -> Option<(&'static Path, &str)> {
        Some((Path::new("gongkai.toml"), text))
    }

    fn err(flags: &Flags, env: &Env, text: Option<&str>) -> String {
        let e = resolve(flags, env, text.and_then(file)).expect_err("must fail");
        format!("{e:#}")
    }

    #[test]
    fn defaults_need_no_file() {
        let c = resolve(&Flags::default(), &Env::new(), None).unwrap();
        assert_eq!(c.data_dir, PathBuf::from("./gongkai-data"));
        assert_eq!(c.database_url, DbUrl::default_in(Path::new("./gongkai-data")));
        assert_eq!(c.listen, "127.0.0.1:8080");
        assert_eq!(c.site_name, None);
        assert_eq!(c.base_url, None);
        assert!(!c.secure_cookies);
        assert_eq!(c.max_upload_bytes, None);
        assert_eq!(c.index_template, IndexTemplate::default());
        assert_eq!(c.log_format, None);
        assert_eq!(c.file, None);
    }

    #[test]
    fn flag_beats_environment_beats_file() {
        let text = r#"
            data_dir = "/from/file"
            listen = "0.0.0.0:1"
            database_url = "postgres://file@db/g"
            site_name = "文件"
        "#;
        let all = Flags {
            data_dir: Some("/from/flag".into()),
            listen: Some("0.0.0.0:3".into()),
            database_url: Some("sqlite:///flag.db?mode=rwc".into()),
            config: None,
        };
        let e = env(&[
            ("GONGKAI_DATA_DIR", "/from/env"),
            ("GONGKAI_LISTEN", "0.0.0.0:2"),
            ("GONGKAI_DATABASE_URL", "postgres://env@db/g"),
            ("GONGKAI_SITE_NAME", "环境"),
        ]);
        let c = resolve(&all, &e, file(text)).unwrap();
        assert_eq!((c.data_dir.to_str().unwrap(), c.listen.as_str()), ("/from/flag", "0.0.0.0:3"));
        assert_eq!(c.database_url.to_string(), "sqlite:///flag.db");
        assert_eq!(c.site_name.as_deref(), Some("环境"));

        let c = resolve(&Flags::default(), &e, file(text)).unwrap();
        assert_eq!((c.data_dir.to_str().unwrap(), c.listen.as_str()), ("/from/env", "0.0.0.0:2"));
        assert_eq!(c.database_url.to_string(), "postgres://env@db/g");

        let c = resolve(&Flags::default(), &Env::new(), file(text)).unwrap();
        assert_eq!((c.data_dir.to_str().unwrap(), c.listen.as_str()), ("/from/file", "0.0.0.0:1"));
        assert_eq!(c.database_url.to_string(), "postgres://file@db/g");
        assert_eq!(c.site_name.as_deref(), Some("文件"));
        assert_eq!(c.file.as_deref(), Some(Path::new("gongkai.toml")));

        // A blank environment variable counts as unset, as in most shells' `VAR= cmd` idiom.
        let c = resolve(&Flags::default(), &env(&[("GONGKAI_LISTEN", " ")]), file(text)).unwrap();
        assert_eq!(c.listen, "0.0.0.0:1");
    }

    #[test]
    fn the_default_database_follows_the_data_dir() {
        let c = resolve(&Flags::default(), &env(&[("GONGKAI_DATA_DIR", "/srv/gk")]), None).unwrap();
        assert_eq!(c.database_url, DbUrl::Sqlite { path: "/srv/gk/gongkai.db".into(), create: true });
        let c = resolve(&Flags::default(), &Env::new(), file("database_url = \"sqlite:///srv/x.db\"")).unwrap();
        assert_eq!(c.database_url, DbUrl::Sqlite { path: "/srv/x.db".into(), create: false });
    }

    #[test]
    fn file_only_settings() {
        let text = r#"
            site_name = "温州市人民政府"
            base_url = "https://xxgk.wenzhou.gov.cn/"
            max_upload_mb = 20
            index_template = "{agency_code}/{year}{month}-{serial:05}"
            log_format = "json"
            search_engine = "database"
        "#;
        let c = resolve(&Flags::default(), &Env::new(), file(text)).unwrap();
        assert_eq!(c.search_engine, SearchEngine::Database);
        assert_eq!(c.base_url.as_deref(), Some("https://xxgk.wenzhou.gov.cn"));
        assert!(c.secure_cookies, "an https origin implies secure cookies");
        assert_eq!(c.max_upload_bytes, Some(20 * 1024 * 1024));
        assert_eq!(c.index_template.render("001002003", 2021, 10, 13).unwrap().as_str(), "001002003/202110-00013");
        assert_eq!(c.log_format, Some(LogFormat::Json));

        let e =
            env(&[("GONGKAI_SECURE_COOKIES", "false"), ("GONGKAI_MAX_UPLOAD_MB", "5"), ("GONGKAI_LOG_FORMAT", "text")]);
        let c = resolve(&Flags::default(), &e, file(text)).unwrap();
        assert!(!c.secure_cookies);
        assert_eq!(c.max_upload_bytes, Some(5 * 1024 * 1024));
        assert_eq!(c.log_format, Some(LogFormat::Text));
        let c = resolve(&Flags::default(), &Env::new(), file("secure_cookies = true")).unwrap();
        assert!(c.secure_cookies);
    }

    #[test]
    fn unknown_keys_are_named() {
        let m = err(&Flags::default(), &Env::new(), Some("listen = \"0.0.0.0:80\"\nlisten_adress = \"x\"\n"));
        assert!(m.contains("listen_adress"), "{m}");
        assert!(m.contains("gongkai.toml"), "{m}");
        let m = err(&Flags::default(), &Env::new(), Some("max_upload_mb = \"lots\""));
        assert!(m.contains("max_upload_mb"), "{m}");
    }

    #[test]
    fn unknown_database_scheme_is_refused_and_named() {
        let m = err(&Flags { database_url: Some("postgress://x".into()), ..Flags::default() }, &Env::new(), None);
        assert!(m.contains("--database-url") && m.contains("postgress://x"), "{m}");
        let m = err(&Flags::default(), &env(&[("GONGKAI_DATABASE_URL", "mysql://u:secret@h/g")]), None);
        assert!(m.contains("GONGKAI_DATABASE_URL") && m.contains("unsupported"), "{m}");
        assert!(!m.contains("secret"), "passwords never appear in messages: {m}");
    }

    #[test]
    fn bad_values_are_explained() {
        let m = err(&Flags::default(), &env(&[("GONGKAI_SEARCH_ENGINE", "elastic")]), None);
        assert!(m.contains("GONGKAI_SEARCH_ENGINE") && m.contains("tantivy, database"), "{m}");
        let m = err(&Flags::default(), &Env::new(), Some("index_template = \"{year}-{serial}\""));
        assert!(m.contains("index_template") && m.contains("{agency_code}"), "{m}");
        let m = err(&Flags::default(), &env(&[("GONGKAI_INDEX_TEMPLATE", "{agency_code}/{yr}-{serial}")]), None);
        assert!(m.contains("GONGKAI_INDEX_TEMPLATE") && m.contains("{yr}"), "{m}");
        let m = err(&Flags::default(), &Env::new(), Some("log_format = \"xml\""));
        assert!(m.contains("xml"), "{m}");
        let m = err(&Flags::default(), &env(&[("GONGKAI_SECURE_COOKIES", "maybe")]), None);
        assert!(m.contains("GONGKAI_SECURE_COOKIES"), "{m}");
        let m = err(&Flags::default(), &env(&[("GONGKAI_MAX_UPLOAD_MB", "0")]), None);
        assert!(m.contains("GONGKAI_MAX_UPLOAD_MB"), "{m}");
        let m = err(&Flags::default(), &Env::new(), Some("base_url = \"xxgk.example.gov.cn\""));
        assert!(m.contains("base_url"), "{m}");
    }

    #[test]
    fn the_config_file_is_optional_only_when_not_named() {
        assert_eq!(config_file(&Flags::default(), &Env::new()), (PathBuf::from("./gongkai.toml"), false));
        assert_eq!(
            config_file(&Flags::default(), &env(&[("GONGKAI_CONFIG", "/etc/gk.toml")])),
            (PathBuf::from("/etc/gk.toml"), true)
        );
        let flags = Flags { config: Some("/nonexistent/gk.toml".into()), ..Flags::default() };
        assert_eq!(config_file(&flags, &Env::new()), (PathBuf::from("/nonexistent/gk.toml"), true));
        let e = load(&flags, &Env::new()).unwrap_err();
        assert!(format!("{e:#}").contains("/nonexistent/gk.toml"), "{e:#}");
    }
}
