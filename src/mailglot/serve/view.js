// mailglot serve: one email, live. Its job comes from the page's own URL
// (/<campaign>/<locale>/<variant>/); the rest from /__mailglot/job. Width and dark mode live in
// the URL's hash, so switching locale or variant keeps them.
(() => {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const parts = location.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const job = parts.slice(-3).join("/");
  const [campaign, locale, variant] = parts.slice(-3);
  const hash = new Set(location.hash.slice(1).split(",").filter(Boolean));
  const state = { width: hash.has("desktop") ? "desktop" : "phone", dark: hash.has("dark"), screens: { phone: 375, desktop: 1200 }, generation: 0 };
  const frame = $("mail");
  const link = (loc, vari) => `/${[campaign, loc, vari].map(encodeURIComponent).join("/")}/${location.hash}`;

  const saveHash = () => {
    const flags = [state.width === "desktop" ? "desktop" : "", state.dark ? "dark" : ""].filter(Boolean);
    history.replaceState(null, "", flags.length ? `#${flags.join(",")}` : location.pathname);
  };
  const showFrame = () => {
    frame.style.width = `${state.screens[state.width] || 375}px`;
    frame.src = `preview.html?embed=1${state.dark ? "&dark=1" : ""}&v=${state.generation}`;
    document.querySelectorAll("[data-width]").forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.width === state.width)));
    $("dark").setAttribute("aria-pressed", String(state.dark));
  };
  // The email sent with the news (the bytes just written to preview.html) goes straight into
  // the frame's document: no request, no navigation. Dark mode fetches its rewritten copy.
  const writeFrame = (html) => {
    try {
      const doc = frame.contentDocument;
      if (!doc) return false;
      doc.open();
      doc.write(html);
      doc.close();
      document.body.dataset.shown = String(state.generation);
      return true;
    } catch {
      return false;
    }
  };
  const options = (select, values, current) => {
    select.innerHTML = "";
    for (const value of values) {
      const option = new Option(value, value, value === current, value === current);
      select.add(option);
    }
  };
  const loadText = async () => {
    const answer = await fetch(`email.txt?v=${state.generation}`, { cache: "no-store" });
    $("text").textContent = answer.ok ? await answer.text() : "(no text part)";
  };
  const loadJob = async () => {
    const answer = await fetch(`/__mailglot/job?id=${encodeURIComponent(job)}`, { cache: "no-store" });
    if (!answer.ok) { $("subject").textContent = "This email is not in the build (any more)."; return; }
    const info = await answer.json();
    document.title = `${job} · mailglot`;
    $("job").textContent = job;
    $("sender").textContent = info.sender || "";
    $("send-at").textContent = info.send_at ? info.send_at.replace("T", " ").slice(0, 16) : "no schedule";
    $("subject").textContent = info.subject || "";
    $("preheader").textContent = info.preheader || "";
    $("leak").textContent = info.preview_body || "";
    const inbox = document.querySelector(".inbox");
    inbox.dir = info.dir || "ltr";
    inbox.lang = info.lang || "";
    $("text").dir = info.dir || "ltr";
    options($("locale"), info.locales, locale);
    options($("variant"), info.variants, variant);
    const screens = info.screens || {};
    const widthChanged = screens.phone !== state.screens.phone || screens.desktop !== state.screens.desktop;
    state.screens = { phone: screens.phone || 375, desktop: screens.desktop || 1200 };
    $("dark").hidden = screens.dark === false;
    if (widthChanged) frame.style.width = `${state.screens[state.width]}px`;
  };

  document.querySelector(".toggles").addEventListener("click", (e) => {
    const button = e.target.closest("[data-width]");
    if (!button) return;
    state.width = button.dataset.width;
    saveHash();
    showFrame();
  });
  $("dark").addEventListener("click", () => { state.dark = !state.dark; saveHash(); showFrame(); });
  $("locale").addEventListener("change", (e) => { location.href = link(e.target.value, variant); });
  $("variant").addEventListener("change", (e) => { location.href = link(locale, e.target.value); });
  frame.addEventListener("load", () => { document.body.dataset.shown = String(state.generation); });

  window.MAILGLOT_VIEW = {
    job,
    // A re-rendered email comes with what the page shows of it (its HTML, text part, subject
    // line, preheader and the body's words an inbox shows after it): shown at once, then the server is told; the rest of the page's
    // information follows with the "meta" event (meta.json written). Without them (the
    // gallery rebuilt, an email too big to send), the page fetches its files.
    refresh(generation, update) {
      state.generation = generation;
      const pushed = update && typeof update.html === "string" && !state.dark && writeFrame(update.html);
      if (!pushed) showFrame();
      if (update && typeof update.text === "string") $("text").textContent = update.text;
      else loadText();
      if (update && typeof update.subject === "string") {
        $("subject").textContent = update.subject;
        $("preheader").textContent = update.preheader || "";
        $("leak").textContent = update.preview_body || "";
      } else {
        loadJob();
      }
      if (pushed) fetch(`/__mailglot/shown?job=${encodeURIComponent(job)}`, { cache: "no-store" }).catch(() => {});
    },
    refreshInfo() {
      loadJob();
    },
    status() {},
  };
  showFrame();
  loadText();
  loadJob();
})();
