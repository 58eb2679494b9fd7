//! The procedure's decisions: given the case file, an action, the acting user and today, either the
//! events that follow or a refusal naming the rule. Pure: no I/O, no clock (the caller passes both).
//!
//! One file per family of steps of the seed (articles 二 to 七), in the order of the procedure:
//! `intake` (受理与审查), `service` (送达与查控), `mediator` (选定和解员), `talks` (和解),
//! `agreement` (协议与签署), `period` (期限), `transfer` (移送), `performance` (履行与恢复执行);
//! `guards` holds the checks they share and `next_steps` what the work list and the buttons offer.

use chrono::{DateTime, NaiveDate, Utc};

use super::action::Action;
use super::event::Event;
use crate::error::Result;
use crate::model::{CaseFile, DocumentRecord, Mediator, Settings, User};

mod agreement;
mod guards;
mod intake;
mod mediator;
mod next_steps;
mod performance;
mod period;
mod service;
mod talks;
mod transfer;

#[cfg(test)]
mod tests;

pub use agreement::{missing_signers, signer_slots, SignerSlot};
pub use guards::require_staff;
pub use intake::register;
pub use next_steps::{available, waiting_on};

/// What the decision may look at besides the case.
pub struct Ctx<'a> {
    pub actor: &'a User,
    pub today: NaiveDate,
    pub now: DateTime<Utc>,
    pub settings: &'a Settings,
    pub roster: &'a [Mediator],
}

/// One action being decided: the case it acts on, what the decision may look at, and the action's
/// name (`Action::label`) for the refusals that name it.
#[derive(Clone, Copy)]
struct Step<'a> {
    file: &'a CaseFile,
    ctx: &'a Ctx<'a>,
    what: &'static str,
}

/// Decides an action on an existing case.
pub fn decide(file: &CaseFile, action: &Action, ctx: &Ctx) -> Result<Vec<Event>> {
    use Action as A;
    let step = Step { file, ctx, what: action.label() };
    match action {
        A::RecordConsent { party, status, on, method, note } => {
            intake::record_consent(step, party, *status, *on, method, note)
        }
        A::Review { accepted, on, note, explanation } => {
            intake::review(step, *accepted, *on, note, explanation.as_deref())
        }
        A::Withdraw { on, note } => intake::withdraw(step, *on, note),
        A::Insist { on, note } => intake::insist(step, *on, note),
        A::IssueNotice { on, property_order, report_days } => {
            service::issue_notice(step, *on, *property_order, *report_days)
        }
        A::RecordService { document, party, on, method } => {
            service::record_service(step, document, party, *on, method)
        }
        A::RecordProperty { category, institution, description, value_fen, measure, on } => {
            service::record_property(
                step,
                *category,
                institution,
                description,
                *value_fen,
                measure,
                *on,
            )
        }
        A::ChooseMediator { mediator, by, on, reason } => {
            mediator::choose(step, mediator, *by, *on, reason)
        }
        A::RecuseMediator { mediator, reason, on } => mediator::recuse(step, mediator, reason, *on),
        A::ScheduleSession { at, place, manner, notices } => {
            talks::schedule_session(step, *at, place, *manner, notices)
        }
        A::CheckIdentity { session, person, id_number } => {
            talks::check_identity(step, *session, person, id_number)
        }
        A::RecordTalks { session, record } => talks::record_talks(step, *session, record),
        A::Suggest { on, text } => talks::suggest(step, *on, text),
        A::DeclareFailure { on, note } => talks::declare_failure(step, *on, note),
        A::DraftAgreement { on, terms } => agreement::draft(step, *on, terms),
        A::Sign { role, name, image_png_base64, points, text_sha256 } => agreement::sign(
            step,
            *role,
            name,
            image_png_base64.as_deref(),
            points.as_ref(),
            text_sha256.as_deref(),
        ),
        A::Extend { days, applicant_request, respondent_request, on, note } => {
            period::extend(step, *days, *applicant_request, *respondent_request, *on, note)
        }
        A::Expire {} => period::expire(step),
        A::Transfer { on, note } => transfer::transfer(step, *on, note),
        A::RecordPayment { amount_fen, on, note } => {
            performance::record_payment(step, *amount_fen, *on, note)
        }
        A::ApplyResume { on, note } => performance::apply_resume(step, *on, note),
        A::RecordDocument { kind, title, sha256, bytes } => {
            record_document(ctx, kind, title, sha256, *bytes)
        }
    }
}

/// A paper generated from the case (no step of the seed: the store's document service keeps the
/// case's list of papers with it).
fn record_document(
    ctx: &Ctx,
    kind: &str,
    title: &str,
    sha256: &str,
    bytes: u64,
) -> Result<Vec<Event>> {
    Ok(vec![Event::DocumentRendered {
        document: DocumentRecord {
            kind: kind.into(),
            title: title.into(),
            at: ctx.now,
            sha256: sha256.into(),
            bytes,
        },
    }])
}
