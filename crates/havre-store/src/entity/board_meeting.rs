use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A board (collective) meeting: when, how long, the preparation and the writing of its
/// minutes. Who was present is in `board_meeting_attendance`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "board_meetings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub held_at: DateTimeUtc,
    pub length_minutes: i32,
    pub preparation_minutes: i32,
    pub minutes_writing_minutes: i32,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
