// Moving between the pages of the site without loading a new document. A link to a page of this
// site, or a form sent to it, fetches the new page as the server renders it and puts it in place
// of the old one (its body, title and texts), then starts the islands it brings. Every page works
// without this: it only saves the browser from starting anew. When the server cannot be reached,
// the page stays as it is and says so.
//
// A page shown again after a form (the same address: an error in place) keeps what the reader
// typed in its fields. Links that leave the app (rel=external, download, another target, another
// site) and answers that are not pages are left to the browser.
((hydrate) => {
  "use strict";
  let current = 0;
  // The address (path and query) whose page the document shows: an island that changes the
  // address in the page (the directory's search) moves it too.
  const here = () => location.pathname + location.search;
  let shown = here();
  for (const name of ["pushState", "replaceState"]) {
    const original = history[name].bind(history);
    history[name] = (...args) => {
      original(...args);
      shown = here();
    };
  }

  const samePage = (url) => url.pathname === location.pathname && url.search === location.search;
  // The address without what a form's error adds to it (the server's way without JavaScript).
  const clean = (url) => {
    const address = new URL(url);
    if (address.searchParams.has("__err")) {
      address.searchParams.delete("__path");
      address.searchParams.delete("__err");
    }
    return address;
  };

  document.addEventListener("click", (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!link || (link.target && link.target !== "_self") || link.hasAttribute("download")) return;
    if ((link.getAttribute("rel") || "").split(/\s+/).includes("external")) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin) return;
    // A link to a place in this page is the browser's.
    if (url.hash && samePage(url)) return;
    event.preventDefault();
    go(url, { method: "GET" }, { push: true });
  });

  document.addEventListener("submit", (event) => {
    if (event.defaultPrevented) return;
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    const submitter = event.submitter;
    const target = (submitter && submitter.getAttribute("formtarget")) || form.target;
    if (target && target !== "_self") return;
    const method = ((submitter && submitter.getAttribute("formmethod")) || form.method || "get").toUpperCase();
    const url = new URL((submitter && submitter.getAttribute("formaction")) || form.action, location.href);
    if (url.origin !== location.origin || (method !== "GET" && method !== "POST")) return;
    const data = new FormData(form, submitter || undefined);
    const multipart = form.enctype === "multipart/form-data";
    const params = new URLSearchParams();
    for (const [key, value] of data) if (typeof value === "string") params.append(key, value);
    event.preventDefault();
    if (method === "GET") {
      url.search = params.toString();
      go(url, { method: "GET" }, { push: true, form });
    } else {
      go(url, { method: "POST", body: multipart ? data : params }, { push: true, form });
    }
  });

  // Back and forward: the page at that address, unless only the anchor changed (the skip link).
  window.addEventListener("popstate", () => {
    if (here() === shown) return;
    go(new URL(location.href), { method: "GET" }, { push: false, back: true });
  });

  // The language links lead back to the page the reader is on, also when an island changed the
  // address: written into the link before it is followed (pressed, or focused for Enter).
  const followPage = (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[hreflang]") : null;
    if (!link) return;
    // The server wrote the link (ui::lang_href); only the page to come back to changes.
    const url = new URL(link.href);
    url.searchParams.set("next", here());
    link.setAttribute("href", url.pathname + url.search);
  };
  document.addEventListener("pointerdown", followPage);
  document.addEventListener("focusin", followPage);

  async function go(url, init, how) {
    const mine = ++current;
    document.body.setAttribute("aria-busy", "true");
    let response;
    try {
      response = await fetch(url, { ...init, headers: { Accept: "text/html" }, credentials: "same-origin" });
    } catch {
      // The network failed: the page stays as it is (what was typed too) and says so.
      if (mine === current) unreachable();
      return;
    }
    if (mine !== current) return;
    const type = response.headers.get("content-type") || "";
    if (!type.startsWith("text/html")) {
      // Not a page (a file, data): a link is the browser's to open; after a form, the page is
      // loaded anew (never sent twice).
      document.body.removeAttribute("aria-busy");
      if (init.method === "GET") location.assign(response.url);
      else location.reload();
      return;
    }
    const html = await response.text();
    if (mine !== current) return;
    const page = new DOMParser().parseFromString(html, "text/html");
    // Another language is another set of texts: that page starts anew.
    if (page.documentElement.lang !== document.documentElement.lang) {
      location.assign(response.url);
      return;
    }
    const landed = clean(response.url);
    if (url.hash && landed.pathname === url.pathname) landed.hash = url.hash;
    const again = samePage(landed);
    const kept = how.form && again ? typed(how.form) : null;
    // Until the new page's islands run (islands.js says so again).
    delete document.body.dataset.hydrated;
    put(page);
    if (kept) retype(kept);
    if (how.push) {
      if (again && !landed.hash) history.replaceState(null, "", landed);
      else history.pushState(null, "", landed);
    }
    shown = here();
    document.body.removeAttribute("aria-busy");
    place(landed, how, again && how.form !== undefined);
    hydrate(document.body);
    live();
  }

  // The page's texts (its JSON), or none.
  function pageTexts() {
    try {
      return JSON.parse(document.getElementById("nabij-texts").textContent).texts || {};
    } catch {
      return {};
    }
  }

  // Live events (live.js: a banner when an urgent alert arrives, a message's reception figures)
  // are for a signed-in reader: the script is fetched once a page's header shows one, so a
  // visitor never downloads it. It carries the two words of its banner from the page's texts.
  function live() {
    if (document.getElementById("nabij-live") || !document.querySelector("[data-signed-in]")) return;
    const texts = pageTexts();
    const script = document.createElement("script");
    script.id = "nabij-live";
    script.src = "/live.js";
    script.dataset.newAlert = texts["common.LiveNewAlert"] || "";
    script.dataset.close = texts["common.Close"] || "";
    document.head.append(script);
  }
  live();

  // Print buttons ([data-print]) work without inline handlers, so pages need no inline script.
  document.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("[data-print]")) window.print();
  });

  // The element with the id `id`, an alert (role=alert) made the first time it is needed and put
  // in the page by `attach`. The live banner (live.js) is one too.
  function alertBox(tag, id, className, attach) {
    let box = document.getElementById(id);
    if (!box) {
      box = document.createElement(tag);
      box.id = id;
      box.className = className;
      box.setAttribute("role", "alert");
      attach(box);
    }
    return box;
  }
  window.nabijAlertBox = alertBox;

  // The server could not be reached: the page's message for it (its texts carry every error
  // message), at the top of the main part, where a screen reader hears it.
  function unreachable() {
    document.body.removeAttribute("aria-busy");
    const message = pageTexts()["error.network"] || "";
    const main = document.getElementById("main");
    if (!main || !message) return;
    const box = alertBox("p", "navigation-error", "message error", (made) => main.prepend(made));
    box.dataset.testError = "network";
    box.textContent = message;
    box.scrollIntoView({ block: "center" });
  }

  // The new page in place of the old: title, texts and meta data, then the body. The live
  // banner (an alert that arrived while the reader was here) stays until it is closed.
  function put(page) {
    document.title = page.title;
    for (const selector of ["#nabij-texts", 'meta[name="request-id"]', 'meta[name="description"]']) {
      const fresh = page.querySelector(selector);
      const old = document.querySelector(selector);
      if (fresh && old) old.replaceWith(document.adoptNode(fresh));
    }
    const banner = document.getElementById("live-banner");
    for (const { name, value } of page.body.attributes) document.body.setAttribute(name, value);
    document.body.replaceChildren(...[...page.body.childNodes].map((node) => document.adoptNode(node)));
    if (banner) document.body.append(banner);
  }

  // What the reader typed in a form, to put back when the same page comes again (with an
  // error); by the form's action and each field's name.
  function typed(form) {
    const fields = [];
    for (const field of form.elements) {
      if (!field.name || field.type === "file" || field.type === "hidden" || field.type === "submit") continue;
      if (field.type === "checkbox" || field.type === "radio") fields.push([field.name, field.value, field.checked]);
      else fields.push([field.name, field.value, null]);
    }
    const action = form.getAttribute("action");
    const position = [...document.forms].filter((f) => f.getAttribute("action") === action).indexOf(form);
    return { action, position, fields };
  }

  // Into the form at the same place among those with the same action (one per row of a list).
  function retype(kept) {
    const form = [...document.forms].filter((f) => f.getAttribute("action") === kept.action)[kept.position];
    if (!form) return;
    for (const [name, value, checked] of kept.fields) {
      for (const field of form.querySelectorAll("[name]")) {
        if (field.name !== name) continue;
        if (checked === null) field.value = value;
        else if (field.value === value) field.checked = checked;
      }
    }
  }

  // Where the reader is after the move: at the top of a new page (or at its anchor), with the
  // focus on its main part, so a screen reader starts there; at the message of a form shown
  // again, with the focus on it.
  function place(url, how, again) {
    if (how.back) return;
    const anchor = url.hash ? document.getElementById(decodeURIComponent(url.hash.slice(1))) : null;
    const main = document.getElementById("main");
    const message = again && main ? main.querySelector('[role="alert"], [role="status"]') : null;
    const target = anchor || message;
    if (target) {
      target.scrollIntoView({ block: "center" });
    } else if (!again) {
      window.scrollTo(0, 0);
    }
    if (message) {
      // The message has the focus, so the next Tab leads on from it.
      if (!message.hasAttribute("tabindex")) message.setAttribute("tabindex", "-1");
      message.focus({ preventScroll: true });
    } else if (!again && main) {
      main.focus({ preventScroll: true });
    }
  }
})
