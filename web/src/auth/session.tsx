import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../api/client';
import type { Me, Portal } from '../api/types';

export const ME_KEY = ['auth', 'me'] as const;

async function fetchMe(): Promise<Me> {
  // `menus` is a recursive schema the OpenAPI document cannot type yet (see MenuNode in api/types.ts).
  const me = (await api.GET('/api/auth/me')) as Me;
  setCsrfToken(me.csrfToken);
  return me;
}

/** GET /api/auth/me: who is signed in, the CSRF token for changes, and the permitted menus. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: fetchMe,
    staleTime: 60_000,
    retry: false,
  });
}

/** Refetch the session after login/logout/activation so the CSRF token and menus are current. */
export function useRefreshMe() {
  const qc = useQueryClient();
  return async () => {
    await qc.invalidateQueries({ queryKey: ME_KEY });
    return qc.fetchQuery({
      queryKey: ME_KEY,
      queryFn: fetchMe,
    });
  };
}

export function useLogout() {
  const qc = useQueryClient();
  return async () => {
    try {
      await api.POST('/api/auth/logout');
    } finally {
      setCsrfToken(null);
      qc.clear();
    }
  };
}

/** Which signed-in actor kinds a portal accepts. */
export const PORTAL_ACTORS: Record<Portal, ReadonlyArray<Me['actor']['kind']>> = {
  partner: ['partner', 'account'],
  customer: ['account'],
  ops: ['staff'],
};
