// The report form's place (messaging/reports/pages.rs writes the field): "use my location" writes
// the device's coordinates in the field; "choose on a map" fetches the map around what was typed
// (`report_map`), and a tap on it writes that point's coordinates, which the server reckons
// (`report_place`, the map's own projection).
import { ask, busy, pointIn, showError } from "./page.js";

export function start(field) {
  const input = field.querySelector("#report-place");
  const slot = field.querySelector("[data-pick-map]");
  const refusal = field.querySelector("[data-test-error=location_refused]");
  if (!input || !slot) return;
  for (const tool of field.querySelectorAll("[data-place-tool]")) tool.hidden = false;

  field.addEventListener("click", (event) => {
    const target = event.target;
    const locate = target.closest("[data-test-locate]");
    const pickOnMap = target.closest("[data-test-pick-on-map]");
    const map = target.closest("svg.pick-map");
    if (locate) useLocation(locate);
    else if (pickOnMap) loadMap(pickOnMap);
    else if (map) pick(map, event);
  });

  // "Use my location": the device's coordinates in the field, or why not.
  function useLocation(button) {
    if (refusal) refusal.hidden = true;
    const refused = () => {
      if (refusal) refusal.hidden = false;
    };
    if (!navigator.geolocation) return refused();
    const done = busy(button);
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        done();
        input.value = `${coords.latitude.toFixed(5)}, ${coords.longitude.toFixed(5)}`;
      },
      () => {
        done();
        refused();
      },
      // A question the reader leaves unanswered counts as a refusal after a while.
      { timeout: 20000 },
    );
  }

  // "Choose on a map": the map around what was typed, in place of the one shown, or why there
  // is none.
  async function loadMap(button) {
    taps += 1;
    const done = busy(button);
    try {
      slot.innerHTML = await ask(`/api/messaging/report_map?place=${encodeURIComponent(input.value)}`);
    } catch (code) {
      showError(slot, code);
    } finally {
      done();
    }
  }

  // A tap on the map: that point's coordinates in the field, and the pin there. Only the latest
  // tap's answer is written, and not over what was typed or a map fetched since.
  let taps = 0;
  input.addEventListener("input", () => (taps += 1));
  async function pick(map, event) {
    const at = pointIn(map, event);
    if (!at) return;
    const tap = ++taps;
    const [x, y] = at.map((v) => v.toFixed(1));
    try {
      const place = await ask(`/api/messaging/report_place?x=${x}&y=${y}`);
      if (tap !== taps) return;
      input.value = place;
      const pin = map.querySelector("[data-test-picked]");
      if (pin) {
        pin.setAttribute("transform", `translate(${x} ${y})`);
        pin.setAttribute("class", "pin");
        pin.dataset.testPicked = "true";
      }
      slot.querySelector("[data-pick-error]")?.remove();
    } catch (code) {
      if (tap !== taps) return;
      // Said under the map, which stays.
      let box = slot.querySelector("[data-pick-error]");
      if (!box) {
        box = document.createElement("div");
        box.dataset.pickError = "";
        slot.append(box);
      }
      showError(box, code);
    }
  }
}
