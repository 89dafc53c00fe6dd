import { useCallback, useRef, useState } from 'react'
import { ApiError, errorMessage } from '@tandem/client'

export type FieldErrors<Field extends string> = Partial<Record<Field, string[]>>

/** Spreads an error over a form: messages whose `param` names one of `fields` go to that field, the rest above. */
export function splitErrors<Field extends string>(
  error: unknown,
  fields: readonly Field[],
): { fieldErrors: FieldErrors<Field>; formErrors: string[] } {
  if (!(error instanceof ApiError)) return { fieldErrors: {}, formErrors: [errorMessage(error)] }
  const fieldErrors: FieldErrors<Field> = {}
  const formErrors: string[] = []
  for (const item of error.errors) {
    const field = fields.find((name) => name === item.param)
    if (field) (fieldErrors[field] ??= []).push(item.message)
    else formErrors.push(item.message)
  }
  return { fieldErrors, formErrors }
}

/**
 * Runs a form action and spreads API errors over the form. `submit` resolves
 * `true` when the action succeeded; a second submit while one runs is ignored.
 */
export function useFormSubmit<Field extends string = never>(fields: readonly Field[] = []) {
  const [pending, setPending] = useState(false)
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<Field>>({})
  const [formErrors, setFormErrors] = useState<string[]>([])
  const running = useRef(false)
  const fieldsRef = useRef(fields)

  const clearErrors = useCallback(() => {
    setFieldErrors({})
    setFormErrors([])
  }, [])

  const showError = useCallback((error: unknown) => {
    const split = splitErrors(error, fieldsRef.current)
    setFieldErrors(split.fieldErrors)
    setFormErrors(split.formErrors)
  }, [])

  const submit = useCallback(
    async (action: () => Promise<unknown>): Promise<boolean> => {
      if (running.current) return false
      running.current = true
      setPending(true)
      clearErrors()
      try {
        await action()
        return true
      } catch (error) {
        showError(error)
        return false
      } finally {
        running.current = false
        setPending(false)
      }
    },
    [clearErrors, showError],
  )

  return { pending, fieldErrors, formErrors, setFieldErrors, setFormErrors, submit, clearErrors, showError }
}
