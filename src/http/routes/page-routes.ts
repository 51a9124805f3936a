import type { CheckCode } from '../../domain/check-codes.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { acceptFormBodies } from '../plugins/form-body.js';
import type { HubContext } from '../../services/hub-context.js';
import { nowIso } from '../../services/hub-context.js';
import {
  findCertificate,
  loadCertificate,
  verifyWithHub,
} from '../../services/verification/verification-service.js';
import { noteVerification } from '../../services/outcomes/statistics-events.js';
import { describeCertificate, plainView } from '../../services/verification/certificate-view.js';
import { qrTextFor } from '../../services/issuance/certificate-qr.js';
import { urlId, verifyUrlFor } from '../../services/issuance/issue-certificate.js';
import type { CredentialInput } from '../../services/verification/verify-credential.js';
import type { VerificationResult } from '../../domain/verification-result.js';
import { isSkillPassError } from '../../domain/errors.js';
import { jsonBoundsOf, parseBoundedJson } from '../../domain/json-bounds.js';
import { renderVerifyPage } from '../pages/verify-page.js';
import { renderWorkerPage } from '../pages/worker-page.js';
import { ownOfferUri } from '../../services/wallets/wallet-offers.js';
import { renderScanPage } from '../pages/scan-page.js';
import { renderCertificatePdf } from '../pages/certificate-pdf.js';
import { scanAssets } from '../pages/assets.js';
import { negotiateLang, supportedLang, translator, type Lang } from '../pages/i18n.js';

type Query = { lang?: string | string[]; lang2?: string | string[]; credential_offer?: string | string[] };
type Req = FastifyRequest<{ Params: { id: string }; Querystring: Query }>;

const html = (reply: FastifyReply, lang: Lang, body: string, status = 200) =>
  reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-language', lang)
    .send(body);

const langOf = (req: FastifyRequest<{ Querystring: Query }>, fallback?: Lang): Lang =>
  negotiateLang(req.query.lang, req.headers['accept-language'], fallback);

const unknownCertificate = (at: string): VerificationResult =>
  unreadable(at, 'unknown-certificate', 'This hub has no certificate with this number.');
const unreadable = (at: string, code: CheckCode, message: string): VerificationResult => ({
  outcome: 'invalid',
  verifiedAt: at,
  checks: [{ id: 'well-formed', outcome: 'invalid', code, message }],
});

/**
 * The pages people meet: GET /v/:id (what a QR code opens), POST /v (a pasted credential),
 * GET /v/:id/worker (the worker's own view), GET /scan (camera scanner), the scanner's
 * scripts, and GET /certificates/:id/certificate.pdf (printable certificate).
 */
export function pageRoutes(ctx: HubContext) {
  return async (app: FastifyInstance) => {
    acceptFormBodies(app);

    const load = async (id: string) => {
      try {
        return { credential: await loadCertificate(ctx, id) };
      } catch (err) {
        if (isSkillPassError(err) && err.code === 'not-found') return { credential: undefined };
        throw err;
      }
    };

    app.get<{ Params: { id: string }; Querystring: Query }>(
      '/v/:id',
      { schema: { tags: ['pages'], hide: true } },
      async (req: Req, reply) => {
        const tr = translator(langOf(req));
        const { credential } = await load(req.params.id);
        const switcherPath = `/v/${encodeURIComponent(req.params.id)}`;
        if (!credential)
          return html(
            reply,
            tr.lang,
            renderVerifyPage(plainView(unknownCertificate(nowIso(ctx))), tr, { switcherPath }),
            404,
          );
        const result = await verifyWithHub(ctx, credential);
        noteVerification(ctx, result, null); // a page is anonymous: destination unknown
        const view = await describeCertificate(ctx, result);
        return html(reply, tr.lang, renderVerifyPage(view, tr, { urlId: req.params.id, switcherPath }));
      },
    );

    app.post<{ Body: { credential?: unknown; lang?: string } }>(
      '/v',
      { schema: { tags: ['pages'], hide: true } },
      async (req, reply) => {
        const tr = translator(negotiateLang(req.body?.lang, req.headers['accept-language']));
        const raw = req.body?.credential;
        const text = typeof raw === 'string' ? raw.trim() : '';
        let input: CredentialInput = text;
        if (raw && typeof raw === 'object') input = raw as Record<string, unknown>;
        else if (text.startsWith('{')) {
          // pasted JSON is read within bounds (../../domain/json-bounds.ts) before anything walks it
          try {
            input = parseBoundedJson(text) as Record<string, unknown>;
          } catch (err) {
            const bounds = jsonBoundsOf(err);
            if (bounds)
              return html(
                reply,
                tr.lang,
                renderVerifyPage(plainView(unreadable(nowIso(ctx), bounds.code, bounds.message)), tr),
                400,
              );
            input = text;
          }
        }
        const result = await verifyWithHub(ctx, input);
        noteVerification(ctx, result, null);
        const view = await describeCertificate(ctx, result);
        return html(reply, tr.lang, renderVerifyPage(view, tr));
      },
    );

    app.get<{ Params: { id: string }; Querystring: Query }>(
      '/v/:id/worker',
      { schema: { tags: ['pages'], hide: true } },
      async (req: Req, reply) => {
        const { credential } = await load(req.params.id);
        if (!credential) {
          const tr = translator(langOf(req));
          return html(reply, tr.lang, renderVerifyPage(plainView(unknownCertificate(nowIso(ctx))), tr), 404);
        }
        const result = await verifyWithHub(ctx, credential);
        const tr = translator(langOf(req, supportedLang(result.credential?.assessmentLanguage)));
        // no survey link here: anyone holding the certificate id opens this page (the centre hands it
        // to the worker: ../../services/outcomes/worker-survey.ts)
        const offer = ownOfferUri(ctx, req.query.credential_offer);
        return html(
          reply,
          tr.lang,
          renderWorkerPage(
            await describeCertificate(ctx, result),
            tr,
            req.params.id,
            offer ? { uri: offer } : undefined,
          ),
        );
      },
    );

    const assets = scanAssets();
    app.get<{ Querystring: Query }>(
      '/scan',
      { schema: { tags: ['pages'], hide: true } },
      async (req, reply) => {
        const tr = translator(langOf(req));
        return html(reply, tr.lang, renderScanPage(tr, { jsqr: assets.jsqr.path, script: assets.scan.path }));
      },
    );
    // the scripts themselves are served with the other files: ./asset-routes.ts

    app.get<{ Params: { id: string }; Querystring: Query }>(
      '/certificates/:id/certificate.pdf',
      {
        schema: {
          tags: ['certificates'],
          summary: 'Printable A4 certificate (PDF) in two languages',
          querystring: {
            type: 'object',
            properties: {
              lang: { type: 'string', maxLength: 16 },
              lang2: { type: 'string', maxLength: 16 },
              credential_offer: { type: 'string', maxLength: 4096 },
            },
          },
        },
      },
      async (req: Req, reply) => {
        const record = await findCertificate(ctx, req.params.id);
        const result = await verifyWithHub(ctx, await loadCertificate(ctx, req.params.id));
        const first =
          supportedLang(String(req.query.lang ?? '')) ??
          supportedLang(result.credential?.assessmentLanguage) ??
          'en';
        const second = supportedLang(String(req.query.lang2 ?? '')) ?? 'en';
        const verifyUrl = verifyUrlFor(ctx.publicUrl, record.id);
        const walletOffer = ownOfferUri(ctx, req.query.credential_offer);
        const pdf = await renderCertificatePdf(
          {
            view: await describeCertificate(ctx, result),
            tr: translator(first),
            tr2: translator(second),
            qrText: qrTextFor(ctx.formats, verifyUrl, record),
            verifyUrl,
            // a cohort's PDF carries the worker's offer (never its PIN): README "Certificates in a wallet"
            ...(walletOffer ? { walletOffer } : {}),
            printedAt: nowIso(ctx),
          },
          ctx.formats,
        );
        return reply
          .type('application/pdf')
          .header('cache-control', 'no-store')
          .header(
            'content-disposition',
            `inline; filename="certificate-${urlId(record.id)}-${first}${second === first ? '' : `-${second}`}.pdf"`,
          )
          .send(pdf);
      },
    );
  };
}
