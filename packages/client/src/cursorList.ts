// A list read page by page through the API's cursors (todos, posts), written
// once for every framework: Vue wraps it in a store, React in
// useSyncExternalStore. It owns the parts that are easy to get wrong:
//   - only the newest request may write: a new query aborts the one in flight
//     (typing in a search box fires requests whose answers arrive out of order);
//   - "load more" appends, skipping rows already shown (a row added since the
//     first page shifts the window);
//   - the snapshot is a new frozen object on every change, so frameworks that
//     compare by identity see each change.
import { ApiError } from './errors'

/** One page as the API answers it: `next` is the link to the following page (absent or null on the last). */
export interface CursorPage<T> {
  results: T[]
  next?: string | null
}

export type CursorListStatus = 'idle' | 'loading' | 'ready' | 'error'

export interface CursorListSnapshot<T> {
  readonly items: readonly T[]
  /** Of the first page: `loading` while it is on its way, `error` when it failed. */
  readonly status: CursorListStatus
  readonly loadingMore: boolean
  readonly hasMore: boolean
  /** The last list request's error (first page or "load more"), cleared by the next request. */
  readonly error: ApiError | null
}

export interface CursorList<T, Q> {
  readonly snapshot: CursorListSnapshot<T>
  /** The query of the last `load` (null before the first, or after `clear`). */
  readonly query: Q | null
  /** Aborts any request in flight and loads the first page for `query`. */
  load(query: Q): Promise<void>
  /**
   * Starts from a first page fetched elsewhere (a server-rendered page hands it
   * over in its payload): no request, and "load more" continues from its `next`.
   */
  seed(query: Q, page: CursorPage<T>): void
  /** The first page again, for the same query (no-op before the first `load`). */
  reload(): Promise<void>
  /** Appends the next page; no-op on the last page, while loading, or before the first `load`. */
  loadMore(): Promise<void>
  /** A local edit (add, replace, remove) after a write the server accepted. */
  update(change: (items: readonly T[]) => readonly T[]): void
  /** Aborts and forgets everything (sign-out: nothing of one user may show for the next). */
  clear(): void
  /** Calls `listener` after every change; returns the unsubscribe. */
  subscribe(listener: () => void): () => void
}

export type FetchCursorPage<T, Q> = (query: Q, cursor: string | null, signal: AbortSignal) => Promise<CursorPage<T>>

export interface CursorListOptions<T> {
  /** What makes two rows the same row (default: their `id`). */
  key?: (item: T) => unknown
}

/**
 * Extracts the `cursor` query parameter from a `next`/`previous` link. The
 * link is absolute to the API host, which may differ from the SPA's origin,
 * so we re-issue the request through the client rather than fetch it as is.
 */
export function cursorFromUrl(link: string | null | undefined): string | null {
  if (!link) return null
  try {
    return new URL(link, 'http://placeholder.invalid').searchParams.get('cursor')
  } catch {
    return null
  }
}

const IDLE = Object.freeze({ items: [], status: 'idle', loadingMore: false, hasMore: false, error: null })

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError'
}

function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : ApiError.unexpected(0)
}

const byId = (item: unknown): unknown => (item as { id?: unknown } | null)?.id

export function createCursorList<T, Q>(
  fetchPage: FetchCursorPage<T, Q>,
  options: CursorListOptions<T> = {},
): CursorList<T, Q> {
  const key = options.key ?? byId
  let snapshot: CursorListSnapshot<T> = IDLE as CursorListSnapshot<T>
  let query: Q | null = null
  // Q itself may be null (a list without filters), so "loaded once" is its own flag.
  let hasQuery = false
  let nextCursor: string | null = null
  let controller: AbortController | null = null
  // Local edits made while a first page is on its way: that page was read
  // before them (a todo added just after the page opened), so they are
  // applied to it again when it arrives instead of being lost.
  let editsSinceLoad: ((items: readonly T[]) => readonly T[])[] | null = null
  const listeners = new Set<() => void>()

  function set(changes: Partial<CursorListSnapshot<T>>): void {
    snapshot = Object.freeze({ ...snapshot, ...changes })
    for (const listener of [...listeners]) listener()
  }

  /** Aborts the request in flight; the returned signal belongs to the new one. */
  function begin(): AbortSignal {
    controller?.abort()
    controller = new AbortController()
    editsSinceLoad = null
    return controller.signal
  }

  /** The loaded page with the edits made since it was asked for, each row once. */
  function withLocalEdits(rows: readonly T[]): readonly T[] {
    const edited = (editsSinceLoad ?? []).reduce((items, change) => change(items), rows)
    editsSinceLoad = null
    const seen = new Set<unknown>()
    return edited.filter((item) => !seen.has(key(item)) && seen.add(key(item)))
  }

  async function request(
    signal: AbortSignal,
    cursor: string | null,
    onPage: (page: CursorPage<T>) => void,
    onError: (error: ApiError) => void,
  ): Promise<void> {
    try {
      const page = await fetchPage(query as Q, cursor, signal)
      if (signal.aborted) return
      nextCursor = cursorFromUrl(page.next)
      onPage(page)
    } catch (caught) {
      if (isAbort(caught) || signal.aborted) return
      onError(toApiError(caught))
    }
  }

  const list: CursorList<T, Q> = {
    get snapshot() {
      return snapshot
    },
    get query() {
      return query
    },
    load(next) {
      query = next
      hasQuery = true
      const signal = begin()
      editsSinceLoad = []
      nextCursor = null
      set({ status: 'loading', loadingMore: false, error: null })
      return request(
        signal,
        null,
        (page) =>
          set({ items: Object.freeze([...withLocalEdits(page.results)]), status: 'ready', hasMore: nextCursor !== null }),
        (error) => set({ status: 'error', error }),
      )
    },
    seed(next, page) {
      controller?.abort()
      controller = null
      editsSinceLoad = null
      query = next
      hasQuery = true
      nextCursor = cursorFromUrl(page.next)
      set({ items: Object.freeze([...page.results]), status: 'ready', loadingMore: false, error: null, hasMore: nextCursor !== null })
    },
    reload() {
      return hasQuery ? list.load(query as Q) : Promise.resolve()
    },
    loadMore() {
      if (!hasQuery || nextCursor === null || snapshot.loadingMore || snapshot.status !== 'ready') {
        return Promise.resolve()
      }
      const signal = begin()
      set({ loadingMore: true, error: null })
      return request(
        signal,
        nextCursor,
        (page) => {
          const seen = new Set(snapshot.items.map(key))
          const added = page.results.filter((item) => !seen.has(key(item)))
          set({
            items: Object.freeze([...snapshot.items, ...added]),
            loadingMore: false,
            hasMore: nextCursor !== null,
          })
        },
        (error) => set({ loadingMore: false, error }),
      )
    },
    update(change) {
      editsSinceLoad?.push(change)
      set({ items: Object.freeze([...change(snapshot.items)]) })
    },
    clear() {
      controller?.abort()
      controller = null
      editsSinceLoad = null
      query = null
      hasQuery = false
      nextCursor = null
      snapshot = IDLE as CursorListSnapshot<T>
      for (const listener of [...listeners]) listener()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  return list
}
