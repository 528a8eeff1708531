// Electron IPC wiring, in plain Node so it is tested with a fake ipcMain (no electron import here;
// main/electron/main.ts passes the real one). One channel, `nguongoc:call`, carries every API method:
// the renderer sends (method, input, lang[, session]) and gets the core's envelope back.
// Three checks happen before the core sees anything: the sender must be our own page (a frame that
// navigated elsewhere, or an injected iframe, gets FORBIDDEN), the arguments must have the right
// types, and the method must be one the renderer uses (shared/api/renderer-methods.ts; any other
// gets METHOD_NOT_IN_APP, whatever the session). The input is validated by the core with zod.
import type { ApiResponse } from '../../shared/api/contract';
import { AppError } from '../../shared/api/errors';
import { notInAppRefusal } from '../../shared/api/renderer-methods';
import type { Lang } from '../../shared/i18n/messages';
import { isAppPage } from './app-scheme';
import type { CoreCaller } from './worker-client';

export const IPC_CHANNEL = 'nguongoc:call';
export const MAX_METHOD_LENGTH = 100;
const MAX_SESSION_LENGTH = 200;

/** The part of Electron's IpcMainInvokeEvent we read. */
export type IpcInvokeEventLike = {
  senderFrame?: { url: string } | null;
  sender?: { getURL?: () => string };
};

/** The part of Electron's ipcMain we use. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export type IpcOptions = {
  /** The Vite dev server (e.g. http://localhost:5173/) when the shell loads from it; its origin is allowed. */
  devServerUrl?: string;
  log?: (line: string) => void;
};

/** Is this frame URL our own app page (app://nguongoc/index.html, main/hosts/app-scheme.ts)? */
export function isTrustedSender(frameUrl: string | undefined, opts: Pick<IpcOptions, 'devServerUrl'>): boolean {
  if (!frameUrl) return false;
  if (isAppPage(frameUrl)) return true;
  if (!opts.devServerUrl) return false;
  try {
    const url = new URL(frameUrl);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === new URL(opts.devServerUrl).origin;
  } catch {
    return false;
  }
}

function refusal(
  code: string,
  lang: Lang,
  status: number,
  params: Record<string, string | number> = {},
): ApiResponse<unknown> {
  return { ok: false, error: new AppError(code, params, { status }).toBody(lang) };
}

/**
 * Registers the handler on `ipcMain`; returns a function that removes it. Never throws into the
 * renderer: every outcome, including a dead worker, is an envelope.
 */
export function registerIpc(ipcMain: IpcMainLike, core: CoreCaller, opts: IpcOptions): () => void {
  const log = opts.log ?? ((line: string) => process.stderr.write(line + '\n'));
  ipcMain.handle(IPC_CHANNEL, async (event, method, input, langArg, session) => {
    const lang: Lang = langArg === 'en' ? 'en' : 'vi';
    const frameUrl = event.senderFrame?.url ?? undefined;
    if (!isTrustedSender(frameUrl, opts)) {
      log(`[ipc] refused a call from ${String(frameUrl).slice(0, 200)}`);
      return refusal('FORBIDDEN', lang, 403);
    }
    if (typeof method !== 'string' || method.length === 0 || method.length > MAX_METHOD_LENGTH)
      return refusal('BAD_REQUEST', lang, 400);
    if (langArg !== 'vi' && langArg !== 'en') return refusal('BAD_REQUEST', lang, 400);
    if (
      session !== undefined &&
      session !== null &&
      (typeof session !== 'string' || session.length > MAX_SESSION_LENGTH)
    )
      return refusal('BAD_REQUEST', lang, 400);
    const notInApp = notInAppRefusal(method);
    if (notInApp) return { ok: false, error: notInApp.toBody(lang) };
    try {
      const { status: _status, ...envelope } = await core.call(method, input === undefined ? {} : input, {
        lang,
        session: typeof session === 'string' && session ? session : undefined,
      });
      return envelope;
    } catch (err) {
      log(`[ipc] ${method}: ${err instanceof Error ? err.message : String(err)}`);
      return refusal('INTERNAL', lang, 500, { detail: err instanceof Error ? err.message : String(err) });
    }
  });
  return () => ipcMain.removeHandler(IPC_CHANNEL);
}
