import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listActiveQuestions } from '../../services/attendees/index.ts';
import { errorResponse, slugParam } from '../schemas/common.ts';
import { conferenceOf } from '../plugins/auth.ts';

const questionView = z.object({
  key: z.string().describe('The key checkout expects in `answers`'),
  label: z.string(),
  kind: z.enum(['text', 'select', 'boolean']),
  options: z.array(z.string()).describe('The allowed answers of a select question'),
  required: z.boolean(),
});

/** The attendee questions a buyer answers at checkout, public so the form can be drawn. */
export async function conferenceQuestionRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  r.get(
    '/api/v1/conferences/:slug/questions',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Attendee questions asked at checkout (required ones must be answered)',
        params: slugParam,
        response: { 200: z.object({ questions: z.array(questionView) }), 404: errorResponse },
      },
    },
    async (request) => {
      const conference = await conferenceOf(request, request.params.slug);
      const questions = await listActiveQuestions(db, conference.id);
      return {
        questions: questions.map((q) => ({
          key: q.key,
          label: q.label,
          kind: q.kind,
          options: q.options,
          required: q.isRequired,
        })),
      };
    },
  );
}
