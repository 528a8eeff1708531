// Test decoder for TSPL: reads the commands back, and each BITMAP (0 = printed dot) into a 1-bit bitmap.
import { emptyBitmap, type DecodedBitmap } from './bitmap';

export type TsplLabel = { bitmap: DecodedBitmap; x: number; y: number; copies: number; sets: number };
export type TsplJob = { commands: string[]; size: { widthMm: number; heightMm: number } | null; labels: TsplLabel[] };

export function decodeTspl(bytes: Buffer, canvas: { width: number; height: number }): TsplJob {
  const commands: string[] = [];
  const labels: TsplLabel[] = [];
  let size: TsplJob['size'] = null;
  let pending: { bitmap: DecodedBitmap; x: number; y: number } | null = null;
  let i = 0;
  while (i < bytes.length) {
    // Commands are text lines ending in CRLF, except BITMAP whose binary data follows its 6th parameter.
    const head = bytes.toString('latin1', i, Math.min(bytes.length, i + 64));
    if (head.startsWith('BITMAP ')) {
      const m = /^BITMAP (\d+),(\d+),(\d+),(\d+),(\d+),/.exec(head);
      if (!m) throw new Error(`bad BITMAP at ${i}`);
      const [x, y, wb, h, mode] = m.slice(1).map(Number);
      if (mode !== 0) throw new Error(`BITMAP mode ${mode} (only OVERWRITE is produced)`);
      const start = i + m[0].length;
      const data = bytes.subarray(start, start + wb * h);
      if (data.length !== wb * h) throw new Error('BITMAP data truncated');
      // The label canvas is the SIZE; the bitmap is drawn at (x, y). 0 = printed → invert.
      const b = emptyBitmap(canvas.width, canvas.height);
      for (let r = 0; r < h; r++) {
        for (let c = 0; c < wb * 8; c++) {
          const printed = ((data[r * wb + (c >> 3)] >> (7 - (c & 7))) & 1) === 0;
          const px = x + c;
          const py = y + r;
          if (printed && px < canvas.width && py < canvas.height)
            b.bits[py * b.bytesPerRow + (px >> 3)] |= 0x80 >> (px & 7);
        }
      }
      pending = { bitmap: b, x, y };
      commands.push(`BITMAP ${x},${y},${wb},${h},${mode}`);
      i = start + wb * h;
      if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) i += 2;
      continue;
    }
    const end = bytes.indexOf('\r\n', i, 'latin1');
    if (end < 0) throw new Error(`unterminated command at ${i}`);
    const line = bytes.toString('latin1', i, end);
    commands.push(line);
    i = end + 2;
    let m = /^SIZE ([\d.]+) mm,([\d.]+) mm$/.exec(line);
    if (m) size = { widthMm: Number(m[1]), heightMm: Number(m[2]) };
    m = /^PRINT (\d+)(?:,(\d+))?$/.exec(line);
    if (m) {
      if (!pending) throw new Error('PRINT without a BITMAP');
      labels.push({ ...pending, sets: Number(m[1]), copies: m[2] ? Number(m[2]) : 1 });
    }
    if (line === 'CLS') pending = null;
  }
  return { commands, size, labels };
}
