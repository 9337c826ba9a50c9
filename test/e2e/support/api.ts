import { e2eConfig } from './browser.ts';

/**
 * What other people do meanwhile, through the same JSON API the web app uses: another buyer
 * taking the last seat, an organiser changing a price.
 */
export interface ApiClient {
  call<T = Record<string, unknown>>(method: string, path: string, body?: object): Promise<T>;
}

async function session(path: string, body: object): Promise<ApiClient> {
  const { baseUrl } = e2eConfig();
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return {
    async call<T>(method: string, url: string, payload?: object): Promise<T> {
      const answer = await fetch(`${baseUrl}${url}`, {
        method,
        headers: { cookie, ...(payload ? { 'content-type': 'application/json' } : {}) },
        ...(payload ? { body: JSON.stringify(payload) } : {}),
      });
      const text = await answer.text();
      if (!answer.ok) throw new Error(`${method} ${url} answered ${answer.status}: ${text}`);
      return (text ? JSON.parse(text) : null) as T;
    },
  };
}

export function signUpBuyer(email: string): Promise<ApiClient> {
  return session('/api/v1/auth/sign-up', { email, password: 'buyer-password-1' });
}

export function signInOrganiser(): Promise<ApiClient> {
  const { staffEmail, staffPassword } = e2eConfig();
  return session('/api/v1/auth/sign-in', { email: staffEmail, password: staffPassword });
}

export interface ListedTicketType {
  id: string;
  slug: string;
  price: number;
  remaining: number | null;
  saleState: string;
}

export async function ticketTypeBySlug(
  client: ApiClient,
  conference: string,
  slug: string,
): Promise<ListedTicketType> {
  const { ticketTypes } = await client.call<{ ticketTypes: ListedTicketType[] }>(
    'GET',
    `/api/v1/conferences/${conference}/ticket-types`,
  );
  const found = ticketTypes.find((t) => t.slug === slug);
  if (!found) throw new Error(`no ticket type ${slug} in ${conference}`);
  return found;
}
