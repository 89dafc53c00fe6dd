/**
 * After a navigation to another page, focus moves into the new page, as a
 * full page load would reset it (the same rule as the Vue SPA's
 * router/focus.ts): to the field the page marks `data-autofocus`, else its
 * heading, else <main>. Without this, focus stays on the link or button that
 * is gone and keyboard and screen-reader users start from the top again.
 * Query-only changes (filters, search) keep focus where it is. Nuxt renders
 * the new page after the route changes: focus moves once it is on screen
 * (`page:finish`).
 */
export default defineNuxtPlugin((nuxtApp) => {
  let pageChanged = false
  useRouter().afterEach((to, from, failure) => {
    // The first route (hydration) comes from START_LOCATION, which matches nothing.
    pageChanged = !failure && from.matched.length > 0 && to.path !== from.path
  })
  nuxtApp.hook('page:finish', () => {
    if (!pageChanged) return
    pageChanged = false
    const main = document.getElementById('main')
    if (!main) return
    const target = main.querySelector<HTMLElement>('[data-autofocus]') ?? main.querySelector<HTMLElement>('h1') ?? main
    if (target.tagName === 'H1' && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1')
    target.focus({ preventScroll: true })
  })
})
