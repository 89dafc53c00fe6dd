import type { Session } from '@tandem/client'
import { postsStore } from './posts'
import { todosStore } from './todos'

/** Per-user caches kept outside these stores (e.g. TanStack Query's), cleared by whoever loaded them. */
const resetters = new Set<() => void>()

export function onSignOut(reset: () => void): void {
  resetters.add(reset)
}

/**
 * Whenever the user signs out or loses the session, drops the data the app
 * keeps for them, so nothing leaks to whoever uses this tab next. New
 * per-user stores are added here.
 */
export function resetUserDataOnSignOut(session: Session): () => void {
  return session.subscribe((event) => {
    if (event.type !== 'signed-out' && event.type !== 'lost') return
    todosStore.reset()
    postsStore.reset()
    for (const reset of resetters) reset()
  })
}
