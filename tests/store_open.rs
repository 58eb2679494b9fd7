//! Opening the case database: any file name the OS allows (the path is a file name, not a URL),
//! and failures told in Chinese with the underlying error kept as the source for the log.

use std::error::Error as _;
use std::path::Path;

use hejie::model::Role;
use hejie::store::Store;

/// The file names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[tokio::test]
async fn a_path_with_url_characters_is_opened_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    // `?` would start a URL query, `%25` would be decoded to `%`, `#` would start a fragment.
    let sub = dir.path().join("东营 中心%25#");
    let path = sub.join("案件 库?mode=ro&x=%41.db");
    let store = Store::open(&path).await.expect("opened");
    assert_eq!(store.path(), path);
    let judge = store.add_user("王建国", Role::Judge, None).await.unwrap();
    store.close().await;
    assert!(path.is_file(), "the database is at exactly {}", path.display());
    let again = Store::open(&path).await.expect("reopened");
    assert_eq!(again.user_by_name("王建国").await.unwrap().id, judge.id, "the same database");
    assert_eq!(again.count_cases().await.unwrap(), 0);
    again.close().await;
    // Nothing was created under a name cut at `?` or decoded from `%`.
    assert_eq!(names(dir.path()), vec!["东营 中心%25#".to_string()]);
    let files = names(&sub);
    assert!(files.contains(&"案件 库?mode=ro&x=%41.db".to_string()), "{files:?}");
    assert!(files.iter().all(|f| f.starts_with("案件 库?mode=ro&x=%41.db")), "{files:?}");
}

/// The message with the database's own path taken out must hold no ASCII letters: the path is
/// the user's, everything else is ours and Chinese.
fn assert_chinese_only(message: &str, path: &Path) {
    let rest = message.replace(&path.display().to_string(), "");
    assert!(
        !rest.chars().any(|c| c.is_ascii_alphabetic()),
        "English in the user's message: {message}"
    );
}

#[tokio::test]
async fn a_directory_is_not_a_database_and_the_cause_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let err = Store::open(dir.path()).await.err().expect("a directory cannot be opened");
    assert_eq!(err.code(), "db.open");
    assert!(err.message().starts_with("无法打开数据库"), "{}", err.message());
    assert!(err.message().contains("无法打开数据库文件"), "{}", err.message());
    assert_chinese_only(err.message(), dir.path());
    let cause = err.source().expect("the sqlx error is the source");
    let db = cause.downcast_ref::<sqlx::Error>().expect("a sqlx::Error");
    assert!(matches!(db, sqlx::Error::Database(_)), "{db:?}");
    // The English text is in the chain (for the log), not in the message.
    let chain = err.chain().join(": ");
    assert!(chain.contains("unable to open database file"), "{chain}");
    assert!(!err.message().contains("unable"));
}

#[tokio::test]
async fn a_file_that_is_not_sqlite_is_refused_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(&path, "这不是数据库，只是一段文字。".repeat(100)).unwrap();
    let err = Store::open(&path).await.err().expect("not a database");
    assert!(err.code().starts_with("db"), "{}", err.code());
    assert!(err.message().contains("不是和解台的数据库"), "{}", err.message());
    assert_chinese_only(err.message(), &path);
    let db = err.source().and_then(|c| c.downcast_ref::<sqlx::Error>()).expect("sqlx cause");
    assert!(db.to_string().contains("not a database"), "{db}");
    assert_eq!(std::fs::read_to_string(&path).unwrap().chars().count(), 1400, "left untouched");
}

#[tokio::test]
async fn a_data_directory_that_cannot_be_made_says_why_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("occupied");
    std::fs::write(&file, b"x").unwrap();
    let path = file.join("hejie.db");
    let err = Store::open(&path).await.err().expect("the parent is a file");
    assert_eq!(err.code(), "db.dir");
    assert_chinese_only(err.message(), &file);
    let io = err.source().and_then(|c| c.downcast_ref::<std::io::Error>()).expect("io cause");
    assert!(matches!(
        io.kind(),
        std::io::ErrorKind::AlreadyExists | std::io::ErrorKind::NotADirectory
    ));
}
