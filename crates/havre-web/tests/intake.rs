//! Help requests and the wait list through the API, on both engines.

mod common;
// The spreadsheets kept before Havre, imported.
#[path = "intake/imports.rs"]
mod imports;

use common::*;
use havre_domain::policy::Role;
use havre_store::organizations::OrganizationKind;
use havre_store::testing::Engine;
use havre_store::tokens::Scope;
use serde_json::{Value, json};

on_both_engines!(
    requests_appear_on_the_wait_list_in_order_with_exact_waits,
    bad_input_is_reported_at_each_field_in_both_languages_and_writes_nothing,
    a_returning_person_opens_a_new_episode,
    only_the_intake_team_records_requests_and_sees_the_wait_list,
    the_team_assigns_books_and_closes_waiting_requests,
    the_help_request_page_shows_each_problem_at_its_field,
    a_referral_not_reached_in_24_hours_is_overdue_and_one_reached_is_not,
    listening_calls_and_unmet_demand_are_counted,
    list_values_are_added_renamed_and_retired_without_changing_past_requests,
    the_request_page_shows_the_safe_contact_banner_then_the_actions,
    the_calls_page_records_referrals_callbacks_calls_and_unmet_requests,
    the_lists_page_adds_renames_and_retires_values,
    a_referral_linked_to_her_file_counts_the_meetings_that_follow_once,
    help_asked_online_reaches_the_wait_list_and_her_file,
    a_flood_from_one_address_is_slowed_and_what_a_script_types_shows_as_text,
);

struct Intake {
    server: TestServer,
    token: String,
    lists: Value,
    org: havre_store::organizations::Organization,
}

impl Intake {
    async fn start(engine: Engine) -> Option<Intake> {
        let server = TestServer::start(engine).await?;
        let org = server
            .organization("CALACS de la Rive", OrganizationKind::Centre, false)
            .await;
        let (_, token) = server
            .member(&org, "int@rive.example", &[Role::Caseworker])
            .await;
        let lists = reqwest::Client::new()
            .get(server.url("/api/v1/lists"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        Some(Intake {
            server,
            token,
            lists,
            org,
        })
    }

    /// The id of the value with `key` in `list`.
    fn value(&self, list: &str, key: &str) -> String {
        self.lists
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["list"] == list)
            .and_then(|l| {
                l["values"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|v| v["key"] == key)
            })
            .map(|v| v["id"].as_str().unwrap().to_owned())
            .unwrap_or_else(|| panic!("{list}/{key}"))
    }

    /// A complete, valid request received `days_ago` days before the server's clock.
    fn request(&self, name: &str, days_ago: i64) -> Value {
        let received = self.server.store.now() - chrono::TimeDelta::days(days_ago);
        json!({
            "received_at": received.to_rfc3339(),
            "channel": "phone",
            "voluntary": true,
            "person": { "name": name, "phone": null, "birth_year": 1990 },
            "safe_contact": { "may_call": true, "may_leave_message": false, "may_say_our_name": false, "hours": "après 18 h", "safe_number": "" },
            "teenager": false,
            "service_area": "direct_help",
            "requester": self.value("requester", "herself"),
            "age_at_request": self.value("age_at_request", "25_34"),
            "age_at_assault": self.value("age_at_assault", "12_17"),
            "referral_source": self.value("referral_source", "internet"),
            "residence": self.value("residence", "outside"),
            "disposition": self.value("disposition_request", "wait_list"),
            "assault_forms": [self.value("assault_form", "touching")],
            "relations": [self.value("relation", "entourage")],
            "answers": {},
        })
    }

    async fn post(&self, body: &Value, lang: &str) -> reqwest::Response {
        reqwest::Client::new()
            .post(self.server.url("/api/v1/help-requests"))
            .bearer_auth(&self.token)
            .header("accept-language", lang)
            .json(body)
            .send()
            .await
            .unwrap()
    }

    async fn record(&self, body: Value) -> Value {
        let r = self.post(&body, "fr").await;
        assert_eq!(r.status(), 201, "{}", r.text().await.unwrap());
        r.json().await.unwrap()
    }

    async fn wait_list(&self, query: &str) -> Value {
        reqwest::Client::new()
            .get(self.server.url(&format!("/api/v1/waitlist{query}")))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }
}

async fn requests_appear_on_the_wait_list_in_order_with_exact_waits(engine: Engine) {
    let Some(t) = Intake::start(engine).await else {
        return;
    };
    let with = |name: &str, days: i64, answers: Value| {
        let mut body = t.request(name, days);
        body["answers"] = answers;
        body
    };
    // Code 2 (no criterion), 30 days ago.
    let a = t.record(with("Alice Arsenault", 30, json!({}))).await;
    assert_eq!(
        (a["proposed_code"].as_i64(), a["decided_code"].as_i64()),
        (Some(2), Some(2))
    );
    // Code 1 by suicidal ideas, 10 days ago; code 1 by a recent assault, 40 days ago.
    let b = t
        .record(with("Béatrice Bégin", 10, json!({"suicidal_ideas": true})))
        .await;
    assert_eq!(b["because"], json!(["suicidal-ideas"]));
    t.record(with(
        "Chloé Caron",
        40,
        json!({"assault_within_a_year": true}),
    ))
    .await;
    t.record(with("Diane Dion", 20, json!({}))).await;
    // Fanny asked 60 days ago (code 2) and asks again, 50 days ago, with a network: code 3.
    let mut first = with("Fanny Fortin", 60, json!({"adequate_social_network": true}));
    first["person"]["phone"] = json!("418 555-0101");
    let f = t.record(first).await;
    assert_eq!(f["decided_code"], 2);
    let mut again = with("Fanny Fortin", 50, json!({"adequate_social_network": true}));
    again["person"]["phone"] = json!("1 (418) 555.0101");
    let e = t.record(again).await;
    assert_eq!(
        (e["sequence"].as_i64(), e["decided_code"].as_i64()),
        (Some(2), Some(3))
    );
    assert_eq!(e["person_id"], f["person_id"]);
    // An exploitation-track request, a day ago, in stages 1-7 of the cycle: its own list.
    let mut x = with("Xavière Xenos", 1, json!({}));
    x["service_area"] = json!("exploitation");
    x["exploitation"] = json!({"in_cycle_stages_1_to_7": true});
    assert_eq!(
        t.record(x).await["because"],
        json!(["in-exploitation-cycle"])
    );

    let list = t.wait_list("?service_area=direct_help").await;
    let order: Vec<(&str, i64, i64)> = list["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap(),
                r["code"].as_i64().unwrap(),
                r["waiting_days"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        order,
        [
            ("Chloé Caron", 1, 40),
            ("Béatrice Bégin", 1, 10),
            ("Fanny Fortin", 2, 60),
            ("Alice Arsenault", 2, 30),
            ("Diane Dion", 2, 20),
            ("Fanny Fortin", 3, 50),
        ]
    );
    assert_eq!(
        list["by_code"],
        json!([
            {"code": 1, "count": 2, "median_days": 25.0, "longest_days": 40},
            {"code": 2, "count": 3, "median_days": 30.0, "longest_days": 60},
            {"code": 3, "count": 1, "median_days": 50.0, "longest_days": 50},
        ])
    );
    // A window of the list: the figures per code still cover all of it.
    let window = t
        .wait_list("?service_area=direct_help&offset=2&limit=2")
        .await;
    assert_eq!(window["total"], 6);
    let names: Vec<&str> = window["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Fanny Fortin", "Alice Arsenault"]);
    assert_eq!(window["by_code"], list["by_code"]);
    // The page shows the same figures and the same order, with the names opened.
    let (client, _) = t.server.login("int@rive.example").await;
    let page = client
        .get(t.server.url("/waitlist?service_area=direct_help"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for (code, figures) in [
        (1, "<td>2</td><td>25 jours</td><td>40 jours</td>"),
        (2, "<td>3</td><td>30 jours</td><td>60 jours</td>"),
        (3, "<td>1</td><td>50 jours</td><td>50 jours</td>"),
    ] {
        let at = page
            .find(&format!("id=\"code-{code}\""))
            .expect("a code's row");
        let row = &page[at..at + page[at..].find("</tr>").unwrap()];
        assert!(row.contains(figures), "{row}");
    }
    let positions: Vec<usize> = [
        "Chloé Caron",
        "Béatrice Bégin",
        "Fanny Fortin",
        "Alice Arsenault",
        "Diane Dion",
    ]
    .iter()
    .map(|name| page.find(&format!(">{name}</a>")).expect(name))
    .collect();
    assert!(positions.is_sorted(), "{positions:?}");
    assert!(page.contains("Demandes 1 à 6 sur 6"));
    // Both areas together, and the exploitation list alone.
    assert_eq!(
        t.wait_list("").await["requests"].as_array().unwrap().len(),
        7
    );
    let exploitation = t.wait_list("?service_area=exploitation").await;
    assert_eq!(exploitation["requests"][0]["name"], "Xavière Xenos");
    assert_eq!(exploitation["by_code"][0]["count"], 1);
    // Time passes: the waits grow with it.
    t.server.clock.advance(chrono::TimeDelta::days(7));
    assert_eq!(
        t.wait_list("?service_area=direct_help").await["by_code"][0]["longest_days"],
        47
    );
}

async fn bad_input_is_reported_at_each_field_in_both_languages_and_writes_nothing(engine: Engine) {
    let Some(t) = Intake::start(engine).await else {
        return;
    };
    // A value of another organization's list is not in this one's.
    let other = t
        .server
        .organization("Autre centre", OrganizationKind::Centre, false)
        .await;
    let foreign = t
        .server
        .store
        .list_values(other.id, havre_domain::lists::ListKind::Residence, false)
        .await
        .unwrap()[0]
        .id;
    let retired = t.value("referral_source", "help_line");
    t.server
        .store
        .retire_list_value(t.org.id, retired.parse().unwrap())
        .await
        .unwrap();

    let fields = |problem: &Value| -> Vec<(String, String)> {
        problem["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["field"].as_str().unwrap().to_owned(),
                    e["message"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let cases: Vec<(Value, &str, &str, &str)> = vec![
        (
            {
                let mut b = t.request("Nom", 1);
                b.as_object_mut().unwrap().remove("channel");
                b
            },
            "channel",
            "Ce champ est obligatoire.",
            "This field is required.",
        ),
        (
            {
                let mut b = t.request("Nom", 1);
                b["person"]["name"] = json!(null);
                b
            },
            // Named as the body nests it.
            "person.name",
            "Ce champ est obligatoire.",
            "This field is required.",
        ),
        (
            t.request("Nom", -1),
            "received_at",
            "Cette date est dans le futur.",
            "This date is in the future.",
        ),
        (
            {
                let mut b = t.request("Nom", 1);
                b["person"]["birth_year"] = json!(
                    t.server
                        .store
                        .now()
                        .format("%Y")
                        .to_string()
                        .parse::<i32>()
                        .unwrap()
                        + 1
                );
                b
            },
            "person.birth_year",
            "L'année de naissance est postérieure à la date de la demande.",
            "The year of birth is after the date of the request.",
        ),
        (
            {
                let mut b = t.request("Nom", 1);
                b["residence"] = json!(foreign.to_string());
                b
            },
            "residence",
            "Cette valeur ne fait pas partie de la liste.",
            "This value is not in the list.",
        ),
        (
            {
                let mut b = t.request("Nom", 1);
                b["referral_source"] = json!(retired);
                b
            },
            "referral_source",
            "Cette valeur ne fait pas partie de la liste.",
            "This value is not in the list.",
        ),
        (
            {
                let mut b = t.request("Nom", 1);
                b["assault_forms"] = json!([]);
                b
            },
            "assault_forms",
            "Choisissez une valeur.",
            "Choose a value.",
        ),
        (
            {
                let mut b = t.request("Nom", 1);
                b["disposition"] = json!(t.value("relation", "entourage"));
                b
            },
            "disposition",
            "Cette valeur ne fait pas partie de la liste.",
            "This value is not in the list.",
        ),
        (
            {
                let mut b = t.request("Nom", 1);
                b["channel"] = json!("pigeon");
                b
            },
            "channel",
            "Cette valeur ne fait pas partie de la liste.",
            "This value is not in the list.",
        ),
        (
            {
                let mut b = t.request("Nom", 1);
                b["voluntary"] = json!(false);
                b
            },
            "exception_reason",
            "Une demande qui n'est pas faite par la personne elle-même demande une raison.",
            "A request not made by the person herself needs a reason.",
        ),
        (
            {
                let mut b = t.request("Nom", 1);
                b["decided_code"] = json!(1);
                b
            },
            "decided_code",
            "Un code différent du code proposé demande la raison clinique.",
            "A code other than the proposed one needs the clinical reason.",
        ),
        (
            {
                let mut b = t.request("Nom", 1);
                b["teenager"] = json!(true);
                b["decided_code"] = json!(3);
                b["override_reason"] = json!("attente");
                b
            },
            "decided_code",
            "Une adolescente n'est jamais en code 3.",
            "A teenager is never code 3.",
        ),
    ];
    for (body, field, fr, en) in cases {
        for (lang, message) in [("fr-CA", fr), ("en-CA", en)] {
            let r = t.post(&body, lang).await;
            assert_eq!(r.status(), 422, "{field} in {lang}");
            assert_eq!(r.headers()["content-type"], "application/problem+json");
            let problem: Value = r.json().await.unwrap();
            assert!(
                fields(&problem).contains(&(field.to_owned(), message.to_owned())),
                "{field} in {lang}: {problem}"
            );
        }
    }
    // Not JSON at all: a problem too, not a crash.
    let r = reqwest::Client::new()
        .post(t.server.url("/api/v1/help-requests"))
        .bearer_auth(&t.token)
        .header("content-type", "application/json")
        .body("{ pas du json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert_eq!(
        r.json::<Value>().await.unwrap()["errors"][0]["field"],
        "body"
    );
    // Nothing was written: no request, no person.
    assert_eq!(
        t.wait_list("").await["requests"].as_array().unwrap().len(),
        0
    );
    use sea_orm::{EntityTrait, PaginatorTrait};
    assert_eq!(
        havre_store::entity::person::Entity::find()
            .count(t.server.store.db())
            .await
            .unwrap(),
        0
    );
    // The same request, corrected, goes through; an override with its reason is kept.
    let mut body = t.request("Nom", 1);
    body["decided_code"] = json!(1);
    body["override_reason"] = json!("Détresse entendue pendant l'appel");
    let ok = t.record(body).await;
    assert_eq!(
        (ok["proposed_code"].as_i64(), ok["decided_code"].as_i64()),
        (Some(2), Some(1))
    );
}

async fn a_returning_person_opens_a_new_episode(engine: Engine) {
    let Some(t) = Intake::start(engine).await else {
        return;
    };
    let mut first = t.request("Émilie Côté-Roy", 100);
    first["person"]["birth_year"] = json!(1988);
    let one = t.record(first).await;
    assert_eq!(one["sequence"], 1);
    // Same name written otherwise, same year, no phone: found by the name-and-year index.
    let mut second = t.request("emilie cote roy", 10);
    second["person"]["birth_year"] = json!(1988);
    let two = t.record(second).await;
    assert_eq!(
        (two["sequence"].as_i64(), &two["person_id"]),
        (Some(2), &one["person_id"])
    );
    // Same name, another year: somebody else.
    let mut other = t.request("Émilie Côté-Roy", 5);
    other["person"]["birth_year"] = json!(1999);
    let three = t.record(other).await;
    assert_eq!(three["sequence"], 1);
    assert_ne!(three["person_id"], one["person_id"]);
    // The names are sealed: the table holds no name in clear, only its keyed indexes.
    use sea_orm::EntityTrait;
    for p in havre_store::entity::person::Entity::find()
        .all(t.server.store.db())
        .await
        .unwrap()
    {
        assert!(
            !p.name_sealed.contains("Côté") && !p.name_sealed.to_lowercase().contains("emilie")
        );
        assert!(p.name_year_index.is_some());
    }
}

async fn only_the_intake_team_records_requests_and_sees_the_wait_list(engine: Engine) {
    let Some(t) = Intake::start(engine).await else {
        return;
    };
    for role in [
        Role::Volunteer,
        Role::BoardMember,
        Role::PreventionWorker,
        Role::Administrator,
    ] {
        let user = t
            .server
            .user(&t.org, &format!("{}@rive.example", role.as_str()), &[role])
            .await;
        let token = t.server.token(&user, Scope::Write).await;
        let api = reqwest::Client::new();
        assert_eq!(
            api.post(t.server.url("/api/v1/help-requests"))
                .bearer_auth(&token)
                .json(&t.request("Nom", 1))
                .send()
                .await
                .unwrap()
                .status(),
            403,
            "{role}"
        );
        assert_eq!(
            api.get(t.server.url("/api/v1/waitlist"))
                .bearer_auth(&token)
                .send()
                .await
                .unwrap()
                .status(),
            403,
            "{role}"
        );
    }
    // Another organization's team sees none of this one's requests.
    t.record(t.request("Nom", 1)).await;
    let other = t
        .server
        .organization("Autre centre", OrganizationKind::Centre, false)
        .await;
    let coord = t
        .server
        .user(&other, "coord@autre.example", &[Role::Coordinator])
        .await;
    let token = t.server.token(&coord, Scope::Read).await;
    let list: Value = reqwest::Client::new()
        .get(t.server.url("/api/v1/waitlist"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["requests"].as_array().unwrap().len(), 0);
}

async fn the_team_assigns_books_and_closes_waiting_requests(engine: Engine) {
    let Some(t) = Intake::start(engine).await else {
        return;
    };
    let caseworker = t
        .server
        .store
        .user_by_email("int@rive.example")
        .await
        .unwrap();
    let volunteer = t
        .server
        .user(&t.org, "benevole@rive.example", &[Role::Volunteer])
        .await;
    let id = t.record(t.request("Gisèle Gauthier", 12)).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let other = t.record(t.request("Hélène Hébert", 5)).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let api = reqwest::Client::new();
    let post = |path: String, body: Value| {
        let api = api.clone();
        let url = t.server.url(&path);
        let token = t.token.clone();
        async move {
            api.post(url)
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .unwrap()
        }
    };

    // Assigned to a caseworker; not to a volunteer, who reads no file.
    let r = post(
        format!("/api/v1/help-requests/{id}/assign"),
        json!({"user_id": volunteer.id}),
    )
    .await;
    assert_eq!(r.status(), 422);
    let r: Value = post(
        format!("/api/v1/help-requests/{id}/assign"),
        json!({"user_id": caseworker.id}),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(r["assigned_to"], caseworker.id.to_string());

    // A first meeting cannot come before the request; then booked.
    let before = (t.server.store.now() - chrono::TimeDelta::days(20)).to_rfc3339();
    let r = post(
        format!("/api/v1/help-requests/{id}/first-meeting"),
        json!({"at": before, "place": "Au centre"}),
    )
    .await;
    assert_eq!(r.status(), 422);
    let problem: Value = r.json().await.unwrap();
    assert_eq!(
        problem["errors"][0]["message"],
        "La rencontre ne peut pas précéder la demande."
    );
    let at = (t.server.store.now() + chrono::TimeDelta::days(2)).to_rfc3339();
    let r: Value = post(
        format!("/api/v1/help-requests/{id}/first-meeting"),
        json!({"at": at, "place": "Au centre"}),
    )
    .await
    .json()
    .await
    .unwrap();
    assert!(r["first_meeting_at"].is_string());

    // Closed with a reason, it leaves the list; an unknown reason is refused.
    assert_eq!(
        post(
            format!("/api/v1/help-requests/{other}/close"),
            json!({"reason": "lassitude"})
        )
        .await
        .status(),
        422
    );
    assert_eq!(
        post(
            format!("/api/v1/help-requests/{other}/close"),
            json!({"reason": "unreachable"})
        )
        .await
        .status(),
        200
    );
    let list = t.wait_list("").await;
    let names: Vec<&str> = list["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Gisèle Gauthier"]);
    assert_eq!(list["by_code"][1]["count"], 1);
    // The page names who has her request.
    let (client, _) = t.server.login("int@rive.example").await;
    let page = client
        .get(t.server.url("/waitlist"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let at = page.find(">Gisèle Gauthier</a>").expect("her line");
    let line = &page[at..at + page[at..].find("</tr>").unwrap()];
    assert!(
        line.contains(&format!("<td>{}</td>", caseworker.name)),
        "{line}"
    );
    // A closed request is no longer on the list to act on.
    assert_eq!(
        post(
            format!("/api/v1/help-requests/{other}/close"),
            json!({"reason": "unreachable"})
        )
        .await
        .status(),
        404
    );
}

async fn the_help_request_page_shows_each_problem_at_its_field(engine: Engine) {
    let Some(t) = Intake::start(engine).await else {
        return;
    };
    let (client, csrf) = t.server.login("int@rive.example").await;
    let page = t
        .server
        .html(&client, "/help-requests/new")
        .await
        .replace("&#39;", "'");
    assert!(
        page.contains("Nouvelle demande d'aide")
            && page.contains("Consignes de contact sécuritaire")
    );
    let tomorrow = (t.server.store.now() + chrono::TimeDelta::days(2))
        .format("%Y-%m-%d")
        .to_string();
    let r = client
        .post(t.server.url("/help-requests"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("received_date", tomorrow.as_str()),
            ("received_time", "10:00"),
            ("channel", "phone"),
            ("service_area", "direct_help"),
            ("name", ""),
            ("birth_year", "mil neuf cent"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap().replace("&#39;", "'");
    for (field, message) in [
        ("name", "Ce champ est obligatoire."),
        ("birth_year", "Cette valeur n'est pas valide."),
        ("requester", "Choisissez une valeur."),
        ("assault_forms", "Choisissez une valeur."),
    ] {
        assert!(
            html.contains(&format!("id=\"err-{field}\">{message}")),
            "{field}: {message}"
        );
    }
    assert!(
        html.contains("value=\"mil neuf cent\""),
        "what was typed is shown back"
    );
    // Complete but dated after today: the date is refused at its field.
    let form = vec![
        ("csrf", csrf.clone()),
        ("received_date", tomorrow.clone()),
        ("received_time", "10:00".into()),
        ("channel", "phone".into()),
        ("service_area", "direct_help".into()),
        ("voluntary", "on".into()),
        ("name", "Jeanne Jodoin".into()),
        ("requester", t.value("requester", "herself")),
        ("age_at_request", t.value("age_at_request", "25_34")),
        ("age_at_assault", t.value("age_at_assault", "12_17")),
        ("referral_source", t.value("referral_source", "internet")),
        ("residence", t.value("residence", "outside")),
        ("assault_forms", t.value("assault_form", "touching")),
        ("relations", t.value("relation", "entourage")),
    ];
    let r = client
        .post(t.server.url("/help-requests"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("id=\"err-received_at\">Cette date est dans le futur.")
    );
    assert_eq!(
        t.wait_list("").await["requests"].as_array().unwrap().len(),
        0,
        "nothing was written"
    );
}

async fn a_referral_not_reached_in_24_hours_is_overdue_and_one_reached_is_not(engine: Engine) {
    let Some(t) = Intake::start(engine).await else {
        return;
    };
    let api = reqwest::Client::new();
    let now = t.server.store.now();
    let receive = |centre: &'static str| {
        let api = api.clone();
        let url = t.server.url("/api/v1/referrals");
        let token = t.token.clone();
        async move {
            let r = api
                .post(url)
                .bearer_auth(token)
                .json(&json!({"received_at": now.to_rfc3339(), "centre": centre}))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 201);
            r.json::<Value>().await.unwrap()
        }
    };
    let unreached = receive("Hôpital de la Rive").await;
    let reached = receive("CHU du Fleuve").await;
    assert_eq!(unreached["callback"], "upcoming");
    // Three hours later, the second one is reached; the first one rings out.
    t.server.clock.advance(chrono::TimeDelta::hours(3));
    let at = t.server.store.now().to_rfc3339();
    let r: Value = api
        .post(t.server.url(&format!(
            "/api/v1/referrals/{}/attempts",
            reached["id"].as_str().unwrap()
        )))
        .bearer_auth(&t.token)
        .json(&json!({"at": at, "reached": true}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["callback"], "reached");
    let r: Value = api
        .post(t.server.url(&format!(
            "/api/v1/referrals/{}/attempts",
            unreached["id"].as_str().unwrap()
        )))
        .bearer_auth(&t.token)
        .json(&json!({"at": at, "reached": false, "note": "Boîte vocale pleine"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (r["callback"].as_str(), r["attempts"].as_i64()),
        (Some("upcoming"), Some(1))
    );
    // An attempt before the referral arrived is refused.
    let before = (now - chrono::TimeDelta::hours(1)).to_rfc3339();
    let bad = api
        .post(t.server.url(&format!(
            "/api/v1/referrals/{}/attempts",
            unreached["id"].as_str().unwrap()
        )))
        .bearer_auth(&t.token)
        .json(&json!({"at": before, "reached": false}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);

    let (client, _) = t.server.login("int@rive.example").await;
    let home = client
        .get(t.server.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
        .replace("&#39;", "'");
    assert!(
        home.contains("Aucun rappel en retard."),
        "nothing is overdue before 24 hours"
    );

    // 24 hours after receipt: the one not reached is overdue, the one reached is not.
    t.server.clock.advance(chrono::TimeDelta::hours(21));
    let open: Value = api
        .get(t.server.url("/api/v1/referrals"))
        .bearer_auth(&t.token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        open.as_array().unwrap().len(),
        1,
        "a reached referral is no longer open"
    );
    assert_eq!(
        (
            open[0]["centre"].as_str(),
            open[0]["callback"].as_str(),
            open[0]["late"].as_bool()
        ),
        (Some("Hôpital de la Rive"), Some("overdue"), Some(false))
    );
    // (The session went idle meanwhile: log in again, as the caseworker would.)
    let (client, _) = t.server.login("int@rive.example").await;
    let home = client
        .get(t.server.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
        .replace("&#39;", "'");
    assert!(
        home.contains("Une personne référée n'a pas été jointe 24 heures après la réception."),
        "{home}"
    );
    assert!(home.contains("Hôpital de la Rive") && !home.contains("CHU du Fleuve"));
    // Past 48 hours it is marked late.
    t.server.clock.advance(chrono::TimeDelta::hours(24));
    let (client, _) = t.server.login("int@rive.example").await;
    let home = client
        .get(t.server.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(home.contains("plus de 48 h"));
    // A volunteer's home page has no callbacks.
    let volunteer = t
        .server
        .user(&t.org, "benevole@rive.example", &[Role::Volunteer])
        .await;
    let (v, _) = t.server.login(&volunteer.email).await;
    assert!(
        !v.get(t.server.url("/"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
            .contains("overdue-referrals")
    );
}

async fn listening_calls_and_unmet_demand_are_counted(engine: Engine) {
    let Some(t) = Intake::start(engine).await else {
        return;
    };
    let api = reqwest::Client::new();
    let now = t.server.store.now();
    let listening = t.value("call_topic", "listening");
    let services = t.value("call_topic", "services");
    let post = |path: &'static str, body: Value| {
        let api = api.clone();
        let url = t.server.url(path);
        let token = t.token.clone();
        async move {
            api.post(url)
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .unwrap()
        }
    };
    let at = (now - chrono::TimeDelta::hours(2)).to_rfc3339();
    for (topic, minutes) in [(&listening, 25), (&listening, 40), (&services, 5)] {
        let r = post("/api/v1/calls", json!({"at": at, "duration_minutes": minutes, "topic": topic, "referral_given": "Ligne d'aide 24/7"})).await;
        assert_eq!(r.status(), 201);
    }
    // Bad calls: nothing is logged.
    for (body, field) in [
        (
            json!({"at": at, "duration_minutes": 0, "topic": listening}),
            "duration_minutes",
        ),
        (
            json!({"at": at, "duration_minutes": 1440, "topic": listening}),
            "duration_minutes",
        ),
        (
            json!({"at": (now + chrono::TimeDelta::hours(1)).to_rfc3339(), "duration_minutes": 5, "topic": listening}),
            "at",
        ),
        (
            json!({"at": at, "duration_minutes": 5, "topic": t.value("relation", "entourage")}),
            "topic",
        ),
    ] {
        let r = post("/api/v1/calls", body).await;
        assert_eq!(r.status(), 422, "{field}");
        assert_eq!(
            r.json::<Value>().await.unwrap()["errors"][0]["field"],
            field
        );
    }
    for reason in ["no_capacity", "no_capacity", "outside_territory"] {
        assert_eq!(
            post(
                "/api/v1/turn-aways",
                json!({"at": at, "service_area": "direct_help", "reason": reason})
            )
            .await
            .status(),
            201
        );
    }
    assert_eq!(
        post(
            "/api/v1/turn-aways",
            json!({"at": at, "service_area": "direct_help", "reason": "fatigue"})
        )
        .await
        .status(),
        422
    );
    // A waiting request closed as referred elsewhere is unmet demand too.
    let id = t.record(t.request("Karine Kirouac", 3)).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let closed = api
        .post(t.server.url(&format!("/api/v1/help-requests/{id}/close")))
        .bearer_auth(&t.token)
        .json(&json!({"reason": "referred_elsewhere"}))
        .send()
        .await
        .unwrap();
    assert_eq!(closed.status(), 200);

    let today = havre_domain::zone::Zone::default().day_of(now);
    let from = (today - chrono::TimeDelta::days(1)).format("%Y-%m-%d");
    let tally: Value = api
        .get(t.server.url(&format!(
            "/api/v1/intake/tally?from={from}&to={}",
            today.format("%Y-%m-%d")
        )))
        .bearer_auth(&t.token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (tally["calls"].as_i64(), tally["call_minutes"].as_i64()),
        (Some(3), Some(70))
    );
    assert_eq!(tally["calls_by_topic"][&listening], 2);
    assert_eq!(tally["calls_by_topic"][&services], 1);
    assert_eq!(tally["unmet"], 4);
    assert_eq!(
        tally["unmet_by_reason"],
        json!({"no_capacity": 2, "outside_territory": 1, "referred_elsewhere": 1})
    );
    // Calls name nobody: the table has no column for a name or a number.
    use sea_orm::EntityTrait;
    let call = havre_store::entity::call::Entity::find()
        .one(t.server.store.db())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(call.referral_given.as_deref(), Some("Ligne d'aide 24/7"));
}

async fn list_values_are_added_renamed_and_retired_without_changing_past_requests(engine: Engine) {
    let Some(t) = Intake::start(engine).await else {
        return;
    };
    let admin = t
        .server
        .user(&t.org, "admin@rive.example", &[Role::Administrator])
        .await;
    let admin_token = t.server.token(&admin, Scope::Write).await;
    let api = reqwest::Client::new();
    let outside = t.value("residence", "outside");
    let recorded = t.record(t.request("Louise Lamontagne", 4)).await;

    // The intake team cannot change the lists; the administrator can.
    let r = api
        .post(t.server.url("/api/v1/lists/residence/values"))
        .bearer_auth(&t.token)
        .json(&json!({"label_fr": "MRC de la Rive"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let added: Value = api
        .post(t.server.url("/api/v1/lists/residence/values"))
        .bearer_auth(&admin_token)
        .json(&json!({"label_fr": "MRC de la Rive"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (
            added["label_fr"].as_str(),
            added["label_en"].as_str(),
            added["key"].as_str()
        ),
        (Some("MRC de la Rive"), Some("MRC de la Rive"), None)
    );
    assert_eq!(
        api.post(t.server.url("/api/v1/lists/pointure/values"))
            .bearer_auth(&admin_token)
            .json(&json!({"label_fr": "x"}))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    let empty = api
        .post(t.server.url("/api/v1/lists/residence/values"))
        .bearer_auth(&admin_token)
        .json(&json!({"label_fr": "  "}))
        .send()
        .await
        .unwrap();
    assert_eq!(empty.status(), 422);

    // Renamed, then retired.
    let renamed: Value = api
        .patch(t.server.url(&format!("/api/v1/list-values/{outside}")))
        .bearer_auth(&admin_token)
        .json(&json!({"label_fr": "Hors de notre territoire", "label_en": "Outside our territory"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(renamed["label_fr"], "Hors de notre territoire");
    assert_eq!(
        renamed["key"], "outside",
        "the value keeps its key across names"
    );
    assert_eq!(
        api.post(
            t.server
                .url(&format!("/api/v1/list-values/{outside}/retire"))
        )
        .bearer_auth(&admin_token)
        .send()
        .await
        .unwrap()
        .status(),
        200
    );

    // No longer offered, refused for a new request…
    let lists: Value = api
        .get(t.server.url("/api/v1/lists"))
        .bearer_auth(&t.token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let residence: Vec<&str> = lists
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["list"] == "residence")
        .unwrap()["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["label_fr"].as_str().unwrap())
        .collect();
    assert_eq!(
        residence,
        ["Non demandé", "Information inconnue", "MRC de la Rive"]
    );
    let r = t.post(&t.request("Nouvelle personne", 1), "fr").await;
    assert_eq!(r.status(), 422);
    // …and the past request still holds it, unchanged.
    use sea_orm::EntityTrait;
    let id: uuid::Uuid = recorded["id"].as_str().unwrap().parse().unwrap();
    let row = havre_store::entity::help_request::Entity::find_by_id(id)
        .one(t.server.store.db())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.residence_id.to_string(), outside);
    let values = t
        .server
        .store
        .list_values(t.org.id, havre_domain::lists::ListKind::Residence, true)
        .await
        .unwrap();
    let held = values.iter().find(|v| v.id == row.residence_id).unwrap();
    assert!(held.retired && held.label_fr == "Hors de notre territoire");
}

async fn the_request_page_shows_the_safe_contact_banner_then_the_actions(engine: Engine) {
    let Some(t) = Intake::start(engine).await else {
        return;
    };
    let mut body = t.request("Maude Massicotte", 6);
    body["person"]["phone"] = json!("418 555-0123");
    body["safe_contact"] = json!({"may_call": true, "may_leave_message": false, "may_say_our_name": false, "hours": "entre 9 h et 11 h", "safe_number": ""});
    let id = t.record(body).await["id"].as_str().unwrap().to_owned();
    let (client, csrf) = t.server.login("int@rive.example").await;
    let page = client
        .get(t.server.url(&format!("/waitlist/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
        .replace("&#39;", "'");
    let banner = page.find("id=\"safe-contact\"").expect("the banner");
    let first_action = page.find("action=\"/waitlist/").expect("the actions");
    assert!(
        banner < first_action,
        "the safe-contact instructions come before any action"
    );
    for text in [
        "Ne pas laisser de message",
        "Ne pas dire le nom de l'organisme",
        "entre 9 h et 11 h",
        "418 555-0123",
    ] {
        assert!(page.contains(text), "{text}");
    }
    // Reading it is in the audit log.
    let read = t
        .server
        .store
        .audit_entries(t.org.id, Some(("help_request", &id)), 10)
        .await
        .unwrap();
    assert!(read.iter().any(|e| e.action == "help_request.read"));

    // A meeting before the request: the message at the form, nothing changed.
    let early = (t.server.store.now() - chrono::TimeDelta::days(30))
        .with_timezone(&havre_domain::zone::Zone::default().tz());
    let r = client
        .post(t.server.url(&format!("/waitlist/{id}/first-meeting")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("date", &early.format("%Y-%m-%d").to_string()),
            ("time", "10:00"),
            ("place", "Au centre"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("La rencontre ne peut pas précéder la demande.")
    );
    // Booked, then closed from the page.
    let soon = (t.server.store.now() + chrono::TimeDelta::days(3))
        .with_timezone(&havre_domain::zone::Zone::default().tz());
    let r = client
        .post(t.server.url(&format!("/waitlist/{id}/first-meeting")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("date", &soon.format("%Y-%m-%d").to_string()),
            ("time", "13:30"),
            ("place", "École secondaire de la Rive"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let list = t.wait_list("").await;
    assert!(list["requests"][0]["first_meeting_at"].is_string());
    let r = client
        .post(t.server.url(&format!("/waitlist/{id}/close")))
        .form(&[("csrf", csrf.as_str()), ("reason", "no_longer_wishes_help")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(
        t.wait_list("").await["requests"].as_array().unwrap().len(),
        0
    );
    assert_eq!(
        client
            .get(t.server.url(&format!("/waitlist/{id}")))
            .send()
            .await
            .unwrap()
            .status(),
        404,
        "a closed request has left the list"
    );
}

async fn the_calls_page_records_referrals_callbacks_calls_and_unmet_requests(engine: Engine) {
    let Some(t) = Intake::start(engine).await else {
        return;
    };
    let (client, csrf) = t.server.login("int@rive.example").await;
    assert_eq!(
        client
            .get(t.server.url("/intake/calls"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let now = havre_domain::zone::Zone::default().local(t.server.store.now());
    let post = |path: &'static str, form: Vec<(&'static str, String)>| {
        let client = client.clone();
        let url = t.server.url(path);
        async move { client.post(url).form(&form).send().await.unwrap() }
    };
    // A referral received by fax an hour ago.
    let hour_ago = now - chrono::TimeDelta::hours(1);
    let r = post(
        "/intake/referrals",
        vec![
            ("csrf", csrf.clone()),
            ("centre", "Hôpital de la Rive".into()),
            ("received_date", hour_ago.format("%Y-%m-%d").to_string()),
            ("received_time", hour_ago.format("%H:%M").to_string()),
        ],
    )
    .await;
    assert_eq!(r.status(), 200);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("La référence a été enregistrée.")
    );
    let open = t.server.store.open_referrals(t.org.id).await.unwrap();
    assert_eq!(open.len(), 1);
    // Called back and reached: it leaves the list of callbacks.
    let url = format!("/intake/referrals/{}/attempts", open[0].id);
    let r = client
        .post(t.server.url(&url))
        .form(&[
            ("csrf", csrf.as_str()),
            ("reached", "on"),
            ("note", "Rendez-vous proposé"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert!(
        t.server
            .store
            .open_referrals(t.org.id)
            .await
            .unwrap()
            .is_empty()
    );

    // A listening call: the duration is checked at its field.
    let topic = t.value("call_topic", "listening");
    let bad = post(
        "/intake/calls",
        vec![
            ("csrf", csrf.clone()),
            ("duration_minutes", "vingt".into()),
            ("topic", topic.clone()),
        ],
    )
    .await;
    assert_eq!(bad.status(), 422);
    assert!(
        bad.text()
            .await
            .unwrap()
            .contains("id=\"err-duration_minutes\"")
    );
    let ok = post(
        "/intake/calls",
        vec![
            ("csrf", csrf.clone()),
            ("duration_minutes", "20".into()),
            ("topic", topic),
            ("referral_given", "".into()),
        ],
    )
    .await;
    assert_eq!(ok.status(), 200);
    let ok = post(
        "/intake/turn-aways",
        vec![
            ("csrf", csrf.clone()),
            ("reason", "no_capacity".into()),
            ("service_area", "direct_help".into()),
            ("referral_given", "CALACS voisin".into()),
        ],
    )
    .await;
    assert_eq!(ok.status(), 200);
    let day = now.format("%Y-%m-%d").to_string();
    let tally: Value = reqwest::Client::new()
        .get(
            t.server
                .url(&format!("/api/v1/intake/tally?from={day}&to={day}")),
        )
        .bearer_auth(&t.token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (
            tally["calls"].as_i64(),
            tally["call_minutes"].as_i64(),
            tally["unmet"].as_i64()
        ),
        (Some(1), Some(20), Some(1))
    );
}

async fn the_lists_page_adds_renames_and_retires_values(engine: Engine) {
    let Some(t) = Intake::start(engine).await else {
        return;
    };
    t.server
        .user(&t.org, "admin@rive.example", &[Role::Administrator])
        .await;
    let (client, csrf) = t.server.login("admin@rive.example").await;
    let page = client
        .get(t.server.url("/organization/lists"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Lien avec les agresseurs") && page.contains("Proxénète/client"));
    let r = client
        .post(t.server.url("/organization/lists/residence/values"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("label_fr", "MRC de la Rive"),
            ("label_en", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let empty = client
        .post(t.server.url("/organization/lists/residence/values"))
        .form(&[("csrf", csrf.as_str()), ("label_fr", " "), ("label_en", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(empty.status(), 422);
    let outside = t.value("residence", "outside");
    let r = client
        .post(
            t.server
                .url(&format!("/organization/list-values/{outside}")),
        )
        .form(&[
            ("csrf", csrf.as_str()),
            ("label_fr", "Ailleurs"),
            ("label_en", "Elsewhere"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let r = client
        .post(
            t.server
                .url(&format!("/organization/list-values/{outside}/retire")),
        )
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let values = t
        .server
        .store
        .list_values(t.org.id, havre_domain::lists::ListKind::Residence, true)
        .await
        .unwrap();
    let labels: Vec<(&str, bool)> = values
        .iter()
        .map(|v| (v.label_fr.as_str(), v.retired))
        .collect();
    assert_eq!(
        labels,
        [
            ("Non demandé", false),
            ("Information inconnue", false),
            ("Ailleurs", true),
            ("MRC de la Rive", false)
        ]
    );
    // The intake team does not change the lists.
    let (caseworker, csrf) = t.server.login("int@rive.example").await;
    assert_eq!(
        caseworker
            .get(t.server.url("/organization/lists"))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    let r = caseworker
        .post(t.server.url("/organization/lists/residence/values"))
        .form(&[("csrf", csrf.as_str()), ("label_fr", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}

/// The designated-centre line counts the meetings that follow a referral: once a referral is
/// linked to the file it led to, her first meeting and follow-ups after it move from the
/// individual table to that line, each once however many referrals lead to her, and the
/// hours of direct help do not change.
async fn a_referral_linked_to_her_file_counts_the_meetings_that_follow_once(engine: Engine) {
    let Some(t) = Intake::start(engine).await else {
        return;
    };
    let s = &t.server;
    let coordinator = s
        .user(&t.org, "coord@rive.example", &[Role::Coordinator])
        .await;
    let token = s.token(&coordinator, Scope::Write).await;
    let api = reqwest::Client::new();
    let post = |path: String, body: Value| {
        let request = api.post(s.url(&path)).bearer_auth(&token).json(&body);
        async move {
            let r = request.send().await.unwrap();
            (
                r.status().as_u16(),
                r.json::<Value>().await.unwrap_or(Value::Null),
            )
        }
    };
    let now = s.store.now();
    let ago = |days: i64| now - chrono::TimeDelta::days(days);
    let (_, person) = request_of(s, &t.org, "Sophie Lavoie", 10, Default::default()).await;
    let mut referrals = Vec::new();
    for days in [12, 9] {
        let (status, r) = post(
            "/api/v1/referrals".into(),
            json!({ "received_at": ago(days), "centre": "CHU du Fleuve" }),
        )
        .await;
        assert_eq!(status, 201, "{r}");
        referrals.push(r["id"].as_str().unwrap().to_owned());
    }
    for (kind, days) in [
        ("first_meeting", 9),
        ("designated_centre", 8),
        ("follow_up", 7),
        ("follow_up", 6),
        ("accompaniment_court", 5),
    ] {
        let (status, r) = post(
            format!("/api/v1/files/{person}/meetings"),
            json!({ "kind": kind, "held_at": ago(days) + chrono::TimeDelta::hours(1), "place": "centre",
                    "duration_minutes": 60, "preparation_minutes": 15, "staff": [coordinator.id] }),
        )
        .await;
        assert_eq!(status, 201, "{kind}: {r}");
    }
    let today = havre_domain::zone::Zone::default().day_of(now);
    let report = || {
        let request = api
            .get(s.url(&format!(
                "/api/v1/reports/activity?from={}&to={today}",
                today - chrono::Days::new(30)
            )))
            .bearer_auth(&token);
        async move {
            let r = request.send().await.unwrap();
            assert_eq!(r.status(), 200);
            let report: Value = r.json().await.unwrap();
            let line = |table: &Value, key: &str| {
                table["lines"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|l| l["key"] == key)
                    .map(|l| {
                        (
                            l["persons"].as_i64().unwrap(),
                            l["meetings"].as_i64().unwrap(),
                        )
                    })
                    .unwrap_or((0, 0))
            };
            let current = &report["current"];
            let individual = &current["individual"];
            let designated = &current["designated_centre"];
            (
                line(individual, "first_meeting"),
                line(individual, "follow_up_women"),
                (
                    designated["persons"].as_i64().unwrap(),
                    designated["meetings"].as_i64().unwrap(),
                ),
                line(&current["accompaniments"], "accompaniment_court"),
                individual["invested_minutes"].as_i64().unwrap()
                    + designated["invested_minutes"].as_i64().unwrap(),
            )
        }
    };
    // Before any link, each meeting counts under its own kind.
    let before = report().await;
    assert_eq!(
        (before.0, before.1, before.2, before.3),
        ((1, 1), (1, 2), (1, 1), (1, 1))
    );
    // Both referrals lead to her file; a person of another organization is not in the list,
    // and another organization's referral is not found.
    for referral in &referrals {
        let (status, linked) = post(
            format!("/api/v1/referrals/{referral}/person"),
            json!({ "person_id": person }),
        )
        .await;
        assert_eq!(status, 200, "{linked}");
        assert_eq!(linked["person_id"], json!(person));
    }
    let elsewhere = s
        .organization("CALACS d'ailleurs", OrganizationKind::Centre, false)
        .await;
    let (_, stranger) = request_of(s, &elsewhere, "Autre Personne", 3, Default::default()).await;
    let (status, problem) = post(
        format!("/api/v1/referrals/{}/person", referrals[0]),
        json!({ "person_id": stranger }),
    )
    .await;
    assert_eq!(
        (status, problem["errors"][0]["field"].as_str()),
        (422, Some("person_id"))
    );
    let (status, _) = post(
        format!("/api/v1/referrals/{}/person", uuid::Uuid::new_v4()),
        json!({ "person_id": person }),
    )
    .await;
    assert_eq!(status, 404);
    // Her first meeting and follow-ups after the referral are the meetings that follow it:
    // counted once, in the designated-centre line only; the accompaniment stays where it is;
    // the hours of direct help are the same.
    let after = report().await;
    assert_eq!(
        (after.0, after.1, after.2, after.3),
        ((0, 0), (0, 0), (1, 4), (1, 1))
    );
    assert_eq!(after.4, before.4, "the same hours, counted once");
    let linked = s
        .store
        .audit_entries(t.org.id, None, 50)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "referral.linked")
        .count();
    assert_eq!(linked, 2);

    // On the intake page: a referral reached is offered to link to the file it led to, among
    // the persons whose requests came from a week before it on.
    let (status, third) = post(
        "/api/v1/referrals".into(),
        json!({ "received_at": ago(4), "centre": "Hôpital de la Baie" }),
    )
    .await;
    assert_eq!(status, 201);
    let third = third["id"].as_str().unwrap().to_owned();
    let (status, _) = post(
        format!("/api/v1/referrals/{third}/attempts"),
        json!({ "at": ago(3), "reached": true }),
    )
    .await;
    assert_eq!(status, 200);
    let (client, csrf) = s.login("coord@rive.example").await;
    let html = s.html(&client, "/intake/calls").await;
    let form = extract(
        &html,
        &format!("/intake/referrals/{third}/person"),
        "</form>",
    )
    .unwrap();
    assert!(
        form.contains("Hôpital de la Baie") && form.contains("Sophie Lavoie"),
        "{form}"
    );
    let link = |person: String| {
        let request = client
            .post(s.url(&format!("/intake/referrals/{third}/person")))
            .form(&[("csrf", csrf.clone()), ("person_id", person)]);
        async move { request.send().await.unwrap() }
    };
    let r = link(String::new()).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("id=\"err-person_id\""));
    let r = link(person.to_string()).await;
    assert_eq!(r.status(), 200);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("La référence est liée au dossier.")
    );
    let stored = {
        use sea_orm::EntityTrait;
        havre_store::entity::referral::Entity::find_by_id(third.parse::<uuid::Uuid>().unwrap())
            .one(s.store.db())
            .await
            .unwrap()
            .unwrap()
    };
    assert_eq!(stored.person_id, Some(Into::into(person)));
}

/// A visitor of the public page: no session, no cookie kept, redirects not followed.
fn visitor() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Sends the public page's form to ask for help: its status and the page answered.
async fn ask_for_help(
    s: &TestServer,
    org: &havre_store::organizations::Organization,
    fields: &[(&str, &str)],
) -> (u16, String) {
    let r = visitor()
        .post(s.url(&format!("/o/{}/help", org.slug)))
        .form(fields)
        .send()
        .await
        .unwrap();
    assert!(
        r.headers().get("set-cookie").is_none(),
        "no cookie for a visitor"
    );
    (r.status().as_u16(), r.text().await.unwrap())
}

/// A woman asks to be contacted from the public page and gives no name: her request waits on
/// the wait list, marked as from the form, her safe-contact rules before her words. The intake
/// records her help request from it; her words become the first note of her file, and the
/// request received online keeps nothing of her.
async fn help_asked_online_reaches_the_wait_list_and_her_file(engine: Engine) {
    let Some(intake) = Intake::start(engine).await else {
        return;
    };
    let (s, org) = (&intake.server, &intake.org);
    s.user(org, "coordination@rive.example", &[Role::Coordinator])
        .await;
    let (caseworker, _) = s.login("int@rive.example").await;
    let (coordinator, _) = s.login("coordination@rive.example").await;

    // The form sets no cookie, and carries the quick exit, the numbers to call in danger and
    // the trap for scripts.
    let r = visitor()
        .get(s.url(&format!("/o/{}/help", org.slug)))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers().get("set-cookie").is_none());
    let form = r.text().await.unwrap();
    for part in [
        "id=\"quick-exit\"",
        "href=\"tel:911\"",
        "href=\"tel:18889339007\"",
        "name=\"website\"",
    ] {
        assert!(form.contains(part), "{part}: {form}");
    }

    // Nothing of who she is is required, only a way back: without it nothing arrives, and
    // what she wrote stays in the form.
    let (status, page) = ask_for_help(
        s,
        org,
        &[("reply_by", "text"), ("needs", "Je veux parler.")],
    )
    .await;
    assert_eq!(status, 422);
    assert!(page.contains("id=\"err-phone\"") && page.contains("Je veux parler."));
    let list = s.html(&caseworker, "/waitlist").await;
    assert!(
        list.contains("Reçues en ligne : aucune à rappeler"),
        "{list}"
    );
    // What awaits the team is kept until a change: read now, it must not hide what arrives.
    assert!(
        !s.html(&caseworker, "/")
            .await
            .contains("id=\"online-waiting\"")
    );

    // With a number to text: received, and told what happens next.
    let age = intake.value("age_at_request", "18_24");
    let (status, page) = ask_for_help(
        s,
        org,
        &[
            ("reply_by", "text"),
            ("phone", "514 555-0199"),
            ("safe_hours", "en semaine après 18 h"),
            ("needs", "Je veux parler.\nPas de message vocal."),
            ("age_group", &age),
        ],
    )
    .await;
    assert_eq!(status, 200);
    let sent = extract(&page, "id=\"sent\">", "</div>").unwrap();
    insta::assert_snapshot!(sent.trim(), @r"
    <h2>Votre demande est reçue</h2>
      <p>Une intervenante vous contactera de la façon que vous avez choisie, aux moments que vous avez indiqués, habituellement dans les deux jours ouvrables. Si nous ne pouvons pas vous joindre sans danger, nous n’insisterons pas.</p>
      <p>Pour ne pas laisser de trace, fermez cette page ou utilisez la sortie rapide.</p>
    ");
    assert!(
        page.contains("href=\"tel:911\""),
        "the numbers stay in sight"
    );

    // Her home page tells the intake team first; the wait list shows it, marked as received
    // online, without a name.
    let home = s.html(&caseworker, "/").await;
    assert!(
        home.contains("1 demande reçue en ligne attend d’être rappelée."),
        "{home}"
    );
    let list = s.html(&caseworker, "/waitlist").await;
    let online = extract(&list, "id=\"online\">", "</section>").unwrap();
    let id = extract(&online, "/waitlist/online/", "\"").unwrap();
    assert!(
        online.contains("Reçue en ligne : 1 à rappeler")
            && online.contains("(sans prénom)")
            && online.contains("Par texto"),
        "{online}"
    );

    // The API gives the same: the list without her words, the request with them.
    let listed = ok(
        s,
        &intake.token,
        "GET",
        "/api/v1/online-requests",
        json!(null),
        200,
    )
    .await;
    assert_eq!(
        (
            listed[0]["name"].as_str(),
            listed[0]["reply_by"].as_str(),
            listed[0].get("needs")
        ),
        (Some(""), Some("text"), None)
    );
    let one = ok(
        s,
        &intake.token,
        "GET",
        &format!("/api/v1/online-requests/{id}"),
        json!(null),
        200,
    )
    .await;
    assert_eq!(one["safe_contact"]["may_call"], false);
    assert_eq!(one["safe_contact"]["safe_number"], "514 555-0199");
    assert_eq!(one["needs"], "Je veux parler.\nPas de message vocal.");

    // Her page: how to reach her safely first, then her words.
    let page = s.html(&caseworker, &format!("/waitlist/online/{id}")).await;
    let safe = extract(&page, "id=\"safe-contact\"", "</section>").unwrap();
    for rule in [
        "Ne pas l&#39;appeler",
        "Ne pas laisser de message",
        "en semaine après 18 h",
        "514 555-0199",
    ] {
        assert!(safe.contains(rule), "{rule}: {safe}");
    }
    assert!(page.find("id=\"safe-contact\"") < page.find("id=\"needs\""));
    // In English, the colon as English writes it.
    let english = s
        .html_in(&caseworker, &format!("/waitlist/online/{id}"), "en")
        .await;
    assert!(
        english.contains("<li>At which hours: en semaine après 18 h</li>"),
        "{english}"
    );
    assert!(page.contains("Je veux parler.\nPas de message vocal."));
    assert!(
        page.contains("Votre âge (facultatif) : 18 à 24 ans"),
        "{page}"
    );

    // The intake form starts from it: received online, her number, her rules.
    let form = s
        .html(&caseworker, &format!("/help-requests/new?online={id}"))
        .await;
    for part in [
        "<option value=\"web_form\" selected>".to_owned(),
        "value=\"514 555-0199\"".to_owned(),
        "value=\"en semaine après 18 h\"".to_owned(),
        format!("name=\"online_request\" value=\"{id}\""),
        format!("<option value=\"{age}\" selected>"),
    ] {
        assert!(form.contains(&part), "{part}");
    }

    // Recorded from it (here through the API, as the form posts it): it leaves the list, and
    // a second recording from it is refused at its field and records nothing.
    let mut body = intake.request("Léa", 0);
    body["channel"] = json!("web_form");
    body["online_request"] = json!(id);
    let recorded = intake.record(body.clone()).await;
    let waiting = intake.wait_list("").await["total"].clone();
    let list = s.html(&caseworker, "/waitlist").await;
    assert!(
        list.contains("Reçues en ligne : aucune à rappeler"),
        "{list}"
    );
    // The page of the list, kept until a change, shows her request at once.
    assert!(list.contains(">Léa<"), "{list}");
    assert!(
        !s.html(&caseworker, "/")
            .await
            .contains("id=\"online-waiting\"")
    );
    let again = intake.post(&body, "fr").await;
    assert_eq!(again.status(), 422);
    insta::assert_snapshot!(said(&again.json().await.unwrap()), @"online_request: Cette demande a déjà été traitée par une collègue.");
    assert_eq!(intake.wait_list("").await["total"], waiting);

    // Her words are the first note of her file; the request received online keeps nothing of
    // her, and its page says what became of it.
    let person = recorded["person_id"].as_str().unwrap();
    let file = s.html(&coordinator, &format!("/files/{person}")).await;
    assert!(file.contains("Je veux parler."), "{file}");
    let kept = s
        .store
        .online_request(&havre_store::Actor::operator(), org.id, id.parse().unwrap())
        .await
        .unwrap();
    assert_eq!(
        (
            kept.form.phone.as_str(),
            kept.form.needs.as_str(),
            kept.form.safe_hours.as_str()
        ),
        ("", "", "")
    );
    let page = s.html(&caseworker, &format!("/waitlist/online/{id}")).await;
    assert!(
        page.contains("Sa demande d’aide a été enregistrée") && !page.contains("514 555-0199"),
        "{page}"
    );
}

/// Thirty requests from one address in a minute: five arrive, the others are asked to wait,
/// what was typed kept in the form. A request whose trap was filled is acknowledged and kept
/// apart, never dropped, and closing it erases it. What a script types in every field shows
/// as text on every page that shows it. Another organization's team never reaches it.
async fn a_flood_from_one_address_is_slowed_and_what_a_script_types_shows_as_text(engine: Engine) {
    let Some(intake) = Intake::start(engine).await else {
        return;
    };
    let (s, org) = (&intake.server, &intake.org);
    let (caseworker, _) = s.login("int@rive.example").await;
    let script = "<script>alert(1)</script>";
    let escaped = "&#60;script&#62;alert(1)&#60;/script&#62;";

    // A script in every field: refused where it cannot be a way back, shown as text.
    let every: Vec<(&str, &str)> = [
        "name",
        "reply_by",
        "phone",
        "email",
        "safe_hours",
        "needs",
        "asked_by",
        "age_group",
        "region",
    ]
    .into_iter()
    .map(|f| (f, script))
    .collect();
    let (status, page) = ask_for_help(s, org, &every).await;
    assert_eq!(status, 422);
    assert!(!page.contains(script) && page.contains(escaped), "{page}");
    // In every field a visitor writes freely, with a way back that works: received.
    let (status, page) = ask_for_help(
        s,
        org,
        &[
            ("name", script),
            ("reply_by", "email"),
            ("email", "refuge@courriel.example"),
            ("safe_hours", script),
            ("needs", script),
        ],
    )
    .await;
    assert_eq!(status, 200, "{page}");
    let list = s.html(&caseworker, "/waitlist").await;
    let id = extract(&list, "/waitlist/online/", "\"").unwrap();
    let page = s.html(&caseworker, &format!("/waitlist/online/{id}")).await;
    for shown in [&list, &page] {
        assert!(!shown.contains(script) && shown.contains(escaped));
    }

    // The trap filled: acknowledged as any other, kept apart from those to call back.
    let (status, page) = ask_for_help(
        s,
        org,
        &[
            ("reply_by", "call"),
            ("phone", "418 555-0123"),
            ("website", "http://pub.example"),
        ],
    )
    .await;
    assert_eq!(status, 200);
    assert!(page.contains("id=\"sent\""));
    let list = s.html(&caseworker, "/waitlist").await;
    let online = extract(&list, "id=\"online\">", "</section>").unwrap();
    let apart = extract(&online, "<details id=\"suspected\">", "</details>").unwrap();
    assert!(online.contains("Reçue en ligne : 1 à rappeler"), "{online}");
    assert!(
        apart.contains("1 envoi probablement automatique"),
        "{apart}"
    );
    let trapped = extract(&apart, "/waitlist/online/", "\"").unwrap();

    // Closed as not a request for help: it leaves the list, and what was typed is erased.
    let csrf = s
        .csrf_of(&caseworker, &format!("/waitlist/online/{trapped}"))
        .await;
    let r = caseworker
        .post(s.url(&format!("/waitlist/online/{trapped}/close")))
        .form(&[("csrf", csrf.as_str()), ("closing", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422, "a closing says why");
    let r = caseworker
        .post(s.url(&format!("/waitlist/online/{trapped}/close")))
        .form(&[("csrf", csrf.as_str()), ("closing", "not_a_request")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let list = s.html(&caseworker, "/waitlist").await;
    assert!(!list.contains("id=\"suspected\""), "{list}");
    let page = s
        .html(&caseworker, &format!("/waitlist/online/{trapped}"))
        .await;
    assert!(
        page.contains("Classée : Pas une demande d’aide") && !page.contains("418 555-0123"),
        "{page}"
    );

    // Another organization's team does not reach it; a prevention worker has no wait list.
    let other = s
        .organization("CALACS d'ailleurs", OrganizationKind::Centre, false)
        .await;
    s.user(&other, "int@ailleurs.example", &[Role::Caseworker])
        .await;
    let (elsewhere, _) = s.login("int@ailleurs.example").await;
    let r = elsewhere
        .get(s.url(&format!("/waitlist/online/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    s.user(org, "prevention@rive.example", &[Role::PreventionWorker])
        .await;
    let (prevention, _) = s.login("prevention@rive.example").await;
    let r = prevention
        .get(s.url(&format!("/waitlist/online/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);

    // A flood, an hour later (what came before is forgotten): thirty from one address in a
    // minute. Five arrive; the others are asked to wait, with what was typed in the form.
    s.set_clock(s.store.now() + chrono::TimeDelta::hours(2));
    let mut statuses = Vec::new();
    for i in 0..30 {
        let phone = format!("418 555-01{i:02}");
        let (status, page) =
            ask_for_help(s, org, &[("reply_by", "call"), ("phone", phone.as_str())]).await;
        if status == 429 {
            assert!(
                page.contains("Attendez quelques minutes") && page.contains(&phone),
                "{page}"
            );
        }
        statuses.push(status);
    }
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 5);
    assert_eq!(statuses.iter().filter(|s| **s == 429).count(), 25);
    // Her session ended with the two hours gone by.
    let (caseworker, _) = s.login("int@rive.example").await;
    let list = s.html(&caseworker, "/waitlist").await;
    assert!(list.contains("Reçues en ligne : 6 à rappeler"), "{list}");
}
