//! Client: the service module (`mod.rs`) with its `SERVICE` description (endpoints, version),
//! the typed `Client` with one async method per operation, and the binding of each request
//! type to the wire (`acs_runtime::Operation`). All protocol work (signing, transport,
//! retries, decoding) lives in the runtime; this code only names things.

use super::doc_comments::{doc, inner_doc};
use super::options::{runtime_path, Options};
use super::testing_gate::TestingGate;
use super::text::{api_reference_note, code_span, one_line, paragraphs, ram_doc};
use super::tokens::{ident, Chunks};
use crate::model::{Location, Operation, Service, Style, Type};
use proc_macro2::TokenStream;
use quote::quote;

/// The items of a service module: `SERVICE`, `Client` and the `Operation` impls (the
/// module's docs and its `types`/`errors` submodules are assembled by the layout).
pub(crate) fn chunks<'a>(service: &'a Service, opts: &'a Options) -> Chunks<'a> {
    Chunks {
        head: Box::new(move || {
            let rt = runtime_path(opts);
            let (statik, client) = (service_static(service, &rt), client(service, opts, &rt));
            quote!(#statik #client)
        }),
        len: service.operations.len(),
        item: Box::new(move |i| {
            operation_impl(
                service,
                &service.operations[i],
                &runtime_path(opts),
                &TestingGate::of(opts),
            )
        }),
    }
}

/// `SERVICE`: the product's endpoints and version, as the runtime needs them.
pub(crate) fn service_static(service: &Service, rt: &TokenStream) -> TokenStream {
    let product = &service.product;
    let version = &service.version;
    let template = &service.endpoints.template;
    let default_region = match &service.endpoints.default_region {
        Some(r) => quote!(Some(#r)),
        None => quote!(None),
    };
    let regional = service
        .endpoints
        .regional
        .iter()
        .map(|(region, host)| quote!((#region, #host)));
    let protocol = ident(service.protocol.variant());
    let service_doc = doc(&format!("Product `{product}`, API version `{version}`: its endpoints and version, as the runtime needs them."));
    quote! {
        #service_doc
        pub static SERVICE: #rt::ServiceInfo = #rt::ServiceInfo {
            product: #product,
            version: #version,
            endpoint_template: #template,
            default_region: #default_region,
            regional_endpoints: &[#(#regional),*],
            protocol: #rt::Protocol::#protocol,
        };
    }
}

/// The `Client` with its methods.
pub(crate) fn client(service: &Service, opts: &Options, rt: &TokenStream) -> TokenStream {
    let version = &service.version;
    let methods = service
        .operations
        .iter()
        .map(|op| method(service, op, opts, rt));

    let operations = TestingGate::of(opts).wrap(|| operations_fn(service, rt));
    let client_doc = doc(&format!(
        "Client for {}, API version `{}`.\n\nCheap to clone; clones share the connection pool, credentials and settings of the runtime client.",
        service.display_name(),
        version
    ));
    quote! {
        #client_doc
        #[derive(Clone, Debug)]
        pub struct Client {
            inner: #rt::Client,
            options: #rt::CallOptions,
        }

        impl Client {
            /// Wraps a runtime client (credentials, region, transport, retry and timeout settings).
            pub fn new(inner: #rt::Client) -> Self {
                Self { inner, options: #rt::CallOptions::default() }
            }

            /// A client whose calls use these per-call settings (timeouts, retry policy,
            /// endpoint), over the same connections and credentials:
            /// `client.with_options(CallOptions { retry: Some(RetryPolicy::disabled()), ..Default::default() }).x(request)`.
            pub fn with_options(&self, options: #rt::CallOptions) -> Self {
                Self { inner: self.inner.clone(), options }
            }

            /// A client configured from the environment: credentials from the default chain
            /// (environment variables, then the Alibaba Cloud CLI profile) and the region from
            /// `ALIBABA_CLOUD_REGION_ID`.
            pub fn from_env() -> Result<Self, #rt::ConfigError> {
                Ok(Self::new(#rt::Client::from_env()?))
            }

            /// The runtime client and its settings.
            pub fn runtime(&self) -> &#rt::Client {
                &self.inner
            }

            #(#methods)*
        }

        #operations
    }
}

/// `operations()`: every operation of the version as the test gateway knows it.
fn operations_fn(service: &Service, rt: &TokenStream) -> TokenStream {
    let routes = service.operations.iter().map(|op| {
        let req = ident(&op.request_type);
        quote!(#rt::testing::Route::of::<#req>())
    });
    quote! {
        /// Every operation of this API version as the test gateway knows it (its route,
        /// its request check, its success example): `Gateway::register(operations())`
        /// (`acs_runtime::testing`).
        pub fn operations() -> Vec<#rt::testing::Route> {
            vec![#(#routes),*]
        }
    }
}

/// The documentation of a service module.
pub(crate) fn module_doc(service: &Service) -> String {
    let mut endpoints = format!("Endpoint template: `{}`", service.endpoints.template);
    if let Some(r) = &service.endpoints.default_region {
        endpoints.push_str(&format!(" (default region `{r}`)"));
    }
    endpoints.push('.');
    if !service.endpoints.regional.is_empty() {
        endpoints.push_str(&format!(
            " Regions with their own endpoint: {}.",
            service
                .endpoints
                .regional
                .keys()
                .map(|r| format!("`{r}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let ops = service
        .operations
        .iter()
        .map(|op| {
            format!(
                "- [`{}`](Client::{}): {}",
                op.action,
                op.method_name,
                one_line(&op.summary)
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    paragraphs([
        format!(
            "{}, API version `{}`.",
            service.display_name(),
            service.version
        ),
        service.description.clone(),
        endpoints,
        format!("Operations:\n\n{ops}"),
    ])
}

/// The name an operation's answer goes by: `<Action>Response`, the type itself or an alias
/// of the shared component it answers, where the service has it.
fn response_name<'a>(service: &Service, op: &'a Operation) -> std::borrow::Cow<'a, str> {
    let named = crate::names::operation_types(&op.action).response;
    let same = |n: &str| service.find_struct(n).map(|s| &s.name);
    if named == op.response_type || same(&named).is_some_and(|s| Some(s) == same(&op.response_type))
    {
        std::borrow::Cow::Owned(named)
    } else {
        std::borrow::Cow::Borrowed(&op.response_type)
    }
}

fn method(service: &Service, op: &Operation, opts: &Options, rt: &TokenStream) -> TokenStream {
    let name = ident(&op.method_name);
    let req = ident(&op.request_type);
    let resp = ident(&op.response_type);
    let err = ident(&op.error_type);
    let mut parts = vec![
        op.summary.trim().to_string(),
        if op.description.trim() != op.summary.trim() {
            op.description.clone()
        } else {
            String::new()
        },
        ram_doc(op),
        format!("Returns [`{}`].", response_name(service, op)),
        format!(
            "Errors: [`{}`] ({}).",
            op.error_type,
            if op.errors.iter().any(|e| e.common) {
                "documented codes and the common gateway codes"
            } else {
                "documented codes"
            }
        ),
        api_reference_note(service, op, opts),
    ];
    if op.deprecated {
        parts.push("Deprecated by the service.".into());
    }
    if opts.doc_examples {
        parts.push(example(service, op, opts));
    }
    let d = doc(&paragraphs(parts));
    let pages = super::paginators::pages_method(op, rt);
    let stream = stream_method(service, op, rt);
    quote! {
        #d
        pub fn #name(&self, request: #req) -> impl std::future::Future<Output = Result<#resp, #rt::SdkError<#err>>> + Send + 'static {
            self.inner.clone().call_owned(request, self.options.clone())
        }
        #pages
        #stream
    }
}

/// `<operation>_stream` of an operation whose answer is bytes (OSS `GetObject`): the body as
/// a `ByteStream`, read as it arrives, its length and CRC-64 checked at its end.
fn stream_method(service: &Service, op: &Operation, rt: &TokenStream) -> Option<TokenStream> {
    let bytes = service
        .find_struct(&op.response_type)
        .is_some_and(|s| s.body == crate::model::OutputBody::Bytes);
    if !bytes {
        return None;
    }
    let name = ident(&format!(
        "{}_stream",
        op.method_name.trim_start_matches("r#")
    ));
    let req = ident(&op.request_type);
    let err = ident(&op.error_type);
    let d = doc(&format!(
        "[`{}`](Self::{}), its body read as it arrives: the answer's metadata and a [`ByteStream`]({rt_doc}::ByteStream) to read chunk by chunk, collect or write to a file, its length (and OSS CRC-64) checked at its end. Nothing is held whole.",
        op.method_name.trim_start_matches("r#"),
        op.method_name.trim_start_matches("r#"),
        rt_doc = rt.to_string().replace(' ', "")
    ));
    Some(quote! {
        #d
        pub async fn #name(&self, request: #req) -> Result<#rt::Download, #rt::SdkError<#err>> {
            self.inner.download(request, &self.options).await
        }
    })
}

/// Most optional parameters set in a doc example (those with an example value, in spec order).
const EXAMPLE_SETTERS: usize = 5;

/// A `no_run` doc example calling the operation with the spec's example values: every
/// required parameter, and the first optional ones that have an example.
fn example(service: &Service, op: &Operation, opts: &Options) -> String {
    let module = format!(
        "{}::{}::{}",
        opts.crate_name, service.product_module, service.version_module
    );
    let mut imports = vec!["Client".to_string(), op.request_type.clone()];
    let args = op
        .params
        .iter()
        .filter(|p| p.required)
        .map(|p| example_value(&p.ty, example_text(&p.doc), service, &mut imports, false, 0))
        .collect::<Vec<_>>()
        .join(", ");
    let setters: String = op
        .params
        .iter()
        .filter(|p| !p.required && !p.idempotency_token)
        .filter_map(|p| Some((p, p.doc.example.as_deref()?)))
        .take(EXAMPLE_SETTERS)
        .map(|(p, ex)| {
            let value = example_value(&p.ty, ex, service, &mut imports, false, 0);
            format!("\n    .{}({value})", p.rust_name)
        })
        .collect();
    format!(
        "# Example\n\n```no_run\n# async fn example() -> Result<(), Box<dyn std::error::Error>> {{\nuse {module}::{{{}}};\n\nlet client = Client::from_env()?;\nlet request = {}::new({args}){setters};\nlet response = client.{}(request).await?;\nprintln!(\"request {{:?}}\", response.meta().request_id());\n# Ok(())\n# }}\n```",
        imports.join(", "),
        op.request_type,
        op.method_name,
    )
}

fn example_text(d: &crate::model::Doc) -> &str {
    d.example
        .as_deref()
        .or(d.default.as_deref())
        .unwrap_or_default()
}

/// A Rust expression of type `ty` for the example text `ex` (a typed zero when it does not
/// parse); named types are added to `imports`. `in_vec`: an item of a `vec![]`, whose type
/// is inferred (`"a".into()`), not an `impl Into<String>` argument.
fn example_value(
    ty: &Type,
    ex: &str,
    service: &Service,
    imports: &mut Vec<String>,
    in_vec: bool,
    depth: usize,
) -> String {
    let mut import = |n: &str| {
        if !imports.iter().any(|i| i == n) {
            imports.push(n.to_string());
        }
    };
    match ty {
        Type::String if in_vec => format!("{ex:?}.into()"),
        Type::String => format!("{ex:?}"),
        Type::Enum(n) => {
            import(n);
            let def = service.find_enum(n);
            match def.and_then(|d| d.values.iter().find(|v| v.wire == ex).or(d.values.first())) {
                Some(v) => format!("{n}::{}", v.variant),
                None => format!("{n}::from({ex:?})"),
            }
        }
        Type::Int32 | Type::Int64 => ex
            .trim()
            .parse::<i64>()
            .map(|v| v.to_string())
            .unwrap_or_else(|_| "0".into()),
        Type::Float => ex
            .trim()
            .parse::<f64>()
            .map(|v| format!("{v:?}"))
            .unwrap_or_else(|_| "0.0".into()),
        Type::Bool => ex.trim().parse::<bool>().unwrap_or_default().to_string(),
        Type::Struct(n) if depth < 4 => {
            import(n);
            let fields = service
                .find_struct(n)
                .map(|s| s.fields.as_slice())
                .unwrap_or_default();
            let args = fields
                .iter()
                .filter(|f| f.required)
                .map(|f| {
                    let ex = f.example.as_deref().unwrap_or_default();
                    example_value(&f.ty, ex, service, imports, false, depth + 1)
                })
                .collect::<Vec<_>>()
                .join(", ");
            format!("{n}::new({args})")
        }
        Type::Array(item) if depth < 4 => {
            // A list example is usually one item's value.
            format!(
                "vec![{}]",
                example_value(item, ex, service, imports, true, depth + 1)
            )
        }
        // Maps, free-form values and deep nesting: a concrete type's default.
        _ => "Default::default()".into(),
    }
}

/// The request's `Operation` impl (and, under `testing`, its `FromWire`).
pub(crate) fn operation_impl(
    service: &Service,
    op: &Operation,
    rt: &TokenStream,
    testing: &TestingGate,
) -> TokenStream {
    let req = ident(&op.request_type);
    let resp = ident(&op.response_type);
    let err = ident(&op.error_type);
    let action = &op.action;
    let method = ident(op.http_method.variant());
    let method = quote!(#rt::Method::#method);
    let success = match &op.success_field {
        Some(f) => quote!(Some(#f)),
        None => quote!(None),
    };
    let path = (op.path != "/").then(|| {
        let template = &op.path;
        quote!(const PATH: &'static str = #template;)
    });
    // A JSON object body is `{}` when none of its fields is set (an XML one is no body).
    let json_object = (!op.xml_body && op.params.iter().any(|p| p.location == Location::Json))
        .then(|| quote!(params.json_object();));
    let writes = op.params.iter().map(|p| param_write(p, op.xml_body, rt));
    let region = op
        .params
        .iter()
        .find(|p| p.wire_name == "RegionId")
        .map(|p| {
            let f = ident(&p.rust_name);
            match (p.required, &p.ty) {
                (true, _) => quote!(fn region(&self) -> Option<&str> { Some(self.#f.as_str()) }),
                (false, Type::String) => {
                    quote!(fn region(&self) -> Option<&str> { self.#f.as_deref() })
                }
                // An enum: its `as_str`.
                (false, _) => {
                    quote!(fn region(&self) -> Option<&str> { self.#f.as_ref().map(|v| v.as_str()) })
                }
            }
        });
    let token = op.idempotency_token().map(|p| {
        let f = ident(&p.rust_name);
        let w = &p.wire_name;
        quote! {
            const IDEMPOTENCY_TOKEN: Option<&'static str> = Some(#w);
            fn idempotency_token(&mut self) -> Option<&mut Option<String>> { Some(&mut self.#f) }
        }
    });
    let idempotent = if op.idempotent {
        quote!(
            const IDEMPOTENT: bool = true;
        )
    } else {
        quote!()
    };
    let anonymous = if op.anonymous {
        quote!(
            const ANONYMOUS: bool = true;
        )
    } else {
        quote!()
    };
    let params = if op.params.is_empty() {
        quote!(_params)
    } else {
        quote!(params)
    };
    let doc_text = doc(&format!(
        "Binds {} to the `{}` action.",
        code_span(&op.request_type),
        op.action
    ));
    let paginate = super::paginators::paginate_impl(op, rt);
    let from_wire = testing.wrap(|| from_wire_impl(service, op, rt));
    quote! {
        #doc_text
        impl #rt::Operation for #req {
            type Output = #resp;
            type Error = #err;
            const SERVICE: &'static #rt::ServiceInfo = &SERVICE;
            const ACTION: &'static str = #action;
            const METHOD: #rt::Method = #method;
            #path
            const SUCCESS_FIELD: Option<&'static str> = #success;
            #idempotent
            #anonymous
            fn write_params(&self, #params: &mut #rt::Params) {
                #json_object
                #(#writes)*
            }
            #region
            #token
        }
        #from_wire
        #paginate
    }
}

/// `FromWire`: the request read back from the wire, for the test gateway; with the
/// success example it answers by default.
fn from_wire_impl(service: &Service, op: &Operation, rt: &TokenStream) -> TokenStream {
    let req = ident(&op.request_type);
    let example = op.ok_example().map(|e| {
        let text = e.to_string();
        quote!(const EXAMPLE: Option<&'static str> = Some(#text);)
    });
    let reads = op.params.iter().map(|p| {
        let f = ident(&p.rust_name);
        let read = param_read(p, rt);
        quote!(#f: #read,)
    });
    let w = if op.params.is_empty() {
        quote!(_w)
    } else {
        quote!(w)
    };
    let query: Vec<&str> = op
        .params
        .iter()
        .filter(|p| p.location == Location::Query)
        .map(|p| p.wire_name.as_str())
        .collect();
    // A gateway of its own routes by path and query: its operations name their query keys.
    let query = (service.protocol != crate::model::Protocol::Acs3 && !query.is_empty())
        .then(|| quote!(const QUERY: &'static [&'static str] = &[#(#query),*];));
    let host = (service.protocol != crate::model::Protocol::Acs3
        && op.params.iter().any(|p| p.location == Location::Host))
    .then(|| {
        quote!(
            const HOST: bool = true;
        )
    });
    quote! {
        impl #rt::testing::FromWire for #req {
            #example
            #query
            #host
            fn from_wire(#w: &#rt::testing::Wire) -> Result<Self, #rt::testing::WireError> {
                Ok(Self { #(#reads)* })
            }
        }
    }
}

/// The expression reading one parameter back from where [`param_write`] puts it.
fn param_read(p: &crate::model::Param, rt: &TokenStream) -> TokenStream {
    let w = &p.wire_name;
    if p.location == Location::Payload && p.ty == Type::Bytes {
        // A request's binary body is a `Body`.
        return if p.required {
            quote!(w.req_bytes(#w)?.into())
        } else {
            quote!(w.opt_bytes(#w)?.map(Into::into))
        };
    }
    let place = crate::model::read_place(p);
    let place = ident(place);
    let is_enum = match &p.ty {
        Type::Enum(_) => true,
        Type::Array(inner) => matches!(**inner, Type::Enum(_)),
        _ => false,
    };
    let method = ident(match (p.required, is_enum) {
        (true, false) => "req",
        (false, false) => "opt",
        (true, true) => "req_enum",
        (false, true) => "opt_enum",
    });
    quote!(w.#method(#w, #rt::testing::Place::#place)?)
}

/// The statement writing one parameter where it goes: path, query string, header or form
/// body by name (flattened, JSON or comma-joined per its style), a JSON body's property, or
/// the whole body.
fn param_write(p: &crate::model::Param, xml: bool, rt: &TokenStream) -> TokenStream {
    let f = ident(&p.rust_name);
    let w = &p.wire_name;
    let list = match p.location {
        Location::Host => return quote!(params.host_param(&self.#f);),
        Location::Path => return quote!(params.path_param(#w, &self.#f);),
        Location::Json if xml => {
            return quote!(#rt::json::put(params.xml_object(), #w, &self.#f););
        }
        Location::Json => return quote!(#rt::json::put(params.json_object(), #w, &self.#f);),
        // `x-oss-meta-*`: one header per key of the map.
        Location::Header if w.ends_with('*') && matches!(p.ty, Type::Map(_)) => {
            let prefix = w.trim_end_matches('*');
            return quote!(params.header_map(#prefix, &self.#f););
        }
        Location::Payload if p.ty == Type::Bytes => return quote!(params.binary_payload(&self.#f);),
        Location::Payload => return quote!(params.json_payload(&self.#f);),
        Location::Query => quote!(query),
        Location::Header => quote!(headers),
        Location::Body => quote!(body),
    };
    let is_container = matches!(
        p.ty,
        Type::Array(_) | Type::Map(_) | Type::Struct(_) | Type::Any
    );
    match (p.style, is_container) {
        // A header of any type: a string as it is (OSS `x-oss-object-acl: private`).
        _ if p.location == Location::Header && p.ty == Type::Any => {
            quote!(params.#list.add_text_or_json(#w, &self.#f);)
        }
        // A header holds one value: a list or object goes as JSON, as the official SDKs send it.
        (_, true) if p.style == Style::Json || p.location == Location::Header => {
            quote!(params.#list.add_json(#w, &self.#f);)
        }
        (Style::Simple, true) => quote!(params.#list.add_simple(#w, &self.#f);),
        _ => quote!(params.#list.add(#w, &self.#f);),
    }
}

/// The head of a version module: its docs, its `types` and `errors` submodules (declared as
/// files, or inline), their re-exports, and the client.
pub(crate) fn version_head(
    service: &Service,
    submodules: TokenStream,
    client: TokenStream,
) -> TokenStream {
    let module_doc = inner_doc(&module_doc(service));
    quote! {
        #module_doc
        #submodules
        pub use errors::*;
        pub use types::*;
        #client
    }
}
