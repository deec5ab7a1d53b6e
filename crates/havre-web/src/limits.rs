//! Degrading under load by queueing and refusing cleanly (docs/safety.md "Reliability"): at most
//! `max_in_flight` requests are served at once; the others wait their turn, and one that
//! waited `queue_timeout` gets a 503 with Retry-After instead of piling up.

use crate::AppState;
use crate::error::WebError;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use tokio::sync::Semaphore;

#[derive(Clone)]
pub struct InFlight(Arc<Semaphore>);

impl InFlight {
    pub fn new(max: usize) -> Self {
        InFlight(Arc::new(Semaphore::new(max.max(1))))
    }
}

pub async fn queue(
    State((state, in_flight)): State<(AppState, InFlight)>,
    req: Request,
    next: Next,
) -> Response {
    match tokio::time::timeout(state.config.queue_timeout, in_flight.0.acquire()).await {
        Ok(Ok(_permit)) => next.run(req).await,
        _ => {
            let mut response = WebError::Unavailable.into_response();
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
            response
        }
    }
}
