import { useQuery } from '@tanstack/react-query'
import { ApiError } from '@tandem/client'
import { queryClient } from '@/queryClient'
import { postsApi } from '@/services/api'

export const postKey = (id: number) => ['posts', 'detail', id] as const

/** One post, read through TanStack Query (aborted when the page leaves or the id changes). */
export function usePost(id: number | null) {
  return useQuery<Awaited<ReturnType<typeof postsApi.get>>, ApiError>(
    {
      queryKey: postKey(id ?? -1),
      queryFn: async ({ signal }) => {
        try {
          return await postsApi.get(id ?? -1, signal)
        } catch (caught) {
          throw caught instanceof ApiError ? caught : ApiError.unexpected(0)
        }
      },
      enabled: id !== null,
      // Always the latest copy when a page opens: edits happen in other tabs.
      staleTime: 0,
      gcTime: 0,
    },
    queryClient,
  )
}
