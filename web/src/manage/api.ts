import { api, unwrap } from '../shared/api/client.ts';
import { userKey } from '../shared/api/query-keys.ts';
import type { JsonOf } from '../shared/api/schema.ts';

export type ManagedTicketType = JsonOf<
  '/api/v1/conferences/{slug}/manage/ticket-types',
  'get'
>['ticketTypes'][number];

/** Hidden and inactive ones included, with what was sold: the organiser's view. */
export async function listManagedTicketTypes(slug: string): Promise<ManagedTicketType[]> {
  const path = '/api/v1/conferences/{slug}/manage/ticket-types';
  return (await unwrap(api.GET(path, { params: { path: { slug } } }))).ticketTypes;
}

export const manageKeys = {
  ticketTypes: (userId: string, slug: string) => userKey(userId, 'manage', slug, 'ticket-types'),
};
