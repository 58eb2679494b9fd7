//! 协议与签署: the agreement's terms, with the consequences of not performing them (articles 五(四)2,
//! 六(一)), and its signing by the parties, the mediator and the clerk; then the agreement stands.

use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use super::guards::{
    check_name, day, invalid, non_empty, refuse, require_all_agreed, require_case_mediator,
    require_role, stage_in,
};
use super::Step;
use crate::error::{Error, Result};
use crate::model::*;
use crate::procedure::agreement_text::{compose, sha256_hex};
use crate::procedure::event::Event;

/// The agreement's terms; a new draft replaces the text and voids earlier signatures.
pub(super) fn draft(step: Step, on: Option<NaiveDate>, terms: &Terms) -> Result<Vec<Event>> {
    let Step { file, ctx, what } = step;
    stage_in(file, &[Stage::Talks], "拟定和解协议")?;
    require_case_mediator(file, ctx, what)?;
    require_all_agreed(file, "达成和解协议")?;
    if !file.sessions.iter().any(|s| s.record.is_some()) {
        return refuse("agreement.no_talks", "尚未进行和解（没有和解笔录），不能拟定和解协议");
    }
    let on = day(ctx, on, "拟定日期")?;
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

/// A signature on the current agreement text; the last one missing concludes the agreement.
pub(super) fn sign(
    step: Step,
    role: SignerRole,
    name: &str,
    image_png_base64: Option<&str>,
    points: Option<&serde_json::Value>,
    text_sha256: Option<&str>,
) -> Result<Vec<Event>> {
    let Step { file, ctx, what } = step;
    require_role(ctx, &[Role::Mediator, Role::Clerk, Role::Judge], what)?;
    stage_in(file, &[Stage::Talks], "签署和解协议")?;
    let Some(agreement) = &file.agreement else {
        return refuse("sign.no_agreement", "尚未拟定和解协议，不能签署");
    };
    // The signer saw a text: if it was redrafted meanwhile, the signature must not land on the new one.
    if text_sha256.is_some_and(|h| h != agreement.sha256) {
        return refuse(
            "sign.stale_text",
            format!(
                "协议文本已改为第{}稿，与签名人看到的文本不同：请重新阅读现行文本后再签名",
                agreement.version
            ),
        );
    }
    let name = name.trim();
    let party_id = signer_party(file, role, name)?;
    let already = file.valid_signatures().any(|s| match role {
        SignerRole::Party | SignerRole::Agent => s.party_id == party_id,
        r => s.role == r,
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
        role,
        party_id,
        name: name.into(),
        at: ctx.now,
        text_sha256: agreement.sha256.clone(),
        image_png_base64: image_png_base64.map(str::to_owned),
        points: points.cloned(),
    };
    let mut after = file.clone();
    after.signatures.push(signature.clone());
    let mut events = vec![Event::Signed { signature }];
    if missing_signers(&after).is_empty() {
        events.push(Event::AgreementConcluded { on: ctx.today });
    }
    Ok(events)
}

/// Whether `name` may sign in `role`, and for which party: a party itself (or its legal
/// representative) or an agent with special authority, each after an identity check at a session;
/// the case's mediator; a clerk by name.
fn signer_party(file: &CaseFile, role: SignerRole, name: &str) -> Result<Option<Uuid>> {
    match role {
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
            require_checked_in(file, p.id, None, name)?;
            Ok(Some(p.id))
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
            require_checked_in(file, p.id, Some(a.id), name)?;
            Ok(Some(p.id))
        }
        SignerRole::Mediator => {
            let m = file
                .mediator
                .as_ref()
                .ok_or_else(|| Error::refused("mediator.none", "本案尚未选定和解员"))?;
            if m.name != name {
                return refuse("sign.not_mediator", format!("本案和解员是{}，不是{name}", m.name));
            }
            Ok(None)
        }
        SignerRole::Clerk => {
            check_name(name, "书记员姓名")?;
            Ok(None)
        }
    }
}

/// Whether the party itself (`agent` None) or its agent had its identity checked at some session.
fn party_checked_in(file: &CaseFile, party: Uuid, agent: Option<Uuid>) -> bool {
    file.sessions.iter().flat_map(|s| &s.checks).any(|c| c.party_id == party && c.agent_id == agent)
}

fn require_checked_in(file: &CaseFile, party: Uuid, agent: Option<Uuid>, name: &str) -> Result<()> {
    if party_checked_in(file, party, agent) {
        return Ok(());
    }
    refuse("sign.identity", format!("{name}尚未在和解中核对身份，不能签署"))
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
