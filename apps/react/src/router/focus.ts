/**
 * After a navigation to another page, focus moves into the new page, as a
 * full page load would reset it: to the field the page marks `data-autofocus`
 * (the second-factor code), else its heading, else <main>. Without this,
 * focus stays on the link or button that is gone and keyboard and
 * screen-reader users start from the top again. Query-only changes (filters,
 * search) keep focus where it is (see Guarded.tsx).
 */
export function focusPage(): void {
  const main = document.getElementById('main')
  if (!main) return
  const target = main.querySelector<HTMLElement>('[data-autofocus]') ?? main.querySelector<HTMLElement>('h1') ?? main
  if (target.tagName === 'H1' && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1')
  target.focus({ preventScroll: true })
}
