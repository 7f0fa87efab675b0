//! The public Rust API surface of generated code, one line per item, so a spec review can
//! show its code consequence as a plain diff (`acs-codegen diff --generated`).

use crate::output::Files;
use quote::ToTokens;
use std::fmt::Write;

/// Rust text of tokens, spaced as a person writes it (`Option<String>`).
pub(crate) fn tokens(t: &impl ToTokens) -> String {
    let s = t.to_token_stream().to_string();
    // Tighten the token printer's spacing: `Option < String >` → `Option<String>`.
    s.replace(" :: ", "::")
        .replace(":: ", "::")
        .replace(" <", "<")
        .replace("< ", "<")
        .replace(" >", ">")
        .replace(" ,", ",")
        .replace("& ", "&")
        .replace(" (", "(")
        .replace("( ", "(")
        .replace(" )", ")")
        .replace(" : ", ": ")
        .replace(",)", ")")
}

fn is_pub(v: &syn::Visibility) -> bool {
    matches!(v, syn::Visibility::Public(_))
}

fn items(module: &str, items: &[syn::Item], out: &mut Vec<String>) {
    for item in items {
        match item {
            syn::Item::Struct(s) if is_pub(&s.vis) => {
                out.push(format!("{module}::{} struct", s.ident));
                for f in &s.fields {
                    if is_pub(&f.vis) {
                        if let Some(name) = &f.ident {
                            out.push(format!("{module}::{}.{}: {}", s.ident, name, tokens(&f.ty)));
                        }
                    }
                }
            }
            syn::Item::Enum(e) if is_pub(&e.vis) => {
                out.push(format!("{module}::{} enum", e.ident));
                for v in &e.variants {
                    out.push(format!(
                        "{module}::{}::{}{}",
                        e.ident,
                        v.ident,
                        if v.fields.is_empty() {
                            String::new()
                        } else {
                            tokens(&v.fields)
                        }
                    ));
                }
            }
            syn::Item::Static(s) if is_pub(&s.vis) => {
                out.push(format!("{module}::{}: {}", s.ident, tokens(&s.ty)))
            }
            syn::Item::Impl(i) => {
                let ty = tokens(&i.self_ty);
                match &i.trait_ {
                    Some((_, path, _)) => out.push(format!("{module}::{ty} impl {}", tokens(path))),
                    None => {
                        for it in &i.items {
                            if let syn::ImplItem::Fn(f) = it {
                                if is_pub(&f.vis) {
                                    out.push(format!("{module}::{ty}::{}", tokens(&f.sig)));
                                }
                            }
                        }
                    }
                }
            }
            syn::Item::Mod(m) if is_pub(&m.vis) => {
                if let Some((_, inner)) = &m.content {
                    self::items(&format!("{module}::{}", m.ident), inner, out);
                }
            }
            _ => {}
        }
    }
}

/// The surface of the library sources among `files` (`src/**.rs`, the `acs` binary aside),
/// sorted. Types re-exported from `types`/`errors` are listed under the service module.
pub(crate) fn surface(files: &Files) -> String {
    let mut lines = Vec::new();
    for (path, text) in files {
        let Some(module) = crate::emit::layout::public_module(path) else {
            continue;
        };
        match syn::parse_file(text) {
            Ok(file) => items(&module, &file.items, &mut lines),
            Err(e) => lines.push(format!("{path}: unparsable: {e}")),
        }
    }
    lines.sort();
    lines.dedup();
    let mut out = String::new();
    for l in lines {
        let _ = writeln!(out, "{l}");
    }
    out
}
