//! 和解台 desktop shell: thin Tauri commands over the `hejie` core. Every rule is the core's; the
//! commands (commands/, by domain) parse, call the core and map errors to `{code, message}` for the
//! UI while the cause goes to the log (error.rs, logging.rs). This file only wires them up.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod args;
mod commands;
mod error;
mod logging;
mod state;

use hejie::store::{default_db_path, Store};
use tauri::Manager;
use tokio::sync::Mutex;

use crate::commands::{app, cases, documents, intake, money, roster, settings};
use crate::state::App;

fn main() {
    let started = std::time::Instant::now();
    // Forms and lists need no GPU compositing; without it WebKit's web process idles at ~125 MB
    // instead of ~220 MB (measured under Xvfb), and it avoids blank windows on some GPU drivers.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
    let path = default_db_path();
    logging::init(&path);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime");
    tauri::async_runtime::set(runtime.handle().clone());
    let opened = runtime.block_on(Store::open(&path));
    let tauri_app = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(move |app| {
            let store = match opened {
                Ok(s) => s,
                Err(e) => {
                    tracing::error!(
                        code = e.code(),
                        cause = %e.chain().join(": "),
                        "the database could not be opened"
                    );
                    // Started from a desktop icon, nobody reads stderr: say it in a dialog, then quit.
                    eprintln!("错误[{}]：{}", e.code(), e.message());
                    use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};
                    if let Some(w) = app.get_webview_window("main") {
                        if let Err(e) = w.hide() {
                            tracing::warn!(cause = %e, "the empty window could not be hidden");
                        }
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
                        .show(|_| {
                            logging::flush();
                            std::process::exit(2)
                        });
                    return Ok(());
                }
            };
            // Without it (a development run) the bundled fonts are not offered; the system's are.
            let resources = match app.path().resource_dir() {
                Ok(dir) => Some(dir),
                Err(e) => {
                    tracing::warn!(cause = %e, "no resource directory: bundled fonts not offered");
                    None
                }
            };
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
            app::app_state,
            app::add_user,
            app::set_user,
            app::fill_demo,
            cases::list_cases,
            cases::todo,
            cases::expire_due,
            cases::case_view,
            cases::act,
            intake::register,
            intake::import_file,
            roster::mediators,
            roster::save_mediator,
            money::parse_yuan,
            money::capitals,
            settings::get_settings,
            settings::save_settings,
            settings::font_info,
            documents::render_document,
            documents::write_file,
            documents::open_pdf,
            app::painted
        ])
        .build(tauri::generate_context!())
        .expect("和解台启动失败");
    tauri_app.run(|_, event| {
        if let tauri::RunEvent::Exit = event {
            logging::flush();
        }
    });
}
