import type { FastifyInstance, FastifyReply } from 'fastify';
import { acceptFormBodies } from '../plugins/form-body.js';
import type { HubContext } from '../../services/hub-context.js';
import { answerSurvey, openSurvey, type SurveyView } from '../../services/outcomes/worker-survey.js';
import { isSkillPassError } from '../../domain/errors.js';
import type { SurveyField } from '../../domain/outcomes/worker-survey.js';
import { negotiateLang, translator, type Lang } from '../pages/i18n.js';
import {
  renderSurveyPage,
  renderSurveyThanks,
  renderSurveyUnknown,
  type SurveyForm,
} from '../pages/survey-page.js';

type Params = { code: string };
type Query = { lang?: string | string[] };

const html = (reply: FastifyReply, lang: Lang, body: string, status = 200) =>
  reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-language', lang)
    .send(body);

// a closed survey (revoked or suspended certificate) is gone for as long as it stays so
const statusOf = (view: SurveyView) => (view.state === 'closed' ? 410 : 200);

const notFound = (err: unknown) => isSkillPassError(err) && err.code === 'not-found';

/**
 * The worker's follow-up survey (README "Placements and follow-ups"): GET /t/:code shows what is
 * asked today, POST /t/:code records the answer (a plain form; rate-limited per address:
 * ../plugins/rate-limits.ts) and answers 303 to GET /t/:code/thanks, GET /t/:code/qr.svg is the
 * link as a QR code. No account: the personal code is the key. An unknown code is a 404 page; a
 * code whose certificate has no placement yet says when questions open; a revoked or suspended
 * certificate's survey is closed (410).
 */
export function surveyRoutes(ctx: HubContext) {
  return async (app: FastifyInstance) => {
    acceptFormBodies(app, 4096);
    const params = {
      type: 'object',
      required: ['code'],
      properties: { code: { type: 'string', maxLength: 64 } },
    } as const;

    app.get<{ Params: Params; Querystring: Query }>(
      '/t/:code',
      { schema: { tags: ['pages'], hide: true, params } },
      async (req, reply) => {
        const tr = translator(negotiateLang(req.query.lang, req.headers['accept-language']));
        try {
          const view = await openSurvey(ctx, req.params.code);
          return html(reply, tr.lang, renderSurveyPage(tr, req.params.code, view), statusOf(view));
        } catch (err) {
          if (notFound(err)) return html(reply, tr.lang, renderSurveyUnknown(tr, req.params.code), 404);
          throw err;
        }
      },
    );

    app.post<{ Params: Params; Body: Record<string, string> | undefined }>(
      '/t/:code',
      { schema: { tags: ['pages'], hide: true, params } },
      async (req, reply) => {
        const form = typeof req.body === 'object' && req.body ? req.body : {};
        const text = (k: string) => (typeof form[k] === 'string' ? form[k] : undefined);
        const tr = translator(negotiateLang(text('lang'), req.headers['accept-language']));
        const { code } = req.params;
        try {
          await answerSurvey(ctx, code, {
            month: text('month'),
            stillEmployed: text('stillEmployed'),
            wageAmount: text('wageAmount'),
            wageCurrency: text('wageCurrency'),
            roleOrGrade: text('roleOrGrade'),
            wouldRecommend: text('wouldRecommend'),
          });
          return reply
            .code(303)
            .header('cache-control', 'no-store')
            .header('location', `/t/${encodeURIComponent(code)}/thanks?lang=${tr.lang}`)
            .send();
        } catch (err) {
          if (notFound(err)) return html(reply, tr.lang, renderSurveyUnknown(tr, code), 404);
          if (!isSkillPassError(err)) throw err;
          // a wrong answer: the form again with what was sent and what to fix; a stale or repeated
          // form (a mark already answered, or not the one open today): what is open now
          const field = err.code === 'validation-failed' ? (err.details?.field as SurveyField) : 'month';
          const status = err.code === 'validation-failed' ? 400 : 409;
          const kept: SurveyForm = {
            stillEmployed: text('stillEmployed'),
            wageAmount: text('wageAmount'),
            wageCurrency: text('wageCurrency'),
            roleOrGrade: text('roleOrGrade'),
            wouldRecommend: text('wouldRecommend'),
          };
          const view = await openSurvey(ctx, code);
          return html(
            reply,
            tr.lang,
            renderSurveyPage(tr, code, view, { problem: field, ...(status === 400 ? { form: kept } : {}) }),
            view.state === 'closed' ? 410 : status,
          );
        }
      },
    );

    app.get<{ Params: Params; Querystring: Query }>(
      '/t/:code/thanks',
      { schema: { tags: ['pages'], hide: true, params } },
      async (req, reply) => {
        const tr = translator(negotiateLang(req.query.lang, req.headers['accept-language']));
        try {
          const view = await openSurvey(ctx, req.params.code);
          return html(reply, tr.lang, renderSurveyThanks(tr, req.params.code, view), statusOf(view));
        } catch (err) {
          if (notFound(err)) return html(reply, tr.lang, renderSurveyUnknown(tr, req.params.code), 404);
          throw err;
        }
      },
    );

    app.get<{ Params: Params }>(
      '/t/:code/qr.svg',
      { schema: { tags: ['outcomes'], hide: true, params } },
      async (req, reply) => {
        // the code must be one this hub gave (a 404 problem otherwise): no QR codes made for any text
        await openSurvey(ctx, req.params.code);
        return reply
          .type('image/svg+xml')
          .header('cache-control', 'no-store')
          .send(await ctx.formats.qr.svg(`${ctx.publicUrl}/t/${req.params.code}`));
      },
    );
  };
}
