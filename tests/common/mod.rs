//! Shared set-up for the integration tests: a real SQLite file in a temporary directory, the
//! centre's staff, a small roster, and the documented example hand-over.
#![allow(dead_code)]

use chrono::NaiveDate;
use hejie::model::{CaseFile, Mediator, MediatorCategory, Role, Stage, User};
use hejie::procedure::{Action, Handover};
use hejie::store::{Clock, Store};
use hejie::Error;

pub struct World {
    pub store: Store,
    pub judge: User,
    pub clerk: User,
    pub med: User,
    pub med2: User,
    pub mediator: Mediator,
    pub mediator2: Mediator,
    pub dir: tempfile::TempDir,
    /// Hand-overs filed through `register`: after the example's own, each gets its own judgment
    /// number (a judgment is handed over once for the same parties).
    pub filed: std::sync::atomic::AtomicU32,
}

pub fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

pub fn on(s: &str) -> Clock {
    Clock::at(d(s))
}

pub fn action(v: serde_json::Value) -> Action {
    serde_json::from_value(v).expect("action JSON")
}

pub fn example(name: &str) -> Action {
    let path = format!("{}/docs/examples/actions/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).expect("example file"))
        .expect("example action")
}

pub fn handover() -> Handover {
    let path = format!("{}/docs/examples/handover.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("handover example"))
        .expect("handover JSON")
}

pub async fn world() -> World {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path().join("cases.db")).await.expect("open store");
    let mediator = store
        .add_mediator(
            "赵德明",
            MediatorCategory::RetiredJudge,
            "东营区人民法院（退休）",
            "13805460101",
            &["民间借贷".into()],
        )
        .await
        .unwrap();
    let mediator2 = store
        .add_mediator(
            "孙秀兰",
            MediatorCategory::PeoplesMediator,
            "文汇街道人民调解委员会",
            "",
            &[],
        )
        .await
        .unwrap();
    let judge = store.add_user("王建国", Role::Judge, None).await.unwrap();
    let clerk = store.add_user("李娜", Role::Clerk, None).await.unwrap();
    let med = store.add_user("赵德明", Role::Mediator, Some(mediator.id)).await.unwrap();
    let med2 = store.add_user("孙秀兰", Role::Mediator, Some(mediator2.id)).await.unwrap();
    World { store, judge, clerk, med, med2, mediator, mediator2, dir, filed: Default::default() }
}

impl World {
    pub async fn register(&self, day: &str) -> CaseFile {
        let n = self.filed.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut h = handover();
        if n > 0 {
            h.basis.case_number = format!("（2026）鲁0502民初{}号", 5000 + n);
        }
        self.store.register(&h, &self.clerk, on(day)).await.expect("register")
    }

    pub async fn act(&self, case: &CaseFile, who: &User, day: &str, a: Action) -> CaseFile {
        match self.store.act(&case.id.to_string(), &a, who, on(day)).await {
            Ok((f, _)) => f,
            Err(e) => panic!("{} refused: [{}] {}", a.label(), e.code(), e.message()),
        }
    }

    /// Asserts that the action is refused with `code` and that nothing was written.
    pub async fn refused(
        &self,
        case: &CaseFile,
        who: &User,
        day: &str,
        a: Action,
        code: &str,
    ) -> Error {
        let before = self.store.case(&case.id.to_string()).await.unwrap();
        let events_before = self.store.events(case.id).await.unwrap().len();
        let err = self
            .store
            .act(&case.id.to_string(), &a, who, on(day))
            .await
            .expect_err("should be refused");
        assert_eq!(err.code(), code, "unexpected refusal: {}", err.message());
        let after = self.store.case(&case.id.to_string()).await.unwrap();
        assert_eq!(before, after, "a refused action changed the case");
        assert_eq!(
            events_before,
            self.store.events(case.id).await.unwrap().len(),
            "a refused action wrote events"
        );
        err
    }

    pub async fn stage(&self, case: &CaseFile) -> Stage {
        self.store.case(&case.id.to_string()).await.unwrap().stage
    }

    /// Takes a new case through consent, review, notice, mediator choice and one recorded session.
    pub async fn to_talks(&self, day: &str) -> CaseFile {
        let c = self.register(day).await;
        for f in [
            "01-consent-applicant.json",
            "02-consent-respondent.json",
            "04-issue-notice.json",
            "05-property.json",
            "06-choose-mediator.json",
        ] {
            if f == "04-issue-notice.json" {
                self.act(&c, &self.judge, day, example("03-review.json")).await;
            }
            self.act(&c, &self.clerk, day, example(f)).await;
        }
        for f in
            ["07-schedule.json", "08-identity-agent.json", "09-identity-rep.json", "10-talks.json"]
        {
            self.act(&c, &self.med, day, example(f)).await;
        }
        self.store.case(&c.id.to_string()).await.unwrap()
    }

    /// Drafts the example agreement and collects every signature.
    pub async fn sign_all(&self, c: &CaseFile, day: &str) -> CaseFile {
        self.act(c, &self.med, day, example("11-draft.json")).await;
        for f in [
            "12-sign-agent.json",
            "13-sign-rep.json",
            "14-sign-mediator.json",
            "15-sign-clerk.json",
        ] {
            self.act(c, &self.med, day, example(f)).await;
        }
        self.store.case(&c.id.to_string()).await.unwrap()
    }

    pub async fn kinds(&self, c: &CaseFile) -> Vec<String> {
        self.store
            .events(c.id)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.event.kind().to_string())
            .collect()
    }
}
