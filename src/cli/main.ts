#!/usr/bin/env node
/**
 * skillpass CLI: `serve` (default), `keygen`, `verify <file>...`, `audit-verify`.
 * The same services as the HTTP API, wired the same way.
 */
import { existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '../config.js';
import type { VerificationResult } from '../domain/verification-result.js';
import type { HubContext } from '../services/hub-context.js';
import { jsonBoundsProblem } from '../domain/json-bounds.js';
import { option } from './cli-options.js';

// Each command loads only what it uses (the server alone pulls in fastify, the pages, PDF and fonts):
// a CLI verify or certify started in about half the time the whole tree took.
const openHub: typeof import('../wiring.js').openHub = async (...a) =>
  (await import('../wiring.js')).openHub(...a);

const USAGE = `usage: skillpass <command>
  serve                      start the hub (default); see README for the environment
  keygen [--operator]        print a new Ed25519 key as JWK and did:key (or, with --operator, a key-encryption key)
  verify <file>... [--json]  verify credential files (JSON, or a JWT) against this hub's database (SKILLPASS_DATA_DIR,
                             or SKILLPASS_DATABASE_URL), under the public URL its server recorded
                             (several files: one answer each, in order; the exit code is the worst)
         [--trust-list tl.jws --status-lists dir/ [--hub-key z6Mk...]]
                             ... or with no database at all, from a saved trust list and status lists
  audit-verify               check the audit log's hash chain
  migrate-to-postgres <postgres-url> [--from file.sqlite]
                             copy this hub's SQLite database (SKILLPASS_DATA_DIR) into an empty PostgreSQL database
  certify <cohort.csv> --server <url> --token <token> --out <dir> [--format di|vc+jwt] [--skip-invalid] [--no-pdf]
                             a testing centre certifies a cohort over the API, with progress; re-run to resume
  check-consistency          check that every status index belongs to an issued certificate or a pending cohort row
  follow-ups due --server <url> --token <token>
                             an employer lists the placement follow-ups due now`;

function printResult(r: VerificationResult): void {
  const mark = { valid: 'PASS', invalid: 'FAIL', indeterminate: '????', skipped: ' -- ' } as const;
  console.log(`outcome: ${r.outcome.toUpperCase()}`);
  for (const c of r.checks)
    console.log(
      `  [${mark[c.outcome]}] ${c.id.padEnd(13)} ${c.message ?? ''}${c.code ? ` (${c.code})` : ''}`,
    );
}

/**
 * The hub's own database, for `verify` without a trust list. Its public URL (the hub's did:web
 * identity, which every certificate names) is the one its server recorded at start, whatever
 * PORT or HOST this shell has; SKILLPASS_PUBLIC_URL only where none is recorded. Where neither
 * tells it, the CLI cannot know which certificates are the hub's own: that is an error (exit 2),
 * never a verdict, and so is a data folder that holds no hub (nothing is created there).
 */
async function openLocalHub(config: Config): Promise<HubContext> {
  if (!config.databaseUrl && !existsSync(config.databaseFile)) {
    throw new Error(
      `No hub database at ${config.databaseFile}. Run this where the hub keeps its data (set SKILLPASS_DATA_DIR as for npm start), ` +
        'or verify without a database: verify <file> --trust-list tl.jws --status-lists dir/ (README "Offline verification").',
    );
  }
  const ctx = await openHub({ config, warn: () => undefined });
  if (!config.publicUrlGiven && (await ctx.store.repos.identity.publicUrls()).length === 0) {
    await ctx.store.close();
    throw new Error(
      "This hub database records no public URL (its server has never started), so the CLI cannot tell which certificates are the hub's own. " +
        "Start the hub once, or set SKILLPASS_PUBLIC_URL to the hub's public URL.",
    );
  }
  return ctx;
}

const exitCode = (r: VerificationResult): number =>
  r.outcome === 'valid' ? 0 : r.outcome === 'invalid' ? 1 : 3;

async function main(argv: string[]): Promise<number> {
  const [command = 'serve', ...rest] = argv;
  switch (command) {
    case 'serve': {
      const { startServer } = await import('../server.js');
      const { app } = await startServer(loadConfig());
      const stop = () => {
        void app.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return -1; // keep running
    }
    case 'keygen': {
      if (rest.includes('--operator')) {
        console.log(randomBytes(32).toString('base64'));
        return 0;
      }
      const { generateEd25519 } = await import('../adapters/crypto/keys/ed25519-keys.js');
      const { privateJwk, publicKeyMultibase } = generateEd25519();
      console.log(
        JSON.stringify({ did: `did:key:${publicKeyMultibase}`, publicKeyMultibase, privateJwk }, null, 2),
      );
      return 0;
    }
    case 'verify': {
      const files = rest.filter(
        (a, i) => !a.startsWith('--') && !rest[i - 1]?.match(/^--(trust-list|status-lists|hub-key)$/),
      );
      if (files.length === 0) {
        console.error(USAGE);
        return 2;
      }
      const inputs = files.map((file) => {
        const text = readFileSync(file, 'utf8').trim();
        // each file is read within the same bounds as any credential sent to the hub (an error, exit 2, beyond them)
        const bounds = jsonBoundsProblem(text);
        if (bounds) throw new Error(`${file}: ${bounds.message}`);
        return text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : text;
      });
      const json = rest.includes('--json');
      const trustListFile = option(rest, '--trust-list');
      let results: VerificationResult[];
      let offlineData: Record<string, unknown> | undefined;
      if (trustListFile) {
        const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
        const { wireOfflineVerification } = await import('../wiring.js');
        const { verifyPresentedCredential } =
          await import('../services/presentations/verify-presentation.js');
        const offline = await wireOfflineVerification({
          trustListJws: readFileSync(trustListFile, 'utf8'),
          now,
          ...(option(rest, '--status-lists') ? { statusListDir: option(rest, '--status-lists') } : {}),
          ...(option(rest, '--hub-key') ? { hubKey: option(rest, '--hub-key') } : {}),
        });
        results = [];
        for (const input of inputs) results.push(await verifyPresentedCredential(input, offline.deps));
        const age = (iso: string) => `${Math.round((Date.parse(now) - Date.parse(iso)) / 60_000)} min old`;
        const data = {
          trustList: {
            sequence: offline.trustList.sequence,
            issuedAt: offline.trustList.issuedAt,
            age: age(offline.trustList.issuedAt),
            nextUpdate: offline.trustList.nextUpdate,
            stale: offline.stale,
            signedBy: offline.signer.kid,
            pinned: offline.signer.pinned,
          },
          statusLists: offline.statusLists.map((l) => ({
            url: l.url,
            validFrom: l.validFrom,
            age: age(l.validFrom),
          })),
        };
        offlineData = data;
        if (!json) {
          console.log(
            `trust list #${data.trustList.sequence} issued ${data.trustList.issuedAt} (${data.trustList.age}${offline.stale ? ', PAST its nextUpdate' : ''}), signed by ${data.trustList.signedBy}${data.trustList.pinned ? ' (pinned)' : ' (not pinned: pass --hub-key to pin the hub key)'}`,
          );
          for (const l of data.statusLists)
            console.log(`status list ${l.url} from ${l.validFrom} (${l.age})`);
        }
      } else {
        const ctx = await openLocalHub(loadConfig());
        const { verifyWithHub } = await import('../services/verification/verification-service.js');
        results = [];
        for (const input of inputs) results.push(await verifyWithHub(ctx, input));
        await ctx.store.close();
      }
      const withData = (r: VerificationResult) => (offlineData ? { ...r, offlineData } : r);
      if (files.length === 1) {
        if (json) console.log(JSON.stringify(withData(results[0]!), null, 2));
        else printResult(results[0]!);
        return exitCode(results[0]!);
      }
      // several files: one answer each, in order; the exit code is the worst of them
      if (json)
        console.log(
          JSON.stringify(
            results.map((r, i) => ({ file: files[i], ...withData(r) })),
            null,
            2,
          ),
        );
      else
        results.forEach((r, i) => {
          console.log(`${files[i]}:`);
          printResult(r);
        });
      const outcomes = results.map((r) => r.outcome);
      return outcomes.includes('invalid') ? 1 : outcomes.includes('indeterminate') ? 3 : 0;
    }
    case 'audit-verify': {
      const ctx = await openHub({ config: loadConfig(), warn: () => undefined });
      const { verifyChain } = await import('../domain/audit-chain.js');
      const verdict = verifyChain(await ctx.store.repos.audit.all());
      await ctx.store.close();
      console.log(
        verdict.ok
          ? `audit chain intact: ${verdict.length} entries`
          : `audit chain BROKEN at entry ${verdict.brokenAt}: ${verdict.reason}`,
      );
      return verdict.ok ? 0 : 1;
    }
    case 'certify':
      return (await import('./certify.js')).certifyCommand(rest);
    case 'follow-ups':
      return (await import('./follow-ups.js')).followUpsCommand(rest);
    case 'check-consistency': {
      const ctx = await openHub({ config: loadConfig(), warn: () => undefined });
      const { checkIssuanceConsistency } = await import('../services/cohorts/batch-consistency.js');
      const report = await checkIssuanceConsistency(ctx);
      await ctx.store.close();
      const abandoned =
        report.abandonedAllocations.length > 0
          ? `; ${report.abandonedAllocations.length} held by single issuances interrupted before storing (harmless: no certificate carries them)`
          : '';
      console.log(
        report.ok
          ? `consistent: ${report.allocations} status indexes, each held by an issued certificate or a pending cohort row${abandoned}`
          : `INCONSISTENT: ${report.unaccountedAllocations.length} status indexes unaccounted for, ${report.issuedRowsWithoutCertificate.length} rows issued without a certificate`,
      );
      return report.ok ? 0 : 1;
    }
    case 'migrate-to-postgres': {
      const url = rest.find((a) => a.startsWith('postgres'));
      if (!url) {
        console.error(USAGE);
        return 2;
      }
      const from = option(rest, '--from') ?? loadConfig().databaseFile;
      const { copySqliteToPostgres } = await import('../adapters/postgres/copy-from-sqlite.js');
      const report = await copySqliteToPostgres(from, url);
      for (const t of report.tables) console.log(`${t.name.padEnd(22)} ${t.rows} rows`);
      console.log(
        `copied ${from} into PostgreSQL; counts match; audit chain intact (${report.auditEntries} entries). Start the hub with SKILLPASS_DATABASE_URL set.`,
      );
      return 0;
    }
    default:
      console.error(USAGE);
      return command === '--help' || command === 'help' ? 0 : 2;
  }
}

// exit codes: 0 valid / done, 1 invalid, 3 indeterminate, 2 usage or any error (so scripts can tell an error from an invalid certificate)
// stdout to a pipe is written asynchronously: exit only once what was printed has been handed over (a long --json answer was cut off)
const exitAfterOutput = (code: number) => process.stdout.write('', () => process.exit(code));
main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) exitAfterOutput(code);
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
