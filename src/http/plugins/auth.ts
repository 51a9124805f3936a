import type { FastifyRequest } from 'fastify';
import type { HubContext } from '../../services/hub-context.js';
import { nowIso } from '../../services/hub-context.js';
import { authenticate, requireRole, type Principal } from '../../services/tokens.js';
import type { Role } from '../../services/ports.js';

/** Bearer-token authentication for routes: `await principal(request, 'admin')`. */
export function authenticator(ctx: HubContext) {
  return async function principal(request: FastifyRequest, role?: Role): Promise<Principal> {
    const p = await authenticate(ctx.store.repos, request.headers.authorization, nowIso(ctx));
    if (role) requireRole(p, role);
    return p;
  };
}
export type Authenticator = ReturnType<typeof authenticator>;
