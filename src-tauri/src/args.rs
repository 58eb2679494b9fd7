//! Typed command arguments that keep the core's Chinese messages for bad input.

use serde::de::{Deserialize, DeserializeOwned, Deserializer};

/// A structured argument from the window (an action, a hand-over, the settings), read into `T`.
///
/// When Tauri itself deserialises an argument and fails, the command never runs and the window
/// gets an English string rather than `{code, message}`: a form with an empty date would show
/// serde's text. So the value is read here and a failure is kept, as the core's `json` error in
/// Chinese, until the command asks for it with [`Parsed::get`].
pub struct Parsed<T>(Result<T, hejie::Error>);

impl<T> Parsed<T> {
    pub fn get(self) -> Result<T, hejie::Error> {
        self.0
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Parsed<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(d)?;
        Ok(Parsed(serde_json::from_value(value).map_err(hejie::Error::from)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hejie::procedure::Action;

    #[test]
    fn a_bad_argument_becomes_the_cores_chinese_error() {
        let bad: Parsed<Action> = serde_json::from_str(
            r#"{"type":"schedule_session","at":"","place":"x","manner":"court","notices":[]}"#,
        )
        .expect("any JSON is taken");
        let e = bad.get().expect_err("no time");
        assert_eq!(e.code(), "json");
        assert_eq!(
            e.message(),
            "JSON 格式有误：日期或时间不完整（日期如 2026-11-30，时间如 2026-11-30T09:30）"
        );
        assert!(!e.message().contains("invalid"), "{}", e.message());
        let good: Parsed<Action> =
            serde_json::from_str(r#"{"type":"suggest","text":"先付一半"}"#).unwrap();
        assert!(matches!(good.get(), Ok(Action::Suggest { .. })));
    }
}
