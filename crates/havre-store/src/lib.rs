//! Havre's database. SQLite (embedded, the default) and PostgreSQL from the same code, with
//! identifying fields sealed at this boundary: nothing above this crate writes a name, an
//! email or a note to the database in clear, and nothing below it reads one.

pub mod access;
pub mod accounts;
pub mod audit;
pub mod awaiting;
pub mod backup;
pub mod calls;
pub mod care;
pub mod clock;
pub mod complaints;
pub mod crypto;
pub mod demo;
pub mod demo_care;
pub mod demo_missions;
mod demo_privacy;
pub mod entity;
mod error;
pub mod files;
pub mod fund;
pub mod governance;
pub mod groups;
pub mod history;
pub mod hours;
pub mod housing;
pub mod imports;
pub mod incidents;
pub mod intake;
pub mod kept;
pub mod lists;
pub mod meetings;
pub mod migration;
pub mod missions;
pub mod networks;
pub mod online;
pub mod organizations;
pub mod pathways;
pub mod pay;
pub mod prevention;
pub mod reader;
pub mod referrals;
pub mod report;
pub mod retention;
pub mod rotation;
pub mod sessions;
#[cfg(feature = "testing")]
pub mod testing;

#[cfg(feature = "testing")]
impl Store {
    /// How many windows of the wait lists are kept in memory (docs/privacy.md "Destruction").
    pub fn kept_wait_windows(&self) -> usize {
        self.wait_windows.len()
    }
}
pub mod texts;
pub mod throttle;
pub mod tokens;
pub mod waitlist;

pub use clock::Clock;
pub use crypto::Keyring;
pub use error::{FieldError, StoreError};
pub use sea_orm::DatabaseConnection;

use sea_orm::{ConnectOptions, Database, DbBackend};
use sea_orm_migration::MigratorTrait;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// Who does something, for the audit log and for tenant scoping.
#[derive(Clone, Debug, Default)]
pub struct Actor {
    pub organization_id: Option<havre_domain::ids::OrganizationId>,
    pub user_id: Option<havre_domain::ids::UserId>,
    pub ip: Option<String>,
}

impl Actor {
    /// The command line on this machine (havre admin …).
    pub fn operator() -> Self {
        Actor {
            organization_id: None,
            user_id: None,
            ip: Some("cli".into()),
        }
    }
}

#[derive(Clone)]
pub struct Store {
    db: DatabaseConnection,
    url: Arc<str>,
    keys: Arc<Keyring>,
    clock: Clock,
    /// The writer of the entries of reads, logins and exports (`Store::audit`).
    audit_batches: audit::Batches,
    /// The wait lists' figures per code, kept until a change (`Store::wait_list_window`).
    wait_figures: Arc<waitlist::KeptFigures>,
    /// The windows of the wait lists pages show.
    wait_windows: Arc<waitlist::KeptWindows>,
    /// The organizations' lists, kept until a change (`Store::lists_for`).
    kept_lists: Arc<kept::KeptLists>,
    /// What awaits each organization's team (`Store::awaiting`).
    kept_awaiting: Arc<kept::Kept<havre_domain::ids::OrganizationId, Arc<awaiting::Counted>>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("backend", &self.backend())
            .finish()
    }
}

/// `SUM(column)` read as an i64 on both engines: PostgreSQL sums an integer as bigint and a
/// bigint as numeric, so the sum is cast back to bigint.
pub(crate) fn sum_as_bigint(
    column: impl sea_orm::sea_query::IntoColumnRef,
) -> sea_orm::sea_query::SimpleExpr {
    use sea_orm::sea_query::{Alias, Expr, Func};
    Func::cast_as(Func::sum(Expr::col(column)), Alias::new("BIGINT")).into()
}

/// The audit entry of a record taken back, with everything it said: the report's totals
/// stay traceable, and a wrong removal can be noted again.
pub(crate) fn removal_event<'a, T: serde::Serialize>(
    kind: &'a str,
    id: impl std::fmt::Display,
    row: &T,
) -> audit::Event<'a> {
    audit::Event::new(audit::Action::RecordRemoved)
        .target(kind, id)
        .detail(serde_json::json!({ "removed": row }))
}

/// No activity of a centre using Havre is older than this: a date before it is a typing error.
pub(crate) fn earliest_day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default()
}

/// Whether a day is one Havre accepts for a record: from 2000, and no further ahead of today
/// than `days_ahead`.
pub(crate) fn day_accepted(
    day: chrono::NaiveDate,
    today: chrono::NaiveDate,
    days_ahead: u64,
) -> bool {
    day >= earliest_day() && day <= today + chrono::Days::new(days_ahead)
}

/// The first instant of `earliest_day`, for timestamps.
pub(crate) fn earliest_instant() -> chrono::DateTime<chrono::Utc> {
    earliest_day().and_time(chrono::NaiveTime::MIN).and_utc()
}

/// The SQLite URL of the default database in a data directory.
pub fn sqlite_url(data_dir: &Path) -> String {
    format!(
        "sqlite://{}?mode=rwc",
        data_dir.join("havre.sqlite3").display()
    )
}

/// A transaction that only reads, at one moment: on PostgreSQL a read-only snapshot
/// (repeatable read), on SQLite a read transaction, which in WAL mode sees the database as it
/// was at its first read. What is read in it agrees, and it holds one connection: a page that
/// asks several questions hands the connection back once (docs/architecture.md "A file read
/// at one moment").
pub(crate) async fn begin_read(
    db: &DatabaseConnection,
) -> Result<sea_orm::DatabaseTransaction, StoreError> {
    use sea_orm::{AccessMode, IsolationLevel, TransactionTrait};
    Ok(match db.get_database_backend() {
        DbBackend::Postgres => {
            db.begin_with_config(
                Some(IsolationLevel::RepeatableRead),
                Some(AccessMode::ReadOnly),
            )
            .await?
        }
        _ => db.begin().await?,
    })
}

/// `Store::begin_write`, for the audit log's writer, which holds the connection but not the
/// store.
pub(crate) async fn begin_write(
    db: &DatabaseConnection,
) -> Result<sea_orm::DatabaseTransaction, StoreError> {
    use sea_orm::{ConnectionTrait, TransactionTrait};
    let txn = db.begin().await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        txn.execute_unprepared("UPDATE audit_head SET seq = seq WHERE id = 0")
            .await?;
    }
    Ok(txn)
}

/// Connects to the database, without migrating.
pub async fn connect(url: &str) -> Result<DatabaseConnection, StoreError> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .sqlx_logging(false)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10));
    if url.starts_with("sqlite:") {
        options
            // Each connection reads on a thread of its own; 8 carried the mixed load of
            // docs/benchmarks.md "Many at work on one instance" about 13 % further than 4 on 2
            // cores, 16 and 32 less far.
            .max_connections(8)
            .min_connections(1)
            .map_sqlx_sqlite_opts(|o| {
                use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
                // WAL with synchronous=FULL: a commit the user saw is on disk before the answer
                // leaves (docs/safety.md "Reliability"); NORMAL could lose the last commits on power loss.
                // ANALYZE reads at most about 1,000 rows of each index: enough for the
                // planner, milliseconds on a large database (Store::refresh_statistics).
                o.pragma("analysis_limit", "1000")
                    // The rows of a query cross from the connection's thread in a channel;
                    // a file's 200 meetings fit in it whole instead of stopping four times.
                    // The mix of docs/benchmarks.md "Many at work on one instance" went 4 to
                    // 20 % further, three runs against three.
                    .row_buffer_size(256)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Full)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(15))
                    .create_if_missing(true)
            })
            // sqlx pings a connection each time it is taken from the pool, by default: for
            // SQLite, a round trip to the connection's thread before every query, for a
            // database in the same process that cannot hang up.
            .test_before_acquire(false);
    } else {
        options
            .max_connections(16)
            .min_connections(1)
            // Only a connection idle for a while may have been dropped by the server, a proxy
            // or a firewall: it is tried first. A connection in use is not, which saves a
            // round trip to PostgreSQL before every query.
            .test_before_acquire_if_idle_for(Duration::from_secs(30));
    }
    Ok(Database::connect(options).await?)
}

/// How far ahead of the server's clock a device's clock may run when someone notes what was
/// just held.
pub const HELD_CLOCK_SKEW: chrono::TimeDelta = chrono::TimeDelta::minutes(2);

impl Store {
    /// Connects, runs the migrations forward, and returns the store.
    pub async fn open(url: &str, keys: Keyring, clock: Clock) -> Result<Self, StoreError> {
        let db = connect(url).await?;
        migration::Migrator::up(&db, None).await?;
        lists::seed_missing_lists(&db, clock.now()).await?;
        hours::seed_missing_categories(&db, clock.now()).await?;
        let keys = Arc::new(keys);
        Ok(Store {
            audit_batches: audit::Batches::start(db.clone(), keys.clone(), clock.clone()),
            wait_figures: Arc::new(kept::Kept::new(256)),
            // At most 500 rows of a few hundred bytes each.
            wait_windows: Arc::new(kept::Kept::new(64)),
            kept_lists: Arc::default(),
            kept_awaiting: Arc::new(kept::Kept::new(256)),
            db,
            url: Arc::from(url),
            keys,
            clock,
        })
    }

    /// The URL the store was opened with (it may hold a password: never print it).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Begins a transaction that will write. On SQLite a plain BEGIN takes the write lock only
    /// at the first write, and a transaction that read before it fails at once (not after the
    /// busy timeout) if another one wrote in between; a first write that matches no row takes
    /// the lock up front, so that concurrent writers queue instead of failing. On PostgreSQL
    /// it is a no-op.
    async fn begin_write(&self) -> Result<sea_orm::DatabaseTransaction, StoreError> {
        begin_write(&self.db).await
    }

    /// Writes one change and its trace in the audit log together (docs/safety.md "Audit"):
    /// begins the write transaction, runs `change`, appends the events it returns, in order,
    /// and commits. The checks that need no database come before, as in crates.io's crate
    /// deletion; on an error from any step nothing is written (the dropped transaction rolls
    /// back). `change` returns its value and its event: one `Event`, or several (a `Vec`, an
    /// `Option` when there may be none).
    pub(crate) async fn write<'e, T, E>(
        &self,
        actor: &Actor,
        change: impl AsyncFnOnce(&sea_orm::DatabaseTransaction) -> Result<(T, E), StoreError>,
    ) -> Result<T, StoreError>
    where
        E: IntoIterator<Item = audit::Event<'e>>,
    {
        let txn = self.begin_write().await?;
        let (value, events) = change(&txn).await?;
        let now = self.now();
        audit::append(
            &txn,
            self.keys(),
            events.into_iter().map(|e| (now, actor, e)),
        )
        .await?;
        txn.commit().await?;
        Ok(value)
    }

    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    pub fn keys(&self) -> &Keyring {
        &self.keys
    }

    /// Seals a value in a column of a row: the associated data ties it to that place.
    pub(crate) fn seal_at(
        &self,
        table: &'static str,
        column: &'static str,
        row: impl std::fmt::Display,
        value: &str,
    ) -> String {
        let row = row.to_string();
        self.keys.seal(
            crypto::FieldRef {
                table,
                column,
                row: &row,
            },
            value,
        )
    }

    /// Opens a value sealed in a column of a row.
    pub(crate) fn open_at(
        &self,
        table: &'static str,
        column: &'static str,
        row: impl std::fmt::Display,
        sealed: &str,
    ) -> Result<String, StoreError> {
        let row = row.to_string();
        Ok(self.keys.open(
            crypto::FieldRef {
                table,
                column,
                row: &row,
            },
            sealed,
        )?)
    }

    /// Opens a value sealed in a column that may be empty.
    pub(crate) fn open_opt(
        &self,
        table: &'static str,
        column: &'static str,
        row: impl std::fmt::Display,
        sealed: &Option<String>,
    ) -> Result<Option<String>, StoreError> {
        sealed
            .as_deref()
            .map(|s| self.open_at(table, column, &row, s))
            .transpose()
    }

    /// The key of a person's file, opened from her row (docs/privacy.md "Destruction"): none
    /// for a file sealed before keys per file, or destroyed.
    pub(crate) fn file_key(
        &self,
        p: &entity::person::Model,
    ) -> Result<Option<crypto::FileKey>, StoreError> {
        self.file_key_from(p.id, p.file_key_sealed.as_deref())
    }

    /// `file_key` from her row's id and sealed key, for a query that read only those.
    pub(crate) fn file_key_from(
        &self,
        person_id: impl std::fmt::Display,
        sealed: Option<&str>,
    ) -> Result<Option<crypto::FileKey>, StoreError> {
        let row = person_id.to_string();
        sealed
            .map(|sealed| {
                self.keys.unwrap_file_key(
                    crypto::FieldRef {
                        table: "persons",
                        column: "file_key",
                        row: &row,
                    },
                    sealed,
                )
            })
            .transpose()
            .map_err(Into::into)
    }

    /// A new file's key, and how her row keeps it.
    pub(crate) fn new_file_key(
        &self,
        person_id: impl std::fmt::Display,
    ) -> (crypto::FileKey, String) {
        let key = crypto::FileKey::generate();
        let row = person_id.to_string();
        let sealed = self.keys.wrap_file_key(
            crypto::FieldRef {
                table: "persons",
                column: "file_key",
                row: &row,
            },
            &key,
        );
        (key, sealed)
    }

    /// Seals a value of a person's file: with her file's key when it has one, else with the
    /// keyring.
    pub(crate) fn seal_in(
        &self,
        key: Option<&crypto::FileKey>,
        table: &'static str,
        column: &'static str,
        row: impl std::fmt::Display,
        value: &[u8],
    ) -> String {
        let row = row.to_string();
        let at = crypto::FieldRef {
            table,
            column,
            row: &row,
        };
        match key {
            Some(key) => key.seal_bytes(at, value),
            None => self.keys.seal_bytes(at, value),
        }
    }

    /// Opens a value of a person's file, sealed with her file's key or, before keys per file,
    /// with the keyring.
    pub(crate) fn open_in(
        &self,
        key: Option<&crypto::FileKey>,
        table: &'static str,
        column: &'static str,
        row: impl std::fmt::Display,
        sealed: &str,
    ) -> Result<Vec<u8>, StoreError> {
        let row = row.to_string();
        let at = crypto::FieldRef {
            table,
            column,
            row: &row,
        };
        if crypto::FileKey::sealed_it(sealed) {
            // Sealed with a key that is no more: the file was destroyed.
            let key = key.ok_or(StoreError::Crypto(crypto::CryptoError::Open))?;
            Ok(key.open_bytes(at, sealed)?)
        } else {
            Ok(self.keys.open_bytes(at, sealed)?)
        }
    }

    /// `open_in` for a text.
    pub(crate) fn open_text_in(
        &self,
        key: Option<&crypto::FileKey>,
        table: &'static str,
        column: &'static str,
        row: impl std::fmt::Display,
        sealed: &str,
    ) -> Result<String, StoreError> {
        String::from_utf8(self.open_in(key, table, column, row, sealed)?)
            .map_err(|_| StoreError::Crypto(crypto::CryptoError::Malformed))
    }

    /// A person's name, as every list shows it.
    pub(crate) fn person_name(&self, p: &entity::person::Model) -> Result<String, StoreError> {
        self.open_text_in(
            self.file_key(p)?.as_ref(),
            "persons",
            "name",
            p.id,
            &p.name_sealed,
        )
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// Whether an instant given as the time something was held is still to come. A meeting,
    /// a session or an animation is recorded once it has taken place: what is to come is
    /// planned elsewhere (the wait list books a first meeting, a group has its start and its
    /// planned meetings). A few minutes are allowed for a device whose clock runs ahead.
    pub fn is_to_come(&self, held_at: chrono::DateTime<chrono::Utc>) -> bool {
        held_at > self.now() + HELD_CLOCK_SKEW
    }

    pub fn backend(&self) -> DbBackend {
        self.db.get_database_backend()
    }

    /// Tells the engine again how the tables' values spread, for it to choose its indexes.
    /// Without statistics SQLite takes any index whose first column is the organization for
    /// a good one, and reads a whole organization's requests to find one person's (5 ms a
    /// page against 0.1); PostgreSQL gathers its own in the background, and this only brings
    /// them up to date after a bulk load. The server runs it as it starts and every few hours.
    pub async fn refresh_statistics(&self) -> Result<(), StoreError> {
        use sea_orm::ConnectionTrait;
        self.db.execute_unprepared("ANALYZE").await?;
        Ok(())
    }

    /// Whether the database answers (for /healthz).
    pub async fn ping(&self) -> bool {
        self.db.ping().await.is_ok()
    }

    pub async fn close(self) -> Result<(), StoreError> {
        Ok(self.db.close().await?)
    }
}
