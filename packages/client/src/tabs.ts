// The one channel between the app's open tabs (same origin). Every message
// any part of the client sends to other tabs is listed in `TabMessage`:
//   access      token mode: a tab refreshed the access token; the others adopt
//               it instead of spending the refresh token again (tokens.ts)
//   signed-in   a login completed in a tab; the others sign in too (session.ts)
//   signed-out  a tab logged out (or deleted the account, or reset the
//               password); the others forget the user at once (session.ts)
// A BroadcastChannel never delivers a message to the tab that sent it.

export type TabMessage =
  | { type: 'access'; token: string; refreshAt: number }
  | { type: 'signed-in' }
  | { type: 'signed-out' }

export const TAB_CHANNEL_NAME = 'tandem'

/** The parts of `BroadcastChannel` used here (tests and other runtimes pass their own). */
export interface MessagePortLike {
  postMessage(message: unknown): void
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void
  removeEventListener?(type: 'message', listener: (event: MessageEvent) => void): void
}

export interface TabChannel {
  /** Tells every other tab of the app (never this one). */
  post(message: TabMessage): void
  /** Calls `listener` for each well-formed message from another tab; returns the unsubscribe. */
  subscribe(listener: (message: TabMessage) => void): () => void
}

/** The message another tab sent, or null when it is not one of ours (or malformed). */
export function parseTabMessage(data: unknown): TabMessage | null {
  if (typeof data !== 'object' || data === null) return null
  const message = data as Record<string, unknown>
  switch (message.type) {
    case 'access':
      return typeof message.token === 'string' && typeof message.refreshAt === 'number'
        ? { type: 'access', token: message.token, refreshAt: message.refreshAt }
        : null
    case 'signed-in':
    case 'signed-out':
      return { type: message.type }
    default:
      return null
  }
}

function defaultPort(): MessagePortLike | null {
  return typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(TAB_CHANNEL_NAME)
}

/**
 * A channel over `port` (default: a BroadcastChannel named `tandem`). With no
 * port (server-side rendering, old browsers) messages go nowhere and the tabs
 * simply do not hear of each other.
 */
export function createTabChannel(port: MessagePortLike | null = defaultPort()): TabChannel {
  return {
    post(message) {
      port?.postMessage(message)
    },
    subscribe(listener) {
      if (!port) return () => undefined
      const onMessage = (event: MessageEvent) => {
        const message = parseTabMessage(event.data)
        if (message) listener(message)
      }
      port.addEventListener('message', onMessage)
      return () => port.removeEventListener?.('message', onMessage)
    },
  }
}
