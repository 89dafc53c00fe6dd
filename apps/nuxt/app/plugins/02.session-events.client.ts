// Runs after 01.tandem.ts (plugins run in file-name order), whose client it uses.
/**
 * The browser follows session changes made elsewhere: a logout in another
 * tab, or a request that found the session gone (expired, ended from another
 * device), signs this tab out and sends a protected page to the login page.
 */
export default defineNuxtPlugin(() => {
  const { $tandem } = useNuxtApp()
  const router = useRouter()
  $tandem.session.subscribe((event) => {
    if (event.type === 'signed-in' && event.elsewhere) {
      void loadAuth()
      return
    }
    if (event.type !== 'lost' && !(event.type === 'signed-out' && event.elsewhere)) return
    setSignedOut()
    const current = router.currentRoute.value
    if (current.meta.requiresAuth) void navigateTo({ path: '/login', query: { next: current.fullPath } })
  })
})
