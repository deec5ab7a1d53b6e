//! Degrading under load by queueing and refusing cleanly (docs/safety.md "Reliability"): at most
//! `max_in_flight` requests are served at once, and of those at most `max_reads` reads
//! (GET, HEAD); the others wait their turn, first come first served, and one that waited
//! `queue_timeout` gets a 503 with Retry-After instead of piling up.
//!
//! Why reads have a turn of their own (docs/benchmarks.md "Many at work on one instance"): with
//! every page worked on at once, the two cores are shared between all of them, and a long
//! page (a file of 200 meetings) is slowed by every short one that came after it. With a few
//! at a time, each page is answered about as fast as it alone would be, plus its wait in line:
//! on 2 cores and 64 connections, 8 at a time served a third more pages and halved the
//! slowest hundredth. Writes are not in that line: a form may take long to arrive (a document
//! sent from a phone), and its work waits on the database's write lock anyway.

use crate::AppState;
use crate::error::WebError;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Semaphore, SemaphorePermit};

#[derive(Clone)]
pub struct InFlight {
    all: Arc<Semaphore>,
    reads: Arc<Semaphore>,
}

/// A request's place among those served, held until its answer is ready.
pub struct Turn<'a> {
    _all: SemaphorePermit<'a>,
    _read: Option<SemaphorePermit<'a>>,
}

impl InFlight {
    pub fn new(max: usize, max_reads: usize) -> Self {
        InFlight {
            all: Arc::new(Semaphore::new(max.max(1))),
            reads: Arc::new(Semaphore::new(max_reads.max(1))),
        }
    }

    /// Waits, at most `patience`, for the request's turn. Tokio's semaphore is fair: the
    /// requests waiting are served in the order they came.
    pub async fn enter(&self, method: &Method, patience: Duration) -> Option<Turn<'_>> {
        let reads = method.is_safe().then_some(&self.reads);
        tokio::time::timeout(patience, async {
            let all = self.all.acquire().await.ok()?;
            let read = match reads {
                Some(reads) => Some(reads.acquire().await.ok()?),
                None => None,
            };
            Some(Turn {
                _all: all,
                _read: read,
            })
        })
        .await
        .ok()
        .flatten()
    }
}

pub async fn queue(
    State((state, in_flight)): State<(AppState, InFlight)>,
    req: Request,
    next: Next,
) -> Response {
    match in_flight
        .enter(req.method(), state.config.queue_timeout)
        .await
    {
        // The turn ends when the answer is ready, before it is sent: a slow reader of the
        // answer holds no one up.
        Some(_turn) => next.run(req).await,
        None => {
            let mut response = WebError::Unavailable.into_response();
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
            response
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Duration = Duration::ZERO;

    #[tokio::test]
    async fn reads_past_the_limit_wait_and_writes_go_by() {
        let line = InFlight::new(10, 2);
        let first = line.enter(&Method::GET, NOW).await;
        let second = line.enter(&Method::HEAD, NOW).await;
        assert!(first.is_some() && second.is_some());
        assert!(
            line.enter(&Method::GET, NOW).await.is_none(),
            "a third read waits"
        );
        assert!(
            line.enter(&Method::POST, NOW).await.is_some(),
            "a write is not in the reads' line"
        );
        drop(first);
        assert!(
            line.enter(&Method::GET, NOW).await.is_some(),
            "a read ended, the next is served"
        );
    }

    #[tokio::test]
    async fn every_request_counts_in_the_whole() {
        let line = InFlight::new(2, 8);
        let _write = line.enter(&Method::POST, NOW).await.unwrap();
        let _read = line.enter(&Method::GET, NOW).await.unwrap();
        assert!(line.enter(&Method::GET, NOW).await.is_none());
        assert!(line.enter(&Method::POST, NOW).await.is_none());
    }

    #[tokio::test]
    async fn the_waiting_reads_are_served_in_the_order_they_came() {
        let line = Arc::new(InFlight::new(100, 1));
        let held = line.enter(&Method::GET, NOW).await.unwrap();
        let (tx, mut order) = tokio::sync::mpsc::unbounded_channel();
        let mut waiting = Vec::new();
        for i in 0..5 {
            let line = line.clone();
            let tx = tx.clone();
            waiting.push(tokio::spawn(async move {
                let _turn = line.enter(&Method::GET, Duration::from_secs(10)).await;
                tx.send(i).unwrap();
            }));
            // Let it take its place in the line before the next comes.
            tokio::task::yield_now().await;
        }
        drop(held);
        for w in waiting {
            w.await.unwrap();
        }
        drop(tx);
        let mut served = Vec::new();
        while let Some(i) = order.recv().await {
            served.push(i);
        }
        assert_eq!(served, vec![0, 1, 2, 3, 4]);
    }
}
