import { hash, verify } from '@node-rs/argon2';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hashed: string, password: string): Promise<boolean>;
}

/** argon2id (OWASP parameters: m=19 MiB, t=2, p=1). */
export function createArgon2Hasher(): PasswordHasher {
  const opts = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
  return {
    hash: (password) => hash(password, opts),
    verify: async (hashed, password) => {
      try {
        return await verify(hashed, password);
      } catch {
        return false;
      }
    },
  };
}
