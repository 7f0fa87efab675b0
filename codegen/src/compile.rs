//! Steps 1 to 3 of a run (parse, validate, lower) over every spec at once, with a
//! hand-written spec admitted over an imported one of the same product version
//! ([`overlay`]), and step 4's entry point ([`render`]).

use crate::diagnostics::{Diagnostic, Error, Lints, Severity};
use crate::emit::{self, Options};
use crate::output::Files;
use crate::source::{builtin_common_errors, sha256_hex, SpecSource};
use crate::timings::{self, CpuTime, Timer};
use crate::{lower, model, names, overlay, parallel, parse, validate};

fn parse_error(source: &SpecSource, e: parse::ParseError) -> Diagnostic {
    Diagnostic {
        file: source.path.clone(),
        line: e.line,
        column: e.column,
        path: String::new(),
        message: e.message,
        severity: Severity::Error,
        lint: None,
    }
}

/// A valid spec (or a hand-written spec over an imported one) awaiting lowering.
struct Valid<'a> {
    /// `product::version`.
    module: String,
    /// The files it comes from, the hand-written one first.
    sources: Vec<&'a SpecSource>,
    /// Whether it is only an imported spec (one an overlay may still go over).
    imported: bool,
    doc: parse::Document,
}

/// Adds a valid spec to the run: a new product version, or a hand-written spec over an
/// imported one of the same product version (either order; [`overlay`]). Any other second
/// spec of a product version is an error, returned as its message.
fn admit<'a>(
    valid: &mut Vec<Valid<'a>>,
    source: &'a SpecSource,
    doc: parse::Document,
) -> Result<(), String> {
    let info = doc.info.as_ref();
    let module = module_of(info);
    let imported = info.is_some_and(|i| i.imported_from.is_some());
    let Some(other) = valid.iter_mut().find(|v| v.module == module) else {
        valid.push(Valid {
            module,
            sources: vec![source],
            imported,
            doc,
        });
        return Ok(());
    };
    if other.sources.len() > 1 || other.imported == imported {
        return Err(format!(
            "product and version `{module}` are also defined by {}",
            other.sources[0].path.display()
        ));
    }
    let previous = std::mem::take(&mut other.doc);
    if imported {
        other.doc = overlay::overlay(previous, doc);
        other.sources.push(source);
    } else {
        other.doc = overlay::overlay(doc, previous);
        other.sources.insert(0, source);
    }
    other.imported = false;
    Ok(())
}

/// `product::version` of a spec's `info`: the product version it defines, which specs
/// sharing it are admitted together under.
fn module_of(info: Option<&parse::Info>) -> String {
    names::product_version_module(
        info.and_then(|i| i.product.as_deref()).unwrap_or_default(),
        info.and_then(|i| i.version.as_deref()).unwrap_or_default(),
    )
}

/// `product::version` of a spec, read from its `info` alone; `None` when it does not parse.
/// Specs of different product versions never meet in [`compile`], so each group of the
/// same key can be compiled apart with the same result.
pub(crate) fn service_module(source: &SpecSource) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Head {
        info: Option<parse::Info>,
    }
    let head = parse::from_str::<Head>(&source.text).ok()?;
    Some(module_of(head.info.as_ref()))
}

/// The model of a run and the warnings that did not stop it.
#[derive(Clone, Debug)]
pub struct Compiled {
    /// The model the emit step reads.
    pub api: model::Api,
    /// Warnings of lints at `warn`, sorted.
    pub warnings: Vec<Diagnostic>,
}

/// Steps 1 to 3 with every lint at its default level (`warn`), warnings discarded: parses,
/// validates and lowers the specs. Any error in any file fails the whole run with every
/// error found.
pub fn compile(specs: &[SpecSource], common: Option<&SpecSource>) -> Result<model::Api, Error> {
    compile_with(specs, common, &Lints::default()).map(|c| c.api)
}

/// Steps 1 to 3: parses, validates and lowers the specs. Errors, and warnings of denied
/// lints, fail the whole run with every one found; other warnings are returned beside the
/// model. Without a `common` file, the common gateway codes are the generator's own
/// (`codegen/common-errors.yaml`).
pub fn compile_with(
    specs: &[SpecSource],
    common: Option<&SpecSource>,
    lints: &Lints,
) -> Result<Compiled, Error> {
    let mut diagnostics = Vec::new();
    let builtin;
    let common = match common {
        Some(source) => source,
        None => {
            builtin = builtin_common_errors();
            &builtin
        }
    };
    let common_codes = match parse::from_str::<parse::CommonErrors>(&common.text) {
        Ok(doc) => {
            let mut r = validate::Reporter::new(&common.path, &common.text);
            validate::common_errors(&mut r, &doc);
            diagnostics.extend(r.diagnostics);
            doc.codes
        }
        Err(e) => {
            diagnostics.push(parse_error(common, e));
            Vec::new()
        }
    };
    let timer = Timer::new();
    let lowered_common = lower::common_errors(&common_codes);
    // Each spec parsed and validated on its own (on every core), then admitted in order.
    let (parsing, validating) = (CpuTime::default(), CpuTime::default());
    let checked = parallel::map(specs, |source| check_one(source, &parsing, &validating));
    let mut valid: Vec<Valid> = Vec::new();
    for (source, (doc, mut found)) in specs.iter().zip(checked) {
        if let Some(doc) = doc {
            if let Err(message) = admit(&mut valid, source, doc) {
                let mut r = validate::Reporter::new(&source.path, &source.text);
                r.error("info", message);
                found.append(&mut r.diagnostics);
            }
        }
        diagnostics.append(&mut found);
    }
    timer.mark("parse+validate");
    if timings::enabled() {
        eprintln!(
            "acs-codegen:   of which parse: {:.1} ms, validate: {:.1} ms of CPU, summed over specs",
            parsing.millis(),
            validating.millis()
        );
    }
    let mut services: Vec<model::Service> = parallel::map(&valid, |v| {
        let file = v
            .sources
            .iter()
            .map(|s| s.file_name.as_str())
            .collect::<Vec<_>>()
            .join(" + ");
        let sha = match v.sources.as_slice() {
            [one] => one.sha256(),
            many => sha256_hex(
                many.iter()
                    .map(|s| s.sha256())
                    .collect::<String>()
                    .as_bytes(),
            ),
        };
        lower::service(&file, &sha, &v.doc, &lowered_common)
    });
    timer.mark("lower");
    let (errors, warnings) = lints.apply(diagnostics);
    if !errors.is_empty() {
        return Err(Error::Spec(errors));
    }
    services.sort_by(|a, b| {
        (&a.product_module, &a.version_module).cmp(&(&b.product_module, &b.version_module))
    });
    Ok(Compiled {
        api: model::Api {
            services,
            common_errors: lowered_common,
            common_errors_source: Some(model::SourceFile {
                file: common.file_name.clone(),
                sha256: common.sha256(),
            }),
        },
        warnings,
    })
}

/// Steps 1 and 2 of one spec: the document if it is valid, and what was found.
fn check_one(
    source: &SpecSource,
    parsing: &CpuTime,
    validating: &CpuTime,
) -> (Option<parse::Document>, Vec<Diagnostic>) {
    let doc = match parsing.count(|| parse::from_str::<parse::Document>(&source.text)) {
        Ok(doc) => doc,
        Err(e) => return (None, vec![parse_error(source, e)]),
    };
    let mut r = validate::Reporter::new(&source.path, &source.text);
    validating.count(|| validate::document(&mut r, &doc));
    let doc = (!r.has_errors()).then_some(doc);
    (doc, r.diagnostics)
}

/// Steps 1 and 2 only, each spec on its own and nothing kept (no model): the warnings
/// `generate` reports about these specs, or its errors. Memory stays that of a spec per
/// core, however many specs (`import` checks what it writes with it).
pub fn check_each(specs: &[SpecSource], lints: &Lints) -> Result<Vec<Diagnostic>, Error> {
    let (parsing, validating) = (CpuTime::default(), CpuTime::default());
    let found = parallel::map(specs, |source| check_one(source, &parsing, &validating).1);
    let (errors, warnings) = lints.apply(found.into_iter().flatten().collect());
    if errors.is_empty() {
        Ok(warnings)
    } else {
        Err(Error::Spec(errors))
    }
}

/// Step 4: renders every file of the generated crate.
pub fn render(api: &model::Api, opts: &Options) -> Result<Files, Error> {
    emit::crate_files(api, opts).map_err(Error::Other)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Lint;
    use crate::model::Type;
    use std::path::Path;

    #[test]
    fn true_false_enums_are_booleans_and_json_text_examples_are_not_checked() {
        let spec = r#"openapi: 3.0.3
info: {title: T, version: "2020-01-01", x-acs-product: T}
servers: [{url: "https://t.{regionId}.aliyuncs.com", variables: {regionId: {default: cn-hangzhou}}}]
paths:
  /#Action=Do:
    post:
      operationId: Do
      summary: Does.
      parameters:
        - name: Flag
          in: query
          description: A boolean in disguise.
          schema: {type: string, enum: ["false", "true"]}
        - name: Policy
          in: query
          description: Sent as JSON text.
          x-acs-style: json
          example: '{"Statement":[]}'
          schema: {type: object, properties: {Statement: {type: array, items: {type: string}}}}
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {type: object, properties: {RequestId: {type: string}}}
      x-acs-error-codes: []
"#;
        let source = SpecSource::from_text(Path::new("t-2020-01-01.yaml"), spec.into());
        let compiled =
            compile_with(std::slice::from_ref(&source), None, &Lints::default()).unwrap();
        let flag = compiled.api.services[0].find_enum("DoFlag").unwrap();
        assert_eq!(
            flag.bool_values,
            Some(("true".to_string(), "false".to_string()))
        );
        assert!(
            !compiled
                .warnings
                .iter()
                .any(|w| w.lint == Some(Lint::ExampleMismatch)),
            "{:?}",
            compiled.warnings
        );
    }

    /// A spec with `DescribeInstances` and, when `with_create`, a `CreateTagResources`
    /// whose `Tags` items have the same shape as `DescribeInstances`' `Tag` items.
    fn tag_spec(with_create: bool) -> String {
        let op = |action: &str, param: &str| {
            format!(
                r#"  /#Action={action}:
    post:
      operationId: {action}
      summary: S.
      parameters:
        - name: {param}
          in: query
          description: Tags.
          schema:
            type: array
            items:
              type: object
              properties:
                Key: {{type: string, description: The key.}}
                Value: {{type: string, description: The value.}}
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {{type: object, properties: {{RequestId: {{type: string}}}}}}
      x-acs-error-codes: []
"#
            )
        };
        let mut spec = String::from(
            "openapi: 3.0.3\ninfo: {title: E, version: \"2020-01-01\", x-acs-product: E}\nservers: [{url: \"https://e.{regionId}.aliyuncs.com\", variables: {regionId: {default: cn-hangzhou}}}]\npaths:\n",
        );
        if with_create {
            spec.push_str(&op("CreateTagResources", "Tags"));
        }
        spec.push_str(&op("DescribeInstances", "Tag"));
        spec
    }

    #[test]
    fn a_shared_inline_type_keeps_the_name_of_where_it_is_used() {
        let param_type = |with_create: bool| {
            let source =
                SpecSource::from_text(Path::new("e-2020-01-01.yaml"), tag_spec(with_create));
            let api = compile(std::slice::from_ref(&source), None).unwrap();
            let service = &api.services[0];
            let op = service
                .operations
                .iter()
                .find(|o| o.action == "DescribeInstances")
                .unwrap();
            let ty = op.params[0].ty.clone();
            // Whatever it is under, it is a struct with the two fields.
            let name = match &ty {
                Type::Array(t) => match t.as_ref() {
                    Type::Struct(n) => n.clone(),
                    _ => panic!("{ty:?}"),
                },
                _ => panic!("{ty:?}"),
            };
            assert_eq!(service.find_struct(&name).unwrap().fields.len(), 2);
            let aliases = service
                .types
                .iter()
                .filter(|t| matches!(t, crate::model::TypeDef::Alias(_)))
                .count();
            (ty, aliases)
        };
        let (alone, no_alias) = param_type(false);
        let (beside, aliases) = param_type(true);
        assert_eq!(alone, beside, "adding an operation renamed a type");
        assert_eq!(
            alone,
            Type::Array(Box::new(Type::Struct("DescribeInstancesTagItem".into())))
        );
        // One struct, and the second use an alias of it: not two structs.
        assert_eq!((no_alias, aliases), (0, 1));
    }
}
