//! End to end: the generated clients against a real HTTP server on 127.0.0.1, for each of
//! the three operations: the exact request and its signature, the decoded success body,
//! and every error path (documented code, RAM denial, retried 500, throttling with
//! `x-acs-retry-after`, `Success: false`, non-JSON 502, broken connection, stall).

use crate::support::{pairs, verify_signature, Reply, Server};
use acs_runtime::{CallOptions, Client, Credentials, RetryPolicy, SdkError};
use acs_sdk::bssopenapi::v2017_12_14 as bss;
use acs_sdk::ddoscoo::v2020_01_01 as ddoscoo;
use acs_sdk::esa::v2024_09_10 as esa;
use acs_sdk::prelude::*;
use std::time::{Duration, Instant};

const AK: &str = "LTAI5tTestAccessKey";
const SECRET: &str = "test-secret-never-printed";
const TOKEN: &str = "sts-token-never-printed";

fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 3,
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(20),
        max_retry_after: Duration::from_secs(2),
    }
}

fn runtime(server: &Server) -> Client {
    Client::builder()
        .credentials(Credentials::new(AK, SECRET))
        .region("cn-hangzhou")
        .endpoint(server.url())
        .retry(fast_retries())
        .connect_timeout(Duration::from_secs(2))
        .read_timeout(Duration::from_millis(800))
        .build()
        .unwrap()
}

fn assert_common_headers(
    r: &crate::support::Recorded,
    server: &Server,
    action: &str,
    version: &str,
) {
    assert_eq!(r.method, "POST");
    assert_eq!(r.path, "/");
    assert!(r.body.is_empty(), "RPC parameters go in the query string");
    assert_eq!(r.header("host"), Some(server.addr.to_string().as_str()));
    assert_eq!(
        r.headers.iter().filter(|(k, _)| k == "host").count(),
        1,
        "one host header: {:?}",
        r.headers
    );
    assert_eq!(r.header("x-acs-action"), Some(action));
    assert_eq!(r.header("x-acs-version"), Some(version));
    assert_eq!(r.header("accept"), Some("application/json"));
    assert!(r
        .header("user-agent")
        .is_some_and(|u| u.starts_with("acs-codegen-rust/")));
    let date = r.header("x-acs-date").unwrap();
    assert_eq!(date.len(), 20, "{date}");
    assert!(date.ends_with('Z') && date.as_bytes()[10] == b'T', "{date}");
    assert_eq!(r.header("x-acs-signature-nonce").map(str::len), Some(32));
    verify_signature(r, AK, SECRET).unwrap();
}

#[tokio::test]
async fn esa_release_instance_sends_the_exact_signed_request_and_decodes_success() {
    let server = Server::start(vec![Reply::json(
        200,
        r#"{"RequestId":"04F0F334-1335-****-A1D7-6C044FE73368"}"#,
    )]);
    let client = esa::Client::new(runtime(&server));
    let out = client
        .release_instance(esa::ReleaseInstanceRequest::new("esa-ddos-2sdj**3s"))
        .await
        .unwrap();
    assert_eq!(
        out.request_id.as_deref(),
        Some("04F0F334-1335-****-A1D7-6C044FE73368")
    );
    let reqs = server.requests();
    assert_eq!(reqs.len(), 1);
    assert_common_headers(&reqs[0], &server, "ReleaseInstance", "2024-09-10");
    assert_eq!(reqs[0].query, "InstanceId=esa-ddos-2sdj%2A%2A3s");
    assert!(reqs[0].header("x-acs-security-token").is_none());
}

#[tokio::test]
async fn ddoscoo_release_instance_sends_region_id_and_sts_token() {
    let server = Server::start(vec![Reply::json(
        200,
        r#"{"RequestId":"0bcf28g5-d57c-11e7-9bs0-d89d6717dxbc"}"#,
    )]);
    let rt = Client::builder()
        .credentials(Credentials::new(AK, SECRET).with_security_token(TOKEN))
        .endpoint(server.url())
        .build()
        .unwrap();
    let client = ddoscoo::Client::new(rt);
    let request = ddoscoo::ReleaseInstanceRequest::new(
        "ddoscoo-cn-mp91j1ao****",
        ddoscoo::ReleaseInstanceRegionId::ApSoutheast1,
    );
    let out = client.release_instance(request).await.unwrap();
    assert_eq!(
        out.request_id.as_deref(),
        Some("0bcf28g5-d57c-11e7-9bs0-d89d6717dxbc")
    );
    let r = &server.requests()[0];
    assert_common_headers(r, &server, "ReleaseInstance", "2020-01-01");
    assert_eq!(
        r.query_pairs(),
        pairs(&[
            ("InstanceId", "ddoscoo-cn-mp91j1ao****"),
            ("RegionId", "ap-southeast-1")
        ])
    );
    assert_eq!(r.header("x-acs-security-token"), Some(TOKEN));
    assert!(
        r.header("authorization")
            .unwrap()
            .contains("x-acs-security-token"),
        "the token is signed"
    );
}

#[tokio::test]
async fn ddoscoo_region_id_picks_the_endpoint_without_an_override() {
    let rt = Client::builder()
        .credentials(Credentials::new(AK, SECRET))
        .region("cn-hangzhou")
        .build()
        .unwrap();
    let mut request =
        ddoscoo::ReleaseInstanceRequest::new("i", ddoscoo::ReleaseInstanceRegionId::ApSoutheast1);
    let prepared = rt.prepare(&mut request, &CallOptions::default()).unwrap();
    assert_eq!(
        prepared.endpoint.base_url(),
        "https://ddoscoo.ap-southeast-1.aliyuncs.com"
    );
    let mut bss_request = bss::RefundInstanceRequest::new();
    let rt = Client::builder()
        .credentials(Credentials::new(AK, SECRET))
        .region("ap-southeast-5")
        .build()
        .unwrap();
    assert_eq!(
        rt.prepare(&mut bss_request, &CallOptions::default())
            .unwrap()
            .endpoint
            .base_url(),
        "https://business.ap-southeast-1.aliyuncs.com"
    );
    let rt = Client::builder()
        .credentials(Credentials::new(AK, SECRET))
        .region("xx-nowhere-1")
        .build()
        .unwrap();
    let err = bss::Client::new(rt)
        .refund_instance(bss::RefundInstanceRequest::new())
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            SdkError::Config(acs_runtime::ConfigError::UnknownRegion { .. })
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn bss_refund_instance_sends_empty_strings_fills_the_token_and_decodes_int64() {
    let server = Server::start(vec![Reply::json(
        200,
        r#"{"Message":"success","RequestId":"R1","Data":{"HostId":"cn","OrderId":"212345678901234567"},"Code":"Success","Success":true}"#,
    )]);
    let client = bss::Client::new(runtime(&server));
    let request = bss::RefundInstanceRequest::new()
        .instance_id("i-bp1etb69sqxgl4*******")
        .product_code("ecs")
        .product_type("")
        .immediately_release(true);
    let out = client.refund_instance(request).await.unwrap();
    let data = out.data.unwrap();
    assert_eq!(data.order_id, Some(212345678901234567));
    assert_eq!(data.host_id.as_deref(), Some("cn"));
    let r = &server.requests()[0];
    assert_common_headers(r, &server, "RefundInstance", "2017-12-14");
    let token = r.query_value("ClientToken").unwrap();
    assert_eq!(token.len(), 36, "a UUID: {token}");
    let mut expected = pairs(&[
        ("ImmediatelyRelease", "1"),
        ("InstanceId", "i-bp1etb69sqxgl4*******"),
        ("ProductCode", "ecs"),
        ("ProductType", ""),
    ]);
    expected.push(("ClientToken".into(), token));
    expected.sort();
    assert_eq!(r.query_pairs(), expected);
    assert!(
        r.query.contains("ProductType=&") || r.query.ends_with("ProductType="),
        "{}",
        r.query
    );
}

#[tokio::test]
async fn documented_error_codes_become_their_variants() {
    let body = r#"{"RequestId":"R-400","HostId":"esa.aliyuncs.com","Code":"InvalidInstance","Message":"The instance ID is missing or invalid.","Recommend":"https://api.aliyun.com/troubleshoot?q=InvalidInstance"}"#;
    let server = Server::start(vec![Reply::json(400, body)]);
    let err = esa::Client::new(runtime(&server))
        .release_instance(esa::ReleaseInstanceRequest::new("x"))
        .await
        .unwrap_err();
    let SdkError::Service(e) = err else {
        panic!("{err:?}")
    };
    assert!(
        matches!(e, esa::ReleaseInstanceError::InvalidInstance(_)),
        "{e:?}"
    );
    assert_eq!(
        (e.code(), e.http_status(), e.request_id(), e.host_id()),
        (
            "InvalidInstance",
            400,
            Some("R-400"),
            Some("esa.aliyuncs.com")
        )
    );
    assert!(e.recommend().unwrap().contains("troubleshoot"));
    assert!(!e.is_retryable());
    assert_eq!(server.requests().len(), 1, "a client error is not retried");

    let server = Server::start(vec![Reply::json(
        400,
        r#"{"code":"SignatureDoesNotMatch","message":"Specified signature is not matched with our calculation.","requestId":"R-sig"}"#,
    )]);
    let err = ddoscoo::Client::new(runtime(&server))
        .release_instance(ddoscoo::ReleaseInstanceRequest::new("x", "cn-hangzhou"))
        .await
        .unwrap_err();
    let e = err.into_service().unwrap();
    assert!(
        matches!(
            e,
            ddoscoo::ReleaseInstanceError::Common(acs_sdk::CommonError::SignatureDoesNotMatch(_))
        ),
        "{e:?}"
    );
    assert_eq!(
        e.request_id(),
        Some("R-sig"),
        "lowercase spellings are read too"
    );

    let server = Server::start(vec![Reply::json(
        400,
        r#"{"Code":"ResourceNotExists","Message":"The specific resource is not exists.","RequestId":"R-bss"}"#,
    )]);
    let err = bss::Client::new(runtime(&server))
        .refund_instance(bss::RefundInstanceRequest::new())
        .await
        .unwrap_err();
    assert!(
        matches!(
            err.as_service(),
            Some(bss::RefundInstanceError::ResourceNotExists(_))
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn ram_denial_carries_the_access_denied_detail() {
    let body = r#"{"RequestId":"R-403","Code":"Forbidden.RAM","Message":"User not authorized to operate on the specified resource.","AccessDeniedDetail":{"AuthAction":"bss:RefundBatchRemainRefund","PolicyType":"AccountLevelIdentityBasedPolicy","NoPermissionType":"ImplicitDeny"}}"#;
    for product in ["esa", "ddoscoo", "bss"] {
        let server = Server::start(vec![Reply::json(403, body)]);
        let rt = runtime(&server);
        let (code, detail) = match product {
            "esa" => {
                let e = esa::Client::new(rt)
                    .release_instance(esa::ReleaseInstanceRequest::new("x"))
                    .await
                    .unwrap_err()
                    .into_service()
                    .unwrap();
                assert!(matches!(
                    e,
                    esa::ReleaseInstanceError::Common(acs_sdk::CommonError::ForbiddenRam(_))
                ));
                (
                    e.code().to_string(),
                    e.access_denied_detail().map(str::to_string),
                )
            }
            "ddoscoo" => {
                let e = ddoscoo::Client::new(rt)
                    .release_instance(ddoscoo::ReleaseInstanceRequest::new("x", "cn-hangzhou"))
                    .await
                    .unwrap_err()
                    .into_service()
                    .unwrap();
                assert!(matches!(
                    e,
                    ddoscoo::ReleaseInstanceError::Common(acs_sdk::CommonError::ForbiddenRam(_))
                ));
                (
                    e.code().to_string(),
                    e.access_denied_detail().map(str::to_string),
                )
            }
            _ => {
                let e = bss::Client::new(rt)
                    .refund_instance(bss::RefundInstanceRequest::new())
                    .await
                    .unwrap_err()
                    .into_service()
                    .unwrap();
                assert!(matches!(
                    e,
                    bss::RefundInstanceError::Common(acs_sdk::CommonError::ForbiddenRam(_))
                ));
                (
                    e.code().to_string(),
                    e.access_denied_detail().map(str::to_string),
                )
            }
        };
        assert_eq!(code, "Forbidden.RAM");
        assert!(detail.unwrap().contains("ImplicitDeny"), "{product}");
        assert_eq!(server.requests().len(), 1);
    }
}

#[tokio::test]
async fn server_errors_are_retried_then_surfaced_with_a_fresh_signature_each_time() {
    let body = r#"{"RequestId":"R-500","Code":"InternalError","Message":"The request processing has failed due to some unknown error."}"#;
    let server = Server::start(vec![Reply::json(500, body)]);
    let err = esa::Client::new(runtime(&server))
        .release_instance(esa::ReleaseInstanceRequest::new("x"))
        .await
        .unwrap_err();
    let e = err.into_service().unwrap();
    assert!(matches!(
        e,
        // ESA documents `InternalError` itself: its own row wins over the common one.
        esa::ReleaseInstanceError::InternalError(_)
    ));
    assert_eq!(e.http_status(), 500);
    let reqs = server.requests();
    assert_eq!(reqs.len(), 3, "3 attempts");
    let nonces: std::collections::BTreeSet<_> = reqs
        .iter()
        .map(|r| r.header("x-acs-signature-nonce").unwrap().to_string())
        .collect();
    assert_eq!(nonces.len(), 3, "each attempt has its own nonce");
    for r in &reqs {
        verify_signature(r, AK, SECRET).unwrap();
    }

    let server = Server::start(vec![
        Reply::json(500, body),
        Reply::json(200, r#"{"RequestId":"R-ok"}"#),
    ]);
    let out = ddoscoo::Client::new(runtime(&server))
        .release_instance(ddoscoo::ReleaseInstanceRequest::new("x", "cn-hangzhou"))
        .await
        .unwrap();
    assert_eq!(out.request_id.as_deref(), Some("R-ok"));
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn a_retried_bss_call_keeps_its_client_token() {
    let server = Server::start(vec![
        Reply::json(
            500,
            r#"{"Code":"InternalError","Message":"An error occurred in the internal server.","RequestId":"R1"}"#,
        ),
        Reply::Close,
        Reply::json(
            200,
            r#"{"RequestId":"R3","Success":true,"Code":"Success","Data":{"OrderId":7}}"#,
        ),
    ]);
    let out = bss::Client::new(runtime(&server))
        .refund_instance(bss::RefundInstanceRequest::new().instance_id("i-1"))
        .await
        .unwrap();
    assert_eq!(out.data.unwrap().order_id, Some(7));
    let reqs = server.requests();
    assert_eq!(reqs.len(), 3);
    let tokens: Vec<_> = reqs
        .iter()
        .map(|r| r.query_value("ClientToken").unwrap())
        .collect();
    assert!(tokens.iter().all(|t| *t == tokens[0]), "{tokens:?}");

    // A caller's own token is kept as given.
    let server = Server::start(vec![Reply::json(
        200,
        r#"{"RequestId":"R","Success":true}"#,
    )]);
    bss::Client::new(runtime(&server))
        .refund_instance(bss::RefundInstanceRequest::new().client_token("my-token"))
        .await
        .unwrap();
    assert_eq!(
        server.requests()[0].query_value("ClientToken").as_deref(),
        Some("my-token")
    );
}

#[tokio::test]
async fn throttling_honours_x_acs_retry_after() {
    let throttled = Reply::json(429, r#"{"Code":"Throttling.User","Message":"Request was denied due to user flow control.","RequestId":"R-429"}"#)
        .with_header("x-acs-retry-after", "300");
    let server = Server::start(vec![
        throttled.clone(),
        Reply::json(200, r#"{"RequestId":"R-ok"}"#),
    ]);
    let started = Instant::now();
    let out = esa::Client::new(runtime(&server))
        .release_instance(esa::ReleaseInstanceRequest::new("x"))
        .await
        .unwrap();
    assert_eq!(out.request_id.as_deref(), Some("R-ok"));
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "waited {:?}",
        started.elapsed()
    );
    assert_eq!(server.requests().len(), 2);

    // Surfaced as the throttling variant when it persists.
    let server = Server::start(vec![throttled]);
    let e = bss::Client::new(runtime(&server))
        .refund_instance(bss::RefundInstanceRequest::new())
        .await
        .unwrap_err()
        .into_service()
        .unwrap();
    assert!(
        matches!(
            e,
            bss::RefundInstanceError::Common(acs_sdk::CommonError::ThrottlingUser(_))
        ),
        "{e:?}"
    );
    assert_eq!(e.meta().retry_after, Some(Duration::from_millis(300)));
    assert!(e.is_retryable());
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn bss_success_false_on_http_200_is_the_documented_error() {
    // The page's own sample response.
    let body = r#"{"Message":"success","RequestId":"UUID","Data":{"HostId":"cn","OrderId":0},"Code":"ResourceNotExists","Success":false}"#;
    let server = Server::start(vec![Reply::json(200, body)]);
    let err = bss::Client::new(runtime(&server))
        .refund_instance(bss::RefundInstanceRequest::new())
        .await
        .unwrap_err();
    let e = err.into_service().unwrap();
    assert!(
        matches!(e, bss::RefundInstanceError::ResourceNotExists(_)),
        "{e:?}"
    );
    assert_eq!((e.http_status(), e.request_id()), (200, Some("UUID")));
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_non_json_502_is_an_invalid_response_with_an_excerpt() {
    let html = format!(
        "<html><head><title>502 Bad Gateway</title></head><body>{}</body></html>",
        "x".repeat(5000)
    );
    let server = Server::start(vec![Reply::Respond {
        status: 502,
        headers: vec![("content-type".into(), "text/html".into())],
        body: html,
    }]);
    let err = esa::Client::new(runtime(&server))
        .release_instance(esa::ReleaseInstanceRequest::new("x"))
        .await
        .unwrap_err();
    match &err {
        SdkError::InvalidResponse {
            status, excerpt, ..
        } => {
            assert_eq!(*status, 502);
            assert!(excerpt.starts_with("<html><head><title>502 Bad Gateway"));
            assert!(excerpt.len() <= 256, "bounded: {}", excerpt.len());
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        server.requests().len(),
        3,
        "an idempotent call is retried on a 5xx page"
    );

    let server = Server::start(vec![Reply::Respond {
        status: 502,
        headers: vec![],
        body: "Bad Gateway".into(),
    }]);
    let err = bss::Client::new(runtime(&server))
        .refund_instance(bss::RefundInstanceRequest::new())
        .await
        .unwrap_err();
    assert!(
        matches!(err, SdkError::InvalidResponse { status: 502, .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_broken_connection_is_a_transport_error_after_retries() {
    let server = Server::start(vec![Reply::Close]);
    let err = ddoscoo::Client::new(runtime(&server))
        .release_instance(ddoscoo::ReleaseInstanceRequest::new("x", "cn-hangzhou"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, SdkError::Transport { attempts: 3, .. }),
        "{err:?}"
    );
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn a_stalled_response_hits_the_read_timeout() {
    let server = Server::start(vec![Reply::Stall(Duration::from_secs(3))]);
    let started = Instant::now();
    let options = CallOptions {
        retry: Some(RetryPolicy::disabled()),
        ..Default::default()
    };
    let err = runtime(&server)
        .call_with(esa::ReleaseInstanceRequest::new("x"), &options)
        .await
        .unwrap_err();
    assert!(
        matches!(err, SdkError::Timeout { attempts: 1, .. }),
        "{err:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "gave up after {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn non_idempotent_calls_are_not_retried_on_server_errors() {
    use acs_runtime::{DynamicOperation, Method, Params, Target};
    let server = Server::start(vec![Reply::json(
        500,
        r#"{"Code":"InternalError","Message":"boom","RequestId":"R"}"#,
    )]);
    let mut params = Params::default();
    params.query.push("InstanceId", "x");
    let op = DynamicOperation {
        target: Target {
            service: &esa::SERVICE,
            action: "ReleaseInstance",
            method: Method::Post,
            path: "/",
        },
        params,
        idempotent: false,
        has_idempotency_token: false,
        success_field: None,
        anonymous: false,
        output: acs_runtime::BodyKind::Json,
        response_headers: &[],
    };
    let err = runtime(&server)
        .call_dynamic(&op, &CallOptions::default())
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("InternalError"));
    assert_eq!(
        server.requests().len(),
        1,
        "a 500 may have executed the call: no retry"
    );
}

#[test]
fn the_blocking_facade_runs_a_call_without_an_async_runtime() {
    let server = Server::start(vec![Reply::json(200, r#"{"RequestId":"R-blocking"}"#)]);
    let client = esa::Client::new(runtime(&server));
    let out = acs_runtime::blocking::block_on(
        client.release_instance(esa::ReleaseInstanceRequest::new("x")),
    )
    .unwrap()
    .unwrap();
    assert_eq!(out.request_id.as_deref(), Some("R-blocking"));
}

/// Alibaba's own style names and free-form values on the wire (the `shapes` fixture's
/// `GetThing`): `repeatList` flattened, free-form JSON as one parameter or flattened, form
/// fields styled through the media type's `encoding`.
#[tokio::test]
async fn alibaba_styles_and_free_form_values_go_out_as_documented() {
    use acs_codegen_tests::shapes::v2020_01_01 as shapes;
    let server = Server::start(vec![Reply::json(
        200,
        r#"{"RequestId":"R-3","Request":{"Echo":"hi"}}"#,
    )]);
    let client = shapes::Client::new(runtime(&server));
    let request = shapes::GetThingRequest::new(shapes::GetThingSpec::new(3).mode("fast"))
        .thing_ids(vec!["t-1".into(), "t-2".into()])
        .options(serde_json::json!({"deep": {"on": true}, "n": 1}))
        .extra(serde_json::json!({"Key": "k", "List": ["a", "b"]}))
        .zones(vec!["z-1".into(), "z-2".into()])
        .meta(serde_json::json!(["m", 2]));
    let response = client.get_thing(request).await.unwrap();
    assert_eq!(response.request.and_then(|r| r.echo).as_deref(), Some("hi"));
    let r = &server.requests()[0];
    verify_signature(r, AK, SECRET).unwrap();
    assert_eq!(
        r.query_pairs(),
        pairs(&[
            ("Extra.Key", "k"),
            ("Extra.List.1", "a"),
            ("Extra.List.2", "b"),
            ("Options", r#"{"deep":{"on":true},"n":1}"#),
            ("Spec.Mode", "fast"),
            ("Spec.Size", "3"),
            ("ThingIds.1", "t-1"),
            ("ThingIds.2", "t-2"),
        ])
    );
    assert_eq!(
        r.body_pairs(),
        pairs(&[("Meta", r#"["m",2]"#), ("Zones", "z-1,z-2")])
    );
}
