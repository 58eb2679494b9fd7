//! The court's papers as print-ready PDFs: a small typesetting layer over printpdf (`typeset`,
//! `layout`, `fonts`) and one module per document, each built from the case's real data.

mod compress;
pub mod fonts;
pub mod layout;
pub mod typeset;

mod agreement;
mod catalogue;
mod common;
mod notice;
mod property_order;
mod record;
mod service_receipt;
mod session_notice;
mod suggestion;
mod transfer;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{CaseFile, Settings};
pub use fonts::{FontConfig, FontSet};

/// Every kind of paper the centre produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// 执前和解协议书
    Agreement,
    /// 执行通知书
    ExecutionNotice,
    /// 报告财产令（附财产调查表）
    PropertyOrder,
    /// 和解通知书（每名当事人一页）
    SessionNotice,
    /// 和解笔录
    Record,
    /// 和解建议书
    Suggestion,
    /// 移送函
    Transfer,
    /// 送达回证
    ServiceReceipt,
    /// 卷内目录
    Catalogue,
}

impl DocKind {
    pub const ALL: [DocKind; 9] = [
        DocKind::Agreement,
        DocKind::ExecutionNotice,
        DocKind::PropertyOrder,
        DocKind::SessionNotice,
        DocKind::Record,
        DocKind::Suggestion,
        DocKind::Transfer,
        DocKind::ServiceReceipt,
        DocKind::Catalogue,
    ];

    pub fn code(self) -> &'static str {
        match self {
            DocKind::Agreement => "agreement",
            DocKind::ExecutionNotice => "execution_notice",
            DocKind::PropertyOrder => "property_order",
            DocKind::SessionNotice => "session_notice",
            DocKind::Record => "record",
            DocKind::Suggestion => "suggestion",
            DocKind::Transfer => "transfer",
            DocKind::ServiceReceipt => "service_receipt",
            DocKind::Catalogue => "catalogue",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            DocKind::Agreement => "执前和解协议书",
            DocKind::ExecutionNotice => "执行通知书",
            DocKind::PropertyOrder => "报告财产令",
            DocKind::SessionNotice => "和解通知书",
            DocKind::Record => "和解笔录",
            DocKind::Suggestion => "和解建议书",
            DocKind::Transfer => "移送函",
            DocKind::ServiceReceipt => "送达回证",
            DocKind::Catalogue => "卷内目录",
        }
    }

    pub fn parse(s: &str) -> Result<DocKind> {
        let t = s.trim();
        DocKind::ALL.into_iter().find(|k| k.code() == t || k.title() == t).ok_or_else(|| {
            Error::invalid(
                "document.kind",
                format!("没有“{t}”这种文书；可选：{}", DocKind::ALL.map(|k| k.code()).join("、")),
            )
        })
    }
}

/// Choices for one rendering.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RenderOptions {
    /// The agreement for wet-ink signing: blank lines instead of the on-screen signatures.
    pub wet: bool,
    /// Which session (和解通知书, 和解笔录); default the latest.
    pub session: Option<u32>,
}

/// A finished document.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub kind: DocKind,
    pub title: String,
    pub bytes: Vec<u8>,
    pub sha256: String,
    /// A file name a clerk would recognise: 案号-文书名.pdf
    pub file_name: String,
}

/// What a document is drawn from.
pub struct Source<'a> {
    pub file: &'a CaseFile,
    pub settings: &'a Settings,
    pub fonts: &'a FontSet,
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
    pub opts: &'a RenderOptions,
}

/// Renders one document from the case. Refuses (Chinese message) when the case has not reached
/// the step the document belongs to.
pub fn render(kind: DocKind, src: &Source) -> Result<Rendered> {
    let bytes = match kind {
        DocKind::Agreement => agreement::render(src)?,
        DocKind::ExecutionNotice => notice::render(src)?,
        DocKind::PropertyOrder => property_order::render(src)?,
        DocKind::SessionNotice => session_notice::render(src)?,
        DocKind::Record => record::render(src)?,
        DocKind::Suggestion => suggestion::render(src)?,
        DocKind::Transfer => transfer::render(src)?,
        DocKind::ServiceReceipt => service_receipt::render(src)?,
        DocKind::Catalogue => catalogue::render(src)?,
    };
    let mut title = kind.title().to_string();
    if kind == DocKind::Agreement && src.opts.wet {
        title.push_str("（手写签名版）");
    }
    Ok(Rendered {
        kind,
        sha256: crate::procedure::agreement_text::sha256_hex_bytes(&bytes),
        file_name: format!("{}-{}.pdf", src.file.number.format(), title),
        title,
        bytes,
    })
}

/// The kinds that can be produced for the case as it stands now.
pub fn available(file: &CaseFile) -> Vec<DocKind> {
    DocKind::ALL.into_iter().filter(|k| common::precondition(*k, file).is_ok()).collect()
}
