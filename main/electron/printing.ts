// The shell's side of printing (ShellServices, main/hosts/shell-bridge.ts): the printers Windows has installed,
// and printing label bitmaps through a printer's own driver for printers with no known label language. The
// page is printed silently at exactly the label's size (pageSize in microns, no margins, scale 100 %), so the
// driver gets the same 1-bit bitmap the preview shows, never a page scaled to fit.
import { BrowserWindow, session, type Session } from 'electron';
import {
  chunkPages,
  driverPrintPage,
  ShellError,
  type DriverJob,
  type ShellPrinter,
  type ShellServices,
} from '../hosts/shell-bridge';

const PARTITION = 'nguongoc-print';
let printSession: Session | null = null;

/** An in-memory session of its own: the print page loads nothing but its own data: URL and images. */
function getPrintSession(): Session {
  if (printSession) return printSession;
  const ses = session.fromPartition(PARTITION, { cache: false });
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !details.url.startsWith('data:') }));
  printSession = ses;
  return ses;
}

function printOnce(win: BrowserWindow, printer: string, job: DriverJob): Promise<void> {
  return new Promise((resolve, reject) => {
    win.webContents.print(
      {
        silent: true,
        deviceName: printer,
        printBackground: true,
        color: false,
        margins: { marginType: 'none' },
        pageSize: { width: Math.round(job.widthMm * 1000), height: Math.round(job.heightMm * 1000) },
        scaleFactor: 100,
        landscape: false,
        dpi: { horizontal: job.dpi, vertical: job.dpi },
      },
      (success, failureReason) => {
        if (success) return resolve();
        // Chromium's reasons: "Print job canceled", "Invalid printer settings", "Print job failed".
        const reason = failureReason || 'Print job failed';
        if (/cancel/i.test(reason)) reject(new ShellError('PRINTER_DRIVER_CANCELLED', reason));
        else if (/invalid printer settings/i.test(reason)) reject(new ShellError('PRINTER_DRIVER_SETTINGS', reason));
        else reject(new Error(reason));
      },
    );
  });
}

export function desktopShellServices(log: (line: string) => void): ShellServices {
  const services: ShellServices = {
    async listPrinters(): Promise<ShellPrinter[]> {
      const win = BrowserWindow.getAllWindows().find((w) => !w.isDestroyed());
      const probe =
        win ??
        new BrowserWindow({
          show: false,
          webPreferences: { session: getPrintSession(), sandbox: true, contextIsolation: true },
        });
      try {
        const list = await probe.webContents.getPrintersAsync();
        return list.map((p) => {
          const opts = (p.options ?? {}) as Record<string, string>;
          return {
            name: p.name,
            description: p.description || p.displayName,
            isDefault: opts['is-default'] === 'true' || opts.isDefault === 'true',
          };
        });
      } finally {
        if (!win) probe.destroy();
      }
    },

    async printWithDriver(printer: string, job: DriverJob): Promise<void> {
      const known = await services.listPrinters();
      if (!known.some((p) => p.name === printer))
        throw new ShellError('PRINTER_NOT_INSTALLED', `No printer named "${printer}" is installed`);
      const win = new BrowserWindow({
        show: false,
        width: 800,
        height: 600,
        webPreferences: {
          session: getPrintSession(),
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          javascript: true,
          spellcheck: false,
        },
      });
      try {
        await win.loadURL(
          `data:text/html;charset=utf-8,${encodeURIComponent(driverPrintPage(job.widthMm, job.heightMm))}`,
        );
        for (const chunk of chunkPages(job.pages))
          await win.webContents.executeJavaScript(`addPages(${JSON.stringify(chunk)})`);
        await printOnce(win, printer, job);
        log(`[print] ${job.pages.length} page(s) ${job.widthMm}×${job.heightMm} mm to "${printer}" through its driver`);
      } finally {
        win.destroy();
      }
    },
  };
  return services;
}
