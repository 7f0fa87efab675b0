//! A scripted HTTP/1.1 server on 127.0.0.1 for end-to-end tests: it records every request
//! and answers each connection with the next scripted reply (the last one repeats). It
//! can also verify a request's ACS3-HMAC-SHA256 signature the way the gateway does.

use acs_runtime::sign;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// A request as the server received it.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    /// The raw query string (without `?`).
    pub query: String,
    /// Header names lowercased, in arrival order.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Decoded query pairs, sorted.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        decode_pairs(&self.query)
    }

    /// Decoded form-body pairs, sorted.
    pub fn body_pairs(&self) -> Vec<(String, String)> {
        decode_pairs(&String::from_utf8_lossy(&self.body))
    }

    pub fn query_value(&self, name: &str) -> Option<String> {
        self.query_pairs()
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }
}

/// `a=1&b=2` as decoded, sorted pairs (the runtime's own form decoding).
fn decode_pairs(text: &str) -> Vec<(String, String)> {
    let mut pairs = acs_runtime::testing::wire::decode_pairs(text);
    pairs.sort();
    pairs
}

/// What the server does with a connection.
#[derive(Clone, Debug)]
pub enum Reply {
    /// A complete response.
    Respond {
        status: u16,
        headers: Vec<(String, String)>,
        body: String,
    },
    /// Close the connection without answering.
    Close,
    /// Wait, then close without answering.
    Stall(Duration),
    /// Announce `declared` bytes, send `body`, close.
    Truncated { declared: usize, body: String },
    /// A complete response whose body arrives one byte per `every`.
    SlowDrip { body: String, every: Duration },
}

impl Reply {
    pub fn json(status: u16, body: &str) -> Reply {
        Reply::Respond {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.into(),
        }
    }

    pub fn with_header(self, name: &str, value: &str) -> Reply {
        match self {
            Reply::Respond {
                status,
                mut headers,
                body,
            } => {
                headers.push((name.into(), value.into()));
                Reply::Respond {
                    status,
                    headers,
                    body,
                }
            }
            other => other,
        }
    }
}

pub struct Server {
    pub addr: std::net::SocketAddr,
    recorded: Arc<Mutex<Vec<Recorded>>>,
    stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl Server {
    pub fn start(replies: Vec<Reply>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let addr = listener.local_addr().unwrap();
        let recorded = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (rec, stop2) = (recorded.clone(), stop.clone());
        let handle = std::thread::spawn(move || {
            let mut n = 0;
            for conn in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(mut stream) = conn else { continue };
                let reply = replies
                    .get(n)
                    .or(replies.last())
                    .cloned()
                    .unwrap_or(Reply::Close);
                n += 1;
                let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                if let Some(r) = read_request(&mut stream) {
                    rec.lock().unwrap().push(r);
                }
                match reply {
                    Reply::Respond {
                        status,
                        headers,
                        body,
                    } => {
                        let mut head = format!(
                            "HTTP/1.1 {status} X\r\ncontent-length: {}\r\nconnection: close\r\n",
                            body.len()
                        );
                        for (k, v) in headers {
                            head.push_str(&format!("{k}: {v}\r\n"));
                        }
                        head.push_str("\r\n");
                        let _ = stream.write_all(head.as_bytes());
                        let _ = stream.write_all(body.as_bytes());
                    }
                    Reply::Close => {}
                    Reply::Stall(d) => std::thread::sleep(d),
                    Reply::Truncated { declared, body } => {
                        let head = format!("HTTP/1.1 200 X\r\ncontent-type: application/json\r\ncontent-length: {declared}\r\nconnection: close\r\n\r\n");
                        let _ = stream.write_all(head.as_bytes());
                        let _ = stream.write_all(body.as_bytes());
                    }
                    Reply::SlowDrip { body, every } => {
                        let head = format!("HTTP/1.1 200 X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n", body.len());
                        let _ = stream.write_all(head.as_bytes());
                        for b in body.bytes() {
                            if stream.write_all(&[b]).is_err() || stop2.load(Ordering::SeqCst) {
                                break;
                            }
                            std::thread::sleep(every);
                        }
                    }
                }
                let _ = stream.shutdown(std::net::Shutdown::Both);
            }
        });
        Server {
            addr,
            recorded,
            stop,
            handle: Some(handle),
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.recorded.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

fn read_request(stream: &mut TcpStream) -> Option<Recorded> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let n = stream.read(&mut chunk).ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let method = first.next()?.to_string();
    let target = first.next()?.to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let len: usize = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = buf[head_end + 4..].to_vec();
    while body.len() < len {
        let n = stream.read(&mut chunk).ok()?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    let (path, query) = target
        .split_once('?')
        .map(|(p, q)| (p.to_string(), q.to_string()))
        .unwrap_or((target, String::new()));
    Some(Recorded {
        method,
        path,
        query,
        headers,
        body,
    })
}

/// Verifies a request's V3 signature as the gateway would, with the test gateway's own check
/// (`acs_runtime::testing::verify`), and that it names `access_key_id`.
pub fn verify_signature(r: &Recorded, access_key_id: &str, secret: &str) -> Result<(), String> {
    let query = sign::canonical_query(&r.query_pairs());
    let request = acs_runtime::HttpRequest {
        method: match r.method.as_str() {
            "GET" => "GET",
            "PUT" => "PUT",
            "DELETE" => "DELETE",
            "PATCH" => "PATCH",
            _ => "POST",
        },
        url: format!(
            "http://{}{}?{query}",
            r.header("host").unwrap_or("h"),
            r.path
        ),
        headers: r.headers.clone(),
        body: r.body.clone(),
    };
    let id = acs_runtime::testing::verify::verify(&request, secret)
        .map_err(|e| format!("{}: {}", e.code, e.message))?;
    if id != access_key_id {
        return Err(format!("credential {id:?}, not {access_key_id:?}"));
    }
    Ok(())
}

/// The `acs-codegen` binary, built by `cargo test --workspace` (or here, when a test runs
/// alone).
pub fn codegen_bin() -> std::path::PathBuf {
    static BUILT: std::sync::Once = std::sync::Once::new();
    let exe = std::env::current_exe().unwrap();
    let bin = exe
        .parent()
        .and_then(|d| d.parent())
        .unwrap()
        .join(format!("acs-codegen{}", std::env::consts::EXE_SUFFIX));
    // Built once per test binary, whether or not it exists: `cargo test -p
    // acs-codegen-tests` alone does not rebuild it, and a stale binary would pass or bless
    // the goldens of old code (a no-op under `cargo test --workspace`).
    BUILT.call_once(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let ok = std::process::Command::new(env!("CARGO"))
            .args(["build", "--quiet", "-p", "acs-codegen"])
            .current_dir(root)
            .status()
            .unwrap();
        assert!(ok.success());
    });
    bin
}

/// `acs-codegen` started with `args` (`serve ...`) in `dir`, and the address it prints on its
/// first line (`listening on http://127.0.0.1:PORT`), within 60 s.
pub fn start_serve(
    args: &[std::ffi::OsString],
    dir: &std::path::Path,
) -> (std::process::Child, String) {
    use std::io::BufRead;
    let mut child = std::process::Command::new(codegen_bin())
        .args(args)
        .current_dir(dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    // A thread reads the line; the test waits on a channel, bounded in time.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = std::io::BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let line = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("serve prints its address");
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("{line:?}"))
        .to_string();
    (child, url)
}

/// The `acs` binary of the generated crate, built by `cargo test --workspace`; built here
/// when a test runs alone.
pub fn acs_bin() -> std::path::PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().and_then(|d| d.parent()).unwrap().to_path_buf();
    let bin = dir.join(format!("acs{}", std::env::consts::EXE_SUFFIX));
    if !bin.exists() {
        let status = std::process::Command::new(env!("CARGO"))
            .args(["build", "-p", "acs-sdk", "--bin", "acs"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .unwrap();
        assert!(status.success());
    }
    bin
}

/// Alibaba's published metadata documents the tests read: `tests/fixtures/metadata/` (copies,
/// origin and licence in its README), or `$ACS_METADATA_DIR` for another set of documents.
pub fn metadata_dir() -> std::path::PathBuf {
    match std::env::var_os("ACS_METADATA_DIR") {
        Some(dir) => dir.into(),
        None => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/metadata"),
    }
}

/// Every metadata document of [`metadata_dir`] and of its `gateways/` (the products with a
/// gateway of their own), sorted.
pub fn metadata_documents() -> Vec<std::path::PathBuf> {
    let dir = metadata_dir();
    let mut documents: Vec<_> = [dir.clone(), dir.join("gateways")]
        .iter()
        .filter_map(|d| std::fs::read_dir(d).ok())
        .flat_map(|entries| entries.flatten().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".api-docs.json"))
        .collect();
    documents.sort();
    documents
}

/// Expected name/value pairs, sorted, to compare with [`Recorded::query_pairs`] or
/// [`Recorded::body_pairs`].
pub fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = list
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    v.sort();
    v
}

/// Every file under `dir`, subdirectories included, sorted.
pub fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                found.push(p);
            }
        }
    }
    found.sort();
    found
}

/// Every spec file (`*.yaml`, `*.yml`) under `dir`, subdirectories included (`specs/` may hold
/// `specs/imported/`), sorted.
pub fn spec_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    files_under(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect()
}

/// Copies the specs under `from` to `to`, keeping their subdirectories.
pub fn copy_specs(from: &std::path::Path, to: &std::path::Path) {
    for file in spec_files(from) {
        let dest = to.join(file.strip_prefix(from).unwrap());
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(&file, dest).unwrap();
    }
}

/// Copies the hand-written specs under `from` (those without `x-acs-imported-from`) to `to`,
/// flat: what a test of this repository's own specs compares, whatever `specs/imported/`
/// holds.
pub fn copy_hand_written_specs(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for file in spec_files(from) {
        let text = std::fs::read_to_string(&file).unwrap();
        if !text.contains("x-acs-imported-from:") {
            std::fs::copy(&file, to.join(file.file_name().unwrap())).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes, by path relative to `dir`, sorted: compare two to
/// see that nothing was written.
pub fn snapshot(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    files_under(dir)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p.strip_prefix(dir).unwrap().to_path_buf(), bytes)
        })
        .collect()
}

/// Runs a future (a generated client call) to completion, on the runtime's own blocking
/// facade.
pub fn block<F: std::future::Future>(f: F) -> F::Output {
    acs_runtime::blocking::block_on(f).expect("a runtime")
}

/// A fresh, empty directory under the system's temporary directory, named by `name` and
/// this process, removed (with what the test wrote in it) when dropped, so that test runs
/// leave nothing behind. Derefs to its path.
pub struct Scratch(std::path::PathBuf);

impl Scratch {
    /// `acs-<name>-<pid>`, emptied first.
    pub fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("acs-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
}

impl std::ops::Deref for Scratch {
    type Target = std::path::Path;
    fn deref(&self) -> &std::path::Path {
        &self.0
    }
}

impl AsRef<std::ffi::OsStr> for Scratch {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.0.as_os_str()
    }
}

impl AsRef<std::path::Path> for Scratch {
    fn as_ref(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
