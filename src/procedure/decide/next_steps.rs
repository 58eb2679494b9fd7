//! What comes next on a case, for the work list and the buttons: what it waits for from a user, and
//! which actions a user could try now (the steps of article 五 in order, the period of article 七).

use chrono::NaiveDate;

use super::agreement::missing_signers;
use super::guards::{all_agreed, is_case_mediator, is_staff, not_yet_agreed};
use super::performance::outstanding_overdue;
use crate::model::*;

/// What this case waits for from this user today, in the words of the work list ("待审查立案条件"),
/// or None when nothing is theirs to do. A period about to run out concerns everyone on the case.
pub fn waiting_on(file: &CaseFile, user: &User, today: NaiveDate) -> Option<String> {
    let own_case = is_case_mediator(file, user);
    if user.role == Role::Mediator && !own_case {
        return None;
    }
    let staff = is_staff(user);
    let mut why: Vec<String> = Vec::new();
    if file.stage.period_running() {
        match crate::rules::period::days_left(today, file.period.end) {
            d if d < 0 => why.push("和解期限已届满，待按和解不成处理".into()),
            0 => why.push("和解期限今日届满".into()),
            d @ 1..=5 => why.push(format!("和解期限剩{d}日")),
            _ => {}
        }
    }
    let pending = not_yet_agreed(file);
    match file.stage {
        Stage::Review if user.role == Role::Judge => why.push("待审查立案条件".into()),
        Stage::Explained if staff => why.push("已释明，待当事人撤回或坚持申请".into()),
        Stage::Review | Stage::Preparing if staff && !pending.is_empty() => {
            why.push(format!("待征询{}的和解意见", pending.join("、")))
        }
        _ => {}
    }
    if matches!(file.stage, Stage::Preparing | Stage::Talks) {
        if staff && file.notice.is_none() {
            why.push("待发出执行通知书".into());
        }
        if staff && pending.is_empty() && file.mediator.is_none() {
            why.push("待选定和解员".into());
        }
        if own_case && pending.is_empty() && file.sessions.is_empty() {
            why.push("待安排和解并通知各方".into());
        }
        if file.stage == Stage::Talks
            && file.agreement.is_some()
            && (own_case || staff)
            && !missing_signers(file).is_empty()
        {
            why.push("协议待签署".into());
        }
    }
    match file.stage {
        Stage::Signed if staff => why.push("协议已签署，待移送立案庭登记结案".into()),
        Stage::NotSettled if staff => why.push("和解不成，待移送立案庭转立执行".into()),
        Stage::Performing if staff && outstanding_overdue(file, today) > 0 => why.push(format!(
            "到期款项{}元未付，可告知申请执行人申请恢复执行",
            crate::rules::money::format_yuan(outstanding_overdue(file, today))
        )),
        _ => {}
    }
    (!why.is_empty()).then(|| why.join("；"))
}

/// The actions the acting user could try now, for the UI's buttons (the core decides, not the UI).
pub fn available(file: &CaseFile, user: &User) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mediator_ok =
        user.role == Role::Judge || (user.role == Role::Mediator && is_case_mediator(file, user));
    let staff = is_staff(user);
    let running = file.stage.period_running();
    if running {
        out.push("record_consent");
    }
    match file.stage {
        Stage::Review if user.role == Role::Judge => out.push("review"),
        Stage::Explained if staff => out.extend(["withdraw", "insist"]),
        Stage::Preparing | Stage::Talks => {
            if staff && file.notice.is_none() {
                out.push("issue_notice");
            }
            if staff {
                out.push("record_property");
                if all_agreed(file) {
                    out.push("choose_mediator");
                }
            }
            if user.role == Role::Judge && file.mediator.is_some() {
                out.push("recuse_mediator");
            }
            if mediator_ok && file.mediator.is_some() && all_agreed(file) {
                out.push("schedule_session");
            }
            if file.stage == Stage::Talks && mediator_ok {
                out.extend(["check_identity", "record_talks", "suggest", "draft_agreement"]);
            }
            // The clerk signs too, and may hold the screen for the parties (Sign accepts staff).
            if file.stage == Stage::Talks && file.agreement.is_some() && (mediator_ok || staff) {
                out.push("sign");
            }
            if file.stage == Stage::Talks && mediator_ok && !file.suggestions.is_empty() {
                out.push("declare_failure");
            }
        }
        Stage::Signed | Stage::NotSettled if staff => out.push("transfer"),
        Stage::Performing if staff => out.extend(["record_payment", "apply_resume"]),
        _ => {}
    }
    if running && user.role == Role::Judge {
        out.push("extend");
    }
    if file.stage.open() {
        out.push("record_service");
    }
    out
}
