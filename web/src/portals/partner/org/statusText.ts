import type { TFunction } from 'i18next';
import type { InvitationStatus, SpecialistStatus } from '../../../api/types';

// Status names by key in the UI language (the guide's Chinese names in zh-CN); the server's
// `statusName` is the fallback for a key this build does not know yet.
export const invitationStatusText = (t: TFunction, status: InvitationStatus, fallback: string) =>
  t(`specialists.statuses.${status}`, { defaultValue: fallback });
export const specialistStatusText = (t: TFunction, status: SpecialistStatus, fallback: string) =>
  t(`specialists.specialistStatuses.${status}`, { defaultValue: fallback });
