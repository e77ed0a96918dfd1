/*
 * The drawings where JavaScript runs: zoom and pan the network and the map, and light up a node's
 * neighbours.
 *
 * Without JavaScript every drawing is a static SVG at its own size, which scrolls in its frame
 * when wider than the page; this adds to it and takes nothing away. Zoom: the buttons above the
 * drawing, or Ctrl + wheel (a trackpad pinch) in proportion to its turn, keeping the point under
 * the pointer in place; plain wheel still scrolls the page. Pan: drag with the mouse, or scroll
 * the frame (touch screens scroll it natively). Pointing at or focusing a node fades everything
 * but the node, its ties and its neighbours. Node ids are compared as data, never put into a
 * selector.
 */
(() => {
  "use strict";

  const STEP = 1.4;  // a button press, or one notch of a mouse wheel
  const NOTCH = 100;  // pixels of a wheel's notch in Chromium; a trackpad pinch sends a few at a time
  const LINE = NOTCH / 3;  // a wheel that counts lines (Firefox) turns three a notch
  const MIN_SCALE = 0.5;
  const MAX_SCALE = 6;
  const DRAG_THRESHOLD = 4;

  function button(label, text, onClick) {
    const element = document.createElement("button");
    element.type = "button";
    element.textContent = text;
    element.setAttribute("aria-label", label);
    element.addEventListener("click", onClick);
    return element;
  }

  function zoomable(figure) {
    const frame = figure.querySelector(".ar-drawing");
    const drawing = frame && frame.querySelector("svg");
    if (!drawing) return;
    const width = Number(drawing.getAttribute("width"));
    const height = Number(drawing.getAttribute("height"));
    let scale = 1;
    // The frame keeps the height it opened with: a zoomed drawing moves inside it, not the page around it.
    frame.style.height = `${frame.clientHeight}px`;

    // Zoom to `next`, keeping the drawing's point at (x, y) in the frame's visible area where it was.
    function zoomTo(next, x = frame.clientWidth / 2, y = frame.clientHeight / 2) {
      next = Math.min(MAX_SCALE, Math.max(MIN_SCALE, next));
      const box = drawing.getBoundingClientRect();
      const frameBox = frame.getBoundingClientRect();
      const pointX = (x + frameBox.left - box.left) / scale;
      const pointY = (y + frameBox.top - box.top) / scale;
      scale = next;
      drawing.style.width = `${width * scale}px`;
      drawing.style.height = `${height * scale}px`;
      const moved = drawing.getBoundingClientRect();
      frame.scrollLeft += moved.left - frameBox.left + pointX * scale - x;
      frame.scrollTop += moved.top - frameBox.top + pointY * scale - y;
      figure.dataset.scale = scale.toFixed(2);
    }

    const controls = document.createElement("div");
    controls.className = "ar-zoom";
    controls.setAttribute("role", "group");
    controls.setAttribute("aria-label", "Zoom");
    controls.append(
      button("Zoom in", "+", () => zoomTo(scale * STEP)),
      button("Zoom out", "−", () => zoomTo(scale / STEP)),
      button("Reset zoom", "Reset", () => zoomTo(1)),
    );
    figure.insertBefore(controls, frame);

    frame.addEventListener("wheel", (event) => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      const frameBox = frame.getBoundingClientRect();
      // In proportion to the wheel's turn: a pinch zooms as far as the fingers move, a notch by one step.
      const mode = event.deltaMode;  // read first: Firefox gives pixels to a page that reads deltaY first
      const pixels = event.deltaY * (mode === WheelEvent.DOM_DELTA_PAGE ? NOTCH : mode === WheelEvent.DOM_DELTA_LINE ? LINE : 1);
      const factor = STEP ** Math.max(-1, Math.min(1, -pixels / NOTCH));
      zoomTo(scale * factor, event.clientX - frameBox.left, event.clientY - frameBox.top);
    }, { passive: false });

    let drag = null;
    frame.addEventListener("pointerdown", (event) => {
      if (event.pointerType !== "mouse" || event.button !== 0) return;
      drag = { x: event.clientX, y: event.clientY, left: frame.scrollLeft, top: frame.scrollTop, moved: false };
    });
    frame.addEventListener("pointermove", (event) => {
      if (!drag) return;
      const dx = event.clientX - drag.x;
      const dy = event.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
      if (!drag.moved) frame.setPointerCapture(event.pointerId);
      drag.moved = true;
      frame.classList.add("ar-grabbing");
      frame.scrollLeft = drag.left - dx;
      frame.scrollTop = drag.top - dy;
    });
    const stop = () => {
      if (drag && drag.moved) {
        // A drag that ends on a node is not a click on its link.
        frame.addEventListener("click", (event) => event.preventDefault(), { capture: true, once: true });
        setTimeout(() => { drag = null; }, 0);
      } else {
        drag = null;
      }
      frame.classList.remove("ar-grabbing");
    };
    frame.addEventListener("pointerup", stop);
    frame.addEventListener("pointercancel", stop);
  }

  function highlighting(drawing) {
    const links = Array.from(drawing.querySelectorAll(".ar-node-link[data-node]"));
    const edges = Array.from(drawing.querySelectorAll(".ar-edge[data-ends]")).map((edge) => ({
      edge,
      ends: edge.dataset.ends.split(" "),
    }));
    if (!edges.length) return;

    function light(node) {
      const near = new Set([node]);
      for (const { edge, ends } of edges) {
        const touches = ends.includes(node);
        edge.classList.toggle("ar-lit", touches);
        if (touches) ends.forEach((end) => near.add(end));
      }
      for (const link of links) link.classList.toggle("ar-lit", near.has(link.dataset.node));
      drawing.classList.add("ar-dimmed");
    }

    function clear() {
      drawing.classList.remove("ar-dimmed");
      drawing.querySelectorAll(".ar-lit").forEach((element) => element.classList.remove("ar-lit"));
    }

    const nodeOf = (target) => target.closest && target.closest(".ar-node-link[data-node]");
    drawing.addEventListener("pointerover", (event) => {
      const link = nodeOf(event.target);
      if (link) light(link.dataset.node);
    });
    drawing.addEventListener("pointerout", (event) => {
      if (nodeOf(event.target) && !nodeOf(event.relatedTarget || document.body)) clear();
    });
    drawing.addEventListener("focusin", (event) => {
      const link = nodeOf(event.target);
      if (link) light(link.dataset.node);
    });
    drawing.addEventListener("focusout", clear);
  }

  // A drawing wider than its frame starts centred, where its middle (the entity, the densest part) is.
  function centre(frame) {
    frame.scrollLeft = (frame.scrollWidth - frame.clientWidth) / 2;
  }

  document.querySelectorAll(".ar-figure-svg.ar-zoomable").forEach(zoomable);
  document.querySelectorAll(".ar-figure-svg .ar-svg").forEach(highlighting);
  document.querySelectorAll(".ar-figure-svg .ar-drawing").forEach(centre);
})();
