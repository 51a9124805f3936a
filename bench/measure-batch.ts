import type { Measurement } from './stats.js';

/**
 * The cohort path: one CSV of `rows` workers uploaded (POST /batches, the preview), committed
 * (POST /batches/:id/commit) and followed until every row is issued. The rate is certificates
 * per second from the commit to the last row (the preview is timed separately); p50/p99 are
 * not per certificate here, so they are left empty.
 */
export async function measureBatch(
  url: string,
  token: string,
  rows: number,
): Promise<{ m: Measurement; previewSeconds: number }> {
  const header =
    'qualification,holderName,holderBirthDate,holderDocumentNumber,assessmentDate,assessmentLanguage,result';
  const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const csv = `${header}\n${Array.from({ length: rows }, (_, i) => `TH-BRICK-1,Bench Cohort ${i} ${Date.now()},1990-01-01,,${day},km,competent`).join('\n')}\n`;
  const auth = { authorization: `Bearer ${token}` };
  // right after the load runs the overload guard may still answer 503 for a moment: retry as a client would
  const fetch = async (input: string, init?: RequestInit): Promise<Response> => {
    for (let i = 0; ; i++) {
      const res = await globalThis.fetch(input, init);
      if (res.status !== 503 || i >= 50) return res;
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const t0 = performance.now();
  const upload = await fetch(`${url}/batches`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'text/csv' },
    body: csv,
  });
  const preview = (await upload.json()) as { id: string; counts: { valid: number } };
  if (upload.status !== 201 || preview.counts.valid !== rows)
    throw new Error(`POST /batches: ${upload.status} ${JSON.stringify(preview).slice(0, 500)}`);
  const t1 = performance.now();
  const commit = await fetch(`${url}/batches/${preview.id}/commit`, { method: 'POST', headers: auth });
  if (commit.status !== 202) throw new Error(`commit: ${commit.status}`);
  for (;;) {
    const s = (await (await fetch(`${url}/batches/${preview.id}`, { headers: auth })).json()) as {
      state: string;
      counts: { issued: number; failed: number };
    };
    if (s.state === 'completed') {
      if (s.counts.issued !== rows)
        throw new Error(
          `batch completed with ${s.counts.issued} of ${rows} issued (${s.counts.failed} failed)`,
        );
      break;
    }
    await new Promise((r) => setTimeout(r, 20)); // a coarse poll would add up to its period to a one-second cohort
  }
  const seconds = (performance.now() - t1) / 1000;
  return {
    m: { opsPerSec: rows / seconds, p50Ms: null, p99Ms: null, count: rows, seconds },
    previewSeconds: (t1 - t0) / 1000,
  };
}
