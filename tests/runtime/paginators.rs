//! Paginators, on the gateway double (`acs_runtime::testing::Gateway`, which checks every
//! request's signature and parameters and records it typed) for the library, and against a
//! server on 127.0.0.1 for the `acs` command: the fixture's token-paged (`ListThings`,
//! inferred) and number-paged (`ListNumbered`, `x-acs-pagination`) operations walked to the
//! end through `_pages` and `.items()`, and every stop: an empty page, the announced total, a
//! missing and a repeated token, an error.

use crate::support::{block, Reply, Server};
use acs_codegen_tests::shapes::v2020_01_01 as shapes;
use acs_runtime::testing::Gateway;
use acs_runtime::{ErrorMeta, RetryPolicy, SdkError, ServiceError};

/// A gateway and a client of it that does not retry.
fn gateway() -> (Gateway, shapes::Client) {
    let gateway = Gateway::new();
    let runtime = gateway
        .client_builder()
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();
    (gateway, shapes::Client::new(runtime))
}

/// A token page: its things, its next token (if any) and a total.
fn token_page(
    names: &[&str],
    next: Option<&str>,
    total: Option<i32>,
) -> shapes::ListThingsResponse {
    // An answer in one expression: outputs have the requests' setters (under `testing`).
    let page = shapes::ListThingsResponse::new().request_id("R").things(
        shapes::ListThingsResponseThings::new().thing(
            names
                .iter()
                .map(|n| shapes::ListThingsResponseThingsThingItem::new().name(*n))
                .collect(),
        ),
    );
    let page = match next {
        Some(token) => page.next_token(token),
        None => page,
    };
    match total {
        Some(total) => page.total_count(total),
        None => page,
    }
}

/// The pages `ListThings` answers, in order (the last one repeats).
fn answer_pages(gateway: &Gateway, pages: Vec<shapes::ListThingsResponse>) {
    let rule = gateway.on::<shapes::ListThingsRequest>();
    pages
        .into_iter()
        .fold(rule, |rule, page| rule.returns(page));
}

fn names(things: &[shapes::ListThingsResponseThingsThingItem]) -> Vec<String> {
    things
        .iter()
        .map(|t| t.name.clone().unwrap_or_default())
        .collect()
}

#[test]
fn a_token_paged_operation_is_walked_to_the_end() {
    let (gateway, client) = gateway();
    answer_pages(
        &gateway,
        vec![
            token_page(&["a", "b"], Some("t1"), None),
            token_page(&["c"], Some("t2"), None),
            token_page(&["d"], Some(""), None),
            token_page(&["never"], None, None),
        ],
    );
    let items = block(
        client
            .list_things_pages(shapes::ListThingsRequest::new())
            .page_size(2)
            .items()
            .collect(),
    )
    .unwrap();
    assert_eq!(
        names(&items),
        ["a", "b", "c", "d"],
        "an empty token ends it"
    );
    let calls = gateway.calls::<shapes::ListThingsRequest>();
    let tokens: Vec<Option<&str>> = calls.iter().map(|c| c.next_token.as_deref()).collect();
    assert_eq!(tokens, [None, Some("t1"), Some("t2")]);
    assert!(
        calls.iter().all(|c| c.max_results == Some(2)),
        "page size on every page: {calls:?}"
    );
}

#[test]
fn paging_by_token_stops_on_a_repeated_token_a_missing_one_the_total_and_an_empty_page() {
    type Case = (
        &'static str,
        Vec<shapes::ListThingsResponse>,
        Vec<&'static str>,
        usize,
    );
    let cases: Vec<Case> = vec![
        (
            "a repeated token",
            vec![
                token_page(&["a"], Some("same"), None),
                token_page(&["b"], Some("same"), None),
                token_page(&["loop"], Some("same"), None),
            ],
            vec!["a", "b"],
            2,
        ),
        (
            "a missing token",
            vec![
                token_page(&["a"], None, None),
                token_page(&["never"], None, None),
            ],
            vec!["a"],
            1,
        ),
        (
            "the total reached",
            vec![
                token_page(&["a", "b"], Some("t1"), Some(3)),
                token_page(&["c"], Some("t2"), Some(3)),
                token_page(&["never"], None, Some(3)),
            ],
            vec!["a", "b", "c"],
            2,
        ),
        (
            "an empty page",
            vec![
                token_page(&["a"], Some("t1"), None),
                token_page(&[], Some("t2"), None),
                token_page(&["never"], None, None),
            ],
            vec!["a"],
            2,
        ),
        (
            "a total of 0 beside items (no total)",
            vec![
                token_page(&["a"], Some("t1"), Some(0)),
                token_page(&["b"], None, Some(0)),
            ],
            vec!["a", "b"],
            2,
        ),
    ];
    for (case, pages, expected, calls) in cases {
        let (gateway, client) = gateway();
        answer_pages(&gateway, pages);
        let items = block(
            client
                .list_things_pages(shapes::ListThingsRequest::new())
                .items()
                .collect(),
        )
        .unwrap();
        assert_eq!(names(&items), expected, "{case}");
        assert_eq!(
            gateway.calls::<shapes::ListThingsRequest>().len(),
            calls,
            "{case}: calls"
        );
    }
}

#[test]
fn a_number_paged_operation_counts_pages_up_to_the_total() {
    let page = |items: &[&str]| {
        let mut data =
            shapes::ListNumberedResponseData::new(items.iter().map(|i| i.to_string()).collect());
        data.total = Some(5);
        let mut page = shapes::ListNumberedResponse::new().with_meta(
            acs_runtime::ResponseMeta::new(200, vec![], Some("R".into())),
        );
        page.data = Some(data);
        page
    };
    let (gateway, client) = gateway();
    gateway
        .on::<shapes::ListNumberedRequest>()
        .returns(page(&["a", "b"]))
        .returns(page(&["c", "d"]))
        .returns(page(&["e"]))
        .returns(page(&["never"]));
    // Pages as outputs, each with its metadata.
    let mut pages = client
        .list_numbered_pages(shapes::ListNumberedRequest::new(1))
        .page_size(2);
    let mut seen = Vec::new();
    block(async {
        while let Some(page) = pages.next().await {
            let page = page.unwrap();
            assert_eq!(page.meta().request_id(), Some("R"));
            seen.push(
                page.data
                    .as_ref()
                    .map(|d| d.items.clone())
                    .unwrap_or_default(),
            );
        }
    });
    assert_eq!(seen.concat(), ["a", "b", "c", "d", "e"]);
    let calls = gateway.calls::<shapes::ListNumberedRequest>();
    let numbers: Vec<i64> = calls.iter().map(|c| c.page).collect();
    assert_eq!(numbers, [1, 2, 3]);
    assert!(calls.iter().all(|c| c.size == Some(2)), "{calls:?}");
}

#[test]
fn an_error_ends_the_pages_after_it_is_yielded() {
    let (gateway, client) = gateway();
    gateway
        .on::<shapes::ListThingsRequest>()
        .returns(token_page(&["a"], Some("t1"), None))
        .fails(shapes::ListThingsError::from_meta(ErrorMeta::new(
            400,
            "InvalidParameter",
            "bad token",
        )))
        .returns(token_page(&["never"], None, None));
    let mut items = client
        .list_things_pages(shapes::ListThingsRequest::new())
        .items();
    block(async {
        assert_eq!(
            items.next().await.unwrap().unwrap().name.as_deref(),
            Some("a")
        );
        match items.next().await {
            Some(Err(SdkError::Service(e))) => assert_eq!(e.code(), "InvalidParameter"),
            other => panic!("expected the service error, got {other:?}"),
        }
        assert!(items.next().await.is_none(), "nothing after the error");
    });
    assert_eq!(gateway.calls::<shapes::ListThingsRequest>().len(), 2);
}

#[test]
fn pages_are_a_stream() {
    fn stream<S: futures_core::Stream>(_: &S) {}
    let (_gateway, client) = gateway();
    let pages = client.list_things_pages(shapes::ListThingsRequest::new());
    stream(&pages);
    stream(&pages.items());
}

fn acs(server: &Server, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_acs-shapes"))
        .args(args)
        .args(["--endpoint", &server.url(), "--region", "cn-hangzhou"])
        .env_clear()
        .env("HOME", std::env::temp_dir().join("acs-pager-test-no-home"))
        .env("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI5tPagerKey")
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "pager-secret")
        .output()
        .unwrap()
}

fn stdout_json(out: &std::process::Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A page as the server sends it.
fn wire_page(page: shapes::ListThingsResponse) -> Reply {
    Reply::json(200, &acs_runtime::ToJson::to_json(&page).to_string())
}

#[test]
fn the_cli_pager_merges_every_page_by_token_and_by_number() {
    let server = Server::start(vec![
        wire_page(token_page(&["a", "b"], Some("t1"), None)),
        wire_page(token_page(&["c"], Some("t1"), None)),
        wire_page(token_page(&["never"], None, None)),
    ]);
    let out = acs(&server, &["shapes", "list-things", "--pager"]);
    assert_eq!(
        stdout_json(&out),
        serde_json::json!([{"Name": "a"}, {"Name": "b"}, {"Name": "c"}]),
        "a repeated token stops it"
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].query_value("NextToken").as_deref(), Some("t1"));

    let page = |items: &str| {
        Reply::json(
            200,
            &format!(r#"{{"RequestId":"R","Data":{{"Total":3,"Items":[{items}]}}}}"#),
        )
    };
    let server = Server::start(vec![page(r#""a","b""#), page(r#""c""#), page(r#""never""#)]);
    let out = acs(
        &server,
        &["shapes", "list-numbered", "--page", "1", "--pager"],
    );
    assert_eq!(stdout_json(&out), serde_json::json!(["a", "b", "c"]));
    let pages: Vec<Option<String>> = server
        .requests()
        .iter()
        .map(|r| r.query_value("Page"))
        .collect();
    assert_eq!(
        pages,
        [Some("1".to_string()), Some("2".into())],
        "one value per page"
    );
    // An operation that does not page has no `--pager`: a usage error naming it.
    let out = acs(&server, &["shapes", "list-nothing", "--pager"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unexpected argument '--pager'"));
}

#[test]
fn the_cli_waiter_polls_until_the_field_has_the_value_or_gives_up() {
    let status = |s: &str| {
        Reply::json(
            200,
            &format!(r#"{{"RequestId":"R","Things":{{"Thing":[{{"Name":"{s}"}}]}}}}"#),
        )
    };
    let server = Server::start(vec![
        status("Starting"),
        status("Starting"),
        status("Running"),
    ]);
    let waiter = [
        "--waiter",
        "expr=Things.Thing[0].Name",
        "to=Running",
        "interval=0.01",
    ];
    let out = acs(
        &server,
        &[&["shapes", "list-things"][..], &waiter[..]].concat(),
    );
    assert_eq!(stdout_json(&out)["Things"]["Thing"][0]["Name"], "Running");
    assert_eq!(server.requests().len(), 3);

    let server = Server::start(vec![status("Starting")]);
    let waiter = [
        "--waiter",
        "expr=Things.Thing[*].Name",
        "to=Running",
        "interval=0.01",
        "timeout=0.1",
    ];
    let out = acs(
        &server,
        &[&["shapes", "list-things"][..], &waiter[..]].concat(),
    );
    assert_eq!(out.status.code(), Some(3), "no usable response in time");
    assert!(String::from_utf8_lossy(&out.stderr).contains("gave up waiting"));
    let bad = acs(
        &server,
        &["shapes", "list-things", "--waiter", "to=Running"],
    );
    assert_eq!(bad.status.code(), Some(2));
}
