//! Producing a case's documents through the store: render from the stored case, then record the
//! document (kind, time, hash) in the case file as an event.

use super::{Clock, Store};
use crate::documents::{self, DocKind, FontSet, RenderOptions, Rendered, Source};
use crate::error::Result;
use crate::model::User;
use crate::procedure::Action;

impl Store {
    /// Renders one document of the case and records it. Returns the PDF's bytes.
    pub async fn render_document(
        &self,
        case: &str,
        kind: DocKind,
        opts: &RenderOptions,
        fonts: &FontSet,
        actor: &User,
        clock: Clock,
    ) -> Result<Rendered> {
        let settings = self.settings().await?;
        let file = self.case(case).await?;
        let src = Source {
            file: &file,
            settings: &settings,
            fonts,
            now: clock.now,
            today: clock.today,
            opts,
        };
        let r = documents::render(kind, &src)?;
        let record = Action::RecordDocument {
            kind: kind.code().into(),
            title: r.title.clone(),
            sha256: r.sha256.clone(),
            bytes: r.bytes.len() as u64,
        };
        self.act(&file.id.to_string(), &record, actor, clock).await?;
        Ok(r)
    }
}
