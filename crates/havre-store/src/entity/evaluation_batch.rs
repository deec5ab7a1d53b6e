use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Evaluations entered at once: one filled form, or the tallies of a pile of them.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "evaluation_batches")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub workshop_id: Uuid,
    pub animation_id: Option<Uuid>,
    pub respondents: i32,
    /// When the workshop was given: its animation's date, or the day the forms came in.
    pub held_at: DateTimeUtc,
    /// form or tallies.
    pub entered_as: String,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
