// 和解员名册: add, edit, deactivate; each mediator's open cases. Recusal is a case action.
import { call, dialog } from './api.js';
import { openModal } from './modal.js';
import { fill, h, toast } from './util.js';

const CATS = [
  ['retired_judge', '退休法官'],
  ['peoples_mediator', '人民调解员'],
  ['commercial_mediator', '商事调解员'],
  ['notary', '公证员'],
  ['lawyer', '律师'],
];

function edit(m, reload) {
  const f = (name, label, value = '') =>
    h('label', {}, label, h('input', { name, id: `m-${name}`, value }));
  const cat = h(
    'select',
    { name: 'category', id: 'm-category' },
    CATS.map(([v, l]) => h('option', { value: v, selected: m?.category === v }, l)),
  );
  openModal(
    m ? `编辑和解员：${m.name}` : '添加和解员',
    h(
      'div',
      { class: 'grid' },
      f('name', '姓名', m?.name),
      h('label', {}, '类别', cat),
      f('organisation', '所在单位', m?.organisation),
      f('phone', '联系电话', m?.phone),
      f('specialities', '擅长领域（用、分隔）', (m?.specialities || []).join('、')),
    ),
    async (form) => {
      const v = (k) => form.elements[k].value.trim();
      const mediator = {
        id: m?.id || '',
        name: v('name'),
        category: v('category'),
        organisation: v('organisation'),
        phone: v('phone'),
        specialities: v('specialities')
          .split(/[、,，]/)
          .map((s) => s.trim())
          .filter(Boolean),
        active: m ? m.active : true,
      };
      await call('save_mediator', { mediator });
      toast('名册已保存');
      reload();
    },
  );
}

export async function roster(main) {
  const list = await call('mediators');
  const reload = () => roster(main);
  fill(
    main,
    h('h1', {}, '和解员名册'),
    h(
      'button',
      { class: 'primary', id: 'add-mediator', onclick: () => edit(null, reload) },
      '添加和解员',
    ),
    h('p'),
    h(
      'table',
      { id: 'roster-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['姓名', '类别', '单位', '电话', '擅长', '在办案件', '状态', ''].map((t) =>
            h('th', {}, t),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        list.map(({ mediator: m, category_label, open_cases }) =>
          h(
            'tr',
            {},
            h('td', {}, m.name),
            h('td', {}, category_label),
            h('td', {}, m.organisation),
            h('td', {}, m.phone),
            h('td', {}, m.specialities.join('、')),
            h(
              'td',
              {},
              open_cases.length
                ? open_cases.map((c) => h('div', {}, h('a', { href: `#/case/${c.id}` }, c.number)))
                : '—',
            ),
            h('td', {}, m.active ? '在册' : h('span', { class: 'muted' }, '已停用')),
            h(
              'td',
              {},
              h('button', { onclick: () => edit(m, reload) }, '编辑'),
              ' ',
              h(
                'button',
                {
                  onclick: async () => {
                    if (
                      m.active &&
                      open_cases.length &&
                      !(await dialog()?.ask(
                        `${m.name}尚有${open_cases.length}件在办案件。停用后不能再被选定，在办案件需另行选定和解员。确定停用？`,
                        {
                          title: '停用和解员',
                          kind: 'warning',
                          okLabel: '停用',
                          cancelLabel: '取消',
                        },
                      ))
                    )
                      return;
                    try {
                      await call('save_mediator', { mediator: { ...m, active: !m.active } });
                      reload();
                    } catch (e) {
                      toast(e.message || String(e));
                    }
                  },
                },
                m.active ? '停用' : '恢复',
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
