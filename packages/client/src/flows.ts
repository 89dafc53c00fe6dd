// allauth answers 401 with `data.flows` both for "nobody is signed in" and for
// "a step is missing" (verify the email, give the second factor, prove it is
// you again). Those are states of the login, not errors: this module turns
// allauth's answers into an `AuthState`, and says which step an app shows.
import { ApiError } from './errors'
import type { components } from './generated/allauth'
import type { AuthenticatedResponse, AuthUser } from './types'

/** One of allauth's flows; `is_pending` marks the step the user is in. */
export type AuthFlow = components['schemas']['Flow']
export type FlowId = AuthFlow['id']

/** Where the user stands. */
export type AuthState =
  | { kind: 'authenticated'; user: AuthUser }
  | { kind: 'pending'; flow: AuthFlow; flows: AuthFlow[] }
  | { kind: 'anonymous'; flows: AuthFlow[] }

/**
 * The screens an app needs for allauth's flows:
 * - `login`, `signup`: the forms;
 * - `verify-email`: "check your inbox" until the emailed link is opened;
 * - `second-factor`: a TOTP / recovery code or a passkey after the password;
 * - `reauthenticate`: "confirm it is you" before a sensitive action.
 */
export type AuthStep = 'login' | 'signup' | 'verify-email' | 'second-factor' | 'reauthenticate'

/**
 * Which step each allauth flow asks the app to show. Every flow of the
 * generated spec must be listed (the type check fails otherwise), so a flow
 * added by an allauth upgrade is a decision, not a surprise. `null`: Tandem
 * does not enable that feature (social login, login by code, phone numbers,
 * passkey signup, trusted browsers, password reset by code), so the server
 * never leaves such a flow pending.
 */
export const FLOW_STEPS: { readonly [id in FlowId]: AuthStep | null } = {
  login: 'login',
  signup: 'signup',
  verify_email: 'verify-email',
  mfa_authenticate: 'second-factor',
  // Signing in with a passkey: the second-factor page, which offers the passkey.
  mfa_login_webauthn: 'second-factor',
  reauthenticate: 'reauthenticate',
  mfa_reauthenticate: 'reauthenticate',
  login_by_code: null,
  mfa_signup_webauthn: null,
  mfa_trust: null,
  password_reset_by_code: null,
  provider_redirect: null,
  provider_signup: null,
  provider_token: null,
  verify_phone: null,
}

/** The step a flow asks for (null for none, or for a flow Tandem does not enable). */
export function stepOf(flow: AuthFlow | null | undefined): AuthStep | null {
  return flow ? (FLOW_STEPS[flow.id] ?? null) : null
}

/** The step a pending login must show next, or null when nothing is pending. */
export function pendingStep(state: AuthState | null | undefined): AuthStep | null {
  return state?.kind === 'pending' ? stepOf(state.flow) : null
}

interface FlowsBody {
  data?: { flows?: AuthFlow[]; user?: AuthUser }
  meta?: { is_authenticated?: boolean | null }
}

export function flowsOf(body: unknown): AuthFlow[] {
  const flows = (body as FlowsBody | null)?.data?.flows
  return Array.isArray(flows) ? flows : []
}

/** The auth state a 401 from allauth describes, or null when it is another error. */
export function stateFromError(error: unknown): AuthState | null {
  if (!(error instanceof ApiError) || error.status !== 401) return null
  const body = error.body as FlowsBody | null
  if (body?.meta?.is_authenticated) return null // a reauthentication request, not a login state
  const flows = flowsOf(body)
  const pending = flows.find((flow) => flow.is_pending)
  return pending ? { kind: 'pending', flow: pending, flows } : { kind: 'anonymous', flows }
}

/** Runs an allauth request that may sign the user in, and says where that leaves them. */
export async function authStateOf(run: () => Promise<AuthenticatedResponse>): Promise<AuthState> {
  try {
    const response = await run()
    return { kind: 'authenticated', user: response.data.user }
  } catch (error) {
    const state = stateFromError(error)
    if (state) return state
    throw error
  }
}

/**
 * True when allauth refuses a sensitive action until the user proves again
 * who they are (401 while signed in, with `reauthenticate`/`mfa_reauthenticate` flows).
 */
export function isReauthenticationRequired(error: unknown): boolean {
  if (!(error instanceof ApiError) || error.status !== 401) return false
  return (error.body as FlowsBody | null)?.meta?.is_authenticated === true
}

/** The ways a re-authentication request accepts (password, code, passkey). */
export function reauthenticationFlows(error: unknown): AuthFlow[] {
  return error instanceof ApiError ? flowsOf(error.body) : []
}
