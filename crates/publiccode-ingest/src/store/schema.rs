//! The catalogue's schema, as numbered migrations applied in order.
//!
//! The tables are the same in both engines; only the auto-increment key and the
//! full-text index differ (an FTS5 table in SQLite, a generated `tsvector` column with
//! a GIN index in PostgreSQL). Integers are `BIGINT` so that one binding type serves
//! both engines; times are RFC 3339 UTC text, which sorts as it reads.

/// One migration: its number, the SQL both engines share (with `AUTOINC` standing for
/// the engine's auto-increment key) and each engine's own tail.
pub struct Migration {
    /// Applied in increasing order; recorded in `publiccode_schema`.
    pub version: i64,
    /// Statements for both engines.
    pub common: &'static str,
    /// SQLite only.
    pub sqlite: &'static str,
    /// PostgreSQL only.
    pub postgres: &'static str,
}

impl Migration {
    /// The statements for one engine.
    pub fn sql(&self, postgres: bool) -> String {
        let autoinc = if postgres {
            "BIGSERIAL PRIMARY KEY"
        } else {
            "INTEGER PRIMARY KEY AUTOINCREMENT"
        };
        let mut s = self.common.replace("AUTOINC", autoinc);
        s.push_str(if postgres { self.postgres } else { self.sqlite });
        s
    }
}

/// Every migration, in order. Never edit a released one: add the next.
pub const MIGRATIONS: &[Migration] = &[Migration {
    version: 1,
    common: "
CREATE TABLE software (
  id TEXT PRIMARY KEY,          -- normalised repository URL (or the source, when unknown)
  url TEXT NOT NULL,            -- url as declared
  name TEXT NOT NULL,
  description TEXT NOT NULL,    -- short descriptions, for search
  publisher TEXT NOT NULL,      -- organisation.uri, else organisation.name
  version TEXT NOT NULL,        -- publiccodeYmlVersion
  source TEXT NOT NULL,         -- where the descriptor was found
  raw TEXT NOT NULL,            -- the descriptor as found
  json TEXT NOT NULL,           -- normalised JSON (null when it does not parse)
  valid BIGINT NOT NULL,
  active BIGINT NOT NULL,       -- valid and not a technical fork
  errors BIGINT NOT NULL,
  warnings BIGINT NOT NULL,
  diagnostics TEXT NOT NULL,    -- JSON array of diagnostics
  fork_of TEXT NOT NULL,        -- normalised url it declares, when elsewhere
  content_hash TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  last_changed TEXT NOT NULL,
  last_run BIGINT NOT NULL
);
CREATE INDEX software_publisher ON software(publisher);
CREATE TABLE runs (
  id AUTOINC,
  sources_key TEXT NOT NULL,
  sources TEXT NOT NULL,
  state TEXT NOT NULL,          -- open | done
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL
);
CREATE UNIQUE INDEX runs_open ON runs(sources_key) WHERE state = 'open';
CREATE TABLE queue (
  run_id BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  item TEXT NOT NULL,
  state TEXT NOT NULL,          -- pending | claimed | done
  worker TEXT NOT NULL,
  claimed_at TEXT NOT NULL,
  outcome TEXT NOT NULL,        -- added | changed | unchanged | duplicate | failed
  message TEXT NOT NULL,
  software_id TEXT NOT NULL,
  PRIMARY KEY (run_id, item)
);
CREATE INDEX queue_state ON queue(run_id, state, seq);
CREATE TABLE history (
  id AUTOINC,
  software_id TEXT NOT NULL,
  run_id BIGINT NOT NULL,
  at TEXT NOT NULL,
  change TEXT NOT NULL,         -- added | changed
  detail TEXT NOT NULL,
  content_hash TEXT NOT NULL
);
CREATE INDEX history_software ON history(software_id);
CREATE INDEX history_run ON history(run_id);
",
    sqlite: "
-- Keyed by the software row's rowid (kept by upserts), so an update finds its entry
-- without scanning the index.
CREATE VIRTUAL TABLE software_fts USING fts5(
  name, description, tokenize = 'unicode61 remove_diacritics 2'
);
",
    postgres: "
ALTER TABLE software ADD COLUMN tsv tsvector
  GENERATED ALWAYS AS (to_tsvector('simple', name || ' ' || description)) STORED;
CREATE INDEX software_tsv ON software USING GIN (tsv);
",
}];
