//! The API's field rules, as code: each rule parses loosely typed input into a typed value or a
//! [`FieldIssue`]. Every caller (the wasm exports, the emulator, the console through the wasm
//! exports) goes through these functions, so each rule lives here and nowhere else.
//!
//! The rules are written out by hand rather than with the `regex` crate: they are four short
//! character-class checks, and `regex` would add well over 100 KB to the `.wasm`.

use crate::json::Json;
use crate::model::{ClusterId, CreateHyperCluster, CreateHyperClusterBody, ProjectId, ServerType};

/// Maximum length of a project id and of a cluster name, in characters.
pub const MAX_LEN: usize = 64;

/// A value as the caller gave it, before any rule ran: JavaScript and JSON callers can pass anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputValue {
    /// The field is not there (`undefined` in JavaScript).
    Missing,
    /// The field is `null`.
    Null,
    /// A string.
    Text(String),
    /// Anything else; the text names its type (`number`, `boolean`, `array`, `object`, ...).
    Other(&'static str),
}

impl InputValue {
    /// Reads a JSON value (the emulator's request bodies).
    pub fn from_json(value: Option<&Json>) -> InputValue {
        match value {
            None => InputValue::Missing,
            Some(Json::Null) => InputValue::Null,
            Some(Json::String(text)) => InputValue::Text(text.clone()),
            Some(Json::Bool(_)) => InputValue::Other("boolean"),
            Some(Json::Number(_)) => InputValue::Other("number"),
            Some(Json::Array(_)) => InputValue::Other("array"),
            Some(Json::Object(_)) => InputValue::Other("object"),
        }
    }

    fn describe(&self) -> &'static str {
        match self {
            InputValue::Missing => "undefined",
            InputValue::Null => "null",
            InputValue::Text(_) => "string",
            InputValue::Other(kind) => kind,
        }
    }
}

impl From<&str> for InputValue {
    fn from(text: &str) -> Self {
        InputValue::Text(text.to_owned())
    }
}

impl<T: Into<InputValue>> From<Option<T>> for InputValue {
    fn from(value: Option<T>) -> Self {
        value.map_or(InputValue::Missing, Into::into)
    }
}

/// A CreateHyperCluster call as the caller gave it (JavaScript names in the docs below).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateHyperClusterInput {
    /// `projectId`: required.
    pub project_id: InputValue,
    /// `name`: required.
    pub name: InputValue,
    /// `hyperClusterSubnetId`: optional.
    pub hyper_cluster_subnet_id: InputValue,
    /// `type`: optional.
    pub server_type: InputValue,
}

/// Why a field was refused. The string forms are stable: callers branch on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueCode {
    /// A required field is missing, `null` or empty.
    Required,
    /// The value has the wrong type (a number where a string belongs).
    Type,
    /// The value is too long.
    Length,
    /// The value has characters or a shape the rule does not allow.
    Pattern,
    /// The value is not one of the allowed values.
    Enum,
}

impl IssueCode {
    /// The stable string form: `required`, `type`, `length`, `pattern` or `enum`.
    pub fn as_str(self) -> &'static str {
        match self {
            IssueCode::Required => "required",
            IssueCode::Type => "type",
            IssueCode::Length => "length",
            IssueCode::Pattern => "pattern",
            IssueCode::Enum => "enum",
        }
    }
}

/// One problem with one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldIssue {
    /// The JavaScript name of the field (`hyperClusterSubnetId`).
    pub field: &'static str,
    /// The API's name of the parameter (`hyper_cluster_subnet_id`).
    pub param: &'static str,
    /// Why it was refused.
    pub code: IssueCode,
    /// What is allowed, in words, without the field's name (callers put it in front).
    pub message: String,
}

impl std::fmt::Display for FieldIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.field, self.message)
    }
}

/// A field's two names: what JavaScript calls it and what the API calls it.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// JavaScript name.
    pub js: &'static str,
    /// API name.
    pub api: &'static str,
}

impl Field {
    fn issue(self, code: IssueCode, message: String) -> FieldIssue {
        FieldIssue {
            field: self.js,
            param: self.api,
            code,
            message,
        }
    }
}

/// `projectId` / `project_id`.
pub const PROJECT_ID: Field = Field {
    js: "projectId",
    api: "project_id",
};
/// `name`.
pub const NAME: Field = Field {
    js: "name",
    api: "name",
};
/// `hyperClusterSubnetId` / `hyper_cluster_subnet_id`.
pub const SUBNET_ID: Field = Field {
    js: "hyperClusterSubnetId",
    api: "hyper_cluster_subnet_id",
};
/// `type`.
pub const TYPE: Field = Field {
    js: "type",
    api: "type",
};
/// `id`: the cluster id in the path of get and delete.
pub const CLUSTER_ID: Field = Field { js: "id", api: "id" };
/// The whole input, when it is not an object at all.
pub const INPUT: Field = Field {
    js: "input",
    api: "body",
};

/// The issue for an input that is not an object (`undefined`, `null`, a string, an array...).
pub fn not_an_object(kind: &str) -> FieldIssue {
    INPUT.issue(
        IssueCode::Type,
        format!("must be an object such as {{ projectId, name, hyperClusterSubnetId?, type? }} (got {kind})"),
    )
}

/// Reads a CreateHyperCluster JSON body (wire names) for the project in the path.
///
/// # Errors
/// The [`not_an_object`] issue when the body is not a JSON object.
pub fn create_input_from_json(project_id: &str, body: &Json) -> Result<CreateHyperClusterInput, FieldIssue> {
    if !matches!(body, Json::Object(_)) {
        return Err(not_an_object(InputValue::from_json(Some(body)).describe()));
    }
    Ok(CreateHyperClusterInput {
        project_id: InputValue::Text(project_id.to_owned()),
        name: InputValue::from_json(body.get(NAME.api)),
        hyper_cluster_subnet_id: InputValue::from_json(body.get(SUBNET_ID.api)),
        server_type: InputValue::from_json(body.get(TYPE.api)),
    })
}

/// Validates a whole CreateHyperCluster call and returns every problem at once.
///
/// # Errors
/// One [`FieldIssue`] per problem, in field order: `projectId`, `name`, `hyperClusterSubnetId`,
/// `type`. A field may have more than one (a name that is too long and has a space).
pub fn validate_create(input: &CreateHyperClusterInput) -> Result<CreateHyperCluster, Vec<FieldIssue>> {
    let mut issues = Vec::new();
    let project_id = collect(&mut issues, project_id(&input.project_id));
    let name = collect(&mut issues, cluster_name(&input.name));
    let subnet = collect(
        &mut issues,
        optional(SUBNET_ID, &input.hyper_cluster_subnet_id, |v| uuid(SUBNET_ID, v)),
    );
    let server_type = collect(&mut issues, server_type(&input.server_type));
    match (project_id, name, subnet, server_type) {
        (Some(project_id), Some(name), Some(subnet), Some(server_type)) if issues.is_empty() => {
            Ok(CreateHyperCluster {
                project_id,
                body: CreateHyperClusterBody {
                    name,
                    hyper_cluster_subnet_id: subnet.map(|id| id.0),
                    server_type,
                },
            })
        }
        _ => Err(issues),
    }
}

fn collect<T>(issues: &mut Vec<FieldIssue>, result: Result<T, Vec<FieldIssue>>) -> Option<T> {
    result.map_err(|found| issues.extend(found)).ok()
}

/// Project id: required, 1 to 64 characters, ASCII letters, digits and `-` only.
///
/// # Errors
/// `required`, `type`, `length` and/or `pattern` issues.
pub fn project_id(value: &InputValue) -> Result<ProjectId, Vec<FieldIssue>> {
    let text = required_text(PROJECT_ID, value)?;
    bounded_charset(
        PROJECT_ID,
        &text,
        |c| c.is_ascii_alphanumeric() || c == '-',
        "letters, digits and '-'",
    )?;
    Ok(ProjectId(text))
}

/// Cluster name: required, `^[-_.a-zA-Z0-9]{1,64}$`.
///
/// # Errors
/// `required`, `type`, `length` and/or `pattern` issues.
pub fn cluster_name(value: &InputValue) -> Result<String, Vec<FieldIssue>> {
    let text = required_text(NAME, value)?;
    bounded_charset(
        NAME,
        &text,
        |c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'),
        "letters, digits, '-', '_' and '.'",
    )?;
    Ok(text)
}

/// A cluster id in a path (get, delete): required, the UUID rule.
///
/// # Errors
/// `required`, `type` or `pattern` issues.
pub fn cluster_id(value: &InputValue) -> Result<ClusterId, Vec<FieldIssue>> {
    let text = required_text(CLUSTER_ID, value)?;
    uuid(CLUSTER_ID, &text)
}

/// Server type: optional; `HPS` or `ECS`, case-sensitive. `undefined` and `null` mean "not set".
///
/// # Errors
/// A `type` or `enum` issue.
pub fn server_type(value: &InputValue) -> Result<Option<ServerType>, Vec<FieldIssue>> {
    optional(TYPE, value, |text| {
        ServerType::parse(text).ok_or_else(|| {
            let hint = if ServerType::parse(&text.to_ascii_uppercase()).is_some() {
                "; the value is case-sensitive"
            } else {
                ""
            };
            vec![TYPE.issue(
                IssueCode::Enum,
                format!(
                    "must be \"HPS\" (hyper node service) or \"ECS\" (elastic cloud server) (got {}{hint})",
                    quoted(text)
                ),
            )]
        })
    })
}

/// `undefined` and `null` give `None`; a string goes through `rule`; anything else is a `type` issue.
fn optional<T>(
    field: Field,
    value: &InputValue,
    rule: impl FnOnce(&str) -> Result<T, Vec<FieldIssue>>,
) -> Result<Option<T>, Vec<FieldIssue>> {
    match value {
        InputValue::Missing | InputValue::Null => Ok(None),
        InputValue::Text(text) => rule(text).map(Some),
        InputValue::Other(kind) => Err(vec![wrong_type(field, kind)]),
    }
}

fn required_text(field: Field, value: &InputValue) -> Result<String, Vec<FieldIssue>> {
    match value {
        InputValue::Text(text) if !text.is_empty() => Ok(text.clone()),
        InputValue::Text(_) | InputValue::Missing | InputValue::Null => Err(vec![field.issue(
            IssueCode::Required,
            format!(
                "is required (got {})",
                if value == &InputValue::Text(String::new()) {
                    "an empty string"
                } else {
                    value.describe()
                }
            ),
        )]),
        InputValue::Other(kind) => Err(vec![wrong_type(field, kind)]),
    }
}

fn wrong_type(field: Field, kind: &str) -> FieldIssue {
    field.issue(IssueCode::Type, format!("must be a string (got {kind})"))
}

/// Checks the 64-character limit and the allowed characters; reports both when both fail.
fn bounded_charset(
    field: Field,
    text: &str,
    allowed: impl Fn(char) -> bool,
    allowed_words: &str,
) -> Result<(), Vec<FieldIssue>> {
    let mut issues = Vec::new();
    let length = text.chars().count();
    if length > MAX_LEN {
        issues.push(field.issue(
            IssueCode::Length,
            format!("must be at most {MAX_LEN} characters long (got {length})"),
        ));
    }
    if let Some((position, bad)) = text.chars().enumerate().find(|&(_, c)| !allowed(c)) {
        issues.push(field.issue(
            IssueCode::Pattern,
            format!(
                "may only contain {allowed_words} (found {} at position {})",
                describe_char(bad),
                position + 1
            ),
        ));
    }
    if issues.is_empty() {
        Ok(())
    } else {
        Err(issues)
    }
}

/// The id rule: `^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, with a
/// message that says which part is wrong.
fn uuid(field: Field, text: &str) -> Result<ClusterId, Vec<FieldIssue>> {
    const EXAMPLE: &str = "47be1c96-b00c-4cc9-83cb-089893a632b6";
    let shape = format!("must be a lower-case UUID such as {EXAMPLE} (8-4-4-4-12 hex digits)");
    let fail = |detail: String| Err(vec![field.issue(IssueCode::Pattern, detail)]);
    let chars: Vec<char> = text.chars().collect();
    if chars.len() != 36 {
        return fail(format!("{shape}; got {} characters instead of 36", chars.len()));
    }
    for (index, &c) in chars.iter().enumerate() {
        let dash_here = matches!(index, 8 | 13 | 18 | 23);
        if dash_here && c != '-' {
            return fail(format!(
                "{shape}; expected '-' at position {}, found {}",
                index + 1,
                describe_char(c)
            ));
        }
        if !dash_here && !matches!(c, '0'..='9' | 'a'..='f') {
            let why = if c.is_ascii_hexdigit() {
                "upper-case hex digits are not allowed"
            } else {
                "not a hex digit"
            };
            return fail(format!(
                "{shape}; found {} at position {} ({why})",
                describe_char(c),
                index + 1
            ));
        }
    }
    if !matches!(chars[14], '1'..='5') {
        return fail(format!(
            "must be a UUID of version 1 to 5: the 15th character must be 1-5 (got '{}')",
            chars[14]
        ));
    }
    if !matches!(chars[19], '8' | '9' | 'a' | 'b') {
        return fail(format!(
            "must be an RFC 4122 UUID: the 20th character must be 8, 9, a or b (got '{}')",
            chars[19]
        ));
    }
    Ok(ClusterId(text.to_owned()))
}

/// Quotes user text for a message, shortened so a huge value cannot flood an error. Written out
/// rather than `{:?}`, whose escaping pulls Unicode tables into the `.wasm`.
pub(crate) fn quoted(text: &str) -> String {
    const KEEP: usize = 40;
    let mut out = String::from("\"");
    for c in text.chars().take(KEEP) {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    if text.chars().nth(KEEP).is_some() {
        out.push_str("...");
    }
    out
}

fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".to_owned(),
        c if c.is_control() || c.is_whitespace() => format!("U+{:04X}", u32::from(c)),
        c => format!("'{c}'"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(project: &str, name: &str, subnet: Option<&str>, server_type: Option<&str>) -> CreateHyperClusterInput {
        CreateHyperClusterInput {
            project_id: project.into(),
            name: name.into(),
            hyper_cluster_subnet_id: subnet.into(),
            server_type: server_type.into(),
        }
    }

    fn codes(result: Result<impl std::fmt::Debug, Vec<FieldIssue>>) -> Vec<(&'static str, &'static str)> {
        result
            .expect_err("expected issues")
            .iter()
            .map(|i| (i.field, i.code.as_str()))
            .collect()
    }

    const PROJECT: &str = "0123456789abcdef0123456789abcdef";
    const SUBNET: &str = "47be1c96-b00c-4cc9-83cb-089893a632b6";

    #[test]
    fn a_valid_request_parses_into_typed_values() {
        let valid = validate_create(&input(PROJECT, "test-hps--1107", Some(SUBNET), Some("ECS"))).unwrap();
        assert_eq!(valid.project_id.as_str(), PROJECT);
        assert_eq!(valid.body.name, "test-hps--1107");
        assert_eq!(valid.body.hyper_cluster_subnet_id.as_deref(), Some(SUBNET));
        assert_eq!(valid.body.server_type, Some(ServerType::Ecs));
        let minimal = validate_create(&input("p", "n", None, None)).unwrap();
        assert_eq!(minimal.body.server_type, None);
    }

    #[test]
    fn project_id_boundaries() {
        assert!(project_id(&"a".repeat(64).as_str().into()).is_ok());
        assert!(project_id(&"A-b-9".into()).is_ok());
        assert_eq!(
            codes(project_id(&"a".repeat(65).as_str().into())),
            [("projectId", "length")]
        );
        assert_eq!(codes(project_id(&"".into())), [("projectId", "required")]);
        assert_eq!(codes(project_id(&InputValue::Missing)), [("projectId", "required")]);
        for bad in ["a_b", "a.b", "a b", "a/b", "é", "a\u{0}", "a%2F"] {
            assert_eq!(codes(project_id(&bad.into())), [("projectId", "pattern")], "{bad}");
        }
        // Too long and a bad character: both reported.
        assert_eq!(
            codes(project_id(&format!("{}_", "a".repeat(64)).as_str().into())),
            [("projectId", "length"), ("projectId", "pattern")]
        );
    }

    #[test]
    fn name_boundaries() {
        assert!(cluster_name(&"n".repeat(64).as_str().into()).is_ok());
        assert!(cluster_name(&"-_.aZ09".into()).is_ok());
        assert_eq!(
            codes(cluster_name(&"n".repeat(65).as_str().into())),
            [("name", "length")]
        );
        assert_eq!(codes(cluster_name(&"".into())), [("name", "required")]);
        // Each forbidden class: space, other punctuation, non-ASCII letters, control characters, emoji.
        for bad in [
            "a b", "a/b", "a:b", "a@b", "ä", "名前", "a\tb", "a\u{7f}", "🚀", "a+b", "a,b",
        ] {
            assert_eq!(codes(cluster_name(&bad.into())), [("name", "pattern")], "{bad}");
        }
        let issue = &cluster_name(&"my cluster".into()).unwrap_err()[0];
        assert_eq!(
            issue.message,
            "may only contain letters, digits, '-', '_' and '.' (found a space at position 3)"
        );
        // 64 multi-byte characters are 64 characters, not 128 bytes: only the pattern fails.
        assert_eq!(
            codes(cluster_name(&"é".repeat(64).as_str().into())),
            [("name", "pattern")]
        );
    }

    #[test]
    fn uuid_rule() {
        let subnet = |text: &str| codes(validate_create(&input(PROJECT, "n", Some(text), None)));
        for version in '1'..='5' {
            for variant in ['8', '9', 'a', 'b'] {
                let id = format!("47be1c96-b00c-{version}cc9-{variant}3cb-089893a632b6");
                assert!(validate_create(&input(PROJECT, "n", Some(&id), None)).is_ok(), "{id}");
            }
        }
        let pattern = [("hyperClusterSubnetId", "pattern")];
        assert_eq!(subnet("47BE1C96-B00C-4CC9-83CB-089893A632B6"), pattern);
        assert_eq!(subnet("47be1c96-b00c-0cc9-83cb-089893a632b6"), pattern); // version 0
        assert_eq!(subnet("47be1c96-b00c-6cc9-83cb-089893a632b6"), pattern); // version 6
        assert_eq!(subnet("47be1c96-b00c-4cc9-c3cb-089893a632b6"), pattern); // variant c
        assert_eq!(subnet("47be1c96-b00c-4cc9-73cb-089893a632b6"), pattern); // variant 7
        assert_eq!(subnet("47be1c96b00c4cc983cb089893a632b6"), pattern); // no dashes
        assert_eq!(subnet("47be1c96-b00c-4cc9-83cb-089893a632b"), pattern); // 35 characters
        assert_eq!(subnet("47be1c96-b00c-4cc9-83cb-089893a632b6a"), pattern); // 37
        assert_eq!(subnet("47be1c96-b00c-4cc9-83cb-089893a632bg"), pattern); // not hex
        assert_eq!(subnet(""), pattern);
        let messages = |text: &str| {
            validate_create(&input(PROJECT, "n", Some(text), None)).unwrap_err()[0]
                .message
                .clone()
        };
        assert!(messages("47BE1C96-b00c-4cc9-83cb-089893a632b6").contains("upper-case"));
        assert!(messages("47be1c96-b00c-6cc9-83cb-089893a632b6").contains("version 1 to 5"));
        assert!(messages("47be1c96-b00c-4cc9-c3cb-089893a632b6").contains("8, 9, a or b (got 'c')"));
        assert_eq!(codes(cluster_id(&"../../x".into())), [("id", "pattern")]);
        assert!(cluster_id(&SUBNET.into()).is_ok());
    }

    #[test]
    fn server_type_rule() {
        assert_eq!(server_type(&"HPS".into()).unwrap(), Some(ServerType::Hps));
        assert_eq!(server_type(&"ECS".into()).unwrap(), Some(ServerType::Ecs));
        assert_eq!(server_type(&InputValue::Missing).unwrap(), None);
        assert_eq!(server_type(&InputValue::Null).unwrap(), None);
        let lower = server_type(&"hps".into()).unwrap_err();
        assert_eq!(lower[0].code, IssueCode::Enum);
        assert!(lower[0].message.contains("case-sensitive"), "{}", lower[0].message);
        assert_eq!(codes(server_type(&"GPU".into())), [("type", "enum")]);
        assert_eq!(codes(server_type(&"".into())), [("type", "enum")]);
        assert_eq!(codes(server_type(&InputValue::Other("number"))), [("type", "type")]);
    }

    #[test]
    fn wrong_types_are_issues_and_all_are_reported_at_once() {
        let everything_wrong = CreateHyperClusterInput {
            project_id: InputValue::Null,
            name: InputValue::Other("number"),
            hyper_cluster_subnet_id: InputValue::Other("array"),
            server_type: "hps".into(),
        };
        assert_eq!(
            codes(validate_create(&everything_wrong)),
            [
                ("projectId", "required"),
                ("name", "type"),
                ("hyperClusterSubnetId", "type"),
                ("type", "enum")
            ]
        );
        let issue = not_an_object("undefined");
        assert_eq!((issue.field, issue.code), ("input", IssueCode::Type));
    }

    #[test]
    fn json_values_map_to_input_values() {
        let body = crate::json::parse(br#"{"name": 5, "type": null, "x": [1], "o": {}, "b": true, "s": "t"}"#).unwrap();
        assert_eq!(InputValue::from_json(body.get("name")), InputValue::Other("number"));
        assert_eq!(InputValue::from_json(body.get("type")), InputValue::Null);
        assert_eq!(InputValue::from_json(body.get("nope")), InputValue::Missing);
        assert_eq!(InputValue::from_json(body.get("x")), InputValue::Other("array"));
        assert_eq!(InputValue::from_json(body.get("o")), InputValue::Other("object"));
        assert_eq!(InputValue::from_json(body.get("b")), InputValue::Other("boolean"));
        assert_eq!(InputValue::from_json(body.get("s")), InputValue::Text("t".into()));
    }

    #[test]
    fn json_bodies_read_with_their_wire_names() {
        let body = crate::json::parse(br#"{"name":"n","hyper_cluster_subnet_id":7,"type":"ECS"}"#).unwrap();
        let input = create_input_from_json("p", &body).unwrap();
        assert_eq!(input.name, InputValue::Text("n".into()));
        assert_eq!(input.hyper_cluster_subnet_id, InputValue::Other("number"));
        assert_eq!(codes(validate_create(&input)), [("hyperClusterSubnetId", "type")]);
        let issue = create_input_from_json("p", &crate::json::parse(b"[1]").unwrap()).unwrap_err();
        assert_eq!((issue.field, issue.code), ("input", IssueCode::Type));
        assert!(issue.message.ends_with("(got array)"), "{}", issue.message);
    }

    #[test]
    fn long_values_are_quoted_short() {
        let issue = &server_type(&"X".repeat(1000).as_str().into()).unwrap_err()[0];
        assert!(issue.message.len() < 200, "{}", issue.message);
    }
}
