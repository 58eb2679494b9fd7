//! Rendering time and size of every document kind, in-process, after the fonts are loaded.
//! Run: cargo bench --bench documents

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use hejie::documents::{render, DocKind, FontConfig, FontSet, RenderOptions, Source};
use hejie::store::Store;

fn benches(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let (settled, failed, settings) = rt.block_on(async {
        let store = Store::open(dir.path().join("bench.db")).await.unwrap();
        hejie::demo::fill(&store, today).await.unwrap();
        (
            store.case("（2026）鲁0502执前调23号").await.unwrap(),
            store.case("（2026）鲁0502执前调27号").await.unwrap(),
            store.settings().await.unwrap(),
        )
    });
    let t = std::time::Instant::now();
    let fonts = FontSet::load(&FontConfig::default()).unwrap();
    eprintln!("fonts loaded in {:.0} ms", t.elapsed().as_secs_f64() * 1e3);
    let mut g = c.benchmark_group("documents");
    for (kind, wet) in DocKind::ALL.iter().map(|k| (*k, false)).chain([(DocKind::Agreement, true)])
    {
        let file = if kind == DocKind::Suggestion { &failed } else { &settled };
        let opts = RenderOptions { wet, session: None };
        let src = Source {
            file,
            settings: &settings,
            fonts: &fonts,
            now: chrono::Utc::now(),
            today,
            opts: &opts,
        };
        let first = render(kind, &src).unwrap();
        let pages = lopdf::Document::load_mem(&first.bytes).unwrap().get_pages().len();
        eprintln!("{:<24} {:>7} bytes  {pages} pages", first.title, first.bytes.len());
        // Cold: the first document after the fonts load (fresh maps, no subset made yet).
        let mut cold: Vec<f64> = (0..15)
            .map(|_| {
                let fresh = FontSet::load(&FontConfig::default()).unwrap();
                let src = Source { fonts: &fresh, ..src };
                let t = std::time::Instant::now();
                render(kind, &src).unwrap();
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        cold.sort_by(f64::total_cmp);
        // Warm but new to the subset cache (another case's text, same fonts).
        let mut miss: Vec<f64> = (0..15)
            .map(|_| {
                fonts.faces().iter().for_each(|f| f.clear_subsets());
                let t = std::time::Instant::now();
                render(kind, &src).unwrap();
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        miss.sort_by(f64::total_cmp);
        eprintln!(
            "{:<24} cold median {:.2} ms (max {:.2}); warm, new glyph set: median {:.2} ms",
            "",
            cold[cold.len() / 2],
            cold[14],
            miss[miss.len() / 2]
        );
        let name = format!("{}{}", kind.code(), if wet { "_wet" } else { "" });
        g.bench_function(name, |b| b.iter(|| render(kind, &src).unwrap()));
    }
    g.finish();
}

criterion_group! {
    name = documents;
    config = Criterion::default().sample_size(60).measurement_time(std::time::Duration::from_secs(3));
    targets = benches
}
criterion_main!(documents);
