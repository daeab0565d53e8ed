//! What every response shares (request id, CORS, the access log) and the static files: the console
//! (`www/`) at `/` and the built web package (`pkg/`) at `/pkg/`, on the API's own origin so the page
//! needs no setup.

use std::path::{Path, PathBuf};

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use modelarts_hyper_cluster::sign::percent_decode;

use crate::api::Shared;
use crate::error::{Failure, LogNote};
use crate::random;

/// The request headers the client libraries send (the official SDKs and this crate's wasm client).
pub const ALLOWED_HEADERS: &str =
    "Content-Type, X-Auth-Token, X-Project-Id, X-Sdk-Date, X-Security-Token, Authorization, X-Sdk-Content-Sha256";
/// The methods the API takes.
pub const ALLOWED_METHODS: &str = "GET, POST, DELETE, OPTIONS";

/// Outermost layer: answers CORS preflights, stamps `X-Request-Id` and the CORS headers on every
/// response, and writes the access log line.
pub async fn edge(State(app): State<Shared>, request: Request, next: Next) -> Response {
    let request_id = random::request_id();
    let method = request.method().clone();
    let target = request
        .uri()
        .path_and_query()
        .map_or_else(|| "/".to_owned(), ToString::to_string);
    let mut response = if method == Method::OPTIONS {
        preflight(request.headers())
    } else {
        next.run(request).await
    };
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        headers.insert(HeaderName::from_static("x-request-id"), value);
    }
    // Credentials travel in headers, never cookies, so any origin may call.
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("X-Request-Id, Date"),
    );
    if !app.quiet {
        let note = response
            .extensions()
            .get::<LogNote>()
            .map(|note| format!(" {}", note.0))
            .unwrap_or_default();
        eprintln!("{method} {target} {} {request_id}{note}", response.status().as_u16());
    }
    response
}

/// `OPTIONS` on any path: the methods and headers the clients use, cached for 10 minutes.
fn preflight(request: &HeaderMap) -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    let headers = response.headers_mut();
    headers.insert(header::ALLOW, HeaderValue::from_static(ALLOWED_METHODS));
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static(ALLOWED_METHODS),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static(ALLOWED_HEADERS),
    );
    headers.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
    // Chromium asks before a public page may call a loopback address (Private Network Access).
    if request
        .get("access-control-request-private-network")
        .is_some_and(|value| value == "true")
    {
        headers.insert(
            HeaderName::from_static("access-control-allow-private-network"),
            HeaderValue::from_static("true"),
        );
    }
    response
}

/// Unknown APIs under `/v1`, and `GET`/`HEAD` of a file under `--www` (at `/`) or `--pkg` (at `/pkg/`).
pub async fn static_files(State(app): State<Shared>, method: Method, uri: Uri) -> Response {
    let path = uri.path();
    // Anything under /v1 that no API route took is an unknown API, never a file.
    if path == "/v1" || path.starts_with("/v1/") {
        return Failure::not_found(path).into_response();
    }
    if method != Method::GET && method != Method::HEAD {
        return Failure::method_not_allowed(method.as_str(), "GET, HEAD").into_response();
    }
    let (root, rest) = match path.strip_prefix("/pkg/") {
        Some(rest) => (&app.pkg, rest),
        None => (&app.www, path),
    };
    let Some(mut file) = resolve(root, rest) else {
        return Failure::not_found(path).into_response();
    };
    if file.is_dir() {
        if !path.ends_with('/') {
            // Relative links in an index page need the trailing slash.
            let location = format!("{path}/");
            return (StatusCode::PERMANENT_REDIRECT, [(header::LOCATION, location)]).into_response();
        }
        file.push("index.html");
    }
    let content_type = content_type(&file);
    match tokio::task::spawn_blocking(move || std::fs::read(&file)).await {
        Ok(Ok(bytes)) => (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, content_type),
                // A development server: always serve what is on disk now.
                (header::CACHE_CONTROL, "no-cache"),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            ],
            bytes,
        )
            .into_response(),
        _ => Failure::not_found(path).into_response(),
    }
}

/// Maps a URL path onto a file under `root`; `None` for `..`, hidden names and other escapes.
fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path);
    let mut file = root.to_path_buf();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment.starts_with('.') || segment.contains(['\\', '\0', ':']) {
            return None;
        }
        file.push(segment);
    }
    Some(file)
}

fn content_type(file: &Path) -> &'static str {
    let extension = file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" | "md" | "ts" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_leave_the_root() {
        let root = Path::new("/srv/www");
        assert_eq!(resolve(root, "/"), Some(PathBuf::from("/srv/www")));
        assert_eq!(resolve(root, "/a/b.js"), Some(PathBuf::from("/srv/www/a/b.js")));
        assert_eq!(resolve(root, "/a%20b.js"), Some(PathBuf::from("/srv/www/a b.js")));
        for escape in [
            "/../etc/passwd",
            "/%2e%2e/x",
            "/a/..%2Fb",
            "/.git/config",
            "/a%5C..%5Cb",
            "/a%00",
        ] {
            assert_eq!(resolve(root, escape), None, "{escape}");
        }
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type(Path::new("x.wasm")), "application/wasm");
        assert_eq!(content_type(Path::new("x.JS")), "text/javascript; charset=utf-8");
        assert_eq!(content_type(Path::new("index.html")), "text/html; charset=utf-8");
        assert_eq!(content_type(Path::new("x")), "application/octet-stream");
    }
}
