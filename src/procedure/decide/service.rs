//! 送达与查控: the execution notice with the order to report property, its service on the parties,
//! and the online search and control of the respondent's property (article 五(二)).

use chrono::NaiveDate;

use super::guards::{day, find_party, invalid, non_empty, refuse, require_role, stage_in};
use super::Step;
use crate::error::Result;
use crate::model::*;
use crate::procedure::event::Event;

/// 执行通知书 issued, with the 报告财产令 for a monetary claim.
pub(super) fn issue_notice(
    step: Step,
    on: Option<NaiveDate>,
    property_order: bool,
    report_days: Option<u32>,
) -> Result<Vec<Event>> {
    let Step { file, ctx, what } = step;
    require_role(ctx, &[Role::Judge, Role::Clerk], what)?;
    stage_in(file, &[Stage::Preparing, Stage::Talks], "发出执行通知书（应先经审查符合立案条件）")?;
    if file.notice.is_some() {
        return refuse("notice.already", "执行通知书已经发出");
    }
    if file.monetary() && !property_order {
        return refuse(
            "notice.property_order",
            "执行标的为金钱债权的，应同时制作并送达报告财产令（规定第五条第（二）项）",
        );
    }
    let days = report_days.unwrap_or(ctx.settings.property_report_days);
    if property_order && !(1..=90).contains(&days) {
        return invalid("notice.report_days", "报告财产的期限应在 1 至 90 日之间");
    }
    Ok(vec![Event::NoticeIssued {
        notice: NoticeIssue {
            issued_on: day(ctx, on, "发出日期")?,
            property_order,
            report_days: days,
        },
    }])
}

/// A document served on a party (送达), while the case is open.
pub(super) fn record_service(
    step: Step,
    document: &str,
    party: &str,
    on: Option<NaiveDate>,
    method: &str,
) -> Result<Vec<Event>> {
    let Step { file, ctx, what } = step;
    require_role(ctx, &[Role::Judge, Role::Clerk, Role::Mediator], what)?;
    if !file.stage.open() {
        return refuse("stage.closed", "案件已结束，不能再记录送达");
    }
    let party_id = find_party(file, party)?;
    let document = non_empty(document, "service.document", "送达的文书")?;
    if (document.contains("执行通知书") || document.contains("报告财产令")) && file.notice.is_none()
    {
        return refuse("service.not_issued", "执行通知书尚未发出，不能记录送达");
    }
    let method = non_empty(method, "service.method", "送达方式")?;
    Ok(vec![Event::ServiceRecorded {
        service: Service { document, party_id, served_on: day(ctx, on, "送达日期")?, method },
    }])
}

/// A result of the online search and control (网络查控).
pub(super) fn record_property(
    step: Step,
    category: PropertyCategory,
    institution: &str,
    description: &str,
    value_fen: i64,
    measure: &str,
    on: Option<NaiveDate>,
) -> Result<Vec<Event>> {
    let Step { file, ctx, what } = step;
    require_role(ctx, &[Role::Judge, Role::Clerk], what)?;
    stage_in(
        file,
        &[Stage::Preparing, Stage::Talks, Stage::Signed, Stage::NotSettled],
        "记录查控结果",
    )?;
    if value_fen < 0 {
        return invalid("money.negative", "财产价值不能为负数");
    }
    Ok(vec![Event::PropertyRecorded {
        finding: PropertyFinding {
            category,
            institution: non_empty(institution, "property.institution", "查控机构或登记机关")?,
            description: non_empty(description, "property.description", "财产情况")?,
            value_fen,
            measure: measure.trim().into(),
            found_on: day(ctx, on, "查控日期")?,
        },
    }])
}
