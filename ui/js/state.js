// What every view reads: the core's app_state (the current user, today, the court, the users),
// refreshed before each view is drawn and after the user changes; the role names. The views import
// this module, not app.js (the router, which imports the views).
import { call } from './api.js';
import { $ } from './util.js';

export const state = { app: null };

export async function refreshState() {
  state.app = await call('app_state');
  $('#current-user').textContent = state.app.user
    ? `${state.app.user.name}（${roleLabel(state.app.user.role)}）`
    : '未选择';
  $('#today').textContent = `今天：${state.app.today}`;
  $('#court-name').textContent = state.app.court;
  return state.app;
}

export function roleLabel(r) {
  return { judge: '法官', mediator: '和解员', clerk: '书记员' }[r] || r;
}
