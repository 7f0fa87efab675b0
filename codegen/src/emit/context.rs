//! What every part of one emit run reads: the settings, and the facts derived once from the
//! whole model ([`Context`], as prost-build's).

use super::layout::{self, Place, Plan};
use super::options::Options;
use super::render::{api_header, header};
use crate::model::{Api, Service};

/// One run's settings and the facts derived from the whole model.
pub struct Context<'a> {
    pub api: &'a Api,
    pub opts: &'a Options,
    /// The `@generated` header of the files that span every spec.
    pub head: Vec<String>,
    /// The plans of the services `opts` shards, in the services' order.
    pub plans: Vec<Plan<'a>>,
    /// The Rust name of the shards' common crate.
    pub common_crate: String,
}

impl<'a> Context<'a> {
    pub fn new(api: &'a Api, opts: &'a Options) -> Self {
        Context {
            api,
            opts,
            head: api_header(api),
            plans: layout::plans(api, opts),
            common_crate: layout::common_crate(opts),
        }
    }

    /// The `@generated` header of a service's files: its spec and the common errors file.
    pub fn service_header(&self, service: &Service) -> Vec<String> {
        let spec = (service.spec_file.as_str(), service.spec_sha256.as_str());
        header(&[spec], &self.api.common_errors_source)
    }

    /// A service's shard plan, if it is sharded.
    pub fn plan(&self, service: &Service) -> Option<&Plan<'a>> {
        self.plans.iter().find(|p| std::ptr::eq(p.service, service))
    }

    /// Where a service's Rust code goes.
    pub fn place(&self, service: &Service) -> Place<'_> {
        match self.plan(service) {
            Some(plan) => Place::Shards(plan, &self.common_crate),
            None => Place::Module,
        }
    }
}
