//! US `code.json`: the GSA code.gov 2.0.0 agency index (Federal Source Code Policy,
//! M-16-21), its 1.0.1 predecessor, and the DSACMS gov-codejson 2.0.0 per-repository
//! file of the SHARE IT Act. Which one applies is read from the file's shape.

use publiccode::yaml::Node;
use publiccode::{KeyPath, Severity};

use super::schema::{Codes, Cx, F, Fmt, Obj, Ty, as_string, walk};

pub(crate) const CODES: Codes = Codes {
    missing: "CJ002",
    ty: "CJ003",
    enum_: "CJ004",
    unknown: "CJ005",
    format: "CJ009",
    url: "https://github.com/DSACMS/gov-codejson",
};

const GSA_USAGE: &[&str] = &[
    "openSource",
    "governmentWideReuse",
    "exemptByLaw",
    "exemptByNationalSecurity",
    "exemptByAgencySystem",
    "exemptByAgencyMission",
    "exemptByCIO",
    "exemptByPolicyDate",
];
const DSACMS_USAGE: &[&str] = &[
    "openSource",
    "governmentWideReuse",
    "exemptByNationalSecurity",
    "exemptByNationalIntelligence",
    "exemptByFOIA",
    "exemptByEAR",
    "exemptByITAR",
    "exemptByTSA",
    "exemptByClassifiedInformation",
    "exemptByPrivacyRisk",
    "exemptByIPRestriction",
    "exemptByAgencySystem",
    "exemptByAgencyMission",
    "exemptByCIO",
    "exemptByPolicyDate",
];
const STATUS: &[&str] = &[
    "Ideation",
    "Development",
    "Alpha",
    "Beta",
    "Release Candidate",
    "Production",
    "Archival",
];
const DSACMS_LICENSES: &[&str] = &[
    "CC0-1.0",
    "Apache-2.0",
    "MIT",
    "MPL-2.0",
    "GPL-2.0-only",
    "GPL-3.0-only",
    "GPL-3.0-or-later",
    "LGPL-2.1-only",
    "LGPL-3.0-only",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "EPL-2.0",
    "Other",
    "None",
];

const NAME_URL: &Obj = &Obj {
    fields: &[
        F {
            name: "name",
            ty: Ty::Str,
            req: false,
        },
        F {
            name: "URL",
            ty: Ty::Fmt(Fmt::Uri),
            req: false,
        },
    ],
    strict: true,
};
const RELATED: &Obj = &Obj {
    fields: &[
        F {
            name: "name",
            ty: Ty::Str,
            req: false,
        },
        F {
            name: "URL",
            ty: Ty::Fmt(Fmt::Uri),
            req: false,
        },
        F {
            name: "isGovernmentRepo",
            ty: Ty::Bool,
            req: false,
        },
    ],
    strict: true,
};
const PARTNER: &Obj = &Obj {
    fields: &[
        F {
            name: "name",
            ty: Ty::Str,
            req: false,
        },
        F {
            name: "email",
            ty: Ty::Str,
            req: false,
        },
    ],
    strict: true,
};

fn gsa_license_name(node: &Node, path: &str, cx: &mut Cx<'_>) {
    super::schema::spdx_warning(
        node,
        path,
        cx,
        "CJ008",
        ("licence name", "an SPDX identifier"),
    );
}

const GSA_LICENSE: &Obj = &Obj {
    fields: &[
        F {
            name: "URL",
            ty: Ty::Fmt(Fmt::Uri),
            req: false,
        },
        F {
            name: "name",
            ty: Ty::Custom(gsa_license_name),
            req: false,
        },
    ],
    strict: true,
};
const GSA_PERMISSIONS: &Obj = &Obj {
    fields: &[
        F {
            name: "licenses",
            ty: Ty::Nullable(&Ty::List(&Ty::Obj(GSA_LICENSE))),
            req: true,
        },
        F {
            name: "usageType",
            ty: Ty::Enum(GSA_USAGE),
            req: true,
        },
        F {
            name: "exemptionText",
            ty: Ty::Nullable(&Ty::Str),
            req: false,
        },
    ],
    strict: true,
};
const GSA_DATE: &Obj = &Obj {
    fields: &[
        F {
            name: "created",
            ty: Ty::Fmt(Fmt::DateLoose),
            req: false,
        },
        F {
            name: "lastModified",
            ty: Ty::Fmt(Fmt::DateLoose),
            req: false,
        },
        F {
            name: "metadataLastUpdated",
            ty: Ty::Fmt(Fmt::DateLoose),
            req: false,
        },
    ],
    strict: true,
};
const GSA_CONTACT: &Obj = &Obj {
    fields: &[
        F {
            name: "email",
            ty: Ty::Str,
            req: true,
        },
        F {
            name: "name",
            ty: Ty::Str,
            req: false,
        },
        F {
            name: "URL",
            ty: Ty::Fmt(Fmt::Uri),
            req: false,
        },
        F {
            name: "phone",
            ty: Ty::Str,
            req: false,
        },
    ],
    strict: true,
};
/// A GSA 2.0.0 release.
const GSA_RELEASE: &Obj = &Obj {
    fields: &[
        F {
            name: "name",
            ty: Ty::Str,
            req: true,
        },
        F {
            name: "version",
            ty: Ty::Str,
            req: false,
        },
        F {
            name: "organization",
            ty: Ty::Str,
            req: false,
        },
        F {
            name: "description",
            ty: Ty::Str,
            req: true,
        },
        F {
            name: "permissions",
            ty: Ty::Obj(GSA_PERMISSIONS),
            req: true,
        },
        F {
            name: "tags",
            ty: Ty::List(&Ty::Str),
            req: true,
        },
        F {
            name: "contact",
            ty: Ty::Obj(GSA_CONTACT),
            req: true,
        },
        F {
            name: "status",
            ty: Ty::Enum(STATUS),
            req: false,
        },
        F {
            name: "vcs",
            ty: Ty::Str,
            req: false,
        },
        F {
            name: "repositoryURL",
            ty: Ty::Fmt(Fmt::Uri),
            req: true,
        },
        F {
            name: "homepageURL",
            ty: Ty::Fmt(Fmt::Uri),
            req: false,
        },
        F {
            name: "downloadURL",
            ty: Ty::Fmt(Fmt::Uri),
            req: false,
        },
        F {
            name: "disclaimerURL",
            ty: Ty::Fmt(Fmt::Uri),
            req: false,
        },
        F {
            name: "disclaimerText",
            ty: Ty::Str,
            req: false,
        },
        F {
            name: "languages",
            ty: Ty::List(&Ty::Str),
            req: false,
        },
        F {
            name: "laborHours",
            ty: Ty::Num,
            req: true,
        },
        F {
            name: "relatedCode",
            ty: Ty::List(&Ty::Obj(RELATED)),
            req: false,
        },
        F {
            name: "reusedCode",
            ty: Ty::List(&Ty::Obj(NAME_URL)),
            req: false,
        },
        F {
            name: "partners",
            ty: Ty::List(&Ty::Obj(PARTNER)),
            req: false,
        },
        F {
            name: "date",
            ty: Ty::Obj(GSA_DATE),
            req: false,
        },
    ],
    strict: false,
};

fn dsacms_usage(node: &Node, path: &str, cx: &mut Cx<'_>) {
    if let Some(s) = as_string(node) {
        let msg = format!(
            "permissions.usageType is the string `{s}`; the SHARE IT Act schema expects a list (write [\"{s}\"])"
        );
        cx.push("CJ006", Severity::Warning, path, node.span, msg);
        walk(node, &Ty::Enum(DSACMS_USAGE), path, cx);
    } else {
        walk(node, &Ty::List(&Ty::Enum(DSACMS_USAGE)), path, cx);
    }
}

const DSACMS_LICENSE: &Obj = &Obj {
    fields: &[
        F {
            name: "name",
            ty: Ty::Enum(DSACMS_LICENSES),
            req: true,
        },
        F {
            name: "URL",
            ty: Ty::Fmt(Fmt::Uri),
            req: true,
        },
    ],
    strict: true,
};
const DSACMS_PERMISSIONS: &Obj = &Obj {
    fields: &[
        F {
            name: "licenses",
            ty: Ty::List(&Ty::Obj(DSACMS_LICENSE)),
            req: true,
        },
        F {
            name: "usageType",
            ty: Ty::Custom(dsacms_usage),
            req: true,
        },
        F {
            name: "exemptionText",
            ty: Ty::Nullable(&Ty::Str),
            req: false,
        },
    ],
    strict: true,
};
// The schema requires the objects but not their keys; the DSACMS docs require the
// keys, so they are required here.
const DSACMS_DATE: &Obj = &Obj {
    fields: &[
        F {
            name: "created",
            ty: Ty::Fmt(Fmt::DateTime),
            req: true,
        },
        F {
            name: "lastModified",
            ty: Ty::Fmt(Fmt::DateTime),
            req: true,
        },
        F {
            name: "metadataLastUpdated",
            ty: Ty::Fmt(Fmt::DateTime),
            req: true,
        },
    ],
    strict: true,
};
const DSACMS_CONTACT: &Obj = &Obj {
    fields: &[
        F {
            name: "email",
            ty: Ty::Fmt(Fmt::Email),
            req: true,
        },
        F {
            name: "name",
            ty: Ty::Str,
            req: true,
        },
    ],
    strict: true,
};
const REUSE: &Obj = &Obj {
    fields: &[
        F {
            name: "forks",
            ty: Ty::Count,
            req: false,
        },
        F {
            name: "clones",
            ty: Ty::Count,
            req: false,
        },
    ],
    strict: false,
};
/// A DSACMS gov-codejson 2.0.0 record (per repository, or a release of an agency index).
const DSACMS: &Obj = &Obj {
    fields: &[
        F {
            name: "name",
            ty: Ty::Str,
            req: true,
        },
        F {
            name: "version",
            ty: Ty::Str,
            req: false,
        },
        F {
            name: "description",
            ty: Ty::Str,
            req: true,
        },
        F {
            name: "status",
            ty: Ty::Enum(STATUS),
            req: true,
        },
        F {
            name: "permissions",
            ty: Ty::Obj(DSACMS_PERMISSIONS),
            req: true,
        },
        F {
            name: "organization",
            ty: Ty::Str,
            req: true,
        },
        F {
            name: "repositoryURL",
            ty: Ty::Fmt(Fmt::Uri),
            req: true,
        },
        F {
            name: "repositoryVisibility",
            ty: Ty::Enum(&["public", "private"]),
            req: true,
        },
        F {
            name: "homepageURL",
            ty: Ty::Fmt(Fmt::Uri),
            req: false,
        },
        F {
            name: "downloadURL",
            ty: Ty::Fmt(Fmt::Uri),
            req: false,
        },
        F {
            name: "disclaimerURL",
            ty: Ty::Fmt(Fmt::Uri),
            req: false,
        },
        F {
            name: "disclaimerText",
            ty: Ty::Str,
            req: false,
        },
        F {
            name: "vcs",
            ty: Ty::Enum(&["git", "hg", "svn", "rcs", "bzr", "none"]),
            req: true,
        },
        F {
            name: "laborHours",
            ty: Ty::Num,
            req: true,
        },
        F {
            name: "reuseFrequency",
            ty: Ty::Obj(REUSE),
            req: true,
        },
        F {
            name: "languages",
            ty: Ty::List(&Ty::Str),
            req: true,
        },
        F {
            name: "maintenance",
            ty: Ty::Enum(&["internal", "contract", "community", "none"]),
            req: true,
        },
        F {
            name: "contractNumber",
            ty: Ty::List(&Ty::Str),
            req: true,
        },
        F {
            name: "SBOM",
            ty: Ty::Str,
            req: true,
        },
        F {
            name: "relatedCode",
            ty: Ty::List(&Ty::Obj(RELATED)),
            req: false,
        },
        F {
            name: "reusedCode",
            ty: Ty::List(&Ty::Obj(NAME_URL)),
            req: false,
        },
        F {
            name: "partners",
            ty: Ty::List(&Ty::Obj(PARTNER)),
            req: false,
        },
        F {
            name: "date",
            ty: Ty::Obj(DSACMS_DATE),
            req: true,
        },
        F {
            name: "tags",
            ty: Ty::List(&Ty::Str),
            req: true,
        },
        F {
            name: "contact",
            ty: Ty::Obj(DSACMS_CONTACT),
            req: true,
        },
        F {
            name: "feedbackMechanism",
            ty: Ty::Fmt(Fmt::Uri),
            req: true,
        },
        F {
            name: "AIUseCaseID",
            ty: Ty::Str,
            req: true,
        },
    ],
    strict: false,
};

const MEASUREMENT: &Obj = &Obj {
    fields: &[
        F {
            name: "method",
            ty: Ty::Enum(&[
                "linesOfCode",
                "modules",
                "cost",
                "projects",
                "systems",
                "other",
            ]),
            req: false,
        },
        F {
            name: "ifOther",
            ty: Ty::Str,
            req: false,
        },
    ],
    strict: true,
};

/// Keys only a DSACMS (SHARE IT Act) release has.
const DSACMS_MARKERS: &[&str] = &[
    "repositoryVisibility",
    "reuseFrequency",
    "AIUseCaseID",
    "SBOM",
    "feedbackMechanism",
    "contractNumber",
];

fn release(node: &Node, path: &str, cx: &mut Cx<'_>) {
    let dsacms = node.as_mapping().is_some_and(|m| {
        m.iter()
            .any(|e| e.key_str().is_some_and(|k| DSACMS_MARKERS.contains(&k)))
    });
    walk(
        node,
        &Ty::Obj(if dsacms { DSACMS } else { GSA_RELEASE }),
        path,
        cx,
    );
}

const GSA_INDEX: &Obj = &Obj {
    fields: &[
        F {
            name: "version",
            ty: Ty::Str,
            req: true,
        },
        F {
            name: "measurementType",
            ty: Ty::Obj(MEASUREMENT),
            req: true,
        },
        F {
            name: "agency",
            ty: Ty::Str,
            req: true,
        },
        F {
            name: "releases",
            ty: Ty::List(&Ty::Custom(release)),
            req: true,
        },
        F {
            name: "$schema",
            ty: Ty::Str,
            req: false,
        },
    ],
    strict: true,
};

const NULL_STR: Ty = Ty::Nullable(&Ty::Str);
const V1_CONTACT: &Obj = &Obj {
    fields: &[
        F {
            name: "email",
            ty: NULL_STR,
            req: true,
        },
        F {
            name: "name",
            ty: NULL_STR,
            req: false,
        },
        F {
            name: "twitter",
            ty: NULL_STR,
            req: false,
        },
        F {
            name: "phone",
            ty: NULL_STR,
            req: false,
        },
    ],
    strict: false,
};
const V1_PROJECT: &Obj = &Obj {
    fields: &[
        F {
            name: "name",
            ty: NULL_STR,
            req: true,
        },
        F {
            name: "description",
            ty: NULL_STR,
            req: true,
        },
        F {
            name: "license",
            ty: NULL_STR,
            req: true,
        },
        F {
            name: "openSourceProject",
            ty: Ty::Nullable(&Ty::Num),
            req: true,
        },
        F {
            name: "governmentWideReuseProject",
            ty: Ty::Nullable(&Ty::Num),
            req: true,
        },
        F {
            name: "tags",
            ty: Ty::List(&Ty::Str),
            req: true,
        },
        F {
            name: "contact",
            ty: Ty::Obj(V1_CONTACT),
            req: true,
        },
        F {
            name: "repository",
            ty: NULL_STR,
            req: true,
        },
    ],
    strict: false,
};
const V1_INDEX: &Obj = &Obj {
    fields: &[
        F {
            name: "version",
            ty: Ty::Str,
            req: false,
        },
        F {
            name: "projects",
            ty: Ty::List(&Ty::Obj(V1_PROJECT)),
            req: false,
        },
    ],
    strict: false,
};

/// Validates a parsed code.json tree.
pub(crate) fn check(root: &Node, cx: &mut Cx<'_>) {
    let per_repo = root.get("name").is_some() || root.get("repositoryURL").is_some();
    if root.get("releases").is_some() || (!per_repo && root.get("projects").is_none()) {
        walk(root, &Ty::Obj(GSA_INDEX), "", cx);
        if let Some(items) = root.get("releases").and_then(|r| r.as_sequence()) {
            for (i, r) in items.iter().enumerate() {
                exemption(r, &format!("releases[{i}]"), cx);
            }
        }
    } else if root.get("projects").is_some() && !per_repo {
        let span = root
            .entry("version")
            .map(|e| e.value.span)
            .unwrap_or(publiccode::Span::new(root.span.start, root.span.start));
        let v = root
            .get("version")
            .and_then(|v| v.as_str())
            .unwrap_or("none");
        let msg = format!(
            "schema version {v} (projects[]) was replaced by 2.0.0 (releases[]); checked against 1.0.1"
        );
        cx.push("CJ010", Severity::Warning, "version", span, msg);
        walk(root, &Ty::Obj(V1_INDEX), "", cx);
    } else {
        walk(root, &Ty::Obj(DSACMS), "", cx);
        exemption(root, "", cx);
    }
}

fn exemption(release: &Node, path: &str, cx: &mut Cx<'_>) {
    let Some(perm) = release.get("permissions") else {
        return;
    };
    let Some(usage) = perm.get("usageType") else {
        return;
    };
    let values: Vec<&str> = match usage.as_sequence() {
        Some(items) => items.iter().filter_map(as_string).collect(),
        None => as_string(usage).into_iter().collect(),
    };
    if values.iter().any(|v| v.starts_with("exempt")) {
        let text = perm.get("exemptionText").and_then(as_string).unwrap_or("");
        if text.trim().is_empty() {
            let key = KeyPath::from(path).key("permissions").key("exemptionText");
            cx.push(
                "CJ007",
                Severity::Warning,
                key.as_str(),
                usage.span,
                "usageType is an exemption but exemptionText does not justify it".into(),
            );
        }
    }
}
