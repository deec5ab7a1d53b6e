use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A request for a place: who asked, for whom (an alias sealed, or her file), the household,
/// where it stands, and why it could not be met.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "housing_requests")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub received_on: Date,
    pub source: String,
    pub alias_sealed: Option<String>,
    pub note_sealed: Option<String>,
    pub person_id: Option<Uuid>,
    pub children: i32,
    pub wants_kind: Option<String>,
    pub bedrooms_needed: Option<i32>,
    pub status: String,
    pub decided_on: Option<Date>,
    pub turn_away_reason: Option<String>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
