// Printer addresses an owner may save in a printer profile. Staff print to profiles, never to an address,
// so nothing they send can make the app write a file or reach a host the owner did not register.
//   tcp://host[:port]   a network printer on the LAN (raw port 9100 by default)
//   cups:QUEUE          a CUPS queue            windows:NAME  a Windows spooler printer
//   driver:NAME         the OS driver (desktop) file:DEVICE   a printer device: /dev/usb/lp0, /dev/ttyUSB0,
//                       COM3, LPT1, /dev/cu.…   file:NAME     a file of that name in the app's "prints" folder
export type PrinterAddress =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'device'; path: string }
  | { kind: 'file'; name: string }
  | { kind: 'cups'; queue: string }
  | { kind: 'windows'; name: string }
  | { kind: 'driver'; name: string };

/** Printer device files: USB and parallel printers, serial ports (Linux, macOS), COM/LPT (Windows). */
const DEVICE_RE =
  /^(\/dev\/(usb\/lp\d{1,3}|lp\d{1,3}|tty(USB|ACM|S)\d{1,3}|(cu|tty)\.[A-Za-z0-9._-]{1,60})|COM\d{1,3}|LPT\d)$/i;
/** A plain file name (no folder): written into the app's prints folder. */
const FILE_NAME_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$/;
const HOST_RE = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*)$/;
/** A printer's name as the OS shows it: printable characters, no control characters. */
const NAME_RE = /^[^\p{Cc}\p{Cs}]{1,200}$/u;

/** The address of a printer URI, or null when it is not one a profile may hold. */
export function readPrinterUri(uri: string): PrinterAddress | null {
  const u = uri.trim();
  const tcp = /^tcp:\/\/([^/\s]+?)(?::(\d{1,5}))?\/?$/.exec(u);
  if (tcp) {
    const port = tcp[2] ? Number(tcp[2]) : 9100;
    if (!HOST_RE.test(tcp[1]) || port < 1 || port > 65535) return null;
    return { kind: 'tcp', host: tcp[1].replace(/^\[|\]$/g, ''), port };
  }
  const m = /^(file|cups|windows|driver):(.+)$/.exec(u);
  if (!m) return null;
  const v = m[2].trim();
  switch (m[1]) {
    case 'file':
      if (DEVICE_RE.test(v)) return { kind: 'device', path: v };
      return FILE_NAME_RE.test(v) && !v.includes('..') ? { kind: 'file', name: v } : null;
    case 'cups':
      // Queue names are passed to lp as one argument (no shell), but keep them to what CUPS allows.
      return /^[^\s/#\p{Cc}]{1,127}$/u.test(v) ? { kind: 'cups', queue: v } : null;
    case 'windows':
      return NAME_RE.test(v) ? { kind: 'windows', name: v } : null;
    default:
      return NAME_RE.test(v) ? { kind: 'driver', name: v } : null;
  }
}

/**
 * How a whole A4 page reaches the printer at an address: as a PDF (CUPS takes PDF and runs it through the queue's
 * driver; a file in the prints folder is the PDF itself), as page images through the OS driver, or not at all:
 * a Windows RAW spooler job, a raw TCP port or a printer port pass bytes to the printer untouched, and most office
 * printers do not read PDF.
 */
export function pageTransport(a: PrinterAddress): 'pdf' | 'pages' | null {
  if (a.kind === 'cups' || a.kind === 'file') return 'pdf';
  return a.kind === 'driver' ? 'pages' : null;
}
