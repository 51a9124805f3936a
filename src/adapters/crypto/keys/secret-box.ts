import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Encrypts private keys at rest with the operator's key (AES-256-GCM).
 * Format: v1.<iv>.<tag>.<ciphertext>, each base64url. The associated data binds a
 * ciphertext to what it protects (a key id), so rows cannot be swapped.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('the key-encryption key must be 32 bytes');
    this.key = key;
  }

  seal(plaintext: string, associatedData: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(associatedData));
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), ct]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  open(sealed: string, associatedData: string): string {
    const [version, iv, tag, ct] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || ct === undefined) throw new Error('unrecognised sealed secret');
    const authTag = Buffer.from(tag, 'base64url');
    // a full 128-bit tag only: Node would otherwise accept a truncated one (down to 32 bits)
    if (authTag.length !== 16) throw new Error('sealed secret has a truncated authentication tag');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'), {
      authTagLength: 16,
    });
    decipher.setAAD(Buffer.from(associatedData));
    decipher.setAuthTag(authTag);
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  }
}
