//! Havre's web server: the pages, their JSON twins under /api/v1, authentication, CSRF,
//! translations and the security headers of docs/safety.md.

pub mod api;
mod auth;
mod csrf;
mod ctx;
mod error;
mod headers;
pub mod i18n;
mod limits;
mod metrics;
mod page;
mod pages;
pub mod routes;
mod sections;

pub use auth::{SESSION_COOKIE, SESSION_COOKIE_SECURE};
pub use error::WebError;
pub use pages::public::public_path;

use havre_store::Store;
use std::net::SocketAddr;
use std::sync::Arc;

/// How the server runs.
#[derive(Clone, Debug)]
pub struct Config {
    /// Set when Havre is reached over HTTPS (directly or behind a proxy): cookies get
    /// `Secure` and the `__Host-` prefix, and HSTS is sent.
    pub behind_tls: bool,
    /// Take the client address from the last X-Forwarded-For hop (only behind a proxy that
    /// sets it).
    pub trust_proxy: bool,
    /// Requests served at once; more wait, and those still waiting after `queue_timeout` get
    /// a clean 503.
    pub max_in_flight: usize,
    /// Of those, the reads (GET, HEAD) worked on at once, first come first served
    /// (src/limits.rs says why).
    pub max_reads: usize,
    pub queue_timeout: std::time::Duration,
    /// Where Havre keeps its backups (`havre backup` writes there by default): a file
    /// destroyed is destroyed in them too (docs/privacy.md "Destruction").
    pub backup_dir: Option<std::path::PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            behind_tls: false,
            trust_proxy: false,
            max_in_flight: 256,
            max_reads: default_max_reads(),
            queue_timeout: std::time::Duration::from_secs(10),
            backup_dir: None,
        }
    }
}

/// Four reads per core: enough to keep every core busy while some wait on the database, few
/// enough that each is answered about as fast as alone (docs/benchmarks.md "Many at work on
/// one instance": 8 on 2 cores; 4 left the cores idle, 16 and more made the slowest wait).
pub fn default_max_reads() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get()) * 4
}

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<Config>,
    /// The activity reports, kept until a change (docs/architecture.md "The report kept until a write").
    pub reports: Arc<havre_report::activity::Reports>,
    metrics: Arc<metrics::Metrics>,
}

impl AppState {
    pub fn new(store: Store, config: Config) -> Self {
        AppState {
            store,
            config: Arc::new(config),
            reports: Arc::default(),
            metrics: Arc::new(metrics::Metrics::new()),
        }
    }
}

/// The whole application, with its middleware.
pub fn app(state: AppState) -> axum::Router {
    routes::router(state)
}

/// How often the server verifies the audit chain and reviews what is due for destruction
/// while it runs (and once as it starts).
const WATCH_EVERY: std::time::Duration = std::time::Duration::from_secs(6 * 3600);

/// Havre's own rounds, now and every few hours: it refreshes the database's statistics
/// (`Store::refresh_statistics`), verifies the audit chain (a break opens an incident in every
/// organization for its person in charge to assess), and counts what is due for destruction
/// for her home page (docs/privacy.md "Incidents", "Destruction").
fn keep_watch(store: havre_store::Store) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(WATCH_EVERY);
        loop {
            every.tick().await;
            if let Err(e) = store.refresh_statistics().await {
                tracing::warn!(error = %e, "the database's statistics could not be refreshed");
            }
            match store.watch_audit_chain().await {
                Ok(v) => {
                    if let Some(broken) = v.first_break {
                        tracing::error!(%broken, "the audit chain is broken; an incident is open");
                    }
                }
                Err(e) => tracing::error!(error = %e, "the audit chain could not be verified"),
            }
            if let Err(e) = store.review_retention().await {
                tracing::error!(error = %e, "what is due for destruction could not be counted");
            }
        }
    });
}

/// Serves until the future `shutdown` completes.
pub async fn serve(
    state: AppState,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    keep_watch(state.store.clone());
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
