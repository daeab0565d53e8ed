//! The emulator's error answers: `{"error_code": "...", "error_msg": "..."}` with a stable code per
//! kind of failure. The codes are listed in `emulator/README.md`; tests and clients branch on them,
//! so a code never changes meaning.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use modelarts_hyper_cluster::FieldIssue;

/// 400: a field breaks one of the API's rules (the message names every field that does).
pub const INVALID_PARAMETER: &str = "ModelArts.4001";
/// 400: the body is not JSON.
pub const MALFORMED_JSON: &str = "ModelArts.4002";
/// 400: CreateHyperCluster without a JSON `Content-Type`.
pub const UNSUPPORTED_CONTENT_TYPE: &str = "ModelArts.4003";
/// 404: no hyper cluster with that id (in that project, of that type).
pub const CLUSTER_NOT_FOUND: &str = "ModelArts.4040";
/// 404: no API and no file at that path.
pub const NOT_FOUND: &str = "ModelArts.4041";
/// 405: the path exists, the method does not.
pub const METHOD_NOT_ALLOWED: &str = "ModelArts.4050";
/// 413: the body is larger than [`crate::api::MAX_BODY_BYTES`].
pub const BODY_TOO_LARGE: &str = "ModelArts.4130";
/// 500: the state file could not be written; nothing was changed.
pub const INTERNAL: &str = "ModelArts.5000";
/// 401: the gateway's code for every authentication failure.
pub const AUTH_FAILED: &str = "APIGW.0301";

/// A failed request, turned into the API's error body.
#[derive(Debug)]
pub struct Failure {
    /// The HTTP status.
    pub status: StatusCode,
    /// One of the codes above.
    pub code: &'static str,
    /// What went wrong, in words, naming the field when there is one.
    pub message: String,
    /// The `Allow` header of a 405.
    pub allow: Option<&'static str>,
    /// Detail for the emulator's own log only (a signature's canonical request, say).
    pub log_note: Option<String>,
}

impl Failure {
    /// A failure without an `Allow` header or log note.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Failure {
        Failure {
            status,
            code,
            message: message.into(),
            allow: None,
            log_note: None,
        }
    }

    /// 400 for field issues found by the crate's rules: one sentence per issue, each starting with
    /// the API's name of the parameter (`hyper_cluster_subnet_id must be ...`).
    pub fn invalid(issues: &[FieldIssue]) -> Failure {
        let details: Vec<String> = issues
            .iter()
            .map(|issue| format!("{} {}", issue.param, issue.message))
            .collect();
        Failure::new(
            StatusCode::BAD_REQUEST,
            INVALID_PARAMETER,
            format!("Invalid parameter: {}", details.join("; ")),
        )
    }

    /// 401 with the gateway's code.
    pub fn unauthorized(message: impl Into<String>) -> Failure {
        Failure::new(
            StatusCode::UNAUTHORIZED,
            AUTH_FAILED,
            format!("Incorrect IAM authentication information: {}", message.into()),
        )
    }

    /// 404 for a path that is neither an API nor a file.
    pub fn not_found(path: &str) -> Failure {
        Failure::new(StatusCode::NOT_FOUND, NOT_FOUND, format!("No API or file at {path}"))
    }

    /// 405 naming the methods that path takes.
    pub fn method_not_allowed(method: &str, allow: &'static str) -> Failure {
        Failure {
            allow: Some(allow),
            ..Failure::new(
                StatusCode::METHOD_NOT_ALLOWED,
                METHOD_NOT_ALLOWED,
                format!("Method {method} is not allowed here; allowed: {allow}"),
            )
        }
    }

    /// Adds detail for the log (never sent to the client).
    pub fn with_log_note(mut self, note: String) -> Failure {
        self.log_note = Some(note);
        self
    }
}

/// What the access log prints after the status line, put in the response's extensions.
#[derive(Debug, Clone)]
pub struct LogNote(pub String);

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error_code": self.code, "error_msg": self.message });
        let mut response = (self.status, json_body(&body)).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
        if let Some(allow) = self.allow {
            headers.insert(header::ALLOW, HeaderValue::from_static(allow));
        }
        let note = match self.log_note {
            Some(note) => format!("{} {}; {note}", self.code, self.message),
            None => format!("{} {}", self.code, self.message),
        };
        response.extensions_mut().insert(LogNote(note));
        response
    }
}

/// A JSON value as a body. `serde_json::Value` always serializes.
pub fn json_body(value: &serde_json::Value) -> String {
    value.to_string()
}

/// A 200 answer with a JSON body.
pub fn json_ok(value: &serde_json::Value) -> Response {
    let mut response = (StatusCode::OK, json_body(value)).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}
