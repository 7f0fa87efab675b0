//! `acs-bench transfer`: uploading and downloading a large object through loopback with the
//! generated `acs` CLI (OSS `PutObject` and `GetObject`, generated from the published
//! metadata), its peak memory and throughput beside curl doing the same transfers, in the
//! same run against the same server.
//!
//! The server (in this process, plain HTTP/1.1 on 127.0.0.1) reads an upload to its end,
//! computing its CRC-64 as OSS does, and answers a download of N bytes with its
//! `content-length` and `x-oss-hash-crc64ecma`, so the client checks both as it would against
//! OSS. Signatures are not checked: the client's cost is what is measured.

use crate::measure::{measure, median, Sample};
use crate::root;
use acs_runtime::body::Crc64;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The block the object repeats.
const BLOCK: usize = 64 * 1024;

fn block() -> Vec<u8> {
    (0..BLOCK).map(|i| (i * 131 % 251) as u8).collect()
}

/// The CRC-64 of `size` bytes of repeated [`block`]s.
fn object_crc(size: u64) -> u64 {
    let block = block();
    let mut crc = Crc64::new();
    let mut left = size;
    while left > 0 {
        let n = left.min(BLOCK as u64) as usize;
        crc.update(&block[..n]);
        left -= n as u64;
    }
    crc.value()
}

/// Serves uploads and downloads of `size` bytes on 127.0.0.1; returns its port.
fn serve(size: u64) -> std::io::Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let port = listener.local_addr()?.port();
    let crc = object_crc(size);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let _ = answer(stream, size, crc);
            });
        }
    });
    Ok(port)
}

fn answer(stream: TcpStream, size: u64, crc: u64) -> std::io::Result<()> {
    let mut reader = BufReader::with_capacity(BLOCK, stream.try_clone()?);
    let mut out = stream;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let method = line.split(' ').next().unwrap_or_default().to_string();
        let mut length = 0u64;
        loop {
            let mut h = String::new();
            reader.read_line(&mut h)?;
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':') {
                if k.eq_ignore_ascii_case("content-length") {
                    length = v.trim().parse().unwrap_or(0);
                }
            }
        }
        if method == "GET" {
            write!(
                out,
                "HTTP/1.1 200 OK\r\ncontent-length: {size}\r\nx-oss-hash-crc64ecma: {crc}\r\ncontent-type: application/octet-stream\r\n\r\n"
            )?;
            let block = block();
            let mut left = size;
            while left > 0 {
                let n = left.min(BLOCK as u64) as usize;
                out.write_all(&block[..n])?;
                left -= n as u64;
            }
        } else {
            let mut sum = Crc64::new();
            let mut buf = vec![0; BLOCK];
            let mut left = length;
            while left > 0 {
                let n = reader.read(&mut buf[..left.min(BLOCK as u64) as usize])?;
                if n == 0 {
                    return Ok(());
                }
                sum.update(&buf[..n]);
                left -= n as u64;
            }
            write!(
                out,
                "HTTP/1.1 200 OK\r\ncontent-length: 0\r\nx-oss-hash-crc64ecma: {}\r\n\r\n",
                sum.value()
            )?;
        }
        out.flush()?;
    }
}

/// Generates the OSS client from the published metadata and builds its `acs` in release
/// mode; returns the binary.
fn build_acs(work: &Path) -> Result<PathBuf, String> {
    let krate = work.join("oss-sdk");
    let metadata = root().join("tests/fixtures/metadata/gateways/oss-2019-05-17.api-docs.json");
    let runtime = root().join("runtime");
    let dependency = format!("{{ path = {:?} }}", runtime.to_string_lossy());
    let codegen = root().join("target/release/acs-codegen");
    let status = Command::new(&codegen)
        .args(["generate", "--specs"])
        .arg(work.join("no-specs"))
        .arg("--metadata")
        .arg(&metadata)
        .arg("--out")
        .arg(&krate)
        .args(["--runtime-dependency", &dependency, "--allow", "warnings"])
        .status()
        .map_err(|e| format!("{}: {e}", codegen.display()))?;
    if !status.success() {
        return Err("acs-codegen generate failed".into());
    }
    // A crate of its own, though under this workspace's target directory.
    let manifest = krate.join("Cargo.toml");
    let text = fs::read_to_string(&manifest).map_err(|e| e.to_string())?;
    if !text.contains("\n[workspace]") {
        fs::write(&manifest, format!("{text}\n[workspace]\n")).map_err(|e| e.to_string())?;
    }
    let status = Command::new("cargo")
        .args(["build", "--release", "--quiet", "--bin", "acs"])
        .current_dir(&krate)
        .env("CARGO_TARGET_DIR", work.join("target"))
        .status()
        .map_err(|e| format!("cargo: {e}"))?;
    if !status.success() {
        return Err("building the OSS acs failed".into());
    }
    Ok(work.join("target/release/acs"))
}

/// Measures `runs` uploads and downloads of `size_mib` MiB with the generated `acs` and with
/// curl; returns a Markdown table of medians.
pub(crate) fn run(size_mib: u64, runs: usize, work: &Path) -> Result<String, String> {
    fs::create_dir_all(work.join("no-specs")).map_err(|e| e.to_string())?;
    let size = size_mib * 1024 * 1024;
    let file = work.join("object.bin");
    if fs::metadata(&file).map(|m| m.len()).ok() != Some(size) {
        let mut f = fs::File::create(&file).map_err(|e| e.to_string())?;
        let block = block();
        let mut left = size;
        while left > 0 {
            let n = left.min(BLOCK as u64) as usize;
            f.write_all(&block[..n]).map_err(|e| e.to_string())?;
            left -= n as u64;
        }
    }
    let acs = build_acs(work)?;
    let port = serve(size).map_err(|e| e.to_string())?;
    let endpoint = format!("http://localhost:{port}");
    let url = format!("http://127.0.0.1:{port}/object.bin");
    let (acs_s, file_s) = (acs.to_string_lossy(), file.to_string_lossy());
    let put = format!(
        "{acs_s} oss put-object --bucket b1 --key object.bin --body {file_s} --endpoint {endpoint} --region cn-hangzhou > /dev/null"
    );
    let get = format!(
        "{acs_s} oss get-object --bucket b1 --key object.bin --endpoint {endpoint} --region cn-hangzhou > /dev/null"
    );
    // No `Expect: 100-continue` wait: the server answers at the end of the body.
    let curl_put = format!("curl -sS -f -H Expect: -T {file_s} {url} -o /dev/null");
    let curl_get = format!("curl -sS -f {url} -o /dev/null");
    let env = [
        ("ALIBABA_CLOUD_ACCESS_KEY_ID", "bench"),
        ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "bench"),
    ];
    let mut table = format!(
        "| transfer ({size_mib} MiB, loopback) | tool | time (s) | MiB/s | peak memory (MB) | throughput ÷ curl's |\n|---|---|---|---|---|---|\n"
    );
    for (what, ours, peer) in [("upload", &put, &curl_put), ("download", &get, &curl_get)] {
        let mut a: Vec<Sample> = Vec::new();
        let mut c: Vec<Sample> = Vec::new();
        for _ in 0..runs.max(1) {
            a.push(measure(&["sh", "-c", ours], &env, work)?);
            c.push(measure(&["sh", "-c", peer], &env, work)?);
        }
        let (at, am) = (
            median(a.iter().map(|s| s.wall_s).collect()),
            median(a.iter().map(|s| s.rss_mb).collect()),
        );
        let (ct, cm) = (
            median(c.iter().map(|s| s.wall_s).collect()),
            median(c.iter().map(|s| s.rss_mb).collect()),
        );
        let rate = |t: f64| size_mib as f64 / t.max(1e-9);
        table.push_str(&format!(
            "| {what} | acs (generated OSS client) | {at:.2} | {:.0} | {am:.1} | {:.2}× |\n",
            rate(at),
            rate(at) / rate(ct)
        ));
        table.push_str(&format!(
            "| {what} | curl | {ct:.2} | {:.0} | {cm:.1} | – |\n",
            rate(ct)
        ));
    }
    Ok(table)
}
