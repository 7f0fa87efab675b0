//! The gateway double (`acs_runtime::testing`), in process and over loopback HTTP, driven
//! by the generated clients of the fixture specs (`fixtures/shapes`: RPC and REST-style):
//! typed answers, documented errors as their variants, faults and retries, recorded calls
//! read back into their request types, and the gateway's own checks (signature, nonce,
//! required parameters, enum values).

use crate::support::block;
use acs_codegen_tests::kube::v2023_01_01 as kube;
use acs_codegen_tests::shapes::v2020_01_01 as shapes;
use acs_runtime::testing::{Answer, Fault, Gateway, TEST_SECRET};
use acs_runtime::{
    BodyKind, CallOptions, Client, Credentials, DynamicOperation, ErrorMeta, Operation, Params,
    ResponseMeta, SdkError, ServiceError, Target,
};
use std::collections::BTreeMap;

fn tag(key: &str, value: &str) -> shapes::Tag {
    shapes::Tag::new(key).value(value)
}

#[test]
fn a_typed_answer_arrives_with_its_meta() {
    let gateway = Gateway::new();
    let client = shapes::Client::new(gateway.client());
    let mut answer = shapes::DescribeThingsResponse::new("R-1");
    answer.total_count = Some(7);
    gateway
        .on::<shapes::DescribeThingsRequest>()
        .returns(answer.with_meta(ResponseMeta::new(200, vec![], Some("REQ-42".into()))));
    let out = block(client.describe_things(shapes::DescribeThingsRequest::new("cn-hangzhou")))
        .expect("the answer decodes");
    assert_eq!(out.request_id, "R-1");
    assert_eq!(out.total_count, Some(7));
    assert_eq!(out.meta().request_id(), Some("REQ-42"));
    assert_eq!(out.meta().http_status(), 200);
}

#[test]
fn a_documented_error_arrives_as_its_variant() {
    let gateway = Gateway::new();
    let client = shapes::Client::new(gateway.client());
    gateway
        .on::<shapes::DescribeThingsRequest>()
        .fails(shapes::DescribeThingsError::from_meta(ErrorMeta::new(
            404,
            "Thing.NotFound",
            "gone",
        )));
    let err = block(client.describe_things(shapes::DescribeThingsRequest::new("cn-hangzhou")))
        .unwrap_err();
    let e = err.as_service().expect("a service error");
    assert!(e.is_thing_not_found(), "{e:?}");
    assert_eq!((e.message(), e.http_status()), ("gone", 404));
    assert!(e.request_id().is_some_and(|r| r.starts_with("GATEWAY-")));
    assert_eq!(gateway.calls::<shapes::DescribeThingsRequest>().len(), 1);
}

#[test]
fn throttling_is_retried_and_answers_come_in_order() {
    let gateway = Gateway::new();
    let client = shapes::Client::new(gateway.client());
    gateway
        .on::<shapes::DescribeThingsRequest>()
        .fault(Fault::Throttling)
        .fault(Fault::Throttling)
        .returns(shapes::DescribeThingsResponse::new("third"));
    let out = block(client.describe_things(shapes::DescribeThingsRequest::new("cn-hangzhou")))
        .expect("the third attempt succeeds");
    assert_eq!(out.request_id, "third");
    assert_eq!(gateway.calls::<shapes::DescribeThingsRequest>().len(), 3);
    // Every attempt was signed anew: three nonces, all accepted.
    let nonces: std::collections::BTreeSet<String> = gateway
        .requests()
        .iter()
        .filter_map(|c| c.wire.header("x-acs-signature-nonce").map(str::to_string))
        .collect();
    assert_eq!(nonces.len(), 3);
    // The last answer repeats.
    let again = block(client.describe_things(shapes::DescribeThingsRequest::new("cn-hangzhou")));
    assert_eq!(again.expect("repeats").request_id, "third");
}

#[test]
fn faults_reach_the_caller_as_the_network_would_give_them() {
    let gateway = Gateway::new();
    let client = shapes::Client::new(gateway.client());
    let call = || block(client.describe_things(shapes::DescribeThingsRequest::new("cn-hangzhou")));
    gateway
        .on::<shapes::DescribeThingsRequest>()
        .fault(Fault::Malformed);
    assert!(
        matches!(call(), Err(SdkError::InvalidResponse { status: 200, .. })),
        "a body that is not JSON"
    );
    // An idempotent operation: a timeout and a dropped connection are repeated, up to the
    // policy's three attempts.
    gateway
        .on::<shapes::DescribeThingsRequest>()
        .fault(Fault::Timeout);
    assert!(matches!(call(), Err(SdkError::Timeout { attempts: 3, .. })));
    gateway
        .on::<shapes::DescribeThingsRequest>()
        .fault(Fault::Dropped);
    assert!(matches!(
        call(),
        Err(SdkError::Transport { attempts: 3, .. })
    ));
    // Not idempotent (and no token): a dropped connection is not repeated.
    let calls = gateway.requests().len();
    gateway
        .on::<shapes::GetThingRequest>()
        .fault(Fault::Dropped);
    let get = block(client.get_thing(shapes::GetThingRequest::new(shapes::GetThingSpec::new(1))));
    assert!(
        matches!(get, Err(SdkError::Transport { attempts: 1, .. })),
        "{get:?}"
    );
    assert_eq!(gateway.requests().len(), calls + 1);
    // Throttling is repeated up to the policy's attempts, then returned.
    gateway
        .on::<shapes::DescribeThingsRequest>()
        .fault(Fault::Throttling);
    let err = call().unwrap_err();
    assert!(
        err.as_service().is_some_and(|e| e.meta().is_throttling()),
        "{err:?}"
    );
}

#[test]
fn a_server_error_is_retried_for_an_idempotent_operation() {
    let gateway = Gateway::new();
    let client = kube::Client::new(gateway.client());
    gateway
        .on::<kube::DeleteClusterRequest>()
        .fault(Fault::ServerError(503))
        .example();
    let out = block(client.delete_cluster(kube::DeleteClusterRequest::new("c-1")));
    assert!(out.is_ok(), "{out:?}");
    assert_eq!(gateway.calls::<kube::DeleteClusterRequest>().len(), 2);
}

#[test]
fn an_answer_can_be_computed_from_the_typed_request() {
    let gateway = Gateway::new();
    let client = shapes::Client::new(gateway.client());
    gateway
        .on::<shapes::DescribeThingsRequest>()
        .with(|req: &shapes::DescribeThingsRequest| match req.page_size {
            Some(n) if n > 100 => Answer::Error(shapes::DescribeThingsError::from_meta(
                ErrorMeta::new(400, "thing-busy", "too many"),
            )),
            n => {
                let mut out = shapes::DescribeThingsResponse::new("R");
                out.total_count = n.map(i64::from);
                Answer::Output(out)
            }
        });
    let ok = block(
        client.describe_things(shapes::DescribeThingsRequest::new("cn-hangzhou").page_size(5)),
    );
    assert_eq!(ok.expect("answered").total_count, Some(5));
    let err = block(
        client.describe_things(shapes::DescribeThingsRequest::new("cn-hangzhou").page_size(500)),
    )
    .unwrap_err();
    // `thing-busy` is documented retryable, but the operation is not idempotent.
    assert!(
        err.as_service().is_some_and(|e| e.is_thing_busy()),
        "{err:?}"
    );
}

/// Every kind of parameter comes back from the wire as it was set: the recorded call is
/// the request, field for field.
#[test]
fn recorded_calls_are_the_requests_field_for_field() {
    let gateway = Gateway::answering_examples();
    gateway
        .register(shapes::operations())
        .register(kube::operations());
    let rpc = shapes::Client::new(gateway.client());
    let rest = kube::Client::new(gateway.client());

    let describe = shapes::DescribeThingsRequest::new("cn-shanghai")
        .page_size(20)
        .tag(vec![tag("env", "prod"), tag("team", "a b&c/é")])
        .ids(vec!["i-1".into(), "i-2".into()])
        .filter(
            shapes::DescribeThingsFilter::new()
                .min_size(3)
                .status("Running"),
        )
        .labels(BTreeMap::from([("tier".to_string(), "web".to_string())]))
        .region("r")
        .endpoint("e")
        .r#type("big-one");
    block(rpc.describe_things(describe.clone())).expect("example answer");
    assert_eq!(gateway.calls::<shapes::DescribeThingsRequest>(), [describe]);

    let create = shapes::CreateThingRequest::new("n", 42, true, "body text")
        .client_token("token-1")
        .password("p@ss")
        .tag(vec![tag("k", "v")]);
    block(rpc.create_thing(create.clone())).expect("example answer");
    assert_eq!(gateway.calls::<shapes::CreateThingRequest>(), [create]);

    let get = shapes::GetThingRequest::new(shapes::GetThingSpec::new(3).mode("fast"))
        .thing_ids(vec!["t1".into(), "t2".into()])
        .options(serde_json::json!({"deep": [1, {"x": true}]}))
        // Flattened free-form values come back as the strings they were sent as.
        .extra(serde_json::json!({"a": "1", "b": ["x", "y"]}))
        .meta(serde_json::json!({"m": 1}))
        .zones(vec!["z1".into(), "z2".into()]);
    block(rpc.get_thing(get.clone())).expect("example answer");
    assert_eq!(gateway.calls::<shapes::GetThingRequest>(), [get]);

    let pool = kube::CreateClusterNodePoolRequest::new("c 1/é", 3)
        .body_cluster_id("body-c")
        .nodepool_info(kube::CreateClusterNodePoolNodepoolInfo::new().name("pool"))
        .tags(vec![kube::Tag::new().key("k").value("v")]);
    block(rest.create_cluster_node_pool(pool.clone())).expect("example answer");
    assert_eq!(
        gateway.calls::<kube::CreateClusterNodePoolRequest>(),
        [pool]
    );

    let invoke = kube::InvokeFunctionRequest::new("fn")
        .x_fc_invocation_type("Async")
        .body(vec![0, 1, 2, 255]);
    block(rest.invoke_function(invoke.clone())).expect("example answer");
    assert_eq!(gateway.calls::<kube::InvokeFunctionRequest>(), [invoke]);

    let rename = kube::RenameClusterRequest::new("c-1").body("new name");
    block(rest.rename_cluster(rename.clone())).expect("example answer");
    assert_eq!(gateway.calls::<kube::RenameClusterRequest>(), [rename]);

    let patch = kube::PatchClusterTagsRequest::new("c-1", vec![kube::Tag::new().key("a")]);
    block(rest.patch_cluster_tags(patch.clone())).expect("example answer");
    assert_eq!(gateway.calls::<kube::PatchClusterTagsRequest>(), [patch]);

    let resources = kube::GetResourcesRequest::new(
        "/api/v1/providers/Aliyun/products/Redis/resources/DB Instance",
    )
    .region_id("cn-beijing");
    block(rest.get_resources(resources.clone())).expect("example answer");
    assert_eq!(gateway.calls::<kube::GetResourcesRequest>(), [resources]);

    let nodes = kube::DescribeClusterNodesRequest::new("c-1")
        .nodepool_id("np")
        .page_size(5)
        .x_acs_accept_language("en_US");
    block(rest.describe_cluster_nodes(nodes.clone())).expect("example answer");
    assert_eq!(
        gateway.calls::<kube::DescribeClusterNodesRequest>(),
        [nodes]
    );

    let modify = kube::ModifyClusterRequest::new("c-1");
    block(rest.modify_cluster(modify.clone())).expect("example answer");
    assert_eq!(gateway.calls::<kube::ModifyClusterRequest>(), [modify]);
}

#[test]
fn operations_without_a_rule_answer_their_example_or_no_rule() {
    let examples = Gateway::answering_examples();
    examples.register(shapes::operations());
    let client = shapes::Client::new(examples.client());
    let out = block(client.describe_things(shapes::DescribeThingsRequest::new("cn-hangzhou")))
        .expect("the example answers");
    // The spec's example, typed.
    let example: serde_json::Value = serde_json::from_str(
        <shapes::DescribeThingsRequest as acs_runtime::testing::FromWire>::EXAMPLE
            .expect("the fixture documents one"),
    )
    .unwrap();
    assert_eq!(out.request_id, example["RequestId"].as_str().unwrap());

    let strict = Gateway::new();
    strict.register(shapes::operations());
    let client = shapes::Client::new(strict.client());
    let err = block(client.describe_things(shapes::DescribeThingsRequest::new("cn-hangzhou")))
        .unwrap_err();
    let e = err.as_service().expect("a service error");
    assert_eq!(e.code(), "NoRule");
    assert!(e.message().contains("DescribeThings"), "{}", e.message());
    // An operation the gateway was never told of is named too.
    let bare = Gateway::new();
    let client = shapes::Client::new(bare.client());
    let err = block(client.list_things(shapes::ListThingsRequest::new())).unwrap_err();
    let e = err.as_service().expect("a service error");
    assert_eq!(e.code(), "InvalidAction.NotFound");
    assert!(e.message().contains("ListThings"), "{}", e.message());
}

#[test]
fn a_bad_signature_is_rejected_as_the_gateway_would() {
    let gateway = Gateway::answering_examples();
    gateway.register(shapes::operations());
    let wrong = gateway
        .client_builder()
        .credentials(Credentials::new("testid", "not-the-secret"))
        .build()
        .unwrap();
    let err = block(
        shapes::Client::new(wrong)
            .describe_things(shapes::DescribeThingsRequest::new("cn-hangzhou")),
    )
    .unwrap_err();
    let e = err.as_service().expect("a service error");
    assert_eq!(e.code(), "SignatureDoesNotMatch");
    assert!(
        e.message().starts_with("DescribeThings: "),
        "{}",
        e.message()
    );
    assert!(
        !format!("{err:?}{err}").contains("not-the-secret"),
        "no secret in the error"
    );
    assert!(
        gateway.requests().is_empty(),
        "a rejected call is not recorded"
    );
    // The right secret passes.
    let right = shapes::Client::new(gateway.client());
    assert!(
        block(right.describe_things(shapes::DescribeThingsRequest::new("cn-hangzhou"))).is_ok()
    );
}

/// A call assembled at run time, to send what the typed client cannot: a request without a
/// required parameter, or with an undocumented enum value.
fn dynamic<O: Operation>(query: &[(&str, &str)]) -> DynamicOperation {
    let mut params = Params::default();
    for (k, v) in query {
        params.query.push(k, *v);
    }
    DynamicOperation {
        target: Target {
            service: O::SERVICE,
            action: O::ACTION,
            method: O::METHOD,
            path: O::PATH,
        },
        params,
        idempotent: false,
        has_idempotency_token: false,
        success_field: None,
        anonymous: false,
        output: BodyKind::Json,
        response_headers: &[],
    }
}

#[test]
fn required_parameters_and_enum_values_are_checked() {
    let gateway = Gateway::answering_examples();
    gateway.register(shapes::operations());
    let client: Client = gateway.client();
    let call = |q: &[(&str, &str)]| {
        block(client.call_dynamic(
            &dynamic::<shapes::DescribeThingsRequest>(q),
            &CallOptions::default(),
        ))
    };
    let missing = call(&[]).unwrap_err();
    let e = missing.as_service().expect("a service error");
    assert_eq!(e.code(), "MissingParameter");
    assert!(
        e.message().contains("`RegionId` (query)"),
        "{}",
        e.message()
    );
    let invalid = call(&[("RegionId", "mars-1")]).unwrap_err();
    let e = invalid.as_service().expect("a service error");
    assert_eq!(e.code(), "InvalidParameter");
    assert!(e.message().contains("`RegionId`"), "{}", e.message());
    let bad_number = call(&[("RegionId", "cn-hangzhou"), ("PageSize", "many")]).unwrap_err();
    assert_eq!(bad_number.code(), Some("InvalidParameter"));
    assert!(call(&[("RegionId", "cn-hangzhou")]).is_ok());
    assert_eq!(
        gateway.requests().len(),
        1,
        "only the accepted call is recorded"
    );
}

/// A client of the real HTTP transport, sending to the server.
fn over_http(server: &acs_runtime::testing::Server, secret: &str) -> Client {
    Client::builder()
        .credentials(Credentials::new("any-id", secret))
        .region("cn-hangzhou")
        .endpoint(server.endpoint())
        .retry(acs_runtime::RetryPolicy {
            max_attempts: 3,
            base_delay: std::time::Duration::from_millis(1),
            max_delay: std::time::Duration::from_millis(5),
            max_retry_after: std::time::Duration::from_millis(5),
        })
        .build()
        .unwrap()
}

#[test]
fn the_same_engine_answers_over_loopback_http() {
    let gateway = Gateway::new();
    gateway
        .on::<kube::DescribeClusterNodesRequest>()
        .fault(Fault::Throttling)
        .example();
    block(async {
        let server = acs_runtime::testing::serve(gateway.engine(), "127.0.0.1:0".parse().unwrap())
            .await
            .expect("binds loopback");
        assert!(server.endpoint().starts_with("http://127.0.0.1:"));
        let http = over_http(&server, TEST_SECRET);
        let client = kube::Client::new(http);
        let out = client
            .describe_cluster_nodes(kube::DescribeClusterNodesRequest::new("c 1"))
            .await;
        assert!(out.is_ok(), "{out:?}");
        assert_eq!(
            gateway.calls::<kube::DescribeClusterNodesRequest>().len(),
            2
        );
        assert_eq!(
            gateway.calls::<kube::DescribeClusterNodesRequest>()[1].cluster_id,
            "c 1"
        );
        // A wrong secret over HTTP too.
        let wrong = over_http(&server, "wrong");
        let err = kube::Client::new(wrong)
            .describe_cluster_nodes(kube::DescribeClusterNodesRequest::new("c"))
            .await
            .unwrap_err();
        assert_eq!(err.code(), Some("SignatureDoesNotMatch"));
        server.stop();
    });
}

/// `acs-codegen serve` with a rules file, called by the fixture's generated `acs` command:
/// the first line names the address, operations answer their examples, a rule's error and a
/// bad signature arrive as the gateway sends them, and SIGTERM stops it.
#[test]
fn serve_answers_the_acs_command_from_the_specs() {
    use std::process::Command;
    let dir = std::env::temp_dir().join(format!("acs-serve-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let rules = dir.join("rules.yaml");
    std::fs::write(
        &rules,
        "GetThing:\n  - error: {code: Invalid.Param.Id, message: bad id, status: 400}\n",
    )
    .unwrap();
    let specs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/shapes");
    let args: Vec<std::ffi::OsString> = vec![
        "serve".into(),
        "--specs".into(),
        specs.into(),
        "--rules".into(),
        rules.clone().into(),
    ];
    let (mut server, url) = crate::support::start_serve(&args, &dir);
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let acs = |secret: &str, args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_acs-shapes"))
            .args(args)
            .args(["--endpoint", &url])
            .env("ALIBABA_CLOUD_ACCESS_KEY_ID", "any-id")
            .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", secret)
            .env_remove("ALIBABA_CLOUD_SECURITY_TOKEN")
            .env("ALIBABA_CLOUD_CONFIG_FILE", dir.join("no-config.json"))
            .output()
            .unwrap()
    };
    let ok = acs(
        "testsecret",
        &["shapes", "describe-things", "--region-id", "cn-hangzhou"],
    );
    let printed = String::from_utf8_lossy(&ok.stdout);
    assert!(
        ok.status.success(),
        "{printed}{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let example: serde_json::Value = serde_json::from_str(
        <shapes::DescribeThingsRequest as acs_runtime::testing::FromWire>::EXAMPLE.unwrap(),
    )
    .unwrap();
    let answered: serde_json::Value = serde_json::from_str(&printed).unwrap();
    assert_eq!(answered["RequestId"], example["RequestId"]);
    let rest = acs(
        "testsecret",
        &["kube", "describe-cluster-nodes", "--cluster-id", "c 1"],
    );
    assert!(
        rest.status.success(),
        "{}",
        String::from_utf8_lossy(&rest.stderr)
    );
    let ruled = acs(
        "testsecret",
        &["shapes", "get-thing", "--spec", r#"{"Size": 1}"#],
    );
    let err = String::from_utf8_lossy(&ruled.stderr);
    assert!(
        !ruled.status.success() && err.contains("Invalid.Param.Id: bad id"),
        "{err}"
    );
    // What the command line would not send: checked from the spec by the server.
    let http = Client::builder()
        .credentials(Credentials::new("any-id", TEST_SECRET))
        .region("cn-hangzhou")
        .endpoint(url.clone())
        .retry(acs_runtime::RetryPolicy::disabled())
        .build()
        .unwrap();
    for (query, code, field) in [
        (&[][..], "MissingParameter", "`RegionId` (query)"),
        (
            &[("RegionId", "mars-1")][..],
            "InvalidParameter",
            "`RegionId` (query)",
        ),
        (
            &[("RegionId", "cn-hangzhou"), ("PageSize", "x")][..],
            "InvalidParameter",
            "`PageSize` (query)",
        ),
    ] {
        let op = dynamic::<shapes::DescribeThingsRequest>(query);
        let err = block(http.call_dynamic(&op, &CallOptions::default())).unwrap_err();
        let message = err.message().unwrap_or_default().to_string();
        assert_eq!(err.code(), Some(code), "{query:?}: {message}");
        assert!(message.contains(field), "{query:?}: {message}");
    }
    let unsigned = acs(
        "wrong",
        &["shapes", "describe-things", "--region-id", "cn-hangzhou"],
    );
    let err = String::from_utf8_lossy(&unsigned.stderr);
    assert!(err.contains("SignatureDoesNotMatch"), "{err}");
    assert!(!err.contains("wrong\n") && !err.contains("=wrong"), "{err}");
    // SIGTERM stops it, with success.
    let killed = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let status = loop {
        if let Some(s) = server.try_wait().unwrap() {
            break s;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "still running after SIGTERM"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}");
    let _ = std::fs::remove_dir_all(&dir);
}
