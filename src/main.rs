//! The `plugboard` command: serve the portal (default), run the sandbox alone, print a portal link, seed the console.

use clap::{Parser, Subcommand};
use plugboard::domain::{Actor, CustomerIntegrationId, UserId};
use plugboard::platform::config::{self, Config, Upstream};
use plugboard::sandbox::{self, Endpoint, Faults, SandboxConfig};
use std::{net::SocketAddr, path::PathBuf, process::ExitCode};

/// mimalloc: rendering allocates a lot on several threads at once. Measured with `make bench` against glibc's
/// allocator: 1,112 vs 735 warm pages/s at concurrency 16, p99 0.5 s vs 1.3 s with 200 clients.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// plugboard: a redirect-first connect portal for the toolregistry.ai Integration API.
#[derive(Parser)]
#[command(name = "plugboard", version, after_help = config::vars::help())]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the portal (the default).
    Serve,
    /// Run the toolregistry API sandbox alone.
    Sandbox(SandboxArgs),
    /// Print a fresh one-time portal link for a user (uses the portal's configuration and database).
    Link {
        /// The host product's id for the user.
        user_id: String,
        /// Lifetime in seconds [default: PLUGBOARD_LINK_TTL_SECONDS, 900].
        #[arg(long)]
        ttl: Option<u64>,
        #[command(flatten)]
        scope: LinkScope,
    },
    /// Fill the admin console's registry with generated users and connection states (demos and benchmarks).
    SeedConsole {
        /// How many users (`user-00001`, ...).
        #[arg(long, default_value_t = 1000)]
        users: usize,
        /// Comma-separated customer integration ids [default: the active integrations of TR_API_URL].
        #[arg(long)]
        integrations: Option<String>,
        /// How many events to add to the event log (spread over the last 30 days, these users and integrations).
        #[arg(long, default_value_t = 0)]
        events: u64,
        /// Seed even with a real TR_API_KEY (fake connected rows would later fire `connection.lost` to the host when
        /// the refresher checks them).
        #[arg(long)]
        force: bool,
    },
    /// Print the host API's OpenAPI 3.1 document (the one served at /api/v1/openapi.json), to generate a client.
    Openapi,
    /// Serve one file's bytes from memory at every path (the benchmark's static baseline).
    #[command(hide = true)]
    ServeBytes {
        #[arg(long)]
        addr: SocketAddr,
        #[arg(long)]
        file: PathBuf,
        #[arg(long, default_value = "text/html; charset=utf-8")]
        content_type: String,
    },
}

#[derive(clap::Args)]
struct SandboxArgs {
    /// Listen address.
    #[arg(long, default_value = "127.0.0.1:4000")]
    addr: SocketAddr,
    /// The API key clients must send in `x-api-key`.
    #[arg(long, env = "SANDBOX_API_KEY", hide_env_values = true)]
    api_key: String,
    /// A JSON array of integrations in exactly the list endpoint's shape, instead of the built-in seed.
    #[arg(long)]
    fixtures: Option<PathBuf>,
    /// Serve this many generated integrations instead of the seed (benchmarks).
    #[arg(long, conflicts_with = "fixtures")]
    generate: Option<usize>,
    /// Base URL of the authorize pages and logos as browsers see them [default: http://localhost:<port>].
    #[arg(long)]
    public_url: Option<String>,
    /// Added latency per API call, in milliseconds.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Share of API calls answered with 500 (0.0..=1.0).
    #[arg(long, default_value_t = 0.0)]
    error_rate: f64,
    /// Answer every API call with 401.
    #[arg(long)]
    unauthorized: bool,
    /// Answer API calls with malformed JSON.
    #[arg(long)]
    malformed_json: bool,
    /// Never answer API calls.
    #[arg(long)]
    hang: bool,
    /// Answer API calls with 429 and this Retry-After, in seconds.
    #[arg(long, default_value_t = 0)]
    rate_limited: u64,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("plugboard: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => match Config::from_env() {
            Ok(config) => runtime.block_on(plugboard::server::serve(config)).map_err(|e| e.to_string()),
            Err(e) => {
                eprintln!("plugboard: configuration error: {e}");
                return ExitCode::from(2);
            }
        },
        Command::Sandbox(args) => runtime.block_on(run_sandbox(args)),
        Command::Openapi => {
            println!("{}", plugboard::api::openapi::document());
            Ok(())
        }
        Command::ServeBytes { addr, file, content_type } => runtime.block_on(serve_bytes(addr, file, content_type)),
        Command::SeedConsole { users, integrations, events, force } => match Config::from_env() {
            Ok(config) => runtime.block_on(seed_console(config, users, integrations, events, force)),
            Err(e) => {
                eprintln!("plugboard: configuration error: {e}");
                return ExitCode::from(2);
            }
        },
        Command::Link { user_id, ttl, scope } => match Config::from_env() {
            Ok(config) => runtime.block_on(print_link(config, user_id, ttl, scope)),
            Err(e) => {
                eprintln!("plugboard: configuration error: {e}");
                return ExitCode::from(2);
            }
        },
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("plugboard: {e}");
            ExitCode::FAILURE
        }
    }
}

/// What a link from the CLI may carry, as the host API's fields.
#[derive(clap::Args, Debug, Default)]
struct LinkScope {
    /// Only this integration (repeat for several), as `allowedIntegrations`.
    #[arg(long = "allow", value_name = "CUSTOMER_INTEGRATION_ID")]
    allow: Vec<String>,
    /// The user's name as the portal header shows it (`endUser.displayName`).
    #[arg(long)]
    name: Option<String>,
    /// `endUser.email`.
    #[arg(long)]
    email: Option<String>,
    /// `organization.id`.
    #[arg(long)]
    org_id: Option<String>,
    /// `organization.name` (with --org-id).
    #[arg(long)]
    org_name: Option<String>,
    /// A tag, `key=value` (repeat, at most 10).
    #[arg(long = "tag", value_name = "KEY=VALUE")]
    tags: Vec<String>,
    /// `locale`, a language tag such as de or pt-BR.
    #[arg(long)]
    locale: Option<String>,
    /// A deep link to this integration (`connect`): its page connects it, with no list in between.
    #[arg(long, value_name = "CUSTOMER_INTEGRATION_ID")]
    connect: Option<String>,
}

impl LinkScope {
    fn parse(self) -> Result<(Vec<CustomerIntegrationId>, Option<CustomerIntegrationId>, plugboard::domain::Profile), String> {
        use plugboard::domain::profile;
        let allowed = self
            .allow
            .into_iter()
            .map(|a| CustomerIntegrationId::parse(a).map_err(|e| format!("--allow: {e}")))
            .collect::<Result<Vec<_>, _>>()?;
        let connect = self.connect.map(|c| CustomerIntegrationId::parse(c).map_err(|e| format!("--connect: {e}"))).transpose()?;
        if connect.as_ref().is_some_and(|c| !allowed.is_empty() && !allowed.contains(c)) {
            return Err("--connect: must be one of the --allow integrations".into());
        }
        let text = |flag: &str, v: Option<String>, max: usize| {
            v.map(|v| profile::text("", &v, max).map_err(|e| format!("{flag}: {}", e.reason))).transpose()
        };
        let mut p = plugboard::domain::Profile {
            display_name: text("--name", self.name, profile::MAX_NAME)?,
            email: self.email.map(|e| profile::email("", &e).map_err(|e| format!("--email: {}", e.reason))).transpose()?,
            locale: self.locale.map(|l| profile::locale("", &l).map_err(|e| format!("--locale: {}", e.reason))).transpose()?,
            ..Default::default()
        };
        if let Some(id) = text("--org-id", self.org_id, profile::MAX_ORG_ID)? {
            let name = text("--org-name", self.org_name, profile::MAX_NAME)?;
            p.organization = Some(plugboard::domain::Organization { id, name });
        }
        let pairs = self
            .tags
            .into_iter()
            .map(|t| t.split_once('=').map(|(k, v)| (k.to_owned(), v.to_owned())).ok_or_else(|| format!("--tag {t:?}: expected key=value")))
            .collect::<Result<Vec<_>, _>>()?;
        p.tags = profile::tags(pairs).map_err(|e| format!("--tag: {}", e.reason))?;
        Ok((allowed, connect, p))
    }
}

async fn print_link(config: Config, user_id: String, ttl: Option<u64>, scope: LinkScope) -> Result<(), String> {
    let user = UserId::parse(user_id).map_err(|e| format!("user id: {e}"))?;
    let (allowed, connect, profile) = scope.parse()?;
    if let Some(id) = &connect {
        check_connect(&config, id).await?;
    }
    let ttl = ttl.map(std::time::Duration::from_secs).unwrap_or(config.links.ttl);
    let ttl = chrono::Duration::from_std(ttl).map_err(|_| "--ttl: too long".to_string())?;
    let (db, _) = plugboard::platform::db::open(&config.database.url).await.map_err(|e| e.to_string())?;
    let signer = plugboard::services::links::signer_for(&config.links, &db).await.map_err(|e| e.to_string())?;
    let db = db.with_erasure_keys(signer.erasure_keys());
    let issuer = plugboard::services::links::LinkIssuer::new(signer, db, config.server.public_url.clone());
    let req = plugboard::services::links::LinkRequest {
        user: &user,
        ttl,
        return_url: None,
        allowed: &allowed,
        profile: Some(&profile),
        connect: connect.as_ref(),
        return_mode: Default::default(),
    };
    let issued = issuer.issue_for(&req, Actor::Cli).await.map_err(|e| format!("--ttl: {e}"))?;
    println!("{}", issued.url);
    eprintln!("expires at {} (works once)", issued.expires_at.to_rfc3339());
    Ok(())
}

/// `--connect` must be active: checked when the API can be reached; otherwise the landing page refuses an inactive
/// one in words.
async fn check_connect(config: &Config, id: &CustomerIntegrationId) -> Result<(), String> {
    let Upstream::Remote { url, key } = &config.upstream.api else {
        eprintln!("the embedded sandbox is not running here: the link's page will check {id}");
        return Ok(());
    };
    let api = plugboard::upstream::ToolRegistry::new(url.clone(), key.clone(), Default::default()).map_err(|e| e.to_string())?;
    match api.list_integrations(Some(true)).await {
        Ok(list) if list.iter().any(|i| i.active && &i.customer_integration_id == id) => Ok(()),
        Ok(_) => Err(format!("--connect: {id} is not an active integration")),
        Err(e) => {
            eprintln!("the API could not be reached ({e}): the link's page will check {id}");
            Ok(())
        }
    }
}

async fn seed_console(config: Config, users: usize, integrations: Option<String>, events: u64, force: bool) -> Result<(), String> {
    if matches!(config.upstream.api, Upstream::Remote { .. }) && !force {
        return Err("TR_API_KEY is set: seeded \"connected\" rows are fake, and the refresher would later find them not connected \
                    and send connection.lost webhooks to your host. Seed a database that no real instance uses, with --force"
            .into());
    }
    let ids: Vec<CustomerIntegrationId> = match (integrations, &config.upstream.api) {
        (Some(list), _) => list
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| CustomerIntegrationId::parse(s).map_err(|e| format!("--integrations: {e}")))
            .collect::<Result<_, _>>()?,
        (None, Upstream::Remote { url, key }) => {
            let api = plugboard::upstream::ToolRegistry::new(url.clone(), key.clone(), Default::default())
                .map_err(|e| e.to_string())?;
            let list = api.list_integrations(Some(true)).await.map_err(|e| format!("listing integrations: {e}"))?;
            list.into_iter().filter(|i| i.active).map(|i| i.customer_integration_id).collect()
        }
        (None, Upstream::Sandbox(_)) => {
            return Err("--integrations: give the integration ids, or set TR_API_URL and TR_API_KEY to read them".into())
        }
    };
    let (db, _) = plugboard::platform::db::open(&config.database.url).await.map_err(|e| e.to_string())?;
    let seeded = db.seed_console(users, &ids, events, chrono::Utc::now()).await.map_err(|e| e.to_string())?;
    eprintln!(
        "seeded {users} users, {} connection states over {} integrations and {} events",
        seeded.snapshots,
        ids.len(),
        seeded.events
    );
    Ok(())
}

async fn serve_bytes(addr: SocketAddr, file: PathBuf, content_type: String) -> Result<(), String> {
    let body = bytes::Bytes::from(std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?);
    let app = axum::Router::new().fallback(move || {
        let (body, content_type) = (body.clone(), content_type.clone());
        async move { ([(axum::http::header::CONTENT_TYPE, content_type)], body) }
    });
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| format!("could not listen on {addr}: {e}"))?;
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, app).await.map_err(|e| e.to_string())
}

async fn run_sandbox(args: SandboxArgs) -> Result<(), String> {
    if !(0.0..=1.0).contains(&args.error_rate) {
        return Err("--error-rate: expected a number from 0.0 to 1.0".into());
    }
    let public_url = match &args.public_url {
        Some(raw) => Some(config::parse_base_url("--public-url", raw).map_err(|e| e.to_string())?),
        None => None,
    };
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .map_err(|e| format!("could not listen on {}: {e}", args.addr))?;
    let base = public_url.clone().unwrap_or_else(|| sandbox::default_public_url(args.addr));
    let integrations = match (&args.fixtures, args.generate) {
        (Some(path), _) => Some(sandbox::load_fixtures(path)?),
        (None, Some(n)) => Some(sandbox::seed::generated(&base, n)),
        (None, None) => None,
    };
    let faults = Faults {
        latency_ms: args.latency_ms,
        error_rate: args.error_rate,
        unauthorized: args.unauthorized,
        malformed_json: args.malformed_json,
        hang: args.hang,
        rate_limited: args.rate_limited,
        endpoints: Vec::<Endpoint>::new(),
    };
    let handle = sandbox::spawn(listener, SandboxConfig { api_key: args.api_key, public_url, integrations, faults })
        .await
        .map_err(|e| e.to_string())?;
    tracing::info!(addr = %handle.addr, pages = %handle.sandbox.public_url(), "toolregistry sandbox is listening");
    let _ = tokio::signal::ctrl_c().await;
    Ok(())
}

fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,tower_http=warn"));
    let json = std::env::var("PLUGBOARD_LOG_FORMAT").is_ok_and(|f| f.trim().eq_ignore_ascii_case("json"));
    let fmt = tracing_subscriber::fmt().with_env_filter(filter).with_target(false).with_writer(std::io::stderr);
    if json {
        // One JSON object per line, with the current span's fields (route, request id, status, latency).
        fmt.json().with_current_span(true).with_span_list(false).init();
    } else {
        fmt.init();
    }
}
