// What the small scripts of a page's parts (area.js, place.js) share: the page's texts, asking a
// server function, saying what went wrong, and a button busy while its work runs. The words come
// from the page (its texts and the markup), in the reader's language.

// A text the page carries (#nabij-texts: every error message), or "".
export function text(key) {
  try {
    return JSON.parse(document.getElementById("nabij-texts").textContent).texts[key] || "";
  } catch {
    return "";
  }
}

// Asks a server function; gives its answer (JSON), or fails with the error's code (`network`
// when the server cannot be reached or does not answer in time).
export async function ask(url, init = {}) {
  let response;
  try {
    response = await fetch(url, {
      ...init,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      signal: AbortSignal.timeout(15000),
    });
  } catch {
    throw "network";
  }
  let answer;
  try {
    answer = await response.json();
  } catch {
    throw response.status === 503 ? "unavailable" : "internal";
  }
  if (response.ok) return answer;
  // A server function says its error's code; the rate limit says it inside an object.
  const code = typeof answer === "string" ? answer : answer?.error?.code;
  throw code && text(`error.${code}`) ? code : "internal";
}

// The message of a failed request, in `place` instead of what it held.
export function showError(place, code) {
  const line = document.createElement("p");
  line.className = "message error";
  line.setAttribute("role", "alert");
  line.dataset.testError = code;
  line.textContent = text(`error.${code}`);
  place.replaceChildren(line);
}

// Marks `button` busy while its work runs: its label says so (data-busy-label) and it cannot be
// pressed again. Gives back the way to end that.
export function busy(button) {
  const label = button.textContent;
  if (button.dataset.busyLabel) button.textContent = button.dataset.busyLabel;
  button.setAttribute("aria-busy", "true");
  button.disabled = true;
  return () => {
    button.textContent = label;
    button.removeAttribute("aria-busy");
    button.disabled = false;
  };
}

// Where a pointer is on an SVG drawing, in the units of its viewBox.
export function pointIn(svg, event) {
  const matrix = svg.getScreenCTM();
  if (!matrix) return null;
  const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
  return [point.x, point.y];
}
