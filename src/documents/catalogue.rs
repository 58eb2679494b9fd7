//! 卷内目录: the clerk's catalogue of the case file, for binding and archiving. Lists the hand-over
//! materials and every document generated for the case, in order, with their dates.

use super::common::start;
use super::{DocKind, Source};
use crate::error::Result;
use crate::rules::dates::arabic_date;

pub fn render(src: &Source) -> Result<Vec<u8>> {
    let f = src.file;
    let mut d = start(src, DocKind::Catalogue)?;
    let mut entries: Vec<(String, String, String)> = vec![
        (
            "申请执行书及生效法律文书".into(),
            arabic_date(f.received_on),
            format!("{}{}", f.basis.case_number, f.basis.doc_type),
        ),
        (
            "立案审查及征询意见记录".into(),
            f.review.as_ref().map(|r| arabic_date(r.on)).unwrap_or_default(),
            String::new(),
        ),
    ];
    if !f.property.is_empty() {
        entries.push((
            "网络查控结果".into(),
            arabic_date(f.property[0].found_on),
            format!("{}项", f.property.len()),
        ));
    }
    for doc in &f.documents {
        let day = doc
            .at
            .with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8"))
            .date_naive();
        entries.push((doc.title.clone(), arabic_date(day), format!("摘要{}", &doc.sha256[..8])));
    }
    let mut rows = vec![vec![
        "序号".to_string(),
        "文件名称".to_string(),
        "日期".to_string(),
        "页号".to_string(),
        "备注".to_string(),
    ]];
    for (i, (name, date, note)) in entries.into_iter().enumerate() {
        rows.push(vec![(i + 1).to_string(), name, date, String::new(), note]);
    }
    d.table(&[14.0, 60.0, 40.0, 12.0, 30.0], &rows);
    d.para_noindent(&format!(
        "立卷人：________    检查人：________    立卷日期：{}",
        arabic_date(src.today)
    ));
    d.finish()
}
