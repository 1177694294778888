// Live events for a signed-in reader (server-sent events from /live): a banner when an urgent
// alert arrives, with a sound only if the reader turned it on, and the reception figures of an
// open message page kept current. Plain JavaScript: small, and the page works without it. The
// page's script (navigation.js) fetches it once the header shows someone signed in.
(() => {
  "use strict";
  const script = document.currentScript;
  if (!script || !window.EventSource) return;
  const texts = script.dataset;
  const soundKey = "nabij-alert-sound";
  let audio = null;

  const soundOn = () => localStorage.getItem(soundKey) === "on";
  const beep = () => {
    if (!audio) return;
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.value = 0.2;
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.4);
  };

  // The sound switch ([data-live-sound], a checkbox) keeps the reader's choice in this browser.
  // Browsers allow sound only after a gesture, which turning it on is.
  const syncSwitches = () => {
    document.querySelectorAll("[data-live-sound-row][hidden]").forEach((row) => row.removeAttribute("hidden"));
    document.querySelectorAll("[data-live-sound]").forEach((box) => {
      if (box.checked !== soundOn()) box.checked = soundOn();
    });
  };
  document.addEventListener("change", (event) => {
    const box = event.target.closest && event.target.closest("[data-live-sound]");
    if (!box) return;
    localStorage.setItem(soundKey, box.checked ? "on" : "off");
    if (box.checked && !audio && window.AudioContext) audio = new AudioContext();
  });
  new MutationObserver(syncSwitches).observe(document.body, { childList: true, subtree: true });
  syncSwitches();
  if (soundOn() && window.AudioContext) audio = new AudioContext();

  const banner = (id, title) => {
    // Appended last, outside what the server renders; the navigation in the page keeps it.
    const box = window.nabijAlertBox("div", "live-banner", "live-banner", (made) => document.body.append(made));
    box.replaceChildren();
    const lead = document.createElement("strong");
    lead.textContent = texts.newAlert + ": ";
    const link = document.createElement("a");
    link.href = "/messages/" + id;
    link.textContent = title;
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "×";
    close.setAttribute("aria-label", texts.close);
    close.addEventListener("click", () => box.remove());
    box.append(lead, link, " ", close);
    box.dataset.liveAlert = String(id);
  };

  // Connected while the header shows someone signed in (they may sign in or out without a new
  // page); a visitor's page never connects.
  let source = null;
  const follow = () => {
    const signedIn = document.querySelector("[data-signed-in]") !== null;
    if (signedIn && !source) connect();
    if (!signedIn && source) {
      source.close();
      source = null;
      delete document.body.dataset.live;
    }
  };
  new MutationObserver(follow).observe(document.body, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", follow);
  follow();

  // Reception figures: those of a message whose card this page shows.
  const showFigures = (figures) => {
    document.querySelectorAll('[data-live-message="' + figures.id + '"] [data-live-figure]').forEach((cell) => {
      const value = figures[cell.dataset.liveFigure];
      if (value !== undefined) cell.textContent = String(value);
    });
  };

  function connect() {
    source = new EventSource("/live");
    source.addEventListener("ready", () => {
      document.body.dataset.live = "ready";
    });
    source.addEventListener("alert", (event) => {
      const message = JSON.parse(event.data);
      banner(message.id, message.title);
      if (soundOn()) beep();
    });
    source.addEventListener("reception", (event) => {
      showFigures(JSON.parse(event.data));
    });
  }
})();
