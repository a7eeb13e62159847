//! Guesses from a repository: git remote and tags, licence files, README, logo and
//! package manifests. Every source is optional and every guess says where it came from,
//! so the front end can show it and the user can overrule it. Contacts are never guessed.

use std::path::Path;
use std::process::Command;

use publiccode::checks::{image, license, text, url};

use crate::answers::{Answers, Dependency};
use crate::manifest::{self, Manifest};

/// Detections at or above this score are proposed; lower ones are only reported. The one
/// threshold of the licence detector, shared with the licence checks.
pub const LICENSE_THRESHOLD: f32 = publiccode_licence::THRESHOLD;

/// One inferred value and its origin.
#[derive(Debug, Clone, PartialEq)]
pub struct Guess<T> {
    /// The value.
    pub value: T,
    /// Where it came from, for people (`git remote "origin"`, `LICENSE (score 0.99)`).
    pub source: String,
    /// How sure the detection is (0 to 1), for licence detection.
    pub confidence: Option<f32>,
}

impl<T> Guess<T> {
    fn new(value: T, source: impl Into<String>) -> Guess<T> {
        Guess {
            value,
            source: source.into(),
            confidence: None,
        }
    }
}

/// Everything inferred from a repository.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inference {
    /// `name`.
    pub name: Option<Guess<String>>,
    /// `url`.
    pub url: Option<Guess<String>>,
    /// `softwareVersion`.
    pub software_version: Option<Guess<String>>,
    /// `releaseDate`.
    pub release_date: Option<Guess<String>>,
    /// `legal.license` (only detections scoring at least [`LICENSE_THRESHOLD`]).
    pub license: Option<Guess<String>>,
    /// The language the README (and so the inferred descriptions) is written in, a
    /// BCP 47 tag, from the README's file name or its text.
    pub language: Option<Guess<String>>,
    /// `shortDescription`, in [`Inference::language`] (English when unknown).
    pub short_description: Option<Guess<String>>,
    /// `longDescription`, in [`Inference::language`] (English when unknown).
    pub long_description: Option<Guess<String>>,
    /// `logo`.
    pub logo: Option<Guess<String>>,
    /// `platforms` hint.
    pub platforms: Option<Guess<Vec<String>>>,
    /// `dependsOn.open` hints.
    pub depends_on: Vec<Guess<Dependency>>,
    /// Licence evidence that disagrees (a manifest says MIT, a licence text GPL-2.0): never
    /// settled silently; the front end asks, or reports the choice as missing.
    pub license_conflict: Vec<Guess<String>>,
    /// Licence detections below [`LICENSE_THRESHOLD`]: never written, offered as the
    /// default answer when the wizard asks for the licence.
    pub license_candidates: Vec<Guess<String>>,
    /// Things found but not used (low-confidence licences, unreadable values …).
    pub notes: Vec<String>,
}

impl Inference {
    /// The language of the inferred descriptions (`en` when nothing says otherwise).
    pub fn description_language(&self) -> &str {
        self.language.as_ref().map_or("en", |g| g.value.as_str())
    }

    /// Fills the empty values of `answers` with the guesses and returns what was used, as
    /// (key, value, source), for display: a guess that a flag overrode, or a description
    /// in a language the file does not describe, is not listed. The descriptions go under
    /// [`Inference::description_language`] only when `answers` has a section for it.
    pub fn fill(&self, answers: &mut Answers) -> Vec<(String, String, String)> {
        let mut used = Vec::new();
        let mut set = |key: &str, slot: &mut Option<String>, g: &Option<Guess<String>>| {
            if let (None, Some(g)) = (&slot, g) {
                *slot = Some(g.value.clone());
                used.push((key.to_string(), g.value.clone(), g.source.clone()));
            }
        };
        set("name", &mut answers.name, &self.name);
        set("url", &mut answers.url, &self.url);
        set(
            "softwareVersion",
            &mut answers.software_version,
            &self.software_version,
        );
        set("releaseDate", &mut answers.release_date, &self.release_date);
        set("logo", &mut answers.logo, &self.logo);
        set("legal.license", &mut answers.license, &self.license);
        let lang = self.description_language().to_string();
        if let Some(d) = answers.descriptions.iter_mut().find(|d| d.lang == lang) {
            set(
                &format!("description.{lang}.shortDescription"),
                &mut d.short,
                &self.short_description,
            );
            set(
                &format!("description.{lang}.longDescription"),
                &mut d.long,
                &self.long_description,
            );
        }
        if answers.platforms.is_empty()
            && let Some(p) = &self.platforms
        {
            answers.platforms = p.value.clone();
            used.push(("platforms".into(), p.value.join(", "), p.source.clone()));
        }
        if answers.depends_on.is_empty() {
            for d in &self.depends_on {
                answers.depends_on.push(d.value.clone());
                let v = match &d.value.version_min {
                    Some(min) => format!("{} >= {min}", d.value.name),
                    None => d.value.name.clone(),
                };
                used.push(("dependsOn.open".into(), v, d.source.clone()));
            }
        }
        used
    }

    /// Every guess as (key, value, source), whether used or not.
    pub fn listing(&self) -> Vec<(&'static str, String, String)> {
        let mut out = Vec::new();
        let mut one = |k: &'static str, g: &Option<Guess<String>>| {
            if let Some(g) = g {
                out.push((k, g.value.clone(), g.source.clone()));
            }
        };
        one("name", &self.name);
        one("url", &self.url);
        one("softwareVersion", &self.software_version);
        one("releaseDate", &self.release_date);
        one("logo", &self.logo);
        one("legal.license", &self.license);
        one("language", &self.language);
        one("shortDescription", &self.short_description);
        one("longDescription", &self.long_description);
        if let Some(p) = &self.platforms {
            out.push(("platforms", p.value.join(", "), p.source.clone()));
        }
        for d in &self.depends_on {
            let v = match &d.value.version_min {
                Some(min) => format!("{} >= {min}", d.value.name),
                None => d.value.name.clone(),
            };
            out.push(("dependsOn.open", v, d.source.clone()));
        }
        out
    }
}

/// Infers what it can from the repository at `dir`. Never fails: a source that cannot be
/// read gives nothing (and maybe a note).
pub fn infer(dir: &Path) -> Inference {
    let mut inf = Inference::default();
    let manifests = manifest::read_all(dir);
    from_git(dir, &mut inf);
    from_licenses(dir, &manifests, &mut inf);
    from_readme(dir, &mut inf);
    from_manifests(&manifests, &mut inf);
    from_logo(dir, &mut inf);
    if inf.name.is_none()
        && let Some(n) = dir
            .canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().to_string()))
    {
        inf.name = Some(Guess::new(n, "the directory name"));
    }
    inf
}

/// Runs `git -C dir args…`; `None` when git is missing or fails.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "core.fsmonitor=false"])
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The latest version tag: (numeric key, is pre-release, version, tag, date).
type TagPick = (Vec<u64>, bool, String, String, String);

fn from_git(dir: &Path, inf: &mut Inference) {
    let remotes = git(dir, &["remote"]).unwrap_or_default();
    let mut names: Vec<&str> = remotes.lines().collect();
    names.sort_by_key(|n| (*n != "origin", *n != "upstream"));
    for remote in names {
        if let Some(u) =
            git(dir, &["remote", "get-url", remote]).and_then(|u| url::normalize_repo_url(&u))
        {
            let repo = u.rsplit('/').next().unwrap_or_default().to_string();
            if !repo.is_empty() {
                inf.name = Some(Guess::new(repo, format!("git remote \"{remote}\"")));
            }
            inf.url = Some(Guess::new(u, format!("git remote \"{remote}\"")));
            break;
        }
    }
    let Some(tags) = git(
        dir,
        &[
            "for-each-ref",
            "--format=%(refname:short)%09%(creatordate:short)",
            "refs/tags",
        ],
    ) else {
        return;
    };
    let mut best: Option<TagPick> = None;
    for line in tags.lines() {
        let Some((tag, date)) = line.split_once('\t') else {
            continue;
        };
        let Some((key, pre, version)) = parse_version_tag(tag) else {
            continue;
        };
        // Stable releases win over pre-releases, then the highest version.
        let better = match &best {
            None => true,
            Some((bk, bpre, ..)) => (!pre, &key) > (!*bpre, bk),
        };
        if better {
            best = Some((key, pre, version, tag.to_string(), date.to_string()));
        }
    }
    if let Some((_, _, version, tag, date)) = best {
        inf.software_version = Some(Guess::new(version, format!("git tag {tag}")));
        if publiccode::checks::date::parse_date(&date).is_some() {
            inf.release_date = Some(Guess::new(date, format!("date of git tag {tag}")));
        }
    }
}

/// Tag prefixes that announce a release (compared without case).
const RELEASE_PREFIXES: &[&str] = &["v", "release-", "release_", "release/", "rel-", "version-"];

/// A release tag (`v1.2.3`, `1.2.3`, `release-2.0.1-rc1`, `V2.0`) as (numeric key, is
/// pre-release, version text). Tags that merely contain digits (`issue-677`,
/// `ipp_to_casd_20180412`, `20180412`) are not versions: the version needs a dotted
/// `MAJOR.MINOR` core, and only a release prefix may stand before it.
pub fn parse_version_tag(tag: &str) -> Option<(Vec<u64>, bool, String)> {
    let start = tag.find(|c: char| c.is_ascii_digit())?;
    let prefix = tag[..start].to_ascii_lowercase();
    if !(prefix.is_empty() || RELEASE_PREFIXES.contains(&prefix.as_str())) {
        return None;
    }
    let version = &tag[start..];
    let core_end = version
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(version.len());
    let core = &version[..core_end];
    let parts: Vec<&str> = core.split('.').collect();
    if !(2..=4).contains(&parts.len()) || parts.iter().any(|p| p.is_empty() || p.len() > 8) {
        return None;
    }
    let key: Vec<u64> = parts
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let suffix = &version[core_end..];
    // `-rc1`, `+build.5`, `rc1`, `b2`: letters, digits, dots and dashes only.
    let suffix_ok = suffix.is_empty()
        || (suffix.starts_with(['-', '+'])
            || suffix.starts_with(|c: char| c.is_ascii_alphabetic()))
            && suffix.len() <= 40
            && suffix
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+'));
    if !suffix_ok {
        return None;
    }
    Some((key, !suffix.is_empty(), version.to_string()))
}

/// A licence id or expression, canonicalised when it is deprecated; `None` when invalid.
fn spdx_ok(expr: &str) -> Option<String> {
    let findings = license::check_license(expr);
    let mut out = expr.to_string();
    for f in findings {
        match f {
            license::LicenseFinding::Invalid { .. } => return None,
            license::LicenseFinding::Deprecated {
                id, replacements, ..
            } => {
                let r = replacements.first()?;
                out = out.replace(&id, r);
            }
            _ => {}
        }
    }
    Some(out)
}

/// One place in the repository that says which licence applies.
#[derive(Debug, Clone)]
struct Evidence {
    /// The SPDX expression it gives.
    expr: String,
    /// Where it comes from, for people.
    source: String,
    /// How sure (1 for declarations, the score for detected texts).
    confidence: f32,
}

/// The licence families an expression names (`GPL-2.0-or-later` and a detected GPL-2.0
/// text are the same family: a licence text does not say "only" or "or later").
fn families(expr: &str) -> Vec<String> {
    let mut out: Vec<String> = expr
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .filter(|t| !t.is_empty() && !matches!(*t, "AND" | "OR" | "WITH"))
        .map(publiccode_licence::family)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Whether two pieces of evidence can both be right: one names a subset of the other's
/// licences (a `LICENSE-MIT` file beside `license = "MIT OR Apache-2.0"`).
fn agree(a: &Evidence, b: &Evidence) -> bool {
    let (fa, fb) = (families(&a.expr), families(&b.expr));
    fa.iter().all(|f| fb.contains(f)) || fb.iter().all(|f| fa.contains(f))
}

fn from_licenses(dir: &Path, manifests: &[Manifest], inf: &mut Inference) {
    let mut evidence: Vec<Evidence> = Vec::new();
    // A licence declared in a manifest is an exact expression.
    for m in manifests {
        let Some(l) = &m.license else { continue };
        if m.private {
            inf.notes.push(format!(
                "{}: licence {l:?} of a private package is not evidence: not used",
                m.file
            ));
            continue;
        }
        match spdx_ok(l) {
            Some(expr) => evidence.push(Evidence {
                expr,
                source: m.file.to_string(),
                confidence: 1.0,
            }),
            None => inf.notes.push(format!(
                "{}: licence {l:?} is not an SPDX expression",
                m.file
            )),
        }
    }
    // REUSE: LICENSES/<SPDX id>.txt.
    let mut reuse: Vec<String> = std::fs::read_dir(dir.join("LICENSES"))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let p = e.path();
            let stem = p.file_stem()?.to_string_lossy().to_string();
            spdx::license_id(&stem).map(|_| stem)
        })
        .collect();
    reuse.sort();
    if !reuse.is_empty()
        && let Some(expr) = spdx_ok(&reuse.join(" AND "))
    {
        evidence.push(Evidence {
            expr,
            source: "LICENSES/ (REUSE file names)".into(),
            confidence: 1.0,
        });
    }
    if reuse.is_empty()
        && let Some(e) = from_licence_texts(dir, inf)
    {
        evidence.push(e);
    }
    decide_license(evidence, inf);
}

/// `source says expr`, without repeating an expression the source already names.
pub fn said_by(source: &str, expr: &str) -> String {
    if source.contains(expr) {
        source.to_string()
    } else {
        format!("{source} says {expr}")
    }
}

/// Settles the licence from the evidence, or reports the disagreement.
fn decide_license(evidence: Vec<Evidence>, inf: &mut Inference) {
    let Some(first) = evidence.first() else {
        return;
    };
    let conflict = evidence
        .iter()
        .enumerate()
        .any(|(i, a)| evidence[i + 1..].iter().any(|b| !agree(a, b)));
    if conflict {
        let said: Vec<String> = evidence
            .iter()
            .map(|e| said_by(&e.source, &e.expr))
            .collect();
        inf.notes.push(format!(
            "the repository disagrees about the licence: {}; choose one",
            said.join("; ")
        ));
        inf.license_conflict = evidence
            .into_iter()
            .map(|e| Guess {
                value: e.expr,
                source: e.source,
                confidence: Some(e.confidence),
            })
            .collect();
        return;
    }
    // Declarations before detections (they are exact), then the widest expression.
    let best = evidence
        .iter()
        .filter(|e| e.confidence >= 1.0)
        .rev()
        .max_by_key(|e| families(&e.expr).len())
        .unwrap_or(first);
    inf.license = Some(Guess {
        value: best.expr.clone(),
        source: best.source.clone(),
        confidence: Some(best.confidence),
    });
}

/// Root licence files (`LICENSE*`, `LICENCE*`, `COPYING*`) as detected text evidence:
/// several files side by side (`LICENSE-MIT`, `LICENSE-APACHE`) offer a choice.
fn from_licence_texts(dir: &Path, inf: &mut Inference) -> Option<Evidence> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let upper = name.to_ascii_uppercase();
            let is_licence = ["LICENSE", "LICENCE", "COPYING"]
                .iter()
                .any(|p| upper.starts_with(p));
            if !is_licence || !e.path().is_file() {
                return None;
            }
            let text = crate::repo_file::read_text(dir, &name)?;
            Some((name, text))
        })
        .collect();
    if files.is_empty() {
        return None;
    }
    files.sort();
    let mut detected: Vec<(String, String, f32)> = Vec::new();
    for (name, content) in &files {
        // The common licences come from a compile-time table; other texts load the
        // full detection data once.
        let Some(found) = publiccode_licence::closest(content) else {
            inf.notes
                .push("licence detection unavailable: the detection data cannot be loaded".into());
            return None;
        };
        let (id, score) = (found.id, found.score);
        if score >= LICENSE_THRESHOLD {
            detected.push((name.clone(), id, score));
            continue;
        }
        if spdx::license_id(&id).is_some() {
            inf.license_candidates.push(Guess {
                value: id.clone(),
                source: format!("{name}, score {score:.2}"),
                confidence: Some(score),
            });
        }
        inf.notes.push(format!(
            "{name}: closest licence is {id} with score {score:.2}, below {LICENSE_THRESHOLD}: not used"
        ));
    }
    let mut ids: Vec<&str> = Vec::new();
    for (_, id, _) in &detected {
        if !ids.contains(&id.as_str()) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        return None;
    }
    let expr = spdx_ok(&ids.join(" OR "))?;
    let source = detected
        .iter()
        .map(|(f, id, s)| format!("{f}: {id}, score {s:.2}"))
        .collect::<Vec<_>>()
        .join("; ");
    Some(Evidence {
        expr,
        source: format!("licence text detection ({source})"),
        confidence: detected.iter().map(|d| d.2).fold(1.0_f32, f32::min),
    })
}

fn from_manifests(manifests: &[Manifest], inf: &mut Inference) {
    let mut name_from_manifest = false;
    for m in manifests {
        if !name_from_manifest && let Some(n) = &m.name {
            inf.name = Some(Guess::new(n.clone(), m.file));
            name_from_manifest = true;
        }
        if inf.software_version.is_none()
            && let Some(v) = &m.version
            && v.trim_start_matches(['0', '.']).is_empty()
        {
            inf.notes.push(format!(
                "{}: version {v} is a scaffold default, not a release: not used",
                m.file
            ));
        } else if inf.software_version.is_none()
            && let Some(v) = &m.version
        {
            inf.software_version = Some(Guess::new(v.clone(), m.file));
        }
        if let Some(d) = &m.description {
            let d = one_line(d);
            if !is_description(&d) {
                inf.notes.push(format!(
                    "{}: description {d:?} does not describe the software: not used",
                    m.file
                ));
            } else if let Some(short) = shorten(&d) {
                // A manifest's own one-line description beats the README's first paragraph.
                let detected = detect_language(&d);
                if inf.language.is_none()
                    && let Some(l) = &detected
                {
                    inf.language = Some(Guess::new(
                        l.clone(),
                        format!("{} description (language of its text)", m.file),
                    ));
                }
                let readme_lang = inf.description_language().to_string();
                match detected {
                    Some(l) if l != readme_lang => inf.notes.push(format!(
                        "{}: description is in {l}, the README in {readme_lang}: not used",
                        m.file
                    )),
                    _ => {
                        if inf
                            .short_description
                            .as_ref()
                            .is_none_or(|g| g.source.to_ascii_uppercase().starts_with("README"))
                        {
                            inf.short_description =
                                Some(Guess::new(short, format!("{} description", m.file)));
                        }
                    }
                }
            }
        }
        if inf.platforms.is_none() && !m.platforms.is_empty() {
            inf.platforms = Some(Guess::new(
                m.platforms.clone(),
                format!("{} (hint)", m.file),
            ));
        }
        for d in &m.depends_on {
            if !inf.depends_on.iter().any(|g| g.value.name == d.name) {
                inf.depends_on.push(Guess::new(d.clone(), m.file));
            }
        }
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Fits a text into a short description (at most 150 grapheme clusters): the first
/// sentence when it fits, else a cut at a word boundary.
pub fn shorten(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if text::grapheme_len(s) <= 150 {
        return Some(s.to_string());
    }
    if let Some(end) = s.find(". ")
        && text::grapheme_len(&s[..=end]) <= 150
    {
        return Some(s[..=end].to_string());
    }
    let mut out = String::new();
    for word in s.split(' ') {
        if text::grapheme_len(&out) + text::grapheme_len(word) + 2 > 150 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        return None;
    }
    out.push('…');
    Some(out)
}

/// Removes inline Markdown that reads badly in a one-line description.
fn plain(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    // [text](url) → text
    while let Some(a) = rest.find('[') {
        out.push_str(&rest[..a]);
        let after = &rest[a + 1..];
        match after
            .find("](")
            .and_then(|b| after[b..].find(')').map(|c| (b, b + c)))
        {
            Some((b, c)) => {
                out.push_str(&after[..b]);
                rest = &after[c + 1..];
            }
            None => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.replace("**", "").replace("__", "").replace('`', "")
}

fn is_underline(line: Option<&&str>) -> bool {
    line.is_some_and(|n| {
        let n = n.trim();
        n.len() >= 3 && (n.chars().all(|c| c == '=') || n.chars().all(|c| c == '-'))
    })
}

/// The README's title and prose paragraphs (headings, badges, HTML, code and lists skipped).
pub fn readme_parts(content: &str) -> (Option<String>, Vec<String>) {
    let lines: Vec<&str> = content.lines().collect();
    let mut title = None;
    let mut paragraphs = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut in_code = false;
    let mut i = 0;
    let flush = |current: &mut Vec<&str>, paragraphs: &mut Vec<String>| {
        if !current.is_empty() {
            paragraphs.push(current.join("\n"));
            current.clear();
        }
    };
    while i < lines.len() {
        let t = lines[i].trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_code = !in_code;
            flush(&mut current, &mut paragraphs);
        } else if in_code {
        } else if !t.is_empty() && current.is_empty() && is_underline(lines.get(i + 1)) {
            if title.is_none() {
                title = Some(plain(t));
            }
            i += 1;
        } else if let Some(h) = t.strip_prefix('#') {
            flush(&mut current, &mut paragraphs);
            if title.is_none() {
                title = Some(plain(h.trim_start_matches('#').trim()));
            }
        } else if t.is_empty() {
            flush(&mut current, &mut paragraphs);
        } else if current.is_empty()
            && (t.starts_with("[![")
                || t.starts_with("![")
                || t.starts_with('<')
                || t.starts_with(['-', '*', '+', '|', '>', '='])
                || t.starts_with(".. ")
                || t.starts_with(':') && t[1..].contains(':')
                || t.chars().next().is_some_and(|c| c.is_ascii_digit()) && t.contains(". "))
        {
            // Not prose: skip the whole block.
            while i + 1 < lines.len() && !lines[i + 1].trim().is_empty() {
                i += 1;
            }
        } else {
            current.push(t);
        }
        i += 1;
    }
    flush(&mut current, &mut paragraphs);
    (title, paragraphs)
}

/// Extensions of README files, most preferred first.
const README_EXTENSIONS: &[&str] = &["md", "markdown", "", "rst", "txt", "adoc", "org"];

/// How a README file name ranks (lower is better) and the language its name gives:
/// `README.md` before `README.rst` before `README.en.md` before `README.it.md`.
/// `None` for a file that is not a README.
pub fn readme_rank(name: &str) -> Option<((u8, u8, String), Option<String>)> {
    let upper = name.to_ascii_uppercase();
    let rest = upper.strip_prefix("README")?;
    let rest = &name[name.len() - rest.len()..];
    if !(rest.is_empty() || rest.starts_with(['.', '_', '-'])) {
        return None;
    }
    let parts: Vec<&str> = rest
        .split(['.', '_', '-'])
        .filter(|p| !p.is_empty())
        .collect();
    let (ext, lang_part) = match parts.as_slice() {
        [] => ("", None),
        [one] if README_EXTENSIONS.contains(&one.to_ascii_lowercase().as_str()) => (*one, None),
        [one] => ("", Some(*one)),
        [lang, ext] => (*ext, Some(*lang)),
        [lang, region, ext] => {
            let ext = *ext;
            let tag = format!("{lang}-{region}");
            let ext_rank = README_EXTENSIONS
                .iter()
                .position(|e| e.eq_ignore_ascii_case(ext))? as u8;
            return language_of_name(&tag).map(|l| ((2, ext_rank, name.to_string()), Some(l)));
        }
        _ => return None,
    };
    let ext_rank = README_EXTENSIONS
        .iter()
        .position(|e| e.eq_ignore_ascii_case(ext))? as u8;
    match lang_part {
        None => Some(((0, ext_rank, name.to_string()), None)),
        Some(l) => {
            let lang = language_of_name(l)?;
            let group = if lang == "en" { 1 } else { 2 };
            Some(((group, ext_rank, name.to_string()), Some(lang)))
        }
    }
}

/// A language tag written in a file name (`it`, `pt-BR`, `pt_br`), normalised.
fn language_of_name(part: &str) -> Option<String> {
    let mut tag = part.replace('_', "-");
    if let Some((l, r)) = tag.split_once('-') {
        tag = format!("{}-{}", l.to_ascii_lowercase(), r.to_ascii_uppercase());
    } else {
        tag = tag.to_ascii_lowercase();
    }
    let primary = tag.split('-').next().unwrap_or_default();
    (primary.len() == 2 && publiccode::checks::bcp47::check_language_tag(&tag).is_ok())
        .then_some(tag)
}

/// The language of a text as a 2-letter code, when the detector is sure of it.
pub fn detect_language(text: &str) -> Option<String> {
    if text.split_whitespace().count() < 4 {
        return None;
    }
    let info = whatlang::detect(text)?;
    // whatlang's own "reliable" flag wants long texts; READMEs open with a sentence.
    if !(info.is_reliable() || info.confidence() >= 0.5) {
        return None;
    }
    let three = info.lang().code();
    publiccode::data::languages::ISO639_2_TO_1
        .iter()
        .find(|(t, _)| *t == three)
        .map(|(_, two)| two.to_string())
}

/// Placeholder descriptions that scaffolding tools write (package.json, Cargo, Maven …).
const PLACEHOLDERS: &[&str] = &[
    "todo",
    "tbd",
    "description",
    "my project",
    "my app",
    "a vue.js project",
    "a react project",
    "a new flutter project",
    "an angular project",
    "enter description here",
    "add a description",
    "add your description here",
    "project description",
    "put your description here",
    "a short description of the project",
    "demo project for spring boot",
    "a simple project",
];

/// Whether a text can serve as a description: prose, not a badge line, a bare link, an
/// RST field list, a heading or a scaffolding placeholder.
pub fn is_description(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() {
        return false;
    }
    let lower = t.trim_end_matches('.').to_ascii_lowercase();
    if PLACEHOLDERS.contains(&lower.as_str()) || lower.contains("lorem ipsum") {
        return false;
    }
    // Badges, images, HTML, RST fields and directives.
    if t.starts_with("[![")
        || t.starts_with("![")
        || t.starts_with('<')
        || t.starts_with(".. ")
        || t.starts_with(':') && t[1..].contains(": ")
        || t.starts_with(':') && t.ends_with(':')
    {
        return false;
    }
    // What is left once links and URLs are taken out must be words.
    let prose = plain(t);
    let words: Vec<&str> = prose
        .split_whitespace()
        .filter(|w| !w.contains("://") && !w.starts_with("www."))
        .collect();
    let letters = words
        .iter()
        .flat_map(|w| w.chars())
        .filter(|c| c.is_alphabetic())
        .count();
    words.len() >= 3 && letters >= 12
}

fn from_readme(dir: &Path, inf: &mut Inference) {
    let mut candidates: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_file())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            readme_rank(&name).map(|(rank, lang)| (rank, name, lang))
        })
        .collect();
    candidates.sort();
    let Some((_, file, name_lang)) = candidates.into_iter().next() else {
        return;
    };
    let Some(content) = crate::repo_file::read_text(dir, &file) else {
        return;
    };
    let (title, paragraphs) = readme_parts(&content);
    let paragraphs: Vec<String> = paragraphs
        .into_iter()
        .filter(|p| is_description(&one_line(p)))
        .collect();
    let sample = paragraphs.join("\n\n");
    inf.language = match (name_lang, detect_language(&sample)) {
        (Some(l), _) => Some(Guess::new(l, format!("{file} (file name)"))),
        (None, Some(l)) => Some(Guess::new(l, format!("{file} (language of its text)"))),
        (None, None) => None,
    };
    if inf.short_description.is_none() {
        let draft = paragraphs
            .first()
            .map(|p| one_line(&plain(p)))
            .and_then(|p| shorten(&p))
            .map(|s| (s, "first paragraph"))
            .or_else(|| {
                title
                    .as_deref()
                    .filter(|t| is_description(t))
                    .and_then(shorten)
                    .map(|s| (s, "title"))
            });
        if let Some((s, part)) = draft {
            inf.short_description = Some(Guess::new(s, format!("{file}, {part}")));
        }
    }
    let mut long = String::new();
    let mut used = 0;
    for p in &paragraphs {
        let next = if long.is_empty() {
            p.clone()
        } else {
            format!("{long}\n\n{p}")
        };
        if text::grapheme_len(&next) > 9_999 {
            break;
        }
        long = next;
        used += 1;
        if text::grapheme_len(&long) >= 150 {
            break;
        }
    }
    if text::grapheme_len(&long) >= 150 {
        let what = if used == 1 {
            "first paragraph".to_string()
        } else {
            format!("first {used} paragraphs")
        };
        inf.long_description = Some(Guess::new(long, format!("{file}, {what}")));
    } else if !paragraphs.is_empty() {
        inf.notes.push(format!(
            "{file}: the opening paragraphs are shorter than 150 characters, too short for longDescription"
        ));
    }
}

fn from_logo(dir: &Path, inf: &mut Inference) {
    for sub in ["", "docs", "assets"] {
        for name in ["logo.svg", "logo.png"] {
            let rel = if sub.is_empty() {
                name.to_string()
            } else {
                format!("{sub}/{name}")
            };
            let Some(bytes) = crate::repo_file::read_bytes(dir, &rel, 64 * 1024, true) else {
                continue;
            };
            let ext = name.rsplit('.').next().unwrap_or_default();
            match image::ImageKind::from_extension(ext).map(|k| image::check_image(&bytes, k)) {
                Some(Ok(())) => {
                    inf.logo = Some(Guess::new(rel.clone(), rel));
                    return;
                }
                Some(Err(e)) => inf.notes.push(format!("{rel}: not used as logo: {e}")),
                None => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        assert_eq!(
            parse_version_tag("v1.2.3").map(|t| t.2),
            Some("1.2.3".into())
        );
        assert!(parse_version_tag("release-2.0").is_some());
        assert!(parse_version_tag("1.2.3").is_some());
        assert!(parse_version_tag("V2.0").is_some());
        assert!(parse_version_tag("foo").is_none());
        assert!(parse_version_tag("x1").is_none());
        // Tags that contain digits but are not releases.
        for tag in [
            "issue-677",
            "ipp_to_casd_20180412",
            "20180412",
            "v1",
            "feature/1.2",
            "1.2.3_old_build",
            "build-2024.01.01",
        ] {
            assert!(parse_version_tag(tag).is_none(), "{tag}");
        }
        assert_eq!(parse_version_tag("v2.0.0-rc1").map(|t| t.1), Some(true));
    }

    #[test]
    fn readme() {
        let (t, p) = readme_parts(
            "# Tool\n\n[![badge](x)](y)\n\nA [tool](http://x) for\nthings.\n\n```\ncode\n```\n\n- list\n\nSecond.\n",
        );
        assert_eq!(t.as_deref(), Some("Tool"));
        assert_eq!(
            p,
            vec![
                "A [tool](http://x) for\nthings.".to_string(),
                "Second.".to_string()
            ]
        );
        assert_eq!(plain("A [tool](http://x) **x**"), "A tool x");
    }

    #[test]
    fn readme_choice() {
        let mut names = vec![
            "README.it.md",
            "README.rst",
            "README.md",
            "README.en.md",
            "README",
            "README_de.md",
            "readme.pt-BR.md",
        ];
        names.sort_by_key(|n| readme_rank(n).map(|r| r.0));
        assert_eq!(
            names,
            vec![
                "README.md",
                "README",
                "README.rst",
                "README.en.md",
                "README.it.md",
                "README_de.md",
                "readme.pt-BR.md"
            ]
        );
        assert_eq!(
            readme_rank("README.it.md").and_then(|r| r.1),
            Some("it".into())
        );
        assert_eq!(
            readme_rank("readme.pt-BR.md").and_then(|r| r.1),
            Some("pt-BR".into())
        );
        assert!(readme_rank("READMEFIRST.txt").is_none());
        assert!(readme_rank("README.md.orig").is_none());
    }

    #[test]
    fn languages() {
        assert_eq!(
            detect_language(
                "Il software permette ai comuni di pubblicare i moduli online in modo accessibile."
            )
            .as_deref(),
            Some("it")
        );
        assert_eq!(
            detect_language("The software lets municipalities publish accessible online forms.")
                .as_deref(),
            Some("en")
        );
        assert_eq!(detect_language("Tool"), None);
    }

    #[test]
    fn not_descriptions() {
        for t in [
            "[![Build](https://ci/badge.svg)](https://ci)",
            "https://example.org/docs",
            "[Documentation](https://example.org/docs)",
            ":Author: Jane Doe",
            ":Version: 1.0",
            "A Vue.js project",
            "TODO",
            "",
        ] {
            assert!(!is_description(t), "{t:?}");
        }
        assert!(is_description("Accessible online forms for municipalities"));
    }

    #[test]
    fn licence_evidence() {
        let ev = |expr: &str, source: &str, confidence: f32| Evidence {
            expr: expr.into(),
            source: source.into(),
            confidence,
        };
        let mut inf = Inference::default();
        decide_license(
            vec![
                ev("MIT", "package.json", 1.0),
                ev("GPL-2.0-only", "setup.py", 1.0),
                ev("GPL-2.0-only", "licence text detection (COPYING)", 0.98),
            ],
            &mut inf,
        );
        assert_eq!(inf.license, None);
        assert_eq!(inf.license_conflict.len(), 3);
        let mut inf = Inference::default();
        decide_license(
            vec![
                ev("MIT OR Apache-2.0", "Cargo.toml", 1.0),
                ev("MIT", "licence text detection (LICENSE-MIT)", 0.99),
            ],
            &mut inf,
        );
        assert_eq!(
            inf.license.map(|g| g.value),
            Some("MIT OR Apache-2.0".into())
        );
        let mut inf = Inference::default();
        decide_license(
            vec![
                ev("GPL-2.0-or-later", "setup.py", 1.0),
                ev("GPL-2.0-only", "licence text detection (COPYING)", 0.98),
            ],
            &mut inf,
        );
        assert_eq!(
            inf.license.map(|g| g.value),
            Some("GPL-2.0-or-later".into())
        );
    }

    #[test]
    fn shortening() {
        let long = "word ".repeat(60);
        let s = shorten(&long).unwrap_or_default();
        assert!(text::grapheme_len(&s) <= 150);
    }
}
