//! Housing (docs/housing.md): houses, their units and the dates each unit was in service, the
//! stays of women and their children, the housing wait list and its turn-aways, and the figures
//! a second-stage shelter reports. Stays and inventory are kept as dates on the organization's
//! calendar, as the team writes them; a stay occupies the nights from its entry to the night
//! before its exit (the HMIS "bed night"), and the unit inventory is kept apart from occupancy,
//! so that the capacity of any past day is known and never rewritten.

use crate::ids::{PersonId, UnitId};
use crate::validation::FieldError;
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

keyed! {
    /// What a unit is: an apartment for a woman and her children, or a room for a woman alone.
    UnitKind {
        Apartment => "apartment",
        Room => "room",
    }
}

keyed! {
    /// Where a woman went when she left (HMIS "destination", grouped as the Alliance reports it).
    ExitDestination {
        /// Permanent housing, rented on the private market.
        PrivateHousing => "private_housing",
        /// Permanent housing, social or co-operative.
        SocialHousing => "social_housing",
        /// Permanent housing with her family.
        WithFamily => "with_family",
        /// Another second-stage shelter.
        AnotherShelter => "another_shelter",
        /// A first-stage (emergency) shelter.
        FirstStageShelter => "first_stage_shelter",
        /// Back with the violent partner.
        ViolentPartner => "violent_partner",
        Unknown => "unknown",
        Other => "other",
    }
}

keyed! {
    /// Who asked for a place.
    RequestSource {
        /// The woman herself.
        Herself => "herself",
        /// A first-stage or another second-stage shelter.
        Shelter => "shelter",
        /// A sexual-assault help centre.
        Calacs => "calacs",
        /// Health and social services, youth protection.
        SocialServices => "social_services",
        Police => "police",
        Other => "other",
    }
}

keyed! {
    /// Where a request for a place stands.
    RequestStatus {
        Waiting => "waiting",
        /// She was admitted: a stay follows.
        Admitted => "admitted",
        /// It could not be met: a turn-away, with its reason.
        TurnedAway => "turned_away",
        /// She withdrew it, or could not be reached.
        Withdrawn => "withdrawn",
    }
}

keyed! {
    /// Why a request for a place could not be met: the unmet demand the networks argue with.
    TurnAwayReason {
        NoPlace => "no_place",
        NotEligible => "not_eligible",
        /// No unit fits the family's size.
        UnitNotSuited => "unit_not_suited",
        Other => "other",
    }
}

/// The longest stay of a house unless it says otherwise: two years (the Alliance's houses).
pub const DEFAULT_MAX_STAY_MONTHS: u32 = 24;

/// How long before a stay reaches its house's limit the house page warns of it.
pub const WARNING_MONTHS: u32 = 3;

/// The most children one stay may count, and the oldest age a child may be given.
pub const MAX_CHILDREN: usize = 15;
pub const MAX_CHILD_AGE: u8 = 25;

/// The most places (beds) a unit may have, and bedrooms an apartment.
pub const MAX_PLACES: i32 = 20;
pub const MAX_BEDROOMS: i32 = 10;

/// A period a unit was out of service: from its first day to the day it came back (`None`
/// while it still is).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Outage {
    pub from: NaiveDate,
    pub back_on: Option<NaiveDate>,
}

impl Outage {
    fn covers(&self, night: NaiveDate) -> bool {
        self.from <= night && self.back_on.is_none_or(|b| night < b)
    }
}

/// A unit's inventory: the first night it could house someone, the day it closed for good (no
/// night from then on), and its periods out of service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Inventory {
    pub opened_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub outages: Vec<Outage>,
}

impl Inventory {
    /// Whether the unit could house someone on the night of this day.
    pub fn in_service(&self, night: NaiveDate) -> bool {
        self.opened_on <= night
            && self.closed_on.is_none_or(|c| night < c)
            && !self.outages.iter().any(|o| o.covers(night))
    }

    /// The nights of `[first, last]` the unit was in service.
    pub fn nights_in_service(&self, first: NaiveDate, last: NaiveDate) -> i64 {
        nights(first, last).filter(|n| self.in_service(*n)).count() as i64
    }

    /// The first night of a stay from `first` to `until` (open-ended for `None`) the unit is
    /// not in service, if any.
    pub fn first_night_out(&self, first: NaiveDate, until: Option<NaiveDate>) -> Option<NaiveDate> {
        let last = match until {
            Some(u) => u.pred_opt()?,
            // An open-ended stay meets whatever the inventory holds ahead of it.
            None => self
                .outages
                .iter()
                .map(|o| o.from)
                .chain(self.closed_on)
                .fold(self.opened_on.max(first), NaiveDate::max),
        };
        nights(first, last).find(|n| !self.in_service(*n))
    }
}

/// Every day of `[first, last]`.
pub fn nights(first: NaiveDate, last: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    first.iter_days().take_while(move |d| *d <= last)
}

/// A stay as the capacity rule and the figures see it: nobody named.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StayFacts {
    pub person: PersonId,
    pub unit: UnitId,
    pub entered_on: NaiveDate,
    pub exited_on: Option<NaiveDate>,
    pub destination: Option<ExitDestination>,
    /// The children's ages at entry.
    pub children: Vec<u8>,
}

impl StayFacts {
    /// The persons the stay houses: the woman and her children.
    pub fn persons(&self) -> i64 {
        1 + self.children.len() as i64
    }

    /// Whether she sleeps there the night of this day.
    pub fn covers(&self, night: NaiveDate) -> bool {
        self.entered_on <= night && self.exited_on.is_none_or(|e| night < e)
    }

    /// The nights of `[first, last]` the stay covers, no later than `today` for a stay still
    /// going on.
    pub fn nights_within(&self, first: NaiveDate, last: NaiveDate, today: NaiveDate) -> i64 {
        let from = self.entered_on.max(first);
        let until = match self.exited_on {
            Some(e) => e.pred_opt().unwrap_or(e).min(last),
            None => today.min(last),
        };
        if until < from {
            0
        } else {
            (until - from).num_days() + 1
        }
    }

    /// Whether the stay covers a night of `[first, last]` (for a stay going on, up to `today`).
    pub fn within(&self, first: NaiveDate, last: NaiveDate, today: NaiveDate) -> bool {
        self.nights_within(first, last, today) > 0
            || (self.entered_on >= first && self.entered_on <= last)
    }
}

/// A unit as the figures see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitFacts {
    pub id: UnitId,
    pub kind: UnitKind,
    pub places: i64,
    pub inventory: Inventory,
}

/// Why a stay cannot go in a unit for the nights it asks, if it cannot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The unit is not in service (not open yet, closed, out of service) that night.
    NotInService(NaiveDate),
    /// The unit's places are taken that night.
    Full(NaiveDate),
}

impl Refusal {
    pub fn field_error(self) -> FieldError {
        match self {
            Refusal::NotInService(_) => FieldError::new("unit", "stay-unit-not-in-service"),
            Refusal::Full(_) => FieldError::new("unit", "stay-unit-full"),
        }
    }

    pub fn night(self) -> NaiveDate {
        match self {
            Refusal::NotInService(n) | Refusal::Full(n) => n,
        }
    }
}

/// Whether a stay of `persons` from `entered_on` to `exited_on` fits in a unit beside the
/// other stays in it: the unit in service every night, its places never exceeded.
pub fn fits(
    unit: &UnitFacts,
    others: &[StayFacts],
    persons: i64,
    entered_on: NaiveDate,
    exited_on: Option<NaiveDate>,
) -> Result<(), Refusal> {
    if let Some(n) = unit.inventory.first_night_out(entered_on, exited_on) {
        return Err(Refusal::NotInService(n));
    }
    if persons > unit.places {
        return Err(Refusal::Full(entered_on));
    }
    // Occupancy only changes when a stay begins: checking those nights checks them all.
    let mut starts: Vec<NaiveDate> = others
        .iter()
        .map(|s| s.entered_on.max(entered_on))
        .collect();
    starts.push(entered_on);
    starts.sort();
    starts.dedup();
    for night in starts {
        if exited_on.is_some_and(|e| night >= e) {
            continue;
        }
        let taken: i64 = others
            .iter()
            .filter(|s| s.covers(night))
            .map(StayFacts::persons)
            .sum();
        if taken + persons > unit.places {
            return Err(Refusal::Full(night));
        }
    }
    Ok(())
}

/// The day a stay reaches its house's limit: entry plus the house's longest stay, or the day
/// a coordinator extended it to.
pub fn limit_on(
    entered_on: NaiveDate,
    max_months: u32,
    extended_until: Option<NaiveDate>,
) -> NaiveDate {
    extended_until.unwrap_or_else(|| {
        entered_on
            .checked_add_months(Months::new(max_months))
            .unwrap_or(NaiveDate::MAX)
    })
}

/// What the house page says of a stay going on, from three months before its limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum LengthWarning {
    /// The limit is near: the day it falls.
    Approaching { limit_on: NaiveDate },
    /// The limit has passed without an extension.
    Over { limit_on: NaiveDate },
}

pub fn length_warning(limit_on: NaiveDate, today: NaiveDate) -> Option<LengthWarning> {
    let warn_from = limit_on
        .checked_sub_months(Months::new(WARNING_MONTHS))
        .unwrap_or(NaiveDate::MIN);
    if today >= limit_on {
        Some(LengthWarning::Over { limit_on })
    } else if today >= warn_from {
        Some(LengthWarning::Approaching { limit_on })
    } else {
        None
    }
}

/// Whole months from one day to another (a stay from 15 January to 14 April is 2 months).
pub fn whole_months(from: NaiveDate, to: NaiveDate) -> u32 {
    if to <= from {
        return 0;
    }
    let mut months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    if to.day() < from.day() {
        months -= 1;
    }
    months.max(0) as u32
}

/// The lengths of the stays that ended in a period, in whole months, grouped as Statistics
/// Canada's survey of residential facilities reports them.
pub const LENGTH_BANDS: [(&str, u32, u32); 6] = [
    ("under_3", 0, 3),
    ("3_to_6", 3, 6),
    ("6_to_12", 6, 12),
    ("12_to_18", 12, 18),
    ("18_to_24", 18, 24),
    ("24_and_more", 24, u32::MAX),
];

/// Occupancy of one kind of unit over a period.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Occupancy {
    /// Units of the kind in service at least one night of the period.
    pub units: i64,
    /// Places (beds) of those units, each unit's places counted once.
    pub places: i64,
    /// Nights a unit was in service, summed over the units, up to tonight in a period still
    /// running.
    pub unit_nights_in_service: i64,
    /// Nights a unit housed someone.
    pub unit_nights_occupied: i64,
    /// Nights a place was in service, and nights a person slept there.
    pub bed_nights_in_service: i64,
    pub bed_nights: i64,
}

impl Occupancy {
    /// Occupied unit nights per thousand nights in service.
    pub fn rate_per_mille(&self) -> Option<i64> {
        (self.unit_nights_in_service > 0)
            .then(|| self.unit_nights_occupied * 1000 / self.unit_nights_in_service)
    }
}

/// Every housing figure of one period, computed from the stays, the units and the turn-aways.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct HousingFigures {
    /// Women housed at least one night of the period (or who entered in it).
    pub women: i64,
    /// Their children: for each woman, the children of her stay with the most of them.
    pub children: i64,
    /// Children per age at entry: 0-5, 6-11, 12-17, 18 and more.
    pub children_by_age: Vec<(String, i64)>,
    pub persons: i64,
    /// Stays that began in the period, and stays that ended in it.
    pub entries: i64,
    pub exits: i64,
    /// Person-nights and unit-nights over the period, in service or not.
    pub bed_nights: i64,
    pub unit_nights: i64,
    pub apartments: Occupancy,
    pub rooms: Occupancy,
    /// Stays ended in the period: the median length in days, and how many in each band.
    pub median_length_days: Option<i64>,
    pub lengths: Vec<(String, i64)>,
    pub destinations: Vec<(ExitDestination, i64)>,
    pub turn_aways: Vec<(TurnAwayReason, i64)>,
}

impl HousingFigures {
    pub fn turned_away(&self) -> i64 {
        self.turn_aways.iter().map(|(_, n)| n).sum()
    }
}

/// A turn-away as the figures see it: the day it was decided and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TurnAwayFacts {
    pub on: NaiveDate,
    pub reason: TurnAwayReason,
}

/// The age bands children are counted in.
pub const CHILD_AGE_BANDS: [(&str, u8, u8); 4] = [
    ("0_5", 0, 5),
    ("6_11", 6, 11),
    ("12_17", 12, 17),
    ("18_and_more", 18, u8::MAX),
];

/// The figures of `[first, last]`, with `today` on the organization's clock ending the stays
/// still going on.
pub fn figures(
    units: &[UnitFacts],
    stays: &[StayFacts],
    turn_aways: &[TurnAwayFacts],
    first: NaiveDate,
    last: NaiveDate,
    today: NaiveDate,
) -> HousingFigures {
    let in_period: Vec<&StayFacts> = stays
        .iter()
        .filter(|s| s.within(first, last, today))
        .collect();
    // Each woman once, with the stay of the period that counts the most children.
    let mut women: HashMap<PersonId, &StayFacts> = HashMap::new();
    for s in &in_period {
        women
            .entry(s.person)
            .and_modify(|kept| {
                if s.children.len() > kept.children.len() {
                    *kept = s;
                }
            })
            .or_insert(s);
    }
    let children: i64 = women.values().map(|s| s.children.len() as i64).sum();
    let children_by_age = CHILD_AGE_BANDS
        .iter()
        .map(|(key, lo, hi)| {
            let n = women
                .values()
                .flat_map(|s| s.children.iter())
                .filter(|a| (*lo..=*hi).contains(*a))
                .count() as i64;
            ((*key).to_owned(), n)
        })
        .collect();
    let ended: Vec<&StayFacts> = stays
        .iter()
        .filter(|s| s.exited_on.is_some_and(|e| e >= first && e <= last))
        .collect();
    let mut lengths_days: Vec<i64> = ended
        .iter()
        .filter_map(|s| s.exited_on.map(|e| (e - s.entered_on).num_days()))
        .collect();
    lengths_days.sort_unstable();
    let median_length_days = match lengths_days.len() {
        0 => None,
        n if n % 2 == 1 => Some(lengths_days[n / 2]),
        n => Some((lengths_days[n / 2 - 1] + lengths_days[n / 2]) / 2),
    };
    let lengths = LENGTH_BANDS
        .iter()
        .map(|(key, lo, hi)| {
            let n = ended
                .iter()
                .filter(|s| {
                    let m = whole_months(s.entered_on, s.exited_on.unwrap_or(s.entered_on));
                    m >= *lo && m < *hi
                })
                .count() as i64;
            ((*key).to_owned(), n)
        })
        .collect();
    let mut destinations: BTreeMap<ExitDestination, i64> =
        ExitDestination::ALL.iter().map(|d| (*d, 0)).collect();
    for s in &ended {
        *destinations
            .entry(s.destination.unwrap_or(ExitDestination::Unknown))
            .or_default() += 1;
    }
    let mut reasons: BTreeMap<TurnAwayReason, i64> =
        TurnAwayReason::ALL.iter().map(|r| (*r, 0)).collect();
    for t in turn_aways.iter().filter(|t| t.on >= first && t.on <= last) {
        *reasons.entry(t.reason).or_default() += 1;
    }
    let occupancy = |kind| occupancy(units, &in_period, kind, first, last, today);
    let apartments = occupancy(UnitKind::Apartment);
    let rooms = occupancy(UnitKind::Room);
    HousingFigures {
        women: women.len() as i64,
        children,
        children_by_age,
        persons: women.len() as i64 + children,
        entries: stays
            .iter()
            .filter(|s| s.entered_on >= first && s.entered_on <= last)
            .count() as i64,
        exits: ended.len() as i64,
        bed_nights: in_period
            .iter()
            .map(|s| s.nights_within(first, last, today) * s.persons())
            .sum(),
        unit_nights: apartments.unit_nights_occupied + rooms.unit_nights_occupied,
        apartments,
        rooms,
        median_length_days,
        lengths,
        destinations: destinations.into_iter().collect(),
        turn_aways: reasons.into_iter().collect(),
    }
}

fn occupancy(
    units: &[UnitFacts],
    stays: &[&StayFacts],
    kind: UnitKind,
    first: NaiveDate,
    last: NaiveDate,
    today: NaiveDate,
) -> Occupancy {
    let mut o = Occupancy::default();
    for unit in units.iter().filter(|u| u.kind == kind) {
        let in_service = unit.inventory.nights_in_service(first, last);
        if in_service == 0 {
            continue;
        }
        o.units += 1;
        o.places += unit.places;
        // A period still running is counted to tonight, on both sides of the rate: the nights
        // to come are neither occupied nor empty yet.
        let counted_to = today.min(last);
        let in_service_so_far = unit.inventory.nights_in_service(first, counted_to);
        o.unit_nights_in_service += in_service_so_far;
        o.bed_nights_in_service += in_service_so_far * unit.places;
        let here: Vec<&&StayFacts> = stays.iter().filter(|s| s.unit == unit.id).collect();
        o.unit_nights_occupied += nights(first, counted_to)
            .filter(|n| here.iter().any(|s| s.covers(*n)))
            .count() as i64;
        o.bed_nights += here
            .iter()
            .map(|s| s.nights_within(first, last, today) * s.persons())
            .sum::<i64>();
    }
    o
}

/// The one-day snapshot (Statistics Canada's survey of residential facilities takes it on a
/// day in mid-April): who slept in the houses the night of `day`, and who was turned away.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Snapshot {
    pub day: Option<NaiveDate>,
    pub residents: i64,
    pub women: i64,
    pub children: i64,
    pub units_in_service: i64,
    pub units_occupied: i64,
    pub turned_away: i64,
}

pub fn snapshot(
    units: &[UnitFacts],
    stays: &[StayFacts],
    turn_aways: &[TurnAwayFacts],
    day: NaiveDate,
) -> Snapshot {
    let present: Vec<&StayFacts> = stays.iter().filter(|s| s.covers(day)).collect();
    let women = present.len() as i64;
    let children = present.iter().map(|s| s.children.len() as i64).sum::<i64>();
    Snapshot {
        day: Some(day),
        residents: women + children,
        women,
        children,
        units_in_service: units.iter().filter(|u| u.inventory.in_service(day)).count() as i64,
        units_occupied: units
            .iter()
            .filter(|u| present.iter().any(|s| s.unit == u.id))
            .count() as i64,
        turned_away: turn_aways.iter().filter(|t| t.on == day).count() as i64,
    }
}

/// The change from one period's count to the next, in whole percent rounded half away from
/// zero (the Alliance's "une augmentation de 16 %"): `None` when there is nothing to compare.
pub fn change_percent(before: i64, now: i64) -> Option<i64> {
    if before <= 0 {
        return None;
    }
    let tenths = (now - before) * 1000 / before;
    Some(if tenths >= 0 {
        (tenths + 5) / 10
    } else {
        (tenths - 5) / 10
    })
}

/// A unit to add to a house, as typed.
#[derive(Clone, Debug)]
pub struct NewUnit {
    pub name: String,
    pub kind: UnitKind,
    pub bedrooms: Option<i32>,
    pub places: i32,
    pub opened_on: NaiveDate,
}

impl NewUnit {
    pub fn problems(&self) -> Vec<FieldError> {
        let mut problems = Vec::new();
        if !crate::validation::text_ok(&self.name, 60) {
            problems.push(FieldError::new("name", "field-required"));
        }
        if !(1..=MAX_PLACES).contains(&self.places) {
            problems.push(FieldError::new("places", "unit-places-out-of-range"));
        }
        match (self.kind, self.bedrooms) {
            (UnitKind::Apartment, Some(b)) if (1..=MAX_BEDROOMS).contains(&b) => {}
            (UnitKind::Apartment, _) => {
                problems.push(FieldError::new("bedrooms", "unit-bedrooms-out-of-range"))
            }
            (UnitKind::Room, None) => {}
            (UnitKind::Room, Some(_)) => {
                problems.push(FieldError::new("bedrooms", "unit-room-has-no-bedrooms"))
            }
        }
        if self.kind == UnitKind::Room && self.places != 1 {
            problems.push(FieldError::new("places", "unit-room-one-place"));
        }
        problems
    }
}

/// The children of a stay as typed: ages at entry, separated by commas ("3, 7").
pub fn parse_children(text: &str) -> Result<Vec<u8>, FieldError> {
    let bad = || FieldError::new("children", "stay-children-invalid");
    let ages: Vec<u8> = text
        .split([',', ';', ' '])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.parse::<u8>()
                .ok()
                .filter(|a| *a <= MAX_CHILD_AGE)
                .ok_or_else(bad)
        })
        .collect::<Result<_, _>>()?;
    if ages.len() > MAX_CHILDREN {
        return Err(bad());
    }
    Ok(ages)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn unit(kind: UnitKind, places: i64) -> UnitFacts {
        UnitFacts {
            id: UnitId::new(),
            kind,
            places,
            inventory: Inventory {
                opened_on: d(2020, 1, 1),
                closed_on: None,
                outages: vec![],
            },
        }
    }

    fn stay(
        unit: &UnitFacts,
        from: NaiveDate,
        to: Option<NaiveDate>,
        children: &[u8],
    ) -> StayFacts {
        StayFacts {
            person: PersonId::new(),
            unit: unit.id,
            entered_on: from,
            exited_on: to,
            destination: None,
            children: children.to_vec(),
        }
    }

    #[test]
    fn capacity_on_a_day_follows_the_dated_inventory() {
        let mut u = unit(UnitKind::Apartment, 4);
        u.inventory.outages.push(Outage {
            from: d(2024, 2, 1),
            back_on: Some(d(2024, 3, 1)),
        });
        u.inventory.closed_on = Some(d(2025, 1, 1));
        assert!(u.inventory.in_service(d(2024, 1, 31)));
        assert!(!u.inventory.in_service(d(2024, 2, 29)));
        assert!(u.inventory.in_service(d(2024, 3, 1)));
        assert!(u.inventory.in_service(d(2024, 12, 31)));
        assert!(!u.inventory.in_service(d(2025, 1, 1)));
        assert!(!u.inventory.in_service(d(2019, 12, 31)));
        // April 2023 to March 2024: 366 nights, 29 of them out of service.
        assert_eq!(
            u.inventory.nights_in_service(d(2023, 4, 1), d(2024, 3, 31)),
            366 - 29
        );
    }

    #[test]
    fn a_stay_is_refused_beyond_the_places_or_out_of_service() {
        let mut u = unit(UnitKind::Apartment, 5);
        u.inventory.outages.push(Outage {
            from: d(2024, 6, 1),
            back_on: Some(d(2024, 7, 1)),
        });
        let others = [stay(&u, d(2024, 1, 10), Some(d(2024, 3, 1)), &[4, 9])];
        // A woman and one child fit beside a woman and two children; two children do not.
        // …but an open-ended stay meets the June repairs.
        assert_eq!(
            fits(&u, &others, 2, d(2024, 2, 1), None),
            Err(Refusal::NotInService(d(2024, 6, 1)))
        );
        assert_eq!(
            fits(&u, &others, 2, d(2024, 2, 1), Some(d(2024, 5, 1))),
            Ok(())
        );
        assert_eq!(
            fits(&u, &others, 3, d(2024, 1, 1), Some(d(2024, 5, 1))),
            Err(Refusal::Full(d(2024, 1, 10)))
        );
        // Leaving the day the other enters is not an overlap.
        assert_eq!(
            fits(&u, &others, 4, d(2024, 3, 1), Some(d(2024, 5, 1))),
            Ok(())
        );
        assert_eq!(
            fits(&u, &others, 6, d(2024, 3, 1), Some(d(2024, 5, 1))),
            Err(Refusal::Full(d(2024, 3, 1)))
        );
        assert_eq!(
            fits(&u, &[], 1, d(2024, 5, 20), Some(d(2024, 6, 2))),
            Err(Refusal::NotInService(d(2024, 6, 1)))
        );
        assert_eq!(
            fits(&u, &[], 1, d(2024, 5, 20), Some(d(2024, 6, 1))),
            Ok(())
        );
        u.inventory.closed_on = Some(d(2024, 9, 1));
        assert_eq!(
            fits(&u, &[], 1, d(2024, 8, 1), None),
            Err(Refusal::NotInService(d(2024, 9, 1)))
        );
    }

    #[test]
    fn the_warning_comes_three_months_before_the_limit() {
        let limit = limit_on(d(2023, 1, 15), DEFAULT_MAX_STAY_MONTHS, None);
        assert_eq!(limit, d(2025, 1, 15));
        assert_eq!(length_warning(limit, d(2024, 10, 14)), None);
        assert_eq!(
            length_warning(limit, d(2024, 10, 15)),
            Some(LengthWarning::Approaching { limit_on: limit })
        );
        assert_eq!(
            length_warning(limit, d(2025, 1, 15)),
            Some(LengthWarning::Over { limit_on: limit })
        );
        let extended = limit_on(d(2023, 1, 15), 24, Some(d(2025, 7, 15)));
        assert_eq!(length_warning(extended, d(2025, 1, 15)), None);
    }

    #[test]
    fn bed_nights_split_at_the_end_of_the_year() {
        let u = unit(UnitKind::Apartment, 4);
        // A woman and two children from 20 March to 10 April: 12 nights in March, 9 in April.
        let s = stay(&u, d(2024, 3, 20), Some(d(2024, 4, 10)), &[2, 6]);
        let before = figures(
            std::slice::from_ref(&u),
            std::slice::from_ref(&s),
            &[],
            d(2023, 4, 1),
            d(2024, 3, 31),
            d(2026, 1, 1),
        );
        let after = figures(
            std::slice::from_ref(&u),
            std::slice::from_ref(&s),
            &[],
            d(2024, 4, 1),
            d(2025, 3, 31),
            d(2026, 1, 1),
        );
        assert_eq!((before.bed_nights, before.unit_nights), (12 * 3, 12));
        assert_eq!((after.bed_nights, after.unit_nights), (9 * 3, 9));
        assert_eq!(
            (before.entries, before.exits, after.entries, after.exits),
            (1, 0, 0, 1)
        );
        assert_eq!((before.persons, after.persons), (3, 3));
        // A stay going on counts no night after today.
        let open = stay(&u, d(2024, 3, 20), None, &[]);
        let f = figures(
            &[u],
            &[open],
            &[],
            d(2023, 4, 1),
            d(2024, 3, 31),
            d(2024, 3, 25),
        );
        assert_eq!(f.bed_nights, 6);
        // …and its occupancy is counted to tonight on both sides: the unit was in service
        // every night so far and housed her 6 of them, not 6 of the year's 366.
        let rate = &f.apartments;
        assert_eq!(
            (rate.unit_nights_occupied, rate.unit_nights_in_service),
            (6, (d(2024, 3, 25) - d(2023, 4, 1)).num_days() + 1)
        );
    }

    #[test]
    fn turn_aways_children_by_age_and_occupancy() {
        let apartment = unit(UnitKind::Apartment, 4);
        let room = unit(UnitKind::Room, 1);
        // The apartment: a family the whole year; the room: a woman for the last 73 nights.
        let family = stay(&apartment, d(2023, 1, 1), None, &[0, 5, 6, 12, 18]);
        let alone = stay(&room, d(2024, 1, 19), None, &[]);
        let turned = |on, reason| TurnAwayFacts { on, reason };
        let f = figures(
            &[apartment.clone(), room.clone()],
            &[family, alone],
            &[
                turned(d(2023, 5, 1), TurnAwayReason::NoPlace),
                turned(d(2023, 6, 1), TurnAwayReason::NoPlace),
                turned(d(2023, 7, 1), TurnAwayReason::UnitNotSuited),
                // Before the period: not counted.
                turned(d(2023, 3, 31), TurnAwayReason::Other),
            ],
            d(2023, 4, 1),
            d(2024, 3, 31),
            d(2025, 1, 1),
        );
        let reasons: Vec<(&str, i64)> = f.turn_aways.iter().map(|(r, n)| (r.key(), *n)).collect();
        assert_eq!(
            reasons,
            [
                ("no_place", 2),
                ("not_eligible", 0),
                ("unit_not_suited", 1),
                ("other", 0)
            ]
        );
        let ages: Vec<(&str, i64)> = f
            .children_by_age
            .iter()
            .map(|(band, n)| (band.as_str(), *n))
            .collect();
        assert_eq!(
            ages,
            [("0_5", 2), ("6_11", 1), ("12_17", 1), ("18_and_more", 1)]
        );
        // 366 nights (2024 is a leap year): the apartment full, the room 73 of them.
        assert_eq!(f.apartments.rate_per_mille(), Some(1000));
        assert_eq!(
            (f.rooms.unit_nights_occupied, f.rooms.unit_nights_in_service),
            (73, 366)
        );
        assert_eq!(f.rooms.rate_per_mille(), Some(73 * 1000 / 366));
        assert_eq!((f.apartments.places, f.rooms.places), (4, 1));
    }

    #[test]
    fn lengths_destinations_and_the_median() {
        let u = unit(UnitKind::Room, 1);
        let mut a = stay(&u, d(2023, 1, 1), Some(d(2023, 2, 15)), &[]);
        a.destination = Some(ExitDestination::SocialHousing);
        let b = stay(&u, d(2022, 6, 1), Some(d(2023, 6, 1)), &[]);
        let mut c = stay(&u, d(2021, 1, 1), Some(d(2023, 9, 1)), &[]);
        c.destination = Some(ExitDestination::SocialHousing);
        let f = figures(
            &[u],
            &[a, b, c],
            &[],
            d(2023, 1, 1),
            d(2023, 12, 31),
            d(2024, 1, 1),
        );
        assert_eq!(f.exits, 3);
        assert_eq!(f.median_length_days, Some(365));
        let band = |k: &str| f.lengths.iter().find(|(b, _)| b == k).unwrap().1;
        assert_eq!(
            (band("under_3"), band("12_to_18"), band("24_and_more")),
            (1, 1, 1)
        );
        let dest = |k| f.destinations.iter().find(|(x, _)| *x == k).unwrap().1;
        assert_eq!(dest(ExitDestination::SocialHousing), 2);
        assert_eq!(dest(ExitDestination::Unknown), 1);
    }

    #[test]
    fn a_woman_who_came_back_is_counted_once_with_her_children() {
        let u = unit(UnitKind::Apartment, 5);
        let first = stay(&u, d(2023, 5, 1), Some(d(2023, 7, 1)), &[3]);
        let mut again = stay(&u, d(2023, 9, 1), None, &[3, 0]);
        again.person = first.person;
        let f = figures(
            std::slice::from_ref(&u),
            &[first, again],
            &[],
            d(2023, 4, 1),
            d(2024, 3, 31),
            d(2024, 6, 1),
        );
        assert_eq!((f.women, f.children, f.persons), (1, 2, 3));
        let snap = snapshot(
            &[u],
            &[],
            &[TurnAwayFacts {
                on: d(2024, 4, 15),
                reason: TurnAwayReason::NoPlace,
            }],
            d(2024, 4, 15),
        );
        assert_eq!(
            (snap.residents, snap.units_in_service, snap.turned_away),
            (0, 1, 1)
        );
    }

    #[test]
    fn change_is_rounded_to_whole_percent() {
        assert_eq!(change_percent(397, 461), Some(16));
        assert_eq!(change_percent(200, 199), Some(-1));
        assert_eq!(change_percent(0, 10), None);
    }

    #[test]
    fn children_are_typed_as_their_ages() {
        assert_eq!(parse_children("3, 7"), Ok(vec![3, 7]));
        assert_eq!(parse_children(""), Ok(vec![]));
        assert!(parse_children("trois").is_err());
        assert!(parse_children("40").is_err());
    }

    #[test]
    fn whole_months_count_the_day_of_the_month() {
        assert_eq!(whole_months(d(2024, 1, 15), d(2024, 4, 14)), 2);
        assert_eq!(whole_months(d(2024, 1, 15), d(2024, 4, 15)), 3);
        assert_eq!(whole_months(d(2024, 1, 31), d(2024, 2, 29)), 0);
    }
}
