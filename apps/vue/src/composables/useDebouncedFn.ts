import { onScopeDispose } from 'vue'

/** Delays `fn` until calls pause for `wait` ms; pending calls die with the component. */
export function useDebouncedFn<Args extends unknown[]>(fn: (...args: Args) => void, wait: number) {
  let timer: ReturnType<typeof setTimeout> | undefined

  function cancel(): void {
    clearTimeout(timer)
    timer = undefined
  }

  function call(...args: Args): void {
    cancel()
    timer = setTimeout(() => {
      timer = undefined
      fn(...args)
    }, wait)
  }

  onScopeDispose(cancel)
  return { call, cancel }
}
