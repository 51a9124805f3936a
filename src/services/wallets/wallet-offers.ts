import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { HubContext } from '../hub-context.js';
import { nowIso } from '../hub-context.js';
import type { Principal } from '../access/tokens.js';
import type { Repositories } from '../ports.js';
import type { Holder } from '../../domain/types.js';
import { SkillPassError } from '../../domain/errors.js';
import { parseBoundedJson } from '../../domain/json-bounds.js';
import { addSeconds } from '../../domain/wallets/time.js';
import {
  credentialOfferObject,
  offerUris,
  PIN_LENGTH,
  PRE_AUTHORIZED_GRANT,
  secretHash,
  type OfferClaims,
} from '../../domain/wallets/offers.js';
import { CONFIGURATION_IDS } from '../../domain/wallets/issuer-metadata.js';
import { certificateId as normaliseId } from '../verification/verification-service.js';
import { certificateObject } from '../../domain/wallets/wallet-copies.js';
import { readCredential } from '../../domain/credential-reader.js';
import { matchHolder } from '../../domain/identity-object.js';
import { statusOf } from '../issuance/status-lists.js';
import { urlId } from '../issuance/issue-certificate.js';

/**
 * Credential offers for a worker's wallet (README "Certificates in a wallet (OpenID4VCI)"): made
 * with every certificate (POST /certificates, cohort results) and on demand by the centre that
 * issued it, which voids the certificate's earlier open offers. The pre-authorized code and the
 * PIN exist in clear only in the answer that hands them to the worker; the hub keeps their hashes.
 */
export const DEFAULT_OFFER_DAYS = 7;

/** An offer's secrets, as made: for the worker only, once. */
export interface NewOffer {
  id: string;
  certificateId: string;
  preAuthorizedCode: string;
  pin: string;
  expiresAt: string;
}

/** What the worker gets: the offer as a URI (for the QR code) and an https link, the PIN, the expiry. */
export interface WalletOfferView {
  uri: string;
  link: string;
  /** the worker page with the offer: an "Add to your wallet" button and its QR code */
  page: string;
  /** the QR code of `uri`, an SVG data URL */
  qr: string;
  pin: string;
  expiresAt: string;
}

const pinOf = (): string => String(randomInt(0, 10 ** PIN_LENGTH)).padStart(PIN_LENGTH, '0');

/** What the SD-JWT VC discloses that the certificate does not print: the birth date the worker chose not to show. */
export const offerClaimsOf = (holder: Pick<Holder, 'birthDate' | 'showBirthDate'>): OfferClaims | null =>
  holder.birthDate && !holder.showBirthDate ? { birthdate: holder.birthDate } : null;

/** Makes an offer for a stored certificate in the caller's unit of work; the certificate's earlier open offers are voided. */
export async function createOffer(
  ctx: Pick<HubContext, 'walletOfferDays'>,
  tx: Repositories,
  certificateId: string,
  claims: OfferClaims | null,
  now: string,
): Promise<NewOffer> {
  await tx.wallets.voidOpenOffers(certificateId, now);
  const offer: NewOffer = {
    id: randomUUID(),
    certificateId,
    preAuthorizedCode: randomBytes(32).toString('base64url'),
    pin: pinOf(),
    expiresAt: addSeconds(now, (ctx.walletOfferDays ?? DEFAULT_OFFER_DAYS) * 86_400),
  };
  await tx.wallets.insertOffer({
    id: offer.id,
    certificateId,
    codeHash: secretHash(offer.preAuthorizedCode),
    pinHash: secretHash(offer.pin),
    claims,
    createdAt: now,
    expiresAt: offer.expiresAt,
    redeemedAt: null,
    voidedAt: null,
    failedPins: 0,
  });
  return offer;
}

/** The offer made with a certificate, in the issuance's unit of work (POST /certificates). */
export const offerWithIssuance = (
  ctx: Pick<HubContext, 'walletOfferDays' | 'clock'>,
  tx: Repositories,
  certificateId: string,
  holder: Pick<Holder, 'birthDate' | 'showBirthDate'>,
): Promise<NewOffer> => createOffer(ctx, tx, certificateId, offerClaimsOf(holder), nowIso(ctx));

/** A fresh offer for a stored certificate in its own unit of work (a cohort's result download), the earlier open ones voided. */
export async function freshOffer(
  ctx: HubContext,
  certificateId: string,
  holder: Pick<Holder, 'birthDate' | 'showBirthDate'>,
): Promise<Omit<WalletOfferView, 'qr'>> {
  const offer = await ctx.store.transaction((tx) => offerWithIssuance(ctx, tx, certificateId, holder));
  return { ...offerLinks(ctx, offer), pin: offer.pin, expiresAt: offer.expiresAt };
}

/**
 * The offer a worker page or PDF is asked to show (`?credential_offer=`), only when it is an offer
 * of this hub by value with a pre-authorized code: a link cannot make the hub's page show another
 * issuer's offer. Its URI, for the button and the QR code.
 */
export function ownOfferUri(ctx: Pick<HubContext, 'publicUrl'>, text: unknown): string | undefined {
  if (typeof text !== 'string' || text.length > 4096) return undefined;
  let offer: unknown;
  try {
    offer = parseBoundedJson(text);
  } catch {
    return undefined;
  }
  const o = offer as {
    credential_issuer?: unknown;
    grants?: Record<string, { 'pre-authorized_code'?: unknown }>;
  };
  const code = o?.grants?.[PRE_AUTHORIZED_GRANT]?.['pre-authorized_code'];
  if (
    o?.credential_issuer !== ctx.publicUrl ||
    typeof code !== 'string' ||
    !/^[A-Za-z0-9_-]{20,100}$/.test(code)
  )
    return undefined;
  return offerUris(ctx.publicUrl, credentialOfferObject(ctx.publicUrl, CONFIGURATION_IDS, code)).uri;
}

/** The offer's URI (for a QR code), its https link, and the worker page showing it. */
function offerLinks(
  ctx: Pick<HubContext, 'publicUrl'>,
  offer: NewOffer,
): Pick<WalletOfferView, 'uri' | 'link' | 'page'> {
  const { uri, link } = offerUris(
    ctx.publicUrl,
    credentialOfferObject(ctx.publicUrl, CONFIGURATION_IDS, offer.preAuthorizedCode),
  );
  return { uri, link, page: `${ctx.publicUrl}/v/${urlId(offer.certificateId)}/worker?${uri.split('?')[1]}` };
}

/** The offer as the worker sees it: the offer URI (by value, no PIN in it), its QR code, the link, the PIN. */
export async function offerView(
  ctx: Pick<HubContext, 'publicUrl' | 'formats'>,
  offer: NewOffer,
): Promise<WalletOfferView> {
  const links = offerLinks(ctx, offer);
  const svg = await ctx.formats.qr.svg(links.uri);
  return {
    ...links,
    qr: `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`,
    pin: offer.pin,
    expiresAt: offer.expiresAt,
  };
}

/**
 * A new offer for one of the centre's own certificates (a lost or expired one is replaced; the
 * open ones are voided). The birth date the certificate does not print may be given again for
 * the SD-JWT VC: it must match the certificate's hashed identifier.
 */
export async function replaceOffer(
  ctx: HubContext,
  actor: Principal,
  id: string,
  body: { birthDate?: string } = {},
): Promise<WalletOfferView> {
  if (actor.role !== 'issuer' || !actor.spoke)
    throw new SkillPassError(
      'forbidden',
      'Only the testing centre that issued a certificate can offer it to a wallet.',
    );
  const record = await ctx.store.repos.certificates.get(normaliseId(id));
  // another centre's certificate is not found, as for the lifecycle changes: nothing tells it exists
  if (!record || record.spoke !== actor.spoke)
    throw new SkillPassError('not-found', `No certificate ${id} of this centre.`);
  if (record.validUntil <= nowIso(ctx))
    throw new SkillPassError(
      'certificate-not-valid',
      'This certificate has expired: it cannot go to a wallet.',
    );
  const allocation = await ctx.store.repos.statusLists.allocationFor(record.id);
  if (allocation) {
    const status = await statusOf(ctx.store.repos, allocation);
    if (status.revoked || status.suspended)
      throw new SkillPassError(
        'certificate-not-valid',
        `This certificate is ${status.revoked ? 'revoked' : 'suspended'}: it cannot go to a wallet.`,
      );
  }
  let claims: OfferClaims | null = null;
  if (body.birthDate !== undefined) {
    const read = readCredential(certificateObject(record.format, record.serialized));
    const matched =
      read.ok &&
      matchHolder(
        read.credential.identifiers,
        {},
        { name: read.credential.holderName, birthDate: body.birthDate },
      ).matched;
    if (!matched)
      throw new SkillPassError(
        'validation-failed',
        'This birth date is not the one the certificate was issued with.',
        {
          field: 'birthDate',
        },
      );
    claims = { birthdate: body.birthDate };
  }
  const now = nowIso(ctx);
  const offer = await ctx.store.transaction(async (tx) => {
    const made = await createOffer(ctx, tx, record.id, claims, now);
    await tx.audit.append({
      at: now,
      actor: actor.tokenId,
      action: 'certificate.wallet-offer',
      subject: record.id,
      details: { offer: made.id, expiresAt: made.expiresAt },
    });
    return made;
  });
  return offerView(ctx, offer);
}
