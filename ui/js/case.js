// 案件页: the stage, the deadline, the parties, the timeline, and only the actions the core allows
// now, each with its form; the signing view; the documents.
import { act } from './actions.js';
import { call, dialog } from './api.js';
import { openModal } from './modal.js';
import { openSigning } from './sign.js';
import { state } from './state.js';
import { daysBadge, errorBox, fill, fmtTime, h, toast, yuan } from './util.js';

const LABELS = {
  record_consent: '征询和解意见',
  review: '审查立案条件',
  withdraw: '撤回申请',
  insist: '坚持申请（转裁定驳回）',
  issue_notice: '发出执行通知书',
  record_service: '记录送达',
  record_property: '记录查控结果',
  choose_mediator: '选定和解员',
  recuse_mediator: '和解员回避',
  schedule_session: '安排和解',
  check_identity: '核对身份',
  record_talks: '制作和解笔录',
  suggest: '提出和解建议',
  draft_agreement: '拟定和解协议',
  sign: '签署和解协议',
  declare_failure: '宣布和解不成',
  extend: '延长和解期限',
  transfer: '移送立案庭',
  record_payment: '记录履行',
  apply_resume: '申请恢复执行',
};

const field = (label, el) => h('label', {}, label, el);
const input = (name, attrs = {}) => h('input', { name, id: `f-${name}`, ...attrs });
const area = (name, value = '') => {
  const t = h('textarea', { name, id: `f-${name}` });
  t.value = value;
  return t;
};
const select = (name, options) =>
  h(
    'select',
    { name, id: `f-${name}` },
    options.map(([v, l]) => h('option', { value: v }, l)),
  );
const val = (form, name) => (form.elements[name]?.value ?? '').trim();

async function fen(text, label) {
  try {
    return await call('parse_yuan', { text });
  } catch (e) {
    throw { code: e.code, message: `${label}：${e.message}` };
  }
}

function people(c) {
  const out = [];
  for (const p of c.parties) {
    if (p.kind === 'person')
      out.push([
        p.name,
        `${p.name}（${p.side === 'applicant' ? '申请执行人' : '被执行人'}）`,
        p.id_number,
      ]);
    else if (p.legal_rep) out.push([p.legal_rep, `${p.legal_rep}（${p.name}法定代表人）`, '']);
    for (const a of p.agents)
      out.push([
        a.name,
        `${a.name}（${p.name}的代理人，${a.authority === 'special' ? '特别授权' : '一般授权'}）`,
        a.id_number,
      ]);
  }
  return out;
}

/// Each action's form: fields, and how to turn the filled form into the action JSON.
function forms(view) {
  const c = view.case;
  const parties = c.parties.map((p) => [
    p.name,
    `${p.name}（${p.side === 'applicant' ? '申请执行人' : '被执行人'}）`,
  ]);
  const sessions = c.sessions.map((s) => [
    String(s.no),
    `第${s.no}次（${s.at.replace('T', ' ').slice(0, 16)}）`,
  ]);
  const note = () => field('备注', input('note'));
  const t = c.agreement?.terms;
  return {
    record_consent: [
      [
        field('当事人', select('party', parties)),
        field(
          '意见',
          select('status', [
            ['agreed', '同意执行前和解'],
            ['refused', '明确拒绝'],
          ]),
        ),
        field('征询方式', input('method', { value: '电话征询' })),
        note(),
      ],
      (f) => ({
        type: 'record_consent',
        party: val(f, 'party'),
        status: val(f, 'status'),
        method: val(f, 'method'),
        note: val(f, 'note'),
      }),
    ],
    review: [
      [
        field(
          '审查结论',
          select('accepted', [
            ['true', '符合立案条件'],
            ['false', '不符合立案条件（须释明）'],
          ]),
        ),
        field('释明内容（不符合时必填）', area('explanation')),
        note(),
      ],
      (f) => ({
        type: 'review',
        accepted: val(f, 'accepted') === 'true',
        explanation: val(f, 'explanation') || null,
        note: val(f, 'note'),
      }),
    ],
    withdraw: [[note()], (f) => ({ type: 'withdraw', note: val(f, 'note') })],
    insist: [[note()], (f) => ({ type: 'insist', note: val(f, 'note') })],
    issue_notice: [
      [
        h(
          'label',
          { class: 'checks' },
          h(
            'span',
            {},
            h('input', {
              type: 'checkbox',
              name: 'property_order',
              id: 'f-property_order',
              checked: c.claim_fen > 0,
            }),
            ' 同时发出报告财产令（金钱债权必须）',
          ),
        ),
        field(
          '报告财产期限（日）',
          input('report_days', {
            type: 'number',
            value: view.settings.property_report_days,
            min: 1,
            max: 365,
          }),
        ),
      ],
      (f) => ({
        type: 'issue_notice',
        property_order: f.elements.property_order.checked,
        report_days: Number(val(f, 'report_days')) || null,
      }),
    ],
    record_service: [
      [
        field(
          '文书',
          select('document', [
            ['执行通知书', '执行通知书'],
            ['报告财产令', '报告财产令'],
            ['和解通知书', '和解通知书'],
            ['和解建议书', '和解建议书'],
            ['执前和解协议书', '执前和解协议书'],
          ]),
        ),
        field('受送达人', select('party', parties)),
        field(
          '送达方式',
          select('method', [
            ['直接送达', '直接送达'],
            ['邮寄送达', '邮寄送达'],
            ['电子送达', '电子送达'],
            ['留置送达', '留置送达'],
          ]),
        ),
        field('送达日期', input('on', { type: 'date', value: state.app.today })),
      ],
      (f) => ({
        type: 'record_service',
        document: val(f, 'document'),
        party: val(f, 'party'),
        method: val(f, 'method'),
        on: val(f, 'on') || null,
      }),
    ],
    record_property: [
      [
        field(
          '类别',
          select('category', [
            ['bank_deposit', '银行存款'],
            ['vehicle', '车辆'],
            ['real_estate', '房产'],
            ['online_funds', '网络资金'],
            ['other', '其他'],
          ]),
        ),
        field('机构或登记机关', input('institution')),
        field('财产情况', input('description')),
        field('价值（元）', input('value')),
        field('控制措施', input('measure', { placeholder: '冻结、查封、扣押…' })),
      ],
      async (f) => ({
        type: 'record_property',
        category: val(f, 'category'),
        institution: val(f, 'institution'),
        description: val(f, 'description'),
        value_fen: await fen(val(f, 'value') || '0', '价值'),
        measure: val(f, 'measure'),
      }),
    ],
    choose_mediator: [
      [
        field(
          '和解员',
          select(
            'mediator',
            view.roster
              .filter((m) => m.mediator.active)
              .map((m) => [
                m.mediator.name,
                `${m.mediator.name}（${m.category_label}，${m.mediator.organisation}）`,
              ]),
          ),
        ),
        field(
          '方式',
          select('by', [
            ['agreement', '当事人协商选定'],
            ['appointment', '协商不成，由中心指定'],
          ]),
        ),
        field('更换理由（更换时必填）', input('reason')),
      ],
      (f) => ({
        type: 'choose_mediator',
        mediator: val(f, 'mediator'),
        by: val(f, 'by'),
        reason: val(f, 'reason'),
      }),
    ],
    recuse_mediator: [
      [
        field('和解员', select('mediator', c.mediator ? [[c.mediator.name, c.mediator.name]] : [])),
        field('回避理由', input('reason')),
      ],
      (f) => ({ type: 'recuse_mediator', mediator: val(f, 'mediator'), reason: val(f, 'reason') }),
    ],
    schedule_session: [
      [
        field('时间', input('at', { type: 'datetime-local' })),
        field(
          '方式',
          select('manner', [
            ['court', '在人民法院进行'],
            ['agreed_place', '在双方协商的地点进行'],
            ['online', '在线和解'],
          ]),
        ),
        field('地点（在线请填平台）', input('place', { value: '执行和解中心第一和解室' })),
        h(
          'fieldset',
          {},
          h('legend', {}, '通知各方当事人'),
          c.parties.map((p, i) =>
            field(
              p.name,
              select(`notice_${i}`, [
                ['电话通知', '电话通知'],
                ['短信通知', '短信通知'],
                ['书面通知', '书面通知'],
                ['', '（尚未通知）'],
              ]),
            ),
          ),
        ),
      ],
      (f) => ({
        type: 'schedule_session',
        at: val(f, 'at') ? (val(f, 'at').length === 16 ? `${val(f, 'at')}:00` : val(f, 'at')) : '',
        place: val(f, 'place'),
        manner: val(f, 'manner'),
        notices: c.parties
          .map((p, i) => ({ party: p.name, method: val(f, `notice_${i}`) }))
          .filter((n) => n.method),
      }),
    ],
    check_identity: [
      [
        field('第几次和解', select('session', sessions.slice().reverse())),
        field(
          '到场人员',
          select(
            'person',
            people(c).map(([v, l]) => [v, l]),
          ),
        ),
        field('出示证件号码', input('id_number')),
      ],
      (f) => ({
        type: 'check_identity',
        session: Number(val(f, 'session')),
        person: val(f, 'person'),
        id_number: val(f, 'id_number'),
      }),
    ],
    record_talks: [
      [
        field('第几次和解', select('session', sessions.slice().reverse())),
        field('笔录内容（问答、各方意见）', area('record')),
      ],
      (f) => ({
        type: 'record_talks',
        session: Number(val(f, 'session')),
        record: val(f, 'record'),
      }),
    ],
    suggest: [
      [field('和解建议', area('text'))],
      (f) => ({ type: 'suggest', text: val(f, 'text') }),
    ],
    // A redraft starts from the current terms: amending one term does not mean retyping the rest.
    draft_agreement: [
      [
        field('和解金额（元）', input('amount', { value: t ? yuan(t.amount_fen) : '' })),
        field(
          '分期（每行一期：日期 金额，如 2026-12-31 50000）',
          area(
            'installments',
            t
              ? t.installments.map((i) => `${i.due} ${yuan(i.amount).replace(/,/g, '')}`).join('\n')
              : '',
          ),
        ),
        field('履行方式', input('method', { value: t ? t.method : '银行转账' })),
        field('收款账户', input('account', { value: t ? t.account : '' })),
        field('其他约定（每行一项）', area('other', t ? t.other_terms.join('\n') : '')),
        field(
          '不履行的法律后果（必填）',
          area('clause', t ? t.non_performance_clause : view.settings.default_clause),
        ),
      ],
      async (f) => {
        const inst = [];
        const lines = val(f, 'installments')
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean);
        for (const [i, l] of lines.entries()) {
          const [due, amount] = l.split(/\s+/);
          if (!/^\d{4}-\d{2}-\d{2}$/.test(due || ''))
            throw {
              code: 'terms.due',
              message: `第${i + 1}期的日期“${due || ''}”应为 2026-12-31 的格式`,
            };
          inst.push({ due, amount: await fen(amount || '', `第${i + 1}期金额`) });
        }
        return {
          type: 'draft_agreement',
          terms: {
            amount_fen: await fen(val(f, 'amount'), '和解金额'),
            installments: inst,
            method: val(f, 'method'),
            account: val(f, 'account'),
            other_terms: val(f, 'other')
              .split('\n')
              .map((s) => s.trim())
              .filter(Boolean),
            non_performance_clause: val(f, 'clause'),
          },
        };
      },
    ],
    declare_failure: [[note()], (f) => ({ type: 'declare_failure', note: val(f, 'note') })],
    extend: [
      [
        field('延长天数', input('days', { type: 'number', value: 15, min: 1 })),
        h(
          'div',
          { class: 'checks' },
          h(
            'label',
            {},
            h('input', { type: 'checkbox', name: 'applicant_request', id: 'f-applicant_request' }),
            '申请执行人申请延长',
          ),
          h(
            'label',
            {},
            h('input', {
              type: 'checkbox',
              name: 'respondent_request',
              id: 'f-respondent_request',
            }),
            '被执行人申请延长',
          ),
        ),
        note(),
      ],
      (f) => ({
        type: 'extend',
        days: Number(val(f, 'days')),
        applicant_request: f.elements.applicant_request.checked,
        respondent_request: f.elements.respondent_request.checked,
        note: val(f, 'note'),
      }),
    ],
    transfer: [[note()], (f) => ({ type: 'transfer', note: val(f, 'note') })],
    record_payment: [
      [
        field('履行金额（元）', input('amount')),
        field('履行日期', input('on', { type: 'date', value: state.app.today })),
        note(),
      ],
      async (f) => ({
        type: 'record_payment',
        amount_fen: await fen(val(f, 'amount'), '履行金额'),
        on: val(f, 'on') || null,
        note: val(f, 'note'),
      }),
    ],
    apply_resume: [
      [field('申请日期', input('on', { type: 'date', value: state.app.today })), note()],
      (f) => ({ type: 'apply_resume', on: val(f, 'on') || null, note: val(f, 'note') }),
    ],
  };
}

export async function casePage(main, id) {
  const [view, roster, settings] = await Promise.all([
    call('case_view', { case: id }),
    call('mediators'),
    call('get_settings'),
  ]);
  view.roster = roster;
  view.settings = settings;
  const c = view.case;
  const reload = () => casePage(main, id);
  const fs = forms(view);
  const actionButtons = view.actions.map((a) =>
    h(
      'button',
      {
        'data-action': a,
        id: `act-${a}`,
        onclick: () => {
          if (a === 'sign') return openSigning(view, reload);
          const [fields, build] = fs[a];
          openModal(LABELS[a], fields, async (form) => {
            await act(c.id, await build(form));
            await reload();
          });
        },
      },
      LABELS[a] || a,
    ),
  );
  const consentLabel = { pending: '待征询', agreed: '同意和解', refused: '拒绝' };
  const parties = c.parties.map((p) => {
    const rep = p.legal_rep ? `，法定代表人${p.legal_rep}` : '';
    const consent = consentLabel[c.consents[p.id]?.status] || '';
    return h(
      'div',
      {},
      h('b', {}, `${p.side === 'applicant' ? '申请执行人' : '被执行人'}：${p.name}`),
      h('div', { class: 'muted' }, `${p.id_number}${rep}；意见：${consent}`),
      p.warning ? h('div', { class: 'notice' }, p.warning) : null,
      p.agents.map((a) =>
        h(
          'div',
          { class: 'muted' },
          `委托代理人：${a.name}（${a.authority === 'special' ? '特别授权' : '一般授权'}）`,
        ),
      ),
    );
  });
  const agreement = c.agreement
    ? h(
        'div',
        { class: 'panel', id: 'agreement-panel' },
        h('h2', {}, `和解协议（第${c.agreement.version}稿）`),
        h('p', {}, agreementSummary(c.agreement)),
        view.missing_signers.length
          ? h(
              'p',
              { class: 'notice', id: 'missing-signers' },
              `尚待签名：${view.missing_signers.join('、')}`,
            )
          : h('p', { class: 'ok' }, '各方已签署现行文本'),
      )
    : null;
  fill(
    main,
    h(
      'h1',
      { id: 'case-title' },
      view.number,
      ' ',
      h('span', { class: 'badge stage', id: 'case-stage' }, view.stage_label),
    ),
    h(
      'div',
      { class: 'split' },
      h(
        'div',
        {},
        h(
          'div',
          { class: 'panel' },
          h(
            'dl',
            { class: 'kv' },
            h('dt', {}, '和解期限'),
            h(
              'dd',
              { id: 'case-deadline' },
              `${c.period.start} 至 ${c.period.end}`,
              ' ',
              c.stage === 'review' || c.stage === 'preparing' || c.stage === 'talks'
                ? daysBadge(view.days_left)
                : '',
            ),
            h('dt', {}, '执行依据'),
            h('dd', {}, `${c.basis.court}${c.basis.case_number}${c.basis.doc_type}`),
            h('dt', {}, '申请标的'),
            h('dd', {}, `${yuan(c.claim_fen)} 元`),
            h('dt', {}, '和解员'),
            h(
              'dd',
              {},
              c.mediator
                ? `${c.mediator.name}（${c.mediator.by === 'agreement' ? '协商选定' : '中心指定'}）`
                : '未选定',
            ),
          ),
        ),
        h('div', { class: 'panel', id: 'case-parties' }, h('h2', {}, '当事人'), parties),
        agreement,
        performancePanel(c),
        sessionsPanel(c),
        propertyPanel(c),
        h(
          'div',
          { class: 'panel' },
          h('h2', {}, '现在可以办理'),
          view.actions.length
            ? h('div', { class: 'actions', id: 'case-actions' }, actionButtons)
            : h('p', { class: 'muted', id: 'no-actions' }, '当前用户在本阶段没有可办理的事项'),
        ),
      ),
      h(
        'div',
        {},
        h('div', { class: 'panel' }, h('h2', {}, '文书'), documentsPanel(view)),
        h(
          'div',
          { class: 'panel' },
          h('h2', {}, '时间线'),
          h(
            'ol',
            { class: 'timeline', id: 'timeline' },
            view.timeline
              .slice()
              .reverse()
              .map((e) =>
                h('li', {}, h('time', {}, `${fmtTime(e.at)} ${e.actor_name}`), e.summary),
              ),
          ),
        ),
      ),
    ),
  );
}

function agreementSummary(a) {
  const { amount_fen, installments } = a.terms;
  return `金额 ${yuan(amount_fen)} 元；分 ${installments.length} 期；文本摘要 ${a.sha256.slice(0, 16)}…`;
}

// 履行情况: the agreed installments against what has been paid (integer 分 throughout).
function performancePanel(c) {
  if (!c.agreement || !['performing', 'performed', 'resumed'].includes(c.stage)) return null;
  const total = c.agreement.terms.amount_fen;
  const paid = c.payments.reduce((sum, p) => sum + p.amount_fen, 0);
  let left = paid;
  const rows = c.agreement.terms.installments.map((i, n) => {
    const covered = Math.min(left, i.amount);
    left -= covered;
    const status =
      covered >= i.amount
        ? '已履行'
        : i.due < state.app.today
          ? `逾期未付 ${yuan(i.amount - covered)} 元`
          : `待履行 ${yuan(i.amount - covered)} 元`;
    return h(
      'tr',
      {},
      h('td', {}, `第${n + 1}期`),
      h('td', {}, i.due),
      h('td', { class: 'num' }, yuan(i.amount)),
      h('td', {}, status),
    );
  });
  return h(
    'div',
    { class: 'panel', id: 'performance-panel' },
    h('h2', {}, '履行情况'),
    h(
      'p',
      {},
      `协议金额 ${yuan(total)} 元，已履行 ${yuan(paid)} 元，未履行 ${yuan(Math.max(total - paid, 0))} 元`,
    ),
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['期次', '期限', '金额（元）', '状态'].map((t) => h('th', {}, t)),
        ),
      ),
      h('tbody', {}, rows),
    ),
    c.payments.length
      ? h(
          'p',
          { class: 'muted' },
          '付款记录：',
          c.payments.map((p) => `${p.on} ${yuan(p.amount_fen)} 元`).join('；'),
        )
      : null,
  );
}

// 和解: each session with its notice, who was checked in, and whether the talks are recorded.
function sessionsPanel(c) {
  if (!c.sessions.length) return null;
  const manner = { court: '在人民法院', agreed_place: '在协商地点', online: '在线' };
  return h(
    'div',
    { class: 'panel', id: 'sessions-panel' },
    h('h2', {}, '和解'),
    c.sessions.map((s) => {
      const when = s.at.replace('T', ' ').slice(0, 16);
      const checked = [...new Set(s.checks.map((k) => k.name))].join('、') || '（无）';
      return h(
        'div',
        {},
        h('b', {}, `第${s.no}次 ${when} ${manner[s.manner] || ''} ${s.place}`),
        h(
          'div',
          { class: 'muted' },
          `已核对身份：${checked}；笔录：${s.record ? '已记录' : '未记录'}`,
        ),
      );
    }),
  );
}

// 财产查控: the online inquiry's findings and the measures taken.
function propertyPanel(c) {
  if (!c.property.length) return null;
  const cat = {
    bank_deposit: '银行存款',
    vehicle: '车辆',
    real_estate: '房产',
    online_funds: '网络资金',
    other: '其他',
  };
  return h(
    'div',
    { class: 'panel', id: 'property-panel' },
    h('h2', {}, '财产查控'),
    c.property.map((p) => {
      const what = `${cat[p.category] || p.category}：${p.institution} ${p.description}`;
      const measure = p.measure ? `，${p.measure}` : '';
      return h('div', {}, `${what}，价值 ${yuan(p.value_fen)} 元${measure}`);
    }),
  );
}

function documentsPanel(view) {
  const c = view.case;
  const wet = h('input', { type: 'checkbox', id: 'doc-wet' });
  const kind = h(
    'select',
    { id: 'doc-kind' },
    view.documents.map((d) => h('option', { value: d.kind }, d.title)),
  );
  const out = h('div', { id: 'doc-output' });
  let last = null;
  const gen = h(
    'button',
    {
      id: 'doc-generate',
      class: 'primary',
      onclick: async () => {
        fill(out, h('p', { class: 'muted' }, '正在生成…'));
        try {
          last = await call('render_document', {
            case: c.id,
            kind: kind.value,
            wet: wet.checked,
            session:
              perSession.includes(kind.value) && session.value ? Number(session.value) : null,
          });
          const canvas = h('canvas', { id: 'doc-preview' });
          fill(
            out,
            h(
              'p',
              { id: 'doc-info' },
              `《${last.title}》 ${Math.round(last.bytes / 1024)} KB，摘要 ${last.sha256.slice(0, 12)}`,
            ),
            h(
              'div',
              { class: 'row' },
              h('button', { id: 'doc-save', onclick: save }, '另存为…'),
              h(
                'button',
                {
                  id: 'doc-open',
                  onclick: async () => {
                    try {
                      await call('open_pdf', {
                        fileName: last.file_name,
                        base64Data: last.pdf_base64,
                      });
                    } catch (e) {
                      out.append(errorBox(e));
                    }
                  },
                },
                '打开打印',
              ),
            ),
            h('div', { class: 'preview' }, canvas),
          );
          preview(last.pdf_base64, canvas).catch((e) =>
            out.append(h('p', { class: 'muted' }, `无法预览：${e.message || e}`)),
          );
        } catch (e) {
          fill(out, errorBox(e));
        }
      },
    },
    '生成',
  );
  async function save() {
    const path = await dialog()?.save({
      title: '保存文书（PDF）',
      defaultPath: last.file_name,
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    });
    if (!path) return;
    try {
      await call('write_file', { path, base64Data: last.pdf_base64 });
      toast(`已保存：${path}`);
    } catch (e) {
      out.append(errorBox(e));
    }
  }
  if (!view.documents.length) return h('p', { class: 'muted' }, '本阶段尚无可生成的文书');
  // The wet-ink form exists for the agreement only; the notice and the record are per session.
  const wetLabel = h(
    'label',
    { class: 'checks' },
    h('span', {}, wet, ' 手写签名版（打印后当面签字）'),
  );
  const perSession = ['session_notice', 'record'];
  const session = h(
    'select',
    { id: 'doc-session' },
    c.sessions
      .slice()
      .reverse()
      .map((s) => h('option', { value: s.no }, `第${s.no}次和解（${s.at.slice(0, 10)}）`)),
  );
  const sessionLabel = field('场次', session);
  const showOptions = () => {
    wetLabel.classList.toggle('hidden', kind.value !== 'agreement');
    if (kind.value !== 'agreement') wet.checked = false;
    sessionLabel.classList.toggle(
      'hidden',
      !perSession.includes(kind.value) || c.sessions.length < 2,
    );
  };
  kind.addEventListener('change', showOptions);
  showOptions();
  return h(
    'div',
    {},
    h('div', { class: 'row' }, field('文书', kind), wetLabel, sessionLabel, gen),
    out,
  );
}

/// pdf.js is loaded only when a preview is asked for (it is large; the window starts without it).
function loadPdfJs() {
  if (window.pdfjsLib) return Promise.resolve(window.pdfjsLib);
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = 'vendor/pdf.min.js';
    s.onload = () => resolve(window.pdfjsLib);
    s.onerror = () => reject(new Error('预览组件未载入'));
    document.head.append(s);
  });
}

async function preview(b64, canvas) {
  const lib = await loadPdfJs();
  if (!lib) throw new Error('预览组件未载入');
  lib.GlobalWorkerOptions.workerSrc = 'vendor/pdf.worker.min.js';
  const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
  const pdf = await lib.getDocument({ data: bytes, isEvalSupported: false }).promise;
  const page = await pdf.getPage(1);
  const vp = page.getViewport({ scale: 0.8 });
  canvas.width = vp.width;
  canvas.height = vp.height;
  await page.render({ canvasContext: canvas.getContext('2d'), viewport: vp }).promise;
  canvas.dataset.rendered = 'true';
}
