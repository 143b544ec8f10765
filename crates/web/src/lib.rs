//! gongkai-web: the public site, the back office (`/admin`) and the JSON API, on axum.
//!
//! Thin by design: a handler extracts, parses into domain types, calls the store and renders a
//! view. Templates are askama (compiled, auto-escaping); no public task needs JavaScript.

mod admin;
mod api;
mod cache;
mod error;
mod foi;
mod forms;
mod gazette;
pub mod mail;
mod ops;
mod policies;
mod public;
pub mod search;
pub mod search_db;
mod search_page;
mod security;
mod session;
mod state;
mod views;

use std::future::Future;
use std::path::PathBuf;
use std::time::Duration;

use axum::Router;
use gongkai_core::doc::IndexTemplate;
use gongkai_store::Db;

pub use error::AppError;
pub use state::AppState;

/// What the web layer needs to know; the command line fills it from flags, environment and
/// `gongkai.toml`.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Attachments live under `{data_dir}/blobs`.
    pub data_dir: PathBuf,
    /// The government the site belongs to, shown in the header (e.g. 温州市人民政府).
    pub site_name: String,
    /// The public origin (`https://xxgk.example.gov.cn`). Forms posted from any other origin
    /// are refused; when unset, the request's own `Host` is taken as the origin.
    pub base_url: Option<String>,
    /// Mark cookies `Secure` (the site is served over HTTPS).
    pub secure_cookies: bool,
    /// Largest attachment accepted, in bytes.
    pub max_upload_bytes: usize,
    /// How new 索引号 are made.
    pub index_template: IndexTemplate,
    /// Memory for rendered public pages, in bytes.
    pub page_cache_bytes: usize,
    /// The working-day calendar: the official notices plus the operator's files.
    pub calendar: gongkai_core::calendar::WorkCalendar,
    /// The government above the top of the agency tree, which hears 行政复议 against it
    /// (行政复议法 2023 Art. 24): for a prefecture-level city, its province.
    pub superior_government: String,
    /// Where outgoing mail goes.
    pub mail: crate::mail::MailSettings,
    /// Fixes "today" (China time) for tests that travel in time; `None` in service.
    pub today: Option<time::Date>,
    /// Default 有效期 of normative documents that give none.
    pub validity_periods: gongkai_core::doc::ValidityPeriods,
    /// Working days after its policy within which an interpretation is due.
    pub interpretation_within: u32,
    /// Whether a government's annual report includes its district governments' figures.
    pub report_includes_districts: bool,
    /// Which search index the site uses.
    pub search_engine: crate::search::SearchEngine,
}

impl WebConfig {
    pub fn new(data_dir: PathBuf) -> WebConfig {
        WebConfig {
            data_dir,
            site_name: "温州市人民政府".into(),
            base_url: None,
            secure_cookies: false,
            max_upload_bytes: gongkai_core::doc::attachment::DEFAULT_MAX_ATTACHMENT_BYTES,
            index_template: IndexTemplate::default(),
            page_cache_bytes: 32 * 1024 * 1024,
            calendar: gongkai_core::calendar::WorkCalendar::official(),
            superior_government: "浙江省人民政府".into(),
            mail: crate::mail::MailSettings::default(),
            today: None,
            validity_periods: gongkai_core::doc::ValidityPeriods::default(),
            interpretation_within: gongkai_core::doc::interpretation::DEFAULT_WITHIN_WORKING_DAYS,
            report_includes_districts: false,
            search_engine: crate::search::SearchEngine::Tantivy,
        }
    }
}

/// The whole site as a router, with its state. Tests drive it with `oneshot`.
pub fn router(state: AppState) -> Router {
    let site = Router::new()
        .merge(public::routes())
        .merge(policies::routes())
        .merge(search_page::routes())
        .merge(admin::routes(&state))
        .merge(api::routes())
        .merge(foi::routes())
        .merge(gazette::routes())
        .merge(ops::routes())
        .fallback(public::not_found);
    security::layers(site, &state).with_state(state)
}

/// Builds the state (page cache, metrics, blob store) for a database.
pub fn state(config: WebConfig, db: Db) -> AppState {
    AppState::new(config, db)
}

/// How often a node looks at the outbox for pages another node changed.
const SYNC_EVERY: Duration = Duration::from_secs(2);
/// How often view counts are written. Counts are not legal data: losing half a minute of them
/// in a crash is acceptable, and writing less often keeps a busy site's database quiet.
const FLUSH_EVERY: Duration = Duration::from_secs(30);

/// Serves until `shutdown` resolves (SIGTERM or Ctrl-C in the binary), then stops accepting
/// connections, lets requests in flight finish, and writes the pending view counts.
pub async fn serve(
    state: AppState,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let background = tokio::spawn(background(state.clone()));
    let app = router(state.clone()).into_make_service_with_connect_info::<std::net::SocketAddr>();
    // Pages are written in one go; Nagle's algorithm would only delay the last segment.
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!(error = %e, "could not set TCP_NODELAY");
        }
    });
    let result = axum::serve(listener, app).with_graceful_shutdown(shutdown).await;
    background.abort();
    if let Err(e) = state.flush_views().await {
        tracing::error!(error = %e, "could not write view counts at shutdown");
    }
    result
}

/// Periodic work of a web node: drop cached pages that another node changed (read from the
/// outbox), write view counts, delete expired sessions.
async fn background(state: AppState) {
    let mut sync = tokio::time::interval(SYNC_EVERY);
    let mut flush = tokio::time::interval(FLUSH_EVERY);
    let mut sessions = tokio::time::interval(Duration::from_secs(3600));
    let mut reminders = tokio::time::interval(Duration::from_secs(3600));
    let mut mail = tokio::time::interval(Duration::from_secs(30));
    loop {
        tokio::select! {
            _ = reminders.tick() => {
                if let Err(e) = foi_duties(&state).await {
                    tracing::warn!(error = %e, "deadline reminders failed; will retry");
                }
                if let Err(e) = lifecycle_duties(&state).await {
                    tracing::warn!(error = %e, "policy lifecycle duties failed; will retry");
                }
                if let Err(e) = gongkai_store::annual::remind(state.db(), state.today()).await {
                    tracing::warn!(error = %e, "annual report reminders failed; will retry");
                }
            }
            _ = mail.tick() => {
                if let Err(e) = mail::deliver(&state).await {
                    tracing::warn!(error = %e, "sending mail failed; will retry");
                }
            }
            _ = sync.tick() => {
                if let Err(e) = state.sync_cache().await {
                    tracing::warn!(error = %e, "reading the outbox failed; will retry");
                }
                if let Err(e) = state.sync_search().await {
                    tracing::warn!(error = %e, "updating the search index failed; will retry");
                }
            }
            _ = flush.tick() => {
                if let Err(e) = state.flush_views().await {
                    tracing::warn!(error = %e, "writing view counts failed; will retry");
                }
            }
            _ = sessions.tick() => match gongkai_store::sessions::delete_expired(state.db()).await {
                Ok(n) if n > 0 => tracing::info!(deleted = n, "expired sessions removed"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "removing expired sessions failed"),
            },
        }
    }
}

/// The policy lifecycle's duties, run hourly (each is done once per day and document):
/// expire documents past their 有效期至, bring 尚未生效 ones into force, and remind agencies of
/// documents expiring within 6 months and of overdue interpretations, by one mail per agency
/// to its editors and reviewers.
pub async fn lifecycle_duties(
    state: &AppState,
) -> Result<gongkai_store::lifecycle::DailyReport, gongkai_store::StoreError> {
    let report = gongkai_store::lifecycle::daily(
        state.db(),
        state.calendar(),
        state.today(),
        state.config().interpretation_within,
    )
    .await?;
    for id in report.expired.iter().chain(&report.came_into_force) {
        state.document_changed(*id).await;
    }
    Ok(report)
}

/// The hourly duties of 依申请公开: recompute open cases' deadlines (a newly loaded holiday
/// notice reaches cases in progress), flag cases due within 3 working days and overdue ones,
/// and mail the agency's officers about new flags.
pub async fn foi_duties(state: &AppState) -> Result<usize, gongkai_store::StoreError> {
    gongkai_store::cases::refresh_open(state.db(), state.calendar()).await?;
    let new = gongkai_store::cases::remind(state.db(), state.calendar(), state.today()).await?;
    if new.is_empty() {
        return Ok(0);
    }
    let staff = gongkai_store::users::list(state.db()).await?;
    for n in &new {
        for officer in &staff {
            if officer.active
                && officer.agency_id == Some(n.agency_id)
                && officer.role.handles_requests()
                && let Some(email) = &officer.email
            {
                gongkai_store::cases::queue_mail(state.db(), Some(n.case_id), email, "依申请公开到期提醒", &n.message)
                    .await?;
            }
        }
    }
    Ok(new.len())
}
