import { describe, expect, it } from 'vitest';
import { DcqlQuery } from 'dcql';
import {
  CREDENTIAL_QUERY_ID,
  dcqlQueryFor,
  presentationOf,
  unanswered,
} from '../../../src/domain/presentations/dcql.js';

/** OpenID4VP 1.0 §6 (DCQL) and §8.1 (vp_token): the query an employer sends and how the answer is read. */
describe('the DCQL query and the vp_token', () => {
  it('asks for a SkillPass SD-JWT VC of the qualification by value, and only the claims asked for', () => {
    const query = DcqlQuery.parse(dcqlQueryFor('TH-BRICK-1', ['birthdate']) as DcqlQuery.Input);
    DcqlQuery.validate(query); // a query the independent dcql library accepts
    const held = (code: string, claims: Record<string, unknown> = {}) => ({
      credential_format: 'dc+sd-jwt' as const,
      vct: 'https://w3id.org/skillpass/vct/skill-certificate/v1',
      claims: { name: 'Sok Dara', qualification: { code }, centre: { name: 'C' }, ...claims },
      cryptographic_holder_binding: true,
    });
    expect(
      DcqlQuery.query(query, [held('TH-BRICK-1', { birthdate: '1995-04-12' }) as never]).can_be_satisfied,
    ).toBe(true);
    expect(
      DcqlQuery.query(query, [held('KH-SEW-2', { birthdate: '1995-04-12' }) as never]).can_be_satisfied,
    ).toBe(false);
    expect(DcqlQuery.query(query, [held('TH-BRICK-1') as never]).can_be_satisfied).toBe(false);
    const paths = (
      dcqlQueryFor('TH-BRICK-1') as { credentials: { claims: { path: string[] }[] }[] }
    ).credentials[0]!.claims.map((c) => c.path[0]);
    expect(paths).not.toContain('birthdate');
    expect(paths).not.toContain('identifier');
  });

  it('reads the one SD-JWT presentation keyed by the credential query id', () => {
    expect(presentationOf({ [CREDENTIAL_QUERY_ID]: ['a.b.c~'] })).toEqual({
      ok: true,
      presentation: 'a.b.c~',
    });
    expect(presentationOf({ [CREDENTIAL_QUERY_ID]: 'a.b.c~' })).toEqual({ ok: true, presentation: 'a.b.c~' });
  });

  it('refuses any other shape: an array, another query id, two presentations, another format', () => {
    expect(presentationOf(['a.b.c~'])).toMatchObject({ ok: false, error: 'invalid_request' });
    expect(presentationOf({ other: ['a.b.c~'] })).toMatchObject({ ok: false, error: 'invalid_request' });
    expect(presentationOf({ [CREDENTIAL_QUERY_ID]: ['a.b.c~'], other: [] })).toMatchObject({ ok: false });
    expect(presentationOf({ [CREDENTIAL_QUERY_ID]: ['a.b.c~', 'd.e.f~'] })).toMatchObject({
      ok: false,
      error: 'invalid_request',
    });
    expect(presentationOf({ [CREDENTIAL_QUERY_ID]: [{ type: 'VerifiablePresentation' }] })).toMatchObject({
      ok: false,
      error: 'vp_formats_not_supported',
    });
  });

  it('an answer must be for the qualification asked and disclose every claim asked for', () => {
    const asked = { qualification: 'TH-BRICK-1', claims: ['assessment'] };
    expect(
      unanswered(asked, { qualification: 'TH-BRICK-1', disclosed: ['assessment', 'birthdate'] }),
    ).toEqual([]);
    expect(unanswered(asked, { qualification: 'KH-SEW-2', disclosed: ['assessment'] })).toEqual([
      'qualification.code TH-BRICK-1',
    ]);
    expect(unanswered(asked, { qualification: 'TH-BRICK-1', disclosed: [] })).toEqual(['assessment']);
  });
});
