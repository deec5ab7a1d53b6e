//! Housing (docs/housing.md): houses and who works in each, their units and the dates each was
//! in service, the stays of women and their children, the coordinator's extensions, the
//! housing wait list and its turn-aways, and the figures computed from them.
//!
//! A house's address is sealed like every identifying field. When it is secret, only
//! [`Store::house_address`] opens it, for a member of that house's team, and writes the read
//! to the audit; no other function of this module opens it, so that no list, page, export,
//! report or log can carry it (docs/safety.md "Secret addresses").

use crate::audit::{Action, Event};
use crate::entity::{
    house, house_staff, housing_request, housing_unit, person, stay, stay_child, stay_extension,
    unit_outage,
};
use crate::reader::Reader;
use crate::{FieldError, Store, StoreError};
use chrono::NaiveDate;
use havre_domain::housing::{
    self as rules, ExitDestination, HousingFigures, Inventory, LengthWarning, NewUnit, Outage,
    RequestSource, RequestStatus, Snapshot, StayFacts, TurnAwayFacts, TurnAwayReason, UnitFacts,
    UnitKind,
};
use havre_domain::ids::{
    ExtensionId, HouseId, HousingRequestId, OrganizationId, OutageId, PersonId, StayId, UnitId,
    UserId,
};
use havre_domain::policy::{self, Record, RecordKind};
use havre_domain::validation::text_ok;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

const HOUSES: &str = "houses";
const REQUESTS: &str = "housing_requests";
const EXTENSIONS: &str = "stay_extensions";

/// How far ahead a day of housing may be typed: a stay is recorded when it begins, an
/// outage planned a few months ahead.
const DAYS_AHEAD: u64 = 366;

/// The longest stay a house may set, in months.
const MAX_STAY_MONTHS: u32 = 120;

/// A house to open.
#[derive(Clone, Debug)]
pub struct NewHouse {
    pub name: String,
    pub region: Option<String>,
    pub address: Option<String>,
    pub address_secret: bool,
    pub max_stay_months: u32,
}

/// A house as every member of the housing team sees it: never its address.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct House {
    pub id: HouseId,
    pub name: String,
    pub region: Option<String>,
    pub address_secret: bool,
    pub max_stay_months: u32,
    /// Who works in it.
    pub staff: Vec<UserId>,
    /// Whether the reader works in it.
    pub works_here: bool,
}

/// A unit with its dated inventory.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Unit {
    pub id: UnitId,
    pub house_id: HouseId,
    pub name: String,
    pub kind: UnitKind,
    pub bedrooms: Option<i32>,
    pub places: i32,
    pub inventory: Inventory,
    /// The outages' ids, in the order of `inventory.outages`.
    pub outage_ids: Vec<OutageId>,
}

/// A stay as the house page and the woman's file show it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Stay {
    pub id: StayId,
    pub house_id: HouseId,
    pub unit_id: UnitId,
    pub person_id: PersonId,
    pub name: String,
    pub entered_on: NaiveDate,
    pub moved_in_on: Option<NaiveDate>,
    pub exited_on: Option<NaiveDate>,
    pub destination: Option<ExitDestination>,
    /// The children's ages at entry.
    pub children: Vec<u8>,
    /// The day it reaches the house's limit, extensions counted.
    pub limit_on: NaiveDate,
    pub warning: Option<LengthWarning>,
    pub extensions: Vec<Extension>,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Extension {
    pub id: ExtensionId,
    pub until_on: NaiveDate,
    pub reason: String,
    pub decided_by: UserId,
}

/// A house's page: the house, its units, and for its team and the coordinator its stays.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct HouseDetail {
    pub house: House,
    pub units: Vec<Unit>,
    /// The stays going on and those ended in the last year; `None` when the reader may not
    /// see the residents.
    pub stays: Option<Vec<Stay>>,
    /// Who slept there last night.
    pub tonight: Snapshot,
}

/// A woman to admit: her file, or her name to open one.
#[derive(Clone, Debug)]
pub enum Resident {
    File(PersonId),
    /// A new file, with her name, and whether she agreed to be counted in the network's
    /// figures (docs/networks.md).
    NewFile {
        name: String,
        network_consent: bool,
    },
}

#[derive(Clone, Debug)]
pub struct NewStay {
    pub unit_id: UnitId,
    pub resident: Resident,
    pub entered_on: NaiveDate,
    pub moved_in_on: Option<NaiveDate>,
    pub children: Vec<u8>,
    /// The request for a place it meets, if any.
    pub request_id: Option<HousingRequestId>,
}

/// A request for a place to record.
#[derive(Clone, Debug)]
pub struct NewHousingRequest {
    pub received_on: NaiveDate,
    pub source: RequestSource,
    pub alias: Option<String>,
    pub person_id: Option<PersonId>,
    pub children: i32,
    pub wants_kind: Option<UnitKind>,
    pub bedrooms_needed: Option<i32>,
    pub note: Option<String>,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct HousingRequest {
    pub id: HousingRequestId,
    pub received_on: NaiveDate,
    pub source: RequestSource,
    pub alias: Option<String>,
    pub person_id: Option<PersonId>,
    pub children: i32,
    pub wants_kind: Option<UnitKind>,
    pub bedrooms_needed: Option<i32>,
    pub note: Option<String>,
    pub status: RequestStatus,
    pub decided_on: Option<NaiveDate>,
    pub turn_away_reason: Option<TurnAwayReason>,
}

/// What becomes of a request that will not be met by a stay.
#[derive(Clone, Copy, Debug)]
pub enum RequestDecision {
    TurnAway(TurnAwayReason),
    Withdrawn,
}

fn may(reader: &Reader, action: policy::Action, kind: RecordKind) -> Result<(), StoreError> {
    reader.check(action, &Record::new(kind))
}

fn day_problem(
    problems: &mut Vec<FieldError>,
    field: &'static str,
    day: NaiveDate,
    today: NaiveDate,
) {
    if !crate::day_accepted(day, today, DAYS_AHEAD) {
        problems.push(FieldError::new(field, "date-out-of-range"));
    }
}

fn invalid(problems: Vec<FieldError>) -> Result<(), StoreError> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Invalid(problems))
    }
}

fn unit_of(m: housing_unit::Model, outages: &[unit_outage::Model]) -> Unit {
    let mut mine: Vec<&unit_outage::Model> = outages.iter().filter(|o| o.unit_id == m.id).collect();
    mine.sort_by_key(|o| o.from_on);
    Unit {
        id: m.id.into(),
        house_id: m.house_id.into(),
        name: m.name,
        kind: UnitKind::parse(&m.kind).unwrap_or(UnitKind::Apartment),
        bedrooms: m.bedrooms,
        places: m.places,
        inventory: Inventory {
            opened_on: m.opened_on,
            closed_on: m.closed_on,
            outages: mine
                .iter()
                .map(|o| Outage {
                    from: o.from_on,
                    back_on: o.back_on,
                })
                .collect(),
        },
        outage_ids: mine.iter().map(|o| o.id.into()).collect(),
    }
}

fn facts_of(unit: &Unit) -> UnitFacts {
    UnitFacts {
        id: unit.id,
        kind: unit.kind,
        places: unit.places.into(),
        inventory: unit.inventory.clone(),
    }
}

fn stay_facts(m: &stay::Model, children: &HashMap<Uuid, Vec<u8>>) -> StayFacts {
    StayFacts {
        person: m.person_id.into(),
        unit: m.unit_id.into(),
        entered_on: m.entered_on,
        exited_on: m.exited_on,
        destination: m.destination.as_deref().and_then(ExitDestination::parse),
        children: children.get(&m.id).cloned().unwrap_or_default(),
    }
}

/// The children of some stays, by stay.
async fn children_of<C: ConnectionTrait>(
    conn: &C,
    stays: &[Uuid],
) -> Result<HashMap<Uuid, Vec<u8>>, StoreError> {
    let mut out: HashMap<Uuid, Vec<u8>> = HashMap::new();
    // Large histories are read in pieces: a query's parameters are limited.
    for chunk in stays.chunks(500) {
        for c in stay_child::Entity::find()
            .filter(stay_child::Column::StayId.is_in(chunk.to_vec()))
            .order_by_asc(stay_child::Column::AgeAtEntry)
            .all(conn)
            .await?
        {
            out.entry(c.stay_id)
                .or_default()
                .push(c.age_at_entry.clamp(0, 255) as u8);
        }
    }
    Ok(out)
}

impl Store {
    /// Opens a house.
    pub async fn create_house(
        &self,
        reader: &Reader,
        new: NewHouse,
    ) -> Result<HouseId, StoreError> {
        may(reader, policy::Action::Create, RecordKind::House)?;
        let mut problems = Vec::new();
        if !text_ok(&new.name, 120) {
            problems.push(FieldError::new("name", "field-required"));
        }
        let region = new
            .region
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty());
        if region.is_some_and(|r| !text_ok(r, 120)) {
            problems.push(FieldError::new("region", "text-too-long"));
        }
        let address = new
            .address
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty());
        if address.is_some_and(|a| a.chars().count() > 300) {
            problems.push(FieldError::new("address", "text-too-long"));
        }
        if new.address_secret && address.is_none() {
            problems.push(FieldError::new("address", "house-secret-needs-address"));
        }
        if !(1..=MAX_STAY_MONTHS).contains(&new.max_stay_months) {
            problems.push(FieldError::new(
                "max_stay_months",
                "house-max-stay-out-of-range",
            ));
        }
        invalid(problems)?;
        let id = HouseId::new();
        let row = id.to_string();
        let now = self.now();
        self.write(&reader.actor, async |txn| {
            house::ActiveModel {
                id: Set(id.into()),
                organization_id: Set(reader.organization_id.into()),
                name: Set(new.name.trim().to_owned()),
                region: Set(region.map(str::to_owned)),
                address_sealed: Set(address.map(|a| self.seal_at(HOUSES, "address", &row, a))),
                address_secret: Set(new.address_secret),
                max_stay_months: Set(new.max_stay_months as i32),
                created_by: Set(Some(reader.user_id.into())),
                created_at: Set(now),
            }
            .insert(txn)
            .await?;
            // Whoever opens a house works in it, so that someone reads its secret address.
            house_staff::ActiveModel {
                house_id: Set(id.into()),
                user_id: Set(reader.user_id.into()),
                organization_id: Set(reader.organization_id.into()),
            }
            .insert(txn)
            .await?;
            // The audit names the house and whether its address is secret, never the address.
            Ok((
                id,
                Event::new(Action::HousingChanged)
                    .target("house", id)
                    .detail(serde_json::json!({
                        "opened": true,
                        "address_secret": new.address_secret,
                    })),
            ))
        })
        .await
    }

    /// Says who works in a house: members of the housing team of the organization.
    pub async fn set_house_staff(
        &self,
        reader: &Reader,
        house_id: HouseId,
        staff: Vec<UserId>,
    ) -> Result<(), StoreError> {
        may(reader, policy::Action::Assign, RecordKind::House)?;
        let staff = crate::groups::dedup(staff);
        self.write(&reader.actor, async |txn| {
            self.house_row(txn, reader.organization_id, house_id)
                .await?;
            let mut problems = Vec::new();
            crate::groups::check_staff(txn, reader.organization_id, &staff, "staff", &mut problems)
                .await?;
            invalid(problems)?;
            house_staff::Entity::delete_many()
                .filter(house_staff::Column::HouseId.eq(house_id))
                .exec(txn)
                .await?;
            house_staff::Entity::insert_many(staff.iter().map(|u| house_staff::ActiveModel {
                house_id: Set(house_id.into()),
                user_id: Set((*u).into()),
                organization_id: Set(reader.organization_id.into()),
            }))
            .exec_without_returning(txn)
            .await?;
            Ok((
                (),
                Event::new(Action::HousingChanged)
                    .target("house", house_id)
                    .detail(serde_json::json!({ "staff": staff })),
            ))
        })
        .await
    }

    async fn house_row<C: ConnectionTrait>(
        &self,
        conn: &C,
        organization_id: OrganizationId,
        house_id: HouseId,
    ) -> Result<house::Model, StoreError> {
        house::Entity::find_by_id(house_id)
            .filter(house::Column::OrganizationId.eq(organization_id))
            .one(conn)
            .await?
            .ok_or(StoreError::NotFound)
    }

    async fn staff_of<C: ConnectionTrait>(
        &self,
        conn: &C,
        organization_id: OrganizationId,
    ) -> Result<HashMap<Uuid, Vec<UserId>>, StoreError> {
        let mut out: HashMap<Uuid, Vec<UserId>> = HashMap::new();
        for s in house_staff::Entity::find()
            .filter(house_staff::Column::OrganizationId.eq(organization_id))
            .all(conn)
            .await?
        {
            out.entry(s.house_id).or_default().push(s.user_id.into());
        }
        Ok(out)
    }

    fn house_of(&self, reader: &Reader, m: house::Model, staff: Vec<UserId>) -> House {
        House {
            id: m.id.into(),
            name: m.name,
            region: m.region,
            address_secret: m.address_secret,
            max_stay_months: m.max_stay_months.max(1) as u32,
            works_here: staff.contains(&reader.user_id),
            staff,
        }
    }

    /// The organization's houses, by name: never an address.
    pub async fn houses(&self, reader: &Reader) -> Result<Vec<House>, StoreError> {
        may(reader, policy::Action::Read, RecordKind::House)?;
        let mut staff = self.staff_of(self.db(), reader.organization_id).await?;
        Ok(house::Entity::find()
            .filter(house::Column::OrganizationId.eq(reader.organization_id))
            .order_by_asc(house::Column::Name)
            .all(self.db())
            .await?
            .into_iter()
            .map(|m| {
                let s = staff.remove(&m.id).unwrap_or_default();
                self.house_of(reader, m, s)
            })
            .collect())
    }

    /// A house's address, for whom may read it: anyone of the housing team when it is not
    /// secret; when it is, only the house's own team, and the read is audited.
    pub async fn house_address(
        &self,
        reader: &Reader,
        house_id: HouseId,
    ) -> Result<Option<String>, StoreError> {
        may(reader, policy::Action::Read, RecordKind::House)?;
        let h = self
            .house_row(self.db(), reader.organization_id, house_id)
            .await?;
        if h.address_secret {
            let works_here = house_staff::Entity::find_by_id((h.id, reader.user_id.uuid()))
                .one(self.db())
                .await?
                .is_some();
            reader.check(
                policy::Action::Read,
                &Record::new(RecordKind::SecretAddress).in_her_charge(works_here),
            )?;
        }
        let address = h
            .address_sealed
            .as_deref()
            .map(|a| self.open_at(HOUSES, "address", h.id, a))
            .transpose()?;
        if h.address_secret {
            self.audit(
                &reader.actor,
                Event::new(Action::HouseAddressRead).target("house", house_id),
            )
            .await?;
        }
        Ok(address)
    }

    /// Adds a unit to a house, in service from its opening day.
    pub async fn add_unit(
        &self,
        reader: &Reader,
        house_id: HouseId,
        new: NewUnit,
    ) -> Result<UnitId, StoreError> {
        may(reader, policy::Action::Create, RecordKind::House)?;
        let mut problems = new.problems();
        let today = self.today(reader).await?;
        day_problem(&mut problems, "opened_on", new.opened_on, today);
        invalid(problems)?;
        let id = UnitId::new();
        let now = self.now();
        self.write(&reader.actor, async |txn| {
            self.house_row(txn, reader.organization_id, house_id)
                .await?;
            housing_unit::ActiveModel {
                id: Set(id.into()),
                organization_id: Set(reader.organization_id.into()),
                house_id: Set(house_id.into()),
                name: Set(new.name.trim().to_owned()),
                kind: Set(new.kind.key().to_owned()),
                bedrooms: Set(new.bedrooms),
                places: Set(new.places),
                opened_on: Set(new.opened_on),
                closed_on: Set(None),
                created_by: Set(Some(reader.user_id.into())),
                created_at: Set(now),
            }
            .insert(txn)
            .await?;
            Ok((
                id,
                Event::new(Action::HousingChanged)
                    .target("unit", id)
                    .detail(serde_json::json!({
                        "house": house_id,
                        "kind": new.kind.key(),
                        "places": new.places,
                        "opened_on": new.opened_on,
                    })),
            ))
        })
        .await
    }

    async fn unit_in<C: ConnectionTrait>(
        &self,
        conn: &C,
        organization_id: OrganizationId,
        unit_id: UnitId,
    ) -> Result<Unit, StoreError> {
        let m = housing_unit::Entity::find_by_id(unit_id)
            .filter(housing_unit::Column::OrganizationId.eq(organization_id))
            .one(conn)
            .await?
            .ok_or(StoreError::NotFound)?;
        let outages = unit_outage::Entity::find()
            .filter(unit_outage::Column::UnitId.eq(unit_id))
            .all(conn)
            .await?;
        Ok(unit_of(m, &outages))
    }

    async fn stays_in_unit<C: ConnectionTrait>(
        &self,
        conn: &C,
        unit_id: UnitId,
        except: Option<StayId>,
    ) -> Result<Vec<StayFacts>, StoreError> {
        let rows = stay::Entity::find()
            .filter(stay::Column::UnitId.eq(unit_id))
            .all(conn)
            .await?;
        let rows: Vec<stay::Model> = rows
            .into_iter()
            .filter(|s| except.is_none_or(|e| e != s.id))
            .collect();
        let ids: Vec<Uuid> = rows.iter().map(|s| s.id).collect();
        let children = children_of(conn, &ids).await?;
        Ok(rows.iter().map(|s| stay_facts(s, &children)).collect())
    }

    /// Closes a unit for good from a day: refused while a stay needs a night from then on.
    /// The closing is dated; the nights before it stay in the inventory's history.
    pub async fn close_unit(
        &self,
        reader: &Reader,
        unit_id: UnitId,
        closed_on: NaiveDate,
    ) -> Result<(), StoreError> {
        may(reader, policy::Action::Edit, RecordKind::House)?;
        let today = self.today(reader).await?;
        let mut problems = Vec::new();
        day_problem(&mut problems, "closed_on", closed_on, today);
        invalid(problems)?;
        self.write(&reader.actor, async |txn| {
            let unit = self.unit_in(txn, reader.organization_id, unit_id).await?;
            if unit.inventory.closed_on.is_some() {
                return Err(StoreError::invalid("closed_on", "unit-already-closed"));
            }
            if closed_on <= unit.inventory.opened_on {
                return Err(StoreError::invalid(
                    "closed_on",
                    "unit-closed-before-opening",
                ));
            }
            let stays = self.stays_in_unit(txn, unit_id, None).await?;
            if stays
                .iter()
                .any(|s| s.exited_on.is_none_or(|e| e > closed_on))
            {
                return Err(StoreError::invalid("closed_on", "unit-has-stay-then"));
            }
            let mut model: housing_unit::ActiveModel = housing_unit::Entity::find_by_id(unit_id)
                .one(txn)
                .await?
                .ok_or(StoreError::NotFound)?
                .into();
            model.closed_on = Set(Some(closed_on));
            model.update(txn).await?;
            Ok((
                (),
                Event::new(Action::HousingChanged)
                    .target("unit", unit_id)
                    .detail(serde_json::json!({ "closed_on": closed_on })),
            ))
        })
        .await
    }

    /// Puts a unit out of service from a day (until a day, or until it is said back): refused
    /// while a stay needs one of those nights.
    pub async fn put_out_of_service(
        &self,
        reader: &Reader,
        unit_id: UnitId,
        from: NaiveDate,
        back_on: Option<NaiveDate>,
    ) -> Result<OutageId, StoreError> {
        may(reader, policy::Action::Edit, RecordKind::House)?;
        let today = self.today(reader).await?;
        let mut problems = Vec::new();
        day_problem(&mut problems, "from", from, today);
        if let Some(b) = back_on {
            day_problem(&mut problems, "back_on", b, today);
            if b <= from {
                problems.push(FieldError::new("back_on", "outage-back-before-start"));
            }
        }
        invalid(problems)?;
        let id = OutageId::new();
        let now = self.now();
        self.write(&reader.actor, async |txn| {
            let unit = self.unit_in(txn, reader.organization_id, unit_id).await?;
            let outage = Outage { from, back_on };
            let overlaps = |o: &Outage| {
                o.from < back_on.unwrap_or(NaiveDate::MAX)
                    && o.back_on.is_none_or(|b| b > outage.from)
            };
            if unit.inventory.outages.iter().any(overlaps) {
                return Err(StoreError::invalid("from", "outage-overlaps"));
            }
            let stays = self.stays_in_unit(txn, unit_id, None).await?;
            if stays.iter().any(|s| {
                s.entered_on < back_on.unwrap_or(NaiveDate::MAX)
                    && s.exited_on.is_none_or(|e| e > from)
            }) {
                return Err(StoreError::invalid("from", "unit-has-stay-then"));
            }
            unit_outage::ActiveModel {
                id: Set(id.into()),
                organization_id: Set(reader.organization_id.into()),
                unit_id: Set(unit_id.into()),
                from_on: Set(from),
                back_on: Set(back_on),
                created_by: Set(Some(reader.user_id.into())),
                created_at: Set(now),
            }
            .insert(txn)
            .await?;
            Ok((
                id,
                Event::new(Action::HousingChanged)
                    .target("unit", unit_id)
                    .detail(serde_json::json!({ "out_of_service": from, "back_on": back_on })),
            ))
        })
        .await
    }

    /// Says the day a unit out of service came back.
    pub async fn back_in_service(
        &self,
        reader: &Reader,
        outage_id: OutageId,
        back_on: NaiveDate,
    ) -> Result<(), StoreError> {
        may(reader, policy::Action::Edit, RecordKind::House)?;
        let today = self.today(reader).await?;
        let mut problems = Vec::new();
        day_problem(&mut problems, "back_on", back_on, today);
        invalid(problems)?;
        self.write(&reader.actor, async |txn| {
            let o = unit_outage::Entity::find_by_id(outage_id)
                .filter(unit_outage::Column::OrganizationId.eq(reader.organization_id))
                .one(txn)
                .await?
                .ok_or(StoreError::NotFound)?;
            if o.back_on.is_some() {
                return Err(StoreError::invalid("back_on", "outage-already-over"));
            }
            if back_on <= o.from_on {
                return Err(StoreError::invalid("back_on", "outage-back-before-start"));
            }
            let unit_id = o.unit_id;
            let mut model: unit_outage::ActiveModel = o.into();
            model.back_on = Set(Some(back_on));
            model.update(txn).await?;
            Ok((
                (),
                Event::new(Action::HousingChanged)
                    .target("unit", unit_id)
                    .detail(serde_json::json!({ "back_in_service": back_on })),
            ))
        })
        .await
    }

    /// Whether the reader works in a house.
    async fn works_in<C: ConnectionTrait>(
        &self,
        conn: &C,
        reader: &Reader,
        house_id: Uuid,
    ) -> Result<bool, StoreError> {
        Ok(
            house_staff::Entity::find_by_id((house_id, reader.user_id.uuid()))
                .one(conn)
                .await?
                .is_some(),
        )
    }

    /// Admits a woman, with her children, to a unit: the unit in service every night of the
    /// stay and its places never exceeded, or nothing is written.
    pub async fn admit_to_house(
        &self,
        reader: &Reader,
        new: NewStay,
    ) -> Result<StayId, StoreError> {
        let today = self.today(reader).await?;
        let mut problems = Vec::new();
        day_problem(&mut problems, "entered_on", new.entered_on, today);
        if let Some(m) = new.moved_in_on {
            day_problem(&mut problems, "moved_in_on", m, today);
            if m < new.entered_on {
                problems.push(FieldError::new("moved_in_on", "stay-move-in-before-entry"));
            }
        }
        if let Resident::NewFile { name, .. } = &new.resident
            && !text_ok(name, 200)
        {
            problems.push(FieldError::new("name", "field-required"));
        }
        if new.children.len() > rules::MAX_CHILDREN {
            problems.push(FieldError::new("children", "stay-children-invalid"));
        }
        invalid(problems)?;
        let id = StayId::new();
        let now = self.now();
        self.write(&reader.actor, async |txn| {
            let unit = self
                .unit_in(txn, reader.organization_id, new.unit_id)
                .await?;
            let works_here = self.works_in(txn, reader, unit.house_id.uuid()).await?;
            reader.check(
                policy::Action::Create,
                &Record::new(RecordKind::Stay).in_her_charge(works_here),
            )?;
            let person_id = match &new.resident {
                Resident::File(p) => {
                    self.file_access(txn, reader, *p).await?;
                    if self
                        .stays_of(txn, *p)
                        .await?
                        .iter()
                        .any(|s| s.exited_on.is_none())
                    {
                        return Err(StoreError::invalid("person_id", "stay-already-housed"));
                    }
                    *p
                }
                Resident::NewFile {
                    name,
                    network_consent,
                } => {
                    // In the charge of whoever admits her.
                    self.open_bare_file(txn, reader, name, true, *network_consent)
                        .await?
                }
            };
            let others = self.stays_in_unit(txn, new.unit_id, None).await?;
            let persons = 1 + new.children.len() as i64;
            rules::fits(&facts_of(&unit), &others, persons, new.entered_on, None)
                .map_err(|r| StoreError::Invalid(vec![r.field_error()]))?;
            if let Some(request_id) = new.request_id {
                self.mark_admitted(txn, reader, request_id, new.entered_on)
                    .await?;
            }
            stay::ActiveModel {
                id: Set(id.into()),
                organization_id: Set(reader.organization_id.into()),
                house_id: Set(unit.house_id.into()),
                unit_id: Set(new.unit_id.into()),
                person_id: Set(person_id.into()),
                request_id: Set(new.request_id.map(Into::into)),
                entered_on: Set(new.entered_on),
                moved_in_on: Set(new.moved_in_on),
                exited_on: Set(None),
                destination: Set(None),
                created_by: Set(Some(reader.user_id.into())),
                created_at: Set(now),
            }
            .insert(txn)
            .await?;
            if !new.children.is_empty() {
                stay_child::Entity::insert_many(new.children.iter().map(|age| {
                    stay_child::ActiveModel {
                        id: Set(Uuid::new_v4()),
                        organization_id: Set(reader.organization_id.into()),
                        stay_id: Set(id.into()),
                        age_at_entry: Set((*age).into()),
                        person_id: Set(None),
                    }
                }))
                .exec_without_returning(txn)
                .await?;
            }
            Ok((
                id,
                Event::new(Action::StayRecorded)
                    .target("stay", id)
                    .detail(serde_json::json!({
                        "person": person_id,
                        "unit": new.unit_id,
                        "entered_on": new.entered_on,
                        "children": new.children.len(),
                    })),
            ))
        })
        .await
    }

    async fn stays_of<C: ConnectionTrait>(
        &self,
        conn: &C,
        person_id: PersonId,
    ) -> Result<Vec<stay::Model>, StoreError> {
        Ok(stay::Entity::find()
            .filter(stay::Column::PersonId.eq(person_id))
            .order_by_desc(stay::Column::EnteredOn)
            .all(conn)
            .await?)
    }

    /// A stay the reader may change: her house's, or any for the coordinator.
    async fn stay_for<C: ConnectionTrait>(
        &self,
        conn: &C,
        reader: &Reader,
        stay_id: StayId,
        action: policy::Action,
    ) -> Result<stay::Model, StoreError> {
        let s = stay::Entity::find_by_id(stay_id)
            .filter(stay::Column::OrganizationId.eq(reader.organization_id))
            .one(conn)
            .await?
            .ok_or(StoreError::NotFound)?;
        let works_here = self.works_in(conn, reader, s.house_id).await?;
        reader.check(
            action,
            &Record::new(RecordKind::Stay).in_her_charge(works_here),
        )?;
        Ok(s)
    }

    /// Records the day she moved in (HMIS "housing move-in date").
    pub async fn record_move_in(
        &self,
        reader: &Reader,
        stay_id: StayId,
        moved_in_on: NaiveDate,
    ) -> Result<(), StoreError> {
        let today = self.today(reader).await?;
        let mut problems = Vec::new();
        day_problem(&mut problems, "moved_in_on", moved_in_on, today);
        invalid(problems)?;
        self.write(&reader.actor, async |txn| {
            let s = self
                .stay_for(txn, reader, stay_id, policy::Action::Edit)
                .await?;
            if moved_in_on < s.entered_on || s.exited_on.is_some_and(|e| moved_in_on > e) {
                return Err(StoreError::invalid(
                    "moved_in_on",
                    "stay-move-in-before-entry",
                ));
            }
            let mut model: stay::ActiveModel = s.into();
            model.moved_in_on = Set(Some(moved_in_on));
            model.update(txn).await?;
            Ok((
                (),
                Event::new(Action::StayChanged)
                    .target("stay", stay_id)
                    .detail(serde_json::json!({ "moved_in_on": moved_in_on })),
            ))
        })
        .await
    }

    /// Records her exit and where she went.
    pub async fn record_exit(
        &self,
        reader: &Reader,
        stay_id: StayId,
        exited_on: NaiveDate,
        destination: ExitDestination,
    ) -> Result<(), StoreError> {
        let today = self.today(reader).await?;
        let mut problems = Vec::new();
        // An exit is recorded once it happened, or the day before.
        if !crate::day_accepted(exited_on, today, 1) {
            problems.push(FieldError::new("exited_on", "date-out-of-range"));
        }
        invalid(problems)?;
        self.write(&reader.actor, async |txn| {
            let s = self
                .stay_for(txn, reader, stay_id, policy::Action::Edit)
                .await?;
            if s.exited_on.is_some() {
                return Err(StoreError::invalid("exited_on", "stay-already-ended"));
            }
            if exited_on < s.entered_on {
                return Err(StoreError::invalid("exited_on", "stay-exit-before-entry"));
            }
            let mut model: stay::ActiveModel = s.into();
            model.exited_on = Set(Some(exited_on));
            model.destination = Set(Some(destination.key().to_owned()));
            model.update(txn).await?;
            Ok((
                (),
                Event::new(Action::StayChanged)
                    .target("stay", stay_id)
                    .detail(serde_json::json!({
                        "exited_on": exited_on,
                        "destination": destination.key(),
                    })),
            ))
        })
        .await
    }

    /// The coordinator lets a stay go on past its limit, until a day, for a written reason.
    pub async fn extend_stay(
        &self,
        reader: &Reader,
        stay_id: StayId,
        until_on: NaiveDate,
        reason: &str,
    ) -> Result<ExtensionId, StoreError> {
        let mut problems = Vec::new();
        if !text_ok(reason, 2000) {
            problems.push(FieldError::new("reason", "field-required"));
        }
        invalid(problems)?;
        let id = ExtensionId::new();
        let now = self.now();
        self.write(&reader.actor, async |txn| {
            let s = self
                .stay_for(txn, reader, stay_id, policy::Action::Decide)
                .await?;
            if s.exited_on.is_some() {
                return Err(StoreError::invalid("until_on", "stay-already-ended"));
            }
            let h = self
                .house_row(txn, reader.organization_id, s.house_id.into())
                .await?;
            let current = self.limit_of(txn, &s, &h).await?;
            if until_on <= current || until_on > current + chrono::Days::new(3 * 366) {
                return Err(StoreError::invalid("until_on", "extension-not-after-limit"));
            }
            stay_extension::ActiveModel {
                id: Set(id.into()),
                organization_id: Set(reader.organization_id.into()),
                stay_id: Set(stay_id.into()),
                until_on: Set(until_on),
                reason_sealed: Set(self.seal_at(EXTENSIONS, "reason", id, reason.trim())),
                decided_by: Set(reader.user_id.into()),
                decided_at: Set(now),
            }
            .insert(txn)
            .await?;
            Ok((
                id,
                Event::new(Action::StayExtended)
                    .target("stay", stay_id)
                    .detail(serde_json::json!({ "until_on": until_on, "limit_was": current })),
            ))
        })
        .await
    }

    async fn limit_of<C: ConnectionTrait>(
        &self,
        conn: &C,
        s: &stay::Model,
        h: &house::Model,
    ) -> Result<NaiveDate, StoreError> {
        let latest = stay_extension::Entity::find()
            .filter(stay_extension::Column::StayId.eq(s.id))
            .order_by_desc(stay_extension::Column::UntilOn)
            .one(conn)
            .await?;
        Ok(rules::limit_on(
            s.entered_on,
            h.max_stay_months.max(1) as u32,
            latest.map(|e| e.until_on),
        ))
    }

    /// A house's page: its units and their inventory, and, for its team and the coordinator,
    /// its stays going on or ended in the last year with their warnings.
    pub async fn house_detail(
        &self,
        reader: &Reader,
        house_id: HouseId,
    ) -> Result<HouseDetail, StoreError> {
        may(reader, policy::Action::Read, RecordKind::House)?;
        let db = self.db();
        let h = self.house_row(db, reader.organization_id, house_id).await?;
        let staff = self
            .staff_of(db, reader.organization_id)
            .await?
            .remove(&h.id)
            .unwrap_or_default();
        let house = self.house_of(reader, h.clone(), staff);
        let units = self
            .units_of(db, reader.organization_id, Some(house_id))
            .await?;
        let today = self.today(reader).await?;
        let rows = stay::Entity::find()
            .filter(stay::Column::HouseId.eq(house_id))
            .filter(
                Condition::any()
                    .add(stay::Column::ExitedOn.is_null())
                    .add(stay::Column::ExitedOn.gte(today - chrono::Days::new(366))),
            )
            .order_by_asc(stay::Column::EnteredOn)
            .all(db)
            .await?;
        let ids: Vec<Uuid> = rows.iter().map(|s| s.id).collect();
        let children = children_of(db, &ids).await?;
        let facts: Vec<StayFacts> = rows.iter().map(|s| stay_facts(s, &children)).collect();
        let unit_facts: Vec<UnitFacts> = units.iter().map(facts_of).collect();
        let last_night = today.pred_opt().unwrap_or(today);
        let tonight = rules::snapshot(&unit_facts, &facts, &[], last_night);
        let may_see = policy::may(
            reader.policy_actor(),
            policy::Action::Read,
            &Record::new(RecordKind::Stay).in_her_charge(house.works_here),
        );
        let stays = if may_see {
            Some(self.stays_shown(db, &h, rows, &children, today).await?)
        } else {
            None
        };
        Ok(HouseDetail {
            house,
            units,
            stays,
            tonight,
        })
    }

    /// One stay, for its page: the house's team and the coordinator read it.
    pub async fn stay(
        &self,
        reader: &Reader,
        stay_id: StayId,
    ) -> Result<(House, Stay), StoreError> {
        let db = self.db();
        let s = self
            .stay_for(db, reader, stay_id, policy::Action::Read)
            .await?;
        let h = self
            .house_row(db, reader.organization_id, s.house_id.into())
            .await?;
        let staff = self
            .staff_of(db, reader.organization_id)
            .await?
            .remove(&h.id)
            .unwrap_or_default();
        let today = self.today(reader).await?;
        let children = children_of(db, &[s.id]).await?;
        let stay = self
            .stays_shown(db, &h, vec![s], &children, today)
            .await?
            .remove(0);
        Ok((self.house_of(reader, h, staff), stay))
    }

    /// A woman's stays, for her file: those the reader may read (the coordinator, and each
    /// house's team its own), with their house; the newest first.
    pub async fn stays_of_person(
        &self,
        reader: &Reader,
        person_id: PersonId,
    ) -> Result<Vec<(House, Stay)>, StoreError> {
        if !self.in_use(reader).await?.stays {
            return Ok(Vec::new());
        }
        let db = self.db();
        let rows = stay::Entity::find()
            .filter(stay::Column::OrganizationId.eq(reader.organization_id))
            .filter(stay::Column::PersonId.eq(person_id))
            .order_by_desc(stay::Column::EnteredOn)
            .all(db)
            .await?;
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let mut staff = self.staff_of(db, reader.organization_id).await?;
        let today = self.today(reader).await?;
        let mut out = Vec::new();
        for row in rows {
            let h = self
                .house_row(db, reader.organization_id, row.house_id.into())
                .await?;
            let house = self.house_of(reader, h.clone(), staff.remove(&h.id).unwrap_or_default());
            staff.insert(h.id, house.staff.clone());
            let may_see = policy::may(
                reader.policy_actor(),
                policy::Action::Read,
                &Record::new(RecordKind::Stay).in_her_charge(house.works_here),
            );
            if !may_see {
                continue;
            }
            let children = children_of(db, &[row.id]).await?;
            let stay = self
                .stays_shown(db, &h, vec![row], &children, today)
                .await?
                .remove(0);
            out.push((house, stay));
        }
        Ok(out)
    }

    /// One unit with its dated inventory, for its page.
    pub async fn unit(&self, reader: &Reader, unit_id: UnitId) -> Result<Unit, StoreError> {
        may(reader, policy::Action::Read, RecordKind::House)?;
        self.unit_in(self.db(), reader.organization_id, unit_id)
            .await
    }

    async fn units_of<C: ConnectionTrait>(
        &self,
        conn: &C,
        organization_id: OrganizationId,
        house_id: Option<HouseId>,
    ) -> Result<Vec<Unit>, StoreError> {
        let mut q = housing_unit::Entity::find()
            .filter(housing_unit::Column::OrganizationId.eq(organization_id));
        if let Some(h) = house_id {
            q = q.filter(housing_unit::Column::HouseId.eq(h));
        }
        let rows = q.order_by_asc(housing_unit::Column::Name).all(conn).await?;
        let outages = unit_outage::Entity::find()
            .filter(unit_outage::Column::OrganizationId.eq(organization_id))
            .all(conn)
            .await?;
        Ok(rows.into_iter().map(|m| unit_of(m, &outages)).collect())
    }

    /// The stays of a house as its page shows them: names opened, limits and warnings.
    async fn stays_shown<C: ConnectionTrait>(
        &self,
        conn: &C,
        h: &house::Model,
        rows: Vec<stay::Model>,
        children: &HashMap<Uuid, Vec<u8>>,
        today: NaiveDate,
    ) -> Result<Vec<Stay>, StoreError> {
        let ids: Vec<Uuid> = rows.iter().map(|s| s.id).collect();
        let mut extensions: HashMap<Uuid, Vec<Extension>> = HashMap::new();
        for chunk in ids.chunks(500) {
            for e in stay_extension::Entity::find()
                .filter(stay_extension::Column::StayId.is_in(chunk.to_vec()))
                .order_by_asc(stay_extension::Column::UntilOn)
                .all(conn)
                .await?
            {
                let reason = self.open_at(EXTENSIONS, "reason", e.id, &e.reason_sealed)?;
                extensions.entry(e.stay_id).or_default().push(Extension {
                    id: e.id.into(),
                    until_on: e.until_on,
                    reason,
                    decided_by: e.decided_by.into(),
                });
            }
        }
        let persons: HashSet<Uuid> = rows.iter().map(|s| s.person_id).collect();
        let names = self
            .resident_names(conn, persons.into_iter().collect())
            .await?;
        Ok(rows
            .into_iter()
            .map(|s| {
                let ext = extensions.remove(&s.id).unwrap_or_default();
                let limit_on = rules::limit_on(
                    s.entered_on,
                    h.max_stay_months.max(1) as u32,
                    ext.last().map(|e| e.until_on),
                );
                Stay {
                    id: s.id.into(),
                    house_id: s.house_id.into(),
                    unit_id: s.unit_id.into(),
                    person_id: s.person_id.into(),
                    name: names.get(&s.person_id).cloned().unwrap_or_default(),
                    entered_on: s.entered_on,
                    moved_in_on: s.moved_in_on,
                    exited_on: s.exited_on,
                    destination: s.destination.as_deref().and_then(ExitDestination::parse),
                    children: children.get(&s.id).cloned().unwrap_or_default(),
                    limit_on,
                    warning: s
                        .exited_on
                        .is_none()
                        .then(|| rules::length_warning(limit_on, today))
                        .flatten(),
                    extensions: ext,
                }
            })
            .collect())
    }

    async fn resident_names<C: ConnectionTrait>(
        &self,
        conn: &C,
        persons: Vec<Uuid>,
    ) -> Result<HashMap<Uuid, String>, StoreError> {
        let mut out = HashMap::new();
        for chunk in persons.chunks(500) {
            for p in person::Entity::find()
                .filter(person::Column::Id.is_in(chunk.to_vec()))
                .all(conn)
                .await?
            {
                let name = self.person_name(&p)?;
                out.insert(p.id, name);
            }
        }
        Ok(out)
    }

    /// Records a request for a place on the housing wait list.
    pub async fn record_housing_request(
        &self,
        reader: &Reader,
        new: NewHousingRequest,
    ) -> Result<HousingRequestId, StoreError> {
        may(reader, policy::Action::Create, RecordKind::HousingRequest)?;
        let today = self.today(reader).await?;
        let mut problems = Vec::new();
        if !crate::day_accepted(new.received_on, today, 0) {
            problems.push(FieldError::new("received_on", "date-out-of-range"));
        }
        let alias = new
            .alias
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty());
        if alias.is_some_and(|a| !text_ok(a, 200)) {
            problems.push(FieldError::new("alias", "text-too-long"));
        }
        if alias.is_none() && new.person_id.is_none() {
            problems.push(FieldError::new("alias", "housing-request-needs-someone"));
        }
        let note = new.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
        if note.is_some_and(|n| n.chars().count() > 4000) {
            problems.push(FieldError::new("note", "text-too-long"));
        }
        if !(0..=rules::MAX_CHILDREN as i32).contains(&new.children) {
            problems.push(FieldError::new("children", "stay-children-invalid"));
        }
        if new
            .bedrooms_needed
            .is_some_and(|b| !(1..=rules::MAX_BEDROOMS).contains(&b))
        {
            problems.push(FieldError::new(
                "bedrooms_needed",
                "unit-bedrooms-out-of-range",
            ));
        }
        invalid(problems)?;
        let id = HousingRequestId::new();
        let row = id.to_string();
        let now = self.now();
        self.write(&reader.actor, async |txn| {
            if let Some(p) = new.person_id {
                self.file_access(txn, reader, p).await?;
            }
            housing_request::ActiveModel {
                id: Set(id.into()),
                organization_id: Set(reader.organization_id.into()),
                received_on: Set(new.received_on),
                source: Set(new.source.key().to_owned()),
                alias_sealed: Set(alias.map(|a| self.seal_at(REQUESTS, "alias", &row, a))),
                note_sealed: Set(note.map(|n| self.seal_at(REQUESTS, "note", &row, n))),
                person_id: Set(new.person_id.map(Into::into)),
                children: Set(new.children),
                wants_kind: Set(new.wants_kind.map(|k| k.key().to_owned())),
                bedrooms_needed: Set(new.bedrooms_needed),
                status: Set(RequestStatus::Waiting.key().to_owned()),
                decided_on: Set(None),
                turn_away_reason: Set(None),
                created_by: Set(Some(reader.user_id.into())),
                created_at: Set(now),
            }
            .insert(txn)
            .await?;
            Ok((
                id,
                Event::new(Action::HousingRequestChanged)
                    .target("housing_request", id)
                    .detail(serde_json::json!({
                        "source": new.source.key(),
                        "children": new.children,
                    })),
            ))
        })
        .await
    }

    async fn request_waiting<C: ConnectionTrait>(
        &self,
        conn: &C,
        reader: &Reader,
        id: HousingRequestId,
    ) -> Result<housing_request::Model, StoreError> {
        let r = housing_request::Entity::find_by_id(id)
            .filter(housing_request::Column::OrganizationId.eq(reader.organization_id))
            .one(conn)
            .await?
            .ok_or(StoreError::NotFound)?;
        if r.status != RequestStatus::Waiting.key() {
            return Err(StoreError::invalid(
                "request_id",
                "housing-request-not-waiting",
            ));
        }
        Ok(r)
    }

    async fn mark_admitted<C: ConnectionTrait>(
        &self,
        conn: &C,
        reader: &Reader,
        id: HousingRequestId,
        on: NaiveDate,
    ) -> Result<(), StoreError> {
        reader.check(
            policy::Action::Decide,
            &Record::new(RecordKind::HousingRequest),
        )?;
        let r = self.request_waiting(conn, reader, id).await?;
        let mut model: housing_request::ActiveModel = r.into();
        model.status = Set(RequestStatus::Admitted.key().to_owned());
        model.decided_on = Set(Some(on));
        model.update(conn).await?;
        Ok(())
    }

    /// Closes a waiting request that no stay will meet: a turn-away with its reason, or a
    /// request withdrawn.
    pub async fn decide_housing_request(
        &self,
        reader: &Reader,
        id: HousingRequestId,
        decision: RequestDecision,
        on: NaiveDate,
    ) -> Result<(), StoreError> {
        may(reader, policy::Action::Decide, RecordKind::HousingRequest)?;
        let today = self.today(reader).await?;
        if !crate::day_accepted(on, today, 0) {
            return Err(StoreError::invalid("decided_on", "date-out-of-range"));
        }
        self.write(&reader.actor, async |txn| {
            let r = self.request_waiting(txn, reader, id).await?;
            if on < r.received_on {
                return Err(StoreError::invalid(
                    "decided_on",
                    "housing-decided-before-request",
                ));
            }
            let (status, reason) = match decision {
                RequestDecision::TurnAway(reason) => (RequestStatus::TurnedAway, Some(reason)),
                RequestDecision::Withdrawn => (RequestStatus::Withdrawn, None),
            };
            let mut model: housing_request::ActiveModel = r.into();
            model.status = Set(status.key().to_owned());
            model.decided_on = Set(Some(on));
            model.turn_away_reason = Set(reason.map(|r| r.key().to_owned()));
            model.update(txn).await?;
            Ok((
                (),
                Event::new(Action::HousingRequestChanged)
                    .target("housing_request", id)
                    .detail(serde_json::json!({
                        "status": status.key(),
                        "reason": reason.map(TurnAwayReason::key),
                    })),
            ))
        })
        .await
    }

    /// The housing wait list: waiting requests first, oldest first, then the others decided
    /// in the last year.
    pub async fn housing_requests(
        &self,
        reader: &Reader,
    ) -> Result<Vec<HousingRequest>, StoreError> {
        may(reader, policy::Action::Read, RecordKind::HousingRequest)?;
        let today = self.today(reader).await?;
        let rows = housing_request::Entity::find()
            .filter(housing_request::Column::OrganizationId.eq(reader.organization_id))
            .filter(
                Condition::any()
                    .add(housing_request::Column::Status.eq(RequestStatus::Waiting.key()))
                    .add(housing_request::Column::DecidedOn.gte(today - chrono::Days::new(366))),
            )
            .order_by_asc(housing_request::Column::ReceivedOn)
            .all(self.db())
            .await?;
        let mut out = rows
            .into_iter()
            .map(|r| self.request_of(r))
            .collect::<Result<Vec<_>, _>>()?;
        out.sort_by_key(|r| r.status != RequestStatus::Waiting);
        Ok(out)
    }

    fn request_of(&self, r: housing_request::Model) -> Result<HousingRequest, StoreError> {
        let row = r.id.to_string();
        let open = |column, sealed: &Option<String>| {
            sealed
                .as_deref()
                .map(|v| self.open_at(REQUESTS, column, &row, v))
                .transpose()
        };
        Ok(HousingRequest {
            id: r.id.into(),
            received_on: r.received_on,
            source: RequestSource::parse(&r.source).unwrap_or(RequestSource::Other),
            alias: open("alias", &r.alias_sealed)?,
            note: open("note", &r.note_sealed)?,
            person_id: r.person_id.map(Into::into),
            children: r.children,
            wants_kind: r.wants_kind.as_deref().and_then(UnitKind::parse),
            bedrooms_needed: r.bedrooms_needed,
            status: RequestStatus::parse(&r.status).unwrap_or(RequestStatus::Waiting),
            decided_on: r.decided_on,
            turn_away_reason: r
                .turn_away_reason
                .as_deref()
                .and_then(TurnAwayReason::parse),
        })
    }

    /// The units, stays and turn-aways the figures of `[first, last]` need (of one house, or
    /// of every house): nobody named, no address.
    pub(crate) async fn housing_facts(
        &self,
        organization_id: OrganizationId,
        house_id: Option<HouseId>,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<(Vec<UnitFacts>, Vec<StayFacts>, Vec<TurnAwayFacts>), StoreError> {
        let db = self.db();
        // Another organization's house is not found, as a missing one (docs/safety.md
        // "Access"): never the zeros of a house with no stay.
        if let Some(h) = house_id {
            self.house_row(db, organization_id, h).await?;
        }
        let units: Vec<UnitFacts> = self
            .units_of(db, organization_id, house_id)
            .await?
            .iter()
            .map(facts_of)
            .collect();
        let mut q = stay::Entity::find()
            .filter(stay::Column::OrganizationId.eq(organization_id))
            .filter(stay::Column::EnteredOn.lte(last))
            .filter(
                Condition::any()
                    .add(stay::Column::ExitedOn.is_null())
                    .add(stay::Column::ExitedOn.gte(first)),
            );
        if let Some(h) = house_id {
            q = q.filter(stay::Column::HouseId.eq(h));
        }
        let rows = q.all(db).await?;
        let ids: Vec<Uuid> = rows.iter().map(|s| s.id).collect();
        let children = children_of(db, &ids).await?;
        let stays = rows.iter().map(|s| stay_facts(s, &children)).collect();
        // A request is the organization's, not a house's: the turn-aways count for every house.
        let turn_aways = housing_request::Entity::find()
            .filter(housing_request::Column::OrganizationId.eq(organization_id))
            .filter(housing_request::Column::Status.eq(RequestStatus::TurnedAway.key()))
            .filter(housing_request::Column::DecidedOn.between(first, last))
            .all(db)
            .await?
            .into_iter()
            .filter_map(|r| {
                Some(TurnAwayFacts {
                    on: r.decided_on?,
                    reason: r
                        .turn_away_reason
                        .as_deref()
                        .and_then(TurnAwayReason::parse)
                        .unwrap_or(TurnAwayReason::Other),
                })
            })
            .collect();
        Ok((units, stays, turn_aways))
    }

    /// The housing figures of `[first, last]` on the organization's calendar, of one house or
    /// of all: what the report and the house dashboard show.
    pub async fn housing_figures(
        &self,
        organization_id: OrganizationId,
        house_id: Option<HouseId>,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<HousingFigures, StoreError> {
        let today = self.today_of(organization_id).await?;
        let (units, stays, turn_aways) = self
            .housing_facts(organization_id, house_id, first, last)
            .await?;
        Ok(rules::figures(
            &units,
            &stays,
            &turn_aways,
            first,
            last,
            today,
        ))
    }

    /// The one-day snapshot: who slept in the houses the night of `day`, who was turned away.
    pub async fn housing_snapshot(
        &self,
        organization_id: OrganizationId,
        house_id: Option<HouseId>,
        day: NaiveDate,
    ) -> Result<Snapshot, StoreError> {
        let (units, stays, turn_aways) = self
            .housing_facts(organization_id, house_id, day, day)
            .await?;
        Ok(rules::snapshot(&units, &stays, &turn_aways, day))
    }

    /// Whether the organization has a house: the report shows its housing section then.
    pub async fn has_houses(&self, organization_id: OrganizationId) -> Result<bool, StoreError> {
        use sea_orm::PaginatorTrait;
        Ok(house::Entity::find()
            .filter(house::Column::OrganizationId.eq(organization_id))
            .count(self.db())
            .await?
            > 0)
    }
}
