import type { AddressView } from '@gradphoto/contracts/journey';
import { bilingual as m, errors } from '../../errors.js';
import type { AddressesRepo, AddressRow } from './addresses.repo.js';
import { regionText } from './regions.js';

export interface AddressInput {
  recipient: string;
  phone: string;
  provinceCode: string;
  cityCode: string;
  districtCode: string;
  street: string;
  isDefault: boolean;
}

const MAX_ADDRESSES = 20;

export const toAddressView = (a: AddressRow): AddressView => ({
  id: a.id,
  recipient: a.recipient,
  phone: a.phone,
  provinceCode: a.provinceCode,
  cityCode: a.cityCode,
  districtCode: a.districtCode,
  regionText: a.regionText,
  street: a.street,
  isDefault: a.isDefault,
});

/** The student's address book; the first address becomes the default. */
export function createAddressesService(deps: { repo: AddressesRepo }) {
  async function save(studentId: string, input: AddressInput, id?: string) {
    const text = regionText(input.provinceCode, input.cityCode, input.districtCode);
    if (!text) throw errors.validation('REGION_INVALID', m('请选择有效的省市区', 'Please choose a valid province, city and district'), [{ path: 'districtCode', message: m('省市区无效', 'Invalid region') }]);
    const existing = await deps.repo.list(studentId);
    if (!id && existing.length >= MAX_ADDRESSES) throw errors.conflict('TOO_MANY_ADDRESSES', m('最多保存 20 个地址', 'You can keep at most 20 addresses'));
    const isDefault = input.isDefault || existing.length === 0 || (id !== undefined && existing.length === 1);
    const row = await deps.repo.save({ ...input, isDefault, regionText: text, studentId }, id);
    if (!row) throw errors.notFound(m('找不到该地址', 'Address not found'));
    return toAddressView(row);
  }
  return {
    list: async (studentId: string) => (await deps.repo.list(studentId)).map(toAddressView),
    create: (studentId: string, input: AddressInput) => save(studentId, input),
    update: (studentId: string, id: string, input: AddressInput) => save(studentId, input, id),
    async remove(studentId: string, id: string) {
      if (!(await deps.repo.delete(studentId, id))) throw errors.notFound(m('找不到该地址', 'Address not found'));
      return { ok: true as const };
    },
    /** Snapshot for an order. */
    async snapshot(studentId: string, id: string) {
      const a = await deps.repo.find(studentId, id);
      return a ? { recipient: a.recipient, phone: a.phone, regionText: a.regionText, street: a.street } : undefined;
    },
  };
}
export type AddressesService = ReturnType<typeof createAddressesService>;
