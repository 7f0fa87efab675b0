//! Where a service lives: an explicit endpoint override, else the service's host for the
//! region (`x-acs-endpoints`), else its `servers` template with the region filled in. A
//! region the service cannot place is an error, never a made-up host.

use crate::error::ConfigError;

/// What the runtime needs to know of a product version (generated from its spec).
#[derive(Debug)]
pub struct ServiceInfo {
    /// Product code (`ESA`).
    pub product: &'static str,
    /// API version (`2024-09-10`), sent as `x-acs-version`.
    pub version: &'static str,
    /// `servers[0].url`, with an optional `{regionId}` placeholder.
    pub endpoint_template: &'static str,
    /// Region used when none is given.
    pub default_region: Option<&'static str>,
    /// Explicit region to host map, sorted by region.
    pub regional_endpoints: &'static [(&'static str, &'static str)],
}

/// A resolved endpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// `https` or `http`.
    pub scheme: String,
    /// Host, with `:port` when one was given (the `host` header).
    pub authority: String,
}

impl Endpoint {
    /// Parses `https://host[:port][/]` or a bare host (HTTPS).
    pub fn parse(s: &str) -> Result<Endpoint, ConfigError> {
        let (scheme, rest) = match s.split_once("://") {
            Some((scheme @ ("http" | "https"), rest)) => (scheme, rest),
            Some(_) => return Err(ConfigError::InvalidEndpoint(s.to_string())),
            None => ("https", s),
        };
        let authority = rest.strip_suffix('/').unwrap_or(rest);
        let valid = !authority.is_empty()
            && authority
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
        if !valid {
            return Err(ConfigError::InvalidEndpoint(s.to_string()));
        }
        Ok(Endpoint {
            scheme: scheme.to_string(),
            authority: authority.to_string(),
        })
    }

    /// `scheme://authority`.
    pub fn base_url(&self) -> String {
        format!("{}://{}", self.scheme, self.authority)
    }

    /// The authority without its port.
    pub fn host(&self) -> &str {
        &self.authority
    }
}

fn valid_region(r: &str) -> bool {
    !r.is_empty()
        && r.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Resolves the endpoint of `service` for a call.
pub fn resolve(
    service: &ServiceInfo,
    endpoint_override: Option<&str>,
    region: Option<&str>,
) -> Result<Endpoint, ConfigError> {
    if let Some(e) = endpoint_override {
        return Endpoint::parse(e);
    }
    let region = region.or(service.default_region);
    if let Some(r) = region {
        if !valid_region(r) {
            return Err(ConfigError::InvalidRegion(r.to_string()));
        }
        if let Some((_, host)) = service.regional_endpoints.iter().find(|(reg, _)| *reg == r) {
            return Endpoint::parse(host);
        }
    }
    if service.endpoint_template.contains("{regionId}") {
        let r = region.ok_or_else(|| ConfigError::NoRegion {
            product: service.product.to_string(),
        })?;
        return Endpoint::parse(&service.endpoint_template.replace("{regionId}", r));
    }
    match region {
        // A fixed endpoint next to a region map serves only the mapped regions.
        Some(r) if !service.regional_endpoints.is_empty() => Err(ConfigError::UnknownRegion {
            product: service.product.to_string(),
            region: r.to_string(),
            known: service
                .regional_endpoints
                .iter()
                .map(|(r, _)| r.to_string())
                .collect(),
        }),
        _ => Endpoint::parse(service.endpoint_template),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static TEMPLATE: ServiceInfo = ServiceInfo {
        product: "ESA",
        version: "2024-09-10",
        endpoint_template: "https://esa.{regionId}.aliyuncs.com",
        default_region: Some("cn-hangzhou"),
        regional_endpoints: &[],
    };
    static MAPPED: ServiceInfo = ServiceInfo {
        product: "BssOpenApi",
        version: "2017-12-14",
        endpoint_template: "https://business.aliyuncs.com",
        default_region: None,
        regional_endpoints: &[
            ("ap-southeast-1", "business.ap-southeast-1.aliyuncs.com"),
            ("cn-hangzhou", "business.aliyuncs.com"),
        ],
    };

    #[test]
    fn override_then_map_then_template() {
        let e = resolve(
            &TEMPLATE,
            Some("http://127.0.0.1:8080"),
            Some("cn-shanghai"),
        )
        .unwrap();
        assert_eq!(e.base_url(), "http://127.0.0.1:8080");
        assert_eq!(
            resolve(&TEMPLATE, None, Some("ap-southeast-1"))
                .unwrap()
                .base_url(),
            "https://esa.ap-southeast-1.aliyuncs.com"
        );
        assert_eq!(
            resolve(&TEMPLATE, None, None).unwrap().base_url(),
            "https://esa.cn-hangzhou.aliyuncs.com"
        );
        assert_eq!(
            resolve(&MAPPED, None, Some("ap-southeast-1"))
                .unwrap()
                .base_url(),
            "https://business.ap-southeast-1.aliyuncs.com"
        );
        assert_eq!(
            resolve(&MAPPED, None, None).unwrap().base_url(),
            "https://business.aliyuncs.com"
        );
    }

    #[test]
    fn unplaceable_regions_are_errors() {
        assert!(matches!(
            resolve(&MAPPED, None, Some("mars-north-1")),
            Err(ConfigError::UnknownRegion { .. })
        ));
        assert!(matches!(
            resolve(&TEMPLATE, None, Some("evil.com/x")),
            Err(ConfigError::InvalidRegion(_))
        ));
        assert!(matches!(
            resolve(&TEMPLATE, Some("ftp://x"), None),
            Err(ConfigError::InvalidEndpoint(_))
        ));
    }
}
