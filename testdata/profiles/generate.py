#!/usr/bin/env python3
"""Regenerates the profile fixtures (inputs only; the .expected files are written by
`UPDATE_EXPECTED=1 cargo test -p publiccode-check --test fixtures` and then reviewed)."""
import os, shutil

HERE = os.path.dirname(os.path.abspath(__file__))
MIT = """MIT License

Copyright (c) 2024 City of Rome

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""
SHORT = "This project is released under the licence named in publiccode.yml.\n"
DESC = {
    "en": ("A rather short description which is probably useless",
           "Very long description of this software, also split on multiple rows. You should note what the software is and why one should need it. We can potentially have many pages of text here."),
    "it": ("Una descrizione breve del software",
           "Descrizione molto lunga di questo software, anche divisa su più righe. Si dovrebbe notare cosa è il software e perché se ne dovrebbe avere bisogno. Possiamo avere molte pagine."),
    "fr": ("Une description courte du logiciel",
           "Une très longue description de ce logiciel, répartie sur plusieurs lignes. Il faut dire ce que fait le logiciel et pourquoi on en aurait besoin. Il peut y avoir plusieurs pages ici."),
    "de": ("Eine kurze Beschreibung der Software",
           "Eine sehr lange Beschreibung dieser Software, auf mehrere Zeilen verteilt. Man sollte sagen, was die Software ist und warum man sie braucht. Hier können viele Seiten Text stehen."),
}


def doc(license="EUPL-1.2", uri="urn:x-italian-pa:c_h501", langs=("en", "it"), url="https://gitlab.opencode.de/org/medusa",
        extra="", owner=True, contacts=True, status="stable", logo=None, version="0"):
    out = [f'publiccodeYmlVersion: "{version}"', "name: Medusa", f"url: {url}"]
    if logo:
        out.append(f"logo: {logo}")
    out += ['softwareVersion: "1.0"', 'releaseDate: "2024-01-01"', "platforms:", "  - web", "categories:", "  - cloud-management",
            f"developmentStatus: {status}", "softwareType: standalone/web"]
    if uri:
        out += ["organisation:", f"  uri: {uri}"]
    out.append("description:")
    for l in langs:
        s, d = DESC[l]
        out += [f"  {l}:", f"    shortDescription: {s}", "    longDescription: >", f"      {d}", "    features:", "      - One feature"]
    out.append("legal:")
    if license:
        out.append(f"  license: {license}")
    if owner:
        out.append("  mainCopyrightOwner: City of Rome")
    out += ["maintenance:", "  type: internal" if contacts else "  type: none"]
    if contacts:
        out += ["  contacts:", "    - name: Francesco Rossi"]
    out += ["localisation:", "  localisationReady: true", "  availableLanguages:", "    - en"]
    return "\n".join(out) + "\n" + extra


CH_FILES = {f: "x" for f in ["README.md", "LICENSE", "CONTRIBUTING.md", "CODE_OF_CONDUCT.md", "CHANGELOG.md",
                              "THIRD-PARTY-LICENSES.md", "README.de.md"]}


def de(**kw):
    """A descriptor as openCoDE's template writes it: version 0.4, English and German."""
    kw.setdefault("version", "0.4")
    kw.setdefault("langs", ("en", "de"))
    return doc(**kw)


CASES = {
    "none": {
        "pass": (doc(), None),
        "deprecated-id": (doc(license="GPL-3.0"), None),
        "not-open": (doc(license="CC-BY-NC-4.0"), None),
        "license-ref": (doc(license="LicenseRef-City-Of-Rome"), None),
        "text-mismatch": (doc(license="EUPL-1.2"), {"LICENSE": MIT}),
        "text-match": (doc(license="MIT"), {"LICENSE": MIT}),
    },
    "it": {
        "pass": (doc(), {"LICENSE": SHORT, "README.md": "x"}),
        "organisation-uri": (doc(uri="https://example.org/rome"), None),
        "organisation-missing": (doc(uri=None), None),
        "ipa-not-in-list": (doc(uri="urn:x-italian-pa:c_zzzz"), None),
        "license-not-osi": (doc(license="CC-BY-NC-4.0"), None),
        "license-not-preferred": (doc(license="MIT"), None),
        "legacy-it-section": (doc(extra="IT:\n  countryExtensionVersion: \"1.0\"\n  riuso:\n    codiceIPA: c_h501\n"), None),
        "repo-files": (doc(), {".keep": ""}),
        "no-italian": (doc(langs=("en",)), None),
        "license-docs": (doc(license="EUPL-1.2 AND CC-BY-4.0"), None),
        "file-name": (doc(), {"LICENSE": SHORT, "README.md": "x"}, "publiccode.yaml"),
        "url-repository": (doc(url="https://github.com/comune-di-roma/medusa"), {"LICENSE": SHORT, "README.md": "x"}),
        "url-elsewhere": (doc(url="https://github.com/comune-di-roma/other"), {"LICENSE": SHORT, "README.md": "x"}),
        "url-fork": (doc(url="https://github.com/comune-di-roma/medusa"), {"LICENSE": SHORT, "README.md": "x"}),
    },
    "de-opencode": {
        "pass": (de(logo="logo.svg"), {"LICENSE": SHORT, "SECURITY.md": "x"}),
        "url-host": (de(url="https://github.com/org/medusa"), None),
        "url-group": (de(url="https://gitlab.opencode.de/org"), None),
        "logo-remote": (de(logo="https://example.org/logo.svg"), None),
        "logo-format": (de(logo="logo.jpg"), None),
        "license-not-osi": (de(license="CC-BY-NC-4.0"), None),
        "license-blocked": (de(license="MIT AND CC-BY-NC-SA-4.0"), None),
        "license-blocked-avoidable": (de(license="MIT OR CC-BY-NC-4.0"), None),
        "license-cc0": (de(license="CC0-1.0"), None),
        "license-docs": (de(license="MIT AND CC-BY-4.0"), None),
        "license-unlisted": (de(license="CECILL-2.1"), None),
        "license-unlisted-mulan": (de(license="MulanPSL-2.0"), None),
        "repo-files": (de(), {".keep": ""}),
        "one-language": (de(langs=("de",)), None),
        "file-name": (de(), None, "publiccode.yaml"),
        "version": (doc(langs=("en", "de"), version="0.7"), None),
    },
    "ch": {
        "pass": (doc(uri="https://ld.admin.ch/FCh"), CH_FILES),
        "organisation-uri": (doc(), None),
        "repo-files": (doc(uri="https://ld.admin.ch/FCh"), {"README.md": "x"}),
        "readme-languages": (doc(uri="https://ld.admin.ch/office/V.1.7", langs=("de",)), {"README.md": "x", "README.fr.md": "x"}),
        "organisation-shape": (doc(uri="https://ld.admin.ch/something/else"), None),
        "license": (doc(uri="https://ld.admin.ch/FCh", license="GPL-2.0-only"), None),
        "license-ms-pl": (doc(uri="https://ld.admin.ch/FCh", license="MS-PL"), None),
        "file-name": (doc(uri="https://ld.admin.ch/FCh"), None, ".publiccode.yml"),
        "url-repository": (doc(uri="https://ld.admin.ch/FCh", url="https://github.com/swiss/medusa"), CH_FILES),
        "url-elsewhere": (doc(uri="https://ld.admin.ch/FCh", url="https://github.com/swiss/other-project"), CH_FILES),
        "url-fork": (doc(uri="https://ld.admin.ch/FCh", url="https://github.com/swiss/medusa"), CH_FILES),
    },
    "fr": {
        "pass": (doc(license="MIT", langs=("fr", "en"), logo="logo.svg", extra="landingURL: https://example.org\n"),
                 {f: "x" for f in ["ROADMAP.md", "AUTHORS.md", "CONTRIBUTING.md", "CHANGELOG.md", "CODE_OF_CONDUCT.md", "GOVERNANCE.md"]}),
        "license-off-list": (doc(license="CECILL-1.0", langs=("fr",)), None),
        "license-gnu-only": (doc(license="GPL-3.0-only", langs=("fr",)), None),
        "license-agpl-only": (doc(license="AGPL-3.0-only", langs=("fr",)), None),
        "license-etalab": (doc(license="MIT AND etalab-2.0", langs=("fr",)), None),
        "license-deprecated": (doc(license="AGPL-3.0", langs=("fr",)), None),
        "license-reciprocal": (doc(license="EUPL-1.2", langs=("fr",)), None),
        "no-french": (doc(license="MIT", langs=("en",)), None),
        "awesome-files": (doc(license="MIT", langs=("fr",)), {".keep": ""}),
    },
    "eu": {
        "pass": (doc(), {"LICENSE": SHORT}),
        "license": (doc(license="MIT"), None),
    },
    "eu-joinup": {
        "pass": (doc(), None),
        "no-english": (doc(langs=("it",)), None),
        "no-publisher": (doc(owner=False), None),
        "expression": (doc(license="EUPL-1.2 OR MIT"), None),
        "countries": (doc(extra="intendedAudience:\n  countries:\n    - it\n    - fr\n    - de\n    - es\n"), None),
        "no-contacts": (doc(contacts=False), None),
        "country-codes": (doc(extra="intendedAudience:\n  countries:\n    - IT\n    - ch\n"), None),
        "status": (doc(status="retired"), None),
    },
    "ee": {
        "pass": (doc(), None),
        "license": (doc(license="MIT"), None),
        "no-english": (doc(langs=("it",)), None),
    },
    "es": {
        "pass": (doc(), None),
        "license-not-eupl": (doc(license="MIT"), None),
        "license-not-open": (doc(license="CC-BY-NC-4.0"), None),
    },
    "uk": {
        "pass": (doc(license="MIT"), {"LICENCE": MIT, "README.md": "x", "CHANGELOG.md": "x"}),
        "license-not-mit": (doc(license="EUPL-1.2"), None),
        "license-not-osd": (doc(license="CC-BY-NC-4.0"), None),
        "license-ogl-only": (doc(license="OGL-UK-3.0"), None),
        "license-ogl-docs": (doc(license="MIT AND OGL-UK-3.0"), None),
        "repo-files": (doc(license="MIT"), {".keep": ""}),
    },
    "ca": {
        "pass": (doc(license="MIT", langs=("en", "fr")), {f: "x" for f in ["README.md", "CONTRIBUTING.md", "SECURITY.md", "CODE_OF_CONDUCT.md"]} | {"LICENCE": MIT}),
        "license": (doc(license="EUPL-1.2", langs=("en", "fr")), None),
        "not-bilingual": (doc(license="MIT", langs=("en",)), None),
        "repo-files": (doc(license="MIT", langs=("en", "fr")), {".keep": ""}),
    },
    "oss-basic": {
        "pass": (doc(license="MIT"), {"LICENSE": MIT, "README.md": "x"}),
        "repo-files": (doc(license="MIT"), {".keep": ""}),
        "license-not-osi": (doc(license="CC-BY-NC-4.0"), None),
    },
}

for pid, cases in CASES.items():
    d = os.path.join(HERE, pid)
    os.makedirs(d, exist_ok=True)
    for name, (text, repo, *filename) in cases.items():
        with open(os.path.join(d, name + ".yml"), "w") as f:
            f.write(text)
        if filename:
            with open(os.path.join(d, name + ".filename"), "w") as f:
                f.write(filename[0] + "\n")
        rd = os.path.join(d, name + ".repo")
        shutil.rmtree(rd, ignore_errors=True)
        if repo is not None:
            os.makedirs(rd)
            for fn, content in repo.items():
                with open(os.path.join(rd, fn), "w") as f:
                    f.write(content)
# Checkouts' git configs (`<case>.gitconfig` becomes `.git/config`).
GITCONFIG = {
    ("it", "url-repository"): "[remote \"origin\"]\n\turl = https://github.com/Comune-di-Roma/medusa.git/\n",
    ("it", "url-elsewhere"): "[remote \"origin\"]\n\turl = git@github.com:comune-di-roma/medusa.git\n",
    ("it", "url-fork"): "[remote \"origin\"]\n\turl = git@github.com:someone/medusa.git\n",
    ("ch", "url-repository"): "[core]\n\tbare = false\n[remote \"origin\"]\n\turl = git@github.com:Swiss/Medusa.git\n",
    ("ch", "url-elsewhere"): "[remote \"origin\"]\n\turl = https://github.com/swiss/medusa/\n",
    ("ch", "url-fork"): "[remote \"origin\"]\n\turl = https://github.com/someone/medusa.git\n[remote \"upstream\"]\n\turl = https://github.com/swiss/medusa\n",
}
for (pid, name), text in GITCONFIG.items():
    with open(os.path.join(HERE, pid, name + ".gitconfig"), "w") as f:
        f.write(text)
with open(os.path.join(HERE, "it", "ipa_codes.txt"), "w") as f:
    f.write("# iPA codes for the fixtures (the real list: https://indicepa.gov.it/ipa-dati/)\nc_h501\npcm\nr_lazio\n")
