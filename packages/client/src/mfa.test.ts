import { describe, expect, expectTypeOf, it, vi } from 'vitest'
import { createApiClient } from './client'
import { createMfaApi, type RecoveryCodes } from './mfa'
import type { WebAuthnCredential } from './webauthn'

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

const codes = { type: 'recovery_codes', created_at: 1, last_used_at: null, total_code_count: 2, unused_code_count: 2, unused_codes: ['a', 'b'] }

describe('MFA requests (typed by the corrected allauth spec)', () => {
  it('regenerates recovery codes through the typed request and returns the new codes', async () => {
    const fetch = vi.fn(async (url: RequestInfo | URL) =>
      String(url).endsWith('/api/csrf/') ? json(200, { csrf_token: 't' }) : json(200, { status: 200, data: codes }),
    )
    const mfa = createMfaApi(createApiClient({ fetch, tabs: null }))

    const fresh = await mfa.regenerateRecoveryCodes()

    expect(fresh).toEqual(codes)
    expectTypeOf(fresh).toEqualTypeOf<RecoveryCodes>()
    const [url, init] = fetch.mock.calls.at(-1)! as unknown as [string, RequestInit]
    expect([url, init.method]).toEqual(['/api/auth/browser/v1/account/authenticators/recovery-codes', 'POST'])
  })

  it('types a WebAuthn credential as the JSON the browser produces', () => {
    expectTypeOf<WebAuthnCredential['type']>().toEqualTypeOf<'public-key'>()
    expectTypeOf<WebAuthnCredential['response']['clientDataJSON']>().toEqualTypeOf<string>()
    expectTypeOf<WebAuthnCredential>().toHaveProperty('rawId')
  })
})
