import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { assertAdminTokenStrong, isDemoMode, type Config } from './config.js';
import { openHub } from './wiring.js';
import { createProofPool } from './adapters/crypto/workers/proof-pool.js';
import { buildApp } from './http/app.js';
import { installAdminToken, seedDemoHub } from './services/registry/seed-demo.js';
import type { HubContext } from './services/hub-context.js';
import { assertOperatorKeyOpensKeys } from './services/registry/hub-identity.js';
import { verifyUrlFor } from './services/issuance/issue-certificate.js';
import { ensurePrivateDir, restrictMode } from './adapters/fs/private-files.js';

/**
 * Starts the hub: wires adapters, seeds the demo registry on first start, installs the
 * admin token and listens. Demo tokens are kept in the data folder (mode 0600) so they
 * can be printed again on the next start; the database holds only their hashes.
 */
export async function startServer(
  config: Config,
  print: (line: string) => void = console.log,
): Promise<{ app: FastifyInstance; ctx: HubContext; url: string }> {
  assertAdminTokenStrong(config);
  ensurePrivateDir(config.dataDir);
  const proofRunner = createProofPool(config.proofThreads);
  // the server adopts SKILLPASS_PUBLIC_URL: a new one moves the hub, and the earlier ones stay its aliases (README "Moving a hub")
  const ctx = await openHub({
    config,
    proofRunner,
    warn: (m) => print(`\n!!! ${m}\n`),
    adoptPublicUrl: true,
  });
  if (!config.publicUrlGiven && /^(0\.0\.0\.0|::|\[::\])$/.test(config.host)) {
    print(
      `\n!!! SKILLPASS_PUBLIC_URL is not set, so DIDs and verification URLs use ${config.publicUrl}, which no phone can open. Set it to the hub's public origin.\n`,
    );
  }
  await assertOperatorKeyOpensKeys(ctx);
  const tokensFile = join(config.dataDir, 'demo-tokens.json');
  const saved: Record<string, string> = existsSync(tokensFile)
    ? (JSON.parse(readFileSync(tokensFile, 'utf8')) as Record<string, string>)
    : {};
  // the pilot's demo workers and placements: demo mode only (a real hub never holds invented workers)
  const { seeded, outcomes } = config.seedDemo
    ? await seedDemoHub(ctx, config.seedDemoOutcomes && isDemoMode(config))
    : { seeded: { seeded: false, tokens: {} }, outcomes: undefined };
  let tokens = { ...saved, ...seeded.tokens, ...outcomes?.tokens };

  if (config.adminToken) {
    await installAdminToken(ctx, config.adminToken, 'admin:env');
    delete tokens.admin;
  } else {
    tokens.admin ??= `sp_admin_${randomBytes(24).toString('base64url')}`;
    await installAdminToken(ctx, tokens.admin, 'admin:demo');
  }
  tokens = Object.fromEntries(
    Object.entries(tokens).sort(([a], [b]) => (a === 'admin' ? -1 : b === 'admin' ? 1 : a.localeCompare(b))),
  );
  if (Object.keys(tokens).length > 0) {
    writeFileSync(tokensFile, JSON.stringify(tokens, null, 2), { mode: 0o600 });
    restrictMode(tokensFile, 0o600); // the mode above applies only when the file is created
  }

  const app = await buildApp({
    ctx,
    bodyLimitBytes: config.bodyLimitBytes,
    logger: { level: config.logLevel },
    pressure: { maxEventLoopDelayMs: config.maxEventLoopDelayMs },
    batchBodyLimitBytes: config.batchBodyLimitBytes,
    rateLimits: config.rateLimits,
  });
  app.addHook('onClose', async () => {
    await proofRunner.close();
  });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const url =
    typeof address === 'object' && address ? `http://${config.host}:${address.port}` : config.publicUrl;
  print(`SkillPass hub listening on ${url} (public URL ${ctx.publicUrl}, DID ${ctx.hubDid})`);
  if (ctx.aliases.former.length > 0)
    print(
      `Former public URLs (still answered for): ${ctx.aliases.former.map((f) => f.publicUrl).join(', ')}`,
    );
  print(
    `Database: ${config.databaseUrl ? `PostgreSQL ${new URL(config.databaseUrl).host}${new URL(config.databaseUrl).pathname}` : config.databaseFile}${seeded.seeded ? ' (demo registry seeded)' : ''}`,
  );
  if (outcomes?.seeded)
    print(
      `Demo data (invented): ${outcomes.certificates} certificates of the KH-TH construction pilot, ${outcomes.placements} placements, ${outcomes.followUps} employer follow-ups, ${outcomes.workerAnswers} worker survey answers, ${outcomes.checks} employer checks`,
    );
  if (config.adminToken) print('Admin token: from SKILLPASS_ADMIN_TOKEN');
  for (const [who, token] of Object.entries(tokens))
    print(`${who === 'admin' ? 'Admin token' : `Token for ${who}`}: ${token}`);
  for (const line of await nextSteps(ctx, isDemoMode(config))) print(line);
  return { app, ctx, url };
}

/**
 * What a newcomer tries next, each with a URL that answers (test/e2e/first-start.test.ts): the
 * verification page of the newest certificate (demo mode only: outside it, that page names a real
 * worker, and start-up output ends up in logs), the scanner and the API document. The OpenAPI
 * line keeps its "OpenAPI:" label (test/helpers/server-process.ts waits for it).
 */
async function nextSteps(ctx: HubContext, demo: boolean): Promise<string[]> {
  const spokes = demo ? (await ctx.store.repos.spokes.list()).map((s) => s.slug) : [];
  const [newest] =
    spokes.length > 0 ? await ctx.store.repos.certificates.search({ spokes, limit: 1, offset: 0 }) : [];
  return [
    'Try next:',
    newest
      ? `  1. the verification page of the newest certificate (what its QR code opens): ${verifyUrlFor(ctx.publicUrl, newest.id)}`
      : '  1. certify a worker (README "A walk through the flow"), then open the verifyUrl of the answer: its verification page, what its QR code opens',
    `  2. the scanner (camera, photo or pasted text; several certificates in a row): ${ctx.publicUrl}/scan`,
    `  3. the API, every endpoint with its schemas: OpenAPI: ${ctx.publicUrl}/docs`,
  ];
}
