// Layout problems a reader would see on a phone, measured in the page as Chromium laid it out.
// Called with the viewport width; returns [{code, message}] (mailglot.shots.layout turns them
// into Diagnostics). Runs once per job at phone width, before the screenshots.
(viewport) => {
  const MIN_TAP = 44;
  // No caps: every problem is reported (a list that stops after a few hides the rest).
  const found = [];
  const vw = document.documentElement.clientWidth;
  const px = (n) => `${Math.round(n)} px`;

  const shown = (el) =>
    el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) &&
    el.getClientRects().length > 0;
  const name = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += `#${el.id}`;
    const classes = [...el.classList].slice(0, 2);
    if (classes.length) s += `.${classes.join(".")}`;
    return s;
  };
  const selector = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 3; e = e.parentElement) {
      parts.unshift(name(e));
    }
    return parts.join(" > ");
  };
  const words = (s, n = 48) => {
    const t = (s || "").replace(/\s+/g, " ").trim();
    return t.length > n ? `${t.slice(0, n - 1)}…` : t;
  };
  const label = (el) => {
    const t = words(el.innerText || el.getAttribute("alt") || el.getAttribute("aria-label"));
    return t ? `${selector(el)} "${t}"` : selector(el);
  };
  const isInline = (el) => getComputedStyle(el).display.startsWith("inline") &&
    getComputedStyle(el).display !== "inline-block";
  const block = (el) => {
    let e = el;
    while (e && e !== document.body && isInline(e)) e = e.parentElement;
    return e;
  };
  const clips = (el) => {
    const cs = getComputedStyle(el);
    return cs.overflowX !== "visible" || cs.overflowY !== "visible";
  };

  // 1. The page scrolls sideways: name the deepest elements that stick out.
  const pageWidth = document.documentElement.scrollWidth;
  if (pageWidth > vw + 1) {
    const out = [...document.body.querySelectorAll("*")].filter((el) => {
      if (!shown(el)) return false;
      const r = el.getBoundingClientRect();
      return r.right > vw + 1 || r.left < -1;
    });
    const deepest = out.filter((el) => !out.some((o) => o !== el && el.contains(o)));
    const culprits = deepest.map((el) => {
      const r = el.getBoundingClientRect();
      return `${label(el)} (${px(r.width)} wide, ${px(r.left)} to ${px(r.right)})`;
    });
    found.push({
      code: "layout.overflow",
      message: `the page is ${px(pageWidth)} wide on a ${px(vw)} phone and scrolls sideways` +
        (culprits.length ? `; sticking out: ${culprits.join("; ")}` : ""),
    });
  }

  // 2. Text that does not fit its box: it spills out (over a neighbour, off the card) or the
  //    box clips it. Compared with every non-inline ancestor, so a button label wider than its
  //    column is caught even when the button's own table grew to hold it.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.data.trim()) continue;
    const holder = node.parentElement;
    if (!holder || !shown(holder)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const t = range.getBoundingClientRect();
    if (t.width === 0 && t.height === 0) continue;
    for (let box = block(holder); box && box !== document.documentElement; box = box.parentElement) {
      if (isInline(box)) continue;
      const b = box.getBoundingClientRect();
      const sideways = t.right > b.right + 1 || t.left < b.left - 1;
      const clipped = clips(box) && (sideways || t.bottom > b.bottom + 1 || t.top < b.top - 1);
      if (!sideways && !clipped) continue;
      const owner = block(holder);
      if (!seen.has(owner)) {
        seen.add(owner);
        const what = clipped ? "is cut off by" : "overflows";
        found.push({
          code: clipped ? "layout.text-clipped" : "layout.text-overflow",
          message: `text ${label(owner)} ${what} ${selector(box)}: the text needs ` +
            `${px(t.width)} x ${px(t.height)}, the box is ${px(b.width)} x ${px(b.height)}`,
        });
      }
      break;
    }
  }

  // 3. Images without a size: the layout jumps when they load, and collapses when they do not.
  //    Images that did not load are reported too (a missing asset, or a remote URL: previews use
  //    local files only).
  for (const img of document.images) {
    const src = img.getAttribute("src") || "";
    const file = src.split("/").slice(-2).join("/");
    const alt = img.getAttribute("alt");
    const who = `image ${file}${alt ? ` ("${words(alt, 32)}")` : ""}`;
    // A percentage is a size too: the box is known before the image arrives ("auto" is not).
    const sized = (attr) => /^\d+(\.\d+)?(px|%)?$/.test((img.getAttribute(attr) || "").trim()) ||
      /^\d+(\.\d+)?(px|%)$/.test(img.style[attr] || "");
    const missing = ["width", "height"].filter((a) => !sized(a));
    if (missing.length) {
      found.push({
        code: "layout.image-size",
        message: `${who} has no explicit ${missing.join(" or ")}: the layout shifts when it ` +
          "loads and collapses when images are off",
      });
    }
    if (img.complete && img.naturalWidth === 0) {
      found.push({
        code: "layout.image-missing",
        message: `${who} did not load from ${src} (previews use local files under ` +
          "templates/assets/ only)",
      });
    }
  }

  // 4. Tap targets smaller than a fingertip (44 x 44 px). Links inside running text are exempt,
  //    as in WCAG 2.5.8: the sentence's line height sets their size.
  const small = [];
  for (const el of document.querySelectorAll("a[href], button, input, [role=button]")) {
    if (!shown(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width >= MIN_TAP && r.height >= MIN_TAP) continue;
    if (isInline(el)) {
      const container = block(el);
      const own = words(el.innerText, 1e6).length;
      const around = words(container.innerText, 1e6).length - own;
      if (around >= 20) continue; // a link in a sentence
    }
    small.push(`${label(el)} is ${px(r.width)} x ${px(r.height)}`);
  }
  if (small.length) {
    found.push({
      code: "layout.tap-target",
      message: `${small.length} tap target(s) smaller than ${MIN_TAP} x ${MIN_TAP} px: ` +
        small.join("; "),
    });
  }
  // 5. A button label on more than one line: an mj-button is a presentation table whose cell
  //    carries the button's Outlook padding (mso-padding-alt) and holds the link (a <p> when it
  //    has no href). A German label twice the English one wraps inside the button at phone
  //    width. Lines are told apart by the text's line boxes (not by the height, which a
  //    line-height or a padding changes). Measured without the wrap by setting nowrap for the
  //    time of one reading, the style attribute then put back as written; a label whose lines
  //    each fit (a <br> in it) is as its author wrote it.
  const buttonCell = (cell) => cell.getAttribute("role") === "presentation" &&
    /mso-padding-alt/i.test(cell.getAttribute("style") || "");
  for (const label of document.querySelectorAll("td > a, td > p")) {
    if (!buttonCell(label.parentElement) || !shown(label)) continue;
    const range = document.createRange();
    range.selectNodeContents(label);
    const lines = [];
    for (const r of range.getClientRects()) {
      if (r.width === 0 || r.height === 0) continue;
      const mid = (r.top + r.bottom) / 2;
      if (!lines.some((l) => mid > l.top && mid < l.bottom)) lines.push(r);
    }
    if (lines.length < 2) continue;
    const cs = getComputedStyle(label);
    const inner = label.getBoundingClientRect().width - parseFloat(cs.paddingLeft) -
      parseFloat(cs.paddingRight) - parseFloat(cs.borderLeftWidth) -
      parseFloat(cs.borderRightWidth);
    const style = label.getAttribute("style");
    label.style.whiteSpace = "nowrap";
    const needed = range.getBoundingClientRect().width;
    if (style === null) label.removeAttribute("style");
    else label.setAttribute("style", style);
    if (needed <= inner + 1) continue; // lines a <br> asks for: each fits
    const text = words(label.innerText, 1e6);
    found.push({
      code: "layout.button-wrap",
      label: text,
      message: `button "${words(text, 80)}" wraps onto ${lines.length} lines: on one line ` +
        `it needs ${px(needed)}, the button leaves it ${px(inner)}`,
    });
  }
  return found;
}
