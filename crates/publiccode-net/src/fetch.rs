//! The HTTP fetcher: one per run, shared by every file and every check.
//!
//! It exists so that the network checks are *bounded and honest*:
//! - every connection goes through the SSRF guard ([`crate::guard`]), on every redirect
//!   hop, because redirects are followed here, one request per hop, not by the client;
//! - every request has a timeout, and the whole run has an optional deadline after
//!   which nothing new is started;
//! - at most `concurrency` requests run at once, and at most `per_host` to one host;
//! - bodies are read up to a cap and the connection is then dropped;
//! - one cache per run: a URL used by many files is fetched once (requests for the
//!   same URL wait for the first one instead of racing it);
//! - no cookies, no proxy, no credentials, except a per-host token
//!   ([`Tokens`]) sent only over HTTPS to exactly its host, and never shown.

use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

use url::Url;

use crate::guard::{GuardPolicy, GuardedResolver, Refusal};

/// The User-Agent sent with every request: the tool's name, version and home page, so
/// that site owners (and their firewalls) can tell what is calling.
pub const USER_AGENT: &str = concat!(
    "publiccode/",
    env!("CARGO_PKG_VERSION"),
    " (+https://github.com/publiccode-rs/publiccode)"
);

/// How the fetcher behaves. [`FetchOptions::default`] is what the CLI uses.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Longest a single request (all its redirect hops, body included) may take.
    pub timeout: Duration,
    /// When the whole run must be over: requests not started by then are not made,
    /// and running ones are cut at it.
    pub deadline: Option<Instant>,
    /// Redirects followed per request.
    pub max_redirects: usize,
    /// Most bytes of a body that are read.
    pub max_body: u64,
    /// Requests at once, over all hosts.
    pub concurrency: usize,
    /// Requests at once to one host.
    pub per_host: usize,
    /// The User-Agent header.
    pub user_agent: String,
    /// Which addresses may be contacted.
    pub guard: GuardPolicy,
    /// Per-host tokens for private forges.
    pub tokens: Tokens,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            timeout: Duration::from_secs(10),
            deadline: None,
            max_redirects: 10,
            max_body: 1 << 20,
            concurrency: 8,
            per_host: 2,
            user_agent: USER_AGENT.to_string(),
            guard: GuardPolicy::strict(),
            tokens: Tokens::default(),
        }
    }
}

/// Per-host bearer tokens for private forges, sent as `Authorization: Bearer …` only
/// over HTTPS and only to exactly their host (not to other hosts a redirect leads
/// to). The values are never printed: `Debug` shows only the variable names.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Tokens {
    /// By environment-variable name ([`Tokens::env_name`]).
    by_name: HashMap<String, String>,
}

impl std::fmt::Debug for Tokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut names: Vec<&String> = self.by_name.keys().collect();
        names.sort();
        f.debug_struct("Tokens")
            .field("variables", &names)
            .finish_non_exhaustive()
    }
}

/// Prefix of the environment variables that hold tokens; see [`Tokens::env_name`].
pub const TOKEN_ENV_PREFIX: &str = "PUBLICCODE_TOKEN_";

impl Tokens {
    /// No tokens.
    pub fn none() -> Tokens {
        Tokens::default()
    }

    /// Adds the token for `host` (a host name, compared case-insensitively); a host
    /// with characters other than letters, digits, `.` and `-` cannot have one.
    pub fn insert(&mut self, host: &str, token: impl Into<String>) {
        if let Some(name) = Tokens::env_name(host) {
            self.by_name.insert(name, token.into());
        }
    }

    /// The environment variable that holds the token of `host`: `PUBLICCODE_TOKEN_`
    /// and the host in capitals, with `.` written `_` and `-` written `__`, so that no
    /// two host names share a variable (`gitlab.example.org` →
    /// `PUBLICCODE_TOKEN_GITLAB_EXAMPLE_ORG`, `git-lab.example.org` →
    /// `PUBLICCODE_TOKEN_GIT__LAB_EXAMPLE_ORG`). `None` for other characters.
    pub fn env_name(host: &str) -> Option<String> {
        let mut s = String::from(TOKEN_ENV_PREFIX);
        let host = host.trim_end_matches('.');
        if host.is_empty() {
            return None;
        }
        for c in host.chars() {
            match c {
                'a'..='z' | 'A'..='Z' | '0'..='9' => s.push(c.to_ascii_uppercase()),
                '.' => s.push('_'),
                '-' => s.push_str("__"),
                _ => return None,
            }
        }
        Some(s)
    }

    /// Every `PUBLICCODE_TOKEN_*` variable of the environment.
    pub fn from_env() -> Tokens {
        Tokens::from_vars(std::env::vars())
    }

    /// The `PUBLICCODE_TOKEN_*` entries of `vars` (name, value); empty values are
    /// ignored.
    pub fn from_vars(vars: impl IntoIterator<Item = (String, String)>) -> Tokens {
        Tokens {
            by_name: vars
                .into_iter()
                .filter(|(k, v)| k.starts_with(TOKEN_ENV_PREFIX) && !v.trim().is_empty())
                .map(|(k, v)| (k, v.trim().to_string()))
                .collect(),
        }
    }

    /// The token to send to `url`: only over HTTPS, only to exactly its host.
    pub fn for_url(&self, url: &Url) -> Option<&str> {
        if url.scheme() != "https" {
            return None;
        }
        let name = Tokens::env_name(url.host_str()?)?;
        self.by_name.get(&name).map(String::as_str)
    }

    /// Whether no token is configured.
    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }
}

/// Which request to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `HEAD`.
    Head,
    /// `GET`, with `Range: bytes=0-(n-1)` when `Some(n)`.
    Get(Option<u64>),
}

/// A response after redirects: status, selected headers and the first bytes of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The final status code.
    pub status: u16,
    /// The URL that answered (after redirects).
    pub url: Url,
    /// The redirect hops followed, in order (empty when there was none).
    pub redirects: Vec<Url>,
    /// Response headers, names in lowercase.
    pub headers: Vec<(String, String)>,
    /// The body, at most the cap (empty for `HEAD`).
    pub body: Vec<u8>,
    /// Whether the body was longer than what was read.
    pub truncated: bool,
}

impl Response {
    /// The first value of header `name` (lowercase).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The media type without parameters, lowercase (`text/html`).
    pub fn content_type(&self) -> Option<String> {
        self.header("content-type").map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
    }

    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Why a request produced no response.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FetchError {
    /// The URL cannot be fetched (not http/https, no host).
    BadUrl(String),
    /// The SSRF guard refused an address (on the first hop or after a redirect).
    Refused {
        /// The URL whose host was refused.
        url: String,
        /// What was refused and why.
        refusal: Refusal,
    },
    /// The host name does not resolve.
    Dns {
        /// The host.
        host: String,
    },
    /// The request took longer than the timeout.
    Timeout {
        /// The limit that was hit.
        after: Duration,
    },
    /// The run's deadline was reached before or during the request.
    Deadline,
    /// More redirects than the limit.
    TooManyRedirects {
        /// The limit.
        limit: usize,
    },
    /// A redirect led back to a URL already visited.
    RedirectLoop {
        /// The URL seen twice.
        url: String,
    },
    /// A redirect without a usable `Location`, or to another scheme.
    BadRedirect(String),
    /// The connection failed (refused, reset, TLS).
    Connect(String),
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FetchError::BadUrl(m) => write!(f, "cannot be fetched: {m}"),
            FetchError::Refused { url, refusal } => {
                write!(f, "not contacted: {refusal} ({url})")
            }
            FetchError::Dns { host } => write!(f, "host {host} not found (DNS)"),
            FetchError::Timeout { after } => {
                write!(f, "timed out after {}", human_duration(*after))
            }
            FetchError::Deadline => f.write_str("not checked: the overall deadline was reached"),
            FetchError::TooManyRedirects { limit } => {
                write!(f, "more than {limit} redirects")
            }
            FetchError::RedirectLoop { url } => write!(f, "redirect loop at {url}"),
            FetchError::BadRedirect(m) => write!(f, "bad redirect: {m}"),
            FetchError::Connect(m) => write!(f, "connection failed: {m}"),
        }
    }
}

impl std::error::Error for FetchError {}

/// "1.5 s", "10 s", "250 ms".
pub fn human_duration(d: Duration) -> String {
    if d.as_millis() < 1000 {
        format!("{} ms", d.as_millis())
    } else if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

type Cached = Arc<OnceLock<Result<Response, FetchError>>>;

/// The fetcher. Create one per run and share it (`&Fetcher` is `Sync`).
pub struct Fetcher {
    agent: ureq::Agent,
    opts: FetchOptions,
    cache: Mutex<HashMap<(Method, String), Cached>>,
    limiter: Limiter,
    requests: std::sync::atomic::AtomicUsize,
}

impl std::fmt::Debug for Fetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fetcher")
            .field("opts", &self.opts)
            .finish_non_exhaustive()
    }
}

impl Fetcher {
    /// A fetcher with `opts`. No socket is opened until a request is made.
    pub fn new(opts: FetchOptions) -> Fetcher {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .proxy(None)
            .user_agent(opts.user_agent.as_str())
            .max_response_header_size(64 * 1024)
            .max_idle_connections_per_host(opts.per_host.max(1))
            .build();
        let agent = ureq::Agent::with_parts(
            config,
            ureq::unversioned::transport::DefaultConnector::default(),
            GuardedResolver::new(opts.guard.clone()),
        );
        Fetcher {
            agent,
            limiter: Limiter::new(opts.concurrency.max(1), opts.per_host.max(1)),
            opts,
            cache: Mutex::new(HashMap::new()),
            requests: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// The options.
    pub fn options(&self) -> &FetchOptions {
        &self.opts
    }

    /// How many HTTP requests (hops) were sent so far; cached answers are not counted.
    pub fn requests_sent(&self) -> usize {
        self.requests.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Whether the run's deadline has passed.
    pub fn past_deadline(&self) -> bool {
        self.opts.deadline.is_some_and(|d| Instant::now() >= d)
    }

    /// Fetches `url` with `method`, following redirects; answers from the run's cache
    /// when the same request was made before.
    pub fn fetch(&self, url: &Url, method: Method) -> Result<Response, FetchError> {
        let cell = {
            let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
            cache
                .entry((method, url.as_str().to_string()))
                .or_default()
                .clone()
        };
        cell.get_or_init(|| self.fetch_uncached(url, method))
            .clone()
    }

    /// Fetches `url` without the run's cache: for a retry after a transient failure
    /// (a timeout, a 429 or a 5xx), which the cache would otherwise answer again.
    pub fn fetch_fresh(&self, url: &Url, method: Method) -> Result<Response, FetchError> {
        self.fetch_uncached(url, method)
    }

    fn fetch_uncached(&self, url: &Url, method: Method) -> Result<Response, FetchError> {
        if url.scheme() == "git" {
            return self.git_daemon(url);
        }
        let mut current = url.clone();
        let mut redirects: Vec<Url> = Vec::new();
        loop {
            if !matches!(current.scheme(), "http" | "https") {
                return Err(FetchError::BadUrl(format!(
                    "{} is not an http(s) URL",
                    current
                )));
            }
            let host = current
                .host_str()
                .ok_or_else(|| FetchError::BadUrl(format!("{current} has no host")))?
                .to_string();
            let response = self.one_hop(&current, &host, method)?;
            let is_redirect = matches!(response.status, 301 | 302 | 303 | 307 | 308);
            if !is_redirect {
                return Ok(Response {
                    redirects,
                    ..response
                });
            }
            let Some(location) = response.header("location") else {
                return Ok(Response {
                    redirects,
                    ..response
                });
            };
            let next = current
                .join(location)
                .map_err(|e| FetchError::BadRedirect(format!("{location}: {e}")))?;
            if !matches!(next.scheme(), "http" | "https") {
                return Err(FetchError::BadRedirect(format!(
                    "to a {} URL ({next})",
                    next.scheme()
                )));
            }
            if next == *url || redirects.contains(&next) {
                return Err(FetchError::RedirectLoop {
                    url: next.to_string(),
                });
            }
            if redirects.len() >= self.opts.max_redirects {
                return Err(FetchError::TooManyRedirects {
                    limit: self.opts.max_redirects,
                });
            }
            redirects.push(next.clone());
            current = next;
        }
    }

    /// Asks a `git://` server (git daemon) for the reference advertisement of the
    /// repository at `url`. The answer is returned as a response with status 200 whose
    /// body is the advertisement (pkt-lines), or 404 when the server answers `ERR`.
    /// The same guard, limits, timeout and deadline apply as to HTTP.
    fn git_daemon(&self, url: &Url) -> Result<Response, FetchError> {
        use std::io::{Read, Write};
        let host = url
            .host_str()
            .ok_or_else(|| FetchError::BadUrl(format!("{url} has no host")))?
            .to_string();
        let port = url.port().unwrap_or(9418);
        let attempt = self.begin(&host)?;
        let (budget, started) = (attempt.budget, attempt.started);
        let timed_out = || attempt.timed_out();
        let addrs =
            crate::guard::resolve(&self.opts.guard, &host, port, budget).map_err(|e| match e {
                crate::guard::ResolveError::Refused(refusal) => FetchError::Refused {
                    url: url.to_string(),
                    refusal,
                },
                crate::guard::ResolveError::NotFound => FetchError::Dns { host: host.clone() },
                crate::guard::ResolveError::Timeout => timed_out(),
            })?;
        self.requests
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut stream = match connect_any(&addrs, budget, started) {
            Ok(s) => s,
            Err(Some(e)) if e.kind() == std::io::ErrorKind::TimedOut => return Err(timed_out()),
            Err(Some(e)) => return Err(FetchError::Connect(e.to_string())),
            Err(None) => return Err(FetchError::Dns { host }),
        };
        let io = |e: std::io::Error| {
            if matches!(
                e.kind(),
                std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
            ) {
                timed_out()
            } else {
                FetchError::Connect(e.to_string())
            }
        };
        let left = budget
            .saturating_sub(started.elapsed())
            .max(Duration::from_millis(1));
        stream.set_read_timeout(Some(left)).map_err(io)?;
        stream.set_write_timeout(Some(left)).map_err(io)?;
        stream
            .write_all(upload_pack_request(url, &host).as_bytes())
            .map_err(io)?;
        let cap = self.opts.max_body.min(64 * 1024);
        let body = read_advertisement((&mut stream).take(cap), budget, started).map_err(io)?;
        // Tell the server we want nothing (a flush), then hang up.
        let _ = stream.write_all(b"0000");
        let status = if body.get(4..8) == Some(b"ERR ") || body.is_empty() {
            404
        } else {
            200
        };
        Ok(Response {
            status,
            url: url.clone(),
            redirects: Vec::new(),
            headers: Vec::new(),
            truncated: body.len() as u64 >= cap,
            body,
        })
    }

    /// Starts one request to `host` (HTTP or git daemon alike): waits for the host's
    /// slot, then gives it the time left, the timeout or less when the deadline is nearer.
    fn begin(&self, host: &str) -> Result<Attempt<'_>, FetchError> {
        let permit = self
            .limiter
            .acquire(host, self.opts.deadline)
            .ok_or(FetchError::Deadline)?;
        let timeout = self.opts.timeout;
        let (budget, by_deadline) = match self.opts.deadline {
            Some(d) => {
                let left = d.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    return Err(FetchError::Deadline);
                }
                if left < timeout {
                    (left, true)
                } else {
                    (timeout, false)
                }
            }
            None => (timeout, false),
        };
        Ok(Attempt {
            _permit: permit,
            budget,
            by_deadline,
            timeout,
            started: Instant::now(),
        })
    }

    /// Sends one request (with the URL's token and, for a ranged GET, the range),
    /// bounded by `budget`.
    fn send(
        &self,
        url: &Url,
        method: Method,
        budget: Duration,
    ) -> Result<ureq::http::Response<ureq::Body>, ureq::Error> {
        let token = self.opts.tokens.for_url(url);
        match method {
            Method::Head => {
                let mut req = self.agent.head(url.as_str());
                if let Some(t) = token {
                    req = req.header("Authorization", format!("Bearer {t}"));
                }
                req.config().timeout_global(Some(budget)).build().call()
            }
            Method::Get(range) => {
                let mut req = self.agent.get(url.as_str());
                if let Some(n) = range {
                    req = req.header("Range", format!("bytes=0-{}", n.saturating_sub(1)));
                }
                if let Some(t) = token {
                    req = req.header("Authorization", format!("Bearer {t}"));
                }
                req.config().timeout_global(Some(budget)).build().call()
            }
        }
    }

    fn one_hop(&self, url: &Url, host: &str, method: Method) -> Result<Response, FetchError> {
        let attempt = self.begin(host)?;
        let (budget, started) = (attempt.budget, attempt.started);
        let timed_out = || attempt.timed_out();
        self.requests
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut resp = match self.send(url, method, budget) {
            Ok(r) => r,
            Err(e) => return Err(map_error(e, url, host, &timed_out)),
        };
        let status = resp.status().as_u16();
        let headers = header_pairs(resp.headers());
        let mut body = Vec::new();
        let mut truncated = false;
        let wants_body =
            matches!(method, Method::Get(_)) && !matches!(status, 301 | 302 | 303 | 307 | 308);
        if wants_body {
            use std::io::Read;
            let cap = match method {
                Method::Get(Some(n)) => n.min(self.opts.max_body),
                _ => self.opts.max_body,
            };
            let mut reader = resp.body_mut().as_reader().take(cap + 1);
            if let Err(e) = reader.read_to_end(&mut body) {
                if e.kind() == std::io::ErrorKind::TimedOut
                    || started.elapsed() >= budget
                    || e.to_string().contains("timeout")
                {
                    return Err(timed_out());
                }
                return Err(FetchError::Connect(format!("reading the body: {e}")));
            }
            if body.len() as u64 > cap {
                body.truncate(cap as usize);
                truncated = true;
            }
        }
        Ok(Response {
            status,
            url: url.clone(),
            redirects: Vec::new(),
            headers,
            body,
            truncated,
        })
    }
}

/// Connects to the first address that answers within what is left of `budget`: the
/// last connection error (a time-out one when the budget ran out), or none when there
/// was no address.
fn connect_any(
    addrs: &[std::net::SocketAddr],
    budget: Duration,
    started: Instant,
) -> Result<std::net::TcpStream, Option<std::io::Error>> {
    let mut last = None;
    for a in addrs {
        let left = budget.saturating_sub(started.elapsed());
        if left.is_zero() {
            return Err(Some(std::io::ErrorKind::TimedOut.into()));
        }
        match std::net::TcpStream::connect_timeout(a, left) {
            Ok(s) => return Ok(s),
            Err(e) => last = Some(e),
        }
    }
    Err(last)
}

/// The git protocol's first pkt-line: `git-upload-pack` for the URL's path and host.
fn upload_pack_request(url: &Url, host: &str) -> String {
    let path = if url.path().is_empty() {
        "/"
    } else {
        url.path()
    };
    let host_param = match url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.to_string(),
    };
    let payload = format!("git-upload-pack {path}\0host={host_param}\0");
    format!("{:04x}{payload}", payload.len() + 4)
}

/// Reads until the first flush packet (end of the advertisement), the end of `reader`
/// (its cap) or the budget, which is a time-out error.
fn read_advertisement(
    mut reader: impl std::io::Read,
    budget: Duration,
    started: Instant,
) -> std::io::Result<Vec<u8>> {
    let mut body = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        if started.elapsed() >= budget {
            return Err(std::io::ErrorKind::TimedOut.into());
        }
        let n = reader.read(&mut buf)?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&buf[..n]);
        if body.ends_with(b"0000") {
            break;
        }
    }
    Ok(body)
}

/// A response's headers as (lower-case name, value) pairs.
fn header_pairs(headers: &ureq::http::HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_ascii_lowercase(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect()
}

fn map_error(
    e: ureq::Error,
    url: &Url,
    host: &str,
    timed_out: &dyn Fn() -> FetchError,
) -> FetchError {
    match e {
        ureq::Error::Other(inner) => match inner.downcast::<Refusal>() {
            Ok(refusal) => FetchError::Refused {
                url: url.to_string(),
                refusal: *refusal,
            },
            Err(other) => FetchError::Connect(other.to_string()),
        },
        ureq::Error::HostNotFound => FetchError::Dns {
            host: host.to_string(),
        },
        ureq::Error::Timeout(_) => timed_out(),
        ureq::Error::Io(io) => {
            let text = io.to_string();
            if io.kind() == std::io::ErrorKind::TimedOut {
                timed_out()
            } else if text.contains("failed to lookup address")
                || text.contains("Name or service not known")
                || text.contains("No address associated")
                || text.contains("nodename nor servname")
            {
                FetchError::Dns {
                    host: host.to_string(),
                }
            } else {
                FetchError::Connect(text)
            }
        }
        other => FetchError::Connect(other.to_string()),
    }
}

/// Bounds requests in flight, in total and per host.
struct Limiter {
    total: usize,
    per_host: usize,
    state: Mutex<(usize, HashMap<String, usize>)>,
    freed: Condvar,
}

/// One request under the limits: its host's slot (freed when the request ends), the
/// time it may take, and the error it gives when that time runs out.
struct Attempt<'a> {
    _permit: Permit<'a>,
    budget: Duration,
    /// The budget is what was left before the run's deadline (not the timeout).
    by_deadline: bool,
    timeout: Duration,
    started: Instant,
}

impl Attempt<'_> {
    /// The error of running out of time: the run's deadline, or this request's timeout.
    fn timed_out(&self) -> FetchError {
        if self.by_deadline {
            FetchError::Deadline
        } else {
            FetchError::Timeout {
                after: self.timeout,
            }
        }
    }
}

/// A slot in the [`Limiter`]; freed on drop.
struct Permit<'a> {
    limiter: &'a Limiter,
    host: String,
}

impl Limiter {
    fn new(total: usize, per_host: usize) -> Limiter {
        Limiter {
            total,
            per_host,
            state: Mutex::new((0, HashMap::new())),
            freed: Condvar::new(),
        }
    }

    /// Waits for a slot, until `deadline` at most (`None` when it passed).
    fn acquire(&self, host: &str, deadline: Option<Instant>) -> Option<Permit<'_>> {
        let host = host.to_ascii_lowercase();
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            let on_host = st.1.get(&host).copied().unwrap_or(0);
            if st.0 < self.total && on_host < self.per_host {
                st.0 += 1;
                *st.1.entry(host.clone()).or_insert(0) += 1;
                return Some(Permit {
                    limiter: self,
                    host,
                });
            }
            st = match deadline {
                Some(d) => {
                    let left = d.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        return None;
                    }
                    self.freed
                        .wait_timeout(st, left)
                        .unwrap_or_else(|e| e.into_inner())
                        .0
                }
                None => self.freed.wait(st).unwrap_or_else(|e| e.into_inner()),
            };
        }
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let mut st = self.limiter.state.lock().unwrap_or_else(|e| e.into_inner());
        st.0 = st.0.saturating_sub(1);
        if let Some(n) = st.1.get_mut(&self.host) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                st.1.remove(&self.host);
            }
        }
        drop(st);
        self.limiter.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_only_over_https_to_its_host() {
        let mut t = Tokens::none();
        t.insert("GitLab.Example.org", "s3cret");
        let u = |s: &str| Url::parse(s).unwrap_or_else(|_| unreachable!());
        assert_eq!(
            t.for_url(&u("https://gitlab.example.org/a/b")),
            Some("s3cret")
        );
        assert_eq!(t.for_url(&u("http://gitlab.example.org/a/b")), None);
        assert_eq!(t.for_url(&u("https://evil.example.org/a/b")), None);
        assert_eq!(t.for_url(&u("https://gitlab.example.org.evil.org/")), None);
        assert_eq!(t.for_url(&u("https://gitlab-example.org/a/b")), None);
        assert!(!format!("{t:?}").contains("s3cret"));
        assert_eq!(
            Tokens::env_name("gitlab.example.org").as_deref(),
            Some("PUBLICCODE_TOKEN_GITLAB_EXAMPLE_ORG")
        );
        assert_eq!(
            Tokens::env_name("git-lab.example.org").as_deref(),
            Some("PUBLICCODE_TOKEN_GIT__LAB_EXAMPLE_ORG")
        );
        assert_eq!(Tokens::env_name("a_b.org"), None);
        let t = Tokens::from_vars([
            (
                "PUBLICCODE_TOKEN_GIT__LAB_EXAMPLE_ORG".to_string(),
                " t1 ".to_string(),
            ),
            ("HOME".to_string(), "/root".to_string()),
            ("PUBLICCODE_TOKEN_EMPTY_ORG".to_string(), "".to_string()),
        ]);
        assert_eq!(t.for_url(&u("https://git-lab.example.org/")), Some("t1"));
        assert_eq!(t.for_url(&u("https://git.lab.example.org/")), None);
        assert_eq!(t.for_url(&u("https://empty.org/")), None);
    }

    #[test]
    fn durations_read_well() {
        assert_eq!(human_duration(Duration::from_millis(250)), "250 ms");
        assert_eq!(human_duration(Duration::from_secs(10)), "10 s");
        assert_eq!(human_duration(Duration::from_millis(1500)), "1.5 s");
    }

    #[test]
    fn user_agent_names_tool_and_version() {
        assert!(USER_AGENT.starts_with(&format!("publiccode/{}", env!("CARGO_PKG_VERSION"))));
    }
}
