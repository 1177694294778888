//! Server functions of the directory.

use crate::directory::types::{PostcodeAnswer, RegionCount};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// BIN and BIN-Z counts per region, then Belgium (the BeSafe table). Public.
#[server(endpoint = "directory/region_counts", input = GetUrl)]
pub async fn region_counts() -> Result<Vec<RegionCount>, AppError> {
    use crate::directory::{repo, types::Region};
    let state = crate::platform::state::app_state()?;
    let rows = repo::active_counts(&state.pool).await?;
    Ok(crate::directory::types::tabulate(
        &rows
            .iter()
            .filter_map(|(r, k, n)| Some((Region::parse(r)?, crate::directory::types::BinKind::parse(k)?, *n)))
            .collect::<Vec<_>>(),
    ))
}

/// The municipalities, police zones and BINs of a Belgian postcode. Public.
#[server(endpoint = "directory/postcode", input = GetUrl)]
pub async fn lookup_postcode(postcode: String) -> Result<PostcodeAnswer, AppError> {
    use crate::directory::repo;
    use crate::directory::types::{MunicipalityAnswer, Names};
    let state = crate::platform::state::app_state()?;
    let code = crate::directory::types::parse_postcode(&postcode)?;
    let links = state.geo.postcode(&code);
    if links.is_empty() {
        return Err(AppError::UnknownPostcode);
    }
    let mut municipalities = Vec::new();
    for link in links {
        let Some(m) = state.geo.municipality(link.nis) else { continue };
        let zone = state.geo.zone_of(m.nis);
        municipalities.push(MunicipalityAnswer {
            nis: m.nis,
            name: m.names.clone(),
            zone_name: zone.map(|z| z.names.clone()).unwrap_or_else(Names::default),
            zone_id: zone.and_then(|z| z.number).map(|n| n.to_string()).unwrap_or_default(),
            bins: repo::active_in_municipality(&state.pool, m.nis).await?,
        });
    }
    Ok(PostcodeAnswer { postcode: code, municipalities })
}
