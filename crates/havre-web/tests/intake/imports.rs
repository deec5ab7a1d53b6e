//! Importing the spreadsheets kept before Havre (docs/import.md): a wait list of 2,000 rows,
//! 25 of them bad, is refused whole with every problem at its cell; corrected, it is imported
//! whole, the past year's report counts what the spreadsheet counts, and the import is undone
//! whole.

use crate::common::*;
use havre_domain::policy::Role;
use havre_report::Period;
use havre_store::testing::Engine;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use serde_json::Value;
use std::collections::BTreeMap;

crate::on_both_engines!(a_wait_list_of_before_is_imported_whole_or_not_at_all_and_undone);

/// A centre's coordinator at her imports: her session for the pages, her token for the
/// report, and last reporting year, the one her spreadsheets are of.
struct Importer {
    s: TestServer,
    org: havre_store::organizations::Organization,
    token: String,
    coordinator: reqwest::Client,
    csrf: String,
    past: Period,
}

impl Importer {
    async fn start(engine: Engine) -> Option<Importer> {
        let s = TestServer::start(engine).await?;
        let org = s
            .organization(
                "CALACS de la Rive",
                havre_store::organizations::OrganizationKind::Centre,
                false,
            )
            .await;
        let (_, token) = s
            .member(&org, "coordination@rive.example", &[Role::Coordinator])
            .await;
        let (coordinator, csrf) = s.login("coordination@rive.example").await;
        let today = org.time_zone.day_of(s.store.now());
        let past = Period::reporting_year(today, org.year_start)
            .previous()
            .unwrap();
        Some(Importer {
            s,
            org,
            token,
            coordinator,
            csrf,
            past,
        })
    }

    /// Uploads a spreadsheet of `kind`, as the imports page sends it: the draft's address.
    async fn upload(&self, bytes: Vec<u8>, kind: &'static str, name: &'static str) -> String {
        let form = reqwest::multipart::Form::new()
            .text("csrf", self.csrf.clone())
            .text("kind", kind)
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name(name),
            );
        let r = self
            .coordinator
            .post(self.s.url("/imports"))
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
        r.headers()["location"].to_str().unwrap().to_owned()
    }

    /// Presses one of an import's buttons (confirm, drop, undo): the status answered.
    async fn post(&self, path: String) -> u16 {
        self.coordinator
            .post(self.s.url(&path))
            .form(&[("csrf", self.csrf.as_str())])
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    }
}

/// A row of the coordinator's spreadsheet, as she typed it.
#[derive(Clone)]
struct Row {
    /// A real date cell, or text as typed.
    received: Received,
    name: String,
    birth_year: i32,
    code: String,
    age: String,
    started: Option<chrono::NaiveDate>,
}

#[derive(Clone)]
enum Received {
    Day(chrono::NaiveDate),
    Typed(String),
}

const AGES: [&str; 4] = ["12 à 17 ans", "18 à 24 ans", "25 à 34 ans", "35 à 49 ans"];

/// 2,000 requests over the reporting year `first`..: every third begun, codes and ages in
/// turn.
fn rows(first: chrono::NaiveDate) -> Vec<Row> {
    (0..2000)
        .map(|i| {
            let received = first + chrono::Days::new((i % 360) as u64);
            Row {
                received: Received::Day(received),
                name: format!("Personne {i}"),
                birth_year: 1960 + (i % 40) as i32,
                code: (1 + i % 3).to_string(),
                age: AGES[i % 4].to_owned(),
                started: (i % 3 == 0).then(|| received + chrono::Days::new(20)),
            }
        })
        .collect()
}

/// The spreadsheet as an XLSX, its headers in French as she wrote them.
fn xlsx(rows: &[Row]) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (c, h) in [
        "Date de la demande",
        "Nom",
        "Année de naissance",
        "Code",
        "Âge",
        "1re rencontre",
        "Notes",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let excel_day = |d: chrono::NaiveDate| {
        use chrono::Datelike;
        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).unwrap()
    };
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        match &r.received {
            Received::Day(d) => {
                sheet
                    .write_datetime_with_format(row, 0, excel_day(*d), &date)
                    .unwrap();
            }
            Received::Typed(text) => {
                sheet.write_string(row, 0, text).unwrap();
            }
        }
        sheet.write_string(row, 1, &r.name).unwrap();
        sheet.write_number(row, 2, r.birth_year as f64).unwrap();
        match r.code.parse::<f64>() {
            Ok(n) => sheet.write_number(row, 3, n).unwrap(),
            Err(_) => sheet.write_string(row, 3, &r.code).unwrap(),
        };
        sheet.write_string(row, 4, &r.age).unwrap();
        if let Some(d) = r.started {
            sheet
                .write_datetime_with_format(row, 5, excel_day(d), &date)
                .unwrap();
        }
        sheet.write_string(row, 6, "appelée deux fois").unwrap();
    }
    book.save_to_buffer().unwrap()
}

/// The coordinator imports the wait list she kept in a spreadsheet before Havre. The first
/// file has 25 bad rows: each problem is shown at its cell and nothing is imported, not even
/// the good rows. Corrected, all 2,000 rows are imported in one go; the past year's report
/// counts what she would count in the spreadsheet; undone, they are all gone, and the report
/// with them.
async fn a_wait_list_of_before_is_imported_whole_or_not_at_all_and_undone(engine: Engine) {
    let Some(importer) = Importer::start(engine).await else {
        return;
    };
    let Importer {
        s,
        org,
        token,
        coordinator,
        csrf,
        past,
    } = &importer;
    // Today on the centre's clock, for the dates to come.
    let today = org.time_zone.day_of(s.store.now());
    let good = rows(past.first);

    // 25 bad rows: 5 dates that do not exist, 5 codes out of range, 5 ages not in her list,
    // 5 dates to come, and 5 rows typed twice.
    let mut bad = good.clone();
    let mut expected = Vec::new();
    for k in 0..5 {
        let i = 100 + k * 7;
        bad[i].received = Received::Typed("31/02/2024".into());
        expected.push((format!("A{}", i + 2), "Date illisible"));
        let i = 400 + k * 11;
        bad[i].code = "4".into();
        expected.push((format!("D{}", i + 2), "Le code doit être 1, 2 ou 3."));
        let i = 800 + k * 13;
        bad[i].age = "vingt ans".into();
        expected.push((format!("E{}", i + 2), "pas dans vos listes"));
        let i = 1200 + k * 17;
        bad[i].received = Received::Day(today + chrono::Days::new(3));
        bad[i].started = None;
        expected.push((format!("A{}", i + 2), "date"));
        let i = 1600 + k * 19;
        bad[i] = bad[i - 1].clone();
        expected.push((format!("B{}", i + 2), "en double"));
    }
    expected.sort();

    let upload = |bytes: Vec<u8>, name: &'static str| importer.upload(bytes, "help_requests", name);
    let report = || async {
        let path = format!(
            "/api/v1/reports/activity?from={}&to={}",
            past.first, past.last
        );
        let (status, report) = call(s, token, "GET", &path, Value::Null).await;
        assert_eq!(status, 200, "{report}");
        report["current"]["requests"].clone()
    };

    // The first file: every problem at its cell, and nothing imported.
    let first = upload(xlsx(&bad), "liste 2024.xlsx").await;
    let page = s.html(coordinator, &first).await;
    let problems = extract(&page, "<table id=\"problems\">", "</table>").unwrap();
    let found: Vec<(String, String)> = problems
        .split("<tr><th scope=\"row\">")
        .skip(1)
        .map(|r| {
            let cell = r.split('<').next().unwrap().to_owned();
            (cell, r.to_owned())
        })
        .collect();
    assert_eq!(found.len(), 25, "{problems}");
    let mut cells: Vec<String> = found.iter().map(|(c, _)| c.clone()).collect();
    cells.sort();
    assert_eq!(
        cells,
        expected.iter().map(|(c, _)| c.clone()).collect::<Vec<_>>()
    );
    for (cell, words) in &expected {
        let row = &found.iter().find(|(c, _)| c == cell).unwrap().1;
        assert!(row.contains(words), "{cell}: {row}");
    }
    assert!(
        page.contains(
            "2\u{202F}000 lignes. 1\u{202F}975 prêtes à importer. 25 problèmes à corriger."
        ),
        "{page}"
    );
    assert!(!page.contains("id=\"confirm\""), "no import is offered");
    let r = coordinator
        .post(s.url(&format!("{first}/confirm")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Rien n’a été importé"));
    assert_eq!(report().await["total"], 0, "not even the good rows");

    // The mapping was guessed from her headers: Notes fills nothing.
    let mapping = extract(&page, "id=\"mapping\">", "</form>").unwrap();
    assert!(mapping.contains("<option value=\"0\" selected>A · Date de la demande</option>"));
    assert!(mapping.contains("<option value=\"5\" selected>F · 1re rencontre</option>"));
    assert!(
        !mapping.contains("<option value=\"6\" selected>"),
        "Notes fills no field"
    );

    // She drops it, corrects her spreadsheet and uploads it again: all of it is imported.
    let r = coordinator
        .post(s.url(&format!("{first}/drop")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let second = upload(xlsx(&good), "liste 2024 corrigée.xlsx").await;
    let page = s.html(coordinator, &second).await;
    assert!(page.contains("id=\"no-problem\""), "{page}");
    let r = coordinator
        .post(s.url(&format!("{second}/confirm")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let page = s.html(coordinator, &second).await;
    assert!(page.contains("2\u{202F}000 lignes importées le"), "{page}");

    // The past year's report counts what she counts in the spreadsheet.
    let figures = report().await;
    assert_eq!(figures["total"], 2000);
    let mut by_code: BTreeMap<i64, i64> = BTreeMap::new();
    for r in &good {
        *by_code.entry(r.code.parse().unwrap()).or_default() += 1;
    }
    let reported: BTreeMap<i64, i64> = figures["by_code"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p[0].as_i64().unwrap(), p[1].as_i64().unwrap()))
        .collect();
    assert_eq!(reported, by_code);
    let path = format!(
        "/api/v1/reports/activity?from={}&to={}",
        past.first, past.last
    );
    let (_, whole) = call(s, token, "GET", &path, Value::Null).await;
    let ages: BTreeMap<String, i64> = whole["current"]["profile"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["list"] == "age_at_request")
        .unwrap()["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["label"].as_str().unwrap().to_owned(),
                r["count"].as_i64().unwrap(),
            )
        })
        .collect();
    let mut counted: BTreeMap<String, i64> = BTreeMap::new();
    for r in &good {
        *counted.entry(r.age.clone()).or_default() += 1;
    }
    assert_eq!(ages, counted);

    // The same file again: every row is already in Havre, and nothing is imported twice.
    let again = upload(xlsx(&good[..3]), "encore.xlsx").await;
    let page = s.html(coordinator, &again).await;
    assert_eq!(
        page.matches("déjà une demande ce jour-là").count(),
        3,
        "{page}"
    );

    // Undone: every request and every file it created is gone, and the report with them.
    let r = coordinator
        .post(s.url(&format!("{second}/undo")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(report().await["total"], 0);
    let (_, list) = call(s, token, "GET", "/api/v1/waitlist", Value::Null).await;
    assert_eq!(list["total"], 0, "{list}");
    let page = s.html(coordinator, &second).await;
    assert!(page.contains("Annulé le"), "{page}");
    // An import whose file the team has written in since is not undone: nothing is removed.
    let two = upload(xlsx(&good[..2]), "deux.xlsx").await;
    let r = coordinator
        .post(s.url(&format!("{two}/confirm")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    // She calls again: her new request goes to the file the import opened.
    let again = havre_store::intake::NewHelpRequest {
        birth_year: Some(good[0].birth_year),
        ..new_request(s, org.id, &good[0].name).await
    };
    let recorded = s
        .store
        .record_help_request(&havre_store::Actor::operator(), org.id, again)
        .await
        .unwrap();
    assert_eq!(recorded.sequence, 2, "the imported request is her first");
    let r = coordinator
        .post(s.url(&format!("{two}/undo")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("ne peut plus être annulé en entier")
    );
    assert_eq!(report().await["total"], 2, "the two imported requests stay");

    // An import undone is not undone twice.
    let r = coordinator
        .post(s.url(&format!("{second}/undo")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
}

crate::on_both_engines!(the_meetings_of_before_follow_her_requests_into_the_report);

/// Her meetings, as a sheet of one meeting a row, with the header words she used.
fn meetings_xlsx(rows: &[(&str, String, String, &str, &str, &str)]) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in [
        "Date de la rencontre",
        "Nom",
        "Année de naissance",
        "Type de rencontre",
        "Durée",
        "Préparation",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (i, (day, name, year, kind, duration, preparation)) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        for (c, text) in [*day, name, year, *kind, *duration, *preparation]
            .iter()
            .enumerate()
        {
            sheet.write_string(row, c as u16, *text).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

/// After her requests, the coordinator imports the files' meetings: each goes in the file of
/// the person it names, in the request it follows. A person Havre does not know, a meeting
/// before her request or a kind Havre does not have is said at its cell and nothing is
/// imported; corrected, the past year's services count the meetings as the sheet does. The
/// requests' import is not undone while its meetings are there; undone in turn, both go.
async fn the_meetings_of_before_follow_her_requests_into_the_report(engine: Engine) {
    let Some(importer) = Importer::start(engine).await else {
        return;
    };
    let Importer {
        s,
        token,
        coordinator,
        past,
        ..
    } = &importer;
    let upload = |bytes: Vec<u8>, kind: &'static str| importer.upload(bytes, kind, "x.xlsx");
    let post = |path: String| importer.post(path);
    let requests = rows(past.first)[..30].to_vec();
    let imported = upload(xlsx(&requests), "help_requests").await;
    assert_eq!(post(format!("{imported}/confirm")).await, 303);

    // Two meetings for each: the first 20 days after her request, a follow-up 10 days later.
    let day = |d: chrono::NaiveDate| d.format("%d/%m/%Y").to_string();
    let mut meetings = Vec::new();
    for r in &requests {
        let Received::Day(received) = r.received else {
            unreachable!()
        };
        let year = r.birth_year.to_string();
        meetings.push((
            day(received + chrono::Days::new(20)),
            r.name.clone(),
            year.clone(),
            "Première rencontre",
            "75",
            "15",
        ));
        meetings.push((
            day(received + chrono::Days::new(30)),
            r.name.clone(),
            year,
            "suivi individuel",
            "1 h",
            "",
        ));
    }
    let sheet = |m: &[(
        String,
        String,
        String,
        &'static str,
        &'static str,
        &'static str,
    )]| {
        let rows: Vec<(&str, String, String, &str, &str, &str)> = m
            .iter()
            .map(|(d, n, y, k, du, p)| (d.as_str(), n.clone(), y.clone(), *k, *du, *p))
            .collect();
        meetings_xlsx(&rows)
    };
    let mut bad = meetings.clone();
    bad[3].1 = "Inconnue".into();
    bad[10].0 = day(past.first - chrono::Days::new(5));
    bad[21].3 = "Atelier";
    let draft = upload(sheet(&bad), "meetings").await;
    let page = s.html(coordinator, &draft).await;
    let problems = extract(&page, "<table id=\"problems\">", "</table>").unwrap();
    for (cell, words) in [
        ("B5", "Aucun dossier de Havre"),
        ("A12", "avant toute demande"),
        ("D23", "pas dans vos listes"),
    ] {
        let row = extract(
            &problems,
            &format!("<th scope=\"row\">{cell}</th>"),
            "</tr>",
        )
        .unwrap_or_else(|| panic!("{cell}: {problems}"));
        assert!(row.contains(words), "{cell}: {row}");
    }
    assert_eq!(
        problems.matches("<th scope=\"row\">").count(),
        3,
        "{problems}"
    );
    assert_eq!(post(format!("{draft}/confirm")).await, 422);
    let services = || async {
        let path = format!(
            "/api/v1/reports/activity?from={}&to={}",
            past.first, past.last
        );
        let (status, report) = call(s, token, "GET", &path, Value::Null).await;
        assert_eq!(status, 200, "{report}");
        let lines = report["current"]["individual"]["lines"]
            .as_array()
            .unwrap()
            .clone();
        let line = |key: &str| {
            lines
                .iter()
                .find(|l| l["key"] == key)
                .map(|l| {
                    (
                        l["persons"].as_i64().unwrap(),
                        l["meetings"].as_i64().unwrap(),
                        l["duration_minutes"].as_i64().unwrap(),
                        l["preparation_minutes"].as_i64().unwrap(),
                    )
                })
                .unwrap_or_default()
        };
        (line("first_meeting"), line("follow_up_women"))
    };
    assert_eq!(services().await, Default::default(), "nothing imported");

    // Corrected: all 60 meetings, counted as she counts them.
    assert_eq!(post(format!("{draft}/drop")).await, 303);
    let second = upload(sheet(&meetings), "meetings").await;
    assert!(
        s.html(coordinator, &second)
            .await
            .contains("id=\"no-problem\"")
    );
    assert_eq!(post(format!("{second}/confirm")).await, 303);
    assert_eq!(
        services().await,
        ((30, 30, 30 * 75, 30 * 15), (30, 30, 30 * 60, 0))
    );

    // The requests' import waits for its meetings' to be undone; then both go.
    assert_eq!(post(format!("{imported}/undo")).await, 422);
    assert_eq!(post(format!("{second}/undo")).await, 303);
    assert_eq!(services().await, Default::default());
    assert_eq!(post(format!("{imported}/undo")).await, 303);
}

crate::on_both_engines!(a_season_of_animations_of_before_counts_in_the_prevention_figures);

/// The animations given in schools the year before Havre: each names its workshop by its
/// title and its school from the organization's places. A workshop no program has and a
/// school not in the list are said at their cells and nothing is imported; corrected, the
/// past year's prevention figures count them as the sheet does; undone, they are gone.
async fn a_season_of_animations_of_before_counts_in_the_prevention_figures(engine: Engine) {
    let Some(importer) = Importer::start(engine).await else {
        return;
    };
    let Importer {
        s,
        org,
        token,
        coordinator,
        past,
        ..
    } = &importer;
    let reader = s.coordinator_reader(org);
    let program = s
        .store
        .create_program(
            &reader,
            "Empreinte",
            havre_domain::intake::ServiceArea::DirectHelp,
        )
        .await
        .unwrap();
    for (n, title) in [(1, "Le consentement"), (2, "Les relations saines")] {
        s.store
            .add_workshop(
                &reader,
                program,
                havre_domain::prevention::NewWorkshop {
                    number: Some(n),
                    title: title.into(),
                    objective: String::new(),
                    questions: Vec::new(),
                },
            )
            .await
            .unwrap();
    }
    for school in ["École Sainte-Anne", "Polyvalente des Monts"] {
        s.store
            .add_list_value(org.id, havre_domain::lists::ListKind::Place, school, school)
            .await
            .unwrap();
    }
    let day = |d: u64| {
        (past.first + chrono::Days::new(d))
            .format("%Y-%m-%d")
            .to_string()
    };
    // Twenty animations: the two workshops in turn, in the two schools in turn.
    let rows: Vec<[String; 6]> = (0..20)
        .map(|i| {
            [
                day(30 + i),
                ["Le consentement", "atelier 2"][i as usize % 2].to_owned(),
                ["École Sainte-Anne", "polyvalente des monts"][(i as usize / 2) % 2].to_owned(),
                "2".to_owned(),
                "48".to_owned(),
                "75".to_owned(),
            ]
        })
        .collect();
    let sheet = |rows: &[[String; 6]]| {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        for (c, h) in ["Date", "Atelier", "École", "Groupes", "Élèves", "Durée"]
            .iter()
            .enumerate()
        {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                sheet.write_string(r as u32 + 1, c as u16, text).unwrap();
            }
        }
        book.save_to_buffer().unwrap()
    };
    let upload = |bytes: Vec<u8>| importer.upload(bytes, "animations", "x.xlsx");
    let post = |path: String| importer.post(path);
    let figures = || async {
        let path = format!(
            "/api/v1/reports/activity?from={}&to={}",
            past.first, past.last
        );
        let (status, report) = call(s, token, "GET", &path, Value::Null).await;
        assert_eq!(status, 200, "{report}");
        report["current"]["prevention"]["by_workshop"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| {
                (
                    l["animations"].as_i64().unwrap(),
                    l["class_groups"].as_i64().unwrap(),
                    l["students"].as_i64().unwrap(),
                    l["facilitation_minutes"].as_i64().unwrap(),
                )
            })
            .collect::<Vec<_>>()
    };

    let mut bad = rows.clone();
    bad[4][1] = "Atelier de théâtre".into();
    bad[7][2] = "École inconnue".into();
    let draft = upload(sheet(&bad)).await;
    let page = s.html(coordinator, &draft).await;
    let problems = extract(&page, "<table id=\"problems\">", "</table>").unwrap();
    assert_eq!(
        problems.matches("<th scope=\"row\">").count(),
        2,
        "{problems}"
    );
    assert!(
        problems.contains("<th scope=\"row\">B6</th>")
            && problems.contains("aucun de vos programmes")
    );
    assert!(
        problems.contains("<th scope=\"row\">C9</th>") && problems.contains("pas dans vos listes")
    );
    assert_eq!(post(format!("{draft}/confirm")).await, 422);
    assert!(figures().await.is_empty(), "nothing imported");

    assert_eq!(post(format!("{draft}/drop")).await, 303);
    let second = upload(sheet(&rows)).await;
    assert_eq!(post(format!("{second}/confirm")).await, 303);
    // Ten of each workshop, two groups and 48 students each, 75 minutes each.
    assert_eq!(figures().await, [(10, 20, 480, 750), (10, 20, 480, 750)]);
    assert_eq!(post(format!("{second}/undo")).await, 303);
    assert!(figures().await.is_empty());
}

crate::on_both_engines!(the_hours_of_before_count_in_the_year_they_were_given);

/// The team's hours kept in a spreadsheet: each row names a member of the team, a category of
/// the timesheet and hours as she typed them. An account Havre does not have, a category whose
/// hours come from the records, and a day past 24 hours are said at their cells and nothing
/// is imported; corrected, the past year's hours count them; undone, they are gone.
async fn the_hours_of_before_count_in_the_year_they_were_given(engine: Engine) {
    let Some(importer) = Importer::start(engine).await else {
        return;
    };
    let Importer {
        s,
        org,
        token,
        coordinator,
        past,
        ..
    } = &importer;
    s.member(org, "julie@rive.example", &[Role::Caseworker])
        .await;
    let categories = s.store.hour_categories(org.id, false).await.unwrap();
    let typed = categories.iter().find(|c| c.recorded.is_none()).unwrap();
    let recorded = categories.iter().find(|c| c.recorded.is_some()).unwrap();
    let day = |d: u64| {
        (past.first + chrono::Days::new(d))
            .format("%d/%m/%Y")
            .to_string()
    };
    // Forty days of 3 h 30 for Julie, written by her email.
    let rows: Vec<[String; 4]> = (0..40)
        .map(|i| {
            [
                day(i),
                "julie@rive.example".to_owned(),
                typed.label_fr.clone(),
                "3 h 30".to_owned(),
            ]
        })
        .collect();
    let sheet = |rows: &[[String; 4]]| {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        for (c, h) in ["Date", "Intervenante", "Catégorie", "Heures"]
            .iter()
            .enumerate()
        {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                sheet.write_string(r as u32 + 1, c as u16, text).unwrap();
            }
        }
        book.save_to_buffer().unwrap()
    };
    let upload = |bytes: Vec<u8>| importer.upload(bytes, "hours", "heures.xlsx");
    let post = |path: String| importer.post(path);
    let minutes = || async {
        let path = format!(
            "/api/v1/reports/activity?from={}&to={}",
            past.first, past.last
        );
        let (status, report) = call(s, token, "GET", &path, Value::Null).await;
        assert_eq!(status, 200, "{report}");
        report["current"]["hours"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|a| a["categories"].as_array().unwrap().clone())
            .filter(|c| c["category_id"] == typed.id.to_string())
            .map(|c| c["minutes"].as_i64().unwrap())
            .sum::<i64>()
    };

    let mut bad = rows.clone();
    bad[2][1] = "Ancienne employée".into();
    bad[5][2] = recorded.label_fr.clone();
    bad[9][0] = day(8);
    bad[9][3] = "21 h".into();
    let draft = upload(sheet(&bad)).await;
    let page = s.html(coordinator, &draft).await;
    let problems = extract(&page, "<table id=\"problems\">", "</table>").unwrap();
    assert_eq!(
        problems.matches("<th scope=\"row\">").count(),
        3,
        "{problems}"
    );
    for (cell, words) in [
        ("B4", "Aucun compte"),
        ("C7", "viennent des rencontres"),
        ("D11", "dépasserait 24 heures"),
    ] {
        let row = extract(
            &problems,
            &format!("<th scope=\"row\">{cell}</th>"),
            "</tr>",
        )
        .unwrap_or_else(|| panic!("{cell}: {problems}"));
        assert!(row.contains(words), "{cell}: {row}");
    }
    assert_eq!(post(format!("{draft}/confirm")).await, 422);
    assert_eq!(minutes().await, 0, "nothing imported");

    assert_eq!(post(format!("{draft}/drop")).await, 303);
    let second = upload(sheet(&rows)).await;
    assert_eq!(post(format!("{second}/confirm")).await, 303);
    assert_eq!(minutes().await, 40 * 210);
    assert_eq!(post(format!("{second}/undo")).await, 303);
    assert_eq!(minutes().await, 0);
}
