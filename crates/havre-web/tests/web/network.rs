//! Networks on both engines (docs/networks.md): the Alliance's report from 24 member houses
//! and their raw stays, each house approving its own submission; the same submissions
//! exported as files and imported on the network's own Havre; a tampered file refused; and a
//! network analyst who reaches no member's file, person, address or page.

use crate::common::*;
use chrono::NaiveDate;
use havre_domain::policy::Role;
use havre_store::organizations::{Organization, OrganizationKind};
use havre_store::testing::Engine;
use serde_json::{Value, json};

crate::on_both_engines!(
    the_alliance_reports_on_its_member_houses_and_a_second_havre_agrees,
    a_network_analyst_reaches_no_member_record,
    a_care_unit_and_a_brigade_share_the_figures_of_those_who_agreed,
    a_member_makes_one_signing_key_however_many_ask_for_it_at_once,
);

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const YEAR: &str = "from=2018-04-01&to=2019-03-31";

/// A member house of the Alliance, and its coordinator's token.
struct House {
    org: Organization,
    token: String,
    region: &'static str,
}

/// The fourteen regions of the Alliance's 24 houses.
const REGIONS: [&str; 14] = [
    "Abitibi-Témiscamingue",
    "Bas-Saint-Laurent",
    "Capitale-Nationale",
    "Centre-du-Québec",
    "Chaudière-Appalaches",
    "Côte-Nord",
    "Estrie",
    "Gaspésie",
    "Lanaudière",
    "Laurentides",
    "Laval",
    "Mauricie",
    "Montérégie",
    "Montréal",
];

async fn house(s: &TestServer, i: usize) -> House {
    let org = s
        .organization(
            &format!("Maison {i:02} de l'Alliance"),
            OrganizationKind::Centre,
            false,
        )
        .await;
    let (_, token) = s
        .member(
            &org,
            &format!("coord{i}@maison.example"),
            &[Role::Coordinator],
        )
        .await;
    House {
        org,
        token,
        region: REGIONS[i % REGIONS.len()],
    }
}

async fn stay(
    s: &TestServer,
    token: &str,
    unit: &str,
    name: &str,
    (entered_on, exited_on): (NaiveDate, Option<NaiveDate>),
    children: &[u8],
    consent: bool,
) -> String {
    let id = id_of(
        s,
        token,
        "/api/v1/stays",
        json!({ "unit_id": unit, "name": name, "entered_on": entered_on, "children": children, "network_consent": consent }),
    )
    .await;
    if let Some(e) = exited_on {
        ok(
            s,
            token,
            "POST",
            &format!("/api/v1/stays/{id}/exit"),
            json!({ "exited_on": e, "destination": "social_housing" }),
            204,
        )
        .await;
    }
    id
}

/// House `h` of the fifteen that report, with its raw stays. Over the 15: 119 apartments and
/// 16 rooms; in 2018-2019 203 women and 258 children (461 persons), in 2017-2018 171 women
/// and 226 children (397 persons), every one of them agreeing to be counted. Each apartment
/// houses up to three women one after the other:
/// - A, 2017-2018 only: 66 women with a child each (5 in each of the first six houses, 4 in
///   the others);
/// - B, across the year's change: 7 women in each house, the first of them with the house's
///   extra children;
/// - C, 2018-2019 only: the rest of the year's women (14 or 13 a house).
async fn reporting_house(s: &TestServer, house: &House, h: usize) {
    let token = &house.token;
    let home = id_of(
        s,
        token,
        "/api/v1/houses",
        json!({ "name": format!("Maison {h}"), "region": house.region }),
    )
    .await;
    let opened = d(2015, 1, 1);
    let apartments = if h == 14 { 7 } else { 8 };
    let mut units = Vec::new();
    for i in 0..apartments {
        units.push(
            id_of(
                s,
                token,
                &format!("/api/v1/houses/{home}/units"),
                json!({ "name": format!("App. {i}"), "kind": "apartment", "bedrooms": 2, "places": 4, "opened_on": opened }),
            )
            .await,
        );
    }
    if h < 8 {
        for i in 0..2 {
            id_of(
                s,
                token,
                &format!("/api/v1/houses/{home}/units"),
                json!({ "name": format!("Chambre {i}"), "kind": "room", "places": 1, "opened_on": opened }),
            )
            .await;
        }
    }
    let women = if h < 8 { 14 } else { 13 };
    let children = if h < 3 { 18 } else { 17 };
    let a_slot = (d(2017, 5, 1), Some(d(2017, 12, 31)));
    let b_slot = (d(2018, 1, 15), Some(d(2018, 9, 30)));
    let c_slot = (d(2018, 10, 15), None);
    for (i, unit) in units.iter().take(if h < 6 { 5 } else { 4 }).enumerate() {
        let name = format!("Femme A{h}-{i}");
        stay(s, token, unit, &name, a_slot, &[7], true).await;
    }
    for j in 0..women {
        // Every woman has a child; the first ones the house's extra children too.
        let kids: &[u8] = if j < children - women { &[3, 9] } else { &[5] };
        let (slot, unit) = if j < 7 { (b_slot, j) } else { (c_slot, j - 7) };
        let name = format!("Femme B{h}-{j}");
        stay(s, token, &units[unit], &name, slot, kids, true).await;
    }
    if h == 0 {
        // She did not agree to be counted: no network sees her or her children.
        stay(
            s,
            token,
            &units[7],
            "Femme sans accord",
            c_slot,
            &[2, 4],
            false,
        )
        .await;
    }
}

/// The Alliance on one Havre: its administrator and analyst, and its 24 houses, each listed
/// by the address of its page. Returns the houses in order: 0-14 report, 15-16 are under
/// construction, 17 joined late, 18 has no data, 19-23 joined after the year.
async fn alliance(s: &TestServer) -> (Organization, String, String, Vec<House>) {
    let network = s
        .organization(
            "L'Alliance des maisons de 2e étape",
            OrganizationKind::Network,
            false,
        )
        .await;
    let (_, admin) = s
        .member(&network, "admin@alliance.example", &[Role::Administrator])
        .await;
    let (_, analyst) = s
        .member(
            &network,
            "analyste@alliance.example",
            &[Role::NetworkAnalyst],
        )
        .await;
    let mut houses = Vec::new();
    for i in 0..24 {
        let house = house(s, i).await;
        let (joined_on, opened_on) = match i {
            15 => (d(2016, 1, 1), None),
            16 => (d(2017, 6, 1), Some(d(2019, 9, 1))),
            17 => (d(2019, 2, 1), Some(d(2012, 1, 1))),
            19.. => (d(2019, 6, 1), Some(d(2010, 1, 1))),
            _ => (d(2010, 1, 1), Some(d(2010, 1, 1))),
        };
        id_of(
            s,
            &admin,
            "/api/v1/network/members",
            json!({ "name": house.org.name, "region": house.region, "joined_on": joined_on,
                "opened_on": opened_on, "organization_slug": house.org.slug }),
        )
        .await;
        houses.push(house);
    }
    (network, admin, analyst, houses)
}

/// A member shares its housing with the network on this Havre and approves both years.
async fn share_and_approve(s: &TestServer, house: &House) -> Vec<Value> {
    share(
        s,
        &house.token,
        "housing",
        &[("2017-04-01", "2018-03-31"), ("2018-04-01", "2019-03-31")],
    )
    .await
}

/// A member on this Havre shares one part of its report with its network, and approves
/// each year given: the signed files.
async fn share(s: &TestServer, token: &str, section: &str, years: &[(&str, &str)]) -> Vec<Value> {
    let shares = ok(s, token, "GET", "/api/v1/network/shares", json!(null), 200).await;
    let member_id = shares[0]["network_member_id"].clone();
    let share = ok(
        s,
        token,
        "PUT",
        "/api/v1/network/shares",
        json!({ "network_member_id": member_id, "sections": [section] }),
        200,
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut files = Vec::new();
    for (from, to) in years {
        files.push(
            ok(
                s,
                token,
                "POST",
                &format!("/api/v1/network/shares/{share}/submission"),
                json!({ "from": from, "to": to }),
                200,
            )
            .await,
        );
    }
    files
}

/// Every count a published table shows.
fn counts(report: &Value) -> Vec<i64> {
    let mut found = Vec::new();
    for section in report["sections"].as_array().unwrap() {
        for table in section["tables"].as_array().unwrap() {
            let rows = table["rows"].as_array().unwrap().iter();
            let total = Some(&table["total"]).filter(|t| t.is_array());
            for row in rows.chain(total) {
                for cell in row.as_array().unwrap() {
                    if cell["type"] == "count" {
                        found.push(cell["value"].as_i64().unwrap());
                    }
                }
            }
        }
    }
    found
}

fn lead<'a>(report: &'a Value, section: &str) -> &'a str {
    report["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == section)
        .unwrap()["lead"]
        .as_str()
        .unwrap()
}

async fn the_alliance_reports_on_its_member_houses_and_a_second_havre_agrees(engine: Engine) {
    let Some(s) = TestServer::start(engine).await else {
        return;
    };
    s.on_day(2019, 6, 15);
    let (_, admin, analyst, houses) = alliance(&s).await;
    let mut files = Vec::new();
    for (h, house) in houses.iter().enumerate().take(15) {
        reporting_house(&s, house, h).await;
        files.push(share_and_approve(&s, house).await);
    }

    // The analyst reads the report: the seed's sentence, from the membership and the figures.
    let report = ok(
        &s,
        &analyst,
        "GET",
        &format!("/api/v1/network/report?{YEAR}"),
        json!(null),
        200,
    )
    .await;
    insta::assert_snapshot!(lead(&report, "network_members"), @"Ce rapport présente l’activité de 15 maisons membres actives (deux sont en construction, une a adhéré en fin d’année, une dont les données sont indisponibles).");
    insta::assert_snapshot!(lead(&report, "network_housing"), @"119 logements et 16 chambres ont hébergé 203 femmes et 258 enfants, soit 461 personnes, une augmentation de 16 % pour un parc de logements comparable à l’an dernier.");
    assert_eq!(
        report["members"].as_array().unwrap().len(),
        19,
        "5 joined after the year"
    );
    let published = counts(&report);
    assert!(published.contains(&461) && published.contains(&397));
    assert!(
        !published.iter().any(|n| (1..=4).contains(n)),
        "no published count is 1 to 4: {published:?}"
    );
    // Nothing in it names a woman.
    let text = report.to_string();
    assert!(
        !["Femme A", "Femme B", "sans accord"]
            .iter()
            .any(|n| text.contains(n))
    );
    // The PDF says it too, and so do the workbook and the CSV files.
    let pdf = reqwest::Client::new()
        .get(s.url(&format!("/api/v1/network/report?{YEAR}&format=pdf")))
        .bearer_auth(&analyst)
        .send()
        .await
        .unwrap();
    assert_eq!(pdf.status(), 200);
    let text = pdf_text(&pdf.bytes().await.unwrap());
    assert!(text.contains("203 femmes et 258 enfants"), "{text}");
    for format in ["xlsx", "csv"] {
        let r = reqwest::Client::new()
            .get(s.url(&format!("/api/v1/network/report?{YEAR}&format={format}")))
            .bearer_auth(&analyst)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{format}");
    }
    // The page shows it to the analyst.
    let (client, _) = s.login("analyste@alliance.example").await;
    let page = s.html(&client, &format!("/network?{YEAR}")).await;
    assert!(page.contains("203 femmes et 258 enfants"));

    // The network's own Havre: the same members, each by the key it shows; the files the
    // members approved, imported.
    let Some(other) = TestServer::start(engine).await else {
        return;
    };
    other.on_day(2019, 6, 15);
    let network = other
        .organization(
            "L'Alliance des maisons de 2e étape",
            OrganizationKind::Network,
            false,
        )
        .await;
    let (_, other_admin) = other
        .member(&network, "admin@alliance.example", &[Role::Administrator])
        .await;
    let members = ok(
        &s,
        &admin,
        "GET",
        "/api/v1/network/members",
        json!(null),
        200,
    )
    .await;
    for (i, m) in members.as_array().unwrap().iter().enumerate() {
        let key = ok(
            &s,
            &houses[i].token,
            "GET",
            "/api/v1/network/public-key",
            json!(null),
            200,
        )
        .await["public_key"]
            .clone();
        assert_eq!(
            m["public_key"], key,
            "members are listed by name, as the houses"
        );
        id_of(
            &other,
            &other_admin,
            "/api/v1/network/members",
            json!({ "name": m["name"], "region": m["region"], "joined_on": m["joined_on"],
                "opened_on": m["opened_on"], "public_key": key }),
        )
        .await;
    }
    for file in files.iter().flatten() {
        let received = ok(
            &other,
            &other_admin,
            "POST",
            "/api/v1/network/submissions",
            file.clone(),
            200,
        )
        .await;
        assert_eq!(received["replaced"], false);
    }
    let imported = ok(
        &other,
        &other_admin,
        "GET",
        &format!("/api/v1/network/report?{YEAR}"),
        json!(null),
        200,
    )
    .await;
    assert_eq!(imported["sections"], report["sections"]);
    assert_eq!(imported["members"], report["members"]);

    // A file changed after it was signed is refused, and nothing is kept.
    let mut tampered = files[3][1].clone();
    let payload = tampered["payload"]
        .as_str()
        .unwrap()
        .replace("\"women\":14", "\"women\":40");
    assert_ne!(payload, tampered["payload"].as_str().unwrap());
    tampered["payload"] = json!(payload);
    let (status, problem) = call(
        &other,
        &other_admin,
        "POST",
        "/api/v1/network/submissions",
        tampered,
    )
    .await;
    assert_eq!(status, 422);
    insta::assert_snapshot!(said(&problem), @"file: La signature de cette soumission ne correspond pas à son contenu : le fichier a été modifié. Demandez au membre de l’approuver de nouveau.");
    // A second submission for the same year replaces the first, which stays.
    let again = ok(
        &other,
        &other_admin,
        "POST",
        "/api/v1/network/submissions",
        files[3][1].clone(),
        200,
    )
    .await;
    assert_eq!(again["replaced"], true);
    let after = ok(
        &other,
        &other_admin,
        "GET",
        &format!("/api/v1/network/report?{YEAR}"),
        json!(null),
        200,
    )
    .await;
    assert_eq!(after["sections"], report["sections"]);
}

async fn a_network_analyst_reaches_no_member_record(engine: Engine) {
    let Some(s) = TestServer::start(engine).await else {
        return;
    };
    s.on_day(2019, 6, 15);
    let network = s
        .organization("Regroupement", OrganizationKind::Network, false)
        .await;
    let (_, admin) = s
        .member(
            &network,
            "admin@regroupement.example",
            &[Role::Administrator],
        )
        .await;
    let (_, analyst_token) = s
        .member(
            &network,
            "analyste@regroupement.example",
            &[Role::NetworkAnalyst],
        )
        .await;
    // A member house on this Havre, with a secret address, a woman housed and her file.
    let house = house(&s, 0).await;
    id_of(
        &s,
        &admin,
        "/api/v1/network/members",
        json!({ "name": house.org.name, "region": house.region, "joined_on": d(2010, 1, 1),
            "opened_on": d(2010, 1, 1), "organization_slug": house.org.slug }),
    )
    .await;
    let home = id_of(
        &s,
        &house.token,
        "/api/v1/houses",
        json!({ "name": "Maison secrète", "address": "12, rue Cachée", "address_secret": true }),
    )
    .await;
    let unit = id_of(
        &s,
        &house.token,
        &format!("/api/v1/houses/{home}/units"),
        json!({ "name": "App. 1", "kind": "apartment", "bedrooms": 2, "places": 4, "opened_on": d(2015, 1, 1) }),
    )
    .await;
    let stay_id = stay(
        &s,
        &house.token,
        &unit,
        "Amina Résidente",
        (d(2019, 1, 1), None),
        &[4],
        true,
    )
    .await;
    let person = ok(
        &s,
        &house.token,
        "GET",
        &format!("/api/v1/stays/{stay_id}"),
        json!(null),
        200,
    )
    .await["stay"]["person_id"]
        .as_str()
        .unwrap()
        .to_owned();
    // Each route's identifier is the member's own: her file, her stay, her unit, its house.
    let id_for = |path: &str| {
        if path.contains("stays/{id}") {
            stay_id.clone()
        } else if path.contains("units/{id}") {
            unit.clone()
        } else if path.contains("houses/{id}") {
            home.clone()
        } else {
            person.clone()
        }
    };
    let (client, csrf) = s.login("analyste@regroupement.example").await;
    // What an analyst may open: her own account, the public pages any visitor sees, and the
    // network's report.
    let hers = |path: &str| {
        path == "/"
            || path.starts_with("/account")
            || path.starts_with("/o/")
            || path.starts_with("/login")
            || path.starts_with("/assets")
            || path.starts_with("/logout")
            || path == "/language"
            || path == "/healthz"
            || path == "/metrics"
            || path == "/network"
            || path == "/api/v1/me"
            || path.starts_with("/api/v1/me/")
            || path == "/api/v1/openapi.json"
            || path == "/api/v1/access-export.schema.json"
            || path == "/api/v1/network/report"
    };
    let (mut tried, mut reached) = (0, Vec::new());
    for route in havre_web::routes::route_table() {
        if hers(route.path) {
            continue;
        }
        let path = route
            .path
            .replace("{id}", &id_for(route.path))
            .replace("{slug}", &house.org.slug)
            .replace("{attachment_id}", &uuid::Uuid::new_v4().to_string())
            .replace("{member_id}", &uuid::Uuid::new_v4().to_string())
            .replace("{meeting_id}", &uuid::Uuid::new_v4().to_string())
            .replace("{note_id}", &uuid::Uuid::new_v4().to_string())
            .replace("{kind}", "service_declaration")
            .replace("{list}", "residence")
            .replace("{action}", "close");
        let api = path.starts_with("/api/");
        let request = match (route.method, api) {
            ("GET", false) => client.get(s.url(&path)),
            (_, false) => client
                .post(s.url(&path))
                .form(&[("csrf", csrf.as_str()), ("name", "Changée")]),
            (method, true) => reqwest::Client::new()
                .request(method.parse().unwrap(), s.url(&path))
                .bearer_auth(&analyst_token)
                .json(&json!({})),
        };
        let r = request.send().await.unwrap();
        let status = r.status().as_u16();
        let body = r.text().await.unwrap();
        if !(status == 403 || status == 404 || status == 405) {
            reached.push(format!("{} {path}: {status}", route.method));
        }
        for secret in ["Amina", "Cachée", "12, rue"] {
            assert!(
                !body.contains(secret),
                "{} {path} shows {secret}",
                route.method
            );
        }
        tried += 1;
    }
    assert!(reached.is_empty(), "the analyst reached {reached:#?}");
    assert!(tried > 300, "{tried} routes tried");
}

/// The total line of a part's table by region in the network's report, as `(column, cell)`.
async fn network_total(s: &TestServer, token: &str, table: &str) -> Vec<(String, Value)> {
    let report = ok(
        s,
        token,
        "GET",
        "/api/v1/network/report?from=2025-01-01&to=2025-12-31",
        json!(null),
        200,
    )
    .await;
    let table = report["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["tables"].as_array().unwrap())
        .find(|t| t["key"] == table)
        .unwrap_or_else(|| panic!("no table {table} in {report:#}"))
        .clone();
    let columns = table["columns"].as_array().unwrap().clone();
    let total = table["total"].as_array().unwrap().clone();
    assert_eq!(columns.len(), total.len());
    columns
        .iter()
        .map(|c| c.as_str().unwrap_or_default().to_owned())
        .zip(total)
        .collect()
}

/// A figure of a total line, by its column's position.
fn figure(total: &[(String, Value)], column: usize) -> (&str, i64) {
    let cell = &total[column].1;
    (
        cell["type"].as_str().unwrap(),
        cell["value"].as_i64().unwrap_or(-1),
    )
}

async fn a_care_unit_and_a_brigade_share_the_figures_of_those_who_agreed(engine: Engine) {
    use havre_domain::care::AppointmentStatus;
    use havre_store::demo_care::{CareYear, make_care_unit};
    use havre_store::demo_missions::{BrigadeYears, make_brigade};
    use havre_store::entity::{appointment, person, service_request};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
    let Some(s) = TestServer::start(engine).await else {
        return;
    };
    s.on_day(2026, 1, 10);
    let (first, last) = (d(2025, 1, 1), d(2025, 12, 31));
    let care_id = make_care_unit(
        &s.store,
        "Unité de soins de l'Estrie",
        CareYear {
            professionals: 8,
            women: 60,
            appointments: 400,
            today: 0,
        },
    )
    .await
    .unwrap();
    let brigade_id = make_brigade(
        &s.store,
        "La Brigade",
        BrigadeYears {
            workers: 4,
            requests_per_week: (2, 3),
        },
    )
    .await
    .unwrap();
    let care = s.store.organization(care_id).await.unwrap();
    let brigade = s.store.organization(brigade_id).await.unwrap();
    let (_, care_token) = s
        .member(&care, "coord@soins.example", &[Role::Coordinator])
        .await;
    let (_, brigade_token) = s
        .member(&brigade, "coord@brigade.example", &[Role::Coordinator])
        .await;
    let network = s
        .organization("Réseau des services", OrganizationKind::Network, false)
        .await;
    let (_, admin) = s
        .member(&network, "admin@reseau.example", &[Role::Administrator])
        .await;
    for (org, region) in [(&care, "Estrie"), (&brigade, "Montréal")] {
        id_of(
            &s,
            &admin,
            "/api/v1/network/members",
            json!({ "name": org.name, "region": region, "joined_on": "2020-01-01",
                "opened_on": "2020-01-01", "organization_slug": org.slug }),
        )
        .await;
    }
    let year = [("2025-01-01", "2025-12-31")];

    // Every woman of the demo care unit agreed: the network counts what its own report does.
    share(&s, &care_token, "care", &year).await;
    let own = s.store.care_report(care_id, first, last).await.unwrap();
    let total = network_total(&s, &admin, "network_care_regions").await;
    let heads: Vec<&str> = total.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(
        heads[..5],
        [
            "Région",
            "Membres",
            "Femmes",
            "Nouvelles femmes",
            "Rendez-vous"
        ]
    );
    assert_eq!(figure(&total, 2), ("count", own.figures.women));
    assert_eq!(figure(&total, 3), ("count", own.figures.new_women));
    assert_eq!(figure(&total, 4), ("count", own.figures.appointments));
    let steps: i64 = own.pathways.iter().map(|p| p.steps_completed).sum();
    assert_eq!(figure(&total, 6), ("count", steps));
    assert!(own.figures.women >= 5 && own.figures.appointments >= 5 && steps >= 5);

    // One woman withdraws her agreement: she and the appointments she came to that year
    // leave the figures the unit shares, counted here by hand from her appointments.
    let zone = care.time_zone;
    let came_in_year = |a: &appointment::Model| {
        let day = zone.day_of(a.starts_at);
        first <= day && day <= last && AppointmentStatus::parse(&a.status).is_some_and(|s| s.came())
    };
    let appointments = appointment::Entity::find()
        .filter(appointment::Column::OrganizationId.eq(care_id.uuid()))
        .all(s.store.db())
        .await
        .unwrap();
    let her = appointments
        .iter()
        .find(|a| came_in_year(a))
        .unwrap()
        .person_id;
    let hers = appointments
        .iter()
        .filter(|a| a.person_id == her && came_in_year(a))
        .count() as i64;
    person::Entity::update_many()
        .col_expr(person::Column::NetworkConsent, Expr::value(false))
        .filter(person::Column::Id.eq(her))
        .exec(s.store.db())
        .await
        .unwrap();
    share(&s, &care_token, "care", &year).await;
    let total = network_total(&s, &admin, "network_care_regions").await;
    assert_eq!(figure(&total, 2), ("count", own.figures.women - 1));
    assert_eq!(
        figure(&total, 4),
        ("count", own.figures.appointments - hers)
    );

    // The brigade: every tenant agreed, then those of its first partner did not.
    share(&s, &brigade_token, "missions", &year).await;
    let own = s
        .store
        .mission_figures(brigade_id, first, last)
        .await
        .unwrap();
    let total = network_total(&s, &admin, "network_missions_regions").await;
    let heads: Vec<&str> = total.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(
        heads[2..6],
        [
            "Demandes",
            "Locataires aidées",
            "Missions réalisées",
            "Heures travaillées"
        ]
    );
    let f = &own.figures;
    assert!(f.requests >= 5 && f.missions >= 5);
    assert_eq!(figure(&total, 2), ("count", f.requests));
    assert_eq!(figure(&total, 3), ("count", f.persons_helped));
    assert_eq!(figure(&total, 4), ("count", f.missions));
    assert_eq!(figure(&total, 5), ("minutes", f.minutes_worked));
    let partner = &f.per_partner[0];
    service_request::Entity::update_many()
        .col_expr(service_request::Column::NetworkConsent, Expr::value(false))
        .filter(service_request::Column::PartnerId.eq(partner.partner.uuid()))
        .exec(s.store.db())
        .await
        .unwrap();
    share(&s, &brigade_token, "missions", &year).await;
    let total = network_total(&s, &admin, "network_missions_regions").await;
    assert_eq!(figure(&total, 2), ("count", f.requests - partner.requests));
    // The hours are the workers', not a tenant's: they stay whole.
    assert_eq!(figure(&total, 5), ("minutes", f.minutes_worked));

    // Not all of them houses: the sentence speaks of members.
    let report = ok(
        &s,
        &admin,
        "GET",
        "/api/v1/network/report?from=2025-01-01&to=2025-12-31",
        json!(null),
        200,
    )
    .await;
    let members = lead(&report, "network_members");
    assert!(
        members.contains("membres actifs") && !members.contains("maison"),
        "{members}"
    );

    // The network's page shows both parts.
    let (client, _) = s.login("admin@reseau.example").await;
    let page = s
        .html(&client, "/network?from=2025-01-01&to=2025-12-31")
        .await;
    assert!(page.contains("Les soins") && page.contains("Les missions"));
}

/// The first time a member's key is needed it is made, once: pages opened at the same moment
/// show the same key, and it never changes after (a network that holds it checks every
/// submission with it; docs/networks.md).
async fn a_member_makes_one_signing_key_however_many_ask_for_it_at_once(engine: Engine) {
    let Some(s) = TestServer::start(engine).await else {
        return;
    };
    let org = s
        .organization("Maison des clés", OrganizationKind::Centre, false)
        .await;
    let reader = std::sync::Arc::new(s.coordinator_reader(&org));
    let asked: Vec<_> = (0..8)
        .map(|_| {
            let (store, reader) = (s.store.clone(), reader.clone());
            tokio::spawn(async move { store.public_key(&reader).await.unwrap() })
        })
        .collect();
    let mut keys = Vec::new();
    for key in asked {
        keys.push(key.await.unwrap());
    }
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), 1, "one key, whoever asked first: {keys:?}");
    assert_eq!(s.store.public_key(&reader).await.unwrap(), keys[0]);
}
