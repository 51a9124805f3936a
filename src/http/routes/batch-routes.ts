import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HubContext } from '../../services/hub-context.js';
import { actorOf } from '../plugins/auth.js';
import type { IdempotentReply } from '../plugins/idempotency.js';
import type { BatchRunner } from '../../services/cohorts/batch-runner.js';
import {
  batchRows,
  batchStatus,
  commitBatch,
  listBatches,
  ownBatch,
  previewBatch,
  MAX_BATCH_ROWS,
  type UploadedRow,
} from '../../services/cohorts/batches.js';
import { BATCH_COLUMNS, columnFor, COLUMN_NAMES, type RowError } from '../../domain/batch-rows.js';
import type { CsvCodec } from '../../services/format-ports.js';
import { SkillPassError } from '../../domain/errors.js';
import { ref } from '../schemas.js';
import { writeBatchZip } from './batch-result-zip.js';

const idParams = {
  type: 'object',
  properties: { id: { type: 'string', maxLength: 64 } },
  required: ['id'],
} as const;
const optionsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    format: { type: 'string', enum: ['di', 'vc+jwt'] },
    qr: { type: 'string', enum: ['url', 'credential'] },
  },
} as const;

type BatchBody =
  Buffer | { rows: Record<string, string>[]; format?: 'di' | 'vc+jwt'; qr?: 'url' | 'credential' };

/** Maps the header row to columns: unknown columns are reported and ignored; missing required ones refuse the file. */
function mapHeader(header: string[]): { columns: (string | undefined)[]; warnings: string[] } {
  const columns = header.map((h) => columnFor(h));
  const warnings = header
    .filter((h, i) => h && !columns[i])
    .map((h) => `Column "${h}" is not a cohort column and was ignored.`);
  const seen = new Set<string>();
  for (const [i, c] of columns.entries()) {
    if (!c) continue;
    if (seen.has(c))
      throw new SkillPassError('invalid-csv', `Column ${c} appears twice in the header (cell ${i + 1}).`, {
        reason: 'header',
        line: 1,
        column: c,
      });
    seen.add(c);
  }
  if (seen.size === 0) {
    throw new SkillPassError(
      'invalid-csv',
      `The first row must be the header naming the columns: ${COLUMN_NAMES.join(', ')} (see GET /batches/template.csv).`,
      { reason: 'header', line: 1 },
    );
  }
  const missing = BATCH_COLUMNS.filter((c) => c.required && !seen.has(c.name)).map((c) => c.name);
  if (missing.length > 0)
    throw new SkillPassError(
      'invalid-csv',
      `The header lacks the required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`,
      { reason: 'header', line: 1, missing },
    );
  if (!seen.has('holderBirthDate') && !seen.has('holderDocumentNumber')) {
    throw new SkillPassError(
      'invalid-csv',
      'The header needs holderBirthDate or holderDocumentNumber (or both), so workers can be matched.',
      { reason: 'header', line: 1, missing: ['holderBirthDate', 'holderDocumentNumber'] },
    );
  }
  return { columns, warnings };
}

function rowsFromCsv(csv: Pick<CsvCodec, 'read'>, body: Buffer): { rows: UploadedRow[]; warnings: string[] } {
  const read = csv.read(body, MAX_BATCH_ROWS);
  if (!read.ok) throw new SkillPassError('invalid-csv', read.message, read.details);
  const { table } = read;
  const { columns, warnings } = mapHeader(table.header);
  if (table.records.length === 0)
    throw new SkillPassError('invalid-csv', 'The file has a header but no workers.', {
      reason: 'empty',
      line: 1,
    });
  if (table.encoding.startsWith('utf-16'))
    warnings.push(`The file was read as ${table.encoding.toUpperCase()} (it has a byte-order mark).`);
  const rows = table.records.map((r): UploadedRow => {
    const cells: Record<string, string> = {};
    const errors: RowError[] = [];
    r.cells.forEach((value, i) => {
      const column = columns[i];
      if (column) cells[column] = value;
      else if (i >= columns.length && value.trim())
        errors.push({
          column: `(cell ${i + 1})`,
          code: 'extra-cells',
          message: `The row has ${r.cells.length} cells but the header has ${columns.length}: a separator inside an unquoted cell?`,
        });
    });
    return { row: r.row, line: r.line, cells, ...(errors.length ? { errors: errors.slice(0, 1) } : {}) };
  });
  return { rows, warnings };
}

function rowsFromJson(body: Exclude<BatchBody, Buffer>): { rows: UploadedRow[]; warnings: string[] } {
  const unknown = new Set<string>();
  const rows = body.rows.map((r, i): UploadedRow => {
    const cells: Record<string, string> = {};
    for (const [k, v] of Object.entries(r)) {
      const column = COLUMN_NAMES.includes(k) ? k : undefined;
      if (column) cells[column] = v;
      else unknown.add(k);
    }
    return { row: i + 1, line: null, cells };
  });
  return { rows, warnings: [...unknown].map((k) => `Field "${k}" is not a cohort column and was ignored.`) };
}

export interface BatchRouteDeps {
  idempotent: IdempotentReply;
  runner: BatchRunner;
  batchBodyLimitBytes: number;
}

/**
 * Cohorts for testing centres: upload (CSV or JSON) -> preview -> commit -> progress (JSON or
 * Server-Sent Events) -> result ZIP. Thin: the rules are in src/services/cohorts/batches.ts.
 */
export function batchRoutes(ctx: HubContext, deps: BatchRouteDeps) {
  const { idempotent, runner } = deps;
  return async (app: FastifyInstance) => {
    for (const type of ['text/csv', 'application/csv']) {
      app.addContentTypeParser(
        type,
        { parseAs: 'buffer', bodyLimit: deps.batchBodyLimitBytes },
        (_req, body, done) => {
          done(null, body);
        },
      );
    }
    const streams = new Set<() => void>();
    app.addHook('onClose', async () => {
      for (const end of streams) end();
    });

    app.post<{ Body: BatchBody; Querystring: { format?: 'di' | 'vc+jwt'; qr?: 'url' | 'credential' } }>(
      '/batches',
      {
        bodyLimit: deps.batchBodyLimitBytes,
        config: { roles: ['issuer'] },
        schema: {
          tags: ['batches'],
          summary: 'Upload a cohort (CSV or JSON) and get its preview: nothing is signed (centre token)',
          security: [{ bearer: [] }],
          querystring: optionsQuery,
          body: {
            content: {
              'application/json': { schema: ref('BatchRequest') },
              'text/csv': { schema: { description: 'The cohort file (see GET /batches/template.csv)' } },
              'application/csv': { schema: { description: 'As text/csv' } },
            },
          },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        return idempotent(req, reply, actor, async (save) => {
          const body = req.body;
          const { rows, warnings } = Buffer.isBuffer(body)
            ? rowsFromCsv(ctx.formats.csv, body)
            : rowsFromJson(body);
          const options = Buffer.isBuffer(body)
            ? req.query
            : { format: body.format ?? req.query.format, qr: body.qr ?? req.query.qr };
          const preview = await previewBatch(
            ctx,
            actor,
            rows,
            {
              source: Buffer.isBuffer(body) ? 'csv' : 'json',
              warnings,
              ...(options.format ? { format: options.format } : {}),
              ...(options.qr ? { qr: options.qr } : {}),
            },
            (tx, p) => save(tx, { status: 201, body: p, headers: { location: p.links.self } }),
          );
          return { status: 201, body: preview, headers: { location: preview.links.self } };
        });
      },
    );

    app.get(
      '/batches',
      {
        config: { roles: ['issuer'] },
        schema: {
          tags: ['batches'],
          summary: "This centre's batches, newest first (centre token)",
          security: [{ bearer: [] }],
        },
      },
      async (req) => {
        const actor = actorOf(req);
        return { batches: await listBatches(ctx, actor) };
      },
    );

    app.get(
      '/batches/template.csv',
      {
        schema: {
          tags: ['batches'],
          summary: 'The cohort CSV template (header row; ?example=true adds an example row)',
          description: BATCH_COLUMNS.map(
            (c) => `${c.name}${c.required ? ' (required)' : ''}: ${c.description}`,
          ).join('\n'),
          querystring: {
            type: 'object',
            properties: { example: { type: 'string', enum: ['true', 'false'] } },
          },
        },
      },
      async (req, reply) => {
        const example = (req.query as { example?: string }).example === 'true';
        const rows = [COLUMN_NAMES, ...(example ? [BATCH_COLUMNS.map((c) => c.example)] : [])];
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="skillpass-cohort-template.csv"')
          .send(ctx.formats.csv.document(rows));
      },
    );

    app.get<{ Params: { id: string } }>(
      '/batches/:id',
      {
        config: { roles: ['issuer'] },
        schema: {
          tags: ['batches'],
          summary: "A batch's state and counts (centre token)",
          security: [{ bearer: [] }],
          params: idParams,
        },
      },
      async (req) => {
        const actor = actorOf(req);
        return batchStatus(ctx, actor, req.params.id);
      },
    );

    app.get<{ Params: { id: string } }>(
      '/batches/:id/rows',
      {
        config: { roles: ['issuer'] },
        schema: {
          tags: ['batches'],
          summary: 'Every row of a batch with its state, certificate id and errors (centre token)',
          security: [{ bearer: [] }],
          params: idParams,
        },
      },
      async (req) => {
        const actor = actorOf(req);
        return { rows: await batchRows(ctx, actor, req.params.id) };
      },
    );

    app.post<{ Params: { id: string } }>(
      '/batches/:id/commit',
      {
        config: { roles: ['issuer'] },
        schema: {
          tags: ['batches'],
          summary:
            "Issue the batch's valid rows (or resume an interrupted commit); 202, follow GET /batches/:id or /events",
          security: [{ bearer: [] }],
          params: idParams,
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        return idempotent(req, reply, actor, async (save) => {
          const summary = await commitBatch(ctx, actor, req.params.id, runner.start, (tx, s) =>
            save(tx, { status: 202, body: s, headers: { location: s.links.self } }),
          );
          return { status: 202, body: summary, headers: { location: summary.links.self } };
        });
      },
    );

    app.get<{ Params: { id: string } }>(
      '/batches/:id/events',
      {
        config: { roles: ['issuer'] },
        schema: {
          tags: ['batches'],
          summary:
            'Live progress as Server-Sent Events: `progress` on each change, `done` at the end (centre token)',
          security: [{ bearer: [] }],
          params: idParams,
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const batch = await ownBatch(ctx, actor, req.params.id);
        streamProgress(req, reply, async () => batchStatus(ctx, actor, batch.id), runner, batch.id, streams);
      },
    );

    app.get<{ Params: { id: string }; Querystring: { pdf?: string } }>(
      '/batches/:id/result.zip',
      {
        config: { roles: ['issuer'] },
        schema: {
          tags: ['batches'],
          summary:
            'Every issued credential (JSON or JWT), its QR code (PNG) and printable PDF, with index.csv (centre token)',
          security: [{ bearer: [] }],
          params: idParams,
          querystring: { type: 'object', properties: { pdf: { type: 'string', enum: ['true', 'false'] } } },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const batch = await ownBatch(ctx, actor, req.params.id);
        return writeBatchZip(ctx, app, reply, batch, { pdf: req.query.pdf !== 'false' });
      },
    );
  };
}

/** Server-Sent Events: the summary whenever it changes (woken by the local runner, polled for other replicas). */
function streamProgress(
  req: FastifyRequest,
  reply: FastifyReply,
  load: () => Promise<unknown & { state: string }>,
  runner: BatchRunner,
  batchId: string,
  streams: Set<() => void>,
): void {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 2000\n\n');
  let last = '';
  let busy = false;
  let again = false;
  let closed = false;
  const end = () => {
    if (closed) return;
    closed = true;
    clearInterval(poll);
    clearInterval(heartbeat);
    runner.progress.off('progress', onProgress);
    streams.delete(end);
    res.end();
  };
  const push = async (): Promise<void> => {
    if (closed) return;
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      const summary = await load();
      const data = JSON.stringify(summary);
      if (data !== last && !closed) {
        res.write(`event: progress\ndata: ${data}\n\n`);
        last = data;
      }
      if (summary.state === 'completed' && !closed) {
        res.write(`event: done\ndata: ${data}\n\n`);
        end();
      }
    } catch (err) {
      if (!closed)
        res.write(`event: error\ndata: ${JSON.stringify({ message: (err as Error).message })}\n\n`);
      end();
    } finally {
      busy = false;
      if (again) {
        again = false;
        void push();
      }
    }
  };
  const onProgress = (id: string) => {
    if (id === batchId) void push();
  };
  const poll = setInterval(() => {
    void push();
  }, 1000);
  const heartbeat = setInterval(() => {
    if (!closed) res.write(': keep-alive\n\n');
  }, 15_000);
  runner.progress.on('progress', onProgress);
  streams.add(end);
  req.raw.on('close', end);
  void push();
}
