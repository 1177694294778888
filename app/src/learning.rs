//! The cyber-prevention learning module for CPA volunteers. Its courses are still being written;
//! until then this page says so plainly and points to the channels that already help.

use crate::i18n::{T, t};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn LearnPage() -> impl IntoView {
    view! {
        <Title text=t(T::NavLearn)/>
        <section class="page narrow">
            <h1>{t(T::NavLearn)}</h1>
            <p class="empty-state" data-test-empty="">{t(T::LearnComing)}</p>
            <p>{t(T::LearnMeanwhile)}</p>
        </section>
    }
}
