import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { acceptFormBodies } from '../plugins/form-body.js';
import type { HubContext } from '../../services/hub-context.js';
import { actorOf, type OptionalAuthenticator } from '../plugins/auth.js';
import { ref } from '../schemas.js';
import type { RecognitionAgreement, RecognitionCheckRequest } from '../schema-types.generated.js';
import { requesterFor, type Requester } from '../../services/recognition/authority-scope.js';
import type { Principal } from '../../services/access/tokens.js';
import {
  agreementHistory,
  checkRecognition,
  checkRecognitionBulk,
  listAgreements,
  recordAgreement,
  type BulkItem,
  type CheckItem,
  type CheckShared,
} from '../../services/recognition/recognition-service.js';
import { checkItemsFromCsv, decisionsCsv } from '../../services/recognition/recognition-csv.js';
import { allQualifications } from '../../services/registry/registry-queries.js';
import type { CredentialInput } from '../../services/verification/verify-credential.js';
import { isSkillPassError, SkillPassError } from '../../domain/errors.js';
import { jsonBoundsOf } from '../../domain/json-bounds.js';
import { REGIONS } from '../../domain/recognition/parties.js';
import {
  RECOGNITION_SCRIPT,
  renderRecognitionPage,
  type RecognitionForm,
} from '../pages/recognition-page.js';
import { negotiateLang, translator, type Lang } from '../pages/i18n.js';
import { authenticateCaller } from '../../services/access/tokens.js';
import { scanAssets } from '../pages/assets.js';

/** Bulk lists (1,000 credential objects are a few MB) may exceed the default body limit. */
export const RECOGNITION_BODY_LIMIT = 16 * 1024 * 1024;

type CheckQuery = {
  destination?: string;
  intendedOccupation?: string;
  permitCategory?: string;
  issueReceipt?: 'true' | 'false';
  format?: 'json' | 'csv';
};
type CheckBody = RecognitionCheckRequest & { certificate?: CredentialInput };

const checkQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    destination: {
      type: 'string',
      pattern: '^[A-Z]{2}$',
      description: 'Destination country (CSV uploads; a JSON body carries its own)',
    },
    intendedOccupation: { type: 'string', pattern: '^[0-9]{4}$' },
    permitCategory: { type: 'string', pattern: '^[A-Z0-9][A-Z0-9-]{1,31}$' },
    issueReceipt: { type: 'string', enum: ['true', 'false'] },
    format: {
      type: 'string',
      enum: ['json', 'csv'],
      description: 'csv: the decisions as a CSV download (or send Accept: text/csv)',
    },
  },
} as const;

const wantsCsv = (req: FastifyRequest<{ Querystring: CheckQuery }>): boolean =>
  req.query.format === 'csv' ||
  (req.query.format === undefined && /\btext\/csv\b/.test(String(req.headers.accept ?? '')));

/** The request as sent (JSON: one certificate or a list; CSV: a list, the rest in the query) to the use case's terms. */
function checkRequest(
  csv: HubContext['formats']['csv'],
  body: CheckBody | Buffer,
  q: CheckQuery,
): { items: CheckItem[]; shared: CheckShared; single?: CheckItem } {
  if (Buffer.isBuffer(body)) {
    if (!q.destination)
      throw new SkillPassError(
        'validation-failed',
        'A CSV upload needs ?destination=XX (the destination country).',
        { field: 'destination' },
      );
    return {
      items: checkItemsFromCsv(csv, body),
      shared: {
        destination: q.destination,
        ...(q.intendedOccupation ? { intendedOccupation: q.intendedOccupation } : {}),
        ...(q.permitCategory ? { permitCategory: q.permitCategory } : {}),
        issueReceipt: q.issueReceipt === 'true',
      },
    };
  }
  const shared: CheckShared = {
    destination: body.destination,
    ...(body.intendedOccupation ? { intendedOccupation: body.intendedOccupation } : {}),
    ...(body.permitCategory ? { permitCategory: body.permitCategory } : {}),
    ...(body.facts ? { facts: body.facts } : {}),
    issueReceipt: body.issueReceipt === true,
  };
  if (!body.certificates) {
    const single: CheckItem = { certificate: body.certificate as CredentialInput };
    return { items: [single], shared, single };
  }
  // an item is a certificate, or {certificate, ref, intendedOccupation, permitCategory, facts}
  const items = body.certificates.map((c) =>
    typeof c === 'object' && c !== null && 'certificate' in c && !('@context' in c)
      ? (c as CheckItem)
      : { certificate: c as CredentialInput },
  );
  return { items, shared };
}

/**
 * Recognition decisions for destination authorities: agreements (list, record), checks
 * (one certificate, a list, or a CSV upload; JSON or CSV out). Thin: the rules are in
 * src/domain/recognition, the use cases in src/services/recognition/recognition-service.ts.
 */
export function recognitionRoutes(ctx: HubContext, optionalPrincipal: OptionalAuthenticator) {
  return async (app: FastifyInstance) => {
    // a CSV upload arrives as bytes: the CSV reader decodes UTF-8/UTF-16 and refuses the rest
    app.addContentTypeParser(
      ['text/csv', 'application/csv'],
      { parseAs: 'buffer', bodyLimit: RECOGNITION_BODY_LIMIT },
      (_req, body, done) => done(null, body),
    );

    /** lists and receipts need the hub or a destination authority */
    const requester = (who: Principal | undefined, what: string): Requester => {
      if (!who)
        throw new SkillPassError(
          'unauthenticated',
          `${what} needs an admin token or the destination authority's token.`,
        );
      return requesterFor(who);
    };

    app.get<{ Querystring: { destination?: string } }>(
      '/recognition/agreements',
      {
        schema: {
          tags: ['recognition'],
          summary: 'Recognition agreements in use (the newest version of each)',
          querystring: {
            type: 'object',
            additionalProperties: false,
            properties: { destination: { type: 'string', pattern: '^[A-Z]{2}$' } },
          },
        },
      },
      async (req) => ({ agreements: await listAgreements(ctx, req.query) }),
    );

    app.get<{ Params: { id: string } }>(
      '/recognition/agreements/:id',
      {
        schema: {
          tags: ['recognition'],
          summary: 'Every version of one agreement, oldest first',
          params: { type: 'object', properties: { id: { type: 'string', maxLength: 64 } }, required: ['id'] },
        },
      },
      async (req) => agreementHistory(ctx, req.params.id),
    );

    app.post<{ Body: RecognitionAgreement }>(
      '/recognition/agreements',
      {
        config: { roles: ['admin', 'authority'] },
        schema: {
          tags: ['recognition'],
          summary: 'Record an agreement (admin, or an authority for its own country as destination)',
          security: [{ bearer: [] }],
          body: ref('RecognitionAgreement'),
        },
      },
      async (req, reply) => {
        const requester = requesterFor(actorOf(req));
        const recorded = await recordAgreement(ctx, requester, req.body);
        return reply
          .code(201)
          .header('location', `/recognition/agreements/${encodeURIComponent(recorded.id)}`)
          .send(recorded);
      },
    );

    app.post<{ Body: CheckBody | Buffer; Querystring: CheckQuery }>(
      '/recognition/check',
      {
        bodyLimit: RECOGNITION_BODY_LIMIT,
        schema: {
          tags: ['recognition'],
          summary:
            "Is a certificate recognised in a destination, for a job or permit, on what conditions? One certificate (anyone), or a list / CSV upload (admin or that destination's authority)",
          querystring: checkQuery,
          body: {
            content: {
              'application/json': { schema: ref('RecognitionCheckRequest') },
              'text/csv': {
                schema: {
                  description: `Columns: certificate (required), ref, intendedOccupation, permitCategory, yearsOfExperience, salaryAmount, salaryCurrency; destination in the query`,
                },
              },
            },
          },
        },
      },
      async (req, reply) => {
        const who = await optionalPrincipal(req);
        const q = req.query;
        const asCsv = (destination: string, items: BulkItem[]) =>
          reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="recognition-${destination}.csv"`)
            .send(decisionsCsv(ctx.formats.csv, destination, items));

        const { items, shared, single } = checkRequest(ctx.formats.csv, req.body, q);
        if (single) {
          const result = await checkRecognition(
            ctx,
            single,
            shared,
            shared.issueReceipt ? requester(who, 'A recognition receipt (signed by the hub)') : undefined,
          );
          return wantsCsv(req) ? asCsv(shared.destination, [{ index: 0, ...result }]) : result;
        }
        const bulk = await checkRecognitionBulk(
          ctx,
          items,
          shared,
          requester(who, 'Checking a list of certificates'),
        );
        return wantsCsv(req) ? asCsv(shared.destination, bulk.results) : bulk;
      },
    );
  };
}

/** GET /recognition (the form) and POST /recognition (the form posted: the decision, rendered), in five languages. */
export function recognitionPageRoutes(ctx: HubContext) {
  return async (app: FastifyInstance) => {
    acceptFormBodies(app);
    const jsqrPath = scanAssets().jsqr.path;
    const script = Buffer.from(RECOGNITION_SCRIPT, 'utf8');
    const scriptPath = `/assets/recognition-${createHash('sha256').update(script).digest('hex').slice(0, 12)}.js`;
    app.get(scriptPath, { schema: { hide: true } }, async (_req, reply) =>
      reply
        .type('text/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(script),
    );

    const pageData = async (form: RecognitionForm) => {
      const agreements = await listAgreements(ctx);
      const destinations = new Set<string>();
      for (const a of agreements)
        for (const d of a.parties.destination) for (const c of REGIONS[d] ?? [d]) destinations.add(c);
      const permits = new Map(
        agreements.flatMap((a) =>
          a.grants.permitCategory ? [[a.grants.permitCategory.code, a.grants.permitCategory] as const] : [],
        ),
      );
      const occupations = new Map(
        (await allQualifications(ctx)).map((q) => [q.isco08, `${q.isco08} – ${q.title.en ?? q.code}`]),
      );
      return {
        form,
        destinations: [...destinations].sort(),
        permitCategories: [...permits.values()],
        occupations: [...occupations]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([code, title]) => ({ code, title })),
        jsqrPath,
        scriptPath,
      };
    };
    const send = (reply: FastifyReply, lang: Lang, body: string, status = 200) =>
      reply
        .code(status)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('content-language', lang)
        .send(body);

    app.get<{ Querystring: { lang?: string | string[] } }>(
      '/recognition',
      { schema: { tags: ['pages'], hide: true } },
      async (req, reply) => {
        const tr = translator(negotiateLang(req.query.lang, req.headers['accept-language']));
        return send(reply, tr.lang, renderRecognitionPage(await pageData({}), tr));
      },
    );

    app.post<{ Body: Record<string, string> }>(
      '/recognition',
      { schema: { tags: ['pages'], hide: true } },
      async (req, reply) => {
        const raw = (req.body ?? {}) as Record<string, unknown>;
        const text = (k: string) => (typeof raw[k] === 'string' ? String(raw[k]).trim() : undefined);
        const tr = translator(negotiateLang(text('lang'), req.headers['accept-language']));
        // the token is read here and never put back into the page
        const token = text('token');
        const form: RecognitionForm = Object.fromEntries(
          FORM_FIELDS.flatMap((k) => (text(k) !== undefined ? [[k, text(k)]] : [])),
        );
        const data = await pageData(form);
        const fail = (key: string, status = 400) =>
          send(reply, tr.lang, renderRecognitionPage({ ...data, error: tr.t(key) }, tr), status);
        if (!form.certificate) return fail('recognition.error.certificate');
        if (!form.destination || !/^[A-Z]{2}$/.test(form.destination))
          return fail('recognition.error.destination');
        if (form.intendedOccupation && !/^[0-9]{4}$/.test(form.intendedOccupation))
          return fail('recognition.error.occupation');
        const years = form.yearsOfExperience ? Number(form.yearsOfExperience) : undefined;
        if (years !== undefined && !(Number.isFinite(years) && years >= 0))
          return fail('recognition.error.years');
        const amount = form.salaryAmount ? Number(form.salaryAmount) : undefined;
        const currency = form.salaryCurrency?.toUpperCase();
        if (amount !== undefined && !(Number.isFinite(amount) && amount > 0))
          return fail('recognition.error.salaryAmount');
        if ((amount !== undefined) !== Boolean(currency) || (currency && !/^[A-Z]{3}$/.test(currency)))
          return fail('recognition.error.salary');
        const facts = {
          ...(years !== undefined ? { yearsOfExperience: years } : {}),
          ...(amount !== undefined && currency ? { offeredMonthlySalary: { amount, currency } } : {}),
        };
        try {
          // a receipt is signed only for a token that may have one for this destination (as POST /recognition/check)
          const requester = token
            ? requesterFor(await authenticateCaller(ctx, `Bearer ${token}`))
            : undefined;
          const result = await checkRecognition(
            ctx,
            { certificate: form.certificate },
            {
              destination: form.destination,
              ...(form.intendedOccupation ? { intendedOccupation: form.intendedOccupation } : {}),
              ...(form.permitCategory ? { permitCategory: form.permitCategory } : {}),
              ...(Object.keys(facts).length ? { facts } : {}),
              issueReceipt: Boolean(requester),
            },
            requester,
          );
          return send(reply, tr.lang, renderRecognitionPage({ ...data, result }, tr));
        } catch (err) {
          if (isSkillPassError(err) && err.code === 'not-found')
            return fail('recognition.error.notFound', 404);
          if (isSkillPassError(err) && (err.code === 'unauthenticated' || err.code === 'forbidden'))
            return fail('recognition.error.token', err.code === 'forbidden' ? 403 : 401);
          if (jsonBoundsOf(err)) return fail('recognition.error.tooDeep');
          throw err;
        }
      },
    );
  };
}

const FORM_FIELDS = [
  'certificate',
  'destination',
  'intendedOccupation',
  'permitCategory',
  'yearsOfExperience',
  'salaryAmount',
  'salaryCurrency',
] as const satisfies readonly (keyof RecognitionForm)[];
