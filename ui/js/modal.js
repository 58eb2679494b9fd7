// A modal form: Enter submits, Esc cancels, focus starts on the first field.
import { h, errorBox } from './util.js';

export function closeModal() {
  document.getElementById('modal').classList.add('hidden');
  document.getElementById('modal-box').replaceChildren();
}

export function openModal(title, fields, onSubmit, { submitText = '确定' } = {}) {
  const box = document.getElementById('modal-box');
  const err = h('div');
  const form = h('form', { id: 'modal-form', novalidate: true },
    h('h1', {}, title), fields, err,
    h('div', { class: 'row', style: 'justify-content:flex-end;margin-top:10px' },
      h('button', { type: 'button', id: 'modal-cancel', onclick: closeModal }, '取消（Esc）'),
      h('button', { type: 'submit', class: 'primary', id: 'modal-submit' }, submitText)));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    err.replaceChildren();
    const btn = form.querySelector('#modal-submit'); btn.disabled = true;
    try { await onSubmit(form); closeModal(); } catch (e) { err.replaceChildren(errorBox(e)); } finally { btn.disabled = false; }
  });
  box.replaceChildren(form);
  document.getElementById('modal').classList.remove('hidden');
  form.querySelector('input,select,textarea,button')?.focus();
  return form;
}

document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && !document.getElementById('modal').classList.contains('hidden')) closeModal();
});
