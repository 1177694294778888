//! The open API (`/api/v1`) against its OpenAPI document: the nearest networks, refusals with
//! codes, and the national open data.

use crate::helpers::Engine;
use crate::with_demo;
use http::StatusCode;

crate::on_both_engines!(
    open_api_finds_the_nearest_networks,
    open_api_rejects_bad_input_with_codes,
    national_open_data_reads_the_besafe_figures,
);

async fn open_api_finds_the_nearest_networks(engine: Engine) {
    let mut app = with_demo(engine).await;
    let r = app.get("/api/v1/bins?near=9000&limit=5").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.headers["access-control-allow-origin"], "*");
    let json = r.json();
    let bins = json["bins"].as_array().unwrap();
    assert_eq!(bins.len(), 5);
    let distances: Vec<i64> = bins.iter().map(|b| b["distance_m"].as_i64().unwrap()).collect();
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "nearest first: {distances:?}");
    assert!(bins[0]["url"].as_str().unwrap().contains("/bin/"));
    assert_eq!(json["near"]["police_zone_number"], 5415);
    // The same place in three languages gives the same answer.
    let nl = app.get("/api/v1/bins?near=Luik&limit=3").await.json();
    let fr = app.get("/api/v1/bins?near=Li%C3%A8ge&limit=3").await.json();
    assert_eq!(nl["bins"], fr["bins"]);
    let bin_z = app.get("/api/v1/bins?near=1000&kind=bin-z&limit=3").await.json();
    assert!(bin_z["bins"].as_array().unwrap().iter().all(|b| b["kind"] == "bin_z"));
    let one = bins[0]["id"].as_i64().unwrap();
    let page = app.get(&format!("/api/v1/bins/{one}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("@"), "no e-mail address on a public page");
    assert!(page.json()["households_band"].is_string());
    let stats = app.get("/api/v1/stats/regions").await.json();
    assert_eq!(stats["regions"][3]["total"], 1557);
    let places = app.get("/api/v1/places?q=sint-gen").await.json();
    assert!(places["places"].as_array().unwrap().iter().any(|p| p["label"] == "Sint-Genesius-Rode"));
    let places = app.get("/api/v1/places?q=gentbrug").await.json();
    let gentbrugge = places["places"].as_array().unwrap().iter().find(|p| p["value"] == "Gentbrugge").cloned();
    assert_eq!(gentbrugge.map(|p| p["kind"].clone()), Some(serde_json::json!("locality")), "{places}");
    let near = app.get("/api/v1/bins?near=Gentbrugge&limit=3").await;
    assert_eq!(near.status, StatusCode::OK, "{}", near.body);
    // The document states the limits the API enforces, with the same numbers.
    let spec = app.get("/api/v1/openapi.json").await.json();
    let parameter = |path: &str, name: &str| {
        spec["paths"][path]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .cloned()
            .unwrap()
    };
    let max_chars = app::directory::places::MAX_QUERY_CHARS;
    for (path, name) in [("/bins", "near"), ("/places", "q")] {
        let schema = parameter(path, name)["schema"].clone();
        assert_eq!((schema["minLength"].as_u64(), schema["maxLength"].as_u64()), (Some(1), Some(max_chars as u64)));
    }
    assert_eq!(parameter("/places", "q")["schema"]["pattern"], "\\S", "not only spaces");
    // What the document calls a valid `near` is answered (200, or 404 for a place that is not
    // there); what it calls invalid is refused with 400.
    let pattern = parameter("/bins", "near")["schema"]["pattern"].as_str().unwrap().to_string();
    let valid = regex::Regex::new(&pattern).unwrap();
    for near in [
        "9000",
        "9 000",
        "1001",
        "0",
        "123",
        "0999",
        "12345",
        "Gent",
        "abc",
        "50.85,4.35",
        "48.85,2.35",
        "   ",
        "9000a",
    ] {
        let r = app.get(&format!("/api/v1/bins?near={}&limit=1", crate::helpers::encode(near))).await;
        let answered = matches!(r.status.as_u16(), 200 | 404);
        assert_eq!(valid.is_match(near), answered, "{near:?}: {} {}", r.status, r.body);
    }
    let limit = parameter("/bins", "limit")["schema"].clone();
    assert_eq!(
        (limit["minimum"].as_i64(), limit["maximum"].as_i64()),
        (Some(1), Some(app::directory::query::MAX_LIMIT))
    );
    for (path, item) in spec["paths"].as_object().unwrap() {
        assert_eq!(item["get"]["responses"]["429"]["$ref"], "#/components/responses/TooManyRequests", "{path}");
    }
    assert!(spec["components"]["responses"]["TooManyRequests"]["headers"]["Retry-After"].is_object());
}

async fn open_api_rejects_bad_input_with_codes(engine: Engine) {
    let mut app = with_demo(engine).await;
    let long = "9".repeat(10_000);
    let cases = [
        ("/api/v1/bins?near=9999".to_string(), 404, "unknown_postcode"),
        ("/api/v1/bins?near=0".to_string(), 400, "unknown_postcode"),
        ("/api/v1/bins?near=".to_string(), 400, "empty_query"),
        ("/api/v1/bins?near=48.85,2.35".to_string(), 404, "outside_belgium"),
        ("/api/v1/bins?near=123.0,4.0".to_string(), 400, "invalid_coordinates"),
        ("/api/v1/bins?near=9000&limit=-1".to_string(), 400, "invalid_limit"),
        ("/api/v1/bins?near=9000&limit=999999999999999999999".to_string(), 400, "invalid_limit"),
        ("/api/v1/bins?near=9000&kind=castle".to_string(), 400, "invalid_input"),
        ("/api/v1/bins?near=9000&looking=-1".to_string(), 400, "invalid_input"),
        ("/api/v1/bins?near=9000&looking=".to_string(), 400, "invalid_input"),
        ("/api/v1/bins?near=9000&kind=".to_string(), 400, "invalid_input"),
        ("/api/v1/bins?near=9000&limit=".to_string(), 400, "invalid_limit"),
        ("/api/v1/bins?near=9000&looking=true&looking=true".to_string(), 400, "invalid_input"),
        ("/api/v1/places?q=Gent&q=Gent".to_string(), 400, "invalid_input"),
        (format!("/api/v1/bins?near={long}"), 400, "query_too_long"),
        ("/api/v1/bins?near=%3Cscript%3Ealert(1)%3C%2Fscript%3E".to_string(), 404, "place_not_found"),
        ("/api/v1/bins?near=%27%3B%20DROP%20TABLE%20bins%3B--".to_string(), 404, "place_not_found"),
        ("/api/v1/bins/999999".to_string(), 404, "not_found"),
        ("/api/v1/bins/abc".to_string(), 404, "not_found"),
        ("/api/v1/places?q=".to_string(), 400, "empty_query"),
    ];
    for (path, status, code) in cases {
        let r = app.get_with(&path, &[("accept-language", "de")]).await;
        assert_eq!(r.status.as_u16(), status, "{path}: {}", r.body);
        assert_eq!(r.json()["error"]["code"], code, "{path}");
        assert!(!r.json()["error"]["message"].as_str().unwrap().is_empty());
    }
    let bins: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bins").fetch_one(&app.state.pool).await.unwrap();
    assert_eq!(bins, 1557, "nothing was harmed");
}

/// The national open data on the demo data: the BeSafe table cell by cell, per region and for
/// Belgium; provinces and zones add up to it; no personal data; JSON and CSV agree.
async fn national_open_data_reads_the_besafe_figures(engine: Engine) {
    let mut app = with_demo(engine).await;
    let json = app.get("/api/v1/stats/national.json").await;
    assert_eq!(json.status, StatusCode::OK, "{}", json.body);
    assert_eq!(json.headers["access-control-allow-origin"], "*");
    assert!(!json.body.contains("@"), "no e-mail address in open data");
    let areas = json.json()["areas"].as_array().unwrap().clone();
    let line = |level: &str, code: &str| {
        let a = areas.iter().find(|a| a["level"] == level && a["code"] == code).unwrap();
        (a["bin"].as_i64().unwrap(), a["bin_z"].as_i64().unwrap(), a["total"].as_i64().unwrap())
    };
    assert_eq!(line("region", "flanders"), (1060, 153, 1213));
    assert_eq!(line("region", "brussels"), (15, 2, 17));
    assert_eq!(line("region", "wallonia"), (311, 16, 327));
    assert_eq!(line("belgium", "BE"), (1386, 171, 1557));
    for level in ["province", "zone"] {
        let sum: i64 = areas.iter().filter(|a| a["level"] == level).map(|a| a["total"].as_i64().unwrap()).sum();
        assert_eq!(sum, 1557, "{level}s add up to Belgium");
    }
    let households = areas[0]["member_households"].as_str().unwrap().parse::<i64>().unwrap();
    assert!((170_000..=200_000).contains(&households) && households % 10 == 0, "{households}");
    assert!(areas.iter().all(|a| a["member_households"].as_str().is_some()));

    let csv = app.get("/api/v1/stats/national.csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.headers["content-type"].to_str().unwrap().starts_with("text/csv"));
    let (header, rows) = crate::helpers::open_spreadsheet(&csv.body, b';');
    assert_eq!(header[..6], ["Niveau", "Code", "Naam", "BIN", "BIN-Z", "Totaal"]);
    assert_eq!(rows[0][..6], ["land", "BE", "België", "1386", "171", "1557"]);
    assert_eq!(rows.len(), areas.len());
    let english = app.get_with("/api/v1/stats/national.csv", &[("accept-language", "en")]).await;
    let (header, rows) = crate::helpers::open_spreadsheet(&english.body, b',');
    assert_eq!((header[0].as_str(), rows[0][0].as_str()), ("Level", "country"));
    let spec = app.get("/api/v1/openapi.json").await.json();
    assert!(spec["paths"]["/stats/national.json"].is_object() && spec["paths"]["/stats/national.csv"].is_object());

    // The national dashboard shows the same areas, and the zones most at risk first.
    app.call("/api/auth/sign_in", &[("email", "admin@demo.nabij.invalid"), ("password", app::demo::DEMO_PASSWORD)])
        .await;
    let national = app.call("/api/dashboard/mine", &[]).await.json()["National"].clone();
    assert_eq!(national["areas"].as_array().unwrap().len(), areas.len());
    let share = |z: &serde_json::Value| z["without_coordinator"].as_f64().unwrap() / z["networks"].as_f64().unwrap();
    let risk = national["risk"].as_array().unwrap();
    assert!(!risk.is_empty() && risk.len() <= 20);
    assert!(risk.windows(2).all(|w| share(&w[0]) >= share(&w[1])), "most at risk first");
}
