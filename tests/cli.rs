//! The `hejie` command line, run as a user would: demo, lists, the documented example files, a refusal.

use std::process::{Command, Output};

struct Cli {
    dir: tempfile::TempDir,
}

impl Cli {
    fn new() -> Cli {
        Cli { dir: tempfile::tempdir().unwrap() }
    }
    fn run(&self, today: &str, user: &str, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_hejie"))
            .args(args)
            .env("HEJIE_DB", self.dir.path().join("cli.db"))
            .env("HEJIE_TODAY", today)
            .env("HEJIE_USER", user)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("run hejie")
    }
    fn ok(&self, today: &str, user: &str, args: &[&str]) -> String {
        let out = self.run(today, user, args);
        assert!(
            out.status.success(),
            "hejie {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
}

fn example(name: &str) -> String {
    format!("docs/examples/actions/{name}")
}

#[test]
fn demo_then_work_list_as_json() {
    let cli = Cli::new();
    let out = cli.ok("2026-11-30", "", &["demo"]);
    assert!(out.contains("案件30件"), "{out}");
    let rows: serde_json::Value =
        serde_json::from_str(&cli.ok("2026-11-30", "", &["cases", "--json"])).unwrap();
    let rows = rows.as_array().unwrap();
    assert!(rows.len() >= 20, "open cases listed: {}", rows.len());
    let dues: Vec<&str> = rows.iter().filter_map(|r| r["due_on"].as_str()).collect();
    let mut sorted = dues.clone();
    sorted.sort();
    assert_eq!(dues, sorted, "nearest deadline first");
    // The expired demo case is picked up by `expire` and leaves the running stages.
    let due = cli.ok("2026-11-30", "", &["due", "--within", "0", "--json"]);
    assert!(due.contains("preparing"), "{due}");
    let out = cli.ok("2026-11-30", "李娜", &["expire"]);
    assert!(out.contains("视为和解不成") && out.contains("共处理1件"), "{out}");
    // Repeating the command changes nothing.
    assert!(cli.ok("2026-11-30", "李娜", &["expire"]).contains("共处理0件"));
    let search: serde_json::Value = serde_json::from_str(&cli.ok(
        "2026-11-30",
        "",
        &["cases", "--all", "--search", "有限公司", "--json"],
    ))
    .unwrap();
    assert!(!search.as_array().unwrap().is_empty());
}

#[test]
fn example_files_walk_a_case_and_a_refusal_writes_nothing() {
    let cli = Cli::new();
    cli.ok(
        "2026-11-03",
        "",
        &[
            "mediator",
            "add",
            "--name",
            "赵德明",
            "--category",
            "retired_judge",
            "--organisation",
            "东营区人民法院（退休）",
        ],
    );
    cli.ok("2026-11-03", "", &["user", "add", "--name", "王建国", "--role", "judge"]);
    cli.ok("2026-11-03", "", &["user", "add", "--name", "李娜", "--role", "clerk"]);
    cli.ok(
        "2026-11-03",
        "",
        &["user", "add", "--name", "赵德明", "--role", "mediator", "--mediator", "赵德明"],
    );
    let out = cli.ok("2026-11-03", "李娜", &["new", "--file", "docs/examples/handover.json"]);
    assert!(out.contains("（2026）鲁0502执前调1号"), "{out}");
    let case = "（2026）鲁0502执前调1号";

    // A clerk may not review: exit code 2, a Chinese message, nothing written.
    let before = cli.ok("2026-11-03", "", &["show", case, "--json"]);
    let out = cli.run("2026-11-03", "李娜", &["act", case, "--file", &example("03-review.json")]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("role.forbidden") && err.contains("执行法官"), "{err}");
    assert_eq!(
        before,
        cli.ok("2026-11-03", "", &["show", case, "--json"]),
        "refusal changed the case"
    );
    // Recording a document is the document service's own step: a forged one is not an action.
    let forged = cli.dir.path().join("forged.json");
    std::fs::write(&forged, r#"{"type":"record_document","kind":"agreement","title":"执前和解协议书","sha256":"00","bytes":1}"#).unwrap();
    let out = cli.run("2026-11-03", "李娜", &["act", case, "--file", forged.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("JSON 格式有误"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        before,
        cli.ok("2026-11-03", "", &["show", case, "--json"]),
        "a forged record changed the case"
    );

    let steps: [(&str, &str); 17] = [
        ("李娜", "01-consent-applicant.json"),
        ("李娜", "02-consent-respondent.json"),
        ("王建国", "03-review.json"),
        ("李娜", "04-issue-notice.json"),
        ("李娜", "05-property.json"),
        ("李娜", "06-choose-mediator.json"),
        ("赵德明", "07-schedule.json"),
        ("赵德明", "08-identity-agent.json"),
        ("赵德明", "09-identity-rep.json"),
        ("赵德明", "10-talks.json"),
        ("赵德明", "11-draft.json"),
        ("赵德明", "12-sign-agent.json"),
        ("赵德明", "13-sign-rep.json"),
        ("赵德明", "14-sign-mediator.json"),
        ("赵德明", "15-sign-clerk.json"),
        ("李娜", "16-transfer.json"),
        ("李娜", "17-payment.json"),
    ];
    for (user, file) in steps {
        cli.ok("2026-11-05", user, &["act", case, "--file", &example(file)]);
    }
    let show: serde_json::Value =
        serde_json::from_str(&cli.ok("2026-11-05", "", &["show", case, "--json"])).unwrap();
    assert_eq!(show["case"]["stage"], "performing");
    assert_eq!(show["timeline"].as_array().unwrap().len(), 19);
    let text = cli.ok("2026-11-05", "", &["show", case]);
    assert!(text.contains("各方签署完毕") && text.contains("履行50,000.00元"), "{text}");
    // A 执保 number for the clerk's preservation register.
    assert_eq!(
        cli.ok("2026-11-05", "", &["number", "--type", "执保"]).trim(),
        "（2026）鲁0502执保1号"
    );
}

#[test]
fn import_is_all_or_nothing_with_reasons_by_line() {
    let cli = Cli::new();
    cli.ok("2026-11-30", "", &["user", "add", "--name", "李娜", "--role", "clerk"]);
    let out = cli.run("2026-11-30", "李娜", &["import", "docs/examples/handovers-bad.csv"]);
    assert_eq!(out.status.code(), Some(2));
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("第3行") && text.contains("校验位"), "{text}");
    assert!(text.contains("第4行") && text.contains("申请执行金额"), "{text}");
    assert!(text.contains("第2行\t✓"), "{text}");
    let listed = cli.ok("2026-11-30", "", &["cases", "--all", "--json"]);
    assert_eq!(listed.trim(), "[]", "nothing of a bad file is stored");
    let out = cli.ok("2026-11-30", "李娜", &["import", "docs/examples/handovers.csv"]);
    assert!(out.contains("共导入2件"), "{out}");
    let out = cli.run("2026-11-30", "李娜", &["import", "docs/examples/handover.json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let rows: serde_json::Value =
        serde_json::from_str(&cli.ok("2026-11-30", "", &["cases", "--all", "--json"])).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 3);
}
