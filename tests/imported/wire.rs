//! Loopback wire tests of imported operations. `tests/generator/imported_build.rs` copies this file
//! (and `tests/support/`) into the crate it generates from the imported metadata, so it
//! compiles against the imported clients: every style (`repeatList` of scalars and objects,
//! `flat` objects and lists, `json`), GET and POST, query and form body, signed as the
//! gateway checks, and a success body decoded.

mod support;

use acs_runtime::{Client, Credentials, RetryPolicy};
use acs_sdk::bssopenapi::v2017_12_14 as bss;
use acs_sdk::ecs::v2014_05_26 as ecs;
use acs_sdk::sts::v2015_04_01 as sts;
use support::{block, pairs, verify_signature, Reply, Server};

const AK: &str = "LTAI5tImportedWire";
const SECRET: &str = "imported-wire-secret";

fn runtime(server: &Server) -> Client {
    Client::builder()
        .credentials(Credentials::new(AK, SECRET))
        .region("cn-hangzhou")
        .endpoint(server.url())
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap()
}

/// A RunInstances request with every kind of flattened parameter: a repeated list of scalars,
/// repeated lists of objects, a flat object.
fn run_instances() -> ecs::RunInstancesRequest {
    ecs::RunInstancesRequest::new("cn-hangzhou")
        .image_id("aliyun_3_x64")
        .amount(2)
        .security_group_ids(vec!["sg-1".into(), "sg-2".into()])
        .data_disk(vec![
            ecs::RunInstancesDataDiskItem::new()
                .category("cloud_essd")
                .size(40),
            ecs::RunInstancesDataDiskItem::new().category("cloud_auto"),
        ])
        .tag(vec![ecs::RunInstancesTagItem::new().key("env").value("prod")])
        .system_disk(ecs::RunInstancesSystemDisk::new().storage_cluster_id("dbsc-1"))
        .client_token("token-1")
}

#[test]
fn ecs_run_instances_flattens_repeat_lists_and_flat_objects() {
    let server = Server::start(vec![Reply::json(
        200,
        r#"{"RequestId":"R1","InstanceIdSets":{"InstanceIdSet":["i-1","i-2"]}}"#,
    )]);
    let client = ecs::Client::new(runtime(&server));
    let request = run_instances();
    let response = block(client.run_instances(request)).unwrap();
    assert_eq!(response.request_id.as_deref(), Some("R1"));
    let r = &server.requests()[0];
    assert_eq!(r.method, "POST");
    assert_eq!(r.header("x-acs-action"), Some("RunInstances"));
    assert_eq!(r.header("x-acs-version"), Some("2014-05-26"));
    verify_signature(r, AK, SECRET).unwrap();
    assert_eq!(
        r.query_pairs(),
        pairs(&[
            ("Amount", "2"),
            ("ClientToken", "token-1"),
            ("DataDisk.1.Category", "cloud_essd"),
            ("DataDisk.1.Size", "40"),
            ("DataDisk.2.Category", "cloud_auto"),
            ("ImageId", "aliyun_3_x64"),
            ("RegionId", "cn-hangzhou"),
            ("SecurityGroupIds.1", "sg-1"),
            ("SecurityGroupIds.2", "sg-2"),
            ("SystemDisk.StorageClusterId", "dbsc-1"),
            ("Tag.1.Key", "env"),
            ("Tag.1.Value", "prod"),
        ])
    );
    assert!(r.body.is_empty());
}

#[test]
fn ecs_flat_lists_and_json_parameters() {
    let server = Server::start(vec![Reply::json(200, r#"{"RequestId":"R2"}"#)]);
    let client = ecs::Client::new(runtime(&server));
    // `Permissions` is a `flat` list of objects.
    let request = ecs::AuthorizeSecurityGroupRequest::new("cn-hangzhou", "sg-1").permissions(vec![
        ecs::AuthorizeSecurityGroupPermissionsItem::new()
            .ip_protocol("TCP")
            .port_range("22/22"),
    ]);
    block(client.authorize_security_group(request)).unwrap();
    // `Parameters` is a `json` object: one parameter of compact JSON.
    let mut parameters = std::collections::BTreeMap::new();
    parameters.insert("name".to_string(), acs_runtime::serde_json::json!("web"));
    parameters.insert("count".to_string(), acs_runtime::serde_json::json!(2));
    let request = ecs::InvokeCommandRequest::new("cn-hangzhou", "c-1")
        .instance_id(vec!["i-1".into()])
        .parameters(parameters);
    block(client.invoke_command(request)).unwrap();
    let requests = server.requests();
    let q = requests[0].query_pairs();
    for expected in [
        ("Permissions.1.IpProtocol", "TCP"),
        ("Permissions.1.PortRange", "22/22"),
        ("SecurityGroupId", "sg-1"),
    ] {
        let expected = (expected.0.to_string(), expected.1.to_string());
        assert!(q.contains(&expected), "{expected:?} not in {q:?}");
    }
    let q = requests[1].query_pairs();
    let json = q.iter().find(|(k, _)| k == "Parameters").expect("Parameters sent");
    assert_eq!(json.1, r#"{"count":2,"name":"web"}"#);
    assert!(q.contains(&("InstanceId.1".to_string(), "i-1".to_string())), "{q:?}");
    for r in &requests {
        verify_signature(r, AK, SECRET).unwrap();
    }
}

#[test]
fn bss_get_only_operations_use_get() {
    let server = Server::start(vec![Reply::json(
        200,
        r#"{"RequestId":"R3","Success":true,"Code":"Success","Data":{"CommodityList":[]}}"#,
    )]);
    let client = bss::Client::new(runtime(&server));
    let request = bss::QueryCommodityListRequest::new("ecs").lang("en");
    block(client.query_commodity_list(request)).unwrap();
    let r = &server.requests()[0];
    assert_eq!(r.method, "GET");
    assert_eq!(
        r.query_pairs(),
        pairs(&[("Lang", "en"), ("ProductCode", "ecs")])
    );
    assert!(r.body.is_empty());
    verify_signature(r, AK, SECRET).unwrap();
}

#[test]
fn bss_form_fields_go_in_the_body_flattened() {
    let server = Server::start(vec![Reply::json(
        200,
        r#"{"RequestId":"R4","Success":true,"Code":"Success","Data":{}}"#,
    )]);
    let client = bss::Client::new(runtime(&server));
    let request = bss::DescribeInstanceAmortizedCostByAmortizationPeriodRequest::new("2024-05")
        .instance_id_list(vec!["i-1".into(), "i-2".into()])
        .max_results(20);
    block(client.describe_instance_amortized_cost_by_amortization_period(request)).unwrap();
    let r = &server.requests()[0];
    assert_eq!(r.method, "POST");
    assert_eq!(
        r.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        r.body_pairs(),
        pairs(&[
            ("BillingCycle", "2024-05"),
            ("InstanceIdList.1", "i-1"),
            ("InstanceIdList.2", "i-2"),
            ("MaxResults", "20"),
        ])
    );
    assert!(r.query_pairs().is_empty(), "{:?}", r.query_pairs());
    verify_signature(r, AK, SECRET).unwrap();
}

#[test]
fn bss_success_false_on_200_is_an_error() {
    let server = Server::start(vec![Reply::json(
        200,
        r#"{"RequestId":"R5","Success":false,"Code":"NotAuthorized","Message":"no"}"#,
    )]);
    let client = bss::Client::new(runtime(&server));
    let err = block(client.query_commodity_list(bss::QueryCommodityListRequest::new("ecs")))
        .unwrap_err();
    let shown = err.to_string();
    assert!(shown.contains("NotAuthorized"), "{shown}");
}

#[test]
fn sts_assume_role_decodes_its_credentials() {
    let server = Server::start(vec![Reply::json(
        200,
        r#"{"RequestId":"R6","Credentials":{"AccessKeyId":"STS.x","AccessKeySecret":"wire-secret-value","SecurityToken":"wire-token-value","Expiration":"2030-01-01T00:00:00Z"},"AssumedRoleUser":{"Arn":"acs:ram::1:role/r/s","AssumedRoleId":"1:s"}}"#,
    )]);
    let client = sts::Client::new(runtime(&server));
    let request = sts::AssumeRoleRequest::new("acs:ram::1:role/r", "session").duration_seconds(900);
    let response = block(client.assume_role(request)).unwrap();
    // The secrets the response carries never show in `Debug` (the import marks them).
    let shown = format!("{response:?}");
    assert!(
        shown.contains("STS.x") && !shown.contains("wire-secret-value") && !shown.contains("wire-token-value"),
        "{shown}"
    );
    let credentials = response.credentials.expect("credentials");
    assert_eq!(credentials.access_key_secret.as_deref(), Some("wire-secret-value"));
    assert_eq!(credentials.access_key_id.as_deref(), Some("STS.x"));
    assert_eq!(
        credentials.expiration.as_deref(),
        Some("2030-01-01T00:00:00Z")
    );
    let r = &server.requests()[0];
    assert_eq!(
        r.query_pairs(),
        pairs(&[
            ("DurationSeconds", "900"),
            ("RoleArn", "acs:ram::1:role/r"),
            ("RoleSessionName", "session"),
        ])
    );
    verify_signature(r, AK, SECRET).unwrap();
}

/// Credentials that cannot be had: an anonymous call must not ask for them.
#[derive(Debug)]
struct NoCredentials;

impl acs_runtime::ProvideCredentials for NoCredentials {
    fn provide_credentials(
        &self,
    ) -> acs_runtime::transport::BoxFuture<'_, Result<Credentials, acs_runtime::ConfigError>> {
        Box::pin(async { Err(acs_runtime::ConfigError::Credentials("none here".into())) })
    }
}

#[test]
fn sts_assume_role_with_oidc_is_sent_unsigned_without_credentials() {
    let server = Server::start(vec![Reply::json(
        200,
        r#"{"RequestId":"R7","Credentials":{"AccessKeyId":"STS.o","AccessKeySecret":"s","SecurityToken":"t","Expiration":"2030-01-01T00:00:00Z"}}"#,
    )]);
    let runtime = Client::builder()
        .credentials(NoCredentials)
        .region("cn-hangzhou")
        .endpoint(server.url())
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();
    let client = sts::Client::new(runtime);
    let request = sts::AssumeRoleWithOidcRequest::new("session")
        .role_arn("acs:ram::1:role/r")
        .oidc_provider_arn("acs:ram::1:oidc-provider/p")
        .oidc_token("eyJ-token");
    let response = block(client.assume_role_with_oidc(request)).unwrap();
    assert_eq!(response.request_id.as_deref(), Some("R7"));
    let r = &server.requests()[0];
    assert_eq!(r.header("authorization"), None);
    assert_eq!(r.header("x-acs-security-token"), None);
    assert_eq!(r.header("x-acs-action"), Some("AssumeRoleWithOIDC"));
    assert!(r.header("x-acs-signature-nonce").is_some());
    assert_eq!(
        r.query_value("OIDCToken").as_deref(),
        Some("eyJ-token")
    );
    // A signed operation with the same runtime fails on its credentials.
    let err = block(client.assume_role(sts::AssumeRoleRequest::new("a", "b"))).unwrap_err();
    assert!(err.to_string().contains("none here"), "{err}");
}

/// What the runtime's credentials providers send to STS equals what the generated STS
/// client sends for the same call (they share the signer through the runtime's dynamic
/// call): action, version, method, path, parameters and a verifiable signature.
#[test]
fn role_providers_send_what_the_generated_sts_client_sends() {
    use acs_runtime::providers::{Environment, OidcProvider, RamRoleArnProvider, StsSettings};
    use acs_runtime::ProvideCredentials;
    use std::sync::Arc;
    let ok = r#"{"RequestId":"R8","Credentials":{"AccessKeyId":"STS.p","AccessKeySecret":"provider-secret","SecurityToken":"provider-token","Expiration":"2099-01-01T00:00:00Z"}}"#;
    let server = Server::start(vec![
        Reply::json(200, ok),
        Reply::json(200, ok),
        Reply::json(200, ok),
        Reply::json(200, ok),
    ]);
    let env = Environment::process().with_vars([("HOME", "/nonexistent")]).with_sts_endpoint(server.url());
    let generated = sts::Client::new(runtime(&server));
    block(
        generated.assume_role(
            sts::AssumeRoleRequest::new("acs:ram::1:role/r", "session")
                .duration_seconds(3600)
                .external_id("ext-1"),
        ),
    )
    .unwrap();
    let mut settings = StsSettings::new("acs:ram::1:role/r", &env);
    settings.role_session_name = "session".into();
    let provider = RamRoleArnProvider::new(Arc::new(Credentials::new(AK, SECRET)), settings).external_id("ext-1");
    let got = block(provider.provide_credentials()).unwrap();
    assert_eq!(got.access_key_id(), "STS.p");
    assert_eq!(got.security_token().map(|t| t.expose()), Some("provider-token"));
    assert_eq!(got.provider_name(), "ram_role_arn/static_ak");

    let token_file = std::env::temp_dir().join(format!("acs-wire-oidc-{}", std::process::id()));
    std::fs::write(&token_file, "eyJ-token\n").unwrap();
    block(
        generated.assume_role_with_oidc(
            sts::AssumeRoleWithOidcRequest::new("session")
                .role_arn("acs:ram::1:role/r")
                .oidc_provider_arn("acs:ram::1:oidc-provider/p")
                .oidc_token("eyJ-token")
                .duration_seconds(3600),
        ),
    )
    .unwrap();
    let mut settings = StsSettings::new("acs:ram::1:role/r", &env);
    settings.role_session_name = "session".into();
    let oidc = OidcProvider::new(settings, "acs:ram::1:oidc-provider/p", &token_file);
    block(oidc.provide_credentials()).unwrap();
    std::fs::remove_file(&token_file).ok();

    let r = server.requests();
    for (typed, dynamic) in [(&r[0], &r[1]), (&r[2], &r[3])] {
        assert_eq!(typed.method, dynamic.method);
        assert_eq!(typed.path, dynamic.path);
        for h in ["x-acs-action", "x-acs-version", "host", "content-type"] {
            assert_eq!(typed.header(h), dynamic.header(h), "{h}");
        }
        assert_eq!(typed.query_pairs(), dynamic.query_pairs());
        assert_eq!(typed.body, dynamic.body);
    }
    verify_signature(&r[1], AK, SECRET).unwrap();
    assert_eq!(r[3].header("authorization"), None);
}

/// The gateway double on a sharded product (ECS): every request is read back field for field
/// (compared by `Debug`: this crate has no comparison derives), and a registered operation
/// without a rule answers its documented example.
#[test]
fn the_gateway_double_reads_sharded_operations_back() {
    let gateway = acs_runtime::testing::Gateway::answering_examples();
    gateway.register(ecs::operations());
    let client = ecs::Client::new(gateway.client());
    let run = run_instances();
    block(client.run_instances(run.clone())).unwrap();
    assert_eq!(
        format!("{:?}", gateway.calls::<ecs::RunInstancesRequest>()),
        format!("{:?}", [run])
    );
    let mut parameters = std::collections::BTreeMap::new();
    parameters.insert("name".to_string(), acs_runtime::serde_json::json!("web"));
    parameters.insert("count".to_string(), acs_runtime::serde_json::json!(2));
    // With its token set: an empty one is filled by the client, so differs from the request.
    let invoke = ecs::InvokeCommandRequest::new("cn-hangzhou", "c-1")
        .instance_id(vec!["i-1".into()])
        .parameters(parameters)
        .client_token("token-2");
    block(client.invoke_command(invoke.clone())).unwrap();
    assert_eq!(
        format!("{:?}", gateway.calls::<ecs::InvokeCommandRequest>()),
        format!("{:?}", [invoke])
    );
}
