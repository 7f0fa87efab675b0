//! The `acs` command line end to end: the generated binary against a loopback server.

use crate::support::{verify_signature, Reply, Server};
use std::path::PathBuf;
use std::process::{Command, Output};

const AK: &str = "LTAI5tCliAccessKey";
const SECRET: &str = "cli-secret-never-printed";
const TOKEN: &str = "cli-sts-token-never-printed";

fn acs() -> PathBuf {
    crate::support::acs_bin()
}

fn run(bin: &std::path::Path, args: &[&str]) -> Output {
    Command::new(bin)
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", std::env::temp_dir().join("acs-cli-test-no-home"))
        .env("ALIBABA_CLOUD_ACCESS_KEY_ID", AK)
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET)
        .env("ALIBABA_CLOUD_SECURITY_TOKEN", TOKEN)
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn help_lists_every_generated_operation() {
    let out = run(&acs(), &["--help"]);
    assert!(out.status.success());
    let help = text(&out.stdout);
    for line in [
        "bssopenapi refund-instance",
        "ddoscoo release-instance",
        "esa release-instance",
        "--dry-run",
        "--endpoint",
        "--profile",
        "--output",
    ] {
        assert!(help.contains(line), "{line} missing from:\n{help}");
    }
    // An operation's help groups its flags apart from the global options and gives each
    // flag its whole description.
    let out = run(&acs(), &["bssopenapi", "refund-instance", "--help"]);
    let help = text(&out.stdout);
    let (ops, global) = (
        help.find("Operation options:").expect("operation heading"),
        help.find("Global options:").expect("global heading"),
    );
    let flag = help.find("--immediately-release").unwrap();
    let region = help.find("--region").unwrap();
    assert!(ops < flag && flag < global && global < region, "{help}");
    // Wrapped to the width of a terminal: read it as words.
    let words = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("A value of 0 specifies that the instance is shut down"),
        "the whole description: {help}"
    );
}

#[test]
fn a_call_prints_the_response_as_json() {
    let server = Server::start(vec![Reply::json(200, r#"{"RequestId":"R-cli","Extra":1}"#)]);
    let out = run(
        &acs(),
        &[
            "esa",
            "release-instance",
            "--instance-id",
            "esa-1",
            "--endpoint",
            &server.url(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let body: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(body["RequestId"], "R-cli");
    let r = &server.requests()[0];
    verify_signature(r, AK, SECRET).unwrap();
    assert_eq!(r.query, "InstanceId=esa-1");
    assert_eq!(r.header("x-acs-security-token"), Some(TOKEN));
}

#[test]
fn global_options_go_before_the_product_or_after_the_flags() {
    let server = Server::start(vec![Reply::json(200, r#"{"RequestId":"R"}"#)]);
    let before = run(
        &acs(),
        &[
            "--endpoint",
            &server.url(),
            "--output",
            "json",
            "ddoscoo",
            "release-instance",
            "--instance-id",
            "i",
            "--region-id",
            "ap-southeast-1",
        ],
    );
    assert!(before.status.success(), "{}", text(&before.stderr));
    let after = run(
        &acs(),
        &[
            "ddoscoo",
            "release-instance",
            "--instance-id",
            "i",
            "--region-id",
            "cn-hangzhou",
            "--endpoint",
            &server.url(),
        ],
    );
    assert!(after.status.success(), "{}", text(&after.stderr));
    let reqs = server.requests();
    assert_eq!(reqs.len(), 2);
    assert_eq!(
        reqs[0].query_value("RegionId").as_deref(),
        Some("ap-southeast-1")
    );
    assert_eq!(
        reqs[1].query_value("RegionId").as_deref(),
        Some("cn-hangzhou")
    );
}

#[test]
fn an_api_error_exits_non_zero_with_code_message_and_request_id() {
    let server = Server::start(vec![Reply::json(
        400,
        r#"{"Code":"ResourceNotExists","Message":"The specific resource is not exists.","RequestId":"R-err","HostId":"business.aliyuncs.com"}"#,
    )]);
    let out = run(
        &acs(),
        &[
            "bssopenapi",
            "refund-instance",
            "--instance-id",
            "X",
            "--product-code",
            "ecs",
            "--immediately-release",
            "1",
            "--endpoint",
            &server.url(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("ResourceNotExists")
            && err.contains("The specific resource is not exists.")
            && err.contains("R-err")
            && err.contains("host id: business.aliyuncs.com"),
        "{err}"
    );
    assert!(!err.contains(SECRET) && !err.contains(TOKEN));
}

/// The README's first CLI example, on a machine with no credentials: the request is shown
/// unsigned and the note says why; VPC hosts as the official SDK builds them, from the
/// network variable.
#[test]
fn a_dry_run_without_credentials_prints_the_request_unsigned() {
    let out = Command::new(acs())
        .args([
            "esa",
            "release-instance",
            "--instance-id",
            "esa-1",
            "--region",
            "cn-hangzhou",
            "--dry-run",
        ])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", std::env::temp_dir().join("acs-cli-test-no-home"))
        .env("ALIBABA_CLOUD_NETWORK_TYPE", "vpc")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("the request is shown unsigned"), "{stderr}");
    let shown: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    assert!(shown["headers"].get("authorization").is_none(), "{shown}");
    assert!(
        shown["credentials"].as_str().unwrap().contains("unsigned"),
        "{shown}"
    );
    let url = shown["url"].as_str().unwrap();
    assert!(
        url.starts_with("https://esa-vpc.cn-hangzhou.aliyuncs.com/"),
        "{url}"
    );
}

#[test]
fn dry_run_prints_the_signed_request_without_secrets() {
    let out = run(
        &acs(),
        &[
            "--dry-run",
            "bssopenapi",
            "refund-instance",
            "--instance-id",
            "X",
            "--product-code",
            "ecs",
            "--immediately-release",
            "1",
            "--product-type",
            "",
            "--endpoint",
            "http://127.0.0.1:1",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        !stdout.contains(SECRET) && !stdout.contains(TOKEN),
        "{stdout}"
    );
    let shown: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(shown["method"], "POST");
    let url = shown["url"].as_str().unwrap();
    assert!(url.starts_with("http://127.0.0.1:1/?ClientToken="), "{url}");
    assert!(
        url.contains("&ImmediatelyRelease=1&InstanceId=X&ProductCode=ecs&ProductType="),
        "{url}"
    );
    assert_eq!(shown["headers"]["x-acs-action"], "RefundInstance");
    assert_eq!(shown["headers"]["x-acs-security-token"], "***");
    assert!(shown["headers"]["authorization"]
        .as_str()
        .unwrap()
        .contains("Signature="));
    assert_eq!(shown["body"], "");
}

#[test]
fn bad_usage_exits_2() {
    let missing = run(&acs(), &["esa", "release-instance"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("--instance-id"));
    let bad_enum = run(
        &acs(),
        &[
            "ddoscoo",
            "release-instance",
            "--instance-id",
            "i",
            "--region-id",
            "mars-1",
            "--dry-run",
        ],
    );
    assert_eq!(bad_enum.status.code(), Some(2));
}

#[test]
fn parameters_named_like_global_options_get_param_flags() {
    let server = Server::start(vec![Reply::json(200, r#"{"RequestId":"R"}"#)]);
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_acs-shapes"));
    let out = run(
        &bin,
        &[
            "shapes",
            "describe-things",
            "--region-id",
            "cn-shanghai",
            "--param-region",
            "the-parameter",
            "--param-endpoint",
            "also-a-parameter",
            "--region",
            "cn-hangzhou",
            "--endpoint",
            &server.url(),
            "--tag",
            r#"[{"Key":"env","Value":"prod"}]"#,
            "--ids",
            r#"["a","b"]"#,
            "--filter",
            r#"{"Status":"on"}"#,
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let r = &server.requests()[0];
    assert_eq!(r.method, "GET");
    assert_eq!(r.query_value("Region").as_deref(), Some("the-parameter"));
    assert_eq!(
        r.query_value("Endpoint").as_deref(),
        Some("also-a-parameter")
    );
    assert_eq!(r.query_value("Tag.1.Key").as_deref(), Some("env"));
    assert_eq!(r.query_value("Tag.1.Value").as_deref(), Some("prod"));
    assert_eq!(r.query_value("Ids").as_deref(), Some("a,b"));
    assert_eq!(
        r.query_value("Filter").as_deref(),
        Some(r#"{"Status":"on"}"#)
    );
    verify_signature(r, AK, SECRET).unwrap();
    let help = text(&run(&bin, &["shapes", "describe-things", "--help"]).stdout);
    assert!(
        help.contains("--param-region") && help.contains("--param-endpoint"),
        "{help}"
    );
}

#[test]
fn the_generator_and_the_runtime_agree_on_the_global_flags() {
    assert_eq!(
        acs_codegen::internal::emit::cli::GLOBAL_FLAGS,
        acs_runtime::cli::GLOBAL_FLAGS
    );
}

#[test]
fn profile_supplies_credentials_and_region() {
    let home = std::env::temp_dir().join(format!("acs-cli-profile-{}", std::process::id()));
    fs_write(
        &home.join(".aliyun/config.json"),
        r#"{"current":"default","profiles":[{"name":"default","mode":"AK","access_key_id":"AKdefault","access_key_secret":"x"},{"name":"ops","mode":"StsToken","access_key_id":"AKops","access_key_secret":"y","sts_token":"tok","region_id":"ap-southeast-1"}]}"#,
    );
    let out = Command::new(acs())
        .args([
            "--profile",
            "ops",
            "--dry-run",
            "esa",
            "release-instance",
            "--instance-id",
            "i-1",
        ])
        .env_clear()
        .env("HOME", &home)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        shown["url"], "https://esa.ap-southeast-1.aliyuncs.com/?InstanceId=i-1",
        "the profile's region picks the endpoint"
    );
    assert!(shown["headers"]["authorization"]
        .as_str()
        .unwrap()
        .contains("Credential=AKops,"));
    assert_eq!(shown["headers"]["x-acs-security-token"], "***");
    let missing = Command::new(acs())
        .args([
            "--profile",
            "nope",
            "--dry-run",
            "esa",
            "release-instance",
            "--instance-id",
            "i",
        ])
        .env_clear()
        .env("HOME", &home)
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        text(&missing.stderr).contains("no profile `nope`"),
        "{}",
        text(&missing.stderr)
    );
    std::fs::remove_dir_all(home).ok();
}

fn fs_write(path: &std::path::Path, content: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
}

#[test]
fn secret_response_fields_print_only_with_show_secrets() {
    let body = r#"{"RequestId":"R","Success":true,"ThingId":"t-1","AccessKeySecret":"response-secret-value"}"#;
    let server = Server::start(vec![Reply::json(200, body)]);
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_acs-shapes"));
    let args = |extra: &[&'static str]| {
        let mut a = vec![
            "shapes",
            "create-thing",
            "--name",
            "n",
            "--size",
            "1",
            "--param-dry-run",
            "false",
            "--content",
            "{}",
            "--region",
            "cn-hangzhou",
        ];
        a.extend_from_slice(extra);
        a
    };
    let mut hidden = args(&[]);
    let url = server.url();
    hidden.extend(["--endpoint", &url]);
    let out = run(&bin, &hidden);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown["AccessKeySecret"], "***");
    assert_eq!(shown["ThingId"], "t-1");
    let mut asked = args(&["--show-secrets"]);
    asked.extend(["--endpoint", &url]);
    let out = run(&bin, &asked);
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown["AccessKeySecret"], "response-secret-value");
}

#[test]
fn dry_run_names_the_credentials_provider_and_never_the_secret() {
    let out = run(
        &acs(),
        &[
            "--dry-run",
            "esa",
            "release-instance",
            "--instance-id",
            "i-1",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown["credentials"], "default/env");
    let all = text(&out.stdout);
    assert!(!all.contains(SECRET) && !all.contains(TOKEN), "{all}");
}
