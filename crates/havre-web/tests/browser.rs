//! The pages in a real browser: headless Chromium driven through chromedriver (WebDriver).

mod common;

use common::*;
use fantoccini::{ClientBuilder, Locator};
use havre_domain::policy::{Role, Roles, navigation};
use havre_store::organizations::OrganizationKind;
use havre_store::testing::{Engine, missing};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A chromedriver process for one test, stopped on drop.
struct Driver {
    child: Child,
    url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(program).is_file()))
}

async fn driver() -> Option<Driver> {
    if !on_path("chromedriver") || !std::path::Path::new("/usr/bin/chromium").exists() {
        missing(
            "chromium and chromedriver are not installed (apt-get install chromium chromium-driver)",
        );
        return None;
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return Some(Driver {
                child,
                url: format!("http://127.0.0.1:{port}"),
            });
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("chromedriver did not start");
}

async fn browser(driver: &Driver, profile: &std::path::Path) -> fantoccini::Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": "/usr/bin/chromium",
            // A browser set to French, as the centres' are.
            "prefs": { "intl.accept_languages": "fr-CA,fr" },
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--lang=fr-CA", "--window-size=1100,800",
                format!("--user-data-dir={}", profile.display()),
            ]
        }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .expect("a Chromium session")
}

/// Keeps a picture of the page for people to look at (target/screenshots). A picture is not an
/// assertion: on a loaded machine Chromium may fail to take one while the page settles, and
/// that is no reason to fail the test.
async fn keep_screenshot(c: &fantoccini::Client, file: impl AsRef<std::path::Path>) {
    if let Ok(png) = c.screenshot().await {
        std::fs::write(screenshot_dir().join(file), png).unwrap();
    }
}

fn screenshot_dir() -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Each role logs in with the keyboard alone and sees its own navigation, no more.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_role_logs_in_and_sees_its_navigation() {
    let Some(driver) = driver().await else { return };
    let Some(s) = TestServer::start(Engine::Sqlite).await else {
        return;
    };
    let centre = s
        .organization("CALACS de la Rive", OrganizationKind::Centre, false)
        .await;
    let network = s
        .organization("Regroupement de la Rive", OrganizationKind::Network, false)
        .await;
    let profile = tempfile::tempdir().unwrap();
    let c = browser(&driver, profile.path()).await;
    for role in Role::ALL {
        let org = match role {
            Role::NetworkAnalyst => &network,
            _ => &centre,
        };
        let email = format!("{}@rive.example", role.as_str());
        s.user(org, &email, &[role]).await;

        c.goto(&s.url("/login")).await.unwrap();
        let field = c.find(Locator::Css("#f-email")).await.unwrap();
        field.send_keys(&email).await.unwrap();
        // Tab to the password, type it, and submit with Enter: no mouse.
        field.send_keys("\u{E004}").await.unwrap();
        let active = c.active_element().await.unwrap();
        assert_eq!(
            active.attr("id").await.unwrap().as_deref(),
            Some("f-password"),
            "Tab goes from email to password"
        );
        active
            .send_keys(&format!("{PASSWORD}\u{E007}"))
            .await
            .unwrap();
        c.wait()
            .for_element(Locator::Css("nav.main-nav"))
            .await
            .unwrap();

        let mut shown = Vec::new();
        for link in c
            .find_all(Locator::Css("nav.main-nav a[data-nav]"))
            .await
            .unwrap()
        {
            shown.push(link.attr("data-nav").await.unwrap().unwrap());
        }
        let expected: Vec<String> = navigation(&Roles::new(vec![role]))
            .iter()
            .map(|n| n.key().to_owned())
            .collect();
        assert_eq!(shown, expected, "navigation of {role}");
        let heading = c
            .find(Locator::Css("h1"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(heading.starts_with("Bonjour"), "{heading}");

        if role == Role::Coordinator {
            keep_screenshot(&c, "home-coordinator.png").await;
        }
        c.find(Locator::Css("form[action='/logout'] button"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        c.wait()
            .for_element(Locator::Css("#f-email"))
            .await
            .unwrap();
    }
    keep_screenshot(&c, "login.png").await;

    // The public page: its quick exit leaves and replaces the history entry.
    c.goto(&s.url(&format!("/o/{}", centre.slug)))
        .await
        .unwrap();
    keep_screenshot(&c, "public.png").await;
    let exit = c.find(Locator::Css("#quick-exit")).await.unwrap();
    assert_eq!(exit.text().await.unwrap(), "Sortie rapide");
    let history_before: i64 = c
        .execute("return window.history.length", vec![])
        .await
        .unwrap()
        .as_i64()
        .unwrap();
    // The neutral site is out of reach here; only the replacement of the entry is checked.
    c.execute(
        "document.getElementById('quick-exit').setAttribute('data-exit', 'about:blank')",
        vec![],
    )
    .await
    .unwrap();
    exit.click().await.unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(c.current_url().await.unwrap().as_str(), "about:blank");
    let history_after: i64 = c
        .execute("return window.history.length", vec![])
        .await
        .unwrap()
        .as_i64()
        .unwrap();
    assert_eq!(
        history_before, history_after,
        "the quick exit replaced the page in the history"
    );
    c.close().await.unwrap();
}

/// Runs axe-core (the accessibility engine, vendored in tests/vendor) on the page shown, for
/// the WCAG 2.1 A and AA rules, and returns the violations as "rule: element" lines.
async fn wcag_violations(c: &fantoccini::Client) -> Vec<String> {
    const AXE: &str = include_str!("vendor/axe.min.js");
    c.execute(&format!("{AXE}; return true;"), vec![])
        .await
        .unwrap();
    let result = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
                .then(r => done(r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
                .catch(e => done(['axe failed: ' + e]));",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(result).unwrap()
}

/// The pages of the foundation pass axe-core's WCAG 2.1 AA rules (contrast, labels, names,
/// landmarks, language), on a laptop-sized window and on a phone-sized one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_pass_the_wcag_21_aa_rules() {
    let Some(driver) = driver().await else { return };
    let Some(s) = TestServer::start(Engine::Sqlite).await else {
        return;
    };
    let centre = s
        .organization("CALACS de la Rive", OrganizationKind::Centre, false)
        .await;
    s.user(
        &centre,
        "admin@rive.example",
        &[Role::Administrator, Role::Coordinator],
    )
    .await;
    let profile = tempfile::tempdir().unwrap();
    let c = browser(&driver, profile.path()).await;
    // The checker itself finds a field without a label: it runs, and it would see one.
    c.goto(&s.url("/login")).await.unwrap();
    c.execute("const i = document.createElement('input'); i.id = 'unlabelled'; document.querySelector('main').appendChild(i);", vec![]).await.unwrap();
    assert!(
        wcag_violations(&c)
            .await
            .iter()
            .any(|v| v.starts_with("label:") && v.contains("#unlabelled")),
        "axe-core sees an unlabelled field"
    );

    let waiting = waiting_request(&s, &centre, "Nadia Nadeau", 3).await;
    let request_page = format!("/waitlist/{waiting}");
    // A file with a meeting, a note and a relative, as the coordinator reads it.
    let (_, person) = request_of(&s, &centre, "Olivia Ouimet", 10, Default::default()).await;
    let admin = s.store.user_by_email("admin@rive.example").await.unwrap();
    let reader = havre_store::files::Reader {
        actor: havre_store::Actor::operator(),
        organization_id: centre.id,
        user_id: admin.id,
        roles: admin.roles.clone(),
        profession: None,
        partner_id: None,
        known: Default::default(),
    };
    s.store
        .record_meeting(
            &reader,
            person,
            havre_store::meetings::NewMeeting {
                kind: havre_domain::meetings::MeetingKind::FirstMeeting,
                held_at: s.store.now(),
                place: havre_domain::meetings::PlaceKind::Centre,
                place_id: None,
                time: havre_domain::meetings::MeetingTime {
                    duration: 90,
                    preparation: 15,
                    debrief: 15,
                    travel: 0,
                },
                staff: vec![admin.id],
                relative_id: None,
                over_limit_reason: None,
                texts_given: false,
            },
        )
        .await
        .unwrap();
    s.store
        .add_note(
            &reader,
            person,
            "Première rencontre, orientation vers le suivi.",
            havre_domain::care::NoteScope::Team,
        )
        .await
        .unwrap();
    s.store
        .add_relative(&reader, person, "Paul Ouimet", "parent")
        .await
        .unwrap();
    let file_page = format!("/files/{person}");
    // A group with a woman and a session, a drop-in, and a request to the fund.
    let group = s
        .store
        .create_group(
            &reader,
            havre_store::groups::NewGroup {
                name: "Groupe automne".into(),
                service_area: havre_domain::intake::ServiceArea::DirectHelp,
                capacity: 8,
                planned_meetings: 22,
                meeting_minutes: 180,
                starts_on: s.store.now(),
                facilitators: vec![admin.id],
            },
        )
        .await
        .unwrap();
    s.store
        .enrol(
            &reader,
            group,
            waiting_request(&s, &centre, "Rita Roy", 20).await,
            None,
        )
        .await
        .unwrap();
    s.store
        .record_dropin(
            &reader,
            havre_store::groups::NewDropin {
                service_area: havre_domain::intake::ServiceArea::Exploitation,
                theme: "L'estime de soi".into(),
                held_at: s.store.now(),
                duration_minutes: 120,
                preparation_minutes: 30,
                attendance: 4,
                staff: vec![admin.id],
            },
        )
        .await
        .unwrap();
    s.store.deposit(&reader, Some(50_000), "Don").await.unwrap();
    s.store
        .request_fund(
            &reader,
            person,
            Some(2_500),
            Some(havre_domain::fund::Purpose::Food),
            "Épicerie",
        )
        .await
        .unwrap();
    let group_page = format!("/groups/{group}");
    // A program with a workshop, an animation at a school, an evaluation.
    let program = s
        .store
        .create_program(
            &reader,
            "Empreinte",
            havre_domain::intake::ServiceArea::DirectHelp,
        )
        .await
        .unwrap();
    let workshop = s
        .store
        .add_workshop(
            &reader,
            program,
            havre_domain::prevention::NewWorkshop {
                number: Some(1),
                title: "Les agressions à caractère sexuel".into(),
                objective: "Mieux comprendre la problématique".into(),
                questions: vec!["L'information était facile à comprendre".into()],
            },
        )
        .await
        .unwrap();
    let school = s
        .store
        .add_list_value(
            centre.id,
            havre_domain::lists::ListKind::Place,
            "École A",
            "École A",
        )
        .await
        .unwrap()
        .id;
    s.store
        .record_animation(
            &reader,
            havre_store::prevention::NewAnimation {
                workshop_id: workshop,
                held_at: s.store.now(),
                place_id: school,
                class_groups: 2,
                students: 50,
                staff_participants: 2,
                facilitation_minutes: 150,
                travel_minutes: 30,
                preparation_minutes: 20,
                staff: vec![admin.id],
            },
        )
        .await
        .unwrap();
    // A spreadsheet to import, one of its rows with two problems.
    let headers = ["Date de la demande", "Nom", "Code"].map(String::from);
    let import = s
        .store
        .start_import(
            &havre_store::Actor::operator(),
            centre.id,
            havre_domain::import::ImportKind::HelpRequests,
            "liste.csv",
            "Date de la demande;Nom;Code\n2024-03-04;Zoé;1\n31/02/2024;Léa;4\n".as_bytes(),
            &havre_domain::import::guess(havre_domain::import::ImportKind::HelpRequests, &headers),
        )
        .await
        .unwrap();
    let import_page = format!("/imports/{import}");
    let evaluations_page = format!("/prevention/evaluations?workshop={workshop}");
    let season_page = format!("/prevention/season?place={school}");
    let mut problems = Vec::new();
    for (width, height) in [(1100, 800), (390, 844)] {
        c.set_window_size(width, height).await.unwrap();
        for path in ["/login", &format!("/o/{}", centre.slug), "/nulle-part"] {
            c.goto(&s.url(path)).await.unwrap();
            problems.extend(
                wcag_violations(&c)
                    .await
                    .into_iter()
                    .map(|v| format!("{width}px {path}: {v}")),
            );
        }
        c.goto(&s.url("/login")).await.unwrap();
        c.find(Locator::Css("#f-email"))
            .await
            .unwrap()
            .send_keys("admin@rive.example")
            .await
            .unwrap();
        c.find(Locator::Css("#f-password"))
            .await
            .unwrap()
            .send_keys(&format!("{PASSWORD}\u{E007}"))
            .await
            .unwrap();
        c.wait()
            .for_element(Locator::Css("nav.main-nav"))
            .await
            .unwrap();
        for path in [
            "/",
            "/account",
            "/users",
            "/audit",
            "/organization",
            "/waitlist",
            "/help-requests/new",
            request_page.as_str(),
            "/intake/calls",
            "/organization/lists",
            "/account/totp",
            "/files",
            file_page.as_str(),
            "/groups",
            group_page.as_str(),
            "/dropins",
            "/fund",
            "/prevention",
            "/prevention/programs",
            evaluations_page.as_str(),
            "/prevention/trainings",
            season_page.as_str(),
            "/prevention/outreach",
            "/hours",
            "/reports",
            "/reports?publishable=true",
            "/imports",
            import_page.as_str(),
        ] {
            c.goto(&s.url(path)).await.unwrap();
            // The page is there, whole, before it is looked at and checked.
            c.wait()
                .for_element(Locator::Css("main#main"))
                .await
                .unwrap();
            // Every page at laptop size, to be looked at (target/screenshots).
            if width > 500 {
                // Named by the route, not by the identifiers of this run.
                let route: Vec<&str> = path
                    .split(['/', '?', '='])
                    .map(|seg| {
                        if uuid::Uuid::parse_str(seg).is_ok() {
                            "id"
                        } else {
                            seg
                        }
                    })
                    .collect();
                let file = format!("page{}.png", route.join("-"));
                keep_screenshot(&c, file).await;
            }
            problems.extend(
                wcag_violations(&c)
                    .await
                    .into_iter()
                    .map(|v| format!("{width}px {path}: {v}")),
            );
        }
        // A form with its errors shown.
        c.goto(&s.url("/users")).await.unwrap();
        c.find(Locator::Css("form[action='/users'] button[type=submit]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        c.wait()
            .for_element(Locator::Css(".field-error"))
            .await
            .unwrap();
        problems.extend(
            wcag_violations(&c)
                .await
                .into_iter()
                .map(|v| format!("{width}px /users with errors: {v}")),
        );
        if width < 500 {
            keep_screenshot(&c, "users-errors-phone.png").await;
        }
        // The meeting form sent without a length: the message at its field.
        c.goto(&s.url(&file_page)).await.unwrap();
        c.find(Locator::Css("#record-meeting button[type=submit]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        c.wait()
            .for_element(Locator::Css("#err-duration"))
            .await
            .unwrap();
        problems.extend(
            wcag_violations(&c)
                .await
                .into_iter()
                .map(|v| format!("{width}px {file_page} with errors: {v}")),
        );
        // The help-request form sent empty: every message at its field.
        c.goto(&s.url("/help-requests/new")).await.unwrap();
        c.find(Locator::Css("form.intake button[type=submit]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        c.wait()
            .for_element(Locator::Css(".field-error"))
            .await
            .unwrap();
        problems.extend(
            wcag_violations(&c)
                .await
                .into_iter()
                .map(|v| format!("{width}px /help-requests with errors: {v}")),
        );
        c.find(Locator::Css("form[action='/logout'] button"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        c.wait()
            .for_element(Locator::Css("#f-email"))
            .await
            .unwrap();
    }
    c.close().await.unwrap();
    assert!(
        problems.is_empty(),
        "WCAG 2.1 AA violations:\n{}",
        problems.join("\n")
    );
}

/// A woman asks for help from the public page: every public page passes axe-core on a laptop
/// and on a phone, weighs under 100 kB with all it loads, and loads nothing from elsewhere;
/// she fills the form with the keyboard and is told what happens next; pressing Escape twice
/// on the form leaves for the neutral site without a way back to it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_woman_asks_for_help_from_the_public_page_and_leaves_no_way_back() {
    let Some(driver) = driver().await else { return };
    let Some(s) = TestServer::start(Engine::Sqlite).await else {
        return;
    };
    let centre = s
        .organization("CALACS de la Rive", OrganizationKind::Centre, false)
        .await;
    let profile = tempfile::tempdir().unwrap();
    let c = browser(&driver, profile.path()).await;
    let public = format!("/o/{}", centre.slug);
    let help = format!("{public}/help");
    let mut problems = Vec::new();
    for (width, height) in [(1100, 800), (390, 844)] {
        c.set_window_size(width, height).await.unwrap();
        for path in [public.clone(), help.clone(), format!("{public}/complaint")] {
            c.goto(&s.url(&path)).await.unwrap();
            // All the page loads, itself included, from this server only, under 100 kB.
            let loaded = c
                .execute(
                    "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
                        .map(e => [e.name, e.transferSize || e.encodedBodySize || 0]);",
                    vec![],
                )
                .await
                .unwrap();
            let loaded: Vec<(String, u64)> = serde_json::from_value(loaded).unwrap();
            let bytes: u64 = loaded.iter().map(|(_, b)| b).sum();
            assert!(bytes < 100_000, "{path} weighs {bytes} bytes: {loaded:?}");
            for (url, _) in &loaded {
                assert!(url.starts_with(&s.url("/")), "{path} loads {url}");
            }
            if width > 500 {
                keep_screenshot(&c, format!("public{}.png", path.replace('/', "-"))).await;
            }
            problems.extend(
                wcag_violations(&c)
                    .await
                    .into_iter()
                    .map(|v| format!("{width}px {path}: {v}")),
            );
        }
        // The form sent without a way back: the message at its field.
        c.goto(&s.url(&help)).await.unwrap();
        click_on(&c, "#help button[type=submit]").await;
        c.wait()
            .for_element(Locator::Css("#err-reply_by"))
            .await
            .unwrap();
        problems.extend(
            wcag_violations(&c)
                .await
                .into_iter()
                .map(|v| format!("{width}px {help} with errors: {v}")),
        );
    }
    assert!(
        problems.is_empty(),
        "WCAG 2.1 AA violations:\n{}",
        problems.join("\n")
    );

    // From the public page to the form, then filled with the keyboard.
    c.set_window_size(1100, 800).await.unwrap();
    c.goto(&s.url(&public)).await.unwrap();
    click_on(&c, "#ask-for-help").await;
    c.wait().for_element(Locator::Css("#help")).await.unwrap();
    type_into(&c, "#f-name", "Léa").await;
    click_on(&c, "input[name=reply_by][value=text]").await;
    type_into(&c, "#f-phone", "514 555-0199").await;
    type_into(&c, "#f-safe_hours", "après 18 h").await;
    type_into(&c, "#f-needs", &format!("Parler à quelqu’un.{ENTER}")).await;
    click_on(&c, "#help button[type=submit]").await;
    c.wait().for_element(Locator::Css("#sent")).await.unwrap();
    keep_screenshot(&c, "public-help-sent.png").await;
    assert!(
        text_of(&c, "#sent")
            .await
            .contains("Votre demande est reçue")
    );

    // From the public page to the form again, then Escape twice: off to the neutral site,
    // the form replaced in the history, so that Back leads to the page before it.
    c.goto(&s.url(&public)).await.unwrap();
    click_on(&c, "#ask-for-help").await;
    c.wait().for_element(Locator::Css("#help")).await.unwrap();
    let history_before = c
        .execute("return window.history.length", vec![])
        .await
        .unwrap()
        .as_i64()
        .unwrap();
    // The neutral site is out of reach here; only the replacement of the entry is checked.
    c.execute(
        "document.getElementById('quick-exit').setAttribute('data-exit', 'about:blank')",
        vec![],
    )
    .await
    .unwrap();
    {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let escape = '\u{E00C}';
        c.perform_actions(
            KeyActions::new("keyboard".into())
                .then(KeyAction::Down { value: escape })
                .then(KeyAction::Up { value: escape })
                .then(KeyAction::Down { value: escape })
                .then(KeyAction::Up { value: escape }),
        )
        .await
        .unwrap();
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(c.current_url().await.unwrap().as_str(), "about:blank");
    let history_after = c
        .execute("return window.history.length", vec![])
        .await
        .unwrap()
        .as_i64()
        .unwrap();
    assert_eq!(history_before, history_after, "no way back to the form");
    c.back().await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        c.current_url().await.unwrap().as_str(),
        s.url(&public),
        "Back leads to the page before the form, not to the form"
    );
    c.close().await.unwrap();

    // What she sent waits on the wait list.
    let pending = s.store.pending_online_requests(centre.id).await.unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(
        (
            pending[0].form.name.as_str(),
            pending[0].form.needs.as_str()
        ),
        ("Léa", "Parler à quelqu’un.")
    );
}

const ENTER: &str = "\u{E007}";
const SPACE: &str = " ";

/// Presses Tab on the keyboard, wherever the focus is, as a person does. (Sending the key to
/// the focused element instead makes ChromeDriver focus that element again first, which puts a
/// date field's caret back on its first part: Tab would never leave it.)
async fn press_tab(c: &fantoccini::Client) {
    use fantoccini::actions::{InputSource, KeyAction, KeyActions};
    let tab = '\u{E004}';
    c.perform_actions(
        KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: tab })
            .then(KeyAction::Up { value: tab }),
    )
    .await
    .unwrap();
}

/// Presses Tab until the focus is on the field `name` (and, for a checkbox, the one whose
/// label starts with `label`). Only moves forward: a field out of the conversation's order
/// would be passed and never reached, and the test fails.
async fn tab_to(
    c: &fantoccini::Client,
    name: &str,
    label: Option<&str>,
) -> fantoccini::elements::Element {
    for _ in 0..120 {
        let el = c.active_element().await.unwrap();
        if el.attr("name").await.unwrap().as_deref() == Some(name) {
            let matches = match label {
                None => true,
                Some(text) => el
                    .find(Locator::XPath("./.."))
                    .await
                    .unwrap()
                    .text()
                    .await
                    .unwrap()
                    .trim()
                    .starts_with(text),
            };
            if matches {
                return el;
            }
        }
        press_tab(c).await;
    }
    panic!("Tab never reached {name} {label:?}");
}

/// The help-request page is made for the call: a caseworker records a request with the
/// keyboard alone, fields in the order of the conversation, and finds it on the wait list.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_request_is_recorded_with_the_keyboard_and_found_on_the_wait_list() {
    let Some(driver) = driver().await else { return };
    let Some(s) = TestServer::start(Engine::Sqlite).await else {
        return;
    };
    let centre = s
        .organization("CALACS de la Rive", OrganizationKind::Centre, false)
        .await;
    s.user(&centre, "int@rive.example", &[Role::Caseworker])
        .await;
    let profile = tempfile::tempdir().unwrap();
    let c = browser(&driver, profile.path()).await;
    c.goto(&s.url("/login")).await.unwrap();
    c.find(Locator::Css("#f-email"))
        .await
        .unwrap()
        .send_keys("int@rive.example")
        .await
        .unwrap();
    c.find(Locator::Css("#f-password"))
        .await
        .unwrap()
        .send_keys(&format!("{PASSWORD}{ENTER}"))
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("nav.main-nav"))
        .await
        .unwrap();
    c.goto(&s.url("/waitlist")).await.unwrap();
    c.find(Locator::LinkText("Nouvelle demande d'aide"))
        .await
        .unwrap()
        .send_keys(ENTER)
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("form.intake"))
        .await
        .unwrap();

    // From the first field on, only keys. Date and time are already those of the call.
    c.find(Locator::Css("#f-received_date"))
        .await
        .unwrap()
        .send_keys("")
        .await
        .unwrap();
    tab_to(&c, "received_time", None).await;
    tab_to(&c, "channel", None).await;
    tab_to(&c, "requester", None)
        .await
        .send_keys("La p")
        .await
        .unwrap();
    tab_to(&c, "voluntary", None).await;
    tab_to(&c, "name", None)
        .await
        .send_keys("Inès Iturbide")
        .await
        .unwrap();
    tab_to(&c, "phone", None)
        .await
        .send_keys("418 555-0199")
        .await
        .unwrap();
    tab_to(&c, "birth_year", None)
        .await
        .send_keys("1994")
        .await
        .unwrap();
    tab_to(&c, "teenager", None).await;
    tab_to(&c, "may_call", None)
        .await
        .send_keys(SPACE)
        .await
        .unwrap();
    tab_to(&c, "safe_hours", None)
        .await
        .send_keys("après 18 h")
        .await
        .unwrap();
    tab_to(&c, "service_area", None).await;
    tab_to(&c, "age_at_request", None)
        .await
        .send_keys("25")
        .await
        .unwrap();
    tab_to(&c, "age_at_assault", None)
        .await
        .send_keys("12")
        .await
        .unwrap();
    tab_to(&c, "assault_forms", Some("Attouchements"))
        .await
        .send_keys(SPACE)
        .await
        .unwrap();
    tab_to(&c, "relations", Some("Entourage"))
        .await
        .send_keys(SPACE)
        .await
        .unwrap();
    tab_to(&c, "referral_source", None)
        .await
        .send_keys("Int")
        .await
        .unwrap();
    tab_to(&c, "residence", None)
        .await
        .send_keys("Ho")
        .await
        .unwrap();
    tab_to(&c, "answer_suicidal_ideas", None)
        .await
        .send_keys(SPACE)
        .await
        .unwrap();
    tab_to(&c, "decided_code", None).await;
    // Enter in a text field sends the form.
    tab_to(&c, "override_reason", None)
        .await
        .send_keys(ENTER)
        .await
        .unwrap();

    c.wait()
        .for_element(Locator::Css("table.waitlist"))
        .await
        .unwrap();
    keep_screenshot(&c, "waitlist.png").await;
    let notice = c
        .find(Locator::Css(".notice"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(notice.contains("code 1"), "{notice}");
    let row = c
        .find(Locator::XPath(
            "//table[contains(@class,'waitlist')]//tr[td[2][normalize-space()='Inès Iturbide']]",
        ))
        .await
        .unwrap();
    assert!(
        row.find(Locator::Css("td"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
            .starts_with('1')
    );
    assert_eq!(
        c.find(Locator::Css("#code-1 td"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
        "1"
    );
    // What the keyboard chose is what was recorded.
    let list = s.store.wait_list(centre.id, None).await.unwrap();
    assert_eq!(list.requests.len(), 1);
    assert_eq!(
        (list.requests[0].name.as_str(), list.requests[0].code),
        ("Inès Iturbide", 1)
    );
    c.close().await.unwrap();
}

/// A caseworker opens a file from her list, reads the safe-contact banner, records a meeting
/// with its preparation and travel, and finds it on the timeline with the hours invested.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_caseworker_records_a_meeting_and_finds_it_on_the_timeline() {
    let Some(driver) = driver().await else { return };
    let Some(s) = TestServer::start(Engine::Sqlite).await else {
        return;
    };
    let centre = s
        .organization("CALACS de la Rive", OrganizationKind::Centre, false)
        .await;
    let caseworker = s
        .user(&centre, "int@rive.example", &[Role::Caseworker])
        .await;
    let (_, person) = request_of(
        &s,
        &centre,
        "Inès Iturbide",
        5,
        havre_store::intake::SafeContact {
            may_call: true,
            may_leave_message: false,
            may_say_our_name: false,
            hours: "après 18 h".into(),
            safe_number: "418 555-0142".into(),
        },
    )
    .await;
    s.store
        .assign_caseworker(
            &havre_store::files::Reader {
                actor: havre_store::Actor::operator(),
                organization_id: centre.id,
                user_id: caseworker.id,
                roles: havre_domain::policy::Roles::new(vec![Role::Coordinator]),
                profession: None,
                partner_id: None,
                known: Default::default(),
            },
            person,
            caseworker.id,
        )
        .await
        .unwrap();
    let profile = tempfile::tempdir().unwrap();
    let c = browser(&driver, profile.path()).await;
    c.goto(&s.url("/login")).await.unwrap();
    c.find(Locator::Css("#f-email"))
        .await
        .unwrap()
        .send_keys("int@rive.example")
        .await
        .unwrap();
    c.find(Locator::Css("#f-password"))
        .await
        .unwrap()
        .send_keys(&format!("{PASSWORD}{ENTER}"))
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("nav.main-nav"))
        .await
        .unwrap();
    c.goto(&s.url("/files")).await.unwrap();
    c.find(Locator::LinkText("Inès Iturbide"))
        .await
        .unwrap()
        .send_keys(ENTER)
        .await
        .unwrap();
    let banner = c
        .wait()
        .for_element(Locator::Css("#safe-contact"))
        .await
        .unwrap();
    let text = banner.text().await.unwrap();
    assert!(text.contains("Ne pas laisser de message"), "{text}");
    assert!(text.contains("après 18 h") && text.contains("418 555-0142"));
    // The banner is read before any action: it comes first and is on screen.
    let first = c
        .execute(
            "const b = document.querySelector('#safe-contact'); \
             const f = document.querySelector('#record-meeting form'); \
             const r = b.getBoundingClientRect(); \
             return (b.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0 \
                && r.top >= 0 && r.top < window.innerHeight;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(first, serde_json::json!(true));

    // The date and hour are already today's; the caseworker types the rest.
    c.find(Locator::Css("#f-kind"))
        .await
        .unwrap()
        .send_keys("Premi")
        .await
        .unwrap();
    c.find(Locator::Css("#f-duration"))
        .await
        .unwrap()
        .send_keys("60")
        .await
        .unwrap();
    c.find(Locator::Css("#f-preparation"))
        .await
        .unwrap()
        .send_keys("20")
        .await
        .unwrap();
    c.find(Locator::Css("#f-debrief"))
        .await
        .unwrap()
        .send_keys("10")
        .await
        .unwrap();
    c.find(Locator::Css("#f-travel"))
        .await
        .unwrap()
        .send_keys(&format!("35{ENTER}"))
        .await
        .unwrap();
    c.wait().for_element(Locator::Css(".notice")).await.unwrap();
    let timeline = c
        .find(Locator::Css("#timeline"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(timeline.contains("Première rencontre"), "{timeline}");
    assert!(timeline.contains("prép. 0 h 20 · bilan 0 h 10 · dépl. 0 h 35"));
    assert!(timeline.contains("2 h 05"), "hours invested: {timeline}");
    assert!(timeline.contains(&caseworker.name));
    keep_screenshot(&c, "file-meeting-recorded.png").await;
    let file = s
        .store
        .person_file(
            &havre_store::files::Reader {
                actor: havre_store::Actor::operator(),
                organization_id: centre.id,
                user_id: caseworker.id,
                roles: caseworker.roles.clone(),
                profession: None,
                partner_id: None,
                known: Default::default(),
            },
            person,
        )
        .await
        .unwrap();
    assert_eq!(file.timeline.len(), 1);
    assert_eq!(
        (
            file.timeline[0].time.duration,
            file.timeline[0].time.preparation,
            file.timeline[0].time.debrief,
            file.timeline[0].time.travel
        ),
        (60, 20, 10, 35)
    );
    assert_eq!(file.episodes[0].status, "in_service");
    c.close().await.unwrap();
}

/// A prevention worker records an animation at a school and finds it in the school's season;
/// then she fills her weekly timesheet, as hours are written (3 h 30, 1,5).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_prevention_worker_records_an_animation_and_fills_her_timesheet() {
    let Some(driver) = driver().await else { return };
    let Some(s) = TestServer::start(Engine::Sqlite).await else {
        return;
    };
    let centre = s
        .organization("CALACS de la Rive", OrganizationKind::Centre, false)
        .await;
    let worker = s
        .user(&centre, "prev@rive.example", &[Role::PreventionWorker])
        .await;
    let reader = havre_store::files::Reader {
        actor: havre_store::Actor::operator(),
        organization_id: centre.id,
        user_id: worker.id,
        roles: worker.roles.clone(),
        profession: None,
        partner_id: None,
        known: Default::default(),
    };
    let program = s
        .store
        .create_program(
            &reader,
            "Empreinte",
            havre_domain::intake::ServiceArea::DirectHelp,
        )
        .await
        .unwrap();
    s.store
        .add_workshop(
            &reader,
            program,
            havre_domain::prevention::NewWorkshop {
                number: Some(2),
                title: "Le consentement sexuel".into(),
                objective: String::new(),
                questions: Vec::new(),
            },
        )
        .await
        .unwrap();
    s.store
        .add_list_value(
            centre.id,
            havre_domain::lists::ListKind::Place,
            "École secondaire de la Rive",
            "École secondaire de la Rive",
        )
        .await
        .unwrap();
    let profile = tempfile::tempdir().unwrap();
    let c = browser(&driver, profile.path()).await;
    c.goto(&s.url("/login")).await.unwrap();
    c.find(Locator::Css("#f-email"))
        .await
        .unwrap()
        .send_keys("prev@rive.example")
        .await
        .unwrap();
    c.find(Locator::Css("#f-password"))
        .await
        .unwrap()
        .send_keys(&format!("{PASSWORD}{ENTER}"))
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("nav.main-nav"))
        .await
        .unwrap();
    c.find(Locator::Css("nav.main-nav a[href='/prevention']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("#record-animation"))
        .await
        .unwrap();
    // The date and hour are today's; she picks the workshop and the school, and types.
    c.find(Locator::Css("#f-workshop_id"))
        .await
        .unwrap()
        .send_keys("Empreinte")
        .await
        .unwrap();
    c.find(Locator::Css("#f-place_id"))
        .await
        .unwrap()
        .send_keys("École")
        .await
        .unwrap();
    for (field, value) in [
        ("#f-class_groups", "4"),
        ("#f-students", "101"),
        ("#f-staff_participants", "4"),
        ("#f-facilitation", "300"),
        ("#f-travel", "60"),
        ("#f-preparation", "40"),
    ] {
        c.find(Locator::Css(field))
            .await
            .unwrap()
            .send_keys(value)
            .await
            .unwrap();
    }
    c.find(Locator::Css("#record-animation button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait().for_element(Locator::Css(".notice")).await.unwrap();
    let season = c
        .find(Locator::Css("#by-place"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(season.contains("École secondaire de la Rive"), "{season}");
    assert!(season.contains("101") && season.contains("5 h") && season.contains("1 h"));

    // Her week: 3 h 30 of team meeting on Monday, 1,5 on Tuesday.
    c.find(Locator::Css("nav.main-nav a[href='/hours']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("#timesheet"))
        .await
        .unwrap();
    c.find(Locator::Css("#f-m_0_0"))
        .await
        .unwrap()
        .send_keys("3 h 30")
        .await
        .unwrap();
    c.find(Locator::Css("#f-m_0_1"))
        .await
        .unwrap()
        .send_keys(&format!("1,5{ENTER}"))
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::XPath("//tfoot//td[text()='5 h']"))
        .await
        .unwrap();
    keep_screenshot(&c, "hours-timesheet-filled.png").await;
    let entries = s
        .store
        .my_hours(
            &reader,
            s.store.now().date_naive() - chrono::Days::new(7),
            s.store.now().date_naive() + chrono::Days::new(7),
        )
        .await
        .unwrap();
    let mut minutes: Vec<i32> = entries.iter().map(|e| e.minutes).collect();
    minutes.sort();
    assert_eq!(minutes, [90, 210]);
    c.close().await.unwrap();
}

/// Sets a field's value as a date picker does (ChromeDriver cannot type into every part of a
/// date field the same way on every platform), then tells the page it changed.
/// Logs in with the demo password, and waits for the navigation.
async fn sign_in(s: &TestServer, c: &fantoccini::Client, email: &str) {
    c.goto(&s.url("/login")).await.unwrap();
    type_into(c, "#f-email", email).await;
    type_into(c, "#f-password", &format!("{PASSWORD}{ENTER}")).await;
    c.wait()
        .for_element(Locator::Css("nav.main-nav"))
        .await
        .unwrap();
}

/// The text of the element `css` selects.
async fn text_of(c: &fantoccini::Client, css: &str) -> String {
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn click_on(c: &fantoccini::Client, css: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// Types into the field `css` selects, after what it holds.
async fn type_into(c: &fantoccini::Client, css: &str, value: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .send_keys(value)
        .await
        .unwrap();
}

async fn set_value(c: &fantoccini::Client, css: &str, value: &str) {
    c.execute(
        "const f = document.querySelector(arguments[0]); f.value = arguments[1]; f.dispatchEvent(new Event('change'));",
        vec![css.into(), value.into()],
    )
    .await
    .unwrap();
}

/// A coordinator of a second-stage shelter opens a house with a secret address and its units,
/// admits a woman with two children, sees the warning that her stay nears its end, records her
/// exit with its destination, and reads the year's figures; every page passes axe-core.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coordinator_houses_a_family_and_records_where_they_went() {
    let Some(driver) = driver().await else { return };
    let Some(s) = TestServer::start(Engine::Sqlite).await else {
        return;
    };
    let shelter = s
        .organization("Maison Le Palier", OrganizationKind::Centre, false)
        .await;
    s.user(&shelter, "coord@palier.example", &[Role::Coordinator])
        .await;
    let today = s.store.now().date_naive() - chrono::Days::new(1);
    let opened = today - chrono::Months::new(36);
    let entered = today - chrono::Months::new(22);
    let profile = tempfile::tempdir().unwrap();
    let c = browser(&driver, profile.path()).await;
    let mut problems = Vec::new();
    macro_rules! check_page {
        ($name:expr) => {
            problems.extend(
                wcag_violations(&c)
                    .await
                    .into_iter()
                    .map(|v| format!("{}: {v}", $name)),
            );
            keep_screenshot(&c, format!("housing-{}.png", $name)).await;
        };
    }
    c.goto(&s.url("/login")).await.unwrap();
    c.find(Locator::Css("#f-email"))
        .await
        .unwrap()
        .send_keys("coord@palier.example")
        .await
        .unwrap();
    c.find(Locator::Css("#f-password"))
        .await
        .unwrap()
        .send_keys(&format!("{PASSWORD}{ENTER}"))
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("nav.main-nav"))
        .await
        .unwrap();
    c.find(Locator::Css("nav.main-nav a[href='/housing']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("#new-house"))
        .await
        .unwrap();
    check_page!("houses");

    // The house, its address kept secret.
    for (field, value) in [
        ("#f-name", "Maison des Pruches"),
        ("#f-region", "Laurentides"),
        ("#f-address", "4521, rue des Pruches-Cachées"),
    ] {
        c.find(Locator::Css(field))
            .await
            .unwrap()
            .send_keys(value)
            .await
            .unwrap();
    }
    c.find(Locator::Css("input[name=address_secret]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.find(Locator::Css("#new-house button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("#new-unit"))
        .await
        .unwrap();
    let house_page = c.current_url().await.unwrap();
    assert!(
        !c.source()
            .await
            .unwrap()
            .contains("rue des Pruches-Cachées"),
        "the secret address is not on the house's page"
    );
    // Its team reads it on a page of its own, and that read is audited.
    c.find(Locator::Css("#show-address"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait().for_element(Locator::Css("main h1")).await.unwrap();
    assert!(
        c.source()
            .await
            .unwrap()
            .contains("4521, rue des Pruches-Cachées")
    );
    check_page!("address");
    c.goto(house_page.as_str()).await.unwrap();

    // A two-bedroom apartment for three and a room for one woman, open for three years.
    for (name, kind, bedrooms, places) in [
        ("Appartement 1", "apartment", "2", "3"),
        ("Chambre 1", "room", "", "1"),
    ] {
        c.find(Locator::Css("#f-unit_name"))
            .await
            .unwrap()
            .send_keys(name)
            .await
            .unwrap();
        c.find(Locator::Css(&format!(
            "#new-unit input[name=kind][value={kind}]"
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
        if !bedrooms.is_empty() {
            c.find(Locator::Css("#f-bedrooms"))
                .await
                .unwrap()
                .send_keys(bedrooms)
                .await
                .unwrap();
        }
        // The form offers one place; she types over it.
        let field = c.find(Locator::Css("#f-places")).await.unwrap();
        field.clear().await.unwrap();
        field.send_keys(places).await.unwrap();
        set_value(&c, "#f-opened_on", &opened.to_string()).await;
        c.find(Locator::Css("#new-unit button[type=submit]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        if c.wait()
            .for_element(Locator::XPath(&format!(
                "//table[@id='units-table']//a[text()='{name}']"
            )))
            .await
            .is_err()
        {
            let main = c
                .find(Locator::Css("main"))
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            panic!("{name} was not added:\n{main}");
        }
    }
    check_page!("house");

    // She came 22 months ago with her children of 4 and 9: two months are left of her 24.
    c.find(Locator::Css("#f-unit"))
        .await
        .unwrap()
        .send_keys("Appartement 1")
        .await
        .unwrap();
    c.find(Locator::Css("#f-name"))
        .await
        .unwrap()
        .send_keys("Amélie Aubin")
        .await
        .unwrap();
    set_value(&c, "#f-entered_on", &entered.to_string()).await;
    c.find(Locator::Css("#f-children"))
        .await
        .unwrap()
        .send_keys("4, 9")
        .await
        .unwrap();
    c.find(Locator::Css("#admit button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let warnings = c
        .wait()
        .for_element(Locator::Css("#warnings"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let limit = entered + chrono::Months::new(24);
    assert!(
        warnings.contains("Amélie Aubin") && warnings.contains(&limit.to_string()),
        "{warnings}"
    );
    check_page!("house-warning");

    // Her stay: she leaves for social housing.
    c.find(Locator::XPath(
        "//table[@id='stays-table']//a[text()='Amélie Aubin']",
    ))
    .await
    .unwrap()
    .click()
    .await
    .unwrap();
    c.wait().for_element(Locator::Css("#exit")).await.unwrap();
    check_page!("stay");
    set_value(&c, "#f-exited_on", &today.to_string()).await;
    c.find(Locator::Css("#f-destination"))
        .await
        .unwrap()
        .send_keys("Logement permanent social")
        .await
        .unwrap();
    c.find(Locator::Css("#exit button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let exited = c
        .wait()
        .for_element(Locator::Css("#exited"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        exited,
        format!("{today} (Logement permanent social ou coopératif)")
    );
    check_page!("stay-exited");
    // Her file lists the stay, with its house.
    c.find(Locator::Css("a[href^='/files/']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let stays = c
        .wait()
        .for_element(Locator::Css("#stays"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        stays.contains("Maison des Pruches") && stays.contains("2 enfants (4, 9 ans)"),
        "{stays}"
    );
    check_page!("file-stays");
    c.goto(house_page.as_str()).await.unwrap();
    assert!(
        c.find_all(Locator::Css("#warnings"))
            .await
            .unwrap()
            .is_empty(),
        "no warning once she has left"
    );

    // The figures of her whole stay.
    c.find(Locator::Css("a[href^='/housing/figures']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("#summary"))
        .await
        .unwrap();
    c.goto(&s.url(&format!("/housing/figures?from={entered}&to={today}")))
        .await
        .unwrap();
    let summary = c
        .find(Locator::Css("#summary"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        summary,
        "1 logement et 1 chambre ont hébergé 1 femme et 2 enfants, soit 3 personnes."
    );
    let destinations = c.source().await.unwrap();
    assert!(destinations.contains("Logement permanent social ou coopératif"));
    check_page!("figures");
    c.find(Locator::Css("a[href='/housing/requests']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait().for_element(Locator::Css("main h1")).await.unwrap();
    check_page!("requests");

    // The same pages on a phone.
    c.set_window_size(390, 844).await.unwrap();
    for path in ["/housing", "/housing/figures", "/housing/requests"] {
        c.goto(&s.url(path)).await.unwrap();
        check_page!(format!("phone{}", path.replace('/', "-")));
    }
    c.goto(house_page.as_str()).await.unwrap();
    check_page!("phone-house");
    c.close().await.unwrap();
    assert!(
        problems.is_empty(),
        "WCAG 2.1 AA violations:\n{}",
        problems.join("\n")
    );
}

/// The reception's morning in a care unit (docs/care.md): ten women expected across three
/// professionals, one who walks in, arrivals and a woman seen, her next appointment booked from
/// her file; the day's counts follow each step, and every page passes axe-core, on a laptop
/// and on a phone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reception_runs_a_morning_on_the_agenda() {
    let Some(driver) = driver().await else { return };
    let Some(s) = TestServer::start(Engine::Sqlite).await else {
        return;
    };
    // 8 h in Paris, on a Monday.
    s.set_clock(chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2027, 3, 15, 7, 0, 0).unwrap());
    let org = s.care_unit("Maison des femmes de Saint-Denis").await;
    let coordinator = s
        .user(&org, "coordination@mdf.example", &[Role::Coordinator])
        .await;
    let mut team = Vec::new();
    for (email, profession) in [
        ("sagefemme@mdf.example", "midwife"),
        ("psy@mdf.example", "psychologist"),
        ("juriste@mdf.example", "legal"),
    ] {
        team.push(s.professional(&org, email, profession).await.0);
    }
    let room = s
        .store
        .add_list_value(
            org.id,
            havre_domain::lists::ListKind::Room,
            "Salle Simone-Veil",
            "",
        )
        .await
        .unwrap()
        .id;
    let reader = s
        .store
        .reader_for(&coordinator, havre_store::Actor::operator())
        .await
        .unwrap();
    let mut expected = Vec::new();
    for i in 0..10 {
        let (_, person) = request_of(&s, &org, &format!("Femme {i}"), 3, Default::default()).await;
        let at =
            chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2027, 3, 15, 8 + i / 3, 0, 0).unwrap();
        let id = s
            .store
            .book_appointment(
                &reader,
                havre_store::care::NewAppointment {
                    person_id: person,
                    professional_id: team[i as usize % 3].id,
                    room_id: (i % 3 == 0).then_some(room),
                    starts_at: Some(at),
                    minutes: 45,
                    step_id: None,
                },
            )
            .await
            .unwrap();
        expected.push((id, person));
    }

    let profile = tempfile::tempdir().unwrap();
    let c = browser(&driver, profile.path()).await;
    let mut problems = Vec::new();
    macro_rules! check_page {
        ($name:expr) => {
            problems.extend(
                wcag_violations(&c)
                    .await
                    .into_iter()
                    .map(|v| format!("{}: {v}", $name)),
            );
            keep_screenshot(&c, format!("agenda-{}.png", $name)).await;
        };
    }
    let count = async |key: &str| -> String {
        c.find(Locator::Css(&format!("#count-{key} dd")))
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    };
    c.goto(&s.url("/login")).await.unwrap();
    c.find(Locator::Css("#f-email"))
        .await
        .unwrap()
        .send_keys("coordination@mdf.example")
        .await
        .unwrap();
    c.find(Locator::Css("#f-password"))
        .await
        .unwrap()
        .send_keys(&format!("{PASSWORD}{ENTER}"))
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("nav.main-nav"))
        .await
        .unwrap();
    c.find(Locator::Css("nav.main-nav a[href='/agenda']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("#day-counts"))
        .await
        .unwrap();
    let heading = c
        .find(Locator::Css("main h1"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(heading, "Agenda — lundi 15 mars 2027");
    assert_eq!(count("expected").await, "10");
    assert_eq!(count("arrived").await, "0");
    check_page!("morning");

    // Inès comes without an appointment: one step, and she has arrived.
    c.find(Locator::Css("#walk-in summary"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.find(Locator::Css("#f-name"))
        .await
        .unwrap()
        .send_keys("Inès")
        .await
        .unwrap();
    set_value(&c, "#f-professional_id", &team[2].id.to_string()).await;
    c.find(Locator::Css("#walk-in button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // The same page again, once she is recorded: wait for its new counts, not the old ones.
    c.wait()
        .for_element(Locator::XPath("//*[@id='count-walk_ins']/dd[.='1']"))
        .await
        .unwrap();
    assert_eq!(count("walk_ins").await, "1");
    assert_eq!(count("arrived").await, "1");
    assert!(c.source().await.unwrap().contains("Inès"));

    // The first three women arrive; the first is seen by the midwife.
    for (id, _) in &expected[..3] {
        c.find(Locator::Css(&format!("#a-{id} button[value=arrived]")))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        c.wait()
            .for_element(Locator::Css(&format!("#a-{id}.status-arrived")))
            .await
            .unwrap();
    }
    let first = expected[0].0;
    c.find(Locator::Css(&format!("#a-{first} button[value=seen]")))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css(&format!("#a-{first}.status-seen")))
        .await
        .unwrap();
    assert_eq!(count("expected").await, "7");
    assert_eq!(count("arrived").await, "3");
    assert_eq!(count("seen").await, "1");
    check_page!("arrivals");
    // The same day, per room.
    c.goto(&s.url("/agenda?day=2027-03-15&by=room"))
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::XPath("//h2[contains(., 'Salle Simone-Veil')]"))
        .await
        .unwrap();
    let rooms = c.source().await.unwrap();
    assert!(
        rooms.contains("Salle Simone-Veil") && rooms.contains("Sans salle"),
        "{rooms}"
    );
    check_page!("rooms");

    // Her next appointment, booked from her file for tomorrow at 10 h with the psychologist.
    c.goto(&s.url(&format!("/files/{}", expected[0].1)))
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("#book-appointment"))
        .await
        .unwrap();
    check_page!("file");
    set_value(&c, "#f-professional_id", &team[1].id.to_string()).await;
    set_value(&c, "#f-booking_date", "2027-03-16").await;
    set_value(&c, "#f-booking_time", "10:00").await;
    set_value(&c, "#f-minutes", "60").await;
    c.find(Locator::Css("#book-appointment button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("#appointments"))
        .await
        .unwrap();
    let appointments = c
        .find(Locator::Css("#appointments table"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        appointments.contains("2027-03-16 10 h 00") && appointments.contains("Attendue"),
        "{appointments}"
    );
    c.goto(&s.url("/agenda?day=2027-03-16")).await.unwrap();
    assert_eq!(count("expected").await, "1");
    assert!(c.source().await.unwrap().contains("Femme 0"));
    // The pathways page, with its forms for the coordinator.
    c.goto(&s.url("/care")).await.unwrap();
    c.wait()
        .for_element(Locator::Css("#new-pathway"))
        .await
        .unwrap();
    check_page!("pathways");

    // The reception's day on a phone.
    c.set_window_size(390, 844).await.unwrap();
    c.goto(&s.url("/agenda?day=2027-03-15")).await.unwrap();
    assert_eq!(count("expected").await, "7");
    check_page!("phone");
    c.close().await.unwrap();
    assert!(
        problems.is_empty(),
        "WCAG 2.1 AA violations:\n{}",
        problems.join("\n")
    );
}

/// A partner's caseworker files a request; the coordinator accepts it and plans a mission
/// with two workers; their hours are entered; the partner sees it done; the report counts it.
/// Every page of the way passes axe-core.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_partner_request_becomes_a_mission_done_and_counted() {
    let Some(driver) = driver().await else { return };
    let Some(s) = TestServer::start(Engine::Sqlite).await else {
        return;
    };
    // 9 h in Québec, on a Monday.
    s.set_clock(chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2027, 3, 1, 14, 0, 0).unwrap());
    let org = s
        .organization("Brigade d'entraide", OrganizationKind::Centre, false)
        .await;
    s.user(&org, "coordination@brigade.example", &[Role::Coordinator])
        .await;
    let pech = s.partner(&org, "PECH").await;
    s.partner_caseworker(&org, pech, "intervenante@pech.example")
        .await;
    let reader = s.coordinator_reader(&org);
    let mut workers = Vec::new();
    for name in ["Line Bouchard", "Paul Gagnon"] {
        workers.push(
            s.store
                .add_worker(
                    &reader,
                    havre_store::missions::NewWorker {
                        name: name.into(),
                        personal: Default::default(),
                        started_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 1),
                        cents_per_hour: Some(1_700),
                    },
                )
                .await
                .unwrap(),
        );
    }

    let mut problems = Vec::new();
    macro_rules! check_page {
        ($c:expr, $name:expr) => {
            problems.extend(
                wcag_violations(&$c)
                    .await
                    .into_iter()
                    .map(|v| format!("{}: {v}", $name)),
            );
            keep_screenshot(&$c, format!("missions-{}.png", $name)).await;
        };
    }

    // The partner's caseworker files the request from her section.
    let profile = tempfile::tempdir().unwrap();
    let partner = browser(&driver, profile.path()).await;
    sign_in(&s, &partner, "intervenante@pech.example").await;
    click_on(&partner, "nav.main-nav a[href='/service-requests']").await;
    partner
        .wait()
        .for_element(Locator::Css("#new-request"))
        .await
        .unwrap();
    check_page!(partner, "partner-list-empty");
    click_on(&partner, "#new-request").await;
    partner
        .wait()
        .for_element(Locator::Css("#request-form"))
        .await
        .unwrap();
    check_page!(partner, "partner-form");
    for (css, value) in [
        ("#f-tenant_name", "Jeanne Tremblay"),
        ("#f-tenant_phone", "418 555-0199"),
        ("#f-dwelling", "1200, rue des Lilas, app. 4"),
        ("#f-needs", "Désencombrer la cuisine avant l'inspection."),
        ("#f-availability", "En semaine, le matin."),
        ("#f-safety", "Un chat craintif."),
    ] {
        partner
            .find(Locator::Css(css))
            .await
            .unwrap()
            .send_keys(value)
            .await
            .unwrap();
    }
    set_value(&partner, "#f-risk", "inspection").await;
    click_on(&partner, "input[name=consent]").await;
    click_on(&partner, "#request-form button[type=submit]").await;
    partner
        .wait()
        .for_element(Locator::Css("#request-status"))
        .await
        .unwrap();
    assert_eq!(text_of(&partner, "#request-status strong").await, "Reçue");
    check_page!(partner, "partner-request");
    let request = partner
        .current_url()
        .await
        .unwrap()
        .path()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    partner.close().await.unwrap();

    // The coordinator accepts it and plans a mission with both workers.
    let profile = tempfile::tempdir().unwrap();
    let coordinator = browser(&driver, profile.path()).await;
    sign_in(&s, &coordinator, "coordination@brigade.example").await;
    click_on(&coordinator, "nav.main-nav a[href='/missions']").await;
    coordinator
        .wait()
        .for_element(Locator::Css("#to-decide"))
        .await
        .unwrap();
    check_page!(coordinator, "team-overview");
    click_on(
        &coordinator,
        &format!("#to-decide a[href='/service-requests/{request}']"),
    )
    .await;
    coordinator
        .wait()
        .for_element(Locator::Css("#move-form"))
        .await
        .unwrap();
    check_page!(coordinator, "team-request");
    click_on(&coordinator, "#move-form button[value=accepted]").await;
    coordinator
        .wait()
        .for_element(Locator::Css("#plan-form"))
        .await
        .unwrap();
    assert_eq!(
        text_of(&coordinator, "#request-status strong").await,
        "Acceptée"
    );
    check_page!(coordinator, "team-plan");
    set_value(&coordinator, "#f-day", "2027-03-03").await;
    set_value(&coordinator, "#f-start", "09:00").await;
    set_value(&coordinator, "#f-end", "12:00").await;
    click_on(&coordinator, "#plan-form input[name=tasks]").await;
    for w in &workers {
        click_on(
            &coordinator,
            &format!("#plan-form input[name=workers][value='{w}']"),
        )
        .await;
    }
    click_on(&coordinator, "#plan-form button[type=submit]").await;
    coordinator
        .wait()
        .for_element(Locator::Css("#done-form"))
        .await
        .unwrap();
    assert_eq!(
        text_of(&coordinator, "#mission-status strong").await,
        "Planifiée"
    );
    check_page!(coordinator, "team-mission");

    // The mission over, its hours: Paul took a quarter of an hour of break. (The clock
    // stays: a session ends after twelve hours.)
    set_value(
        &coordinator,
        &format!(
            "#done-form tr:has(input[value='{}']) input[name=break_minutes]",
            workers[1]
        ),
        "15",
    )
    .await;
    set_value(
        &coordinator,
        "#f-report",
        "Cuisine dégagée, prête pour l'inspection.",
    )
    .await;
    click_on(&coordinator, "#done-form button[type=submit]").await;
    coordinator
        .wait()
        .for_element(Locator::XPath(
            "//p[@id='mission-status']/strong[.='Réalisée']",
        ))
        .await
        .unwrap();
    let hours = text_of(&coordinator, "#hours").await;
    assert!(hours.contains("3 h") && hours.contains("2 h 45"), "{hours}");
    check_page!(coordinator, "team-mission-done");
    for (path, name) in [
        ("/missions/pay?day=2027-03-03", "pay"),
        ("/missions/workers", "workers"),
        (
            &format!("/missions/workers/{}", workers[0]) as &str,
            "worker",
        ),
        ("/missions/partners", "partners"),
    ] {
        coordinator.goto(&s.url(path)).await.unwrap();
        coordinator
            .wait()
            .for_element(Locator::Css("main h1"))
            .await
            .unwrap();
        check_page!(coordinator, name);
    }
    // 3 h + 2 h 45 at 17,00 $.
    coordinator
        .goto(&s.url("/missions/pay?day=2027-03-03"))
        .await
        .unwrap();
    let pay = text_of(&coordinator, "main").await;
    assert!(pay.contains("51,00") && pay.contains("46,75"), "{pay}");

    // The partner is told: the request is new to her, and done.
    let profile = tempfile::tempdir().unwrap();
    let partner = browser(&driver, profile.path()).await;
    sign_in(&s, &partner, "intervenante@pech.example").await;
    // Accepted, planned, done: her home page says one request changed.
    assert_eq!(
        text_of(&partner, "#request-news").await,
        "Une de vos demandes a changé depuis votre dernière visite."
    );
    check_page!(partner, "partner-home");
    partner.goto(&s.url("/service-requests")).await.unwrap();
    let row = text_of(&partner, &format!("#r-{request}")).await;
    assert!(row.contains("Nouveau") && row.contains("Réalisée"), "{row}");
    check_page!(partner, "partner-list");
    click_on(&partner, &format!("#r-{request} a")).await;
    partner
        .wait()
        .for_element(Locator::Css("#missions"))
        .await
        .unwrap();
    assert_eq!(
        text_of(&partner, "#request-status strong").await,
        "Réalisée"
    );
    let missions = text_of(&partner, "#missions").await;
    assert!(
        missions.contains("Réalisée") && missions.contains("Cuisine dégagée"),
        "{missions}"
    );
    // Never who worked, nor what they were paid.
    let source = partner.source().await.unwrap();
    assert!(!source.contains("Line Bouchard") && !source.contains("17,00"));
    check_page!(partner, "partner-done");
    partner.close().await.unwrap();

    // The report counts it: one person helped, one mission, two workers, 5 h 45.
    coordinator
        .goto(&s.url("/reports?from=2026-04-01&to=2027-03-31"))
        .await
        .unwrap();
    let figures = text_of(&coordinator, "#t-missions_figures")
        .await
        .replace('\t', " ");
    for line in [
        "Personnes aidées 1",
        "Missions réalisées 1",
        "Travailleuses et travailleurs actifs 2",
        "Heures travaillées 5 h 45",
    ] {
        assert!(figures.contains(line), "{line} in {figures}");
    }
    check_page!(coordinator, "report");
    coordinator.close().await.unwrap();
    assert!(
        problems.is_empty(),
        "WCAG 2.1 AA violations:\n{}",
        problems.join("\n")
    );
}

/// A woman complains from the public page, anonymously; the complaints officer finds it in
/// the register, takes it, notes a step and closes it; the yearly report counts it. Then the
/// person in charge records a woman's request for access, downloads her export and dates the
/// answer. Every page of the way passes axe-core.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_complaint_reaches_its_outcome_and_an_access_request_is_answered() {
    let Some(driver) = driver().await else { return };
    let Some(s) = TestServer::start(Engine::Sqlite).await else {
        return;
    };
    s.set_clock(chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2027, 3, 1, 14, 0, 0).unwrap());
    let org = s
        .organization("CALACS de la Rive", OrganizationKind::Centre, false)
        .await;
    s.user(&org, "plaintes@rive.example", &[Role::ComplaintsOfficer])
        .await;
    s.user(&org, "vie-privee@rive.example", &[Role::PrivacyOfficer])
        .await;
    let (_, julie) = request_of(&s, &org, "Julie Tremblay", 6, Default::default()).await;

    let mut problems = Vec::new();
    macro_rules! check_page {
        ($c:expr, $name:expr) => {
            problems.extend(
                wcag_violations(&$c)
                    .await
                    .into_iter()
                    .map(|v| format!("{}: {v}", $name)),
            );
            keep_screenshot(&$c, format!("complaints-{}.png", $name)).await;
        };
    }

    // A visitor, without an account: from the public page to the complaint form.
    let profile = tempfile::tempdir().unwrap();
    let visitor = browser(&driver, profile.path()).await;
    visitor
        .goto(&s.url(&format!("/o/{}", org.slug)))
        .await
        .unwrap();
    click_on(&visitor, "#complain").await;
    visitor
        .wait()
        .for_element(Locator::Css("form#complaint"))
        .await
        .unwrap();
    check_page!(visitor, "public-form");
    set_value(&visitor, "#f-complainant_kind", "anonymous").await;
    let nature = s
        .store
        .list_values(
            org.id,
            havre_domain::lists::ListKind::ComplaintNature,
            false,
        )
        .await
        .unwrap()
        .into_iter()
        .find(|v| v.key.as_deref() == Some("confidentiality"))
        .unwrap()
        .id;
    set_value(&visitor, "#f-nature", &nature.to_string()).await;
    type_into(&visitor, "#f-service", "Groupe du jeudi").await;
    type_into(
        &visitor,
        "#f-summary",
        "L'animatrice a parlé de mon histoire devant une autre femme.",
    )
    .await;
    click_on(&visitor, "form#complaint button[type=submit]").await;
    visitor
        .wait()
        .for_element(Locator::Css("#sent"))
        .await
        .unwrap();
    check_page!(visitor, "public-sent");
    assert!(visitor.get_all_cookies().await.unwrap().is_empty());
    visitor.close().await.unwrap();

    // The complaints officer finds it, takes it, notes a step and closes it.
    let profile = tempfile::tempdir().unwrap();
    let officer = browser(&driver, profile.path()).await;
    sign_in(&s, &officer, "plaintes@rive.example").await;
    click_on(&officer, "nav.main-nav a[href='/complaints']").await;
    officer
        .wait()
        .for_element(Locator::Css("#register"))
        .await
        .unwrap();
    check_page!(officer, "register");
    let row = text_of(&officer, "#register tbody tr").await;
    assert!(
        row.contains("Page publique") && row.contains("Confidentialité"),
        "{row}"
    );
    click_on(&officer, "#register tbody tr a").await;
    officer
        .wait()
        .for_element(Locator::Css("form#handler"))
        .await
        .unwrap();
    check_page!(officer, "complaint");
    let me = officer
        .find(Locator::XPath(
            "//select[@id='f-handler_id']/option[normalize-space(.)='Personne plaintes@rive.example']",
        ))
        .await
        .unwrap()
        .attr("value")
        .await
        .unwrap()
        .unwrap();
    set_value(&officer, "#f-handler_id", &me).await;
    click_on(&officer, "form#handler button[type=submit]").await;
    // The same page again, once saved: its handler chosen.
    officer
        .wait()
        .for_element(Locator::XPath(
            "//select[@id='f-handler_id']/option[@selected and @value!='']",
        ))
        .await
        .unwrap();
    type_into(
        &officer,
        "#f-body",
        "Rencontre avec l'animatrice; rappel des règles de confidentialité du groupe.",
    )
    .await;
    click_on(&officer, "form#new-step button[type=submit]").await;
    officer
        .wait()
        .for_element(Locator::XPath("//section[@id='steps']//li"))
        .await
        .unwrap();
    set_value(&officer, "#f-outcome", "founded").await;
    click_on(&officer, "form#conclusion button[type=submit]").await;
    officer
        .wait()
        .for_element(Locator::XPath("//dd[@id='status'][.='Fondée']"))
        .await
        .unwrap();
    check_page!(officer, "complaint-closed");
    officer
        .goto(&s.url("/complaints/report?year=2026"))
        .await
        .unwrap();
    let figures = text_of(&officer, "#t-complaints_figures")
        .await
        .replace('\t', " ");
    assert!(figures.contains("Plaintes reçues 1"), "{figures}");
    assert!(
        figures.contains("Réponses données dans l’année 1"),
        "{figures}"
    );
    let outcomes = text_of(&officer, "#t-complaints_per_outcome")
        .await
        .replace('\t', " ");
    assert!(outcomes.contains("Fondée 1"), "{outcomes}");
    check_page!(officer, "report");
    officer.close().await.unwrap();

    // The person in charge records a request for access and answers it.
    let profile = tempfile::tempdir().unwrap();
    let privacy = browser(&driver, profile.path()).await;
    sign_in(&s, &privacy, "vie-privee@rive.example").await;
    click_on(&privacy, "nav.main-nav a[href='/privacy']").await;
    privacy
        .wait()
        .for_element(Locator::Css("form#new-access"))
        .await
        .unwrap();
    check_page!(privacy, "privacy");
    // The texts to publish, from Havre's models.
    click_on(&privacy, "#texts-link").await;
    privacy
        .wait()
        .for_element(Locator::Css("#text-service_declaration textarea"))
        .await
        .unwrap();
    check_page!(privacy, "texts");
    privacy
        .goto(&s.url("/privacy/incidents/register"))
        .await
        .unwrap();
    privacy
        .wait()
        .for_element(Locator::Css("main h1"))
        .await
        .unwrap();
    check_page!(privacy, "incident-register");
    privacy.goto(&s.url("/privacy")).await.unwrap();
    privacy
        .wait()
        .for_element(Locator::Css("form#new-access"))
        .await
        .unwrap();
    type_into(&privacy, "#f-person_id", &julie.to_string()).await;
    set_value(&privacy, "#f-received_on", "2027-02-25").await;
    click_on(&privacy, "form#new-access button[type=submit]").await;
    privacy
        .wait()
        .for_element(Locator::Css("form#export"))
        .await
        .unwrap();
    assert!(text_of(&privacy, "h1").await.contains("Julie Tremblay"));
    assert!(text_of(&privacy, "#facts").await.contains("2027-03-27"));
    check_page!(privacy, "access-request");
    set_value(&privacy, "#f-answered_on", "2027-03-01").await;
    click_on(&privacy, "form#answer button[type=submit]").await;
    privacy
        .wait()
        .for_element(Locator::Css("#answered"))
        .await
        .unwrap();
    assert_eq!(text_of(&privacy, "#answered").await, "2027-03-01");
    check_page!(privacy, "access-answered");
    privacy.close().await.unwrap();
    assert!(
        problems.is_empty(),
        "WCAG 2.1 AA violations:\n{}",
        problems.join("\n")
    );
}

/// The demo network's report as its administrator reads it, and the shelter's sharing page as
/// its coordinator approves her year: both pass axe-core, both are kept to be looked at.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_network_reads_its_report_and_a_member_its_sharing() {
    let Some(driver) = driver().await else { return };
    let Some(s) = TestServer::start(Engine::Sqlite).await else {
        return;
    };
    havre_store::demo::ensure_demo(&s.store).await.unwrap();
    let profile = tempfile::tempdir().unwrap();
    let c = browser(&driver, profile.path()).await;
    for (email, shot, shows) in [
        (
            "admin@regroupement.example",
            "network-report.png",
            "#lead-network_members",
        ),
        (
            "coordination@lejalon.example",
            "network-shares.png",
            "#public-key",
        ),
    ] {
        let user = s.store.user_by_email(email).await.unwrap();
        s.store
            .set_password(&havre_store::Actor::operator(), user.id, PASSWORD)
            .await
            .unwrap();
        sign_in(&s, &c, email).await;
        c.goto(&s.url("/network")).await.unwrap();
        c.wait().for_element(Locator::Css(shows)).await.unwrap();
        keep_screenshot(&c, shot).await;
        assert_eq!(wcag_violations(&c).await, Vec::<String>::new(), "{email}");
        c.goto(&s.url("/logout")).await.unwrap();
        c.delete_all_cookies().await.unwrap();
    }
    c.close().await.unwrap();
}
