//! Dates in court documents: the 落款 date in Chinese numerals, dates in the body in Arabic
//! numerals (人民法院裁判文书制作规范; GB/T 9704-2012 for Arabic 成文日期).

use chrono::{Datelike, NaiveDate};

const YEAR_DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// A counting number 1–99 in Chinese numerals: 一 … 十, 十一, 二十, 二十一, 三十一.
fn counting_number(n: u32) -> String {
    let tens = n / 10;
    let ones = n % 10;
    let mut s = String::new();
    match tens {
        0 => {}
        1 => s.push('十'),
        t => {
            s.push(YEAR_DIGITS[t as usize % 10]);
            s.push('十');
        }
    }
    if ones != 0 || tens == 0 {
        s.push(YEAR_DIGITS[ones as usize]);
    }
    s
}

/// 落款 date: the year digit by digit with 〇 (U+3007) for zero, month and day as counting
/// numbers, e.g. 2026-11-27 → 二〇二六年十一月二十七日.
pub fn chinese_date(d: NaiveDate) -> String {
    let year: String = d
        .year()
        .to_string()
        .chars()
        .map(|c| c.to_digit(10).map_or(c, |v| YEAR_DIGITS[v as usize]))
        .collect();
    format!("{year}年{}月{}日", counting_number(d.month()), counting_number(d.day()))
}

/// Body-text date in Arabic numerals without padding: 2026-11-27 → 2026年11月27日.
pub fn arabic_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn chinese_dates() {
        assert_eq!(chinese_date(d(2026, 11, 27)), "二〇二六年十一月二十七日");
        assert_eq!(chinese_date(d(2017, 3, 13)), "二〇一七年三月十三日");
        assert_eq!(chinese_date(d(2000, 10, 1)), "二〇〇〇年十月一日");
        assert_eq!(chinese_date(d(2026, 12, 10)), "二〇二六年十二月十日");
        assert_eq!(chinese_date(d(2026, 1, 20)), "二〇二六年一月二十日");
        assert_eq!(chinese_date(d(2026, 1, 30)), "二〇二六年一月三十日");
        assert_eq!(chinese_date(d(2026, 1, 31)), "二〇二六年一月三十一日");
        assert_eq!(chinese_date(d(2026, 2, 21)), "二〇二六年二月二十一日");
        assert_eq!(chinese_date(d(1999, 9, 9)), "一九九九年九月九日");
        // U+3007, not the digit 0 or 零
        assert_eq!(chinese_date(d(2026, 1, 1)).chars().nth(1), Some('\u{3007}'));
    }

    #[test]
    fn counting_numbers() {
        let expected = [
            "一",
            "二",
            "三",
            "四",
            "五",
            "六",
            "七",
            "八",
            "九",
            "十",
            "十一",
            "十二",
            "十三",
            "十四",
            "十五",
            "十六",
            "十七",
            "十八",
            "十九",
            "二十",
            "二十一",
            "二十二",
            "二十三",
            "二十四",
            "二十五",
            "二十六",
            "二十七",
            "二十八",
            "二十九",
            "三十",
            "三十一",
        ];
        for (i, e) in expected.iter().enumerate() {
            assert_eq!(counting_number(i as u32 + 1), *e);
        }
    }

    #[test]
    fn arabic_dates() {
        assert_eq!(arabic_date(d(2026, 11, 27)), "2026年11月27日");
        assert_eq!(arabic_date(d(2026, 1, 5)), "2026年1月5日");
    }
}
