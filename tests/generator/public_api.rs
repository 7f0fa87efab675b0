//! The public API of the two library crates, as a snapshot (`tests/golden/api/`): every item
//! a user can name, one line each, so a change to a crate's face is a visible diff. Bless a
//! deliberate change with `UPDATE_GOLDEN=1 cargo test -p acs-codegen-tests --test integration
//! generator::public_api`.
//!
//! Offline and on stable: each crate's sources are parsed with syn and walked from the crate
//! root through its public modules and `pub use` re-exports (followed to the item they
//! name); a `#[doc(hidden)]` module is listed by name only. `#[cfg(test)]` items are left out.

use quote::ToTokens;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A module path from the crate root (`[]` is the root).
type Module = Vec<String>;

/// Every module of a crate: its items.
struct Crate {
    name: String,
    modules: BTreeMap<Module, Vec<syn::Item>>,
}

/// Whether the item is compiled for tests only: `#[cfg(test)]` or a `cfg` naming the `test`
/// predicate among others (not a feature whose name contains "test", such as `testing`).
fn is_cfg_test(attrs: &[syn::Attribute]) -> bool {
    fn names_test(tokens: proc_macro2::TokenStream) -> bool {
        tokens.into_iter().any(|t| match t {
            proc_macro2::TokenTree::Ident(i) => i == "test",
            proc_macro2::TokenTree::Group(g) => names_test(g.stream()),
            _ => false,
        })
    }
    attrs.iter().any(|a| {
        let syn::Meta::List(list) = &a.meta else {
            return false;
        };
        let text = list.tokens.to_string();
        a.path().is_ident("cfg") && names_test(list.tokens.clone()) && !text.contains("not")
    })
}

fn is_hidden(attrs: &[syn::Attribute]) -> bool {
    attrs
        .iter()
        .any(|a| a.path().is_ident("doc") && a.to_token_stream().to_string().contains("hidden"))
}

fn is_pub(v: &syn::Visibility) -> bool {
    matches!(v, syn::Visibility::Public(_))
}

/// Reads the module whose items are `items`, at `path`, from directory `dir` (where its
/// child modules' files are), and its children.
fn read_module(krate: &mut Crate, path: Module, items: Vec<syn::Item>, dir: &Path) {
    for item in &items {
        if let syn::Item::Mod(m) = item {
            if is_cfg_test(&m.attrs) {
                continue;
            }
            let mut child = path.clone();
            child.push(m.ident.to_string());
            let name = m.ident.to_string();
            let child_dir = dir.join(&name);
            match &m.content {
                Some((_, inner)) => read_module(krate, child, inner.clone(), &child_dir),
                None => {
                    let explicit = m.attrs.iter().find_map(|a| {
                        let syn::Meta::NameValue(nv) = &a.meta else {
                            return None;
                        };
                        if !nv.path.is_ident("path") {
                            return None;
                        }
                        let syn::Expr::Lit(l) = &nv.value else {
                            return None;
                        };
                        let syn::Lit::Str(s) = &l.lit else {
                            return None;
                        };
                        Some(dir.join(s.value()))
                    });
                    let file = explicit.unwrap_or_else(|| {
                        let flat = dir.join(format!("{name}.rs"));
                        if flat.is_file() {
                            flat
                        } else {
                            child_dir.join("mod.rs")
                        }
                    });
                    let text = std::fs::read_to_string(&file)
                        .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
                    let parsed = syn::parse_file(&text).expect("parses");
                    read_module(krate, child, parsed.items, &child_dir);
                }
            }
        }
    }
    krate.modules.insert(path, items);
}

fn read_crate(name: &str, src: &Path) -> Crate {
    let mut krate = Crate {
        name: name.into(),
        modules: BTreeMap::new(),
    };
    let text = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    let file = syn::parse_file(&text).expect("parses");
    read_module(&mut krate, Vec::new(), file.items, src);
    krate
}

/// Token text, spaced as a person writes it.
fn text(t: &impl ToTokens) -> String {
    t.to_token_stream()
        .to_string()
        .replace(" :: ", "::")
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
        .replace(" ;", ";")
}

/// A variant's fields without their attributes: `(String)`, `{ path: PathBuf }`.
fn fields_text(fields: &syn::Fields) -> String {
    let list = |named: bool| {
        fields
            .iter()
            .map(|f| match (&f.ident, named) {
                (Some(n), true) => format!("{n}: {}", text(&f.ty)),
                _ => text(&f.ty),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    match fields {
        syn::Fields::Unit => String::new(),
        syn::Fields::Unnamed(_) => format!("({})", list(false)),
        syn::Fields::Named(_) => format!(" {{ {} }}", list(true)),
    }
}

/// The name of an `impl`'s self type, if it is a plain path.
fn self_name(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

impl Crate {
    /// The module `path` names from `at` (`crate::`, `self::`, `super::`, or a child).
    fn resolve(&self, at: &Module, path: &[String]) -> Option<(Module, Vec<String>)> {
        let (mut module, rest): (Module, &[String]) = match path.first().map(String::as_str) {
            Some("crate") => (Vec::new(), &path[1..]),
            Some("self") => (at.clone(), &path[1..]),
            Some("super") => {
                let mut m = at.clone();
                let mut rest = path;
                while rest.first().map(String::as_str) == Some("super") {
                    m.pop();
                    rest = &rest[1..];
                }
                (m, rest)
            }
            _ => (at.clone(), path),
        };
        let mut i = 0;
        while i < rest.len() {
            let mut next = module.clone();
            next.push(rest[i].clone());
            if self.modules.contains_key(&next) {
                module = next;
                i += 1;
            } else {
                break;
            }
        }
        if module == *at && i == 0 && !matches!(path[0].as_str(), "crate" | "self" | "super") {
            // Not a module of this crate: another crate's path.
            return None;
        }
        Some((module, rest[i..].to_vec()))
    }

    /// Lines for the items of `module` named `name` (all public ones for `None`), shown at
    /// `shown`.
    fn describe(
        &self,
        module: &Module,
        name: Option<&str>,
        shown: &str,
        out: &mut BTreeSet<String>,
        seen: &mut BTreeSet<(Module, String)>,
    ) {
        let Some(items) = self.modules.get(module) else {
            return;
        };
        for item in items {
            let (ident, vis, attrs) = match item {
                syn::Item::Fn(f) => (f.sig.ident.to_string(), &f.vis, &f.attrs),
                syn::Item::Struct(s) => (s.ident.to_string(), &s.vis, &s.attrs),
                syn::Item::Enum(e) => (e.ident.to_string(), &e.vis, &e.attrs),
                syn::Item::Trait(t) => (t.ident.to_string(), &t.vis, &t.attrs),
                syn::Item::Const(c) => (c.ident.to_string(), &c.vis, &c.attrs),
                syn::Item::Static(s) => (s.ident.to_string(), &s.vis, &s.attrs),
                syn::Item::Type(t) => (t.ident.to_string(), &t.vis, &t.attrs),
                syn::Item::Mod(m) => (m.ident.to_string(), &m.vis, &m.attrs),
                syn::Item::Use(u) if is_pub(&u.vis) && !is_cfg_test(&u.attrs) => {
                    self.reexports(module, &u.tree, &mut Vec::new(), name, shown, out, seen);
                    continue;
                }
                syn::Item::Macro(m) => {
                    let exported = m.attrs.iter().any(|a| a.path().is_ident("macro_export"));
                    match (&m.ident, exported && module.is_empty()) {
                        (Some(i), true) if name.is_none_or(|n| *i == n) => {
                            let hidden = if is_hidden(&m.attrs) { " (hidden)" } else { "" };
                            out.insert(format!("{}::{i}! macro{hidden}", self.name));
                        }
                        _ => {}
                    }
                    continue;
                }
                _ => continue,
            };
            if !is_pub(vis) || is_cfg_test(attrs) || name.is_some_and(|n| n != ident) {
                continue;
            }
            if !seen.insert((module.clone(), format!("{shown}::{ident}"))) {
                continue;
            }
            let at = format!("{shown}::{ident}");
            let hidden = is_hidden(attrs);
            match item {
                syn::Item::Mod(m) => {
                    if hidden {
                        out.insert(format!("{at} mod (hidden)"));
                    } else {
                        out.insert(format!("{at} mod"));
                        let mut child = module.clone();
                        child.push(m.ident.to_string());
                        self.describe(&child, None, &at, out, seen);
                    }
                }
                syn::Item::Fn(f) => {
                    out.insert(format!("{shown}::{}", text(&f.sig)));
                }
                syn::Item::Struct(s) => {
                    out.insert(format!("{at} struct"));
                    for f in s.fields.iter().filter(|f| is_pub(&f.vis)) {
                        if let Some(n) = &f.ident {
                            out.insert(format!("{at}.{n}: {}", text(&f.ty)));
                        }
                    }
                    self.impls(module, &ident, &at, out);
                }
                syn::Item::Enum(e) => {
                    out.insert(format!("{at} enum"));
                    for v in &e.variants {
                        out.insert(format!("{at}::{}{}", v.ident, fields_text(&v.fields)));
                    }
                    self.impls(module, &ident, &at, out);
                }
                syn::Item::Trait(t) => {
                    out.insert(format!("{at} trait"));
                    for i in &t.items {
                        if let syn::TraitItem::Fn(f) = i {
                            out.insert(format!("{at}::{}", text(&f.sig)));
                        }
                    }
                }
                syn::Item::Const(c) => {
                    out.insert(format!("{at}: {}", text(&c.ty)));
                }
                syn::Item::Static(s) => {
                    out.insert(format!("{at}: {}", text(&s.ty)));
                }
                syn::Item::Type(t) => {
                    out.insert(format!("{at} = {}", text(&t.ty)));
                }
                _ => {}
            }
        }
    }

    /// A type's public methods and the traits it implements, from the `impl` blocks of its
    /// module.
    fn impls(&self, module: &Module, ty: &str, at: &str, out: &mut BTreeSet<String>) {
        for item in self.modules.get(module).into_iter().flatten() {
            let syn::Item::Impl(i) = item else { continue };
            if is_cfg_test(&i.attrs) || self_name(&i.self_ty).as_deref() != Some(ty) {
                continue;
            }
            match &i.trait_ {
                Some((_, path, _)) => {
                    out.insert(format!("{at} impl {}", text(path)));
                }
                None => {
                    for m in &i.items {
                        if let syn::ImplItem::Fn(f) = m {
                            if is_pub(&f.vis) && !is_cfg_test(&f.attrs) {
                                out.insert(format!("{at}::{}", text(&f.sig)));
                            }
                        }
                    }
                }
            }
        }
    }

    /// The items a `pub use` tree names, described at `shown`.
    #[allow(clippy::too_many_arguments)]
    fn reexports(
        &self,
        module: &Module,
        tree: &syn::UseTree,
        prefix: &mut Vec<String>,
        only: Option<&str>,
        shown: &str,
        out: &mut BTreeSet<String>,
        seen: &mut BTreeSet<(Module, String)>,
    ) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.reexports(module, &p.tree, prefix, only, shown, out, seen);
                prefix.pop();
            }
            syn::UseTree::Group(g) => {
                for t in &g.items {
                    self.reexports(module, t, prefix, only, shown, out, seen);
                }
            }
            syn::UseTree::Name(n) => self.reexport(
                module,
                prefix,
                &n.ident.to_string(),
                None,
                only,
                shown,
                out,
                seen,
            ),
            syn::UseTree::Rename(r) => self.reexport(
                module,
                prefix,
                &r.ident.to_string(),
                Some(r.rename.to_string()),
                only,
                shown,
                out,
                seen,
            ),
            syn::UseTree::Glob(_) => {
                if only.is_some() {
                    return;
                }
                match self.resolve(module, prefix) {
                    Some((target, rest)) if rest.is_empty() => {
                        self.describe(&target, None, shown, out, seen)
                    }
                    _ => {
                        out.insert(format!("{shown}::* (re-export of {})", prefix.join("::")));
                    }
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn reexport(
        &self,
        module: &Module,
        prefix: &[String],
        name: &str,
        rename: Option<String>,
        only: Option<&str>,
        shown: &str,
        out: &mut BTreeSet<String>,
        seen: &mut BTreeSet<(Module, String)>,
    ) {
        let visible = rename.clone().unwrap_or_else(|| name.to_string());
        if only.is_some_and(|o| o != visible) {
            return;
        }
        let mut path = prefix.to_vec();
        path.push(name.to_string());
        match self.resolve(module, &path) {
            // A module of this crate, re-exported.
            Some((target, rest)) if rest.is_empty() => {
                let at = format!("{shown}::{visible}");
                out.insert(format!("{at} mod"));
                self.describe(&target, None, &at, out, seen);
            }
            Some((target, rest)) if rest.len() == 1 && rename.is_none() => {
                self.describe(&target, Some(&rest[0]), shown, out, seen);
            }
            _ => {
                out.insert(format!(
                    "{shown}::{visible} (re-export of {})",
                    path.join("::")
                ));
            }
        }
    }
}

fn snapshot(name: &str, src: &Path) -> String {
    let krate = read_crate(name, src);
    let mut out = BTreeSet::new();
    krate.describe(&Vec::new(), None, name, &mut out, &mut BTreeSet::new());
    let mut text = out.into_iter().collect::<Vec<_>>().join("\n");
    text.push('\n');
    text
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn the_generators_public_api_is_its_snapshot() {
    let api = snapshot("acs_codegen", &workspace().join("codegen/src"));
    for face in [
        "acs_codegen::Builder struct",
        "acs_codegen::Options struct",
        "acs_codegen::internal mod (hidden)",
    ] {
        assert!(api.contains(face), "{face} missing:\n{api}");
    }
    crate::expect::check_golden("api/acs-codegen.txt", &api);
}

#[test]
fn the_runtimes_public_api_is_its_snapshot() {
    let api = snapshot("acs_runtime", &workspace().join("runtime/src"));
    assert!(api.contains("acs_runtime::Client struct"), "{api}");
    crate::expect::check_golden("api/acs-runtime.txt", &api);
}

/// The walk follows re-exports into private modules, lists a hidden module by name only, and
/// leaves out what is not public.
#[test]
fn the_snapshot_follows_reexports_and_skips_the_private() {
    let dir = std::env::temp_dir().join(format!("acs-public-api-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("inner")).unwrap();
    std::fs::write(
        dir.join("lib.rs"),
        "mod inner; pub use inner::{Thing, make}; #[doc(hidden)] pub mod secret { pub fn x() {} } fn private() {}",
    )
    .unwrap();
    std::fs::write(
        dir.join("inner/mod.rs"),
        "pub struct Thing { pub a: u8, b: u8 } impl Thing { pub fn get(&self) -> u8 { self.a } fn hidden(&self) {} } pub fn make() -> Thing { todo!() } pub struct NotReexported;",
    )
    .unwrap();
    let api = snapshot("k", &dir);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(
        api,
        "k::Thing struct\nk::Thing.a: u8\nk::Thing::fn get(&self) -> u8\nk::fn make() -> Thing\nk::secret mod (hidden)\n"
    );
}
