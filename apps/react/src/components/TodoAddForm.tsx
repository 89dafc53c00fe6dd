import { useRef, useState, type FormEvent } from 'react'
import type { TodoCreateInput } from '@tandem/client'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import { AppButton } from './AppButton'
import { FormAlert } from './FormAlert'
import { TextField } from './TextField'

export function TodoAddForm({ add }: { add: (input: TodoCreateInput) => Promise<unknown> }) {
  const [title, setTitle] = useState('')
  const [dueDate, setDueDate] = useState('')
  const titleField = useRef<HTMLInputElement>(null)
  const { pending, fieldErrors, formErrors, setFieldErrors, setFormErrors, submit } = useFormSubmit(['title', 'due_date'] as const)

  async function onSubmit(event: FormEvent): Promise<void> {
    event.preventDefault()
    if (title.trim() === '') {
      setFieldErrors({ title: ['Enter a title.'] })
      setFormErrors([])
      titleField.current?.focus()
      return
    }
    const ok = await submit(() => add({ title, due_date: dueDate || null }))
    if (ok) {
      setTitle('')
      setDueDate('')
    }
    titleField.current?.focus()
  }

  return (
    <form className="flex flex-col gap-3 rounded-xl border border-zinc-200 bg-white p-4 shadow-sm" noValidate onSubmit={(event) => void onSubmit(event)}>
      <FormAlert messages={formErrors} />
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <div className="flex-1">
          <TextField ref={titleField} value={title} onChange={setTitle} label="New todo" placeholder="What needs doing?" errors={fieldErrors.title} />
        </div>
        <div className="sm:w-44">
          <TextField value={dueDate} onChange={setDueDate} label="Due (optional)" type="date" errors={fieldErrors.due_date} />
        </div>
        <AppButton type="submit" loading={pending} className="sm:mt-7">
          Add
        </AppButton>
      </div>
    </form>
  )
}
