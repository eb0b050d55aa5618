import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/**
 * Encrypts small secrets kept in the database (TOTP seeds) with a key derived from XASO_SECRET, so a copy of the
 * database alone (a backup, a dump sent for support) does not hand out second factors. AES-256-GCM: a changed or
 * foreign value fails to open rather than decrypting to garbage. `purpose` gives each use its own key.
 */
export function createSecretBox(masterSecret: string, purpose: string) {
  const key = Buffer.from(hkdfSync('sha256', masterSecret, 'xa-so/secret-box', purpose, 32));
  return {
    /** "v1.<iv>.<tag>.<ciphertext>", base64url parts. */
    seal(plain: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, iv, cipher.getAuthTag(), body]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    /**
     * The plain secret, or null when the value was sealed under another key or altered. A value without the version
     * prefix was written before sealing existed and is returned as it is (it is sealed again on its next write).
     */
    open(stored: string): string | null {
      const parts = stored.split('.');
      if (parts[0] !== VERSION) return stored;
      if (parts.length !== 4) return null;
      try {
        const [iv, tag, body] = parts.slice(1).map((p) => Buffer.from(p, 'base64url'));
        const decipher = createDecipheriv('aes-256-gcm', key, iv);
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}

export type SecretBox = ReturnType<typeof createSecretBox>;
