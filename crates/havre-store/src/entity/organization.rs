use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "organizations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The public address of its page: /o/{slug}.
    #[sea_orm(unique)]
    pub slug: String,
    pub name: String,
    /// centre or network (an older "partner" is a centre).
    pub kind: String,
    /// Whether roles that read files must use a second factor (docs/safety.md: on by default).
    pub require_totp: bool,
    /// Phone lines and opening hours shown on the public page (JSON of `PublicInfo`).
    pub public_info: String,
    /// The limits the organization sets on meetings (docs/domain.md §2.5-2.7).
    pub limit_emergency: i32,
    pub limit_follow_up: i32,
    pub limit_relatives: i32,
    /// Its IANA time zone (America/Montreal by default): its clock for days and years.
    /// Backups made before the column existed restore into Québec's.
    #[serde(default = "default_time_zone")]
    pub time_zone: String,
    /// The month its reporting year begins (docs/time.md "Reporting years"); April, Québec's,
    /// for backups made before the column existed.
    #[serde(default = "default_year_start_month")]
    pub year_start_month: i32,
    /// Its country's ISO code: CA (Québec) or FR.
    #[serde(default = "default_country")]
    pub country: String,
    pub created_at: DateTimeUtc,
    /// Its Ed25519 signing key, sealed by the keyring: it signs the submissions it sends to
    /// its networks (docs/networks.md). Made when first needed.
    #[serde(default)]
    pub signing_key_sealed: Option<String>,
}

fn default_time_zone() -> String {
    havre_domain::zone::Zone::DEFAULT_NAME.to_owned()
}

fn default_year_start_month() -> i32 {
    havre_domain::year::YearStart::APRIL.month() as i32
}

fn default_country() -> String {
    havre_domain::year::Country::Canada.code().to_owned()
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
