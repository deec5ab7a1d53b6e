//! Organizations (the tenants) and what their public page shows.

use crate::audit::{self, Action, Event};
use crate::entity::organization;
use crate::{Actor, Store, StoreError};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A phone line of the organization, as the public page lists it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneLine {
    /// "Ligne principale", "Ligne 24/7", "Ligne texto".
    pub label: String,
    pub number: String,
    /// "lun-ven 9 h-17 h", "24/7", "8 h-22 h, 7 jours".
    pub hours: String,
}

/// What anybody may see about an organization: never an address of a house.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicInfo {
    pub phone_lines: Vec<PhoneLine>,
    pub opening_hours: String,
    /// MRC and municipalities served.
    pub territory: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OrganizationKind {
    Centre,
    Network,
    Partner,
}

impl OrganizationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OrganizationKind::Centre => "centre",
            OrganizationKind::Network => "network",
            OrganizationKind::Partner => "partner",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Organization {
    pub id: Uuid,
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub require_totp: bool,
    pub public_info: PublicInfo,
}

impl From<organization::Model> for Organization {
    fn from(m: organization::Model) -> Self {
        Organization {
            id: m.id,
            slug: m.slug,
            name: m.name,
            kind: m.kind,
            require_totp: m.require_totp,
            public_info: serde_json::from_str(&m.public_info).unwrap_or_default(),
        }
    }
}

/// A URL-safe slug from a name: "CALACS Coup de cœur" → "calacs-coup-de-coeur".
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.to_lowercase().chars() {
        let mapped = match c {
            'à' | 'â' | 'ä' | 'á' => "a",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'î' | 'ï' | 'í' => "i",
            'ô' | 'ö' | 'ó' => "o",
            'ù' | 'û' | 'ü' | 'ú' => "u",
            'ç' => "c",
            'œ' => "oe",
            'æ' => "ae",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "-",
        };
        out.push_str(mapped);
    }
    out.split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

pub struct NewOrganization {
    pub name: String,
    pub kind: OrganizationKind,
    pub require_totp: bool,
    pub public_info: PublicInfo,
}

impl Store {
    pub async fn create_organization(
        &self,
        actor: &Actor,
        new: NewOrganization,
    ) -> Result<Organization, StoreError> {
        let name = new.name.trim().to_owned();
        if name.is_empty() || name.chars().count() > 200 {
            return Err(StoreError::invalid("name", "field-required"));
        }
        let slug = slugify(&name);
        if slug.is_empty() {
            return Err(StoreError::invalid("name", "field-invalid"));
        }
        let txn = self.begin_write().await?;
        if organization::Entity::find()
            .filter(organization::Column::Slug.eq(&slug))
            .one(&txn)
            .await?
            .is_some()
        {
            return Err(StoreError::invalid("name", "organization-exists"));
        }
        let model = organization::ActiveModel {
            id: Set(Uuid::new_v4()),
            slug: Set(slug),
            name: Set(name),
            kind: Set(new.kind.as_str().to_owned()),
            require_totp: Set(new.require_totp),
            public_info: Set(
                serde_json::to_string(&new.public_info).unwrap_or_else(|_| "{}".into())
            ),
            created_at: Set(self.now()),
        }
        .insert(&txn)
        .await?;
        let actor = Actor {
            organization_id: Some(model.id),
            ..actor.clone()
        };
        audit::append(
            &txn,
            self.keys(),
            self.now(),
            &actor,
            Event::new(Action::OrganizationCreated).target("organization", model.id),
        )
        .await?;
        txn.commit().await?;
        Ok(model.into())
    }

    pub async fn organization(&self, id: Uuid) -> Result<Organization, StoreError> {
        organization::Entity::find_by_id(id)
            .one(self.db())
            .await?
            .map(Into::into)
            .ok_or(StoreError::NotFound)
    }

    pub async fn organization_by_slug(&self, slug: &str) -> Result<Organization, StoreError> {
        organization::Entity::find()
            .filter(organization::Column::Slug.eq(slug))
            .one(self.db())
            .await?
            .map(Into::into)
            .ok_or(StoreError::NotFound)
    }

    /// Finds an organization by its name or slug (for the command line).
    pub async fn organization_by_name(&self, name: &str) -> Result<Organization, StoreError> {
        self.organization_by_slug(&slugify(name)).await
    }

    pub async fn organizations(&self) -> Result<Vec<Organization>, StoreError> {
        Ok(organization::Entity::find()
            .order_by_asc(organization::Column::Name)
            .all(self.db())
            .await?
            .into_iter()
            .map(Into::into)
            .collect())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn slugs_drop_accents_and_punctuation() {
        assert_eq!(
            super::slugify("CALACS Coup de cœur"),
            "calacs-coup-de-coeur"
        );
        assert_eq!(super::slugify("  La Sortie!! "), "la-sortie");
        assert_eq!(
            super::slugify("Maison Hélène-Lacroix"),
            "maison-helene-lacroix"
        );
    }
}
