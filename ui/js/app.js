// 和解台 front end: a hash router over a few views. Every rule is decided by the core; this
// file only shows what the core returns and sends what the user typed.
import { call } from './api.js';
import { casePage } from './case.js';
import { intake } from './intake.js';
import { cases, dashboard, todo } from './lists.js';
import { roster } from './roster.js';
import { settings } from './settings.js';
import { refreshState, roleLabel, state } from './state.js';
import { $, errorBox, fill, h, toast } from './util.js';

const views = { dashboard, cases, todo, intake, case: casePage, roster, settings };

export async function route() {
  const [, name = 'dashboard', arg] = (location.hash || '#/dashboard').split('/');
  for (const a of document.querySelectorAll('nav a')) {
    a.classList.toggle(
      'active',
      a.dataset.view === name || (name === 'case' && a.dataset.view === 'cases'),
    );
  }
  const main = $('#main');
  try {
    await refreshState();
    if (!state.app.user && name !== 'settings') return firstRun(main);
    await (views[name] || dashboard)(main, decodeURIComponent(arg || ''));
  } catch (e) {
    fill(main, h('h1', {}, '出错了'), errorBox(e));
  }
}

async function firstRun(main) {
  const users = state.app.users;
  const pick = h(
    'select',
    { id: 'first-user' },
    users.map((u) => h('option', { value: u.name }, `${u.name}（${roleLabel(u.role)}）`)),
  );
  const err = h('div');
  fill(
    main,
    h('h1', {}, '欢迎使用和解台'),
    state.app.offer_demo
      ? h(
          'div',
          { class: 'panel' },
          h(
            'p',
            {},
            '数据库中还没有案件。可以先写入演示数据（8 名和解员、法官、书记员和约 30 件处于各阶段的案件），熟悉操作后再正式使用。',
          ),
          h(
            'button',
            {
              class: 'primary',
              id: 'fill-demo',
              onclick: async (ev) => {
                ev.target.disabled = true;
                ev.target.textContent = '正在写入演示数据…';
                try {
                  await call('fill_demo');
                  toast('演示数据已写入');
                  route();
                } catch (e) {
                  fill(err, errorBox(e));
                  ev.target.disabled = false;
                }
              },
            },
            '写入演示数据',
          ),
        )
      : null,
    users.length
      ? h(
          'form',
          {
            class: 'panel',
            id: 'user-form',
            onsubmit: async (ev) => {
              ev.preventDefault();
              try {
                await call('set_user', { name: pick.value });
                route();
              } catch (e) {
                fill(err, errorBox(e));
              }
            },
          },
          h('label', {}, '选择当前用户', pick),
          h('p'),
          h('button', { class: 'primary', type: 'submit', id: 'user-submit' }, '进入'),
        )
      : h(
          'form',
          {
            class: 'panel',
            id: 'first-user-form',
            onsubmit: async (ev) => {
              ev.preventDefault();
              try {
                await call('add_user', {
                  name: ev.target.elements.name.value.trim(),
                  role: ev.target.elements.role.value,
                  mediator: null,
                });
                route();
              } catch (e) {
                fill(err, errorBox(e));
              }
            },
          },
          h('p', {}, '还没有用户。请先建立第一个用户（法官或书记员），其他用户可在“设置”中添加。'),
          h(
            'div',
            { class: 'row' },
            h('label', {}, '姓名', h('input', { name: 'name', id: 'first-name' })),
            h(
              'label',
              {},
              '角色',
              h(
                'select',
                { name: 'role', id: 'first-role' },
                h('option', { value: 'clerk' }, '书记员'),
                h('option', { value: 'judge' }, '法官'),
              ),
            ),
            h('button', { class: 'primary', type: 'submit', id: 'first-submit' }, '建立并进入'),
          ),
        ),
    err,
  );
}

window.addEventListener('hashchange', route);
window.addEventListener('DOMContentLoaded', route);
