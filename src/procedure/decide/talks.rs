//! 和解: the mediator fixes the sessions and notifies the parties, checks identities, records the
//! talks, makes a suggestion, and may declare that no agreement can be reached (article 五(四)).

use chrono::{NaiveDate, NaiveDateTime};
use uuid::Uuid;

use super::guards::{
    day, find_party, find_session, invalid, non_empty, parties_without, refuse, require_all_agreed,
    require_case_mediator, stage_in,
};
use super::transfer::failed;
use super::Step;
use crate::error::Result;
use crate::model::*;
use crate::procedure::action::NoticeInput;
use crate::procedure::event::Event;
use crate::rules::ids::check_id_number;

/// The mediator fixes a session and notifies every party of its time, place and manner.
pub(super) fn schedule_session(
    step: Step,
    at: NaiveDateTime,
    place: &str,
    manner: Manner,
    notices: &[NoticeInput],
) -> Result<Vec<Event>> {
    let Step { file, ctx, what } = step;
    stage_in(file, &[Stage::Preparing, Stage::Talks], "安排和解")?;
    require_all_agreed(file, "开始和解")?;
    require_case_mediator(file, ctx, what)?;
    let place = non_empty(place, "session.place", "和解地点（在线和解请填写平台或会议号）")?;
    if at.date() < ctx.today - chrono::Duration::days(30) {
        return invalid("session.time", "和解时间不正确");
    }
    let mut resolved = Vec::new();
    for n in notices {
        let party_id = find_party(file, &n.party)?;
        let method = non_empty(&n.method, "session.notice_method", "通知方式")?;
        let on = day(ctx, n.on, "通知日期")?;
        if on > at.date() {
            return invalid("session.notice_late", "通知日期不能晚于和解时间");
        }
        resolved.push(SessionNotice { party_id, method, on });
    }
    let missing = parties_without(file, |id| resolved.iter().any(|n| n.party_id == id));
    if !missing.is_empty() {
        return refuse(
            "session.notice_missing",
            format!("和解员应通知双方当事人和解的时间、地点、方式：尚未通知{}", missing.join("、")),
        );
    }
    let no = file.sessions.len() as u32 + 1;
    Ok(vec![Event::SessionScheduled {
        session: Session { no, at, place, manner, notices: resolved, checks: vec![], record: None },
    }])
}

/// A party, its representative or an agent arrives and its identity is checked.
pub(super) fn check_identity(
    step: Step,
    session: u32,
    person: &str,
    id_number: &str,
) -> Result<Vec<Event>> {
    let Step { file, ctx, what } = step;
    stage_in(file, &[Stage::Talks], "核对身份")?;
    require_case_mediator(file, ctx, what)?;
    let s = find_session(file, session)?;
    let name = person.trim();
    let given = id_number.trim().to_uppercase();
    let Some((party_id, agent_id, expected)) = find_person(file, name) else {
        return invalid(
            "identity.unknown",
            format!("“{name}”不是本案当事人、法定代表人或委托代理人"),
        );
    };
    check_id_number(&given).map_err(|e| e.at("核对身份"))?;
    if let Some(exp) = expected {
        if exp != given {
            return refuse(
                "identity.mismatch",
                format!("身份核对不符：{name}出示的证件号码与登记的不一致"),
            );
        }
    }
    if s.checks.iter().any(|c| c.party_id == party_id && c.agent_id == agent_id) {
        return refuse("identity.already", format!("第{session}次和解已核对过{name}的身份"));
    }
    Ok(vec![Event::IdentityChecked {
        session,
        check: IdentityCheck {
            party_id,
            agent_id,
            name: name.into(),
            id_number: given,
            at: ctx.now,
        },
    }])
}

/// Who a person arriving at a session is: a natural-person party, an organisation's representative,
/// or an agent. Gives the party, the agent if one, and the id number on file if one is recorded (a
/// representative's is not); the last match counts.
fn find_person(file: &CaseFile, name: &str) -> Option<(Uuid, Option<Uuid>, Option<String>)> {
    let mut found = None;
    for p in &file.parties {
        if p.kind == PartyKind::Person && p.name == name {
            found = Some((p.id, None, Some(p.id_number.clone())));
        } else if p.kind == PartyKind::Organisation && p.legal_rep.as_deref() == Some(name) {
            found = Some((p.id, None, None));
        }
        for a in &p.agents {
            if a.name == name {
                found = Some((p.id, Some(a.id), Some(a.id_number.clone())));
            }
        }
    }
    found
}

/// The record (笔录) of a session's talks, once every party's identity was checked there.
pub(super) fn record_talks(step: Step, session: u32, record: &str) -> Result<Vec<Event>> {
    let Step { file, ctx, what } = step;
    stage_in(file, &[Stage::Talks], "制作和解笔录")?;
    require_case_mediator(file, ctx, what)?;
    let s = find_session(file, session)?;
    let absent = parties_without(file, |id| s.checks.iter().any(|c| c.party_id == id));
    if !absent.is_empty() {
        return refuse(
            "talks.identity",
            format!(
                "当事人到场后应核对身份（规定第五条第（四）项）：{}尚未核对",
                absent.join("、")
            ),
        );
    }
    Ok(vec![Event::TalksRecorded {
        session,
        record: non_empty(record, "talks.record", "笔录内容")?,
    }])
}

/// The mediator's settlement suggestion (和解建议), after hearing both sides.
pub(super) fn suggest(step: Step, on: Option<NaiveDate>, text: &str) -> Result<Vec<Event>> {
    let Step { file, ctx, what } = step;
    stage_in(file, &[Stage::Talks], "提出和解建议")?;
    require_case_mediator(file, ctx, what)?;
    if !file.sessions.iter().any(|s| s.record.is_some()) {
        return refuse("suggest.no_talks", "应在听取双方意见（制作和解笔录）后提出和解建议");
    }
    Ok(vec![Event::SuggestionMade {
        suggestion: Suggestion {
            on: day(ctx, on, "建议日期")?,
            by: ctx.actor.name.clone(),
            text: non_empty(text, "suggest.text", "和解建议内容")?,
        },
    }])
}

/// The mediator declares that no agreement can be reached (only after a suggestion).
pub(super) fn declare_failure(step: Step, on: Option<NaiveDate>, note: &str) -> Result<Vec<Event>> {
    let Step { file, ctx, what } = step;
    stage_in(file, &[Stage::Talks], "宣布和解不成")?;
    require_case_mediator(file, ctx, what)?;
    if file.suggestions.is_empty() {
        return refuse(
            "failure.no_suggestion",
            "双方意见分歧较大的，和解员应先综合双方意见提出和解建议（规定第五条第（四）项第2目）",
        );
    }
    Ok(vec![failed(FailureReason::TalksFailed, day(ctx, on, "宣布日期")?, note.trim().into())])
}
