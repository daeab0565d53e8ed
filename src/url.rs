//! The small part of URL parsing this crate needs: scheme, authority, path and query of an absolute
//! `http(s)` URL.
//!
//! Hand-written instead of the `url` crate, which brings IDNA tables (~100 KB of `.wasm`) for host
//! names this crate refuses anyway: the gateway signs the host as ASCII, so a non-ASCII host must be
//! given in its `xn--` form.

/// An absolute `http` or `https` URL, split into the parts signing and sending need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedUrl {
    /// `http` or `https`, lower-case.
    pub scheme: &'static str,
    /// Host and port as the HTTP `Host` header carries them: lower-case host, the port only when it
    /// is not the scheme's default (what browsers and `fetch` send).
    pub host: String,
    /// The path as given (`/` when empty), still percent-encoded.
    pub path: String,
    /// The query without `?`, as given; `None` when the URL has no `?`.
    pub query: Option<String>,
    /// Whether the URL had a `#fragment` (never sent by `fetch`).
    pub has_fragment: bool,
}

impl ParsedUrl {
    /// `scheme://host[:port]`.
    pub fn origin(&self) -> String {
        format!("{}://{}", self.scheme, self.host)
    }
}

/// Parses an absolute `http(s)` URL.
///
/// # Errors
/// A sentence saying what is wrong, for a `CONFIG` error; it never repeats a password from the URL.
pub fn parse(text: &str) -> Result<ParsedUrl, String> {
    if text.chars().any(|c| c.is_control() || c == ' ') {
        return Err("must not contain spaces or control characters".into());
    }
    let (scheme, rest) = split_scheme(text).ok_or("must be an absolute URL starting with https:// or http://")?;
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, rest) = rest.split_at(authority_end);
    if authority.contains('@') {
        return Err("must not carry credentials (user@host); pass them in `auth`".into());
    }
    let host = normalize_authority(scheme, authority)?;
    let (before_fragment, has_fragment) = match rest.split_once('#') {
        Some((before, _)) => (before, true),
        None => (rest, false),
    };
    let (path, query) = match before_fragment.split_once('?') {
        Some((path, query)) => (path, Some(query.to_owned())),
        None => (before_fragment, None),
    };
    Ok(ParsedUrl {
        scheme,
        host,
        path: if path.is_empty() { "/".into() } else { path.into() },
        query,
        has_fragment,
    })
}

fn split_scheme(text: &str) -> Option<(&'static str, &str)> {
    let (scheme, rest) = text.split_once("://")?;
    if scheme.eq_ignore_ascii_case("https") {
        Some(("https", rest))
    } else if scheme.eq_ignore_ascii_case("http") {
        Some(("http", rest))
    } else {
        None
    }
}

fn normalize_authority(scheme: &str, authority: &str) -> Result<String, String> {
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (inside, after) = v6.split_once(']').ok_or("has an IPv6 host without its closing ']'")?;
        if inside.is_empty() || !inside.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.') {
            return Err("has an invalid IPv6 host".into());
        }
        let port = match after {
            "" => None,
            _ => Some(after.strip_prefix(':').ok_or("has characters after the IPv6 host")?),
        };
        (format!("[{}]", inside.to_ascii_lowercase()), port)
    } else {
        let (host, port) = match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        };
        if host.is_empty() {
            return Err("has no host".into());
        }
        if !host.is_ascii() {
            return Err("has a non-ASCII host: give its punycode (xn--) form".into());
        }
        if !host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'))
        {
            return Err("has a host with characters other than letters, digits, '-', '.' and '_'".into());
        }
        (host.to_ascii_lowercase(), port)
    };
    let default_port = if scheme == "https" { 443 } else { 80 };
    match port {
        None | Some("") => Ok(host),
        Some(port) => {
            let number: u16 = port
                .parse()
                .ok()
                .filter(|_| port.bytes().all(|b| b.is_ascii_digit()))
                .ok_or_else(|| {
                    format!(
                        "has an invalid port {} (expected 1-65535)",
                        crate::validate::quoted(port)
                    )
                })?;
            if number == 0 {
                Err("has port 0".into())
            } else if number == default_port {
                Ok(host)
            } else {
                Ok(format!("{host}:{number}"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_an_absolute_url() {
        let url = parse("HTTPS://ModelArts.CN-north-4.myhuaweicloud.com/v1/p/x?type=HPS&a=b#frag").unwrap();
        assert_eq!(url.scheme, "https");
        assert_eq!(url.host, "modelarts.cn-north-4.myhuaweicloud.com");
        assert_eq!(url.path, "/v1/p/x");
        assert_eq!(url.query.as_deref(), Some("type=HPS&a=b"));
        assert!(url.has_fragment);
        assert_eq!(url.origin(), "https://modelarts.cn-north-4.myhuaweicloud.com");
    }

    #[test]
    fn keeps_only_non_default_ports() {
        assert_eq!(parse("http://127.0.0.1:8080").unwrap().host, "127.0.0.1:8080");
        assert_eq!(parse("http://localhost:80/").unwrap().host, "localhost");
        assert_eq!(parse("https://h:443").unwrap().host, "h");
        assert_eq!(parse("https://h:80").unwrap().host, "h:80");
        assert_eq!(parse("http://[::1]:9000/x").unwrap().host, "[::1]:9000");
        assert_eq!(parse("http://[::1]").unwrap().path, "/");
    }

    #[test]
    fn refuses_what_cannot_be_sent_or_signed() {
        for bad in [
            "modelarts.cn-north-4.myhuaweicloud.com",
            "ftp://h",
            "https://",
            "https://:8080",
            "https://user:pw@h",
            "https://h:99999",
            "https://h:12a",
            "https://h:0",
            "https://bücher.example",
            "https://h h",
            "https://h\n",
            "https://[::1",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert!(!parse("https://user:secret@h").unwrap_err().contains("secret"));
    }
}
