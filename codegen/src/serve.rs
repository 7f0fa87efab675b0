//! `acs-codegen serve`: the runtime's gateway double (`acs_runtime::testing`) behind HTTP on
//! 127.0.0.1, knowing every operation of the specs: each is routed by its action, version,
//! method and path, checked as the gateway checks it (signature, required parameters, their
//! types and enum values) and answered with its success example, unless a rules file says
//! otherwise.
//!
//! The rules file (YAML) maps an action to its answers, in order; the last one repeats:
//!
//! ```yaml
//! DescribeInstances:
//!   - fault: throttling              # throttling | server-error | timeout | dropped | malformed
//!   - error: {code: InvalidInstance.NotFound, message: "no such instance", status: 404}
//!   - body: {RequestId: R-1, Instances: []}   # a success body (JSON); `status:` beside it
//!   - example                        # the spec's success example
//! ```
//!
//! An action of several versions gets the rule in each; `Version/Action`
//! (`2014-05-26/DescribeInstances`) names one.

use crate::diagnostics::Error;
use crate::model::{self, Api, HttpMethod, Param, Type};
use acs_runtime::testing::{
    Engine, Fault, Place, Reply, Responder, Route, Unruled, Wire, WireError,
};
use acs_runtime::{FromJson, Method};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// The routes of every operation of `api`.
pub fn routes(api: &Api) -> Vec<Route> {
    api.services
        .iter()
        .flat_map(|s| s.operations.iter().map(move |op| route(s, op)))
        .collect()
}

fn route(service: &model::Service, op: &model::Operation) -> Route {
    let params: Vec<ParamCheck> = op
        .params
        .iter()
        .map(|p| ParamCheck::new(service, p))
        .collect();
    let endpoints = &service.endpoints;
    Route {
        product: service.product.clone(),
        hosts: std::iter::once(&endpoints.template)
            .chain(endpoints.regional.values())
            .map(|h| {
                h.split_once("://")
                    .map_or(h.as_str(), |(_, r)| r)
                    .to_string()
            })
            .collect(),
        action: op.action.clone(),
        version: service.version.clone(),
        method: method(op.http_method),
        path: op.path.clone(),
        example: op.ok_example().map(|e| e.to_string()),
        anonymous: op.anonymous,
        success_field: op.success_field.clone(),
        check: Arc::new(move |wire: &Wire| params.iter().try_for_each(|p| p.check(wire))),
        protocol: protocol(service.protocol),
        host: op
            .params
            .iter()
            .any(|p| p.location == model::Location::Host),
        query: op
            .params
            .iter()
            .filter(|p| p.location == model::Location::Query)
            .map(|p| p.wire_name.clone())
            .collect(),
    }
}

fn protocol(p: model::Protocol) -> acs_runtime::Protocol {
    match p {
        model::Protocol::Acs3 => acs_runtime::Protocol::Acs3,
        model::Protocol::Oss => acs_runtime::Protocol::Oss,
        model::Protocol::Sls => acs_runtime::Protocol::Sls,
        model::Protocol::Pds => acs_runtime::Protocol::Pds,
    }
}

fn method(m: HttpMethod) -> Method {
    match m {
        HttpMethod::Get => Method::Get,
        HttpMethod::Post => Method::Post,
        HttpMethod::Put => Method::Put,
        HttpMethod::Delete => Method::Delete,
        HttpMethod::Patch => Method::Patch,
        HttpMethod::Head => Method::Head,
        HttpMethod::Options => Method::Options,
    }
}

/// What the gateway checks of one parameter: present when required, readable as its type,
/// one of its documented values when an enum.
struct ParamCheck {
    wire: String,
    place: Place,
    required: bool,
    kind: Kind,
}

enum Kind {
    Integer,
    Number,
    Boolean,
    Enum(Vec<String>),
    Other,
}

impl ParamCheck {
    fn new(service: &model::Service, p: &Param) -> Self {
        let enum_values = |name: &str| {
            service
                .find_enum(name)
                .map(|e| e.values.iter().map(|v| v.wire.clone()).collect())
                .unwrap_or_default()
        };
        let kind = match &p.ty {
            Type::Int32 | Type::Int64 => Kind::Integer,
            Type::Float => Kind::Number,
            Type::Bool => Kind::Boolean,
            Type::Enum(name) => Kind::Enum(enum_values(name)),
            _ => Kind::Other,
        };
        ParamCheck {
            wire: p.wire_name.clone(),
            place: place(model::read_place(p)),
            required: p.required,
            kind,
        }
    }

    fn check(&self, wire: &Wire) -> Result<(), WireError> {
        let value = match wire.value(&self.wire, self.place) {
            None | Some(serde_json::Value::Null) if self.required => {
                return Err(WireError::missing(&self.wire, self.place))
            }
            None | Some(serde_json::Value::Null) => return Ok(()),
            Some(v) => v,
        };
        let invalid = |why: String| Err(WireError::invalid(&self.wire, self.place, why));
        match &self.kind {
            Kind::Integer => i64::from_json(&value).map(drop).or_else(invalid),
            Kind::Number => f64::from_json(&value).map(drop).or_else(invalid),
            Kind::Boolean => bool::from_json(&value).map(drop).or_else(invalid),
            Kind::Enum(values) => match value.as_str() {
                Some(v) if values.iter().any(|known| known == v) => Ok(()),
                _ => invalid(format!(
                    "has a value the operation does not document (one of: {})",
                    values.join(", ")
                )),
            },
            Kind::Other => Ok(()),
        }
    }
}

/// The runtime's place of a [`model::read_place`] name.
fn place(name: &str) -> Place {
    match name {
        "HOST" => Place::HOST,
        "PATH" => Place::PATH,
        "JSON_FIELD" => Place::JSON_FIELD,
        "PAYLOAD" => Place::PAYLOAD,
        "QUERY_JSON" => Place::QUERY_JSON,
        "QUERY_SIMPLE" => Place::QUERY_SIMPLE,
        "HEADER_JSON" => Place::HEADER_JSON,
        "HEADER" => Place::HEADER,
        "FORM_JSON" => Place::FORM_JSON,
        "FORM_SIMPLE" => Place::FORM_SIMPLE,
        "FORM" => Place::FORM,
        _ => Place::QUERY,
    }
}

/// One answer of a rules file.
#[derive(Debug, Deserialize)]
#[serde(untagged, deny_unknown_fields)]
enum RuleAnswer {
    Word(String),
    Fault {
        fault: String,
    },
    Error {
        error: RuleError,
    },
    Body {
        body: serde_json::Value,
        #[serde(default = "ok_status")]
        status: u16,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleError {
    code: String,
    #[serde(default)]
    message: String,
    #[serde(default = "error_status")]
    status: u16,
}

fn ok_status() -> u16 {
    200
}

fn error_status() -> u16 {
    400
}

/// Reads a rules file and sets its answers on `engine`; an action no spec has, or an
/// answer of unknown form, is an error naming the file.
pub fn apply_rules(engine: &Engine, api: &Api, path: &Path) -> Result<(), Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let bad = |what: String| Error::Other(format!("{}: {what}", path.display()));
    let rules: BTreeMap<String, Vec<RuleAnswer>> =
        serde_yaml::from_str(&text).map_err(|e| bad(format!("not a rules file: {e}")))?;
    for (key, answers) in rules {
        let (version, action) = match key.split_once('/') {
            Some((v, a)) => (Some(v), a),
            None => (None, key.as_str()),
        };
        let targets: Vec<(&str, &str)> = api
            .services
            .iter()
            .filter(|s| version.is_none_or(|v| v == s.version))
            .filter(|s| s.operations.iter().any(|o| o.action == action))
            .map(|s| (s.product.as_str(), s.version.as_str()))
            .collect();
        if targets.is_empty() {
            return Err(bad(format!("no operation `{key}` in the specs")));
        }
        let replies = answers
            .into_iter()
            .map(|a| responder(a).map_err(|e| bad(format!("`{key}`: {e}"))))
            .collect::<Result<Vec<_>, _>>()?;
        for (product, v) in targets {
            engine.set_rule(product, v, action, replies.clone());
        }
    }
    Ok(())
}

fn responder(answer: RuleAnswer) -> Result<Responder, String> {
    let reply = match answer {
        RuleAnswer::Word(w) if w == "example" => Reply::Example,
        RuleAnswer::Word(w) => return Err(format!("unknown answer `{w}` (try `example`)")),
        RuleAnswer::Fault { fault } => Reply::Fault(match fault.as_str() {
            "throttling" => Fault::Throttling,
            "server-error" => Fault::ServerError(503),
            "timeout" => Fault::Timeout,
            "dropped" => Fault::Dropped,
            "malformed" => Fault::Malformed,
            other => {
                return Err(format!(
                "unknown fault `{other}` (throttling, server-error, timeout, dropped, malformed)"
            ))
            }
        }),
        RuleAnswer::Error { error } => Reply::error(error.status, error.code, error.message),
        RuleAnswer::Body { body, status } => Reply::json_with_status(status, body),
    };
    Ok(Arc::new(move |_: &Wire| reply.clone()))
}

/// Settings of [`run`].
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// Port on 127.0.0.1 (0: any free one).
    pub port: u16,
    /// The secret signatures are checked with.
    pub secret: String,
    /// Answer operations without a rule with their example (else `NoRule`).
    pub examples: bool,
}

/// Serves the operations of `api` until SIGTERM or Ctrl-C, printing
/// `listening on http://127.0.0.1:PORT` as the first line of standard output.
pub fn run(api: &Api, rules: Option<&Path>, options: &ServeOptions) -> Result<(), Error> {
    let unruled = if options.examples {
        Unruled::Example
    } else {
        Unruled::Reject
    };
    let engine = Arc::new(Engine::new(options.secret.clone(), unruled));
    engine.register(routes(api));
    if let Some(path) = rules {
        apply_rules(&engine, api, path)?;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::Other(format!("cannot start the server's runtime: {e}")))?;
    runtime.block_on(async {
        let addr = std::net::SocketAddr::from(([127, 0, 0, 1], options.port));
        let server = acs_runtime::testing::serve(engine, addr)
            .await
            .map_err(|e| Error::Other(format!("cannot listen on {addr}: {e}")))?;
        {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "listening on {}", server.endpoint());
            let _ = out.flush();
        }
        stopped().await;
        server.stop();
        Ok(())
    })
}

/// Waits for SIGTERM or Ctrl-C.
async fn stopped() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = term.recv() => {}
                _ = tokio::signal::ctrl_c() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_name_real_actions_and_known_answers() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/shapes");
        let (specs, common) = crate::source::read_specs_dir(&dir).unwrap();
        let api = crate::compile::compile(&specs, common.as_ref()).unwrap();
        let engine = Engine::new("s", Unruled::Reject);
        let tmp = std::env::temp_dir().join(format!("acs-serve-rules-{}", std::process::id()));
        std::fs::create_dir_all(&tmp).unwrap();
        let write = |text: &str| {
            let p = tmp.join("rules.yaml");
            std::fs::write(&p, text).unwrap();
            p
        };
        let ok = write("DescribeThings:\n  - fault: throttling\n  - error: {code: Thing.NotFound}\n  - body: {RequestId: R}\n    status: 201\n  - example\n2020-01-01/GetThing: [example]\n");
        apply_rules(&engine, &api, &ok).expect("a valid rules file");
        for (text, want) in [
            ("Nope: [example]\n", "no operation `Nope`"),
            (
                "DescribeThings: [sometimes]\n",
                "unknown answer `sometimes`",
            ),
            (
                "DescribeThings:\n  - fault: lightning\n",
                "unknown fault `lightning`",
            ),
            (
                "1999-01-01/DescribeThings: [example]\n",
                "no operation `1999-01-01/DescribeThings`",
            ),
            ("[1, 2]\n", "not a rules file"),
        ] {
            let err = apply_rules(&engine, &api, &write(text))
                .unwrap_err()
                .to_string();
            assert!(
                err.contains("rules.yaml") && err.contains(want),
                "{text}: {err}"
            );
        }
        let _ = std::fs::remove_dir_all(&tmp);
    }

    #[test]
    fn a_body_answer_keeps_its_status_and_an_error_its_code() {
        let answers: Vec<RuleAnswer> = serde_yaml::from_str(
            "- body: {RequestId: R}\n  status: 201\n- error: {code: Thing.NotFound}\n",
        )
        .unwrap();
        let wire = acs_runtime::testing::Wire {
            method: "POST".into(),
            path: "/".into(),
            query: Vec::new(),
            headers: Vec::new(),
            body: acs_runtime::testing::wire::WireBody::None,
            path_values: Vec::new(),
            wildcard: None,
            host_label: None,
        };
        let replies: Vec<Reply> = answers
            .into_iter()
            .map(|a| responder(a).unwrap()(&wire))
            .collect();
        assert!(
            matches!(&replies[0], Reply::Success { status: 201, body, .. } if body.as_slice() == br#"{"RequestId":"R"}"#),
            "{:?}",
            replies[0]
        );
        assert!(
            matches!(&replies[1], Reply::Error { status: 400, code, .. } if code == "Thing.NotFound"),
            "{:?}",
            replies[1]
        );
    }
}
