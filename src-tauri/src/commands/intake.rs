//! Registering hand-overs: one from the form, or a whole file.

use hejie::import::RowReport;
use hejie::procedure::Handover;
use serde::Serialize;
use tauri::{Emitter, State};
use uuid::Uuid;

use crate::args::Parsed;
use crate::error::Res;
use crate::state::{clock, App};

/// A case just registered.
#[derive(Serialize)]
pub struct Registered {
    id: Uuid,
    number: String,
    /// The parties' warnings (e.g. an ID number that looks unusual), for the clerk to check.
    warnings: Vec<String>,
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn register(app: State<'_, App>, handover: Parsed<Handover>) -> Res<Registered> {
    let user = app.current_user().await?;
    let h = handover.get()?;
    let f = app.store.register(&h, &user, clock()?).await?;
    Ok(Registered {
        id: f.id,
        number: f.number.format(),
        warnings: f.parties.iter().filter_map(|p| p.warning.clone()).collect(),
    })
}

/// The outcome of an import: all rows stored (`ok`), or none and the report says why.
#[derive(Serialize)]
pub struct Imported {
    ok: bool,
    rows: Vec<RowReport>,
}

/// The `import-progress` event.
#[derive(Clone, Serialize)]
struct Progress {
    phase: &'static str,
    done: usize,
    total: usize,
}

/// Tells the window how far the import is. A lost progress event leaves the import as it is.
fn progress(window: &tauri::Window, phase: &'static str, done: usize, total: usize) {
    if let Err(e) = window.emit("import-progress", Progress { phase, done, total }) {
        tracing::warn!(phase, cause = %e, "import progress not sent");
    }
}

/// Imports a file of hand-overs, reporting progress to the window; all or nothing.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn import_file(
    window: tauri::Window,
    app: State<'_, App>,
    path: String,
) -> Res<Imported> {
    let user = app.current_user().await?;
    let bytes = tokio::fs::read(&path).await.map_err(|e| hejie::Error::io("读取文件", e))?;
    progress(&window, "读取文件", 0, 1);
    let rows = hejie::import::parse_file(&path, &bytes)?;
    progress(&window, "校验", 0, rows.len());
    let on_stored = |done: usize, total: usize| progress(&window, "登记", done, total);
    let (ok, rows_report) =
        hejie::import::import_rows(&app.store, &rows, &user, clock()?, &on_stored).await?;
    progress(&window, "完成", rows.len(), rows.len());
    Ok(Imported { ok, rows: rows_report })
}
