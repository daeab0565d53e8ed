//! Shared by the integration tests: start the real `hc-emulator` binary on an ephemeral port and
//! talk HTTP/1.1 to it over 127.0.0.1 with a tiny client that sends exactly the bytes it is given
//! (a general-purpose client would fix up the very headers and bodies the tests tamper with).
#![allow(dead_code)] // Each test binary uses a different part of this module.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use modelarts_hyper_cluster::{HttpRequest, SdkDate};

pub const PROJECT: &str = "0123456789abcdef0123456789abcdef";
pub const COLLECTION: &str = "/v1/0123456789abcdef0123456789abcdef/dev-servers/hyper-clusters";
pub const DEV_TOKEN: &str = "dev-token";
pub const DEV_AK: &str = "DEVAK000000000000000";
pub const DEV_SK: &str = "devsk00000000000000000000000000000000000";

/// A running emulator; killed when dropped.
pub struct Emulator {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    /// `127.0.0.1:PORT`.
    pub authority: String,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

/// How a start that never got to listening ended.
#[derive(Debug)]
pub struct FailedStart {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

fn drain(stream: impl Read + Send + 'static, into: Arc<Mutex<String>>, first_line: Option<mpsc::Sender<String>>) {
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        let mut first_line = first_line;
        while reader.read_line(&mut line).map(|n| n > 0).unwrap_or(false) {
            if let Some(url) = line.trim_end().strip_prefix("Emulator listening on ") {
                if let Some(sender) = first_line.take() {
                    let _ = sender.send(url.to_owned());
                }
            }
            into.lock().unwrap().push_str(&line);
            line.clear();
        }
    });
}

impl Emulator {
    /// Starts with `--port 0` and the given flags; panics if it does not start.
    pub fn start(args: &[&str]) -> Emulator {
        Emulator::start_with_env(args, &[]).unwrap_or_else(|failed| panic!("the emulator did not start: {failed:?}"))
    }

    /// Starts with extra environment variables (`PORT` and `HC_EMULATOR_*` are cleared first).
    ///
    /// # Errors
    /// How the process ended when it exits before printing its URL.
    pub fn start_with_env(args: &[&str], env: &[(&str, &str)]) -> Result<Emulator, FailedStart> {
        let mut command = Command::new(env!("CARGO_BIN_EXE_hc-emulator"));
        if !args.iter().any(|a| a.starts_with("--port")) && !env.iter().any(|(k, _)| *k == "PORT") {
            command.args(["--port", "0"]);
        }
        command.args(args);
        for name in [
            "PORT",
            "HC_EMULATOR_TOKEN",
            "HC_EMULATOR_AK",
            "HC_EMULATOR_SK",
            "HC_EMULATOR_SECURITY_TOKEN",
        ] {
            command.env_remove(name);
        }
        command.envs(env.iter().copied());
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn hc-emulator");
        let stdout = Arc::new(Mutex::new(String::new()));
        let stderr = Arc::new(Mutex::new(String::new()));
        let (sender, receiver) = mpsc::channel();
        drain(child.stdout.take().unwrap(), stdout.clone(), Some(sender));
        drain(child.stderr.take().unwrap(), stderr.clone(), None);
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(url) = receiver.recv_timeout(Duration::from_millis(20)) {
                let authority = url.trim_start_matches("http://").to_owned();
                return Ok(Emulator {
                    child,
                    url,
                    authority,
                    stdout,
                    stderr,
                });
            }
            if let Some(status) = child.try_wait().unwrap() {
                std::thread::sleep(Duration::from_millis(50)); // let the drain threads finish
                return Err(FailedStart {
                    status,
                    stdout: stdout.lock().unwrap().clone(),
                    stderr: stderr.lock().unwrap().clone(),
                });
            }
            assert!(Instant::now() < deadline, "the emulator printed no URL within 30 s");
        }
    }

    pub fn stdout(&self) -> String {
        self.stdout.lock().unwrap().clone()
    }

    /// Waits (up to 10 s) until stdout contains `needle`, then returns all of stdout. The banner's
    /// lines after the URL may still be in flight when `start` returns.
    pub fn wait_for_stdout(&self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let stdout = self.stdout();
            if stdout.contains(needle) || Instant::now() > deadline {
                return stdout;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    pub fn port(&self) -> u16 {
        self.authority.rsplit(':').next().unwrap().parse().unwrap()
    }

    /// Sends `signal` (`TERM`, `INT`) and waits for the exit.
    pub fn stop_with(mut self, signal: &str) -> (ExitStatus, String) {
        let sent = Command::new("kill")
            .args([format!("-{signal}"), self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                std::thread::sleep(Duration::from_millis(50));
                return (status, self.stdout());
            }
            assert!(
                Instant::now() < deadline,
                "the emulator did not stop within 10 s of SIG{signal}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Sends a request with exactly these headers (plus `Host`, `Connection: close` and, when there
    /// is a body, `Content-Length`).
    pub fn request(&self, method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        let mut all: Vec<(String, String)> = vec![("Host".into(), self.authority.clone())];
        all.extend(headers.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())));
        if !body.is_empty() || method == "POST" {
            all.push(("Content-Length".into(), body.len().to_string()));
        }
        raw_request(&self.authority, method, target, &all, body)
    }

    /// A request with the development token.
    pub fn with_token(&self, method: &str, target: &str, body: Option<&str>) -> Reply {
        let mut headers = vec![("X-Auth-Token", DEV_TOKEN)];
        if body.is_some() {
            headers.push(("Content-Type", "application/json;charset=UTF-8"));
        }
        self.request(method, target, &headers, body.unwrap_or("").as_bytes())
    }

    /// Sends a request built by the crate, exactly as built (`Host` comes from its URL).
    pub fn send(&self, request: &HttpRequest) -> Reply {
        let rest = request.url.strip_prefix("http://").expect("an http URL");
        let (authority, target) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        let mut headers: Vec<(String, String)> = vec![("Host".into(), authority.to_owned())];
        headers.extend(request.headers.iter().cloned());
        let body = request.body.as_deref().unwrap_or("").as_bytes();
        if !body.is_empty() {
            headers.push(("Content-Length".into(), body.len().to_string()));
        }
        raw_request(&self.authority, request.method, target, &headers, body)
    }

    /// The crate's endpoint for this emulator.
    pub fn endpoint(&self) -> modelarts_hyper_cluster::Endpoint {
        modelarts_hyper_cluster::Endpoint::parse(&self.url).unwrap()
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An answer.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// `(error_code, error_msg)` of an error answer.
    pub fn error(&self) -> (String, String) {
        let json = self.json();
        let keys: Vec<&String> = json.as_object().expect("an object").keys().collect();
        assert_eq!(keys, ["error_code", "error_msg"], "{json}");
        (
            json["error_code"].as_str().unwrap().to_owned(),
            json["error_msg"].as_str().unwrap().to_owned(),
        )
    }

    /// Asserts the status and error code; returns the message.
    #[track_caller]
    pub fn expect_error(&self, status: u16, code: &str) -> String {
        assert_eq!(self.status, status, "{}", self.text());
        let (found, message) = self.error();
        assert_eq!(found, code, "{message}");
        message
    }

    /// What the crate's response parsers read.
    pub fn for_crate(&self) -> modelarts_hyper_cluster::HttpResponse {
        modelarts_hyper_cluster::HttpResponse {
            status: self.status,
            request_id: self.header("x-request-id").map(str::to_owned),
            date: self.header("date").map(str::to_owned),
            body: self.body.clone(),
        }
    }
}

pub fn raw_request(authority: &str, method: &str, target: &str, headers: &[(String, String)], body: &[u8]) -> Reply {
    let mut stream = TcpStream::connect(authority).expect("connect to the emulator");
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut head = format!("{method} {target} HTTP/1.1\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body);
    // The server may answer (413) before reading everything; what matters is the answer.
    let _ = stream.write_all(&bytes);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    parse_reply(&answer)
}

fn parse_reply(answer: &[u8]) -> Reply {
    let split = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no complete answer: {:?}", String::from_utf8_lossy(answer)));
    let head = String::from_utf8_lossy(&answer[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status: u16 = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let raw = &answer[split + 4..];
    let chunked = headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    let body = if chunked { dechunk(raw) } else { raw.to_vec() };
    Reply { status, headers, body }
}

fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    loop {
        let end = raw.windows(2).position(|w| w == b"\r\n").unwrap();
        let size = usize::from_str_radix(String::from_utf8_lossy(&raw[..end]).trim(), 16).unwrap();
        if size == 0 {
            return body;
        }
        body.extend_from_slice(&raw[end + 2..end + 2 + size]);
        raw = &raw[end + 2 + size + 2..];
    }
}

/// Now, as the signer's date.
pub fn now() -> SdkDate {
    SdkDate::from_unix_millis(SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() as f64).unwrap()
}

/// `now()` moved by `seconds`.
pub fn now_plus(seconds: i64) -> SdkDate {
    let millis = (now().unix_seconds() + seconds) * 1000;
    SdkDate::from_unix_millis(millis as f64).unwrap()
}

/// A fresh empty folder under the system's temporary folder.
pub fn temp_dir(label: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos();
    let dir = std::env::temp_dir().join(format!(
        "hc-emulator-test-{label}-{}-{nanos}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The lower-case UUID v4 shape: the API's id rule (checked by the crate) and version 4.
#[track_caller]
pub fn assert_uuid_v4(text: &str) {
    use modelarts_hyper_cluster::validate::{cluster_id, InputValue};
    assert!(cluster_id(&InputValue::Text(text.to_owned())).is_ok(), "{text}");
    assert_eq!(&text[14..15], "4", "{text}");
}
