//! REST-style operations (ROA, `V3`, `FC`) on the wire, against a server on 127.0.0.1: the
//! generated client of `fixtures/shapes/kube-2023-01-01.yaml` and its `acs` CLI entries put
//! on the wire what the official SDKs send (method, encoded path, query, headers, body and
//! its content type and hash, a signature over the path as sent), and read every kind of
//! answer: JSON objects and arrays, text, bytes, nothing, and errors with lowercase keys.

use crate::support::{block, verify_signature, Recorded, Reply, Server};
use acs_codegen_tests::kube::v2023_01_01 as kube;
use acs_runtime::{sign, Client, Credentials, RetryPolicy, SdkError, ServiceError};
use std::process::Command;
use std::time::Duration;

const AK: &str = "LTAI5tRestAccessKey";
const SECRET: &str = "rest-secret-never-printed";

fn client(server: &Server) -> kube::Client {
    let runtime = Client::builder()
        .credentials(Credentials::new(AK, SECRET))
        .region("cn-hangzhou")
        .endpoint(server.url())
        .retry(RetryPolicy {
            max_attempts: 2,
            base_delay: Duration::from_millis(5),
            max_delay: Duration::from_millis(10),
            max_retry_after: Duration::from_secs(1),
        })
        .read_timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    kube::Client::new(runtime)
}

fn reply(status: u16, content_type: &str, body: &str) -> Reply {
    Reply::Respond {
        status,
        headers: vec![("content-type".into(), content_type.into())],
        body: body.into(),
    }
}

/// The one request the server got, checked for what every signed call carries.
fn only_request(server: &Server, method: &str, action: &str) -> Recorded {
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    let r = requests.into_iter().next().unwrap();
    assert_eq!(r.method, method);
    assert_eq!(r.header("x-acs-action"), Some(action));
    assert_eq!(r.header("x-acs-version"), Some("2023-01-01"));
    assert_eq!(
        r.header("x-acs-content-sha256"),
        Some(sign::sha256_hex(&r.body).as_str())
    );
    verify_signature(&r, AK, SECRET).unwrap_or_else(|e| panic!("{action}: {e}"));
    r
}

fn json_body(r: &Recorded) -> serde_json::Value {
    assert_eq!(
        r.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    serde_json::from_slice(&r.body).expect("a JSON body")
}

#[test]
fn path_parameters_are_one_encoded_segment_and_headers_are_sent() {
    let server = Server::start(vec![reply(
        200,
        "application/json",
        r#"{"requestId":"R-1","nodes":[{"node_name":"n1"}]}"#,
    )]);
    let request = kube::DescribeClusterNodesRequest::new("a b/c*é%#")
        .nodepool_id("np-1")
        .page_size(5)
        .x_acs_accept_language(kube::DescribeClusterNodesXAcsAcceptLanguage::EnUs);
    let out = block(client(&server).describe_cluster_nodes(request)).unwrap();
    assert_eq!(
        out.nodes.as_ref().unwrap()[0].node_name.as_deref(),
        Some("n1")
    );
    assert_eq!(out.meta().request_id(), Some("R-1"));
    let r = only_request(&server, "GET", "DescribeClusterNodes");
    assert_eq!(r.path, "/clusters/a%20b%2Fc%2A%C3%A9%25%23/nodes");
    assert_eq!(
        r.query_pairs(),
        crate::support::pairs(&[("nodepool_id", "np-1"), ("pageSize", "5")])
    );
    assert_eq!(r.header("x-acs-accept-language"), Some("en_US"));
    assert!(r.body.is_empty() && r.header("content-type").is_none());
    let auth = r.header("authorization").unwrap();
    assert!(
        auth.contains("x-acs-accept-language"),
        "an x-acs-* parameter header is signed: {auth}"
    );
}

#[test]
fn a_json_object_body_holds_the_set_fields_and_a_colliding_name_is_prefixed() {
    let server = Server::start(vec![reply(
        200,
        "application/json",
        r#"{"nodepool_id":"np-9"}"#,
    )]);
    let request = kube::CreateClusterNodePoolRequest::new("c-1", 3)
        .body_cluster_id("c-body")
        .tags(vec![kube::Tag::new().key("env").value("prod")]);
    let out = block(client(&server).create_cluster_node_pool(request)).unwrap();
    assert_eq!(out.nodepool_id.as_deref(), Some("np-9"));
    let r = only_request(&server, "POST", "CreateClusterNodePool");
    assert_eq!(r.path, "/clusters/c-1/nodepools");
    assert!(r.query.is_empty());
    assert_eq!(
        json_body(&r),
        serde_json::json!({"cluster_id": "c-body", "count": 3, "tags": [{"key": "env", "value": "prod"}]}),
        "unset fields are left out"
    );
}

#[test]
fn an_object_body_with_nothing_set_is_empty_braces_and_a_bodiless_answer_decodes() {
    let server = Server::start(vec![reply(200, "application/json", "")]);
    let out =
        block(client(&server).modify_cluster(kube::ModifyClusterRequest::new("c-1"))).unwrap();
    assert_eq!(out.meta().http_status(), 200);
    let r = only_request(&server, "PUT", "ModifyCluster");
    assert_eq!(r.path, "/clusters/c-1");
    assert_eq!(json_body(&r), serde_json::json!({}));
    assert_eq!(r.body, b"{}");
}

#[test]
fn delete_sends_its_query_and_reads_a_204() {
    let server = Server::start(vec![Reply::Respond {
        status: 204,
        headers: vec![("x-acs-request-id".into(), "R-204".into())],
        body: String::new(),
    }]);
    let request = kube::DeleteClusterRequest::new("c-1")
        .retain_resources(vec!["slb-1".into(), "vpc-1".into()])
        .keep_slb(true);
    let out = block(client(&server).delete_cluster(request)).unwrap();
    assert_eq!(
        (out.meta().http_status(), out.meta().request_id()),
        (204, Some("R-204"))
    );
    let r = only_request(&server, "DELETE", "DeleteCluster");
    assert_eq!(
        r.query_pairs(),
        crate::support::pairs(&[("keep_slb", "true"), ("retain_resources", "slb-1,vpc-1")])
    );
    assert!(r.body.is_empty());
}

#[test]
fn patch_sends_an_array_body_and_reads_an_array_answer() {
    let server = Server::start(vec![reply(
        200,
        "application/json",
        r#"[{"key":"env","value":"prod"},{"key":"team"}]"#,
    )]);
    let request =
        kube::PatchClusterTagsRequest::new("c-1", vec![kube::Tag::new().key("env").value("prod")]);
    let out = block(client(&server).patch_cluster_tags(request)).unwrap();
    assert_eq!(out.items.len(), 2);
    assert_eq!(out.items[1].key.as_deref(), Some("team"));
    let r = only_request(&server, "PATCH", "PatchClusterTags");
    assert_eq!(
        json_body(&r),
        serde_json::json!([{"key": "env", "value": "prod"}])
    );
}

#[test]
fn a_string_body_is_sent_as_its_text_and_a_text_answer_is_kept() {
    let server = Server::start(vec![reply(200, "text/plain", "old name")]);
    let request = kube::RenameClusterRequest::new("c-1").body("new \"name\"");
    let out = block(client(&server).rename_cluster(request)).unwrap();
    assert_eq!(out.body, "old name");
    let r = only_request(&server, "PUT", "RenameCluster");
    assert_eq!(
        r.body,
        "new \"name\"".as_bytes(),
        "unquoted, as the SDKs send it"
    );
    assert_eq!(
        r.header("content-type"),
        Some("application/json; charset=utf-8")
    );
}

#[test]
fn a_binary_body_is_hashed_as_sent_and_a_binary_answer_is_kept() {
    let server = Server::start(vec![reply(
        200,
        "application/octet-stream",
        "\u{1}bytes\u{7f}",
    )]);
    let request = kube::InvokeFunctionRequest::new("fn-1")
        .x_fc_invocation_type("Sync")
        .body(vec![0, 159, 146, 150, b'x']);
    let out = block(client(&server).invoke_function(request)).unwrap();
    assert_eq!(out.body, "\u{1}bytes\u{7f}".as_bytes());
    let r = only_request(&server, "POST", "InvokeFunction");
    assert_eq!(r.path, "/functions/fn-1/invocations");
    assert_eq!(r.body, [0, 159, 146, 150, b'x']);
    assert_eq!(r.header("content-type"), Some("application/octet-stream"));
    assert_eq!(r.header("x-fc-invocation-type"), Some("Sync"));
    let auth = r.header("authorization").unwrap();
    assert!(
        !auth.contains("x-fc-invocation-type"),
        "only x-acs-* headers are signed: {auth}"
    );
}

#[test]
fn a_wildcard_path_is_the_whole_path_parameter() {
    let server = Server::start(vec![reply(200, "application/json", r#"{"requestId":"R"}"#)]);
    let request = kube::GetResourcesRequest::new("/api/v1/providers/Aliyun/resources/DB Instance")
        .region_id("cn-hangzhou");
    block(client(&server).get_resources(request)).unwrap();
    let r = only_request(&server, "GET", "GetResources");
    assert_eq!(r.path, "/api/v1/providers/Aliyun/resources/DB%20Instance");
    assert_eq!(
        r.query_pairs(),
        crate::support::pairs(&[("regionId", "cn-hangzhou")])
    );
}

#[test]
fn lowercase_error_keys_map_to_the_typed_variant() {
    let server = Server::start(vec![reply(
        404,
        "application/json",
        r#"{"code":"ErrorClusterNotFound","message":"no such cluster","requestId":"R-404"}"#,
    )]);
    let err = block(
        client(&server).describe_cluster_nodes(kube::DescribeClusterNodesRequest::new("c-x")),
    )
    .unwrap_err();
    let SdkError::Service(e) = err else {
        panic!("{err:?}")
    };
    assert!(
        matches!(e, kube::DescribeClusterNodesError::ErrorClusterNotFound(_)),
        "{e:?}"
    );
    assert_eq!(e.meta().message, "no such cluster");
    assert_eq!(e.meta().request_id.as_deref(), Some("R-404"));
}

#[test]
fn an_error_answer_of_a_text_operation_is_still_a_typed_error() {
    let server = Server::start(vec![reply(
        400,
        "application/json",
        r#"{"Code":"Throttling.User","Message":"slow down","RequestId":"R-t"}"#,
    )
    .with_header("x-acs-retry-after", "1")]);
    let err =
        block(client(&server).rename_cluster(kube::RenameClusterRequest::new("c-1"))).unwrap_err();
    assert_eq!(err.code(), Some("Throttling.User"));
    assert_eq!(server.requests().len(), 2, "throttling is retried");
}

#[test]
fn an_rpc_action_of_the_same_product_stays_rpc() {
    let server = Server::start(vec![reply(
        200,
        "application/json",
        r#"{"RequestId":"R","Regions":["cn-hangzhou"]}"#,
    )]);
    let out = block(
        client(&server).describe_regions(kube::DescribeRegionsRequest::new().accept_language("en")),
    )
    .unwrap();
    assert_eq!(out.regions.unwrap(), ["cn-hangzhou"]);
    let r = only_request(&server, "POST", "DescribeRegions");
    assert_eq!(r.path, "/");
    assert_eq!(
        r.query_pairs(),
        crate::support::pairs(&[("AcceptLanguage", "en")])
    );
}

fn acs(server: &Server, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_acs-shapes"))
        .args(args)
        .args(["--endpoint", &server.url()])
        .env_clear()
        .env("HOME", std::env::temp_dir().join("acs-rest-test-no-home"))
        .env("ALIBABA_CLOUD_ACCESS_KEY_ID", AK)
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET)
        .output()
        .unwrap()
}

#[test]
fn the_cli_sends_path_body_and_prefixed_flags_like_the_client() {
    let server = Server::start(vec![reply(
        200,
        "application/json",
        r#"{"nodepool_id":"np-1"}"#,
    )]);
    let out = acs(
        &server,
        &[
            "kube",
            "create-cluster-node-pool",
            "--cluster-id",
            "c 1",
            "--body-cluster-id",
            "c-body",
            "--count",
            "3",
            "--nodepool-info",
            r#"{"name":"np"}"#,
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed["nodepool_id"], "np-1");
    let r = only_request(&server, "POST", "CreateClusterNodePool");
    assert_eq!(r.path, "/clusters/c%201/nodepools");
    assert_eq!(
        json_body(&r),
        serde_json::json!({"cluster_id": "c-body", "count": 3, "nodepool_info": {"name": "np"}})
    );
}

#[test]
fn the_cli_reads_a_binary_body_from_a_file_and_prints_text_as_json() {
    let file = std::env::temp_dir().join(format!("acs-rest-body-{}.bin", std::process::id()));
    std::fs::write(&file, [1u8, 2, 3, 255]).unwrap();
    let server = Server::start(vec![reply(200, "application/octet-stream", "answer")]);
    let out = acs(
        &server,
        &[
            "kube",
            "invoke-function",
            "--function-name",
            "f",
            "--body",
            file.to_str().unwrap(),
        ],
    );
    std::fs::remove_file(&file).ok();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.stdout, b"answer", "bytes are written as they are");
    let r = only_request(&server, "POST", "InvokeFunction");
    assert_eq!(r.body, [1u8, 2, 3, 255]);

    let server = Server::start(vec![reply(200, "text/plain", "old")]);
    let out = acs(
        &server,
        &[
            "kube",
            "rename-cluster",
            "--cluster-id",
            "c",
            "--body",
            "new",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "\"old\"\n");
    let r = only_request(&server, "PUT", "RenameCluster");
    assert_eq!(r.body, b"new");
}
