//! One error type for the whole core: a stable machine `code` plus a Chinese message for the user.

use std::fmt;

/// What went wrong. `code()` is stable (tests, UI and scripts match on it); the message is Chinese
/// and names the rule or the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// Bad input from the user or a file: nothing was stored.
    #[error("{message}")]
    Invalid { code: &'static str, message: String },
    /// The procedure forbids the action now (a rule of the court's procedure).
    #[error("{message}")]
    Refused { code: &'static str, message: String },
    /// The acting user's role may not do this.
    #[error("{message}")]
    Forbidden { code: &'static str, message: String },
    /// Something asked for does not exist.
    #[error("{message}")]
    NotFound { code: &'static str, message: String },
    /// The database or the file system failed.
    #[error("{message}")]
    Storage { code: &'static str, message: String },
    /// A document could not be produced (fonts, characters, images).
    #[error("{message}")]
    Document { code: &'static str, message: String },
}

impl Error {
    pub fn invalid(code: &'static str, message: impl Into<String>) -> Self {
        Error::Invalid { code, message: message.into() }
    }
    pub fn refused(code: &'static str, message: impl Into<String>) -> Self {
        Error::Refused { code, message: message.into() }
    }
    pub fn forbidden(code: &'static str, message: impl Into<String>) -> Self {
        Error::Forbidden { code, message: message.into() }
    }
    pub fn not_found(code: &'static str, message: impl Into<String>) -> Self {
        Error::NotFound { code, message: message.into() }
    }
    pub fn storage(code: &'static str, message: impl Into<String>) -> Self {
        Error::Storage { code, message: message.into() }
    }
    pub fn document(code: &'static str, message: impl Into<String>) -> Self {
        Error::Document { code, message: message.into() }
    }

    /// The stable machine code, e.g. `id.check_digit` or `consent.pending`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid { code, .. }
            | Error::Refused { code, .. }
            | Error::Forbidden { code, .. }
            | Error::NotFound { code, .. }
            | Error::Storage { code, .. }
            | Error::Document { code, .. } => code,
        }
    }

    /// The Chinese message shown to the user.
    pub fn message(&self) -> &str {
        match self {
            Error::Invalid { message, .. }
            | Error::Refused { message, .. }
            | Error::Forbidden { message, .. }
            | Error::NotFound { message, .. }
            | Error::Storage { message, .. }
            | Error::Document { message, .. } => message,
        }
    }

    /// Adds where the error was found (a field, a line of an import file) in front of the message.
    pub fn at(self, place: impl fmt::Display) -> Self {
        let prefix = |m: String| format!("{place}：{m}");
        match self {
            Error::Invalid { code, message } => Error::Invalid { code, message: prefix(message) },
            Error::Refused { code, message } => Error::Refused { code, message: prefix(message) },
            Error::Forbidden { code, message } => Error::Forbidden { code, message: prefix(message) },
            Error::NotFound { code, message } => Error::NotFound { code, message: prefix(message) },
            Error::Storage { code, message } => Error::Storage { code, message: prefix(message) },
            Error::Document { code, message } => Error::Document { code, message: prefix(message) },
        }
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::invalid("json", format!("JSON 格式有误：{e}"))
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::storage("io", format!("读写文件失败：{e}"))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
