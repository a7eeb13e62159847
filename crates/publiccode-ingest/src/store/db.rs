//! One small connection type over SQLite and PostgreSQL, so that the catalogue's
//! queries are written once.
//!
//! Queries use SQLite's `?1` placeholders; for PostgreSQL they are rewritten to `$1`.
//! Values are integers, text or null (the schema stores nothing else), which both
//! engines map the same way.

use std::collections::HashMap;

use crate::Error;

/// A value bound to a query or read from a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// SQL NULL.
    Null,
    /// A 64-bit integer (`BIGINT` in PostgreSQL).
    Int(i64),
    /// Text.
    Text(String),
}

impl Value {
    /// The integer, or 0.
    pub fn int(&self) -> i64 {
        match self {
            Value::Int(i) => *i,
            Value::Text(t) => t.parse().unwrap_or(0),
            Value::Null => 0,
        }
    }

    /// The text, or "".
    pub fn text(&self) -> &str {
        match self {
            Value::Text(t) => t,
            _ => "",
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(s.to_string())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Text(s)
    }
}
impl From<i64> for Value {
    fn from(i: i64) -> Value {
        Value::Int(i)
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Int(i64::from(b))
    }
}

/// A row: its values in column order.
pub type Row = Vec<Value>;

/// The two engines.
pub enum Db {
    /// The embedded catalogue.
    Sqlite(rusqlite::Connection),
    /// A shared catalogue; prepared statements are cached by query text.
    Postgres {
        /// The client.
        client: Box<postgres::Client>,
        /// Statements prepared so far.
        cache: HashMap<String, postgres::Statement>,
    },
}

impl Db {
    /// Whether this is PostgreSQL.
    pub fn is_postgres(&self) -> bool {
        matches!(self, Db::Postgres { .. })
    }

    /// Runs a statement; returns the number of rows changed.
    pub fn exec(&mut self, sql: &str, params: &[Value]) -> Result<u64, Error> {
        match self {
            Db::Sqlite(c) => {
                let mut st = c.prepare_cached(sql)?;
                let n = st.execute(rusqlite::params_from_iter(params.iter().map(sqlite_value)))?;
                Ok(n as u64)
            }
            Db::Postgres { client, cache } => {
                let st = prepared(client, cache, sql)?;
                let boxed = pg_params(params);
                let refs: Vec<&(dyn postgres::types::ToSql + Sync)> =
                    boxed.iter().map(|b| b.as_ref() as _).collect();
                Ok(client.execute(&st, &refs)?)
            }
        }
    }

    /// Runs a query and returns every row.
    pub fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, Error> {
        match self {
            Db::Sqlite(c) => {
                let mut st = c.prepare_cached(sql)?;
                let n = st.column_count();
                let mut rows =
                    st.query(rusqlite::params_from_iter(params.iter().map(sqlite_value)))?;
                let mut out = Vec::new();
                while let Some(r) = rows.next()? {
                    let mut row = Vec::with_capacity(n);
                    for i in 0..n {
                        row.push(match r.get_ref(i)? {
                            rusqlite::types::ValueRef::Null => Value::Null,
                            rusqlite::types::ValueRef::Integer(v) => Value::Int(v),
                            rusqlite::types::ValueRef::Real(v) => Value::Int(v as i64),
                            rusqlite::types::ValueRef::Text(t)
                            | rusqlite::types::ValueRef::Blob(t) => {
                                Value::Text(String::from_utf8_lossy(t).into_owned())
                            }
                        });
                    }
                    out.push(row);
                }
                Ok(out)
            }
            Db::Postgres { client, cache } => {
                let st = prepared(client, cache, sql)?;
                let boxed = pg_params(params);
                let refs: Vec<&(dyn postgres::types::ToSql + Sync)> =
                    boxed.iter().map(|b| b.as_ref() as _).collect();
                let rows = client.query(&st, &refs)?;
                let mut out = Vec::with_capacity(rows.len());
                for r in rows {
                    let mut row = Vec::with_capacity(r.len());
                    for (i, col) in r.columns().iter().enumerate() {
                        use postgres::types::Type;
                        let t = col.type_();
                        let v = if *t == Type::INT8 {
                            r.try_get::<_, Option<i64>>(i)?
                                .map_or(Value::Null, Value::Int)
                        } else if *t == Type::INT4 {
                            r.try_get::<_, Option<i32>>(i)?
                                .map_or(Value::Null, |v| Value::Int(v.into()))
                        } else if *t == Type::BOOL {
                            r.try_get::<_, Option<bool>>(i)?
                                .map_or(Value::Null, |v| Value::Int(v.into()))
                        } else if *t == Type::FLOAT4 || *t == Type::FLOAT8 {
                            r.try_get::<_, Option<f64>>(i)?
                                .map_or(Value::Null, |v| Value::Int(v as i64))
                        } else {
                            // Text; anything else (`void` from a function call) reads as NULL.
                            r.try_get::<_, Option<String>>(i)
                                .ok()
                                .flatten()
                                .map_or(Value::Null, Value::Text)
                        };
                        row.push(v);
                    }
                    out.push(row);
                }
                Ok(out)
            }
        }
    }

    /// Runs several statements with no parameters (schema migrations).
    pub fn batch(&mut self, sql: &str) -> Result<(), Error> {
        match self {
            Db::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Db::Postgres { client, .. } => Ok(client.batch_execute(sql)?),
        }
    }

    /// Starts a write transaction. SQLite takes the write lock at once (`IMMEDIATE`),
    /// so two processes never deadlock upgrading a read lock.
    pub fn begin(&mut self) -> Result<(), Error> {
        self.batch(if self.is_postgres() {
            "BEGIN"
        } else {
            "BEGIN IMMEDIATE"
        })
    }

    /// Commits the open transaction.
    pub fn commit(&mut self) -> Result<(), Error> {
        self.batch("COMMIT")
    }

    /// Rolls the open transaction back (best effort: used on the error path).
    pub fn rollback(&mut self) {
        let _ = self.batch("ROLLBACK");
    }
}

fn sqlite_value(v: &Value) -> rusqlite::types::Value {
    match v {
        Value::Null => rusqlite::types::Value::Null,
        Value::Int(i) => rusqlite::types::Value::Integer(*i),
        Value::Text(t) => rusqlite::types::Value::Text(t.clone()),
    }
}

fn pg_params(params: &[Value]) -> Vec<Box<dyn postgres::types::ToSql + Sync>> {
    params
        .iter()
        .map(|v| -> Box<dyn postgres::types::ToSql + Sync> {
            match v {
                Value::Null => Box::new(Option::<String>::None),
                Value::Int(i) => Box::new(*i),
                Value::Text(t) => Box::new(t.clone()),
            }
        })
        .collect()
}

fn prepared(
    client: &mut postgres::Client,
    cache: &mut HashMap<String, postgres::Statement>,
    sql: &str,
) -> Result<postgres::Statement, Error> {
    if let Some(st) = cache.get(sql) {
        return Ok(st.clone());
    }
    let st = client.prepare(&to_dollar(sql))?;
    cache.insert(sql.to_string(), st.clone());
    Ok(st)
}

/// `?1` → `$1` outside string literals.
fn to_dollar(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut in_str = false;
    for c in sql.chars() {
        if c == '\'' {
            in_str = !in_str;
        }
        out.push(if c == '?' && !in_str { '$' } else { c });
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn placeholders() {
        assert_eq!(
            super::to_dollar("a = ?1 AND b = '?' AND c = ?12"),
            "a = $1 AND b = '?' AND c = $12"
        );
    }
}
