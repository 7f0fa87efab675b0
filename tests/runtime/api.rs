//! The generated API as callers hold it (the user-API issue): owned futures that can be
//! spawned, response metadata on every output, per-call options on the typed client, and
//! the error API (`is_<variant>()`, `SdkError` accessors, `into_service_error`, an opaque
//! `Unhandled`). Against a real server on 127.0.0.1.

use crate::support::{Reply, Server};
use acs_runtime::{CallOptions, Client, Credentials, RetryPolicy, SdkError};
use acs_sdk::bssopenapi::v2017_12_14 as bss;
use acs_sdk::prelude::*;
use std::time::Duration;

fn runtime(server: &Server) -> Client {
    Client::builder()
        .credentials(Credentials::new("LTAI5tApi", "api-secret"))
        .region("cn-hangzhou")
        .endpoint(server.url())
        .retry(RetryPolicy::disabled())
        .read_timeout(Duration::from_millis(500))
        .build()
        .unwrap()
}

fn refund() -> bss::RefundInstanceRequest {
    bss::RefundInstanceRequest::new()
        .instance_id("i-1")
        .product_code("ecs")
        .product_type("")
        .immediately_release(true)
}

#[tokio::test]
async fn calls_are_spawnable_and_outputs_carry_their_metadata() {
    let server = Server::start(vec![Reply::json(
        200,
        r#"{"RequestId":"BODY-ID","Success":true,"Code":"Success","Data":{"OrderId":42}}"#,
    )
    .with_header("x-acs-request-id", "HEADER-ID")]);
    let client = bss::Client::new(runtime(&server));
    // The future owns a clone of the client: it outlives this borrow and can be spawned.
    let out = tokio::spawn(client.refund_instance(refund()))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(out.meta().request_id(), Some("HEADER-ID"));
    assert_eq!(out.meta().http_status(), 200);
    assert!(out
        .meta()
        .headers()
        .iter()
        .any(|(k, v)| k == "x-acs-request-id" && v == "HEADER-ID"));
    // The body fields are as they were.
    assert_eq!(out.request_id.as_deref(), Some("BODY-ID"));
    assert_eq!(out.data.as_ref().and_then(|d| d.order_id), Some(42));
}

#[tokio::test]
async fn without_the_header_the_request_id_comes_from_the_body() {
    let server = Server::start(vec![Reply::json(
        200,
        r#"{"RequestId":"BODY-ID","Success":true}"#,
    )]);
    let client = bss::Client::new(runtime(&server));
    let out = client.refund_instance(refund()).await.unwrap();
    assert_eq!(out.meta().request_id(), Some("BODY-ID"));
}

#[tokio::test]
async fn per_call_options_apply_to_one_client_handle() {
    let first = Server::start(vec![Reply::json(200, r#"{"RequestId":"A"}"#)]);
    let second = Server::start(vec![Reply::json(200, r#"{"RequestId":"B"}"#)]);
    let client = bss::Client::new(runtime(&first));
    let elsewhere = client.with_options(CallOptions {
        endpoint: Some(second.url()),
        ..Default::default()
    });
    let b = elsewhere.refund_instance(refund()).await.unwrap();
    let a = client.refund_instance(refund()).await.unwrap();
    assert_eq!(b.meta().request_id(), Some("B"));
    assert_eq!(a.meta().request_id(), Some("A"));
    assert_eq!((first.requests().len(), second.requests().len()), (1, 1));
}

#[tokio::test]
async fn service_errors_have_is_helpers_and_sdk_error_accessors() {
    let server = Server::start(vec![
        Reply::json(
            400,
            r#"{"Code":"ResourceNotExists","Message":"no such instance","RequestId":"R1"}"#,
        ),
        Reply::json(
            400,
            r#"{"Code":"Throttling.User","Message":"slow down","RequestId":"R2"}"#,
        ),
        Reply::json(
            400,
            r#"{"Code":"Brand.NewCode","Message":"not documented yet","RequestId":"R3"}"#,
        ),
    ]);
    let client = bss::Client::new(runtime(&server));
    let err = client.refund_instance(refund()).await.unwrap_err();
    assert_eq!(err.code(), Some("ResourceNotExists"));
    assert_eq!(err.message(), Some("no such instance"));
    assert_eq!(err.request_id(), Some("R1"));
    assert_eq!(err.http_status(), Some(400));
    assert!(!err.is_retryable());
    let service = err.into_service_error();
    assert!(service.is_resource_not_exists());
    assert!(!service.is_throttling_user());

    let err = client.refund_instance(refund()).await.unwrap_err();
    assert!(err.is_retryable(), "throttling is retryable");
    let service = err.into_service_error();
    assert!(service.is_throttling_user());
    // A common gateway code, defined once in `CommonError`, matched through `Common`.
    match &service {
        bss::RefundInstanceError::Common(common) => {
            assert!(common.is_throttling_user());
            assert!(matches!(common, acs_sdk::CommonError::ThrottlingUser(_)));
            assert!(common.documented_retryable() && common.is_retryable());
            assert_eq!(common.code(), "Throttling.User");
        }
        other => panic!("expected Common, got {other:?}"),
    }
    assert!(acs_sdk::CommonError::CODES.contains(&"SignatureDoesNotMatch"));

    // An undocumented code is `Unhandled`, read through `code()`, never matched by code.
    let err = client.refund_instance(refund()).await.unwrap_err();
    let service = err.into_service_error();
    assert!(matches!(service, bss::RefundInstanceError::Unhandled(_)));
    assert_eq!(service.code(), "Brand.NewCode");
    assert_eq!(service.request_id(), Some("R3"));
}

#[tokio::test]
async fn an_error_that_is_not_a_service_error_becomes_unhandled_with_its_metadata() {
    // A server that answers with something that is not JSON.
    let server = Server::start(vec![Reply::Respond {
        status: 502,
        headers: vec![("content-type".into(), "text/html".into())],
        body: "<html>bad gateway</html>".into(),
    }]);
    let client = bss::Client::new(runtime(&server));
    let err = client.refund_instance(refund()).await.unwrap_err();
    assert!(matches!(err, SdkError::InvalidResponse { .. }));
    assert_eq!(err.code(), None);
    assert_eq!(err.http_status(), Some(502));
    assert!(err.is_retryable());
    let message = err.message().unwrap().to_string();
    let service = err.into_service_error();
    assert!(matches!(service, bss::RefundInstanceError::Unhandled(_)));
    assert_eq!(service.http_status(), 502);
    assert_eq!(service.code(), "");
    assert!(
        service.message().contains(&message),
        "{}",
        service.message()
    );
}

#[test]
fn sensitive_fields_never_show_in_debug() {
    use acs_codegen_tests::runtime::FromJson;
    use acs_codegen_tests::shapes::v2020_01_01 as shapes;
    let request =
        shapes::CreateThingRequest::new("thing", 1, false, "content").password("hunter2-secret");
    let shown = format!("{request:?}");
    assert!(shown.contains("thing") && shown.contains("***"), "{shown}");
    assert!(!shown.contains("hunter2-secret"), "{shown}");
    let body = serde_json::json!({"ThingId": "t-1", "AccessKeySecret": "response-secret"});
    let result = shapes::CreateResult::from_json(&body).unwrap();
    let shown = format!("{result:?}");
    assert!(
        shown.contains("t-1") && !shown.contains("response-secret"),
        "{shown}"
    );
    assert_eq!(result.access_key_secret.as_deref(), Some("response-secret"));
}

/// Generated string enums: wire values both ways, an unknown value kept as sent, `Debug` as
/// a derive would print it, and comparison and hashing by wire value.
#[test]
fn string_enums_convert_print_and_compare_by_wire_value() {
    use bss::RefundInstanceImmediatelyRelease as R;
    use std::collections::HashSet;
    assert_eq!(R::VALUES, &["1", "0"]);
    assert_eq!(R::from("1"), R::Immediately);
    assert_eq!(R::from(false).as_str(), "0");
    assert_eq!("2".parse::<R>().unwrap(), R::Unknown("2".into()));
    assert_eq!(format!("{:?}", R::ByShutdownPolicy), "ByShutdownPolicy");
    assert_eq!(format!("{:?}", R::from("2")), "Unknown(\"2\")");
    assert_eq!(R::Immediately.to_string(), "1");
    assert_ne!(R::Immediately, R::ByShutdownPolicy);
    // A known value built by hand as `Unknown` is the same value on the wire.
    assert_eq!(R::Unknown("1".into()), R::Immediately);
    let set: HashSet<R> = [R::Immediately, R::Unknown("1".into()), R::from("2")].into();
    assert_eq!(set.len(), 2);
}
