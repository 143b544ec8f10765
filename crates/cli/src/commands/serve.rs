//! `gongkai serve`: the web server.

use std::future::Future;

use anyhow::Context;
use gongkai_web::WebConfig;

use super::connect;
use crate::config::Config;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Seed the demo city first if the database has no agencies yet
    #[arg(long)]
    pub demo: bool,
}

pub async fn run(args: Args, config: &Config) -> anyhow::Result<()> {
    let db = connect(config).await?;
    tracing::info!(database = %config.database_url, data_dir = %config.data_dir.display(), "database ready");
    if args.demo {
        super::demo::seed_if_empty(&db, config).await?;
    }
    let mut web = web_config(config);
    web.calendar = super::calendar::load_calendar(&config.data_dir)?;
    let state = gongkai_web::state(web, db.clone());
    let listener = tokio::net::TcpListener::bind(&config.listen)
        .await
        .with_context(|| format!("listening on {}", config.listen))?;
    let address = listener.local_addr().context("reading the listening address")?;
    tracing::info!("listening on http://{address}");
    gongkai_web::serve(state, listener, shutdown_signal()?).await.context("serving")?;
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

pub fn web_config(config: &Config) -> WebConfig {
    let mut web = WebConfig::new(config.data_dir.clone());
    if let Some(name) = &config.site_name {
        web.site_name = name.clone();
    }
    web.base_url = config.base_url.clone();
    web.secure_cookies = config.secure_cookies;
    if let Some(bytes) = config.max_upload_bytes {
        web.max_upload_bytes = bytes;
    }
    web.index_template = config.index_template.clone();
    web.validity_periods = config.validity_periods;
    web.interpretation_within = config.interpretation_within;
    web.report_includes_districts = config.report_includes_districts;
    web.search_engine = config.search_engine;
    if let Some(s) = &config.superior_government {
        web.superior_government = s.clone();
    }
    web.mail = gongkai_web::mail::MailSettings {
        smtp_url: config.smtp_url.clone(),
        from: config.mail_from.clone().unwrap_or_else(|| "gongkai <noreply@localhost>".into()),
        in_memory: false,
    };
    web
}

/// Resolves on SIGTERM (systemd, containers) or Ctrl-C. The handlers are installed before the
/// server starts, so a signal that arrives during start-up is not lost.
fn shutdown_signal() -> anyhow::Result<impl Future<Output = ()> + Send + 'static> {
    #[cfg(unix)]
    let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .context("installing the SIGTERM handler")?;
    Ok(async move {
        let ctrl_c = async {
            // Without a working handler, wait for SIGTERM alone rather than stopping at once.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        };
        #[cfg(unix)]
        tokio::select! {
            _ = ctrl_c => {}
            _ = terminate.recv() => {}
        }
        #[cfg(not(unix))]
        ctrl_c.await;
        tracing::info!("shutting down: finishing requests in flight");
    })
}
