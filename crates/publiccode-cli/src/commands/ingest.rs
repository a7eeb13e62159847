//! `publiccode ingest`, `publiccode report` and `publiccode catalogue`: the catalogue
//! operator's commands, on top of the `publiccode-ingest` library.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use publiccode_check::Policy;
use publiccode_ingest::{Catalogue, IngestOptions, Publishers, report};

/// The default catalogue file.
const DEFAULT_DB: &str = "catalogue.sqlite";

/// Arguments of `publiccode ingest`.
#[derive(Debug, clap::Args)]
pub struct IngestArgs {
    /// Sources: descriptor files; folders (searched for publiccode.yml/.yaml, e.g. many
    /// checkouts side by side); git repositories (`git:PATH`, `git://…`, `https://….git`,
    /// or any path with --git); raw descriptor URLs and repository URLs.
    pub sources: Vec<String>,
    /// A file listing sources, one a line (URLs, repository URLs, bare web domains looked
    /// up at /.well-known/publiccode.yml, git URLs, paths); repeatable.
    #[arg(long = "list", value_name = "FILE")]
    pub lists: Vec<PathBuf>,
    /// The catalogue: an SQLite file, or postgres://user@host/db.
    #[arg(long, value_name = "PATH|URL", default_value = DEFAULT_DB)]
    pub db: String,
    /// Read local paths as git repositories (their default branch), not as folders.
    #[arg(long)]
    pub git: bool,
    /// A country profile to apply (id or path to a profile file); repeatable.
    #[arg(long = "profile", value_name = "ID|FILE")]
    pub profiles: Vec<String>,
    /// The crawler's publishers file (YAML or JSON), for the organisation check.
    #[arg(long, value_name = "FILE")]
    pub publishers: Option<PathBuf>,
    /// The namespace of publisher ids in organisation.uri.
    #[arg(long, value_name = "PREFIX", default_value = "urn:x-italian-pa:")]
    pub publishers_namespace: String,
    /// Items taken from the queue at a time.
    #[arg(long, default_value_t = 256, value_name = "N")]
    pub batch: usize,
    /// Seconds after which another process's unfinished claim is taken over.
    #[arg(long, default_value_t = 600, value_name = "SECS")]
    pub lease: u64,
    /// Seconds a git clone or read may take.
    #[arg(long, default_value_t = 60, value_name = "SECS")]
    pub git_timeout: u64,
    /// Items read at once (0: one per core for local sources, 16 for web sources).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub jobs: usize,
    /// Seconds a web request may take.
    #[arg(long, default_value_t = 10, value_name = "SECS")]
    pub timeout: u64,
    /// Extra attempts after a transient web failure (timeout, 429, 5xx), with backoff.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub retries: u32,
    /// Let web and git sources reach private, loopback and link-local addresses
    /// (intranets, tests). Off by default: the SSRF guard refuses them.
    #[arg(long)]
    pub allow_private_hosts: bool,
    /// No progress bar and no summary line.
    #[arg(long, short)]
    pub quiet: bool,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
    /// Stop after N batches (for testing interrupted runs).
    #[arg(long, hide = true)]
    pub max_batches: Option<usize>,
}

/// Runs `publiccode ingest`.
pub fn run_ingest(args: IngestArgs) -> u8 {
    let lists = match read_lists(&args.lists) {
        Ok(l) => l,
        Err(code) => return code,
    };
    if args.sources.is_empty() && lists.is_empty() {
        return usage("give sources to ingest (paths, git repositories, URLs) or --list FILE");
    }
    let policy = match Policy::load(&args.profiles, None) {
        Ok(p) => p,
        Err(problems) => {
            for (file, d) in problems {
                eprintln!("error: {file}: {}", d.message);
            }
            return crate::exit::USAGE;
        }
    };
    let publishers = match load_publishers(&args) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let mut catalogue = match Catalogue::open(&args.db) {
        Ok(c) => c,
        Err(e) => return usage(&format!("{}: {e}", args.db)),
    };
    let fetch = net_fetch(&args);
    let checker = publiccode_ingest::catalogue_checker(Some(policy));
    let mut opts = IngestOptions::default()
        .with_checker(&checker)
        .with_fetch(&fetch);
    opts.jobs = args.jobs;
    if let Some(p) = &publishers {
        opts = opts.with_publishers(p);
    }
    opts.as_git = args.git;
    opts.lists = lists;
    opts.batch = args.batch;
    opts.lease = std::time::Duration::from_secs(args.lease);
    opts.git.timeout = std::time::Duration::from_secs(args.git_timeout);
    opts.max_batches = args.max_batches;
    let bar = progress_bar(args.quiet);
    let result = publiccode_ingest::ingest(&mut catalogue, &args.sources, &opts, &mut |c| {
        if let Some(b) = &bar {
            b.set_message(format!(
                "{} descriptors: {} added, {} changed, {} unchanged, {} failed",
                c.total(),
                c.added,
                c.changed,
                c.unchanged,
                c.failed
            ));
            b.tick();
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    match result {
        Ok(s) => {
            print_summary(&args, &s);
            crate::exit::OK
        }
        Err(e) => usage(&e.to_string()),
    }
}

/// The text of each `--list` file, or the usage exit code after naming the unreadable one.
fn read_lists(paths: &[PathBuf]) -> Result<Vec<String>, u8> {
    let mut lists = Vec::new();
    for l in paths {
        match std::fs::read_to_string(l) {
            Ok(t) => lists.push(t),
            Err(e) => return Err(usage(&format!("{}: {e}", l.display()))),
        }
    }
    Ok(lists)
}

/// The `--publishers` file, parsed, or the usage exit code after naming the problem.
fn load_publishers(args: &IngestArgs) -> Result<Option<Publishers>, u8> {
    let Some(p) = &args.publishers else {
        return Ok(None);
    };
    match std::fs::read_to_string(p)
        .map_err(|e| e.to_string())
        .and_then(|t| Publishers::parse(&t, &args.publishers_namespace).map_err(|e| e.to_string()))
    {
        Ok(p) => Ok(Some(p)),
        Err(e) => Err(usage(&format!("{}: {e}", p.display()))),
    }
}

/// The web fetcher with the command's timeout, retries and SSRF-guard choice.
fn net_fetch(args: &IngestArgs) -> publiccode_ingest::NetFetch {
    let mut fetch_opts = publiccode_net::FetchOptions {
        timeout: std::time::Duration::from_secs(args.timeout.max(1)),
        max_body: 1 << 20,
        ..publiccode_net::FetchOptions::default()
    };
    if args.allow_private_hosts {
        fetch_opts.guard = publiccode_net::GuardPolicy::allow_all();
    }
    let mut fetch = publiccode_ingest::NetFetch::new(publiccode_net::Fetcher::new(fetch_opts));
    fetch.retries = args.retries;
    fetch
}

/// A spinner on an interactive standard error (not with --quiet, not on CI).
fn progress_bar(quiet: bool) -> Option<indicatif::ProgressBar> {
    let show_bar = !quiet && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    show_bar.then(|| {
        let b = indicatif::ProgressBar::new_spinner();
        b.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {elapsed} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        b
    })
}

/// Prints the run's summary: JSON on standard output, or one line on standard error.
fn print_summary(args: &IngestArgs, s: &publiccode_ingest::Summary) {
    if args.json {
        println!("{}", serde_json::to_string(s).unwrap_or_default());
    } else if !args.quiet {
        let c = &s.counts;
        eprintln!(
            "{}: {} descriptors ({} valid, {} invalid): {} added, {} changed, {} unchanged, \
             {} duplicates, {} failed{}{}",
            args.db,
            c.total(),
            c.valid,
            c.invalid,
            c.added,
            c.changed,
            c.unchanged,
            c.duplicate,
            c.failed,
            if s.resumed {
                "; resumed an interrupted run"
            } else {
                ""
            },
            if s.complete { "" } else { "; run not complete" },
        );
    }
}

fn usage(msg: &str) -> u8 {
    eprintln!("error: {msg}");
    crate::exit::USAGE
}

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// Markdown, for issues and chat.
    Markdown,
    /// JSON, for bots.
    Json,
    /// One self-contained HTML page.
    Html,
}

/// Arguments of `publiccode report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The catalogue: an SQLite file, or postgres://user@host/db.
    #[arg(long, value_name = "PATH|URL", default_value = DEFAULT_DB)]
    pub db: String,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "markdown")]
    pub format: ReportFormat,
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Runs `publiccode report`.
pub fn run_report(args: ReportArgs) -> u8 {
    let Some(mut cat) = open_existing(&args.db) else {
        return crate::exit::USAGE;
    };
    let r = match report::gather(&mut cat) {
        Ok(r) => r,
        Err(e) => return usage(&e.to_string()),
    };
    let text = match args.format {
        ReportFormat::Markdown => report::markdown(&r),
        ReportFormat::Json => serde_json::to_string_pretty(&r).unwrap_or_default() + "\n",
        ReportFormat::Html => report::html(&r),
    };
    write_out(args.output.as_deref(), text.as_bytes())
}

fn write_out(path: Option<&std::path::Path>, bytes: &[u8]) -> u8 {
    let r = match path {
        Some(p) => std::fs::write(p, bytes).map_err(|e| format!("{}: {e}", p.display())),
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(bytes).and_then(|()| out.flush()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                r => r.map_err(|e| e.to_string()),
            }
        }
    };
    match r {
        Ok(()) => crate::exit::OK,
        Err(e) => usage(&e),
    }
}

fn open_existing(db: &str) -> Option<Catalogue> {
    let is_pg = db.starts_with("postgres://") || db.starts_with("postgresql://");
    if !is_pg && !std::path::Path::new(db).is_file() {
        eprintln!(
            "error: {db}: no such catalogue; create it with `publiccode ingest --db {db} SOURCES`"
        );
        return None;
    }
    match Catalogue::open(db) {
        Ok(c) => Some(c),
        Err(e) => {
            eprintln!("error: {db}: {e}");
            None
        }
    }
}

/// Arguments of `publiccode catalogue`.
#[derive(Debug, clap::Args)]
pub struct CatalogueArgs {
    /// The catalogue: an SQLite file, or postgres://user@host/db.
    #[arg(long, global = true, value_name = "PATH|URL", default_value = DEFAULT_DB)]
    pub db: String,
    /// What to do.
    #[command(subcommand)]
    pub action: CatalogueAction,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// One JSON object a line.
    Ndjson,
    /// One JSON array.
    Json,
    /// Comma-separated values (without the descriptors).
    Csv,
}

/// `publiccode catalogue` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum CatalogueAction {
    /// Full-text search over names and short descriptions.
    Search {
        /// Words to look for.
        query: String,
        /// At most this many results.
        #[arg(long, default_value_t = 20)]
        limit: i64,
    },
    /// Write every piece of software in the catalogue.
    Export {
        /// Output format.
        #[arg(long, short = 'f', value_enum, default_value = "ndjson")]
        format: ExportFormat,
        /// Write to this file instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// Runs `publiccode catalogue`.
pub fn run_catalogue(args: CatalogueArgs) -> u8 {
    let Some(mut cat) = open_existing(&args.db) else {
        return crate::exit::USAGE;
    };
    match args.action {
        CatalogueAction::Search { query, limit } => {
            let ids = match cat.search(&query, limit) {
                Ok(ids) => ids,
                Err(e) => return usage(&e.to_string()),
            };
            let rows = match report::export_rows(&mut cat) {
                Ok(r) => r,
                Err(e) => return usage(&e.to_string()),
            };
            let mut out = String::new();
            for id in &ids {
                if let Some(r) = rows.iter().find(|r| r["id"] == id.as_str()) {
                    let verdict = if r["active"] == true {
                        "listed"
                    } else {
                        "not listed"
                    };
                    out.push_str(&format!(
                        "{}\t{}\t{}\n",
                        id,
                        r["name"].as_str().unwrap_or(""),
                        verdict
                    ));
                }
            }
            if ids.is_empty() {
                eprintln!("no match for `{query}`");
            }
            write_out(None, out.as_bytes())
        }
        CatalogueAction::Export { format, output } => {
            let rows = match report::export_rows(&mut cat) {
                Ok(r) => r,
                Err(e) => return usage(&e.to_string()),
            };
            let mut buf = Vec::new();
            match format {
                ExportFormat::Ndjson => {
                    for r in &rows {
                        buf.extend_from_slice(r.to_string().as_bytes());
                        buf.push(b'\n');
                    }
                }
                ExportFormat::Json => {
                    buf = serde_json::to_vec_pretty(&rows).unwrap_or_default();
                    buf.push(b'\n');
                }
                ExportFormat::Csv => {
                    if let Err(e) = report::write_csv(&rows, &mut buf) {
                        return usage(&e.to_string());
                    }
                }
            }
            write_out(output.as_deref(), &buf)
        }
    }
}
