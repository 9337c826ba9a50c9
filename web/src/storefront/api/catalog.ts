import { api, unwrap } from '../../shared/api/client.ts';
import type { Addon, Question, TicketType } from './shapes.ts';

const slugParams = (slug: string) => ({ params: { path: { slug } } });

/** Includes voucher-gated types once the signed-in buyer's cart voucher unlocks them. */
export async function listTicketTypes(slug: string): Promise<TicketType[]> {
  return (await unwrap(api.GET('/api/v1/conferences/{slug}/ticket-types', slugParams(slug))))
    .ticketTypes;
}

export async function listAddons(slug: string): Promise<Addon[]> {
  return (await unwrap(api.GET('/api/v1/conferences/{slug}/addons', slugParams(slug)))).addons;
}

export async function listQuestions(slug: string): Promise<Question[]> {
  return (await unwrap(api.GET('/api/v1/conferences/{slug}/questions', slugParams(slug))))
    .questions;
}
