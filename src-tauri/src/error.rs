//! Errors as the window sees them, `{code, message}`, and as the log sees them: the code, the kind
//! and the whole cause chain (GitButler's split). The user's message is never logged: the core's
//! Chinese messages may quote a party's name or ID number, and the log is not encrypted.

use serde::Serialize;

/// What a command answers on failure. The UI shows `message` and may match on `code`.
#[derive(Debug, Serialize)]
pub struct UiError {
    pub code: &'static str,
    pub message: String,
}

/// Every failure of a command passes here (through `?`), inside the command's span, which names
/// the command and the case: so each one is logged once, with its context.
impl From<hejie::Error> for UiError {
    fn from(e: hejie::Error) -> Self {
        log(&e);
        UiError { code: e.code(), message: e.message().to_string() }
    }
}

/// Logs a failure: storage and document failures are errors of the machine (with their cause);
/// a refused action or a bad field is the procedure working, recorded at `info`.
fn log(e: &hejie::Error) {
    let (code, kind) = (e.code(), e.kind());
    let chain = e.chain();
    match e {
        hejie::Error::Storage { .. } | hejie::Error::Document { .. } if chain.is_empty() => {
            tracing::error!(code, kind, "command failed")
        }
        hejie::Error::Storage { .. } | hejie::Error::Document { .. } => {
            tracing::error!(code, kind, cause = %chain.join(": "), "command failed")
        }
        _ if chain.is_empty() => tracing::info!(code, kind, "command refused"),
        _ => tracing::info!(code, kind, cause = %chain.join(": "), "command refused"),
    }
}

pub type Res<T> = Result<T, UiError>;

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;

    /// Collects what the subscriber writes.
    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Buffer {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn logged(f: impl FnOnce()) -> String {
        let buf = Buffer::default();
        let out = buf.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || buf.clone())
            .with_ansi(false)
            .with_max_level(tracing::Level::INFO)
            .finish();
        tracing::subscriber::with_default(subscriber, f);
        let text = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
        text
    }

    #[test]
    fn the_window_gets_code_and_message_and_the_log_the_cause_without_the_message() {
        let os = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let cause = os.to_string();
        // A message from the core may name a party: it must reach the window and not the log.
        let e = hejie::Error::io("保存张秀英的和解协议", os);
        let mut ui = None;
        let log = logged(|| {
            let span = tracing::info_span!("write_file", case = %"0193a1b2");
            let _in = span.enter();
            ui = Some(UiError::from(e));
        });
        let ui = ui.unwrap();
        assert_eq!(ui.code, "io");
        assert_eq!(ui.message, "无法保存张秀英的和解协议：没有权限（请检查文件夹的读写权限）");
        let json = serde_json::to_value(&ui).unwrap();
        assert_eq!(json, serde_json::json!({"code": "io", "message": ui.message}));
        assert!(log.contains("ERROR") && log.contains("command failed"), "{log}");
        assert!(log.contains("write_file{case=0193a1b2}"), "the command and the case: {log}");
        assert!(log.contains("code=\"io\"") && log.contains("kind=\"storage\""), "{log}");
        assert!(log.contains(&cause), "the cause chain: {log}");
        assert!(!log.contains("张秀英"), "a party's name in the log: {log}");
    }

    #[test]
    fn a_refusal_is_logged_at_info_by_its_code_only() {
        let e = hejie::Error::invalid("id.check_digit", "当事人1（张秀英）：身份证号码校验位不对");
        let log = logged(|| assert_eq!(UiError::from(e).code, "id.check_digit"));
        assert!(log.contains(" INFO ") && log.contains("code=\"id.check_digit\""), "{log}");
        assert!(!log.contains("张秀英") && !log.contains("身份证"), "{log}");
    }
}
