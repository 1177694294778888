//! Nearest-network lookup at national scale and beyond: the 1,557 networks of 2024, then 10,000
//! and 100,000 synthetic ones spread over Belgium. Prints criterion's timing per lookup; with an
//! R-tree it should grow roughly with log n. Run with `make bench`.

use app::directory::index::{BinIndex, IndexedBin};
use app::directory::map::MapBin;
use app::directory::types::BinKind;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;

/// A deterministic spread of points over Belgium's bounding box (SplitMix64).
fn points(n: usize, seed: u64) -> Vec<(f64, f64)> {
    let mut state = seed;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    };
    (0..n).map(|_| (49.5 + 2.0 * next(), 2.55 + 3.85 * next())).collect()
}

fn index(n: usize) -> BinIndex {
    BinIndex::new(
        points(n, 2024)
            .into_iter()
            .enumerate()
            .map(|(i, (lat, lon))| IndexedBin {
                map: MapBin {
                    id: i as i64,
                    name: String::new(),
                    kind: if i % 9 == 0 { BinKind::BinZ } else { BinKind::Bin },
                    looking: i % 10 == 0,
                    x: 0,
                    y: 0,
                },
                nis: 0,
                zone_id: 0,
                lat,
                lon,
            })
            .collect(),
    )
}

/// Times `nearest(…, 10, keep)` at each size, cycling through fixed query points.
fn bench_sizes(c: &mut Criterion, name: &str, sizes: &[usize], keep: fn(&IndexedBin) -> bool) {
    let queries = points(1024, 7);
    let mut group = c.benchmark_group(name);
    for &n in sizes {
        let index = index(n);
        let mut i = 0;
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| {
                let (lat, lon) = queries[i % queries.len()];
                i += 1;
                black_box(index.nearest(lat, lon, 10, keep).len())
            })
        });
    }
    group.finish();
}

fn nearest(c: &mut Criterion) {
    bench_sizes(c, "nearest_10", &[1_557, 10_000, 100_000], |_| true);
    bench_sizes(c, "nearest_10_bin_z_only", &[1_557, 100_000], |b| b.map.kind == BinKind::BinZ);
}

criterion_group!(benches, nearest);
criterion_main!(benches);
