//! Documents: rendered by the core, previewed, saved where the user chooses, opened for printing.

use base64::Engine;
use hejie::documents::{DocKind, RenderOptions};
use serde::Serialize;
use tauri::State;
use tauri_plugin_opener::OpenerExt;

use crate::error::Res;
use crate::state::{clock, App};

/// A rendered and recorded document, with its PDF for preview and saving.
#[derive(Serialize)]
pub struct RenderedPdf {
    title: String,
    file_name: String,
    sha256: String,
    /// The PDF's size.
    bytes: usize,
    pdf_base64: String,
}

#[tauri::command]
#[tracing::instrument(skip_all, fields(case = %case, kind = %kind))]
pub async fn render_document(
    app: State<'_, App>,
    case: String,
    kind: String,
    wet: bool,
    session: Option<u32>,
) -> Res<RenderedPdf> {
    let user = app.current_user().await?;
    let kind = DocKind::parse(&kind)?;
    let fonts = app.fonts().await?;
    let opts = RenderOptions { wet, session };
    let r = app.store.render_document(&case, kind, &opts, &fonts, &user, clock()?).await?;
    Ok(RenderedPdf {
        pdf_base64: base64::engine::general_purpose::STANDARD.encode(&r.bytes),
        bytes: r.bytes.len(),
        title: r.title,
        file_name: r.file_name,
        sha256: r.sha256,
    })
}

fn decode(base64_data: &str) -> Result<Vec<u8>, hejie::Error> {
    base64::engine::general_purpose::STANDARD
        .decode(base64_data)
        .map_err(|e| hejie::Error::invalid("file.data", "文件内容无效").with_source(e))
}

/// Writes a rendered PDF where the user chose (the path comes from the save dialog).
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn write_file(path: String, base64_data: String) -> Res<()> {
    let bytes = decode(&base64_data)?;
    Ok(tokio::fs::write(&path, bytes).await.map_err(|e| hejie::Error::io("保存文件", e))?)
}

/// Saves a rendered PDF to a temporary file and opens it in the system viewer (for printing).
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn open_pdf(
    app_handle: tauri::AppHandle,
    file_name: String,
    base64_data: String,
) -> Res<String> {
    let bytes = decode(&base64_data)?;
    let dir = std::env::temp_dir().join("hejie-print");
    tokio::fs::create_dir_all(&dir).await.map_err(|e| hejie::Error::io("建立临时文件夹", e))?;
    let safe: String =
        file_name.chars().map(|c| if "/\\:*?\"<>|".contains(c) { '_' } else { c }).collect();
    let path = dir.join(safe);
    tokio::fs::write(&path, bytes).await.map_err(|e| hejie::Error::io("写入临时文件", e))?;
    app_handle.opener().open_path(path.to_string_lossy(), None::<&str>).map_err(|e| {
        hejie::Error::document(
            "open.failed",
            "无法打开 PDF 阅读器：请先安装 PDF 阅读器，或用“保存”后再打印",
        )
        .with_source(e)
    })?;
    Ok(path.to_string_lossy().into())
}
