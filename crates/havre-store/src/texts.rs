//! The texts an organization publishes (docs/privacy.md "Service declaration and complaint
//! process"): numbered versions, the current one on the public page, and the versions handed
//! out at a first meeting.

use crate::audit::{Action, Event};
use crate::entity::published_text;
use crate::reader::Reader;
use crate::{Store, StoreError};
use chrono::{DateTime, Utc};
use havre_domain::ids::OrganizationId;
use havre_domain::policy::{self, Record, RecordKind};
use havre_domain::text::Lang;
use havre_domain::texts::{GIVEN_AT_FIRST_MEETING, TextKind, check, fill};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::Serialize;

/// A version of a text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PublishedText {
    #[schema(value_type = String)]
    pub kind: TextKind,
    pub version: i32,
    pub body: String,
    pub published_at: DateTime<Utc>,
}

impl From<published_text::Model> for PublishedText {
    fn from(m: published_text::Model) -> Self {
        PublishedText {
            kind: TextKind::parse(&m.kind).unwrap_or(TextKind::ServiceDeclaration),
            version: m.version,
            body: m.body,
            published_at: m.published_at,
        }
    }
}

impl Store {
    /// The current version of a text, if one was published.
    pub async fn published_text(
        &self,
        organization_id: OrganizationId,
        kind: TextKind,
    ) -> Result<Option<PublishedText>, StoreError> {
        Ok(self
            .text_versions_of(self.db(), organization_id, kind)
            .await?
            .into_iter()
            .next())
    }

    /// Every version of a text, newest first.
    pub async fn text_versions(
        &self,
        reader: &Reader,
        kind: TextKind,
    ) -> Result<Vec<PublishedText>, StoreError> {
        reader.check(
            policy::Action::Read,
            &Record::new(RecordKind::PublishedText),
        )?;
        self.text_versions_of(self.db(), reader.organization_id, kind)
            .await
    }

    async fn text_versions_of<C: ConnectionTrait>(
        &self,
        conn: &C,
        organization_id: OrganizationId,
        kind: TextKind,
    ) -> Result<Vec<PublishedText>, StoreError> {
        Ok(published_text::Entity::find()
            .filter(published_text::Column::OrganizationId.eq(organization_id))
            .filter(published_text::Column::Kind.eq(kind.key()))
            .order_by_desc(published_text::Column::Version)
            .all(conn)
            .await?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// Havre's model of a text, with what Havre knows of the organization filled in: the
    /// start of its first version.
    pub async fn text_model(
        &self,
        organization_id: OrganizationId,
        kind: TextKind,
        lang: Lang,
    ) -> Result<String, StoreError> {
        let org = self.organization(organization_id).await?;
        let settings = self.privacy_settings(organization_id).await?;
        let phone = org
            .public_info
            .phone_lines
            .first()
            .map(|l| l.number.clone())
            .unwrap_or_default();
        Ok(fill(
            kind.model(lang),
            &[
                ("organization", org.name.clone()),
                ("phone", phone),
                ("address_or_territory", org.public_info.territory.clone()),
                ("answer_days", settings.complaint_answer_days.to_string()),
                (
                    "file_retention_years",
                    settings.retention.closed_file.to_string(),
                ),
                (
                    "unserved_request_years",
                    settings.retention.unserved_request.to_string(),
                ),
                ("complaint_years", settings.retention.complaint.to_string()),
                ("privacy_officer_title", settings.officer_title.clone()),
                ("privacy_officer_contact", settings.officer_contact.clone()),
            ],
        ))
    }

    /// Publishes a new version of a text; the earlier ones stay, as they were handed out.
    pub async fn publish_text(
        &self,
        reader: &Reader,
        kind: TextKind,
        body: &str,
    ) -> Result<i32, StoreError> {
        reader.check(
            policy::Action::Edit,
            &Record::new(RecordKind::PublishedText),
        )?;
        check(body).map_err(|p| StoreError::Invalid(vec![p]))?;
        self.write(&reader.actor, async |txn| {
            let version = self
                .text_versions_of(txn, reader.organization_id, kind)
                .await?
                .first()
                .map_or(1, |t| t.version + 1);
            published_text::ActiveModel {
                id: Set(uuid::Uuid::new_v4()),
                organization_id: Set(reader.organization_id.into()),
                kind: Set(kind.key().to_owned()),
                version: Set(version),
                body: Set(body.trim().to_owned()),
                published_at: Set(self.now()),
                published_by: Set(reader.user_id.into()),
            }
            .insert(txn)
            .await?;
            Ok((
                version,
                Event::new(Action::TextPublished)
                    .target("text", kind.key())
                    .detail(serde_json::json!({ "version": version })),
            ))
        })
        .await
    }

    /// The texts handed out at a first meeting as a meeting records them, their current
    /// versions (`service_declaration:3,complaint_process:2`); none while one is not
    /// published.
    pub(crate) async fn texts_given_now<C: ConnectionTrait>(
        &self,
        conn: &C,
        organization_id: OrganizationId,
    ) -> Result<Option<String>, StoreError> {
        let mut given = Vec::new();
        for kind in GIVEN_AT_FIRST_MEETING {
            match self
                .text_versions_of(conn, organization_id, kind)
                .await?
                .first()
            {
                Some(t) => given.push(format!("{}:{}", kind.key(), t.version)),
                None => return Ok(None),
            }
        }
        Ok(Some(given.join(",")))
    }
}
