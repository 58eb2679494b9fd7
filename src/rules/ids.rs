//! Identity numbers: 居民身份证号码 (GB 11643-1999, and the old 15-digit GB 11643-1989 form) and
//! 统一社会信用代码 (GB 32100-2015).

use chrono::{Local, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// What an identity number tells about its holder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdInfo {
    pub birth: NaiveDate,
    /// Sequence code odd = male, even = female.
    pub male: bool,
}

/// ISO 7064 MOD 11-2 weights for positions 1–17 (2^(18−i) mod 11).
const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// Check character for R = S mod 11.
const ID_CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// The MOD 11-2 check character for the first 17 digits (ASCII digits expected).
fn id_check_char(first17: &[u8]) -> char {
    let sum: u32 = first17.iter().zip(ID_WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
    ID_CHECK[(sum % 11) as usize]
}

fn birth_date(y: &str, m: &str, d: &str, today: NaiveDate) -> Result<NaiveDate> {
    let bad =
        || Error::invalid("id.birth", format!("身份证号码中的出生日期 {y}-{m}-{d} 不是有效日期"));
    let date = match (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) {
        (Ok(y), Ok(m), Ok(d)) => NaiveDate::from_ymd_opt(y, m, d).ok_or_else(bad)?,
        _ => return Err(bad()),
    };
    if y.parse::<i32>().unwrap_or(0) < 1900 {
        return Err(Error::invalid("id.birth", format!("身份证号码中的出生年份 {y} 早于1900年")));
    }
    if date > today {
        return Err(Error::invalid(
            "id.birth",
            format!("身份证号码中的出生日期 {y}-{m}-{d} 晚于今天"),
        ));
    }
    Ok(date)
}

/// Checks a 居民身份证号码 against today's date. See [`check_id_number_as_of`].
pub fn check_id_number(s: &str) -> Result<IdInfo> {
    check_id_number_as_of(s, Local::now().date_naive())
}

/// Checks a 居民身份证号码: 18 characters (17 digits + check digit or `X`; a lowercase `x` is
/// accepted) with a real birth date from 1900 up to `today` and a correct MOD 11-2 check
/// character; or an old 15-digit number (digits only, birth date 19YYMMDD, no check character).
/// Surrounding whitespace is ignored.
pub fn check_id_number_as_of(s: &str, today: NaiveDate) -> Result<IdInfo> {
    let id = s.trim().to_uppercase();
    let b = id.as_bytes();
    let n = id.chars().count();
    match n {
        18 => {
            let shape_ok = b.len() == 18
                && b[..17].iter().all(u8::is_ascii_digit)
                && (b[17].is_ascii_digit() || b[17] == b'X');
            if !shape_ok {
                return Err(Error::invalid(
                    "id.format",
                    "身份证号码格式不正确：前17位应为数字，最后一位为数字或 X",
                ));
            }
            let birth = birth_date(&id[6..10], &id[10..12], &id[12..14], today)?;
            let expected = id_check_char(&b[..17]);
            let actual = char::from(b[17]);
            if expected != actual {
                return Err(Error::invalid(
                    "id.check_digit",
                    format!("身份证号码校验位错误：应为 {expected}，实为 {actual}（请核对号码是否抄错）"),
                ));
            }
            Ok(IdInfo { birth, male: (b[16] - b'0') % 2 == 1 })
        }
        15 => {
            if !b.iter().all(u8::is_ascii_digit) {
                return Err(Error::invalid("id.format", "15位旧身份证号码应全部为数字"));
            }
            let year = format!("19{}", &id[6..8]);
            let birth = birth_date(&year, &id[8..10], &id[10..12], today)?;
            Ok(IdInfo { birth, male: (b[14] - b'0') % 2 == 1 })
        }
        0 => Err(Error::invalid("id.format", "身份证号码不能为空")),
        _ => {
            Err(Error::invalid("id.format", format!("身份证号码应为18位（或旧式15位），实为{n}位")))
        }
    }
}

/// Result of a 统一社会信用代码 check. A wrong check character is only a warning: some real codes
/// are reported to fail the check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CreditCheck {
    Valid,
    BadCheckDigit { expected: char },
}

/// GB 32100 character set; a character's value is its index (0–30).
const CREDIT_CHARSET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weights for positions 1–17 (3^(i−1) mod 31).
const CREDIT_WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

fn credit_value(c: char) -> Option<u32> {
    CREDIT_CHARSET.find(c).map(|i| i as u32)
}

/// Checks a 统一社会信用代码 (trimmed; lowercase letters accepted). A wrong length or a character
/// outside `0-9 A-Z` without I, O, Z, S, V is an error (`credit.format`); a wrong check character is
/// `Ok(CreditCheck::BadCheckDigit)`. Positions 1–2 (authority and entity type) are not validated.
pub fn check_credit_code(s: &str) -> Result<CreditCheck> {
    let code = s.trim().to_uppercase();
    let chars: Vec<char> = code.chars().collect();
    if chars.len() != 18 {
        return Err(Error::invalid(
            "credit.format",
            format!("统一社会信用代码应为18位，实为{}位", chars.len()),
        ));
    }
    let mut values = [0u32; 18];
    for (i, &c) in chars.iter().enumerate() {
        values[i] = credit_value(c).ok_or_else(|| {
            Error::invalid(
                "credit.format",
                format!("统一社会信用代码第{}位“{c}”不是允许的字符（数字或大写字母，不含 I、O、Z、S、V）", i + 1),
            )
        })?;
    }
    let sum: u32 = values[..17].iter().zip(CREDIT_WEIGHTS).map(|(v, w)| v * w).sum();
    let check = (31 - sum % 31) % 31;
    if values[17] == check {
        Ok(CreditCheck::Valid)
    } else {
        let expected = CREDIT_CHARSET.as_bytes()[check as usize] as char;
        Ok(CreditCheck::BadCheckDigit { expected })
    }
}

/// Chinese warning text for a failed check character, `None` when the code is valid.
pub fn credit_warning(c: &CreditCheck) -> Option<String> {
    match c {
        CreditCheck::Valid => None,
        CreditCheck::BadCheckDigit { expected } => Some(format!(
            "统一社会信用代码校验位不符（按 GB 32100 计算应为 {expected}）。请对照营业执照等原件核对；如原件即为此号，可继续保存。"
        )),
    }
}

/// Appends the check character to 17 ASCII digits (for generated fixtures and demos).
pub fn complete_id_number(first17: &str) -> String {
    format!("{first17}{}", id_check_char(first17.as_bytes()))
}

/// Appends the check character to the first 17 characters of a credit code (fixtures and demos).
pub fn complete_credit_code(first17: &str) -> String {
    let sum: u32 =
        first17.chars().filter_map(credit_value).zip(CREDIT_WEIGHTS).map(|(v, w)| v * w).sum();
    let check = (31 - sum % 31) % 31;
    format!("{first17}{}", CREDIT_CHARSET.as_bytes()[check as usize] as char)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
    }

    #[test]
    fn valid_id_numbers() {
        let a = check_id_number("11010519491231002X").unwrap();
        assert_eq!(
            a,
            IdInfo { birth: NaiveDate::from_ymd_opt(1949, 12, 31).unwrap(), male: false }
        );
        let b = check_id_number("370101190102039973").unwrap();
        assert_eq!(b, IdInfo { birth: NaiveDate::from_ymd_opt(1901, 2, 3).unwrap(), male: true });
        let c = check_id_number(" 513101198201130014 ").unwrap();
        assert_eq!(c, IdInfo { birth: NaiveDate::from_ymd_opt(1982, 1, 13).unwrap(), male: true });
        // lowercase x
        assert!(check_id_number("11010519491231002x").is_ok());
    }

    #[test]
    fn flipped_digits_fail_check() {
        let valid = "513101198201130014";
        for pos in [0usize, 3, 14, 16, 17] {
            let mut b = valid.as_bytes().to_vec();
            b[pos] = if b[pos] == b'9' { b'0' } else { b[pos] + 1 };
            let s = String::from_utf8(b).unwrap();
            let e = check_id_number_as_of(&s, today()).unwrap_err();
            assert_eq!(e.code(), "id.check_digit", "{s}");
        }
        let e = check_id_number("513101198201130013").unwrap_err();
        assert_eq!(e.message(), "身份证号码校验位错误：应为 4，实为 3（请核对号码是否抄错）");
        let e = check_id_number("110105194912310023").unwrap_err();
        assert!(e.message().starts_with("身份证号码校验位错误：应为 X，实为 3"), "{}", e.message());
    }

    #[test]
    fn id_format_and_birth_errors() {
        for s in [
            "",
            "1234",
            "11010519491231002Y",
            "1101051949123100XX",
            "11010519491231002X1",
            "Ａ10105194912310023",
        ] {
            assert_eq!(check_id_number_as_of(s, today()).unwrap_err().code(), "id.format", "{s}");
        }
        // 1949-02-30 does not exist; year 1899; future birth date (check digits computed to be valid).
        for first17 in ["11010519490230002", "11010518991231002", "11010520991231002"] {
            let s = format!("{first17}{}", id_check_char(first17.as_bytes()));
            assert_eq!(check_id_number_as_of(&s, today()).unwrap_err().code(), "id.birth", "{s}");
        }
    }

    #[test]
    fn old_fifteen_digit_numbers() {
        let info = check_id_number("110105491231002").unwrap();
        assert_eq!(
            info,
            IdInfo { birth: NaiveDate::from_ymd_opt(1949, 12, 31).unwrap(), male: false }
        );
        let info = check_id_number(" 370101820113003 ").unwrap();
        assert_eq!(
            info,
            IdInfo { birth: NaiveDate::from_ymd_opt(1982, 1, 13).unwrap(), male: true }
        );
        assert_eq!(check_id_number("110105491331002").unwrap_err().code(), "id.birth");
        assert_eq!(check_id_number("11010549123100X").unwrap_err().code(), "id.format");
    }

    #[test]
    fn credit_codes() {
        assert_eq!(check_credit_code("91350100M000100Y43").unwrap(), CreditCheck::Valid);
        assert_eq!(check_credit_code("11320000MB151840XJ").unwrap(), CreditCheck::Valid);
        assert_eq!(check_credit_code(" 11320000mb151840xj ").unwrap(), CreditCheck::Valid);
        let bad = check_credit_code("91310115MA1H8R7C6D").unwrap();
        assert!(matches!(bad, CreditCheck::BadCheckDigit { .. }));
        let w = credit_warning(&bad).unwrap();
        assert!(w.contains("校验位不符"), "{w}");
        assert_eq!(credit_warning(&CreditCheck::Valid), None);
        // The standard's printed example …Y4Z is invalid; the computed check is 3.
        assert_eq!(
            check_credit_code("91350100M000100Y4Z").unwrap_err().code(),
            "credit.format" // Z is outside the character set
        );
        assert_eq!(
            check_credit_code("91350100M000100Y40").unwrap(),
            CreditCheck::BadCheckDigit { expected: '3' }
        );
    }

    #[test]
    fn credit_format_errors() {
        for s in [
            "",
            "91350100M000100Y4",
            "91350100M000100Y433",
            "91350100M00010OY43",
            "9135010IM000100Y43",
        ] {
            let e = check_credit_code(s).unwrap_err();
            assert_eq!(e.code(), "credit.format", "{s}");
        }
        let e = check_credit_code("91350100M00010OY43").unwrap_err();
        assert!(e.message().contains("第15位“O”"), "{}", e.message());
    }
}
