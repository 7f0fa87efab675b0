//! XML bodies and answers of the products that speak it (OSS), through JSON values: a body
//! object `{"Root": {...}}` is written as `<Root>...</Root>`, and an answer is read back into
//! the same shape, so typed outputs decode it exactly as they decode JSON.
//!
//! Writing: an object's members are child elements (in the object's order), a list is its
//! element repeated, a scalar is escaped text, `null` writes nothing. Reading: an element
//! with child elements is an object (an element name seen twice is a list of them), any
//! other element is its text (`""` when empty); attributes, comments and processing
//! instructions are not part of the answers' shape and are skipped.

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use serde_json::{Map, Value};

/// The XML text of a body object: each member is a root element (a body has one).
pub fn write(body: &Map<String, Value>) -> String {
    let mut writer = quick_xml::Writer::new(Vec::new());
    // Writing into a `Vec` cannot fail.
    let _ = writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    for (name, value) in body {
        element(&mut writer, name, value);
    }
    String::from_utf8(writer.into_inner()).unwrap_or_default()
}

fn element(writer: &mut quick_xml::Writer<Vec<u8>>, name: &str, value: &Value) {
    match value {
        Value::Null => {}
        Value::Array(items) => {
            for item in items {
                element(writer, name, item);
            }
        }
        Value::Object(members) => {
            let _ = writer.write_event(Event::Start(BytesStart::new(name)));
            for (child, v) in members {
                element(writer, child, v);
            }
            let _ = writer.write_event(Event::End(BytesEnd::new(name)));
        }
        scalar => {
            let text = match scalar {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let _ = writer.write_event(Event::Start(BytesStart::new(name)));
            let _ = writer.write_event(Event::Text(BytesText::new(&text)));
            let _ = writer.write_event(Event::End(BytesEnd::new(name)));
        }
    }
}

/// Whether a body looks like XML (its first non-blank byte is `<`).
pub fn is_xml(body: &[u8]) -> bool {
    body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<')
}

/// An XML document as a JSON object holding its root element: `{"Root": <content>}`.
pub fn read(body: &[u8]) -> Result<Value, String> {
    let mut reader = quick_xml::Reader::from_reader(body);
    reader.config_mut().trim_text(false);
    // Elements open so far: name, child members, text.
    let mut stack: Vec<(String, Map<String, Value>, String)> = Vec::new();
    let mut root: Option<(String, Value)> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("not XML: {e} at byte {}", reader.error_position()))?;
        match event {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                stack.push((name, Map::new(), String::new()));
            }
            Event::Empty(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                close(&mut stack, &mut root, name, Value::String(String::new()));
            }
            Event::Text(t) => {
                if let Some((_, _, text)) = stack.last_mut() {
                    let t = t.unescape().map_err(|e| format!("bad XML text: {e}"))?;
                    text.push_str(&t);
                }
            }
            Event::CData(t) => {
                if let Some((_, _, text)) = stack.last_mut() {
                    text.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::End(_) => {
                let Some((name, members, text)) = stack.pop() else {
                    return Err("not XML: a closing tag without its opening".into());
                };
                let value = if members.is_empty() {
                    Value::String(text)
                } else {
                    Value::Object(members)
                };
                close(&mut stack, &mut root, name, value);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err("not XML: the document ends inside an element".into());
    }
    match root {
        Some((name, value)) => Ok(Value::Object(Map::from_iter([(name, value)]))),
        None => Err("not XML: no root element".into()),
    }
}

/// Adds a finished element to its parent (a second one of the same name makes a list), or
/// makes it the root.
fn close(
    stack: &mut [(String, Map<String, Value>, String)],
    root: &mut Option<(String, Value)>,
    name: String,
    value: Value,
) {
    let Some((_, members, _)) = stack.last_mut() else {
        if root.is_none() {
            *root = Some((name, value));
        }
        return;
    };
    match members.get_mut(&name) {
        None => {
            members.insert(name, value);
        }
        Some(Value::Array(items)) => items.push(value),
        Some(first) => {
            let first = first.take();
            members.insert(name, Value::Array(vec![first, value]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn object(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => unreachable!("an object literal"),
        }
    }

    #[test]
    fn writes_the_root_its_children_lists_and_escaped_text() {
        let body = object(json!({"LifecycleConfiguration": {"Rule": [
            {"ID": "a<b&c", "Status": "Enabled", "Expiration": {"Days": 3}},
            {"ID": "\"q\" 'é'", "Prefix": null}
        ]}}));
        assert_eq!(
            write(&body),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><LifecycleConfiguration>\
             <Rule><Expiration><Days>3</Days></Expiration><ID>a&lt;b&amp;c</ID><Status>Enabled</Status></Rule>\
             <Rule><ID>&quot;q&quot; &apos;é&apos;</ID></Rule></LifecycleConfiguration>"
        );
    }

    #[test]
    fn reads_objects_lists_text_and_empty_elements() {
        let xml = br#"<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://doc.oss-cn-hangzhou.aliyuncs.com">
  <Name>b</Name><MaxKeys>2</MaxKeys><Prefix/>
  <Contents><Key>a&amp;b</Key></Contents>
  <Contents><Key><![CDATA[c<d]]></Key></Contents>
</ListBucketResult>"#;
        assert_eq!(
            read(xml).unwrap(),
            json!({"ListBucketResult": {"Name": "b", "MaxKeys": "2", "Prefix": "",
                "Contents": [{"Key": "a&b"}, {"Key": "c<d"}]}})
        );
    }

    #[test]
    fn what_is_written_reads_back() {
        let body = object(json!({"Tagging": {"TagSet": {"Tag": [
            {"Key": "k 1", "Value": "v&1"}, {"Key": "k2", "Value": "v2"}]}}}));
        assert_eq!(read(write(&body).as_bytes()).unwrap(), Value::Object(body));
    }

    #[test]
    fn broken_documents_are_errors_not_panics() {
        for bad in [
            &b""[..],
            b"<a>",
            b"</a>",
            b"<a></b>",
            b"text",
            b"<a>&bogus;</a>",
        ] {
            assert!(read(bad).is_err(), "{}", String::from_utf8_lossy(bad));
        }
        assert!(is_xml(b"  <a/>") && !is_xml(b"{}"));
    }
}
