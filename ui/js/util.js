// Small DOM helpers shared by the views.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'html') el.innerHTML = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export const $ = (sel, root = document) => root.querySelector(sel);

/// Replaces an element's children, skipping null, undefined and false as h() does: the DOM's own
/// replaceChildren() prints them as the text "null".
export function fill(el, ...children) {
  el.replaceChildren(
    ...children.flat().filter((c) => c !== undefined && c !== null && c !== false),
  );
}

/// 12345678 分 → "123,456.78"
export function yuan(fen) {
  const neg = fen < 0;
  const f = Math.abs(fen);
  const y = Math.floor(f / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${y}.${String(f % 100).padStart(2, '0')}`;
}

export function daysBadge(days) {
  if (days === null || days === undefined) return h('span', { class: 'badge' }, '—');
  const urgent = days <= 5;
  const text = days < 0 ? `已逾期${-days}日` : days === 0 ? '今日届满' : `剩${days}日`;
  return h('span', { class: `badge${urgent ? ' urgent' : ''}`, 'data-days': days }, text);
}

export function errorBox(e) {
  return h(
    'div',
    { class: 'error', role: 'alert', 'data-code': e?.code || '' },
    e?.message || String(e),
  );
}

export function toast(msg) {
  const t = document.getElementById('toast');
  t.textContent = msg;
  t.classList.remove('hidden');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => t.classList.add('hidden'), 3000);
}

export function fmtTime(iso) {
  const d = new Date(iso);
  const p = (n) => String(n).padStart(2, '0');
  const day = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  return `${day} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
