import { createCanvas, loadImage } from '@napi-rs/canvas';
import fs from 'node:fs';
const [f, x, y, w, h, out] = process.argv.slice(2).map((v, i) => (i >= 1 && i <= 4 ? +v : v));
const a = await loadImage(`/tmp/wt15z/before2/${f}`), b = await loadImage(`/tmp/wt15z/after2/${f}`);
const c = createCanvas(w * 2, h * 2 * 2 + 6); const g = c.getContext('2d'); g.imageSmoothingEnabled = false;
g.drawImage(a, x, y, w, h, 0, 0, w * 2, h * 2); g.drawImage(b, x, y, w, h, 0, h * 2 + 6, w * 2, h * 2);
fs.writeFileSync(out, c.toBuffer('image/png'));
