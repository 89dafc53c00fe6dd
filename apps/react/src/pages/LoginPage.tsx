import { Link, useNavigate, useSearchParams } from 'react-router'
import { pendingStep, type AuthState, type Credentials } from '@tandem/client'
import { AppButton } from '@/components/AppButton'
import { AuthCard, LINK_CLASS } from '@/components/AuthCard'
import { AuthForm } from '@/components/AuthForm'
import { FormAlert } from '@/components/FormAlert'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import { resolveNext, routeForStep } from '@/router/paths'
import { LOGGED_OUT_ELSEWHERE, SESSION_ENDED } from '@/router/session-loss'
import { mfaApi, session } from '@/services/api'
import { pendingEmail } from '@/stores/auth'

/** Why the user is here, when the app sent them (see router/session-loss.ts). */
const NOTICES: Record<string, string> = {
  reset: 'Your password was reset and every session ended. Log in with the new password.',
  [SESSION_ENDED]: 'Your session ended (it expired, or was ended from another device). Log in to pick up where you were.',
  [LOGGED_OUT_ELSEWHERE]: 'You logged out in another tab.',
}

export default function LoginPage() {
  const [query] = useSearchParams()
  const navigate = useNavigate()
  const next = query.get('next')
  const reset = !!query.get('reset')
  const notice = NOTICES[reset ? 'reset' : (query.get('reason') ?? '')]
  // Carry `next` over to the signup link so either path lands where the user was going.
  const signupLink = next ? `/account/signup?${new URLSearchParams({ next })}` : '/account/signup'

  /** Where a login answer leads: in, or to the step allauth says is missing. */
  async function follow(state: AuthState): Promise<void> {
    if (state.kind === 'authenticated') {
      await navigate(resolveNext(next), { replace: true })
      return
    }
    const step = routeForStep(pendingStep(state), next)
    if (!step) throw new Error('Another step is needed to finish signing in.')
    await navigate(step, { replace: true })
  }

  async function login(credentials: Credentials): Promise<void> {
    pendingEmail.value = credentials.email
    await follow(await session.login(credentials))
  }

  // Passwordless: a passkey (discoverable credential) proves both who and "really you".
  const passkey = useFormSubmit()
  function loginWithPasskey(): void {
    void passkey.submit(async () => follow(session.completeStep(await mfaApi.loginWithPasskey())))
  }

  return (
    <AuthCard
      title="Log in"
      subtitle="Welcome back."
      footer={
        <>
          No account yet?{' '}
          <Link to={signupLink} className={LINK_CLASS}>
            Create one
          </Link>
        </>
      }
    >
      {notice && <FormAlert tone={reset ? 'success' : 'info'} className="mb-5" messages={[notice]} />}
      <AuthForm submitLabel="Log in" passwordAutocomplete="current-password" action={login} />
      <div className="mt-4 flex flex-col gap-3 border-t border-zinc-200 pt-4">
        <FormAlert messages={passkey.formErrors} />
        <AppButton variant="secondary" className="w-full" loading={passkey.pending} onClick={loginWithPasskey}>
          Sign in with a passkey
        </AppButton>
      </div>
      <p className="mt-4 text-center text-sm">
        <Link to="/account/password/reset" className={LINK_CLASS}>
          Forgot your password?
        </Link>
      </p>
    </AuthCard>
  )
}
