//! GET/POST /evaluations/appoint?unit=…: appoint committees for a school's approved agreements
//! in one go (or for one of them), and POST /evaluations/experts: register an outside expert,
//! who gets an account with a one-time password.
//!
//! An officer above the school (or an administrator) appoints for every agreement there; an
//! approver of the school only for the agreements they approved. The chair is by default each
//! agreement's recorded approver; members are chosen with the ground they sit on, and the
//! store checks each against the form's rule, agreement by agreement: one that fails is
//! reported with its reason and the others are appointed.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::evaluation::{Basis, Evaluee, qualifies};
use domain::people::Position;
use domain::scoring::Seat;
use domain::thai::collate;
use domain::workflow::{Actor, AgreementState};
use serde::Deserialize;
use store::people::Person;
use store::workflow::evaluation::{Appointment, Expert, SeatChoice};
use store::{AgreementId, PersonId, UnitId};

use super::{field, officer_over};
use crate::agreements::{current_fiscal_year, notify};
use crate::auth::CurrentUser;
use crate::auth::hash_password;
use crate::pages::{Layout, render};
use crate::reviews::position_line;
use crate::{AppState, WebError};

/// An agreement of the school, and whether this user may appoint for it now.
pub struct Row {
    pub id: String,
    pub maker: String,
    pub position: String,
    pub state: &'static str,
    pub selectable: bool,
    pub checked: bool,
    /// The latest committee, for agreements already under evaluation.
    pub committee: Option<String>,
    pub note: String,
}

pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

pub struct Group {
    pub label: &'static str,
    pub choices: Vec<Choice>,
}

pub struct Outcome {
    pub maker: String,
    pub ok: bool,
    pub message: String,
    pub committee: Option<String>,
}

/// What the officer typed, kept when the page comes back.
#[derive(Debug, Clone, Default)]
pub struct Typed {
    pub chair: String,
    pub member1: String,
    pub member2: String,
    pub deadline: String,
    pub period: String,
    pub agreements: Vec<String>,
    pub expert: ExpertForm,
}

#[derive(Template)]
#[template(path = "evaluations/appoint.html")]
struct AppointPage {
    layout: Layout,
    unit_id: String,
    unit_name: String,
    fiscal_year: i64,
    years: Vec<Choice>,
    flash: Option<String>,
    error: Option<String>,
    expert_error: Option<String>,
    rows: Vec<Row>,
    chairs: Vec<Choice>,
    members1: Vec<Group>,
    members2: Vec<Group>,
    periods: Vec<Choice>,
    deadline: String,
    outcomes: Vec<Outcome>,
    expert: ExpertForm,
}

#[derive(Deserialize, Default)]
pub struct AppointQuery {
    #[serde(default)]
    unit: String,
    fiscal_year: Option<i64>,
}

/// The unit if `user` may appoint there, and how they stand (officer or approver).
async fn reach(
    state: &AppState,
    user: &CurrentUser,
    unit: &str,
) -> Result<(store::units::Unit, Actor), WebError> {
    let u = state
        .store
        .unit(&UnitId(unit.to_owned()))
        .await
        .map_err(|_| WebError::NotFound)?;
    let p = &user.principal;
    if p.is_admin() || p.officer_units.contains(unit) {
        Ok((u, Actor::UnitOfficer))
    } else if p.approver_units().any(|a| a == unit) {
        Ok((u, Actor::Approver))
    } else {
        Err(WebError::NotFound)
    }
}

const DIRECTORS: [Position; 4] = [
    Position::SchoolDirector,
    Position::DeputySchoolDirector,
    Position::EsaDirector,
    Position::DeputyEsaDirector,
];

/// The people a member's seat may be given to, grouped by the ground they would sit on, as
/// `domain::evaluation::qualifies` judges it for a maker of `unit`: from the area office the
/// school belongs to (its supervisors, the other schools) and the experts registered there.
/// "Qualified" lists experts and other schools' directors, not every teacher of the area.
fn groups(people: &[Person], unit: &str, selected: &str) -> Vec<Group> {
    let evaluee = Evaluee {
        person_id: String::new(),
        unit_id: unit.to_owned(),
        approver_id: None,
    };
    [
        (Basis::Supervisor, "ศึกษานิเทศก์ ชำนาญการพิเศษขึ้นไป"),
        (
            Basis::TeacherOtherSchool,
            "ครูจากสถานศึกษาอื่น ชำนาญการพิเศษขึ้นไป",
        ),
        (Basis::Academic, "ผู้ทรงคุณวุฒิในสถาบันอุดมศึกษา (ผศ. ขึ้นไป)"),
        (Basis::Qualified, "ผู้ทรงคุณวุฒินอกสถานศึกษา"),
    ]
    .into_iter()
    .map(|(basis, label)| Group {
        label,
        choices: people
            .iter()
            .filter(|p| qualifies(basis, &p.nominee(), &evaluee))
            .filter(|p| {
                basis != Basis::Qualified
                    || p.external != 0
                    || p.position().is_some_and(|x| DIRECTORS.contains(&x))
            })
            .map(|p| {
                let value = format!("{}:{}", p.id, basis.code());
                Choice {
                    selected: value == selected,
                    label: format!("{} · {}", p.full_name(), position_line(p)),
                    value,
                }
            })
            .collect(),
    })
    .filter(|g| !g.choices.is_empty())
    .collect()
}

/// What the page reports after a post.
#[derive(Default)]
struct Notice {
    outcomes: Vec<Outcome>,
    flash: Option<String>,
    error: Option<String>,
    expert_error: Option<String>,
}

async fn build(
    state: &AppState,
    user: &CurrentUser,
    (unit, actor): &(store::units::Unit, Actor),
    fiscal_year: i64,
    typed: Typed,
    notice: Notice,
) -> Result<AppointPage, WebError> {
    let actor = *actor;
    let store = &state.store;
    let listed = [
        AgreementState::Approved,
        AgreementState::SelfReportSubmitted,
        AgreementState::UnderEvaluation,
        AgreementState::Evaluated,
    ];
    let items = store
        .agreements_in_units(&[UnitId(unit.id.clone())], &listed)
        .await?;
    let mut years: Vec<i64> = items.iter().map(|i| i.fiscal_year).collect();
    years.push(fiscal_year);
    years.sort_unstable();
    years.dedup();
    let me = user.person_id();
    let mut rows = Vec::new();
    for item in items.iter().filter(|i| i.fiscal_year == fiscal_year) {
        let open = matches!(
            item.state,
            AgreementState::Approved | AgreementState::SelfReportSubmitted
        );
        let mine = actor == Actor::UnitOfficer
            || store.agreement_approver(&item.agreement_id).await?.as_ref() == Some(&me);
        let committee = if open {
            None
        } else {
            store
                .committees_of(&item.agreement_id)
                .await?
                .last()
                .map(|c| c.id.0.clone())
        };
        let note = if !open {
            String::new()
        } else if !mine {
            "ผู้ให้ความเห็นชอบหรือเจ้าหน้าที่หน่วยงานเป็นผู้แต่งตั้ง".to_owned()
        } else {
            String::new()
        };
        let id = item.agreement_id.0.clone();
        rows.push(Row {
            checked: open
                && mine
                && (typed.agreements.is_empty() || typed.agreements.contains(&id)),
            id,
            maker: item.maker.full_name(),
            position: position_line(&item.maker),
            state: item.state.thai(),
            selectable: open && mine,
            committee,
            note,
        });
    }
    rows.sort_by(|a, b| collate::compare(&a.maker, &b.maker));
    let root = UnitId(unit.parent_id.clone().unwrap_or_else(|| unit.id.clone()));
    let mut people: Vec<Person> = store
        .people_under(&root)
        .await?
        .into_iter()
        .filter(|p| p.active != 0)
        .collect();
    people.sort_by(|a, b| collate::compare(&a.full_name(), &b.full_name()));
    let directors: Vec<&Person> = people
        .iter()
        .filter(|p| p.position().is_some_and(|x| DIRECTORS.contains(&x)))
        .collect();
    let mut chairs = vec![Choice {
        value: "approver".into(),
        label: "ผู้บังคับบัญชาที่ให้ความเห็นชอบข้อตกลงแต่ละฉบับ (ตามระเบียบ)".into(),
        selected: typed.chair.is_empty() || typed.chair == "approver",
    }];
    chairs.extend(directors.iter().map(|p| Choice {
        value: p.id.clone(),
        label: format!("ประธานแทน: {} · {}", p.full_name(), position_line(p)),
        selected: typed.chair == p.id,
    }));
    let periods = state
        .config
        .evaluation
        .periods
        .iter()
        .enumerate()
        .map(|(i, name)| Choice {
            value: i.to_string(),
            label: name.clone(),
            selected: typed.period == i.to_string(),
        })
        .collect();
    Ok(AppointPage {
        layout: Layout::of(user),
        unit_id: unit.id.clone(),
        unit_name: unit.name.clone(),
        fiscal_year,
        years: years
            .into_iter()
            .rev()
            .map(|y| Choice {
                value: y.to_string(),
                label: y.to_string(),
                selected: y == fiscal_year,
            })
            .collect(),
        flash: notice.flash,
        error: notice.error,
        expert_error: notice.expert_error,
        rows,
        chairs,
        members1: groups(&people, &unit.id, &typed.member1),
        members2: groups(&people, &unit.id, &typed.member2),
        periods,
        deadline: typed.deadline,
        outcomes: notice.outcomes,
        expert: typed.expert,
    })
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<AppointQuery>,
) -> Result<Response, WebError> {
    let reach = reach(&state, &user, &q.unit).await?;
    let fy = q
        .fiscal_year
        .unwrap_or_else(|| i64::from(current_fiscal_year()));
    let page = build(
        &state,
        &user,
        &reach,
        fy,
        Typed::default(),
        Notice::default(),
    )
    .await?;
    Ok(render(&page))
}

/// "person:basis" from a member select.
fn member_choice(value: &str, n: usize) -> Result<SeatChoice, String> {
    let (person, basis) = value
        .split_once(':')
        .ok_or_else(|| format!("กรุณาเลือกกรรมการคนที่ {n}"))?;
    let basis = Basis::from_code(basis)
        .filter(|b| !b.is_chair())
        .ok_or_else(|| format!("คุณสมบัติของกรรมการคนที่ {n} ไม่ถูกต้อง"))?;
    Ok(SeatChoice {
        seat: Seat::Member,
        basis,
        person: PersonId(person.to_owned()),
    })
}

pub async fn appoint(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    user.verify_csrf(&field(&fields, "csrf"))?;
    let reach = reach(&state, &user, &field(&fields, "unit")).await?;
    let (unit, actor) = (&reach.0, reach.1);
    let fy = field(&fields, "fiscal_year")
        .parse::<i64>()
        .unwrap_or_else(|_| i64::from(current_fiscal_year()));
    let typed = Typed {
        chair: field(&fields, "chair"),
        member1: field(&fields, "member1"),
        member2: field(&fields, "member2"),
        deadline: field(&fields, "deadline"),
        period: field(&fields, "period"),
        agreements: fields
            .iter()
            .filter(|(k, _)| k == "agreement")
            .map(|(_, v)| v.clone())
            .collect(),
        expert: ExpertForm::default(),
    };
    let mut problems = Vec::new();
    let members: Vec<SeatChoice> = [(&typed.member1, 1), (&typed.member2, 2)]
        .into_iter()
        .filter_map(|(v, n)| member_choice(v, n).map_err(|e| problems.push(e)).ok())
        .collect();
    if typed.agreements.is_empty() {
        problems.push("กรุณาเลือกข้อตกลงอย่างน้อย 1 รายการ".into());
    }
    let deadline = if typed.deadline.is_empty() {
        None
    } else if chrono::NaiveDate::parse_from_str(&typed.deadline, "%Y-%m-%d").is_ok() {
        Some(typed.deadline.clone())
    } else {
        problems.push("วันกำหนดส่งผลไม่ถูกต้อง กรุณาเลือกวันที่จากปฏิทิน".into());
        None
    };
    let periods = state.config.evaluation.periods.len();
    let period = match typed.period.parse::<usize>() {
        Ok(p) if p < periods => i64::try_from(p).unwrap_or_default(),
        _ if typed.period.is_empty() => 0,
        _ => {
            problems.push("รอบการประเมินไม่ถูกต้อง".into());
            0
        }
    };
    if !problems.is_empty() {
        let notice = Notice {
            error: Some(problems.join(" · ")),
            ..Notice::default()
        };
        let page = build(&state, &user, &reach, fy, typed, notice).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response());
    }
    let me = user.person_id();
    let mut outcomes = Vec::new();
    for id in &typed.agreements {
        let agreement = AgreementId(id.clone());
        let Ok(stored) = state.store.agreement(&agreement).await else {
            continue;
        };
        let maker = state.store.person(&stored.person_id).await?;
        if maker.unit_id != unit.id {
            continue;
        }
        let approver = state.store.agreement_approver(&agreement).await?;
        if actor == Actor::Approver && approver.as_ref() != Some(&me) {
            continue;
        }
        let chair = if typed.chair.is_empty() || typed.chair == "approver" {
            approver.map(|person| SeatChoice {
                seat: Seat::Chair,
                basis: Basis::Approver,
                person,
            })
        } else {
            Some(SeatChoice {
                seat: Seat::Chair,
                basis: Basis::SubstituteChair,
                person: PersonId(typed.chair.clone()),
            })
        };
        let Some(chair) = chair else {
            outcomes.push(Outcome {
                maker: maker.full_name(),
                ok: false,
                message: "ไม่พบผู้ให้ความเห็นชอบของข้อตกลงนี้ กรุณาเลือกประธานแทน".into(),
                committee: None,
            });
            continue;
        };
        let mut seats = vec![chair];
        seats.extend(members.iter().cloned());
        let appointment = Appointment {
            seats,
            period,
            deadline: deadline.clone(),
        };
        let actor = if officer_over(&user, &maker) {
            Actor::UnitOfficer
        } else {
            Actor::Approver
        };
        match state
            .store
            .appoint_committee(&me, actor, &agreement, &appointment, &notify(&state))
            .await
        {
            Ok(c) => outcomes.push(Outcome {
                maker: maker.full_name(),
                ok: true,
                message: "แต่งตั้งคณะกรรมการแล้ว".into(),
                committee: Some(c.0),
            }),
            Err(e @ (store::StoreError::Invalid(_) | store::StoreError::Conflict { .. })) => {
                outcomes.push(Outcome {
                    maker: maker.full_name(),
                    ok: false,
                    message: e.to_string(),
                    committee: None,
                })
            }
            Err(e) => return Err(e.into()),
        }
    }
    state.mail.wake();
    let done = outcomes.iter().filter(|o| o.ok).count();
    let failed = outcomes.len() - done;
    let flash = (done > 0).then(|| format!("แต่งตั้งคณะกรรมการแล้ว {done} ราย ระบบแจ้งกรรมการทุกคนแล้ว"));
    let error = (failed > 0).then(|| {
        format!("แต่งตั้งไม่สำเร็จ {failed} ราย ดูเหตุผลในรายการด้านล่าง ข้อตกลงที่เหลือยังไม่เปลี่ยนแปลง")
    });
    let status = if done == 0 {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let typed = Typed {
        agreements: Vec::new(),
        ..typed
    };
    let notice = Notice {
        outcomes,
        flash,
        error,
        expert_error: None,
    };
    let page = build(&state, &user, &reach, fy, typed, notice).await?;
    Ok((status, render(&page)).into_response())
}

/// The outside expert's registration, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ExpertForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub fiscal_year: Option<i64>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub last_name: String,
    #[serde(default)]
    pub position_text: String,
    #[serde(default)]
    pub email: String,
}

pub async fn register_expert(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(f): Form<ExpertForm>,
) -> Result<Response, WebError> {
    user.verify_csrf(&f.csrf)?;
    let reach = reach(&state, &user, &f.unit).await?;
    let unit = &reach.0;
    let fy = f
        .fiscal_year
        .unwrap_or_else(|| i64::from(current_fiscal_year()));
    let expert = Expert {
        title: f.title.clone(),
        first_name: f.first_name.clone(),
        last_name: f.last_name.clone(),
        position_text: f.position_text.clone(),
        email: f.email.clone(),
    };
    let me = user.person_id();
    let registered = state
        .store
        .register_expert(&me, &UnitId(unit.id.clone()), &expert)
        .await;
    let (flash, expert_error, typed) = match registered {
        Ok((id, true)) => {
            let login = f.email.trim().to_lowercase();
            let temporary = crate::people::temporary_password();
            let hash = hash_password(&state.config, temporary.clone()).await?;
            state
                .store
                .set_account(Some(me.as_str()), &id, &login, &hash, true)
                .await?;
            (
                Some(format!(
                    "ลงทะเบียน {}{} {} แล้ว เลือกได้ในรายชื่อกรรมการด้านล่าง · บัญชีผู้ใช้: {login} รหัสผ่านชั่วคราว: {temporary} (แสดงครั้งเดียว กรุณาแจ้งผู้ทรงคุณวุฒิ ระบบจะให้เปลี่ยนรหัสผ่านเมื่อเข้าสู่ระบบครั้งแรก)",
                    f.title.trim(),
                    f.first_name.trim(),
                    f.last_name.trim()
                )),
                None,
                ExpertForm::default(),
            )
        }
        Ok((_, false)) => (
            Some(format!(
                "อีเมล {} ลงทะเบียนไว้แล้ว เลือกผู้นี้ได้ในรายชื่อกรรมการด้านล่าง",
                f.email.trim()
            )),
            None,
            ExpertForm::default(),
        ),
        Err(store::StoreError::Invalid(m)) => (None, Some(m), f.clone()),
        Err(e @ store::StoreError::Duplicate { .. }) => (None, Some(e.to_string()), f.clone()),
        Err(e) => return Err(e.into()),
    };
    let failed = expert_error.is_some();
    let typed = Typed {
        expert: typed,
        ..Typed::default()
    };
    let notice = Notice {
        flash,
        expert_error,
        ..Notice::default()
    };
    let page = build(&state, &user, &reach, fy, typed, notice).await?;
    let status = if failed {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, render(&page)).into_response())
}
