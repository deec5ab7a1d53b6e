use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// The team's text for one section of the activity report of one period, sealed: it may quote
/// a testimony.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "report_narratives")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub first_day: Date,
    pub last_day: Date,
    pub section: String,
    pub body_sealed: String,
    pub updated_by: Option<Uuid>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
