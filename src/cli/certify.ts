import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { csvDocument } from '../domain/csv-text.js';
import { loadConfig } from '../config.js';
import { option } from './cli-options.js';

/**
 * `skillpass certify cohort.csv --server URL --token T --out dir/`: a testing centre certifies a
 * cohort from the command line, over the hub's HTTP API. Uploads the file (nothing is signed),
 * stops on rows with problems (unless --skip-invalid), commits, shows a progress bar on stderr,
 * then writes results.csv and the result ZIP into dir/ and prints a summary table.
 * The batch id is kept in dir/skillpass-batch.json, so running the same command again after an
 * interruption (Ctrl-C, a lost connection, a restarted hub) resumes the same batch: nothing is
 * uploaded or issued twice.
 * Exit codes: 0 every row certified; 1 some rows have problems or failed; 2 an error.
 */
export const CERTIFY_USAGE = `usage: skillpass certify <cohort.csv> --server <url> --token <token> --out <dir>
         [--format di|vc+jwt] [--qr url|credential] [--skip-invalid] [--no-pdf] [--no-zip]
  The token may also come from SKILLPASS_TOKEN. Re-run the same command to resume.`;

interface Summary {
  id: string;
  state: string;
  counts: { total: number; valid: number; invalid: number; pending: number; issued: number; failed: number };
}
interface RowView {
  row: number;
  line: number | null;
  state: string;
  qualification: string;
  holderName: string;
  certificateId: string | null;
  errors: { column: string; code: string; message: string }[];
}
interface Saved {
  server: string;
  file: string;
  sha256: string;
  batchId: string;
}

class CliError extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function certifyCommand(
  args: string[],
  io: { out: (s: string) => void; err: NodeJS.WriteStream } = {
    out: (s) => process.stdout.write(s),
    err: process.stderr,
  },
): Promise<number> {
  const valued = new Set(['--server', '--token', '--out', '--format', '--qr']);
  const file = args.find((a, i) => !a.startsWith('--') && !valued.has(args[i - 1] ?? ''));
  const server = option(args, '--server')?.replace(/\/+$/, '');
  const token = option(args, '--token') ?? loadConfig().cliToken;
  const outDir = option(args, '--out');
  if (!file || !server || !token || !outDir) {
    io.err.write(`${CERTIFY_USAGE}\n`);
    return 2;
  }
  const format = option(args, '--format');
  const qr = option(args, '--qr');
  const auth = { authorization: `Bearer ${token}` };

  const api = async (path: string, init: RequestInit = {}, retries = 60): Promise<Response> => {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fetch(`${server}${path}`, {
          ...init,
          headers: { ...auth, ...(init.headers as Record<string, string> | undefined) },
        });
        if ((res.status === 503 || res.status === 429) && attempt < retries) {
          await sleep(Math.min(5000, 1000 * Number(res.headers.get('retry-after') ?? 1)));
          continue;
        }
        return res;
      } catch (e) {
        // the hub is restarting or the network is down: keep trying for a while
        if (attempt >= retries) throw new CliError(`cannot reach ${server}: ${(e as Error).message}`);
        await sleep(1000);
      }
    }
  };
  const json = async <T>(res: Response, what: string): Promise<T> => {
    const body = await res.text();
    if (!res.ok) {
      let detail = body;
      try {
        const p = JSON.parse(body) as { detail?: string; title?: string };
        detail = p.detail ?? p.title ?? body;
      } catch {
        /* not JSON */
      }
      throw new CliError(`${what} failed: HTTP ${res.status}: ${detail}`);
    }
    return JSON.parse(body) as T;
  };

  try {
    const bytes = readFileSync(file);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    mkdirSync(outDir, { recursive: true });
    const stateFile = join(outDir, 'skillpass-batch.json');
    let saved: Saved | undefined = existsSync(stateFile)
      ? (JSON.parse(readFileSync(stateFile, 'utf8')) as Saved)
      : undefined;
    if (saved && (saved.sha256 !== sha256 || saved.server !== server)) {
      throw new CliError(
        `${outDir} holds the results of another cohort (${saved.file} on ${saved.server}); choose another --out folder.`,
      );
    }
    let summary: Summary;
    if (saved) {
      io.err.write(`Resuming batch ${saved.batchId} (from ${stateFile}).\n`);
      summary = await json<Summary>(await api(`/batches/${saved.batchId}`), 'reading the batch');
    } else {
      const query = new URLSearchParams({ ...(format ? { format } : {}), ...(qr ? { qr } : {}) }).toString();
      // the same file uploaded again (say, after a crash before the batch id was saved) is answered with the same batch
      const preview = await json<Summary & { errors: { row: number; column: string; message: string }[] }>(
        await api(`/batches${query ? `?${query}` : ''}`, {
          method: 'POST',
          headers: { 'content-type': 'text/csv', 'idempotency-key': `cli-upload-${sha256.slice(0, 48)}` },
          body: bytes,
        }),
        'uploading the cohort',
      );
      saved = { server, file: resolve(file), sha256, batchId: preview.id };
      writeFileSync(`${stateFile}.tmp`, JSON.stringify(saved, null, 2));
      renameSync(`${stateFile}.tmp`, stateFile);
      summary = preview;
      io.err.write(
        `Uploaded ${basename(file)}: ${preview.counts.total} rows, ${preview.counts.valid} ready, ${preview.counts.invalid} with problems (batch ${preview.id}).\n`,
      );
      if (preview.counts.invalid > 0 && !args.includes('--skip-invalid')) {
        io.out(
          table(
            ['row', 'column', 'problem'],
            preview.errors.map((e) => [String(e.row), e.column, e.message]),
          ),
        );
        io.err.write(
          `Nothing was certified. Fix these rows and run again with a new --out folder, or add --skip-invalid to certify the ${preview.counts.valid} valid rows.\n`,
        );
        return 1;
      }
    }
    const batchId = saved.batchId;
    if (summary.state !== 'completed') {
      summary = await json<Summary>(
        await api(`/batches/${batchId}/commit`, { method: 'POST' }),
        'committing',
      );
      summary = await follow(api, batchId, summary, io.err);
    }
    const rows = (
      await json<{ rows: RowView[] }>(await api(`/batches/${batchId}/rows`), 'reading the results')
    ).rows;
    writeFileSync(
      join(outDir, 'results.csv'),
      csvDocument([
        ['row', 'state', 'holderName', 'qualification', 'certificateId', 'verifyUrl', 'problems'],
        ...rows.map((r) => [
          r.row,
          r.state,
          r.holderName,
          r.qualification,
          r.state === 'issued' ? r.certificateId : '',
          r.state === 'issued' && r.certificateId
            ? `${server}/v/${r.certificateId.replace(/^urn:uuid:/, '')}`
            : '',
          r.errors.map((e) => `${e.column}: ${e.message}`).join(' | '),
        ]),
      ]),
    );
    if (!args.includes('--no-zip')) {
      const zip = await api(`/batches/${batchId}/result.zip${args.includes('--no-pdf') ? '?pdf=false' : ''}`);
      if (!zip.ok) throw new CliError(`downloading the results failed: HTTP ${zip.status}`);
      const target = join(outDir, `skillpass-batch-${batchId}.zip`);
      writeFileSync(`${target}.part`, Buffer.from(await zip.arrayBuffer()));
      renameSync(`${target}.part`, target);
    }
    const c = summary.counts;
    io.out(
      table(
        ['', 'rows'],
        [
          ['total', String(c.total)],
          ['certified', String(c.issued)],
          ['failed', String(c.failed)],
          ['with problems (not certified)', String(c.invalid)],
          ['pending', String(c.pending)],
        ],
      ),
    );
    const bad = rows.filter((r) => r.state === 'failed' || r.state === 'invalid');
    if (bad.length > 0)
      io.out(
        `\n${table(
          ['row', 'name', 'state', 'problem'],
          bad.map((r) => [
            String(r.row),
            r.holderName,
            r.state,
            r.errors.map((e) => `${e.column}: ${e.message}`).join('; '),
          ]),
        )}`,
      );
    io.out(
      `\nBatch ${batchId}: results in ${join(outDir, 'results.csv')}${args.includes('--no-zip') ? '' : ` and ${join(outDir, `skillpass-batch-${batchId}.zip`)}`}\n`,
    );
    return c.failed + c.invalid + c.pending > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof CliError) {
      io.err.write(`\nskillpass certify: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

/** Follows the live progress (Server-Sent Events), falling back to polling; resumes after a lost connection. */
async function follow(
  api: (path: string, init?: RequestInit) => Promise<Response>,
  id: string,
  first: Summary,
  err: NodeJS.WriteStream,
): Promise<Summary> {
  const bar = progressBar(err);
  let last = first;
  bar(last);
  while (last.state !== 'completed') {
    try {
      const res = await api(`/batches/${id}/events`);
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
          const data = buffer
            .slice(0, i)
            .split('\n')
            .filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5))
            .join('\n');
          buffer = buffer.slice(i + 2);
          if (data) {
            last = JSON.parse(data) as Summary;
            bar(last);
          }
        }
      }
    } catch {
      await sleep(1000);
    }
    if (last.state !== 'completed') {
      // the stream ended early (a restarting hub): ask again, and re-commit so a batch left behind resumes
      try {
        const res = await api(`/batches/${id}/commit`, { method: 'POST' });
        if (res.ok) {
          last = (await res.json()) as Summary;
          bar(last);
        }
      } catch {
        await sleep(1000);
      }
    }
  }
  bar(last, true);
  return last;
}

function progressBar(err: NodeJS.WriteStream): (s: Summary, end?: boolean) => void {
  const started = Date.now();
  let startIssued: number | undefined;
  let lastTenth = -1;
  return (s, end = false) => {
    const c = s.counts;
    const done = c.issued + c.failed;
    startIssued ??= done;
    const fraction = c.valid ? done / c.valid : 1;
    const rate = (done - startIssued) / Math.max(0.001, (Date.now() - started) / 1000);
    const eta = rate > 0 ? Math.ceil((c.valid - done) / rate) : undefined;
    const text = `${Math.floor(fraction * 100)
      .toString()
      .padStart(
        3,
      )}% ${done}/${c.valid} certified${c.failed ? `, ${c.failed} failed` : ''}${rate > 0 ? `, ${rate.toFixed(0)}/s` : ''}${eta !== undefined && !end ? `, about ${eta} s left` : ''}`;
    if (err.isTTY) {
      const width = 30;
      const full = Math.round(fraction * width);
      err.write(`\r[${'#'.repeat(full)}${'-'.repeat(width - full)}] ${text}\u001b[K${end ? '\n' : ''}`);
    } else {
      const tenth = Math.floor(fraction * 10);
      if (tenth !== lastTenth || end) {
        err.write(`progress: ${text}\n`);
        lastTenth = tenth;
      }
    }
  };
}

/** A plain-text table for the terminal. */
export function table(header: string[], rows: string[][]): string {
  const clean = (s: string) => s.replace(/[\r\n\t]+/g, ' ');
  const all = [header, ...rows].map((r) => r.map(clean));
  const widths = header.map((_, i) => Math.min(60, Math.max(...all.map((r) => (r[i] ?? '').length))));
  const line = (r: string[]) =>
    r
      .map((cell, i) =>
        cell.length > widths[i]! ? `${cell.slice(0, widths[i]! - 1)}…` : cell.padEnd(widths[i]!),
      )
      .join('  ')
      .trimEnd();
  return `${line(all[0]!)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${all.slice(1).map(line).join('\n')}\n`;
}
