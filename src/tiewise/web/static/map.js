// tiewise network map. Draws the server's layout (/network.json, tiewise/web/network.py) on a
// canvas and places the cluster labels over it as text, without overlap; pans and zooms by
// mouse (drag, wheel), touch (drag, pinch) and keyboard (arrows, + and −, 0); finds a person;
// a click or tap shows who it is in a panel with an "Open" link and never navigates by itself.
// Every word it shows comes from the page (data-* attributes of #map-app), translated by the
// server. Written for this project; no libraries.
(function () {
  "use strict";
  const app = document.getElementById("map-app");
  const canvas = document.getElementById("map");
  if (!app || !canvas) return;
  app.hidden = false;  // the controls are of use only with this script
  const wrap = document.getElementById("map-wrap");
  const layer = document.getElementById("map-labels");
  const tip = document.getElementById("tip");
  const note = document.getElementById("map-note");
  const status = document.getElementById("map-status");
  const form = document.getElementById("map-filters");
  const find = document.getElementById("map-find");
  const panel = document.getElementById("map-panel");
  const panelName = document.getElementById("map-panel-name");
  const panelDetail = document.getElementById("map-panel-detail");
  const panelOpen = document.getElementById("map-panel-open");
  const panelCluster = document.getElementById("map-panel-cluster");
  const panelClusterLine = document.getElementById("map-panel-cluster-line");
  const ctx = canvas.getContext("2d");
  const words = app.dataset;
  const language = document.documentElement.lang || "en";
  const css = getComputedStyle(document.documentElement);
  const fallback = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d",
                    "#1f78b4", "#b2df8a", "#fb9a99", "#cab2d6", "#6a3d9a"];
  const palette = fallback.map((c, k) => css.getPropertyValue("--map-c" + k).trim() || c);
  const grey = css.getPropertyValue("--map-none").trim() || "#9aa3b2";
  const MIN_ZOOM = 0.3, MAX_ZOOM = 40;  // relative to the scale that shows everything

  let data = null, shown = [], selected = null, fitted = false, fitScale = 1;
  const view = { scale: 1, x: 0, y: 0 };
  let size = { w: 0, h: 0 };
  const clusterOf = new Map();  // cluster index → its entry in data.clusters
  const labels = new Map();     // cluster index → { el, w, h }
  let names = [];               // normalised names, in the order of data.nodes
  let fixed = null;             // boxes labels keep off: the zoom buttons, the panel when open

  function fill(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
  }
  function number(n) { return Number(n).toLocaleString(language); }
  function colour(cluster) { return cluster < 0 ? grey : palette[cluster % palette.length]; }
  function clusterText(c) {
    const counts = c.count === null || c.count === undefined
      ? fill(words.people, { size: number(c.size) })
      : fill(words.of, { count: number(c.count), size: number(c.size) });
    return (c.label || "—") + " · " + counts;
  }
  function className(klass) {
    const key = "class" + klass.charAt(0).toUpperCase() + klass.slice(1);
    return words[key] || klass;
  }
  function normal(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  // --- the view: scale and offset, in CSS pixels ---------------------------------------------
  function fit() {
    let span = 1;
    for (const n of data.nodes) {
      const r = n.radius || 0;
      span = Math.max(span, Math.abs(n.x) + r, Math.abs(n.y) + r);
    }
    fitScale = Math.min(size.w, size.h) / (span * 2.2);
    view.scale = fitScale; view.x = size.w / 2; view.y = size.h / 2;
    fitted = true;
  }
  function screen(n) { return [view.x + n.x * view.scale, view.y + n.y * view.scale]; }
  function growth() { return Math.min(2.5, Math.max(0.7, Math.sqrt(view.scale / fitScale))); }
  function radius(n) {
    return data.mode === "clusters" ? Math.max(6, n.radius * view.scale) : (2 + 6 * n.strength) * growth();
  }
  function zoomAt(factor, px, py) {
    const target = Math.min(fitScale * MAX_ZOOM, Math.max(fitScale * MIN_ZOOM, view.scale * factor));
    const f = target / view.scale;
    view.x = px - (px - view.x) * f; view.y = py - (py - view.y) * f; view.scale = target;
    draw();
  }
  function pan(dx, dy) { view.x += dx; view.y += dy; draw(); }
  function centreOn(n, scale) {
    view.scale = Math.max(view.scale, scale);
    view.x = size.w / 2 - n.x * view.scale; view.y = size.h / 2 - n.y * view.scale;
  }

  function resize() {
    const w = canvas.clientWidth, h = canvas.clientHeight;
    if (!w || !h) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(w * ratio); canvas.height = Math.round(h * ratio);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    if (fitted) { view.x += (w - size.w) / 2; view.y += (h - size.h) / 2; }
    size = { w, h };
    fixed = null;
    if (data) { if (!fitted) fit(); draw(); }
  }

  // --- drawing -------------------------------------------------------------------------------
  function visible() {
    const klass = form.elements["class"].value, cluster = form.elements["cluster"].value;
    const relevance = parseFloat(form.elements["relevance"].value || "0");
    if (data.mode === "clusters") {
      return data.nodes.filter(n => cluster === "" || String(n.cluster) === cluster);
    }
    return data.nodes.filter(n => (klass === "" || n["class"] === klass)
      && (cluster === "" || String(n.cluster) === cluster) && n.relevance >= relevance);
  }

  function ring(n, extra, width, stroke) {
    const [x, y] = screen(n);
    ctx.beginPath(); ctx.arc(x, y, radius(n) + extra, 0, 2 * Math.PI);
    ctx.lineWidth = width; ctx.strokeStyle = stroke; ctx.stroke();
  }

  function draw() {
    if (!data || !size.w) return;
    ctx.clearRect(0, 0, size.w, size.h);
    shown = visible();
    const keep = new Set(shown);
    ctx.strokeStyle = "rgba(120,130,150,0.25)";
    if (data.mode === "contacts") {  // all links in one path: one stroke, not thousands
      ctx.lineWidth = 0.5;
      ctx.beginPath();
      for (const [a, b] of data.edges) {
        const na = data.nodes[a], nb = data.nodes[b];
        if (!keep.has(na) || !keep.has(nb)) continue;
        const [x1, y1] = screen(na), [x2, y2] = screen(nb);
        ctx.moveTo(x1, y1); ctx.lineTo(x2, y2);
      }
      ctx.stroke();
    } else {
      for (const [a, b, count] of data.edges) {
        const na = data.nodes[a], nb = data.nodes[b];
        if (!keep.has(na) || !keep.has(nb)) continue;
        const [x1, y1] = screen(na), [x2, y2] = screen(nb);
        ctx.lineWidth = Math.min(8, 0.5 + Math.log1p(count));
        ctx.beginPath(); ctx.moveTo(x1, y1); ctx.lineTo(x2, y2); ctx.stroke();
      }
    }
    const byColour = new Map();  // one path per colour: one fill, not one per node
    for (const n of shown) {
      const key = colour(n.cluster);
      if (!byColour.has(key)) byColour.set(key, []);
      byColour.get(key).push(n);
    }
    for (const [key, members] of byColour) {
      ctx.beginPath();
      for (const n of members) {
        const [x, y] = screen(n), r = radius(n);
        ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 2 * Math.PI);
      }
      ctx.fillStyle = key; ctx.fill();
    }
    ctx.beginPath();
    for (const n of shown) {
      if (!n.bridge) continue;
      const [x, y] = screen(n), r = radius(n);
      ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 2 * Math.PI);
    }
    ctx.lineWidth = 2; ctx.strokeStyle = "#111"; ctx.stroke();
    if (selected && keep.has(selected)) { ring(selected, 3, 3, "#f2b134"); ring(selected, 6, 1.5, "#1d2430"); }
    // me, in the centre of the layout
    ctx.beginPath(); ctx.arc(view.x, view.y, 10, 0, 2 * Math.PI);
    ctx.fillStyle = "#1d2430"; ctx.fill();
    ctx.fillStyle = "#fff"; ctx.font = "bold 10px system-ui, sans-serif";
    ctx.textAlign = "center"; ctx.textBaseline = "middle";
    ctx.fillText(words.me || "me", view.x, view.y);
    ctx.textAlign = "start"; ctx.textBaseline = "alphabetic";
    if (document.activeElement === canvas) {  // where Enter looks
      ctx.beginPath(); ctx.lineWidth = 1; ctx.strokeStyle = "#5b6474";
      ctx.moveTo(size.w / 2 - 8, size.h / 2); ctx.lineTo(size.w / 2 + 8, size.h / 2);
      ctx.moveTo(size.w / 2, size.h / 2 - 8); ctx.lineTo(size.w / 2, size.h / 2 + 8);
      ctx.stroke();
    }
    canvas.dataset.nodesDrawn = String(shown.length);
    canvas.dataset.view = [view.scale.toFixed(5), view.x.toFixed(1), view.y.toFixed(1)].join(" ");
    const told = data.mode === "clusters"
      ? fill(words.clustersNote, { contacts: number(data.contacts), clusters: number(data.clusters.length) })
      : fill(words.shown, { shown: number(shown.length), total: number(data.nodes.length) });
    if (note.textContent !== told) note.textContent = told;  // unchanged text: no new layout
    placeLabels(keep);
  }

  // --- labels: HTML over the canvas, placed greedily where they overlap nothing ---------------
  function labelOf(c) {
    if (!labels.has(c.index)) {
      const el = document.createElement("span");
      el.className = "map-label";
      el.textContent = clusterText(c);
      el.style.borderLeftColor = colour(c.index);
      el.dataset.cluster = String(c.index);
      layer.appendChild(el);
      labels.set(c.index, { el, w: el.offsetWidth, h: el.offsetHeight });
    }
    return labels.get(c.index);
  }

  function anchors(keep) {
    const found = new Map();  // cluster index → { x, y, r }
    if (data.mode === "clusters") {
      for (const n of data.nodes) {
        if (n.cluster < 0 || !keep.has(n)) continue;
        const [x, y] = screen(n);
        found.set(n.cluster, { x, y, r: radius(n) });
      }
      return found;
    }
    const sums = new Map();  // the drawn members: their mean and root-mean-square spread
    for (const n of keep) {
      if (n.cluster < 0) continue;
      const [x, y] = screen(n);
      const s = sums.get(n.cluster) || { x: 0, y: 0, xx: 0, yy: 0, count: 0 };
      s.x += x; s.y += y; s.xx += x * x; s.yy += y * y; s.count += 1; sums.set(n.cluster, s);
    }
    for (const [index, s] of sums) {
      const x = s.x / s.count, y = s.y / s.count;
      const spread = Math.sqrt(Math.max(0, s.xx / s.count - x * x + s.yy / s.count - y * y));
      found.set(index, { x, y, r: spread });
    }
    return found;
  }

  function overlaps(a, list) {
    const gap = 3;
    return list.some(b => a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap);
  }

  function placeLabels(keep) {
    const at = anchors(keep);
    if (!fixed) {  // measured once per size or panel: a redraw forces no layout of the page
      fixed = [];
      const outer = wrap.getBoundingClientRect();
      for (const el of [wrap.querySelector(".map-zoom"), panel]) {
        if (!el || el.hidden) continue;
        const box = el.getBoundingClientRect();
        fixed.push({ x: box.left - outer.left, y: box.top - outer.top, w: box.width, h: box.height });
      }
    }
    const placed = [{ x: view.x - 12, y: view.y - 12, w: 24, h: 24 }, ...fixed];  // me, buttons
    if (data.mode === "clusters") {  // a label keeps off every circle, not only its own
      for (const [, a] of at) placed.push({ x: a.x - a.r, y: a.y - a.r, w: 2 * a.r, h: 2 * a.r });
    }
    const order = [...data.clusters].sort((a, b) => b.size - a.size);
    for (const c of order) {
      const label = labelOf(c), anchor = at.get(c.index);
      if (!anchor || anchor.x < 0 || anchor.y < 0 || anchor.x > size.w || anchor.y > size.h) {
        label.el.hidden = true;  // its people are out of view: no label pointing elsewhere
        continue;
      }
      const { w, h } = label, r = Math.max(anchor.r, 8);
      const left = anchor.x - w / 2;
      const candidates = data.mode === "clusters"
        ? [[anchor.x + r + 4, anchor.y - h / 2], [anchor.x - r - 4 - w, anchor.y - h / 2],
           [left, anchor.y - r - h - 4], [left, anchor.y + r + 4], [left, anchor.y - h / 2]]
        : [[left, anchor.y - r - h - 4], [left, anchor.y - h / 2], [left, anchor.y + r + 4]];
      for (let step = 1; step <= 4; step++) {
        const dx = step * (w / 2 + 6), dy = step * (h + 4);
        candidates.push([left, anchor.y - h / 2 - dy], [left, anchor.y - h / 2 + dy],
                        [left - dx, anchor.y - h / 2], [left + dx, anchor.y - h / 2],
                        [left - dx, anchor.y - h / 2 - dy], [left + dx, anchor.y - h / 2 - dy],
                        [left - dx, anchor.y - h / 2 + dy], [left + dx, anchor.y - h / 2 + dy]);
      }
      let spot = null;
      for (const [x, y] of candidates) {
        const box = { x, y, w, h };
        if (x < 2 || y < 2 || x + w > size.w - 2 || y + h > size.h - 2) continue;
        if (!overlaps(box, placed)) { spot = box; break; }
      }
      if (!spot) { label.el.hidden = true; continue; }
      placed.push(spot);
      label.el.hidden = false;
      label.el.style.transform = "translate(" + Math.round(spot.x) + "px," + Math.round(spot.y) + "px)";
    }
  }

  // --- who is where --------------------------------------------------------------------------
  function nodeAt(px, py, reach) {
    let best = null, bestDistance = Infinity;
    for (const n of shown) {
      const [x, y] = screen(n);
      const d = Math.hypot(x - px, y - py);
      if (d <= Math.max(reach, radius(n) + 2) && d < bestDistance) { best = n; bestDistance = d; }
    }
    return best;
  }

  function select(n) {
    selected = n;
    panelOpen.hidden = false;
    if (data.mode === "contacts") {
      canvas.dataset.highlighted = String(n.id);
      panelName.textContent = n.name;
      const c = clusterOf.get(n.cluster);
      const parts = [n.organisation || words.noOrganisation, className(n["class"])];
      if (n.bridge) parts.push(words.bridge);
      panelDetail.textContent = parts.join(" · ");
      panelClusterLine.hidden = false;
      panelCluster.textContent = c ? clusterText(c) : words.unclustered;
      panelOpen.href = "/contacts/" + n.id;
      panelOpen.textContent = words.open;
    } else {
      canvas.dataset.highlighted = "cluster " + n.cluster;
      panelClusterLine.hidden = true;
      const c = clusterOf.get(n.cluster);
      panelName.textContent = c ? clusterText(c) : words.unclustered;
      panelDetail.textContent = fill(words.people, { size: number(n.size) });
      if (n.cluster < 0) { panelOpen.hidden = true; }
      else { panelOpen.href = "/contacts?cluster=" + n.cluster; panelOpen.textContent = words.listCluster; }
    }
    panel.hidden = false;
    fixed = null;
    draw();
  }

  function closePanel() {
    selected = null;
    panel.hidden = true;
    fixed = null;
    canvas.dataset.highlighted = "";
    draw();
  }

  function hover(p) {
    const n = nodeAt(p.x, p.y, 8);
    if (!n) { tip.hidden = true; return; }
    tip.hidden = false;
    tip.textContent = data.mode === "clusters"
      ? (clusterOf.has(n.cluster) ? clusterText(clusterOf.get(n.cluster)) : words.unclustered)
      : n.name + " · " + (n.organisation || words.noOrganisation) + " · " + className(n["class"]);
    tip.style.left = Math.min(p.x + 12, Math.max(0, size.w - tip.offsetWidth - 4)) + "px";
    tip.style.top = Math.min(p.y + 12, Math.max(0, size.h - tip.offsetHeight - 4)) + "px";
  }

  // --- pointer: drag pans, a pinch zooms, a tap selects ---------------------------------------
  const pointers = new Map();
  let gesture = null;
  function point(event) {
    const box = canvas.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  }
  function pinch() {
    const [a, b] = [...pointers.values()];
    return { d: Math.hypot(a.x - b.x, a.y - b.y) || 1, x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  }
  canvas.addEventListener("pointerdown", event => {
    if (event.pointerType === "mouse" && event.button !== 0) return;
    canvas.setPointerCapture(event.pointerId);
    const p = point(event);
    pointers.set(event.pointerId, p);
    tip.hidden = true;
    if (pointers.size === 1) gesture = { start: p, last: p, moved: false, pinched: false, pinch: null };
    else if (gesture && pointers.size === 2) { gesture.pinched = true; gesture.pinch = pinch(); }
  });
  canvas.addEventListener("pointermove", event => {
    const p = point(event);
    if (!pointers.has(event.pointerId)) { if (event.pointerType === "mouse") hover(p); return; }
    pointers.set(event.pointerId, p);
    if (!gesture) return;
    if (pointers.size >= 2 && gesture.pinch) {
      const now = pinch();
      view.x += now.x - gesture.pinch.x; view.y += now.y - gesture.pinch.y;
      zoomAt(now.d / gesture.pinch.d, now.x, now.y);
      gesture.pinch = now;
      return;
    }
    const slop = event.pointerType === "mouse" ? 3 : 8;
    if (!gesture.moved && Math.hypot(p.x - gesture.start.x, p.y - gesture.start.y) > slop) {
      gesture.moved = true; canvas.classList.add("dragging");
    }
    if (gesture.moved) pan(p.x - gesture.last.x, p.y - gesture.last.y);
    gesture.last = p;
  });
  function release(event, cancelled) {
    if (!pointers.has(event.pointerId)) return;
    pointers.delete(event.pointerId);
    if (!gesture) return;
    if (pointers.size === 1) {  // a pinch ended: the other finger pans on from where it is
      gesture.pinch = null; gesture.moved = true; gesture.last = [...pointers.values()][0];
      return;
    }
    if (pointers.size > 0) return;
    const tap = !gesture.moved && !gesture.pinched && !cancelled;
    gesture = null;
    canvas.classList.remove("dragging");
    if (!tap) return;
    const p = point(event);
    const n = nodeAt(p.x, p.y, event.pointerType === "mouse" ? 8 : 18);
    if (n) select(n); else if (!panel.hidden) closePanel();
  }
  canvas.addEventListener("pointerup", event => release(event, false));
  canvas.addEventListener("pointercancel", event => release(event, true));
  canvas.addEventListener("pointerleave", event => { if (event.pointerType === "mouse") tip.hidden = true; });
  canvas.addEventListener("wheel", event => {
    event.preventDefault();
    const lines = event.deltaMode === 1 ? 33 : event.deltaMode === 2 ? 400 : 1;
    const delta = Math.max(-200, Math.min(200, event.deltaY * lines));
    const p = point(event);
    zoomAt(Math.exp(-delta * 0.002), p.x, p.y);
  }, { passive: false });

  // --- keyboard: arrows pan, + and − zoom, 0 fits, Enter shows who is nearest the centre ------
  canvas.addEventListener("keydown", event => {
    if (!data || event.altKey || event.ctrlKey || event.metaKey) return;
    const step = event.shiftKey ? 160 : 40;
    switch (event.key) {
      case "ArrowLeft": pan(step, 0); break;
      case "ArrowRight": pan(-step, 0); break;
      case "ArrowUp": pan(0, step); break;
      case "ArrowDown": pan(0, -step); break;
      case "+": case "=": zoomAt(1.25, size.w / 2, size.h / 2); break;
      case "-": case "_": case "−": zoomAt(0.8, size.w / 2, size.h / 2); break;
      case "0": case "Home": fit(); draw(); break;
      case "Enter": case " ": {
        const n = nodeAt(size.w / 2, size.h / 2, 40);
        if (n) select(n);
        break;
      }
      case "Escape": if (panel.hidden) return; closePanel(); break;
      default: return;
    }
    event.preventDefault();
  });
  canvas.addEventListener("focus", () => draw());
  canvas.addEventListener("blur", () => draw());
  for (const button of wrap.querySelectorAll(".map-zoom button")) {
    button.addEventListener("click", () => {
      if (!data) return;
      const how = button.dataset.zoom;
      if (how === "fit") { fit(); draw(); }
      else zoomAt(how === "in" ? 1.25 : 0.8, size.w / 2, size.h / 2);
    });
  }
  document.getElementById("map-panel-close").addEventListener("click", () => { closePanel(); canvas.focus(); });
  form.addEventListener("change", draw);
  form.addEventListener("submit", event => event.preventDefault());

  // --- find a person --------------------------------------------------------------------------
  function matches(query) {  // whole name, then its start, then a word's start, then anywhere
    const wanted = normal(query);
    if (!wanted) return [];
    const rank = name => name === wanted ? 0 : name.startsWith(wanted) ? 1
      : name.split(/\s+/).some(word => word.startsWith(wanted)) ? 2 : name.includes(wanted) ? 3 : 4;
    return data.nodes.map((n, k) => [rank(names[k]), names[k], n])
      .filter(([r]) => r < 4).sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1])).map(m => m[2]);
  }
  let lastQuery = null, lastIndex = 0;
  if (find) {
    find.addEventListener("submit", event => {
      if (!data || data.mode !== "contacts") return;  // the contact search takes it
      event.preventDefault();
      const query = find.elements["q"].value;
      const found = matches(query);
      if (!found.length) { status.textContent = fill(words.notFound, { query }); return; }
      lastIndex = normal(query) === lastQuery ? (lastIndex + 1) % found.length : 0;
      lastQuery = normal(query);
      const n = found[lastIndex];
      if (!visible().includes(n)) form.reset();
      centreOn(n, fitScale * 3);
      select(n);
      status.textContent = fill(words.found, { name: n.name })
        + (found.length > 1 ? " " + fill(words.more, { index: lastIndex + 1, total: found.length }) : "");
    });
  }

  // --- start ----------------------------------------------------------------------------------
  fetch("/network.json").then(r => r.json()).then(json => {
    data = json;
    for (const c of data.clusters) clusterOf.set(c.index, c);
    if (data.mode === "clusters") {
      form.elements["class"].disabled = true; form.elements["relevance"].disabled = true;
      if (find) find.hidden = true;
    } else {
      names = data.nodes.map(n => normal(n.name));
      const list = document.getElementById("map-people");
      if (list) {
        const seen = new Set();
        for (const n of data.nodes) {
          if (seen.has(n.name)) continue;
          seen.add(n.name);
          const option = document.createElement("option");
          option.value = n.name;
          list.appendChild(option);
        }
      }
    }
    if (typeof ResizeObserver === "function") new ResizeObserver(resize).observe(wrap);
    else window.addEventListener("resize", resize);
    resize();
  });
})();
