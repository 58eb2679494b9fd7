//! The canonical text of a settlement agreement. Signatures are bound to the SHA-256 of exactly this
//! text, and the printed agreement shows exactly these paragraphs, so a paper can be matched to the record.

use sha2::{Digest, Sha256};

use crate::model::{CaseFile, Party, PartyKind, Terms};
use crate::rules::dates::arabic_date;
use crate::rules::ids::check_id_number;
use crate::rules::money::{format_yuan, to_capitals};

/// The agreement's sections: the parties, the recital, the numbered terms, the closing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementText {
    pub parties: Vec<String>,
    pub recital: String,
    pub terms: Vec<String>,
    pub closing: Vec<String>,
}

impl AgreementText {
    pub fn joined(&self) -> String {
        let mut out = String::new();
        for line in self
            .parties
            .iter()
            .chain(std::iter::once(&self.recital))
            .chain(&self.terms)
            .chain(&self.closing)
        {
            out.push_str(line);
            out.push('\n');
        }
        out
    }
}

pub fn sha256_hex(text: &str) -> String {
    sha256_hex_bytes(text.as_bytes())
}

pub fn sha256_hex_bytes(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

const NUMERALS: [&str; 20] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
    "十五", "十六", "十七", "十八", "十九", "二十",
];

pub fn numeral(i: usize) -> String {
    NUMERALS.get(i).map(|s| s.to_string()).unwrap_or_else(|| (i + 1).to_string())
}

/// "女，1980年3月15日出生" from a valid ID number (empty for anything else).
fn sex_and_birth(id: &str) -> String {
    match check_id_number(id) {
        Ok(info) => {
            format!("{}，{}出生", if info.male { "男" } else { "女" }, arabic_date(info.birth))
        }
        Err(_) => String::new(),
    }
}

/// The description of a party as court documents give it.
pub fn describe_party(p: &Party) -> String {
    let mut s = p.name.clone();
    match p.kind {
        PartyKind::Person => {
            let sb = sex_and_birth(&p.id_number);
            if !sb.is_empty() {
                s.push('，');
                s.push_str(&sb);
            }
            s.push_str(&format!("，公民身份号码{}", p.id_number));
            if !p.address.is_empty() {
                s.push_str(&format!("，住{}", p.address));
            }
        }
        PartyKind::Organisation => {
            s.push_str(&format!("，统一社会信用代码{}", p.id_number));
            if !p.address.is_empty() {
                s.push_str(&format!("，住所地{}", p.address));
            }
            if let Some(r) = &p.legal_rep {
                s.push_str(&format!("。法定代表人：{r}"));
            }
        }
    }
    if !p.phone.is_empty() {
        s.push_str(&format!("，联系电话{}", p.phone));
    }
    s.push('。');
    s
}

/// The description of an agent with the scope of the authority.
pub fn describe_agent(a: &crate::model::Agent) -> String {
    let sb = sex_and_birth(&a.id_number);
    format!(
        "{}，{}{}公民身份号码{}。代理权限：{}。",
        a.name,
        sb,
        if sb.is_empty() { "" } else { "，" },
        a.id_number,
        a.authority.label()
    )
}

/// Builds the agreement's text from the case and the terms. Deterministic: same input, same text.
pub fn compose(file: &CaseFile, terms: &Terms, mediator: &str) -> AgreementText {
    let mut parties = Vec::new();
    for p in &file.parties {
        parties.push(format!("{}：{}", p.side.label(), describe_party(p)));
        for a in &p.agents {
            parties.push(format!("委托代理人：{}", describe_agent(a)));
        }
    }
    let recital = format!(
        "申请执行人{}与被执行人{}一案，{}作出的{}{}已于{}发生法律效力。申请执行人向本院申请执行，本院立{}号。经执行和解员{}主持，双方当事人在平等自愿、诚实信用的基础上，达成如下和解协议：",
        file.names(crate::model::Side::Applicant),
        file.names(crate::model::Side::Respondent),
        file.basis.court,
        file.basis.case_number,
        file.basis.doc_type,
        arabic_date(file.basis.effective_on),
        file.number.format().trim_end_matches('号'),
        mediator,
    );
    let mut items = Vec::new();
    let capitals = to_capitals(terms.amount_fen).unwrap_or_default();
    items.push(format!(
        "被执行人{}自愿向申请执行人{}支付人民币{}元（大写：{}）。",
        file.names(crate::model::Side::Respondent),
        file.names(crate::model::Side::Applicant),
        format_yuan(terms.amount_fen),
        capitals
    ));
    if terms.installments.len() == 1 {
        let i = &terms.installments[0];
        items.push(format!("上述款项于{}前一次性付清。", arabic_date(i.due)));
    } else {
        let parts: Vec<String> = terms
            .installments
            .iter()
            .enumerate()
            .map(|(n, i)| {
                format!(
                    "第{}期于{}前支付{}元",
                    numeral(n),
                    arabic_date(i.due),
                    format_yuan(i.amount)
                )
            })
            .collect();
        items.push(format!("上述款项分{}期支付：{}。", terms.installments.len(), parts.join("；")));
    }
    let mut method = format!("付款方式：{}", terms.method);
    if !terms.account.is_empty() {
        method.push_str(&format!("，收款账户：{}", terms.account));
    }
    method.push('。');
    items.push(method);
    for t in &terms.other_terms {
        let t = t.trim();
        if !t.is_empty() {
            items.push(if t.ends_with('。') { t.to_string() } else { format!("{t}。") });
        }
    }
    items.push(terms.non_performance_clause.trim().to_string());
    let terms_lines =
        items.iter().enumerate().map(|(n, t)| format!("{}、{}", numeral(n), t)).collect();
    let closing = vec![
        "本协议经双方当事人、和解员、书记员签字确认后生效，由执行和解中心转立案庭登记立案并报结案。".to_string(),
        "本协议一式四份，双方当事人各执一份，和解中心存档一份，立案庭备案一份。".to_string(),
    ];
    AgreementText { parties, recital, terms: terms_lines, closing }
}
