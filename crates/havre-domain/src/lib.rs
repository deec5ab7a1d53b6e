//! Havre's rules, without I/O: who may do what, what a valid password is, how hours and
//! numbers are written. Every capability adds its rules here, in a module named after it.

pub mod files;
pub mod fund;
pub mod governance;
pub mod groups;
pub mod hours;
pub mod housing;
pub mod ids;
pub mod intake;
pub mod lists;
pub mod meetings;
pub mod organizations;
pub mod password;
pub mod policy;
pub mod prevention;
pub mod referrals;
pub mod report;
pub mod suppression;
pub mod text;
pub mod throttle;
pub mod validation;
pub mod year;
pub mod zone;
