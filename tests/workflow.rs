//! Whole cases walked through a real SQLite file along every path of the court's rule.

mod common;

use common::*;
use hejie::model::{FailureReason, SignerRole, Stage, TransferKind};
use serde_json::json;

#[tokio::test]
async fn settled_and_fully_performed() {
    let w = world().await;
    let c = w.to_talks("2026-11-05").await;
    assert_eq!(c.stage, Stage::Talks);
    assert_eq!(c.number.format(), "（2026）鲁0502执前调1号");
    let c = w.sign_all(&c, "2026-11-06").await;
    assert_eq!(c.stage, Stage::Signed);
    assert_eq!(c.valid_signatures().count(), 4);
    let agreement = c.agreement.clone().unwrap();
    assert!(agreement.text.contains("恢复执行原生效法律文书"));
    assert!(agreement.text.contains("人民币壹拾壹万元整"), "{}", agreement.text);
    assert!(c.valid_signatures().all(|s| s.text_sha256 == agreement.sha256));

    let c = w.act(&c, &w.clerk, "2026-11-07", example("16-transfer.json")).await;
    assert_eq!(c.stage, Stage::Performing);
    assert_eq!(c.transfer.as_ref().unwrap().kind, TransferKind::SettledClose);
    assert_eq!(c.deadline(), Some(d("2026-11-30")));
    let c = w.act(&c, &w.clerk, "2026-11-28", example("17-payment.json")).await;
    assert_eq!(c.stage, Stage::Performing);
    assert_eq!(c.deadline(), Some(d("2026-12-31")));
    w.refused(
        &c,
        &w.clerk,
        "2026-12-20",
        action(json!({"type":"record_payment","amount_fen": 6000001})),
        "payment.too_much",
    )
    .await;
    let c = w
        .act(
            &c,
            &w.clerk,
            "2026-12-20",
            action(json!({"type":"record_payment","amount_fen": 6000000})),
        )
        .await;
    assert_eq!(c.stage, Stage::Performed);
    assert!(!c.stage.open());

    // The audit log: chained, complete, and the projection is exactly its replay.
    let events = w.store.events(c.id).await.unwrap();
    assert_eq!(events.first().unwrap().event.kind(), "registered");
    assert_eq!(events.last().unwrap().event.kind(), "fully_performed");
    for pair in events.windows(2) {
        assert_eq!(pair[1].prev_id, Some(pair[0].id), "event chain broken at {}", pair[1].seq);
        assert_eq!(pair[1].seq, pair[0].seq + 1);
    }
    assert_eq!(events[0].prev_id, None);
    let stored = w.store.case(&c.id.to_string()).await.unwrap();
    assert_eq!(w.store.replay(c.id).await.unwrap(), stored);
    assert_eq!(stored.head, Some(events.last().unwrap().id));
    // Events are append-only in the database itself.
    let del = sqlx::query("DELETE FROM events").execute(w.store.pool()).await;
    assert!(del.is_err());
}

#[tokio::test]
async fn not_performed_resumed_with_deduction() {
    let w = world().await;
    let c = w.to_talks("2026-11-05").await;
    let c = w.sign_all(&c, "2026-11-05").await;
    let c = w.act(&c, &w.clerk, "2026-11-06", example("16-transfer.json")).await;
    // Nothing is due yet: art 11 refuses resumption.
    w.refused(&c, &w.clerk, "2026-11-20", action(json!({"type":"apply_resume"})), "resume.not_due")
        .await;
    let c = w.act(&c, &w.clerk, "2026-11-30", example("17-payment.json")).await;
    // Performing on time: still refused after the first installment was paid.
    w.refused(&c, &w.clerk, "2026-12-15", action(json!({"type":"apply_resume"})), "resume.not_due")
        .await;
    // The court enters 2029's New Year holiday in its calendar (settings, not code).
    let mut s = w.store.settings().await.unwrap();
    s.calendar.holidays.insert(d("2029-01-01"));
    w.store.save_settings(&s).await.unwrap();
    let c = w
        .act(
            &c,
            &w.clerk,
            "2027-01-08",
            action(json!({"type":"apply_resume","note":"第二期未履行"})),
        )
        .await;
    assert_eq!(c.stage, Stage::Resumed);
    let r = c.resumption.clone().unwrap();
    assert_eq!(r.original_fen, 12_345_678);
    assert_eq!(r.performed_fen, 5_000_000);
    assert_eq!(r.remaining_fen, 7_345_678);
    assert_eq!(r.last_performance_day, d("2026-12-31"));
    // Two years from the last day of the agreed period: 2028-12-31 is a Sunday and 2029-01-01 a
    // holiday, so the period ends on the next working day.
    assert_eq!(r.deadline, d("2029-01-02"));
    assert!(!r.late);
}

#[tokio::test]
async fn consent_refused_goes_back_for_an_execution_number() {
    let w = world().await;
    let c = w.register("2026-11-03").await;
    w.act(&c, &w.clerk, "2026-11-03", example("01-consent-applicant.json")).await;
    let c = w
        .act(&c, &w.clerk, "2026-11-04", action(json!({"type":"record_consent","party":"东营市黄河建筑工程有限公司","status":"refused","method":"电话征询","note":"不同意和解"})))
        .await;
    assert_eq!(c.stage, Stage::NotSettled);
    assert_eq!(c.failure.as_ref().unwrap().reason, FailureReason::ConsentRefused);
    // No talks may start after a refusal.
    w.refused(&c, &w.med, "2026-11-05", example("07-schedule.json"), "stage.not_allowed").await;
    let c = w.act(&c, &w.clerk, "2026-11-05", example("16-transfer.json")).await;
    assert_eq!(c.stage, Stage::ToExecution);
    assert_eq!(c.transfer.as_ref().unwrap().kind, TransferKind::OpenExecution);
    assert_eq!(
        w.kinds(&c).await,
        vec!["registered", "consent_recorded", "consent_recorded", "failed", "transferred"]
    );
}

#[tokio::test]
async fn no_talks_before_every_party_agreed() {
    let w = world().await;
    let c = w.register("2026-11-03").await;
    w.act(&c, &w.judge, "2026-11-03", example("03-review.json")).await;
    w.act(&c, &w.clerk, "2026-11-03", example("01-consent-applicant.json")).await;
    let e = w
        .refused(&c, &w.clerk, "2026-11-04", example("06-choose-mediator.json"), "consent.pending")
        .await;
    assert!(e.message().contains("东营市黄河建筑工程有限公司"));
}

#[tokio::test]
async fn dismissed_at_review_after_explanation_or_withdrawn() {
    let w = world().await;
    let c = w.register("2026-11-03").await;
    w.refused(
        &c,
        &w.judge,
        "2026-11-03",
        action(json!({"type":"review","accepted":false})),
        "review.no_explanation",
    )
    .await;
    let c = w
        .act(&c, &w.judge, "2026-11-03", action(json!({"type":"review","accepted":false,"explanation":"执行依据尚未生效，不符合立案条件"})))
        .await;
    assert_eq!(c.stage, Stage::Explained);
    w.refused(
        &c,
        &w.clerk,
        "2026-11-04",
        example("01-consent-applicant.json"),
        "stage.not_allowed",
    )
    .await;
    let c = w
        .act(&c, &w.clerk, "2026-11-05", action(json!({"type":"insist","note":"申请人坚持申请"})))
        .await;
    assert_eq!(c.stage, Stage::Dismissed);
    assert_eq!(c.transfer.unwrap().kind, TransferKind::Dismissal);

    let c2 = w.register("2026-11-03").await;
    assert_eq!(c2.number.seq, 2);
    w.act(
        &c2,
        &w.judge,
        "2026-11-03",
        action(json!({"type":"review","accepted":false,"explanation":"需补充材料"})),
    )
    .await;
    let c2 = w.act(&c2, &w.clerk, "2026-11-04", action(json!({"type":"withdraw"}))).await;
    assert_eq!(c2.stage, Stage::Withdrawn);
}

#[tokio::test]
async fn talks_fail_only_after_a_suggestion() {
    let w = world().await;
    let c = w.to_talks("2026-11-05").await;
    w.refused(
        &c,
        &w.med,
        "2026-11-06",
        action(json!({"type":"declare_failure"})),
        "failure.no_suggestion",
    )
    .await;
    w.act(
        &c,
        &w.med,
        "2026-11-06",
        action(json!({"type":"suggest","text":"建议分三期支付，免除迟延履行利息"})),
    )
    .await;
    let c = w
        .act(&c, &w.med, "2026-11-06", action(json!({"type":"declare_failure","note":"分歧较大"})))
        .await;
    assert_eq!(c.stage, Stage::NotSettled);
    assert_eq!(c.failure.as_ref().unwrap().reason, FailureReason::TalksFailed);
    let c = w.act(&c, &w.clerk, "2026-11-07", example("16-transfer.json")).await;
    assert_eq!(c.stage, Stage::ToExecution);
}

#[tokio::test]
async fn period_expires_into_deemed_failure() {
    let w = world().await;
    let c = w.to_talks("2026-11-05").await;
    assert_eq!(c.period.end, d("2026-12-02"));
    w.refused(&c, &w.clerk, "2026-12-02", action(json!({"type":"expire"})), "expire.not_due").await;
    assert!(w.store.expire_due(&w.clerk, on("2026-12-02")).await.unwrap().is_empty());
    // Extension is no longer possible once the period ran out.
    w.refused(
        &c,
        &w.judge,
        "2026-12-03",
        action(
            json!({"type":"extend","days":10,"applicant_request":true,"respondent_request":true}),
        ),
        "extend.expired",
    )
    .await;
    let done = w.store.expire_due(&w.clerk, on("2026-12-03")).await.unwrap();
    assert_eq!(done, vec![c.number.format()]);
    let c = w.store.case(&c.id.to_string()).await.unwrap();
    assert_eq!(c.stage, Stage::NotSettled);
    assert_eq!(c.failure.unwrap().reason, FailureReason::PeriodExpired);
}

#[tokio::test]
async fn period_extended_on_joint_request_then_settled() {
    let w = world().await;
    let c = w.to_talks("2026-11-05").await;
    w.refused(
        &c,
        &w.judge,
        "2026-11-30",
        action(
            json!({"type":"extend","days":15,"applicant_request":true,"respondent_request":false}),
        ),
        "extend.joint_request",
    )
    .await;
    w.refused(
        &c,
        &w.clerk,
        "2026-11-30",
        action(
            json!({"type":"extend","days":15,"applicant_request":true,"respondent_request":true}),
        ),
        "role.forbidden",
    )
    .await;
    let c = w
        .act(&c, &w.judge, "2026-11-30", action(json!({"type":"extend","days":15,"applicant_request":true,"respondent_request":true})))
        .await;
    // 2026-12-02 + 15 = 2026-12-17 (Thursday).
    assert_eq!(c.period.end, d("2026-12-17"));
    assert!(w.store.expire_due(&w.clerk, on("2026-12-10")).await.unwrap().is_empty());
    let draft = json!({"type":"draft_agreement","terms":{
        "amount_fen": 11000000,
        "installments":[{"due":"2026-12-31","amount":11000000}],
        "method":"银行转账","non_performance_clause": hejie::model::DEFAULT_CLAUSE}});
    w.act(&c, &w.med, "2026-12-10", action(draft)).await;
    for f in
        ["12-sign-agent.json", "13-sign-rep.json", "14-sign-mediator.json", "15-sign-clerk.json"]
    {
        w.act(&c, &w.med, "2026-12-10", example(f)).await;
    }
    assert_eq!(w.stage(&c).await, Stage::Signed);
}

#[tokio::test]
async fn agent_without_special_authority_may_not_sign() {
    let w = world().await;
    let c = w.to_talks("2026-11-05").await;
    w.act(&c, &w.med, "2026-11-06", example("11-draft.json")).await;
    // The general agent was not even checked in yet: first his identity.
    w.act(&c, &w.med, "2026-11-06", action(json!({"type":"check_identity","session":1,"person":"孙晓东","id_number":"370522199007087891"}))).await;
    let e = w
        .refused(
            &c,
            &w.med,
            "2026-11-06",
            example("sign-general-agent.json"),
            "sign.no_special_authority",
        )
        .await;
    assert!(e.message().contains("特别授权"));
}

#[tokio::test]
async fn identity_must_match_and_precede_talks_and_signing() {
    let w = world().await;
    let c = w.register("2026-11-03").await;
    w.act(&c, &w.judge, "2026-11-03", example("03-review.json")).await;
    w.act(&c, &w.clerk, "2026-11-03", example("01-consent-applicant.json")).await;
    w.act(&c, &w.clerk, "2026-11-03", example("02-consent-respondent.json")).await;
    w.act(&c, &w.clerk, "2026-11-03", example("06-choose-mediator.json")).await;
    // Every party must be notified of time, place and manner.
    let one_notice = action(
        json!({"type":"schedule_session","at":"2026-11-06T09:30:00","place":"第一和解室","manner":"court",
        "notices":[{"party":"张秀英","method":"电话"}]}),
    );
    let e = w.refused(&c, &w.med, "2026-11-04", one_notice, "session.notice_missing").await;
    assert!(e.message().contains("东营市黄河建筑工程有限公司"));
    // Another mediator may not run this case.
    w.refused(&c, &w.med2, "2026-11-04", example("07-schedule.json"), "mediator.not_assigned")
        .await;
    w.act(&c, &w.med, "2026-11-04", example("07-schedule.json")).await;
    w.refused(&c, &w.med, "2026-11-06", action(json!({"type":"check_identity","session":1,"person":"刘文博","id_number":"370522199007087891"})), "identity.mismatch").await;
    w.act(&c, &w.med, "2026-11-06", example("08-identity-agent.json")).await;
    w.refused(&c, &w.med, "2026-11-06", example("10-talks.json"), "talks.identity").await;
    w.act(&c, &w.med, "2026-11-06", example("09-identity-rep.json")).await;
    w.act(&c, &w.med, "2026-11-06", example("10-talks.json")).await;
    w.act(&c, &w.med, "2026-11-06", example("11-draft.json")).await;
    // The applicant herself never came: she cannot sign (her agent can).
    w.refused(
        &c,
        &w.med,
        "2026-11-06",
        action(json!({"type":"sign","role":"party","name":"张秀英"})),
        "sign.identity",
    )
    .await;
}

#[tokio::test]
async fn agreement_needs_the_non_performance_clause_and_changes_void_signatures() {
    let w = world().await;
    let c = w.to_talks("2026-11-05").await;
    let mut draft = serde_json::to_value(example("11-draft.json")).unwrap();
    draft["terms"]["non_performance_clause"] = json!("");
    w.refused(&c, &w.med, "2026-11-06", action(draft.clone()), "terms.no_clause").await;
    draft["terms"]["non_performance_clause"] = json!("违约的，承担违约责任。");
    w.refused(&c, &w.med, "2026-11-06", action(draft.clone()), "terms.clause_resume").await;
    let mut bad_sum = serde_json::to_value(example("11-draft.json")).unwrap();
    bad_sum["terms"]["amount_fen"] = json!(11000001);
    w.refused(&c, &w.med, "2026-11-06", action(bad_sum), "terms.installment_sum").await;

    w.act(&c, &w.med, "2026-11-06", example("11-draft.json")).await;
    w.act(&c, &w.med, "2026-11-06", example("12-sign-agent.json")).await;
    let c1 = w.act(&c, &w.med, "2026-11-06", example("13-sign-rep.json")).await;
    assert_eq!(c1.valid_signatures().count(), 2);
    let first_hash = c1.agreement.as_ref().unwrap().sha256.clone();
    // A change to the text after signatures: they no longer count.
    let mut changed = serde_json::to_value(example("11-draft.json")).unwrap();
    changed["terms"]["method"] = json!("现金");
    let c2 = w.act(&c, &w.med, "2026-11-06", action(changed)).await;
    assert_ne!(c2.agreement.as_ref().unwrap().sha256, first_hash);
    assert_eq!(c2.agreement.as_ref().unwrap().version, 2);
    assert_eq!(c2.valid_signatures().count(), 0);
    assert_eq!(c2.signatures.len(), 2, "old signatures stay on file");
    // A signer who was shown the first text cannot sign the redrafted one with it.
    let mut stale = serde_json::to_value(example("14-sign-mediator.json")).unwrap();
    stale["text_sha256"] = json!(first_hash);
    let e = w.refused(&c, &w.med, "2026-11-06", action(stale.clone()), "sign.stale_text").await;
    assert!(e.message().contains("第2稿"), "{}", e.message());
    // The signing view's list comes from the core: every signer is missing again, the agent may sign.
    let slots = hejie::procedure::signer_slots(&c2, &w.clerk);
    let agent = slots.iter().find(|s| s.role == SignerRole::Agent).expect("the applicant's agent");
    assert_eq!(agent.blocked, None, "{agent:?}");
    let applicant = slots.iter().find(|s| s.name == "张秀英").expect("the applicant herself");
    assert!(applicant.blocked.as_deref().unwrap().contains("核对身份"), "{applicant:?}");
    assert_eq!(slots.last().unwrap().name, w.clerk.name, "the acting clerk signs as clerk");
    stale["text_sha256"] = json!(c2.agreement.as_ref().unwrap().sha256);
    w.act(&c, &w.med, "2026-11-06", action(stale)).await;
    let after =
        hejie::procedure::signer_slots(&w.store.case(&c.id.to_string()).await.unwrap(), &w.med);
    assert!(after.iter().all(|s| s.role != SignerRole::Mediator), "the mediator has signed");
    assert_eq!(after.last().unwrap().name, "", "a mediator at the screen picks the clerk by name");
    for f in ["12-sign-agent.json", "13-sign-rep.json"] {
        w.act(&c, &w.med, "2026-11-06", example(f)).await;
    }
    assert_eq!(w.stage(&c).await, Stage::Talks, "the clerk has not signed yet");
    w.act(&c, &w.med, "2026-11-06", example("15-sign-clerk.json")).await;
    assert_eq!(w.stage(&c).await, Stage::Signed);
}

#[tokio::test]
async fn recused_or_inactive_mediator_cannot_be_chosen() {
    let w = world().await;
    let c = w.to_talks("2026-11-05").await;
    let c = w.act(&c, &w.judge, "2026-11-06", action(json!({"type":"recuse_mediator","mediator":"赵德明","reason":"与被执行人法定代表人系近亲属"}))).await;
    assert!(c.mediator.is_none());
    assert_eq!(c.former_mediators.len(), 1);
    // The recused mediator can no longer act, nor be chosen again.
    w.refused(
        &c,
        &w.med,
        "2026-11-06",
        action(json!({"type":"suggest","text":"x"})),
        "mediator.none",
    )
    .await;
    w.refused(&c, &w.clerk, "2026-11-06", example("06-choose-mediator.json"), "mediator.recused")
        .await;
    let mut gone = w.mediator2.clone();
    gone.active = false;
    w.store.save_mediator(&gone, false).await.unwrap();
    w.refused(
        &c,
        &w.judge,
        "2026-11-06",
        action(json!({"type":"choose_mediator","mediator":"孙秀兰","by":"appointment"})),
        "mediator.inactive",
    )
    .await;
    gone.active = true;
    w.store.save_mediator(&gone, false).await.unwrap();
    // Appointment is the judge's: the clerk may not appoint.
    w.refused(
        &c,
        &w.clerk,
        "2026-11-06",
        action(json!({"type":"choose_mediator","mediator":"孙秀兰","by":"appointment"})),
        "role.forbidden",
    )
    .await;
    let c = w.act(&c, &w.judge, "2026-11-06", action(json!({"type":"choose_mediator","mediator":"孙秀兰","by":"appointment","reason":"原和解员回避"}))).await;
    assert_eq!(c.mediator.as_ref().unwrap().name, "孙秀兰");
    w.act(
        &c,
        &w.med2,
        "2026-11-06",
        action(json!({"type":"suggest","text":"建议一次性支付十万元"})),
    )
    .await;
}

#[tokio::test]
async fn wrong_role_is_refused_and_nothing_is_written() {
    let w = world().await;
    let c = w.register("2026-11-03").await;
    let e =
        w.refused(&c, &w.clerk, "2026-11-03", example("03-review.json"), "role.forbidden").await;
    assert!(e.message().contains("执行法官"));
    w.refused(&c, &w.med, "2026-11-03", example("04-issue-notice.json"), "role.forbidden").await;
    // A monetary claim needs the property order with the notice.
    w.act(&c, &w.judge, "2026-11-03", example("03-review.json")).await;
    w.refused(
        &c,
        &w.clerk,
        "2026-11-03",
        action(json!({"type":"issue_notice","property_order":false})),
        "notice.property_order",
    )
    .await;
    // Dates in the future are refused.
    w.refused(&c, &w.clerk, "2026-11-03", action(json!({"type":"record_consent","party":"张秀英","status":"agreed","method":"电话","on":"2026-11-09"})), "date.future").await;
    // Mediators may not register cases.
    let err = w.store.register(&handover(), &w.med, on("2026-11-03")).await.unwrap_err();
    assert_eq!(err.code(), "role.forbidden");
}

#[tokio::test]
async fn bad_handover_is_refused_in_chinese_and_stores_nothing() {
    let w = world().await;
    let mut h = handover();
    h.parties[0].id_number = "370502198003151236".into();
    let e = w.store.register(&h, &w.clerk, on("2026-11-03")).await.unwrap_err();
    assert_eq!(e.code(), "id.check_digit");
    assert!(e.message().contains("张秀英") && e.message().contains("校验位"), "{}", e.message());
    let mut h = handover();
    h.criteria.clear();
    assert_eq!(
        w.store.register(&h, &w.clerk, on("2026-11-03")).await.unwrap_err().code(),
        "screening.none"
    );
    let mut h = handover();
    h.criteria = vec![hejie::model::Criterion::SmallAmount];
    h.claim_fen = 50_000_000;
    assert_eq!(
        w.store.register(&h, &w.clerk, on("2026-11-03")).await.unwrap_err().code(),
        "screening.small_amount"
    );
    // A bad credit code is only a warning: stored with it.
    let mut h = handover();
    h.parties[1].id_number = "91310115MA1H8R7C6D".into();
    let c = w.store.register(&h, &w.clerk, on("2026-11-03")).await.unwrap();
    assert!(c.parties[1].warning.as_deref().unwrap_or("").contains("校验位"));
    assert_eq!(w.store.count_cases().await.unwrap(), 1);
    // The failed attempts did not consume case numbers.
    assert_eq!(c.number.seq, 1);
}

#[tokio::test]
async fn numbers_per_type_and_year_and_preservation_numbers() {
    let w = world().await;
    let a = w.register("2026-11-03").await;
    let b = w.register("2026-11-03").await;
    assert_eq!((a.number.seq, b.number.seq), (1, 2));
    let p = w.store.allocate_number("执保", on("2026-11-03"), "诉前保全").await.unwrap();
    assert_eq!(p.format(), "（2026）鲁0502执保1号");
    let next_year = {
        let mut h = handover();
        h.received_on = Some(d("2027-01-04"));
        h.basis.case_number = "（2026）鲁0502民初4321号".into();
        w.store.register(&h, &w.clerk, on("2027-01-04")).await.unwrap()
    };
    assert_eq!(next_year.number.format(), "（2027）鲁0502执前调1号");
    // Found by either bracket width.
    let found = w.store.case("(2026)鲁0502执前调2号").await.unwrap();
    assert_eq!(found.id, b.id);
}

#[tokio::test]
async fn the_same_judgment_is_not_handed_over_twice_for_the_same_parties() {
    let w = world().await;
    let first = w.store.register(&handover(), &w.clerk, on("2026-11-03")).await.unwrap();
    let e = w.store.register(&handover(), &w.clerk, on("2026-11-04")).await.unwrap_err();
    assert_eq!(e.code(), "handover.duplicate_basis");
    assert!(e.message().contains(&first.number.format()), "{}", e.message());
    let all = hejie::store::ListQuery { open_only: false, ..Default::default() };
    assert_eq!(w.store.list(&all, d("2026-11-30")).await.unwrap().len(), 1, "nothing stored");
    // In one batch, the second copy is refused and the batch stores nothing.
    let mut other = handover();
    other.basis.case_number = "（2026）鲁0502民初777号".into();
    let e = w
        .store
        .register_all(&[other.clone(), other.clone()], &w.clerk, on("2026-11-04"))
        .await
        .unwrap_err();
    assert!(
        e.code() == "handover.duplicate_basis" && e.message().starts_with("第2件"),
        "{}",
        e.message()
    );
    assert_eq!(w.store.list(&all, d("2026-11-30")).await.unwrap().len(), 1);
    let checks = w
        .store
        .check_handovers(&[other.clone(), other.clone()], &w.clerk, on("2026-11-04"))
        .await
        .unwrap();
    assert!(
        checks[0].is_none() && checks[1].as_ref().unwrap().message().contains("第1件"),
        "{checks:?}"
    );
    // A co-applicant of the same judgment who applies on his own is not a duplicate.
    let mut co = handover();
    co.parties[0].name = "张建军".into();
    co.parties[0].id_number = hejie::rules::ids::complete_id_number("37050219780512123");
    co.parties[0].agents.clear();
    w.store.register(&co, &w.clerk, on("2026-11-04")).await.unwrap();
    // Two parties of one name could not be told apart in consents and signatures.
    let mut twins = handover();
    twins.basis.case_number = "（2026）鲁0502民初778号".into();
    twins.parties[1].kind = hejie::model::PartyKind::Person;
    twins.parties[1].name = twins.parties[0].name.clone();
    twins.parties[1].id_number = hejie::rules::ids::complete_id_number("37050219800101001");
    twins.parties[1].legal_rep = None;
    let e = w.store.register(&twins, &w.clerk, on("2026-11-04")).await.unwrap_err();
    assert_eq!(e.code(), "handover.duplicate_name", "{}", e.message());
}

#[tokio::test]
async fn todays_work_is_what_waits_for_each_user() {
    let w = world().await;
    let c = w.register("2026-11-03").await;
    let reasons = |rows: Vec<hejie::store::TodoRow>| {
        rows.into_iter().map(|t| t.reason).collect::<Vec<_>>().join("|")
    };
    let judge = reasons(w.store.todo(&w.judge, d("2026-11-03"), 500).await.unwrap());
    assert!(judge.contains("待审查立案条件"), "{judge}");
    let clerk = reasons(w.store.todo(&w.clerk, d("2026-11-03"), 500).await.unwrap());
    assert!(
        !clerk.contains("待审查")
            && clerk.contains("待征询张秀英、东营市黄河建筑工程有限公司的和解意见"),
        "{clerk}"
    );
    assert!(
        w.store.todo(&w.med, d("2026-11-03"), 500).await.unwrap().is_empty(),
        "not yet the mediator's case"
    );
    w.act(&c, &w.judge, "2026-11-03", example("03-review.json")).await;
    w.act(&c, &w.clerk, "2026-11-03", example("01-consent-applicant.json")).await;
    w.act(&c, &w.clerk, "2026-11-03", example("02-consent-respondent.json")).await;
    let clerk = reasons(w.store.todo(&w.clerk, d("2026-11-03"), 500).await.unwrap());
    assert!(clerk.contains("待发出执行通知书") && clerk.contains("待选定和解员"), "{clerk}");
    w.act(&c, &w.clerk, "2026-11-03", example("06-choose-mediator.json")).await;
    let med = reasons(w.store.todo(&w.med, d("2026-11-03"), 500).await.unwrap());
    assert_eq!(med, "待安排和解并通知各方");
    assert!(
        w.store.todo(&w.med2, d("2026-11-03"), 500).await.unwrap().is_empty(),
        "another mediator's case"
    );
    // Five days before the period ends, everyone on the case sees it.
    let end = w.store.case(&c.id.to_string()).await.unwrap().period.end;
    let near = end - chrono::Duration::days(3);
    let med = reasons(w.store.todo(&w.med, near, 500).await.unwrap());
    assert!(med.contains("和解期限剩3日"), "{med}");
}

#[tokio::test]
async fn work_list_and_search() {
    let w = world().await;
    let mut h = handover();
    h.received_on = Some(d("2026-11-01"));
    h.basis.case_number = "（2026）鲁0502民初4321号".into();
    let early = w.store.register(&h, &w.clerk, on("2026-11-01")).await.unwrap();
    let late = w.register("2026-11-03").await;
    let q = hejie::store::ListQuery { open_only: true, ..Default::default() };
    let rows = w.store.list(&q, d("2026-11-30")).await.unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].id, early.id.to_string(), "nearest deadline first");
    assert_eq!(rows[0].days_left, Some(1));
    for needle in [
        "张秀",
        "秀英",
        "黄河建筑",
        "（2026）鲁0502执前调2号",
        "370502198003151235",
        "91370502MA3C4D5E6A",
        "刘文博",
    ] {
        let q = hejie::store::ListQuery { search: Some(needle.into()), ..Default::default() };
        let rows = w.store.list(&q, d("2026-11-30")).await.unwrap();
        assert!(!rows.is_empty(), "nothing found for {needle}");
        assert!(rows.iter().any(|r| r.id == late.id.to_string()), "{needle}");
    }
    let q = hejie::store::ListQuery { search: Some("李四".into()), ..Default::default() };
    assert!(w.store.list(&q, d("2026-11-30")).await.unwrap().is_empty());
    let q = hejie::store::ListQuery { search: Some("秀英黄".into()), ..Default::default() };
    assert!(
        w.store.list(&q, d("2026-11-30")).await.unwrap().is_empty(),
        "pieces from two names must not match"
    );
}

#[tokio::test]
async fn demo_fills_every_stage_through_real_actions() {
    let w = world().await;
    let empty = hejie::store::Store::open(w.dir.path().join("demo.db")).await.unwrap();
    let r = hejie::demo::fill(&empty, d("2026-11-30")).await.unwrap();
    assert_eq!(r.cases, 30);
    let counts = empty.counts_by_stage().await.unwrap();
    for (stage, n) in &counts {
        assert!(*n > 0, "demo has no case in {}", stage.label());
    }
    assert!(
        hejie::demo::fill(&empty, d("2026-11-30")).await.is_err(),
        "demo only on an empty database"
    );
    // Every demo case's projection equals the replay of its log.
    for row in empty
        .list(&hejie::store::ListQuery { limit: 100, ..Default::default() }, d("2026-11-30"))
        .await
        .unwrap()
    {
        let f = empty.case(&row.id).await.unwrap();
        assert_eq!(empty.replay(f.id).await.unwrap(), f, "{}", f.number);
    }
}

#[tokio::test]
async fn settings_and_roster_refuse_what_would_break_the_rules() {
    let w = world().await;
    let before = w.store.settings().await.unwrap();
    let mut s = before.clone();
    s.max_extension_days = 0;
    assert_eq!(w.store.save_settings(&s).await.unwrap_err().code(), "settings.max_extension");
    let mut s = before.clone();
    let day = d("2026-12-26");
    s.calendar.holidays.insert(day);
    s.calendar.workdays.insert(day);
    let e = w.store.save_settings(&s).await.unwrap_err();
    assert!(
        e.code() == "settings.calendar_both" && e.message().contains("2026-12-26"),
        "{}",
        e.message()
    );
    assert_eq!(w.store.settings().await.unwrap(), before, "nothing stored");
    // Actions name the mediator: a second entry of one name is refused.
    let e = w
        .store
        .add_mediator("赵德明", hejie::model::MediatorCategory::Lawyer, "", "", &[])
        .await
        .unwrap_err();
    assert_eq!(e.code(), "mediator.duplicate_name");
    // The window lets only staff change settings and the roster.
    assert_eq!(
        hejie::procedure::require_staff(&w.med, "修改设置").unwrap_err().code(),
        "role.forbidden"
    );
    hejie::procedure::require_staff(&w.clerk, "修改设置").unwrap();
}

#[tokio::test]
async fn the_first_user_is_free_later_ones_are_added_by_staff() {
    let dir = tempfile::tempdir().unwrap();
    let store = hejie::store::Store::open(dir.path().join("new.db")).await.unwrap();
    let e =
        store.add_user_by(None, "赵德明", hejie::model::Role::Mediator, None).await.unwrap_err();
    assert_eq!(e.code(), "user.first_staff");
    let clerk = store.add_user_by(None, "李娜", hejie::model::Role::Clerk, None).await.unwrap();
    assert_eq!(
        store
            .add_user_by(None, "王建国", hejie::model::Role::Judge, None)
            .await
            .unwrap_err()
            .code(),
        "user.required"
    );
    let m = store
        .add_mediator("赵德明", hejie::model::MediatorCategory::Lawyer, "", "", &[])
        .await
        .unwrap();
    let med = store
        .add_user_by(Some(&clerk), "赵德明", hejie::model::Role::Mediator, Some(m.id))
        .await
        .unwrap();
    let e =
        store.add_user_by(Some(&med), "孙秀兰", hejie::model::Role::Clerk, None).await.unwrap_err();
    assert_eq!(e.code(), "role.forbidden");
    assert_eq!(store.users().await.unwrap().len(), 2);
}
