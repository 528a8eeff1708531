// The PIN login's session token, kept for this window only (closing the window signs out).
const KEY = 'nguongoc-session';
export const getSession = () => sessionStorage.getItem(KEY);
export const setSession = (token: string | null) =>
  token ? sessionStorage.setItem(KEY, token) : sessionStorage.removeItem(KEY);
export const SESSION_ERRORS = new Set(['LOGIN_REQUIRED', 'SESSION_EXPIRED']);
