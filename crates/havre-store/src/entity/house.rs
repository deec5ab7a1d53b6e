use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A house of a shelter: its name and region (not identifying), its address sealed, and
/// whether that address is secret (read only by the house's own team).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "houses")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub name: String,
    pub region: Option<String>,
    pub address_sealed: Option<String>,
    pub address_secret: bool,
    pub max_stay_months: i32,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
