use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// What a member shares with one of its networks (docs/networks.md): the parts of its report,
/// and the network, on this Havre or on another one.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "network_shares")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The member's organization.
    pub organization_id: Uuid,
    pub network_name: String,
    /// Its row in the network's members, when the network works on this Havre.
    pub network_member_id: Option<Uuid>,
    /// The parts shared, havre_domain::network::NetworkSection keys, comma-separated.
    pub sections: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
