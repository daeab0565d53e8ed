//! The four Hyper Cluster operations at their real paths, behind the gateway's authentication.
//!
//! Order of checks, as a request meets them: unknown path (404) or method (405), body size (413),
//! authentication (401), Content-Type and JSON (400), the crate's field rules (400), then the
//! operation (404 for an unknown cluster).

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use modelarts_hyper_cluster::sign::percent_decode;
use modelarts_hyper_cluster::validate::{self, FieldIssue, InputValue};
use modelarts_hyper_cluster::{validate_create, SdkDate, ServerType};
use serde_json::Value;

use crate::auth::{header_text, Credentials, SignedParts};
use crate::error::{self, json_ok, Failure};
use crate::random;
use crate::store::{Cluster, Network, Store};
use crate::web;

/// The largest request body accepted, in bytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// Bodies up to this size are read to the end before a 413, so the client gets the answer rather
/// than a connection reset; larger ones are refused from their `Content-Length` alone.
const DRAIN_LIMIT: usize = 1024 * 1024;

/// ListHyperCluster and CreateHyperCluster.
pub const COLLECTION: &str = "/v1/{project_id}/dev-servers/hyper-clusters";
/// GetHyperCluster and DeleteHyperCluster.
pub const ITEM: &str = "/v1/{project_id}/dev-servers/hyper-clusters/{id}";

/// Everything the handlers share.
#[derive(Debug)]
pub struct App {
    /// The clusters.
    pub store: Store,
    /// Accepted credentials.
    pub credentials: Credentials,
    /// The console's folder, served at `/`.
    pub www: std::path::PathBuf,
    /// The web package's folder, served at `/pkg/`.
    pub pkg: std::path::PathBuf,
    /// No access log.
    pub quiet: bool,
}

/// The shared state handlers receive.
pub type Shared = Arc<App>;

/// The whole HTTP surface: the API under `/v1/`, static files everywhere else.
pub fn router(app: Shared) -> Router {
    let authenticated = |routes: MethodRouter<Shared>, allow: &'static str| {
        routes
            .route_layer(middleware::from_fn_with_state(app.clone(), authenticate))
            .fallback(move |method: Method| async move { Failure::method_not_allowed(method.as_str(), allow) })
    };
    Router::new()
        .route(COLLECTION, authenticated(post(create).get(list), "GET, POST"))
        .route(ITEM, authenticated(get(show).delete(remove), "GET, DELETE"))
        .fallback(web::static_files)
        .layer(middleware::from_fn_with_state(app.clone(), web::edge))
        .with_state(app)
}

/// The current time as the signature checks read it.
fn now() -> Option<SdkDate> {
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_millis();
    // Milliseconds since 1970 fit an f64 exactly until the year 287,396.
    #[allow(clippy::cast_precision_loss)]
    SdkDate::from_unix_millis(millis as f64).ok()
}

/// Reads the body (413 past [`MAX_BODY_BYTES`]), checks the credentials (401) and the
/// `X-Project-Id` header, then hands the request on with its body.
async fn authenticate(State(app): State<Shared>, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let bytes = match read_body(&parts.headers, body).await {
        Ok(bytes) => bytes,
        Err(failure) => return failure.into_response(),
    };
    let Some(now) = now() else {
        return Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            error::INTERNAL,
            "the emulator's clock is not between 1970 and 9999",
        )
        .into_response();
    };
    let signed = SignedParts {
        method: parts.method.as_str(),
        path: parts.uri.path(),
        query: parts.uri.query().unwrap_or(""),
        headers: &parts.headers,
        body: &bytes,
    };
    if let Err(denied) = app.credentials.verify(&signed, now) {
        let failure = Failure::unauthorized(denied.message);
        return match denied.log_note {
            Some(note) => failure.with_log_note(note),
            None => failure,
        }
        .into_response();
    }
    if let Some(sent) = header_text(&parts.headers, "x-project-id") {
        let in_path = parts
            .uri
            .path()
            .split('/')
            .nth(2)
            .map(percent_decode)
            .unwrap_or_default();
        if sent != in_path {
            return Failure::unauthorized(format!(
                "X-Project-Id {sent} does not match the project {in_path} in the path"
            ))
            .into_response();
        }
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

async fn read_body(headers: &HeaderMap, body: Body) -> Result<Bytes, Failure> {
    let too_large = || {
        Failure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            error::BODY_TOO_LARGE,
            format!("The request body is larger than {MAX_BODY_BYTES} bytes"),
        )
    };
    let declared = header_text(headers, "content-length").and_then(|text| text.parse::<u64>().ok());
    if declared.is_some_and(|length| length > DRAIN_LIMIT as u64) {
        return Err(too_large());
    }
    match Limited::new(body, DRAIN_LIMIT).collect().await {
        Ok(collected) => {
            let bytes = collected.to_bytes();
            if bytes.len() > MAX_BODY_BYTES {
                Err(too_large())
            } else {
                Ok(bytes)
            }
        }
        Err(error) if error.downcast_ref::<LengthLimitError>().is_some() => Err(too_large()),
        Err(error) => Err(Failure::new(
            StatusCode::BAD_REQUEST,
            error::MALFORMED_JSON,
            format!("The request body could not be read: {error}"),
        )),
    }
}

/// A path whose segments are not UTF-8 once decoded.
fn bad_path(rejection: &PathRejection) -> Failure {
    Failure::new(
        StatusCode::BAD_REQUEST,
        error::INVALID_PARAMETER,
        format!("Invalid parameter: the path cannot be read ({rejection})"),
    )
}

/// The `type` query parameter as given (the first one when repeated).
fn query_type(uri: &Uri) -> InputValue {
    uri.query()
        .unwrap_or("")
        .split('&')
        .filter_map(|piece| {
            let (key, value) = piece.split_once('=').unwrap_or((piece, ""));
            (percent_decode(key) == "type").then(|| InputValue::Text(percent_decode(value)))
        })
        .next()
        .unwrap_or(InputValue::Missing)
}

/// Validates the project, the `type` query (default `HPS`) and, for get and delete, the id, with
/// the crate's rules; every problem at once.
fn read_target(project_id: &str, id: Option<&str>, uri: &Uri) -> Result<(String, Option<String>, ServerType), Failure> {
    let mut issues: Vec<FieldIssue> = Vec::new();
    let project = validate::project_id(&InputValue::Text(project_id.to_owned()))
        .map_err(|found| issues.extend(found))
        .ok();
    let id = match id {
        Some(id) => validate::cluster_id(&InputValue::Text(id.to_owned()))
            .map_err(|found| issues.extend(found))
            .ok()
            .map(|id| Some(id.as_str().to_owned())),
        None => Some(None),
    };
    let server_type = validate::server_type(&query_type(uri))
        .map_err(|found| issues.extend(found))
        .ok();
    match (project, id, server_type) {
        (Some(project), Some(id), Some(server_type)) if issues.is_empty() => {
            Ok((project.as_str().to_owned(), id, server_type.unwrap_or(ServerType::Hps)))
        }
        _ => Err(Failure::invalid(&issues)),
    }
}

fn not_found(id: &str, project_id: &str, server_type: ServerType) -> Failure {
    Failure::new(
        StatusCode::NOT_FOUND,
        error::CLUSTER_NOT_FOUND,
        format!(
            "Hyper cluster {id} does not exist in project {project_id} with type {}",
            server_type.as_str()
        ),
    )
}

fn state_write_failed(error: &std::io::Error) -> Failure {
    Failure::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        error::INTERNAL,
        format!("The state file could not be written, nothing was changed: {error}"),
    )
}

/// Runs a store change off the async threads: it may fsync a file.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, Failure> {
    tokio::task::spawn_blocking(work).await.map_err(|error| {
        Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            error::INTERNAL,
            format!("The change failed: {error}"),
        )
    })
}

/// `POST /v1/{project_id}/dev-servers/hyper-clusters`.
async fn create(
    State(app): State<Shared>,
    project: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Failure> {
    let Path(project_id) = project.map_err(|rejection| bad_path(&rejection))?;
    let content_type = header_text(&headers, header::CONTENT_TYPE.as_str()).unwrap_or_default();
    if !content_type.to_ascii_lowercase().starts_with("application/json") {
        return Err(Failure::new(
            StatusCode::BAD_REQUEST,
            error::UNSUPPORTED_CONTENT_TYPE,
            format!(
                "Content-Type must be application/json (got {})",
                if content_type.is_empty() { "none" } else { &content_type }
            ),
        ));
    }
    let json = modelarts_hyper_cluster::json::parse(&body).map_err(|why| {
        Failure::new(
            StatusCode::BAD_REQUEST,
            error::MALFORMED_JSON,
            format!("The request body is not valid JSON: {why}"),
        )
    })?;
    let input = validate::create_input_from_json(&project_id, &json).map_err(|issue| Failure::invalid(&[issue]))?;
    let valid = validate_create(&input).map_err(|issues| Failure::invalid(&issues))?;

    let cluster = Cluster {
        project_id: valid.project_id.as_str().to_owned(),
        id: random::uuid_v4(),
        name: valid.body.name,
        server_type: valid.body.server_type.unwrap_or(ServerType::Hps),
        network_info: vec![Network {
            hyper_cluster_subnet_id: valid.body.hyper_cluster_subnet_id.unwrap_or_else(random::uuid_v4),
            is_default: true,
        }],
    };
    let wire = cluster.to_wire();
    let shared = app.clone();
    blocking(move || shared.store.create(cluster))
        .await?
        .map_err(|error| state_write_failed(&error))?;
    Ok(json_ok(&wire))
}

/// `GET /v1/{project_id}/dev-servers/hyper-clusters?type=`.
async fn list(
    State(app): State<Shared>,
    project: Result<Path<String>, PathRejection>,
    uri: Uri,
) -> Result<Response, Failure> {
    let Path(project_id) = project.map_err(|rejection| bad_path(&rejection))?;
    let (project_id, _, server_type) = read_target(&project_id, None, &uri)?;
    let clusters: Vec<Value> = app
        .store
        .list(&project_id, server_type)
        .iter()
        .map(Cluster::to_wire)
        .collect();
    Ok(json_ok(&serde_json::json!({ "hyper_clusters": clusters })))
}

/// `GET /v1/{project_id}/dev-servers/hyper-clusters/{id}?type=`.
async fn show(
    State(app): State<Shared>,
    path: Result<Path<(String, String)>, PathRejection>,
    uri: Uri,
) -> Result<Response, Failure> {
    let Path((project_id, id)) = path.map_err(|rejection| bad_path(&rejection))?;
    let (project_id, id, server_type) = read_target(&project_id, Some(&id), &uri)?;
    let id = id.unwrap_or_default();
    match app.store.get(&project_id, &id, server_type) {
        Some(cluster) => Ok(json_ok(&cluster.to_wire())),
        None => Err(not_found(&id, &project_id, server_type)),
    }
}

/// `DELETE /v1/{project_id}/dev-servers/hyper-clusters/{id}?type=`: answers with the deleted
/// cluster (the API documents an untyped object).
async fn remove(
    State(app): State<Shared>,
    path: Result<Path<(String, String)>, PathRejection>,
    uri: Uri,
) -> Result<Response, Failure> {
    let Path((project_id, id)) = path.map_err(|rejection| bad_path(&rejection))?;
    let (project_id, id, server_type) = read_target(&project_id, Some(&id), &uri)?;
    let id = id.unwrap_or_default();
    let (shared, project, key) = (app.clone(), project_id.clone(), id.clone());
    match blocking(move || shared.store.delete(&project, &key, server_type))
        .await?
        .map_err(|error| state_write_failed(&error))?
    {
        Some(cluster) => Ok(json_ok(&cluster.to_wire())),
        None => Err(not_found(&id, &project_id, server_type)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_type_query_is_read_decoded() {
        let uri = |text: &str| text.parse::<Uri>().unwrap();
        assert_eq!(query_type(&uri("/x")), InputValue::Missing);
        assert_eq!(query_type(&uri("/x?a=1&type=ECS")), InputValue::Text("ECS".into()));
        assert_eq!(query_type(&uri("/x?t%79pe=%45CS")), InputValue::Text("ECS".into()));
        assert_eq!(query_type(&uri("/x?type")), InputValue::Text(String::new()));
        assert_eq!(query_type(&uri("/x?type=HPS&type=ECS")), InputValue::Text("HPS".into()));
    }

    #[test]
    fn targets_report_every_problem() {
        let uri: Uri = "/x?type=hps".parse().unwrap();
        let failure = read_target("a_b", Some("nope"), &uri).unwrap_err();
        assert_eq!(failure.code, error::INVALID_PARAMETER);
        for param in ["project_id ", "id ", "type "] {
            assert!(failure.message.contains(param), "{}", failure.message);
        }
        let ok = read_target("p", None, &"/x".parse().unwrap()).unwrap();
        assert_eq!(ok, ("p".to_owned(), None, ServerType::Hps));
    }
}
