//! GET /reviews: what waits for this approver, oldest first, and for a unit officer every
//! agreement in the units they look after (read-only). Filters are plain GET parameters, so
//! the page works, and can be bookmarked, without JavaScript.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use domain::people::Position;
use domain::thai::collate;
use domain::workflow::AgreementState;
use serde::Deserialize;
use store::UnitId;
use store::workflow::InboxItem;

use super::{RequireReviewer, position_line, tone};
use crate::agreements::when;
use crate::pages::{Layout, render};
use crate::{AppState, WebError};

pub struct Row {
    pub id: String,
    pub maker: String,
    pub position: String,
    pub unit: String,
    pub state: &'static str,
    pub tone: &'static str,
    pub since: String,
}

pub struct Count {
    pub label: &'static str,
    pub tone: &'static str,
    pub n: usize,
}

pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "reviews/inbox.html")]
struct InboxPage {
    layout: Layout,
    flash: Option<&'static str>,
    approver: bool,
    officer: bool,
    waiting_counts: Vec<Count>,
    waiting: Vec<Row>,
    overview_counts: Vec<Count>,
    overview: Vec<Row>,
    units: Vec<Choice>,
    positions: Vec<Choice>,
    states: Vec<Choice>,
    filtered: bool,
}

#[derive(Deserialize, Default)]
pub struct InboxQuery {
    done: Option<String>,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    position: String,
    #[serde(default)]
    state: String,
}

/// The wire code of a state or position (`submitted`, `teacher`), as the filters post it.
fn code<T: serde::Serialize>(v: T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

struct Filter {
    unit: String,
    position: String,
    state: String,
}

impl Filter {
    fn keeps(&self, item: &InboxItem) -> bool {
        (self.unit.is_empty() || item.maker.unit_id == self.unit)
            && (self.position.is_empty() || item.maker.position == self.position)
            && (self.state.is_empty() || code(item.state) == self.state)
    }
}

fn counts(items: &[InboxItem]) -> Vec<Count> {
    AgreementState::ALL
        .iter()
        .map(|s| Count {
            label: s.thai(),
            tone: tone(*s),
            n: items.iter().filter(|i| i.state == *s).count(),
        })
        .filter(|c| c.n > 0)
        .collect()
}

fn row(item: &InboxItem) -> Row {
    Row {
        id: item.agreement_id.0.clone(),
        maker: item.maker.full_name(),
        position: position_line(&item.maker),
        unit: item.unit_name.clone(),
        state: item.state.thai(),
        tone: tone(item.state),
        since: when(item.since),
    }
}

pub async fn inbox(
    State(state): State<AppState>,
    RequireReviewer(user): RequireReviewer,
    Query(q): Query<InboxQuery>,
) -> Result<Response, WebError> {
    let store = &state.store;
    let approver = user.has(domain::access::Role::Approver);
    let waiting = if approver {
        store.inbox(&user.person_id()).await?
    } else {
        Vec::new()
    };
    let units: Vec<UnitId> = user
        .principal
        .officer_units
        .iter()
        .cloned()
        .map(UnitId)
        .collect();
    let officer = !units.is_empty();
    let overview = if officer {
        store.agreements_in_units(&units, &[]).await?
    } else {
        Vec::new()
    };
    // The choices are what the lists hold, so a filter never leads to an empty page by design.
    let all = || waiting.iter().chain(overview.iter());
    let mut unit_names: BTreeMap<String, String> = BTreeMap::new();
    let mut position_names: BTreeMap<String, String> = BTreeMap::new();
    for item in all() {
        unit_names.insert(item.maker.unit_id.clone(), item.unit_name.clone());
        if let Some(p) = item.maker.position() {
            position_names.insert(code(p), p.thai().to_owned());
        }
    }
    let mut unit_choices: Vec<Choice> = unit_names
        .into_iter()
        .map(|(value, label)| Choice {
            selected: value == q.unit,
            value,
            label,
        })
        .collect();
    unit_choices.sort_by(|a, b| collate::compare(&a.label, &b.label));
    let positions = Position::ALL
        .iter()
        .map(|p| code(*p))
        .filter_map(|c| {
            position_names.get(&c).map(|label| Choice {
                selected: c == q.position,
                label: label.clone(),
                value: c,
            })
        })
        .collect();
    let states = AgreementState::ALL
        .iter()
        .filter(|s| all().any(|i| i.state == **s))
        .map(|s| Choice {
            value: code(*s),
            label: s.thai().to_owned(),
            selected: code(*s) == q.state,
        })
        .collect();
    let filter = Filter {
        unit: q.unit.trim().to_owned(),
        position: q.position.trim().to_owned(),
        state: q.state.trim().to_owned(),
    };
    let flash = match q.done.as_deref() {
        Some("approved") => Some("บันทึกความเห็นชอบแล้ว ระบบแจ้งผู้จัดทำข้อตกลงแล้ว"),
        Some("returned") => Some("ส่งข้อตกลงกลับพร้อมข้อเสนอแนะแล้ว ระบบแจ้งผู้จัดทำข้อตกลงให้แก้ไขและเสนอใหม่"),
        Some("allowed") => Some("อนุญาตให้แก้ไขข้อตกลงแล้ว ระบบแจ้งผู้จัดทำข้อตกลงแล้ว"),
        Some("refused") => Some("ไม่อนุญาตให้แก้ไขข้อตกลง ระบบแจ้งผู้จัดทำข้อตกลงพร้อมเหตุผลแล้ว"),
        _ => None,
    };
    Ok(render(&InboxPage {
        layout: Layout::of(&user),
        flash,
        approver,
        officer,
        waiting_counts: counts(&waiting),
        waiting: waiting
            .iter()
            .filter(|i| filter.keeps(i))
            .map(row)
            .collect(),
        overview_counts: counts(&overview),
        overview: overview
            .iter()
            .filter(|i| filter.keeps(i))
            .map(row)
            .collect(),
        units: unit_choices,
        positions,
        states,
        filtered: !(filter.unit.is_empty()
            && filter.position.is_empty()
            && filter.state.is_empty()),
    }))
}
