//! The checks every step shares: who may act (article 三), at which stage, whether all parties chose
//! the settlement route (article 四(一)), and the lookups and input checks behind them.

use chrono::NaiveDate;
use uuid::Uuid;

use super::Ctx;
use crate::error::{Error, Result};
use crate::model::*;

/// The stages in which the settlement period runs (article 七(一)).
pub(super) const RUNNING: [Stage; 3] = [Stage::Review, Stage::Preparing, Stage::Talks];

pub(super) fn refuse<T>(code: &'static str, message: impl Into<String>) -> Result<T> {
    Err(Error::refused(code, message))
}

pub(super) fn invalid<T>(code: &'static str, message: impl Into<String>) -> Result<T> {
    Err(Error::invalid(code, message))
}

pub(super) fn require_role(ctx: &Ctx, roles: &[Role], what: &str) -> Result<()> {
    require_user_role(ctx.actor, roles, what)
}

fn require_user_role(user: &User, roles: &[Role], what: &str) -> Result<()> {
    if roles.contains(&user.role) {
        return Ok(());
    }
    let names: Vec<&str> = roles.iter().map(|r| r.label()).collect();
    Err(Error::forbidden(
        "role.forbidden",
        format!(
            "“{what}”应由{}办理，当前用户{}是{}",
            names.join("或"),
            user.name,
            user.role.label()
        ),
    ))
}

/// The centre's settings and its roster are kept by its staff (judge or clerk), not by mediators,
/// whose own names and cases they govern.
pub fn require_staff(user: &User, what: &str) -> Result<()> {
    require_user_role(user, &[Role::Judge, Role::Clerk], what)
}

/// The centre's staff: the judge and the clerk (article 三(一)).
pub(super) fn is_staff(user: &User) -> bool {
    matches!(user.role, Role::Judge | Role::Clerk)
}

/// Whether the user is the mediator this case is assigned to.
pub(super) fn is_case_mediator(file: &CaseFile, user: &User) -> bool {
    file.mediator.as_ref().is_some_and(|m| Some(m.mediator_id) == user.mediator_id)
}

/// A mediator may act only on the cases assigned to them; the judge may act for the centre.
pub(super) fn require_case_mediator(file: &CaseFile, ctx: &Ctx, what: &str) -> Result<()> {
    require_role(ctx, &[Role::Mediator, Role::Judge], what)?;
    let Some(m) = &file.mediator else {
        return refuse("mediator.none", format!("本案尚未选定和解员，不能{what}"));
    };
    if ctx.actor.role == Role::Mediator && ctx.actor.mediator_id != Some(m.mediator_id) {
        return Err(Error::forbidden(
            "mediator.not_assigned",
            format!("本案的和解员是{}，{}不能办理“{what}”", m.name, ctx.actor.name),
        ));
    }
    Ok(())
}

pub(super) fn stage_in(file: &CaseFile, allowed: &[Stage], what: &str) -> Result<()> {
    if allowed.contains(&file.stage) {
        return Ok(());
    }
    refuse("stage.not_allowed", format!("案件当前处于“{}”阶段，不能{}", file.stage.label(), what))
}

/// A date given with an action: defaults to today, may not lie in the future.
pub(super) fn day(ctx: &Ctx, on: Option<NaiveDate>, field: &str) -> Result<NaiveDate> {
    let d = on.unwrap_or(ctx.today);
    if d > ctx.today {
        return invalid("date.future", format!("{field}（{d}）不能晚于今天（{}）", ctx.today));
    }
    Ok(d)
}

pub(super) fn non_empty(s: &str, code: &'static str, field: &str) -> Result<String> {
    let t = s.trim();
    if t.is_empty() {
        return invalid(code, format!("请填写{field}"));
    }
    Ok(t.to_string())
}

pub(super) fn check_name(name: &str, field: &str) -> Result<String> {
    let n = name.trim();
    let count = n.chars().count();
    if !(2..=60).contains(&count) {
        return invalid("name.length", format!("{field}“{n}”长度不正确（应为 2 至 60 个字）"));
    }
    if n.chars().any(|c| c.is_control() || c.is_ascii_digit()) {
        return invalid("name.chars", format!("{field}“{n}”含有不允许的字符"));
    }
    Ok(n.to_string())
}

pub(super) fn find_party(file: &CaseFile, key: &str) -> Result<Uuid> {
    let k = key.trim();
    file.parties
        .iter()
        .find(|p| p.id.to_string() == k || p.name == k)
        .map(|p| p.id)
        .ok_or_else(|| Error::invalid("party.unknown", format!("本案没有名为“{k}”的当事人")))
}

/// A mediator of the centre's roster (article 三(二)), by id or by name.
pub(super) fn find_mediator<'a>(ctx: &Ctx<'a>, key: &str) -> Result<&'a Mediator> {
    let key = key.trim();
    ctx.roster
        .iter()
        .find(|m| m.id.to_string() == key || m.name == key)
        .ok_or_else(|| Error::invalid("mediator.unknown", format!("和解员名册中没有“{key}”")))
}

pub(super) fn find_session(file: &CaseFile, no: u32) -> Result<&Session> {
    file.sessions
        .iter()
        .find(|s| s.no == no)
        .ok_or_else(|| Error::invalid("session.unknown", format!("本案没有第{no}次和解")))
}

/// The names of the parties for whom `done` does not hold (given the party's id), in file order.
pub(super) fn parties_without(file: &CaseFile, done: impl Fn(Uuid) -> bool) -> Vec<&str> {
    file.parties.iter().filter(|p| !done(p.id)).map(|p| p.name.as_str()).collect()
}

/// The names of the parties who have not (yet) agreed to settle before execution.
pub(super) fn not_yet_agreed(file: &CaseFile) -> Vec<&str> {
    parties_without(file, |id| {
        file.consents.get(&id).map(|c| c.status) == Some(ConsentStatus::Agreed)
    })
}

pub(super) fn all_agreed(file: &CaseFile) -> bool {
    not_yet_agreed(file).is_empty()
}

pub(super) fn require_all_agreed(file: &CaseFile, what: &str) -> Result<()> {
    let pending = not_yet_agreed(file);
    if pending.is_empty() {
        return Ok(());
    }
    refuse(
        "consent.pending",
        format!("{}尚未同意执行前和解，不能{what}（规定第四条第（一）项：当事人自愿选择执行前和解的方可进行和解）", pending.join("、")),
    )
}
