import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { FilterButtons, type FilterOption } from './FilterButtons'

type Shade = 'light' | 'dark'
const OPTIONS: FilterOption<Shade>[] = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
]

// Vitest runs without globals, so Testing Library cannot unmount between tests by itself.
afterEach(cleanup)

describe('FilterButtons', () => {
  it('names the group and presses the selected option only', () => {
    render(<FilterButtons label="Filter shades" options={OPTIONS} selected="dark" onSelect={() => {}} />)
    expect(screen.getByRole('group', { name: 'Filter shades' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Light' }).getAttribute('aria-pressed')).toBe('false')
    expect(screen.getByRole('button', { name: 'Dark' }).getAttribute('aria-pressed')).toBe('true')
  })

  // The caller may refuse or delay the change (a request): the buttons follow its value, not the click.
  it('asks for the clicked option and waits for the caller to select it', () => {
    const onSelect = vi.fn()
    const { rerender } = render(<FilterButtons label="Filter shades" options={OPTIONS} selected="dark" onSelect={onSelect} />)
    fireEvent.click(screen.getByRole('button', { name: 'Light' }))
    expect(onSelect).toHaveBeenCalledWith('light')
    expect(screen.getByRole('button', { name: 'Light' }).getAttribute('aria-pressed')).toBe('false')

    rerender(<FilterButtons label="Filter shades" options={OPTIONS} selected="light" onSelect={onSelect} />)
    expect(screen.getByRole('button', { name: 'Light' }).getAttribute('aria-pressed')).toBe('true')
  })

  it('adds the caller’s placement to the group', () => {
    render(<FilterButtons label="Filter shades" options={OPTIONS} selected="dark" onSelect={() => {}} className="self-start" />)
    expect(screen.getByRole('group').className).toBe('inline-flex rounded-lg bg-zinc-100 p-1 self-start')
  })
})
