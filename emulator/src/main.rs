//! `hc-emulator`: a local emulator of the ModelArts Hyper Cluster API, the way LocalStack serves AWS
//! users. It answers the four operations at their real paths with the real JSON shapes, applies
//! the field rules of the `modelarts-hyper-cluster` crate (the same code the client runs), checks
//! IAM tokens and SDK-HMAC-SHA256 signatures as the gateway does, and serves the console and the
//! built web package on the same origin.
//!
//! Its first line of output is `Emulator listening on http://HOST:PORT`, which scripts and tests
//! read (with `--port 0` it shows the port actually chosen).

mod api;
mod auth;
mod cli;
mod error;
mod random;
mod store;
mod web;

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;

use crate::api::App;
use crate::cli::{Command, Config, USAGE};
use crate::store::Store;

fn main() -> ExitCode {
    let config = match cli::parse(std::env::args().skip(1), |name| std::env::var(name).ok()) {
        Ok(Command::Run(config)) => config,
        Ok(Command::Help) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("hc-emulator: {message}");
            return ExitCode::from(2);
        }
    };
    let store = match &config.state {
        Some(path) => match Store::open(path) {
            Ok(store) => store,
            Err(message) => {
                eprintln!("hc-emulator: {message}");
                eprintln!("hc-emulator: not starting; the state file was left as it is (fix or remove it, or pass another --state)");
                return ExitCode::FAILURE;
            }
        },
        None => Store::in_memory(),
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("hc-emulator: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(serve(*config, store))
}

async fn serve(config: Config, store: Store) -> ExitCode {
    // Signal handlers go in before the "listening" line, so a supervisor that signals right after
    // reading it is heard.
    let shutdown = match shutdown_signal() {
        Ok(signal) => signal,
        Err(error) => {
            eprintln!("hc-emulator: cannot listen for SIGINT/SIGTERM: {error}");
            return ExitCode::FAILURE;
        }
    };
    let listener = match tokio::net::TcpListener::bind((config.host.as_str(), config.port)).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("hc-emulator: cannot listen on {}:{}: {error}", config.host, config.port);
            return ExitCode::FAILURE;
        }
    };
    let address = match listener.local_addr() {
        Ok(address) => address,
        Err(error) => {
            eprintln!("hc-emulator: cannot read the address listened on: {error}");
            return ExitCode::FAILURE;
        }
    };
    let banner = banner(&config, &store, address);
    let app = Arc::new(App {
        store,
        credentials: config.credentials,
        www: config.www,
        pkg: config.pkg,
        quiet: config.quiet,
    });
    let router = api::router(app);
    print!("{banner}");
    let served = axum::serve(listener, router).with_graceful_shutdown(shutdown).await;
    match served {
        Ok(()) => {
            println!("Emulator stopped");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("hc-emulator: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The start-up text. The first line is a stable interface; the rest is for people.
fn banner(config: &Config, store: &Store, address: SocketAddr) -> String {
    let url = format!("http://{address}");
    // A wildcard address is not something to type into a browser.
    let local = if address.ip().is_unspecified() {
        format!("http://localhost:{}", address.port())
    } else {
        url.clone()
    };
    let folder = |path: &std::path::Path| {
        let shown = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if shown.is_dir() {
            shown.display().to_string()
        } else {
            format!("{} (missing)", shown.display())
        }
    };
    let mut lines = vec![
        format!("Emulator listening on {url}"),
        format!("  console   {local}/   (files from {})", folder(&config.www)),
        format!("  package   {local}/pkg/   (files from {})", folder(&config.pkg)),
        match &config.state {
            Some(path) => format!("  state     {} ({} clusters loaded)", path.display(), store.len()),
            None => "  state     in memory (use --state FILE to keep it)".to_owned(),
        },
    ];
    if config.dev_token {
        lines.push(format!(
            "  token     {}   (development default; send it as X-Auth-Token)",
            auth::DEV_TOKEN
        ));
    } else {
        lines.push(format!(
            "  token     {} configured (not shown)",
            config.credentials.tokens.len()
        ));
    }
    if config.dev_key {
        lines.push(format!(
            "  AK/SK     {} / {}   (development default; SDK-HMAC-SHA256)",
            auth::DEV_AK,
            auth::DEV_SK
        ));
    } else {
        for key in &config.credentials.keys {
            let kind = if key.security_token.is_some() {
                "temporary"
            } else {
                "permanent"
            };
            lines.push(format!("  AK        {}   ({kind}; secret not shown)", key.access_key));
        }
    }
    if config.dev_token {
        lines.push(format!(
            "  try       curl -H 'X-Auth-Token: {}' {local}/v1/0123456789abcdef0123456789abcdef/dev-servers/hyper-clusters",
            auth::DEV_TOKEN
        ));
    }
    lines.push("Press Ctrl-C to stop.\n".to_owned());
    lines.join("\n")
}

/// Resolves at the first SIGINT or SIGTERM.
#[cfg(unix)]
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = terminate.recv() => {}
        }
    })
}

/// Resolves at the first Ctrl-C.
#[cfg(not(unix))]
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}
