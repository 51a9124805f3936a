import type { FastifyInstance, FastifyReply } from 'fastify';
import { acceptFormBodies } from '../plugins/form-body.js';
import type { HubContext } from '../../services/hub-context.js';
import { authenticateCaller } from '../../services/access/tokens.js';
import { programmeDashboard } from '../../services/outcomes/programme-dashboard.js';
import { isSkillPassError } from '../../domain/errors.js';
import { negotiateLang, translator, type Lang } from '../pages/i18n.js';
import { renderProgrammePage, type ProgrammePageModel } from '../pages/programme-page.js';

const QUARTER = /^\d{4}-Q[1-4]$/;

/**
 * GET /programme (the token form) and POST /programme (the dashboard), in five languages
 * (README "Programme statistics"). The token travels in the form body, is checked like a
 * bearer token and is never written back into the page; the figures are exactly those of
 * GET /statistics for that token (programme: its corridors; admin: all).
 */
export function programmePageRoutes(ctx: HubContext) {
  return async (app: FastifyInstance) => {
    acceptFormBodies(app, 4096);
    const send = (reply: FastifyReply, lang: Lang, model: ProgrammePageModel, status = 200) =>
      reply
        .code(status)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('content-language', lang)
        .send(renderProgrammePage(model, translator(lang)));

    app.get<{ Querystring: { lang?: string | string[] } }>(
      '/programme',
      { schema: { tags: ['pages'], hide: true } },
      async (req, reply) =>
        send(reply, negotiateLang(req.query.lang, req.headers['accept-language']), { form: {} }),
    );

    app.post<{ Body: Record<string, unknown> }>(
      '/programme',
      { schema: { tags: ['pages'], hide: true } },
      async (req, reply) => {
        const raw = (req.body ?? {}) as Record<string, unknown>;
        const text = (k: string) => (typeof raw[k] === 'string' ? String(raw[k]).trim() : '');
        const lang = negotiateLang(text('lang') || undefined, req.headers['accept-language']);
        const tr = translator(lang);
        const form = { from: text('from') || undefined, to: text('to') || undefined };
        const fail = (key: string, status: number) => send(reply, lang, { form, error: tr.t(key) }, status);
        if ((form.from && !QUARTER.test(form.from)) || (form.to && !QUARTER.test(form.to)))
          return fail('programme.error.window', 400);
        if (form.from && form.to && form.from > form.to) return fail('programme.error.window', 400);
        try {
          const actor = await authenticateCaller(ctx, `Bearer ${text('token')}`);
          const window = { ...(form.from ? { from: form.from } : {}), ...(form.to ? { to: form.to } : {}) };
          const dashboard = await programmeDashboard(ctx, actor, window);
          return send(reply, lang, { form, dashboard });
        } catch (err) {
          if (isSkillPassError(err) && (err.code === 'unauthenticated' || err.code === 'forbidden'))
            return fail('programme.error.token', err.code === 'forbidden' ? 403 : 401);
          if (isSkillPassError(err) && err.code === 'validation-failed')
            return fail('programme.error.window', 400);
          throw err;
        }
      },
    );
  };
}
