// Test decoder for ZPL: every ^XA…^XZ label, its ^GFA graphic (hex, 1 = printed dot) as a bitmap, ^PQ copies.
import { emptyBitmap, type DecodedBitmap } from './bitmap';

export type ZplLabel = {
  bitmap: DecodedBitmap;
  copies: number;
  pw: number;
  ll: number;
  darkness: number | null;
  commands: string[];
};

export function decodeZpl(bytes: Buffer): ZplLabel[] {
  const text = bytes.toString('latin1');
  const labels: ZplLabel[] = [];
  let darkness: number | null = null;
  const re = /(~SD(\d\d))|\^XA([\s\S]*?)\^XZ/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1]) {
      darkness = Number(m[2]);
      continue;
    }
    const body = m[3];
    const commands = body
      .split(/(?=\^)/)
      .map((c) => c.trim())
      .filter(Boolean)
      .map((c) => c.slice(0, 3));
    const pw = Number(/\^PW(\d+)/.exec(body)?.[1] ?? NaN);
    const ll = Number(/\^LL(\d+)/.exec(body)?.[1] ?? NaN);
    const fo = /\^FO(\d+),(\d+)\^GFA,(\d+),(\d+),(\d+),([0-9A-F]+)\^FS/.exec(body);
    if (!fo) throw new Error('no ^GFA graphic');
    const [x, y, total, , bpr] = fo.slice(1, 6).map(Number);
    const hex = fo[6];
    if (hex.length !== total * 2) throw new Error(`^GFA: ${hex.length / 2} bytes for ${total}`);
    const h = total / bpr;
    const b = emptyBitmap(pw, ll);
    for (let r = 0; r < h; r++) {
      for (let c = 0; c < bpr * 8; c++) {
        const byte = parseInt(hex.substr((r * bpr + (c >> 3)) * 2, 2), 16);
        const px = x + c;
        const py = y + r;
        if ((byte >> (7 - (c & 7))) & 1 && px < pw && py < ll)
          b.bits[py * b.bytesPerRow + (px >> 3)] |= 0x80 >> (px & 7);
      }
    }
    const pq = /\^PQ(\d+)/.exec(body);
    labels.push({ bitmap: b, copies: pq ? Number(pq[1]) : 1, pw, ll, darkness, commands });
  }
  return labels;
}
