import { expect } from 'vitest';
import { createArgon2Hasher } from '../../adapters/password-hasher.js';
import type { InjectClient, TestContext } from '../../test/harness.js';
import { registerStudent } from '../../test/journey-helpers.js';
import { createStaffRepo } from '../staff/staff.repo.js';
import { createSchoolsRepo } from './schools.repo.js';

type App = TestContext & { client(ip?: string): InjectClient };

export interface ConsoleKit {
  admin: InjectClient;
  reviewer: InjectClient;
  /** Coordinator of the seeded school. */
  coordinator: InjectClient;
  /** Coordinator of another school. */
  otherCoordinator: InjectClient;
  student: InjectClient;
  anonymous: InjectClient;
  schoolId: string;
  batchId: string;
  featureCode: string;
  otherSchoolId: string;
  otherBatchId: string;
}

let ipCounter = 0;
async function login(t: App, username: string, password: string) {
  ipCounter += 1;
  const client = t.client(`10.77.${ipCounter}.1`);
  const res = await client.post('/api/console/auth/login', { username, password });
  expect(res.statusCode).toBe(200);
  return client;
}

/**
 * Seeds the demo data plus a second school with its own batch and coordinator, and logs in one client
 * per role (and a student, and nobody) — for the role and scope tests of the console routes.
 */
export async function setupConsole(t: App): Promise<ConsoleKit> {
  const seed = await t.container.seed.seedIfEmpty({ centreName: '测试中心', adminPassword: 'admin-pass-1', reviewerPassword: 'reviewer-pass-1', coordinatorPassword: 'coord-pass-1' });
  const db = t.container.database.db;
  const schools = createSchoolsRepo(db);
  const batch = (await schools.findBatchByFeatureCode(seed!.featureCode))!;
  const other = await schools.insertSchool({ name: '另一所大学', code: '99999', region: '110100' });
  const otherBatch = await schools.insertBatch({ schoolId: other.id, name: '另一所大学 2027 届', mode: 'centralized', featureCode: 'QQ77', priceNoPrintsCents: 2000, priceWithPrintsCents: 3500 });
  await createStaffRepo(db).insert({ username: 'other-coord', name: '外校联络员', role: 'school_coordinator', schoolId: other.id, passwordHash: await createArgon2Hasher().hash('other-pass-1') });
  const { client: student } = await registerStudent(t);
  return {
    admin: await login(t, 'admin', 'admin-pass-1'),
    reviewer: await login(t, 'reviewer', 'reviewer-pass-1'),
    coordinator: await login(t, 'coordinator', 'coord-pass-1'),
    otherCoordinator: await login(t, 'other-coord', 'other-pass-1'),
    student,
    anonymous: t.client('10.77.0.9'),
    schoolId: batch.schoolId,
    batchId: batch.id,
    featureCode: batch.featureCode,
    otherSchoolId: other.id,
    otherBatchId: otherBatch.id,
  };
}

type Call = (c: InjectClient) => Promise<{ statusCode: number }>;

/** Asserts the status each client gets; `allowed` clients must not get 401/403. */
export async function expectAccess(kit: ConsoleKit, call: Call, expected: Partial<Record<'admin' | 'reviewer' | 'coordinator' | 'otherCoordinator' | 'student' | 'anonymous', number | 'ok'>>) {
  for (const [who, want] of Object.entries(expected)) {
    const res = await call(kit[who as keyof typeof expected]);
    if (want === 'ok') expect([401, 403], `${who} should be allowed`).not.toContain(res.statusCode);
    else expect(res.statusCode, `${who}`).toBe(want);
  }
}
