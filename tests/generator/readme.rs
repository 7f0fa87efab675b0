//! The recipes of the README and the guide (`docs/guide/`) as a user follows them, outside
//! this repository: their `Cargo.toml`, `build.rs` and Rust snippets are copied into scratch
//! crates in the system's temporary directory that depend on this checkout by path
//! (`/path/to/acs-codegen` in the README), built with cargo, and run against a loopback
//! server that checks each request's signature; the first quick start's commands run
//! against `acs-codegen serve`.
//!
//! Only the endpoint literal of a snippet (`http://127.0.0.1:8080`) is replaced, by the
//! server's address; test scaffolding (a `[package]` table, the call that drives a library
//! function) is added beside the snippets, never into them.

use crate::support::{Reply, Scratch, Server};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The README's and the guide's (`docs/guide/*.md`) Markdown, in that order.
fn documents() -> Vec<String> {
    let mut guide: Vec<PathBuf> = fs::read_dir(root().join("docs/guide"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    guide.sort();
    assert!(guide.len() >= 5, "{guide:?}");
    std::iter::once(root().join("README.md"))
        .chain(guide)
        .map(|p| fs::read_to_string(p).unwrap())
        .collect()
}

/// The fenced blocks of the README and the guide: info string and text (rustdoc's hidden
/// `# ` lines shown).
fn blocks() -> Vec<(String, String)> {
    let markdown = documents().join("\n");
    let mut found = Vec::new();
    let mut open: Option<(String, String)> = None;
    for line in markdown.lines() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(info)) => open = Some((info.to_string(), String::new())),
            (Some(_), Some("")) => found.push(open.take().unwrap()),
            (Some((info, text)), _) => {
                let line = match (info.starts_with("rust"), line.strip_prefix("# ")) {
                    (true, Some(hidden)) => hidden,
                    (true, None) if line == "#" => "",
                    _ => line,
                };
                text.push_str(line);
                text.push('\n');
            }
            (None, None) => {}
        }
    }
    found
}

/// The one block whose text starts with `start`.
fn block(start: &str) -> String {
    let all: Vec<String> = blocks()
        .into_iter()
        .map(|(_, text)| text)
        .filter(|t| t.starts_with(start))
        .collect();
    assert_eq!(
        all.len(),
        1,
        "README and guide blocks starting with {start:?}: {all:?}"
    );
    all.into_iter().next().unwrap()
}

/// A README `Cargo.toml` block with this checkout's path, under a scratch package.
fn manifest(name: &str, block: &str, extra: &str) -> String {
    let checkout = root().display().to_string().replace('\\', "/");
    format!(
        "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n{}\n{extra}\n[workspace]\n",
        block
            .trim_start_matches("# Cargo.toml\n")
            .replace("/path/to/acs-codegen", &checkout)
    )
}

fn scratch(name: &str) -> Scratch {
    let dir = Scratch::new(&format!("readme-{name}"));
    fs::create_dir_all(dir.join("src")).unwrap();
    // The checkout's lock file: the same dependency versions, resolvable offline.
    fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    dir
}

fn cargo(dir: &Path, args: &[&str], envs: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO"))
        .args(args)
        .arg("--offline")
        .current_dir(dir)
        // One target directory for the scratch crates, kept between runs.
        .env(
            "CARGO_TARGET_DIR",
            root().join("target").join("readme-scratch"),
        )
        .env_remove("RUSTFLAGS")
        .envs(envs.iter().copied())
        .output()
        .unwrap()
}

fn ok(out: &Output) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

const RELEASED: &str = r#"{"RequestId":"EEEE-1111","InstanceId":"esa-ddos-2sdj**3s"}"#;

#[test]
fn the_sdk_snippets_build_in_a_crate_of_their_own_and_call_a_loopback_server() {
    let server = Server::start(vec![Reply::json(200, RELEASED)]);
    let dir = scratch("sdk");
    fs::write(
        dir.join("Cargo.toml"),
        manifest(
            "readme-sdk",
            &block("# Cargo.toml\n[dependencies]\nacs-sdk"),
            "",
        ),
    )
    .unwrap();
    // Every Rust snippet that uses the generated crate is a program of the scratch crate,
    // but for `rust,ignore` ones, which name products the checked-in SDK does not have (an
    // imported ECS: the paginator and waiter example).
    let programs: Vec<String> = blocks()
        .into_iter()
        .filter(|(info, text)| {
            info.starts_with("rust") && !info.contains("ignore") && text.contains("acs_sdk::")
        })
        .map(|(_, text)| text)
        .collect();
    assert!(programs.len() >= 3, "{programs:?}");
    fs::create_dir_all(dir.join("src/bin")).unwrap();
    fs::write(dir.join("src/main.rs"), "fn main() {}\n").unwrap();
    let mut configured = None;
    for (i, text) in programs.iter().enumerate() {
        let name = format!("snippet{i}");
        let text = if text.contains("http://127.0.0.1:8080") {
            configured = Some(name.clone());
            text.replace("http://127.0.0.1:8080", &server.url())
        } else {
            text.clone()
        };
        fs::write(dir.join("src/bin").join(format!("{name}.rs")), text).unwrap();
    }
    ok(&cargo(&dir, &["build", "--bins"], &[]));
    // The configured client's snippet, run: a signed call to the loopback server.
    let name = configured.expect("a snippet with `.endpoint(..)`");
    let printed = ok(&cargo(&dir, &["run", "--quiet", "--bin", &name], &[]));
    assert!(
        printed.contains("released (request Some(\"EEEE-1111\"))"),
        "{printed}"
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    assert_eq!(requests[0].header("x-acs-action"), Some("ReleaseInstance"));
    crate::support::verify_signature(&requests[0], "LTAI...", "secret").unwrap();
    // The first quick start's program, run as it says: against `acs-codegen serve`, through
    // the endpoint variable, with the keys the quick start exports.
    let quick = programs
        .iter()
        .position(|p| p.contains("Client::from_env()?; // credentials, region and endpoint"))
        .expect("the quick start's program");
    let (mut serve, url) = serve_the_specs();
    let mut envs = quick_start_exports();
    envs.push(("ALIBABA_CLOUD_ENDPOINT_URL".into(), url));
    let envs: Vec<(&str, &str)> = envs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let run = cargo(
        &dir,
        &["run", "--quiet", "--bin", &format!("snippet{quick}")],
        &envs,
    );
    let _ = serve.kill();
    let printed = ok(&run);
    assert!(
        printed.starts_with("released esa-1 (request Some("),
        "{printed}"
    );
    fs::remove_dir_all(dir).ok();
}

/// The first quick start's shell block.
fn quick_start_commands() -> Vec<String> {
    block("cargo run -p acs-codegen -- serve")
        .lines()
        .map(|l| l.split(" # ").next().unwrap_or_default().trim().to_string())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// The variables the first quick start exports.
fn quick_start_exports() -> Vec<(String, String)> {
    let commands = quick_start_commands();
    let export = commands
        .iter()
        .find_map(|l| l.strip_prefix("export "))
        .expect("an export line");
    export
        .split_whitespace()
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// `acs-codegen serve` as the first quick start starts it (on a free port instead of 8080),
/// and the address it prints.
fn serve_the_specs() -> (std::process::Child, String) {
    let command = quick_start_commands().remove(0);
    let args: Vec<std::ffi::OsString> = command
        .trim_end_matches('&')
        .split_once(" -- ")
        .expect("cargo run -p acs-codegen -- ...")
        .1
        .split_whitespace()
        .map(|a| if a == "8080" { "0".into() } else { a.into() })
        .collect();
    crate::support::start_serve(&args, &root())
}

/// The first quick start's `acs` commands, run as written (the address aside) against
/// `acs-codegen serve`, with nothing but the exported keys: no account, no profile.
#[test]
fn the_first_quick_start_calls_the_double_with_the_acs_command() {
    let (mut serve, url) = serve_the_specs();
    let acs = crate::support::acs_bin();
    let calls: Vec<String> = quick_start_commands()
        .into_iter()
        .filter(|l| l.starts_with("cargo run --bin acs -- "))
        .collect();
    assert!(calls.len() >= 2, "{calls:?}");
    for call in &calls {
        let args: Vec<String> = call["cargo run --bin acs -- ".len()..]
            .split_whitespace()
            .map(|a| a.replace("http://127.0.0.1:8080", &url))
            .collect();
        let out = Command::new(&acs)
            .args(&args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", std::env::temp_dir().join("acs-readme-no-home"))
            .envs(quick_start_exports())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{call}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        if !args.iter().any(|a| a == "--help") {
            let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert!(answer["RequestId"].is_string(), "{call}: {answer}");
        }
    }
    let _ = serve.kill();
}

#[test]
fn the_build_rs_snippets_build_in_a_crate_of_their_own_and_call_a_loopback_server() {
    let server = Server::start(vec![
        Reply::json(200, RELEASED),
        Reply::json(
            400,
            r#"{"RequestId":"EEEE-2222","Code":"InvalidInstance","Message":"no such instance"}"#,
        ),
    ]);
    let dir = scratch("build-rs");
    // Test scaffolding: an async runtime for the test that calls the library's function.
    let dev = "[dev-dependencies]\ntokio = { version = \"1\", features = [\"rt\", \"macros\"] }\n";
    fs::write(
        dir.join("Cargo.toml"),
        manifest(
            "readme-build-rs",
            &block("# Cargo.toml\n[dependencies]\nacs-runtime"),
            dev,
        ),
    )
    .unwrap();
    fs::write(dir.join("build.rs"), block("// build.rs\n")).unwrap();
    fs::write(dir.join("src/lib.rs"), block("// src/lib.rs\n")).unwrap();
    // The user's specs, where the build script looks for them.
    fs::create_dir_all(dir.join("specs")).unwrap();
    // An under-documented operation the build script leaves out: its warnings are not this
    // build's. The kept one loses its summary: that warning is.
    let spec = fs::read_to_string(root().join("specs/esa-2024-09-10.yaml")).unwrap();
    let other = "  /#Action=LeftOut:\n    post:\n      operationId: LeftOut\n      parameters:\n        - {name: Id, in: query, schema: {type: string}}\n      responses:\n        \"200\": {description: OK, content: {application/json: {schema: {type: object, properties: {RequestId: {type: string}}}}}}\n";
    let spec = spec
        .replacen("paths:\n", &format!("paths:\n{other}"), 1)
        .replacen(
            "      summary: Schedule the release of a security instance.\n",
            "",
            1,
        );
    fs::write(dir.join("specs/esa-2024-09-10.yaml"), spec).unwrap();
    fs::create_dir_all(dir.join("tests")).unwrap();
    fs::write(
        dir.join("tests/loopback.rs"),
        r#"
use readme_build_rs::esa::v2024_09_10::Client;
use readme_build_rs::runtime;

#[tokio::test(flavor = "current_thread")]
async fn release() {
    let runtime = runtime::Client::builder()
        .credentials(runtime::Credentials::new("LTAI...", "secret"))
        .region("cn-hangzhou")
        .endpoint(std::env::var("SERVER").unwrap())
        .retry(runtime::RetryPolicy::disabled())
        .build()
        .unwrap();
    let client = Client::new(runtime);
    let ok = readme_build_rs::release(&client, "esa-ddos-2sdj**3s").await;
    assert_eq!(ok, Ok(Some("EEEE-1111".to_string())));
    let refused = readme_build_rs::release(&client, "esa-none").await;
    assert_eq!(refused, Err("InvalidInstance: no such instance".to_string()));
}
"#,
    )
    .unwrap();
    let built = cargo(&dir, &["build", "--tests"], &[]);
    ok(&built);
    // Warnings only about the kept operation, each once.
    let said = String::from_utf8_lossy(&built.stderr);
    let warnings: Vec<&str> = said.lines().filter(|l| l.contains("warning:")).collect();
    assert_eq!(
        warnings
            .iter()
            .filter(|w| w.contains("/#Action=ReleaseInstance.post: missing `summary`"))
            .count(),
        1,
        "{said}"
    );
    assert!(!said.contains("LeftOut"), "{said}");
    ok(&cargo(&dir, &["test"], &[("SERVER", &server.url())]));
    let requests = server.requests();
    assert_eq!(requests.len(), 2, "{requests:?}");
    for r in &requests {
        crate::support::verify_signature(r, "LTAI...", "secret").unwrap();
    }
    // A misspelt operation fails the build with the nearest name.
    let build_rs = fs::read_to_string(dir.join("build.rs")).unwrap();
    fs::write(
        dir.join("build.rs"),
        build_rs.replace(
            ".operation(\"ReleaseInstance\")",
            ".operation(\"ReleaseInstanse\")",
        ),
    )
    .unwrap();
    let failed = cargo(&dir, &["build"], &[]);
    let said = String::from_utf8_lossy(&failed.stderr);
    assert!(!failed.status.success());
    assert!(
        said.contains("`ReleaseInstanse` (did you mean `ReleaseInstance`?)"),
        "{said}"
    );
    fs::remove_dir_all(dir).ok();
}

/// "Testing your code": the README's test file, in a crate of its own with the README's
/// `[dev-dependencies]`, run with `cargo test`: a typed success after a retried throttle, the
/// recorded calls, a documented error as its variant, a bad signature rejected. Only public
/// names of the generated crate and the runtime are used.
#[test]
fn the_testing_snippet_passes_in_a_crate_of_its_own() {
    let dir = scratch("testing");
    fs::write(
        dir.join("Cargo.toml"),
        manifest(
            "readme-testing",
            &block("# Cargo.toml\n[dev-dependencies]\nacs-sdk"),
            "",
        ),
    )
    .unwrap();
    fs::write(dir.join("src/lib.rs"), "").unwrap();
    fs::create_dir_all(dir.join("tests")).unwrap();
    fs::write(dir.join("tests/release.rs"), block("// tests/release.rs\n")).unwrap();
    let out = ok(&cargo(&dir, &["test", "--quiet", "--test", "release"], &[]));
    assert!(out.contains("2 passed"), "{out}");
    fs::remove_dir_all(dir).ok();
}

/// "Object Storage, Log Service and Drive" (docs/guide/object-storage.md): its `Cargo.toml`,
/// `build.rs` and program in a crate of their own, beside the two metadata documents, run as
/// the chapter says against `acs-codegen serve` started as it says: an upload streamed from a
/// file, a streamed download into a file, a presigned link and an SLS query, each signed as
/// the double checks it.
#[test]
fn the_object_storage_recipe_runs_against_the_double() {
    let dir = scratch("object-storage");
    let manifest_block = block("# Cargo.toml (object storage)\n").replacen(
        "# Cargo.toml (object storage)\n",
        "# Cargo.toml\n",
        1,
    );
    fs::write(
        dir.join("Cargo.toml"),
        manifest("readme-object-storage", &manifest_block, ""),
    )
    .unwrap();
    fs::write(
        dir.join("build.rs"),
        block("// build.rs (object storage)\n"),
    )
    .unwrap();
    fs::write(
        dir.join("src/main.rs"),
        block("// src/main.rs (object storage)\n"),
    )
    .unwrap();
    let gateways = crate::support::metadata_dir().join("gateways");
    for doc in [
        "oss-2019-05-17.api-docs.json",
        "sls-2020-12-30.api-docs.json",
    ] {
        fs::copy(gateways.join(doc), dir.join(doc)).unwrap();
    }
    fs::write(dir.join("report.csv"), "level,n\nwarn,3\n".repeat(1000)).unwrap();
    // The chapter's commands: the double as it starts it (on a free port), the exports.
    let commands = block("# In this checkout: the double with OSS and SLS");
    let serve_line = commands
        .lines()
        .find(|l| l.starts_with("cargo run -p acs-codegen -- serve"))
        .unwrap();
    let args: Vec<std::ffi::OsString> = serve_line
        .trim_end_matches('&')
        .split_once(" -- ")
        .unwrap()
        .1
        .split_whitespace()
        .map(|a| if a == "8080" { "0".into() } else { a.into() })
        .collect();
    let (mut serve, url) = crate::support::start_serve(&args, &root());
    let port = url.rsplit(':').next().unwrap().to_string();
    let mut envs: Vec<(String, String)> = commands
        .lines()
        .filter_map(|l| l.strip_prefix("export "))
        .flat_map(|l| l.split_whitespace())
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_string(), v.replace("8080", &port)))
        .collect();
    envs.push(("ALIBABA_CLOUD_REGION_ID".into(), "cn-hangzhou".into()));
    assert!(envs
        .iter()
        .any(|(k, v)| k == "ALIBABA_CLOUD_ENDPOINT_URL" && v.starts_with("http://localhost:")));
    let envs: Vec<(&str, &str)> = envs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let run = cargo(&dir, &["run", "--quiet"], &envs);
    let _ = serve.kill();
    let printed = ok(&run);
    let lines: Vec<&str> = printed.lines().collect();
    assert!(
        lines[0].starts_with("uploaded (request Some(\"GATEWAY-"),
        "{printed}"
    );
    assert_eq!(lines[1], "downloaded 0 bytes", "{printed}");
    assert!(
        lines[2].starts_with(&format!(
            "link: GET http://examplebucket.localhost:{port}/reports/2026/report.csv?"
        )) && lines[2].contains("x-oss-signature="),
        "{printed}"
    );
    assert!(lines[3].ends_with(" rows"), "{printed}");
    assert!(dir.join("report-copy.csv").exists());
    fs::remove_dir_all(dir).ok();
}
