//! The home page: what this person should see first, by role.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use domain::access::Role;
use domain::catalog::Catalog;
use domain::people::{Affiliation, Standing};
use domain::thai::{Digits, date::format_long, fiscal};
use serde::Deserialize;

use crate::auth::CurrentUser;
use crate::pages::{Field, Layout, render};
use crate::{AppState, WebError};

pub fn router() -> Router<AppState> {
    Router::new().route("/", get(home))
}

/// The form a maker writes this year, as the home page describes it.
pub struct FormSummary {
    pub id: String,
    pub title: String,
    pub regulation: String,
    pub structure: String,
    pub challenges: usize,
    pub approver: String,
}

pub struct UnitCount {
    pub name: String,
    pub people: usize,
}

#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    layout: Layout,
    flash: Option<&'static str>,
    profile: Vec<Field>,
    fiscal_year: u16,
    period: String,
    form: Option<FormSummary>,
    no_form_reason: String,
    /// This year's agreement: (id, state in Thai, whether the maker may still edit it).
    agreement: Option<(String, &'static str, bool)>,
    /// Last year's approved agreement exists, so this year's can start from it.
    can_carry_over: bool,
    approves: Vec<UnitCount>,
    officer_units: usize,
    officer_people: usize,
    admin: Vec<Field>,
}

#[derive(Deserialize)]
pub struct HomeQuery {
    flash: Option<String>,
}

async fn home(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<HomeQuery>,
) -> Result<Response, WebError> {
    if user.must_change_password {
        return Ok(axum::response::Redirect::to("/password").into_response());
    }
    let store = &state.store;
    let p = &user.person;
    let unit = store.unit(&store::UnitId(p.unit_id.clone())).await?;
    let today = thai_today();
    let fy = fiscal::fiscal_year(today);
    let (start, end) = fiscal::period(fy);
    let position = p.position();
    let standing = p.standing();
    let affiliation: Option<Affiliation> =
        serde_json::from_value(serde_json::Value::String(unit.affiliation.clone())).ok();
    let form = match (position, standing, affiliation) {
        (Some(pos), Some(st), Some(aff)) => Catalog::embedded().find(pos, aff, st, fy),
        _ => None,
    };
    let no_form_reason = match (position, standing) {
        (_, Some(Standing::Assistant)) => {
            "ครูผู้ช่วยไม่ต้องจัดทำข้อตกลงในการพัฒนางาน ให้เตรียมความพร้อมและพัฒนาอย่างเข้มจนได้รับแต่งตั้งเป็นครู"
                .to_owned()
        }
        (Some(pos), _) => format!(
            "ยังไม่มีแบบข้อตกลงสำหรับตำแหน่ง{}ในแคตตาล็อก กรุณาแจ้งเจ้าหน้าที่",
            pos.thai()
        ),
        _ => "ข้อมูลตำแหน่งหรือวิทยฐานะในระบบไม่ครบ กรุณาแจ้งเจ้าหน้าที่ให้แก้ไข".to_owned(),
    };
    let form = form.map(|f| FormSummary {
        id: f.id.clone(),
        title: f.title.clone(),
        regulation: f.regulation.clone(),
        structure: format!(
            "{} {} {} {}",
            f.part1.areas.len(),
            f.part1.area_word,
            f.indicator_codes().len(),
            f.part1.indicator_word
        ),
        challenges: f.part2.issue_count,
        approver: f.approval.approver_title.clone(),
    });
    let mut profile = vec![
        Field {
            label: "ชื่อ",
            value: p.full_name(),
        },
        Field {
            label: "ตำแหน่ง",
            value: position.map(|x| x.thai().to_owned()).unwrap_or_default(),
        },
        Field {
            label: "วิทยฐานะ",
            value: match (position, standing) {
                (Some(pos), Some(st)) => st.title(pos),
                _ => "-".into(),
            },
        },
        Field {
            label: "สถานศึกษา/หน่วยงาน",
            value: unit.name.clone(),
        },
    ];
    if let Some(scale) = &p.salary_scale {
        profile.push(Field {
            label: "อันดับ",
            value: scale.clone(),
        });
    }
    let me = user.person_id();
    let agreement = store.agreement_of(&me, i64::from(fy)).await?.map(|a| {
        let editable = a
            .state
            .apply(
                domain::workflow::Actor::Maker,
                &domain::workflow::AgreementAction::Edit,
            )
            .is_ok();
        (a.id.0, a.state.thai(), editable)
    });
    let can_carry_over = agreement.is_none()
        && form.is_some()
        && store
            .latest_approved_before(&me, i64::from(fy))
            .await?
            .is_some();
    let mut approves = Vec::new();
    for u in user.principal.approver_units() {
        let unit_id = store::UnitId(u.to_owned());
        let name = store.unit(&unit_id).await?.name;
        let people = store
            .people_under(&unit_id)
            .await?
            .iter()
            .filter(|x| x.active == 1)
            .count();
        approves.push(UnitCount { name, people });
    }
    // The units an officer manages: their grants' subtrees, or every unit for an administrator.
    let roots: Vec<String> = if user.has(Role::Admin) {
        store
            .all_units()
            .await?
            .into_iter()
            .filter(|u| u.parent_id.is_none())
            .map(|u| u.id)
            .collect()
    } else {
        user.principal
            .grants
            .iter()
            .filter(|g| g.role == Role::UnitOfficer)
            .filter_map(|g| g.unit.clone())
            .collect()
    };
    let (mut officer_units, mut officer_people) = (0, 0);
    for root in roots {
        let root = store::UnitId(root);
        officer_units += store.units_under(&root).await?.len();
        officer_people += store
            .people_under(&root)
            .await?
            .iter()
            .filter(|x| x.active == 1)
            .count();
    }
    let admin = if user.has(Role::Admin) {
        let chain = match store.verify_audit().await? {
            store::audit::Verification::Intact { events } => format!("ครบถ้วน ({events} เหตุการณ์)"),
            store::audit::Verification::Broken { seq, reason } => {
                format!("ผิดปกติที่ลำดับ {seq}: {reason}")
            }
        };
        vec![
            Field {
                label: "ฐานข้อมูล",
                value: format!("{:?}", store.engine()),
            },
            Field {
                label: "แบบฟอร์มในแคตตาล็อก",
                value: Catalog::embedded().forms().len().to_string(),
            },
            Field {
                label: "บันทึกการใช้งาน (audit)",
                value: chain,
            },
        ]
    } else {
        Vec::new()
    };
    Ok(render(&HomePage {
        layout: Layout::of(&user),
        flash: (q.flash.as_deref() == Some("password")).then_some("เปลี่ยนรหัสผ่านเรียบร้อยแล้ว"),
        profile,
        fiscal_year: fy,
        period: format!(
            "{} ถึง {}",
            format_long(start, Digits::Arabic),
            format_long(end, Digits::Arabic)
        ),
        form,
        no_form_reason,
        agreement,
        can_carry_over,
        approves,
        officer_units,
        officer_people,
        admin,
    }))
}

use axum::response::IntoResponse;

/// Today's date in Thailand (UTC+7), whatever the server's clock zone.
pub fn thai_today() -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive()
}
