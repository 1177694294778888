//! Starts the browser build once the page has been painted. Every page is whole and usable as the
//! server sends it (links and forms work without JavaScript), so its words and pictures come
//! first: the WebAssembly (a quarter of a megabyte) is not preloaded beside the page's own
//! files, where on a slow line it would share their bandwidth, but fetched after the first
//! paint. Leptos's `HydrationScripts` preloads it; this is the same start without that preload.
//! The modules of a lazily loaded page are small; the server still names them for preloading
//! (from the manifest `--split` writes), so they arrive with the page and the app can draw it
//! as soon as it starts.

use leptos::config::LeptosOptions;
use leptos::prelude::*;

/// The `<script>` that fetches the browser build after the first paint and hydrates the page.
#[component]
pub fn Hydration(options: LeptosOptions) -> impl IntoView {
    if let Some(manifest) = split_manifest(&options) {
        provide_context(manifest);
    }
    let (js, wasm) = file_names(&options);
    let pkg = options.site_pkg_dir.to_string();
    let script = format!(
        "(function (js, wasm) {{\n\
         \tlet started = false;\n\
         \tconst start = () => {{\n\
         \t\tif (started) return;\n\
         \t\tstarted = true;\n\
         \t\timport(js).then((app) => app.default({{ module_or_path: wasm }}).then(() => app.hydrate()));\n\
         \t}};\n\
         \t// After the next frame is painted; a page hidden in a background tab starts anyway.\n\
         \trequestAnimationFrame(() => setTimeout(start, 0));\n\
         \tsetTimeout(start, 3000);\n\
         }})({:?}, {:?});",
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

/// The lazily loaded modules of each page, which the server names in the page for preloading
/// (read once from the manifest `--split` writes; none without it).
fn split_manifest(options: &LeptosOptions) -> Option<leptos::WasmSplitManifest> {
    static MANIFEST: std::sync::OnceLock<Option<leptos::WasmSplitManifest>> = std::sync::OnceLock::new();
    MANIFEST
        .get_or_init(|| {
            let hashes = hashes(options);
            let hash = |file: &str| hash_of(&hashes, file).map(|h| format!(".{h}")).unwrap_or_default();
            let pkg = format!("/{}", options.site_pkg_dir);
            let manifest = format!("{}{pkg}/__wasm_split_manifest{}.json", options.site_root, hash("manifest"));
            let modules = serde_json::from_str(&std::fs::read_to_string(manifest).ok()?).ok()?;
            // Unhashed, cargo-leptos names the loader with a run of underscores in the hash's place.
            let loader = format!("__wasm_split.{}.js", hash_of(&hashes, "split").unwrap_or("______________________"));
            Some(leptos::WasmSplitManifest(ArcStoredValue::new((pkg, modules, loader))))
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

/// The hash of `file` (`js`, `wasm`, `manifest`, `split`) in the lines of a hash file (`js: 3Fh…`).
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
