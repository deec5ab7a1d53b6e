//! Organizations (the tenants) and what their public page shows.

use crate::audit::{Action, Event};
use crate::entity::organization;
use crate::reader::{OrganizationRules, Reader};
use crate::{Actor, Store, StoreError};
use havre_domain::ids::OrganizationId;
use havre_domain::meetings::Limits;
use havre_domain::validation::is_valid_phone;
use havre_domain::year::{Country, YearStart};
use havre_domain::zone::Zone;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, Set,
};
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

impl PhoneLine {
    /// The number as a phone dials it (`tel:` links): its digits, and a leading +.
    pub fn dial(&self) -> String {
        dial(&self.number)
    }
}

/// A number as a phone dials it: its digits, and a leading +.
pub fn dial(number: &str) -> String {
    let number = number.trim();
    let plus = if number.starts_with('+') { "+" } else { "" };
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    format!("{plus}{digits}")
}

/// What anybody may see about an organization: never an address of a house. Kept as JSON;
/// a field added later reads as empty in what was saved before.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PublicInfo {
    pub phone_lines: Vec<PhoneLine>,
    pub opening_hours: String,
    /// MRC and municipalities served.
    pub territory: String,
    /// What the organization offers, one service a line, in its own words.
    pub services: String,
}

impl PublicInfo {
    /// The most services the public page lists.
    pub const MAX_SERVICES: usize = 20;

    /// The services, one a line, blank lines left out.
    pub fn service_lines(&self) -> Vec<&str> {
        self.services
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OrganizationKind {
    Centre,
    Network,
}

impl OrganizationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OrganizationKind::Centre => "centre",
            OrganizationKind::Network => "network",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Organization {
    pub id: OrganizationId,
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub require_totp: bool,
    pub public_info: PublicInfo,
    /// The limits it sets on meetings.
    pub limits: Limits,
    /// Its clock: days, weeks and reporting years are its own.
    pub time_zone: Zone,
    /// The month its reporting year begins.
    pub year_start: YearStart,
    pub country: Country,
}

impl From<organization::Model> for Organization {
    fn from(m: organization::Model) -> Self {
        Organization {
            id: m.id.into(),
            slug: m.slug,
            name: m.name,
            kind: m.kind,
            require_totp: m.require_totp,
            public_info: serde_json::from_str(&m.public_info).unwrap_or_default(),
            limits: Limits {
                emergency: m.limit_emergency.max(1) as u32,
                follow_up: m.limit_follow_up.max(1) as u32,
                relatives: m.limit_relatives.max(1) as u32,
            },
            time_zone: Zone::parse(&m.time_zone).unwrap_or_default(),
            year_start: YearStart::new(m.year_start_month as u32).unwrap_or_default(),
            country: Country::parse(&m.country).unwrap_or_default(),
        }
    }
}

impl Organization {
    /// What a reader's work needs of it.
    pub fn rules(&self) -> OrganizationRules {
        OrganizationRules {
            id: self.id,
            time_zone: self.time_zone,
            limits: self.limits,
        }
    }

    /// The reporting year holding a day of its clock: its first and last days.
    pub fn year_of(&self, day: chrono::NaiveDate) -> (chrono::NaiveDate, chrono::NaiveDate) {
        self.year_start.year_of(day)
    }
}

/// The slug of a name: the rule is the domain's; re-exported for the command line.
pub use havre_domain::organizations::slugify;

pub struct NewOrganization {
    pub name: String,
    pub kind: OrganizationKind,
    pub require_totp: bool,
    pub public_info: PublicInfo,
    pub time_zone: Zone,
    pub year_start: YearStart,
    pub country: Country,
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
        let id = Uuid::new_v4();
        let actor = Actor {
            organization_id: Some(id.into()),
            ..actor.clone()
        };
        self.write(&actor, async |txn| {
            if organization::Entity::find()
                .filter(organization::Column::Slug.eq(&slug))
                .one(txn)
                .await?
                .is_some()
            {
                return Err(StoreError::invalid("name", "organization-exists"));
            }
            let model = organization::ActiveModel {
                id: Set(id),
                slug: Set(slug),
                name: Set(name),
                kind: Set(new.kind.as_str().to_owned()),
                require_totp: Set(new.require_totp),
                public_info: Set(
                    serde_json::to_string(&new.public_info).unwrap_or_else(|_| "{}".into())
                ),
                limit_emergency: Set(Limits::default().emergency as i32),
                limit_follow_up: Set(Limits::default().follow_up as i32),
                limit_relatives: Set(Limits::default().relatives as i32),
                time_zone: Set(new.time_zone.name().to_owned()),
                year_start_month: Set(new.year_start.month() as i32),
                country: Set(new.country.code().to_owned()),
                created_at: Set(self.now()),
                signing_key_sealed: Set(None),
            }
            .insert(txn)
            .await?;
            crate::lists::seed_defaults(txn, model.id.into(), self.now()).await?;
            crate::hours::seed_categories(txn, model.id.into()).await?;
            Ok((
                model.into(),
                Event::new(Action::OrganizationCreated).target("organization", id),
            ))
        })
        .await
    }

    pub async fn organization(&self, id: OrganizationId) -> Result<Organization, StoreError> {
        organization::Entity::find_by_id(id)
            .one(self.db())
            .await?
            .map(Into::into)
            .ok_or(StoreError::NotFound)
    }

    /// Her organization's rules as her request knows them: read with her session, or else
    /// read here once for the rest of the request.
    pub async fn rules_of(&self, reader: &Reader) -> Result<OrganizationRules, StoreError> {
        if let Some(rules) = reader.known.rules(reader.organization_id) {
            return Ok(rules);
        }
        let rules = self.organization(reader.organization_id).await?.rules();
        reader.known.remember_rules(rules);
        Ok(rules)
    }

    /// Today on her organization's clock: the day its team is living.
    pub async fn today(&self, reader: &Reader) -> Result<chrono::NaiveDate, StoreError> {
        Ok(self.rules_of(reader).await?.time_zone.day_of(self.now()))
    }

    /// The limits her organization set on meetings.
    pub async fn meeting_limits(&self, reader: &Reader) -> Result<Limits, StoreError> {
        Ok(self.rules_of(reader).await?.limits)
    }

    /// Today on an organization's clock: the day its team is living.
    pub async fn today_of(
        &self,
        organization_id: OrganizationId,
    ) -> Result<chrono::NaiveDate, StoreError> {
        Ok(self
            .organization(organization_id)
            .await?
            .time_zone
            .day_of(self.now()))
    }

    /// The organization whose public page has this address: its slug as written, or else the
    /// one slug that folds the same without accents (an address typed from a poster on a
    /// keyboard without "é" still reaches the page).
    pub async fn organization_by_slug(&self, slug: &str) -> Result<Organization, StoreError> {
        if let Some(found) = organization::Entity::find()
            .filter(organization::Column::Slug.eq(slug))
            .one(self.db())
            .await?
        {
            return Ok(found.into());
        }
        let wanted = havre_domain::organizations::folded(slug);
        let mut alike = organization::Entity::find()
            .all(self.db())
            .await?
            .into_iter()
            .filter(|o| havre_domain::organizations::folded(&o.slug) == wanted);
        match (alike.next(), alike.next()) {
            (Some(only), None) => Ok(only.into()),
            _ => Err(StoreError::NotFound),
        }
    }

    /// Finds an organization by its name or slug (for the command line). Its name is matched
    /// as written too: an organization created before slugs kept accents keeps its slug, which
    /// the name no longer gives.
    pub async fn organization_by_name(&self, name: &str) -> Result<Organization, StoreError> {
        let name = name.trim();
        organization::Entity::find()
            .filter(
                Condition::any()
                    .add(organization::Column::Slug.eq(slugify(name)))
                    .add(organization::Column::Slug.eq(name))
                    .add(organization::Column::Name.eq(name)),
            )
            .one(self.db())
            .await?
            .map(Into::into)
            .ok_or(StoreError::NotFound)
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

/// What an administrator changes on her organization.
pub struct OrganizationSettings {
    pub require_totp: bool,
    pub public_info: PublicInfo,
    /// The limits on emergency, follow-up and relatives' meetings.
    pub limits: Limits,
    /// The IANA name of its time zone, as typed.
    pub time_zone: String,
    /// The month its reporting year begins, as chosen (1 to 12).
    pub year_start_month: u32,
    /// Its country's code, as chosen.
    pub country: String,
}

/// At most this many phone lines on the public page.
pub const MAX_PHONE_LINES: usize = 6;

/// The names of each line's fields, indexed by row, as forms and problem documents name them.
pub const LINE_LABEL_FIELDS: [&str; MAX_PHONE_LINES] = [
    "line_label_0",
    "line_label_1",
    "line_label_2",
    "line_label_3",
    "line_label_4",
    "line_label_5",
];
pub const LINE_NUMBER_FIELDS: [&str; MAX_PHONE_LINES] = [
    "line_number_0",
    "line_number_1",
    "line_number_2",
    "line_number_3",
    "line_number_4",
    "line_number_5",
];
pub const LINE_HOURS_FIELDS: [&str; MAX_PHONE_LINES] = [
    "line_hours_0",
    "line_hours_1",
    "line_hours_2",
    "line_hours_3",
    "line_hours_4",
    "line_hours_5",
];

fn check_public_info(info: &PublicInfo) -> Vec<crate::FieldError> {
    let mut problems = Vec::new();
    if info.phone_lines.len() > MAX_PHONE_LINES {
        problems.push(crate::FieldError {
            field: "phone_lines",
            message_key: "too-many-lines",
        });
        return problems;
    }
    for (i, line) in info.phone_lines.iter().enumerate() {
        if line.label.trim().is_empty() || line.label.chars().count() > 80 {
            problems.push(crate::FieldError {
                field: LINE_LABEL_FIELDS[i],
                message_key: "field-required",
            });
        }
        if !is_valid_phone(&line.number) {
            problems.push(crate::FieldError {
                field: LINE_NUMBER_FIELDS[i],
                message_key: "phone-invalid",
            });
        }
        if line.hours.chars().count() > 120 {
            problems.push(crate::FieldError {
                field: LINE_HOURS_FIELDS[i],
                message_key: "field-too-long",
            });
        }
    }
    if info.opening_hours.chars().count() > 300 {
        problems.push(crate::FieldError {
            field: "opening_hours",
            message_key: "field-too-long",
        });
    }
    if info.territory.chars().count() > 500 {
        problems.push(crate::FieldError {
            field: "territory",
            message_key: "field-too-long",
        });
    }
    let services = info.service_lines();
    if services.len() > PublicInfo::MAX_SERVICES || services.iter().any(|l| l.chars().count() > 200)
    {
        problems.push(crate::FieldError {
            field: "services",
            message_key: "field-too-long",
        });
    }
    problems
}

impl Store {
    /// Saves an organization's settings; bad input changes nothing.
    pub async fn update_organization_settings(
        &self,
        actor: &Actor,
        organization_id: OrganizationId,
        settings: OrganizationSettings,
    ) -> Result<Organization, StoreError> {
        let mut problems = check_public_info(&settings.public_info);
        for (field, value) in [
            ("limit_emergency", settings.limits.emergency),
            ("limit_follow_up", settings.limits.follow_up),
            ("limit_relatives", settings.limits.relatives),
        ] {
            if !Limits::is_valid(value) {
                problems.push(crate::FieldError {
                    field,
                    message_key: "limit-out-of-range",
                });
            }
        }
        let time_zone = Zone::parse(&settings.time_zone);
        if time_zone.is_none() {
            problems.push(crate::FieldError {
                field: "time_zone",
                message_key: "time-zone-unknown",
            });
        }
        let year_start = YearStart::new(settings.year_start_month);
        if year_start.is_none() {
            problems.push(crate::FieldError {
                field: "year_start_month",
                message_key: "year-start-month-invalid",
            });
        }
        let country = Country::parse(&settings.country);
        if country.is_none() {
            problems.push(crate::FieldError {
                field: "country",
                message_key: "value-not-in-list",
            });
        }
        let (Some(time_zone), Some(year_start), Some(country)) = (time_zone, year_start, country)
        else {
            return Err(StoreError::Invalid(problems));
        };
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        self.write(actor, async |txn| {
            let current = organization::Entity::find_by_id(organization_id)
                .one(txn)
                .await?
                .ok_or(StoreError::NotFound)?;
            let was_required = current.require_totp;
            let was_zone = current.time_zone.clone();
            let was_year_start = current.year_start_month;
            let was_country = current.country.clone();
            let mut model: organization::ActiveModel = current.into();
            model.require_totp = Set(settings.require_totp);
            model.public_info =
                Set(serde_json::to_string(&settings.public_info).unwrap_or_else(|_| "{}".into()));
            model.limit_emergency = Set(settings.limits.emergency as i32);
            model.limit_follow_up = Set(settings.limits.follow_up as i32);
            model.limit_relatives = Set(settings.limits.relatives as i32);
            model.time_zone = Set(time_zone.name().to_owned());
            model.year_start_month = Set(year_start.month() as i32);
            model.country = Set(country.code().to_owned());
            let saved = model.update(txn).await?;
            Ok((
                saved.into(),
                Event::new(Action::OrganizationUpdated)
                    .target("organization", organization_id)
                    .detail(serde_json::json!({
                        "require_totp": { "from": was_required, "to": settings.require_totp },
                        "limits": settings.limits,
                        "time_zone": { "from": was_zone, "to": time_zone },
                        "year_start_month": { "from": was_year_start, "to": year_start },
                        "country": { "from": was_country, "to": country },
                    })),
            ))
        })
        .await
    }
}
