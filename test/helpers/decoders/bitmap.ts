// The bitmap shape the decoders return (same as main/labels/render.ts: 1 = printed, MSB = leftmost dot).
export type DecodedBitmap = { width: number; height: number; bytesPerRow: number; bits: Uint8Array };

export function emptyBitmap(width: number, height: number): DecodedBitmap {
  const bytesPerRow = Math.ceil(width / 8);
  return { width, height, bytesPerRow, bits: new Uint8Array(bytesPerRow * height) };
}

/** Count of dots that differ (padding bits past the right edge ignored). */
export function diffDots(a: DecodedBitmap, b: DecodedBitmap): number {
  if (a.width !== b.width || a.height !== b.height) return Number.POSITIVE_INFINITY;
  let n = 0;
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      const i = y * a.bytesPerRow + (x >> 3);
      const m = 0x80 >> (x & 7);
      if (((a.bits[i] & m) !== 0) !== ((b.bits[i] & m) !== 0)) n++;
    }
  }
  return n;
}
