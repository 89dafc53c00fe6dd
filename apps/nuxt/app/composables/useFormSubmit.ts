import { useFormSubmit as useSharedFormSubmit } from '#vue-composables/useFormSubmit'

/** The Vue SPA's form submission (one home for both apps; it holds no module-level state). */
export const useFormSubmit = useSharedFormSubmit

/** The named values of the form an event came from (inputs are not bound: see FormField). */
export function formValues(event: Event): (name: string) => string {
  const data = new FormData(event.currentTarget as HTMLFormElement)
  return (name) => String(data.get(name) ?? '')
}
