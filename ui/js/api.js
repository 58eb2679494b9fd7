// Calls into the Rust core through Tauri. `window.__TAURI__` is read at call time so the page
// also loads outside the app.
export async function call(cmd, args = {}) {
  const tauri = window.__TAURI__;
  if (!tauri) throw { code: 'no.tauri', message: '请在和解台应用中打开此页面' };
  try {
    return await tauri.core.invoke(cmd, args);
  } catch (e) {
    if (e && typeof e === 'object' && 'message' in e) throw e;
    throw { code: 'unknown', message: String(e) };
  }
}

export function listen(event, fn) {
  return window.__TAURI__?.event?.listen(event, (e) => fn(e.payload));
}

export const dialog = () => window.__TAURI__?.dialog;
