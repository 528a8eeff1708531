// Writes the consumer site: a folder any static host can serve (no server code), laid out as GS1 Digital Link
// paths so the label's QR resolves to a file:
//   01/<gtin14>/10/<lot, percent-encoded>/index.html (+ en.html, linkset.json)   a lot
//   01/<gtin14>/index.html (+ en.html, anh.<ext>)                                 a product
//   index.html, en.html, 404.html, .nojekyll                                       the site
// Publishing again rewrites only files whose content changed and removes the pages of lots no longer published
// (12 months after expiry); a manifest of what we wrote means nothing else in the folder is ever touched.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { AppError } from '../../shared/api/errors';
import { DEFAULT_DL_DOMAIN, dlEncode } from '../../shared/gs1/digital-link';
import '../../shared/i18n/publish';
import type { Db } from '../store/db';
import { siteFacts, type LotFacts, type ProductFacts, type SiteFacts } from './model';
import { indexPage, lotPage, notFoundPage, productPage } from './pages';
import { lotLinkset } from './linkset';

const MANIFEST = '.nguongoc-site.json';

export type PublishOptions = {
  outDir: string;
  /** The business's date (YYYY-MM-DD): which lots are still within 12 months of their expiry. */
  today: string;
  /** Address the site is served under (linksets); the business's trace address when absent. */
  baseUrl?: string | null;
  /** Also write the whole site as one ZIP file here (to upload to a host). */
  zipFile?: string | null;
};

export type PublishResult = {
  dir: string;
  baseUrl: string;
  products: number;
  lots: number;
  written: number;
  unchanged: number;
  removed: number;
  zipFile: string | null;
  /** The address labels' QR codes use, when it differs from baseUrl (the pages would not be found). */
  traceAddress: string | null;
};

export const lotPath = (gtin14: string, lot: string) => `01/${gtin14}/10/${dlEncode(lot)}`;
export const productPath = (gtin14: string) => `01/${gtin14}`;

const IMAGE_EXT: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

/** The product photo as a file: its name beside the product page and its bytes. */
export function productImage(p: ProductFacts): { name: string; bytes: Buffer; mime: string } | null {
  const m = /^data:(image\/(?:png|jpeg|webp));base64,(.+)$/.exec(p.image ?? '');
  if (!m) return null;
  return { name: `anh.${IMAGE_EXT[m[1]]}`, bytes: Buffer.from(m[2], 'base64'), mime: m[1] };
}

/** Every file of the site, by path relative to the site's root. */
export function siteFiles(site: SiteFacts, baseUrl: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const put = (rel: string, content: string | Buffer) =>
    files.set(rel, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
  const byProduct = new Map<number, LotFacts[]>();
  for (const l of site.lots) byProduct.set(l.product.id, [...(byProduct.get(l.product.id) ?? []), l]);
  for (const p of site.products) {
    const dir = productPath(p.gtin14);
    const img = productImage(p);
    if (img) put(`${dir}/${img.name}`, img.bytes);
    const lots = byProduct.get(p.id) ?? [];
    for (const lang of ['vi', 'en'] as const) {
      const file = lang === 'vi' ? 'index.html' : 'en.html';
      put(
        `${dir}/${file}`,
        productPage(p, lots, site.business, lang, {
          image: img?.name ?? null,
          lot: (l) => `10/${encodeURIComponent(dlEncode(l.code))}/${file === 'index.html' ? '' : file}`,
          home: `../../${file === 'index.html' ? '' : file}`,
        }),
      );
      for (const l of lots)
        put(
          `${lotPath(p.gtin14, l.code)}/${file}`,
          lotPage(l, site.business, lang, {
            image: img ? `../../${img.name}` : null,
            product: `../../${file === 'index.html' ? '' : file}`,
            home: `../../../../${file === 'index.html' ? '' : file}`,
          }),
        );
    }
    for (const l of lots)
      put(`${lotPath(p.gtin14, l.code)}/linkset.json`, JSON.stringify(lotLinkset(l, site.business, baseUrl), null, 1));
  }
  for (const lang of ['vi', 'en'] as const) {
    const file = lang === 'vi' ? 'index.html' : 'en.html';
    put(
      file,
      indexPage(site, lang, (p) => `${productPath(p.gtin14)}/${file === 'index.html' ? '' : file}`),
    );
  }
  put('404.html', notFoundPage());
  // GitHub Pages would otherwise run Jekyll over the folder.
  put('.nojekyll', '');
  return files;
}

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

function readManifest(dir: string): Record<string, string> | null {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as { files?: Record<string, string> };
    return m.files ?? {};
  } catch {
    return null;
  }
}

/** Writes through a temporary file, so a page is never seen half-written by the host serving the folder. */
function writeAtomic(file: string, bytes: Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, file);
}

function removeEmptyDirs(root: string, rel: string): void {
  for (let d = path.dirname(rel); d !== '.' && d !== ''; d = path.dirname(d)) {
    const abs = path.join(root, d);
    if (!fs.existsSync(abs) || fs.readdirSync(abs).length) return;
    fs.rmdirSync(abs);
  }
}

export async function publishSite(db: Db, opts: PublishOptions): Promise<PublishResult> {
  const site = siteFacts(db, opts.today);
  if (!site) throw new AppError('PUBLISH_NO_BUSINESS');
  const dir = path.resolve(opts.outDir);
  const previous = fs.existsSync(dir) ? readManifest(dir) : {};
  if (previous === null && fs.readdirSync(dir).length > 0) throw new AppError('PUBLISH_DIR_NOT_SITE', { dir });
  const traceAddress = site.business.traceAddress;
  const baseUrl = (opts.baseUrl || traceAddress || DEFAULT_DL_DOMAIN).replace(/\/+$/, '');
  const files = siteFiles(site, baseUrl);
  const manifest: Record<string, string> = {};
  let written = 0;
  let unchanged = 0;
  for (const [rel, bytes] of files) {
    const hash = sha(bytes);
    manifest[rel] = hash;
    const abs = path.join(dir, rel);
    if (previous?.[rel] === hash && fs.existsSync(abs)) {
      unchanged++;
      continue;
    }
    writeAtomic(abs, bytes);
    written++;
  }
  let removed = 0;
  for (const rel of Object.keys(previous ?? {})) {
    if (files.has(rel)) continue;
    const abs = path.join(dir, rel);
    // Only names we wrote, inside the folder.
    if (!abs.startsWith(dir + path.sep)) continue;
    fs.rmSync(abs, { force: true });
    removeEmptyDirs(dir, rel);
    removed++;
  }
  writeAtomic(
    path.join(dir, MANIFEST),
    Buffer.from(JSON.stringify({ generator: 'Nguồn Gốc', files: manifest }, null, 1)),
  );
  if (opts.zipFile) await writeZip(files, opts.zipFile);
  return {
    dir,
    baseUrl,
    products: site.products.length,
    lots: site.lots.length,
    written,
    unchanged,
    removed,
    zipFile: opts.zipFile ?? null,
    traceAddress: traceAddress && traceAddress !== baseUrl ? traceAddress : null,
  };
}

async function writeZip(files: Map<string, Buffer>, zipFile: string): Promise<void> {
  const zip = new JSZip();
  // A fixed date keeps the ZIP the same bytes when the site did not change.
  const date = new Date(Date.UTC(2026, 0, 1));
  for (const [rel, bytes] of files) zip.file(rel, bytes, { date });
  writeAtomic(zipFile, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}
