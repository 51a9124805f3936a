import type { Accreditation, AccreditationEvent, AqrfLevel, CertificateRecord, Framework, Qualification, Spoke, SpokeKey } from '../domain/types.js';
import type { AuditEntry, AuditEntryContent } from '../domain/audit-chain.js';

/**
 * Storage ports. Every method returns a Promise even where the SQLite adapter is
 * synchronous, so a PostgreSQL adapter can slot in without touching services
 * (DESIGN.md, "Layers").
 */
export interface FrameworkRepository {
  list(): Promise<Framework[]>;
  get(id: string): Promise<Framework | undefined>;
  put(framework: Framework): Promise<void>;
  listAqrfLevels(): Promise<AqrfLevel[]>;
  putAqrfLevel(level: AqrfLevel): Promise<void>;
}

export interface QualificationRepository {
  list(): Promise<Qualification[]>;
  get(code: string): Promise<Qualification | undefined>;
  insert(q: Qualification): Promise<void>;
}

export interface StoredSpokeKey extends SpokeKey {
  /** private key, encrypted at rest with the operator key; never leaves the adapters/services */
  encryptedSecret: string;
}

export interface SpokeRepository {
  list(): Promise<Spoke[]>;
  get(slug: string): Promise<Spoke | undefined>;
  getByDid(did: string): Promise<Spoke | undefined>;
  insert(spoke: Spoke): Promise<void>;
  keys(slug: string): Promise<SpokeKey[]>;
  key(id: string): Promise<SpokeKey | undefined>;
  activeSigningKey(slug: string): Promise<StoredSpokeKey | undefined>;
  insertKey(key: StoredSpokeKey): Promise<void>;
  /** with their event history, oldest first */
  accreditations(slug: string): Promise<Accreditation[]>;
  insertAccreditation(a: Accreditation): Promise<void>;
  appendAccreditationEvent(accreditationId: string, event: AccreditationEvent): Promise<void>;
  updateKey(id: string, change: { validUntil?: string; compromisedFrom?: string }): Promise<void>;
}

export interface StatusListRecord {
  id: string;
  spoke: string;
  listNumber: number;
  purpose: 'revocation' | 'suspension';
  size: number;
  bits: Uint8Array;
  version: number;
  signedVersion: number | null;
  signedCredential: string | null;
  createdAt: string;
}

export interface StatusAllocation { spoke: string; listNumber: number; index: number; certificateId: string }

export interface StatusListRepository {
  get(id: string): Promise<StatusListRecord | undefined>;
  listIds(spoke: string, listNumber: number): Promise<Record<'revocation' | 'suspension', string> | undefined>;
  /** the centre's newest list number and how many indexes it has handed out */
  openList(spoke: string): Promise<{ listNumber: number; allocated: number; size: number } | undefined>;
  createLists(spoke: string, listNumber: number, size: number, now: string): Promise<void>;
  /** false when the index is already taken (the caller draws again) */
  tryAllocate(a: StatusAllocation): Promise<boolean>;
  allocationFor(certificateId: string): Promise<StatusAllocation | undefined>;
  /** sets one bit under the unit of work's lock and returns the list's new version */
  setBit(id: string, index: number, value: boolean): Promise<number>;
  saveSigned(id: string, version: number, credential: string): Promise<void>;
}

export interface MetaRepository {
  registryVersion(): Promise<number>;
  /** every registry change bumps it; the trust list's sequence number */
  bumpRegistryVersion(): Promise<number>;
}

export type Role = 'admin' | 'issuer' | 'authority';

export interface TokenRecord {
  id: string;
  hash: string; // sha256 of the token; the token itself is never stored
  role: Role;
  spoke: string | null;
  label: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface TokenRepository {
  findByHash(hash: string): Promise<TokenRecord | undefined>;
  insert(t: TokenRecord): Promise<void>;
  deleteByLabel(label: string): Promise<void>;
}

export interface CertificateRepository {
  insert(c: CertificateRecord): Promise<void>;
  get(id: string): Promise<CertificateRecord | undefined>;
  count(): Promise<number>;
}

export interface AuditRepository {
  /** Appends under the unit of work's lock so the chain never forks. */
  append(content: Omit<AuditEntryContent, 'seq'>): Promise<AuditEntry>;
  all(): Promise<AuditEntry[]>;
}

export interface SecretRepository {
  get(name: string): Promise<string | undefined>;
  put(name: string, value: string): Promise<void>;
  /** true when this call stored it; false when another writer (replica) already had */
  putIfAbsent(name: string, value: string): Promise<boolean>;
}

export interface Repositories {
  frameworks: FrameworkRepository;
  qualifications: QualificationRepository;
  spokes: SpokeRepository;
  tokens: TokenRepository;
  certificates: CertificateRepository;
  audit: AuditRepository;
  secrets: SecretRepository;
  statusLists: StatusListRepository;
  meta: MetaRepository;
}

/**
 * The one way to change several things atomically: `fn` gets repositories bound to
 * a transaction; everything commits together or nothing does.
 */
export type UnitOfWork = <T>(fn: (repos: Repositories) => Promise<T>) => Promise<T>;

export interface Store {
  engine: 'sqlite' | 'postgres';
  repos: Repositories;
  transaction: UnitOfWork;
  /** resolves when the database answers (readiness) */
  ping(): Promise<void>;
  close(): Promise<void>;
}
