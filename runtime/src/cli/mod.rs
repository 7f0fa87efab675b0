//! The `acs` command line (feature `cli`), driven by tables the generator writes from the
//! specs: `acs <product> <operation> --<param> VALUE [global options]`.
//!
//! Global options (`--region`, `--endpoint`, `--profile`, `--output`, `--dry-run`) are
//! accepted before the product or after the operation's own flags. An operation parameter
//! whose flag would collide with a global option (a parameter named `Region` or `Endpoint`)
//! is renamed `--param-<name>` by the generator; [`GLOBAL_FLAGS`] is the list it avoids.
//! `--pager` is offered only by the operations that page, `--waiter` by every operation.
//! Each operation's help gives every flag its type and documented example, and ends with an
//! example command; help is wrapped to the terminal.
//!
//! Every request field is one flag: a path, query or header parameter, a form field, a
//! property of a JSON object body, or the whole body. A binary body's flag takes a file
//! (`--body event.bin`, `-` for standard input). A success body is printed as JSON (a text
//! body as a JSON string); a binary one is written to standard output as it is.
//!
//! Exit codes: 0 success, 1 the service answered with an error (code, message and request
//! id on stderr), 2 usage or configuration error, 3 no usable response (transport, timeout,
//! invalid response).

use crate::client::{CallOptions, DynamicOperation};
use crate::client::{Client, ENV_REGION};
use crate::decode::DynamicBody;
use crate::error::ConfigError;
use crate::params::{ParamList, ParamValue, Params};
use crate::providers::{DefaultChain, Environment, ProfileProvider};
use clap::{Arg, ArgAction, ArgMatches, Command};
use serde_json::{json, Value};
use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

mod exit;
mod loops;
mod progress;
mod table;

use exit::{Exit, Failure};

pub use table::*;

/// Widest line of the operation listing, in terminal columns.
const LISTING_WIDTH: usize = 100;

/// `acs --help`'s list of operations: `product operation` in one column as wide as its widest
/// entry, then each summary, cut to fit [`LISTING_WIDTH`] by display width (CJK text takes
/// two columns a character).
fn listing(products: &[Product]) -> String {
    let rows: Vec<(String, &str)> = products
        .iter()
        .flat_map(|p| {
            p.operations
                .iter()
                .map(move |op| (format!("{} {}", p.name, op.name), op.about))
        })
        .collect();
    columns(&rows)
}

/// The rows of [`listing`], laid out.
fn columns(rows: &[(String, &str)]) -> String {
    use unicode_width::UnicodeWidthStr;
    let column = rows.iter().map(|(n, _)| n.width()).max().unwrap_or(0);
    let room = LISTING_WIDTH.saturating_sub(column + 4).max(20);
    let mut out = String::from("Operations:\n");
    for (name, about) in rows {
        let about = about.lines().next().unwrap_or_default().trim();
        let pad = " ".repeat(column - name.width());
        out.push_str(format!("  {name}{pad}  {}", fit(about, room)).trim_end());
        out.push('\n');
    }
    out
}

/// `text` cut to at most `room` columns, with `…` where it was cut.
fn fit(text: &str, room: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if text.width() <= room {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > room {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// What a flag's value is, in its help (`<INTEGER>`).
fn value_name(param: &Param) -> &'static str {
    match param.kind {
        Kind::String => "STRING",
        Kind::Integer => "INTEGER",
        Kind::Number => "NUMBER",
        Kind::Boolean => "true|false",
        Kind::Enum(_) => "VALUE",
        Kind::Json => "JSON",
        Kind::File => "FILE",
    }
}

/// A value for a flag in an example: the documented one, quoted for a shell where needed,
/// else what it is.
fn example_value(param: &Param) -> String {
    let plain = |v: &str| {
        !v.is_empty()
            && v.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.:/@,=+".contains(c))
    };
    match (param.example, param.kind) {
        (Some(v), _) if plain(v) => v.to_string(),
        (Some(v), _) => format!("'{}'", v.replace('\'', "'\\''")),
        (None, Kind::Enum(values)) if !values.is_empty() => values[0].to_string(),
        (None, _) => format!("<{}>", value_name(param)),
    }
}

/// The example line of an operation: its required flags with their documented examples.
fn operation_example(product: &Product, op: &Operation) -> String {
    let mut line = format!("  acs {} {}", product.name, op.name);
    for p in op.params.iter().filter(|p| p.required) {
        line.push_str(&format!(" --{} {}", p.flag, example_value(p)));
    }
    let mut text = format!("Example:\n{line}\n{line} --dry-run   # shown, not sent");
    if op.pager.is_some() {
        text.push_str(&format!("\n{line} --pager   # all pages, one array"));
    }
    text
}

/// One operation's subcommand: its flags (typed, with their examples), `--pager` where it
/// pages, `--waiter`, and an example.
fn operation_command(product: &Product, op: &Operation) -> Command {
    let mut oc = Command::new(op.name)
        .about(op.about)
        .after_help(operation_example(product, op))
        .next_help_heading("Operation options");
    for param in op.params {
        let help = match param.example {
            Some(_) => format!("{} Example: {}", param.help, example_value(param)),
            None => param.help.to_string(),
        };
        let long = format!(
            "{}\n\nOn the wire: `{}`.{}",
            param.description,
            param.wire,
            match param.example {
                Some(_) => format!(" Example: {}", example_value(param)),
                None => String::new(),
            }
        );
        let mut a = Arg::new(param.flag)
            .long(param.flag)
            .help(help)
            .long_help(long.trim_start().to_string())
            .required(param.required)
            .value_name(value_name(param));
        a = match param.kind {
            Kind::String | Kind::File => a,
            Kind::Integer => a.value_parser(clap::value_parser!(i64)),
            Kind::Number => a.value_parser(clap::value_parser!(f64)),
            Kind::Boolean => a.value_parser(clap::value_parser!(bool)),
            Kind::Enum(values) => a.value_parser(clap::builder::PossibleValuesParser::new(
                values.iter().copied(),
            )),
            Kind::Json => a.value_parser(|s: &str| {
                serde_json::from_str::<Value>(s).map_err(|e| format!("not JSON: {e}"))
            }),
        };
        oc = oc.arg(a);
    }
    oc = oc.next_help_heading("Polling");
    if op.pager.is_some() {
        oc = oc.arg(
            Arg::new("pager")
                .long("pager")
                .action(ArgAction::SetTrue)
                .help("Call every page and print all the items as one JSON array"),
        );
    }
    oc.arg(Arg::new("waiter").long("waiter").num_args(1..).value_name("KEY=VALUE").help("Call until a response field equals a value: expr=<path> to=<value> [timeout=<seconds, 180>] [interval=<seconds, 5>]").long_help("Call until the response's field at expr equals to: expr=<path> to=<value> [timeout=<seconds, 180>] [interval=<seconds, 5>]; a path is Field.Sub, [N] for an element, [*] for every one (which must all equal)"))
}

fn command(products: &[Product]) -> Command {
    let mut examples = String::from("Examples:\n");
    if let Some((p, op)) = products
        .iter()
        .find_map(|p| p.operations.first().map(|o| (p, o)))
    {
        examples.push_str(&format!(
            "  acs {} --help\n  acs {} {} --help\n",
            p.name, p.name, op.name
        ));
        examples.push_str(&format!(
            "{}\n",
            operation_example(p, op).lines().nth(1).unwrap_or_default()
        ));
    }
    let mut root = Command::new("acs")
        .about("Call Alibaba Cloud operations (generated by acs-codegen)")
        .version(env!("CARGO_PKG_VERSION"))
        .subcommand_required(true)
        .arg_required_else_help(true)
        .after_help(format!("{examples}\n{}", listing(products)))
        .next_help_heading("Global options")
        .arg(Arg::new("region").long("region").global(true).value_name("REGION").help("Region that picks the endpoint (default: ALIBABA_CLOUD_REGION_ID, then the profile's)"))
        .arg(Arg::new("endpoint").long("endpoint").global(true).value_name("URL").help("Explicit endpoint, e.g. https://host or http://127.0.0.1:8080 (default: ALIBABA_CLOUD_ENDPOINT_URL[_<PRODUCT>], then the product's for the region)"))
        .arg(Arg::new("profile").long("profile").global(true).value_name("NAME").help("Alibaba Cloud CLI profile for credentials and region"))
        .arg(Arg::new("output").long("output").global(true).value_name("FORMAT").value_parser(["json"]).hide_possible_values(true).default_value("json").help("Output format (json, the only one)"))
        .arg(Arg::new("dry-run").long("dry-run").global(true).action(ArgAction::SetTrue).help("Print the signed request as JSON instead of sending it, and which credentials provider signed it (unsigned, with a note, when none are found)"))
        .arg(Arg::new("presign").long("presign").global(true).value_name("SECONDS").value_parser(clap::value_parser!(u64).range(1..=604_800)).help("Object Storage: print a URL that sends this request without credentials for SECONDS (at most 604800, seven days), and send nothing"))
        .arg(Arg::new("show-secrets").long("show-secrets").global(true).action(ArgAction::SetTrue).help("Print secret response fields (AccessKeySecret, SecurityToken, ...) instead of ***"));
    for p in products {
        let mut pc = Command::new(p.name)
            .about(p.about)
            .subcommand_required(true)
            .arg_required_else_help(true);
        if let Some(op) = p.operations.first() {
            pc = pc.after_help(format!(
                "Example:\n  acs {} {} --help\n{}",
                p.name,
                op.name,
                operation_example(p, op).lines().nth(1).unwrap_or_default()
            ));
        }
        for op in p.operations {
            pc = pc.subcommand(operation_command(p, op));
        }
        root = root.subcommand(pc);
    }
    root
}

fn value_text(m: &ArgMatches, param: &Param) -> Option<String> {
    match param.kind {
        Kind::Integer => m.get_one::<i64>(param.flag).map(|v| v.to_string()),
        Kind::Number => m.get_one::<f64>(param.flag).map(|v| v.to_string()),
        Kind::Boolean => m.get_one::<bool>(param.flag).map(|v| v.to_string()),
        Kind::String | Kind::Enum(_) => m.get_one::<String>(param.flag).cloned(),
        Kind::Json | Kind::File => None,
    }
}

/// A flag's value as JSON (a JSON body's property, a body that is one value).
fn json_value(m: &ArgMatches, param: &Param) -> Option<Value> {
    match param.kind {
        Kind::Integer => m.get_one::<i64>(param.flag).map(|v| Value::from(*v)),
        Kind::Number => m.get_one::<f64>(param.flag).map(|v| Value::from(*v)),
        Kind::Boolean => m.get_one::<bool>(param.flag).map(|v| Value::from(*v)),
        Kind::String | Kind::Enum(_) => m
            .get_one::<String>(param.flag)
            .map(|v| Value::from(v.as_str())),
        Kind::Json => m.get_one::<Value>(param.flag).cloned(),
        Kind::File => None,
    }
}

/// The bytes of the file a [`Kind::File`] flag names (`-`: standard input).
/// A binary body's flag: a file, sent as it is read (again for a retry), or `-`, standard
/// input (read whole: its length must be known before sending).
fn file_body(m: &ArgMatches, param: &Param) -> Result<Option<crate::body::Body>, String> {
    let Some(path) = m.get_one::<String>(param.flag) else {
        return Ok(None);
    };
    let body = if path == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf)
            .map(|_| crate::body::Body::from_bytes(buf))
    } else {
        crate::body::Body::from_path(path)
    };
    body.map(Some)
        .map_err(|e| format!("--{}: cannot read `{path}`: {e}", param.flag))
}

/// The request's parameters from the flags, each where its [`Place`] says.
fn params(m: &ArgMatches, op: &Operation) -> Result<Params, String> {
    let mut params = Params::default();
    // An object body is `{}` when none of its fields is given.
    if op.params.iter().any(|p| p.place == Place::Json) {
        params.json_object();
    }
    if op.params.iter().any(|p| p.place == Place::Xml) {
        params.xml_object();
    }
    for param in op.params {
        match param.place {
            Place::Query => write_param(m, param, &mut params.query)?,
            Place::Form => write_param(m, param, &mut params.body)?,
            Place::Header => match json_value(m, param) {
                // `x-oss-meta-*`: one header per key of the object given.
                Some(Value::Object(map)) if param.wire.ends_with('*') => {
                    let prefix = param.wire.trim_end_matches('*');
                    for (k, v) in map {
                        let v = v
                            .as_str()
                            .map(str::to_string)
                            .unwrap_or_else(|| v.to_string());
                        params.headers.push(&format!("{prefix}{k}"), v);
                    }
                }
                Some(Value::String(s)) => params.headers.push(param.wire, s),
                Some(v) => params.headers.push(param.wire, v.to_string()),
                None => {}
            },
            Place::Path => {
                if let Some(text) = value_text(m, param) {
                    match param.also_body {
                        Some(Place::Xml) => {
                            params
                                .xml_object()
                                .insert(param.wire.into(), text.clone().into());
                        }
                        Some(_) => {
                            params
                                .json_object()
                                .insert(param.wire.into(), text.clone().into());
                        }
                        None => {}
                    }
                    params.path.push(param.wire, text);
                }
            }
            Place::Json => {
                if let Some(v) = json_value(m, param) {
                    params.json_object().insert(param.wire.to_string(), v);
                }
            }
            Place::Xml => {
                if let Some(v) = json_value(m, param) {
                    params.xml_object().insert(param.wire.to_string(), v);
                }
            }
            Place::Host => {
                if let Some(text) = value_text(m, param) {
                    params.host = Some(text);
                }
            }
            Place::Payload if matches!(param.kind, Kind::File) => {
                if let Some(body) = file_body(m, param)? {
                    params.binary_payload(&body);
                }
            }
            Place::Payload => {
                if let Some(v) = json_value(m, param) {
                    params.json_payload(&v);
                }
            }
        }
    }
    Ok(params)
}

fn write_param(m: &ArgMatches, param: &Param, out: &mut ParamList) -> Result<(), String> {
    if let Some(text) = value_text(m, param) {
        out.push(param.wire, text);
        return Ok(());
    }
    let Some(value) = m.get_one::<Value>(param.flag) else {
        return Ok(());
    };
    match param.style {
        Style::Flat => value.write_param(param.wire, out),
        Style::Json => out.push(param.wire, value.to_string()),
        Style::Simple => match value {
            Value::Array(items) => {
                let joined = items
                    .iter()
                    .map(|i| {
                        i.as_str()
                            .map(str::to_string)
                            .unwrap_or_else(|| i.to_string())
                    })
                    .collect::<Vec<_>>()
                    .join(",");
                out.push(param.wire, joined);
            }
            _ => return Err(format!("--{} takes a JSON list", param.flag)),
        },
    }
    Ok(())
}

/// Runs the CLI with the process arguments.
pub fn main(products: &[Product]) -> ExitCode {
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    ExitCode::from(run(products, std::env::args_os(), &mut out, &mut err))
}

/// Runs the CLI; returns the exit code.
pub fn run<I, T>(products: &[Product], args: I, out: &mut dyn Write, err: &mut dyn Write) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let matches = match command(products).try_get_matches_from(args) {
        Ok(m) => m,
        Err(e) => {
            // Help and version go to stdout with success; usage errors to stderr.
            let text = e.render().to_string();
            let exit = if e.use_stderr() {
                let _ = err.write_all(text.as_bytes());
                Exit::Usage
            } else {
                let _ = out.write_all(text.as_bytes());
                Exit::Success
            };
            return exit as u8;
        }
    };
    match execute(products, &matches, out, err) {
        Ok(exit) => exit as u8,
        Err(f) => {
            let _ = writeln!(err, "error: {}", f.message);
            f.exit as u8
        }
    }
}

/// The operation `matches` names, called (or shown, with `--dry-run`), its answer printed.
fn execute(
    products: &[Product],
    matches: &ArgMatches,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Failure> {
    let no_operation = || Failure::usage("name a product and an operation (`acs --help`)");
    let (pname, pm) = matches.subcommand().ok_or_else(no_operation)?;
    let (oname, om) = pm.subcommand().ok_or_else(no_operation)?;
    let op = products
        .iter()
        .find(|p| p.name == pname)
        .and_then(|p| p.operations.iter().find(|o| o.name == oname))
        .ok_or_else(no_operation)?;
    let mut params = params(om, op).map_err(Failure::usage)?;
    if let Some(token) = op.idempotency_token {
        if !params
            .query
            .pairs()
            .iter()
            .any(|(k, v)| k == token && !v.is_empty())
        {
            params.query.push(token, uuid::Uuid::new_v4().to_string());
        }
    }
    let dynamic = DynamicOperation {
        target: op.target,
        params,
        idempotent: op.idempotent,
        has_idempotency_token: op.idempotency_token.is_some(),
        success_field: op.success_field,
        anonymous: op.anonymous,
        output: op.output,
        response_headers: op.response_headers,
    };
    let client = client(matches).map_err(Failure::usage)?;
    let mut options = CallOptions::default();
    if let Some(seconds) = matches.get_one::<u64>("presign") {
        return presign(&client, &dynamic, *seconds, out);
    }
    if matches.get_flag("dry-run") {
        return dry_run(&client, &dynamic, &options, out, err);
    }
    let upload = dynamic.params.streamed_body().map(|b| b.len());
    let bar = upload.and_then(|len| progress::bar(Some(len)));
    if let Some(bar) = &bar {
        options.progress = Some(progress::reporter(bar));
    }
    // A download is written to standard output as it arrives.
    if op.output == crate::operation::BodyKind::Bytes && !om.contains_id("waiter") {
        return progress::download(&client, &dynamic, &options, out);
    }
    // `--pager` exists only on the operations that page.
    let pager = op.pager.as_ref().filter(|_| om.get_flag("pager"));
    let call = if let Some(pager) = pager {
        loops::pages(&client, dynamic, &options, pager)
    } else if let Some(waiter) = om.get_many::<String>("waiter") {
        let w =
            loops::Waiter::parse(waiter).map_err(|e| Failure::usage(format!("--waiter: {e}")))?;
        loops::wait(&client, &dynamic, &options, w)
    } else {
        Box::pin(client.call_dynamic(&dynamic, &options)) as loops::Call<'_>
    };
    let result = crate::blocking::block_on(call)
        .map_err(|e| Failure::usage(format!("cannot start the async runtime: {e}")))?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    match result {
        Ok(DynamicBody::Json(mut body)) => {
            if !matches.get_flag("show-secrets") {
                redact(&mut body, op.sensitive);
            }
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&body).unwrap_or_default()
            );
        }
        Ok(DynamicBody::Text(text)) => {
            let _ = writeln!(out, "{}", Value::String(text));
        }
        Ok(DynamicBody::Bytes(bytes)) => {
            let _ = out.write_all(&bytes);
        }
        Ok(DynamicBody::Empty) => {}
        Err(e) => return Err(Failure::of(e)),
    }
    Ok(Exit::Success)
}

fn client(matches: &ArgMatches) -> Result<Client, ConfigError> {
    let mut builder = Client::builder()
        .user_agent_suffix("acs-cli")
        .network_and_endpoints_from_env();
    let profile = matches.get_one::<String>("profile").cloned();
    let mut region = matches
        .get_one::<String>("region")
        .cloned()
        .or_else(|| std::env::var(ENV_REGION).ok().filter(|r| !r.is_empty()));
    match profile {
        Some(name) => {
            let provider = ProfileProvider::new(Environment::process(), Some(name));
            if region.is_none() {
                region = provider.load()?.region_id;
            }
            builder = builder.credentials(provider);
        }
        None => {
            if region.is_none() {
                region = ProfileProvider::new(Environment::process(), None)
                    .load()
                    .ok()
                    .and_then(|p| p.region_id);
            }
            builder = builder.credentials(DefaultChain::default());
        }
    }
    if let Some(r) = region {
        builder = builder.region(r);
    }
    if let Some(e) = matches.get_one::<String>("endpoint") {
        builder = builder.only_endpoint(e.clone());
    }
    builder.build()
}

/// Header values `--dry-run` never prints.
const REDACTED_HEADERS: &[&str] = &["x-acs-security-token"];

/// Replaces the value of every field named in `sensitive`, at any depth, with `***`.
fn redact(value: &mut Value, sensitive: &[&str]) {
    match value {
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if sensitive.contains(&k.as_str()) && !v.is_null() {
                    *v = Value::String("***".into());
                } else {
                    redact(v, sensitive);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| redact(v, sensitive)),
        _ => {}
    }
}

/// `--presign`: the request's presigned URL on one line; nothing is sent.
fn presign(
    client: &Client,
    op: &DynamicOperation,
    seconds: u64,
    out: &mut dyn Write,
) -> Result<Exit, Failure> {
    let prepared = client
        .prepare_dynamic(op, &CallOptions::default())
        .map_err(Failure::usage)?;
    let expires_in = std::time::Duration::from_secs(seconds);
    let presigned = crate::blocking::block_on(client.presign_prepared(&prepared, expires_in))
        .map_err(|e| Failure::usage(format!("cannot start the async runtime: {e}")))?
        .map_err(Failure::usage)?;
    let _ = writeln!(out, "{}", presigned.url);
    Ok(Exit::Success)
}

fn dry_run(
    client: &Client,
    op: &DynamicOperation,
    options: &CallOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Failure> {
    let signed = client.prepare_dynamic(op, options).and_then(|p| {
        let found = crate::blocking::block_on(client.credentials_for(&p)).map_err(|e| {
            ConfigError::Credentials(format!("cannot start the async runtime: {e}"))
        })?;
        // A dry run shows the request without credentials too: unsigned, and says so.
        let (credentials, provider) = match found {
            Ok(Some(c)) => {
                let name = c.provider_name().to_string();
                (Some(c), name)
            }
            Ok(None) => (None, "none (anonymous operation)".to_string()),
            Err(e) => {
                let _ = writeln!(
                    err,
                    "note: no credentials ({e}); the request is shown unsigned"
                );
                (None, "none found: the request is unsigned".to_string())
            }
        };
        let streamed = p.params.streamed_body().map(|b| format!("{b:?}"));
        Ok((
            client.sign_with(&p, credentials.as_ref()),
            provider,
            streamed,
        ))
    });
    let (request, provider, streamed) = signed.map_err(Failure::usage)?;
    let headers: serde_json::Map<String, Value> = request
        .headers
        .iter()
        .map(|(k, v)| {
            let v = if REDACTED_HEADERS.contains(&k.as_str()) {
                "***".to_string()
            } else {
                v.clone()
            };
            (k.clone(), Value::String(v))
        })
        .collect();
    let shown = json!({
        "method": request.method,
        "url": request.url,
        "headers": headers,
        // A file is sent as it is read: shown by what it is, not its bytes.
        "body": streamed.unwrap_or_else(|| String::from_utf8_lossy(&request.body).into_owned()),
        "credentials": provider,
    });
    let _ = writeln!(
        out,
        "{}",
        serde_json::to_string_pretty(&shown).unwrap_or_default()
    );
    Ok(Exit::Success)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn the_operation_listing_is_aligned_by_display_width() {
        let long = "describe-instance-maintenance-attributes-of-everything";
        let rows = [
            ("ecs start-instance".to_string(), "Starts an instance."),
            (format!("ecs {long}"), "查询实例的维护属性。"),
            (
                "kms get-secret-value".to_string(),
                &"很长的中文摘要".repeat(30),
            ),
            (
                "sts assume-role".to_string(),
                "Two lines.\nThe second is not shown.",
            ),
        ];
        let text = columns(&rows);
        let lines: Vec<&str> = text.lines().skip(1).collect();
        assert_eq!(lines.len(), rows.len(), "{text}");
        // Every summary starts at the same column, the widest name's plus two.
        let start = 2 + "ecs ".len() + long.len() + 2;
        for (line, (name, _)) in lines.iter().zip(&rows) {
            let (left, right) = line.split_at(start);
            assert_eq!(left.trim_end(), format!("  {name}"), "{text}");
            assert!(!right.starts_with(' '), "{text}");
            assert!(line.width() <= LISTING_WIDTH, "{line}");
        }
        assert!(lines[2].ends_with('…'), "{text}");
        assert!(lines[3].ends_with("Two lines."), "{text}");
    }
}
