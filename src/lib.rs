//! 和解台 core: the 执前和解 procedure, its rules, the case database and the documents.
//! Knows nothing of Tauri or the UI: the CLI, the tests, the benchmarks and the desktop shell are
//! front doors onto this library.

pub mod demo;
pub mod documents;
pub mod error;
pub mod import;
pub mod model;
pub mod procedure;
pub mod rules;
pub mod store;

pub use error::{Error, Result};
