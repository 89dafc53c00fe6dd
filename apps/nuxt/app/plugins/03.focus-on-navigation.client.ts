/**
 * After a navigation to another page, focus moves into the new page, as a
 * full page load would reset it and as the SPAs do (apps/vue/src/router/focus.ts):
 * to the field the page marks `data-autofocus`, else its heading, else <main>.
 * Without this, focus stays on the link or button that is gone and keyboard and
 * screen-reader users start from the top again. Query-only changes (filters,
 * search) keep focus where it is. Done on `page:finish`, not in the router's
 * afterEach: a Nuxt page may still be fetching its data (async setup) then.
 */
export default defineNuxtPlugin((nuxtApp) => {
  let pending = false
  useRouter().afterEach((to, from, failure) => {
    pending = !failure && from.matched.length > 0 && to.path !== from.path
  })
  nuxtApp.hook('page:finish', async () => {
    if (!pending) return
    pending = false
    await nextTick()
    const main = document.getElementById('main')
    if (!main) return
    const target =
      main.querySelector<HTMLElement>('[data-autofocus]') ?? main.querySelector<HTMLElement>('h1') ?? main
    if (target.tagName === 'H1' && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1')
    target.focus({ preventScroll: true })
  })
})
