//! The committee around the scores: who may sit on it (seed 001 §2), which sheets a reader may
//! see before everyone has signed, evaluation periods and rounds, and the hint a person's
//! history gives on the วิทยฐานะ rules (DOMAIN.md §2). Pure decisions on plain data; the store
//! records them and the scoring itself is [`crate::scoring`].

use serde::{Deserialize, Serialize};

use crate::catalog::Form;
use crate::people::{Position, Standing};
use crate::scoring::Seat;

/// On what ground a person holds a seat, as the form's committee rule names it and as it is
/// recorded for each member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The maker's approver (ผู้อำนวยการสถานศึกษานั้น for a teacher): the default chair.
    Approver,
    /// ผู้อำนวยการสถานศึกษาใกล้เคียง and the like, when the approver cannot serve.
    SubstituteChair,
    /// ศึกษานิเทศก์ (current or former) at ชำนาญการพิเศษ or above.
    Supervisor,
    /// ผู้ทรงคุณวุฒิในสถาบันอุดมศึกษา at ผู้ช่วยศาสตราจารย์ or above.
    Academic,
    /// A teacher of another school at ครูชำนาญการพิเศษ or above.
    TeacherOtherSchool,
    /// ผู้ทรงคุณวุฒินอกสถานศึกษานั้นที่มีความรู้ ความสามารถเหมาะสม.
    Qualified,
}

impl Basis {
    pub const ALL: [Basis; 6] = [
        Basis::Approver,
        Basis::SubstituteChair,
        Basis::Supervisor,
        Basis::Academic,
        Basis::TeacherOtherSchool,
        Basis::Qualified,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Basis::Approver => "approver",
            Basis::SubstituteChair => "substitute_chair",
            Basis::Supervisor => "supervisor",
            Basis::Academic => "academic",
            Basis::TeacherOtherSchool => "teacher_other_school",
            Basis::Qualified => "qualified",
        }
    }

    pub fn from_code(code: &str) -> Option<Basis> {
        Basis::ALL.into_iter().find(|b| b.code() == code)
    }

    pub fn thai(self) -> &'static str {
        match self {
            Basis::Approver => "ผู้บังคับบัญชาของผู้จัดทำข้อตกลง (ประธานโดยตำแหน่ง)",
            Basis::SubstituteChair => "ผู้ทำหน้าที่ประธานแทน (เช่น ผู้อำนวยการสถานศึกษาใกล้เคียง)",
            Basis::Supervisor => "ผู้ดำรงหรือเคยดำรงตำแหน่งศึกษานิเทศก์ วิทยฐานะไม่ต่ำกว่าชำนาญการพิเศษ",
            Basis::Academic => "ผู้ทรงคุณวุฒิในสถาบันอุดมศึกษา ตำแหน่งไม่ต่ำกว่าผู้ช่วยศาสตราจารย์",
            Basis::TeacherOtherSchool => "ครูจากสถานศึกษาอื่น วิทยฐานะไม่ต่ำกว่าครูชำนาญการพิเศษ",
            Basis::Qualified => "ผู้ทรงคุณวุฒินอกสถานศึกษาที่มีความรู้ ความสามารถเหมาะสม",
        }
    }

    /// Whether this basis is for the chair's seat (and not a member's).
    pub fn is_chair(self) -> bool {
        matches!(self, Basis::Approver | Basis::SubstituteChair)
    }
}

/// What is known of a nominee, from ThaiPA's records or from an outsider's registration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nominee {
    pub person_id: String,
    pub unit_id: String,
    pub position: Option<Position>,
    pub standing: Option<Standing>,
    /// Registered as an outside expert (not on the staff of any unit): their qualification is
    /// declared by the officer who registers them and recorded with the seat.
    pub external: bool,
}

/// The maker of the agreement being evaluated, and the approver recorded on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluee {
    pub person_id: String,
    pub unit_id: String,
    pub approver_id: Option<String>,
}

/// One seat as proposed: who, where, on what ground.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposed {
    pub seat: Seat,
    pub basis: Basis,
    pub nominee: Nominee,
}

fn at_least_senior(s: Option<Standing>) -> bool {
    s.is_some_and(|s| s >= Standing::SeniorProfessional)
}

/// Checks one seat against the form's rule; the error names the seat in Thai.
pub fn check_seat(form: &Form, evaluee: &Evaluee, n: usize, p: &Proposed) -> Result<(), String> {
    let who = match p.seat {
        Seat::Chair => "ประธานกรรมการ".to_owned(),
        Seat::Member => format!("กรรมการคนที่ {n}"),
    };
    let allowed = match p.seat {
        Seat::Chair => &form.committee.chair_rules,
        Seat::Member => &form.committee.member_rules,
    };
    if !allowed.contains(&p.basis) {
        return Err(format!(
            "{who}: แบบฟอร์ม {} ไม่ให้แต่งตั้งโดยคุณสมบัติ \"{}\"",
            form.id,
            p.basis.thai()
        ));
    }
    if !qualifies(p.basis, &p.nominee, evaluee) {
        let why = match p.basis {
            Basis::Approver => "ไม่ใช่ผู้บังคับบัญชาที่ให้ความเห็นชอบข้อตกลงนี้".to_owned(),
            Basis::Academic => "ต้องลงทะเบียนเป็นผู้ทรงคุณวุฒิภายนอกพร้อมระบุตำแหน่งทางวิชาการ".to_owned(),
            Basis::Qualified => "ต้องเป็นผู้ทรงคุณวุฒินอกสถานศึกษาของผู้จัดทำข้อตกลง".to_owned(),
            other => format!("ไม่มีคุณสมบัติ \"{}\"", other.thai()),
        };
        return Err(format!("{who}: {why}"));
    }
    Ok(())
}

/// Whether the nominee meets `basis` for the evaluee, as far as ThaiPA's records tell.
pub fn qualifies(basis: Basis, m: &Nominee, evaluee: &Evaluee) -> bool {
    match basis {
        Basis::Approver => evaluee.approver_id.as_deref() == Some(m.person_id.as_str()),
        Basis::SubstituteChair => {
            m.external
                || matches!(
                    m.position,
                    Some(
                        Position::SchoolDirector
                            | Position::DeputySchoolDirector
                            | Position::EsaDirector
                            | Position::DeputyEsaDirector
                    )
                )
        }
        // A former supervisor is registered as an outside expert, their record declared.
        Basis::Supervisor => {
            m.external || (m.position == Some(Position::Supervisor) && at_least_senior(m.standing))
        }
        Basis::TeacherOtherSchool => {
            !m.external
                && m.position == Some(Position::Teacher)
                && at_least_senior(m.standing)
                && m.unit_id != evaluee.unit_id
        }
        Basis::Academic => m.external,
        Basis::Qualified => m.external || m.unit_id != evaluee.unit_id,
    }
}

/// Checks a whole committee: its size, one chair, nobody evaluating themselves, one seat per
/// person, and each seat's basis. Every problem is reported, in Thai.
pub fn check_committee(form: &Form, evaluee: &Evaluee, seats: &[Proposed]) -> Vec<String> {
    let mut errors = Vec::new();
    let size = form.committee.size;
    if seats.len() != size {
        errors.push(format!(
            "คณะกรรมการต้องมี {size} คน แต่เสนอมา {} คน",
            seats.len()
        ));
    }
    let chairs = seats.iter().filter(|s| s.seat == Seat::Chair).count();
    if chairs != 1 {
        errors.push(format!("คณะกรรมการต้องมีประธาน 1 คน แต่มี {chairs} คน"));
    }
    let mut member = 0;
    for (i, s) in seats.iter().enumerate() {
        if s.seat == Seat::Member {
            member += 1;
        }
        let n = member;
        if s.nominee.person_id == evaluee.person_id {
            errors.push("ผู้จัดทำข้อตกลงเป็นกรรมการประเมินตนเองไม่ได้".to_owned());
            continue;
        }
        if seats[..i]
            .iter()
            .any(|o| o.nominee.person_id == s.nominee.person_id)
        {
            errors.push("บุคคลหนึ่งดำรงตำแหน่งในคณะกรรมการได้เพียงตำแหน่งเดียว".to_owned());
            continue;
        }
        if let Err(e) = check_seat(form, evaluee, n, s) {
            errors.push(e);
        }
    }
    errors
}

/// How one reader stands to a committee's sheets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// Holds a seat; sees their own sheet always.
    Member,
    /// The maker: sees the result and the comments once the chair has finalised.
    Maker,
    /// An officer or the approver who holds no seat.
    Officer,
}

/// Whether `reader` may see the levels on *another* member's sheet.
///
/// `blind` is the deployment's setting: until every sheet is signed a member sees only their
/// own (independent scoring); officers likewise wait for the signatures, so nothing leaks to
/// a member through them. The maker waits for the finalised result.
pub fn may_see_others(reader: Reader, blind: bool, all_signed: bool, finalized: bool) -> bool {
    match reader {
        Reader::Maker => finalized,
        Reader::Member | Reader::Officer => !blind || all_signed || finalized,
    }
}

/// Deployment settings of the evaluation (`[evaluation]` in `thaipa.toml`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Members see the others' levels only after all have signed.
    pub blind_until_signed: bool,
    /// The evaluation periods of a fiscal year, in order (UNC: one at the year's end per the
    /// ก.ค.ศ. manual; two where results feed both salary steps).
    pub periods: Vec<String>,
    /// Consecutive passed fiscal years at the current วิทยฐานะ the history hint counts towards
    /// (DOMAIN.md §2: three rounds in the rank before requesting the next; configurable).
    pub rank_years: u32,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            blind_until_signed: true,
            periods: vec!["ทั้งปีงบประมาณ (1 ต.ค. – 30 ก.ย.)".to_owned()],
            rank_years: 3,
        }
    }
}

impl Settings {
    /// The two salary periods (1 ต.ค.–31 มี.ค., 1 เม.ย.–30 ก.ย.), for deployments that use them.
    pub fn salary_periods() -> Vec<String> {
        vec![
            "ครั้งที่ 1 (1 ต.ค. – 31 มี.ค.)".to_owned(),
            "ครั้งที่ 2 (1 เม.ย. – 30 ก.ย.)".to_owned(),
        ]
    }

    pub fn period_name(&self, period: i64) -> String {
        usize::try_from(period)
            .ok()
            .and_then(|p| self.periods.get(p))
            .cloned()
            .unwrap_or_else(|| format!("รอบที่ {}", period + 1))
    }
}

/// One fiscal year of a person's record, for the history and its hint.
#[derive(Debug, Clone, PartialEq)]
pub struct YearResult {
    pub fiscal_year: i64,
    pub standing: Option<Standing>,
    /// The final result of the year's last finalised round; `None`: not evaluated (yet).
    pub passed: Option<bool>,
}

/// A hint on the วิทยฐานะ rule from a person's history: never a decision (DPA decides, and the
/// rule has other conditions: years in the rank, discipline, academic work).
pub fn rank_hint(years: &[YearResult], current: Option<Standing>, settings: &Settings) -> String {
    let mut sorted: Vec<&YearResult> = years.iter().collect();
    sorted.sort_by_key(|y| std::cmp::Reverse(y.fiscal_year));
    let mut streak = 0u32;
    let mut expected = sorted.first().map(|y| y.fiscal_year);
    for y in sorted {
        if Some(y.fiscal_year) != expected || y.standing != current || y.passed != Some(true) {
            break;
        }
        streak += 1;
        expected = Some(y.fiscal_year - 1);
    }
    let need = settings.rank_years;
    let status = if streak >= need {
        format!("ครบ {need} ปีตามเกณฑ์ที่ตั้งไว้")
    } else {
        format!("ยังขาดอีก {} ปีจากเกณฑ์ {need} ปี", need - streak)
    };
    format!(
        "ผ่านการประเมินติดต่อกัน {streak} ปีงบประมาณล่าสุดในวิทยฐานะปัจจุบัน ({status}) \
         ข้อมูลนี้เป็นเพียงข้อสังเกตประกอบ ไม่ใช่ผลการพิจารณาคุณสมบัติขอมีหรือเลื่อนวิทยฐานะ \
         ซึ่งมีเงื่อนไขอื่นอีก เช่น ระยะเวลาดำรงตำแหน่ง และวินัย"
    )
}

#[cfg(test)]
mod tests;
