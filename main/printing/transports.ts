// Where the bytes go, chosen by the printer URI (the forms a profile may hold: shared/domain/printer-uri.ts):
//   tcp://host[:port]  network printer (raw port 9100)          file:DEVICE  a printer device (/dev/usb/lp0, COM3)
//   cups:QUEUE         CUPS raw queue (lp -d QUEUE -o raw; a PDF file:NAME    a file in the app's prints folder
//                      page as application/pdf at actual size)
//   windows:NAME       Windows spooler RAW job (winspool)        driver:NAME  the OS driver (Electron's silent print)
// Every failure is an AppError with a code a shop owner can read (printer off, refused, no such queue…).
import { spawn, execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { AppError } from '../../shared/api/errors';
import { readPrinterUri } from '../../shared/domain/printer-uri';

export type PrinterUri =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'file'; path: string }
  | { kind: 'cups'; queue: string }
  | { kind: 'windows'; name: string }
  | { kind: 'driver'; name: string };

/**
 * The transport of a printer URI. `printsDir` is the app's own folder where `file:NAME` output goes;
 * any other file the URI could name is refused (a device path is accepted only in the OS's device forms).
 */
export function parsePrinterUri(uri: string, printsDir?: string): PrinterUri {
  const a = readPrinterUri(uri);
  if (!a) throw new AppError('PRINTER_URI_INVALID', { uri: uri.trim().slice(0, 200) });
  switch (a.kind) {
    case 'device':
      return { kind: 'file', path: a.path };
    case 'file':
      if (!printsDir) throw new AppError('PRINTER_URI_INVALID', { uri: uri.trim().slice(0, 200) });
      return { kind: 'file', path: path.join(printsDir, a.name) };
    default:
      return a;
  }
}

export type SendResult = { bytes: number };
export type Chunks = Iterable<Buffer> | AsyncIterable<Buffer>;

export type SendOptions = {
  /** Connecting (TCP) must succeed within this time. */
  connectTimeoutMs?: number;
  /** No progress for this long (printer stalled, out of paper with a full buffer) ends the job. */
  idleTimeoutMs?: number;
  /** What the bytes are: a printer language (default, passed through untouched) or a PDF of A4 pages. */
  format?: 'raw' | 'pdf';
};

/** Sends a raw job. Never leaves a half-open connection; resolves once the OS has taken every byte. */
export async function sendRaw(uri: PrinterUri, chunks: Chunks, opts: SendOptions = {}): Promise<SendResult> {
  switch (uri.kind) {
    case 'tcp':
      return sendTcp(uri.host, uri.port, chunks, opts);
    case 'file':
      return sendFile(uri.path, chunks);
    case 'cups':
      return sendCups(uri.queue, chunks, opts.format ?? 'raw');
    case 'windows':
      return sendWindows(uri.name, chunks);
    case 'driver':
      throw new AppError('PRINTER_DRIVER_RAW', { name: uri.name });
  }
}

function netError(err: NodeJS.ErrnoException, host: string, port: number): AppError {
  const where = `${host}:${port}`;
  switch (err.code) {
    case 'ECONNREFUSED':
      return new AppError('PRINTER_REFUSED', { where }, { status: 502 });
    case 'ETIMEDOUT':
      return new AppError('PRINTER_TIMEOUT', { where }, { status: 504 });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new AppError('PRINTER_HOST_UNKNOWN', { where }, { status: 502 });
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new AppError('PRINTER_UNREACHABLE', { where }, { status: 502 });
    case 'ECONNRESET':
    case 'EPIPE':
      return new AppError('PRINTER_DISCONNECTED', { where }, { status: 502 });
    default:
      return new AppError(
        'PRINTER_IO',
        { where, detail: `${err.code ?? ''} ${err.message}`.trim().slice(0, 200) },
        { status: 502 },
      );
  }
}

async function sendTcp(host: string, port: number, chunks: Chunks, opts: SendOptions): Promise<SendResult> {
  const connectTimeout = opts.connectTimeoutMs ?? 5000;
  const idle = opts.idleTimeoutMs ?? 30000;
  const socket = new net.Socket();
  let failure: AppError | null = null;
  const failed = new Promise<never>((_, reject) => {
    socket.once('error', (err) => reject((failure = netError(err, host, port))));
  });
  failed.catch(() => {});
  try {
    await Promise.race([
      new Promise<void>((resolve, reject) => {
        const t = setTimeout(
          () => reject(new AppError('PRINTER_TIMEOUT', { where: `${host}:${port}` }, { status: 504 })),
          connectTimeout,
        );
        socket.connect(port, host, () => {
          clearTimeout(t);
          resolve();
        });
      }),
      failed,
    ]);
    socket.setNoDelay(true);
    socket.setTimeout(idle, () => socket.destroy(Object.assign(new Error('idle timeout'), { code: 'ETIMEDOUT' })));
    let bytes = 0;
    for await (const chunk of chunks) {
      if (failure) throw failure;
      bytes += chunk.length;
      // Backpressure: wait for the socket to drain, so a slow printer never makes us buffer the whole job.
      if (!socket.write(chunk)) await Promise.race([new Promise((r) => socket.once('drain', r)), failed]);
    }
    await Promise.race([new Promise<void>((r) => socket.end(r)), failed]);
    return { bytes };
  } finally {
    socket.destroy();
  }
}

async function sendFile(file: string, chunks: Chunks): Promise<SendResult> {
  let fh: fs.promises.FileHandle;
  try {
    // Windows device names (COM3, LPT1) are opened through the \\.\ namespace.
    const windowsDevice = /^(COM\d+|LPT\d)$/i.test(file);
    // Elsewhere a COM/LPT name is no device: never a file of that name in the working folder.
    if (windowsDevice && process.platform !== 'win32') throw Object.assign(new Error(file), { code: 'ENODEV' });
    if (!windowsDevice && !path.isAbsolute(file)) throw Object.assign(new Error(file), { code: 'ENOENT' });
    if (!windowsDevice && !file.startsWith('/dev/')) fs.mkdirSync(path.dirname(file), { recursive: true });
    const target = windowsDevice ? `\\\\.\\${file}` : file;
    fh = await fs.promises.open(target, 'w');
  } catch (err) {
    throw fileError(err as NodeJS.ErrnoException, file);
  }
  let bytes = 0;
  try {
    for await (const chunk of chunks) {
      await fh.write(chunk);
      bytes += chunk.length;
    }
  } catch (err) {
    throw fileError(err as NodeJS.ErrnoException, file);
  } finally {
    await fh.close().catch(() => {});
  }
  return { bytes };
}

function fileError(err: NodeJS.ErrnoException, file: string): AppError {
  if (err instanceof AppError) return err;
  if (err.code === 'ENOENT' || err.code === 'ENXIO' || err.code === 'ENODEV')
    return new AppError('PRINTER_DEVICE_MISSING', { path: file }, { status: 502 });
  if (err.code === 'EACCES' || err.code === 'EPERM' || err.code === 'EBUSY')
    return new AppError('PRINTER_DEVICE_ACCESS', { path: file }, { status: 502 });
  return new AppError(
    'PRINTER_IO',
    { where: file, detail: `${err.code ?? ''} ${err.message}`.trim().slice(0, 200) },
    { status: 502 },
  );
}

/**
 * The `lp` arguments of a job. Raw: the printer language reaches the printer untouched. PDF: CUPS's filters run it
 * through the queue's driver on A4 paper at 100 % (print-scaling=none), so each label lands on its decal.
 */
export function lpArgs(queue: string, format: 'raw' | 'pdf'): string[] {
  if (format === 'raw') return ['-d', queue, '-o', 'raw'];
  return ['-d', queue, '-o', 'document-format=application/pdf', '-o', 'media=A4', '-o', 'print-scaling=none'];
}

async function sendCups(queue: string, chunks: Chunks, format: 'raw' | 'pdf'): Promise<SendResult> {
  const child = spawn('lp', lpArgs(queue, format), { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const exited = new Promise<number>((resolve, reject) => {
    child.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'ENOENT' ? new AppError('PRINTER_NO_CUPS', {}, { status: 502 }) : err),
    );
    child.once('close', (code) => resolve(code ?? 1));
  });
  exited.catch(() => {});
  let bytes = 0;
  try {
    for await (const chunk of chunks) {
      bytes += chunk.length;
      if (!child.stdin.write(chunk)) await Promise.race([new Promise((r) => child.stdin.once('drain', r)), exited]);
    }
    child.stdin.end();
  } catch (err) {
    child.kill();
    throw err;
  }
  const code = await exited;
  if (code !== 0)
    throw new AppError(
      'PRINTER_SPOOLER',
      { name: queue, detail: stderr.trim().slice(0, 200) || `lp exit ${code}` },
      { status: 502 },
    );
  return { bytes };
}

// ---------- Windows spooler (winspool.drv through koffi; loaded only on Windows) ----------
type Winspool = {
  OpenPrinterW: (name: string, handle: [unknown], defaults: null) => number;
  StartDocPrinterW: (
    h: unknown,
    level: number,
    doc: { pDocName: string; pOutputFile: string | null; pDatatype: string },
  ) => number;
  StartPagePrinter: (h: unknown) => number;
  WritePrinter: (h: unknown, buf: Buffer, len: number, written: [number]) => number;
  EndPagePrinter: (h: unknown) => number;
  EndDocPrinter: (h: unknown) => number;
  ClosePrinter: (h: unknown) => number;
  GetPrinterDriverW: (
    h: unknown,
    env: null,
    level: number,
    buf: Buffer | null,
    size: number,
    needed: [number],
  ) => number;
  GetLastError: () => number;
};
/** winspool.drv functions in koffi's C-like syntax (Win32 BOOL is a 4-byte int); tests parse them with koffi.proto. */
export const WINSPOOL_DECLARATIONS = {
  OpenPrinterW: 'int __stdcall OpenPrinterW(str16 name, _Out_ HANDLE *h, void *defaults)',
  StartDocPrinterW: 'uint32_t __stdcall StartDocPrinterW(HANDLE h, uint32_t level, DOC_INFO_1W *doc)',
  StartPagePrinter: 'int __stdcall StartPagePrinter(HANDLE h)',
  WritePrinter: 'int __stdcall WritePrinter(HANDLE h, const uint8_t *buf, uint32_t len, _Out_ uint32_t *written)',
  EndPagePrinter: 'int __stdcall EndPagePrinter(HANDLE h)',
  EndDocPrinter: 'int __stdcall EndDocPrinter(HANDLE h)',
  ClosePrinter: 'int __stdcall ClosePrinter(HANDLE h)',
  GetPrinterDriverW:
    'int __stdcall GetPrinterDriverW(HANDLE h, str16 env, uint32_t level, void *buf, uint32_t size, _Out_ uint32_t *needed)',
} as const;
export const KERNEL32_GET_LAST_ERROR = 'uint32_t __stdcall GetLastError()';
/** The struct the declarations use besides HANDLE (an opaque pointer); both are made before the functions. */
export const DOC_INFO_1W_FIELDS = { pDocName: 'str16', pOutputFile: 'str16', pDatatype: 'str16' } as const;

let winspool: Winspool | null = null;

function loadWinspool(): Winspool {
  if (winspool) return winspool;
  if (process.platform !== 'win32') throw new AppError('PRINTER_WINDOWS_ONLY', {}, { status: 400 });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const koffi = require('koffi') as typeof import('koffi');
  const lib = koffi.load('winspool.drv');
  const k32 = koffi.load('kernel32.dll');
  const HANDLE = koffi.pointer('HANDLE', koffi.opaque());
  const DOC_INFO_1W = koffi.struct('DOC_INFO_1W', DOC_INFO_1W_FIELDS);
  winspool = {
    ...Object.fromEntries(Object.entries(WINSPOOL_DECLARATIONS).map(([k, decl]) => [k, lib.func(decl)])),
    GetLastError: k32.func(KERNEL32_GET_LAST_ERROR),
  } as unknown as Winspool;
  void HANDLE;
  void DOC_INFO_1W;
  return winspool;
}

/**
 * The datatype that passes our bytes through untouched: 'RAW', except for a v4 (XPS-based) driver, which drops RAW
 * jobs (an empty spool file) and passes data through only as 'XPS_PASS' (Microsoft KB 2779300). The driver version is
 * `cVersion`, the first DWORD of DRIVER_INFO_2. Any doubt: 'RAW', what label-printer drivers (v3) take.
 */
function passThroughDatatype(w: Winspool, h: unknown): 'RAW' | 'XPS_PASS' {
  try {
    const needed: [number] = [0];
    w.GetPrinterDriverW(h, null, 2, null, 0, needed);
    if (!needed[0] || needed[0] > 1 << 20) return 'RAW';
    const buf = Buffer.alloc(needed[0]);
    if (!w.GetPrinterDriverW(h, null, 2, buf, buf.length, needed)) return 'RAW';
    return buf.readUInt32LE(0) === 4 ? 'XPS_PASS' : 'RAW';
  } catch {
    return 'RAW';
  }
}

/** A RAW spooler job: the printer language goes to the printer untouched by the driver (no scaling). */
async function sendWindows(name: string, chunks: Chunks): Promise<SendResult> {
  const w = loadWinspool();
  const h: [unknown] = [null];
  if (!w.OpenPrinterW(name, h, null)) throw new AppError('PRINTER_NOT_INSTALLED', { name }, { status: 502 });
  let bytes = 0;
  try {
    if (
      !w.StartDocPrinterW(h[0], 1, {
        pDocName: 'Nguon Goc label',
        pOutputFile: null,
        pDatatype: passThroughDatatype(w, h[0]),
      })
    ) {
      throw new AppError('PRINTER_SPOOLER', { name, detail: `StartDocPrinter ${w.GetLastError()}` }, { status: 502 });
    }
    try {
      w.StartPagePrinter(h[0]);
      for await (const chunk of chunks) {
        const written: [number] = [0];
        if (!w.WritePrinter(h[0], chunk, chunk.length, written) || written[0] !== chunk.length) {
          throw new AppError('PRINTER_SPOOLER', { name, detail: `WritePrinter ${w.GetLastError()}` }, { status: 502 });
        }
        bytes += chunk.length;
      }
      w.EndPagePrinter(h[0]);
    } finally {
      w.EndDocPrinter(h[0]);
    }
  } finally {
    w.ClosePrinter(h[0]);
  }
  return { bytes };
}

// ---------- the OS driver and the installed-printer list, provided by the Electron shell ----------
export type InstalledPrinter = { name: string; uri: string; isDefault?: boolean; description?: string };

/**
 * What the Electron shell registers (main/electron): `print` prints PNG pages silently at exact size through the
 * driver (webContents.print with silent: true, pageSize in microns, margins none, scaleFactor 100); `list`
 * returns webContents.getPrintersAsync().
 */
export type DriverHook = {
  print(name: string, job: { pages: Buffer[]; widthMm: number; heightMm: number; dpi: number }): Promise<void>;
  list(): Promise<{ name: string; isDefault?: boolean; description?: string }[]>;
};
let driverHook: DriverHook | null = null;

export function setDriverHook(hook: DriverHook | null): void {
  driverHook = hook;
}

export async function printWithDriver(
  name: string,
  job: { pages: Buffer[]; widthMm: number; heightMm: number; dpi: number },
): Promise<SendResult> {
  if (!driverHook) throw new AppError('PRINTER_DRIVER_UNAVAILABLE', { name }, { status: 502 });
  try {
    await driverHook.print(name, job);
  } catch (err) {
    if (err instanceof AppError) throw err;
    // Failures the shell names (shell-bridge ShellError) get their own words; anything else, the driver's.
    const code = (err as { code?: unknown }).code;
    if (code === 'PRINTER_NOT_INSTALLED' || code === 'PRINTER_DRIVER_CANCELLED' || code === 'PRINTER_DRIVER_SETTINGS') {
      throw new AppError(code, { name, widthMm: job.widthMm, heightMm: job.heightMm }, { status: 502 });
    }
    throw new AppError(
      'PRINTER_SPOOLER',
      { name, detail: err instanceof Error ? err.message.slice(0, 200) : String(err) },
      { status: 502 },
    );
  }
  return { bytes: job.pages.reduce((n, p) => n + p.length, 0) };
}

/** Installed printers: CUPS queues (`lpstat -a`) on Linux/macOS; through the shell's hook on Windows. */
export async function listInstalledPrinters(): Promise<InstalledPrinter[]> {
  if (driverHook && process.platform === 'win32') {
    const list = await driverHook.list();
    return list.map((p) => ({
      name: p.name,
      uri: `windows:${p.name}`,
      isDefault: p.isDefault,
      description: p.description,
    }));
  }
  if (process.platform === 'win32')
    return windowsPrintersFromWmi(
      await run('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', WMI_PRINTERS]),
    );
  const [queues, def] = await Promise.all([run('lpstat', ['-a']), run('lpstat', ['-d'])]);
  const defName = /:\s*(\S+)\s*$/.exec(def.trim())?.[1];
  return queues
    .split('\n')
    .map((l) => l.trim().split(/\s+/)[0])
    .filter((n) => n)
    .map((name) => ({ name, uri: `cups:${name}`, isDefault: name === defName }));
}

// Without the desktop shell (CLI, browser mode on Windows) the installed printers come from WMI.
const WMI_PRINTERS = 'Get-CimInstance Win32_Printer | Select-Object Name,Default,DriverName | ConvertTo-Json -Compress';

/** Parses the WMI list (one object, or an array of them; nothing when PowerShell failed). */
export function windowsPrintersFromWmi(json: string): InstalledPrinter[] {
  if (!json.trim()) return [];
  try {
    const raw = JSON.parse(json) as unknown;
    const list = (Array.isArray(raw) ? raw : [raw]) as { Name?: unknown; Default?: unknown; DriverName?: unknown }[];
    return list
      .filter((p) => typeof p?.Name === 'string' && p.Name)
      .map((p) => ({
        name: String(p.Name),
        uri: `windows:${String(p.Name)}`,
        isDefault: p.Default === true,
        description: typeof p.DriverName === 'string' ? p.DriverName : undefined,
      }));
  } catch {
    return [];
  }
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: 5000, env: { ...process.env, LANG: 'C' } }, (err, stdout) =>
      resolve(err ? '' : String(stdout)),
    );
  });
}

let lastWindowsList: InstalledPrinter[] = [];
let refreshing: Promise<InstalledPrinter[]> | null = null;
/** Refreshes the Windows list the synchronous API reads; a refresh already under way is shared, not repeated. */
export function refreshInstalledPrinters(): Promise<InstalledPrinter[]> {
  refreshing ??= listInstalledPrinters()
    .then((list) => (lastWindowsList = list))
    .finally(() => (refreshing = null));
  return refreshing;
}

/** The same list for the synchronous API: `lpstat` (short timeout) or the last list the shell gave. */
export function listInstalledPrintersSync(): InstalledPrinter[] {
  if (process.platform === 'win32') {
    // Asking Windows takes a moment (the shell, or PowerShell): answer with the last list and ask again, so the
    // next look shows a printer just plugged in.
    refreshInstalledPrinters().catch(() => undefined);
    return lastWindowsList;
  }
  const runSync = (args: string[]) => {
    try {
      return execFileSync('lpstat', args, {
        timeout: 3000,
        env: { ...process.env, LANG: 'C' },
        stdio: ['ignore', 'pipe', 'ignore'],
      }).toString('utf8');
    } catch {
      return '';
    }
  };
  const defName = /:\s*(\S+)\s*$/.exec(runSync(['-d']).trim())?.[1];
  return runSync(['-a'])
    .split('\n')
    .map((l) => l.trim().split(/\s+/)[0])
    .filter((n) => n)
    .map((name) => ({ name, uri: `cups:${name}`, isDefault: name === defName }));
}
