//! Wire types of accounts. None of them carries a password hash or a token.

use crate::codec::codes;
use serde::{Deserialize, Serialize};

codes! {
    /// A role of the design, granted per police zone or per BIN (or nationally).
    Role {
        /// Knowledge-centre administrator (national).
        KcAdmin => "kc_admin",
        /// Police officer of a zone.
        ZoneOfficer => "zone_officer",
        /// Administrator of a police zone.
        ZoneAdmin => "zone_admin",
        /// Coordinator of a BIN.
        Coordinator => "coordinator",
        /// Deputy coordinator of a BIN.
        Deputy => "deputy",
        /// Signs charters for a municipality (scoped by its NIS code).
        Municipality => "municipality",
    }
}

impl Role {
    /// The role's name, to show.
    pub fn label(self) -> &'static dyn crate::i18n::Text {
        use crate::auth::texts::T;
        use crate::i18n::Common;
        match self {
            Role::KcAdmin => &Common::RoleKcAdmin,
            Role::ZoneOfficer => &T::RoleZoneOfficer,
            Role::ZoneAdmin => &T::RoleZoneAdmin,
            Role::Coordinator => &Common::RoleCoordinator,
            Role::Deputy => &Common::RoleDeputy,
            Role::Municipality => &T::RoleMunicipality,
        }
    }
}

/// One role held by a user, with its scope.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    pub role: Role,
    pub zone_id: Option<i64>,
    pub bin_id: Option<i64>,
    /// The municipality (NIS code) of a municipal signatory.
    #[serde(default)]
    pub nis: Option<i64>,
    /// The name of the role's network, zone or municipality in the reader's language, for the
    /// account page (filled in by `crate::me`; `None` elsewhere).
    #[serde(default)]
    pub scope_name: Option<String>,
}

/// The signed-in user as the interface sees them: never a hash, never a token.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SafeUser {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub lang: String,
    pub grants: Vec<Grant>,
    /// Unread notices in the inbox (filled in by `crate::me`, for the header; 0 elsewhere).
    pub unread: i64,
    /// Open urgent alerts the user has not yet said they saw (filled in like `unread`).
    #[serde(default)]
    pub alerts: i64,
}

impl SafeUser {
    /// Whether a dashboard is theirs: the knowledge centre's, or a police zone's.
    pub fn has_dashboard(&self) -> bool {
        self.grants.iter().any(|g| matches!(g.role, Role::KcAdmin | Role::ZoneOfficer | Role::ZoneAdmin))
    }

    /// Whether they manage people's roles: the knowledge centre, a zone's administrators.
    pub fn manages_staff(&self) -> bool {
        self.grants.iter().any(|g| matches!(g.role, Role::KcAdmin | Role::ZoneAdmin))
    }

    pub fn is_kc_admin(&self) -> bool {
        self.grants.iter().any(|g| g.role == Role::KcAdmin)
    }

    /// Whether the user is an officer or admin of `zone_id`.
    pub fn serves_zone(&self, zone_id: i64) -> bool {
        self.grants.iter().any(|g| matches!(g.role, Role::ZoneOfficer | Role::ZoneAdmin) && g.zone_id == Some(zone_id))
    }

    /// Whether the user is the coordinator (not a deputy) of `bin_id`.
    pub fn is_coordinator_of(&self, bin_id: i64) -> bool {
        self.grants.iter().any(|g| g.role == Role::Coordinator && g.bin_id == Some(bin_id))
    }

    /// Whether the user signs charters for the municipality `nis`.
    pub fn signs_for_municipality(&self, nis: i64) -> bool {
        self.grants.iter().any(|g| g.role == Role::Municipality && g.nis == Some(nis))
    }

    /// Whether the user is an administrator (the chief's office) of `zone_id`.
    pub fn is_zone_admin_of(&self, zone_id: i64) -> bool {
        self.grants.iter().any(|g| g.role == Role::ZoneAdmin && g.zone_id == Some(zone_id))
    }

    /// Whether the user is a police officer of `zone_id`.
    pub fn is_officer_of(&self, zone_id: i64) -> bool {
        self.grants.iter().any(|g| g.role == Role::ZoneOfficer && g.zone_id == Some(zone_id))
    }

    /// Whether the user coordinates (or deputises for) `bin_id`.
    pub fn coordinates_or_deputises(&self, bin_id: i64) -> bool {
        self.grants.iter().any(|g| matches!(g.role, Role::Coordinator | Role::Deputy) && g.bin_id == Some(bin_id))
    }
}

/// Everything Nabij keeps about a person, as they download it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DataExport {
    pub exported_at: String,
    pub email: String,
    pub email_confirmed_at: Option<String>,
    pub display_name: String,
    pub language: String,
    pub created_at: String,
    pub last_active_at: Option<String>,
    pub roles: Vec<Grant>,
    pub active_sessions: i64,
    /// What each domain keeps (memberships, learning, reports, …), under its own keys.
    #[serde(flatten)]
    pub parts: serde_json::Map<String, serde_json::Value>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_their_codes() {
        for role in
            [Role::KcAdmin, Role::ZoneOfficer, Role::ZoneAdmin, Role::Coordinator, Role::Deputy, Role::Municipality]
        {
            assert_eq!(Role::parse(role.code()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn zone_and_bin_rights_follow_the_scope_of_the_grant() {
        let user = SafeUser {
            id: 1,
            email: "a@b.be".into(),
            display_name: "A".into(),
            lang: "nl".into(),
            grants: vec![
                Grant { role: Role::ZoneOfficer, zone_id: Some(5339), bin_id: None, nis: None, scope_name: None },
                Grant { role: Role::Deputy, zone_id: None, bin_id: Some(7), nis: None, scope_name: None },
            ],
            unread: 0,
            alerts: 0,
        };
        assert!(user.serves_zone(5339));
        assert!(!user.serves_zone(5340));
        assert!(user.coordinates_or_deputises(7));
        assert!(!user.coordinates_or_deputises(8));
        assert!(!user.is_coordinator_of(7), "a deputy is not the coordinator");
        assert!(!user.is_kc_admin());
    }
}

codes! {
    /// What an entry of the audit log records.
    AuditAction {
        /// A role was given (an invitation accepted gives one too).
        Granted => "granted",
        /// A role was taken away.
        Revoked => "revoked",
        Invited => "invited",
        InvitationResent => "invitation_resent",
        InvitationWithdrawn => "invitation_withdrawn",
        InvitationAccepted => "invitation_accepted",
        /// A network's member list was read (on a page or as a spreadsheet).
        ReadMembers => "read_members",
        /// A zone's list of volunteers was read.
        ReadVolunteers => "read_volunteers",
    }
}

impl AuditAction {
    /// What happened, to show.
    pub fn label(self) -> crate::auth::texts::T {
        use crate::auth::texts::T;
        match self {
            AuditAction::Granted => T::AuditGranted,
            AuditAction::Revoked => T::AuditRevoked,
            AuditAction::Invited => T::AuditInvited,
            AuditAction::InvitationResent => T::AuditResent,
            AuditAction::InvitationWithdrawn => T::AuditWithdrawn,
            AuditAction::InvitationAccepted => T::AuditAccepted,
            AuditAction::ReadMembers => T::AuditReadMembers,
            AuditAction::ReadVolunteers => T::AuditReadVolunteers,
        }
    }
}

/// One entry of the audit log, as its page shows it: who, when, what, and to which scope.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: i64,
    /// "Name <address>" of who did it; `None` when their account was deleted since.
    pub actor: Option<String>,
    pub action: AuditAction,
    pub role: Option<Role>,
    pub zone_id: Option<i64>,
    pub bin_id: Option<i64>,
    pub nis: Option<i64>,
    /// The person it was done to or for: an account's "Name <address>", or an invitation's address.
    pub subject: Option<String>,
}
