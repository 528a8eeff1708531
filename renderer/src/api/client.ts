// The one way the UI talks to the core: `api.call(method, input)`. Two transports carry the same
// envelope ({ok:true,data} | {ok:false,error}): Electron IPC through the preload, or HTTP in browser mode.
import type { ApiInput, ApiResponse, ApiResult, MethodName } from '../../../shared/api/contract';
import type { ApiErrorBody, FieldError } from '../../../shared/api/errors';
import type { Lang } from '../../../shared/i18n/messages';

/** What the Electron preload exposes on `window.nguongoc` (contextBridge). */
export type PreloadBridge = {
  /** `session`: the PIN login's session token; the main process passes it to the core. */
  call(method: string, input: unknown, lang: Lang, session?: string): Promise<ApiResponse<unknown>>;
  host: 'electron';
};

declare global {
  interface Window {
    nguongoc?: PreloadBridge;
  }
}

export class ApiError extends Error {
  readonly code: string;
  readonly fields: FieldError[];
  readonly details?: Record<string, unknown>;
  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.fields = body.fields ?? [];
    this.details = body.details;
  }
}

export interface ApiClient {
  readonly host: 'electron' | 'http';
  call<M extends MethodName>(method: M, input: ApiInput<M>): Promise<ApiResult<M>>;
}

type Transport = (method: string, input: unknown, lang: Lang) => Promise<ApiResponse<unknown>>;

const NETWORK_MESSAGE: Record<Lang, string> = {
  vi: 'Không kết nối được với phần mềm. Hãy kiểm tra cửa sổ "nguongoc serve" còn chạy không rồi tải lại trang.',
  en: 'Cannot reach the program. Check that "nguongoc serve" is still running, then reload the page.',
};

function unwrap<T>(res: ApiResponse<unknown>): T {
  if (res.ok) return res.data as T;
  throw new ApiError(res.error);
}

function makeClient(host: 'electron' | 'http', transport: Transport, getLang: () => Lang): ApiClient {
  return {
    host,
    async call(method, input) {
      const lang = getLang();
      let res: ApiResponse<unknown>;
      try {
        res = await transport(method, input ?? {}, lang);
      } catch (err) {
        if (err instanceof ApiError) throw err;
        throw new ApiError({ code: 'NETWORK', message: NETWORK_MESSAGE[lang], details: { detail: String(err) } });
      }
      return unwrap(res);
    },
  };
}

const TOKEN_KEY = 'nguongoc-token';

/**
 * The HTTP token: a loopback visitor's page carries it in a meta tag; a classroom visitor opens a
 * shared link `…/#token=XYZ`. We keep that in sessionStorage and remove it from the address bar so it
 * is not bookmarked or shown on a projector. Must run before the hash router reads the hash.
 */
export function takeToken(): string | null {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="nguongoc-token"]')?.content;
  const m = /(?:^#|[#&])token=([^&]+)/.exec(window.location.hash);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(m[1]));
    window.history.replaceState(null, '', window.location.pathname + window.location.search + '#/');
  }
  return meta || sessionStorage.getItem(TOKEN_KEY);
}

function httpTransport(token: string | null): Transport {
  return async (method, input, lang) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-Nguongoc-Lang': lang };
    if (token) headers.Authorization = `Bearer ${token}`;
    // The PIN login's session (renderer/src/pages/login/session.ts).
    const session = sessionStorage.getItem('nguongoc-session');
    if (session) headers['X-Nguongoc-Session'] = session;
    const res = await fetch(`./api/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(input),
    });
    const type = res.headers.get('content-type') ?? '';
    if (!type.includes('application/json')) throw new Error(`HTTP ${res.status}`);
    return (await res.json()) as ApiResponse<unknown>;
  };
}

export function createApiClient(getLang: () => Lang): ApiClient {
  const bridge = window.nguongoc;
  if (bridge && bridge.host === 'electron')
    return makeClient(
      'electron',
      (m, i, l) => bridge.call(m, i, l, sessionStorage.getItem('nguongoc-session') ?? undefined),
      getLang,
    );
  return makeClient('http', httpTransport(takeToken()), getLang);
}
