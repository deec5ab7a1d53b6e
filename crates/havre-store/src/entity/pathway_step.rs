use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A step of a pathway, in its place, with the profession that takes it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "pathway_steps")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub pathway_id: Uuid,
    pub position: i32,
    pub name: String,
    pub profession_id: Option<Uuid>,
    /// The step is the complaint filed on site.
    pub complaint: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
