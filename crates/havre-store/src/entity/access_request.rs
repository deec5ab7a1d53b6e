use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A person's request for access to what Havre holds on her (docs/privacy.md "Access
/// requests"). Nothing identifying is kept here: she is her file.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "access_requests")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub person_id: Uuid,
    pub received_on: Date,
    pub answered_on: Option<Date>,
    pub answered_by: Option<Uuid>,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
