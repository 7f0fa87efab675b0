//! Tests of the generated crate, derived from the spec: the documented success example
//! decodes into the typed response (with its values), and every documented error code
//! decodes into its own variant.

use super::options::Options;
use super::tokens::{ident, Chunks};
use crate::model::{Operation, Service, StructDef, Type, COMMON, UNHANDLED};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

/// The `tests/<product>_<version>.rs` file of a service.
pub(crate) fn chunks<'a>(service: &'a Service, opts: &'a Options) -> Chunks<'a> {
    Chunks {
        head: Box::new(move || {
            let krate = ident(&opts.crate_name);
            let product = ident(&service.product_module);
            let version = ident(&service.version_module);
            let feature = &service.feature;
            quote! {
                //! Decoding tests generated from the spec's examples and error tables.
                #![cfg(feature = #feature)]
                #![allow(clippy::bool_assert_comparison)]
                use #krate::#product::#version::*;
                use #krate::runtime::decode_response;
                use #krate::runtime::testing;
            }
        }),
        len: service.operations.len(),
        item: Box::new(move |i| operation_tests(service, &service.operations[i])),
    }
}

/// Assertions that `access` (an expression of struct type `s`) holds the example `value`.
fn field_asserts(
    service: &Service,
    s: &StructDef,
    access: TokenStream,
    value: &Value,
    out: &mut Vec<TokenStream>,
    depth: usize,
) {
    let Value::Object(map) = value else { return };
    for f in &s.fields {
        let Some(v) = map.get(&f.wire_name) else {
            continue;
        };
        let fi = ident(&f.rust_name);
        let wire = &f.wire_name;
        let expr = quote!(#access.#fi);
        let wrap = |lit: TokenStream| if f.required { lit } else { quote!(Some(#lit)) };
        match (&f.ty, v) {
            (Type::String, Value::String(x)) => {
                let e = if f.required {
                    quote!(#expr.as_str())
                } else {
                    quote!(#expr.as_deref())
                };
                let want = wrap(quote!(#x));
                out.push(quote!(assert_eq!(#e, #want, #wire);));
            }
            (Type::Int64, Value::Number(n)) if n.is_i64() => {
                let x = n.as_i64().unwrap_or_default();
                let want = wrap(quote!(#x));
                out.push(quote!(assert_eq!(#expr, #want, #wire);));
            }
            (Type::Int32, Value::Number(n)) if n.is_i64() => {
                let x = n.as_i64().unwrap_or_default() as i32;
                let want = wrap(quote!(#x));
                out.push(quote!(assert_eq!(#expr, #want, #wire);));
            }
            (Type::Enum(_), Value::String(x)) => {
                // The wire value round-trips, documented or not (`Unknown` keeps it).
                let e = if f.required {
                    quote!(#expr.as_str())
                } else {
                    quote!(#expr.as_ref().map(|v| v.as_str()))
                };
                let want = wrap(quote!(#x));
                out.push(quote!(assert_eq!(#e, #want, #wire);));
            }
            (Type::Bool, Value::Bool(b)) => {
                let want = wrap(quote!(#b));
                out.push(quote!(assert_eq!(#expr, #want, #wire);));
            }
            (Type::Struct(n), Value::Object(_)) if depth < 8 => {
                if let Some(inner) = service.find_struct(n) {
                    let nested = if f.required {
                        quote!(#expr)
                    } else {
                        quote!(#expr.as_ref().expect(#wire))
                    };
                    field_asserts(service, inner, nested, v, out, depth + 1);
                }
            }
            _ => {}
        }
    }
}

fn operation_tests(service: &Service, op: &Operation) -> TokenStream {
    let req = ident(&op.request_type);
    let err_ty = ident(&op.error_type);
    let mut tests = Vec::new();
    let name = &op.method_name;
    if let (Some(example), Some(ok_example), Some(s)) = (
        &op.success_example,
        op.ok_example(),
        service.find_struct(&op.response_type),
    ) {
        // A page's example that is a failure: its success twin checks the typed response.
        let failed = op.example_is_failure();
        let body = serde_json::to_string(&ok_example).unwrap_or_default();
        let mut asserts = Vec::new();
        field_asserts(service, s, quote!(response), &ok_example, &mut asserts, 0);
        let t = ident(&format!("{name}_decodes_the_success_example"));
        // An example with no field to check (an array, an object of free-form fields) still
        // has to decode.
        let response = if asserts.is_empty() {
            quote!(_response)
        } else {
            quote!(response)
        };
        tests.push(quote! {
            #[test]
            fn #t() {
                let body = #body;
                let #response = decode_response::<#req>(200, &[], body.as_bytes()).expect("the success example decodes");
                #(#asserts)*
            }
        });
        if failed {
            let body = serde_json::to_string(example).unwrap_or_default();
            let code = example
                .get("Code")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let request_id = example.get("RequestId").and_then(Value::as_str);
            let variant = op
                .errors
                .iter()
                .find(|e| e.code == code)
                .map(|e| ident(if e.common { COMMON } else { &e.variant }))
                .unwrap_or_else(|| ident(UNHANDLED));
            let rid = match request_id {
                Some(r) => quote!(assert_eq!(err.request_id(), Some(#r));),
                None => quote!(),
            };
            let t = ident(&format!(
                "{name}_documented_example_with_success_false_is_an_error"
            ));
            tests.push(quote! {
                #[test]
                fn #t() {
                    let err = testing::service_error::<#req>(200, #body);
                    assert!(matches!(err, #err_ty::#variant(_)), "{err:?}");
                    assert_eq!(err.code(), #code);
                    assert_eq!(err.http_status(), 200);
                    #rid
                }
            });
        }
    }
    // One row per documented code: (status, code, message, variant, the spec's `retryable`).
    // A code documented under a 2xx status is an error only where a success field says so;
    // elsewhere such a body decodes as a success, so it has no row here.
    // The common codes are checked by the runtime's `assert_error_rows` from the enum itself.
    let rows = op
        .errors
        .iter()
        .filter(|e| !e.common)
        .filter(|e| e.status >= 300 || op.success_field.is_some())
        .map(|e| {
            let (code, message, status, variant) = (&e.code, &e.message, e.status, &e.variant);
            let retryable = e.retryable;
            quote!((#status, #code, #message, #variant, #retryable))
        });
    let t = ident(&format!("{name}_maps_every_documented_error_code"));
    tests.push(quote! {
        #[test]
        fn #t() {
            testing::assert_error_rows::<#req>(&[#(#rows),*]);
        }
    });
    quote!(#(#tests)*)
}
