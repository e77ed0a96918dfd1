/*
 * The site's search, in Material's search box and result styles.
 *
 * Over HTTP it queries the chunked Pagefind index (pagefind/): a query fetches the index
 * chunks for its words and the fragments of the results it shows, not the whole index.
 * Beside it, the names of a letter the query's words begin with (search/names/<code>.json: the
 * names, aliases, Arabic name, type and summary of every entity with a name that has a word
 * beginning with it) answer at once: the entities whose names the query begins are shown
 * first, before Pagefind has scored a page, which on a large corpus takes seconds on a phone.
 * Pagefind cannot load from file:// (it needs fetch and ES modules), so a page opened from
 * disk searches search/names.js and search/titles.js (article titles) instead; so does a site
 * built without its full-text index (extra.reader.full_text_search: false, for previews).
 *
 * Habits taken from Material: "/", "s" or "f" focus the box; the arrow keys move through the
 * results and Enter opens one; Escape closes the search; the words searched for are
 * highlighted on the page a result opens (?h=, as Material's search.highlight does).
 * Every piece of text from the index is put in the page as text, never as HTML.
 */
(() => {
  "use strict";

  const FIRST = 5;  // results fetched at first: each is one small request
  const TOP = 3;  // entities whose names the query begins, shown before the full-text results
  const MORE = 10;
  const DELAY = 80;  // ms after a key: the names the query begins are shown
  const PAUSE = 300;  // ms after the last key: the full text is searched

  highlightSearchedWords();

  const root = document.querySelector("[data-ar-search]");
  if (!root) return;
  const toggle = document.getElementById("__search");
  const form = root.querySelector("form");
  const input = form.elements.query;
  const kind = root.querySelector('select[name="kind"]');
  const year = root.querySelector('select[name="year"]');
  const meta = root.querySelector(".md-search-result__meta");
  const list = root.querySelector(".md-search-result__list");
  const base = new URL(`${root.dataset.base || "."}/`, location.href);
  const offline = location.protocol === "file:";
  // Names and titles are the whole search: from disk, or in a build without the full-text index.
  const namesOnly = offline || "namesOnly" in root.dataset;

  let engine = null;
  const nameLetters = new Map((root.dataset.nameLetters || "").split(" ").filter(Boolean)
    .map((listed) => listed.split(":")).map(([code, count]) => [code, Number(count)]));  // code: how many entities
  const namesByLetter = new Map();  // letter's code: its names, loading or loaded
  let latest = 0;
  let full = 0;  // the query (by number) whose full-text results the list shows
  let namesShown = "";  // the query and filters whose names alone the list shows
  let listShows = "";  // the query and filters whose names or results the list shows: what Enter may open
  let lastAsked = "";  // the query and filters last searched: typed again (a space after a word), not searched again
  let openFirst = false;  // Enter came before any result: open the first once they come
  let timer = 0;
  let searching = false;  // a search of a big index can take longer than typing a letter
  let waiting = false;

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function normalise(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f\u064b-\u065f\u0670]/g, "").toLowerCase()
      .replace(/[’'‘`ʼ]/g, "").replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  function wordsOf(query) {
    return normalise(query).split(" ").filter(Boolean);
  }

  /* A word's first letter as the build names the file of its names: the code point in hexadecimal. */
  function letterCode(word) {
    return word.codePointAt(0).toString(16);
  }

  /* Text with the searched words (and words they begin) marked, built as nodes. */
  function marked(text, words) {
    const fragment = document.createDocumentFragment();
    if (!words.length) {
      fragment.append(text);
      return fragment;
    }
    // A word of one or two letters ("al" of "al-Nusra") marks nothing beside a longer one, and alone only itself;
    // a longer one marks the words it begins. The words are folded without apostrophes: "bayah" marks "Bay'ah".
    const longer = words.filter((word) => word.length > 2);
    const alternatives = (longer.length ? longer : words).map((word) => [...word]
      .map((letter) => letter.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("['’‘`ʼ]?")
      + (word.length < 3 ? "(?![\\p{L}\\p{N}])" : "[\\p{L}\\p{N}\\p{M}]*"));
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join("|")})`, "giu");
    let position = 0;
    for (const match of text.matchAll(pattern)) {
      fragment.append(text.slice(position, match.index), element("mark", "", match[0]));
      position = match.index + match[0].length;
    }
    fragment.append(text.slice(position));
    return fragment;
  }

  function filters() {
    const chosen = {};
    if (kind.value) chosen.kind = kind.value;
    if (year.value) chosen.year = year.value;
    return chosen;
  }

  /* A query with the filters chosen, as one value: the same words and filters are not searched twice over. */
  const asking = (query) => JSON.stringify([query, filters()]);

  /* ---- The chunked index, over HTTP ---- */

  async function pagefindEngine() {
    const pagefind = await import(new URL("pagefind/pagefind.js", base).href);
    // No penalty for long pages and a slow saturation: an article that names a thing many times
    // ranks right after the thing's own page (whose names weigh most), above pages naming it once.
    // In this thread, not a worker: one file less to fetch before the first result.
    const shared = { highlightParam: "h", ranking: { pageLength: 0, termSaturation: 2 } };
    await pagefind.options({ noWorker: true, ...shared });
    // A large index is built in parts (data-index-parts: their folders inside pagefind/), searched as one;
    // each part loads as soon as Pagefind's WebAssembly is in, beside the rest of the first part.
    // A search for nothing settles once the first part is in, or fails with its error (a part being merged
    // waits for the first for ever); a part that fails leaves search unavailable, never partial.
    const parts = (root.dataset.indexParts || "").split(" ").filter(Boolean);
    await pagefind.init();
    await Promise.all([pagefind.search(""), ...parts.map((part) =>
      pagefind.mergeIndex(new URL(`pagefind/${part}/`, base).href, shared))]);
    // Words joined by a hyphen are searched apart, as Material's search does: Pagefind would take "al-Nusra" as the
    // one word "alnusra", found only where the text writes it so, and miss "the Nusra Front".
    const apart = (query) => query.replace(/[-‐‑–—]+/g, " ");
    return {
      preload: (query) => pagefind.preload(apart(query)),
      async search(query, chosen) {
        const found = await pagefind.search(apart(query), { filters: chosen });
        if (!found) return null;
        return { total: found.results.length, more: (from, count) =>
          found.results.slice(from, from + count).map((result) => async () => fromPagefind(await result.data())) };
      },
    };
  }

  /* A Pagefind result as shown: an entity with its type and summary; an article with the paragraph
     that matches best, linked to that paragraph's anchor. */
  function fromPagefind(data) {
    const words = data.content.split(/\s+/);
    const best = data.weighted_locations.reduce((top, here) => (here.balanced_score > top.balanced_score ? here : top),
      data.weighted_locations[0] || { location: 0 }).location;
    const anchor = data.anchors.filter((a) => a.id && a.location <= best && a.element !== "h1").pop();
    const start = Math.max(anchor ? anchor.location : 0, best - 12);
    const excerpt = words.slice(start, start + 32).join(" ");
    const kindOf = (data.filters.kind || ["page"])[0];
    return {
      url: anchor ? `${data.url}#${anchor.id}` : data.url,
      title: data.meta.title || "",
      kind: kindOf,
      label: data.meta.type || data.meta.date || "",
      summary: data.meta.summary || "",
      excerpt: (start > 0 ? "… " : "") + excerpt + (start + 32 < words.length ? " …" : ""),
    };
  }

  /* ---- Names and titles: at once beside the full text, or the whole search ---- */

  function loadScript(path, name) {
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = new URL(path, base).href;
      script.onload = () => resolve(window[name]);
      script.onerror = () => reject(new Error(`${path} could not be loaded`));
      document.head.append(script);
    });
  }

  /* The names that may answer the query. Every word of the query begins a word of the names it finds, so the
     names with a word beginning with any one word's letter hold them all: those of the letter with the fewest
     entities (none if a word's letter begins no name). A file that could not load is asked for again by the next
     query. */
  function loadNames(query) {
    const codes = wordsOf(query).map(letterCode);
    if (!codes.length || !codes.every((code) => nameLetters.has(code))) return Promise.resolve(nameSearch([]));
    const code = codes.reduce((fewest, next) => (nameLetters.get(next) < nameLetters.get(fewest) ? next : fewest));
    if (!namesByLetter.has(code)) {
      namesByLetter.set(code, fetch(new URL(`search/names/${code}.json`, base))
        .then((response) => {
          if (!response.ok) throw new Error(`search/names/${code}.json: ${response.status}`);
          return response.json();
        })
        .then(nameSearch)
        .catch((error) => {
          namesByLetter.delete(code);
          throw error;
        }));
    }
    return namesByLetter.get(code);
  }

  function namesAndTitlesEngine() {
    return Promise.all([loadScript("search/names.js", "arNames"), loadScript("search/titles.js", "arTitles")])
      .then(([entities, articles]) => nameSearch([...entities, ...articles]));
  }

  /* Rows found by their names: every word of the query begins a word of one of the names. */
  function nameSearch(rows) {
    const entries = rows.map(([url, title, kindOf, label, summary, others, yearOf]) => ({
      url, title, kind: kindOf, label, summary, year: yearOf, others,
      names: [title, ...others].map((name) => wordsOf(name)),
    }));
    return {
      preload: () => {},
      async search(query, chosen) {
        const words = wordsOf(query);
        if (!words.length) return { total: 0, more: () => [] };  // punctuation alone names nothing
        const scored = [];
        for (const entry of entries) {
          if ((chosen.kind && entry.kind !== chosen.kind) || (chosen.year && entry.year !== chosen.year)) continue;
          let score = 0;
          let by = 0;  // the name that matched best: 0 is the entry's own, others an alias or the Arabic name
          entry.names.forEach((name, position) => {
            if (words.every((word) => name.some((part) => part.startsWith(word)))) {
              const exact = name.join(" ") === words.join(" ") ? 4 : 0;
              const here = exact + (position === 0 ? 2 : 1) + (entry.kind === "article" ? 0 : 1);
              if (here > score) [score, by] = [here, position];
            }
          });
          if (score) scored.push([score, entry, by]);
        }
        scored.sort((a, b) => b[0] - a[0] || a[1].title.localeCompare(b[1].title));
        const highlight = `?h=${encodeURIComponent(words.join(" "))}`;
        return { total: scored.length, more: (from, count) => scored.slice(from, from + count).map(([, entry, by]) =>
          async () => ({ ...entry, url: new URL(entry.url, base).href + highlight, excerpt: "",
            alias: by ? entry.others[by - 1] : "" })) };
      },
    };
  }

  /* The entities whose names the query begins (none where the names are the search itself, or if the names cannot
     load: the full-text results come all the same). */
  async function topHits(query) {
    if (namesOnly) return [];
    try {
      const found = await (await loadNames(query)).search(query, filters());
      return await Promise.all(found.more(0, TOP).map((load) => load()));
    } catch {
      return [];
    }
  }

  const pathOf = (url) => new URL(url, location.href).pathname;

  function loadEngine() {
    engine = engine || (namesOnly ? namesAndTitlesEngine() : pagefindEngine());
    return engine;
  }

  /* ---- Showing results, in Material's markup ---- */

  function item(result, words) {
    const link = element("a", "md-search-result__link");
    link.href = result.url;
    const article = element("article", "md-search-result__article md-typeset");
    const title = element("h1");
    title.append(marked(result.title, words));
    article.append(title);
    if (result.label) article.append(element("p", `ar-search-kind ar-${result.kind}`, result.label));
    if (result.alias) {  // found by another of its names: which one
      const also = element("p", "ar-search-alias", "Also named ");
      const name = element("span");
      name.dir = "auto";
      name.append(marked(result.alias, words));
      also.append(name);
      article.append(also);
    }
    const text = result.kind === "article" || !result.summary ? result.excerpt : result.summary;
    if (text) {
      const paragraph = element("p");
      paragraph.append(marked(text, words));
      article.append(paragraph);
    }
    link.append(article);
    const entry = element("li", "md-search-result__item");
    entry.append(link);
    return entry;
  }

  /* Put `node` in the list at `slot`, in place of what is there (a result of the words typed before), or at its
     end: the list does not shrink and grow again at each key while the reader types. */
  function place(node, slot) {
    const there = list.children[slot];
    if (!there) {
      list.append(node);
    } else {
      const focused = there.contains(document.activeElement);
      there.replaceWith(node);
      if (focused) node.querySelector("a")?.focus();  // a reader on the earlier result is on the new one
    }
    const path = pathOf(node.querySelector("a").href);  // further down, an earlier result for the same page goes
    [...list.children].slice(slot + 1).filter((later) => {
      const link = later.querySelector("a.md-search-result__link");
      return link && pathOf(link.href) === path;
    }).forEach(drop);
  }

  /* Take `node` out of the list; the focus, if it was there, goes to the list's last result (or the box). */
  function drop(node) {
    const focused = node.contains(document.activeElement);
    node.remove();
    if (focused) (links().at(-1) || input).focus();
  }

  /* The names at the top of the list for the words now typed. A page the list already shows in the same place
     (more letters of the same name) is brought up to date there, and a reader on it stays on it; what follows the
     names stays until the full-text results take its place. */
  function putNames(hits, words) {
    hits.forEach((hit, slot) => {
      const fresh = item(hit, words);
      const there = list.children[slot]?.querySelector("a.md-search-result__link");
      if (there && pathOf(there.href) === pathOf(hit.url)) {
        there.href = fresh.firstElementChild.href;
        there.replaceChildren(...fresh.firstElementChild.childNodes);
      } else {
        place(fresh, slot);
      }
    });
  }

  /* Results in order, each shown as soon as it and those before it have arrived: from `slot` on in place of the
     results of the words typed before (whatever of them is left over then goes), or after the list's end (null).
     The first is fetched on its own, the rest after it: on a slow line they would share its bandwidth. */
  async function show(found, words, from, count, run, shown, slot = null) {
    const earlierMore = list.querySelector("li.ar-search-more");
    if (earlierMore) drop(earlierMore);
    const loads = found.more(from, count);  // each a function that fetches one result
    const pending = loads.slice(0, 1).map((load) => load());
    for (let index = 0; index < loads.length; index += 1) {
      const result = await pending[index];
      if (run !== latest) {
        pending.forEach((left) => left.catch(() => {}));  // dropped with the query that asked for them
        return;
      }
      if (!shown.has(pathOf(result.url))) {  // not twice: it is a top hit
        if (slot === null) list.append(item(result, words));
        else place(item(result, words), slot++);
      }
      if (index === 0) pending.push(...loads.slice(1).map((load) => load()));
    }
    if (slot !== null) while (list.children.length > slot) drop(list.lastElementChild);
    if (from + count < found.total) {
      const more = element("button", "md-button ar-search-more", "Show more results");
      more.type = "button";
      more.addEventListener("click", async (event) => {
        const before = links();
        const focused = event.detail === 0 && document.activeElement === more;  // by keyboard, not a pointer
        if (focused) before.at(-1)?.focus();  // the button goes at once: the focus must not fall to the page
        await show(found, words, from + count, MORE, run, shown);
        if (focused && run === latest) links()[before.length]?.focus();
      });
      const holder = element("li", "ar-search-more");
      holder.append(more);
      list.append(holder);
    }
  }

  /* Search for what the box holds; `now`: without waiting for a pause in the typing (Enter). */
  async function run(now = false) {
    const query = input.value.trim();
    const current = ++latest;
    const asked = query ? asking(query) : "";
    lastAsked = asked;
    if (!query) {
      list.replaceChildren();
      namesShown = "";
      listShows = "";
      delete list.dataset.query;
      meta.textContent = "Type to start searching";
      return;
    }
    const words = wordsOf(query);
    const top = topHits(query);
    top.then((hits) => {  // shown at once, unless the full-text results came first
      if (current !== latest || full === current) return;
      // The same query searched again (it was typed while a search ran) keeps them as they are, and the reader's
      // place among them.
      if (namesShown !== asked) putNames(hits, words);
      namesShown = asked;
      listShows = hits.length ? asked : "";  // below them, or without them, the results of the words typed before
      delete list.dataset.query;
      meta.textContent = hits.length === 0 ? "Searching…"
        : `${hits.length === 1 ? "1 name" : `${hits.length} names`} found; searching the full text…`;
    });
    // The full text waits for a pause in the typing: Pagefind scores in the page's own thread, and on a large
    // index a search for each letter typed held the page for a second on a phone, the keys typed waiting. (A
    // search of names and titles alone is in memory: no wait.)
    if (!now && !namesOnly) await new Promise((resolve) => setTimeout(resolve, PAUSE - DELAY));
    if (current !== latest) return;
    if (searching) {  // one search at a time: the newest query waits for it, those typed meanwhile are skipped
      waiting = true;
      return;
    }
    try {
      const found = await searched(query, current);
      if (!found || current !== latest) return;
      const hits = await top;
      if (current !== latest) return;
      full = current;
      // The names shown at once stay as they are: the reader may have moved onto one with the arrow keys.
      if (namesShown !== asked) putNames(hits, words);
      namesShown = "";  // the full-text results follow them
      listShows = hits.length ? asked : "";  // until the first result has taken the place of the earlier ones
      delete list.dataset.query;
      const total = Math.max(found.total, hits.length);  // a name begun may match no whole word of the text yet
      meta.textContent = total === 0 ? (namesOnly
        ? `No matching names or titles (${offline ? "opened from a file" : "this site has no full-text index"}, `
          + "search finds names and article titles, not the text)"
        : "No matching documents")
        : total === 1 ? "1 matching document" : `${total.toLocaleString("en")} matching documents`;
      await show(found, words, 0, FIRST, current, new Set(hits.map((hit) => pathOf(hit.url))), hits.length);
      if (current !== latest) return;
      listShows = asked;
      list.dataset.query = query;  // the query whose first results the list shows in full
      if (openFirst) {
        openFirst = false;
        links()[0]?.click();
      }
    } catch (error) {
      if (current !== latest) return;  // a newer search has the list and its count
      full = current;  // names found now are not shown under the failure
      list.replaceChildren();
      namesShown = "";
      listShows = "";
      delete list.dataset.query;
      meta.textContent = "Search is not available here";
      throw error;
    }
  }

  /* The search itself, one at a time; only the newest query is searched: one typed over while the engine or the
     index chunks for its words loaded is dropped. The next search may start while these results are fetched. */
  async function searched(query, current) {
    searching = true;
    list.setAttribute("aria-busy", "true");
    try {
      const loaded = await loadEngine();
      if (current !== latest) return null;
      await loaded.preload(query);
      if (current !== latest) return null;
      return await loaded.search(query, filters());
    } finally {
      searching = false;
      list.removeAttribute("aria-busy");
      if (waiting) {
        waiting = false;
        run();
      }
    }
  }

  /* Each key fetches the index chunks for what is typed so far; the search runs once typing pauses. */
  function schedule() {
    const query = input.value.trim();
    openFirst = false;
    if (query && asking(query) === lastAsked) return;  // the same words: a space typed after one, say
    clearTimeout(timer);
    if (query) loadEngine().then((loaded) => loaded.preload(query)).catch(() => {});
    timer = setTimeout(run, DELAY);
  }

  /* ---- Keys and focus, as in Material ---- */

  let cameFrom = null;  // what had the focus when a key opened the search: Escape gives the focus back to it

  function open() {
    const focused = document.activeElement;
    cameFrom = focused && focused !== document.body && !root.contains(focused) ? focused : null;
    setOpen(true);
    input.focus();
    input.select();
  }

  function close() {
    setOpen(false);
    if (root.contains(document.activeElement)) document.activeElement.blur();  // a result too: Enter must not open it
    if (cameFrom?.isConnected) cameFrom.focus({ preventScroll: true });
    cameFrom = null;
  }

  /* On a narrow screen the open search covers the page, as Material's does, and the page behind it is held
     still (Material's data-md-scrolllock): else its growing backdrop widens the page, which a phone then pans. */
  const narrow = matchMedia("(max-width: 59.984375em)");
  let heldAt = null;

  // Material, starting up, can let the page go a moment after the search opened (a tap on a page not loaded a tenth
  // of a second ago): the page widens behind the backdrop and stays zoomed out. While the search is open, held.
  new MutationObserver(() => {
    if (heldAt !== null && !("mdScrolllock" in document.body.dataset)) document.body.dataset.mdScrolllock = "";
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-scrolllock"] });

  function setOpen(opened) {
    toggle.checked = opened;
    const body = document.body;
    if (opened && narrow.matches && heldAt === null) {
      heldAt = scrollY;
      body.style.top = `-${heldAt}px`;
      body.dataset.mdScrolllock = "";
    } else if (!opened && heldAt !== null) {
      delete body.dataset.mdScrolllock;
      body.style.top = "";
      scrollTo(0, heldAt);
      heldAt = null;
    }
  }

  const links = () => [...list.querySelectorAll("a.md-search-result__link")];

  function isTyping(target) {
    return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  document.addEventListener("keydown", (event) => {
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    if (!toggle.checked) {
      if (["/", "s", "f"].includes(event.key) && !isTyping(event.target)) {
        event.preventDefault();
        open();
      }
      return;
    }
    if (event.key === "Escape") {  // wherever the focus is while the search is open
      event.preventDefault();
      close();
      return;
    }
    if (!root.contains(event.target)) return;
    const all = links();
    const at = all.indexOf(document.activeElement);
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp":
        if (!all.length || event.target instanceof HTMLSelectElement) break;
        event.preventDefault();
        if (event.key === "ArrowUp" && at <= 0) input.focus();
        else all[event.key === "ArrowDown" ? Math.min(at + 1, all.length - 1) : at - 1].focus();
        break;
      case "Enter":
        if (event.target === input) {
          event.preventDefault();
          const query = input.value.trim();
          if (all.length && listShows === asking(query)) {
            all[0].click();
          } else if (query) {  // nothing shown yet for these words: search now, and open the first result it finds
            clearTimeout(timer);
            openFirst = true;
            run(true);
          }
        }
        break;
      default:
        break;
    }
  });

  // The index starts loading when the box is focused, while the reader types.
  input.addEventListener("focus", () => {
    setOpen(true);
    loadEngine().catch(() => {});  // run() says so if it cannot load
  });
  input.addEventListener("input", schedule);
  kind.addEventListener("change", () => run());
  year.addEventListener("change", () => run());
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => setTimeout(run));
  toggle.addEventListener("change", () => {  // the header's search icon on a narrow screen, or the back arrow
    setOpen(toggle.checked);
    if (toggle.checked) input.focus();  // ready to type, as in Material
    else input.blur();
    cameFrom = null;
  });
  // Focus that leaves the search (Tab past its last control) closes it, as a click outside does.
  root.addEventListener("focusout", (event) => {
    if (toggle.checked && event.relatedTarget instanceof Node && !root.contains(event.relatedTarget)) {
      setOpen(false);
      cameFrom = null;
    }
  });

  /* ---- On the page a result opens: the searched words highlighted ---- */

  function highlightSearchedWords() {
    const words = new URLSearchParams(location.search).getAll("h").flatMap(wordsOfParameter);
    const content = document.querySelector(".md-content article");
    if (!words.length || !content) return;
    const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => (node.parentElement.closest("script, style, mark, .headerlink, .ar-card")
        ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    for (const node of nodes) {
      const fragment = marked(node.data, words);
      if (fragment.childNodes.length > 1) {
        for (const mark of fragment.querySelectorAll("mark")) mark.dataset.mdHighlight = "";
        node.replaceWith(fragment);
      }
    }
  }

  function wordsOfParameter(value) {
    return value.toLowerCase().split(/\s+/).filter((word) => word.length > 1);
  }
})();
