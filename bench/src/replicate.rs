//! A catalogue-sized stand-in built from real metadata: each document copied `copies` times
//! under a renamed product (`Ecs`, `Ecsx1`, `Ecsx2`, ...), so `import` and `generate` run at
//! the published catalogue's scale on real document shapes when the catalogue itself is not
//! at hand.

use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

/// Writes the copies into `out`; returns the number of documents and of operations written.
pub fn write(docs: &[PathBuf], copies: usize, out: &Path) -> Result<(usize, usize), String> {
    fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let (mut written, mut operations) = (0, 0);
    for path in docs {
        let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let doc: Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let product = doc["info"]["product"].as_str().unwrap_or("product");
        let version = doc["info"]["version"].as_str().unwrap_or("version");
        let apis = doc["apis"].as_object().map_or(0, |a| a.len());
        for copy in 0..copies {
            let name = if copy == 0 {
                product.to_string()
            } else {
                format!("{product}x{copy}")
            };
            let mut doc = doc.clone();
            doc["info"]["product"] = Value::String(name.clone());
            let file = out.join(format!(
                "{}-{version}.api-docs.json",
                name.to_ascii_lowercase()
            ));
            fs::write(&file, doc.to_string()).map_err(|e| format!("{}: {e}", file.display()))?;
            written += 1;
            operations += apis;
        }
    }
    Ok((written, operations))
}
