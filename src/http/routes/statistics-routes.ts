import type { FastifyInstance } from 'fastify';
import type { HubContext } from '../../services/hub-context.js';
import { actorOf } from '../plugins/auth.js';
import { ref } from '../schemas.js';
import type { ProgrammeCostRequest } from '../schema-types.generated.js';
import { programmeStatistics } from '../../services/outcomes/statistics.js';
import { recordProgrammeCost } from '../../services/outcomes/statistics-costs.js';
import { statisticsCsv } from '../../domain/outcomes/statistics-csv.js';
import { DIMENSIONS } from '../../domain/outcomes/statistics-cube.js';

interface StatisticsQuerystring {
  groupBy?: string;
  from?: string;
  to?: string;
  programme?: string;
  format?: 'json' | 'csv';
}

/**
 * Programme statistics and costs (README "Programme statistics"). Programme and admin tokens
 * only: every other role gets 403 before anything is read (../plugins/auth.ts). Thin: the
 * suppression is in src/domain/outcomes, the use cases in src/services/outcomes.
 */
export function statisticsRoutes(ctx: HubContext) {
  return async (app: FastifyInstance) => {
    const programmeOrAdmin = { roles: ['programme', 'admin'] as const };
    app.get<{ Querystring: StatisticsQuerystring }>(
      '/statistics',
      {
        config: programmeOrAdmin,
        schema: {
          tags: ['outcomes'],
          summary:
            'Counts, rates, wage medians and costs per worker; no figure rests on fewer than 5 workers (programme or admin token)',
          security: [{ bearer: [] }],
          querystring: {
            type: 'object',
            additionalProperties: false,
            properties: {
              groupBy: {
                type: 'string',
                maxLength: 200,
                description: `comma-separated: ${DIMENSIONS.join(', ')}`,
              },
              from: { type: 'string', maxLength: 20, description: 'a quarter (2026-Q1) or a day' },
              to: { type: 'string', maxLength: 20, description: 'a quarter (2026-Q4) or a day' },
              programme: {
                type: 'string',
                maxLength: 100,
                description: "admin: one programme's costs and corridors",
              },
              format: {
                type: 'string',
                enum: ['json', 'csv'],
                description: 'csv: the rows as a CSV download (or send Accept: text/csv)',
              },
            },
          },
        },
      },
      async (req, reply) => {
        const { groupBy, format, ...rest } = req.query;
        const stats = await programmeStatistics(ctx, actorOf(req), {
          ...rest,
          groupBy: groupBy
            ? groupBy
                .split(',')
                .map((d) => d.trim())
                .filter(Boolean)
            : [],
        });
        const csv =
          format === 'csv' ||
          (format === undefined && /\btext\/csv\b/.test(String(req.headers.accept ?? '')));
        if (!csv) return stats;
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="statistics.csv"')
          .send(statisticsCsv(stats));
      },
    );

    app.post<{ Params: { id: string }; Body: ProgrammeCostRequest }>(
      '/programmes/:id/costs',
      {
        config: programmeOrAdmin,
        schema: {
          tags: ['outcomes'],
          summary: "Record a programme's costs for a quarter (that programme's token, or admin)",
          security: [{ bearer: [] }],
          params: {
            type: 'object',
            required: ['id'],
            properties: { id: { type: 'string', minLength: 1, maxLength: 100 } },
          },
          body: ref('ProgrammeCostRequest'),
        },
      },
      async (req, reply) =>
        reply.code(201).send(await recordProgrammeCost(ctx, actorOf(req), req.params.id, req.body)),
    );
  };
}
