import { describe, expect, it, vi } from 'vitest'
import { createCursorList, type CursorPage } from './cursorList'
import { ApiError } from './errors'

interface Row {
  id: number
  title: string
}

const row = (id: number): Row => ({ id, title: `row ${id}` })
const link = (cursor: string) => `http://api.test/api/todos/?cursor=${cursor}&search=a`

/** A request the test answers by hand, in any order. */
function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok
    reject = fail
  })
  return { promise, resolve, reject }
}

function abortable(signal: AbortSignal, promise: Promise<CursorPage<Row>>): Promise<CursorPage<Row>> {
  return new Promise((resolve, reject) => {
    signal.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')))
    promise.then(resolve, reject)
  })
}

describe('createCursorList', () => {
  it('keeps local edits made while the first page is on its way (a row added just after the page opened)', async () => {
    const answers: ReturnType<typeof deferred<CursorPage<Row>>>[] = []
    const list = createCursorList((_query: string) => {
      const answer = deferred<CursorPage<Row>>()
      answers.push(answer)
      return answer.promise
    })

    // The page was read before the write: it lacks the added row and still has the removed one.
    const first = list.load('a')
    list.update((items) => [row(9), ...items])
    list.update((items) => items.filter((item) => item.id !== 2))
    answers[0]?.resolve({ results: [row(1), row(2)], next: null })
    await first
    expect(list.snapshot.items.map((item) => item.id)).toEqual([9, 1])

    // Read after the write: the added row is in the page already, and shows once.
    const second = list.load('a')
    list.update((items) => [row(10), ...items])
    answers[1]?.resolve({ results: [row(10), row(9), row(1)], next: null })
    await second
    expect(list.snapshot.items.map((item) => item.id)).toEqual([10, 9, 1])

    // Edits made after the page arrived are not applied twice by the next load.
    list.update((items) => [row(11), ...items])
    const third = list.load('a')
    answers[2]?.resolve({ results: [row(1)], next: null })
    await third
    expect(list.snapshot.items.map((item) => item.id)).toEqual([1])
  })

  it('loads the first page, then appends the next ones until the last', async () => {
    const fetchPage = vi.fn(async (_query: string, cursor: string | null) =>
      cursor === null ? { results: [row(1), row(2)], next: link('p2') } : { results: [row(3)], next: null },
    )
    const list = createCursorList(fetchPage)
    expect(list.snapshot.status).toBe('idle')

    const loading = list.load('a')
    expect(list.snapshot.status).toBe('loading')
    await loading
    expect(list.snapshot).toMatchObject({ status: 'ready', hasMore: true, error: null })
    expect(list.snapshot.items.map((item) => item.id)).toEqual([1, 2])

    await list.loadMore()
    expect(fetchPage).toHaveBeenLastCalledWith('a', 'p2', expect.any(AbortSignal))
    expect(list.snapshot.items.map((item) => item.id)).toEqual([1, 2, 3])
    expect(list.snapshot.hasMore).toBe(false)

    await list.loadMore()
    expect(fetchPage).toHaveBeenCalledTimes(2)
  })

  it('lets only the newest query write: an older answer arriving late is dropped', async () => {
    const answers = new Map<string, ReturnType<typeof deferred<CursorPage<Row>>>>()
    const signals = new Map<string, AbortSignal>()
    const list = createCursorList((query: string, _cursor, signal) => {
      const answer = deferred<CursorPage<Row>>()
      answers.set(query, answer)
      signals.set(query, signal)
      return answer.promise
    })

    const first = list.load('a')
    const second = list.load('ab')
    expect(signals.get('a')?.aborted).toBe(true)
    answers.get('ab')!.resolve({ results: [row(2)], next: null })
    answers.get('a')!.resolve({ results: [row(1)], next: null })
    await Promise.all([first, second])

    expect(list.query).toBe('ab')
    expect(list.snapshot.items.map((item) => item.id)).toEqual([2])
    expect(list.snapshot.status).toBe('ready')
  })

  it('skips rows already shown when the window shifted between pages', async () => {
    const list = createCursorList(async (_query: null, cursor) =>
      cursor === null ? { results: [row(5), row(4)], next: link('x') } : { results: [row(4), row(3)], next: null },
    )
    await list.load(null)
    await list.loadMore()
    expect(list.snapshot.items.map((item) => item.id)).toEqual([5, 4, 3])
  })

  it('keeps the rows and reports the error when "load more" fails; the next try clears it', async () => {
    const failure = new ApiError(503, [{ code: 'service_unavailable', message: 'Down.' }])
    let fail = true
    const list = createCursorList(async (_query: null, cursor) => {
      if (cursor === null) return { results: [row(1)], next: link('p2') }
      if (fail) throw failure
      return { results: [row(2)], next: null }
    })
    await list.load(null)

    await list.loadMore()
    expect(list.snapshot).toMatchObject({ status: 'ready', loadingMore: false, hasMore: true, error: failure })
    expect(list.snapshot.items).toHaveLength(1)

    fail = false
    await list.loadMore()
    expect(list.snapshot.error).toBeNull()
    expect(list.snapshot.items).toHaveLength(2)
  })

  it('says why the first page failed, as an ApiError even for a non-API failure', async () => {
    const list = createCursorList(async () => {
      throw new TypeError('boom')
    })
    await list.load('a')
    expect(list.snapshot.status).toBe('error')
    expect(list.snapshot.error).toBeInstanceOf(ApiError)
  })

  it('a new query cancels a "load more" in flight and never appends its rows', async () => {
    const more = deferred<CursorPage<Row>>()
    const list = createCursorList((query: string, cursor, signal) =>
      cursor === null
        ? Promise.resolve({ results: [row(query === 'a' ? 1 : 9)], next: link('p2') })
        : abortable(signal, more.promise),
    )
    await list.load('a')
    const loadingMore = list.loadMore()
    expect(list.snapshot.loadingMore).toBe(true)

    await list.load('b')
    more.resolve({ results: [row(2)], next: null })
    await loadingMore

    expect(list.snapshot.items.map((item) => item.id)).toEqual([9])
    expect(list.snapshot.loadingMore).toBe(false)
  })

  it('applies local edits and notifies with a new snapshot each time', async () => {
    const list = createCursorList(async () => ({ results: [row(1), row(2)], next: null }))
    await list.load('a')
    const listener = vi.fn()
    list.subscribe(listener)
    const before = list.snapshot

    list.update((items) => [row(0), ...items.filter((item) => item.id !== 2)])

    expect(list.snapshot).not.toBe(before)
    expect(Object.isFrozen(list.snapshot)).toBe(true)
    expect(list.snapshot.items.map((item) => item.id)).toEqual([0, 1])
    expect(listener).toHaveBeenCalledTimes(1)
  })

  it('clear() aborts and forgets every row (sign-out)', async () => {
    const answer = deferred<CursorPage<Row>>()
    let signal: AbortSignal | undefined
    const list = createCursorList((_query: string, _cursor, given) => {
      signal = given
      return abortable(given, answer.promise)
    })
    const loading = list.load('a')

    list.clear()
    answer.resolve({ results: [row(1)], next: null })
    await loading

    expect(signal?.aborted).toBe(true)
    expect(list.snapshot).toMatchObject({ status: 'idle', items: [], hasMore: false })
    expect(list.query).toBeNull()
    await list.reload()
    expect(list.snapshot.status).toBe('idle')
  })

  it('seed() starts from a page fetched elsewhere: no request, and "load more" goes on from its cursor', async () => {
    const fetchPage = vi.fn(async () => ({ results: [row(2), row(3)], next: null }))
    const list = createCursorList(fetchPage)

    list.seed('mine', { results: [row(1), row(2)], next: link('p2') })

    expect(fetchPage).not.toHaveBeenCalled()
    expect(list.snapshot).toMatchObject({ status: 'ready', hasMore: true, error: null })
    expect(list.snapshot.items.map((item) => item.id)).toEqual([1, 2])
    expect(list.query).toBe('mine')

    await list.loadMore()
    expect(fetchPage).toHaveBeenCalledWith('mine', 'p2', expect.any(AbortSignal))
    expect(list.snapshot.items.map((item) => item.id)).toEqual([1, 2, 3])
    expect(list.snapshot.hasMore).toBe(false)
  })

  it('seed() with a last page offers no "load more", and a later load() still asks the API', async () => {
    const fetchPage = vi.fn(async () => ({ results: [row(9)], next: null }))
    const list = createCursorList(fetchPage)

    list.seed('all', { results: [row(1)] })
    await list.loadMore()
    expect(fetchPage).not.toHaveBeenCalled()
    expect(list.snapshot.hasMore).toBe(false)

    await list.load('mine')
    expect(fetchPage).toHaveBeenCalledOnce()
    expect(list.snapshot.items.map((item) => item.id)).toEqual([9])
    expect(list.snapshot.hasMore).toBe(false)
  })

  it('a seeded page wins over a first page still on its way', async () => {
    const slow = deferred<CursorPage<Row>>()
    const list = createCursorList((_query: string, _cursor, signal) => abortable(signal, slow.promise))
    const loading = list.load('old')

    list.seed('new', { results: [row(9)], next: null })
    slow.resolve({ results: [row(1)], next: null })
    await loading

    expect(list.snapshot.items.map((item) => item.id)).toEqual([9])
    expect(list.snapshot.hasMore).toBe(false)
  })
})
