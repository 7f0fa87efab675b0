//! The docs-change loop against a metadata server on loopback: `fetch`, `import`, `update`
//! (review, `--fail-on`, `--write`), `generate --metadata` and `Builder::metadata`, and the
//! failures (4xx, 5xx, timeout, not JSON), each leaving the files as they were.

use crate::support::{Reply, Scratch, Server};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const STS: &str = "sts-2015-04-01.api-docs.json";

fn scratch(name: &str) -> Scratch {
    Scratch::new(&format!("metadata-{name}"))
}

fn codegen(args: &[&str], metadata_url: Option<&str>) -> Output {
    let mut cmd = Command::new(crate::support::codegen_bin());
    cmd.args(args).env_remove("ACS_CODEGEN_METADATA_URL");
    if let Some(url) = metadata_url {
        cmd.env("ACS_CODEGEN_METADATA_URL", url);
    }
    cmd.output().unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn sts_document() -> String {
    fs::read_to_string(crate::support::metadata_dir().join(STS)).unwrap()
}

/// The STS document as a later release could publish it: one operation gone (breaking), one
/// added.
fn changed_sts_document() -> String {
    let mut doc: Value = serde_json::from_str(&sts_document()).unwrap();
    let apis = doc["apis"].as_object_mut().unwrap();
    let gone = apis.keys().next().cloned().unwrap();
    let copy = apis.remove(&gone).unwrap();
    apis.insert("DescribeNewThings".into(), copy);
    doc.to_string()
}

#[test]
fn fetch_writes_the_documents_it_was_asked_for() {
    let server = Server::start(vec![Reply::json(200, &sts_document())]);
    let out = scratch("fetch");
    let url = server.url();
    let run = codegen(
        &[
            "fetch",
            "Sts/2015-04-01",
            "--out",
            out.to_str().unwrap(),
            "--metadata-url",
            &url,
        ],
        None,
    );
    assert!(run.status.success(), "{}", text(&run));
    assert_eq!(fs::read_to_string(out.join(STS)).unwrap(), sts_document());
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(
        requests[0].path,
        "/products/Sts/versions/2015-04-01/api-docs.json"
    );
    // The fetched document imports.
    let specs = out.join("specs");
    let import = codegen(
        &[
            "import",
            out.join(STS).to_str().unwrap(),
            "--out",
            specs.to_str().unwrap(),
        ],
        None,
    );
    assert!(import.status.success(), "{}", text(&import));
    assert!(specs.join("sts-2015-04-01.yaml").is_file());
}

/// What the server answers, the case's name, what the error must say, and the requests the
/// server must have seen.
type FailureCase = (
    Vec<Reply>,
    &'static str,
    &'static [&'static str],
    Option<usize>,
);

#[test]
fn a_failed_fetch_names_the_url_and_the_answer_and_writes_nothing() {
    let out = scratch("fetch-fails");
    fs::write(out.join(STS), "the previous document").unwrap();
    let before = crate::support::snapshot(&out);
    let not_found = Reply::json(404, r#"{"code":"NotFound","message":"no such product"}"#);
    let unavailable = Reply::json(503, "busy");
    let html = Reply::Respond {
        status: 200,
        headers: vec![("content-type".into(), "text/html".into())],
        body: "<html>maintenance</html>".into(),
    };
    // The requests the server saw (not counted for the timeout: this one-connection-at-a-time
    // server is still stalling on the first when the client gives up).
    let cases: Vec<FailureCase> = vec![
        (
            vec![not_found],
            "4xx",
            &["HTTP 404", "no such product"],
            Some(1),
        ),
        (
            vec![unavailable],
            "5xx",
            &["HTTP 503", "after 3 attempts"],
            Some(3),
        ),
        (
            vec![html],
            "not JSON",
            &["not a metadata document", "not JSON"],
            Some(1),
        ),
        (
            vec![Reply::Stall(std::time::Duration::from_secs(4))],
            "timeout",
            &["timed out", "after 3 attempts"],
            None,
        ),
    ];
    for (replies, case, expected, requests) in cases {
        let server = Server::start(replies);
        // The URL comes from the environment here.
        let run = codegen(
            &[
                "fetch",
                "Sts/2015-04-01",
                "--out",
                out.to_str().unwrap(),
                "--timeout",
                "1",
            ],
            Some(&server.url()),
        );
        let said = text(&run);
        assert_eq!(run.status.code(), Some(2), "{case}: {said}");
        let url = format!(
            "{}/products/Sts/versions/2015-04-01/api-docs.json",
            server.url()
        );
        assert!(said.contains(&url), "{case}: names the URL: {said}");
        for e in expected {
            assert!(said.contains(e), "{case}: says {e:?}: {said}");
        }
        assert!(!said.contains("panicked"), "{case}: {said}");
        if let Some(requests) = requests {
            assert_eq!(server.requests().len(), requests, "{case}: attempts");
        }
        assert_eq!(
            crate::support::snapshot(&out),
            before,
            "{case}: files as they were"
        );
    }
    // Of several documents, one failing: none is written.
    let server = Server::start(vec![
        Reply::json(200, &sts_document()),
        Reply::json(404, ""),
    ]);
    let run = codegen(
        &[
            "fetch",
            "Sts/2015-04-01",
            "Ecs/2014-05-26",
            "--out",
            out.to_str().unwrap(),
        ],
        Some(&server.url()),
    );
    assert_eq!(run.status.code(), Some(2), "{}", text(&run));
    assert_eq!(crate::support::snapshot(&out), before, "all or nothing");
}

/// A specs directory with STS imported from the fixture and a hand-written spec beside it:
/// the scratch directory (removed when dropped) and its `specs`.
fn specs_with_imported_sts(name: &str) -> (Scratch, PathBuf) {
    let dir = scratch(name);
    let specs = dir.join("specs");
    let imported = specs.join("imported");
    let doc = dir.join(STS);
    fs::write(&doc, sts_document()).unwrap();
    let run = codegen(
        &[
            "import",
            doc.to_str().unwrap(),
            "--out",
            imported.to_str().unwrap(),
        ],
        None,
    );
    assert!(run.status.success(), "{}", text(&run));
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    fs::copy(
        root.join("specs/esa-2024-09-10.yaml"),
        specs.join("esa-2024-09-10.yaml"),
    )
    .unwrap();
    (dir, specs)
}

#[test]
fn update_reviews_the_published_change_and_writes_it_on_request() {
    let (_dir, specs) = specs_with_imported_sts("update");
    let before = crate::support::snapshot(&specs);
    let spec_arg = specs.to_str().unwrap();

    // Unchanged docs: nothing to report, exit 0.
    let same = Server::start(vec![Reply::json(200, &sts_document())]);
    let run = codegen(
        &["update", "--specs", spec_arg, "--fail-on", "breaking"],
        Some(&same.url()),
    );
    assert!(run.status.success(), "{}", text(&run));
    assert!(
        text(&run).contains("0 imported specs of 1 changed"),
        "{}",
        text(&run)
    );
    assert_eq!(
        same.requests()[0].path,
        "/products/Sts/versions/2015-04-01/api-docs.json"
    );

    // Changed docs: the review, exit code per --fail-on, no file touched.
    let changed = Server::start(vec![Reply::json(200, &changed_sts_document())]);
    let url = changed.url();
    let run = codegen(&["update", "--specs", spec_arg], Some(&url));
    assert!(run.status.success(), "{}", text(&run));
    let report = String::from_utf8_lossy(&run.stdout).into_owned();
    assert!(report.contains("DescribeNewThings"), "{report}");
    assert!(report.to_lowercase().contains("breaking"), "{report}");
    let run = codegen(
        &[
            "update",
            "--specs",
            spec_arg,
            "--fail-on",
            "breaking",
            "--format",
            "markdown",
        ],
        Some(&url),
    );
    assert_eq!(run.status.code(), Some(1), "{}", text(&run));
    assert!(String::from_utf8_lossy(&run.stdout).contains("DescribeNewThings"));
    assert_eq!(
        crate::support::snapshot(&specs),
        before,
        "no --write, no change"
    );

    // A failed fetch: exit 2, files as they were.
    let failing = Server::start(vec![Reply::json(500, "")]);
    let run = codegen(
        &["update", "--specs", spec_arg, "--write", "--timeout", "1"],
        Some(&failing.url()),
    );
    assert_eq!(run.status.code(), Some(2), "{}", text(&run));
    assert_eq!(
        crate::support::snapshot(&specs),
        before,
        "a failed update writes nothing"
    );

    // --write: the imported spec replaced, the hand-written ones untouched; it generates.
    let run = codegen(&["update", "--specs", spec_arg, "--write"], Some(&url));
    assert!(run.status.success(), "{}", text(&run));
    let imported = fs::read_to_string(specs.join("imported/sts-2015-04-01.yaml")).unwrap();
    assert!(imported.contains("DescribeNewThings"));
    let hand_written = "esa-2024-09-10.yaml";
    let was = before
        .iter()
        .find(|(p, _)| p == Path::new(hand_written))
        .unwrap();
    assert_eq!(fs::read(specs.join(hand_written)).unwrap(), was.1);
    let out = specs.parent().unwrap().join("generated");
    let run = codegen(
        &[
            "generate",
            "--specs",
            spec_arg,
            "--out",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert!(run.status.success(), "{}", text(&run));
    let sts = fs::read_to_string(out.join("src/sts/v2015_04_01/mod.rs")).unwrap();
    assert!(sts.contains("fn describe_new_things"));
    // And now it is up to date.
    let run = codegen(
        &["update", "--specs", spec_arg, "--fail-on", "warning"],
        Some(&url),
    );
    assert!(run.status.success(), "{}", text(&run));
    assert!(
        text(&run).contains("0 imported specs of 1 changed"),
        "{}",
        text(&run)
    );
}

#[test]
fn generate_reads_metadata_as_import_would_write_it() {
    let (_dir, specs) = specs_with_imported_sts("generate-metadata");
    let dir = specs.parent().unwrap().to_path_buf();
    let (two_steps, one_step) = (dir.join("two-steps"), dir.join("one-step"));
    let run = codegen(
        &[
            "generate",
            "--specs",
            specs.to_str().unwrap(),
            "--out",
            two_steps.to_str().unwrap(),
        ],
        None,
    );
    assert!(run.status.success(), "{}", text(&run));
    fs::remove_dir_all(specs.join("imported")).unwrap();
    let run = codegen(
        &[
            "generate",
            "--specs",
            specs.to_str().unwrap(),
            "--metadata",
            dir.join(STS).to_str().unwrap(),
            "--out",
            one_step.to_str().unwrap(),
        ],
        None,
    );
    assert!(run.status.success(), "{}", text(&run));
    let without_cache = |dir: &Path| -> Vec<(PathBuf, Vec<u8>)> {
        crate::support::snapshot(dir)
            .into_iter()
            .filter(|(p, _)| !p.to_string_lossy().contains(".acs-codegen-cache"))
            .collect()
    };
    let (a, b) = (without_cache(&two_steps), without_cache(&one_step));
    assert!(a.iter().any(|(p, _)| p.ends_with("sts/v2015_04_01/mod.rs")));
    assert_eq!(
        a.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        b.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    for ((path, x), (_, y)) in a.iter().zip(&b) {
        assert!(
            x == y,
            "{} differs between import + generate and generate --metadata",
            path.display()
        );
    }
}

/// The method name of an action (`AssumeRole` → `assume_role`).
fn kept_method(action: &str) -> String {
    acs_codegen::internal::names::field_name(action)
}

#[test]
fn builder_metadata_keeps_hand_written_operations_and_warns_only_about_those_kept() {
    let dir = scratch("builder-metadata");
    // A document with an import repair (a parameter listed twice, defined differently) in
    // one operation only.
    let mut doc: Value = serde_json::from_str(&sts_document()).unwrap();
    let apis = doc["apis"].as_object_mut().unwrap();
    let actions: Vec<String> = apis.keys().cloned().collect();
    assert!(actions.len() >= 2);
    let (kept, other) = (&actions[0], &actions[1]);
    let params = apis[other.as_str()]["parameters"].as_array_mut().unwrap();
    let mut first = params[0].clone();
    first["schema"]["description"] = "Another definition.".into();
    params.push(first);
    let path = dir.join(STS);
    fs::write(&path, doc.to_string()).unwrap();

    let all = acs_codegen::Builder::new()
        .metadata(&dir)
        .render_with_warnings()
        .unwrap();
    assert!(
        all.1
            .iter()
            .any(|w| w.path.starts_with(&format!("/apis/{other}")) && w.file == path),
        "the repair is reported, located in the document: {:?}",
        all.1
    );
    let (files, warnings) = acs_codegen::Builder::new()
        .metadata(&path)
        .operation(kept.as_str())
        .render_with_warnings()
        .unwrap();
    assert!(
        warnings.iter().all(|w| !w.path.contains(other.as_str())),
        "no warning about {other}, which is left out: {warnings:?}"
    );
    // Warnings on the spec are located by its spec path, without lines of an unseen YAML.
    assert!(warnings.iter().all(|w| w.line == 0), "{warnings:?}");
    let module = files
        .iter()
        .find(|(p, _)| p.ends_with("sts/v2015_04_01/mod.rs"))
        .map(|(_, t)| t.clone())
        .unwrap();
    assert!(module.contains(&format!("pub fn {}", kept_method(kept))));
    assert!(!module.contains(&format!("pub fn {}", kept_method(other))));
    // Metadata alone: the common gateway codes are the generator's built-in ones.
    let common = files
        .iter()
        .find(|(p, _)| p.ends_with("src/common_errors.rs"))
        .map(|(_, t)| t.as_str())
        .unwrap_or_default();
    assert!(common.contains("fn is_throttling_user(&self)"), "{common}");

    // A hand-written spec of the same product and version takes precedence.
    let hand = dir.join("hand");
    fs::create_dir_all(&hand).unwrap();
    let imported =
        acs_codegen::internal::import::import_document(Path::new(STS), &doc.to_string()).unwrap();
    let acs_codegen::internal::import::Imported::Spec { text, .. } = imported.result else {
        panic!("skipped")
    };
    // The hand-written spec: the imported one, unmarked, with the kept operation's summary
    // rewritten.
    let hand_text: String = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.contains("x-acs-imported-from"))
        .map(|l| {
            if l.trim_start().starts_with("summary:") {
                format!(
                    "{}summary: Written by hand.",
                    &l[..l.len() - l.trim_start().len()]
                )
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    fs::write(hand.join("sts-2015-04-01.yaml"), hand_text).unwrap();
    let files = acs_codegen::Builder::new()
        .specs_dir(&hand)
        .metadata(&path)
        .render()
        .unwrap();
    let module = files
        .iter()
        .find(|(p, _)| p.ends_with("sts/v2015_04_01/mod.rs"))
        .map(|(_, t)| t.clone())
        .unwrap();
    assert!(
        module.contains("Written by hand."),
        "the hand-written spec wins"
    );
}
