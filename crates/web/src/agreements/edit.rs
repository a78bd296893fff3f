//! GET /agreements/{id}/edit: the PA 1 laid out as the form lays it out, every input named by
//! its path in the agreement, with the area's scope, the indicator's description for the
//! maker's own วิทยฐานะ and the suggested evidence folded beside it, and the approver's
//! suggestions beside the fields they were made on.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::catalog::Form;
use domain::people::Standing;
use domain::thai::{Digits, date, fiscal};
use domain::workflow::{Actor, AgreementAction};
use store::agreements::StoredAgreement;
use store::workflow::ReviewKind;

use super::findings::Findings;
use super::{Relation, form_of, load};
use crate::auth::CurrentUser;
use crate::pages::{Field, Layout, render};
use crate::{AppState, WebError};

/// One input: its name (the path), what it holds, and the approver's comment on it.
pub struct Input {
    pub path: String,
    pub value: String,
    pub comment: Option<String>,
}

/// Builds inputs, attaching the approver's comments by path.
struct Inputs<'a>(&'a BTreeMap<String, String>);

impl Inputs<'_> {
    fn at(&self, path: String, value: impl Into<String>) -> Input {
        Input {
            comment: self.0.get(&path).cloned(),
            path,
            value: value.into(),
        }
    }
}

fn number(v: Option<f64>) -> String {
    v.map(|h| {
        if h.fract() == 0.0 {
            format!("{h:.0}")
        } else {
            h.to_string()
        }
    })
    .unwrap_or_default()
}

pub struct TypeGroup {
    pub name: Option<String>,
    pub options: Vec<TypeBox>,
}

pub struct TypeBox {
    pub id: String,
    pub name: String,
    pub checked: bool,
}

pub struct SubjectRow {
    pub subject: Input,
    pub hours: Input,
}

pub struct WorkItem {
    pub code: String,
    pub name: String,
    pub per_subject: bool,
    pub hours: Input,
    pub note: Input,
    pub subjects_path: String,
    pub subjects: Vec<SubjectRow>,
    pub minimum: Option<String>,
}

pub struct IndicatorHelp {
    pub code: String,
    pub name: String,
    pub description: String,
    pub evidence: Vec<String>,
}

pub struct GroupInputs {
    pub name: String,
    pub outcome: Input,
    pub indicator: Input,
}

pub struct Part1Block {
    pub heading: String,
    pub scope: String,
    pub indicators: Vec<IndicatorHelp>,
    pub tasks: Input,
    pub groups: Vec<GroupInputs>,
}

pub struct StepRow {
    pub text: Input,
    pub start: Input,
    pub end: Input,
    /// The twelve months of the fiscal year this step covers, for the Gantt row.
    pub months: Vec<bool>,
}

pub struct TargetRow {
    pub text: Input,
    pub what: Input,
    pub value: Input,
    pub unit: Input,
}

pub struct ChallengeBlock {
    pub number: usize,
    pub title: Input,
    pub policy: Option<Input>,
    pub problem: Input,
    pub intro: Input,
    pub steps_path: String,
    pub steps: Vec<StepRow>,
    pub targets_path: String,
    pub targets: Vec<TargetRow>,
    pub qualitative_path: String,
    pub qualitative: Vec<Input>,
}

pub struct Month {
    pub value: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "agreements/editor.html")]
pub struct EditorPage {
    pub layout: Layout,
    pub id: String,
    pub version: i64,
    pub form: &'static Form,
    pub state: String,
    pub fiscal_year: u16,
    pub header: Vec<Field>,
    pub expected_level: String,
    pub types_label: String,
    pub types_min: usize,
    pub types: Vec<TypeGroup>,
    pub full_time: Option<Input>,
    pub part_time_reason: Input,
    pub work: Vec<WorkItem>,
    pub work_minimum: Option<String>,
    pub part1: Vec<Part1Block>,
    pub challenges: Vec<ChallengeBlock>,
    pub months: Vec<Month>,
    pub suggestions: Option<String>,
    pub findings_html: String,
}

fn threshold(t: &Option<domain::catalog::Threshold>) -> Option<String> {
    t.as_ref().map(|t| number(Some(t.value)))
}

fn gantt(
    fy: u16,
    start: Option<domain::agreement::YearMonth>,
    end: Option<domain::agreement::YearMonth>,
) -> Vec<bool> {
    fiscal::months(fy)
        .iter()
        .map(|&(y, m)| {
            let here = domain::agreement::YearMonth { year: y, month: m };
            match (start, end) {
                (Some(s), Some(e)) => s <= here && here <= e,
                (Some(s), None) => s == here,
                (None, Some(e)) => e == here,
                (None, None) => false,
            }
        })
        .collect()
}

impl EditorPage {
    pub fn new(
        user: &CurrentUser,
        form: &'static Form,
        stored: &StoredAgreement,
        comments: &BTreeMap<String, String>,
        suggestions: Option<String>,
    ) -> EditorPage {
        let a = &stored.content;
        let inputs = Inputs(comments);
        let standing = a.maker.standing.unwrap_or(Standing::None);
        let m = &a.maker;
        let header = vec![
            Field {
                label: "ชื่อ",
                value: m.full_name(),
            },
            Field {
                label: "ตำแหน่ง",
                value: m.position.map(|p| p.thai().to_owned()).unwrap_or_default(),
            },
            Field {
                label: "วิทยฐานะ",
                value: if m.standing_title.is_empty() {
                    "-".into()
                } else {
                    m.standing_title.clone()
                },
            },
            Field {
                label: "สถานศึกษา/หน่วยงาน",
                value: m.unit.clone(),
            },
            Field {
                label: "สังกัด",
                value: m.affiliation.clone(),
            },
            Field {
                label: "รับเงินเดือนในอันดับ",
                value: [m.salary_scale.as_str(), m.salary.as_str()]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .map(|s| (*s).to_owned())
                    .collect::<Vec<_>>()
                    .join(" อัตรา "),
            },
            Field {
                label: "ระยะเวลา",
                value: format!(
                    "{} ถึง {}",
                    date::format_long(a.period.start, Digits::Arabic),
                    date::format_long(a.period.end, Digits::Arabic)
                ),
            },
        ];
        let expected_level = form
            .expected_level(standing)
            .map(|l| format!("{} ({}): {}", l.level, l.level_en, l.detail))
            .unwrap_or_default();

        let (types_label, types_min, types) = match &form.type_choice {
            None => (String::new(), 0, Vec::new()),
            Some(choice) => {
                let mut groups: Vec<TypeGroup> = Vec::new();
                for o in &choice.options {
                    let b = TypeBox {
                        id: o.id.clone(),
                        name: o.name.clone(),
                        checked: a.types.contains(&o.id),
                    };
                    match groups.last_mut() {
                        Some(g) if g.name == o.group => g.options.push(b),
                        _ => groups.push(TypeGroup {
                            name: o.group.clone(),
                            options: vec![b],
                        }),
                    }
                }
                (choice.label.clone(), choice.min_selected, groups)
            }
        };

        let work = form
            .workload
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let line = a.workload.items.iter().find(|l| l.code == item.code);
                let at = |rest: &str| format!("/workload/items/{i}/{rest}");
                let subjects_path = at("subjects");
                let mut subjects: Vec<SubjectRow> = line
                    .map(|l| l.subjects.as_slice())
                    .unwrap_or_default()
                    .iter()
                    .enumerate()
                    .map(|(j, s)| SubjectRow {
                        subject: inputs
                            .at(format!("{subjects_path}/{j}/subject"), s.subject.clone()),
                        hours: inputs.at(format!("{subjects_path}/{j}/hours"), number(s.hours)),
                    })
                    .collect();
                if item.per_subject && subjects.is_empty() {
                    subjects.push(SubjectRow {
                        subject: inputs.at(format!("{subjects_path}/0/subject"), ""),
                        hours: inputs.at(format!("{subjects_path}/0/hours"), ""),
                    });
                }
                WorkItem {
                    code: item.code.clone(),
                    name: item.name.clone(),
                    per_subject: item.per_subject,
                    hours: inputs.at(at("hours"), number(line.and_then(|l| l.hours))),
                    note: inputs.at(at("note"), line.map(|l| l.note.clone()).unwrap_or_default()),
                    subjects_path,
                    subjects,
                    minimum: threshold(&item.min_hours),
                }
            })
            .collect();

        let part1 = a
            .part1
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let area = form.area(&row.area);
                let shown: Vec<&domain::catalog::Indicator> = match (&row.indicator, area) {
                    (Some(code), _) => form.indicator(code).into_iter().collect(),
                    (None, Some(area)) => area.indicators.iter().collect(),
                    (None, None) => Vec::new(),
                };
                let heading = match (&row.indicator, area) {
                    (Some(code), _) => format!(
                        "{} {} {}",
                        form.part1.indicator_word,
                        code,
                        form.indicator(code)
                            .map(|x| x.name.as_str())
                            .unwrap_or_default()
                    ),
                    (None, Some(area)) => {
                        format!("{}ที่ {} {}", form.part1.area_word, area.code, area.name)
                    }
                    (None, None) => format!("{} {}", form.part1.area_word, row.area),
                };
                let at = |rest: &str| format!("/part1/{i}/{rest}");
                Part1Block {
                    heading,
                    scope: area.map(|x| x.scope.clone()).unwrap_or_default(),
                    indicators: shown
                        .into_iter()
                        .map(|ind| IndicatorHelp {
                            code: ind.code.clone(),
                            name: ind.name.clone(),
                            description: ind.descriptions.get(&standing).cloned().unwrap_or_else(
                                || "แหล่งที่มาที่ระบบมีไม่ได้ให้คำอธิบายตัวชี้วัดนี้สำหรับวิทยฐานะของท่าน".to_owned(),
                            ),
                            evidence: ind.evidence.clone(),
                        })
                        .collect(),
                    tasks: inputs.at(at("tasks"), row.tasks.clone()),
                    groups: form
                        .part1
                        .target_groups
                        .iter()
                        .map(|g| GroupInputs {
                            name: g.name.clone(),
                            outcome: inputs.at(
                                at(&format!("outcomes/{}", g.id)),
                                row.outcomes.get(&g.id).cloned().unwrap_or_default(),
                            ),
                            indicator: inputs.at(
                                at(&format!("indicators/{}", g.id)),
                                row.indicators.get(&g.id).cloned().unwrap_or_default(),
                            ),
                        })
                        .collect(),
                }
            })
            .collect();

        let challenges = a
            .challenges
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let at = |rest: &str| format!("/challenges/{i}/{rest}");
                let steps_path = at("method/steps");
                let targets_path = at("quantitative");
                let qualitative_path = at("qualitative");
                let month = |m: Option<domain::agreement::YearMonth>| {
                    m.map(|m| m.to_string()).unwrap_or_default()
                };
                ChallengeBlock {
                    number: i + 1,
                    title: inputs.at(at("title"), c.title.clone()),
                    policy: form
                        .part2
                        .requires_policy
                        .then(|| inputs.at(at("policy"), c.policy.clone())),
                    problem: inputs.at(at("problem"), c.problem.clone()),
                    intro: inputs.at(at("method/intro"), c.method.intro.clone()),
                    steps: c
                        .method
                        .steps
                        .iter()
                        .enumerate()
                        .map(|(j, s)| StepRow {
                            text: inputs.at(format!("{steps_path}/{j}/text"), s.text.clone()),
                            start: inputs.at(format!("{steps_path}/{j}/start"), month(s.start)),
                            end: inputs.at(format!("{steps_path}/{j}/end"), month(s.end)),
                            months: gantt(a.fiscal_year, s.start, s.end),
                        })
                        .collect(),
                    targets: c
                        .quantitative
                        .iter()
                        .enumerate()
                        .map(|(j, t)| TargetRow {
                            text: inputs.at(format!("{targets_path}/{j}/text"), t.text.clone()),
                            what: inputs.at(format!("{targets_path}/{j}/what"), t.what.clone()),
                            value: inputs.at(format!("{targets_path}/{j}/value"), number(t.value)),
                            unit: inputs.at(format!("{targets_path}/{j}/unit"), t.unit.clone()),
                        })
                        .collect(),
                    qualitative: c
                        .qualitative
                        .iter()
                        .enumerate()
                        .map(|(j, q)| inputs.at(format!("{qualitative_path}/{j}"), q.clone()))
                        .collect(),
                    steps_path,
                    targets_path,
                    qualitative_path,
                }
            })
            .collect();

        let months = fiscal::months(a.fiscal_year)
            .iter()
            .map(|&(y, m)| Month {
                value: format!("{y:04}-{m:02}"),
                label: date::format_month(y, m, Digits::Arabic),
            })
            .collect();

        EditorPage {
            layout: Layout::of(user),
            id: stored.id.0.clone(),
            version: stored.version,
            form,
            state: stored.state.thai().to_owned(),
            fiscal_year: a.fiscal_year,
            header,
            expected_level,
            types_label,
            types_min,
            types,
            full_time: form.workload.asks_full_time.then(|| {
                inputs.at(
                    "/workload/full_time".into(),
                    match a.workload.full_time {
                        Some(true) => "true",
                        Some(false) => "false",
                        None => "",
                    },
                )
            }),
            part_time_reason: inputs.at(
                "/workload/part_time_reason".into(),
                a.workload.part_time_reason.clone(),
            ),
            work,
            work_minimum: threshold(&form.workload.min_total_hours),
            part1,
            challenges,
            months,
            suggestions,
            findings_html: Findings::of(form, a).html(),
        }
    }
}

/// The approver's suggestions and field comments from the return the maker is answering.
pub async fn open_return(
    state: &AppState,
    id: &store::AgreementId,
) -> Result<(BTreeMap<String, String>, Option<String>), WebError> {
    let reviews = state.store.reviews(id).await?;
    Ok(match reviews.last() {
        Some(r) if r.kind == ReviewKind::Return => (r.field_comments.clone(), Some(r.text.clone())),
        _ => (BTreeMap::new(), None),
    })
}

pub async fn edit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let viewed = load(&state, &user, &id).await?;
    if viewed.relation != Relation::Maker {
        return Ok(Redirect::to(&format!("/reviews/{id}")).into_response());
    }
    let s = &viewed.stored;
    if s.state.apply(Actor::Maker, &AgreementAction::Edit).is_err() {
        return Ok(Redirect::to(&format!("/agreements/{id}")).into_response());
    }
    let form = form_of(s)?;
    let (comments, suggestions) = open_return(&state, &s.id).await?;
    Ok(render(&EditorPage::new(
        &user,
        form,
        s,
        &comments,
        suggestions,
    )))
}
