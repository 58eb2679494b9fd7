//! 案号 (case numbers) per 《最高人民法院关于人民法院案件案号的若干规定》 (法〔2015〕137号, as amended by
//! 法〔2018〕335号): `（收案年度）` + 法院代字 + [专门审判代字] + 类型代字 + 案件编号 + `号`.
//!
//! Canonical form: full-width brackets, Arabic digits, no zero padding, e.g. `（2026）鲁0502执前调12号`.
//! The parser also accepts half-width brackets, surrounding whitespace and full-width digits
//! (０–９, normalised to ASCII), because users paste numbers from documents in all these forms.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Earliest and latest accepted 收案年度.
pub const MIN_YEAR: i32 = 1990;
pub const MAX_YEAR: i32 = 2100;

/// Code of the Supreme People's Court.
pub const SPC_COURT_CODE: &str = "最高法";

/// Province-level abbreviations used as (the first character of) 法院代字. 兵 = 新疆生产建设兵团.
pub const PROVINCE_ABBREVIATIONS: &[char] = &[
    '鲁', '京', '津', '沪', '渝', '冀', '豫', '云', '辽', '黑', '湘', '皖', '闽', '新', '苏', '浙',
    '赣', '鄂', '桂', '甘', '晋', '蒙', '陕', '吉', '贵', '粤', '青', '藏', '川', '宁', '琼', '兵',
];

/// Maximum length of the type code: a ≤3-character 类型代字 plus an optional one-character
/// 专门审判代字 in front of it.
pub const MAX_TYPE_CODE_CHARS: usize = 4;

/// A parsed 案号.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseNumber {
    /// 收案年度.
    pub year: i32,
    /// 法院代字, e.g. `鲁0502`, `鲁05`, `鲁`, `最高法`.
    pub court: String,
    /// 类型代字, including an optional leading 专门审判代字, e.g. `执`, `执恢`, `执前调`, `知民初`.
    pub type_code: String,
    /// 案件编号 (natural number, ≥ 1).
    pub seq: u32,
}

impl CaseNumber {
    /// Canonical form with full-width brackets: `（2026）鲁0502执前调12号`.
    pub fn format(&self) -> String {
        format!("（{}）{}{}{}号", self.year, self.court, self.type_code, self.seq)
    }
}

impl fmt::Display for CaseNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.format())
    }
}

impl FromStr for CaseNumber {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        parse(s)
    }
}

fn bad(detail: impl fmt::Display) -> Error {
    Error::invalid("case_number.format", format!("案号格式不正确：{detail}"))
}

/// True for a CJK unified ideograph (basic block or extension A).
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// Full-width digits ０–９ to ASCII; other characters unchanged.
fn normalise_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        _ => c,
    }
}

/// Parses a 案号. See the module documentation for the accepted forms.
pub fn parse(s: &str) -> Result<CaseNumber> {
    let chars: Vec<char> = s.trim().chars().map(normalise_digit).collect();
    if chars.is_empty() {
        return Err(Error::invalid("case_number.empty", "案号不能为空"));
    }
    let mut i = 0;

    // （年度）
    if !matches!(chars[i], '（' | '(') {
        return Err(bad("缺少年度括号，应以“（年度）”开头，例如（2026）鲁0502执12号"));
    }
    i += 1;
    let year_start = i;
    while i < chars.len() && chars[i].is_ascii_digit() {
        i += 1;
    }
    let year_digits: String = chars[year_start..i].iter().collect();
    if year_digits.len() != 4 {
        return Err(bad("年度应为4位数字"));
    }
    if i >= chars.len() || !matches!(chars[i], '）' | ')') {
        return Err(bad("年度后缺少右括号"));
    }
    i += 1;
    let year: i32 = year_digits.parse().map_err(|_| bad("年度应为4位数字"))?;
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return Err(bad(format!("年度 {year} 超出范围（{MIN_YEAR}–{MAX_YEAR}）")));
    }

    // 法院代字
    let rest: String = chars[i..].iter().collect();
    let court: String = if rest.starts_with(SPC_COURT_CODE) {
        i += SPC_COURT_CODE.chars().count();
        SPC_COURT_CODE.to_string()
    } else {
        let Some(&first) = chars.get(i) else {
            return Err(bad("缺少法院代字"));
        };
        if !PROVINCE_ABBREVIATIONS.contains(&first) {
            return Err(bad(format!(
                "法院代字应以省级简称（如“鲁”）或“最高法”开头，实为“{first}”"
            )));
        }
        let start = i;
        i += 1;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        let ndigits = i - start - 1;
        if !matches!(ndigits, 0 | 2 | 4) {
            return Err(bad(format!("法院代字中的数字应为0、2或4位，实为{ndigits}位")));
        }
        chars[start..i].iter().collect()
    };

    // 类型代字 (with optional 专门审判代字)
    let type_start = i;
    while i < chars.len() && !chars[i].is_ascii_digit() {
        i += 1;
    }
    let type_code: String = chars[type_start..i].iter().collect();
    if type_code.is_empty() {
        return Err(bad("缺少类型代字（如“执”）"));
    }
    if i >= chars.len() {
        if type_code.ends_with('号') {
            return Err(bad("缺少案件编号"));
        }
        return Err(bad("缺少案件编号和“号”字"));
    }
    validate_type_code(&type_code).map_err(|e| bad(e.message()))?;

    // 案件编号
    let seq_start = i;
    while i < chars.len() && chars[i].is_ascii_digit() {
        i += 1;
    }
    let seq_digits: String = chars[seq_start..i].iter().collect();
    let seq: u32 = seq_digits.parse().map_err(|_| bad("案件编号过大"))?;
    if seq == 0 {
        return Err(bad("案件编号应为从1开始的自然数"));
    }

    // 号
    match chars.get(i) {
        Some('号') => i += 1,
        Some(c) => return Err(bad(format!("案件编号后应为“号”，实为“{c}”"))),
        None => return Err(bad("结尾缺少“号”字")),
    }
    if i != chars.len() {
        let tail: String = chars[i..].iter().collect();
        return Err(bad(format!("“号”字后有多余内容“{tail}”")));
    }

    Ok(CaseNumber { year, court, type_code, seq })
}

/// Checks a 法院代字 as entered in the settings: `最高法`, or a province abbreviation followed by
/// 0, 2 or 4 ASCII digits (e.g. `鲁`, `鲁05`, `鲁0502`).
pub fn validate_court_code(s: &str) -> Result<()> {
    let err =
        |detail: String| Error::invalid("case_number.court", format!("法院代字不正确：{detail}"));
    if s == SPC_COURT_CODE {
        return Ok(());
    }
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return Err(err("不能为空".into()));
    };
    if !PROVINCE_ABBREVIATIONS.contains(&first) {
        return Err(err(format!("应以省级简称（如“鲁”）开头或为“最高法”，实为“{first}”")));
    }
    let digits: Vec<char> = chars.collect();
    if let Some(c) = digits.iter().find(|c| !c.is_ascii_digit()) {
        return Err(err(format!("简称后只能是数字，出现了“{c}”")));
    }
    if !matches!(digits.len(), 0 | 2 | 4) {
        return Err(err(format!("简称后的数字应为0、2或4位，实为{}位", digits.len())));
    }
    Ok(())
}

/// Checks a 类型代字 as entered in the settings: 1 to 4 Chinese characters (a ≤3-character code,
/// optionally preceded by a one-character 专门审判代字).
pub fn validate_type_code(s: &str) -> Result<()> {
    let err = |detail: String| {
        Error::invalid("case_number.type_code", format!("类型代字不正确：{detail}"))
    };
    let n = s.chars().count();
    if n == 0 {
        return Err(err("不能为空".into()));
    }
    if let Some(c) = s.chars().find(|&c| !is_cjk(c)) {
        return Err(err(format!("只能由汉字组成，出现了“{c}”")));
    }
    if n > MAX_TYPE_CODE_CHARS {
        return Err(err(format!("最多{MAX_TYPE_CODE_CHARS}个汉字，实为{n}个")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cn(year: i32, court: &str, type_code: &str, seq: u32) -> CaseNumber {
        CaseNumber { year, court: court.into(), type_code: type_code.into(), seq }
    }

    #[test]
    fn formats_canonically() {
        let c = cn(2026, "鲁0502", "执前调", 12);
        assert_eq!(c.format(), "（2026）鲁0502执前调12号");
        assert_eq!(c.to_string(), "（2026）鲁0502执前调12号");
    }

    #[test]
    fn parses_full_and_half_width() {
        assert_eq!(parse("（2026）鲁0502执前调12号").unwrap(), cn(2026, "鲁0502", "执前调", 12));
        assert_eq!(parse("  (2024)鲁0502民初374号 \n").unwrap(), cn(2024, "鲁0502", "民初", 374));
        assert_eq!(parse("（2023）鲁05执恢1977号").unwrap(), cn(2023, "鲁05", "执恢", 1977));
        assert_eq!(
            parse("(2021)川0104民诉前调801号").unwrap(),
            cn(2021, "川0104", "民诉前调", 801)
        );
        assert_eq!(parse("（2019）最高法知民终1号").unwrap(), cn(2019, "最高法", "知民终", 1));
        assert_eq!(parse("（2020）鲁执5号").unwrap(), cn(2020, "鲁", "执", 5));
        assert_eq!(parse("（２０２６）鲁０５０２执１２号").unwrap(), cn(2026, "鲁0502", "执", 12));
        assert_eq!(parse("（2026）鲁0502执007号").unwrap().seq, 7);
        let c: CaseNumber = "(2026)鲁0502执12号".parse().unwrap();
        assert_eq!(c.format(), "（2026）鲁0502执12号");
    }

    #[test]
    fn round_trips() {
        for s in
            ["（2026）鲁0502执前调12号", "（2019）最高法知民终1号", "（2024）浙02民诉前调595号"]
        {
            assert_eq!(parse(s).unwrap().format(), s);
        }
    }

    #[test]
    fn rejects_bad_numbers_with_chinese_messages() {
        let cases = [
            ("", "不能为空"),
            ("2026鲁0502执12号", "缺少年度括号"),
            ("〔2026〕鲁0502执12号", "缺少年度括号"),
            ("（26）鲁0502执12号", "4位"),
            ("（2026鲁0502执12号", "右括号"),
            ("（1989）鲁0502执12号", "超出范围"),
            ("（2101）鲁0502执12号", "超出范围"),
            ("（2026）X0502执12号", "省级简称"),
            ("（2026）鲁050执12号", "0、2或4位"),
            ("（2026）鲁0502执0号", "自然数"),
            ("（2026）鲁0502执12", "缺少“号”"),
            ("（2026）鲁0502执号", "缺少案件编号"),
            ("（2026）鲁0502执12号之一", "多余内容"),
            ("（2026）鲁0502执12字", "应为“号”"),
            ("（2026）鲁0502执前调解案12号", "最多4个汉字"),
            ("（2026）鲁0502Z12号", "只能由汉字组成"),
            ("（2026）鲁050212号", "0、2或4位"),
            ("（2026）鲁0502执99999999999号", "过大"),
        ];
        for (input, needle) in cases {
            let e = parse(input).expect_err(input);
            assert!(e.message().contains(needle), "{input}: {}", e.message());
            assert!(e.code().starts_with("case_number."), "{input}");
        }
        assert!(parse("2026鲁0502执12号")
            .unwrap_err()
            .message()
            .starts_with("案号格式不正确：缺少年度括号"));
    }

    #[test]
    fn validates_settings_codes() {
        for ok in ["鲁0502", "鲁05", "鲁", "最高法", "兵"] {
            assert!(validate_court_code(ok).is_ok(), "{ok}");
        }
        for bad in ["", "鲁050", "鲁05a", "山东", "最高", " 鲁0502"] {
            assert_eq!(validate_court_code(bad).unwrap_err().code(), "case_number.court", "{bad}");
        }
        for ok in ["执", "执恢", "执前调", "民诉前调"] {
            assert!(validate_type_code(ok).is_ok(), "{ok}");
        }
        for bad in ["", "执前调解案", "zhi", "执 "] {
            assert_eq!(
                validate_type_code(bad).unwrap_err().code(),
                "case_number.type_code",
                "{bad}"
            );
        }
    }

    #[test]
    fn serde_round_trip() {
        let c = cn(2026, "鲁0502", "执", 3);
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(serde_json::from_str::<CaseNumber>(&json).unwrap(), c);
    }
}
