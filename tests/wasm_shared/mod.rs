//! wasm-bindgen tests shared by the Node and the browser runs: they call the exports exactly as
//! JavaScript does, with the values JavaScript can pass.

use js_sys::{Array, Function, Promise, Reflect};
use modelarts_hyper_cluster::wasm;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

fn js(source: &str) -> JsValue {
    Function::new_no_args(&format!("return ({source});"))
        .call0(&JsValue::NULL)
        .expect("valid JS")
}

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &key.into()).unwrap()
}

fn issues_of(result: &JsValue) -> Vec<(String, String)> {
    Array::from(&get(result, "issues"))
        .iter()
        .map(|issue| {
            (
                get(&issue, "field").as_string().unwrap(),
                get(&issue, "code").as_string().unwrap(),
            )
        })
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(f, c)| ((*f).to_owned(), (*c).to_owned()))
        .collect()
}

async fn rejection(promise: Promise) -> JsValue {
    match JsFuture::from(promise).await {
        Ok(value) => panic!("expected a rejection, got {value:?}"),
        Err(error) => error,
    }
}

fn assert_hyper_cluster_error(error: &JsValue, code: &str) {
    assert!(error.is_instance_of::<js_sys::Error>(), "not an Error: {error:?}");
    assert_eq!(get(error, "name").as_string().as_deref(), Some("HyperClusterError"));
    assert_eq!(get(error, "code").as_string().as_deref(), Some(code), "{error:?}");
    assert!(wasm::is_hyper_cluster_error(error.clone()));
}

#[wasm_bindgen_test]
fn validation_never_throws_whatever_the_input() {
    for source in [
        "undefined",
        "null",
        "42",
        "'text'",
        "[1, 2]",
        "Symbol('s')",
        "() => 1",
        "10n",
        "new Proxy({}, { get() { throw new Error('trap') } })",
        "Object.create(null)",
        "{ get name() { throw new Error('getter') } }",
    ] {
        let result = wasm::validate_create_hyper_cluster(js(source));
        assert_eq!(get(&result, "valid").as_bool(), Some(false), "{source}");
        assert!(!issues_of(&result).is_empty(), "{source}");
    }
}

#[wasm_bindgen_test]
fn validation_reports_every_field_at_once() {
    let result = wasm::validate_create_hyper_cluster(js(
        "{ projectId: null, name: 5, hyperClusterSubnetId: '47BE1C96-B00C-4CC9-83CB-089893A632B6', type: 'hps' }",
    ));
    assert_eq!(
        issues_of(&result),
        pairs(&[
            ("projectId", "required"),
            ("name", "type"),
            ("hyperClusterSubnetId", "pattern"),
            ("type", "enum")
        ])
    );
    let valid = wasm::validate_create_hyper_cluster(js("{ projectId: 'p-1', name: 'hc.01', type: 'ECS' }"));
    assert_eq!(get(&valid, "valid").as_bool(), Some(true));
    assert_eq!(Array::from(&get(&valid, "issues")).length(), 0);
}

#[wasm_bindgen_test]
async fn invalid_requests_reject_with_validation_errors() {
    let config = js("{ endpoint: 'http://127.0.0.1:9', projectId: 'p_1', auth: { token: 't' } }");
    let error = rejection(wasm::create_hyper_cluster(config, js("{ name: 'a b' }"))).await;
    assert_hyper_cluster_error(&error, "VALIDATION");
    let fields: Vec<String> = Array::from(&get(&error, "issues"))
        .iter()
        .map(|i| get(&i, "field").as_string().unwrap())
        .collect();
    assert_eq!(fields, ["projectId", "name"]);
}

#[wasm_bindgen_test]
async fn bad_configuration_is_a_config_error_without_secrets() {
    for source in [
        "undefined",
        "{ projectId: 'p', auth: { token: 'SECRET-TOKEN' } }",
        "{ region: 'mars-1', projectId: 'p', auth: { token: 'SECRET-TOKEN' } }",
        "{ region: 'cn-north-4', endpoint: 'http://x', projectId: 'p', auth: { token: 'SECRET-TOKEN' } }",
        "{ endpoint: 'http://h/path', projectId: 'p', auth: { token: 'SECRET-TOKEN' } }",
        "{ region: 'cn-north-4', projectId: 'p', auth: { accessKey: 'AK' , secretKey: '' } }",
        "{ region: 'cn-north-4', projectId: 'p', auth: { token: 'SECRET-TOKEN', secretKey: 'SECRET-SK' } }",
        "{ region: 'cn-north-4', projectId: 'p', auth: { accessKey: 'AK', secretKey: 'SECRET-SK', securityToken: 'SECRET TOKEN' } }",
        "{ region: 'cn-north-4', projectId: 'p', auth: { token: 'SECRET-TOKEN' }, timeoutMs: -1 }",
        "{ region: 'cn-north-4', projectId: 'p', auth: { token: 'SECRET-TOKEN' }, signal: 'nope' }",
    ] {
        let error = rejection(wasm::create_hyper_cluster(js(source), js("{ name: 'ok' }"))).await;
        assert_hyper_cluster_error(&error, "CONFIG");
        let message = get(&error, "message").as_string().unwrap();
        assert!(!message.contains("SECRET"), "{source}: {message}");
    }
}

#[wasm_bindgen_test]
async fn an_aborted_signal_stops_the_call_before_it_is_sent() {
    let config =
        js("{ endpoint: 'http://127.0.0.1:9', projectId: 'p', auth: { token: 't' }, signal: AbortSignal.abort() }");
    let error = rejection(wasm::create_hyper_cluster(config, js("{ name: 'ok' }"))).await;
    assert_hyper_cluster_error(&error, "ABORTED");
}

#[wasm_bindgen_test]
async fn an_unreachable_endpoint_is_a_network_error() {
    // Port 9 (discard) is closed here; both browsers and Node refuse or fail fast.
    let config = js("{ endpoint: 'http://127.0.0.1:9', projectId: 'p', auth: { token: 't' }, timeoutMs: 10000 }");
    let error = rejection(wasm::create_hyper_cluster(config, js("{ name: 'ok' }"))).await;
    assert_hyper_cluster_error(&error, "NETWORK");
}

#[wasm_bindgen_test]
async fn client_methods_validate_ids_and_types() {
    let client = wasm::HyperClusterClient::new(js("{ region: 'cn-north-4', projectId: 'p', auth: { token: 't' } }"))
        .expect("valid config");
    let error = rejection(client.get(js("'../x'"), Some(js("{ type: 'gpu' }").unchecked_into()))).await;
    assert_hyper_cluster_error(&error, "VALIDATION");
    let fields: Vec<String> = Array::from(&get(&error, "issues"))
        .iter()
        .map(|i| get(&i, "field").as_string().unwrap())
        .collect();
    assert_eq!(fields, ["id", "type"]);
    assert!(
        wasm::HyperClusterClient::new(js("{ region: 'cn-north-4', projectId: '', auth: { token: 't' } }")).is_err()
    );
}

#[wasm_bindgen_test]
fn sign_request_matches_the_official_vector() {
    let headers = wasm::sign_request(js(r#"{
        method: 'POST',
        url: 'https://modelarts.cn-north-4.myhuaweicloud.com/v1/0123456789abcdef0123456789abcdef/dev-servers/hyper-clusters',
        headers: {
            'Content-Type': 'application/json;charset=utf-8',
            'User-Agent': 'huaweicloud-usdk-python/3.0; test',
            'X-Project-Id': '0123456789abcdef0123456789abcdef',
        },
        body: '{"name": "hc-01", "type": "HPS"}',
        accessKey: 'AKEXAMPLE',
        secretKey: 'SKEXAMPLE',
        date: '20250101T000000Z',
    }"#))
    .expect("signed");
    assert_eq!(
        get(&headers, "Authorization").as_string().unwrap(),
        "SDK-HMAC-SHA256 Access=AKEXAMPLE, SignedHeaders=content-type;host;user-agent;x-project-id;x-sdk-date, Signature=f91b62ea58a004e199e8a95b239c03d7c045686a3f333d7453c41e33f796d306"
    );
    assert!(get(&headers, "Host").is_undefined());
    let error = wasm::sign_request(js(
        "{ method: 'GET', url: '/relative', accessKey: 'AK', secretKey: 'SECRET-SK' }",
    ))
    .expect_err("relative URL");
    assert_hyper_cluster_error(&error, "CONFIG");
    assert!(!get(&error, "message").as_string().unwrap().contains("SECRET"));
}

#[wasm_bindgen_test]
fn regions_are_listed() {
    let regions = Array::from(&wasm::regions());
    assert_eq!(regions.length(), 22);
    assert!(regions.includes(&"ap-southeast-1".into(), 0));
}
