//! The hand-written crates' module graph (docs/architecture.md): no two modules import each
//! other in a circle, and no module imports from a layer above it (its parent module or the
//! crate root, whose re-exports are the crate's face for other crates); nor do two top-level
//! modules, through any of their files.
//!
//! Every Rust file of `codegen/src` (the library and the `acs-codegen` binary, each its own
//! crate) and `runtime/src` is parsed with syn. An edge goes from a file's module to the
//! deepest module a path names: `use` trees, paths in code and in macro arguments that start
//! with `crate::`, `super::`, `self::` or a child module's name. Tokens of `quote!` and
//! `macro_rules!` are generated code, not imports, and `#[cfg(test)]` modules are skipped.

use proc_macro2::{TokenStream, TokenTree};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use syn::visit::Visit;

/// A module, as its path from the crate root (`[]` is the root).
type Module = Vec<String>;

/// One crate: its modules' files and the paths each names.
struct Crate {
    name: String,
    files: BTreeMap<Module, PathBuf>,
    paths: BTreeMap<Module, Vec<Vec<String>>>,
}

fn module_of(dir: &Path, file: &Path, root_file: &str) -> Module {
    let rel = file.strip_prefix(dir).expect("under the crate's directory");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().expect("a file name");
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && !(parts.is_empty() && stem == root_file) {
        parts.push(stem.to_string());
    }
    parts
}

/// Reads the crate whose root file is `dir/root_file.rs`, leaving out directories in `skip`.
fn read_crate(name: &str, dir: &Path, root_file: &str, skip: &[&str]) -> Crate {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("reads the source directory") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                if !skip.iter().any(|s| path == dir.join(s)) {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    let mut krate = Crate {
        name: name.to_string(),
        files: BTreeMap::new(),
        paths: BTreeMap::new(),
    };
    let mut test_only: BTreeSet<Module> = BTreeSet::new();
    for file in found {
        let module = module_of(dir, &file, root_file);
        let text = std::fs::read_to_string(&file).expect("reads a source file");
        let ast = syn::parse_file(&text)
            .unwrap_or_else(|e| panic!("{} does not parse: {e}", file.display()));
        let mut collect = Paths::default();
        collect.visit_file(&ast);
        for child in collect.test_modules {
            let mut m = module.clone();
            m.push(child);
            test_only.insert(m);
        }
        krate.files.insert(module.clone(), file);
        krate.paths.insert(module, collect.paths);
    }
    for m in &test_only {
        krate.files.remove(m);
        krate.paths.remove(m);
    }
    krate
}

/// The paths a file names, and its `#[cfg(test)] mod x;` declarations.
#[derive(Default)]
struct Paths {
    paths: Vec<Vec<String>>,
    test_modules: Vec<String>,
}

fn is_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg") && a.parse_args::<syn::Ident>().is_ok_and(|i| i == "test")
    })
}

fn use_paths(tree: &syn::UseTree, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match tree {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            use_paths(&p.tree, prefix, out);
            prefix.pop();
        }
        syn::UseTree::Name(n) => {
            let mut path = prefix.clone();
            if n.ident != "self" {
                path.push(n.ident.to_string());
            }
            out.push(path);
        }
        syn::UseTree::Rename(r) => {
            let mut path = prefix.clone();
            if r.ident != "self" {
                path.push(r.ident.to_string());
            }
            out.push(path);
        }
        syn::UseTree::Glob(_) => out.push(prefix.clone()),
        syn::UseTree::Group(g) => {
            for t in &g.items {
                use_paths(t, prefix, out);
            }
        }
    }
}

/// Paths in a macro's tokens: `a::b::c` runs of identifiers (`$crate` is not one).
fn token_paths(tokens: TokenStream, out: &mut Vec<Vec<String>>) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut i = 0;
    while i < trees.len() {
        match &trees[i] {
            TokenTree::Group(g) => token_paths(g.stream(), out),
            TokenTree::Ident(id) => {
                let after_dollar =
                    i > 0 && matches!(&trees[i - 1], TokenTree::Punct(p) if p.as_char() == '$');
                let mut path = vec![id.to_string()];
                let mut j = i + 1;
                while j + 2 < trees.len()
                    && matches!(&trees[j], TokenTree::Punct(p) if p.as_char() == ':')
                    && matches!(&trees[j + 1], TokenTree::Punct(p) if p.as_char() == ':')
                {
                    match &trees[j + 2] {
                        TokenTree::Ident(next) => {
                            path.push(next.to_string());
                            j += 3;
                        }
                        _ => break,
                    }
                }
                if path.len() > 1 && !after_dollar {
                    out.push(path);
                }
                i = j;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
}

impl<'ast> Visit<'ast> for Paths {
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if is_cfg_test(&m.attrs) {
            if m.content.is_none() {
                self.test_modules.push(m.ident.to_string());
            }
            return;
        }
        syn::visit::visit_item_mod(self, m);
    }

    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        if !is_cfg_test(&f.attrs) {
            syn::visit::visit_item_fn(self, f);
        }
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        use_paths(&u.tree, &mut Vec::new(), &mut self.paths);
    }

    fn visit_path(&mut self, p: &'ast syn::Path) {
        if p.segments.len() > 1 {
            self.paths
                .push(p.segments.iter().map(|s| s.ident.to_string()).collect());
        }
        syn::visit::visit_path(self, p);
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        let name = m.path.segments.last().map(|s| s.ident.to_string());
        let generated = matches!(
            name.as_deref(),
            Some("quote" | "quote_spanned" | "macro_rules")
        );
        if !generated {
            token_paths(m.tokens.clone(), &mut self.paths);
        }
    }

    fn visit_item_macro(&mut self, m: &'ast syn::ItemMacro) {
        // `macro_rules!` bodies are expanded elsewhere, through the crate's face.
        if m.ident.is_none() {
            self.visit_macro(&m.mac);
        }
    }
}

impl Crate {
    /// The module a path names from `from`, if it names one of this crate's.
    fn resolve(&self, from: &Module, path: &[String]) -> Option<Module> {
        let (mut at, rest): (Module, &[String]) = match path.first()?.as_str() {
            "crate" => (Vec::new(), &path[1..]),
            "self" => (from.clone(), &path[1..]),
            "super" => {
                let mut at = from.clone();
                let mut rest = path;
                while rest.first().is_some_and(|s| s == "super") {
                    at.pop()?;
                    rest = &rest[1..];
                }
                (at, rest)
            }
            first => {
                let mut child = from.clone();
                child.push(first.to_string());
                if !self.files.contains_key(&child) {
                    return None;
                }
                (from.clone(), path)
            }
        };
        for segment in rest {
            at.push(segment.clone());
            if !self.files.contains_key(&at) {
                at.pop();
                break;
            }
        }
        Some(at)
    }

    /// Module -> the modules it names, each with the first path naming it.
    fn edges(&self) -> BTreeMap<Module, BTreeMap<Module, String>> {
        let mut edges: BTreeMap<Module, BTreeMap<Module, String>> = BTreeMap::new();
        for (from, paths) in &self.paths {
            let out = edges.entry(from.clone()).or_default();
            for p in paths {
                if let Some(to) = self.resolve(from, p) {
                    if &to != from {
                        out.entry(to).or_insert_with(|| p.join("::"));
                    }
                }
            }
        }
        edges
    }

    fn show(&self, m: &Module) -> String {
        match self.files.get(m) {
            Some(f) => f
                .strip_prefix(workspace())
                .unwrap_or(f)
                .display()
                .to_string(),
            None => format!("{}::{}", self.name, m.join("::")),
        }
    }
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace")
        .to_path_buf()
}

fn crates() -> Vec<Crate> {
    let root = workspace();
    vec![
        read_crate("acs_codegen", &root.join("codegen/src"), "lib", &["bin"]),
        read_crate(
            "acs-codegen (binary)",
            &root.join("codegen/src/bin/acs-codegen"),
            "main",
            &[],
        ),
        read_crate("acs_runtime", &root.join("runtime/src"), "lib", &[]),
    ]
}

/// Strongly connected components of more than one module (Tarjan).
fn cycles(edges: &BTreeMap<Module, BTreeMap<Module, String>>) -> Vec<Vec<Module>> {
    struct State<'a> {
        edges: &'a BTreeMap<Module, BTreeMap<Module, String>>,
        index: BTreeMap<&'a Module, usize>,
        low: BTreeMap<&'a Module, usize>,
        stack: Vec<&'a Module>,
        on_stack: BTreeSet<&'a Module>,
        found: Vec<Vec<Module>>,
    }
    fn connect<'a>(s: &mut State<'a>, v: &'a Module) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        let targets: Vec<&Module> = s.edges.get(v).into_iter().flat_map(|e| e.keys()).collect();
        for w in targets {
            let Some((w, _)) = s.edges.get_key_value(w) else {
                continue;
            };
            if !s.index.contains_key(w) {
                connect(s, w);
                let lw = s.low[w];
                let lv = s.low.get_mut(v).expect("visited");
                *lv = (*lv).min(lw);
            } else if s.on_stack.contains(w) {
                let iw = s.index[w];
                let lv = s.low.get_mut(v).expect("visited");
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.clone());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.found.push(component);
            }
        }
    }
    let mut s = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in edges.keys() {
        if !s.index.contains_key(v) {
            connect(&mut s, v);
        }
    }
    s.found
}

/// What is wrong with a crate's graph, one line each.
fn problems(krate: &Crate) -> Vec<String> {
    let edges = krate.edges();
    let mut out = Vec::new();
    for (from, targets) in &edges {
        for (to, path) in targets {
            if from.starts_with(to) {
                out.push(format!(
                    "{} imports from a layer above it: `{path}` ({})",
                    krate.show(from),
                    krate.show(to)
                ));
            }
        }
    }
    for component in cycles(&edges) {
        let members: BTreeSet<&Module> = component.iter().collect();
        let mut lines = vec![format!(
            "a cycle: {}",
            component
                .iter()
                .map(|m| krate.show(m))
                .collect::<Vec<_>>()
                .join(", ")
        )];
        for from in &component {
            for (to, path) in &edges[from] {
                if members.contains(to) {
                    lines.push(format!(
                        "    {} -> {} (`{path}`)",
                        krate.show(from),
                        krate.show(to)
                    ));
                }
            }
        }
        out.push(lines.join("\n"));
    }
    // The same between top-level modules: `emit::krate` -> `output` and `output` ->
    // `emit::layout` is a loop of `emit` and `output` though no two files form one.
    let top = |m: &Module| -> Module { m.iter().take(1).cloned().collect() };
    let mut top_edges: BTreeMap<Module, BTreeMap<Module, String>> = BTreeMap::new();
    for (from, targets) in &edges {
        for (to, path) in targets {
            let (f, t) = (top(from), top(to));
            if f != t && !f.is_empty() && !t.is_empty() {
                let shown = format!("{} -> {} (`{path}`)", krate.show(from), krate.show(to));
                top_edges.entry(f).or_default().entry(t).or_insert(shown);
            }
        }
    }
    for component in cycles(&top_edges) {
        let members: BTreeSet<&Module> = component.iter().collect();
        let mut lines = vec![format!(
            "a cycle between top-level modules: {}",
            component
                .iter()
                .map(|m| m.join("::"))
                .collect::<Vec<_>>()
                .join(", ")
        )];
        for from in &component {
            for (to, shown) in &top_edges[from] {
                if members.contains(to) {
                    lines.push(format!("    {shown}"));
                }
            }
        }
        out.push(lines.join("\n"));
    }
    out
}

#[test]
fn no_module_imports_in_a_circle_or_from_a_layer_above() {
    let mut all = Vec::new();
    for krate in crates() {
        assert!(
            krate.files.len() > 5,
            "{}: only {} modules found",
            krate.name,
            krate.files.len()
        );
        all.extend(problems(&krate));
    }
    assert!(
        all.is_empty(),
        "{} problems in the module graph:\n{}",
        all.len(),
        all.join("\n")
    );
}

/// The check sees what it must: a child naming its parent, and two siblings naming each
/// other through `super::`, a relative child path and a macro argument.
#[test]
fn the_check_finds_upward_imports_and_cycles() {
    let parse = |text: &str| {
        let mut p = Paths::default();
        p.visit_file(&syn::parse_file(text).expect("parses"));
        p.paths
    };
    let m = |s: &str| -> Module {
        s.split("::")
            .filter(|x| !x.is_empty())
            .map(String::from)
            .collect()
    };
    let mut krate = Crate {
        name: "example".into(),
        files: BTreeMap::new(),
        paths: BTreeMap::new(),
    };
    let sources = [
        ("", "pub mod a; pub use a::Thing;"),
        ("a", "mod b; mod c; pub fn run() { c::go(); }"),
        ("a::b", "use super::{c::Helper, run};"),
        (
            "a::c",
            "pub fn go() { let x = format!(\"{}\", super::b::name()); quote!(crate::a::b::X); }",
        ),
        ("d", "use crate::Thing;"),
        // Top-level modules naming each other through different files.
        ("x", "mod p; mod q;"),
        ("x::p", "use crate::y::r::R;"),
        ("x::q", "pub struct Q;"),
        ("y", "pub mod r;"),
        ("y::r", "pub struct R; use crate::x::q::Q;"),
    ];
    for (module, text) in sources {
        krate.files.insert(m(module), PathBuf::from(module));
        krate.paths.insert(m(module), parse(text));
    }
    let found = problems(&krate);
    let text = found.join("\n");
    assert!(
        text.contains("a::b imports from a layer above it: `super::run`"),
        "{text}"
    );
    assert!(
        text.contains("d imports from a layer above it: `crate::Thing`"),
        "{text}"
    );
    assert!(text.contains("a cycle: a, a::b, a::c"), "{text}");
    assert!(
        !text.contains("crate::a::b::X"),
        "quote! tokens are not imports: {text}"
    );
    assert!(
        text.contains("a cycle between top-level modules: x, y"),
        "{text}"
    );
    assert_eq!(found.len(), 4, "{text}");
}
