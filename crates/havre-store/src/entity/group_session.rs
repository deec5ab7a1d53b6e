use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A session of a group: the information meeting (counted by head), a meeting (attendance per
/// woman) or a mid-group check-in with one woman.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "group_sessions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub group_id: Uuid,
    pub organization_id: Uuid,
    /// information, meeting or check_in.
    pub kind: String,
    pub held_at: DateTimeUtc,
    pub duration_minutes: i32,
    pub preparation_minutes: i32,
    pub headcount: Option<i32>,
    /// The woman met, for a check-in.
    pub person_id: Option<Uuid>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
