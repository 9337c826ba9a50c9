import { api, unwrap } from './client.ts';
import type { Conference, Health } from './schema.ts';

export function getHealth(): Promise<Health> {
  return unwrap(api.GET('/healthz'));
}

export async function listConferences(): Promise<Conference[]> {
  return (await unwrap(api.GET('/api/v1/conferences'))).conferences;
}

export function getConference(slug: string): Promise<Conference> {
  return unwrap(api.GET('/api/v1/conferences/{slug}', { params: { path: { slug } } }));
}
