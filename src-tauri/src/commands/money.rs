//! Amounts in forms, with the core's rules (no floating point anywhere).

use crate::error::Res;

/// Reads an amount typed in 元 into 分.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub fn parse_yuan(text: String) -> Res<i64> {
    Ok(hejie::rules::money::parse_yuan(&text)?)
}

/// The amount in capitals, for the signing view and forms.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub fn capitals(fen: i64) -> Res<String> {
    Ok(hejie::rules::money::to_capitals(fen)?)
}
