//! Catalogue ingestion for publiccode.yml: read descriptors from many sources, check
//! them, and keep them in a catalogue (SQLite, embedded, or PostgreSQL, shared) with
//! their history, so that operators can list the good ones and tell maintainers what
//! went wrong with the others.
//!
//! ```no_run
//! use publiccode_ingest::{Catalogue, IngestOptions, ingest};
//! let mut catalogue = Catalogue::open("catalogue.sqlite")?;
//! let summary = ingest(&mut catalogue, &["repos/".to_string()], &IngestOptions::default(), &mut |_| {})?;
//! println!("{} descriptors, {} added", summary.counts.total(), summary.counts.added);
//! # Ok::<(), publiccode_ingest::Error>(())
//! ```

pub mod checks;
pub(crate) mod git;
pub(crate) mod publishers;
pub(crate) mod record;
pub mod report;
pub(crate) mod source;
pub mod store;
pub mod urlnorm;
pub(crate) mod web;

use std::time::Duration;

use publiccode_check::{CheckOptions, Checker, InputFormat};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

pub use checks::RULES;
pub use publishers::Publishers;
pub use source::Fetch;
pub use store::{Catalogue, Counts, Outcome, Processed};
pub use web::NetFetch;

/// What can go wrong while ingesting.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The SQLite catalogue.
    Sqlite(rusqlite::Error),
    /// The PostgreSQL catalogue.
    Postgres(postgres::Error),
    /// A source argument or list file.
    Source(String),
    /// Anything else.
    Other(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Sqlite(e) => write!(f, "catalogue (SQLite): {e}"),
            Error::Postgres(e) => match e.as_db_error() {
                Some(db) => write!(
                    f,
                    "catalogue (PostgreSQL): {}: {}",
                    db.severity(),
                    db.message()
                ),
                None => write!(f, "catalogue (PostgreSQL): {e}"),
            },
            Error::Source(e) | Error::Other(e) => f.write_str(e),
        }
    }
}

impl std::error::Error for Error {}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        Error::Sqlite(e)
    }
}

impl From<postgres::Error> for Error {
    fn from(e: postgres::Error) -> Error {
        Error::Postgres(e)
    }
}

/// How to ingest.
#[non_exhaustive]
pub struct IngestOptions<'a> {
    /// Read local folders and paths as git repositories (their default branch), not as
    /// folders to search.
    pub as_git: bool,
    /// List files of sources (`--list`), already read.
    pub lists: Vec<String>,
    /// The engine that checks every descriptor (profiles, licence policy); without
    /// one, the standard's rules alone.
    pub checker: Option<&'a Checker>,
    /// The publishers file, for the publisher check.
    pub publishers: Option<&'a Publishers>,
    /// Web fetches (with the network crate's guards); without it web sources fail.
    pub fetch: Option<&'a dyn Fetch>,
    /// Items handed to this process at a time.
    pub batch: usize,
    /// Claims older than this are taken to be abandoned and handed out again.
    pub lease: Duration,
    /// Largest descriptor read.
    pub max_bytes: usize,
    /// Git settings.
    pub git: git::GitOptions,
    /// Stop after this many batches (tests simulate a crash with it); `None` runs to the end.
    pub max_batches: Option<usize>,
    /// Items read at once: 0 means one per core for local sources, 16 when the run
    /// fetches from the network (where waiting, not computing, is the cost).
    pub jobs: usize,
}

impl Default for IngestOptions<'_> {
    fn default() -> Self {
        IngestOptions {
            as_git: false,
            lists: Vec::new(),
            checker: None,
            publishers: None,
            fetch: None,
            batch: 256,
            lease: Duration::from_secs(600),
            max_bytes: 1 << 20,
            git: git::GitOptions::default(),
            max_batches: None,
            jobs: 0,
        }
    }
}

impl<'a> IngestOptions<'a> {
    /// Sets the checker (its profiles and licence policy apply to every descriptor).
    pub fn with_checker(mut self, checker: &'a Checker) -> Self {
        self.checker = Some(checker);
        self
    }
    /// Sets the publishers file.
    pub fn with_publishers(mut self, publishers: &'a Publishers) -> Self {
        self.publishers = Some(publishers);
        self
    }
    /// Sets the web fetcher.
    pub fn with_fetch(mut self, fetch: &'a dyn Fetch) -> Self {
        self.fetch = Some(fetch);
        self
    }
}

/// What one `ingest` call did.
#[derive(Debug, Clone, serde::Serialize)]
#[non_exhaustive]
pub struct Summary {
    /// The run's id in the catalogue.
    pub run: i64,
    /// Whether an interrupted run was resumed.
    pub resumed: bool,
    /// Items queued for the run.
    pub queued: usize,
    /// What this process did.
    pub counts: Counts,
    /// Whether the run is complete (this process or another finished it).
    pub complete: bool,
}

/// An identifier for this process's claims: host, process id, start time.
fn worker_id() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_else(|_| "host".into());
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!("{host}:{}:{}:{n}", std::process::id(), store::now())
}

/// Whether a worker id names a process of this host that is gone.
fn worker_dead(worker: &str) -> bool {
    let mut parts = worker.splitn(3, ':');
    // host:pid:time:n
    let (Some(host), Some(pid)) = (parts.next(), parts.next()) else {
        return false;
    };
    let this = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_else(|_| "host".into());
    host == this
        && pid != std::process::id().to_string()
        && std::path::Path::new("/proc").is_dir()
        && !std::path::Path::new("/proc").join(pid).exists()
}

/// Ingests `sources` into the catalogue. Resumes the open run for the same sources, if
/// any. `progress` is called after every stored batch with this process's counts.
pub fn ingest(
    catalogue: &mut Catalogue,
    sources: &[String],
    opts: &IngestOptions<'_>,
    progress: &mut dyn FnMut(&Counts),
) -> Result<Summary, Error> {
    let items = expand_sources(sources, opts)?;
    let (key, queued) = run_key(&items);
    let described = if sources.len() + opts.lists.len() == 1 {
        sources.first().cloned().unwrap_or_else(|| "list".into())
    } else {
        format!("{} sources", sources.len() + opts.lists.len())
    };
    let (run, resumed) = catalogue.open_run(&key, &described)?;
    catalogue.enqueue(run, &items)?;
    reclaim_abandoned(catalogue, run, opts.lease)?;

    let worker = worker_id();
    let read_opts = source::ReadOptions {
        max_bytes: opts.max_bytes,
        git: opts.git.clone(),
        fetch: opts.fetch,
    };
    let remote = items.iter().any(|i| {
        i.starts_with("url:")
            || i.starts_with("repo:")
            || (i.starts_with("git:") && i.contains("://"))
    });
    let jobs = match opts.jobs {
        0 if remote => 16,
        0 => rayon::current_num_threads(),
        n => n,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| Error::Other(format!("cannot start {jobs} threads: {e}")))?;
    // Without a checker of the caller's, the standard's rules alone.
    let own;
    let checker = match opts.checker {
        Some(c) => c,
        None => {
            own = catalogue_checker(None);
            &own
        }
    };
    let mut counts = Counts::default();
    let mut batches = 0;
    loop {
        if opts.max_batches.is_some_and(|m| batches >= m) {
            break;
        }
        let claimed = catalogue.claim(run, &worker, opts.batch.max(1) as i64)?;
        if claimed.is_empty() {
            break;
        }
        let processed: Vec<Processed> = pool.install(|| {
            claimed
                .par_iter()
                .map(|item| process(item, &read_opts, checker, opts.publishers))
                .collect()
        });
        let c = catalogue.store(run, &worker, &processed)?;
        counts = add(counts, c);
        batches += 1;
        progress(&counts);
    }
    let complete = catalogue.close_run(run)? || catalogue.remaining(run)? == 0;
    Ok(Summary {
        run,
        resumed,
        queued,
        counts,
        complete,
    })
}

/// Every item the sources and lists name, in order.
fn expand_sources(sources: &[String], opts: &IngestOptions<'_>) -> Result<Vec<String>, Error> {
    let mut items = Vec::new();
    for s in sources {
        source::expand(s, opts.as_git, &mut items)?;
    }
    for l in &opts.lists {
        source::expand_list(l, &mut items)?;
    }
    if items.is_empty() {
        return Err(Error::Source("no sources given".into()));
    }
    Ok(items)
}

/// The run's key (a hash of the distinct items, so that the same sources resume the
/// same run) and the number of distinct items.
fn run_key(items: &[String]) -> (String, usize) {
    let mut key_items = items.to_vec();
    key_items.sort();
    key_items.dedup();
    let mut h = Sha256::new();
    for i in &key_items {
        h.update(i.as_bytes());
        h.update([0]);
    }
    let key = h
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>();
    (key, key_items.len())
}

fn reclaim_abandoned(catalogue: &mut Catalogue, run: i64, lease: Duration) -> Result<(), Error> {
    let before = chrono::Utc::now()
        - chrono::Duration::from_std(lease).unwrap_or_else(|_| chrono::Duration::seconds(600));
    catalogue.reclaim(run, &before.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string())?;
    let rows = catalogue.query(
        "SELECT DISTINCT worker FROM queue WHERE run_id = ?1 AND state = 'claimed'",
        &[run.into()],
    )?;
    for r in rows {
        let w = r.first().map(|v| v.text().to_string()).unwrap_or_default();
        if worker_dead(&w) {
            catalogue.query(
                "UPDATE queue SET state = 'pending', worker = '', claimed_at = '' \
                 WHERE run_id = ?1 AND state = 'claimed' AND worker = ?2 RETURNING item",
                &[run.into(), w.into()],
            )?;
        }
    }
    Ok(())
}

fn add(a: Counts, b: Counts) -> Counts {
    Counts {
        added: a.added + b.added,
        changed: a.changed + b.changed,
        unchanged: a.unchanged + b.unchanged,
        duplicate: a.duplicate + b.duplicate,
        failed: a.failed + b.failed,
        valid: a.valid + b.valid,
        invalid: a.invalid + b.invalid,
    }
}

/// The checker a catalogue uses: the same engine as `validate`, reading every input as
/// publiccode.yml, without the checks on the repository's own files (a catalogue judges
/// the descriptor, and web and git sources have no checkout).
pub fn catalogue_checker(policy: Option<publiccode_check::Policy>) -> Checker {
    let base = match policy {
        Some(p) => Checker::with_policy(p),
        None => Checker::new(),
    };
    base.with_options(
        CheckOptions::default()
            .with_input_format(Some(InputFormat::Publiccode))
            .with_local_checks(false),
    )
}

/// Reads and checks one item (never panics on any input).
pub fn process(
    item: &str,
    read: &source::ReadOptions<'_>,
    checker: &Checker,
    publishers: Option<&Publishers>,
) -> Processed {
    let (found, bytes) = match source::read(item, read) {
        Ok(x) => x,
        Err(message) => {
            return Processed::Failed {
                item: item.to_string(),
                message,
            };
        }
    };
    let (report, tree) = checker.check_parsed(&found.source, &bytes);
    Processed::Record(Box::new(record::build(
        item,
        &found,
        &bytes,
        report.version.as_deref(),
        tree.as_ref(),
        report.diagnostics,
        publishers,
    )))
}
