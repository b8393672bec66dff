// The mailglot review gallery. Data comes from gallery-data.js (window.MAILGLOT); cards are
// built once and filtered by toggling `hidden`, so hundreds of jobs stay fast.
(() => {
  "use strict";
  const DATA = window.MAILGLOT || { jobs: [], skipped: [], screenshots: {} };
  const $ = (sel, root = document) => root.querySelector(sel);
  const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
  })[c]);
  // A file's URL, ready for an attribute: every part encoded, then escaped (a shot's name comes
  // from a meta.json, which may be a merged shard's).
  const url = (job, file) => esc([...job.path.split("/"), file].map(encodeURIComponent).join("/"));
  const GROUPS = ["campaign", "locale", "market", "variant"];
  // Translations a check refused: the email shows the source text for them (README: translation policy).
  const refused = (j) => j.findings.filter((f) => f.severity === "error" && f.code.startsWith("catalog."));
  const FLAGS = {
    findings: { label: "has findings", test: (j) => j.findings.length > 0 },
    refused: { label: "refused translations", test: (j) => refused(j).length > 0 },
    changed: { label: "changed", test: (j) => j.changed },
  };
  const SEV_ORDER = { error: 0, warning: 1, info: 2 };

  // Changed jobs first (most changed on top), then jobs with errors/warnings, then by id.
  const rank = (j) => [
    j.changed ? 0 : 1,
    -j.changed_share,
    Math.min(3, ...j.findings.map((f) => SEV_ORDER[f.severity] ?? 3)),
    j.id,
  ];
  const jobs = DATA.jobs.slice().sort((a, b) => {
    const ra = rank(a), rb = rank(b);
    for (let i = 0; i < ra.length; i++) {
      if (ra[i] < rb[i]) return -1;
      if (ra[i] > rb[i]) return 1;
    }
    return 0;
  });
  jobs.forEach((j) => {
    j.haystack = [j.id, j.subject, j.preheader, j.preview?.body, j.event, j.lang, ...j.findings.map((f) => f.message)]
      .join(" ").toLowerCase();
  });

  const state = {
    view: "grid", query: "", filters: Object.fromEntries(GROUPS.map((g) => [g, new Set()])),
    flags: new Set(), current: -1, detail: null, tab: "screens", dark: false, frameWidth: "phone",
    compareCampaign: null, compareVariant: null,
  };

  // ---------- formatting ----------
  const sendDate = (j) => (j.send_at
    ? `${j.send_at.slice(0, 10)} ${j.send_at.slice(11, 16)} ${j.send_at.slice(19).replace("Z", "UTC")}`.trim()
    : "no schedule");
  const shortTime = (j) => (j.send_at ? j.send_at.slice(11, 16) : "");
  const pct = (share) => {
    const p = share * 100;
    return p === 0 ? "0%" : p < 0.01 ? "<0.01%" : p < 1 ? `${p.toFixed(2)}%` : `${p.toFixed(1)}%`;
  };
  // The preview text inboxes show: the preheader, then the body's first words when the
  // preheader does not fill the preview (gallery-data's `preview`; none from older builds).
  // The whole preview is the row's tooltip: two lines often cut it before the body's words.
  const LEAK = "The words after the preheader come from the email's body: the preheader does not fill the inbox preview, so inboxes show them (pad the preheader to stop them)";
  const previewText = (j) => {
    const p = j.preview;
    if (!p) return esc(j.preheader);
    const body = p.body ? ` <span class="leak" title="${esc(LEAK)}">${esc(p.body)}</span>` : "";
    return `<span class="preheader">${esc(p.preheader)}</span>${body}`;
  };
  const previewNote = (j) => {
    const p = j.preview;
    if (!p) return "";
    if (p.body) return "the underlined words come from the body: the preheader does not fill the preview";
    return p.padding ? `padded with ${p.padding} invisible characters: the body does not show` : "the preheader fills the preview";
  };
  const inbox = (j) => `
    <div class="inbox" dir="${esc(j.dir)}" lang="${esc(j.lang)}" aria-label="Inbox preview">
      <div class="from"><span>${esc(DATA.sender)}</span><time>${esc(shortTime(j))}</time></div>
      <div class="subject">${esc(j.subject)}</div>
      <div class="pre"${j.preview?.body ? ` title="${esc(`${j.preview.preheader} ${j.preview.body}\n\n${LEAK}`)}"` : ""}>${previewText(j)}</div>
    </div>`;
  const findingsList = (list, limit) => {
    if (!list.length) return "";
    const sorted = list.slice().sort((a, b) => (SEV_ORDER[a.severity] ?? 3) - (SEV_ORDER[b.severity] ?? 3));
    const shown = limit ? sorted.slice(0, limit) : sorted;
    const more = list.length - shown.length;
    return `<ul class="findings">${shown.map((f) => `
      <li><span class="sev ${esc(f.severity)}">${esc(f.severity)}</span>
      <span title="${esc(f.path)}${f.line ? `:${f.line}` : ""} [${esc(f.code)}]">${esc(f.message)}</span></li>`).join("")}
      ${more > 0 ? `<li class="more">+ ${more} more</li>` : ""}</ul>`;
  };
  const refusedList = (j) => {
    const list = refused(j);
    if (!list.length) return "";
    return `<section class="refused"><h3>Refused translations (${list.length})</h3>
      <p class="more">This email uses translations that were refused: it shows the source text for them. Fix them at the .po line (mailglot l10n-status lists them with a hint).</p>
      <table><thead><tr><th>where</th><th>check</th><th>why</th></tr></thead><tbody>${list.map((f) => `
        <tr><td><code>${esc(f.path)}${f.line ? `:${esc(f.line)}` : ""}</code></td><td><code>${esc(f.code)}</code></td><td>${esc(f.message)}</td></tr>`).join("")}
      </tbody></table></section>`;
  };
  const reviewBadge = (j) => {
    if (j.stale) return `<span class="badge stale" title="The last build of this job failed; these are its previous outputs">stale</span>`;
    if (!j.shots_current) return `<span class="badge stale" title="Screenshots are missing or older than preview.html; run mailglot shots">no current shots</span>`;
    if (j.changed) return `<span class="badge changed" title="Pixels changed since the approved baseline">changed ${pct(j.changed_share)}</span>`;
    if (!j.baseline) return `<span class="badge new" title="No approved baseline yet (mailglot approve)">new</span>`;
    return `<span class="badge same" title="Identical to the approved baseline">approved</span>`;
  };
  const thumb = (j, name, cls) => {
    const size = j.shots[name];
    if (!size) return `<figure class="${cls}"><div class="none">no ${esc(name)} screenshot</div></figure>`;
    return `<figure class="${cls}"><img loading="lazy" decoding="async" alt="${esc(name)} screenshot of ${esc(j.id)}"
      src="${url(j, `${name}.png`)}" width="${size[0]}" height="${size[1]}"></figure>`;
  };

  // ---------- grid ----------
  const grid = $("#grid");
  grid.innerHTML = jobs.map((j, i) => `
    <article class="card${j.changed ? " changed" : ""}" tabindex="-1" data-i="${i}" data-id="${esc(j.id)}"
      data-campaign="${esc(j.campaign)}" data-locale="${esc(j.locale)}" data-market="${esc(j.market)}" data-variant="${esc(j.variant)}">
      <div class="card-head"><b>${esc(j.campaign)}</b><span class="tag">${esc(j.locale)}</span>
        <span class="tag">${esc(j.market)}</span><span class="tag">${esc(j.variant)}</span>
        ${j.dir === "rtl" ? '<span class="tag">RTL</span>' : ""}
        <span class="head-end">${reviewBadge(j)}</span></div>
      ${inbox(j)}
      <div class="thumbs">${thumb(j, "phone", "phone")}${thumb(j, "desktop", "desktop")}</div>
      <div class="meta-line"><span title="send time, local to the market">${esc(sendDate(j))}</span>${j.event ? `<span>${esc(j.event)}</span>` : ""}
        <span>${j.findings.length} finding${j.findings.length === 1 ? "" : "s"}</span></div>
      ${findingsList(j.findings, 3)}
    </article>`).join("");
  const cards = [...grid.children];

  // ---------- filters ----------
  const filters = $("#filters");
  const values = (g) => [...new Set(jobs.map((j) => j[g]))].sort();
  filters.innerHTML = GROUPS.map((g) => `
    <div class="group" role="group" aria-label="${g}"><span>${g}</span>${values(g).map((v) => `
      <button type="button" class="chip" aria-pressed="false" data-group="${g}" data-value="${esc(v)}">${esc(v)}
      <small>${jobs.filter((j) => j[g] === v).length}</small></button>`).join("")}</div>`).join("") +
    `<div class="group" role="group" aria-label="flags"><span>show only</span>${Object.entries(FLAGS).map(([k, f]) => `
      <button type="button" class="chip" aria-pressed="false" data-flag="${k}">${f.label}
      <small>${jobs.filter(f.test).length}</small></button>`).join("")}</div>`;
  filters.addEventListener("click", (e) => {
    const chip = e.target.closest(".chip");
    if (!chip) return;
    const on = chip.getAttribute("aria-pressed") !== "true";
    chip.setAttribute("aria-pressed", String(on));
    if (chip.dataset.flag) {
      on ? state.flags.add(chip.dataset.flag) : state.flags.delete(chip.dataset.flag);
    } else {
      const set = state.filters[chip.dataset.group];
      on ? set.add(chip.dataset.value) : set.delete(chip.dataset.value);
      if (chip.dataset.group === "campaign" && on) state.compareCampaign = chip.dataset.value;
    }
    apply();
  });
  const matches = (j) =>
    GROUPS.every((g) => !state.filters[g].size || state.filters[g].has(j[g])) &&
    [...state.flags].every((f) => FLAGS[f].test(j)) &&
    (!state.query || state.query.split(/\s+/).every((w) => j.haystack.includes(w)));
  let visible = [];
  const apply = () => {
    visible = [];
    jobs.forEach((j, i) => {
      const show = matches(j);
      cards[i].hidden = !show;
      if (show) visible.push(i);
    });
    $("#count").textContent = `${visible.length} of ${jobs.length} jobs`;
    $("#empty").hidden = visible.length > 0 || state.view !== "grid";
    if (state.view === "compare") renderCompare();
  };
  const q = $("#q");
  q.addEventListener("input", () => { state.query = q.value.trim().toLowerCase(); apply(); });

  // ---------- side by side ----------
  const compare = $("#compare");
  const renderCompare = () => {
    const campaigns = values("campaign");
    if (!campaigns.includes(state.compareCampaign)) state.compareCampaign = campaigns[0];
    const inCampaign = jobs.filter((j) => j.campaign === state.compareCampaign);
    const variants = [...new Set(inCampaign.map((j) => j.variant))].sort();
    if (!variants.includes(state.compareVariant)) state.compareVariant = variants[0];
    const shown = inCampaign.filter((j) => j.variant === state.compareVariant && matches(j))
      .sort((a, b) => a.locale.localeCompare(b.locale));
    compare.innerHTML = `
      <div class="compare-head"><span>Campaign</span>${campaigns.map((c) => `
        <button type="button" class="chip" data-compare="${esc(c)}" aria-pressed="${c === state.compareCampaign}">${esc(c)}</button>`).join("")}
        ${variants.length > 1 ? `<span>variant</span>${variants.map((v) => `
        <button type="button" class="chip" data-variant-pick="${esc(v)}" aria-pressed="${v === state.compareVariant}">${esc(v)}</button>`).join("")}` : ""}
        <span class="more">${shown.length} locale(s) at ${DATA.screenshots.phone || 375} px</span></div>
      <div class="compare-row">${shown.map((j) => `
        <div class="column" tabindex="-1" data-id="${esc(j.id)}" data-locale="${esc(j.locale)}">
          <div class="card-head"><b>${esc(j.locale)}</b><span class="tag">${esc(j.market)}</span>
            ${j.dir === "rtl" ? '<span class="tag">RTL</span>' : ""}<span class="head-end">${reviewBadge(j)}</span></div>
          ${inbox(j)}
          ${j.shots.phone ? `<img loading="lazy" decoding="async" src="${url(j, "phone.png")}" alt="phone screenshot of ${esc(j.id)}" width="${j.shots.phone[0]}" height="${j.shots.phone[1]}">` : '<div class="more">no screenshot</div>'}
          ${findingsList(j.findings, 2)}
        </div>`).join("")}</div>`;
  };
  compare.addEventListener("click", (e) => {
    const pick = e.target.closest("[data-compare]");
    const variant = e.target.closest("[data-variant-pick]");
    const column = e.target.closest(".column");
    if (pick) { state.compareCampaign = pick.dataset.compare; renderCompare(); }
    else if (variant) { state.compareVariant = variant.dataset.variantPick; renderCompare(); }
    else if (column) openDetail(jobs.findIndex((j) => j.id === column.dataset.id));
  });

  const setView = (view) => {
    state.view = view;
    document.querySelectorAll(".views button").forEach((b) =>
      b.setAttribute("aria-pressed", String(b.dataset.view === view)));
    grid.hidden = view !== "grid";
    compare.hidden = view !== "compare";
    apply();
  };
  document.querySelector(".views").addEventListener("click", (e) => {
    const b = e.target.closest("button");
    if (b) setView(b.dataset.view);
  });

  // ---------- detail ----------
  const detail = $("#detail");
  const TABS = [
    ["screens", "Screenshots"], ["review", "Review"], ["html", "HTML"],
    ["images", "Images off"], ["text", "Text"], ["findings", "Findings"],
  ];
  const shotFigure = (j, name, cls) => {
    const size = j.shots[name];
    return size ? `<figure class="${cls}"><figcaption>${esc(name)} · ${size[0]} × ${size[1]} px</figcaption>
      <img src="${url(j, `${name}.png`)}" alt="${esc(name)} screenshot" width="${size[0]}" height="${size[1]}"></figure>` : "";
  };
  const panes = {
    screens: (j) => {
      const p = state.dark && j.shots["dark-phone"] ? "dark-" : "";
      const toggle = j.shots["dark-phone"] ? `<div class="frame-tools"><button type="button" class="chip" data-dark aria-pressed="${state.dark}">dark mode (d)</button></div>` : "";
      return `${toggle}<div class="shots">${shotFigure(j, `${p}phone`, "phone")}${shotFigure(j, `${p}desktop`, "desktop")}</div>` +
        (Object.keys(j.shots).length ? "" : '<p class="empty">No screenshots yet: run <code>mailglot shots</code>.</p>');
    },
    review: (j) => {
      if (!j.baseline) return '<p class="empty">No approved baseline yet. <code>mailglot approve</code> takes the current screenshots as the baseline.</p>';
      return Object.keys(j.shots).map((name) => {
        const share = j.review[name];
        const base = `../approved/${url(j, `${name}.png`)}`;
        const status = share == null ? "no baseline for this shot" : share === 0 ? "unchanged" : `${pct(share)} of pixels changed`;
        return `<div class="review-row"><h3>${esc(name)} · ${status}</h3>
          <figure class="shots"><figcaption>baseline</figcaption><img loading="lazy" src="${base}" alt="approved ${esc(name)}"></figure>
          <figure class="shots"><figcaption>current</figcaption><img loading="lazy" src="${url(j, `${name}.png`)}" alt="current ${esc(name)}"></figure>
          <figure class="shots"><figcaption>diff (changed pixels in red)</figcaption>${share ? `<img loading="lazy" src="${url(j, `diff-${name}.png`)}" alt="diff ${esc(name)}">` : '<p class="more">no difference</p>'}</figure></div>`;
      }).join("");
    },
    html: (j) => frame(j, "preview.html"),
    images: (j) => frame(j, "images-off.html"),
    text: (j) => `<pre class="text" dir="${esc(j.dir)}" lang="${esc(j.lang)}">${esc(j.text)}</pre>`,
    findings: (j) => `<dl class="facts">
        <dt>subject</dt><dd dir="${esc(j.dir)}" lang="${esc(j.lang)}">${esc(j.subject)}</dd>
        <dt>preheader</dt><dd dir="${esc(j.dir)}" lang="${esc(j.lang)}">${esc(j.preheader)}</dd>
        ${j.preview ? `<dt>inbox preview</dt><dd><div class="preview" dir="${esc(j.dir)}" lang="${esc(j.lang)}">${previewText(j)}</div>
          <span class="more">${esc(previewNote(j))}</span></dd>` : ""}
        <dt>send</dt><dd>${esc(sendDate(j))}${j.event ? ` · ${esc(j.event)}` : ""}</dd>
        <dt>language</dt><dd>${esc(j.lang)} · ${esc(j.dir)}</dd>
        <dt>HTML size</dt><dd>${j.html_bytes != null ? `${(j.html_bytes / 1024).toFixed(1)} KB` : "?"}</dd>
        <dt>files</dt><dd><a href="${url(j, "preview.html")}">preview.html</a> · <a href="${url(j, "email.html")}">email.html</a> ·
          ${j.eml ? `<a href="${url(j, "email.eml")}" download>email.eml</a> · ` : ""}<a href="${url(j, "email.txt")}">email.txt</a> · <a href="${url(j, "meta.json")}">meta.json</a></dd>
      </dl>${refusedList(j)}${findingsList(j.findings, 0) || '<p class="more">No findings.</p>'}`,
  };
  // An email is shown with its scripts off (the build never writes one; a merged shard's
  // preview.html might): same origin for its fonts and images as before, links still open.
  const SANDBOX = "allow-same-origin allow-popups allow-popups-to-escape-sandbox";
  const frame = (j, file) => {
    const width = state.frameWidth === "phone" ? DATA.screenshots.phone || 375 : DATA.screenshots.desktop || 1200;
    return `<div class="frame-tools">${["phone", "desktop"].map((w) => `
      <button type="button" class="chip" data-width="${w}" aria-pressed="${state.frameWidth === w}">${w}</button>`).join("")}
      <a class="more" href="${url(j, file)}" target="_blank">open ${esc(file)} ↗</a></div>
      <iframe class="mail" title="${esc(file)} of ${esc(j.id)}" src="${url(j, file)}" sandbox="${SANDBOX}" style="width:${width}px;max-width:100%" loading="lazy"></iframe>`;
  };
  const renderDetail = () => {
    const j = jobs[state.detail];
    detail.innerHTML = `
      <div class="detail-head"><h2 id="detail-title">${esc(j.id)}</h2>${reviewBadge(j)}
        <span class="tag">${esc(j.market)}</span>${j.dir === "rtl" ? '<span class="tag">RTL</span>' : ""}
        <div class="nav"><button type="button" data-step="-1" title="previous (k)">← prev</button>
        <button type="button" data-step="1" title="next (j)">next →</button>
        <button type="button" data-close title="close (Esc)">✕ close</button></div></div>
      <div class="detail-head">${inbox(j)}</div>
      <div class="tabs" role="tablist">${TABS.map(([k, label], i) => `
        <button type="button" role="tab" data-tab="${k}" aria-selected="${state.tab === k}">${i + 1} ${label}${k === "findings" ? ` (${j.findings.length})` : ""}</button>`).join("")}</div>
      <div class="pane" role="tabpanel">${panes[state.tab](j)}</div>`;
  };
  const openDetail = (i) => {
    if (i < 0) return;
    if (state.detail === null) state.tab = jobs[i].changed ? "review" : "screens";
    else if (state.tab === "review" && !jobs[i].baseline) state.tab = "screens";
    state.detail = i;
    renderDetail();
    detail.hidden = false;
    document.body.style.overflow = "hidden";
    history.replaceState(null, "", `#${encodeURIComponent(jobs[i].id)}`);
    setCurrent(visible.indexOf(i));
  };
  const closeDetail = () => {
    detail.hidden = true;
    state.detail = null;
    document.body.style.overflow = "";
    history.replaceState(null, "", location.pathname);
    if (state.current >= 0) cards[visible[state.current]]?.focus({ preventScroll: false });
  };
  detail.addEventListener("click", (e) => {
    const t = e.target.closest("button");
    if (!t) return;
    if (t.dataset.close !== undefined) closeDetail();
    else if (t.dataset.step) step(Number(t.dataset.step));
    else if (t.dataset.tab) { state.tab = t.dataset.tab; renderDetail(); }
    else if (t.dataset.width) { state.frameWidth = t.dataset.width; renderDetail(); }
    else if (t.dataset.dark !== undefined) { state.dark = !state.dark; renderDetail(); }
  });

  // ---------- keyboard and focus ----------
  const setCurrent = (pos) => {
    cards.forEach((c) => c.classList.remove("current"));
    state.current = pos;
    if (pos < 0 || pos >= visible.length) return;
    const card = cards[visible[pos]];
    card.classList.add("current");
    if (detail.hidden) {
      card.focus({ preventScroll: true });
      card.scrollIntoView({ block: "nearest" });
    }
  };
  const step = (delta) => {
    if (!visible.length) return;
    const next = Math.max(0, Math.min(visible.length - 1, state.current + delta));
    if (state.detail !== null) openDetail(visible[next]);
    else setCurrent(next);
  };
  grid.addEventListener("click", (e) => {
    const card = e.target.closest(".card");
    if (card) openDetail(Number(card.dataset.i));
  });
  document.addEventListener("keydown", (e) => {
    if (e.metaKey || e.ctrlKey || e.altKey) return;
    const typing = e.target === q;
    if (e.key === "Escape") {
      if (!detail.hidden) closeDetail();
      else if (typing) { q.blur(); if (!q.value) setCurrent(Math.max(0, state.current)); }
      else if (q.value) { q.value = ""; state.query = ""; apply(); }
      e.preventDefault();
      return;
    }
    if (typing) {
      if (e.key === "Enter" || e.key === "ArrowDown") { q.blur(); setCurrent(0); e.preventDefault(); }
      return;
    }
    const detailOpen = !detail.hidden;
    if (e.key === "/") { if (detailOpen) closeDetail(); q.focus(); q.select(); e.preventDefault(); }
    else if (["j", "ArrowRight", "ArrowDown"].includes(e.key)) { step(1); e.preventDefault(); }
    else if (["k", "ArrowLeft", "ArrowUp"].includes(e.key)) { step(-1); e.preventDefault(); }
    else if ((e.key === "Enter" || e.key === "o") && !detailOpen && state.current >= 0) openDetail(visible[state.current]);
    else if (detailOpen && /^[1-6]$/.test(e.key)) { state.tab = TABS[Number(e.key) - 1][0]; renderDetail(); }
    else if (detailOpen && e.key === "d") { state.dark = !state.dark; renderDetail(); }
    else if (e.key === "g") setView(state.view === "grid" ? "compare" : "grid");
  });

  // ---------- skipped and failed campaigns ----------
  if (DATA.skipped.length) {
    $("#skipped").innerHTML = `<h3>Not built</h3><ul>${DATA.skipped.map((s) =>
      `<li><b>${esc(s.id)}</b> (${esc(s.status)}): ${esc(s.reason)}</li>`).join("")}</ul>`;
  }

  apply();
  const wanted = decodeURIComponent(location.hash.slice(1));
  if (wanted) openDetail(jobs.findIndex((j) => j.id === wanted));
  else if (visible.length) setCurrent(0);
})();
