// The consumer pages as HTML: one self-contained file each (styles inside, system fonts, no script, no request
// to anyone else), readable on a phone without zoom. Vietnamese pages are index.html, English ones en.html
// beside them. Links are relative, so the site works under any address and from a folder.
import type { BusinessFacts, JourneyStep, Lang, LotFacts, ProductFacts, SiteFacts } from './model';

const T = {
  vi: {
    htmlLang: 'vi',
    other: 'English',
    otherFile: 'en.html',
    lot: 'Lô',
    product: 'Sản phẩm',
    producer: 'Nhà sản xuất',
    address: 'Địa chỉ',
    taxCode: 'Mã số thuế',
    phone: 'Điện thoại',
    origin: 'Xuất xứ',
    brand: 'Nhãn hiệu',
    gtin: 'Mã GTIN',
    mfg: 'Ngày sản xuất',
    exp: 'Hạn sử dụng',
    noExpiry: 'Không ghi',
    net: 'Định lượng',
    ingredients: 'Thành phần',
    standard: 'Tiêu chuẩn áp dụng',
    declaration: 'Số tự công bố',
    warnings: 'Cảnh báo an toàn',
    storage: 'Bảo quản',
    usage: 'Hướng dẫn sử dụng',
    journey: 'Hành trình của lô hàng',
    before: 'Trước khi đến tay bạn',
    after: 'Sau khi sản xuất',
    history: 'Lịch sử thay đổi trạng thái',
    changed: 'Cập nhật lần cuối',
    allLots: 'Các lô của sản phẩm này',
    allProducts: 'Tất cả sản phẩm',
    siteTitle: 'Thông tin truy xuất nguồn gốc',
    noLots: 'Chưa có lô nào được công bố.',
    intro: 'Quét mã QR trên tem sản phẩm để xem thông tin của đúng lô hàng bạn mua.',
    footer: 'Thông tin do nhà sản xuất công bố theo Nghị định 37/2026/NĐ-CP.',
    recalled: (b: BusinessFacts) =>
      `CẢNH BÁO THU HỒI: Lô hàng này đang bị thu hồi. Xin đừng sử dụng sản phẩm và liên hệ ${contact(b, 'vi')} để được hướng dẫn đổi trả.`,
    held: (b: BusinessFacts) =>
      `CẢNH BÁO: Lô hàng này đang bị tạm giữ để kiểm tra. Xin tạm ngừng sử dụng cho tới khi có thông báo mới, liên hệ ${contact(b, 'vi')}.`,
    destroyed: (b: BusinessFacts) =>
      `CẢNH BÁO: Lô hàng này đã bị tiêu huỷ, không được bán. Nếu bạn có sản phẩm của lô này, xin liên hệ ${contact(b, 'vi')}.`,
    received: (date: string, region: string | null) =>
      `Nhập từ nhà cung cấp${region ? ` ở ${region}` : ''} ngày ${date}.`,
    made: (date: string) => `Sản xuất ngày ${date}.`,
    madeFrom: 'Nguyên liệu',
    inputReceived: (date: string | null, region: string | null) =>
      date ? `nhập ngày ${date}${region ? ` từ ${region}` : ''}` : 'do cơ sở tự sản xuất',
    opening: (date: string) => `Có trong kho của cơ sở từ ngày ${date}.`,
    shipped: (date: string) => `Giao cho cửa hàng, đại lý ngày ${date}.`,
    transferred: (date: string, place: string) => `Chuyển tới ${place} ngày ${date}.`,
    noForward: 'Lô hàng còn ở cơ sở sản xuất.',
    status: {
      available: 'Lưu hành bình thường',
      on_hold: 'Tạm giữ để kiểm tra',
      quarantined: 'Cách ly để kiểm tra',
      rejected: 'Không đạt, không bán',
      recalled: 'Thu hồi',
      destroyed: 'Đã tiêu huỷ',
    } as Record<string, string>,
  },
  en: {
    htmlLang: 'en',
    other: 'Tiếng Việt',
    otherFile: 'index.html',
    lot: 'Lot',
    product: 'Product',
    producer: 'Producer',
    address: 'Address',
    taxCode: 'Tax code',
    phone: 'Phone',
    origin: 'Origin',
    brand: 'Brand',
    gtin: 'GTIN',
    mfg: 'Production date',
    exp: 'Expiry date',
    noExpiry: 'Not stated',
    net: 'Net quantity',
    ingredients: 'Ingredients',
    standard: 'Standards applied',
    declaration: 'Self-declaration no.',
    warnings: 'Safety warnings',
    storage: 'Storage',
    usage: 'Instructions for use',
    journey: "The lot's journey",
    before: 'Before it reached you',
    after: 'After it was made',
    history: 'Status changes',
    changed: 'Last changed',
    allLots: 'Lots of this product',
    allProducts: 'All products',
    siteTitle: 'Traceability information',
    noLots: 'No lot published yet.',
    intro: "Scan the QR code on the product's label to see the lot you bought.",
    footer: 'Published by the producer under Decree 37/2026/NĐ-CP.',
    recalled: (b: BusinessFacts) =>
      `RECALL WARNING: this lot is being recalled. Please do not use the product; contact ${contact(b, 'en')} for a return.`,
    held: (b: BusinessFacts) =>
      `WARNING: this lot is on hold for checks. Please stop using it until further notice; contact ${contact(b, 'en')}.`,
    destroyed: (b: BusinessFacts) =>
      `WARNING: this lot was destroyed and is not for sale. If you have a product of this lot, contact ${contact(b, 'en')}.`,
    received: (date: string, region: string | null) =>
      `Received from a supplier${region ? ` in ${region}` : ''} on ${date}.`,
    made: (date: string) => `Made on ${date}.`,
    madeFrom: 'Ingredients used',
    inputReceived: (date: string | null, region: string | null) =>
      date ? `received on ${date}${region ? ` from ${region}` : ''}` : 'made by the producer',
    opening: (date: string) => `In the producer's stock since ${date}.`,
    shipped: (date: string) => `Delivered to shops and dealers on ${date}.`,
    transferred: (date: string, place: string) => `Moved to ${place} on ${date}.`,
    noForward: 'The lot is still at the producer.',
    status: {
      available: 'On sale as normal',
      on_hold: 'On hold for checks',
      quarantined: 'Quarantined for checks',
      rejected: 'Failed checks, not for sale',
      recalled: 'Recalled',
      destroyed: 'Destroyed',
    } as Record<string, string>,
  },
};

function contact(b: BusinessFacts, lang: Lang): string {
  return b.phone ? `${b.name} (${lang === 'vi' ? 'điện thoại' : 'phone'} ${b.phone})` : b.name;
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** 2026-03-01 → 01/03/2026 (day/month/year, as labels write dates). */
export const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const dmyTime = (iso: string) => `${dmy(iso)} ${iso.slice(11, 16)}`;

const CSS = `*{box-sizing:border-box}html{-webkit-text-size-adjust:100%}body{margin:0;font:17px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#1f2328;background:#f4f6f4}
main{max-width:640px;margin:0 auto;padding:12px 14px 28px}header{display:flex;justify-content:space-between;align-items:center;gap:8px;font-size:15px;color:#475047}
a{color:#0b6b3a}h1{font-size:23px;line-height:1.25;margin:10px 0 4px;overflow-wrap:anywhere}h2{font-size:18px;margin:22px 0 8px}
.card{background:#fff;border-radius:10px;padding:12px 14px;margin:12px 0;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.lot{font-size:19px;font-weight:600;overflow-wrap:anywhere}.photo{display:block;width:100%;max-height:320px;object-fit:contain;background:#fff;border-radius:10px}
dl{margin:0}dt{font-size:14px;color:#5b645b;margin-top:8px}dd{margin:0;overflow-wrap:anywhere}
.warn{background:#b3261e;color:#fff;font-weight:600;border-radius:10px;padding:14px;margin:12px 0;font-size:18px}
.note{background:#fff4ce;border-radius:10px;padding:10px 14px}ol,ul{margin:4px 0;padding-left:22px}li{margin:4px 0}
footer{font-size:14px;color:#5b645b;margin-top:24px}.badge{display:inline-block;border-radius:6px;padding:1px 8px;background:#e3f1e7;color:#0b6b3a;font-size:15px}
.bad{background:#fde7e5;color:#b3261e}`;

function shell(lang: Lang, title: string, top: string, body: string, other: string | null): string {
  const t = T[lang];
  const link = other ? `<a href="${other}" hreflang="${lang === 'vi' ? 'en' : 'vi'}">${t.other}</a>` : '';
  return `<!doctype html>
<html lang="${t.htmlLang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self'; style-src 'unsafe-inline'">
<title>${esc(title)}</title><style>${CSS}</style></head>
<body><main><header><span>${esc(top)}</span>${link}</header>
${body}</main></body></html>
`;
}

function field(label: string, value: string | null | undefined): string {
  return value ? `<dt>${esc(label)}</dt><dd>${esc(value)}</dd>` : '';
}

function producerCard(b: BusinessFacts, t: (typeof T)[Lang]): string {
  return `<div class="card"><dl>${field(t.producer, b.name)}${field(t.address, b.address)}${field(t.taxCode, b.taxCode)}${field(t.phone, b.phone)}</dl></div>`;
}

function stepText(s: JourneyStep, t: (typeof T)[Lang]): string {
  switch (s.kind) {
    case 'received':
      return esc(t.received(dmy(s.date), s.region));
    case 'opening':
      return esc(t.opening(dmy(s.date)));
    case 'shipped':
      return esc(t.shipped(dmy(s.date)));
    case 'transferred':
      return esc(t.transferred(dmy(s.date), s.place));
    case 'made': {
      const inputs = s.inputs.map(
        (i) => `<li>${esc(i.name)}: ${esc(t.inputReceived(i.received && dmy(i.received), i.region))}</li>`,
      );
      return `${esc(t.made(dmy(s.date)))}${inputs.length ? ` ${esc(t.madeFrom)}:<ul>${inputs.join('')}</ul>` : ''}`;
    }
  }
}

/** The warning at the top of a held, recalled or destroyed lot's page (null for a lot on sale). */
export function lotWarning(status: string, b: BusinessFacts, lang: Lang): string | null {
  const t = T[lang];
  if (status === 'recalled') return t.recalled(b);
  if (status === 'on_hold' || status === 'quarantined' || status === 'rejected') return t.held(b);
  if (status === 'destroyed') return t.destroyed(b);
  return null;
}

export type PageLinks = { image: string | null; product: string; home: string | null };

export function lotPage(lot: LotFacts, b: BusinessFacts, lang: Lang, links: PageLinks): string {
  const t = T[lang];
  const p = lot.product;
  const warning = lotWarning(lot.status, b, lang);
  const steps = (list: JourneyStep[], empty: string | null) =>
    list.length
      ? `<ol>${list.map((s) => `<li>${stepText(s, t)}</li>`).join('')}</ol>`
      : empty
        ? `<p>${esc(empty)}</p>`
        : '';
  const body = `${warning ? `<div class="warn" role="alert">${esc(warning)}</div>` : ''}
<h1>${esc(p.name)}</h1>
<div class="lot">${esc(t.lot)}: ${esc(lot.code)} <span class="badge${warning ? ' bad' : ''}">${esc(t.status[lot.status] ?? lot.status)}</span></div>
${links.image ? `<img class="photo" src="${links.image}" alt="${esc(p.name)}">` : ''}
<div class="card"><dl>${field(t.mfg, lot.productionDate && dmy(lot.productionDate))}${field(t.exp, lot.expiryDate ? dmy(lot.expiryDate) : t.noExpiry)}${field(t.origin, p.origin)}${field(t.brand, p.brand)}${field(t.net, p.netQuantity)}${field(t.gtin, p.gtin14)}</dl></div>
${producerCard(b, t)}
${p.warnings ? `<div class="note"><b>${esc(t.warnings)}:</b> ${esc(p.warnings)}</div>` : ''}
<div class="card"><dl>${field(t.ingredients, p.ingredients)}${field(t.standard, p.standard)}${field(t.declaration, p.declarationNo)}${field(t.storage, p.storage)}${field(t.usage, p.usage)}</dl></div>
<h2>${esc(t.journey)}</h2>
<div class="card"><b>${esc(t.before)}</b>${steps(lot.back, null)}<b>${esc(t.after)}</b>${steps(lot.forward, t.noForward)}</div>
${lot.history.length ? `<h2>${esc(t.history)}</h2><div class="card"><ul>${lot.history.map((h) => `<li>${dmy(h.date)}: ${esc(t.status[h.status] ?? h.status)}</li>`).join('')}</ul></div>` : ''}
<p><a href="${links.product}">${esc(t.allLots)}</a>${links.home ? ` · <a href="${links.home}">${esc(t.allProducts)}</a>` : ''}</p>
<footer>${esc(t.changed)}: ${dmyTime(lot.changedAt)}<br>${esc(t.footer)}</footer>`;
  return shell(lang, `${p.name} – ${t.lot} ${lot.code}`, b.name, body, t.otherFile);
}

export function productPage(
  p: ProductFacts,
  lots: LotFacts[],
  b: BusinessFacts,
  lang: Lang,
  links: { image: string | null; lot: (l: LotFacts) => string; home: string | null },
): string {
  const t = T[lang];
  const changed = [p.updatedAt, ...lots.map((l) => l.changedAt)].sort().pop()!;
  const items = lots.map((l) => {
    const w = lotWarning(l.status, b, lang);
    return `<li><a href="${links.lot(l)}">${esc(t.lot)} ${esc(l.code)}</a>${l.expiryDate ? ` · ${esc(t.exp)} ${dmy(l.expiryDate)}` : ''}${w ? ` <span class="badge bad">${esc(t.status[l.status] ?? l.status)}</span>` : ''}</li>`;
  });
  const body = `<h1>${esc(p.name)}</h1>
${links.image ? `<img class="photo" src="${links.image}" alt="${esc(p.name)}">` : ''}
<div class="card"><dl>${field(t.origin, p.origin)}${field(t.brand, p.brand)}${field(t.net, p.netQuantity)}${field(t.gtin, p.gtin14)}${field(t.standard, p.standard)}${field(t.declaration, p.declarationNo)}</dl></div>
${producerCard(b, t)}
<h2>${esc(t.allLots)}</h2><div class="card">${items.length ? `<ul>${items.join('')}</ul>` : `<p>${esc(t.noLots)}</p>`}</div>
${links.home ? `<p><a href="${links.home}">${esc(t.allProducts)}</a></p>` : ''}
<footer>${esc(t.changed)}: ${dmyTime(changed)}<br>${esc(t.footer)}</footer>`;
  return shell(lang, p.name, b.name, body, t.otherFile);
}

export function indexPage(site: SiteFacts, lang: Lang, productLink: (p: ProductFacts) => string): string {
  const t = T[lang];
  const changed = [...site.products.map((p) => p.updatedAt), ...site.lots.map((l) => l.changedAt)].sort().pop();
  const body = `<h1>${esc(site.business.name)}</h1>
<p>${esc(t.intro)}</p>
<h2>${esc(t.allProducts)}</h2><div class="card"><ul>${site.products.map((p) => `<li><a href="${productLink(p)}">${esc(p.name)}</a></li>`).join('')}</ul></div>
${producerCard(site.business, t)}
<footer>${changed ? `${esc(t.changed)}: ${dmyTime(changed)}<br>` : ''}${esc(t.footer)}</footer>`;
  return shell(lang, `${t.siteTitle} – ${site.business.name}`, t.siteTitle, body, t.otherFile);
}

export function notFoundPage(): string {
  const body = `<h1>Không tìm thấy trang này</h1>
<p>Mã QR có thể đã cũ hoặc lô hàng chưa được công bố. Xin liên hệ nhà sản xuất ghi trên tem.</p>
<p lang="en">Page not found: the lot may not be published yet. Please contact the producer named on the label.</p>`;
  return shell('vi', 'Không tìm thấy', T.vi.siteTitle, body, null);
}
