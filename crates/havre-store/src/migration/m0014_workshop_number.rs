//! A workshop may have no number: the seed report's "Adaptation (ateliers 1 et 2 condensés)"
//! of Empreinte is a workshop of its own that is not one of the numbered four.
//!
//! PostgreSQL drops the column's NOT NULL; SQLite, which cannot alter a column, has the
//! table's definition rewritten without it.

use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionTrait};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match db.get_database_backend() {
            DbBackend::Sqlite => {
                // Removing a NOT NULL changes nothing on disk: SQLite documents doing it by
                // rewriting the table's definition in its schema, then moving the schema's
                // version so that every connection reads it again (its ALTER TABLE page,
                // "making other kinds of table schema changes").
                let txn = db.begin().await?;
                let sql: String = txn
                    .query_one_raw(Statement::from_string(
                        DbBackend::Sqlite,
                        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'workshops'",
                    ))
                    .await?
                    .ok_or_else(|| DbErr::Migration("no table workshops".into()))?
                    .try_get("", "sql")?;
                let not_null = "\"number\" integer NOT NULL";
                if !sql.contains(not_null) {
                    return Err(DbErr::Migration(format!(
                        "unexpected definition of workshops: {sql}"
                    )));
                }
                let version: i64 = txn
                    .query_one_raw(Statement::from_string(
                        DbBackend::Sqlite,
                        "PRAGMA schema_version",
                    ))
                    .await?
                    .ok_or_else(|| DbErr::Migration("no schema version".into()))?
                    .try_get_by_index(0)?;
                txn.execute_unprepared("PRAGMA writable_schema = ON")
                    .await?;
                txn.execute_raw(Statement::from_sql_and_values(
                    DbBackend::Sqlite,
                    "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'workshops'",
                    [sql.replacen(not_null, "\"number\" integer", 1).into()],
                ))
                .await?;
                txn.execute_unprepared(&format!("PRAGMA schema_version = {}", version + 1))
                    .await?;
                txn.execute_unprepared("PRAGMA writable_schema = OFF")
                    .await?;
                txn.commit().await
            }
            _ => {
                db.execute_unprepared("ALTER TABLE workshops ALTER COLUMN number DROP NOT NULL")
                    .await?;
                Ok(())
            }
        }
    }
}
