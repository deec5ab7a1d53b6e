use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A member of a network, as the network keeps it (docs/networks.md): its name and region,
/// its dates, and the public key its submissions are signed with. Nothing of its files.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "network_members")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The network's organization.
    pub network_id: Uuid,
    pub name: String,
    pub region: String,
    pub joined_on: Date,
    pub left_on: Option<Date>,
    /// The day its house opened, or it began its services; none while under construction.
    pub opened_on: Option<Date>,
    /// Its Ed25519 public key, base64: what its submissions are checked with.
    pub public_key: Option<String>,
    /// The member's organization when it works on this Havre too.
    pub member_organization_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
