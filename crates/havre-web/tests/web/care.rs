//! A care unit on both engines (docs/care.md): what each profession reads in a woman's file,
//! every refused read answered without naming anything and written to the audit log; the
//! day's agenda the reception follows, with walk-ins, moves and bookings.

use crate::common::*;
use chrono::{TimeZone, Utc};
use havre_domain::lists::ListKind;
use havre_domain::policy::Role;
use havre_store::Actor;
use havre_store::accounts::User;
use havre_store::testing::Engine;
use serde_json::{Value, json};

crate::on_both_engines!(
    each_profession_reads_only_what_its_secrecy_allows,
    the_reception_follows_the_day_on_the_agenda,
    a_care_unit_year_is_counted_in_the_report,
);

/// A list of labelled counts of the report, as (label, count).
fn labelled(counts: &Value) -> Vec<(String, i64)> {
    counts
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["label"].as_str().unwrap().to_owned(),
                c["count"].as_i64().unwrap(),
            )
        })
        .collect()
}

/// The audit entries of an action, as (target id, detail).
async fn audited(s: &TestServer, action: &str) -> Vec<(String, Value)> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    havre_store::entity::audit_entry::Entity::find()
        .filter(havre_store::entity::audit_entry::Column::Action.eq(action))
        .order_by_asc(havre_store::entity::audit_entry::Column::Seq)
        .all(s.store.db())
        .await
        .unwrap()
        .into_iter()
        .map(|e| {
            (
                e.target_id.unwrap_or_default(),
                serde_json::from_str(&e.detail).unwrap(),
            )
        })
        .collect()
}

fn bodies(file: &Value) -> Vec<String> {
    file["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["body"].as_str().unwrap().to_owned())
        .collect()
}

/// A woman seen by a doctor, a lawyer and the police officer on site. The doctor's health
/// note is read by the care team only; the legal note she asked to keep private, by the legal
/// team only; what she agreed to share for her complaint, by the police officer too, who sees
/// nothing else of her file: not her contact, not her other appointments. Each read refused
/// answers as if there were nothing, and is in the audit log.
async fn each_profession_reads_only_what_its_secrecy_allows(engine: Engine) {
    let Some(s) = TestServer::start(engine).await else {
        return;
    };
    s.set_clock(Utc.with_ymd_and_hms(2027, 3, 15, 8, 0, 0).unwrap());
    let org = s.care_unit("Maison des femmes de Saint-Denis").await;
    let (_, coordinator) = s
        .member(&org, "coordination@mdf.example", &[Role::Coordinator])
        .await;
    let (doctor, doctor_token) = s.professional(&org, "medecin@mdf.example", "doctor").await;
    let (lawyer, lawyer_token) = s.professional(&org, "juriste@mdf.example", "legal").await;
    let (officer, officer_token) = s.professional(&org, "police@mdf.example", "police").await;
    let (_, reception) = s
        .professional(&org, "accueil@mdf.example", "reception")
        .await;

    // She walks in; the reception sends her to the doctor, then books the lawyer and the
    // police officer for the afternoon.
    let appointment = id_of(
        &s,
        &reception,
        "/api/v1/walk-ins",
        json!({ "name": "Awa Konaté", "professional_id": doctor.id, "minutes": 45 }),
    )
    .await;
    let agenda = ok(&s, &reception, "GET", "/api/v1/agenda", json!(null), 200).await;
    let person = agenda["lines"][0]["person_id"].as_str().unwrap().to_owned();
    assert_eq!(agenda["lines"][0]["id"], appointment);
    assert_eq!(agenda["lines"][0]["person_name"], "Awa Konaté");
    for (who, time) in [(&lawyer, "14:00"), (&officer, "15:00")] {
        id_of(
            &s,
            &coordinator,
            "/api/v1/appointments",
            json!({ "person_id": person, "professional_id": who.id, "date": "2027-03-15", "time": time }),
        )
        .await;
    }
    s.store
        .update_person(
            &havre_store::files::Reader {
                actor: Actor::operator(),
                organization_id: org.id,
                user_id: doctor.id,
                roles: doctor.roles.clone(),
                profession: Some(havre_domain::care::ProfessionKind::Health),
                partner_id: None,
                known: Default::default(),
            },
            person.parse().unwrap(),
            havre_store::files::PersonChanges {
                name: "Awa Konaté".into(),
                phone: Some("06 12 34 56 78".into()),
                birth_year: None,
                safe_contact: Default::default(),
            },
        )
        .await
        .unwrap();

    let notes = format!("/api/v1/files/{person}/notes");
    let write = async |token: &str, body: &str, scope: &str| {
        id_of(&s, token, &notes, json!({ "body": body, "scope": scope })).await
    };
    let health = write(
        &doctor_token,
        "Examen médico-légal : prélèvements faits.",
        "health",
    )
    .await;
    let legal = write(
        &lawyer_token,
        "Elle hésite à nommer son employeur.",
        "legal",
    )
    .await;
    let shared = write(
        &lawyer_token,
        "Elle porte plainte pour viol le 14 mars.",
        "complaint",
    )
    .await;
    let team = write(&coordinator, "Hébergement d'urgence à chercher.", "team").await;

    // What each one reads of her file.
    let file = async |token: &str| {
        ok(
            &s,
            token,
            "GET",
            &format!("/api/v1/files/{person}"),
            json!(null),
            200,
        )
        .await
    };
    let mut read = bodies(&file(&doctor_token).await);
    read.sort();
    assert_eq!(
        read,
        [
            "Elle porte plainte pour viol le 14 mars.",
            "Examen médico-légal : prélèvements faits.",
            "Hébergement d'urgence à chercher."
        ]
    );
    let mut read = bodies(&file(&lawyer_token).await);
    read.sort();
    assert_eq!(
        read,
        [
            "Elle hésite à nommer son employeur.",
            "Elle porte plainte pour viol le 14 mars.",
            "Hébergement d'urgence à chercher."
        ]
    );
    // The coordinator, who is not of the care team nor of the legal team.
    let mut read = bodies(&file(&coordinator).await);
    read.sort();
    assert_eq!(
        read,
        [
            "Elle porte plainte pour viol le 14 mars.",
            "Hébergement d'urgence à chercher."
        ]
    );
    // The police officer: her name, what is shared for the complaint, her own appointment.
    let seen_by_police = file(&officer_token).await;
    assert_eq!(
        bodies(&seen_by_police),
        ["Elle porte plainte pour viol le 14 mars."]
    );
    assert_eq!(seen_by_police["name"], "Awa Konaté");
    assert_eq!(seen_by_police["phone"], Value::Null);
    assert_eq!(seen_by_police["team_part"], false);
    assert_eq!(seen_by_police["note_scopes"], json!(["complaint"]));
    let theirs: Vec<_> = seen_by_police["appointments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["professional_id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(theirs, [officer.id.to_string()]);
    // Her agenda holds her own appointment only.
    let agenda = ok(
        &s,
        &officer_token,
        "GET",
        "/api/v1/agenda",
        json!(null),
        200,
    )
    .await;
    assert_eq!(agenda["lines"].as_array().unwrap().len(), 1);
    assert_eq!(agenda["counts"]["expected"], 1);
    // Her file page shows nothing of the rest.
    let (client, _) = s.login("police@mdf.example").await;
    let page = s.html(&client, &format!("/files/{person}")).await;
    assert!(page.contains("Elle porte plainte pour viol le 14 mars."));
    for hidden in [
        "prélèvements",
        "employeur",
        "Hébergement d'urgence",
        "06 12 34 56 78",
        "Médecin",
    ] {
        assert!(!page.contains(hidden), "{hidden} is on the police page");
    }

    // Each read refused: 404 as for a note that does not exist, nothing named, audited.
    let refused_before = audited(&s, "file.read_refused").await.len();
    let missing = uuid::Uuid::new_v4();
    let (_, nothing) = call(
        &s,
        &officer_token,
        "GET",
        &format!("{notes}/{missing}"),
        json!(null),
    )
    .await;
    for (token, note, reader) in [
        (&officer_token, &health, "police"),
        (&officer_token, &team, "police"),
        (&doctor_token, &legal, "doctor"),
        (&lawyer_token, &health, "lawyer"),
        (&coordinator, &health, "coordinator"),
    ] {
        let (status, body) = call(&s, token, "GET", &format!("{notes}/{note}"), json!(null)).await;
        assert_eq!(status, 404, "{reader} reads {note}");
        assert_eq!(
            body.to_string().replace(note.as_str(), "ID"),
            nothing.to_string().replace(&missing.to_string(), "ID"),
            "{reader}: the refusal names nothing"
        );
    }
    let refused = audited(&s, "file.read_refused").await;
    assert_eq!(refused.len() - refused_before, 6, "{refused:?}");
    for (target, detail) in &refused[refused_before + 1..] {
        assert_eq!(target, &person);
        assert!(detail["note"].is_string(), "{detail}");
    }
    // What each may read, she reads, and the read is audited.
    let read_note = ok(
        &s,
        &doctor_token,
        "GET",
        &format!("{notes}/{health}"),
        json!(null),
        200,
    )
    .await;
    assert_eq!(read_note["scope"], "health");
    ok(
        &s,
        &officer_token,
        "GET",
        &format!("{notes}/{shared}"),
        json!(null),
        200,
    )
    .await;

    // The police officer writes only what is shared for the complaint; the reception, nothing.
    let before = audit_entries(&s).await;
    for (token, scope) in [
        (&officer_token, "team"),
        (&officer_token, "health"),
        (&reception, "complaint"),
        (&doctor_token, "legal"),
    ] {
        let (status, _) = call(
            &s,
            token,
            "POST",
            &notes,
            json!({ "body": "Essai", "scope": scope }),
        )
        .await;
        assert!(status == 403 || status == 404, "{scope}: {status}");
    }
    // The reception has no appointment with her: her file is not opened to it.
    let (status, _) = call(
        &s,
        &reception,
        "GET",
        &format!("/api/v1/files/{person}"),
        json!(null),
    )
    .await;
    assert_eq!(status, 403);
    let entries = audit_entries(&s).await;
    assert_eq!(
        entries - before,
        1,
        "only the refused read of the file is written"
    );
    write(
        &officer_token,
        "Plainte enregistrée, PV n° 2027/114.",
        "complaint",
    )
    .await;
}

/// Ten women expected in the morning with three professionals, one walk-in, arrivals and
/// departures: the day's counts follow; a booking that overlaps is refused at its field and
/// writes nothing; a move that makes no sense is refused.
async fn the_reception_follows_the_day_on_the_agenda(engine: Engine) {
    let Some(s) = TestServer::start(engine).await else {
        return;
    };
    s.set_clock(Utc.with_ymd_and_hms(2027, 3, 15, 7, 0, 0).unwrap());
    let org = s.care_unit("Maison des femmes de Bobigny").await;
    let (_, coordinator) = s
        .member(&org, "coordination@mdfb.example", &[Role::Coordinator])
        .await;
    let (_, reception) = s
        .professional(&org, "accueil@mdfb.example", "reception")
        .await;
    let mut team = Vec::new();
    for (email, profession) in [
        ("sagefemme@mdfb.example", "midwife"),
        ("psy@mdfb.example", "psychologist"),
        ("sociale@mdfb.example", "social_worker"),
    ] {
        team.push(s.professional(&org, email, profession).await.0);
    }
    let room = s
        .store
        .add_list_value(org.id, ListKind::Room, "Salle 1", "Room 1")
        .await
        .unwrap()
        .id;
    // Ten women, each with a file, expected from 9 h (Paris), 30 minutes each, one
    // professional in turn.
    let mut appointments = Vec::new();
    for i in 0..10 {
        let (_, person) = request_of(&s, &org, &format!("Femme {i}"), 3, Default::default()).await;
        let who = &team[i % 3];
        let time = format!("{:02}:00", 9 + i / 3);
        appointments.push(
            id_of(
                &s,
                &coordinator,
                "/api/v1/appointments",
                json!({ "person_id": person, "professional_id": who.id, "room_id": if i == 0 { Some(room) } else { None },
                        "date": "2027-03-15", "time": time, "minutes": 30 }),
            )
            .await,
        );
    }
    let counts = async || {
        ok(
            &s,
            &reception,
            "GET",
            "/api/v1/agenda?day=2027-03-15",
            json!(null),
            200,
        )
        .await["counts"]
            .clone()
    };
    assert_eq!(
        counts().await,
        json!({ "expected": 10, "arrived": 0, "seen": 0, "gone": 0, "missed": 0, "cancelled": 0, "walk_ins": 0, "booked": 10 })
    );
    // A second appointment at 9 h with the midwife: refused at its field, nothing written.
    let (_, person) = request_of(&s, &org, "Femme en trop", 3, Default::default()).await;
    let before = audit_entries(&s).await;
    let (status, problem) = call(
        &s,
        &coordinator,
        "POST",
        "/api/v1/appointments",
        json!({ "person_id": person, "professional_id": team[0].id, "date": "2027-03-15", "time": "09:15", "minutes": 600 }),
    )
    .await;
    assert_eq!(status, 422);
    insta::assert_snapshot!(said(&problem), @r"
    minutes: La durée va de 5 à 480 minutes.
    ");
    let (status, problem) = call(
        &s,
        &coordinator,
        "POST",
        "/api/v1/appointments",
        json!({ "person_id": person, "professional_id": team[0].id, "date": "2027-03-15", "time": "09:15" }),
    )
    .await;
    assert_eq!(status, 422);
    insta::assert_snapshot!(said(&problem), @r"
    starts_at: Cette professionnelle a déjà un rendez-vous à cette heure-là.
    ");
    assert_eq!(audit_entries(&s).await - before, 0);

    // The morning: seven arrive, one walks in, four are seen, two leave, one does not come.
    s.set_clock(Utc.with_ymd_and_hms(2027, 3, 15, 8, 5, 0).unwrap());
    let walk_in = id_of(
        &s,
        &reception,
        "/api/v1/walk-ins",
        json!({ "name": "Inès", "professional_id": team[2].id }),
    )
    .await;
    let step = async |id: &str, to: &str| {
        ok(
            &s,
            &reception,
            "POST",
            &format!("/api/v1/appointments/{id}/status"),
            json!({ "status": to }),
            200,
        )
        .await
    };
    for id in &appointments[..7] {
        step(id, "arrived").await;
    }
    for id in &appointments[..4] {
        let seen = step(id, "seen").await;
        assert!(seen["seen_at"].is_string());
    }
    for id in &appointments[..2] {
        step(id, "gone").await;
    }
    step(&appointments[9], "missed").await;
    // A click in error is undone.
    step(&appointments[6], "expected").await;
    assert_eq!(
        counts().await,
        json!({ "expected": 3, "arrived": 3, "seen": 2, "gone": 2, "missed": 1, "cancelled": 0, "walk_ins": 1, "booked": 10 })
    );
    // Gone before she came: refused at its field.
    let (status, problem) = call(
        &s,
        &reception,
        "POST",
        &format!("/api/v1/appointments/{}/status", appointments[7]),
        json!({ "status": "gone" }),
    )
    .await;
    assert_eq!(status, 422);
    insta::assert_snapshot!(said(&problem), @"status: Ce rendez-vous ne peut pas passer à cet état.");
    // The walk-in is on the agenda, arrived, with her new file.
    let agenda = ok(
        &s,
        &reception,
        "GET",
        "/api/v1/agenda?day=2027-03-15",
        json!(null),
        200,
    )
    .await;
    let line = agenda["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == walk_in.as_str())
        .unwrap();
    assert_eq!(line["status"], "arrived");
    assert_eq!(line["walk_in"], true);
    assert_eq!(line["person_name"], "Inès");
    // The day is on the organization's clock: nothing of it the day before or after.
    for day in ["2027-03-14", "2027-03-16"] {
        let other = ok(
            &s,
            &reception,
            "GET",
            &format!("/api/v1/agenda?day={day}"),
            json!(null),
            200,
        )
        .await;
        assert_eq!(other["lines"], json!([]), "{day}");
    }
}

/// A visit: booked for 10 h (Paris) on a day, she arrives, is seen and leaves; the clock is set
/// to that morning so that the booking is not in the past.
async fn visit(
    s: &TestServer,
    token: &str,
    person: &str,
    professional: &User,
    day: chrono::NaiveDate,
    step: Option<&str>,
) -> String {
    s.set_clock(day.and_hms_opt(7, 0, 0).unwrap().and_utc());
    let id = id_of(
        s,
        token,
        "/api/v1/appointments",
        json!({ "person_id": person, "professional_id": professional.id, "date": day,
                "time": "10:00", "minutes": 45, "step_id": step }),
    )
    .await;
    for to in ["arrived", "seen", "gone"] {
        ok(
            s,
            token,
            "POST",
            &format!("/api/v1/appointments/{id}/status"),
            json!({ "status": to }),
            200,
        )
        .await;
    }
    id
}

/// A year of a care unit in France, calendar year on Paris's clock, built by the test: 12
/// women accompanied in 2027 (3 of them seen first in 2026), 5 on CORALIS under the Bobigny
/// prosecutor's agreement, 3 complaints filed on site, 24 appointments kept across four
/// professions, and the In-Vivo module given in five sessions to 230 professionals. The
/// report says exactly that, and the year before beside it, on both engines.
async fn a_care_unit_year_is_counted_in_the_report(engine: Engine) {
    let Some(s) = TestServer::start(engine).await else {
        return;
    };
    s.set_clock(Utc.with_ymd_and_hms(2026, 6, 1, 7, 0, 0).unwrap());
    let org = s.care_unit("Maison des femmes de Saint-Denis").await;
    let (_, coordinator) = s
        .member(&org, "coordination@mdf.example", &[Role::Coordinator])
        .await;
    let (doctor, _) = s.professional(&org, "medecin@mdf.example", "doctor").await;
    let (psy, _) = s
        .professional(&org, "psy@mdf.example", "psychologist")
        .await;
    let (officer, _) = s.professional(&org, "police@mdf.example", "police").await;
    let (lawyer, _) = s.professional(&org, "juriste@mdf.example", "legal").await;
    let professions = s
        .store
        .list_values(org.id, ListKind::Profession, false)
        .await
        .unwrap();
    let profession = |key: &str| {
        professions
            .iter()
            .find(|v| v.key.as_deref() == Some(key))
            .unwrap()
            .id
    };

    // CORALIS, under the agreement with the prosecutor's office.
    let agreement = id_of(
        &s,
        &coordinator,
        "/api/v1/agreements",
        json!({ "partner": "Parquet de Bobigny", "kind": "prosecutor_office", "signed_on": "2026-01-15",
                "figures": ["women", "complaints_on_site", "median_delay_days"] }),
    )
    .await;
    let coralis = id_of(
        &s,
        &coordinator,
        "/api/v1/pathways",
        json!({ "name": "CORALIS", "agreement_id": agreement }),
    )
    .await;
    let mut steps = Vec::new();
    for (name, key, complaint) in [
        ("Examen médico-légal et prélèvements", "doctor", false),
        ("Plainte déposée sur place", "police", true),
        ("Suivi psychologique", "psychologist", false),
        ("Conseil juridique", "legal", false),
    ] {
        steps.push(
            id_of(
                &s,
                &coordinator,
                &format!("/api/v1/pathways/{coralis}/steps"),
                json!({ "name": name, "profession_id": profession(key), "complaint": complaint }),
            )
            .await,
        );
    }
    let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
    // Twelve women with a file each; three of them came first in 2026.
    let mut women = Vec::new();
    for i in 0..12 {
        let (_, person) = request_of(&s, &org, &format!("Femme {i}"), 3, Default::default()).await;
        women.push(person.to_string());
    }
    for (i, woman) in women.iter().enumerate().take(3) {
        visit(
            &s,
            &coordinator,
            woman,
            &psy,
            d(2026, 9, 1 + i as u32),
            None,
        )
        .await;
    }
    // 2027: each woman once with the psychologist (12), five on CORALIS.
    for (i, woman) in women.iter().enumerate() {
        visit(
            &s,
            &coordinator,
            woman,
            &psy,
            d(2027, 2, 1 + i as u32),
            None,
        )
        .await;
    }
    for (i, woman) in women.iter().enumerate().take(5) {
        let start = d(2027, 3, 1 + 2 * i as u32);
        s.set_clock(start.and_hms_opt(7, 0, 0).unwrap().and_utc());
        ok(
            &s,
            &coordinator,
            "POST",
            &format!("/api/v1/files/{woman}/pathways"),
            json!({ "pathway_id": coralis, "started_on": start }),
            201,
        )
        .await;
        // The exam on her first day, booked for the step: seen, the step is done.
        visit(&s, &coordinator, woman, &doctor, start, Some(&steps[0])).await;
        // Three of them file a complaint on site, 2, 4 and 6 days later.
        if i < 3 {
            visit(
                &s,
                &coordinator,
                woman,
                &officer,
                start + chrono::Days::new(2 * (i as u64 + 1)),
                Some(&steps[1]),
            )
            .await;
        }
    }
    // Two of the complainants see the lawyer, without a step: an appointment, not a step.
    for (i, woman) in women[..2].iter().enumerate() {
        visit(
            &s,
            &coordinator,
            woman,
            &lawyer,
            d(2027, 5, 3 + i as u32),
            None,
        )
        .await;
    }
    // One did not come: not an appointment kept.
    s.set_clock(Utc.with_ymd_and_hms(2027, 6, 1, 7, 0, 0).unwrap());
    let missed = id_of(
        &s,
        &coordinator,
        "/api/v1/appointments",
        json!({ "person_id": women[11], "professional_id": doctor.id, "date": "2027-06-01", "time": "10:00" }),
    )
    .await;
    ok(
        &s,
        &coordinator,
        "POST",
        &format!("/api/v1/appointments/{missed}/status"),
        json!({ "status": "missed" }),
        200,
    )
    .await;
    // In-Vivo, five sessions of 46: 230 professionals.
    for session in 0..5u32 {
        ok(
            &s,
            &coordinator,
            "POST",
            "/api/v1/prevention/trainings",
            json!({ "held_at": format!("2027-0{}-10T09:00:00+02:00", 4 + session), "audience": "other",
                    "title": format!("In-Vivo, session {}", session + 1), "module": "In-Vivo",
                    "participants": 46, "minutes": 360,
                    "professions": [
                        { "profession_id": profession("doctor"), "participants": 12 },
                        { "profession_id": profession("nurse"), "participants": 14 },
                        { "profession_id": profession("police"), "participants": 10 },
                        { "profession_id": profession("midwife"), "participants": 10 }
                    ] }),
            201,
        )
        .await;
    }
    for (kind, school, from, to) in [
        (
            "intern",
            "École de sages-femmes de Paris",
            "2027-09-01",
            "2027-10-31",
        ),
        ("intern", "IRTS Île-de-France", "2027-01-10", "2027-02-28"),
        (
            "observer",
            "Ministère des Armées",
            "2027-11-02",
            "2027-11-04",
        ),
    ] {
        id_of(
            &s,
            &coordinator,
            "/api/v1/hostings",
            json!({ "kind": kind, "school": school, "starts_on": from, "ends_on": to }),
        )
        .await;
    }

    s.set_clock(Utc.with_ymd_and_hms(2028, 1, 15, 9, 0, 0).unwrap());
    let report = ok(
        &s,
        &coordinator,
        "GET",
        "/api/v1/reports/activity?from=2027-01-01&to=2027-12-31",
        json!(null),
        200,
    )
    .await;
    let care = &report["current"]["care"];
    let before = &report["previous"]["care"];
    assert_eq!(report["previous_period"]["first"], "2026-01-01");
    let f = &care["figures"];
    // 12 women; 9 new (three came first in 2026); 12 + 5 + 3 + 2 = 22 appointments kept.
    assert_eq!(
        (f["women"].as_i64(), f["new_women"].as_i64()),
        (Some(12), Some(9))
    );
    assert_eq!(f["appointments"], 22);
    assert_eq!(f["missed"], 1);
    assert_eq!(
        (
            before["figures"]["women"].as_i64(),
            before["figures"]["appointments"].as_i64()
        ),
        (Some(3), Some(3))
    );
    let per_profession = labelled(&care["appointments_per_profession"]);
    assert_eq!(
        per_profession,
        [
            ("Psychologue".to_owned(), 12),
            ("Médecin".to_owned(), 5),
            ("Policière ou gendarme sur place".to_owned(), 3),
            ("Juriste ou avocate bénévole".to_owned(), 2),
        ]
    );
    let coralis_figures = &care["pathways"][0];
    assert_eq!(coralis_figures["name"], "CORALIS");
    assert_eq!(coralis_figures["women"], 5);
    assert_eq!(coralis_figures["new_women"], 5);
    assert_eq!(coralis_figures["steps_completed"], 8);
    assert_eq!(coralis_figures["complaints_on_site"], 3);
    assert_eq!(coralis_figures["appointments"], 8);
    // From the exam to the complaint: 2, 4 and 6 days; the median is 4.
    assert_eq!(
        coralis_figures["steps"][1]["median_days_from_previous"],
        4.0
    );
    let partner: Vec<(String, f64)> = care["agreements"][0]["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["figure"].as_str().unwrap().to_owned(),
                v["value"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        partner,
        [
            ("women".to_owned(), 5.0),
            ("complaints_on_site".to_owned(), 3.0),
            ("median_delay_days".to_owned(), 4.0),
        ]
    );
    let trainings = &care["trainings"];
    assert_eq!(trainings["participants"], 230);
    assert_eq!(trainings["sessions"], 5);
    assert_eq!(trainings["per_module"][0]["module"], "In-Vivo");
    assert_eq!(trainings["per_module"][0]["minutes"], 5 * 360);
    let trained = labelled(&care["participants_per_profession"]);
    assert_eq!(
        trained,
        [
            ("Infirmière".to_owned(), 70),
            ("Médecin".to_owned(), 60),
            // A tie, in the list's order: the midwife comes before the police officer.
            ("Sage-femme".to_owned(), 50),
            ("Policière ou gendarme sur place".to_owned(), 50),
        ]
    );
    assert_eq!(
        (
            care["hosting"]["interns"].as_i64(),
            care["hosting"]["observers"].as_i64()
        ),
        (Some(2), Some(1))
    );
    // The report's care section comes first and prints the same figures.
    let (client, _) = s.login("coordination@mdf.example").await;
    let page = s
        .html(&client, "/reports?from=2027-01-01&to=2027-12-31")
        .await;
    let care_section = extract(&page, "id=\"section-care\"", "</section>")
        .or_else(|| extract(&page, "Accueil et parcours de soins", "</section>"))
        .unwrap();
    for figure in ["CORALIS", "In-Vivo", "230", "Parquet de Bobigny"] {
        assert!(
            care_section.contains(figure),
            "{figure} in the care section"
        );
    }
}
