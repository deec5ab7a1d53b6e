use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A unit of a house (an apartment or a room), with the first night it could house someone
/// and the day it closed for good.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "housing_units")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub house_id: Uuid,
    pub name: String,
    pub kind: String,
    pub bedrooms: Option<i32>,
    pub places: i32,
    pub opened_on: Date,
    pub closed_on: Option<Date>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
