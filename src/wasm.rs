//! The JavaScript API: converts values at the edge and calls the core. No rule lives here.
//!
//! Nothing here panics and nothing throws a non-`Error`: every failure becomes a `HyperClusterError`
//! (see [`to_js_error`]).

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::AbortSignal;

use crate::error::Error;
use crate::fetch::{self, SendOptions};
use crate::model::{CreateHyperCluster, CreateHyperClusterBody, HyperCluster, ProjectId, ServerType};
use crate::region::{Endpoint, REGIONS};
use crate::request::{build_request, sign_external, Auth, ClientConfig, ExternalRequest, Operation, SENSITIVE_HEADERS};
use crate::response::{parse_cluster, parse_cluster_list, parse_deleted};
use crate::sign::{AccessKeyCredentials, SdkDate};
use crate::validate::{self, quoted, CreateHyperClusterInput, FieldIssue, InputValue};

/// The default of `timeoutMs`.
const DEFAULT_TIMEOUT_MS: u32 = 30_000;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

#[wasm_bindgen]
extern "C" {
    /// `{ signal?, timeoutMs? }` (declared in `types.d.ts`); an extern type so the parameter is optional.
    #[wasm_bindgen(typescript_type = "CallOptions")]
    pub type CallOptions;
    /// `{ type?, signal?, timeoutMs? }`.
    #[wasm_bindgen(typescript_type = "TypeOptions")]
    pub type TypeOptions;
}

// ---------------------------------------------------------------------------------------------
// Exports

/// Checks a CreateHyperCluster input against every rule of the API and returns all problems at
/// once. Never throws, whatever `input` is.
#[wasm_bindgen(js_name = validateCreateHyperCluster, unchecked_return_type = "ValidationResult")]
pub fn validate_create_hyper_cluster(
    #[wasm_bindgen(unchecked_param_type = "Partial<CreateHyperClusterInput> | undefined")] input: JsValue,
) -> JsValue {
    let issues = match create_input(&input, &input) {
        Ok(fields) => validate::validate_create(&fields).err().unwrap_or_default(),
        Err(issue) => vec![issue],
    };
    object(&[("valid", issues.is_empty().into()), ("issues", issues_to_js(&issues))])
}

/// Creates a hyper cluster. Invalid input is rejected (code `VALIDATION`) before anything is sent.
#[wasm_bindgen(js_name = createHyperCluster, unchecked_return_type = "Promise<HyperCluster>")]
pub fn create_hyper_cluster(
    #[wasm_bindgen(unchecked_param_type = "ClientConfig")] config: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CreateHyperClusterRequest")] request: JsValue,
) -> js_sys::Promise {
    promise(async move {
        let settings = read_settings(&config)?;
        // Validate the project id with the request, so that every problem is reported at once.
        let valid = validated_create(&request, settings.project_id.clone())?;
        let client = Client::with_project(settings, valid.project_id);
        client.send_create(valid.body, &JsValue::UNDEFINED).await
    })
}

/// A client for the four Hyper Cluster operations, built once from a [`ClientConfig`]-shaped object.
#[wasm_bindgen(js_name = HyperClusterClient)]
pub struct HyperClusterClient {
    client: Client,
}

#[wasm_bindgen(js_class = HyperClusterClient)]
impl HyperClusterClient {
    /// Checks the configuration; throws a `HyperClusterError` (`CONFIG` or `VALIDATION`) if it is
    /// unusable.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ClientConfig")] config: JsValue,
    ) -> Result<HyperClusterClient, JsValue> {
        let client = read_settings(&config)
            .and_then(Client::new)
            .map_err(|e| to_js_error(&e))?;
        Ok(HyperClusterClient { client })
    }

    /// CreateHyperCluster.
    #[wasm_bindgen(unchecked_return_type = "Promise<HyperCluster>")]
    pub fn create(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreateHyperClusterRequest")] request: JsValue,
        options: Option<CallOptions>,
    ) -> js_sys::Promise {
        let client = self.client.clone();
        let options: JsValue = options.map_or(JsValue::UNDEFINED, Into::into);
        promise(async move { client.create(&request, &options).await })
    }

    /// ListHyperCluster: the project's clusters of one type (the service's default type is `HPS`).
    #[wasm_bindgen(unchecked_return_type = "Promise<HyperCluster[]>")]
    pub fn list(&self, options: Option<TypeOptions>) -> js_sys::Promise {
        let client = self.client.clone();
        let options: JsValue = options.map_or(JsValue::UNDEFINED, Into::into);
        promise(async move {
            let server_type = read_type_option(&options)?;
            let (response, signed_at) = client.send(&Operation::List { server_type }, &options).await?;
            let clusters = parse_cluster_list(&response, signed_at)?;
            Ok(clusters.iter().map(cluster_to_js).collect::<Array>().into())
        })
    }

    /// GetHyperCluster (ShowHyperCluster in Huawei's docs).
    #[wasm_bindgen(unchecked_return_type = "Promise<HyperCluster>")]
    pub fn get(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        options: Option<TypeOptions>,
    ) -> js_sys::Promise {
        self.client.call_by_id(
            id,
            options,
            |id, server_type| Operation::Get { id, server_type },
            |response, signed_at| Ok(cluster_to_js(&parse_cluster(response, signed_at)?)),
        )
    }

    /// DeleteHyperCluster; resolves to the service's (untyped) JSON answer.
    #[wasm_bindgen(unchecked_return_type = "Promise<Record<string, unknown>>")]
    pub fn delete(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        options: Option<TypeOptions>,
    ) -> js_sys::Promise {
        self.client.call_by_id(
            id,
            options,
            |id, server_type| Operation::Delete { id, server_type },
            |response, signed_at| {
                let answer = parse_deleted(response, signed_at)?;
                // The core checked that this is JSON, so `JSON.parse` succeeds.
                js_sys::JSON::parse(&answer).map_err(|_| Error::Decode("the answer is not JSON".into()))
            },
        )
    }
}

/// The request `createHyperCluster(config, request)` would send now, for previews: method, URL,
/// headers and body, with every secret (token, security token, signature) masked as `****`.
/// Throws a `HyperClusterError` (`CONFIG` or `VALIDATION`) when the call would be refused.
#[wasm_bindgen(js_name = previewCreateHyperCluster, unchecked_return_type = "RequestPreview")]
pub fn preview_create_hyper_cluster(
    #[wasm_bindgen(unchecked_param_type = "ClientConfig")] config: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CreateHyperClusterRequest")] request: JsValue,
) -> Result<JsValue, JsValue> {
    let preview = || -> Result<JsValue, Error> {
        let settings = read_settings(&config)?;
        let valid = validated_create(&request, settings.project_id.clone())?;
        let client = Client::with_project(settings, valid.project_id);
        let now = SdkDate::from_unix_millis(js_sys::Date::now())?;
        let http = build_request(&client.config, &Operation::Create(valid.body), now);
        let headers: Array = http
            .headers
            .iter()
            .map(|(name, value)| Array::of2(&name.into(), &masked(name, value).into()))
            .collect();
        let preview = object(&[
            ("method", http.method.into()),
            ("url", http.url.as_str().into()),
            ("headers", headers.into()),
        ]);
        if let Some(body) = &http.body {
            set(&preview, "body", body.as_str().into());
        }
        Ok(preview)
    };
    preview().map_err(|e| to_js_error(&e))
}

/// A header value fit for display: secrets become `****`; the signature of `Authorization` too
/// (it would let anyone replay the request for 15 minutes), while its access key and list stay.
fn masked(name: &str, value: &str) -> String {
    const MASK: &str = "****";
    if name.eq_ignore_ascii_case("authorization") {
        return match value.rfind("Signature=") {
            Some(at) => format!("{}{MASK}", &value[..at + "Signature=".len()]),
            None => MASK.to_owned(),
        };
    }
    if SENSITIVE_HEADERS
        .iter()
        .any(|sensitive| name.eq_ignore_ascii_case(sensitive))
    {
        MASK.to_owned()
    } else {
        value.to_owned()
    }
}

/// Signs a request you send yourself (any ModelArts API) with SDK-HMAC-SHA256. Returns the headers
/// to send: yours plus `X-Sdk-Date`, `Authorization` and, when given, `X-Security-Token`. `Host` is
/// signed (from `url`) but not returned: the runtime sets it.
#[wasm_bindgen(js_name = signRequest, unchecked_return_type = "Record<string, string>")]
pub fn sign_request(
    #[wasm_bindgen(unchecked_param_type = "SignRequestInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    sign_request_inner(&input).map_err(|e| to_js_error(&e))
}

/// The region ids that have a known endpoint.
#[wasm_bindgen(unchecked_return_type = "Region[]")]
pub fn regions() -> JsValue {
    REGIONS
        .iter()
        .map(|region| JsValue::from_str(region))
        .collect::<Array>()
        .into()
}

/// Whether `error` is a `HyperClusterError` thrown by this package.
#[wasm_bindgen(js_name = isHyperClusterError, unchecked_return_type = "error is HyperClusterError")]
pub fn is_hyper_cluster_error(#[wasm_bindgen(unchecked_param_type = "unknown")] error: JsValue) -> bool {
    error.is_instance_of::<js_sys::Error>()
        && get(&error, "name").as_string().as_deref() == Some("HyperClusterError")
        && get(&error, "code").is_string()
}

// ---------------------------------------------------------------------------------------------
// The client behind both the function and the class

/// A configuration read from JS, before the project id is validated.
struct Settings {
    endpoint: Endpoint,
    project_id: InputValue,
    auth: Auth,
    timeout_ms: u32,
    signal: Option<AbortSignal>,
}

#[derive(Clone)]
struct Client {
    config: ClientConfig,
    timeout_ms: u32,
    signal: Option<AbortSignal>,
}

impl Client {
    fn new(settings: Settings) -> Result<Client, Error> {
        let project_id: ProjectId = validate::project_id(&settings.project_id).map_err(Error::Validation)?;
        Ok(Client::with_project(settings, project_id))
    }

    fn with_project(settings: Settings, project_id: ProjectId) -> Client {
        Client {
            config: ClientConfig {
                endpoint: settings.endpoint,
                project_id,
                auth: settings.auth,
            },
            timeout_ms: settings.timeout_ms,
            signal: settings.signal,
        }
    }

    async fn create(&self, request: &JsValue, options: &JsValue) -> Result<JsValue, Error> {
        let project_id = InputValue::Text(self.config.project_id.to_string());
        let valid = validated_create(request, project_id)?;
        self.send_create(valid.body, options).await
    }

    /// Get and delete: checks `id` and `options` (before anything is sent), sends, reads the answer.
    fn call_by_id(
        &self,
        id: JsValue,
        options: Option<TypeOptions>,
        operation: fn(crate::ClusterId, Option<ServerType>) -> Operation,
        read: fn(&crate::HttpResponse, Option<SdkDate>) -> Result<JsValue, Error>,
    ) -> js_sys::Promise {
        let client = self.clone();
        let options: JsValue = options.map_or(JsValue::UNDEFINED, Into::into);
        promise(async move {
            let operation = by_id(&id, &options, operation)?;
            let (response, signed_at) = client.send(&operation, &options).await?;
            read(&response, signed_at)
        })
    }

    async fn send_create(&self, body: CreateHyperClusterBody, options: &JsValue) -> Result<JsValue, Error> {
        let (response, signed_at) = self.send(&Operation::Create(body), options).await?;
        Ok(cluster_to_js(&parse_cluster(&response, signed_at)?))
    }

    /// Builds (signing with the current time), sends, and returns the answer with the signing date.
    async fn send(
        &self,
        operation: &Operation,
        options: &JsValue,
    ) -> Result<(crate::HttpResponse, Option<SdkDate>), Error> {
        let timeout_ms = match read_field(options, "timeoutMs") {
            JsField::Absent => self.timeout_ms,
            JsField::Value(value) => timeout(&value, "options.timeoutMs")?,
        };
        let mut signals: Vec<AbortSignal> = self.signal.iter().cloned().collect();
        if let JsField::Value(value) = read_field(options, "signal") {
            signals.push(abort_signal(value, "options.signal")?);
        }
        let now = SdkDate::from_unix_millis(js_sys::Date::now())?;
        let request = build_request(&self.config, operation, now);
        let response = fetch::send(&request, SendOptions { timeout_ms, signals }).await?;
        let signed_at = matches!(self.config.auth, Auth::AccessKey(_)).then_some(now);
        Ok((response, signed_at))
    }
}

// ---------------------------------------------------------------------------------------------
// Reading JS values

/// A property that is `undefined`/`null`, or anything else.
enum JsField {
    Absent,
    Value(JsValue),
}

fn get(object: &JsValue, key: &str) -> JsValue {
    // A throwing getter or a Proxy trap reads as `undefined` rather than escaping as an exception.
    if object.is_object() || object.is_function() {
        Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

fn read_field(object: &JsValue, key: &str) -> JsField {
    let value = get(object, key);
    if value.is_undefined() || value.is_null() {
        JsField::Absent
    } else {
        JsField::Value(value)
    }
}

fn input_value(value: &JsValue) -> InputValue {
    if value.is_undefined() {
        InputValue::Missing
    } else if value.is_null() {
        InputValue::Null
    } else if let Some(text) = value.as_string() {
        InputValue::Text(text)
    } else {
        InputValue::Other(kind_of(value))
    }
}

fn kind_of(value: &JsValue) -> &'static str {
    if value.is_undefined() {
        return "undefined";
    }
    if value.is_null() {
        return "null";
    }
    if Array::is_array(value) {
        return "array";
    }
    match value.js_typeof().as_string().as_deref() {
        Some("string") => "string",
        Some("number") => "number",
        Some("boolean") => "boolean",
        Some("bigint") => "bigint",
        Some("symbol") => "symbol",
        Some("function") => "function",
        _ => "object",
    }
}

fn is_plain_object(value: &JsValue) -> bool {
    value.is_object() && !Array::is_array(value)
}

/// Reads the create fields; `project_source` is where `projectId` comes from (the same object for
/// `validateCreateHyperCluster`, nothing for a client that already has one).
fn create_input(request: &JsValue, project_source: &JsValue) -> Result<CreateHyperClusterInput, FieldIssue> {
    if !is_plain_object(request) {
        return Err(validate::not_an_object(kind_of(request)));
    }
    Ok(CreateHyperClusterInput {
        project_id: input_value(&get(project_source, "projectId")),
        name: input_value(&get(request, "name")),
        hyper_cluster_subnet_id: input_value(&get(request, "hyperClusterSubnetId")),
        server_type: input_value(&get(request, "type")),
    })
}

/// Validates a create request object together with the project id it will go to.
fn validated_create(request: &JsValue, project_id: InputValue) -> Result<CreateHyperCluster, Error> {
    match create_input(request, &JsValue::UNDEFINED) {
        Ok(fields) => {
            validate::validate_create(&CreateHyperClusterInput { project_id, ..fields }).map_err(Error::Validation)
        }
        Err(not_an_object) => {
            let mut issues = validate::project_id(&project_id).err().unwrap_or_default();
            issues.push(not_an_object);
            Err(Error::Validation(issues))
        }
    }
}

fn read_type_option(options: &JsValue) -> Result<Option<ServerType>, Error> {
    if !options.is_undefined() && !options.is_null() && !is_plain_object(options) {
        return Err(Error::Config(format!(
            "options must be an object (got {})",
            kind_of(options)
        )));
    }
    validate::server_type(&input_value(&get(options, "type"))).map_err(Error::Validation)
}

fn by_id(
    id: &JsValue,
    options: &JsValue,
    operation: impl FnOnce(crate::ClusterId, Option<ServerType>) -> Operation,
) -> Result<Operation, Error> {
    let mut issues = Vec::new();
    let id = validate::cluster_id(&input_value(id))
        .map_err(|found| issues.extend(found))
        .ok();
    let server_type = match read_type_option(options) {
        Ok(server_type) => server_type,
        Err(Error::Validation(found)) => {
            issues.extend(found);
            None
        }
        Err(other) => return Err(other),
    };
    match id {
        Some(id) if issues.is_empty() => Ok(operation(id, server_type)),
        _ => Err(Error::Validation(issues)),
    }
}

fn config_error(message: impl Into<String>) -> Error {
    Error::Config(message.into())
}

/// A string property, or `None` when it is `undefined` or `null`. The error names the property
/// (`{prefix}{key}`) and the type found, never the value: some of these are secrets.
fn optional_string(object: &JsValue, key: &str, prefix: &str) -> Result<Option<String>, Error> {
    match read_field(object, key) {
        JsField::Absent => Ok(None),
        JsField::Value(value) => value
            .as_string()
            .map(Some)
            .ok_or_else(|| config_error(format!("{prefix}{key} must be a string (got {})", kind_of(&value)))),
    }
}

fn read_settings(config: &JsValue) -> Result<Settings, Error> {
    if !is_plain_object(config) {
        return Err(config_error(format!(
            "config must be an object {{ region | endpoint, projectId, auth, timeoutMs?, signal? }} (got {})",
            kind_of(config)
        )));
    }
    let text = |key: &str| optional_string(config, key, "");
    let endpoint = match (text("region")?, text("endpoint")?) {
        (Some(_), Some(_)) => return Err(config_error("give either region or endpoint, not both")),
        (Some(region), None) => Endpoint::for_region(&region)?,
        (None, Some(endpoint)) => Endpoint::parse(&endpoint)?,
        (None, None) => {
            return Err(config_error(
                "config needs a region (e.g. \"cn-north-4\") or an endpoint URL (e.g. \"http://127.0.0.1:8080\" for the emulator)",
            ))
        }
    };
    let auth = read_auth(&get(config, "auth"))?;
    let timeout_ms = match read_field(config, "timeoutMs") {
        JsField::Absent => DEFAULT_TIMEOUT_MS,
        JsField::Value(value) => timeout(&value, "timeoutMs")?,
    };
    let signal = match read_field(config, "signal") {
        JsField::Absent => None,
        JsField::Value(value) => Some(abort_signal(value, "signal")?),
    };
    Ok(Settings {
        endpoint,
        project_id: input_value(&get(config, "projectId")),
        auth,
        timeout_ms,
        signal,
    })
}

fn read_auth(auth: &JsValue) -> Result<Auth, Error> {
    const SHAPE: &str = "auth must be { token } or { accessKey, secretKey, securityToken? }";
    if !is_plain_object(auth) {
        return Err(config_error(format!("{SHAPE} (got {})", kind_of(auth))));
    }
    let secret = |key: &str| optional_string(auth, key, "auth.");
    let token = secret("token")?;
    let access_key = secret("accessKey")?;
    let secret_key = secret("secretKey")?;
    let security_token = secret("securityToken")?;
    match (token, access_key, secret_key) {
        (Some(_), Some(_), _) | (Some(_), _, Some(_)) => Err(config_error(format!("{SHAPE}, not both"))),
        (Some(token), None, None) if security_token.is_none() => Auth::token(token),
        (Some(_), None, None) => Err(config_error(
            "auth.securityToken goes with accessKey and secretKey, not with token",
        )),
        (None, Some(access_key), Some(secret_key)) => {
            AccessKeyCredentials::new(access_key, secret_key, security_token).map(Auth::AccessKey)
        }
        (None, Some(_), None) => Err(config_error("auth.secretKey is missing")),
        (None, None, Some(_)) => Err(config_error("auth.accessKey is missing")),
        (None, None, None) => Err(config_error(SHAPE)),
    }
}

fn timeout(value: &JsValue, name: &str) -> Result<u32, Error> {
    const MAX: f64 = 2_147_483_647.0; // setTimeout's limit
    match value.as_f64() {
        // Exact: the value is a whole number within u32's range.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Some(ms) if ms.fract() == 0.0 && (1.0..=MAX).contains(&ms) => Ok(ms as u32),
        _ => Err(config_error(format!(
            "{name} must be a whole number of milliseconds from 1 to 2147483647"
        ))),
    }
}

fn abort_signal(value: JsValue, name: &str) -> Result<AbortSignal, Error> {
    let kind = kind_of(&value);
    value
        .dyn_into::<AbortSignal>()
        .map_err(|_| config_error(format!("{name} must be an AbortSignal (got {kind})")))
}

fn sign_request_inner(input: &JsValue) -> Result<JsValue, Error> {
    if !is_plain_object(input) {
        return Err(config_error(format!(
            "signRequest takes {{ method, url, headers?, body?, accessKey, secretKey, securityToken?, date? }} (got {})",
            kind_of(input)
        )));
    }
    let text = |key: &str| optional_string(input, key, "");
    let method = text("method")?.ok_or_else(|| config_error("method is required"))?;
    let url = text("url")?.ok_or_else(|| config_error("url is required (an absolute http or https URL)"))?;
    let body = text("body")?.unwrap_or_default();
    let credentials = AccessKeyCredentials::new(
        text("accessKey")?.unwrap_or_default(),
        text("secretKey")?.unwrap_or_default(),
        text("securityToken")?,
    )?;
    let date = match text("date")? {
        Some(date) => SdkDate::parse(&date)?,
        None => SdkDate::from_unix_millis(js_sys::Date::now())?,
    };
    let mut headers = Vec::new();
    match read_field(input, "headers") {
        JsField::Absent => {}
        JsField::Value(object) if is_plain_object(&object) => {
            for entry in Object::entries(object.unchecked_ref()).iter() {
                let pair: Array = entry.unchecked_into();
                let name = pair.get(0).as_string().unwrap_or_default();
                let value = pair.get(1);
                let value = value.as_string().ok_or_else(|| {
                    config_error(format!(
                        "header {} must have a string value (got {})",
                        quoted(&name),
                        kind_of(&value)
                    ))
                })?;
                headers.push((name, value));
            }
        }
        JsField::Value(other) => {
            return Err(config_error(format!(
                "headers must be an object of strings (got {})",
                kind_of(&other)
            )))
        }
    }
    let request = ExternalRequest {
        method: &method,
        url: &url,
        headers,
        body: body.as_bytes(),
    };
    let signed = sign_external(&request, &credentials, date)?;
    let out = object(&[]);
    for (name, value) in signed {
        set(&out, &name, value.into());
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Writing JS values

// Built by hand with `Reflect::set` rather than serde-wasm-bindgen: four small shapes, and the
// serde machinery cost more bytes than these few lines.

fn set(object: &JsValue, key: &str, value: JsValue) {
    // Defining a property on a fresh plain object or Error cannot fail.
    let _ = Reflect::set(object, &JsValue::from_str(key), &value);
}

fn object(entries: &[(&str, JsValue)]) -> JsValue {
    let object: JsValue = Object::new().into();
    for (key, value) in entries {
        set(&object, key, value.clone());
    }
    object
}

/// `{ field, param, code, message }[]`.
fn issues_to_js(issues: &[FieldIssue]) -> JsValue {
    let issue_to_js = |issue: &FieldIssue| {
        object(&[
            ("field", issue.field.into()),
            ("param", issue.param.into()),
            ("code", issue.code.as_str().into()),
            ("message", issue.message.as_str().into()),
        ])
    };
    issues.iter().map(issue_to_js).collect::<Array>().into()
}

/// `{ id, name, networkInfo: [{ hyperClusterSubnetId, isDefault }] }`.
fn cluster_to_js(cluster: &HyperCluster) -> JsValue {
    let networks: Array = cluster
        .network_info
        .iter()
        .map(|network| {
            object(&[
                ("hyperClusterSubnetId", network.hyper_cluster_subnet_id.as_str().into()),
                ("isDefault", network.is_default.into()),
            ])
        })
        .collect();
    object(&[
        ("id", cluster.id.as_str().into()),
        ("name", cluster.name.as_str().into()),
        ("networkInfo", networks.into()),
    ])
}

fn promise(future: impl std::future::Future<Output = Result<JsValue, Error>> + 'static) -> js_sys::Promise {
    wasm_bindgen_futures::future_to_promise(async move { future.await.map_err(|e| to_js_error(&e)) })
}

/// A real JS `Error` named `HyperClusterError`, with a stable `code` and the details as properties.
fn to_js_error(error: &Error) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    js.set_name("HyperClusterError");
    let js: JsValue = js.into();
    let set = |key: &str, value: JsValue| set(&js, key, value);
    set("code", error.code().into());
    match error {
        Error::Validation(issues) => set("issues", issues_to_js(issues)),
        Error::Api(api) => {
            set("status", api.status.into());
            let optional = [
                ("errorCode", &api.error_code),
                ("errorMsg", &api.error_msg),
                ("requestId", &api.request_id),
                ("encodedAuthorizationMessage", &api.encoded_authorization_message),
                ("hint", &api.hint),
            ];
            for (key, value) in optional {
                if let Some(value) = value {
                    set(key, value.into());
                }
            }
        }
        Error::Timeout { after_ms } => set("timeoutMs", (*after_ms).into()),
        Error::Config(_) | Error::Network(_) | Error::Aborted | Error::Decode(_) => {}
    }
    js
}
