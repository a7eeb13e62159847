//! `publiccode validate [PATH ...]`: check files, in parallel, reported in input order.

use std::path::{Path, PathBuf};

use publiccode::rules::code;
use publiccode::{Diagnostic, DirResources, Severity};
use publiccode_check::{Checker, FileReport, Files, InputFormat};

use crate::discover::{self, Input};
use crate::input::Known;
use crate::render::{self, FileResult, Format};

use crate::input::MAX_BYTES;

/// Arguments of `publiccode validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, directories (searched for publiccode.yml, publiccode.yaml, .publiccode.yml)
    /// or `-` for standard input. Default: ./publiccode.yml.
    pub paths: Vec<String>,
    /// Output format [default: the configuration's `format`, else human].
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,
    /// Treat warnings as errors (for the verdict and the exit code).
    #[arg(long)]
    pub warnings_as_errors: bool,
    /// Skip the checks on local files (logo, screenshots, authorsFile, and the
    /// repository's licence and other files).
    #[arg(long)]
    pub no_local_checks: bool,
    /// Resolve relative file paths from this directory instead of the file's own.
    #[arg(long, value_name = "DIR")]
    pub base_dir: Option<PathBuf>,
    /// A country profile to apply (id or path to a profile file); repeatable.
    #[arg(long = "profile", value_name = "ID|FILE")]
    pub profiles: Vec<String>,
    /// A newer list of Italian iPA codes (one a line, or the IndicePA CSV) to use instead
    /// of the shipped one.
    #[arg(long, value_name = "FILE")]
    pub ipa_codes: Option<PathBuf>,
    /// Replace a data list that profiles use (`opencode-approved`, `opencode-blocked`,
    /// `ch-organisations`) with your own file, one entry a line; repeatable.
    #[arg(long = "profile-list", value_name = "NAME=FILE", value_parser = parse_list_arg)]
    pub profile_lists: Vec<(String, PathBuf)>,
    /// The input format; detected from the file name and content when absent.
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormatArg>,
    /// Never report this rule code (or rule name); repeatable, added to the
    /// configuration's `ignore`.
    #[arg(long = "ignore", value_name = "CODE")]
    pub ignore: Vec<String>,
    /// Use this configuration file for every input instead of looking for
    /// publiccode.toml, [tool.publiccode] in pyproject.toml or Cargo.toml metadata.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Read no configuration file.
    #[arg(long)]
    pub no_config: bool,
    /// Ignore `# publiccode: ignore CODE` comments in the descriptors.
    #[arg(long)]
    pub no_inline_suppressions: bool,
    /// Print how often each rule code fired over all files instead of the diagnostics
    /// (a table, or JSON with --format json).
    #[arg(long)]
    pub statistics: bool,
    /// When to colour the human output.
    #[arg(long, value_enum, default_value = "auto", value_name = "WHEN")]
    pub color: crate::ui::ColorChoice,
    /// Write the report to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The file name that standard input (`-`) stands for: shown in diagnostics, used to
    /// detect the format, find the configuration and check the files beside it.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Print the results only: no summary line and no messages about fixes.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Apply safe fixes in place.
    #[arg(long)]
    pub fix: bool,
    /// With --fix, print a unified diff instead of writing.
    #[arg(long)]
    pub diff: bool,
    /// With --fix, also apply the suggested fixes (the did-you-mean ones: check the
    /// result).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Check over the network: URLs answer, `url` is a repository, remote images are
    /// images, videos exist (off by default: without it no socket is opened).
    #[arg(long)]
    pub network: bool,
    /// Time limit of one network request, redirects and body included (`10s`, `500ms`,
    /// `1m`, or seconds).
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, requires = "network")]
    pub timeout: Option<std::time::Duration>,
    /// Time limit of all network checks of the run; URLs not checked by then are
    /// reported as such.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, requires = "network")]
    pub deadline: Option<std::time::Duration>,
    /// Let the network checks reach private, loopback and link-local addresses (an
    /// intranet, a test server). Refused by default (SSRF guard).
    #[arg(long, requires = "network")]
    pub allow_private_hosts: bool,
    /// Resolve relative logo and screenshot paths against this URL and check them over
    /// the network.
    #[arg(long, value_name = "URL", value_parser = parse_http_url, requires = "network")]
    pub base_url: Option<url::Url>,
    /// Ask this oEmbed endpoint about every video instead of the video's provider.
    #[arg(long, value_name = "URL", value_parser = parse_http_url, requires = "network")]
    pub oembed_endpoint: Option<url::Url>,
}

/// A duration: `500ms`, `10s`, `2m`, or a number of seconds (`1.5`).
pub fn parse_duration(s: &str) -> Result<std::time::Duration, String> {
    let t = s.trim();
    let (num, scale) = if let Some(n) = t.strip_suffix("ms") {
        (n, 0.001)
    } else if let Some(n) = t.strip_suffix('s') {
        (n, 1.0)
    } else if let Some(n) = t.strip_suffix('m') {
        (n, 60.0)
    } else {
        (t, 1.0)
    };
    match num.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && v * scale <= 86_400.0 => {
            Ok(std::time::Duration::from_secs_f64(v * scale))
        }
        _ => Err(format!(
            "`{s}` is not a duration (write `500ms`, `10s`, `2m` or a number of seconds, up to a day)"
        )),
    }
}

/// An absolute http(s) URL.
fn parse_http_url(s: &str) -> Result<url::Url, String> {
    match url::Url::parse(s) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => Ok(u),
        Ok(_) => Err(format!("`{s}` is not an http(s) URL")),
        Err(e) => Err(format!("`{s}` is not a URL: {e}")),
    }
}

/// The network checks the arguments ask for (`None` without `--network`: then nothing
/// of `publiccode-net` runs and no socket is opened).
fn network(args: &Args) -> Option<publiccode_net::NetChecker> {
    if !args.network {
        return None;
    }
    let defaults = publiccode_net::FetchOptions::default();
    let fetch = publiccode_net::FetchOptions {
        timeout: args.timeout.unwrap_or(defaults.timeout),
        deadline: args.deadline.map(|d| std::time::Instant::now() + d),
        guard: if args.allow_private_hosts {
            publiccode_net::GuardPolicy::allow_all()
        } else {
            publiccode_net::GuardPolicy::strict()
        },
        tokens: publiccode_net::Tokens::from_env(),
        ..defaults
    };
    Some(publiccode_net::NetChecker::new(
        publiccode_net::NetOptions {
            fetch,
            base_url: args.base_url.clone(),
            oembed_endpoint: args.oembed_endpoint.clone(),
        },
    ))
}

/// `--input-format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormatArg {
    /// publiccode.yml
    Publiccode,
    /// US code.json
    CodeJson,
    /// Canada Open Resource Exchange
    Ore,
}

/// Reads an input with the limit of its file name (see [`crate::input`]); a file over
/// it, a FIFO, directory or device is refused with a message.
pub fn read_input(input: &Input) -> Result<Vec<u8>, String> {
    let limit = crate::input::limit_for(&input.display(), None);
    crate::input::read_bounded(input, limit).map_err(|e| match e {
        crate::input::ReadError::TooLarge { .. } => {
            format!("{}: {} [{}]", input.display(), e.message(), code::TOO_LARGE)
        }
        crate::input::ReadError::Io(m) => format!("{}: {m}", input.display()),
    })
}

/// The name an input is shown and detected by: its path, or `--stdin-filename`.
fn input_name(input: &Input, args: &Args) -> String {
    match (input, &args.stdin_filename) {
        (Input::Stdin, Some(name)) => name.display().to_string(),
        _ => input.display(),
    }
}

/// Checks one input and returns its result (never panics on any input).
#[cfg(test)]
pub fn check_input(input: &Input, args: &Args, checker: &Checker) -> FileResult {
    check_known(input, Known::Nothing, args, checker)
}

/// Checks one input (never panics on any input), with what the search knows of it
/// before it is opened.
fn check_known(input: &Input, known: Known, args: &Args, checker: &Checker) -> FileResult {
    let path = input_name(input, args);
    // One limit, chosen from the flag or the file name before reading.
    let forced = args.input_format.map(|f| f != InputFormatArg::Publiccode);
    let limit = crate::input::limit_for(&path, forced);
    let bytes = match crate::input::read_known(input, limit, known) {
        Ok(b) => b,
        Err(e @ crate::input::ReadError::TooLarge { .. }) => {
            let d = Diagnostic::new(code::TOO_LARGE, Severity::Error, "", e.message())
                .with_help("publiccode.yml files are a few kilobytes; is this the right file?");
            return FileReport::from_diagnostics(path, vec![d]);
        }
        Err(e) => return FileReport::unreadable(path, e.message()),
    };
    check_bytes(input, &bytes, args, checker)
}

/// Checks the text of one input (as read, or as `--fix` made it).
fn check_bytes(input: &Input, bytes: &[u8], args: &Args, checker: &Checker) -> FileResult {
    let path = input_name(input, args);
    // The repository is the file's folder (for standard input, the folder of
    // --stdin-filename when it exists); --base-dir moves only the descriptor's own
    // relative paths (logo, screenshots, authorsFile), and confines them to that
    // folder. File checks never leave the repository (the nearest folder with .git).
    let folder = |file: &Path| match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let repository = match (input, &args.stdin_filename) {
        (Input::File(file), _) => Some(DirResources::new(folder(file))),
        (Input::Stdin, Some(name)) if folder(name).is_dir() => {
            Some(DirResources::new(folder(name)))
        }
        (Input::Stdin, _) => None,
    };
    let base = match (&args.base_dir, &repository) {
        (Some(dir), _) => Some(DirResources::with_root(dir, dir)),
        (None, None) => Some(DirResources::new(".")),
        (None, Some(_)) => None,
    };
    let mut files = Files::none();
    if let Some(repository) = &repository {
        files = Files::repository(repository);
    }
    if let Some(base) = &base {
        files = files.with_referenced(base);
    }
    let mut report = checker.check_files(&path, bytes, files);
    report.diagnostics.iter_mut().for_each(crate::hints::add);
    report
}

/// `NAME=FILE` of `--profile-list`.
fn parse_list_arg(s: &str) -> Result<(String, PathBuf), String> {
    match s.split_once('=') {
        Some((name, file)) if !name.is_empty() && !file.is_empty() => {
            Ok((name.to_string(), PathBuf::from(file)))
        }
        _ => Err(format!("expected NAME=FILE, got `{s}`")),
    }
}

/// The flags that the configuration can also set.
fn flags(args: &Args) -> crate::project::Flags {
    crate::project::Flags {
        profiles: args.profiles.clone(),
        ipa_codes: args.ipa_codes.clone(),
        profile_lists: args.profile_lists.clone(),
        warnings_as_errors: args.warnings_as_errors,
        no_local_checks: args.no_local_checks,
        ignore: args.ignore.clone(),
        input_format: args.input_format.map(|f| match f {
            InputFormatArg::Publiccode => InputFormat::Publiccode,
            InputFormatArg::CodeJson => InputFormat::CodeJson,
            InputFormatArg::Ore => InputFormat::Ore,
        }),
        max_bytes: MAX_BYTES,
        inline_suppressions: !args.no_inline_suppressions,
        network: network(args)
            .map(|n| std::sync::Arc::new(n) as std::sync::Arc<dyn publiccode_check::Extension>),
    }
}

/// Flag combinations that cannot apply, with the reason (exit code 2).
fn refused(args: &Args) -> Option<String> {
    if args.diff && !args.fix {
        return Some("--diff shows what --fix would change; use it together with --fix".into());
    }
    if args.unsafe_fixes && !args.fix {
        return Some(
            "--unsafe-fixes adds the suggested fixes to what --fix applies; use it together with --fix"
                .into(),
        );
    }
    if args.fix && args.paths.iter().any(|p| p == "-") {
        return Some(
            "--fix rewrites files in place and cannot fix standard input; pass the file's path (with --diff to see the changes)"
                .into(),
        );
    }
    None
}

/// Runs the command.
pub fn run(args: Args) -> u8 {
    if let Some(reason) = refused(&args) {
        eprintln!("error: {reason}");
        return crate::exit::USAGE;
    }
    crate::ui::init(args.color, args.output.is_some(), args.quiet);
    let source = match (&args.config, args.no_config) {
        (Some(file), _) => crate::project::Source::File(file.clone()),
        (None, true) => crate::project::Source::None,
        (None, false) => crate::project::Source::Discover,
    };
    let planned =
        crate::project::Planner::new(source, flags(&args), args.stdin_filename.as_deref())
            .and_then(|mut p| p.run_config().map(|c| (p, c)));
    let (planner, run_config) = match planned {
        Ok(p) => p,
        Err(e) => {
            e.report();
            return crate::exit::USAGE;
        }
    };
    let format = args
        .format
        .or_else(|| {
            run_config
                .as_ref()
                .and_then(|c| c.format.as_deref())
                .and_then(|f| <Format as clap::ValueEnum>::from_str(f, true).ok())
        })
        .unwrap_or(Format::Human);
    // Which descriptor a run without a path checks (human output only: the machine
    // formats name it themselves).
    discover::announce_default(
        &args.paths,
        format == Format::Human && !args.quiet && !args.statistics,
    );
    let writer = Writer::new(&args, format);
    // One input (a file, standard input, or the folder's descriptor) is checked on
    // this thread: no thread is started for it.
    let single = args.paths.len() <= 1
        && !args
            .paths
            .first()
            .is_some_and(|p| p != "-" && Path::new(p).is_dir());
    let writer = if single {
        run_inline(&args, planner, writer)
    } else {
        run_parallel(&args, planner, writer)
    };
    writer.finish()
}

/// What the checking of one input gives the writer.
enum Outcome {
    /// The input's result, and what `--fix` did to it.
    Checked(FileResult, FixNote),
    /// The first input's configuration cannot be used: nothing is checked (exit 2).
    Abort(crate::project::SetupError),
}

/// What `--fix` did to one file, told in input order by the writer.
#[derive(Default)]
struct FixNote {
    /// Lines for standard error ("fixed 2 problems in …").
    messages: Vec<String>,
    /// With `--diff`, the patch for standard output.
    diff: Option<String>,
    /// Writing the fixed file failed (exit code 2).
    failed: bool,
}

/// One unit of work for the checking threads.
enum Job {
    /// A file (or standard input) to check, with its checker and what the search
    /// knows of it.
    Check(Input, std::sync::Arc<Checker>, Known),
    /// An input that is reported in its place without being checked: a folder the
    /// search could not look into, or a file whose configuration has mistakes.
    Report(FileResult),
    /// The first input's configuration cannot be used.
    Abort(crate::project::SetupError),
}

/// Turns what the search found into a job: finds the input's configuration and
/// checker. A configuration mistake stops the run when it governs the first input
/// (nothing is written); later ones are reported once on standard error, and each
/// input they govern is reported in its place as not checked.
fn plan_job(
    planner: &mut crate::project::Planner,
    index: usize,
    found: Result<Input, discover::WalkError>,
    listing: Option<&discover::Listing>,
) -> Job {
    match found {
        Err(e) => Job::Report(unsearchable(&e)),
        Ok(input) => match planner.checker_for(&input, listing) {
            Ok(checker) => {
                let known = match (&input, listing) {
                    (Input::File(p), Some(listing))
                        if p.file_name()
                            .and_then(|n| n.to_str())
                            .map(|n| listing.listed(n))
                            == Some(publiccode_check::config::Listed::File) =>
                    {
                        Known::RegularFile
                    }
                    _ => Known::Nothing,
                };
                Job::Check(input, checker, known)
            }
            Err(e) if index == 0 => Job::Abort(e),
            Err(e) => {
                planner.report_once(&e);
                Job::Report(FileReport::unreadable(
                    input.display(),
                    "not checked: its configuration cannot be used (see the error above)"
                        .to_string(),
                ))
            }
        },
    }
}

/// Does a job (on any thread).
fn work(job: Job, args: &Args) -> Outcome {
    match job {
        Job::Check(input, checker, known) => {
            let result = check_known(&input, known, args, &checker);
            if args.fix {
                let (result, note) = fix_one(&input, result, args, &checker);
                Outcome::Checked(result, note)
            } else {
                Outcome::Checked(result, FixNote::default())
            }
        }
        Job::Report(r) => Outcome::Checked(r, FixNote::default()),
        Job::Abort(e) => Outcome::Abort(e),
    }
}

/// Checks the one input on this thread.
fn run_inline(args: &Args, mut planner: crate::project::Planner, mut writer: Writer) -> Writer {
    let mut index = 0;
    discover::for_each_listed(&args.paths, |found, listing| {
        let job = plan_job(&mut planner, index, found, listing);
        index += 1;
        writer.deliver(work(job, args))
    });
    writer
}

/// How many files may be checked ahead of the one being written. Enough to ride out a
/// checking thread losing its core for a time slice (about 100 files on two cores); at
/// 512, a stalled thread let the others pile up reports, and a 50,000-file batch peaked
/// at up to 16 MB against 12.5 MB.
const WINDOW: usize = 128;

/// How many files the search hands to a checking thread at a time. One hand-over per
/// file cost a sleep and a wake-up of some thread for almost every file (about 2.5
/// futex calls per file); a run of 16 keeps the threads apart 16 times longer while
/// staying far inside [`WINDOW`].
const BATCH: usize = 16;

/// Jobs in input order, numbered from the first.
type Batch = (usize, Vec<Job>);

/// The search runs on its own thread and feeds the checking threads as it finds files
/// (finding each folder's configuration on the way), [`BATCH`] files at a time; each
/// result is written, by the checking thread that completes the run of results ready
/// in input order, as soon as it and every result before it are done, and dropped
/// once written. At most [`WINDOW`] files are in flight, so memory does not grow with
/// the batch. The calling thread is one of the checking threads.
fn run_parallel(args: &Args, mut planner: crate::project::Planner, writer: Writer) -> Writer {
    use std::sync::mpsc;
    let gate = Gate::new(WINDOW);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let (job_tx, job_rx) = mpsc::sync_channel::<Batch>(WINDOW / BATCH);
    let job_rx = std::sync::Mutex::new(job_rx);
    let order = std::sync::Mutex::new(InOrder {
        pending: std::collections::BTreeMap::new(),
        next: 0,
        writer,
    });
    std::thread::scope(|scope| {
        let gate = &gate;
        scope.spawn(move || {
            let mut first = 0;
            let mut jobs = Vec::with_capacity(BATCH);
            let send = |first: &mut usize, jobs: &mut Vec<Job>| {
                let batch = std::mem::replace(jobs, Vec::with_capacity(BATCH));
                let n = batch.len();
                let sent = gate.acquire(n) && job_tx.send((*first, batch)).is_ok();
                *first += n;
                sent
            };
            let mut go_on = true;
            discover::for_each_listed(&args.paths, |found, listing| {
                jobs.push(plan_job(&mut planner, first + jobs.len(), found, listing));
                // The first file goes alone: if its configuration cannot be used, the
                // run stops before others are looked at.
                if jobs.len() == BATCH || first == 0 {
                    go_on = send(&mut first, &mut jobs);
                }
                go_on
            });
            if go_on && !jobs.is_empty() {
                send(&mut first, &mut jobs);
            }
        });
        let check = || {
            loop {
                let batch = match job_rx.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => return,
                };
                let Ok((first, jobs)) = batch else { return };
                if gate.is_closed() {
                    // The report cannot be written any more: drain the queue.
                    continue;
                }
                let outcomes: Vec<Outcome> = jobs.into_iter().map(|job| work(job, args)).collect();
                let Ok(mut guard) = order.lock() else { return };
                let order = &mut *guard;
                for (i, outcome) in outcomes.into_iter().enumerate() {
                    order.pending.insert(first + i, outcome);
                }
                let mut written = 0;
                while let Some(outcome) = order.pending.remove(&order.next) {
                    order.next += 1;
                    if order.writer.deliver(outcome) {
                        written += 1;
                    } else {
                        gate.close();
                        break;
                    }
                }
                gate.release(written);
            }
        };
        for _ in 1..workers {
            scope.spawn(check);
        }
        check();
    });
    match order.into_inner() {
        Ok(order) => order.writer,
        Err(poisoned) => poisoned.into_inner().writer,
    }
}

/// Results that arrived before the ones ahead of them, and the writer.
struct InOrder {
    pending: std::collections::BTreeMap<usize, Outcome>,
    next: usize,
    writer: Writer,
}

/// The report's buffer: a 10,000-file JSON report is about 36 MB, which the default
/// 8 KiB buffer wrote in about 8,500 system calls.
const OUT_BUFFER: usize = 64 * 1024;

/// Where the report goes.
enum Report {
    /// The diagnostics, in `format`.
    Stream(Box<render::Stream<Box<dyn std::io::Write + Send>>>),
    /// `--statistics`: counts per code, printed at the end.
    Statistics(render::statistics::Counter, Box<dyn std::io::Write + Send>),
}

/// Writes the results in input order as they are delivered, keeping only the totals
/// the end of the report and the exit code need. The report (standard output,
/// `--output FILE`, or standard error under `--fix --diff`) is opened with the first
/// result, so a run stopped before it writes nothing.
struct Writer {
    format: Format,
    statistics: bool,
    unsafe_fixes: bool,
    output: Option<PathBuf>,
    to_stderr: bool,
    report: Option<Report>,
    unreadable: bool,
    all_valid: bool,
    fix_failed: bool,
    aborted: Option<crate::project::SetupError>,
    /// The first write error, with the file it concerns (`None`: standard output).
    failed: Option<(std::io::Error, Option<PathBuf>)>,
}

impl Writer {
    fn new(args: &Args, format: Format) -> Writer {
        Writer {
            format,
            statistics: args.statistics,
            unsafe_fixes: args.unsafe_fixes,
            output: args.output.clone(),
            to_stderr: args.diff && args.output.is_none(),
            report: None,
            unreadable: false,
            all_valid: true,
            fix_failed: false,
            aborted: None,
            failed: None,
        }
    }

    /// Opens the report and writes its beginning.
    fn open(&mut self) -> std::io::Result<&mut Report> {
        if self.report.is_none() {
            let out: Box<dyn std::io::Write + Send> = match &self.output {
                Some(file) => {
                    let f = match std::fs::File::create(file) {
                        Ok(f) => f,
                        Err(e) => {
                            self.failed = Some((
                                std::io::Error::new(e.kind(), e.to_string()),
                                Some(file.clone()),
                            ));
                            return Err(e);
                        }
                    };
                    Box::new(std::io::BufWriter::with_capacity(OUT_BUFFER, f))
                }
                None if self.to_stderr => Box::new(std::io::BufWriter::with_capacity(
                    OUT_BUFFER,
                    std::io::stderr(),
                )),
                None => Box::new(std::io::BufWriter::with_capacity(
                    OUT_BUFFER,
                    std::io::stdout(),
                )),
            };
            let report = if self.statistics {
                Report::Statistics(render::statistics::Counter::default(), out)
            } else {
                let mut stream = render::Stream::new(self.format, out);
                stream.set_unsafe_fixes(self.unsafe_fixes);
                stream.begin()?;
                Report::Stream(Box::new(stream))
            };
            self.report = Some(report);
        }
        self.report
            .as_mut()
            .ok_or_else(|| std::io::Error::other("no report"))
    }

    /// Writes one outcome; false when the run should stop (a write error, or the first
    /// input's configuration cannot be used).
    fn deliver(&mut self, outcome: Outcome) -> bool {
        let (r, note) = match outcome {
            Outcome::Abort(e) => {
                self.aborted = Some(e);
                return false;
            }
            Outcome::Checked(r, note) => (r, note),
        };
        for m in &note.messages {
            // One write per line (`eprintln!` writes the text and the line end apart).
            let _ = std::io::Write::write_all(&mut std::io::stderr(), format!("{m}\n").as_bytes());
        }
        if let Some(diff) = &note.diff {
            print!("{diff}");
        }
        self.fix_failed |= note.failed;
        self.unreadable |= r.unreadable;
        self.all_valid &= r.is_valid();
        let written = self.open().and_then(|report| match report {
            Report::Stream(stream) => stream.file(&r),
            // An input that could not be read is an I/O error, not a counted file.
            Report::Statistics(_, _) if r.unreadable => {
                render::report_unread(&r);
                Ok(())
            }
            Report::Statistics(counter, _) => {
                counter.add(&r.diagnostics, r.suppressed);
                Ok(())
            }
        });
        if let Err(e) = written {
            if self.failed.is_none() {
                self.failed = Some((e, None));
            }
            return false;
        }
        true
    }

    /// Ends the report and gives the exit code.
    fn finish(mut self) -> u8 {
        if let Some(e) = &self.aborted {
            e.report();
            return crate::exit::USAGE;
        }
        let finished = if self.failed.is_some() {
            Ok(())
        } else {
            let statistics_json = self.format == Format::Json;
            self.open()
                .map(|_| ())
                .and_then(|()| match self.report.take() {
                    Some(Report::Stream(stream)) => stream.finish(),
                    Some(Report::Statistics(counter, mut out)) => {
                        let stats = counter.finish();
                        let text = if statistics_json {
                            render::statistics::json(&stats)
                        } else {
                            render::statistics::table(&stats)
                        };
                        out.write_all(text.as_bytes()).and_then(|()| out.flush())
                    }
                    None => Ok(()),
                })
        };
        if let Err(e) = finished
            && self.failed.is_none()
        {
            self.failed = Some((e, None));
        }
        match &self.failed {
            // A closed pipe (`| head`) is not an error: the reader has what it wanted.
            Some((e, None)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                return crate::exit::OK;
            }
            Some((e, file)) => {
                match file.as_ref().or(self.output.as_ref()) {
                    Some(file) => eprintln!(
                        "error: cannot write {}: {e}",
                        crate::escape::line(&file.display().to_string())
                    ),
                    None => eprintln!("error: cannot write the report: {e}"),
                }
                return crate::exit::USAGE;
            }
            None => {}
        }
        if self.fix_failed || self.unreadable {
            crate::exit::USAGE
        } else if self.all_valid {
            crate::exit::OK
        } else {
            crate::exit::INVALID
        }
    }
}

/// A counting semaphore bounding the files in flight; closing it stops the search.
struct Gate {
    state: std::sync::Mutex<(usize, bool)>,
    freed: std::sync::Condvar,
}

impl Gate {
    fn new(permits: usize) -> Gate {
        Gate {
            state: std::sync::Mutex::new((permits, false)),
            freed: std::sync::Condvar::new(),
        }
    }

    /// Waits for `n` permits (at most the gate's number); false once the gate is
    /// closed.
    fn acquire(&self, n: usize) -> bool {
        let Ok(mut state) = self.state.lock() else {
            return false;
        };
        loop {
            if state.1 {
                return false;
            }
            if state.0 >= n {
                state.0 -= n;
                return true;
            }
            state = match self.freed.wait(state) {
                Ok(s) => s,
                Err(_) => return false,
            };
        }
    }

    /// Gives back `n` permits.
    fn release(&self, n: usize) {
        if n == 0 {
            return;
        }
        if let Ok(mut state) = self.state.lock() {
            state.0 += n;
            self.freed.notify_one();
        }
    }

    fn is_closed(&self) -> bool {
        self.state.lock().map_or(true, |s| s.1)
    }

    fn close(&self) {
        if let Ok(mut state) = self.state.lock() {
            state.1 = true;
            self.freed.notify_all();
        }
    }
}

/// The report standing for a folder the search could not enter.
fn unsearchable(e: &discover::WalkError) -> FileResult {
    FileReport::unreadable(e.path.display().to_string(), e.message.clone())
}

/// Writes the fixed text over `path` if the file on disk is still what was checked (a
/// BOM aside, which the check removed and the fix puts back); the text written.
fn write_fixed(
    path: &Path,
    source: &str,
    fixed: String,
    base_dir: Option<&Path>,
) -> Result<String, crate::write::WriteError> {
    let had_bom = std::fs::read(path)
        .map(|b| b.starts_with(b"\xEF\xBB\xBF"))
        .unwrap_or(false);
    let fixed = if had_bom {
        format!("\u{FEFF}{fixed}")
    } else {
        fixed
    };
    let unchanged = |now: &[u8]| {
        let now = now.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(now);
        now == source.as_bytes()
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let root = publiccode::resources::repository_root(dir, base_dir);
    crate::write::write_file(
        path,
        &root,
        crate::write::Expect::Content(&unchanged),
        fixed.as_bytes(),
    )?;
    Ok(fixed)
}

/// Applies the safe fixes to one checked file (on the checking thread). A fixed text
/// that parses worse than the original is not written; a file that changed since it
/// was read is left alone; a write error is told and the other files go on. Returns the
/// result describing the file as it is now (or, with `--diff`, as `--fix` would leave
/// it), and what to tell.
fn fix_one(
    input: &Input,
    result: FileResult,
    args: &Args,
    checker: &Checker,
) -> (FileResult, FixNote) {
    use publiccode::fix::{FixOptions, FixOutcome, fix_document};
    let mut note = FixNote::default();
    let (Input::File(path), Some(source)) = (input, &result.source) else {
        return (result, note);
    };
    let shown = crate::escape::line(&result.path).into_owned();
    let publiccode_rules = match args.input_format {
        Some(f) => f == InputFormatArg::Publiccode,
        None => {
            publiccode_check::detect_format(&result.path, source.as_bytes())
                == InputFormat::Publiccode
        }
    };
    let (fixed, n) = match fix_document(
        source,
        &result.diagnostics,
        FixOptions::new()
            .with_publiccode_rules(publiccode_rules)
            .with_suggested(args.unsafe_fixes),
    ) {
        FixOutcome::Unchanged => return (result, note),
        FixOutcome::Refused { reason } => {
            note.messages
                .push(format!("warning: {shown}: fixes not applied: {reason}"));
            return (result, note);
        }
        FixOutcome::Fixed { text, applied } => (text, applied),
        _ => return (result, note),
    };
    if args.diff {
        note.diff = Some(crate::diff::unified_diff(
            &path.display().to_string(),
            source,
            &fixed,
        ));
        let rechecked = check_bytes(input, fixed.as_bytes(), args, checker);
        return (rechecked, note);
    }
    match write_fixed(path, source, fixed, args.base_dir.as_deref()) {
        Ok(fixed) => {
            if !args.quiet {
                let problems = if n == 1 { "problem" } else { "problems" };
                note.messages
                    .push(format!("fixed {n} {problems} in {shown}"));
            }
            let rechecked = check_bytes(input, fixed.as_bytes(), args, checker);
            (rechecked, note)
        }
        Err(e) => {
            note.messages
                .push(format!("error: cannot write {shown}: {e}"));
            note.failed = true;
            (result, note)
        }
    }
}
