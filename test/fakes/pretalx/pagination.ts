import type { FakeApiVersion } from './types.ts';

export interface PageRequest {
  offset: number;
  size: number;
  /** Builds the absolute link to the page starting at `offset`, keeping the other parameters. */
  linkTo(offset: number): string;
  number: number;
}

/**
 * Django REST framework's two styles, as pretalx uses them (src/pretalx/api/pagination.py):
 * v1 is PageNumberPagination with `page_size`, falling back to limit/offset when both `limit`
 * and `offset` are present; the legacy API is limit/offset only. Links are absolute, built from
 * the Host header as Django does. Returns null for a page that does not exist ("Invalid page.").
 */
export function readPageRequest(
  url: URL,
  version: FakeApiVersion,
  maxPageSize: number,
  total: number,
): PageRequest | null {
  const q = url.searchParams;
  const positive = (name: string, fallback: number) => {
    const value = Number.parseInt(q.get(name) ?? '', 10);
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  if (version === 'legacy' || (q.get('limit') && q.get('offset'))) {
    const size = Math.min(positive('limit', maxPageSize), maxPageSize);
    const offset = Math.max(0, Number.parseInt(q.get('offset') ?? '0', 10) || 0);
    return {
      offset,
      size,
      number: Math.floor(offset / size) + 1,
      linkTo: (next) => withParams(url, { limit: String(size), offset: String(next) }),
    };
  }
  const size = Math.min(positive('page_size', maxPageSize), maxPageSize);
  const pages = Math.max(1, Math.ceil(total / size));
  const raw = q.get('page');
  const number = raw === 'last' ? pages : raw === null ? 1 : Number.parseInt(raw, 10);
  if (!Number.isInteger(number) || number < 1 || number > pages) return null;
  return {
    offset: (number - 1) * size,
    size,
    number,
    linkTo: (next) => withParams(url, { page: String(Math.floor(next / size) + 1) }),
  };
}

export function paginate<T>(items: readonly T[], page: PageRequest) {
  const end = page.offset + page.size;
  return {
    count: items.length,
    next: end < items.length ? page.linkTo(end) : null,
    previous: page.offset > 0 ? page.linkTo(Math.max(0, page.offset - page.size)) : null,
    results: items.slice(page.offset, end),
  };
}

function withParams(url: URL, params: Record<string, string>): string {
  const link = new URL(url.href);
  for (const [name, value] of Object.entries(params)) link.searchParams.set(name, value);
  return link.href;
}
