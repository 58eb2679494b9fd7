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
            Error::Forbidden { code, message } => {
                Error::Forbidden { code, message: prefix(message) }
            }
            Error::NotFound { code, message } => Error::NotFound { code, message: prefix(message) },
            Error::Storage { code, message } => Error::Storage { code, message: prefix(message) },
            Error::Document { code, message } => Error::Document { code, message: prefix(message) },
        }
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        let reason = json_reason(&e);
        match e.line() {
            0 | 1 => Error::invalid("json", format!("JSON 格式有误：{reason}")),
            line => Error::invalid(
                "json",
                format!("JSON 格式有误：第{line}行第{}列，{reason}", e.column()),
            ),
        }
    }
}

/// serde's and chrono's messages are English: say the same in Chinese, keeping the names of the
/// fields and values they quote (those are the file's own words).
fn json_reason(e: &serde_json::Error) -> String {
    let raw = e.to_string();
    let quoted = |head: &str| {
        raw.split_once(head)
            .and_then(|(_, rest)| rest.split_once('`'))
            .map(|(name, _)| name.to_string())
    };
    if let Some(f) = quoted("missing field `") {
        return format!("缺少“{f}”");
    }
    if let Some(f) = quoted("unknown field `") {
        return format!("不认识的字段“{f}”");
    }
    if let Some(v) = quoted("unknown variant `") {
        return format!("不认识的取值或操作“{v}”");
    }
    let text = [
        (
            "premature end of input",
            "日期或时间不完整（日期如 2026-11-30，时间如 2026-11-30T09:30）",
        ),
        (
            "input contains invalid characters",
            "日期或时间格式不对（日期如 2026-11-30，时间如 2026-11-30T09:30）",
        ),
        ("input is out of range", "日期不存在（例如 2月30日）"),
        ("trailing input", "日期或时间后面有多余的内容"),
        ("invalid type: null", "有必填项为空"),
        ("invalid type: string", "应填数字或选项的地方填了文字"),
        ("invalid type", "有一项的类型不对"),
        ("invalid value: integer", "数值不合法（不能为负数或超出范围）"),
        ("invalid value", "有一项的取值不合法"),
        ("invalid length", "项数不对"),
        ("expected", "语法错误"),
        ("EOF", "内容不完整"),
        ("trailing characters", "结尾有多余的内容"),
        ("number out of range", "数字超出范围"),
    ];
    text.iter()
        .find(|(en, _)| raw.contains(en))
        .map(|(_, zh)| zh.to_string())
        .unwrap_or_else(|| "无法读取".into())
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::io("读写文件", &e)
    }
}

impl Error {
    /// A file-system failure in Chinese ("无法保存文件：没有写入权限"), without the OS's English text.
    pub fn io(doing: &str, e: &std::io::Error) -> Self {
        use std::io::ErrorKind as K;
        let why = match e.kind() {
            K::NotFound => "文件或文件夹不存在".to_string(),
            K::PermissionDenied => "没有权限（请检查文件夹的读写权限）".into(),
            K::AlreadyExists => "文件已存在".into(),
            K::StorageFull => "磁盘空间不足".into(),
            K::ReadOnlyFilesystem => "磁盘是只读的".into(),
            K::IsADirectory => "这是一个文件夹，不是文件".into(),
            K::InvalidData => "文件内容无法识别".into(),
            _ => match e.raw_os_error() {
                Some(n) => format!("系统错误（代码 {n}）"),
                None => "系统错误".into(),
            },
        };
        Error::storage("io", format!("无法{doing}：{why}"))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::procedure::Action;

    fn read(json: &str) -> String {
        let e = serde_json::from_str::<Action>(json).unwrap_err();
        Error::from(e).message().to_string()
    }

    #[test]
    fn json_errors_are_told_in_chinese() {
        let cases = [
            (
                r#"{"type":"schedule_session","at":"","place":"x","manner":"court","notices":[]}"#,
                "日期或时间不完整",
            ),
            (
                r#"{"type":"extend","days":-1,"applicant_request":true,"respondent_request":true}"#,
                "数值不合法",
            ),
            (r#"{"type":"record_payment","amount_fen":100,"on":"2026-02-30"}"#, "日期不存在"),
            (
                r#"{"type":"record_document","kind":"x","title":"x","sha256":"x","bytes":1}"#,
                "不认识的取值或操作“record_document”",
            ),
            (r#"{"type":"suggest"}"#, "缺少“text”"),
            (r#"{"type":"suggest","text":"#, "内容不完整"),
        ];
        for (json, want) in cases {
            let m = read(json);
            assert!(m.starts_with("JSON 格式有误：") && m.contains(want), "{json} → {m}");
            assert!(!m.contains('`') && !m.contains("expected"), "English left in {m}");
        }
        let multi = serde_json::from_str::<crate::procedure::Handover>(
            "{\n\"received_on\": null,\n\"parties\": 5\n}",
        )
        .unwrap_err();
        assert!(Error::from(multi).message().contains("第3行"), "line of a file");
    }

    #[test]
    fn io_errors_are_told_in_chinese() {
        let e = std::fs::read("/nonexistent/hejie/file").unwrap_err();
        assert_eq!(Error::io("读取文件", &e).message(), "无法读取文件：文件或文件夹不存在");
    }
}
