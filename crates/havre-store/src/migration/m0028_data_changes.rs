//! A count of the changes to the organization's records (docs/architecture.md "The report
//! kept until a write"): the activity report is kept per period and computed again only when
//! this count has moved since.
//!
//! The database counts, with a trigger on every table of records, rather than the code that
//! writes: a change made by any path (a form, the API, the command line, a second server on
//! the same PostgreSQL, a migration) moves it, and a report kept past a change would be a
//! report that lies. The tables written by reading are left out (sessions, the login
//! throttle, the audit log), or every page would throw the report away.
//!
//! A later migration that creates a table calls [`watch`] for it; a test of the store checks
//! that every table is watched or named in [`UNWATCHED`].

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum DataChanges {
    Table,
    Id,
    Seq,
}

/// The tables whose rows are not records of the organization's work: written by reading a
/// page (sessions, the login throttle, the audit log and its head), or by the migrations.
pub const UNWATCHED: &[&str] = &[
    "data_changes",
    "sessions",
    "login_throttle",
    "audit_entries",
    "audit_head",
    "seaql_migrations",
];

/// Counts every change of a table's rows in `data_changes`.
pub async fn watch(manager: &SchemaManager<'_>, table: &str) -> Result<(), DbErr> {
    let db = manager.get_connection();
    match manager.get_database_backend() {
        DbBackend::Postgres => {
            // Once per statement, not per row: loading 5,000 rows moves the count once.
            db.execute_unprepared(&format!(
                "CREATE TRIGGER {table}_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE \
                 ON {table} FOR EACH STATEMENT EXECUTE FUNCTION havre_data_changed()"
            ))
            .await?;
        }
        _ => {
            // SQLite has only row triggers.
            for (event, suffix) in [("INSERT", "i"), ("UPDATE", "u"), ("DELETE", "d")] {
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER {table}_changes_{suffix} AFTER {event} ON {table} \
                     BEGIN UPDATE data_changes SET seq = seq + 1 WHERE id = 1; END"
                ))
                .await?;
            }
        }
    }
    Ok(())
}

/// The tables of the database, as the engine lists them.
pub async fn tables(db: &impl ConnectionTrait) -> Result<Vec<String>, DbErr> {
    let sql = match db.get_database_backend() {
        DbBackend::Postgres => {
            "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
        }
        _ => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1"
        }
    };
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?;
    rows.iter()
        .map(|r| r.try_get::<String>("", "name"))
        .collect()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(DataChanges::Table)
                    .col(
                        ColumnDef::new(DataChanges::Id)
                            .integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(DataChanges::Seq).big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared("INSERT INTO data_changes (id, seq) VALUES (1, 0)")
            .await?;
        if manager.get_database_backend() == DbBackend::Postgres {
            db.execute_unprepared(
                "CREATE FUNCTION havre_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$ \
                 BEGIN UPDATE data_changes SET seq = seq + 1 WHERE id = 1; RETURN NULL; END $$",
            )
            .await?;
        }
        for table in tables(db).await? {
            if !UNWATCHED.contains(&table.as_str()) {
                watch(manager, &table).await?;
            }
        }
        Ok(())
    }
}
