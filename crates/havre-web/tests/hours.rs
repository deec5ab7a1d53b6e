//! Hours that are not about one person, through the API, on both engines.

mod common;

use common::*;
use havre_domain::policy::Role;
use havre_store::testing::Engine;
use havre_store::tokens::Scope;
use serde_json::{Value, json};

on_both_engines!(
    hours_are_stored_exactly_summed_per_category_and_area_and_a_day_holds_24_hours,
    the_weekly_timesheet_reads_hours_as_people_write_them,
    a_worker_corrects_her_week_and_a_week_changed_elsewhere_is_not_overwritten,
    the_administrator_edits_the_categories_and_their_hours_stay_counted,
);

async fn hours_are_stored_exactly_summed_per_category_and_area_and_a_day_holds_24_hours(
    engine: Engine,
) {
    let Some((s, org)) = TestServer::centre(engine, "CALACS du Lac").await else {
        return;
    };
    let worker = s.user(&org, "marie@lac.example", &[Role::Caseworker]).await;
    let volunteer = s
        .user(&org, "militante@lac.example", &[Role::Volunteer])
        .await;
    let coordinator = s
        .user(&org, "coord@lac.example", &[Role::Coordinator])
        .await;
    let (worker_token, volunteer_token, coordinator_token) = (
        s.token(&worker, Scope::Write).await,
        s.token(&volunteer, Scope::Write).await,
        s.token(&coordinator, Scope::Read).await,
    );
    let (_, categories) = call(
        &s,
        &worker_token,
        "GET",
        "/api/v1/hours/categories",
        Value::Null,
    )
    .await;
    let category = |fr: &str| {
        categories
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["label_fr"] == fr)
            .map(|c| c["id"].as_str().unwrap().to_owned())
            .unwrap_or_else(|| panic!("{fr} is a shipped category"))
    };
    let team = category("Rencontres d'équipe");
    let supervision = category("Supervisions de groupe");
    let action = category("Journées d'action");
    let day = |n: u64| {
        (havre_domain::zone::Zone::default().day_of(s.store.now()) - chrono::Days::new(n))
            .to_string()
    };
    // A week of her timesheet: 7 h 30 of team meeting and 2 h 15 of supervision on Monday,
    // 3 h 45 of team meeting on Tuesday.
    let (status, r) = call(
        &s,
        &worker_token,
        "POST",
        "/api/v1/hours",
        json!({ "entries": [
            { "category_id": team, "day": day(3), "minutes": 450 },
            { "category_id": supervision, "day": day(3), "minutes": 135 },
            { "category_id": team, "day": day(2), "minutes": 225 },
        ]}),
    )
    .await;
    assert_eq!((status, &r["entries"]), (201, &json!(3)), "{r}");
    let (status, _) = call(
        &s,
        &volunteer_token,
        "POST",
        "/api/v1/hours",
        json!({ "entries": [{ "category_id": action, "day": day(2), "minutes": 255 }] }),
    )
    .await;
    assert_eq!(status, 201, "a volunteer logs her own hours");
    // Over 24 hours in a day with what is logged already: refused, nothing written.
    let (status, problem) = call(
        &s,
        &worker_token,
        "POST",
        "/api/v1/hours",
        json!({ "entries": [
            // 7 h 30 + 2 h 15 already, and 14 h 16 more: 24 h 01 in the day.
            { "category_id": team, "day": day(3), "minutes": 856 },
            { "category_id": team, "day": day(1), "minutes": 60 },
        ]}),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(
        problem["errors"][0]["message"],
        "Une journée compterait plus de 24 heures avec ce qui est déjà noté."
    );
    for bad in [
        json!({ "category_id": team, "day": day(1), "minutes": -30 }),
        json!({ "category_id": team, "day": day(1), "minutes": 0 }),
        json!({ "category_id": uuid::Uuid::new_v4(), "day": day(1), "minutes": 30 }),
        json!({ "category_id": team, "day": "1999-12-31", "minutes": 30 }),
    ] {
        let (status, _) = call(
            &s,
            &worker_token,
            "POST",
            "/api/v1/hours",
            json!({ "entries": [bad.clone()] }),
        )
        .await;
        assert_eq!(status, 422, "{bad}");
    }
    let (_, mine) = call(&s, &worker_token, "GET", "/api/v1/hours/mine", Value::Null).await;
    assert_eq!(
        mine.as_array().unwrap().len(),
        3,
        "nothing else was written"
    );

    // Totals, exact to the minute, per category and per area.
    assert_eq!(
        call(
            &s,
            &worker_token,
            "GET",
            "/api/v1/hours/totals",
            Value::Null
        )
        .await
        .0,
        403,
        "the organization's totals are for those who run reports"
    );
    let (status, totals) = call(
        &s,
        &coordinator_token,
        "GET",
        &format!("/api/v1/hours/totals?from={}&to={}", day(30), day(0)),
        Value::Null,
    )
    .await;
    assert_eq!(status, 200, "{totals}");
    let area = |key: &str| {
        totals["areas"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["area"] == key)
            .unwrap()["minutes"]
            .clone()
    };
    assert_eq!(area("internal_management"), json!(675));
    assert_eq!(area("direct_help"), json!(135));
    assert_eq!(area("activism"), json!(255));
    assert_eq!(area("prevention"), json!(0));
    assert_eq!(totals["minutes"], json!(1065));
    assert_eq!(
        havre_domain::text::format_minutes(675, havre_domain::text::Lang::Fr),
        "11 h 15",
        "as the users write it"
    );

    // A training received, and a figure entered by hand.
    let (status, _) = call(
        &s,
        &worker_token,
        "POST",
        "/api/v1/hours/trainings-received",
        json!({ "day": day(5), "title": "Intervenir en contexte de crise", "trainer": "CRISE", "minutes": 390, "workers": 6 }),
    )
    .await;
    assert_eq!(status, 201);
    let (status, _) = call(
        &s,
        &worker_token,
        "POST",
        "/api/v1/hours/trainings-received",
        json!({ "day": day(5), "title": "", "trainer": "X", "minutes": 60, "workers": 0 }),
    )
    .await;
    assert_eq!(status, 422);
}

async fn the_weekly_timesheet_reads_hours_as_people_write_them(engine: Engine) {
    let Some((s, org)) = TestServer::centre(engine, "CALACS du Lac").await else {
        return;
    };
    s.user(&org, "marie@lac.example", &[Role::Caseworker]).await;
    let (client, csrf) = s.login("marie@lac.example").await;
    let html = s.html(&client, "/hours").await;
    // A week far outside the calendar answers a page, not a crash.
    for week in ["%2B262142-12-31", "-262143-01-01", "1970-01-01"] {
        let r = client
            .get(s.url(&format!("/hours?week={week}")))
            .send()
            .await
            .unwrap();
        assert!(
            r.status() == 200 || r.status() == 400,
            "{week}: {}",
            r.status()
        );
    }
    // The grid's first rows: internal management, team meetings first.
    let category = extract(&html, "name=\"c_0\" value=\"", "\"").unwrap();
    let committees = extract(&html, "name=\"c_1\" value=\"", "\"").unwrap();
    let monday = extract(&html, "name=\"week\" value=\"", "\"").unwrap();
    let send = |cells: Vec<(&'static str, &'static str)>| {
        let mut form = vec![
            ("csrf".to_owned(), csrf.clone()),
            ("week".to_owned(), monday.clone()),
            ("c_0".to_owned(), category.clone()),
            ("c_1".to_owned(), committees.clone()),
        ];
        form.extend(cells.into_iter().map(|(k, v)| (k.to_owned(), v.to_owned())));
        client.post(s.url("/hours")).form(&form).send()
    };
    let r = send(vec![
        ("m_0_0", "3 h 30"),
        ("m_0_1", "1,5"),
        ("m_0_2", "45 min"),
    ])
    .await
    .unwrap();
    assert_eq!(r.status(), 303);
    let html = s.html(&client, &format!("/hours?week={monday}")).await;
    let footer = extract(&html, "<tfoot>", "</tfoot>").unwrap();
    assert!(
        footer.contains("<td>3 h 30</td><td>1 h 30</td><td>0 h 45</td>")
            && footer.contains("<td>5 h 45</td>"),
        "{footer}"
    );
    // A cell that is not a length, and a day over 24 hours: refused, nothing written.
    let r = send(vec![("m_0_3", "trois heures")]).await.unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("id=\"err-timesheet\""));
    assert!(
        html.contains("value=\"trois heures\""),
        "what was typed is shown back"
    );
    assert!(
        html.contains("value=\"trois heures\" autocomplete=\"off\" aria-invalid=\"true\""),
        "the cell is marked"
    );
    // 20 h 31 of committees on Monday, beside its 3 h 30 of team meeting.
    let r = send(vec![("m_1_0", "20 h 31")]).await.unwrap();
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Une journée compterait plus de 24 heures avec ce qui est déjà noté.")
    );
    let reader_total: i64 = {
        use sea_orm::{EntityTrait, PaginatorTrait};
        havre_store::entity::hour_entry::Entity::find()
            .count(s.store.db())
            .await
            .unwrap() as i64
    };
    assert_eq!(
        reader_total, 3,
        "only the first week's three cells were kept"
    );
    // A training the team received: its length as written, refused when it is not one.
    let received = |length: &'static str| {
        client
            .post(s.url("/hours/trainings-received"))
            .form(&[
                ("csrf", csrf.as_str()),
                (
                    "r_day",
                    &havre_domain::zone::Zone::default()
                        .day_of(s.store.now())
                        .to_string(),
                ),
                ("r_title", "Intervenir en contexte de crise"),
                ("r_trainer", "Centre de crise"),
                ("r_length", length),
                ("r_workers", "6"),
            ])
            .send()
    };
    let r = received("une journée").await.unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("value=\"3 h 30\""),
        "the timesheet shown with the training's problem holds what is stored"
    );
    assert!(extract(&html, "id=\"err-r_length\"", "</p>").is_some());
    assert!(
        !html.contains("id=\"err-timesheet\""),
        "the timesheet has no problem"
    );
    let r = received("6 h 30").await.unwrap();
    assert_eq!(r.status(), 303);
    let html = s.html(&client, "/hours").await;
    let section = extract(&html, "id=\"trainings-received\"", "</section>").unwrap();
    assert!(section.contains("Intervenir en contexte de crise") && section.contains("6 h 30"));
    // Noted in error: taken back from the same list, and gone from it.
    let id = s
        .store
        .trainings_received(
            org.id,
            havre_domain::zone::Zone::default().day_of(s.store.now()) - chrono::Days::new(1),
            havre_domain::zone::Zone::default().day_of(s.store.now()) + chrono::Days::new(1),
        )
        .await
        .unwrap()[0]
        .id;
    assert!(section.contains(&format!("/hours/trainings-received/{id}/remove")));
    let r = client
        .post(s.url(&format!("/hours/trainings-received/{id}/remove")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let html = s.html(&client, "/hours").await;
    assert!(!html.contains("Intervenir en contexte de crise"));
}

/// The timesheet shows what she logged, per category and day; a cell she changes is replaced,
/// a cell she empties is cleared, the others are left alone. A week changed meanwhile in
/// another window is not overwritten: she is told, and nothing is written.
async fn a_worker_corrects_her_week_and_a_week_changed_elsewhere_is_not_overwritten(
    engine: Engine,
) {
    let Some((s, org)) = TestServer::centre(engine, "CALACS du Lac").await else {
        return;
    };
    let (_, token) = s
        .member(&org, "marie@lac.example", &[Role::Caseworker])
        .await;
    let (client, csrf) = s.login("marie@lac.example").await;
    let page = |week: String| {
        let client = client.clone();
        let url = s.url(&format!("/hours?week={week}"));
        async move { client.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let html = page(
        havre_domain::zone::Zone::default()
            .day_of(s.store.now())
            .to_string(),
    )
    .await;
    let monday = extract(&html, "name=\"week\" value=\"", "\"").unwrap();
    let team = extract(&html, "name=\"c_0\" value=\"", "\"").unwrap();
    let committees = extract(&html, "name=\"c_1\" value=\"", "\"").unwrap();
    // Every field the page sends, as a browser would, with some cells changed.
    let submit = |html: String, changes: Vec<(&'static str, &'static str)>| {
        let mut form: Vec<(String, String)> = vec![("csrf".into(), csrf.clone())];
        let mut rest = html.as_str();
        while let Some(i) = rest.find("<input ") {
            rest = &rest[i + 7..];
            let tag = &rest[..rest.find('>').unwrap()];
            let attr = |name: &str| extract(tag, &format!("{name}=\""), "\"");
            if let (Some(name), Some(value)) = (attr("name"), attr("value"))
                && name != "csrf"
                && !name.starts_with("r_")
            {
                form.push((name, value));
            }
        }
        for (name, value) in changes {
            form.retain(|(k, _)| k != name);
            form.push((name.to_owned(), value.to_owned()));
        }
        client.post(s.url("/hours")).form(&form).send()
    };
    let entries = || async {
        use sea_orm::{EntityTrait, QueryOrder};
        havre_store::entity::hour_entry::Entity::find()
            .order_by_asc(havre_store::entity::hour_entry::Column::Minutes)
            .all(s.store.db())
            .await
            .unwrap()
            .into_iter()
            .map(|e| (e.category_id.to_string(), e.minutes))
            .collect::<Vec<_>>()
    };
    let r = submit(html, vec![("m_0_0", "3 h 30"), ("m_1_0", "1 h")])
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let html = page(monday.clone()).await;
    assert!(
        html.contains(
            "name=\"m_0_0\" type=\"text\" inputmode=\"decimal\" size=\"5\" value=\"3 h 30\""
        ),
        "the cell shows what she logged"
    );
    assert!(html.contains("name=\"o_0_0\" value=\"210\""));
    // She corrects Monday's team meeting to 2 h and leaves the committee alone.
    let r = submit(html, vec![("m_0_0", "2 h")]).await.unwrap();
    assert_eq!(r.status(), 303);
    let audited = s.store.audit_entries(org.id, None, 1).await.unwrap();
    let detail: Value = serde_json::from_str(&audited[0].detail).unwrap();
    assert_eq!(
        (
            detail["cells"][0]["was"].clone(),
            detail["cells"][0]["minutes"].clone()
        ),
        (json!(210), json!(120)),
        "the audit keeps what the cell held and now holds"
    );
    assert_eq!(
        entries().await,
        [(committees.clone(), 60), (team.clone(), 120)],
        "the cell was replaced, not added to"
    );
    // She empties the committee's cell: it is cleared.
    let html = page(monday.clone()).await;
    let r = submit(html, vec![("m_1_0", "")]).await.unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(entries().await, [(team.clone(), 120)]);
    // A week changed in another window: her stale form is refused and writes nothing.
    let stale = page(monday.clone()).await;
    let (status, r) = call(
        &s,
        &token,
        "PUT",
        "/api/v1/hours/cells",
        json!({ "cells": [{ "category_id": team, "day": monday, "minutes": 150, "was_minutes": 120 }] }),
    )
    .await;
    assert_eq!(status, 200, "{r}");
    let r = submit(stale, vec![("m_0_0", "4 h")]).await.unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains(
        "Cette semaine a changé entre-temps (dans une autre fenêtre ?). Rechargez la page et corrigez de nouveau."
    ));
    assert_eq!(entries().await, [(team.clone(), 150)]);
    // Through the API: a cell over what the day can hold with the others, refused.
    let (status, r) = call(
        &s,
        &token,
        "PUT",
        "/api/v1/hours/cells",
        json!({ "cells": [{ "category_id": committees, "day": monday, "minutes": 1291 }] }),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(r["errors"][0]["field"], "minutes", "{r}");
    let (status, _) = call(
        &s,
        &token,
        "PUT",
        "/api/v1/hours/cells",
        json!({ "cells": [{ "category_id": committees, "day": monday, "minutes": 1290 }] }),
    )
    .await;
    assert_eq!(status, 200, "2 h 30 and 21 h 30 make exactly 24 h");
    let (status, _) = call(
        &s,
        &token,
        "PUT",
        "/api/v1/hours/cells",
        json!({ "cells": [{ "category_id": team, "day": monday, "minutes": -5 }] }),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(entries().await, [(team.clone(), 150), (committees, 1290)]);
    // Every correction is in the audit log, with what the cells now hold.
    let corrections = s
        .store
        .audit_entries(org.id, None, 1000)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "hours.changed")
        .count();
    assert_eq!(corrections, 5);
}

/// The administrator adds a category, renames it and retires it: renamed, its hours follow it;
/// retired, it is no longer offered, but its hours stay counted in the service area's total.
async fn the_administrator_edits_the_categories_and_their_hours_stay_counted(engine: Engine) {
    let Some((s, org)) = TestServer::centre(engine, "CALACS du Lac").await else {
        return;
    };
    let admin = s
        .user(
            &org,
            "admin@lac.example",
            &[Role::Administrator, Role::Coordinator],
        )
        .await;
    let worker = s.user(&org, "marie@lac.example", &[Role::Caseworker]).await;
    let (admin_token, worker_token) = (
        s.token(&admin, Scope::Write).await,
        s.token(&worker, Scope::Write).await,
    );
    // Only the administrator edits them.
    let (status, _) = call(
        &s,
        &worker_token,
        "POST",
        "/api/v1/hours/categories",
        json!({ "area": "activism", "label_fr": "Comité du 8 mars" }),
    )
    .await;
    assert_eq!(status, 403);
    for (body, field) in [
        (json!({ "area": "activism", "label_fr": "  " }), "label_fr"),
        (json!({ "area": "housing", "label_fr": "Comité" }), "area"),
    ] {
        let (status, r) = call(&s, &admin_token, "POST", "/api/v1/hours/categories", body).await;
        assert_eq!(
            (status, r["errors"][0]["field"].clone()),
            (422, json!(field))
        );
    }
    let (status, r) = call(
        &s,
        &admin_token,
        "POST",
        "/api/v1/hours/categories",
        json!({ "area": "activism", "label_fr": "Comité du 8 mars", "label_en": "March 8 committee" }),
    )
    .await;
    assert_eq!(status, 201, "{r}");
    let id = r["id"].as_str().unwrap().to_owned();
    // Last week: the hours are not on this week's timesheet. Today is the organization's
    // (its default zone), not the server's: at midnight UTC they differ.
    let today = havre_domain::zone::Zone::default().day_of(s.store.now());
    let day = (today - chrono::Days::new(7)).to_string();
    let (status, _) = call(
        &s,
        &worker_token,
        "POST",
        "/api/v1/hours",
        json!({ "entries": [{ "category_id": id, "day": day, "minutes": 135 }] }),
    )
    .await;
    assert_eq!(status, 201);
    let activism = || async {
        let path = format!("/api/v1/hours/totals?from={day}&to={today}");
        let (_, totals) = call(&s, &admin_token, "GET", &path, Value::Null).await;
        totals["areas"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["area"] == "activism")
            .unwrap()["minutes"]
            .clone()
    };
    assert_eq!(activism().await, json!(135));
    // Renamed: the same hours under the new name.
    let (status, r) = call(
        &s,
        &admin_token,
        "PATCH",
        &format!("/api/v1/hours/categories/{id}"),
        json!({ "label_fr": "Comité de la journée du 8 mars" }),
    )
    .await;
    assert_eq!(status, 200, "{r}");
    assert_eq!(
        (r["label_fr"].clone(), r["label_en"].clone()),
        (
            json!("Comité de la journée du 8 mars"),
            json!("March 8 committee")
        )
    );
    assert_eq!(activism().await, json!(135));
    // Retired on the page: not offered on the timesheet, refused in the API, still counted.
    let (client, csrf) = s.login("admin@lac.example").await;
    let r = client
        .post(s.url(&format!("/organization/hour-categories/{id}/retire")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let (worker_client, _) = s.login("marie@lac.example").await;
    let timesheet = s.html(&worker_client, "/hours").await;
    assert!(!timesheet.contains("Comité de la journée du 8 mars"));
    assert!(timesheet.contains("Rencontres d&#39;équipe"));
    // On the week she logged them, her hours show, marked retired; more cannot be logged.
    let last_week = s.html(&worker_client, &format!("/hours?week={day}")).await;
    assert!(last_week.contains("Comité de la journée du 8 mars (Retirée)"));
    let (status, _) = call(
        &s,
        &worker_token,
        "PUT",
        "/api/v1/hours/cells",
        json!({ "cells": [{ "category_id": id, "day": day, "minutes": 180 }] }),
    )
    .await;
    assert_eq!(status, 422);
    let (status, r) = call(
        &s,
        &worker_token,
        "POST",
        "/api/v1/hours",
        json!({ "entries": [{ "category_id": id, "day": day, "minutes": 30 }] }),
    )
    .await;
    assert_eq!(
        (status, r["errors"][0]["field"].clone()),
        (422, json!("entries.category_id"))
    );
    assert_eq!(activism().await, json!(135));
    // The lists page shows it retired, with a way to offer it again; a blank name is refused
    // at its field and changes nothing.
    let lists = s.html(&client, "/organization/lists").await;
    assert!(
        lists.contains("Comité de la journée du 8 mars") && lists.contains("Proposer de nouveau")
    );
    let r = client
        .post(s.url(&format!("/organization/hour-categories/{id}")))
        .form(&[("csrf", csrf.as_str()), ("label_fr", " "), ("label_en", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    let problems = extract(&html, "id=\"err-lists\"", "</div>").unwrap();
    assert!(problems.contains("Ce champ est obligatoire."), "{problems}");
    let r = client
        .post(s.url(&format!("/organization/hour-categories/{id}/retire")))
        .form(&[("csrf", csrf.as_str()), ("retired", "false")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let categories = s.store.hour_categories(org.id, false).await.unwrap();
    let back = categories.iter().find(|c| c.id.to_string() == id).unwrap();
    assert_eq!(back.label_fr, "Comité de la journée du 8 mars");
    assert!(!back.retired);

    // A category retired while her timesheet is open: shown again with a problem, what she
    // typed stays on its own category, not on the row that moved into its place.
    let stale = s.html(&worker_client, "/hours").await;
    let row = |html: &str, i: usize| extract(html, &format!("name=\"c_{i}\" value=\""), "\"");
    let (team, committees) = (row(&stale, 0).unwrap(), row(&stale, 1).unwrap());
    let monday = extract(&stale, "name=\"week\" value=\"", "\"").unwrap();
    let r = client
        .post(s.url(&format!("/organization/hour-categories/{team}/retire")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let worker_csrf = extract(&stale, "name=\"csrf\" value=\"", "\"").unwrap();
    let mut form: Vec<(String, String)> = vec![
        ("csrf".into(), worker_csrf),
        ("week".into(), monday),
        ("c_0".into(), team.clone()),
        ("c_1".into(), committees.clone()),
        ("m_1_0".into(), "1 h".into()),
        ("o_1_0".into(), "0".into()),
        ("m_0_1".into(), "beaucoup".into()),
        ("o_0_1".into(), "0".into()),
    ];
    let r = worker_client
        .post(s.url("/hours"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert_eq!(
        row(&html, 0).as_deref(),
        Some(committees.as_str()),
        "the list moved up"
    );
    assert!(
        html.contains(
            "name=\"m_0_0\" type=\"text\" inputmode=\"decimal\" size=\"5\" value=\"1 h\""
        ),
        "her committee hours stay on the committee's row"
    );
    assert!(
        !html.contains("value=\"beaucoup\""),
        "what she typed on the retired category is not moved onto another row"
    );
    // Sent again as shown, her hour goes to the committee.
    form = vec![
        ("csrf".into(), form[0].1.clone()),
        ("week".into(), form[1].1.clone()),
        ("c_0".into(), committees.clone()),
        ("m_0_0".into(), "1 h".into()),
        ("o_0_0".into(), "0".into()),
    ];
    let r = worker_client
        .post(s.url("/hours"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let mine = s
        .store
        .my_hours(
            &havre_store::files::Reader {
                actor: havre_store::Actor::operator(),
                organization_id: org.id,
                user_id: worker.id,
                roles: worker.roles.clone(),
                profession: None,
                partner_id: None,
                known: Default::default(),
            },
            havre_domain::zone::Zone::default().day_of(s.store.now()) - chrono::Days::new(6),
            havre_domain::zone::Zone::default().day_of(s.store.now()) + chrono::Days::new(6),
        )
        .await
        .unwrap();
    assert!(
        mine.iter()
            .any(|e| e.category_id.to_string() == committees && e.minutes == 60)
    );
    assert!(mine.iter().all(|e| e.category_id.to_string() != team));
}
