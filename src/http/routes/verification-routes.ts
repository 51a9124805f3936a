import type { FastifyInstance } from 'fastify';
import type { HubContext } from '../../services/hub-context.js';
import { ref } from '../schemas.js';
import type { VerificationRequest } from '../schema-types.generated.js';
import { loadCertificate, verifyWithHub } from '../../services/verification/verification-service.js';
import type { CredentialInput } from '../../services/verification/verify-credential.js';
import { noteVerification, verifierDestination } from '../../services/outcomes/statistics-events.js';

/** POST /verifications: anyone verifies a credential object, a JWT, or a certificate id; always the one result shape (with holderMatch when asked with the worker's data). */
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
        // the holder data is only compared, never stored or logged
        const result = await verifyWithHub(
          ctx,
          credential,
          req.body.holder ? { holder: req.body.holder } : undefined,
        );
        // counted for programme statistics without personal data (README "Programme statistics")
        noteVerification(ctx, result, await verifierDestination(ctx, req.headers.authorization));
        return result;
      },
    );
  };
}
