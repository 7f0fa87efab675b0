//! `servers` and `x-acs-endpoints` from a metadata document's endpoint list.

use super::context::Ctx;
use crate::parse::{Entries, Server, ServerVariable};
use serde_json::Value as Json;
use std::collections::BTreeMap;

/// Each region's host, as the list gives them (a warning for an entry skipped or a region
/// listed twice with another host).
fn hosts(cx: &mut Ctx, list: Option<&Json>) -> BTreeMap<String, String> {
    let mut hosts: BTreeMap<String, String> = BTreeMap::new();
    for (i, e) in list
        .and_then(Json::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let at = format!("/endpoints/{i}");
        let region = e.get("regionId").and_then(Json::as_str).unwrap_or_default();
        let host = e.get("endpoint").and_then(Json::as_str).unwrap_or_default();
        let host = host
            .trim()
            .trim_start_matches("https://")
            .trim_end_matches('/');
        if region.trim().is_empty() || host.is_empty() || host.contains(char::is_whitespace) {
            cx.warn(&at, "endpoint skipped: it needs a `regionId` and a host");
            continue;
        }
        if let Some(old) = hosts.insert(region.to_string(), host.to_string()) {
            if old != host {
                cx.warn(
                    &at,
                    format!("region `{region}` listed twice; `{host}` kept"),
                );
            }
        }
    }
    hosts
}

/// `servers` and `x-acs-endpoints` from the document's endpoint list: the most common
/// `<host with {regionId}>` pattern becomes the template, the regions that do not follow it
/// are listed explicitly. Without any regional pattern, the most common host is the fixed
/// endpoint and every region is listed.
pub(super) fn endpoints(
    cx: &mut Ctx,
    list: Option<&Json>,
    product: &str,
) -> (Vec<Server>, Entries<String>) {
    let hosts = hosts(cx, list);
    let mut templates: BTreeMap<String, usize> = BTreeMap::new();
    for (region, host) in &hosts {
        let labels: Vec<&str> = host.split('.').collect();
        if labels.contains(&region.as_str()) {
            let t: Vec<&str> = labels
                .iter()
                .map(|l| if l == region { "{regionId}" } else { l })
                .collect();
            *templates.entry(t.join(".")).or_default() += 1;
        }
    }
    let mut central: BTreeMap<&str, usize> = BTreeMap::new();
    for h in hosts.values() {
        *central.entry(h).or_default() += 1;
    }
    // Most regions first; the lexically first on a tie.
    let most = |m: &BTreeMap<String, usize>| {
        m.iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(t, n)| (t.clone(), *n))
    };
    let central = most(
        &central
            .into_iter()
            .map(|(h, n)| (h.to_string(), n))
            .collect(),
    );
    // A host serving more regions than the regional pattern is a central endpoint (BSS's
    // `business.aliyuncs.com`): then every region is listed and none is guessed.
    let template = match (most(&templates), &central) {
        (Some((t, n)), Some((_, c))) if n >= *c => Some(t),
        _ => None,
    };
    let default_region = if hosts.contains_key("cn-hangzhou") || hosts.is_empty() {
        "cn-hangzhou".to_string()
    } else {
        hosts.keys().next().cloned().unwrap_or_default()
    };
    let mut regional = Entries::new();
    let template = match template {
        Some(t) => {
            for (region, host) in &hosts {
                if t.replace("{regionId}", region) != *host {
                    regional.insert(region.clone(), host.clone());
                }
            }
            t
        }
        None if !hosts.is_empty() => {
            for (region, host) in &hosts {
                regional.insert(region.clone(), host.clone());
            }
            let central = central.map(|(h, _)| h).unwrap_or_default();
            let server = Server {
                url: Some(format!("https://{central}")),
                ..Server::default()
            };
            return (vec![server], regional);
        }
        None => {
            let t = format!("{}.{{regionId}}.aliyuncs.com", product.to_ascii_lowercase());
            cx.warn(
                "/endpoints",
                format!("no endpoints listed; assuming `https://{t}`"),
            );
            t
        }
    };
    // A regional template: `{regionId}` with the default region.
    let region = ServerVariable {
        default: Some(default_region),
        ..ServerVariable::default()
    };
    let server = Server {
        url: Some(format!("https://{template}")),
        variables: [("regionId".to_string(), region)].into_iter().collect(),
        ..Server::default()
    };
    (vec![server], regional)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Map;
    use std::collections::BTreeSet;
    use std::path::Path;

    #[test]
    fn endpoints_pick_the_regional_pattern() {
        let f = Path::new("x.json");
        let none = Map::new();
        let mut cx = Ctx {
            file: f,
            warnings: vec![],
            components: &none,
            cyclic: BTreeSet::new(),
            own_gateway: false,
            rpc: false,
        };
        let list: Json = serde_json::json!([
            {"regionId": "cn-hangzhou", "endpoint": "ecs-cn-hangzhou.aliyuncs.com"},
            {"regionId": "cn-beijing", "endpoint": "ecs.cn-beijing.aliyuncs.com"},
            {"regionId": "cn-shanghai", "endpoint": "ecs.cn-shanghai.aliyuncs.com"},
        ]);
        let (servers, regional) = endpoints(&mut cx, Some(&list), "Ecs");
        assert_eq!(
            servers[0].url.as_deref(),
            Some("https://ecs.{regionId}.aliyuncs.com")
        );
        assert_eq!(regional.len(), 1);
        assert_eq!(regional["cn-hangzhou"], "ecs-cn-hangzhou.aliyuncs.com");
        let central = serde_json::json!([
            {"regionId": "cn-hangzhou", "endpoint": "business.aliyuncs.com"},
            {"regionId": "cn-beijing", "endpoint": "business.aliyuncs.com"},
            {"regionId": "ap-southeast-1", "endpoint": "business.ap-southeast-1.aliyuncs.com"},
        ]);
        let (servers, regional) = endpoints(&mut cx, Some(&central), "BssOpenApi");
        // The central host serves most regions: it is the fixed URL, every region listed.
        assert_eq!(
            servers[0].url.as_deref(),
            Some("https://business.aliyuncs.com")
        );
        assert_eq!(regional.len(), 3);
        assert_eq!(
            regional["ap-southeast-1"],
            "business.ap-southeast-1.aliyuncs.com"
        );
    }
}
