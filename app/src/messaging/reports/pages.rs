//! The pages of residents' reports: `/report` (the form, which first says it is no emergency
//! line), `/reports` (the reporter's own reports and, for police officers, the zone's queue) and
//! `/reports/{id}` (a report with its photo, status and answer; for the zone, its handling).

use crate::error::AppError;
use crate::i18n::{Common, t, use_lang};
use crate::messaging::reports::api::{CloseReport, SubmitReport, TakeReport, my_reports, read_report, zone_reports};
use crate::messaging::reports::types::{ANSWER_MAX, PLACE_MAX, ReportLine, ReportStatus, ReportView, WHAT_MAX};
use crate::messaging::texts::T;
use crate::time::format_date_time;
use crate::ui::loading;
use crate::ui::{ActionError, ErrorMessage, Notice, PageError, Submit};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

pub fn status_label(status: ReportStatus) -> &'static str {
    match status {
        ReportStatus::New => t(T::ReportStatusNew),
        ReportStatus::Handling => t(T::ReportStatusHandling),
        ReportStatus::Closed => t(T::ReportStatusClosed),
    }
}

/// The reporter's words, as written: lines kept, nothing turned into a link or markup.
#[component]
fn Written(text: String) -> impl IntoView {
    view! { <p class="message-text">{text}</p> }
}

/// Where it was seen, as the server writes it: typed (from the keyboard and without
/// JavaScript), and, once the page's script runs (`public/place.js`), the device's location or
/// a point chosen on a map around what was typed.
#[component]
fn PlaceField() -> impl IntoView {
    view! {
        <div class="stack" data-place-field="" data-script="place">
            <label for="report-place">{t(T::ReportWhere)}</label>
            <input id="report-place" name="place" type="text" required autocomplete="street-address"
                maxlength=PLACE_MAX.to_string() aria-describedby="report-place-hint"/>
            <p class="hint" id="report-place-hint">{t(T::ReportWhereHint)}</p>
            // Both ways need JavaScript: the script shows them.
            <p hidden=true data-place-tool="">
                <button type="button" class="secondary" data-busy-label=t(Common::Locating) data-test-locate="">
                    {t(Common::UseMyLocation)}
                </button>
            </p>
            <p class="message error" role="alert" hidden=true data-test-error="location_refused">{t(Common::LocationRefused)}</p>
            <p hidden=true data-place-tool="">
                <button type="button" class="secondary" data-test-pick-on-map="">{t(T::ChooseOnMap)}</button>
            </p>
            <div data-pick-map=""></div>
        </div>
    }
}

/// The map around a place for choosing a point on it (`report_map`'s answer): the names of
/// places, and a pin on the place until a point is chosen. A tap's coordinates are the
/// server's to reckon (`report_place`).
#[cfg(feature = "ssr")]
pub fn pick_map_html(map: crate::messaging::reports::types::PickMap) -> String {
    use crate::directory::pages::map_view::{PlaceNames, pin_path};
    let (vx, vy, vw, vh) = map.view_box;
    let view_box = format!("{vx} {vy} {vw} {vh}");
    let stroke = f64::from(vw) / 500.0;
    let (cx, cy) = map.centre;
    view! {
        <p class="hint" id="pick-map-help">{t(T::PickOnMapHint)}</p>
        <div class="map-canvas">
            <svg class="pick-map" viewBox=view_box preserveAspectRatio="xMidYMid meet" role="img"
                aria-label=t(T::PickOnMapLabel) aria-describedby="pick-map-help"
                data-test-pick-map="">
                <image href="/map/base.svg" x="0" y="0" width=map.width height=map.height/>
                <PlaceNames labels=map.labels w=vw/>
                <g class="pin unsure" transform=format!("translate({cx} {cy})") data-test-picked="false">
                    <path d=pin_path(0, 0, vw) stroke-width=stroke/>
                </g>
            </svg>
        </div>
    }
    .to_html()
}

/// `/report`: what, where, when, may the police call back; a photo can follow on the report.
#[component]
pub fn ReportFormPage() -> impl IntoView {
    let send = ServerAction::<SubmitReport>::new();
    let signed_in = move || crate::use_auth().and_then(|a| a.user.get()).and_then(Result::ok).flatten().is_some();
    view! {
        <Title text=t(T::ReportTitle)/>
        <section class="page narrow">
            <nav class="breadcrumb" aria-label=t(Common::Breadcrumb)><a href="/reports">{t(Common::ReportsTitle)}</a></nav>
            <h1>{t(T::ReportTitle)}</h1>
            <p class="card advice" role="note" data-test-not-emergency="">{t(T::ReportNotEmergency)}</p>
            <Transition fallback=loading>
                {move || if signed_in() {
                    view! {
                        <p>{t(T::ReportLead)}</p>
                        <ActionForm action=send attr:class="stack" attr:data-test-form="report">
                            <ActionError value=send.value()/>
                            <label for="report-what">{t(T::ReportWhat)}</label>
                            <textarea id="report-what" name="what" rows="6" required maxlength=WHAT_MAX.to_string() aria-describedby="report-what-hint"></textarea>
                            <p class="hint" id="report-what-hint">{t(T::ReportWhatHint)}</p>
                            <PlaceField/>
                            <label for="report-when">{t(T::ReportWhen)}</label>
                            <input id="report-when" name="when" type="datetime-local" aria-describedby="report-when-hint"/>
                            <p class="hint" id="report-when-hint">{t(T::ReportWhenHint)}</p>
                            <label class="choice"><input type="checkbox" name="contact" value="yes"/>" "{t(T::ReportContact)}</label>
                            <p class="hint">{t(T::ReportPhotoLater)}</p>
                            <Submit label=t(T::SendReport) pending=send.pending().into()/>
                        </ActionForm>
                    }.into_any()
                } else {
                    view! {
                        <ErrorMessage error=AppError::NotSignedIn/>
                        <p><a class="button primary" href="/signin?next=%2Freport">{t(Common::SignIn)}</a></p>
                    }.into_any()
                }}
            </Transition>
        </section>
    }
}

/// `/reports`: the reader's own reports and, for the staff of a zone, the zone's queue by state.
#[component]
pub fn ReportsPage() -> impl IntoView {
    let query = use_query_map();
    let status = move || query.read().get("status").unwrap_or_else(|| "new".to_string());
    let mine = Resource::new(|| (), |_| my_reports());
    let queue = Resource::new(status, |s| zone_reports(Some(s)));
    let staff = move || {
        crate::use_auth().and_then(|a| a.user.get()).and_then(Result::ok).flatten().is_some_and(|u| {
            u.grants
                .iter()
                .any(|g| matches!(g.role, crate::auth::types::Role::ZoneOfficer | crate::auth::types::Role::ZoneAdmin))
        })
    };
    view! {
        <Title text=t(Common::ReportsTitle)/>
        <section class="page narrow">
            <h1>{t(Common::ReportsTitle)}</h1>
            <p><a class="button primary" href="/report" data-test-new-report="">{t(T::ReportSomething)}</a></p>
            <Transition fallback=loading>
                {move || staff().then(|| view! {
                    <h2>{t(T::ZoneReports)}</h2>
                    <nav class="filters" aria-label=t(Common::Filter)>
                        {[("new", t(T::ReportStatusNew)), ("handling", t(T::ReportStatusHandling)), ("closed", t(T::ReportStatusClosed)), ("all", t(Common::KindAll))]
                            .into_iter()
                            .map(|(code, label)| view! {
                                <a href=format!("/reports?status={code}") aria-current=move || (status() == code).then_some("page")>{label}</a>" "
                            })
                            .collect_view()}
                    </nav>
                    <Transition fallback=loading>
                        {move || Suspend::new(async move {
                            match queue.await {
                                Ok(lines) if !lines.is_empty() => view! { <Lines lines queue=true/> }.into_any(),
                                Ok(_) => view! { <p class="empty-state" data-test-queue="0">{t(T::NoZoneReports)}</p> }.into_any(),
                                Err(error) => view! { <ErrorMessage error/> }.into_any(),
                            }
                        })}
                    </Transition>
                })}
            </Transition>
            <h2>{t(T::MyReports)}</h2>
            <Transition fallback=loading>
                {move || Suspend::new(async move {
                    match mine.await {
                        Ok(lines) if !lines.is_empty() => view! { <Lines lines queue=false/> }.into_any(),
                        Ok(_) => view! { <p class="empty-state" data-test-reports="0">{t(T::NoReports)}</p> }.into_any(),
                        Err(error) => view! { <ErrorMessage error/><p><a href="/signin?next=%2Freports">{t(Common::SignIn)}</a></p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Lines(lines: Vec<ReportLine>, queue: bool) -> impl IntoView {
    let lang = use_lang();
    let count = lines.len().to_string();
    view! {
        <ul class="messages" data-test-report-list=if queue { "queue" } else { "mine" } data-test-count=count>
            {lines.into_iter().map(|l| view! {
                <li class=if l.status == ReportStatus::New { "unseen" } else { "" } data-test-report=l.id.to_string()>
                    <p>
                        <span class="badge quiet" data-test-status=l.status.code()>{status_label(l.status)}</span>" "
                        <strong><a href=format!("/reports/{}", l.id)>{l.summary.clone()}</a></strong>
                    </p>
                    <p class="hint">
                        {l.place.clone()}" · "{format_date_time(l.observed_at, lang)}
                        {l.has_photo.then(|| format!(" · {}", t(T::ReportPhoto)))}
                    </p>
                </li>
            }).collect_view()}
        </ul>
    }
}

/// `/reports/{id}`: the report, its photo and answer; the reporter adds a photo while it is
/// open; the zone's staff take it on, close it with an answer, or turn it into an alert.
#[component]
pub fn ReportPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    let take = ServerAction::<TakeReport>::new();
    let close = ServerAction::<CloseReport>::new();
    let data = Resource::new(move || (id(), take.version().get(), close.version().get()), |(id, ..)| read_report(id));
    let flag = move |key: &str| query.read().get(key);
    view! {
        <section class="page narrow">
            <nav class="breadcrumb" aria-label=t(Common::Breadcrumb)><a href="/reports">{t(Common::ReportsTitle)}</a></nav>
            {move || (flag("sent").as_deref() == Some("1")).then(|| view! { <Notice text=t(T::ReportSentNotice)/> })}
            {move || (flag("photo").as_deref() == Some("1")).then(|| view! { <Notice text=t(T::PhotoAdded)/> })}
            {move || flag("photo_error").and_then(|c| AppError::from_code(&c)).map(|error| view! { <ErrorMessage error/> })}
            {move || take.value().get().and_then(Result::ok).or_else(|| close.value().get().and_then(Result::ok)).map(|_| view! { <Notice text=t(T::ReportDone)/> })}
            <ActionError value=take.value()/>
            <ActionError value=close.value()/>
            <Transition fallback=loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(view) => view! { <Report view take close/> }.into_any(),
                        Err(error) => view! { <PageError error back_href="/reports" back_label=t(Common::ReportsTitle)/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Report(view: ReportView, take: ServerAction<TakeReport>, close: ServerAction<CloseReport>) -> impl IntoView {
    let lang = use_lang();
    let id = view.id;
    let open = view.status != ReportStatus::Closed;
    let photo_src = format!("/reports/{id}/photo.jpg");
    view! {
        <Title text=t(T::ReportHeading)/>
        <article class="message-view" data-test-report-view=id.to_string()>
            <p><span class="badge quiet" data-test-status=view.status.code()>{status_label(view.status)}</span></p>
            <h1>{t(T::ReportHeading)}</h1>
            <dl class="facts">
                <div><dt>{t(T::ReportWhere)}</dt><dd>{view.place.clone()}</dd></div>
                <div><dt>{t(T::ObservedAt)}</dt><dd>{format_date_time(view.observed_at, lang)}</dd></div>
                <div><dt>{t(T::ReportedAt)}</dt><dd>{format_date_time(view.created_at, lang)}</dd></div>
                <div><dt>{t(Common::PoliceZone)}</dt><dd>{view.zone.clone()}</dd></div>
                {view.reporter.clone().map(|r| view! {
                    <div data-test-reporter="">
                        <dt>{t(T::ReporterLabel)}</dt>
                        <dd>
                            {r.name}" · "
                            {match r.email {
                                Some(email) => view! { <a href=format!("mailto:{email}")>{email.clone()}</a> }.into_any(),
                                None => t(T::NoContactWanted).into_any(),
                            }}
                        </dd>
                    </div>
                })}
            </dl>
            <h2>{t(T::ReportWhat)}</h2>
            <Written text=view.what.clone()/>
            {view.has_photo.then(|| view! {
                <figure class="report-photo">
                    <img src=photo_src.clone() alt=t(T::PhotoAlt) loading="lazy" data-test-photo=""/>
                    {view.staff.then(|| view! {
                        <figcaption><a href=photo_src.clone() download=format!("report-{id}.jpg")>{t(T::DownloadPhoto)}</a></figcaption>
                    })}
                </figure>
            })}
            {view.answer.clone().map(|answer| view! {
                <section class="card" aria-labelledby="answer-title" data-test-answer="">
                    <h2 id="answer-title">{t(T::ZoneAnswer)}</h2>
                    <Written text=answer/>
                </section>
            })}
            {view.alert_id.map(|alert| view! {
                <p><a href=format!("/messages/{alert}")>{t(T::AlertFromReport)}</a></p>
            })}
        </article>
        {(view.mine && open).then(|| view! {
            <crate::messaging::pages::PhotoUpload action=format!("/reports/{id}/photo") label=t(T::ReportPhoto) hint=t(T::PhotoHint) test="photo"/>
        })}
        {(view.staff && open).then(|| view! {
            <section class="card stack" aria-labelledby="handle-title" data-test-handle="">
                <h2 id="handle-title">{t(Common::ReportsTitle)}</h2>
                {(view.status == ReportStatus::New).then(|| view! {
                    <ActionForm action=take attr:data-test-form="take">
                        <input type="hidden" name="id" value=id.to_string()/>
                        <Submit label=t(T::TakeReport) pending=take.pending().into()/>
                    </ActionForm>
                })}
                <p><a class="button" href=format!("/messages/new?report={id}") data-test-to-alert="">{t(T::TurnIntoAlert)}</a></p>
                <ActionForm action=close attr:class="stack" attr:data-test-form="close-report">
                    <input type="hidden" name="id" value=id.to_string()/>
                    <label for="report-answer">{t(T::AnswerLabel)}</label>
                    <textarea id="report-answer" name="answer" rows="4" required maxlength=ANSWER_MAX.to_string() aria-describedby="report-answer-hint"></textarea>
                    <p class="hint" id="report-answer-hint">{t(T::AnswerHint)}</p>
                    <Submit label=t(T::CloseReport) pending=close.pending().into()/>
                </ActionForm>
            </section>
        })}
    }
}
