use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A member's yearly submission as the network received it (docs/networks.md): the payload
/// exactly as signed, and its signature. A later one for the same year replaces it; it stays,
/// with the day it was replaced.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "network_submissions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub network_id: Uuid,
    /// The network's member it is from.
    pub member_id: Uuid,
    /// The year it covers, on the member's calendar.
    pub first: Date,
    pub last: Date,
    /// The submission's JSON, byte for byte as the member signed it.
    pub payload: String,
    /// Its Ed25519 signature, base64.
    pub signature: String,
    pub received_at: DateTimeUtc,
    pub replaced_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
