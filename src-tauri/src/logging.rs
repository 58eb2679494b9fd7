//! The log: one file a day in `logs/` beside the database (`hejie.log.YYYY-MM-DD`, UTC days, the
//! last 90 kept), written by a background thread. `RUST_LOG` overrides the default filter.
//!
//! The folder is not encrypted: lines carry codes, case ids and causes, never what a party told
//! the court (names, ID numbers, addresses, phones, accounts). See `error.rs`.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::EnvFilter;

/// Our crates at `info` (a refused action is worth a line), the libraries' warnings, and sqlx only
/// when it fails (its slow-statement warnings quote SQL, which has no data but is noise).
const DEFAULT_FILTER: &str = "warn,hejie=info,hejie_desktop=info,sqlx=error";

/// Kept until the app exits: dropping it writes out what is still queued.
static GUARD: Mutex<Option<WorkerGuard>> = Mutex::new(None);

/// Where the log files go for the database at `db`.
pub fn dir_for(db: &Path) -> PathBuf {
    match db.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.join("logs"),
        _ => PathBuf::from("logs"),
    }
}

/// Starts logging to the daily file (stderr if the file cannot be made).
pub fn init(db: &Path) {
    let filter =
        || EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let dir = dir_for(db);
    // The appender prunes old files before it makes the folder, and says so in English on stderr
    // when the folder is not there yet (the first start): make it first. A failure here shows
    // again, handled, when the appender is built.
    let _ = std::fs::create_dir_all(&dir);
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix("hejie.log")
        .max_log_files(90)
        .build(&dir);
    match appender {
        Ok(file) => {
            // The default queue holds 128,000 lines and crossbeam allocates and touches it up
            // front: ~5 MB of the idle app's memory. A command logs a line or two; 1,024 is
            // plenty, and a full queue waits rather than drops a line.
            let (writer, guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
                .buffered_lines_limit(1024)
                .lossy(false)
                .finish(file);
            *GUARD.lock().unwrap_or_else(|p| p.into_inner()) = Some(guard);
            let installed = tracing_subscriber::fmt()
                .with_env_filter(filter())
                .with_writer(writer)
                .with_ansi(false)
                .try_init();
            if let Err(e) = installed {
                eprintln!("hejie-desktop: logging not started: {e}");
            }
        }
        Err(e) => {
            let installed = tracing_subscriber::fmt()
                .with_env_filter(filter())
                .with_writer(std::io::stderr)
                .try_init();
            if let Err(e) = installed {
                eprintln!("hejie-desktop: logging not started: {e}");
            }
            tracing::warn!(cause = %e, "no log file in the data directory: logging to stderr");
        }
    }
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "hejie-desktop started");
}

/// Writes out the queued lines; call before the process exits.
pub fn flush() {
    drop(GUARD.lock().unwrap_or_else(|p| p.into_inner()).take());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_is_a_daily_file_beside_the_database() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("案件 库").join("hejie.db");
        assert_eq!(dir_for(&db), dir.path().join("案件 库").join("logs"));
        init(&db);
        tracing::error!(code = "db", "probe line");
        flush();
        let logs = dir_for(&db);
        let names: Vec<String> = std::fs::read_dir(&logs)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        let today = chrono::Utc::now().format("hejie.log.%Y-%m-%d").to_string();
        assert_eq!(names, vec![today.clone()]);
        let text = std::fs::read_to_string(logs.join(&today)).unwrap();
        assert!(text.contains("hejie-desktop started"), "{text}");
        assert!(text.contains("probe line") && text.contains("code=\"db\""), "{text}");
        assert!(!text.contains('\u{1b}'), "no colour codes in the file");
    }
}
