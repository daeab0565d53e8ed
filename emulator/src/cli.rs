//! Command-line flags and environment variables. Hand-written (a dozen flags do not need a parser
//! crate, and the machine compiling this has two cores).

use std::path::PathBuf;

use modelarts_hyper_cluster::{AccessKeyCredentials, Auth, Error, Secret};

use crate::auth::{Credentials, DEV_AK, DEV_SK, DEV_TOKEN};

/// The `--help` text.
pub const USAGE: &str = "\
hc-emulator: a local emulator of the ModelArts Hyper Cluster API, with the console

Usage: hc-emulator [OPTIONS]

Options:
  --host HOST         address to listen on (default 127.0.0.1)
  --port PORT         port to listen on; 0 picks a free one (default: $PORT, else 8080)
  --state FILE        keep the clusters in FILE: loaded at start, rewritten atomically after every
                      change (default: in memory only)
  --token TOKEN       accept this IAM token in X-Auth-Token (repeatable; env HC_EMULATOR_TOKEN)
  --ak AK --sk SK     accept this access key pair (repeatable, paired in order;
                      env HC_EMULATOR_AK and HC_EMULATOR_SK, with HC_EMULATOR_SECURITY_TOKEN for a
                      temporary pair)
  --sts AK:SK:TOKEN   accept this temporary access key pair with its security token (repeatable)
  --www DIR           the console's files, served at / (default: the repository's www/)
  --pkg DIR           the built web package, served at /pkg/ (default: the repository's pkg/)
  --quiet             no access log on stderr
  -h, --help          this text

Without --token (or HC_EMULATOR_TOKEN) the development token `dev-token` is accepted; without any
access key, the development pair DEVAK000000000000000 / devsk00000000000000000000000000000000000.
API paths (/v1/...) take precedence over files. Stop with Ctrl-C or SIGTERM.
";

/// What to run.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to bind.
    pub host: String,
    /// Port to bind (0: any free port).
    pub port: u16,
    /// The state file.
    pub state: Option<PathBuf>,
    /// The console's folder.
    pub www: PathBuf,
    /// The web package's folder.
    pub pkg: PathBuf,
    /// Accepted credentials.
    pub credentials: Credentials,
    /// Whether the development token is in use (it is then printed).
    pub dev_token: bool,
    /// Whether the development access key is in use (it is then printed).
    pub dev_key: bool,
    /// No access log.
    pub quiet: bool,
}

/// The outcome of reading the command line.
#[derive(Debug)]
pub enum Command {
    /// Start the emulator.
    Run(Box<Config>),
    /// Print [`USAGE`].
    Help,
}

/// Reads the flags (without the program name) and the environment (through `env`, so tests can
/// pass their own).
///
/// # Errors
/// A sentence naming the flag or variable that is wrong.
pub fn parse(args: impl IntoIterator<Item = String>, env: impl Fn(&str) -> Option<String>) -> Result<Command, String> {
    let env = |name: &str| env(name).filter(|value| !value.is_empty());
    let repository = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut host = "127.0.0.1".to_owned();
    let mut port = None;
    let mut state = None;
    let mut www = repository.join("www");
    let mut pkg = repository.join("pkg");
    let mut quiet = false;
    let (mut tokens, mut aks, mut sks, mut sts) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());

    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag.to_owned(), Some(value.to_owned())),
            _ => (arg.clone(), None),
        };
        let mut value = |inline: Option<String>| {
            inline
                .or_else(|| args.next())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--quiet" => quiet = true,
            "--host" => host = value(inline)?,
            "--port" => port = Some(parse_port(&value(inline)?, "--port")?),
            "--state" => state = Some(PathBuf::from(value(inline)?)),
            "--www" => www = PathBuf::from(value(inline)?),
            "--pkg" => pkg = PathBuf::from(value(inline)?),
            "--token" => tokens.push(value(inline)?),
            "--ak" => aks.push(value(inline)?),
            "--sk" => sks.push(value(inline)?),
            "--sts" => sts.push(value(inline)?),
            _ => return Err(format!("unknown option {arg} (see --help)")),
        }
    }

    let port = match (port, env("PORT")) {
        (Some(port), _) => port,
        (None, Some(text)) => parse_port(&text, "PORT")?,
        (None, None) => 8080,
    };
    if host.is_empty() {
        return Err("--host must not be empty".into());
    }

    let mut accepted_tokens = Vec::new();
    for (token, source) in tokens
        .into_iter()
        .map(|t| (t, "--token"))
        .chain(env("HC_EMULATOR_TOKEN").map(|t| (t, "HC_EMULATOR_TOKEN")))
    {
        match Auth::token(token) {
            Ok(Auth::Token(secret)) => accepted_tokens.push(secret),
            Ok(Auth::AccessKey(_)) => {}
            Err(error) => return Err(format!("{source}: {}", config_message(&error))),
        }
    }
    let dev_token = accepted_tokens.is_empty();
    if dev_token {
        accepted_tokens.push(Secret::new(DEV_TOKEN));
    }

    if aks.len() != sks.len() {
        return Err(format!(
            "--ak and --sk must come in pairs (got {} --ak and {} --sk)",
            aks.len(),
            sks.len()
        ));
    }
    let mut keys = Vec::new();
    for (ak, sk) in aks.into_iter().zip(sks) {
        keys.push(key(ak, sk, None, "--ak/--sk")?);
    }
    match (env("HC_EMULATOR_AK"), env("HC_EMULATOR_SK")) {
        (Some(ak), Some(sk)) => keys.push(key(ak, sk, env("HC_EMULATOR_SECURITY_TOKEN"), "HC_EMULATOR_AK/SK")?),
        (None, None) => {}
        _ => return Err("HC_EMULATOR_AK and HC_EMULATOR_SK must be set together".into()),
    }
    for triple in sts {
        let mut parts = triple.splitn(3, ':');
        match (parts.next(), parts.next(), parts.next()) {
            (Some(ak), Some(sk), Some(token)) => keys.push(key(ak.into(), sk.into(), Some(token.into()), "--sts")?),
            _ => return Err("--sts takes AK:SK:SECURITY_TOKEN".into()),
        }
    }
    let dev_key = keys.is_empty();
    if dev_key {
        keys.push(key(DEV_AK.into(), DEV_SK.into(), None, "the development key")?);
    }
    let mut seen = std::collections::HashSet::new();
    if let Some(twice) = keys.iter().find(|k| !seen.insert(k.access_key.as_str())) {
        return Err(format!("access key {} is configured twice", twice.access_key));
    }

    Ok(Command::Run(Box::new(Config {
        host,
        port,
        state,
        www,
        pkg,
        credentials: Credentials {
            tokens: accepted_tokens,
            keys,
        },
        dev_token,
        dev_key,
        quiet,
    })))
}

fn parse_port(text: &str, source: &str) -> Result<u16, String> {
    text.parse()
        .map_err(|_| format!("{source} must be a port number from 0 to 65535 (got {text:?})"))
}

fn key(ak: String, sk: String, token: Option<String>, source: &str) -> Result<AccessKeyCredentials, String> {
    AccessKeyCredentials::new(ak, sk, token).map_err(|error| format!("{source}: {}", config_message(&error)))
}

/// The crate's configuration message without its JavaScript framing.
fn config_message(error: &Error) -> String {
    match error {
        Error::Config(message) => message.replace("auth.", ""),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str], env: &[(&str, &str)]) -> Result<Config, String> {
        let env: Vec<(String, String)> = env.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect();
        match parse(args.iter().map(|a| (*a).to_owned()), |name| {
            env.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
        })? {
            Command::Run(config) => Ok(*config),
            Command::Help => Err("help".into()),
        }
    }

    #[test]
    fn defaults() {
        let config = run(&[], &[]).unwrap();
        assert_eq!((config.host.as_str(), config.port), ("127.0.0.1", 8080));
        assert!(config.dev_token && config.dev_key && config.state.is_none());
        assert_eq!(config.credentials.tokens, [Secret::new(DEV_TOKEN)]);
        assert_eq!(config.credentials.keys[0].access_key, DEV_AK);
        assert!(config.www.ends_with("www") && config.pkg.ends_with("pkg"));
    }

    #[test]
    fn flags_and_environment() {
        let config = run(
            &[
                "--port=0",
                "--host",
                "0.0.0.0",
                "--token",
                "t1",
                "--ak",
                "A1",
                "--sk",
                "S1",
                "--sts",
                "A2:S2:T:2",
            ],
            &[("PORT", "9000"), ("HC_EMULATOR_TOKEN", "t2")],
        )
        .unwrap();
        assert_eq!((config.host.as_str(), config.port), ("0.0.0.0", 0));
        assert_eq!(config.credentials.tokens, [Secret::new("t1"), Secret::new("t2")]);
        let keys = &config.credentials.keys;
        assert_eq!(
            (keys[0].access_key.as_str(), keys[0].security_token.is_none()),
            ("A1", true)
        );
        assert_eq!(keys[1].security_token, Some(Secret::new("T:2")));
        assert!(!config.dev_token && !config.dev_key);
        let from_env = run(
            &[],
            &[
                ("PORT", "9000"),
                ("HC_EMULATOR_AK", "A"),
                ("HC_EMULATOR_SK", "S"),
                ("HC_EMULATOR_SECURITY_TOKEN", "T"),
            ],
        )
        .unwrap();
        assert_eq!(from_env.port, 9000);
        assert!(from_env.dev_token && !from_env.dev_key);
        assert_eq!(from_env.credentials.keys[0].security_token, Some(Secret::new("T")));
    }

    #[test]
    fn mistakes_are_named() {
        for (args, env, needle) in [
            (&["--port", "x"][..], &[][..], "--port must be a port"),
            (&["--port"], &[], "--port needs a value"),
            (&[], &[("PORT", "70000")], "PORT must be a port"),
            (&["--ak", "A"], &[], "must come in pairs"),
            (&["--sts", "A:S"], &[], "--sts takes"),
            (&["--token", "has space"], &[], "--token: token must be"),
            (
                &["--ak", "A", "--sk", "S", "--ak", "A", "--sk", "T"],
                &[],
                "configured twice",
            ),
            (&[], &[("HC_EMULATOR_AK", "A")], "set together"),
            (&["--nope"], &[], "unknown option --nope"),
        ] {
            let error = run(args, env).unwrap_err();
            assert!(error.contains(needle), "{args:?}: {error}");
        }
        assert_eq!(run(&["--help"], &[]).unwrap_err(), "help");
    }
}
