// EvoMerge dashboard page. Two modes with one drawing code: live (served by `evomerge dashboard`,
// trial points arrive as Server-Sent Events) and static (report/index.html, data embedded in the page).
(function () {
  'use strict';

  const embedded = document.getElementById('evomerge-data');
  const data = embedded ? JSON.parse(embedded.textContent) : null;
  const token = new URLSearchParams(location.search).get('token');
  const FAIL = 'rgba(198,40,40,0.9)';
  const COLORS = ['#1e88e5', '#e53935', '#43a047', '#fb8c00', '#8e24aa', '#00897b', '#6d4c41', '#546e7a'];

  // p = [id, generation, failed, genes, objectives, metrics, seconds, reason, metadata]
  const ID = 0, GEN = 1, FAILED = 2, GENES = 3, OBJ = 4, METRICS = 5, SECONDS = 6, REASON = 7, META = 8;

  const state = { runs: [], current: 0, charts: {}, observers: {}, selected: null, dirty: false, importanceAt: -1, compareAt: -1 };
  window.evomerge = state;

  function api(path) {
    return 'api/' + path + (token ? (path.includes('?') ? '&' : '?') + 'token=' + encodeURIComponent(token) : '');
  }

  function getJson(path) {
    return fetch(api(path)).then(r => r.ok ? r.json() : r.text().then(t => { throw new Error(t); }));
  }

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function fmt(v) {
    if (v === null || v === undefined) return '';
    if (typeof v !== 'number') return String(v);
    return Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(3) : String(Math.round(v * 1e4) / 1e4);
  }

  // ---------- data ----------

  function addRun(meta) {
    const run = { meta, points: [], byId: new Map(), cursor: 0, finished: meta.finished, problem: meta.problem || null, importance: null, details: {} };
    state.runs.push(run);
    const option = el('option', { value: String(state.runs.length - 1) }, meta.name);
    document.getElementById('run-select').appendChild(option);
    return run;
  }

  function addPoints(run, payload) {
    for (const p of payload.points) {
      if (run.byId.has(p[ID])) continue;
      run.byId.set(p[ID], p);
      run.points.push(p);
    }
    run.cursor = payload.cursor;
    run.finished = payload.finished;
    scheduleRender();
  }

  // A categorical gene (a searched merge method) holds a value in [0, 1] naming category floor(value * count),
  // clamped to the ends (CategoryBins on the server); every view shows that name instead of the number.
  function labelsOf(run, g) {
    const c = run.meta.categories;
    return c && c[g] ? c[g] : null;
  }

  function geneText(run, g, x) {
    const labels = labelsOf(run, g);
    if (!labels || x === null || x === undefined) return x;
    return labels[Math.min(labels.length - 1, Math.max(0, Math.floor(Math.min(1, Math.max(0, x)) * labels.length)))];
  }

  function categoricalGenes(run) {
    return run.meta.genes.map((_, g) => g).filter(g => labelsOf(run, g));
  }

  function completed(run) { return run.points.filter(p => !p[FAILED] && p[OBJ] && p[OBJ].every(v => v !== null)); }

  // Non-dominated completed points. Sorted lexicographically (minimization), a point can only be
  // dominated by one before it, and then by one already on the front.
  function paretoFront(run) {
    const max = run.meta.objectives.map(o => o.maximize);
    const pts = completed(run).map(p => ({ p, v: p[OBJ].map((x, k) => max[k] ? -x : x) }));
    pts.sort((a, b) => { for (let k = 0; k < a.v.length; k++) if (a.v[k] !== b.v[k]) return a.v[k] - b.v[k]; return a.p[ID] - b.p[ID]; });
    const front = [];
    for (const c of pts) {
      const dominated = front.some(f => f.v.every((x, k) => x <= c.v[k]) && f.v.some((x, k) => x < c.v[k]));
      const duplicate = front.some(f => f.v.every((x, k) => x === c.v[k]));
      if (!dominated && !duplicate) front.push(c);
    }
    return front.map(f => f.p);
  }

  // ---------- charts ----------

  function chart(sectionId, key, height) {
    const id = sectionId + ':' + key;
    let c = state.charts[id];
    if (!c) {
      const div = el('div', { class: 'chart', 'data-chart': id });
      if (height) div.style.height = height + 'px';
      document.querySelector('#' + sectionId + ' .charts').appendChild(div);
      c = echarts.init(div, null, { renderer: 'canvas' });
      // A chart added beside this one shrinks it (flex layout): without a resize, points past the new
      // width are drawn outside the visible box and cannot be hovered or clicked.
      const watch = new ResizeObserver(() => { if (!c.isDisposed()) c.resize(); });
      watch.observe(div);
      state.observers[id] = watch;
      c.on('click', params => { if (params.data && params.data.trial !== undefined) selectTrial(params.data.trial); });
      state.charts[id] = c;
    }
    return c;
  }

  function clearSection(sectionId, keep) {
    for (const id of Object.keys(state.charts)) {
      if (id.startsWith(sectionId + ':') && !keep.includes(id.slice(sectionId.length + 1))) {
        const dom = state.charts[id].getDom();
        state.observers[id].disconnect();
        delete state.observers[id];
        state.charts[id].dispose();
        dom.remove();
        delete state.charts[id];
      }
    }
  }

  const MAX_TOOLTIP_CATEGORIES = 8;

  // Hover text: the trial, its objectives, the categories it chose (by name) and, in a gene's slice, that gene's value.
  function tooltipFor(run, shownGene) {
    const categorical = categoricalGenes(run);
    const genes = categorical.slice(0, MAX_TOOLTIP_CATEGORIES);
    if (shownGene !== undefined && !genes.includes(shownGene)) genes.push(shownGene);
    return {
      trigger: 'item',
      confine: true,
      formatter: params => {
        const d = params.data;
        if (!d || d.trial === undefined) return params.seriesName;
        const p = run.byId.get(d.trial);
        const lines = ['<b>trial ' + d.trial + '</b> (generation ' + p[GEN] + ')'];
        if (p[FAILED]) lines.push('failed: ' + escapeHtml(p[REASON] || ''));
        else run.meta.objectives.forEach((o, k) => lines.push(escapeHtml(o.name) + ': ' + fmt(p[OBJ][k])));
        genes.forEach(g => lines.push(escapeHtml(run.meta.genes[g]) + ': ' + escapeHtml(fmt(geneText(run, g, p[GENES][g])))));
        if (categorical.length > MAX_TOOLTIP_CATEGORIES) lines.push('(' + (categorical.length - MAX_TOOLTIP_CATEGORIES) + ' more categorical genes in the trial detail)');
        return lines.join('<br>');
      },
    };
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  }

  const scatterBase = { type: 'scatter', large: true, largeThreshold: 3000, progressive: 4000, symbolSize: 5, emphasis: { focus: 'none' } };

  function renderHistory(run) {
    const objectives = run.meta.objectives;
    clearSection('history', objectives.map((_, k) => String(k)));
    objectives.forEach((o, k) => {
      const done = [], failed = [], best = [];
      let bestValue = null;
      let low = Infinity;
      run.points.forEach((p, i) => {
        if (!p[FAILED] && p[OBJ] && p[OBJ][k] !== null) {
          const v = p[OBJ][k];
          low = Math.min(low, v);
          done.push({ value: [i + 1, v], trial: p[ID] });
          // The step line needs only the points where the best changes (and the last evaluation).
          if (bestValue === null || (o.maximize ? v > bestValue : v < bestValue)) { bestValue = v; best.push([i + 1, v]); }
        }
      });
      if (bestValue !== null) best.push([run.points.length, bestValue]);
      run.points.forEach((p, i) => { if (p[FAILED]) failed.push({ value: [i + 1, isFinite(low) ? low : 0], trial: p[ID] }); });
      chart('history', String(k)).setOption({
        animation: false,
        title: { text: o.name + (o.maximize ? ' (higher is better)' : ' (lower is better)'), textStyle: { fontSize: 13 } },
        tooltip: tooltipFor(run),
        grid: { left: 60, right: 20, top: 40, bottom: 40 },
        xAxis: { type: 'value', name: 'evaluation', nameLocation: 'middle', nameGap: 25, min: 0 },
        yAxis: { type: 'value', scale: true },
        series: [
          Object.assign({ id: 'trials-done', name: 'trial', data: done, itemStyle: { color: COLORS[0], opacity: 0.6 } }, scatterBase),
          Object.assign({ id: 'trials-failed', name: 'failed', data: failed, symbol: 'path://M0,0L10,10M10,0L0,10', symbolSize: 7, itemStyle: { color: FAIL, borderColor: FAIL, borderWidth: 2 } }, scatterBase, { large: false }),
          { id: 'best', name: 'best so far', type: 'line', step: 'end', showSymbol: false, data: best, lineStyle: { color: '#111', width: 1.5 }, silent: true },
        ],
      }, { replaceMerge: ['series'] });
    });
  }

  function renderPareto(run) {
    const n = run.meta.objectives.length;
    const note = document.querySelector('#pareto .note');
    if (n < 2) {
      note.textContent = 'A single objective: no Pareto front (see the history).';
      clearSection('pareto', []);
      return;
    }
    const pairs = [];
    for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) pairs.push([a, b]);
    note.textContent = (n > 2 ? 'Pairwise views of ' + n + ' objectives; highlighted trials are non-dominated over all of them. ' : 'Highlighted trials are non-dominated. ')
      + 'Arrows on the axis names point to better values.';
    const front = new Set(paretoFront(run).map(p => p[ID]));
    clearSection('pareto', pairs.map(p => p.join('-')));
    const done = completed(run);
    for (const [a, b] of pairs) {
      const oa = run.meta.objectives[a], ob = run.meta.objectives[b];
      const rest = [], best = [];
      for (const p of done) (front.has(p[ID]) ? best : rest).push({ value: [p[OBJ][a], p[OBJ][b]], trial: p[ID] });
      best.sort((x, y) => x.value[0] - y.value[0]);
      chart('pareto', a + '-' + b).setOption({
        animation: false,
        tooltip: tooltipFor(run),
        legend: { top: 0 },
        grid: { left: 60, right: 30, top: 40, bottom: 45 },
        xAxis: { type: 'value', scale: true, name: oa.name + (oa.maximize ? ' →' : ' ←'), nameLocation: 'middle', nameGap: 28 },
        yAxis: { type: 'value', scale: true, name: ob.name + (ob.maximize ? ' ↑' : ' ↓') },
        series: [
          Object.assign({ id: 'trials-dominated', name: 'dominated', data: rest, itemStyle: { color: '#90a4ae', opacity: 0.6 } }, scatterBase),
          Object.assign({}, scatterBase, { id: 'trials-front', name: 'Pareto front', data: best, large: false, symbolSize: 8, itemStyle: { color: COLORS[1] } }),
        ],
      }, { replaceMerge: ['series'] });
    }
  }

  const MAX_PARALLEL_GENES = 40;

  function renderParallel(run) {
    const genes = run.meta.genes.slice(0, MAX_PARALLEL_GENES);
    // Categorical genes get a category axis with their names, and each trial's line passes through the name it chose.
    const dims = genes.map((g, i) => labelsOf(run, i) ? { dim: i, name: g, type: 'category', data: labelsOf(run, i) } : { dim: i, name: g }).concat(run.meta.objectives.map((o, k) => ({ dim: genes.length + k, name: o.name })));
    const note = document.querySelector('#parallel .note');
    note.textContent = 'Genes and objectives of every completed trial; drag along an axis to filter.'
      + (run.meta.genes.length > MAX_PARALLEL_GENES ? ' The first ' + MAX_PARALLEL_GENES + ' of ' + run.meta.genes.length + ' genes are shown.' : '');
    const lines = completed(run).map(p => ({ value: p[GENES].slice(0, MAX_PARALLEL_GENES).map((x, g) => geneText(run, g, x)).concat(p[OBJ]), trial: p[ID] }));
    const last = run.meta.objectives.length - 1;
    chart('parallel', 'all').setOption({
      animation: false,
      tooltip: tooltipFor(run),
      parallel: { left: 40, right: 80, top: 40, bottom: 60, parallelAxisDefault: { nameRotate: 30, nameTextStyle: { fontSize: 10 }, scale: true } },
      parallelAxis: dims,
      visualMap: lines.length ? { show: false, dimension: genes.length + last, min: Math.min(...lines.map(l => l.value[genes.length + last])), max: Math.max(...lines.map(l => l.value[genes.length + last])), inRange: { color: ['#d94e5d', '#eac736', '#50a3ba'].reverse() } } : undefined,
      series: [{ id: 'trials-lines', name: 'trial', type: 'parallel', data: lines, lineStyle: { width: 1, opacity: 0.35 }, progressive: 1000, smooth: false, emphasis: { lineStyle: { width: 3, opacity: 1 } } }],
    }, { replaceMerge: ['series', 'parallelAxis', 'visualMap'] });
  }

  function fillSelect(select, names) {
    const previous = select.value;
    select.replaceChildren(...names.map((n, i) => el('option', { value: String(i) }, n)));
    if (previous !== '' && +previous < names.length) select.value = previous;
  }

  function renderSlices(run) {
    const geneSelect = document.getElementById('slice-gene');
    const objSelect = document.getElementById('slice-objective');
    if (geneSelect.options.length !== run.meta.genes.length || geneSelect.dataset.run !== run.meta.name) {
      fillSelect(geneSelect, run.meta.genes);
      fillSelect(objSelect, run.meta.objectives.map(o => o.name));
      geneSelect.dataset.run = run.meta.name;
    }
    if (run.meta.genes.length === 0) { clearSection('slices', []); return; }
    const g = +geneSelect.value || 0, k = +objSelect.value || 0;
    const labels = labelsOf(run, g);
    const pts = completed(run).map(p => ({ value: [geneText(run, g, p[GENES][g]), p[OBJ][k]], trial: p[ID] }));
    chart('slices', 'gene').setOption({
      animation: false,
      tooltip: tooltipFor(run, g),
      grid: { left: 60, right: 20, top: 20, bottom: 45 },
      xAxis: labels
        ? { type: 'category', data: labels, name: run.meta.genes[g], nameLocation: 'middle', nameGap: 28 }
        : { type: 'value', scale: true, name: run.meta.genes[g], nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', scale: true, name: run.meta.objectives[k].name },
      series: [Object.assign({ id: 'trials-slice', name: 'trial', data: pts, itemStyle: { color: COLORS[0], opacity: 0.6 } }, scatterBase)],
    }, { replaceMerge: ['series', 'xAxis'] });
  }

  function renderImportance(run) {
    const imp = run.importance;
    const note = document.querySelector('#importance .note');
    if (!imp) { note.textContent = 'Computing…'; return; }
    note.textContent = 'Method: ' + imp.method + ', over ' + imp.trials + ' completed trials.';
    clearSection('importance', imp.objectives.map((_, k) => String(k)));
    imp.objectives.forEach((o, k) => {
      const values = o.importance || [];
      const order = values.map((v, i) => i).sort((a, b) => values[b] - values[a]).slice(0, 25).reverse();
      chart('importance', String(k), Math.max(200, 22 * order.length + 60)).setOption({
        animation: false,
        title: { text: o.name + (o.importance ? '' : ': too few trials, or the objective never varies'), textStyle: { fontSize: 13 } },
        tooltip: { trigger: 'item' },
        grid: { left: 220, right: 30, top: 35, bottom: 25 },
        xAxis: { type: 'value', max: 1 },
        yAxis: { type: 'category', data: order.map(i => run.meta.genes[i]), axisLabel: { fontSize: 10 } },
        series: [{ id: 'importance', type: 'bar', data: order.map(i => values[i]), itemStyle: { color: COLORS[2] } }],
      }, { replaceMerge: ['series'] });
    });
  }

  function sameObjectives(a, b) {
    return a.length === b.length && a.every((o, k) => o.name === b[k].name && o.maximize === b[k].maximize);
  }

  function renderCompare(comparison) {
    const note = document.querySelector('#compare .note');
    if (state.runs.length < 2) { note.textContent = 'Open the dashboard with several run folders to compare them.'; clearSection('compare', []); return; }
    const first = state.runs[0].meta.objectives;
    const keep = ['hypervolume'];
    if (first.length >= 2) {
      keep.push('fronts');
      chart('compare', 'fronts').setOption({
        animation: false,
        title: { text: 'Pareto fronts (' + first[0].name + ', ' + first[1].name + '; runs with these objectives)', textStyle: { fontSize: 13 } },
        legend: { top: 22 },
        grid: { left: 60, right: 30, top: 55, bottom: 45 },
        tooltip: { trigger: 'item', formatter: p => escapeHtml(p.seriesName) + '<br>trial ' + p.data.trial },
        xAxis: { type: 'value', scale: true, name: first[0].name, nameLocation: 'middle', nameGap: 28 },
        yAxis: { type: 'value', scale: true, name: first[1].name },
        series: state.runs.filter(r => sameObjectives(r.meta.objectives, first)).map((r, i) => ({
          id: 'front-' + i, name: r.meta.name, type: 'line', symbolSize: 7, step: false,
          data: paretoFront(r).map(p => ({ value: [p[OBJ][0], p[OBJ][1]], trial: p[ID] })).sort((a, b) => a.value[0] - b.value[0]),
          itemStyle: { color: COLORS[i % COLORS.length] },
        })),
      }, { replaceMerge: ['series'] });
    }
    clearSection('compare', keep);
    note.textContent = comparison && comparison.unavailable
      ? 'Hypervolume: ' + comparison.unavailable + '.'
      : 'Hypervolume of each run\'s front against evaluations: objectives normalized to [0, 1] over all runs shown, reference point ' + (comparison ? comparison.reference : '') + ' in each.';
    if (!comparison) return;
    chart('compare', 'hypervolume').setOption({
      animation: false,
      title: { text: 'Hypervolume against evaluations', textStyle: { fontSize: 13 } },
      legend: { top: 22 },
      tooltip: { trigger: 'axis' },
      grid: { left: 60, right: 30, top: 55, bottom: 45 },
      xAxis: { type: 'value', name: 'evaluations', nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', scale: true },
      series: comparison.curves.map((c, i) => ({ id: 'hv-' + i, name: c.run, type: 'line', showSymbol: false, data: c.points, itemStyle: { color: COLORS[i % COLORS.length] } })),
    }, { replaceMerge: ['series'] });
  }

  // ---------- trial detail ----------

  function table(rows, header) {
    const t = el('table');
    if (header) { const tr = el('tr'); header.forEach(h => tr.appendChild(el('th', {}, h))); t.appendChild(tr); }
    for (const r of rows) { const tr = el('tr'); r.forEach(c => tr.appendChild(el('td', {}, fmt(c)))); t.appendChild(tr); }
    return t;
  }

  function selectTrial(id) {
    state.selected = id;
    const run = state.runs[state.current];
    const p = run.byId.get(id);
    const body = document.querySelector('#detail .body');
    if (!p) { body.replaceChildren(el('p', {}, 'No finished trial ' + id + '.')); return; }
    const head = el('p', { 'data-trial': String(id) });
    head.innerHTML = '<b>Trial ' + id + '</b>, generation ' + p[GEN] + ', ' + (p[FAILED] ? '<span class="problem">failed</span>' : 'completed') + ' in ' + fmt(p[SECONDS]) + ' s';
    const parts = [head];
    if (p[FAILED]) parts.push(el('p', { class: 'problem' }, 'Reason: ' + p[REASON]));
    const lineage = lineageOf(run, p);
    if (lineage) parts.push(lineage);
    const cols = el('div', { class: 'columns' });
    cols.appendChild(table(run.meta.genes.map((g, i) => [g, geneText(run, i, p[GENES][i])]), ['gene', 'value']));
    if (!p[FAILED]) {
      cols.appendChild(table(run.meta.objectives.map((o, k) => [o.name, p[OBJ][k]]), ['objective', 'value']));
      if (run.meta.metrics.length) cols.appendChild(table(run.meta.metrics.map((m, k) => [m, p[METRICS][k]]), ['task metric', 'value']));
    }
    parts.push(cols);
    const extra = el('div', { class: 'extra' });
    parts.push(extra);
    body.replaceChildren(...parts);
    const show = d => renderDetailExtra(extra, d);
    if (data) show(run.details[id] || null);
    else getJson('runs/' + encodeURIComponent(run.meta.name) + '/trials/' + id).then(show, e => extra.replaceChildren(el('p', { class: 'problem' }, e.message)));
  }

  // M2N2 children: their parents (earlier trials) as links that open them, and where the crossover split.
  function lineageOf(run, p) {
    const meta = p[META];
    if (!meta || !meta.parents) return null;
    const line = el('p', { class: 'lineage' }, 'Parents: ');
    meta.parents.split(' ').filter(s => s !== '').forEach((text, i) => {
      const id = Number(text);
      if (i > 0) line.append(', ');
      const link = el('a', { href: '#detail', 'data-parent': text }, 'trial ' + text);
      link.addEventListener('click', e => { e.preventDefault(); selectTrial(id); });
      line.appendChild(link);
    });
    if (meta.split_at !== undefined) {
      const gene = run.meta.genes[Number(meta.split_at)];
      line.append('; crossover split at gene ' + meta.split_at + (gene ? ' (' + gene + ')' : ''));
    }
    return line;
  }

  function renderDetailExtra(target, d) {
    const parts = [];
    if (!d) {
      parts.push(el('p', { class: 'note' }, 'This report holds the recipes of the Pareto-front and best trials only; open the live dashboard for the others.'));
      target.replaceChildren(...parts);
      return;
    }
    if (d.tests && d.tests.length) {
      const cols = Object.keys(d.tests[0]);
      parts.push(el('h3', {}, 'Test scores'), table(d.tests.map(r => cols.map(c => r[c])), cols));
    }
    for (const f of d.files || []) {
      if (f.name === 'path.json') parts.push(layerPath(f.text));
      parts.push(el('h3', {}, f.name), el('pre', {}, f.text));
    }
    if (d.filesProblem) parts.push(el('p', { class: 'note' }, d.filesProblem));
    parts.push(el('h3', {}, 'Export this trial'), el('code', { class: 'export' }, d.export));
    target.replaceChildren(...parts);
  }

  function layerPath(text) {
    const box = el('div');
    let path;
    try { path = JSON.parse(text); } catch (e) { return box; }
    box.appendChild(el('h3', {}, 'Layer path (' + (path.hops || []).length + ' layers; head from ' + path.head + ')'));
    const row = el('div', { class: 'path' });
    (path.hops || []).forEach((h, i) => {
      const hop = el('span', { class: 'hop', title: 'hop ' + i }, h.source + ' · L' + h.layer + ' × ' + fmt(h.scale));
      const sources = (path.sources || []).map(s => s.name);
      hop.style.background = ['#e3f2fd', '#fce4ec', '#e8f5e9', '#fff3e0'][Math.max(0, sources.indexOf(h.source)) % 4];
      row.appendChild(hop);
    });
    box.appendChild(row);
    return box;
  }

  // ---------- render loop ----------

  let renderQueued = false;
  function scheduleRender() {
    if (renderQueued) return;
    renderQueued = true;
    setTimeout(() => { renderQueued = false; render(); }, 200);
  }

  function render() {
    const run = state.runs[state.current];
    if (!run) return;
    const failed = run.points.filter(p => p[FAILED]).length;
    const status = document.getElementById('run-status');
    status.textContent = run.points.length + ' evaluations (' + failed + ' failed), ' + (run.finished ? 'finished' : 'running') + ' · ' + run.meta.folder;
    if (run.problem) status.appendChild(el('span', { class: 'problem' }, ' · ' + run.problem));
    renderHistory(run);
    renderPareto(run);
    renderParallel(run);
    renderSlices(run);
    renderImportance(run);
    if (!data) refreshLiveExtras(run);
    else renderCompare(data.compare);
    document.body.dataset.points = String(run.points.length);
  }

  // Importance and comparison are computed by the server; ask again only when points were added.
  function refreshLiveExtras(run) {
    const total = state.runs.reduce((s, r) => s + r.points.length, 0);
    if (state.importanceAt !== run.points.length + ':' + state.current && !state.importanceBusy) {
      state.importanceBusy = true;
      const at = run.points.length + ':' + state.current;
      getJson('runs/' + encodeURIComponent(run.meta.name) + '/importance').then(imp => {
        run.importance = imp; state.importanceAt = at; state.importanceBusy = false; renderImportance(run);
      }, () => { state.importanceBusy = false; });
    }
    if (state.compareAt !== total && !state.compareBusy) {
      state.compareBusy = true;
      getJson('compare').then(c => { state.compareAt = total; state.compareBusy = false; state.comparison = c; renderCompare(c); }, () => { state.compareBusy = false; });
    } else {
      renderCompare(state.comparison);
    }
  }

  // Counts of trial points each view currently draws, read from the charts themselves (used by tests).
  state.pointCounts = function () {
    const counts = {};
    for (const [id, c] of Object.entries(state.charts)) {
      const series = (c.getOption().series || []).filter(s => String(s.id || '').startsWith('trials'));
      if (series.length) counts[id] = series.reduce((n, s) => n + (s.data ? s.data.length : 0), 0);
    }
    return counts;
  };

  // Pixel position of a trial's point in a chart (used by tests to hover it).
  state.pixelOf = function (chartId, trial) {
    const c = state.charts[chartId];
    for (const s of c.getOption().series) {
      if (!String(s.id || '').startsWith('trials')) continue;
      const d = (s.data || []).find(x => x.trial === trial);
      if (d) {
        c.getDom().scrollIntoView({ block: 'center' });
        const [x, y] = c.convertToPixel({ seriesId: s.id }, d.value);
        const r = c.getDom().getBoundingClientRect();
        return [r.left + x, r.top + y];
      }
    }
    return null;
  };

  // Time to draw each view from scratch, in ms (the benchmark reads these).
  state.renderTimes = function () {
    const run = state.runs[state.current];
    const views = { history: renderHistory, pareto: renderPareto, parallel: renderParallel, slices: renderSlices, importance: renderImportance };
    const times = {};
    for (const [name, draw] of Object.entries(views)) {
      clearSection(name, []);
      const t0 = performance.now();
      draw(run);
      for (const [id, c] of Object.entries(state.charts)) if (id.startsWith(name + ':')) c.getZr().refreshImmediately();
      times[name] = performance.now() - t0;
    }
    return times;
  };

  function selectRun(index) {
    state.current = index;
    state.selected = null;
    for (const id of Object.keys(state.charts)) { const dom = state.charts[id].getDom(); state.charts[id].dispose(); dom.remove(); delete state.charts[id]; }
    document.querySelector('#detail .body').replaceChildren();
    state.importanceAt = -1;
    render();
  }

  function follow(run) {
    const url = api('runs/' + encodeURIComponent(run.meta.name) + '/stream?from=' + run.cursor);
    const source = new EventSource(url);
    source.addEventListener('points', e => addPoints(run, JSON.parse(e.data)));
    source.addEventListener('problem', e => { run.problem = JSON.parse(e.data); scheduleRender(); });
    source.onerror = () => {
      // The browser reconnects by itself; start again from our cursor so nothing is sent twice.
      source.close();
      setTimeout(() => follow(run), 2000);
    };
    run.source = source;
  }

  function start() {
    document.getElementById('run-select').addEventListener('change', e => selectRun(+e.target.value));
    document.getElementById('slice-gene').addEventListener('change', () => renderSlices(state.runs[state.current]));
    document.getElementById('slice-objective').addEventListener('change', () => renderSlices(state.runs[state.current]));
    window.addEventListener('resize', () => Object.values(state.charts).forEach(c => c.resize()));
    if (data) {
      for (const r of data.runs) {
        const run = addRun(r.meta);
        addPoints(run, r.points);
        run.importance = r.importance;
        run.details = r.details || {};
      }
      render();
      return;
    }
    getJson('runs').then(metas => { metas.forEach(m => follow(addRun(m))); }, e => {
      document.getElementById('run-status').textContent = 'Cannot read the runs: ' + e.message;
    });
  }

  start();
})();
