//! Store benchmarks on 100,000 synthetic cases registered through the real store.
//! The fixture is built once into target/ (≈ a minute in release) and reused.
//! Run: cargo bench --bench store

use std::path::PathBuf;
use std::time::Instant;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use hejie::model::{MediatorCategory, Role};
use hejie::procedure::Action;
use hejie::store::{Clock, ListQuery, Store};

const CASES: u64 = 100_000;

fn fixture_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("target/bench-fixture-v3-{CASES}.db"))
}

async fn fixture() -> Store {
    let path = fixture_path();
    let ready = path.with_extension("ready");
    if !ready.exists() {
        for ext in ["db", "db-wal", "db-shm"] {
            let _ = std::fs::remove_file(path.with_extension(ext));
        }
        let store = Store::open(&path).await.unwrap();
        store.add_mediator("赵德明", MediatorCategory::RetiredJudge, "", "", &[]).await.unwrap();
        let clerk = store.add_user("李娜", Role::Clerk, None).await.unwrap();
        let t = Instant::now();
        let base = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        let mut seed = 0u64;
        while seed < CASES {
            // Received over the year: the work list has deadlines spread over ~330 days.
            let day = base + chrono::Duration::days((seed * 330 / CASES) as i64);
            let batch: Vec<_> =
                (seed..(seed + 1000).min(CASES)).map(|s| hejie::demo::handover(s, day)).collect();
            store.register_all(&batch, &clerk, Clock::at(day)).await.unwrap();
            seed += batch.len() as u64;
        }
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(store.pool()).await.unwrap();
        eprintln!("fixture: {CASES} cases registered in {:.1} s", t.elapsed().as_secs_f64());
        std::fs::write(&ready, b"ok").unwrap();
        return store;
    }
    Store::open(&path).await.unwrap()
}

fn benches(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let store = rt.block_on(fixture());
    let size = std::fs::metadata(fixture_path()).unwrap().len();
    eprintln!(
        "database: {:.1} MB, {:.0} bytes per case",
        size as f64 / 1e6,
        size as f64 / CASES as f64
    );
    let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let sample = rt
        .block_on(store.list(&ListQuery { offset: 77_777, limit: 1, ..Default::default() }, today))
        .unwrap()
        .remove(0);
    let sample_case = rt.block_on(store.case(&sample.id)).unwrap();
    let id_number = sample_case.parties[0].id_number.clone();
    let name = sample_case.parties[1].name.clone();
    let two: String = sample_case.parties[0].name.chars().take(2).collect();
    eprintln!("sample: {} / {id_number} / {name} / {two}", sample.number);

    let mut g = c.benchmark_group("store_100k");
    g.bench_function("work_list_page_50", |b| {
        b.iter(|| {
            rt.block_on(
                store.list(&ListQuery { open_only: true, limit: 50, ..Default::default() }, today),
            )
            .unwrap()
        })
    });
    g.bench_function("work_list_page_50_deep", |b| {
        b.iter(|| {
            rt.block_on(store.list(
                &ListQuery { open_only: true, limit: 50, offset: 50_000, ..Default::default() },
                today,
            ))
            .unwrap()
        })
    });
    let q = |s: &str| ListQuery { search: Some(s.to_string()), limit: 50, ..Default::default() };
    g.bench_function("search_case_number", |b| {
        b.iter(|| assert_eq!(rt.block_on(store.list(&q(&sample.number), today)).unwrap().len(), 1))
    });
    g.bench_function("search_id_number", |b| {
        b.iter(|| assert!(!rt.block_on(store.list(&q(&id_number), today)).unwrap().is_empty()))
    });
    g.bench_function("search_name_2_chars", |b| {
        b.iter(|| assert!(!rt.block_on(store.list(&q(&two), today)).unwrap().is_empty()))
    });
    g.bench_function("search_name_full", |b| {
        b.iter(|| assert!(!rt.block_on(store.list(&q(&name), today)).unwrap().is_empty()))
    });
    let clerk = rt.block_on(store.user_by_name("李娜")).unwrap();
    // Each iteration acts on another case, so no case file grows with the benchmark's repetitions.
    let targets = rt
        .block_on(
            store.list(&ListQuery { limit: 500, offset: 20_000, ..Default::default() }, today),
        )
        .unwrap();
    let mut parties = Vec::new();
    for t in &targets {
        let f = rt.block_on(store.case(&t.id)).unwrap();
        parties.push((t.id.clone(), f.parties[0].name.clone()));
    }
    let mut i = 0usize;
    g.bench_function("apply_action_with_commit", |b| {
        b.iter(|| {
            let (id, party) = &parties[i % parties.len()];
            i += 1;
            let action = Action::RecordService {
                document: "和解通知书".into(),
                party: party.clone(),
                on: None,
                method: "电话".into(),
            };
            rt.block_on(store.act(id, &action, &clerk, Clock::at(today))).unwrap()
        })
    });
    // 今日待办 reads the case files of the nearest cases: the usual page (stops at 100 matches) and
    // the worst case, every one of the 1,000 cases it looks through parsed and checked.
    g.bench_function("todo_clerk_100", |b| {
        b.iter(|| assert_eq!(rt.block_on(store.todo(&clerk, today, 100)).unwrap().len(), 100))
    });
    g.bench_function("todo_full_scan_1000", |b| {
        b.iter(|| {
            assert_eq!(rt.block_on(store.todo(&clerk, today, usize::MAX)).unwrap().len(), 1000)
        })
    });
    let two_person = "秀英";
    g.bench_function("search_name_2_chars_person", |b| {
        b.iter(|| assert!(!rt.block_on(store.list(&q(two_person), today)).unwrap().is_empty()))
    });
    g.finish();
}

criterion_group! {
    name = store;
    config = Criterion::default().sample_size(50).measurement_time(std::time::Duration::from_secs(4));
    targets = benches
}
criterion_main!(store);
