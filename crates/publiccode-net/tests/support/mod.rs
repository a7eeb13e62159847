//! A tiny HTTP/1.1 server on 127.0.0.1 for the network tests: one thread per
//! connection, `Connection: close`, a handler closure per server, and counters of
//! connections, requests and requests in flight.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A request as the handler sees it.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub query: String,
    pub headers: Vec<(String, String)>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What to answer.
pub enum Reply {
    /// Status, headers, body.
    Full(u16, Vec<(String, String)>, Vec<u8>),
    /// Sleep, then answer.
    Slow(Duration, Box<Reply>),
    /// 200 with an endless stream of `n` bytes (no Content-Length).
    Huge(u64),
    /// 200 with headers at once, then one byte of body every interval, forever.
    Trickle(Duration),
    /// Run `git http-backend` as a CGI with this project root.
    Git(std::path::PathBuf),
}

pub fn reply(status: u16, headers: &[(&str, &str)], body: impl Into<Vec<u8>>) -> Reply {
    Reply::Full(
        status,
        headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        body.into(),
    )
}

#[derive(Default)]
pub struct Stats {
    pub connections: AtomicUsize,
    pub in_flight: AtomicUsize,
    pub max_in_flight: AtomicUsize,
    pub requests: Mutex<Vec<Request>>,
}

pub struct Server {
    pub addr: SocketAddr,
    pub stats: Arc<Stats>,
}

impl Server {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub fn connections(&self) -> usize {
        self.stats.connections.load(Ordering::SeqCst)
    }

    pub fn requests(&self) -> Vec<Request> {
        self.stats.requests.lock().unwrap().clone()
    }
}

pub fn serve<F>(handler: F) -> Server
where
    F: Fn(&Request) -> Reply + Send + Sync + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let addr = listener.local_addr().unwrap();
    let stats = Arc::new(Stats::default());
    let handler = Arc::new(handler);
    let st = stats.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            st.connections.fetch_add(1, Ordering::SeqCst);
            let handler = handler.clone();
            let st = st.clone();
            std::thread::spawn(move || {
                let _ = handle(stream, &*handler, &st);
            });
        }
    });
    Server { addr, stats }
}

fn handle<F>(stream: TcpStream, handler: &F, st: &Stats) -> std::io::Result<()>
where
    F: Fn(&Request) -> Reply,
{
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("").to_string();
    let target = parts.next().unwrap_or("/").to_string();
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p.to_string(), q.to_string()),
        None => (target.clone(), String::new()),
    };
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h == "\r\n" || h == "\n" {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    let req = Request {
        method,
        path,
        query,
        headers,
    };
    st.requests.lock().unwrap().push(req.clone());
    let now = st.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    st.max_in_flight.fetch_max(now, Ordering::SeqCst);
    let mut answer = handler(&req);
    while let Reply::Slow(d, inner) = answer {
        std::thread::sleep(d);
        answer = *inner;
    }
    // Counted out before the answer is written: the client may start its next request
    // as soon as it has read this one.
    st.in_flight.fetch_sub(1, Ordering::SeqCst);
    write_reply(stream, &req, answer)
}

fn write_reply(mut stream: TcpStream, req: &Request, reply: Reply) -> std::io::Result<()> {
    match reply {
        Reply::Slow(d, inner) => {
            std::thread::sleep(d);
            write_reply(stream, req, *inner)
        }
        Reply::Full(status, headers, body) => {
            let mut head = format!("HTTP/1.1 {status} X\r\nConnection: close\r\n");
            for (k, v) in &headers {
                head.push_str(&format!("{k}: {v}\r\n"));
            }
            head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
            stream.write_all(head.as_bytes())?;
            if req.method != "HEAD" {
                stream.write_all(&body)?;
            }
            stream.flush()
        }
        Reply::Huge(n) => {
            stream.write_all(
                b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: image/png\r\n\r\n",
            )?;
            if req.method == "HEAD" {
                return Ok(());
            }
            let mut chunk = vec![b'x'; 64 * 1024];
            let png: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10";
            chunk[..png.len()].copy_from_slice(png);
            let mut sent = 0u64;
            while sent < n {
                stream.write_all(&chunk)?; // fails once the client hangs up
                sent += chunk.len() as u64;
                chunk[..png.len()].fill(b'x');
            }
            Ok(())
        }
        Reply::Trickle(every) => {
            stream.write_all(
                b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1000000\r\n\r\n",
            )?;
            loop {
                std::thread::sleep(every);
                stream.write_all(b"<")?;
                stream.flush()?;
            }
        }
        Reply::Git(root) => {
            let out = std::process::Command::new("git")
                .arg("http-backend")
                .env("GIT_PROJECT_ROOT", &root)
                .env("GIT_HTTP_EXPORT_ALL", "1")
                .env("PATH_INFO", &req.path)
                .env("QUERY_STRING", &req.query)
                .env("REQUEST_METHOD", &req.method)
                .env("REMOTE_ADDR", "127.0.0.1")
                .env("CONTENT_LENGTH", "0")
                .stdin(std::process::Stdio::null())
                .output()?;
            // CGI output: headers, a blank line, the body.
            let raw = out.stdout;
            let split = raw
                .windows(4)
                .position(|w| w == b"\r\n\r\n")
                .map(|i| (i, 4))
                .or_else(|| raw.windows(2).position(|w| w == b"\n\n").map(|i| (i, 2)));
            let (head, body) = match split {
                Some((i, n)) => (
                    String::from_utf8_lossy(&raw[..i]).to_string(),
                    raw[i + n..].to_vec(),
                ),
                None => (String::new(), raw.clone()),
            };
            let mut status = 200;
            let mut headers = Vec::new();
            for l in head.lines() {
                if let Some((k, v)) = l.split_once(':') {
                    if k.eq_ignore_ascii_case("status") {
                        status = v
                            .trim()
                            .split(' ')
                            .next()
                            .and_then(|s| s.parse().ok())
                            .unwrap_or(500);
                    } else {
                        headers.push((k.trim().to_string(), v.trim().to_string()));
                    }
                }
            }
            write_reply(stream, req, Reply::Full(status, headers, body))
        }
    }
}

/// Reads a whole body (for servers that must consume one).
pub fn drain(r: &mut impl Read) {
    let mut sink = Vec::new();
    let _ = r.read_to_end(&mut sink);
}

/// A bare git repository `repo.git` with one commit on branch `trunk`, under a
/// temporary directory; returns the project root.
pub fn git_project(name: &str) -> std::path::PathBuf {
    let root = std::env::temp_dir().join(format!(
        "publiccode-net-{name}-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    let work = root.join("work");
    std::fs::create_dir_all(&work).unwrap();
    let git = |dir: &std::path::Path, args: &[&str]| {
        let st = std::process::Command::new("git")
            .args(args)
            .current_dir(dir)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.org")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.org")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", dir)
            .output()
            .expect("git is installed");
        assert!(
            st.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&st.stderr)
        );
    };
    git(&work, &["init", "-q", "-b", "trunk"]);
    std::fs::write(work.join("README"), "hello\n").unwrap();
    git(&work, &["add", "README"]);
    git(&work, &["commit", "-q", "-m", "init"]);
    git(&root, &["clone", "-q", "--bare", "work", "repo.git"]);
    root
}
