// Receipt printers (Xprinter, Epson TM, Star): the printer's own commands come from node-thermal-printer — its
// printer types, initialise, cut, Epson beep, cash drawer and, for Star's line mode, its raster command — around the
// slip bitmap we drew ourselves (ESC/POS code pages have no Vietnamese, so no text goes as characters).
//
// What we keep of our own: the Epson-type raster is our GS v 0 encoder in bands of 128 rows (encoders.ts).
// node-thermal-printer's Epson printImageBuffer sends the whole picture as one GS v 0 block (a 1,000-row slip
// in one command overflows the buffer of cheap 58 mm printers) after re-thresholding RGBA through an array of
// one object per pixel; the dots are the same (measured in test/integration/slips.test.ts), the bands are not.
// Its Epson cash-drawer pulse is ESC p m without the two timing bytes the command takes, so the printer would
// read the next command as timing: we send ESC p 0 25 250 (50 ms on, 500 ms off) ourselves.
import { ThermalPrinter, PrinterTypes } from 'node-thermal-printer';
import type { Bitmap } from '../labels/render';
import { escposRaster } from './encoders';

export const RECEIPT_COMMAND_SETS = ['epson', 'star'] as const;
export type ReceiptCommandSet = (typeof RECEIPT_COMMAND_SETS)[number];
export const RECEIPT_CUTS = ['partial', 'full', 'none'] as const;
export type ReceiptCut = (typeof RECEIPT_CUTS)[number];

export type ReceiptSettings = {
  commandSet: ReceiptCommandSet;
  cut: ReceiptCut;
  beep: boolean;
  cashDrawer: boolean;
};

const EPSON_DRAWER_PULSE = Buffer.from([0x1b, 0x70, 0x00, 25, 250]);
/** Star line mode's external buzzer, ESC GS BEL m t1 t2: buzzer 1, on 10 × 20 ms, off 10 × 20 ms (one 200 ms beep,
 * near the Epson ESC B 1 3 of 3 × 100 ms). */
export const STAR_BUZZER = Buffer.from([0x1b, 0x1d, 0x07, 1, 10, 10]);

/** A command buffer of the library's printer type (no interface: the bytes go through our print queue). */
function commands(set: ReceiptCommandSet): ThermalPrinter {
  return new ThermalPrinter({ type: set === 'star' ? PrinterTypes.STAR : PrinterTypes.EPSON } as never);
}

function take(p: ThermalPrinter): Buffer {
  const b = p.getBuffer() ?? Buffer.alloc(0);
  p.clear();
  return Buffer.from(b);
}

/** Star line mode has no GS v 0: the library's ESC k bands, fed with our dots as pure black/white RGBA. */
function starRaster(b: Bitmap): Buffer {
  const rgba = Buffer.alloc(b.width * b.height * 4, 255);
  for (let y = 0; y < b.height; y++)
    for (let x = 0; x < b.width; x++)
      if ((b.bits[y * b.bytesPerRow + (x >> 3)] >> (7 - (x & 7))) & 1)
        rgba.fill(0, (y * b.width + x) * 4, (y * b.width + x) * 4 + 3);
  const printer = (
    commands('star') as unknown as { printer: { printImageBuffer(w: number, h: number, d: Buffer): Buffer } }
  ).printer;
  return Buffer.from(printer.printImageBuffer(b.width, b.height, rgba));
}

/** The bytes of one slip: initialise, raster, beep, feed and cut, drawer pulse. Chunks, for the print queue. */
export function* receiptBytes(b: Bitmap, s: ReceiptSettings): Generator<Buffer> {
  const p = commands(s.commandSet);
  // initHardware() (ESC @) is in the library but not in its type declarations.
  (p as unknown as { initHardware(): void }).initHardware();
  yield take(p);
  if (s.commandSet === 'star') yield starRaster(b);
  else yield* escposRaster(b);
  // Epson-type printers with a buzzer sound ESC B n t (the library's beep); the library has none for Star.
  if (s.beep && s.commandSet === 'epson') p.beep(1, 3);
  if (s.beep && s.commandSet === 'star') p.append(STAR_BUZZER);
  if (s.cut === 'full') p.cut({ verticalTabAmount: 1 });
  else if (s.cut === 'partial') p.partialCut({ verticalTabAmount: 1 });
  else p.printVerticalTab();
  if (s.cashDrawer) {
    if (s.commandSet === 'star') p.openCashDrawer();
    else p.append(EPSON_DRAWER_PULSE);
  }
  yield take(p);
}
