// Search text: Vietnamese without diacritics, lower case, so "ca phe" finds "Cà phê".
export function foldVietnamese(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

/** Joins the searchable fields of a record into one folded string stored beside it. */
export function searchText(...parts: (string | null | undefined)[]): string {
  return foldVietnamese(parts.filter(Boolean).join(' '));
}

/** NUL or a lone UTF-16 surrogate: text that no screen, CSV or database field can keep as typed. */
export function hasBadChars(s: string): boolean {
  return /[\u0000\p{Cs}]/u.test(s);
}

/** At least one character that shows: not only spaces, zero-width or other invisible characters. */
export function hasVisibleChar(s: string): boolean {
  return /[^\p{Z}\p{C}\s]/u.test(s);
}

/** Paths of every string (or key) in a JSON-like value that has bad characters, e.g. ["lines.0.reason"]. */
export function badTextPaths(value: unknown, path = '', out: string[] = []): string[] {
  if (out.length >= 20) return out;
  if (typeof value === 'string') {
    if (hasBadChars(value)) out.push(path || 'input');
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => badTextPaths(v, path ? `${path}.${i}` : String(i), out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const p = path ? `${path}.${k}` : k;
      if (hasBadChars(k)) out.push(p);
      else badTextPaths(v, p, out);
    }
  }
  return out;
}

/**
 * True when `query` is part of `text`, ignoring accents, case and extra spaces: the same folded
 * substring match as the lists' server-side search, so a picker finds what the list page finds.
 */
export function matchesSearch(text: string | null | undefined, query: string): boolean {
  const squash = (s: string) => foldVietnamese(s).replace(/\s+/g, ' ').trim();
  return squash(text ?? '').includes(squash(query));
}
