//! How a run of `acs` ends: its exit codes, and the failure that says why.

use crate::error::{SdkError, ServiceError};

/// The `acs` exit codes, as the README lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Exit {
    /// The call succeeded; or help was shown, or a dry run printed the request.
    Success = 0,
    /// The service answered an error (its code, message and request ID on stderr).
    Service = 1,
    /// Bad usage or configuration: arguments, credentials, endpoint, region.
    Usage = 2,
    /// No answer to read: the connection, a timeout, a malformed response.
    Transport = 3,
}

/// Why a run ends without an answer to print: its exit code and what `error:` says.
pub(super) struct Failure {
    pub(super) exit: Exit,
    pub(super) message: String,
}

impl Failure {
    pub(super) fn usage(message: impl std::fmt::Display) -> Self {
        Failure {
            exit: Exit::Usage,
            message: message.to_string(),
        }
    }

    /// A failed call: the service's error (code, message, status, request id), a
    /// misconfiguration, or no usable answer.
    pub(super) fn of<E: ServiceError>(e: SdkError<E>) -> Self {
        match e {
            SdkError::Service(e) => {
                let m = e.meta();
                let mut message = format!(
                    "{}: {}\nhttp status: {}\nrequest id: {}",
                    m.code,
                    m.message,
                    m.http_status,
                    m.request_id.as_deref().unwrap_or("-")
                );
                if let Some(h) = &m.host_id {
                    message.push_str(&format!("\nhost id: {h}"));
                }
                if let Some(r) = &m.recommend {
                    message.push_str(&format!("\nrecommend: {r}"));
                }
                Failure {
                    exit: Exit::Service,
                    message,
                }
            }
            SdkError::Config(e) => Failure::usage(e),
            e => Failure {
                exit: Exit::Transport,
                message: e.to_string(),
            },
        }
    }
}
