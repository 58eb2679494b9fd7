//! The window's start: who is working, the figures of the work list, the demonstration data.

use chrono::NaiveDate;
use hejie::demo::DemoReport;
use hejie::model::{Role, User};
use serde::Serialize;
use tauri::State;

use crate::args::Parsed;
use crate::error::Res;
use crate::state::{clock, App};

/// What the window needs on start.
#[derive(Serialize)]
pub struct AppState {
    today: NaiveDate,
    user: Option<User>,
    /// The users to choose from.
    users: Vec<User>,
    counts: Vec<StageCount>,
    total: i64,
    /// No case yet: offer to fill the demonstration data.
    offer_demo: bool,
    court: String,
    /// Where the database is (shown in the settings).
    db: String,
}

/// How many cases are at one stage.
#[derive(Serialize)]
pub struct StageCount {
    stage: &'static str,
    label: &'static str,
    count: i64,
    open: bool,
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn app_state(app: State<'_, App>) -> Res<AppState> {
    let clock = clock()?;
    let users = app.store.users().await?;
    let mut user = app.user.lock().await;
    if user.is_none() {
        if let Ok(name) = std::env::var("HEJIE_USER") {
            *user = users.iter().find(|u| u.name == name).cloned();
        }
    }
    let counts = app.store.counts_by_stage().await?;
    let total = app.store.count_cases().await?;
    let settings = app.store.settings().await?;
    Ok(AppState {
        today: clock.today,
        user: user.clone(),
        users,
        counts: counts
            .into_iter()
            .map(|(s, count)| StageCount {
                stage: s.code(),
                label: s.label(),
                count,
                open: s.open(),
            })
            .collect(),
        total,
        offer_demo: total == 0,
        court: settings.court_name,
        db: app.store.path().display().to_string(),
    })
}

/// Adds a user (the first one at installation; later ones by a judge or clerk) and, when there was
/// none, makes them the current user.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn add_user(
    app: State<'_, App>,
    name: String,
    role: Parsed<Role>,
    mediator: Option<String>,
) -> Res<User> {
    let role = role.get()?;
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
#[tracing::instrument(skip_all)]
pub async fn set_user(app: State<'_, App>, name: String) -> Res<User> {
    let u = app.store.user_by_name(&name).await?;
    *app.user.lock().await = Some(u.clone());
    Ok(u)
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn fill_demo(app: State<'_, App>) -> Res<DemoReport> {
    Ok(hejie::demo::fill(&app.store, clock()?.today).await?)
}

/// The UI reports when the first work list is painted: the start-up time is logged (and printed:
/// scripts/desktop-probe.sh reads it), and with `HEJIE_EXIT_AFTER_PAINT=SECONDS` the app exits
/// that long afterwards (for start-up measurements).
#[tauri::command]
pub fn painted(app: State<'_, App>, handle: tauri::AppHandle) {
    let ms = app.started.elapsed().as_secs_f64() * 1e3;
    eprintln!("hejie-desktop: work list painted {ms:.0} ms after start");
    tracing::info!(ms = ms.round() as u64, "work list painted");
    if let Some(secs) =
        std::env::var("HEJIE_EXIT_AFTER_PAINT").ok().and_then(|s| s.parse::<u64>().ok())
    {
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_secs(secs));
            handle.exit(0);
        });
    }
}
