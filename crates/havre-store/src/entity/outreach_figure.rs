use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A figure entered by hand: material distributed (472 T-shirts) or social media (posts, reach).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "outreach_figures")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub day: Date,
    /// material or social_media.
    pub kind: String,
    pub label: String,
    pub quantity: i64,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
