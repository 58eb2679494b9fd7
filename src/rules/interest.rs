//! 迟延履行期间的债务利息 — the doubled part (加倍部分) under 法释〔2014〕8号 art 1:
//! unpaid money debt (excluding general interest) × 0.000175 per day × days of delay.
//! General interest awarded by the judgment is not computed here.
//!
//! ASSUMPTION (UNCONFIRMED, see DOMAIN §6): accrual starts on the day **after** the due date
//! (the due date itself is the last day to perform) and runs up to and including the payment
//! day or the `until` day. A debt paid on its due date accrues nothing; paid one day late, one day.
//! Periods excluded by art 3 (suspension not requested by the debtor, retrial) are not modelled:
//! the caller shortens the dates accordingly.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Daily rate 0.000175 = 175 / 1_000_000.
const RATE_NUMERATOR: i128 = 175;
const RATE_DENOMINATOR: i128 = 1_000_000;

/// `amount × rate numerator × days`, saturating (never overflows on absurd inputs).
fn term(amount: i64, days: i64) -> i128 {
    i128::from(amount).saturating_mul(RATE_NUMERATOR).saturating_mul(i128::from(days))
}

/// Rounds `numerator / RATE_DENOMINATOR` half up (numerator ≥ 0) and saturates to `i64`.
fn round_fen(numerator: i128) -> i64 {
    let v = numerator.saturating_add(RATE_DENOMINATOR / 2) / RATE_DENOMINATOR;
    i64::try_from(v).unwrap_or(i64::MAX)
}

/// Doubled-part interest in 分 on `unpaid_fen` for `days` days of delay, rounded half up to the 分.
/// Returns 0 when `days` ≤ 0 or `unpaid_fen` ≤ 0.
pub fn delay_interest(unpaid_fen: i64, days: i64) -> i64 {
    if days <= 0 || unpaid_fen <= 0 {
        return 0;
    }
    round_fen(term(unpaid_fen, days))
}

/// One installment of the money obligation: `amount` 分 due on `due`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Installment {
    pub due: NaiveDate,
    pub amount: i64,
}

/// One payment of `amount` 分 made on `on`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    pub on: NaiveDate,
    pub amount: i64,
}

/// Days of delay from the day after `due` up to and including `end` (0 if not late).
fn days_late(due: NaiveDate, end: NaiveDate) -> i64 {
    (end - due).num_days().max(0)
}

/// Total doubled-part interest in 分 for an installment schedule as of `until`.
///
/// - Installments are taken oldest due date first (ties in input order).
/// - Payments made on or before `until` are taken in date order and applied to the oldest
///   installment that is still unpaid; each paid part stops accruing on its payment day.
///   Payments after `until` are ignored; an overpayment beyond all installments is ignored.
/// - What remains unpaid accrues up to and including `until`.
/// - Accrual starts the day after each due date (see the module ASSUMPTION).
/// - Amounts ≤ 0 are ignored. The exact sum is rounded half up to the 分 once, at the end.
pub fn delay_interest_schedule(
    installments: &[Installment],
    payments: &[Payment],
    until: NaiveDate,
) -> i64 {
    let mut open: Vec<(NaiveDate, i64)> =
        installments.iter().filter(|i| i.amount > 0).map(|i| (i.due, i.amount)).collect();
    open.sort_by_key(|(due, _)| *due);

    let mut paid: Vec<&Payment> =
        payments.iter().filter(|p| p.amount > 0 && p.on <= until).collect();
    paid.sort_by_key(|p| p.on);

    let mut numerator: i128 = 0;
    let mut idx = 0;
    for p in paid {
        let mut left = p.amount;
        while left > 0 && idx < open.len() {
            let (due, remaining) = &mut open[idx];
            let part = left.min(*remaining);
            numerator = numerator.saturating_add(term(part, days_late(*due, p.on)));
            *remaining -= part;
            left -= part;
            if *remaining == 0 {
                idx += 1;
            }
        }
    }
    for (due, remaining) in &open[idx..] {
        numerator = numerator.saturating_add(term(*remaining, days_late(*due, until)));
    }
    round_fen(numerator)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn inst(due: &str, yuan: i64) -> Installment {
        Installment { due: d(due), amount: yuan * 100 }
    }

    fn pay(on: &str, yuan: i64) -> Payment {
        Payment { on: d(on), amount: yuan * 100 }
    }

    #[test]
    fn domain_vector() {
        // 100 000 元 × 0.000175 × 30 days = 525.00 元
        assert_eq!(delay_interest(10_000_000, 30), 52_500);
    }

    #[test]
    fn rounding_and_edges() {
        assert_eq!(delay_interest(10_000_000, 0), 0);
        assert_eq!(delay_interest(10_000_000, -3), 0);
        assert_eq!(delay_interest(0, 30), 0);
        assert_eq!(delay_interest(-100, 30), 0);
        // 100 元 × 1 day = 1.75 分 → 2 分; 10 元 × 1 day = 0.175 分 → 0
        assert_eq!(delay_interest(10_000, 1), 2);
        assert_eq!(delay_interest(1_000, 1), 0);
        // exactly half: 20_000 分 × 175 × 1 = 3_500_000 → 3.5 分 → 4 分
        assert_eq!(delay_interest(20_000, 1), 4);
        // 1 分 short of half rounds down: 2857 × 175 = 499_975 → 0
        assert_eq!(delay_interest(2_857, 1), 0);
        assert_eq!(delay_interest(2_858, 1), 1);
        // no overflow on huge inputs
        assert_eq!(delay_interest(i64::MAX, i64::MAX), i64::MAX);
    }

    #[test]
    fn single_installment_unpaid() {
        let s = [inst("2026-01-31", 100_000)];
        assert_eq!(delay_interest_schedule(&s, &[], d("2026-01-31")), 0);
        assert_eq!(delay_interest_schedule(&s, &[], d("2026-01-15")), 0);
        // Feb 1 .. Mar 2 = 30 days
        assert_eq!(delay_interest_schedule(&s, &[], d("2026-03-02")), 52_500);
    }

    #[test]
    fn payments_stop_accrual() {
        let s = [inst("2026-01-31", 100_000)];
        // Paid on time: nothing.
        assert_eq!(delay_interest_schedule(&s, &[pay("2026-01-31", 100_000)], d("2026-06-30")), 0);
        // Paid in full 30 days late.
        assert_eq!(
            delay_interest_schedule(&s, &[pay("2026-03-02", 100_000)], d("2026-06-30")),
            52_500
        );
        // Half paid after 10 days, rest open until day 30: 50 000×10 + 50 000×30 days.
        let expected = delay_interest(5_000_000, 10) + delay_interest(5_000_000, 30);
        assert_eq!(
            delay_interest_schedule(&s, &[pay("2026-02-10", 50_000)], d("2026-03-02")),
            expected
        );
        // Payment after `until` is ignored.
        assert_eq!(
            delay_interest_schedule(&s, &[pay("2026-03-05", 100_000)], d("2026-03-02")),
            52_500
        );
    }

    #[test]
    fn oldest_installment_first() {
        // Given out of order on purpose.
        let s = [inst("2026-03-31", 10_000), inst("2026-01-31", 10_000)];
        // A payment of 10 000 on 2026-03-31 clears January's installment (59 days late);
        // March's installment stays open until 2026-04-30 (30 days).
        let p = [pay("2026-03-31", 10_000)];
        let expected_num = 1_000_000i128 * 175 * 59 + 1_000_000i128 * 175 * 30;
        assert_eq!(delay_interest_schedule(&s, &p, d("2026-04-30")), round_fen(expected_num));
        assert_eq!(round_fen(expected_num), 15_575);
        // A payment spanning two installments.
        let p = [pay("2026-02-10", 15_000)];
        // Jan: 10 000 paid 10 days late; Mar: 5 000 prepaid (0 days), 5 000 open 30 days.
        let expected = round_fen(1_000_000i128 * 175 * 10 + 500_000i128 * 175 * 30);
        assert_eq!(delay_interest_schedule(&s, &p, d("2026-04-30")), expected);
        // Overpayment and non-positive amounts are ignored.
        let p = [pay("2026-01-31", 0), pay("2026-01-31", 50_000)];
        assert_eq!(delay_interest_schedule(&s, &p, d("2026-12-31")), 0);
    }

    #[test]
    fn rounds_once_on_the_total() {
        // Two installments of 100 元 each 1 day late: 1.75 + 1.75 = 3.5 分 → 4 分 (not 2 + 2).
        let s = [inst("2026-01-30", 100), inst("2026-01-30", 100)];
        assert_eq!(delay_interest_schedule(&s, &[], d("2026-01-31")), 4);
        assert_eq!(delay_interest_schedule(&[], &[pay("2026-01-01", 5)], d("2026-12-31")), 0);
    }
}
