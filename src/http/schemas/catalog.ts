import { z } from 'zod';
import { isoDateTime } from './common.ts';

const saleState = z.enum([
  'on_sale',
  'sold_out',
  'not_yet_on_sale',
  'sales_ended',
  'inactive',
  'conference_closed',
]);

export const conferenceSummary = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  timezone: z.string(),
  currency: z.string(),
  venue: z.string(),
  address: z.string(),
  websiteUrl: z.string(),
  isActive: z.boolean(),
  totalCapacity: z.number().int().nullable().describe('Venue-wide ticket cap; null = unlimited'),
});

export const ticketTypeView = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  price: z.number().int().describe('Minor units of the conference currency'),
  currency: z.string(),
  availableFrom: isoDateTime.nullable(),
  availableUntil: isoDateTime.nullable(),
  totalQuantity: z.number().int().nullable(),
  remaining: z.number().int().nullable().describe('null = unlimited'),
  limitPerUser: z.number().int(),
  requiresVoucher: z.boolean(),
  saleState,
  isAvailable: z.boolean(),
});

export const addonView = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  price: z.number().int(),
  currency: z.string(),
  availableFrom: isoDateTime.nullable(),
  availableUntil: isoDateTime.nullable(),
  totalQuantity: z.number().int().nullable(),
  remaining: z.number().int().nullable(),
  requiresTicketTypeIds: z.array(z.uuid()),
  saleState,
  isAvailable: z.boolean(),
});
