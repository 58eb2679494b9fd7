//! 报告财产令 with the 财产调查表 to fill in (财产调查规定 arts 4–10; 民诉法 2023 art 252).

use super::common::{caption, date_or_today, start};
use super::typeset::SignatureSlot;
use super::{DocKind, Source};
use crate::error::Result;
use crate::rules::dates::chinese_date;

pub fn render(src: &Source) -> Result<Vec<u8>> {
    let f = src.file;
    let mut d = start(src, DocKind::PropertyOrder)?;
    let issued = date_or_today(f.notice.as_ref().map(|n| n.issued_on), src);
    let days =
        f.notice.as_ref().map(|n| n.report_days).unwrap_or(src.settings.property_report_days);
    d.para_noindent(&format!("{}：", f.names(crate::model::Side::Respondent)));
    d.para(&format!(
        "本院受理的{}一案，{}{}已经发生法律效力。依照《中华人民共和国民事诉讼法》第二百五十二条、《最高人民法院关于民事执行中财产调查若干问题的规定》第三条至第十条的规定，责令你（单位）在收到本令之日起{}日内，如实向本院报告当前以及收到执行通知之日前一年的财产情况。",
        caption(f),
        f.basis.case_number,
        f.basis.doc_type,
        days
    ));
    d.para("一、报告的范围：收入、银行存款、现金、理财产品、有价证券；土地使用权、房屋等不动产；交通运输工具、机器设备、产品、原材料等动产；债权、股权、投资权益、基金份额、信托受益权、知识产权等财产性权利；其他应当报告的财产。上述财产有共有、抵押、质押等权利负担，或者由第三人占有、登记在第三人名下的，应当一并报告。");
    d.para("二、报告的方式：按照所附财产调查表逐项如实填写，并提交相关证明材料；确有特殊情况需要延长报告期限的，应当在期限届满前向本院书面申请。");
    d.para("三、补充报告：报告财产后，财产情况发生变动，影响申请执行人债权实现的，应当自财产变动之日起十日内向本院补充报告。");
    d.para("四、法律责任：拒绝报告、虚假报告或者无正当理由逾期报告的，本院可以根据情节轻重对你（单位）或者你单位的主要负责人、直接责任人员予以罚款、拘留，并将你（单位）纳入失信被执行人名单；构成犯罪的，依法追究刑事责任。");
    d.para("附：财产调查表");
    d.seal_date_block(&src.settings.court_name, &chinese_date(issued));
    d.page_break();
    d.title("财产调查表");
    d.right_line(&f.number.format());
    d.para_noindent(&format!("报告人：{}", f.names(crate::model::Side::Respondent)));
    let mut rows = vec![vec![
        "财产类别".to_string(),
        "名称、坐落、账号或登记号".to_string(),
        "数量或金额".to_string(),
        "权利负担及备注".to_string(),
    ]];
    for cat in [
        "工资、劳务等收入",
        "银行存款",
        "现金、理财产品",
        "有价证券",
        "土地使用权",
        "房屋",
        "车辆",
        "机器设备、存货",
        "债权",
        "股权、投资权益",
        "基金份额、信托受益权",
        "知识产权",
        "其他财产",
        "一年内财产变动情况",
    ] {
        rows.push(vec![cat.to_string(), String::new(), String::new(), String::new()]);
    }
    d.table(&[36.0, 56.0, 30.0, 34.0], &rows);
    d.para("本人保证以上所报告的财产情况真实、完整，如有虚假，愿承担法律责任。");
    d.signature_block(&[SignatureSlot {
        label: "报告人（签名或盖章）".into(),
        name: String::new(),
        image_png: None,
        signed_at: None,
    }]);
    d.finish()
}
