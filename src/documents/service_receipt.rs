//! 送达回证: proof of service, one page per party, listing the documents served on it (or, before
//! any service, the documents to serve, with blank columns for the recipient).

use super::common::start;
use super::{DocKind, Source};
use crate::error::Result;
use crate::rules::dates::arabic_date;

pub fn render(src: &Source) -> Result<Vec<u8>> {
    let f = src.file;
    let mut d = start(src, DocKind::ServiceReceipt)?;
    for (i, p) in f.parties.iter().enumerate() {
        if i > 0 {
            super::common::next_page(&mut d, src, DocKind::ServiceReceipt);
        }
        let head = vec![
            vec!["案由".to_string(), format!("{}执前和解", super::common::caption(f))],
            vec!["受送达人".to_string(), p.name.clone()],
            vec!["送达地址".to_string(), p.address.clone()],
        ];
        d.table(&[30.0, 126.0], &head);
        let mut rows = vec![vec![
            "送达文书".to_string(),
            "送达方式".to_string(),
            "送达日期".to_string(),
            "受送达人签名".to_string(),
            "送达人".to_string(),
        ]];
        let served: Vec<_> = f.services.iter().filter(|s| s.party_id == p.id).collect();
        if served.is_empty() {
            let mut docs = vec!["执行通知书"];
            if f.monetary() && p.side == crate::model::Side::Respondent {
                docs.push("报告财产令");
            }
            docs.push("和解通知书");
            for doc in docs {
                rows.push(vec![
                    format!("《{doc}》"),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                ]);
            }
        } else {
            for s in served {
                rows.push(vec![
                    format!("《{}》", s.document),
                    s.method.clone(),
                    arabic_date(s.served_on),
                    String::new(),
                    String::new(),
                ]);
            }
        }
        d.table(&[46.0, 26.0, 32.0, 28.0, 24.0], &rows);
        d.para("备注：受送达人拒绝签收的，送达人应当在本回证上记明拒收事由和日期，由送达人、见证人签名或者盖章。");
    }
    d.finish()
}
