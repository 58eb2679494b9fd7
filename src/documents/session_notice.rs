//! 和解通知书: to each party (one page each), the time, place and manner of the session, the
//! mediator, and what to bring.

use super::common::start;
use super::{DocKind, Source};
use crate::error::{Error, Result};
use crate::model::{Manner, PartyKind};
use crate::rules::dates::{arabic_date, chinese_date};

pub fn render(src: &Source) -> Result<Vec<u8>> {
    let f = src.file;
    let mut d = start(src, DocKind::SessionNotice)?;
    let s = match src.opts.session {
        Some(n) => f
            .sessions
            .iter()
            .find(|s| s.no == n)
            .ok_or_else(|| Error::invalid("session.unknown", format!("本案没有第{n}次和解")))?,
        None => f.sessions.last().expect("precondition: a session"),
    };
    let mediator = f.mediator.as_ref().map(|m| m.name.clone()).unwrap_or_default();
    for (i, p) in f.parties.iter().enumerate() {
        if i > 0 {
            super::common::next_page(&mut d, src, DocKind::SessionNotice);
        }
        d.para_noindent(&format!("{}：", p.name));
        let manner = match s.manner {
            Manner::Court => "在本院现场进行".to_string(),
            Manner::AgreedPlace => "在双方当事人协商的地点进行".to_string(),
            Manner::Online => "通过互联网在线进行".to_string(),
        };
        d.para(&format!(
            "本院执行和解中心受理的{}执前和解一案，由和解员{}主持和解。现定于{}{}在{}进行和解，和解方式：{}。请你（单位）准时参加。",
            super::common::caption(f),
            mediator,
            arabic_date(s.at.date()),
            s.at.format("%H时%M分"),
            s.place,
            manner
        ));
        d.para("参加和解时请携带：");
        let mut items = vec!["本人居民身份证或者其他有效身份证件"];
        if p.kind == PartyKind::Organisation {
            items.push("营业执照副本、法定代表人身份证明书");
        }
        items.push(
            "委托代理人参加的，提交授权委托书（代为达成和解协议须有特别授权）及代理人身份证件",
        );
        items.push("与案件有关的证据材料、付款凭证及履行方案");
        if s.manner == Manner::Online {
            items.push("能够进行音视频通话的设备，并提前登录和解平台核验身份");
        }
        for (n, it) in items.iter().enumerate() {
            d.para(&format!("{}. {}。", n + 1, it));
        }
        d.para("执行前和解遵循自愿原则。你（单位）如认为和解员与本案有利害关系或者其他关系可能影响公正和解的，可以申请回避。无正当理由不参加和解的，视为不同意和解，案件将依法转入执行程序。");
        let mut contact = format!("和解员：{}", mediator);
        if !src.settings.contact_phone.is_empty() {
            contact.push_str(&format!("    联系电话：{}", src.settings.contact_phone));
        }
        d.para_noindent(&contact);
        let sent = s.notices.iter().find(|n| n.party_id == p.id).map(|n| n.on).unwrap_or(src.today);
        d.seal_date_block(&src.settings.court_name, &chinese_date(sent));
    }
    d.finish()
}
