//! The report as sections of tables: the one form every renderer (page, spreadsheet, CSV, PDF)
//! walks, so that they all show the same figures under the same titles. Publishable mode
//! hides small counts here, once, for all of them.

use crate::activity::{ActivityReport, AnimationLine, Figures, ServiceLine, ServiceTable};
use havre_domain::housing::{HousingFigures, UnitKind};
use havre_domain::suppression;
use havre_domain::text::{Lang, format_count, format_minutes};
use serde::Serialize;

/// The report's own words, from the translation files: a key in, the words out.
pub type Translate<'a> = &'a dyn Fn(&str) -> String;

/// One cell of a table.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Cell {
    Text(String),
    /// A number of persons, requests, meetings, animations…: hidden when small in a
    /// publishable report.
    Count(i64),
    Minutes(i64),
    /// A whole percentage.
    Percent(u32),
    /// A whole percentage of persons, with how many persons it stands for: shown as the
    /// percentage, hidden with them when they are few.
    Share(u32, i64),
    /// A number that counts nobody (T-shirts, days of waiting): never hidden.
    Number(i64),
    /// Days, to one decimal.
    Days(f64),
    /// A mean of persons, to one decimal (women received per open day): shown as it is,
    /// never hidden, since it names no one and no count can be recomputed from it alone.
    Mean(f64),
    /// A change from the previous period, in percent; none when the previous was 0.
    Change(Option<f64>),
    /// A difference of counts from the previous period, signed.
    Difference(i64),
    /// An amount of money, in cents.
    Money(i64),
    /// A count from 1 to 4 hidden by small-cell suppression: "< 5".
    Hidden,
    /// A figure withheld so that a hidden count cannot be recomputed from it: "x".
    Withheld,
    Empty,
}

impl Cell {
    /// The cell as users write it: 1 378 h 30, 12 %, 4,5 j.
    pub fn display(&self, lang: Lang) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Count(n) => format_count(*n, lang),
            Cell::Minutes(m) => format_minutes(*m, lang),
            Cell::Percent(p) | Cell::Share(p, _) => match lang {
                Lang::Fr | Lang::FrFr => format!("{p}\u{A0}%"),
                Lang::En => format!("{p}%"),
            },
            Cell::Days(d) | Cell::Mean(d) => decimal(*d, lang),
            Cell::Change(None) => "—".into(),
            Cell::Change(Some(c)) => {
                let sign = if *c > 0.0 { "+" } else { "" };
                match lang {
                    Lang::Fr | Lang::FrFr => format!("{sign}{}\u{A0}%", decimal(*c, lang)),
                    Lang::En => format!("{sign}{}%", decimal(*c, lang)),
                }
            }
            Cell::Money(cents) => {
                let units = format_count(cents / 100, lang);
                let rest = (cents % 100).abs();
                match lang {
                    Lang::Fr | Lang::FrFr => format!("{units},{rest:02}\u{A0}$"),
                    Lang::En => format!("${units}.{rest:02}"),
                }
            }
            Cell::Difference(n) if *n > 0 => format!("+{}", format_count(*n, lang)),
            Cell::Difference(n) => format_count(*n, lang),
            Cell::Number(n) => format_count(*n, lang),
            Cell::Hidden => format!("< {}", suppression::SMALLEST_SHOWN),
            Cell::Withheld => "x".into(),
            Cell::Empty => String::new(),
        }
    }

    /// Whether the cell is a figure (right-aligned, summed), not words.
    pub fn is_figure(&self) -> bool {
        !matches!(self, Cell::Text(_) | Cell::Empty)
    }
}

/// A cell in the OpenAPI document: `{"type": …, "value": …}`, the value's form following its
/// type (utoipa derives no schema for an adjacently tagged enum with a pair in it).
impl utoipa::PartialSchema for Cell {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .description(Some(
                "A cell: text; count, number, minutes, money (cents), difference: integers; \
                 percent: a whole percentage; share: [percentage, persons]; days and change: \
                 decimals (change may be null); hidden (< 5), withheld (x) and empty: no value.",
            ))
            .property(
                "type",
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .enum_values(Some([
                        "text",
                        "count",
                        "minutes",
                        "percent",
                        "share",
                        "number",
                        "days",
                        "change",
                        "difference",
                        "money",
                        "hidden",
                        "withheld",
                        "empty",
                    ])),
            )
            .required("type")
            .property(
                "value",
                ObjectBuilder::new().schema_type(SchemaType::AnyValue),
            )
            .into()
    }
}

impl utoipa::ToSchema for Cell {}

fn decimal(value: f64, lang: Lang) -> String {
    let text = format!("{:.1}", value);
    match lang {
        Lang::Fr | Lang::FrFr => text.replace('.', ","),
        Lang::En => text,
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Table {
    /// A stable name: the spreadsheet's sheet, the CSV file, the page's anchor.
    pub key: String,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// The total line, when the table has one.
    pub total: Option<Vec<Cell>>,
    /// The column drawn as a bar chart beside the table, when it has one.
    pub chart: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Section {
    /// requests, wait_list, individual, accompaniments, referrals, exploitation, groups,
    /// prevention, hours, comparison: the key of its narrative too.
    pub key: String,
    pub title: String,
    /// A short title of whole words, at most 31 characters: the spreadsheet's sheet name,
    /// which Excel caps there.
    #[serde(skip)]
    pub short_title: String,
    /// The section's figures said in one sentence, before the team's text (the housing
    /// section's "119 logements et 16 chambres ont hébergé…"); its words come with their
    /// plurals from the translation files, so the caller that has them writes it.
    pub lead: Option<String>,
    /// The team's text, placed before the section's figures.
    pub narrative: Option<String>,
    pub tables: Vec<Table>,
}

/// The sections of the report, in the seed report's order.
pub fn sections(report: &ActivityReport, t: Translate, publishable: bool) -> Vec<Section> {
    let f = &report.current;
    let mut sections = vec![
        section("requests", t, requests(f, t)),
        section("wait_list", t, vec![wait_list(f, t)]),
        section(
            "individual",
            t,
            vec![service_table("individual", &f.individual, t)],
        ),
        section(
            "accompaniments",
            t,
            vec![service_table("accompaniments", &f.accompaniments, t)],
        ),
        section("referrals", t, vec![referrals(f, t)]),
        section(
            "exploitation",
            t,
            [
                vec![service_table("exploitation", &f.exploitation, t)],
                fund(f, t),
            ]
            .concat(),
        ),
        section("groups", t, groups(f, t)),
        section("prevention", t, prevention(f, t)),
        section("governance", t, governance(f, t)),
        section("complaints", t, complaints(&f.complaints, t)),
        section("hours", t, hours(f, t)),
        section("comparison", t, vec![comparison(report, t)]),
    ];
    // A missions organization's figures come first: they are the Brigade's report.
    if let (Some(now), Some(before)) = (&f.missions, &report.previous.missions) {
        sections.insert(0, section("missions", t, missions(now, before, t)));
    }
    // A care unit's figures come first where it sees women: they are its report.
    if let (Some(now), Some(before)) = (&f.care, &report.previous.care) {
        sections.insert(0, section("care", t, care(now, before, t)));
    }
    // A house's figures come first where there are houses: they are the shelter's report.
    if let (Some(now), Some(before)) = (&f.housing, &report.previous.housing) {
        sections.insert(0, section("housing", t, housing(now, before, t)));
    }
    for s in &mut sections {
        s.narrative = report.narratives.get(&s.key).cloned();
    }
    if publishable {
        for s in &mut sections {
            for table in &mut s.tables {
                suppress(table);
            }
        }
    }
    sections
}

pub(crate) fn section(key: &str, t: Translate, tables: Vec<Table>) -> Section {
    Section {
        key: key.to_owned(),
        title: t(&format!("report-section-{key}")),
        short_title: t(&format!("report-sheet-{key}")),
        lead: None,
        narrative: None,
        tables,
    }
}

pub(crate) fn columns(t: Translate, keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| t(&format!("report-col-{k}"))).collect()
}

/// Whether a cell is kept from a published table.
fn suppressed(cell: &Cell) -> bool {
    matches!(cell, Cell::Hidden | Cell::Withheld)
}

/// A figure that could give a hidden count away: counts, and the shares, durations, amounts,
/// means and differences computed from them. Words and numbers that count nobody cannot.
fn revealing(cell: &Cell) -> bool {
    matches!(
        cell,
        Cell::Count(_)
            | Cell::Share(..)
            | Cell::Minutes(_)
            | Cell::Money(_)
            | Cell::Percent(_)
            | Cell::Days(_)
            | Cell::Change(Some(_))
            | Cell::Difference(_)
    )
}

/// The size of a figure, to choose the smallest one to withhold beside a hidden count.
fn size(cell: &Cell) -> Option<i64> {
    match cell {
        Cell::Count(n) | Cell::Minutes(n) | Cell::Money(n) | Cell::Share(_, n) => Some(*n),
        _ => None,
    }
}

/// Small-cell suppression of one table (docs/safety.md), in publishable mode:
/// 1. every count from 1 to 4, and every share standing for 1 to 4 persons, is hidden ("< 5");
/// 2. in a row with a hidden figure, every figure derived from it (its share, its hours, its
///    amount, its mean, its change) is withheld ("x");
/// 3. in a column with a hidden or withheld figure, the smallest other non-zero figure is
///    withheld too, so that none can be found by subtracting the rest from a total; when there
///    is none, the column's total is withheld;
/// 4. a table whose counts are partly hidden withholds its rows that hold no count (a mean
///    delay, an amount) — they were computed from the hidden ones;
/// 5. a small total is hidden.
///
/// Steps 2 to 4 repeat until nothing changes, as each may call for another.
pub fn suppress(table: &mut Table) {
    for row in table.rows.iter_mut().chain(table.total.iter_mut()) {
        for cell in row.iter_mut() {
            let small = match cell {
                Cell::Count(n) | Cell::Share(_, n) => suppression::is_small(*n),
                _ => false,
            };
            if small {
                *cell = Cell::Hidden;
            }
        }
    }
    let width = table.columns.len();
    loop {
        let mut changed = false;
        // 2. Within a row: what describes the few it counts goes too, a longest wait as well.
        for row in table.rows.iter_mut().chain(table.total.iter_mut()) {
            if row.iter().any(suppressed) {
                for cell in row.iter_mut().skip(1) {
                    let describes = revealing(cell) || matches!(cell, Cell::Number(_));
                    if describes && !matches!(cell, Cell::Count(_)) {
                        *cell = Cell::Withheld;
                        changed = true;
                    }
                }
            }
        }
        // 3. Within a column: at least two figures kept back, one of them not small, or
        // the hidden ones could be found from the total and the rest.
        for col in 1..width {
            let kept: Vec<&Cell> = table
                .rows
                .iter()
                .filter_map(|r| r.get(col))
                .filter(|c| suppressed(c))
                .collect();
            let withheld = kept.iter().filter(|c| matches!(c, Cell::Withheld)).count();
            if kept.is_empty() || (kept.len() >= 2 && withheld >= 1) {
                continue;
            }
            let partner = table
                .rows
                .iter()
                .enumerate()
                .filter_map(|(i, r)| r.get(col).and_then(size).map(|n| (i, n)))
                .filter(|(_, n)| *n != 0)
                .min_by_key(|(_, n)| *n)
                .map(|(i, _)| i);
            if let Some(i) = partner {
                table.rows[i][col] = Cell::Withheld;
                changed = true;
            } else if let Some(total) = &mut table.total
                && total.get(col).is_some_and(|c| size(c).is_some())
            {
                total[col] = Cell::Withheld;
                changed = true;
            }
        }
        // 4. Rows without a count, in a table whose counts are partly hidden.
        let any_hidden = table.rows.iter().any(|r| r.iter().any(suppressed));
        if any_hidden {
            for row in table.rows.iter_mut() {
                let has_count = row
                    .iter()
                    .any(|c| matches!(c, Cell::Count(_) | Cell::Hidden));
                if !has_count {
                    for cell in row.iter_mut().skip(1) {
                        if revealing(cell) {
                            *cell = Cell::Withheld;
                            changed = true;
                        }
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
}

fn requests(f: &Figures, t: Translate) -> Vec<Table> {
    let r = &f.requests;
    let mut rows = vec![
        vec![
            Cell::Text(t("report-row-requests-total")),
            Cell::Count(r.total),
        ],
        vec![
            Cell::Text(t("report-row-requests-teenagers")),
            Cell::Count(r.teenagers),
        ],
        vec![
            Cell::Text(t("report-row-requests-returning")),
            Cell::Count(r.returning),
        ],
    ];
    // Per service area: direct help, the exploitation track.
    for (area, n) in &r.by_area {
        rows.push(vec![
            Cell::Text(t(&format!("service_area-{area}"))),
            Cell::Count(*n),
        ]);
    }
    // Each breakdown is a table of its own, with the total it adds up to: suppression keeps
    // a hidden count from being found by subtraction within it.
    let breakdown = |key: &str, rows: Vec<Vec<Cell>>| Table {
        key: key.into(),
        title: t(&format!("report-table-{key}")),
        columns: columns(t, &["value", "requests"]),
        rows,
        total: Some(vec![Cell::Text(t("total")), Cell::Count(r.total)]),
        chart: Some(1),
    };
    let mut tables = vec![
        Table {
            key: "requests".into(),
            title: t("report-table-requests"),
            columns: columns(t, &["figure", "count"]),
            rows,
            total: None,
            chart: None,
        },
        breakdown(
            "channels",
            r.by_channel
                .iter()
                .map(|(channel, n)| {
                    vec![
                        Cell::Text(t(&format!("channel-{channel}"))),
                        Cell::Count(*n),
                    ]
                })
                .collect(),
        ),
        breakdown(
            "codes",
            r.by_code
                .iter()
                .map(|(code, n)| {
                    vec![
                        Cell::Text(format!("{} {code}", t("report-row-code"))),
                        Cell::Count(*n),
                    ]
                })
                .collect(),
        ),
    ];
    for profile in &f.profile {
        let percent = |n: i64| {
            if r.total > 0 {
                Cell::Share(((n * 100 + r.total / 2) / r.total) as u32, n)
            } else {
                Cell::Empty
            }
        };
        tables.push(Table {
            key: format!("profile-{}", profile.list),
            title: t(&format!("list-{}", profile.list)),
            columns: columns(t, &["value", "requests", "share"]),
            rows: profile
                .rows
                .iter()
                .map(|row| {
                    vec![
                        Cell::Text(row.label.clone()),
                        Cell::Count(row.count),
                        percent(row.count),
                    ]
                })
                .collect(),
            total: None,
            chart: Some(1),
        });
    }
    tables
}

fn wait_list(f: &Figures, t: Translate) -> Table {
    let w = &f.wait_list;
    let rows = (1..=3)
        .map(|code| {
            let count = |list: &[crate::activity::CodeCount]| {
                Cell::Count(
                    list.iter()
                        .find(|c| c.code == code)
                        .map(|c| c.count)
                        .unwrap_or(0),
                )
            };
            let served = w.served.iter().find(|s| s.code == code);
            vec![
                Cell::Text(format!("{} {code}", t("report-row-code"))),
                count(&w.waiting_at_start),
                count(&w.waiting_at_end),
                Cell::Count(served.map(|s| s.count).unwrap_or(0)),
                served
                    .map(|s| Cell::Days(s.mean_days))
                    .unwrap_or(Cell::Empty),
                served
                    .map(|s| Cell::Number(s.longest_days))
                    .unwrap_or(Cell::Empty),
            ]
        })
        .collect();
    Table {
        key: "wait-list".into(),
        title: t("report-table-wait_list"),
        columns: columns(
            t,
            &[
                "code",
                "waiting_at_start",
                "waiting_at_end",
                "served",
                "mean_wait_days",
                "longest_wait_days",
            ],
        ),
        rows,
        total: None,
        chart: None,
    }
}

fn service_row(line: &ServiceLine, t: Translate) -> Vec<Cell> {
    vec![
        Cell::Text(t(&format!("report-line-{}", line.key))),
        Cell::Count(line.persons),
        Cell::Count(line.meetings),
        Cell::Minutes(line.duration_minutes),
        Cell::Minutes(line.preparation_minutes),
        Cell::Minutes(line.debrief_minutes),
        Cell::Minutes(line.travel_minutes),
        Cell::Minutes(line.invested_minutes),
    ]
}

/// A services table, as the seed's "En résumé pour l'intervention individuelle": the total
/// adds meetings and hours, not persons (one person may have several kinds of meetings).
fn service_table(key: &str, table: &ServiceTable, t: Translate) -> Table {
    let sum = |f: fn(&ServiceLine) -> i64| table.lines.iter().map(f).sum::<i64>();
    Table {
        key: key.replace('_', "-"),
        title: t(&format!("report-table-{key}")),
        columns: columns(
            t,
            &[
                "service",
                "persons",
                "meetings",
                "duration",
                "preparation",
                "debrief",
                "travel",
                "invested",
            ],
        ),
        rows: table.lines.iter().map(|l| service_row(l, t)).collect(),
        total: Some(vec![
            Cell::Text(t("total")),
            Cell::Empty,
            Cell::Count(sum(|l| l.meetings)),
            Cell::Minutes(sum(|l| l.duration_minutes)),
            Cell::Minutes(sum(|l| l.preparation_minutes)),
            Cell::Minutes(sum(|l| l.debrief_minutes)),
            Cell::Minutes(sum(|l| l.travel_minutes)),
            Cell::Minutes(table.invested_minutes),
        ]),
        chart: None,
    }
}

fn referrals(f: &Figures, t: Translate) -> Table {
    let r = &f.referrals;
    let d = &f.designated_centre;
    let row = |key: &str, cell: Cell| vec![Cell::Text(t(&format!("report-row-{key}"))), cell];
    Table {
        key: "referrals".into(),
        title: t("report-table-referrals"),
        columns: columns(t, &["figure", "count"]),
        rows: vec![
            row("referrals-received", Cell::Count(r.received)),
            row("referrals-teenagers", Cell::Count(r.teenagers)),
            row("referrals-reached", Cell::Count(r.reached)),
            row("referrals-attempts", Cell::Count(r.attempts)),
            row(
                "referrals-mean-callback",
                Cell::Minutes(r.mean_callback_minutes),
            ),
            row(
                "referrals-longest-callback",
                Cell::Minutes(r.longest_callback_minutes),
            ),
            row("referrals-persons", Cell::Count(d.persons)),
            row("referrals-meetings", Cell::Count(d.meetings)),
            row("referrals-invested", Cell::Minutes(d.invested_minutes)),
        ],
        total: None,
        chart: None,
    }
}

fn fund(f: &Figures, t: Translate) -> Vec<Table> {
    let d = &f.fund;
    let row = |key: &str, cell: Cell| vec![Cell::Text(t(&format!("report-row-fund-{key}"))), cell];
    vec![
        Table {
            key: "fund".into(),
            title: t("report-table-fund"),
            columns: columns(t, &["figure", "count"]),
            rows: vec![
                row("deposits", Cell::Money(d.deposits_cents)),
                row("women", Cell::Count(d.women_helped)),
                row("granted", Cell::Money(d.granted_cents)),
            ],
            total: None,
            chart: None,
        },
        // The decisions add up to the requests made: a table of their own, for suppression.
        Table {
            key: "fund-decisions".into(),
            title: t("report-table-fund-decisions"),
            columns: columns(t, &["figure", "count"]),
            rows: vec![
                row("approved", Cell::Count(d.approved)),
                row("refused", Cell::Count(d.refused)),
                row("pending", Cell::Count(d.pending)),
            ],
            total: Some(vec![
                Cell::Text(t("report-row-fund-requests")),
                Cell::Count(d.requests),
            ]),
            chart: None,
        },
    ]
}

fn groups(f: &Figures, t: Translate) -> Vec<Table> {
    let groups = Table {
        key: "groups".into(),
        title: t("report-table-groups"),
        columns: columns(
            t,
            &[
                "group",
                "starts_on",
                "ends_on",
                "facilitators",
                "women_at_start",
                "women_at_end",
                "meetings",
                "preparation",
                "facilitation",
                "information_meeting",
                "check_ins",
                "invested",
            ],
        ),
        rows: f
            .groups
            .iter()
            .map(|g| {
                vec![
                    Cell::Text(g.name.clone()),
                    Cell::Text(g.starts_on.to_string()),
                    g.ends_on
                        .map_or(Cell::Empty, |day| Cell::Text(day.to_string())),
                    Cell::Text(g.facilitators.join(" & ")),
                    Cell::Count(g.women_at_start),
                    Cell::Count(g.women_at_end),
                    Cell::Count(g.meetings_held),
                    Cell::Minutes(g.preparation_minutes),
                    Cell::Minutes(g.facilitation_minutes),
                    Cell::Count(g.information_headcount),
                    Cell::Count(g.check_in_women),
                    Cell::Minutes(g.invested_minutes),
                ]
            })
            .collect(),
        total: Some(vec![
            Cell::Text(t("total")),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Count(f.groups.iter().map(|g| g.meetings_held).sum()),
            Cell::Minutes(f.groups.iter().map(|g| g.preparation_minutes).sum()),
            Cell::Minutes(f.groups.iter().map(|g| g.facilitation_minutes).sum()),
            Cell::Empty,
            Cell::Empty,
            Cell::Minutes(f.groups.iter().map(|g| g.invested_minutes).sum()),
        ]),
        chart: None,
    };
    let d = &f.dropins;
    let dropins = Table {
        key: "dropins".into(),
        title: t("report-table-dropins"),
        columns: columns(t, &["figure", "count"]),
        rows: vec![
            vec![
                Cell::Text(t("report-row-dropins-held")),
                Cell::Count(d.held),
            ],
            vec![
                Cell::Text(t("report-row-dropins-attendance")),
                Cell::Count(d.attendance),
            ],
            vec![
                Cell::Text(t("report-row-dropins-invested")),
                Cell::Minutes(d.invested_minutes),
            ],
        ],
        total: None,
        chart: None,
    };
    vec![groups, dropins]
}

fn animation_table(key: &str, lines: &[AnimationLine], first: &str, t: Translate) -> Table {
    let sum = |f: fn(&AnimationLine) -> i64| lines.iter().map(f).sum::<i64>();
    Table {
        key: key.into(),
        title: t(&format!("report-table-{key}")),
        columns: columns(
            t,
            &[
                first,
                "animations",
                "class_groups",
                "students",
                "school_staff",
                "facilitation",
                "travel",
                "preparation",
            ],
        ),
        rows: lines
            .iter()
            .map(|l| {
                vec![
                    Cell::Text(l.label.clone()),
                    Cell::Count(l.animations),
                    Cell::Count(l.class_groups),
                    Cell::Count(l.students),
                    Cell::Count(l.staff_participants),
                    Cell::Minutes(l.facilitation_minutes),
                    Cell::Minutes(l.travel_minutes),
                    Cell::Minutes(l.preparation_minutes),
                ]
            })
            .collect(),
        total: Some(vec![
            Cell::Text(t("total")),
            Cell::Count(sum(|l| l.animations)),
            Cell::Count(sum(|l| l.class_groups)),
            Cell::Count(sum(|l| l.students)),
            Cell::Count(sum(|l| l.staff_participants)),
            Cell::Minutes(sum(|l| l.facilitation_minutes)),
            Cell::Minutes(sum(|l| l.travel_minutes)),
            Cell::Minutes(sum(|l| l.preparation_minutes)),
        ]),
        // The students reached, as the seed's Empreinte table counts them.
        chart: Some(3),
    }
}

fn prevention(f: &Figures, t: Translate) -> Vec<Table> {
    let p = &f.prevention;
    let mut tables = vec![
        animation_table("by-workshop", &p.by_workshop, "workshop", t),
        animation_table("by-place", &p.by_place, "place", t),
        Table {
            key: "trainings".into(),
            title: t("report-table-trainings"),
            columns: columns(t, &["audience", "trainings", "participants", "duration"]),
            rows: p
                .trainings
                .iter()
                .map(|l| {
                    vec![
                        Cell::Text(t(&format!("audience-{}", l.audience))),
                        Cell::Count(l.trainings),
                        Cell::Count(l.participants),
                        Cell::Minutes(l.minutes),
                    ]
                })
                .collect(),
            total: None,
            chart: None,
        },
        Table {
            key: "outreach".into(),
            title: t("report-table-outreach"),
            columns: columns(t, &["kind", "label", "quantity"]),
            rows: p
                .outreach
                .iter()
                .map(|l| {
                    vec![
                        Cell::Text(t(&format!("outreach_kind-{}", l.kind))),
                        Cell::Text(l.label.clone()),
                        Cell::Number(l.quantity),
                    ]
                })
                .collect(),
            total: None,
            chart: None,
        },
    ];
    for (i, annex) in p.evaluations.iter().enumerate() {
        tables.push(Table {
            key: format!("evaluation-{}", i + 1),
            title: annex.workshop.clone(),
            columns: columns(
                t,
                &[
                    "question",
                    "respondents",
                    "not_at_all",
                    "a_little",
                    "yes",
                    "a_lot",
                ],
            ),
            rows: annex
                .questions
                .iter()
                .map(|q| {
                    // Who answered this question: the percentages are of them, and hidden
                    // with them when they are few.
                    let answered: i64 = q.answers.iter().map(|a| i64::from(*a)).sum();
                    let mut row = vec![Cell::Text(q.question.clone()), Cell::Count(answered)];
                    match q.percentages {
                        Some(p) => row.extend(
                            p.iter()
                                .zip(q.answers)
                                .map(|(v, n)| Cell::Share(*v, i64::from(n))),
                        ),
                        None => row.extend(std::iter::repeat_n(Cell::Empty, 4)),
                    }
                    row
                })
                .collect(),
            total: None,
            chart: None,
        });
    }
    tables
}

fn hours(f: &Figures, t: Translate) -> Vec<Table> {
    let mut tables = vec![Table {
        key: "hours-per-area".into(),
        title: t("report-table-hours-per-area"),
        columns: columns(t, &["area", "hours"]),
        rows: f
            .hours
            .iter()
            .map(|a| {
                vec![
                    Cell::Text(t(&format!("hours_area-{}", a.area))),
                    Cell::Minutes(a.minutes),
                ]
            })
            .collect(),
        total: Some(vec![Cell::Text(t("total")), Cell::Minutes(f.hours_minutes)]),
        chart: Some(1),
    }];
    for area in f.hours.iter().filter(|a| !a.categories.is_empty()) {
        tables.push(Table {
            key: format!("hours-{}", area.area.replace('_', "-")),
            title: t(&format!("hours_area-{}", area.area)),
            columns: columns(t, &["category", "hours"]),
            rows: area
                .categories
                .iter()
                .map(|c| vec![Cell::Text(c.label.clone()), Cell::Minutes(c.minutes)])
                .collect(),
            total: Some(vec![Cell::Text(t("total")), Cell::Minutes(area.minutes)]),
            chart: None,
        });
    }
    tables
}

/// Governance: the board's meetings and their hours, the general meetings, the members at the
/// period's end. Its figures count members and meetings of the organization itself, never the
/// persons it helps, so a publishable report shows them whole (`Cell::Number`).
fn governance(f: &Figures, t: Translate) -> Vec<Table> {
    let g = &f.governance;
    let members_total: i64 = g.members.iter().map(|m| m.members).sum();
    vec![
        Table {
            key: "governance-board".into(),
            title: t("report-table-governance-board"),
            columns: columns(t, &["board_meetings", "internal_hours", "activism_hours"]),
            rows: vec![vec![
                Cell::Number(g.board_meetings),
                Cell::Minutes(g.board_internal_minutes),
                Cell::Minutes(g.board_activism_minutes),
            ]],
            total: None,
            chart: None,
        },
        Table {
            key: "governance-annual".into(),
            title: t("report-table-governance-annual"),
            columns: columns(
                t,
                &["date", "members_present", "non_members_present", "invested"],
            ),
            rows: g
                .annual_meetings
                .iter()
                .map(|a| {
                    vec![
                        Cell::Text(a.day.format("%Y-%m-%d").to_string()),
                        Cell::Number(a.members_present),
                        Cell::Number(a.non_members_present),
                        Cell::Minutes(a.invested_minutes),
                    ]
                })
                .collect(),
            total: None,
            chart: None,
        },
        Table {
            key: "governance-members".into(),
            title: t("report-table-governance-members"),
            columns: columns(t, &["member_kind", "members"]),
            rows: g
                .members
                .iter()
                .map(|m| {
                    vec![
                        Cell::Text(t(&format!("member_kind-{}", m.kind))),
                        Cell::Number(m.members),
                    ]
                })
                .collect(),
            total: Some(vec![Cell::Text(t("total")), Cell::Number(members_total)]),
            chart: None,
        },
    ]
}

/// The year's key figures beside the previous period's: the difference and its percentage.
fn comparison(report: &ActivityReport, t: Translate) -> Table {
    let (now, before) = (&report.current, &report.previous);
    let key_figures = |f: &Figures| -> Vec<(&'static str, i64, bool)> {
        let students: i64 = f.prevention.by_workshop.iter().map(|l| l.students).sum();
        let animations: i64 = f.prevention.by_workshop.iter().map(|l| l.animations).sum();
        vec![
            ("requests", f.requests.total, false),
            ("teenagers", f.requests.teenagers, false),
            (
                "individual_meetings",
                f.individual.lines.iter().map(|l| l.meetings).sum(),
                false,
            ),
            ("individual_hours", f.individual.invested_minutes, true),
            (
                "accompaniment_meetings",
                f.accompaniments.lines.iter().map(|l| l.meetings).sum(),
                false,
            ),
            ("referrals", f.referrals.received, false),
            ("animations", animations, false),
            ("students", students, false),
            ("hours_invested", f.hours_minutes, true),
        ]
    };
    let rows = key_figures(now)
        .into_iter()
        .zip(key_figures(before))
        .map(|((key, current, minutes), (_, previous, _))| {
            let cell = |n: i64| {
                if minutes {
                    Cell::Minutes(n)
                } else {
                    Cell::Count(n)
                }
            };
            let change = if previous == 0 {
                None
            } else {
                Some((current - previous) as f64 * 100.0 / previous as f64)
            };
            vec![
                Cell::Text(t(&format!("report-row-compare-{key}"))),
                cell(current),
                cell(previous),
                if minutes {
                    Cell::Minutes(current - previous)
                } else {
                    Cell::Difference(current - previous)
                },
                Cell::Change(change),
            ]
        })
        .collect();
    Table {
        key: "comparison".into(),
        title: format!(
            "{} {} / {}",
            t("report-table-comparison"),
            report.period.title(),
            report.previous_period.title()
        ),
        columns: columns(
            t,
            &["figure", "current", "previous", "difference", "change"],
        ),
        rows,
        total: None,
        chart: None,
    }
}

/// The housing figures (docs/housing.md) as tables, this period beside the one before: the
/// report's housing section and the figures page of the houses show these same tables.
pub fn housing(now: &HousingFigures, before: &HousingFigures, t: Translate) -> Vec<Table> {
    let cols = columns(t, &["figure", "current", "previous", "change"]);
    let change = |a: i64, b: i64| Cell::Change((b != 0).then(|| (a - b) as f64 * 100.0 / b as f64));
    let count = |key: String, a: i64, b: i64| {
        vec![
            Cell::Text(key),
            Cell::Count(a),
            Cell::Count(b),
            change(a, b),
        ]
    };
    let number = |key: String, a: i64, b: i64| {
        vec![
            Cell::Text(key),
            Cell::Number(a),
            Cell::Number(b),
            change(a, b),
        ]
    };
    let table = |key: &str, rows: Vec<Vec<Cell>>| Table {
        key: format!("housing_{key}"),
        title: t(&format!("report-table-housing_{key}")),
        columns: cols.clone(),
        rows,
        total: None,
        chart: None,
    };
    let housed = table(
        "housed",
        vec![
            count(t("figures-women"), now.women, before.women),
            count(t("figures-children"), now.children, before.children),
            count(t("figures-persons"), now.persons, before.persons),
            count(t("figures-entries"), now.entries, before.entries),
            count(t("figures-exits"), now.exits, before.exits),
            // Nights count nobody: a sum over every stay, never one person's.
            number(t("figures-bed-nights"), now.bed_nights, before.bed_nights),
            number(
                t("figures-unit-nights"),
                now.unit_nights,
                before.unit_nights,
            ),
        ],
    );
    let mut occupancy = Vec::new();
    for (kind, a, b) in [
        (UnitKind::Apartment, &now.apartments, &before.apartments),
        (UnitKind::Room, &now.rooms, &before.rooms),
    ] {
        let name = t(&format!("unit_kind-{}", kind.key()));
        occupancy.push(number(
            format!("{name} — {}", t("figures-units")),
            a.units,
            b.units,
        ));
        occupancy.push(number(
            format!("{name} — {}", t("figures-places")),
            a.places,
            b.places,
        ));
        let rate = |o: &havre_domain::housing::Occupancy| {
            o.rate_per_mille()
                .map_or(Cell::Empty, |p| Cell::Percent(((p + 5) / 10) as u32))
        };
        occupancy.push(vec![
            Cell::Text(format!("{name} — {}", t("figures-occupancy"))),
            rate(a),
            rate(b),
            Cell::Empty,
        ]);
    }
    let mut lengths = vec![vec![
        Cell::Text(t("figures-median-length")),
        now.median_length_days.map_or(Cell::Empty, Cell::Number),
        before.median_length_days.map_or(Cell::Empty, Cell::Number),
        Cell::Empty,
    ]];
    for ((band, a), (_, b)) in now.lengths.iter().zip(&before.lengths) {
        lengths.push(count(t(&format!("length-{band}")), *a, *b));
    }
    // The share of short stays, as Statistics Canada splits them: under 3 months.
    let short = |f: &HousingFigures| {
        let ended: i64 = f.lengths.iter().map(|(_, n)| n).sum();
        let under = f.lengths.first().map_or(0, |(_, n)| *n);
        if ended == 0 {
            Cell::Empty
        } else {
            Cell::Share(((under * 100 + ended / 2) / ended) as u32, under)
        }
    };
    lengths.push(vec![
        Cell::Text(t("figures-share-under-3")),
        short(now),
        short(before),
        Cell::Empty,
    ]);
    let destinations = now
        .destinations
        .iter()
        .zip(&before.destinations)
        .map(|((d, a), (_, b))| count(t(&format!("destination-{}", d.key())), *a, *b))
        .collect();
    let turn_aways = now
        .turn_aways
        .iter()
        .zip(&before.turn_aways)
        .map(|((r, a), (_, b))| count(t(&format!("housing_turn_away-{}", r.key())), *a, *b))
        .collect();
    let ages = now
        .children_by_age
        .iter()
        .zip(&before.children_by_age)
        .map(|((band, a), (_, b))| count(t(&format!("age-{band}")), *a, *b))
        .collect();
    vec![
        housed,
        table("occupancy", occupancy),
        table("lengths", lengths),
        table("destinations", destinations),
        table("turn_aways", turn_aways),
        table("children_ages", ages),
    ]
}

/// A care unit's figures (docs/care.md "Figures") as tables, the period beside the one before
/// where the issue asks for it: the women, their appointments per profession and per pathway,
/// the pathways' steps and delays, each agreement's figures, the trainings given and the
/// interns hosted.
pub fn care(
    now: &crate::activity::CareSection,
    before: &crate::activity::CareSection,
    t: Translate,
) -> Vec<Table> {
    let change = |a: i64, b: i64| Cell::Change((b != 0).then(|| (a - b) as f64 * 100.0 / b as f64));
    let count = |label: String, a: i64, b: i64| {
        vec![
            Cell::Text(label),
            Cell::Count(a),
            Cell::Count(b),
            change(a, b),
        ]
    };
    let number = |label: String, a: i64, b: i64| {
        vec![
            Cell::Text(label),
            Cell::Number(a),
            Cell::Number(b),
            change(a, b),
        ]
    };
    let beside = columns(t, &["figure", "current", "previous", "change"]);
    let table = |key: &str, columns: Vec<String>, rows: Vec<Vec<Cell>>| Table {
        key: format!("care_{key}"),
        title: t(&format!("report-table-care_{key}")),
        columns,
        rows,
        total: None,
        chart: None,
    };
    let (a, b) = (&now.report.figures, &before.report.figures);
    let peak = |f: &havre_domain::care::CareFigures| {
        f.peak_day.map_or(Cell::Empty, |d| {
            Cell::Text(d.format("%Y-%m-%d").to_string())
        })
    };
    let women = table(
        "women",
        beside.clone(),
        vec![
            count(t("care-women"), a.women, b.women),
            count(t("care-new-women"), a.new_women, b.new_women),
            count(t("care-appointments"), a.appointments, b.appointments),
            count(t("care-walk-ins"), a.walk_ins, b.walk_ins),
            count(t("care-missed"), a.missed, b.missed),
            // Days count nobody.
            number(t("care-open-days"), a.open_days, b.open_days),
            vec![
                Cell::Text(t("care-women-per-open-day")),
                Cell::Mean(a.women_per_open_day),
                Cell::Mean(b.women_per_open_day),
                Cell::Empty,
            ],
            vec![
                Cell::Text(t("care-peak-day")),
                peak(a),
                peak(b),
                Cell::Empty,
            ],
            count(t("care-peak-women"), a.peak_women, b.peak_women),
        ],
    );
    // Every profession of either period, in the order of this one.
    let merged = |now: &[crate::activity::LabelledCount],
                  before: &[crate::activity::LabelledCount]| {
        let mut labels: Vec<&str> = now.iter().map(|c| c.label.as_str()).collect();
        for c in before {
            if !labels.contains(&c.label.as_str()) {
                labels.push(&c.label);
            }
        }
        labels
            .into_iter()
            .map(|label| {
                let of = |counts: &[crate::activity::LabelledCount]| {
                    counts
                        .iter()
                        .find(|c| c.label == label)
                        .map_or(0, |c| c.count)
                };
                let name = if label.is_empty() {
                    t("care-profession-none")
                } else {
                    label.to_owned()
                };
                count(name, of(now), of(before))
            })
            .collect::<Vec<_>>()
    };
    let professions = table(
        "professions",
        columns(t, &["profession", "current", "previous", "change"]),
        merged(
            &now.appointments_per_profession,
            &before.appointments_per_profession,
        ),
    );
    let pathway_rows = now
        .report
        .pathways
        .iter()
        .map(|p| {
            let previous = before
                .report
                .pathways
                .iter()
                .find(|q| q.pathway_id == p.pathway_id);
            vec![
                Cell::Text(p.name.clone()),
                Cell::Count(p.women),
                Cell::Count(previous.map_or(0, |q| q.women)),
                Cell::Count(p.new_women),
                Cell::Count(p.steps_completed),
                Cell::Count(p.complaints_on_site),
                Cell::Count(p.appointments),
                Cell::Count(previous.map_or(0, |q| q.appointments)),
            ]
        })
        .collect();
    let pathways = table(
        "pathways",
        columns(
            t,
            &[
                "pathway",
                "women",
                "women_before",
                "new_women",
                "steps_completed",
                "complaints_on_site",
                "appointments",
                "appointments_before",
            ],
        ),
        pathway_rows,
    );
    let step_rows = now
        .report
        .pathways
        .iter()
        .flat_map(|p| {
            p.steps.iter().map(move |s| {
                vec![
                    Cell::Text(format!("{} — {}", p.name, s.name)),
                    Cell::Count(s.completed),
                    s.median_days_from_previous.map_or(Cell::Empty, Cell::Days),
                ]
            })
        })
        .collect();
    let steps = table(
        "steps",
        columns(t, &["step", "completed", "median_delay_days"]),
        step_rows,
    );
    let mut tables = vec![women, professions, pathways, steps];
    for agreement in &now.report.agreements {
        let previous = before
            .report
            .agreements
            .iter()
            .find(|q| q.agreement.id == agreement.agreement.id);
        let rows = agreement
            .figures
            .iter()
            .map(|v| {
                let was = previous
                    .and_then(|q| q.figures.iter().find(|w| w.figure == v.figure))
                    .map_or(0.0, |w| w.value);
                let label = t(&format!("agreement_figure-{}", v.figure.key()));
                if v.figure == havre_domain::pathways::AgreementFigure::MedianDelayDays {
                    vec![
                        Cell::Text(label),
                        Cell::Days(v.value),
                        Cell::Days(was),
                        Cell::Empty,
                    ]
                } else {
                    count(label, v.value as i64, was as i64)
                }
            })
            .collect();
        tables.push(Table {
            key: format!("care_agreement_{}", agreement.agreement.id),
            title: format!(
                "{} — {}",
                t("report-table-care_agreement"),
                agreement.agreement.partner
            ),
            columns: beside.clone(),
            rows,
            total: None,
            chart: None,
        });
    }
    let modules = now
        .report
        .trainings
        .per_module
        .iter()
        .map(|m| {
            vec![
                Cell::Text(m.module.clone()),
                Cell::Number(m.sessions),
                Cell::Count(m.participants),
                Cell::Minutes(m.minutes),
            ]
        })
        .collect();
    let tr = &now.report.trainings;
    tables.push(Table {
        total: Some(vec![
            Cell::Text(t("total")),
            Cell::Number(tr.sessions),
            Cell::Count(tr.participants),
            Cell::Minutes(tr.minutes),
        ]),
        ..table(
            "trainings",
            columns(t, &["module", "sessions", "participants", "duration"]),
            modules,
        )
    });
    tables.push(table(
        "training_professions",
        columns(t, &["profession", "current", "previous", "change"]),
        merged(
            &now.participants_per_profession,
            &before.participants_per_profession,
        ),
    ));
    let (h, g) = (&now.report.hosting, &before.report.hosting);
    let mut hosting = vec![
        count(t("care-interns"), h.interns, g.interns),
        count(t("care-observers"), h.observers, g.observers),
        number(t("care-hosting-days"), h.days, g.days),
    ];
    for school in &h.per_school {
        hosting.push(vec![
            Cell::Text(school.school.clone()),
            Cell::Count(school.interns + school.observers),
            Cell::Empty,
            Cell::Empty,
        ]);
    }
    tables.push(table("hosting", beside, hosting));
    tables
}

/// The yearly complaint report (docs/privacy.md "The yearly complaint report"): the
/// complaints received in the year, answered, open and late against the organization's
/// deadline, then per nature and per outcome.
pub fn complaints(section: &crate::activity::ComplaintSection, t: Translate) -> Vec<Table> {
    let c = &section.report;
    let count = |label: String, n: i64| vec![Cell::Text(label), Cell::Count(n)];
    let figures = Table {
        key: "complaints_figures".into(),
        title: t("report-table-complaints_figures"),
        columns: columns(t, &["figure", "count"]),
        rows: vec![
            count(t("complaints-received"), c.received),
            count(t("complaints-answered"), c.answered),
            count(t("complaints-open"), c.open),
            count(t("complaints-past-deadline"), c.past_deadline),
            vec![
                Cell::Text(t("complaints-median-answer-days")),
                c.median_answer_days.map_or(Cell::Empty, Cell::Days),
            ],
            vec![
                Cell::Text(t("complaints-answer-days")),
                Cell::Count(i64::from(c.answer_days)),
            ],
        ],
        total: None,
        chart: None,
    };
    let per_nature = Table {
        key: "complaints_per_nature".into(),
        title: t("report-table-complaints_per_nature"),
        columns: columns(t, &["nature", "count"]),
        rows: section
            .natures
            .iter()
            .map(|n| count(n.label.clone(), n.count))
            .collect(),
        total: Some(vec![Cell::Text(t("total")), Cell::Count(c.received)]),
        chart: Some(1),
    };
    let per_outcome = Table {
        key: "complaints_per_outcome".into(),
        title: t("report-table-complaints_per_outcome"),
        columns: columns(t, &["outcome", "count"]),
        rows: c
            .per_outcome
            .iter()
            .map(|o| {
                count(
                    t(&format!("complaint-outcome-{}", o.outcome.key())),
                    o.complaints,
                )
            })
            .collect(),
        total: None,
        chart: None,
    };
    vec![figures, per_nature, per_outcome]
}

/// A missions organization's figures beside the year before's (docs/missions.md "Figures"):
/// persons helped, requests and partners, missions, workers and hours, the delay to the
/// first mission and the program's figure; then each partner's requests by outcome.
pub fn missions(
    now: &havre_store::missions::MissionReport,
    before: &havre_store::missions::MissionReport,
    t: Translate,
) -> Vec<Table> {
    let change = |a: i64, b: i64| Cell::Change((b != 0).then(|| (a - b) as f64 * 100.0 / b as f64));
    let count = |label: String, a: i64, b: i64| {
        vec![
            Cell::Text(label),
            Cell::Count(a),
            Cell::Count(b),
            change(a, b),
        ]
    };
    let (a, b) = (&now.figures, &before.figures);
    let days = |d: Option<f64>| d.map_or(Cell::Empty, Cell::Days);
    let figures = Table {
        key: "missions_figures".into(),
        title: t("report-table-missions_figures"),
        columns: columns(t, &["figure", "current", "previous", "change"]),
        rows: vec![
            count(
                t("missions-persons-helped"),
                a.persons_helped,
                b.persons_helped,
            ),
            count(t("missions-requests"), a.requests, b.requests),
            count(
                t("missions-referring-partners"),
                a.referring_partners,
                b.referring_partners,
            ),
            count(t("missions-missions"), a.missions, b.missions),
            count(
                t("missions-active-workers"),
                a.active_workers,
                b.active_workers,
            ),
            vec![
                Cell::Text(t("missions-hours-worked")),
                Cell::Minutes(a.minutes_worked),
                Cell::Minutes(b.minutes_worked),
                change(a.minutes_worked, b.minutes_worked),
            ],
            vec![
                Cell::Text(t("missions-median-days-to-first-mission")),
                days(a.median_days_to_first_mission),
                days(b.median_days_to_first_mission),
                Cell::Empty,
            ],
            count(t("missions-kept-in-home"), a.kept_in_home, b.kept_in_home),
            count(
                t("missions-kept-reported"),
                a.kept_reported,
                b.kept_reported,
            ),
        ],
        total: None,
        chart: None,
    };
    // Every partner with requests in either year, most requests this year first.
    let mut partners: Vec<havre_domain::ids::PartnerId> =
        a.per_partner.iter().map(|p| p.partner).collect();
    for p in &b.per_partner {
        if !partners.contains(&p.partner) {
            partners.push(p.partner);
        }
    }
    let rows = partners
        .into_iter()
        .map(|id| {
            let name = now
                .partners
                .iter()
                .find(|p| p.id == id)
                .map(|p| p.name.clone())
                .unwrap_or_default();
            let this = a.per_partner.iter().find(|p| p.partner == id);
            let of = |f: fn(&havre_domain::missions::PartnerCount) -> i64| this.map_or(0, f);
            vec![
                Cell::Text(name),
                Cell::Count(of(|p| p.requests)),
                Cell::Count(of(|p| p.done)),
                Cell::Count(of(|p| p.planned)),
                Cell::Count(of(|p| p.pending)),
                Cell::Count(of(|p| p.refused)),
                Cell::Count(
                    b.per_partner
                        .iter()
                        .find(|p| p.partner == id)
                        .map_or(0, |p| p.requests),
                ),
            ]
        })
        .collect();
    let per_partner = Table {
        key: "missions_partners".into(),
        title: t("report-table-missions_partners"),
        columns: columns(
            t,
            &[
                "partner",
                "requests",
                "done",
                "planned",
                "pending",
                "refused",
                "requests_before",
            ],
        ),
        rows,
        total: None,
        chart: None,
    };
    vec![figures, per_partner]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: Vec<Vec<Cell>>, total: Option<Vec<Cell>>) -> Table {
        Table {
            key: "t".into(),
            title: "T".into(),
            columns: vec!["".into(); rows.first().map_or(2, Vec::len)],
            rows,
            total,
            chart: None,
        }
    }

    fn label(n: usize) -> Cell {
        Cell::Text(format!("ligne {n}"))
    }

    /// The figures of a column a reader sees, None where kept back.
    fn shown(table: &Table, col: usize) -> Vec<Option<i64>> {
        table.rows.iter().map(|r| size(&r[col])).collect()
    }

    #[test]
    fn a_single_small_count_takes_another_with_it() {
        let mut t = table(
            vec![
                vec![label(0), Cell::Count(47)],
                vec![label(1), Cell::Count(3)],
            ],
            Some(vec![Cell::Text("Total".into()), Cell::Count(50)]),
        );
        suppress(&mut t);
        assert_eq!(t.rows[1][1], Cell::Hidden);
        assert_eq!(t.rows[0][1], Cell::Withheld, "50 - 47 would give the 3");
        assert_eq!(t.rows[0][1].display(Lang::Fr), "x");
        assert_eq!(t.rows[1][1].display(Lang::Fr), "< 5");
    }

    #[test]
    fn two_small_counts_beside_a_total_take_a_third() {
        // 94 + 1 + 1 = 96 with zeros shown would give both 1s away.
        let mut t = table(
            vec![
                vec![label(0), Cell::Count(94), Cell::Share(98, 94)],
                vec![label(1), Cell::Count(1), Cell::Share(1, 1)],
                vec![label(2), Cell::Count(1), Cell::Share(1, 1)],
                vec![label(3), Cell::Count(0), Cell::Share(0, 0)],
            ],
            None,
        );
        suppress(&mut t);
        assert_eq!(shown(&t, 1), [None, None, None, Some(0)]);
        assert!(
            t.rows.iter().take(3).all(|r| suppressed(&r[2])),
            "their shares too"
        );
    }

    #[test]
    fn durations_amounts_and_means_beside_a_hidden_count_are_kept_back() {
        let mut t = table(
            vec![
                vec![
                    label(0),
                    Cell::Count(3),
                    Cell::Minutes(90),
                    Cell::Minutes(270),
                ],
                vec![
                    label(1),
                    Cell::Count(40),
                    Cell::Minutes(1200),
                    Cell::Minutes(3600),
                ],
                vec![
                    label(2),
                    Cell::Count(25),
                    Cell::Minutes(750),
                    Cell::Minutes(2250),
                ],
            ],
            Some(vec![
                Cell::Text("Total".into()),
                Cell::Count(68),
                Cell::Minutes(2040),
                Cell::Minutes(6120),
            ]),
        );
        suppress(&mut t);
        for col in 1..4 {
            let kept = t.rows.iter().filter(|r| suppressed(&r[col])).count();
            assert!(
                kept >= 2,
                "column {col}: the total minus the rest would tell"
            );
        }
        assert!(suppressed(&t.rows[0][2]) && suppressed(&t.rows[0][3]));
        // A table of figures: a mean delay computed from hidden referrals goes too.
        let mut referrals = table(
            vec![
                vec![label(0), Cell::Count(2)],
                vec![label(1), Cell::Minutes(174)],
                vec![label(2), Cell::Money(25_000)],
            ],
            None,
        );
        suppress(&mut referrals);
        assert!(referrals.rows.iter().all(|r| suppressed(&r[1])));
    }

    #[test]
    fn evaluation_shares_standing_for_few_students_are_hidden() {
        // 12 answered: 8 % is one student.
        let mut t = table(
            vec![vec![
                label(0),
                Cell::Count(12),
                Cell::Share(8, 1),
                Cell::Share(17, 2),
                Cell::Share(33, 4),
                Cell::Share(42, 5),
            ]],
            None,
        );
        suppress(&mut t);
        assert!(t.rows[0][2..].iter().all(suppressed), "{:?}", t.rows[0]);
    }

    #[test]
    fn numbers_that_count_nobody_and_large_counts_stay() {
        let mut t = table(
            vec![
                vec![label(0), Cell::Number(3), Cell::Count(120)],
                vec![label(1), Cell::Number(472), Cell::Count(35)],
            ],
            None,
        );
        suppress(&mut t);
        assert_eq!(
            t.rows[0][1],
            Cell::Number(3),
            "three days of waiting name nobody"
        );
        assert_eq!(shown(&t, 2), [Some(120), Some(35)]);
        // But the longest wait of three persons describes them: it goes with their count.
        let mut waits = table(
            vec![
                vec![label(0), Cell::Count(3), Cell::Number(45)],
                vec![label(1), Cell::Count(30), Cell::Number(99)],
                vec![label(2), Cell::Count(12), Cell::Number(60)],
            ],
            None,
        );
        suppress(&mut waits);
        assert_eq!(waits.rows[0][2], Cell::Withheld);
    }
}
