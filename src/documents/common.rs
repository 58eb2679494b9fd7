//! What the documents share: when each may be produced, the header, party descriptions.

use chrono::NaiveDate;

use super::typeset::{Doc, DocMeta};
use super::{DocKind, Source};
use crate::error::{Error, Result};
use crate::model::{CaseFile, Stage};
use crate::procedure::agreement_text::{describe_agent, describe_party};

/// Whether the case has reached the step a document belongs to.
pub fn precondition(kind: DocKind, f: &CaseFile) -> Result<()> {
    let refuse = |m: &str| {
        Err(Error::refused("document.not_yet", format!("不能生成《{}》：{m}", kind.title())))
    };
    match kind {
        DocKind::Agreement if f.agreement.is_none() => refuse("尚未拟定和解协议"),
        DocKind::ExecutionNotice | DocKind::PropertyOrder
            if f.review.as_ref().map(|r| r.accepted) != Some(true) =>
        {
            refuse("立案条件尚未经审查通过")
        }
        DocKind::PropertyOrder if !f.monetary() => refuse("执行标的不是金钱债权，无需报告财产令"),
        DocKind::SessionNotice | DocKind::Record if f.sessions.is_empty() => refuse("尚未安排和解"),
        DocKind::Suggestion if f.suggestions.is_empty() => refuse("和解员尚未提出和解建议"),
        DocKind::Transfer
            if !matches!(
                f.stage,
                Stage::Signed
                    | Stage::Performing
                    | Stage::Performed
                    | Stage::Resumed
                    | Stage::NotSettled
                    | Stage::ToExecution
                    | Stage::Dismissed
            ) =>
        {
            refuse("案件尚未达成协议或和解不成，无需移送")
        }
        _ => Ok(()),
    }
}

/// A new document with the court's name, the title and the case number.
pub fn start<'a>(src: &'a Source, kind: DocKind) -> Result<Doc<'a>> {
    precondition(kind, src.file)?;
    let mut d = Doc::new(
        src.fonts,
        DocMeta {
            title: format!("{}（{}）", kind.title(), src.file.number.format()),
            author: src.settings.court_name.clone(),
            subject: format!("{} 执前和解", src.file.number.format()),
            created: src.now,
        },
    );
    header(&mut d, src, kind);
    Ok(d)
}

/// The court's name, the title and the case number at the top of a page.
fn header(d: &mut Doc, src: &Source, kind: DocKind) {
    d.court_header(&src.settings.court_name);
    d.title(kind.title());
    d.right_line(&src.file.number.format());
}

/// A new page with the header again (papers that give each party a page of its own).
pub fn next_page(d: &mut Doc, src: &Source, kind: DocKind) {
    d.page_break();
    header(d, src, kind);
}

/// Rows of the party table: each party, then its agents with their authority.
pub fn party_rows(f: &CaseFile) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for p in &f.parties {
        rows.push(vec![p.side.label().to_string(), describe_party(p)]);
        for a in &p.agents {
            rows.push(vec!["委托代理人".to_string(), describe_agent(a)]);
        }
    }
    rows
}

pub const PARTY_COLS: [f32; 2] = [30.0, 126.0];

/// "申请执行人张秀英与被执行人东营市…有限公司"
pub fn caption(f: &CaseFile) -> String {
    format!(
        "申请执行人{}与被执行人{}",
        f.names(crate::model::Side::Applicant),
        f.names(crate::model::Side::Respondent)
    )
}

/// The document's date: the given day, or today.
pub fn date_or_today(d: Option<NaiveDate>, src: &Source) -> NaiveDate {
    d.unwrap_or(src.today)
}
