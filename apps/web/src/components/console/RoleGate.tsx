import type { ReactNode } from 'react';
import type { StaffProfile, StaffRole } from '@gradphoto/contracts/accounts';
import { ForbiddenResult } from './ForbiddenResult.js';

/** Renders `children` for the listed roles, the no-permission page for anyone else (the API checks again). */
export function RoleGate({
  staff,
  roles,
  onSwitch,
  children,
}: {
  staff: StaffProfile;
  roles: readonly StaffRole[];
  onSwitch: () => void;
  children: ReactNode;
}) {
  return roles.includes(staff.role) ? children : <ForbiddenResult student={false} onSwitch={onSwitch} />;
}
