//! Request and response types of the Hyper Cluster API.
//!
//! The wire keeps the API's snake_case (`hyper_cluster_subnet_id`); what JavaScript sees is camelCase
//! (`hyperClusterSubnetId`). Values of these types are valid by construction: they come out of
//! [`crate::validate`].

use crate::json::{write_string, Json};

/// The kind of servers a hyper cluster holds (`type` in the API).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ServerType {
    /// Hyper node service.
    #[cfg_attr(feature = "serde", serde(rename = "HPS"))]
    Hps,
    /// Elastic cloud server.
    #[cfg_attr(feature = "serde", serde(rename = "ECS"))]
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateHyperClusterBody {
    /// `^[-_.a-zA-Z0-9]{1,64}$`.
    pub name: String,
    /// The subnet the cluster's default network uses.
    pub hyper_cluster_subnet_id: Option<String>,
    /// The server type; the API has no default on create.
    pub server_type: Option<ServerType>,
}

impl CreateHyperClusterBody {
    /// The JSON body: `{"name":...,"hyper_cluster_subnet_id":...,"type":...}`, absent fields left out.
    pub fn to_json(&self) -> String {
        let mut out = String::from("{\"name\":");
        write_string(&mut out, &self.name);
        if let Some(subnet) = &self.hyper_cluster_subnet_id {
            out.push_str(",\"hyper_cluster_subnet_id\":");
            write_string(&mut out, subnet);
        }
        if let Some(server_type) = self.server_type {
            out.push_str(",\"type\":");
            write_string(&mut out, server_type.as_str());
        }
        out.push('}');
        out
    }
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkInfo {
    /// The subnet id.
    pub hyper_cluster_subnet_id: String,
    /// Whether this is the cluster's default network.
    pub is_default: bool,
}

/// A hyper cluster as the API returns it. Unknown fields in responses are ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HyperCluster {
    /// The cluster id (a UUID).
    pub id: String,
    /// The cluster name.
    pub name: String,
    /// The cluster's networks; an answer without `network_info` gives none.
    pub network_info: Vec<NetworkInfo>,
}

impl HyperCluster {
    /// Reads a cluster from its wire form (`id`, `name`, `network_info[]`), ignoring other members.
    ///
    /// # Errors
    /// Which member is missing or has the wrong type, e.g. ``missing field `id` ``.
    pub fn from_json(value: &Json) -> Result<HyperCluster, String> {
        let networks = match value.get("network_info") {
            None | Some(Json::Null) => Vec::new(),
            Some(Json::Array(items)) => items
                .iter()
                .map(|item| {
                    Ok(NetworkInfo {
                        hyper_cluster_subnet_id: text_member(item, "hyper_cluster_subnet_id")?,
                        is_default: match member(item, "is_default")? {
                            Json::Bool(flag) => *flag,
                            other => return Err(format!("`is_default` is {}, expected a boolean", other.kind())),
                        },
                    })
                })
                .collect::<Result<_, String>>()?,
            Some(other) => return Err(format!("`network_info` is {}, expected an array", other.kind())),
        };
        Ok(HyperCluster {
            id: text_member(value, "id")?,
            name: text_member(value, "name")?,
            network_info: networks,
        })
    }

    /// Reads the `hyper_clusters` array of a ListHyperCluster answer.
    ///
    /// # Errors
    /// As [`HyperCluster::from_json`], or when `hyper_clusters` is missing.
    pub fn list_from_json(value: &Json) -> Result<Vec<HyperCluster>, String> {
        match member(value, "hyper_clusters")? {
            Json::Array(items) => items.iter().map(HyperCluster::from_json).collect(),
            other => Err(format!("`hyper_clusters` is {}, expected an array", other.kind())),
        }
    }
}

fn member<'j>(value: &'j Json, name: &str) -> Result<&'j Json, String> {
    match value {
        Json::Object(_) => value.get(name).ok_or_else(|| format!("missing field `{name}`")),
        other => Err(format!("expected an object, found {}", other.kind())),
    }
}

fn text_member(value: &Json, name: &str) -> Result<String, String> {
    match member(value, name)? {
        Json::String(text) => Ok(text.clone()),
        other => Err(format!("`{name}` is {}, expected a string", other.kind())),
    }
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
        assert_eq!(body.to_json(), r#"{"name":"hc"}"#);
        let full = CreateHyperClusterBody {
            name: "hc".into(),
            hyper_cluster_subnet_id: Some("47be1c96-b00c-4cc9-83cb-089893a632b6".into()),
            server_type: Some(ServerType::Ecs),
        };
        assert_eq!(
            full.to_json(),
            r#"{"name":"hc","hyper_cluster_subnet_id":"47be1c96-b00c-4cc9-83cb-089893a632b6","type":"ECS"}"#
        );
    }

    #[test]
    fn cluster_reads_the_wire_form_and_ignores_unknown_members() {
        let wire = br#"{"id":"74437437-6810-43b8-ba20-8f8e5bc034da","name":"test-hps--1107","network_info":[{"hyper_cluster_subnet_id":"47be1c96-b00c-4cc9-83cb-089893a632b6","is_default":true}],"extra":{"x":[1.5]}}"#;
        let cluster = HyperCluster::from_json(&crate::json::parse(wire).unwrap()).unwrap();
        assert_eq!(cluster.name, "test-hps--1107");
        assert_eq!(
            cluster.network_info[0].hyper_cluster_subnet_id,
            "47be1c96-b00c-4cc9-83cb-089893a632b6"
        );
        assert!(cluster.network_info[0].is_default);
    }

    #[test]
    fn cluster_members_are_checked() {
        let read = |text: &str| HyperCluster::from_json(&crate::json::parse(text.as_bytes()).unwrap());
        assert_eq!(read(r#"{"name":"x"}"#).unwrap_err(), "missing field `id`");
        assert_eq!(
            read(r#"{"id":1,"name":"x"}"#).unwrap_err(),
            "`id` is a number, expected a string"
        );
        assert_eq!(read(r#"[]"#).unwrap_err(), "expected an object, found an array");
        assert!(read(r#"{"id":"i","name":"n","network_info":{}}"#).is_err());
        assert!(
            read(r#"{"id":"i","name":"n","network_info":[{"hyper_cluster_subnet_id":"s","is_default":"yes"}]}"#)
                .is_err()
        );
        assert!(read(r#"{"id":"i","name":"n","network_info":null}"#)
            .unwrap()
            .network_info
            .is_empty());
    }

    #[test]
    fn server_type_is_case_sensitive() {
        assert_eq!(ServerType::parse("HPS"), Some(ServerType::Hps));
        assert_eq!(ServerType::parse("ECS"), Some(ServerType::Ecs));
        assert_eq!(ServerType::parse("hps"), None);
    }
}
