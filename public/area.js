// Drawing the area of a message on the zone's map (messaging/pages/area.rs writes the picker):
// the pointer draws a circle or a polygon, the choice of a network and a distance draws its
// circle, and the form's `shape` and the preview follow. Which networks an area reaches is the
// server's to say (`area_reach`, the rule it sends by): the script asks it, one request at a
// time, and shows the answer.
import { ask, pointIn, showError } from "./page.js";

export function start(root) {
  const svg = root.querySelector("svg.area-map");
  const shapeInput = root.querySelector("input[name=shape]");
  if (!svg || !shapeInput) return;
  const form = root.closest("form");
  const maxRadius = Number(root.dataset.maxRadius) || 1;
  const maxCorners = Number(root.dataset.maxCorners) || 3;
  const dots = [...svg.querySelectorAll("[data-test-area-bin]")];
  const drawn = (name) => root.querySelector(`[data-drawn=${name}]`);
  const preview = root.querySelector("[data-test-area-preview]");
  const field = (selector) => (form || root).querySelector(selector);

  let tool = "circle";
  let corners = [];
  let pressed = null;
  let shape = "";
  // Counts the changes of the area, so that an answer to an older one is left aside.
  let version = 0;
  let asking = false;
  let next = null;

  const points = (list) => list.map(([x, y]) => `${x},${y}`).join(" ");
  const point = (event) => {
    const at = pointIn(svg, event);
    return at && [Math.max(0, Math.round(at[0])), Math.max(0, Math.round(at[1]))];
  };

  // The drawing of `code` (`circle:x,y,r` or `polygon:x,y;x,y;…`), or of the corners so far.
  function draw(code) {
    const [kind, rest = ""] = code.split(":");
    const numbers = rest.split(/[,;]/).map(Number);
    const circle = drawn("circle");
    const polygon = drawn("polygon");
    // SVG elements have no `hidden` property: the attribute itself.
    circle.toggleAttribute("hidden", kind !== "circle");
    polygon.toggleAttribute("hidden", kind !== "polygon");
    if (kind === "circle") ["cx", "cy", "r"].forEach((name, i) => circle.setAttribute(name, numbers[i]));
    if (kind === "polygon") polygon.setAttribute("points", rest.replaceAll(";", " "));
    drawn("corners").setAttribute("points", points(corners));
    drawn("corners").toggleAttribute("hidden", kind !== "");
  }

  // The networks reached, marked on the map and named in the preview.
  function show(reached) {
    const names = [];
    for (const dot of dots) {
      const hit = reached.includes(Number(dot.dataset.testAreaBin));
      dot.classList.toggle("reached", hit);
      if (hit) names.push(`${dot.textContent.trim()} · ${dot.dataset.place}`);
    }
    const state = shape === "" ? "none" : names.length === 0 ? "empty" : "some";
    preview.querySelector("[data-preview-error]")?.remove();
    for (const line of preview.querySelectorAll("[data-preview]")) line.hidden = line.dataset.preview !== state;
    preview.querySelector("[data-preview-count]").textContent = names.length;
    const list = preview.querySelector("[data-preview-list]");
    list.replaceChildren(
      ...names.map((name) => {
        const item = document.createElement("li");
        item.textContent = name;
        return item;
      }),
    );
    list.hidden = names.length === 0;
  }

  // The area is `code` ("" for none): the form sends it, and the map shows it. A question still
  // waiting for its turn is of an area since changed.
  function set(code) {
    version += 1;
    next = null;
    shape = code;
    shapeInput.value = code;
    draw(code);
    // An area drawn or chosen is where the form sends.
    const radio = field("input[name=scope][value=area]");
    if (code && radio) radio.checked = true;
  }

  // What the preview says when the server could not answer: the error alone.
  function failed(code) {
    for (const dot of dots) dot.classList.remove("reached");
    for (const line of preview.querySelectorAll("[data-preview], [data-preview-list]")) line.hidden = true;
    preview.querySelector("[data-preview-error]")?.remove();
    const box = document.createElement("div");
    box.dataset.previewError = "";
    preview.append(box);
    showError(box, code);
    // The preview is a live region already: it says the error once.
    box.firstElementChild?.removeAttribute("role");
  }

  // Asks what the area reaches (the drawn one, or else the circle around the chosen network).
  // While an answer is awaited only the latest question waits its turn, and an answer to an
  // area since changed is not shown.
  function reach(params, asked = version) {
    const kind = field("[name=bin_kind]");
    if (kind && kind.value) params.set("bin_kind", kind.value);
    const question = { params, version: asked };
    if (asking) {
      next = question;
      return;
    }
    asking = true;
    preview.setAttribute("aria-busy", "true");
    const current = () => !next && question.version === version;
    ask("/api/messaging/area_reach", { method: "POST", body: params })
      .then(
        (answer) => {
          if (!current()) return;
          if (!params.has("shape")) set(answer.shape);
          show(answer.reached);
        },
        (code) => current() && failed(code),
      )
      .finally(() => {
        asking = false;
        preview.removeAttribute("aria-busy");
        const waiting = next;
        next = null;
        if (waiting) reach(waiting.params, waiting.version);
      });
  }

  const reachDrawn = () => {
    if (shape) reach(new URLSearchParams({ shape }));
    else show([]);
  };
  const around = root.querySelector("#compose-around");
  const distance = root.querySelector("#compose-reach");
  // The circle around the chosen network: until the server draws it, the form sends the
  // choice itself (the server draws the same circle from it).
  const reachAround = () => {
    corners = [];
    set("");
    reach(new URLSearchParams({ around: around.value, reach: distance.value }));
  };

  svg.addEventListener("pointerdown", (event) => {
    const at = event.button === 0 && point(event);
    if (!at) return;
    event.preventDefault();
    // A drawing replaces the network chosen from the keyboard.
    if (around) around.value = "";
    if (tool === "circle") {
      pressed = at;
      svg.setPointerCapture(event.pointerId);
      set(`circle:${at[0]},${at[1]},1`);
    } else {
      if (corners.length < maxCorners) corners.push(at);
      // Three corners make an area; before, the corners are drawn as a line.
      set(corners.length >= 3 ? `polygon:${corners.map((c) => c.join(",")).join(";")}` : "");
    }
    reachDrawn();
  });
  svg.addEventListener("pointermove", (event) => {
    const at = pressed && point(event);
    if (!at) return;
    const r = Math.min(maxRadius, Math.max(1, Math.round(Math.hypot(at[0] - pressed[0], at[1] - pressed[1]))));
    const code = `circle:${pressed[0]},${pressed[1]},${r}`;
    if (code === shape) return;
    set(code);
    reachDrawn();
  });
  for (const name of ["pointerup", "pointercancel", "lostpointercapture"]) {
    svg.addEventListener(name, () => (pressed = null));
  }

  // The tools: a circle, a polygon (started afresh), or no area.
  root.addEventListener("click", (event) => {
    const button = event.target.closest("[data-test-tool]");
    if (!button) return;
    const chosen = button.dataset.testTool;
    if (chosen !== "clear") tool = chosen;
    if (chosen !== "circle") {
      if (around) around.value = "";
      corners = [];
      set("");
      show([]);
    }
    for (const other of root.querySelectorAll("[data-test-tool][aria-pressed]")) {
      other.setAttribute("aria-pressed", String(other.dataset.testTool === tool));
    }
  });

  // From the keyboard: the distance around the chosen network, as the server draws it (a
  // distance alone changes nothing drawn); another kind of network reaches again what is drawn.
  (form || root).addEventListener("change", (event) => {
    const target = event.target;
    if (target === around) {
      if (around.value) reachAround();
      else {
        corners = [];
        set("");
        show([]);
      }
    } else if (target === distance) {
      if (around && around.value) reachAround();
    } else if (target.name === "bin_kind") {
      reachDrawn();
    }
  });

  root.querySelector("[data-area-tools]").hidden = false;
  // A form shown again (after an error) keeps the network chosen: its circle is drawn.
  if (around && around.value) reachAround();
}
