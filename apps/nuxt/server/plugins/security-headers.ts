import { randomUUID } from 'node:crypto'
import { setResponseHeader } from 'h3'
import { addNonce, contentSecurityPolicy, newNonce } from '../utils/csp'
import { REQUEST_ID_CONTEXT } from '../utils/django'

const NONCE_CONTEXT = 'tandemCspNonce'

/**
 * The CSP on every response of this server. Rendered pages get a nonce of
 * their own: added to each <script>/<style> Nuxt writes into the HTML
 * ('render:html') and to the header sent with that HTML ('render:response').
 * Anything else (form redirects, the health check, assets, errors) gets the
 * same policy without a nonce, so it allows no inline code at all; `/api/**`
 * answers carry Django's own CSP, which the proxy passes on.
 */
export default defineNitroPlugin((nitroApp) => {
  nitroApp.hooks.hook('request', (event) => {
    setResponseHeader(event, 'content-security-policy', contentSecurityPolicy())
    // One id per request, as Django gives its own responses: sent to the browser and, on this
    // request's calls to Django (visitorFetch), as the proxy's X-Request-ID, so both logs share it.
    const requestId = randomUUID().replaceAll('-', '')
    event.context[REQUEST_ID_CONTEXT] = requestId
    setResponseHeader(event, 'x-request-id', requestId)
  })
  nitroApp.hooks.hook('render:html', (html, { event }) => {
    const nonce = newNonce()
    event.context[NONCE_CONTEXT] = nonce
    for (const part of [html.head, html.bodyPrepend, html.body, html.bodyAppend]) {
      part.forEach((chunk, index) => {
        part[index] = addNonce(chunk, nonce)
      })
    }
  })
  nitroApp.hooks.hook('render:response', (response, { event }) => {
    const nonce = event.context[NONCE_CONTEXT] as string | undefined
    response.headers = { ...response.headers, 'content-security-policy': contentSecurityPolicy(nonce) }
  })
})
