//! A database written by the previous version (migrations 0001–0002: the case file and the event
//! payloads as JSON text) opens with the current one: migration 0003 fills the new columns, old
//! rows are read as they are, new writes are compressed, and nothing is lost.

mod common;

use std::borrow::Cow;

use common::*;
use hejie::store::{ListQuery, Store};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sqlx::Row;

#[tokio::test]
async fn a_database_of_the_previous_version_opens_with_nothing_lost() {
    let w = world().await;
    let case = w.register("2026-11-02").await;
    let events = w.store.events(case.id).await.unwrap();
    let case_json = serde_json::to_string(&case).unwrap();
    let before_events: Vec<serde_json::Value> =
        events.iter().map(|e| serde_json::to_value(&e.event).unwrap()).collect();

    // The same data, as the previous version stored it.
    let old = w.dir.path().join("previous-version.db");
    {
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(SqliteConnectOptions::new().filename(&old).create_if_missing(true))
            .await
            .unwrap();
        let mut previous = sqlx::migrate!("./migrations");
        previous.migrations =
            Cow::Owned(previous.migrations.iter().filter(|m| m.version <= 2).cloned().collect());
        previous.run(&pool).await.unwrap();
        let current = w.dir.path().join("cases.db");
        sqlx::query("ATTACH DATABASE ? AS cur")
            .bind(current.to_str().unwrap())
            .execute(&pool)
            .await
            .unwrap();
        for table in ["settings", "mediators", "users", "counters", "case_numbers"] {
            sqlx::query(&format!("INSERT INTO main.{table} SELECT * FROM cur.{table}"))
                .execute(&pool)
                .await
                .unwrap();
        }
        sqlx::query(
            "INSERT INTO main.cases (id, number, stage, open, received_on, due_on, due_sort,
                 mediator_id, claim_fen, applicants, respondents, file, head_event_id, event_count,
                 updated_at)
             SELECT id, number, stage, open, received_on, due_on, due_sort, mediator_id, claim_fen,
                 applicants, respondents, ?, head_event_id, event_count, updated_at FROM cur.cases",
        )
        .bind(&case_json)
        .execute(&pool)
        .await
        .unwrap();
        for table in ["parties", "name_grams"] {
            sqlx::query(&format!("INSERT INTO main.{table} SELECT * FROM cur.{table}"))
                .execute(&pool)
                .await
                .unwrap();
        }
        for (e, payload) in events.iter().zip(&before_events) {
            sqlx::query(
                "INSERT INTO main.events SELECT id, case_id, seq, prev_id, at, actor_id, actor_name,
                     actor_role, action, kind, stage_before, stage_after, ? FROM cur.events
                 WHERE id = ?",
            )
            .bind(payload.to_string())
            .bind(e.id.to_string())
            .execute(&pool)
            .await
            .unwrap();
        }
        let n: i64 = sqlx::query("SELECT count(*) FROM main.events WHERE typeof(payload) = 'text'")
            .fetch_one(&pool)
            .await
            .unwrap()
            .get(0);
        assert_eq!(n as usize, events.len(), "the old database holds JSON text");
        pool.close().await;
    }

    // The current version opens it: the case and its timeline are as they were.
    let store = Store::open(&old).await.unwrap();
    assert_eq!(store.case(&case.number.format()).await.unwrap(), case);
    let after: Vec<serde_json::Value> = store
        .events(case.id)
        .await
        .unwrap()
        .iter()
        .map(|e| serde_json::to_value(&e.event).unwrap())
        .collect();
    assert_eq!(after, before_events);
    // Migration 0003 filled the columns the searches and checks now use.
    let applicant = case.parties[0].name.clone();
    assert!(applicant.chars().count() > 2, "a name long enough to need the whole-name check");
    let found = store
        .list(&ListQuery { search: Some(applicant.clone()), ..Default::default() }, d("2026-11-02"))
        .await
        .unwrap();
    assert_eq!(found.len(), 1, "search by {applicant}");
    let again = store.register(&handover(), &w.clerk, on("2026-11-03")).await.unwrap_err();
    assert_eq!(again.code(), "handover.duplicate_basis", "{}", again.message());
    // An action on the old case writes the compressed forms, and the case reads back whole.
    let consent = example("01-consent-applicant.json");
    let (acted, _) =
        store.act(&case.id.to_string(), &consent, &w.clerk, on("2026-11-03")).await.unwrap();
    assert_eq!(store.case(&case.id.to_string()).await.unwrap(), acted);
    let kinds: Vec<String> = sqlx::query("SELECT typeof(payload) FROM events ORDER BY seq")
        .fetch_all(store.pool())
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(kinds.last().map(String::as_str), Some("blob"));
    assert_eq!(kinds.first().map(String::as_str), Some("text"));
}
