import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ListLoadError, ListMore } from './ListStates'

// Vitest runs without globals, so Testing Library cannot unmount between tests by itself.
afterEach(cleanup)

describe('ListMore', () => {
  // A failed "Load more" is hard to bring about in a browser test: the rows stay, the reason shows.
  it('says why loading more failed, and offers to try again while there is more', () => {
    const onLoadMore = vi.fn()
    render(<ListMore error="Offline." hasMore loadingMore={false} onLoadMore={onLoadMore} />)
    expect(screen.getByRole('alert').textContent).toBe('Could not load more: Offline.')
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }))
    expect(onLoadMore).toHaveBeenCalledOnce()
  })

  it('shows nothing at the end of a list that loaded', () => {
    const { container } = render(<ListMore error={undefined} hasMore={false} loadingMore={false} onLoadMore={() => {}} />)
    expect(container.innerHTML).toBe('')
  })
})

describe('ListLoadError', () => {
  it('shows the reason as an alert and retries on request', () => {
    const onRetry = vi.fn()
    render(<ListLoadError onRetry={onRetry}>Could not load the posts. Offline.</ListLoadError>)
    expect(screen.getByRole('alert').textContent).toBe('Could not load the posts. Offline.')
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    expect(onRetry).toHaveBeenCalledOnce()
  })
})
