//! The catalogue: one row per piece of software, its history, the runs and their work
//! queue, in SQLite (embedded, the default) or PostgreSQL (shared by several
//! processes).
//!
//! Every item of a run is written in the same transaction that marks it done, so a run
//! killed at any moment leaves the catalogue consistent, and the next run with the same
//! sources carries on where it stopped. Items are handed out with
//! `FOR UPDATE SKIP LOCKED` in PostgreSQL, so processes sharing a catalogue neither
//! duplicate nor lose work.

pub mod db;
pub mod schema;

use std::collections::HashMap;

use db::{Db, Row, Value};

use crate::Error;
use crate::record::Record;

/// A catalogue connection.
pub struct Catalogue {
    db: Db,
}

/// What a run did to one item, as stored in the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Outcome {
    /// A new piece of software.
    Added,
    /// The descriptor changed since the last run.
    Changed,
    /// Same descriptor as last time.
    Unchanged,
    /// Another source of this run already gave this repository.
    Duplicate,
    /// The item could not be read or fetched.
    Failed,
}

impl Outcome {
    /// The stored word.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Added => "added",
            Outcome::Changed => "changed",
            Outcome::Unchanged => "unchanged",
            Outcome::Duplicate => "duplicate",
            Outcome::Failed => "failed",
        }
    }
}

/// The result of processing one queue item: a record, or why there is none.
#[derive(Debug)]
pub enum Processed {
    /// A descriptor was read and checked.
    Record(Box<Record>),
    /// Nothing could be read.
    Failed {
        /// The queue item.
        item: String,
        /// Why.
        message: String,
    },
}

/// Counts of a run, for the summary line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// New software.
    pub added: u64,
    /// Changed descriptors.
    pub changed: u64,
    /// Unchanged descriptors.
    pub unchanged: u64,
    /// Sources giving a repository already given by another source.
    pub duplicate: u64,
    /// Items that could not be read.
    pub failed: u64,
    /// Valid descriptors among the stored ones.
    pub valid: u64,
    /// Invalid descriptors among the stored ones.
    pub invalid: u64,
}

impl Counts {
    /// Items processed.
    pub fn total(&self) -> u64 {
        self.added + self.changed + self.unchanged + self.duplicate + self.failed
    }

    fn add(&mut self, outcome: Outcome, valid: Option<bool>) {
        match outcome {
            Outcome::Added => self.added += 1,
            Outcome::Changed => self.changed += 1,
            Outcome::Unchanged => self.unchanged += 1,
            Outcome::Duplicate => self.duplicate += 1,
            Outcome::Failed => self.failed += 1,
        }
        match valid {
            Some(true) => self.valid += 1,
            Some(false) => self.invalid += 1,
            None => {}
        }
    }
}

/// The current time, RFC 3339 UTC with microseconds (sorts as it reads).
pub fn now() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.6fZ")
        .to_string()
}

fn rows_text(rows: &[Row], col: usize) -> Vec<String> {
    rows.iter()
        .map(|r| r.get(col).map(|v| v.text().to_string()).unwrap_or_default())
        .collect()
}

/// Inserts a software row, or updates every column but first_seen of an existing one.
const UPSERT: &str = "INSERT INTO software (id, url, name, description, publisher, version, source, raw, json, \
     valid, active, errors, warnings, diagnostics, fork_of, content_hash, first_seen, last_seen, \
     last_changed, last_run) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, \
     ?16, ?17, ?18, ?19, ?20) ON CONFLICT (id) DO UPDATE SET url = excluded.url, name = excluded.name, \
     description = excluded.description, publisher = excluded.publisher, version = excluded.version, \
     source = excluded.source, raw = excluded.raw, json = excluded.json, valid = excluded.valid, \
     active = excluded.active, errors = excluded.errors, warnings = excluded.warnings, \
     diagnostics = excluded.diagnostics, fork_of = excluded.fork_of, content_hash = excluded.content_hash, \
     last_seen = excluded.last_seen, last_changed = excluded.last_changed, last_run = excluded.last_run";

/// The parameters of [`UPSERT`] for a record seen now in `run` (first seen `now` too
/// when it is new: the update keeps the stored first_seen).
fn upsert_values(run: i64, rec: &Record, now: &str) -> Vec<Value> {
    vec![
        rec.id.as_str().into(),
        rec.url.as_str().into(),
        rec.name.as_str().into(),
        rec.description.as_str().into(),
        rec.publisher.as_str().into(),
        rec.version.as_str().into(),
        rec.source.as_str().into(),
        rec.raw.as_str().into(),
        rec.json.as_str().into(),
        rec.valid.into(),
        rec.active().into(),
        rec.errors.into(),
        rec.warnings.into(),
        rec.diagnostics.as_str().into(),
        rec.fork_of.as_str().into(),
        rec.hash.as_str().into(),
        now.into(),
        now.into(),
        now.into(),
        run.into(),
    ]
}

impl Catalogue {
    /// Opens (creating when needed) a catalogue: `postgres://…`/`postgresql://…` for
    /// PostgreSQL, anything else is an SQLite file path. Applies pending migrations.
    pub fn open(spec: &str) -> Result<Catalogue, Error> {
        let db = if spec.starts_with("postgres://") || spec.starts_with("postgresql://") {
            let client = postgres::Client::connect(spec, postgres::NoTls)?;
            Db::Postgres {
                client: Box::new(client),
                cache: HashMap::new(),
            }
        } else {
            let c = rusqlite::Connection::open(spec)?;
            c.busy_timeout(std::time::Duration::from_secs(60))?;
            c.execute_batch(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
            )?;
            Db::Sqlite(c)
        };
        let mut cat = Catalogue { db };
        cat.migrate()?;
        Ok(cat)
    }

    /// Whether this catalogue is PostgreSQL.
    pub fn is_postgres(&self) -> bool {
        self.db.is_postgres()
    }

    /// Applies the migrations not applied yet, each in its own transaction (serialised
    /// between processes by an advisory lock in PostgreSQL, by the write lock in SQLite).
    pub fn migrate(&mut self) -> Result<(), Error> {
        for m in schema::MIGRATIONS {
            self.db.begin()?;
            let result = (|| {
                if self.db.is_postgres() {
                    // Two processes starting together must not both create the tables:
                    // `CREATE TABLE IF NOT EXISTS` itself races in PostgreSQL.
                    self.db
                        .query("SELECT pg_advisory_xact_lock(4242421)", &[])?;
                }
                self.db.batch(
                    "CREATE TABLE IF NOT EXISTS publiccode_schema (version BIGINT NOT NULL)",
                )?;
                let done = self.db.query(
                    "SELECT COUNT(*) FROM publiccode_schema WHERE version = ?1",
                    &[Value::Int(m.version)],
                )?;
                if done.first().and_then(|r| r.first()).map_or(0, Value::int) == 0 {
                    self.db.batch(&m.sql(self.db.is_postgres()))?;
                    self.db.exec(
                        "INSERT INTO publiccode_schema (version) VALUES (?1)",
                        &[Value::Int(m.version)],
                    )?;
                }
                Ok(())
            })();
            match result {
                Ok(()) => self.db.commit()?,
                Err(e) => {
                    self.db.rollback();
                    return Err(e);
                }
            }
        }
        Ok(())
    }

    /// The schema version in force.
    pub fn schema_version(&mut self) -> Result<i64, Error> {
        let rows = self
            .db
            .query("SELECT MAX(version) FROM publiccode_schema", &[])?;
        Ok(rows.first().and_then(|r| r.first()).map_or(0, Value::int))
    }

    /// The open run for these sources (resumed), or a new one. Two processes starting
    /// together get the same run: the unique index on open runs decides.
    pub fn open_run(&mut self, sources_key: &str, sources: &str) -> Result<(i64, bool), Error> {
        let find = "SELECT id FROM runs WHERE sources_key = ?1 AND state = 'open'";
        if let Some(id) = self.first_int(find, &[sources_key.into()])? {
            return Ok((id, true));
        }
        self.db.exec(
            "INSERT INTO runs (sources_key, sources, state, started_at, finished_at) \
             VALUES (?1, ?2, 'open', ?3, '') ON CONFLICT (sources_key) WHERE state = 'open' DO NOTHING",
            &[sources_key.into(), sources.into(), now().into()],
        )?;
        match self.first_int(find, &[sources_key.into()])? {
            Some(id) => Ok((id, false)),
            None => Err(Error::Other("could not open a run".into())),
        }
    }

    fn first_int(&mut self, sql: &str, params: &[Value]) -> Result<Option<i64>, Error> {
        let rows = self.db.query(sql, params)?;
        Ok(rows.first().and_then(|r| r.first()).and_then(|v| match v {
            Value::Null => None,
            v => Some(v.int()),
        }))
    }

    /// Adds items to a run's queue (items already there are left as they are).
    pub fn enqueue(&mut self, run: i64, items: &[String]) -> Result<(), Error> {
        for chunk in items.chunks(2000) {
            self.db.begin()?;
            let base = self
                .first_int(
                    "SELECT MAX(seq) FROM queue WHERE run_id = ?1",
                    &[run.into()],
                )?
                .unwrap_or(0);
            let r = (|| {
                for (i, item) in chunk.iter().enumerate() {
                    self.db.exec(
                        "INSERT INTO queue (run_id, seq, item, state, worker, claimed_at, outcome, message, software_id) \
                         VALUES (?1, ?2, ?3, 'pending', '', '', '', '', '') ON CONFLICT (run_id, item) DO NOTHING",
                        &[run.into(), (base + 1 + i as i64).into(), item.as_str().into()],
                    )?;
                }
                Ok(())
            })();
            self.finish_tx(r)?;
        }
        Ok(())
    }

    fn finish_tx(&mut self, r: Result<(), Error>) -> Result<(), Error> {
        match r {
            Ok(()) => self.db.commit(),
            Err(e) => {
                self.db.rollback();
                Err(e)
            }
        }
    }

    /// Puts back in the queue the items claimed before `before` (an RFC 3339 time) and
    /// never finished: their worker died (`kill -9`, a lost machine).
    pub fn reclaim(&mut self, run: i64, before: &str) -> Result<u64, Error> {
        self.db.exec(
            "UPDATE queue SET state = 'pending', worker = '', claimed_at = '' \
             WHERE run_id = ?1 AND state = 'claimed' AND claimed_at < ?2",
            &[run.into(), before.into()],
        )
    }

    /// Takes up to `n` pending items of a run for `worker`, in queue order.
    pub fn claim(&mut self, run: i64, worker: &str, n: i64) -> Result<Vec<String>, Error> {
        let lock = if self.db.is_postgres() {
            " FOR UPDATE SKIP LOCKED"
        } else {
            ""
        };
        let sql = format!(
            "UPDATE queue SET state = 'claimed', worker = ?1, claimed_at = ?2 \
             WHERE run_id = ?3 AND item IN (SELECT item FROM queue WHERE run_id = ?3 AND state = 'pending' \
             ORDER BY seq LIMIT ?4{lock}) RETURNING item"
        );
        self.db.begin()?;
        let rows = self
            .db
            .query(&sql, &[worker.into(), now().into(), run.into(), n.into()]);
        match rows {
            Ok(rows) => {
                self.db.commit()?;
                Ok(rows_text(&rows, 0))
            }
            Err(e) => {
                self.db.rollback();
                Err(e)
            }
        }
    }

    /// Pending or claimed items left in a run.
    pub fn remaining(&mut self, run: i64) -> Result<i64, Error> {
        Ok(self
            .first_int(
                "SELECT COUNT(*) FROM queue WHERE run_id = ?1 AND state <> 'done'",
                &[run.into()],
            )?
            .unwrap_or(0))
    }

    /// Closes a run whose queue is done. Returns whether this call closed it.
    pub fn close_run(&mut self, run: i64) -> Result<bool, Error> {
        let n = self.db.exec(
            "UPDATE runs SET state = 'done', finished_at = ?2 WHERE id = ?1 AND state = 'open' \
             AND NOT EXISTS (SELECT 1 FROM queue WHERE run_id = ?1 AND state <> 'done')",
            &[run.into(), now().into()],
        )?;
        Ok(n > 0)
    }

    /// Writes the processed items of a batch and marks them done, in one transaction.
    pub fn store(&mut self, run: i64, worker: &str, batch: &[Processed]) -> Result<Counts, Error> {
        self.db.begin()?;
        let mut counts = Counts::default();
        let r = (|| {
            for p in batch {
                let (item, outcome, message, id, valid) = match p {
                    Processed::Failed { item, message } => (
                        item.as_str(),
                        Outcome::Failed,
                        message.clone(),
                        String::new(),
                        None,
                    ),
                    Processed::Record(rec) => {
                        let (o, m) = self.upsert(run, rec)?;
                        (rec.item.as_str(), o, m, rec.id.clone(), Some(rec.valid))
                    }
                };
                let valid = if outcome == Outcome::Duplicate {
                    None
                } else {
                    valid
                };
                counts.add(outcome, valid);
                self.db.exec(
                    "UPDATE queue SET state = 'done', outcome = ?1, message = ?2, software_id = ?3 \
                     WHERE run_id = ?4 AND item = ?5 AND worker = ?6",
                    &[
                        outcome.as_str().into(),
                        message.into(),
                        id.into(),
                        run.into(),
                        item.into(),
                        worker.into(),
                    ],
                )?;
            }
            Ok(())
        })();
        self.finish_tx(r)?;
        Ok(counts)
    }

    fn upsert(&mut self, run: i64, rec: &Record) -> Result<(Outcome, String), Error> {
        let now = now();
        let existing = self.db.query(
            "SELECT content_hash, valid, last_run, source FROM software WHERE id = ?1",
            &[rec.id.as_str().into()],
        )?;
        let (outcome, detail) = match existing.first() {
            None => {
                self.db.exec(UPSERT, &upsert_values(run, rec, &now))?;
                let detail = if rec.valid {
                    "added, valid"
                } else {
                    "added, invalid"
                };
                (Outcome::Added, detail.to_string())
            }
            Some(row) => {
                let hash = row.first().map(Value::text).unwrap_or("");
                let was_valid = row.get(1).map(Value::int).unwrap_or(0) != 0;
                let last_run = row.get(2).map(Value::int).unwrap_or(0);
                let source = row.get(3).map(Value::text).unwrap_or("").to_string();
                if last_run == run && source != rec.source {
                    return Ok((Outcome::Duplicate, format!("same repository as {source}")));
                }
                if hash == rec.hash {
                    self.db.exec(
                        "UPDATE software SET last_seen = ?1, last_run = ?2, source = ?3 WHERE id = ?4",
                        &[now.as_str().into(), run.into(), rec.source.as_str().into(), rec.id.as_str().into()],
                    )?;
                    return Ok((Outcome::Unchanged, String::new()));
                }
                // first_seen is kept by the upsert (not in its SET list).
                self.db.exec(UPSERT, &upsert_values(run, rec, &now))?;
                let detail = match (was_valid, rec.valid) {
                    (false, true) => "changed, now valid".to_string(),
                    (true, false) => "changed, now invalid".to_string(),
                    _ => "changed".to_string(),
                };
                (Outcome::Changed, detail)
            }
        };
        self.record_history(run, rec, &now, outcome, &detail)?;
        if !self.db.is_postgres() {
            self.reindex_text(rec)?;
        }
        Ok((outcome, detail))
    }

    /// Adds the record's outcome in this run to its history.
    fn record_history(
        &mut self,
        run: i64,
        rec: &Record,
        now: &str,
        outcome: Outcome,
        detail: &str,
    ) -> Result<(), Error> {
        self.db.exec(
            "INSERT INTO history (software_id, run_id, at, change, detail, content_hash) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            &[
                rec.id.as_str().into(),
                run.into(),
                now.into(),
                outcome.as_str().into(),
                detail.into(),
                rec.hash.as_str().into(),
            ],
        )?;
        Ok(())
    }

    /// Replaces the record's row in the SQLite full-text index.
    fn reindex_text(&mut self, rec: &Record) -> Result<(), Error> {
        self.db.exec(
            "DELETE FROM software_fts WHERE rowid = (SELECT rowid FROM software WHERE id = ?1)",
            &[rec.id.as_str().into()],
        )?;
        self.db.exec(
            "INSERT INTO software_fts (rowid, name, description) \
             VALUES ((SELECT rowid FROM software WHERE id = ?1), ?2, ?3)",
            &[
                rec.id.as_str().into(),
                rec.name.as_str().into(),
                rec.description.as_str().into(),
            ],
        )?;
        Ok(())
    }

    /// Runs a read-only query (for reports and exports).
    pub fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, Error> {
        self.db.query(sql, params)
    }

    /// Full-text search over names and descriptions; ids of the matches, best first.
    pub fn search(&mut self, query: &str, limit: i64) -> Result<Vec<String>, Error> {
        let rows = if self.db.is_postgres() {
            self.db.query(
                "SELECT id FROM software WHERE tsv @@ plainto_tsquery('simple', ?1) \
                 ORDER BY ts_rank(tsv, plainto_tsquery('simple', ?1)) DESC, id LIMIT ?2",
                &[query.into(), limit.into()],
            )?
        } else {
            // Each word as an FTS5 string (quotes doubled), so user text is never syntax.
            let fts: Vec<String> = query
                .split_whitespace()
                .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
                .collect();
            if fts.is_empty() {
                return Ok(Vec::new());
            }
            self.db.query(
                "SELECT s.id FROM software_fts JOIN software s ON s.rowid = software_fts.rowid \
                 WHERE software_fts MATCH ?1 ORDER BY software_fts.rank, s.id LIMIT ?2",
                &[fts.join(" ").into(), limit.into()],
            )?
        };
        Ok(rows_text(&rows, 0))
    }
}
