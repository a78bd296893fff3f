//! The rule register: one entry per rule, so ids stay stable and can be listed.

use super::Severity::{self, Error, Warning};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    /// What the rule asks for, in Thai.
    pub summary: &'static str,
    /// Where the rule comes from (DOMAIN.md §5 item, seed).
    pub source: &'static str,
}

macro_rules! rules {
    ($($name:ident = $id:literal, $sev:ident, $summary:literal, $source:literal;)*) => {
        $(pub(super) const $name: Rule = Rule { id: $id, severity: $sev, summary: $summary, source: $source };)*
        /// Every rule the checker can report, in id order.
        pub const RULES: &[Rule] = &[$($name),*];
    };
}

rules! {
    UNKNOWN_FORM = "PA-E001", Error, "ข้อตกลงต้องอ้างแบบฟอร์มที่มีในแคตตาล็อก", "DESIGN.md catalog";
    PERIOD = "PA-E002", Error, "ระยะเวลาต้องเป็น 1 ตุลาคม ถึง 30 กันยายน ของปีงบประมาณ", "§5.13, S004";
    FORM_FIT = "PA-E003", Error, "ตำแหน่งและวิทยฐานะของผู้จัดทำต้องตรงกับแบบฟอร์ม", "§5.12";
    STANDING_CONSISTENT = "PA-E004", Error, "วิทยฐานะและอันดับ คศ. ต้องระบุตรงกันทุกแห่ง", "§5.12, S001, S003";
    TYPES = "PA-E005", Error, "เลือกประเภทห้องเรียนหรือประเภทสถานศึกษาอย่างน้อยตามที่แบบฟอร์มกำหนด", "§5.11, S000, S001";
    HOURS = "PA-E006", Error, "จำนวนชั่วโมงภาระงานต้องเป็นตัวเลขที่ถูกต้อง", "§5.10";
    TEACHING_SUM = "PA-E007", Error, "ชั่วโมงสอนรายวิชาต้องรวมได้เท่ากับชั่วโมงสอนตามตารางสอนที่ระบุ", "§5.10, S001";
    WORKLOAD_MIN = "PA-E008", Error, "ภาระงานต้องไม่ต่ำกว่าเกณฑ์ขั้นต่ำของแบบฟอร์ม", "§5.10, §2";
    FULL_TIME = "PA-E009", Error, "ระบุการปฏิบัติงานเต็มเวลาหรือไม่เต็มเวลา และเหตุผลเมื่อไม่เต็มเวลา", "§5.10, S004";
    ROWS = "PA-E010", Error, "ตารางส่วนที่ 1 ต้องมีแถวครบตามด้านและตัวชี้วัดของแบบฟอร์ม ไม่ขาด ไม่ซ้ำ ไม่เกิน", "§5.1–5.3, S002";
    EMPTY_CELL = "PA-E011", Error, "ทุกแถวต้องมีงาน ผลลัพธ์ และตัวชี้วัด", "§5.4, S002 §2";
    TASK_TITLE_ONLY = "PA-W012", Warning, "งาน (Tasks) ควรบอกวิธีดำเนินการเป็นขั้นตอน ไม่ใช่เพียงชื่องาน", "§5.4, S002 §2";
    CHALLENGE_COUNT = "PA-E013", Error, "จำนวนประเด็นท้าทายต้องตรงกับแบบฟอร์ม", "§5.7";
    CHALLENGE_PART = "PA-E014", Error, "ประเด็นท้าทายต้องมีเรื่อง สภาพปัญหา วิธีดำเนินการ ผลลัพธ์เชิงปริมาณและเชิงคุณภาพ", "§5.8";
    POLICY = "PA-E015", Error, "ประเด็นท้าทายต้องอ้างนโยบายหรือจุดเน้นที่ตอบสนอง", "§5.7, S002";
    TARGET_NUMBER = "PA-E016", Error, "เป้าหมายเชิงปริมาณต้องมีตัวเลข", "§5.5, S002 §5";
    PERCENT_RANGE = "PA-E017", Error, "ร้อยละต้องอยู่ระหว่าง 0 ถึง 100", "§5.5";
    FULL_MARKS = "PA-W018", Warning, "เป้าหมายร้อยละ 100 ควรพิจารณาความเป็นไปได้", "§5.5, S002 §5";
    QUALITATIVE_NUMBER = "PA-W019", Warning, "ผลลัพธ์เชิงคุณภาพไม่ควรเป็นตัวเลขหรือร้อยละ", "§5.6, S002 §5";
    PLACEHOLDER = "PA-E020", Error, "ไม่ควรเหลือช่องว่างที่ยังไม่ได้กรอก (จุดไข่ปลา)", "§5.14, S000";
    NUMBERING = "PA-W021", Warning, "ลำดับข้อในข้อความเดียวกันไม่ควรซ้ำกัน", "§5.14, S000";
    PROBLEM_STATISTICS = "PA-W022", Warning, "สภาพปัญหาควรมีข้อมูลสถิติหรือตัวเลขจริง", "§5.9, S002 §3";
    METHOD_STEPS = "PA-W023", Warning, "วิธีดำเนินการควรเป็นขั้นตอนเรียงลำดับพร้อมช่วงเวลา", "§5.9, S002 §4";
    STEP_MONTHS = "PA-E024", Error, "เดือนเริ่มต้นของขั้นตอนต้องไม่อยู่หลังเดือนสิ้นสุด", "§5.9";
    RETURN_SUGGESTIONS = "PA-E025", Error, "ความเห็นไม่เห็นชอบต้องมีข้อเสนอแนะ", "§5.15, S000, S001";
    SUBJECT_TASKS = "PA-W026", Warning, "งานด้านการจัดการเรียนรู้ควรอ้างรายวิชาหลักที่สอน", "§5.16, S001 หมายเหตุ 2";
    STEP_OUTSIDE_YEAR = "PA-W027", Warning, "ขั้นตอนควรอยู่ภายในปีงบประมาณ", "§5.13";
    DAMAGED_TEXT = "PA-W029", Warning, "ข้อความมีอักขระเสียจากการคัดลอกจาก PDF หรือ Word", "§4 Parsing, S004";
    HEADER = "PA-E030", Error, "กรอกชื่อ นามสกุล และสถานศึกษาหรือหน่วยงานของผู้จัดทำ", "§1.0";
}
