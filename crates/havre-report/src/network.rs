//! The network's report (docs/networks.md): its members and where each stands for the year,
//! then the figures its members submitted, added up: housing (apartments, rooms, women,
//! children, persons, and the change over the members comparable with last year), help
//! (requests, teenagers, persons met, meetings), care (women, appointments, pathways) and
//! missions (requests, tenants helped, missions, hours), in all and per region.
//!
//! A network never sees a member's raw figures: everything it shows or exports goes through
//! [`NetworkReport::published`], where every count of persons from 1 to 4 is hidden and the
//! figures that would let one be found from a total, a row or last year's figures are
//! withheld, over all the tables at once (docs/networks.md "Disclosure control").

use crate::activity::{Period, ReportError};
use crate::tables::{Cell, Section, Table, Translate, columns};
use havre_domain::housing::change_percent;
use havre_domain::network::{
    Comparable, HousingShare, MemberYear, SharedFigures, Standing, Totals, housing_change,
    per_region, standings,
};
use havre_domain::suppression::{Grid, Mark, protect};
use havre_store::Store;
use havre_store::networks::NetworkYear;
use havre_store::reader::Reader;
use serde::Serialize;

/// The network's year, with the year before for the change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NetworkReport {
    pub network: String,
    pub period: Period,
    /// Its members that year, by name: where each stands.
    pub members: Vec<MemberStanding>,
    /// How many stand where, in [`Standing`]'s order.
    pub standings: Vec<(Standing, i64)>,
    current: Vec<MemberYear>,
    previous: Vec<MemberYear>,
}

/// A member, its region, and where it stands for the year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct MemberStanding {
    pub name: String,
    pub region: String,
    #[schema(value_type = String)]
    pub standing: Standing,
}

/// What the report's sentences say, when every figure they give is shown: the seed's
/// "119 logements et 16 chambres ont hébergé 203 femmes et 258 enfants, soit 461 personnes,
/// une augmentation de 16 %".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HousingLead {
    pub apartments: i64,
    pub rooms: i64,
    pub women: i64,
    pub children: i64,
    pub persons: i64,
    /// The change over the members comparable with last year, in whole percent.
    pub change: Option<i64>,
}

/// The report as the network sees it: its sections, every small count kept back, and the
/// housing sentence's figures when none of them is.
#[derive(Clone, Debug, PartialEq)]
pub struct Published {
    pub sections: Vec<Section>,
    pub housing_lead: Option<HousingLead>,
}

impl NetworkReport {
    /// The network's report of a period from its members' submissions.
    pub async fn compute(
        store: &Store,
        reader: &Reader,
        period: Period,
    ) -> Result<NetworkReport, ReportError> {
        if period.first > period.last {
            return Err(ReportError::Period);
        }
        let year = store
            .network_year(reader, period.first, period.last)
            .await?;
        Ok(NetworkReport::of(year))
    }

    /// The report of a year as the store gives it.
    pub fn of(year: NetworkYear) -> NetworkReport {
        let members: Vec<MemberStanding> = year
            .members
            .iter()
            .map(|m| MemberStanding {
                name: m.name.clone(),
                region: m.year.region.clone(),
                standing: m.year.standing,
            })
            .collect();
        let current: Vec<MemberYear> = year.members.into_iter().map(|m| m.year).collect();
        NetworkReport {
            network: year.network,
            period: Period {
                first: year.first,
                last: year.last,
            },
            members,
            standings: standings(&current).into_iter().collect(),
            current,
            previous: year.previous,
        }
    }

    /// How many members reported.
    pub fn reported(&self) -> i64 {
        self.standings
            .iter()
            .find(|(s, _)| *s == Standing::Reported)
            .map_or(0, |(_, n)| *n)
    }

    /// Whether every member that reported shared its housing: the report then speaks of
    /// member houses, else of members.
    pub fn of_houses(&self) -> bool {
        let mut reported = self
            .current
            .iter()
            .filter_map(|m| m.figures.as_ref())
            .peekable();
        reported.peek().is_some() && reported.all(|f| f.housing.is_some())
    }

    /// The report's sections, as the network may see them: its members, then the figures,
    /// each count from 1 to 4 hidden and what would give one away withheld.
    pub fn published(&self, t: Translate) -> Published {
        self.published_by(t, protect)
    }

    /// The report published with `choose` deciding what to keep back: [`protect`], or in
    /// tests a weaker rule the attacker must beat.
    fn published_by(&self, t: Translate, choose: fn(&Grid) -> Vec<Mark>) -> Published {
        let totals = Totals::of(self.current.iter().filter_map(|m| m.figures.as_ref()));
        let before = Totals::of(self.previous.iter().filter_map(|m| m.figures.as_ref()));
        let regions = per_region(&self.current);
        let change = housing_change(&self.current, &self.previous);
        let mut ledger = Ledger::default();
        let housing = (totals.housing_members > 0)
            .then(|| HousingCells::of(&mut ledger, &totals, &before, &regions, change));
        let by_region: Vec<RegionCells> = BY_REGION
            .iter()
            .filter_map(|part| RegionCells::of(part, &mut ledger, &totals, &regions))
            .collect();
        let marks = choose(&ledger.grid);
        let cell = |i: usize| ledger.cell(&marks, i);

        let mut sections = vec![self.members_section(t)];
        let mut housing_lead = None;
        if let Some(h) = &housing {
            sections.push(h.section(t, &cell, &regions));
            let shown = |i: usize| marks[i] == Mark::Shown;
            if [h.women, h.children, h.persons].into_iter().all(shown) {
                housing_lead = Some(HousingLead {
                    apartments: totals.housing.apartments,
                    rooms: totals.housing.rooms,
                    women: totals.housing.women,
                    children: totals.housing.children,
                    persons: totals.housing.persons,
                    change: [h.comparable_now, h.comparable_before]
                        .into_iter()
                        .all(shown)
                        .then(|| change_percent(change.persons_before, change.persons))
                        .flatten(),
                });
            }
        }
        sections.extend(by_region.iter().map(|part| part.section(t, &cell)));
        Published {
            sections,
            housing_lead,
        }
    }

    fn members_section(&self, t: Translate) -> Section {
        let standing = |s: Standing| t(&format!("network-standing-{}", s.key()));
        let counts = Table {
            key: "network_standings".into(),
            title: t("report-table-network_standings"),
            columns: columns(t, &["standing", "members"]),
            rows: self
                .standings
                .iter()
                .map(|(s, n)| vec![Cell::Text(standing(*s)), Cell::Number(*n)])
                .collect(),
            total: Some(vec![
                Cell::Text(t("total")),
                Cell::Number(self.members.len() as i64),
            ]),
            chart: None,
        };
        let list = Table {
            key: "network_members".into(),
            title: t("report-table-network_members"),
            columns: columns(t, &["member", "region", "standing"]),
            rows: self
                .members
                .iter()
                .map(|m| {
                    vec![
                        Cell::Text(m.name.clone()),
                        Cell::Text(m.region.clone()),
                        Cell::Text(standing(m.standing)),
                    ]
                })
                .collect(),
            total: None,
            chart: None,
        };
        crate::tables::section("network_members", t, vec![counts, list])
    }
}

/// The figures of the report as cells of one grid, tied by the sums a reader of the tables
/// knows, so that suppression protects them all together.
#[derive(Default)]
struct Ledger {
    grid: Grid,
    /// The cells that are minutes worked, shown as hours.
    minutes: std::collections::HashSet<usize>,
}

impl Ledger {
    fn persons(&mut self, value: i64) -> usize {
        self.grid.add(value, true)
    }

    fn units(&mut self, value: i64) -> usize {
        self.grid.add(value, false)
    }

    fn minutes(&mut self, value: i64) -> usize {
        let i = self.grid.add(value, false);
        self.minutes.insert(i);
        i
    }

    fn cell(&self, marks: &[Mark], i: usize) -> Cell {
        let c = self.grid.cells[i];
        match marks[i] {
            Mark::Hidden => Cell::Hidden,
            Mark::Withheld => Cell::Withheld,
            Mark::Shown if c.persons => Cell::Count(c.value),
            Mark::Shown if self.minutes.contains(&i) => Cell::Minutes(c.value),
            Mark::Shown => Cell::Number(c.value),
        }
    }
}

/// A table's line: its label, then its figures as shown.
fn labelled(label: String, cells: &[usize], cell: &dyn Fn(usize) -> Cell) -> Vec<Cell> {
    std::iter::once(Cell::Text(label))
        .chain(cells.iter().map(|i| cell(*i)))
        .collect()
}

/// One region's housing cells, or the network's.
#[derive(Clone, Copy)]
struct HousingLine {
    members: usize,
    apartments: usize,
    rooms: usize,
    women: usize,
    children: usize,
    persons: usize,
}

impl HousingLine {
    fn of(ledger: &mut Ledger, members: i64, h: &HousingShare) -> HousingLine {
        let line = HousingLine {
            members: ledger.units(members),
            apartments: ledger.units(h.apartments),
            rooms: ledger.units(h.rooms),
            women: ledger.persons(h.women),
            children: ledger.persons(h.children),
            persons: ledger.persons(h.persons),
        };
        ledger
            .grid
            .sum(line.persons, vec![line.women, line.children]);
        line
    }

    fn row(&self, label: String, cell: &dyn Fn(usize) -> Cell) -> Vec<Cell> {
        let cells = [
            self.members,
            self.apartments,
            self.rooms,
            self.women,
            self.children,
            self.persons,
        ];
        labelled(label, &cells, cell)
    }
}

struct HousingCells {
    regions: Vec<HousingLine>,
    total: HousingLine,
    entries: usize,
    exits: usize,
    turned_away: usize,
    women: usize,
    children: usize,
    persons: usize,
    /// Last year's, over every member that reported then.
    before: [usize; 6],
    comparable_members: usize,
    comparable_now: usize,
    comparable_before: usize,
    change: Comparable,
}

impl HousingCells {
    fn of(
        ledger: &mut Ledger,
        totals: &Totals,
        before: &Totals,
        regions: &[(String, i64, Totals)],
        change: Comparable,
    ) -> HousingCells {
        let lines: Vec<HousingLine> = regions
            .iter()
            .filter(|(_, _, t)| t.housing_members > 0)
            .map(|(_, _, t)| HousingLine::of(ledger, t.housing_members, &t.housing))
            .collect();
        let total = HousingLine::of(ledger, totals.housing_members, &totals.housing);
        for column in [
            |l: &HousingLine| l.women,
            |l: &HousingLine| l.children,
            |l: &HousingLine| l.persons,
        ] {
            ledger
                .grid
                .sum(column(&total), lines.iter().map(column).collect());
        }
        let h = &totals.housing;
        let b = &before.housing;
        let (entries, exits, turned_away) = (
            ledger.persons(h.entries),
            ledger.persons(h.exits),
            ledger.persons(h.turned_away),
        );
        let before_cells = [
            ledger.persons(b.women),
            ledger.persons(b.children),
            ledger.persons(b.persons),
            ledger.persons(b.entries),
            ledger.persons(b.exits),
            ledger.persons(b.turned_away),
        ];
        ledger
            .grid
            .sum(before_cells[2], vec![before_cells[0], before_cells[1]]);
        // The change is over the members that reported both years: their persons this
        // year are part of this year's, and their persons last year part of last year's.
        // The rest of each, which no table shows, is a difference a reader can take.
        let comparable_members = ledger.units(change.members);
        let comparable_now = ledger.persons(change.persons);
        let comparable_before = ledger.persons(change.persons_before);
        let others_now = ledger.grid.add_unpublished(h.persons - change.persons);
        let others_before = ledger
            .grid
            .add_unpublished(b.persons - change.persons_before);
        ledger
            .grid
            .sum(total.persons, vec![comparable_now, others_now]);
        ledger
            .grid
            .sum(before_cells[2], vec![comparable_before, others_before]);
        HousingCells {
            regions: lines,
            women: total.women,
            children: total.children,
            persons: total.persons,
            total,
            entries,
            exits,
            turned_away,
            before: before_cells,
            comparable_members,
            comparable_now,
            comparable_before,
            change,
        }
    }

    fn section(
        &self,
        t: Translate,
        cell: &dyn Fn(usize) -> Cell,
        regions: &[(String, i64, Totals)],
    ) -> Section {
        let [w, c, p, e, x, ta] = self.before;
        let year = |label: &str, now: usize, before: Option<usize>| {
            vec![
                Cell::Text(t(label)),
                cell(now),
                before.map_or(Cell::Empty, cell),
            ]
        };
        let housed = Table {
            key: "network_housing".into(),
            title: t("report-table-network_housing"),
            columns: columns(t, &["figure", "current", "previous"]),
            rows: vec![
                year("network-apartments", self.total.apartments, None),
                year("network-rooms", self.total.rooms, None),
                year("figures-women", self.women, Some(w)),
                year("figures-children", self.children, Some(c)),
                year("figures-persons", self.persons, Some(p)),
                year("figures-entries", self.entries, Some(e)),
                year("figures-exits", self.exits, Some(x)),
                year("network-turned-away", self.turned_away, Some(ta)),
            ],
            total: None,
            chart: None,
        };
        let kept = |i: usize| matches!(cell(i), Cell::Hidden | Cell::Withheld);
        let comparable = Table {
            key: "network_comparable".into(),
            title: t("report-table-network_comparable"),
            columns: columns(t, &["comparable_members", "current", "previous", "change"]),
            rows: vec![vec![
                cell(self.comparable_members),
                cell(self.comparable_now),
                cell(self.comparable_before),
                if kept(self.comparable_now) || kept(self.comparable_before) {
                    Cell::Withheld
                } else {
                    let c = self.change;
                    Cell::Change((c.persons_before > 0).then(|| {
                        (c.persons - c.persons_before) as f64 * 100.0 / c.persons_before as f64
                    }))
                },
            ]],
            total: None,
            chart: None,
        };
        let names = regions
            .iter()
            .filter(|(_, _, t)| t.housing_members > 0)
            .map(|(name, _, _)| name.clone());
        let per_region = Table {
            key: "network_housing_regions".into(),
            title: t("report-table-network_housing_regions"),
            columns: columns(
                t,
                &[
                    "region",
                    "members",
                    "apartments",
                    "rooms",
                    "women",
                    "children",
                    "persons",
                ],
            ),
            rows: names
                .zip(&self.regions)
                .map(|(name, line)| line.row(name, cell))
                .collect(),
            total: Some(self.total.row(t("total"), cell)),
            chart: Some(6),
        };
        crate::tables::section("network_housing", t, vec![housed, comparable, per_region])
    }
}

/// How a figure of a table by region is kept and shown.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A count of persons, or of what persons did (requests, meetings, steps): protected.
    Persons,
    /// Minutes worked: counts nobody, shown as hours.
    Minutes,
}

/// A part of the report given per region and in all (help, care, missions): its figures,
/// how they are kept, and the ties within a line a reader knows.
struct ByRegion {
    section: &'static str,
    table: &'static str,
    /// The figures after the region and its members, as they head the columns.
    columns: &'static [(&'static str, Kind)],
    /// `(whole, part)`, in positions of `columns`: the whole is the part and a rest no table
    /// shows (the requests of adults, the women seen before, the reports of tenants who left).
    parts: &'static [(usize, usize)],
    /// The members that shared this part, and their figures in the order of `columns`.
    figures: fn(&Totals) -> (i64, Vec<i64>),
}

const HELP: ByRegion = ByRegion {
    section: "network_help",
    table: "network_help_regions",
    columns: &[
        ("requests", Kind::Persons),
        ("teenagers", Kind::Persons),
        ("persons_met", Kind::Persons),
        ("meetings", Kind::Persons),
    ],
    parts: &[(0, 1)],
    figures: |t| {
        let h = &t.help;
        (
            t.help_members,
            vec![h.requests, h.teenagers, h.persons_met, h.meetings],
        )
    },
};

const CARE: ByRegion = ByRegion {
    section: "network_care",
    table: "network_care_regions",
    columns: &[
        ("women", Kind::Persons),
        ("new_women", Kind::Persons),
        ("appointments", Kind::Persons),
        ("pathway_women", Kind::Persons),
        ("steps_completed", Kind::Persons),
        ("complaints_on_site", Kind::Persons),
    ],
    parts: &[(0, 1), (4, 5)],
    figures: |t| {
        let c = &t.care;
        (
            t.care_members,
            vec![
                c.women,
                c.new_women,
                c.appointments,
                c.pathway_women,
                c.steps_completed,
                c.complaints_on_site,
            ],
        )
    },
};

const MISSIONS: ByRegion = ByRegion {
    section: "network_missions",
    table: "network_missions_regions",
    columns: &[
        ("requests", Kind::Persons),
        ("persons_helped", Kind::Persons),
        ("missions", Kind::Persons),
        ("time_worked", Kind::Minutes),
        ("kept_reported", Kind::Persons),
        ("kept_in_home", Kind::Persons),
    ],
    parts: &[(4, 5)],
    figures: |t| {
        let m = &t.missions;
        (
            t.missions_members,
            vec![
                m.requests,
                m.persons_helped,
                m.missions,
                m.minutes_worked,
                m.kept_reported,
                m.kept_in_home,
            ],
        )
    },
};

/// The parts given per region, in the report's order.
const BY_REGION: [&ByRegion; 3] = [&HELP, &CARE, &MISSIONS];

/// The figures of one member's submission for the parts given per region, as the member
/// previews them before approving: labelled (`report-col-…`) and kept as the network's tables
/// label and keep them.
pub fn shared_lines(figures: &SharedFigures) -> Vec<(String, Cell)> {
    let totals = Totals::of([figures]);
    let mut lines = Vec::new();
    for part in BY_REGION {
        let (members, values) = (part.figures)(&totals);
        if members == 0 {
            continue;
        }
        for ((key, kind), value) in part.columns.iter().zip(values) {
            let cell = match kind {
                Kind::Persons => Cell::Count(value),
                Kind::Minutes => Cell::Minutes(value),
            };
            lines.push((format!("report-col-{key}"), cell));
        }
    }
    lines
}

/// A part's cells: a line per region that shared it, then the network's.
struct RegionCells<'a> {
    part: &'a ByRegion,
    /// The regions' names and cells (members first, then the figures), and the total's.
    regions: Vec<(String, Vec<usize>)>,
    total: Vec<usize>,
}

impl<'a> RegionCells<'a> {
    /// The part's cells, tied within each line and down each column; none when no member
    /// shared it.
    fn of(
        part: &'a ByRegion,
        ledger: &mut Ledger,
        totals: &Totals,
        regions: &[(String, i64, Totals)],
    ) -> Option<RegionCells<'a>> {
        let line = |ledger: &mut Ledger, t: &Totals| {
            let (members, values) = (part.figures)(t);
            let mut cells = vec![ledger.units(members)];
            for ((_, kind), value) in part.columns.iter().zip(values) {
                cells.push(match kind {
                    Kind::Persons => ledger.persons(value),
                    Kind::Minutes => ledger.minutes(value),
                });
            }
            for &(whole, of) in part.parts {
                let (w, p) = (cells[1 + whole], cells[1 + of]);
                let rest = ledger
                    .grid
                    .add_unpublished(ledger.grid.cells[w].value - ledger.grid.cells[p].value);
                ledger.grid.sum(w, vec![p, rest]);
            }
            cells
        };
        if (part.figures)(totals).0 == 0 {
            return None;
        }
        let lines: Vec<(String, Vec<usize>)> = regions
            .iter()
            .filter(|(_, _, t)| (part.figures)(t).0 > 0)
            .map(|(name, _, t)| (name.clone(), line(ledger, t)))
            .collect();
        let total = line(ledger, totals);
        for (column, (_, kind)) in part.columns.iter().enumerate() {
            if *kind == Kind::Persons {
                let parts = lines.iter().map(|(_, l)| l[1 + column]).collect();
                ledger.grid.sum(total[1 + column], parts);
            }
        }
        Some(RegionCells {
            part,
            regions: lines,
            total,
        })
    }

    fn section(&self, t: Translate, cell: &dyn Fn(usize) -> Cell) -> Section {
        let mut heads = vec!["region", "members"];
        heads.extend(self.part.columns.iter().map(|(key, _)| *key));
        let table = Table {
            key: self.part.table.into(),
            title: t(&format!("report-table-{}", self.part.table)),
            columns: columns(t, &heads),
            rows: self
                .regions
                .iter()
                .map(|(name, cells)| labelled(name.clone(), cells, cell))
                .collect(),
            total: Some(labelled(t("total"), &self.total, cell)),
            chart: Some(2),
        };
        crate::tables::section(self.part.section, t, vec![table])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use havre_domain::network::{CareShare, HelpShare, MissionShare, SharedFigures};
    use havre_store::networks::MemberLine;
    use microlp::{ComparisonOp, OptimizationDirection, Problem, Variable};

    fn t(key: &str) -> String {
        key.to_owned()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// A small deterministic generator: the networks attacked are the same on every run.
    struct Dice(u64);

    impl Dice {
        fn roll(&mut self, below: i64) -> i64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % below as u64) as i64
        }

        /// A count that is small often: what a young house or a small region gives.
        fn count(&mut self) -> i64 {
            match self.roll(4) {
                0 => self.roll(5),
                1 => 5 + self.roll(5),
                _ => self.roll(60),
            }
        }
    }

    fn member(id: u128, region: &str, figures: SharedFigures) -> MemberLine {
        MemberLine {
            name: format!("Maison {id}"),
            year: MemberYear {
                member: uuid::Uuid::from_u128(id),
                region: region.into(),
                standing: Standing::Reported,
                figures: Some(figures),
            },
        }
    }

    fn housing(women: i64, children: i64) -> HousingShare {
        HousingShare {
            apartments: 6,
            rooms: 1,
            women,
            children,
            persons: women + children,
            entries: women / 2,
            exits: women / 3,
            turned_away: women / 4,
        }
    }

    /// A network of a few members in a few regions, this year and last; some share their
    /// housing, some their help, some both, some did not report last year.
    fn network(dice: &mut Dice) -> NetworkYear {
        let regions = ["Abitibi", "Estrie", "Laval", "Montréal", "Outaouais"];
        let region_count = 1 + dice.roll(regions.len() as i64) as usize;
        let size = 2 + dice.roll(10) as u128;
        let mut members = Vec::new();
        let mut previous = Vec::new();
        for id in 0..size {
            let region = regions[dice.roll(region_count as i64) as usize];
            // Each part shared by about half the members, and at least one part by each.
            let mut shares = dice.roll(16);
            if shares == 0 {
                shares = 1 << dice.roll(4);
            }
            let shared = |bit: i64| shares & (1 << bit) != 0;
            let figures = |dice: &mut Dice| SharedFigures {
                housing: shared(0).then(|| housing(dice.count(), dice.count())),
                help: shared(1).then(|| {
                    let requests = dice.count();
                    HelpShare {
                        requests,
                        teenagers: dice.roll(requests + 1),
                        persons_met: dice.count(),
                        meetings: dice.count(),
                    }
                }),
                care: shared(2).then(|| {
                    let (women, steps) = (dice.count(), dice.count());
                    CareShare {
                        women,
                        new_women: dice.roll(women + 1),
                        appointments: dice.count(),
                        pathway_women: dice.count(),
                        steps_completed: steps,
                        complaints_on_site: dice.roll(steps + 1),
                    }
                }),
                missions: shared(3).then(|| {
                    let reported = dice.count();
                    MissionShare {
                        requests: dice.count(),
                        persons_helped: dice.count(),
                        missions: dice.count(),
                        minutes_worked: 60 * dice.count(),
                        kept_reported: reported,
                        kept_in_home: dice.roll(reported + 1),
                    }
                }),
            };
            let now = member(id, region, figures(dice));
            if dice.roll(3) != 0 {
                let mut before = now.year.clone();
                before.figures = Some(figures(dice));
                previous.push(before);
            }
            members.push(now);
        }
        NetworkYear {
            network: "Alliance".into(),
            first: d(2018, 4, 1),
            last: d(2019, 3, 31),
            members,
            previous,
        }
    }

    /// What a reader of the published tables knows, as a linear program: a variable per
    /// figure (fixed when shown, 1 to 4 when hidden, 0 or 5 and more when withheld), the
    /// figures no table shows but a difference gives, and the ties between them.
    struct Attacker {
        vars: Vec<(f64, f64, bool)>,
        equal: Vec<Vec<(usize, f64)>>,
        at_most: Vec<Vec<(usize, f64)>>,
        /// What a protection must keep from her: the figures kept back, and the
        /// differences no table shows.
        kept: Vec<usize>,
        unpublished: Vec<usize>,
    }

    const MANY: f64 = 1.0e6;

    impl Attacker {
        fn read(&mut self, cell: &Cell) -> usize {
            let var = match cell {
                Cell::Count(n) => (*n as f64, *n as f64, false),
                Cell::Hidden => (1.0, 4.0, false),
                Cell::Withheld => (0.0, MANY, true),
                other => panic!("a count of persons published as {other:?}"),
            };
            self.vars.push(var);
            let i = self.vars.len() - 1;
            if matches!(cell, Cell::Hidden | Cell::Withheld) {
                self.kept.push(i);
            }
            i
        }

        fn unknown(&mut self) -> usize {
            self.vars.push((0.0, MANY, false));
            let i = self.vars.len() - 1;
            self.unpublished.push(i);
            i
        }

        /// total = Σ parts
        fn sum(&mut self, total: usize, parts: &[usize]) {
            let mut row = vec![(total, 1.0)];
            row.extend(parts.iter().map(|p| (*p, -1.0)));
            self.equal.push(row);
        }

        /// The least and the most a figure can be, to the unit.
        fn range(&self, of: usize) -> (i64, i64) {
            let solve = |direction| {
                let mut p = Problem::new(direction);
                let vars: Vec<Variable> = self
                    .vars
                    .iter()
                    .enumerate()
                    .map(|(i, (lo, hi, _))| p.add_var(if i == of { 1.0 } else { 0.0 }, (*lo, *hi)))
                    .collect();
                // A figure withheld is 0, or 5 and more: x ≥ 5b, x ≤ M·b.
                for (i, (_, _, either)) in self.vars.iter().enumerate() {
                    if *either {
                        let b = p.add_binary_var(0.0);
                        p.add_constraint([(vars[i], 1.0), (b, -5.0)], ComparisonOp::Ge, 0.0);
                        p.add_constraint([(vars[i], 1.0), (b, -MANY)], ComparisonOp::Le, 0.0);
                    }
                }
                for row in &self.equal {
                    p.add_constraint(
                        row.iter().map(|(v, c)| (vars[*v], *c)),
                        ComparisonOp::Eq,
                        0.0,
                    );
                }
                for row in &self.at_most {
                    p.add_constraint(
                        row.iter().map(|(v, c)| (vars[*v], *c)),
                        ComparisonOp::Le,
                        0.0,
                    );
                }
                p.solve()
                    .expect("the published tables are consistent")
                    .objective()
            };
            let lo = solve(OptimizationDirection::Minimize);
            let hi = solve(OptimizationDirection::Maximize);
            ((lo - 1e-6).ceil() as i64, (hi + 1e-6).floor() as i64)
        }
    }

    fn table<'a>(sections: &'a [Section], key: &str) -> Option<&'a Table> {
        sections
            .iter()
            .flat_map(|s| &s.tables)
            .find(|t| t.key == key)
    }

    /// Reads the published tables as an attacker would, knowing how they add up.
    fn attacker(sections: &[Section]) -> Attacker {
        let mut a = Attacker {
            vars: Vec::new(),
            equal: Vec::new(),
            at_most: Vec::new(),
            kept: Vec::new(),
            unpublished: Vec::new(),
        };
        if let Some(regions) = table(sections, "network_housing_regions") {
            let mut lines = Vec::new();
            for row in regions.rows.iter().chain(regions.total.iter()) {
                let [w, c, p] = [4, 5, 6].map(|col| a.read(&row[col]));
                a.sum(p, &[w, c]);
                lines.push([w, c, p]);
            }
            let total = lines.pop().unwrap();
            for col in 0..3 {
                let parts: Vec<usize> = lines.iter().map(|l| l[col]).collect();
                a.sum(total[col], &parts);
            }
            let housed = table(sections, "network_housing").unwrap();
            // This year's column repeats the total line; last year's adds up too.
            for (row, same) in [(2, total[0]), (3, total[1]), (4, total[2])] {
                let now = a.read(&housed.rows[row][1]);
                a.sum(now, &[same]);
            }
            let before = [2, 3, 4].map(|row| a.read(&housed.rows[row][2]));
            a.sum(before[2], &[before[0], before[1]]);
            for row in 5..8 {
                a.read(&housed.rows[row][1]);
                a.read(&housed.rows[row][2]);
            }
            let comparable = &table(sections, "network_comparable").unwrap().rows[0];
            let (now, then) = (a.read(&comparable[1]), a.read(&comparable[2]));
            let (others_now, others_then) = (a.unknown(), a.unknown());
            a.sum(total[2], &[now, others_now]);
            a.sum(before[2], &[then, others_then]);
        }
        for part in BY_REGION {
            let Some(by_region) = table(sections, part.table) else {
                continue;
            };
            let persons: Vec<usize> = (0..part.columns.len())
                .filter(|c| part.columns[*c].1 == Kind::Persons)
                .collect();
            let mut lines = Vec::new();
            for row in by_region.rows.iter().chain(by_region.total.iter()) {
                let mut cells = vec![usize::MAX; part.columns.len()];
                for &c in &persons {
                    cells[c] = a.read(&row[2 + c]);
                }
                for &(whole, of) in part.parts {
                    let rest = a.unknown();
                    a.sum(cells[whole], &[cells[of], rest]);
                }
                lines.push(cells);
            }
            let total = lines.pop().unwrap();
            for &c in &persons {
                let parts: Vec<usize> = lines.iter().map(|l| l[c]).collect();
                a.sum(total[c], &parts);
            }
        }
        a
    }

    fn published_counts(sections: &[Section]) -> Vec<i64> {
        sections
            .iter()
            .flat_map(|s| &s.tables)
            .flat_map(|t| t.rows.iter().chain(t.total.iter()))
            .flatten()
            .filter_map(|c| match c {
                Cell::Count(n) => Some(*n),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn no_figure_kept_back_can_be_recovered_from_the_published_tables() {
        let mut dice = Dice(0x5eed_2019);
        let (mut attacked, mut kept) = (0, 0);
        for _ in 0..150 {
            let year = network(&mut dice);
            let published = NetworkReport::of(year.clone()).published(&t);
            let counts = published_counts(&published.sections);
            assert!(
                !counts.iter().any(|n| (1..=4).contains(n)),
                "a count from 1 to 4 is published: {counts:?}"
            );
            let a = attacker(&published.sections);
            for &cell in &a.kept {
                let (lo, hi) = a.range(cell);
                assert!(
                    lo < hi,
                    "a figure kept back is found to be {lo}, in {:#?}",
                    published.sections
                );
                kept += 1;
            }
            for &cell in &a.unpublished {
                let (lo, hi) = a.range(cell);
                assert!(
                    lo < hi || !(1..=4).contains(&lo),
                    "a difference no table shows is found to be {lo}, in {:#?}",
                    published.sections
                );
            }
            attacked += 1;
        }
        // The networks drawn do hide figures: the attack is not against empty tables.
        assert!(attacked == 150 && kept > 300, "{kept} figures kept back");
    }

    #[test]
    fn the_attacker_recovers_counts_only_hidden_without_their_complements() {
        // Hiding each small count alone, the attack finds many of them: it has teeth.
        let only_small = |g: &Grid| {
            g.cells
                .iter()
                .map(|c| {
                    if c.persons && havre_domain::suppression::is_small(c.value) {
                        Mark::Hidden
                    } else {
                        Mark::Shown
                    }
                })
                .collect()
        };
        let mut dice = Dice(0x5eed_2019);
        let mut found = 0;
        for _ in 0..30 {
            let report = NetworkReport::of(network(&mut dice));
            let a = attacker(&report.published_by(&t, only_small).sections);
            found += a
                .kept
                .iter()
                .filter(|c| {
                    let (lo, hi) = a.range(**c);
                    lo == hi
                })
                .count();
        }
        assert!(found > 10, "only {found} recovered");
    }

    #[test]
    fn the_seeds_network_reports_its_houses_and_their_change() {
        // Two comparable members, one new this year: 461 persons, +16 % over 397 before.
        let year = NetworkYear {
            network: "Alliance".into(),
            first: d(2018, 4, 1),
            last: d(2019, 3, 31),
            members: vec![
                member(
                    1,
                    "Montréal",
                    SharedFigures {
                        housing: Some(housing(100, 130)),
                        ..Default::default()
                    },
                ),
                member(
                    2,
                    "Estrie",
                    SharedFigures {
                        housing: Some(housing(103, 128)),
                        ..Default::default()
                    },
                ),
            ],
            previous: vec![
                member(
                    1,
                    "Montréal",
                    SharedFigures {
                        housing: Some(housing(90, 110)),
                        ..Default::default()
                    },
                )
                .year,
                member(
                    2,
                    "Estrie",
                    SharedFigures {
                        housing: Some(housing(95, 102)),
                        ..Default::default()
                    },
                )
                .year,
            ],
        };
        let published = NetworkReport::of(year).published(&t);
        assert_eq!(
            published.housing_lead,
            Some(HousingLead {
                apartments: 12,
                rooms: 2,
                women: 203,
                children: 258,
                persons: 461,
                change: Some(16),
            })
        );
    }
}
