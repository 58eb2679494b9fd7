// 设置: the court, the codes, the period, the holiday calendar, fonts, and the current user.
import { call, dialog } from './api.js';
import { refreshState, roleLabel, state } from './state.js';
import { errorBox, fill, h, toast } from './util.js';

export async function settings(main) {
  const s = await call('get_settings');
  const err = h('div');
  const f = (name, label, value, attrs = {}) =>
    h('label', {}, label, h('input', { name, id: `s-${name}`, value: value ?? '', ...attrs }));
  const lines = (set, tag) => (set || []).map((d) => `${d} ${tag}`).join('\n');
  const cal = h('textarea', { name: 'calendar', id: 's-calendar', style: 'min-height:120px' });
  cal.value = `${lines(s.calendar.holidays, '假')}\n${lines(s.calendar.workdays, '班')}`;
  const user = h(
    'select',
    { id: 's-user' },
    state.app.users.map((u) =>
      h(
        'option',
        { value: u.name, selected: state.app.user?.name === u.name },
        `${u.name}（${roleLabel(u.role)}）`,
      ),
    ),
  );
  const fontInfo = h(
    'pre',
    { class: 'muted', id: 's-font-info', style: 'white-space:pre-wrap' },
    '（点击“检查字体”查看将使用的字体）',
  );
  const pickFont = (name) =>
    h(
      'button',
      {
        type: 'button',
        onclick: async () => {
          const p = await dialog()?.open({
            title: '选择字体文件',
            filters: [{ name: '字体文件', extensions: ['ttf', 'otf', 'ttc'] }],
          });
          if (p) form.elements[name].value = p;
        },
      },
      '选择…',
    );
  const form = h(
    'form',
    { id: 'settings-form', novalidate: true },
    h(
      'fieldset',
      {},
      h('legend', {}, '当前用户'),
      h(
        'div',
        { class: 'row' },
        h('label', {}, '用户', user),
        h(
          'button',
          {
            type: 'button',
            id: 's-user-apply',
            onclick: async () => {
              try {
                await call('set_user', { name: user.value });
                await refreshState();
                toast(`当前用户：${user.value}`);
              } catch (e) {
                toast(e.message || String(e));
              }
            },
          },
          '切换',
        ),
      ),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, '法院与案号'),
      h(
        'div',
        { class: 'grid' },
        f('court_name', '法院名称', s.court_name),
        f('court_code', '法院代字', s.court_code),
        f('settlement_type_code', '执前调类型代字', s.settlement_type_code),
        f('preservation_type_code', '执保类型代字', s.preservation_type_code),
        f('execution_type_code', '执行类型代字', s.execution_type_code),
        f('resume_type_code', '恢复执行类型代字', s.resume_type_code),
      ),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, '期限'),
      h(
        'div',
        { class: 'grid' },
        f('period_days', '执前和解期限（日）', s.period_days, { type: 'number' }),
        h(
          'label',
          {},
          '期限起算',
          h(
            'select',
            { name: 'period_start', id: 's-period_start' },
            h(
              'option',
              { value: 'registration', selected: s.period_start === 'registration' },
              '自立案之日',
            ),
            h(
              'option',
              { value: 'mediator_chosen', selected: s.period_start === 'mediator_chosen' },
              '自选定和解员之日',
            ),
          ),
        ),
        f('max_extension_days', '每次最多延长（日）', s.max_extension_days, { type: 'number' }),
        f('resume_years', '申请恢复执行期间（年）', s.resume_years, { type: 'number' }),
        f('property_report_days', '报告财产期限（日）', s.property_report_days, { type: 'number' }),
        f('small_amount_yuan', '“标的较小”上限（元）', String(s.small_amount_fen / 100)),
      ),
      h('label', {}, '节假日与调休上班日（每行：日期 假/班）', cal),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, '文书'),
      h(
        'div',
        { class: 'grid' },
        f('contact_person', '联系人', s.contact_person),
        f('contact_phone', '联系电话', s.contact_phone),
        f('centre_address', '中心地址', s.centre_address),
        h(
          'div',
          { class: 'row' },
          f('body_font', '正文字体文件（仿宋）', s.body_font),
          pickFont('body_font'),
        ),
        h(
          'div',
          { class: 'row' },
          f('title_font', '标题字体文件（小标宋）', s.title_font),
          pickFont('title_font'),
        ),
      ),
      h(
        'label',
        {},
        '默认的不履行后果条款',
        (() => {
          const t = h('textarea', { name: 'default_clause', id: 's-default_clause' });
          t.value = s.default_clause;
          return t;
        })(),
      ),
      h(
        'button',
        {
          type: 'button',
          onclick: async () => {
            try {
              fontInfo.textContent = await call('font_info');
            } catch (e) {
              fontInfo.textContent = e.message;
            }
          },
        },
        '检查字体',
      ),
      fontInfo,
    ),
    err,
    h('button', { class: 'primary', type: 'submit', id: 's-save' }, '保存设置'),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    fill(err);
    const v = (k) => form.elements[k].value.trim();
    try {
      const holidays = [],
        workdays = [];
      for (const [i, line] of cal.value
        .split('\n')
        .map((l) => l.trim())
        .entries()) {
        if (!line || line.startsWith('#')) continue;
        const [d, kind] = line.split(/\s+/);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || !['假', '班', '休'].includes(kind))
          throw {
            code: 'calendar.format',
            message: `节假日第${i + 1}行“${line}”应为“2026-10-01 假”或“2026-10-10 班”`,
          };
        (kind === '班' ? workdays : holidays).push(d);
      }
      const small = await call('parse_yuan', { text: v('small_amount_yuan') });
      const next = {
        ...s,
        court_name: v('court_name'),
        court_code: v('court_code'),
        settlement_type_code: v('settlement_type_code'),
        preservation_type_code: v('preservation_type_code'),
        execution_type_code: v('execution_type_code'),
        resume_type_code: v('resume_type_code'),
        period_days: Number(v('period_days')),
        period_start: v('period_start'),
        max_extension_days: Number(v('max_extension_days')),
        resume_years: Number(v('resume_years')),
        property_report_days: Number(v('property_report_days')),
        small_amount_fen: small,
        calendar: { holidays, workdays },
        contact_person: v('contact_person'),
        contact_phone: v('contact_phone'),
        centre_address: v('centre_address'),
        body_font: v('body_font') || null,
        title_font: v('title_font') || null,
        default_clause: v('default_clause'),
      };
      await call('save_settings', { settings: next });
      toast('设置已保存');
    } catch (e) {
      fill(err, errorBox(e));
    }
  });
  fill(main, h('h1', {}, '设置'), form, await usersPanel(() => settings(main)));
}

// 用户: who may use this copy of the app, and in which role (added by a judge or clerk).
async function usersPanel(reload) {
  const roster = await call('mediators');
  const err = h('div');
  const mediator = h(
    'select',
    { name: 'mediator', id: 'u-mediator' },
    h('option', { value: '' }, '（非和解员）'),
    roster
      .filter((m) => m.mediator.active)
      .map((m) => h('option', { value: m.mediator.id }, m.mediator.name)),
  );
  const form = h(
    'form',
    {
      id: 'user-add-form',
      novalidate: true,
      onsubmit: async (ev) => {
        ev.preventDefault();
        fill(err);
        const el = ev.target.elements;
        try {
          const u = await call('add_user', {
            name: el.name.value.trim(),
            role: el.role.value,
            mediator: el.role.value === 'mediator' ? el.mediator.value : null,
          });
          toast(`已添加用户：${u.name}`);
          await refreshState();
          reload();
        } catch (e) {
          fill(err, errorBox(e));
        }
      },
    },
    h(
      'div',
      { class: 'row' },
      h('label', {}, '姓名', h('input', { name: 'name', id: 'u-name' })),
      h(
        'label',
        {},
        '角色',
        h(
          'select',
          { name: 'role', id: 'u-role' },
          ['clerk', 'judge', 'mediator'].map((r) => h('option', { value: r }, roleLabel(r))),
        ),
      ),
      h('label', {}, '对应和解员（角色为和解员时）', mediator),
      h('button', { type: 'submit', id: 'u-submit' }, '添加用户'),
    ),
    err,
  );
  return h(
    'fieldset',
    {},
    h('legend', {}, '用户'),
    h(
      'p',
      { class: 'muted' },
      state.app.users.map((u) => `${u.name}（${roleLabel(u.role)}）`).join('、') || '（无）',
    ),
    form,
  );
}
