//! One error type for the whole core: a stable machine `code` plus a Chinese message for the user,
//! and the underlying cause (a database or file-system error) kept for the log.
//!
//! The message is what the user reads, so it is Chinese and never embeds a library's English text.
//! The cause is what a developer reads: `std::error::Error::source()` returns it, and the desktop
//! shell writes the whole chain to its log. Like GitButler's `gitbutler-error`, the two never mix.

use std::fmt;
use std::sync::Arc;

/// The underlying failure behind an error: shared (`Error` is `Clone`), thread-safe.
pub type Cause = Arc<dyn std::error::Error + Send + Sync + 'static>;

/// What went wrong. `code()` is stable (tests, UI and scripts match on it); the message is Chinese
/// and names the rule or the field; `source` is the failure underneath, when there is one.
///
/// Two errors are equal when they have the same kind, code and message: the cause is not compared
/// (an I/O error has no equality of its own).
#[derive(Debug, Clone)]
pub enum Error {
    /// Bad input from the user or a file: nothing was stored.
    Invalid { code: &'static str, message: String, source: Option<Cause> },
    /// The procedure forbids the action now (a rule of the court's procedure).
    Refused { code: &'static str, message: String, source: Option<Cause> },
    /// The acting user's role may not do this.
    Forbidden { code: &'static str, message: String, source: Option<Cause> },
    /// Something asked for does not exist.
    NotFound { code: &'static str, message: String, source: Option<Cause> },
    /// The database or the file system failed.
    Storage { code: &'static str, message: String, source: Option<Cause> },
    /// A document could not be produced (fonts, characters, images).
    Document { code: &'static str, message: String, source: Option<Cause> },
}

impl Error {
    pub fn invalid(code: &'static str, message: impl Into<String>) -> Self {
        Error::Invalid { code, message: message.into(), source: None }
    }
    pub fn refused(code: &'static str, message: impl Into<String>) -> Self {
        Error::Refused { code, message: message.into(), source: None }
    }
    pub fn forbidden(code: &'static str, message: impl Into<String>) -> Self {
        Error::Forbidden { code, message: message.into(), source: None }
    }
    pub fn not_found(code: &'static str, message: impl Into<String>) -> Self {
        Error::NotFound { code, message: message.into(), source: None }
    }
    pub fn storage(code: &'static str, message: impl Into<String>) -> Self {
        Error::Storage { code, message: message.into(), source: None }
    }
    pub fn document(code: &'static str, message: impl Into<String>) -> Self {
        Error::Document { code, message: message.into(), source: None }
    }

    /// Keeps `cause` as the error's source: logged, never shown. Its text may be English and may
    /// quote the data it failed on, so only attach library errors that do not quote user input
    /// (database, file system, fonts), never serde's.
    pub fn with_source(mut self, cause: impl std::error::Error + Send + Sync + 'static) -> Self {
        *self.parts_mut().2 = Some(Arc::new(cause));
        self
    }

    fn parts(&self) -> (&'static str, &String, &Option<Cause>) {
        match self {
            Error::Invalid { code, message, source }
            | Error::Refused { code, message, source }
            | Error::Forbidden { code, message, source }
            | Error::NotFound { code, message, source }
            | Error::Storage { code, message, source }
            | Error::Document { code, message, source } => (code, message, source),
        }
    }

    fn parts_mut(&mut self) -> (&'static str, &mut String, &mut Option<Cause>) {
        match self {
            Error::Invalid { code, message, source }
            | Error::Refused { code, message, source }
            | Error::Forbidden { code, message, source }
            | Error::NotFound { code, message, source }
            | Error::Storage { code, message, source }
            | Error::Document { code, message, source } => (code, message, source),
        }
    }

    /// The stable machine code, e.g. `id.check_digit` or `consent.pending`.
    pub fn code(&self) -> &'static str {
        self.parts().0
    }

    /// The Chinese message shown to the user.
    pub fn message(&self) -> &str {
        self.parts().1
    }

    /// The kind as a word, for logs: `invalid`, `refused`, `forbidden`, `not_found`, `storage`,
    /// `document`.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Invalid { .. } => "invalid",
            Error::Refused { .. } => "refused",
            Error::Forbidden { .. } => "forbidden",
            Error::NotFound { .. } => "not_found",
            Error::Storage { .. } => "storage",
            Error::Document { .. } => "document",
        }
    }

    /// The causes underneath, outermost first, each as its own text (for the log).
    pub fn chain(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut next = std::error::Error::source(self);
        while let Some(e) = next {
            out.push(e.to_string());
            next = e.source();
        }
        out
    }

    /// Adds where the error was found (a field, a line of an import file) in front of the message.
    pub fn at(mut self, place: impl fmt::Display) -> Self {
        let message = self.parts_mut().1;
        *message = format!("{place}：{message}");
        self
    }
}

impl PartialEq for Error {
    fn eq(&self, other: &Self) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
            && self.code() == other.code()
            && self.message() == other.message()
    }
}

impl Eq for Error {}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.parts().2.as_deref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// serde's text quotes the offending value (which may be a party's name or ID number), so the JSON
/// error keeps no source: the Chinese message already names the field and the line.
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
        Error::io("读写文件", e)
    }
}

/// An I/O error handed to [`Error::io`]: owned, it becomes the source as it is; borrowed, a copy
/// with the same kind and OS error code (and so the same text) does.
pub trait IoCause {
    fn into_io_error(self) -> std::io::Error;
}

impl IoCause for std::io::Error {
    fn into_io_error(self) -> std::io::Error {
        self
    }
}

impl IoCause for &std::io::Error {
    fn into_io_error(self) -> std::io::Error {
        match self.raw_os_error() {
            Some(code) => std::io::Error::from_raw_os_error(code),
            None => std::io::Error::new(self.kind(), self.to_string()),
        }
    }
}

impl Error {
    /// A file-system failure in Chinese ("无法保存文件：没有写入权限"), without the OS's English text,
    /// which is kept as the source.
    pub fn io(doing: &str, e: impl IoCause) -> Self {
        let e = e.into_io_error();
        Error::storage("io", format!("无法{doing}：{}", io_reason(&e))).with_source(e)
    }
}

/// Why an I/O operation failed, in Chinese ("文件或文件夹不存在").
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "文件或文件夹不存在".to_string(),
        K::PermissionDenied => "没有权限（请检查文件夹的读写权限）".into(),
        K::AlreadyExists => "文件已存在".into(),
        K::StorageFull => "磁盘空间不足".into(),
        K::ReadOnlyFilesystem => "磁盘是只读的".into(),
        K::IsADirectory => "这是一个文件夹，不是文件".into(),
        K::NotADirectory => "路径中有一部分是文件，不是文件夹".into(),
        K::InvalidData => "文件内容无法识别".into(),
        _ => match e.raw_os_error() {
            Some(n) => format!("系统错误（代码 {n}）"),
            None => "系统错误".into(),
        },
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

    #[test]
    fn io_errors_keep_the_os_error_as_their_source() {
        use std::error::Error as _;
        let e = std::fs::read("/nonexistent/hejie/file").unwrap_err();
        for err in
            [Error::io("读取文件", &e), Error::io("读取文件", std::io::Error::from(e.kind()))]
        {
            let cause = err.source().expect("the cause is kept");
            let io = cause.downcast_ref::<std::io::Error>().expect("an io::Error");
            assert_eq!(io.kind(), std::io::ErrorKind::NotFound);
        }
        // Borrowed, the copy keeps the OS code and so the OS's own text.
        let err = Error::io("读取文件", &e).at("第2行");
        assert_eq!(err.chain(), vec![e.to_string()]);
        assert_eq!(err.message(), "第2行：无法读取文件：文件或文件夹不存在");
        // Clones keep the cause; equality is by kind, code and message only.
        assert!(err.clone().source().is_some());
        assert_eq!(err, Error::storage("io", "第2行：无法读取文件：文件或文件夹不存在"));
        assert_ne!(err, Error::invalid("io", "第2行：无法读取文件：文件或文件夹不存在"));
        assert_eq!(Error::from(e).code(), "io");
    }

    #[test]
    fn json_errors_keep_no_source_because_serde_quotes_the_input() {
        use std::error::Error as _;
        let e = serde_json::from_str::<u32>("\"370502198003151235\"").unwrap_err();
        assert!(e.to_string().contains("370502198003151235"), "serde quotes the value: {e}");
        let err = Error::from(e);
        assert!(err.source().is_none() && err.chain().is_empty());
        assert!(!err.message().contains("370502198003151235"), "{}", err.message());
    }
}
