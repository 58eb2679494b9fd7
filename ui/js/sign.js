// 签名: a full-screen, non-scrolling view per signer that shows what is being signed (the key
// terms and the text's hash), with signature_pad on a high-DPI canvas. Stored as PNG on white
// plus the raw points; the core binds the signature to the text's SHA-256.
import { act } from './actions.js';
import { call } from './api.js';
import { state } from './state.js';
import { errorBox, fill, h, toast, yuan } from './util.js';

// Who may sign comes from the core (`signer_slots`): the UI repeats none of its rules. A clerk slot
// without a name (the acting user is not a clerk) becomes one line per clerk of the centre.
function signers(view) {
  const out = [];
  for (const s of view.signer_slots) {
    if (s.role === 'clerk' && !s.name) {
      for (const u of state.app.users.filter((u) => u.role === 'clerk' && u.active))
        out.push({ ...s, name: u.name, label: `书记员 ${u.name}` });
    } else out.push(s);
  }
  return out;
}

export async function openSigning(view, done) {
  const c = view.case;
  const a = c.agreement;
  const root = document.getElementById('signing');
  const list = signers(view);
  const first = list.findIndex((s) => !s.blocked);
  const who = h(
    'select',
    { id: 'signer', style: 'max-width:60vw' },
    list.map((s, i) =>
      h(
        'option',
        { value: i, disabled: !!s.blocked, selected: i === first },
        s.blocked ? `${s.label}（${s.blocked}）` : s.label,
      ),
    ),
  );
  const capitals = await call('capitals', { fen: a.terms.amount_fen }).catch(() => '');
  const err = h('div');
  const canvas = h('canvas', { id: 'signature-canvas' });
  const pad = h('div', { class: 'pad' }, canvas);
  fill(
    root,
    h(
      'header',
      {},
      h(
        'div',
        { class: 'row', style: 'justify-content:space-between' },
        h('b', { style: 'font-size:18px' }, `签署《执前和解协议书》 ${view.number}`),
        h('label', {}, '签名人', who),
      ),
      h(
        'div',
        { class: 'terms', id: 'signing-terms' },
        `被执行人支付人民币 ${yuan(a.terms.amount_fen)} 元（${capitals}）；`,
        a.terms.installments
          .map((i, n) => `第${n + 1}期 ${i.due} 前 ${yuan(i.amount)} 元`)
          .join('；'),
        `；方式：${a.terms.method}${a.terms.account ? `（${a.terms.account}）` : ''}。`,
      ),
      h(
        'details',
        { id: 'signing-text-box' },
        h('summary', {}, '协议全文（签名即确认此文本）'),
        h('pre', { class: 'agreement-text', id: 'signing-text' }, view.agreement_text || ''),
      ),
      h(
        'div',
        { class: 'terms muted', id: 'signing-hash' },
        `协议文本第${a.version}稿 SHA-256：${a.sha256}`,
      ),
    ),
    pad,
    err,
    h(
      'footer',
      {},
      h('span', { class: 'muted', style: 'margin-right:auto' }, '请在虚线框内签名'),
      h('button', { id: 'sign-clear', onclick: () => sp.clear() }, '清除重签'),
      h('button', { id: 'sign-cancel', onclick: close }, '取消（Esc）'),
      h('button', { id: 'sign-confirm', class: 'primary', onclick: confirm }, '确认签名（Enter）'),
    ),
  );
  root.classList.remove('hidden');
  document.body.style.overflow = 'hidden';
  document.documentElement.style.overflow = 'hidden';
  const sp = new window.SignaturePad(canvas, {
    backgroundColor: 'rgb(255,255,255)',
    penColor: 'rgb(10,10,10)',
    minWidth: 1,
    maxWidth: 3,
  });
  function resize() {
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    const data = sp.toData();
    canvas.width = pad.clientWidth * ratio;
    canvas.height = pad.clientHeight * ratio;
    canvas.getContext('2d').scale(ratio, ratio);
    sp.clear();
    sp.fromData(data);
  }
  resize();
  window.addEventListener('resize', resize);
  document.getElementById('signing-text-box').addEventListener('toggle', resize);
  const onKey = (e) => {
    if (e.key === 'Escape') close();
    else if (e.key === 'Enter' && e.target.tagName !== 'SUMMARY') {
      e.preventDefault();
      confirm();
    }
  };
  document.addEventListener('keydown', onKey);
  function close() {
    window.removeEventListener('resize', resize);
    document.removeEventListener('keydown', onKey);
    root.classList.add('hidden');
    fill(root);
    document.body.style.overflow = '';
    document.documentElement.style.overflow = '';
  }
  async function confirm() {
    fill(err);
    if (sp.isEmpty()) {
      fill(err, errorBox({ message: '请先签名' }));
      return;
    }
    const s = list[Number(who.value)];
    if (!s || s.blocked) {
      fill(err, errorBox({ message: s ? s.blocked : '没有可以签名的人' }));
      return;
    }
    const png = sp.toDataURL('image/png').split(',')[1];
    try {
      await act(c.id, {
        type: 'sign',
        role: s.role,
        name: s.name,
        image_png_base64: png,
        points: sp.toData(),
        text_sha256: a.sha256,
      });
      toast(`${s.label} 已签名`);
      close();
      done();
    } catch (e) {
      fill(err, errorBox(e));
    }
  }
}
