use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A person registered by a help request. Everything that identifies her is sealed; the blind
/// indexes let intake find a returning person without opening the table.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "persons")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub name_sealed: String,
    pub phone_sealed: Option<String>,
    pub birth_year_sealed: Option<String>,
    /// JSON of the safe-contact instructions (may we call, leave a message, say our name, at
    /// which hours, which number).
    pub safe_contact_sealed: String,
    pub phone_index: Option<String>,
    pub name_year_index: Option<String>,
    pub created_at: DateTimeUtc,
    /// Her file's own key, sealed by the keyring (docs/privacy.md "Destruction"): what
    /// identifies her is sealed with it. None for a file sealed before keys per file, and
    /// for a file destroyed.
    pub file_key_sealed: Option<String>,
    /// When her file was destroyed: the rows the reports count stay, without her.
    pub destroyed_at: Option<DateTimeUtc>,
    /// She agreed to be counted, without her name, in the figures her organization shares
    /// with its networks (docs/networks.md). Backups made before the column: not counted.
    #[serde(default)]
    pub network_consent: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
