import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { HubContext } from '../../services/hub-context.js';
import { authenticateCaller, type Principal } from '../../services/access/tokens.js';
import type { Role } from '../../services/ports.js';
import { SkillPassError } from '../../domain/errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** the token roles a route admits (a route with `security` and no roles admits any valid token) */
    roles?: readonly Role[];
  }
  interface FastifyRequest {
    /** the caller, set before the body is read on every route whose schema declares `security` */
    principal: Principal | null;
  }
}

/**
 * Authentication comes first, in one place: every route whose schema declares `security` (the
 * bearer requirement its OpenAPI entry shows) authenticates in an onRequest hook, before the
 * body is parsed or validated, so a caller without a valid token gets 401 and learns nothing
 * about the request schema; `config.roles` narrows the route to some roles (403, also before
 * validation). Handlers take the caller from `actorOf(req)`. Call before declaring routes,
 * after the rate limits (so unauthenticated floods are still counted).
 */
export function registerAuthentication(app: FastifyInstance, ctx: HubContext): void {
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route: RouteOptions) => {
    const security = (route.schema as { security?: unknown[] } | undefined)?.security;
    const secured = Array.isArray(security) && security.length > 0;
    const roles = route.config?.roles;
    if (!secured) {
      // a role without `security` would never be checked: refuse the route at start-up
      if (roles)
        throw new Error(
          `${String(route.method)} ${route.url} admits roles ${roles.join(', ')} but declares no security`,
        );
      return;
    }
    const hook = async (req: FastifyRequest) => {
      const p = await authenticateCaller(ctx, req.headers.authorization);
      if (roles && !roles.includes(p.role))
        throw new SkillPassError(
          'forbidden',
          `This needs ${roles.map((r) => `${/^[aeiou]/.test(r) ? 'an' : 'a'} ${r}`).join(' or ')} token.`,
        );
      req.principal = p;
    };
    const existing = route.onRequest;
    route.onRequest = existing ? [...(Array.isArray(existing) ? existing : [existing]), hook] : [hook];
  });
}

/** The authenticated caller of a route that declares `security` (set by the onRequest hook above). */
export function actorOf(req: FastifyRequest): Principal {
  if (!req.principal)
    throw new Error(`${req.method} ${req.routeOptions.url} reads the caller but declares no security`);
  return req.principal;
}

/**
 * The caller of a route where a token is optional (POST /recognition/check): none when no
 * Authorization header was sent; a wrong token is still a 401.
 */
export function optionalAuthenticator(ctx: HubContext) {
  return async (req: FastifyRequest): Promise<Principal | undefined> =>
    req.headers.authorization === undefined ? undefined : authenticateCaller(ctx, req.headers.authorization);
}
export type OptionalAuthenticator = ReturnType<typeof optionalAuthenticator>;
