// The Table API's error envelope and the few fixed error bodies (itsm-apis.md A.9).
import type { FastifyReply } from 'fastify';

export const JSON_TYPE = 'application/json;charset=UTF-8';

export function errorBody(message: string, detail: string | null): string {
  return JSON.stringify({ error: { message, detail }, status: 'failure' });
}

/** Sends `{"error":{"message":…,"detail":…},"status":"failure"}`. */
export function sendError(
  reply: FastifyReply,
  status: number,
  message: string,
  detail: string | null,
): FastifyReply {
  return reply.code(status).type(JSON_TYPE).send(errorBody(message, detail));
}

export const notAuthenticated = (reply: FastifyReply): FastifyReply =>
  sendError(reply, 401, 'User Not Authenticated', 'Required to provide Auth information');

export const notAuthorized = (reply: FastifyReply): FastifyReply =>
  sendError(reply, 403, 'User Not Authorized', 'Failed API level ACL Validation');

export const invalidTable = (reply: FastifyReply, table: string): FastifyReply =>
  sendError(reply, 400, `Invalid table ${table}`, null);

export const noRecord = (reply: FastifyReply): FastifyReply =>
  sendError(reply, 404, 'No Record found', "Record doesn't exist or ACL restricts the record retrieval");

export const noResource = (reply: FastifyReply): FastifyReply =>
  sendError(reply, 400, 'Requested URI does not represent any resource', null);

/** The page a hibernating developer instance serves (HTTP 200, text/html). */
export const HIBERNATION_PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Instance Hibernating page</title></head>
<body class="instance-hibernating-page">
<div class="container"><h1>Your instance is hibernating</h1>
<p>Developer instances hibernate after a period of inactivity. Sign in to the developer portal to wake it up.</p>
<a class="btn" href="https://developer.servicenow.com/dev.do#!/home?wu=true">Sign in</a></div>
</body></html>`;
