import type {
  Accreditation,
  AccreditationEvent,
  AqrfLevel,
  CertificateRecord,
  Framework,
  Qualification,
  Spoke,
  SpokeKey,
} from '../domain/types.js';
import type { AuditEntry, AuditEntryContent } from '../domain/audit-chain.js';
import type { RecognitionAgreement } from '../domain/recognition/agreement.js';
import type { StatusPair, StatusPurpose } from '../domain/status-list-credential.js';
import type { FollowUpConsent } from '../domain/outcomes/consent.js';
import type { PresentationRequest } from '../domain/presentations/presentation-request.js';
import type { VerificationResult } from '../domain/verification-result.js';
import type { FollowUp, Placement } from '../domain/outcomes/placement.js';
import type { CountMeasure, Dimension } from '../domain/outcomes/statistics-cube.js';
import type { WageMedianFact } from '../domain/outcomes/statistics-report.js';
import type { Employer } from '../domain/outcomes/employer.js';
import type { WorkerAnswer } from '../domain/outcomes/worker-survey.js';
import type { WalletOffer } from '../domain/wallets/offers.js';

/**
 * Storage ports. Every method returns a Promise even where the SQLite adapter is
 * synchronous, so a PostgreSQL adapter can slot in without touching services
 * (docs/architecture.md, "Layers").
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
  /** in the order they were created (a per-centre sequence, not their validFrom text) */
  keys(slug: string): Promise<SpokeKey[]>;
  key(id: string): Promise<SpokeKey | undefined>;
  activeSigningKey(slug: string): Promise<StoredSpokeKey | undefined>;
  insertKey(key: StoredSpokeKey): Promise<void>;
  /** with their event history, oldest first */
  accreditations(slug: string): Promise<Accreditation[]>;
  insertAccreditation(a: Accreditation): Promise<void>;
  appendAccreditationEvent(accreditationId: string, event: AccreditationEvent): Promise<void>;
  updateKey(id: string, change: { validUntil?: string; compromisedFrom?: string }): Promise<void>;
  /**
   * Holds the centre's keys still until the unit of work ends: `update` for a key change
   * (rotation, compromise), `share` for storing certificates signed with one of them. A rotation
   * therefore takes its instant after every certificate stored before it (services/registry/key-lifecycle.ts).
   * PostgreSQL locks the centre's row; SQLite's units of work already run one at a time.
   */
  lockKeys(slug: string, mode: 'share' | 'update'): Promise<void>;
}

export interface StatusListRecord {
  id: string;
  spoke: string;
  listNumber: number;
  /** each list number has one list of each purpose (domain/status-list-credential.ts) */
  purpose: StatusPurpose;
  /** entries (certificates) the list holds: one bit each */
  size: number;
  bits: Uint8Array;
  version: number;
  signedVersion: number | null;
  signedCredential: string | null;
  createdAt: string;
}

/** One entry's bit with what the status check compares: the list's purpose and owner. */
export interface StatusBit {
  set: boolean;
  purpose: string;
  spoke: string;
  issuer: string;
  version: number;
  size: number;
}

export interface StatusAllocation {
  spoke: string;
  listNumber: number;
  index: number;
  certificateId: string;
}

export interface StatusListRepository {
  get(id: string): Promise<StatusListRecord | undefined>;
  /**
   * Bits in one read, in the order asked (undefined where there is no such list), each read from
   * the one byte that holds it, not the whole list: the status check's hot path, all of a
   * certificate's bits (its entries' and the companion suspension bit) in one query and one
   * consistent snapshot.
   */
  bits(lookups: readonly { id: string; index: number }[]): Promise<(StatusBit | undefined)[]>;
  /** the revocation and suspension lists of a list number */
  listIds(spoke: string, listNumber: number): Promise<StatusPair | undefined>;
  /** the centre's newest list number and how many indexes it has handed out */
  openList(spoke: string): Promise<{ listNumber: number; allocated: number; size: number } | undefined>;
  /** opens list number `listNumber`: its revocation and suspension lists of `size` bits; a no-op when another writer just did */
  createLists(spoke: string, listNumber: number, size: number, now: string): Promise<void>;
  /** false when the index is already taken (the caller draws again) */
  tryAllocate(a: StatusAllocation): Promise<boolean>;
  allocationFor(certificateId: string): Promise<StatusAllocation | undefined>;
  /** gives a never-used index back (its certificate was not issued) */
  release(certificateId: string): Promise<void>;
  /** sets one bit under the unit of work's lock and returns the list's new version */
  setBit(id: string, index: number, value: boolean): Promise<number>;
  saveSigned(id: string, version: number, credential: string): Promise<void>;
}

export interface MetaRepository {
  registryVersion(): Promise<number>;
  /** every registry change bumps it; the trust list's sequence number */
  bumpRegistryVersion(): Promise<number>;
}

/** employer: a destination-country employer recording placements; programme: aggregates only (README "Placements and follow-ups") */
export type Role = 'admin' | 'issuer' | 'authority' | 'employer' | 'programme';

export interface TokenRecord {
  id: string;
  hash: string; // sha256 of the token; the token itself is never stored
  role: Role;
  spoke: string | null;
  label: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  /** an authority's or employer's country (ISO 3166-1 alpha-2); null for the other roles */
  country?: string | null;
  /** a programme token's corridors ("KH-TH": origin-destination), none meaning all; null for the other roles */
  corridors?: string[] | null;
  /** an employer token's employer (migration 012); null for the other roles */
  employerId?: string | null;
}

export interface TokenRepository {
  findByHash(hash: string): Promise<TokenRecord | undefined>;
  insert(t: TokenRecord): Promise<void>;
  deleteByLabel(label: string): Promise<void>;
  get(id: string): Promise<TokenRecord | undefined>;
  /** newest first; hashes included (callers never show them) */
  list(): Promise<TokenRecord[]>;
  /** false when there is no such token or it was already revoked */
  revoke(id: string, at: string): Promise<boolean>;
}

export interface CertificateSearch {
  /** the centres whose certificates may be listed */
  spokes: string[];
  /** matched against the id, the qualification code and the credential text (holder name) */
  q?: string;
  /** exact document-number match, as a holder document key */
  documentKey?: string;
  limit: number;
  offset: number;
}

export interface CertificateRepository {
  insert(c: CertificateRecord): Promise<void>;
  get(id: string): Promise<CertificateRecord | undefined>;
  count(): Promise<number>;
  /** this centre's certificates for the qualification whose holder keys match either key */
  findByHolder(
    spoke: string,
    qualification: string,
    keys: { holderKey: string | null; holderDocumentKey: string | null },
  ): Promise<CertificateRecord[]>;
  /** newest first */
  search(s: CertificateSearch): Promise<CertificateRecord[]>;
}

/** A testing centre's cohort: uploaded and checked (previewed), then committed row by row. */
export type BatchState = 'previewed' | 'committing' | 'completed';
export type BatchRowState = 'invalid' | 'pending' | 'issued' | 'failed';

export interface BatchRowError {
  column: string;
  code: string;
  message: string;
}

export interface BatchRecord {
  id: string;
  spoke: string;
  tokenId: string;
  state: BatchState;
  format: 'di' | 'vc+jwt';
  qr: 'url' | 'credential';
  /** where the rows came from: 'csv' or 'json' */
  source: string;
  total: number;
  createdAt: string;
  committedAt: string | null;
  completedAt: string | null;
  leaseOwner: string | null;
  leaseUntil: string | null;
}

export interface BatchRowRecord {
  batchId: string;
  /** spreadsheet row number for CSV (the header is row 1), position from 1 for JSON */
  row: number;
  /** the file line where a CSV record starts (differs from row when cells hold line breaks) */
  line: number | null;
  /** the row's cells by column name, as uploaded */
  input: Record<string, string>;
  errors: BatchRowError[];
  state: BatchRowState;
  /** decided when the row is stored, before anything is signed (null for invalid rows) */
  certificateId: string | null;
  failure: BatchRowError | null;
}

export type BatchCounts = Record<BatchRowState, number>;

export interface ConsistencyReport {
  /** status indexes of cohort rows held by neither an issued certificate nor a pending row with that certificate id */
  unaccountedAllocations: StatusAllocation[];
  /**
   * indexes of single issuances interrupted between their two steps (allocated, never stored):
   * no certificate carries them, so their bits are never set and they are never handed out again
   */
  abandonedAllocations: StatusAllocation[];
  /** batch rows marked issued whose certificate does not exist */
  issuedRowsWithoutCertificate: { batchId: string; row: number; certificateId: string }[];
  /** how many status indexes are in use in all */
  allocations: number;
}

export interface BatchRepository {
  insert(b: BatchRecord, rows: BatchRowRecord[]): Promise<void>;
  get(id: string): Promise<BatchRecord | undefined>;
  /** the centre's batches, newest first */
  list(spoke: string, limit: number): Promise<BatchRecord[]>;
  rows(
    id: string,
    opts?: { states?: BatchRowState[]; limit?: number; afterRow?: number },
  ): Promise<BatchRowRecord[]>;
  counts(id: string): Promise<BatchCounts>;
  /** previewed -> committing; false when it was not previewed */
  markCommitting(id: string, at: string): Promise<boolean>;
  /** committing -> completed */
  markCompleted(id: string, at: string): Promise<void>;
  listCommitting(): Promise<string[]>;
  /** take (or renew) the commit lease: free, expired, already ours, or `force` */
  claimLease(id: string, owner: string, now: string, until: string, force?: boolean): Promise<boolean>;
  releaseLease(id: string, owner: string): Promise<void>;
  /** pending -> issued | failed; false when the row was no longer pending (someone else finished it) */
  finishRow(id: string, row: number, state: 'issued' | 'failed', failure?: BatchRowError): Promise<boolean>;
  consistency(): Promise<ConsistencyReport>;
}

export interface IdempotencyRecord {
  tokenId: string;
  key: string;
  fingerprint: string;
  state: 'pending' | 'done';
  owner: string;
  status: number | null;
  headers: Record<string, string> | null;
  body: string | null;
  createdAt: string;
}

export interface IdempotencyRepository {
  /** inserts a pending claim unless the key exists; true when this call claimed it */
  claim(
    r: Pick<IdempotencyRecord, 'tokenId' | 'key' | 'fingerprint' | 'owner' | 'createdAt'>,
  ): Promise<boolean>;
  get(tokenId: string, key: string): Promise<IdempotencyRecord | undefined>;
  /** a pending claim left by `staleOwner` passes to `owner` (compare-and-set) */
  takeOver(tokenId: string, key: string, staleOwner: string, owner: string, now: string): Promise<boolean>;
  /** pending -> done with the answer, only for the claim's owner */
  complete(
    tokenId: string,
    key: string,
    owner: string,
    answer: { status: number; headers: Record<string, string>; body: string },
  ): Promise<boolean>;
  /** drops a pending claim (the work failed unexpectedly: the client may retry) */
  release(tokenId: string, key: string, owner: string): Promise<void>;
  /** forgets every key claimed before `before` (the retention period is over); how many went */
  purge(before: string): Promise<number>;
}

/** A recognition agreement as recorded: who recorded it and when. */
export interface StoredAgreement {
  agreement: RecognitionAgreement;
  recordedAt: string;
  /** "hub" or "authority XX" */
  recordedBy: string;
}

export interface RecognitionRepository {
  /** the newest version of each agreement, by id */
  latest(): Promise<StoredAgreement[]>;
  /** every version of one agreement, oldest first */
  versions(id: string): Promise<StoredAgreement[]>;
  /** false when this id and version already exist (concurrent writers: exactly one wins) */
  insert(a: StoredAgreement): Promise<boolean>;
}

export interface AuditRepository {
  /** Appends under the unit of work's lock so the chain never forks. */
  append(content: Omit<AuditEntryContent, 'seq'>): Promise<AuditEntry>;
  all(): Promise<AuditEntry[]>;
  /** the entries about one subject (e.g. a certificate id), oldest first */
  forSubject(subject: string): Promise<AuditEntry[]>;
}

export interface SecretRepository {
  get(name: string): Promise<string | undefined>;
  put(name: string, value: string): Promise<void>;
  /** true when this call stored it; false when another writer (replica) already had */
  putIfAbsent(name: string, value: string): Promise<boolean>;
}

/** A public URL the hub has served under (README "Moving a hub"). */
export interface PublicUrlRecord {
  publicUrl: string;
  did: string;
  firstAdopted: string;
  adoptedSeq: number;
}

/**
 * The hub's identity over time: the public URLs it has had, and the rewrite of the stored
 * DIDs and key ids when it moves to a new one (services/registry/hub-move.ts), in one unit of work.
 */
export interface HubIdentityRepository {
  /** every public URL recorded, the one adopted last first */
  publicUrls(): Promise<PublicUrlRecord[]>;
  /** records `publicUrl` as the one in use from now (new, or adopted again after a move back) */
  adopt(publicUrl: string, did: string, now: string): Promise<void>;
  /** every centre key with its sealed secret, in creation order */
  storedKeys(): Promise<StoredSpokeKey[]>;
  renameSpokeDid(slug: string, did: string): Promise<void>;
  /** a key's new id, with its secret sealed again under it (the id is the seal's associated data) */
  renameKey(id: string, newId: string, encryptedSecret: string): Promise<void>;
  /** signed status-list credentials name the list's URL and issuer: signed again on the next read */
  forgetSignedStatusLists(): Promise<void>;
}

/** Employers' OpenID4VP presentation requests (migration 014). */
export interface PresentationRequestRepository {
  insert(r: PresentationRequest): Promise<void>;
  get(id: string): Promise<PresentationRequest | undefined>;
  /** records the one answer; false when the request was answered already or expired (`at` >= expiresAt) */
  answer(id: string, at: string, result: VerificationResult): Promise<boolean>;
  /** deletes every request whose purgeAfter has come; the number deleted */
  purge(now: string): Promise<number>;
}

/** Outcomes (migration 009): consents to follow-up, placements and their tracer follow-ups. */
export interface OutcomeRepository {
  recordConsent(c: FollowUpConsent): Promise<void>;
  consent(certificateId: string): Promise<FollowUpConsent | undefined>;
  insertEmployer(e: Employer): Promise<void>;
  employer(id: string): Promise<Employer | undefined>;
  /** false when this employer already recorded this certificate's placement starting that day */
  insertPlacement(p: Placement): Promise<boolean>;
  placement(id: string): Promise<Placement | undefined>;
  /** the placements of one employer (whichever of its tokens recorded them), by start date then id */
  placementsOf(employer: string, page: { limit: number; offset: number }): Promise<Placement[]>;
  /**
   * the placements of one employer that started on or before `startedBy` and still have a
   * follow-up mark without an answer, by start date then id
   */
  openPlacementsOf(employer: string, startedBy: string): Promise<Placement[]>;
  /** a certificate's placements, newest start first */
  placementsOfCertificate(certificateId: string): Promise<Placement[]>;
  /** the answers given for these placements */
  followUps(placementIds: readonly string[]): Promise<FollowUp[]>;
  /** false when this placement's mark was already answered (concurrent answers: exactly one wins) */
  insertFollowUp(f: FollowUp): Promise<boolean>;
  /** binds a worker survey code (its SHA-256 hash) to a certificate; a no-op when it already is */
  insertSurveyCode(codeHash: string, certificateId: string, at: string): Promise<void>;
  /** the certificate a survey code (its SHA-256 hash) was given for */
  certificateBySurveyCode(codeHash: string): Promise<string | undefined>;
  /** the worker's own answers for these placements (never the employer's) */
  workerAnswers(placementIds: readonly string[]): Promise<WorkerAnswer[]>;
  /** false when the worker already answered this mark (exactly one answer wins) */
  insertWorkerAnswer(a: WorkerAnswer): Promise<boolean>;
}

/** One check of a certificate this hub holds, as counted (migration 011): no personal data. */
export interface StatisticEvent {
  kind: 'verification' | 'recognition';
  /** only to find the certificate's centre and qualification; never stored */
  certificateId: string;
  /** keyed hash of the certificate id: counts distinct certificates, joins to nothing */
  certificateRef: string;
  aqrfLevel: number | null;
  /** the asking authority's or employer's country; null when anonymous */
  destination: string | null;
  checkedOn: string;
  /** the verification outcome or the recognition decision */
  outcome: string;
}

/** A qualification's AQRF level over a range of certification instants [from, until). */
export interface AqrfBand {
  qualification: string;
  from: string | null;
  until: string | null;
  level: number | null;
}

/** A count at the finest level; destination is null for certificates (the service knows the qualification's country). */
export interface RawFineCount {
  centre: string;
  origin: string;
  qualification: string;
  aqrfLevel: number | null;
  destination: string | null;
  quarter: string;
  measure: CountMeasure;
  count: number;
}

export interface WageScope {
  corridors?: readonly string[];
  /** placements starting in [first, next) */
  window?: { first: string; next: string };
}

/** Money a programme spent in a quarter (POST /programmes/:id/costs). */
export interface ProgrammeCost {
  id: string;
  /** the label the programme's tokens share */
  programme: string;
  quarter: string;
  amount: number;
  currency: string;
  note?: string;
  recordedAt: string;
  /** the recording token's id */
  recordedBy: string;
}

/** Programme statistics (migration 011; README "Programme statistics"). */
export interface StatisticsRepository {
  /** one row per event whose certificate this hub holds (others are not counted), in one unit of work */
  recordEvents(events: readonly StatisticEvent[]): Promise<void>;
  /**
   * what the counts are computed from, as one text that changes whenever a row is added to any of
   * them (they only ever grow): the cache key of the statistics (services/outcomes/statistics.ts)
   */
  dataVersion(): Promise<string>;
  /** every count at the finest level (centre, qualification, AQRF level, destination, quarter) */
  fineCounts(bands: readonly AqrfBand[]): Promise<RawFineCount[]>;
  /** wage medians per cell of `dims` and currency, with how many placements each rests on */
  wageMedians(
    dims: readonly Dimension[],
    bands: readonly AqrfBand[],
    scope: WageScope,
  ): Promise<WageMedianFact[]>;
  insertCost(c: ProgrammeCost): Promise<void>;
  /** one programme's costs, or every programme's */
  costs(programme?: string): Promise<ProgrammeCost[]>;
}

/** A wallet access token (migration 013): bound to its offer, each credential configuration once. */
export interface WalletAccessToken {
  tokenHash: string;
  offerId: string;
  expiresAt: string;
  /** the credential configurations already issued with it */
  used: string[];
}

/** A copy of a certificate issued to a wallet (OpenID4VCI): it shares the certificate's status index. */
export interface WalletCopyRecord {
  id: string;
  certificateId: string;
  offerId: string;
  format: string;
  /** the wallet key it is bound to: a DID, or a JWK thumbprint URI */
  holder: string;
  issuedAt: string;
}

/** Credential offers, access tokens, nonces and wallet copies (migration 013; services/wallets). */
export interface WalletRepository {
  insertOffer(o: WalletOffer): Promise<void>;
  offerByCode(codeHash: string): Promise<WalletOffer | undefined>;
  offer(id: string): Promise<WalletOffer | undefined>;
  /** the certificate's offers, newest first */
  offersOf(certificateId: string): Promise<WalletOffer[]>;
  /** voids the certificate's offers not yet redeemed, voided or expired, and erases their claims; how many */
  voidOpenOffers(certificateId: string, at: string): Promise<number>;
  /** records a wrong PIN if the count is still `from` (compare-and-set); `voidedAt` when it voids the offer */
  recordWrongPin(id: string, from: number, voidedAt: string | null): Promise<boolean>;
  /** open -> redeemed; false when it was already redeemed or voided (concurrent redemptions: one wins) */
  redeem(id: string, at: string): Promise<boolean>;
  eraseClaims(id: string): Promise<void>;
  insertToken(t: WalletAccessToken): Promise<void>;
  token(tokenHash: string): Promise<WalletAccessToken | undefined>;
  /** adds a configuration to the token's used ones if `used` is still what it was (compare-and-set) */
  useToken(tokenHash: string, before: string[], after: string[]): Promise<boolean>;
  insertNonce(nonce: string, expiresAt: string): Promise<void>;
  /** deletes the nonce; true when it was there and not expired at `now` (each nonce is accepted once) */
  takeNonce(nonce: string, now: string): Promise<boolean>;
  insertCopy(c: WalletCopyRecord): Promise<void>;
  copiesOf(certificateId: string): Promise<WalletCopyRecord[]>;
  copy(id: string): Promise<WalletCopyRecord | undefined>;
  /**
   * Forgets what is over at `now`: expired nonces and access tokens, and the claims of offers that
   * expired, were voided, or were redeemed before `redeemedBefore` (their access token is over too).
   */
  purge(now: string, redeemedBefore: string): Promise<void>;
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
  recognition: RecognitionRepository;
  batches: BatchRepository;
  idempotency: IdempotencyRepository;
  identity: HubIdentityRepository;
  outcomes: OutcomeRepository;
  statistics: StatisticsRepository;
  wallets: WalletRepository;
  presentationRequests: PresentationRequestRepository;
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
