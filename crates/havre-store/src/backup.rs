//! Online backup to one file and restore from it, the same on both engines.
//!
//! The backup is read inside one transaction (a REPEATABLE READ snapshot on PostgreSQL, a WAL
//! read snapshot on SQLite), so it is consistent while the server keeps running. The file is
//! JSON lines: a header, then one line per row, tables in the order their foreign keys need,
//! each in primary-key order, and last an HMAC of everything before it under a key derived
//! from the keyring. Sealed fields stay sealed: the file reveals no more than the database
//! does. A restore checks the HMAC (an edited file, with a planted password hash or role, is
//! refused), loads everything in one transaction, then checks that the audit chain is whole
//! and that the sealed fields open with this keyring before it commits. A backup can be
//! restored into either engine.

use crate::audit::{Action, Event, verify_chain};
use crate::entity::{
    access_request, agreement, animation, animation_staff, annual_meeting, api_token, appointment,
    attachment, audit_entry, audit_head, board_meeting, board_meeting_attendance, call, complaint,
    complaint_step, dropin, dropin_staff, evaluation_batch, evaluation_count, evaluation_question,
    file_access_grant, file_caseworker, fund_entry, governance_member, group, group_attendance,
    group_member, group_session, group_session_staff, group_staff, help_request,
    help_request_value, hosting, hour_category, hour_entry, house, house_staff, housing_request,
    housing_unit, import, import_row, incident, list_value, meeting, meeting_staff, mission,
    mission_task, mission_worker, network_member, network_share, network_submission, note,
    online_request, organization, outreach_figure, partner, pathway, pathway_enrolment,
    pathway_step, pay_correction, pay_schedule, pay_statement, person, privacy_setting, program,
    published_text, referral, referral_attempt, relative, report_narrative, retention_review,
    service_request, service_request_event, stay, stay_child, stay_extension, step_completion,
    training_given, training_participant, training_received, turn_away, unit_outage, user,
    worked_hours, worker, worker_rate, workshop,
};
use crate::migration::Migrator;
use crate::{Actor, Store, StoreError};
use hmac::Mac;
use sea_orm::{
    ConnectionTrait, DatabaseTransaction, EntityTrait, IntoActiveModel, Iterable, PaginatorTrait,
    PrimaryKeyToColumn, QueryOrder,
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

/// What `Store::rewrite_backup` does with a row.
pub enum Rewritten {
    Kept,
    Dropped,
}

/// The last line: the HMAC of every line before it, and the key it was made with.
#[derive(Serialize, Deserialize)]
struct Seal {
    mac: String,
    key: String,
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
        $m!(list_value, $($args)*);
        $m!(person, $($args)*);
        $m!(help_request, $($args)*);
        $m!(help_request_value, $($args)*);
        $m!(referral, $($args)*);
        $m!(referral_attempt, $($args)*);
        $m!(call, $($args)*);
        $m!(turn_away, $($args)*);
        $m!(file_caseworker, $($args)*);
        $m!(file_access_grant, $($args)*);
        $m!(relative, $($args)*);
        $m!(meeting, $($args)*);
        $m!(meeting_staff, $($args)*);
        $m!(note, $($args)*);
        $m!(attachment, $($args)*);
        $m!(group, $($args)*);
        $m!(group_staff, $($args)*);
        $m!(group_member, $($args)*);
        $m!(group_session, $($args)*);
        $m!(group_session_staff, $($args)*);
        $m!(group_attendance, $($args)*);
        $m!(dropin, $($args)*);
        $m!(dropin_staff, $($args)*);
        $m!(fund_entry, $($args)*);
        $m!(program, $($args)*);
        $m!(workshop, $($args)*);
        $m!(evaluation_question, $($args)*);
        $m!(animation, $($args)*);
        $m!(animation_staff, $($args)*);
        $m!(training_given, $($args)*);
        $m!(evaluation_batch, $($args)*);
        $m!(evaluation_count, $($args)*);
        $m!(hour_category, $($args)*);
        $m!(hour_entry, $($args)*);
        $m!(training_received, $($args)*);
        $m!(outreach_figure, $($args)*);
        $m!(report_narrative, $($args)*);
        $m!(governance_member, $($args)*);
        $m!(board_meeting, $($args)*);
        $m!(board_meeting_attendance, $($args)*);
        $m!(annual_meeting, $($args)*);
        $m!(house, $($args)*);
        $m!(house_staff, $($args)*);
        $m!(housing_unit, $($args)*);
        $m!(unit_outage, $($args)*);
        $m!(housing_request, $($args)*);
        $m!(stay, $($args)*);
        $m!(stay_child, $($args)*);
        $m!(stay_extension, $($args)*);
        $m!(agreement, $($args)*);
        $m!(pathway, $($args)*);
        $m!(pathway_step, $($args)*);
        $m!(pathway_enrolment, $($args)*);
        $m!(appointment, $($args)*);
        $m!(step_completion, $($args)*);
        $m!(training_participant, $($args)*);
        $m!(hosting, $($args)*);
        $m!(partner, $($args)*);
        $m!(pay_schedule, $($args)*);
        $m!(service_request, $($args)*);
        $m!(service_request_event, $($args)*);
        $m!(worker, $($args)*);
        $m!(worker_rate, $($args)*);
        $m!(mission, $($args)*);
        $m!(mission_task, $($args)*);
        $m!(mission_worker, $($args)*);
        $m!(worked_hours, $($args)*);
        $m!(pay_statement, $($args)*);
        $m!(pay_correction, $($args)*);
        $m!(privacy_setting, $($args)*);
        $m!(complaint, $($args)*);
        $m!(complaint_step, $($args)*);
        $m!(incident, $($args)*);
        $m!(access_request, $($args)*);
        $m!(published_text, $($args)*);
        $m!(retention_review, $($args)*);
        $m!(network_member, $($args)*);
        $m!(network_share, $($args)*);
        $m!(network_submission, $($args)*);
        $m!(online_request, $($args)*);
        $m!(import, $($args)*);
        $m!(import_row, $($args)*);
        $m!(audit_head, $($args)*);
        $m!(audit_entry, $($args)*);
    }};
}

fn table_name<E: EntityTrait + Default>() -> String {
    sea_orm::EntityName::table_name(&E::default()).to_owned()
}

fn io_error(e: impl std::fmt::Display) -> StoreError {
    StoreError::Other(format!("backup file: {e}"))
}

/// Writes lines and feeds them to the file's HMAC.
struct SealedWriter<W: Write> {
    out: W,
    mac: hmac::Hmac<sha2::Sha256>,
}

impl<W: Write> SealedWriter<W> {
    fn line(&mut self, value: &impl Serialize) -> Result<(), StoreError> {
        let mut bytes = serde_json::to_vec(value).map_err(io_error)?;
        bytes.push(b'\n');
        self.mac.update(&bytes);
        self.out.write_all(&bytes).map_err(io_error)
    }
}

async fn dump_table<E, W: Write>(
    txn: &DatabaseTransaction,
    out: &mut SealedWriter<W>,
) -> Result<u64, StoreError>
where
    E: EntityTrait + Default,
{
    let name = table_name::<E>();
    // A stable order: pages of an unordered query may skip or repeat rows on PostgreSQL.
    // Every column of the key, in order, so that the order is total.
    let mut query = E::find();
    for key in E::PrimaryKey::iter() {
        query = query.order_by_asc(key.into_column());
    }
    let mut pages = query.into_json().paginate(txn, PAGE);
    let mut count = 0;
    while let Some(rows) = pages.fetch_and_next().await? {
        for r in rows {
            out.line(&Row { t: name.clone(), r })?;
            count += 1;
        }
    }
    Ok(count)
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
        let (key, mac) = self.keys().file_mac(None)?;
        let mut out = SealedWriter {
            out: BufWriter::new(file),
            mac,
        };
        // The backup is written in the log first: it is part of the history it saves.
        self.audit(actor, Event::new(Action::BackupMade)).await?;
        let txn = crate::begin_read(self.db()).await?;
        out.line(&Header {
            format: FORMAT.into(),
            version: VERSION,
            migrations: migration_names(),
            created_at: self.now(),
        })?;
        let mut summary = BackupSummary::default();
        macro_rules! dump {
            ($entity:ident, $txn:expr, $out:expr, $summary:expr) => {
                let n = dump_table::<$entity::Entity, _>($txn, $out).await?;
                $summary.tables.push((table_name::<$entity::Entity>(), n));
            };
        }
        for_each_table!(dump!(&txn, &mut out, summary));
        // A read-only snapshot, the one transaction that writes nothing: not a `Store::write`.
        txn.commit().await?;
        let seal = Seal {
            mac: hex(&out.mac.clone().finalize().into_bytes()),
            key,
        };
        let mut writer = out.out;
        serde_json::to_writer(&mut writer, &seal).map_err(io_error)?;
        writer.write_all(b"\n").map_err(io_error)?;
        let file = writer.into_inner().map_err(io_error)?;
        file.sync_all().map_err(io_error)?;
        Ok(summary)
    }

    /// Rewrites a backup Havre keeps, row by row (docs/privacy.md "Destruction"): `change`
    /// gets each row's table and values, changes them in place, and says whether the row
    /// stays. The file's seal is checked first and written again after, under the current
    /// key; the new file replaces the old one only once it is whole on disk. Returns how many
    /// rows were changed or dropped.
    pub fn rewrite_backup(
        &self,
        path: &Path,
        mut change: impl FnMut(&str, &mut serde_json::Value) -> Rewritten,
    ) -> Result<u64, StoreError> {
        let lines = self.sealed_lines(path)?;
        let tmp = path.with_extension("rewriting");
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = options.open(&tmp).map_err(io_error)?;
        let (key, mac) = self.keys().file_mac(None)?;
        let mut out = SealedWriter {
            out: BufWriter::new(file),
            mac,
        };
        let mut changed = 0;
        let mut lines = lines.into_iter();
        let header: serde_json::Value = lines
            .next()
            .and_then(|l| serde_json::from_str(&l).ok())
            .ok_or_else(|| io_error("not a Havre backup"))?;
        out.line(&header)?;
        for line in lines {
            let mut row: Row = serde_json::from_str(&line).map_err(io_error)?;
            let before = row.r.clone();
            match change(&row.t, &mut row.r) {
                Rewritten::Kept => {
                    if row.r != before {
                        changed += 1;
                    }
                    out.line(&row)?;
                }
                Rewritten::Dropped => changed += 1,
            }
        }
        let seal = Seal {
            mac: hex(&out.mac.clone().finalize().into_bytes()),
            key,
        };
        let mut writer = out.out;
        serde_json::to_writer(&mut writer, &seal).map_err(io_error)?;
        writer.write_all(b"\n").map_err(io_error)?;
        let file = writer.into_inner().map_err(io_error)?;
        file.sync_all().map_err(io_error)?;
        std::fs::rename(&tmp, path).map_err(io_error)?;
        Ok(changed)
    }

    /// A backup's lines before its seal, once the seal is checked.
    fn sealed_lines(&self, path: &Path) -> Result<Vec<String>, StoreError> {
        let file = std::fs::File::open(path).map_err(io_error)?;
        let mut lines: Vec<String> = BufReader::new(file)
            .lines()
            .collect::<Result<Vec<_>, _>>()
            .map_err(io_error)?
            .into_iter()
            .filter(|l| !l.trim().is_empty())
            .collect();
        let seal: Seal = lines
            .pop()
            .and_then(|l| serde_json::from_str(&l).ok())
            .ok_or_else(|| io_error("not a Havre backup, or cut short (its seal is missing)"))?;
        let (_, mut mac) = self.keys().file_mac(Some(&seal.key)).map_err(|_| {
            io_error(format!("made with key {}, which is not in this keyring: restore it with the keys of that time", seal.key))
        })?;
        for line in &lines {
            mac.update(line.as_bytes());
            mac.update(b"\n");
        }
        let expected = unhex(&seal.mac).ok_or_else(|| io_error("malformed seal"))?;
        if mac.verify_slice(&expected).is_err() {
            return Err(io_error(
                "the file was altered since it was made (its seal does not match); nothing was restored",
            ));
        }
        Ok(lines)
    }

    /// Restores a backup into this database, in one transaction. An organization already
    /// present makes it refuse, unless `replace` is set: then everything here is replaced.
    pub async fn restore(
        &self,
        actor: &Actor,
        path: &Path,
        replace: bool,
    ) -> Result<BackupSummary, StoreError> {
        let lines = self.sealed_lines(path)?;
        let mut rows = lines.into_iter();
        let header: Header = rows
            .next()
            .and_then(|l| serde_json::from_str(&l).ok())
            .ok_or_else(|| io_error("not a Havre backup"))?;
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
        for line in rows {
            let row: Row = serde_json::from_str(&line).map_err(io_error)?;
            by_table.entry(row.t).or_default().push(row.r);
        }
        self.write(actor, async |txn| {
            if !replace && organization::Entity::find().count(txn).await? > 0 {
                return Err(StoreError::Other(
                    "this database already holds organizations; restore into an empty one, or pass --replace".into(),
                ));
            }
            // Children first when clearing: every table the backup holds, in the reverse of
            // its order, so that none is forgotten when one is added; sessions and counters go
            // too.
            let mut tables: Vec<String> = Vec::new();
            macro_rules! named {
                ($entity:ident, $tables:expr) => {
                    $tables.push(table_name::<$entity::Entity>());
                };
            }
            for_each_table!(named!(tables));
            tables.extend(["login_throttle", "sessions"].map(String::from));
            for table in tables.iter().rev() {
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
            for_each_table!(load!(txn, by_table, summary));
            // Checked before anything is committed: a restore that cannot be trusted or read
            // leaves the database as it was.
            if let Some(broken) = verify_chain(txn, self.keys()).await?.first_break {
                return Err(io_error(format!(
                    "the audit chain in this backup is broken ({broken}); nothing was restored"
                )));
            }
            if let Some(first) = user::Entity::find().one(txn).await? {
                self.open_user_model(first).map_err(|_| {
                    io_error(
                        "this keyring cannot open the backup's encrypted fields; nothing was restored",
                    )
                })?;
            }
            let event = Event::new(Action::BackupRestored)
                .detail(serde_json::json!({ "rows": summary.rows() }));
            Ok((summary, event))
        })
        .await
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}
