import type { Session } from '@tandem/client'
import { usePostsStore } from './posts'
import { useTodosStore } from './todos'

/**
 * Whenever the user signs out or loses the session, drops the data the app
 * keeps for them, so nothing leaks to whoever uses this tab next. New
 * per-user stores are added here.
 */
export function resetUserDataOnSignOut(session: Session): void {
  session.subscribe((event) => {
    if (event.type !== 'signed-out' && event.type !== 'lost') return
    useTodosStore().reset()
    usePostsStore().reset()
  })
}
