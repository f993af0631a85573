// Small inline-SVG charts for the owner console: no library, no download, no build step. Every
// label is set as text (textContent), never parsed as markup.
'use strict';

const SVG_NS = 'http://www.w3.org/2000/svg';
// Drawn at the size it is shown (the caller passes its box's width), so the labels keep their size.
const CHART = { height: 170, left: 52, right: 14, top: 10, bottom: 24 };

function svgEl(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG_NS, tag);
  Object.entries(attrs).forEach(([name, value]) => node.setAttribute(name, String(value)));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

// A round step for the y axis so that about three grid lines fit under max.
function niceStep(max) {
  const raw = max / 3;
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  return [1, 2, 2.5, 5, 10].map(f => f * power).find(step => step >= raw) || raw;
}

// The y axis runs from a round value at or below yMin (0 for counts) to one at or above yMax.
function frame(label, width, yMin, yMax, yFormat) {
  const svg = svgEl('svg', { viewBox: `0 0 ${width} ${CHART.height}`, width, height: CHART.height, role: 'img', 'aria-label': label, class: 'chart' });
  svg.append(svgEl('title', {}, label));
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  const step = niceStep(Math.max(yMax - yMin, Math.abs(yMax) / 10, Number.MIN_VALUE));
  const bottom = Math.floor(yMin / step) * step;
  const top = Math.max(bottom + step, Math.ceil(yMax / step) * step);
  const y = value => CHART.top + plotHeight - ((value - bottom) / (top - bottom)) * plotHeight;
  for (let value = bottom; value <= top + step / 1000; value += step) {
    svg.append(svgEl('line', { x1: CHART.left, x2: width - CHART.right, y1: y(value), y2: y(value), class: 'grid' }));
    svg.append(svgEl('text', { x: CHART.left - 6, y: y(value) + 4, 'text-anchor': 'end', class: 'axis' }, yFormat(value)));
  }
  return { svg, y };
}

function chartWidth(box) {
  return Math.max(300, Math.floor(box.clientWidth || 400));
}

function timeAxis(svg, width, from, to) {
  const plotWidth = width - CHART.left - CHART.right;
  const x = t => CHART.left + ((t - from) / (to - from)) * plotWidth;
  const ticks = Math.max(2, Math.min(6, Math.floor(plotWidth / 100)));
  for (let i = 0; i <= ticks; i++) {
    const t = from + ((to - from) * i) / ticks;
    const label = new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    svg.append(svgEl('text', { x: x(t), y: CHART.height - 8, 'text-anchor': i === 0 ? 'start' : i === ticks ? 'end' : 'middle', class: 'axis' }, label));
  }
  return x;
}

// Stacked bars over time: one bar per bucket, one colour per series (in series order from the bottom).
function stackedBarChart({ label, width, buckets, bucketMs, from, to, series }) {
  const totals = buckets.map(b => series.reduce((sum, s) => sum + (b.values[s.key] || 0), 0));
  const { svg, y } = frame(label, width, 0, Math.max(4, ...totals), v => Math.round(v));
  const x = timeAxis(svg, width, from, to);
  const barWidth = Math.max(1.5, x(from + bucketMs) - x(from) - 1);
  buckets.forEach(bucket => {
    let base = 0;
    series.forEach(s => {
      const value = bucket.values[s.key] || 0;
      if (!value) return;
      const rect = svgEl('rect', { x: x(bucket.at), y: y(base + value), width: barWidth, height: y(base) - y(base + value), fill: s.color, class: 'bar' });
      rect.append(svgEl('title', {}, `${new Date(bucket.at).toLocaleTimeString()} ${s.label}: ${value}`));
      svg.append(rect);
      base += value;
    });
  });
  return svg;
}

// One line per series over evenly spaced points (versions), or over time (from, to) when points carry an `at`.
// zoom: the y axis starts near the lowest value instead of 0, so small gains between versions show.
function lineChart({ label, width, points, series, from, to, yFormat, zoom }) {
  const values = points.flatMap(p => series.map(s => p.values[s.key]).filter(v => Number.isFinite(v)));
  const max = Math.max(...values);
  const min = Math.min(...values);
  const { svg, y } = frame(label, width, zoom ? min - (max - min || max || 1) * 0.25 : 0, max > 0 ? max : 1, yFormat);
  const plotWidth = width - CHART.left - CHART.right;
  let x;
  if (from !== undefined) {
    x = timeAxis(svg, width, from, to);
  } else {
    const gap = points.length > 1 ? plotWidth / (points.length - 1) : 0;
    x = (_, i) => CHART.left + (points.length > 1 ? i * gap : plotWidth / 2);
    points.forEach((p, i) => svg.append(svgEl('text', { x: x(p, i), y: CHART.height - 8, class: 'axis',
      'text-anchor': points.length === 1 ? 'middle' : i === 0 ? 'start' : i === points.length - 1 ? 'end' : 'middle' }, p.label)));
  }
  const at = (p, i) => (from !== undefined ? x(p.at) : x(p, i));
  series.forEach(s => {
    const drawn = points.map((p, i) => ({ p, i, v: p.values[s.key] })).filter(d => Number.isFinite(d.v));
    if (drawn.length > 1) {
      svg.append(svgEl('polyline', { points: drawn.map(d => `${at(d.p, d.i)},${y(d.v)}`).join(' '), stroke: s.color, class: 'line' }));
    }
    drawn.forEach(d => {
      const dot = svgEl('circle', { cx: at(d.p, d.i), cy: y(d.v), r: 3.5, fill: s.color });
      dot.append(svgEl('title', {}, `${d.p.label ?? new Date(d.p.at).toLocaleTimeString()} ${s.label}: ${yFormat(d.v)}`));
      svg.append(dot);
    });
  });
  return svg;
}

function legend(series, totals) {
  const list = document.createElement('ul');
  list.className = 'legend';
  series.forEach(s => {
    const item = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = s.color;
    item.append(swatch, document.createTextNode(totals ? `${s.label} ${totals[s.key] ?? 0}` : s.label));
    list.append(item);
  });
  return list;
}
