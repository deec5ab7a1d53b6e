use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// The values of a request's multi-valued lists (forms of assault, relations to the
/// aggressors).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "help_request_values")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub help_request_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub value_id: Uuid,
    pub organization_id: Uuid,
    pub list: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
