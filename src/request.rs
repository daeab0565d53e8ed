//! Operations -> HTTP requests, without sending anything. The transport (`fetch.rs` in wasm, any
//! HTTP client natively) sends what [`build_request`] returns, exactly.

use crate::error::Error;
use crate::model::{ClusterId, CreateHyperClusterBody, ProjectId, ServerType};
use crate::region::Endpoint;
use crate::sign::{self, AccessKeyCredentials, SdkDate, Secret, SignableRequest};
use crate::url;
use crate::validate::quoted;

/// How requests prove who sends them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    /// An IAM token, sent as `X-Auth-Token`.
    Token(Secret),
    /// An access key pair: every request is signed with SDK-HMAC-SHA256.
    AccessKey(AccessKeyCredentials),
}

impl Auth {
    /// An IAM token auth.
    ///
    /// # Errors
    /// [`Error::Config`] when the token is empty or cannot be sent in a header (the message never
    /// contains the token).
    pub fn token(token: String) -> Result<Auth, Error> {
        if token.is_empty() || !token.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(Error::Config(
                "auth.token must be a non-empty string of visible ASCII characters".into(),
            ));
        }
        Ok(Auth::Token(Secret::new(token)))
    }
}

/// Everything every request of a client shares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientConfig {
    /// Where requests go.
    pub endpoint: Endpoint,
    /// The project in every path.
    pub project_id: ProjectId,
    /// How requests authenticate.
    pub auth: Auth,
}

/// One call of the Hyper Cluster API, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operation {
    /// `POST /v1/{project_id}/dev-servers/hyper-clusters`.
    Create(CreateHyperClusterBody),
    /// `GET /v1/{project_id}/dev-servers/hyper-clusters?type=`.
    List {
        /// `type` filter; the service defaults to `HPS`.
        server_type: Option<ServerType>,
    },
    /// `GET /v1/{project_id}/dev-servers/hyper-clusters/{id}?type=`.
    Get {
        /// The cluster.
        id: ClusterId,
        /// `type` query.
        server_type: Option<ServerType>,
    },
    /// `DELETE /v1/{project_id}/dev-servers/hyper-clusters/{id}?type=`.
    Delete {
        /// The cluster.
        id: ClusterId,
        /// `type` query.
        server_type: Option<ServerType>,
    },
}

/// A request ready to be sent: the transport adds nothing but `Host`.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// `GET`, `POST` or `DELETE`.
    pub method: &'static str,
    /// The absolute URL.
    pub url: String,
    /// Headers, in the order built.
    pub headers: Vec<(String, String)>,
    /// The JSON body, when the operation has one.
    pub body: Option<String>,
}

/// Headers whose values are secrets or derived from them: never shown in `Debug`.
pub const SENSITIVE_HEADERS: [&str; 3] = ["x-auth-token", "x-security-token", "authorization"];

impl std::fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| {
                let sensitive = SENSITIVE_HEADERS.iter().any(|s| name.eq_ignore_ascii_case(s));
                (name.as_str(), if sensitive { "<redacted>" } else { value.as_str() })
            })
            .collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body", &self.body)
            .finish()
    }
}

/// Builds the request for `operation`. `now` dates the signature of AK/SK requests (read the clock
/// for every attempt: the gateway refuses dates more than 15 minutes off).
pub fn build_request(config: &ClientConfig, operation: &Operation, now: SdkDate) -> HttpRequest {
    let collection = format!("/v1/{}/dev-servers/hyper-clusters", config.project_id);
    let type_query = |server_type: &Option<ServerType>| server_type.map(|t| format!("type={}", t.as_str()));
    let (method, path, query, body) = match operation {
        Operation::Create(body) => ("POST", collection, None, Some(body.to_json())),
        Operation::List { server_type } => ("GET", collection, type_query(server_type), None),
        Operation::Get { id, server_type } => ("GET", format!("{collection}/{id}"), type_query(server_type), None),
        Operation::Delete { id, server_type } => {
            ("DELETE", format!("{collection}/{id}"), type_query(server_type), None)
        }
    };
    let content_type = if body.is_some() {
        "application/json;charset=UTF-8"
    } else {
        "application/json"
    };
    let mut headers = vec![("Content-Type".to_owned(), content_type.to_owned())];
    match &config.auth {
        Auth::Token(token) => headers.push(("X-Auth-Token".to_owned(), token.expose().to_owned())),
        Auth::AccessKey(credentials) => {
            headers.push(("X-Project-Id".to_owned(), config.project_id.to_string()));
            let signable = SignableRequest {
                method,
                host: config.endpoint.host(),
                path: &path,
                query: query.as_deref().unwrap_or(""),
                headers: &headers,
                body: body.as_deref().unwrap_or("").as_bytes(),
            };
            let added = sign::sign(&signable, credentials, now);
            headers.extend(added);
        }
    }
    let query = query.map(|q| format!("?{q}")).unwrap_or_default();
    HttpRequest {
        method,
        url: format!("{}{path}{query}", config.endpoint.origin()),
        headers,
        body,
    }
}

/// A request someone else will send, described by its URL (for `signRequest`).
#[derive(Debug, Clone)]
pub struct ExternalRequest<'a> {
    /// Any HTTP method.
    pub method: &'a str,
    /// The absolute URL, as it will be sent.
    pub url: &'a str,
    /// The headers that will be sent, except `Host`.
    pub headers: Vec<(String, String)>,
    /// The exact body.
    pub body: &'a [u8],
}

/// Checks and signs a request described by its URL; returns its headers plus the signature's.
///
/// # Errors
/// [`Error::Config`] for a method, URL or header that cannot be sent or signed as given.
pub fn sign_external(
    request: &ExternalRequest<'_>,
    credentials: &AccessKeyCredentials,
    date: SdkDate,
) -> Result<Vec<(String, String)>, Error> {
    let is_token = |text: &str| {
        !text.is_empty()
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
    };
    if !is_token(request.method) {
        return Err(Error::Config(format!(
            "method {} is not a valid HTTP method",
            quoted(request.method)
        )));
    }
    let parsed = url::parse(request.url).map_err(|why| Error::Config(format!("url {why}")))?;
    // `fetch` rewrites these paths before sending (WHATWG URL parsing), so a signature over the path
    // as written would not match what the gateway receives.
    let dot_segment = |segment: &str| {
        matches!(
            segment.to_ascii_lowercase().as_str(),
            "." | ".." | "%2e" | "%2e%2e" | ".%2e" | "%2e."
        )
    };
    if parsed.path.contains('\\') || parsed.path.split('/').any(dot_segment) {
        return Err(Error::Config(
            "url has '.' or '..' segments or a backslash in its path, which fetch rewrites before sending: give the normalized path".into(),
        ));
    }
    let mut seen: Vec<String> = Vec::new();
    for (name, value) in &request.headers {
        if !is_token(name) {
            return Err(Error::Config(format!(
                "header name {} is not a valid HTTP header name",
                quoted(name)
            )));
        }
        let lower = name.to_ascii_lowercase();
        if matches!(
            lower.as_str(),
            "host" | "authorization" | "x-sdk-date" | "x-security-token" | "x-sdk-content-sha256"
        ) {
            return Err(Error::Config(format!(
                "header {} is set by the signer (the host comes from `url`, the date from `date`, the token from `securityToken`, the payload mode from `Content-Type`)",
                quoted(name)
            )));
        }
        if seen.contains(&lower) {
            return Err(Error::Config(format!(
                "header {} is given twice (header names are case-insensitive)",
                quoted(name)
            )));
        }
        if !value.bytes().all(|b| b == b' ' || b == b'\t' || b.is_ascii_graphic()) {
            return Err(Error::Config(format!(
                "header {} has a value with characters other than visible ASCII, space and tab",
                quoted(name)
            )));
        }
        seen.push(lower);
    }
    let signable = SignableRequest {
        method: request.method,
        host: &parsed.host,
        path: &parsed.path,
        query: parsed.query.as_deref().unwrap_or(""),
        headers: &request.headers,
        body: request.body,
    };
    let mut headers = request.headers.clone();
    headers.extend(sign::sign(&signable, credentials, date));
    Ok(headers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::{self, CreateHyperClusterInput, InputValue};

    const PROJECT: &str = "0123456789abcdef0123456789abcdef";
    const ID: &str = "74437437-6810-43b8-ba20-8f8e5bc034da";

    fn config(auth: Auth) -> ClientConfig {
        ClientConfig {
            endpoint: Endpoint::for_region("cn-north-4").unwrap(),
            project_id: validate::project_id(&PROJECT.into()).unwrap(),
            auth,
        }
    }

    fn date() -> SdkDate {
        SdkDate::parse("20250101T000000Z").unwrap()
    }

    fn header<'r>(request: &'r HttpRequest, name: &str) -> Option<&'r str> {
        request.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    #[test]
    fn create_with_a_token() {
        let valid = validate::validate_create(&CreateHyperClusterInput {
            project_id: PROJECT.into(),
            name: "test-hps--1107".into(),
            hyper_cluster_subnet_id: InputValue::Missing,
            server_type: "HPS".into(),
        })
        .unwrap();
        let request = build_request(
            &config(Auth::token("tok".into()).unwrap()),
            &Operation::Create(valid.body),
            date(),
        );
        assert_eq!(request.method, "POST");
        assert_eq!(
            request.url,
            format!("https://modelarts.cn-north-4.myhuaweicloud.com/v1/{PROJECT}/dev-servers/hyper-clusters")
        );
        assert_eq!(
            request.body.as_deref(),
            Some(r#"{"name":"test-hps--1107","type":"HPS"}"#)
        );
        assert_eq!(header(&request, "Content-Type"), Some("application/json;charset=UTF-8"));
        assert_eq!(header(&request, "X-Auth-Token"), Some("tok"));
        assert_eq!(header(&request, "Authorization"), None);
    }

    #[test]
    fn list_get_delete_paths_and_type_query() {
        let token = config(Auth::token("tok".into()).unwrap());
        let id = validate::cluster_id(&ID.into()).unwrap();
        let base = format!("https://modelarts.cn-north-4.myhuaweicloud.com/v1/{PROJECT}/dev-servers/hyper-clusters");
        let list = build_request(&token, &Operation::List { server_type: None }, date());
        assert_eq!(
            (list.method, list.url.as_str(), list.body.as_deref()),
            ("GET", base.as_str(), None)
        );
        assert_eq!(header(&list, "Content-Type"), Some("application/json"));
        let get = build_request(
            &token,
            &Operation::Get {
                id: id.clone(),
                server_type: Some(ServerType::Ecs),
            },
            date(),
        );
        assert_eq!(get.url, format!("{base}/{ID}?type=ECS"));
        let delete = build_request(
            &token,
            &Operation::Delete {
                id,
                server_type: Some(ServerType::Hps),
            },
            date(),
        );
        assert_eq!(
            (delete.method, delete.url.as_str()),
            ("DELETE", format!("{base}/{ID}?type=HPS").as_str())
        );
    }

    #[test]
    fn access_key_requests_are_signed_with_the_project_header() {
        let credentials =
            AccessKeyCredentials::new("AKEXAMPLE".into(), "SKEXAMPLE".into(), Some("STS".into())).unwrap();
        let request = build_request(
            &config(Auth::AccessKey(credentials)),
            &Operation::List {
                server_type: Some(ServerType::Hps),
            },
            date(),
        );
        assert_eq!(header(&request, "X-Project-Id"), Some(PROJECT));
        assert_eq!(header(&request, "X-Sdk-Date"), Some("20250101T000000Z"));
        assert_eq!(header(&request, "X-Security-Token"), Some("STS"));
        let authorization = header(&request, "Authorization").unwrap();
        assert!(
            authorization.starts_with("SDK-HMAC-SHA256 Access=AKEXAMPLE, SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token, Signature="),
            "{authorization}"
        );
        assert_eq!(header(&request, "X-Auth-Token"), None);
        let debug = format!("{request:?}");
        assert!(!debug.contains("STS") && debug.contains("<redacted>"), "{debug}");
    }

    #[test]
    fn external_requests_are_checked_then_signed() {
        let credentials = AccessKeyCredentials::new("AKEXAMPLE".into(), "SKEXAMPLE".into(), None).unwrap();
        let body = br#"{"name": "hc-01", "type": "HPS"}"#;
        let headers = vec![
            ("Content-Type".to_owned(), "application/json;charset=utf-8".to_owned()),
            ("User-Agent".to_owned(), "huaweicloud-usdk-python/3.0; test".to_owned()),
            ("X-Project-Id".to_owned(), PROJECT.to_owned()),
        ];
        let request = ExternalRequest {
            method: "POST",
            url: &format!("https://modelarts.cn-north-4.myhuaweicloud.com/v1/{PROJECT}/dev-servers/hyper-clusters"),
            headers: headers.clone(),
            body,
        };
        let signed = sign_external(&request, &credentials, date()).unwrap();
        assert_eq!(&signed[..3], &headers[..]);
        assert!(signed[4]
            .1
            .ends_with("Signature=f91b62ea58a004e199e8a95b239c03d7c045686a3f333d7453c41e33f796d306"));

        let refused = |method: &str, url: &str, headers: &[(&str, &str)]| {
            let request = ExternalRequest {
                method,
                url,
                headers: headers
                    .iter()
                    .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                    .collect(),
                body: b"",
            };
            matches!(sign_external(&request, &credentials, date()), Err(Error::Config(_)))
        };
        assert!(refused("GET", "/relative", &[]));
        assert!(refused("GE T", "https://h/", &[]));
        assert!(refused("GET", "https://h/", &[("Host", "h")]));
        assert!(refused("GET", "https://h/a/../b", &[]));
        assert!(refused("GET", "https://h/a/%2E%2e/b", &[]));
        assert!(refused("GET", "https://h/a\\b", &[]));
        assert!(!refused("GET", "https://h/a/.../b", &[]));
        assert!(refused(
            "POST",
            "https://h/",
            &[("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD")]
        ));
        assert!(refused("GET", "https://h/", &[("X-A", "1"), ("x-a", "2")]));
        assert!(refused("GET", "https://h/", &[("X-A", "line\nbreak")]));
        assert!(refused("GET", "https://h/", &[("Bad Name", "1")]));
        assert!(!refused("GET", "https://h/", &[("X-A", " spaced ")]));
    }
}
