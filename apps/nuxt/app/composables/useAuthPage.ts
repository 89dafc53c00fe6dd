import type { Credentials } from '@tandem/client'

/**
 * What the login and signup pages share: `next`, carried over to the other
 * page so either path lands where the user was going, and the email +
 * password form, sent by the page itself when JavaScript runs (without it the
 * same form posts to a server route, whose answer comes back in the URL).
 */
export function useAuthPage(otherPage: '/login' | '/account/signup') {
  const route = useRoute()
  const { $tandem } = useNuxtApp()
  const form = useFormSubmit(['email', 'password'] as const)

  const next = computed(() => (typeof route.query.next === 'string' ? route.query.next : ''))
  const otherPageLink = computed(() => ({ path: otherPage, query: next.value ? { next: next.value } : {} }))
  /** The page sent the form itself: the server route's answer in the URL no longer applies. */
  const sent = ref(false)

  /** Reads the submitted form's credentials (its inputs are not bound: see FormField) and runs `send` with them. */
  async function sendCredentials(event: Event, send: (credentials: Credentials) => Promise<void>): Promise<void> {
    sent.value = true
    const value = formValues(event)
    const credentials = { email: value('email').trim(), password: value('password') }
    await form.submit(() => send(credentials))
  }

  return {
    route,
    session: $tandem.session,
    auth: useAuth(),
    pendingEmail: usePendingEmail(),
    ...form,
    next,
    otherPageLink,
    sent,
    sendCredentials,
  }
}
