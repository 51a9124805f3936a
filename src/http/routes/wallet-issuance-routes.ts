import type { FastifyInstance, FastifyReply } from 'fastify';
import type { HubContext } from '../../services/hub-context.js';
import { actorOf } from '../plugins/auth.js';
import { ref } from '../schemas.js';
import type { WalletOfferRequest } from '../schema-types.generated.js';
import { oauthAnswer, oauthError } from '../../domain/wallets/oauth-error.js';
import {
  authorizationServerMetadata,
  credentialIssuerMetadata,
  type DisplayTexts,
} from '../../domain/wallets/issuer-metadata.js';
import { ownOfferUri, replaceOffer } from '../../services/wallets/wallet-offers.js';
import { SkillPassError } from '../../domain/errors.js';
import { credentialRequest, nonceRequest, tokenRequest } from '../../services/wallets/wallet-issuance.js';
import { tokenStatusList } from '../../services/wallets/token-status-lists.js';
import { LANGUAGES, translator } from '../pages/i18n.js';

/**
 * OpenID4VCI 1.0 issuance (README "Certificates in a wallet (OpenID4VCI)"): the metadata, the
 * token, nonce and credential endpoints a wallet calls, the centre's POST
 * /certificates/:id/wallet-offers, and the Token Status Lists SD-JWT VCs name. The wallet-facing
 * endpoints answer refusals as OAuth errors (`application/json` `{error, error_description}`,
 * RFC 6749 §5.2), the one exception to problem+json: wallets read those codes.
 */
const FORM_LIMIT_BYTES = 4096;

const displayTexts = (): DisplayTexts =>
  Object.fromEntries(
    LANGUAGES.map((lang) => {
      const { t } = translator(lang);
      return [
        lang,
        {
          credential: t('wallet.credentialName'),
          worker: t('field.worker'),
          birthDate: t('field.birthDate'),
          qualification: t('field.qualification'),
          centre: t('field.centre'),
          assessed: t('field.assessed'),
        },
      ];
    }),
  );

const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

/** Runs a wallet endpoint: a refusal becomes its OAuth answer (401 with WWW-Authenticate for a token). */
async function oauth<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T | FastifyReply> {
  try {
    return await work();
  } catch (e) {
    const answer = oauthAnswer(e);
    if (!answer) throw e;
    if (answer.status === 401) reply.header('www-authenticate', `Bearer error="${answer.body.error}"`);
    return noStore(reply).code(answer.status).type('application/json; charset=utf-8').send(answer.body);
  }
}

const idParams = {
  type: 'object',
  properties: { id: { type: 'string', maxLength: 200 } },
  required: ['id'],
} as const;

export function walletIssuanceRoutes(ctx: HubContext) {
  return async (app: FastifyInstance) => {
    // the token request is a form (RFC 6749 §4.1.3 / OpenID4VCI §6.1), bounded; a parameter sent twice is refused (§3.2)
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: FORM_LIMIT_BYTES },
      (_req, body, done) => {
        const params = new URLSearchParams(String(body));
        const form: Record<string, string> = {};
        for (const [k, v] of params) {
          if (Object.hasOwn(form, k)) {
            done(null, { __duplicate: k });
            return;
          }
          form[k] = v;
        }
        done(null, form);
      },
    );

    const metadata = credentialIssuerMetadata(ctx.publicUrl, displayTexts());
    app.get(
      '/.well-known/openid-credential-issuer',
      { schema: { tags: ['wallets'], summary: 'OpenID4VCI credential issuer metadata (§12.2)' } },
      async (_req, reply) => reply.header('cache-control', 'public, max-age=300').send(metadata),
    );
    const asMetadata = authorizationServerMetadata(ctx.publicUrl);
    app.get(
      '/.well-known/oauth-authorization-server',
      { schema: { tags: ['wallets'], summary: 'OAuth authorization server metadata (RFC 8414)' } },
      async (_req, reply) => reply.header('cache-control', 'public, max-age=300').send(asMetadata),
    );

    app.post<{ Body: Record<string, string> }>(
      '/oauth/token',
      {
        schema: {
          tags: ['wallets'],
          summary:
            'Token endpoint: pre-authorized code and PIN (tx_code) for an access token (OpenID4VCI §6)',
          consumes: ['application/x-www-form-urlencoded'],
        },
      },
      async (req, reply) =>
        oauth(reply, async () => {
          const form = (req.body ?? {}) as Record<string, string>;
          if (typeof form.__duplicate === 'string')
            throw oauthError('invalid_request', `The parameter ${form.__duplicate} is sent more than once.`);
          noStore(reply);
          return tokenRequest(ctx, form);
        }),
    );

    app.post(
      '/openid4vci/nonce',
      {
        schema: { tags: ['wallets'], summary: 'Nonce endpoint: a c_nonce for the key proof (OpenID4VCI §7)' },
      },
      async (_req, reply) => noStore(reply).send(await nonceRequest(ctx)),
    );

    app.post(
      '/openid4vci/credential',
      {
        // validation is attached, not enforced: the endpoint answers a bad request as an OAuth error
        attachValidation: true,
        schema: {
          tags: ['wallets'],
          summary: 'Credential endpoint: the certificate bound to the wallet key (OpenID4VCI §8)',
          body: ref('CredentialRequest'),
        },
      },
      async (req, reply) =>
        oauth(reply, async () => {
          const answer = await credentialRequest(ctx, req.headers.authorization, req.body);
          return noStore(reply).send(answer);
        }),
    );

    // the https form of an offer: a phone that opens it is sent on to its wallet app
    app.get<{ Querystring: { credential_offer?: string } }>(
      '/wallet/offer',
      {
        schema: {
          tags: ['wallets'],
          summary: 'An offer as an https link: redirects to openid-credential-offer://',
          querystring: {
            type: 'object',
            properties: { credential_offer: { type: 'string', maxLength: 4096 } },
            required: ['credential_offer'],
          },
        },
      },
      async (req, reply) => {
        // only this hub's offers: the link cannot send a phone to another issuer's offer
        const uri = ownOfferUri(ctx, req.query.credential_offer);
        if (!uri) throw new SkillPassError('not-found', 'This is not an offer of this hub.');
        return noStore(reply).redirect(uri);
      },
    );

    // the QR code of one of this hub's offers, for the worker page (an image from the hub, as its CSP wants)
    app.get<{ Querystring: { credential_offer?: string } }>(
      '/wallet/offer.svg',
      {
        schema: {
          tags: ['wallets'],
          summary: "The QR code of one of this hub's offers",
          querystring: {
            type: 'object',
            properties: { credential_offer: { type: 'string', maxLength: 4096 } },
            required: ['credential_offer'],
          },
        },
      },
      async (req, reply) => {
        const uri = ownOfferUri(ctx, req.query.credential_offer);
        if (!uri) throw new SkillPassError('not-found', 'This is not an offer of this hub.');
        return noStore(reply)
          .type('image/svg+xml')
          .send(await ctx.formats.qr.svg(uri));
      },
    );

    app.post<{ Params: { id: string }; Body: WalletOfferRequest | undefined }>(
      '/certificates/:id/wallet-offers',
      {
        config: { roles: ['issuer'] },
        schema: {
          tags: ['wallets'],
          summary: "A new wallet offer for one of the centre's certificates (earlier open offers are voided)",
          security: [{ bearer: [] }],
          params: idParams,
          body: ref('WalletOfferRequest'),
        },
      },
      async (req, reply) =>
        noStore(reply)
          .code(201)
          .send(await replaceOffer(ctx, actorOf(req), req.params.id, req.body ?? {})),
    );

    app.get<{ Params: { id: string } }>(
      '/token-status-lists/:id',
      {
        schema: {
          tags: ['wallets'],
          summary: "A centre's status list as a Token Status List (statuslist+jwt, 2 bits)",
          params: idParams,
        },
      },
      async (req, reply) =>
        reply
          .type('application/statuslist+jwt')
          .header('cache-control', 'public, max-age=60')
          .send(await tokenStatusList(ctx, req.params.id)),
    );
  };
}
