// SLA due times counting down, for the inbox rows and the open ticket. One timer updates every countdown
// on the page from its data-due attribute.

import { el } from '/shared/js/dom.js';
import { t, duration } from './i18n.js';

/** A countdown for an SLA target {dueAt, metAt, state}; null when there is nothing to count. */
export function countdown(label, target) {
  if (!target || target.state === 'NONE' || !target.dueAt) return null;
  const node = el('span', { class: `sla sla-${target.state.toLowerCase()}`, 'data-label': label });
  if (target.state === 'MET') node.textContent = `${label}: ${t('met')}`;
  else if (target.state === 'PAUSED') node.textContent = `${label}: ${t('paused')}`;
  else {
    node.dataset.due = target.dueAt;
    tick(node);
  }
  return node;
}

function tick(node) {
  const left = Date.parse(node.dataset.due) - Date.now();
  node.textContent = `${node.dataset.label}: ${left >= 0 ? t('dueIn', duration(left)) : t('overdue', duration(-left))}`;
  node.classList.toggle('sla-overdue', left < 0);
}

setInterval(() => document.querySelectorAll('[data-due]').forEach(tick), 1000);
