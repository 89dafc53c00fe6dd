export interface FilterOption<T extends string> {
  value: T
  label: string
}

// A group of toggle buttons that picks one filter (todos, posts). The caller owns the value:
// the pressed button changes only once it passes the new one back.
export function FilterButtons<T extends string>({
  label,
  options,
  selected,
  onSelect,
  className,
}: {
  /** The group's accessible name, e.g. "Filter todos". */
  label: string
  options: readonly FilterOption<T>[]
  selected: T
  onSelect: (value: T) => void
  /** Placement in the caller's layout (e.g. `self-start`). */
  className?: string
}) {
  return (
    <div role="group" aria-label={label} className={['inline-flex rounded-lg bg-zinc-100 p-1', className].filter(Boolean).join(' ')}>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          aria-pressed={selected === option.value}
          className={[
            'rounded-md px-3 py-1.5 text-sm font-medium transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500',
            selected === option.value ? 'bg-white text-zinc-900 shadow-sm' : 'text-zinc-600 hover:text-zinc-900',
          ].join(' ')}
          onClick={() => onSelect(option.value)}
        >
          {option.label}
        </button>
      ))}
    </div>
  )
}
