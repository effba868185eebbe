// tiewise network map: draws the server's layout on a canvas; hover, click, filter, zoom.
// Written for this project; no libraries. Data: /network.json (see tiewise/web/network.py).
(function () {
  "use strict";
  const canvas = document.getElementById("map");
  const tip = document.getElementById("tip");
  const note = document.getElementById("map-note");
  const form = document.getElementById("map-filters");
  const ctx = canvas.getContext("2d");
  const palette = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d",
                   "#1f78b4", "#b2df8a", "#fb9a99", "#cab2d6", "#6a3d9a"];
  let data = null, view = { scale: 1, x: 0, y: 0 }, shown = [];

  function colour(cluster) { return cluster < 0 ? "#9aa3b2" : palette[cluster % palette.length]; }

  function fit() {
    const xs = data.nodes.map(n => n.x), ys = data.nodes.map(n => n.y);
    const span = Math.max(Math.max(...xs.map(Math.abs)), Math.max(...ys.map(Math.abs)), 1) * 2.2;
    view.scale = Math.min(canvas.width, canvas.height) / span;
    view.x = canvas.width / 2; view.y = canvas.height / 2;
  }
  function screen(n) { return [view.x + n.x * view.scale, view.y + n.y * view.scale]; }

  function visible() {
    const klass = form.elements["class"].value, cluster = form.elements["cluster"].value;
    const relevance = parseFloat(form.elements["relevance"].value || "0");
    if (data.mode === "clusters") {
      return data.nodes.filter(n => cluster === "" || String(n.cluster) === cluster);
    }
    return data.nodes.filter(n => (klass === "" || n["class"] === klass)
      && (cluster === "" || String(n.cluster) === cluster) && n.relevance >= relevance);
  }

  function draw() {
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    shown = visible();
    const keep = new Set(shown.map((n, i) => data.mode === "clusters" ? n.cluster : n.id));
    ctx.lineWidth = 0.5;
    ctx.strokeStyle = "rgba(120,130,150,0.25)";
    if (data.mode === "contacts") {  // all links in one path: one stroke, not thousands
      ctx.beginPath();
      for (const [a, b] of data.edges) {
        const na = data.nodes[a], nb = data.nodes[b];
        if (!keep.has(na.id) || !keep.has(nb.id)) continue;
        const [x1, y1] = screen(na), [x2, y2] = screen(nb);
        ctx.moveTo(x1, y1); ctx.lineTo(x2, y2);
      }
      ctx.stroke();
    } else {
      for (const [a, b, count] of data.edges) {
        const na = data.nodes[a], nb = data.nodes[b];
        const [x1, y1] = screen(na), [x2, y2] = screen(nb);
        ctx.lineWidth = Math.min(8, 0.5 + Math.log1p(count));
        ctx.beginPath(); ctx.moveTo(x1, y1); ctx.lineTo(x2, y2); ctx.stroke();
      }
    }
    const radius = n => data.mode === "clusters" ? Math.max(6, n.radius * view.scale) : 2 + 6 * n.strength;
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
    if (data.mode === "clusters") {
      ctx.fillStyle = "#1d2430"; ctx.font = "12px system-ui";
      for (const n of shown) {
        const [x, y] = screen(n);
        ctx.fillText((n.label || "—") + " (" + n.size + ")", x + radius(n) + 4, y + 4);
      }
    }
    if (data.mode === "contacts") {  // a label at the centre of each cluster's drawn members
      const centres = new Map();
      for (const n of shown) {
        if (n.cluster < 0) continue;
        const [x, y] = screen(n);
        const c = centres.get(n.cluster) || { x: 0, y: 0, count: 0 };
        c.x += x; c.y += y; c.count += 1; centres.set(n.cluster, c);
      }
      ctx.fillStyle = "#1d2430"; ctx.font = "bold 12px system-ui";
      for (const cluster of data.clusters) {
        const c = centres.get(cluster.index);
        if (c) ctx.fillText(cluster.label, c.x / c.count - 30, c.y / c.count - 40);
      }
    }
    ctx.beginPath(); ctx.arc(view.x, view.y, 9, 0, 2 * Math.PI);
    ctx.fillStyle = "#1d2430"; ctx.fill();
    ctx.fillStyle = "#fff"; ctx.font = "bold 10px system-ui"; ctx.fillText("me", view.x - 8, view.y + 3);
    canvas.dataset.nodesDrawn = String(shown.length);
    note.textContent = data.mode === "clusters"
      ? data.contacts + " contacts in " + data.clusters.length + " clusters (one circle per cluster)"
      : shown.length + " / " + data.nodes.length;
  }

  function nearest(event) {
    const box = canvas.getBoundingClientRect();
    const mx = (event.clientX - box.left) * canvas.width / box.width;
    const my = (event.clientY - box.top) * canvas.height / box.height;
    let best = null, bestDistance = 144;
    for (const n of shown) {
      const [x, y] = screen(n);
      const d = (x - mx) ** 2 + (y - my) ** 2;
      const reach = data.mode === "clusters" ? Math.max(144, (n.radius * view.scale) ** 2) : bestDistance;
      if (d < reach && (best === null || d < bestDistance)) { best = n; bestDistance = d; }
    }
    return [best, event.clientX - box.left, event.clientY - box.top];
  }

  canvas.addEventListener("mousemove", event => {
    const [n, x, y] = nearest(event);
    if (!n) { tip.hidden = true; return; }
    tip.hidden = false; tip.style.left = (x + 12) + "px"; tip.style.top = (y + 12) + "px";
    tip.textContent = data.mode === "clusters" ? (n.label || "—") + ": " + n.size
      : n.name + " · " + (n.organisation || "—") + " · " + n["class"];
  });
  canvas.addEventListener("click", event => {
    const [n] = nearest(event);
    if (!n) return;
    if (data.mode === "clusters") { location.href = "/contacts?cluster=" + n.cluster; }
    else { location.href = "/contacts/" + n.id; }
  });
  canvas.addEventListener("wheel", event => {
    event.preventDefault();
    const factor = event.deltaY < 0 ? 1.2 : 1 / 1.2;
    view.scale *= factor; draw();
  }, { passive: false });
  form.addEventListener("change", draw);

  fetch("/network.json").then(r => r.json()).then(json => {
    data = json;
    const select = form.elements["cluster"];
    for (const c of data.clusters) {
      const option = document.createElement("option");
      option.value = c.index; option.textContent = c.label + " (" + c.size + ")";
      select.appendChild(option);
    }
    if (data.mode === "clusters") { form.elements["class"].disabled = true; form.elements["relevance"].disabled = true; }
    fit(); draw();
  });
})();
