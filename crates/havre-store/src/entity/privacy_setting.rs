use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// An organization's privacy settings: its person in charge of personal information, as the
/// public page names her, and the days it gives itself to answer a complaint.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "privacy_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub organization_id: Uuid,
    pub officer_title: String,
    pub officer_contact: String,
    pub complaint_answer_days: i32,
    /// Years a closed file is kept, from its last closing; the default when none.
    pub file_retention_years: Option<i32>,
    /// Years for the other kinds of records (havre_domain::privacy::RetentionKind).
    pub unserved_request_retention_years: Option<i32>,
    pub call_retention_years: Option<i32>,
    pub complaint_retention_years: Option<i32>,
    pub incident_retention_years: Option<i32>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
