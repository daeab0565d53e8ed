//! The emulator's clusters: in memory behind one lock, optionally mirrored to a state file that is
//! replaced atomically (temporary file, fsync, rename, fsync of the folder) after every change.
//!
//! A change is kept in memory only once the file holds it, so a failed write changes nothing. A
//! state file that cannot be read or checked stops the start: the emulator never overwrites what it
//! could not understand.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use modelarts_hyper_cluster::validate::{self, InputValue};
use modelarts_hyper_cluster::{FieldIssue, ServerType};
use serde::{Deserialize, Serialize};

/// The state file's format version.
const VERSION: u32 = 1;

/// One hyper cluster as the emulator keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cluster {
    /// The project it belongs to.
    pub project_id: String,
    /// Its id, a UUID v4.
    pub id: String,
    /// Its name.
    pub name: String,
    /// `HPS` or `ECS` (`HPS` when the create request gave none: the type list and get default to).
    #[serde(rename = "type")]
    pub server_type: ServerType,
    /// Its networks; the first is the default.
    pub network_info: Vec<Network>,
}

/// One network of a cluster, as the API writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Network {
    /// The subnet id.
    pub hyper_cluster_subnet_id: String,
    /// Whether it is the cluster's default network.
    pub is_default: bool,
}

impl Cluster {
    /// The API's JSON form: `{id, name, network_info: [{hyper_cluster_subnet_id, is_default}]}`.
    pub fn to_wire(&self) -> serde_json::Value {
        serde_json::json!({
            "id": self.id,
            "name": self.name,
            "network_info": self.network_info,
        })
    }

    fn matches(&self, project_id: &str, id: &str, server_type: ServerType) -> bool {
        self.project_id == project_id && self.id == id && self.server_type == server_type
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StateFile {
    version: u32,
    clusters: Vec<Cluster>,
}

/// All clusters of all projects, in creation order.
#[derive(Debug)]
pub struct Store {
    clusters: Mutex<Vec<Cluster>>,
    file: Option<PathBuf>,
}

impl Store {
    /// An empty store that lives in memory only.
    pub fn in_memory() -> Store {
        Store {
            clusters: Mutex::new(Vec::new()),
            file: None,
        }
    }

    /// Loads the state file, or starts empty when it does not exist yet (it is written at the first
    /// change).
    ///
    /// # Errors
    /// A sentence naming the file and what is wrong with it: unreadable, not JSON, not the expected
    /// shape, a value breaking the API's rules, or a folder that does not exist.
    pub fn open(path: &Path) -> Result<Store, String> {
        let shown = path.display();
        let clusters = match fs::read(path) {
            Ok(bytes) => parse_state(&bytes).map_err(|why| format!("state file {shown} is not valid: {why}"))?,
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                let folder = folder_of(path);
                if !folder.is_dir() {
                    return Err(format!(
                        "state file {shown} cannot be created: folder {} does not exist",
                        folder.display()
                    ));
                }
                Vec::new()
            }
            Err(error) => return Err(format!("state file {shown} cannot be read: {error}")),
        };
        Ok(Store {
            clusters: Mutex::new(clusters),
            file: Some(path.to_owned()),
        })
    }

    /// How many clusters there are, in all projects.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Adds a cluster.
    ///
    /// # Errors
    /// The state file could not be written; the cluster was not added.
    pub fn create(&self, cluster: Cluster) -> io::Result<()> {
        let mut clusters = self.lock();
        clusters.push(cluster);
        if let Err(error) = self.persist(&clusters) {
            clusters.pop();
            return Err(error);
        }
        Ok(())
    }

    /// The clusters of a project and type, oldest first.
    pub fn list(&self, project_id: &str, server_type: ServerType) -> Vec<Cluster> {
        self.lock()
            .iter()
            .filter(|c| c.project_id == project_id && c.server_type == server_type)
            .cloned()
            .collect()
    }

    /// One cluster, when it exists in that project with that type.
    pub fn get(&self, project_id: &str, id: &str, server_type: ServerType) -> Option<Cluster> {
        self.lock()
            .iter()
            .find(|c| c.matches(project_id, id, server_type))
            .cloned()
    }

    /// Removes a cluster; `Ok(None)` when there was none.
    ///
    /// # Errors
    /// The state file could not be written; the cluster was not removed.
    pub fn delete(&self, project_id: &str, id: &str, server_type: ServerType) -> io::Result<Option<Cluster>> {
        let mut clusters = self.lock();
        let Some(index) = clusters.iter().position(|c| c.matches(project_id, id, server_type)) else {
            return Ok(None);
        };
        let removed = clusters.remove(index);
        if let Err(error) = self.persist(&clusters) {
            clusters.insert(index, removed);
            return Err(error);
        }
        Ok(Some(removed))
    }

    fn lock(&self) -> MutexGuard<'_, Vec<Cluster>> {
        // A panic while holding the lock cannot leave the vector half-changed (every change is a
        // single push, pop, insert or remove), so a poisoned lock is still usable.
        self.clusters.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Writes the whole state; called with the lock held, so writes happen in the order of changes.
    fn persist(&self, clusters: &[Cluster]) -> io::Result<()> {
        let Some(path) = &self.file else {
            return Ok(());
        };
        let state = StateFile {
            version: VERSION,
            clusters: clusters.to_vec(),
        };
        let mut bytes = serde_json::to_vec_pretty(&state).map_err(io::Error::other)?;
        bytes.push(b'\n');
        write_atomically(path, &bytes)
    }
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Replaces `path` with `bytes` so that a crash at any point leaves either the old or the new file.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let folder = folder_of(path);
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the state file path has no file name"))?;
    let temporary = folder.join(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()));
    let written = (|| {
        let mut file = File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temporary, path)
    })();
    if let Err(error) = written {
        let _ = fs::remove_file(&temporary);
        return Err(error);
    }
    // The rename is durable only once the folder's entry is on disk.
    #[cfg(unix)]
    File::open(folder)?.sync_all()?;
    Ok(())
}

/// Reads and checks a state file with the crate's own rules.
fn parse_state(bytes: &[u8]) -> Result<Vec<Cluster>, String> {
    let state: StateFile = serde_json::from_slice(bytes).map_err(|why| why.to_string())?;
    if state.version != VERSION {
        return Err(format!(
            "version {} is not supported (expected {VERSION})",
            state.version
        ));
    }
    let mut ids = std::collections::HashSet::new();
    for (index, cluster) in state.clusters.iter().enumerate() {
        let text = |value: &str| InputValue::Text(value.to_owned());
        let mut problems = Vec::new();
        let mut check = |label: String, result: Result<(), Vec<FieldIssue>>| {
            if let Err(issues) = result {
                problems.extend(issues.into_iter().map(|issue| format!("{label} {}", issue.message)));
            }
        };
        check(
            "project_id".into(),
            validate::project_id(&text(&cluster.project_id)).map(drop),
        );
        check("name".into(), validate::cluster_name(&text(&cluster.name)).map(drop));
        check("id".into(), validate::cluster_id(&text(&cluster.id)).map(drop));
        for (n, network) in cluster.network_info.iter().enumerate() {
            // Subnet ids follow the same UUID rule as cluster ids.
            check(
                format!("network_info[{n}].hyper_cluster_subnet_id"),
                validate::cluster_id(&text(&network.hyper_cluster_subnet_id)).map(drop),
            );
        }
        if !problems.is_empty() {
            return Err(format!("clusters[{index}]: {}", problems.join("; ")));
        }
        if !ids.insert(cluster.id.as_str()) {
            return Err(format!("clusters[{index}]: id {} appears twice", cluster.id));
        }
    }
    Ok(state.clusters)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cluster(id: &str) -> Cluster {
        Cluster {
            project_id: "p1".into(),
            id: id.into(),
            name: "hc".into(),
            server_type: ServerType::Hps,
            network_info: vec![Network {
                hyper_cluster_subnet_id: "47be1c96-b00c-4cc9-83cb-089893a632b6".into(),
                is_default: true,
            }],
        }
    }

    const ID: &str = "74437437-6810-43b8-ba20-8f8e5bc034da";

    #[test]
    fn state_files_are_checked_with_the_crate_rules() {
        let good = serde_json::to_vec(&StateFile {
            version: 1,
            clusters: vec![cluster(ID)],
        })
        .unwrap();
        assert_eq!(parse_state(&good).unwrap(), vec![cluster(ID)]);
        let bad_name = String::from_utf8(good.clone()).unwrap().replace("\"hc\"", "\"h c\"");
        assert!(parse_state(bad_name.as_bytes())
            .unwrap_err()
            .contains("name may only contain"));
        let bad_subnet = String::from_utf8(good.clone()).unwrap().replace("47be1c96", "47BE1C96");
        let why = parse_state(bad_subnet.as_bytes()).unwrap_err();
        assert!(
            why.starts_with("clusters[0]: network_info[0].hyper_cluster_subnet_id"),
            "{why}"
        );
        let twice = serde_json::to_vec(&StateFile {
            version: 1,
            clusters: vec![cluster(ID), cluster(ID)],
        })
        .unwrap();
        assert!(parse_state(&twice).unwrap_err().contains("appears twice"));
        assert!(parse_state(b"{\"version\":2,\"clusters\":[]}")
            .unwrap_err()
            .contains("version 2"));
        assert!(parse_state(b"{\"version\":1}").is_err());
        assert!(parse_state(b"[]").is_err());
        assert!(parse_state(b"").is_err());
    }

    #[test]
    fn list_get_and_delete_filter_by_project_and_type() {
        let store = Store::in_memory();
        store.create(cluster(ID)).unwrap();
        assert_eq!(store.list("p1", ServerType::Hps).len(), 1);
        assert!(store.list("p1", ServerType::Ecs).is_empty());
        assert!(store.list("p2", ServerType::Hps).is_empty());
        assert!(store.get("p1", ID, ServerType::Ecs).is_none());
        assert!(store.get("p2", ID, ServerType::Hps).is_none());
        assert!(store.delete("p1", ID, ServerType::Ecs).unwrap().is_none());
        assert_eq!(store.delete("p1", ID, ServerType::Hps).unwrap(), Some(cluster(ID)));
        assert_eq!(store.len(), 0);
    }
}
