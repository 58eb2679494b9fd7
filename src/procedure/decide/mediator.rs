//! 选定和解员: the parties choose one mediator from the roster, or the centre appoints one
//! (article 五(三)); a mediator may also withdraw from the case (回避).

use chrono::NaiveDate;

use super::guards::{
    day, find_mediator, invalid, non_empty, refuse, require_all_agreed, require_role, stage_in,
};
use super::Step;
use crate::error::Result;
use crate::model::*;
use crate::procedure::event::Event;
use crate::rules::period::period_end;

/// The mediator, by the parties' agreement or appointed by the judge; a second choice replaces the
/// first (with a reason). With `PeriodStart::MediatorChosen` the first choice starts the period.
pub(super) fn choose(
    step: Step,
    mediator: &str,
    by: ChosenBy,
    on: Option<NaiveDate>,
    reason: &str,
) -> Result<Vec<Event>> {
    let Step { file, ctx, what } = step;
    require_role(ctx, &[Role::Judge, Role::Clerk], what)?;
    if by == ChosenBy::Appointment {
        require_role(ctx, &[Role::Judge], "指定和解员")?;
    }
    stage_in(file, &[Stage::Preparing, Stage::Talks], "选定和解员")?;
    require_all_agreed(file, "选定和解员")?;
    let m = find_mediator(ctx, mediator)?;
    if !m.active {
        return refuse(
            "mediator.inactive",
            format!("{}已不在和解员名册中（已停用），不能选定", m.name),
        );
    }
    if file.recused.contains(&m.id) {
        return refuse("mediator.recused", format!("{}已在本案回避，不能再选定", m.name));
    }
    if file.mediator.as_ref().map(|a| a.mediator_id) == Some(m.id) {
        return refuse("mediator.same", format!("{}已是本案和解员", m.name));
    }
    if file.mediator.is_some() && reason.trim().is_empty() {
        return invalid("mediator.replace_reason", "更换和解员应写明理由");
    }
    let on = day(ctx, on, "选定日期")?;
    let mut events = vec![Event::MediatorChosen {
        assignment: MediatorAssignment {
            mediator_id: m.id,
            name: m.name.clone(),
            by,
            on,
            reason: reason.trim().into(),
        },
    }];
    if ctx.settings.period_start == PeriodStart::MediatorChosen
        && file.mediator.is_none()
        && file.former_mediators.is_empty()
    {
        let days = file.period.days;
        events.push(Event::PeriodRestarted {
            period: Period {
                start: on,
                days,
                end: period_end(on, days, &ctx.settings.calendar),
                extensions: vec![],
            },
        });
    }
    Ok(events)
}

/// The judge decides that a mediator withdraws from this case (回避).
pub(super) fn recuse(
    step: Step,
    mediator: &str,
    reason: &str,
    on: Option<NaiveDate>,
) -> Result<Vec<Event>> {
    let Step { file, ctx, what } = step;
    require_role(ctx, &[Role::Judge], what)?;
    stage_in(file, &[Stage::Preparing, Stage::Talks], "决定和解员回避")?;
    let m = find_mediator(ctx, mediator)?;
    if file.recused.contains(&m.id) {
        return refuse("mediator.already_recused", format!("{}已在本案回避", m.name));
    }
    if file.signatures.iter().any(|s| s.role == SignerRole::Mediator && s.name == m.name)
        && file.stage == Stage::Talks
        && file.valid_signatures().any(|s| s.role == SignerRole::Mediator)
    {
        return refuse("mediator.signed", "和解员已在现行协议文本上签字，应先修改协议文本");
    }
    Ok(vec![Event::MediatorRecused {
        mediator_id: m.id,
        name: m.name.clone(),
        reason: non_empty(reason, "recusal.reason", "回避理由")?,
        on: day(ctx, on, "回避日期")?,
    }])
}
