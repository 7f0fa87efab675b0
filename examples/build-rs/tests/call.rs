//! Calls the build-time generated operation through a test double of the transport.

use acs_example_build_rs::esa::v2024_09_10::{
    Client, ReleaseInstanceError, ReleaseInstanceRequest,
};
use acs_runtime::transport::BoxFuture;
use acs_runtime::{
    Credentials, HttpRequest, HttpResponse, SdkError, Timeouts, Transport, TransportError,
};
use std::sync::{Arc, Mutex};

/// Answers every request with a fixed response and keeps the requests.
#[derive(Debug)]
struct Canned {
    status: u16,
    body: &'static str,
    seen: Mutex<Vec<HttpRequest>>,
}

impl Transport for Canned {
    fn send(
        &self,
        request: HttpRequest,
        _: Timeouts,
        _: usize,
    ) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        self.seen.lock().unwrap().push(request);
        let response = HttpResponse {
            status: self.status,
            headers: vec![],
            body: self.body.as_bytes().to_vec(),
        };
        Box::pin(async move { Ok(response) })
    }
}

fn client(transport: Arc<Canned>) -> Client {
    let runtime = acs_runtime::Client::builder()
        .credentials(Credentials::new("AKID", "secret"))
        .region("cn-hangzhou")
        .transport(transport)
        .build()
        .unwrap();
    Client::new(runtime)
}

#[test]
fn calls_the_generated_operation() {
    let transport = Arc::new(Canned {
        status: 200,
        body: r#"{"RequestId":"R-1"}"#,
        seen: Mutex::new(vec![]),
    });
    let out = acs_runtime::blocking::block_on(
        client(transport.clone()).release_instance(ReleaseInstanceRequest::new("esa-1")),
    )
    .unwrap()
    .unwrap();
    assert_eq!(out.request_id.as_deref(), Some("R-1"));
    let seen = transport.seen.lock().unwrap();
    assert_eq!(
        seen[0].url,
        "https://esa.cn-hangzhou.aliyuncs.com/?InstanceId=esa-1"
    );
    assert!(seen[0]
        .headers
        .iter()
        .any(|(k, v)| k == "x-acs-action" && v == "ReleaseInstance"));
}

#[test]
fn maps_a_documented_error() {
    let transport = Arc::new(Canned {
        status: 400,
        body: r#"{"Code":"InvalidInstance","Message":"bad","RequestId":"R-2"}"#,
        seen: Mutex::new(vec![]),
    });
    let err = acs_runtime::blocking::block_on(
        client(transport).release_instance(ReleaseInstanceRequest::new("x")),
    )
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
