// The GS1 linkset of a lot (GS1 Digital Link 1.2 / RFC 9264): what a resolver answers to
// `Accept: application/linkset+json` or `?linkType=all`. Link types are GS1 Web Vocabulary terms.
import { dlEncode } from '../../shared/gs1/digital-link';
import type { BusinessFacts, LotFacts } from './model';
import { lotWarning } from './pages';

type Link = { href: string; title: string; type?: string; hreflang?: string[] };

const GS1 = 'https://gs1.org/voc/';

export function lotLinkset(lot: LotFacts, business: BusinessFacts, baseUrl: string) {
  const anchor = `${baseUrl}/01/${lot.product.gtin14}/10/${dlEncode(lot.code)}`;
  const page = (lang: 'vi' | 'en'): Link => ({
    href: `${anchor}/${lang === 'vi' ? '' : 'en.html'}`,
    title: lang === 'vi' ? `${lot.product.name} – lô ${lot.code}` : `${lot.product.name} – lot ${lot.code}`,
    type: 'text/html',
    hreflang: [lang],
  });
  const entry: Record<string, string | Link[]> = {
    anchor,
    [`${GS1}defaultLink`]: [page('vi')],
    [`${GS1}traceability`]: [page('vi'), page('en')],
    [`${GS1}pip`]: [
      {
        href: `${baseUrl}/01/${lot.product.gtin14}/`,
        title: lot.product.name,
        type: 'text/html',
        hreflang: ['vi'],
      },
    ],
  };
  const warning = lotWarning(lot.status, business, 'vi');
  if (warning) entry[`${GS1}recallStatus`] = [{ ...page('vi'), title: warning }];
  return { linkset: [entry] };
}
