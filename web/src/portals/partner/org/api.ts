import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { Contact, Member, MemberDetail, PermissionsResponse, RolesResponse } from '../../../api/types';

/** Query keys and loaders of 组织 (org); mutations invalidate by these prefixes. */
export const ORG_KEYS = {
  members: ['org', 'members'] as const,
  roles: ['org', 'roles'] as const,
  contacts: ['org', 'contacts'] as const,
  permissions: ['org', 'permissions'] as const,
  invitations: ['org', 'invitations'] as const,
  specialists: ['org', 'specialists'] as const,
};

export const useRoles = () => useQuery({ queryKey: ORG_KEYS.roles, queryFn: () => api.GET('/api/org/roles') });

export const usePermissions = () =>
  useQuery({ queryKey: ORG_KEYS.permissions, queryFn: () => api.GET('/api/org/permissions') as Promise<PermissionsResponse>, staleTime: Infinity });

export const useMember = (id: string | undefined) =>
  useQuery({ queryKey: [...ORG_KEYS.members, 'one', id], queryFn: () => api.GET('/api/org/members/{id}', { params: { path: { id: id! } } }), enabled: !!id });

/** Members holding the 客户经理主管 role: the choices of a 客户经理's supervisor. */
export function useSupervisors(enabled: boolean) {
  const roles = useRoles();
  const supervisorRole = roles.data?.items.find((r) => r.presetKey === PRESET.amSupervisor);
  return useQuery({
    queryKey: [...ORG_KEYS.members, 'supervisors', supervisorRole?.id],
    queryFn: () => api.GET('/api/org/members', { params: { query: { roleId: supervisorRole!.id, page: 1, pageSize: 100 } } }),
    enabled: enabled && !!supervisorRole,
    select: (d) => d.items,
  });
}

export const useContacts = () =>
  useQuery({
    queryKey: ORG_KEYS.contacts,
    queryFn: () => api.GET('/api/org/contacts'),
  });

/** Preset role keys (server `PRESET_ROLES`). */
export const PRESET = {
  systemAdmin: 'system_admin',
  finance: 'finance',
  sa: 'sa',
  amSupervisor: 'am_supervisor',
  accountManager: 'account_manager',
} as const;
