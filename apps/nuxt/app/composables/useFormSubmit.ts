import { ApiError, errorMessage } from '@tandem/client'

/**
 * Runs a form's action and spreads an API error over the form, as the Vue
 * SPA's forms do: messages whose `param` names one of `fields` go next to that
 * field, the rest above the form.
 */
export function useFormSubmit<Field extends string>(fields: readonly Field[]) {
  const pending = ref(false)
  const fieldErrors = ref<Partial<Record<Field, string[]>>>({})
  const formErrors = ref<string[]>([])

  function showError(error: unknown): void {
    fieldErrors.value = {}
    formErrors.value = []
    if (!(error instanceof ApiError)) {
      formErrors.value = [errorMessage(error)]
      return
    }
    const byField: Partial<Record<Field, string[]>> = {}
    for (const item of error.errors) {
      const field = fields.find((name) => name === item.param)
      if (field) (byField[field] ??= []).push(item.message)
      else formErrors.value.push(item.message)
    }
    fieldErrors.value = byField
  }

  /** Resolves `true` when the action succeeded. */
  async function submit(action: () => Promise<unknown>): Promise<boolean> {
    if (pending.value) return false
    pending.value = true
    fieldErrors.value = {}
    formErrors.value = []
    try {
      await action()
      return true
    } catch (error) {
      showError(error)
      return false
    } finally {
      pending.value = false
    }
  }

  return { pending, fieldErrors, formErrors, submit, showError }
}

/** The named values of the form an event came from (inputs are not bound: see FormField). */
export function formValues(event: Event): (name: string) => string {
  const data = new FormData(event.currentTarget as HTMLFormElement)
  return (name) => String(data.get(name) ?? '')
}
