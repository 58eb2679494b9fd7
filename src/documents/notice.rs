//! 执行通知书 (DOMAIN.md §3): the debtor addressed, the basis document, the obligations, the
//! 迟延履行 warning, the deadline, the consequences, the contact person, the 落款 date.

use super::common::{caption, date_or_today, start};
use super::{DocKind, Source};
use crate::error::Result;
use crate::rules::dates::{arabic_date, chinese_date};
use crate::rules::money::{format_yuan, to_capitals};

pub fn render(src: &Source) -> Result<Vec<u8>> {
    let f = src.file;
    let mut d = start(src, DocKind::ExecutionNotice)?;
    let issued = date_or_today(f.notice.as_ref().map(|n| n.issued_on), src);
    d.para_noindent(&format!("{}：", f.names(crate::model::Side::Respondent)));
    d.para(&format!(
        "{}一案，{}作出的{}{}已于{}发生法律效力。申请执行人于{}向本院申请执行，本院于{}立案。依照《中华人民共和国民事诉讼法》第二百五十一条、第二百六十四条的规定，责令你（单位）履行下列义务：",
        caption(f),
        f.basis.court,
        f.basis.case_number,
        f.basis.doc_type,
        arabic_date(f.basis.effective_on),
        arabic_date(f.received_on),
        arabic_date(f.registered_on),
    ));
    let mut n = 1;
    let mut item = |d: &mut super::typeset::Doc, text: String| {
        d.para(&format!("{}、{}", crate::procedure::agreement_text::numeral(n - 1), text));
        n += 1;
    };
    item(&mut d, format!("履行{}确定的义务：{}", f.basis.doc_type, f.basis.obligations));
    if f.monetary() {
        item(
            &mut d,
            format!(
                "支付申请执行标的款人民币{}元（大写：{}）。",
                format_yuan(f.claim_fen),
                to_capitals(f.claim_fen)?
            ),
        );
        item(
            &mut d,
            "未按生效法律文书指定的期间履行给付金钱义务的，应当加倍支付迟延履行期间的债务利息（按日万分之一点七五计算）。".into(),
        );
    } else {
        item(&mut d, "未按生效法律文书指定的期间履行其他义务的，应当支付迟延履行金。".into());
    }
    item(&mut d, "负担本案申请执行费及执行中实际支出的费用。".into());
    d.para("上述义务应于收到本通知之日起立即履行。逾期不履行的，本院将依法强制执行，并可以依法采取查询、冻结、划拨存款，查封、扣押、拍卖、变卖财产，纳入失信被执行人名单，限制消费等措施；拒不履行人民法院已经发生法律效力的判决、裁定，情节严重的，依法追究刑事责任。");
    d.para("本案已由本院执行和解中心进行执行前和解。你（单位）可以在和解期限内与申请执行人自愿协商达成和解协议；和解不成的，案件转入执行程序。");
    if f.monetary() && f.notice.as_ref().map(|n| n.property_order).unwrap_or(true) {
        d.para("随本通知书一并送达报告财产令，你（单位）应当按期如实报告财产。");
    }
    let mut contact = format!("联系人：{}", src.settings.contact_person);
    if !src.settings.contact_phone.is_empty() {
        contact.push_str(&format!("    联系电话：{}", src.settings.contact_phone));
    }
    d.para_noindent(&contact);
    if !src.settings.centre_address.is_empty() {
        d.para_noindent(&format!("地址：{}", src.settings.centre_address));
    }
    d.seal_date_block(&src.settings.court_name, &chinese_date(issued));
    d.finish()
}
