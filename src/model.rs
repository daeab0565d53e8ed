//! Request and response types of the Hyper Cluster API.
//!
//! The wire keeps the API's snake_case (`hyper_cluster_subnet_id`); what JavaScript sees is camelCase
//! (`hyperClusterSubnetId`). Values of these types are valid by construction: they come out of
//! [`crate::validate`].

use serde::{Deserialize, Serialize};

/// The kind of servers a hyper cluster holds (`type` in the API).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ServerType {
    /// Hyper node service.
    #[serde(rename = "HPS")]
    Hps,
    /// Elastic cloud server.
    #[serde(rename = "ECS")]
    Ecs,
}

impl ServerType {
    /// Every server type, in the order the API documents them.
    pub const ALL: [ServerType; 2] = [ServerType::Hps, ServerType::Ecs];

    /// The wire spelling: `HPS` or `ECS`.
    pub fn as_str(self) -> &'static str {
        match self {
            ServerType::Hps => "HPS",
            ServerType::Ecs => "ECS",
        }
    }

    /// Parses the exact wire spelling (case-sensitive, as the API is).
    pub fn parse(text: &str) -> Option<ServerType> {
        ServerType::ALL.into_iter().find(|t| t.as_str() == text)
    }
}

/// A validated project id: 1 to 64 ASCII letters, digits or `-`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectId(pub(crate) String);

/// A validated hyper cluster (or subnet) id: a lower-case RFC 4122 UUID, version 1 to 5.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterId(pub(crate) String);

macro_rules! string_newtype {
    ($($name:ident),*) => {$(
        impl $name {
            /// The validated text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    )*};
}
string_newtype!(ProjectId, ClusterId);

/// The body of a CreateHyperCluster request, validated. Absent optional fields are not sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CreateHyperClusterBody {
    /// `^[-_.a-zA-Z0-9]{1,64}$`.
    pub name: String,
    /// The subnet the cluster's default network uses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hyper_cluster_subnet_id: Option<String>,
    /// The server type; the API has no default on create.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub server_type: Option<ServerType>,
}

/// A validated CreateHyperCluster call: the path's project id and the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateHyperCluster {
    /// The project the cluster is created in.
    pub project_id: ProjectId,
    /// What is sent as JSON.
    pub body: CreateHyperClusterBody,
}

/// One network of a hyper cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all(serialize = "camelCase"))]
pub struct NetworkInfo {
    /// The subnet id.
    pub hyper_cluster_subnet_id: String,
    /// Whether this is the cluster's default network.
    pub is_default: bool,
}

/// A hyper cluster as the API returns it. Unknown fields in responses are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all(serialize = "camelCase"))]
pub struct HyperCluster {
    /// The cluster id (a UUID).
    pub id: String,
    /// The cluster name.
    pub name: String,
    /// The cluster's networks. Required on create; some list/get answers leave it out.
    #[serde(default)]
    pub network_info: Vec<NetworkInfo>,
}

/// The body of a ListHyperCluster answer.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub(crate) struct HyperClusterList {
    pub(crate) hyper_clusters: Vec<HyperCluster>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_omits_absent_fields_and_keeps_snake_case() {
        let body = CreateHyperClusterBody {
            name: "hc".into(),
            hyper_cluster_subnet_id: None,
            server_type: None,
        };
        assert_eq!(serde_json::to_string(&body).unwrap(), r#"{"name":"hc"}"#);
        let full = CreateHyperClusterBody {
            name: "hc".into(),
            hyper_cluster_subnet_id: Some("47be1c96-b00c-4cc9-83cb-089893a632b6".into()),
            server_type: Some(ServerType::Ecs),
        };
        assert_eq!(
            serde_json::to_string(&full).unwrap(),
            r#"{"name":"hc","hyper_cluster_subnet_id":"47be1c96-b00c-4cc9-83cb-089893a632b6","type":"ECS"}"#
        );
    }

    #[test]
    fn cluster_reads_snake_case_and_writes_camel_case() {
        let wire = r#"{"id":"74437437-6810-43b8-ba20-8f8e5bc034da","name":"test-hps--1107","network_info":[{"hyper_cluster_subnet_id":"47be1c96-b00c-4cc9-83cb-089893a632b6","is_default":true}],"extra":1}"#;
        let cluster: HyperCluster = serde_json::from_str(wire).unwrap();
        assert_eq!(cluster.network_info.len(), 1);
        let js = serde_json::to_string(&cluster).unwrap();
        assert!(js.contains(r#""networkInfo":[{"hyperClusterSubnetId":"47be1c96"#));
        assert!(js.contains(r#""isDefault":true"#));
    }

    #[test]
    fn server_type_is_case_sensitive() {
        assert_eq!(ServerType::parse("HPS"), Some(ServerType::Hps));
        assert_eq!(ServerType::parse("ECS"), Some(ServerType::Ecs));
        assert_eq!(ServerType::parse("hps"), None);
    }
}
