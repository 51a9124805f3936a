import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { brickRequest, issue, startTestHub, verify, type TestHub } from '../helpers/test-hub.js';
import { didKeyCredential } from '../helpers/did-key.js';

/**
 * Issuance and verification make no network call (docs/architecture.md: verification is offline by
 * default). Every way out of the process is trapped while they run; app.inject uses no socket.
 */
describe('offline by default', () => {
  let hub: TestHub;
  const attempts: string[] = [];
  const restore: (() => void)[] = [];
  const trap = <T extends object>(obj: T, key: keyof T & string, label: string) => {
    const original = obj[key];
    (obj as Record<string, unknown>)[key] = (...args: unknown[]) => {
      attempts.push(`${label} ${JSON.stringify(args[0])?.slice(0, 80)}`);
      throw new Error(`network call attempted: ${label}`);
    };
    restore.push(() => {
      (obj as Record<string, unknown>)[key] = original;
    });
  };

  beforeAll(async () => {
    hub = await startTestHub();
    trap(net.Socket.prototype, 'connect', 'net.Socket.connect');
    trap(dns, 'lookup', 'dns.lookup');
    trap(http, 'request', 'http.request');
    trap(https, 'request', 'https.request');
    trap(globalThis, 'fetch', 'fetch');
  });
  afterAll(async () => {
    restore.forEach((r) => r());
    await hub.close();
  });

  it('the trap works: a fetch is caught', async () => {
    expect(() => fetch('http://127.0.0.1:9/')).toThrow('network call attempted');
    expect(() => net.connect(9, '127.0.0.1')).toThrow('network call attempted');
    expect(attempts.splice(0)).toHaveLength(2);
  });

  it('issues and verifies Data Integrity and JWT credentials, did:key issuers, unknown contexts and foreign DIDs with no network call', async () => {
    const di = (await issue(hub)).credential as Record<string, any>;
    const jwt = (await issue(hub, brickRequest({ format: 'vc+jwt' }))).credential;
    expect((await verify(hub, { credential: di })).outcome).toBe('valid');
    expect((await verify(hub, { credential: jwt })).outcome).toBe('valid');
    expect((await verify(hub, { credential: await didKeyCredential(hub.ctx) })).checks[1]!.outcome).toBe(
      'valid',
    );
    const unknownContext = { ...di, '@context': [...di['@context'], 'https://example.org/ctx.jsonld'] };
    // an unbundled context cannot be read, so the hub cannot judge the credential: indeterminate, and never fetched
    expect((await verify(hub, { credential: unknownContext })).outcome).toBe('indeterminate');
    const foreign = {
      ...di,
      issuer: 'did:web:example.org',
      proof: { ...di.proof, verificationMethod: 'did:web:example.org#key-1' },
    };
    expect((await verify(hub, { credential: foreign })).checks[1]!.outcome).toBe('indeterminate');
    expect(attempts).toEqual([]);
  });
});
