//! Tests that change the process's environment (`std::env::set_var`), in a process of their
//! own so that no other test reads what they set.

// This binary uses a part of the shared support (the server, the signature check).
#[allow(dead_code)]
mod support;

use acs_runtime::{CallOptions, Client};
use acs_sdk::bssopenapi::v2017_12_14 as bss;
use acs_sdk::esa::v2024_09_10 as esa;
use support::{verify_signature, Reply, Server};

const AK: &str = "LTAI5tEnvKey";
const SECRET: &str = "env-secret-never-shown";

/// The host a call of `request` would go to, without sending it.
fn host<O: acs_runtime::Operation>(client: &Client, mut request: O) -> String {
    client
        .prepare(&mut request, &CallOptions::default())
        .unwrap()
        .endpoint
        .host()
        .to_string()
}

/// `from_env` reaches a local gateway through the endpoint variables, as aws-sdk-rust's
/// `AWS_ENDPOINT_URL` and `AWS_ENDPOINT_URL_<SERVICE>`: one product's variable wins over the
/// global one, and a product without its own variable takes the global one.
#[tokio::test]
async fn from_env_reaches_a_local_gateway_through_the_endpoint_variables() {
    let server = Server::start(vec![Reply::json(200, r#"{"RequestId":"R"}"#)]);
    std::env::set_var("ALIBABA_CLOUD_ENDPOINT_URL", "http://127.0.0.1:9");
    std::env::set_var("ALIBABA_CLOUD_ENDPOINT_URL_ESA", server.url());
    std::env::set_var("ALIBABA_CLOUD_ACCESS_KEY_ID", AK);
    std::env::set_var("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET);
    std::env::set_var("ALIBABA_CLOUD_REGION_ID", "cn-hangzhou");
    let runtime = Client::from_env().unwrap();
    assert_eq!(
        host(&runtime, bss::RefundInstanceRequest::new()),
        "127.0.0.1:9"
    );
    esa::Client::new(runtime)
        .release_instance(esa::ReleaseInstanceRequest::new("esa-1"))
        .await
        .unwrap();
    let r = &server.requests()[0];
    assert_eq!(r.header("x-acs-action"), Some("ReleaseInstance"));
    verify_signature(r, AK, SECRET).unwrap();
}
