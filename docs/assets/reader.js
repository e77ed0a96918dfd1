/*
 * Hover cards for entity mentions and for every link to an entity or an article; following a name
 * through the text; showing and hiding the marks of each type.
 *
 * WCAG 2.2 SC 1.4.13 (content on hover or focus): the card opens on hover and on keyboard
 * focus, stays open while the pointer moves onto it, stays until the pointer or focus
 * leaves, and Escape dismisses it. It is placed under the line being read (above it when
 * there is no room below), never over it. On touch screens a first tap on a mention opens the
 * card and the card's link goes to the page. Listeners are delegated from the document, so a
 * page with thousands of mentions binds nothing per mention. Card data is inlined per page
 * (#ar-cards), so cards also work from file:// with no request; a page whose data is large
 * (one that links hundreds of articles) loads it after the page, as a script (data-src),
 * which file:// allows too. Without JavaScript a
 * mention is a plain link with a title.
 *
 * Following a name (WAI-ARIA: one Tab stop per entity, arrow keys within it): only the first
 * mention of each entity is in the Tab order. On a focused mention, → and ← move the focus to the
 * entity's next and previous mention (quiet ones included) and every mention of it is highlighted;
 * the card's Previous and Next buttons do the same by pointer or touch, and a live region says
 * "3 of 7". The "In this article" panel's names start there, at the first mention.
 */
(() => {
  "use strict";

  const source = document.getElementById("ar-cards");
  if (!source) return;
  const cards = JSON.parse(source.textContent);
  if (source.dataset.src) {  // a page that links hundreds of pages has its card data in a script of its own
    const data = document.createElement("script");
    data.src = source.dataset.src;
    data.addEventListener("load", () => Object.assign(cards, window.arCards));
    document.head.append(data);
  }
  const base = (source.dataset.base || ".").replace(/\/$/, "");
  const OPEN_DELAY = 200;
  const CLOSE_DELAY = 300;
  const GAP = 6;
  const HIDDEN_KEY = "ar-hidden-types";
  const PREVIEWED = ".ar-mention[data-entity], a[data-entity], a[data-article], a[data-follow]";

  let card = null;
  let current = null;
  let followed = null;
  let openTimer = 0;
  let closeTimer = 0;
  let lastPointer = "mouse";
  let openBeforeTap = false;
  let refocusing = false;

  // In the page from the start: screen readers announce changes to a live region they already know.
  const status = element("span", "ar-sr");
  status.id = "ar-status";
  status.setAttribute("aria-live", "polite");
  document.body.append(status);

  const keyOf = (node) => node.dataset.entity || node.dataset.follow || `article:${node.dataset.article}`;
  // Mentions in the page's text: an article's, or names the annotator marked in hand-written prose.
  const isMention = (node) => node.matches(".md-content .ar-mention");
  const typeShown = (type) => document.getElementById(`ar-show-${type}`)?.checked !== false;
  const previewOf = (node) => {
    const found = node instanceof Element ? node.closest(PREVIEWED) : null;
    if (!found || insideCard(found) || !cards[keyOf(found)]) return null;
    return isMention(found) && !typeShown(cards[keyOf(found)].type) && !found.classList.contains("ar-followed") ? null : found;
  };
  const mentionsOf = (entity) => [...document.querySelectorAll(".md-content .ar-mention")]
    .filter((mention) => mention.dataset.entity === entity);

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function button(className, label, text, offset) {
    const node = element("button", className, text);
    node.type = "button";
    // Out of the Tab order: on the keyboard → and ← do this from the mention, so Tab goes on through the text.
    node.tabIndex = -1;
    node.setAttribute("aria-label", label);
    node.addEventListener("click", () => step(offset, true));
    return node;
  }

  function ensureCard() {
    if (card) return card;
    card = element("span", "ar-card");
    card.id = "ar-card";
    card.setAttribute("role", "group");
    card.hidden = true;
    card.addEventListener("pointerenter", cancelClose);
    card.addEventListener("pointerleave", scheduleClose);
    return card;
  }

  function fill(node) {
    const key = keyOf(node);
    const data = cards[key];
    const box = ensureCard();
    box.replaceChildren();
    box.dataset.entity = key;
    box.dataset.type = data.type;
    box.setAttribute("aria-label", `About ${data.name}`);
    const head = element("span", "ar-card__head");
    head.append(element("strong", "ar-card__name", data.name), element("span", "ar-card__type", data.typeLabel));
    box.append(head);
    if (data.type === "article") {
      box.append(element("span", "ar-card__date", [data.byline, data.date].filter(Boolean).join(" · ")));
    }
    if (data.arabic) {
      const arabic = element("span", "ar-card__arabic", data.arabic);
      arabic.lang = "ar";
      arabic.dir = "rtl";
      box.append(arabic);
    }
    const summary = element("span", "ar-card__summary", data.summary);
    summary.id = "ar-card-summary";
    box.append(summary);
    const link = element("a", "ar-card__link", data.type === "article" ? "Open the article" : `Open the page on ${data.name}`);
    link.href = `${base}/${data.url}`;
    box.append(link);
    if (isMention(node)) {
      const all = mentionsOf(node.dataset.entity);
      const row = element("span", "ar-card__follow");
      row.append(button("ar-card__prev", "Previous mention", "‹ Previous", -1),
        element("span", "ar-card__position", `${all.indexOf(node) + 1} of ${all.length}`),
        button("ar-card__next", "Next mention", "Next ›", 1));
      box.append(row);
    }
  }

  function place(node) {
    const rects = node.getClientRects();
    const line = rects.length ? rects[rects.length - 1] : node.getBoundingClientRect();
    const width = Math.min(card.offsetWidth, window.innerWidth - 2 * GAP);
    const left = Math.max(GAP, Math.min(line.left, window.innerWidth - width - GAP));
    const below = line.bottom + GAP;
    const top = below + card.offsetHeight <= window.innerHeight - GAP
      ? below
      : Math.max(GAP, line.top - GAP - card.offsetHeight);
    card.style.left = `${left}px`;
    card.style.top = `${top}px`;
  }

  function open(node) {
    clearTimeout(openTimer);
    cancelClose();
    if (!cards[keyOf(node)]) return;
    if (current && current !== node) hide();
    if (node.hasAttribute("title")) {
      node.dataset.title = node.title;
      node.removeAttribute("title");
    }
    fill(node);
    // Right after the link in the document, so Tab moves from it into the card (after the drawing, for its nodes).
    (node.ownerSVGElement || node).after(card);
    card.hidden = false;
    place(node);
    current = node;
    node.setAttribute("aria-describedby", "ar-card-summary");
    node.classList.add("ar-mention--open");
  }

  function close() {
    clearTimeout(openTimer);
    hide();
  }

  /* The open card hidden; a card about to open for a name the pointer has just reached still opens. */
  function hide() {
    cancelClose();
    if (!current) return;
    current.removeAttribute("aria-describedby");
    current.classList.remove("ar-mention--open");
    card.hidden = true;
    current = null;
  }

  function scheduleOpen(node) {
    clearTimeout(openTimer);
    openTimer = setTimeout(() => open(node), OPEN_DELAY);
  }

  function scheduleClose() {
    cancelClose();
    closeTimer = setTimeout(hide, CLOSE_DELAY);
  }

  function cancelClose() {
    clearTimeout(closeTimer);
  }

  const insideCard = (node) => card && node instanceof Node && card.contains(node);

  /* Following a name: every mention of one entity highlighted, one of them focused. */

  function follow(entity) {
    if (followed === entity) return;
    unfollow();
    followed = entity;
    for (const mention of mentionsOf(entity)) mention.classList.add("ar-followed");
  }

  function unfollow() {
    if (!followed) return;
    for (const mention of document.querySelectorAll(".ar-followed")) mention.classList.remove("ar-followed");
    followed = null;
  }

  /* Moves to a mention of the followed entity: the focus (and the card) goes with it, or, when one of the card's
     buttons was used, the card opens there and the same button keeps the focus. */
  function goTo(mention, fromCard) {
    const all = mentionsOf(mention.dataset.entity);
    const pressed = fromCard && insideCard(document.activeElement) ? document.activeElement.classList[0] : null;
    follow(mention.dataset.entity);
    if (!mention.hasAttribute("href")) mention.tabIndex = -1;
    mention.scrollIntoView({ block: "center", behavior: "instant" });
    if (pressed) {
      open(mention);
      refocusing = true;
      card.querySelector(`.${pressed}`)?.focus();
      refocusing = false;
    } else {
      mention.focus({ preventScroll: true });
      open(mention);
    }
    status.textContent = `${cards[mention.dataset.entity].name}: ${all.indexOf(mention) + 1} of ${all.length}`;
  }

  function step(offset, fromCard) {
    if (!current || !isMention(current)) return;
    const all = mentionsOf(current.dataset.entity);
    goTo(all[(all.indexOf(current) + offset + all.length) % all.length], fromCard);
  }

  /* Showing and hiding the marks of each type (the legend's switches; the styles are in reader.css). */

  function storedHidden() {
    try {
      return JSON.parse(localStorage.getItem(HIDDEN_KEY) || "[]");
    } catch {
      return [];
    }
  }

  function applyShown(input) {
    const hidden = !input.checked;
    for (const link of document.querySelectorAll(`.ar-article a.ar-mention.ar-${input.dataset.arType}`)) {
      if (hidden) link.tabIndex = -1;
      else link.removeAttribute("tabindex");
    }
  }

  const switches = [...document.querySelectorAll(".ar-marks input[data-ar-type]")];
  const hiddenTypes = storedHidden();
  for (const input of switches) {
    input.checked = !hiddenTypes.includes(input.dataset.arType);
    applyShown(input);
    input.addEventListener("change", () => {
      applyShown(input);
      if (current && isMention(current) && !typeShown(cards[keyOf(current)].type)) close();
      try {
        localStorage.setItem(HIDDEN_KEY, JSON.stringify(switches.filter((s) => !s.checked).map((s) => s.dataset.arType)));
      } catch {
        /* Storage may be off: the switches still work for this page. */
      }
    });
  }

  /* Events. */

  document.addEventListener("pointerdown", (event) => {
    lastPointer = event.pointerType;
    const node = previewOf(event.target);
    // Focus follows pointerdown and opens the card, so remember what the tap found.
    openBeforeTap = Boolean(node) && node === current;
    if (current && !node && !insideCard(event.target)) close();
  });

  document.addEventListener("pointerover", (event) => {
    if (event.pointerType === "touch") return;
    const node = previewOf(event.target);
    if (!node) return;
    if (node === current) cancelClose();
    else scheduleOpen(node);
  });

  document.addEventListener("pointerout", (event) => {
    if (event.pointerType === "touch") return;
    const node = previewOf(event.target);
    if (!node || node.contains(event.relatedTarget) || insideCard(event.relatedTarget)) return;
    clearTimeout(openTimer);
    if (node === current) scheduleClose();
  });

  document.addEventListener("focusin", (event) => {
    const node = previewOf(event.target);
    if (refocusing) return;
    if (node) open(node);
    else if (insideCard(event.target)) cancelClose();
    else if (current) close();
    if (followed && !(node && isMention(node) && node.dataset.entity === followed) && !insideCard(event.target)) unfollow();
  });

  document.addEventListener("click", (event) => {
    const panelLink = event.target instanceof Element ? event.target.closest("a[data-follow]") : null;
    if (panelLink) {
      const first = mentionsOf(panelLink.dataset.follow)[0];
      if (first) {
        event.preventDefault();
        goTo(first, false);
      }
      return;
    }
    const node = previewOf(event.target);
    if (!node || !isMention(node) || lastPointer !== "touch" || openBeforeTap) return;
    event.preventDefault();
    open(node);
  });

  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if ((event.key === "ArrowRight" || event.key === "ArrowLeft") && current && document.activeElement === current
        && isMention(current)) {
      event.preventDefault();
      step(event.key === "ArrowRight" ? 1 : -1, false);
      return;
    }
    if (event.key !== "Escape" || !current) return;
    const node = current;
    const focusWasInCard = insideCard(document.activeElement);
    close();
    unfollow();
    if (focusWasInCard) {
      refocusing = true;
      node.focus();
      refocusing = false;
    }
  });

  window.addEventListener("scroll", () => current && place(current), { passive: true });
  window.addEventListener("resize", () => current && place(current));
})();
