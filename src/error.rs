//! The crate's one error type. The wasm layer turns it into a JavaScript `Error` named
//! `HyperClusterError` whose `code` is [`Error::code`].

use crate::validate::FieldIssue;

/// Everything that can go wrong, from bad input to a refused request.
///
/// No variant ever carries a secret key, token or security token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The request breaks the API's field rules; nothing was sent.
    Validation(Vec<FieldIssue>),
    /// The client configuration (region, endpoint, auth, options) is unusable; nothing was sent.
    Config(String),
    /// The server answered with a status other than 2xx.
    Api(Box<ApiError>),
    /// The request could not be sent or its answer not read (DNS, refused connection, CORS, TLS).
    Network(String),
    /// No complete answer arrived within the timeout.
    Timeout {
        /// The timeout that ran out, in milliseconds.
        after_ms: u32,
    },
    /// The caller's `AbortSignal` cancelled the request.
    Aborted,
    /// A 2xx answer whose body is not what the API documents.
    Decode(String),
}

/// A non-2xx answer, with whatever the gateway or service said about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// `error_code` (or `errorCode`, `code`) from the body, e.g. `ModelArts.0101` or `APIGW.0301`.
    pub error_code: Option<String>,
    /// `error_msg` (or `errorMsg`, `message`), or a short excerpt of a body that is not JSON.
    pub error_msg: Option<String>,
    /// The `X-Request-Id` header: quote it when asking Huawei support.
    pub request_id: Option<String>,
    /// `encoded_authorization_message` of some 403 answers (decode it with IAM to see the policy).
    pub encoded_authorization_message: Option<String>,
    /// Advice for the caller, e.g. about clock skew when a signature expired.
    pub hint: Option<String>,
}

impl Error {
    /// The stable code JavaScript callers branch on.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Validation(_) => "VALIDATION",
            Error::Config(_) => "CONFIG",
            Error::Api(_) => "API",
            Error::Network(_) => "NETWORK",
            Error::Timeout { .. } => "TIMEOUT",
            Error::Aborted => "ABORTED",
            Error::Decode(_) => "DECODE",
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Validation(issues) => {
                f.write_str("invalid request: ")?;
                for (index, issue) in issues.iter().enumerate() {
                    if index > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{issue}")?;
                }
                Ok(())
            }
            Error::Config(message) => write!(f, "invalid configuration: {message}"),
            Error::Api(api) => {
                write!(f, "HTTP {}", api.status)?;
                if let Some(code) = &api.error_code {
                    write!(f, " {code}")?;
                }
                if let Some(message) = &api.error_msg {
                    write!(f, ": {message}")?;
                }
                if let Some(id) = &api.request_id {
                    write!(f, " (request id {id})")?;
                }
                if let Some(hint) = &api.hint {
                    write!(f, ". {hint}")?;
                }
                Ok(())
            }
            Error::Network(message) => write!(f, "network error: {message}"),
            Error::Timeout { after_ms } => write!(f, "no answer within {after_ms} ms (timeoutMs)"),
            Error::Aborted => f.write_str("the request was aborted by its AbortSignal"),
            Error::Decode(message) => write!(f, "unexpected response: {message}"),
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::{cluster_name, InputValue};

    #[test]
    fn messages_name_what_went_wrong() {
        let issues = cluster_name(&InputValue::Other("number")).unwrap_err();
        assert_eq!(
            Error::Validation(issues).to_string(),
            "invalid request: name must be a string (got number)"
        );
        let api = Error::Api(Box::new(ApiError {
            status: 400,
            error_code: Some("ModelArts.0101".into()),
            error_msg: Some("bad name".into()),
            request_id: Some("r-1".into()),
            ..ApiError::default()
        }));
        assert_eq!(api.to_string(), "HTTP 400 ModelArts.0101: bad name (request id r-1)");
        assert_eq!(api.code(), "API");
        assert_eq!(
            Error::Timeout { after_ms: 5 }.to_string(),
            "no answer within 5 ms (timeoutMs)"
        );
    }
}
