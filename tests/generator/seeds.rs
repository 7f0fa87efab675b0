//! Fidelity to the seed pages (`tests/seeds/`, copies of `../shared/seeds/`): every error
//! code row of a page is in the spec with the same HTTP status and texts, and the generated
//! error enum has a variant for it.

use acs_codegen::internal::model::{Api, Operation};
use acs_codegen::{Builder, SpecSource};
use acs_runtime::{ErrorMeta, ServiceError};
use std::path::PathBuf;

/// One error row of a page: status, code, message and (when the page has the column)
/// description.
#[derive(Debug)]
struct Row {
    status: u16,
    code: String,
    message: Option<String>,
    description: Option<String>,
}

fn seed(name: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let path = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(name))
        .unwrap_or_else(|| panic!("no seed {name}"));
    std::fs::read_to_string(path).unwrap()
}

/// Rows of a pipe table: `| 400 | Code | Message | Description |` (description optional).
fn pipe_rows(text: &str) -> Vec<Row> {
    text.lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line
                .split('|')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect();
            let status: u16 = cells.first()?.parse().ok()?;
            if !(100..=599).contains(&status) || cells.len() < 3 {
                return None;
            }
            Some(Row {
                status,
                code: cells[1].to_string(),
                message: Some(cells[2].to_string()),
                description: cells.get(3).map(|d| d.to_string()),
            })
        })
        .collect()
}

/// Rows of the plain rendering: `400 Code Message Description` (texts not separable).
fn plain_rows(text: &str) -> Vec<Row> {
    text.lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            let status: u16 = words.next()?.parse().ok()?;
            let code = words.next()?;
            ((400..=599).contains(&status)).then(|| Row {
                status,
                code: code.to_string(),
                message: None,
                description: None,
            })
        })
        .collect()
}

fn api() -> Api {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf();
    let (specs, common) = Builder::new()
        .specs_dir(root.join("specs"))
        .sources()
        .unwrap();
    acs_codegen::compile(&specs, common.as_ref()).unwrap()
}

fn operation<'a>(api: &'a Api, product: &str, action: &str) -> &'a Operation {
    api.services
        .iter()
        .find(|s| s.product_module == product)
        .and_then(|s| s.operations.iter().find(|o| o.action == action))
        .unwrap_or_else(|| panic!("{product} {action} missing"))
}

fn check_rows(op: &Operation, rows: &[Row]) {
    for row in rows {
        let e = op
            .errors
            .iter()
            .find(|e| e.code == row.code && !e.common)
            .unwrap_or_else(|| {
                panic!(
                    "{}: code {} of the page is not in the spec",
                    op.action, row.code
                )
            });
        assert_eq!(e.status, row.status, "{}", row.code);
        if let Some(m) = &row.message {
            assert_eq!(&e.message, m, "{}", row.code);
        }
        if let Some(d) = &row.description {
            assert_eq!(&e.description, d, "{}", row.code);
        }
    }
}

#[test]
fn esa_error_codes_match_both_renderings_of_the_page() {
    let api = api();
    let op = operation(&api, "esa", "ReleaseInstance");
    let table = pipe_rows(&seed("000_"));
    let plain = plain_rows(&seed("001_"));
    assert_eq!(table.len(), 13, "{table:?}");
    assert_eq!(plain.len(), 13, "{plain:?}");
    check_rows(op, &table);
    check_rows(op, &plain);
    assert_eq!(op.errors.iter().filter(|e| !e.common).count(), 13);
    for row in &table {
        use acs_sdk::esa::v2024_09_10::ReleaseInstanceError as E;
        let err = E::from_meta(ErrorMeta::new(row.status, row.code.as_str(), ""));
        assert!(
            !matches!(err, E::Unhandled(_)),
            "{} has no variant",
            row.code
        );
        assert_eq!(err.code(), row.code);
    }
}

#[test]
fn bss_error_codes_match_the_page() {
    let api = api();
    let op = operation(&api, "bssopenapi", "RefundInstance");
    let rows = pipe_rows(&seed("003_"));
    assert_eq!(rows.len(), 17, "{rows:?}");
    check_rows(op, &rows);
    for row in &rows {
        use acs_sdk::bssopenapi::v2017_12_14::RefundInstanceError as E;
        let err = E::from_meta(ErrorMeta::new(row.status, row.code.as_str(), ""));
        assert!(
            !matches!(err, E::Unhandled(_)),
            "{} has no variant",
            row.code
        );
    }
    // The "blocked request" list gives the descriptions.
    let e = op
        .errors
        .iter()
        .find(|e| e.code == "ExistRefundingOrderError")
        .unwrap();
    assert!(e
        .description
        .starts_with("The ID of the instance is invalid because"));
}

#[test]
fn ddoscoo_documents_no_codes_of_its_own() {
    let api = api();
    let op = operation(&api, "ddoscoo", "ReleaseInstance");
    assert!(seed("002_").contains("For a list of error codes, visit the API Error Center."));
    assert!(op.errors.iter().all(|e| e.common), "{:?}", op.errors);
    let common = api
        .services
        .iter()
        .find(|s| s.product_module == "esa")
        .unwrap()
        .operations[0]
        .errors
        .iter()
        .filter(|e| e.common)
        .count();
    assert_eq!(op.errors.len(), 15);
    assert!(common > 0);
    use acs_sdk::ddoscoo::v2020_01_01::{CommonError, ReleaseInstanceError as E};
    assert!(matches!(
        E::from_meta(ErrorMeta::new(400, "SignatureDoesNotMatch", "")),
        E::Common(CommonError::SignatureDoesNotMatch(_))
    ));
    assert!(matches!(
        E::from_meta(ErrorMeta::new(400, "InvalidInstance", "")),
        E::Unhandled(_)
    ));
}

#[test]
fn parameters_match_the_pages() {
    let api = api();
    let ddos = operation(&api, "ddoscoo", "ReleaseInstance");
    let names: Vec<(&str, bool)> = ddos
        .params
        .iter()
        .map(|p| (p.wire_name.as_str(), p.required))
        .collect();
    assert_eq!(names, [("InstanceId", true), ("RegionId", true)]);
    let page = seed("002_");
    assert!(page.contains("RegionId String Yes cn-hangzhou"));
    let bss = operation(&api, "bssopenapi", "RefundInstance");
    let names: Vec<(&str, bool)> = bss
        .params
        .iter()
        .map(|p| (p.wire_name.as_str(), p.required))
        .collect();
    assert_eq!(
        names,
        [
            ("ClientToken", false),
            ("ImmediatelyRelease", false),
            ("ProductCode", false),
            ("InstanceId", false),
            ("ProductType", false)
        ]
    );
    assert!(bss
        .idempotency_token()
        .is_some_and(|p| p.wire_name == "ClientToken"));
    let esa = operation(&api, "esa", "ReleaseInstance");
    assert_eq!(esa.params.len(), 1);
    assert_eq!(
        esa.params[0].doc.example.as_deref(),
        Some("esa-ddos-2sdj**3s")
    );
}

#[test]
fn a_spec_from_text_reports_its_own_path() {
    let s = SpecSource::from_text(std::path::Path::new("x/y.yaml"), "openapi: [".into());
    let err = acs_codegen::compile(&[s], None).unwrap_err();
    assert!(err.to_string().starts_with("error: x/y.yaml:"), "{err}");
}
