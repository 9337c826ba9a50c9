import { z } from 'zod';

export const errorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()),
  }),
});

export const slugParam = z.object({ slug: z.string().min(1).max(200) });

/**
 * Dates leave the API as ISO-8601 strings. The meta changes nothing that is sent: it tells the
 * OpenAPI document (and so the web app's generated types) that the field is a date-time string,
 * which the transform alone cannot say.
 */
export const isoDateTime = z
  .date()
  .transform((d) => d.toISOString())
  .meta({ type: 'string', format: 'date-time' });
