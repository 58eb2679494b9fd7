//! What happened to a case. Events are the append-only audit log; `evolve` folds them into the
//! case file, so the stored projection can always be rebuilt from the log.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::model::{
    Agreement, CaseFile, Consent, DocumentRecord, Extension, Failure, MediatorAssignment,
    NoticeIssue, PaymentRecord, Period, PropertyFinding, Resumption, Review, Service, Session,
    Signature, Stage, Suggestion, Transfer, TransferKind,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    Registered { file: Box<CaseFile> },
    ConsentRecorded { party_id: Uuid, consent: Consent },
    Reviewed { review: Review },
    Withdrawn { on: NaiveDate, note: String },
    NoticeIssued { notice: NoticeIssue },
    ServiceRecorded { service: Service },
    PropertyRecorded { finding: PropertyFinding },
    MediatorChosen { assignment: MediatorAssignment },
    MediatorRecused { mediator_id: Uuid, name: String, reason: String, on: NaiveDate },
    PeriodRestarted { period: Period },
    SessionScheduled { session: Session },
    IdentityChecked { session: u32, check: crate::model::IdentityCheck },
    TalksRecorded { session: u32, record: String },
    SuggestionMade { suggestion: Suggestion },
    AgreementDrafted { agreement: Agreement, voided_signatures: u32 },
    Signed { signature: Signature },
    AgreementConcluded { on: NaiveDate },
    Failed { failure: Failure },
    Extended { extension: Extension },
    Transferred { transfer: Transfer },
    PaymentRecorded { payment: PaymentRecord },
    FullyPerformed { on: NaiveDate },
    ResumeApplied { resumption: Resumption },
    DocumentRendered { document: DocumentRecord },
}

impl Event {
    pub fn kind(&self) -> &'static str {
        match self {
            Event::Registered { .. } => "registered",
            Event::ConsentRecorded { .. } => "consent_recorded",
            Event::Reviewed { .. } => "reviewed",
            Event::Withdrawn { .. } => "withdrawn",
            Event::NoticeIssued { .. } => "notice_issued",
            Event::ServiceRecorded { .. } => "service_recorded",
            Event::PropertyRecorded { .. } => "property_recorded",
            Event::MediatorChosen { .. } => "mediator_chosen",
            Event::MediatorRecused { .. } => "mediator_recused",
            Event::PeriodRestarted { .. } => "period_restarted",
            Event::SessionScheduled { .. } => "session_scheduled",
            Event::IdentityChecked { .. } => "identity_checked",
            Event::TalksRecorded { .. } => "talks_recorded",
            Event::SuggestionMade { .. } => "suggestion_made",
            Event::AgreementDrafted { .. } => "agreement_drafted",
            Event::Signed { .. } => "signed",
            Event::AgreementConcluded { .. } => "agreement_concluded",
            Event::Failed { .. } => "failed",
            Event::Extended { .. } => "extended",
            Event::Transferred { .. } => "transferred",
            Event::PaymentRecorded { .. } => "payment_recorded",
            Event::FullyPerformed { .. } => "fully_performed",
            Event::ResumeApplied { .. } => "resume_applied",
            Event::DocumentRendered { .. } => "document_rendered",
        }
    }

    /// One line of the timeline, in Chinese.
    pub fn summary(&self, file: &CaseFile) -> String {
        use crate::rules::money::format_yuan;
        let party = |id: &Uuid| file.party(*id).map(|p| p.name.clone()).unwrap_or_default();
        match self {
            Event::Registered { file } => format!("收案登记，案号{}", file.number),
            Event::ConsentRecorded { party_id, consent } => {
                format!("{}：{}（{}）", party(party_id), consent.status.label(), consent.method)
            }
            Event::Reviewed { review } if review.accepted => {
                format!("{}审查：符合立案条件", review.judge)
            }
            Event::Reviewed { review } => format!(
                "{}审查：不符合立案条件，已释明：{}",
                review.judge,
                review.explanation.clone().unwrap_or_default()
            ),
            Event::Withdrawn { .. } => "释明后申请人撤回执行申请".into(),
            Event::NoticeIssued { notice } => {
                if notice.property_order {
                    "发出执行通知书及报告财产令".into()
                } else {
                    "发出执行通知书".into()
                }
            }
            Event::ServiceRecorded { service } => {
                format!(
                    "向{}送达《{}》（{}）",
                    party(&service.party_id),
                    service.document,
                    service.method
                )
            }
            Event::PropertyRecorded { finding } => format!(
                "查控：{} {} {} 价值{}元 {}",
                finding.category.label(),
                finding.institution,
                finding.description,
                format_yuan(finding.value_fen),
                finding.measure
            ),
            Event::MediatorChosen { assignment } => {
                format!("和解员：{}（{}）", assignment.name, assignment.by.label())
            }
            Event::MediatorRecused { name, reason, .. } => format!("和解员{name}回避：{reason}"),
            Event::PeriodRestarted { period } => {
                format!("和解期限自{}起算，至{}届满", period.start, period.end)
            }
            Event::SessionScheduled { session } => format!(
                "安排第{}次和解：{} {}（{}），已通知各方当事人",
                session.no,
                session.at.format("%Y-%m-%d %H:%M"),
                session.place,
                session.manner.label()
            ),
            Event::IdentityChecked { session, check } => {
                format!("第{session}次和解：核对{}身份", check.name)
            }
            Event::TalksRecorded { session, .. } => format!("第{session}次和解：制作和解笔录"),
            Event::SuggestionMade { suggestion } => format!("{}提出和解建议", suggestion.by),
            Event::AgreementDrafted { agreement, voided_signatures } => {
                let mut s = format!(
                    "拟定和解协议第{}稿，金额{}元，文本摘要{}",
                    agreement.version,
                    format_yuan(agreement.terms.amount_fen),
                    &agreement.sha256[..12]
                );
                if *voided_signatures > 0 {
                    s.push_str(&format!("；此前{voided_signatures}个签名因文本变更失效"));
                }
                s
            }
            Event::Signed { signature } => {
                format!("{}{}签署和解协议", signature.role.label(), signature.name)
            }
            Event::AgreementConcluded { .. } => "各方签署完毕，达成执前和解协议".into(),
            Event::Failed { failure } => format!("和解不成：{}", failure.reason.label()),
            Event::Extended { extension } => {
                format!("经双方申请延长和解期限{}日，至{}届满", extension.days, extension.new_end)
            }
            Event::Transferred { transfer } => transfer.kind.label().into(),
            Event::PaymentRecorded { payment } => {
                format!("履行{}元", format_yuan(payment.amount_fen))
            }
            Event::FullyPerformed { .. } => "和解协议履行完毕".into(),
            Event::ResumeApplied { resumption } => format!(
                "申请恢复执行原生效法律文书：扣除已履行{}元，尚余{}元",
                format_yuan(resumption.performed_fen),
                format_yuan(resumption.remaining_fen)
            ),
            Event::DocumentRendered { document } => format!("生成《{}》", document.title),
        }
    }
}

/// Folds one event into the case file. Only `decide` produces events, so this trusts them.
pub fn evolve(file: &mut CaseFile, event: &Event) {
    match event {
        Event::Registered { file: initial } => *file = (**initial).clone(),
        Event::ConsentRecorded { party_id, consent } => {
            file.consents.insert(*party_id, consent.clone());
        }
        Event::Reviewed { review } => {
            file.stage = if review.accepted { Stage::Preparing } else { Stage::Explained };
            file.review = Some(review.clone());
        }
        Event::Withdrawn { .. } => file.stage = Stage::Withdrawn,
        Event::NoticeIssued { notice } => file.notice = Some(notice.clone()),
        Event::ServiceRecorded { service } => file.services.push(service.clone()),
        Event::PropertyRecorded { finding } => file.property.push(finding.clone()),
        Event::MediatorChosen { assignment } => {
            if let Some(old) = file.mediator.take() {
                file.former_mediators.push(old);
            }
            file.mediator = Some(assignment.clone());
        }
        Event::MediatorRecused { mediator_id, .. } => {
            file.recused.push(*mediator_id);
            if file.mediator.as_ref().map(|m| m.mediator_id) == Some(*mediator_id) {
                if let Some(old) = file.mediator.take() {
                    file.former_mediators.push(old);
                }
            }
        }
        Event::PeriodRestarted { period } => file.period = period.clone(),
        Event::SessionScheduled { session } => {
            file.sessions.push(session.clone());
            file.stage = Stage::Talks;
        }
        Event::IdentityChecked { session, check } => {
            if let Some(s) = file.sessions.iter_mut().find(|s| s.no == *session) {
                s.checks.push(check.clone());
            }
        }
        Event::TalksRecorded { session, record } => {
            if let Some(s) = file.sessions.iter_mut().find(|s| s.no == *session) {
                s.record = Some(record.clone());
            }
        }
        Event::SuggestionMade { suggestion } => file.suggestions.push(suggestion.clone()),
        Event::AgreementDrafted { agreement, .. } => file.agreement = Some(agreement.clone()),
        Event::Signed { signature } => file.signatures.push(signature.clone()),
        Event::AgreementConcluded { .. } => file.stage = Stage::Signed,
        Event::Failed { failure } => {
            file.failure = Some(failure.clone());
            file.stage = Stage::NotSettled;
        }
        Event::Extended { extension } => {
            file.period.end = extension.new_end;
            file.period.extensions.push(extension.clone());
        }
        Event::Transferred { transfer } => {
            file.stage = match transfer.kind {
                TransferKind::SettledClose => Stage::Performing,
                TransferKind::OpenExecution => Stage::ToExecution,
                TransferKind::Dismissal => Stage::Dismissed,
            };
            file.transfer = Some(transfer.clone());
        }
        Event::PaymentRecorded { payment } => file.payments.push(payment.clone()),
        Event::FullyPerformed { .. } => file.stage = Stage::Performed,
        Event::ResumeApplied { resumption } => {
            file.resumption = Some(resumption.clone());
            file.stage = Stage::Resumed;
        }
        Event::DocumentRendered { document } => file.documents.push(document.clone()),
    }
}
