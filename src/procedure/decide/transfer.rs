//! 移送: the case goes back to the filing division, to be closed on a signed agreement or to open an
//! execution case when the settlement failed (articles 五(四)2, 七(一)); and the failure itself.

use chrono::NaiveDate;

use super::guards::{day, refuse, require_role};
use super::Step;
use crate::error::Result;
use crate::model::*;
use crate::procedure::event::Event;

/// Hand the case to the filing division: the kind of transfer follows from the stage.
pub(super) fn transfer(step: Step, on: Option<NaiveDate>, note: &str) -> Result<Vec<Event>> {
    let Step { file, ctx, what } = step;
    require_role(ctx, &[Role::Clerk, Role::Judge], what)?;
    let kind = match file.stage {
        Stage::Signed => TransferKind::SettledClose,
        Stage::NotSettled => TransferKind::OpenExecution,
        _ => {
            return refuse(
                "stage.not_allowed",
                format!("案件当前处于“{}”阶段，不能移送立案庭", file.stage.label()),
            )
        }
    };
    Ok(vec![transferred(kind, day(ctx, on, "移送日期")?, note)])
}

/// The case handed to the filing division (also after 释明, to be dismissed).
pub(super) fn transferred(kind: TransferKind, on: NaiveDate, note: &str) -> Event {
    Event::Transferred { transfer: Transfer { kind, on, note: note.trim().into() } }
}

/// The settlement ends without agreement (a party's refusal, the mediator's declaration, the
/// period run out): the case waits for its transfer to execution.
pub(super) fn failed(reason: FailureReason, on: NaiveDate, note: String) -> Event {
    Event::Failed { failure: Failure { reason, on, note } }
}
