import { describe, expect, it } from 'vitest';
import { deflateRawSync } from 'node:zlib';
import {
  FORBIDDEN_KEYS,
  jsonBoundsProblem,
  MAX_JSON_DEPTH,
  parseBoundedJson,
} from '../../src/domain/json-bounds.js';
import { decodeJwtPayload } from '../../src/domain/jwt-payload.js';
import {
  CREDENTIAL_QR_PREFIX,
  decodeCredentialPayload,
  encodeCredentialPayload,
} from '../../src/adapters/qr/credential-payload.js';
import { base45Encode } from '../../src/domain/base45.js';
import { jwtAround as jwtWith, nestedArrays, nestedObjects } from '../helpers/hostile-json.js';

const codeOf = (f: () => unknown) => {
  try {
    f();
    return 'accepted';
  } catch (err) {
    return (err as { code?: string }).code ?? 'refused';
  }
};

describe('JSON bounds (src/domain/json-bounds.ts)', () => {
  it('accepts 64 levels of objects or arrays and refuses 65', () => {
    expect(MAX_JSON_DEPTH).toBe(64);
    expect(jsonBoundsProblem(nestedObjects(64))).toBeUndefined();
    expect(jsonBoundsProblem(nestedArrays(64))).toBeUndefined();
    expect(jsonBoundsProblem(nestedObjects(65))).toMatchObject({ code: 'too-deep', limit: 64 });
    expect(jsonBoundsProblem(nestedArrays(65))).toMatchObject({ code: 'too-deep' });
    expect(jsonBoundsProblem(nestedArrays(5000))).toMatchObject({ code: 'too-deep' });
    // depth is nesting, not the number of containers: many siblings are fine
    expect(jsonBoundsProblem(`[${'[[]],'.repeat(10_000)}[]]`)).toBeUndefined();
  });

  it('does not count brackets inside strings, even after escaped quotes and backslashes', () => {
    expect(
      jsonBoundsProblem(JSON.stringify({ s: '['.repeat(500), t: '\\"{{{{', u: '\\', v: '{'.repeat(100) })),
    ).toBeUndefined();
    // a string ending in an escaped backslash closes: the brackets after it count
    expect(jsonBoundsProblem(`{"s":"\\\\",${'"x":['.repeat(70)}${']'.repeat(70)}}`)).toMatchObject({
      code: 'too-deep',
    });
    // an escaped quote does not close the string: the brackets after it are still text
    expect(jsonBoundsProblem(`{"s":"\\"${'['.repeat(100)}"}`)).toBeUndefined();
  });

  it('refuses text longer than its limit, 256 KiB by default', () => {
    expect(jsonBoundsProblem(JSON.stringify({ s: 'x'.repeat(300 * 1024) }))).toMatchObject({
      code: 'too-large',
      limit: 256 * 1024,
    });
    expect(jsonBoundsProblem('[1]', { maxLength: 2 })).toMatchObject({ code: 'too-large' });
    expect(
      jsonBoundsProblem(JSON.stringify({ s: 'x'.repeat(300 * 1024) }), {
        maxLength: Number.POSITIVE_INFINITY,
      }),
    ).toBeUndefined();
  });

  it('refuses a key named after an Object.prototype member, however it is written; the same words as values are fine', () => {
    expect([...FORBIDDEN_KEYS].sort()).toEqual(Object.getOwnPropertyNames(Object.prototype).sort());
    for (const key of FORBIDDEN_KEYS) {
      expect(jsonBoundsProblem(`{"a":[{${JSON.stringify(key)}:1}]}`), key).toMatchObject({
        code: 'forbidden-key',
      });
      expect(jsonBoundsProblem(`{"a":[{${JSON.stringify(key)} \n :1}]}`), key).toMatchObject({
        code: 'forbidden-key',
      });
      expect(
        jsonBoundsProblem(JSON.stringify({ name: key, list: [key], [`${key}x`]: 1, [`x${key}`]: 1 })),
        key,
      ).toBeUndefined();
    }
    // escaped: "to\u0053tring" is toString once parsed
    expect(jsonBoundsProblem('{"to\\u0053tring":1}')).toMatchObject({ code: 'forbidden-key' });
    expect(jsonBoundsProblem('{"\\u005f_proto__":{}}')).toMatchObject({ code: 'forbidden-key' });
    expect(jsonBoundsProblem('{"to\\u0053trin":1}')).toBeUndefined();
  });

  it('refuses a NUL character in a string (PostgreSQL text cannot hold one), not a backslash followed by "u0000"', () => {
    expect(jsonBoundsProblem(JSON.stringify({ name: 'Sok\u0000Dara' }))).toMatchObject({
      code: 'nul-character',
    });
    expect(jsonBoundsProblem('["\\\\\\u0000"]')).toMatchObject({ code: 'nul-character' }); // an escaped backslash, then the escape
    expect(jsonBoundsProblem(JSON.stringify({ name: '\\u0000' }))).toBeUndefined(); // the six characters \u0000
    expect(jsonBoundsProblem(JSON.stringify({ name: 'Sok\u0001Dara' }))).toBeUndefined();
  });

  it('parses exactly as JSON.parse within the bounds; a typed too-deep error beyond them', () => {
    for (const text of [
      '{"a":[1,2,{"b":"]"}]}',
      '"text"',
      '12',
      'null',
      '{"name":"__proto__","v":["toString"]}',
    ])
      expect(parseBoundedJson(text)).toEqual(JSON.parse(text));
    expect(() => parseBoundedJson('{"a":')).toThrow(SyntaxError);
    expect(() => parseBoundedJson('{"a":"unterminated')).toThrow(SyntaxError);
    expect(codeOf(() => parseBoundedJson(nestedArrays(65)))).toBe('too-deep');
  });

  it('bounds the JSON inside a JWT payload', () => {
    expect(decodeJwtPayload(jwtWith(nestedObjects(MAX_JSON_DEPTH)))).toHaveProperty('a');
    expect(codeOf(() => decodeJwtPayload(jwtWith(nestedObjects(5000))))).toBe('too-deep');
  });

  it('bounds the JSON inside an SKP1 QR payload, and what it inflates to (a deflate bomb)', () => {
    expect(decodeCredentialPayload(encodeCredentialPayload(nestedObjects(MAX_JSON_DEPTH)))).toHaveProperty(
      'a',
    );
    expect(codeOf(() => decodeCredentialPayload(encodeCredentialPayload(nestedObjects(5000))))).toBe(
      'too-deep',
    );
    // 10 MB of spaces deflate to about 10 kB: refused once 256 KiB are inflated, never unpacked whole
    const bomb =
      CREDENTIAL_QR_PREFIX +
      base45Encode(
        deflateRawSync(
          Buffer.concat([Buffer.from('{"a":"'), Buffer.alloc(10_000_000, 0x20), Buffer.from('"}')]),
        ),
      );
    expect(bomb.length).toBeLessThan(30_000);
    expect(codeOf(() => decodeCredentialPayload(bomb))).toBe('too-large');
  });
});
