//! A post from the editor turned into an agreement: every field parsed at its path, every bad
//! field reported, nothing half-applied.

use std::collections::BTreeMap;

use super::values::{parse_month, parse_number, refuse_text};
use super::{Applied, FieldError, index, keep_one_row_each};
use crate::agreement::{
    Agreement, Challenge, Method, Part1Row, Step, SubjectHours, Target, WorkloadEntry,
    WorkloadLine, YearMonth,
};
use crate::catalog::Form;
use crate::thai::normalize::normalize;

/// A week has 168 hours; more per week is a typing slip (the checker uses the same bound).
const MAX_WEEK_HOURS: f64 = 168.0;

/// Replaces the editable parts of `base` with the posted fields. Names not starting with `/`
/// (csrf, version, …) are ignored. Every bad field is reported; nothing is half-applied.
///
/// The browser posts the whole form, so what is not posted is empty: no `/types` means no box
/// ticked. Only the parts the editor does not show (header, period, signature, approval) and a
/// booklet whose preface was not posted keep `base`'s values. Lists are rebuilt from the posted
/// indices in order, dropping rows left wholly empty but keeping one row per list so the editor
/// always has an input to type in. Errors and normalised texts are reported at the name the
/// field was posted under, which is the name of its input.
pub fn apply(
    form: &Form,
    base: &Agreement,
    fields: &[(String, String)],
) -> Result<Applied, Vec<FieldError>> {
    let mut post = Post::new(form, base);
    for (name, value) in fields.iter().filter(|(name, _)| name.starts_with('/')) {
        post.field(name, value);
    }
    post.finish()
}

#[derive(Default)]
struct LineDraft {
    hours: Option<f64>,
    note: String,
    subjects: BTreeMap<usize, SubjectHours>,
}

#[derive(Default)]
struct ChallengeDraft {
    title: String,
    policy: String,
    problem: String,
    intro: String,
    steps: BTreeMap<usize, Step>,
    targets: BTreeMap<usize, Target>,
    qualitative: BTreeMap<usize, String>,
}

/// The agreement being rebuilt from one post.
struct Post<'a> {
    form: &'a Form,
    base: &'a Agreement,
    types: Vec<String>,
    full_time: Option<bool>,
    part_time_reason: String,
    /// One per item of the form's workload, in form order.
    lines: Vec<LineDraft>,
    /// `base`'s rows with their texts cleared: the codes are not the maker's to post.
    part1: Vec<Part1Row>,
    challenges: BTreeMap<usize, ChallengeDraft>,
    preface: Option<Vec<String>>,
    normalized: Vec<(String, String)>,
    errors: Vec<FieldError>,
}

impl<'a> Post<'a> {
    fn new(form: &'a Form, base: &'a Agreement) -> Post<'a> {
        let groups = || -> BTreeMap<String, String> {
            form.part1
                .target_groups
                .iter()
                .map(|g| (g.id.clone(), String::new()))
                .collect()
        };
        Post {
            form,
            base,
            types: Vec::new(),
            full_time: None,
            part_time_reason: String::new(),
            lines: form
                .workload
                .items
                .iter()
                .map(|_| LineDraft::default())
                .collect(),
            part1: base
                .part1
                .iter()
                .map(|r| Part1Row {
                    area: r.area.clone(),
                    indicator: r.indicator.clone(),
                    tasks: String::new(),
                    outcomes: groups(),
                    indicators: groups(),
                })
                .collect(),
            challenges: BTreeMap::new(),
            preface: None,
            normalized: Vec::new(),
            errors: Vec::new(),
        }
    }

    fn error(&mut self, path: &str, message: impl Into<String>) {
        self.errors.push(FieldError {
            path: path.to_owned(),
            message: message.into(),
        });
    }

    fn field(&mut self, path: &str, value: &str) {
        let segments: Vec<&str> = path[1..].split('/').collect();
        match segments.as_slice() {
            ["types"] => self.tick(path, value),
            ["workload", "full_time"] => match value.trim() {
                "true" => self.full_time = Some(true),
                "false" => self.full_time = Some(false),
                "" => self.full_time = None,
                _ => self.error(path, "เลือกว่าปฏิบัติงานเต็มเวลาหรือไม่เต็มเวลา"),
            },
            ["workload", "part_time_reason"] => {
                if let Some(t) = self.text(path, value) {
                    self.part_time_reason = t;
                }
            }
            ["workload", "items", i, rest @ ..] => self.workload_item(path, i, rest, value),
            ["part1", i, rest @ ..] => self.part1_cell(path, i, rest, value),
            ["challenges", i, rest @ ..] => self.challenge(path, i, rest, value),
            ["booklet", "preface"] if self.base.booklet.is_some() => self.preface(path, value),
            _ => self.unknown(path),
        }
    }

    fn unknown(&mut self, path: &str) {
        self.error(path, format!("ไม่รู้จักช่อง {path}"));
    }

    fn tick(&mut self, path: &str, value: &str) {
        let id = value.trim();
        if id.is_empty() || self.types.iter().any(|t| t == id) {
            return;
        }
        let known = self
            .form
            .type_choice
            .as_ref()
            .is_some_and(|c| c.options.iter().any(|o| o.id == id));
        if known {
            self.types.push(id.to_owned());
        } else {
            self.error(path, format!("ไม่มีตัวเลือก \"{id}\" ในแบบฟอร์มนี้"));
        }
    }

    fn workload_item(&mut self, path: &str, i: &str, rest: &[&str], value: &str) {
        let Some(i) = index(i) else {
            return self.unknown(path);
        };
        if i >= self.lines.len() {
            return self.error(path, format!("แบบฟอร์มนี้ไม่มีรายการภาระงานลำดับที่ {}", i + 1));
        }
        match rest {
            ["hours"] => {
                if let Some(h) = self.hours(path, value) {
                    self.lines[i].hours = h;
                }
            }
            ["note"] => {
                if let Some(t) = self.text(path, value) {
                    self.lines[i].note = t;
                }
            }
            ["subjects", j, part @ ("subject" | "hours")] => {
                let Some(j) = index(j) else {
                    return self.unknown(path);
                };
                if *part == "subject" {
                    if let Some(t) = self.text(path, value) {
                        self.lines[i].subjects.entry(j).or_default().subject = t;
                    }
                } else if let Some(h) = self.hours(path, value) {
                    self.lines[i].subjects.entry(j).or_default().hours = h;
                }
            }
            _ => self.unknown(path),
        }
    }

    fn part1_cell(&mut self, path: &str, i: &str, rest: &[&str], value: &str) {
        let Some(i) = index(i) else {
            return self.unknown(path);
        };
        if i >= self.part1.len() {
            return self.error(path, format!("ส่วนที่ 1 ไม่มีแถวที่ {}", i + 1));
        }
        match rest {
            ["tasks"] => {
                if let Some(t) = self.text(path, value) {
                    self.part1[i].tasks = t;
                }
            }
            [column @ ("outcomes" | "indicators"), group] => {
                if !self.form.part1.target_groups.iter().any(|g| g.id == *group) {
                    return self.error(path, format!("แบบฟอร์มนี้ไม่มีกลุ่มเป้าหมาย \"{group}\""));
                }
                if let Some(t) = self.text(path, value) {
                    let row = &mut self.part1[i];
                    let cells = if *column == "outcomes" {
                        &mut row.outcomes
                    } else {
                        &mut row.indicators
                    };
                    cells.insert((*group).to_owned(), t);
                }
            }
            _ => self.unknown(path),
        }
    }

    fn challenge(&mut self, path: &str, i: &str, rest: &[&str], value: &str) {
        let Some(i) = index(i) else {
            return self.unknown(path);
        };
        // A stored agreement with more issues than its form (an import) stays editable.
        let count = self.form.part2.issue_count.max(self.base.challenges.len());
        if i >= count {
            return self.error(
                path,
                format!("แบบฟอร์มนี้มีประเด็นท้าทาย {count} ประเด็น ไม่มีประเด็นที่ {}", i + 1),
            );
        }
        match rest {
            [part @ ("title" | "policy" | "problem")] => {
                if let Some(t) = self.text(path, value) {
                    let c = self.challenges.entry(i).or_default();
                    match *part {
                        "title" => c.title = t,
                        "policy" => c.policy = t,
                        _ => c.problem = t,
                    }
                }
            }
            ["method", "intro"] => {
                if let Some(t) = self.text(path, value) {
                    self.challenges.entry(i).or_default().intro = t;
                }
            }
            ["method", "steps", j, part @ ("text" | "start" | "end")] => {
                let Some(j) = index(j) else {
                    return self.unknown(path);
                };
                if *part == "text" {
                    if let Some(t) = self.text(path, value) {
                        self.step(i, j).text = t;
                    }
                } else if let Some(m) = self.month(path, value) {
                    let step = self.step(i, j);
                    if *part == "start" {
                        step.start = m;
                    } else {
                        step.end = m;
                    }
                }
            }
            [
                "quantitative",
                j,
                part @ ("text" | "what" | "value" | "unit"),
            ] => {
                let Some(j) = index(j) else {
                    return self.unknown(path);
                };
                if *part == "value" {
                    if let Some(v) = self.number(path, value) {
                        self.target(i, j).value = v;
                    }
                } else if let Some(t) = self.text(path, value) {
                    let target = self.target(i, j);
                    match *part {
                        "text" => target.text = t,
                        "what" => target.what = t,
                        _ => target.unit = t,
                    }
                }
            }
            ["qualitative", j] => {
                let Some(j) = index(j) else {
                    return self.unknown(path);
                };
                if let Some(t) = self.text(path, value) {
                    self.challenges
                        .entry(i)
                        .or_default()
                        .qualitative
                        .insert(j, t);
                }
            }
            _ => self.unknown(path),
        }
    }

    fn step(&mut self, i: usize, j: usize) -> &mut Step {
        self.challenges
            .entry(i)
            .or_default()
            .steps
            .entry(j)
            .or_default()
    }

    fn target(&mut self, i: usize, j: usize) -> &mut Target {
        self.challenges
            .entry(i)
            .or_default()
            .targets
            .entry(j)
            .or_default()
    }

    /// คำนำ: paragraphs separated by blank lines.
    fn preface(&mut self, path: &str, value: &str) {
        let Some(clean) = self.checked(path, value) else {
            return;
        };
        let mut paragraphs: Vec<String> = Vec::new();
        let mut current: Vec<&str> = Vec::new();
        for line in clean.lines().chain([""]) {
            if line.trim().is_empty() {
                if !current.is_empty() {
                    paragraphs.push(current.join("\n").trim().to_owned());
                    current.clear();
                }
            } else {
                current.push(line);
            }
        }
        let shown = paragraphs.join("\n\n");
        if shown != value.replace("\r\n", "\n") {
            self.normalized.push((path.to_owned(), shown));
        }
        self.preface = Some(paragraphs);
    }

    /// A free text, repaired; `None` when refused (the error is recorded).
    fn text(&mut self, path: &str, value: &str) -> Option<String> {
        let clean = self.checked(path, value)?;
        // Browsers post textarea line ends as CRLF; that alone is not worth telling anyone.
        if clean != value.replace("\r\n", "\n") {
            self.normalized.push((path.to_owned(), clean.clone()));
        }
        Some(clean)
    }

    fn checked(&mut self, path: &str, value: &str) -> Option<String> {
        let clean = normalize(value);
        match refuse_text(&clean) {
            Some(message) => {
                self.error(path, message);
                None
            }
            None => Some(clean),
        }
    }

    fn number(&mut self, path: &str, value: &str) -> Option<Option<f64>> {
        match parse_number(value) {
            Ok(v) => Some(v),
            Err(message) => {
                self.error(path, message);
                None
            }
        }
    }

    fn hours(&mut self, path: &str, value: &str) -> Option<Option<f64>> {
        match self.number(path, value)? {
            Some(h) if h > MAX_WEEK_HOURS => {
                self.error(
                    path,
                    "ชั่วโมงต่อสัปดาห์ต้องไม่เกิน 168 ชั่วโมง (หนึ่งสัปดาห์มี 168 ชั่วโมง): ตรวจตัวเลขอีกครั้ง",
                );
                None
            }
            h => Some(h),
        }
    }

    fn month(&mut self, path: &str, value: &str) -> Option<Option<YearMonth>> {
        match parse_month(value) {
            Ok(m) => Some(m),
            Err(message) => {
                self.error(path, message);
                None
            }
        }
    }

    fn finish(mut self) -> Result<Applied, Vec<FieldError>> {
        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        let items = self
            .form
            .workload
            .items
            .iter()
            .zip(std::mem::take(&mut self.lines))
            .map(|(item, draft)| {
                let mut subjects: Vec<SubjectHours> = draft
                    .subjects
                    .into_values()
                    .filter(|s| !s.subject.trim().is_empty() || s.hours.is_some())
                    .collect();
                if item.per_subject && subjects.is_empty() {
                    subjects.push(SubjectHours::default());
                }
                WorkloadLine {
                    code: item.code.clone(),
                    hours: draft.hours,
                    subjects,
                    note: draft.note,
                }
            })
            .collect();
        let count = self
            .challenges
            .keys()
            .next_back()
            .map_or(0, |i| i + 1)
            .max(self.base.challenges.len());
        let challenges = (0..count)
            .map(|i| challenge(self.challenges.remove(&i).unwrap_or_default()))
            .collect();
        let mut booklet = self.base.booklet.clone();
        if let (Some(b), Some(preface)) = (booklet.as_mut(), self.preface) {
            b.preface = preface;
        }
        Ok(Applied {
            agreement: Agreement {
                types: self.types,
                workload: WorkloadEntry {
                    full_time: self.full_time,
                    part_time_reason: self.part_time_reason,
                    items,
                },
                part1: self.part1,
                challenges,
                booklet,
                ..self.base.clone()
            },
            normalized: self.normalized,
        })
    }
}

fn challenge(d: ChallengeDraft) -> Challenge {
    let mut c = Challenge {
        title: d.title,
        policy: d.policy,
        problem: d.problem,
        method: Method {
            intro: d.intro,
            steps: d
                .steps
                .into_values()
                .filter(|s| !s.text.trim().is_empty() || s.start.is_some() || s.end.is_some())
                .collect(),
        },
        quantitative: d
            .targets
            .into_values()
            .filter(|t| {
                [&t.text, &t.what, &t.unit]
                    .iter()
                    .any(|s| !s.trim().is_empty())
                    || t.value.is_some()
            })
            .collect(),
        qualitative: d
            .qualitative
            .into_values()
            .filter(|q| !q.trim().is_empty())
            .collect(),
    };
    keep_one_row_each(&mut c);
    c
}
