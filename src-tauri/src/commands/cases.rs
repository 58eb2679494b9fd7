//! Case lists, the case page and the one command that changes a case.

use chrono::NaiveDate;
use hejie::model::{CaseFile, Stage};
use hejie::procedure::{Action, SignerSlot};
use hejie::store::{CaseRow, ListQuery, StoredEvent, TodoRow};
use serde::Serialize;
use tauri::State;

use crate::args::Parsed;
use crate::error::Res;
use crate::state::{clock, App};

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn list_cases(app: State<'_, App>, query: ListQuery) -> Res<Vec<CaseRow>> {
    Ok(app.store.list(&query, clock()?.today).await?)
}

/// 今日待办: what waits for the current user today, and why (the core decides).
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn todo(app: State<'_, App>, limit: usize) -> Res<Vec<TodoRow>> {
    let user = app.current_user().await?;
    Ok(app.store.todo(&user, clock()?.today, limit.clamp(1, 500)).await?)
}

/// Applies the deemed failures of the periods that ran out; returns the case numbers.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn expire_due(app: State<'_, App>) -> Res<Vec<String>> {
    let user = app.current_user().await?;
    Ok(app.store.expire_due(&user, clock()?).await?)
}

/// The case page: the file, its timeline, and what the current user may do now.
#[derive(Serialize)]
pub struct CaseView {
    case: CaseFile,
    number: String,
    stage_label: &'static str,
    deadline: Option<NaiveDate>,
    days_left: Option<i64>,
    timeline: Vec<StoredEvent>,
    /// The actions the current user may take (none without a current user).
    actions: Vec<&'static str>,
    documents: Vec<DocumentChoice>,
    missing_signers: Vec<String>,
    signer_slots: Vec<SignerSlot>,
    agreement_text: Option<String>,
}

/// A document the case's stage allows.
#[derive(Serialize)]
pub struct DocumentChoice {
    kind: &'static str,
    title: &'static str,
}

#[tauri::command]
#[tracing::instrument(skip_all, fields(case = %case))]
pub async fn case_view(app: State<'_, App>, case: String) -> Res<CaseView> {
    let file = app.store.case(&case).await?;
    let timeline = app.store.events(file.id).await?;
    let user = app.user.lock().await.clone();
    let today = clock()?.today;
    // Without a current user nobody acts or signs here: no actions, no signer slots.
    let (actions, signer_slots) = match &user {
        Some(u) => {
            (hejie::procedure::available(&file, u), hejie::procedure::signer_slots(&file, u))
        }
        None => (Vec::new(), Vec::new()),
    };
    Ok(CaseView {
        number: file.number.format(),
        stage_label: file.stage.label(),
        deadline: file.deadline(),
        days_left: file.deadline().map(|d| hejie::rules::period::days_left(today, d)),
        timeline,
        actions,
        documents: hejie::documents::available(&file)
            .into_iter()
            .map(|k| DocumentChoice { kind: k.code(), title: k.title() })
            .collect(),
        missing_signers: hejie::procedure::missing_signers(&file),
        signer_slots,
        agreement_text: file.agreement.as_ref().map(|a| a.text.clone()),
        case: file,
    })
}

/// What an action did: the stage after it and one line per event.
#[derive(Serialize)]
pub struct Acted {
    stage: Stage,
    summaries: Vec<String>,
}

/// Applies any procedure action (the one command that changes a case).
#[tauri::command]
#[tracing::instrument(skip_all, fields(case = %case, action = tracing::field::Empty))]
pub async fn act(app: State<'_, App>, case: String, action: Parsed<Action>) -> Res<Acted> {
    let user = app.current_user().await?;
    let action = action.get()?;
    tracing::Span::current().record("action", action.kind());
    let (file, events) = app.store.act(&case, &action, &user, clock()?).await?;
    Ok(Acted { stage: file.stage, summaries: events.iter().map(|e| e.summary(&file)).collect() })
}
