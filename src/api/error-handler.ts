// Turns every thrown error into the one error shape. Validation failures name the field; 4xx errors raised
// by Fastify keep their own (safe, generic) message; anything else is a 500 whose cause is only logged.
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ApiError, codeForStatus, errorBody } from './api-error.js';

interface Issue {
  instancePath: string;
  message?: string | undefined;
}

/** "querystring.limit: Too big: expected number to be <=500" for each issue, joined. */
export function describeIssues(context: string | undefined, issues: readonly Issue[]): string {
  const where = context ?? 'request';
  return issues
    .map((issue) => {
      const path = issue.instancePath.split('/').filter((p) => p.length > 0);
      return `${[where, ...path].join('.')}: ${issue.message ?? 'is invalid'}`;
    })
    .join('; ');
}

function statusOf(error: unknown): number {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return 500;
  const status = error.statusCode;
  return typeof status === 'number' && status >= 400 && status <= 599 ? status : 500;
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) {
      void reply.headers(error.headers);
      return reply.code(error.statusCode).send(errorBody(error.code, error.message));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const message = describeIssues(error.validationContext, error.validation);
      return reply.code(400).send(errorBody('BAD_REQUEST', message));
    }
    const status = statusOf(error);
    if (status < 500) {
      // Fastify's own 4xx messages (bad JSON, wrong content type, body too large) describe the request,
      // not the server; anything unusual in them is still cut to the code's generic wording below.
      const message = typeof error.message === 'string' && error.message.length < 200 ? error.message : '';
      return reply
        .code(status)
        .send(errorBody(codeForStatus(status), message || 'the request was not accepted'));
    }
    request.log.error({ err: error, route: request.routeOptions.url }, 'status API request failed');
    return reply.code(500).send(errorBody('INTERNAL', 'internal error; the service log has the details'));
  });
}
