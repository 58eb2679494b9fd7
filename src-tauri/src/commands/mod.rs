//! The Tauri commands, by domain. Each parses its arguments, calls the core and shapes the answer
//! the window reads; every rule is the core's. Failures become `{code, message}` through `?`
//! (`crate::error`), logged inside the command's span, which carries the case's id when there is
//! one and never a person's data (hence `skip_all`).

pub mod app;
pub mod cases;
pub mod documents;
pub mod intake;
pub mod money;
pub mod roster;
pub mod settings;
