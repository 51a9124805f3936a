import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/test-hub.js';
import { issueValid } from '../helpers/certificates.js';

const form = (fields: Record<string, string>) => ({
  payload: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

describe("GET/POST /recognition (the authorities' page)", () => {
  let hub: TestHub;
  let brick: Awaited<ReturnType<typeof issueValid>>;
  beforeAll(async () => {
    hub = await startTestHub();
    brick = await issueValid(hub);
  });
  afterAll(async () => {
    await hub.close();
  });

  it('serves a phone-friendly form: paste or file, destination, purpose, facts', async () => {
    const res = await hub.app.inject({ url: '/recognition' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const html = res.body;
    expect(html).toContain('<meta name="viewport" content="width=device-width,initial-scale=1">');
    for (const name of [
      'certificate',
      'destination',
      'intendedOccupation',
      'permitCategory',
      'yearsOfExperience',
      'salaryAmount',
      'salaryCurrency',
    ])
      expect(html).toContain(`name="${name}"`);
    expect(html).toContain('<option value="TH">Thailand (TH)</option>');
    expect(html).toContain('<option value="SG">Singapore (SG)</option>');
    expect(html).toContain('value="SG-WP-R1"');
    expect(html).toMatch(/<script src="\/assets\/jsqr-[0-9a-f]+\.js" defer><\/script>/);
    expect(html).toContain('type="file"');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self';");
    expect(html).not.toMatch(/<script>/); // no inline script: the CSP would block it
    const script = /<script src="(\/assets\/recognition-[0-9a-f]+\.js)" defer>/.exec(html)![1]!;
    const js = await hub.app.inject({ url: script });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('text/javascript');
    expect(js.body).toContain('FileReader');
  });

  it('a pasted verification link gives the decision with its reasons, conditions and the verification', async () => {
    const res = await hub.app.inject({
      method: 'POST',
      url: '/recognition',
      ...form({
        certificate: brick.verifyUrl,
        destination: 'SG',
        permitCategory: 'SG-WP-R1',
        yearsOfExperience: '7',
        salaryAmount: '1700',
        salaryCurrency: 'sgd',
      }),
    });
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('Recognised, with conditions');
    expect(html).toContain('Work Permit, higher-skilled tier (R1) (SG-WP-R1)');
    expect(html).toContain('Conditions still to meet');
    expect(html).toContain('Deadline: 2028-11-20.');
    expect(html).toContain('7 years of experience stated');
    expect(html).toContain('Offered SGD 1,700 a month');
    expect(html).toContain('Agreements considered');
    expect(html).toContain('Illustrative demo data.');
    expect(html).toContain('Sok Dara');
    expect(html).toContain('<option value="SG" selected>Singapore (SG)</option>');
  });

  it('a pasted credential JSON recognised in Thailand', async () => {
    const res = await hub.app.inject({
      method: 'POST',
      url: '/recognition',
      ...form({ certificate: JSON.stringify(brick.credential), destination: 'TH' }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h2 id="verdict-title">Recognised</h2>');
    expect(res.body).toContain('TH-TPQF level 1');
  });

  it('an unknown certificate is a 404 page, missing input a 400 page, and pasted text is escaped', async () => {
    const unknown = await hub.app.inject({
      method: 'POST',
      url: '/recognition',
      ...form({ certificate: 'urn:uuid:00000000-0000-4000-8000-000000000000', destination: 'TH' }),
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('This hub has no certificate with this number or link.');
    const missing = await hub.app.inject({
      method: 'POST',
      url: '/recognition',
      ...form({ certificate: '', destination: 'TH' }),
    });
    expect(missing.statusCode).toBe(400);
    const bad = await hub.app.inject({
      method: 'POST',
      url: '/recognition',
      ...form({ certificate: 'x', destination: 'TH', salaryAmount: '10' }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('three-letter currency code');
    const hostile = await hub.app.inject({
      method: 'POST',
      url: '/recognition',
      ...form({ certificate: '<script>alert(1)</script>', destination: 'TH' }),
    });
    expect(hostile.statusCode).toBe(200);
    expect(hostile.body).toContain('Not recognised');
    expect(hostile.body).not.toContain('<script>alert(1)</script>');
    expect(hostile.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
