// 工作台 and 案件: the work list (nearest deadline first, a page at a time) and the search.
import { call } from './api.js';
import { state } from './state.js';
import { daysBadge, fill, h, toast, yuan } from './util.js';

const PAGE = 50;
const TODO = 20; // on the dashboard; 全部待办 shows up to 500

// `reasons`: a 待办事项 column with what each case waits for (the core's words).
function caseTable(rows, id, reasons = false) {
  if (!rows.length)
    return h(
      'p',
      { class: 'muted', id: `${id}-empty` },
      reasons ? '今日没有待办事项' : '没有符合条件的案件',
    );
  return h(
    'table',
    { id },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        [
          '案号',
          '阶段',
          '申请执行人',
          '被执行人',
          '标的（元）',
          '期限',
          reasons ? '待办事项' : null,
        ]
          .filter(Boolean)
          .map((t) => h('th', {}, t)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((r) =>
        h(
          'tr',
          {
            class: 'clickable',
            tabindex: 0,
            'data-number': r.number,
            onclick: () => {
              location.hash = `#/case/${encodeURIComponent(r.id)}`;
            },
            onkeydown: (e) => {
              if (e.key === 'Enter') location.hash = `#/case/${encodeURIComponent(r.id)}`;
            },
          },
          h('td', {}, r.number),
          h('td', {}, h('span', { class: 'badge stage' }, r.stage_label)),
          h('td', {}, r.applicants),
          h('td', {}, r.respondents),
          h('td', { class: 'num' }, yuan(r.claim_fen)),
          h('td', {}, r.due_on ? [r.due_on, ' ', daysBadge(r.days_left)] : '—'),
          reasons ? h('td', { class: 'reason' }, r.reason) : null,
        ),
      ),
    ),
  );
}

function pager(page, count, go) {
  return h(
    'div',
    { class: 'pager' },
    h('button', { disabled: page === 0, onclick: () => go(page - 1), id: 'prev-page' }, '上一页'),
    h('span', {}, `第 ${page + 1} 页`),
    h('button', { disabled: count < PAGE, onclick: () => go(page + 1), id: 'next-page' }, '下一页'),
  );
}

export async function dashboard(main) {
  const app = state.app;
  const expired = await call('expire_due').catch(() => []);
  const [rows, today] = await Promise.all([
    call('list_cases', { query: { open_only: true, limit: PAGE, offset: 0 } }),
    call('todo', { limit: TODO + 1 }),
  ]);
  const more = today.length > TODO;
  fill(
    main,
    h('h1', {}, '工作台'),
    expired.length
      ? h(
          'div',
          { class: 'notice', id: 'expired-notice' },
          `以下案件和解期限届满，已按规定视为和解不成：${expired.join('、')}`,
        )
      : null,
    h(
      'div',
      { class: 'cards', id: 'stage-counts' },
      app.counts
        .filter((c) => c.count > 0)
        .map((c) =>
          h(
            'div',
            {
              class: 'card',
              tabindex: 0,
              role: 'link',
              'data-stage': c.stage,
              onclick: () => {
                location.hash = `#/cases/${c.stage}`;
              },
              onkeydown: (e) => {
                if (e.key === 'Enter') location.hash = `#/cases/${c.stage}`;
              },
            },
            h('b', {}, c.count),
            h('small', {}, c.label),
          ),
        ),
    ),
    h(
      'h2',
      {},
      `今日待办（${app.user.name}：${more ? `前 ${TODO} 件，期限最近的在前` : `${today.length} 件`}）`,
    ),
    caseTable(today.slice(0, TODO), 'today-table', true),
    more ? h('p', {}, h('a', { href: '#/todo', id: 'all-todo' }, '查看全部待办…')) : null,
    h('h2', {}, '工作列表（最近期限在前）'),
    caseTable(rows, 'work-table'),
    rows.length === PAGE ? h('p', {}, h('a', { href: '#/cases' }, '查看更多案件…')) : null,
  );
  if (!dashboard.reported) {
    dashboard.reported = true;
    requestAnimationFrame(() => requestAnimationFrame(() => call('painted').catch(() => {})));
  }
}

export async function cases(main, stageArg) {
  let page = 0;
  const mediators = await call('mediators');
  const search = h('input', {
    id: 'search',
    type: 'search',
    placeholder: '姓名或名称（两个字即可）、案号、身份证号码',
    style: 'width:340px',
  });
  const stage = h(
    'select',
    { id: 'stage-filter' },
    h('option', { value: '' }, '在办案件'),
    h('option', { value: 'all' }, '全部案件'),
    state.app.counts.map((c) =>
      h('option', { value: c.stage, selected: c.stage === stageArg }, c.label),
    ),
  );
  const med = h(
    'select',
    { id: 'mediator-filter' },
    h('option', { value: '' }, '全部和解员'),
    mediators.map((m) => h('option', { value: m.mediator.id }, m.mediator.name)),
  );
  const out = h('div');
  async function load(p) {
    page = p;
    const s = stage.value;
    const query = {
      search: search.value || null,
      stage: s && s !== 'all' ? s : null,
      mediator: med.value || null,
      open_only: s === '',
      limit: PAGE,
      offset: page * PAGE,
    };
    try {
      const rows = await call('list_cases', { query });
      fill(out, caseTable(rows, 'case-table'), pager(page, rows.length, load));
    } catch (e) {
      toast(e.message);
    }
  }
  const form = h(
    'form',
    {
      class: 'row',
      onsubmit: (e) => {
        e.preventDefault();
        load(0);
      },
    },
    h('label', {}, '搜索', search),
    h('label', {}, '阶段', stage),
    h('label', {}, '和解员', med),
    h('button', { class: 'primary', type: 'submit', id: 'search-submit' }, '查询'),
  );
  stage.addEventListener('change', () => load(0));
  med.addEventListener('change', () => load(0));
  fill(main, h('h1', {}, '案件'), form, h('p'), out);
  await load(0);
  search.focus();
}

// 全部待办: everything waiting for the current user (the core looks through the 1,000 nearest cases).
export async function todo(main) {
  const rows = await call('todo', { limit: 500 });
  fill(
    main,
    h('h1', {}, `全部待办（${state.app.user.name}：${rows.length} 件）`),
    caseTable(rows, 'todo-table', true),
  );
}
