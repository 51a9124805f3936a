import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  certificateRef,
  destinationOf,
  flushStatisticEvents,
  noteRecognition,
  noteVerification,
  verifierDestination,
} from '../../../src/services/outcomes/statistics-events.js';
import { verifyWithHub, loadCertificate } from '../../../src/services/verification/verification-service.js';
import { brickRequest, issue, startTestHub, type TestHub } from '../../helpers/test-hub.js';
import { ADMIN, authorityOf, KH_ISSUER } from '../../helpers/service-calls.js';

/** Verification and recognition events (src/services/outcomes/statistics-events.ts): counted without personal data. */
describe('statistic events', () => {
  let hub: TestHub;
  let id: string;
  const rows = () =>
    (hub.ctx.store as unknown as { db: { prepare(sql: string): { all(): Record<string, unknown>[] } } }).db
      .prepare('SELECT * FROM statistic_events ORDER BY rowid')
      .all();

  beforeAll(async () => {
    hub = await startTestHub();
    id = (await issue(hub, brickRequest({ holder: { name: 'Chan Sophea', birthDate: '1993-03-03' } }))).id;
  });
  afterAll(async () => {
    await hub.close();
  });

  it('one row per check of a certificate this hub holds, with no id, name or token in it', async () => {
    const result = await verifyWithHub(hub.ctx, await loadCertificate(hub.ctx, id));
    noteVerification(hub.ctx, result, 'TH');
    noteVerification(hub.ctx, result, null);
    noteRecognition(hub.ctx, { decision: 'recognised', verification: result, query: { destination: 'TH' } });
    // a credential id this hub never issued is not counted
    noteVerification(
      hub.ctx,
      { ...result, credential: { ...result.credential!, id: 'urn:uuid:not-ours' } },
      'TH',
    );
    await flushStatisticEvents(hub.ctx);
    const events = rows();
    expect(
      events.map((e) => [e.kind, e.destination, e.outcome, e.centre, e.qualification, e.aqrf_level]),
    ).toEqual([
      ['verification', 'TH', 'valid', 'kh-ntti', 'TH-BRICK-1', 1],
      ['verification', '', 'valid', 'kh-ntti', 'TH-BRICK-1', 1],
      ['recognition', 'TH', 'recognised', 'kh-ntti', 'TH-BRICK-1', 1],
    ]);
    const text = JSON.stringify(events);
    expect(text).not.toContain(id.replace('urn:uuid:', ''));
    expect(text).not.toContain('Chan Sophea');
    expect(text).not.toContain(ADMIN.tokenId);
    // the same certificate, the same reference (distinct counts), and not the id itself
    expect(new Set(events.map((e) => e.certificate_ref)).size).toBe(1);
    expect(events[0]!.certificate_ref).not.toBe(certificateRef('', id));
  });

  it('the destination is an authority or employer token country; anything else is anonymous', async () => {
    expect(destinationOf(authorityOf('TH'))).toBe('TH');
    expect(destinationOf({ tokenId: 'e', role: 'employer', spoke: null, country: 'MY' })).toBe('MY');
    expect(destinationOf(KH_ISSUER)).toBeNull();
    expect(destinationOf(undefined)).toBeNull();
    // a wrong token on an open verification route is simply anonymous, not an error
    expect(await verifierDestination(hub.ctx, 'Bearer nope')).toBeNull();
    expect(await verifierDestination(hub.ctx, undefined)).toBeNull();
  });
});
