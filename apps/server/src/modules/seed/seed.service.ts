import { randomInt } from 'node:crypto';
import type { PasswordHasher } from '../../adapters/password-hasher.js';
import { generateFeatureCode } from '../schools/feature-code.js';
import type { SchoolsRepo } from '../schools/schools.repo.js';
import type { StaffRepo } from '../staff/staff.repo.js';

export interface SeedOptions {
  centreName: string;
  adminPassword?: string;
  reviewerPassword?: string;
  coordinatorPassword?: string;
}

export interface SeedResult {
  featureCode: string;
  accounts: Array<{ username: string; role: string; password: string; generated: boolean }>;
}

const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const generatePassword = (length = 14): string =>
  Array.from({ length }, () => PASSWORD_ALPHABET[randomInt(0, PASSWORD_ALPHABET.length)]).join('');

/**
 * Demo data on the first start of an empty database: a school, a batch with a 特征码, a centre admin,
 * a reviewer and a school coordinator. Passwords come from config or are generated, and are returned
 * once so the caller can print them; they are never stored in plain text.
 */
export function createSeedService(deps: { staff: StaffRepo; schools: SchoolsRepo; hasher: PasswordHasher }) {
  return {
    async seedIfEmpty(opts: SeedOptions): Promise<SeedResult | null> {
      if ((await deps.staff.countAll()) > 0) return null;
      const centre = await deps.schools.insertCentre(opts.centreName);
      const school = await deps.schools.insertSchool({ centreId: centre.id, name: '示范大学', code: '10000', region: '330100' });
      const batch = await deps.schools.insertBatch({
        schoolId: school.id,
        name: '2027 届毕业生图像采集',
        mode: 'centralized',
        featureCode: generateFeatureCode(),
        regionCode: '330100',
        priceNoPrintsCents: 2000,
        priceWithPrintsCents: 3500,
      });
      const accounts: SeedResult['accounts'] = [];
      const people = [
        { username: 'admin', name: '中心管理员', role: 'admin', schoolId: null, password: opts.adminPassword },
        { username: 'reviewer', name: '审核员', role: 'reviewer', schoolId: null, password: opts.reviewerPassword },
        { username: 'coordinator', name: '学校联络员', role: 'school_coordinator', schoolId: school.id, password: opts.coordinatorPassword },
      ] as const;
      for (const p of people) {
        const password = p.password ?? generatePassword();
        await deps.staff.insert({
          username: p.username,
          name: p.name,
          role: p.role,
          schoolId: p.schoolId,
          passwordHash: await deps.hasher.hash(password),
        });
        accounts.push({ username: p.username, role: p.role, password, generated: !p.password });
      }
      return { featureCode: batch.featureCode, accounts };
    },
  };
}
