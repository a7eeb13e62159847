//! Web sources through the network crate: raw descriptor URLs and repository pages
//! fetched with its SSRF guard, size caps, timeouts and per-host limits, retried with
//! backoff when the failure is transient; and the guard's approval of a git remote's
//! address before a clone.

use std::net::{SocketAddr, ToSocketAddrs};
use std::time::Duration;

use publiccode_net::{FetchError, Fetcher, GuardPolicy, Method, Response, forge};
use url::Url;

use crate::source::Fetch;

/// Branches tried, in order, for a repository page whose default branch is unknown
/// (`HEAD` is understood by GitHub and GitLab raw URLs).
const BRANCHES: &[&str] = &["HEAD", "main", "master"];

/// [`Fetch`] on top of a [`Fetcher`].
pub struct NetFetch {
    fetcher: Fetcher,
    guard: GuardPolicy,
    /// Extra attempts after a transient failure.
    pub retries: u32,
    /// The first wait; doubled at each attempt (a `Retry-After` up to 30 s wins).
    pub backoff: Duration,
}

impl NetFetch {
    /// A fetcher for a run; `guard` is also applied to git remotes.
    pub fn new(fetcher: Fetcher) -> NetFetch {
        let guard = fetcher.options().guard.clone();
        NetFetch {
            fetcher,
            guard,
            retries: 3,
            backoff: Duration::from_millis(250),
        }
    }

    /// The underlying fetcher (for its request count).
    pub fn fetcher(&self) -> &Fetcher {
        &self.fetcher
    }
}

enum Attempt {
    Done(Result<Vec<u8>, String>),
    Retry(String, Option<Duration>),
}

fn judge(r: Result<Response, FetchError>, max: usize) -> Attempt {
    match r {
        Ok(resp) if resp.is_success() => {
            if resp.truncated || resp.body.len() > max {
                Attempt::Done(Err(format!("larger than the limit of {max} bytes")))
            } else {
                Attempt::Done(Ok(resp.body))
            }
        }
        Ok(resp) if resp.status == 429 || resp.status >= 500 => {
            let wait = resp
                .header("retry-after")
                .and_then(|v| v.trim().parse::<u64>().ok())
                .map(|s| Duration::from_secs(s.min(30)));
            Attempt::Retry(format!("HTTP {}", resp.status), wait)
        }
        Ok(resp) => Attempt::Done(Err(format!("HTTP {}", resp.status))),
        Err(e @ (FetchError::Timeout { .. } | FetchError::Connect(_))) => {
            Attempt::Retry(e.to_string(), None)
        }
        Err(e) => Attempt::Done(Err(e.to_string())),
    }
}

impl Fetch for NetFetch {
    fn get(&self, url: &str, max: usize) -> Result<Vec<u8>, String> {
        let u = Url::parse(url).map_err(|e| format!("{url}: {e}"))?;
        let mut wait = self.backoff;
        let mut attempt = 0;
        loop {
            let r = if attempt == 0 {
                self.fetcher.fetch(&u, Method::Get(None))
            } else {
                self.fetcher.fetch_fresh(&u, Method::Get(None))
            };
            match judge(r, max) {
                Attempt::Done(r) => return r,
                Attempt::Retry(why, after) => {
                    if attempt >= self.retries || self.fetcher.past_deadline() {
                        let tries = attempt + 1;
                        return Err(format!("{why} ({tries} attempts)"));
                    }
                    std::thread::sleep(after.unwrap_or(wait));
                    wait *= 2;
                    attempt += 1;
                }
            }
        }
    }

    fn raw_candidates(&self, repo_url: &str) -> Vec<String> {
        let Ok(u) = Url::parse(repo_url) else {
            return Vec::new();
        };
        let Some(repo) = forge::parse_repo(&u) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for branch in BRANCHES {
            for name in crate::source::DESCRIPTOR_NAMES {
                if let Some(raw) = forge::raw_file_url(&repo, branch, name) {
                    out.push(raw.to_string());
                }
            }
        }
        out
    }

    fn approve_git(&self, url: &str) -> Result<Vec<String>, String> {
        approve(&self.guard, url)
    }
}

/// Checks every address a git remote's host resolves to with the guard, and returns
/// `host:port:address` pins so that git connects to exactly those (for http(s); `git://`
/// cannot be pinned, so its name is resolved by git again).
pub fn approve(guard: &GuardPolicy, url: &str) -> Result<Vec<String>, String> {
    if url.starts_with("ssh://") || (!url.contains("://") && url.contains('@')) {
        return Err("ssh remotes are not read: they need credentials".into());
    }
    let u = Url::parse(url).map_err(|e| format!("{url}: {e}"))?;
    let port = match (u.scheme(), u.port()) {
        (_, Some(p)) => p,
        ("https", None) => 443,
        ("http", None) => 80,
        ("git", None) => 9418,
        (s, None) => {
            return Err(format!(
                "{s}: remotes are read over http(s) and git:// only"
            ));
        }
    };
    let host = u.host_str().ok_or_else(|| format!("{url}: no host"))?;
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    guard.check_name(bare).map_err(|r| r.to_string())?;
    let addrs: Vec<SocketAddr> = (bare, port)
        .to_socket_addrs()
        .map_err(|_| format!("host {bare} not found (DNS)"))?
        .collect();
    if addrs.is_empty() {
        return Err(format!("host {bare} not found (DNS)"));
    }
    for a in &addrs {
        guard.check(bare, *a).map_err(|r| r.to_string())?;
    }
    if !matches!(u.scheme(), "http" | "https") {
        return Ok(Vec::new());
    }
    Ok(addrs
        .iter()
        .map(|a| match a {
            SocketAddr::V4(v4) => format!("{bare}:{port}:{}", v4.ip()),
            SocketAddr::V6(v6) => format!("{bare}:{port}:[{}]", v6.ip()),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_remotes_are_refused() {
        let strict = GuardPolicy::strict();
        for url in [
            "git://127.0.0.1/r.git",
            "http://127.0.0.1:8080/r.git",
            "https://169.254.169.254/r.git",
            "http://[::1]/r.git",
            "git://localhost/r.git",
            "http://2130706433/r.git",
        ] {
            assert!(approve(&strict, url).is_err(), "{url}");
        }
        assert!(approve(&strict, "ssh://git@host/r.git").is_err());
        let pins = approve(&GuardPolicy::allow_all(), "http://127.0.0.1:8080/r.git")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(pins, ["127.0.0.1:8080:127.0.0.1"]);
    }
}
