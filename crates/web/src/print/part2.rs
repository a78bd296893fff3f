//! ส่วนที่ 2: each challenge issue (ประเด็นท้าทาย) with its numbered steps and their months
//! drawn over the fiscal year's twelve months, October first (seed 004's plan tables).

use docs::wording;
use domain::agreement::{Challenge, YearMonth};

use super::{Ctx, Slot, Value};

#[derive(Debug, Clone, PartialEq)]
pub struct StepView {
    pub number: String,
    pub text: Value,
    pub start: Value,
    pub end: Value,
    /// One flag per month of the fiscal year, October first: planned in that month.
    pub cells: Vec<bool>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PolicyView {
    pub label: String,
    pub value: Value,
    pub slot: Slot,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChallengeView {
    pub heading: String,
    pub title: Value,
    pub title_slot: Slot,
    pub policy: Option<PolicyView>,
    pub problem_label: String,
    pub problem: Value,
    pub problem_slot: Slot,
    pub method_label: String,
    pub intro: Value,
    pub steps: Vec<StepView>,
    /// Whether any step has months, so the plan is worth drawing.
    pub planned: bool,
    pub method_slot: Slot,
    pub outcomes_label: String,
    pub quantitative_label: String,
    pub quantitative: Vec<Value>,
    pub quantitative_slot: Slot,
    pub qualitative_label: String,
    pub qualitative: Vec<Value>,
    pub qualitative_slot: Slot,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Part2View {
    pub title: String,
    pub preamble: String,
    /// The Gantt chart's column heads, "ต.ค." … "ก.ย.".
    pub months: Vec<&'static str>,
    /// What the twelve columns span, "ต.ค. 2567 – ก.ย. 2568".
    pub span: String,
    pub challenges: Vec<ChallengeView>,
}

pub(super) fn build(cx: &mut Ctx) -> Part2View {
    let (form, a) = (cx.form, cx.a);
    let months = wording::fiscal_months(a.fiscal_year);
    let span = match (months.first(), months.last()) {
        (Some(first), Some(last)) => {
            format!("{} – {}", cx.w.month(Some(*first)), cx.w.month(Some(*last)))
        }
        _ => String::new(),
    };
    let challenges = a
        .challenges
        .iter()
        .enumerate()
        .map(|(i, c)| challenge(cx, &months, i, c))
        .collect();
    Part2View {
        title: form.part2.title.clone(),
        preamble: cx.w.fill(&form.part2.preamble),
        months: months.iter().map(|m| wording::month_short(*m)).collect(),
        span,
        challenges,
    }
}

fn challenge(cx: &mut Ctx, months: &[YearMonth], i: usize, c: &Challenge) -> ChallengeView {
    let form = cx.form;
    let p2 = &form.part2;
    let at = |rest: &str| format!("/challenges/{i}/{rest}");
    let heading = if p2.issue_label.ends_with("ที่") {
        format!("{} {}", p2.issue_label, cx.w.number(i + 1))
    } else {
        p2.issue_label.clone()
    };
    let policy = p2.requires_policy.then(|| PolicyView {
        label: p2
            .policy_label
            .clone()
            .unwrap_or_else(|| "นโยบายที่ตอบสนอง".to_owned()),
        value: cx.value(at("policy"), c.policy.clone()),
        slot: cx.slot(at("policy")),
    });
    let steps = c
        .method
        .steps
        .iter()
        .enumerate()
        .map(|(j, s)| {
            let step = |rest: &str| at(&format!("method/steps/{j}/{rest}"));
            StepView {
                number: cx.w.number(j + 1),
                text: cx.value(step("text"), s.text.clone()),
                start: cx.value(step("start"), cx.w.month(s.start)),
                end: cx.value(step("end"), cx.w.month(s.end)),
                cells: wording::planned(months, s.start, s.end),
            }
        })
        .collect::<Vec<_>>();
    ChallengeView {
        heading,
        title: cx.value(at("title"), c.title.clone()),
        title_slot: cx.slot(at("title")),
        policy,
        problem_label: format!("{}. {}", cx.w.number(1), p2.problem_label),
        problem: cx.value(at("problem"), c.problem.clone()),
        problem_slot: cx.slot(at("problem")),
        method_label: format!("{}. {}", cx.w.number(2), p2.method_label),
        intro: cx.value(at("method/intro"), c.method.intro.clone()),
        planned: steps.iter().any(|s| s.cells.contains(&true)),
        steps,
        method_slot: cx.slot(at("method")),
        outcomes_label: format!("{}. {}", cx.w.number(3), p2.outcomes_label),
        quantitative_label: format!("{} {}", cx.w.digits.apply("3.1"), p2.quantitative_label),
        quantitative: c
            .quantitative
            .iter()
            .enumerate()
            .map(|(j, t)| cx.value(at(&format!("quantitative/{j}/text")), t.text.clone()))
            .collect(),
        quantitative_slot: cx.slot(at("quantitative")),
        qualitative_label: format!("{} {}", cx.w.digits.apply("3.2"), p2.qualitative_label),
        qualitative: c
            .qualitative
            .iter()
            .enumerate()
            .map(|(j, q)| cx.value(at(&format!("qualitative/{j}")), q.clone()))
            .collect(),
        qualitative_slot: cx.slot(at("qualitative")),
    }
}
