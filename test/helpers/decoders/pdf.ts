// Reads back what a PDF places on its pages, without a PDF renderer: each page's MediaBox (points), the image
// XObjects the file holds and, from every page's inflated content stream, where an image is drawn (the `cm` matrix
// before each `Do`). Enough to check a sheet's page size and where each label sits.
import zlib from 'node:zlib';

/** Points from the page's top-left corner (as the sheet layout measures). */
export type PlacedImage = { x: number; top: number; width: number; height: number };
export type PdfPage = { mediaBox: number[]; images: PlacedImage[] };
export type PdfSummary = { pages: PdfPage[]; imageObjects: number };

type PdfObject = { dict: string; stream: Buffer | null };

function objects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\s*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const s = /^(<<[\s\S]*?>>)\s*stream\r?\n/.exec(body);
    if (s) {
      const length = Number(/\/Length (\d+)/.exec(s[1])![1]);
      const from = start + s[0].length;
      out.set(Number(m[1]), { dict: s[1], stream: pdf.subarray(from, from + length) });
    } else out.set(Number(m[1]), { dict: body, stream: null });
    re.lastIndex = end;
  }
  return out;
}

const ref = (dict: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1]);

/** pdfkit draws in a flipped space (top-left origin): an image is `w 0 0 -h x y+h cm` there. */
function placements(content: string): PlacedImage[] {
  const out: PlacedImage[] = [];
  const re = /([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) cm\s+\/\S+ Do/g;
  for (let m = re.exec(content); m; m = re.exec(content)) {
    const [a, , , d, e, f] = m.slice(1).map(Number);
    out.push({ x: e, top: f - Math.abs(d), width: a, height: Math.abs(d) });
  }
  return out;
}

export function readPdf(pdf: Buffer): PdfSummary {
  const objs = objects(pdf);
  const pages: PdfPage[] = [];
  let imageObjects = 0;
  for (const o of objs.values()) {
    if (/\/Subtype \/Image/.test(o.dict)) imageObjects++;
    if (!/\/Type \/Page\b/.test(o.dict)) continue;
    const mediaBox = /\/MediaBox \[([^\]]+)\]/.exec(o.dict)![1].trim().split(/\s+/).map(Number);
    const content = objs.get(ref(o.dict, 'Contents'))!;
    const raw = /\/FlateDecode/.test(content.dict) ? zlib.inflateSync(content.stream!) : content.stream!;
    pages.push({ mediaBox, images: placements(raw.toString('latin1')) });
  }
  return { pages, imageObjects };
}
