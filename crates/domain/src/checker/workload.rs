//! ภาระงาน: hours that are numbers, teaching rows that add up, minimums met (DOMAIN.md §5.10).

use super::Ctx;
use super::rules::{FULL_TIME, HOURS, TEACHING_SUM, WORKLOAD_MIN};
use crate::agreement::WorkloadLine;
use crate::catalog::Threshold;

/// A week has 168 hours; anything above is a typing slip.
const MAX_WEEK_HOURS: f64 = 168.0;

pub(super) fn check(ctx: &mut Ctx) {
    full_time(ctx);
    let mut total = 0.0;
    for (i, line) in ctx.a.workload.items.iter().enumerate() {
        let path = format!("/workload/items/{i}");
        let Some(item) = ctx
            .form
            .workload
            .items
            .iter()
            .find(|it| it.code == line.code)
        else {
            ctx.report(
                &HOURS,
                format!("{path}/code"),
                format!("แบบฟอร์มนี้ไม่มีรายการภาระงาน \"{}\"", line.code),
            );
            continue;
        };
        hours_valid(ctx, &format!("{path}/hours"), line.hours, &item.name);
        for (j, s) in line.subjects.iter().enumerate() {
            let label = format!("{} ({})", item.name, s.subject);
            match s.hours {
                None => ctx.report(
                    &HOURS,
                    format!("{path}/subjects/{j}/hours"),
                    format!("ระบุจำนวนชั่วโมง/สัปดาห์ของ{label}"),
                ),
                Some(h) => hours_valid(ctx, &format!("{path}/subjects/{j}/hours"), Some(h), &label),
            }
        }
        let sum = subject_sum(line);
        if item.per_subject
            && let (Some(stated), Some(sum)) = (line.hours, sum)
            && (stated - sum).abs() > 1e-6
        {
            ctx.report(
                &TEACHING_SUM,
                format!("{path}/hours"),
                format!(
                    "{} ระบุรวม {} ชั่วโมง/สัปดาห์ แต่รายวิชารวมกันได้ {} ชั่วโมง/สัปดาห์: แก้ให้ตรงกัน",
                    item.name,
                    hours(stated),
                    hours(sum)
                ),
            );
        }
        let h = line.hours.or(sum).unwrap_or(0.0);
        total += h;
        if let Some(min) = &item.min_hours {
            below(ctx, &format!("{path}/hours"), h, min, &item.name);
        }
    }
    for item in ctx
        .form
        .workload
        .items
        .iter()
        .filter(|it| it.min_hours.is_some())
    {
        if !ctx.a.workload.items.iter().any(|l| l.code == item.code)
            && let Some(min) = &item.min_hours
        {
            below(ctx, "/workload/items", 0.0, min, &item.name);
        }
    }
    if let Some(min) = &ctx.form.workload.min_total_hours {
        below(ctx, "/workload", total, min, "ภาระงานรวม");
    }
}

fn full_time(ctx: &mut Ctx) {
    let w = &ctx.form.workload;
    if !w.asks_full_time {
        return;
    }
    match ctx.a.workload.full_time {
        None => ctx.report(
            &FULL_TIME,
            "/workload/full_time",
            "เลือกว่าปฏิบัติงานเต็มเวลาหรือไม่เต็มเวลา",
        ),
        Some(false)
            if w.part_time_needs_reason && ctx.a.workload.part_time_reason.trim().is_empty() =>
        {
            ctx.report(
                &FULL_TIME,
                "/workload/part_time_reason",
                "เมื่อปฏิบัติงานไม่เต็มเวลา ต้องระบุเหตุผล (ไม่เต็มเวลา เนื่องจาก…)",
            )
        }
        Some(_) => {}
    }
}

fn subject_sum(line: &WorkloadLine) -> Option<f64> {
    (!line.subjects.is_empty()).then(|| line.subjects.iter().filter_map(|s| s.hours).sum())
}

fn hours_valid(ctx: &mut Ctx, path: &str, h: Option<f64>, label: &str) {
    if let Some(h) = h
        && (!h.is_finite() || !(0.0..=MAX_WEEK_HOURS).contains(&h))
    {
        ctx.report(
            &HOURS,
            path,
            format!("จำนวนชั่วโมงของ{label} ต้องอยู่ระหว่าง 0 ถึง 168 ชั่วโมง/สัปดาห์ แต่ระบุไว้ {h}"),
        );
    }
}

fn below(ctx: &mut Ctx, path: &str, h: f64, min: &Threshold, label: &str) {
    if h + 1e-9 < min.value {
        ctx.report(
            &WORKLOAD_MIN,
            path,
            format!(
                "{label} {} ชั่วโมง/สัปดาห์ ต่ำกว่าเกณฑ์ขั้นต่ำ {} ชั่วโมง/สัปดาห์{}",
                hours(h),
                hours(min.value),
                if min.uncertain {
                    " (เกณฑ์นี้ยังรอยืนยันกับหนังสือสั่งการ ปรับได้ในแคตตาล็อก)"
                } else {
                    ""
                }
            ),
        );
    }
}

/// Hours as a person writes them: "18", "2.5".
fn hours(h: f64) -> String {
    if h.fract() == 0.0 {
        format!("{h:.0}")
    } else {
        format!("{h}")
    }
}
