import { useState } from 'react'
import type { TodoStatusFilter } from '@tandem/client'
import { FilterButtons, type FilterOption } from '@/components/FilterButtons'
import { useDebouncedFn } from '@/hooks/useDebouncedFn'

const FILTERS: FilterOption<TodoStatusFilter>[] = [
  { value: 'all', label: 'All' },
  { value: 'active', label: 'Active' },
  { value: 'done', label: 'Done' },
]
const SEARCH_DEBOUNCE_MS = 250

export function TodoToolbar({
  filter,
  search,
  onFilter,
  onSearch,
}: {
  filter: TodoStatusFilter
  search: string
  onFilter: (value: TodoStatusFilter) => void
  onSearch: (value: string) => void
}) {
  const [term, setTerm] = useState(search)
  // The store's search reset (sign-out) shows in the box too.
  const [seen, setSeen] = useState(search)
  if (search !== seen) {
    setSeen(search)
    if (search !== term) setTerm(search)
  }
  // One request per pause in typing rather than one per keystroke.
  const debounced = useDebouncedFn(onSearch, SEARCH_DEBOUNCE_MS)

  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
      <FilterButtons label="Filter todos" options={FILTERS} selected={filter} onSelect={onFilter} />
      <div className="sm:w-64">
        <label htmlFor="todo-search" className="sr-only">
          Search
        </label>
        <input
          id="todo-search"
          value={term}
          type="search"
          placeholder="Search todos"
          autoComplete="off"
          className="block w-full rounded-md border-0 bg-white px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-zinc-300 placeholder:text-zinc-400 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
          onChange={(event) => {
            setTerm(event.target.value)
            debounced.call(event.target.value)
          }}
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return
            event.preventDefault()
            debounced.cancel()
            onSearch(term)
          }}
        />
      </div>
    </div>
  )
}
