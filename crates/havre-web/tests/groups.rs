//! Closed groups, drop-ins and the emergency fund through the API and the pages, on both
//! engines.

mod common;

use common::*;
use havre_domain::policy::Role;
use havre_store::organizations::{Organization, OrganizationKind};
use havre_store::testing::Engine;
use havre_store::tokens::Scope;
use serde_json::{Value, json};
use uuid::Uuid;

on_both_engines!(
    group_capacity_is_enforced_and_its_figures_are_exact,
    drop_ins_are_counted_and_bad_input_writes_nothing,
    the_fund_balance_follows_deposits_and_the_committee_decisions,
    sessions_and_drop_ins_to_come_are_not_recorded_as_held,
);

struct Team {
    server: TestServer,
    org: Organization,
    caseworker: havre_store::accounts::User,
    coordinator: havre_store::accounts::User,
    caseworker_token: String,
    coordinator_token: String,
}

impl Team {
    async fn start(engine: Engine) -> Option<Team> {
        let server = TestServer::start(engine).await?;
        let org = server
            .organization("CALACS du Fjord", OrganizationKind::Centre, false)
            .await;
        let caseworker = server
            .user(&org, "anne@fjord.example", &[Role::Caseworker])
            .await;
        let coordinator = server
            .user(&org, "coord@fjord.example", &[Role::Coordinator])
            .await;
        let caseworker_token = server.token(&caseworker, Scope::Write).await;
        let coordinator_token = server.token(&coordinator, Scope::Write).await;
        Some(Team {
            server,
            org,
            caseworker,
            coordinator,
            caseworker_token,
            coordinator_token,
        })
    }

    async fn call(&self, method: &str, token: &str, path: &str, body: Value) -> (u16, Value) {
        call(&self.server, token, method, path, body).await
    }

    fn at(&self, days: f64) -> chrono::DateTime<chrono::Utc> {
        self.server.store.now() + chrono::TimeDelta::minutes((days * 24.0 * 60.0) as i64)
    }
}

async fn group_capacity_is_enforced_and_its_figures_are_exact(engine: Engine) {
    let Some(team) = Team::start(engine).await else {
        return;
    };
    let t = &team;
    let s = &t.server;
    let (status, group) = t
        .call(
            "POST",
            &t.coordinator_token,
            "/api/v1/groups",
            json!({
                "name": "Groupe automne",
                "service_area": "direct_help",
                "capacity": 3,
                "starts_on": t.at(0.0),
                "facilitators": [t.caseworker.id, t.coordinator.id],
            }),
        )
        .await;
    assert_eq!(status, 201, "{group}");
    let group = group["id"].as_str().unwrap().to_owned();
    let mut requests = Vec::new();
    for (i, name) in ["Aline", "Brigitte", "Carmen", "Denise", "Estelle"]
        .into_iter()
        .enumerate()
    {
        requests.push(request_of(s, &t.org, name, 30 - i as i64, Default::default()).await);
    }
    let person = |i: usize| requests[i].1;
    let enrol = |i: usize| {
        let path = format!("/api/v1/groups/{group}/members");
        let body = json!({ "help_request_id": requests[i].0 });
        async move { t.call("POST", &t.caseworker_token, &path, body).await }
    };
    let mut members = Vec::new();
    for i in 0..3 {
        let (status, member) = enrol(i).await;
        assert_eq!(status, 201, "{member}");
        members.push(member["id"].as_str().unwrap().to_owned());
    }
    // A fourth woman finds the group full; she stays on the wait list.
    let (status, problem) = enrol(3).await;
    assert_eq!(status, 422);
    insta::assert_snapshot!(said(&problem), @"help_request_id: Le groupe est complet.");
    let (status, problem) = enrol(0).await;
    assert_eq!(
        (status, messages(&problem)[0].1.as_str()),
        (422, "Cette femme est déjà inscrite au groupe.")
    );
    let waiting: Vec<String> = s
        .store
        .wait_list(t.org.id, None)
        .await
        .unwrap()
        .requests
        .into_iter()
        .map(|r| r.name)
        .collect();
    assert_eq!(
        waiting,
        ["Denise", "Estelle"],
        "the enrolled left the wait list"
    );
    // Carmen withdraws before the first meeting: her place goes to Denise.
    let (status, _) = t
        .call(
            "POST",
            &t.caseworker_token,
            &format!("/api/v1/groups/{group}/members/{}/withdraw", members[2]),
            Value::Null,
        )
        .await;
    assert_eq!(status, 204);
    assert_eq!(enrol(3).await.0, 201);
    // Carmen left before any service: her request waits again, in its place.
    let waiting: Vec<String> = s
        .store
        .wait_list(t.org.id, None)
        .await
        .unwrap()
        .requests
        .into_iter()
        .map(|r| r.name)
        .collect();
    assert_eq!(waiting, ["Carmen", "Estelle"]);

    // A session is recorded once held: the days pass (to day 9 and a half, after the
    // check-in) before the team notes the sessions of the group's start.
    let start = t.at(0.0);
    let when = |days: f64| start + chrono::TimeDelta::minutes((days * 24.0 * 60.0) as i64);
    s.store
        .clock()
        .advance(chrono::TimeDelta::hours(9 * 24 + 12));
    let session = |body: Value| {
        let path = format!("/api/v1/groups/{group}/sessions");
        async move { t.call("POST", &t.caseworker_token, &path, body).await }
    };
    let both = json!([t.caseworker.id, t.coordinator.id]);
    let r = session(json!({
        "kind": "information", "held_at": when(0.5), "duration_minutes": 120,
        "preparation_minutes": 60, "headcount": 6, "staff": both,
    }))
    .await;
    assert_eq!(r.0, 201, "{}", r.1);
    let meeting = |days: f64, present: Vec<Uuid>, staff: Value| {
        json!({
            "kind": "meeting", "held_at": when(days), "duration_minutes": 180,
            "preparation_minutes": 120, "staff": staff, "present": present,
        })
    };
    assert_eq!(
        session(meeting(
            1.0,
            vec![person(0).into(), person(1).into(), person(3).into()],
            both.clone()
        ))
        .await
        .0,
        201
    );
    // Carmen left: she cannot be marked present, and nothing is written.
    let (status, problem) = session(meeting(
        8.0,
        vec![person(0).into(), person(2).into()],
        both.clone(),
    ))
    .await;
    assert_eq!(status, 422);
    insta::assert_snapshot!(said(&problem), @"present: Cette femme n'était pas inscrite au groupe à cette date.");
    assert_eq!(
        session(meeting(
            8.0,
            vec![person(0).into(), person(3).into()],
            both.clone()
        ))
        .await
        .0,
        201
    );
    let r = session(json!({
        "kind": "check_in", "held_at": when(9.0), "duration_minutes": 60,
        "preparation_minutes": 15, "staff": [t.caseworker.id], "person_id": person(1),
    }))
    .await;
    assert_eq!(r.0, 201, "{}", r.1);
    // Brigitte leaves after her check-in; the last meeting has two women.
    let (status, _) = t
        .call(
            "POST",
            &t.caseworker_token,
            &format!("/api/v1/groups/{group}/members/{}/withdraw", members[1]),
            Value::Null,
        )
        .await;
    assert_eq!(status, 204);
    s.store.clock().advance(chrono::TimeDelta::days(6));
    assert_eq!(
        session(meeting(
            15.0,
            vec![person(0).into(), person(3).into()],
            json!([t.caseworker.id])
        ))
        .await
        .0,
        201
    );

    let (status, detail) = t
        .call(
            "GET",
            &t.caseworker_token,
            &format!("/api/v1/groups/{group}"),
            Value::Null,
        )
        .await;
    assert_eq!(status, 200);
    // Its period ends with its last meeting held.
    let ends_on =
        chrono::DateTime::parse_from_rfc3339(detail["group"]["ends_on"].as_str().unwrap()).unwrap();
    assert_eq!(ends_on, when(15.0));
    let f = &detail["group"]["figures"];
    assert_eq!(
        (
            &f["women_at_start"],
            &f["women_at_end"],
            &f["meetings_held"],
            &f["attendance_total"]
        ),
        (&json!(3), &json!(2), &json!(3), &json!(7))
    );
    assert_eq!(f["preparation_minutes"], 360);
    assert_eq!(f["facilitation_minutes"], 180 * 2 + 180 * 2 + 180);
    assert_eq!(
        (
            &f["information_headcount"],
            &f["information_preparation_minutes"],
            &f["information_minutes"]
        ),
        (&json!(6), &json!(60), &json!(240))
    );
    assert_eq!(
        (&f["check_in_women"], &f["check_in_minutes"]),
        (&json!(1), &json!(75))
    );
    assert_eq!(f["invested_minutes"], 360 + 900 + 60 + 240 + 75);
    let attended: Vec<(String, i64)> = detail["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["name"].as_str().unwrap().to_owned(),
                m["attended"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        attended,
        [
            ("Aline".to_owned(), 3),
            ("Brigitte".to_owned(), 1),
            ("Carmen".to_owned(), 0),
            ("Denise".to_owned(), 3)
        ]
    );

    // The page shows the seed report's table with the same figures.
    let (client, _) = s.login("anne@fjord.example").await;
    let html = s.html(&client, &format!("/groups/{group}")).await;
    // Its period, "Décembre à janvier 2027", from its start to its last meeting, and its
    // facilitators.
    let months = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    let zone = havre_domain::zone::Zone::default();
    let (first, last) = (zone.day_of(start), zone.day_of(when(15.0)));
    let month = |d: chrono::NaiveDate| months[chrono::Datelike::month0(&d) as usize];
    let expected = if month(first) == month(last) {
        format!("{} {}", month(last), chrono::Datelike::year(&last))
    } else {
        format!(
            "{} à {} {}",
            month(first),
            month(last),
            chrono::Datelike::year(&last)
        )
    };
    let period = extract(&html, "id=\"group-period\"", "</p>").unwrap();
    assert!(
        period.to_lowercase().contains(&expected),
        "{expected} in {period}"
    );
    assert!(period.contains(&t.caseworker.name) && period.contains(&t.coordinator.name));
    let table = extract(&html, "id=\"group-figures\"", "</table>").unwrap();
    for expected in [
        "<th scope=\"row\">Femmes au début</th><td>3</td>",
        "<th scope=\"row\">Femmes à la fin</th><td>2</td>",
        "<td>3 / 22</td>",
        "<th scope=\"row\">Présences</th><td>7</td>",
        "<td>6 h</td>",
        "<td>15 h</td>",
        "6 femmes, préparation 1 h, 4 h",
        "1 femme rencontrée, 1 h 15",
        "<td>27 h 15</td>",
    ] {
        assert!(table.contains(expected), "{expected} in {table}");
    }
    // Another caseworker sees the groups, without names, and not the group's women.
    let other = s
        .user(&t.org, "autre@fjord.example", &[Role::Caseworker])
        .await;
    let other_token = s.token(&other, Scope::Read).await;
    let (status, list) = t
        .call("GET", &other_token, "/api/v1/groups", Value::Null)
        .await;
    assert_eq!(status, 200);
    assert_eq!(list[0]["enrolled"], 2);
    assert!(!list.to_string().contains("Aline"));
    assert_eq!(
        t.call(
            "GET",
            &other_token,
            &format!("/api/v1/groups/{group}"),
            Value::Null
        )
        .await
        .0,
        403
    );
    // A group's settings stay sensible.
    let (status, problem) = t
        .call(
            "POST",
            &t.coordinator_token,
            "/api/v1/groups",
            json!({ "name": "Trop grand", "service_area": "direct_help", "capacity": 0,
                    "planned_meetings": 100, "starts_on": t.at(0.0) }),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        messages(&problem)
            .into_iter()
            .map(|(f, _)| f)
            .collect::<Vec<_>>(),
        ["capacity", "planned_meetings"]
    );
}

async fn drop_ins_are_counted_and_bad_input_writes_nothing(engine: Engine) {
    let Some(team) = Team::start(engine).await else {
        return;
    };
    let t = &team;
    for (theme, attendance) in [("Prendre soin de soi", 7), ("Apprendre à parler au Je", 4)] {
        let (status, body) = t
            .call(
                "POST",
                &t.caseworker_token,
                "/api/v1/dropins",
                json!({ "service_area": "exploitation", "theme": theme, "held_at": t.at(-3.0),
                        "duration_minutes": 120, "preparation_minutes": 30, "attendance": attendance }),
            )
            .await;
        assert_eq!(status, 201, "{body}");
    }
    for (body, field, message) in [
        (
            json!({ "service_area": "exploitation", "theme": "Bilan", "held_at": t.at(-1.0),
                    "duration_minutes": 120, "attendance": -1 }),
            "attendance",
            "Écrivez un nombre de 0 à 200.",
        ),
        (
            json!({ "service_area": "exploitation", "theme": "  ", "held_at": t.at(-1.0),
                    "duration_minutes": 120, "attendance": 3 }),
            "theme",
            "Ce champ est obligatoire.",
        ),
        (
            json!({ "service_area": "exploitation", "theme": "Bilan", "held_at": t.at(-1.0),
                    "duration_minutes": 0, "attendance": 3 }),
            "duration_minutes",
            "La durée doit être d'une minute à 12 heures.",
        ),
    ] {
        let (status, problem) = t
            .call("POST", &t.caseworker_token, "/api/v1/dropins", body)
            .await;
        assert_eq!(status, 422);
        assert_eq!(
            messages(&problem),
            vec![(field.to_owned(), message.to_owned())]
        );
    }
    let (_, list) = t
        .call("GET", &t.caseworker_token, "/api/v1/dropins", Value::Null)
        .await;
    assert_eq!(
        list.as_array().unwrap().len(),
        2,
        "nothing else was written"
    );
    let (client, _) = t.server.login("anne@fjord.example").await;
    let html = client
        .get(t.server.url("/dropins"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("2 cafés-rencontres, 11 présences en tout."));
}

async fn the_fund_balance_follows_deposits_and_the_committee_decisions(engine: Engine) {
    let Some(team) = Team::start(engine).await else {
        return;
    };
    let t = &team;
    let s = &t.server;
    let (request, person) = request_of(s, &t.org, "Fanny Fortier", 10, Default::default()).await;
    let r = t
        .call(
            "POST",
            &t.coordinator_token,
            &format!("/api/v1/help-requests/{request}/assign"),
            json!({ "user_id": t.caseworker.id }),
        )
        .await;
    assert_eq!(r.0, 200);
    // Put in: $200. Only those who decide may.
    assert_eq!(
        t.call(
            "POST",
            &t.caseworker_token,
            "/api/v1/fund/deposits",
            json!({ "amount_cents": 20000 })
        )
        .await
        .0,
        403
    );
    let (status, _) = t
        .call(
            "POST",
            &t.coordinator_token,
            "/api/v1/fund/deposits",
            json!({ "amount_cents": 20000, "source": "Don de la Fondation" }),
        )
        .await;
    assert_eq!(status, 201);
    // Her caseworker asks, from the file; bad input is refused at its field.
    let path = format!("/api/v1/files/{person}/fund-requests");
    let (status, problem) = t
        .call(
            "POST",
            &t.caseworker_token,
            &path,
            json!({ "amount_cents": 0, "purpose": "jewels" }),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        messages(&problem)
            .into_iter()
            .map(|(f, _)| f)
            .collect::<Vec<_>>(),
        ["amount_cents", "purpose"]
    );
    let (_, small) = t
        .call(
            "POST",
            &t.caseworker_token,
            &path,
            json!({ "amount_cents": 7500, "purpose": "gift_card", "note": "Épicerie de la semaine" }),
        )
        .await;
    let (_, large) = t
        .call(
            "POST",
            &t.caseworker_token,
            &path,
            json!({ "amount_cents": 30000, "purpose": "bill", "note": "Loyer en retard" }),
        )
        .await;
    assert_eq!(
        t.call("GET", &t.caseworker_token, "/api/v1/fund", Value::Null)
            .await
            .0,
        403,
        "a caseworker does not see the fund's ledger"
    );
    let decide = |id: &Value, body: Value, token: &str| {
        let path = format!(
            "/api/v1/fund/requests/{}/decision",
            id["id"].as_str().unwrap()
        );
        let token = token.to_owned();
        async move { t.call("POST", &token, &path, body).await }
    };
    assert_eq!(
        decide(
            &small,
            json!({ "decision": "approve", "granted_cents": 6000 }),
            &t.caseworker_token
        )
        .await
        .0,
        403
    );
    let (status, _) = decide(
        &small,
        json!({ "decision": "approve", "granted_cents": 6000, "note": "Carte de 60 $" }),
        &t.coordinator_token,
    )
    .await;
    assert_eq!(status, 204);
    // The fund has $140 left: $300 cannot be granted, and the request still waits.
    let (status, problem) = decide(
        &large,
        json!({ "decision": "approve", "granted_cents": 30000 }),
        &t.coordinator_token,
    )
    .await;
    assert_eq!(status, 422);
    insta::assert_snapshot!(said(&problem), @"granted_cents: Le solde du fonds ne permet pas d'accorder ce montant.");
    let (_, fund) = t
        .call("GET", &t.coordinator_token, "/api/v1/fund", Value::Null)
        .await;
    assert_eq!(
        (
            &fund["deposited_cents"],
            &fund["granted_cents"],
            &fund["balance_cents"],
            &fund["pending_cents"]
        ),
        (&json!(20000), &json!(6000), &json!(14000), &json!(30000))
    );
    assert_eq!(
        decide(
            &large,
            json!({ "decision": "refuse" }),
            &t.coordinator_token
        )
        .await
        .0,
        204
    );
    // A decided request cannot be decided again.
    assert_eq!(
        decide(
            &large,
            json!({ "decision": "refuse" }),
            &t.coordinator_token
        )
        .await
        .0,
        404
    );
    let (_, fund) = t
        .call("GET", &t.coordinator_token, "/api/v1/fund", Value::Null)
        .await;
    assert_eq!(
        (&fund["balance_cents"], &fund["pending_cents"]),
        (&json!(14000), &json!(0))
    );
    let statuses: Vec<&str> = fund["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses.iter().filter(|s| **s == "approved").count(), 1);
    assert_eq!(statuses.iter().filter(|s| **s == "refused").count(), 1);
    assert!(fund.to_string().contains("Loyer en retard"));
    // A service-area lead on the committee sees amounts and decisions, but not the name or
    // the need of a woman whose file she may not open.
    let lead = s
        .user(&t.org, "volet@fjord.example", &[Role::ServiceAreaLead])
        .await;
    let lead_token = s.token(&lead, Scope::Read).await;
    let (status, seen) = t
        .call("GET", &lead_token, "/api/v1/fund", Value::Null)
        .await;
    assert_eq!((status, &seen["balance_cents"]), (200, &json!(14000)));
    assert!(!seen.to_string().contains("Fanny") && !seen.to_string().contains("Loyer"));
    assert!(
        fund.to_string().contains("Fanny Fortier"),
        "the coordinator sees her name"
    );
    // The committee's page and her file show it as the team writes money.
    let (client, _) = s.login("coord@fjord.example").await;
    let html = s.html(&client, "/fund").await;
    let balance = extract(&html, "id=\"fund-balance\"", "</table>").unwrap();
    assert!(balance.contains("140,00\u{A0}$"), "{balance}");
    let (client, _) = s.login("anne@fjord.example").await;
    let html = s.html(&client, &format!("/files/{person}")).await;
    let section = extract(&html, "id=\"fund\"", "</section>").unwrap();
    assert!(section.contains("75,00\u{A0}$") && section.contains("60,00\u{A0}$"));
    assert!(section.contains("Accordée") && section.contains("Refusée"));
    assert_eq!(
        client.get(s.url("/fund")).send().await.unwrap().status(),
        403
    );
}

async fn sessions_and_drop_ins_to_come_are_not_recorded_as_held(engine: Engine) {
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let Some(team) = Team::start(engine).await else {
        return;
    };
    let t = &team;
    let s = &t.server;
    let (status, group) = t
        .call(
            "POST",
            &t.coordinator_token,
            "/api/v1/groups",
            json!({ "name": "Groupe hiver", "service_area": "direct_help", "capacity": 8,
                    "starts_on": t.at(-7.0), "facilitators": [t.caseworker.id] }),
        )
        .await;
    assert_eq!(status, 201, "{group}");
    let group = group["id"].as_str().unwrap().to_owned();
    let db = s.store.db();
    let written = || async {
        (
            havre_store::entity::group_session::Entity::find()
                .count(db)
                .await
                .unwrap(),
            havre_store::entity::dropin::Entity::find()
                .count(db)
                .await
                .unwrap(),
            // The API reads the group before recording in it, and that read is audited;
            // nothing else may be.
            havre_store::entity::audit_entry::Entity::find()
                .filter(havre_store::entity::audit_entry::Column::Action.ne("group.read"))
                .count(db)
                .await
                .unwrap(),
        )
    };
    let before = written().await;
    let to_come = "Cette date est à venir : on ne note ici que ce qui a eu lieu.";
    for ahead in [1.0, 10.0 / (24.0 * 60.0)] {
        for kind in ["information", "meeting", "check_in"] {
            let (status, problem) = t
                .call(
                    "POST",
                    &t.caseworker_token,
                    &format!("/api/v1/groups/{group}/sessions"),
                    json!({ "kind": kind, "held_at": t.at(ahead), "duration_minutes": 120,
                            "headcount": 4 }),
                )
                .await;
            assert_eq!(status, 422, "{kind}: {problem}");
            assert!(
                messages(&problem).contains(&("held_at".to_owned(), to_come.to_owned())),
                "{kind}: {problem}"
            );
        }
        let (status, problem) = t
            .call(
                "POST",
                &t.caseworker_token,
                "/api/v1/dropins",
                json!({ "service_area": "exploitation", "theme": "Bilan", "held_at": t.at(ahead),
                        "duration_minutes": 120, "attendance": 3 }),
            )
            .await;
        assert_eq!(status, 422);
        assert_eq!(
            messages(&problem),
            vec![("held_at".to_owned(), to_come.to_owned())]
        );
    }
    assert_eq!(written().await, before, "nothing written, nothing audited");
    // The drop-in page says it at the date.
    let (client, csrf) = s.login("anne@fjord.example").await;
    let tomorrow = havre_domain::zone::Zone::default()
        .local(t.at(1.0))
        .format("%Y-%m-%d")
        .to_string();
    let r = client
        .post(s.url("/dropins"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("service_area", "exploitation"),
            ("theme", "Bilan"),
            ("date", tomorrow.as_str()),
            ("time", "13:00"),
            ("duration", "120"),
            ("attendance", "3"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    let date = extract(&html, "id=\"err-date\"", "</p>").unwrap();
    assert!(date.contains(to_come), "{date}");
    assert_eq!(written().await.1, before.1);
    // What was just held is recorded.
    let (status, body) = t
        .call(
            "POST",
            &t.caseworker_token,
            &format!("/api/v1/groups/{group}/sessions"),
            json!({ "kind": "information", "held_at": t.at(0.0), "duration_minutes": 120,
                    "headcount": 4 }),
        )
        .await;
    assert_eq!(status, 201, "{body}");
}
