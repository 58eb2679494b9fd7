//! 和解笔录: time, place, mediator, clerk, attendees and their identity checks, the talks, the
//! closing statement and signature lines.

use super::common::start;
use super::typeset::SignatureSlot;
use super::{DocKind, Source};
use crate::error::{Error, Result};
use crate::model::SignerRole;

pub fn render(src: &Source) -> Result<Vec<u8>> {
    let f = src.file;
    let mut d = start(src, DocKind::Record)?;
    let s = match src.opts.session {
        Some(n) => f
            .sessions
            .iter()
            .find(|s| s.no == n)
            .ok_or_else(|| Error::invalid("session.unknown", format!("本案没有第{n}次和解")))?,
        None => f
            .sessions
            .iter()
            .rev()
            .find(|s| s.record.is_some())
            .or(f.sessions.last())
            .expect("precondition: a session"),
    };
    let mediator = f.mediator.as_ref().map(|m| m.name.clone()).unwrap_or_default();
    let clerk = f
        .signatures
        .iter()
        .find(|s| s.role == SignerRole::Clerk)
        .map(|s| s.name.clone())
        .unwrap_or_default();
    let head = vec![
        vec![
            "时间".to_string(),
            format!("{}（第{}次和解）", s.at.format("%Y年%m月%d日 %H时%M分"), s.no),
        ],
        vec!["地点".to_string(), s.place.clone()],
        vec!["方式".to_string(), s.manner.label().to_string()],
        vec!["案由".to_string(), format!("{}执前和解", super::common::caption(f))],
        vec!["和解员".to_string(), mediator.clone()],
        vec!["记录人".to_string(), if clerk.is_empty() { "书记员".into() } else { clerk.clone() }],
    ];
    d.table(&[30.0, 126.0], &head);
    d.heading("到场人员及身份核对");
    let mut rows = vec![vec![
        "姓名".to_string(),
        "身份".to_string(),
        "证件号码".to_string(),
        "核对时间".to_string(),
    ]];
    for c in &s.checks {
        let p = f.party(c.party_id);
        let role = match (p, c.agent_id) {
            (Some(p), Some(_)) => format!("{}{}的委托代理人", p.side.label(), p.name),
            (Some(p), None) if p.name != c.name => {
                format!("{}{}的法定代表人", p.side.label(), p.name)
            }
            (Some(p), None) => p.side.label().to_string(),
            _ => String::new(),
        };
        let at =
            c.at.with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8"))
                .format("%H:%M")
                .to_string();
        rows.push(vec![c.name.clone(), role, c.id_number.clone(), at]);
    }
    d.table(&[26.0, 56.0, 50.0, 24.0], &rows);
    d.para(&format!(
        "和解员：今天由我主持{}执前和解。书记员担任记录。和解员已告知双方当事人在和解中的权利义务、和解的规则和程序、和解协议的效力以及申请回避的权利。双方当事人是否申请回避？",
        super::common::caption(f)
    ));
    d.para("当事人：不申请回避。");
    for line in
        s.record.as_deref().unwrap_or("（尚未记录）").lines().filter(|l| !l.trim().is_empty())
    {
        d.para(line.trim());
    }
    d.para("和解员：以上笔录已向你们宣读（或由你们阅读），是否与所述一致？");
    d.para("当事人：以上笔录我已看过，与我说的一致。");
    let mut slots: Vec<SignatureSlot> = s
        .checks
        .iter()
        .map(|c| SignatureSlot {
            label: "到场人员".into(),
            name: c.name.clone(),
            image_png: None,
            signed_at: None,
        })
        .collect();
    slots.push(SignatureSlot {
        label: "和解员".into(),
        name: mediator,
        image_png: None,
        signed_at: None,
    });
    slots.push(SignatureSlot {
        label: "书记员".into(),
        name: clerk,
        image_png: None,
        signed_at: None,
    });
    d.signature_block(&slots);
    d.finish()
}
