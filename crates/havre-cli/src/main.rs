//! The `havre` command: serve, demo, migrate, admin, backup and restore, audit verify.

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use havre_domain::policy::{Role, Roles};
use havre_store::accounts::NewUser;
use havre_store::organizations::{NewOrganization, OrganizationKind, PublicInfo};
use havre_store::tokens::Scope;
use havre_store::{Actor, Clock, Keyring, Store};
use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;
use std::str::FromStr;

// See the workspace's Cargo.toml: the allocator of the server, not of the tests.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod bench;
mod bench_care;
mod bench_housing;
mod bench_missions;
mod bench_network;
mod rekey;

#[derive(Parser)]
#[command(
    name = "havre",
    version,
    about = "Havre: files, wait list and activity report for organizations that help survivors of violence"
)]
struct Cli {
    /// Where the SQLite database and the key file live.
    #[arg(
        long,
        env = "HAVRE_DATA_DIR",
        default_value = "havre-data",
        global = true
    )]
    data_dir: PathBuf,
    /// postgres://… to use PostgreSQL; by default SQLite in the data directory.
    #[arg(
        long,
        env = "HAVRE_DATABASE_URL",
        global = true,
        hide_env_values = true
    )]
    database_url: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve Havre.
    Serve(ServeArgs),
    /// Serve Havre with a fictional demo organization and one account per role.
    Demo {
        #[command(flatten)]
        serve: ServeArgs,
        /// Fill the demo centre's wait list up to this many requests (for benchmarks).
        #[arg(long)]
        waiting: Option<usize>,
        /// Give the demo caseworker a file with 200 meetings and 50 notes (for benchmarks);
        /// its address is printed.
        #[arg(long)]
        heavy_file: bool,
    },
    /// Run the database migrations and stop.
    Migrate,
    /// Administration from the command line.
    #[command(subcommand)]
    Admin(Admin),
    /// Write a consistent backup of the whole database to FILE, while Havre runs; by default
    /// into the backups folder of the data directory, where a file destroyed is destroyed
    /// too (docs/privacy.md "Destruction").
    Backup { file: Option<PathBuf> },
    /// Restore a backup into this database (empty, unless --replace).
    Restore {
        file: PathBuf,
        /// Replace everything this database holds.
        #[arg(long)]
        replace: bool,
    },
    /// The audit log.
    #[command(subcommand)]
    Audit(Audit),
    /// Benchmark the activity report on a large fictional history (made in this database).
    BenchReport(bench::BenchArgs),
    /// Benchmark a house's dashboard and the housing figures on a network-size history of stays
    /// (made in this database).
    BenchHousing(bench_housing::BenchHousingArgs),
    /// Benchmark a care unit's day agenda and year report on a year of 4,100 women and 20,000
    /// appointments (made in this database).
    BenchCare(bench_care::BenchCareArgs),
    /// Benchmark a Brigade's pay statements and year report on two years of missions (made in
    /// this database).
    BenchMissions(bench_missions::BenchMissionsArgs),
    /// Benchmark a network's report on its members' signed submissions (made in this
    /// database) beside the bare SQL that sums the same aggregates.
    BenchNetwork(bench_network::BenchNetworkArgs),
}

#[derive(clap::Args, Clone)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "HAVRE_LISTEN", default_value = "127.0.0.1:8080")]
    listen: String,
    /// Havre is reached over HTTPS (sets Secure cookies and HSTS).
    #[arg(long, env = "HAVRE_BEHIND_TLS")]
    behind_tls: bool,
    /// Trust the X-Forwarded-For header of a reverse proxy.
    #[arg(long, env = "HAVRE_TRUST_PROXY")]
    trust_proxy: bool,
    /// Reads (GET, HEAD) worked on at once; the others wait their turn. Four per core by default.
    #[arg(long, env = "HAVRE_MAX_READS", default_value_t = havre_web::default_max_reads())]
    max_reads: usize,
}

#[derive(Subcommand)]
enum Admin {
    /// Create an organization (a centre unless --kind says otherwise).
    CreateOrg {
        #[arg(long)]
        name: String,
        /// centre or network. A Brigade's partners are not organizations of their own: the
        /// coordinator adds them, and their caseworkers' accounts, on /missions/partners.
        #[arg(long, default_value = "centre")]
        kind: String,
        /// Let accounts that read files work without a second factor (not recommended).
        #[arg(long)]
        no_required_totp: bool,
        /// Its country: CA (Québec) or FR; it sets the usual time zone and year.
        #[arg(long, default_value = "CA")]
        country: String,
        /// Its IANA time zone, by which days and reporting years are counted (America/Montreal
        /// in Canada, Europe/Paris in France, by default).
        #[arg(long)]
        time_zone: Option<String>,
        /// The month its reporting year begins, 1 to 12 (4 in Canada, 1 in France, by default).
        #[arg(long)]
        year_start_month: Option<u32>,
    },
    /// Create an account; the password is read from standard input.
    CreateUser {
        #[arg(long)]
        org: String,
        #[arg(long)]
        email: String,
        /// The person's name; the email by default.
        #[arg(long)]
        name: Option<String>,
        /// One or more roles, comma-separated.
        #[arg(long)]
        role: String,
    },
    /// Set an account's password (read from standard input) and end its sessions: for the
    /// administrator who forgot hers.
    SetPassword {
        #[arg(long)]
        user: String,
    },
    /// Print a new API token for an account, once.
    Token {
        #[arg(long)]
        user: String,
        #[arg(long, default_value = "command line")]
        label: String,
        /// read or write.
        #[arg(long, default_value = "write")]
        scope: String,
    },
    /// Generate a new encryption key and re-encrypt every sealed field with it (stop Havre
    /// first; see docs/keys.md).
    RotateKey {
        /// Remove the older keys from the key file once everything is re-encrypted.
        #[arg(long)]
        retire_old: bool,
    },
}

#[derive(Subcommand)]
enum Audit {
    /// Check the hash chain; exits non-zero at the first broken entry.
    Verify,
}

fn database_url(cli: &Cli) -> String {
    // An empty HAVRE_DATABASE_URL means the default, as if unset.
    cli.database_url
        .clone()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| havre_store::sqlite_url(&cli.data_dir))
}

/// Opens the store: creates the data directory and the key file on first start.
async fn open_store(cli: &Cli) -> Result<Store> {
    create_private_dir(&cli.data_dir)?;
    let env_key = std::env::var("HAVRE_MASTER_KEY").ok();
    let (keys, created) = Keyring::load_or_create(&cli.data_dir, env_key.as_deref())?;
    if created {
        let path = cli.data_dir.join(havre_store::crypto::KEY_FILE_NAME);
        eprintln!(
            "\n  A new encryption key was created in {}.\n  BACK IT UP NOW, somewhere else than the database and its backups:\n  without it, the names and notes in the database cannot be read, by anyone.\n",
            path.display()
        );
    }
    let url = database_url(cli);
    Store::open(&url, keys, Clock::system())
        .await
        .context("cannot open the database")
}

/// Creates the data directory readable by its owner only: the database, its journal and the
/// key file live there.
fn create_private_dir(dir: &std::path::Path) -> Result<()> {
    if dir.exists() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(dir)
        .with_context(|| format!("cannot create {}", dir.display()))
}

#[tokio::main]
async fn main() -> Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("HAVRE_LOG")
                .unwrap_or_else(|_| "havre=info,havre_web=info,warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match &cli.command {
        Command::Serve(args) => {
            let store = open_store(&cli).await?;
            serve(store, args, &cli.data_dir).await
        }
        Command::Demo {
            serve: args,
            waiting,
            heavy_file,
        } => {
            let store = open_store(&cli).await?;
            let accounts = havre_store::demo::ensure_demo(&store).await?;
            if let Some(count) = waiting {
                let added = havre_store::demo::ensure_demo_volume(&store, *count).await?;
                eprintln!("{added} fictional requests added to the demo wait list.");
            }
            if *heavy_file {
                let id = havre_store::demo::ensure_heavy_file(&store).await?;
                eprintln!("heavy file: /files/{id}");
            }
            // The slug as stored: a demo database made before slugs kept accents keeps its own.
            let centre_path = match accounts.first() {
                Some(a) => Some(havre_web::public_path(
                    &store.organization_by_name(&a.organization).await?.slug,
                )),
                None => None,
            };
            print_demo(&accounts, centre_path.as_deref(), args);
            serve(store, args, &cli.data_dir).await
        }
        Command::Migrate => {
            open_store(&cli).await?;
            println!("The database is up to date.");
            Ok(())
        }
        Command::Admin(admin) => run_admin(&cli, admin).await,
        Command::BenchReport(args) => {
            let store = open_store(&cli).await?;
            bench::run(&store, args).await
        }
        Command::BenchHousing(args) => {
            let store = open_store(&cli).await?;
            bench_housing::run(&store, args).await
        }
        Command::BenchCare(args) => {
            let store = open_store(&cli).await?;
            bench_care::run(&store, args).await
        }
        Command::BenchMissions(args) => {
            let store = open_store(&cli).await?;
            bench_missions::run(&store, args).await
        }
        Command::BenchNetwork(args) => {
            let store = open_store(&cli).await?;
            bench_network::run(&store, args).await
        }
        Command::Backup { file } => {
            let store = open_store(&cli).await?;
            let file = match file {
                Some(file) => file.clone(),
                None => {
                    let dir = backup_dir(&cli.data_dir);
                    create_private_dir(&dir)?;
                    dir.join(format!(
                        "havre-{}.backup",
                        chrono::Utc::now().format("%Y%m%d-%H%M%S")
                    ))
                }
            };
            let file = &file;
            let summary = store.backup(&Actor::operator(), file).await?;
            println!(
                "Backup written to {}: {} rows.",
                file.display(),
                summary.rows()
            );
            for (table, n) in &summary.tables {
                println!("  {table}: {n}");
            }
            println!(
                "Keep the key file apart from this backup: the backup cannot be read without it."
            );
            Ok(())
        }
        Command::Restore { file, replace } => {
            let store = open_store(&cli).await?;
            let summary = store.restore(&Actor::operator(), file, *replace).await?;
            println!("Restored {} rows from {}.", summary.rows(), file.display());
            Ok(())
        }
        Command::Audit(Audit::Verify) => {
            let store = open_store(&cli).await?;
            // A break also opens an incident in every organization (docs/privacy.md).
            let result = store.watch_audit_chain().await?;
            match result.first_break {
                None => {
                    println!("The audit chain is intact: {} entries.", result.entries);
                    Ok(())
                }
                Some(broken) => {
                    eprintln!("THE AUDIT CHAIN IS BROKEN: {broken}.");
                    eprintln!("{} entries before it are intact.", result.entries);
                    eprintln!(
                        "An incident is open in each organization's register for its person in charge to assess."
                    );
                    std::process::exit(1);
                }
            }
        }
    }
}

async fn serve(store: Store, args: &ServeArgs, data_dir: &std::path::Path) -> Result<()> {
    let config = havre_web::Config {
        behind_tls: args.behind_tls,
        trust_proxy: args.trust_proxy,
        max_reads: args.max_reads,
        backup_dir: Some(backup_dir(data_dir)),
        ..Default::default()
    };
    let listener = tokio::net::TcpListener::bind(&args.listen)
        .await
        .with_context(|| format!("cannot listen on {}", args.listen))?;
    eprintln!("Havre listens on http://{}", listener.local_addr()?);
    let state = havre_web::AppState::new(store, config);
    havre_web::serve(state, listener, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    Ok(())
}

fn print_demo(
    accounts: &[havre_store::demo::DemoAccount],
    centre_path: Option<&str>,
    args: &ServeArgs,
) {
    println!("\nDemo organizations and accounts (fictional). Passwords are new at every start:\n");
    println!("  {:<22} {:<36} password", "role", "email");
    let mut organization = "";
    for a in accounts {
        // Grouped by organization: the centre and the shelter each have a coordinator.
        if a.organization != organization {
            organization = &a.organization;
            println!("  {organization}");
        }
        println!("    {:<20} {:<36} {}", a.role.as_str(), a.email, a.password);
    }
    if let Some(path) = centre_path {
        println!(
            "\n  Log in at http://{}/login — public page of the centre: http://{}{path}",
            args.listen, args.listen
        );
    }
    println!(
        "  The demo centre does not require a second factor, so that it can be explored without an app.\n"
    );
}

async fn run_admin(cli: &Cli, admin: &Admin) -> Result<()> {
    let store = open_store(cli).await?;
    let operator = Actor::operator();
    match admin {
        Admin::CreateOrg {
            name,
            kind,
            no_required_totp,
            country,
            time_zone,
            year_start_month,
        } => {
            let Some(country) = havre_domain::year::Country::parse(country) else {
                bail!("unknown country {country:?}: CA or FR");
            };
            let zone_name = time_zone
                .clone()
                .unwrap_or_else(|| country.usual_time_zone().to_owned());
            let Some(time_zone) = havre_domain::zone::Zone::parse(&zone_name) else {
                bail!("unknown time zone {zone_name:?}: an IANA name such as America/Montreal");
            };
            let year_start = match year_start_month {
                None => country.usual_year_start(),
                Some(month) => havre_domain::year::YearStart::new(*month)
                    .ok_or_else(|| anyhow::anyhow!("the year starts in a month from 1 to 12"))?,
            };
            let kind = match kind.as_str() {
                "centre" => OrganizationKind::Centre,
                "network" => OrganizationKind::Network,
                other => bail!("unknown kind {other:?}: centre or network"),
            };
            let org = store
                .create_organization(
                    &operator,
                    NewOrganization {
                        name: name.clone(),
                        kind,
                        require_totp: !no_required_totp,
                        public_info: PublicInfo::default(),
                        time_zone,
                        year_start,
                        country,
                    },
                )
                .await
                .map_err(|e| describe(e, "organization"))?;
            println!(
                "Organization created: {} (public page /o/{}).",
                org.name, org.slug
            );
        }
        Admin::CreateUser {
            org,
            email,
            name,
            role,
        } => {
            let organization = store
                .organization_by_name(org)
                .await
                .map_err(|_| anyhow::anyhow!("no organization named {org:?}"))?;
            let roles = role
                .split(',')
                .map(|r| Role::from_str(r.trim()))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| {
                    anyhow::anyhow!(
                        "{e}; roles are: {}",
                        Role::ALL.map(|r| r.as_str()).join(", ")
                    )
                })?;
            let password = read_password()?;
            let user = store
                .create_user(
                    &operator,
                    organization.id,
                    NewUser {
                        email: email.clone(),
                        name: name.clone().unwrap_or_else(|| email.clone()),
                        roles: Roles::new(roles),
                        password,
                    },
                )
                .await
                .map_err(|e| describe(e, "account"))?;
            println!(
                "Account created for {} in {}.",
                user.email, organization.name
            );
        }
        Admin::SetPassword { user } => {
            let account = store
                .user_by_email(user)
                .await
                .map_err(|_| anyhow::anyhow!("no account with email {user:?}"))?;
            let password = read_password()?;
            store
                .set_password(&operator, account.id, &password)
                .await
                .map_err(|e| describe(e, "password"))?;
            println!(
                "The password of {} was changed and its sessions were ended.",
                account.email
            );
        }
        Admin::Token { user, label, scope } => {
            let account = store
                .user_by_email(user)
                .await
                .map_err(|_| anyhow::anyhow!("no account with email {user:?}"))?;
            let scope = Scope::parse(scope).context("scope is read or write")?;
            let (secret, _) = store
                .create_token(&operator, &account, label, scope)
                .await?;
            println!("{secret}");
            eprintln!(
                "This token is shown once. Store it like a password; revoke it from the account page."
            );
        }
        Admin::RotateKey { retire_old } => {
            rekey::rotate(cli_data_dir(cli), &store, *retire_old).await?
        }
    }
    Ok(())
}

/// The folder of the backups Havre keeps, and rewrites when a file is destroyed.
fn backup_dir(data_dir: &std::path::Path) -> PathBuf {
    data_dir.join("backups")
}

fn cli_data_dir(cli: &Cli) -> &std::path::Path {
    &cli.data_dir
}

/// Reads a password from standard input: one line, without echo on a terminal.
fn read_password() -> Result<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Ok(rpassword::prompt_password(
            "Password (at least 12 characters): ",
        )?);
    }
    let mut line = String::new();
    stdin.lock().read_line(&mut line)?;
    let password = line.trim_end_matches(['\n', '\r']).to_owned();
    if password.is_empty() {
        bail!("no password on standard input");
    }
    Ok(password)
}

/// A store error in words for the command line.
fn describe(e: havre_store::StoreError, what: &str) -> anyhow::Error {
    match e {
        havre_store::StoreError::Invalid(fields) => {
            let list = fields
                .iter()
                .map(|f| {
                    format!(
                        "{}: {}",
                        f.field,
                        havre_web::i18n::t(havre_domain::text::Lang::En, f.message_key)
                    )
                })
                .collect::<Vec<_>>()
                .join("; ");
            anyhow::anyhow!("the {what} was not saved: {list}")
        }
        other => anyhow::anyhow!(other),
    }
}
