//! Reports for catalogue operators and maintainers: per publisher and per repository,
//! whether each descriptor is listed, why it failed, and what changed in the latest
//! run. Markdown for issues and chat, JSON for bots, and one self-contained HTML page
//! (no external assets, readable on a phone).

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;
use serde_json::Value as Json;

use crate::Error;
use crate::store::Catalogue;
use crate::store::db::Value;

/// One diagnostic as the report shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    /// Rule code.
    pub code: String,
    /// error, warning or note.
    pub severity: String,
    /// Key path.
    pub key: String,
    /// 1-based line (0: none).
    pub line: u64,
    /// What is wrong.
    pub message: String,
}

/// One repository.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// Catalogue key (normalised repository URL).
    pub id: String,
    /// `name`.
    pub name: String,
    /// `url` as declared.
    pub url: String,
    /// Where the descriptor was found.
    pub source: String,
    /// No error.
    pub valid: bool,
    /// Listed (valid, not a fork).
    pub active: bool,
    /// The repository its url names, for a technical fork.
    pub fork_of: String,
    /// Errors.
    pub errors: i64,
    /// Warnings.
    pub warnings: i64,
    /// Every diagnostic.
    pub problems: Vec<Problem>,
    /// What the latest run changed (`added`, `changed, now valid` …), if anything.
    pub change: String,
    /// First seen (RFC 3339).
    pub first_seen: String,
    /// Last seen (RFC 3339).
    pub last_seen: String,
}

/// The software of one publisher.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// `organisation.uri` or name (empty: unknown).
    pub publisher: String,
    /// Its repositories, by id.
    pub software: Vec<Entry>,
}

/// An item of the latest run that gave no descriptor, or a duplicate.
#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    /// The source.
    pub item: String,
    /// `failed` or `duplicate`.
    pub outcome: String,
    /// Why.
    pub message: String,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The latest run's id (0: none).
    pub run: i64,
    /// When it started.
    pub run_started: String,
    /// Software in the catalogue.
    pub total: usize,
    /// Listed.
    pub active: usize,
    /// With errors.
    pub invalid: usize,
    /// By publisher.
    pub publishers: Vec<Section>,
    /// Failures and duplicates of the latest run.
    pub skipped: Vec<Skipped>,
}

/// Gathers the report from the catalogue.
pub fn gather(cat: &mut Catalogue) -> Result<Report, Error> {
    let run = cat.query(
        "SELECT id, started_at FROM runs ORDER BY id DESC LIMIT 1",
        &[],
    )?;
    let (run_id, run_started) = run
        .first()
        .map(|r| (r[0].int(), r[1].text().to_string()))
        .unwrap_or((0, String::new()));
    let changes = run_changes(cat, run_id)?;
    let rows = cat.query(
        "SELECT id, name, url, source, valid, active, fork_of, errors, warnings, diagnostics, \
         first_seen, last_seen, publisher FROM software ORDER BY publisher, id",
        &[],
    )?;
    let mut by_publisher: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
    let (mut active, mut invalid) = (0, 0);
    let total = rows.len();
    for r in rows {
        let (publisher, e) = entry_of(&r, &changes);
        active += usize::from(e.active);
        invalid += usize::from(!e.valid);
        by_publisher.entry(publisher).or_default().push(e);
    }
    let skipped = skipped_in(cat, run_id)?;
    Ok(Report {
        run: run_id,
        run_started,
        total,
        active,
        invalid,
        publishers: by_publisher
            .into_iter()
            .map(|(publisher, software)| Section {
                publisher,
                software,
            })
            .collect(),
        skipped,
    })
}

/// What happened to each software (by id) in the run, as its history says.
fn run_changes(cat: &mut Catalogue, run_id: i64) -> Result<BTreeMap<String, String>, Error> {
    let mut changes: BTreeMap<String, String> = BTreeMap::new();
    for r in cat.query(
        "SELECT software_id, detail FROM history WHERE run_id = ?1 ORDER BY id",
        &[run_id.into()],
    )? {
        changes.insert(r[0].text().to_string(), r[1].text().to_string());
    }
    Ok(changes)
}

/// One software row (in `gather`'s column order) as the report's entry, with its
/// publisher.
fn entry_of(r: &crate::store::db::Row, changes: &BTreeMap<String, String>) -> (String, Entry) {
    let diags: Vec<Json> = serde_json::from_str(r[9].text()).unwrap_or_default();
    let problems = diags
        .iter()
        .map(|d| Problem {
            code: str_of(d, "code"),
            severity: str_of(d, "severity"),
            key: str_of(d, "key"),
            line: d.get("line").and_then(Json::as_u64).unwrap_or(0),
            message: str_of(d, "message"),
        })
        .collect();
    let id = r[0].text().to_string();
    let e = Entry {
        change: changes.get(&id).cloned().unwrap_or_default(),
        id,
        name: r[1].text().to_string(),
        url: r[2].text().to_string(),
        source: r[3].text().to_string(),
        valid: r[4].int() != 0,
        active: r[5].int() != 0,
        fork_of: r[6].text().to_string(),
        errors: r[7].int(),
        warnings: r[8].int(),
        problems,
        first_seen: r[10].text().to_string(),
        last_seen: r[11].text().to_string(),
    };
    (r[12].text().to_string(), e)
}

/// The latest run's failures and duplicates.
fn skipped_in(cat: &mut Catalogue, run_id: i64) -> Result<Vec<Skipped>, Error> {
    Ok(cat
        .query(
            "SELECT item, outcome, message FROM queue WHERE run_id = ?1 \
             AND outcome IN ('failed', 'duplicate') ORDER BY seq",
            &[Value::Int(run_id)],
        )?
        .into_iter()
        .map(|r| Skipped {
            item: r[0].text().to_string(),
            outcome: r[1].text().to_string(),
            message: r[2].text().to_string(),
        })
        .collect())
}

fn str_of(v: &Json, k: &str) -> String {
    v.get(k).and_then(Json::as_str).unwrap_or("").to_string()
}

fn verdict(e: &Entry) -> &'static str {
    if !e.valid {
        "invalid"
    } else if !e.fork_of.is_empty() {
        "technical fork"
    } else if e.warnings > 0 {
        "listed, with warnings"
    } else {
        "listed"
    }
}

fn publisher_name(p: &str) -> &str {
    if p.is_empty() {
        "(publisher unknown)"
    } else {
        p
    }
}

/// The report as Markdown.
pub fn markdown(r: &Report) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# publiccode catalogue report\n");
    let _ = writeln!(
        s,
        "Run {} ({}): {} repositories, {} listed, {} invalid, {} sources skipped.\n",
        r.run,
        r.run_started,
        r.total,
        r.active,
        r.invalid,
        r.skipped.len()
    );
    for sec in &r.publishers {
        let _ = writeln!(s, "## {}\n", md(publisher_name(&sec.publisher)));
        let _ = writeln!(s, "| repository | verdict | errors | warnings | change |");
        let _ = writeln!(s, "| --- | --- | --- | --- | --- |");
        for e in &sec.software {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} |",
                md(&e.id),
                verdict(e),
                e.errors,
                e.warnings,
                md(&e.change)
            );
        }
        for e in sec.software.iter().filter(|e| !e.problems.is_empty()) {
            let _ = writeln!(s, "\n### {}\n", md(&e.id));
            let _ = writeln!(s, "Found at `{}`.\n", e.source.replace('`', "'"));
            for p in &e.problems {
                let _ = writeln!(
                    s,
                    "- **{}** {} `{}`{}: {}",
                    p.severity,
                    p.code,
                    p.key.replace('`', "'"),
                    if p.line > 0 {
                        format!(" (line {})", p.line)
                    } else {
                        String::new()
                    },
                    md(&p.message)
                );
            }
        }
        s.push('\n');
    }
    if !r.skipped.is_empty() {
        let _ = writeln!(s, "## Skipped sources\n");
        for k in &r.skipped {
            let _ = writeln!(
                s,
                "- `{}`: {}: {}",
                k.item.replace('`', "'"),
                k.outcome,
                md(&k.message)
            );
        }
    }
    s
}

fn md(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;line-height:1.4;color:#1b1b1b}\
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}\
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #eee;vertical-align:top}\
.invalid{color:#a00}.listed{color:#060}.fork{color:#a60}code{font-size:.9em;word-break:break-all}\
details{margin:.3rem 0}ul{padding-left:1.2rem}\
@media (max-width:40rem){table,thead,tbody,tr,td,th{display:block}thead{display:none}tr{border-bottom:1px solid #ccc;padding:.4rem 0}td{border:0;padding:.1rem 0}td::before{content:attr(data-label) ': ';font-weight:bold}}";

/// The report as one self-contained HTML page.
pub fn html(r: &Report) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>publiccode catalogue report</title><style>{STYLE}</style></head><body>\
         <h1>publiccode catalogue report</h1><p id=\"summary\">Run {} ({}): {} repositories, {} listed, \
         {} invalid, {} sources skipped.</p>",
        r.run,
        esc(&r.run_started),
        r.total,
        r.active,
        r.invalid,
        r.skipped.len()
    );
    for sec in &r.publishers {
        let _ = write!(
            s,
            "<section><h2>{}</h2><table><thead><tr><th>repository</th><th>verdict</th><th>errors</th>\
             <th>warnings</th><th>change</th></tr></thead><tbody>",
            esc(publisher_name(&sec.publisher))
        );
        for e in &sec.software {
            html_row(&mut s, e);
        }
        s.push_str("</tbody></table></section>");
    }
    if !r.skipped.is_empty() {
        s.push_str("<section><h2>Skipped sources</h2><ul>");
        for k in &r.skipped {
            let _ = write!(
                s,
                "<li class=\"skipped\"><code>{}</code>: {}: {}</li>",
                esc(&k.item),
                esc(&k.outcome),
                esc(&k.message)
            );
        }
        s.push_str("</ul></section>");
    }
    s.push_str("</body></html>\n");
    s
}

/// One software's table row: its id, its problems (folded), verdict, counts and change.
fn html_row(s: &mut String, e: &Entry) {
    let class = if !e.valid {
        "invalid"
    } else if !e.fork_of.is_empty() {
        "fork"
    } else {
        "listed"
    };
    let _ = write!(
        s,
        "<tr class=\"software\" data-id=\"{id}\"><td data-label=\"repository\"><code>{id}</code>",
        id = esc(&e.id)
    );
    if !e.problems.is_empty() {
        let _ = write!(
            s,
            "<details><summary>{} problems</summary><ul>",
            e.problems.len()
        );
        for p in &e.problems {
            let _ = write!(
                s,
                "<li><b>{}</b> {} <code>{}</code>{}: {}</li>",
                esc(&p.severity),
                esc(&p.code),
                esc(&p.key),
                if p.line > 0 {
                    format!(" (line {})", p.line)
                } else {
                    String::new()
                },
                esc(&p.message)
            );
        }
        s.push_str("</ul></details>");
    }
    let _ = write!(
        s,
        "</td><td data-label=\"verdict\" class=\"{class}\">{}</td><td data-label=\"errors\">{}</td>\
         <td data-label=\"warnings\">{}</td><td data-label=\"change\">{}</td></tr>",
        verdict(e),
        e.errors,
        e.warnings,
        esc(&e.change)
    );
}

/// The catalogue's software as export rows: one JSON object per repository, with the
/// normalised descriptor.
pub fn export_rows(cat: &mut Catalogue) -> Result<Vec<Json>, Error> {
    let rows = cat.query(
        "SELECT id, url, name, publisher, version, valid, active, errors, warnings, source, \
         first_seen, last_seen, json FROM software ORDER BY id",
        &[],
    )?;
    Ok(rows
        .into_iter()
        .map(|r| {
            serde_json::json!({
                "id": r[0].text(), "url": r[1].text(), "name": r[2].text(),
                "publisher": r[3].text(), "version": r[4].text(),
                "valid": r[5].int() != 0, "active": r[6].int() != 0,
                "errors": r[7].int(), "warnings": r[8].int(), "source": r[9].text(),
                "first_seen": r[10].text(), "last_seen": r[11].text(),
                "publiccode": serde_json::from_str::<Json>(r[12].text()).unwrap_or(Json::Null),
            })
        })
        .collect())
}

/// Columns of the CSV export (the descriptor itself is left out).
pub const CSV_COLUMNS: &[&str] = &[
    "id",
    "url",
    "name",
    "publisher",
    "version",
    "valid",
    "active",
    "errors",
    "warnings",
    "source",
    "first_seen",
    "last_seen",
];

/// Writes the export rows as CSV.
pub fn write_csv(rows: &[Json], out: impl std::io::Write) -> Result<(), Error> {
    let mut w = csv::Writer::from_writer(out);
    let io = |e: csv::Error| Error::Other(format!("cannot write CSV: {e}"));
    w.write_record(CSV_COLUMNS).map_err(io)?;
    for r in rows {
        let rec: Vec<String> = CSV_COLUMNS
            .iter()
            .map(|c| match r.get(*c) {
                Some(Json::String(s)) => s.clone(),
                Some(v) => v.to_string(),
                None => String::new(),
            })
            .collect();
        w.write_record(&rec).map_err(io)?;
    }
    w.flush()
        .map_err(|e| Error::Other(format!("cannot write CSV: {e}")))
}
