use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A meeting of an episode: its kind, when and where, and the time in it and around it (the
/// report counts hours invested with preparation, debrief and travel). Only the reason for
/// going past a limit is free text, and it is sealed.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "meetings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub person_id: Uuid,
    /// The episode (help request) the meeting belongs to.
    pub help_request_id: Uuid,
    /// The relative met, for a meeting of support to relatives.
    pub relative_id: Option<Uuid>,
    pub kind: String,
    pub held_at: DateTimeUtc,
    pub place_kind: String,
    /// The partner premises, from the organization's list of places.
    pub place_id: Option<Uuid>,
    pub duration_minutes: i32,
    pub preparation_minutes: i32,
    pub debrief_minutes: i32,
    pub travel_minutes: i32,
    pub over_limit_reason_sealed: Option<String>,
    /// The texts handed out at a first meeting, with their versions
    /// (`service_declaration:3,complaint_process:2`; docs/privacy.md).
    pub texts_given: Option<String>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
