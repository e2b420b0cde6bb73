// One chart of the dashboard: a Chart.js canvas (window.Chart, from the webjar's UMD bundle) with a text
// alternative: an aria-label summary on the canvas and the same numbers as a table. Data goes into Chart.js
// and into table cells as text only.

import { el } from '/shared/js/dom.js';
import { t } from './i18n.js';

const COLORS = ['#2457c5', '#d9822b', '#2e9e6a', '#b3261e', '#7b4fc9', '#0f8b9c', '#9c6b0f', '#c2418a', '#5b6475'];

const drawn = new Map(); // id -> Chart instance

/**
 * Draws a chart into a new <figure>. `labels`: x values (text); `series`: [{label, values}]; `type`: 'line' or
 * 'bar'; `summary`: a sentence that says what the chart shows; `format`: how a value reads in the table.
 */
export function chartFigure({ id, title, type = 'line', labels, series, summary, format = String, stacked = false,
  percent = false }) {
  drawn.get(id)?.destroy();
  const canvas = el('canvas', { role: 'img', 'aria-label': `${title}. ${summary}`, 'data-testid': `chart-${id}` });
  const table = el('table', { 'data-testid': `table-${id}` },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: type === 'bar' && !stacked ? '' : t('time') }),
      series.map(s => el('th', { scope: 'col', text: s.label })))),
    el('tbody', {}, labels.map((label, i) => el('tr', {},
      el('th', { scope: 'row', text: label }),
      series.map(s => el('td', { 'data-series': s.key ?? s.label, text: format(s.values[i]) }))))));
  const figure = el('figure', { class: 'chart', 'data-chart': id },
    el('h2', { id: `title-${id}`, text: title }),
    el('div', { class: 'canvas' }, canvas),
    el('p', { class: 'hint', 'data-testid': `summary-${id}`, text: summary }),
    el('details', {}, el('summary', { text: t('dataTable') }), table));
  // The canvas must be in the document before Chart.js measures it: draw on the next frame.
  requestAnimationFrame(() => {
    if (!canvas.isConnected || typeof window.Chart !== 'function') return;
    drawn.set(id, new window.Chart(canvas, {
      type,
      data: {
        labels,
        datasets: series.map((s, i) => ({
          label: s.label,
          data: s.values.map(v => (v === null || v === undefined ? null : percent ? v * 100 : v)),
          borderColor: COLORS[i % COLORS.length],
          backgroundColor: COLORS[i % COLORS.length],
          spanGaps: true,
          tension: 0.2,
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { position: 'bottom' } },
        scales: {
          x: { stacked },
          y: { stacked, beginAtZero: true, ...(percent ? { max: 100, ticks: { callback: v => `${v}%` } } : {}) },
        },
      },
    }));
    canvas.dataset.drawn = 'true';
  });
  return figure;
}

/** The chart drawn for `id` (for tests and debugging), if any. */
export const chartOf = id => drawn.get(id) ?? null;

export function destroyAll() {
  for (const chart of drawn.values()) chart.destroy();
  drawn.clear();
}
