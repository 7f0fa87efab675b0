//! Credentials providers against loopback doubles of STS, the ECS metadata service and a
//! credentials URI: the chain and its order, every CLI profile mode and credentials-file
//! type, refresh ahead of expiry shared by concurrent callers, the hardened metadata flow
//! and its fallback, and clear errors that never carry a secret.

use crate::support::{block, verify_signature, Reply, Scratch, Server};
use acs_runtime::providers::{
    DefaultChain, EcsRamRoleProvider, Environment, IniProvider, OidcProvider, ProfileProvider,
    RamRoleArnProvider, StsSettings, UriProvider,
};
use acs_runtime::{Credentials, ProvideCredentials, Timeouts};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// A secret every double hands out; no error or `Debug` output may show it.
const SECRET: &str = "double-secret-value";
const TOKEN: &str = "double-security-token";

fn iso(secs_from_now: i64) -> String {
    let now = acs_runtime::time::now_secs() as i64;
    acs_runtime::time::iso8601((now + secs_from_now) as u64)
}

/// A credentials document expiring `secs_from_now` from now.
fn document(id: &str, secs_from_now: i64) -> String {
    format!(
        r#"{{"Code":"Success","AccessKeyId":"{id}","AccessKeySecret":"{SECRET}","SecurityToken":"{TOKEN}","Expiration":"{}"}}"#,
        iso(secs_from_now)
    )
}

/// An STS answer with credentials expiring in an hour.
fn sts_answer(id: &str) -> Reply {
    Reply::json(
        200,
        &format!(
            r#"{{"RequestId":"R","Credentials":{}}}"#,
            document(id, 3600)
        ),
    )
}

/// A fresh, empty home directory (no CLI profile, no credentials file), removed when
/// dropped.
fn home(tag: &str) -> Scratch {
    Scratch::new(&format!("credentials-{tag}"))
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// An environment of only `vars`, with `home` and the metadata service disabled unless
/// the test gives it an endpoint.
fn env(home: &Path, vars: &[(&str, &str)]) -> Environment {
    let mut all: Vec<(String, String)> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    all.push(("ALIBABA_CLOUD_ECS_METADATA_DISABLED".into(), "true".into()));
    Environment::process().with_vars(all).with_home(home)
}

fn assert_no_secret(text: &str) {
    assert!(!text.contains(SECRET), "a secret leaked: {text}");
    assert!(!text.contains(TOKEN), "a token leaked: {text}");
}

#[test]
fn chain_tries_providers_in_order_and_names_every_failure() {
    let home = home("chain-fail");
    let e = block(DefaultChain::new(env(&home, &[])).provide_credentials()).unwrap_err();
    let text = e.to_string();
    let order = [
        "- env: ALIBABA_CLOUD_ACCESS_KEY_ID is not set",
        "- oidc_role_arn: ALIBABA_CLOUD_ROLE_ARN",
        "- cli_profile: cannot read",
        "- profile: cannot read",
        "- ecs_ram_role: disabled by ALIBABA_CLOUD_ECS_METADATA_DISABLED",
        "- credentials_uri: ALIBABA_CLOUD_CREDENTIALS_URI is not set",
    ];
    let mut at = 0;
    for line in order {
        let i = text[at..]
            .find(line)
            .unwrap_or_else(|| panic!("{line:?} missing, in order, from:\n{text}"))
            + at;
        at = i;
    }
}

#[test]
fn chain_prefers_the_environment_and_names_the_provider() {
    let home = home("chain-env");
    let chain = DefaultChain::new(env(
        &home,
        &[
            ("ALIBABA_CLOUD_ACCESS_KEY_ID", "AKenv"),
            ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET),
            (
                "ALIBABA_CLOUD_CREDENTIALS_URI",
                "http://127.0.0.1:9/never-asked",
            ),
        ],
    ));
    let c = block(chain.provide_credentials()).unwrap();
    assert_eq!(c.access_key_id(), "AKenv");
    assert_eq!(c.provider_name(), "default/env");
    assert_no_secret(&format!("{chain:?} {c:?}"));
}

#[test]
fn chain_falls_through_to_the_credentials_uri_and_keeps_it() {
    let server = Server::start(vec![Reply::json(200, &document("AKuri", 3600))]);
    let home = home("chain-uri");
    let uri = format!("{}/credentials", server.url());
    let chain = DefaultChain::new(env(&home, &[("ALIBABA_CLOUD_CREDENTIALS_URI", &uri)]));
    for _ in 0..3 {
        let c = block(chain.provide_credentials()).unwrap();
        assert_eq!(c.access_key_id(), "AKuri");
        assert_eq!(c.provider_name(), "default/credentials_uri");
        assert_eq!(c.security_token().unwrap().expose(), TOKEN);
    }
    assert_eq!(server.requests().len(), 1, "cached until stale");
    assert_eq!(server.requests()[0].path, "/credentials");
}

#[test]
fn oidc_from_the_environment_assumes_the_role_anonymously() {
    let server = Server::start(vec![sts_answer("STS.oidc")]);
    let home = home("oidc");
    let token = home.join("token");
    write(&token, "eyJ-rotating-token\n");
    let chain = DefaultChain::new(
        env(
            &home,
            &[
                ("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::1:role/pod"),
                (
                    "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
                    "acs:ram::1:oidc-provider/ack",
                ),
                ("ALIBABA_CLOUD_OIDC_TOKEN_FILE", token.to_str().unwrap()),
                ("ALIBABA_CLOUD_ROLE_SESSION_NAME", "pod-session"),
            ],
        )
        .with_sts_endpoint(server.url()),
    );
    let c = block(chain.provide_credentials()).unwrap();
    assert_eq!(c.access_key_id(), "STS.oidc");
    assert_eq!(c.provider_name(), "default/oidc_role_arn");
    let r = &server.requests()[0];
    assert_eq!(r.header("x-acs-action"), Some("AssumeRoleWithOIDC"));
    assert_eq!(r.header("x-acs-version"), Some("2015-04-01"));
    assert_eq!(
        r.header("authorization"),
        None,
        "AssumeRoleWithOIDC is anonymous"
    );
    assert_eq!(
        r.query_value("OIDCToken").as_deref(),
        Some("eyJ-rotating-token")
    );
    assert_eq!(
        r.query_value("RoleArn").as_deref(),
        Some("acs:ram::1:role/pod")
    );
    assert_eq!(
        r.query_value("RoleSessionName").as_deref(),
        Some("pod-session")
    );
    assert_eq!(r.query_value("DurationSeconds").as_deref(), Some("3600"));
}

#[test]
fn an_unreadable_oidc_token_file_is_a_clear_error() {
    let home = home("oidc-missing");
    let mut settings = StsSettings::new("acs:ram::1:role/pod", &env(&home, &[]));
    settings.endpoint = Some("http://127.0.0.1:9".into());
    let p = OidcProvider::new(
        settings,
        "acs:ram::1:oidc-provider/ack",
        home.join("absent-token"),
    );
    let e = block(p.provide_credentials()).unwrap_err().to_string();
    assert!(
        e.contains("oidc_role_arn: cannot read the OIDC token file") && e.contains("absent-token"),
        "{e}"
    );
}

#[test]
fn ram_role_arn_signs_assume_role_with_the_source_credentials() {
    let server = Server::start(vec![sts_answer("STS.role")]);
    let home = home("ramrole");
    let mut settings = StsSettings::new("acs:ram::1:role/ci", &env(&home, &[]));
    settings.endpoint = Some(server.url());
    settings.role_session_name = "ci-job".into();
    settings.duration_seconds = 900;
    settings.policy = Some(r#"{"Statement":[]}"#.into());
    let p = RamRoleArnProvider::new(
        Arc::new(Credentials::new("AKsource", "source-secret")),
        settings,
    )
    .external_id("ext");
    let c = block(p.provide_credentials()).unwrap();
    assert_eq!(c.access_key_id(), "STS.role");
    assert_eq!(c.provider_name(), "ram_role_arn/static_ak");
    let r = &server.requests()[0];
    assert_eq!(r.header("x-acs-action"), Some("AssumeRole"));
    verify_signature(r, "AKsource", "source-secret").unwrap();
    for (k, v) in [
        ("RoleArn", "acs:ram::1:role/ci"),
        ("RoleSessionName", "ci-job"),
        ("DurationSeconds", "900"),
        ("Policy", r#"{"Statement":[]}"#),
        ("ExternalId", "ext"),
    ] {
        assert_eq!(r.query_value(k).as_deref(), Some(v), "{k}");
    }
    // Below STS's minimum lifetime: refused before any request.
    let mut short = StsSettings::new("acs:ram::1:role/ci", &env(&home, &[]));
    short.duration_seconds = 60;
    let e = block(
        RamRoleArnProvider::new(Arc::new(Credentials::new("a", "b")), short).provide_credentials(),
    )
    .unwrap_err();
    assert!(e.to_string().contains("at least 900 seconds"), "{e}");
}

#[test]
fn sts_errors_name_code_and_request_id_and_never_the_body() {
    let server = Server::start(vec![Reply::json(
        403,
        r#"{"RequestId":"RID-403","Code":"NoPermission","Message":"You are not authorized to do this action.","HostId":"sts.aliyuncs.com"}"#,
    )]);
    let home = home("sts-error");
    let mut settings = StsSettings::new("acs:ram::1:role/ci", &env(&home, &[]));
    settings.endpoint = Some(server.url());
    let p = RamRoleArnProvider::new(Arc::new(Credentials::new("AK", SECRET)), settings);
    let e = block(p.provide_credentials()).unwrap_err().to_string();
    assert!(
        e.contains("STS AssumeRole: NoPermission")
            && e.contains("RID-403")
            && e.contains("HTTP 403"),
        "{e}"
    );
    assert_no_secret(&e);
}

#[test]
fn concurrent_callers_share_one_refresh() {
    let server = Server::start(vec![sts_answer("STS.shared")]);
    let home = home("concurrent");
    let mut settings = StsSettings::new("acs:ram::1:role/ci", &env(&home, &[]));
    settings.endpoint = Some(server.url());
    let p = Arc::new(RamRoleArnProvider::new(
        Arc::new(Credentials::new("AK", "S")),
        settings,
    ));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(4)
        .enable_all()
        .build()
        .unwrap();
    let ids = runtime.block_on(async {
        let tasks: Vec<_> = (0..32)
            .map(|_| {
                let p = p.clone();
                tokio::spawn(async move {
                    p.provide_credentials()
                        .await
                        .map(|c| c.access_key_id().to_string())
                })
            })
            .collect();
        let mut ids = Vec::new();
        for t in tasks {
            ids.push(t.await.unwrap().unwrap());
        }
        ids
    });
    assert!(ids.iter().all(|i| i == "STS.shared"));
    assert_eq!(
        server.requests().len(),
        1,
        "32 concurrent calls, one AssumeRole"
    );
}

#[test]
fn stale_credentials_are_refreshed_and_kept_when_the_refresh_fails() {
    // Ten minutes left: inside the 15-minute margin, so every call tries a refresh.
    let server = Server::start(vec![
        Reply::json(200, &document("AK1", 600)),
        Reply::json(200, &document("AK2", 600)),
        Reply::json(500, r#"{"Code":"ServiceUnavailable"}"#),
        Reply::json(200, "not json"),
    ]);
    let p = UriProvider::new(format!("{}/c", server.url()), &Environment::process());
    let first = block(p.provide_credentials()).unwrap();
    assert_eq!(first.access_key_id(), "AK1");
    assert_eq!(
        block(p.provide_credentials()).unwrap().access_key_id(),
        "AK2"
    );
    // The refresh fails twice; the cached credentials still work, so they are used.
    assert_eq!(
        block(p.provide_credentials()).unwrap().access_key_id(),
        "AK2"
    );
    assert_eq!(
        block(p.provide_credentials()).unwrap().access_key_id(),
        "AK2"
    );
    assert_eq!(server.requests().len(), 4);
}

#[test]
fn credentials_uri_errors_are_clear_and_secret_free() {
    let cases: Vec<(Reply, &str)> = vec![
        (Reply::json(404, &document("AK", 3600)), "HTTP 404"),
        (Reply::json(503, &document("AK", 3600)), "HTTP 503"),
        (
            Reply::json(200, &format!("{{\"AccessKeySecret\":\"{SECRET}\"")),
            "not JSON",
        ),
        (
            Reply::json(
                200,
                &format!(
                    r#"{{"Code":"Success","AccessKeyId":"AK","AccessKeySecret":"{SECRET}","Expiration":"{}"}}"#,
                    iso(3600)
                ),
            ),
            "no `SecurityToken`",
        ),
        (Reply::json(200, &document("AK", -60)), "expired at"),
        (
            Reply::json(200, &document("AK", 3600).replace("Success", "Failure")),
            "Code `Failure`",
        ),
        (
            Reply::json(200, &document("AK", 3600).replace('Z', "+08:00")),
            "not a UTC time",
        ),
        (Reply::Stall(Duration::from_secs(3)), "timed out"),
    ];
    for (reply, expected) in cases {
        let server = Server::start(vec![reply]);
        let p = UriProvider::new(format!("{}/c", server.url()), &Environment::process()).timeouts(
            Timeouts {
                connect: Duration::from_millis(500),
                read: Duration::from_millis(500),
            },
        );
        let e = block(p.provide_credentials()).unwrap_err().to_string();
        assert!(
            e.contains("credentials_uri") && e.contains(expected),
            "{expected}: {e}"
        );
        assert_no_secret(&e);
    }
}

fn ecs(server: &Server, vars: &[(&str, &str)]) -> EcsRamRoleProvider {
    let home = home("ecs");
    let env = Environment::process()
        .with_vars(vars.iter().map(|(k, v)| (k.to_string(), v.to_string())))
        .with_home(home.to_path_buf())
        .with_ecs_metadata_endpoint(server.url());
    EcsRamRoleProvider::from_env(&env).expect("enabled")
}

#[test]
fn ecs_metadata_hardened_flow_discovers_the_role() {
    let server = Server::start(vec![
        Reply::json(200, "metadata-token-1"),
        Reply::json(200, "EcsRole\n"),
        Reply::json(200, &document("STS.ecs", 3600)),
    ]);
    let c = block(ecs(&server, &[]).provide_credentials()).unwrap();
    assert_eq!(c.access_key_id(), "STS.ecs");
    assert_eq!(c.provider_name(), "ecs_ram_role");
    let r = server.requests();
    assert_eq!(
        (r[0].method.as_str(), r[0].path.as_str()),
        ("PUT", "/latest/api/token")
    );
    assert_eq!(
        r[0].header("x-aliyun-ecs-metadata-token-ttl-seconds"),
        Some("21600")
    );
    assert_eq!(
        (r[1].method.as_str(), r[1].path.as_str()),
        ("GET", "/latest/meta-data/ram/security-credentials/")
    );
    assert_eq!(
        r[2].path,
        "/latest/meta-data/ram/security-credentials/EcsRole"
    );
    for g in &r[1..] {
        assert_eq!(
            g.header("x-aliyun-ecs-metadata-token"),
            Some("metadata-token-1")
        );
    }
}

#[test]
fn ecs_metadata_falls_back_without_a_token_unless_hardened_mode_is_required() {
    let server = Server::start(vec![
        Reply::json(403, "forbidden"),
        Reply::json(200, &document("STS.v1", 3600)),
    ]);
    let c = block(ecs(&server, &[("ALIBABA_CLOUD_ECS_METADATA", "Named")]).provide_credentials())
        .unwrap();
    assert_eq!(c.access_key_id(), "STS.v1");
    let r = server.requests();
    assert_eq!(
        r[1].path,
        "/latest/meta-data/ram/security-credentials/Named"
    );
    assert_eq!(r[1].header("x-aliyun-ecs-metadata-token"), None);

    let server = Server::start(vec![Reply::json(403, "forbidden")]);
    let e = block(
        ecs(
            &server,
            &[
                ("ALIBABA_CLOUD_ECS_METADATA", "Named"),
                ("ALIBABA_CLOUD_IMDSV1_DISABLED", "true"),
            ],
        )
        .provide_credentials(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("hardened mode is required") && e.contains("HTTP 403"),
        "{e}"
    );
    assert_eq!(
        server.requests().len(),
        1,
        "no plain GET after the token failed"
    );
}

#[test]
fn ecs_metadata_errors_are_clear() {
    let server = Server::start(vec![Reply::json(200, "t"), Reply::json(404, "")]);
    let e = block(ecs(&server, &[("ALIBABA_CLOUD_ECS_METADATA", "Gone")]).provide_credentials())
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("security-credentials/Gone: HTTP 404"),
        "{e}"
    );
    let server = Server::start(vec![Reply::json(200, "t"), Reply::json(200, "")]);
    let e = block(ecs(&server, &[]).provide_credentials()).unwrap_err();
    assert!(e.to_string().contains("no RAM role attached"), "{e}");
    assert!(EcsRamRoleProvider::from_env(
        &Environment::process().with_vars([("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "TRUE")])
    )
    .is_none());
}

const PROFILES: &str = r#"{"current":"ak","profiles":[
  {"name":"ak","mode":"AK","access_key_id":"AKplain","access_key_secret":"double-secret-value","region_id":"cn-shanghai"},
  {"name":"sts","mode":"StsToken","access_key_id":"AKsts","access_key_secret":"s","sts_token":"double-security-token"},
  {"name":"role","mode":"RamRoleArn","access_key_id":"AKsrc","access_key_secret":"src-secret","ram_role_arn":"acs:ram::1:role/r","ram_session_name":"cli-session","expired_seconds":1200,"external_id":"e1"},
  {"name":"chained","mode":"ChainableRamRoleArn","source_profile":"role","ram_role_arn":"acs:ram::1:role/second"},
  {"name":"loop-a","mode":"ChainableRamRoleArn","source_profile":"loop-b","ram_role_arn":"x"},
  {"name":"loop-b","mode":"ChainableRamRoleArn","source_profile":"loop-a","ram_role_arn":"x"},
  {"name":"ecs","mode":"EcsRamRole","ram_role_name":"ProfileRole"},
  {"name":"oidc","mode":"OIDC","ram_role_arn":"acs:ram::1:role/o","oidc_provider_arn":"acs:ram::1:oidc-provider/p","oidc_token_file":"TOKEN_FILE","role_session_name":"o-session"},
  {"name":"odd","mode":"CloudSSO"}]}"#;

fn profiles(tag: &str) -> Scratch {
    let home = home(tag);
    let token = home.join("oidc-token");
    write(&token, "eyJ-profile-token");
    write(
        &home.join(".aliyun/config.json"),
        &PROFILES.replace("TOKEN_FILE", token.to_str().unwrap()),
    );
    home
}

#[test]
fn cli_profile_static_modes() {
    let home = profiles("cli-static");
    let p = ProfileProvider::new(env(&home, &[]), None);
    let c = block(p.provide_credentials()).unwrap();
    assert_eq!(
        (c.access_key_id(), c.provider_name()),
        ("AKplain", "cli_profile/static_ak")
    );
    assert_eq!(p.load().unwrap().region_id.as_deref(), Some("cn-shanghai"));
    let c = block(
        ProfileProvider::new(env(&home, &[("ALIBABA_CLOUD_PROFILE", "sts")]), None)
            .provide_credentials(),
    )
    .unwrap();
    assert_eq!(
        (c.access_key_id(), c.provider_name()),
        ("AKsts", "cli_profile/static_sts")
    );
    assert_eq!(c.security_token().unwrap().expose(), TOKEN);
    assert_no_secret(&format!("{p:?}"));
    let e = block(ProfileProvider::new(env(&home, &[]), Some("odd".into())).provide_credentials())
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("mode `CloudSSO`; supported: AK, StsToken, RamRoleArn"),
        "{e}"
    );
    let e =
        block(ProfileProvider::new(env(&home, &[]), Some("loop-a".into())).provide_credentials())
            .unwrap_err();
    assert!(
        e.to_string().contains("cycle") && e.to_string().contains("loop-a -> loop-b -> loop-a"),
        "{e}"
    );
}

#[test]
fn cli_profile_role_modes_assume_roles() {
    let home = profiles("cli-roles");
    // RamRoleArn: one AssumeRole signed with the profile's keys.
    let server = Server::start(vec![sts_answer("STS.first")]);
    let p = ProfileProvider::new(
        env(&home, &[]).with_sts_endpoint(server.url()),
        Some("role".into()),
    );
    let c = block(p.provide_credentials()).unwrap();
    assert_eq!(
        (c.access_key_id(), c.provider_name()),
        ("STS.first", "cli_profile/ram_role_arn/static_ak")
    );
    let r = &server.requests()[0];
    verify_signature(r, "AKsrc", "src-secret").unwrap();
    assert_eq!(
        r.query_value("RoleSessionName").as_deref(),
        Some("cli-session")
    );
    assert_eq!(r.query_value("DurationSeconds").as_deref(), Some("1200"));
    assert_eq!(r.query_value("ExternalId").as_deref(), Some("e1"));
    // ChainableRamRoleArn: the source profile's role first, then the second role signed
    // with the first role's temporary credentials.
    let server = Server::start(vec![sts_answer("STS.first"), sts_answer("STS.second")]);
    let p = ProfileProvider::new(
        env(&home, &[]).with_sts_endpoint(server.url()),
        Some("chained".into()),
    );
    let c = block(p.provide_credentials()).unwrap();
    assert_eq!(c.access_key_id(), "STS.second");
    assert_eq!(
        c.provider_name(),
        "cli_profile/ram_role_arn/ram_role_arn/static_ak"
    );
    let r = server.requests();
    assert_eq!(
        r[1].query_value("RoleArn").as_deref(),
        Some("acs:ram::1:role/second")
    );
    assert_eq!(r[1].header("x-acs-security-token"), Some(TOKEN));
    verify_signature(&r[1], "STS.first", SECRET).unwrap();
    // OIDC.
    let server = Server::start(vec![sts_answer("STS.oidc")]);
    let p = ProfileProvider::new(
        env(&home, &[]).with_sts_endpoint(server.url()),
        Some("oidc".into()),
    );
    assert_eq!(
        block(p.provide_credentials()).unwrap().provider_name(),
        "cli_profile/oidc_role_arn"
    );
    assert_eq!(
        server.requests()[0].query_value("OIDCToken").as_deref(),
        Some("eyJ-profile-token")
    );
    // EcsRamRole.
    let server = Server::start(vec![
        Reply::json(200, "tok"),
        Reply::json(200, &document("STS.ecs", 3600)),
    ]);
    let p = ProfileProvider::new(
        Environment::process()
            .with_vars([("K", "V")])
            .with_home(&home)
            .with_ecs_metadata_endpoint(server.url()),
        Some("ecs".into()),
    );
    assert_eq!(
        block(p.provide_credentials()).unwrap().provider_name(),
        "cli_profile/ecs_ram_role"
    );
    assert_eq!(
        server.requests()[1].path,
        "/latest/meta-data/ram/security-credentials/ProfileRole"
    );
}

#[test]
fn credentials_file_types() {
    let home = home("ini");
    write(
        &home.join(".alibabacloud/credentials.ini"),
        "[default]\ntype = access_key # the plain one\naccess_key_id = AKini\naccess_key_secret = double-secret-value\n\n[ci]\ntype = ram_role_arn\naccess_key_id = AKci\naccess_key_secret = ci-secret\nrole_arn = acs:ram::1:role/ci\nrole_session_name = ini-session\n\n[odd]\ntype = rsa_key_pair\n",
    );
    let c = block(IniProvider::new(env(&home, &[])).provide_credentials()).unwrap();
    assert_eq!(
        (c.access_key_id(), c.provider_name()),
        ("AKini", "profile/static_ak")
    );
    let server = Server::start(vec![sts_answer("STS.ini")]);
    let c = block(
        IniProvider::new(
            env(&home, &[("ALIBABA_CLOUD_PROFILE", "ci")]).with_sts_endpoint(server.url()),
        )
        .provide_credentials(),
    )
    .unwrap();
    assert_eq!(
        (c.access_key_id(), c.provider_name()),
        ("STS.ini", "profile/ram_role_arn/static_ak")
    );
    verify_signature(&server.requests()[0], "AKci", "ci-secret").unwrap();
    let e = block(
        IniProvider::new(env(&home, &[]))
            .profile("odd")
            .provide_credentials(),
    )
    .unwrap_err();
    assert!(e.to_string().contains("type `rsa_key_pair`"), "{e}");
    // The chain reaches the file when nothing before it answers.
    let c = block(DefaultChain::new(env(&home, &[])).provide_credentials()).unwrap();
    assert_eq!(c.provider_name(), "default/profile/static_ak");
    // ALIBABA_CLOUD_CREDENTIALS_FILE points elsewhere.
    let other = home.join("other.ini");
    write(
        &other,
        "[default]\ntype = access_key\naccess_key_id = AKother\naccess_key_secret = x\n",
    );
    let c = block(
        IniProvider::new(env(
            &home,
            &[("ALIBABA_CLOUD_CREDENTIALS_FILE", other.to_str().unwrap())],
        ))
        .provide_credentials(),
    )
    .unwrap();
    assert_eq!(c.access_key_id(), "AKother");
}

#[test]
fn a_client_signs_with_refreshed_credentials_from_a_provider() {
    // A generated client over a URI provider: the call is signed with the temporary
    // credentials and carries their security token.
    let creds = Server::start(vec![Reply::json(200, &document("STS.call", 3600))]);
    let api = Server::start(vec![Reply::json(200, r#"{"RequestId":"R-1"}"#)]);
    let runtime = acs_runtime::Client::builder()
        .credentials(UriProvider::new(
            format!("{}/c", creds.url()),
            &Environment::process(),
        ))
        .region("cn-hangzhou")
        .endpoint(api.url())
        .build()
        .unwrap();
    let client = acs_sdk::esa::v2024_09_10::Client::new(runtime);
    let out = block(client.release_instance(
        acs_sdk::esa::v2024_09_10::ReleaseInstanceRequest::new("i-1"),
    ))
    .unwrap();
    assert_eq!(out.meta().request_id(), Some("R-1"));
    let r = &api.requests()[0];
    verify_signature(r, "STS.call", SECRET).unwrap();
    assert_eq!(r.header("x-acs-security-token"), Some(TOKEN));
}
