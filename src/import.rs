//! Reading hand-overs from files: a JSON array (or one object) of hand-overs, or a CSV with one
//! applicant and one respondent per row (Chinese headers, see docs/formats.md). Every bad row is
//! reported by line with its reason, and nothing of the file is stored.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::{Authority, BasisDocument, Criterion, PartyKind, Side};
use crate::procedure::{AgentInput, Handover, PartyInput};
use crate::rules::money::parse_yuan;

/// One hand-over read from a file, with where it came from ("第3行", "第2件").
#[derive(Debug, Clone)]
pub struct ImportRow {
    pub place: String,
    /// The hand-over, or why the row could not be read.
    pub handover: std::result::Result<Handover, Error>,
}

/// The per-row outcome, for the report shown to the clerk.
#[derive(Debug, Clone, Serialize)]
pub struct RowReport {
    pub place: String,
    pub ok: bool,
    pub message: String,
    pub number: Option<String>,
}

pub const CSV_HEADERS: [&str; 24] = [
    "收案日期",
    "申请执行人",
    "申请执行人类型",
    "申请执行人证件号码",
    "申请执行人住所",
    "申请执行人电话",
    "申请执行人法定代表人",
    "被执行人",
    "被执行人类型",
    "被执行人证件号码",
    "被执行人住所",
    "被执行人电话",
    "被执行人法定代表人",
    "代理人",
    "代理人证件号码",
    "代理人所属方",
    "代理权限",
    "执行依据机构",
    "执行依据案号",
    "执行依据种类",
    "生效日期",
    "义务内容",
    "申请执行金额",
    "筛选条件",
];

/// Reads a file's bytes as hand-overs. Syntax errors of every row are collected into one error.
pub fn parse_file(name: &str, bytes: &[u8]) -> Result<Vec<ImportRow>> {
    let text = std::str::from_utf8(bytes).map_err(|_| {
        Error::invalid("import.encoding", "文件不是 UTF-8 编码（请在 Excel 中另存为“CSV UTF-8”）")
    })?;
    let text = text.trim_start_matches('\u{feff}');
    let lower = name.to_lowercase();
    if lower.ends_with(".json")
        || text.trim_start().starts_with('[')
        || text.trim_start().starts_with('{')
    {
        parse_json(text)
    } else if lower.ends_with(".csv") || text.contains(',') {
        parse_csv(text)
    } else {
        Err(Error::invalid("import.format", "无法识别的文件格式：请使用 .json 或 .csv 文件"))
    }
}

fn parse_json(text: &str) -> Result<Vec<ImportRow>> {
    let value: serde_json::Value = serde_json::from_str(text)?;
    let items = match value {
        serde_json::Value::Array(a) => a,
        v @ serde_json::Value::Object(_) => vec![v],
        _ => return Err(Error::invalid("import.json", "JSON 文件应为收案对象或其数组")),
    };
    let mut rows = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let place = format!("第{}件", i + 1);
        match serde_json::from_value::<Handover>(item) {
            Ok(h) => rows.push(ImportRow { place, handover: Ok(h) }),
            Err(e) => rows.push(ImportRow { place, handover: Err(Error::from(e)) }),
        }
    }
    finish(rows)
}

fn finish(rows: Vec<ImportRow>) -> Result<Vec<ImportRow>> {
    if rows.is_empty() {
        return Err(Error::invalid("import.empty", "文件中没有案件"));
    }
    Ok(rows)
}

fn parse_csv(text: &str) -> Result<Vec<ImportRow>> {
    let mut rdr =
        csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let headers =
        rdr.headers().map_err(|_| Error::invalid("import.csv", "CSV 表头无法读取"))?.clone();
    let index: HashMap<&str, usize> = headers.iter().enumerate().map(|(i, h)| (h, i)).collect();
    let missing: Vec<&str> = CSV_HEADERS
        .iter()
        .copied()
        .filter(|h| !index.contains_key(h) && !h.starts_with("代理"))
        .collect();
    if !missing.is_empty() {
        return Err(Error::invalid(
            "import.headers",
            format!("CSV 缺少列：{}", missing.join("、")),
        ));
    }
    let mut rows = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let line = i + 2;
        let place = format!("第{line}行");
        let rec = match rec {
            Ok(r) => r,
            Err(_) => {
                rows.push(ImportRow {
                    place,
                    handover: Err(Error::invalid(
                        "import.csv",
                        "该行无法读取（请检查引号是否成对）",
                    )),
                });
                continue;
            }
        };
        if rec.iter().all(|f| f.is_empty()) {
            continue;
        }
        let get = |h: &str| index.get(h).and_then(|&i| rec.get(i)).unwrap_or("").to_string();
        rows.push(ImportRow { place, handover: csv_row(&get) });
    }
    finish(rows)
}

fn date(s: &str, field: &str) -> Result<NaiveDate> {
    let t = s.trim().replace(['/', '.'], "-");
    NaiveDate::parse_from_str(&t, "%Y-%m-%d").map_err(|_| {
        Error::invalid("import.date", format!("{field}“{s}”不是有效日期（应为 2026-11-30）"))
    })
}

fn kind(s: &str, field: &str) -> Result<PartyKind> {
    match s.trim() {
        "自然人" | "个人" | "person" => Ok(PartyKind::Person),
        "单位" | "法人" | "企业" | "organisation" => Ok(PartyKind::Organisation),
        _ => Err(Error::invalid("import.kind", format!("{field}“{s}”应为“自然人”或“单位”"))),
    }
}

fn criterion(s: &str) -> Result<Criterion> {
    let t = s.trim();
    Criterion::ALL
        .into_iter()
        .find(|c| {
            c.label() == t
                || serde_json::to_value(c)
                    .ok()
                    .and_then(|v| v.as_str().map(|x| x == t))
                    .unwrap_or(false)
                || c.label().starts_with(t)
        })
        .ok_or_else(|| {
            Error::invalid("import.criterion", format!("筛选条件“{t}”不是规定所列七项之一"))
        })
}

fn csv_row(get: &dyn Fn(&str) -> String) -> Result<Handover> {
    let opt = |s: String| if s.trim().is_empty() { None } else { Some(s.trim().to_string()) };
    let mut parties = Vec::new();
    for (side, prefix) in [(Side::Applicant, "申请执行人"), (Side::Respondent, "被执行人")]
    {
        parties.push(PartyInput {
            side,
            kind: kind(&get(&format!("{prefix}类型")), &format!("{prefix}类型"))?,
            name: get(prefix),
            id_number: get(&format!("{prefix}证件号码")),
            address: get(&format!("{prefix}住所")),
            phone: get(&format!("{prefix}电话")),
            legal_rep: opt(get(&format!("{prefix}法定代表人"))),
            agents: vec![],
        });
    }
    let agent = get("代理人");
    if !agent.trim().is_empty() {
        let side = get("代理人所属方");
        let target = match side.trim() {
            "申请执行人" | "申请人" => 0,
            "被执行人" => 1,
            _ => {
                return Err(Error::invalid(
                    "import.agent_side",
                    format!("代理人所属方“{side}”应为“申请执行人”或“被执行人”"),
                ))
            }
        };
        let authority = match get("代理权限").trim() {
            "特别授权" => Authority::Special,
            "一般授权" | "" => Authority::General,
            other => {
                return Err(Error::invalid(
                    "import.authority",
                    format!("代理权限“{other}”应为“特别授权”或“一般授权”"),
                ))
            }
        };
        parties[target].agents.push(AgentInput {
            name: agent,
            id_number: get("代理人证件号码"),
            phone: String::new(),
            authority,
        });
    }
    let claim_fen = parse_yuan(&get("申请执行金额")).map_err(|e| e.at("申请执行金额"))?;
    let criteria = get("筛选条件")
        .split(['；', ';', '、', '|'])
        .filter(|s| !s.trim().is_empty())
        .map(criterion)
        .collect::<Result<Vec<_>>>()?;
    Ok(Handover {
        received_on: Some(date(&get("收案日期"), "收案日期")?),
        parties,
        basis: BasisDocument {
            court: get("执行依据机构"),
            case_number: get("执行依据案号"),
            doc_type: get("执行依据种类"),
            effective_on: date(&get("生效日期"), "生效日期")?,
            obligations: get("义务内容"),
            amount_fen: claim_fen,
        },
        claim_fen,
        criteria,
        criteria_note: get("筛选理由"),
    })
}

/// Registers the rows of a file, all or nothing. Returns one report line per row; when any row is
/// bad, every row's outcome is reported and nothing is stored. `progress(done, total)` follows the
/// storing.
pub async fn import_rows(
    store: &crate::store::Store,
    rows: &[ImportRow],
    actor: &crate::model::User,
    clock: crate::store::Clock,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<(bool, Vec<RowReport>)> {
    let readable: Vec<Handover> =
        rows.iter().filter_map(|r| r.handover.as_ref().ok().cloned()).collect();
    let mut checks = store.check_handovers(&readable, actor, clock).await?.into_iter();
    let outcome: Vec<Option<String>> = rows
        .iter()
        .map(|r| match &r.handover {
            Err(e) => Some(e.message().to_string()),
            Ok(_) => checks.next().flatten().map(|e| e.message().to_string()),
        })
        .collect();
    if outcome.iter().any(|o| o.is_some()) {
        let report = rows
            .iter()
            .zip(outcome)
            .map(|(r, o)| RowReport {
                place: r.place.clone(),
                ok: o.is_none(),
                message: o.unwrap_or_else(|| "无误（因其他行有错，未导入）".into()),
                number: None,
            })
            .collect();
        return Ok((false, report));
    }
    let handovers = readable;
    let files = store.register_all_with_progress(&handovers, actor, clock, progress).await?;
    let report = rows
        .iter()
        .zip(files)
        .map(|(r, f)| RowReport {
            place: r.place.clone(),
            ok: true,
            message: "已收案".into(),
            number: Some(f.number.format()),
        })
        .collect();
    Ok((true, report))
}
