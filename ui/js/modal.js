// A modal form: Enter submits, Esc cancels, focus starts on the first field, Tab stays inside, and
// focus returns to the button that opened it.
import { errorBox, fill, h } from './util.js';

let opener = null;

export function closeModal() {
  document.getElementById('modal').classList.add('hidden');
  document.getElementById('modal-box').replaceChildren();
  if (opener?.isConnected) opener.focus();
  opener = null;
}

export function openModal(title, fields, onSubmit, { submitText = '确定' } = {}) {
  const box = document.getElementById('modal-box');
  opener = document.activeElement;
  const err = h('div');
  const form = h(
    'form',
    { id: 'modal-form', novalidate: true },
    h('h1', {}, title),
    fields,
    err,
    h(
      'div',
      { class: 'row', style: 'justify-content:flex-end;margin-top:10px' },
      h('button', { type: 'button', id: 'modal-cancel', onclick: closeModal }, '取消（Esc）'),
      h('button', { type: 'submit', class: 'primary', id: 'modal-submit' }, submitText),
    ),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    fill(err);
    const btn = form.querySelector('#modal-submit');
    btn.disabled = true;
    try {
      await onSubmit(form);
      closeModal();
    } catch (e) {
      fill(err, errorBox(e));
    } finally {
      btn.disabled = false;
    }
  });
  fill(box, form);
  document.getElementById('modal').classList.remove('hidden');
  form.querySelector('input,select,textarea,button')?.focus();
  return form;
}

document.addEventListener('keydown', (e) => {
  if (document.getElementById('modal').classList.contains('hidden')) return;
  if (e.key === 'Escape') closeModal();
  if (e.key === 'Tab') {
    const focusable = [
      ...document.querySelectorAll(
        '#modal-box input, #modal-box select, #modal-box textarea, #modal-box button',
      ),
    ].filter((el) => !el.disabled);
    if (!focusable.length) return;
    const first = focusable[0],
      last = focusable[focusable.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    } else if (!document.getElementById('modal-box').contains(document.activeElement)) {
      e.preventDefault();
      first.focus();
    }
  }
});
