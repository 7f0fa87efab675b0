//! Loopback wire tests of the products with a gateway of their own (OSS, SLS, PDS), compiled
//! against the clients `tests/generator/imported_build.rs` generates from
//! `tests/fixtures/metadata/gateways/`: the host parameter as a virtual host
//! (`<bucket>.localhost`, which the client resolves to loopback), object keys, subresources,
//! XML bodies and answers, `HEAD`, answers read from headers, each signature (checked by the
//! test gateway's own verification), error bodies, presigned URLs, and the typed gateway
//! double routing these products by path.

mod support;

use acs_runtime::testing::{signatures, Gateway};
use acs_runtime::{Client, Credentials, HttpRequest, RetryPolicy, ServiceError};
use acs_sdk::oss::v2019_05_17 as oss;
use acs_sdk::pds::v2022_03_01 as pds;
use acs_sdk::sls::v2020_12_30 as sls;
use support::{block, Recorded, Reply, Server};

const AK: &str = "LTAI5tGatewayWire";
const SECRET: &str = "gateway-wire-secret";

/// A client for the server at `localhost:<port>`, so that `<bucket>.localhost` reaches it.
fn runtime(server: &Server) -> Client {
    Client::builder()
        .credentials(Credentials::new(AK, SECRET))
        .region("cn-hangzhou")
        .endpoint(format!("http://localhost:{}", server.addr.port()))
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap()
}

/// The recorded request as the gateways' signature checks take it.
fn http(r: &Recorded) -> HttpRequest {
    let method = match r.method.as_str() {
        "GET" => "GET",
        "PUT" => "PUT",
        "DELETE" => "DELETE",
        "HEAD" => "HEAD",
        _ => "POST",
    };
    let query = if r.query.is_empty() {
        String::new()
    } else {
        format!("?{}", r.query)
    };
    HttpRequest {
        method,
        url: format!(
            "http://{}{}{query}",
            r.header("host").unwrap_or("h"),
            r.path
        ),
        headers: r.headers.clone(),
        body: r.body.clone(),
    }
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

fn empty_ok() -> Reply {
    Reply::Respond {
        status: 200,
        headers: Vec::new(),
        body: String::new(),
    }
}

#[test]
fn oss_xml_body_goes_to_the_buckets_virtual_host_with_its_subresource_and_digest() {
    let server = Server::start(vec![empty_ok()]);
    let client = oss::Client::new(runtime(&server));
    let rules = acs_runtime::serde_json::json!({"Rule": [
        {"ID": "r<1>", "Prefix": "logs/", "Status": "Enabled", "Expiration": {"Days": 3}},
        {"ID": "r2", "Prefix": "tmp/", "Status": "Disabled"}
    ]});
    block(client.put_bucket_lifecycle(
        oss::PutBucketLifecycleRequest::new("acs-b1").lifecycle_configuration(rules),
    ))
    .unwrap();
    let r = &server.requests()[0];
    assert_eq!(r.method, "PUT");
    assert_eq!(
        r.header("host"),
        Some(format!("acs-b1.localhost:{}", server.addr.port()).as_str())
    );
    assert_eq!((r.path.as_str(), r.query.as_str()), ("/", "lifecycle"));
    let body = String::from_utf8(r.body.clone()).unwrap();
    assert_eq!(
        body,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><LifecycleConfiguration>\
         <Rule><Expiration><Days>3</Days></Expiration><ID>r&lt;1&gt;</ID><Prefix>logs/</Prefix><Status>Enabled</Status></Rule>\
         <Rule><ID>r2</ID><Prefix>tmp/</Prefix><Status>Disabled</Status></Rule></LifecycleConfiguration>"
    );
    assert_eq!(r.header("content-type"), Some("application/xml"));
    let md5 = acs_runtime::protocol::wire::base64(&acs_runtime::protocol::wire::md5(&r.body));
    assert_eq!(r.header("content-md5"), Some(md5.as_str()));
    assert_eq!(r.header("x-oss-content-sha256"), Some("UNSIGNED-PAYLOAD"));
    assert!(r.header("date").is_some_and(|d| d.ends_with(" GMT")));
    assert_eq!(
        signatures::verify_oss(&http(r), Some("acs-b1"), SECRET, now()),
        Ok(AK.to_string())
    );
    assert!(signatures::verify_oss(&http(r), Some("acs-b1"), "other", now()).is_err());
}

#[test]
fn oss_object_keys_keep_their_slashes_and_metadata_goes_one_header_per_key() {
    let crc = crc64(b"hello").to_string();
    let server = Server::start(vec![ok_with(
        b"",
        &[("x-oss-version-id", "v-1"), ("x-oss-hash-crc64ecma", &crc)],
    )]);
    let client = oss::Client::new(runtime(&server));
    let meta = [("owner".to_string(), "ops team".to_string())].into();
    let out = block(
        client.put_object(
            oss::PutObjectRequest::new("b1", "dir/a b+é.txt")
                .x_oss_meta(meta)
                .x_oss_forbid_overwrite(true)
                .x_oss_object_acl(acs_runtime::serde_json::json!("private"))
                .body(b"hello".to_vec()),
        ),
    )
    .unwrap();
    assert_eq!(out.x_oss_version_id.as_deref(), Some("v-1"));
    // The upload's CRC-64 was checked against it (a CRC-64 is above `i64::MAX` more often
    // than not, where the metadata types it `int64`: the header stays in the metadata).
    assert_eq!(
        out.meta().header("x-oss-hash-crc64ecma"),
        Some(crc.as_str())
    );
    let r = &server.requests()[0];
    assert_eq!(r.path, "/dir/a%20b+%C3%A9.txt");
    assert_eq!(r.body, b"hello");
    assert_eq!(r.header("content-type"), Some("application/octet-stream"));
    assert_eq!(r.header("x-oss-meta-owner"), Some("ops team"));
    assert_eq!(r.header("x-oss-forbid-overwrite"), Some("true"));
    assert_eq!(r.header("x-oss-object-acl"), Some("private"));
    assert_eq!(
        signatures::verify_oss(&http(r), Some("b1"), SECRET, now()),
        Ok(AK.to_string())
    );
}

#[test]
fn oss_xml_answers_and_header_answers_decode_into_typed_outputs() {
    let server = Server::start(vec![
        Reply::Respond {
            status: 200,
            headers: vec![("content-type".into(), "application/xml".into())],
            body: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LifecycleConfiguration>\
                   <Rule><ID>only</ID><Status>Enabled</Status></Rule></LifecycleConfiguration>"
                .into(),
        },
        Reply::Respond {
            status: 200,
            headers: vec![
                ("x-oss-object-type".into(), "Appendable".into()),
                ("x-oss-next-append-position".into(), "1717".into()),
                ("etag".into(), "\"5B3C\"".into()),
            ],
            body: String::new(),
        },
    ]);
    let client = oss::Client::new(runtime(&server));
    let lifecycle =
        block(client.get_bucket_lifecycle(oss::GetBucketLifecycleRequest::new("b1"))).unwrap();
    // One `<Rule>` is a list of one.
    let rules = lifecycle.lifecycle_configuration.unwrap().rule.unwrap();
    assert_eq!(
        rules,
        vec![acs_runtime::serde_json::json!({"ID": "only", "Status": "Enabled"})]
    );
    let head = block(client.head_object(oss::HeadObjectRequest::new("b1", "a/b.txt"))).unwrap();
    assert_eq!(head.x_oss_object_type.as_deref(), Some("Appendable"));
    assert_eq!(head.x_oss_next_append_position, Some(1717));
    assert_eq!(head.e_tag.as_deref(), Some("\"5B3C\""));
    let requests = server.requests();
    assert_eq!(requests[1].method, "HEAD");
    assert_eq!(requests[1].path, "/a/b.txt");
}

#[test]
fn oss_error_bodies_are_typed_errors_with_their_request_id() {
    let server = Server::start(vec![Reply::Respond {
        status: 404,
        headers: vec![
            ("content-type".into(), "application/xml".into()),
            ("x-oss-request-id".into(), "REQ-OSS".into()),
        ],
        body: "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code>\
               <Message>The specified key does not exist.</Message><RequestId>REQ-OSS</RequestId>\
               <HostId>b1.oss-cn-hangzhou.aliyuncs.com</HostId></Error>"
            .into(),
    }]);
    let client = oss::Client::new(runtime(&server));
    let err = block(client.get_object(oss::GetObjectRequest::new("b1", "missing"))).unwrap_err();
    let service = err.as_service().expect("a service error");
    assert_eq!(service.code(), "NoSuchKey");
    assert_eq!(service.message(), "The specified key does not exist.");
    assert_eq!(service.request_id(), Some("REQ-OSS"));
    assert_eq!(service.http_status(), 404);
}

#[test]
fn sls_json_body_carries_its_digest_raw_size_and_log_signature() {
    let server = Server::start(vec![empty_ok().with_header("x-log-requestid", "REQ-SLS")]);
    let client = sls::Client::new(runtime(&server));
    block(client.create_log_store(sls::CreateLogStoreRequest::new("proj-1", "store-1", 2, 30)))
        .unwrap();
    let r = &server.requests()[0];
    assert_eq!((r.method.as_str(), r.path.as_str()), ("POST", "/logstores"));
    assert_eq!(
        r.header("host"),
        Some(format!("proj-1.localhost:{}", server.addr.port()).as_str())
    );
    let body: acs_runtime::serde_json::Value =
        acs_runtime::serde_json::from_slice(&r.body).unwrap();
    assert_eq!(
        body,
        acs_runtime::serde_json::json!({"logstoreName": "store-1", "shardCount": 2, "ttl": 30})
    );
    let md5 = hex_upper(&acs_runtime::protocol::wire::md5(&r.body));
    assert_eq!(r.header("content-md5"), Some(md5.as_str()));
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(
        r.header("x-log-bodyrawsize"),
        Some(r.body.len().to_string().as_str())
    );
    assert_eq!(r.header("x-log-apiversion"), Some("0.6.0"));
    assert_eq!(r.header("x-log-signaturemethod"), Some("hmac-sha256"));
    assert_eq!(signatures::verify_sls(&http(r), SECRET), Ok(AK.to_string()));
    assert!(signatures::verify_sls(&http(r), "other").is_err());
}

/// A Log Service operation the fixture's snapshot predates, called as the `acs` CLI calls
/// one: `(action, method, path)` of the published document, its parameters written, its
/// JSON answer with `response_headers` read into it.
fn sls_operation(
    (action, method, path): (&'static str, acs_runtime::Method, &'static str),
    params: acs_runtime::Params,
    response_headers: &'static [&'static str],
) -> acs_runtime::DynamicOperation {
    acs_runtime::DynamicOperation {
        target: acs_runtime::Target {
            service: &sls::SERVICE,
            action,
            method,
            path,
        },
        params,
        idempotent: method == acs_runtime::Method::Get,
        has_idempotency_token: false,
        success_field: None,
        anonymous: false,
        output: acs_runtime::BodyKind::Json,
        response_headers,
    }
}

#[test]
fn sls_put_logs_sends_its_log_group_as_lz4_compressed_protobuf() {
    use acs_runtime::serde_json::json;
    use acs_runtime::testing::wire::{Wire, WireBody};
    use acs_runtime::{CallOptions, Method, Params};
    let group = json!({
        "Topic": "web",
        "Source": "10.0.0.1",
        "LogTags": [{"Key": "host", "Value": "h-1"}],
        "LogItems": [
            {"Time": 1700000000, "Contents": [{"Key": "level", "Value": "INFO"},
                                              {"Key": "message", "Value": "x".repeat(200)}]},
            {"Time": 1700000001, "Contents": [{"Key": "level", "Value": "WARN"}]},
        ],
    });
    let mut params = Params::default();
    params.host = Some("proj-1".into());
    params.path_param("logstore", "store-1");
    params.headers.push("x-log-compresstype", "lz4");
    params.payload = Some(acs_runtime::params::Payload::Json(group.clone()));
    let op = sls_operation(
        ("PutLogs", Method::Post, "/logstores/{logstore}/shards/lb"),
        params,
        &[],
    );
    let server = Server::start(vec![empty_ok().with_header("x-log-requestid", "REQ-PUT")]);
    block(runtime(&server).call_dynamic(&op, &CallOptions::default())).unwrap();
    let r = &server.requests()[0];
    assert_eq!(r.path, "/logstores/store-1/shards/lb");
    assert_eq!(r.header("content-type"), Some("application/x-protobuf"));
    assert_eq!(r.header("x-log-compresstype"), Some("lz4"));
    let raw_size: usize = r.header("x-log-bodyrawsize").unwrap().parse().unwrap();
    assert!(r.body.len() < raw_size, "{} of {raw_size}", r.body.len());
    let md5 = hex_upper(&acs_runtime::protocol::wire::md5(&r.body));
    assert_eq!(r.header("content-md5"), Some(md5.as_str()));
    assert_eq!(signatures::verify_sls(&http(r), SECRET), Ok(AK.to_string()));
    // What the gateway reads back, uncompressed and decoded, is the log group sent.
    assert_eq!(Wire::parse(&http(r)).body, WireBody::Json(group));
}

#[test]
fn sls_pull_logs_asks_for_protobuf_and_reads_its_log_group_list() {
    use acs_runtime::decode::DynamicBody;
    use acs_runtime::serde_json::json;
    use acs_runtime::{CallOptions, Method, Params};
    // LogGroupList { LogGroup { Logs: [Log { Time: 5, Contents: [a: b] }], Topic: "t" } },
    // byte by byte from Log Service's proto.
    let log = [0x08, 5, 0x12, 6, 0x0a, 1, b'a', 0x12, 1, b'b'];
    let group = [&[0x0a, log.len() as u8][..], &log, &[0x1a, 1, b't']].concat();
    let list = [&[0x0a, group.len() as u8][..], &group].concat();
    let server = Server::start(vec![ok_with(
        &list,
        &[
            ("content-type", "application/x-protobuf"),
            ("x-log-cursor", "next"),
        ],
    )]);
    let mut params = Params::default();
    params.host = Some("proj-1".into());
    params.path_param("logStore", "store-1");
    params.path_param("shardId", &0);
    params.query.push("cursor", "MTQ0");
    params.query.push("count", "10");
    let op = sls_operation(
        (
            "PullLogs",
            Method::Get,
            "/logstores/{logStore}/shards/{shardId}?type=log",
        ),
        params,
        &["x-log-cursor"],
    );
    let answer = block(runtime(&server).call_dynamic(&op, &CallOptions::default())).unwrap();
    let r = &server.requests()[0];
    assert_eq!(r.header("accept"), Some("application/x-protobuf"));
    assert_eq!(signatures::verify_sls(&http(r), SECRET), Ok(AK.to_string()));
    let expected = json!({
        "LogGroupList": [{"Topic": "t", "LogItems": [{"Time": 5, "Contents": [{"Key": "a", "Value": "b"}]}]}],
        "x-log-cursor": "next",
    });
    assert_eq!(answer, DynamicBody::Json(expected));
}

fn hex_upper(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

#[test]
fn sls_query_subresources_and_error_bodies() {
    let server = Server::start(vec![
        Reply::json(200, r#"[{"__time__": "1700000000", "level": "warn"}]"#)
            .with_header("x-log-count", "1")
            .with_header("x-log-progress", "Complete"),
        Reply::json(
            404,
            r#"{"errorCode": "LogStoreNotExist", "errorMessage": "logstore store-9 does not exist"}"#,
        )
        .with_header("x-log-requestid", "REQ-SLS-404"),
    ]);
    let client = sls::Client::new(runtime(&server));
    let logs = block(
        client.get_logs(
            sls::GetLogsRequest::new("proj-1", "store 1", 1_700_000_000, 1_700_000_600)
                .query("* | select level, count(*)"),
        ),
    )
    .unwrap();
    assert_eq!(logs.items.len(), 1);
    assert_eq!(logs.meta().header("x-log-progress"), Some("Complete"));
    let r = &server.requests()[0];
    assert_eq!(r.path, "/logstores/store%201");
    assert_eq!(r.query_value("type").as_deref(), Some("log"));
    assert_eq!(
        r.query_value("query").as_deref(),
        Some("* | select level, count(*)")
    );
    assert_eq!(signatures::verify_sls(&http(r), SECRET), Ok(AK.to_string()));
    let err =
        block(client.get_logs(sls::GetLogsRequest::new("proj-1", "store-9", 1, 2))).unwrap_err();
    let service = err.as_service().expect("a service error");
    assert_eq!(service.code(), "LogStoreNotExist");
    assert_eq!(service.request_id(), Some("REQ-SLS-404"));
}

#[test]
fn pds_signs_with_roa_v1_and_sends_anonymous_operations_unsigned() {
    let server = Server::start(vec![
        Reply::json(200, r#"{"file_id": "f-1", "name": "a.txt"}"#),
        Reply::json(200, r#"{"share_name": "s"}"#),
    ]);
    let client = pds::Client::new(runtime(&server));
    block(client.get_file(pds::GetFileRequest::new("d1", "f-1").drive_id("1"))).unwrap();
    block(
        client
            .get_share_link_by_anonymous(pds::GetShareLinkByAnonymousRequest::new("d1", "share-1")),
    )
    .unwrap();
    let requests = server.requests();
    let r = &requests[0];
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("POST", "/v2/file/get")
    );
    assert_eq!(
        r.header("host"),
        Some(format!("d1.localhost:{}", server.addr.port()).as_str())
    );
    assert_eq!(r.header("x-acs-action"), Some("GetFile"));
    assert_eq!(r.header("x-acs-signature-method"), Some("HMAC-SHA1"));
    assert!(r.header("x-acs-signature-nonce").is_some());
    assert_eq!(signatures::verify_pds(&http(r), SECRET), Ok(AK.to_string()));
    assert!(signatures::verify_pds(&http(r), "other").is_err());
    assert_eq!(requests[1].header("authorization"), None);
}

#[test]
fn a_presigned_oss_url_is_signed_by_query_and_expires() {
    let server = Server::start(vec![]);
    let rt = runtime(&server);
    let presigned = block(rt.presign(
        oss::GetObjectRequest::new("b1", "dir/a b.txt"),
        std::time::Duration::from_secs(60),
    ))
    .unwrap();
    assert_eq!(presigned.method, "GET");
    assert!(presigned.url.starts_with(&format!(
        "http://b1.localhost:{}/dir/a%20b.txt?",
        server.addr.port()
    )));
    for key in [
        "x-oss-signature-version=OSS4-HMAC-SHA256",
        "x-oss-credential=",
        "x-oss-date=",
        "x-oss-expires=60",
        "x-oss-signature=",
    ] {
        assert!(presigned.url.contains(key), "{key} in {}", presigned.url);
    }
    let request = HttpRequest {
        method: "GET",
        url: presigned.url.clone(),
        headers: vec![(
            "host".into(),
            format!("b1.localhost:{}", server.addr.port()),
        )],
        body: Vec::new(),
    };
    assert_eq!(
        signatures::verify_oss(&request, Some("b1"), SECRET, now()),
        Ok(AK.to_string())
    );
    let late = signatures::verify_oss(&request, Some("b1"), SECRET, presigned.expires_at + 1);
    assert_eq!(late.unwrap_err().code, "AccessDenied");
    // Only OSS presigns.
    assert!(block(rt.presign(
        sls::ListProjectRequest::new(),
        std::time::Duration::from_secs(60)
    ))
    .is_err());
}

#[test]
fn the_typed_double_routes_oss_and_sls_by_path_and_checks_their_signatures() {
    let gateway = Gateway::answering_examples();
    gateway
        .register(oss::operations())
        .register(sls::operations());
    let client = oss::Client::new(gateway.client());
    gateway
        .on::<oss::PutObjectRequest>()
        .returns(oss::PutObjectResponse::new().x_oss_version_id("v-7"));
    let out = block(client.put_object(oss::PutObjectRequest::new("b1", "k/1").body(b"x".to_vec())))
        .unwrap();
    assert_eq!(out.x_oss_version_id.as_deref(), Some("v-7"));
    // `UploadPart` shares `PUT /{key}`; its query keys tell it apart.
    block(
        client.upload_part(oss::UploadPartRequest::new("b1", "k/1", 1, "up-1").body(b"y".to_vec())),
    )
    .unwrap();
    let calls = gateway.calls::<oss::UploadPartRequest>();
    assert_eq!(calls.len(), 1);
    assert_eq!(
        (calls[0].bucket.as_str(), calls[0].key.as_str()),
        ("b1", "k/1")
    );
    assert_eq!(gateway.calls::<oss::PutObjectRequest>().len(), 1);
    // The bucket's listing at the bucket's host, the service's at the endpoint.
    block(client.list_objects(oss::ListObjectsRequest::new("b1"))).unwrap();
    block(client.list_buckets(oss::ListBucketsRequest::new())).unwrap();
    assert_eq!(gateway.calls::<oss::ListObjectsRequest>().len(), 1);
    assert_eq!(gateway.calls::<oss::ListBucketsRequest>().len(), 1);
    let logs = sls::Client::new(gateway.client());
    block(logs.create_log_store(sls::CreateLogStoreRequest::new("p1", "s1", 2, 30))).unwrap();
    assert_eq!(
        gateway.calls::<sls::CreateLogStoreRequest>()[0].logstore_name,
        "s1"
    );
    // A wrong secret is refused, in each product's own error body.
    let wrong = gateway
        .client_builder()
        .credentials(Credentials::new("id", "wrong"))
        .build()
        .unwrap();
    let err =
        block(oss::Client::new(wrong.clone()).list_objects(oss::ListObjectsRequest::new("b1")))
            .unwrap_err();
    assert_eq!(err.as_service().unwrap().code(), "SignatureDoesNotMatch");
    let err =
        block(sls::Client::new(wrong).list_project(sls::ListProjectRequest::new())).unwrap_err();
    assert_eq!(err.as_service().unwrap().code(), "SignatureNotMatch");
}

/// The CRC-64 OSS computes (`x-oss-hash-crc64ecma`).
fn crc64(bytes: &[u8]) -> u64 {
    let mut c = acs_runtime::body::Crc64::new();
    c.update(bytes);
    c.value()
}

/// `len` bytes of text (the loopback server's bodies are text).
fn object(len: usize) -> Vec<u8> {
    (0..len).map(|i| b'a' + (i * 31 % 26) as u8).collect()
}

/// A 200 answer with `body` and `headers`.
fn ok_with(body: &[u8], headers: &[(&str, &str)]) -> Reply {
    Reply::Respond {
        status: 200,
        headers: headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        body: String::from_utf8(body.to_vec()).unwrap(),
    }
}

/// A client of the server at `localhost:<port>` that retries once.
fn retrying(server: &Server) -> Client {
    Client::builder()
        .credentials(Credentials::new(AK, SECRET))
        .region("cn-hangzhou")
        .endpoint(format!("http://localhost:{}", server.addr.port()))
        .retry(RetryPolicy {
            max_attempts: 2,
            base_delay: std::time::Duration::from_millis(1),
            max_delay: std::time::Duration::from_millis(2),
            max_retry_after: std::time::Duration::from_millis(2),
        })
        .build()
        .unwrap()
}

#[test]
fn a_download_streams_and_fails_when_cut_short_or_damaged() {
    let bytes = object(300_000);
    let crc = crc64(&bytes).to_string();
    let mut damaged = bytes.clone();
    damaged[1000] = if damaged[1000] == b'a' { b'b' } else { b'a' };
    let server = Server::start(vec![
        ok_with(&bytes, &[("x-oss-hash-crc64ecma", &crc)]),
        Reply::Truncated {
            declared: bytes.len(),
            body: String::from_utf8(bytes[..bytes.len() / 2].to_vec()).unwrap(),
        },
        ok_with(&damaged, &[("x-oss-hash-crc64ecma", &crc)]),
    ]);
    let rt = runtime(&server);
    let options = acs_runtime::CallOptions::default();
    let get = || oss::GetObjectRequest::new("b1", "big.bin");
    let whole = block(async {
        let d = rt.download(get(), &options).await.unwrap();
        assert_eq!(d.meta.header("x-oss-hash-crc64ecma"), Some(crc.as_str()));
        d.body.collect().await
    });
    assert_eq!(whole.unwrap(), bytes);
    let cut = block(async {
        rt.download(get(), &options)
            .await
            .unwrap()
            .body
            .collect()
            .await
    });
    assert!(cut.is_err(), "a cut download is an error: {cut:?}");
    let corrupt = block(async {
        rt.download(get(), &options)
            .await
            .unwrap()
            .body
            .collect()
            .await
    });
    assert!(
        matches!(corrupt, Err(acs_runtime::BodyError::Crc64 { .. })),
        "{corrupt:?}"
    );
}

#[test]
fn a_file_upload_is_streamed_resent_on_retry_and_checked_by_crc() {
    let dir = std::env::temp_dir().join(format!("acs-gw-upload-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("object.bin");
    let data = object(200_000);
    std::fs::write(&path, &data).unwrap();
    let crc = crc64(&data).to_string();
    let server = Server::start(vec![
        Reply::json(503, r#"{"Code": "ServiceUnavailable", "Message": "busy"}"#),
        empty_ok().with_header("x-oss-hash-crc64ecma", &crc),
        empty_ok().with_header("x-oss-hash-crc64ecma", "12345"),
    ]);
    let client = oss::Client::new(retrying(&server));
    let put = || {
        oss::PutObjectRequest::new("b1", "object.bin")
            .body(acs_runtime::Body::from_path(&path).unwrap())
    };
    block(client.put_object(put())).unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), 2, "retried once");
    for r in &requests {
        assert_eq!(r.body, data, "the whole file, each attempt");
        assert_eq!(r.header("content-length"), Some("200000"));
        assert_eq!(
            signatures::verify_oss(&http(r), Some("b1"), SECRET, now()),
            Ok(AK.to_string())
        );
    }
    let damaged = block(client.put_object(put())).unwrap_err();
    assert!(damaged.to_string().contains("CRC-64"), "{damaged}");
    // A one-shot stream is sent once: its retry is refused, saying why.
    let server = Server::start(vec![Reply::json(
        503,
        r#"{"Code": "ServiceUnavailable", "Message": "busy"}"#,
    )]);
    let client = oss::Client::new(retrying(&server));
    let once =
        acs_runtime::Body::from_reader(std::io::Cursor::new(data.clone()), data.len() as u64);
    let err = block(client.put_object(oss::PutObjectRequest::new("b1", "o").body(once)))
        .unwrap_err()
        .to_string();
    assert!(err.contains("one-shot stream"), "{err}");
    std::fs::remove_dir_all(dir).ok();
}

/// The generated `acs`, as a user runs it: keys from the environment, stdout and stderr piped.
fn acs(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_acs"))
        .args(args)
        .env("ALIBABA_CLOUD_ACCESS_KEY_ID", AK)
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET)
        .env_remove("ALIBABA_CLOUD_ENDPOINT_URL")
        .output()
        .unwrap()
}

#[test]
fn the_cli_streams_files_and_downloads_and_prints_xml_and_headers_as_json() {
    let dir = std::env::temp_dir().join(format!("acs-gw-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("upload.bin");
    let data = object(300_000);
    std::fs::write(&path, &data).unwrap();
    let crc = crc64(&data).to_string();
    let server = Server::start(vec![
        ok_with(b"", &[("x-oss-hash-crc64ecma", &crc), ("x-oss-version-id", "v-9")]),
        ok_with(&data, &[("x-oss-hash-crc64ecma", &crc)]),
        Reply::Truncated {
            declared: data.len(),
            body: String::from_utf8(data[..1000].to_vec()).unwrap(),
        },
        ok_with(
            b"<?xml version=\"1.0\"?><ListBucketResult><Name>b1</Name><Contents><Key>a</Key></Contents><Contents><Key>b</Key></Contents></ListBucketResult>",
            &[("content-type", "application/xml")],
        ),
        empty_ok(),
    ]);
    let endpoint = format!("http://localhost:{}", server.addr.port());
    let common = ["--endpoint", endpoint.as_str(), "--region", "cn-hangzhou"];
    let run = |args: &[&str]| acs(&[args, &common[..]].concat());
    // An upload from a file: streamed, the answer's declared headers printed, no progress
    // in a pipe.
    let put = run(&[
        "oss",
        "put-object",
        "--bucket",
        "b1",
        "--key",
        "dir/a b.txt",
        "--body",
        path.to_str().unwrap(),
    ]);
    assert!(
        put.status.success(),
        "{}",
        String::from_utf8_lossy(&put.stderr)
    );
    assert!(
        put.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&put.stderr)
    );
    let printed: acs_runtime::serde_json::Value =
        acs_runtime::serde_json::from_slice(&put.stdout).unwrap();
    assert_eq!(printed["x-oss-version-id"], "v-9");
    // A download: its bytes on stdout and nothing else.
    let get = run(&[
        "oss",
        "get-object",
        "--bucket",
        "b1",
        "--key",
        "dir/a b.txt",
    ]);
    assert!(
        get.status.success(),
        "{}",
        String::from_utf8_lossy(&get.stderr)
    );
    assert_eq!(get.stdout, data);
    assert!(get.stderr.is_empty());
    // A download cut short is a failure (exit 3), never a short success.
    let cut = run(&[
        "oss",
        "get-object",
        "--bucket",
        "b1",
        "--key",
        "dir/a b.txt",
    ]);
    assert_eq!(
        cut.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&cut.stderr)
    );
    // An XML answer as JSON, element names as keys, repeated elements as lists.
    let list = run(&["oss", "list-objects", "--bucket", "b1"]);
    let printed: acs_runtime::serde_json::Value =
        acs_runtime::serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(printed["ListBucketResult"]["Name"], "b1");
    assert_eq!(printed["ListBucketResult"]["Contents"][1]["Key"], "b");
    // One flag fills a path parameter and the body property of the same name.
    let sls = run(&[
        "sls",
        "update-dashboard",
        "--project",
        "p1",
        "--dashboard-name",
        "d1",
        "--charts",
        "[]",
        "--display-name",
        "D",
    ]);
    assert!(
        sls.status.success(),
        "{}",
        String::from_utf8_lossy(&sls.stderr)
    );
    // A presigned URL: one line, nothing sent.
    let presign = run(&[
        "oss",
        "get-object",
        "--bucket",
        "b1",
        "--key",
        "k",
        "--presign",
        "60",
    ]);
    let url = String::from_utf8(presign.stdout).unwrap();
    assert_eq!(url.lines().count(), 1);
    assert!(url.contains("x-oss-signature="), "{url}");
    let requests = server.requests();
    assert_eq!(requests.len(), 5, "the presigned call sent nothing");
    assert_eq!(requests[0].body, data);
    assert_eq!(requests[0].path, "/dir/a%20b.txt");
    assert_eq!(
        signatures::verify_oss(&http(&requests[0]), Some("b1"), SECRET, now()),
        Ok(AK.to_string())
    );
    assert_eq!(requests[4].path, "/dashboards/d1");
    let body: acs_runtime::serde_json::Value =
        acs_runtime::serde_json::from_slice(&requests[4].body).unwrap();
    assert_eq!(body["dashboardName"], "d1");
    assert_eq!(
        signatures::verify_sls(&http(&requests[4]), SECRET),
        Ok(AK.to_string())
    );
    std::fs::remove_dir_all(dir).ok();
}
