import type { FastifyInstance } from 'fastify';
import type { HubContext } from '../../services/hub-context.js';
import { ref } from '../schemas.js';
import type { VerificationRequest } from '../schema-types.generated.js';
import { loadCertificate, verifyWithHub } from '../../services/verification/verification-service.js';
import type { CredentialInput } from '../../services/verification/verify-credential.js';
import { noteVerification, verifierDestination } from '../../services/outcomes/statistics-events.js';

/** POST /verifications: anyone verifies a credential object, a JWT, a presentation (SD-JWT VC, VP) or a certificate id; always the one result shape (with holderMatch when asked with the worker's data, presentation for a presentation). */
export function verificationRoutes(ctx: HubContext) {
  return async (app: FastifyInstance) => {
    app.post<{ Body: VerificationRequest & { credential?: CredentialInput; id?: string } }>(
      '/verifications',
      {
        schema: {
          tags: ['verification'],
          summary: 'Verify a certificate',
          body: ref('VerificationRequest'),
          response: { 200: ref('VerificationResult') },
        },
      },
      async (req) => {
        const credential =
          req.body.id !== undefined
            ? await loadCertificate(ctx, req.body.id)
            : (req.body.credential as CredentialInput);
        const { holder, nonce, audience } = req.body;
        // the holder data is only compared, never stored or logged; nonce/audience bind a presentation
        const result = await verifyWithHub(ctx, credential, {
          ...(holder ? { holder } : {}),
          ...(nonce !== undefined || audience !== undefined
            ? {
                challenge: {
                  ...(nonce !== undefined ? { nonce } : {}),
                  ...(audience !== undefined ? { audience } : {}),
                },
              }
            : {}),
        });
        // counted for programme statistics without personal data (README "Programme statistics")
        noteVerification(ctx, result, await verifierDestination(ctx, req.headers.authorization));
        return result;
      },
    );
  };
}
