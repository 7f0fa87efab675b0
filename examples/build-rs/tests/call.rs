//! Calls the build-time generated operation through the runtime's gateway double
//! (`acs_runtime::testing::Gateway`, feature `testing`): it checks each request's signature
//! and parameters, answers by rule and records the calls, typed.

use acs_example_build_rs::esa::v2024_09_10::{
    Client, ReleaseInstanceError, ReleaseInstanceRequest, ReleaseInstanceResponse,
};
use acs_runtime::testing::Gateway;
use acs_runtime::{ErrorMeta, SdkError, ServiceError};

#[test]
fn calls_the_generated_operation() {
    let gateway = Gateway::new();
    let mut answer = ReleaseInstanceResponse::new();
    answer.request_id = Some("R-1".into());
    gateway.on::<ReleaseInstanceRequest>().returns(answer);
    let client = Client::new(gateway.client());
    let out = acs_runtime::blocking::block_on(
        client.release_instance(ReleaseInstanceRequest::new("esa-1")),
    )
    .unwrap()
    .unwrap();
    assert_eq!(out.request_id.as_deref(), Some("R-1"));
    assert_eq!(
        gateway.calls::<ReleaseInstanceRequest>(),
        [ReleaseInstanceRequest::new("esa-1")]
    );
    let sent = &gateway.requests()[0].request;
    assert_eq!(
        sent.url,
        "https://esa.cn-hangzhou.aliyuncs.com/?InstanceId=esa-1"
    );
    assert!(sent
        .headers
        .iter()
        .any(|(k, v)| k == "x-acs-action" && v == "ReleaseInstance"));
}

#[test]
fn maps_a_documented_error() {
    let gateway = Gateway::new();
    gateway
        .on::<ReleaseInstanceRequest>()
        .fails(ReleaseInstanceError::from_meta(ErrorMeta::new(
            400,
            "InvalidInstance",
            "bad",
        )));
    let client = Client::new(gateway.client());
    let err =
        acs_runtime::blocking::block_on(client.release_instance(ReleaseInstanceRequest::new("x")))
            .unwrap()
            .unwrap_err();
    assert!(
        matches!(
            err,
            SdkError::Service(ReleaseInstanceError::InvalidInstance(_))
        ),
        "{err:?}"
    );
}
