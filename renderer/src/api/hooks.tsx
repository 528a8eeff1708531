// React access to the API: the client through context, TanStack Query for reading and caching.
// Query keys are [method, input, lang], so a write can refresh every list it may have changed, and a
// change of language fetches again the words the API puts in its answers (check labels, gap messages).
import { createContext, useContext, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import type { ApiInput, ApiResult, MethodName } from '../../../shared/api/contract';
import { useTranslation } from 'react-i18next';
import { parseLang, type Lang } from '../../../shared/i18n/messages';
import type { ApiClient, ApiError } from './client';

const ApiContext = createContext<ApiClient | null>(null);

export function ApiProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiProvider');
  return api;
}

export function apiKey<M extends MethodName>(
  method: M,
  input: ApiInput<M> | undefined,
  lang: Lang,
): readonly unknown[] {
  return [method, input ?? null, lang];
}

/** Reads one API method; the result is cached under [method, input]. */
export function useApiQuery<M extends MethodName>(
  method: M,
  input: ApiInput<M>,
  options: Omit<UseQueryOptions<ApiResult<M>, ApiError>, 'queryKey' | 'queryFn'> = {},
) {
  const api = useApi();
  const { i18n } = useTranslation();
  return useQuery<ApiResult<M>, ApiError>({
    queryKey: apiKey(method, input, parseLang(i18n.language)),
    queryFn: () => api.call(method, input),
    ...options,
  });
}

/**
 * Calls a write method. After success it refreshes cached reads: by default all of them (a receipt
 * changes lots, stock and lists at once, and the local database answers quickly); pass `invalidates`
 * (method-name prefixes such as 'products.') to limit that.
 */
export function useApiMutation<M extends MethodName>(method: M, opts: { invalidates?: string[] } = {}) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation<ApiResult<M>, ApiError, ApiInput<M>>({
    mutationFn: (input) => api.call(method, input),
    onSuccess: async () => {
      const prefixes = opts.invalidates;
      await qc.invalidateQueries(
        prefixes
          ? {
              predicate: (q) =>
                typeof q.queryKey[0] === 'string' &&
                (q.queryKey[0] === 'setup.status' || prefixes.some((p) => (q.queryKey[0] as string).startsWith(p))),
            }
          : undefined,
      );
    },
  });
}
