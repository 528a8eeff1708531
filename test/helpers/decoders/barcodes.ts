// Reads barcodes in a label bitmap with zxing-wasm (a real decoder), loading its wasm from the npm package
// (no network): GS1 symbols come back as bracketed element strings.
import fs from 'node:fs';
import path from 'node:path';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import type { DecodedBitmap } from './bitmap';

let ready: Promise<unknown> | null = null;
function init() {
  ready ??= prepareZXingModule({
    overrides: {
      wasmBinary: fs.readFileSync(path.resolve('node_modules/zxing-wasm/dist/reader/zxing_reader.wasm'))
        .buffer as ArrayBuffer,
    },
    fireImmediately: true,
  });
  return ready;
}

type Point = { x: number; y: number };
export type ReadCode = {
  format: string;
  text: string;
  gs1: boolean;
  /** Corners of the symbol in the bitmap's dots (the padding added for the reader taken off). */
  corners: Point[];
};

/** RGBA with a white border (quiet zone at the label edge), optionally only a region of the label. */
export function toImageData(b: DecodedBitmap, pad = 16, region?: { x: number; y: number; w: number; h: number }) {
  const r = region ?? { x: 0, y: 0, w: b.width, h: b.height };
  const width = r.w + 2 * pad;
  const height = r.h + 2 * pad;
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  for (let y = 0; y < r.h; y++) {
    for (let x = 0; x < r.w; x++) {
      const sx = x + r.x;
      const sy = y + r.y;
      if (sx >= b.width || sy >= b.height) continue;
      if ((b.bits[sy * b.bytesPerRow + (sx >> 3)] >> (7 - (sx & 7))) & 1) {
        const i = ((y + pad) * width + x + pad) * 4;
        data[i] = data[i + 1] = data[i + 2] = 0;
      }
    }
  }
  return { data, width, height, colorSpace: 'srgb' as const };
}

export async function readCodes(
  b: DecodedBitmap,
  region?: { x: number; y: number; w: number; h: number },
): Promise<ReadCode[]> {
  await init();
  const res = await readBarcodes(toImageData(b, 16, region), {
    formats: ['DataMatrix', 'QRCode', 'EAN13', 'Code128'],
    tryHarder: true,
    textMode: 'HRI',
    maxNumberOfSymbols: 8,
  });
  const dx = (region?.x ?? 0) - 16;
  const dy = (region?.y ?? 0) - 16;
  return res
    .filter((r) => r.isValid)
    .map((r) => ({
      format: r.format,
      text: r.text,
      gs1: r.contentType === 'GS1',
      corners: [r.position.topLeft, r.position.topRight, r.position.bottomRight, r.position.bottomLeft].map((p) => ({
        x: p.x + dx,
        y: p.y + dy,
      })),
    }));
}
