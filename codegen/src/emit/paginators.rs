//! Paginators: for each paginated operation, the request's `acs_runtime::Paginate` impl
//! (which fields page, and where the response keeps its items, next token and total) and
//! the client's `<operation>_pages` method. The paging itself is the runtime's
//! (`acs_runtime::Pages`); this code only names fields.

use super::doc_comments::doc;
use super::tokens::ident;
use super::types::rust_type;
use crate::model::{FieldPath, Operation, Paging, RequestField, Type};
use proc_macro2::TokenStream;
use quote::quote;

/// `impl Paginate for <Request>`, or nothing for an operation that does not page.
pub(crate) fn paginate_impl(op: &Operation, rt: &TokenStream) -> TokenStream {
    let Some(p) = &op.pagination else {
        return quote!();
    };
    let req = ident(&op.request_type);
    let Type::Array(item) = &p.items.ty else {
        return quote!();
    };
    let item = rust_type(item, rt);
    let items = items_expr(&p.items);
    let paging = match p.paging {
        Paging::Token => quote!(#rt::Paging::Token),
        Paging::Number => quote!(#rt::Paging::Number),
    };
    let set_token = p.input_token.as_ref().map(|f| {
        let assign = assign(f, quote!(token));
        quote!(fn set_token(&mut self, token: String) { #assign })
    });
    let page = p.page_number.as_ref().map(|f| {
        let name = ident(&f.rust_name);
        let read = if f.required {
            widen(&f.ty, quote!(self.#name))
        } else {
            let to_i64 = widen_option(&f.ty);
            quote!(self.#name #to_i64.unwrap_or(1))
        };
        let assign = assign(f, integer(f, quote!(page)));
        quote! {
            fn page(&self) -> i64 { #read }
            fn set_page(&mut self, page: i64) { #assign }
        }
    });
    let page_size = p.page_size.as_ref().map(|f| {
        let assign = assign(f, integer(f, quote!(size)));
        quote!(fn set_page_size(&mut self, size: i64) { #assign })
    });
    let next_token = p.output_token.as_ref().map(|t| {
        // The token, optional, read with `as_deref`: `&str`.
        let e = match t.steps.last() {
            Some((_, false)) => path_to(t, quote!(as_deref)),
            _ => {
                let e = path_expr(t);
                quote!(#e.map(String::as_str))
            }
        };
        quote!(fn next_token(output: &Self::Output) -> Option<&str> { #e })
    });
    let total = p.total.as_ref().map(|t| {
        let e = path_expr(t);
        let to_i64 = widen_option(&t.ty);
        quote!(fn total(output: &Self::Output) -> Option<i64> { #e.copied() #to_i64 })
    });
    let d = doc(&format!(
        "Pages {} {}: see `Client::{}_pages`.",
        op.action,
        match p.paging {
            Paging::Token => "by token",
            Paging::Number => "by page number",
        },
        op.method_name
    ));
    quote! {
        #d
        impl #rt::Paginate for #req {
            type Item = #item;
            const PAGING: #rt::Paging = #paging;
            #set_token
            #page
            #page_size
            #next_token
            #total
            fn items(output: &Self::Output) -> &[Self::Item] {
                #items
            }
        }
    }
}

/// `<operation>_pages`, or nothing for an operation that does not page.
pub(crate) fn pages_method(op: &Operation, rt: &TokenStream) -> TokenStream {
    let Some(p) = &op.pagination else {
        return quote!();
    };
    let name = ident(&format!("{}_pages", op.method_name));
    let req = ident(&op.request_type);
    let how = match p.paging {
        Paging::Token => "following each response's next token",
        Paging::Number => "counting up from the request's page number",
    };
    let d = doc(&format!(
        "Every page of [`{m}`](Self::{m}), {how}: a `Stream` of outputs (or `.next().await`); \
         `.items()` gives the items of every page, `.page_size(n)` sets the page size. Each \
         page is a call of its own (credentials, retries, `meta()`); paging stops after an \
         error, on an empty page, at the announced total, and on a missing or repeated token.",
        m = op.method_name
    ));
    quote! {
        #d
        pub fn #name(&self, request: #req) -> #rt::Pages<#req> {
            #rt::Pages::new(self.inner.clone(), request, self.options.clone())
        }
    }
}

/// The list at the end of `path`, from `output`, as a slice (empty when a field is absent).
fn items_expr(path: &FieldPath) -> TokenStream {
    if path.steps.iter().all(|(_, required)| *required) {
        let fields = path.steps.iter().map(|(name, _)| ident(name));
        return quote!(output #(.#fields)* .as_slice());
    }
    match path.steps.last() {
        Some((_, false)) => {
            let e = path_to(path, quote!(as_deref));
            quote!(#e.unwrap_or(&[]))
        }
        _ => {
            let e = path_expr(path);
            quote!(#e.map(Vec::as_slice).unwrap_or(&[]))
        }
    }
}

/// `Option<&T>` of the field at the end of `path`, from `output`.
fn path_expr(path: &FieldPath) -> TokenStream {
    path_to(path, quote!(as_ref))
}

/// [`path_expr`] with `last` (`as_ref`, `as_deref`) reading the last field when it is
/// optional (the others with `as_ref`).
fn path_to(path: &FieldPath, last: TokenStream) -> TokenStream {
    let n = path.steps.len();
    let mut e = quote!(output);
    for (i, (name, required)) in path.steps.iter().enumerate() {
        let f = ident(name);
        let access = if i + 1 == n { &last } else { &quote!(as_ref) };
        e = match (i, required) {
            (0, true) => quote!(Some(&#e.#f)),
            (0, false) => quote!(#e.#f.#access()),
            (_, true) => quote!(#e.map(|v| &v.#f)),
            (_, false) => quote!(#e.and_then(|v| v.#f.#access())),
        };
    }
    if n == 0 {
        quote!(Some(output))
    } else {
        e
    }
}

/// Sets a request field to `value` (of the field's type).
fn assign(f: &RequestField, value: TokenStream) -> TokenStream {
    let name = ident(&f.rust_name);
    if f.required {
        quote!(self.#name = #value;)
    } else {
        quote!(self.#name = Some(#value);)
    }
}

/// `value` (of integer type `ty`) as an `i64`.
fn widen(ty: &Type, value: TokenStream) -> TokenStream {
    match ty {
        Type::Int32 => quote!(i64::from(#value)),
        _ => value,
    }
}

/// What turns an `Option` of integer type `ty` into an `Option<i64>`.
fn widen_option(ty: &Type) -> TokenStream {
    match ty {
        Type::Int32 => quote!(.map(i64::from)),
        _ => quote!(),
    }
}

/// `value` (an `i64`) as the field's integer type, saturating.
fn integer(f: &RequestField, value: TokenStream) -> TokenStream {
    match f.ty {
        Type::Int32 => quote!(i32::try_from(#value).unwrap_or(i32::MAX)),
        _ => value,
    }
}
