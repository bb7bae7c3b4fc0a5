// The overview page: polls data.json (same key as the page) and draws the figures; no libraries, no internet.
"use strict";
(function () {
  const POLL_MS = 5000;
  const COLORS = ["#1a5fb4", "#c64600", "#2e7d32", "#8e24aa", "#00838f"];
  const state = { data: null, list: 0, updates: 0, lastOk: null };
  window.overviewState = state; // read by the browser tests

  const $ = (id) => document.getElementById(id);
  const dataUrl = () => { const u = new URL("data.json", location.href); u.search = location.search; return u; };

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function timeFormat(tz) {
    try { return new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", timeZone: tz }); }
    catch (e) { return new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", timeZone: "UTC" }); }
  }

  function ago(seconds) {
    if (seconds === null || seconds === undefined) return "never";
    if (seconds < 60) return seconds + " s ago";
    if (seconds < 3600) return Math.floor(seconds / 60) + " min ago";
    return Math.floor(seconds / 3600) + " h " + Math.floor((seconds % 3600) / 60) + " min ago";
  }

  const REASONS = { already_redeemed: "already used", unknown_ticket: "unknown", unpaid: "unpaid",
    product: "wrong product", blocked: "blocked", invalid_time: "not valid now" };

  function refusedText(refused) {
    const parts = Object.keys(refused).map((r) => refused[r] + " " + (REASONS[r] || r.replace(/_/g, " ")));
    return parts.length ? parts.join(", ") : "0";
  }

  function renderTotals(d) {
    $("event").textContent = d.event.name;
    $("admitted").textContent = d.totals.admitted + " / " + d.totals.expected;
    $("to-come").textContent = d.totals.to_come;
    $("scans").textContent = d.totals.scans_15min;
    $("refused").textContent = d.totals.refused;
    document.title = d.event.name + ": " + d.totals.admitted + " in";
  }

  function renderStations(d, fmt) {
    const body = $("stations").tBodies[0];
    body.replaceChildren();
    for (const s of d.stations) {
      const row = el("tr");
      if (s.silent) row.className = "silent";
      const name = el("td", s.name);
      if (s.silent) name.append(" ", el("span", "silent", "flag"));
      if (s.revoked) name.append(" ", el("span", "(revoked)", "muted"));
      const cells = [
        ["Station", name], ["Last seen", el("td", ago(s.seconds_ago))],
        ["Scans 15 min", el("td", s.scans_15min, "n")], ["Admitted", el("td", s.admitted, "n")],
        ["Refused", el("td", refusedText(s.refused))], ["Offline uploads", el("td", s.offline_uploads, "n")],
        ["Last problem", el("td", s.last_problem ? fmt.format(new Date(s.last_problem.time)) + " " +
          s.last_problem.text.replace(s.name + ": ", "") : "–")],
        ["Address", el("td", s.address || "–")],
      ];
      for (const [label, cell] of cells) { cell.dataset.label = label; row.append(cell); }
      body.append(row);
    }
  }

  function renderProblems(d, fmt) {
    const list = $("problems");
    list.replaceChildren();
    if (!d.problems.length) { list.append(el("li", "No problems so far.", "empty")); return; }
    for (const p of d.problems) {
      const item = el("li", null, "kind-" + p.kind);
      item.append(el("span", fmt.format(new Date(p.time)) + " ", "muted"), p.text);
      list.append(item);
    }
  }

  function renderLists(d) {
    const box = $("lists");
    box.replaceChildren();
    const lists = d.arrivals.lists;
    if (state.list >= lists.length) state.list = 0;
    lists.forEach((l, i) => {
      const line = el("p", null, "muted");
      const name = lists.length > 1 ? el("button", l.name) : el("strong", l.name);
      if (lists.length > 1) name.addEventListener("click", () => { state.list = i; render(); });
      line.append(name, ": " + l.admitted + " of " + l.expected + " checked in, " + l.to_come + " still to come");
      box.append(line);
    });
  }

  function drawChart(d, fmt) {
    const canvas = $("chart");
    const box = canvas.parentElement;
    const ratio = window.devicePixelRatio || 1;
    const width = box.clientWidth, height = box.clientHeight;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const g = canvas.getContext("2d");
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);
    const a = d.arrivals;
    const l = a.lists[state.list];
    if (!l) { canvas.dataset.bars = "0"; return; }
    const pad = { left: 36, right: 44, top: 12, bottom: 26 };
    const w = width - pad.left - pad.right, h = height - pad.top - pad.bottom;
    const n = a.buckets;
    // Scale tops are multiples of 4 (at least 4): each of the four grid steps is a whole count.
    const scaleTop = (v) => Math.max(4, Math.ceil(v / 4) * 4);
    const maxBar = scaleTop(Math.max(0, ...l.per_bucket));
    const maxCum = scaleTop(Math.max(0, l.expected, ...l.cumulative));
    const x = (i) => pad.left + (i / n) * w;
    const color = COLORS[state.list % COLORS.length];
    g.font = "11px sans-serif";
    g.fillStyle = "#5f6368";
    g.strokeStyle = "#e3e5e8";
    g.lineWidth = 1;
    for (let k = 0; k <= 4; k++) { // grid and both scales
      const yy = pad.top + h - (k / 4) * h;
      g.beginPath(); g.moveTo(pad.left, yy); g.lineTo(pad.left + w, yy); g.stroke();
      g.textAlign = "right"; g.fillText(String((maxBar * k) / 4), pad.left - 4, yy + 4);
      g.textAlign = "left"; g.fillText(String((maxCum * k) / 4), pad.left + w + 4, yy + 4);
    }
    const start = new Date(a.start).getTime();
    const stepMs = a.bucket_minutes * 60000;
    const labelEvery = Math.max(1, Math.ceil(n / Math.max(2, Math.floor(w / 70))));
    g.textAlign = "center";
    for (let i = 0; i <= n; i += labelEvery) g.fillText(fmt.format(new Date(start + i * stepMs)), x(i), height - 8);
    let bars = 0;
    g.fillStyle = color + "88";
    const barW = Math.max(1, w / n - (w / n > 4 ? 1 : 0));
    l.per_bucket.forEach((v, i) => {
      if (!v) return;
      bars++;
      const bh = (v / maxBar) * h;
      g.fillRect(x(i), pad.top + h - bh, barW, bh);
    });
    g.setLineDash([6, 4]); g.strokeStyle = "#2e7d32"; g.lineWidth = 2; // expected total
    const ye = pad.top + h - (l.expected / maxCum) * h;
    g.beginPath(); g.moveTo(pad.left, ye); g.lineTo(pad.left + w, ye); g.stroke();
    g.setLineDash([]); g.strokeStyle = color; g.lineWidth = 2.5; // admitted so far
    g.beginPath();
    l.cumulative.forEach((v, i) => {
      const yy = pad.top + h - (v / maxCum) * h;
      if (i === 0) g.moveTo(x(i), yy); else g.lineTo(x(i), yy);
      g.lineTo(x(i + 1), yy);
    });
    g.stroke();
    canvas.dataset.bars = String(bars);
    $("chart-note").textContent = "(" + l.name + ", " + a.bucket_minutes + "-minute steps)";
  }

  function render() {
    const d = state.data;
    if (!d) return;
    const fmt = timeFormat(d.event.timezone);
    renderTotals(d);
    renderLists(d);
    drawChart(d, fmt);
    renderStations(d, fmt);
    renderProblems(d, fmt);
  }

  async function poll() {
    try {
      const response = await fetch(dataUrl(), { cache: "no-store", credentials: "omit" });
      if (response.status === 403) {
        $("updated").textContent = "This link's key is no longer valid: ask the host for a new one.";
        $("updated").className = "stale";
        return; // no more polling
      }
      if (!response.ok) throw new Error("HTTP " + response.status);
      state.data = await response.json();
      state.updates++;
      state.lastOk = new Date();
      $("updated").textContent = "Updated " + state.lastOk.toLocaleTimeString() + ", every " + POLL_MS / 1000 + " s";
      $("updated").className = "muted";
      render();
    } catch (e) {
      const since = state.lastOk ? state.lastOk.toLocaleTimeString() : "the start";
      $("updated").textContent = "Not updated since " + since + ": the host does not answer. Retrying…";
      $("updated").className = "stale";
    }
    setTimeout(poll, POLL_MS);
  }

  let resizeTimer = null;
  window.addEventListener("resize", () => { clearTimeout(resizeTimer); resizeTimer = setTimeout(render, 100); });
  poll();
})();
