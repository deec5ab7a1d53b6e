use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "sessions")]
pub struct Model {
    /// SHA-256 of the cookie value: a copy of the table does not let anyone log in.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id_hash: String,
    pub user_id: Uuid,
    pub organization_id: Uuid,
    pub csrf_token: String,
    /// Password checked, second factor not yet.
    pub second_factor_pending: bool,
    pub created_at: DateTimeUtc,
    pub last_seen_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Its account: read with the session in one query, on every request.
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::UserId",
        to = "super::user::Column::Id"
    )]
    User,
}

impl Related<super::user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
