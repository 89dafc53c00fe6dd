import { describe, expect, expectTypeOf, it, vi } from 'vitest'
import { createApiClient } from './client'
import { createAllauthApi, createTandemApi, fillPath } from './requests'
import type { Todo, UserSession } from './types'

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

describe('typed requests', () => {
  it('fills path parameters, encoded, and refuses a missing one', () => {
    expect(fillPath('/api/todos/{todo_id}/', { todo_id: 7 })).toBe('/api/todos/7/')
    expect(fillPath('/api/todos/{todo_id}/', { todo_id: '../1' })).toBe('/api/todos/..%2F1/')
    expect(() => fillPath('/api/todos/{todo_id}/', {})).toThrow(/todo_id/)
  })

  it("fills allauth's {client} from the auth mode", async () => {
    const fetch = vi.fn(async (_url: RequestInfo | URL) => json(200, { status: 200, data: [] }))
    await createAllauthApi(createApiClient({ fetch, tabs: null })).get('/api/auth/{client}/v1/auth/sessions')
    await createAllauthApi(createApiClient({ fetch, tabs: null, authMode: 'token' })).get(
      '/api/auth/{client}/v1/auth/sessions',
    )
    expect(fetch.mock.calls.map(([url]) => String(url))).toEqual([
      '/api/auth/browser/v1/auth/sessions',
      '/api/auth/app/v1/auth/sessions',
    ])
  })

  it('sends query and body through the client (CSRF included) and answers with the parsed JSON', async () => {
    const fetch = vi.fn(async (url: RequestInfo | URL) =>
      String(url).endsWith('/api/csrf/') ? json(200, { csrf_token: 't' }) : json(200, { id: 3 }),
    )
    const api = createTandemApi(createApiClient({ fetch, tabs: null }))

    const todo = await api.patch('/api/todos/{todo_id}/', { path: { todo_id: 3 }, body: { done: true, version: 2 } })

    expect(todo).toEqual({ id: 3 })
    const [url, init] = fetch.mock.calls.at(-1)! as unknown as [string, RequestInit]
    expect(url).toBe('/api/todos/3/')
    expect(init.method).toBe('PATCH')
    expect(JSON.parse(String(init.body))).toEqual({ done: true, version: 2 })
    expect((init.headers as Record<string, string>)['X-CSRFToken']).toBe('t')
  })

  it('types paths, parameters, bodies and answers from the generated specs', () => {
    const api = createTandemApi(createApiClient({ fetch: vi.fn(), tabs: null }))
    const allauth = createAllauthApi(createApiClient({ fetch: vi.fn(), tabs: null }))
    // Only the type checker runs these lines' assertions; the requests are never sent.
    const typeOnly = (run: () => unknown) => run

    typeOnly(() => {
      expectTypeOf(api.get('/api/todos/{todo_id}/', { path: { todo_id: 1 } })).resolves.toEqualTypeOf<Todo>()
      expectTypeOf(allauth.get('/api/auth/{client}/v1/auth/sessions')).resolves.toHaveProperty('data')
      expectTypeOf<Awaited<ReturnType<typeof allauth.get<'/api/auth/{client}/v1/auth/sessions'>>>['data']>().toEqualTypeOf<
        UserSession[]
      >()
      // @ts-expect-error: no such endpoint
      void api.get('/api/todo/')
      // @ts-expect-error: the todos list has no PUT
      void api.put('/api/todos/', { body: {} })
      // @ts-expect-error: the path parameter is required
      void api.get('/api/todos/{todo_id}/')
      // @ts-expect-error: the parameter is named todo_id
      void api.get('/api/todos/{todo_id}/', { path: { id: 1 } })
      // @ts-expect-error: `titel` is not a field of the create body
      void api.post('/api/todos/', { body: { titel: 'x' } })
      // @ts-expect-error: status is one of all | active | done
      void api.get('/api/todos/', { query: { status: 'open' } })
      // @ts-expect-error: {client} is filled in by the client, never by the caller
      void allauth.get('/api/auth/{client}/v1/auth/sessions', { path: { client: 'app' } })
    })
  })
})
