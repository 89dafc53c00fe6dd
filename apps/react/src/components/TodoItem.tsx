import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import type { Todo, TodoChanges } from '@tandem/client'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import { AppButton } from './AppButton'

type Mode = 'view' | 'edit' | 'confirm-delete'
type FocusTarget = 'title' | 'edit' | 'delete' | 'confirm' | null

const inputClass =
  'block w-full rounded-md border-0 bg-white px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-zinc-300 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 aria-invalid:ring-red-500'
const iconButton =
  'rounded-md px-2 py-1 text-sm font-medium text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500'

function dueLabelOf(due: string | null | undefined): string | null {
  if (!due) return null
  // Dates are calendar days: format them without shifting through the local timezone.
  const [year, month, day] = due.split('-').map(Number)
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)).toLocaleDateString(undefined, {
    timeZone: 'UTC',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
  })
}

export function TodoItem({
  todo,
  notice,
  busy = false,
  save,
  remove,
  onToggle,
  onDismissNotice,
}: {
  todo: Todo
  notice?: string
  /** A write is in flight; controls stay usable (writes are queued) so focus is never lost. */
  busy?: boolean
  /** Resolves `true` when saved, `false` when a version conflict replaced the todo. */
  save: (changes: TodoChanges) => Promise<boolean>
  remove: () => Promise<void>
  onToggle: () => void
  onDismissNotice: () => void
}) {
  const id = useId()
  const [mode, setMode] = useState<Mode>('view')
  const [draft, setDraft] = useState({ title: '', notes: '', due_date: '' })
  // Where focus goes once the next render is on screen (the controls of the new mode).
  const focusNext = useRef<FocusTarget>(null)
  const setFocus = (target: FocusTarget) => {
    focusNext.current = target
  }
  const editButton = useRef<HTMLButtonElement>(null)
  const deleteButton = useRef<HTMLButtonElement>(null)
  const confirmButton = useRef<HTMLButtonElement>(null)
  const titleInput = useRef<HTMLInputElement>(null)
  const { pending, fieldErrors, clearErrors, formErrors, submit } = useFormSubmit(['title', 'notes', 'due_date'] as const)
  const deleting = useFormSubmit()

  // Focus follows the mode, once the new controls are on screen.
  useEffect(() => {
    const focus = focusNext.current
    if (!focus) return
    focusNext.current = null
    const target = { title: titleInput, edit: editButton, delete: deleteButton, confirm: confirmButton }[focus]
    target.current?.focus()
  })

  const today = new Date().toISOString().slice(0, 10)
  const overdue = !todo.done && !!todo.due_date && todo.due_date < today
  const dueLabel = dueLabelOf(todo.due_date)

  function describedBy(field: 'title' | 'notes' | 'due_date'): string | undefined {
    return fieldErrors[field]?.length ? `${id}-${field}-error` : undefined
  }

  function startEdit(): void {
    setDraft({ title: todo.title, notes: todo.notes ?? '', due_date: todo.due_date ?? '' })
    setMode('edit')
    setFocus('title')
  }

  function backToView(target: 'edit' | 'delete' = 'edit'): void {
    setMode('view')
    clearErrors()
    setFocus(target)
  }

  function changedFields(): TodoChanges {
    const changes: TodoChanges = {}
    if (draft.title !== todo.title) changes.title = draft.title
    if (draft.notes !== (todo.notes ?? '')) changes.notes = draft.notes
    const due = draft.due_date || null
    if (due !== (todo.due_date ?? null)) changes.due_date = due
    return changes
  }

  async function saveEdit(event?: FormEvent): Promise<void> {
    event?.preventDefault()
    const changes = changedFields()
    if (Object.keys(changes).length === 0) return backToView()
    let outcome = true
    const ok = await submit(async () => {
      outcome = await save(changes)
    })
    // On a conflict the item now shows the server's copy; leave edit mode to show it.
    if (ok || !outcome) backToView()
  }

  function onNotesKeydown(event: KeyboardEvent): void {
    // Enter makes a new line in notes; Ctrl/Cmd+Enter saves.
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      void saveEdit()
    }
  }

  function onEscape(event: KeyboardEvent, target: 'edit' | 'delete'): void {
    if (event.key !== 'Escape') return
    event.preventDefault()
    event.stopPropagation()
    backToView(target)
  }

  function askDelete(): void {
    setMode('confirm-delete')
    setFocus('confirm')
  }

  return (
    <li className="group px-4 py-3" aria-busy={busy || undefined}>
      {mode === 'edit' ? (
        <form className="flex flex-col gap-3" noValidate onSubmit={(event) => void saveEdit(event)} onKeyDown={(event) => onEscape(event, 'edit')}>
          {formErrors.length > 0 && (
            <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
              {formErrors.map((message, index) => (
                <p key={index}>{message}</p>
              ))}
            </div>
          )}
          <div className="flex flex-col gap-1.5">
            <label htmlFor={`${id}-title`} className="text-sm font-medium text-zinc-700">
              Title
            </label>
            <input
              id={`${id}-title`}
              ref={titleInput}
              value={draft.title}
              onChange={(event) => setDraft({ ...draft, title: event.target.value })}
              type="text"
              className={inputClass}
              aria-invalid={!!fieldErrors.title || undefined}
              aria-describedby={describedBy('title')}
            />
            {fieldErrors.title && (
              <p id={`${id}-title-error`} role="alert" className="text-sm text-red-600">
                {fieldErrors.title.join(' ')}
              </p>
            )}
          </div>
          <div className="flex flex-col gap-1.5">
            <label htmlFor={`${id}-notes`} className="text-sm font-medium text-zinc-700">
              Notes
            </label>
            <textarea
              id={`${id}-notes`}
              value={draft.notes}
              onChange={(event) => setDraft({ ...draft, notes: event.target.value })}
              rows={3}
              className={inputClass}
              aria-invalid={!!fieldErrors.notes || undefined}
              aria-describedby={describedBy('notes')}
              onKeyDown={onNotesKeydown}
            />
            {fieldErrors.notes && (
              <p id={`${id}-notes-error`} role="alert" className="text-sm text-red-600">
                {fieldErrors.notes.join(' ')}
              </p>
            )}
          </div>
          <div className="flex flex-col gap-1.5 sm:w-48">
            <label htmlFor={`${id}-due`} className="text-sm font-medium text-zinc-700">
              Due date
            </label>
            <input
              id={`${id}-due`}
              value={draft.due_date}
              onChange={(event) => setDraft({ ...draft, due_date: event.target.value })}
              type="date"
              className={inputClass}
              aria-invalid={!!fieldErrors.due_date || undefined}
              aria-describedby={describedBy('due_date')}
            />
            {fieldErrors.due_date && (
              <p id={`${id}-due_date-error`} role="alert" className="text-sm text-red-600">
                {fieldErrors.due_date.join(' ')}
              </p>
            )}
          </div>
          <div className="flex gap-2">
            <AppButton type="submit" size="sm" loading={pending}>
              Save
            </AppButton>
            <AppButton variant="ghost" size="sm" onClick={() => backToView()}>
              Cancel
            </AppButton>
          </div>
          <p className="text-xs text-zinc-500">Enter saves · Esc cancels</p>
        </form>
      ) : (
        <div className="flex items-start gap-3">
          <input
            type="checkbox"
            checked={todo.done}
            aria-label={`Done: ${todo.title}`}
            className="mt-0.5 size-5 shrink-0 cursor-pointer rounded border-zinc-300 accent-indigo-600 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2"
            onChange={onToggle}
          />
          <div className="min-w-0 flex-1">
            <p className={['break-words text-sm font-medium', todo.done ? 'text-zinc-500 line-through' : 'text-zinc-900'].join(' ')}>{todo.title}</p>
            {todo.notes && <p className="mt-0.5 whitespace-pre-line break-words text-sm text-zinc-500">{todo.notes}</p>}
            {dueLabel && (
              <p className={['mt-1 text-xs', overdue ? 'font-medium text-red-600' : 'text-zinc-500'].join(' ')}>
                {overdue ? 'Overdue' : 'Due'} {dueLabel}
              </p>
            )}
            {notice && (
              <div role="status" className="mt-2 flex items-start gap-2 rounded-md bg-amber-50 px-2.5 py-1.5 text-xs text-amber-900">
                <span className="flex-1">{notice}</span>
                <button type="button" className={`${iconButton} !py-0 text-xs`} onClick={onDismissNotice}>
                  Dismiss
                </button>
              </div>
            )}
            {mode === 'confirm-delete' && (
              <div className="mt-2 flex flex-wrap items-center gap-2" onKeyDown={(event) => onEscape(event, 'delete')}>
                <span className="text-sm text-zinc-700">Delete this todo?</span>
                <AppButton
                  ref={confirmButton}
                  variant="danger"
                  size="sm"
                  loading={deleting.pending}
                  onClick={() => void deleting.submit(() => remove())}
                >
                  Confirm delete
                </AppButton>
                <AppButton variant="ghost" size="sm" onClick={() => backToView('delete')}>
                  Cancel
                </AppButton>
                {deleting.formErrors.length > 0 && (
                  <p role="alert" className="w-full text-sm text-red-600">
                    {deleting.formErrors.join(' ')}
                  </p>
                )}
              </div>
            )}
          </div>
          {mode === 'view' && (
            <div className="flex shrink-0 gap-1">
              <button ref={editButton} type="button" className={iconButton} aria-label={`Edit ${todo.title}`} onClick={startEdit}>
                Edit
              </button>
              <button
                ref={deleteButton}
                type="button"
                className={`${iconButton} hover:text-red-600`}
                aria-label={`Delete ${todo.title}`}
                onClick={askDelete}
              >
                Delete
              </button>
            </div>
          )}
        </div>
      )}
    </li>
  )
}
