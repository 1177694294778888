//! `/start`: a resident proposes a network where there is none.

use crate::i18n::{Common, t};
use crate::lifecycle::api::ProposeBin;
use crate::lifecycle::texts::T;
use crate::ui::loading;
use crate::ui::{ActionError, Submit, encode_component};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/start`: a resident proposes a network where there is none.
#[component]
pub fn StartPage() -> impl IntoView {
    let query = use_query_map();
    let place = query.read_untracked().get("place").unwrap_or_default();
    let propose = ServerAction::<ProposeBin>::new();
    let user = Resource::new(|| (), |_| crate::me());
    view! {
        <Title text=t(T::StartTitle)/>
        <section class="page narrow">
            <h1>{t(T::StartTitle)}</h1>
            <p class="lead">{t(T::StartIntro)}</p>
            <Suspense fallback=loading>
                {move || {
                    let place = place.clone();
                    Suspend::new(async move {
                        match user.await {
                            Ok(Some(_)) => view! { <StartForm place propose/> }.into_any(),
                            _ => {
                                let next = encode_component("/start");
                                view! {
                                    <p>{t(T::StartSignInFirst)}</p>
                                    <p class="actions">
                                        <a class="button primary" href=format!("/signin?next={next}")>{t(Common::SignIn)}</a>
                                        <a class="button" href=format!("/signup?next={next}")>{t(Common::CreateAccount)}</a>
                                    </p>
                                }
                                .into_any()
                            }
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn StartForm(place: String, propose: ServerAction<ProposeBin>) -> impl IntoView {
    view! {
        <ActionForm action=propose attr:class="stack" attr:data-test-form="start">
            <ActionError value=propose.value()/>
            <label for="start-name">{t(T::BinName)}</label>
            <input id="start-name" name="name" type="text" required minlength="3" maxlength="80"/>
            <fieldset>
                <legend>{t(Common::Kind)}</legend>
                <label class="choice"><input type="radio" name="kind" value="bin" checked/>" "{t(Common::KindBin)}</label>
                <label class="choice"><input type="radio" name="kind" value="bin_z"/>" "{t(Common::KindBinZ)}</label>
            </fieldset>
            <label for="start-place">{t(T::StartPlace)}</label>
            <input id="start-place" name="place" type="text" required maxlength="200" value=place aria-describedby="start-place-hint"/>
            <p class="hint" id="start-place-hint">{t(T::StartPlaceHint)}</p>
            <label for="start-streets">{t(T::StartStreets)}</label>
            <textarea id="start-streets" name="streets" rows="6" required aria-describedby="start-streets-hint"></textarea>
            <p class="hint" id="start-streets-hint">{t(T::StartStreetsHint)}</p>
            <label for="start-radius">{t(T::StartRadius)}</label>
            <select id="start-radius" name="radius_m">
                <option value="250">"250 m"</option>
                <option value="500" selected>"500 m"</option>
                <option value="1000">"1 km"</option>
                <option value="2000">"2 km"</option>
            </select>
            <label for="start-purpose">{t(T::StartPurpose)}</label>
            <textarea id="start-purpose" name="purpose" rows="4" required minlength="20" maxlength="2000" aria-describedby="start-purpose-hint"></textarea>
            <p class="hint" id="start-purpose-hint">{t(T::StartPurposeHint)}</p>
            <Submit label=t(T::StartSubmit) pending=propose.pending().into()/>
        </ActionForm>
    }
}
