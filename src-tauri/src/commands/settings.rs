//! The centre's settings and the fonts they choose.

use hejie::model::Settings;
use tauri::State;

use crate::args::Parsed;
use crate::error::Res;
use crate::state::App;

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn get_settings(app: State<'_, App>) -> Res<Settings> {
    Ok(app.store.settings().await?)
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn save_settings(app: State<'_, App>, settings: Parsed<Settings>) -> Res<()> {
    hejie::procedure::require_staff(&app.current_user().await?, "修改设置")?;
    app.store.save_settings(&settings.get()?).await?;
    // New font paths take effect on the next document.
    app.fonts.lock().await.take();
    Ok(())
}

/// Which fonts the documents use, in words, for the settings page.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn font_info(app: State<'_, App>) -> Res<String> {
    Ok(app.fonts().await?.describe())
}
