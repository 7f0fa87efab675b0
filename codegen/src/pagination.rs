//! Which operations page, and by which fields: read from the spec (`x-acs-pagination`) or
//! inferred from Alibaba's conventions. Validation reports what an explicit
//! `x-acs-pagination` names that the operation lacks; lowering turns the result into the
//! model's [`crate::model::Pagination`].
//!
//! The conventions, as Alibaba's CLI (`--pager`) and the official docs use them:
//! - by token: a `NextToken` parameter and a `NextToken` in the response (page size
//!   `MaxResults`, else `PageSize`). Alibaba recommends it, so an operation that also pages by
//!   number (ECS `DescribeInstances`) pages by token;
//! - by number: a `PageNumber` (BSS: `PageNum`) parameter and a `TotalCount` in the response
//!   (page size `PageSize`, else `MaxResults`);
//! - the items: the one list in the response besides those fields, directly or in a wrapper
//!   object of one list (`Instances.Instance`);
//! - the response fields may sit in a `Data` object (BSS).
//!
//! Names compare without letter case (`pageNumber` in REST-style products).

use crate::model::Paging;
use crate::parse::{self, resolve, resolved_type, Entries, PaginationSpec, Schema};

/// An operation's pagination in wire names: request parameters by name, response fields by
/// path from the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct WirePagination {
    pub paging: Paging,
    pub input_token: Option<String>,
    pub page_number: Option<String>,
    pub page_size: Option<String>,
    pub output_token: Option<Vec<String>>,
    pub items: Vec<String>,
    pub total: Option<Vec<String>>,
}

const TOKEN: &[&str] = &["NextToken"];
const PAGE_NUMBER: &[&str] = &["PageNumber", "PageNum"];
const TOTAL: &[&str] = &["TotalCount"];
const TOKEN_PAGE_SIZE: &[&str] = &["MaxResults", "PageSize"];
const NUMBER_PAGE_SIZE: &[&str] = &["PageSize", "MaxResults"];
/// Response fields that are never the items.
const NOT_ITEMS: &[&str] = &[
    "RequestId",
    "NextToken",
    "TotalCount",
    "PageNumber",
    "PageNum",
    "PageSize",
    "MaxResults",
    "Code",
    "Message",
    "Success",
    "HttpStatusCode",
];

/// The operation's pagination: `Ok(None)` when it does not page (or says
/// `x-acs-pagination: false`), an error naming what an explicit `x-acs-pagination` gets
/// wrong.
pub(crate) fn resolve_pagination(
    op: &parse::Operation,
    components: &Entries<Schema>,
) -> Result<Option<WirePagination>, String> {
    let request = request_fields(op, components);
    let response = response_schema(op, components);
    match &op.pagination {
        Some(PaginationSpec::Enabled(false)) => Ok(None),
        Some(PaginationSpec::Enabled(true)) => {
            infer(&request, response, components).map(Some).ok_or_else(|| {
                "`x-acs-pagination: true`, but the operation has no NextToken or PageNumber and TotalCount, and one list in its response: name the fields".to_string()
            })
        }
        Some(PaginationSpec::Fields(f)) => explicit(f, &request, response, components).map(Some),
        None => Ok(infer(&request, response, components)),
    }
}

/// The request's fields by wire name: parameters and the body's properties.
fn request_fields<'a>(
    op: &'a parse::Operation,
    components: &'a Entries<Schema>,
) -> Vec<(&'a str, &'a Schema)> {
    let mut fields: Vec<(&str, &Schema)> = op
        .parameters
        .iter()
        .filter_map(|p| Some((p.name.as_deref()?, p.schema.as_ref()?)))
        .collect();
    for media in op.request_body.iter().flat_map(|b| b.content.values()) {
        if let Some(schema) = &media.schema {
            let schema = resolve(schema, components);
            for (name, prop) in schema.properties.iter().flatten() {
                fields.push((name, prop));
            }
        }
    }
    fields
}

/// The success body's object schema, if it is one.
fn response_schema<'a>(
    op: &'a parse::Operation,
    components: &'a Entries<Schema>,
) -> Option<&'a Schema> {
    match parse::output_body(op, components) {
        (crate::model::OutputBody::Object, _, Some(schema)) => Some(resolve(schema, components)),
        _ => None,
    }
}

fn named<'a>(fields: &[(&'a str, &'a Schema)], names: &[&str]) -> Option<(&'a str, &'a Schema)> {
    names.iter().find_map(|n| {
        fields
            .iter()
            .find(|(f, _)| f.eq_ignore_ascii_case(n))
            .copied()
    })
}

fn is_integer(schema: &Schema, components: &Entries<Schema>) -> bool {
    resolved_type(schema, components) == Some("integer")
}

fn is_string(schema: &Schema, components: &Entries<Schema>) -> bool {
    resolved_type(schema, components) == Some("string")
}

/// The properties of an object schema, by name.
fn properties<'a>(
    schema: &'a Schema,
    components: &'a Entries<Schema>,
) -> Vec<(&'a str, &'a Schema)> {
    resolve(schema, components)
        .properties
        .iter()
        .flatten()
        .map(|(k, v)| (k.as_str(), v))
        .collect()
}

/// The schema at a dotted path of properties, and the path with each name as the spec
/// spells it.
fn at_path<'a>(
    root: &'a Schema,
    path: &[&str],
    components: &'a Entries<Schema>,
) -> Option<(Vec<String>, &'a Schema)> {
    let mut schema = root;
    let mut spelled = Vec::new();
    for step in path {
        let (name, next) = named(&properties(schema, components), &[step])?;
        spelled.push(name.to_string());
        schema = next;
    }
    Some((spelled, schema))
}

/// The one list among the container's fields: a field that is a list, or an object of one
/// field that is a list (`Instances.Instance`).
fn items_path(container: &Schema, components: &Entries<Schema>) -> Option<Vec<String>> {
    let mut found = Vec::new();
    for (name, schema) in properties(container, components) {
        if NOT_ITEMS.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            continue;
        }
        match resolved_type(schema, components) {
            Some("array") => found.push(vec![name.to_string()]),
            Some("object") => {
                let inner = properties(schema, components);
                if let [(list, s)] = inner.as_slice() {
                    if resolved_type(s, components) == Some("array") {
                        found.push(vec![name.to_string(), list.to_string()]);
                    }
                }
            }
            _ => {}
        }
    }
    match found.len() {
        1 => found.pop(),
        _ => None,
    }
}

/// Pagination by Alibaba's conventions, if the operation follows them.
fn infer(
    request: &[(&str, &Schema)],
    response: Option<&Schema>,
    components: &Entries<Schema>,
) -> Option<WirePagination> {
    let response = response?;
    // The response's fields, or those of its `Data` object.
    let mut containers = vec![(Vec::new(), response)];
    if let Some((name, data)) = named(&properties(response, components), &["Data"]) {
        if resolved_type(data, components) == Some("object") {
            containers.push((vec![name.to_string()], resolve(data, components)));
        }
    }
    for (prefix, container) in containers {
        let fields = properties(container, components);
        let at = |name: &str| {
            let mut path = prefix.clone();
            path.push(name.to_string());
            path
        };
        let Some(items) = items_path(container, components) else {
            continue;
        };
        let items = [prefix.clone(), items].concat();
        let total = named(&fields, TOTAL)
            .filter(|(_, s)| is_integer(s, components))
            .map(|(n, _)| at(n));
        let input_token = named(request, TOKEN).filter(|(_, s)| is_string(s, components));
        let output_token = named(&fields, TOKEN).filter(|(_, s)| is_string(s, components));
        if let (Some((input, _)), Some((output, _))) = (input_token, output_token) {
            return Some(WirePagination {
                paging: Paging::Token,
                input_token: Some(input.to_string()),
                page_number: None,
                page_size: named(request, TOKEN_PAGE_SIZE)
                    .filter(|(_, s)| is_integer(s, components))
                    .map(|(n, _)| n.to_string()),
                output_token: Some(at(output)),
                items,
                total,
            });
        }
        let page = named(request, PAGE_NUMBER).filter(|(_, s)| is_integer(s, components));
        if let (Some((page, _)), Some(_)) = (page, &total) {
            return Some(WirePagination {
                paging: Paging::Number,
                input_token: None,
                page_number: Some(page.to_string()),
                page_size: named(request, NUMBER_PAGE_SIZE)
                    .filter(|(_, s)| is_integer(s, components))
                    .map(|(n, _)| n.to_string()),
                output_token: None,
                items,
                total,
            });
        }
    }
    None
}

/// An explicit `x-acs-pagination`, checked against the operation.
fn explicit(
    f: &parse::PaginationFields,
    request: &[(&str, &Schema)],
    response: Option<&Schema>,
    components: &Entries<Schema>,
) -> Result<WirePagination, String> {
    let parameter = |name: &Option<String>, what: &str, integer: bool| {
        let Some(name) = name else { return Ok(None) };
        match request.iter().find(|(n, _)| *n == name) {
            Some((_, s)) if integer && !is_integer(s, components) => {
                Err(format!("{what} `{name}` is not an integer parameter"))
            }
            Some((_, s)) if !integer && !is_string(s, components) => {
                Err(format!("{what} `{name}` is not a string parameter"))
            }
            Some(_) => Ok(Some(name.clone())),
            None => Err(format!(
                "{what} `{name}` is not a parameter of the operation"
            )),
        }
    };
    let input_token = parameter(&f.input_token, "inputToken", false)?;
    let page_number = parameter(&f.page_number, "pageNumber", true)?;
    let page_size = parameter(&f.page_size, "pageSize", true)?;
    let Some(response) = response else {
        return Err("the operation's response is not a JSON object".into());
    };
    let field = |path: &Option<String>, what: &str, ty: &str| {
        let Some(path) = path else { return Ok(None) };
        let steps: Vec<&str> = path.split('.').collect();
        match at_path(response, &steps, components) {
            Some((spelled, s)) if resolved_type(s, components) == Some(ty) => Ok(Some(spelled)),
            Some(_) => Err(format!("{what} `{path}` is not of type {ty}")),
            None => Err(format!("{what} `{path}` is not a field of the response")),
        }
    };
    let output_token = field(&f.output_token, "outputToken", "string")?;
    let total = field(&f.total, "total", "integer")?;
    let Some(items) = field(&f.items, "items", "array")? else {
        return Err("`items` is required: the response's list".into());
    };
    let paging = match (&input_token, &output_token, &page_number) {
        (Some(_), Some(_), _) => Paging::Token,
        (None, None, Some(_)) => Paging::Number,
        _ => {
            return Err(
                "name `inputToken` and `outputToken` (by token), or `pageNumber` (by number)"
                    .into(),
            )
        }
    };
    Ok(WirePagination {
        paging,
        input_token,
        page_number,
        page_size,
        output_token,
        items,
        total,
    })
}

#[cfg(test)]
mod tests {
    use crate::source::SpecSource;
    use std::path::Path;

    /// A spec of one operation with `pagination` as its `x-acs-pagination`.
    fn spec(pagination: &str) -> SpecSource {
        let text = format!(
            r#"openapi: 3.0.3
info: {{title: T, version: "2020-01-01", x-acs-product: T}}
servers: [{{url: "https://t.{{regionId}}.aliyuncs.com", variables: {{regionId: {{default: cn-hangzhou}}}}}}]
paths:
  /#Action=List:
    post:
      operationId: List
      summary: Lists.
      {pagination}
      parameters:
        - {{name: PageNumber, in: query, description: Page., schema: {{type: integer}}}}
        - {{name: Token, in: query, description: Token., schema: {{type: string}}}}
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema:
                type: object
                properties:
                  TotalCount: {{type: integer}}
                  Items: {{type: array, items: {{type: string}}}}
                  Name: {{type: string}}
      x-acs-error-codes: []
"#
        );
        SpecSource::from_text(Path::new("t-2020-01-01.yaml"), text)
    }

    fn compile(pagination: &str) -> Result<Option<crate::model::Pagination>, String> {
        crate::compile(&[spec(pagination)], None)
            .map(|api| api.services[0].operations[0].pagination.clone())
            .map_err(|e| e.to_string())
    }

    #[test]
    fn pagination_is_inferred_turned_off_or_named_and_checked() {
        let inferred = compile("")
            .unwrap()
            .expect("PageNumber + TotalCount + one list");
        assert_eq!(inferred.paging, crate::model::Paging::Number);
        assert_eq!(inferred.page_number.unwrap().rust_name, "page_number");
        assert_eq!(inferred.items.steps, [("items".to_string(), false)]);
        assert_eq!(compile("x-acs-pagination: false").unwrap(), None);
        let named =
            compile("x-acs-pagination: {inputToken: Token, outputToken: Name, items: Items}")
                .unwrap()
                .unwrap();
        assert_eq!(named.paging, crate::model::Paging::Token);
        for (bad, says) in [
            (
                "{pageNumber: Page, items: Items}",
                "pageNumber `Page` is not a parameter",
            ),
            (
                "{pageNumber: Token, items: Items}",
                "`Token` is not an integer parameter",
            ),
            (
                "{pageNumber: PageNumber, items: Name}",
                "items `Name` is not of type array",
            ),
            (
                "{pageNumber: PageNumber, items: Data.Items}",
                "`Data.Items` is not a field",
            ),
            ("{pageNumber: PageNumber}", "`items` is required"),
            (
                "{inputToken: Token, items: Items}",
                "name `inputToken` and `outputToken`",
            ),
            ("{pageNumbr: PageNumber, items: Items}", "pageNumbr"),
        ] {
            let e = compile(&format!("x-acs-pagination: {bad}")).unwrap_err();
            assert!(e.contains(says), "{bad}: {e}");
            assert!(e.contains("t-2020-01-01.yaml:"), "located: {e}");
        }
    }
}
