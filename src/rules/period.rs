//! Counting of periods (期间) under 民诉法 (2023) art 85:
//! - the day on which the period starts is not counted;
//! - if the last day falls on a holiday, the period ends on the first working day after it.
//!
//! Saturdays and Sundays count as holidays unless the calendar marks them as adjusted working
//! days (调休上班). Statutory holidays come from an editable [`Calendar`]; [`china_2026`] is only a
//! default for the user to check and extend in the settings.

use std::collections::BTreeSet;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Holidays and adjusted working days.
///
/// `holidays`: statutory holidays (放假日), including any weekday taken off by adjustment.
/// `workdays`: weekend days made working days by adjustment (调休上班).
/// A date present in both sets is treated as a holiday (the longer period favours the party);
/// [`parse_calendar_lines`] rejects such conflicts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Calendar {
    pub holidays: BTreeSet<NaiveDate>,
    pub workdays: BTreeSet<NaiveDate>,
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

impl Calendar {
    /// True on an ordinary weekday that is not a holiday, or on an adjusted working day.
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        if self.holidays.contains(&d) {
            return false;
        }
        if self.workdays.contains(&d) {
            return true;
        }
        !is_weekend(d)
    }

    /// `d` itself if it is a working day, otherwise the first working day after it.
    pub fn next_working_day_on_or_after(&self, d: NaiveDate) -> NaiveDate {
        let mut day = d;
        // Terminates: the holiday set is finite and every week has weekdays.
        while !self.is_working_day(day) {
            match day.succ_opt() {
                Some(next) => day = next,
                None => return day,
            }
        }
        day
    }

    /// The calendar as text lines accepted by [`parse_calendar_lines`], sorted by date.
    pub fn to_lines(&self) -> String {
        let mut out =
            String::from("# 节假日与调休上班日：每行“日期 假”或“日期 班”，日期格式 YYYY-MM-DD\n");
        let mut all: Vec<(NaiveDate, &str)> = self
            .holidays
            .iter()
            .map(|d| (*d, "假"))
            .chain(self.workdays.iter().map(|d| (*d, "班")))
            .collect();
        all.sort();
        for (d, kind) in all {
            out.push_str(&format!("{} {}\n", d.format("%Y-%m-%d"), kind));
        }
        out
    }
}

/// Last day of a period of `days` days starting on `start` (the start day is not counted),
/// rolled forward to a working day. Saturates at the largest representable date.
pub fn period_end(start: NaiveDate, days: u32, cal: &Calendar) -> NaiveDate {
    let raw = start.checked_add_days(Days::new(u64::from(days))).unwrap_or(NaiveDate::MAX);
    cal.next_working_day_on_or_after(raw)
}

/// The same day `years` years later (or earlier); 29 February becomes 28 February in a
/// non-leap year. Saturates at the representable range.
pub fn add_years(d: NaiveDate, years: i32) -> NaiveDate {
    let y = d.year().saturating_add(years);
    NaiveDate::from_ymd_opt(y, d.month(), d.day())
        .or_else(|| NaiveDate::from_ymd_opt(y, d.month(), 28))
        .unwrap_or(if years >= 0 { NaiveDate::MAX } else { NaiveDate::MIN })
}

/// Last day for applying to resume execution (申请执行期间, 民诉法 2023 art 250; 执行和解规定
/// art 10): `years` (normally 2) counted from the last day of the performance period agreed in the
/// settlement, ending on the corresponding day, rolled forward to a working day.
///
/// Suspension (中止) and interruption (中断) of the period are not modelled here: the caller
/// passes the date from which the period (re)starts.
pub fn resume_deadline(last_performance_day: NaiveDate, years: i32, cal: &Calendar) -> NaiveDate {
    cal.next_working_day_on_or_after(add_years(last_performance_day, years))
}

/// Days from `today` until `end`: 0 on the last day, negative when overdue.
pub fn days_left(today: NaiveDate, end: NaiveDate) -> i64 {
    (end - today).num_days()
}

/// Reads a calendar from lines like `2026-10-01 假` (holiday) or `2026-10-10 班` (adjusted working
/// day). `休` is accepted for `假`. `#` starts a comment; blank lines are ignored. A date may
/// appear only once with one meaning; a `班` date must be a Saturday or a Sunday.
pub fn parse_calendar_lines(text: &str) -> Result<Calendar> {
    let mut cal = Calendar::default();
    for (idx, raw) in text.lines().enumerate() {
        let place = format!("第{}行", idx + 1);
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.len() != 2 {
            return Err(Error::invalid(
                "calendar.format",
                format!("应为“日期 假”或“日期 班”两项，例如“2026-10-01 假”，实为“{line}”"),
            )
            .at(&place));
        }
        let date = NaiveDate::parse_from_str(fields[0], "%Y-%m-%d").map_err(|_| {
            Error::invalid(
                "calendar.date",
                format!("日期“{}”无效，应为 YYYY-MM-DD 格式的真实日期", fields[0]),
            )
            .at(&place)
        })?;
        let holiday = match fields[1] {
            "假" | "休" => true,
            "班" => false,
            other => {
                return Err(Error::invalid(
                    "calendar.kind",
                    format!("类别“{other}”无效，应为“假”（放假）或“班”（调休上班）"),
                )
                .at(&place))
            }
        };
        let (this, other) = if holiday {
            (&mut cal.holidays, &cal.workdays)
        } else {
            (&mut cal.workdays, &cal.holidays)
        };
        if other.contains(&date) || !this.insert(date) {
            return Err(Error::invalid(
                "calendar.duplicate",
                format!("日期 {} 重复出现", fields[0]),
            )
            .at(&place));
        }
        if !holiday && !is_weekend(date) {
            return Err(Error::invalid(
                "calendar.workday",
                format!("{} 不是周六或周日，无需标为调休上班日（“班”）", fields[0]),
            )
            .at(&place));
        }
    }
    Ok(cal)
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid built-in calendar date")
}

/// Default calendar for 2026 per the 国务院办公厅关于2026年部分节假日安排的通知 (dated 2025-11-04,
/// as reprinted from 新华社). It is a DEFAULT only, not authoritative: the user can check and edit
/// it in the settings (as text via [`Calendar::to_lines`] / [`parse_calendar_lines`]), and must add
/// later years when they are published.
///
/// 元旦 1月1–3日 (1月4日周日上班); 春节 2月15–23日 (2月14日周六、2月28日周六上班);
/// 清明 4月4–6日; 劳动节 5月1–5日 (5月9日周六上班); 端午 6月19–21日; 中秋 9月25–27日;
/// 国庆 10月1–7日 (9月20日周日、10月10日周六上班).
pub fn china_2026() -> Calendar {
    let ranges: [((u32, u32), (u32, u32)); 7] = [
        ((1, 1), (1, 3)),
        ((2, 15), (2, 23)),
        ((4, 4), (4, 6)),
        ((5, 1), (5, 5)),
        ((6, 19), (6, 21)),
        ((9, 25), (9, 27)),
        ((10, 1), (10, 7)),
    ];
    let mut cal = Calendar::default();
    for ((m1, d1), (m2, d2)) in ranges {
        let end = ymd(2026, m2, d2);
        let mut d = ymd(2026, m1, d1);
        while d <= end {
            cal.holidays.insert(d);
            d = d.succ_opt().expect("2026 has a next day");
        }
    }
    for (m, d) in [(1, 4), (2, 14), (2, 28), (5, 9), (9, 20), (10, 10)] {
        cal.workdays.insert(ymd(2026, m, d));
    }
    cal
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn working_days() {
        let cal = china_2026();
        assert!(cal.is_working_day(d("2026-11-30"))); // Monday
        assert!(!cal.is_working_day(d("2026-11-28"))); // Saturday
        assert!(!cal.is_working_day(d("2026-10-01"))); // 国庆, Thursday
        assert!(cal.is_working_day(d("2026-10-10"))); // Saturday, adjusted workday
        assert!(cal.is_working_day(d("2026-01-04"))); // Sunday, adjusted workday
        assert!(!Calendar::default().is_working_day(d("2026-10-10")));
        assert_eq!(cal.next_working_day_on_or_after(d("2026-02-15")), d("2026-02-24"));
        assert_eq!(cal.next_working_day_on_or_after(d("2026-11-30")), d("2026-11-30"));
    }

    #[test]
    fn saturday_rolls_to_monday() {
        // 2026-11-18 (Wed) + 10 days = 2026-11-28 (Sat) → Monday 2026-11-30.
        assert_eq!(period_end(d("2026-11-18"), 10, &china_2026()), d("2026-11-30"));
        assert_eq!(period_end(d("2026-11-18"), 10, &Calendar::default()), d("2026-11-30"));
    }

    #[test]
    fn national_day_week_rolls_to_oct_8() {
        let cal = china_2026();
        // 2026-09-01 + 30 days = 2026-10-01 → 2026-10-08 (Thursday).
        assert_eq!(period_end(d("2026-09-01"), 30, &cal), d("2026-10-08"));
        assert_eq!(period_end(d("2026-09-27"), 10, &cal), d("2026-10-08"));
        // Mid-autumn 9-25..27 then a working Monday.
        assert_eq!(period_end(d("2026-09-15"), 10, &cal), d("2026-09-28"));
    }

    #[test]
    fn adjusted_workday_does_not_roll() {
        let cal = china_2026();
        // 2026-09-30 + 10 days = 2026-10-10 (Saturday, 调休上班).
        assert_eq!(period_end(d("2026-09-30"), 10, &cal), d("2026-10-10"));
        // 2026-09-10 + 10 days = 2026-09-20 (Sunday, 调休上班).
        assert_eq!(period_end(d("2026-09-10"), 10, &cal), d("2026-09-20"));
    }

    #[test]
    fn thirty_days_from_end_of_november() {
        let cal = china_2026();
        assert_eq!(period_end(d("2026-11-30"), 30, &cal), d("2026-12-30")); // Wednesday
        assert_eq!(period_end(d("2026-11-30"), 0, &cal), d("2026-11-30"));
        // Start day not counted: a 1-day period from Friday ends Monday (Saturday rolls).
        assert_eq!(period_end(d("2026-11-27"), 1, &cal), d("2026-11-30"));
        // Into an unknown year: weekends still roll.
        assert_eq!(period_end(d("2026-12-02"), 30, &cal), d("2027-01-01")); // Friday, no 2027 data
    }

    #[test]
    fn years_and_leap_days() {
        assert_eq!(add_years(d("2028-02-29"), 1), d("2029-02-28"));
        assert_eq!(add_years(d("2028-02-29"), 4), d("2032-02-29"));
        assert_eq!(add_years(d("2026-06-30"), 2), d("2028-06-30"));
        assert_eq!(add_years(d("2026-06-30"), -1), d("2025-06-30"));
        // 2027-02-28 (Sunday) + 2 years: 2029-02-28 is a Wednesday.
        assert_eq!(resume_deadline(d("2027-02-28"), 2, &Calendar::default()), d("2029-02-28"));
        // 2024-10-01 + 2 years = 2026-10-01 (国庆) → 2026-10-08.
        assert_eq!(resume_deadline(d("2024-10-01"), 2, &china_2026()), d("2026-10-08"));
        // 2024-11-28 + 2 = 2026-11-28 (Saturday) → Monday.
        assert_eq!(resume_deadline(d("2024-11-28"), 2, &china_2026()), d("2026-11-30"));
    }

    #[test]
    fn days_left_counts() {
        assert_eq!(days_left(d("2026-11-30"), d("2026-11-30")), 0);
        assert_eq!(days_left(d("2026-11-30"), d("2026-12-30")), 30);
        assert_eq!(days_left(d("2026-12-31"), d("2026-12-30")), -1);
    }

    #[test]
    fn default_2026_calendar_is_consistent() {
        let cal = china_2026();
        assert_eq!(cal.holidays.len(), 3 + 9 + 3 + 5 + 3 + 3 + 7);
        assert_eq!(cal.workdays.len(), 6);
        assert!(cal.workdays.iter().all(|w| is_weekend(*w)));
        assert!(cal.holidays.is_disjoint(&cal.workdays));
        assert_eq!(parse_calendar_lines(&cal.to_lines()).unwrap(), cal);
    }

    #[test]
    fn parses_lines() {
        let text = "# 2026 国庆\n\n2026-10-01 假\n 2026-10-02\t休  # 注释\n2026-10-10 班\n";
        let cal = parse_calendar_lines(text).unwrap();
        assert_eq!(cal.holidays.len(), 2);
        assert!(cal.workdays.contains(&d("2026-10-10")));
        assert_eq!(parse_calendar_lines("").unwrap(), Calendar::default());
    }

    #[test]
    fn rejects_bad_lines_by_line_number() {
        let cases = [
            ("2026-10-01 假\n2026-13-01 假", "calendar.date", "第2行："),
            ("2026-10-01", "calendar.format", "第1行："),
            ("\n\n2026-10-01 上班", "calendar.kind", "第3行："),
            ("2026-10-01 假\n2026-10-01 假", "calendar.duplicate", "第2行："),
            ("2026-10-10 假\n2026-10-10 班", "calendar.duplicate", "第2行："),
            ("2026-10-09 班", "calendar.workday", "第1行："),
            ("2026/10/01 假", "calendar.date", "第1行："),
        ];
        for (text, code, prefix) in cases {
            let e = parse_calendar_lines(text).unwrap_err();
            assert_eq!(e.code(), code, "{text}");
            assert!(e.message().starts_with(prefix), "{text}: {}", e.message());
        }
    }
}
