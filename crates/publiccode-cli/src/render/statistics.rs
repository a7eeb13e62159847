//! `validate --statistics`: how often each rule code fired over all files, instead of
//! the diagnostics themselves, for triaging a catalogue or a large organisation
//! (in the manner of `ruff check --statistics`). As a table, or as JSON with
//! `--format json`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use publiccode::{Diagnostic, Severity};
use serde::Serialize;

/// The counts of one code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeCount {
    /// The rule code.
    pub code: String,
    /// The rule's kebab-case name, when registered.
    pub name: String,
    /// The severity reported (the most severe one seen, after `--warnings-as-errors`).
    pub severity: &'static str,
    /// How many diagnostics.
    pub count: usize,
    /// In how many files.
    pub files: usize,
    /// The rule's one-line summary, when registered.
    pub summary: String,
}

/// Counts over a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Statistics {
    /// One entry per code, most frequent first (then by code).
    pub statistics: Vec<CodeCount>,
    /// Files checked.
    pub files: usize,
    /// Files with at least one error.
    pub invalid: usize,
    /// Diagnostics silenced by inline suppressions.
    pub suppressed: usize,
}

/// Counts the diagnostics of `files` (each file's diagnostics, and how many were
/// suppressed in it).
#[cfg(test)]
pub fn count<'a>(files: impl IntoIterator<Item = (&'a [Diagnostic], usize)>) -> Statistics {
    let mut counter = Counter::default();
    for (diagnostics, silenced) in files {
        counter.add(diagnostics, silenced);
    }
    counter.finish()
}

/// The counts of a run, file by file as results arrive: it keeps one entry per rule
/// code, never the diagnostics, so `--statistics` over a catalogue runs in flat memory.
#[derive(Debug, Default)]
pub struct Counter {
    by_code: BTreeMap<String, (Severity, usize, usize)>,
    files: usize,
    invalid: usize,
    suppressed: usize,
}

impl Counter {
    /// Counts one file: its diagnostics, and how many were suppressed in it.
    pub fn add(&mut self, diagnostics: &[Diagnostic], silenced: usize) {
        self.files += 1;
        self.suppressed += silenced;
        if diagnostics.iter().any(Diagnostic::is_error) {
            self.invalid += 1;
        }
        let mut seen_here = std::collections::HashSet::new();
        for d in diagnostics {
            let e = match self.by_code.get_mut(d.code.as_ref()) {
                Some(e) => e,
                None => self
                    .by_code
                    .entry(d.code.to_string())
                    .or_insert((d.severity, 0, 0)),
            };
            e.0 = e.0.max(d.severity);
            e.1 += 1;
            if seen_here.insert(d.code.as_ref()) {
                e.2 += 1;
            }
        }
    }

    /// The statistics of everything counted.
    pub fn finish(self) -> Statistics {
        let rules = crate::commands::explain::all_rules();
        let mut statistics: Vec<CodeCount> = self
            .by_code
            .into_iter()
            .map(|(code, (severity, count, files))| {
                let rule = rules.iter().find(|r| r.code == code);
                CodeCount {
                    name: rule.map(|r| r.name.to_string()).unwrap_or_default(),
                    summary: rule.map(|r| r.summary.to_string()).unwrap_or_default(),
                    code,
                    severity: severity.as_str(),
                    count,
                    files,
                }
            })
            .collect();
        statistics.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.code.cmp(&b.code)));
        Statistics {
            statistics,
            files: self.files,
            invalid: self.invalid,
            suppressed: self.suppressed,
        }
    }
}

/// The table: `COUNT  FILES  CODE  SEVERITY  NAME  SUMMARY`, then a total line.
pub fn table(s: &Statistics) -> String {
    let mut out = String::new();
    if !s.statistics.is_empty() {
        let name_w = s
            .statistics
            .iter()
            .map(|c| c.name.len())
            .max()
            .unwrap_or(0)
            .max(4);
        let _ = writeln!(
            out,
            "{:>6} {:>6}  {:<7} {:<8} {:<name_w$}  summary",
            "count", "files", "code", "severity", "name"
        );
        for c in &s.statistics {
            let _ = writeln!(
                out,
                "{:>6} {:>6}  {:<7} {:<8} {:<name_w$}  {}",
                c.count, c.files, c.code, c.severity, c.name, c.summary
            );
        }
    }
    let total: usize = s.statistics.iter().map(|c| c.count).sum();
    let _ = write!(
        out,
        "{total} diagnostic{} of {} code{} in {} file{} ({} invalid)",
        if total == 1 { "" } else { "s" },
        s.statistics.len(),
        if s.statistics.len() == 1 { "" } else { "s" },
        s.files,
        if s.files == 1 { "" } else { "s" },
        s.invalid
    );
    if s.suppressed > 0 {
        let _ = write!(out, "; {} suppressed", s.suppressed);
    }
    out.push('\n');
    out
}

/// The JSON document: `{"statistics":[{code,name,severity,count,files,summary}],
/// "files","invalid","suppressed"}`.
pub fn json(s: &Statistics) -> String {
    let mut out = serde_json::to_string_pretty(s).unwrap_or_else(|_| "{}".into());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(code: &'static str, sev: Severity) -> Diagnostic {
        Diagnostic::new(code, sev, "", "m")
    }

    #[test]
    fn counts_per_code_and_file() {
        let a = [
            d("PC501", Severity::Warning),
            d("PC501", Severity::Warning),
            d("PC203", Severity::Error),
        ];
        let b = [d("PC501", Severity::Warning)];
        let c: Vec<Diagnostic> = vec![];
        let s = count([(&a[..], 1), (&b[..], 0), (&c[..], 2)]);
        assert_eq!(s.files, 3);
        assert_eq!(s.invalid, 1);
        assert_eq!(s.suppressed, 3);
        let rows: Vec<(&str, usize, usize)> = s
            .statistics
            .iter()
            .map(|c| (c.code.as_str(), c.count, c.files))
            .collect();
        assert_eq!(rows, [("PC501", 3, 2), ("PC203", 1, 1)]);
        assert_eq!(s.statistics[0].name, "deprecated-key");
        let t = table(&s);
        assert!(
            t.ends_with("4 diagnostics of 2 codes in 3 files (1 invalid); 3 suppressed\n"),
            "{t}"
        );
        let v: serde_json::Value = serde_json::from_str(&json(&s)).expect("JSON");
        assert_eq!(v["statistics"][0]["code"], "PC501");
        assert_eq!(v["statistics"][0]["files"], 2);
    }
}
