import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { type AuthApi, createApiClient, createSession, type Session } from '@tandem/client'
import { todosApi } from '@/services/api'
import { useAuthStore } from '@/stores/auth'
import { resetUserDataOnSignOut } from '@/stores/session'
import { useTodosStore } from '@/stores/todos'
import { createAppRouter } from './index'

// A fresh client and session per test: the session's one restore per page
// load must not carry over from one test to the next.
const app = vi.hoisted(() => ({ session: null as Session | null }))
vi.mock('@/services/api', () => ({
  get session() {
    return app.session
  },
  todosApi: { list: vi.fn() },
  postsApi: { list: vi.fn() },
}))

const apiClient = createApiClient({ fetch: vi.fn(), tabs: null })
const authApi = {
  getAuthState: vi.fn(),
  login: vi.fn(),
  logout: vi.fn(),
} as unknown as { [K in 'getAuthState' | 'login' | 'logout']: ReturnType<typeof vi.fn> } & AuthApi

const user = { id: 1, display: 'ann@example.com', email: 'ann@example.com', has_usable_password: true }

describe('router guard and session', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.resetAllMocks()
    vi.spyOn(apiClient, 'resetCsrfToken')
    app.session = createSession(apiClient, authApi)
    // jsdom has no scrolling; the router's scrollBehavior would log about it.
    vi.stubGlobal('scrollTo', vi.fn())
  })

  it('restores the session with a single request and sends anonymous users to login with next', async () => {
    vi.mocked(authApi.getAuthState).mockResolvedValue({ kind: 'anonymous', flows: [] })
    const router = createAppRouter(createMemoryHistory())

    await router.push('/todos?status=done')
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.next).toBe('/todos?status=done')

    await router.push('/account')
    await router.push('/')
    expect(authApi.getAuthState).toHaveBeenCalledTimes(1)
  })

  it('lets signed-in users in and keeps them away from login', async () => {
    vi.mocked(authApi.getAuthState).mockResolvedValue({ kind: 'authenticated', user })
    const router = createAppRouter(createMemoryHistory())

    await router.push('/account')
    expect(router.currentRoute.value.name).toBe('account')

    await router.push('/login?next=//evil.com')
    expect(router.currentRoute.value.fullPath).toBe('/todos')
  })

  it('keeps an unverified signup on the check-your-inbox page', async () => {
    vi.mocked(authApi.getAuthState).mockResolvedValue({
      kind: 'pending',
      flow: { id: 'verify_email', is_pending: true },
      flows: [{ id: 'verify_email', is_pending: true }],
    })
    const router = createAppRouter(createMemoryHistory())

    await router.push('/todos')
    expect(router.currentRoute.value.name).toBe('verify-email-sent')
    await router.push('/account/verify-email/some-key')
    expect(router.currentRoute.value.name).toBe('verify-email')
  })

  it('resets the CSRF token after login', async () => {
    vi.mocked(authApi.login).mockResolvedValue({ kind: 'authenticated', user })
    const auth = useAuthStore()

    await auth.login({ email: 'ann@example.com', password: 'pw' })

    expect(auth.email).toBe('ann@example.com')
    expect(apiClient.resetCsrfToken).toHaveBeenCalled()
  })

  it('signing out forgets the user, their todos and the CSRF token', async () => {
    resetUserDataOnSignOut(app.session!)
    vi.mocked(authApi.login).mockResolvedValue({ kind: 'authenticated', user })
    const auth = useAuthStore()
    const todos = useTodosStore()
    await auth.login({ email: 'ann@example.com', password: 'pw' })
    const secret = { id: 1, title: 'secret', notes: '', done: false, due_date: null, created: '', updated: '', version: 1 }
    vi.mocked(todosApi.list).mockResolvedValue({ results: [secret], next: null, previous: null })
    await todos.load()
    expect(todos.items).toHaveLength(1)
    vi.mocked(apiClient.resetCsrfToken).mockClear()

    app.session!.end()

    expect(auth.isAuthenticated).toBe(false)
    expect(todos.items).toEqual([])
    expect(apiClient.resetCsrfToken).toHaveBeenCalledTimes(1)
    // A later navigation must not resurrect the old session from a cached promise.
    const router = createAppRouter(createMemoryHistory())
    await router.push('/todos')
    expect(router.currentRoute.value.name).toBe('login')
  })

  it("keeps the emailed links of earlier releases working as redirects to allauth's routes", async () => {
    vi.mocked(authApi.getAuthState).mockResolvedValue({ kind: 'anonymous', flows: [] })
    const router = createAppRouter(createMemoryHistory())

    await router.push('/account/password/reset/abc-123')
    expect(router.currentRoute.value.name).toBe('reset-password')
    expect(router.currentRoute.value.fullPath).toBe('/account/password/reset/key/abc-123')

    await router.push('/signup?next=/posts')
    expect(router.currentRoute.value.name).toBe('signup')
    expect(router.currentRoute.value.fullPath).toBe('/account/signup?next=/posts')
  })
})
