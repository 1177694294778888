//! Demo data: synthetic, deterministic, and marked so (`synthetic = 1`, addresses under the
//! reserved `.invalid` domain). It reproduces the 2024 BeSafe count of networks per region and
//! kind, about 180,000 member households, coordinators and deputies (with a realistic share of
//! BINs lacking either), charters, and an officer and a zone admin for every police zone. The
//! synthetic people have no password, so nobody can sign in as them and generating them is fast.
//! Six demo accounts, one per role, share [`DEMO_PASSWORD`] for local use only.

use crate::auth::repo::{self as auth_repo, NewUser};
use crate::auth::types::{Grant, Role};
use crate::directory::geo::Geography;
use crate::directory::repo::{self as bin_repo, NewBin};
use crate::directory::segments::{Parity, Segment};
use crate::directory::types::{BinKind, Region};
use crate::platform::db::Pool;

/// The password of the five demo accounts. For local use only; never deploy demo data.
pub const DEMO_PASSWORD: &str = "nabij-demo-2024";

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
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(pool).await?;
    Ok(users == 0 && bin_repo::count_bins(pool).await? == 0)
}

/// Whether any of the demo accounts (with their published password) exists.
pub async fn has_demo_accounts(pool: &Pool) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email LIKE $1")
        .bind("%@demo.nabij.invalid")
        .fetch_one(pool)
        .await?;
    Ok(n > 0)
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
    let password_hash = password_auth::generate_hash(DEMO_PASSWORD);
    let mut rng = Rng(2024);
    let mut summary = DemoSummary::default();
    let mut tx = pool.begin().await?;
    let now = REFERENCE_TIME;
    // Charters, coordinators' tenure and the household trend are dated from the moment the demo
    // is loaded, so the dashboards show a living picture whenever that is. They draw from their
    // own generator, so the networks themselves stay the same.
    let loaded = crate::platform::now();
    let this_month = crate::time::month_of(loaded);
    let mut timing = Rng(99);
    let mut history: Vec<(i64, i64, i64, i64)> = Vec::new();

    let mut ghent_bin = None;
    // A house in the Ghent network's streets, for the demo member.
    let mut ghent_address: Option<(String, i64)> = None;
    let mut per_municipality: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
    for (region, bins, bin_zs) in BESAFE_2024 {
        let (bins, bin_zs) = (bins * scale, bin_zs * scale);
        let municipalities: Vec<_> = geo.municipalities.iter().filter(|m| m.region == region).collect();
        // Larger places (more postcodes) get more networks.
        let weights: Vec<u64> =
            municipalities.iter().map(|m| 1 + geo.postcodes.iter().filter(|p| p.nis == m.nis).count() as u64).collect();
        let total_weight: u64 = weights.iter().sum();
        let mut used_names = std::collections::HashSet::new();
        for i in 0..(bins + bin_zs) {
            let kind = if i < bins { BinKind::Bin } else { BinKind::BinZ };
            // Gent gets the first BIN, so the demo coordinator and officers share a zone.
            let m = if region == Region::Flanders && i == 0 {
                match geo.municipality(GHENT_NIS) {
                    Some(m) => m,
                    None => municipalities[0],
                }
            } else {
                let mut pick = rng.below(total_weight);
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
            let mut name = format!("{prefix} {place} {}", areas[rng.below(12) as usize]);
            let mut n = 2;
            while !used_names.insert(name.clone()) {
                name = format!("{prefix} {place} {} {n}", areas[rng.below(12) as usize]);
                n += 1;
            }
            let points: Vec<_> = geo.postcodes.iter().filter(|p| p.nis == m.nis).collect();
            let (lat, lon) = match points.get(rng.below(points.len() as u64) as usize) {
                Some(p) => (p.lat, p.lon),
                None => (m.lat, m.lon),
            };
            let households = 20 + rng.below(192) as i64;
            let founded_year = 1995 + rng.below(30) as i64;
            let bin_id = bin_repo::insert_bin(
                &mut *tx,
                &NewBin {
                    name: &name,
                    kind,
                    nis: m.nis,
                    zone_id: zone.id,
                    region: region.code(),
                    state: "active",
                    founded_year,
                    households,
                    lat: lat + rng.unit() * 0.003,
                    lon: lon + rng.unit() * 0.004,
                    radius_m: 400 + rng.below(800) as i64,
                    synthetic: true,
                    now,
                },
            )
            .await?;
            let j = per_municipality.entry(m.nis).or_default();
            let segments = demo_segments(*j, region);
            for segment in &segments {
                bin_repo::insert_segment(&mut *tx, bin_id, m.nis, segment).await?;
            }
            *j += 1;
            if ghent_bin.is_none() && m.nis == GHENT_NIS {
                ghent_bin = Some(bin_id);
                ghent_address = segments.first().map(|s| (s.street_nl.clone(), s.first));
            }
            summary.bins += 1;
            summary.households += households;
            history.extend(
                household_history(&mut timing, households, this_month).into_iter().map(|(m, j, l)| (bin_id, m, j, l)),
            );

            let signed_at = founded_ts(founded_year) + rng.below(300) as i64 * DAY;
            // Charters are reviewed every three years; some reviews are overdue.
            let mut review = signed_at + 3 * 365 * DAY;
            while review < loaded - 400 * DAY {
                review += 3 * 365 * DAY;
            }
            bin_repo::insert_charter(&mut *tx, bin_id, signed_at, signed_at + 30 * DAY, review).await?;

            let has_coordinator = Some(bin_id) == ghent_bin || rng.chance(90);
            if has_coordinator {
                let since = loaded - (60 + timing.below(4_000)) as i64 * DAY;
                add_person(
                    &mut tx,
                    &mut rng,
                    &format!("coordinator-{bin_id}"),
                    Grant { role: Role::Coordinator, zone_id: None, bin_id: Some(bin_id), nis: None, scope_name: None },
                    since,
                )
                .await?;
                // Most coordinators acted recently; some have gone quiet.
                let acted = (loaded - timing.below(240) as i64 * DAY).max(since);
                sqlx::query("UPDATE bins SET coordinator_acted_at = $1 WHERE id = $2")
                    .bind(acted)
                    .bind(bin_id)
                    .execute(&mut *tx)
                    .await?;
                summary.people += 1;
                if rng.chance(55) {
                    add_person(
                        &mut tx,
                        &mut rng,
                        &format!("deputy-{bin_id}"),
                        Grant { role: Role::Deputy, zone_id: None, bin_id: Some(bin_id), nis: None, scope_name: None },
                        now,
                    )
                    .await?;
                    summary.people += 1;
                }
            }
        }
    }

    for zone in &geo.zones {
        for (label, role) in [("officer", Role::ZoneOfficer), ("zoneadmin", Role::ZoneAdmin)] {
            add_person(
                &mut tx,
                &mut rng,
                &format!("{label}-{}", zone.id),
                Grant { role, zone_id: Some(zone.id), bin_id: None, nis: None, scope_name: None },
                now,
            )
            .await?;
            summary.people += 1;
        }
    }

    let ghent_zone = geo.zone_of(GHENT_NIS).map(|z| z.id);
    let demo_grants: [Option<Grant>; 6] = [
        Some(Grant { role: Role::KcAdmin, zone_id: None, bin_id: None, nis: None, scope_name: None }),
        ghent_zone.map(|z| Grant {
            role: Role::ZoneOfficer,
            zone_id: Some(z),
            bin_id: None,
            nis: None,
            scope_name: None,
        }),
        ghent_zone.map(|z| Grant {
            role: Role::ZoneAdmin,
            zone_id: Some(z),
            bin_id: None,
            nis: None,
            scope_name: None,
        }),
        ghent_bin.map(|b| Grant {
            role: Role::Coordinator,
            zone_id: None,
            bin_id: Some(b),
            nis: None,
            scope_name: None,
        }),
        None,
        Some(Grant { role: Role::Municipality, zone_id: None, bin_id: None, nis: Some(GHENT_NIS), scope_name: None }),
    ];
    let names = [
        "Demo Kenniscentrum",
        "Demo Inspecteur",
        "Demo Zonebeheerder",
        "Demo Coördinator",
        "Demo Lid",
        "Demo Gemeente",
    ];
    for (((email, _), grant), name) in DEMO_ACCOUNTS.iter().zip(demo_grants).zip(names) {
        let user_id = auth_repo::insert_user(
            &mut *tx,
            &NewUser {
                email,
                password_hash: Some(&password_hash),
                display_name: name,
                lang: "nl",
                confirmed_at: Some(now),
                synthetic: true,
                now,
            },
        )
        .await?;
        if let Some(grant) = grant {
            auth_repo::insert_grant(&mut *tx, user_id, &grant, now).await?;
        }
        // The demo member belongs to the demo coordinator's network, so alerts reach someone.
        if let (true, Some(bin_id), Some((street, number))) = (*email == DEMO_MEMBER, ghent_bin, &ghent_address) {
            add_membership(&mut tx, bin_id, user_id, street, *number, now).await?;
        }
        summary.people += 1;
    }
    for chunk in history.chunks(250) {
        let values: Vec<String> = (0..chunk.len())
            .map(|i| format!("(${}, ${}, ${}, ${})", 4 * i + 1, 4 * i + 2, 4 * i + 3, 4 * i + 4))
            .collect();
        let sql = format!("INSERT INTO household_months (bin_id, month, joins, leaves) VALUES {}", values.join(", "));
        let mut query = sqlx::query(&sql);
        for (bin_id, month, joins, leaves) in chunk {
            query = query.bind(*bin_id).bind(*month).bind(*joins).bind(*leaves);
        }
        query.execute(&mut *tx).await?;
    }
    crate::lifecycle::reminders::mark_demo_reminded(&mut tx, loaded).await?;
    tx.commit().await?;
    Ok(summary)
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
    let request = member_repo::Request {
        bin_id,
        user_id,
        street,
        house_number: &number,
        postcode: "9000",
        phone: Some("0499 00 00 00"),
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
            email: &format!("{handle}@demo.nabij.invalid"),
            password_hash: None,
            display_name: &format!("{first} {initial}."),
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
    let mut users = Vec::with_capacity(count);
    for (i, bin) in bins.iter().cycle().take(if bins.is_empty() { 0 } else { count }).enumerate() {
        let user: i64 = sqlx::query_scalar(
            "INSERT INTO users (email, email_confirmed_at, display_name, lang, synthetic, created_at) \
             VALUES ($1, $2, $3, 'nl', 0, $2) RETURNING id",
        )
        .bind(format!("{prefix}-{i}@example.be"))
        .bind(now)
        .bind(format!("Huishouden {i}"))
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO memberships (bin_id, user_id, state, street, house_number, postcode, lang, consent_version, \
             consented_at, requested_at, decided_at) VALUES ($1, $2, 'active', 'Kerkstraat', $3, '9000', 'nl', 'v1', $4, $4, $4)",
        )
        .bind(bin)
        .bind(user)
        .bind((i + 1).to_string())
        .bind(now)
        .execute(&mut *tx)
        .await?;
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
