//! The work list and case search. The list is ordered by the next deadline and read a page at a time.

use chrono::NaiveDate;
use futures_util::TryStreamExt;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use uuid::Uuid;

use super::Store;
use crate::error::Result;
use crate::model::{CaseFile, Role, Stage, User};

/// The two-character pieces of a name (a one-character name is its own piece).
pub fn bigrams(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    if chars.len() < 2 {
        return chars.iter().map(|c| c.to_string()).collect();
    }
    chars.windows(2).map(|w| w.iter().collect()).collect()
}

/// Every name a search by name may find a case by: the parties', their legal representatives'
/// and their agents'.
pub fn searchable_names(file: &CaseFile) -> Vec<&str> {
    let mut names = Vec::new();
    for p in &file.parties {
        names.push(p.name.as_str());
        names.extend(p.agents.iter().map(|a| a.name.as_str()));
        names.extend(p.legal_rep.as_deref());
    }
    names
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub stage: Option<Stage>,
    pub mediator: Option<Uuid>,
    /// A case number, an ID number / credit code, or part of a party's or agent's name.
    pub search: Option<String>,
    /// Only cases still at the centre.
    pub open_only: bool,
    pub offset: u32,
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseRow {
    pub id: String,
    pub number: String,
    pub stage: Stage,
    pub stage_label: String,
    pub applicants: String,
    pub respondents: String,
    pub claim_fen: i64,
    pub due_on: Option<NaiveDate>,
    /// Days until `due_on` (negative: overdue).
    pub days_left: Option<i64>,
    pub mediator_id: Option<String>,
}

/// How many open cases 今日待办 looks through, nearest deadline first.
const TODO_SCAN: i64 = 1000;

/// A case on the user's 今日待办, with what it waits for.
#[derive(Debug, Clone, Serialize)]
pub struct TodoRow {
    #[serde(flatten)]
    pub row: CaseRow,
    pub reason: String,
}

/// A list row from the columns id, number, stage, applicants, respondents, claim_fen, due_on,
/// mediator_id (in this order).
fn case_row(r: &sqlx::sqlite::SqliteRow, today: NaiveDate) -> CaseRow {
    let stage = Stage::parse(&r.get::<String, _>(2)).unwrap_or(Stage::Review);
    let due_on: Option<NaiveDate> = r.get::<Option<String>, _>(6).and_then(|s| s.parse().ok());
    CaseRow {
        id: r.get(0),
        number: r.get(1),
        stage,
        stage_label: stage.label().into(),
        applicants: r.get(3),
        respondents: r.get(4),
        claim_fen: r.get(5),
        days_left: due_on.map(|d| crate::rules::period::days_left(today, d)),
        due_on,
        mediator_id: r.get(7),
    }
}

enum Needle {
    Number(String),
    IdNumber(String),
    NumberPart(String),
    Name(String),
}

fn classify(q: &str) -> Needle {
    if let Ok(n) = crate::rules::case_number::parse(q) {
        return Needle::Number(n.format());
    }
    let up = q.to_uppercase();
    if (up.len() == 18 || up.len() == 15) && up.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Needle::IdNumber(up);
    }
    if q.chars().any(|c| c.is_ascii_digit())
        || q.contains('号')
        || q.contains('（')
        || q.contains('(')
    {
        return Needle::NumberPart(q.replace('(', "（").replace(')', "）"));
    }
    Needle::Name(q.to_string())
}

impl Store {
    /// One page of cases, nearest deadline first.
    pub async fn list(&self, q: &ListQuery, today: NaiveDate) -> Result<Vec<CaseRow>> {
        let mut sql = String::from(
            "SELECT c.id, c.number, c.stage, c.applicants, c.respondents, c.claim_fen, c.due_on, c.mediator_id FROM cases c WHERE 1=1",
        );
        let mut binds: Vec<String> = Vec::new();
        if q.open_only {
            sql.push_str(" AND c.open = 1");
        }
        if let Some(st) = q.stage {
            sql.push_str(" AND c.stage = ?");
            binds.push(st.code().into());
        }
        if let Some(m) = q.mediator {
            sql.push_str(" AND c.mediator_id = ?");
            binds.push(m.to_string());
        }
        if let Some(s) = q.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            match classify(s) {
                Needle::Number(n) => {
                    sql.push_str(" AND c.number = ?");
                    binds.push(n);
                }
                Needle::IdNumber(id) => {
                    sql.push_str(" AND c.id IN (SELECT case_id FROM parties WHERE id_number = ?)");
                    binds.push(id);
                }
                Needle::NumberPart(p) => {
                    sql.push_str(" AND instr(c.number, ?) > 0");
                    binds.push(p);
                }
                Needle::Name(name) => {
                    if name.chars().count() < 2 {
                        sql.push_str(" AND instr(c.applicants || '、' || c.respondents, ?) > 0");
                        binds.push(name);
                    } else {
                        // Look the rarest piece up first; a very common piece (东营, 有限) is cheaper
                        // to test row by row while walking the list in deadline order.
                        let mut grams = bigrams(&name);
                        grams.sort();
                        grams.dedup();
                        let mut counted = Vec::new();
                        for g in grams {
                            let n: i64 = sqlx::query("SELECT count(*) FROM (SELECT 1 FROM name_grams WHERE gram = ? LIMIT 3001)")
                                .bind(&g)
                                .fetch_one(self.pool())
                                .await?
                                .get(0);
                            counted.push((n, g));
                        }
                        counted.sort();
                        let (rarest_n, rarest) = counted.remove(0);
                        if rarest_n > 3000 {
                            sql = sql.replacen(
                                "FROM cases c WHERE",
                                if q.open_only {
                                    "FROM cases c INDEXED BY cases_worklist WHERE"
                                } else {
                                    "FROM cases c INDEXED BY cases_due WHERE"
                                },
                                1,
                            );
                            sql.push_str(" AND EXISTS (SELECT 1 FROM name_grams g WHERE g.gram = ? AND g.case_rowid = c.rowid)");
                        } else {
                            sql.push_str(" AND c.rowid IN (SELECT case_rowid FROM name_grams WHERE gram = ?)");
                        }
                        binds.push(rarest);
                        for (_, g) in counted {
                            sql.push_str(" AND EXISTS (SELECT 1 FROM name_grams g WHERE g.gram = ? AND g.case_rowid = c.rowid)");
                            binds.push(g);
                        }
                        if name.chars().count() > 2 {
                            // The pieces may come from different names: check the whole needle.
                            sql.push_str(" AND instr(c.names, ?) > 0");
                            binds.push(name);
                        }
                    }
                }
            }
        }
        sql.push_str(" ORDER BY c.due_sort, c.number LIMIT ? OFFSET ?");
        let limit = if q.limit == 0 { 50 } else { q.limit.min(500) };
        let mut query = sqlx::query(&sql);
        for b in &binds {
            query = query.bind(b);
        }
        let rows = query.bind(limit as i64).bind(q.offset as i64).fetch_all(self.pool()).await?;
        Ok(rows.iter().map(|r| case_row(r, today)).collect())
    }

    /// 今日待办: the open cases that wait for this user today, nearest deadline first, each with
    /// why (`procedure::waiting_on`); at most `limit`. A mediator sees their own cases. Looks
    /// through at most `TODO_SCAN` (1,000) open cases in deadline order, so the work list stays fast with
    /// 100,000 cases.
    pub async fn todo(&self, user: &User, today: NaiveDate, limit: usize) -> Result<Vec<TodoRow>> {
        let mut sql = String::from(
            "SELECT c.id, c.number, c.stage, c.applicants, c.respondents, c.claim_fen, c.due_on, c.mediator_id, c.file FROM cases c WHERE c.open = 1",
        );
        if user.role == Role::Mediator {
            sql.push_str(" AND c.mediator_id = ?");
        }
        sql.push_str(" ORDER BY c.due_sort, c.number LIMIT ?");
        let mut query = sqlx::query(&sql);
        if user.role == Role::Mediator {
            query = query.bind(user.mediator_id.map(|m| m.to_string()).unwrap_or_default());
        }
        let mut rows = query.bind(TODO_SCAN).fetch(self.pool());
        let mut out = Vec::new();
        while let Some(r) = rows.try_next().await? {
            let file: CaseFile = super::codec::unpack(r.get_unchecked::<&[u8], _>(8))?;
            if let Some(reason) = crate::procedure::waiting_on(&file, user, today) {
                out.push(TodoRow { row: case_row(&r, today), reason });
                if out.len() >= limit {
                    break;
                }
            }
        }
        Ok(out)
    }

    /// Open cases whose next deadline falls within `within` days (overdue ones included).
    pub async fn due(&self, today: NaiveDate, within: i64) -> Result<Vec<CaseRow>> {
        let limit = (today + chrono::Duration::days(within)).to_string();
        let mut out = Vec::new();
        let mut offset = 0;
        loop {
            let page = self
                .list(
                    &ListQuery { open_only: true, offset, limit: 500, ..Default::default() },
                    today,
                )
                .await?;
            let n = page.len();
            let mut done = n < 500;
            for r in page {
                match r.due_on {
                    Some(d) if d.to_string() <= limit => out.push(r),
                    _ => {
                        done = true;
                        break;
                    }
                }
            }
            if done {
                return Ok(out);
            }
            offset += 500;
        }
    }
}
