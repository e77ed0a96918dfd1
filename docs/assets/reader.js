/*
 * Hover cards for entity mentions.
 *
 * WCAG 2.2 SC 1.4.13 (content on hover or focus): the card opens on hover and on keyboard
 * focus, stays open while the pointer moves onto it, stays until the pointer or focus
 * leaves, and Escape dismisses it. It is placed under the line being read (above it when
 * there is no room below), never over it. On touch screens a first tap opens the card and
 * the card's link goes to the page. Listeners are delegated from the document, so a page
 * with thousands of mentions binds nothing per mention. Card data is inlined per page
 * (#ar-cards), so cards also work from file:// with no request. Without JavaScript a
 * mention is a plain link with a title.
 */
(() => {
  "use strict";

  const source = document.getElementById("ar-cards");
  if (!source) return;
  const cards = JSON.parse(source.textContent);
  const base = (source.dataset.base || ".").replace(/\/$/, "");
  const OPEN_DELAY = 200;
  const CLOSE_DELAY = 300;
  const GAP = 6;

  let card = null;
  let current = null;
  let openTimer = 0;
  let closeTimer = 0;
  let lastPointer = "mouse";
  let openBeforeTap = false;
  let refocusing = false;

  const mentionOf = (node) => (node instanceof Element ? node.closest(".ar-mention[data-entity]") : null);

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
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

  function fill(mention) {
    const data = cards[mention.dataset.entity];
    const box = ensureCard();
    box.replaceChildren();
    box.dataset.entity = mention.dataset.entity;
    box.dataset.type = data.type;
    box.setAttribute("aria-label", `About ${data.name}`);
    const head = element("span", "ar-card__head");
    head.append(element("strong", "ar-card__name", data.name), element("span", "ar-card__type", data.typeLabel));
    box.append(head);
    if (data.arabic) {
      const arabic = element("span", "ar-card__arabic", data.arabic);
      arabic.lang = "ar";
      arabic.dir = "rtl";
      box.append(arabic);
    }
    const summary = element("span", "ar-card__summary", data.summary);
    summary.id = "ar-card-summary";
    box.append(summary);
    const link = element("a", "ar-card__link", `Open the page on ${data.name}`);
    link.href = `${base}/${data.url}`;
    box.append(link);
  }

  function place(mention) {
    const rects = mention.getClientRects();
    const line = rects.length ? rects[rects.length - 1] : mention.getBoundingClientRect();
    const width = Math.min(card.offsetWidth, window.innerWidth - 2 * GAP);
    const left = Math.max(GAP, Math.min(line.left, window.innerWidth - width - GAP));
    const below = line.bottom + GAP;
    const top = below + card.offsetHeight <= window.innerHeight - GAP
      ? below
      : Math.max(GAP, line.top - GAP - card.offsetHeight);
    card.style.left = `${left}px`;
    card.style.top = `${top}px`;
  }

  function open(mention) {
    clearTimeout(openTimer);
    cancelClose();
    if (!cards[mention.dataset.entity]) return;
    if (current && current !== mention) close();
    if (mention.hasAttribute("title")) {
      mention.dataset.title = mention.title;
      mention.removeAttribute("title");
    }
    fill(mention);
    // Right after the mention in the document, so Tab moves from the mention into the card.
    mention.after(card);
    card.hidden = false;
    place(mention);
    current = mention;
    mention.setAttribute("aria-describedby", "ar-card-summary");
    mention.classList.add("ar-mention--open");
  }

  function close() {
    clearTimeout(openTimer);
    cancelClose();
    if (!current) return;
    current.removeAttribute("aria-describedby");
    current.classList.remove("ar-mention--open");
    card.hidden = true;
    current = null;
  }

  function scheduleOpen(mention) {
    clearTimeout(openTimer);
    openTimer = setTimeout(() => open(mention), OPEN_DELAY);
  }

  function scheduleClose() {
    cancelClose();
    closeTimer = setTimeout(close, CLOSE_DELAY);
  }

  function cancelClose() {
    clearTimeout(closeTimer);
  }

  const insideCard = (node) => card && node instanceof Node && card.contains(node);

  document.addEventListener("pointerdown", (event) => {
    lastPointer = event.pointerType;
    const mention = mentionOf(event.target);
    // Focus follows pointerdown and opens the card, so remember what the tap found.
    openBeforeTap = Boolean(mention) && mention === current;
    if (current && !mention && !insideCard(event.target)) close();
  });

  document.addEventListener("pointerover", (event) => {
    if (event.pointerType === "touch") return;
    const mention = mentionOf(event.target);
    if (!mention) return;
    if (mention === current) cancelClose();
    else scheduleOpen(mention);
  });

  document.addEventListener("pointerout", (event) => {
    if (event.pointerType === "touch") return;
    const mention = mentionOf(event.target);
    if (!mention || mention.contains(event.relatedTarget) || insideCard(event.relatedTarget)) return;
    clearTimeout(openTimer);
    if (mention === current) scheduleClose();
  });

  document.addEventListener("focusin", (event) => {
    const mention = mentionOf(event.target);
    if (refocusing) refocusing = false;
    else if (mention) open(mention);
    else if (insideCard(event.target)) cancelClose();
    else if (current) close();
  });

  document.addEventListener("click", (event) => {
    const mention = mentionOf(event.target);
    if (!mention || lastPointer !== "touch" || openBeforeTap) return;
    event.preventDefault();
    open(mention);
  });

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !current) return;
    const mention = current;
    const focusWasInCard = insideCard(document.activeElement);
    close();
    if (focusWasInCard) {
      refocusing = true;
      mention.focus();
    }
  });

  window.addEventListener("scroll", () => current && place(current), { passive: true });
  window.addEventListener("resize", () => current && place(current));
})();
