// Keeps the app's open tabs in agreement about who is signed in: a logout in
// one tab signs out every tab at once, a login in one signs in the others.
// Same-origin only (BroadcastChannel), in session and token mode alike.

export type AuthEvent = { type: 'logged-in' } | { type: 'logged-out' }

const CHANNEL_NAME = 'tandem-auth'

let channel: BroadcastChannel | null | undefined

function getChannel(): BroadcastChannel | null {
  channel ??= typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL_NAME)
  return channel
}

/** Tells the other tabs (never this one). */
export function announce(event: AuthEvent): void {
  getChannel()?.postMessage(event)
}

export function onAuthEvent(listener: (event: AuthEvent) => void): void {
  getChannel()?.addEventListener('message', (message: MessageEvent) => {
    const type = (message.data as Partial<AuthEvent> | null)?.type
    if (type === 'logged-in' || type === 'logged-out') listener({ type })
  })
}
