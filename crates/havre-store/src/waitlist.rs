//! The wait list (domain.md §2.3): the requests not yet met, ordered by decided code then by
//! the date of the request, and for each code how many wait, the median wait and the longest.
//! Reducing the wait is the organization's first worry, so these figures are on its screen.

use crate::crypto::FieldRef;
use crate::entity::{help_request, person};
use crate::{Store, StoreError};
use chrono::{DateTime, Utc};
use havre_domain::intake::ServiceArea;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WaitingRequest {
    pub id: Uuid,
    pub person_id: Uuid,
    /// Her name, to call her back (never the narrative: answers and reasons stay in the file).
    pub name: String,
    pub received_at: DateTime<Utc>,
    pub code: i32,
    pub proposed_code: i32,
    pub teenager: bool,
    pub service_area: String,
    pub sequence: i32,
    pub assigned_to: Option<Uuid>,
    pub first_meeting_at: Option<DateTime<Utc>>,
    /// Whole days since the request.
    pub waiting_days: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CodeWait {
    pub code: i32,
    pub count: usize,
    /// The median of the waits in days (the mean of the two middle ones for an even count).
    pub median_days: f64,
    pub longest_days: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WaitList {
    pub requests: Vec<WaitingRequest>,
    /// Codes 1, 2 and 3, each present even when nobody waits with it.
    pub by_code: Vec<CodeWait>,
}

/// The median of sorted values.
fn median(sorted: &[i64]) -> f64 {
    match sorted.len() {
        0 => 0.0,
        n if n % 2 == 1 => sorted[n / 2] as f64,
        n => (sorted[n / 2 - 1] + sorted[n / 2]) as f64 / 2.0,
    }
}

impl Store {
    pub async fn wait_list(
        &self,
        organization_id: Uuid,
        area: Option<ServiceArea>,
    ) -> Result<WaitList, StoreError> {
        let mut query = help_request::Entity::find()
            .filter(help_request::Column::OrganizationId.eq(organization_id))
            .filter(help_request::Column::Status.eq("waiting"));
        if let Some(area) = area {
            query = query.filter(help_request::Column::ServiceArea.eq(area.key()));
        }
        let rows = query
            .order_by_asc(help_request::Column::DecidedCode)
            .order_by_asc(help_request::Column::ReceivedAt)
            .all(self.db())
            .await?;
        let person_ids: Vec<Uuid> = rows.iter().map(|r| r.person_id).collect();
        let mut names: HashMap<Uuid, String> = HashMap::new();
        for chunk in person_ids.chunks(500) {
            for p in person::Entity::find()
                .filter(person::Column::Id.is_in(chunk.to_vec()))
                .all(self.db())
                .await?
            {
                let row = p.id.to_string();
                let name = self.keys().open(
                    FieldRef {
                        table: "persons",
                        column: "name",
                        row: &row,
                    },
                    &p.name_sealed,
                )?;
                names.insert(p.id, name);
            }
        }
        let now = self.now();
        let requests: Vec<WaitingRequest> = rows
            .into_iter()
            .map(|r| WaitingRequest {
                id: r.id,
                person_id: r.person_id,
                name: names.get(&r.person_id).cloned().unwrap_or_default(),
                received_at: r.received_at,
                code: r.decided_code,
                proposed_code: r.proposed_code,
                teenager: r.teenager,
                service_area: r.service_area,
                sequence: r.sequence,
                assigned_to: r.assigned_to,
                first_meeting_at: r.first_meeting_at,
                waiting_days: (now - r.received_at).num_days(),
            })
            .collect();
        let by_code = (1..=3)
            .map(|code| {
                let mut waits: Vec<i64> = requests
                    .iter()
                    .filter(|r| r.code == code)
                    .map(|r| r.waiting_days)
                    .collect();
                waits.sort_unstable();
                CodeWait {
                    code,
                    count: waits.len(),
                    median_days: median(&waits),
                    longest_days: waits.last().copied().unwrap_or(0),
                }
            })
            .collect();
        Ok(WaitList { requests, by_code })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(super::median(&[]), 0.0);
        assert_eq!(super::median(&[10, 20, 30]), 20.0);
        assert_eq!(super::median(&[10, 20, 30, 45]), 25.0);
    }
}
