//! Where a service lives: an explicit endpoint override, else the service's host for the
//! region (`x-acs-endpoints`), else its `servers` template with the region filled in. A
//! region the service cannot place is an error, never a made-up host.

use crate::error::ConfigError;
use crate::operation::ServiceInfo;

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

/// Which network the gateway is reached through, as the official SDKs' endpoint rules say
/// it: `network` (`vpc`, ...; `public` or nothing for the Internet) and `suffix`, inserted
/// after the product in a host built from the rules: `ecs.cn-hangzhou.aliyuncs.com` becomes
/// `ecs-vpc.cn-hangzhou.aliyuncs.com`, `sts.aliyuncs.com` becomes `sts-vpc.aliyuncs.com`,
/// with a suffix `ecs-share-vpc...`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Network {
    /// `vpc`, or `public` / nothing for the Internet.
    pub network: Option<String>,
    /// The endpoint suffix (`share`), before the network.
    pub suffix: Option<String>,
}

impl Network {
    /// The VPC endpoints.
    pub fn vpc() -> Self {
        Self {
            network: Some("vpc".into()),
            suffix: None,
        }
    }

    /// The network as a product's gateway names it: a VPC is Object Storage's `internal`
    /// (`oss-cn-hangzhou-internal.aliyuncs.com`) and Log Service's `intranet`
    /// (`cn-hangzhou-intranet.log.aliyuncs.com`), as their gateway packages resolve them.
    fn for_protocol(&self, protocol: crate::operation::Protocol) -> Network {
        use crate::operation::Protocol;
        let renamed = match protocol {
            Protocol::Oss => "internal",
            Protocol::Sls => "intranet",
            _ => return self.clone(),
        };
        Network {
            network: self.network.as_ref().map(|n| {
                if n == "vpc" {
                    renamed.to_string()
                } else {
                    n.clone()
                }
            }),
            suffix: self.suffix.clone(),
        }
    }

    /// `-<suffix>-<network>`, what goes after the product's label; an error for a name that
    /// is not a DNS label's part.
    fn infix(&self) -> Result<String, ConfigError> {
        let mut infix = String::new();
        for part in [&self.suffix, &self.network].into_iter().flatten() {
            if part.is_empty() || part == "public" {
                continue;
            }
            if !part
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                return Err(ConfigError::InvalidEndpoint(format!(
                    "network or endpoint suffix `{part}` (lowercase letters, digits and `-`)"
                )));
            }
            infix.push('-');
            infix.push_str(part);
        }
        Ok(infix)
    }

    /// `url` (`https://ecs.cn-hangzhou.aliyuncs.com`) with the infix after its first label.
    fn apply(&self, url: &str) -> Result<String, ConfigError> {
        let infix = self.infix()?;
        if infix.is_empty() {
            return Ok(url.to_string());
        }
        let host_at = url.find("://").map(|i| i + 3).unwrap_or(0);
        let label_end = url[host_at..]
            .find(['.', ':', '/'])
            .map(|i| host_at + i)
            .unwrap_or(url.len());
        Ok(format!("{}{infix}{}", &url[..label_end], &url[label_end..]))
    }
}

/// Drive and Photo's endpoint (`api-vpc.aliyunpds.com` in a VPC).
pub const PDS_ENDPOINT: &str = "https://api.aliyunpds.com";

/// Resolves the endpoint of `service` for a call, as the official SDKs do: an explicit
/// endpoint, else the region's own host (`x-acs-endpoints`) where it differs from the
/// template's, else the host the rules build from the template and the region, in
/// `network`.
pub fn resolve(
    service: &ServiceInfo,
    endpoint_override: Option<&str>,
    region: Option<&str>,
    network: &Network,
) -> Result<Endpoint, ConfigError> {
    if let Some(e) = endpoint_override {
        return Endpoint::parse(e);
    }
    // Drive and Photo's gateway serves every region at one host, the domain in front of it
    // (`<domain_id>.api.aliyunpds.com`), as its gateway package resolves it.
    if service.protocol == crate::operation::Protocol::Pds {
        return Endpoint::parse(&network.apply(PDS_ENDPOINT)?);
    }
    let network = &network.for_protocol(service.protocol);
    let region = region.or(service.default_region);
    if let Some(r) = region {
        if !valid_region(r) {
            return Err(ConfigError::InvalidRegion(r.to_string()));
        }
        if let Some((_, host)) = service.regional_endpoints.iter().find(|(reg, _)| *reg == r) {
            // The official SDKs' endpoint maps list only the hosts that differ from the
            // regional rule; one the rule gives anyway is no override, and the rule adds
            // the network. A fixed template is no rule of the region: its map wins.
            let host = Endpoint::parse(host)?;
            let template = service.endpoint_template;
            if template.contains("{regionId}") {
                let ruled = template.replace("{regionId}", r);
                if host.authority == Endpoint::parse(&ruled)?.authority {
                    return Endpoint::parse(&network.apply(&ruled)?);
                }
            }
            return Ok(host);
        }
    }
    if service.endpoint_template.contains("{regionId}") {
        let r = region.ok_or_else(|| ConfigError::NoRegion {
            product: service.product.to_string(),
        })?;
        let url = service.endpoint_template.replace("{regionId}", r);
        return Endpoint::parse(&network.apply(&url)?);
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
        _ => Endpoint::parse(&network.apply(service.endpoint_template)?),
    }
}

/// A product code as its endpoint variable spells it: upper case, other characters as `_`.
pub(crate) fn product_key(product: &str) -> String {
    product
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    static TEMPLATE: ServiceInfo = ServiceInfo {
        product: "ESA",
        version: "2024-09-10",
        endpoint_template: "https://esa.{regionId}.aliyuncs.com",
        default_region: Some("cn-hangzhou"),
        protocol: crate::operation::Protocol::Acs3,
        regional_endpoints: &[],
    };
    static MAPPED: ServiceInfo = ServiceInfo {
        product: "BssOpenApi",
        version: "2017-12-14",
        endpoint_template: "https://business.aliyuncs.com",
        default_region: None,
        protocol: crate::operation::Protocol::Acs3,
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
            &PUBLIC,
        )
        .unwrap();
        assert_eq!(e.base_url(), "http://127.0.0.1:8080");
        assert_eq!(
            resolve(&TEMPLATE, None, Some("ap-southeast-1"), &PUBLIC)
                .unwrap()
                .base_url(),
            "https://esa.ap-southeast-1.aliyuncs.com"
        );
        assert_eq!(
            resolve(&TEMPLATE, None, None, &PUBLIC).unwrap().base_url(),
            "https://esa.cn-hangzhou.aliyuncs.com"
        );
        assert_eq!(
            resolve(&MAPPED, None, Some("ap-southeast-1"), &PUBLIC)
                .unwrap()
                .base_url(),
            "https://business.ap-southeast-1.aliyuncs.com"
        );
        assert_eq!(
            resolve(&MAPPED, None, None, &PUBLIC).unwrap().base_url(),
            "https://business.aliyuncs.com"
        );
    }

    static PUBLIC: Network = Network {
        network: None,
        suffix: None,
    };

    #[test]
    fn drive_and_photo_is_one_host_for_every_region() {
        static PDS: ServiceInfo = ServiceInfo {
            product: "pds",
            version: "2022-03-01",
            endpoint_template: "https://{regionId}.admin.aliyunpds.com",
            default_region: Some("cn-hangzhou"),
            protocol: crate::operation::Protocol::Pds,
            regional_endpoints: &[],
        };
        let at =
            |region, network: &Network| resolve(&PDS, None, region, network).unwrap().base_url();
        assert_eq!(at(Some("cn-beijing"), &PUBLIC), "https://api.aliyunpds.com");
        assert_eq!(at(None, &Network::vpc()), "https://api-vpc.aliyunpds.com");
        let explicit = resolve(&PDS, Some("http://gw.test:9"), None, &PUBLIC).unwrap();
        assert_eq!(explicit.base_url(), "http://gw.test:9");
    }

    #[test]
    fn object_storage_and_log_service_name_their_vpc_hosts_their_own_way() {
        static OSS: ServiceInfo = ServiceInfo {
            product: "Oss",
            version: "2019-05-17",
            endpoint_template: "https://oss-{regionId}.aliyuncs.com",
            default_region: Some("cn-hangzhou"),
            protocol: crate::operation::Protocol::Oss,
            regional_endpoints: &[("cn-beijing", "oss-cn-beijing.aliyuncs.com")],
        };
        static SLS: ServiceInfo = ServiceInfo {
            product: "Sls",
            version: "2020-12-30",
            endpoint_template: "https://{regionId}.log.aliyuncs.com",
            default_region: Some("cn-hangzhou"),
            protocol: crate::operation::Protocol::Sls,
            regional_endpoints: &[],
        };
        let vpc = Network::vpc();
        let at = |s: &ServiceInfo, r, n: &Network| resolve(s, None, Some(r), n).unwrap().base_url();
        assert_eq!(
            at(&OSS, "cn-shanghai", &vpc),
            "https://oss-cn-shanghai-internal.aliyuncs.com"
        );
        assert_eq!(
            at(&OSS, "cn-beijing", &vpc),
            "https://oss-cn-beijing-internal.aliyuncs.com"
        );
        assert_eq!(
            at(&OSS, "cn-beijing", &PUBLIC),
            "https://oss-cn-beijing.aliyuncs.com"
        );
        assert_eq!(
            at(&SLS, "cn-hangzhou", &vpc),
            "https://cn-hangzhou-intranet.log.aliyuncs.com"
        );
    }

    static CENTRAL: ServiceInfo = ServiceInfo {
        product: "Sts",
        version: "2015-04-01",
        endpoint_template: "https://sts.aliyuncs.com",
        default_region: None,
        protocol: crate::operation::Protocol::Acs3,
        regional_endpoints: &[],
    };

    #[test]
    fn a_network_goes_after_the_product_in_hosts_the_rules_build_only() {
        let vpc = Network::vpc();
        let at = |s: &ServiceInfo, e: Option<&str>, r: Option<&str>, n: &Network| {
            resolve(s, e, r, n).map(|e| e.base_url())
        };
        assert_eq!(
            at(&TEMPLATE, None, Some("cn-shanghai"), &vpc).unwrap(),
            "https://esa-vpc.cn-shanghai.aliyuncs.com"
        );
        assert_eq!(
            at(&CENTRAL, None, None, &vpc).unwrap(),
            "https://sts-vpc.aliyuncs.com"
        );
        let shared = Network {
            network: Some("vpc".into()),
            suffix: Some("share".into()),
        };
        assert_eq!(
            at(&TEMPLATE, None, None, &shared).unwrap(),
            "https://esa-share-vpc.cn-hangzhou.aliyuncs.com"
        );
        let public = Network {
            network: Some("public".into()),
            suffix: None,
        };
        assert_eq!(
            at(&TEMPLATE, None, None, &public).unwrap(),
            "https://esa.cn-hangzhou.aliyuncs.com"
        );
        // A region's own host and an explicit endpoint win, as in the official SDKs.
        assert_eq!(
            at(&MAPPED, None, Some("ap-southeast-1"), &vpc).unwrap(),
            "https://business.ap-southeast-1.aliyuncs.com"
        );
        assert_eq!(
            at(&TEMPLATE, Some("http://127.0.0.1:9"), None, &vpc).unwrap(),
            "http://127.0.0.1:9"
        );
        let bad = Network {
            network: Some("evil.com/".into()),
            suffix: None,
        };
        assert!(matches!(
            at(&TEMPLATE, None, None, &bad),
            Err(ConfigError::InvalidEndpoint(_))
        ));
    }

    /// Imported metadata lists every region, most with the host the rule gives.
    static LISTED: ServiceInfo = ServiceInfo {
        product: "ddoscoo",
        version: "2020-01-01",
        endpoint_template: "https://ddoscoo.{regionId}.aliyuncs.com",
        default_region: Some("cn-hangzhou"),
        protocol: crate::operation::Protocol::Acs3,
        regional_endpoints: &[
            ("cn-hangzhou", "ddoscoo.cn-hangzhou.aliyuncs.com"),
            ("ap-southeast-1", "ddoscoo.ap-southeast-1.aliyuncs.com"),
            ("cn-shanghai", "ddos-sh.aliyuncs.com"),
        ],
    };

    #[test]
    fn a_listed_host_the_rule_gives_anyway_takes_the_network() {
        let at = |r: Option<&str>, n: &Network| resolve(&LISTED, None, r, n).unwrap().base_url();
        assert_eq!(
            at(None, &Network::vpc()),
            "https://ddoscoo-vpc.cn-hangzhou.aliyuncs.com"
        );
        assert_eq!(
            at(Some("ap-southeast-1"), &Network::vpc()),
            "https://ddoscoo-vpc.ap-southeast-1.aliyuncs.com"
        );
        // Public: unchanged.
        assert_eq!(
            at(None, &PUBLIC),
            "https://ddoscoo.cn-hangzhou.aliyuncs.com"
        );
        // A host of its own wins, whatever the network.
        assert_eq!(
            at(Some("cn-shanghai"), &Network::vpc()),
            "https://ddos-sh.aliyuncs.com"
        );
        assert_eq!(
            at(Some("cn-shanghai"), &PUBLIC),
            "https://ddos-sh.aliyuncs.com"
        );
        // A fixed template is no regional rule: its map wins, as the SDK's does.
        assert_eq!(
            resolve(&MAPPED, None, Some("cn-hangzhou"), &Network::vpc())
                .unwrap()
                .base_url(),
            "https://business.aliyuncs.com"
        );
    }

    #[test]
    fn unplaceable_regions_are_errors() {
        assert!(matches!(
            resolve(&MAPPED, None, Some("mars-north-1"), &PUBLIC),
            Err(ConfigError::UnknownRegion { .. })
        ));
        assert!(matches!(
            resolve(&TEMPLATE, None, Some("evil.com/x"), &PUBLIC),
            Err(ConfigError::InvalidRegion(_))
        ));
        assert!(matches!(
            resolve(&TEMPLATE, Some("ftp://x"), None, &PUBLIC),
            Err(ConfigError::InvalidEndpoint(_))
        ));
    }
}
