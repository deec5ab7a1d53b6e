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
    let partner = s
        .organization("Partenaire de la Rive", OrganizationKind::Partner, false)
        .await;
    let network = s
        .organization("Regroupement de la Rive", OrganizationKind::Network, false)
        .await;
    let profile = tempfile::tempdir().unwrap();
    let c = browser(&driver, profile.path()).await;
    for role in Role::ALL {
        let org = match role {
            Role::PartnerCaseworker => &partner,
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
            std::fs::write(
                screenshot_dir().join("home-coordinator.png"),
                c.screenshot().await.unwrap(),
            )
            .unwrap();
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
    std::fs::write(
        screenshot_dir().join("login.png"),
        c.screenshot().await.unwrap(),
    )
    .unwrap();

    // The public page: its quick exit leaves and replaces the history entry.
    c.goto(&s.url(&format!("/o/{}", centre.slug)))
        .await
        .unwrap();
    std::fs::write(
        screenshot_dir().join("public.png"),
        c.screenshot().await.unwrap(),
    )
    .unwrap();
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
            "/account/totp",
        ] {
            c.goto(&s.url(path)).await.unwrap();
            if path == "/account/totp" && width > 500 {
                std::fs::write(
                    screenshot_dir().join("totp.png"),
                    c.screenshot().await.unwrap(),
                )
                .unwrap();
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
            std::fs::write(
                screenshot_dir().join("users-errors-phone.png"),
                c.screenshot().await.unwrap(),
            )
            .unwrap();
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
    c.close().await.unwrap();
    assert!(
        problems.is_empty(),
        "WCAG 2.1 AA violations:\n{}",
        problems.join("\n")
    );
}
