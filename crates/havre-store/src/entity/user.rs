use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    /// Blind index of the normalized email: login looks an account up without decrypting.
    #[sea_orm(unique)]
    pub email_index: String,
    pub email_sealed: String,
    pub name_sealed: String,
    pub password_hash: String,
    /// Comma-separated role names (havre_domain::policy::Roles).
    pub roles: String,
    pub totp_secret_sealed: Option<String>,
    pub totp_enabled: bool,
    /// The last TOTP time step accepted, so that a code cannot be replayed.
    pub totp_last_step: Option<i64>,
    pub locale: Option<String>,
    /// Her profession: a value of the organization's list of professions (docs/care.md).
    pub profession_id: Option<Uuid>,
    /// The member partner a partner's caseworker files requests for (docs/missions.md).
    #[serde(default)]
    pub partner_id: Option<Uuid>,
    pub active: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Its organization: read with the session and the account in one query.
    #[sea_orm(
        belongs_to = "super::organization::Entity",
        from = "Column::OrganizationId",
        to = "super::organization::Column::Id"
    )]
    Organization,
}

impl Related<super::organization::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organization.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
