//! The case database: SQLite through sqlx. Applying an action is one transaction: load the case,
//! decide, append the events, update the projections. A refused action writes nothing.

mod codec;
mod papers;
mod search;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Row, SqliteConnection, SqlitePool};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::model::*;
use crate::procedure::{self, Action, Ctx, Event, Handover};
use crate::rules::case_number::CaseNumber;

pub use search::{CaseRow, ListQuery, TodoRow};

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        Error::storage("db", format!("数据库操作失败：{}", db_reason(&e))).with_source(e)
    }
}

impl From<sqlx::migrate::MigrateError> for Error {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        use sqlx::migrate::MigrateError as M;
        let why = match &e {
            M::Execute(db) | M::ExecuteMigration(db, _) => db_reason(db),
            M::VersionMissing(_) | M::VersionTooNew(..) => {
                "数据库由更新版本的和解台建立，请安装新版本后再打开".into()
            }
            M::VersionMismatch(_) | M::VersionNotPresent(_) | M::VersionTooOld(..) => {
                "数据库的升级记录与本程序不一致".into()
            }
            M::Dirty(_) => "上次升级没有完成".into(),
            _ => "升级脚本无法执行".into(),
        };
        Error::storage("db.migrate", format!("数据库升级失败：{why}")).with_source(e)
    }
}

/// Why the database failed, in Chinese; sqlx's and SQLite's English text stays in the source.
fn db_reason(e: &sqlx::Error) -> String {
    use sqlx::error::ErrorKind as K;
    match e {
        sqlx::Error::Database(d) => {
            // SQLite reports the extended result code; its low byte is the primary code.
            let code = d.code().and_then(|c| c.parse::<i32>().ok()).unwrap_or(1);
            match (code & 0xff, d.kind()) {
                (_, K::UniqueViolation) => "与已有的记录重复".into(),
                (_, K::ForeignKeyViolation) => "引用的记录不存在".into(),
                (_, K::NotNullViolation) => "缺少必填的数据".into(),
                (_, K::CheckViolation) => "数据不符合数据库的要求".into(),
                (5 | 6, _) => "数据库正被其他程序使用，请稍后再试".into(),
                (7, _) => "内存不足".into(),
                (8, _) => "数据库是只读的（请检查文件的写入权限）".into(),
                (10, _) => "读写数据库文件时出错（磁盘可能有故障）".into(),
                (11, _) => "数据库文件已损坏".into(),
                (13, _) => "磁盘空间不足".into(),
                (14, _) => "无法打开数据库文件（路径是文件夹、所在文件夹不存在或没有权限）".into(),
                (19, _) => "数据不符合数据库的要求".into(),
                (26, _) => "这个文件不是和解台的数据库（可能已损坏，或是其他程序的文件）".into(),
                (n, _) => format!("数据库错误（代码 {n}）"),
            }
        }
        sqlx::Error::Io(io) => crate::error::io_reason(io),
        sqlx::Error::PoolTimedOut => "等待数据库超时（数据库可能正被其他程序使用）".into(),
        sqlx::Error::PoolClosed | sqlx::Error::WorkerCrashed => "数据库连接已关闭".into(),
        sqlx::Error::RowNotFound => "找不到记录".into(),
        sqlx::Error::ColumnDecode { .. }
        | sqlx::Error::Decode(_)
        | sqlx::Error::ColumnNotFound(_)
        | sqlx::Error::ColumnIndexOutOfBounds { .. }
        | sqlx::Error::TypeNotFound { .. } => {
            "数据库中的数据无法识别（数据库可能由其他版本建立）".into()
        }
        _ => "内部错误".into(),
    }
}

/// One row of the audit log.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredEvent {
    pub id: Uuid,
    pub seq: u32,
    pub prev_id: Option<Uuid>,
    pub at: DateTime<Utc>,
    pub actor_name: String,
    pub actor_role: String,
    pub action: String,
    pub stage_before: Option<String>,
    pub stage_after: String,
    pub summary: String,
    pub event: Event,
}

/// When a command runs: the instant (UTC) and the legal day (the court's calendar day).
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
}

impl Clock {
    /// The machine's clock; `HEJIE_TODAY=YYYY-MM-DD` fixes the legal day (tests, demonstrations).
    pub fn system() -> Result<Clock> {
        let now = Utc::now();
        let today = match std::env::var("HEJIE_TODAY") {
            Ok(s) if !s.trim().is_empty() => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                .map_err(|_| {
                    Error::invalid(
                        "clock.today",
                        format!("HEJIE_TODAY“{s}”不是 YYYY-MM-DD 格式的日期"),
                    )
                })?,
            _ => chrono::Local::now().date_naive(),
        };
        Ok(Clock { now, today })
    }
    /// A clock on a given legal day (the instant keeps the current time of day, on that day).
    pub fn at(today: NaiveDate) -> Clock {
        let now = today.and_time(Utc::now().time()).and_utc();
        Clock { now, today }
    }
}

#[derive(Clone)]
pub struct Store {
    pool: SqlitePool,
    path: PathBuf,
}

/// The embedded default database: `HEJIE_DB`, else `hejie.db` in the OS data directory.
pub fn default_db_path() -> PathBuf {
    if let Ok(p) = std::env::var("HEJIE_DB") {
        if !p.trim().is_empty() {
            return PathBuf::from(p);
        }
    }
    directories::ProjectDirs::from("cn", "dyqfy", "hejie")
        .map(|d| d.data_dir().join("hejie.db"))
        .unwrap_or_else(|| PathBuf::from("hejie.db"))
}

/// The parties of a case as a comparable key: their ID numbers, sorted.
fn party_key<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    let mut ids: Vec<&str> = ids.collect();
    ids.sort_unstable();
    ids.join(",")
}

fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

impl Store {
    /// Opens (creating if needed) the database and applies the migrations.
    pub async fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        if let Some(dir) = path.parent() {
            if !dir.as_os_str().is_empty() {
                tokio::fs::create_dir_all(dir).await.map_err(|e| {
                    let why = crate::error::io_reason(&e);
                    Error::storage("db.dir", format!("无法创建数据目录{}：{why}", dir.display()))
                        .with_source(e)
                })?;
            }
        }
        // A file name, not a `sqlite://` URL: a path may hold `?`, `%` or `#`.
        let opts = SqliteConnectOptions::new()
            .filename(&path)
            .create_if_missing(true)
            // A laptop's battery may die mid-session: a committed action must survive power loss.
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool =
            SqlitePoolOptions::new().max_connections(4).connect_with(opts).await.map_err(|e| {
                let why = db_reason(&e);
                Error::storage("db.open", format!("无法打开数据库{}：{why}", path.display()))
                    .with_source(e)
            })?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        Ok(Store { pool, path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    pub async fn close(self) {
        self.pool.close().await;
    }

    // ---- settings ------------------------------------------------------------------------------

    pub async fn settings(&self) -> Result<Settings> {
        let row = sqlx::query("SELECT value FROM settings WHERE key = 'settings'")
            .fetch_optional(&self.pool)
            .await?;
        match row {
            Some(r) => Ok(serde_json::from_str(&r.get::<String, _>(0))?),
            None => Ok(Settings::default()),
        }
    }

    /// Saves the settings after checking them; bad values are refused with nothing stored.
    pub async fn save_settings(&self, s: &Settings) -> Result<()> {
        crate::rules::case_number::validate_court_code(&s.court_code)
            .map_err(|e| e.at("法院代字"))?;
        for (code, field) in [
            (&s.settlement_type_code, "执前调类型代字"),
            (&s.preservation_type_code, "执保类型代字"),
            (&s.execution_type_code, "执行类型代字"),
            (&s.resume_type_code, "恢复执行类型代字"),
        ] {
            crate::rules::case_number::validate_type_code(code).map_err(|e| e.at(field))?;
        }
        if s.court_name.trim().is_empty() {
            return Err(Error::invalid("settings.court_name", "请填写法院名称"));
        }
        if !(1..=365).contains(&s.period_days) {
            return Err(Error::invalid("settings.period_days", "和解期限应在 1 至 365 日之间"));
        }
        if s.small_amount_fen < 0 {
            return Err(Error::invalid("settings.small_amount", "“标的较小”的标准不能为负数"));
        }
        if !s.default_clause.contains("恢复执行") {
            return Err(Error::invalid(
                "settings.clause",
                "默认的不履行后果条款应写明可申请恢复执行",
            ));
        }
        if !(1..=365).contains(&s.max_extension_days) {
            return Err(Error::invalid(
                "settings.max_extension",
                "每次延长的最多天数应在 1 至 365 日之间",
            ));
        }
        if !(1..=365).contains(&s.property_report_days) {
            return Err(Error::invalid(
                "settings.property_report_days",
                "报告财产期限应在 1 至 365 日之间",
            ));
        }
        if !(1..=20).contains(&s.resume_years) {
            return Err(Error::invalid(
                "settings.resume_years",
                "申请恢复执行的期间应在 1 至 20 年之间",
            ));
        }
        if let Some(d) = s.calendar.holidays.intersection(&s.calendar.workdays).next() {
            return Err(Error::invalid(
                "settings.calendar_both",
                format!("{d}既列为休假日又列为调休上班日，请只保留一种"),
            ));
        }
        sqlx::query("INSERT INTO settings (key, value) VALUES ('settings', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            .bind(serde_json::to_string(s)?)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    // ---- users and roster ----------------------------------------------------------------------

    pub async fn add_user(
        &self,
        name: &str,
        role: Role,
        mediator_id: Option<Uuid>,
    ) -> Result<User> {
        let name = name.trim();
        if name.chars().count() < 2 {
            return Err(Error::invalid("user.name", "用户姓名至少两个字"));
        }
        if role == Role::Mediator && mediator_id.is_none() {
            return Err(Error::invalid("user.mediator", "和解员用户应关联名册中的和解员"));
        }
        if self.user_by_name(name).await.is_ok() {
            return Err(Error::invalid("user.exists", format!("用户“{name}”已存在")));
        }
        let user = User { id: Uuid::now_v7(), name: name.into(), role, mediator_id, active: true };
        sqlx::query("INSERT INTO users (id, name, role, mediator_id, active, created_at) VALUES (?, ?, ?, ?, 1, ?)")
            .bind(user.id.to_string())
            .bind(&user.name)
            .bind(role_code(role))
            .bind(mediator_id.map(|m| m.to_string()))
            .bind(ts(Utc::now()))
            .execute(&self.pool)
            .await?;
        Ok(user)
    }

    /// Adds a user on someone's behalf: the first user of an empty database may be added by anyone
    /// (installation), every later one only by the centre's staff.
    pub async fn add_user_by(
        &self,
        actor: Option<&User>,
        name: &str,
        role: Role,
        mediator_id: Option<Uuid>,
    ) -> Result<User> {
        if !self.users().await?.is_empty() {
            let actor =
                actor.ok_or_else(|| Error::forbidden("user.required", "请先选择当前用户"))?;
            procedure::require_staff(actor, "添加用户")?;
        } else if role == Role::Mediator {
            return Err(Error::invalid("user.first_staff", "第一个用户应为法官或书记员"));
        }
        if let Some(m) = mediator_id {
            if !self.mediators().await?.iter().any(|x| x.id == m) {
                return Err(Error::not_found("mediator.unknown", "名册中没有该和解员"));
            }
        }
        self.add_user(name, role, mediator_id).await
    }

    pub async fn users(&self) -> Result<Vec<User>> {
        let rows = sqlx::query(
            "SELECT id, name, role, mediator_id, active FROM users ORDER BY role, name",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(user_from_row).collect()
    }

    pub async fn user_by_name(&self, name: &str) -> Result<User> {
        let row = sqlx::query(
            "SELECT id, name, role, mediator_id, active FROM users WHERE name = ? OR id = ?",
        )
        .bind(name.trim())
        .bind(name.trim())
        .fetch_optional(&self.pool)
        .await?;
        match row {
            Some(r) => user_from_row(&r),
            None => {
                Err(Error::not_found("user.unknown", format!("没有名为“{}”的用户", name.trim())))
            }
        }
    }

    pub async fn add_mediator(
        &self,
        name: &str,
        category: MediatorCategory,
        organisation: &str,
        phone: &str,
        specialities: &[String],
    ) -> Result<Mediator> {
        let m = Mediator {
            id: Uuid::now_v7(),
            name: name.trim().into(),
            category,
            organisation: organisation.trim().into(),
            phone: phone.trim().into(),
            specialities: specialities
                .iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
            active: true,
        };
        self.save_mediator(&m, true).await?;
        Ok(m)
    }

    /// Adds or updates a roster entry.
    pub async fn save_mediator(&self, m: &Mediator, new: bool) -> Result<()> {
        let n = m.name.chars().count();
        if !(2..=30).contains(&n) {
            return Err(Error::invalid("mediator.name", "和解员姓名应为 2 至 30 个字"));
        }
        if !m.phone.is_empty()
            && !m.phone.chars().all(|c| c.is_ascii_digit() || c == '-' || c == ' ')
        {
            return Err(Error::invalid("phone.format", format!("联系电话“{}”格式不正确", m.phone)));
        }
        // Actions name the mediator, so two entries of one name could never be told apart.
        let same: Option<String> =
            sqlx::query_scalar("SELECT id FROM mediators WHERE name = ? AND id <> ?")
                .bind(&m.name)
                .bind(m.id.to_string())
                .fetch_optional(&self.pool)
                .await?;
        if same.is_some() {
            return Err(Error::invalid(
                "mediator.duplicate_name",
                format!(
                    "名册中已有和解员“{}”：同名时请在姓名后注明区别，如“{}（律师）”",
                    m.name, m.name
                ),
            ));
        }
        let now = ts(Utc::now());
        let specs = serde_json::to_string(&m.specialities)?;
        let cat = serde_json::to_value(m.category)?.as_str().unwrap_or_default().to_string();
        if new {
            sqlx::query("INSERT INTO mediators (id, name, category, organisation, phone, specialities, active, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)")
                .bind(m.id.to_string()).bind(&m.name).bind(cat).bind(&m.organisation).bind(&m.phone).bind(specs)
                .bind(m.active).bind(&now).bind(&now)
                .execute(&self.pool).await?;
        } else {
            let r = sqlx::query("UPDATE mediators SET name=?, category=?, organisation=?, phone=?, specialities=?, active=?, updated_at=? WHERE id=?")
                .bind(&m.name).bind(cat).bind(&m.organisation).bind(&m.phone).bind(specs).bind(m.active).bind(&now)
                .bind(m.id.to_string())
                .execute(&self.pool).await?;
            if r.rows_affected() == 0 {
                return Err(Error::not_found("mediator.unknown", "名册中没有该和解员"));
            }
        }
        Ok(())
    }

    pub async fn mediators(&self) -> Result<Vec<Mediator>> {
        let rows = sqlx::query("SELECT id, name, category, organisation, phone, specialities, active FROM mediators ORDER BY active DESC, name")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Mediator {
                    id: parse_uuid(&r.get::<String, _>(0))?,
                    name: r.get(1),
                    category: serde_json::from_value(serde_json::Value::String(r.get(2)))?,
                    organisation: r.get(3),
                    phone: r.get(4),
                    specialities: serde_json::from_str(&r.get::<String, _>(5))?,
                    active: r.get(6),
                })
            })
            .collect()
    }

    pub async fn mediator(&self, key: &str) -> Result<Mediator> {
        self.mediators()
            .await?
            .into_iter()
            .find(|m| m.id.to_string() == key.trim() || m.name == key.trim())
            .ok_or_else(|| {
                Error::not_found("mediator.unknown", format!("名册中没有“{}”", key.trim()))
            })
    }

    // ---- numbers -------------------------------------------------------------------------------

    async fn next_number(
        conn: &mut SqliteConnection,
        court: &str,
        type_code: &str,
        year: i32,
        case_id: Option<Uuid>,
        note: &str,
    ) -> Result<CaseNumber> {
        let row = sqlx::query(
            "INSERT INTO counters (court, type_code, year, last) VALUES (?, ?, ?, 1)
             ON CONFLICT(court, type_code, year) DO UPDATE SET last = last + 1 RETURNING last",
        )
        .bind(court)
        .bind(type_code)
        .bind(year)
        .fetch_one(&mut *conn)
        .await?;
        let seq: i64 = row.get(0);
        let number =
            CaseNumber { year, court: court.into(), type_code: type_code.into(), seq: seq as u32 };
        sqlx::query("INSERT INTO case_numbers (number, court, type_code, year, seq, case_id, note, allocated_at) VALUES (?,?,?,?,?,?,?,?)")
            .bind(number.format())
            .bind(court)
            .bind(type_code)
            .bind(year)
            .bind(seq)
            .bind(case_id.map(|c| c.to_string()))
            .bind(note)
            .bind(ts(Utc::now()))
            .execute(&mut *conn)
            .await?;
        Ok(number)
    }

    /// Gives out the next number of a type (e.g. 执保 for a preservation case the clerk registers).
    pub async fn allocate_number(
        &self,
        type_code: &str,
        clock: Clock,
        note: &str,
    ) -> Result<CaseNumber> {
        let settings = self.settings().await?;
        crate::rules::case_number::validate_type_code(type_code)?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let n = Self::next_number(
            &mut tx,
            &settings.court_code,
            type_code,
            chrono::Datelike::year(&clock.today),
            None,
            note,
        )
        .await?;
        tx.commit().await?;
        Ok(n)
    }

    // ---- cases ---------------------------------------------------------------------------------

    /// Registers hand-overs, all or nothing: a bad one is reported with its position and none is stored.
    pub async fn register_all(
        &self,
        handovers: &[Handover],
        actor: &User,
        clock: Clock,
    ) -> Result<Vec<CaseFile>> {
        self.register_all_with_progress(handovers, actor, clock, &|_, _| {}).await
    }

    /// `register_all`, telling `progress(done, total)` as the hand-overs are stored (one transaction).
    pub async fn register_all_with_progress(
        &self,
        handovers: &[Handover],
        actor: &User,
        clock: Clock,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<Vec<CaseFile>> {
        let settings = self.settings().await?;
        let roster = self.mediators().await?;
        let ctx =
            Ctx { actor, today: clock.today, now: clock.now, settings: &settings, roster: &roster };
        // Decide everything first (pure), so a bad hand-over never reaches the database.
        let dummy = CaseNumber { year: 0, court: String::new(), type_code: String::new(), seq: 0 };
        for (i, h) in handovers.iter().enumerate() {
            procedure::register(h, dummy.clone(), Uuid::nil(), &ctx).map_err(|e| {
                if handovers.len() > 1 {
                    e.at(format!("第{}件", i + 1))
                } else {
                    e
                }
            })?;
        }
        self.insert_handovers(handovers, actor, clock, &settings, &ctx, progress).await
    }

    /// The open case already opened on this effective document for the same parties, if any: the
    /// same judgment handed over twice. (Co-applicants of one judgment who apply separately have
    /// different parties, so they are not duplicates.)
    async fn open_duplicate(
        conn: &mut SqliteConnection,
        file: &CaseFile,
    ) -> Result<Option<String>> {
        let rows = sqlx::query(
            "SELECT c.number, p.id_number FROM cases c JOIN parties p ON p.case_id = c.id
             WHERE c.open = 1 AND c.basis_number = ? ORDER BY c.number",
        )
        .bind(&file.basis.case_number)
        .fetch_all(&mut *conn)
        .await?;
        let key = party_key(file.parties.iter().map(|p| p.id_number.as_str()));
        for same_case in rows.chunk_by(|a, b| a.get::<&str, _>(0) == b.get::<&str, _>(0)) {
            if party_key(same_case.iter().map(|r| r.get::<&str, _>(1))) == key {
                return Ok(Some(same_case[0].get(0)));
            }
        }
        Ok(None)
    }

    fn duplicate_basis(basis_number: &str, case_number: &str) -> Error {
        Error::refused(
            "handover.duplicate_basis",
            format!("生效法律文书{basis_number}已由同一当事人收案，在办案件为{case_number}：不能重复收案"),
        )
    }

    /// Checks hand-overs without storing anything: the error of each (None when it would register).
    pub async fn check_handovers(
        &self,
        handovers: &[Handover],
        actor: &User,
        clock: Clock,
    ) -> Result<Vec<Option<Error>>> {
        let settings = self.settings().await?;
        let roster = self.mediators().await?;
        let ctx =
            Ctx { actor, today: clock.today, now: clock.now, settings: &settings, roster: &roster };
        let dummy = CaseNumber { year: 0, court: String::new(), type_code: String::new(), seq: 0 };
        let mut conn = self.pool.acquire().await?;
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut out = Vec::with_capacity(handovers.len());
        for (i, h) in handovers.iter().enumerate() {
            let checked = match procedure::register(h, dummy.clone(), Uuid::nil(), &ctx) {
                Err(e) => Some(e),
                Ok(Event::Registered { file }) => {
                    let basis = file.basis.case_number.clone();
                    let key = format!(
                        "{basis}|{}",
                        party_key(file.parties.iter().map(|p| p.id_number.as_str()))
                    );
                    if let Some(number) = Self::open_duplicate(&mut conn, &file).await? {
                        Some(Self::duplicate_basis(&basis, &number))
                    } else if let Some(first) = seen.get(&key) {
                        Some(Error::refused(
                            "handover.duplicate_basis",
                            format!(
                                "与本文件第{}件是同一生效法律文书{basis}、同一当事人，重复收案",
                                first + 1
                            ),
                        ))
                    } else {
                        seen.insert(key, i);
                        None
                    }
                }
                Ok(_) => None,
            };
            out.push(checked);
        }
        Ok(out)
    }

    async fn insert_handovers(
        &self,
        handovers: &[Handover],
        actor: &User,
        clock: Clock,
        settings: &Settings,
        ctx: &Ctx<'_>,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<Vec<CaseFile>> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        // A case's events are appended before its row (insert_case_row says why): the foreign
        // key from events to cases is checked at the commit. The pragma ends with the transaction.
        sqlx::query("PRAGMA defer_foreign_keys = ON").execute(&mut *tx).await?;
        let mut out = Vec::with_capacity(handovers.len());
        let step = (handovers.len() / 100).max(1);
        for (i, h) in handovers.iter().enumerate() {
            if i % step == 0 {
                progress(i, handovers.len());
            }
            let id = Uuid::now_v7();
            let year = chrono::Datelike::year(&clock.today);
            let number = Self::next_number(
                &mut tx,
                &settings.court_code,
                &settings.settlement_type_code,
                year,
                Some(id),
                "",
            )
            .await?;
            let event = procedure::register(h, number, id, ctx)?;
            let mut file = match &event {
                Event::Registered { file } => (**file).clone(),
                _ => unreachable!("register returns Registered"),
            };
            // Earlier hand-overs of this batch are already in the transaction, so they count too.
            if let Some(number) = Self::open_duplicate(&mut tx, &file).await? {
                let e = Self::duplicate_basis(&file.basis.case_number, &number);
                return Err(if handovers.len() > 1 { e.at(format!("第{}件", i + 1)) } else { e });
            }
            append(&mut tx, &mut file, None, &[event], actor, "register", clock).await?;
            insert_case_row(&mut tx, &file, clock).await?;
            out.push(file);
        }
        tx.commit().await?;
        progress(handovers.len(), handovers.len());
        Ok(out)
    }

    pub async fn register(
        &self,
        handover: &Handover,
        actor: &User,
        clock: Clock,
    ) -> Result<CaseFile> {
        Ok(self.register_all(std::slice::from_ref(handover), actor, clock).await?.remove(0))
    }

    /// Applies one action in one transaction. On refusal nothing is written.
    pub async fn act(
        &self,
        case: &str,
        action: &Action,
        actor: &User,
        clock: Clock,
    ) -> Result<(CaseFile, Vec<Event>)> {
        if !actor.active {
            return Err(Error::forbidden("user.inactive", format!("用户{}已停用", actor.name)));
        }
        let settings = self.settings().await?;
        let roster = self.mediators().await?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let mut file = load_file(&mut tx, case).await?;
        let ctx =
            Ctx { actor, today: clock.today, now: clock.now, settings: &settings, roster: &roster };
        let events = procedure::decide(&file, action, &ctx)?;
        let before = file.stage;
        append(&mut tx, &mut file, Some(before), &events, actor, &action.kind(), clock).await?;
        write_projection(&mut tx, &file, clock).await?;
        tx.commit().await?;
        Ok((file, events))
    }

    pub async fn case(&self, key: &str) -> Result<CaseFile> {
        let mut conn = self.pool.acquire().await?;
        load_file(&mut conn, key).await
    }

    pub async fn events(&self, case_id: Uuid) -> Result<Vec<StoredEvent>> {
        let file = self.case(&case_id.to_string()).await?;
        let rows = sqlx::query(
            "SELECT id, seq, prev_id, at, actor_name, actor_role, action, stage_before, stage_after, payload FROM events WHERE case_id = ? ORDER BY seq",
        )
        .bind(case_id.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let event: Event = codec::unpack(r.get_unchecked::<&[u8], _>(9))?;
                Ok(StoredEvent {
                    id: parse_uuid(&r.get::<String, _>(0))?,
                    seq: r.get::<i64, _>(1) as u32,
                    prev_id: r.get::<Option<String>, _>(2).map(|s| parse_uuid(&s)).transpose()?,
                    at: DateTime::parse_from_rfc3339(&r.get::<String, _>(3))
                        .map(|d| d.with_timezone(&Utc))
                        .map_err(|e| {
                            Error::storage("db.time", "数据库中的事件时间无效").with_source(e)
                        })?,
                    actor_name: r.get(4),
                    actor_role: r.get(5),
                    action: r.get(6),
                    stage_before: r.get(7),
                    stage_after: r.get(8),
                    summary: event.summary(&file),
                    event,
                })
            })
            .collect()
    }

    /// Applies the deemed failure to every case whose period ran out. Returns the case numbers.
    pub async fn expire_due(&self, actor: &User, clock: Clock) -> Result<Vec<String>> {
        let rows = sqlx::query("SELECT id, number FROM cases WHERE open = 1 AND stage IN ('review','preparing','talks') AND due_sort < ? ORDER BY due_sort")
            .bind(clock.today.to_string())
            .fetch_all(&self.pool)
            .await?;
        let mut done = Vec::new();
        for r in rows {
            let id: String = r.get(0);
            match self.act(&id, &Action::Expire {}, actor, clock).await {
                Ok(_) => done.push(r.get(1)),
                Err(e) if e.code() == "expire.not_due" => {}
                Err(e) => return Err(e),
            }
        }
        Ok(done)
    }

    pub async fn count_cases(&self) -> Result<i64> {
        Ok(sqlx::query("SELECT count(*) FROM cases").fetch_one(&self.pool).await?.get(0))
    }

    pub async fn counts_by_stage(&self) -> Result<Vec<(Stage, i64)>> {
        let rows = sqlx::query("SELECT stage, count(*) FROM cases GROUP BY stage")
            .fetch_all(&self.pool)
            .await?;
        let mut out: Vec<(Stage, i64)> = Vec::new();
        for st in Stage::ALL {
            let n = rows
                .iter()
                .find(|r| r.get::<String, _>(0) == st.code())
                .map(|r| r.get::<i64, _>(1))
                .unwrap_or(0);
            out.push((st, n));
        }
        Ok(out)
    }

    /// Rebuilds a case file from its events alone (for checks: it must equal the stored projection).
    pub async fn replay(&self, case_id: Uuid) -> Result<CaseFile> {
        let events = self.events(case_id).await?;
        let mut iter = events.iter();
        let first =
            iter.next().ok_or_else(|| Error::not_found("case.no_events", "案件没有事件"))?;
        let Event::Registered { file } = &first.event else {
            return Err(Error::storage("events.first", "第一个事件不是收案"));
        };
        let mut f = (**file).clone();
        f.head = Some(first.id);
        f.events = 1;
        for e in iter {
            procedure::evolve(&mut f, &e.event);
            f.head = Some(e.id);
            f.events += 1;
        }
        Ok(f)
    }
}

fn role_code(r: Role) -> &'static str {
    match r {
        Role::Judge => "judge",
        Role::Mediator => "mediator",
        Role::Clerk => "clerk",
    }
}

fn parse_uuid(s: &str) -> Result<Uuid> {
    Uuid::parse_str(s).map_err(|_| Error::storage("db.uuid", format!("数据库中的编号“{s}”无效")))
}

fn user_from_row(r: &sqlx::sqlite::SqliteRow) -> Result<User> {
    Ok(User {
        id: parse_uuid(&r.get::<String, _>(0))?,
        name: r.get(1),
        role: Role::parse(&r.get::<String, _>(2))
            .ok_or_else(|| Error::storage("db.role", "数据库中的角色无效"))?,
        mediator_id: r.get::<Option<String>, _>(3).map(|s| parse_uuid(&s)).transpose()?,
        active: r.get(4),
    })
}

/// Finds a case by id, by its number (either bracket width), or fails with a Chinese message.
async fn load_file(conn: &mut SqliteConnection, key: &str) -> Result<CaseFile> {
    let key = key.trim();
    let number = crate::rules::case_number::parse(key)
        .map(|n| n.format())
        .unwrap_or_else(|_| key.to_string());
    let row = sqlx::query("SELECT file FROM cases WHERE id = ? OR number = ?")
        .bind(key)
        .bind(&number)
        .fetch_optional(&mut *conn)
        .await?;
    match row {
        Some(r) => codec::unpack(r.get_unchecked::<&[u8], _>(0)),
        None => Err(Error::not_found("case.unknown", format!("没有找到案件“{key}”"))),
    }
}

/// Inserts the case's row once, whole, after its first events: a row that grows after its insert
/// (from a placeholder to a ~1.3 KB file) splits its page, and half-empty pages cost ~170 bytes a
/// case at 100,000 cases. (Registration defers the events' foreign key to the commit.)
async fn insert_case_row(conn: &mut SqliteConnection, file: &CaseFile, clock: Clock) -> Result<()> {
    let p = Projection::of(file)?;
    let query = sqlx::query(
        "INSERT INTO cases (id, number, received_on, claim_fen, applicants, respondents, stage, open, due_on, due_sort, mediator_id, basis_number, names, file, head_event_id, event_count, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING rowid",
    )
    .bind(file.id.to_string())
    .bind(file.number.format())
    .bind(file.received_on.to_string())
    .bind(file.claim_fen)
    .bind(file.names(Side::Applicant))
    .bind(file.names(Side::Respondent));
    let row = p.bind(query).bind(ts(clock.now)).fetch_one(&mut *conn).await?;
    let rowid: i64 = row.get(0);
    for p in &file.parties {
        sqlx::query(
            "INSERT INTO parties (id, case_id, side, name, id_number) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(p.id.to_string())
        .bind(file.id.to_string())
        .bind(if p.side == Side::Applicant { "applicant" } else { "respondent" })
        .bind(&p.name)
        .bind(&p.id_number)
        .execute(&mut *conn)
        .await?;
    }
    let mut grams: Vec<String> =
        search::searchable_names(file).into_iter().flat_map(search::bigrams).collect();
    grams.sort();
    grams.dedup();
    for g in grams {
        sqlx::query("INSERT OR IGNORE INTO name_grams (gram, case_rowid) VALUES (?, ?)")
            .bind(g)
            .bind(rowid)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Appends events to the log (chained by prev_id) and folds them into the file.
async fn append(
    conn: &mut SqliteConnection,
    file: &mut CaseFile,
    stage_before: Option<Stage>,
    events: &[Event],
    actor: &User,
    action: &str,
    clock: Clock,
) -> Result<()> {
    let mut before = stage_before;
    for e in events {
        procedure::evolve(file, e);
        let id = Uuid::now_v7();
        let seq = file.events + 1;
        sqlx::query(
            "INSERT INTO events (id, case_id, seq, prev_id, at, actor_id, actor_name, actor_role, action, kind, stage_before, stage_after, payload)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(id.to_string())
        .bind(file.id.to_string())
        .bind(seq as i64)
        .bind(file.head.map(|h| h.to_string()))
        .bind(ts(clock.now))
        .bind(actor.id.to_string())
        .bind(&actor.name)
        .bind(role_code(actor.role))
        .bind(action)
        .bind(e.kind())
        .bind(before.map(|s| s.code()))
        .bind(file.stage.code())
        .bind(codec::pack(e)?)
        .execute(&mut *conn)
        .await?;
        file.head = Some(id);
        file.events = seq;
        before = Some(file.stage);
    }
    Ok(())
}

/// The columns that follow the case file, computed once for an INSERT or an UPDATE.
struct Projection<'a> {
    stage: &'static str,
    open: bool,
    due_on: Option<String>,
    due_sort: String,
    mediator_id: Option<String>,
    basis_number: &'a str,
    names: String,
    file: Vec<u8>,
    head: Option<String>,
    events: i64,
}

type SqliteQuery<'q> = sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>;

impl<'a> Projection<'a> {
    /// Binds the columns in the order both statements name them: stage, open, due_on, due_sort,
    /// mediator_id, basis_number, names, file, head_event_id, event_count.
    fn bind(self, q: SqliteQuery<'a>) -> SqliteQuery<'a> {
        q.bind(self.stage)
            .bind(self.open)
            .bind(self.due_on)
            .bind(self.due_sort)
            .bind(self.mediator_id)
            .bind(self.basis_number)
            .bind(self.names)
            .bind(self.file)
            .bind(self.head)
            .bind(self.events)
    }

    fn of(file: &'a CaseFile) -> Result<Projection<'a>> {
        let due = file.deadline().map(|d| d.to_string());
        Ok(Projection {
            stage: file.stage.code(),
            open: file.stage.open(),
            due_sort: due.clone().unwrap_or_else(|| "9999-12-31".into()),
            due_on: due,
            mediator_id: file.mediator.as_ref().map(|m| m.mediator_id.to_string()),
            basis_number: &file.basis.case_number,
            names: search::searchable_names(file).join("、"),
            file: codec::pack(file)?,
            head: file.head.map(|h| h.to_string()),
            events: file.events as i64,
        })
    }
}

async fn write_projection(
    conn: &mut SqliteConnection,
    file: &CaseFile,
    clock: Clock,
) -> Result<()> {
    let query = sqlx::query(
        "UPDATE cases SET stage = ?, open = ?, due_on = ?, due_sort = ?, mediator_id = ?, basis_number = ?, names = ?, file = ?, head_event_id = ?, event_count = ?, updated_at = ? WHERE id = ?",
    );
    Projection::of(file)?
        .bind(query)
        .bind(ts(clock.now))
        .bind(file.id.to_string())
        .execute(&mut *conn)
        .await?;
    Ok(())
}
