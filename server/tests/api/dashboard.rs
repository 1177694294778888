//! The zone dashboard through the real router: its networks with their continuity, requests
//! and charters, the CSV with the same numbers, and who may read them.

use crate::helpers::{Engine, TestApp, cell, open_spreadsheet};
use crate::with_demo;
use app::dashboard::figure::Figure;
use app::demo::DEMO_PASSWORD;
use http::StatusCode;

crate::on_both_engines!(
    a_zone_sees_its_networks_and_gets_the_same_numbers_as_csv,
    the_charter_registry_is_for_the_knowledge_centre_and_filters,
    every_figure_is_drawn_from_the_data_its_csv_gives,
    joins_and_leaves_make_the_trend_and_the_age_profile_hides_small_numbers,
    an_officer_of_two_zones_chooses_one,
    a_national_dashboard_someone_reads_is_built_again_when_its_data_changes,
    the_national_trend_is_kept_as_months_and_networks_change,
    the_zones_at_risk_count_their_networks_without_a_coordinator_or_a_deputy,
);

/// The zones at risk (`zone_risk`), counted again one network at a time from the grants.
async fn the_zones_at_risk_count_their_networks_without_a_coordinator_or_a_deputy(engine: Engine) {
    use std::collections::{BTreeMap, HashSet};
    let app = with_demo(engine).await;
    let pool = &app.state.pool;
    // A network with a deputy and no coordinator, to count in both columns apart.
    let (bin_id, ..) = crate::membership::demo_network(&app).await;
    sqlx::query("UPDATE role_grants SET role = 'deputy' WHERE bin_id = $1 AND role = 'coordinator'")
        .bind(bin_id)
        .execute(pool)
        .await
        .unwrap();
    let bins: Vec<(i64, i64)> =
        sqlx::query_as("SELECT id, zone_id FROM bins WHERE state = 'active'").fetch_all(pool).await.unwrap();
    let grants: HashSet<(i64, String)> =
        sqlx::query_as::<_, (i64, String)>("SELECT bin_id, role FROM role_grants WHERE bin_id IS NOT NULL")
            .fetch_all(pool)
            .await
            .unwrap()
            .into_iter()
            .collect();
    let mut expected: BTreeMap<i64, (i64, i64, i64)> = BTreeMap::new();
    for (id, zone) in bins {
        let entry = expected.entry(zone).or_default();
        entry.0 += 1;
        entry.1 += i64::from(!grants.contains(&(id, "coordinator".to_string())));
        entry.2 += i64::from(!grants.contains(&(id, "deputy".to_string())));
    }
    let counted: BTreeMap<i64, (i64, i64, i64)> = app::dashboard::repo::zone_risk(pool)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.zone_id, (r.networks, r.without_coordinator, r.without_deputy)))
        .collect();
    assert_eq!(counted, expected);
    assert!(counted.values().any(|(n, c, d)| c > &0 && d > &0 && c < n), "the demo has networks of each kind");
}

/// The national household trend that the database keeps as it changes (`household_trend`, by
/// triggers) is always the sum of the active networks' months: after the demo's history, a
/// join, a month written or removed by hand, and a network that falls dormant and wakes again.
async fn the_national_trend_is_kept_as_months_and_networks_change(engine: Engine) {
    let mut app = with_demo(engine).await;
    let (bin_id, ..) = crate::membership::demo_network(&app).await;
    let pool = app.state.pool.clone();
    let kept = || async {
        sqlx::query_as::<_, (i64, i64, i64)>(
            "SELECT month, joins, leaves FROM household_trend WHERE joins <> 0 OR leaves <> 0 ORDER BY month",
        )
        .fetch_all(&pool)
        .await
        .unwrap()
    };
    let summed = || async {
        sqlx::query_as::<_, (i64, i64, i64)>(
            "SELECT h.month, CAST(SUM(h.joins) AS BIGINT), CAST(SUM(h.leaves) AS BIGINT) \
             FROM household_months h JOIN bins b ON b.id = h.bin_id WHERE b.state = 'active' \
             GROUP BY h.month HAVING SUM(h.joins) <> 0 OR SUM(h.leaves) <> 0 ORDER BY h.month",
        )
        .fetch_all(&pool)
        .await
        .unwrap()
    };
    let run = |sql: &'static str| {
        let pool = pool.clone();
        async move { sqlx::query(sql).bind(bin_id).execute(&pool).await.unwrap() }
    };
    let demo = kept().await;
    assert!(demo.len() >= 12, "the demo's history: {demo:?}");
    assert_eq!(demo, summed().await, "the demo's history");

    crate::messaging::member(&mut app, "trend@example.be", "").await;
    let joined = kept().await;
    assert_ne!(joined, demo, "the join is counted");
    assert_eq!(joined, summed().await, "a join");

    run("UPDATE household_months SET joins = joins + 3, leaves = leaves + 1 WHERE bin_id = $1").await;
    assert_eq!(kept().await, summed().await, "months written again");
    run("DELETE FROM household_months WHERE bin_id = $1 AND month = (SELECT MIN(month) FROM household_months WHERE bin_id = $1)")
        .await;
    assert_eq!(kept().await, summed().await, "a month removed");
    let before = kept().await;

    run("UPDATE bins SET state = 'dormant' WHERE id = $1").await;
    let dormant = kept().await;
    assert_ne!(dormant, before, "a dormant network's months leave the trend");
    assert_eq!(dormant, summed().await, "a network fallen dormant");
    run("UPDATE household_months SET joins = joins + 5 WHERE bin_id = $1").await;
    assert_eq!(kept().await, dormant, "a dormant network's months are not counted");
    run("UPDATE bins SET state = 'active' WHERE id = $1").await;
    assert_eq!(kept().await, summed().await, "a network awake again brings its months back");
}

async fn an_officer_of_two_zones_chooses_one(engine: Engine) {
    let mut app = with_demo(engine).await;
    let officer: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = 'officer@demo.nabij.invalid'")
        .fetch_one(&app.state.pool)
        .await
        .unwrap();
    let antwerpen = app::auth::types::Grant {
        role: app::auth::types::Role::ZoneOfficer,
        zone_id: Some(5345),
        bin_id: None,
        nis: None,
        scope_name: None,
    };
    app::auth::repo::insert_grant(&app.state.pool, officer, &antwerpen, 0).await.unwrap();
    sign_in(&mut app, "officer@demo.nabij.invalid").await;
    // One zone at a time, the first by default, with both to choose from.
    let first = app.call("/api/dashboard/mine", &[]).await.json()["Zones"].clone();
    assert_eq!(first.as_array().unwrap().len(), 1);
    assert_eq!(first[0]["zone_id"], 5345);
    assert_eq!(first[0]["choices"].as_array().unwrap().len(), 2);
    let gent = app.call("/api/dashboard/mine", &[("zone", "5415")]).await.json()["Zones"][0].clone();
    assert_eq!(gent["zone_id"], 5415);
    let page = app.get("/dashboard?zone=5415").await;
    assert!(page.body.contains("id=\"dashboard-zone\""), "{}", page.body);
    // Not a zone of someone else's.
    assert_eq!(app.call("/api/dashboard/mine", &[("zone", "5444")]).await.status, StatusCode::FORBIDDEN);
}

/// The figures of a dashboard's JSON.
fn figures(value: &serde_json::Value) -> Vec<Figure> {
    serde_json::from_value(value["figures"].clone()).unwrap()
}

/// A figure's rows as its CSV writes them.
/// The figure's rows as its spreadsheet (in Dutch) has them: the label, then each value with a
/// decimal comma, a hidden count as "< 5" and a missing value as an empty cell.
fn csv_lines(figure: &Figure) -> Vec<Vec<String>> {
    figure
        .rows
        .iter()
        .map(|r| {
            let cells = r.cells.iter().map(|c| match c.plain().as_str() {
                "–" => String::new(),
                plain => plain.replace('.', ","),
            });
            std::iter::once(r.label.clone()).chain(cells).collect()
        })
        .collect()
}

async fn sign_in(app: &mut TestApp, email: &str) {
    app.call("/api/auth/sign_out", &[]).await;
    let r = app.call("/api/auth/sign_in", &[("email", email), ("password", DEMO_PASSWORD)]).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{email}: {}", r.body);
}

async fn a_zone_sees_its_networks_and_gets_the_same_numbers_as_csv(engine: Engine) {
    let mut app = with_demo(engine).await;
    assert_eq!(app.get("/dashboard/zone/5415.csv").await.status, StatusCode::UNAUTHORIZED);
    sign_in(&mut app, "member@demo.nabij.invalid").await;
    assert_eq!(app.get("/dashboard/zone/5415.csv").await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.call("/api/dashboard/mine", &[]).await.status, StatusCode::FORBIDDEN);

    sign_in(&mut app, "officer@demo.nabij.invalid").await;
    let zone = app.call("/api/dashboard/mine", &[]).await.json()["Zones"][0].clone();
    let bins = zone["bins"].as_array().unwrap();
    let in_zone: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM bins WHERE zone_id = 5415").fetch_one(&app.state.pool).await.unwrap();
    assert_eq!(bins.len() as i64, in_zone);
    let scores: Vec<u64> = bins.iter().map(|b| b["continuity"]["score"].as_u64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] <= w[1]), "lowest continuity first: {scores:?}");
    let charters = ["charters_in_force", "charters_due_soon", "charters_overdue"]
        .iter()
        .map(|k| zone[k].as_i64().unwrap())
        .sum::<i64>();
    assert!(charters <= in_zone);
    assert_eq!(zone["waiting_label"], "< 5", "a count of people under five is not given");

    // The CSV has the page's networks and scores; another zone's CSV is refused.
    let csv = app.get("/dashboard/zone/5415.csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.headers["content-disposition"].to_str().unwrap().contains("zone-5415-20"), "dated file name");
    let (header, rows) = open_spreadsheet(&csv.body, b';');
    assert_eq!(rows.len(), bins.len());
    assert_eq!(header[..5], ["Netwerknummer", "Netwerk", "Soort", "Toestand", "Continuïteit"]);
    for b in bins {
        let id = b["id"].as_i64().unwrap().to_string();
        let row = rows.iter().find(|r| cell(&header, r, "Netwerknummer") == id).unwrap();
        assert_eq!(cell(&header, row, "Continuïteit"), b["continuity"]["score"].to_string(), "{row:?}");
        assert_eq!(cell(&header, row, "Netwerk"), b["name"].as_str().unwrap());
    }
    assert!(!csv.body.contains('@'), "no personal data in the zone CSV");
    assert_eq!(app.get("/dashboard/zone/5340.csv").await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/dashboard/zone/abc").await.status, StatusCode::NOT_FOUND);
}

async fn the_charter_registry_is_for_the_knowledge_centre_and_filters(engine: Engine) {
    let mut app = with_demo(engine).await;
    let all = [("region", ""), ("zone", ""), ("status", "")];
    assert_eq!(app.call("/api/dashboard/registry", &all).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.get("/registry.csv").await.status, StatusCode::UNAUTHORIZED);
    sign_in(&mut app, "officer@demo.nabij.invalid").await;
    assert_eq!(app.call("/api/dashboard/registry", &all).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/registry.csv").await.status, StatusCode::FORBIDDEN);
    sign_in(&mut app, "admin@demo.nabij.invalid").await;
    let registry = app.call("/api/dashboard/registry", &all).await.json();
    assert_eq!(registry["matched"], 1557, "every network has a line");
    assert_eq!(registry["lines"].as_array().unwrap().len(), 200, "the page shows the first 200");
    let brussels =
        app.call("/api/dashboard/registry", &[("region", "brussels"), ("zone", ""), ("status", "")]).await.json();
    assert_eq!(brussels["matched"], 17);
    let overdue =
        app.call("/api/dashboard/registry", &[("region", ""), ("zone", ""), ("status", "overdue")]).await.json();
    assert!(overdue["lines"].as_array().unwrap().iter().all(|l| l["status"] == "overdue"));
    let gent = app.call("/api/dashboard/registry", &[("region", ""), ("zone", "5415"), ("status", "")]).await.json();
    assert!(gent["lines"].as_array().unwrap().iter().all(|l| l["zone"] == "5415"));
    let csv = app.get("/registry.csv?region=brussels").await;
    assert_eq!(csv.status, StatusCode::OK);
    let (header, rows) = open_spreadsheet(&csv.body, b';');
    assert_eq!(rows.len(), 17, "the 17 Brussels networks");
    assert!(rows.iter().all(|r| cell(&header, r, "Gewest") == "Brussel"), "{rows:?}");
    let english = app.get_with("/registry.csv?region=brussels", &[("accept-language", "en")]).await;
    let (header, rows) = open_spreadsheet(&english.body, b',');
    assert_eq!((header[0].as_str(), rows.len()), ("Network number", 17));
    assert_eq!(app.get("/registry").await.status, StatusCode::OK);
}

async fn every_figure_is_drawn_from_the_data_its_csv_gives(engine: Engine) {
    let mut app = with_demo(engine).await;
    assert_eq!(app.get("/dashboard/figures/5415/households.csv").await.status, StatusCode::UNAUTHORIZED);
    sign_in(&mut app, "member@demo.nabij.invalid").await;
    assert_eq!(app.get("/dashboard/figures/5415/households.csv").await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/dashboard/figures/national/regions.csv").await.status, StatusCode::FORBIDDEN);

    sign_in(&mut app, "officer@demo.nabij.invalid").await;
    let zone = app.call("/api/dashboard/mine", &[]).await.json()["Zones"][0].clone();
    let zone_figures = figures(&zone);
    let ids: Vec<&str> = zone_figures.iter().map(|f| f.id.as_str()).collect();
    for id in
        ["continuity", "networks", "households", "joins-leaves", "requests", "decision-time", "charters", "age", "cpa"]
            .into_iter()
            .chain(["messages", "alert-categories", "alerts-half-seen", "alerts-seen", "alerts-closing", "reports"])
    {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
    for figure in &zone_figures {
        let csv = app.get(&format!("/dashboard/figures/5415/{}.csv", figure.id)).await;
        assert_eq!(csv.status, StatusCode::OK, "{}", figure.id);
        let (header, rows) = open_spreadsheet(&csv.body, b';');
        assert_eq!(header.len(), figure.series.len() + 1, "{}", figure.id);
        assert_eq!(rows, csv_lines(figure), "{}", figure.id);
    }
    // Twelve months by default, the last of which ends with today's households.
    let households = zone_figures.iter().find(|f| f.id == "households").unwrap();
    assert_eq!(households.rows.len(), 12);
    assert_eq!(households.rows[11].cells[0].plain(), zone["households_label"].as_str().unwrap());
    let continuity = zone_figures.iter().find(|f| f.id == "continuity").unwrap();
    let banded: f64 = continuity.rows[..3].iter().map(|r| r.cells[0].value).sum();
    let active = zone["bins"].as_array().unwrap().iter().filter(|b| b["state"] == "active").count();
    assert_eq!(banded as usize, active, "every active network has a band");

    // Another period, a period not offered, another zone, the national figures, an unknown figure.
    let quarter = app.call("/api/dashboard/mine", &[("months", "3")]).await.json()["Zones"][0].clone();
    assert_eq!(figures(&quarter).iter().find(|f| f.id == "households").unwrap().rows.len(), 3);
    let odd = app.call("/api/dashboard/mine", &[("months", "5")]).await;
    assert_eq!((odd.status, odd.json()), (StatusCode::BAD_REQUEST, serde_json::json!("invalid_input")));
    assert_eq!(app.get("/dashboard/figures/5415/households.csv?months=5").await.status, StatusCode::BAD_REQUEST);
    assert_eq!(app.get("/dashboard/figures/5415/households.csv?months=abc").await.status, StatusCode::BAD_REQUEST);
    let csv = app.get("/dashboard/figures/5415/households.csv?months=24").await;
    assert_eq!(open_spreadsheet(&csv.body, b';').1.len(), 24);
    assert_eq!(app.get("/dashboard/figures/5340/households.csv").await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/dashboard/figures/national/regions.csv").await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/dashboard/figures/5415/nothing.csv").await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/dashboard/figures/%3Cb%3E/households.csv").await.status, StatusCode::NOT_FOUND);

    // The knowledge centre: the BeSafe table as a figure, and growth up to every active network.
    sign_in(&mut app, "admin@demo.nabij.invalid").await;
    let national = app.call("/api/dashboard/mine", &[]).await.json()["National"].clone();
    let national_figures = figures(&national);
    let national_ids: Vec<&str> = national_figures.iter().map(|f| f.id.as_str()).collect();
    for id in [
        "regions",
        "growth",
        "households",
        "joins-leaves",
        "requests",
        "charters",
        "age",
        "cpa",
        "provinces",
        "zone-risk",
    ] {
        assert!(national_ids.contains(&id), "{id} in {national_ids:?}");
    }
    let provinces = national_figures.iter().find(|f| f.id == "provinces").unwrap();
    assert_eq!(provinces.rows.len(), 11, "ten provinces and Brussels");
    let sum: f64 = provinces.rows.iter().map(|r| r.cells[0].value + r.cells[1].value).sum();
    assert_eq!(sum, 1557.0);
    let regions = app.get("/dashboard/figures/national/regions.csv").await;
    assert_eq!(regions.status, StatusCode::OK);
    let (_, rows) = open_spreadsheet(&regions.body, b';');
    assert_eq!(rows, [["Vlaanderen", "1060", "153"], ["Brussel", "15", "2"], ["Wallonië", "311", "16"]]);
    let growth = national_figures.iter().find(|f| f.id == "growth").unwrap();
    assert_eq!(growth.rows.last().unwrap().cells[0].plain(), "1557");
    let values: Vec<f64> = growth.rows.iter().map(|r| r.cells[0].value).collect();
    assert!(values.windows(2).all(|w| w[0] <= w[1]), "cumulative: {values:?}");
    for figure in &national_figures {
        let csv = app.get(&format!("/dashboard/figures/national/{}.csv", figure.id)).await;
        assert_eq!(open_spreadsheet(&csv.body, b';').1, csv_lines(figure), "{}", figure.id);
    }
    assert_eq!(app.get("/dashboard/figures/5415/households.csv").await.status, StatusCode::FORBIDDEN);
}

async fn joins_and_leaves_make_the_trend_and_the_age_profile_hides_small_numbers(engine: Engine) {
    let mut app = with_demo(engine).await;
    let (bin_id, street, number, postcode) = crate::membership::demo_network(&app).await;
    let (bin, number) = (bin_id.to_string(), number.to_string());
    let month = app::time::month_of(app::platform::now());
    let this_month = |app: &TestApp| {
        let pool = app.state.pool.clone();
        async move {
            sqlx::query_as::<_, (i64, i64)>(
                "SELECT joins, leaves FROM household_months WHERE bin_id = $1 AND month = $2",
            )
            .bind(bin_id)
            .bind(month)
            .fetch_optional(&pool)
            .await
            .unwrap()
            .unwrap_or((0, 0))
        }
    };
    let before = this_month(&app).await;

    // A decade that is not offered is refused and files nothing.
    app.signed_up("decennium@example.be", crate::PASSWORD).await;
    let mut odd = crate::membership::join_form(&bin, &street, &number, &postcode);
    odd.push(("birth_decade", "1985"));
    assert_eq!(app.call("/api/membership/join", &odd).await.json(), "invalid_input");
    let filed: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.synthetic = 0")
            .fetch_one(&app.state.pool)
            .await
            .unwrap();
    assert_eq!(filed, 0);

    let mut requests = Vec::new();
    for i in 0..5 {
        app.signed_up(&format!("jong{i}@example.be"), crate::PASSWORD).await;
        let mut form = crate::membership::join_form(&bin, &street, &number, &postcode);
        form.push(("birth_decade", "1980"));
        let r = app.call("/api/membership/join", &form).await;
        assert!(r.status.is_success(), "{}", r.body);
        requests.push(
            sqlx::query_scalar::<_, i64>("SELECT MAX(id) FROM memberships").fetch_one(&app.state.pool).await.unwrap(),
        );
    }
    let age_1980 = |dashboard: &serde_json::Value| {
        let age = figures(&dashboard["Zones"][0]).into_iter().find(|f| f.id == "age").unwrap();
        age.rows.iter().find(|r| r.label == "1980–1989").unwrap().cells[0].plain()
    };
    for (i, request) in requests.iter().enumerate() {
        sign_in(&mut app, "coordinator@demo.nabij.invalid").await;
        let decide = [("bin_id", bin.as_str()), ("request_id", &request.to_string()), ("decision", "approve")];
        assert!(app.call("/api/membership/decide", &decide).await.status.is_success());
        sign_in(&mut app, "officer@demo.nabij.invalid").await;
        let expected = if i < 4 { "< 5" } else { "10" };
        assert_eq!(age_1980(&app.call("/api/dashboard/mine", &[]).await.json()), expected, "{} members", i + 1);
    }
    assert_eq!(this_month(&app).await, (before.0 + 5, before.1), "five joins this month");

    // One of them changes their decade and then leaves: one leave this month.
    app.call("/api/auth/sign_out", &[]).await;
    app.call("/api/auth/sign_in", &[("email", "jong0@example.be"), ("password", crate::PASSWORD)]).await;
    let share = [("bin_id", bin.as_str()), ("phone", ""), ("lang", "nl"), ("birth_decade", "1990")];
    assert!(app.call("/api/membership/sharing", &share).await.status.is_success());
    let export = app.get("/api/auth/export").await.json();
    assert_eq!(export["memberships"][0]["birth_decade"], 1990, "{export}");
    assert!(app.call("/api/membership/leave", &[("bin_id", &bin), ("confirm", "yes")]).await.status.is_success());
    assert_eq!(this_month(&app).await, (before.0 + 5, before.1 + 1));
    sign_in(&mut app, "officer@demo.nabij.invalid").await;
    assert_eq!(age_1980(&app.call("/api/dashboard/mine", &[]).await.json()), "< 5", "four members born in the 1980s");
}

/// The national dashboard takes a while to build at scale; the instance builds the ones readers
/// look at again in the background when their data changed, and serves nothing else meanwhile.
async fn a_national_dashboard_someone_reads_is_built_again_when_its_data_changes(engine: Engine) {
    use app::dashboard::assemble::keep_national_warm;
    let mut app = with_demo(engine).await;
    sign_in(&mut app, "admin@demo.nabij.invalid").await;
    assert_eq!(keep_national_warm(&app.state).await.unwrap(), 0, "nobody has read one yet");
    let before = app.call("/api/dashboard/mine", &[]).await.json()["National"]["table"].clone();
    assert_eq!(keep_national_warm(&app.state).await.unwrap(), 0, "the one read is up to date");
    // A network becomes dormant (here straight in the database, as through another instance).
    sqlx::query("UPDATE bins SET state = 'dormant' WHERE id = (SELECT MIN(id) FROM bins WHERE state = 'active')")
        .execute(&app.state.pool)
        .await
        .unwrap();
    assert_eq!(keep_national_warm(&app.state).await.unwrap(), 1, "built again for the new data");
    assert_eq!(keep_national_warm(&app.state).await.unwrap(), 0, "and only once");
    let after = app.call("/api/dashboard/mine", &[]).await.json()["National"]["table"].clone();
    let total = |table: &serde_json::Value| {
        table.as_array().unwrap().iter().map(|r| r["bin"].as_i64().unwrap() + r["bin_z"].as_i64().unwrap()).max()
    };
    assert_eq!(total(&after), total(&before).map(|n| n - 1), "the reader gets the new figures: {before} {after}");
}
