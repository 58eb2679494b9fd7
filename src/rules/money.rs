//! Money. Amounts are `i64` counts of 分 (0.01 元) everywhere; floats are never used.

use crate::error::{Error, Result};

/// Largest amount handled: 9,999,999,999,999,999.99 元 (the capitals use units up to 万亿).
pub const MAX_FEN: i64 = 999_999_999_999_999_999;

fn bad(detail: impl std::fmt::Display) -> Error {
    Error::invalid("money.format", format!("金额格式不正确：{detail}"))
}

/// Full-width digits, point and comma to ASCII.
fn normalise(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' => '.',
        '，' => ',',
        _ => c,
    }
}

/// Parses an amount in 元 to 分: `12345.67`, `12,345.6`, `¥100`, `￥100`, `100元`, `人民币100元`.
/// At most two decimals; thousands separators, if used, must be at every third digit.
/// Rejects empty input, negative amounts, other characters and amounts above [`MAX_FEN`].
pub fn parse_yuan(s: &str) -> Result<i64> {
    let normalised: String = s.trim().chars().map(normalise).collect();
    let mut t = normalised.as_str();
    for prefix in ["人民币", "¥", "￥"] {
        if let Some(rest) = t.strip_prefix(prefix) {
            t = rest.trim_start();
        }
    }
    for suffix in ["元", "圆"] {
        if let Some(rest) = t.strip_suffix(suffix) {
            t = rest.trim_end();
        }
    }
    if t.is_empty() {
        return Err(Error::invalid("money.format", "金额不能为空"));
    }
    if t.starts_with('-') || t.starts_with('－') {
        return Err(bad("金额不能为负数"));
    }
    if let Some(c) = t.chars().find(|c| !(c.is_ascii_digit() || *c == '.' || *c == ',')) {
        return Err(bad(format!("含有无效字符“{c}”，只能包含数字、小数点和千位分隔符")));
    }
    let (int_part, frac_part) = match t.split_once('.') {
        Some((_, f)) if f.contains('.') => return Err(bad("小数点只能有一个")),
        Some((i, f)) => (i, Some(f)),
        None => (t, None),
    };
    if int_part.is_empty() {
        return Err(bad("小数点前应有数字"));
    }
    let digits: String = if int_part.contains(',') {
        let groups: Vec<&str> = int_part.split(',').collect();
        let first_ok = (1..=3).contains(&groups[0].len());
        if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
            return Err(bad("千位分隔符位置不正确"));
        }
        groups.concat()
    } else {
        int_part.to_string()
    };
    let frac_fen: i64 = match frac_part {
        None => 0,
        Some(f) if f.contains(',') => return Err(bad("小数部分不能有千位分隔符")),
        Some("") => return Err(bad("小数点后应有数字")),
        Some(f) if f.len() > 2 => return Err(bad("最多保留两位小数（到分）")),
        Some(f) => {
            let v: i64 = f.parse().map_err(|_| bad("小数部分无效"))?;
            if f.len() == 1 {
                v * 10
            } else {
                v
            }
        }
    };
    let too_large = || bad("金额过大");
    let yuan: i64 = digits.parse().map_err(|_| too_large())?;
    let fen = yuan.checked_mul(100).and_then(|v| v.checked_add(frac_fen)).ok_or_else(too_large)?;
    if fen > MAX_FEN {
        return Err(too_large());
    }
    Ok(fen)
}

/// Formats 分 as 元 with thousands separators and always two decimals: `12,345.67`.
/// Negative amounts get a leading `-`.
pub fn format_yuan(fen: i64) -> String {
    let abs = fen.unsigned_abs();
    let yuan = (abs / 100).to_string();
    let mut grouped = String::with_capacity(yuan.len() + yuan.len() / 3);
    for (i, c) in yuan.chars().enumerate() {
        if i > 0 && (yuan.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if fen < 0 { "-" } else { "" };
    format!("{sign}{grouped}.{:02}", abs % 100)
}

const DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
/// Units within a four-digit section, indexed by position % 4.
const SMALL_UNITS: [&str; 4] = ["", "拾", "佰", "仟"];

/// 人民币大写 (capitals) per the PBoC rules for filling in bills, e.g. 12345.67 →
/// `人民币壹万贰仟叁佰肆拾伍元陆角柒分`.
///
/// Policy for 零 (applied uniformly):
/// - In the integer (元) part, every run of zeros that lies **between two non-zero digits** is
///   written as one 零, whether or not the run crosses a 万 or 亿 boundary: 1409 → 壹仟肆佰零玖,
///   6007 → 陆仟零柒, 107000 → 壹拾万零柒仟, 100010001 → 壹亿零壹万零壹. Trailing zeros are
///   never written.
/// - Between 元 and 角 the optional 零 is **not** written: 1680.32 → 壹仟陆佰捌拾元叁角贰分.
/// - 零 is written after 元 when 角 is 0 and 分 is not (mandatory): 325.04 → 叁佰贰拾伍元零肆分.
///
/// Other rules: every 拾 carries its digit (10 → 壹拾元整); 整 follows 元 when there is no 角 and
/// no 分, and is not written after 角 or 分; amounts under one 元 have no 元 (0.50 → 人民币伍角,
/// 0.01 → 人民币壹分); 0 → 人民币零元整. Units 万 and 亿 combine for 万亿 (1,000,000,000,000 →
/// 壹万亿元整). Negative amounts and amounts above [`MAX_FEN`] are errors (`money.range`).
pub fn to_capitals(fen: i64) -> Result<String> {
    if fen < 0 {
        return Err(Error::invalid("money.range", "金额为负数，不能转换为大写"));
    }
    if fen > MAX_FEN {
        return Err(Error::invalid("money.range", "金额过大，超出大写转换范围"));
    }
    let yuan = fen / 100;
    let jiao = (fen / 10 % 10) as usize;
    let fen_digit = (fen % 10) as usize;

    let mut out = String::from("人民币");
    if yuan == 0 {
        match (jiao, fen_digit) {
            (0, 0) => out.push_str("零元整"),
            _ => {
                if jiao != 0 {
                    out.push(DIGITS[jiao]);
                    out.push('角');
                }
                if fen_digit != 0 {
                    out.push(DIGITS[fen_digit]);
                    out.push('分');
                }
            }
        }
        return Ok(out);
    }

    out.push_str(&integer_capitals(yuan));
    out.push('元');
    match (jiao, fen_digit) {
        (0, 0) => out.push('整'),
        (0, f) => {
            out.push('零');
            out.push(DIGITS[f]);
            out.push('分');
        }
        (j, 0) => {
            out.push(DIGITS[j]);
            out.push('角');
        }
        (j, f) => {
            out.push(DIGITS[j]);
            out.push('角');
            out.push(DIGITS[f]);
            out.push('分');
        }
    }
    Ok(out)
}

/// Capitals for a positive integer below 10^16 (without 元).
fn integer_capitals(n: i64) -> String {
    debug_assert!(n > 0 && n < 10_000_000_000_000_000);
    // digits[p] = digit at position p (p = 0 is the 个 place).
    let digits: Vec<usize> = n.to_string().bytes().rev().map(|b| usize::from(b - b'0')).collect();
    let nonzero_from =
        |lo: usize, hi: usize| digits[lo..hi.min(digits.len())].iter().any(|&d| d != 0);

    let mut out = String::new();
    let mut pending_zero = false;
    for p in (0..digits.len()).rev() {
        let d = digits[p];
        if d == 0 {
            // Only written if a non-zero digit follows (never for trailing zeros).
            pending_zero = true;
        } else {
            if pending_zero {
                out.push('零');
                pending_zero = false;
            }
            out.push(DIGITS[d]);
            out.push_str(SMALL_UNITS[p % 4]);
        }
        // Section units after the last digit of a section.
        match p {
            4 | 12 if nonzero_from(p, p + 4) => out.push('万'),
            8 if nonzero_from(8, 16) => out.push('亿'),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_amounts() {
        assert_eq!(parse_yuan("12345.67").unwrap(), 1_234_567);
        assert_eq!(parse_yuan("12,345.6").unwrap(), 1_234_560);
        assert_eq!(parse_yuan("¥100").unwrap(), 10_000);
        assert_eq!(parse_yuan("￥1,000,000").unwrap(), 100_000_000);
        assert_eq!(parse_yuan("100元").unwrap(), 10_000);
        assert_eq!(parse_yuan(" 人民币 325.04 元 ").unwrap(), 32_504);
        assert_eq!(parse_yuan("0.01").unwrap(), 1);
        assert_eq!(parse_yuan("0").unwrap(), 0);
        assert_eq!(parse_yuan("１２３．４５").unwrap(), 12_345);
        assert_eq!(parse_yuan("007").unwrap(), 700);
        assert_eq!(parse_yuan("9,999,999,999,999,999.99").unwrap(), MAX_FEN);
    }

    #[test]
    fn rejects_bad_amounts() {
        let cases = [
            ("", "不能为空"),
            ("  ", "不能为空"),
            ("¥", "不能为空"),
            ("-5", "负数"),
            ("1.234", "两位小数"),
            ("12a", "无效字符"),
            ("1 000", "无效字符"),
            ("1e5", "无效字符"),
            ("1.2.3", "只能有一个"),
            (".5", "小数点前"),
            ("5.", "小数点后"),
            ("1,23", "千位分隔符"),
            ("1234,567", "千位分隔符"),
            (",123", "千位分隔符"),
            ("1.2,3", "千位分隔符"),
            ("10000000000000000", "过大"),
            ("99999999999999999999999", "过大"),
        ];
        for (input, needle) in cases {
            let e = parse_yuan(input).expect_err(input);
            assert_eq!(e.code(), "money.format", "{input}");
            assert!(e.message().contains(needle), "{input}: {}", e.message());
        }
    }

    #[test]
    fn formats_amounts() {
        assert_eq!(format_yuan(1_234_567), "12,345.67");
        assert_eq!(format_yuan(0), "0.00");
        assert_eq!(format_yuan(5), "0.05");
        assert_eq!(format_yuan(100_000), "1,000.00");
        assert_eq!(format_yuan(99_999), "999.99");
        assert_eq!(format_yuan(123_456_789_012), "1,234,567,890.12");
        assert_eq!(format_yuan(-1_234_567), "-12,345.67");
        assert_eq!(format_yuan(i64::MIN), "-92,233,720,368,547,758.08");
        for fen in [0, 1, 99, 1_234_567, MAX_FEN] {
            assert_eq!(parse_yuan(&format_yuan(fen)).unwrap(), fen);
        }
    }

    fn caps(yuan: &str) -> String {
        to_capitals(parse_yuan(yuan).unwrap()).unwrap()
    }

    #[test]
    fn domain_worked_pairs() {
        assert_eq!(caps("1409.50"), "人民币壹仟肆佰零玖元伍角");
        assert_eq!(caps("6007.14"), "人民币陆仟零柒元壹角肆分");
        // Optional 零 between 元 and 角 not written (allowed form 2).
        assert_eq!(caps("1680.32"), "人民币壹仟陆佰捌拾元叁角贰分");
        // Zero run between non-zero digits across 万 written (allowed form 2).
        assert_eq!(caps("107000.53"), "人民币壹拾万零柒仟元伍角叁分");
        assert_eq!(caps("16409.02"), "人民币壹万陆仟肆佰零玖元零贰分");
        assert_eq!(caps("325.04"), "人民币叁佰贰拾伍元零肆分");
    }

    #[test]
    fn more_capitals() {
        let cases = [
            ("0.01", "人民币壹分"),
            ("0.50", "人民币伍角"),
            ("0.55", "人民币伍角伍分"),
            ("0", "人民币零元整"),
            ("10.00", "人民币壹拾元整"),
            ("15", "人民币壹拾伍元整"),
            ("110", "人民币壹佰壹拾元整"),
            ("1010", "人民币壹仟零壹拾元整"),
            ("100000.00", "人民币壹拾万元整"),
            ("1000000000.00", "人民币壹拾亿元整"),
            ("1234567890.12", "人民币壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾元壹角贰分"),
            ("100010001.00", "人民币壹亿零壹万零壹元整"),
            ("12345.67", "人民币壹万贰仟叁佰肆拾伍元陆角柒分"),
            ("100001000", "人民币壹亿零壹仟元整"),
            ("110000000", "人民币壹亿壹仟万元整"),
            ("10100000", "人民币壹仟零壹拾万元整"),
            ("10000001", "人民币壹仟万零壹元整"),
            ("2000000005", "人民币贰拾亿零伍元整"),
            ("1000000000000.00", "人民币壹万亿元整"),
            ("1234500000000", "人民币壹万贰仟叁佰肆拾伍亿元整"),
            ("1000100000000", "人民币壹万零壹亿元整"),
            ("1000000010000", "人民币壹万亿零壹万元整"),
            ("100000.10", "人民币壹拾万元壹角"),
            ("100000.01", "人民币壹拾万元零壹分"),
            (
                "9,999,999,999,999.99",
                "人民币玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分",
            ),
            (
                "9,999,999,999,999,999.99",
                "人民币玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分",
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(caps(input), expected, "{input}");
        }
    }

    #[test]
    fn capitals_range_errors() {
        assert_eq!(to_capitals(-1).unwrap_err().code(), "money.range");
        assert_eq!(to_capitals(MAX_FEN + 1).unwrap_err().code(), "money.range");
        assert_eq!(to_capitals(i64::MAX).unwrap_err().code(), "money.range");
    }

    #[test]
    fn capitals_use_only_allowed_characters() {
        let allowed = "人民币壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分零整";
        for fen in (0..2_000_000i64).step_by(997).chain([MAX_FEN, 100_000_000_000_000]) {
            let s = to_capitals(fen).unwrap();
            assert!(s.chars().all(|c| allowed.contains(c)), "{fen}: {s}");
            assert!(!s.contains("零零"), "{fen}: {s}");
        }
    }
}
