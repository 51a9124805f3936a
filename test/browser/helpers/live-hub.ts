import { startTestHub, type TestHub } from '../../helpers/test-hub.js';

/** A test hub on a real loopback port, for a real browser. */
export async function startLiveHub(): Promise<TestHub & { url: string }> {
  const hub = await startTestHub();
  const address = await hub.app.listen({ host: '127.0.0.1', port: 0 });
  return Object.assign(hub, { url: address });
}
