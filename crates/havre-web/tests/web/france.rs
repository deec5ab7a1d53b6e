//! An organization in France (docs/time.md "Reporting years"): its year is the calendar year on
//! Paris's clock, and an administrator chooses the month any organization's year begins.

use crate::common::*;
use chrono::{TimeZone, Utc};
use havre_domain::policy::Role;
use havre_domain::year::{Country, YearStart};
use havre_store::Actor;
use havre_store::organizations::{NewOrganization, OrganizationKind};
use havre_store::testing::Engine;
use serde_json::json;

crate::on_both_engines!(
    a_french_organization_counts_the_calendar_year_on_paris_clock,
    a_french_organization_is_written_in_french_of_france,
);

/// At 23:30 UTC on 31 December 2026 it is already 2027 in Paris: the report's year, by
/// default, is 2027 beside 2026. An administrator who moves the year's start to September sees
/// it follow; a month that is not one is refused at its field and changes nothing.
async fn a_french_organization_counts_the_calendar_year_on_paris_clock(engine: Engine) {
    let Some(s) = TestServer::start(engine).await else {
        return;
    };
    s.set_clock(Utc.with_ymd_and_hms(2026, 12, 31, 23, 30, 0).unwrap());
    let org = s
        .store
        .create_organization(
            &Actor::operator(),
            NewOrganization {
                name: "Maison des femmes de Saint-Denis".into(),
                kind: OrganizationKind::Centre,
                require_totp: false,
                public_info: Default::default(),
                time_zone: havre_domain::zone::Zone::parse("Europe/Paris").unwrap(),
                year_start: YearStart::JANUARY,
                country: Country::France,
            },
        )
        .await
        .unwrap();
    let (_, coordinator) = s
        .member(&org, "coordination@mdf.example", &[Role::Coordinator])
        .await;
    let (_, admin) = s
        .member(&org, "admin@mdf.example", &[Role::Administrator])
        .await;
    let period = async || {
        let (status, report) = call(
            &s,
            &coordinator,
            "GET",
            "/api/v1/reports/activity",
            json!(null),
        )
        .await;
        assert_eq!(status, 200);
        format!(
            "{} – {} beside {} – {}",
            report["period"]["first"].as_str().unwrap(),
            report["period"]["last"].as_str().unwrap(),
            report["previous_period"]["first"].as_str().unwrap(),
            report["previous_period"]["last"].as_str().unwrap()
        )
    };
    assert_eq!(
        period().await,
        "2027-01-01 – 2027-12-31 beside 2026-01-01 – 2026-12-31"
    );
    // The report page names the calendar year as it is written: 2027.
    let (client, _) = s.login("coordination@mdf.example").await;
    let page = s.html(&client, "/reports").await;
    let heading = extract(&page, "<h1>", "</h1>").unwrap();
    assert!(
        heading.contains("2027") && !heading.contains("2027-2028"),
        "{heading}"
    );

    // A month that is not one: refused at its field, nothing changed.
    let before = audit_entries(&s).await;
    let (status, problem) = call(
        &s,
        &admin,
        "PATCH",
        "/api/v1/organization",
        json!({ "year_start_month": 13 }),
    )
    .await;
    assert_eq!(status, 422);
    insta::assert_snapshot!(said(&problem), @"year_start_month: Choisissez un mois, de janvier (1) à décembre (12).");
    assert_eq!(audit_entries(&s).await, before);
    // On the settings page too: the message at its field.
    let (admin_client, csrf) = s.login("admin@mdf.example").await;
    let before = audit_entries(&s).await;
    let refused = admin_client
        .post(s.url("/organization"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("time_zone", "Europe/Paris"),
            ("year_start_month", "treize"),
            ("country", "FR"),
            ("limit_emergency", "5"),
            ("limit_follow_up", "15"),
            ("limit_relatives", "5"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("id=\"err-year_start_month\"")
    );
    assert_eq!(audit_entries(&s).await, before);
    // A school year from September.
    let (status, saved) = call(
        &s,
        &admin,
        "PATCH",
        "/api/v1/organization",
        json!({ "year_start_month": 9 }),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        (
            saved["year_start_month"].as_u64(),
            saved["country"].as_str()
        ),
        (Some(9), Some("FR"))
    );
    assert_eq!(
        period().await,
        "2026-09-01 – 2027-08-31 beside 2025-09-01 – 2026-08-31"
    );
}

/// An organization in France reads French of France where it differs from Québec's (a house's
/// "Département", not its "Région"), and Québec's French everywhere else; its pages say so to
/// the browser and to screen readers (`lang="fr-FR"`). A centre in Québec keeps its words, and
/// English stays English.
async fn a_french_organization_is_written_in_french_of_france(engine: Engine) {
    let Some((s, quebec)) = TestServer::centre(engine, "CALACS de la Rive").await else {
        return;
    };
    let paris = s.care_unit("Maison des femmes du Parc").await;
    s.user(&paris, "coordination@parc.example", &[Role::Coordinator])
        .await;
    s.user(&quebec, "coordination@rive.example", &[Role::Coordinator])
        .await;
    let (client, _) = s.login("coordination@parc.example").await;
    let page = s.html(&client, "/housing").await;
    assert!(page.contains("<html lang=\"fr-FR\">"));
    assert!(
        page.contains(">Département<"),
        "the house's region is a département"
    );
    // Every other word is French's.
    assert!(page.contains(">Hébergement<"));
    let (client, _) = s.login("coordination@rive.example").await;
    let page = s.html(&client, "/housing").await;
    assert!(page.contains("<html lang=\"fr\">"));
    assert!(page.contains(">Région<") && !page.contains("Département"));
    // Whoever chose English reads English, in France too.
    let english = s.client();
    let r = english
        .get(s.url(&format!("/o/{}", paris.slug)))
        .header("cookie", "havre_lang=en")
        .send()
        .await
        .unwrap();
    assert!(r.text().await.unwrap().contains("<html lang=\"en\">"));
    let public = s
        .client()
        .get(s.url(&format!("/o/{}", paris.slug)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(public.contains("<html lang=\"fr-FR\">"));
}
