//! What is kept until the database counts a change (docs/architecture.md "The report kept
//! until a write"): a value computed from the records stays true while the count of changes
//! (`Store::data_changes`, migration m0028) has not moved, whatever path the change took.

use crate::{Store, StoreError};
use std::hash::Hash;

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
