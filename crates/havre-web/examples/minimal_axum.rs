//! The baseline of docs/benchmarks.md: the smallest axum server, answering a fixed HTML
//! page, measured in the same run as Havre's authenticated page.

use axum::Router;
use axum::response::Html;
use axum::routing::get;

#[tokio::main]
async fn main() {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:8091".to_owned());
    let app = Router::new().route(
        "/",
        get(|| async { Html("<!doctype html><title>ok</title><p>ok</p>") }),
    );
    let listener = tokio::net::TcpListener::bind(&addr).await.expect("bind");
    axum::serve(listener, app).await.expect("serve");
}
