// mailglot serve: live updates for the page it is put into. Listens to the server's events;
// shows build errors (file, line, message) in an overlay that goes away once they are fixed,
// marks gallery cards whose email or screenshots are still being redone, and reloads what
// changed. On the single-email page, view.js sets window.MAILGLOT_VIEW first.
(() => {
  "use strict";
  if (window.top !== window || window.__mailglotLive) return;  // never inside a preview frame
  window.__mailglotLive = true;
  const view = window.MAILGLOT_VIEW || null;
  // A job's own file (preview.html opened directly) counts as viewing that job too.
  const inJob = location.pathname.match(/^\/([^/]+)\/([^/]+)\/([^/]+)\/[^/]*\.html$/);
  const job = view ? view.job : inJob ? inJob.slice(1).map(decodeURIComponent).join("/") : "";
  const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
  })[c]);

  // ---------- the error overlay, in a shadow root so no page style reaches it ----------
  const host = document.createElement("div");
  host.id = "mailglot-overlay";
  const root = host.attachShadow({ mode: "open" });
  root.innerHTML = `<style>
    :host { all: initial; }
    .panel { position: fixed; inset: 12px 12px auto 12px; z-index: 2147483647; max-height: 70vh;
      overflow: auto; background: #2a0f14; color: #ffe4e6; border: 2px solid #f43f5e;
      border-radius: 10px; box-shadow: 0 10px 30px rgba(0,0,0,.35);
      font: 14px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; padding: 12px 16px; }
    .panel[hidden] { display: none; }
    h2 { font: 600 15px/1.3 system-ui, sans-serif; margin: 0 0 8px; color: #fecdd3; }
    ol { margin: 0; padding-left: 1.2em; } li { margin: 6px 0; white-space: pre-wrap; }
    .where { color: #fda4af; font-weight: 700; } .code { color: #fb7185; opacity: .8; }
    .note { font: 12px system-ui, sans-serif; color: #fecdd3; margin-top: 8px; opacity: .85; }
    button { position: absolute; top: 6px; right: 10px; background: none; border: 0;
      color: #fecdd3; font-size: 20px; cursor: pointer; }
    .pill { position: fixed; right: 12px; bottom: 12px; z-index: 2147483646;
      background: #1f1b2e; color: #ece9f3; border-radius: 999px; padding: 6px 12px;
      font: 12px/1.2 system-ui, sans-serif; box-shadow: 0 4px 12px rgba(0,0,0,.25); }
    .pill[hidden] { display: none; }
  </style>
  <section class="panel" role="alert" aria-live="assertive" hidden>
    <button type="button" aria-label="Hide until the next change">×</button>
    <h2></h2><ol></ol>
    <p class="note">The page shows the last good build. Save a fix and this goes away.</p>
  </section>
  <div class="pill" role="status" aria-live="polite" hidden></div>`;
  const panel = root.querySelector(".panel");
  const pill = root.querySelector(".pill");
  root.querySelector("button").addEventListener("click", () => { panel.hidden = true; });
  const attach = () => document.body && !host.isConnected && document.body.appendChild(host);

  // An error concerns this page when it has no scope (the project), or its scope names this
  // job or a prefix of it ("campaign/", "campaign/locale/", "*/locale/").
  const concerns = (error) => {
    if (!job || !error.scope || error.scope.length === 0) return true;
    const [, locale] = job.split("/");
    return error.scope.some((s) => job === s || job.startsWith(s) || s === `*/${locale}/`);
  };

  const showErrors = (errors) => {
    const mine = (errors || []).filter(concerns);
    attach();
    if (!mine.length) { panel.hidden = true; return; }
    root.querySelector("h2").textContent =
      `mailglot: ${mine.length} error${mine.length === 1 ? "" : "s"} in the project`;
    root.querySelector("ol").innerHTML = mine.map((e) => `<li><span class="where">${esc(e.path)}${
      e.line ? `:${esc(e.line)}` : ""}</span>: ${esc(e.message)} <span class="code">[${esc(e.code)}]</span></li>`).join("");
    panel.hidden = false;
  };

  const markStale = (status) => {
    const stale = new Set(status.stale || []);
    const shots = new Set(status.shots_stale || []);
    document.querySelectorAll("[data-id]").forEach((card) => {
      const id = card.dataset.id;
      const what = stale.has(id) ? "updating…" : shots.has(id) ? "new screenshots soon" : "";
      let badge = card.querySelector(":scope .mg-live-stale");
      if (!what) { if (badge) badge.remove(); card.classList.remove("mg-live-is-stale"); return; }
      if (!badge) {
        badge = document.createElement("span");
        badge.className = "badge stale mg-live-stale";
        (card.querySelector(".head-end") || card).prepend(badge);
      }
      badge.textContent = what;
      badge.title = "mailglot serve is still redoing this job; the page updates when it is done";
      card.classList.add("mg-live-is-stale");
    });
    const pending = stale.size + shots.size;
    pill.hidden = !status.busy && !pending;
    pill.textContent = status.busy
      ? `rebuilding… ${stale.size} email${stale.size === 1 ? "" : "s"}, ${shots.size} screenshot set${shots.size === 1 ? "" : "s"} to go`
      : "";
  };

  // In the gallery: a "live" link on each card to the email's own page.
  const addLiveLinks = () => {
    if (view) return;
    document.querySelectorAll("article[data-id]").forEach((card) => {
      if (card.querySelector(":scope .mg-live-link")) return;
      const link = document.createElement("a");
      link.className = "badge mg-live-link";
      link.href = `/${card.dataset.id.split("/").map(encodeURIComponent).join("/")}/`;
      link.textContent = "live";
      link.title = "This email live: re-rendered as you save, with its text part";
      link.addEventListener("click", (e) => e.stopPropagation());
      (card.querySelector(".head-end") || card).append(link);
    });
  };

  let lastStatus = null;
  const onStatus = (status) => {
    lastStatus = status;
    addLiveLinks();
    showErrors(status.errors);
    markStale(status);
    if (view) view.status(status);
  };

  const connect = () => {
    const stream = new EventSource(`/__mailglot/events${job ? `?job=${encodeURIComponent(job)}` : ""}`);
    stream.onmessage = (message) => {
      let event;
      try { event = JSON.parse(message.data); } catch { return; }
      if (event.type === "status") onStatus(event);
      else if (event.type === "job" && view && event.id === job) view.refresh(event.generation, event);
      else if (event.type === "meta" && view && event.id === job) view.refreshInfo();
      else if (event.type === "job" && !view && event.id === job) location.reload();
      else if (event.type === "gallery" && !view) location.reload();
      else if (event.type === "gallery" && view) view.refresh(event.generation);
    };
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", attach);
  else attach();
  connect();
  window.MAILGLOT_LIVE = { status: () => lastStatus };
})();
