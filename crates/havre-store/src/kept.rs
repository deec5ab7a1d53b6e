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
/// once; `quick_cache` lets go first of the values read least.
pub struct Kept<K, V> {
    kept: quick_cache::sync::Cache<(K, i64), V>,
}

impl<K: Eq + Hash + Clone, V: Clone> Kept<K, V> {
    /// Keeps at most about `capacity` values.
    pub fn new(capacity: usize) -> Self {
        Kept {
            kept: quick_cache::sync::Cache::new(capacity),
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

    /// The value of `key` as `compute` gives it, kept under a count of changes read before.
    pub async fn get_at<E>(
        &self,
        changes: i64,
        key: K,
        compute: impl Future<Output = Result<V, E>>,
    ) -> Result<V, E> {
        self.kept
            .get_or_insert_async(&(key, changes), compute)
            .await
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
}

impl Default for KeptLists {
    fn default() -> Self {
        KeptLists {
            team: Kept::new(64),
            values: Kept::new(512),
            pathways: Kept::new(64),
        }
    }
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
    /// The organization's lists as they are now.
    pub async fn lists(&self, organization_id: OrganizationId) -> Result<Lists<'_>, StoreError> {
        Ok(Lists {
            store: self,
            organization_id,
            changes: self.data_changes().await?,
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
