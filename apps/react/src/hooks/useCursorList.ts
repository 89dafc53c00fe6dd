import { useSyncExternalStore } from 'react'
import type { CursorList, CursorListSnapshot } from '@tandem/client'

/**
 * React's view of a @tandem/client cursor list: the package loads, pages,
 * aborts and de-duplicates; its snapshot is a new frozen object on every
 * change, which is exactly what useSyncExternalStore needs.
 */
export function useCursorListSnapshot<T, Q>(list: CursorList<T, Q>): CursorListSnapshot<T> {
  return useSyncExternalStore(
    (onChange) => list.subscribe(onChange),
    () => list.snapshot,
    () => list.snapshot,
  )
}
