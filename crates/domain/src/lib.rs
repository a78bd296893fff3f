//! ThaiPA's pure core. No I/O beyond the embedded catalog: every business decision about a
//! Performance Agreement (ข้อตกลงในการพัฒนางาน, PA) is made and unit-tested here.

pub mod access;
pub mod agreement;
pub mod catalog;
pub mod checker;
pub mod diff;
pub mod directory;
pub mod editing;
pub mod evaluation;
pub mod people;
pub mod report;
pub mod scoring;
pub mod thai;
pub mod workflow;
