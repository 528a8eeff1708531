// The desktop window's own scheme, app://nguongoc/…, in plain Node so it is tested without Electron
// (main/electron/main.ts registers it as a privileged, standard, secure scheme and hands requests here).
// It serves only the files of the built renderer, with their content type and the one
// Content-Security-Policy of the page hosts; any other path, however it is spelled (../, %2e%2e,
// %2f, %5c, NUL), another host or another scheme gets 404 without touching the disk outside.
import fs from 'node:fs';
import path from 'node:path';
import { MIME } from './web-assets';

export const APP_SCHEME = 'app';
export const APP_HOST = 'nguongoc';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

function parse(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** Is this URL on our scheme and host (any path)? */
export function isAppUrl(raw: string): boolean {
  const url = parse(raw);
  return !!url && url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
}

/** Is this frame our page (app://nguongoc/index.html; query and hash are the router's)? */
export function isAppPage(raw: string): boolean {
  const url = parse(raw);
  return !!url && isAppUrl(raw) && url.pathname === '/index.html';
}

function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** The file under `rendererDir` an app:// URL names, or null when it names anything else. */
export function appFile(rendererDir: string, raw: string): string | null {
  const url = parse(raw);
  if (!url || !isAppUrl(raw)) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // Decoded separators or dot segments mean someone spelled a way out; no file of ours needs them.
  if (rel.includes('\0') || rel.includes('\\') || rel.split('/').some((s) => s === '..')) return null;
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, '.' + (rel === '/' ? '/index.html' : rel));
  return isInside(root, file) ? file : null;
}

/**
 * The answer to an app:// request: the file with its content type, the CSP as a header and (on the
 * page) as a <meta>, or 404.
 */
export async function appResponse(rendererDir: string, raw: string, csp: string): Promise<Response> {
  const file = appFile(rendererDir, raw);
  const notFound = () => new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
  if (!file) return notFound();
  const ext = path.extname(file).toLowerCase();
  const headers = {
    'Content-Type': MIME[ext] ?? 'application/octet-stream',
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
  };
  try {
    if (ext === '.html') {
      const html = (await fs.promises.readFile(file, 'utf8')).replace(
        '<head>',
        `<head><meta http-equiv="Content-Security-Policy" content="${csp}">`,
      );
      return new Response(html, { headers });
    }
    return new Response(new Uint8Array(await fs.promises.readFile(file)), { headers });
  } catch {
    return notFound();
  }
}
