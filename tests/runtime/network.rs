//! Reaching the gateway and adding to what is sent: VPC endpoints built as the official SDKs'
//! endpoint rules build them (regional and central products, explicit hosts winning), extra
//! query parameters and headers per client and per call (on the wire, under the signature),
//! and a hook that sees each request and response without showing their values.

use crate::support::{verify_signature, Reply, Server};
use acs_runtime::{CallOptions, Client, Credentials, Hook, RequestView, ResponseView, RetryPolicy};
use acs_sdk::bssopenapi::v2017_12_14 as bss;
use acs_sdk::esa::v2024_09_10 as esa;
use std::sync::{Arc, Mutex};
use std::time::Duration;

const AK: &str = "LTAI5tNetworkKey";
const SECRET: &str = "network-secret-never-shown";

fn builder() -> acs_runtime::ClientBuilder {
    Client::builder()
        .credentials(Credentials::new(AK, SECRET))
        .retry(RetryPolicy::disabled())
        .read_timeout(Duration::from_secs(5))
}

/// The host a call of `request` would go to, without sending it.
fn host<O: acs_runtime::Operation>(client: &Client, mut request: O) -> String {
    client
        .prepare(&mut request, &CallOptions::default())
        .unwrap()
        .endpoint
        .host()
        .to_string()
}

#[test]
fn vpc_hosts_follow_the_official_endpoint_rules_and_explicit_hosts_win() {
    let release = || esa::ReleaseInstanceRequest::new("esa-1");
    let refund = bss::RefundInstanceRequest::new;
    // Regional: the product's label gets the network.
    let vpc = builder()
        .region("cn-shanghai")
        .network("vpc")
        .build()
        .unwrap();
    assert_eq!(host(&vpc, release()), "esa-vpc.cn-shanghai.aliyuncs.com");
    // With a suffix, as the rules order them.
    let shared = builder()
        .region("cn-shanghai")
        .network("vpc")
        .endpoint_suffix("share")
        .build()
        .unwrap();
    assert_eq!(
        host(&shared, release()),
        "esa-share-vpc.cn-shanghai.aliyuncs.com"
    );
    // Public is the default and the same as no network.
    let public = builder()
        .region("cn-shanghai")
        .network("public")
        .build()
        .unwrap();
    assert_eq!(host(&public, release()), "esa.cn-shanghai.aliyuncs.com");
    // Central (BSS, no region): the one host of the template.
    let central = builder().network("vpc").build().unwrap();
    assert_eq!(host(&central, refund()), "business-vpc.aliyuncs.com");
    // A region's own host (`x-acs-endpoints`; BSS maps every region) wins, as in the
    // official SDKs, whose endpoint map comes before the rules.
    for (region, expected) in [
        ("cn-beijing", "business.aliyuncs.com"),
        ("ap-southeast-1", "business.ap-southeast-1.aliyuncs.com"),
    ] {
        let mapped = builder().region(region).network("vpc").build().unwrap();
        assert_eq!(host(&mapped, refund()), expected);
    }
    // An explicit endpoint wins over everything.
    let explicit = builder()
        .region("cn-shanghai")
        .network("vpc")
        .endpoint("https://esa.internal.example")
        .build()
        .unwrap();
    assert_eq!(host(&explicit, release()), "esa.internal.example");
    // A network that is not a DNS label part is a configuration error, not a request.
    let bad = builder()
        .region("cn-shanghai")
        .network("vpc.evil.com/")
        .build()
        .unwrap();
    let mut request = release();
    assert!(bad.prepare(&mut request, &CallOptions::default()).is_err());
}

/// Records what it sees, as its `Debug` shows it, and adds a tracing header.
#[derive(Debug, Default)]
struct Recorder {
    seen: Mutex<Vec<String>>,
}

impl Hook for Recorder {
    fn before_signing(&self, request: &mut RequestView<'_>) {
        self.seen.lock().unwrap().push(format!("{request:?}"));
        assert_eq!(request.action(), "ReleaseInstance");
        request.add_header("x-acs-trace-id", "trace-1");
    }

    fn before_decoding(&self, response: &ResponseView<'_>) {
        self.seen.lock().unwrap().push(format!("{response:?}"));
        assert_eq!(response.status(), 200);
        assert!(String::from_utf8_lossy(response.body()).contains("AccessKeySecret"));
    }
}

#[tokio::test]
async fn extra_parameters_and_a_hook_are_sent_signed_and_shown_without_values() {
    let server = Server::start(vec![Reply::json(
        200,
        r#"{"RequestId":"R","AccessKeySecret":"returned-secret-value"}"#,
    )]);
    let recorder = Arc::new(Recorder::default());
    let runtime = builder()
        .region("cn-hangzhou")
        .endpoint(server.url())
        .query_param("ClientTag", "from-client")
        .header("x-acs-client-extra", "client-header")
        .hook(recorder.clone())
        .build()
        .unwrap();
    let client = esa::Client::new(runtime).with_options(CallOptions {
        extra_query: vec![("CallTag".into(), "from-call".into())],
        extra_headers: vec![("x-acs-call-extra".into(), "call-header".into())],
        ..Default::default()
    });
    client
        .release_instance(esa::ReleaseInstanceRequest::new("secret-looking-instance"))
        .await
        .unwrap();
    let r = &server.requests()[0];
    assert_eq!(r.query_value("ClientTag").as_deref(), Some("from-client"));
    assert_eq!(r.query_value("CallTag").as_deref(), Some("from-call"));
    assert_eq!(r.header("x-acs-client-extra"), Some("client-header"));
    assert_eq!(r.header("x-acs-call-extra"), Some("call-header"));
    assert_eq!(r.header("x-acs-trace-id"), Some("trace-1"));
    // Covered by the signature: the gateway's check passes, and the added headers are signed.
    verify_signature(r, AK, SECRET).unwrap();
    let authorization = r.header("authorization").unwrap();
    for signed in ["x-acs-client-extra", "x-acs-call-extra", "x-acs-trace-id"] {
        assert!(
            authorization.contains(signed),
            "{signed} signed: {authorization}"
        );
    }
    // The hook saw the request and the response; its Debug shows names, never values.
    let seen = recorder.seen.lock().unwrap().join("\n");
    assert!(
        seen.contains("ReleaseInstance") && seen.contains("InstanceId"),
        "{seen}"
    );
    assert!(seen.contains("status: 200"), "{seen}");
    for value in [
        "secret-looking-instance",
        "returned-secret-value",
        "from-client",
        SECRET,
    ] {
        assert!(!seen.contains(value), "{value} shown: {seen}");
    }
}

/// Alibaba's ddoscoo metadata lists every region, each with the host the regional rule gives.
/// With every listed host in the service's region map (as a spec's `x-acs-endpoints` may
/// hold them), the VPC network still builds the official SDK's VPC host and the public one is
/// unchanged; a listed host that differs from the rule keeps winning.
#[test]
fn listed_ddoscoo_hosts_get_the_official_sdks_vpc_host() {
    use acs_codegen::internal::import::{import_document, Imported};
    let file = "ddoscoo-2020-01-01.api-docs.json";
    let text = std::fs::read_to_string(crate::support::metadata_dir().join(file)).unwrap();
    let document: serde_json::Value = serde_json::from_str(&text).unwrap();
    let Imported::Spec { file_name, text } = import_document(std::path::Path::new(file), &text)
        .expect("imports")
        .result
    else {
        panic!("skipped")
    };
    let spec = acs_codegen::SpecSource::from_text(std::path::Path::new(&file_name), text);
    let api = acs_codegen::compile(&[spec], None).unwrap();
    let endpoints = &api.services[0].endpoints;
    let leak = |s: &str| -> &'static str { Box::leak(s.to_string().into_boxed_str()) };
    let mut listed: Vec<(&'static str, &'static str)> = document["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                leak(e["regionId"].as_str().unwrap()),
                leak(e["endpoint"].as_str().unwrap()),
            )
        })
        .collect();
    assert!(listed.contains(&("cn-hangzhou", "ddoscoo.cn-hangzhou.aliyuncs.com")));
    // And one region with a host of its own.
    listed.push(("cn-shanghai", "ddos-sh.example.com"));
    let service = acs_runtime::ServiceInfo {
        product: "ddoscoo",
        version: "2020-01-01",
        endpoint_template: leak(&endpoints.template),
        default_region: endpoints.default_region.as_deref().map(leak),
        protocol: acs_runtime::operation::Protocol::Acs3,
        regional_endpoints: Box::leak(listed.into_boxed_slice()),
    };
    let host = |region: &str, network: &acs_runtime::Network| {
        acs_runtime::endpoint::resolve(&service, None, Some(region), network)
            .unwrap()
            .authority
    };
    let vpc = acs_runtime::Network::vpc();
    assert_eq!(
        host("cn-hangzhou", &vpc),
        "ddoscoo-vpc.cn-hangzhou.aliyuncs.com"
    );
    assert_eq!(
        host("cn-hangzhou", &acs_runtime::Network::default()),
        "ddoscoo.cn-hangzhou.aliyuncs.com"
    );
    assert_eq!(host("cn-shanghai", &vpc), "ddos-sh.example.com");
}
