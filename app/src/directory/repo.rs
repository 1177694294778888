//! SQL of the BIN registry. Nothing else.

use crate::directory::segments::{Parity, Segment};
use crate::directory::types::{BinKind, BinState, Region};
use sqlx::AnyExecutor;

/// A new BIN to insert.
pub struct NewBin<'a> {
    pub name: &'a str,
    pub kind: BinKind,
    pub nis: i64,
    pub zone_id: i64,
    pub region: &'a str,
    pub state: &'a str,
    pub founded_year: i64,
    pub households: i64,
    pub lat: f64,
    pub lon: f64,
    pub radius_m: i64,
    pub synthetic: bool,
    pub now: i64,
}

pub async fn insert_bin<'c>(db: impl AnyExecutor<'c>, bin: &NewBin<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO bins (name, kind, nis, zone_id, region, state, founded_year, households, lat, lon, radius_m, synthetic, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
    )
    .bind(bin.name)
    .bind(bin.kind.code())
    .bind(bin.nis)
    .bind(bin.zone_id)
    .bind(bin.region)
    .bind(bin.state)
    .bind(bin.founded_year)
    .bind(bin.households)
    .bind(bin.lat)
    .bind(bin.lon)
    .bind(bin.radius_m)
    .bind(i64::from(bin.synthetic))
    .bind(bin.now)
    .fetch_one(db)
    .await
}

pub async fn insert_charter<'c>(
    db: impl AnyExecutor<'c>,
    bin_id: i64,
    signed_at: i64,
    registered_at: i64,
    next_review_at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO charters (bin_id, version, signed_at, registered_at, next_review_at) VALUES ($1, 1, $2, $3, $4)",
    )
    .bind(bin_id)
    .bind(signed_at)
    .bind(registered_at)
    .bind(next_review_at)
    .execute(db)
    .await?;
    Ok(())
}

/// How many active networks of a kind a region has.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ActiveCount {
    pub region: Region,
    pub kind: BinKind,
    pub count: i64,
}

/// Active networks per region and kind.
pub async fn active_counts<'c>(db: impl AnyExecutor<'c>) -> Result<Vec<ActiveCount>, sqlx::Error> {
    sqlx::query_as::<_, ActiveCount>(
        "SELECT region, kind, COUNT(*) AS count FROM bins WHERE state = 'active' \
         GROUP BY region, kind ORDER BY region, kind",
    )
    .fetch_all(db)
    .await
}

pub async fn count_bins<'c>(db: impl AnyExecutor<'c>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM bins").fetch_one(db).await
}

pub async fn total_households<'c>(db: impl AnyExecutor<'c>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar::<_, i64>("SELECT CAST(COALESCE(SUM(households), 0) AS BIGINT) FROM bins WHERE state = 'active'")
        .fetch_one(db)
        .await
}

/// An active network as the in-memory index needs it.
#[derive(sqlx::FromRow)]
pub struct IndexRow {
    pub id: i64,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub kind: crate::directory::types::BinKind,
    pub nis: i64,
    pub zone_id: i64,
    pub lat: f64,
    pub lon: f64,
    pub coordinators: i64,
}

pub async fn index_rows<'c>(db: impl AnyExecutor<'c>) -> Result<Vec<IndexRow>, sqlx::Error> {
    sqlx::query_as::<_, IndexRow>(
        "SELECT b.id, b.name, b.kind, b.nis, b.zone_id, b.lat, b.lon, \
           (SELECT COUNT(*) FROM role_grants g WHERE g.bin_id = b.id AND g.role = 'coordinator') AS coordinators \
         FROM bins b WHERE b.state = 'active' ORDER BY b.id",
    )
    .fetch_all(db)
    .await
}

/// A network's public facts.
#[derive(sqlx::FromRow)]
pub struct PublicRow {
    pub id: i64,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub kind: crate::directory::types::BinKind,
    pub nis: i64,
    pub zone_id: i64,
    pub founded_year: i64,
    pub households: i64,
    pub lat: f64,
    pub lon: f64,
    pub radius_m: i64,
    pub coordinators: i64,
    pub signed_at: Option<i64>,
    pub next_review_at: Option<i64>,
}

/// A network's name, whatever its state.
pub async fn bin_name<'c>(db: impl AnyExecutor<'c>, id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT name FROM bins WHERE id = $1").bind(id).fetch_optional(db).await
}

/// The public facts of an active network.
pub async fn public_row<'c>(db: impl AnyExecutor<'c>, id: i64) -> Result<Option<PublicRow>, sqlx::Error> {
    sqlx::query_as::<_, PublicRow>(
        "SELECT b.id, b.name, b.kind, b.nis, b.zone_id, b.founded_year, b.households, b.lat, b.lon, b.radius_m, \
           (SELECT COUNT(*) FROM role_grants g WHERE g.bin_id = b.id AND g.role = 'coordinator') AS coordinators, \
           (SELECT MAX(c.signed_at) FROM charters c WHERE c.bin_id = b.id AND c.registered_at IS NOT NULL) AS signed_at, \
           (SELECT MAX(c.next_review_at) FROM charters c WHERE c.bin_id = b.id AND c.registered_at IS NOT NULL) \
             AS next_review_at \
         FROM bins b WHERE b.id = $1 AND b.state = 'active'",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn insert_segment<'c>(
    db: impl AnyExecutor<'c>,
    bin_id: i64,
    nis: i64,
    segment: &Segment,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO bin_segments (bin_id, nis, street_nl, street_fr, first_no, last_no, parity) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(bin_id)
    .bind(nis)
    .bind(&segment.street_nl)
    .bind(&segment.street_fr)
    .bind(segment.first)
    .bind(segment.last)
    .bind(segment.parity.code())
    .execute(db)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct SegmentRow {
    bin_id: i64,
    street_nl: String,
    street_fr: String,
    first_no: i64,
    last_no: i64,
    parity: String,
}

impl SegmentRow {
    fn into_pair(self) -> (i64, Segment) {
        (
            self.bin_id,
            Segment {
                street_nl: self.street_nl,
                street_fr: self.street_fr,
                first: self.first_no,
                last: self.last_no,
                parity: Parity::parse(&self.parity).unwrap_or(Parity::All),
            },
        )
    }
}

/// The segments of the active networks of a municipality, with their network.
pub async fn segments_in<'c>(db: impl AnyExecutor<'c>, nis: i64) -> Result<Vec<(i64, Segment)>, sqlx::Error> {
    let rows = sqlx::query_as::<_, SegmentRow>(
        "SELECT s.bin_id, s.street_nl, s.street_fr, s.first_no, s.last_no, s.parity FROM bin_segments s \
         JOIN bins b ON b.id = s.bin_id WHERE s.nis = $1 AND b.state = 'active' ORDER BY s.id",
    )
    .bind(nis)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(SegmentRow::into_pair).collect())
}

/// The segments of one network.
pub async fn segments_of<'c>(db: impl AnyExecutor<'c>, bin_id: i64) -> Result<Vec<Segment>, sqlx::Error> {
    let rows = sqlx::query_as::<_, SegmentRow>(
        "SELECT bin_id, street_nl, street_fr, first_no, last_no, parity FROM bin_segments WHERE bin_id = $1 ORDER BY id",
    )
    .bind(bin_id)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| r.into_pair().1).collect())
}

/// The state of every network, by id.
pub async fn all_states<'c>(db: impl AnyExecutor<'c>) -> Result<std::collections::HashMap<i64, BinState>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        state: BinState,
    }
    let rows = sqlx::query_as::<_, Row>("SELECT id, state FROM bins").fetch_all(db).await?;
    Ok(rows.into_iter().map(|r| (r.id, r.state)).collect())
}
