// What the core worker asks of the desktop shell. Some things only the Electron main process can do: print
// through the OS printer driver (webContents.print) and list the printers Windows has installed. The worker
// sends a `shell-request` to its parent; CoreWorkerClient passes it to the shell's ShellServices and posts the
// `shell-reply` back. Plain Node (no electron import): the shell implements ShellServices in main/electron.
import type { MessagePort } from 'node:worker_threads';
import { refreshInstalledPrinters, setDriverHook } from '../printing/transports';

export type DriverJob = { pages: Buffer[]; widthMm: number; heightMm: number; dpi: number };
export type ShellPrinter = { name: string; isDefault?: boolean; description?: string };

/** Implemented by the Electron shell (main/electron/printing.ts). */
export interface ShellServices {
  printWithDriver(printer: string, job: DriverJob): Promise<void>;
  listPrinters(): Promise<ShellPrinter[]>;
}

/** Failures the shell can name; the print job then shows a message of its own instead of the driver's words. */
export type ShellErrorCode = 'PRINTER_NOT_INSTALLED' | 'PRINTER_DRIVER_CANCELLED' | 'PRINTER_DRIVER_SETTINGS';
export class ShellError extends Error {
  constructor(
    readonly code: ShellErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ShellError';
  }
}

export type ShellRequest =
  | { kind: 'driver-print'; printer: string; pages: Uint8Array[]; widthMm: number; heightMm: number; dpi: number }
  | { kind: 'printers' };
export type ShellRequestMessage = { type: 'shell-request'; id: number; request: ShellRequest };
export type ShellReplyMessage =
  | { type: 'shell-reply'; id: number; ok: true; data: unknown }
  | { type: 'shell-reply'; id: number; ok: false; error: string; code?: ShellErrorCode };

/** Parent side: runs one request against the shell's services; never throws (the error travels back). */
export async function answerShellRequest(
  services: ShellServices,
  msg: ShellRequestMessage,
): Promise<ShellReplyMessage> {
  try {
    const r = msg.request;
    const data =
      r.kind === 'driver-print'
        ? await services.printWithDriver(r.printer, {
            pages: r.pages.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)),
            widthMm: r.widthMm,
            heightMm: r.heightMm,
            dpi: r.dpi,
          })
        : await services.listPrinters();
    return { type: 'shell-reply', id: msg.id, ok: true, data: data ?? null };
  } catch (err) {
    return {
      type: 'shell-reply',
      id: msg.id,
      ok: false,
      error: err instanceof Error ? err.message : String(err),
      ...(err instanceof ShellError ? { code: err.code } : {}),
    };
  }
}

/**
 * Worker side: registers the driver hook that forwards to the shell and fills the installed-printer list.
 * Returns the handler for `shell-reply` messages (true when it took the message).
 */
export function connectShell(port: MessagePort, log: (line: string) => void): (msg: unknown) => boolean {
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  const ask = (request: ShellRequest, transfer: ArrayBuffer[] = []): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      port.postMessage({ type: 'shell-request', id, request } satisfies ShellRequestMessage, transfer);
    });
  setDriverHook({
    print: async (printer, job) => {
      // Copies, so the transfer does not detach buffers the print queue still holds.
      const pages = job.pages.map((p) => new Uint8Array(p));
      await ask(
        { kind: 'driver-print', printer, pages, widthMm: job.widthMm, heightMm: job.heightMm, dpi: job.dpi },
        pages.map((p) => p.buffer as ArrayBuffer),
      );
    },
    list: async () => (await ask({ kind: 'printers' })) as ShellPrinter[],
  });
  // On Windows the synchronous `printers.installed` reads the last list the shell gave: fill it now. (Elsewhere it
  // asks CUPS itself, so there is nothing to fill.)
  if (process.platform === 'win32')
    refreshInstalledPrinters().catch((err) => log(`[printers] ${err instanceof Error ? err.message : String(err)}`));
  return (msg) => {
    const m = msg as ShellReplyMessage;
    if (!m || typeof m !== 'object' || m.type !== 'shell-reply') return false;
    const p = pending.get(m.id);
    if (!p) return true;
    pending.delete(m.id);
    if (m.ok) p.resolve(m.data);
    else p.reject(m.code ? new ShellError(m.code, m.error) : new Error(m.error));
    return true;
  };
}

/**
 * The page the shell prints through the OS driver: every label (or A4 sheet) is one PNG placed at exactly the
 * page's size in mm, no margins, no smoothing, one per page. `addPages(base64[])` appends pages and resolves
 * once they are decoded, so the print never starts on a half-loaded image. Tested in Chromium (test/e2e).
 */
export function driverPrintPage(widthMm: number, heightMm: number): string {
  const w = `${widthMm}mm`;
  const h = `${heightMm}mm`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>Nguồn Gốc</title><style>
@page { size: ${w} ${h}; margin: 0 }
html, body { margin: 0; padding: 0; background: #fff }
img { display: block; width: ${w}; height: ${h}; image-rendering: pixelated; break-after: page }
img:last-child { break-after: auto }
</style><script>
function addPages(list) {
  return Promise.all(list.map(function (b64) {
    var img = document.createElement('img');
    img.src = 'data:image/png;base64,' + b64;
    document.body.appendChild(img);
    return img.decode();
  })).then(function () { return document.images.length; });
}
</script></head><body></body></html>`;
}

/** Pages go into the print page in groups below this many base64 characters (IPC messages stay small). */
export const DRIVER_PAGE_CHUNK_CHARS = 4_000_000;

export function chunkPages(pages: Buffer[], maxChars = DRIVER_PAGE_CHUNK_CHARS): string[][] {
  const out: string[][] = [];
  let cur: string[] = [];
  let size = 0;
  for (const p of pages) {
    const b64 = p.toString('base64');
    if (cur.length && size + b64.length > maxChars) {
      out.push(cur);
      cur = [];
      size = 0;
    }
    cur.push(b64);
    size += b64.length;
  }
  if (cur.length) out.push(cur);
  return out;
}
