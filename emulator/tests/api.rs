//! The four operations, their errors, CORS and the static files, over real HTTP.

mod common;

use std::collections::HashSet;

use common::*;
use modelarts_hyper_cluster::validate::{self, InputValue};
use serde_json::{json, Value};

const SUBNET: &str = "47be1c96-b00c-4cc9-83cb-089893a632b6";

fn create(emulator: &Emulator, body: Value) -> Value {
    let reply = emulator.with_token("POST", COLLECTION, Some(&body.to_string()));
    assert_eq!(reply.status, 200, "{}", reply.text());
    reply.json()
}

#[test]
fn create_list_get_delete() {
    let emulator = Emulator::start(&[]);
    let created = create(&emulator, json!({"name": "test-hps--1107"}));
    let keys: Vec<&String> = created.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["id", "name", "network_info"]);
    let id = created["id"].as_str().unwrap();
    assert_uuid_v4(id);
    assert_eq!(created["name"], "test-hps--1107");
    let networks = created["network_info"].as_array().unwrap();
    assert_eq!(networks.len(), 1);
    assert_uuid_v4(networks[0]["hyper_cluster_subnet_id"].as_str().unwrap());
    assert_eq!(networks[0]["is_default"], true);

    // The crate's own parsers read every answer.
    let item = format!("{COLLECTION}/{id}");
    let listed = emulator.with_token("GET", COLLECTION, None);
    assert_eq!(listed.json(), json!({"hyper_clusters": [created.clone()]}));
    let parsed = modelarts_hyper_cluster::parse_cluster_list(&listed.for_crate(), None).unwrap();
    assert_eq!(parsed[0].id, id);
    let fetched = emulator.with_token("GET", &item, None);
    assert_eq!(fetched.json(), created);
    assert!(
        modelarts_hyper_cluster::parse_cluster(&fetched.for_crate(), None)
            .unwrap()
            .network_info[0]
            .is_default
    );
    let deleted = emulator.with_token("DELETE", &item, None);
    assert_eq!(deleted.status, 200);
    assert_eq!(deleted.json(), created);
    assert!(modelarts_hyper_cluster::parse_deleted(&deleted.for_crate(), None).is_ok());

    let message = emulator
        .with_token("GET", &item, None)
        .expect_error(404, "ModelArts.4040");
    assert!(message.contains(id), "{message}");
    emulator
        .with_token("DELETE", &item, None)
        .expect_error(404, "ModelArts.4040");
    assert_eq!(
        emulator.with_token("GET", COLLECTION, None).json(),
        json!({"hyper_clusters": []})
    );
}

#[test]
fn subnet_type_and_project_scope() {
    let emulator = Emulator::start(&[]);
    let ecs = create(
        &emulator,
        json!({"name": "ecs-1", "hyper_cluster_subnet_id": SUBNET, "type": "ECS"}),
    );
    assert_eq!(
        ecs["network_info"],
        json!([{"hyper_cluster_subnet_id": SUBNET, "is_default": true}])
    );
    let hps = create(
        &emulator,
        json!({"name": "hps-1", "type": "HPS", "hyper_cluster_subnet_id": null}),
    );
    let untyped = create(&emulator, json!({"name": "plain"}));
    let ids = |reply: Reply| -> Vec<String> {
        reply.json()["hyper_clusters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_owned())
            .collect()
    };
    // No type query means HPS; a cluster created without a type is an HPS cluster.
    assert_eq!(
        ids(emulator.with_token("GET", COLLECTION, None)),
        [hps["id"].as_str().unwrap(), untyped["id"].as_str().unwrap()]
    );
    assert_eq!(
        ids(emulator.with_token("GET", &format!("{COLLECTION}?type=HPS"), None)).len(),
        2
    );
    assert_eq!(
        ids(emulator.with_token("GET", &format!("{COLLECTION}?type=ECS"), None)),
        [ecs["id"].as_str().unwrap()]
    );
    let ecs_item = format!("{COLLECTION}/{}", ecs["id"].as_str().unwrap());
    emulator
        .with_token("GET", &ecs_item, None)
        .expect_error(404, "ModelArts.4040");
    assert_eq!(
        emulator.with_token("GET", &format!("{ecs_item}?type=ECS"), None).json(),
        ecs
    );
    emulator
        .with_token("DELETE", &format!("{ecs_item}?type=HPS"), None)
        .expect_error(404, "ModelArts.4040");

    // Another project sees none of them.
    let other = "/v1/other-project/dev-servers/hyper-clusters";
    assert_eq!(
        emulator.with_token("GET", other, None).json(),
        json!({"hyper_clusters": []})
    );
    emulator
        .with_token(
            "GET",
            &format!("{other}/{}?type=ECS", ecs["id"].as_str().unwrap()),
            None,
        )
        .expect_error(404, "ModelArts.4040");

    assert_eq!(
        emulator
            .with_token("DELETE", &format!("{ecs_item}?type=ECS"), None)
            .status,
        200
    );
}

/// The crate's message for a value, so the test checks the emulator uses the crate's rule.
fn crate_message(issues: Vec<validate::FieldIssue>) -> String {
    format!("{} {}", issues[0].param, issues[0].message)
}

#[test]
fn field_rules_are_the_crate_rules_and_name_the_api_parameter() {
    let emulator = Emulator::start(&[]);
    let refused = |body: Value| {
        emulator
            .with_token("POST", COLLECTION, Some(&body.to_string()))
            .expect_error(400, "ModelArts.4001")
    };
    let text = |value: &str| InputValue::Text(value.to_owned());

    let message = refused(json!({"name": "my cluster"}));
    assert!(
        message.starts_with("Invalid parameter: name may only contain"),
        "{message}"
    );
    assert!(message.contains(&crate_message(validate::cluster_name(&text("my cluster")).unwrap_err())));
    assert!(refused(json!({})).contains("name is required"));
    assert!(refused(json!({"name": ""})).contains("name is required"));
    assert!(refused(json!({"name": 5})).contains("name must be a string (got number)"));
    assert!(refused(json!({"name": "n".repeat(65)})).contains("name must be at most 64 characters"));
    let upper = "47BE1C96-B00C-4CC9-83CB-089893A632B6";
    let message = refused(json!({"name": "ok", "hyper_cluster_subnet_id": upper}));
    assert!(
        message.contains("hyper_cluster_subnet_id must be a lower-case UUID"),
        "{message}"
    );
    let message = refused(json!({"name": "ok", "type": "hps"}));
    assert!(message.contains(&crate_message(validate::server_type(&text("hps")).unwrap_err())));
    // Every problem at once, in field order.
    let message = refused(json!({"name": "a b", "hyper_cluster_subnet_id": [], "type": "GPU"}));
    let positions: Vec<usize> = ["name ", "hyper_cluster_subnet_id ", "type "]
        .iter()
        .map(|p| message.find(p).unwrap_or_else(|| panic!("{p} missing from {message}")))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{message}");
    // Not an object at all.
    for body in ["[]", "\"name\"", "null", "42"] {
        let message = emulator
            .with_token("POST", COLLECTION, Some(body))
            .expect_error(400, "ModelArts.4001");
        assert!(message.contains("body must be an object"), "{body}: {message}");
    }

    // Path and query parameters go through the same rules.
    let message = emulator
        .with_token("GET", "/v1/bad_project/dev-servers/hyper-clusters", None)
        .expect_error(400, "ModelArts.4001");
    assert!(message.contains("project_id may only contain"), "{message}");
    let long = format!("/v1/{}/dev-servers/hyper-clusters", "p".repeat(65));
    assert!(emulator
        .with_token("POST", &long, Some(r#"{"name":"ok"}"#))
        .expect_error(400, "ModelArts.4001")
        .contains("project_id must be at most 64"));
    let message = emulator
        .with_token("GET", &format!("{COLLECTION}?type=GPU"), None)
        .expect_error(400, "ModelArts.4001");
    assert!(message.contains("type must be \"HPS\""), "{message}");
    emulator
        .with_token("GET", &format!("{COLLECTION}?type="), None)
        .expect_error(400, "ModelArts.4001");
    for bad_id in [
        "not-a-uuid",
        "74437437-6810-43b8-ba20-8f8e5bc034dA",
        "74437437-6810-63b8-ba20-8f8e5bc034da",
    ] {
        let message = emulator
            .with_token("DELETE", &format!("{COLLECTION}/{bad_id}"), None)
            .expect_error(400, "ModelArts.4001");
        assert!(message.contains(&crate_message(validate::cluster_id(&text(bad_id)).unwrap_err())));
    }
    let message = emulator
        .with_token("GET", "/v1/a_b/dev-servers/hyper-clusters/nope?type=x", None)
        .expect_error(400, "ModelArts.4001");
    for param in ["project_id ", "id ", "type "] {
        assert!(message.contains(param), "{message}");
    }
    // A percent-encoded project id is decoded before the rule runs.
    emulator
        .with_token("GET", "/v1/a%2Fb/dev-servers/hyper-clusters", None)
        .expect_error(400, "ModelArts.4001");
    assert_eq!(
        emulator
            .with_token("GET", "/v1/%70roject/dev-servers/hyper-clusters", None)
            .status,
        200
    );
}

#[test]
fn malformed_json_and_content_types() {
    let emulator = Emulator::start(&[]);
    let post = |content_type: Option<&str>, body: &str| {
        let mut headers = vec![("X-Auth-Token", DEV_TOKEN)];
        if let Some(content_type) = content_type {
            headers.push(("Content-Type", content_type));
        }
        emulator.request("POST", COLLECTION, &headers, body.as_bytes())
    };
    let message = post(Some("application/json"), r#"{"name": "#).expect_error(400, "ModelArts.4002");
    assert!(message.starts_with("The request body is not valid JSON"), "{message}");
    post(Some("application/json"), "").expect_error(400, "ModelArts.4002");
    post(Some("application/json"), "{\"name\": \"a\"} trailing").expect_error(400, "ModelArts.4002");
    let message = post(Some("text/plain"), r#"{"name":"ok"}"#).expect_error(400, "ModelArts.4003");
    assert!(message.contains("text/plain"), "{message}");
    post(None, r#"{"name":"ok"}"#).expect_error(400, "ModelArts.4003");
    post(Some("application/x-www-form-urlencoded"), "name=ok").expect_error(400, "ModelArts.4003");
    // The SDKs' spellings are all JSON.
    for content_type in [
        "application/json",
        "application/json;charset=UTF-8",
        "Application/JSON; charset=utf-8",
    ] {
        assert_eq!(
            post(Some(content_type), r#"{"name":"ok"}"#).status,
            200,
            "{content_type}"
        );
    }
}

#[test]
fn bodies_over_64_kib_are_refused() {
    let emulator = Emulator::start(&[]);
    // Exactly 64 KiB of valid JSON is accepted.
    let prefix = r#"{"name":"big""#;
    let exact = format!("{prefix}{}}}", " ".repeat(64 * 1024 - prefix.len() - 1));
    assert_eq!(exact.len(), 64 * 1024);
    assert_eq!(emulator.with_token("POST", COLLECTION, Some(&exact)).status, 200);
    let over = format!("{prefix}{}}}", " ".repeat(64 * 1024 - prefix.len()));
    let message = emulator
        .with_token("POST", COLLECTION, Some(&over))
        .expect_error(413, "ModelArts.4130");
    assert!(message.contains("65536"), "{message}");
    // Refused before authentication, and from the declared length alone when it is huge.
    emulator
        .request("POST", COLLECTION, &[], over.as_bytes())
        .expect_error(413, "ModelArts.4130");
    let declared = raw_request(
        &emulator.authority,
        "POST",
        COLLECTION,
        &[
            ("Host".into(), emulator.authority.clone()),
            ("Content-Length".into(), "50000000".into()),
        ],
        b"",
    );
    declared.expect_error(413, "ModelArts.4130");
    // Bodies of unknown length (chunked) count too.
    let chunk = " ".repeat(40 * 1024);
    let chunked_body = format!(
        "{:x}\r\n{chunk}\r\n{:x}\r\n{chunk}\r\n0\r\n\r\n",
        chunk.len(),
        chunk.len()
    );
    let chunked = raw_request(
        &emulator.authority,
        "POST",
        COLLECTION,
        &[
            ("Host".into(), emulator.authority.clone()),
            ("X-Auth-Token".into(), DEV_TOKEN.into()),
            ("Content-Type".into(), "application/json".into()),
            ("Transfer-Encoding".into(), "chunked".into()),
        ],
        chunked_body.as_bytes(),
    );
    chunked.expect_error(413, "ModelArts.4130");
}

#[test]
fn unknown_paths_and_methods() {
    let emulator = Emulator::start(&[]);
    for path in [
        "/v1",
        "/v1/",
        "/v1/p",
        "/v1/p/dev-servers",
        "/v1/p/dev-servers/hyper-clusters/x/y",
        "/v2/p/dev-servers/hyper-clusters",
    ] {
        let message = emulator
            .with_token("GET", path, None)
            .expect_error(404, "ModelArts.4041");
        assert!(message.contains(path), "{message}");
    }
    let item = format!("{COLLECTION}/74437437-6810-43b8-ba20-8f8e5bc034da");
    for (method, path, allow) in [
        ("PUT", COLLECTION, "GET, POST"),
        ("DELETE", COLLECTION, "GET, POST"),
        ("PATCH", COLLECTION, "GET, POST"),
        ("POST", item.as_str(), "GET, DELETE"),
        ("PUT", item.as_str(), "GET, DELETE"),
        ("POST", "/", "GET, HEAD"),
    ] {
        // The path decides before credentials do, so no token is needed to learn the methods.
        let reply = emulator.request(method, path, &[], b"");
        let message = reply.expect_error(405, "ModelArts.4050");
        assert!(message.contains(method), "{message}");
        assert_eq!(reply.header("allow"), Some(allow), "{method} {path}");
    }
}

#[test]
fn every_response_has_a_request_id_and_cors_headers() {
    let emulator = Emulator::start(&[]);
    let big = vec![b' '; 70 * 1024];
    let replies = [
        emulator.with_token("POST", COLLECTION, Some(r#"{"name":"a"}"#)),
        emulator.with_token("POST", COLLECTION, Some(r#"{"name":"a b"}"#)),
        emulator.request("GET", COLLECTION, &[], b""),
        emulator.with_token("GET", "/v1/x", None),
        emulator.request("PUT", COLLECTION, &[], b""),
        emulator.request("POST", COLLECTION, &[], &big),
        emulator.request("OPTIONS", COLLECTION, &[], b""),
        emulator.request("GET", "/no-such-file.txt", &[], b""),
        emulator.request("GET", "/pkg/no-such-file.js", &[], b""),
    ];
    let statuses: Vec<u16> = replies.iter().map(|r| r.status).collect();
    assert_eq!(statuses, [200, 400, 401, 404, 405, 413, 204, 404, 404]);
    let mut ids = HashSet::new();
    for reply in &replies {
        let id = reply.header("x-request-id").expect("X-Request-Id");
        assert!(
            id.len() == 32 && id.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
            "{id}"
        );
        assert!(ids.insert(id.to_owned()), "request ids repeat");
        assert_eq!(reply.header("access-control-allow-origin"), Some("*"));
        assert_eq!(
            reply.header("access-control-expose-headers"),
            Some("X-Request-Id, Date")
        );
        assert!(reply.header("date").is_some());
    }
}

#[test]
fn cors_preflights_allow_what_the_clients_send() {
    let emulator = Emulator::start(&[]);
    let item = format!("{COLLECTION}/74437437-6810-43b8-ba20-8f8e5bc034da");
    for (path, method) in [(COLLECTION, "POST"), (COLLECTION, "GET"), (item.as_str(), "DELETE")] {
        let reply = emulator.request(
            "OPTIONS",
            path,
            &[
                ("Origin", "http://localhost:5173"),
                ("Access-Control-Request-Method", method),
                (
                    "Access-Control-Request-Headers",
                    "authorization,content-type,x-project-id,x-sdk-date,x-security-token",
                ),
            ],
            b"",
        );
        assert_eq!(reply.status, 204);
        assert!(reply.body.is_empty());
        assert_eq!(reply.header("access-control-allow-origin"), Some("*"));
        let methods = reply.header("access-control-allow-methods").unwrap();
        assert!(methods.contains(method), "{methods}");
        let allowed = reply
            .header("access-control-allow-headers")
            .unwrap()
            .to_ascii_lowercase();
        for header in [
            "content-type",
            "x-auth-token",
            "x-project-id",
            "x-sdk-date",
            "x-security-token",
            "authorization",
            "x-sdk-content-sha256",
        ] {
            assert!(allowed.split(", ").any(|h| h == header), "{header} not in {allowed}");
        }
        assert!(reply.header("access-control-max-age").is_some());
    }
    let private = emulator.request(
        "OPTIONS",
        COLLECTION,
        &[
            ("Origin", "https://example.com"),
            ("Access-Control-Request-Method", "GET"),
            ("Access-Control-Request-Private-Network", "true"),
        ],
        b"",
    );
    assert_eq!(private.header("access-control-allow-private-network"), Some("true"));
}

#[test]
fn static_files_are_served_with_their_content_types() {
    let root = temp_dir("static");
    let (www, pkg) = (root.join("www"), root.join("pkg"));
    std::fs::create_dir_all(www.join("v1")).unwrap();
    std::fs::create_dir_all(www.join("docs")).unwrap();
    std::fs::create_dir_all(pkg.join("web")).unwrap();
    std::fs::write(www.join("index.html"), "<!doctype html><title>console</title>").unwrap();
    std::fs::write(www.join("app.js"), "export {};").unwrap();
    std::fs::write(www.join("style.css"), "body{}").unwrap();
    std::fs::write(www.join("docs/index.html"), "docs").unwrap();
    std::fs::write(www.join("v1/secret.txt"), "a file that looks like an API path").unwrap();
    std::fs::write(www.join(".hidden"), "hidden").unwrap();
    std::fs::write(root.join("outside.txt"), "outside").unwrap();
    std::fs::write(pkg.join("web/modelarts_hyper_cluster.js"), "export default 1;").unwrap();
    std::fs::write(pkg.join("web/modelarts_hyper_cluster_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    let emulator = Emulator::start(&["--www", www.to_str().unwrap(), "--pkg", pkg.to_str().unwrap()]);

    let get = |path: &str| emulator.request("GET", path, &[], b"");
    let index = get("/");
    assert_eq!(index.status, 200);
    assert_eq!(index.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(index.text(), "<!doctype html><title>console</title>");
    assert_eq!(get("/index.html").text(), index.text());
    assert_eq!(
        get("/app.js").header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert_eq!(
        get("/style.css").header("content-type"),
        Some("text/css; charset=utf-8")
    );
    let module = get("/pkg/web/modelarts_hyper_cluster.js");
    assert_eq!(
        (module.status, module.header("content-type")),
        (200, Some("text/javascript; charset=utf-8"))
    );
    let wasm = get("/pkg/web/modelarts_hyper_cluster_bg.wasm");
    assert_eq!(wasm.header("content-type"), Some("application/wasm"));
    assert_eq!(wasm.body, b"\0asm\x01\0\0\0");
    let head = emulator.request("HEAD", "/app.js", &[], b"");
    assert_eq!((head.status, head.body.len()), (200, 0));
    assert_eq!(head.header("content-length"), Some("10"));
    let folder = get("/docs");
    assert_eq!((folder.status, folder.header("location")), (308, Some("/docs/")));
    assert_eq!(get("/docs/").text(), "docs");

    for missing in [
        "/missing.js",
        "/.hidden",
        "/../outside.txt",
        "/%2e%2e/outside.txt",
        "/docs/..%2F..%2Foutside.txt",
        "/pkg/../outside.txt",
        "/pkg/web/missing.wasm",
    ] {
        get(missing).expect_error(404, "ModelArts.4041");
    }
    // API paths take precedence over files.
    get("/v1/secret.txt").expect_error(404, "ModelArts.4041");
    let _ = std::fs::remove_dir_all(root);
}

#[test]
fn concurrent_creates_are_all_kept() {
    const N: usize = 50;
    let emulator = Emulator::start(&["--quiet"]);
    let ids: Vec<String> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..N)
            .map(|n| {
                let emulator = &emulator;
                scope.spawn(move || {
                    let body = json!({"name": format!("parallel-{n}")}).to_string();
                    let reply = emulator.with_token("POST", COLLECTION, Some(&body));
                    assert_eq!(reply.status, 200, "{}", reply.text());
                    reply.json()["id"].as_str().unwrap().to_owned()
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    let distinct: HashSet<&String> = ids.iter().collect();
    assert_eq!(distinct.len(), N);
    let listed = emulator.with_token("GET", COLLECTION, None).json();
    let listed: HashSet<String> = listed["hyper_clusters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(listed, ids.into_iter().collect::<HashSet<_>>());
    let names: HashSet<String> = (0..N).map(|n| format!("parallel-{n}")).collect();
    let listed_names: HashSet<String> = emulator.with_token("GET", COLLECTION, None).json()["hyper_clusters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(listed_names, names);
}
