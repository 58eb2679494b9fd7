//! 和解建议书: the mediator's suggestion when the parties are far apart (seed 五（四）2).

use super::common::{caption, start};
use super::typeset::SignatureSlot;
use super::{DocKind, Source};
use crate::error::Result;
use crate::rules::dates::chinese_date;

pub fn render(src: &Source) -> Result<Vec<u8>> {
    let f = src.file;
    let mut d = start(src, DocKind::Suggestion)?;
    let s = f.suggestions.last().expect("precondition: a suggestion");
    d.para_noindent(&format!(
        "{}、{}：",
        f.names(crate::model::Side::Applicant),
        f.names(crate::model::Side::Respondent)
    ));
    d.para(&format!(
        "{}执前和解一案，经和解员主持和解，双方意见分歧较大。和解员根据生效法律文书（{}{}）确定的内容，综合双方意见，提出如下和解建议：",
        caption(f),
        f.basis.case_number,
        f.basis.doc_type
    ));
    for line in s.text.lines().filter(|l| !l.trim().is_empty()) {
        d.para(line.trim());
    }
    d.para(&format!(
        "本建议供双方当事人参考，不具有强制力，和解员不强迫任何一方接受。请双方于和解期限届满（{}）前作出答复。仍不能达成一致意见的，和解员将宣布不能达成和解协议，案件退回立案庭转立执行案号进入执行程序。",
        crate::rules::dates::arabic_date(f.period.end)
    ));
    d.signature_block(&[SignatureSlot {
        label: "和解员".into(),
        name: s.by.clone(),
        image_png: None,
        signed_at: None,
    }]);
    d.seal_date_block(&src.settings.court_name, &chinese_date(s.on));
    d.finish()
}
