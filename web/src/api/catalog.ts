import { apiRequest } from './client.ts';
import type { Addon, Conference, Health, Question, TicketType } from './types.ts';

const conferencePath = (slug: string) => `/api/v1/conferences/${encodeURIComponent(slug)}`;

export function getHealth(): Promise<Health> {
  return apiRequest<Health>('GET', '/healthz');
}

export async function listConferences(): Promise<Conference[]> {
  return (await apiRequest<{ conferences: Conference[] }>('GET', '/api/v1/conferences'))
    .conferences;
}

export function getConference(slug: string): Promise<Conference> {
  return apiRequest<Conference>('GET', conferencePath(slug));
}

/** Includes voucher-gated types once the signed-in buyer's cart voucher unlocks them. */
export async function listTicketTypes(slug: string): Promise<TicketType[]> {
  const path = `${conferencePath(slug)}/ticket-types`;
  return (await apiRequest<{ ticketTypes: TicketType[] }>('GET', path)).ticketTypes;
}

export async function listAddons(slug: string): Promise<Addon[]> {
  return (await apiRequest<{ addons: Addon[] }>('GET', `${conferencePath(slug)}/addons`)).addons;
}

export async function listQuestions(slug: string): Promise<Question[]> {
  const path = `${conferencePath(slug)}/questions`;
  return (await apiRequest<{ questions: Question[] }>('GET', path)).questions;
}

export { conferencePath };
