import { useEffect, useState, type FormEvent } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import type { AuthState } from '@tandem/client'
import { AppButton } from '@/components/AppButton'
import { AuthCard } from '@/components/AuthCard'
import { FormAlert } from '@/components/FormAlert'
import { TextField } from '@/components/TextField'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import { resolveNext } from '@/router/paths'
import { mfaApi, session } from '@/services/api'
import { authStore, useAuth } from '@/stores/auth'

export default function LoginSecondFactorPage() {
  const auth = useAuth()
  const [query] = useSearchParams()
  const next = query.get('next')
  const navigate = useNavigate()
  const [code, setCode] = useState('')
  const { pending, fieldErrors, formErrors, submit } = useFormSubmit(['code'] as const)
  const types = auth.pending?.types ?? []

  useEffect(() => {
    let live = true
    void (async () => {
      if (authStore.getSnapshot().pendingStep !== 'second-factor') await session.refresh().catch(() => undefined)
      if (!live) return
      const now = authStore.getSnapshot()
      if (now.isAuthenticated) await navigate(resolveNext(next), { replace: true })
      else if (now.pendingStep !== 'second-factor') await navigate('/login', { replace: true })
    })()
    return () => {
      live = false
    }
    // Checked once, when the page opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  async function follow(state: AuthState): Promise<void> {
    session.completeStep(state)
    if (state.kind === 'authenticated') await navigate(resolveNext(next), { replace: true })
  }

  function verify(event: FormEvent): void {
    event.preventDefault()
    void submit(async () => follow(await mfaApi.authenticate(code.trim())))
  }

  function confirmWithPasskey(): void {
    void submit(async () => follow(await mfaApi.authenticateWithPasskey()))
  }

  return (
    <AuthCard
      title="Two-factor authentication"
      subtitle="One more step to log in."
      footer={
        <Link to="/login" className="rounded font-medium text-indigo-600 hover:text-indigo-500">
          Back to login
        </Link>
      }
    >
      <form className="flex flex-col gap-5" noValidate onSubmit={verify}>
        <FormAlert messages={formErrors} />
        <TextField
          value={code}
          onChange={setCode}
          label="Authentication code"
          autoComplete="one-time-code"
          autofocus
          hint="The 6-digit code from your authenticator app, or one of your recovery codes."
          required
          errors={fieldErrors.code}
        />
        <AppButton type="submit" loading={pending} className="w-full">
          Verify
        </AppButton>
        {types.includes('webauthn') && (
          <AppButton variant="secondary" disabled={pending} className="w-full" onClick={confirmWithPasskey}>
            Use a passkey
          </AppButton>
        )}
      </form>
    </AuthCard>
  )
}
