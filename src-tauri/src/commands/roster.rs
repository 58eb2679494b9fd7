//! The roster of mediators.

use hejie::model::{Mediator, MediatorCategory};
use hejie::store::{CaseRow, ListQuery};
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::args::Parsed;
use crate::error::Res;
use crate::state::{clock, App};

/// One mediator with the open cases in their hands.
#[derive(Serialize)]
pub struct RosterEntry {
    mediator: Mediator,
    category_label: &'static str,
    open_cases: Vec<CaseRow>,
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn mediators(app: State<'_, App>) -> Res<Vec<RosterEntry>> {
    let today = clock()?.today;
    let mut out = Vec::new();
    for m in app.store.mediators().await? {
        let query =
            ListQuery { mediator: Some(m.id), open_only: true, limit: 100, ..Default::default() };
        let open_cases = app.store.list(&query, today).await?;
        out.push(RosterEntry { category_label: m.category.label(), mediator: m, open_cases });
    }
    Ok(out)
}

/// The roster form: a mediator whose `id` is empty (or absent) is new.
#[derive(Deserialize)]
pub struct MediatorForm {
    #[serde(default)]
    id: Option<String>,
    name: String,
    category: MediatorCategory,
    #[serde(default)]
    organisation: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    specialities: Vec<String>,
    active: bool,
}

#[tauri::command]
#[tracing::instrument(skip_all, fields(mediator = tracing::field::Empty))]
pub async fn save_mediator(app: State<'_, App>, mediator: Parsed<MediatorForm>) -> Res<Mediator> {
    hejie::procedure::require_staff(&app.current_user().await?, "维护和解员名册")?;
    let f = mediator.get()?;
    let (id, new) = match f.id.filter(|id| !id.is_empty()) {
        Some(id) => {
            (id.parse().map_err(|_| hejie::Error::invalid("mediator.id", "和解员无效"))?, false)
        }
        None => (hejie::procedure::new_id(), true),
    };
    tracing::Span::current().record("mediator", tracing::field::display(id));
    let m = Mediator {
        id,
        name: f.name,
        category: f.category,
        organisation: f.organisation,
        phone: f.phone,
        specialities: f.specialities,
        active: f.active,
    };
    app.store.save_mediator(&m, new).await?;
    Ok(m)
}
