import { act, render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { createCursorList } from '@tandem/client'
import { useCursorListSnapshot } from './useCursorList'

interface Row {
  id: number
  title: string
}

function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((done) => (resolve = done))
  return { promise, resolve }
}

function Rows({ list }: { list: ReturnType<typeof createCursorList<Row, string>> }) {
  const { items, status } = useCursorListSnapshot(list)
  return (
    <div>
      <p>{status}</p>
      <ul>
        {items.map((row) => (
          <li key={row.id}>{row.title}</li>
        ))}
      </ul>
    </div>
  )
}

describe('useCursorListSnapshot', () => {
  it('renders each change, and only the newest query’s answer', async () => {
    const answers = new Map<string, ReturnType<typeof deferred<{ results: Row[]; next: null }>>>()
    const list = createCursorList<Row, string>((query) => {
      const answer = deferred<{ results: Row[]; next: null }>()
      answers.set(query, answer)
      return answer.promise
    })
    render(<Rows list={list} />)
    expect(screen.getByText('idle')).toBeTruthy()

    let first!: Promise<void>
    let second!: Promise<void>
    act(() => {
      first = list.load('old')
      second = list.load('new')
    })
    expect(screen.getByText('loading')).toBeTruthy()
    await act(async () => {
      answers.get('new')!.resolve({ results: [{ id: 2, title: 'Newest' }], next: null })
      answers.get('old')!.resolve({ results: [{ id: 1, title: 'Stale' }], next: null })
      await Promise.allSettled([first, second])
    })
    expect(screen.getByText('ready')).toBeTruthy()
    expect(screen.getByText('Newest')).toBeTruthy()
    expect(screen.queryByText('Stale')).toBeNull()

    act(() => list.update((rows) => [{ id: 3, title: 'Added' }, ...rows]))
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Added', 'Newest'])
  })
})
