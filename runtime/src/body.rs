//! Bodies that are not held in memory whole: a request [`Body`] from bytes, a file or a
//! one-shot stream of known length, and a response [`ByteStream`] read chunk by chunk, as
//! aws-sdk-rust's `ByteStream` does. Object Storage uploads and downloads go through them at
//! constant memory; their CRC-64 ([`Crc64`]) is computed as the bytes pass.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

/// A stream of chunks, as the runtime reads and writes bodies.
pub type ChunkStream = Pin<Box<dyn futures_core::Stream<Item = io::Result<Vec<u8>>> + Send>>;

/// Size of the chunks a file is read in (fewer, larger chunks: less per-chunk work at
/// gigabytes a second).
pub const CHUNK: usize = 256 * 1024;

/// A request body: bytes, a file (read as it is sent, again for each retry), or a stream of
/// known length (sent once: a call that must be repeated fails, saying why).
#[derive(Clone)]
pub struct Body {
    inner: Inner,
}

#[derive(Clone)]
enum Inner {
    Bytes(Vec<u8>),
    File {
        path: PathBuf,
        len: u64,
    },
    Stream {
        stream: Arc<Mutex<Option<ChunkStream>>>,
        len: u64,
    },
}

impl Body {
    /// A body of these bytes.
    pub fn from_bytes(bytes: impl Into<Vec<u8>>) -> Body {
        Body {
            inner: Inner::Bytes(bytes.into()),
        }
    }

    /// The file at `path`, read as the body is sent (its length is taken now); a retry reads
    /// it again from its start.
    pub fn from_path(path: impl AsRef<Path>) -> io::Result<Body> {
        let path = path.as_ref().to_path_buf();
        let meta = std::fs::metadata(&path)?;
        if !meta.is_file() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{} is not a file", path.display()),
            ));
        }
        Ok(Body {
            inner: Inner::File {
                path,
                len: meta.len(),
            },
        })
    }

    /// A stream of exactly `len` bytes, sent once (a stream cannot be read again, so a call
    /// with it is not retried).
    pub fn from_stream(
        stream: impl futures_core::Stream<Item = io::Result<Vec<u8>>> + Send + 'static,
        len: u64,
    ) -> Body {
        Body {
            inner: Inner::Stream {
                stream: Arc::new(Mutex::new(Some(Box::pin(stream)))),
                len,
            },
        }
    }

    /// An async reader of exactly `len` bytes, sent once (see [`from_stream`](Body::from_stream)).
    pub fn from_reader(
        reader: impl tokio::io::AsyncRead + Send + Unpin + 'static,
        len: u64,
    ) -> Body {
        Body::from_stream(
            ReaderChunks {
                reader,
                buf: vec![0; CHUNK],
            },
            len,
        )
    }

    /// The body's length in bytes.
    pub fn len(&self) -> u64 {
        match &self.inner {
            Inner::Bytes(b) => b.len() as u64,
            Inner::File { len, .. } | Inner::Stream { len, .. } => *len,
        }
    }

    /// Whether the body is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes, when the body is held in memory.
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match &self.inner {
            Inner::Bytes(b) => Some(b),
            _ => None,
        }
    }

    /// Whether the body can be sent again (bytes and files can, a stream cannot).
    pub fn is_replayable(&self) -> bool {
        !matches!(self.inner, Inner::Stream { .. })
    }

    /// The body as a stream of chunks, from its start: for a stream, its one reading (an
    /// error after that).
    pub fn chunks(&self) -> io::Result<ChunkStream> {
        match &self.inner {
            Inner::Bytes(b) => {
                let chunks: Vec<io::Result<Vec<u8>>> =
                    b.chunks(CHUNK).map(|c| Ok(c.to_vec())).collect();
                Ok(Box::pin(Iter(chunks.into_iter())))
            }
            Inner::File { path, .. } => {
                let file = std::fs::File::open(path)?;
                Ok(Box::pin(ReaderChunks {
                    reader: tokio::fs::File::from_std(file),
                    buf: vec![0; CHUNK],
                }))
            }
            Inner::Stream { stream, .. } => stream
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .take()
                .ok_or_else(|| {
                    io::Error::other(
                        "the body is a one-shot stream, already taken: it cannot be read again",
                    )
                }),
        }
    }

    /// Reads the whole body into memory (a stream: its one reading), for a transport that
    /// does not stream request bodies.
    pub async fn collect(&self) -> io::Result<Vec<u8>> {
        if let Inner::Bytes(b) = &self.inner {
            return Ok(b.clone());
        }
        let mut chunks = self.chunks()?;
        let mut out = Vec::new();
        while let Some(chunk) = std::future::poll_fn(|cx| chunks.as_mut().poll_next(cx)).await {
            out.extend_from_slice(&chunk?);
        }
        Ok(out)
    }

    /// Folds `f` over the body's chunks, from its start, blocking: how a signature digests
    /// a file without holding it whole.
    pub fn for_each_chunk(&self, mut f: impl FnMut(&[u8])) -> io::Result<()> {
        match &self.inner {
            Inner::Bytes(b) => {
                f(b);
                Ok(())
            }
            Inner::File { path, .. } => {
                use std::io::Read;
                let mut file = std::fs::File::open(path)?;
                let mut buf = vec![0; CHUNK];
                loop {
                    let n = file.read(&mut buf)?;
                    if n == 0 {
                        return Ok(());
                    }
                    f(&buf[..n]);
                }
            }
            Inner::Stream { .. } => Err(io::Error::other(
                "a one-shot stream cannot be read ahead of sending",
            )),
        }
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner {
            Inner::Bytes(b) => write!(f, "Body({} bytes)", b.len()),
            Inner::File { path, len } => write!(f, "Body(file {}, {len} bytes)", path.display()),
            Inner::Stream { len, .. } => write!(f, "Body(stream, {len} bytes)"),
        }
    }
}

/// Bodies held in memory compare by their bytes; a file or stream equals only itself.
impl PartialEq for Body {
    fn eq(&self, other: &Body) -> bool {
        match (&self.inner, &other.inner) {
            (Inner::Bytes(a), Inner::Bytes(b)) => a == b,
            (Inner::File { path: a, .. }, Inner::File { path: b, .. }) => a == b,
            (Inner::Stream { stream: a, .. }, Inner::Stream { stream: b, .. }) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl Default for Body {
    fn default() -> Body {
        Body::from_bytes(Vec::new())
    }
}

impl From<Vec<u8>> for Body {
    fn from(b: Vec<u8>) -> Body {
        Body::from_bytes(b)
    }
}

impl From<&[u8]> for Body {
    fn from(b: &[u8]) -> Body {
        Body::from_bytes(b.to_vec())
    }
}

impl<const N: usize> From<&[u8; N]> for Body {
    fn from(b: &[u8; N]) -> Body {
        Body::from_bytes(b.to_vec())
    }
}

impl From<String> for Body {
    fn from(s: String) -> Body {
        Body::from_bytes(s.into_bytes())
    }
}

impl From<&str> for Body {
    fn from(s: &str) -> Body {
        Body::from_bytes(s.as_bytes().to_vec())
    }
}

/// Chunks of an iterator.
struct Iter(std::vec::IntoIter<io::Result<Vec<u8>>>);

impl futures_core::Stream for Iter {
    type Item = io::Result<Vec<u8>>;
    fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Poll::Ready(self.0.next())
    }
}

/// Chunks of an async reader.
struct ReaderChunks<R> {
    reader: R,
    buf: Vec<u8>,
}

impl<R: tokio::io::AsyncRead + Unpin> futures_core::Stream for ReaderChunks<R> {
    type Item = io::Result<Vec<u8>>;
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        let mut read = tokio::io::ReadBuf::new(&mut this.buf);
        match Pin::new(&mut this.reader).poll_read(cx, &mut read) {
            Poll::Ready(Ok(())) if read.filled().is_empty() => Poll::Ready(None),
            Poll::Ready(Ok(())) => Poll::Ready(Some(Ok(read.filled().to_vec()))),
            Poll::Ready(Err(e)) => Poll::Ready(Some(Err(e))),
            Poll::Pending => Poll::Pending,
        }
    }
}

/// Reports a transfer's progress: bytes so far, and the total when known.
#[derive(Clone)]
pub struct Progress(Arc<dyn Fn(u64, Option<u64>) + Send + Sync>);

impl Progress {
    /// A progress report calling `f(bytes so far, total)`.
    pub fn new(f: impl Fn(u64, Option<u64>) + Send + Sync + 'static) -> Progress {
        Progress(Arc::new(f))
    }

    /// Reports `done` bytes of `total`.
    pub fn report(&self, done: u64, total: Option<u64>) {
        (self.0)(done, total)
    }
}

impl fmt::Debug for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Progress")
    }
}

/// The CRC-64 Object Storage checks (`x-oss-hash-crc64ecma`): CRC-64/XZ, the ECMA-182
/// polynomial, reflected, all ones in and out.
#[derive(Clone)]
pub struct Crc64(crc64fast::Digest);

impl Crc64 {
    /// A CRC of nothing yet.
    pub fn new() -> Crc64 {
        Crc64(crc64fast::Digest::new())
    }

    /// Adds bytes.
    pub fn update(&mut self, bytes: &[u8]) {
        self.0.write(bytes);
    }

    /// The CRC of the bytes added, as OSS writes it (decimal).
    pub fn value(&self) -> u64 {
        self.0.sum64()
    }
}

impl Default for Crc64 {
    fn default() -> Crc64 {
        Crc64::new()
    }
}

impl fmt::Debug for Crc64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Crc64({})", self.value())
    }
}

/// Why a body did not arrive whole.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BodyError {
    /// The connection broke or the body could not be read.
    Io(String),
    /// Fewer or more bytes arrived than `content-length` announced.
    Length {
        /// Announced.
        expected: u64,
        /// Arrived.
        received: u64,
    },
    /// The bytes' CRC-64 is not the one the server computed (`x-oss-hash-crc64ecma`).
    Crc64 {
        /// The server's.
        expected: u64,
        /// The bytes'.
        computed: u64,
    },
}

impl fmt::Display for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BodyError::Io(m) => write!(f, "the body did not arrive whole: {m}"),
            BodyError::Length { expected, received } => write!(
                f,
                "the body is cut short or overlong: content-length {expected}, {received} bytes arrived"
            ),
            BodyError::Crc64 { expected, computed } => write!(
                f,
                "the body is damaged: its CRC-64 is {computed}, the server's x-oss-hash-crc64ecma is {expected}"
            ),
        }
    }
}

impl std::error::Error for BodyError {}

/// A response body read as it arrives: chunk by chunk ([`next`](ByteStream::next)), whole
/// ([`collect`](ByteStream::collect)) or into a file ([`write_to`](ByteStream::write_to)).
/// Its end is checked: the length `content-length` announced, and the CRC-64 Object Storage
/// sends (`x-oss-hash-crc64ecma`); a body that breaks off or differs is an error, never a
/// short success.
pub struct ByteStream {
    chunks: ChunkStream,
    expected_len: Option<u64>,
    expected_crc: Option<u64>,
    received: u64,
    crc: Option<Crc64>,
    done: bool,
}

impl ByteStream {
    /// A stream of `chunks`, checked at its end against `content-length` and
    /// `x-oss-hash-crc64ecma` when `headers` have them.
    pub fn new(chunks: ChunkStream, headers: &[(String, String)]) -> ByteStream {
        let find = |name: &str| {
            headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .and_then(|(_, v)| v.trim().parse::<u64>().ok())
        };
        let expected_crc = find("x-oss-hash-crc64ecma");
        ByteStream {
            chunks,
            expected_len: find("content-length"),
            expected_crc,
            received: 0,
            crc: expected_crc.map(|_| Crc64::new()),
            done: false,
        }
    }

    /// A stream of bytes already in memory (checked as [`new`](ByteStream::new) says).
    pub fn from_bytes(bytes: Vec<u8>, headers: &[(String, String)]) -> ByteStream {
        let chunks: Vec<io::Result<Vec<u8>>> = vec![Ok(bytes)];
        ByteStream::new(Box::pin(Iter(chunks.into_iter())), headers)
    }

    /// The next chunk, `None` at the end; an error when the body broke off, has the wrong
    /// length or the wrong CRC-64.
    pub async fn next(&mut self) -> Option<Result<Vec<u8>, BodyError>> {
        std::future::poll_fn(|cx| self.poll_chunk(cx)).await
    }

    fn poll_chunk(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Vec<u8>, BodyError>>> {
        if self.done {
            return Poll::Ready(None);
        }
        match self.chunks.as_mut().poll_next(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Some(Ok(chunk))) => {
                self.received += chunk.len() as u64;
                if let Some(c) = &mut self.crc {
                    c.update(&chunk);
                }
                Poll::Ready(Some(Ok(chunk)))
            }
            Poll::Ready(Some(Err(e))) => {
                self.done = true;
                Poll::Ready(Some(Err(BodyError::Io(e.to_string()))))
            }
            Poll::Ready(None) => {
                self.done = true;
                Poll::Ready(self.check_end().err().map(Err))
            }
        }
    }

    fn check_end(&self) -> Result<(), BodyError> {
        if let Some(expected) = self.expected_len.filter(|e| *e != self.received) {
            return Err(BodyError::Length {
                expected,
                received: self.received,
            });
        }
        if let (Some(expected), Some(c)) = (self.expected_crc, &self.crc) {
            if c.value() != expected {
                return Err(BodyError::Crc64 {
                    expected,
                    computed: c.value(),
                });
            }
        }
        Ok(())
    }

    /// The whole body, checked.
    pub async fn collect(mut self) -> Result<Vec<u8>, BodyError> {
        let mut out = Vec::new();
        while let Some(chunk) = self.next().await {
            out.extend_from_slice(&chunk?);
        }
        Ok(out)
    }

    /// Writes the body to `writer` as it arrives; the number of bytes written.
    pub async fn write_to(
        mut self,
        writer: &mut (impl tokio::io::AsyncWrite + Unpin),
    ) -> Result<u64, BodyError> {
        use tokio::io::AsyncWriteExt;
        let mut written = 0;
        while let Some(chunk) = self.next().await {
            let chunk = chunk?;
            writer
                .write_all(&chunk)
                .await
                .map_err(|e| BodyError::Io(e.to_string()))?;
            written += chunk.len() as u64;
        }
        writer
            .flush()
            .await
            .map_err(|e| BodyError::Io(e.to_string()))?;
        Ok(written)
    }

    /// Writes the body to the file at `path` (created or truncated); a body that breaks off
    /// leaves no file behind.
    pub async fn write_to_path(self, path: impl AsRef<Path>) -> Result<u64, BodyError> {
        let path = path.as_ref();
        let io = |e: io::Error| BodyError::Io(format!("{}: {e}", path.display()));
        let mut file = tokio::fs::File::create(path).await.map_err(io)?;
        match self.write_to(&mut file).await {
            Ok(n) => Ok(n),
            Err(e) => {
                drop(file);
                let _ = tokio::fs::remove_file(path).await;
                Err(e)
            }
        }
    }

    /// Bytes received so far.
    pub fn received(&self) -> u64 {
        self.received
    }

    /// The length announced (`content-length`), if any.
    pub fn expected_len(&self) -> Option<u64> {
        self.expected_len
    }
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ByteStream")
            .field("received", &self.received)
            .field("expected_len", &self.expected_len)
            .finish_non_exhaustive()
    }
}

impl futures_core::Stream for ByteStream {
    type Item = Result<Vec<u8>, BodyError>;
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_chunk(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc64_is_oss_crc64ecma() {
        let mut c = Crc64::new();
        c.update(b"123456789");
        assert_eq!(c.value(), 0x995D_C9BB_DF19_39FA);
        assert_eq!(Crc64::new().value(), 0);
    }

    fn headers(len: usize, crc: Option<u64>) -> Vec<(String, String)> {
        let mut h = vec![("content-length".to_string(), len.to_string())];
        if let Some(c) = crc {
            h.push(("x-oss-hash-crc64ecma".to_string(), c.to_string()));
        }
        h
    }

    fn crc(bytes: &[u8]) -> u64 {
        let mut c = Crc64::new();
        c.update(bytes);
        c.value()
    }

    #[tokio::test]
    async fn a_body_is_checked_at_its_end() {
        let data = b"hello world".to_vec();
        let ok = ByteStream::from_bytes(data.clone(), &headers(11, Some(crc(&data))));
        assert_eq!(ok.collect().await, Ok(data.clone()));
        let short = ByteStream::from_bytes(data[..5].to_vec(), &headers(11, None));
        assert_eq!(
            short.collect().await,
            Err(BodyError::Length {
                expected: 11,
                received: 5
            })
        );
        let mut damaged = data.clone();
        damaged[3] ^= 1;
        let bad = ByteStream::from_bytes(damaged, &headers(11, Some(crc(&data))));
        assert!(matches!(bad.collect().await, Err(BodyError::Crc64 { .. })));
    }

    #[tokio::test]
    async fn files_are_read_again_and_streams_once() {
        let dir = std::env::temp_dir().join(format!("acs-body-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("f.bin");
        let data: Vec<u8> = (0..200_000u32).map(|i| i as u8).collect();
        std::fs::write(&path, &data).unwrap();
        let file = Body::from_path(&path).unwrap();
        assert_eq!(file.len(), data.len() as u64);
        for _ in 0..2 {
            let read = ByteStream::new(file.chunks().unwrap(), &[]).collect().await;
            assert_eq!(read.unwrap(), data);
        }
        assert_eq!(file.collect().await.unwrap(), data);
        let stream = Body::from_reader(tokio::fs::File::open(&path).await.unwrap(), 200_000);
        assert!(!stream.is_replayable());
        let once = ByteStream::new(stream.chunks().unwrap(), &[])
            .collect()
            .await;
        assert_eq!(once.unwrap(), data);
        let again = stream.chunks().err().unwrap().to_string();
        assert!(again.contains("one-shot stream"), "{again}");
        std::fs::remove_dir_all(dir).ok();
    }
}
