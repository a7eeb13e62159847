//! Network checks for publiccode.yml, done safely: links reachable, `url` a repository,
//! remote logos and screenshots real images, videos embeddable.
//!
//! This crate is the only place of the toolkit that opens sockets, so that the core
//! (`publiccode`) stays free of I/O and builds for wasm32, and so that "offline" has
//! one gate: nothing here runs unless a [`NetChecker`] is created and called.
//!
//! - [`guard`]: the SSRF guard, checking every resolved address of every redirect hop
//!   before connecting, and IP literals in every notation.
//! - [`fetch`]: the HTTP fetcher (redirects followed one hop at a time, timeouts, a
//!   deadline, bounded concurrency per host, capped bodies, one cache per run, no
//!   credentials but an explicit per-host token).
//! - [`probe`]: honest verdicts (404 is an error; 401/403/429/challenge pages are
//!   "could not verify").
//! - [`forge`]: forge URL rules (GitHub, GitLab, Bitbucket, Gitea/Forgejo, Azure
//!   DevOps, plain git), pure functions reusable by crawlers.
//! - [`oembed`]: video providers' oEmbed endpoints.
//! - [`rules`]: the `PN` rule codes.
//!
//! ```no_run
//! use publiccode_net::{NetChecker, NetOptions, FileContext};
//! let checker = NetChecker::new(NetOptions::default());
//! let report = publiccode::validate_str("publiccodeYmlVersion: \"0.4\"\n", &Default::default());
//! let diagnostics = checker.check(&report, &FileContext::default());
//! # let _ = diagnostics;
//! ```

pub mod check;
pub mod fetch;
pub mod forge;
pub mod guard;
pub mod oembed;
pub mod probe;
pub mod rules;

pub use check::FileContext;
pub use fetch::{FetchError, FetchOptions, Fetcher, Method, Response, Tokens, USER_AGENT};
pub use guard::{BlockReason, GuardPolicy, Refusal, parse_ip_literal};
pub use rules::RULES;

use publiccode::{Diagnostic, Report};

/// Options of a run of network checks.
#[derive(Debug, Clone, Default)]
pub struct NetOptions {
    /// The fetcher's limits, guard and tokens.
    pub fetch: FetchOptions,
    /// Relative logo and screenshot paths are resolved against this URL (for every
    /// file, unless its [`FileContext`] gives its own).
    pub base_url: Option<url::Url>,
    /// Every video is checked at this oEmbed endpoint instead of its provider's (a
    /// local stub in tests, a caching proxy in production).
    pub oembed_endpoint: Option<url::Url>,
}

/// The network checks of one run: holds the fetcher (and so the run's cache and
/// limits). Create one per run and share it between threads.
#[derive(Debug)]
pub struct NetChecker {
    fetcher: Fetcher,
    base_url: Option<url::Url>,
    oembed_endpoint: Option<url::Url>,
}

impl NetChecker {
    /// A checker; no socket is opened until [`NetChecker::check`] is called.
    pub fn new(options: NetOptions) -> NetChecker {
        NetChecker {
            fetcher: Fetcher::new(options.fetch),
            base_url: options.base_url,
            oembed_endpoint: options.oembed_endpoint,
        }
    }

    /// The fetcher, for callers that fetch more than the checks do (a crawler
    /// downloading descriptors, say) under the same guard, limits and cache.
    pub fn fetcher(&self) -> &Fetcher {
        &self.fetcher
    }

    /// Runs the network checks on one validated descriptor, returning diagnostics
    /// with the `PN` codes of [`rules`], in document order.
    pub fn check(&self, report: &Report, cx: &FileContext) -> Vec<Diagnostic> {
        let cx = FileContext {
            remote_relative: cx.remote_relative,
            base_url: cx.base_url.clone().or_else(|| self.base_url.clone()),
            oembed_endpoint: cx
                .oembed_endpoint
                .clone()
                .or_else(|| self.oembed_endpoint.clone()),
        };
        check::check_report(&self.fetcher, report, &cx)
    }
}

/// The network checks as an extension of the checking engine
/// ([`publiccode_check::Checker::with_extension`]): relative image paths are checked
/// remotely when the engine did not check them as local files.
impl publiccode_check::Extension for NetChecker {
    fn check(
        &self,
        report: &Report,
        cx: &publiccode_check::ExtensionContext<'_>,
    ) -> Vec<Diagnostic> {
        NetChecker::check(
            self,
            report,
            &FileContext {
                remote_relative: !cx.local_files,
                ..FileContext::default()
            },
        )
    }
}
