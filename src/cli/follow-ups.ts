import { loadConfig } from '../config.js';
// the answer of GET /follow-ups/due, as the service shapes it
import type { DueFollowUp as Due } from '../services/outcomes/follow-ups.js';
import { option } from './cli-options.js';

/**
 * `skillpass follow-ups due --server URL --token T`: an employer lists the tracer follow-ups due
 * for its placements (GET /follow-ups/due, README "Placements and follow-ups"), one line each,
 * with whether the worker answered their own survey for that mark.
 * Exit codes: 0 listed (also when none is due); 2 a usage error or a refusal from the hub.
 */
export const FOLLOW_UPS_USAGE = `usage: skillpass follow-ups due --server <url> --token <employer token>
  The token may also come from SKILLPASS_TOKEN.`;

export async function followUpsCommand(
  args: string[],
  io: { out: (s: string) => void; err: (s: string) => void } = {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  },
): Promise<number> {
  const server = option(args, '--server')?.replace(/\/+$/, '');
  const token = option(args, '--token') ?? loadConfig().cliToken;
  if (args[0] !== 'due' || !server || !token) {
    io.err(`${FOLLOW_UPS_USAGE}\n`);
    return 2;
  }
  const res = await fetch(`${server}/follow-ups/due`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json().catch(() => ({}))) as {
    today?: string;
    due?: Due[];
    code?: string;
    detail?: string;
    title?: string;
  };
  if (!res.ok || !body.due) {
    io.err(`${res.status} ${body.code ?? ''}: ${body.detail ?? body.title ?? 'unexpected answer'}\n`);
    return 2;
  }
  if (body.due.length === 0) {
    io.out(`No follow-ups due on ${body.today}.\n`);
    return 0;
  }
  const rows = [
    ['due on', 'month', 'placement', 'started', 'isco08', 'certificate', 'worker answered'],
    ...body.due.map((d) => [
      d.dueOn,
      String(d.month),
      d.placement,
      d.startDate,
      d.isco08,
      d.certificate,
      // whether the worker answered their own survey for this mark (never what they answered)
      d.workerAnswered ? 'yes' : 'no',
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows)
    io.out(
      `${r
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd()}\n`,
    );
  io.out(
    `${body.due.length} follow-up${body.due.length === 1 ? '' : 's'} due on ${body.today}: answer each with POST /placements/<placement>/follow-ups.\n`,
  );
  return 0;
}
