//! The decisions alone, without a database: a case file is built by folding events.

use chrono::NaiveDate;
use serde_json::json;
use uuid::Uuid;

use super::{available, decide, register, Ctx};
use crate::error::Result;
use crate::model::*;
use crate::procedure::action::{Action, AgentInput, Handover, PartyInput};
use crate::procedure::event::Event;
use crate::procedure::evolve;
use crate::rules::case_number::CaseNumber;

fn user(role: Role, mediator_id: Option<Uuid>) -> User {
    User {
        id: Uuid::now_v7(),
        name: format!("{}甲", role.label()),
        role,
        mediator_id,
        active: true,
    }
}

fn handover() -> Handover {
    Handover {
        received_on: None,
        parties: vec![
            PartyInput {
                side: Side::Applicant,
                kind: PartyKind::Person,
                name: "张秀英".into(),
                id_number: "370502198003151235".into(),
                address: String::new(),
                phone: String::new(),
                legal_rep: None,
                agents: vec![AgentInput {
                    name: "刘文博".into(),
                    id_number: "370502197511024561".into(),
                    phone: String::new(),
                    authority: Authority::General,
                }],
            },
            PartyInput {
                side: Side::Respondent,
                kind: PartyKind::Person,
                name: "李德胜".into(),
                id_number: "370502196504051129".into(),
                address: String::new(),
                phone: String::new(),
                legal_rep: None,
                agents: vec![],
            },
        ],
        basis: BasisDocument {
            court: "东营市东营区人民法院".into(),
            case_number: "(2026)鲁0502民初1号".into(),
            doc_type: "民事判决书".into(),
            effective_on: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
            obligations: "支付借款".into(),
            amount_fen: 3_000_000,
        },
        claim_fen: 3_000_000,
        criteria: vec![Criterion::SmallAmount],
        criteria_note: String::new(),
    }
}

struct Fixture {
    settings: Settings,
    roster: Vec<Mediator>,
    judge: User,
    clerk: User,
    med: User,
}

fn fixture() -> Fixture {
    let m = Mediator {
        id: Uuid::now_v7(),
        name: "赵德明".into(),
        category: MediatorCategory::RetiredJudge,
        organisation: String::new(),
        phone: String::new(),
        specialities: vec![],
        active: true,
    };
    let med = user(Role::Mediator, Some(m.id));
    Fixture {
        settings: Settings::default(),
        roster: vec![m],
        judge: user(Role::Judge, None),
        clerk: user(Role::Clerk, None),
        med,
    }
}

fn ctx<'a>(f: &'a Fixture, actor: &'a User, today: &str) -> Ctx<'a> {
    let today: NaiveDate = today.parse().unwrap();
    Ctx {
        actor,
        today,
        now: today.and_hms_opt(2, 0, 0).unwrap().and_utc(),
        settings: &f.settings,
        roster: &f.roster,
    }
}

fn registered(f: &Fixture) -> CaseFile {
    let number =
        CaseNumber { year: 2026, court: "鲁0502".into(), type_code: "执前调".into(), seq: 1 };
    let Event::Registered { file } =
        register(&handover(), number, Uuid::now_v7(), &ctx(f, &f.clerk, "2026-11-02")).unwrap()
    else {
        panic!()
    };
    *file
}

fn apply(
    file: &mut CaseFile,
    f: &Fixture,
    who: &User,
    day: &str,
    a: serde_json::Value,
) -> Result<()> {
    let a: Action = serde_json::from_value(a).unwrap();
    for e in decide(file, &a, &ctx(f, who, day))? {
        evolve(file, &e);
    }
    Ok(())
}

#[test]
fn registration_sets_the_thirty_day_period_by_the_calendar() {
    let f = fixture();
    let c = registered(&f);
    assert_eq!(c.stage, Stage::Review);
    // 2026-11-02 + 30 = 2026-12-02 (a Wednesday).
    assert_eq!(c.period.end, NaiveDate::from_ymd_opt(2026, 12, 2).unwrap());
    assert!(c.consents.values().all(|c| c.status == ConsentStatus::Pending));
    // Received 2026-09-03: +30 = 2026-10-03, inside the National Day holiday → 2026-10-08.
    let mut h = handover();
    h.received_on = Some(NaiveDate::from_ymd_opt(2026, 9, 3).unwrap());
    h.basis.effective_on = NaiveDate::from_ymd_opt(2026, 8, 1).unwrap();
    let number =
        CaseNumber { year: 2026, court: "鲁0502".into(), type_code: "执前调".into(), seq: 2 };
    let Event::Registered { file } =
        register(&h, number, Uuid::now_v7(), &ctx(&f, &f.clerk, "2026-09-03")).unwrap()
    else {
        panic!()
    };
    assert_eq!(file.period.end, NaiveDate::from_ymd_opt(2026, 10, 8).unwrap());
}

#[test]
fn period_start_can_be_the_mediator_choice() {
    let mut f = fixture();
    f.settings.period_start = PeriodStart::MediatorChosen;
    let mut c = registered(&f);
    let (j, cl) = (f.judge.clone(), f.clerk.clone());
    apply(&mut c, &f, &j, "2026-11-03", json!({"type":"review","accepted":true})).unwrap();
    apply(
        &mut c,
        &f,
        &cl,
        "2026-11-03",
        json!({"type":"record_consent","party":"张秀英","status":"agreed","method":"电话"}),
    )
    .unwrap();
    apply(
        &mut c,
        &f,
        &cl,
        "2026-11-03",
        json!({"type":"record_consent","party":"李德胜","status":"agreed","method":"电话"}),
    )
    .unwrap();
    apply(
        &mut c,
        &f,
        &cl,
        "2026-11-10",
        json!({"type":"choose_mediator","mediator":"赵德明","by":"agreement"}),
    )
    .unwrap();
    assert_eq!(c.period.start, NaiveDate::from_ymd_opt(2026, 11, 10).unwrap());
    assert_eq!(c.period.end, NaiveDate::from_ymd_opt(2026, 12, 10).unwrap());
}

#[test]
fn expiry_is_the_day_after_the_last_day() {
    let f = fixture();
    let mut c = registered(&f);
    let cl = f.clerk.clone();
    assert_eq!(
        apply(&mut c, &f, &cl, "2026-12-02", json!({"type":"expire"})).unwrap_err().code(),
        "expire.not_due"
    );
    apply(&mut c, &f, &cl, "2026-12-03", json!({"type":"expire"})).unwrap();
    assert_eq!(c.stage, Stage::NotSettled);
    assert_eq!(
        apply(&mut c, &f, &cl, "2026-12-04", json!({"type":"expire"})).unwrap_err().code(),
        "stage.not_allowed"
    );
}

#[test]
fn available_actions_follow_role_and_stage() {
    let f = fixture();
    let c = registered(&f);
    assert!(available(&c, &f.judge).contains(&"review"));
    assert!(!available(&c, &f.clerk).contains(&"review"));
    assert!(!available(&c, &f.med).contains(&"schedule_session"));
    assert!(available(&c, &f.judge).contains(&"extend"));
}

#[test]
fn a_mediator_not_on_the_case_is_forbidden() {
    let f = fixture();
    let mut c = registered(&f);
    let (j, cl) = (f.judge.clone(), f.clerk.clone());
    apply(&mut c, &f, &j, "2026-11-03", json!({"type":"review","accepted":true})).unwrap();
    for p in ["张秀英", "李德胜"] {
        apply(
            &mut c,
            &f,
            &cl,
            "2026-11-03",
            json!({"type":"record_consent","party":p,"status":"agreed","method":"电话"}),
        )
        .unwrap();
    }
    apply(
        &mut c,
        &f,
        &cl,
        "2026-11-03",
        json!({"type":"choose_mediator","mediator":"赵德明","by":"agreement"}),
    )
    .unwrap();
    let stranger = user(Role::Mediator, Some(Uuid::now_v7()));
    let s = json!({"type":"schedule_session","at":"2026-11-05T09:00:00","place":"和解室","manner":"court",
        "notices":[{"party":"张秀英","method":"电话"},{"party":"李德胜","method":"电话"}]});
    assert_eq!(
        apply(&mut c, &f, &stranger, "2026-11-04", s.clone()).unwrap_err().code(),
        "mediator.not_assigned"
    );
    let m = f.med.clone();
    apply(&mut c, &f, &m, "2026-11-04", s).unwrap();
    assert_eq!(c.stage, Stage::Talks);
}

#[test]
fn registration_refuses_bad_input_in_chinese() {
    let f = fixture();
    let number =
        CaseNumber { year: 2026, court: "鲁0502".into(), type_code: "执前调".into(), seq: 1 };
    let c = ctx(&f, &f.clerk, "2026-11-02");
    let mut h = handover();
    h.parties[1].side = Side::Applicant;
    assert_eq!(
        register(&h, number.clone(), Uuid::nil(), &c).unwrap_err().code(),
        "handover.no_respondent"
    );
    let mut h = handover();
    h.parties[0].agents[0].id_number = "12345".into();
    let e = register(&h, number.clone(), Uuid::nil(), &c).unwrap_err();
    assert!(e.message().contains("刘文博"), "{}", e.message());
    let mut h = handover();
    h.basis.case_number = "民初1号".into();
    assert!(register(&h, number.clone(), Uuid::nil(), &c).unwrap_err().message().contains("案号"));
    let mut h = handover();
    h.basis.effective_on = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    assert_eq!(
        register(&h, number.clone(), Uuid::nil(), &c).unwrap_err().code(),
        "basis.effective_after_receipt"
    );
    let mut h = handover();
    h.parties[0].name = "张".into();
    assert_eq!(register(&h, number, Uuid::nil(), &c).unwrap_err().code(), "name.length");
}
