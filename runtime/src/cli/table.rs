//! The tables the generator writes for the `acs` command line: products, operations, their
//! parameters and how they page, in wire names; and the global flags an operation's flags
//! must not take.

use crate::client::Target;
use crate::operation::BodyKind;
use crate::paginate::Paging;

/// Flags of the global options (and clap's own), which operation flags must not take.
pub const GLOBAL_FLAGS: &[&str] = &[
    "region",
    "endpoint",
    "profile",
    "output",
    "dry-run",
    "show-secrets",
    "pager",
    "waiter",
    "presign",
    "help",
    "version",
];

/// Prefix of an operation flag renamed to avoid a global option.
pub const COLLISION_PREFIX: &str = "param-";

/// A product (`esa`) and its operations.
#[derive(Debug)]
pub struct Product {
    /// Its name on the command line (`ecs`).
    pub name: &'static str,
    /// Its one-line help.
    pub about: &'static str,
    /// Its operations.
    pub operations: &'static [Operation],
}

/// An operation (`release-instance`).
#[derive(Debug)]
pub struct Operation {
    /// Its name on the command line (`describe-instances`).
    pub name: &'static str,
    /// Its one-line help.
    pub about: &'static str,
    /// Where the call goes (service, action, method, path).
    pub target: Target,
    /// Whether a retry is safe.
    pub idempotent: bool,
    /// The body field whose `false` makes a 200 answer an error.
    pub success_field: Option<&'static str>,
    /// Wire name of the idempotency token parameter.
    pub idempotency_token: Option<&'static str>,
    /// Called without a signature (no credentials needed).
    pub anonymous: bool,
    /// Its parameters, one flag each.
    pub params: &'static [Param],
    /// Response fields holding secrets (`AccessKeySecret`), shown as `***` unless
    /// `--show-secrets` is given.
    pub sensitive: &'static [&'static str],
    /// What the success body holds.
    pub output: BodyKind,
    /// The response headers the output has fields for (printed as members of the answer).
    pub response_headers: &'static [&'static str],
    /// How the operation pages, for `--pager`.
    pub pager: Option<Pager>,
}

/// How an operation pages, in wire names: request parameters by name, response fields as
/// paths from the body.
#[derive(Debug)]
pub struct Pager {
    /// By token or by page number.
    pub paging: Paging,
    /// The request field carrying the next token.
    pub input_token: Option<&'static str>,
    /// The request field carrying the page number.
    pub page_number: Option<&'static str>,
    /// The request field carrying the page size.
    pub page_size: Option<&'static str>,
    /// Where the answer holds the next token.
    pub output_token: &'static [&'static str],
    /// Where the answer holds the page's items.
    pub items: &'static [&'static str],
    /// Where the answer holds the total count.
    pub total: &'static [&'static str],
}

/// A parameter flag.
#[derive(Debug)]
pub struct Param {
    /// The flag without dashes (`instance-id`).
    pub flag: &'static str,
    /// The name on the wire (`InstanceId`).
    pub wire: &'static str,
    /// The first sentence of the description (`-h`).
    pub help: &'static str,
    /// The whole description (`--help`).
    pub description: &'static str,
    /// Whether the call needs it.
    pub required: bool,
    /// How its value is read.
    pub kind: Kind,
    /// Where it goes on the wire.
    pub place: Place,
    /// How a list or object is written.
    pub style: Style,
    /// The documented example value, shown in the help and the operation's example.
    pub example: Option<&'static str>,
    /// A path parameter whose value also fills the body property of the same name (SLS
    /// `UpdateDashboard`'s `dashboardName`): the body object it goes in ([`Place::Json`] or
    /// [`Place::Xml`]); one flag fills both.
    pub also_body: Option<Place>,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Fills the path template (or is the whole path of a `*` template).
    Path,
    /// In the query string.
    Query,
    /// A header.
    Header,
    /// A form body field.
    Form,
    /// A property of the JSON object body.
    Json,
    /// A property of the XML body's object (its root element).
    Xml,
    /// The host parameter (OSS `bucket`), in front of the endpoint's host.
    Host,
    /// The whole body.
    Payload,
}

/// How a flag's value is read.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// As given.
    String,
    /// A decimal integer.
    Integer,
    /// A decimal number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// One of the documented values.
    Enum(&'static [&'static str]),
    /// A list or object, given as JSON.
    Json,
    /// Bytes, read from the file the flag names (`-`: standard input).
    File,
}

/// How a JSON value is sent.
#[derive(Debug, Clone, Copy)]
pub enum Style {
    /// `Name.1.Key` flattening (RPC).
    Flat,
    /// One JSON-encoded value.
    Json,
    /// Comma-separated values.
    Simple,
}
