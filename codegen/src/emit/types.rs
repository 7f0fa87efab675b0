//! Types: request types (constructor for required parameters, setters for optional ones),
//! enums with an `Unknown` fallback, and response structs that tolerate unknown fields and
//! numbers sent as strings.

use super::doc_comments::doc;
use super::layout::Home;
use super::options::{runtime_path, Options};
use super::testing_gate::TestingGate;
use super::text::{api_reference_note, code_span, first_sentence, paragraphs, value_span};
use super::tokens::{ident, Chunks};
use crate::model::{Doc, EnumDef, Operation, OutputBody, Service, StructDef, Type, TypeDef};
use proc_macro2::TokenStream;
use quote::quote;

/// What every generated type derives, beside the `Debug` that may be written by hand.
#[derive(Clone, Copy)]
struct Derives {
    /// `PartialEq` (and `Eq`, `Hash` on enums, by wire value).
    comparisons: bool,
}

/// The `types.rs` module of a service: the request types, then the shared definitions.
pub(crate) fn chunks<'a>(service: &'a Service, opts: &'a Options, home: Home<'a>) -> Chunks<'a> {
    let derives = Derives {
        comparisons: opts.comparisons,
    };
    let requests = service.operations.len();
    Chunks {
        head: Box::new(|| {
            quote! {
                //! Request, response and value types.
            }
        }),
        len: requests + service.types.len(),
        item: Box::new(move |i| {
            let rt = runtime_path(opts);
            if let Some(op) = service.operations.get(i) {
                return request(op, service, opts, &rt, derives, home);
            }
            match &service.types[i - requests] {
                TypeDef::Enum(e) => enum_def(e, &rt, derives),
                TypeDef::Struct(s) => struct_def(s, &rt, derives, &TestingGate::of(opts)),
                TypeDef::Alias(a) => {
                    let (name, target) = (ident(&a.name), ident(&a.target));
                    let d = doc(&format!(
                        "The same type as [`{}`], under the name of where it is used (which stays whatever else the spec holds).",
                        a.target
                    ));
                    quote!(#d pub type #name = #target;)
                }
            }
        }),
    }
}

/// The Rust type of a model type.
pub(crate) fn rust_type(ty: &Type, rt: &TokenStream) -> TokenStream {
    match ty {
        Type::String => quote!(String),
        Type::Int32 => quote!(i32),
        Type::Int64 => quote!(i64),
        Type::Float => quote!(f64),
        Type::Bool => quote!(bool),
        Type::Enum(n) | Type::Struct(n) => {
            let i = ident(n);
            quote!(#i)
        }
        Type::Array(t) => {
            let t = rust_type(t, rt);
            quote!(Vec<#t>)
        }
        Type::Map(t) => {
            let t = rust_type(t, rt);
            quote!(::std::collections::BTreeMap<String, #t>)
        }
        Type::Any => quote!(#rt::serde_json::Value),
        Type::Bytes => quote!(Vec<u8>),
    }
}

/// Field documentation: description, then example and default.
pub(crate) fn value_doc(d: &Doc) -> String {
    let mut facts = Vec::new();
    if let Some(e) = &d.example {
        facts.push(format!("Example: {}.", value_span(e)));
    }
    if let Some(v) = &d.default {
        facts.push(format!("Default: {}.", value_span(v)));
    }
    paragraphs([d.description.clone(), facts.join(" ")])
}

/// A field of a request-side struct (operation parameter or nested request object field).
pub(crate) struct InField<'a> {
    pub wire: &'a str,
    pub rust: &'a str,
    pub doc: String,
    pub required: bool,
    pub ty: &'a Type,
    pub sensitive: bool,
}

/// The derives of a generated struct, and, when a field is a secret, its hand-made `Debug`
/// that shows `***` for it (`Debug` is then not derived).
fn derives_and_debug(
    name: &str,
    fields: &[(&str, bool)],
    default: bool,
    output: bool,
    rt: &TokenStream,
    derives: Derives,
) -> (TokenStream, TokenStream) {
    let default = default.then(|| quote!(Default,));
    let eq = derives.comparisons.then(|| quote!(PartialEq,));
    if !fields.iter().any(|(_, sensitive)| *sensitive) {
        return (quote!(#[derive(Clone, Debug, #default #eq)]), quote!());
    }
    let name_i = ident(name);
    let shown = fields.iter().map(|(rust, sensitive)| {
        let label = rust.trim_start_matches("r#");
        let f = ident(rust);
        if *sensitive {
            quote!(.field(#label, &#rt::Redacted))
        } else {
            quote!(.field(#label, &self.#f))
        }
    });
    let meta = output.then(|| quote!(.field("meta", &self.meta)));
    (
        quote!(#[derive(Clone, #default #eq)]),
        quote! {
            impl ::core::fmt::Debug for #name_i {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.debug_struct(#name) #(#shown)* #meta .finish()
                }
            }
        },
    )
}

/// The Rust type of a field of a struct callers build: a request's binary body is a
/// [`Body`](acs_runtime::Body) (bytes, a file or a stream, sent as it is read); an output's
/// bytes are bytes.
fn field_type(ty: &Type, output: bool, rt: &TokenStream) -> TokenStream {
    match ty {
        Type::Bytes if !output => quote!(#rt::Body),
        other => rust_type(other, rt),
    }
}

/// The constructor argument (or setter) type and whether it converts, for a field of a
/// struct callers build (`output`: an output's).
fn arg(ty: &Type, output: bool, rt: &TokenStream) -> (TokenStream, bool) {
    match ty {
        Type::String => (quote!(impl Into<String>), true),
        Type::Bytes if !output => (quote!(impl Into<#rt::Body>), true),
        Type::Enum(n) | Type::Struct(n) => {
            let i = ident(n);
            (quote!(impl Into<#i>), true)
        }
        other => (rust_type(other, rt), false),
    }
}

/// A struct callers build (`new` with the required fields, setters for the others); an
/// `output` also carries the response metadata.
fn builder_struct(
    name: &str,
    doc_text: &str,
    fields: &[InField],
    output: bool,
    rt: &TokenStream,
    derives: Derives,
) -> TokenStream {
    let name_i = ident(name);
    let doc_attrs = doc(doc_text);
    let defs = fields.iter().map(|f| {
        let fi = ident(f.rust);
        let t = field_type(f.ty, output, rt);
        let d = doc(&f.doc);
        if f.required {
            quote!(#d pub #fi: #t,)
        } else {
            quote!(#d pub #fi: Option<#t>,)
        }
    });
    let required: Vec<_> = fields.iter().filter(|f| f.required).collect();
    let args = required.iter().map(|f| {
        let fi = ident(f.rust);
        let (t, _) = arg(f.ty, output, rt);
        quote!(#fi: #t)
    });
    let inits = fields.iter().map(|f| {
        let fi = ident(f.rust);
        if !f.required {
            quote!(#fi: None)
        } else if arg(f.ty, output, rt).1 {
            quote!(#fi: #fi.into())
        } else {
            quote!(#fi)
        }
    });
    let (meta_field, meta_init) = meta_field(output, rt);
    let new_doc = if required.is_empty() {
        "Creates the value; every field is optional.".to_string()
    } else {
        format!(
            "Creates the value with its required fields: {}.",
            required
                .iter()
                .map(|f| format!("`{}`", f.wire))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let setters = setters(fields, output, rt);
    let new_doc = doc(&new_doc);
    // Without required fields, `Default` is the same as `new()`.
    let shown: Vec<(&str, bool)> = fields.iter().map(|f| (f.rust, f.sensitive)).collect();
    let (derives, debug) =
        derives_and_debug(name, &shown, required.is_empty(), output, rt, derives);
    quote! {
        #doc_attrs
        #derives
        #[non_exhaustive]
        pub struct #name_i { #(#defs)* #meta_field }
        #debug
        impl #name_i {
            #new_doc
            pub fn new(#(#args),*) -> Self { Self { #(#inits,)* #meta_init } }
            #(#setters)*
        }
    }
}

/// The chainable setters of a struct's optional fields (`.instance_id("i-1")`).
fn setters(fields: &[InField], output: bool, rt: &TokenStream) -> Vec<TokenStream> {
    let setters = fields.iter().filter(|f| !f.required).map(|f| {
        let fi = ident(f.rust);
        let d = doc(&format!("Sets `{}`. {}", f.wire, first_sentence(&f.doc)));
        match f.ty {
            Type::String | Type::Enum(_) | Type::Struct(_) => {
                let (t, _) = arg(f.ty, output, rt);
                quote! {
                    #d
                    pub fn #fi(mut self, value: #t) -> Self { self.#fi = Some(value.into()); self }
                }
            }
            Type::Bytes if !output => {
                let (t, _) = arg(f.ty, output, rt);
                quote! {
                    #d
                    pub fn #fi(mut self, value: #t) -> Self { self.#fi = Some(value.into()); self }
                }
            }
            other => {
                let t = rust_type(other, rt);
                quote! {
                    #d
                    pub fn #fi(mut self, value: #t) -> Self { self.#fi = Some(value); self }
                }
            }
        }
    });
    setters.collect()
}

/// The private metadata field of an output struct, and its initializer.
fn meta_field(output: bool, rt: &TokenStream) -> (TokenStream, TokenStream) {
    if output {
        (
            quote!(meta: #rt::ResponseMeta,),
            quote!(meta: #rt::ResponseMeta::default(),),
        )
    } else {
        (quote!(), quote!())
    }
}

fn request(
    op: &Operation,
    service: &Service,
    opts: &Options,
    rt: &TokenStream,
    derives: Derives,
    home: Home,
) -> TokenStream {
    let fields: Vec<InField> = op
        .params
        .iter()
        .map(|p| {
            let mut text = value_doc(&p.doc);
            if p.idempotency_token {
                text = paragraphs([text, "Idempotency token: when left empty, the client fills it with a fresh UUID and keeps it across retries.".into()]);
            }
            if p.deprecated {
                text = paragraphs([text, "Deprecated.".into()]);
            }
            InField { wire: &p.wire_name, rust: &p.rust_name, doc: text, required: p.required, ty: &p.ty, sensitive: p.sensitive }
        })
        .collect();
    let text = paragraphs([
        format!("Request of `{}`: {}", op.action, op.summary),
        format!("Send it with {}.", home.client_method(&op.method_name)),
        api_reference_note(service, op, opts),
    ]);
    builder_struct(&op.request_type, &text, &fields, false, rt, derives)
}

fn enum_def(e: &EnumDef, rt: &TokenStream, derives: Derives) -> TokenStream {
    let eq = derives.comparisons.then(|| quote!(eq));
    let name = ident(&e.name);
    let doc_text = if e.description.is_empty() {
        format!("Values of `{}`.", e.name)
    } else {
        e.description.clone()
    };
    let d = doc(&paragraphs([
        doc_text,
        "Values this SDK does not know yet are kept in `Unknown`.".into(),
    ]));
    let variants = e.values.iter().map(|v| {
        let vi = ident(&v.variant);
        let text = if v.description.is_empty() {
            value_span(&v.wire)
        } else {
            format!("{}: {}", value_span(&v.wire), v.description)
        };
        let d = doc(&text);
        quote!(#d #vi,)
    });
    let pairs = e.values.iter().map(|v| {
        let vi = ident(&v.variant);
        let w = &v.wire;
        quote!(#vi = #w)
    });
    let bool_impl = e.bool_values.as_ref().map(|(t, f)| {
        let tv = e
            .values
            .iter()
            .find(|v| &v.wire == t)
            .map(|v| ident(&v.variant));
        let fv = e
            .values
            .iter()
            .find(|v| &v.wire == f)
            .map(|v| ident(&v.variant));
        let from_doc = doc(&format!(
            "`true` is {}, `false` is {}.",
            code_span(t),
            code_span(f)
        ));
        quote! {
            impl From<bool> for #name {
                #from_doc
                fn from(value: bool) -> Self { if value { Self::#tv } else { Self::#fv } }
            }
            impl #name {
                /// The value as a boolean, or `None` for an unknown value.
                pub fn as_bool(&self) -> Option<bool> {
                    match self { Self::#tv => Some(true), Self::#fv => Some(false), _ => None }
                }
            }
        }
    });
    quote! {
        #d
        #[derive(Clone)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this SDK version does not know, kept as sent.
            Unknown(String),
        }
        #rt::string_enum!(#name { #(#pairs),* } #eq);
        #bool_impl
    }
}

/// `FromJson` for a struct: one lenient read per field.
fn from_json_impl(s: &StructDef, rt: &TokenStream) -> TokenStream {
    let name = ident(&s.name);
    let reads = s.fields.iter().map(|f| {
        let fi = ident(&f.rust_name);
        let w = &f.wire_name;
        if f.wire_name.is_empty() {
            // The whole body (an array output's `items`).
            quote!(#fi: #rt::FromJson::from_json(v)?,)
        } else if f.required {
            quote!(#fi: #rt::json::req(v, #w)?,)
        } else {
            quote!(#fi: #rt::json::opt(v, #w),)
        }
    });
    let (_, meta_init) = meta_field(s.output, rt);
    let headers = &s.headers;
    let output = s.output.then(|| {
        if headers.is_empty() {
            quote!(#rt::output!(#name);)
        } else {
            quote!(#rt::output!(#name, headers: [#(#headers),*]);)
        }
    });
    quote! {
        impl #rt::FromJson for #name {
            fn from_json(v: &#rt::serde_json::Value) -> Result<Self, String> {
                Ok(Self { #(#reads)* #meta_init })
            }
        }
        #output
    }
}

/// `ToJson` for a struct: its fields under their wire names (an array output is its
/// items).
fn to_json_impl(s: &StructDef, rt: &TokenStream) -> TokenStream {
    let name = ident(&s.name);
    if let Some(whole) = s.fields.iter().find(|f| f.wire_name.is_empty()) {
        let fi = ident(&whole.rust_name);
        return quote! {
            impl #rt::ToJson for #name {
                fn to_json(&self) -> #rt::serde_json::Value { #rt::ToJson::to_json(&self.#fi) }
            }
        };
    }
    let puts = s.fields.iter().map(|f| {
        let fi = ident(&f.rust_name);
        let w = &f.wire_name;
        quote!(#rt::json::put(&mut m, #w, &self.#fi);)
    });
    let m = if s.fields.is_empty() {
        quote!(m)
    } else {
        quote!(mut m)
    };
    quote! {
        impl #rt::ToJson for #name {
            fn to_json(&self) -> #rt::serde_json::Value {
                let #m = #rt::serde_json::Map::new();
                #(#puts)*
                #rt::serde_json::Value::Object(m)
            }
        }
    }
}

/// `new` of a response-side struct: its required fields as arguments, the others `None`
/// (set them by field), so tests can build what a service answers.
fn constructor(s: &StructDef, rt: &TokenStream) -> TokenStream {
    let name = ident(&s.name);
    let required: Vec<_> = s.fields.iter().filter(|f| f.required).collect();
    let args = required.iter().map(|f| {
        let fi = ident(&f.rust_name);
        let (t, _) = arg(&f.ty, true, rt);
        quote!(#fi: #t)
    });
    let inits = s.fields.iter().map(|f| {
        let fi = ident(&f.rust_name);
        if !f.required {
            quote!(#fi: None)
        } else if arg(&f.ty, true, rt).1 {
            quote!(#fi: #fi.into())
        } else {
            quote!(#fi)
        }
    });
    let (_, meta_init) = meta_field(s.output, rt);
    let text = if required.is_empty() {
        "Creates the value; every field is optional (set them by name).".to_string()
    } else {
        format!(
            "Creates the value with its required fields: {}.",
            required
                .iter()
                .map(|f| if f.wire_name.is_empty() {
                    "the body".to_string()
                } else {
                    format!("`{}`", f.wire_name)
                })
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let d = doc(&text);
    quote! {
        impl #name {
            #d
            pub fn new(#(#args),*) -> Self { Self { #(#inits,)* #meta_init } }
        }
    }
}

/// A struct: its definition, its constructor, and how it is read and written as JSON; what
/// only the test gateway needs (reading a request type, writing a response type) under
/// `testing`.
fn struct_def(
    s: &StructDef,
    rt: &TokenStream,
    derives: Derives,
    testing: &TestingGate,
) -> TokenStream {
    let name = ident(&s.name);
    let doc_text = if s.description.is_empty() {
        format!("`{}`.", s.name)
    } else {
        s.description.clone()
    };
    let mut out = TokenStream::new();
    let in_fields: Vec<InField> = s
        .fields
        .iter()
        .map(|f| InField {
            wire: &f.wire_name,
            rust: &f.rust_name,
            doc: value_doc(&Doc {
                description: f.description.clone(),
                example: f.example.clone(),
                default: None,
            }),
            required: f.required,
            ty: &f.ty,
            sensitive: f.sensitive,
        })
        .collect();
    if s.in_request {
        let fields = in_fields;
        out.extend(builder_struct(
            &s.name, &doc_text, &fields, s.output, rt, derives,
        ));
        let writes = s.fields.iter().map(|f| {
            let fi = ident(&f.rust_name);
            let w = &f.wire_name;
            quote!(out.add_field(name, #w, &self.#fi);)
        });
        out.extend(quote! {
            impl #rt::ParamValue for #name {
                fn write_param(&self, name: &str, out: &mut #rt::ParamList) { #(#writes)* }
            }
        });
        out.extend(to_json_impl(s, rt));
        // Read from responses, and from requests by the test gateway.
        out.extend(if s.in_response {
            from_json_impl(s, rt)
        } else {
            testing.wrap(|| from_json_impl(s, rt))
        });
        return out;
    }
    let fields = in_fields.iter().map(|f| {
        let fi = ident(f.rust);
        let t = rust_type(f.ty, rt);
        let d = doc(&f.doc);
        if f.required {
            quote!(#d pub #fi: #t,)
        } else {
            quote!(#d pub #fi: Option<#t>,)
        }
    });
    let d = doc(&doc_text);
    let (meta_field, _) = meta_field(s.output, rt);
    let shown: Vec<(&str, bool)> = s
        .fields
        .iter()
        .map(|f| (f.rust_name.as_str(), f.sensitive))
        .collect();
    let all_optional = s.fields.iter().all(|f| !f.required);
    let (derives, debug) = derives_and_debug(&s.name, &shown, all_optional, s.output, rt, derives);
    let constructor = constructor(s, rt);
    // Answers are built by hand for the test gateway and for callers' own doubles: the
    // setters of a request, under `testing` (see docs/benchmarks.md for their cost).
    let setters = in_fields.iter().any(|f| !f.required).then(|| {
        testing.wrap(|| {
            let setters = setters(&in_fields, true, rt);
            quote!(impl #name { #(#setters)* })
        })
    });
    out.extend(quote! {
        #d
        #derives
        #[non_exhaustive]
        pub struct #name { #(#fields)* #meta_field }
        #debug
        #constructor
        #setters
    });
    out.extend(match s.body {
        OutputBody::Object | OutputBody::Array => {
            let body = s.output.then(|| {
                testing.wrap(|| quote! {
                    impl #rt::testing::ToBody for #name {
                        fn to_body(&self) -> (Vec<u8>, Option<&'static str>) {
                            (#rt::ToJson::to_json(self).to_string().into_bytes(), Some("application/json; charset=utf-8"))
                        }
                    }
                })
            });
            let mut impls = testing.wrap(|| to_json_impl(s, rt));
            impls.extend(body);
            impls.extend(from_json_impl(s, rt));
            impls
        }
        OutputBody::Text => quote!(#rt::raw_output!(#name text);),
        OutputBody::Bytes => quote!(#rt::raw_output!(#name bytes);),
        OutputBody::Empty => quote!(#rt::raw_output!(#name empty);),
    });
    out
}
