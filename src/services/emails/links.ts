import type { EmailLinks } from './types.ts';

/** The buyer's order page; a pending order offers its payment there, so retries link here too. */
export function orderUrl(links: EmailLinks, slug: string, reference: string): string {
  const base = links.publicUrl.replace(/\/+$/, '');
  return `${base}/conferences/${encodeURIComponent(slug)}/orders/${encodeURIComponent(reference)}`;
}
