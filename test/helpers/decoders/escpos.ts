// Test decoder for ESC/POS raster: ESC @, GS v 0 bands (1 = printed dot) stacked into labels; ESC J (feed over
// the gap) ends a label. Receipt commands are read and listed: ESC d n (feed lines), GS V m (cut; ends the
// picture), ESC B n t (beep), ESC p m t1 t2 (cash drawer).
import { emptyBitmap, type DecodedBitmap } from './bitmap';

export type EscposJob = {
  labels: DecodedBitmap[];
  bands: number;
  maxBandRows: number;
  feeds: number[];
  /** Receipt commands in order: 'init', 'feed-lines N', 'cut full|partial', 'beep N T', 'drawer M T1 T2'. */
  commands: string[];
};

export function decodeEscpos(bytes: Buffer): EscposJob {
  const labels: DecodedBitmap[] = [];
  const feeds: number[] = [];
  const commands: string[] = [];
  let bands: { width: number; rows: number; data: Buffer }[] = [];
  let bandCount = 0;
  let maxBandRows = 0;
  const flush = () => {
    if (!bands.length) return;
    const bpr = bands[0].width;
    const height = bands.reduce((n, b) => n + b.rows, 0);
    const b = emptyBitmap(bpr * 8, height);
    let y = 0;
    for (const band of bands) {
      if (band.width !== bpr) throw new Error('bands of different widths in one label');
      band.data.copy(b.bits, y * bpr);
      y += band.rows;
    }
    labels.push(b);
    bands = [];
  };
  let i = 0;
  while (i < bytes.length) {
    if (bytes[i] === 0x1b && bytes[i + 1] === 0x40) {
      commands.push('init');
      i += 2;
    } else if (bytes[i] === 0x1b && bytes[i + 1] === 0x64) {
      commands.push(`feed-lines ${bytes[i + 2]}`);
      i += 3;
    } else if (bytes[i] === 0x1d && bytes[i + 1] === 0x56) {
      flush();
      commands.push(`cut ${bytes[i + 2] % 48 === 0 ? 'full' : 'partial'}`);
      // GS V 0/1/48/49 (cut now) is 3 bytes; GS V 65/66 n (feed n, then cut) is 4.
      i += bytes[i + 2] >= 65 ? 4 : 3;
    } else if (bytes[i] === 0x1b && bytes[i + 1] === 0x42) {
      commands.push(`beep ${bytes[i + 2]} ${bytes[i + 3]}`);
      i += 4;
    } else if (bytes[i] === 0x1b && bytes[i + 1] === 0x70) {
      commands.push(`drawer ${bytes[i + 2]} ${bytes[i + 3]} ${bytes[i + 4]}`);
      i += 5;
    } else if (bytes[i] === 0x1d && bytes[i + 1] === 0x76 && bytes[i + 2] === 0x30) {
      const width = bytes[i + 4] | (bytes[i + 5] << 8);
      const rows = bytes[i + 6] | (bytes[i + 7] << 8);
      const data = bytes.subarray(i + 8, i + 8 + width * rows);
      if (data.length !== width * rows) throw new Error('GS v 0 data truncated');
      bands.push({ width, rows, data });
      bandCount++;
      maxBandRows = Math.max(maxBandRows, rows);
      i += 8 + width * rows;
    } else if (bytes[i] === 0x1b && bytes[i + 1] === 0x4a) {
      feeds.push(bytes[i + 2]);
      flush();
      i += 3;
    } else {
      throw new Error(`unknown ESC/POS byte 0x${bytes[i].toString(16)} at ${i}`);
    }
  }
  flush();
  return { labels, bands: bandCount, maxBandRows, feeds, commands };
}
