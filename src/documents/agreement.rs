//! 执前和解协议书: the parties, the recital, the agreed obligations (figures and capitals, the
//! installments, method and account), the clause on non-performance, the signature blocks, and a
//! footer with the SHA-256 of the text and a QR code so a wet-signed paper matches the record.

use base64::Engine;

use super::common::start;
use super::typeset::SignatureSlot;
use super::{DocKind, Source};
use crate::error::Result;
use crate::model::{PartyKind, SignerRole};
use crate::procedure::agreement_text::compose;
use crate::rules::dates::chinese_date;

pub fn render(src: &Source) -> Result<Vec<u8>> {
    let f = src.file;
    let mut d = start(src, DocKind::Agreement)?;
    let a = f.agreement.as_ref().expect("precondition: agreement drafted");
    let mediator = f.mediator.as_ref().map(|m| m.name.clone()).unwrap_or_default();
    let text = compose(f, &a.terms, &mediator);
    for line in &text.parties {
        d.para_noindent(line);
    }
    d.para(&text.recital);
    for t in &text.terms {
        d.para(t);
    }
    for c in &text.closing {
        d.para(c);
    }
    // Signature blocks: each party (or its specially authorised agent), the mediator, the clerk.
    let valid: Vec<_> = f.valid_signatures().collect();
    let mut slots = Vec::new();
    let image = |s: &crate::model::Signature| {
        if src.opts.wet {
            return None;
        }
        s.image_png_base64
            .as_ref()
            .and_then(|b| base64::engine::general_purpose::STANDARD.decode(b).ok())
    };
    let when = |s: &crate::model::Signature| {
        if src.opts.wet {
            None
        } else {
            Some(
                s.at.with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8"))
                    .format("%Y年%m月%d日 %H:%M")
                    .to_string(),
            )
        }
    };
    for p in &f.parties {
        let sig = valid.iter().find(|s| s.party_id == Some(p.id));
        let label = match (p.kind, sig.map(|s| s.role)) {
            (_, Some(SignerRole::Agent)) => format!("{}（委托代理人）", p.side.label()),
            (PartyKind::Organisation, _) => format!("{}（法定代表人）", p.side.label()),
            _ => p.side.label().to_string(),
        };
        let name = match sig {
            Some(s) if s.role == SignerRole::Agent => format!("{}（{}）", p.name, s.name),
            _ if p.kind == PartyKind::Organisation => {
                format!("{}（{}）", p.name, p.legal_rep.clone().unwrap_or_default())
            }
            _ => p.name.clone(),
        };
        slots.push(SignatureSlot {
            label,
            name,
            image_png: sig.and_then(|s| image(s)),
            signed_at: sig.and_then(|s| when(s)),
        });
    }
    for (role, label, name) in [
        (SignerRole::Mediator, "和解员", mediator.clone()),
        (SignerRole::Clerk, "书记员", String::new()),
    ] {
        let sig = valid.iter().find(|s| s.role == role);
        let name = sig.map(|s| s.name.clone()).unwrap_or(name);
        slots.push(SignatureSlot {
            label: label.into(),
            name,
            image_png: sig.and_then(|s| image(s)),
            signed_at: sig.and_then(|s| when(s)),
        });
    }
    d.signature_block(&slots);
    let date = if src.opts.wet || valid.is_empty() {
        a.drafted_on
    } else {
        valid.iter().map(|s| s.at.date_naive()).max().unwrap_or(a.drafted_on)
    };
    d.seal_date_block(&src.settings.court_name, &chinese_date(date));
    d.footer_note(&format!("协议文本第{}稿 SHA-256：{}", a.version, a.sha256));
    d.qr(&format!("{}|{}", f.number.format(), a.sha256));
    d.finish()
}
