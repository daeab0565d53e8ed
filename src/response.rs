//! HTTP responses -> results or typed errors, without any I/O.

use crate::error::{ApiError, Error};
use crate::json::{self, Json};
use crate::model::HyperCluster;
use crate::sign::{days_from_civil, SdkDate, MAX_CLOCK_SKEW_SECONDS};

/// What the transport read of an answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HttpResponse {
    /// The HTTP status.
    pub status: u16,
    /// The `X-Request-Id` header.
    pub request_id: Option<String>,
    /// The `Date` header (used to measure clock skew when a signature expired).
    pub date: Option<String>,
    /// The body bytes.
    pub body: Vec<u8>,
}

/// The answer to CreateHyperCluster or GetHyperCluster.
///
/// # Errors
/// [`Error::Api`] for a non-2xx status, [`Error::Decode`] for a body without `id` or `name`.
pub fn parse_cluster(response: &HttpResponse, signed_at: Option<SdkDate>) -> Result<HyperCluster, Error> {
    parse_json(response, signed_at, "a hyper cluster", HyperCluster::from_json)
}

/// The answer to ListHyperCluster.
///
/// # Errors
/// As [`parse_cluster`].
pub fn parse_cluster_list(response: &HttpResponse, signed_at: Option<SdkDate>) -> Result<Vec<HyperCluster>, Error> {
    parse_json(
        response,
        signed_at,
        "a list of hyper clusters",
        HyperCluster::list_from_json,
    )
}

/// The answer to DeleteHyperCluster: untyped JSON, returned as its text (`{}` when the body is
/// empty) after checking that it is JSON. The wasm edge hands it to `JSON.parse`, which keeps the
/// `.wasm` free of a generic JSON value type.
///
/// # Errors
/// As [`parse_cluster`].
pub fn parse_deleted(response: &HttpResponse, signed_at: Option<SdkDate>) -> Result<String, Error> {
    if is_success(response.status) && response.body.iter().all(u8::is_ascii_whitespace) {
        return Ok("{}".to_owned());
    }
    parse_json(response, signed_at, "JSON", |_| Ok(()))?;
    Ok(String::from_utf8_lossy(&response.body).into_owned())
}

fn is_success(status: u16) -> bool {
    (200..300).contains(&status)
}

fn parse_json<T>(
    response: &HttpResponse,
    signed_at: Option<SdkDate>,
    what: &str,
    read: impl FnOnce(&Json) -> Result<T, String>,
) -> Result<T, Error> {
    if !is_success(response.status) {
        return Err(Error::Api(Box::new(api_error(response, signed_at))));
    }
    json::parse(&response.body)
        .and_then(|value| read(&value))
        .map_err(|why| {
            let request_id = response
                .request_id
                .as_deref()
                .map(|id| format!(", request id {id}"))
                .unwrap_or_default();
            Error::Decode(format!(
                "HTTP {} answer is not {what}: {why} (body: {}{request_id})",
                response.status,
                excerpt(&response.body).unwrap_or_else(|| "empty".into())
            ))
        })
}

/// Reads a non-2xx answer: the ModelArts (`error_code`), gateway (`errorCode`) and generic (`code`)
/// shapes, or an excerpt of a body that is not JSON (a proxy's HTML page).
pub fn api_error(response: &HttpResponse, signed_at: Option<SdkDate>) -> ApiError {
    let body = json::parse(&response.body)
        .ok()
        .filter(|value| matches!(value, Json::Object(_)));
    // A string, or a number or boolean written as text; other values (objects, arrays) read as absent.
    let text = |names: &[&str]| -> Option<String> {
        let body = body.as_ref()?;
        names.iter().find_map(|name| match body.get(name)? {
            Json::String(text) | Json::Number(text) => Some(text.clone()),
            Json::Bool(flag) => Some(flag.to_string()),
            Json::Null | Json::Array(_) | Json::Object(_) => None,
        })
    };
    let (error_code, error_msg, encoded_authorization_message) = if body.is_some() {
        (
            text(&["error_code", "errorCode", "code"]),
            text(&["error_msg", "errorMsg", "message"]),
            text(&["encoded_authorization_message"]),
        )
    } else {
        (None, excerpt(&response.body), None)
    };
    let hint = hint(response, error_msg.as_deref(), signed_at);
    ApiError {
        status: response.status,
        error_code,
        error_msg,
        request_id: response.request_id.clone(),
        encoded_authorization_message,
        hint,
    }
}

fn hint(response: &HttpResponse, message: Option<&str>, signed_at: Option<SdkDate>) -> Option<String> {
    match response.status {
        401 if message.is_some_and(|m| m.to_ascii_lowercase().contains("expired")) => {
            let mut hint = format!(
                "The signature's X-Sdk-Date was more than {} minutes away from the gateway's clock: check this machine's clock (requests are never retried after a 401)",
                MAX_CLOCK_SKEW_SECONDS / 60
            );
            let server = response.date.as_deref().and_then(parse_http_date);
            if let (Some(server), Some(ours)) = (server, signed_at) {
                let offset = server - ours.unix_seconds();
                let direction = if offset >= 0 { "ahead of" } else { "behind" };
                hint.push_str(&format!(
                    "; the server's clock is {} s {direction} this one",
                    offset.abs()
                ));
            }
            Some(hint)
        }
        429 => Some("Throttled: retry after a few seconds, with exponential backoff and jitter".into()),
        _ => None,
    }
}

/// Seconds since 1970 of an HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`, the form RFC 9110 requires
/// servers to send).
pub fn parse_http_date(text: &str) -> Option<i64> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let parts: Vec<&str> = text.split_ascii_whitespace().collect();
    let [_weekday, day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    let month = i64::try_from(MONTHS.iter().position(|m| m == month)? + 1).ok()?;
    let clock: Vec<i64> = time.split(':').map(|n| n.parse().ok()).collect::<Option<_>>()?;
    let [hour, minute, second] = clock.as_slice() else {
        return None;
    };
    let (year, day): (i64, i64) = (year.parse().ok()?, day.parse().ok()?);
    Some(days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second)
}

/// A short, single-line excerpt of a body, for messages.
fn excerpt(body: &[u8]) -> Option<String> {
    const KEEP: usize = 200;
    let text = String::from_utf8_lossy(body);
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.is_empty() {
        return None;
    }
    Some(if collapsed.chars().count() > KEEP {
        format!("{}...", collapsed.chars().take(KEEP).collect::<String>())
    } else {
        collapsed
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(status: u16, body: &str) -> HttpResponse {
        HttpResponse {
            status,
            request_id: Some("req-1".into()),
            date: None,
            body: body.as_bytes().to_vec(),
        }
    }

    fn api(result: Result<impl std::fmt::Debug, Error>) -> ApiError {
        match result {
            Err(Error::Api(api)) => *api,
            other => panic!("expected an API error, got {other:?}"),
        }
    }

    #[test]
    fn a_created_cluster() {
        let body = r#"{"id":"74437437-6810-43b8-ba20-8f8e5bc034da","name":"test-hps--1107","network_info":[{"hyper_cluster_subnet_id":"47be1c96-b00c-4cc9-83cb-089893a632b6","is_default":true}],"status":"new-field"}"#;
        let cluster = parse_cluster(&response(200, body), None).unwrap();
        assert_eq!(cluster.name, "test-hps--1107");
        assert!(cluster.network_info[0].is_default);
    }

    #[test]
    fn missing_fields_are_decode_errors() {
        let error = parse_cluster(&response(200, r#"{"name":"x"}"#), None).unwrap_err();
        assert!(
            matches!(&error, Error::Decode(m) if m.contains("missing field `id`") && m.contains("req-1")),
            "{error}"
        );
        assert!(matches!(
            parse_cluster(&response(200, "<html>"), None),
            Err(Error::Decode(_))
        ));
        assert!(matches!(
            parse_cluster_list(&response(200, r#"{"items":[]}"#), None),
            Err(Error::Decode(_))
        ));
    }

    #[test]
    fn lists_and_deletes() {
        let list = parse_cluster_list(&response(200, r#"{"hyper_clusters":[{"id":"a","name":"b"}]}"#), None).unwrap();
        assert_eq!(list.len(), 1);
        assert!(list[0].network_info.is_empty());
        assert_eq!(parse_deleted(&response(200, ""), None).unwrap(), "{}");
        assert_eq!(parse_deleted(&response(204, " \n"), None).unwrap(), "{}");
        assert_eq!(
            parse_deleted(&response(200, r#"{"ok":1}"#), None).unwrap(),
            r#"{"ok":1}"#
        );
        assert!(matches!(
            parse_deleted(&response(200, "{oops"), None),
            Err(Error::Decode(_))
        ));
    }

    #[test]
    fn each_error_shape() {
        let modelarts = api(parse_cluster(
            &response(400, r#"{"error_code":"ModelArts.0101","error_msg":"bad name"}"#),
            None,
        ));
        assert_eq!(
            (
                modelarts.status,
                modelarts.error_code.as_deref(),
                modelarts.error_msg.as_deref(),
                modelarts.request_id.as_deref()
            ),
            (400, Some("ModelArts.0101"), Some("bad name"), Some("req-1"))
        );
        let gateway = api(parse_cluster(
            &response(
                401,
                r#"{"errorCode":"APIGW.0301","errorMsg":"verify aksk signature fail"}"#,
            ),
            None,
        ));
        assert_eq!(
            (gateway.error_code.as_deref(), gateway.error_msg.as_deref()),
            (Some("APIGW.0301"), Some("verify aksk signature fail"))
        );
        assert_eq!(gateway.hint, None);
        let generic = api(parse_cluster(
            &response(500, r#"{"code":500,"message":"boom","x":{"a":[1]}}"#),
            None,
        ));
        assert_eq!(
            (generic.error_code.as_deref(), generic.error_msg.as_deref()),
            (Some("500"), Some("boom"))
        );
        let forbidden = api(parse_cluster_list(
            &response(
                403,
                r#"{"error_code":"ModelArts.0203","error_msg":"denied","encoded_authorization_message":"ENC"}"#,
            ),
            None,
        ));
        assert_eq!(forbidden.encoded_authorization_message.as_deref(), Some("ENC"));
        let html = format!(
            "<html>\n<body>  <h1>502 Bad Gateway</h1> {}</body></html>",
            "x".repeat(500)
        );
        let proxy = api(parse_deleted(&response(502, &html), None));
        let message = proxy.error_msg.unwrap();
        assert!(
            message.starts_with("<html> <body> <h1>502 Bad Gateway</h1>"),
            "{message}"
        );
        assert!(message.len() < 220, "{message}");
        assert_eq!(proxy.error_code, None);
        let empty = api(parse_cluster(&response(503, ""), None));
        assert_eq!((empty.error_code, empty.error_msg), (None, None));
        let throttled = api(parse_cluster(
            &response(429, r#"{"error_code":"APIG.0308","error_msg":"too many"}"#),
            None,
        ));
        assert!(throttled.hint.unwrap().contains("backoff"));
    }

    #[test]
    fn expired_signatures_get_a_clock_hint_with_the_measured_offset() {
        let mut answer = response(401, r#"{"error_code":"APIGW.0301","error_msg":"signature expired"}"#);
        answer.date = Some("Wed, 01 Jan 2025 00:20:00 GMT".into());
        let signed_at = SdkDate::parse("20250101T000000Z").unwrap();
        let hint = api(parse_cluster(&answer, Some(signed_at))).hint.unwrap();
        assert!(hint.contains("clock") && hint.contains("1200 s ahead of"), "{hint}");
        answer.date = None;
        let hint = api(parse_cluster(&answer, Some(signed_at))).hint.unwrap();
        assert!(hint.contains("clock") && !hint.contains(" s "), "{hint}");
    }

    #[test]
    fn http_dates() {
        assert_eq!(parse_http_date("Wed, 01 Jan 2025 00:00:00 GMT"), Some(1_735_689_600));
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(784_111_777));
        assert_eq!(parse_http_date("yesterday"), None);
        assert_eq!(parse_http_date("Sun, 06 Foo 1994 08:49:37 GMT"), None);
    }
}
