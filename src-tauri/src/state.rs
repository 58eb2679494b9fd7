//! What the commands share: the store, the current user, the fonts once loaded.

use std::path::PathBuf;
use std::sync::Arc;

use hejie::documents::{FontConfig, FontSet};
use hejie::model::User;
use hejie::store::{Clock, Store};
use tokio::sync::Mutex;

use crate::error::Res;

pub struct App {
    pub started: std::time::Instant,
    pub store: Store,
    pub user: Mutex<Option<User>>,
    /// Loaded on the first document; dropped when the settings change the fonts.
    pub fonts: Mutex<Option<Arc<FontSet>>>,
    pub resources: Option<PathBuf>,
}

pub fn clock() -> Res<Clock> {
    Ok(Clock::system()?)
}

impl App {
    pub async fn current_user(&self) -> Res<User> {
        let user = self.user.lock().await.clone();
        Ok(user
            .ok_or_else(|| hejie::Error::invalid("user.required", "请先在“设置”中选择当前用户"))?)
    }

    pub async fn fonts(&self) -> Res<Arc<FontSet>> {
        // Held while loading, so two documents asked for at once load the fonts once.
        let mut cached = self.fonts.lock().await;
        if let Some(f) = cached.as_ref() {
            return Ok(f.clone());
        }
        let settings = self.store.settings().await?;
        let cfg = FontConfig {
            body: settings.body_font.map(PathBuf::from),
            title: settings.title_font.map(PathBuf::from),
            extra_dirs: vec![],
            bundled_dir: self.resources.clone().map(|r| r.join("fonts")),
            skip_system_fonts: false,
        };
        let f = tokio::task::spawn_blocking(move || FontSet::load(&cfg).map(Arc::new))
            .await
            .map_err(|e| {
                hejie::Error::document("font.load", "字体加载失败：加载过程意外中止").with_source(e)
            })??;
        *cached = Some(f.clone());
        Ok(f)
    }
}
