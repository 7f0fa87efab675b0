//! Log Service's `PutLogs` body, as its gateway package sends it: the log group a caller
//! typed, JSON as the metadata models it
//! (`{Topic, Source, LogTags: [{Key, Value}], LogItems: [{Time, Contents: [{Key, Value}]}]}`),
//! goes on the wire as a protobuf `LogGroup`, compressed as `x-log-compresstype` asks, with
//! `x-log-bodyrawsize` its uncompressed length:
//!
//! ```text
//! message Log      { required uint32 Time = 1; repeated Content Contents = 2;
//!                    optional fixed32 TimeNs = 4; }
//! message Content  { required string Key = 1; required string Value = 2; }
//! message LogTag   { required string Key = 1; required string Value = 2; }
//! message LogGroup { repeated Log Logs = 1; optional string Reserved = 2;
//!                    optional string Topic = 3; optional string Source = 4;
//!                    repeated LogTag LogTags = 6; }
//! ```
//!
//! [`compress`] is the compression of any in-memory request body whose caller sets
//! `x-log-compresstype`.

use serde_json::Value;
use std::borrow::Cow;

/// The operation whose body is a log group.
pub(crate) const PUT_ACTION: &str = "PutLogs";

/// The operation whose answer is a list of log groups (asked for as protobuf).
pub(crate) const PULL_ACTION: &str = "PullLogs";

/// The header naming a body's compression.
pub(crate) const COMPRESS_TYPE: &str = "x-log-compresstype";

/// The header giving a body's length before compression.
pub(crate) const RAW_SIZE: &str = "x-log-bodyrawsize";

/// The content type of a log group, and of a list of them.
pub(crate) const MEDIA: &str = "application/x-protobuf";

/// The compression this runtime applies (LZ4's raw block, as Log Service's SDKs send it).
pub(crate) const LZ4: &str = "lz4";

#[derive(Clone, PartialEq, prost::Message)]
struct LogGroupList {
    #[prost(message, repeated, tag = "1")]
    log_group_list: Vec<LogGroup>,
}

#[derive(Clone, PartialEq, prost::Message)]
struct LogGroup {
    #[prost(message, repeated, tag = "1")]
    logs: Vec<Log>,
    #[prost(string, optional, tag = "3")]
    topic: Option<String>,
    #[prost(string, optional, tag = "4")]
    source: Option<String>,
    #[prost(message, repeated, tag = "6")]
    log_tags: Vec<Pair>,
}

#[derive(Clone, PartialEq, prost::Message)]
struct Log {
    #[prost(uint32, required, tag = "1")]
    time: u32,
    #[prost(message, repeated, tag = "2")]
    contents: Vec<Pair>,
    #[prost(fixed32, optional, tag = "4")]
    time_ns: Option<u32>,
}

/// `Content` and `LogTag`: the same two strings.
#[derive(Clone, PartialEq, prost::Message)]
struct Pair {
    #[prost(string, required, tag = "1")]
    key: String,
    #[prost(string, required, tag = "2")]
    value: String,
}

/// The protobuf `LogGroup` of a JSON log group. What the JSON lacks is left out (a missing
/// `Time` is 0); a key or value that is not a string is sent as its JSON text.
pub(crate) fn encode(group: &Value) -> Vec<u8> {
    let text = |v: Option<&Value>| match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    let pairs = |v: Option<&Value>| -> Vec<Pair> {
        list(v)
            .map(|p| Pair {
                key: text(p.get("Key")),
                value: text(p.get("Value")),
            })
            .collect()
    };
    let number = |v: Option<&Value>| v.and_then(Value::as_u64).map(|n| n as u32);
    let group = LogGroup {
        logs: list(group.get("LogItems"))
            .map(|item| Log {
                time: number(item.get("Time")).unwrap_or_default(),
                contents: pairs(item.get("Contents")),
                time_ns: number(item.get("TimeNs")),
            })
            .collect(),
        topic: group.get("Topic").map(|t| text(Some(t))),
        source: group.get("Source").map(|s| text(Some(s))),
        log_tags: pairs(group.get("LogTags")),
    };
    prost::Message::encode_to_vec(&group)
}

/// The JSON log group of a protobuf `LogGroup` (the test double reads `PutLogs` with it).
#[cfg(any(test, feature = "testing"))]
pub(crate) fn decode(bytes: &[u8]) -> Result<Value, String> {
    let group: LogGroup = prost::Message::decode(bytes).map_err(|e| e.to_string())?;
    Ok(group_json(group))
}

/// The JSON of a protobuf `LogGroupList` (`PullLogs`' answer), as the metadata models it:
/// `{"LogGroupList": [log group, ...]}`.
pub(crate) fn decode_list(bytes: &[u8]) -> Result<Value, String> {
    let list: LogGroupList = prost::Message::decode(bytes)
        .map_err(|e| format!("the body is not a protobuf LogGroupList: {e}"))?;
    let groups = list.log_group_list.into_iter().map(group_json).collect();
    Ok(serde_json::json!({ "LogGroupList": Value::Array(groups) }))
}

/// A body as it was before compression, and whether it is protobuf.
pub(crate) type Unpacked<'a> = (Cow<'a, [u8]>, bool);

/// Log Service's answer as it was before compression (`x-log-compresstype`, with
/// `x-log-bodyrawsize` its length), and whether it is protobuf; `None` for an answer
/// neither compressed nor protobuf.
pub(crate) fn unpack<'a>(
    headers: &[(String, String)],
    body: &'a [u8],
) -> Option<Result<Unpacked<'a>, String>> {
    let header = |name| crate::transport::header(headers, name);
    let protobuf = header("content-type").is_some_and(|t| t.starts_with(MEDIA));
    let kind = header(COMPRESS_TYPE);
    if kind.is_none() && !protobuf {
        return None;
    }
    let raw = match kind {
        None => Ok(Cow::Borrowed(body)),
        Some(kind) => header(RAW_SIZE)
            .and_then(|n| n.trim().parse().ok())
            .ok_or_else(|| format!("a body compressed with {kind} without {RAW_SIZE}"))
            .and_then(|size| decompress(kind, body, size))
            .map(Cow::Owned),
    };
    Some(raw.map(|raw| (raw, protobuf)))
}

fn group_json(group: LogGroup) -> Value {
    let pairs = |ps: &[Pair]| -> Value {
        ps.iter()
            .map(|p| serde_json::json!({"Key": p.key, "Value": p.value}))
            .collect()
    };
    let mut out = serde_json::Map::new();
    if let Some(topic) = group.topic {
        out.insert("Topic".into(), topic.into());
    }
    if let Some(source) = group.source {
        out.insert("Source".into(), source.into());
    }
    if !group.log_tags.is_empty() {
        out.insert("LogTags".into(), pairs(&group.log_tags));
    }
    let items = group.logs.iter().map(|log| {
        let mut item = serde_json::json!({"Time": log.time, "Contents": pairs(&log.contents)});
        if let Some(ns) = log.time_ns {
            item["TimeNs"] = ns.into();
        }
        item
    });
    out.insert("LogItems".into(), items.collect());
    Value::Object(out)
}

/// `raw` compressed as `kind` asks; `None` for a kind this runtime does not apply (the body
/// is then sent uncompressed, without `x-log-compresstype`).
pub(crate) fn compress(kind: &str, raw: &[u8]) -> Option<Vec<u8>> {
    kind.eq_ignore_ascii_case(LZ4)
        .then(|| lz4_flex::block::compress(raw))
}

/// The uncompressed body of `data` compressed as `kind`, `raw_size` bytes long.
pub(crate) fn decompress(kind: &str, data: &[u8], raw_size: usize) -> Result<Vec<u8>, String> {
    if !kind.eq_ignore_ascii_case(LZ4) {
        return Err(format!("unsupported x-log-compresstype `{kind}`"));
    }
    // The length is allocated before decompressing: an absurd claim is refused.
    if raw_size > MAX_RAW_SIZE {
        return Err(format!(
            "x-log-bodyrawsize {raw_size} is above {MAX_RAW_SIZE}"
        ));
    }
    lz4_flex::block::decompress(data, raw_size).map_err(|e| e.to_string())
}

/// The largest uncompressed body [`decompress`] accepts.
const MAX_RAW_SIZE: usize = 1 << 30;

fn list(v: Option<&Value>) -> impl Iterator<Item = &Value> {
    v.and_then(Value::as_array).into_iter().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_log_group_is_the_protobuf_log_services_sdks_send() {
        let group = serde_json::json!({
            "Topic": "t",
            "LogTags": [{"Key": "k", "Value": "v"}],
            "LogItems": [{"Time": 1700000000, "Contents": [{"Key": "a", "Value": "b"}]}],
        });
        // Field by field, from the proto above: Logs (1), Topic (3), LogTags (6).
        let expected: Vec<u8> = [
            &[0x0a, 0x0e][..],                                 // Logs, 14 bytes
            &[0x08, 0x80, 0xe2, 0xcf, 0xaa, 0x06],             // Time = 1700000000 (varint)
            &[0x12, 0x06, 0x0a, 0x01, b'a', 0x12, 0x01, b'b'], // Contents {a: b}
            &[0x1a, 0x01, b't'],                               // Topic
            &[0x32, 0x06, 0x0a, 0x01, b'k', 0x12, 0x01, b'v'], // LogTags {k: v}
        ]
        .concat();
        assert_eq!(encode(&group), expected);
        assert_eq!(decode(&expected).unwrap(), group);
    }

    #[test]
    fn lz4_round_trips_and_other_kinds_are_not_applied() {
        let raw = encode(&serde_json::json!({"LogItems": [{"Time": 1, "Contents": [
            {"Key": "message", "Value": "x".repeat(300)}]}]}));
        let packed = compress("lz4", &raw).unwrap();
        assert!(packed.len() < raw.len());
        assert_eq!(decompress("lz4", &packed, raw.len()).unwrap(), raw);
        assert!(compress("zstd", &raw).is_none());
        assert!(decompress("zstd", &packed, raw.len()).is_err());
        assert!(decompress("lz4", &packed[..packed.len() / 2], raw.len()).is_err());
        assert!(decompress("lz4", &packed, usize::MAX).is_err());
    }

    #[test]
    fn pull_logs_answers_are_unpacked_and_read_as_log_group_lists() {
        let group = serde_json::json!({"Topic": "t", "LogItems": [{"Time": 5, "Contents": []}]});
        let one = encode(&group);
        // LogGroupList: field 1, the group, twice.
        let list: Vec<u8> = [
            &[0x0a, one.len() as u8][..],
            &one,
            &[0x0a, one.len() as u8],
            &one,
        ]
        .concat();
        assert_eq!(
            decode_list(&list).unwrap(),
            serde_json::json!({"LogGroupList": [group.clone(), group]})
        );
        let headers = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        let protobuf = headers(&[("Content-Type", MEDIA)]);
        assert_eq!(unpack(&protobuf, &list), Some(Ok((list[..].into(), true))));
        let packed = compress(LZ4, &list).unwrap();
        let size = list.len().to_string();
        let lz4 = headers(&[
            ("content-type", MEDIA),
            ("x-log-compresstype", "lz4"),
            ("x-log-bodyrawsize", &size),
        ]);
        assert_eq!(unpack(&lz4, &packed), Some(Ok((list[..].into(), true))));
        let no_size = headers(&[("x-log-compresstype", "lz4")]);
        assert!(matches!(unpack(&no_size, &packed), Some(Err(_))));
        assert_eq!(
            unpack(&headers(&[("content-type", "application/json")]), b"{}"),
            None
        );
        assert!(decode_list(b"\x0a\x05ab").is_err());
    }

    #[test]
    fn malformed_bytes_are_an_error_not_a_panic() {
        for bytes in [
            &[0x0a, 0xff][..],
            &[0x08],
            &[0xff; 12],
            &[0x0a, 0x02, 0x12, 0x05],
        ] {
            assert!(decode(bytes).is_err(), "{bytes:?}");
        }
    }
}
