//! Migrations run forward on every start (docs/safety.md: "migrations run forward on start and
//! never lose data"). A migration, once released, is never edited: a change is a new one.

use sea_orm_migration::prelude::*;

mod m0001_foundation;
mod m0002_intake;
mod m0003_referrals;
mod m0004_calls;
mod m0005_disposition;
mod m0006_files;
mod m0007_groups_fund;
mod m0008_prevention;
mod m0009_hours;
mod m0010_report_narratives;
mod m0011_time_zone;
mod m0012_waitlist_indexes;
mod m0013_recorded_hours;
mod m0014_workshop_number;
mod m0015_referral_person;
mod m0016_governance;
mod m0017_housing;
mod m0018_reporting_year;
mod m0019_care;
mod m0020_pathways;
mod m0021_missions;
mod m0022_complaints;
mod m0023_access_requests;
mod m0024_file_keys;
mod m0025_published_texts;
mod m0026_retention_kinds;
mod m0027_networks;
pub mod m0028_data_changes;
mod m0029_mission_network_consent;
mod m0030_online_requests;
mod m0031_imports;

use sea_orm_migration::prelude::{ForeignKey, ForeignKeyCreateStatement, IntoIden};

/// A foreign key from a column to another table's column, as every migration writes one.
fn fk<T: IntoIden + Copy + 'static, U: IntoIden + Copy + 'static>(
    from: (T, T),
    to: (U, U),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .to_owned()
}

pub struct Migrator;

impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m0001_foundation::Migration),
            Box::new(m0002_intake::Migration),
            Box::new(m0003_referrals::Migration),
            Box::new(m0004_calls::Migration),
            Box::new(m0005_disposition::Migration),
            Box::new(m0006_files::Migration),
            Box::new(m0007_groups_fund::Migration),
            Box::new(m0008_prevention::Migration),
            Box::new(m0009_hours::Migration),
            Box::new(m0010_report_narratives::Migration),
            Box::new(m0011_time_zone::Migration),
            Box::new(m0012_waitlist_indexes::Migration),
            Box::new(m0013_recorded_hours::Migration),
            Box::new(m0014_workshop_number::Migration),
            Box::new(m0015_referral_person::Migration),
            Box::new(m0016_governance::Migration),
            Box::new(m0017_housing::Migration),
            Box::new(m0018_reporting_year::Migration),
            Box::new(m0019_care::Migration),
            Box::new(m0020_pathways::Migration),
            Box::new(m0021_missions::Migration),
            Box::new(m0022_complaints::Migration),
            Box::new(m0023_access_requests::Migration),
            Box::new(m0024_file_keys::Migration),
            Box::new(m0025_published_texts::Migration),
            Box::new(m0026_retention_kinds::Migration),
            Box::new(m0027_networks::Migration),
            Box::new(m0028_data_changes::Migration),
            Box::new(m0029_mission_network_consent::Migration),
            Box::new(m0030_online_requests::Migration),
            Box::new(m0031_imports::Migration),
        ]
    }
}
