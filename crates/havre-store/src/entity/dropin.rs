use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// An open drop-in (café-rencontre): a theme, a date, how many came. Nobody is named.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "dropins")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub service_area: String,
    pub theme: String,
    pub held_at: DateTimeUtc,
    pub duration_minutes: i32,
    pub preparation_minutes: i32,
    pub attendance: i32,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
