// A link inside a long list. Under the HashRouter, react-router's <Link> asks the document for its
// <base> element on every render (querySelector over the whole page): with a few hundred links on a
// big page that was a third of the lot page's render. A plain anchor to the same hash navigates the
// same way, since the router follows the hash.
import type { AnchorHTMLAttributes } from 'react';

export function RowLink({ to, ...rest }: { to: string } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  return <a href={`#${to}`} {...rest} />;
}
