//! Who may do what: roles, their scopes, and the record-level decisions handlers call.
//!
//! Every person is a maker of their own agreement. On top, a person may hold grants: approver
//! of a unit (ผู้บังคับบัญชา, e.g. a school director for the school), unit officer of a unit and
//! every unit below it, or system administrator. Committee seats come with evaluations later.
//! The store resolves a unit officer's scope (the units under their grants); the decisions are
//! made here, from plain data, and unit-tested.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// ผู้บังคับบัญชา who approves the agreements of a unit's people.
    Approver,
    /// เจ้าหน้าที่หน่วยงาน: manages people and units at and below a unit.
    UnitOfficer,
    /// ผู้ดูแลระบบ.
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Approver, Role::UnitOfficer, Role::Admin];

    pub fn code(self) -> &'static str {
        match self {
            Role::Approver => "approver",
            Role::UnitOfficer => "unit_officer",
            Role::Admin => "admin",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn thai(self) -> &'static str {
        match self {
            Role::Approver => "ผู้บังคับบัญชา (ผู้ให้ความเห็นชอบ)",
            Role::UnitOfficer => "เจ้าหน้าที่หน่วยงาน",
            Role::Admin => "ผู้ดูแลระบบ",
        }
    }
}

/// One role held, scoped to a unit id where the role has a scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    pub role: Role,
    pub unit: Option<String>,
}

/// The signed-in person with what they may reach.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Principal {
    pub person_id: String,
    pub unit_id: String,
    pub grants: Vec<Grant>,
    /// Units an officer manages: their grant units and everything below.
    pub officer_units: BTreeSet<String>,
}

impl Principal {
    pub fn has(&self, role: Role) -> bool {
        self.grants.iter().any(|g| g.role == role)
    }

    pub fn is_admin(&self) -> bool {
        self.has(Role::Admin)
    }

    /// Units whose people's agreements this person approves.
    pub fn approver_units(&self) -> impl Iterator<Item = &str> {
        self.grants
            .iter()
            .filter(|g| g.role == Role::Approver)
            .filter_map(|g| g.unit.as_deref())
    }

    /// May see a person's record (and later their agreements): themselves, their approver,
    /// an officer above them, an administrator.
    pub fn may_view_person(&self, person_id: &str, person_unit: &str) -> bool {
        person_id == self.person_id
            || self.is_admin()
            || self.officer_units.contains(person_unit)
            || self.approver_units().any(|u| u == person_unit)
    }

    /// May add, edit, deactivate a person or reset their password: an officer above them or
    /// an administrator. Nobody manages their own record through this path.
    pub fn may_manage_person(&self, person_id: &str, person_unit: &str) -> bool {
        person_id != self.person_id && (self.is_admin() || self.officer_units.contains(person_unit))
    }

    /// May add or edit people and units in a unit.
    pub fn may_manage_unit(&self, unit_id: &str) -> bool {
        self.is_admin() || self.officer_units.contains(unit_id)
    }
}

/// Who approves a maker's agreement (ผู้บังคับบัญชา, DESIGN.md "Who uses it": ผอ.สถานศึกษา for a
/// teacher, ผอ.สพท. for a school director, เลขาธิการ กพฐ. for a ผอ.สพท.; configurable through
/// grants).
///
/// `chain` is the maker's unit and then each parent up to the root, each with the ids of the
/// people holding an approver grant on it, in grant order. The approver is the first of them,
/// nearest unit first, who is not the maker: nobody approves their own agreement, so a school
/// director's agreement goes up to the area office.
pub fn choose_approver<'a>(maker_id: &str, chain: &'a [(String, Vec<String>)]) -> Option<&'a str> {
    chain
        .iter()
        .find_map(|(_, approvers)| approvers.iter().find(|id| *id != maker_id))
        .map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn principal(grants: &[(Role, Option<&str>)], officer_units: &[&str]) -> Principal {
        Principal {
            person_id: "me".into(),
            unit_id: "school-a".into(),
            grants: grants
                .iter()
                .map(|(role, unit)| Grant {
                    role: *role,
                    unit: unit.map(str::to_owned),
                })
                .collect(),
            officer_units: officer_units.iter().map(|u| (*u).to_owned()).collect(),
        }
    }

    #[test]
    fn a_teacher_sees_only_themselves() {
        let p = principal(&[], &[]);
        assert!(p.may_view_person("me", "school-a"));
        assert!(!p.may_view_person("colleague", "school-a"));
        assert!(!p.may_manage_person("colleague", "school-a"));
    }

    #[test]
    fn an_approver_sees_their_units_people_but_does_not_manage_them() {
        let p = principal(&[(Role::Approver, Some("school-a"))], &[]);
        assert!(p.may_view_person("teacher", "school-a"));
        assert!(!p.may_view_person("teacher", "school-b"));
        assert!(!p.may_manage_person("teacher", "school-a"));
    }

    #[test]
    fn an_officer_manages_the_units_below_them_but_not_their_own_record() {
        let p = principal(&[(Role::UnitOfficer, Some("esa"))], &["esa", "school-a"]);
        assert!(p.may_manage_person("teacher", "school-a"));
        assert!(!p.may_manage_person("teacher", "school-z"));
        assert!(!p.may_manage_person("me", "school-a"));
        assert!(p.may_manage_unit("school-a"));
    }

    #[test]
    fn an_admin_reaches_everyone_else() {
        let p = principal(&[(Role::Admin, None)], &[]);
        assert!(p.may_manage_person("anyone", "anywhere"));
        assert!(p.may_manage_unit("anywhere"));
    }

    #[test]
    fn role_codes_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(r));
        }
        assert_eq!(Role::from_code("root"), None);
    }

    fn chain(units: &[(&str, &[&str])]) -> Vec<(String, Vec<String>)> {
        units
            .iter()
            .map(|(unit, ids)| {
                (
                    (*unit).to_owned(),
                    ids.iter().map(|id| (*id).to_owned()).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn a_teachers_approver_is_the_school_director() {
        let c = chain(&[("school-a", &["director-a"]), ("esa", &["esa-director"])]);
        assert_eq!(choose_approver("teacher", &c), Some("director-a"));
    }

    #[test]
    fn a_school_directors_approver_is_the_area_offices_director() {
        let c = chain(&[("school-a", &["director-a"]), ("esa", &["esa-director"])]);
        assert_eq!(choose_approver("director-a", &c), Some("esa-director"));
    }

    #[test]
    fn the_first_granted_approver_of_the_nearest_unit_is_chosen() {
        let c = chain(&[
            ("school-a", &[]),
            ("esa", &["esa-director", "esa-deputy"]),
            ("obec", &["secretary-general"]),
        ]);
        assert_eq!(choose_approver("teacher", &c), Some("esa-director"));
        assert_eq!(choose_approver("esa-director", &c), Some("esa-deputy"));
    }

    #[test]
    fn nobody_is_chosen_when_no_unit_up_the_chain_has_another_approver() {
        let c = chain(&[("school-a", &["director-a"]), ("esa", &[])]);
        assert_eq!(choose_approver("director-a", &c), None);
        assert_eq!(choose_approver("teacher", &[]), None);
    }
}
