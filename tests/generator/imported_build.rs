//! Import → generate → compile → test, for the published metadata fixtures (RPC: STS,
//! ddoscoo, BssOpenApi, ECS; REST-style: SAE, EAS, RocketMQ, FC, Cloud Control, OCR; gateways
//! of their own: OSS, SLS, PDS): the generated crate must build, its generated decode tests
//! (from each operation's `responseDemo`) and error-table tests must pass, and so must the
//! loopback wire tests of `tests/imported/wire.rs` and `tests/imported/gateways.rs`, copied
//! into it.
//!
//! It is generated lean (`--no-comparisons`, no `PartialEq`/`Eq`/`Hash` derives) and
//! sharded (`--shard-operations 100`: ECS in four shard crates, ddoscoo in two, the others
//! in the crate itself), which proves those configurations build and pass the same tests
//! through the same public paths; the default one is what `generated/` and the shapes
//! fixture compile.
//!
//! The crate is generated outside the workspace and built with its own target directory
//! (`target/imported`, reused between runs). Doctests are not run here (one `no_run`
//! example per operation, ~620 doctest builds); `cargo test --workspace` runs them for
//! `generated/`.

use std::fs;
use std::path::PathBuf;
use std::process::Command;

fn here() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn imported_products_compile_and_pass_their_tests() {
    let work = std::env::temp_dir().join(format!("acs-imported-build-{}", std::process::id()));
    let _ = fs::remove_dir_all(&work);
    let (specs, krate) = (work.join("specs"), work.join("sdk"));
    let codegen = crate::support::codegen_bin();
    let run = |args: &[&std::ffi::OsStr]| {
        let out = Command::new(&codegen).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "acs-codegen {args:?}:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    for dir in [
        crate::support::metadata_dir(),
        crate::support::metadata_dir().join("gateways"),
    ] {
        run(&[
            "import".as_ref(),
            dir.as_os_str(),
            "--out".as_ref(),
            specs.as_os_str(),
        ]);
    }
    let runtime = here().join("../runtime").canonicalize().unwrap();
    let dependency = format!("{{ path = {:?} }}", runtime.to_string_lossy());
    run(&[
        "generate".as_ref(),
        "--specs".as_ref(),
        specs.as_os_str(),
        "--out".as_ref(),
        krate.as_os_str(),
        "--runtime-dependency".as_ref(),
        dependency.as_ref(),
        "--allow".as_ref(),
        "warnings".as_ref(),
        "--no-comparisons".as_ref(),
        "--shard-operations".as_ref(),
        "100".as_ref(),
    ]);
    let shard = |name: &str| krate.join("shards").join(name).join("src/types.rs");
    for (name, present) in [
        ("ecs-2014-05-26-4", true),
        ("ecs-2014-05-26-5", false),
        ("ddoscoo-2020-01-01-2", true),
        ("ddoscoo-2020-01-01-3", false),
        ("bssopenapi-2017-12-14-1", false),
        ("sts-2015-04-01-1", false),
    ] {
        assert_eq!(shard(name).exists(), present, "shard {name}");
    }
    assert!(krate.join("src/bssopenapi/v2017_12_14/types.rs").exists());
    assert!(!krate.join("src/ecs/v2014_05_26/types.rs").exists());
    let ecs_types = fs::read_to_string(shard("ecs-2014-05-26-1")).unwrap();
    assert!(
        ecs_types.contains("#[derive(Clone, Debug)]"),
        "lean derives"
    );
    assert!(!ecs_types.contains("PartialEq"), "no comparison derives");
    fs::create_dir_all(krate.join("tests/support")).unwrap();
    for test in ["wire.rs", "gateways.rs"] {
        fs::copy(
            here().join("imported").join(test),
            krate.join("tests").join(test),
        )
        .unwrap();
    }
    // The wire tests use a part of the shared support.
    let support = fs::read_to_string(here().join("support/mod.rs")).unwrap();
    fs::write(
        krate.join("tests/support/mod.rs"),
        format!("#![allow(dead_code)]\n{support}"),
    )
    .unwrap();
    let target = here().join("../target/imported");
    let out = Command::new(env!("CARGO"))
        .args(["test", "--tests", "--quiet", "--features", "testing"])
        .current_dir(&krate)
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    // Every product's generated tests and the wire tests ran.
    let passed: usize = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("test result: ok. "))
        .filter_map(|l| l.split(' ').next()?.parse::<usize>().ok())
        .sum();
    assert!(passed > 1600, "only {passed} tests ran:\n{stdout}");
    fs::remove_dir_all(work).ok();
}
