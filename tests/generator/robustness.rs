//! Robustness and security: the front end on hostile input (bounded smoke fuzzing, property
//! tests on generated names), all-or-nothing output under failure, interruption and
//! concurrency; the client under injected faults and on hostile responses; secrets never
//! leaking into Debug, Display, errors, logs or `--dry-run`.

use crate::support::{Reply, Server};
use acs_codegen::{Builder, SpecSource};
use acs_runtime::{decode_response, Client, Credentials, RetryPolicy, SdkError};
use acs_sdk::bssopenapi::v2017_12_14 as bss;
use acs_sdk::esa::v2024_09_10 as esa;
use acs_sdk::prelude::*;
use proptest::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn here() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn root() -> PathBuf {
    here().parent().unwrap().to_path_buf()
}

/// Deterministic xorshift for the mutation fuzzers.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const TOKENS: &[&str] = &[
    "\n",
    ": ",
    "- ",
    "{",
    "}",
    "[",
    "]",
    "&a ",
    "*a",
    "'",
    "\"",
    "$ref: '#/components/schemas/X'",
    "x-acs-",
    "type: object",
    "enum: [",
    "required: true",
    "\t",
    "\u{feff}",
    "é",
    "0",
    "-1",
    "~",
    "|",
    ">",
    "!!binary ",
    "? ",
];

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut data = seed.to_vec();
    for _ in 0..=rng.below(4) {
        let len = data.len().max(1);
        match rng.below(5) {
            0 => {
                let i = rng.below(len);
                if let Some(b) = data.get_mut(i) {
                    *b ^= 1 << rng.below(8);
                }
            }
            1 => {
                let i = rng.below(len);
                let j = (i + rng.below(64)).min(data.len());
                data.drain(i.min(data.len())..j);
            }
            2 => {
                let i = rng.below(len).min(data.len());
                let t = TOKENS[rng.below(TOKENS.len())];
                data.splice(i..i, t.bytes());
            }
            3 => {
                let i = rng.below(len).min(data.len());
                let j = (i + rng.below(200)).min(data.len());
                let chunk = data[i..j].to_vec();
                let k = rng.below(len).min(data.len());
                data.splice(k..k, chunk);
            }
            _ => data.truncate(rng.below(len)),
        }
    }
    data
}

#[test]
fn the_front_end_survives_mutated_specs() {
    let mut seeds: Vec<Vec<u8>> = Vec::new();
    for dir in [
        root().join("specs"),
        here().join("fixtures/shapes"),
        here().join("fixtures/invalid"),
    ] {
        for file in crate::support::spec_files(&dir) {
            seeds.push(fs::read(file).unwrap());
        }
    }
    let mut rng = Rng(0x5eed_cafe);
    let mut valid = 0;
    // A fixed number of deterministic mutations, the same on any machine however loaded
    // (the long run is `cargo fuzz`).
    for _ in 0..FRONT_END_RUNS {
        let seed = &seeds[rng.below(seeds.len())];
        let input = mutate(&mut rng, seed);
        if acs_codegen::internal::fuzz_frontend(&input) {
            valid += 1;
        }
    }
    println!("front-end smoke fuzz: {FRONT_END_RUNS} inputs, {valid} valid");
    assert!(
        valid > 0,
        "no mutated spec was valid: the mutations test nothing past parsing"
    );
}

/// Mutated inputs per smoke run (each a second or less unoptimised, in all).
const FRONT_END_RUNS: usize = 300;
const IMPORT_RUNS: usize = 60;

#[test]
fn import_survives_mutated_metadata_and_what_it_writes_generates() {
    let seeds: Vec<Vec<u8>> = vec![
        fs::read(here().join("fixtures/metadata/sts-2015-04-01.api-docs.json")).unwrap(),
        // Structure-heavy shapes the STS document lacks.
        // A REST-style document: a `*` path, path, header and body parameters, every body
        // and answer kind.
        fs::read(here().join("fixtures/metadata/cloudcontrol-2022-08-30.api-docs.json")).unwrap(),
        br##"{"version":"1.0","info":{"style":"ROA","product":"R","version":"2021-01-01"},"components":{"schemas":{"T":{"type":"object","properties":{"key":{"type":"string"}}}}},"apis":{"Get":{"path":"/c/{Id}/n","methods":["get"],"parameters":[{"name":"Id","in":"path","schema":{"type":"string","required":true}},{"name":"id","in":"query","schema":{"type":"string"}},{"name":"x-acs-lang","in":"header","schema":{"type":"string"}},{"name":"h","in":"host","schema":{"type":"string"}}],"responses":{"200":{"schema":{"type":"array","items":{"$ref":"#/components/schemas/T"}}}}},"Put":{"path":"/c/{Id}","methods":["patch","put"],"parameters":[{"name":"Id","in":"path","schema":{"type":"string"}},{"name":"body","in":"body","style":"json","schema":{"type":"object","properties":{"Id":{"type":"string","required":true},"n":{"type":"integer"}}}}],"responses":{"204":{}}},"Bin":{"path":"/f/{F}/i","methods":["post"],"parameters":[{"name":"F","in":"path","schema":{"type":"string"}},{"name":"body","in":"body","schema":{"type":"string","format":"binary"}}],"produces":["application/octet-stream"],"responses":{"200":{"schema":{"type":"string","format":"binary"}}}},"Txt":{"path":"/t","methods":["delete"],"parameters":[{"name":"b","in":"body","schema":{"type":"string"}}],"responses":{"200":{"schema":{"type":"string"}}}},"Tags":{"path":"/tags/*","methods":["post"],"parameters":[{"name":"p","in":"path","schema":{"type":"string"}},{"name":"body","in":"body","schema":{"type":"array","items":{"$ref":"#/components/schemas/T"}}}],"responses":{"200":{"schema":{"$ref":"#/components/schemas/T"}}}}},"endpoints":[]}"##.to_vec(),
        br##"{"version":"1.0","info":{"style":"RPC","product":"X","version":"2020-01-01"},"components":{"schemas":{"a.b":{"type":"object","properties":{"K":{"type":"string","enum":["1","2"]}}}}},"apis":{"Do":{"methods":["get"],"parameters":[{"name":"T","in":"query","style":"repeatList","schema":{"type":"array","items":{"$ref":"#/components/schemas/a.b"}}},{"name":"F","in":"formData","style":"json","schema":{"type":"object"}},{"name":"N","in":"query","schema":{"type":"integer","minimum":"1","enum":[1,2],"example":"x"}}],"responses":{"200":{"schema":{"$ref":"#/components/schemas/a.b"}}},"errorCodes":{"4XX":[{"errorCode":"A.B","errorMessage":"%s"},{"errorCode":"AB"}]}}},"endpoints":[{"regionId":"cn-hangzhou","endpoint":"x.cn-hangzhou.aliyuncs.com"}]}"##.to_vec(),
        // Gateways of their own: OSS (the bucket in the host, a subresource, an XML body,
        // `HEAD` with header answers, `x-oss-meta-*`, uploads and downloads) and SLS (the
        // project in the host, a subresource with a value, a JSON body).
        br##"{"version":"1.0","info":{"style":"OSS","product":"Oss","version":"2019-05-17"},"apis":{"PutBucketTagging":{"path":"/?tagging","methods":["put"],"parameters":[{"name":"bucket","in":"host","schema":{"type":"string","required":true}},{"name":"body","in":"body","style":"xml","schema":{"type":"object","properties":{"Tagging":{"type":"object","properties":{"TagSet":{"type":"object","properties":{"Tag":{"type":"array","items":{"type":"object","properties":{"Key":{"type":"string"},"Value":{"type":"string"}}}}}}}}}}}],"responses":{"200":{}}},"PutObject":{"path":"/{key}","methods":["put"],"parameters":[{"name":"bucket","in":"host","schema":{"type":"string","required":true}},{"name":"key","in":"path","schema":{"type":"string","required":true}},{"name":"x-oss-meta-*","in":"header","schema":{"type":"object","additionalProperties":{"type":"string"}}},{"name":"body","in":"body","schema":{"type":"string","format":"binary"}}],"responses":{"200":{"headers":{"x-oss-hash-crc64ecma":{"schema":{"type":"integer","format":"int64"}},"ETag":{"schema":{"type":"string"}}}}}},"UploadPart":{"path":"/{key}","methods":["put"],"parameters":[{"name":"bucket","in":"host","schema":{"type":"string","required":true}},{"name":"key","in":"path","schema":{"type":"string","required":true}},{"name":"partNumber","in":"query","schema":{"type":"integer","required":true}},{"name":"body","in":"body","schema":{"type":"string","format":"binary"}}],"responses":{"200":{}}},"GetObject":{"path":"/{key}","methods":["get"],"produces":["application/octet-stream"],"parameters":[{"name":"bucket","in":"host","schema":{"type":"string","required":true}},{"name":"key","in":"path","schema":{"type":"string","required":true}},{"name":"Range","in":"header","schema":{"type":"string"}}],"responses":{"200":{}}},"HeadObject":{"path":"/{key}","methods":["head"],"parameters":[{"name":"bucket","in":"host","schema":{"type":"string","required":true}},{"name":"key","in":"path","schema":{"type":"string","required":true}}],"responses":{"200":{"headers":{"x-oss-object-type":{"schema":{"type":"string"}},"Content-Length":{"schema":{"type":"integer"}}}}}},"ListBuckets":{"path":"/","methods":["get"],"parameters":[{"name":"prefix","in":"query","schema":{"type":"string"}}],"responses":{"200":{"schema":{"type":"object","properties":{"ListAllMyBucketsResult":{"type":"object","properties":{"Buckets":{"type":"object","properties":{"Bucket":{"type":"array","items":{"type":"object","properties":{"Name":{"type":"string"}}}}}}}}}}}}}},"endpoints":[{"regionId":"cn-hangzhou","endpoint":"oss-cn-hangzhou.aliyuncs.com"}]}"##.to_vec(),
        br##"{"version":"1.0","info":{"style":"SLS","product":"Sls","version":"2020-12-30"},"apis":{"GetLogs":{"path":"/logstores/{logstore}?type=log","methods":["get"],"parameters":[{"name":"project","in":"host","schema":{"type":"string","required":true}},{"name":"logstore","in":"path","schema":{"type":"string","required":true}},{"name":"from","in":"query","schema":{"type":"integer","required":true}}],"responses":{"200":{"headers":{"x-log-count":{"schema":{"type":"integer"}}},"schema":{"type":"array","items":{"type":"object","additionalProperties":{"type":"string"}}}}}},"UpdateDashboard":{"path":"/dashboards/{dashboardName}","methods":["put"],"parameters":[{"name":"project","in":"host","schema":{"type":"string","required":true}},{"name":"dashboardName","in":"path","schema":{"type":"string","required":true}},{"name":"body","in":"body","style":"json","schema":{"type":"object","properties":{"dashboardName":{"type":"string"},"charts":{"type":"array","items":{"type":"object"}}}}}],"responses":{"200":{}}}},"endpoints":[{"regionId":"cn-hangzhou","endpoint":"cn-hangzhou.log.aliyuncs.com"}]}"##.to_vec(),
    ];
    let mut rng = Rng(0x1a_7001);
    let mut specs = 0;
    for seed in &seeds {
        assert_eq!(
            acs_codegen::internal::fuzz_import(seed),
            Some(vec![]),
            "a seed fails"
        );
    }
    for _ in 0..IMPORT_RUNS {
        let seed = &seeds[rng.below(seeds.len())];
        let input = mutate(&mut rng, seed);
        if let Some(errors) = acs_codegen::internal::fuzz_import(&input) {
            assert!(
                errors.is_empty(),
                "an imported spec does not generate: {errors:?}\ninput: {}",
                String::from_utf8_lossy(&input)
            );
            specs += 1;
        }
    }
    println!("import smoke fuzz: {IMPORT_RUNS} inputs, {specs} imported");
    assert!(
        specs > 0,
        "no mutated document imported: the mutations test nothing past JSON"
    );
}

/// Runs one hostile input with a time bound; it must be rejected with a located error.
fn rejects_quickly(name: &str, text: String) -> String {
    let started = Instant::now();
    let source = SpecSource::from_text(Path::new(name), text);
    let result = acs_codegen::compile(std::slice::from_ref(&source), None);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{name} took {:?}",
        started.elapsed()
    );
    let err = result.expect_err(name).to_string();
    assert!(err.contains(&format!("{name}:")), "{err}");
    err
}

#[test]
fn hostile_yaml_is_rejected_in_bounded_time_and_memory() {
    // Billion laughs: aliases expanding exponentially.
    let mut laughs = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for i in 1..12 {
        let prev = (b'a' + i - 1) as char;
        let cur = (b'a' + i) as char;
        laughs.push_str(&format!("{cur}: &{cur} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    rejects_quickly("laughs.yaml", laughs);
    // Deep nesting.
    rejects_quickly(
        "deep.yaml",
        format!("info: {}{}", "[".repeat(100_000), "]".repeat(100_000)),
    );
    rejects_quickly(
        "deep-map.yaml",
        "a:\n".to_string()
            + &(1..3000)
                .map(|i| format!("{}a:\n", " ".repeat(i)))
                .collect::<String>(),
    );
    // A huge string.
    rejects_quickly(
        "huge.yaml",
        format!(
            "openapi: 3.0.3\ninfo:\n  title: \"{}\"\n",
            "x".repeat(8 << 20)
        ),
    );
    // Recursive $ref.
    let err = rejects_quickly(
        "recursive.yaml",
        "openapi: 3.0.3\ninfo: {title: R, version: '1', x-acs-product: R}\nservers: [{url: 'https://r.aliyuncs.com'}]\npaths:\n  /#Action=A:\n    post:\n      operationId: A\n      summary: A.\n      responses:\n        '200':\n          description: OK\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/S'}\n      x-acs-error-codes: []\ncomponents:\n  schemas:\n    S: {$ref: '#/components/schemas/S'}\n".into(),
    );
    assert!(err.contains("recursive"), "{err}");
}

fn spec_with(params: &[String], codes: &[String]) -> String {
    let mut y = String::from("openapi: 3.0.3\ninfo: {title: P, version: '1', x-acs-product: P}\nservers: [{url: 'https://p.aliyuncs.com'}]\npaths:\n  /#Action=Op:\n    post:\n      operationId: Op\n      summary: Op.\n      parameters:\n");
    for p in params {
        y.push_str(&format!("        - name: {}\n          in: query\n          description: d\n          schema: {{type: string, enum: [{}]}}\n", serde_json::to_string(p).unwrap(), serde_json::to_string(p).unwrap()));
    }
    y.push_str("      responses:\n        '200':\n          description: OK\n          content:\n            application/json:\n              schema: {type: object, properties: {RequestId: {type: string}}}\n      x-acs-error-codes:\n");
    for c in codes {
        y.push_str(&format!(
            "        - {{status: 400, code: {}, message: m}}\n",
            serde_json::to_string(c).unwrap()
        ));
    }
    y
}

fn name_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z][A-Za-z0-9._-]{0,12}",
        "[0-9][A-Za-z0-9]{0,5}",
        prop::sample::select(vec![
            "type",
            "Self",
            "self",
            "crate",
            "super",
            "fn",
            "match",
            "Unhandled",
            "Unknown",
            "r#x",
            "Type",
            "TYPE",
            "a.b",
            "a-b",
            "a_b",
            "AB",
            "Ab",
            "ab"
        ])
        .prop_map(str::to_string),
        "\\PC{1,6}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    /// Whatever the validator accepts becomes valid, unique Rust identifiers; whatever it
    /// rejects is rejected with a located message, never a panic.
    #[test]
    fn accepted_names_become_valid_unique_identifiers(
        params in prop::collection::vec(name_strategy(), 1..5),
        codes in prop::collection::vec(name_strategy(), 0..6),
    ) {
        let source = SpecSource::from_text(Path::new("names.yaml"), spec_with(&params, &codes));
        match acs_codegen::compile(std::slice::from_ref(&source), None) {
            Ok(api) => {
                let op = &api.services[0].operations[0];
                let mut seen = std::collections::BTreeSet::new();
                for e in &op.errors {
                    prop_assert!(syn::parse_str::<syn::Ident>(&e.variant).is_ok(), "variant {:?}", e.variant);
                    prop_assert!(seen.insert(e.variant.clone()), "duplicate variant {}", e.variant);
                }
                let mut fields = std::collections::BTreeSet::new();
                for p in &op.params {
                    prop_assert!(syn::parse_str::<syn::Ident>(&p.rust_name).is_ok(), "field {:?}", p.rust_name);
                    prop_assert!(fields.insert(p.rust_name.clone()), "duplicate field {}", p.rust_name);
                }
                for t in &api.services[0].types {
                    prop_assert!(syn::parse_str::<syn::Ident>(t.name()).is_ok(), "type {:?}", t.name());
                    if let acs_codegen::internal::model::TypeDef::Enum(e) = t {
                        let mut vs = std::collections::BTreeSet::new();
                        for v in &e.values {
                            prop_assert!(syn::parse_str::<syn::Ident>(&v.variant).is_ok(), "enum variant {:?}", v.variant);
                            prop_assert!(vs.insert(v.variant.clone()), "duplicate enum variant {}", v.variant);
                        }
                    }
                }
                // And the emitted Rust parses.
                let files = acs_codegen::render(&api, &acs_codegen::Options::default()).unwrap();
                for (path, text) in files.iter().filter(|(p, _)| p.ends_with(".rs")) {
                    prop_assert!(syn::parse_file(text).is_ok(), "{path} does not parse");
                }
            }
            Err(e) => prop_assert!(e.to_string().contains("names.yaml:"), "{}", e),
        }
    }
}

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("acs-robust-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn an_interrupted_commit_is_completed_by_the_next_run() {
    let out = temp("interrupted");
    let builder = Builder::new().specs_dir(root().join("specs")).out_dir(&out);
    builder.generate().unwrap();
    let files = builder.render().unwrap();
    // A crash after the commit point: the journal names a staged file not yet moved.
    let staged = out
        .join(acs_codegen::internal::output::STAGING_DIR)
        .join("src/lib.rs");
    fs::create_dir_all(staged.parent().unwrap()).unwrap();
    fs::write(&staged, &files["src/lib.rs"]).unwrap();
    fs::write(out.join("src/lib.rs"), "// half-written\n").unwrap();
    fs::write(
        out.join(acs_codegen::internal::output::JOURNAL_FILE),
        "M src/lib.rs\n",
    )
    .unwrap();
    let report = builder.generate().unwrap();
    assert!(
        report.written.is_empty(),
        "recovery completed the interrupted run: {:?}",
        report.written
    );
    assert_eq!(
        fs::read_to_string(out.join("src/lib.rs")).unwrap(),
        files["src/lib.rs"]
    );
    assert!(!out
        .join(acs_codegen::internal::output::JOURNAL_FILE)
        .exists());
    assert!(!out
        .join(acs_codegen::internal::output::STAGING_DIR)
        .exists());
    fs::remove_dir_all(out).ok();
}

#[test]
fn a_run_failing_before_its_commit_leaves_the_output_untouched() {
    let out = temp("failing");
    Builder::new()
        .specs_dir(here().join("fixtures/shapes"))
        .out_dir(&out)
        .generate()
        .unwrap();
    let before: Vec<(PathBuf, Vec<u8>)> = crate::support::snapshot(&out);
    // The staging area cannot be created: the run fails while staging.
    fs::write(
        out.join(acs_codegen::internal::output::STAGING_DIR),
        "in the way",
    )
    .unwrap();
    let err = Builder::new()
        .specs_dir(root().join("specs"))
        .out_dir(&out)
        .generate()
        .unwrap_err();
    assert!(matches!(err, acs_codegen::Error::Io { .. }), "{err}");
    fs::remove_file(out.join(acs_codegen::internal::output::STAGING_DIR)).unwrap();
    assert_eq!(crate::support::snapshot(&out), before, "nothing changed");
    fs::remove_dir_all(out).ok();
}

/// The output's relative paths among `paths`.
fn relative(out: &Path, paths: &[PathBuf]) -> Vec<String> {
    paths
        .iter()
        .map(|p| {
            p.strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

#[test]
fn the_render_cache_keeps_only_files_whose_inputs_and_text_are_unchanged() {
    let specs = temp("cache-specs");
    crate::support::copy_specs(&root().join("specs"), &specs);
    let out = temp("cache-out");
    let builder = Builder::new().specs_dir(&specs).out_dir(&out);
    // Whatever the cache did, the output is what a fresh in-memory render gives.
    let up_to_date = |builder: &Builder| {
        let fresh = builder.render().unwrap();
        let stale = acs_codegen::internal::output::staleness(&out, &fresh).unwrap();
        assert!(
            stale.is_up_to_date(),
            "{:?}",
            stale.changed.iter().map(|c| &c.0).collect::<Vec<_>>()
        );
    };
    let esa_types = "src/esa/v2024_09_10/types.rs";
    let ddos_types = "src/ddoscoo/v2020_01_01/types.rs";

    let first = builder.generate().unwrap();
    assert!(first.reused.is_empty());
    assert!(out.join(acs_codegen::internal::cache::CACHE_FILE).is_file());
    let second = builder.generate().unwrap();
    let kept = relative(&out, &second.reused);
    assert!(second.written.is_empty());
    for file in [
        esa_types,
        ddos_types,
        "src/bin/acs.rs",
        "docs/esa/v2024_09_10/ReleaseInstance.md",
        "tests/esa_v2024_09_10.rs",
    ] {
        assert!(kept.contains(&file.to_string()), "{file} kept: {kept:?}");
    }
    // The crate-wide files are small and always rendered.
    assert!(!kept.contains(&"src/lib.rs".to_string()));
    up_to_date(&builder);

    // One product's spec edited: its files and the table that spans every product are
    // rendered again, the others kept.
    let esa = specs.join("esa-2024-09-10.yaml");
    let text = fs::read_to_string(&esa).unwrap();
    fs::write(
        &esa,
        text.replace(
            "Schedule the release of a security instance.",
            "Release a security instance later.",
        ),
    )
    .unwrap();
    let third = builder.generate().unwrap();
    let kept = relative(&out, &third.reused);
    assert!(kept.contains(&ddos_types.to_string()), "{kept:?}");
    for file in [
        esa_types,
        "src/bin/acs.rs",
        "docs/esa/v2024_09_10/ReleaseInstance.md",
    ] {
        assert!(
            !kept.contains(&file.to_string()),
            "{file} rendered again: {kept:?}"
        );
    }
    assert!(relative(&out, &third.written).contains(&"src/esa/v2024_09_10/mod.rs".to_string()));
    up_to_date(&builder);

    // A kept file edited by hand is rendered again (its text no longer matches the record).
    fs::write(out.join(ddos_types), "// edited by hand\n").unwrap();
    let fourth = builder.generate().unwrap();
    assert_eq!(relative(&out, &fourth.written), [ddos_types]);
    up_to_date(&builder);

    // Other options are other inputs: nothing is kept.
    let lean = builder.clone().options(acs_codegen::Options {
        comparisons: false,
        ..Default::default()
    });
    let fifth = lean.generate().unwrap();
    assert!(fifth.reused.is_empty(), "{:?}", fifth.reused);
    up_to_date(&lean);

    // A damaged manifest costs a render, not an error; without the cache nothing is kept.
    fs::write(
        out.join(acs_codegen::internal::cache::CACHE_FILE),
        "garbage\n\u{0}",
    )
    .unwrap();
    assert!(builder.generate().unwrap().reused.is_empty());
    up_to_date(&builder);
    assert!(!builder.generate().unwrap().reused.is_empty());
    assert!(builder
        .clone()
        .cache(false)
        .generate()
        .unwrap()
        .reused
        .is_empty());
    up_to_date(&builder);
    fs::remove_dir_all(out).ok();
    fs::remove_dir_all(specs).ok();
}

#[test]
fn concurrent_runs_never_interleave() {
    let out = temp("concurrent");
    let a = Builder::new().specs_dir(root().join("specs")).out_dir(&out);
    let b = Builder::new()
        .specs_dir(here().join("fixtures/shapes"))
        .out_dir(&out);
    let (fa, fb) = (a.render().unwrap(), b.render().unwrap());
    for _ in 0..5 {
        std::thread::scope(|s| {
            s.spawn(|| a.generate().unwrap());
            s.spawn(|| b.generate().unwrap());
        });
        let sa = acs_codegen::internal::output::staleness(&out, &fa).unwrap();
        let sb = acs_codegen::internal::output::staleness(&out, &fb).unwrap();
        assert!(
            sa.is_up_to_date() || sb.is_up_to_date(),
            "the output mixes two runs"
        );
        assert!(!out.join(acs_codegen::internal::output::LOCK_FILE).exists());
    }
    fs::remove_dir_all(out).ok();
}

#[test]
fn response_decoding_survives_arbitrary_input() {
    let mut rng = Rng(0xdec0de);
    let seeds: &[&[u8]] = &[
        br#"{"RequestId":"R","Success":false,"Code":"ResourceNotExists","Data":{"OrderId":"1"}}"#,
        br#"{"Code":"Forbidden.RAM","Message":"m","AccessDeniedDetail":{"a":[1,2]}}"#,
        b"<html>502</html>",
        b"",
    ];
    let started = Instant::now();
    let mut runs = 0;
    while started.elapsed() < Duration::from_secs(2) {
        let seed = seeds[rng.below(seeds.len())];
        let body = mutate(&mut rng, seed);
        let status = [200u16, 400, 403, 429, 500, 502, 0, 999][rng.below(8)];
        let headers = vec![(
            "x-acs-retry-after".to_string(),
            ["5", "-1", "99999999999999999999", "x"][rng.below(4)].to_string(),
        )];
        let _ = decode_response::<esa::ReleaseInstanceRequest>(status, &headers, &body);
        let _ = decode_response::<bss::RefundInstanceRequest>(status, &headers, &body);
        runs += 1;
    }
    assert!(runs > 1000);
}

fn client(server: &Server, token: Option<&str>) -> Client {
    let mut creds = Credentials::new("LTAI5tFaultKey", SECRET);
    if let Some(t) = token {
        creds = creds.with_security_token(t);
    }
    Client::builder()
        .credentials(creds)
        .endpoint(server.url())
        .retry(RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(5),
            max_delay: Duration::from_millis(20),
            max_retry_after: Duration::from_millis(200),
        })
        .connect_timeout(Duration::from_secs(1))
        .read_timeout(Duration::from_millis(300))
        .max_body_bytes(64 * 1024)
        .build()
        .unwrap()
}

const SECRET: &str = "s3cr3t-value-that-must-not-leak";
const TOKEN: &str = "st5-t0ken-that-must-not-leak";

#[tokio::test(flavor = "current_thread")]
async fn fault_injection_every_call_ends_in_time_with_the_right_outcome() {
    let faults: Vec<(&str, Reply)> = vec![
        (
            "documented-4xx",
            Reply::json(
                400,
                r#"{"Code":"ResourceNotExists","Message":"m","RequestId":"R"}"#,
            ),
        ),
        (
            "ram-403",
            Reply::json(
                403,
                r#"{"Code":"Forbidden.RAM","Message":"m","RequestId":"R","AccessDeniedDetail":{"x":1}}"#,
            ),
        ),
        (
            "throttled-429",
            Reply::json(
                429,
                r#"{"Code":"Throttling.User","Message":"m","RequestId":"R"}"#,
            )
            .with_header("x-acs-retry-after", "50"),
        ),
        (
            "server-500",
            Reply::json(
                500,
                r#"{"Code":"InternalError","Message":"m","RequestId":"R"}"#,
            ),
        ),
        (
            "html-502",
            Reply::Respond {
                status: 502,
                headers: vec![],
                body: "<html>bad gateway</html>".into(),
            },
        ),
        (
            "success-false",
            Reply::json(
                200,
                r#"{"Code":"NoRestValueError","Success":false,"RequestId":"R"}"#,
            ),
        ),
        ("reset", Reply::Close),
        ("stall", Reply::Stall(Duration::from_secs(2))),
        (
            "truncated",
            Reply::Truncated {
                declared: 500,
                body: r#"{"RequestId":"#.into(),
            },
        ),
        (
            "oversized",
            Reply::json(
                200,
                &format!(r#"{{"RequestId":"{}"}}"#, "x".repeat(200 * 1024)),
            ),
        ),
        (
            "slow-drip",
            Reply::SlowDrip {
                body: r#"{"RequestId":"R","Success":true}"#.into(),
                every: Duration::from_millis(100),
            },
        ),
        (
            "ok",
            Reply::json(
                200,
                r#"{"RequestId":"R","Success":true,"Data":{"OrderId":"9"}}"#,
            ),
        ),
    ];
    let mut rng = Rng(0xfa17);
    let mut counts = std::collections::BTreeMap::<String, usize>::new();
    // Every kind once, then a random mix.
    for i in 0..faults.len() + 12 {
        let pick = if i < faults.len() {
            i
        } else {
            rng.below(faults.len())
        };
        let (name, reply) = &faults[pick];
        let server = Server::start(vec![reply.clone()]);
        let started = Instant::now();
        let result = bss::Client::new(client(&server, Some(TOKEN)))
            .refund_instance(bss::RefundInstanceRequest::new().instance_id("i-1"))
            .await;
        let elapsed = started.elapsed();
        assert!(elapsed < Duration::from_secs(5), "{name}: took {elapsed:?}");
        let outcome = match &result {
            Ok(_) => "ok".to_string(),
            Err(SdkError::Service(e)) => format!("service {}", e.code()),
            Err(SdkError::InvalidResponse { status, .. }) => format!("invalid-response {status}"),
            Err(SdkError::Timeout { .. }) => "timeout".into(),
            Err(SdkError::Transport { message, .. }) => format!(
                "transport{}",
                if message.contains("larger than") {
                    " (body too large)"
                } else {
                    ""
                }
            ),
            Err(other) => format!("other {other}"),
        };
        let expected = match *name {
            "documented-4xx" => "service ResourceNotExists",
            "ram-403" => "service Forbidden.RAM",
            "throttled-429" => "service Throttling.User",
            "server-500" => "service InternalError",
            "html-502" => "invalid-response 502",
            "success-false" => "service NoRestValueError",
            "reset" | "truncated" => "transport",
            "stall" | "slow-drip" => "timeout",
            "oversized" => "transport (body too large)",
            _ => "ok",
        };
        assert_eq!(outcome, expected, "{name}");
        let reqs = server.requests();
        let tokens: std::collections::BTreeSet<_> = reqs
            .iter()
            .filter_map(|r| r.query_value("ClientToken"))
            .collect();
        assert_eq!(
            tokens.len(),
            1,
            "{name}: every attempt carries the same ClientToken: {tokens:?}"
        );
        *counts
            .entry(format!("{name} -> {outcome} ({} attempts)", reqs.len()))
            .or_default() += 1;
        if let Err(e) = &result {
            let shown = format!("{e} {e:?}");
            assert!(!shown.contains(SECRET) && !shown.contains(TOKEN), "{shown}");
        }
    }
    for (k, v) in &counts {
        println!("{v:>3}  {k}");
    }
}
