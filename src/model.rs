//! The case file and the records around it: parties, agents, the effective document, the roster,
//! users and settings. Plain data; the rules that change it live in `procedure`.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::rules::case_number::CaseNumber;
use crate::rules::interest::Installment;
use crate::rules::period::Calendar;

/// Who acts. The seed gives each task to one of these roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 执行法官（法官助理）: runs the centre, reviews filing conditions, appoints mediators.
    Judge,
    /// 执行和解员.
    Mediator,
    /// 书记员: registration, records, files.
    Clerk,
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Role::Judge => "执行法官（法官助理）",
            Role::Mediator => "执行和解员",
            Role::Clerk => "书记员",
        }
    }
    pub fn parse(s: &str) -> Option<Role> {
        match s.trim() {
            "judge" | "法官" | "执行法官" | "法官助理" => Some(Role::Judge),
            "mediator" | "和解员" | "执行和解员" => Some(Role::Mediator),
            "clerk" | "书记员" => Some(Role::Clerk),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: Uuid,
    pub name: String,
    pub role: Role,
    /// For a mediator: the roster entry this user is.
    pub mediator_id: Option<Uuid>,
    pub active: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MediatorCategory {
    RetiredJudge,
    PeoplesMediator,
    CommercialMediator,
    Notary,
    Lawyer,
}

impl MediatorCategory {
    pub fn label(self) -> &'static str {
        match self {
            MediatorCategory::RetiredJudge => "退休法官",
            MediatorCategory::PeoplesMediator => "人民调解员",
            MediatorCategory::CommercialMediator => "商事调解员",
            MediatorCategory::Notary => "公证员",
            MediatorCategory::Lawyer => "律师",
        }
    }
}

/// An entry of the roster of mediators (执行和解员名册).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mediator {
    pub id: Uuid,
    pub name: String,
    pub category: MediatorCategory,
    #[serde(default)]
    pub organisation: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub specialities: Vec<String>,
    pub active: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// 申请执行人
    Applicant,
    /// 被执行人
    Respondent,
}

impl Side {
    pub fn label(self) -> &'static str {
        match self {
            Side::Applicant => "申请执行人",
            Side::Respondent => "被执行人",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartyKind {
    Person,
    Organisation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Authority {
    /// 一般授权: may attend, may not settle.
    General,
    /// 特别授权: may settle and sign (执行和解规定 art 4).
    Special,
}

impl Authority {
    pub fn label(self) -> &'static str {
        match self {
            Authority::General => "一般授权",
            Authority::Special => "特别授权",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agent {
    pub id: Uuid,
    pub name: String,
    pub id_number: String,
    #[serde(default)]
    pub phone: String,
    pub authority: Authority,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub id: Uuid,
    pub side: Side,
    pub kind: PartyKind,
    pub name: String,
    /// 居民身份证号码 for a person, 统一社会信用代码 for an organisation.
    pub id_number: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub phone: String,
    /// 法定代表人 (or 负责人) of an organisation.
    #[serde(default)]
    pub legal_rep: Option<String>,
    #[serde(default)]
    pub agents: Vec<Agent>,
    /// A credit code whose check digit fails is kept with this warning (GB 32100 codes in the wild fail).
    #[serde(default)]
    pub warning: Option<String>,
}

/// The effective legal document (生效法律文书) whose execution is applied for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BasisDocument {
    pub court: String,
    pub case_number: String,
    /// 民事判决书、民事调解书、仲裁裁决书…
    pub doc_type: String,
    pub effective_on: NaiveDate,
    /// The obligations it imposes, as the document states them.
    pub obligations: String,
    /// The money it awards, in 分 (0 for a non-monetary claim).
    pub amount_fen: i64,
}

/// The seed's seven screening criteria (二、（一）1–7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    SmallAmount,
    BothAgree,
    Livelihood,
    DebtorLacksProperty,
    BothEnterprises,
    PublicBodyDebtor,
    Other,
}

impl Criterion {
    pub const ALL: [Criterion; 7] = [
        Criterion::SmallAmount,
        Criterion::BothAgree,
        Criterion::Livelihood,
        Criterion::DebtorLacksProperty,
        Criterion::BothEnterprises,
        Criterion::PublicBodyDebtor,
        Criterion::Other,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Criterion::SmallAmount => "案件标的较小",
            Criterion::BothAgree => "申请人与被执行人均同意和解",
            Criterion::Livelihood => "人身损害赔偿、抚养费、赡养费、劳务合同等涉民生案件",
            Criterion::DebtorLacksProperty => "申请人明知被执行人无财产或无足额财产",
            Criterion::BothEnterprises => "双方当事人均为企业",
            Criterion::PublicBodyDebtor => {
                "被执行人为行政机关、事业单位、社区或村民委员会、区域重点企业"
            }
            Criterion::Other => "其他有执行和解可能的",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentStatus {
    Pending,
    Agreed,
    Refused,
}

impl ConsentStatus {
    pub fn label(self) -> &'static str {
        match self {
            ConsentStatus::Pending => "待征询",
            ConsentStatus::Agreed => "同意和解",
            ConsentStatus::Refused => "明确拒绝",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    pub status: ConsentStatus,
    pub on: Option<NaiveDate>,
    /// 电话、书面、当面、线上…
    #[serde(default)]
    pub method: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub accepted: bool,
    pub on: NaiveDate,
    pub judge: String,
    #[serde(default)]
    pub note: String,
    /// The 释明 given when the application does not meet the filing conditions.
    #[serde(default)]
    pub explanation: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeIssue {
    pub issued_on: NaiveDate,
    /// 报告财产令 issued with the notice (required for a monetary claim).
    pub property_order: bool,
    /// Days given to report property (UNCONFIRMED by statute; the court sets it).
    pub report_days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    pub document: String,
    pub party_id: Uuid,
    pub served_on: NaiveDate,
    pub method: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PropertyCategory {
    BankDeposit,
    Vehicle,
    RealEstate,
    OnlineFunds,
    Other,
}

impl PropertyCategory {
    pub fn label(self) -> &'static str {
        match self {
            PropertyCategory::BankDeposit => "银行存款",
            PropertyCategory::Vehicle => "车辆",
            PropertyCategory::RealEstate => "房产",
            PropertyCategory::OnlineFunds => "网络资金",
            PropertyCategory::Other => "其他财产",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PropertyFinding {
    pub category: PropertyCategory,
    pub institution: String,
    pub description: String,
    pub value_fen: i64,
    /// 冻结、查封、扣押… or empty when no measure was taken.
    #[serde(default)]
    pub measure: String,
    pub found_on: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChosenBy {
    /// 当事人协商选定
    Agreement,
    /// 协商不成，由执行和解中心指定
    Appointment,
}

impl ChosenBy {
    pub fn label(self) -> &'static str {
        match self {
            ChosenBy::Agreement => "当事人协商选定",
            ChosenBy::Appointment => "执行和解中心指定",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediatorAssignment {
    pub mediator_id: Uuid,
    pub name: String,
    pub by: ChosenBy,
    pub on: NaiveDate,
    #[serde(default)]
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Manner {
    /// 在人民法院进行
    Court,
    /// 在双方当事人协商的地点进行
    AgreedPlace,
    /// 通过互联网在线和解
    Online,
}

impl Manner {
    pub fn label(self) -> &'static str {
        match self {
            Manner::Court => "在人民法院进行",
            Manner::AgreedPlace => "在双方协商的地点进行",
            Manner::Online => "在线和解",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionNotice {
    pub party_id: Uuid,
    pub method: String,
    pub on: NaiveDate,
}

/// Who was checked on arrival: a party itself (or an organisation's representative) or an agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityCheck {
    pub party_id: Uuid,
    pub agent_id: Option<Uuid>,
    pub name: String,
    pub id_number: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub no: u32,
    pub at: NaiveDateTime,
    pub place: String,
    pub manner: Manner,
    pub notices: Vec<SessionNotice>,
    #[serde(default)]
    pub checks: Vec<IdentityCheck>,
    #[serde(default)]
    pub record: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub on: NaiveDate,
    pub by: String,
    pub text: String,
}

/// What the parties agree (the terms a mediator types in).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Terms {
    /// The total the respondent undertakes to pay, in 分.
    pub amount_fen: i64,
    pub installments: Vec<Installment>,
    /// 银行转账、现金…
    pub method: String,
    /// The applicant's account or the place of payment.
    #[serde(default)]
    pub account: String,
    /// Other agreed matters, one per item.
    #[serde(default)]
    pub other_terms: Vec<String>,
    /// The mandatory clause on the consequences of non-performance.
    #[serde(default)]
    pub non_performance_clause: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    pub version: u32,
    pub terms: Terms,
    /// The canonical text of the agreement; what is printed and what signatures are bound to.
    pub text: String,
    /// SHA-256 (hex) of `text`.
    pub sha256: String,
    pub drafted_on: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignerRole {
    Party,
    Agent,
    Mediator,
    Clerk,
}

impl SignerRole {
    pub fn label(self) -> &'static str {
        match self {
            SignerRole::Party => "当事人",
            SignerRole::Agent => "委托代理人",
            SignerRole::Mediator => "和解员",
            SignerRole::Clerk => "书记员",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    pub role: SignerRole,
    /// The party signed for (party or agent signatures).
    pub party_id: Option<Uuid>,
    pub name: String,
    pub at: DateTime<Utc>,
    /// The SHA-256 of the agreement text this signature is bound to.
    pub text_sha256: String,
    /// PNG on white, base64; absent for a wet-ink signature recorded after the fact.
    #[serde(default)]
    pub image_png_base64: Option<String>,
    /// The raw strokes from signature_pad, kept as given.
    #[serde(default)]
    pub points: Option<serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    pub days: u32,
    pub on: NaiveDate,
    pub new_end: NaiveDate,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub start: NaiveDate,
    pub days: u32,
    pub end: NaiveDate,
    #[serde(default)]
    pub extensions: Vec<Extension>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureReason {
    /// 当事人明确拒绝和解
    ConsentRefused,
    /// 和解员宣布不能达成和解协议
    TalksFailed,
    /// 和解期限届满，视为和解不成
    PeriodExpired,
}

impl FailureReason {
    pub fn label(self) -> &'static str {
        match self {
            FailureReason::ConsentRefused => "当事人明确拒绝执行前和解",
            FailureReason::TalksFailed => "经和解未能达成一致意见",
            FailureReason::PeriodExpired => "和解期限届满，视为和解不成",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    pub reason: FailureReason,
    pub on: NaiveDate,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TransferKind {
    /// 和解成功：转立案庭登记立案并报结案
    SettledClose,
    /// 和解不成：退回立案庭转立执行案号
    OpenExecution,
    /// 释明后仍坚持申请：转立案庭立案后裁定驳回执行申请
    Dismissal,
}

impl TransferKind {
    pub fn label(self) -> &'static str {
        match self {
            TransferKind::SettledClose => "转立案庭登记立案并报结案",
            TransferKind::OpenExecution => "退回立案庭转立执行案号",
            TransferKind::Dismissal => "转立案庭立案后裁定驳回执行申请",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transfer {
    pub kind: TransferKind,
    pub on: NaiveDate,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentRecord {
    pub on: NaiveDate,
    pub amount_fen: i64,
    #[serde(default)]
    pub note: String,
}

/// The applicant's application to resume execution of the original document (seed 六).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resumption {
    pub applied_on: NaiveDate,
    /// What the original document awards.
    pub original_fen: i64,
    /// What was performed under the agreement: deducted.
    pub performed_fen: i64,
    /// What execution resumes for.
    pub remaining_fen: i64,
    /// Last day of the agreed performance period (the 2-year clock starts here).
    pub last_performance_day: NaiveDate,
    /// The last day to apply (民诉法 2023 art 250; 执行和解规定 art 10).
    pub deadline: NaiveDate,
    /// Applied after the deadline: accepted, but the respondent may object (民诉法解释 art 481).
    pub late: bool,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRecord {
    pub kind: String,
    pub title: String,
    pub at: DateTime<Utc>,
    pub sha256: String,
    pub bytes: u64,
}

/// Where a case stands. Every stage is reached only through the procedure's actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// 收案，待法官审查立案条件
    Review,
    /// 不符合立案条件，已释明，待当事人撤回或坚持
    Explained,
    /// 审查通过，和解准备（征询意见、送达、查控、选定和解员）
    Preparing,
    /// 和解进行中
    Talks,
    /// 和解协议已签署，待移送立案庭结案
    Signed,
    /// 已移送结案，协议履行中
    Performing,
    /// 和解协议履行完毕
    Performed,
    /// 未履行协议，已申请恢复执行原生效法律文书
    Resumed,
    /// 和解不成，待退回立案庭转立执行案号
    NotSettled,
    /// 已退回立案庭转立执行案号
    ToExecution,
    /// 释明后申请人撤回申请
    Withdrawn,
    /// 释明后仍坚持，已转立案庭裁定驳回
    Dismissed,
}

impl Stage {
    pub const ALL: [Stage; 12] = [
        Stage::Review,
        Stage::Explained,
        Stage::Preparing,
        Stage::Talks,
        Stage::Signed,
        Stage::Performing,
        Stage::Performed,
        Stage::Resumed,
        Stage::NotSettled,
        Stage::ToExecution,
        Stage::Withdrawn,
        Stage::Dismissed,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Stage::Review => "待审查",
            Stage::Explained => "已释明",
            Stage::Preparing => "和解准备",
            Stage::Talks => "和解中",
            Stage::Signed => "协议已签署",
            Stage::Performing => "履行中",
            Stage::Performed => "履行完毕",
            Stage::Resumed => "已申请恢复执行",
            Stage::NotSettled => "和解不成待移送",
            Stage::ToExecution => "已转执行",
            Stage::Withdrawn => "已撤回",
            Stage::Dismissed => "已转裁定驳回",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Stage::Review => "review",
            Stage::Explained => "explained",
            Stage::Preparing => "preparing",
            Stage::Talks => "talks",
            Stage::Signed => "signed",
            Stage::Performing => "performing",
            Stage::Performed => "performed",
            Stage::Resumed => "resumed",
            Stage::NotSettled => "not_settled",
            Stage::ToExecution => "to_execution",
            Stage::Withdrawn => "withdrawn",
            Stage::Dismissed => "dismissed",
        }
    }

    pub fn parse(s: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|st| st.code() == s || st.label() == s)
    }

    /// The 30-day settlement period runs in these stages.
    pub fn period_running(self) -> bool {
        matches!(self, Stage::Review | Stage::Preparing | Stage::Talks)
    }

    /// Still on someone's desk at the centre (the work list).
    pub fn open(self) -> bool {
        !matches!(
            self,
            Stage::Performed
                | Stage::Resumed
                | Stage::ToExecution
                | Stage::Withdrawn
                | Stage::Dismissed
        )
    }
}

/// The whole case as the centre keeps it: the projection of its events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseFile {
    pub id: Uuid,
    pub number: CaseNumber,
    pub stage: Stage,
    pub received_on: NaiveDate,
    pub registered_on: NaiveDate,
    pub parties: Vec<Party>,
    pub basis: BasisDocument,
    /// The amount applied for, in 分 (0 for a non-monetary claim).
    pub claim_fen: i64,
    pub criteria: Vec<Criterion>,
    #[serde(default)]
    pub criteria_note: String,
    pub consents: BTreeMap<Uuid, Consent>,
    pub review: Option<Review>,
    pub notice: Option<NoticeIssue>,
    #[serde(default)]
    pub services: Vec<Service>,
    #[serde(default)]
    pub property: Vec<PropertyFinding>,
    pub mediator: Option<MediatorAssignment>,
    #[serde(default)]
    pub former_mediators: Vec<MediatorAssignment>,
    #[serde(default)]
    pub recused: Vec<Uuid>,
    #[serde(default)]
    pub sessions: Vec<Session>,
    #[serde(default)]
    pub suggestions: Vec<Suggestion>,
    pub agreement: Option<Agreement>,
    #[serde(default)]
    pub signatures: Vec<Signature>,
    pub period: Period,
    pub failure: Option<Failure>,
    pub transfer: Option<Transfer>,
    #[serde(default)]
    pub payments: Vec<PaymentRecord>,
    pub resumption: Option<Resumption>,
    #[serde(default)]
    pub documents: Vec<DocumentRecord>,
    /// The id of the last event applied (the chain's head).
    pub head: Option<Uuid>,
    pub events: u32,
}

impl CaseFile {
    pub fn party(&self, id: Uuid) -> Option<&Party> {
        self.parties.iter().find(|p| p.id == id)
    }
    pub fn applicants(&self) -> impl Iterator<Item = &Party> {
        self.parties.iter().filter(|p| p.side == Side::Applicant)
    }
    pub fn respondents(&self) -> impl Iterator<Item = &Party> {
        self.parties.iter().filter(|p| p.side == Side::Respondent)
    }
    pub fn names(&self, side: Side) -> String {
        self.parties
            .iter()
            .filter(|p| p.side == side)
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join("、")
    }
    pub fn monetary(&self) -> bool {
        self.claim_fen > 0
    }
    pub fn paid_fen(&self) -> i64 {
        self.payments.iter().map(|p| p.amount_fen).sum()
    }
    /// Signatures bound to the current agreement text.
    pub fn valid_signatures(&self) -> impl Iterator<Item = &Signature> {
        let hash = self.agreement.as_ref().map(|a| a.sha256.clone());
        self.signatures.iter().filter(move |s| Some(&s.text_sha256) == hash.as_ref())
    }
    /// The date the work list sorts by: the next thing due.
    pub fn deadline(&self) -> Option<NaiveDate> {
        match self.stage {
            s if s.period_running() => Some(self.period.end),
            Stage::Explained => Some(self.period.end),
            Stage::Performing => {
                let mut paid = self.paid_fen();
                let terms = &self.agreement.as_ref()?.terms;
                for inst in &terms.installments {
                    if paid >= inst.amount {
                        paid -= inst.amount;
                    } else {
                        return Some(inst.due);
                    }
                }
                None
            }
            // Waiting to be handed to the filing division: due from the day it became ready.
            Stage::Signed => self.valid_signatures().map(|s| s.at.date_naive()).max(),
            Stage::NotSettled => self.failure.as_ref().map(|f| f.on),
            _ => None,
        }
    }
}

/// When the 30-day period starts (UNCONFIRMED by the seed: configurable).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodStart {
    /// From the day the 执前调 case is registered (立案当日).
    Registration,
    /// From the day the mediator is chosen or appointed (特邀调解规定 art 27 counts from the mediator's acceptance).
    MediatorChosen,
}

/// The centre's settings. Values the law leaves open (DOMAIN.md UNCONFIRMED) live here, not in code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub court_name: String,
    /// 法院代字, e.g. 鲁0502 (PROBABLE for 东营区: verify with the court).
    pub court_code: String,
    pub settlement_type_code: String,
    pub preservation_type_code: String,
    pub execution_type_code: String,
    pub resume_type_code: String,
    pub period_days: u32,
    pub period_start: PeriodStart,
    /// The longest extension one joint request may give.
    pub max_extension_days: u32,
    /// "案件标的较小": at or under this amount (UNCONFIRMED; set by the court).
    pub small_amount_fen: i64,
    /// Years to apply for resumption (民诉法 2023 art 250: 2).
    pub resume_years: i32,
    /// Days given by the 报告财产令 (UNCONFIRMED: the court sets it).
    pub property_report_days: u32,
    pub calendar: Calendar,
    pub default_clause: String,
    pub contact_person: String,
    pub contact_phone: String,
    pub centre_address: String,
    /// Font files chosen by the user (empty: find on the machine).
    pub body_font: Option<String>,
    pub title_font: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            court_name: "东营市东营区人民法院".into(),
            court_code: "鲁0502".into(),
            settlement_type_code: "执前调".into(),
            preservation_type_code: "执保".into(),
            execution_type_code: "执".into(),
            resume_type_code: "执恢".into(),
            period_days: 30,
            period_start: PeriodStart::Registration,
            max_extension_days: 30,
            small_amount_fen: 10_000_000,
            resume_years: 2,
            property_report_days: 10,
            calendar: crate::rules::period::china_2026(),
            default_clause: DEFAULT_CLAUSE.into(),
            contact_person: "执行和解中心".into(),
            contact_phone: "".into(),
            centre_address: "东营市东营区人民法院执行和解中心".into(),
            body_font: None,
            title_font: None,
        }
    }
}

pub const DEFAULT_CLAUSE: &str = "被执行人不履行或者未完全履行本协议的，申请执行人可以向人民法院申请恢复执行原生效法律文书，本协议已履行的部分应予扣除；申请恢复执行的期间适用《中华人民共和国民事诉讼法》关于申请执行期间的规定，自本协议约定履行期限的最后一日起计算。";
