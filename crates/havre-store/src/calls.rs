//! Listening and information calls that open no file, logged anonymously in a few
//! keystrokes, and unmet demand: the requests the organization could not answer, with why.

use crate::entity::{call, turn_away};
use crate::{Actor, FieldError, Store, StoreError};
use chrono::{DateTime, Utc};
use havre_domain::ids::{CallId, ListValueId, OrganizationId, TurnAwayId};
use havre_domain::intake::{ServiceArea, TurnAwayReason};
use havre_domain::lists::ListKind;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde::Serialize;
use std::collections::BTreeMap;

pub struct NewCall {
    pub at: DateTime<Utc>,
    pub duration_minutes: i32,
    pub topic: ListValueId,
    pub referral_given: Option<String>,
}

/// Calls counted over a period: how many, how long in all, per topic.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CallTally {
    pub calls: usize,
    pub minutes: i64,
    /// Per topic value id.
    pub by_topic: BTreeMap<ListValueId, usize>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TurnAwayTally {
    pub total: usize,
    /// Per reason key.
    pub by_reason: BTreeMap<String, usize>,
}

fn check_referral(text: Option<&str>, problems: &mut Vec<FieldError>) -> Option<String> {
    let text = text.map(str::trim).filter(|t| !t.is_empty())?;
    if text.chars().count() > 200 {
        problems.push(FieldError {
            field: "referral_given",
            message_key: "field-too-long",
        });
    }
    Some(text.to_owned())
}

impl Store {
    pub async fn log_call(
        &self,
        actor: &Actor,
        organization_id: OrganizationId,
        new: NewCall,
    ) -> Result<CallId, StoreError> {
        let mut problems = Vec::new();
        if new.at > self.now() {
            problems.push(FieldError {
                field: "at",
                message_key: "date-in-future",
            });
        }
        // A call lasts at least a minute and less than a day.
        if !(1..24 * 60).contains(&new.duration_minutes) {
            problems.push(FieldError {
                field: "duration_minutes",
                message_key: "duration-invalid",
            });
        }
        if let Err(e) = self
            .check_list_values(
                self.db(),
                organization_id,
                ListKind::CallTopic,
                &[new.topic],
                "topic",
            )
            .await
        {
            problems.push(e);
        }
        let referral_given = check_referral(new.referral_given.as_deref(), &mut problems);
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        let id = CallId::new();
        call::ActiveModel {
            id: Set(id.into()),
            organization_id: Set(organization_id.into()),
            at: Set(new.at),
            duration_minutes: Set(new.duration_minutes),
            topic_id: Set(new.topic.into()),
            referral_given: Set(referral_given),
            taken_by: Set(actor.user_id.map(Into::into)),
            created_at: Set(self.now()),
        }
        .insert(self.db())
        .await?;
        Ok(id)
    }

    pub async fn record_turn_away(
        &self,
        actor: &Actor,
        organization_id: OrganizationId,
        at: DateTime<Utc>,
        area: ServiceArea,
        reason: TurnAwayReason,
        referral_given: Option<&str>,
    ) -> Result<TurnAwayId, StoreError> {
        let mut problems = Vec::new();
        if at > self.now() {
            problems.push(FieldError {
                field: "at",
                message_key: "date-in-future",
            });
        }
        let referral_given = check_referral(referral_given, &mut problems);
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        let id = TurnAwayId::new();
        turn_away::ActiveModel {
            id: Set(id.into()),
            organization_id: Set(organization_id.into()),
            at: Set(at),
            service_area: Set(area.key().to_owned()),
            reason: Set(reason.key().to_owned()),
            referral_given: Set(referral_given),
            recorded_by: Set(actor.user_id.map(Into::into)),
            created_at: Set(self.now()),
        }
        .insert(self.db())
        .await?;
        Ok(id)
    }

    /// The calls of `[from, to)`.
    pub async fn call_tally(
        &self,
        organization_id: OrganizationId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<CallTally, StoreError> {
        let calls = call::Entity::find()
            .filter(call::Column::OrganizationId.eq(organization_id))
            .filter(call::Column::At.gte(from))
            .filter(call::Column::At.lt(to))
            .all(self.db())
            .await?;
        let mut by_topic = BTreeMap::new();
        for c in &calls {
            *by_topic.entry(c.topic_id.into()).or_insert(0) += 1;
        }
        Ok(CallTally {
            calls: calls.len(),
            minutes: calls.iter().map(|c| i64::from(c.duration_minutes)).sum(),
            by_topic,
        })
    }

    /// The requests turned away in `[from, to)`, with the waiting requests closed as
    /// referred elsewhere, which are unmet demand too.
    pub async fn turn_away_tally(
        &self,
        organization_id: OrganizationId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<TurnAwayTally, StoreError> {
        use crate::entity::help_request;
        let rows = turn_away::Entity::find()
            .filter(turn_away::Column::OrganizationId.eq(organization_id))
            .filter(turn_away::Column::At.gte(from))
            .filter(turn_away::Column::At.lt(to))
            .all(self.db())
            .await?;
        let mut by_reason: BTreeMap<String, usize> = BTreeMap::new();
        for r in &rows {
            *by_reason.entry(r.reason.clone()).or_insert(0) += 1;
        }
        let referred = help_request::Entity::find()
            .filter(help_request::Column::OrganizationId.eq(organization_id))
            .filter(help_request::Column::CloseReason.eq("referred_elsewhere"))
            .filter(help_request::Column::ClosedAt.gte(from))
            .filter(help_request::Column::ClosedAt.lt(to))
            .all(self.db())
            .await?
            .len();
        if referred > 0 {
            *by_reason
                .entry(TurnAwayReason::ReferredElsewhere.key().to_owned())
                .or_insert(0) += referred;
        }
        Ok(TurnAwayTally {
            total: by_reason.values().sum(),
            by_reason,
        })
    }
}
