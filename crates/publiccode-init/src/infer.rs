//! Guesses from a repository: git remote and tags, licence files, README, logo and
//! package manifests. Every source is optional and every guess says where it came from,
//! so the front end can show it and the user can overrule it. Contacts are never guessed.

use std::path::Path;
use std::process::Command;

use publiccode::checks::{image, license, text, url};

use crate::answers::{Answers, Dependency};
use crate::manifest::{self, Manifest};

/// Detections at or above this score are proposed; lower ones are only reported.
pub const LICENSE_THRESHOLD: f32 = 0.9;

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
    /// `shortDescription`, for the first description language.
    pub short_description: Option<Guess<String>>,
    /// `longDescription`, for the first description language.
    pub long_description: Option<Guess<String>>,
    /// `logo`.
    pub logo: Option<Guess<String>>,
    /// `platforms` hint.
    pub platforms: Option<Guess<Vec<String>>>,
    /// `dependsOn.open` hints.
    pub depends_on: Vec<Guess<Dependency>>,
    /// Licence detections below [`LICENSE_THRESHOLD`]: never written, offered as the
    /// default answer when the wizard asks for the licence.
    pub license_candidates: Vec<Guess<String>>,
    /// Things found but not used (low-confidence licences, unreadable values …).
    pub notes: Vec<String>,
}

impl Inference {
    /// Fills the empty values of `answers` with the guesses; `lang` is the language the
    /// README and manifest descriptions are assumed to be written in.
    pub fn fill(&self, answers: &mut Answers, lang: &str) {
        fn set(slot: &mut Option<String>, g: &Option<Guess<String>>) {
            if slot.is_none() {
                *slot = g.as_ref().map(|g| g.value.clone());
            }
        }
        set(&mut answers.name, &self.name);
        set(&mut answers.url, &self.url);
        set(&mut answers.software_version, &self.software_version);
        set(&mut answers.release_date, &self.release_date);
        set(&mut answers.license, &self.license);
        set(&mut answers.logo, &self.logo);
        if answers.platforms.is_empty()
            && let Some(p) = &self.platforms
        {
            answers.platforms = p.value.clone();
        }
        if answers.depends_on.is_empty() {
            answers.depends_on = self.depends_on.iter().map(|g| g.value.clone()).collect();
        }
        let d = answers.description_mut(lang);
        set(&mut d.short, &self.short_description);
        set(&mut d.long, &self.long_description);
    }

    /// Every guess as (key, value, source), for display.
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
    from_manifests(&manifests, &mut inf);
    from_readme(dir, &mut inf);
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

/// `v1.2.3`, `1.2`, `release-2.0.1-rc1` … as (numeric key, is pre-release, version text).
pub fn parse_version_tag(tag: &str) -> Option<(Vec<u64>, bool, String)> {
    let start = tag.find(|c: char| c.is_ascii_digit())?;
    let prefix = &tag[..start];
    if !(prefix.is_empty() || prefix == "v" || prefix == "V" || prefix.ends_with(['-', '_', '/'])) {
        return None;
    }
    let version = &tag[start..];
    let core_end = version
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(version.len());
    let core = version[..core_end].trim_end_matches('.');
    let key: Vec<u64> = core
        .split('.')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let pre = core_end < version.len();
    Some((key, pre, version.to_string()))
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

fn from_licenses(dir: &Path, manifests: &[Manifest], inf: &mut Inference) {
    // A licence declared in a manifest is an exact expression: prefer it.
    for m in manifests {
        if let Some(l) = &m.license {
            match spdx_ok(l) {
                Some(expr) => {
                    if inf.license.is_none() {
                        inf.license = Some(Guess {
                            value: expr,
                            source: m.file.to_string(),
                            confidence: Some(1.0),
                        });
                    }
                }
                None => inf.notes.push(format!(
                    "{}: licence {l:?} is not an SPDX expression",
                    m.file
                )),
            }
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
    // Root files: LICENSE*, LICENCE*, COPYING*.
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
            let text = std::fs::read_to_string(e.path()).ok()?;
            Some((name, text))
        })
        .collect();
    files.sort();
    let mut detected: Vec<(String, String, f32)> = Vec::new();
    if !files.is_empty() && inf.license.is_none() && reuse.is_empty() {
        match spdx::detection::Store::load_inline() {
            Ok(store) => {
                for (name, content) in &files {
                    let data = spdx::detection::TextData::new(content);
                    let m = store.analyze(&data);
                    let (id, score) = prefer_common(&store, &data, m.name, m.score);
                    if score >= LICENSE_THRESHOLD {
                        detected.push((name.clone(), id, score));
                    } else {
                        if spdx::license_id(&id).is_some() {
                            inf.license_candidates.push(Guess {
                                value: id.clone(),
                                source: format!("{name}, score {score:.2}"),
                                confidence: Some(score),
                            });
                        }
                        inf.notes.push(format!(
                            "{name}: closest licence is {} with score {:.2}, below {LICENSE_THRESHOLD}: not used",
                            m.name, m.score
                        ));
                    }
                }
            }
            Err(e) => inf
                .notes
                .push(format!("licence detection unavailable: {e}")),
        }
    }
    if inf.license.is_some() {
        return;
    }
    if !reuse.is_empty() {
        let expr = reuse.join(" AND ");
        if let Some(expr) = spdx_ok(&expr) {
            inf.license = Some(Guess {
                value: expr,
                source: "LICENSES/ (REUSE file names)".into(),
                confidence: Some(1.0),
            });
            return;
        }
    }
    let mut ids: Vec<&str> = Vec::new();
    for (_, id, _) in &detected {
        if !ids.contains(&id.as_str()) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        return;
    }
    // Several licence files side by side (LICENSE-MIT, LICENSE-APACHE) offer a choice.
    let expr = ids.join(" OR ");
    if let Some(expr) = spdx_ok(&expr) {
        let source = detected
            .iter()
            .map(|(f, id, s)| format!("{f}: {id}, score {s:.2}"))
            .collect::<Vec<_>>()
            .join("; ");
        let confidence = detected.iter().map(|d| d.2).fold(1.0_f32, f32::min);
        inf.license = Some(Guess {
            value: expr,
            source: format!("licence text detection ({source})"),
            confidence: Some(confidence),
        });
    }
}

/// Licences public software mostly uses. Some rarer licences are near copies of these
/// (Pixar is Apache-2.0 with a changed clause), so a common licence scoring almost as well
/// as the best match is preferred to it.
const COMMON: &[&str] = &[
    "Apache-2.0",
    "MIT",
    "EUPL-1.2",
    "AGPL-3.0-only",
    "AGPL-3.0-or-later",
    "GPL-3.0-only",
    "GPL-3.0-or-later",
    "GPL-2.0-only",
    "GPL-2.0-or-later",
    "LGPL-3.0-only",
    "LGPL-2.1-only",
    "MPL-2.0",
    "BSD-3-Clause",
    "BSD-2-Clause",
    "ISC",
    "EUPL-1.1",
];

/// Gap within which a common licence wins over the best, rarer match.
const COMMON_MARGIN: f32 = 0.05;

fn prefer_common(
    store: &spdx::detection::Store,
    data: &spdx::detection::TextData,
    best: &str,
    score: f32,
) -> (String, f32) {
    if COMMON.contains(&best) {
        return (best.to_string(), score);
    }
    let mut pick = (best.to_string(), score);
    let mut pick_common = 0.0_f32;
    for id in COMMON {
        if let Some(original) = store.get_original(id) {
            let s = original.match_score(data);
            if s >= score - COMMON_MARGIN && s > pick_common {
                pick = (id.to_string(), s);
                pick_common = s;
            }
        }
    }
    pick
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
        {
            inf.software_version = Some(Guess::new(v.clone(), m.file));
        }
        if inf.short_description.is_none()
            && let Some(d) = &m.description
            && let Some(short) = shorten(&one_line(d))
        {
            inf.short_description = Some(Guess::new(short, format!("{} description", m.file)));
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

fn from_readme(dir: &Path, inf: &mut Inference) {
    let mut candidates: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| {
            let u = n.to_ascii_uppercase();
            u == "README" || u.starts_with("README.")
        })
        .collect();
    candidates.sort_by_key(|n| (!n.to_ascii_lowercase().ends_with(".md"), n.clone()));
    let Some(file) = candidates.first() else {
        return;
    };
    let Ok(content) = std::fs::read_to_string(dir.join(file)) else {
        return;
    };
    let (title, paragraphs) = readme_parts(&content);
    if inf.short_description.is_none() {
        let draft = paragraphs
            .first()
            .map(|p| one_line(&plain(p)))
            .and_then(|p| shorten(&p))
            .map(|s| (s, "first paragraph"))
            .or_else(|| title.as_deref().and_then(shorten).map(|s| (s, "title")));
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
            let Ok(bytes) = std::fs::read(dir.join(&rel)) else {
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
        assert!(parse_version_tag("foo").is_none());
        assert!(parse_version_tag("x1").is_none());
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
    fn shortening() {
        let long = "word ".repeat(60);
        let s = shorten(&long).unwrap_or_default();
        assert!(text::grapheme_len(&s) <= 150);
    }
}
