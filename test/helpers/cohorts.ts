import { bearer, type TestHub } from './test-hub.js';

/** Cohort CSV builders and a wait for a batch to finish, shared by the batch tests. */
export const HEADER =
  'qualification,holderName,holderBirthDate,holderDocumentNumber,assessmentDate,assessmentLanguage,result';
export const cohortCsv = (n: number, prefix = 'Worker', qualification = 'TH-BRICK-1') =>
  `${HEADER}\n${Array.from({ length: n }, (_, i) => `${qualification},${prefix} ${i + 1},1990-01-${String((i % 28) + 1).padStart(2, '0')},,2026-11-18,km,competent`).join('\n')}\n`;

export async function waitForBatch(hub: TestHub, id: string, token: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = (await hub.app.inject({ url: `/batches/${id}`, headers: bearer(token) })).json();
    if (s.state === 'completed') return s;
    if (Date.now() > deadline) throw new Error(`batch ${id} did not complete: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
