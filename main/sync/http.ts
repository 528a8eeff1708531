// The one HTTP client of the sync engine (Node's fetch): a hard timeout per request, and every failure turned
// into a classified NetError so the engine decides retry / split / refresh / stop from one place.
export type NetErrorKind = 'unreachable' | 'timeout' | 'http';

export class NetError extends Error {
  constructor(
    readonly kind: NetErrorKind,
    message: string,
    readonly status = 0,
    readonly retryAfterMs: number | null = null,
    readonly body = '',
  ) {
    super(message);
    this.name = 'NetError';
  }
}

export type HttpAnswer = { status: number; headers: Headers; text: string };

/** Parses Retry-After (seconds or an HTTP date) into milliseconds. */
export function retryAfterMs(v: string | null, now = Date.now()): number | null {
  if (!v) return null;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : Math.max(0, t - now);
}

export async function request(
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: string; timeoutMs: number },
): Promise<HttpAnswer> {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), init.timeoutMs);
  try {
    const res = await fetch(url, {
      method: init.method,
      headers: init.headers,
      body: init.body,
      signal: ac.signal,
      redirect: 'follow',
    });
    // Reading the body is under the same timeout: a server that stalls mid-answer is a timeout too.
    const text = await res.text();
    return { status: res.status, headers: res.headers, text };
  } catch (err) {
    if (ac.signal.aborted) throw new NetError('timeout', `timeout after ${init.timeoutMs} ms`);
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new NetError('unreachable', cause?.code ?? cause?.message ?? (err as Error).message);
  } finally {
    clearTimeout(timer);
  }
}
