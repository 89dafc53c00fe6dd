import { ref } from 'vue'
import { ApiError, errorMessage } from '@tandem/client'

/**
 * Runs a form action and spreads API errors over the form: errors whose
 * `param` names one of `fields` go next to that field, the rest above the form.
 */
export function useFormSubmit<Field extends string>(fields: readonly Field[]) {
  const pending = ref(false)
  const fieldErrors = ref<Partial<Record<Field, string[]>>>({})
  const formErrors = ref<string[]>([])

  function clearErrors(): void {
    fieldErrors.value = {}
    formErrors.value = []
  }

  function showError(error: unknown): void {
    clearErrors()
    if (!(error instanceof ApiError)) {
      formErrors.value = [errorMessage(error)]
      return
    }
    const byField: Partial<Record<Field, string[]>> = {}
    const general: string[] = []
    for (const item of error.errors) {
      const field = fields.find((name) => name === item.param)
      if (field) (byField[field] ??= []).push(item.message)
      else general.push(item.message)
    }
    fieldErrors.value = byField
    formErrors.value = general
  }

  /** Resolves `true` when the action succeeded. */
  async function submit(action: () => Promise<unknown>): Promise<boolean> {
    if (pending.value) return false
    pending.value = true
    clearErrors()
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

  return { pending, fieldErrors, formErrors, submit, clearErrors, showError }
}
