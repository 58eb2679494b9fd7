//! `hejie`: the command line onto the core, for the court's IT staff and for tests.

use std::path::PathBuf;

/// Prints a line; a closed pipe (`hejie cases | head`) is not an error worth a panic.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use hejie::documents::{DocKind, FontConfig, FontSet, RenderOptions};
use hejie::error::{Error, Result};
use hejie::model::{MediatorCategory, Role, Stage, User};
use hejie::procedure::{Action, Handover};
use hejie::rules::money::format_yuan;
use hejie::store::{default_db_path, Clock, ListQuery, Store};

#[derive(Parser)]
#[command(name = "hejie", version, about = "和解台：执前和解案件的命令行工具")]
struct Cli {
    /// 数据库文件（默认：系统数据目录中的 hejie.db）
    #[arg(long, global = true, env = "HEJIE_DB")]
    db: Option<PathBuf>,
    /// 操作人（用户姓名），也可用环境变量 HEJIE_USER
    #[arg(long = "user", global = true, env = "HEJIE_USER")]
    user: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 向空数据库写入演示数据（名册、用户与约 30 件各阶段案件）
    Demo,
    /// 案件列表（最近期限在前）
    Cases {
        #[arg(long)]
        stage: Option<String>,
        #[arg(long)]
        search: Option<String>,
        #[arg(long)]
        mediator: Option<String>,
        /// 包括已结束的案件
        #[arg(long)]
        all: bool,
        #[arg(long, default_value_t = 1)]
        page: u32,
        #[arg(long)]
        json: bool,
    },
    /// 案件详情与时间线
    Show {
        case: String,
        #[arg(long)]
        json: bool,
    },
    /// 登记一件收案（JSON 文件）
    New {
        #[arg(long)]
        file: PathBuf,
    },
    /// 批量收案（JSON 数组或 CSV）；有任何一行错误则整个文件都不导入
    Import { file: PathBuf },
    /// 对案件执行一个程序动作（JSON 文件或 --json 字符串）
    Act {
        case: String,
        #[arg(long)]
        file: Option<PathBuf>,
        #[arg(long)]
        json: Option<String>,
    },
    /// 即将到期与已逾期的案件
    Due {
        #[arg(long, default_value_t = 5)]
        within: i64,
        #[arg(long)]
        json: bool,
    },
    /// 对和解期限届满且未延长的案件作“视为和解不成”处理
    Expire,
    /// 分配案号（如执保案件）
    Number {
        #[arg(long = "type")]
        type_code: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// 用户管理
    User {
        #[command(subcommand)]
        cmd: UserCmd,
    },
    /// 和解员名册
    Mediator {
        #[command(subcommand)]
        cmd: MediatorCmd,
    },
    /// 生成文书 PDF：hejie render KIND CASE --out FILE.pdf [--wet]；hejie render all CASE --dir DIR
    Render {
        /// agreement / execution_notice / property_order / session_notice / record / suggestion / transfer / service_receipt / catalogue / all
        kind: String,
        case: String,
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long)]
        dir: Option<PathBuf>,
        /// 和解协议书的手写签名版（空白签名线）
        #[arg(long)]
        wet: bool,
        /// 和解通知书、和解笔录所对应的第几次和解（默认最近一次）
        #[arg(long)]
        session: Option<u32>,
    },
    /// 写入 N 件合成收案（性能测量用；经真实的收案流程登记）
    #[command(hide = true)]
    Synth {
        #[arg(long, default_value_t = 1000)]
        cases: u64,
    },
    /// 设置（JSON）
    Settings {
        /// 用此 JSON 文件替换设置
        #[arg(long)]
        set: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum UserCmd {
    Add {
        #[arg(long)]
        name: String,
        /// judge（法官）/ mediator（和解员）/ clerk（书记员）
        #[arg(long)]
        role: String,
        /// 和解员用户对应的名册姓名
        #[arg(long)]
        mediator: Option<String>,
    },
    List,
}

#[derive(Subcommand)]
enum MediatorCmd {
    Add {
        #[arg(long)]
        name: String,
        /// retired_judge / peoples_mediator / commercial_mediator / notary / lawyer
        #[arg(long)]
        category: String,
        #[arg(long, default_value = "")]
        organisation: String,
        #[arg(long, default_value = "")]
        phone: String,
        #[arg(long)]
        speciality: Vec<String>,
    },
    List,
    /// 停用（移出名册）
    Deactivate {
        name: String,
    },
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误[{}]：{}", e.code(), e.message());
            ExitCode::from(2)
        }
    }
}

async fn actor(store: &Store, user: &Option<String>) -> Result<User> {
    match user {
        Some(name) => store.user_by_name(name).await,
        None => {
            Err(Error::invalid("user.required", "请用 --user 或环境变量 HEJIE_USER 指定操作人"))
        }
    }
}

fn read(path: &PathBuf) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| {
        let why = hejie::error::io_reason(&e);
        Error::invalid("file.read", format!("无法读取文件{}：{why}", path.display())).with_source(e)
    })
}

fn print_json<T: serde::Serialize>(v: &T) -> Result<()> {
    out!("{}", serde_json::to_string_pretty(v)?);
    Ok(())
}

async fn run(cli: Cli) -> Result<()> {
    let path = cli.db.clone().unwrap_or_else(default_db_path);
    let store = Store::open(&path).await?;
    let clock = Clock::system()?;
    match &cli.command {
        Command::Demo => {
            let r = hejie::demo::fill(&store, clock.today).await?;
            out!(
                "已写入演示数据：用户{}名，和解员{}名，案件{}件（数据库：{}）",
                r.users,
                r.mediators,
                r.cases,
                path.display()
            );
        }
        Command::Cases { stage, search, mediator, all, page, json } => {
            let stage = match stage {
                Some(s) => Some(Stage::parse(s).ok_or_else(|| {
                    Error::invalid("stage.unknown", format!("没有“{s}”这个阶段"))
                })?),
                None => None,
            };
            let mediator = match mediator {
                Some(m) => Some(store.mediator(m).await?.id),
                None => None,
            };
            let q = ListQuery {
                stage,
                mediator,
                search: search.clone(),
                open_only: !all && stage.is_none(),
                offset: page.saturating_sub(1) * 50,
                limit: 50,
            };
            let rows = store.list(&q, clock.today).await?;
            if *json {
                return print_json(&rows);
            }
            if rows.is_empty() {
                out!("没有符合条件的案件");
            }
            for r in rows {
                let due = match (r.due_on, r.days_left) {
                    (Some(d), Some(n)) if n < 0 => format!("{d}（已逾期{}日）", -n),
                    (Some(d), Some(n)) => format!("{d}（剩{n}日）"),
                    _ => "—".into(),
                };
                out!(
                    "{}\t{}\t{} 诉 {}\t{}元\t{}",
                    r.number,
                    r.stage_label,
                    r.applicants,
                    r.respondents,
                    format_yuan(r.claim_fen),
                    due
                );
            }
        }
        Command::Show { case, json } => {
            let file = store.case(case).await?;
            let events = store.events(file.id).await?;
            if *json {
                return print_json(&serde_json::json!({ "case": file, "timeline": events }));
            }
            out!("{}  【{}】", file.number, file.stage.label());
            out!(
                "收案日期：{}  和解期限：{} 至 {}",
                file.received_on,
                file.period.start,
                file.period.end
            );
            for p in &file.parties {
                out!("{}：{}（{}）", p.side.label(), p.name, p.id_number);
                for a in &p.agents {
                    out!("  委托代理人：{}（{}）", a.name, a.authority.label());
                }
            }
            out!("执行依据：{}{}{}", file.basis.court, file.basis.case_number, file.basis.doc_type);
            out!("申请执行金额：{}元", format_yuan(file.claim_fen));
            if let Some(m) = &file.mediator {
                out!("和解员：{}（{}）", m.name, m.by.label());
            }
            out!("—— 时间线 ——");
            for e in events {
                out!(
                    "{}  {}（{}）  {}",
                    e.at.format("%Y-%m-%d %H:%M"),
                    e.actor_name,
                    e.actor_role,
                    e.summary
                );
            }
        }
        Command::New { file } => {
            let who = actor(&store, &cli.user).await?;
            let h: Handover = serde_json::from_slice(&read(file)?)?;
            let f = store.register(&h, &who, clock).await?;
            out!("已收案：{}（{}）", f.number, f.id);
        }
        Command::Import { file } => {
            let who = actor(&store, &cli.user).await?;
            let rows = hejie::import::parse_file(&file.to_string_lossy(), &read(file)?)?;
            let (ok, report) =
                hejie::import::import_rows(&store, &rows, &who, clock, &|_, _| {}).await?;
            for r in &report {
                out!(
                    "{}\t{}\t{}",
                    r.place,
                    if r.ok { "✓" } else { "✗" },
                    r.number.clone().unwrap_or_else(|| r.message.clone())
                );
            }
            if !ok {
                let bad = report.iter().filter(|r| !r.ok).count();
                return Err(Error::invalid(
                    "import.rows",
                    format!("{bad}行有错误，整个文件未导入"),
                ));
            }
            out!("共导入{}件", report.len());
        }
        Command::Act { case, file, json } => {
            let who = actor(&store, &cli.user).await?;
            let bytes = match (file, json) {
                (Some(f), _) => read(f)?,
                (None, Some(j)) => j.as_bytes().to_vec(),
                (None, None) => {
                    return Err(Error::invalid("act.input", "请用 --file 或 --json 给出动作"))
                }
            };
            let action: Action = serde_json::from_slice(&bytes)?;
            let (f, events) = store.act(case, &action, &who, clock).await?;
            for e in &events {
                out!("{}", e.summary(&f));
            }
            out!("案件阶段：{}", f.stage.label());
        }
        Command::Due { within, json } => {
            let rows = store.due(clock.today, *within).await?;
            if *json {
                return print_json(&rows);
            }
            for r in rows {
                let n = r.days_left.unwrap_or(0);
                let left = if n < 0 { format!("已逾期{}日", -n) } else { format!("剩{n}日") };
                out!(
                    "{}\t{}\t{}\t{}",
                    r.number,
                    r.stage_label,
                    r.due_on.map(|d| d.to_string()).unwrap_or_default(),
                    left
                );
            }
        }
        Command::Expire => {
            let who = actor(&store, &cli.user).await?;
            let done = store.expire_due(&who, clock).await?;
            for n in &done {
                out!("{n}：和解期限届满，视为和解不成");
            }
            out!("共处理{}件", done.len());
        }
        Command::Number { type_code, note } => {
            let n = store.allocate_number(type_code, clock, note).await?;
            out!("{n}");
        }
        Command::User { cmd } => match cmd {
            UserCmd::Add { name, role, mediator } => {
                let role = Role::parse(role).ok_or_else(|| {
                    Error::invalid(
                        "user.role",
                        format!("角色“{role}”应为 judge、mediator 或 clerk"),
                    )
                })?;
                let mid = match mediator {
                    Some(m) => Some(store.mediator(m).await?.id),
                    None => None,
                };
                let u = store.add_user(name, role, mid).await?;
                out!("已添加用户：{}（{}）", u.name, u.role.label());
            }
            UserCmd::List => {
                for u in store.users().await? {
                    out!(
                        "{}\t{}\t{}",
                        u.name,
                        u.role.label(),
                        if u.active { "在用" } else { "停用" }
                    );
                }
            }
        },
        Command::Mediator { cmd } => match cmd {
            MediatorCmd::Add { name, category, organisation, phone, speciality } => {
                let cat: MediatorCategory =
                    serde_json::from_value(serde_json::Value::String(category.clone())).map_err(
                        |_| Error::invalid("mediator.category", format!("类别“{category}”不正确")),
                    )?;
                let m = store.add_mediator(name, cat, organisation, phone, speciality).await?;
                out!("已加入名册：{}（{}）", m.name, m.category.label());
            }
            MediatorCmd::List => {
                for m in store.mediators().await? {
                    out!(
                        "{}\t{}\t{}\t{}\t{}",
                        m.name,
                        m.category.label(),
                        m.organisation,
                        m.specialities.join("、"),
                        if m.active { "在册" } else { "已停用" }
                    );
                }
            }
            MediatorCmd::Deactivate { name } => {
                let mut m = store.mediator(name).await?;
                m.active = false;
                store.save_mediator(&m, false).await?;
                out!("{}已停用", m.name);
            }
        },
        Command::Render { kind, case, out, dir, wet, session } => {
            let who = actor(&store, &cli.user).await?;
            let settings = store.settings().await?;
            let cfg = FontConfig {
                body: settings.body_font.clone().map(PathBuf::from),
                title: settings.title_font.clone().map(PathBuf::from),
                extra_dirs: std::env::var_os("HEJIE_FONT_DIR")
                    .map(|d| vec![PathBuf::from(d)])
                    .unwrap_or_default(),
                ..Default::default()
            };
            let fonts = FontSet::load(&cfg)?;
            let opts = RenderOptions { wet: *wet, session: *session };
            if kind == "all" {
                let dir = dir.clone().ok_or_else(|| {
                    Error::invalid("render.dir", "生成全部文书时请用 --dir 指定目录")
                })?;
                std::fs::create_dir_all(&dir)?;
                let file = store.case(case).await?;
                for k in hejie::documents::available(&file) {
                    let r = store.render_document(case, k, &opts, &fonts, &who, clock).await?;
                    let path = dir.join(&r.file_name);
                    std::fs::write(&path, &r.bytes)?;
                    out!("{}\t{} 字节\t{}", r.title, r.bytes.len(), path.display());
                }
            } else {
                let k = DocKind::parse(kind)?;
                let out = out
                    .clone()
                    .ok_or_else(|| Error::invalid("render.out", "请用 --out 指定输出文件"))?;
                let r = store.render_document(case, k, &opts, &fonts, &who, clock).await?;
                std::fs::write(&out, &r.bytes)?;
                out!(
                    "{}\t{} 字节\tSHA-256 {}\t{}",
                    r.title,
                    r.bytes.len(),
                    r.sha256,
                    out.display()
                );
            }
        }
        Command::Synth { cases } => {
            let who = actor(&store, &cli.user).await?;
            let mut seed = 0;
            while seed < *cases {
                let day = clock.today - chrono::Duration::days((seed % 40) as i64);
                let batch: Vec<_> = (seed..(seed + 500).min(*cases))
                    .map(|s| hejie::demo::handover(1_000_000 + s, day))
                    .collect();
                store.register_all(&batch, &who, clock).await?;
                seed += batch.len() as u64;
            }
            out!("已写入{cases}件合成收案");
        }
        Command::Settings { set } => {
            if let Some(f) = set {
                let s: hejie::model::Settings = serde_json::from_slice(&read(f)?)?;
                store.save_settings(&s).await?;
                out!("设置已保存");
            } else {
                print_json(&store.settings().await?)?;
            }
        }
    }
    Ok(())
}
