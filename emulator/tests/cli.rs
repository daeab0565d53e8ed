//! The command line: the printed URL, ports, credentials from flags and environment, `--state`
//! persistence and its refusals, and clean shutdown on SIGINT and SIGTERM.

mod common;

use std::path::Path;

use common::*;
use serde_json::{json, Value};

fn create(emulator: &Emulator, body: Value) -> String {
    let reply = emulator.with_token("POST", COLLECTION, Some(&body.to_string()));
    assert_eq!(reply.status, 200, "{}", reply.text());
    reply.json()["id"].as_str().unwrap().to_owned()
}

fn list_names(emulator: &Emulator, query: &str) -> Vec<String> {
    emulator.with_token("GET", &format!("{COLLECTION}{query}"), None).json()["hyper_clusters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_owned())
        .collect()
}

fn leftovers(folder: &Path) -> Vec<String> {
    std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "state.json")
        .collect()
}

#[test]
fn the_banner_prints_the_url_and_development_credentials() {
    let emulator = Emulator::start(&[]);
    assert!(emulator.url.starts_with("http://127.0.0.1:"), "{}", emulator.url);
    assert_ne!(emulator.port(), 0, "--port 0 must print the real port");
    for expected in [DEV_TOKEN, DEV_AK, DEV_SK, "in memory"] {
        emulator.wait_for_stdout(expected);
    }
    let banner = emulator.stdout();
    assert!(
        banner.starts_with(&format!("Emulator listening on {}\n", emulator.url)),
        "{banner}"
    );
    for expected in [DEV_TOKEN, DEV_AK, DEV_SK, "in memory"] {
        assert!(banner.contains(expected), "{expected} missing from {banner}");
    }
    // The URL works.
    assert_eq!(emulator.with_token("GET", COLLECTION, None).status, 200);
}

#[test]
fn port_from_the_environment_and_flags() {
    let free = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let port = free.to_string();
    let emulator = Emulator::start_with_env(&[], &[("PORT", &port)]).unwrap();
    assert_eq!(emulator.port(), free);
    // The flag wins over PORT.
    let flagged = Emulator::start_with_env(&["--port", "0"], &[("PORT", &port)]).unwrap();
    assert_ne!(flagged.port(), free);
    // A port in use is a clear failure.
    let failed = Emulator::start_with_env(&["--port", &port], &[])
        .err()
        .expect("the port is taken");
    assert!(!failed.status.success());
    assert!(
        failed.stderr.contains(&format!("cannot listen on 127.0.0.1:{free}")),
        "{}",
        failed.stderr
    );
}

#[test]
fn credentials_from_the_environment() {
    let emulator = Emulator::start_with_env(
        &[],
        &[
            ("HC_EMULATOR_TOKEN", "env-token"),
            ("HC_EMULATOR_AK", "ENVAK"),
            ("HC_EMULATOR_SK", "env-sk"),
        ],
    )
    .unwrap();
    let get = |token: &str| {
        emulator
            .request("GET", COLLECTION, &[("X-Auth-Token", token)], b"")
            .status
    };
    assert_eq!((get("env-token"), get(DEV_TOKEN)), (200, 401));
    let config = modelarts_hyper_cluster::ClientConfig {
        endpoint: emulator.endpoint(),
        project_id: modelarts_hyper_cluster::validate::project_id(&PROJECT.into()).unwrap(),
        auth: modelarts_hyper_cluster::Auth::AccessKey(
            modelarts_hyper_cluster::AccessKeyCredentials::new("ENVAK".into(), "env-sk".into(), None).unwrap(),
        ),
    };
    let list = modelarts_hyper_cluster::Operation::List { server_type: None };
    let reply = emulator.send(&modelarts_hyper_cluster::build_request(&config, &list, now()));
    assert_eq!(reply.status, 200, "{}", reply.text());
    let banner = emulator.wait_for_stdout("ENVAK");
    assert!(banner.contains("ENVAK") && !banner.contains("env-sk") && !banner.contains("env-token"));
}

#[test]
fn bad_command_lines_stop_with_a_message() {
    for (args, needle) in [
        (&["--nope"][..], "unknown option --nope"),
        (&["--port", "http"], "--port must be a port number"),
        (&["--ak", "ONLYAK"], "--ak and --sk must come in pairs"),
        (&["--sts", "AK-WITHOUT-SK"], "--sts takes AK:SK:SECURITY_TOKEN"),
    ] {
        let failed = Emulator::start_with_env(args, &[]).err().expect("refused");
        assert_eq!(failed.status.code(), Some(2), "{args:?}");
        assert!(failed.stderr.contains(needle), "{args:?}: {}", failed.stderr);
    }
    let help = std::process::Command::new(env!("CARGO_BIN_EXE_hc-emulator"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(help.status.success());
    let text = String::from_utf8(help.stdout).unwrap();
    for flag in [
        "--host", "--port", "--state", "--token", "--ak", "--sk", "--sts", "--www", "--pkg",
    ] {
        assert!(text.contains(flag), "{flag} missing from --help");
    }
}

#[test]
fn sigint_and_sigterm_stop_cleanly() {
    for signal in ["INT", "TERM"] {
        let emulator = Emulator::start(&[]);
        assert_eq!(emulator.with_token("GET", COLLECTION, None).status, 200);
        let (status, stdout) = emulator.stop_with(signal);
        assert!(status.success(), "SIG{signal}: {status}");
        assert!(stdout.ends_with("Emulator stopped\n"), "SIG{signal}: {stdout}");
    }
}

#[test]
fn state_round_trip() {
    let folder = temp_dir("state");
    let file = folder.join("state.json");
    let state = file.to_str().unwrap();
    let emulator = Emulator::start(&["--state", state]);
    assert!(emulator
        .wait_for_stdout("(0 clusters loaded)")
        .contains("(0 clusters loaded)"));
    let kept = create(
        &emulator,
        json!({"name": "kept", "hyper_cluster_subnet_id": "47be1c96-b00c-4cc9-83cb-089893a632b6"}),
    );
    let gone = create(&emulator, json!({"name": "gone"}));
    let ecs = create(&emulator, json!({"name": "ecs", "type": "ECS"}));
    // Every change is on disk at once, complete, with no temporary file left behind.
    let on_disk: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(on_disk["clusters"].as_array().unwrap().len(), 3);
    assert_eq!(
        emulator
            .with_token("DELETE", &format!("{COLLECTION}/{gone}"), None)
            .status,
        200
    );
    let on_disk: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(on_disk["version"], 1);
    assert_eq!(on_disk["clusters"].as_array().unwrap().len(), 2);
    assert_eq!(on_disk["clusters"][1]["type"], "ECS");
    assert!(leftovers(&folder).is_empty(), "{:?}", leftovers(&folder));
    let before = emulator.with_token("GET", &format!("{COLLECTION}/{kept}"), None).json();
    let (status, _) = emulator.stop_with("TERM");
    assert!(status.success());

    let emulator = Emulator::start(&["--state", state]);
    let banner = emulator.wait_for_stdout("(2 clusters loaded)");
    assert!(banner.contains("(2 clusters loaded)"), "{banner}");
    assert_eq!(list_names(&emulator, ""), ["kept"]);
    assert_eq!(list_names(&emulator, "?type=ECS"), ["ecs"]);
    assert_eq!(
        emulator.with_token("GET", &format!("{COLLECTION}/{kept}"), None).json(),
        before
    );
    emulator
        .with_token("GET", &format!("{COLLECTION}/{gone}"), None)
        .expect_error(404, "ModelArts.4040");
    assert_eq!(
        emulator
            .with_token("DELETE", &format!("{COLLECTION}/{ecs}?type=ECS"), None)
            .status,
        200
    );
    drop(emulator);
    let emulator = Emulator::start(&["--state", state]);
    assert!(list_names(&emulator, "?type=ECS").is_empty());
    drop(emulator);
    let _ = std::fs::remove_dir_all(folder);
}

#[test]
fn unusable_state_files_stop_the_start_and_are_left_alone() {
    let folder = temp_dir("corrupt");
    let cases: [(&str, &[u8], &str); 5] = [
        ("not-json.json", b"{\"version\": 1, \"clusters\": [", "is not valid"),
        ("empty.json", b"", "is not valid"),
        ("wrong-shape.json", b"{\"clusters\": {}}", "is not valid"),
        (
            "bad-name.json",
            br#"{"version":1,"clusters":[{"project_id":"p","id":"74437437-6810-43b8-ba20-8f8e5bc034da","name":"a b","type":"HPS","network_info":[]}]}"#,
            "clusters[0]: name may only contain",
        ),
        (
            "future.json",
            br#"{"version":2,"clusters":[]}"#,
            "version 2 is not supported",
        ),
    ];
    for (name, content, needle) in cases {
        let file = folder.join(name);
        std::fs::write(&file, content).unwrap();
        let failed = Emulator::start_with_env(&["--state", file.to_str().unwrap()], &[])
            .err()
            .unwrap_or_else(|| panic!("{name} was accepted"));
        assert!(!failed.status.success());
        assert!(!failed.stdout.contains("Emulator listening"), "{name}");
        assert!(
            failed.stderr.contains(file.to_str().unwrap()),
            "{name}: {}",
            failed.stderr
        );
        assert!(failed.stderr.contains(needle), "{name}: {}", failed.stderr);
        assert!(failed.stderr.contains("not starting"), "{name}: {}", failed.stderr);
        assert_eq!(std::fs::read(&file).unwrap(), content, "{name} was changed");
    }
    // A folder where the file should be, and a file in a folder that does not exist.
    let failed = Emulator::start_with_env(&["--state", folder.to_str().unwrap()], &[])
        .err()
        .unwrap();
    assert!(failed.stderr.contains("cannot be read"), "{}", failed.stderr);
    let nowhere = folder.join("missing-folder/state.json");
    let failed = Emulator::start_with_env(&["--state", nowhere.to_str().unwrap()], &[])
        .err()
        .unwrap();
    assert!(failed.stderr.contains("does not exist"), "{}", failed.stderr);
    let _ = std::fs::remove_dir_all(folder);
}

#[test]
fn a_state_file_that_cannot_be_written_changes_nothing() {
    let folder = temp_dir("readonly");
    let file = folder.join("state.json");
    let emulator = Emulator::start(&["--state", file.to_str().unwrap()]);
    create(&emulator, json!({"name": "first"}));
    // Replace the folder with a file of the same name: the next write (temporary file, rename) fails.
    let moved = folder.with_extension("moved");
    std::fs::rename(&folder, &moved).unwrap();
    std::fs::write(&folder, b"not a folder").unwrap();
    let message = emulator
        .with_token("POST", COLLECTION, Some(r#"{"name":"second"}"#))
        .expect_error(500, "ModelArts.5000");
    assert!(message.contains("nothing was changed"), "{message}");
    assert_eq!(list_names(&emulator, ""), ["first"]);
    std::fs::remove_file(&folder).unwrap();
    std::fs::rename(&moved, &folder).unwrap();
    create(&emulator, json!({"name": "second"}));
    assert_eq!(list_names(&emulator, ""), ["first", "second"]);
    drop(emulator);
    let _ = std::fs::remove_dir_all(folder);
}
