//! `/verify` and `/verify/{code}`: anyone checks a certificate; the knowledge centre may revoke it.

use super::loading;
use crate::i18n::{Common, t, use_lang};
use crate::learning::certificates::{RevokeCertificate, verify_certificate};
use crate::learning::texts::T;
use crate::learning::types::Verification;
use crate::time::format_date;
use crate::ui::{ActionError, ErrorMessage, Submit};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn VerifyPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let revoke = ServerAction::<RevokeCertificate>::new();
    let code = move || params.read().get("code").or_else(|| query.read().get("code")).unwrap_or_default();
    let data = Resource::new(
        move || (code(), revoke.version().get()),
        |(code, _)| async move { if code.trim().is_empty() { None } else { Some(verify_certificate(code).await) } },
    );
    view! {
        <Title text=t(T::VerifyTitle)/>
        <section class="page narrow">
            <h1>{t(T::VerifyTitle)}</h1>
            <form method="get" action="/verify" class="inline-form">
                <label for="verify-code">{t(Common::CertificateCode)}</label>
                <input id="verify-code" name="code" type="text" maxlength="20" required placeholder="NBJ-XXXX-XXXX" value=code/>
                <button type="submit">{t(T::Check)}</button>
            </form>
            <Transition fallback=loading>
                {move || Suspend::new(async move {
                    match data.await {
                        None => ().into_any(),
                        Some(Ok(v)) => view! { <Verified v revoke/> }.into_any(),
                        Some(Err(error)) => {
                            crate::ui::answer_with(&error);
                            view! {
                            <div data-test-verification="unknown"><ErrorMessage error/><p>{t(T::CertificateUnknown)}</p></div>
                            }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Verified(v: Verification, revoke: ServerAction<RevokeCertificate>) -> impl IntoView {
    let lang = use_lang();
    let revoked = v.revoked_at.is_some();
    view! {
        <div class=if revoked { "message error" } else { "message success" } role="status"
            data-test-verification=if revoked { "revoked" } else { "valid" }>
            <p><strong>{if revoked { t(T::CertificateRevoked) } else { t(T::CertificateValid) }}</strong></p>
        </div>
        <dl class="facts">
            <dt>{t(Common::CertificateCode)}</dt><dd>{v.code.clone()}</dd>
            <dt>{t(T::Holder)}</dt><dd data-test-initials="">{v.initials.clone()}</dd>
            <dt>{t(T::IssuedOn)}</dt><dd>{format_date(v.issued_at, lang)}</dd>
            {v.revoked_at.map(|at| view! { <dt>{t(T::RevokedOn)}</dt><dd>{format_date(at, lang)}</dd> })}
            <dt>{t(T::Courses)}</dt><dd><ul>{v.courses.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}</ul></dd>
        </dl>
        {(v.can_revoke && !revoked).then(|| view! {
            <section class="card danger" aria-labelledby="revoke-title">
                <h2 id="revoke-title">{t(T::Revoke)}</h2>
                <ActionForm action=revoke attr:class="stack" attr:data-test-form="revoke">
                    <ActionError value=revoke.value()/>
                    <input type="hidden" name="code" value=v.code.clone()/>
                    <label for="revoke-reason">{t(T::RevokeReason)}</label>
                    <textarea id="revoke-reason" name="reason" required maxlength="300"></textarea>
                    <label class="choice"><input type="checkbox" name="confirm" value="yes" required/>" "{t(T::RevokeConfirm)}</label>
                    <Submit label=t(T::Revoke) pending=revoke.pending().into()/>
                </ActionForm>
            </section>
        })}
    }
}
