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

/** True when every word of `query` is in `text`, ignoring accents, case and extra spaces. */
export function matchesSearch(text: string | null | undefined, query: string): boolean {
  const hay = foldVietnamese(text ?? '');
  return foldVietnamese(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w));
}
