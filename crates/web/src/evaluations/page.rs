//! GET /evaluations/{id}: the approved agreement beside the caller's PA 2 sheet, the committee
//! with what the caller may see of the others' sheets, the chair's finalisation, the PA 3
//! result, and an officer's reopening or next round. POST …/sheet saves (and signs) the
//! caller's sheet, …/finalize, …/reopen and …/next take the committee's steps.
//!
//! Totals on the page come from `domain::scoring`, the code `thaipa score` runs.

use std::collections::BTreeMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::scoring::{Evaluation, Level, Outcome, Sheet};
use domain::workflow::SheetState;
use serde::Deserialize;
use store::StoreError;
use store::workflow::evaluation::{Appointment, CommitteeStatus, Member, SeatChoice, SheetDraft};

use super::{Seen, field, seat_title, seen, thai_date};
use crate::agreements::{notify, when};
use crate::auth::CurrentUser;
use crate::pages::{Layout, render};
use crate::print::PrintView;
use crate::reviews::position_line;
use crate::{AppState, WebError};

/// A number of points as the forms print them: "15", "7.50".
pub fn points(v: f64) -> String {
    // An empty sum is -0.0: print it as 0.
    let v = v + 0.0;
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.2}")
    }
}

pub struct LevelChoice {
    pub value: u8,
    pub label: String,
    pub checked: bool,
}

pub struct IndicatorView {
    pub code: String,
    pub name: String,
    /// What the indicator expects at the maker's วิทยฐานะ.
    pub expected: String,
    pub levels: Vec<LevelChoice>,
    pub given: String,
}

pub struct AreaView {
    pub name: String,
    pub indicators: Vec<IndicatorView>,
}

pub struct ItemView {
    pub id: String,
    pub name: String,
    pub criterion: String,
    pub levels: Vec<LevelChoice>,
    pub given: String,
}

/// One member's totals as PA 3 reports them.
pub struct MemberTotal {
    pub title: String,
    pub name: String,
    pub position: String,
    pub state: &'static str,
    pub signed: bool,
    pub part1: String,
    pub part2: String,
    pub total: String,
    pub passed: bool,
    pub comment: String,
}

/// PA 3 for a page: the maker's agreement page and the evaluation page share it.
pub struct ResultView {
    pub round: i64,
    pub period: String,
    pub passed: bool,
    pub mean: String,
    pub pass_mark: String,
    pub reasons: Vec<String>,
    pub members: Vec<MemberTotal>,
    pub finalized_at: String,
    pub committee: String,
}

impl ResultView {
    /// The finalised result of `c`, as stored when the chair finalised it.
    pub fn of(
        state: &AppState,
        c: &store::workflow::evaluation::Committee,
        form: &domain::catalog::Form,
    ) -> Option<ResultView> {
        let outcome = c.outcome.as_ref()?;
        Some(ResultView {
            round: c.round,
            period: state.config.evaluation.period_name(c.period),
            passed: outcome.passed,
            mean: points(outcome.mean_total),
            pass_mark: pass_mark(form),
            reasons: outcome.reasons.clone(),
            members: totals(c, Some(outcome), |_| true),
            finalized_at: c.finalized_at.map(when).unwrap_or_default(),
            committee: c.id.0.clone(),
        })
    }
}

fn pass_mark(form: &domain::catalog::Form) -> String {
    let sc = &form.scoring;
    format!(
        "ร้อยละ {} ({} คะแนนจาก {})",
        points(sc.pass_percent.value),
        points(sc.pass_percent.value / 100.0 * (sc.part1_max + sc.part2_max)),
        points(sc.part1_max + sc.part2_max)
    )
}

fn totals(
    c: &store::workflow::evaluation::Committee,
    outcome: Option<&Outcome>,
    visible: impl Fn(&Member) -> bool,
) -> Vec<MemberTotal> {
    c.members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let r = outcome.and_then(|o| o.members.get(i));
            let shown = visible(m);
            let fmt = |v: Option<f64>| match (shown, v) {
                (true, Some(v)) => points(v),
                _ => "-".to_owned(),
            };
            MemberTotal {
                title: seat_title(m),
                name: m.person.full_name(),
                position: m.position_text.clone(),
                state: m.sheet.state.thai(),
                signed: m.sheet.state == SheetState::Signed,
                part1: fmt(r.map(|r| r.part1)),
                part2: fmt(r.map(|r| r.part2)),
                total: fmt(r.map(|r| r.total)),
                passed: shown && r.is_some_and(|r| r.passed),
                comment: if shown {
                    m.sheet.comment.clone()
                } else {
                    String::new()
                },
            }
        })
        .collect()
}

/// The caller's sheet as the form shows it, with what they typed (`typed`, after a refused
/// post) or what is stored.
pub struct SheetView {
    pub editable: bool,
    pub version: i64,
    pub expected: String,
    /// "ระดับ 1: ปฏิบัติได้ต่ำกว่า… — …", once for the whole sheet.
    pub legend: Vec<String>,
    pub areas: Vec<AreaView>,
    pub items: Vec<ItemView>,
    pub workload: Option<bool>,
    pub comment: String,
    pub part1: String,
    pub part2: String,
    pub total: String,
    pub part1_max: String,
    pub part2_max: String,
    pub passes: bool,
}

fn sheet_view(seen: &Seen, member: &Member, typed: Option<&Typed>) -> SheetView {
    let form = seen.form;
    let standing = seen.agreement.content.maker.standing;
    let (part1, part2, workload, comment) = match typed {
        Some(t) => (&t.part1, &t.part2, t.workload, t.comment.clone()),
        None => (
            &member.sheet.part1,
            &member.sheet.part2,
            member.sheet.workload_met,
            member.sheet.comment.clone(),
        ),
    };
    // The radios carry the level's name ("ตามระดับที่คาดหวัง"); the legend above the sheet
    // carries each level's full meaning.
    let names: Vec<&str> = form
        .scoring
        .levels
        .iter()
        .map(|m| {
            let name = m.split(" — ").next().unwrap_or(m);
            name.strip_prefix("ปฏิบัติได้").unwrap_or(name)
        })
        .collect();
    let areas = form
        .part1
        .areas
        .iter()
        .map(|a| AreaView {
            name: format!("{} {}", a.code, a.name),
            indicators: a
                .indicators
                .iter()
                .map(|i| {
                    let chosen = part1.get(&i.code).copied();
                    IndicatorView {
                        code: i.code.clone(),
                        name: i.name.clone(),
                        expected: standing
                            .and_then(|s| i.descriptions.get(&s).cloned())
                            .unwrap_or_default(),
                        levels: Level::ALL
                            .iter()
                            .zip(&names)
                            .map(|(l, name)| LevelChoice {
                                value: l.value(),
                                label: format!("{} {name}", l.value()),
                                checked: chosen == Some(*l),
                            })
                            .collect(),
                        given: chosen.map(|l| l.value().to_string()).unwrap_or_default(),
                    }
                })
                .collect(),
        })
        .collect();
    let items = form
        .scoring
        .part2_items
        .iter()
        .map(|item| {
            let chosen = part2.get(&item.id).copied();
            ItemView {
                id: item.id.clone(),
                name: format!("{} ({} คะแนน)", item.name, points(item.points[3])),
                criterion: item.criterion.clone(),
                levels: Level::ALL
                    .iter()
                    .zip(item.points)
                    .map(|(l, p)| LevelChoice {
                        value: l.value(),
                        label: format!("ระดับ {} = {} คะแนน", l.value(), points(p)),
                        checked: chosen == Some(*l),
                    })
                    .collect(),
                given: chosen
                    .map(|l| {
                        format!(
                            "ระดับ {} = {} คะแนน",
                            l.value(),
                            points(item.points[usize::from(l.value() - 1)])
                        )
                    })
                    .unwrap_or_default(),
            }
        })
        .collect();
    // The member's own totals, by the same code as PA 3 and `thaipa score`.
    let own = Evaluation {
        form,
        workload_met: workload == Some(true),
        sheets: vec![Sheet {
            name: member.person.full_name(),
            seat: member.seat,
            part1: part1.clone(),
            part2: part2.clone(),
            comment: comment.clone(),
        }],
    }
    .outcome();
    let mine = &own.members[0];
    let expected = standing
        .and_then(|s| form.expected_level(s))
        .map(|e| format!("{}: {} ({}) {}", e.title, e.level, e.level_en, e.detail))
        .unwrap_or_default();
    SheetView {
        editable: member.sheet.state == SheetState::Draft
            && seen.committee.status == CommitteeStatus::Scoring,
        version: member.sheet.version,
        expected,
        legend: form
            .scoring
            .levels
            .iter()
            .zip(Level::ALL)
            .map(|(m, l)| format!("ระดับ {}: {m}", l.value()))
            .collect(),
        areas,
        items,
        workload,
        comment,
        part1: points(mine.part1),
        part2: points(mine.part2),
        total: points(mine.total),
        part1_max: points(form.scoring.part1_max),
        part2_max: points(form.scoring.part2_max),
        passes: mine.passed,
    }
}

pub struct UnlockChoice {
    pub id: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "evaluations/evaluation.html")]
struct EvaluationPage {
    layout: Layout,
    id: String,
    flash: Option<&'static str>,
    error: Option<String>,
    maker: String,
    position: String,
    unit: String,
    fiscal_year: i64,
    round: i64,
    period: String,
    deadline: String,
    finalized: bool,
    /// The levels of others stay hidden until all have signed.
    blind: bool,
    sheet: Option<SheetView>,
    members: Vec<MemberTotal>,
    /// Shown to the chair once every sheet is signed, before finalising.
    preview: Option<ResultView>,
    result: Option<ResultView>,
    unlock: Vec<UnlockChoice>,
    /// Whether an officer may start the next round, and the periods to choose from.
    next_periods: Vec<(i64, String)>,
    agreement: PrintView,
    agreement_id: String,
    /// Ordinals of the PA 2 sheets the caller may download.
    pa2: Vec<(i64, String)>,
}

/// What a member posted on their sheet, kept when it is refused.
#[derive(Debug, Clone, Default)]
pub struct Typed {
    pub part1: BTreeMap<String, Level>,
    pub part2: BTreeMap<String, Level>,
    pub workload: Option<bool>,
    pub comment: String,
}

#[derive(Deserialize, Default)]
pub struct PageQuery {
    done: Option<String>,
}

async fn build(
    state: &AppState,
    user: &CurrentUser,
    seen: &Seen,
    typed: Option<&Typed>,
    error: Option<String>,
    flash: Option<&'static str>,
) -> Result<EvaluationPage, WebError> {
    let c = &seen.committee;
    let form = seen.form;
    let finalized = c.status == CommitteeStatus::Finalized;
    let sees_others = seen.sees_others(state);
    let live = c.evaluation(form).outcome();
    let members = totals(c, Some(c.outcome.as_ref().unwrap_or(&live)), |m| {
        seen.sees(state, m)
    });
    let can_finalize = seen.is_chair() && !finalized && c.all_signed();
    let preview = can_finalize.then(|| ResultView {
        round: c.round,
        period: state.config.evaluation.period_name(c.period),
        passed: live.passed,
        mean: points(live.mean_total),
        pass_mark: pass_mark(form),
        reasons: live.reasons.clone(),
        members: totals(c, Some(&live), |_| true),
        finalized_at: String::new(),
        committee: c.id.0.clone(),
    });
    let latest = state
        .store
        .committees_of(&c.agreement_id)
        .await?
        .last()
        .map(|l| l.id == c.id)
        .unwrap_or(false);
    let periods = &state.config.evaluation.periods;
    let failed = c.outcome.as_ref().is_some_and(|o| !o.passed);
    let next_periods: Vec<(i64, String)> = if seen.officer && finalized && latest {
        (0..i64::try_from(periods.len()).unwrap_or_default())
            .filter(|p| *p > c.period || (*p == c.period && failed))
            .map(|p| (p, state.config.evaluation.period_name(p)))
            .collect()
    } else {
        Vec::new()
    };
    let unlock = if seen.officer && finalized && latest {
        c.members
            .iter()
            .map(|m| UnlockChoice {
                id: m.id.clone(),
                label: format!("{} {}", seat_title(m), m.person.full_name()),
            })
            .collect()
    } else {
        Vec::new()
    };
    let pa2 = c
        .members
        .iter()
        .filter(|m| {
            seen.sees(state, m)
                && (m.sheet.state == SheetState::Signed
                    || seen.seat.as_ref().is_some_and(|s| s.id == m.id))
        })
        .map(|m| {
            (
                m.ordinal,
                format!("{} {}", seat_title(m), m.person.full_name()),
            )
        })
        .collect();
    let unit = state
        .store
        .unit(&store::UnitId(seen.maker.unit_id.clone()))
        .await?;
    Ok(EvaluationPage {
        layout: Layout::of(user),
        id: c.id.0.clone(),
        flash,
        error,
        maker: seen.maker.full_name(),
        position: position_line(&seen.maker),
        unit: unit.name,
        fiscal_year: seen.agreement.fiscal_year,
        round: c.round,
        period: state.config.evaluation.period_name(c.period),
        deadline: c.deadline.as_deref().map(thai_date).unwrap_or_default(),
        finalized,
        blind: !sees_others,
        sheet: seen.seat.as_ref().map(|m| sheet_view(seen, m, typed)),
        members,
        preview,
        result: ResultView::of(state, c, form),
        unlock,
        next_periods,
        agreement: PrintView::new(form, &seen.agreement.content),
        agreement_id: seen.agreement.id.0.clone(),
        pa2,
    })
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Response, WebError> {
    let seen = seen(&state, &user, &id).await?;
    let flash = match q.done.as_deref() {
        Some("saved") => Some("บันทึกร่างคะแนนแล้ว"),
        Some("signed") => Some("ลงนามใบประเมินแล้ว ใบประเมินนี้แก้ไขไม่ได้อีก"),
        Some("finalized") => Some("ยืนยันผลการประเมินแล้ว ระบบแจ้งผู้รับการประเมินแล้ว"),
        Some("reopened") => Some("เปิดผลการประเมินใหม่แล้ว บันทึกเหตุผลไว้ในประวัติ"),
        _ => None,
    };
    Ok(render(
        &build(&state, &user, &seen, None, None, flash).await?,
    ))
}

async fn refused(
    state: &AppState,
    user: &CurrentUser,
    seen: &Seen,
    typed: Option<&Typed>,
    message: String,
) -> Result<Response, WebError> {
    let page = build(state, user, seen, typed, Some(message), None).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response())
}

/// A committee step's answer: on success, to the page `done` names; refused by the store, the
/// page again with the Thai reason.
async fn answer<T>(
    state: &AppState,
    user: &CurrentUser,
    seen: &Seen,
    result: Result<T, StoreError>,
    done: impl FnOnce(T) -> String,
) -> Result<Response, WebError> {
    match result {
        Ok(v) => Ok(Redirect::to(&done(v)).into_response()),
        Err(StoreError::NotFound(_)) => Err(WebError::NotFound),
        Err(e @ (StoreError::Invalid(_) | StoreError::Conflict { .. })) => {
            refused(state, user, seen, None, e.to_string()).await
        }
        Err(e) => Err(e.into()),
    }
}

/// Reads the posted sheet: `l:CODE` and `p2:ID` levels 1–4, `workload` yes/no, `comment`.
/// A level outside 1–4 (only a forged request sends one) is an error naming the item.
fn typed(fields: &[(String, String)]) -> (Typed, Vec<String>) {
    let mut t = Typed {
        comment: field(fields, "comment"),
        workload: match field(fields, "workload").as_str() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        },
        ..Typed::default()
    };
    let mut errors = Vec::new();
    for (k, v) in fields {
        let (target, code, what) = if let Some(code) = k.strip_prefix("l:") {
            (&mut t.part1, code, "ตัวชี้วัด")
        } else if let Some(id) = k.strip_prefix("p2:") {
            (&mut t.part2, id, "รายการส่วนที่ 2")
        } else {
            continue;
        };
        if v.trim().is_empty() {
            continue;
        }
        match v
            .trim()
            .parse::<u8>()
            .map_err(|_| ())
            .and_then(|n| Level::try_from(n).map_err(|_| ()))
        {
            Ok(level) => {
                target.insert(code.to_owned(), level);
            }
            Err(()) => errors.push(format!(
                "{what} {code}: ระดับคะแนนต้องเป็นจำนวนเต็ม 1 ถึง 4 แต่ได้ \"{}\"",
                v.trim()
            )),
        }
    }
    (t, errors)
}

pub async fn save(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    user.verify_csrf(&field(&fields, "csrf"))?;
    let seen = seen(&state, &user, &id).await?;
    if seen.seat.is_none() {
        return Err(WebError::NotFound);
    }
    let (t, errors) = typed(&fields);
    if !errors.is_empty() {
        return refused(&state, &user, &seen, Some(&t), errors.join(" · ")).await;
    }
    let Ok(version) = field(&fields, "version").parse::<i64>() else {
        return refused(
            &state,
            &user,
            &seen,
            Some(&t),
            "ไม่พบฉบับของใบประเมิน กรุณาโหลดหน้าใหม่".into(),
        )
        .await;
    };
    let draft = SheetDraft {
        part1: t.part1.clone(),
        part2: t.part2.clone(),
        workload_met: t.workload,
        comment: t.comment.clone(),
    };
    let me = user.person_id();
    let c = &seen.committee.id;
    match state.store.save_sheet(&me, c, version, &draft).await {
        Ok(_) => {}
        Err(e @ (StoreError::Invalid(_) | StoreError::Conflict { .. })) => {
            return refused(&state, &user, &seen, Some(&t), e.to_string()).await;
        }
        Err(e) => return Err(e.into()),
    }
    if field(&fields, "action") != "sign" {
        return Ok(Redirect::to(&format!("/evaluations/{id}?done=saved#sheet")).into_response());
    }
    match state.store.sign_sheet(&me, c, version + 1).await {
        Ok(()) => Ok(Redirect::to(&format!("/evaluations/{id}?done=signed")).into_response()),
        Err(e @ (StoreError::Invalid(_) | StoreError::Conflict { .. })) => {
            let seen = super::seen(&state, &user, &id).await?;
            let message = format!("บันทึกร่างแล้ว แต่{}", e);
            refused(&state, &user, &seen, None, message).await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn finalize(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    user.verify_csrf(&field(&fields, "csrf"))?;
    let seen = seen(&state, &user, &id).await?;
    let done = state
        .store
        .finalize_committee(&user.person_id(), &seen.committee.id, &notify(&state))
        .await;
    state.mail.wake();
    answer(&state, &user, &seen, done, |_| {
        format!("/evaluations/{id}?done=finalized")
    })
    .await
}

pub async fn reopen(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    user.verify_csrf(&field(&fields, "csrf"))?;
    let seen = seen(&state, &user, &id).await?;
    if !seen.officer {
        return Err(WebError::Forbidden);
    }
    let unlock: Vec<String> = fields
        .iter()
        .filter(|(k, _)| k == "unlock")
        .map(|(_, v)| v.clone())
        .collect();
    let done = state
        .store
        .reopen_committee(
            &user.person_id(),
            &seen.committee.id,
            &field(&fields, "reason"),
            &unlock,
        )
        .await;
    answer(&state, &user, &seen, done, |()| {
        format!("/evaluations/{id}?done=reopened")
    })
    .await
}

/// A further round with the same committee: re-evaluation after a failed result, or the next
/// evaluation period.
pub async fn next_round(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    user.verify_csrf(&field(&fields, "csrf"))?;
    let seen = seen(&state, &user, &id).await?;
    if !seen.officer {
        return Err(WebError::Forbidden);
    }
    let c = &seen.committee;
    let appointment = Appointment {
        seats: c
            .members
            .iter()
            .map(|m| SeatChoice {
                seat: m.seat,
                basis: m.basis,
                person: m.person.id(),
            })
            .collect(),
        period: field(&fields, "period").parse().unwrap_or(c.period),
        deadline: Some(field(&fields, "deadline"))
            .filter(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok()),
    };
    let done = state
        .store
        .start_next_round(
            &user.person_id(),
            domain::workflow::Actor::UnitOfficer,
            &c.id,
            &appointment,
            &notify(&state),
        )
        .await;
    state.mail.wake();
    answer(&state, &user, &seen, done, |next| {
        format!("/evaluations/{next}")
    })
    .await
}

/// A seat's ordinal as PA 2 downloads name it.
pub fn member_at(
    c: &store::workflow::evaluation::Committee,
    ordinal: i64,
) -> Option<(usize, &Member)> {
    c.members
        .iter()
        .enumerate()
        .find(|(_, m)| m.ordinal == ordinal)
}
