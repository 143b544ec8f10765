//! What every handler can reach: configuration, database, attachment store, caches, metrics.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, OnceLock, RwLock};
use std::time::{Duration, Instant};

use gongkai_store::agencies::Agency;
use gongkai_store::blobs::FsBlobStore;
use gongkai_store::{Db, StoreError};
use metrics_exporter_prometheus::PrometheusHandle;

use crate::WebConfig;
use crate::cache::{PageCache, ViewCounter};

#[derive(Clone)]
pub struct AppState(Arc<Inner>);

struct Inner {
    config: WebConfig,
    db: Db,
    blobs: FsBlobStore,
    pages: PageCache,
    views: ViewCounter,
    agencies: RwLock<Option<(Instant, Arc<Vec<Agency>>)>>,
    outbox_cursor: AtomicI64,
    metrics: PrometheusHandle,
    mailer: crate::mail::Mailer,
    /// This node's search index; `None` when it could not be opened (another process holds it),
    /// in which case search says it is unavailable and the rest of the site works.
    search: Option<Arc<dyn gongkai_search::SearchIndex>>,
}

/// The agency list changes rarely (an administrator edits it); nodes that did not make the
/// change pick it up within this time.
const AGENCIES_TTL: Duration = Duration::from_secs(30);

/// The metrics recorder is process-wide; tests build many states in one process.
fn metrics_handle() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            // Buckets make the request-duration metric a cheap histogram instead of a summary
            // that computes quantiles on every request.
            let builder = metrics_exporter_prometheus::PrometheusBuilder::new()
                .set_buckets(&[0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0])
                .expect("bucket list is not empty");
            let recorder = builder.build_recorder();
            let handle = recorder.handle();
            // Fails only if another recorder was installed first, in which case our handle
            // simply renders nothing.
            let _ = metrics::set_global_recorder(recorder);
            handle
        })
        .clone()
}

/// This process's file of rendered pages, under `{data_dir}/cache`. Files left by processes
/// that no longer run are removed.
fn page_file(data_dir: &std::path::Path) -> std::path::PathBuf {
    let root = data_dir.join("cache");
    let proc = std::path::Path::new("/proc");
    if proc.join("self").exists()
        && let Ok(entries) = std::fs::read_dir(&root)
    {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some(pid) = name.strip_prefix("pages-")
                && pid.bytes().all(|b| b.is_ascii_digit())
                && !proc.join(pid).exists()
            {
                crate::cache::remove_in_background(&entry.path());
            }
        }
    }
    root.join(format!("pages-{}", std::process::id()))
}

impl AppState {
    pub fn new(config: WebConfig, db: Db) -> AppState {
        let blobs = FsBlobStore::new(&config.data_dir);
        let pages = PageCache::new(config.page_cache_bytes, Some(page_file(&config.data_dir)));
        let search = match crate::search::open(config.search_engine, &config.data_dir, &db) {
            Ok(index) => Some(index),
            Err(e) => {
                tracing::warn!(error = %e, "the search index could not be opened; search is unavailable");
                None
            }
        };
        AppState(Arc::new(Inner {
            search,
            blobs,
            pages,
            views: ViewCounter::default(),
            agencies: RwLock::new(None),
            outbox_cursor: AtomicI64::new(-1),
            metrics: metrics_handle(),
            mailer: crate::mail::Mailer::new(&config.mail),
            config,
            db,
        }))
    }

    /// This node's search index, if it could be opened, to move into a blocking task (its
    /// calls block).
    pub fn search_index(&self) -> Option<Arc<dyn gongkai_search::SearchIndex>> {
        self.0.search.clone()
    }

    /// Brings the search index up to date with the outbox (see [`crate::search`]).
    pub async fn sync_search(&self) -> Result<usize, crate::search::SyncError> {
        match &self.0.search {
            Some(index) => crate::search::sync(&self.0.db, index).await,
            None => Ok(0),
        }
    }

    pub fn config(&self) -> &WebConfig {
        &self.0.config
    }

    pub fn db(&self) -> &Db {
        &self.0.db
    }

    pub fn calendar(&self) -> &gongkai_core::calendar::WorkCalendar {
        &self.0.config.calendar
    }

    /// Today in China, the date legal periods are counted from.
    pub fn today(&self) -> time::Date {
        self.0.config.today.unwrap_or_else(|| gongkai_core::tz::local_date(gongkai_store::now()))
    }

    /// The current instant, moved to the configured date when one is set (demo and tests), so
    /// that submission times agree with the date periods are counted from.
    pub fn now(&self) -> time::OffsetDateTime {
        let now = gongkai_store::now();
        match self.0.config.today {
            Some(d) => gongkai_core::tz::from_local(d.with_time(now.to_offset(gongkai_core::tz::CST).time())),
            None => now,
        }
    }

    pub(crate) fn mailer(&self) -> &crate::mail::Mailer {
        &self.0.mailer
    }

    /// What an in-memory mailer has sent (tests).
    pub fn sent_mail(&self) -> Vec<crate::mail::SentMail> {
        self.0.mailer.sent()
    }

    pub fn blobs(&self) -> &FsBlobStore {
        &self.0.blobs
    }

    pub(crate) fn pages(&self) -> &PageCache {
        &self.0.pages
    }

    pub(crate) fn views(&self) -> &ViewCounter {
        &self.0.views
    }

    pub(crate) fn metrics(&self) -> &PrometheusHandle {
        &self.0.metrics
    }

    /// All agencies, from a short-lived cache.
    pub async fn agencies(&self) -> Result<Arc<Vec<Agency>>, StoreError> {
        if let Some((at, list)) = self.0.agencies.read().expect("agency cache lock").as_ref()
            && at.elapsed() < AGENCIES_TTL
        {
            return Ok(list.clone());
        }
        let list = Arc::new(gongkai_store::agencies::list(&self.0.db).await?);
        *self.0.agencies.write().expect("agency cache lock") = Some((Instant::now(), list.clone()));
        Ok(list)
    }

    /// Called after this node changed an agency.
    pub(crate) fn forget_agencies(&self) {
        *self.0.agencies.write().expect("agency cache lock") = None;
        self.0.pages.clear();
    }

    pub async fn agency(&self, id: i64) -> Result<Option<Agency>, StoreError> {
        Ok(self.agencies().await?.iter().find(|a| a.id == id).cloned())
    }

    /// Writes the views counted since the last flush.
    pub async fn flush_views(&self) -> Result<(), StoreError> {
        let counts = self.0.views.take();
        if let Err(e) = gongkai_store::documents::add_views(&self.0.db, &counts).await {
            // Put them back so the next flush retries them.
            self.0.views.restore(&counts);
            return Err(e);
        }
        Ok(())
    }

    /// Drops the cached pages of a document this node just changed, and of the documents whose
    /// pages link to it (its interpretations, citations, repeals), at once; other nodes follow
    /// through the outbox.
    pub async fn document_changed(&self, id: i64) {
        self.0.pages.evict(id);
        match gongkai_store::lifecycle::related_documents(&self.0.db, &[id]).await {
            Ok(related) => related.into_iter().for_each(|d| self.0.pages.evict(d)),
            // The outbox sync evicts them within seconds anyway.
            Err(e) => tracing::warn!(error = %e, "reading related documents failed"),
        }
    }

    /// Drops cached pages of documents changed since the last look at the outbox (by this
    /// node or another one).
    pub async fn sync_cache(&self) -> Result<(), StoreError> {
        let cursor = self.0.outbox_cursor.load(Ordering::Relaxed);
        if cursor < 0 {
            // First run: pages cached so far were rendered after start-up, so only changes
            // from now on matter.
            let head = gongkai_store::documents::outbox_head(&self.0.db).await?;
            self.0.outbox_cursor.store(head, Ordering::Relaxed);
            return Ok(());
        }
        let (changed, last) = gongkai_store::documents::changed_since(&self.0.db, cursor).await?;
        for id in changed {
            self.0.pages.evict(id);
        }
        self.0.outbox_cursor.store(last, Ordering::Relaxed);
        Ok(())
    }
}
