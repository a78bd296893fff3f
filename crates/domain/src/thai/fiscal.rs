//! ปีงบประมาณ: the Thai government fiscal year, 1 October to 30 September.
//!
//! A PA runs for one fiscal year and is labelled with the BE year in which it ends
//! (DOMAIN.md §4: "FY label = BE year of the 30 ก.ย. end"; S004 "ระหว่างวันที่ ๑ ตุลาคม ๒๕๖๖ -
//! ๓๐ กันยายน ๒๕๖๗" is ปีงบประมาณ 2567).

use chrono::{Datelike, NaiveDate};

/// Years between พุทธศักราช and คริสต์ศักราช.
const BE_OFFSET: i32 = 543;

/// The BE year of a CE year.
pub const fn ce_to_be(ce: i32) -> i32 {
    ce + BE_OFFSET
}

/// The CE year of a BE year.
pub const fn be_to_ce(be: i32) -> i32 {
    be - BE_OFFSET
}

/// The BE fiscal year `date` falls in: October–December count toward the next year.
///
/// Dates whose fiscal year does not fit a `u16` (before BE 1 or after BE 65535) saturate; no PA
/// is dated there.
pub fn fiscal_year(date: NaiveDate) -> u16 {
    let ce_end = if date.month() >= 10 {
        date.year() + 1
    } else {
        date.year()
    };
    let be = ce_to_be(ce_end).clamp(0, i32::from(u16::MAX));
    u16::try_from(be).unwrap_or(u16::MAX)
}

/// First and last day of a BE fiscal year: 2567 → 2023-10-01 ..= 2024-09-30.
pub fn period(fiscal_year_be: u16) -> (NaiveDate, NaiveDate) {
    let ce_end = be_to_ce(i32::from(fiscal_year_be));
    (
        calendar_date(ce_end - 1, 10, 1),
        calendar_date(ce_end, 9, 30),
    )
}

/// The twelve (CE year, month) pairs of a fiscal year in order, October first: the columns of a
/// Gantt chart.
pub fn months(fiscal_year_be: u16) -> [(i32, u32); 12] {
    let ce_end = be_to_ce(i32::from(fiscal_year_be));
    std::array::from_fn(|i| {
        let month = (i as u32 + 9) % 12 + 1;
        let year = if month >= 10 { ce_end - 1 } else { ce_end };
        (year, month)
    })
}

/// 1 October and 30 September exist in every year, and a `u16` BE year is CE −543..=64992, well
/// inside chrono's ±262,143-year range, so this cannot fail for the callers above.
fn calendar_date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day)
        .expect("1 Oct and 30 Sep of a u16 BE year are inside chrono's range")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("test dates are valid")
    }

    #[test]
    fn the_first_of_october_starts_the_next_fiscal_year() {
        assert_eq!(fiscal_year(date(2023, 10, 1)), 2567);
        assert_eq!(fiscal_year(date(2023, 9, 30)), 2566);
    }

    #[test]
    fn the_thirtieth_of_september_ends_the_fiscal_year() {
        assert_eq!(fiscal_year(date(2024, 9, 30)), 2567);
        assert_eq!(fiscal_year(date(2024, 10, 1)), 2568);
    }

    #[test]
    fn fiscal_2567_runs_from_october_2023_to_september_2024() {
        assert_eq!(period(2567), (date(2023, 10, 1), date(2024, 9, 30)));
    }

    #[test]
    fn fiscal_months_run_october_to_september() {
        let months = months(2567);
        assert_eq!(months[0], (2023, 10));
        assert_eq!(months[2], (2023, 12));
        assert_eq!(months[3], (2024, 1));
        assert_eq!(months[11], (2024, 9));
    }

    #[test]
    fn buddhist_era_is_543_years_ahead() {
        assert_eq!(ce_to_be(2023), 2566);
        assert_eq!(be_to_ce(2566), 2023);
    }

    #[test]
    fn dates_outside_u16_years_saturate_instead_of_wrapping() {
        assert_eq!(fiscal_year(date(-600, 1, 1)), 0);
        assert_eq!(fiscal_year(date(100_000, 1, 1)), u16::MAX);
    }

    proptest! {
        #[test]
        fn every_date_lies_in_the_period_of_its_fiscal_year(days in 0i64..200_000) {
            let d = date(1900, 1, 1) + chrono::Duration::days(days);
            let (start, end) = period(fiscal_year(d));
            prop_assert!(start <= d && d <= end);
        }

        #[test]
        fn a_period_starts_and_ends_in_its_own_fiscal_year(fy in 1u16..u16::MAX) {
            let (start, end) = period(fy);
            prop_assert_eq!(fiscal_year(start), fy);
            prop_assert_eq!(fiscal_year(end), fy);
            prop_assert_eq!(fiscal_year(start.pred_opt().expect("not chrono's minimum")), fy - 1);
        }

        #[test]
        fn fiscal_months_are_the_months_of_the_period(fy in 1u16..u16::MAX) {
            let (start, end) = period(fy);
            let months = months(fy);
            prop_assert_eq!(months[0], (start.year(), start.month()));
            prop_assert_eq!(months[11], (end.year(), end.month()));
            for &(y, m) in &months {
                prop_assert_eq!(fiscal_year(date(y, m, 1)), fy);
            }
        }

        #[test]
        fn era_conversion_round_trips(year in -10_000i32..10_000) {
            prop_assert_eq!(be_to_ce(ce_to_be(year)), year);
        }
    }
}
