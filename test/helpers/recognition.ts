import { newToken } from '../../src/services/access/tokens.js';
import { nowIso } from '../../src/services/hub-context.js';
import type { TestHub } from './test-hub.js';

/** A destination authority's token, scoped to its country (tokens.country). */
export async function authorityToken(hub: TestHub, country: string): Promise<string> {
  const { token, record } = newToken(
    'authority',
    null,
    `authority:${country}:${Math.random().toString(36).slice(2)}`,
    nowIso(hub.ctx),
  );
  await hub.ctx.store.repos.tokens.insert({ ...record, country });
  return token;
}

export async function checkRecognition(
  hub: TestHub,
  payload: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  return hub.app.inject({ method: 'POST', url: '/recognition/check', payload, headers });
}
