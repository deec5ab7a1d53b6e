//! Prevention through the API, on both engines: totals per workshop and per place, and
//! evaluations compiled as the seed report's annex prints them.

mod common;

use common::*;
use havre_domain::policy::Role;
use havre_store::testing::Engine;
use havre_store::tokens::Scope;
use serde_json::{Value, json};

on_both_engines!(
    totals_per_workshop_and_place_and_evaluation_percentages_are_exact,
    the_prevention_pages_record_animations_evaluations_and_trainings,
    a_schools_season_lists_its_animations_and_one_noted_in_error_is_taken_back,
    outreach_figures_add_up_per_label_and_bad_ones_write_nothing,
    a_workshop_may_have_no_number,
);

async fn totals_per_workshop_and_place_and_evaluation_percentages_are_exact(engine: Engine) {
    let Some((s, org)) = TestServer::centre(engine, "CALACS des Îles").await else {
        return;
    };
    let (_, token) = s
        .member(&org, "prev@iles.example", &[Role::PreventionWorker])
        .await;
    let (_, caseworker_token) = s
        .member(&org, "int@iles.example", &[Role::Caseworker])
        .await;
    assert_eq!(
        call(
            &s,
            &caseworker_token,
            "GET",
            "/api/v1/prevention/programs",
            Value::Null
        )
        .await
        .0,
        403,
        "prevention is the prevention team's"
    );

    let (status, program) = call(
        &s,
        &token,
        "POST",
        "/api/v1/prevention/programs",
        json!({ "name": "Empreinte", "service_area": "direct_help" }),
    )
    .await;
    assert_eq!(status, 201);
    let program = program["id"].as_str().unwrap().to_owned();
    let mut workshops = Vec::new();
    for (number, title) in [
        (1, "Les agressions à caractère sexuel"),
        (2, "Le consentement sexuel"),
    ] {
        let (status, w) = call(
            &s,
            &token,
            "POST",
            &format!("/api/v1/prevention/programs/{program}/workshops"),
            json!({
                "number": number, "title": title,
                "objective": "Mieux comprendre la problématique",
                "questions": ["L'information était facile à comprendre", "Apprentissage de nouvelles choses"],
            }),
        )
        .await;
        assert_eq!(status, 201, "{w}");
        workshops.push(w["id"].as_str().unwrap().to_owned());
    }
    let place = |label: &'static str| {
        let store = s.store.clone();
        let org = org.id;
        async move {
            store
                .add_list_value(org, havre_domain::lists::ListKind::Place, label, label)
                .await
                .unwrap()
                .id
        }
    };
    let (a, b) = (place("École A").await, place("École B").await);
    let now = s.store.now();
    let animate = |workshop: &str, place: uuid::Uuid, days: i64, counts: [i32; 6]| {
        json!({
            "workshop_id": workshop, "place_id": place,
            "held_at": now - chrono::TimeDelta::days(days),
            "class_groups": counts[0], "students": counts[1], "staff_participants": counts[2],
            "facilitation_minutes": counts[3], "travel_minutes": counts[4], "preparation_minutes": counts[5],
        })
    };
    let mut animations = Vec::new();
    for body in [
        animate(&workshops[0], a.into(), 10, [3, 75, 3, 225, 45, 30]),
        animate(&workshops[0], b.into(), 8, [2, 50, 2, 150, 30, 20]),
        animate(&workshops[1], a.into(), 5, [4, 101, 4, 300, 60, 40]),
        // Last year's: outside the period.
        animate(&workshops[1], b.into(), 400, [9, 250, 9, 600, 90, 60]),
    ] {
        let (status, r) = call(&s, &token, "POST", "/api/v1/prevention/animations", body).await;
        assert_eq!(status, 201, "{r}");
        animations.push(r["id"].as_str().unwrap().to_owned());
    }
    // Bad input: a negative count, a place of the wrong list; nothing is written.
    let mut bad = animate(&workshops[0], a.into(), 3, [1, -1, 0, 60, 0, 0]);
    let (status, problem) = call(
        &s,
        &token,
        "POST",
        "/api/v1/prevention/animations",
        bad.clone(),
    )
    .await;
    assert_eq!(status, 422);
    insta::assert_snapshot!(said(&problem), @"students: Écrivez un nombre de 0 à 3⍽000.");
    bad["students"] = json!(20);
    bad["place_id"] = json!(uuid::Uuid::new_v4());
    let (status, problem) = call(&s, &token, "POST", "/api/v1/prevention/animations", bad).await;
    assert_eq!(
        (status, messages(&problem)[0].0.as_str()),
        (422, "place_id")
    );
    // An animation still to come (tomorrow, in ten minutes) is not recorded as held: refused
    // at its field, nothing written (the totals below say so), nothing audited.
    let audited = audit_entries(&s).await;
    for ahead in [chrono::TimeDelta::days(1), chrono::TimeDelta::minutes(10)] {
        let mut to_come = animate(&workshops[0], a.into(), 0, [1, 20, 1, 60, 0, 0]);
        to_come["held_at"] = json!(now + ahead);
        let (status, problem) =
            call(&s, &token, "POST", "/api/v1/prevention/animations", to_come).await;
        assert_eq!(status, 422);
        insta::assert_snapshot!(said(&problem), @"held_at: Cette date est à venir : on ne note ici que ce qui a eu lieu.");
    }
    assert_eq!(audit_entries(&s).await, audited);

    let from = (now - chrono::TimeDelta::days(30)).date_naive();
    let to = now.date_naive();
    let totals = |by: &'static str| {
        let path = format!("/api/v1/prevention/totals?from={from}&to={to}&by={by}");
        let token = token.clone();
        let s = &s;
        async move {
            let (status, list) = call(s, &token, "GET", &path, Value::Null).await;
            assert_eq!(status, 200, "{list}");
            let mut rows: Vec<(String, Vec<i64>)> = list
                .as_array()
                .unwrap()
                .iter()
                .map(|t| {
                    (
                        t["key"].as_str().unwrap().to_owned(),
                        [
                            "animations",
                            "class_groups",
                            "students",
                            "staff_participants",
                            "facilitation_minutes",
                            "travel_minutes",
                            "preparation_minutes",
                        ]
                        .iter()
                        .map(|k| t[*k].as_i64().unwrap())
                        .collect(),
                    )
                })
                .collect();
            rows.sort();
            rows
        }
    };
    let mut expected = vec![
        (workshops[0].clone(), vec![2, 5, 125, 5, 375, 75, 50]),
        (workshops[1].clone(), vec![1, 4, 101, 4, 300, 60, 40]),
    ];
    expected.sort();
    assert_eq!(totals("workshop").await, expected);
    let mut expected = vec![
        (a.to_string(), vec![2, 7, 176, 7, 525, 105, 70]),
        (b.to_string(), vec![1, 2, 50, 2, 150, 30, 20]),
    ];
    expected.sort();
    assert_eq!(totals("place").await, expected);

    // Evaluations of workshop 1: the tallies of 23 forms from the first animation, then one
    // form entered alone.
    let (_, programs) = call(
        &s,
        &token,
        "GET",
        "/api/v1/prevention/programs",
        Value::Null,
    )
    .await;
    let questions: Vec<String> = programs[0]["workshops"][0]["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap().to_owned())
        .collect();
    let evaluate = |body: Value| {
        let path = format!("/api/v1/prevention/workshops/{}/evaluations", workshops[0]);
        let token = token.clone();
        let s = &s;
        async move { call(s, &token, "POST", &path, body).await }
    };
    let (status, r) = evaluate(json!({
        "animation_id": animations[0], "respondents": 23,
        "answers": [
            { "question_id": questions[0], "counts": [0, 2, 7, 14] },
            { "question_id": questions[1], "counts": [1, 4, 3, 1] },
        ],
    }))
    .await;
    assert_eq!(status, 201, "{r}");
    let (status, _) = evaluate(json!({
        "respondents": 1,
        "answers": [{ "question_id": questions[0], "counts": [0, 0, 0, 1] }],
    }))
    .await;
    assert_eq!(status, 201);
    // More respondents than people at the animation (78, of which 23 already entered), and
    // more answers than respondents: refused, nothing written.
    let (status, problem) = evaluate(json!({
        "animation_id": animations[0], "respondents": 56,
        "answers": [{ "question_id": questions[0], "counts": [0, 0, 0, 1] }],
    }))
    .await;
    assert_eq!(status, 422);
    insta::assert_snapshot!(said(&problem), @"respondents: Il y a plus de répondantes que de personnes présentes à cette animation.");
    let (status, problem) = evaluate(json!({
        "respondents": 2,
        "answers": [{ "question_id": questions[0], "counts": [1, 1, 1, 0] }],
    }))
    .await;
    assert_eq!(status, 422);
    assert_eq!(messages(&problem)[0].0, "answers");
    // Counts that would wrap a 32-bit sum around to nothing, and one question twice: refused.
    for answers in [
        json!([{ "question_id": questions[0], "counts": [2147483647u32, 2147483647u32, 2, 0] }]),
        json!([
            { "question_id": questions[0], "counts": [1, 0, 0, 0] },
            { "question_id": questions[0], "counts": [1, 0, 0, 0] },
        ]),
    ] {
        let (status, problem) = evaluate(json!({ "respondents": 1, "answers": answers })).await;
        assert_eq!(status, 422, "{problem}");
        assert_eq!(messages(&problem)[0].0, "answers");
    }

    let (status, compiled) = call(
        &s,
        &token,
        "GET",
        &format!(
            "/api/v1/prevention/workshops/{}/evaluations?from={from}&to={to}",
            workshops[0]
        ),
        Value::Null,
    )
    .await;
    assert_eq!(status, 200, "{compiled}");
    assert_eq!(compiled["respondents"], 24);
    assert_eq!(compiled["questions"][0]["counts"], json!([0, 2, 7, 15]));
    // 0, 8.33, 29.17, 62.5: rounded down 0, 8, 29, 62, and the point left to the largest
    // remainder.
    assert_eq!(
        compiled["questions"][0]["percentages"],
        json!([0, 8, 29, 63])
    );
    assert_eq!(compiled["questions"][1]["counts"], json!([1, 4, 3, 1]));
    assert_eq!(
        compiled["questions"][1]["percentages"],
        json!([11, 45, 33, 11])
    );

    // Trainings given.
    let (status, _) = call(
        &s,
        &token,
        "POST",
        "/api/v1/prevention/trainings",
        json!({ "held_at": now, "audience": "school_staff", "title": "Intervenir après un dévoilement",
                "participants": 72, "minutes": 180, "preparation_minutes": 60 }),
    )
    .await;
    assert_eq!(status, 201);
    let (status, problem) = call(
        &s,
        &token,
        "POST",
        "/api/v1/prevention/trainings",
        json!({ "held_at": now, "audience": "school_staff", "title": "X", "participants": -3, "minutes": 0 }),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(
        messages(&problem)
            .into_iter()
            .map(|(f, _)| f)
            .collect::<Vec<_>>(),
        ["participants", "minutes"]
    );
}

async fn the_prevention_pages_record_animations_evaluations_and_trainings(engine: Engine) {
    let Some((s, org)) = TestServer::centre(engine, "CALACS des Îles").await else {
        return;
    };
    let worker = s
        .user(&org, "prev@iles.example", &[Role::PreventionWorker])
        .await;
    let school = s
        .store
        .add_list_value(
            org.id,
            havre_domain::lists::ListKind::Place,
            "École secondaire des Chutes",
            "École secondaire des Chutes",
        )
        .await
        .unwrap()
        .id;
    let (client, csrf) = s.login("prev@iles.example").await;
    // A program and its workshop, with two questions, from the programs page.
    let r = client
        .post(s.url("/prevention/programs"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("name", "Empreinte"),
            ("service_area", "direct_help"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let program = s.store.programs(org.id).await.unwrap()[0].id;
    let r = client
        .post(s.url("/prevention/workshops"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("program_id", &program.to_string()),
            ("number", "2"),
            ("title", "Le consentement sexuel"),
            ("objective", "Mieux comprendre la notion de consentement"),
            (
                "questions",
                "L'information était facile à comprendre\nApprentissage de nouvelles choses\n",
            ),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let workshop = &s.store.programs(org.id).await.unwrap()[0].workshops[0];
    assert_eq!(workshop.questions.len(), 2);
    let today = havre_domain::zone::Zone::default().local(s.store.now());
    let animation = |students: &str| {
        vec![
            ("csrf", csrf.clone()),
            ("workshop_id", workshop.id.to_string()),
            ("place_id", school.to_string()),
            ("date", today.format("%Y-%m-%d").to_string()),
            // Early today, so that it has taken place whenever the test runs.
            ("time", "00:01".to_owned()),
            ("class_groups", "3".to_owned()),
            ("students", students.to_owned()),
            ("staff_participants", "3".to_owned()),
            ("facilitation", "225".to_owned()),
            ("travel", "45".to_owned()),
            ("preparation", "30".to_owned()),
            ("staff", worker.id.to_string()),
        ]
    };
    // A negative count: the message at its field, what was typed shown back, nothing kept.
    let r = client
        .post(s.url("/prevention/animations"))
        .form(&animation("-4"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(extract(&html, "id=\"err-students\"", "</p>").is_some());
    assert!(html.contains("value=\"-4\""));
    assert!(html.contains("Aucune animation cette année."));
    let r = client
        .post(s.url("/prevention/animations"))
        .form(&animation("90"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("Animation enregistrée."));
    let by_place = extract(&html, "id=\"by-place\"", "</section>").unwrap();
    assert!(by_place.contains("École secondaire des Chutes"));
    assert!(by_place.contains("<td>90</td>") && by_place.contains("<td>3 h 45</td>"));
    // The tallies of 9 forms, then the compiled percentages.
    let q = |i: usize| workshop.questions[i].id.to_string();
    let r = client
        .post(s.url("/prevention/evaluations"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("workshop", &workshop.id.to_string()),
            ("date", &today.format("%Y-%m-%d").to_string()),
            ("respondents", "9"),
            ("q0", &q(0)),
            ("a0_1", "1"),
            ("a0_2", "4"),
            ("a0_3", "3"),
            ("a0_4", "1"),
            ("q1", &q(1)),
            ("a1_4", "9"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let html = s
        .html(
            &client,
            &format!("/prevention/evaluations?workshop={}", workshop.id),
        )
        .await;
    let compiled = extract(&html, "id=\"compiled\"", "</section>").unwrap();
    assert!(compiled.contains("9 répondantes"));
    assert!(
        compiled
            .contains("<td>11\u{A0}%</td><td>45\u{A0}%</td><td>33\u{A0}%</td><td>11\u{A0}%</td>")
    );
    assert!(
        compiled.contains("<td>0\u{A0}%</td><td>0\u{A0}%</td><td>0\u{A0}%</td><td>100\u{A0}%</td>")
    );
    // More answers than forms: refused.
    let r = client
        .post(s.url("/prevention/evaluations"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("workshop", &workshop.id.to_string()),
            ("date", &today.format("%Y-%m-%d").to_string()),
            ("respondents", "1"),
            ("q0", &q(0)),
            ("a0_1", "2"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("id=\"err-answers\""));
    // A training given to school staff.
    let r = client
        .post(s.url("/prevention/trainings"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("date", &today.format("%Y-%m-%d").to_string()),
            ("audience", "school_staff"),
            ("title", "Intervenir après un dévoilement"),
            ("participants", "72"),
            ("minutes", "180"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("1 formation cette année, 72 personnes formées."));
    // A caseworker has no prevention pages.
    s.user(&org, "int@iles.example", &[Role::Caseworker]).await;
    let (other, _) = s.login("int@iles.example").await;
    assert_eq!(
        other
            .get(s.url("/prevention"))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
}

/// A school's season lists its animations of the year and their totals per workshop; an
/// animation noted in error is taken back by whoever noted it (or a coordinator), not by a
/// colleague; its evaluations stay; the audit keeps its figures.
async fn a_schools_season_lists_its_animations_and_one_noted_in_error_is_taken_back(
    engine: Engine,
) {
    let Some((s, org)) = TestServer::centre(engine, "CALACS des Îles").await else {
        return;
    };
    let worker = s
        .user(&org, "prev@iles.example", &[Role::PreventionWorker])
        .await;
    let colleague = s
        .user(&org, "collegue@iles.example", &[Role::PreventionWorker])
        .await;
    let token = s.token(&worker, Scope::Write).await;
    let colleague_token = s.token(&colleague, Scope::Write).await;
    let (status, program) = call(
        &s,
        &token,
        "POST",
        "/api/v1/prevention/programs",
        json!({ "name": "Empreinte", "service_area": "direct_help" }),
    )
    .await;
    assert_eq!(status, 201);
    let (status, workshop) = call(
        &s,
        &token,
        "POST",
        &format!("/api/v1/prevention/programs/{}/workshops", program["id"].as_str().unwrap()),
        json!({ "number": 2, "title": "Le consentement sexuel", "questions": ["Facile à comprendre"] }),
    )
    .await;
    assert_eq!(status, 201);
    let workshop = workshop["id"].as_str().unwrap().to_owned();
    let place = |label: &'static str| {
        let store = s.store.clone();
        let org = org.id;
        async move {
            store
                .add_list_value(org, havre_domain::lists::ListKind::Place, label, label)
                .await
                .unwrap()
                .id
        }
    };
    let (rive, chutes) = (
        place("École secondaire de la Rive").await,
        place("École des Chutes").await,
    );
    // Three animations the same morning, so that they share a reporting year whatever today is.
    let held_at = s.store.now() - chrono::TimeDelta::hours(3);
    let mut ids = Vec::new();
    for (place, students) in [(rive, 101), (rive, 27), (chutes, 55)] {
        let (status, r) = call(
            &s,
            &token,
            "POST",
            "/api/v1/prevention/animations",
            json!({
                "workshop_id": workshop, "place_id": place, "held_at": held_at,
                "class_groups": 1, "students": students, "staff_participants": 1,
                "facilitation_minutes": 75, "travel_minutes": 30, "preparation_minutes": 15,
            }),
        )
        .await;
        assert_eq!(status, 201, "{r}");
        ids.push(r["id"].as_str().unwrap().to_owned());
    }
    let (status, evaluation) = call(
        &s,
        &token,
        "GET",
        "/api/v1/prevention/programs",
        Value::Null,
    )
    .await;
    assert_eq!(status, 200);
    let question = evaluation[0]["workshops"][0]["questions"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, _) = call(
        &s,
        &token,
        "POST",
        &format!("/api/v1/prevention/workshops/{workshop}/evaluations"),
        json!({ "animation_id": ids[1], "respondents": 20,
                "answers": [{ "question_id": question, "counts": [0, 2, 8, 10] }] }),
    )
    .await;
    assert_eq!(status, 201);

    // The season of the Rive school, on the page and in the API.
    let year = havre_domain::year::YearStart::default()
        .year_of(havre_domain::zone::Zone::default().day_of(held_at))
        .0
        .format("%Y")
        .to_string();
    let (client, csrf) = s.login("prev@iles.example").await;
    let season = |client: reqwest::Client| {
        let url = s.url(&format!("/prevention/season?place={rive}&year={year}"));
        async move { client.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let html = season(client.clone()).await;
    let list = extract(&html, "id=\"season-animations\"", "</table>").unwrap();
    assert_eq!(list.matches("<tr><td>").count(), 2, "{list}");
    assert!(list.contains("<td>101</td>") && list.contains("<td>27</td>"));
    assert!(
        !list.contains("<td>55</td>"),
        "another school's animation is not listed"
    );
    let totals = extract(&html, "id=\"season-totals\"", "</table>").unwrap();
    assert!(
        totals.contains(
            "<td>2</td><td>2</td><td>128</td><td>2</td><td>2 h 30</td><td>1 h</td><td>0 h 30</td>"
        ),
        "{totals}"
    );
    let (status, listed) = call(
        &s,
        &token,
        "GET",
        &format!("/api/v1/prevention/animations?place_id={rive}"),
        Value::Null,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(listed.as_array().unwrap().len(), 2);

    // A colleague may not take back what she did not note; the worker may.
    let (status, _) = call(
        &s,
        &colleague_token,
        "POST",
        &format!("/api/v1/prevention/animations/{}/remove", ids[1]),
        Value::Null,
    )
    .await;
    assert_eq!(status, 403);
    let (colleague_client, _) = s.login("collegue@iles.example").await;
    let theirs = season(colleague_client).await;
    assert!(!theirs.contains("/remove"), "no button she could not use");
    let r = client
        .post(s.url(&format!("/prevention/animations/{}/remove", ids[1])))
        .form(&[
            ("csrf", csrf.as_str()),
            ("place", &rive.to_string()),
            ("year", &year),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"],
        format!("/prevention/season?place={rive}&year={year}").as_str()
    );
    let html = season(client.clone()).await;
    let list = extract(&html, "id=\"season-animations\"", "</table>").unwrap();
    assert_eq!(list.matches("<tr><td>").count(), 1);
    let (_, by_place) = call(
        &s,
        &token,
        "GET",
        "/api/v1/prevention/totals?by=place",
        Value::Null,
    )
    .await;
    let rive_total = by_place
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["key"] == rive.to_string())
        .unwrap()
        .clone();
    assert_eq!(
        (
            rive_total["animations"].clone(),
            rive_total["students"].clone()
        ),
        (json!(1), json!(101))
    );
    // Its evaluations stay with the workshop.
    let (_, compiled) = call(
        &s,
        &token,
        "GET",
        &format!("/api/v1/prevention/workshops/{workshop}/evaluations"),
        Value::Null,
    )
    .await;
    assert_eq!(compiled["respondents"], json!(20), "{compiled}");
    // The audit keeps what was taken back.
    let entries = s
        .store
        .audit_entries(org.id, Some(("animation", ids[1].as_str())), 10)
        .await
        .unwrap();
    let removal = entries
        .iter()
        .find(|e| e.detail.contains("\"removed\":true"))
        .expect("the removal is audited");
    assert!(
        removal.detail.contains("\"students\":27"),
        "{}",
        removal.detail
    );
    assert!(
        removal.detail.contains("\"evaluation_batches\":[\""),
        "the evaluations it carried are named: {}",
        removal.detail
    );
    // Gone is gone: a second attempt answers 404.
    let (status, _) = call(
        &s,
        &token,
        "POST",
        &format!("/api/v1/prevention/animations/{}/remove", ids[1]),
        Value::Null,
    )
    .await;
    assert_eq!(status, 404);
}

/// Material distributed and social-media figures: entered by hand on the page, summed per
/// label over the year; a negative or unreadable figure is refused at its field and nothing is
/// written.
async fn outreach_figures_add_up_per_label_and_bad_ones_write_nothing(engine: Engine) {
    let Some((s, org)) = TestServer::centre(engine, "CALACS des Îles").await else {
        return;
    };
    let (_, token) = s
        .member(&org, "prev@iles.example", &[Role::PreventionWorker])
        .await;
    let caseworker = s.user(&org, "int@iles.example", &[Role::Caseworker]).await;
    let (client, csrf) = s.login("prev@iles.example").await;
    let today = s
        .store
        .now()
        .with_timezone(&havre_domain::zone::Zone::default().tz())
        .date_naive()
        .to_string();
    let enter = |kind: &'static str, label: &'static str, quantity: &'static str| {
        client
            .post(s.url("/prevention/outreach"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("day", today.as_str()),
                ("kind", kind),
                ("label", label),
                ("quantity", quantity),
            ])
            .send()
    };
    for (kind, label, quantity) in [
        ("material", "T-shirts de la journée d'action", "400"),
        ("material", "T-shirts de la journée d'action", "72"),
        ("social_media", "Portée des publications", "12 500"),
    ] {
        assert_eq!(enter(kind, label, quantity).await.unwrap().status(), 303);
    }
    for (kind, label, quantity, field) in [
        ("material", "Signets", "-3", "quantity"),
        ("material", "Signets", "beaucoup", "quantity"),
        ("material", "  ", "10", "label"),
        ("posters", "Affiches", "10", "kind"),
    ] {
        let r = enter(kind, label, quantity).await.unwrap();
        assert_eq!(r.status(), 422, "{kind} {label} {quantity}");
        let html = r.text().await.unwrap();
        assert!(
            html.contains(&format!("id=\"err-{field}\"")),
            "{kind} {label} {quantity}: the message is at {field}"
        );
        assert!(
            html.contains(&format!("value=\"{}\"", quantity)),
            "what she typed is kept"
        );
    }
    let (status, outreach) = call(
        &s,
        &token,
        "GET",
        "/api/v1/prevention/outreach",
        Value::Null,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        outreach["figures"].as_array().unwrap().len(),
        3,
        "nothing bad was written"
    );
    assert_eq!(
        outreach["totals"],
        json!([
            { "kind": "material", "label": "T-shirts de la journée d'action", "quantity": 472 },
            { "kind": "social_media", "label": "Portée des publications", "quantity": 12500 },
        ])
    );
    let html = s.html(&client, "/prevention/outreach").await;
    let totals = extract(&html, "id=\"outreach-totals\"", "</table>").unwrap();
    assert!(totals.contains("<td>472</td>"), "{totals}");
    assert!(totals.contains("<td>12\u{202F}500</td>"), "{totals}");
    // Through the API, in English: a negative figure is refused at its field.
    let r = reqwest::Client::new()
        .post(s.url("/api/v1/prevention/outreach"))
        .bearer_auth(&token)
        .header("accept-language", "en")
        .json(&json!({ "day": today, "kind": "material", "label": "Bookmarks", "quantity": -1 }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let problem: Value = r.json().await.unwrap();
    assert_eq!(problem["errors"][0]["field"], "quantity");
    // A figure entered in error is taken back by whoever entered it, not by a colleague; the
    // year's sum follows and the audit keeps what it said.
    let (_, colleague_token) = s
        .member(&org, "collegue@iles.example", &[Role::PreventionWorker])
        .await;
    let tshirts = outreach["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["quantity"] == json!(72))
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, _) = call(
        &s,
        &colleague_token,
        "POST",
        &format!("/api/v1/prevention/outreach/{tshirts}/remove"),
        Value::Null,
    )
    .await;
    assert_eq!(status, 403);
    let page = s.html(&client, "/prevention/outreach").await;
    assert!(page.contains(&format!("/prevention/outreach/{tshirts}/remove")));
    let r = client
        .post(s.url(&format!("/prevention/outreach/{tshirts}/remove")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let (_, outreach) = call(
        &s,
        &token,
        "GET",
        "/api/v1/prevention/outreach",
        Value::Null,
    )
    .await;
    assert_eq!(outreach["totals"][0]["quantity"], json!(400));
    let removed = s
        .store
        .audit_entries(org.id, Some(("outreach_figure", tshirts.as_str())), 5)
        .await
        .unwrap();
    assert!(
        removed
            .iter()
            .any(|e| e.action == "record.removed" && e.detail.contains("\"quantity\":72")),
        "the audit keeps the figure taken back"
    );
    // A training given, the same way.
    let (status, training) = call(
        &s,
        &token,
        "POST",
        "/api/v1/prevention/trainings",
        json!({ "held_at": s.store.now(), "audience": "school_staff", "title": "Dévoilement", "participants": 72, "minutes": 180 }),
    )
    .await;
    assert_eq!(status, 201, "{training}");
    let training = training["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/prevention/trainings/{training}/remove");
    assert_eq!(
        call(&s, &colleague_token, "POST", &path, Value::Null)
            .await
            .0,
        403
    );
    assert_eq!(call(&s, &token, "POST", &path, Value::Null).await.0, 204);
    assert_eq!(
        call(&s, &token, "POST", &path, Value::Null).await.0,
        404,
        "gone is gone"
    );

    // Prevention's figures are the prevention team's.
    let caseworker_token = s.token(&caseworker, Scope::Write).await;
    assert_eq!(
        call(
            &s,
            &caseworker_token,
            "GET",
            "/api/v1/prevention/outreach",
            Value::Null
        )
        .await
        .0,
        403
    );
}

/// The seed report's "Adaptation (ateliers 1 et 2 condensés)" of Empreinte is a workshop
/// without a number: the API and the page take it, lists and the report name it without one.
async fn a_workshop_may_have_no_number(engine: Engine) {
    let Some((s, org)) = TestServer::centre(engine, "CALACS de la Baie").await else {
        return;
    };
    let (_, token) = s
        .member(&org, "prev@baie.example", &[Role::PreventionWorker])
        .await;
    let (status, program) = call(
        &s,
        &token,
        "POST",
        "/api/v1/prevention/programs",
        json!({ "name": "Empreinte", "service_area": "direct_help" }),
    )
    .await;
    assert_eq!(status, 201);
    let program = program["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/prevention/programs/{program}/workshops");
    let adaptation = "Adaptation (ateliers 1 et 2 condensés)";
    let (status, w) = call(&s, &token, "POST", &path, json!({ "title": adaptation })).await;
    assert_eq!(status, 201, "{w}");
    let (status, w) = call(
        &s,
        &token,
        "POST",
        &path,
        json!({ "number": 1, "title": "Les agressions à caractère sexuel" }),
    )
    .await;
    assert_eq!(status, 201, "{w}");
    // A number, when there is one, is still 1 to 99; nothing is written otherwise.
    for number in [0, 100] {
        let (status, problem) = call(
            &s,
            &token,
            "POST",
            &path,
            json!({ "number": number, "title": "Hors limites" }),
        )
        .await;
        assert_eq!(status, 422);
        assert_eq!(messages(&problem)[0].0, "number");
    }
    let (_, programs) = call(
        &s,
        &token,
        "GET",
        "/api/v1/prevention/programs",
        Value::Null,
    )
    .await;
    let workshops: Vec<(Value, String)> = programs[0]["workshops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| (w["number"].clone(), w["title"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(
        workshops,
        [
            (json!(1), "Les agressions à caractère sexuel".to_owned()),
            (Value::Null, adaptation.to_owned())
        ],
        "numbered first, then the one without a number"
    );
    // The page's form takes an empty number.
    let (client, csrf) = s.login("prev@baie.example").await;
    let r = client
        .post(s.url("/prevention/workshops"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("program_id", program.as_str()),
            ("number", ""),
            ("title", "Version pour les parents"),
            ("objective", ""),
            ("questions", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let page = |path: &'static str| {
        let client = client.clone();
        let url = s.url(path);
        async move { client.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let programs_page = page("/prevention/programs").await;
    assert!(programs_page.contains(&format!("<h3>{}</h3>", "Version pour les parents")));
    assert!(programs_page.contains("<h3>Atelier 1 : Les agressions à caractère sexuel</h3>"));
    // The animation form names it with its program, without a number.
    let prevention = page("/prevention").await;
    assert!(
        prevention.contains("Empreinte — Adaptation (ateliers 1 et 2 condensés)"),
        "{prevention}"
    );
    assert!(prevention.contains("Empreinte — 1. Les agressions à caractère sexuel"));
    assert!(!prevention.contains("None"));
}
