import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDomainError } from '../../domain/errors.ts';
import { contentionErrorOf } from '../../services/common/database-errors.ts';

export interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> };
}

function body(code: string, message: string, details: Record<string, unknown> = {}): ErrorBody {
  return { error: { code, message, details } };
}

interface FieldIssue {
  path: string;
  message: string;
}

function fieldIssues(error: FastifyError): FieldIssue[] {
  return (error.validation ?? []).map((issue) => {
    const where = error.validationContext ?? 'body';
    const instancePath = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    return {
      path: instancePath ? `${where}.${instancePath}` : where,
      message: issue.message ?? 'is invalid',
    };
  });
}

/**
 * Errors Fastify meets before any route or hook runs (a malformed percent-encoding in the path),
 * answered in the one error shape rather than Fastify's own.
 */
export function replyToFrameworkError(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  if (error.code === 'FST_ERR_BAD_URL') {
    void reply
      .status(400)
      .send(body('BAD_URL', 'This address is not valid: it holds a malformed %-encoding.'));
    return;
  }
  void reply.status(400).send(body('BAD_REQUEST', 'This request could not be understood.'));
}

/**
 * The only place that turns errors into responses (STYLE §3): domain errors keep their code and
 * status; schema failures become VALIDATION_FAILED with per-field details; lock timeouts become
 * BUSY; anything else is a 500 whose details only reach the log.
 */
export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isDomainError(error)) {
      const retryAfter = error.details['retryAfterSeconds'];
      if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
      return reply.status(error.status).send(body(error.code, error.message, error.details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = fieldIssues(error);
      const summary = fields.map((f) => `${f.path}: ${f.message}`).join('; ');
      return reply
        .status(400)
        .send(body('VALIDATION_FAILED', `Some fields are not valid: ${summary}`, { fields }));
    }
    const busy = contentionErrorOf(error);
    if (busy) {
      request.log.warn({ err: error }, 'database contention');
      return reply
        .status(busy.status)
        .header('retry-after', '1')
        .send(body(busy.code, busy.message, busy.details));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: malformed JSON, wrong content type, body too large.
      const code = error.code?.startsWith('FST_ERR_CTP') ? 'BAD_REQUEST_BODY' : 'BAD_REQUEST';
      return reply.status(status).send(body(code, error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(
      body('INTERNAL', 'Something went wrong on our side. Please try again.', {
        requestId: request.id,
      }),
    );
  });

  app.setNotFoundHandler((request, reply) => {
    reply
      .status(404)
      .send(body('ROUTE_NOT_FOUND', `There is nothing at ${request.method} ${request.url}.`));
  });
});
