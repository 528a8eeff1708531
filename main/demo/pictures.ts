// Product photos of the demo business, drawn at build time (a jar, a bag, a roll on a plain background with the
// brand), so the demo's consumer pages show every Decree 37/2026 Điều 23 k7 item, the product image included.
import { loadCanvas } from '../heavy-libs';
import { ensureFonts, FONT } from '../labels/render';

export type PictureShape = 'jar' | 'bag' | 'roll';

export function productPicture(shape: PictureShape, color: string, caption: string): string {
  ensureFonts();
  const w = 480;
  const h = 360;
  const c = loadCanvas().createCanvas(w, h);
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#f3efe4';
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = color;
  ctx.beginPath();
  if (shape === 'jar') {
    ctx.roundRect(160, 70, 160, 220, 28);
    ctx.fill();
    ctx.fillStyle = '#6b4f2a';
    ctx.fillRect(170, 48, 140, 30);
  } else if (shape === 'bag') {
    ctx.moveTo(150, 60);
    ctx.lineTo(330, 60);
    ctx.lineTo(350, 300);
    ctx.lineTo(130, 300);
    ctx.closePath();
    ctx.fill();
  } else {
    ctx.roundRect(90, 130, 300, 110, 55);
    ctx.fill();
    ctx.strokeStyle = '#5b7f3a';
    ctx.lineWidth = 8;
    for (const x of [150, 240, 330]) ctx.strokeRect(x, 128, 4, 114);
  }
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(150, 150, 180, 60);
  ctx.fillStyle = '#0b6b3a';
  ctx.font = `bold 22px "${FONT}"`;
  ctx.textAlign = 'center';
  ctx.fillText('Đồng Nai Xanh', 240, 178);
  ctx.font = `16px "${FONT}"`;
  ctx.fillText(caption, 240, 200);
  return `data:image/png;base64,${c.toBuffer('image/png').toString('base64')}`;
}
