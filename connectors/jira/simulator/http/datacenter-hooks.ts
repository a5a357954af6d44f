// What a Jira Data Center site lacks next to Cloud: REST v3 (with enhanced search and the approximate
// count) and the Cloud Assets discovery. Those paths answer 404 as any unknown path does there.
import type { FastifyInstance } from 'fastify';
import { jiraError } from './parts.js';

const CLOUD_ONLY = /^\/rest\/api\/3\/|^\/rest\/servicedeskapi\/assets\//;

export function installDataCenterHooks(api: FastifyInstance): void {
  api.addHook('onRequest', async (request, reply) => {
    if (CLOUD_ONLY.test(request.url)) {
      return jiraError(reply, 404, ['The requested resource was not found.']);
    }
    return undefined;
  });
}
