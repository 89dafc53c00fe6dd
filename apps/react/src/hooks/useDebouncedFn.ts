import { useCallback, useEffect, useRef } from 'react'

/** Delays `fn` until calls pause for `wait` ms; a pending call dies with the component. */
export function useDebouncedFn<Args extends unknown[]>(fn: (...args: Args) => void, wait: number) {
  const latest = useRef(fn)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => {
    latest.current = fn
  })
  const cancel = useCallback(() => {
    clearTimeout(timer.current)
    timer.current = undefined
  }, [])
  const call = useCallback(
    (...args: Args) => {
      clearTimeout(timer.current)
      timer.current = setTimeout(() => {
        timer.current = undefined
        latest.current(...args)
      }, wait)
    },
    [wait],
  )
  useEffect(() => cancel, [cancel])
  return { call, cancel }
}
