//! GET /reviews/{id}: the agreement as the form prints it, what the checker finds, what the
//! maker changed since the version returned to them, the earlier suggestions, the history,
//! and for the recorded approver the decision (or the amendment request) to act on.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::agreement::Agreement;
use domain::catalog::{Catalog, Form};
use domain::checker::{self, Severity};
use domain::diff::{self, SpanKind};
use domain::editing;
use domain::workflow::AgreementState;
use store::workflow::{Review, ReviewKind};

use super::{position_line, tone};
use crate::agreements::{Relation, Step, Viewed, load, steps, when};
use crate::auth::CurrentUser;
use crate::error::InternalError;
use crate::pages::{Layout, render};
use crate::print::{Comments, PrintView};
use crate::{AppState, WebError};

pub struct FindingItem {
    pub error: bool,
    pub severity: &'static str,
    pub label: String,
    pub anchor: Option<String>,
    pub message: String,
}

pub struct DiffSpan {
    pub removed: bool,
    pub added: bool,
    pub text: String,
}

pub struct ChangeItem {
    pub label: String,
    pub anchor: Option<String>,
    pub spans: Vec<DiffSpan>,
}

pub struct Changes {
    /// "ฉบับที่ส่งกลับ" or "ฉบับที่เห็นชอบ": what the newest version is compared with.
    pub since: &'static str,
    pub from: i64,
    pub to: i64,
    pub items: Vec<ChangeItem>,
}

pub struct FieldComment {
    pub label: String,
    pub text: String,
}

pub struct EarlierReview {
    pub when: String,
    pub who: String,
    pub version: i64,
    pub text: String,
    pub comments: Vec<FieldComment>,
}

/// What the approver typed, kept when the page comes back with an error.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub decision: String,
    pub suggestions: String,
    pub comments: BTreeMap<String, String>,
    pub amendment: String,
    pub reason: String,
    pub error: Option<String>,
    pub decision_error: Option<String>,
    pub suggestions_error: Option<String>,
    pub reason_error: Option<String>,
}

pub struct AmendmentRequest {
    pub when: String,
    pub reason: String,
}

#[derive(Template)]
#[template(path = "reviews/review.html")]
pub struct ReviewPage {
    layout: Layout,
    id: String,
    maker: String,
    position: String,
    unit: String,
    /// The approver recorded at the last submission, if any.
    approver: Option<String>,
    fiscal_year: i64,
    state: &'static str,
    tone: &'static str,
    sheet: PrintView,
    errors: usize,
    warnings: usize,
    findings: Vec<FindingItem>,
    changes: Option<Changes>,
    earlier: Vec<EarlierReview>,
    history: Vec<Step>,
    /// The numbers of the stored (submitted) versions, oldest first, for their downloads.
    versions: Vec<i64>,
    /// The decision form: the recorded approver, on a submitted agreement.
    decide: bool,
    /// The amendment form: the recorded approver, on an amendment request.
    request: Option<AmendmentRequest>,
    read_only: bool,
    draft: Draft,
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let viewed = load(&state, &user, &id).await?;
    if viewed.relation == Relation::Maker {
        return Ok(Redirect::to(&format!("/agreements/{id}")).into_response());
    }
    let page = build(&state, &user, &viewed, Draft::default()).await?;
    Ok(render(&page))
}

/// The page re-rendered with what was posted and why it was refused.
pub async fn refused(
    state: &AppState,
    user: &CurrentUser,
    viewed: &Viewed,
    draft: Draft,
) -> Result<Response, WebError> {
    let page = build(state, user, viewed, draft).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response())
}

/// The catalog form an agreement is written on; a stored agreement always names one.
pub fn form_of(viewed: &Viewed) -> Result<&'static Form, WebError> {
    Catalog::embedded()
        .get(&viewed.stored.form_id)
        .ok_or_else(|| {
            WebError::Internal(InternalError(format!(
                "agreement {} names form {} missing from the catalog",
                viewed.stored.id, viewed.stored.form_id
            )))
        })
}

async fn build(
    state: &AppState,
    user: &CurrentUser,
    viewed: &Viewed,
    draft: Draft,
) -> Result<ReviewPage, WebError> {
    let s = &viewed.stored;
    let form = form_of(viewed)?;
    let store = &state.store;
    let reviews = store.reviews(&s.id).await?;
    let versions = store.agreement_versions(&s.id).await?;
    let approver = viewed.relation == Relation::Approver;
    let decide = approver && s.state == AgreementState::Submitted;
    // The comments of a return stay beside their fields until the next decision.
    let last_return = reviews
        .iter()
        .rev()
        .find(|r| matches!(r.kind, ReviewKind::Return | ReviewKind::Approve))
        .filter(|r| r.kind == ReviewKind::Return);
    // What the maker changed is measured from the version last sent back to them: returned,
    // or approved and then opened for amendment.
    let baseline = reviews
        .iter()
        .rev()
        .find(|r| matches!(r.kind, ReviewKind::Return | ReviewKind::AmendmentAllowed));
    let sheet = PrintView::with_comments(
        form,
        &s.content,
        &Comments {
            open: decide,
            drafts: draft.comments.clone(),
            earlier: last_return
                .map(|r| r.field_comments.clone())
                .unwrap_or_default(),
        },
    );
    let report = checker::check_in(Catalog::embedded(), &s.content);
    let findings: Vec<FindingItem> = report
        .findings
        .iter()
        .map(|f| FindingItem {
            error: f.severity == Severity::Error,
            severity: f.severity.thai(),
            label: editing::label(form, &s.content, &f.path),
            anchor: sheet.anchor(&f.path),
            message: f.message.clone(),
        })
        .collect();
    let changes = baseline.and_then(|r| changes(form, &sheet, &versions, r));
    let earlier = reviews
        .iter()
        .rev()
        .filter(|r| r.kind == ReviewKind::Return)
        .map(|r| EarlierReview {
            when: when(r.created_at),
            who: r.reviewer_name.clone(),
            version: r.version_number,
            text: r.text.clone(),
            comments: r
                .field_comments
                .iter()
                .map(|(path, text)| FieldComment {
                    label: editing::label(form, &s.content, path),
                    text: text.clone(),
                })
                .collect(),
        })
        .collect();
    let request = (approver && s.state == AgreementState::AmendmentRequested)
        .then(|| {
            reviews
                .iter()
                .rev()
                .find(|r| r.kind == ReviewKind::AmendmentRequest)
                .map(|r| AmendmentRequest {
                    when: when(r.created_at),
                    reason: r.text.clone(),
                })
        })
        .flatten();
    let unit = store
        .unit(&store::UnitId(viewed.maker.unit_id.clone()))
        .await?
        .name;
    let approver_name = match &viewed.approver {
        Some(p) => Some(store.person(p).await?.full_name()),
        None => None,
    };
    Ok(ReviewPage {
        layout: Layout::of(user),
        approver: approver_name,
        id: s.id.0.clone(),
        maker: viewed.maker.full_name(),
        position: position_line(&viewed.maker),
        unit,
        fiscal_year: s.fiscal_year,
        state: s.state.thai(),
        tone: tone(s.state),
        errors: findings.iter().filter(|f| f.error).count(),
        warnings: findings.iter().filter(|f| !f.error).count(),
        findings,
        changes,
        earlier,
        history: steps(store.agreement_history(&s.id).await?),
        versions: versions.iter().map(|(n, _)| *n).collect(),
        decide,
        read_only: !approver,
        request,
        sheet,
        draft,
    })
}

/// What changed from the version sent back to the maker to the newest one, if they have
/// submitted since.
fn changes(
    form: &Form,
    sheet: &PrintView,
    versions: &[(i64, Agreement)],
    baseline: &Review,
) -> Option<Changes> {
    let (before_n, before) = versions
        .iter()
        .find(|(n, _)| *n == baseline.version_number)?;
    let (after_n, after) = versions.last()?;
    if after_n <= before_n {
        return None;
    }
    let items = diff::diff(form, before, after)
        .into_iter()
        .map(|c| ChangeItem {
            anchor: sheet.anchor(&c.path),
            label: c.label,
            spans: shorten(&c.spans),
        })
        .collect();
    Some(Changes {
        since: if baseline.kind == ReviewKind::Return {
            "ฉบับที่ส่งกลับ"
        } else {
            "ฉบับที่เห็นชอบ"
        },
        from: *before_n,
        to: *after_n,
        items,
    })
}

/// Unchanged runs longer than this many characters are cut to their ends around the change.
const CONTEXT_CHARS: usize = 60;

/// The diff's spans with long unchanged stretches elided, so a one-word fix in a long field
/// reads as that fix, not as the whole field again.
fn shorten(spans: &[diff::Span]) -> Vec<DiffSpan> {
    let last = spans.len().saturating_sub(1);
    spans
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let text = if s.kind == SpanKind::Same {
                let chars: Vec<char> = s.text.chars().collect();
                let n = chars.len();
                let head = |k: usize| chars[..k.min(n)].iter().collect::<String>();
                let tail = |k: usize| chars[n.saturating_sub(k)..].iter().collect::<String>();
                match (i == 0, i == last) {
                    _ if n <= 2 * CONTEXT_CHARS => s.text.clone(),
                    (true, true) => s.text.clone(),
                    (true, false) => format!("… {}", tail(CONTEXT_CHARS)),
                    (false, true) => format!("{} …", head(CONTEXT_CHARS)),
                    (false, false) => {
                        format!("{} … {}", head(CONTEXT_CHARS), tail(CONTEXT_CHARS))
                    }
                }
            } else {
                s.text.clone()
            };
            DiffSpan {
                removed: s.kind == SpanKind::Removed,
                added: s.kind == SpanKind::Added,
                text,
            }
        })
        .collect()
}
