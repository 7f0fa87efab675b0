//! The CLI's `--pager` and `--waiter`: an operation called again and again, as Alibaba's own
//! CLI does. The pager follows the same rules as [`Pages`](crate::Pages) (by token or by
//! number; stops after an error, on an empty page, at the total, on a missing or repeated
//! token); the waiter polls until a field of the response equals a value.

use super::table::Pager;
use crate::client::{CallOptions, Client, DynamicOperation};
use crate::decode::{DynamicBody, UntypedError};
use crate::error::SdkError;
use crate::paginate::Paging;
use serde_json::Value;
use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, Instant};

type Answer = Result<DynamicBody, SdkError<UntypedError>>;
pub(super) type Call<'a> = Pin<Box<dyn Future<Output = Answer> + 'a>>;

/// The value at `path` (field names) in `body`.
fn at<'v>(body: &'v Value, path: &[&str]) -> Option<&'v Value> {
    path.iter().try_fold(body, |v, step| v.get(step))
}

/// Sets a parameter of the request, replacing a value it had.
fn set(op: &mut DynamicOperation, name: &str, value: String) {
    let lists = [
        &mut op.params.query,
        &mut op.params.body,
        &mut op.params.headers,
    ];
    for list in lists {
        if list.pairs().iter().any(|(k, _)| k == name) {
            list.set(name, value);
            return;
        }
    }
    op.params.query.push(name, value);
}

/// Every page's items, as one JSON array.
pub(super) fn pages<'a>(
    client: &'a Client,
    mut op: DynamicOperation,
    options: &'a CallOptions,
    pager: &'a Pager,
) -> Call<'a> {
    Box::pin(async move {
        let mut items = Vec::new();
        let mut tokens = HashSet::new();
        let mut page: i64 = pager
            .page_number
            .and_then(|n| op.params.query.pairs().iter().find(|(k, _)| k == n))
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(1);
        loop {
            let DynamicBody::Json(body) = client.call_dynamic(&op, options).await? else {
                break;
            };
            let found = at(&body, pager.items)
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            if found.is_empty() {
                break;
            }
            items.extend(found);
            let total = at(&body, pager.total).and_then(Value::as_i64);
            if total.is_some_and(|t| t > 0 && items.len() as i64 >= t) {
                break;
            }
            match (pager.paging, pager.input_token, pager.page_number) {
                (Paging::Token, Some(input), _) => {
                    let token = at(&body, pager.output_token).and_then(Value::as_str);
                    match token {
                        Some(t) if !t.is_empty() && tokens.insert(t.to_string()) => {
                            set(&mut op, input, t.to_string())
                        }
                        _ => break,
                    }
                }
                (Paging::Number, _, Some(number)) => {
                    page = page.saturating_add(1);
                    set(&mut op, number, page.to_string());
                }
                _ => break,
            }
        }
        Ok(DynamicBody::Json(Value::Array(items)))
    })
}

/// What `--waiter` waits for.
#[derive(Debug)]
pub(super) struct Waiter {
    expr: Vec<Step>,
    to: String,
    timeout: Duration,
    interval: Duration,
}

/// One step of a `--waiter` path: a field, an element, or every element.
#[derive(Debug, PartialEq)]
enum Step {
    Field(String),
    Index(usize),
    Each,
}

impl Waiter {
    /// `expr=<path> to=<value> [timeout=<s>] [interval=<s>]`.
    pub(super) fn parse<'a>(args: impl Iterator<Item = &'a String>) -> Result<Self, String> {
        let (mut expr, mut to) = (None, None);
        let (mut timeout, mut interval) = (Duration::from_secs(180), Duration::from_secs(5));
        for arg in args {
            let Some((key, value)) = arg.split_once('=') else {
                return Err(format!("`{arg}` is not KEY=VALUE"));
            };
            let seconds = || {
                value
                    .parse::<f64>()
                    .ok()
                    .filter(|s| s.is_finite() && *s >= 0.0)
                    .map(Duration::from_secs_f64)
                    .ok_or_else(|| format!("`{key}` takes seconds, not `{value}`"))
            };
            match key {
                "expr" => expr = Some(path(value)?),
                "to" => to = Some(value.to_string()),
                "timeout" => timeout = seconds()?,
                "interval" => interval = seconds()?,
                _ => return Err(format!("unknown key `{key}` (expr, to, timeout, interval)")),
            }
        }
        Ok(Self {
            expr: expr.ok_or("expr=<path> is required")?,
            to: to.ok_or("to=<value> is required")?,
            timeout,
            interval,
        })
    }

    /// Whether `body` holds the value waited for.
    fn reached(&self, body: &Value) -> bool {
        let mut values = vec![body];
        for step in &self.expr {
            values = values
                .into_iter()
                .flat_map(|v| -> Vec<&Value> {
                    match step {
                        Step::Field(f) => v.get(f.as_str()).into_iter().collect(),
                        Step::Index(i) => v.get(*i).into_iter().collect(),
                        Step::Each => v.as_array().map(|a| a.iter().collect()).unwrap_or_default(),
                    }
                })
                .collect();
        }
        let text = |v: &Value| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        !values.is_empty() && values.iter().all(|v| text(v) == self.to)
    }
}

/// `Instances.Instance[0].Status`, `Items[*].Status`.
fn path(expr: &str) -> Result<Vec<Step>, String> {
    let mut steps = Vec::new();
    for part in expr.split('.') {
        let (name, mut rest) = part.split_once('[').map_or((part, ""), |(n, r)| (n, r));
        if !name.is_empty() {
            steps.push(Step::Field(name.to_string()));
        }
        while !rest.is_empty() {
            let (inside, after) = rest
                .split_once(']')
                .ok_or_else(|| format!("unclosed `[` in `{expr}`"))?;
            steps.push(match inside {
                "*" => Step::Each,
                n => Step::Index(n.parse().map_err(|_| format!("`[{n}]` in `{expr}`"))?),
            });
            rest = after.strip_prefix('[').unwrap_or(after);
            if !after.is_empty() && !after.starts_with('[') {
                return Err(format!("`{after}` after `]` in `{expr}`"));
            }
        }
        if name.is_empty() && part.is_empty() {
            return Err(format!("empty step in `{expr}`"));
        }
    }
    Ok(steps)
}

/// Calls until the waiter's value is reached; the last body, or a timeout error.
pub(super) fn wait<'a>(
    client: &'a Client,
    op: &'a DynamicOperation,
    options: &'a CallOptions,
    waiter: Waiter,
) -> Call<'a> {
    Box::pin(async move {
        let started = Instant::now();
        let mut attempts = 0;
        loop {
            attempts += 1;
            let body = client.call_dynamic(op, options).await?;
            if let DynamicBody::Json(v) = &body {
                if waiter.reached(v) {
                    return Ok(body);
                }
            }
            if started.elapsed() + waiter.interval > waiter.timeout {
                return Err(SdkError::Timeout {
                    attempts,
                    message: format!(
                        "gave up waiting for `{:?}` to be `{}` after {attempts} calls",
                        waiter.expr, waiter.to
                    ),
                });
            }
            tokio::time::sleep(waiter.interval).await;
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waiter_paths_parse_and_match() {
        assert_eq!(
            path("Instances.Instance[0].Status").unwrap(),
            [
                Step::Field("Instances".into()),
                Step::Field("Instance".into()),
                Step::Index(0),
                Step::Field("Status".into()),
            ]
        );
        assert!(path("A[x]").is_err() && path("A[0").is_err() && path("A..B").is_err());
        let args: Vec<String> = vec!["expr=Items[*].Status".into(), "to=Running".into()];
        let w = Waiter::parse(args.iter()).unwrap();
        let body = |a: &str, b: &str| serde_json::json!({"Items": [{"Status": a}, {"Status": b}]});
        assert!(w.reached(&body("Running", "Running")));
        assert!(!w.reached(&body("Running", "Starting")));
        assert!(!w.reached(&serde_json::json!({})));
        let n: Vec<String> = vec!["expr=Count".into(), "to=3".into(), "timeout=1".into()];
        assert!(Waiter::parse(n.iter())
            .unwrap()
            .reached(&serde_json::json!({"Count": 3})));
        let bad: Vec<String> = vec!["expr=A".into()];
        assert!(Waiter::parse(bad.iter()).is_err());
    }
}
