import { describe, expect, it } from 'vitest'
import { ApiError } from './errors'
import { FLOW_STEPS, isReauthenticationRequired, stateFromError, stepOf, type AuthFlow } from './flows'

// The 401 allauth sends to a visitor while passkey login is on (Tandem's settings).
const anonymous = {
  status: 401,
  data: { flows: [{ id: 'login' }, { id: 'signup' }, { id: 'mfa_login_webauthn' }] },
  meta: { is_authenticated: false },
}

describe('allauth flows', () => {
  it('maps passkey login to the second-factor step, the page that offers the passkey', () => {
    expect(FLOW_STEPS.mfa_login_webauthn).toBe('second-factor')
    expect(stepOf({ id: 'mfa_login_webauthn', is_pending: true })).toBe('second-factor')
  })

  it('leaves flows Tandem does not enable without a step', () => {
    for (const id of ['mfa_signup_webauthn', 'mfa_trust', 'password_reset_by_code'] as const) {
      expect(stepOf({ id })).toBeNull()
    }
  })

  it('reads the anonymous 401 with its passkey flow as signed out, nothing pending', () => {
    expect(stateFromError(new ApiError(401, [], anonymous))).toEqual({ kind: 'anonymous', flows: anonymous.data.flows })
  })

  it('reads a 401 whose is_authenticated is null (a session that is gone) as signed out, not as re-authentication', () => {
    const gone = { ...anonymous, meta: { is_authenticated: null } }
    expect(isReauthenticationRequired(new ApiError(401, [], gone))).toBe(false)
    expect(stateFromError(new ApiError(401, [], gone))?.kind).toBe('anonymous')
  })

  it('reads a pending passkey login as pending on the second-factor step', () => {
    const flow: AuthFlow = { id: 'mfa_login_webauthn', is_pending: true }
    const state = stateFromError(new ApiError(401, [], { ...anonymous, data: { flows: [flow] } }))
    expect(state).toEqual({ kind: 'pending', flow, flows: [flow] })
    expect(stepOf(state?.kind === 'pending' ? state.flow : null)).toBe('second-factor')
  })
})
