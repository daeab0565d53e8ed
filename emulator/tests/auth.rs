//! Authentication as the gateway does it, with requests built and signed by the crate's own
//! `build_request` and `sign_external` (the official Python SDK signs in
//! `tests/emulator_sdk_interop.py`).

mod common;

use common::*;
use modelarts_hyper_cluster::{
    build_request, sign_external, validate, AccessKeyCredentials, Auth, ClientConfig, CreateHyperClusterBody,
    ExternalRequest, HttpRequest, Operation, SdkDate, ServerType,
};

fn config(emulator: &Emulator, auth: Auth) -> ClientConfig {
    ClientConfig {
        endpoint: emulator.endpoint(),
        project_id: validate::project_id(&PROJECT.into()).unwrap(),
        auth,
    }
}

fn key(ak: &str, sk: &str, token: Option<&str>) -> Auth {
    Auth::AccessKey(AccessKeyCredentials::new(ak.into(), sk.into(), token.map(str::to_owned)).unwrap())
}

fn create_op(name: &str) -> Operation {
    Operation::Create(CreateHyperClusterBody {
        name: name.into(),
        hyper_cluster_subnet_id: None,
        server_type: Some(ServerType::Hps),
    })
}

fn set_header(request: &mut HttpRequest, name: &str, value: &str) {
    let slot = request
        .headers
        .iter_mut()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .unwrap_or_else(|| panic!("no {name} header"));
    slot.1 = value.to_owned();
}

#[test]
fn tokens() {
    let emulator = Emulator::start(&[]);
    let token = config(&emulator, Auth::token(DEV_TOKEN.into()).unwrap());
    let created = emulator.send(&build_request(&token, &create_op("by-token"), now()));
    assert_eq!(created.status, 200, "{}", created.text());
    for (headers, needle) in [
        (vec![], "no X-Auth-Token header and no Authorization header"),
        (vec![("X-Auth-Token", "dev-token-x")], "verify token fail"),
        (vec![("X-Auth-Token", "dev-toke")], "verify token fail"),
        (vec![("X-Auth-Token", "")], "verify token fail"),
        (vec![("Authorization", "Bearer dev-token")], "must use SDK-HMAC-SHA256"),
    ] {
        let message = emulator
            .request("GET", COLLECTION, &headers, b"")
            .expect_error(401, "APIGW.0301");
        assert!(
            message.starts_with("Incorrect IAM authentication information: "),
            "{message}"
        );
        assert!(message.contains(needle), "{message}");
    }

    // Configured tokens replace the development one.
    let emulator = Emulator::start(&["--token", "alpha", "--token", "beta"]);
    for (token, status) in [("alpha", 200), ("beta", 200), (DEV_TOKEN, 401)] {
        let reply = emulator.request("GET", COLLECTION, &[("X-Auth-Token", token)], b"");
        assert_eq!(reply.status, status, "{token}");
    }
}

#[test]
fn every_operation_signed_by_the_crate_is_accepted() {
    let emulator = Emulator::start(&[]);
    let signed = config(&emulator, key(DEV_AK, DEV_SK, None));
    let created = emulator.send(&build_request(&signed, &create_op("signed-1"), now()));
    assert_eq!(created.status, 200, "{}", created.text());
    let cluster = modelarts_hyper_cluster::parse_cluster(&created.for_crate(), None).unwrap();
    let id = validate::cluster_id(&cluster.id.as_str().into()).unwrap();
    for operation in [
        Operation::List { server_type: None },
        Operation::List {
            server_type: Some(ServerType::Hps),
        },
        Operation::Get {
            id: id.clone(),
            server_type: Some(ServerType::Hps),
        },
        Operation::Get {
            id: id.clone(),
            server_type: None,
        },
        Operation::Delete {
            id,
            server_type: Some(ServerType::Hps),
        },
    ] {
        let reply = emulator.send(&build_request(&signed, &operation, now()));
        assert_eq!(reply.status, 200, "{operation:?}: {}", reply.text());
    }
}

#[test]
fn tampered_requests_are_refused() {
    let emulator = Emulator::start(&[]);
    let signed = config(&emulator, key(DEV_AK, DEV_SK, None));
    let good = build_request(&signed, &create_op("tamper"), now());
    let refused = |request: &HttpRequest, needle: &str| {
        let message = emulator.send(request).expect_error(401, "APIGW.0301");
        assert!(message.contains(needle), "{message}");
    };

    let mut body = good.clone();
    body.body = Some(r#"{"name":"tampe2","type":"HPS"}"#.into());
    refused(&body, "verify aksk signature fail");

    let mut content_type = good.clone();
    set_header(&mut content_type, "Content-Type", "application/json");
    refused(&content_type, "verify aksk signature fail");

    let mut date = good.clone();
    let later = SdkDate::from_unix_millis(((now().unix_seconds() + 1) * 1000) as f64).unwrap();
    set_header(&mut date, "X-Sdk-Date", &later.to_string());
    refused(&date, "verify aksk signature fail");

    let mut query = good.clone();
    query.url.push_str("?type=ECS");
    refused(&query, "verify aksk signature fail");

    let mut path = good.clone();
    path.url = path.url.replace(PROJECT, "0123456789abcdef0123456789abcdee");
    // The project header no longer matches either; the signature is checked first.
    refused(&path, "verify aksk signature fail");

    let mut signature = good.clone();
    let authorization = good
        .headers
        .iter()
        .find(|(n, _)| n == "Authorization")
        .unwrap()
        .1
        .clone();
    let flipped = if authorization.ends_with('0') { "1" } else { "0" };
    set_header(
        &mut signature,
        "Authorization",
        &format!("{}{flipped}", &authorization[..authorization.len() - 1]),
    );
    refused(&signature, "verify aksk signature fail");

    let mut unsigned_host = good.clone();
    set_header(
        &mut unsigned_host,
        "Authorization",
        &authorization.replace("SignedHeaders=content-type;host;", "SignedHeaders=content-type;"),
    );
    refused(&unsigned_host, "SignedHeaders must include host");

    let mut unsorted = good.clone();
    set_header(
        &mut unsorted,
        "Authorization",
        &authorization.replace("content-type;host;", "host;content-type;"),
    );
    refused(&unsorted, "SignedHeaders must list");

    // An unsigned X-Sdk-Content-Sha256 cannot switch off the body check.
    let mut unsigned_payload = body.clone();
    unsigned_payload
        .headers
        .push(("X-Sdk-Content-Sha256".into(), "UNSIGNED-PAYLOAD".into()));
    refused(&unsigned_payload, "verify aksk signature fail");

    let wrong_secret = build_request(
        &config(&emulator, key(DEV_AK, "not-the-secret", None)),
        &create_op("tamper"),
        now(),
    );
    refused(&wrong_secret, "verify aksk signature fail");
    let unknown = build_request(
        &config(&emulator, key("UNKNOWNAK", DEV_SK, None)),
        &create_op("tamper"),
        now(),
    );
    refused(&unknown, "unknown access key UNKNOWNAK");

    let mut no_date = good.clone();
    no_date.headers.retain(|(n, _)| n != "X-Sdk-Date");
    refused(&no_date, "X-Sdk-Date header is missing");

    // Untouched, it still goes through.
    assert_eq!(emulator.send(&good).status, 200);
}

#[test]
fn signatures_older_or_newer_than_15_minutes_are_refused() {
    let emulator = Emulator::start(&[]);
    let signed = config(&emulator, key(DEV_AK, DEV_SK, None));
    let list = Operation::List { server_type: None };
    for offset in [-14 * 60, 14 * 60] {
        let reply = emulator.send(&build_request(&signed, &list, now_plus(offset)));
        assert_eq!(reply.status, 200, "{offset}: {}", reply.text());
    }
    for offset in [-16 * 60, 16 * 60, -86_400 * 365] {
        let signed_at = now_plus(offset);
        let reply = emulator.send(&build_request(&signed, &list, signed_at));
        let message = reply.expect_error(401, "APIGW.0301");
        assert!(message.contains("signature expired"), "{message}");
        // The crate reads the answer as an expired signature and measures the skew from `Date`.
        let error = modelarts_hyper_cluster::response::api_error(&reply.for_crate(), Some(signed_at));
        let hint = error.hint.expect("a hint");
        assert!(hint.contains("clock"), "{hint}");
    }
}

#[test]
fn temporary_keys_need_their_security_token() {
    let emulator = Emulator::start(&["--sts", "STSAK:STSSK:sts-token-1", "--ak", "PERMAK", "--sk", "PERMSK"]);
    let list = Operation::List { server_type: None };
    let send = |auth: Auth| emulator.send(&build_request(&config(&emulator, auth), &list, now()));
    assert_eq!(send(key("STSAK", "STSSK", Some("sts-token-1"))).status, 200);
    assert_eq!(send(key("PERMAK", "PERMSK", None)).status, 200);
    for (auth, needle) in [
        (key("STSAK", "STSSK", None), "X-Security-Token header is missing"),
        (
            key("STSAK", "STSSK", Some("sts-token-2")),
            "X-Security-Token does not belong",
        ),
        (
            key("PERMAK", "PERMSK", Some("sts-token-1")),
            "takes no X-Security-Token",
        ),
        // The development pair is off once pairs are configured.
        (key(DEV_AK, DEV_SK, None), "unknown access key"),
    ] {
        let message = send(auth).expect_error(401, "APIGW.0301");
        assert!(message.contains(needle), "{message}");
    }
}

#[test]
fn the_project_header_must_match_the_path() {
    let emulator = Emulator::start(&[]);
    let url = format!("{}{COLLECTION}", emulator.url);
    let credentials = AccessKeyCredentials::new(DEV_AK.into(), DEV_SK.into(), None).unwrap();
    let sign = |project: &str| {
        let headers = sign_external(
            &ExternalRequest {
                method: "GET",
                url: &url,
                headers: vec![
                    ("Content-Type".into(), "application/json".into()),
                    ("X-Project-Id".into(), project.into()),
                ],
                body: b"",
            },
            &credentials,
            now(),
        )
        .unwrap();
        emulator.send(&HttpRequest {
            method: "GET",
            url: url.clone(),
            headers,
            body: None,
        })
    };
    assert_eq!(sign(PROJECT).status, 200);
    let message = sign("another-project").expect_error(401, "APIGW.0301");
    assert!(
        message.contains("X-Project-Id another-project does not match"),
        "{message}"
    );
    // Also with a token.
    emulator
        .request(
            "GET",
            COLLECTION,
            &[("X-Auth-Token", DEV_TOKEN), ("X-Project-Id", "another-project")],
            b"",
        )
        .expect_error(401, "APIGW.0301");
}

#[test]
fn unsigned_payloads_are_accepted_when_declared_and_signed() {
    let emulator = Emulator::start(&[]);
    let url = format!("{}{COLLECTION}", emulator.url);
    let credentials = AccessKeyCredentials::new(DEV_AK.into(), DEV_SK.into(), None).unwrap();
    // A non-JSON content type makes the signer declare UNSIGNED-PAYLOAD (as the official SDKs do):
    // the signature holds, then the create is refused for its content type.
    let body = br#"{"name":"plain"}"#;
    let headers = sign_external(
        &ExternalRequest {
            method: "POST",
            url: &url,
            headers: vec![("Content-Type".into(), "text/plain".into())],
            body,
        },
        &credentials,
        now(),
    )
    .unwrap();
    assert!(headers
        .iter()
        .any(|(n, v)| n == "X-Sdk-Content-Sha256" && v == "UNSIGNED-PAYLOAD"));
    let reply = emulator.send(&HttpRequest {
        method: "POST",
        url,
        headers,
        body: Some(String::from_utf8(body.to_vec()).unwrap()),
    });
    reply.expect_error(400, "ModelArts.4003");
}

#[test]
fn secrets_never_reach_the_log() {
    let emulator = Emulator::start(&[
        "--ak",
        "LOGAK",
        "--sk",
        "log-secret-key",
        "--token",
        "log-secret-token",
        "--sts",
        "LOGSTS:log-secret-sts-key:log-secret-security-token",
    ]);
    for auth in [
        key("LOGAK", "log-secret-key", None),
        key("LOGSTS", "log-secret-sts-key", Some("log-secret-security-token")),
    ] {
        let mut bad = build_request(&config(&emulator, auth), &create_op("x"), now());
        bad.body = Some(r#"{"name":"y","type":"HPS"}"#.into());
        emulator.send(&bad).expect_error(401, "APIGW.0301");
    }
    emulator.request("GET", COLLECTION, &[("X-Auth-Token", "log-secret-token")], b"");
    std::thread::sleep(std::time::Duration::from_millis(100));
    let (log, banner) = (emulator.stderr(), emulator.stdout());
    // The log explains the refusal with the canonical request it computed...
    assert!(log.contains("canonical request"), "{log}");
    // ...and neither it nor the banner shows a configured secret.
    assert!(log.contains("x-security-token:<redacted>"), "{log}");
    // Every configured secret starts with "log-secret"; only the access keys may show.
    assert!(
        !log.contains("log-secret") && !banner.contains("log-secret"),
        "a secret was printed"
    );
}
