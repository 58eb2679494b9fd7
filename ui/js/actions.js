// One case action sent to the core (which decides whether it is allowed now); its summaries are
// shown as a toast. Used by the case page's forms and by the signing view.
import { call } from './api.js';
import { toast } from './util.js';

export async function act(caseId, action) {
  const r = await call('act', { case: caseId, action });
  toast(r.summaries.join('；'));
  return r;
}
