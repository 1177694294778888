// Starts the islands of the page and the parts that a small script runs, after it has been
// painted: the page is whole and usable as the server sent it, so its words come first. The
// browser build is fetched only when a page has an island (most pages are forms and text and
// need none); a page reached later through the in-page navigation starts what it brings the
// same way. When they run, the body says so (data-hydrated).
((js, wasm) => {
  "use strict";
  let app = null;
  const load = () =>
    (app ??= import(js).then((module) =>
      module.default({ module_or_path: wasm }).then(() => {
        module.hydrate();
        return module;
      }),
    ));
  const started = new WeakSet();
  // An island inside another's children starts with the children's owner (as Leptos's own
  // script does).
  const owners = [];
  async function traverse(node, module) {
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const tag = node.tagName.toLowerCase();
    if (tag === "leptos-island" && !started.has(node)) {
      started.add(node);
      const island = module[node.dataset.component];
      if (island) {
        const owner = owners[owners.length - 1];
        if (owner) owner();
        const result = island(node);
        if (result && result.then) await result;
      } else {
        console.warn("no island " + node.dataset.component);
      }
    }
    if (tag === "leptos-children") owners.push(node.$$on_hydrate);
    for (const child of node.children) await traverse(child, module);
    if (tag === "leptos-children") owners.pop();
  }
  // A part of a page that a small script runs names it (data-script="area": /area.js, a module
  // whose start(part) acts on the part's markup). The script is fetched the first time a page
  // has such a part, and each part is started once.
  const scripted = (root) =>
    Promise.all(
      [...root.querySelectorAll("[data-script]")]
        .filter((part) => !started.has(part) && /^[a-z]+$/.test(part.dataset.script))
        .map((part) => {
          started.add(part);
          return import(`/${part.dataset.script}.js`)
            .then((script) => script.start(part))
            .catch((error) => console.error(error));
        }),
    );
  const hydrate = async (root) => {
    await scripted(root);
    if (root.querySelector("leptos-island")) await traverse(root, await load());
    document.body.dataset.hydrated = "true";
  };
  let begun = false;
  const begin = () => {
    if (begun) return;
    begun = true;
    hydrate(document.body).catch((error) => console.error(error));
  };
  // After the next frame is painted; a page hidden in a background tab starts anyway.
  requestAnimationFrame(() => setTimeout(begin, 0));
  setTimeout(begin, 3000);
  return hydrate;
})
