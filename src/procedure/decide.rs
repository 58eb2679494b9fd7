//! The procedure's decisions: given the case file, an action, the acting user and today, either the
//! events that follow or a refusal naming the rule. Pure: no I/O, no clock (the caller passes both).

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use super::action::{Action, Handover};
use super::agreement_text::{compose, sha256_hex};
use super::event::Event;
use crate::error::{Error, Result};
use crate::model::*;
use crate::rules::case_number::CaseNumber;
use crate::rules::ids::{check_credit_code, check_id_number, credit_warning};
use crate::rules::interest::Installment;
use crate::rules::period::{period_end, resume_deadline};

/// What the decision may look at besides the case.
pub struct Ctx<'a> {
    pub actor: &'a User,
    pub today: NaiveDate,
    pub now: DateTime<Utc>,
    pub settings: &'a Settings,
    pub roster: &'a [Mediator],
}

fn refuse<T>(code: &'static str, message: impl Into<String>) -> Result<T> {
    Err(Error::refused(code, message))
}

fn invalid<T>(code: &'static str, message: impl Into<String>) -> Result<T> {
    Err(Error::invalid(code, message))
}

fn require_role(ctx: &Ctx, roles: &[Role], what: &str) -> Result<()> {
    require_user_role(ctx.actor, roles, what)
}

fn require_user_role(user: &User, roles: &[Role], what: &str) -> Result<()> {
    if roles.contains(&user.role) {
        return Ok(());
    }
    let names: Vec<&str> = roles.iter().map(|r| r.label()).collect();
    Err(Error::forbidden(
        "role.forbidden",
        format!(
            "“{what}”应由{}办理，当前用户{}是{}",
            names.join("或"),
            user.name,
            user.role.label()
        ),
    ))
}

/// The centre's settings and its roster are kept by its staff (judge or clerk), not by mediators,
/// whose own names and cases they govern.
pub fn require_staff(user: &User, what: &str) -> Result<()> {
    require_user_role(user, &[Role::Judge, Role::Clerk], what)
}

/// A date given with an action: defaults to today, may not lie in the future.
fn day(ctx: &Ctx, on: Option<NaiveDate>, field: &str) -> Result<NaiveDate> {
    let d = on.unwrap_or(ctx.today);
    if d > ctx.today {
        return invalid("date.future", format!("{field}（{d}）不能晚于今天（{}）", ctx.today));
    }
    Ok(d)
}

fn non_empty(s: &str, code: &'static str, field: &str) -> Result<String> {
    let t = s.trim();
    if t.is_empty() {
        return invalid(code, format!("请填写{field}"));
    }
    Ok(t.to_string())
}

fn check_name(name: &str, field: &str) -> Result<String> {
    let n = name.trim();
    let count = n.chars().count();
    if count < 2 || count > 60 {
        return invalid("name.length", format!("{field}“{n}”长度不正确（应为 2 至 60 个字）"));
    }
    if n.chars().any(|c| c.is_control() || c.is_ascii_digit()) {
        return invalid("name.chars", format!("{field}“{n}”含有不允许的字符"));
    }
    Ok(n.to_string())
}

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
    let mut parties = Vec::new();
    for (i, p) in h.parties.iter().enumerate() {
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
    let b = &h.basis;
    non_empty(&b.court, "basis.court", "作出生效法律文书的机构")?;
    non_empty(&b.doc_type, "basis.doc_type", "生效法律文书种类")?;
    non_empty(&b.obligations, "basis.obligations", "生效法律文书确定的义务")?;
    crate::rules::case_number::parse(&b.case_number).map_err(|e| e.at("生效法律文书案号"))?;
    if b.effective_on > received_on {
        return invalid(
            "basis.effective_after_receipt",
            format!("生效日期（{}）晚于收案日期（{}）", b.effective_on, received_on),
        );
    }
    if b.amount_fen < 0 || h.claim_fen < 0 {
        return invalid("money.negative", "金额不能为负数");
    }
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
        basis: BasisDocument {
            court: b.court.trim().into(),
            case_number: crate::rules::case_number::parse(&b.case_number)?.format(),
            doc_type: b.doc_type.trim().into(),
            effective_on: b.effective_on,
            obligations: b.obligations.trim().into(),
            amount_fen: b.amount_fen,
        },
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

fn find_party(file: &CaseFile, key: &str) -> Result<Uuid> {
    let k = key.trim();
    file.parties
        .iter()
        .find(|p| p.id.to_string() == k || p.name == k)
        .map(|p| p.id)
        .ok_or_else(|| Error::invalid("party.unknown", format!("本案没有名为“{k}”的当事人")))
}

fn stage_in(file: &CaseFile, allowed: &[Stage], what: &str) -> Result<()> {
    if allowed.contains(&file.stage) {
        return Ok(());
    }
    refuse("stage.not_allowed", format!("案件当前处于“{}”阶段，不能{}", file.stage.label(), what))
}

/// The names of the parties who have not (yet) agreed to settle before execution.
fn not_yet_agreed(file: &CaseFile) -> Vec<&str> {
    file.parties
        .iter()
        .filter(|p| file.consents.get(&p.id).map(|c| c.status) != Some(ConsentStatus::Agreed))
        .map(|p| p.name.as_str())
        .collect()
}

fn all_agreed(file: &CaseFile) -> bool {
    file.parties
        .iter()
        .all(|p| file.consents.get(&p.id).map(|c| c.status) == Some(ConsentStatus::Agreed))
}

fn require_all_agreed(file: &CaseFile, what: &str) -> Result<()> {
    if all_agreed(file) {
        return Ok(());
    }
    let pending = not_yet_agreed(file);
    refuse(
        "consent.pending",
        format!("{}尚未同意执行前和解，不能{what}（规定第四条第（一）项：当事人自愿选择执行前和解的方可进行和解）", pending.join("、")),
    )
}

/// A mediator may act only on the cases assigned to them; the judge may act for the centre.
fn require_case_mediator(file: &CaseFile, ctx: &Ctx, what: &str) -> Result<()> {
    require_role(ctx, &[Role::Mediator, Role::Judge], what)?;
    let Some(m) = &file.mediator else {
        return refuse("mediator.none", format!("本案尚未选定和解员，不能{what}"));
    };
    if ctx.actor.role == Role::Mediator && ctx.actor.mediator_id != Some(m.mediator_id) {
        return Err(Error::forbidden(
            "mediator.not_assigned",
            format!("本案的和解员是{}，{}不能办理“{what}”", m.name, ctx.actor.name),
        ));
    }
    Ok(())
}

fn find_session(file: &CaseFile, no: u32) -> Result<&Session> {
    file.sessions
        .iter()
        .find(|s| s.no == no)
        .ok_or_else(|| Error::invalid("session.unknown", format!("本案没有第{no}次和解")))
}

/// Who signs for a party: itself (or its legal representative) or an agent with special authority.
fn party_checked_in(file: &CaseFile, party: Uuid, agent: Option<Uuid>) -> bool {
    file.sessions.iter().flat_map(|s| &s.checks).any(|c| c.party_id == party && c.agent_id == agent)
}

fn validate_terms(file: &CaseFile, terms: &Terms, today: NaiveDate) -> Result<Terms> {
    if terms.amount_fen <= 0 {
        return invalid("terms.amount", "和解金额应大于零");
    }
    if terms.installments.is_empty() {
        return invalid("terms.installments", "请至少填写一期履行期限");
    }
    let mut last: Option<NaiveDate> = None;
    for (i, inst) in terms.installments.iter().enumerate() {
        if inst.amount <= 0 {
            return invalid("terms.installment_amount", format!("第{}期金额应大于零", i + 1));
        }
        if inst.due < today {
            return invalid(
                "terms.installment_past",
                format!("第{}期履行期限（{}）早于今天", i + 1, inst.due),
            );
        }
        if let Some(l) = last {
            if inst.due <= l {
                return invalid(
                    "terms.installment_order",
                    format!("第{}期履行期限应晚于上一期", i + 1),
                );
            }
        }
        last = Some(inst.due);
    }
    let sum: i64 = terms.installments.iter().map(|i| i.amount).sum();
    if sum != terms.amount_fen {
        return invalid(
            "terms.installment_sum",
            format!(
                "各期金额合计{}元，与和解金额{}元不一致",
                crate::rules::money::format_yuan(sum),
                crate::rules::money::format_yuan(terms.amount_fen)
            ),
        );
    }
    non_empty(&terms.method, "terms.method", "履行方式")?;
    let clause = terms.non_performance_clause.trim();
    if clause.is_empty() {
        return refuse(
            "terms.no_clause",
            "和解协议必须载明不履行的法律后果（规定第五条第（四）项），请填写不履行后果条款",
        );
    }
    if !clause.contains("恢复执行") {
        return refuse(
            "terms.clause_resume",
            "不履行后果条款应写明申请执行人可以申请恢复执行原生效法律文书（规定第六条第（一）项）",
        );
    }
    if !clause.contains("扣除") {
        return refuse(
            "terms.clause_deduct",
            "不履行后果条款应写明已履行部分予以扣除（规定第六条第（一）项）",
        );
    }
    let _ = file;
    let mut t = terms.clone();
    t.method = t.method.trim().into();
    t.account = t.account.trim().into();
    t.non_performance_clause = clause.into();
    Ok(t)
}

/// The parties still to sign the current text, and whether the mediator and clerk signed.
pub fn missing_signers(file: &CaseFile) -> Vec<String> {
    let mut missing = Vec::new();
    let valid: Vec<&Signature> = file.valid_signatures().collect();
    for p in &file.parties {
        if !valid.iter().any(|s| s.party_id == Some(p.id)) {
            missing.push(format!("{}{}", p.side.label(), p.name));
        }
    }
    if !valid.iter().any(|s| s.role == SignerRole::Mediator) {
        missing.push("和解员".into());
    }
    if !valid.iter().any(|s| s.role == SignerRole::Clerk) {
        missing.push("书记员".into());
    }
    missing
}

/// One line of the signing view: who may sign the current agreement text, and if not yet, why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignerSlot {
    pub role: SignerRole,
    /// The name the `sign` action takes; empty for the clerk when the acting user is not a clerk.
    pub name: String,
    pub label: String,
    /// Why this person cannot sign now (no special authority, identity not checked); None = may sign.
    pub blocked: Option<String>,
}

/// The signers still missing on the current text, in the order of the agreement's signature block.
/// The signing view offers exactly these, so it never repeats the rules of `Sign`.
pub fn signer_slots(file: &CaseFile, user: &User) -> Vec<SignerSlot> {
    let mut out = Vec::new();
    let valid: Vec<&Signature> = file.valid_signatures().collect();
    for p in &file.parties {
        if valid.iter().any(|s| s.party_id == Some(p.id)) {
            continue;
        }
        let side = p.side.label();
        let own = match p.kind {
            PartyKind::Person => Some((p.name.clone(), format!("{side} {}", p.name))),
            _ => p
                .legal_rep
                .as_ref()
                .map(|r| (r.clone(), format!("{side} {}（法定代表人 {r}）", p.name))),
        };
        if let Some((name, label)) = own {
            let blocked = (!party_checked_in(file, p.id, None))
                .then(|| format!("{name}尚未在和解中核对身份"));
            out.push(SignerSlot { role: SignerRole::Party, name, label, blocked });
        }
        for a in &p.agents {
            let label =
                format!("{side} {} 的委托代理人 {}（{}）", p.name, a.name, a.authority.label());
            let blocked = if a.authority != Authority::Special {
                Some("仅有一般授权，不能代为签署和解协议".to_string())
            } else if !party_checked_in(file, p.id, Some(a.id)) {
                Some(format!("{}尚未在和解中核对身份", a.name))
            } else {
                None
            };
            out.push(SignerSlot { role: SignerRole::Agent, name: a.name.clone(), label, blocked });
        }
    }
    if let Some(m) =
        file.mediator.as_ref().filter(|_| !valid.iter().any(|s| s.role == SignerRole::Mediator))
    {
        out.push(SignerSlot {
            role: SignerRole::Mediator,
            name: m.name.clone(),
            label: format!("和解员 {}", m.name),
            blocked: None,
        });
    }
    if !valid.iter().any(|s| s.role == SignerRole::Clerk) {
        let name = if user.role == Role::Clerk { user.name.clone() } else { String::new() };
        out.push(SignerSlot {
            role: SignerRole::Clerk,
            label: format!("书记员 {name}").trim().into(),
            name,
            blocked: None,
        });
    }
    out
}

fn outstanding_overdue(file: &CaseFile, today: NaiveDate) -> i64 {
    let Some(a) = &file.agreement else { return 0 };
    let due: i64 = a.terms.installments.iter().filter(|i| i.due < today).map(|i| i.amount).sum();
    (due - file.paid_fen()).max(0)
}

/// Decides an action on an existing case.
pub fn decide(file: &CaseFile, action: &Action, ctx: &Ctx) -> Result<Vec<Event>> {
    use Action as A;
    let running = [Stage::Review, Stage::Preparing, Stage::Talks];
    match action {
        A::RecordConsent { party, status, on, method, note } => {
            require_role(ctx, &[Role::Judge, Role::Clerk, Role::Mediator], action.label())?;
            stage_in(file, &running, "征询和解意见")?;
            let party_id = find_party(file, party)?;
            let on = day(ctx, *on, "征询日期")?;
            if *status == ConsentStatus::Pending {
                return invalid("consent.status", "请选择“同意”或“拒绝”");
            }
            let method = non_empty(method, "consent.method", "征询方式")?;
            let current = file.consents.get(&party_id).map(|c| c.status);
            if current == Some(*status) {
                return refuse("consent.same", "该当事人的意见已记录，无需重复记录");
            }
            let consent =
                Consent { status: *status, on: Some(on), method, note: note.trim().into() };
            let mut events = vec![Event::ConsentRecorded { party_id, consent }];
            if *status == ConsentStatus::Refused {
                events.push(Event::Failed {
                    failure: Failure {
                        reason: FailureReason::ConsentRefused,
                        on,
                        note: note.trim().into(),
                    },
                });
            }
            Ok(events)
        }
        A::Review { accepted, on, note, explanation } => {
            require_role(ctx, &[Role::Judge], action.label())?;
            stage_in(file, &[Stage::Review], "审查立案条件")?;
            let on = day(ctx, *on, "审查日期")?;
            let explanation = if *accepted {
                None
            } else {
                let e = explanation.as_deref().unwrap_or("").trim();
                if e.is_empty() {
                    return refuse("review.no_explanation", "经审查不符合立案条件的，应当予以释明（规定第五条第（一）项第4目），请填写释明内容");
                }
                Some(e.to_string())
            };
            Ok(vec![Event::Reviewed {
                review: Review {
                    accepted: *accepted,
                    on,
                    judge: ctx.actor.name.clone(),
                    note: note.trim().into(),
                    explanation,
                },
            }])
        }
        A::Withdraw { on, note } => {
            require_role(ctx, &[Role::Judge, Role::Clerk], action.label())?;
            stage_in(file, &[Stage::Explained], "撤回申请（仅在释明后）")?;
            Ok(vec![Event::Withdrawn {
                on: day(ctx, *on, "撤回日期")?, note: note.trim().into()
            }])
        }
        A::Insist { on, note } => {
            require_role(ctx, &[Role::Judge, Role::Clerk], action.label())?;
            stage_in(file, &[Stage::Explained], "转立案庭裁定驳回（仅在释明后）")?;
            let on = day(ctx, *on, "移送日期")?;
            Ok(vec![Event::Transferred {
                transfer: Transfer { kind: TransferKind::Dismissal, on, note: note.trim().into() },
            }])
        }
        A::IssueNotice { on, property_order, report_days } => {
            require_role(ctx, &[Role::Judge, Role::Clerk], action.label())?;
            stage_in(
                file,
                &[Stage::Preparing, Stage::Talks],
                "发出执行通知书（应先经审查符合立案条件）",
            )?;
            if file.notice.is_some() {
                return refuse("notice.already", "执行通知书已经发出");
            }
            if file.monetary() && !property_order {
                return refuse(
                    "notice.property_order",
                    "执行标的为金钱债权的，应同时制作并送达报告财产令（规定第五条第（二）项）",
                );
            }
            let days = report_days.unwrap_or(ctx.settings.property_report_days);
            if *property_order && !(1..=90).contains(&days) {
                return invalid("notice.report_days", "报告财产的期限应在 1 至 90 日之间");
            }
            Ok(vec![Event::NoticeIssued {
                notice: NoticeIssue {
                    issued_on: day(ctx, *on, "发出日期")?,
                    property_order: *property_order,
                    report_days: days,
                },
            }])
        }
        A::RecordService { document, party, on, method } => {
            require_role(ctx, &[Role::Judge, Role::Clerk, Role::Mediator], action.label())?;
            if !file.stage.open() {
                return refuse("stage.closed", "案件已结束，不能再记录送达");
            }
            let party_id = find_party(file, party)?;
            let document = non_empty(document, "service.document", "送达的文书")?;
            if (document.contains("执行通知书") || document.contains("报告财产令"))
                && file.notice.is_none()
            {
                return refuse("service.not_issued", "执行通知书尚未发出，不能记录送达");
            }
            let method = non_empty(method, "service.method", "送达方式")?;
            Ok(vec![Event::ServiceRecorded {
                service: Service {
                    document,
                    party_id,
                    served_on: day(ctx, *on, "送达日期")?,
                    method,
                },
            }])
        }
        A::RecordProperty { category, institution, description, value_fen, measure, on } => {
            require_role(ctx, &[Role::Judge, Role::Clerk], action.label())?;
            stage_in(
                file,
                &[Stage::Preparing, Stage::Talks, Stage::Signed, Stage::NotSettled],
                "记录查控结果",
            )?;
            if *value_fen < 0 {
                return invalid("money.negative", "财产价值不能为负数");
            }
            Ok(vec![Event::PropertyRecorded {
                finding: PropertyFinding {
                    category: *category,
                    institution: non_empty(
                        institution,
                        "property.institution",
                        "查控机构或登记机关",
                    )?,
                    description: non_empty(description, "property.description", "财产情况")?,
                    value_fen: *value_fen,
                    measure: measure.trim().into(),
                    found_on: day(ctx, *on, "查控日期")?,
                },
            }])
        }
        A::ChooseMediator { mediator, by, on, reason } => {
            require_role(ctx, &[Role::Judge, Role::Clerk], action.label())?;
            if *by == ChosenBy::Appointment {
                require_role(ctx, &[Role::Judge], "指定和解员")?;
            }
            stage_in(file, &[Stage::Preparing, Stage::Talks], "选定和解员")?;
            require_all_agreed(file, "选定和解员")?;
            let key = mediator.trim();
            let m =
                ctx.roster.iter().find(|m| m.id.to_string() == key || m.name == key).ok_or_else(
                    || Error::invalid("mediator.unknown", format!("和解员名册中没有“{key}”")),
                )?;
            if !m.active {
                return refuse(
                    "mediator.inactive",
                    format!("{}已不在和解员名册中（已停用），不能选定", m.name),
                );
            }
            if file.recused.contains(&m.id) {
                return refuse("mediator.recused", format!("{}已在本案回避，不能再选定", m.name));
            }
            if file.mediator.as_ref().map(|a| a.mediator_id) == Some(m.id) {
                return refuse("mediator.same", format!("{}已是本案和解员", m.name));
            }
            if file.mediator.is_some() && reason.trim().is_empty() {
                return invalid("mediator.replace_reason", "更换和解员应写明理由");
            }
            let on = day(ctx, *on, "选定日期")?;
            let mut events = vec![Event::MediatorChosen {
                assignment: MediatorAssignment {
                    mediator_id: m.id,
                    name: m.name.clone(),
                    by: *by,
                    on,
                    reason: reason.trim().into(),
                },
            }];
            if ctx.settings.period_start == PeriodStart::MediatorChosen
                && file.mediator.is_none()
                && file.former_mediators.is_empty()
            {
                let days = file.period.days;
                events.push(Event::PeriodRestarted {
                    period: Period {
                        start: on,
                        days,
                        end: period_end(on, days, &ctx.settings.calendar),
                        extensions: vec![],
                    },
                });
            }
            Ok(events)
        }
        A::RecuseMediator { mediator, reason, on } => {
            require_role(ctx, &[Role::Judge], action.label())?;
            stage_in(file, &[Stage::Preparing, Stage::Talks], "决定和解员回避")?;
            let key = mediator.trim();
            let m =
                ctx.roster.iter().find(|m| m.id.to_string() == key || m.name == key).ok_or_else(
                    || Error::invalid("mediator.unknown", format!("和解员名册中没有“{key}”")),
                )?;
            if file.recused.contains(&m.id) {
                return refuse("mediator.already_recused", format!("{}已在本案回避", m.name));
            }
            if file.signatures.iter().any(|s| s.role == SignerRole::Mediator && s.name == m.name)
                && file.stage == Stage::Talks
                && file.valid_signatures().any(|s| s.role == SignerRole::Mediator)
            {
                return refuse("mediator.signed", "和解员已在现行协议文本上签字，应先修改协议文本");
            }
            Ok(vec![Event::MediatorRecused {
                mediator_id: m.id,
                name: m.name.clone(),
                reason: non_empty(reason, "recusal.reason", "回避理由")?,
                on: day(ctx, *on, "回避日期")?,
            }])
        }
        A::ScheduleSession { at, place, manner, notices } => {
            stage_in(file, &[Stage::Preparing, Stage::Talks], "安排和解")?;
            require_all_agreed(file, "开始和解")?;
            require_case_mediator(file, ctx, action.label())?;
            let place =
                non_empty(place, "session.place", "和解地点（在线和解请填写平台或会议号）")?;
            if at.date() < ctx.today - chrono::Duration::days(30) {
                return invalid("session.time", "和解时间不正确");
            }
            let mut resolved = Vec::new();
            for n in notices {
                let party_id = find_party(file, &n.party)?;
                let method = non_empty(&n.method, "session.notice_method", "通知方式")?;
                let on = day(ctx, n.on, "通知日期")?;
                if on > at.date() {
                    return invalid("session.notice_late", "通知日期不能晚于和解时间");
                }
                resolved.push(SessionNotice { party_id, method, on });
            }
            let missing: Vec<&str> = file
                .parties
                .iter()
                .filter(|p| !resolved.iter().any(|n| n.party_id == p.id))
                .map(|p| p.name.as_str())
                .collect();
            if !missing.is_empty() {
                return refuse(
                    "session.notice_missing",
                    format!(
                        "和解员应通知双方当事人和解的时间、地点、方式：尚未通知{}",
                        missing.join("、")
                    ),
                );
            }
            let no = file.sessions.len() as u32 + 1;
            Ok(vec![Event::SessionScheduled {
                session: Session {
                    no,
                    at: *at,
                    place,
                    manner: *manner,
                    notices: resolved,
                    checks: vec![],
                    record: None,
                },
            }])
        }
        A::CheckIdentity { session, person, id_number } => {
            stage_in(file, &[Stage::Talks], "核对身份")?;
            require_case_mediator(file, ctx, action.label())?;
            let s = find_session(file, *session)?;
            let name = person.trim();
            let given = id_number.trim().to_uppercase();
            // A person is a natural-person party, an organisation's representative, or an agent.
            let mut found: Option<(Uuid, Option<Uuid>, Option<String>)> = None;
            for p in &file.parties {
                if p.kind == PartyKind::Person && p.name == name {
                    found = Some((p.id, None, Some(p.id_number.clone())));
                } else if p.kind == PartyKind::Organisation && p.legal_rep.as_deref() == Some(name)
                {
                    found = Some((p.id, None, None));
                }
                for a in &p.agents {
                    if a.name == name {
                        found = Some((p.id, Some(a.id), Some(a.id_number.clone())));
                    }
                }
            }
            let Some((party_id, agent_id, expected)) = found else {
                return invalid(
                    "identity.unknown",
                    format!("“{name}”不是本案当事人、法定代表人或委托代理人"),
                );
            };
            check_id_number(&given).map_err(|e| e.at("核对身份"))?;
            if let Some(exp) = expected {
                if exp != given {
                    return refuse(
                        "identity.mismatch",
                        format!("身份核对不符：{name}出示的证件号码与登记的不一致"),
                    );
                }
            }
            if s.checks.iter().any(|c| c.party_id == party_id && c.agent_id == agent_id) {
                return refuse(
                    "identity.already",
                    format!("第{session}次和解已核对过{name}的身份"),
                );
            }
            Ok(vec![Event::IdentityChecked {
                session: *session,
                check: IdentityCheck {
                    party_id,
                    agent_id,
                    name: name.into(),
                    id_number: given,
                    at: ctx.now,
                },
            }])
        }
        A::RecordTalks { session, record } => {
            stage_in(file, &[Stage::Talks], "制作和解笔录")?;
            require_case_mediator(file, ctx, action.label())?;
            let s = find_session(file, *session)?;
            let absent: Vec<&str> = file
                .parties
                .iter()
                .filter(|p| !s.checks.iter().any(|c| c.party_id == p.id))
                .map(|p| p.name.as_str())
                .collect();
            if !absent.is_empty() {
                return refuse(
                    "talks.identity",
                    format!(
                        "当事人到场后应核对身份（规定第五条第（四）项）：{}尚未核对",
                        absent.join("、")
                    ),
                );
            }
            Ok(vec![Event::TalksRecorded {
                session: *session,
                record: non_empty(record, "talks.record", "笔录内容")?,
            }])
        }
        A::Suggest { on, text } => {
            stage_in(file, &[Stage::Talks], "提出和解建议")?;
            require_case_mediator(file, ctx, action.label())?;
            if !file.sessions.iter().any(|s| s.record.is_some()) {
                return refuse(
                    "suggest.no_talks",
                    "应在听取双方意见（制作和解笔录）后提出和解建议",
                );
            }
            Ok(vec![Event::SuggestionMade {
                suggestion: Suggestion {
                    on: day(ctx, *on, "建议日期")?,
                    by: ctx.actor.name.clone(),
                    text: non_empty(text, "suggest.text", "和解建议内容")?,
                },
            }])
        }
        A::DraftAgreement { on, terms } => {
            stage_in(file, &[Stage::Talks], "拟定和解协议")?;
            require_case_mediator(file, ctx, action.label())?;
            require_all_agreed(file, "达成和解协议")?;
            if !file.sessions.iter().any(|s| s.record.is_some()) {
                return refuse(
                    "agreement.no_talks",
                    "尚未进行和解（没有和解笔录），不能拟定和解协议",
                );
            }
            let on = day(ctx, *on, "拟定日期")?;
            let terms = validate_terms(file, terms, ctx.today)?;
            let mediator = file.mediator.as_ref().map(|m| m.name.clone()).unwrap_or_default();
            let text = compose(file, &terms, &mediator).joined();
            let sha256 = sha256_hex(&text);
            if file.agreement.as_ref().map(|a| &a.sha256) == Some(&sha256) {
                return refuse("agreement.same", "协议文本没有变化");
            }
            let voided = file.valid_signatures().count() as u32;
            let version = file.agreement.as_ref().map(|a| a.version + 1).unwrap_or(1);
            Ok(vec![Event::AgreementDrafted {
                agreement: Agreement { version, terms, text, sha256, drafted_on: on },
                voided_signatures: voided,
            }])
        }
        A::Sign { role, name, image_png_base64, points, text_sha256 } => {
            require_role(ctx, &[Role::Mediator, Role::Clerk, Role::Judge], action.label())?;
            stage_in(file, &[Stage::Talks], "签署和解协议")?;
            let Some(agreement) = &file.agreement else {
                return refuse("sign.no_agreement", "尚未拟定和解协议，不能签署");
            };
            // The signer saw a text: if it was redrafted meanwhile, the signature must not land on the new one.
            if text_sha256.as_deref().is_some_and(|h| h != agreement.sha256) {
                return refuse(
                    "sign.stale_text",
                    format!(
                        "协议文本已改为第{}稿，与签名人看到的文本不同：请重新阅读现行文本后再签名",
                        agreement.version
                    ),
                );
            }
            let name = name.trim();
            let party_id = match role {
                SignerRole::Party => {
                    let p = file
                        .parties
                        .iter()
                        .find(|p| {
                            (p.kind == PartyKind::Person && p.name == name)
                                || p.legal_rep.as_deref() == Some(name)
                        })
                        .ok_or_else(|| {
                            Error::invalid(
                                "sign.unknown",
                                format!("“{name}”不是本案当事人或单位的法定代表人"),
                            )
                        })?;
                    if !party_checked_in(file, p.id, None) {
                        return refuse(
                            "sign.identity",
                            format!("{name}尚未在和解中核对身份，不能签署"),
                        );
                    }
                    Some(p.id)
                }
                SignerRole::Agent => {
                    let (p, a) = file
                        .parties
                        .iter()
                        .flat_map(|p| p.agents.iter().map(move |a| (p, a)))
                        .find(|(_, a)| a.name == name)
                        .ok_or_else(|| {
                            Error::invalid("sign.unknown", format!("“{name}”不是本案的委托代理人"))
                        })?;
                    if a.authority != Authority::Special {
                        return refuse(
                            "sign.no_special_authority",
                            format!("{name}仅有一般授权：委托代理人代为达成和解协议须有特别授权（执行和解规定第四条）"),
                        );
                    }
                    if !party_checked_in(file, p.id, Some(a.id)) {
                        return refuse(
                            "sign.identity",
                            format!("{name}尚未在和解中核对身份，不能签署"),
                        );
                    }
                    Some(p.id)
                }
                SignerRole::Mediator => {
                    let m = file
                        .mediator
                        .as_ref()
                        .ok_or_else(|| Error::refused("mediator.none", "本案尚未选定和解员"))?;
                    if m.name != name {
                        return refuse(
                            "sign.not_mediator",
                            format!("本案和解员是{}，不是{name}", m.name),
                        );
                    }
                    None
                }
                SignerRole::Clerk => {
                    check_name(name, "书记员姓名")?;
                    None
                }
            };
            let already = file.valid_signatures().any(|s| match role {
                SignerRole::Party | SignerRole::Agent => s.party_id == party_id,
                r => s.role == *r,
            });
            if already {
                return refuse("sign.already", format!("{name}一方已在现行协议文本上签字"));
            }
            if let Some(img) = image_png_base64 {
                if img.len() > 2_000_000 {
                    return invalid("sign.image_size", "签名图片过大");
                }
            }
            let signature = Signature {
                role: *role,
                party_id,
                name: name.into(),
                at: ctx.now,
                text_sha256: agreement.sha256.clone(),
                image_png_base64: image_png_base64.clone(),
                points: points.clone(),
            };
            let mut after = file.clone();
            after.signatures.push(signature.clone());
            let mut events = vec![Event::Signed { signature }];
            if missing_signers(&after).is_empty() {
                events.push(Event::AgreementConcluded { on: ctx.today });
            }
            Ok(events)
        }
        A::DeclareFailure { on, note } => {
            stage_in(file, &[Stage::Talks], "宣布和解不成")?;
            require_case_mediator(file, ctx, action.label())?;
            if file.suggestions.is_empty() {
                return refuse(
                    "failure.no_suggestion",
                    "双方意见分歧较大的，和解员应先综合双方意见提出和解建议（规定第五条第（四）项第2目）",
                );
            }
            Ok(vec![Event::Failed {
                failure: Failure {
                    reason: FailureReason::TalksFailed,
                    on: day(ctx, *on, "宣布日期")?,
                    note: note.trim().into(),
                },
            }])
        }
        A::Extend { days, applicant_request, respondent_request, on, note } => {
            require_role(ctx, &[Role::Judge], action.label())?;
            stage_in(file, &running, "延长和解期限")?;
            if !(*applicant_request && *respondent_request) {
                return refuse(
                    "extend.joint_request",
                    "延长和解期限须经双方当事人申请（规定第七条第（一）项）",
                );
            }
            if ctx.today > file.period.end {
                return refuse(
                    "extend.expired",
                    format!("和解期限已于{}届满，视为和解不成，不能再延长", file.period.end),
                );
            }
            if *days == 0 || *days > ctx.settings.max_extension_days {
                return invalid(
                    "extend.days",
                    format!("延长天数应在 1 至 {} 日之间", ctx.settings.max_extension_days),
                );
            }
            let new_end = period_end(file.period.end, *days, &ctx.settings.calendar);
            Ok(vec![Event::Extended {
                extension: Extension {
                    days: *days,
                    on: day(ctx, *on, "申请日期")?,
                    new_end,
                    note: note.trim().into(),
                },
            }])
        }
        A::Expire {} => {
            stage_in(file, &running, "按期限届满处理")?;
            if ctx.today <= file.period.end {
                return refuse(
                    "expire.not_due",
                    format!("和解期限至{}届满，尚未到期", file.period.end),
                );
            }
            Ok(vec![Event::Failed {
                failure: Failure {
                    reason: FailureReason::PeriodExpired,
                    on: ctx.today,
                    note: format!("和解期限于{}届满，未经双方申请延长", file.period.end),
                },
            }])
        }
        A::Transfer { on, note } => {
            require_role(ctx, &[Role::Clerk, Role::Judge], action.label())?;
            let kind = match file.stage {
                Stage::Signed => TransferKind::SettledClose,
                Stage::NotSettled => TransferKind::OpenExecution,
                _ => {
                    return refuse(
                        "stage.not_allowed",
                        format!("案件当前处于“{}”阶段，不能移送立案庭", file.stage.label()),
                    )
                }
            };
            Ok(vec![Event::Transferred {
                transfer: Transfer {
                    kind,
                    on: day(ctx, *on, "移送日期")?,
                    note: note.trim().into(),
                },
            }])
        }
        A::RecordPayment { amount_fen, on, note } => {
            require_role(ctx, &[Role::Clerk, Role::Judge], action.label())?;
            stage_in(file, &[Stage::Performing], "记录履行")?;
            let total = file.agreement.as_ref().map(|a| a.terms.amount_fen).unwrap_or(0);
            let left = total - file.paid_fen();
            if *amount_fen <= 0 {
                return invalid("payment.amount", "履行金额应大于零");
            }
            if *amount_fen > left {
                return invalid(
                    "payment.too_much",
                    format!("履行金额超过尚未履行的{}元", crate::rules::money::format_yuan(left)),
                );
            }
            let on = day(ctx, *on, "履行日期")?;
            let mut events = vec![Event::PaymentRecorded {
                payment: PaymentRecord { on, amount_fen: *amount_fen, note: note.trim().into() },
            }];
            if *amount_fen == left {
                events.push(Event::FullyPerformed { on });
            }
            Ok(events)
        }
        A::ApplyResume { on, note } => {
            require_role(ctx, &[Role::Judge, Role::Clerk], action.label())?;
            stage_in(file, &[Stage::Performing], "申请恢复执行")?;
            let on = day(ctx, *on, "申请日期")?;
            let agreement = file
                .agreement
                .as_ref()
                .ok_or_else(|| Error::refused("resume.no_agreement", "没有和解协议"))?;
            if outstanding_overdue(file, on) == 0 {
                return refuse(
                    "resume.not_due",
                    "被执行人正在按协议履行或约定的履行期限尚未届至，不予恢复执行（执行和解规定第十一条）",
                );
            }
            let last: &Installment =
                agreement.terms.installments.last().expect("validated: at least one installment");
            let original =
                if file.basis.amount_fen > 0 { file.basis.amount_fen } else { file.claim_fen };
            let performed = file.paid_fen();
            let deadline =
                resume_deadline(last.due, ctx.settings.resume_years, &ctx.settings.calendar);
            Ok(vec![Event::ResumeApplied {
                resumption: Resumption {
                    applied_on: on,
                    original_fen: original,
                    performed_fen: performed,
                    remaining_fen: (original - performed).max(0),
                    last_performance_day: last.due,
                    deadline,
                    late: on > deadline,
                    note: note.trim().into(),
                },
            }])
        }
        A::RecordDocument { kind, title, sha256, bytes } => Ok(vec![Event::DocumentRendered {
            document: DocumentRecord {
                kind: kind.clone(),
                title: title.clone(),
                at: ctx.now,
                sha256: sha256.clone(),
                bytes: *bytes,
            },
        }]),
    }
}

/// What this case waits for from this user today, in the words of the work list ("待审查立案条件"),
/// or None when nothing is theirs to do. A period about to run out concerns everyone on the case.
pub fn waiting_on(file: &CaseFile, user: &User, today: NaiveDate) -> Option<String> {
    let own_case = file.mediator.as_ref().is_some_and(|m| Some(m.mediator_id) == user.mediator_id);
    if user.role == Role::Mediator && !own_case {
        return None;
    }
    let staff = matches!(user.role, Role::Judge | Role::Clerk);
    let mut why: Vec<String> = Vec::new();
    if file.stage.period_running() {
        match crate::rules::period::days_left(today, file.period.end) {
            d if d < 0 => why.push("和解期限已届满，待按和解不成处理".into()),
            0 => why.push("和解期限今日届满".into()),
            d @ 1..=5 => why.push(format!("和解期限剩{d}日")),
            _ => {}
        }
    }
    let pending = not_yet_agreed(file);
    match file.stage {
        Stage::Review if user.role == Role::Judge => why.push("待审查立案条件".into()),
        Stage::Explained if staff => why.push("已释明，待当事人撤回或坚持申请".into()),
        Stage::Review | Stage::Preparing if staff && !pending.is_empty() => {
            why.push(format!("待征询{}的和解意见", pending.join("、")))
        }
        _ => {}
    }
    if matches!(file.stage, Stage::Preparing | Stage::Talks) {
        if staff && file.notice.is_none() {
            why.push("待发出执行通知书".into());
        }
        if staff && pending.is_empty() && file.mediator.is_none() {
            why.push("待选定和解员".into());
        }
        if own_case && pending.is_empty() && file.sessions.is_empty() {
            why.push("待安排和解并通知各方".into());
        }
        if file.stage == Stage::Talks
            && file.agreement.is_some()
            && (own_case || staff)
            && !missing_signers(file).is_empty()
        {
            why.push("协议待签署".into());
        }
    }
    match file.stage {
        Stage::Signed if staff => why.push("协议已签署，待移送立案庭登记结案".into()),
        Stage::NotSettled if staff => why.push("和解不成，待移送立案庭转立执行".into()),
        Stage::Performing if staff && outstanding_overdue(file, today) > 0 => why.push(format!(
            "到期款项{}元未付，可告知申请执行人申请恢复执行",
            crate::rules::money::format_yuan(outstanding_overdue(file, today))
        )),
        _ => {}
    }
    (!why.is_empty()).then(|| why.join("；"))
}

/// The actions the acting user could try now, for the UI's buttons (the core decides, not the UI).
pub fn available(file: &CaseFile, user: &User) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mediator_ok = user.role == Role::Judge
        || (user.role == Role::Mediator
            && file
                .mediator
                .as_ref()
                .map(|m| Some(m.mediator_id) == user.mediator_id)
                .unwrap_or(false));
    let staff = matches!(user.role, Role::Judge | Role::Clerk);
    let running = file.stage.period_running();
    if running {
        out.push("record_consent");
    }
    match file.stage {
        Stage::Review if user.role == Role::Judge => out.push("review"),
        Stage::Explained if staff => out.extend(["withdraw", "insist"]),
        Stage::Preparing | Stage::Talks => {
            if staff && file.notice.is_none() {
                out.push("issue_notice");
            }
            if staff {
                out.push("record_property");
                if all_agreed(file) {
                    out.push("choose_mediator");
                }
            }
            if user.role == Role::Judge && file.mediator.is_some() {
                out.push("recuse_mediator");
            }
            if mediator_ok && file.mediator.is_some() && all_agreed(file) {
                out.push("schedule_session");
            }
            if file.stage == Stage::Talks && mediator_ok {
                out.extend(["check_identity", "record_talks", "suggest", "draft_agreement"]);
            }
            // The clerk signs too, and may hold the screen for the parties (Sign accepts staff).
            if file.stage == Stage::Talks && file.agreement.is_some() && (mediator_ok || staff) {
                out.push("sign");
            }
            if file.stage == Stage::Talks && mediator_ok {
                if !file.suggestions.is_empty() {
                    out.push("declare_failure");
                }
            }
        }
        Stage::Signed | Stage::NotSettled if staff => out.push("transfer"),
        Stage::Performing if staff => out.extend(["record_payment", "apply_resume"]),
        _ => {}
    }
    if running && user.role == Role::Judge {
        out.push("extend");
    }
    if file.stage.open() {
        out.push("record_service");
    }
    out
}

#[cfg(test)]
mod tests {
    //! The decisions alone, without a database: a case file is built by folding events.
    use super::*;
    use crate::procedure::action::{AgentInput, PartyInput};
    use crate::procedure::evolve;
    use serde_json::json;

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
            CaseNumber {
                year: 2026, court: "鲁0502".into(), type_code: "执前调".into(), seq: 1
            };
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
            CaseNumber {
                year: 2026, court: "鲁0502".into(), type_code: "执前调".into(), seq: 2
            };
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
            CaseNumber {
                year: 2026, court: "鲁0502".into(), type_code: "执前调".into(), seq: 1
            };
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
        assert!(register(&h, number.clone(), Uuid::nil(), &c)
            .unwrap_err()
            .message()
            .contains("案号"));
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
}
