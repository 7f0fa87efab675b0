//! The written spec, safe for YAML 1.1 readers. serde_yaml writes YAML 1.2, where
//! `2016-01-20`, `=`, `yes` and `1:30` are plain strings; PyYAML and many OpenAPI tools read
//! YAML 1.1, where they are a date (or an error, for `2021-09-31`), a "value" key, a boolean
//! and a number. Such plain scalars are single-quoted; a string's value never changes (the
//! caller checks that the quoted text parses to the same document).

/// `text` with every plain scalar that YAML 1.1 reads as something other than a string
/// single-quoted. Block scalars (`|-`) are left as they are.
pub(super) fn quote_for_yaml11(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    // Indentation of the line that opened a block scalar: deeper lines are its content.
    let mut block: Option<usize> = None;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        let indent = body.len() - body.trim_start().len();
        if let Some(open) = block {
            if body.trim().is_empty() || indent > open {
                out.push_str(line);
                continue;
            }
            block = None;
        }
        let (head, value) = split_value(body);
        if value.starts_with('|') || value.starts_with('>') {
            // Content is indented past the key, which `- ` items put further right.
            let mut key = indent;
            while body[key..].starts_with("- ") {
                key += 2;
            }
            block = Some(key);
        }
        if !value.is_empty() && yaml11_reads_otherwise(value) {
            out.push_str(head);
            out.push('\'');
            out.push_str(&value.replace('\'', "''"));
            out.push('\'');
            if line.ends_with('\n') {
                out.push('\n');
            }
        } else {
            out.push_str(line);
        }
    }
    out
}

/// A line as the part before its plain scalar value and the value (`"  key: "`, `"v"`);
/// the value is empty when the line has none (a key opening a mapping, a quoted value).
fn split_value(line: &str) -> (&str, &str) {
    let mut start = line.len() - line.trim_start().len();
    while line[start..].starts_with("- ") {
        start += 2;
    }
    let rest = &line[start..];
    let key_end = if rest.starts_with('\'') || rest.starts_with('"') {
        let quote = &rest[..1];
        // The closing quote of a quoted key (`''` is an escaped quote in single quotes).
        let mut i = 1;
        let bytes = rest.as_bytes();
        loop {
            match rest[i..].find(quote) {
                Some(j) if quote == "'" && bytes.get(i + j + 1) == Some(&b'\'') => i += j + 2,
                Some(j) => break rest[i + j + 1..].starts_with(": ").then_some(i + j + 1),
                None => break None,
            }
        }
    } else {
        rest.find(": ").filter(|_| !rest.starts_with(['[', '{']))
    };
    let at = match key_end {
        Some(k) => start + k + 2,
        // A quoted sequence item, or a plain one.
        None if rest.starts_with(['\'', '"']) => return (line, ""),
        None => start,
    };
    let value = &line[at..];
    if value.starts_with(['\'', '"', '[', '{', '&', '*', '!']) {
        return (line, "");
    }
    (&line[..at], value)
}

/// Whether YAML 1.1 reads a plain scalar as something other than the string YAML 1.2 reads.
fn yaml11_reads_otherwise(v: &str) -> bool {
    let bytes = v.as_bytes();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    // Timestamps: `2016-01-20`, `2016-1-2T10:00:00Z` (a date of a month too short is an error).
    let date = v.len() >= 8
        && v.split(['T', 't', ' ']).next().is_some_and(|d| {
            let parts: Vec<&str> = d.split('-').collect();
            parts.len() == 3 && parts[0].len() == 4 && parts.iter().all(|p| digits(p))
        });
    // The "value" key, and booleans YAML 1.2 does not have.
    let special = v == "="
        || v.starts_with('=')
        || matches!(
            v.to_ascii_lowercase().as_str(),
            "y" | "n" | "yes" | "no" | "on" | "off"
        );
    // Sexagesimal numbers (`1:30`, `-2:10:05.5`) and numbers with `_` (`1_000`).
    let unsigned = v.trim_start_matches(['-', '+']);
    let sexagesimal = unsigned.contains(':')
        && unsigned.split(':').enumerate().all(|(i, p)| {
            digits(p.split('.').next().unwrap_or_default())
                || (i > 0 && p.contains('.') && digits(&p.replace('.', "")))
        });
    let underscored = unsigned.contains('_')
        && bytes[0] != b'_'
        && unsigned
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'_' || b == b'.');
    date || special || sexagesimal || underscored
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_scalars_yaml_1_1_reads_otherwise_are_quoted() {
        let text = "\
info:
  version: 2016-01-20
  title: Sts
paths:
  /#Action=A:
    post:
      example: =
      items:
      - yes
      - 1:30
      - 1_000
      - '2021-09-31'
      - plain text: with a colon
      - a: |-
          2016-01-20
          on
        b: 2016-01-20T10:00:00Z
      description: |-
        2016-01-20
      '200':
        k: Off
";
        let quoted = quote_for_yaml11(text);
        assert_eq!(
            quoted,
            "\
info:
  version: '2016-01-20'
  title: Sts
paths:
  /#Action=A:
    post:
      example: '='
      items:
      - 'yes'
      - '1:30'
      - '1_000'
      - '2021-09-31'
      - plain text: with a colon
      - a: |-
          2016-01-20
          on
        b: '2016-01-20T10:00:00Z'
      description: |-
        2016-01-20
      '200':
        k: 'Off'
"
        );
        let a: serde_yaml::Value = serde_yaml::from_str(text).unwrap();
        let b: serde_yaml::Value = serde_yaml::from_str(&quoted).unwrap();
        assert_eq!(a, b, "the same document");
    }
}
