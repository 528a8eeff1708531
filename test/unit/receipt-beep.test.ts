// The beep of a receipt printer after a slip: Epson-type printers get the library's ESC B n t, Star line mode
// printers get ESC GS BEL m t1 t2 (the library has no Star buzzer), after the picture and before the cut.
import { describe, expect, it } from 'vitest';
import { newBitmap } from '../../main/labels/render';
import { receiptBytes, type ReceiptSettings } from '../../main/printing/receipt';

const slip = newBitmap(384, 24);
const chunks = (s: Partial<ReceiptSettings>) => [
  ...receiptBytes(slip, { commandSet: 'star', cut: 'partial', beep: true, cashDrawer: false, ...s }),
];

describe('receipt printer beep', () => {
  it('Star: ESC GS BEL 1 10 10 (buzzer 1, 200 ms on, 200 ms off) opens the chunk that feeds and cuts', () => {
    const last = chunks({}).at(-1)!;
    expect([...last.subarray(0, 6)]).toEqual([0x1b, 0x1d, 0x07, 1, 10, 10]);
    expect(last.length).toBeGreaterThan(6);
  });

  it('Star without beep sends no buzzer command anywhere', () => {
    const all = Buffer.concat(chunks({ beep: false }));
    expect(all.indexOf(Buffer.from([0x1b, 0x1d, 0x07]))).toBe(-1);
  });

  it('Epson: ESC B 1 3 and no Star buzzer', () => {
    const all = Buffer.concat(chunks({ commandSet: 'epson' }));
    expect(all.indexOf(Buffer.from([0x1b, 0x42, 1, 3]))).toBeGreaterThan(0);
    expect(all.indexOf(Buffer.from([0x1b, 0x1d, 0x07]))).toBe(-1);
  });
});
