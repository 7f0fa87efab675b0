//! UTC timestamps in the `x-acs-date` format (RFC 3339, whole seconds, `Z`).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// `YYYY-MM-DDTHH:MM:SSZ` for a time given as seconds since the Unix epoch.
pub fn iso8601(secs: u64) -> String {
    humantime::format_rfc3339_seconds(UNIX_EPOCH + Duration::from_secs(secs)).to_string()
}

/// The current time in the `x-acs-date` format.
pub fn now() -> String {
    iso8601(now_secs())
}

/// Seconds since the Unix epoch.
pub fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Parses `YYYY-MM-DDTHH:MM:SSZ` (the `Expiration` of temporary credentials) into seconds
/// since the Unix epoch; `None` for anything else (another offset, a date alone, before
/// 1970).
pub fn parse_iso8601(s: &str) -> Option<u64> {
    let time = humantime::parse_rfc3339(s).ok()?;
    time.duration_since(UNIX_EPOCH).ok().map(|d| d.as_secs())
}

#[cfg(test)]
mod tests {
    #[test]
    fn formats_utc() {
        assert_eq!(super::iso8601(0), "1970-01-01T00:00:00Z");
        // The signature V3 example's date.
        assert_eq!(super::iso8601(1_698_315_752), "2023-10-26T10:22:32Z");
        assert_eq!(super::iso8601(951_782_400), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn parses_what_it_formats() {
        for secs in [0, 951_782_400, 1_698_315_752, 1_795_000_000, 4_102_444_799] {
            assert_eq!(super::parse_iso8601(&super::iso8601(secs)), Some(secs));
        }
        for bad in [
            "",
            "2026-11-24",
            "2026-13-01T00:00:00Z",
            "2026-11-24T10:00:00",
            "2026-11-24T10:00:00+08:00",
            "2026-1a-24T10:00:00Z",
            "1969-12-31T23:59:59Z",
        ] {
            assert_eq!(super::parse_iso8601(bad), None, "{bad}");
        }
    }
}
