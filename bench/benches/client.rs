//! Client runtime micro-benchmarks: build + sign + encode one request, decode one success
//! and one error body, per seed operation; a loopback round trip; the gateway double in
//! process and over loopback, each beside a canned peer.
//!
//! `cargo bench -p acs-bench --bench client`

use acs_runtime::{decode_response, CallOptions, Client, Credentials, RetryPolicy};
use acs_sdk::bssopenapi::v2017_12_14 as bss;
use acs_sdk::ddoscoo::v2020_01_01 as ddoscoo;
use acs_sdk::esa::v2024_09_10 as esa;
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;

fn client(endpoint: &str) -> Client {
    client_with_secret(endpoint, "bench-secret")
}

fn client_with_secret(endpoint: &str, secret: &str) -> Client {
    Client::builder()
        .credentials(Credentials::new("LTAI5tBenchAccessKey", secret))
        .region("cn-hangzhou")
        .endpoint(endpoint)
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap()
}

fn build_sign_encode(c: &mut Criterion) {
    let rt = client("https://example.aliyuncs.com");
    let credentials = Some(Credentials::new("LTAI5tBenchAccessKey", "bench-secret"));
    let credentials = credentials.as_ref();
    let opts = CallOptions::default();
    c.bench_function("build+sign+encode esa ReleaseInstance", |b| {
        b.iter(|| {
            let mut req = esa::ReleaseInstanceRequest::new("esa-ddos-2sdj**3s");
            let prepared = rt.prepare(&mut req, &opts).unwrap();
            black_box(rt.sign_with(&prepared, credentials))
        })
    });
    c.bench_function("build+sign+encode ddoscoo ReleaseInstance", |b| {
        b.iter(|| {
            let mut req = ddoscoo::ReleaseInstanceRequest::new(
                "ddoscoo-cn-mp91j1ao****",
                ddoscoo::ReleaseInstanceRegionId::CnHangzhou,
            );
            let prepared = rt.prepare(&mut req, &opts).unwrap();
            black_box(rt.sign_with(&prepared, credentials))
        })
    });
    c.bench_function("build+sign+encode bssopenapi RefundInstance", |b| {
        b.iter(|| {
            let mut req = bss::RefundInstanceRequest::new()
                .instance_id("i-bp1etb69sqxgl4*******")
                .product_code("ecs")
                .product_type("")
                .immediately_release(true);
            let prepared = rt.prepare(&mut req, &opts).unwrap();
            black_box(rt.sign_with(&prepared, credentials))
        })
    });
}

const ERROR: &[u8] = br#"{"RequestId":"04F0F334-1335-4D1B-A1D7-6C044FE73368","HostId":"esa.cn-hangzhou.aliyuncs.com","Code":"InvalidInstance","Message":"The instance ID is missing or invalid.","Recommend":"https://api.aliyun.com/troubleshoot"}"#;

fn decode(c: &mut Criterion) {
    let esa_ok = br#"{"RequestId":"04F0F334-1335-****-A1D7-6C044FE73368"}"#;
    let ddos_ok = br#"{"RequestId":"0bcf28g5-d57c-11e7-9bs0-d89d6717dxbc"}"#;
    let bss_ok = br#"{"Message":"success","RequestId":"UUID","Data":{"HostId":"cn","OrderId":"212345678901234567"},"Code":"Success","Success":true}"#;
    c.bench_function("decode success esa", |b| {
        b.iter(|| {
            black_box(
                decode_response::<esa::ReleaseInstanceRequest>(200, &[], black_box(esa_ok)).is_ok(),
            )
        })
    });
    c.bench_function("decode success ddoscoo", |b| {
        b.iter(|| {
            black_box(
                decode_response::<ddoscoo::ReleaseInstanceRequest>(200, &[], black_box(ddos_ok))
                    .is_ok(),
            )
        })
    });
    c.bench_function("decode success bssopenapi", |b| {
        b.iter(|| {
            black_box(
                decode_response::<bss::RefundInstanceRequest>(200, &[], black_box(bss_ok)).is_ok(),
            )
        })
    });
    c.bench_function("decode error esa", |b| {
        b.iter(|| {
            black_box(
                decode_response::<esa::ReleaseInstanceRequest>(400, &[], black_box(ERROR)).is_err(),
            )
        })
    });
    c.bench_function("decode error ddoscoo", |b| {
        b.iter(|| {
            black_box(
                decode_response::<ddoscoo::ReleaseInstanceRequest>(400, &[], black_box(ERROR))
                    .is_err(),
            )
        })
    });
    c.bench_function("decode error bssopenapi", |b| {
        b.iter(|| {
            black_box(
                decode_response::<bss::RefundInstanceRequest>(400, &[], black_box(ERROR)).is_err(),
            )
        })
    });
}

/// A keep-alive HTTP/1.1 server on 127.0.0.1 answering every request with `body`.
fn serve(body: &'static str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut writer = stream;
                let _ = writer.set_nodelay(true);
                loop {
                    let mut len = 0usize;
                    loop {
                        let mut line = String::new();
                        if reader.read_line(&mut line).unwrap_or(0) == 0 {
                            return;
                        }
                        if line == "\r\n" {
                            break;
                        }
                        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                            len = v.trim().parse().unwrap_or(0);
                        }
                    }
                    let mut discard = vec![0; len];
                    if reader.read_exact(&mut discard).is_err() {
                        return;
                    }
                    let head = format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n", body.len());
                    if writer
                        .write_all(head.as_bytes())
                        .and_then(|_| writer.write_all(body.as_bytes()))
                        .is_err()
                    {
                        return;
                    }
                }
            });
        }
    });
    format!("http://{addr}")
}

fn round_trip(c: &mut Criterion) {
    let url = serve(r#"{"RequestId":"04F0F334-1335-4D1B-A1D7-6C044FE73368"}"#);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let esa_client = esa::Client::new(client(&url));
    c.bench_function("loopback round trip esa ReleaseInstance", |b| {
        b.iter(|| {
            runtime
                .block_on(esa_client.release_instance(esa::ReleaseInstanceRequest::new("esa-1")))
                .unwrap()
        })
    });
}

criterion_group!(benches, build_sign_encode, decode, round_trip, gateway);
criterion_main!(benches);

/// A transport answering every request with the same body, checking nothing: the client's
/// own cost, against which the in-process gateway's checks are measured.
#[derive(Debug)]
struct Canned(&'static str);

impl acs_runtime::Transport for Canned {
    fn send(
        &self,
        _request: acs_runtime::HttpRequest,
        _timeouts: acs_runtime::Timeouts,
        _max_body_bytes: usize,
    ) -> acs_runtime::transport::BoxFuture<
        '_,
        Result<acs_runtime::HttpResponse, acs_runtime::TransportError>,
    > {
        let body = self.0.as_bytes().to_vec();
        Box::pin(async move {
            Ok(acs_runtime::HttpResponse {
                status: 200,
                headers: vec![("content-type".into(), "application/json".into())],
                body,
            })
        })
    }
}

/// Calls per second of the gateway double (issue 26): in process against a canned
/// transport, and over loopback HTTP against the canned keep-alive server above, each pair
/// in the same run. The gateway's record is cleared every 10,000 calls (a test keeps it).
fn gateway(c: &mut Criterion) {
    use acs_runtime::testing::{serve as serve_double, Gateway};
    let body = r#"{"RequestId":"04F0F334-1335-4D1B-A1D7-6C044FE73368"}"#;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let canned = esa::Client::new(
        Client::builder()
            .credentials(Credentials::new("testid", "testsecret"))
            .region("cn-hangzhou")
            .endpoint("https://gateway.test")
            .retry(RetryPolicy::disabled())
            .transport(std::sync::Arc::new(Canned(body)))
            .build()
            .unwrap(),
    );
    let double = Gateway::new();
    double
        .on::<esa::ReleaseInstanceRequest>()
        .returns(esa::ReleaseInstanceResponse::new());
    let in_process = esa::Client::new(double.client());
    let mut calls = 0u64;
    let mut timed = |b: &mut criterion::Bencher,
                     client: &esa::Client,
                     gateway: Option<&Gateway>| {
        b.iter_custom(|iters| {
            let start = std::time::Instant::now();
            for _ in 0..iters {
                runtime
                    .block_on(client.release_instance(esa::ReleaseInstanceRequest::new("esa-1")))
                    .unwrap();
                calls += 1;
                if let (Some(g), true) = (gateway, calls.is_multiple_of(10_000)) {
                    g.clear_calls();
                }
            }
            start.elapsed()
        })
    };
    c.bench_function("in-process canned transport esa ReleaseInstance", |b| {
        timed(b, &canned, None)
    });
    c.bench_function("in-process gateway double esa ReleaseInstance", |b| {
        timed(b, &in_process, Some(&double))
    });
    let server = runtime
        .block_on(serve_double(
            double.engine(),
            "127.0.0.1:0".parse().unwrap(),
        ))
        .unwrap();
    let over_http = esa::Client::new(client_with_secret(&server.endpoint(), "testsecret"));
    c.bench_function("loopback gateway double esa ReleaseInstance", |b| {
        timed(b, &over_http, Some(&double))
    });
    let url = serve(body);
    let plain = esa::Client::new(client(&url));
    c.bench_function("loopback canned server esa ReleaseInstance", |b| {
        timed(b, &plain, None)
    });
}
