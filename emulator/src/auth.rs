//! Authentication as the API gateway does it: an IAM token in `X-Auth-Token`, or an AK/SK
//! SDK-HMAC-SHA256 signature in `Authorization`, verified by recomputing it with the crate's own
//! signing stages over exactly the headers the client named in `SignedHeaders`.
//!
//! Sharing the stages with the client means a bug in a stage could hide on both sides; the
//! interop test (`tests/emulator_sdk_interop.py`) signs with the official Python SDK to catch that.

use axum::http::HeaderMap;
use modelarts_hyper_cluster::request::SENSITIVE_HEADERS;
use modelarts_hyper_cluster::sign::{
    canonical_headers, canonical_query, canonical_request, canonical_uri, payload_hash, signature, string_to_sign,
    ALGORITHM, MAX_CLOCK_SKEW_SECONDS,
};
use modelarts_hyper_cluster::{AccessKeyCredentials, SdkDate, Secret};
use subtle::ConstantTimeEq;

/// The development token accepted when no token is configured.
pub const DEV_TOKEN: &str = "dev-token";
/// The development access key accepted when no access key is configured.
pub const DEV_AK: &str = "DEVAK000000000000000";
/// The secret key of [`DEV_AK`].
pub const DEV_SK: &str = "devsk00000000000000000000000000000000000";

/// Everything the emulator accepts.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// IAM tokens.
    pub tokens: Vec<Secret>,
    /// Access key pairs; those with a security token are temporary.
    pub keys: Vec<AccessKeyCredentials>,
}

/// Who a request was authenticated as (for the log).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// An IAM token (which one is not logged).
    Token,
    /// An access key.
    AccessKey(String),
}

/// Why a request was refused: the message sent to the client, and detail for the log only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Denied {
    /// Sent in `error_msg`.
    pub message: String,
    /// Logged, never sent (the canonical request the emulator computed, say).
    pub log_note: Option<String>,
}

fn denied(message: impl Into<String>) -> Denied {
    Denied {
        message: message.into(),
        log_note: None,
    }
}

/// The parts of a request the verifier reads. `path` and `query` are as sent (still
/// percent-encoded); `body` is the exact bytes.
#[derive(Debug, Clone, Copy)]
pub struct SignedParts<'a> {
    /// `GET`, `POST`, ...
    pub method: &'a str,
    /// The path as sent.
    pub path: &'a str,
    /// The query without `?`, empty when none.
    pub query: &'a str,
    /// All request headers, `Host` included.
    pub headers: &'a HeaderMap,
    /// The body.
    pub body: &'a [u8],
}

impl Credentials {
    /// Checks a request's credentials against the configured ones at time `now`.
    ///
    /// # Errors
    /// [`Denied`] saying what is missing or wrong.
    pub fn verify(&self, request: &SignedParts<'_>, now: SdkDate) -> Result<Principal, Denied> {
        let authorization = header_text(request.headers, "authorization");
        if let Some(authorization) = authorization.as_deref() {
            if authorization.starts_with(ALGORITHM) {
                return self.verify_signature(authorization, request, now);
            }
        }
        if let Some(token) = header_text(request.headers, "x-auth-token") {
            return if any_equal(self.tokens.iter().map(Secret::expose), &token) {
                Ok(Principal::Token)
            } else {
                Err(denied(
                    "verify token fail: the X-Auth-Token is not one the emulator accepts",
                ))
            };
        }
        Err(denied(match authorization {
            Some(_) => format!("the Authorization header must use {ALGORITHM}"),
            None => "no X-Auth-Token header and no Authorization header".to_owned(),
        }))
    }

    fn verify_signature(
        &self,
        authorization: &str,
        request: &SignedParts<'_>,
        now: SdkDate,
    ) -> Result<Principal, Denied> {
        let fields = parse_authorization(authorization).ok_or_else(|| {
            denied(format!(
                "the Authorization header must read \"{ALGORITHM} Access=AK, SignedHeaders=a;b, Signature=hex\""
            ))
        })?;
        let key = self
            .keys
            .iter()
            .find(|key| key.access_key == fields.access)
            .ok_or_else(|| {
                denied(format!(
                    "verify aksk signature fail: unknown access key {}",
                    fields.access
                ))
            })?;

        let date_text =
            header_text(request.headers, "x-sdk-date").ok_or_else(|| denied("the X-Sdk-Date header is missing"))?;
        let date =
            SdkDate::parse(&date_text).map_err(|_| denied("X-Sdk-Date must be a UTC time written YYYYMMDDTHHMMSSZ"))?;
        if (now.unix_seconds() - date.unix_seconds()).abs() > MAX_CLOCK_SKEW_SECONDS {
            return Err(Denied {
                message: format!(
                    "signature expired: X-Sdk-Date {date} is more than {} minutes from the emulator's clock ({now})",
                    MAX_CLOCK_SKEW_SECONDS / 60
                ),
                log_note: None,
            });
        }

        let names: Vec<&str> = fields.signed_headers.split(';').collect();
        for required in ["host", "x-sdk-date"] {
            if !names.contains(&required) {
                return Err(denied(format!("SignedHeaders must include {required}")));
            }
        }
        let mut signed = Vec::with_capacity(names.len());
        for name in &names {
            let value = header_text(request.headers, name)
                .ok_or_else(|| denied(format!("the signed header {name} is not in the request")))?;
            signed.push(((*name).to_owned(), value));
        }
        let (canonical, computed_names) = canonical_headers(&signed);
        if computed_names != fields.signed_headers {
            return Err(denied(
                "SignedHeaders must list lower-case header names without '_', sorted and joined with ';'",
            ));
        }

        let sent_token = header_text(request.headers, "x-security-token");
        match (&key.security_token, sent_token) {
            (Some(_), None) => {
                return Err(denied(format!(
                    "access key {} is temporary: the X-Security-Token header is missing",
                    key.access_key
                )))
            }
            (Some(expected), Some(sent)) => {
                if !names.contains(&"x-security-token") {
                    return Err(denied("SignedHeaders must include x-security-token"));
                }
                if !any_equal([expected.expose()], &sent) {
                    return Err(denied(format!(
                        "the X-Security-Token does not belong to access key {}",
                        key.access_key
                    )));
                }
            }
            (None, Some(_)) => {
                return Err(denied(format!(
                    "access key {} is permanent: it takes no X-Security-Token",
                    key.access_key
                )))
            }
            (None, None) => {}
        }

        // Only signed headers count: an unsigned X-Sdk-Content-Sha256 cannot switch off the body
        // check. A declared hash other than UNSIGNED-PAYLOAD must be the body's real hash.
        let declared_hash = payload_hash(&signed, request.body);
        let real_hash = payload_hash(&[], request.body);
        if declared_hash != "UNSIGNED-PAYLOAD" && declared_hash != real_hash {
            return Err(denied(
                "verify aksk signature fail: X-Sdk-Content-Sha256 is not the body's SHA-256",
            ));
        }
        let canonical_request = canonical_request(
            request.method,
            &canonical_uri(request.path),
            &canonical_query(request.query),
            &canonical,
            &computed_names,
            &declared_hash,
        );
        let expected = signature(key.secret_key.expose(), &string_to_sign(date, &canonical_request));
        if bool::from(expected.as_bytes().ct_eq(fields.signature.as_bytes())) {
            Ok(Principal::AccessKey(key.access_key.clone()))
        } else {
            Err(Denied {
                message: "verify aksk signature fail".to_owned(),
                log_note: Some(format!("canonical request {:?}", redacted(&canonical_request))),
            })
        }
    }
}

/// The canonical request for the log: the values of signed secret headers (a security token) hidden.
fn redacted(canonical_request: &str) -> String {
    canonical_request
        .split('\n')
        .map(|line| {
            match SENSITIVE_HEADERS
                .iter()
                .find(|name| line.strip_prefix(**name).is_some_and(|rest| rest.starts_with(':')))
            {
                Some(name) => format!("{name}:<redacted>"),
                None => line.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Compares `given` with every candidate in constant time (per candidate), without stopping early.
fn any_equal<'c>(candidates: impl IntoIterator<Item = &'c str>, given: &str) -> bool {
    candidates
        .into_iter()
        .fold(subtle::Choice::from(0), |found, candidate| {
            found | candidate.as_bytes().ct_eq(given.as_bytes())
        })
        .into()
}

/// A header's value as text (bytes beyond ASCII read as UTF-8, which is how the official SDKs send
/// them); several values are joined with `,`.
pub fn header_text(headers: &HeaderMap, name: &str) -> Option<String> {
    let values: Vec<String> = headers
        .get_all(name)
        .iter()
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
        .collect();
    (!values.is_empty()).then(|| values.join(","))
}

struct AuthorizationFields<'a> {
    access: &'a str,
    signed_headers: &'a str,
    signature: &'a str,
}

/// Reads `SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=hex`.
fn parse_authorization(value: &str) -> Option<AuthorizationFields<'_>> {
    let rest = value.strip_prefix(ALGORITHM)?.strip_prefix(' ')?;
    let (mut access, mut signed_headers, mut signature) = (None, None, None);
    for part in rest.split(',') {
        let (key, value) = part.trim().split_once('=')?;
        let slot = match key {
            "Access" => &mut access,
            "SignedHeaders" => &mut signed_headers,
            "Signature" => &mut signature,
            _ => return None,
        };
        if slot.replace(value).is_some() || value.is_empty() {
            return None;
        }
    }
    Some(AuthorizationFields {
        access: access?,
        signed_headers: signed_headers?,
        signature: signature?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn authorization_headers_are_read_strictly() {
        let fields =
            parse_authorization("SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=ab").unwrap();
        assert_eq!(
            (fields.access, fields.signed_headers, fields.signature),
            ("AK", "host;x-sdk-date", "ab")
        );
        for bad in [
            "SDK-HMAC-SHA256",
            "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host",
            "SDK-HMAC-SHA256 Access=AK, Access=AK, SignedHeaders=host, Signature=ab",
            "SDK-HMAC-SHA256 Access=, SignedHeaders=host, Signature=ab",
            "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=ab, Extra=1",
            "SDK-HMAC-SHA256Access=AK, SignedHeaders=host, Signature=ab",
        ] {
            assert!(parse_authorization(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn the_official_sdk_vector_verifies() {
        // The known-answer vector of API-FACTS.md, computed with the official Python SDK.
        let project = "0123456789abcdef0123456789abcdef";
        let mut headers = HeaderMap::new();
        let mut set = |name: &'static str, value: &str| {
            headers.insert(name, HeaderValue::from_str(value).unwrap());
        };
        set("host", "modelarts.cn-north-4.myhuaweicloud.com");
        set("content-type", "application/json;charset=utf-8");
        set("user-agent", "huaweicloud-usdk-python/3.0; test");
        set("x-project-id", project);
        set("x-sdk-date", "20250101T000000Z");
        set(
            "authorization",
            "SDK-HMAC-SHA256 Access=AKEXAMPLE, SignedHeaders=content-type;host;user-agent;x-project-id;x-sdk-date, \
             Signature=f91b62ea58a004e199e8a95b239c03d7c045686a3f333d7453c41e33f796d306",
        );
        let credentials = Credentials {
            tokens: vec![],
            keys: vec![AccessKeyCredentials::new("AKEXAMPLE".into(), "SKEXAMPLE".into(), None).unwrap()],
        };
        let path = format!("/v1/{project}/dev-servers/hyper-clusters");
        let body = br#"{"name": "hc-01", "type": "HPS"}"#;
        let parts = |body: &'static [u8]| SignedParts {
            method: "POST",
            path: &path,
            query: "",
            headers: &headers,
            body,
        };
        let now = SdkDate::parse("20250101T001000Z").unwrap();
        assert_eq!(
            credentials.verify(&parts(body), now),
            Ok(Principal::AccessKey("AKEXAMPLE".into()))
        );
        let tampered = credentials.verify(&parts(br#"{"name": "hc-02", "type": "HPS"}"#), now);
        assert_eq!(tampered.unwrap_err().message, "verify aksk signature fail");
        let late = credentials.verify(&parts(body), SdkDate::parse("20250101T001501Z").unwrap());
        assert!(late.unwrap_err().message.starts_with("signature expired"));
    }

    #[test]
    fn the_logged_canonical_request_hides_security_tokens() {
        let canonical =
            "GET\n/x/\n\nhost:h\nx-security-token:secret\nx-security-tokens:shown\n\nhost;x-security-token\nabc";
        assert_eq!(
            redacted(canonical),
            "GET\n/x/\n\nhost:h\nx-security-token:<redacted>\nx-security-tokens:shown\n\nhost;x-security-token\nabc"
        );
    }

    #[test]
    fn tokens_compare_against_every_candidate() {
        assert!(any_equal(["a", "dev-token"], "dev-token"));
        assert!(!any_equal(["a", "dev-token"], "dev-toke"));
        assert!(!any_equal([], "dev-token"));
    }
}
