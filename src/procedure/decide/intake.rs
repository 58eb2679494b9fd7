//! 受理与审查: registering the filing division's hand-over (articles 二(一), 五(一)1–3), asking the
//! parties whether they choose to settle (article 四(一)), and the judge's review (article 五(一)4).

use chrono::NaiveDate;
use uuid::Uuid;

use super::guards::{
    check_name, day, find_party, invalid, non_empty, refuse, require_role, stage_in, RUNNING,
};
use super::transfer::{failed, transferred};
use super::{Ctx, Step};
use crate::error::Result;
use crate::model::*;
use crate::procedure::action::{Handover, PartyInput};
use crate::procedure::event::Event;
use crate::rules::case_number::CaseNumber;
use crate::rules::ids::{check_credit_code, check_id_number, credit_warning};
use crate::rules::period::period_end;

/// Registers a hand-over as a new case with the number the store allocated.
pub fn register(h: &Handover, number: CaseNumber, id: Uuid, ctx: &Ctx) -> Result<Event> {
    require_role(ctx, &[Role::Clerk, Role::Judge], "收案登记")?;
    let received_on = day(ctx, h.received_on, "收案日期")?;
    if h.parties.iter().all(|p| p.side != Side::Applicant) {
        return invalid("handover.no_applicant", "至少应有一名申请执行人");
    }
    if h.parties.iter().all(|p| p.side != Side::Respondent) {
        return invalid("handover.no_respondent", "至少应有一名被执行人");
    }
    let parties = check_parties(&h.parties)?;
    let basis = check_basis(&h.basis, received_on)?;
    if h.basis.amount_fen < 0 || h.claim_fen < 0 {
        return invalid("money.negative", "金额不能为负数");
    }
    let criteria = check_screening(h, &parties, ctx)?;
    let consents = parties
        .iter()
        .map(|p| {
            (
                p.id,
                Consent {
                    status: ConsentStatus::Pending,
                    on: None,
                    method: String::new(),
                    note: String::new(),
                },
            )
        })
        .collect();
    let start = received_on;
    let period = Period {
        start,
        days: ctx.settings.period_days,
        end: period_end(start, ctx.settings.period_days, &ctx.settings.calendar),
        extensions: vec![],
    };
    let file = CaseFile {
        id,
        number,
        stage: Stage::Review,
        received_on,
        registered_on: ctx.today,
        parties,
        basis,
        claim_fen: h.claim_fen,
        criteria,
        criteria_note: h.criteria_note.trim().into(),
        consents,
        review: None,
        notice: None,
        services: vec![],
        property: vec![],
        mediator: None,
        former_mediators: vec![],
        recused: vec![],
        sessions: vec![],
        suggestions: vec![],
        agreement: None,
        signatures: vec![],
        period,
        failure: None,
        transfer: None,
        payments: vec![],
        resumption: None,
        documents: vec![],
        head: None,
        events: 0,
    };
    Ok(Event::Registered { file: Box::new(file) })
}

/// The hand-over's parties and their agents, checked one by one and against each other.
fn check_parties(inputs: &[PartyInput]) -> Result<Vec<Party>> {
    let mut parties = Vec::new();
    for (i, p) in inputs.iter().enumerate() {
        let at = format!("第{}名当事人", i + 1);
        let name = check_name(&p.name, "当事人名称").map_err(|e| e.at(&at))?;
        let idn = p.id_number.trim().to_uppercase();
        let mut warning = None;
        match p.kind {
            PartyKind::Person => {
                check_id_number(&idn).map_err(|e| e.at(format!("{at}（{name}）")))?;
            }
            PartyKind::Organisation => {
                let c = check_credit_code(&idn).map_err(|e| e.at(format!("{at}（{name}）")))?;
                warning = credit_warning(&c);
                let rep = p.legal_rep.as_deref().unwrap_or("").trim();
                if rep.is_empty() {
                    return invalid(
                        "handover.legal_rep",
                        format!("{at}（{name}）是单位，请填写法定代表人或负责人"),
                    );
                }
            }
        }
        if !p.phone.trim().is_empty()
            && !p.phone.trim().chars().all(|c| c.is_ascii_digit() || c == '-' || c == ' ')
        {
            return invalid(
                "phone.format",
                format!("{at}（{name}）联系电话“{}”格式不正确", p.phone.trim()),
            );
        }
        let mut agents = Vec::new();
        for (j, a) in p.agents.iter().enumerate() {
            let aat = format!("{at}（{name}）的第{}名委托代理人", j + 1);
            let an = check_name(&a.name, "代理人姓名").map_err(|e| e.at(&aat))?;
            let aid = a.id_number.trim().to_uppercase();
            check_id_number(&aid).map_err(|e| e.at(format!("{aat}（{an}）")))?;
            agents.push(Agent {
                id: Uuid::now_v7(),
                name: an,
                id_number: aid,
                phone: a.phone.trim().into(),
                authority: a.authority,
            });
        }
        if parties.iter().any(|q: &Party| q.id_number == idn) {
            return invalid(
                "handover.duplicate_party",
                format!("{at}（{name}）的证件号码与其他当事人重复"),
            );
        }
        // Consents, notices and signatures name the party: two of one name could not be told apart.
        if parties.iter().any(|q: &Party| q.name == name) {
            return invalid(
                "handover.duplicate_name",
                format!(
                    "{at}与其他当事人同名“{name}”：请在姓名后注明区别，如“{name}（一九八〇年生）”"
                ),
            );
        }
        parties.push(Party {
            id: Uuid::now_v7(),
            side: p.side,
            kind: p.kind,
            name,
            id_number: idn,
            address: p.address.trim().into(),
            phone: p.phone.trim().into(),
            legal_rep: p.legal_rep.as_ref().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()),
            agents,
            warning,
        });
    }
    Ok(parties)
}

/// The effective legal document the application rests on, as the case file keeps it.
fn check_basis(b: &BasisDocument, received_on: NaiveDate) -> Result<BasisDocument> {
    non_empty(&b.court, "basis.court", "作出生效法律文书的机构")?;
    non_empty(&b.doc_type, "basis.doc_type", "生效法律文书种类")?;
    non_empty(&b.obligations, "basis.obligations", "生效法律文书确定的义务")?;
    let case_number =
        crate::rules::case_number::parse(&b.case_number).map_err(|e| e.at("生效法律文书案号"))?;
    if b.effective_on > received_on {
        return invalid(
            "basis.effective_after_receipt",
            format!("生效日期（{}）晚于收案日期（{}）", b.effective_on, received_on),
        );
    }
    Ok(BasisDocument {
        court: b.court.trim().into(),
        case_number: case_number.format(),
        doc_type: b.doc_type.trim().into(),
        effective_on: b.effective_on,
        obligations: b.obligations.trim().into(),
        amount_fen: b.amount_fen,
    })
}

/// The screening criteria of article 二(一) the filing division chose, checked against the case;
/// sorted, without repeats.
fn check_screening(h: &Handover, parties: &[Party], ctx: &Ctx) -> Result<Vec<Criterion>> {
    if h.criteria.is_empty() {
        return invalid("screening.none", "请至少选择一项执前和解筛选条件（规定第二条第（一）项）");
    }
    if h.criteria.contains(&Criterion::SmallAmount) && h.claim_fen > ctx.settings.small_amount_fen {
        return invalid(
            "screening.small_amount",
            format!(
                "申请执行标的{}元超过“标的较小”的标准（{}元），不能以此项筛选",
                crate::rules::money::format_yuan(h.claim_fen),
                crate::rules::money::format_yuan(ctx.settings.small_amount_fen)
            ),
        );
    }
    if h.criteria.contains(&Criterion::BothEnterprises)
        && parties.iter().any(|p| p.kind != PartyKind::Organisation)
    {
        return invalid(
            "screening.both_enterprises",
            "“双方当事人均为企业”不成立：有当事人是自然人",
        );
    }
    if h.criteria.contains(&Criterion::Other) && h.criteria_note.trim().is_empty() {
        return invalid("screening.other_note", "选择“其他有执行和解可能的”时请写明理由");
    }
    let mut criteria = h.criteria.clone();
    criteria.sort();
    criteria.dedup();
    Ok(criteria)
}

/// 征询当事人意见: a party agrees to, or refuses, the settlement route; a refusal ends it.
pub(super) fn record_consent(
    step: Step,
    party: &str,
    status: ConsentStatus,
    on: Option<NaiveDate>,
    method: &str,
    note: &str,
) -> Result<Vec<Event>> {
    let Step { file, ctx, what } = step;
    require_role(ctx, &[Role::Judge, Role::Clerk, Role::Mediator], what)?;
    stage_in(file, &RUNNING, "征询和解意见")?;
    let party_id = find_party(file, party)?;
    let on = day(ctx, on, "征询日期")?;
    if status == ConsentStatus::Pending {
        return invalid("consent.status", "请选择“同意”或“拒绝”");
    }
    let method = non_empty(method, "consent.method", "征询方式")?;
    let current = file.consents.get(&party_id).map(|c| c.status);
    if current == Some(status) {
        return refuse("consent.same", "该当事人的意见已记录，无需重复记录");
    }
    let consent = Consent { status, on: Some(on), method, note: note.trim().into() };
    let mut events = vec![Event::ConsentRecorded { party_id, consent }];
    if status == ConsentStatus::Refused {
        events.push(failed(FailureReason::ConsentRefused, on, note.trim().into()));
    }
    Ok(events)
}

/// The judge's review of the filing conditions; a refusal must be explained (释明).
pub(super) fn review(
    step: Step,
    accepted: bool,
    on: Option<NaiveDate>,
    note: &str,
    explanation: Option<&str>,
) -> Result<Vec<Event>> {
    let Step { file, ctx, what } = step;
    require_role(ctx, &[Role::Judge], what)?;
    stage_in(file, &[Stage::Review], "审查立案条件")?;
    let on = day(ctx, on, "审查日期")?;
    let explanation = if accepted {
        None
    } else {
        let e = explanation.unwrap_or("").trim();
        if e.is_empty() {
            return refuse(
                "review.no_explanation",
                "经审查不符合立案条件的，应当予以释明（规定第五条第（一）项第4目），请填写释明内容",
            );
        }
        Some(e.to_string())
    };
    Ok(vec![Event::Reviewed {
        review: Review {
            accepted,
            on,
            judge: ctx.actor.name.clone(),
            note: note.trim().into(),
            explanation,
        },
    }])
}

/// After 释明 the applicant withdraws the application.
pub(super) fn withdraw(step: Step, on: Option<NaiveDate>, note: &str) -> Result<Vec<Event>> {
    let Step { file, ctx, what } = step;
    require_role(ctx, &[Role::Judge, Role::Clerk], what)?;
    stage_in(file, &[Stage::Explained], "撤回申请（仅在释明后）")?;
    Ok(vec![Event::Withdrawn { on: day(ctx, on, "撤回日期")?, note: note.trim().into() }])
}

/// After 释明 the applicant insists: to the filing division, to be dismissed by ruling.
pub(super) fn insist(step: Step, on: Option<NaiveDate>, note: &str) -> Result<Vec<Event>> {
    let Step { file, ctx, what } = step;
    require_role(ctx, &[Role::Judge, Role::Clerk], what)?;
    stage_in(file, &[Stage::Explained], "转立案庭裁定驳回（仅在释明后）")?;
    let on = day(ctx, on, "移送日期")?;
    Ok(vec![transferred(TransferKind::Dismissal, on, note)])
}
