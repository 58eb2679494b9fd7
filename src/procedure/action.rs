//! What a user can ask the procedure to do. Actions come from the desktop forms, from JSON files
//! given to `hejie act`, and from the demo; parties, agents and mediators are named by id or by name.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::model::{
    Authority, BasisDocument, ChosenBy, ConsentStatus, Criterion, Manner, PartyKind,
    PropertyCategory, Side, SignerRole, Terms,
};

/// The filing division's hand-over of one application (what 收案 registers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handover {
    /// The day the filing division pushed the case to the centre (defaults to today).
    #[serde(default)]
    pub received_on: Option<NaiveDate>,
    pub parties: Vec<PartyInput>,
    pub basis: BasisDocument,
    /// The amount applied for, in 分 (0 for a non-monetary claim).
    pub claim_fen: i64,
    pub criteria: Vec<Criterion>,
    #[serde(default)]
    pub criteria_note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyInput {
    pub side: Side,
    pub kind: PartyKind,
    pub name: String,
    pub id_number: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub legal_rep: Option<String>,
    #[serde(default)]
    pub agents: Vec<AgentInput>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentInput {
    pub name: String,
    pub id_number: String,
    #[serde(default)]
    pub phone: String,
    pub authority: Authority,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeInput {
    /// The party's id or name.
    pub party: String,
    /// 电话、短信、书面、当面…
    pub method: String,
    #[serde(default)]
    pub on: Option<NaiveDate>,
}

/// One step of the procedure on an existing case. Dates left out default to today; a date after
/// today is refused.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Action {
    /// 征询当事人意见: a party agrees to, or refuses, the settlement route.
    RecordConsent {
        party: String,
        status: ConsentStatus,
        #[serde(default)]
        on: Option<NaiveDate>,
        #[serde(default)]
        method: String,
        #[serde(default)]
        note: String,
    },
    /// The judge's review of the filing conditions.
    Review {
        accepted: bool,
        #[serde(default)]
        on: Option<NaiveDate>,
        #[serde(default)]
        note: String,
        /// The 释明 given when not accepted (required then).
        #[serde(default)]
        explanation: Option<String>,
    },
    /// After 释明 the applicant withdraws the application.
    Withdraw {
        #[serde(default)]
        on: Option<NaiveDate>,
        #[serde(default)]
        note: String,
    },
    /// After 释明 the applicant insists: to the filing division, to be dismissed by ruling.
    Insist {
        #[serde(default)]
        on: Option<NaiveDate>,
        #[serde(default)]
        note: String,
    },
    /// 执行通知书 issued (with the 报告财产令 for a monetary claim).
    IssueNotice {
        #[serde(default)]
        on: Option<NaiveDate>,
        property_order: bool,
        #[serde(default)]
        report_days: Option<u32>,
    },
    /// A document served on a party (送达).
    RecordService {
        document: String,
        party: String,
        #[serde(default)]
        on: Option<NaiveDate>,
        method: String,
    },
    /// 网络查控 result.
    RecordProperty {
        category: PropertyCategory,
        institution: String,
        description: String,
        value_fen: i64,
        #[serde(default)]
        measure: String,
        #[serde(default)]
        on: Option<NaiveDate>,
    },
    /// The mediator, by the parties' agreement or appointed by the centre; a second choice replaces.
    ChooseMediator {
        mediator: String,
        by: ChosenBy,
        #[serde(default)]
        on: Option<NaiveDate>,
        #[serde(default)]
        reason: String,
    },
    /// A mediator withdraws from this case (回避).
    RecuseMediator {
        mediator: String,
        reason: String,
        #[serde(default)]
        on: Option<NaiveDate>,
    },
    /// The mediator fixes a session and notifies every party of its time, place and manner.
    ScheduleSession { at: NaiveDateTime, place: String, manner: Manner, notices: Vec<NoticeInput> },
    /// A party, its representative or an agent arrives and its identity is checked.
    CheckIdentity { session: u32, person: String, id_number: String },
    /// The record (笔录) of a session's talks.
    RecordTalks { session: u32, record: String },
    /// The mediator's settlement suggestion (和解建议).
    Suggest {
        #[serde(default)]
        on: Option<NaiveDate>,
        text: String,
    },
    /// The agreement's terms; a new draft replaces the text and voids earlier signatures.
    DraftAgreement {
        #[serde(default)]
        on: Option<NaiveDate>,
        terms: Terms,
    },
    /// A signature on the current agreement text.
    Sign {
        role: SignerRole,
        name: String,
        #[serde(default)]
        image_png_base64: Option<String>,
        #[serde(default)]
        points: Option<serde_json::Value>,
        /// SHA-256 of the text the signer was shown; a signature on a text redrafted since is refused.
        #[serde(default)]
        text_sha256: Option<String>,
    },
    /// The mediator declares that no agreement can be reached.
    DeclareFailure {
        #[serde(default)]
        on: Option<NaiveDate>,
        #[serde(default)]
        note: String,
    },
    /// Extension of the settlement period on both parties' request.
    Extend {
        days: u32,
        applicant_request: bool,
        respondent_request: bool,
        #[serde(default)]
        on: Option<NaiveDate>,
        #[serde(default)]
        note: String,
    },
    /// The period ran out without extension: deemed failure.
    Expire {},
    /// Hand the case to the filing division (to close it, or to open an execution case).
    Transfer {
        #[serde(default)]
        on: Option<NaiveDate>,
        #[serde(default)]
        note: String,
    },
    /// Money paid under the agreement.
    RecordPayment {
        amount_fen: i64,
        #[serde(default)]
        on: Option<NaiveDate>,
        #[serde(default)]
        note: String,
    },
    /// The applicant applies to resume execution of the original document.
    ApplyResume {
        #[serde(default)]
        on: Option<NaiveDate>,
        #[serde(default)]
        note: String,
    },
    /// A document was generated from the case. Only the store's document service records one:
    /// the variant is never read from outside input (a JSON action file or the window).
    #[serde(skip_deserializing)]
    RecordDocument { kind: String, title: String, sha256: String, bytes: u64 },
}

impl Action {
    /// A short Chinese name for lists and messages.
    pub fn label(&self) -> &'static str {
        match self {
            Action::RecordConsent { .. } => "征询和解意见",
            Action::Review { .. } => "审查立案条件",
            Action::Withdraw { .. } => "撤回申请",
            Action::Insist { .. } => "坚持申请",
            Action::IssueNotice { .. } => "发出执行通知书",
            Action::RecordService { .. } => "记录送达",
            Action::RecordProperty { .. } => "记录查控结果",
            Action::ChooseMediator { .. } => "选定和解员",
            Action::RecuseMediator { .. } => "和解员回避",
            Action::ScheduleSession { .. } => "安排和解",
            Action::CheckIdentity { .. } => "核对身份",
            Action::RecordTalks { .. } => "制作和解笔录",
            Action::Suggest { .. } => "提出和解建议",
            Action::DraftAgreement { .. } => "拟定和解协议",
            Action::Sign { .. } => "签署和解协议",
            Action::DeclareFailure { .. } => "宣布和解不成",
            Action::Extend { .. } => "延长和解期限",
            Action::Expire {} => "期限届满视为和解不成",
            Action::Transfer { .. } => "移送立案庭",
            Action::RecordPayment { .. } => "记录履行",
            Action::ApplyResume { .. } => "申请恢复执行",
            Action::RecordDocument { .. } => "生成文书",
        }
    }

    /// The action's machine name (the JSON `type`).
    pub fn kind(&self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.get("type").and_then(|t| t.as_str()).map(str::to_owned))
            .unwrap_or_default()
    }
}
