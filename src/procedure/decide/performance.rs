//! 履行与恢复执行: payments under the agreement until it is performed, and the applicant's request
//! to resume execution of the original document when it is not (article 六(一)(二)).

use chrono::NaiveDate;

use super::guards::{day, invalid, refuse, require_role, stage_in};
use super::Step;
use crate::error::{Error, Result};
use crate::model::*;
use crate::procedure::event::Event;
use crate::rules::interest::Installment;
use crate::rules::period::resume_deadline;

/// Money paid under the agreement; the last of it makes the agreement performed.
pub(super) fn record_payment(
    step: Step,
    amount_fen: i64,
    on: Option<NaiveDate>,
    note: &str,
) -> Result<Vec<Event>> {
    let Step { file, ctx, what } = step;
    require_role(ctx, &[Role::Clerk, Role::Judge], what)?;
    stage_in(file, &[Stage::Performing], "记录履行")?;
    let total = file.agreement.as_ref().map(|a| a.terms.amount_fen).unwrap_or(0);
    let left = total - file.paid_fen();
    if amount_fen <= 0 {
        return invalid("payment.amount", "履行金额应大于零");
    }
    if amount_fen > left {
        return invalid(
            "payment.too_much",
            format!("履行金额超过尚未履行的{}元", crate::rules::money::format_yuan(left)),
        );
    }
    let on = day(ctx, on, "履行日期")?;
    let mut events = vec![Event::PaymentRecorded {
        payment: PaymentRecord { on, amount_fen, note: note.trim().into() },
    }];
    if amount_fen == left {
        events.push(Event::FullyPerformed { on });
    }
    Ok(events)
}

/// The applicant applies to resume execution of the original document, the part performed deducted,
/// within the time limit for applying for execution counted from the last installment.
pub(super) fn apply_resume(step: Step, on: Option<NaiveDate>, note: &str) -> Result<Vec<Event>> {
    let Step { file, ctx, what } = step;
    require_role(ctx, &[Role::Judge, Role::Clerk], what)?;
    stage_in(file, &[Stage::Performing], "申请恢复执行")?;
    let on = day(ctx, on, "申请日期")?;
    let agreement = file
        .agreement
        .as_ref()
        .ok_or_else(|| Error::refused("resume.no_agreement", "没有和解协议"))?;
    if outstanding_overdue(file, on) == 0 {
        return refuse(
            "resume.not_due",
            "被执行人正在按协议履行或约定的履行期限尚未届至，不予恢复执行（执行和解规定第十一条）",
        );
    }
    let last: &Installment =
        agreement.terms.installments.last().expect("validated: at least one installment");
    let original = if file.basis.amount_fen > 0 { file.basis.amount_fen } else { file.claim_fen };
    let performed = file.paid_fen();
    let deadline = resume_deadline(last.due, ctx.settings.resume_years, &ctx.settings.calendar);
    Ok(vec![Event::ResumeApplied {
        resumption: Resumption {
            applied_on: on,
            original_fen: original,
            performed_fen: performed,
            remaining_fen: (original - performed).max(0),
            last_performance_day: last.due,
            deadline,
            late: on > deadline,
            note: note.trim().into(),
        },
    }])
}

/// What fell due before `today` under the agreement and is not paid yet, in 分.
pub(super) fn outstanding_overdue(file: &CaseFile, today: NaiveDate) -> i64 {
    let Some(a) = &file.agreement else { return 0 };
    let due: i64 = a.terms.installments.iter().filter(|i| i.due < today).map(|i| i.amount).sum();
    (due - file.paid_fen()).max(0)
}
