//! ส่วนที่ 2: the challenge issues, their parts, targets and plan.

use super::Ctx;
use super::rules::{
    CHALLENGE_COUNT, CHALLENGE_PART, FULL_MARKS, METHOD_STEPS, POLICY, PROBLEM_STATISTICS,
    QUALITATIVE_NUMBER, STEP_MONTHS, STEP_OUTSIDE_YEAR, TARGET_NUMBER,
};
use super::text::{has_digit, percentages};
use crate::agreement::{Challenge, YearMonth};
use crate::thai::fiscal;

pub(super) fn check(ctx: &mut Ctx) {
    let want = ctx.form.part2.issue_count;
    let got = ctx.a.challenges.len();
    if got != want {
        ctx.report(
            &CHALLENGE_COUNT,
            "/challenges",
            format!("แบบฟอร์มนี้กำหนดประเด็นท้าทาย {want} ประเด็น แต่เขียนไว้ {got} ประเด็น"),
        );
    }
    for (i, c) in ctx.a.challenges.iter().enumerate() {
        challenge(ctx, i, c);
    }
}

fn challenge(ctx: &mut Ctx, i: usize, c: &Challenge) {
    let at = |rest: &str| format!("/challenges/{i}/{rest}");
    let n = i + 1;
    let p2 = &ctx.form.part2;
    for (field, value, label) in [
        ("title", &c.title, p2.issue_label.as_str()),
        ("problem", &c.problem, p2.problem_label.as_str()),
    ] {
        if value.trim().is_empty() {
            ctx.report(
                &CHALLENGE_PART,
                at(field),
                format!("ประเด็นท้าทายที่ {n}: กรอก{label}"),
            );
        }
    }
    if p2.requires_policy && c.policy.trim().is_empty() {
        let label = p2
            .policy_label
            .clone()
            .unwrap_or_else(|| "นโยบายที่ตอบสนอง".into());
        ctx.report(
            &POLICY,
            at("policy"),
            format!("ประเด็นท้าทายที่ {n}: ระบุ{label}"),
        );
    }
    if p2.requires_policy && !c.problem.trim().is_empty() && !has_digit(&c.problem) {
        ctx.report(
            &PROBLEM_STATISTICS,
            at("problem"),
            format!("ประเด็นท้าทายที่ {n}: สภาพปัญหาควรอ้างข้อมูลสถิติหรือตัวเลขจริงของพื้นที่"),
        );
    }
    method(ctx, i, c);
    if c.quantitative.is_empty() {
        ctx.report(
            &CHALLENGE_PART,
            at("quantitative"),
            format!("ประเด็นท้าทายที่ {n}: กรอกผลลัพธ์{}", p2.quantitative_label),
        );
    }
    for (j, t) in c.quantitative.iter().enumerate() {
        match t.value {
            None => ctx.report(
                &TARGET_NUMBER,
                at(&format!("quantitative/{j}/value")),
                format!(
                    "ประเด็นท้าทายที่ {n} เป้าหมายเชิงปริมาณข้อ {}: ระบุตัวเลขเป้าหมาย เช่น ร้อยละ 80",
                    j + 1
                ),
            ),
            Some(v) if t.unit.contains("ร้อยละ") || t.unit.contains('%') => {
                if !(0.0..=100.0).contains(&v) {
                    ctx.report(
                        &super::rules::PERCENT_RANGE,
                        at(&format!("quantitative/{j}/value")),
                        format!(
                            "ประเด็นท้าทายที่ {n} เป้าหมายข้อ {}: ร้อยละ {v} อยู่นอกช่วง 0–100",
                            j + 1
                        ),
                    );
                } else if v >= 100.0 {
                    ctx.report(
                        &FULL_MARKS,
                        at(&format!("quantitative/{j}/value")),
                        format!("ประเด็นท้าทายที่ {n} เป้าหมายข้อ {}: ร้อยละ 100 เป็นไปได้จริงหรือไม่ ควรพิจารณาอีกครั้ง", j + 1),
                    );
                }
            }
            Some(_) => {}
        }
    }
    if c.qualitative.iter().all(|q| q.trim().is_empty()) {
        ctx.report(
            &CHALLENGE_PART,
            at("qualitative"),
            format!("ประเด็นท้าทายที่ {n}: กรอกผลลัพธ์{}", p2.qualitative_label),
        );
    }
    for (j, q) in c.qualitative.iter().enumerate() {
        if !percentages(q).is_empty() || is_mostly_number(q) {
            ctx.report(
                &QUALITATIVE_NUMBER,
                at(&format!("qualitative/{j}")),
                format!(
                    "ประเด็นท้าทายที่ {n}: ผลลัพธ์เชิงคุณภาพควรบอกคุณภาพที่เกิดขึ้น (ความรู้ ทักษะ ความพึงพอใจ …) ตัวเลขและร้อยละให้ย้ายไปไว้ในเชิงปริมาณ"
                ),
            );
        }
    }
}

fn method(ctx: &mut Ctx, i: usize, c: &Challenge) {
    let n = i + 1;
    let at = |rest: &str| format!("/challenges/{i}/method{rest}");
    let m = &c.method;
    if m.steps.is_empty() && m.intro.trim().is_empty() {
        let label = &ctx.form.part2.method_label;
        ctx.report(
            &CHALLENGE_PART,
            at(""),
            format!("ประเด็นท้าทายที่ {n}: กรอก{label}"),
        );
        return;
    }
    for (j, s) in m.steps.iter().enumerate() {
        if s.text.trim().is_empty() {
            ctx.report(
                &CHALLENGE_PART,
                at(&format!("/steps/{j}/text")),
                format!("ประเด็นท้าทายที่ {n}: ขั้นตอนที่ {} ยังว่าง", j + 1),
            );
        }
    }
    if m.steps.len() < 2 || m.steps.iter().all(|s| s.start.is_none() && s.end.is_none()) {
        ctx.report(
            &METHOD_STEPS,
            at("/steps"),
            format!("ประเด็นท้าทายที่ {n}: เขียนวิธีดำเนินการเป็นขั้นตอนเรียงลำดับ และระบุเดือนที่จะทำแต่ละขั้นตอน"),
        );
    }
    let (start, end) = fiscal::period(ctx.a.fiscal_year.clamp(2500, 2700));
    let first = YearMonth::of(start);
    let last = YearMonth::of(end);
    for (j, s) in m.steps.iter().enumerate() {
        let path = at(&format!("/steps/{j}"));
        if let (Some(a), Some(b)) = (s.start, s.end)
            && a > b
        {
            ctx.report(
                &STEP_MONTHS,
                path.clone(),
                format!("ประเด็นท้าทายที่ {n} ขั้นตอนที่ {}: เดือนเริ่มอยู่หลังเดือนสิ้นสุด", j + 1),
            );
        }
        if [s.start, s.end]
            .into_iter()
            .flatten()
            .any(|ym| ym < first || ym > last)
        {
            ctx.report(
                &STEP_OUTSIDE_YEAR,
                path,
                format!(
                    "ประเด็นท้าทายที่ {n} ขั้นตอนที่ {}: อยู่นอกปีงบประมาณ {}",
                    j + 1,
                    ctx.a.fiscal_year
                ),
            );
        }
    }
}

/// "80", "ร้อยละ 80", "๘๐ คน": a statement that is a number with little else.
fn is_mostly_number(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    has_digit(s) && letters < 12
}
