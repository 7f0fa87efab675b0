//! What every part of one emit run reads: the settings, and the facts derived once from the
//! whole model ([`Context`], as prost-build's).

use super::layout::{self, Place, Plan};
use super::options::Options;
use super::render::{api_header, header};
use crate::model::{Api, Service};
use crate::names;
use std::collections::BTreeMap;

/// A product of the generated crate: a module, and a Cargo feature enabling its versions'.
pub(crate) struct Product<'a> {
    /// Its Rust module (`esa`).
    pub module: &'a str,
    /// Its code as Alibaba spells it (`ESA`).
    pub code: &'a str,
    /// Its Cargo feature (`esa`).
    pub feature: String,
    /// Its versions, in module order.
    pub versions: Vec<&'a Service>,
}

/// One run's settings and the facts derived from the whole model.
pub(crate) struct Context<'a> {
    pub api: &'a Api,
    pub opts: &'a Options,
    /// The `@generated` header of the files that span every spec.
    pub head: Vec<String>,
    /// The plans of the services `opts` shards, in the services' order.
    pub plans: Vec<Plan<'a>>,
    /// The Rust name of the shards' common crate.
    pub common_crate: String,
    /// The products, by module.
    pub products: Vec<Product<'a>>,
}

impl<'a> Context<'a> {
    pub(crate) fn new(api: &'a Api, opts: &'a Options) -> Self {
        Context {
            api,
            opts,
            head: api_header(api),
            plans: layout::plans(api, opts),
            common_crate: layout::common_crate(opts),
            products: products(api),
        }
    }

    /// The `@generated` header of a service's files: its spec and the common errors file.
    pub(crate) fn service_header(&self, service: &Service) -> Vec<String> {
        let spec = (service.spec_file.as_str(), service.spec_sha256.as_str());
        header(&[spec], &self.api.common_errors_source)
    }

    /// A service's shard plan, if it is sharded.
    pub(crate) fn plan(&self, service: &Service) -> Option<&Plan<'a>> {
        self.plans.iter().find(|p| std::ptr::eq(p.service, service))
    }

    /// Where a service's Rust code goes.
    pub(crate) fn place(&self, service: &Service) -> Place<'_> {
        match self.plan(service) {
            Some(plan) => Place::Shards(plan, &self.common_crate),
            None => Place::Module,
        }
    }
}

/// The services grouped by product module, in module order.
fn products(api: &Api) -> Vec<Product<'_>> {
    let mut by_module: BTreeMap<&str, Product> = BTreeMap::new();
    for s in &api.services {
        by_module
            .entry(&s.product_module)
            .or_insert_with(|| Product {
                module: &s.product_module,
                code: &s.product,
                feature: names::product_feature(&s.product_module),
                versions: Vec::new(),
            })
            .versions
            .push(s);
    }
    by_module.into_values().collect()
}
