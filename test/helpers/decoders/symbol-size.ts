// Measures a decoded symbol in the bitmap itself: module size (X), bar height and quiet zones, in dots, from the
// runs of printed dots around the corners the reader reported. Nothing here knows how the renderer drew it.
import type { DecodedBitmap } from './bitmap';
import type { ReadCode } from './barcodes';

export type SymbolSize = {
  /** Narrowest bar, space or cell, in dots. */
  x: number;
  /** Every run is a whole number of modules. */
  wholeModules: boolean;
  widthModules: number;
  /** Linear: the shortest bar; 2D: the symbol's height. */
  heightDots: number;
  /** White modules (dots ÷ X) on each side before another printed dot or the label's edge. */
  quiet: { left: number; right: number; top: number; bottom: number };
};

const dot = (b: DecodedBitmap, x: number, y: number) =>
  x >= 0 &&
  y >= 0 &&
  x < b.width &&
  y < b.height &&
  ((b.bits[y * b.bytesPerRow + (x >> 3)] >> (7 - (x & 7))) & 1) === 1;

function runs(b: DecodedBitmap, y: number, x0: number, x1: number): { start: number; len: number; dark: boolean }[] {
  const out: { start: number; len: number; dark: boolean }[] = [];
  for (let x = x0; x <= x1; x++) {
    const d = dot(b, x, y);
    const last = out[out.length - 1];
    if (last && last.dark === d) last.len++;
    else out.push({ start: x, len: 1, dark: d });
  }
  return out;
}

/** White columns left (dir −1) or right (+1) of column `from`, over rows top..bottom, in dots. */
function clearColumns(b: DecodedBitmap, from: number, dir: number, top: number, bottom: number): number {
  let n = 0;
  for (let x = from + dir; x >= 0 && x < b.width; x += dir, n++)
    for (let y = top; y <= bottom; y++) if (dot(b, x, y)) return n;
  return n;
}

function clearRows(b: DecodedBitmap, from: number, dir: number, left: number, right: number): number {
  let n = 0;
  for (let y = from + dir; y >= 0 && y < b.height; y += dir, n++)
    for (let x = left; x <= right; x++) if (dot(b, x, y)) return n;
  return n;
}

export function measureLinear(b: DecodedBitmap, code: ReadCode): SymbolSize {
  const xs = code.corners.map((p) => p.x);
  const ys = code.corners.map((p) => p.y);
  const y = Math.round((Math.min(...ys) + Math.max(...ys)) / 2);
  const row = runs(
    b,
    y,
    Math.max(0, Math.floor(Math.min(...xs)) - 3),
    Math.min(b.width - 1, Math.ceil(Math.max(...xs)) + 3),
  );
  const bars = row.slice(row.findIndex((r) => r.dark));
  while (bars.length && !bars[bars.length - 1].dark) bars.pop();
  const x = Math.min(...bars.map((r) => r.len));
  const first = bars[0].start;
  const last = bars[bars.length - 1].start + bars[bars.length - 1].len - 1;
  // Bar height: each bar's printed column through the scan row, up and down; the shortest is the main bars'.
  let top = y;
  let heightDots = Infinity;
  for (const r of bars.filter((r) => r.dark)) {
    let t = y;
    let u = y;
    while (dot(b, r.start, t - 1)) t--;
    while (dot(b, r.start, u + 1)) u++;
    if (u - t + 1 < heightDots) [heightDots, top] = [u - t + 1, t];
  }
  const bottom = top + heightDots - 1;
  return {
    x,
    wholeModules: bars.every((r) => r.len % x === 0),
    widthModules: (last - first + 1) / x,
    heightDots,
    quiet: {
      left: clearColumns(b, first, -1, top, bottom) / x,
      right: clearColumns(b, last, 1, top, bottom) / x,
      top: 0,
      bottom: 0,
    },
  };
}

export function measureSquare(b: DecodedBitmap, code: ReadCode): SymbolSize {
  const xs = code.corners.map((p) => p.x);
  const ys = code.corners.map((p) => p.y);
  // The printed dots' bounding box near the corners the reader found.
  let [l, t, r, u] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let y = Math.floor(Math.min(...ys)) - 2; y <= Math.ceil(Math.max(...ys)) + 2; y++)
    for (let x = Math.floor(Math.min(...xs)) - 2; x <= Math.ceil(Math.max(...xs)) + 2; x++)
      if (dot(b, x, y)) [l, t, r, u] = [Math.min(l, x), Math.min(t, y), Math.max(r, x), Math.max(u, y)];
  const all: number[] = [];
  for (let y = t; y <= u; y++) for (const run of runs(b, y, l, r)) all.push(run.len);
  const x = Math.min(...all);
  return {
    x,
    wholeModules: all.every((n) => n % x === 0),
    widthModules: (r - l + 1) / x,
    heightDots: u - t + 1,
    quiet: {
      left: clearColumns(b, l, -1, t, u) / x,
      right: clearColumns(b, r, 1, t, u) / x,
      top: clearRows(b, t, -1, l, r) / x,
      bottom: clearRows(b, u, 1, l, r) / x,
    },
  };
}
