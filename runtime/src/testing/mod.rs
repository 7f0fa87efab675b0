//! Testing support.
//!
//! - Assertions for tests of generated operations: the tests acs-codegen writes into the
//!   generated crate use them, and so can users' own tests. They panic on failure, as test
//!   assertions do; nothing on the call path uses them.
//! - With feature `testing`:
//!   - `wire`: requests read back from the wire and outputs written as bodies, which
//!     generated types implement (under their crate's own `testing` feature, which turns
//!     this one on);
//!   - `Gateway`: an in-process Alibaba Cloud gateway double typed by the generated
//!     operations (answers, errors, faults, recorded calls, the gateway's checks).
//! - With `testing-server`, `serve`: the same engine over HTTP on loopback.

#[cfg(feature = "testing")]
mod engine;
#[cfg(feature = "testing")]
mod gateway;
#[cfg(feature = "testing-server")]
mod server;
#[cfg(feature = "testing")]
pub mod signatures;
#[cfg(feature = "testing")]
pub mod verify;
#[cfg(feature = "testing")]
pub mod wire;

#[cfg(feature = "testing")]
pub use engine::{
    Call, Engine, Fault, Outcome, Reply, Responder, Unruled, TEST_SECRET, TIMEOUT_HOLD,
};
#[cfg(feature = "testing")]
pub use gateway::{Answer, Gateway, Rule, TEST_ACCESS_KEY_ID};
#[cfg(feature = "testing-server")]
pub use server::{serve, Server};
#[cfg(feature = "testing")]
pub use wire::{FromWire, KnownValues, Place, Route, ToBody, Wire, WireError};

use crate::decode::decode_response;
use crate::error::{SdkError, ServiceError};
use crate::operation::Operation;
use std::fmt::Debug;

/// An error body as the gateway sends it, with fixed request id, host id and recommend link.
pub fn error_body(code: &str, message: &str) -> String {
    serde_json::json!({
        "RequestId": "REQ-1",
        "HostId": "host.example",
        "Code": code,
        "Message": message,
        "Recommend": "https://api.aliyun.com/troubleshoot",
    })
    .to_string()
}

/// An error body as `O` gets it: [`error_body`], with the operation's success field (if
/// any) set to `false`, as such services send errors on HTTP 200.
pub fn operation_error_body<O: Operation>(code: &str, message: &str) -> String {
    let body = error_body(code, message);
    match O::SUCCESS_FIELD {
        Some(field) => {
            let mut v: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
            v[field] = serde_json::Value::Bool(false);
            v.to_string()
        }
        None => body,
    }
}

/// Decodes `body` as a response of `O` and returns the service error it must be.
pub fn service_error<O: Operation>(status: u16, body: &str) -> O::Error
where
    O::Output: Debug,
{
    match decode_response::<O>(status, &[], body.as_bytes()) {
        Err(SdkError::Service(e)) => e,
        other => panic!("expected a service error, got {other:?}"),
    }
}

/// Checks that each documented code `(status, code, message, variant, retryable)` decodes
/// into its own variant with all its metadata, that each common code the operation does not
/// document decodes into `Common`, and that an undocumented code is `Unhandled`.
pub fn assert_error_rows<O: Operation>(rows: &[(u16, &str, &str, &str, bool)])
where
    O::Output: Debug,
{
    for &(status, code, message, variant, retryable) in rows {
        let err = service_error::<O>(status, &operation_error_body::<O>(code, message));
        assert!(
            format!("{err:?}").starts_with(&format!("{variant}(")),
            "{code}: {err:?}"
        );
        let meta = err.meta();
        assert_eq!(meta.code, code);
        assert_eq!(meta.message, message);
        assert_eq!(meta.http_status, status);
        assert_eq!(meta.request_id.as_deref(), Some("REQ-1"));
        assert_eq!(meta.host_id.as_deref(), Some("host.example"));
        assert_eq!(
            meta.recommend.as_deref(),
            Some("https://api.aliyun.com/troubleshoot")
        );
        // The spec's `retryable` is the variant's; the runtime's one rule does the rest.
        assert_eq!(err.documented_retryable(), retryable, "{code}");
        assert_eq!(err.is_retryable(), meta.is_retryable(retryable), "{code}");
    }
    // The common gateway codes the operation does not document go to `Common`.
    for &code in <O::Error as ServiceError>::COMMON_CODES {
        let err = service_error::<O>(400, &operation_error_body::<O>(code, "common"));
        assert!(format!("{err:?}").starts_with("Common("), "{code}: {err:?}");
        assert_eq!(err.meta().code, code);
        assert_eq!(err.meta().request_id.as_deref(), Some("REQ-1"));
    }
    let err = service_error::<O>(400, &error_body("Some.UndocumentedCode", "new"));
    assert!(format!("{err:?}").starts_with("Unhandled("), "{err:?}");
    assert_eq!(err.meta().code, "Some.UndocumentedCode");
}
