use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A change of a service request, as its partner is told of it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "service_request_events")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub request_id: Uuid,
    pub at: DateTimeUtc,
    /// The status it moved to.
    pub status: String,
    pub message_sealed: Option<String>,
    pub by_user: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
