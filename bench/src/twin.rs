//! A plain OpenAPI twin of one of our specs (an imported product's), for progenitor: one
//! REST path per operation (`POST /<Action>`), its query parameters, its JSON success
//! schema, the error codes only in the description; no `x-` extensions or examples.
//! Parameters that are lists or objects (Alibaba's `flat`/`repeatList`/`json` styles, which
//! plain OpenAPI query parameters cannot say) become strings.

use serde_json::{json, Map, Value};

/// The twin of the spec `yaml`, as JSON text.
pub fn plain(yaml: &str) -> Result<String, String> {
    let spec: Value = serde_yaml::from_str(yaml).map_err(|e| e.to_string())?;
    let mut paths = Map::new();
    for (key, item) in spec["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            let Some(id) = op["operationId"].as_str() else {
                continue;
            };
            let action = key.strip_prefix("/#Action=").unwrap_or(id);
            let parameters: Vec<Value> = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|p| p["in"] == "query")
                .map(parameter)
                .collect();
            let errors: Vec<String> = op["x-acs-error-codes"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|e| {
                    format!(
                        "{} {}: {}",
                        e["status"],
                        str(&e["code"]),
                        str(&e["message"])
                    )
                })
                .collect();
            let mut description = str(&op["description"]).to_string();
            if !errors.is_empty() {
                description.push_str(&format!("\n\nError codes: {}", errors.join("; ")));
            }
            let success = &op["responses"]["200"]["content"]["application/json"]["schema"];
            let content = if success.is_null() {
                json!({})
            } else {
                json!({"application/json": {"schema": schema(success)}})
            };
            let mut operation = json!({
                "operationId": id,
                "summary": str(&op["summary"]),
                "description": description,
                "parameters": parameters,
                "responses": {"200": {"description": "OK", "content": content}},
            });
            if content == json!({}) {
                operation["responses"]["200"]
                    .as_object_mut()
                    .map(|r| r.remove("content"));
            }
            paths.insert(format!("/{action}"), json!({ method.as_str(): operation }));
        }
    }
    let doc = json!({
        "openapi": "3.0.3",
        "info": {
            "title": str(&spec["info"]["title"]),
            "version": str(&spec["info"]["version"]),
        },
        "servers": [{"url": "https://example.aliyuncs.com"}],
        "paths": paths,
    });
    serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())
}

fn str(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

fn parameter(p: &Value) -> Value {
    let scalar = matches!(
        p["schema"]["type"].as_str(),
        Some("string" | "integer" | "number" | "boolean")
    );
    let schema = if scalar {
        schema(&p["schema"])
    } else {
        json!({"type": "string"})
    };
    json!({
        "name": p["name"],
        "in": "query",
        "required": p["required"].as_bool().unwrap_or(false),
        "description": str(&p["description"]),
        "schema": schema,
    })
}

/// A schema without extensions and examples: what describes the shape and its docs.
fn schema(s: &Value) -> Value {
    const KEPT: [&str; 7] = [
        "type",
        "format",
        "description",
        "enum",
        "required",
        "nullable",
        "$ref",
    ];
    let Some(object) = s.as_object() else {
        return s.clone();
    };
    let mut out = Map::new();
    for (k, v) in object {
        match k.as_str() {
            "properties" => {
                let props: Map<String, Value> = v
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(name, p)| (name.clone(), schema(p)))
                    .collect();
                out.insert(k.clone(), Value::Object(props));
            }
            "items" | "additionalProperties" if v.is_object() => {
                out.insert(k.clone(), schema(v));
            }
            k if KEPT.contains(&k) => {
                out.insert(k.to_string(), v.clone());
            }
            _ => {}
        }
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_twin_has_a_rest_path_per_operation_and_no_extensions() {
        let spec = r#"
openapi: 3.0.3
info: {title: Ecs, version: 2014-05-26}
paths:
  /#Action=DescribeThings:
    post:
      operationId: DescribeThings
      summary: Lists things.
      parameters:
      - {name: RegionId, in: query, required: true, schema: {type: string}}
      - {name: Tags, in: query, style: repeatList, schema: {type: array, items: {type: string}}}
      responses:
        '200':
          content:
            application/json:
              schema: {type: object, properties: {RequestId: {type: string, example: x, x-acs-a: 1}}}
      x-acs-error-codes:
      - {status: 400, code: Bad, message: Bad thing.}
"#;
        let twin: serde_json::Value = serde_json::from_str(&super::plain(spec).unwrap()).unwrap();
        let op = &twin["paths"]["/DescribeThings"]["post"];
        assert_eq!(op["operationId"], "DescribeThings");
        assert_eq!(op["parameters"][1]["schema"]["type"], "string");
        assert!(op["description"]
            .as_str()
            .unwrap()
            .contains("400 Bad: Bad thing."));
        let props = &op["responses"]["200"]["content"]["application/json"]["schema"]["properties"];
        assert_eq!(props["RequestId"], serde_json::json!({"type": "string"}));
        assert!(!twin.to_string().contains("x-acs"));
    }
}
