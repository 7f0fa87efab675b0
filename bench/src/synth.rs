//! Synthetic specs shaped like real Alibaba RPC products: N operations with 5–15 parameters
//! (enums and optional ones among them), a nested response object with arrays, and 10–20
//! error codes each. Deterministic for a seed. The same content is also written as a plain
//! OpenAPI 3.0 document (distinct REST paths, error codes only in descriptions) that
//! progenitor and openapi-generator accept.

use std::fmt::Write;

/// A small deterministic generator (xorshift64*), so the specs need no RNG crate.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }
}

const VERBS: &[&str] = &[
    "Describe", "Create", "Modify", "Delete", "List", "Enable", "Disable", "Query",
];
const NOUNS: &[&str] = &[
    "Instance",
    "Domain",
    "Rule",
    "Policy",
    "Certificate",
    "Listener",
    "Route",
    "Bucket",
    "Snapshot",
    "Alarm",
];
const PARAM_WORDS: &[&str] = &[
    "Name",
    "Description",
    "Status",
    "Port",
    "Protocol",
    "Size",
    "Mode",
    "Zone",
    "Tag",
    "Period",
    "Weight",
    "Timeout",
    "Version",
    "Owner",
    "Group",
];

/// One synthetic parameter.
struct Param {
    name: String,
    required: bool,
    kind: Kind,
}

enum Kind {
    String,
    Integer,
    Boolean,
    Enum(Vec<String>),
}

struct Op {
    name: String,
    params: Vec<Param>,
    errors: Vec<(u16, String, String)>,
    item_fields: usize,
}

fn operations(n: usize, seed: u64) -> Vec<Op> {
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|i| {
            let name = format!(
                "{}{}{:05}",
                VERBS[i % VERBS.len()],
                NOUNS[(i / VERBS.len()) % NOUNS.len()],
                i
            );
            let count = rng.range(5, 15);
            let params = (0..count)
                .map(|j| {
                    let word = PARAM_WORDS[j % PARAM_WORDS.len()];
                    let kind = match rng.range(0, 5) {
                        0 | 1 => Kind::String,
                        2 => Kind::Integer,
                        3 => Kind::Boolean,
                        _ => Kind::Enum(
                            (0..rng.range(2, 5))
                                .map(|k| format!("{word}Value{k}"))
                                .collect(),
                        ),
                    };
                    Param {
                        name: format!("{word}{j}"),
                        required: j == 0 || rng.range(0, 3) == 0,
                        kind,
                    }
                })
                .collect();
            let errors = (0..rng.range(10, 20))
                .map(|k| {
                    let status = [400, 400, 400, 403, 404, 409, 500][k % 7];
                    let code = if k % 3 == 0 {
                        format!("Invalid{}.Code{k}", NOUNS[k % NOUNS.len()])
                    } else {
                        format!("{}Error{k}", NOUNS[k % NOUNS.len()])
                    };
                    (
                        status,
                        code,
                        format!("The request failed with condition {k}."),
                    )
                })
                .collect();
            Op {
                name,
                params,
                errors,
                item_fields: rng.range(3, 8),
            }
        })
        .collect()
}

fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// The spec in this project's conventions (YAML).
pub fn ours(n: usize, seed: u64) -> String {
    let mut y = String::new();
    let _ = writeln!(y, "openapi: 3.0.3\ninfo:\n  title: Synthetic\n  version: \"2020-01-01\"\n  x-acs-product: Synth\nservers:\n  - url: https://synth.{{regionId}}.aliyuncs.com\n    variables:\n      regionId:\n        default: cn-hangzhou\npaths:");
    for op in operations(n, seed) {
        let _ = writeln!(y, "  /#Action={}:\n    post:\n      operationId: {}\n      summary: Operates on a synthetic resource ({}).\n      parameters:", op.name, op.name, op.name);
        for p in &op.params {
            let _ = writeln!(y, "        - name: {}\n          in: query\n          required: {}\n          description: The {} of the resource.\n          schema:", p.name, p.required, p.name);
            match &p.kind {
                Kind::String => y.push_str("            type: string\n"),
                Kind::Integer => {
                    y.push_str("            type: integer\n            format: int32\n")
                }
                Kind::Boolean => y.push_str("            type: boolean\n"),
                Kind::Enum(values) => {
                    y.push_str("            type: string\n            enum:\n");
                    for v in values {
                        let _ = writeln!(y, "              - {v}");
                    }
                }
            }
        }
        let _ = writeln!(y, "      responses:\n        \"200\":\n          description: OK.\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  RequestId: {{type: string, description: The request ID.}}\n                  TotalCount: {{type: integer, format: int64, description: Total.}}\n                  Items:\n                    type: array\n                    description: The items.\n                    items:\n                      type: object\n                      properties:");
        for f in 0..op.item_fields {
            let ty = if f % 2 == 0 { "string" } else { "integer" };
            let _ = writeln!(
                y,
                "                        Field{f}: {{type: {ty}, description: Field {f}.}}"
            );
        }
        y.push_str("                        Tags:\n                          type: array\n                          description: Tags.\n                          items:\n                            type: object\n                            properties:\n                              Key: {type: string, description: Key.}\n                              Value: {type: string, description: Value.}\n");
        y.push_str("      x-acs-error-codes:\n");
        for (status, code, message) in &op.errors {
            let _ = writeln!(
                y,
                "        - {{status: {status}, code: {code}, message: {}}}",
                q(message)
            );
        }
    }
    y
}

/// The same content as a plain OpenAPI 3.0 document (JSON) for progenitor and
/// openapi-generator: one REST path per operation, error codes only in the description.
pub fn plain(n: usize, seed: u64) -> String {
    let mut paths = serde_json::Map::new();
    let mut schemas = serde_json::Map::new();
    for op in operations(n, seed) {
        let params: Vec<serde_json::Value> = op
            .params
            .iter()
            .map(|p| {
                let schema = match &p.kind {
                    Kind::String => serde_json::json!({"type": "string"}),
                    Kind::Integer => serde_json::json!({"type": "integer", "format": "int32"}),
                    Kind::Boolean => serde_json::json!({"type": "boolean"}),
                    Kind::Enum(v) => serde_json::json!({"type": "string", "enum": v}),
                };
                serde_json::json!({"name": p.name, "in": "query", "required": p.required, "description": format!("The {} of the resource.", p.name), "schema": schema})
            })
            .collect();
        let mut item = serde_json::Map::new();
        for f in 0..op.item_fields {
            let ty = if f % 2 == 0 { "string" } else { "integer" };
            item.insert(
                format!("Field{f}"),
                serde_json::json!({"type": ty, "description": format!("Field {f}.")}),
            );
        }
        item.insert(
            "Tags".into(),
            serde_json::json!({"type": "array", "items": {"$ref": "#/components/schemas/Tag"}}),
        );
        schemas.insert(
            format!("{}Item", op.name),
            serde_json::json!({"type": "object", "properties": item}),
        );
        schemas.insert(
            format!("{}Response", op.name),
            serde_json::json!({"type": "object", "properties": {
                "RequestId": {"type": "string"},
                "TotalCount": {"type": "integer", "format": "int64"},
                "Items": {"type": "array", "items": {"$ref": format!("#/components/schemas/{}Item", op.name)}}
            }}),
        );
        let errors: Vec<String> = op
            .errors
            .iter()
            .map(|(s, c, m)| format!("{s} {c}: {m}"))
            .collect();
        paths.insert(
            format!("/{}", op.name.to_lowercase()),
            serde_json::json!({"post": {
                "operationId": op.name,
                "summary": format!("Operates on a synthetic resource ({}).", op.name),
                "description": format!("Error codes: {}", errors.join("; ")),
                "parameters": params,
                "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{}Response", op.name)}}}}}
            }}),
        );
    }
    schemas.insert("Tag".into(), serde_json::json!({"type": "object", "properties": {"Key": {"type": "string"}, "Value": {"type": "string"}}}));
    let doc = serde_json::json!({
        "openapi": "3.0.3",
        "info": {"title": "Synthetic", "version": "2020-01-01"},
        "servers": [{"url": "https://synth.example.com"}],
        "paths": paths,
        "components": {"schemas": schemas}
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn synthetic_specs_are_valid_and_deterministic() {
        let spec = ours(20, 7);
        assert_eq!(spec, ours(20, 7), "deterministic for a seed");
        assert_ne!(spec, ours(20, 8));
        let source = acs_codegen::SpecSource::from_text(Path::new("synth.yaml"), spec);
        let api = acs_codegen::compile(std::slice::from_ref(&source), None).unwrap();
        let ops = &api.services[0].operations;
        assert_eq!(ops.len(), 20);
        for op in ops {
            assert!((5..=15).contains(&op.params.len()), "{}", op.action);
            // The documented codes (the built-in common ones come after them).
            let documented = op.errors.iter().filter(|e| !e.common).count();
            assert!((10..=20).contains(&documented), "{}", op.action);
        }
        let plain: serde_json::Value = serde_json::from_str(&plain(20, 7)).unwrap();
        assert_eq!(plain["paths"].as_object().unwrap().len(), 20);
    }
}
