//! The review and CI workflows: `acs-codegen diff` (every rule, every format, the generated
//! API surface, exit codes, ignore files), `acs-codegen check`, and the CLI's help texts,
//! against goldens in `tests/golden/`.

use acs_codegen::internal::diff;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn here() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn root() -> PathBuf {
    here().parent().unwrap().to_path_buf()
}

fn api(dir: &str) -> acs_codegen::internal::model::Api {
    let (specs, common) = acs_codegen::read_specs(&here().join(dir)).unwrap();
    acs_codegen::compile(&specs, common.as_ref()).unwrap()
}

fn run(args: &[&str]) -> Output {
    Command::new(crate::support::codegen_bin())
        .args(args)
        .current_dir(here())
        .output()
        .unwrap()
}

#[test]
fn every_rule_is_exercised_by_the_fixture_pair() {
    let changes = diff::compare(&api("fixtures/diff/old"), &api("fixtures/diff/new"));
    for rule in diff::RULES {
        assert!(
            changes.iter().any(|c| c.rule == rule.id),
            "no fixture change for rule {}",
            rule.id
        );
    }
    // Identical specs have no changes.
    assert!(diff::compare(&api("fixtures/diff/old"), &api("fixtures/diff/old")).is_empty());
}

/// The fixture pair's changes, each located in its spec (`file:line`).
fn located_fixture_changes() -> Vec<diff::Change> {
    let side = |dir: &str| {
        let (mut specs, mut common) = acs_codegen::read_specs(&here().join(dir)).unwrap();
        // Relative paths, as a reviewer types them: machine-independent goldens.
        for s in specs.iter_mut().chain(common.iter_mut()) {
            s.path = s.path.strip_prefix(here()).unwrap().to_path_buf();
        }
        diff::Side { specs, common }
    };
    diff::changes(&side("fixtures/diff/old"), &side("fixtures/diff/new")).unwrap()
}

#[test]
fn a_review_product_version_by_product_version_finds_what_comparing_whole_sides_finds() {
    let whole = diff::compare(&api("fixtures/diff/old"), &api("fixtures/diff/new"));
    let grouped = located_fixture_changes();
    let key = |c: &diff::Change| (c.id.clone(), c.message.clone(), c.rust.clone());
    assert!(whole.len() > 10, "{} changes", whole.len());
    assert_eq!(
        whole.iter().map(key).collect::<Vec<_>>(),
        grouped.iter().map(key).collect::<Vec<_>>()
    );
}

#[test]
fn a_review_reports_the_errors_of_every_product_version_of_both_sides() {
    let (specs, common) = acs_codegen::read_specs(&here().join("fixtures/diff/old")).unwrap();
    let broken = |name: &str, text: &str| {
        acs_codegen::SpecSource::from_text(Path::new(name), text.to_string())
    };
    let mut olds = specs.clone();
    olds.push(broken("a-2020-01-01.yaml", "openapi: [unclosed\n"));
    let mut news = specs;
    news.push(broken("b-2020-01-01.yaml", "openapi: 3.0.3\ninfo: 7\n"));
    // The same product version broken on both sides: both files are named.
    let both =
        "openapi: 3.0.3\ninfo: {title: C, version: '2020-01-01', x-acs-product: C}\npaths: 7\n";
    olds.push(broken("c-old.yaml", both));
    news.push(broken("c-new.yaml", both));
    let side = |specs| diff::Side {
        specs,
        common: common.clone(),
    };
    match diff::changes(&side(olds), &side(news)) {
        Err(acs_codegen::Error::Spec(found)) => {
            let files: Vec<_> = found.iter().map(|d| d.file.display().to_string()).collect();
            assert!(files.contains(&"a-2020-01-01.yaml".into()), "{files:?}");
            assert!(files.contains(&"b-2020-01-01.yaml".into()), "{files:?}");
            assert!(files.contains(&"c-old.yaml".into()), "{files:?}");
            assert!(files.contains(&"c-new.yaml".into()), "{files:?}");
        }
        other => panic!("{:?}", other.map(|c| c.len())),
    }
}

#[test]
fn every_change_carries_its_file_and_line() {
    for c in located_fixture_changes() {
        let source = c
            .source
            .as_deref()
            .unwrap_or_else(|| panic!("{} has no source", c.id));
        let (file, line) = source.rsplit_once(':').unwrap();
        let removal = c.rule.ends_with("-removed");
        assert!(
            file.starts_with(if removal {
                "fixtures/diff/old/"
            } else {
                "fixtures/diff/new/"
            }),
            "{}: {source}",
            c.id
        );
        assert!(line.parse::<usize>().unwrap() > 0);
    }
}

#[test]
fn diff_reports_match_their_goldens_in_each_format() {
    let changes = located_fixture_changes();
    crate::expect::check_golden("diff/report.txt", &diff::render_text(&changes, 0));
    let ignore = fs::read_to_string(here().join("fixtures/diff/ignore.txt")).unwrap();
    let (kept, ignored) = diff::apply_ignore(changes, &ignore);
    assert_eq!(ignored.len(), 1);
    assert_eq!(ignored[0].rule, "param-encoding-changed");
    crate::expect::check_golden(
        "diff/report.md",
        &diff::render_markdown(&kept, ignored.len()),
    );
    let json = diff::render_json(&kept, ignored.len(), None);
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed["schema_version"], 1);
    assert_eq!(parsed["summary"]["ignored"], 1);
    crate::expect::check_golden("diff/report.json", &json);
}

#[test]
fn the_generated_api_surface_diff_matches_its_golden() {
    let out = run(&[
        "diff",
        "--generated",
        "fixtures/diff/old",
        "fixtures/diff/new",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("-review::v2020_01_01::Client::fn remove(&self, request: RemoveRequest)"),
        "{text}"
    );
    assert!(
        text.contains("+review::v2020_01_01::KeepRequest.h: String"),
        "{text}"
    );
    crate::expect::check_golden("diff/generated-api.diff", &text);
}

#[test]
fn diff_exit_codes_follow_fail_on_and_the_ignore_file() {
    let code = |args: &[&str]| run(args).status.code();
    assert_eq!(
        code(&["diff", "fixtures/diff/old", "fixtures/diff/new"]),
        Some(0)
    );
    assert_eq!(
        code(&[
            "diff",
            "--fail-on",
            "breaking",
            "fixtures/diff/old",
            "fixtures/diff/new"
        ]),
        Some(1)
    );
    assert_eq!(
        code(&[
            "diff",
            "--fail-on",
            "warning",
            "fixtures/diff/old",
            "fixtures/diff/new"
        ]),
        Some(1)
    );
    assert_eq!(
        code(&[
            "diff",
            "--fail-on",
            "warning",
            "fixtures/diff/new",
            "fixtures/diff/new"
        ]),
        Some(0)
    );
    assert_eq!(
        code(&["diff", "fixtures/diff/old", "fixtures/does-not-exist"]),
        Some(2)
    );
    // Single files: only a documentation change in one operation's error table.
    let dir = std::env::temp_dir().join(format!("acs-diff-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let new = dir.join("esa-2024-09-10.yaml");
    let text = fs::read_to_string(root().join("specs/esa-2024-09-10.yaml")).unwrap();
    fs::write(
        &new,
        text.replace(
            "message: Instance release failed.",
            "message: The instance could not be released.",
        ),
    )
    .unwrap();
    let old = root().join("specs/esa-2024-09-10.yaml");
    let out = run(&[
        "diff",
        "--fail-on",
        "warning",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("0 breaking, 0 warning, 0 info, 1 documentation-only"),
        "{report}"
    );
    assert!(
        report.contains(
            "[error-docs-changed] esa 2024-09-10 ReleaseInstance error Instance.ReleaseFailed"
        ),
        "{report}"
    );
    fs::remove_dir_all(dir).ok();
}

#[test]
fn check_mode_exits_1_with_a_diff_when_the_output_is_stale() {
    let dir = std::env::temp_dir().join(format!("acs-check-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    let specs = root().join("specs");
    let out = dir.join("out");
    acs_codegen::Builder::new()
        .specs_dir(&specs)
        .out_dir(&out)
        .generate()
        .unwrap();
    let check = |out: &Path| {
        run(&[
            "check",
            "--specs",
            specs.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
    };
    assert_eq!(check(&out).status.code(), Some(0));
    let errors = out.join("src/esa/v2024_09_10/errors.rs");
    let edited = fs::read_to_string(&errors)
        .unwrap()
        .replace("Instance release failed.", "hand edit");
    fs::write(&errors, edited).unwrap();
    fs::write(
        out.join("src/esa/stale.rs"),
        "// @generated by acs-codegen 0.0.0\n",
    )
    .unwrap();
    let stale = check(&out);
    assert_eq!(stale.status.code(), Some(1));
    let shown = String::from_utf8_lossy(&stale.stdout);
    assert!(
        shown.contains("--- a/src/esa/v2024_09_10/errors.rs"),
        "{shown}"
    );
    assert!(
        shown
            .lines()
            .any(|l| l.starts_with('-') && l.contains("(HTTP 400): hand edit")),
        "{shown}"
    );
    assert!(
        shown
            .lines()
            .any(|l| l.starts_with('+') && l.contains("(HTTP 400): Instance release failed.")),
        "{shown}"
    );
    // The counts and the file list come before the hunks.
    let summary = shown
        .find("would change: 0 added, 1 changed, 1 removed")
        .expect("counts");
    let listed = shown
        .find("  M src/esa/v2024_09_10/errors.rs (+1 -1)")
        .expect("file list");
    let removed = shown.find("  D src/esa/stale.rs").expect("removal listed");
    let hunks = shown.find("--- a/src/esa/v2024_09_10/errors.rs").unwrap();
    assert!(
        summary < listed && listed < removed && removed < hunks,
        "{shown}"
    );
    assert!(
        fs::read_to_string(&errors).unwrap().contains("hand edit"),
        "check writes nothing"
    );
    // The advice is the command that updates this output from these specs.
    let advice = String::from_utf8_lossy(&stale.stderr);
    let command = format!(
        "run `acs-codegen generate --specs {} --out {}` to update it",
        specs.display(),
        out.display()
    );
    assert!(advice.contains(&command), "{advice}");
    let updated = Command::new(crate::support::codegen_bin())
        .args(["generate", "--specs"])
        .arg(&specs)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&updated.stderr);
    assert!(
        said.contains(&format!(
            "Generated the crate in {}: 1 file written, ",
            out.display()
        )),
        "{said}"
    );
    fs::remove_dir_all(dir).ok();
}

#[test]
fn check_compares_with_the_options_generate_was_given() {
    let dir = std::env::temp_dir().join(format!("acs-check-sharded-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    let specs = root().join("tests/fixtures/shapes");
    let out = dir.join("out");
    let with = |command: &str, extra: &[&str]| {
        let mut args = vec![
            command,
            "--specs",
            specs.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--allow",
            "warnings",
        ];
        args.extend(extra);
        run(&args)
    };
    let sharded = ["--shard-operations", "2", "--no-comparisons"];
    assert!(with("generate", &sharded).status.success());
    assert!(out.join("shards/shapes-2020-01-01-1/Cargo.toml").exists());
    assert_eq!(with("check", &sharded).status.code(), Some(0));
    // With the defaults, the crate is not what `generate` would write.
    let other = with("check", &[]);
    assert_eq!(other.status.code(), Some(1));
    let shown = String::from_utf8_lossy(&other.stdout);
    assert!(
        shown.contains("  D shards/shapes-2020-01-01-1/src/types.rs"),
        "{shown}"
    );
    fs::remove_dir_all(dir).ok();
}

/// Every command's help, of both command lines: `acs-codegen` and each of its commands, and
/// the fixture's generated `acs` (its root, a product, an operation that pages and one that
/// does not). Help is wrapped to the terminal; a test's output is no terminal, so clap's
/// default width holds.
#[test]
fn cli_help_texts_match_their_goldens() {
    for (name, args) in [
        ("help.txt", vec!["--help"]),
        ("generate.txt", vec!["generate", "--help"]),
        ("check.txt", vec!["check", "--help"]),
        ("diff.txt", vec!["diff", "--help"]),
        ("import.txt", vec!["import", "--help"]),
        ("fetch.txt", vec!["fetch", "--help"]),
        ("update.txt", vec!["update", "--help"]),
        ("serve.txt", vec!["serve", "--help"]),
        ("lints.txt", vec!["lints", "--help"]),
        ("rules.txt", vec!["rules", "--help"]),
    ] {
        let out = run(&args);
        assert!(out.status.success(), "{args:?}");
        crate::expect::check_golden(
            &format!("cli/{name}"),
            &String::from_utf8(out.stdout).unwrap(),
        );
    }
    for (name, args) in [
        ("acs-help.txt", vec!["--help"]),
        ("acs-product.txt", vec!["shapes", "--help"]),
        (
            "acs-operation.txt",
            vec!["shapes", "describe-things", "--help"],
        ),
        (
            "acs-operation-paging.txt",
            vec!["shapes", "list-things", "--help"],
        ),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_acs-shapes"))
            .args(&args)
            .env_remove("COLUMNS")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.lines().all(|l| l.chars().count() <= 100),
            "{name}:\n{text}"
        );
        crate::expect::check_golden(&format!("cli/{name}"), &text);
    }
}

#[test]
fn the_guide_documents_every_diff_rule() {
    let guide = fs::read_to_string(root().join("docs/guide/reviewing.md")).unwrap();
    assert!(
        guide.contains(&diff::rules_markdown()),
        "docs/guide/reviewing.md's rule table is out of date; paste diff::rules_markdown()"
    );
}

#[test]
fn the_new_product_walkthrough_spec_generates_with_every_lint_denied() {
    let doc = fs::read_to_string(root().join("docs/new-product.md")).unwrap();
    let start = doc.find("```yaml\n").expect("the walkthrough has a spec") + 8;
    let end = start + doc[start..].find("```").unwrap();
    let source = acs_codegen::SpecSource::from_text(
        Path::new("sts-2015-04-01.yaml"),
        doc[start..end].to_string(),
    );
    let mut deny = acs_codegen::Lints::default();
    deny.set_all(acs_codegen::Level::Deny);
    let api = acs_codegen::compile_with(&[source], None, &deny)
        .unwrap_or_else(|e| panic!("{e}"))
        .api;
    assert_eq!(api.services[0].operations[0].action, "AssumeRole");
}

#[test]
fn suggest_version_follows_cargo_semver_for_each_severity() {
    let old_text =
        fs::read_to_string(here().join("fixtures/diff/old/review-2020-01-01.yaml")).unwrap();
    let work = std::env::temp_dir().join(format!("acs-suggest-{}", std::process::id()));
    let _ = fs::remove_dir_all(&work);
    let old = work.join("old.yaml");
    fs::create_dir_all(&work).unwrap();
    fs::write(&old, &old_text).unwrap();
    // One edit of each kind, from the same old spec.
    let cases: [(&str, String); 5] = [
        ("none", old_text.clone()),
        (
            "documentation only",
            old_text.replace("summary: Keeps things.", "summary: Keeps things, reworded."),
        ),
        (
            "an addition",
            old_text.replace(
                "      parameters:\n        - name: A\n",
                "      parameters:\n        - name: Added\n          in: query\n          description: New and optional.\n          schema: {type: string}\n        - name: A\n",
            ),
        ),
        (
            "a behaviour change",
            old_text.replace("    get:\n      operationId: Keep", "    post:\n      operationId: Keep"),
        ),
        (
            "a breaking change",
            fs::read_to_string(here().join("fixtures/diff/new/review-2020-01-01.yaml")).unwrap(),
        ),
    ];
    let mut report = String::new();
    for (what, text) in &cases {
        assert!(
            what == &"none" || text != &old_text,
            "{what}: the edit did not apply"
        );
        let new = work.join("new.yaml");
        fs::write(&new, text).unwrap();
        for current in ["1.4.2", "0.3.7"] {
            let out = run(&[
                "diff",
                old.to_str().unwrap(),
                new.to_str().unwrap(),
                "--suggest-version",
                current,
            ]);
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let stdout = String::from_utf8_lossy(&out.stdout);
            let line = stdout.lines().last().unwrap_or_default();
            report.push_str(&format!("{what}: {line}\n"));
        }
    }
    crate::expect::check_golden("diff/suggest-version.txt", &report);
    // In JSON, a field of the report.
    let json = run(&[
        "diff",
        old.to_str().unwrap(),
        work.join("new.yaml").to_str().unwrap(),
        "--format",
        "json",
        "--suggest-version",
        "0.3.7",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["suggested_version"], "0.4.0");
    assert_eq!(v["schema_version"], 1);
    // A version that is not MAJOR.MINOR.PATCH is a usage error.
    let bad = run(&[
        "diff",
        old.to_str().unwrap(),
        old.to_str().unwrap(),
        "--suggest-version",
        "1.x",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    fs::remove_dir_all(work).ok();
}

#[test]
fn both_sides_resolve_common_errors_the_same_way() {
    let work = std::env::temp_dir().join(format!("acs-sides-{}", std::process::id()));
    let _ = fs::remove_dir_all(&work);
    fs::create_dir_all(&work).unwrap();
    // The repository's hand-written specs (specs/ may also hold imported ones).
    let specs = work.join("specs");
    crate::support::copy_hand_written_specs(&root().join("specs"), &specs);
    let bss = specs.join("bssopenapi-2017-12-14.yaml");
    let text = fs::read_to_string(&bss).unwrap();
    // A copy elsewhere, without the common errors file beside it: no change at all.
    let old = work.join("old.yaml");
    fs::write(&old, &text).unwrap();
    let same = run(&["diff", old.to_str().unwrap(), bss.to_str().unwrap()]);
    // Rewording one message: documentation only, and `--fail-on breaking` passes.
    let edited = work.join("edited.yaml");
    fs::write(
        &edited,
        text.replace(
            "The specific resource is not exists.",
            "The resource does not exist.",
        ),
    )
    .unwrap();
    let reworded = run(&[
        "diff",
        bss.to_str().unwrap(),
        edited.to_str().unwrap(),
        "--fail-on",
        "breaking",
    ]);
    assert_eq!(reworded.status.code(), Some(0));
    // A common code changed: reported once for the product, not once per operation.
    let common = fs::read_to_string(root().join("codegen/common-errors.yaml")).unwrap();
    fs::write(specs.join("common-errors.yaml"), &common).unwrap();
    let changed_common = work.join("common-changed.yaml");
    fs::write(
        &changed_common,
        common.replacen("code: Throttling.User", "code: Throttling.Account", 1),
    )
    .unwrap();
    let both = run(&[
        "diff",
        specs.to_str().unwrap(),
        specs.to_str().unwrap(),
        "--common-errors",
        changed_common.to_str().unwrap(),
    ]);
    let new_dir = work.join("new");
    fs::create_dir_all(&new_dir).unwrap();
    crate::support::copy_specs(&specs, &new_dir);
    fs::copy(&changed_common, new_dir.join("common-errors.yaml")).unwrap();
    let common_change = run(&["diff", specs.to_str().unwrap(), new_dir.to_str().unwrap()]);
    let report = format!(
        "## a copy elsewhere\n{}\n## one message reworded\n{}\n## --common-errors for both sides\n{}\n## a common code renamed\n{}",
        String::from_utf8_lossy(&same.stdout),
        String::from_utf8_lossy(&reworded.stdout),
        String::from_utf8_lossy(&both.stdout),
        String::from_utf8_lossy(&common_change.stdout)
    );
    let report = report
        .replace(&work.display().to_string(), "<tmp>")
        .replace(&root().display().to_string(), "<root>");
    crate::expect::check_golden("diff/sides.txt", &report);
    fs::remove_dir_all(work).ok();
}

#[test]
fn diff_base_compares_a_git_revision_with_the_working_tree() {
    let repo = std::env::temp_dir().join(format!("acs-base-{}", std::process::id()));
    let _ = fs::remove_dir_all(&repo);
    crate::support::copy_hand_written_specs(&root().join("specs"), &repo.join("specs"));
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(&repo)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "specs"]);
    let esa = repo.join("specs/esa-2024-09-10.yaml");
    let text = fs::read_to_string(&esa).unwrap();
    fs::write(&esa, text.replacen("    post:", "    get:", 1)).unwrap();
    let diff = |args: &[&str]| {
        Command::new(crate::support::codegen_bin())
            .arg("diff")
            .args(args)
            .current_dir(&repo)
            .output()
            .unwrap()
    };
    let out = diff(&["--base", "HEAD", "--fail-on", "warning"]);
    let shown = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{shown}");
    assert!(
        shown.contains(
            "[method-changed] esa 2024-09-10 ReleaseInstance (specs/esa-2024-09-10.yaml:"
        ) && shown.contains("HTTP method POST → GET"),
        "{shown}"
    );
    assert!(shown.contains("1 warning"), "{shown}");
    // Paths may be given, from any directory of the repository.
    fs::create_dir_all(repo.join("sub")).unwrap();
    let out = Command::new(crate::support::codegen_bin())
        .args(["diff", "--base", "HEAD", "../specs/esa-2024-09-10.yaml"])
        .current_dir(repo.join("sub"))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("[method-changed]"));
    // Committed, nothing is left to report; an unknown revision is an error.
    git(&["commit", "-q", "-am", "get"]);
    let out = diff(&["--base", "HEAD"]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("0 breaking, 0 warning, 0 info"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = diff(&["--base", "no-such-rev"]);
    assert_eq!(out.status.code(), Some(2));
    // A product's first spec, in a directory the revision does not have: `service-added`,
    // whether the new directory or the whole tree is compared.
    let imported = Command::new(crate::support::codegen_bin())
        .arg("import")
        .arg(here().join("fixtures/metadata/sts-2015-04-01.api-docs.json"))
        .args(["--out", "specs/imported"])
        .current_dir(&repo)
        .output()
        .unwrap();
    assert!(imported.status.success(), "{imported:?}");
    for args in [
        &["--base", "HEAD", "specs/imported"][..],
        &["--base", "HEAD"],
    ] {
        let out = diff(args);
        let shown = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {shown}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            shown.contains("[service-added] sts 2015-04-01"),
            "{args:?}: {shown}"
        );
        assert!(!shown.contains("service-removed"), "{args:?}: {shown}");
    }
    fs::remove_dir_all(repo).ok();
}

#[test]
fn generate_notes_an_output_inside_a_workspace_that_does_not_list_it() {
    let ws = std::env::temp_dir().join(format!("acs-workspace-{}", std::process::id()));
    let _ = fs::remove_dir_all(&ws);
    fs::create_dir_all(&ws).unwrap();
    let generate = || {
        let out = Command::new(crate::support::codegen_bin())
            .args(["generate", "--specs"])
            .arg(root().join("specs"))
            .args(["--out", "my-sdk"])
            .current_dir(&ws)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    fs::write(ws.join("Cargo.toml"), "[workspace]\nmembers = []\n").unwrap();
    let said = generate();
    assert!(
        said.contains("note: my-sdk is inside the workspace of ")
            && said.contains("add it to that workspace's `members` (or `exclude`)"),
        "{said}"
    );
    fs::write(
        ws.join("Cargo.toml"),
        "[workspace]\nmembers = [\"my-sdk\"]\n",
    )
    .unwrap();
    let said = generate();
    assert!(!said.contains("note:"), "{said}");
    fs::remove_dir_all(ws).ok();
}
