//! Throwaway databases for tests, on both engines (docs/architecture.md "Conventions").
//!
//! PostgreSQL comes from `HAVRE_TEST_POSTGRES_URL` (a server where the tests may create
//! databases) or from a cluster started here from the binaries on PATH, once per test
//! process, in a temporary directory, on a free port, as the `postgres` user when running as
//! root. A watchdog stops it when the test process ends. When PostgreSQL is not available the
//! tests say so loudly and skip, unless `HAVRE_TEST_REQUIRE_ALL=1`, which makes it a failure.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The engines the integration tests run on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// A database for one test. Dropping it leaves the PostgreSQL database behind in the
/// throwaway cluster, which disappears with the test process.
pub struct TestDatabase {
    pub url: String,
    pub engine: Engine,
    /// The data directory (the SQLite file, the key file); removed on drop.
    pub dir: tempfile::TempDir,
}

impl TestDatabase {
    pub fn data_dir(&self) -> &Path {
        self.dir.path()
    }
}

pub fn require_all() -> bool {
    std::env::var("HAVRE_TEST_REQUIRE_ALL").is_ok_and(|v| v == "1")
}

/// Skips (or fails under HAVRE_TEST_REQUIRE_ALL=1) a test whose tool is missing.
pub fn missing(what: &str) {
    if require_all() {
        panic!("HAVRE_TEST_REQUIRE_ALL=1 and {what}");
    }
    eprintln!(
        "\n*** SKIPPED: {what} — set it up to run this test (HAVRE_TEST_REQUIRE_ALL=1 makes this a failure) ***\n"
    );
}

/// A fresh database on `engine`, or None when that engine is not available here.
pub async fn database(engine: Engine) -> Option<TestDatabase> {
    let dir = tempfile::tempdir().expect("temporary directory");
    match engine {
        Engine::Sqlite => Some(TestDatabase {
            url: crate::sqlite_url(dir.path()),
            engine,
            dir,
        }),
        Engine::Postgres => {
            let server = match postgres_server() {
                Ok(url) => url,
                Err(why) => {
                    missing(&format!("PostgreSQL is not available ({why})"));
                    return None;
                }
            };
            let name = format!("havre_test_{}", uuid::Uuid::new_v4().simple());
            let admin = crate::connect(&format!("{server}/postgres"))
                .await
                .expect("connect to the test PostgreSQL server");
            use sea_orm::ConnectionTrait;
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .expect("create a test database");
            admin.close().await.ok();
            Some(TestDatabase {
                url: format!("{server}/{name}"),
                engine,
                dir,
            })
        }
    }
}

/// The base URL (without database) of a PostgreSQL server for tests.
fn postgres_server() -> Result<String, String> {
    if let Ok(url) = std::env::var("HAVRE_TEST_POSTGRES_URL") {
        return Ok(url.trim_end_matches('/').to_owned());
    }
    static CLUSTER: OnceLock<Result<String, String>> = OnceLock::new();
    CLUSTER.get_or_init(start_cluster).clone()
}

fn find_pg_bin(name: &str) -> Option<PathBuf> {
    if let Ok(path) = std::env::var("PATH") {
        for dir in std::env::split_paths(&path) {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin").join(name)))
        .filter(|p| p.is_file())
        .collect();
    versions.sort();
    versions.pop()
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

fn start_cluster() -> Result<String, String> {
    let initdb =
        find_pg_bin("initdb").ok_or("initdb not found on PATH nor in /usr/lib/postgresql")?;
    let pg_ctl = find_pg_bin("pg_ctl").ok_or("pg_ctl not found")?;
    let root = is_root();
    let dir = std::env::temp_dir().join(format!("havre-pg-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let as_owner = |program: &Path| -> Command {
        if root {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(program);
            c
        } else {
            Command::new(program)
        }
    };
    if root {
        let status = Command::new("chown")
            .args(["-R", "postgres:postgres"])
            .arg(&dir)
            .status()
            .map_err(|e| e.to_string())?;
        if !status.success() {
            return Err("cannot give the cluster directory to the postgres user".into());
        }
    }
    let data = dir.join("data");
    let out = as_owner(&initdb)
        .arg("-D")
        .arg(&data)
        .args([
            "-A",
            "trust",
            "-U",
            "postgres",
            "--no-sync",
            "-E",
            "UTF8",
            "--locale=C",
        ])
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!(
            "initdb failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| e.to_string())?
        .port();
    let options = format!(
        "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300",
        dir.display()
    );
    let out = as_owner(&pg_ctl)
        .arg("-D")
        .arg(&data)
        .args(["-o", &options, "-l"])
        .arg(dir.join("log"))
        .args(["-w", "start"])
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        let log = std::fs::read_to_string(dir.join("log")).unwrap_or_default();
        return Err(format!(
            "pg_ctl start failed: {}{log}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    // The watchdog stops the cluster and removes it once this test process is gone.
    let stop = if root {
        format!(
            "runuser -u postgres -- {} -D {} -m immediate stop",
            pg_ctl.display(),
            data.display()
        )
    } else {
        format!(
            "{} -D {} -m immediate stop",
            pg_ctl.display(),
            data.display()
        )
    };
    let script = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 1; done; {stop} >/dev/null 2>&1; rm -rf {dir}",
        pid = std::process::id(),
        dir = dir.display()
    );
    Command::new("sh")
        .args(["-c", &script])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| e.to_string())?;
    Ok(format!("postgres://postgres@127.0.0.1:{port}"))
}
