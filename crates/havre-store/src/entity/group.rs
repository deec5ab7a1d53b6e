use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A closed group (groupe de cheminement): its settings and its dates. Its name says when it
/// runs ("Groupe automne 2026"), never who is in it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "groups")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub name: String,
    /// direct_help or exploitation.
    pub service_area: String,
    pub capacity: i32,
    pub planned_meetings: i32,
    pub meeting_minutes: i32,
    pub starts_on: DateTimeUtc,
    pub closed_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
