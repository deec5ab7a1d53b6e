//! What is kept until the database counts a change (docs/architecture.md "The report kept
//! until a write"): a value computed from the records stays true while the count of changes
//! (`Store::data_changes`, migration m0028) has not moved, whatever path the change took.

use crate::accounts::User;
use crate::lists::ListValue;
use crate::pathways::Pathway;
use crate::reader::Reader;
use crate::{Store, StoreError};
use havre_domain::ids::OrganizationId;
use havre_domain::lists::ListKind;
use std::hash::Hash;
use std::sync::Arc;

/// Values computed from the records, each kept under the count of changes the database had
/// just before it was computed. Two readers of the same value at the same moment compute it
/// once; `quick_cache` lets go first of the values read least. Once a newer count is seen,
/// every value kept under an older one is let go: nobody asks for it again, and what it holds
/// (a window of the wait list: names, sealed) does not stay in memory after its records
/// changed or were destroyed.
pub struct Kept<K, V> {
    kept: quick_cache::sync::Cache<(K, i64), V>,
    newest: std::sync::atomic::AtomicI64,
}

impl<K: Eq + Hash + Clone, V: Clone> Kept<K, V> {
    /// Keeps at most about `capacity` values.
    pub fn new(capacity: usize) -> Self {
        Kept {
            kept: quick_cache::sync::Cache::new(capacity),
            newest: std::sync::atomic::AtomicI64::new(i64::MIN),
        }
    }

    /// The value of `key` as `compute` gives it now.
    pub async fn get<E: From<StoreError>>(
        &self,
        store: &Store,
        key: K,
        compute: impl Future<Output = Result<V, E>>,
    ) -> Result<V, E> {
        // Read before computing: a change that lands while the value is computed leaves it
        // under the count before that change, where nobody will look again.
        let changes = store.data_changes().await?;
        self.get_at(changes, key, compute).await
    }

    /// The same, at the count of changes the reader's request is read at
    /// (`Store::changes_seen`).
    pub async fn get_seen<E: From<StoreError>>(
        &self,
        store: &Store,
        reader: &Reader,
        key: K,
        compute: impl Future<Output = Result<V, E>>,
    ) -> Result<V, E> {
        let changes = store.changes_seen(reader).await?;
        self.get_at(changes, key, compute).await
    }

    /// The value of `key` as `compute` gives it, kept under a count of changes read before.
    pub async fn get_at<E>(
        &self,
        changes: i64,
        key: K,
        compute: impl Future<Output = Result<V, E>>,
    ) -> Result<V, E> {
        use std::sync::atomic::Ordering;
        if self.newest.fetch_max(changes, Ordering::AcqRel) < changes {
            self.kept.clear();
        }
        self.kept
            .get_or_insert_async(&(key, changes), compute)
            .await
    }

    /// Lets go of every value kept.
    pub fn clear(&self) {
        self.kept.clear();
    }

    /// How many values are kept now.
    pub fn len(&self) -> usize {
        self.kept.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }
}

impl Store {
    /// How many changes the records of every organization have seen, counted by the database
    /// (migration `m0028_data_changes`): a report computed when it said n is still true while
    /// it says n.
    pub async fn data_changes(&self) -> Result<i64, StoreError> {
        use sea_orm::{ConnectionTrait, Statement};
        let row = self
            .db()
            .query_one_raw(Statement::from_string(
                self.backend(),
                "SELECT seq FROM data_changes WHERE id = 1",
            ))
            .await?
            .ok_or_else(|| StoreError::Other("the count of changes is missing".into()))?;
        Ok(row.try_get::<i64>("", "seq")?)
    }
}

/// The lists an organization's pages show beside the records (its team, its list values, its
/// pathways), kept until a change like the report: a file page showed them by reading six
/// tables at every opening.
pub(crate) struct KeptLists {
    team: Kept<OrganizationId, Arc<Vec<User>>>,
    values: Kept<(OrganizationId, ListKind, bool), Arc<Vec<ListValue>>>,
    pathways: Kept<OrganizationId, Arc<Vec<Pathway>>>,
    in_use: Kept<OrganizationId, InUse>,
}

impl Default for KeptLists {
    fn default() -> Self {
        KeptLists {
            team: Kept::new(64),
            values: Kept::new(512),
            pathways: Kept::new(64),
            in_use: Kept::new(64),
        }
    }
}

/// Which of the records a file may hold beside its own the organization has any of: a
/// help centre has no stays, a house no appointments. A file page asks for each part only
/// when there may be one, instead of asking the database four questions whose answer is
/// always none (docs/architecture.md "The lists kept until a change").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InUse {
    /// Stays in its houses.
    pub stays: bool,
    /// Appointments with its professionals.
    pub appointments: bool,
    /// Women put on its pathways.
    pub enrolments: bool,
    /// Requests to its emergency fund.
    pub fund_requests: bool,
}

/// An organization's lists as they were at one count of changes, read once: a page that shows
/// several asks the database one question for all of them, and each list is read again only
/// when a change came since (docs/architecture.md "The lists kept until a change").
pub struct Lists<'s> {
    store: &'s Store,
    organization_id: OrganizationId,
    changes: i64,
}

impl Store {
    /// The count of changes the reader's request is read at: the one read with her session
    /// when her request only reads (`Known::seeing`), or the database's now.
    pub async fn changes_seen(&self, reader: &Reader) -> Result<i64, StoreError> {
        match reader.known.changes() {
            Some(changes) => Ok(changes),
            None => self.data_changes().await,
        }
    }

    /// The reader's organization's lists, at the count of changes her request is read at.
    pub async fn lists_for(&self, reader: &Reader) -> Result<Lists<'_>, StoreError> {
        Ok(Lists {
            store: self,
            organization_id: reader.organization_id,
            changes: self.changes_seen(reader).await?,
        })
    }

    /// What the reader's organization has any of (`InUse`), at the count of changes her
    /// request is read at.
    pub(crate) async fn in_use(&self, reader: &Reader) -> Result<InUse, StoreError> {
        let changes = self.changes_seen(reader).await?;
        let org = reader.organization_id;
        self.kept_lists
            .in_use
            .get_at(changes, org, self.in_use_now(org))
            .await
    }

    async fn in_use_now(&self, org: OrganizationId) -> Result<InUse, StoreError> {
        use crate::entity::{appointment, fund_entry, pathway_enrolment, stay};
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let db = self.db();
        Ok(InUse {
            stays: any(
                db,
                stay::Entity::find().filter(stay::Column::OrganizationId.eq(org)),
            )
            .await?,
            appointments: any(
                db,
                appointment::Entity::find().filter(appointment::Column::OrganizationId.eq(org)),
            )
            .await?,
            enrolments: any(
                db,
                pathway_enrolment::Entity::find()
                    .filter(pathway_enrolment::Column::OrganizationId.eq(org)),
            )
            .await?,
            fund_requests: any(
                db,
                fund_entry::Entity::find()
                    .filter(fund_entry::Column::OrganizationId.eq(org))
                    .filter(fund_entry::Column::PersonId.is_not_null()),
            )
            .await?,
        })
    }
}

impl Lists<'_> {
    /// `Store::users`.
    pub async fn team(&self) -> Result<Arc<Vec<User>>, StoreError> {
        let (store, org) = (self.store, self.organization_id);
        store
            .kept_lists
            .team
            .get_at(self.changes, org, async {
                Ok(Arc::new(store.users(org).await?))
            })
            .await
    }

    /// `Store::list_values`.
    pub async fn values(
        &self,
        kind: ListKind,
        with_retired: bool,
    ) -> Result<Arc<Vec<ListValue>>, StoreError> {
        let (store, org) = (self.store, self.organization_id);
        store
            .kept_lists
            .values
            .get_at(self.changes, (org, kind, with_retired), async {
                Ok(Arc::new(store.list_values(org, kind, with_retired).await?))
            })
            .await
    }

    /// `Store::pathways`: the reader's right is checked at every read, the list is kept.
    pub async fn pathways(&self, reader: &Reader) -> Result<Arc<Vec<Pathway>>, StoreError> {
        Store::check_pathways(reader, havre_domain::policy::Action::Read)?;
        let (store, org) = (self.store, reader.organization_id);
        store
            .kept_lists
            .pathways
            .get_at(self.changes, org, async {
                Ok(Arc::new(
                    store.pathways_of_organization(store.db(), org).await?,
                ))
            })
            .await
    }
}

/// Whether the query finds a row.
async fn any<E: sea_orm::EntityTrait>(
    db: &sea_orm::DatabaseConnection,
    query: sea_orm::Select<E>,
) -> Result<bool, StoreError> {
    Ok(query.one(db).await?.is_some())
}

#[cfg(test)]
mod tests {
    use super::Kept;

    #[tokio::test]
    async fn a_value_is_kept_at_its_count_and_let_go_once_a_newer_one_is_seen() {
        let kept: Kept<&str, u32> = Kept::new(16);
        let at = async |changes, key, value| {
            kept.get_at(changes, key, async move { Ok::<_, ()>(value) })
                .await
                .unwrap()
        };
        assert_eq!(at(1, "wait list", 10).await, 10);
        assert_eq!(at(1, "report", 20).await, 20);
        // At the same count, what was kept is given, not computed again.
        assert_eq!(at(1, "wait list", 99).await, 10);
        assert_eq!(kept.len(), 2);
        // A change: computed again, and nothing of the older count stays.
        assert_eq!(at(2, "wait list", 11).await, 11);
        assert_eq!(kept.len(), 1);
        // A reader still at the older count gets what the records hold, not the old value.
        assert_eq!(at(1, "report", 21).await, 21);
    }
}
