//! Networks (docs/networks.md): an alliance, a collective or a regrouping federates member
//! organizations. It never sees a person: each member approves, once a year, a submission of
//! de-identified figures, and the network reports on all of them. The rules that need no
//! database are here: which members stand where in a year (reported, under construction,
//! joined late, no data), what a submission holds, how the network adds submissions up, and
//! the change from the year before over the members comparable in both.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

keyed! {
    /// The parts of its report a member may share with a network.
    NetworkSection {
        /// Its houses: apartments, rooms, women, children.
        Housing => "housing",
        /// Its requests for help and its meetings (a CALACS).
        Help => "help",
        /// Its appointments and pathways (a care unit).
        Care => "care",
        /// Its service requests and missions (a brigade).
        Missions => "missions",
    }
}

keyed! {
    /// Where a member stands for a year of the network's report.
    Standing {
        /// Its submission for the year is in.
        Reported => "reported",
        /// Its house had not opened by the year's end.
        UnderConstruction => "under_construction",
        /// It joined in the year's last months: it is not asked for that year.
        JoinedLate => "joined_late",
        /// A member all year whose figures did not come.
        NoData => "no_data",
    }
}

/// A member who joined in the last months of a year is not asked for that year's figures.
pub const JOINED_LATE_MONTHS: u32 = 3;

/// A member's dates, as the network keeps them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Membership {
    pub joined_on: NaiveDate,
    /// The first day it is no longer a member, as the partners' dates are kept.
    pub left_on: Option<NaiveDate>,
    /// The day its house opened, or it began its services; none while under construction.
    pub opened_on: Option<NaiveDate>,
}

impl Membership {
    /// Whether it was a member at some day of `[first, last]`.
    pub fn member_in(&self, first: NaiveDate, last: NaiveDate) -> bool {
        self.joined_on <= last && self.left_on.is_none_or(|left| left > first)
    }

    /// Where it stands for the year `[first, last]`, `submitted` its figures or not; none
    /// when it was not a member then.
    pub fn standing(&self, first: NaiveDate, last: NaiveDate, submitted: bool) -> Option<Standing> {
        if !self.member_in(first, last) {
            return None;
        }
        if submitted {
            return Some(Standing::Reported);
        }
        if self.opened_on.is_none_or(|opened| opened > last) {
            return Some(Standing::UnderConstruction);
        }
        let late_from = last
            .checked_sub_months(Months::new(JOINED_LATE_MONTHS))
            .unwrap_or(last);
        if self.joined_on > late_from {
            return Some(Standing::JoinedLate);
        }
        Some(Standing::NoData)
    }
}

/// A member's houses over the year, as it shares them: whoever consented to be counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct HousingShare {
    /// Apartments and rooms in service at least one night of the year.
    pub apartments: i64,
    pub rooms: i64,
    /// Women housed, their children, and the two together.
    pub women: i64,
    pub children: i64,
    pub persons: i64,
    /// Stays begun and ended in the year.
    pub entries: i64,
    pub exits: i64,
    /// Requests for a place it could not meet.
    pub turned_away: i64,
}

/// A member's requests for help and meetings over the year: whoever consented to be counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct HelpShare {
    /// Requests for help received, of them from teenagers.
    pub requests: i64,
    pub teenagers: i64,
    /// Persons met at least once, and the meetings held with them.
    pub persons_met: i64,
    pub meetings: i64,
}

/// A care unit's appointments and pathways over the year: the women who consented to be
/// counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CareShare {
    /// Women who came to at least one appointment, of them whose first was in the year.
    pub women: i64,
    pub new_women: i64,
    /// Appointments they came to.
    pub appointments: i64,
    /// Women who followed a pathway in the year, each once however many she followed.
    pub pathway_women: i64,
    /// Steps of a pathway done in the year, of them complaints filed on site.
    pub steps_completed: i64,
    pub complaints_on_site: i64,
}

/// A brigade's requests and missions over the year: the tenants who consented to be
/// counted, and its workers' hours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MissionShare {
    /// Requests filed in the year.
    pub requests: i64,
    /// Tenants with a mission done in the year, each once, and the missions done.
    pub persons_helped: i64,
    pub missions: i64,
    /// Minutes its workers worked in the year.
    pub minutes_worked: i64,
    /// Tenants its partners reported on six months after, of them still in their home.
    pub kept_reported: i64,
    pub kept_in_home: i64,
}

/// What a submission holds: each part the member shares, none of the others. A part a
/// version-1 file of an earlier Havre does not know is absent from it, as if not shared.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SharedFigures {
    pub housing: Option<HousingShare>,
    pub help: Option<HelpShare>,
    #[serde(default)]
    pub care: Option<CareShare>,
    #[serde(default)]
    pub missions: Option<MissionShare>,
}

impl HousingShare {
    fn add(&mut self, o: &HousingShare) {
        self.apartments += o.apartments;
        self.rooms += o.rooms;
        self.women += o.women;
        self.children += o.children;
        self.persons += o.persons;
        self.entries += o.entries;
        self.exits += o.exits;
        self.turned_away += o.turned_away;
    }
}

impl HelpShare {
    fn add(&mut self, o: &HelpShare) {
        self.requests += o.requests;
        self.teenagers += o.teenagers;
        self.persons_met += o.persons_met;
        self.meetings += o.meetings;
    }
}

impl CareShare {
    fn add(&mut self, o: &CareShare) {
        self.women += o.women;
        self.new_women += o.new_women;
        self.appointments += o.appointments;
        self.pathway_women += o.pathway_women;
        self.steps_completed += o.steps_completed;
        self.complaints_on_site += o.complaints_on_site;
    }
}

impl MissionShare {
    fn add(&mut self, o: &MissionShare) {
        self.requests += o.requests;
        self.persons_helped += o.persons_helped;
        self.missions += o.missions;
        self.minutes_worked += o.minutes_worked;
        self.kept_reported += o.kept_reported;
        self.kept_in_home += o.kept_in_home;
    }
}

/// What a submission file says it is.
pub const SUBMISSION_FORMAT: &str = "havre-network-submission";
pub const SUBMISSION_VERSION: u32 = 1;

/// A member's yearly submission, as it signs it: who, for which network and which year, and
/// its figures. Nothing in it names a person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Submission {
    pub format: String,
    pub version: u32,
    /// The member's name, and the network's, as the member knows them.
    pub member: String,
    pub network: String,
    /// The year, on the member's calendar.
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub made_at: chrono::DateTime<chrono::Utc>,
    pub figures: SharedFigures,
}

/// A submission as a file, to be sent to a network on another Havre: the submission's JSON
/// exactly as signed, its Ed25519 signature and the member's public key, both base64.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SubmissionFile {
    pub payload: String,
    pub signature: String,
    pub public_key: String,
}

/// The figures of several members added up: those that shared each part, and its sum.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Totals {
    /// Members whose housing figures are in `housing`.
    pub housing_members: i64,
    pub housing: HousingShare,
    pub help_members: i64,
    pub help: HelpShare,
    pub care_members: i64,
    pub care: CareShare,
    pub missions_members: i64,
    pub missions: MissionShare,
}

impl Totals {
    pub fn add(&mut self, figures: &SharedFigures) {
        if let Some(h) = &figures.housing {
            self.housing_members += 1;
            self.housing.add(h);
        }
        if let Some(h) = &figures.help {
            self.help_members += 1;
            self.help.add(h);
        }
        if let Some(c) = &figures.care {
            self.care_members += 1;
            self.care.add(c);
        }
        if let Some(m) = &figures.missions {
            self.missions_members += 1;
            self.missions.add(m);
        }
    }

    pub fn of<'a>(figures: impl IntoIterator<Item = &'a SharedFigures>) -> Totals {
        let mut totals = Totals::default();
        for f in figures {
            totals.add(f);
        }
        totals
    }
}

/// One member's year as the network report reads it: its region, where it stands, and its
/// figures when it reported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberYear {
    pub member: uuid::Uuid,
    pub region: String,
    pub standing: Standing,
    pub figures: Option<SharedFigures>,
}

/// How many members stand where in a year, in [`Standing`]'s order.
pub fn standings(members: &[MemberYear]) -> BTreeMap<Standing, i64> {
    let mut counts: BTreeMap<Standing, i64> = Standing::ALL.iter().map(|s| (*s, 0)).collect();
    for m in members {
        *counts.entry(m.standing).or_default() += 1;
    }
    counts
}

/// The totals per region, regions in alphabetical order, of the members that reported.
pub fn per_region(members: &[MemberYear]) -> Vec<(String, i64, Totals)> {
    let mut regions: BTreeMap<&str, (i64, Totals)> = BTreeMap::new();
    for m in members {
        if let Some(f) = &m.figures {
            let entry = regions.entry(m.region.as_str()).or_default();
            entry.0 += 1;
            entry.1.add(f);
        }
    }
    regions
        .into_iter()
        .map(|(region, (n, totals))| (region.to_owned(), n, totals))
        .collect()
}

/// The change of the persons housed from the year before, over the members that shared their
/// housing figures both years (the seed's "pour un parc de logements comparable"): the persons
/// of this year and of last year, over those members, and the change in percent, rounded to
/// the unit by `housing::change_percent`.
pub fn housing_change(this_year: &[MemberYear], last_year: &[MemberYear]) -> Comparable {
    let last: BTreeMap<uuid::Uuid, &HousingShare> = last_year
        .iter()
        .filter_map(|m| Some((m.member, m.figures.as_ref()?.housing.as_ref()?)))
        .collect();
    let mut c = Comparable::default();
    for m in this_year {
        let Some(now) = m.figures.as_ref().and_then(|f| f.housing.as_ref()) else {
            continue;
        };
        if let Some(before) = last.get(&m.member) {
            c.members += 1;
            c.persons += now.persons;
            c.persons_before += before.persons;
        }
    }
    c
}

/// The members comparable over two years, and their persons housed each year.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Comparable {
    pub members: i64,
    pub persons: i64,
    pub persons_before: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_member_stands_by_its_dates_and_its_submission() {
        let (first, last) = (d(2018, 4, 1), d(2019, 3, 31));
        let open = Membership {
            joined_on: d(2010, 1, 1),
            left_on: None,
            opened_on: Some(d(2010, 1, 1)),
        };
        assert_eq!(open.standing(first, last, true), Some(Standing::Reported));
        assert_eq!(open.standing(first, last, false), Some(Standing::NoData));
        let building = Membership {
            opened_on: Some(d(2019, 6, 1)),
            ..open
        };
        assert_eq!(
            building.standing(first, last, false),
            Some(Standing::UnderConstruction)
        );
        // Joined in February: late in the year. In December: not late, its figures are due.
        let late = Membership {
            joined_on: d(2019, 2, 10),
            ..open
        };
        assert_eq!(
            late.standing(first, last, false),
            Some(Standing::JoinedLate)
        );
        let december = Membership {
            joined_on: d(2018, 12, 1),
            ..open
        };
        assert_eq!(
            december.standing(first, last, false),
            Some(Standing::NoData)
        );
        // Joined after the year, or left before it: not a member then.
        let after = Membership {
            joined_on: d(2019, 4, 1),
            ..open
        };
        assert_eq!(after.standing(first, last, false), None);
        let gone = Membership {
            left_on: Some(d(2018, 3, 31)),
            ..open
        };
        assert_eq!(gone.standing(first, last, true), None);
    }

    #[test]
    fn a_submission_of_an_earlier_havre_reads_as_not_sharing_the_parts_it_did_not_know() {
        // The figures of a version-1 file made before care and missions could be shared.
        let figures: SharedFigures = serde_json::from_str(
            r#"{"housing":null,"help":{"requests":12,"teenagers":3,"persons_met":9,"meetings":40}}"#,
        )
        .unwrap();
        assert_eq!((figures.care, figures.missions), (None, None));
        assert_eq!(figures.help.map(|h| h.meetings), Some(40));
    }

    #[test]
    fn the_change_is_over_the_members_comparable_both_years() {
        let member = |id: u128, persons: i64| MemberYear {
            member: uuid::Uuid::from_u128(id),
            region: "Montréal".into(),
            standing: Standing::Reported,
            figures: Some(SharedFigures {
                housing: Some(HousingShare {
                    persons,
                    ..Default::default()
                }),
                ..Default::default()
            }),
        };
        // The third member did not report last year: its 40 persons are not compared.
        let this_year = [member(1, 230), member(2, 231), member(3, 40)];
        let last_year = [member(1, 200), member(2, 197)];
        let c = housing_change(&this_year, &last_year);
        assert_eq!((c.members, c.persons, c.persons_before), (2, 461, 397));
        assert_eq!(
            crate::housing::change_percent(c.persons_before, c.persons),
            Some(16)
        );
        assert_eq!(
            Totals::of(this_year.iter().filter_map(|m| m.figures.as_ref()))
                .housing
                .persons,
            501
        );
    }
}
