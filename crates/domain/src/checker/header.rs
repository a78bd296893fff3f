//! The header: period, who the maker is, and the boxes they ticked.

use super::Ctx;
use super::rules::{FORM_FIT, HEADER, PERIOD, RETURN_SUGGESTIONS, STANDING_CONSISTENT, TYPES};
use crate::agreement::Decision;
use crate::people::Standing;
use crate::thai::{Digits, date::format_long, digits::to_arabic, fiscal};

pub(super) fn check(ctx: &mut Ctx) {
    period(ctx);
    maker(ctx);
    types(ctx);
    approval(ctx);
}

fn period(ctx: &mut Ctx) {
    let fy = ctx.a.fiscal_year;
    if !(2560..=2700).contains(&fy) {
        ctx.report(
            &PERIOD,
            "/fiscal_year",
            format!("ปีงบประมาณ {fy} ไม่ถูกต้อง: ระบุเป็นปีพุทธศักราช เช่น 2568"),
        );
        return;
    }
    let (start, end) = fiscal::period(fy);
    let p = ctx.a.period;
    if p.start != start || p.end != end {
        ctx.report(
            &PERIOD,
            "/period",
            format!(
                "ระยะเวลาของข้อตกลงปีงบประมาณ {fy} ต้องเป็นระหว่างวันที่ {} ถึงวันที่ {} แต่ระบุไว้ {} ถึง {}",
                format_long(start, Digits::Arabic),
                format_long(end, Digits::Arabic),
                format_long(p.start, Digits::Arabic),
                format_long(p.end, Digits::Arabic),
            ),
        );
    }
}

fn maker(ctx: &mut Ctx) {
    let m = &ctx.a.maker;
    for (field, value, label) in [
        ("first_name", &m.first_name, "ชื่อ"),
        ("last_name", &m.last_name, "นามสกุล"),
        ("unit", &m.unit, "สถานศึกษาหรือหน่วยงาน"),
    ] {
        if value.trim().is_empty() {
            ctx.report(
                &HEADER,
                format!("/maker/{field}"),
                format!("กรอก{label}ของผู้จัดทำข้อตกลง"),
            );
        }
    }
    match m.position {
        Some(p) if p == ctx.form.position => {}
        Some(p) => ctx.report(
            &FORM_FIT,
            "/maker/position",
            format!(
                "แบบฟอร์มนี้สำหรับตำแหน่ง{} แต่ผู้จัดทำดำรงตำแหน่ง{}: เลือกแบบฟอร์มของตำแหน่งตนเอง",
                ctx.form.position.thai(),
                p.thai()
            ),
        ),
        None => ctx.report(&FORM_FIT, "/maker/position", "ระบุตำแหน่งของผู้จัดทำข้อตกลง"),
    }
    let Some(standing) = m.standing else {
        ctx.report(&FORM_FIT, "/maker/standing", "ระบุวิทยฐานะของผู้จัดทำข้อตกลง");
        return;
    };
    if !ctx.form.standings.contains(&standing) {
        ctx.report(
            &FORM_FIT,
            "/maker/standing",
            format!(
                "แบบฟอร์มนี้ไม่ได้ใช้กับวิทยฐานะ{}: เลือกแบบฟอร์มที่ตรงกับวิทยฐานะปัจจุบัน",
                standing.title(ctx.form.position)
            ),
        );
    }
    let position = ctx.form.position;
    let said = [
        ("/maker/standing_title", m.standing_title.clone()),
        (
            "/signature/position_text",
            ctx.a.signature.position_text.clone(),
        ),
    ];
    for (path, text) in said {
        if let Some(stated) = stated_standing(&text)
            && stated != standing
        {
            ctx.report(
                &STANDING_CONSISTENT,
                path,
                format!(
                    "ระบุวิทยฐานะเป็น \"{}\" ซึ่งไม่ตรงกับวิทยฐานะของผู้จัดทำ ({}): แก้ให้ตรงกันทุกแห่ง",
                    stated.title(position),
                    standing.title(position)
                ),
            );
        }
    }
    if let (Some(stated), Some(expected)) = (salary_scale(&m.salary_scale), standing.salary_scale())
        && stated != expected
    {
        ctx.report(
            &STANDING_CONSISTENT,
            "/maker/salary_scale",
            format!(
                "อันดับ {stated} ไม่ตรงกับวิทยฐานะ{} ซึ่งรับเงินเดือนอันดับ {expected}",
                standing.title(position)
            ),
        );
    }
}

/// The standing a piece of text names, the longest rank word winning ("ชำนาญการพิเศษ" is
/// not "ชำนาญการ").
pub(super) fn stated_standing(text: &str) -> Option<Standing> {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    [
        Standing::SeniorExpert,
        Standing::Expert,
        Standing::SeniorProfessional,
        Standing::Professional,
    ]
    .into_iter()
    .find(|s| text.contains(s.thai()))
}

/// "คศ.3", "คศ. ๓", "ค.ศ.3" → "คศ.3".
fn salary_scale(text: &str) -> Option<String> {
    let t: String = to_arabic(text)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.')
        .collect();
    let rest = t.strip_prefix("คศ")?;
    let n: String = rest.chars().take_while(char::is_ascii_digit).collect();
    (!n.is_empty()).then(|| format!("คศ.{n}"))
}

fn types(ctx: &mut Ctx) {
    let Some(choice) = &ctx.form.type_choice else {
        return;
    };
    for (i, id) in ctx.a.types.iter().enumerate() {
        if !choice.options.iter().any(|o| &o.id == id) {
            ctx.report(
                &TYPES,
                format!("/types/{i}"),
                format!("ไม่มีตัวเลือก \"{id}\" ในแบบฟอร์มนี้"),
            );
        }
    }
    if ctx.a.types.len() < choice.min_selected {
        ctx.report(
            &TYPES,
            "/types",
            format!(
                "เลือก{} อย่างน้อย {} ประเภท",
                choice.label.split(" (").next().unwrap_or(&choice.label),
                choice.min_selected
            ),
        );
    }
}

fn approval(ctx: &mut Ctx) {
    if let Some(op) = &ctx.a.approval
        && op.decision == Decision::Return
        && op.suggestions.trim().is_empty()
    {
        ctx.report(
            &RETURN_SUGGESTIONS,
            "/approval/suggestions",
            "เมื่อไม่เห็นชอบ ต้องระบุข้อเสนอแนะเพื่อนำไปแก้ไข เพื่อให้ผู้จัดทำปรับปรุงและเสนอใหม่",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_rank_word_wins() {
        assert_eq!(
            stated_standing("ครูชำนาญการพิเศษ"),
            Some(Standing::SeniorProfessional)
        );
        assert_eq!(
            stated_standing("ครู วิทยฐานะ ครูชำนาญการ"),
            Some(Standing::Professional)
        );
        assert_eq!(stated_standing("ผู้อำนวยการเชี่ยวชาญ"), Some(Standing::Expert));
        assert_eq!(stated_standing("ครู"), None);
    }

    #[test]
    fn salary_scales_read_in_any_digits_and_spacing() {
        assert_eq!(salary_scale("คศ.3").as_deref(), Some("คศ.3"));
        assert_eq!(salary_scale("คศ. ๔").as_deref(), Some("คศ.4"));
        assert_eq!(salary_scale(""), None);
    }
}
