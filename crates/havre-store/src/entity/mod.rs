//! The tables, one module each. Sealed (encrypted) columns end in `_sealed`; blind indexes in
//! `_index`. Nothing else in these tables identifies a person.

/// A table that links one record to another (a facilitator to her animation, a member to the
/// board meeting she attended): the two ids are its key, with the organization beside them.
/// Written once here, so that every such table has the same shape.
macro_rules! link_table {
    ($table:literal, $record:ident, $linked:ident) => {
        use sea_orm::entity::prelude::*;
        use serde::{Deserialize, Serialize};

        #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
        #[sea_orm(table_name = $table)]
        pub struct Model {
            #[sea_orm(primary_key, auto_increment = false)]
            pub $record: Uuid,
            #[sea_orm(primary_key, auto_increment = false)]
            pub $linked: Uuid,
            pub organization_id: Uuid,
        }

        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {}

        impl ActiveModelBehavior for ActiveModel {}
    };
}
use link_table;

pub mod access_request;
pub mod agreement;
pub mod animation;
pub mod animation_staff;
pub mod annual_meeting;
pub mod api_token;
pub mod appointment;
pub mod attachment;
pub mod audit_entry;
pub mod audit_head;
pub mod board_meeting;
pub mod board_meeting_attendance;
pub mod call;
pub mod complaint;
pub mod complaint_step;
pub mod dropin;
pub mod dropin_staff;
pub mod evaluation_batch;
pub mod evaluation_count;
pub mod evaluation_question;
pub mod file_access_grant;
pub mod file_caseworker;
pub mod fund_entry;
pub mod governance_member;
pub mod group;
pub mod group_attendance;
pub mod group_member;
pub mod group_session;
pub mod group_session_staff;
pub mod group_staff;
pub mod help_request;
pub mod help_request_value;
pub mod hosting;
pub mod hour_category;
pub mod hour_entry;
pub mod house;
pub mod house_staff;
pub mod housing_request;
pub mod housing_unit;
pub mod import;
pub mod import_row;
pub mod incident;
pub mod list_value;
pub mod login_throttle;
pub mod meeting;
pub mod meeting_staff;
pub mod mission;
pub mod mission_task;
pub mod mission_worker;
pub mod network_member;
pub mod network_share;
pub mod network_submission;
pub mod note;
pub mod online_request;
pub mod organization;
pub mod outreach_figure;
pub mod partner;
pub mod pathway;
pub mod pathway_enrolment;
pub mod pathway_step;
pub mod pay_correction;
pub mod pay_schedule;
pub mod pay_statement;
pub mod person;
pub mod privacy_setting;
pub mod program;
pub mod published_text;
pub mod referral;
pub mod referral_attempt;
pub mod relative;
pub mod report_narrative;
pub mod retention_review;
pub mod service_request;
pub mod service_request_event;
pub mod session;
pub mod stay;
pub mod stay_child;
pub mod stay_extension;
pub mod step_completion;
pub mod training_given;
pub mod training_participant;
pub mod training_received;
pub mod turn_away;
pub mod unit_outage;
pub mod user;
pub mod worked_hours;
pub mod worker;
pub mod worker_rate;
pub mod workshop;
