import type { FastifyInstance } from 'fastify';
import type { HubContext } from '../../services/hub-context.js';
import { actorOf } from '../plugins/auth.js';
import type { IdempotentReply } from '../plugins/idempotency.js';
import { ref } from '../schemas.js';
import type { CertificateRequest } from '../schema-types.generated.js';
import { issueCertificate, urlId, verifyUrlFor } from '../../services/issuance/issue-certificate.js';
import { findCertificate, loadCertificate } from '../../services/verification/verification-service.js';
import { qrTextFor } from '../../services/issuance/certificate-qr.js';
import { offerView, offerWithIssuance, type NewOffer } from '../../services/wallets/wallet-offers.js';
import { certificateSurveyLink, surveyLinker } from '../../services/outcomes/worker-survey.js';
import { nowIso } from '../../services/hub-context.js';

const idParams = {
  type: 'object',
  properties: { id: { type: 'string', maxLength: 200 } },
  required: ['id'],
} as const;

export function certificateRoutes(ctx: HubContext, idempotent: IdempotentReply) {
  return async (app: FastifyInstance) => {
    app.post<{ Body: CertificateRequest }>(
      '/certificates',
      {
        config: { roles: ['issuer'] },
        schema: {
          tags: ['certificates'],
          summary: 'Certify a worker (testing-centre token)',
          security: [{ bearer: [] }],
          body: ref('CertificateRequest'),
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        // the worker's survey link, for the centre to hand to the worker with the credential (only
        // with consent to follow-up): this answer goes to the centre alone (../../services/outcomes/worker-survey.ts)
        const consent = req.body.holder.consentToFollowUp === true;
        const linker = consent ? await surveyLinker(ctx) : undefined;
        // Idempotency-Key: the answer is recorded in the issuance's own unit of work
        return idempotent(req, reply, actor, async (save) => {
          const answer = (issued: { id: string }) => ({
            status: 201,
            body: linker ? { ...issued, followUpSurvey: linker.link(issued.id) } : issued,
            headers: { location: `/certificates/${urlId(issued.id)}` },
          });
          // the worker's wallet offer is made in the issuance's unit of work. Its code and PIN exist in
          // clear only in this answer, so an answer recorded for repeats (Idempotency-Key) carries none:
          // the centre asks POST /certificates/:id/wallet-offers (README "Certificates in a wallet")
          const recorded = req.headers['idempotency-key'] !== undefined;
          let offer: NewOffer | undefined;
          const issued = await issueCertificate(ctx, actor, req.body, {
            within: async (tx, view) => {
              if (linker) await linker.bind(tx, view.id, nowIso(ctx));
              if (!recorded) offer = await offerWithIssuance(ctx, tx, view.id, req.body.holder);
              await save(tx, answer(view));
            },
          });
          const made = answer(issued);
          return offer ? { ...made, body: { ...made.body, walletOffer: await offerView(ctx, offer) } } : made;
        });
      },
    );

    app.get<{ Params: { id: string } }>(
      '/certificates/:id',
      { schema: { tags: ['certificates'], params: idParams } },
      async (req, reply) => {
        const credential = await loadCertificate(ctx, req.params.id);
        return typeof credential === 'string'
          ? reply.type('application/vc+jwt').send(credential)
          : reply.type('application/vc+ld+json').send(credential);
      },
    );

    // the survey link again, for the centre that issued the certificate only (a lost card printed
    // again); not on GET /certificates/:id, which anyone holding the id may read
    app.get<{ Params: { id: string } }>(
      '/certificates/:id/follow-up-survey',
      {
        config: { roles: ['issuer'] },
        schema: {
          tags: ['certificates'],
          summary: "The worker's follow-up survey link, to hand to the worker (the issuing centre's token)",
          security: [{ bearer: [] }],
          params: idParams,
        },
      },
      async (req, reply) =>
        reply
          .header('cache-control', 'no-store')
          .send(await certificateSurveyLink(ctx, actorOf(req), req.params.id)),
    );

    // the QR code holds what the centre chose at issuance: the verification URL or the whole credential
    const known = async (id: string): Promise<string> => {
      const record = await findCertificate(ctx, id);
      return qrTextFor(ctx.formats, verifyUrlFor(ctx.publicUrl, record.id), record);
    };
    app.get<{ Params: { id: string } }>(
      '/certificates/:id/qr.svg',
      { schema: { tags: ['certificates'], params: idParams } },
      async (req, reply) =>
        reply
          .type('image/svg+xml')
          .header('cache-control', 'public, max-age=86400, immutable')
          .send(await ctx.formats.qr.svg(await known(req.params.id))),
    );
    app.get<{ Params: { id: string } }>(
      '/certificates/:id/qr.png',
      { schema: { tags: ['certificates'], params: idParams } },
      async (req, reply) =>
        reply
          .type('image/png')
          .header('cache-control', 'public, max-age=86400, immutable')
          .send(await ctx.formats.qr.png(await known(req.params.id))),
    );
  };
}
