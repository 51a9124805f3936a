import type { AuditEntryContent } from '../../domain/audit-chain.js';
import type { Repositories } from '../ports.js';

/**
 * A change to the registry (a framework, qualification, centre, accreditation, key or the hub's
 * own address) is two facts written in the same unit of work: the registry version moves, so
 * verifiers and the cached snapshot and trust list see a new registry, and the audit chain
 * records who changed what (docs/architecture.md, "Rules that keep it trustworthy").
 */
export async function recordRegistryChange(
  repos: Pick<Repositories, 'meta' | 'audit'>,
  entry: Omit<AuditEntryContent, 'seq'>,
): Promise<void> {
  await repos.meta.bumpRegistryVersion();
  await repos.audit.append(entry);
}
