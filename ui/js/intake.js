// 收案: the filing division's hand-over, validated by the core (its Chinese message is shown and
// nothing is stored), and the import of a JSON/CSV file with progress and a per-row report.
import { call, dialog, listen } from './api.js';
import { state } from './state.js';
import { errorBox, fill, h, toast } from './util.js';

const CRITERIA = [
  ['small_amount', '案件标的较小'],
  ['both_agree', '申请人与被执行人均同意和解'],
  ['livelihood', '人身损害赔偿、抚养费、赡养费、劳务合同等涉民生案件'],
  ['debtor_lacks_property', '申请人明知被执行人无财产或无足额财产'],
  ['both_enterprises', '双方当事人均为企业'],
  ['public_body_debtor', '被执行人为行政机关、事业单位、社区或村民委员会、区域重点企业'],
  ['other', '其他有执行和解可能的'],
];

// One fieldset per party; `prefix` is app/res for the first of each side, app2, res2… for more.
function partyFields(prefix, title, onRemove) {
  const f = (name, label, attrs = {}) =>
    h(
      'label',
      {},
      label,
      h('input', { name: `${prefix}_${name}`, id: `${prefix}-${name}`, ...attrs }),
    );
  return h(
    'fieldset',
    { 'data-party': prefix },
    h(
      'legend',
      {},
      title,
      onRemove
        ? h(
            'button',
            { type: 'button', class: 'link', id: `${prefix}-remove`, onclick: onRemove },
            '（删除）',
          )
        : null,
    ),
    h(
      'div',
      { class: 'grid' },
      h(
        'label',
        {},
        '类型',
        h(
          'select',
          { name: `${prefix}_kind`, id: `${prefix}-kind` },
          h('option', { value: 'person' }, '自然人'),
          h('option', { value: 'organisation' }, '单位'),
        ),
      ),
      f('name', '姓名或名称'),
      f('id_number', '身份证号码或统一社会信用代码'),
      f('phone', '联系电话'),
      f('legal_rep', '法定代表人（单位填写）'),
      h(
        'label',
        { class: 'wide' },
        '住所',
        h('input', { name: `${prefix}_address`, id: `${prefix}-address` }),
      ),
      f('agent_name', '委托代理人（可不填）'),
      f('agent_id', '代理人身份证号码'),
      h(
        'label',
        {},
        '代理权限',
        h(
          'select',
          { name: `${prefix}_agent_authority`, id: `${prefix}-agent-authority` },
          h('option', { value: 'general' }, '一般授权'),
          h('option', { value: 'special' }, '特别授权（可代为和解）'),
        ),
      ),
    ),
  );
}

function party(fd, prefix, side) {
  const v = (k) => (fd.get(`${prefix}_${k}`) || '').trim();
  const agents = v('agent_name')
    ? [
        {
          name: v('agent_name'),
          id_number: v('agent_id'),
          phone: '',
          authority: v('agent_authority'),
        },
      ]
    : [];
  return {
    side,
    kind: v('kind'),
    name: v('name'),
    id_number: v('id_number'),
    address: v('address'),
    phone: v('phone'),
    legal_rep: v('legal_rep') || null,
    agents,
  };
}

async function fen(text, field) {
  try {
    return await call('parse_yuan', { text });
  } catch (e) {
    throw { code: e.code, message: `${field}：${e.message}` };
  }
}

// Several applicants or respondents (joint debtors, co-applicants): a fieldset each.
function addParty(side, title, box) {
  let seq = 1; // never reused, so field names stay unique after a removal
  return h(
    'p',
    {},
    h(
      'button',
      {
        type: 'button',
        id: `add-${side}`,
        onclick: () => {
          seq += 1;
          const prefix = `${side}${seq}`;
          const set = partyFields(prefix, `${title}（${seq}）`, () => set.remove());
          box.append(set);
          set.querySelector('input').focus();
        },
      },
      `＋ 添加${title}`,
    ),
  );
}

export async function intake(main) {
  const applicants = h('div', { id: 'applicants' }, partyFields('app', '申请执行人'));
  const respondents = h('div', { id: 'respondents' }, partyFields('res', '被执行人'));
  const err = h('div', { id: 'intake-error' });
  const result = h('div', { id: 'intake-result' });
  const form = h(
    'form',
    { id: 'intake-form', novalidate: true },
    h(
      'div',
      { class: 'row' },
      h(
        'label',
        {},
        '收案日期',
        h('input', {
          type: 'date',
          name: 'received_on',
          id: 'received-on',
          value: state.app.today,
        }),
      ),
    ),
    h('p'),
    applicants,
    addParty('app', '申请执行人', applicants),
    respondents,
    addParty('res', '被执行人', respondents),
    h(
      'fieldset',
      {},
      h('legend', {}, '生效法律文书'),
      h(
        'div',
        { class: 'grid' },
        h(
          'label',
          {},
          '作出机构',
          h('input', { name: 'basis_court', id: 'basis-court', value: state.app.court }),
        ),
        h(
          'label',
          {},
          '案号',
          h('input', {
            name: 'basis_number',
            id: 'basis-number',
            placeholder: '（2026）鲁0502民初123号',
          }),
        ),
        h(
          'label',
          {},
          '种类',
          h(
            'select',
            { name: 'basis_type', id: 'basis-type' },
            ['民事判决书', '民事调解书', '民事裁定书', '仲裁裁决书', '公证债权文书'].map((t) =>
              h('option', {}, t),
            ),
          ),
        ),
        h(
          'label',
          {},
          '生效日期',
          h('input', { type: 'date', name: 'basis_effective', id: 'basis-effective' }),
        ),
        h(
          'label',
          {},
          '申请执行金额（元）',
          h('input', { name: 'claim', id: 'claim', placeholder: '30,000.00；非金钱给付填 0' }),
        ),
        h(
          'label',
          {},
          '文书确定金额（元）',
          h('input', {
            name: 'basis_amount',
            id: 'basis-amount',
            placeholder: '不填则同申请执行金额',
          }),
        ),
        h(
          'label',
          { class: 'wide' },
          '确定的义务',
          h('textarea', { name: 'basis_obligations', id: 'basis-obligations' }),
        ),
      ),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, '执前和解筛选条件（至少一项）'),
      h(
        'div',
        { class: 'checks' },
        CRITERIA.map(([v, l]) =>
          h(
            'label',
            {},
            h('input', { type: 'checkbox', name: 'criteria', value: v, id: `crit-${v}` }),
            l,
          ),
        ),
      ),
      h(
        'label',
        {},
        '说明（选“其他”时必填）',
        h('input', { name: 'criteria_note', id: 'criteria-note' }),
      ),
    ),
    err,
    h(
      'div',
      { class: 'row' },
      h('button', { class: 'primary', type: 'submit', id: 'intake-submit' }, '登记收案（Enter）'),
      h('button', { type: 'reset' }, '清空'),
    ),
    result,
  );
  const submit = form.querySelector('#intake-submit');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (submit.disabled) return; // one filing per press, however fast the presses
    submit.disabled = true;
    fill(err);
    fill(result);
    const fd = new FormData(form);
    try {
      const claim = await fen(fd.get('claim') || '', '申请执行金额');
      const basisAmount = (fd.get('basis_amount') || '').trim()
        ? await fen(fd.get('basis_amount'), '文书确定的金额')
        : claim;
      const handover = {
        received_on: fd.get('received_on') || null,
        parties: [
          ...[...applicants.children].map((set) => party(fd, set.dataset.party, 'applicant')),
          ...[...respondents.children].map((set) => party(fd, set.dataset.party, 'respondent')),
        ],
        basis: {
          court: fd.get('basis_court'),
          case_number: fd.get('basis_number'),
          doc_type: fd.get('basis_type'),
          effective_on: fd.get('basis_effective') || null,
          obligations: fd.get('basis_obligations'),
          amount_fen: basisAmount,
        },
        claim_fen: claim,
        criteria: fd.getAll('criteria'),
        criteria_note: fd.get('criteria_note') || '',
      };
      if (!handover.basis.effective_on)
        throw { code: 'basis.effective_on', message: '请填写生效日期' };
      const r = await call('register', { handover });
      fill(
        result,
        h('p', { class: 'ok', id: 'intake-ok' }, `已收案：${r.number}`),
        ...r.warnings.map((w) => h('div', { class: 'notice' }, w)),
        h(
          'button',
          {
            onclick: () => {
              location.hash = `#/case/${r.id}`;
            },
          },
          '打开案件',
        ),
      );
      toast(`已收案：${r.number}`);
      // Cleared for the next hand-over; the result stays above until the next filing.
      form.reset();
      [applicants, respondents].forEach((box) => {
        while (box.children.length > 1) box.lastChild.remove();
      });
    } catch (e) {
      fill(err, errorBox(e));
      err.scrollIntoView({ block: 'nearest' });
    } finally {
      submit.disabled = false;
    }
  });

  const progress = h('progress', { max: 1, value: 0, id: 'import-progress', class: 'hidden' });
  const report = h('div', { id: 'import-report' });
  const importBtn = h(
    'button',
    {
      id: 'import-button',
      onclick: async () => {
        fill(report);
        const path = await dialog()?.open({
          title: '选择收案文件',
          multiple: false,
          filters: [{ name: '收案文件（CSV / JSON）', extensions: ['csv', 'json'] }],
        });
        if (!path) return;
        progress.classList.remove('hidden');
        const label = h('span', { id: 'import-phase', class: 'muted' });
        progress.after(label);
        const un = await listen('import-progress', (p) => {
          progress.max = p.total || 1;
          progress.value = p.done;
          label.textContent = `${p.phase} ${p.done}/${p.total}`;
        });
        try {
          const r = await call('import_file', { path });
          fill(
            report,
            h(
              'p',
              { class: r.ok ? 'ok' : 'error' },
              r.ok ? `共导入 ${r.rows.length} 件` : '文件中有错误，整个文件未导入：',
            ),
            h(
              'table',
              {},
              h('tr', {}, h('th', {}, '位置'), h('th', {}, '结果')),
              r.rows.map((row) =>
                h(
                  'tr',
                  {},
                  h('td', {}, row.place),
                  h('td', { class: row.ok ? 'ok' : '' }, row.number || row.message),
                ),
              ),
            ),
          );
        } catch (e) {
          fill(report, errorBox(e));
        } finally {
          un && (await un)();
          label.remove();
        }
      },
    },
    '导入收案文件（CSV / JSON）…',
  );
  fill(
    main,
    h('h1', {}, '收案'),
    h('div', { class: 'row' }, importBtn, progress),
    report,
    h('h2', {}, '逐件登记'),
    form,
  );
  form.querySelector('#app-name').focus();
}
