//! The tables, one module each. Sealed (encrypted) columns end in `_sealed`; blind indexes in
//! `_index`. Nothing else in these tables identifies a person.

pub mod api_token;
pub mod attachment;
pub mod audit_entry;
pub mod audit_head;
pub mod call;
pub mod dropin;
pub mod dropin_staff;
pub mod file_access_grant;
pub mod file_caseworker;
pub mod fund_entry;
pub mod group;
pub mod group_attendance;
pub mod group_member;
pub mod group_session;
pub mod group_session_staff;
pub mod group_staff;
pub mod help_request;
pub mod help_request_value;
pub mod list_value;
pub mod login_throttle;
pub mod meeting;
pub mod meeting_staff;
pub mod note;
pub mod organization;
pub mod person;
pub mod referral;
pub mod referral_attempt;
pub mod relative;
pub mod session;
pub mod turn_away;
pub mod user;
