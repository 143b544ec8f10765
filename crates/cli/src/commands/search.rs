//! `gongkai reindex` rebuilds the search index from the database (with a progress bar);
//! `gongkai search-check` compares it with the database and exits 1 on any difference. Both act
//! on the configured engine. A tantivy index is owned by one process: stop `gongkai serve` on
//! this data directory first. The database index is shared and can be rebuilt while nodes run.

use std::io::IsTerminal;

use anyhow::{Context, bail};
use gongkai_search::SearchIndex;
use gongkai_web::search::SearchEngine;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::connect;
use crate::config::Config;

fn open(config: &Config, db: &gongkai_store::Db) -> anyhow::Result<std::sync::Arc<dyn SearchIndex>> {
    gongkai_web::search::open(config.search_engine, &config.data_dir, db).with_context(|| match config.search_engine {
        SearchEngine::Tantivy => format!(
            "opening the search index in {} (is `gongkai serve` running on it?)",
            gongkai_web::search::index_dir(&config.data_dir).display()
        ),
        SearchEngine::Database => "opening the search index in the database".to_string(),
    })
}

pub async fn reindex(config: &Config) -> anyhow::Result<()> {
    let db = connect(config).await?;
    let index = open(config, &db)?;
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{elapsed_precise} [{wide_bar}] {pos}/{len} documents")
                .expect("valid template")
                .progress_chars("=> "),
        );
        bar
    });
    let done = gongkai_web::search::reindex(&db, &index, |done, total| match &bar {
        Some(b) => {
            b.set_length(total);
            b.set_position(done);
        }
        None => tracing::info!(done, total, "indexing"),
    })
    .await?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    db.close().await;
    println!("{done} documents indexed");
    Ok(())
}

pub async fn check(config: &Config) -> anyhow::Result<()> {
    let db = connect(config).await?;
    let index = open(config, &db)?;
    // First apply what the outbox holds beyond the cursor, as a starting node would.
    gongkai_web::search::sync(&db, &index).await?;
    let d = gongkai_web::search::check(&db, &index).await?;
    db.close().await;
    if d.is_empty() {
        println!("the search index matches the database");
        return Ok(());
    }
    let show = |ids: &[i64]| ids.iter().take(20).map(i64::to_string).collect::<Vec<_>>().join(", ");
    bail!(
        "the search index differs from the database: {} public documents missing ({}), {} that should not be there ({}); run `gongkai reindex`",
        d.missing.len(),
        show(&d.missing),
        d.extra.len(),
        show(&d.extra)
    )
}
