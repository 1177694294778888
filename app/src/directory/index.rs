//! The in-memory index of active networks: an R-tree over their points for "nearest", and the
//! map positions for drawing. Built from the database at start and rebuilt when networks change.

use crate::directory::geo::{distance_m, plane};
use crate::directory::map::MapBin;
use rstar::RTree;
use rstar::primitives::GeomWithData;

/// A network in the index.
#[derive(Clone, Debug, PartialEq)]
pub struct IndexedBin {
    pub map: MapBin,
    pub nis: i64,
    pub zone_id: i64,
    pub lat: f64,
    pub lon: f64,
}

type Point = GeomWithData<[f64; 2], usize>;

/// All active networks, indexed.
#[derive(Debug, Default)]
pub struct BinIndex {
    bins: Vec<IndexedBin>,
    tree: RTree<Point>,
}

impl BinIndex {
    pub fn new(bins: Vec<IndexedBin>) -> BinIndex {
        let tree = RTree::bulk_load(bins.iter().enumerate().map(|(i, b)| Point::new(plane(b.lat, b.lon), i)).collect());
        BinIndex { bins, tree }
    }

    pub fn len(&self) -> usize {
        self.bins.len()
    }

    pub fn is_empty(&self) -> bool {
        self.bins.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &IndexedBin> {
        self.bins.iter()
    }

    pub fn get(&self, id: i64) -> Option<&IndexedBin> {
        self.bins.iter().find(|b| b.map.id == id)
    }

    /// The `limit` networks nearest to a point that pass `keep`, nearest first, with their
    /// distance in metres. Walks the R-tree outwards, so it costs O(log n + k).
    pub fn nearest(
        &self,
        lat: f64,
        lon: f64,
        limit: usize,
        keep: impl Fn(&IndexedBin) -> bool,
    ) -> Vec<(&IndexedBin, f64)> {
        self.tree
            .nearest_neighbor_iter(&plane(lat, lon))
            .map(|p| &self.bins[p.data])
            .filter(|b| keep(b))
            .take(limit)
            .map(|b| (b, distance_m(lat, lon, b.lat, b.lon)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::types::BinKind;

    fn bin(id: i64, lat: f64, lon: f64, kind: BinKind) -> IndexedBin {
        IndexedBin {
            map: MapBin { id, name: format!("BIN {id}"), kind, looking: false, x: 0, y: 0 },
            nis: 0,
            zone_id: 0,
            lat,
            lon,
        }
    }

    #[test]
    fn the_nearest_come_first_with_distances() {
        let index = BinIndex::new(vec![
            bin(1, 51.2211, 4.3997, BinKind::Bin),  // Antwerpen
            bin(2, 50.8467, 4.3525, BinKind::Bin),  // Brussel
            bin(3, 51.0543, 3.7174, BinKind::BinZ), // Gent
        ]);
        let hits = index.nearest(50.85, 4.35, 2, |_| true);
        assert_eq!(hits.iter().map(|(b, _)| b.map.id).collect::<Vec<_>>(), vec![2, 1]);
        assert!(hits[0].1 < 1000.0 && (40_000.0..43_000.0).contains(&hits[1].1));
    }

    #[test]
    fn a_filter_skips_networks_without_losing_the_order() {
        let index = BinIndex::new(vec![
            bin(1, 51.2211, 4.3997, BinKind::Bin),
            bin(2, 50.8467, 4.3525, BinKind::Bin),
            bin(3, 51.0543, 3.7174, BinKind::BinZ),
        ]);
        let hits = index.nearest(50.85, 4.35, 5, |b| b.map.kind == BinKind::BinZ);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].0.map.id, 3);
    }
}
