use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A workshop given somewhere: the groups and people reached, and the time it took.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "animations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub workshop_id: Uuid,
    pub held_at: DateTimeUtc,
    /// A value of the organization's list of places.
    pub place_id: Uuid,
    pub class_groups: i32,
    pub students: i32,
    /// Teachers and school staff present.
    pub staff_participants: i32,
    pub facilitation_minutes: i32,
    pub travel_minutes: i32,
    pub preparation_minutes: i32,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
