//! 移送函 to the filing division, in its forms: settled (register and close), not settled or period
//! expired (open an execution case), and insisted after 释明 (file, then dismiss by ruling).

use super::common::{caption, party_rows, start, PARTY_COLS};
use super::{DocKind, Source};
use crate::error::Result;
use crate::model::{FailureReason, Stage};
use crate::rules::dates::{arabic_date, chinese_date};
use crate::rules::money::{format_yuan, to_capitals};

pub fn render(src: &Source) -> Result<Vec<u8>> {
    let f = src.file;
    let mut d = start(src, DocKind::Transfer)?;
    d.para_noindent("本院立案庭：");
    let mediator = f.mediator.as_ref().map(|m| m.name.clone()).unwrap_or_default();
    let date = f.transfer.as_ref().map(|t| t.on).unwrap_or(src.today);
    let mut attachments: Vec<String> = vec!["申请执行人提交的申请执行书及相关材料".into()];
    match f.stage {
        Stage::Signed | Stage::Performing | Stage::Performed | Stage::Resumed => {
            let a = f.agreement.as_ref().expect("signed: an agreement");
            let signed =
                f.valid_signatures().map(|s| s.at.date_naive()).max().unwrap_or(a.drafted_on);
            d.heading("（和解成功，移送登记立案并报结案）");
            d.para(&format!(
                "本中心受理的{}执前和解一案（{}），经和解员{}主持，双方当事人于{}自愿达成执前和解协议，约定被执行人支付人民币{}元（大写：{}），并经双方当事人、和解员、书记员签字确认。和解协议载明了不履行的法律后果。",
                caption(f),
                f.number.format(),
                mediator,
                arabic_date(signed),
                format_yuan(a.terms.amount_fen),
                to_capitals(a.terms.amount_fen)?
            ));
            d.para("依照本院《关于民事执行案件执前和解的若干规定（试行）》第五条第（四）项的规定，现将该案移送你庭登记立案并报结案。");
            attachments
                .insert(0, format!("执前和解协议书一份（文本摘要SHA-256：{}）", &a.sha256[..16]));
            attachments.push("和解笔录".into());
        }
        Stage::Dismissed => {
            let r = f.review.as_ref();
            d.heading("（经释明仍坚持申请，移送立案后裁定驳回）");
            d.para(&format!(
                "本中心受理的{}一案，经执行法官审查，申请不符合立案条件，已于{}向申请执行人释明：{}。申请执行人经释明仍坚持申请。",
                caption(f),
                r.map(|r| arabic_date(r.on)).unwrap_or_default(),
                r.and_then(|r| r.explanation.clone()).unwrap_or_default()
            ));
            d.para("依照本院《关于民事执行案件执前和解的若干规定（试行）》第五条第（一）项第4目的规定，现将该案移送你庭立案后，裁定驳回执行申请。");
        }
        _ => {
            let reason = f.failure.as_ref().map(|x| x.reason).unwrap_or(FailureReason::TalksFailed);
            d.heading("（和解不成，退回转立执行案号）");
            let why = match reason {
                FailureReason::ConsentRefused => "当事人明确拒绝执行前和解".to_string(),
                FailureReason::TalksFailed => format!("经和解员{}主持和解并提出和解建议，双方仍未能达成一致意见，和解员已宣布不能达成和解协议", mediator),
                FailureReason::PeriodExpired => format!("执前和解期限已于{}届满，双方当事人未申请延长，视为和解不成", arabic_date(f.period.end)),
            };
            d.para(&format!(
                "本中心受理的{}执前和解一案（{}），因{}，执行前和解程序结束。",
                caption(f),
                f.number.format(),
                why
            ));
            d.para("依照本院《关于民事执行案件执前和解的若干规定（试行）》第五条第（四）项、第七条第（一）项的规定，现将该案退回你庭转立执行案号，进入执行程序。");
            if !f.property.is_empty() {
                attachments.push(format!("网络查控结果{}项", f.property.len()));
            }
        }
    }
    d.heading("当事人情况");
    d.table(&PARTY_COLS, &party_rows(f));
    d.para_noindent("附：");
    for (i, a) in attachments.iter().enumerate() {
        d.para(&format!("{}. {}", i + 1, a));
    }
    d.seal_date_block(&format!("{}执行和解中心", src.settings.court_name), &chinese_date(date));
    d.finish()
}
