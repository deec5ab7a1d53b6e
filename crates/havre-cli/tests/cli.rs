//! The `havre` command as an operator uses it, on both engines.

use havre_store::testing::{Engine, TestDatabase, database};
use std::io::Write;
use std::process::{Command, Output, Stdio};

struct Havre<'a> {
    db: &'a TestDatabase,
    data_dir: std::path::PathBuf,
}

impl Havre<'_> {
    fn run(&self, args: &[&str], stdin: Option<&str>) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_havre"));
        cmd.args(args)
            .env("HAVRE_DATA_DIR", &self.data_dir)
            .env_remove("HAVRE_MASTER_KEY")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if self.db.engine == Engine::Postgres {
            cmd.env("HAVRE_DATABASE_URL", &self.db.url);
        } else {
            cmd.env_remove("HAVRE_DATABASE_URL");
        }
        let mut child = cmd.spawn().unwrap();
        if let Some(text) = stdin {
            child
                .stdin
                .take()
                .unwrap()
                .write_all(text.as_bytes())
                .unwrap();
        }
        drop(child.stdin.take());
        child.wait_with_output().unwrap()
    }

    fn ok(&self, args: &[&str], stdin: Option<&str>) -> String {
        let out = self.run(args, stdin);
        assert!(
            out.status.success(),
            "havre {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

async fn setup(engine: Engine) -> Option<TestDatabase> {
    database(engine).await
}

fn seeded(db: &TestDatabase) -> Havre<'_> {
    let havre = Havre {
        db,
        data_dir: db.data_dir().join("data"),
    };
    let first = havre.run(
        &["admin", "create-org", "--name", "Centre de la Rive"],
        None,
    );
    assert!(first.status.success(), "{}", text(&first));
    assert!(
        text(&first).contains("BACK IT UP"),
        "the first start says to back up the new key"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&havre.data_dir)
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o700, "the data directory is its owner's only");
    }
    havre.ok(
        &[
            "admin",
            "create-user",
            "--org",
            "Centre de la Rive",
            "--email",
            "coord@rive.example",
            "--name",
            "Marie Tremblay",
            "--role",
            "coordinator,caseworker",
        ],
        Some("une phrase de passe solide\n"),
    );
    havre
}

async fn operator_commands_and_audit_verify(engine: Engine) {
    let Some(db) = setup(engine).await else {
        return;
    };
    let havre = seeded(&db);
    // Bad input is refused with the reason, and nothing is created.
    let short = havre.run(
        &[
            "admin",
            "create-user",
            "--org",
            "Centre de la Rive",
            "--email",
            "x@rive.example",
            "--role",
            "caseworker",
        ],
        Some("court\n"),
    );
    assert!(!short.status.success());
    assert!(
        text(&short).contains("at least 12 characters"),
        "{}",
        text(&short)
    );
    let role = havre.run(
        &[
            "admin",
            "create-user",
            "--org",
            "Centre de la Rive",
            "--email",
            "y@rive.example",
            "--role",
            "chef",
        ],
        Some("une phrase de passe solide\n"),
    );
    assert!(!role.status.success() && text(&role).contains("unknown role"));

    let weak = havre.run(
        &["admin", "set-password", "--user", "coord@rive.example"],
        Some("motdepasse123\n"),
    );
    assert!(
        !weak.status.success() && text(&weak).contains("too easy to guess"),
        "{}",
        text(&weak)
    );
    havre.ok(
        &["admin", "set-password", "--user", "coord@rive.example"],
        Some("une autre phrase de passe\n"),
    );

    // An organization named in Arabic gets a slug in Arabic, and is found by its name.
    let created = havre.ok(&["admin", "create-org", "--name", "مركز"], None);
    assert!(created.contains("/o/مركز"), "{created}");
    havre.ok(
        &[
            "admin",
            "create-user",
            "--org",
            "مركز",
            "--email",
            "admin@markaz.example",
            "--role",
            "administrator",
        ],
        Some("une phrase de passe solide\n"),
    );

    let token = havre.ok(&["admin", "token", "--user", "coord@rive.example"], None);
    assert!(token.trim().starts_with("havre_") && token.trim().len() > 40);

    let verified = havre.ok(&["audit", "verify"], None);
    assert!(verified.contains("intact"), "{verified}");

    // One audit row altered directly in the database: verify fails and names it.
    let conn = havre_store::connect(&if engine == Engine::Sqlite {
        havre_store::sqlite_url(&havre.data_dir)
    } else {
        db.url.clone()
    })
    .await
    .unwrap();
    use sea_orm::ConnectionTrait;
    conn.execute_unprepared(
        "UPDATE audit_entries SET detail = '{\"roles\":\"administrator\"}' WHERE seq = 2",
    )
    .await
    .unwrap();
    conn.close().await.unwrap();
    let broken = havre.run(&["audit", "verify"], None);
    assert!(
        !broken.status.success(),
        "verify must fail on an altered entry"
    );
    let message = text(&broken);
    assert!(
        message.contains("BROKEN") && message.contains("entry 2 was altered"),
        "{message}"
    );
}

async fn backup_restore_and_key_rotation(engine: Engine) {
    let Some(db) = setup(engine).await else {
        return;
    };
    let havre = seeded(&db);
    let file = db.data_dir().join("copie.backup");
    let out = havre.ok(&["backup", file.to_str().unwrap()], None);
    assert!(out.contains("Backup written"), "{out}");

    // Restored into a new, empty database with the same key.
    let Some(target) = database(engine).await else {
        return;
    };
    let restored = Havre {
        db: &target,
        data_dir: target.data_dir().join("data"),
    };
    std::fs::create_dir_all(&restored.data_dir).unwrap();
    std::fs::copy(
        havre.data_dir.join("master.key"),
        restored.data_dir.join("master.key"),
    )
    .unwrap();
    let out = restored.ok(&["restore", file.to_str().unwrap()], None);
    assert!(out.contains("Restored"), "{out}");
    assert!(
        restored
            .ok(&["admin", "token", "--user", "coord@rive.example"], None)
            .starts_with("havre_")
    );
    assert!(restored.ok(&["audit", "verify"], None).contains("intact"));
    // A second restore over data is refused.
    assert!(
        !restored
            .run(&["restore", file.to_str().unwrap()], None)
            .status
            .success()
    );

    // Key rotation: a new key first, the old one kept until retired; the account still opens.
    let key_file = havre.data_dir.join("master.key");
    let old_key = std::fs::read_to_string(&key_file).unwrap();
    let out = havre.ok(&["admin", "rotate-key"], None);
    assert!(out.contains("fields re-encrypted"), "{out}");
    // The new key, the old one, and the audit chain's key, which rotations keep.
    assert_eq!(
        std::fs::read_to_string(&key_file).unwrap().lines().count(),
        3
    );
    havre.ok(&["admin", "rotate-key", "--retire-old"], None);
    let new_key = std::fs::read_to_string(&key_file).unwrap();
    assert_eq!(new_key.lines().count(), 2);
    let old_field_key = old_key.lines().next().unwrap();
    assert!(!new_key.contains(old_field_key), "the old key is retired");
    let audit_key = old_key
        .lines()
        .find(|l| l.starts_with("audit:"))
        .expect("a new key file holds an audit key");
    assert!(new_key.contains(audit_key), "the audit key is kept");
    assert!(
        havre
            .ok(&["admin", "token", "--user", "coord@rive.example"], None)
            .starts_with("havre_")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&key_file).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    // The retired key alone no longer opens anything.
    let url = if engine == Engine::Sqlite {
        havre_store::sqlite_url(&havre.data_dir)
    } else {
        db.url.clone()
    };
    let stale = havre_store::Store::open(
        &url,
        havre_store::Keyring::parse(&old_key).unwrap(),
        havre_store::Clock::system(),
    )
    .await
    .unwrap();
    assert!(stale.user_by_email("coord@rive.example").await.is_err());
    assert!(havre.ok(&["audit", "verify"], None).contains("intact"));
}

/// issue 13: from an empty data directory, an operator issues a token with the command line
/// and a shell script with nothing but curl (docs/api-tour.sh) reads the OpenAPI document,
/// records a help request, opens the file, records a meeting and reads the report. The
/// organization requires a second factor of people: the operator's token works all the same.
#[tokio::test]
async fn a_script_with_curl_drives_the_api_from_an_empty_data_directory() {
    let Some(db) = setup(Engine::Sqlite).await else {
        return;
    };
    if Command::new("curl").arg("--version").output().is_err() {
        havre_store::testing::missing("curl is not on PATH");
        return;
    }
    let havre = seeded(&db);
    let token = havre.ok(&["admin", "token", "--user", "coord@rive.example"], None);
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let address = format!("127.0.0.1:{port}");
    let mut server = Command::new(env!("CARGO_BIN_EXE_havre"))
        .args(["serve", "--listen", &address])
        .env("HAVRE_DATA_DIR", &havre.data_dir)
        .env_remove("HAVRE_DATABASE_URL")
        .env_remove("HAVRE_MASTER_KEY")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let url = format!("http://{address}");
    let mut up = false;
    for _ in 0..100 {
        let health = Command::new("curl")
            .args(["-fsS", &format!("{url}/healthz")])
            .output()
            .unwrap();
        if health.status.success() {
            up = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let tour = Command::new("sh")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../docs/api-tour.sh"
        ))
        .env("HAVRE_URL", &url)
        .env("HAVRE_TOKEN", token.trim())
        .output()
        .unwrap();
    let _ = server.kill();
    let _ = server.wait();
    assert!(up, "havre serve answered /healthz");
    let said = text(&tour);
    assert!(tour.status.success(), "{said}");
    assert!(
        said.contains("Help request recorded")
            && said.contains("Meeting recorded")
            && said.contains("first meetings (persons, meetings): 1 1"),
        "{said}"
    );
}

#[tokio::test]
async fn operator_commands_and_audit_verify_sqlite() {
    operator_commands_and_audit_verify(Engine::Sqlite).await;
}

#[tokio::test]
async fn operator_commands_and_audit_verify_postgres() {
    operator_commands_and_audit_verify(Engine::Postgres).await;
}

#[tokio::test]
async fn backup_restore_and_key_rotation_sqlite() {
    backup_restore_and_key_rotation(Engine::Sqlite).await;
}

#[tokio::test]
async fn backup_restore_and_key_rotation_postgres() {
    backup_restore_and_key_rotation(Engine::Postgres).await;
}
