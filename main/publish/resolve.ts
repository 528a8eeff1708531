// The public part of `nguongoc serve`: the consumer pages at their GS1 Digital Link paths, read only, without the
// token, so a phone on the classroom LAN can scan a printed label. Built from the database on each request, with
// the same pages as the published site. Nothing but these paths is answered here.
import type { Db } from '../store/db';
import { siteFacts } from './model';
import { lotPage, notFoundPage, productPage } from './pages';
import { lotLinkset } from './linkset';
import { productImage } from './site';
import { dlEncode } from '../../shared/gs1/digital-link';

export type PublicAnswer = { status: number; headers: Record<string, string>; body: string | Buffer };

const ROUTE = /^\/01\/(\d{8}|\d{12,14})(?:\/10\/([^/]+))?(\/(?:en\.html|linkset\.json|anh\.(?:png|jpg|webp))?)?$/;

/** True for the paths this module answers (anything else goes to the app and its token). */
export const isPublicPath = (pathname: string) => ROUTE.test(pathname);

const PAGE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const html = (status: number, body: string): PublicAnswer => ({
  status,
  headers: {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': PAGE_CSP,
    'Cache-Control': 'no-cache',
  },
  body,
});
const notFound = () => html(404, notFoundPage());

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export function publicAnswer(db: Db, today: string, url: URL, accept: string, origin: string): PublicAnswer | null {
  const m = ROUTE.exec(url.pathname);
  if (!m) return null;
  const gtin14 = m[1].padStart(14, '0');
  const lot = m[2] === undefined ? null : decode(m[2]);
  const tail = m[3] ?? '';
  if (lot === null && m[2] !== undefined) return notFound();
  const site = siteFacts(db, today, { gtin14, lot });
  const product = site?.products[0];
  if (!site || !product) return notFound();
  const img = productImage(product);
  if (tail.startsWith('/anh.')) {
    if (lot !== null || !img || tail !== `/${img.name}`) return notFound();
    return { status: 200, headers: { 'Content-Type': img.mime, 'Cache-Control': 'no-cache' }, body: img.bytes };
  }
  const en = tail === '/en.html';
  if (lot === null) {
    if (tail === '/linkset.json') return notFound();
    if (tail === '') return redirect(`/01/${gtin14}/`, url.search);
    return html(
      200,
      productPage(product, site.lots, site.business, en ? 'en' : 'vi', {
        image: img?.name ?? null,
        lot: (l) => `10/${encodeURIComponent(dlEncode(l.code))}/${en ? 'en.html' : ''}`,
        home: null,
      }),
    );
  }
  const facts = site.lots[0];
  if (!facts) return notFound();
  const wantsLinkset =
    tail === '/linkset.json' || url.searchParams.get('linkType') === 'all' || /application\/linkset\+json/.test(accept);
  if (wantsLinkset)
    return {
      status: 200,
      headers: { 'Content-Type': 'application/linkset+json', 'Cache-Control': 'no-cache' },
      body: JSON.stringify(lotLinkset(facts, site.business, origin)),
    };
  // Pages link to the photo and the product relatively, from the folder form of the address.
  if (tail === '') return redirect(`/01/${gtin14}/10/${m[2]}/`, url.search);
  return html(
    200,
    lotPage(facts, site.business, en ? 'en' : 'vi', {
      image: img ? `../../${img.name}` : null,
      product: `../../${en ? 'en.html' : ''}`,
      home: null,
    }),
  );
}

function redirect(location: string, search: string): PublicAnswer {
  return { status: 301, headers: { Location: location + search, 'Cache-Control': 'no-cache' }, body: '' };
}
