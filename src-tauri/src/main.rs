//! 和解台 desktop shell: thin Tauri commands over the `hejie` core. Every rule is the core's; these
//! commands parse, call the core and map errors to `{code, message}` for the UI.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::PathBuf;
use std::sync::Arc;

use base64::Engine;
use hejie::documents::{DocKind, FontConfig, FontSet, RenderOptions};
use hejie::model::{Mediator, Settings, User};
use hejie::procedure::{Action, Handover};
use hejie::store::{default_db_path, Clock, ListQuery, Store};
use serde::Serialize;
use serde_json::{json, Value};
use tauri::{Emitter, Manager, State};
use tauri_plugin_opener::OpenerExt;
use tokio::sync::Mutex;

struct App {
    started: std::time::Instant,
    store: Store,
    user: Mutex<Option<User>>,
    /// Loaded on the first document; dropped when the settings change the fonts.
    fonts: Mutex<Option<Arc<FontSet>>>,
    resources: Option<PathBuf>,
}

#[derive(Serialize)]
struct UiError {
    code: String,
    message: String,
}

impl From<hejie::Error> for UiError {
    fn from(e: hejie::Error) -> Self {
        UiError { code: e.code().into(), message: e.message().into() }
    }
}

type Res<T> = Result<T, UiError>;

fn clock() -> Res<Clock> {
    Ok(Clock::system()?)
}

async fn current_user(app: &App) -> Res<User> {
    app.user.lock().await.clone().ok_or_else(|| UiError {
        code: "user.required".into(),
        message: "请先在“设置”中选择当前用户".into(),
    })
}

async fn fonts(app: &App) -> Res<Arc<FontSet>> {
    // Held while loading, so two documents asked for at once load the fonts once.
    let mut cached = app.fonts.lock().await;
    if let Some(f) = cached.as_ref() {
        return Ok(f.clone());
    }
    let settings = app.store.settings().await?;
    let cfg = FontConfig {
        body: settings.body_font.map(PathBuf::from),
        title: settings.title_font.map(PathBuf::from),
        extra_dirs: vec![],
        bundled_dir: app.resources.clone().map(|r| r.join("fonts")),
        skip_system_fonts: false,
    };
    let f = tokio::task::spawn_blocking(move || FontSet::load(&cfg).map(Arc::new))
        .await
        .map_err(|e| hejie::Error::document("font.load", format!("字体加载失败：{e}")))??;
    *cached = Some(f.clone());
    Ok(f)
}

/// What the window needs on start: the user, the users to choose from, figures, whether to offer the demo.
#[tauri::command]
async fn app_state(app: State<'_, App>) -> Res<Value> {
    let clock = clock()?;
    let users = app.store.users().await?;
    let mut user = app.user.lock().await;
    if user.is_none() {
        if let Ok(name) = std::env::var("HEJIE_USER") {
            *user = users.iter().find(|u| u.name == name).cloned();
        }
    }
    let counts: Vec<Value> = app
        .store
        .counts_by_stage()
        .await?
        .into_iter()
        .map(|(s, n)| json!({"stage": s.code(), "label": s.label(), "count": n, "open": s.open()}))
        .collect();
    let total = app.store.count_cases().await?;
    let settings = app.store.settings().await?;
    Ok(json!({
        "today": clock.today, "user": *user, "users": users, "counts": counts, "total": total,
        "offer_demo": total == 0, "court": settings.court_name, "db": app.store.path(),
    }))
}

/// Adds a user (the first one at installation; later ones by a judge or clerk) and, when there was
/// none, makes them the current user.
#[tauri::command]
async fn add_user(
    app: State<'_, App>,
    name: String,
    role: Value,
    mediator: Option<String>,
) -> Res<User> {
    let role: hejie::model::Role = serde_json::from_value(role).map_err(hejie::Error::from)?;
    let mediator = match mediator.filter(|m| !m.is_empty()) {
        Some(m) => Some(m.parse().map_err(|_| hejie::Error::invalid("mediator.id", "和解员无效"))?),
        None => None,
    };
    let mut current = app.user.lock().await;
    let u = app.store.add_user_by(current.as_ref(), &name, role, mediator).await?;
    if current.is_none() {
        *current = Some(u.clone());
    }
    Ok(u)
}

#[tauri::command]
async fn set_user(app: State<'_, App>, name: String) -> Res<User> {
    let u = app.store.user_by_name(&name).await?;
    *app.user.lock().await = Some(u.clone());
    Ok(u)
}

#[tauri::command]
async fn fill_demo(app: State<'_, App>) -> Res<Value> {
    let r = hejie::demo::fill(&app.store, clock()?.today).await?;
    Ok(serde_json::to_value(r).unwrap_or_default())
}

#[tauri::command]
async fn list_cases(app: State<'_, App>, query: ListQuery) -> Res<Value> {
    let rows = app.store.list(&query, clock()?.today).await?;
    Ok(serde_json::to_value(rows).unwrap_or_default())
}

/// 今日待办: what waits for the current user today, and why (the core decides).
#[tauri::command]
async fn todo(app: State<'_, App>, limit: usize) -> Res<Value> {
    let user = current_user(&app).await?;
    Ok(json!(app.store.todo(&user, clock()?.today, limit.clamp(1, 500)).await?))
}

#[tauri::command]
async fn expire_due(app: State<'_, App>) -> Res<Vec<String>> {
    let user = current_user(&app).await?;
    Ok(app.store.expire_due(&user, clock()?).await?)
}

/// The case page: the file, its timeline, and what the current user may do now.
#[tauri::command]
async fn case_view(app: State<'_, App>, case: String) -> Res<Value> {
    let file = app.store.case(&case).await?;
    let events = app.store.events(file.id).await?;
    let user = app.user.lock().await.clone();
    let actions = user.as_ref().map(|u| hejie::procedure::available(&file, u)).unwrap_or_default();
    let today = clock()?.today;
    Ok(json!({
        "case": file,
        "number": file.number.format(),
        "stage_label": file.stage.label(),
        "deadline": file.deadline(),
        "days_left": file.deadline().map(|d| hejie::rules::period::days_left(today, d)),
        "timeline": events,
        "actions": actions,
        "documents": hejie::documents::available(&file).into_iter().map(|k| json!({"kind": k.code(), "title": k.title()})).collect::<Vec<_>>(),
        "missing_signers": hejie::procedure::missing_signers(&file),
        "signer_slots": user.as_ref().map(|u| hejie::procedure::signer_slots(&file, u)).unwrap_or_default(),
        "agreement_text": file.agreement.as_ref().map(|a| a.text.clone()),
    }))
}

/// Applies any procedure action (the one command that changes a case).
#[tauri::command]
async fn act(app: State<'_, App>, case: String, action: Value) -> Res<Value> {
    let user = current_user(&app).await?;
    let action: Action = serde_json::from_value(action).map_err(hejie::Error::from)?;
    let (file, events) = app.store.act(&case, &action, &user, clock()?).await?;
    Ok(
        json!({ "stage": file.stage, "summaries": events.iter().map(|e| e.summary(&file)).collect::<Vec<_>>() }),
    )
}

#[tauri::command]
async fn register(app: State<'_, App>, handover: Value) -> Res<Value> {
    let user = current_user(&app).await?;
    let h: Handover = serde_json::from_value(handover).map_err(hejie::Error::from)?;
    let f = app.store.register(&h, &user, clock()?).await?;
    Ok(
        json!({"id": f.id, "number": f.number.format(), "warnings": f.parties.iter().filter_map(|p| p.warning.clone()).collect::<Vec<_>>()}),
    )
}

/// Imports a file of hand-overs, reporting progress to the window; all or nothing.
#[tauri::command]
async fn import_file(window: tauri::Window, app: State<'_, App>, path: String) -> Res<Value> {
    let user = current_user(&app).await?;
    let bytes = std::fs::read(&path).map_err(|e| hejie::Error::io("读取文件", &e))?;
    let _ = window.emit("import-progress", json!({"phase": "读取文件", "done": 0, "total": 1}));
    let rows = hejie::import::parse_file(&path, &bytes)?;
    let _ =
        window.emit("import-progress", json!({"phase": "校验", "done": 0, "total": rows.len()}));
    let progress = |done: usize, total: usize| {
        let _ =
            window.emit("import-progress", json!({"phase": "登记", "done": done, "total": total}));
    };
    let (ok, report) =
        hejie::import::import_rows(&app.store, &rows, &user, clock()?, &progress).await?;
    let _ = window
        .emit("import-progress", json!({"phase": "完成", "done": rows.len(), "total": rows.len()}));
    Ok(json!({"ok": ok, "rows": report}))
}

#[tauri::command]
async fn mediators(app: State<'_, App>) -> Res<Value> {
    let list = app.store.mediators().await?;
    let mut out = Vec::new();
    for m in list {
        let open = app
            .store
            .list(
                &ListQuery {
                    mediator: Some(m.id),
                    open_only: true,
                    limit: 100,
                    ..Default::default()
                },
                clock()?.today,
            )
            .await?;
        out.push(json!({"mediator": m, "category_label": m.category.label(), "open_cases": open}));
    }
    Ok(Value::Array(out))
}

#[tauri::command]
async fn save_mediator(app: State<'_, App>, mediator: Value) -> Res<Mediator> {
    hejie::procedure::require_staff(&current_user(&app).await?, "维护和解员名册")?;
    let mut v = mediator;
    let new = v.get("id").and_then(|i| i.as_str()).map(|s| s.is_empty()).unwrap_or(true);
    if new {
        v["id"] = json!(hejie::procedure::new_id());
    }
    let m: Mediator = serde_json::from_value(v).map_err(hejie::Error::from)?;
    app.store.save_mediator(&m, new).await?;
    Ok(m)
}

/// Reads an amount typed in 元 into 分 with the core's rules (no floating point anywhere).
#[tauri::command]
fn parse_yuan(text: String) -> Res<i64> {
    Ok(hejie::rules::money::parse_yuan(&text)?)
}

/// The amount in capitals, for the signing view and forms.
#[tauri::command]
fn capitals(fen: i64) -> Res<String> {
    Ok(hejie::rules::money::to_capitals(fen)?)
}

#[tauri::command]
async fn get_settings(app: State<'_, App>) -> Res<Settings> {
    Ok(app.store.settings().await?)
}

#[tauri::command]
async fn save_settings(app: State<'_, App>, settings: Value) -> Res<()> {
    hejie::procedure::require_staff(&current_user(&app).await?, "修改设置")?;
    let settings: Settings = serde_json::from_value(settings).map_err(hejie::Error::from)?;
    app.store.save_settings(&settings).await?;
    // New font paths take effect on the next document.
    let _ = app.fonts.lock().await.take();
    Ok(())
}

#[tauri::command]
async fn font_info(app: State<'_, App>) -> Res<String> {
    Ok(fonts(&app).await?.describe())
}

/// Renders a document, records it, and returns it (base64) for preview and saving.
#[tauri::command]
async fn render_document(
    app: State<'_, App>,
    case: String,
    kind: String,
    wet: bool,
    session: Option<u32>,
) -> Res<Value> {
    let user = current_user(&app).await?;
    let kind = DocKind::parse(&kind)?;
    let fonts = fonts(&app).await?;
    let opts = RenderOptions { wet, session };
    let r = app.store.render_document(&case, kind, &opts, &fonts, &user, clock()?).await?;
    Ok(json!({
        "title": r.title, "file_name": r.file_name, "sha256": r.sha256, "bytes": r.bytes.len(),
        "pdf_base64": base64::engine::general_purpose::STANDARD.encode(&r.bytes),
    }))
}

/// Writes a rendered PDF where the user chose (the path comes from the save dialog).
#[tauri::command]
async fn write_file(path: String, base64_data: String) -> Res<()> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(base64_data)
        .map_err(|_| UiError { code: "file.data".into(), message: "文件内容无效".into() })?;
    Ok(std::fs::write(&path, bytes).map_err(|e| hejie::Error::io("保存文件", &e))?)
}

/// Saves a rendered PDF to a temporary file and opens it in the system viewer (for printing).
#[tauri::command]
async fn open_pdf(
    app_handle: tauri::AppHandle,
    file_name: String,
    base64_data: String,
) -> Res<String> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(base64_data)
        .map_err(|_| UiError { code: "file.data".into(), message: "文件内容无效".into() })?;
    let dir = std::env::temp_dir().join("hejie-print");
    std::fs::create_dir_all(&dir).map_err(|e| hejie::Error::io("建立临时文件夹", &e))?;
    let safe: String =
        file_name.chars().map(|c| if "/\\:*?\"<>|".contains(c) { '_' } else { c }).collect();
    let path = dir.join(safe);
    std::fs::write(&path, bytes).map_err(|e| hejie::Error::io("写入临时文件", &e))?;
    app_handle.opener().open_path(path.to_string_lossy(), None::<&str>).map_err(|_| UiError {
        code: "open.failed".into(),
        message: "无法打开 PDF 阅读器：请先安装 PDF 阅读器，或用“保存”后再打印".into(),
    })?;
    Ok(path.to_string_lossy().into())
}

/// The UI reports when the first work list is painted: the start-up time is logged, and with
/// `HEJIE_EXIT_AFTER_PAINT=SECONDS` the app exits that long afterwards (for start-up measurements).
#[tauri::command]
fn painted(app: State<'_, App>, handle: tauri::AppHandle) {
    let ms = app.started.elapsed().as_secs_f64() * 1e3;
    eprintln!("hejie-desktop: work list painted {ms:.0} ms after start");
    if let Some(secs) =
        std::env::var("HEJIE_EXIT_AFTER_PAINT").ok().and_then(|s| s.parse::<u64>().ok())
    {
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_secs(secs));
            handle.exit(0);
        });
    }
}

fn main() {
    let started = std::time::Instant::now();
    // Forms and lists need no GPU compositing; without it WebKit's web process idles at ~125 MB
    // instead of ~220 MB (measured under Xvfb), and it avoids blank windows on some GPU drivers.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime");
    tauri::async_runtime::set(runtime.handle().clone());
    let path = default_db_path();
    let opened = runtime.block_on(Store::open(&path));
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(move |app| {
            let store = match opened {
                Ok(s) => s,
                Err(e) => {
                    // Started from a desktop icon, nobody reads stderr: say it in a dialog, then quit.
                    eprintln!("错误[{}]：{}", e.code(), e.message());
                    use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};
                    if let Some(w) = app.get_webview_window("main") {
                        let _ = w.hide();
                    }
                    app.dialog()
                        .message(format!(
                            "无法打开案件数据库：\n{}\n\n{}",
                            path.display(),
                            e.message()
                        ))
                        .title("和解台无法启动")
                        .kind(MessageDialogKind::Error)
                        .buttons(MessageDialogButtons::OkCustom("退出".into()))
                        .show(|_| std::process::exit(2));
                    return Ok(());
                }
            };
            let resources = app.path().resource_dir().ok();
            app.manage(App {
                started,
                store,
                user: Mutex::new(None),
                fonts: Mutex::new(None),
                resources,
            });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            app_state,
            add_user,
            set_user,
            fill_demo,
            list_cases,
            todo,
            expire_due,
            case_view,
            act,
            register,
            import_file,
            mediators,
            save_mediator,
            parse_yuan,
            capitals,
            get_settings,
            save_settings,
            font_info,
            render_document,
            write_file,
            open_pdf,
            painted
        ])
        .run(tauri::generate_context!())
        .expect("和解台启动失败");
}
