//! Demo data: synthetic, deterministic, and marked so (`synthetic = 1`, addresses under the
//! reserved `.invalid` domain). It reproduces the 2024 BeSafe count of networks per region and
//! kind, about 180,000 member households, coordinators and deputies (with a realistic share of
//! BINs lacking either), charters, and an officer and a zone admin for every police zone. The
//! synthetic people have no password, so nobody can sign in as them and generating them is fast.
//! Six demo accounts, one per role, share [`DEMO_PASSWORD`] for local use only.

use crate::auth::repo::{self as auth_repo, NewUser};
use crate::auth::types::{Grant, Role};
use crate::auth::validate::{DisplayName, EmailAddress};
use crate::directory::geo::Geography;
use crate::directory::repo::{self as bin_repo, NewBin};
use crate::directory::segments::{Parity, Segment};
use crate::directory::types::{BinKind, Region};
use crate::membership::repo::HouseholdMonth;
use crate::platform::db::Pool;

/// The password of the five demo accounts. For local use only; never deploy demo data.
pub const DEMO_PASSWORD: &str = "nabij-demo-2024";

/// The domain of every made-up address (`.invalid` is reserved: mail to it goes nowhere).
pub const DEMO_DOMAIN: &str = "demo.nabij.invalid";

/// The demo accounts that can sign in, with the role each shows.
pub const DEMO_ACCOUNTS: [(&str, &str); 6] = [
    ("admin@demo.nabij.invalid", "knowledge-centre admin"),
    ("officer@demo.nabij.invalid", "police officer, zone Gent"),
    ("zoneadmin@demo.nabij.invalid", "zone admin, zone Gent"),
    ("coordinator@demo.nabij.invalid", "coordinator of a BIN in Gent"),
    (DEMO_MEMBER, "member of the coordinator's BIN"),
    ("municipality@demo.nabij.invalid", "signs charters for the municipality of Gent"),
];

/// The 2024 BeSafe count: region, BINs, BIN-Zs.
pub const BESAFE_2024: [(Region, i64, i64); 3] =
    [(Region::Flanders, 1060, 153), (Region::Brussels, 15, 2), (Region::Wallonia, 311, 16)];

/// 31 December 2024, 12:00 UTC: the moment the demo data describes, so it is the same every run.
const REFERENCE_TIME: i64 = 1_735_646_400;
const DAY: i64 = 86_400;
const GHENT_NIS: i64 = 44021;

/// A small deterministic generator (SplitMix64), independent of any crate's version.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// A value in `[-1, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0
    }
}

const FIRST_NAMES: [&str; 24] = [
    "An", "Luc", "Marie", "Jan", "Sofie", "Pierre", "Els", "Marc", "Nathalie", "Koen", "Isabelle", "Dirk", "Fatima",
    "Youssef", "Ingrid", "Thomas", "Julie", "Michel", "Anke", "Didier", "Lotte", "Karim", "Greet", "Jürgen",
];
const AREAS_NL: [&str; 12] = [
    "Centrum",
    "Noord",
    "Zuid",
    "Oost",
    "West",
    "Dorp",
    "Kerkwijk",
    "Stationsbuurt",
    "Molenwijk",
    "Heide",
    "Parkwijk",
    "Veld",
];
/// Common street names, to give every demo BIN a plausible area: (Dutch, French).
const STREETS: [(&str, &str); 12] = [
    ("Kerkstraat", "Rue de l'Église"),
    ("Stationsstraat", "Rue de la Gare"),
    ("Molenstraat", "Rue du Moulin"),
    ("Schoolstraat", "Rue de l'École"),
    ("Dorpsstraat", "Grand-Rue"),
    ("Nieuwstraat", "Rue Neuve"),
    ("Kapelstraat", "Rue de la Chapelle"),
    ("Veldstraat", "Rue des Champs"),
    ("Beekstraat", "Rue du Ruisseau"),
    ("Hoogstraat", "Rue Haute"),
    ("Lindenlaan", "Avenue des Tilleuls"),
    ("Kastanjelaan", "Rue des Marronniers"),
];

/// The street segments of the `j`-th demo BIN of a municipality: two streets, and a range of
/// numbers that moves on every six BINs, so no two BINs of a municipality cover the same house.
/// Streets carry the names of the municipality's languages.
fn demo_segments(j: usize, region: Region) -> [Segment; 2] {
    let first = 1 + 100 * (j / 6) as i64;
    let street = |k: usize| {
        let (nl, fr) = STREETS[(2 * j + k) % STREETS.len()];
        match region {
            Region::Flanders => (nl.to_string(), String::new()),
            Region::Wallonia => (String::new(), fr.to_string()),
            Region::Brussels => (nl.to_string(), fr.to_string()),
        }
    };
    let ((nl_a, fr_a), (nl_b, fr_b)) = (street(0), street(1));
    [
        Segment { street_nl: nl_a, street_fr: fr_a, first, last: first + 98, parity: Parity::All },
        Segment {
            street_nl: nl_b,
            street_fr: fr_b,
            first,
            last: first + 98,
            parity: if j.is_multiple_of(2) { Parity::Odd } else { Parity::Even },
        },
    ]
}

const AREAS_FR: [&str; 12] =
    ["Centre", "Nord", "Sud", "Est", "Ouest", "Village", "Église", "Gare", "Moulin", "Bruyères", "Parc", "Champs"];

/// Whether the database holds no networks and no people yet.
pub async fn is_empty(pool: &Pool) -> Result<bool, sqlx::Error> {
    Ok(auth_repo::count_users(pool).await? == 0 && bin_repo::count_bins(pool).await? == 0)
}

/// Whether any of the demo accounts (with their published password) exists.
pub async fn has_demo_accounts(pool: &Pool) -> Result<bool, sqlx::Error> {
    Ok(auth_repo::count_users_at(pool, DEMO_DOMAIN).await? > 0)
}

/// What was generated.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub bins: i64,
    pub households: i64,
    pub people: i64,
}

/// Loads the demo data in one transaction: all of it or nothing. `scale` multiplies the number
/// of networks (and so their households, coordinators and deputies) in each region: 1 is the
/// 2024 count, 10 the size the dashboards must still serve quickly.
pub async fn load(pool: &Pool, geo: &Geography, scale: u32) -> Result<DemoSummary, sqlx::Error> {
    let scale = i64::from(scale.max(1));
    let mut tx = pool.begin().await?;
    let mut demo = Loading::new(geo);
    for (region, bins, bin_zs) in BESAFE_2024 {
        demo.networks_of(&mut tx, region, bins * scale, bin_zs * scale).await?;
    }
    demo.zone_staff(&mut tx).await?;
    demo.accounts(&mut tx).await?;
    crate::membership::repo::insert_household_months(&mut tx, &demo.history).await?;
    crate::lifecycle::reminders::mark_demo_reminded(&mut tx, demo.loaded).await?;
    tx.commit().await?;
    Ok(demo.summary)
}

/// What loading the demo builds up as it goes.
struct Loading<'g> {
    geo: &'g Geography,
    /// Draws the networks and people: the same ones every time.
    rng: Rng,
    /// Charters, coordinators' tenure and the household trend are dated from the moment the
    /// demo is loaded, so the dashboards show a living picture whenever that is. They draw from
    /// their own generator, so the networks themselves stay the same.
    timing: Rng,
    loaded: i64,
    summary: DemoSummary,
    history: Vec<HouseholdMonth>,
    /// Gent gets the first network, so the demo coordinator and officers share a zone.
    ghent_bin: Option<i64>,
    /// A house in the Ghent network's streets, for the demo member.
    ghent_address: Option<(String, i64)>,
    /// How many networks each municipality has so far (each gets streets of its own).
    per_municipality: std::collections::HashMap<i64, usize>,
}

impl<'g> Loading<'g> {
    fn new(geo: &'g Geography) -> Loading<'g> {
        Loading {
            geo,
            rng: Rng(2024),
            timing: Rng(99),
            loaded: crate::platform::now(),
            summary: DemoSummary::default(),
            history: Vec::new(),
            ghent_bin: None,
            ghent_address: None,
            per_municipality: std::collections::HashMap::new(),
        }
    }

    /// A region's networks, spread over its municipalities: larger places (more postcodes)
    /// get more of them.
    async fn networks_of(
        &mut self,
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
        region: Region,
        bins: i64,
        bin_zs: i64,
    ) -> Result<(), sqlx::Error> {
        let geo = self.geo;
        let municipalities: Vec<_> = geo.municipalities.iter().filter(|m| m.region == region).collect();
        let weights: Vec<u64> =
            municipalities.iter().map(|m| 1 + geo.postcodes.iter().filter(|p| p.nis == m.nis).count() as u64).collect();
        let total_weight: u64 = weights.iter().sum();
        let mut used_names = std::collections::HashSet::new();
        for i in 0..(bins + bin_zs) {
            let kind = if i < bins { BinKind::Bin } else { BinKind::BinZ };
            let m = if region == Region::Flanders && i == 0 {
                geo.municipality(GHENT_NIS).unwrap_or(municipalities[0])
            } else {
                let mut pick = self.rng.below(total_weight);
                let mut index = 0;
                while pick >= weights[index] {
                    pick -= weights[index];
                    index += 1;
                }
                municipalities[index]
            };
            let Some(zone) = geo.zone_of(m.nis) else { continue };
            // Each network is named as its region says it: PLP and PLP-I in Wallonia.
            let (place, areas, prefix) = match (region, kind) {
                (Region::Wallonia, BinKind::Bin) => (m.names.get(crate::i18n::Lang::Fr), AREAS_FR, "PLP"),
                (Region::Wallonia, BinKind::BinZ) => (m.names.get(crate::i18n::Lang::Fr), AREAS_FR, "PLP-I"),
                (_, BinKind::Bin) => (m.names.get(crate::i18n::Lang::Nl), AREAS_NL, "BIN"),
                (_, BinKind::BinZ) => (m.names.get(crate::i18n::Lang::Nl), AREAS_NL, "BIN-Z"),
            };
            let mut name = format!("{prefix} {place} {}", areas[self.rng.below(12) as usize]);
            let mut n = 2;
            while !used_names.insert(name.clone()) {
                name = format!("{prefix} {place} {} {n}", areas[self.rng.below(12) as usize]);
                n += 1;
            }
            let bin_id = self.network(tx, &name, kind, m, zone.id).await?;
            self.coordination(tx, bin_id).await?;
        }
        Ok(())
    }

    /// One network in municipality `m`: its streets, its household history and its charter.
    async fn network(
        &mut self,
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
        name: &str,
        kind: BinKind,
        m: &crate::directory::geo::Municipality,
        zone_id: i64,
    ) -> Result<i64, sqlx::Error> {
        let points: Vec<_> = self.geo.postcodes.iter().filter(|p| p.nis == m.nis).collect();
        let (lat, lon) = match points.get(self.rng.below(points.len() as u64) as usize) {
            Some(p) => (p.lat, p.lon),
            None => (m.lat, m.lon),
        };
        let households = 20 + self.rng.below(192) as i64;
        let founded_year = 1995 + self.rng.below(30) as i64;
        let bin_id = bin_repo::insert_bin(
            &mut **tx,
            &NewBin {
                name,
                kind,
                nis: m.nis,
                zone_id,
                region: m.region.code(),
                state: "active",
                founded_year,
                households,
                lat: lat + self.rng.unit() * 0.003,
                lon: lon + self.rng.unit() * 0.004,
                radius_m: 400 + self.rng.below(800) as i64,
                synthetic: true,
                now: REFERENCE_TIME,
            },
        )
        .await?;
        let j = self.per_municipality.entry(m.nis).or_default();
        let segments = demo_segments(*j, m.region);
        *j += 1;
        for segment in &segments {
            bin_repo::insert_segment(&mut **tx, bin_id, m.nis, segment).await?;
        }
        if self.ghent_bin.is_none() && m.nis == GHENT_NIS {
            self.ghent_bin = Some(bin_id);
            self.ghent_address = segments.first().map(|s| (s.street_nl.clone(), s.first));
        }
        self.summary.bins += 1;
        self.summary.households += households;
        let this_month = crate::time::month_of(self.loaded);
        self.history.extend(
            household_history(&mut self.timing, households, this_month)
                .into_iter()
                .map(|(month, joins, leaves)| HouseholdMonth { bin_id, month, joins, leaves }),
        );
        let signed_at = founded_ts(founded_year) + self.rng.below(300) as i64 * DAY;
        // Charters are reviewed every three years; some reviews are overdue.
        let mut review = signed_at + 3 * 365 * DAY;
        while review < self.loaded - 400 * DAY {
            review += 3 * 365 * DAY;
        }
        bin_repo::insert_charter(&mut **tx, bin_id, signed_at, signed_at + 30 * DAY, review).await?;
        Ok(bin_id)
    }

    /// A coordinator for nine networks in ten (always for Gent's), most of whom acted
    /// recently, and a deputy for about half of them.
    async fn coordination(
        &mut self,
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
        bin_id: i64,
    ) -> Result<(), sqlx::Error> {
        if Some(bin_id) != self.ghent_bin && !self.rng.chance(90) {
            return Ok(());
        }
        let since = self.loaded - (60 + self.timing.below(4_000)) as i64 * DAY;
        let grant = |role| Grant { role, zone_id: None, bin_id: Some(bin_id), nis: None, scope_name: None };
        add_person(tx, &mut self.rng, &format!("coordinator-{bin_id}"), grant(Role::Coordinator), since).await?;
        let acted = (self.loaded - self.timing.below(240) as i64 * DAY).max(since);
        crate::membership::repo::coordinator_acted(&mut **tx, bin_id, acted).await?;
        self.summary.people += 1;
        if self.rng.chance(55) {
            add_person(tx, &mut self.rng, &format!("deputy-{bin_id}"), grant(Role::Deputy), REFERENCE_TIME).await?;
            self.summary.people += 1;
        }
        Ok(())
    }

    /// An officer and an administrator for every police zone.
    async fn zone_staff(&mut self, tx: &mut sqlx::Transaction<'_, sqlx::Any>) -> Result<(), sqlx::Error> {
        for zone in &self.geo.zones {
            for (label, role) in [("officer", Role::ZoneOfficer), ("zoneadmin", Role::ZoneAdmin)] {
                let grant = Grant { role, zone_id: Some(zone.id), bin_id: None, nis: None, scope_name: None };
                add_person(tx, &mut self.rng, &format!("{label}-{}", zone.id), grant, REFERENCE_TIME).await?;
                self.summary.people += 1;
            }
        }
        Ok(())
    }

    /// The accounts that can sign in with the published password, each with the role it
    /// shows, around Gent; the member belongs to the Ghent network, so alerts reach someone.
    async fn accounts(&mut self, tx: &mut sqlx::Transaction<'_, sqlx::Any>) -> Result<(), sqlx::Error> {
        let password_hash = password_auth::generate_hash(DEMO_PASSWORD);
        let ghent_zone = self.geo.zone_of(GHENT_NIS).map(|z| z.id);
        let scoped = |role, zone_id, bin_id, nis| Grant { role, zone_id, bin_id, nis, scope_name: None };
        let grants: [Option<Grant>; 6] = [
            Some(scoped(Role::KcAdmin, None, None, None)),
            ghent_zone.map(|z| scoped(Role::ZoneOfficer, Some(z), None, None)),
            ghent_zone.map(|z| scoped(Role::ZoneAdmin, Some(z), None, None)),
            self.ghent_bin.map(|b| scoped(Role::Coordinator, None, Some(b), None)),
            None,
            Some(scoped(Role::Municipality, None, None, Some(GHENT_NIS))),
        ];
        let names = [
            "Demo Kenniscentrum",
            "Demo Inspecteur",
            "Demo Zonebeheerder",
            "Demo Coördinator",
            "Demo Lid",
            "Demo Gemeente",
        ];
        for (((email, _), grant), name) in DEMO_ACCOUNTS.iter().zip(grants).zip(names) {
            let user_id = auth_repo::insert_user(
                &mut **tx,
                &NewUser {
                    email: &demo_text(EmailAddress::parse(email))?,
                    password_hash: Some(&password_hash),
                    display_name: &demo_text(DisplayName::parse(name))?,
                    lang: "nl",
                    confirmed_at: Some(REFERENCE_TIME),
                    synthetic: true,
                    now: REFERENCE_TIME,
                },
            )
            .await?;
            if let Some(grant) = grant {
                auth_repo::insert_grant(&mut **tx, user_id, &grant, REFERENCE_TIME).await?;
            }
            if let (true, Some(bin_id), Some((street, number))) =
                (*email == DEMO_MEMBER, self.ghent_bin, &self.ghent_address)
            {
                add_membership(tx, bin_id, user_id, street, *number, REFERENCE_TIME).await?;
            }
            self.summary.people += 1;
        }
        Ok(())
    }
}

/// Two years of synthetic joins and leaves for a network that has `households` now:
/// `(month, joins, leaves)`, the months without either left out. It never implies fewer than
/// zero households in the past.
fn household_history(rng: &mut Rng, households: i64, this_month: i64) -> Vec<(i64, i64, i64)> {
    let mut months: Vec<(i64, i64, i64)> = (0..24)
        .map(|back| {
            let joins = rng.below(1 + households as u64 / 35) as i64;
            let leaves = rng.below(1 + households as u64 / 45) as i64;
            (this_month - back, joins, leaves)
        })
        .collect();
    // Going back in time, households = now - joins + leaves; keep that at or above zero.
    let mut net: i64 = months.iter().map(|(_, j, l)| j - l).sum();
    for month in months.iter_mut().rev() {
        if net <= households {
            break;
        }
        net -= month.1;
        month.1 = 0;
    }
    months.retain(|(_, j, l)| j + l > 0);
    months
}

/// The demo member's e-mail address.
pub const DEMO_MEMBER: &str = "member@demo.nabij.invalid";

/// An active membership at a made-up address (the number is a house in the network's streets),
/// with a made-up phone number.
async fn add_membership(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    bin_id: i64,
    user_id: i64,
    street: &str,
    number: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    use crate::membership::repo as member_repo;
    let number = number.to_string();
    let phone = demo_text(crate::membership::types::PhoneNumber::parse("0499 00 00 00"))?;
    let postcode = demo_text(crate::directory::types::Postcode::parse("9000"))?;
    let request = member_repo::Request {
        bin_id,
        user_id,
        street,
        house_number: &number,
        postcode: &postcode,
        phone: Some(&phone),
        lang: "nl",
        birth_decade: None,
        consent_version: crate::membership::types::CONSENT_VERSION,
        now,
    };
    member_repo::file_request(&mut *tx, &request).await?;
    if let Some(request) = member_repo::membership_of(&mut **tx, bin_id, user_id).await? {
        member_repo::decide(&mut **tx, request.id, bin_id, true, user_id, None, now).await?;
    }
    Ok(())
}

/// A demo address or name, parsed like one typed into a form. The demo's own texts always
/// parse; one that did not would stop the load with the reason instead of being stored.
fn demo_text<T>(parsed: Result<T, crate::error::AppError>) -> Result<T, sqlx::Error> {
    parsed.map_err(|e| sqlx::Error::Protocol(format!("demo data refused: {}", e.code())))
}

async fn add_person(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    rng: &mut Rng,
    handle: &str,
    grant: Grant,
    now: i64,
) -> Result<(), sqlx::Error> {
    let first = FIRST_NAMES[rng.below(FIRST_NAMES.len() as u64) as usize];
    let initial = (b'A' + rng.below(26) as u8) as char;
    let user_id = auth_repo::insert_user(
        &mut **tx,
        &NewUser {
            email: &demo_text(EmailAddress::parse(&format!("{handle}@{DEMO_DOMAIN}")))?,
            password_hash: None,
            display_name: &demo_text(DisplayName::parse(&format!("{first} {initial}.")))?,
            lang: "nl",
            confirmed_at: Some(now),
            synthetic: true,
            now,
        },
    )
    .await?;
    auth_repo::insert_grant(&mut **tx, user_id, &grant, now).await
}

/// 1 January of `year`, 00:00 UTC.
fn founded_ts(year: i64) -> i64 {
    chrono::NaiveDate::from_ymd_opt(year as i32, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc().timestamp())
        .unwrap_or(REFERENCE_TIME)
}

/// Adds `count` member households with an e-mail address (`{prefix}-{i}@example.be`; not made
/// up in the sense of `synthetic`, so messages are delivered to them), spread over `bins`, for
/// benchmarks and tests of large sends. Returns their user ids.
pub async fn households_with_email(
    tx: &mut sqlx::AnyConnection,
    bins: &[i64],
    count: usize,
    prefix: &str,
    now: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    use crate::membership::repo as member_repo;
    let mut users = Vec::with_capacity(count);
    for (i, bin) in bins.iter().cycle().take(if bins.is_empty() { 0 } else { count }).enumerate() {
        let user = auth_repo::insert_user(
            &mut *tx,
            &NewUser {
                email: &demo_text(EmailAddress::parse(&format!("{prefix}-{i}@example.be")))?,
                password_hash: None,
                display_name: &demo_text(DisplayName::parse(&format!("Huishouden {i}")))?,
                lang: "nl",
                confirmed_at: Some(now),
                synthetic: false,
                now,
            },
        )
        .await?;
        member_repo::insert_active_membership(&mut *tx, *bin, user, &(i + 1).to_string(), now).await?;
        users.push(user);
    }
    Ok(users)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_household_history_never_goes_below_zero() {
        let mut rng = Rng(11);
        for households in [0, 1, 20, 211] {
            let history = household_history(&mut rng, households, 24_300);
            // The households at the start of each month, from the latest month back.
            let mut then = households;
            for (_, joins, leaves) in &history {
                then -= joins - leaves;
                assert!(then >= 0, "{households} {history:?}");
            }
            assert!(history.iter().all(|(m, j, l)| (24_277..=24_300).contains(m) && j + l > 0));
        }
    }

    #[test]
    fn the_generator_is_deterministic() {
        let (mut a, mut b) = (Rng(7), Rng(7));
        let xs: Vec<u64> = (0..5).map(|_| a.next()).collect();
        let ys: Vec<u64> = (0..5).map(|_| b.next()).collect();
        assert_eq!(xs, ys);
        assert!((0..1000).all(|_| a.unit().abs() <= 1.0));
    }

    #[test]
    fn the_besafe_figures_add_up_to_1557() {
        let total: i64 = BESAFE_2024.iter().map(|(_, b, z)| b + z).sum();
        assert_eq!(total, 1557);
    }

    #[test]
    fn demo_bins_of_one_municipality_never_cover_the_same_house() {
        let all: Vec<Segment> = (0..40).flat_map(|j| demo_segments(j, Region::Brussels)).collect();
        // Both sides of every range boundary.
        for number in (0..7).flat_map(|k| [0, 1, 2, 98, 99, 100].map(|d| 100 * k + d)) {
            for (nl, fr) in STREETS {
                let holders = all.iter().filter(|s| s.covers(nl, number)).count();
                assert!(holders <= 1, "{nl} {number} is covered {holders} times");
                assert_eq!(holders, all.iter().filter(|s| s.covers(fr, number)).count());
            }
        }
    }

    #[test]
    fn founding_dates_are_new_year() {
        assert_eq!(founded_ts(2000), 946_684_800);
    }
}
