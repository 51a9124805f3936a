import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/test-hub.js';
import { loadSchemas } from '../../src/http/schemas.js';

describe('GET /docs', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  it('serves an OpenAPI 3.1 document whose request bodies come from schemas/', async () => {
    const doc = (await hub.app.inject({ url: '/docs' })).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/certificates',
      '/verifications',
      '/registry/qualifications',
      '/registry/spokes',
      '/credentials/issue',
      '/credentials/verify',
      '/presentations/verify',
    ]) {
      expect(doc.paths[path]?.post, path).toBeDefined();
    }
    const schemaIds = loadSchemas().map((s) => s.$id);
    for (const id of ['CertificateRequest', 'VerificationRequest', 'QualificationRequest'])
      expect(schemaIds).toContain(id);
    const body = JSON.stringify(doc.paths['/certificates'].post.requestBody);
    expect(body).toContain('CertificateRequest');
    expect(JSON.stringify(doc.components.schemas.CertificateRequest)).toContain('assessment');
    for (const path of ['/recognition/agreements', '/recognition/check'])
      expect(doc.paths[path]?.post, path).toBeDefined();
    expect(JSON.stringify(doc.paths['/recognition/agreements'].post.requestBody)).toContain(
      'RecognitionAgreement',
    );
    // outcomes (README "Placements and follow-ups"): employer routes with their bodies from schemas/
    expect(JSON.stringify(doc.paths['/placements']?.post?.requestBody)).toContain('PlacementRequest');
    expect(doc.paths['/placements']?.get?.security).toEqual([{ bearer: [] }]);
    expect(JSON.stringify(doc.paths['/placements/{id}/follow-ups']?.post?.requestBody)).toContain(
      'FollowUpRequest',
    );
    expect(doc.paths['/follow-ups/due']?.get).toBeDefined();
    expect(JSON.stringify(doc.components.schemas.CertificateRequest)).toContain('consentToFollowUp');
    expect(Object.keys(doc.paths['/recognition/check'].post.requestBody.content)).toEqual([
      'application/json',
      'text/csv',
    ]);
  });
});
