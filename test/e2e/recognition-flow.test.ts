import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';

/**
 * Recognition over a real port against the real server process (as `npm start` runs it,
 * with its proof worker pool): the demo authority token it prints records an agreement for
 * its country, checks a list and gets a receipt that verifies.
 */
describe('recognition end to end', () => {
  let server: ServerProcess;
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  beforeAll(async () => {
    server = await startServerProcess();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('the printed authority token records, checks in bulk and gets a receipt that verifies', async () => {
    const authority = server.output().match(/Token for authority TH: (\S+)/)![1]!;
    const centre = server.output().match(/Token for centre kh-ntti: (\S+)/)![1]!;
    const today = new Date().toISOString().slice(0, 10);
    const ids: string[] = [];
    for (const format of ['di', 'vc+jwt']) {
      const issued = await post(
        '/certificates',
        {
          qualification: 'TH-PLASTER-1',
          format,
          holder: { name: 'Chan Sophea', birthDate: '1990-02-03' },
          assessment: { date: today, language: 'km', result: 'competent' },
        },
        centre,
      );
      expect(issued.status).toBe(201);
      ids.push(issued.body.verifyUrl);
    }

    const agreement = await post(
      '/recognition/agreements',
      {
        id: 'th-plaster-mou',
        version: 1,
        title: 'TH plastering MOU',
        kind: 'bilateral-mou',
        reference: 'e2e',
        parties: { origin: ['KH'], destination: ['TH'] },
        coverage: { qualifications: ['TH-PLASTER-1'] },
        grants: { equivalentLevel: { framework: 'TH-TPQF', level: 2 } },
        validFrom: '2025-01-01',
        source: { title: 'e2e' },
      },
      authority,
    );
    expect(agreement.status).toBe(201);

    const bulk = await post(
      '/recognition/check',
      { destination: 'TH', certificates: ids, issueReceipt: true },
      authority,
    );
    expect(bulk.status).toBe(200);
    expect(bulk.body.summary.recognised).toBe(2);
    // the MOU gives a higher TPQF level than the MRS, both recognise without conditions left: it wins
    expect(bulk.body.results[0]).toMatchObject({
      agreement: { id: 'th-plaster-mou' },
      choice: { code: 'higher-equivalent-level' },
    });
    const verified = await post('/verifications', { credential: bulk.body.results[1].receipt });
    expect(verified.body.outcome).toBe('valid');
    expect(verified.body.checks.find((c: { id: string }) => c.id === 'issuer').message).toBe(
      'Issued by the hub itself, signed with its own key.',
    );

    const page = await fetch(`${server.url}/recognition`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Recognition check');
  });
});
