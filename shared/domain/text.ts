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

/**
 * True when `query` is part of `text`, ignoring accents, case and extra spaces: the same folded
 * substring match as the lists' server-side search, so a picker finds what the list page finds.
 */
export function matchesSearch(text: string | null | undefined, query: string): boolean {
  const squash = (s: string) => foldVietnamese(s).replace(/\s+/g, ' ').trim();
  return squash(text ?? '').includes(squash(query));
}
