//! Online backup to one file and restore from it, the same on both engines.
//!
//! The backup is read inside one transaction (a REPEATABLE READ snapshot on PostgreSQL, a WAL
//! read snapshot on SQLite), so it is consistent while the server keeps running. The file is
//! JSON lines: a header, then one line per row, tables in the order their foreign keys need.
//! Sealed fields stay sealed: the file reveals no more than the database does, and restoring
//! it needs the same keys. A backup can be restored into either engine.

use crate::audit::{Action, Event};
use crate::entity::{api_token, audit_entry, audit_head, organization, user};
use crate::migration::Migrator;
use crate::{Actor, Store, StoreError};
use sea_orm::{
    AccessMode, ConnectionTrait, DatabaseTransaction, EntityTrait, IntoActiveModel, IsolationLevel,
    PaginatorTrait, TransactionTrait,
};
use sea_orm_migration::MigratorTrait;
use serde::{Deserialize, Serialize};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;

const FORMAT: &str = "havre-backup";
const VERSION: u32 = 1;
const PAGE: u64 = 500;

#[derive(Serialize, Deserialize)]
struct Header {
    format: String,
    version: u32,
    migrations: Vec<String>,
    created_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Serialize, Deserialize)]
struct Row {
    t: String,
    r: serde_json::Value,
}

#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct BackupSummary {
    pub tables: Vec<(String, u64)>,
}

impl BackupSummary {
    pub fn rows(&self) -> u64 {
        self.tables.iter().map(|(_, n)| n).sum()
    }
}

/// Every table a backup holds, parents first. Sessions and login counters are left out on
/// purpose: a restore logs everybody out and forgets failed logins.
macro_rules! for_each_table {
    ($m:ident!($($args:tt)*)) => {{
        $m!(organization, $($args)*);
        $m!(user, $($args)*);
        $m!(api_token, $($args)*);
        $m!(audit_head, $($args)*);
        $m!(audit_entry, $($args)*);
    }};
}

fn table_name<E: EntityTrait + Default>() -> String {
    sea_orm::EntityName::table_name(&E::default()).to_owned()
}

async fn dump_table<E>(txn: &DatabaseTransaction, out: &mut impl Write) -> Result<u64, StoreError>
where
    E: EntityTrait + Default,
{
    let name = table_name::<E>();
    let mut pages = E::find().into_json().paginate(txn, PAGE);
    let mut count = 0;
    while let Some(rows) = pages.fetch_and_next().await? {
        for r in rows {
            serde_json::to_writer(&mut *out, &Row { t: name.clone(), r }).map_err(io_error)?;
            out.write_all(b"\n").map_err(io_error)?;
            count += 1;
        }
    }
    Ok(count)
}

fn io_error(e: impl std::fmt::Display) -> StoreError {
    StoreError::Other(format!("backup file: {e}"))
}

async fn insert_rows<E>(
    txn: &DatabaseTransaction,
    rows: Vec<serde_json::Value>,
) -> Result<(), StoreError>
where
    E: EntityTrait,
    E::Model: for<'de> Deserialize<'de> + IntoActiveModel<E::ActiveModel>,
{
    for chunk in rows.chunks(100) {
        let models = chunk
            .iter()
            .map(|v| {
                serde_json::from_value::<E::Model>(v.clone())
                    .map(IntoActiveModel::into_active_model)
            })
            .collect::<Result<Vec<_>, _>>()
            .map_err(io_error)?;
        E::insert_many(models).exec_without_returning(txn).await?;
    }
    Ok(())
}

fn migration_names() -> Vec<String> {
    Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect()
}

impl Store {
    /// Writes a consistent backup of the whole database to `path` (created, mode 0600).
    pub async fn backup(&self, actor: &Actor, path: &Path) -> Result<BackupSummary, StoreError> {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = options.open(path).map_err(io_error)?;
        let mut out = BufWriter::new(file);
        let isolation = match self.backend() {
            sea_orm::DbBackend::Postgres => Some(IsolationLevel::RepeatableRead),
            _ => None,
        };
        // The backup is written in the log first: it is part of the history it saves.
        self.audit(actor, Event::new(Action::BackupMade)).await?;
        let txn = self
            .db()
            .begin_with_config(isolation, Some(AccessMode::ReadOnly))
            .await?;
        let header = Header {
            format: FORMAT.into(),
            version: VERSION,
            migrations: migration_names(),
            created_at: self.now(),
        };
        serde_json::to_writer(&mut out, &header).map_err(io_error)?;
        out.write_all(b"\n").map_err(io_error)?;
        let mut summary = BackupSummary::default();
        macro_rules! dump {
            ($entity:ident, $txn:expr, $out:expr, $summary:expr) => {
                let n = dump_table::<$entity::Entity>($txn, $out).await?;
                $summary.tables.push((table_name::<$entity::Entity>(), n));
            };
        }
        for_each_table!(dump!(&txn, &mut out, summary));
        txn.commit().await?;
        let file = out.into_inner().map_err(io_error)?;
        file.sync_all().map_err(io_error)?;
        Ok(summary)
    }

    /// Restores a backup into this database, in one transaction. An organization already
    /// present makes it refuse, unless `replace` is set: then everything here is replaced.
    pub async fn restore(
        &self,
        actor: &Actor,
        path: &Path,
        replace: bool,
    ) -> Result<BackupSummary, StoreError> {
        let file = std::fs::File::open(path).map_err(io_error)?;
        let mut lines = BufReader::new(file).lines();
        let header: Header = match lines.next() {
            Some(line) => serde_json::from_str(&line.map_err(io_error)?)
                .map_err(|_| io_error("not a Havre backup"))?,
            None => return Err(io_error("empty file")),
        };
        if header.format != FORMAT || header.version != VERSION {
            return Err(io_error(
                "not a Havre backup of a version this program reads",
            ));
        }
        let known = migration_names();
        if let Some(unknown) = header.migrations.iter().find(|m| !known.contains(m)) {
            return Err(io_error(format!(
                "made by a newer Havre (migration {unknown}); upgrade first"
            )));
        }
        let mut by_table: std::collections::HashMap<String, Vec<serde_json::Value>> =
            Default::default();
        for line in lines {
            let line = line.map_err(io_error)?;
            if line.trim().is_empty() {
                continue;
            }
            let row: Row = serde_json::from_str(&line).map_err(io_error)?;
            by_table.entry(row.t).or_default().push(row.r);
        }
        let txn = self.db().begin().await?;
        if !replace && organization::Entity::find().count(&txn).await? > 0 {
            return Err(StoreError::Other(
                "this database already holds organizations; restore into an empty one, or pass --replace".into(),
            ));
        }
        // Children first when clearing; sessions and counters go too.
        for table in [
            "sessions",
            "login_throttle",
            "audit_entries",
            "audit_head",
            "api_tokens",
            "users",
            "organizations",
        ] {
            txn.execute_unprepared(&format!("DELETE FROM {table}"))
                .await?;
        }
        let mut summary = BackupSummary::default();
        macro_rules! load {
            ($entity:ident, $txn:expr, $by_table:expr, $summary:expr) => {
                let name = table_name::<$entity::Entity>();
                let rows = $by_table.remove(&name).unwrap_or_default();
                $summary.tables.push((name, rows.len() as u64));
                insert_rows::<$entity::Entity>($txn, rows).await?;
            };
        }
        for_each_table!(load!(&txn, by_table, summary));
        crate::audit::append(
            &txn,
            self.now(),
            actor,
            Event::new(Action::BackupRestored)
                .detail(serde_json::json!({ "rows": summary.rows() })),
        )
        .await?;
        txn.commit().await?;
        Ok(summary)
    }
}
