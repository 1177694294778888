//! The wire types of role administration, and its rules that need no database.

use crate::auth::types::{AuditEntry, Role, SafeUser};
use serde::{Deserialize, Serialize};

/// How long an invitation link stays valid.
pub const INVITATION_DAYS: i64 = 7;

/// How many times an invitation is sent at most (the first time included).
pub const MAX_SENDS: i64 = 3;

/// The roles an invitation gives, in the order the form offers them.
pub const INVITABLE: [Role; 3] = [Role::ZoneOfficer, Role::Municipality, Role::ZoneAdmin];

/// How many audit entries a page shows (the spreadsheet has them all).
pub const AUDIT_SHOWN: i64 = 200;

/// Whether `user` may invite to and remove from `zone_id`'s roles: the knowledge centre for
/// every zone, a zone's administrators for their own. An officer or a signatory grants nothing.
pub fn may_manage(user: &SafeUser, zone_id: i64) -> bool {
    user.is_kc_admin() || user.is_zone_admin_of(zone_id)
}

/// Whether `role` is one a zone gives (the others are not given by invitation).
pub fn is_zone_role(role: Role) -> bool {
    INVITABLE.contains(&role)
}

/// A zone or municipality to choose, by its id (zone) or NIS code (municipality).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub id: i64,
    pub name: String,
}

/// A person holding one of a zone's roles.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    /// The municipality a signatory signs for.
    pub nis: Option<i64>,
    pub municipality: Option<String>,
    pub since: i64,
    pub is_me: bool,
}

/// An invitation not yet accepted, withdrawn or expired.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenInvitation {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub municipality: Option<String>,
    pub expires_at: i64,
    pub sends: i64,
}

/// A zone's staff and open invitations, for someone who manages them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZoneStaff {
    /// The zones the reader manages (every zone for the knowledge centre).
    pub zones: Vec<Choice>,
    /// The zone shown; `None` until the knowledge centre chooses one.
    pub zone: Option<Choice>,
    pub staff: Vec<StaffMember>,
    pub invitations: Vec<OpenInvitation>,
    /// The zone's municipalities, for a signatory's invitation.
    pub municipalities: Vec<Choice>,
}

/// Where an invitation stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvitationState {
    Open,
    Accepted,
    Withdrawn,
    Expired,
}

/// An invitation as the invited person sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    pub email: String,
    pub role: Role,
    pub zone: String,
    pub municipality: Option<String>,
    pub state: InvitationState,
    pub expires_at: i64,
    /// The address of the signed-in account, if any.
    pub signed_in_as: Option<String>,
}

/// A line of the audit log with its scope named.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    pub entry: AuditEntry,
    /// "Zone 5415 Gent", "Gent (municipality)", "Network 12": in the reader's language.
    pub scope: String,
}

/// The audit log of a zone, or of every zone for the knowledge centre.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub zones: Vec<Choice>,
    pub zone: Option<Choice>,
    /// Whether the reader sees every zone (the knowledge centre).
    pub national: bool,
    pub lines: Vec<AuditLine>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::types::Grant;

    fn user(grants: &[(Role, Option<i64>)]) -> SafeUser {
        SafeUser {
            id: 1,
            email: "a@example.be".into(),
            display_name: "A".into(),
            lang: "nl".into(),
            grants: grants
                .iter()
                .map(|(role, zone_id)| Grant {
                    role: *role,
                    zone_id: *zone_id,
                    bin_id: None,
                    nis: None,
                    scope_name: None,
                })
                .collect(),
            unread: 0,
            alerts: 0,
        }
    }

    #[test]
    fn nobody_manages_a_zone_wider_than_their_own() {
        assert!(may_manage(&user(&[(Role::KcAdmin, None)]), 5415));
        assert!(may_manage(&user(&[(Role::ZoneAdmin, Some(5415))]), 5415));
        assert!(!may_manage(&user(&[(Role::ZoneAdmin, Some(5415))]), 5416));
        assert!(!may_manage(&user(&[(Role::ZoneOfficer, Some(5415))]), 5415));
        assert!(!may_manage(&user(&[(Role::Municipality, None)]), 5415));
        assert!(!may_manage(&user(&[(Role::Coordinator, None)]), 5415));
        assert!(!may_manage(&user(&[]), 5415));
    }

    #[test]
    fn only_a_zones_roles_are_given_by_invitation() {
        assert!(is_zone_role(Role::ZoneOfficer) && is_zone_role(Role::ZoneAdmin) && is_zone_role(Role::Municipality));
        assert!(!is_zone_role(Role::KcAdmin) && !is_zone_role(Role::Coordinator) && !is_zone_role(Role::Deputy));
    }
}
