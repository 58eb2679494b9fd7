//! 期限: the settlement period (30 days by the seed), extended on both parties' request; run out,
//! the settlement is deemed to have failed (article 七(一)).

use chrono::NaiveDate;

use super::guards::{day, invalid, refuse, require_role, stage_in, RUNNING};
use super::transfer::failed;
use super::Step;
use crate::error::Result;
use crate::model::*;
use crate::procedure::event::Event;
use crate::rules::period::period_end;

/// Extension of the settlement period, by the judge, on both parties' request.
pub(super) fn extend(
    step: Step,
    days: u32,
    applicant_request: bool,
    respondent_request: bool,
    on: Option<NaiveDate>,
    note: &str,
) -> Result<Vec<Event>> {
    let Step { file, ctx, what } = step;
    require_role(ctx, &[Role::Judge], what)?;
    stage_in(file, &RUNNING, "延长和解期限")?;
    if !(applicant_request && respondent_request) {
        return refuse(
            "extend.joint_request",
            "延长和解期限须经双方当事人申请（规定第七条第（一）项）",
        );
    }
    if ctx.today > file.period.end {
        return refuse(
            "extend.expired",
            format!("和解期限已于{}届满，视为和解不成，不能再延长", file.period.end),
        );
    }
    if days == 0 || days > ctx.settings.max_extension_days {
        return invalid(
            "extend.days",
            format!("延长天数应在 1 至 {} 日之间", ctx.settings.max_extension_days),
        );
    }
    let new_end = period_end(file.period.end, days, &ctx.settings.calendar);
    Ok(vec![Event::Extended {
        extension: Extension {
            days,
            on: day(ctx, on, "申请日期")?,
            new_end,
            note: note.trim().into(),
        },
    }])
}

/// The period ran out without extension (from the day after its last day): deemed failure.
pub(super) fn expire(step: Step) -> Result<Vec<Event>> {
    let Step { file, ctx, .. } = step;
    stage_in(file, &RUNNING, "按期限届满处理")?;
    if ctx.today <= file.period.end {
        return refuse("expire.not_due", format!("和解期限至{}届满，尚未到期", file.period.end));
    }
    Ok(vec![failed(
        FailureReason::PeriodExpired,
        ctx.today,
        format!("和解期限于{}届满，未经双方申请延长", file.period.end),
    )])
}
