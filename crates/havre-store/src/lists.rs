//! The closed lists of each organization: seeded with Havre's defaults, then extended,
//! renamed and retired by the organization. A retired value is no longer offered, but the
//! requests that hold it keep it, and so do the reports that count them.

use crate::audit::Event;
use crate::entity::list_value;
use crate::{Actor, Store, StoreError};
use havre_domain::ids::{ListValueId, OrganizationId};
use havre_domain::lists::{ListKind, NOT_ASKED, UNKNOWN};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use serde::Serialize;
use uuid::Uuid;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ListValue {
    pub id: ListValueId,
    pub list: String,
    pub key: Option<String>,
    pub label_fr: String,
    pub label_en: String,
    /// A profession's kind (havre_domain::care::ProfessionKind), which the policy reads.
    pub category: Option<String>,
    pub retired: bool,
}

impl From<list_value::Model> for ListValue {
    fn from(m: list_value::Model) -> Self {
        ListValue {
            id: m.id.into(),
            list: m.list,
            key: m.key,
            label_fr: m.label_fr,
            label_en: m.label_en,
            category: m.category,
            retired: m.retired_at.is_some(),
        }
    }
}

/// Seeds an organization's lists with Havre's defaults, inside the caller's transaction.
pub(crate) async fn seed_defaults<C: ConnectionTrait>(
    conn: &C,
    organization_id: OrganizationId,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), StoreError> {
    seed_lists(conn, organization_id, &ListKind::ALL, now).await
}

/// Gives every organization the lists added by a later version of Havre, with their
/// defaults (run at each start; a list an organization already has is left alone).
pub(crate) async fn seed_missing_lists<C: ConnectionTrait>(
    conn: &C,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), StoreError> {
    use crate::entity::organization;
    for org in organization::Entity::find().all(conn).await? {
        let mut missing = Vec::new();
        for kind in ListKind::ALL {
            let count = list_value::Entity::find()
                .filter(list_value::Column::OrganizationId.eq(org.id))
                .filter(list_value::Column::List.eq(kind.key()))
                .count(conn)
                .await?;
            if count == 0 {
                missing.push(kind);
            }
        }
        if !missing.is_empty() {
            seed_lists(conn, org.id.into(), &missing, now).await?;
        }
    }
    Ok(())
}

async fn seed_lists<C: ConnectionTrait>(
    conn: &C,
    organization_id: OrganizationId,
    kinds: &[ListKind],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), StoreError> {
    let mut rows = Vec::new();
    for &kind in kinds {
        let standard: &[_] = if kind.is_question() {
            &[NOT_ASKED, UNKNOWN]
        } else {
            &[]
        };
        let values = standard
            .iter()
            .copied()
            .chain(kind.defaults().iter().copied());
        for (position, value) in values.enumerate() {
            rows.push(list_value::ActiveModel {
                id: Set(Uuid::new_v4()),
                organization_id: Set(organization_id.into()),
                list: Set(kind.key().to_owned()),
                key: Set(Some(value.key.to_owned())),
                label_fr: Set(value.fr.to_owned()),
                label_en: Set(value.en.to_owned()),
                position: Set(position as i32),
                category: Set((kind == ListKind::Profession)
                    .then(|| havre_domain::care::default_kind(value.key))
                    .flatten()
                    .map(|k| k.key().to_owned())),
                retired_at: Set(None),
                created_at: Set(now),
            });
        }
    }
    list_value::Entity::insert_many(rows)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

pub(crate) fn check_label(label: &str, field: &'static str) -> Result<String, StoreError> {
    let label = label.trim();
    if label.is_empty() || label.chars().count() > 120 || label.chars().any(char::is_control) {
        return Err(StoreError::invalid(field, "field-required"));
    }
    Ok(label.to_owned())
}

impl Store {
    /// The values of one list, in order; retired ones only when asked for.
    pub async fn list_values(
        &self,
        organization_id: OrganizationId,
        kind: ListKind,
        with_retired: bool,
    ) -> Result<Vec<ListValue>, StoreError> {
        let mut query = list_value::Entity::find()
            .filter(list_value::Column::OrganizationId.eq(organization_id))
            .filter(list_value::Column::List.eq(kind.key()));
        if !with_retired {
            query = query.filter(list_value::Column::RetiredAt.is_null());
        }
        Ok(query
            .order_by_asc(list_value::Column::Position)
            .all(self.db())
            .await?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// Adds a value at the end of a list. A profession is added with its kind, by
    /// [`Store::add_profession`].
    pub async fn add_list_value(
        &self,
        organization_id: OrganizationId,
        kind: ListKind,
        label_fr: &str,
        label_en: &str,
    ) -> Result<ListValue, StoreError> {
        self.add_list_value_with_category(organization_id, kind, label_fr, label_en, "")
            .await
    }

    /// Adds a value as a form or a body sends it: a profession with its kind (`category`,
    /// refused at its field when it is not one), any other value without.
    pub async fn add_list_value_with_category(
        &self,
        organization_id: OrganizationId,
        kind: ListKind,
        label_fr: &str,
        label_en: &str,
        category: &str,
    ) -> Result<ListValue, StoreError> {
        if kind != ListKind::Profession {
            return self
                .append_list_value(organization_id, kind, label_fr, label_en, None)
                .await;
        }
        match havre_domain::care::ProfessionKind::parse(category) {
            Some(profession) => {
                self.add_profession(organization_id, label_fr, label_en, profession)
                    .await
            }
            None => Err(StoreError::invalid("category", "profession-kind-required")),
        }
    }

    /// Adds a profession to the organization's list, with the kind that says what its
    /// holders read in a file (docs/care.md).
    pub async fn add_profession(
        &self,
        organization_id: OrganizationId,
        label_fr: &str,
        label_en: &str,
        kind: havre_domain::care::ProfessionKind,
    ) -> Result<ListValue, StoreError> {
        self.append_list_value(
            organization_id,
            ListKind::Profession,
            label_fr,
            label_en,
            Some(kind.key()),
        )
        .await
    }

    async fn append_list_value(
        &self,
        organization_id: OrganizationId,
        kind: ListKind,
        label_fr: &str,
        label_en: &str,
        category: Option<&str>,
    ) -> Result<ListValue, StoreError> {
        let label_fr = check_label(label_fr, "label_fr")?;
        let label_en = if label_en.trim().is_empty() {
            label_fr.clone()
        } else {
            check_label(label_en, "label_en")?
        };
        // The count and the insert in one transaction, so that two values added at once do not
        // take the same position. A list's values are settings, not records: no audit entry.
        let no_entry: Option<Event> = None;
        let model = self
            .write(&Actor::default(), async |txn| {
                let position = list_value::Entity::find()
                    .filter(list_value::Column::OrganizationId.eq(organization_id))
                    .filter(list_value::Column::List.eq(kind.key()))
                    .count(txn)
                    .await? as i32;
                let model = list_value::ActiveModel {
                    id: Set(Uuid::new_v4()),
                    organization_id: Set(organization_id.into()),
                    list: Set(kind.key().to_owned()),
                    key: Set(None),
                    label_fr: Set(label_fr),
                    label_en: Set(label_en),
                    position: Set(position),
                    category: Set(category.map(str::to_owned)),
                    retired_at: Set(None),
                    created_at: Set(self.now()),
                }
                .insert(txn)
                .await?;
                Ok((model, no_entry))
            })
            .await?;
        Ok(model.into())
    }

    /// Renames a value: past requests show the new name, and keep the same value.
    pub async fn rename_list_value(
        &self,
        organization_id: OrganizationId,
        id: ListValueId,
        label_fr: &str,
        label_en: &str,
    ) -> Result<ListValue, StoreError> {
        // Another organization's value answers NotFound before any message about the labels.
        let m = self.list_value_model(organization_id, id).await?;
        let label_fr = check_label(label_fr, "label_fr")?;
        let label_en = if label_en.trim().is_empty() {
            label_fr.clone()
        } else {
            check_label(label_en, "label_en")?
        };

        let mut model: list_value::ActiveModel = m.into();
        model.label_fr = Set(label_fr);
        model.label_en = Set(label_en);
        Ok(model.update(self.db()).await?.into())
    }

    /// Retires a value: no longer offered at intake, still shown on the requests that hold it.
    pub async fn retire_list_value(
        &self,
        organization_id: OrganizationId,
        id: ListValueId,
    ) -> Result<ListValue, StoreError> {
        let m = self.list_value_model(organization_id, id).await?;
        let mut model: list_value::ActiveModel = m.into();
        model.retired_at = Set(Some(self.now()));
        Ok(model.update(self.db()).await?.into())
    }

    async fn list_value_model(
        &self,
        organization_id: OrganizationId,
        id: ListValueId,
    ) -> Result<list_value::Model, StoreError> {
        list_value::Entity::find_by_id(id)
            .filter(list_value::Column::OrganizationId.eq(organization_id))
            .one(self.db())
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// Checks that each id is a live value of that list of that organization, for a list
    /// whose values are counted each (the professions of a training's participants).
    pub(crate) async fn check_list_values_multi<C: ConnectionTrait>(
        &self,
        conn: &C,
        organization_id: OrganizationId,
        kind: ListKind,
        ids: &[ListValueId],
        field: &'static str,
    ) -> Result<(), crate::FieldError> {
        let mut unique = ids.to_vec();
        unique.sort();
        unique.dedup();
        let found = list_value::Entity::find()
            .filter(list_value::Column::OrganizationId.eq(organization_id))
            .filter(list_value::Column::List.eq(kind.key()))
            .filter(list_value::Column::Id.is_in(unique.clone()))
            .count(conn)
            .await
            .unwrap_or(0);
        if found as usize != unique.len() {
            return Err(crate::FieldError {
                field,
                message_key: "value-not-in-list",
            });
        }
        Ok(())
    }

    /// Checks that each id is a live value of that list of that organization; `field` names
    /// the form field a problem is shown at.
    pub(crate) async fn check_list_values<C: ConnectionTrait>(
        &self,
        conn: &C,
        organization_id: OrganizationId,
        kind: ListKind,
        ids: &[ListValueId],
        field: &'static str,
    ) -> Result<(), crate::FieldError> {
        if ids.is_empty() || (!kind.multi() && ids.len() > 1) {
            return Err(crate::FieldError {
                field,
                message_key: "value-required",
            });
        }
        let found = list_value::Entity::find()
            .filter(list_value::Column::OrganizationId.eq(organization_id))
            .filter(list_value::Column::List.eq(kind.key()))
            .filter(list_value::Column::RetiredAt.is_null())
            .filter(list_value::Column::Id.is_in(ids.to_vec()))
            .count(conn)
            .await
            .unwrap_or(0);
        let mut unique = ids.to_vec();
        unique.sort();
        unique.dedup();
        if found as usize != unique.len() {
            return Err(crate::FieldError {
                field,
                message_key: "value-not-in-list",
            });
        }
        Ok(())
    }
}
