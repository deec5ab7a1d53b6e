use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A correction to an approved pay statement: a line of its own, signed.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "pay_corrections")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub statement_id: Uuid,
    pub day: Date,
    pub minutes: i32,
    pub cents_per_hour: i64,
    pub amount_cents: i64,
    pub reason: String,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
