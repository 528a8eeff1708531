// A product's origin as the user writes it ("Việt Nam", "Trung Quốc", "VN") → ISO 3166-1 alpha-2, which is what
// CBV's countryOfOrigin expects. Labels keep the full name (Decree 43/2017: country names never abbreviated).
import { foldVietnamese } from './text';

// Folded names (no diacritics, lower case) of the countries a small Vietnamese food business buys from.
const NAMES: Record<string, string> = {
  'viet nam': 'VN',
  vietnam: 'VN',
  'trung quoc': 'CN',
  china: 'CN',
  'thai lan': 'TH',
  thailand: 'TH',
  lao: 'LA',
  laos: 'LA',
  campuchia: 'KH',
  cambodia: 'KH',
  'han quoc': 'KR',
  korea: 'KR',
  'nhat ban': 'JP',
  japan: 'JP',
  'dai loan': 'TW',
  taiwan: 'TW',
  'an do': 'IN',
  india: 'IN',
  indonesia: 'ID',
  malaysia: 'MY',
  philippines: 'PH',
  singapore: 'SG',
  myanmar: 'MM',
  uc: 'AU',
  australia: 'AU',
  'new zealand': 'NZ',
  my: 'US',
  'hoa ky': 'US',
  usa: 'US',
  'united states': 'US',
  phap: 'FR',
  france: 'FR',
  duc: 'DE',
  germany: 'DE',
  'ha lan': 'NL',
  netherlands: 'NL',
  anh: 'GB',
  'united kingdom': 'GB',
  brazil: 'BR',
  'bo dao nha': 'PT',
  'tay ban nha': 'ES',
  y: 'IT',
  italy: 'IT',
  nga: 'RU',
  canada: 'CA',
  chile: 'CL',
  argentina: 'AR',
};

/** The ISO 3166-1 alpha-2 code of an origin, or null when the text names no country we know. */
export function countryCode(origin: string | null | undefined): string | null {
  const t = origin?.trim();
  if (!t) return null;
  if (/^[A-Z]{2}$/.test(t)) return t;
  const folded = foldVietnamese(t)
    .toLowerCase()
    .replace(/^(xuat xu|san xuat tai|made in)[:\s]+/, '')
    .replace(/[.\s]+$/, '')
    .trim();
  return NAMES[folded] ?? null;
}
