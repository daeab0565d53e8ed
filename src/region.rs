//! Where requests go: a known region id, or any `http(s)` endpoint URL.

use crate::error::Error;
use crate::url::{self, ParsedUrl};
use crate::validate::quoted;

/// The region ids the official SDK knows, each served at `https://modelarts.{region}.myhuaweicloud.com`
/// except `ap-southeast-1` (Hong Kong), which is served under `.myhuaweicloud.cn`.
pub const REGIONS: [&str; 22] = [
    "cn-north-1",
    "cn-north-2",
    "cn-north-4",
    "cn-north-9",
    "cn-north-11",
    "cn-north-12",
    "cn-south-1",
    "cn-east-3",
    "cn-east-4",
    "cn-southwest-2",
    "cn-southwest-3",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "la-south-2",
    "la-north-2",
    "af-south-1",
    "af-north-1",
    "tr-west-1",
    "me-east-1",
    "sa-brazil-1",
];

/// The base of every request: scheme, host and port, nothing else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint(ParsedUrl);

impl Endpoint {
    /// The endpoint of a known region.
    ///
    /// # Errors
    /// [`Error::Config`] for an id not in [`REGIONS`], listing the known ones.
    pub fn for_region(region: &str) -> Result<Endpoint, Error> {
        if !REGIONS.contains(&region) {
            return Err(Error::Config(format!(
                "unknown region {}. Known regions: {}. For any other region, domain, proxy or the local emulator, pass `endpoint` (an http or https URL) instead.",
                quoted(region),
                REGIONS.join(", ")
            )));
        }
        let domain = if region == "ap-southeast-1" {
            "myhuaweicloud.cn"
        } else {
            "myhuaweicloud.com"
        };
        Endpoint::parse(&format!("https://modelarts.{region}.{domain}"))
    }

    /// An explicit endpoint URL: `http` or `https`, a trailing `/` tolerated, nothing after it.
    ///
    /// # Errors
    /// [`Error::Config`] for anything that is not a bare `http(s)://host[:port]`.
    pub fn parse(text: &str) -> Result<Endpoint, Error> {
        let invalid = |why: &str| {
            Error::Config(format!(
                "endpoint {why}; expected e.g. https://modelarts.cn-north-4.myhuaweicloud.com or http://127.0.0.1:8080"
            ))
        };
        let parsed = url::parse(text).map_err(|why| invalid(&why))?;
        if parsed.path != "/" || parsed.query.is_some() || parsed.has_fragment {
            return Err(invalid("must not have a path, query or fragment"));
        }
        Ok(Endpoint(parsed))
    }

    /// `scheme://host[:port]`, without a trailing slash.
    pub fn origin(&self) -> String {
        self.0.origin()
    }

    /// The value of the `Host` header requests to this endpoint carry.
    pub fn host(&self) -> &str {
        &self.0.host
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_region_has_an_endpoint() {
        for region in REGIONS {
            let endpoint = Endpoint::for_region(region).unwrap();
            let domain = if region == "ap-southeast-1" { "cn" } else { "com" };
            assert_eq!(
                endpoint.origin(),
                format!("https://modelarts.{region}.myhuaweicloud.{domain}")
            );
        }
        assert_eq!(
            Endpoint::for_region("cn-north-4").unwrap().host(),
            "modelarts.cn-north-4.myhuaweicloud.com"
        );
    }

    #[test]
    fn unknown_regions_list_the_known_ones_and_point_at_endpoint() {
        let message = Endpoint::for_region("eu-west-101").unwrap_err().to_string();
        assert!(message.contains("\"eu-west-101\""), "{message}");
        assert!(
            message.contains("cn-north-4") && message.contains("sa-brazil-1"),
            "{message}"
        );
        assert!(message.contains("`endpoint`"), "{message}");
    }

    #[test]
    fn explicit_endpoints() {
        assert_eq!(
            Endpoint::parse("http://127.0.0.1:8080/").unwrap().origin(),
            "http://127.0.0.1:8080"
        );
        assert_eq!(
            Endpoint::parse("https://modelarts.eu-west-101.myhuaweicloud.eu")
                .unwrap()
                .host(),
            "modelarts.eu-west-101.myhuaweicloud.eu"
        );
        for bad in ["https://h/v1", "https://h/?x=1", "https://h#f", "h:8080", "ws://h"] {
            assert!(matches!(Endpoint::parse(bad), Err(Error::Config(_))), "{bad}");
        }
    }
}
