// Draws the app icon with @napi-rs/canvas and writes resources/icons/icon.png (256 px) and
// resources/icons/icon.ico (16–256 px). The outputs are committed; run again only to change the mark:
//   node scripts/make-icons.mjs
// The mark: a green rounded square, a white leaf (fresh produce) over a small QR-like finder corner
// (traceability codes), and "NG". Text uses the bundled DejaVu Sans Bold so every machine draws the same.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'resources', 'icons');
GlobalFonts.registerFromPath(path.join(root, 'resources', 'fonts', 'DejaVuSans-Bold.ttf'), 'NG Icon Bold');

const GREEN_TOP = '#2f9e44';
const GREEN_BOTTOM = '#1b5e20';

function roundRect(ctx, x, y, w, h, r) {
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
}

/** Draws the mark on a `size`×`size` canvas; small sizes drop the details that would turn to mush. */
function draw(size) {
  const canvas = createCanvas(size, size);
  const ctx = canvas.getContext('2d');
  const s = size / 256;
  const grad = ctx.createLinearGradient(0, 0, 0, size);
  grad.addColorStop(0, GREEN_TOP);
  grad.addColorStop(1, GREEN_BOTTOM);
  ctx.fillStyle = grad;
  roundRect(ctx, 8 * s, 8 * s, 240 * s, 240 * s, 48 * s);
  ctx.fill();

  // Leaf: two arcs from stem to tip, tilted; a darker vein down the middle.
  ctx.save();
  ctx.translate(128 * s, size >= 48 ? 96 * s : 128 * s);
  ctx.rotate(-Math.PI / 5);
  const L = (size >= 48 ? 70 : 92) * s;
  const W = (size >= 48 ? 40 : 52) * s;
  ctx.beginPath();
  ctx.moveTo(-L, 0);
  ctx.bezierCurveTo(-L * 0.4, -W, L * 0.5, -W, L, 0);
  ctx.bezierCurveTo(L * 0.5, W, -L * 0.4, W, -L, 0);
  ctx.closePath();
  ctx.fillStyle = '#ffffff';
  ctx.fill();
  if (size >= 32) {
    ctx.strokeStyle = GREEN_BOTTOM;
    ctx.lineWidth = Math.max(1, 6 * s);
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.moveTo(-L * 0.85, 0);
    ctx.lineTo(L * 0.7, 0);
    ctx.stroke();
  }
  ctx.restore();

  if (size >= 48) {
    // "NG" under the leaf.
    ctx.fillStyle = '#ffffff';
    ctx.font = `${Math.round(72 * s)}px "NG Icon Bold"`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'alphabetic';
    ctx.fillText('NG', 142 * s, 222 * s);
    // A QR finder pattern in the lower-left corner: the code on every label.
    const q = 40 * s;
    const qx = 30 * s;
    const qy = 176 * s;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(qx, qy, q, q);
    ctx.fillStyle = GREEN_BOTTOM;
    ctx.fillRect(qx + q / 7, qy + q / 7, (q * 5) / 7, (q * 5) / 7);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(qx + (q * 2) / 7, qy + (q * 2) / 7, (q * 3) / 7, (q * 3) / 7);
  }
  return canvas;
}

/** A 32-bit BMP (DIB) entry for the ICO: BITMAPINFOHEADER, BGRA rows bottom-up, then the AND mask. */
function dibEntry(canvas) {
  const size = canvas.width;
  const rgba = canvas.getContext('2d').getImageData(0, 0, size, size).data;
  const maskRow = Math.ceil(size / 32) * 4;
  const buf = Buffer.alloc(40 + size * size * 4 + maskRow * size);
  buf.writeUInt32LE(40, 0); // header size
  buf.writeInt32LE(size, 4);
  buf.writeInt32LE(size * 2, 8); // height counts the colour rows and the mask rows
  buf.writeUInt16LE(1, 12); // planes
  buf.writeUInt16LE(32, 14); // bits per pixel
  buf.writeUInt32LE(0, 16); // BI_RGB
  buf.writeUInt32LE(size * size * 4 + maskRow * size, 20);
  let o = 40;
  for (let y = size - 1; y >= 0; y--) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      buf[o++] = rgba[i + 2];
      buf[o++] = rgba[i + 1];
      buf[o++] = rgba[i];
      buf[o++] = rgba[i + 3];
    }
  }
  // AND mask left all zero: the alpha channel decides transparency.
  return buf;
}

/** ICO container: 6-byte header, a 16-byte directory entry per image, then the images. */
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  const dir = Buffer.alloc(16 * images.length);
  let offset = 6 + dir.length;
  images.forEach(({ size, data }, k) => {
    const e = k * 16;
    dir.writeUInt8(size >= 256 ? 0 : size, e); // 0 means 256
    dir.writeUInt8(size >= 256 ? 0 : size, e + 1);
    dir.writeUInt8(0, e + 2); // no palette
    dir.writeUInt8(0, e + 3);
    dir.writeUInt16LE(1, e + 4); // planes
    dir.writeUInt16LE(32, e + 6); // bits per pixel
    dir.writeUInt32LE(data.length, e + 8);
    dir.writeUInt32LE(offset, e + 12);
    offset += data.length;
  });
  return Buffer.concat([header, dir, ...images.map((i) => i.data)]);
}

fs.mkdirSync(outDir, { recursive: true });
const png256 = draw(256).toBuffer('image/png');
fs.writeFileSync(path.join(outDir, 'icon.png'), png256);
// Small sizes as BMP (what every Windows tool and NSIS read); 256 px as PNG (Vista+ ICO, much smaller).
const images = [16, 24, 32, 48, 64, 128].map((size) => ({ size, data: dibEntry(draw(size)) }));
images.push({ size: 256, data: png256 });
fs.writeFileSync(path.join(outDir, 'icon.ico'), ico(images));
process.stdout.write(
  `icons written to ${path.relative(root, outDir)}: icon.png (256 px), icon.ico (${images.map((i) => i.size).join(', ')} px)\n`,
);
