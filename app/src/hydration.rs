//! The page's one script: the in-page navigation (`navigation.js`) and the start of the page's
//! islands (`islands.js`). Every page is whole and usable as the server sends it (links and forms
//! work without JavaScript); the script makes moving between pages keep the document, and runs
//! the few interactive parts a page has: islands (the directory's search and map), and parts
//! that a small script of `public/` runs (`data-script`: the message's area, the report's
//! place). The browser build (WebAssembly) is fetched only for a page with an island, after the
//! first paint, and is never preloaded beside the page's own files, where on a slow line it
//! would share their bandwidth.

use leptos::config::LeptosOptions;
use leptos::prelude::*;

/// The `<script>` of every page: navigation in the page, and its islands once it is painted.
#[component]
pub fn Hydration(options: LeptosOptions) -> impl IntoView {
    let (js, wasm) = file_names(&options);
    let pkg = options.site_pkg_dir.to_string();
    let script = format!(
        "{}(\n{}({:?}, {:?}));",
        include_str!("navigation.js").trim_end(),
        include_str!("islands.js").trim_end(),
        format!("/{pkg}/{js}.js"),
        format!("/{pkg}/{wasm}.wasm"),
    );
    view! { <script type="module" nonce=leptos::nonce::use_nonce()>{script}</script> }
}

/// The names of the browser build's JavaScript and WebAssembly files: with the hashes cargo-leptos
/// writes next to the server's executable when it names files by their content.
fn file_names(options: &LeptosOptions) -> (String, String) {
    static NAMES: std::sync::OnceLock<(String, String)> = std::sync::OnceLock::new();
    NAMES
        .get_or_init(|| {
            let name = options.output_name.to_string();
            if !options.hash_files {
                let wasm =
                    if option_env!("LEPTOS_OUTPUT_NAME").is_none() { format!("{name}_bg") } else { name.clone() };
                return (name, wasm);
            }
            hashed(&name, &hashes(options))
        })
        .clone()
}

/// The hash file cargo-leptos writes next to the server's executable ("" if there is none).
fn hashes(options: &LeptosOptions) -> String {
    if !options.hash_files {
        return String::new();
    }
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(options.hash_file.as_ref())))
        .and_then(|path| std::fs::read_to_string(path).ok())
        .unwrap_or_default()
}

/// The hash of `file` (`js`, `wasm`, `css`) in the lines of a hash file (`js: 3Fh…`).
fn hash_of<'a>(hashes: &'a str, file: &str) -> Option<&'a str> {
    hashes.lines().find_map(|line| {
        let (which, hash) = line.trim().split_once(':')?;
        (which.trim() == file).then(|| hash.trim())
    })
}

/// `name` with the hashes of the JavaScript and WebAssembly files in `hashes` (lines such as
/// `js: 3Fh…`; a file without a line keeps the bare name).
fn hashed(name: &str, hashes: &str) -> (String, String) {
    let file = |which: &str| hash_of(hashes, which).map_or_else(|| name.to_string(), |hash| format!("{name}.{hash}"));
    (file("js"), file("wasm"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_files_are_named_with_the_hashes_of_their_content() {
        let hashes = "js: AdVR\nwasm: oWLb\ncss: 6Jiq\n";
        assert_eq!(hashed("nabij", hashes), ("nabij.AdVR".to_string(), "nabij.oWLb".to_string()));
        assert_eq!(hashed("nabij", ""), ("nabij".to_string(), "nabij".to_string()));
    }
}
