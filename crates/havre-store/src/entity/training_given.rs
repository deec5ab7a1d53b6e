use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A training given to school staff, police, caseworkers…
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "trainings_given")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub held_at: DateTimeUtc,
    /// school_staff, police, caseworkers, other.
    pub audience: String,
    pub title: String,
    /// The module it gives (In-Vivo), when it is one of a series; the report counts its
    /// sessions.
    pub module: Option<String>,
    pub participants: i32,
    pub minutes: i32,
    pub preparation_minutes: i32,
    pub travel_minutes: i32,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
