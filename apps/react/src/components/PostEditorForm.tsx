import { useEffect, useRef, useState, type FormEvent } from 'react'
import { ApiError, type PostCreateInput } from '@tandem/client'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import { AppButton } from './AppButton'
import { FormAlert } from './FormAlert'
import { TextAreaField, TextField } from './TextField'

// The API's limits (the server checks them too; these shape the form).
const TITLE_MAX = 200
const BODY_MAX = 50_000

export function PostEditorForm({
  initial = { title: '', body: '' },
  submitLabel,
  save,
  notice = null,
  onCancel,
}: {
  initial?: PostCreateInput
  submitLabel: string
  /** Saves the post; rejects with ApiError so field errors show by their field. */
  save: (input: PostCreateInput) => Promise<unknown>
  /** Shown above the form, e.g. that the post changed elsewhere. */
  notice?: string | null
  onCancel: () => void
}) {
  const [title, setTitle] = useState(initial.title)
  const [body, setBody] = useState(initial.body ?? '')
  const titleField = useRef<HTMLInputElement>(null)
  const { pending, fieldErrors, formErrors, setFieldErrors, setFormErrors, submit } = useFormSubmit(['title', 'body'] as const)
  const [focusTitle, setFocusTitle] = useState(0)

  const bodyHint = `Plain text; line breaks are kept. ${body.length.toLocaleString()} / ${BODY_MAX.toLocaleString()} characters.`

  useEffect(() => {
    titleField.current?.focus()
  }, [focusTitle])

  async function onSubmit(event: FormEvent): Promise<void> {
    event.preventDefault()
    // The same rules as the API, checked first so an obvious slip costs no request.
    if (title.trim() === '') {
      setFieldErrors({ title: ['Enter a title.'] })
      setFormErrors([])
      setFocusTitle((n) => n + 1)
      return
    }
    let titleRefused = false
    const ok = await submit(() =>
      save({ title, body }).catch((error: unknown) => {
        titleRefused = error instanceof ApiError && error.errors.some((item) => item.param === 'title')
        throw error
      }),
    )
    if (!ok && titleRefused) setFocusTitle((n) => n + 1)
  }

  return (
    <form className="flex flex-col gap-4 rounded-xl border border-zinc-200 bg-white p-4 shadow-sm sm:p-6" noValidate onSubmit={(event) => void onSubmit(event)}>
      {notice && <FormAlert tone="info" messages={[notice]} />}
      <FormAlert messages={formErrors} />
      <TextField ref={titleField} value={title} onChange={setTitle} label="Title" maxLength={TITLE_MAX} errors={fieldErrors.title} />
      <TextAreaField value={body} onChange={setBody} label="Body" rows={14} hint={bodyHint} errors={fieldErrors.body} />
      <div className="flex flex-wrap items-center justify-end gap-2">
        <AppButton variant="ghost" onClick={onCancel}>
          Cancel
        </AppButton>
        <AppButton type="submit" loading={pending}>
          {submitLabel}
        </AppButton>
      </div>
    </form>
  )
}
