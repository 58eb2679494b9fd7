//! The court's procedure (the seed) as a state machine: actions are decided against the case file,
//! producing events that `evolve` folds into it.

pub mod action;
pub mod agreement_text;
pub mod decide;
pub mod event;

pub use action::{Action, AgentInput, Handover, NoticeInput, PartyInput};
pub use decide::{
    available, decide, missing_signers, register, require_staff, signer_slots, waiting_on, Ctx,
    SignerSlot,
};
pub use event::{evolve, Event};

/// A new id for a record that travels between machines (UUID v7).
pub fn new_id() -> uuid::Uuid {
    uuid::Uuid::now_v7()
}
