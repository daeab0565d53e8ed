//! Validate, sign and send Huawei Cloud ModelArts Hyper Cluster API requests.
//!
//! The crate is a pure core (no I/O, no clock, no JavaScript) with a thin WebAssembly edge:
//!
//! - [`validate`]: the API's field rules, every problem reported at once;
//! - [`region`]: region ids and explicit endpoints;
//! - [`sign`]: SDK-HMAC-SHA256 signing, stage by stage;
//! - [`request`]: operations -> [`HttpRequest`]s; [`response`]: answers -> results or [`Error`]s;
//! - [`json`]: the small JSON reader and writer those two use;
//! - `fetch` and `wasm` (wasm32 only): the one `fetch` call and the `#[wasm_bindgen]` exports.
//!
//! ```
//! use modelarts_hyper_cluster::{build_request, validate_create, Auth, ClientConfig, CreateHyperClusterInput, Endpoint, Operation, SdkDate};
//!
//! let valid = validate_create(&CreateHyperClusterInput {
//!     project_id: "0123456789abcdef0123456789abcdef".into(),
//!     name: "test-hps--1107".into(),
//!     hyper_cluster_subnet_id: None::<&str>.into(),
//!     server_type: "HPS".into(),
//! })
//! .expect("valid");
//! let config = ClientConfig {
//!     endpoint: Endpoint::for_region("cn-north-4")?,
//!     project_id: valid.project_id,
//!     auth: Auth::token("an-IAM-token".into())?,
//! };
//! let request = build_request(&config, &Operation::Create(valid.body), SdkDate::parse("20250101T000000Z")?);
//! assert_eq!(request.method, "POST");
//! assert_eq!(request.body.as_deref(), Some(r#"{"name":"test-hps--1107","type":"HPS"}"#));
//! # Ok::<(), modelarts_hyper_cluster::Error>(())
//! ```

pub mod error;
pub mod json;
pub mod model;
pub mod region;
pub mod request;
pub mod response;
pub mod sign;
pub mod url;
pub mod validate;

#[cfg(target_arch = "wasm32")]
mod fetch;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::{ApiError, Error};
pub use model::{
    ClusterId, CreateHyperCluster, CreateHyperClusterBody, HyperCluster, NetworkInfo, ProjectId, ServerType,
};
pub use region::{Endpoint, REGIONS};
pub use request::{build_request, sign_external, Auth, ClientConfig, ExternalRequest, HttpRequest, Operation};
pub use response::{parse_cluster, parse_cluster_list, parse_deleted, HttpResponse};
pub use sign::{AccessKeyCredentials, SdkDate, Secret};
pub use validate::{validate_create, CreateHyperClusterInput, FieldIssue, InputValue, IssueCode};
