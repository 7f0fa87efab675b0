//! `acs-codegen import`: Alibaba Cloud's API metadata documents into specs.
//!
//! - the small STS (RPC) and Cloud Control (REST-style `V3`) documents against their golden
//!   specs and warnings (bless with `UPDATE_GOLDEN=1 cargo test -p acs-codegen-tests --test
//!   integration generator::import`);
//! - every fixture document of `tests/fixtures/metadata/` (or `$ACS_METADATA_DIR`)
//!   imports deterministically and generates without errors;
//! - a spec whose only problems are missing docs generates with warnings, exit 0.
//!
//! Compiling the imported products and their wire tests is `imported_build.rs`.

use acs_codegen::internal::import::{import_document, Import, Imported};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn here() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn import(path: &Path) -> (String, String, Vec<String>) {
    let text = fs::read_to_string(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let import = import_document(Path::new(&name), &text).expect("imports");
    let Imported::Spec { file_name, text } = import.result else {
        panic!("{name} was skipped")
    };
    let warnings = import.warnings.iter().map(|w| w.report()).collect();
    (file_name, text, warnings)
}

#[test]
fn sts_imports_as_its_golden_spec() {
    let (file_name, text, warnings) =
        import(&here().join("fixtures/metadata/sts-2015-04-01.api-docs.json"));
    assert_eq!(file_name, "sts-2015-04-01.yaml");
    crate::expect::check_golden("import/sts-2015-04-01.yaml", &text);
    let mut report = warnings.join("\n");
    report.push('\n');
    crate::expect::check_golden("import/sts-2015-04-01.warnings.txt", &report);
    // The facts the issue names, read back through the generator's own front end.
    for fact in [
        "x-acs-imported-from: sts-2015-04-01.api-docs.json",
        "url: https://sts.{regionId}.aliyuncs.com",
        "/#Action=AssumeRole:\n    post:",
        "security: []", // AssumeRoleWithOIDC is anonymous
        "code: InvalidParameter.DurationSeconds",
        "application/xml:",
    ] {
        assert!(text.contains(fact), "missing {fact:?}");
    }
}

#[test]
fn texts_with_control_characters_import_with_their_wire_values_kept() {
    let (file_name, text, _) =
        import(&here().join("fixtures/import/texts-2024-01-01.api-docs.json"));
    assert_eq!(file_name, "texts-2024-01-01.yaml");
    crate::expect::check_golden("import/texts-2024-01-01.yaml", &text);
    // The spec is YAML: the wire values are escaped there, not changed.
    assert!(
        text.contains(r#"example: "first line\r\nsecond\Lthird""#),
        "{text}"
    );
}

#[test]
fn cloudcontrol_imports_as_its_golden_rest_spec() {
    let (file_name, text, warnings) =
        import(&here().join("fixtures/metadata/cloudcontrol-2022-08-30.api-docs.json"));
    assert_eq!(file_name, "cloudcontrol-2022-08-30.yaml");
    crate::expect::check_golden("import/cloudcontrol-2022-08-30.yaml", &text);
    let mut report = warnings.join("\n");
    report.push('\n');
    crate::expect::check_golden("import/cloudcontrol-2022-08-30.warnings.txt", &report);
    // REST paths (a `*` one among them) with their methods, header and path parameters, a
    // JSON body.
    for fact in [
        "/api/v1/providers/{provider}/products/{product}/resources/*:\n    get:\n      operationId: GetResources",
        "\n    post:\n      operationId: CreateResource",
        "\n    delete:\n      operationId: DeleteResource",
        "\n    put:\n      operationId: UpdateResource",
        "/api/v1/tasks/{taskId}/operation/cancel:\n    put:\n      operationId: CancelTask",
        "- name: taskId\n        in: path\n        required: true",
        "- name: x-acs-accept-language\n        in: header",
        "requestBody:\n        content:\n          application/json:",
    ] {
        assert!(text.contains(fact), "missing {fact:?}");
    }
}

#[test]
fn every_fixture_document_imports_deterministically_and_generates() {
    let dir = crate::support::metadata_dir();
    let out = std::env::temp_dir().join(format!("acs-import-{}", std::process::id()));
    let _ = fs::remove_dir_all(&out);
    fs::create_dir_all(&out).unwrap();
    let names: Vec<PathBuf> = crate::support::metadata_documents();
    assert!(
        !names.is_empty(),
        "no metadata documents in {}",
        dir.display()
    );
    let mut operations = 0;
    for path in &names {
        let text = fs::read_to_string(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let first = import_document(Path::new(&name), &text).expect("imports");
        let second = import_document(Path::new(&name), &text).expect("imports");
        match (first.result, second.result) {
            (
                Imported::Spec { file_name, text },
                Imported::Spec {
                    text: second_text, ..
                },
            ) => {
                assert!(text == second_text, "{name}: import is not deterministic");
                operations += text.matches("\n      operationId: ").count();
                fs::write(out.join(&file_name), text).unwrap();
            }
            // Only a style with a gateway of its own the importer does not read is skipped
            // (with a note, never an error); RPC, ROA, V3, FC, OSS, SLS and PDS import.
            (Imported::Skipped { note }, Imported::Skipped { note: again }) => {
                assert_eq!(note, again, "{name}: import is not deterministic");
                let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
                let style = doc["info"]["style"].as_str().unwrap_or("RPC");
                panic!("{name}: a {style} document was skipped: {note}");
            }
            _ => panic!("{name}: import is not deterministic"),
        }
    }
    assert!(operations > 0, "no document imported");
    let (files, warnings) = acs_codegen::Builder::new()
        .specs_dir(&out)
        .render_with_warnings()
        .unwrap_or_else(|e| panic!("the imported specs do not generate:\n{e}"));
    let ops = files
        .keys()
        .filter(|k| k.starts_with("docs/") && k.matches('/').count() == 3)
        .count();
    assert_eq!(ops, operations, "one reference page per imported operation");
    // Under-documented, not broken: every problem is a warning.
    assert!(warnings
        .iter()
        .all(|w| w.severity == acs_codegen::Severity::Warning));
    fs::remove_dir_all(out).ok();
}

#[test]
fn a_spec_missing_only_docs_generates_with_warnings_and_exit_0() {
    let specs = std::env::temp_dir().join(format!("acs-undocumented-{}", std::process::id()));
    let _ = fs::remove_dir_all(&specs);
    fs::create_dir_all(&specs).unwrap();
    fs::write(
        specs.join("bare-2020-01-01.yaml"),
        r#"openapi: 3.0.3
info: {title: Bare, version: "2020-01-01", x-acs-product: Bare}
servers:
  - url: https://bare.{regionId}.aliyuncs.com
    variables: {regionId: {default: cn-hangzhou}}
paths:
  /#Action=DoIt:
    post:
      operationId: DoIt
      parameters:
        - {name: InstanceId, in: query, required: true, schema: {type: string}}
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {type: object, properties: {RequestId: {type: string}}}
"#,
    )
    .unwrap();
    let out = specs.join("out");
    let run = |extra: &[&str]| {
        Command::new(crate::support::codegen_bin())
            .args(["generate", "--specs"])
            .arg(&specs)
            .arg("--out")
            .arg(&out)
            .args(extra)
            .output()
            .unwrap()
    };
    let ok = run(&["--crate-version", "2.3.4"]);
    let stderr = String::from_utf8_lossy(&ok.stderr);
    assert!(ok.status.success(), "{stderr}");
    assert!(out.join("src/bare/v2020_01_01/mod.rs").is_file());
    let manifest = fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("version = \"2.3.4\""), "{manifest}");
    for lint in [
        "missing-summary",
        "missing-description",
        "missing-error-codes",
    ] {
        assert!(
            stderr.contains("warning: ") && stderr.contains(&format!("[{lint}]")),
            "{stderr}"
        );
    }
    assert!(
        stderr.contains("bare-2020-01-01.yaml:8:5: paths./#Action=DoIt.post: missing `summary`"),
        "{stderr}"
    );
    // Denied, the same warnings are errors and nothing is written.
    fs::remove_dir_all(&out).unwrap();
    let denied = run(&["--deny", "warnings", "--allow", "missing-error-codes"]);
    let stderr = String::from_utf8_lossy(&denied.stderr);
    assert_eq!(denied.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error: ") && stderr.contains("[missing-summary]"));
    assert!(
        !stderr.contains("[missing-error-codes]"),
        "allowed: {stderr}"
    );
    assert!(!out.exists());
    fs::remove_dir_all(specs).ok();
}

#[test]
fn hand_written_operations_take_precedence_over_imported_ones() {
    let root = here().join("..");
    let (name, imported, _) =
        import(&crate::support::metadata_dir().join("ddoscoo-2020-01-01.api-docs.json"));
    let work = std::env::temp_dir().join(format!("acs-overlay-{}", std::process::id()));
    let _ = fs::remove_dir_all(&work);
    fs::create_dir_all(work.join("imported")).unwrap();
    fs::write(work.join("imported").join(&name), &imported).unwrap();
    // The metadata's ReleaseInstance has no RegionId; the hand-written one does.

    let api = |dirs: &[PathBuf]| {
        let b = dirs
            .iter()
            .fold(acs_codegen::Builder::new(), |b, d| b.specs_dir(d));
        let (specs, common) = b.sources().unwrap();
        acs_codegen::compile(&specs, common.as_ref()).unwrap()
    };
    let alone = api(&[work.join("imported")]);
    let imported_release = alone.services[0]
        .operations
        .iter()
        .find(|o| o.action == "ReleaseInstance")
        .unwrap();
    assert!(!imported_release
        .params
        .iter()
        .any(|p| p.wire_name == "RegionId"));
    // The repository's hand-written specs only (specs/ may hold imported ones too).
    let hand_dir = work.join("hand");
    crate::support::copy_hand_written_specs(&root.join("specs"), &hand_dir);
    let both = api(&[hand_dir.clone(), work.join("imported")]);
    let ddoscoo = both
        .services
        .iter()
        .find(|s| s.product_module == "ddoscoo")
        .unwrap();
    assert_eq!(ddoscoo.operations.len(), 172);
    let release = ddoscoo
        .operations
        .iter()
        .find(|o| o.action == "ReleaseInstance")
        .unwrap();
    let hand = api(&[hand_dir]);
    let hand_release = hand
        .services
        .iter()
        .find(|s| s.product_module == "ddoscoo")
        .and_then(|s| s.operations.iter().find(|o| o.action == "ReleaseInstance"))
        .unwrap();
    let names = |o: &acs_codegen::internal::model::Operation| {
        o.params
            .iter()
            .map(|p| p.wire_name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(release), names(hand_release));
    assert!(names(release).contains(&"RegionId".to_string()));
    assert_eq!(release.summary, hand_release.summary);
    // The document's facts are the hand-written ones too.
    let hand_ddoscoo = hand
        .services
        .iter()
        .find(|s| s.product_module == "ddoscoo")
        .unwrap();
    assert_eq!(ddoscoo.endpoints.template, hand_ddoscoo.endpoints.template);
    assert!(ddoscoo.spec_file.starts_with("ddoscoo-2020-01-01.yaml + "));
    fs::remove_dir_all(work).ok();
}

#[test]
fn import_never_overwrites_a_hand_written_spec() {
    let work = std::env::temp_dir().join(format!("acs-no-overwrite-{}", std::process::id()));
    let _ = fs::remove_dir_all(&work);
    fs::create_dir_all(&work).unwrap();
    let hand = "# hand-written\nopenapi: 3.0.3\n";
    fs::write(work.join("sts-2015-04-01.yaml"), hand).unwrap();
    let sts = here().join("fixtures/metadata/sts-2015-04-01.api-docs.json");
    let run = || {
        Command::new(crate::support::codegen_bin())
            .arg("import")
            .arg(&sts)
            .arg("--out")
            .arg(&work)
            .output()
            .unwrap()
    };
    let refused = run();
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("was not written by `import`"));
    assert_eq!(
        fs::read_to_string(work.join("sts-2015-04-01.yaml")).unwrap(),
        hand
    );
    // An earlier import is replaced; the same document twice gives the same bytes.
    fs::remove_file(work.join("sts-2015-04-01.yaml")).unwrap();
    assert!(run().status.success());
    let first = fs::read(work.join("sts-2015-04-01.yaml")).unwrap();
    let again = run();
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("0 specs written, 1 unchanged"));
    assert_eq!(fs::read(work.join("sts-2015-04-01.yaml")).unwrap(), first);
    fs::remove_dir_all(work).ok();
}

#[test]
fn diff_reviews_a_re_import() {
    let sts =
        fs::read_to_string(here().join("fixtures/metadata/sts-2015-04-01.api-docs.json")).unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&sts).unwrap();
    // What a later snapshot of the metadata might say.
    let api = &mut doc["apis"]["AssumeRole"];
    api["summary"] = "Obtains temporary credentials of a RAM role.".into();
    api["parameters"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "name": "SourceIdentity", "in": "query",
            "schema": {"type": "string", "required": false, "description": "The source identity."}
        }));
    api["errorCodes"]["400"].as_array_mut().unwrap().remove(0);
    doc["apis"]["GetCallerIdentity"]["methods"] = serde_json::json!(["get"]);
    let edited = serde_json::to_string(&doc).unwrap();
    let spec = |text: &str| {
        let import = import_document(Path::new("sts-2015-04-01.api-docs.json"), text).unwrap();
        let Imported::Spec { file_name, text } = import.result else {
            panic!("skipped")
        };
        acs_codegen::SpecSource::from_text(Path::new(&file_name), text)
    };
    // The imported spec is under-documented (warnings), which diff takes as it is.
    let warned = acs_codegen::compile_with(&[spec(&sts)], None, &acs_codegen::Lints::default())
        .unwrap()
        .warnings;
    assert!(!warned.is_empty(), "the STS import has warnings");
    let compile = |source: acs_codegen::SpecSource| acs_codegen::compile(&[source], None).unwrap();
    let (old, new) = (compile(spec(&sts)), compile(spec(&edited)));
    let changes = acs_codegen::internal::diff::compare(&old, &new);
    crate::expect::check_golden(
        "import/sts-reimport.diff.txt",
        &acs_codegen::internal::diff::render_text(&changes, 0),
    );
    // Re-importing the same document: nothing to review.
    assert!(acs_codegen::internal::diff::compare(&old, &compile(spec(&sts))).is_empty());
}

#[test]
fn two_specs_of_one_product_version_are_an_error_unless_one_is_imported() {
    let esa = fs::read_to_string(here().join("../specs/esa-2024-09-10.yaml")).unwrap();
    let a = acs_codegen::SpecSource::from_text(Path::new("a/esa.yaml"), esa.clone());
    let b = acs_codegen::SpecSource::from_text(Path::new("b/esa.yaml"), esa.clone());
    let err = acs_codegen::compile(&[a.clone(), b], None)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("b/esa.yaml:")
            && err.contains("`esa::v2024_09_10` are also defined by a/esa.yaml"),
        "{err}"
    );
    // Marked imported, the second one is overlaid by the hand-written one instead.
    let imported = esa.replacen(
        "x-acs-product: ESA",
        "x-acs-product: ESA\n  x-acs-imported-from: esa.api-docs.json",
        1,
    );
    assert_ne!(imported, esa);
    let c = acs_codegen::SpecSource::from_text(Path::new("c/esa.yaml"), imported);
    let api = acs_codegen::compile(&[c, a], None).unwrap();
    assert_eq!(api.services.len(), 1);
    assert_eq!(api.services[0].spec_file, "esa.yaml + esa.yaml");
}

#[test]
fn import_reports_what_generate_will_warn_about_its_specs() {
    let work = std::env::temp_dir().join(format!("acs-import-warns-{}", std::process::id()));
    let _ = fs::remove_dir_all(&work);
    let specs = work.join("specs");
    let run = |args: &[&std::ffi::OsStr]| {
        let out = Command::new(crate::support::codegen_bin())
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // The warnings located in the written spec, as `generate` reports them.
        String::from_utf8_lossy(&out.stderr)
            .lines()
            .filter(|l| l.starts_with(&format!("warning: {}", specs.display())))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let cloudcontrol = here().join("fixtures/metadata/cloudcontrol-2022-08-30.api-docs.json");
    let imported = run(&[
        "import".as_ref(),
        cloudcontrol.as_os_str(),
        "--out".as_ref(),
        specs.as_os_str(),
    ]);
    let generated = run(&[
        "generate".as_ref(),
        "--specs".as_ref(),
        specs.as_os_str(),
        "--out".as_ref(),
        work.join("sdk").as_os_str(),
    ]);
    assert!(
        !generated.is_empty(),
        "the fixture has no warnings to compare"
    );
    assert_eq!(imported, generated);
    fs::remove_dir_all(&work).ok();
}

/// A fixture document changed by `edit` and imported in memory, under the fixture's name.
fn import_edited(path: &Path, edit: impl FnOnce(&mut serde_json::Value)) -> Import {
    let mut doc: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    edit(&mut doc);
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    import_document(Path::new(&name), &doc.to_string()).expect("imports")
}

fn spec_text(import: &Import) -> &str {
    match &import.result {
        Imported::Spec { text, .. } => text,
        Imported::Skipped { note } => panic!("skipped: {note}"),
    }
}

#[test]
fn a_product_with_a_gateway_of_its_own_keeps_it_whatever_style_its_document_names() {
    // Log Service's documents named their style `SLS`, later ones `ROA`: its SDKs still
    // sign with `LOG` through its own gateway, and so must the import.
    let path = here().join("fixtures/metadata/gateways/sls-2020-12-30.api-docs.json");
    let as_published = import_edited(&path, |_| {});
    let as_roa = import_edited(&path, |doc| doc["info"]["style"] = "ROA".into());
    assert!(spec_text(&as_roa).contains("x-acs-style: SLS"));
    assert_eq!(spec_text(&as_roa), spec_text(&as_published));
    // A common-gateway product named ROA stays on the common gateway.
    let eas = here().join("fixtures/metadata/eas-2021-07-01.api-docs.json");
    let eas = import_edited(&eas, |_| {});
    assert!(
        !spec_text(&eas).contains("\n  x-acs-style: "),
        "info names no gateway"
    );
}

#[test]
fn an_rpc_documents_root_path_is_its_actions_endpoint() {
    // Some RPC documents give actions `path: /` (ICE, VS, DMS): each is still an action of
    // its own, sent to `/`, not a REST path they share (where all but one were skipped).
    let path = here().join("fixtures/metadata/sts-2015-04-01.api-docs.json");
    let plain = import_edited(&path, |_| {});
    let rooted = import_edited(&path, |doc| {
        for api in doc["apis"].as_object_mut().unwrap().values_mut() {
            api["path"] = "/".into();
        }
    });
    assert_eq!(spec_text(&rooted), spec_text(&plain));
    assert_eq!(rooted.warnings.len(), plain.warnings.len());
}

#[test]
fn type_any_is_a_free_form_value_without_a_repair_warning() {
    // 647 schemas of the published catalogue say `type: any`: what a schema without a type
    // says, so nothing is repaired; an unknown type still is.
    let path = here().join("fixtures/metadata/sts-2015-04-01.api-docs.json");
    let retyped = |ty: &'static str| {
        import_edited(&path, move |doc| {
            doc["apis"]["AssumeRole"]["parameters"][1]["schema"]["type"] = ty.into();
        })
    };
    let repairs = |import: &Import| {
        import
            .warnings
            .iter()
            .filter(|w| w.report().contains("not a JSON type"))
            .count()
    };
    let any = retyped("any");
    assert_eq!(repairs(&any), 0);
    assert!(
        spec_text(&any).contains("- name: Policy\n        in: query\n"),
        "the parameter is kept"
    );
    assert_eq!(repairs(&retyped("date")), 1);
}

#[test]
fn object_storages_crc64_header_is_imported_as_a_string_even_where_typed_int64() {
    // OSS's CRC-64 is unsigned: half its values are above i64::MAX, which an `integer` field
    // would drop. The document types it `int64` in PutObject's answer, `string` elsewhere.
    let path = here().join("fixtures/metadata/gateways/oss-2019-05-17.api-docs.json");
    // The header's schema type in the operation's answer, read from the spec's text.
    let header = |import: &Import, op: &str| -> String {
        let text = spec_text(import);
        let at = text
            .find(&format!("operationId: {op}\n"))
            .unwrap_or_else(|| panic!("no {op}"));
        let rest = &text[at..];
        let operation = &rest[..rest[1..]
            .find("operationId: ")
            .map_or(rest.len(), |e| e + 1)];
        let h = operation
            .find("x-oss-hash-crc64ecma:\n")
            .unwrap_or_else(|| panic!("{op} has no CRC-64 header"));
        let schema: String = operation[h..]
            .lines()
            .skip(1)
            .take(4)
            .collect::<Vec<_>>()
            .join("\n");
        schema
    };
    let published = import_edited(&path, |_| {});
    let put = header(&published, "PutObject");
    assert!(put.contains("type: string"), "{put}");
    assert!(!put.contains("format:"), "{put}");
    assert!(header(&published, "AppendObject").contains("type: string"));
    let repaired = |import: &Import| {
        import
            .warnings
            .iter()
            .filter(|w| w.report().contains("unsigned 64-bit"))
            .count()
    };
    assert_eq!(repaired(&published), 1);
    // Another integer header keeps its type.
    let other = import_edited(&path, |doc| {
        let headers = &mut doc["apis"]["PutObject"]["responses"]["200"]["headers"];
        headers["x-oss-other"] = headers["x-oss-hash-crc64ecma"].clone();
    });
    assert_eq!(repaired(&other), 1);
}
