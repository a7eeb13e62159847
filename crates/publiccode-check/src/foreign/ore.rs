//! Canada's Open Resource Exchange (ORE/ÉRO) records: "open source code" records
//! (`_data/code/**/<adminCode>.yml`, schemaCode.yaml) and "software used" records
//! (`_data/software/<slug>.yml`, schemaSoftware.yaml) of canada-ca/ore-ero, as the
//! Yamale schemas of its CI define them, plus the lookups the site relies on.

use publiccode::Severity;
use publiccode::yaml::Node;

use super::schema::{Codes, Cx, F, Obj, Ty, as_string, is_date, walk};

pub(crate) const CODES: Codes = Codes {
    missing: "OR002",
    ty: "OR003",
    enum_: "OR004",
    unknown: "OR005",
    format: "OR009",
    url: "https://github.com/canada-ca/ore-ero/tree/master/_data",
};

/// Administration codes of canada-ca/ore-ero@60112bc `_data/administrations/*.yml`.
pub(crate) const ADMIN_CODES: &[&str] = &[
    "test (please remove)",
    "aafc-aac",
    "asc-csa",
    "lac-bac",
    "cbsa-asfc",
    "cra-arc",
    "csc-scc",
    "cse-cst",
    "csps-efpc",
    "eccc",
    "elections",
    "esdc-edsc",
    "dfo-mpo",
    "fin",
    "fintrac-canafe",
    "dnd-mdn",
    "gac-amc",
    "hc-sc",
    "infc",
    "ircc",
    "ised-isde",
    "nrc-cnrc",
    "nrcan",
    "pch",
    "pco-bcp",
    "phac-aspc",
    "psc-cfp",
    "rcmp-grc",
    "ssc-spc",
    "statcan",
    "tbs-sct",
    "tc",
    "tpsgc-pwgsc",
    "pmo-cpm",
    "psic-ispc",
    "otc-cta",
    "justice",
    "city-of-montreal-qc",
    "city-of-ottawa-on",
    "city-of-edmonton-ab",
    "city-of-sault-ste-marie-on",
    "O-CLCL-SICL",
    "CROWN-CMIP21-MCIQ21",
    "CROWN-DESTCANADA",
    "CROWN-VIAR-VIAR",
    "CROWN-TELEFILM",
    "public",
    "international",
    "bc",
    "on",
    "qc",
    "ab",
    "pe",
    "mb",
    "nb",
    "ns",
    "sk",
    "nl",
    "nu",
    "nt",
    "yt",
];
/// UNSPSC software families of canada-ca/ore-ero@60112bc `_data/i18n/categories.yml`.
pub(crate) const CATEGORIES: &[&str] = &[
    "43231500", "43231600", "43232000", "43232100", "43232200", "43232300", "43232400", "43232500",
    "43232600", "43232700", "43232800", "43232900", "43233000", "43233200", "43233400", "43233500",
    "43233600", "43233700",
];

/// `{en, fr}`, both required.
const LANG: Ty = Ty::Obj(&Obj {
    fields: &[
        F {
            name: "en",
            ty: Ty::Str,
            req: true,
        },
        F {
            name: "fr",
            ty: Ty::Str,
            req: true,
        },
    ],
    strict: true,
});
const TAGS: Ty = Ty::Obj(&Obj {
    fields: &[
        F {
            name: "en",
            ty: Ty::List(&Ty::Str),
            req: true,
        },
        F {
            name: "fr",
            ty: Ty::List(&Ty::Str),
            req: true,
        },
    ],
    strict: true,
});

fn spdx_id(node: &Node, path: &str, cx: &mut Cx<'_>) {
    super::schema::spdx_warning(
        node,
        path,
        cx,
        "OR008",
        ("spdxID", "a valid SPDX expression"),
    );
}

fn category(node: &Node, path: &str, cx: &mut Cx<'_>) {
    match as_string(node) {
        None => walk(node, &Ty::Str, path, cx),
        Some(s) => {
            if !CATEGORIES.contains(&s) {
                let msg = format!(
                    "category `{s}` is not one of the UNSPSC codes ORE uses ({})",
                    CATEGORIES.join(", ")
                );
                cx.push("OR007", Severity::Error, path, node.span, msg);
            }
        }
    }
}

fn admin_code(node: &Node, path: &str, cx: &mut Cx<'_>) {
    match as_string(node) {
        None => walk(node, &Ty::Str, path, cx),
        Some(s) => {
            if !ADMIN_CODES.contains(&s) {
                let msg = format!("adminCode `{s}` is not in the ORE administration lists");
                cx.push("OR006", Severity::Warning, path, node.span, msg);
            }
        }
    }
}

fn date(node: &Node, path: &str, cx: &mut Cx<'_>) {
    match as_string(node) {
        None => walk(node, &Ty::Str, path, cx),
        Some(s) => {
            if !is_date(s) {
                let msg = format!("{path} `{s}` is not a date written YYYY-MM-DD");
                cx.push("OR009", Severity::Warning, path, node.span, msg);
            }
        }
    }
}

const LICENCE: Ty = Ty::Obj(&Obj {
    fields: &[
        F {
            name: "URL",
            ty: LANG,
            req: true,
        },
        F {
            name: "spdxID",
            ty: Ty::Custom(spdx_id),
            req: true,
        },
        F {
            name: "level",
            ty: LANG,
            req: false,
        },
        F {
            name: "scope",
            ty: LANG,
            req: false,
        },
    ],
    strict: true,
});
const DESCRIPTION: Ty = Ty::Obj(&Obj {
    fields: &[
        F {
            name: "whatItDoes",
            ty: LANG,
            req: true,
        },
        F {
            name: "howItWorks",
            ty: LANG,
            req: false,
        },
    ],
    strict: true,
});
const CONTACT: Ty = Ty::Obj(&Obj {
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
    ],
    strict: true,
});

const USE: Ty = Ty::Obj(&Obj {
    fields: &[
        F {
            name: "contact",
            ty: CONTACT,
            req: true,
        },
        F {
            name: "date",
            ty: Ty::Obj(&Obj {
                fields: &[
                    F {
                        name: "started",
                        ty: Ty::Custom(date),
                        req: true,
                    },
                    F {
                        name: "metadataLastUpdated",
                        ty: Ty::Custom(date),
                        req: true,
                    },
                ],
                strict: true,
            }),
            req: true,
        },
        F {
            name: "team",
            ty: LANG,
            req: false,
        },
    ],
    strict: true,
});
const ADMINISTRATION: Ty = Ty::Obj(&Obj {
    fields: &[
        F {
            name: "adminCode",
            ty: Ty::Custom(admin_code),
            req: true,
        },
        F {
            name: "uses",
            ty: Ty::List(&USE),
            req: true,
        },
    ],
    strict: true,
});
/// schemaSoftware.yaml.
const SOFTWARE: Obj = Obj {
    fields: &[
        F {
            name: "schemaVersion",
            ty: Ty::Str,
            req: true,
        },
        F {
            name: "description",
            ty: DESCRIPTION,
            req: true,
        },
        F {
            name: "category",
            ty: Ty::Custom(category),
            req: true,
        },
        F {
            name: "homepageURL",
            ty: LANG,
            req: true,
        },
        F {
            name: "licences",
            ty: Ty::List(&LICENCE),
            req: true,
        },
        F {
            name: "name",
            ty: LANG,
            req: true,
        },
        F {
            name: "tags",
            ty: TAGS,
            req: true,
        },
        F {
            name: "administrations",
            ty: Ty::List(&ADMINISTRATION),
            req: true,
        },
    ],
    strict: true,
};

const PARTNER: Ty = Ty::Obj(&Obj {
    fields: &[
        F {
            name: "adminCode",
            ty: Ty::Custom(admin_code),
            req: true,
        },
        F {
            name: "email",
            ty: Ty::Str,
            req: true,
        },
        F {
            name: "name",
            ty: Ty::Str,
            req: true,
        },
        F {
            name: "email_suffix",
            ty: Ty::Str,
            req: false,
        },
    ],
    strict: true,
});
const RELATED: Ty = Ty::Obj(&Obj {
    fields: &[
        F {
            name: "URL",
            ty: LANG,
            req: true,
        },
        F {
            name: "name",
            ty: LANG,
            req: true,
        },
    ],
    strict: true,
});
const RELEASE: Ty = Ty::Obj(&Obj {
    fields: &[
        F {
            name: "contact",
            ty: CONTACT,
            req: true,
        },
        F {
            name: "date",
            ty: Ty::Obj(&Obj {
                fields: &[
                    F {
                        name: "created",
                        ty: Ty::Custom(date),
                        req: true,
                    },
                    F {
                        name: "metadataLastUpdated",
                        ty: Ty::Custom(date),
                        req: true,
                    },
                ],
                strict: true,
            }),
            req: true,
        },
        F {
            name: "description",
            ty: DESCRIPTION,
            req: true,
        },
        F {
            name: "category",
            ty: Ty::Custom(category),
            req: true,
        },
        F {
            name: "name",
            ty: LANG,
            req: true,
        },
        F {
            name: "licences",
            ty: Ty::List(&LICENCE),
            req: true,
        },
        F {
            name: "repositoryURL",
            ty: LANG,
            req: true,
        },
        F {
            name: "tags",
            ty: TAGS,
            req: true,
        },
        F {
            name: "downloadURL",
            ty: LANG,
            req: false,
        },
        F {
            name: "homepageURL",
            ty: LANG,
            req: false,
        },
        F {
            name: "languages",
            ty: Ty::List(&Ty::Str),
            req: false,
        },
        F {
            name: "partners",
            ty: Ty::List(&PARTNER),
            req: false,
        },
        F {
            name: "relatedCode",
            ty: Ty::List(&RELATED),
            req: false,
        },
        F {
            name: "status",
            ty: Ty::Enum(&["Alpha", "Beta", "Maintained", "Deprecated", "Retired"]),
            req: false,
        },
        F {
            name: "team",
            ty: LANG,
            req: false,
        },
    ],
    strict: true,
});
/// schemaCode.yaml.
const CODE: Obj = Obj {
    fields: &[
        F {
            name: "schemaVersion",
            ty: Ty::Str,
            req: true,
        },
        F {
            name: "adminCode",
            ty: Ty::Custom(admin_code),
            req: true,
        },
        F {
            name: "releases",
            ty: Ty::List(&RELEASE),
            req: true,
        },
    ],
    strict: true,
};

/// Validates a parsed ORE record.
pub(crate) fn check(root: &Node, cx: &mut Cx<'_>) {
    let legacy = root.get("licenses").is_some()
        || root
            .get("description")
            .is_some_and(|d| d.get("en").is_some() && d.get("whatItDoes").is_none());
    if legacy {
        let span = root
            .entry("description")
            .or_else(|| root.entry("licenses"))
            .map(|e| e.key.span)
            .unwrap_or(root.span);
        cx.push(
            "OR010",
            Severity::Warning,
            "",
            span,
            "the record uses the older ORE layout (description.en/fr, licenses); the current schema wants description.whatItDoes and licences".into(),
        );
    }
    if root.get("releases").is_some() || root.get("adminCode").is_some() {
        walk(root, &Ty::Obj(&CODE), "", cx);
    } else {
        walk(root, &Ty::Obj(&SOFTWARE), "", cx);
    }
}
