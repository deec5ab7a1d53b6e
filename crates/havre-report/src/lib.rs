//! Havre's activity report (docs/domain.md §9): a typed model computed from the store's aggregate
//! queries, and its renderers.

pub mod access;
pub mod activity;
pub mod archive;
pub mod charts;
pub mod network;
pub mod payroll;
pub mod pdf;
pub mod spreadsheet;
pub mod tables;

pub use activity::{ActivityReport, Period, ReportError};
