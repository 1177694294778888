//! `/certificate`: asking for the certificate once the track is passed, the printable
//! certificate, and opting in or out of the zone's volunteer list.

use super::loading;
use crate::i18n::{Common, t, use_lang};
use crate::learning::certificates::{BecomeVolunteer, IssueCertificate, StopVolunteering, my_certificate};
use crate::learning::texts::T;
use crate::learning::types::CertificateView;
use crate::time::format_date;
use crate::ui::{ActionError, ErrorMessage, Submit};
use crate::use_auth;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn CertificatePage() -> impl IntoView {
    let issue = ServerAction::<IssueCertificate>::new();
    let opt_in = ServerAction::<BecomeVolunteer>::new();
    let opt_out = ServerAction::<StopVolunteering>::new();
    let data = Resource::new(
        move || (issue.version().get(), opt_in.version().get(), opt_out.version().get()),
        |_| my_certificate(),
    );
    view! {
        <Title text=t(T::Certificate)/>
        <section class="page narrow">
            <nav class="breadcrumb no-print" aria-label=t(Common::Breadcrumb)><a href="/learn">{t(T::LearnTitle)}</a></nav>
            <Transition fallback=loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(Some(certificate)) => view! { <Certificate certificate opt_in opt_out/> }.into_any(),
                        Ok(None) => {
                            let name = match use_auth() {
                                Some(auth) => auth.user.await.ok().flatten().map(|u| u.display_name).unwrap_or_default(),
                                None => String::new(),
                            };
                            view! {
                            <h1>{t(T::Certificate)}</h1>
                            <p>{t(T::CertificateIntro)}</p>
                            <ActionForm action=issue attr:class="stack" attr:data-test-form="certificate-issue">
                                <ActionError value=issue.value()/>
                                <label for="holder">{t(T::NameOnCertificate)}</label>
                                <input id="holder" name="holder" type="text" required maxlength="80" autocomplete="name" value=name/>
                                <label for="certificate-postcode">{t(T::PostcodeOptional)}</label>
                                <input id="certificate-postcode" name="postcode" type="text" inputmode="numeric" pattern="[0-9]{4}" maxlength="4" autocomplete="postal-code" aria-describedby="certificate-postcode-hint"/>
                                <p class="hint" id="certificate-postcode-hint">{t(T::PostcodeWhy)}</p>
                                <Submit label=t(T::GetCertificate) pending=issue.pending().into()/>
                            </ActionForm>
                            }.into_any()
                        }
                        Err(error) => view! {
                            <h1>{t(T::Certificate)}</h1>
                            <ErrorMessage error/>
                            <p><a href="/signin">{t(Common::SignIn)}</a></p>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Certificate(
    certificate: CertificateView,
    opt_in: ServerAction<BecomeVolunteer>,
    opt_out: ServerAction<StopVolunteering>,
) -> impl IntoView {
    let lang = use_lang();
    let verify = format!("/verify/{}", certificate.code);
    view! {
        <article class="certificate" data-test-certificate=certificate.code.clone()>
            <p class="certificate-kicker">"Nabij · CPA"</p>
            <h1>{t(T::CertificateTitle)}</h1>
            <p class="certificate-holder">{certificate.holder.clone()}</p>
            <p>{t(T::CertificateCompleted)}</p>
            <ul>{certificate.courses.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}</ul>
            <dl class="facts">
                <dt>{t(T::IssuedOn)}</dt><dd>{format_date(certificate.issued_at, lang)}</dd>
                <dt>{t(Common::CertificateCode)}</dt><dd><code data-test-code="">{certificate.code.clone()}</code></dd>
                <dt>{t(T::VerifyAt)}</dt><dd><a href=verify.clone() data-test-verify-link="">{verify.clone()}</a></dd>
            </dl>
        </article>
        <p class="no-print"><button type="button" class="button" data-print="">{t(Common::Print)}</button></p>
        <section class="card no-print" aria-labelledby="volunteer-title">
            <h2 id="volunteer-title">{t(T::VolunteerTitle)}</h2>
            <p>{t(T::VolunteerIntro)}</p>
            {match certificate.volunteer_zone {
                Some(zone) => view! {
                    <p class="message success" data-test-volunteer="listed">{t(T::VolunteerListed)}" "<strong>{zone}</strong></p>
                    <ActionForm action=opt_out attr:data-test-form="volunteer-stop">
                        <ActionError value=opt_out.value()/>
                        <Submit label=t(T::VolunteerStop) pending=opt_out.pending().into()/>
                    </ActionForm>
                }.into_any(),
                None => view! {
                    <ActionForm action=opt_in attr:class="stack" attr:data-test-form="volunteer">
                        <ActionError value=opt_in.value()/>
                        <label for="volunteer-postcode">{t(T::YourPostcode)}</label>
                        <input id="volunteer-postcode" name="postcode" type="text" inputmode="numeric" pattern="[0-9]{4}" maxlength="4" required autocomplete="postal-code"/>
                        <Submit label=t(T::VolunteerJoin) pending=opt_in.pending().into()/>
                    </ActionForm>
                }.into_any(),
            }}
        </section>
    }
}
