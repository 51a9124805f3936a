/** Single requests to the bench server: issuing the credentials and sampling a verification. */
export async function postJson(
  url: string,
  body: unknown,
  token?: string,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

export async function issueOverHttp(
  baseUrl: string,
  token: string,
  request: Record<string, unknown>,
): Promise<Record<string, unknown> | string> {
  const { status, json } = await postJson(`${baseUrl}/certificates`, request, token);
  if (status !== 201) throw new Error(`POST /certificates answered ${status}: ${JSON.stringify(json)}`);
  const credential = json.credential;
  if (typeof credential !== 'string' && (typeof credential !== 'object' || credential === null))
    throw new Error('POST /certificates returned no credential');
  return credential as Record<string, unknown> | string;
}

/** A full, parsed check that the server says "valid" for this credential. */
export async function assertVerifiesValid(
  baseUrl: string,
  credential: Record<string, unknown> | string,
): Promise<void> {
  const { status, json } = await postJson(`${baseUrl}/verifications`, { credential });
  if (status !== 200 || json.outcome !== 'valid')
    throw new Error(`POST /verifications sample: ${status} ${JSON.stringify(json).slice(0, 800)}`);
}

/** Issues `n` certificates with distinct holders (so distinct bytes), `concurrency` at a time. */
export async function issueMany(
  baseUrl: string,
  token: string,
  format: 'di' | 'vc+jwt',
  n: number,
  request: (format: 'di' | 'vc+jwt', name: string) => Record<string, unknown>,
  concurrency = 16,
): Promise<(Record<string, unknown> | string)[]> {
  const out: (Record<string, unknown> | string)[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await issueOverHttp(baseUrl, token, request(format, `Worker ${format} ${i}`));
      }
    }),
  );
  return out;
}
