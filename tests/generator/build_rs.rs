//! The build.rs workflow, for real: a copy of `examples/build-rs` built with cargo, its spec
//! edited (the build regenerates) and then broken (the build fails with the located
//! message). Also: `acs-codegen` as a build-dependency pulls no runtime dependencies.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn cargo(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        // A target directory of its own, kept between runs so rebuilds are incremental.
        .env(
            "CARGO_TARGET_DIR",
            root().join("target").join("build-rs-example"),
        )
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap()
}

fn newest_generated(target: &Path) -> String {
    let build = target.join("debug").join("build");
    let mut found: Vec<(std::time::SystemTime, PathBuf)> = fs::read_dir(&build)
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("acs-example-build-rs-")
        })
        .map(|e| e.path().join("out").join(acs_codegen::OUT_DIR_FILE))
        .filter(|p| p.exists())
        .map(|p| (fs::metadata(&p).unwrap().modified().unwrap(), p))
        .collect();
    found.sort();
    fs::read_to_string(&found.last().expect("a generated file").1).unwrap()
}

#[test]
fn editing_the_spec_regenerates_and_a_broken_spec_fails_the_build_with_its_location() {
    let work = std::env::temp_dir().join(format!("acs-build-rs-{}", std::process::id()));
    let _ = fs::remove_dir_all(&work);
    let krate = work.join("examples").join("build-rs");
    fs::create_dir_all(krate.join("src")).unwrap();
    fs::create_dir_all(work.join("specs")).unwrap();
    let f = "esa-2024-09-10.yaml";
    fs::copy(root().join("specs").join(f), work.join("specs").join(f)).unwrap();
    let example = root().join("examples").join("build-rs");
    fs::copy(example.join("build.rs"), krate.join("build.rs")).unwrap();
    fs::copy(example.join("src/lib.rs"), krate.join("src/lib.rs")).unwrap();
    fs::copy(root().join("Cargo.lock"), krate.join("Cargo.lock")).unwrap();
    let path = |p: &str| root().join(p).display().to_string().replace('\\', "/");
    fs::write(
        krate.join("Cargo.toml"),
        format!(
            "[package]\nname = \"acs-example-build-rs\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\nacs-runtime = {{ path = \"{}\", default-features = false }}\n\n[build-dependencies]\nacs-codegen = {{ path = \"{}\", default-features = false }}\n\n[workspace]\n",
            path("runtime"),
            path("codegen")
        ),
    )
    .unwrap();
    let target = root().join("target").join("build-rs-example");

    let first = cargo(&krate, &["build", "--offline", "--quiet"]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let generated = newest_generated(&target);
    assert!(generated.contains("Schedule the release of a security instance."));
    // The built-in common codes are there (the example calls `is_throttling_user()`), and
    // rustdoc points to no reference page, which a single file does not have.
    assert!(generated.contains("fn is_throttling_user(&self)"));
    assert!(!generated.contains("Reference page:"));

    // A documentation update in the spec: cargo reruns the build script (rerun-if-changed).
    let spec = work.join("specs").join("esa-2024-09-10.yaml");
    let text = fs::read_to_string(&spec).unwrap();
    fs::write(
        &spec,
        text.replace(
            "Schedule the release of a security instance.",
            "Schedules the release of an instance.",
        ),
    )
    .unwrap();
    let second = cargo(&krate, &["build", "--offline", "--quiet"]);
    assert!(
        second.status.success(),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    let generated = newest_generated(&target);
    assert!(
        generated.contains("Schedules the release of an instance."),
        "not regenerated"
    );

    // A broken spec fails the build with `file:line:column: path: message`.
    fs::write(
        &spec,
        text.replace("          required: true\n", "          required: maybe\n"),
    )
    .unwrap();
    let third = cargo(&krate, &["build", "--offline", "--quiet"]);
    assert!(!third.status.success());
    let log = String::from_utf8_lossy(&third.stderr);
    assert!(log.contains("specs/esa-2024-09-10.yaml:"), "{log}");
    assert!(
        log.contains("parameters[0].required: invalid type: string \"maybe\", expected a boolean"),
        "{log}"
    );
    fs::remove_dir_all(&work).ok();
}

#[test]
fn the_generator_library_pulls_no_runtime_dependencies() {
    let out = Command::new(env!("CARGO"))
        .args([
            "tree",
            "--offline",
            "-p",
            "acs-codegen",
            "--no-default-features",
            "--edges",
            "normal",
            "--prefix",
            "none",
        ])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8_lossy(&out.stdout);
    assert!(
        tree.contains("serde_yaml") && tree.contains("prettyplease"),
        "{tree}"
    );
    for heavy in ["reqwest ", "tokio ", "hyper ", "clap ", "rustls "] {
        assert!(
            !tree.contains(heavy),
            "acs-codegen depends on {heavy}:\n{tree}"
        );
    }
}
