import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, verify, type TestHub } from '../helpers/test-hub.js';
import { issueValid } from '../helpers/certificates.js';
import { authorityToken } from '../helpers/recognition.js';

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

  it('speaks five languages: ?lang, Accept-Language, the posted form; a switcher; the lang attribute', async () => {
    const km = await hub.app.inject({ url: '/recognition?lang=km' });
    expect(km.headers['content-language']).toBe('km');
    expect(km.body).toContain('<html lang="km">');
    expect(km.body).toContain('<h1>ការពិនិត្យការទទួលស្គាល់</h1>');
    expect(km.body).toContain('<input type="hidden" name="lang" value="km">');
    for (const l of ['en', 'th', 'km', 'lo', 'my'])
      expect(km.body).toContain(`href="/recognition?lang=${l}"`);
    const th = await hub.app.inject({
      url: '/recognition',
      headers: { 'accept-language': 'th-TH,th;q=0.9' },
    });
    expect(th.body).toContain('<html lang="th">');
    expect(th.body).toContain('ตรวจสอบการรับรอง</button>');
    const lo = await hub.app.inject({
      method: 'POST',
      url: '/recognition',
      ...form({ certificate: brick.verifyUrl, destination: 'TH', lang: 'lo' }),
    });
    expect(lo.body).toContain('<html lang="lo">');
    expect(lo.body).toContain('<h2 id="verdict-title">ໄດ້ຮັບການຮັບຮອງ</h2>');
    const my = await hub.app.inject({
      method: 'POST',
      url: '/recognition',
      ...form({ certificate: '', destination: 'TH', lang: 'my' }),
    });
    expect(my.statusCode).toBe(400);
    expect(my.body).toContain('လက်မှတ်၊ ၎င်း၏ QR ကုဒ်စာသား သို့မဟုတ် စစ်ဆေးရန်လင့်ခ်ကို ကူးထည့်ပါ။');
  });

  it('the decision comes first, before the form to check another certificate', async () => {
    const res = await hub.app.inject({
      method: 'POST',
      url: '/recognition',
      ...form({ certificate: brick.verifyUrl, destination: 'TH' }),
    });
    const html = res.body;
    expect(html.indexOf('id="verdict-title"')).toBeGreaterThan(0);
    expect(html.indexOf('id="verdict-title"')).toBeLessThan(html.indexOf('<form'));
    expect(html).toContain('<h2>Check another certificate</h2>');
  });

  describe('the signed receipt, with an authority token', () => {
    const receiptOf = (html: string) => {
      const m =
        /<a class="button" id="receipt-download" href="data:application\/json;base64,([A-Za-z0-9+/=]+)" download="(recognition-receipt-[0-9a-f-]+\.json)">/.exec(
          html,
        );
      return m
        ? { receipt: JSON.parse(Buffer.from(m[1]!, 'base64').toString('utf8')), file: m[2]! }
        : undefined;
    };

    it('is offered as a file that verifies valid with POST /verifications; changed, it does not', async () => {
      const token = await authorityToken(hub, 'TH');
      const res = await hub.app.inject({
        method: 'POST',
        url: '/recognition',
        ...form({ certificate: brick.verifyUrl, destination: 'TH', token }),
      });
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain(token); // the token is never put back into the page
      const got = receiptOf(res.body);
      expect(got).toBeDefined();
      expect(got!.receipt.credentialSubject.type).toBe('RecognitionDecision');
      expect(got!.file).toBe(`recognition-receipt-${String(got!.receipt.id).replace('urn:uuid:', '')}.json`);
      expect((await verify(hub, { credential: got!.receipt })).outcome).toBe('valid');
      const forged = structuredClone(got!.receipt);
      forged.credentialSubject.decision = 'not-recognised';
      expect((await verify(hub, { credential: forged })).outcome).toBe('invalid');
    });

    it("without a token there is no receipt; a wrong token or another country's authority signs nothing", async () => {
      const none = await hub.app.inject({
        method: 'POST',
        url: '/recognition',
        ...form({ certificate: brick.verifyUrl, destination: 'TH' }),
      });
      expect(receiptOf(none.body)).toBeUndefined();
      expect(none.body).toContain('POST /recognition/check');
      const before = (await hub.ctx.store.repos.audit.all()).length;
      const wrong = await hub.app.inject({
        method: 'POST',
        url: '/recognition',
        ...form({ certificate: brick.verifyUrl, destination: 'TH', token: 'sp_authority_not-a-token' }),
      });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.body).toContain('Nothing was signed.');
      expect(receiptOf(wrong.body)).toBeUndefined();
      const other = await hub.app.inject({
        method: 'POST',
        url: '/recognition',
        ...form({ certificate: brick.verifyUrl, destination: 'TH', token: await authorityToken(hub, 'SG') }),
      });
      expect(other.statusCode).toBe(403);
      expect(receiptOf(other.body)).toBeUndefined();
      expect((await hub.ctx.store.repos.audit.all()).length).toBe(before);
    });
  });
});
