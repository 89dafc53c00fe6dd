/**
 * False while the page is server-rendered and until the component is mounted
 * in the browser. Controls that only work with JavaScript are disabled until
 * then: a click or typing that lands before hydration would otherwise be lost
 * (the button does nothing yet, hydration resets the input).
 */
export function useHydrated() {
  const hydrated = ref(false)
  onMounted(() => {
    hydrated.value = true
  })
  return hydrated
}
