import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import type { ReauthRequest } from '@/hooks/useReauth'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import { authApi, mfaApi } from '@/services/api'
import { AppButton } from './AppButton'
import { FormAlert } from './FormAlert'
import { TextField } from './TextField'

export function ReauthPrompt({ request }: { request: ReauthRequest }) {
  const headingId = useId()
  const [password, setPassword] = useState('')
  const [code, setCode] = useState('')
  const field = useRef<HTMLInputElement>(null)
  const { pending, fieldErrors, formErrors, submit } = useFormSubmit(['password', 'code'] as const)

  const mfaFlow = request.flows.find((flow) => flow.id === 'mfa_reauthenticate')
  const canUsePassword = request.flows.some((flow) => flow.id === 'reauthenticate')
  const canUseCode = (mfaFlow?.types ?? []).some((type) => type === 'totp' || type === 'recovery_codes')
  const canUsePasskey = (mfaFlow?.types ?? []).includes('webauthn')
  const [method, setMethod] = useState<'password' | 'code'>(canUsePassword ? 'password' : 'code')

  useEffect(() => {
    field.current?.focus()
  }, [method])

  async function confirm(event: FormEvent): Promise<void> {
    event.preventDefault()
    const ok = await submit(() => (method === 'password' ? authApi.reauthenticate(password) : mfaApi.reauthenticate(code.trim())))
    if (ok) request.done(true)
  }

  async function confirmWithPasskey(): Promise<void> {
    const ok = await submit(() => mfaApi.reauthenticateWithPasskey())
    if (ok) request.done(true)
  }

  return (
    <section
      role="dialog"
      aria-labelledby={headingId}
      className="rounded-xl border border-amber-200 bg-amber-50 p-5"
      onKeyDown={(event) => {
        if (event.key === 'Escape') request.done(false)
      }}
    >
      <h3 id={headingId} className="text-base font-medium text-zinc-900">
        Confirm it is you
      </h3>
      <p className="mt-1 text-sm text-zinc-600">This is a sensitive change: prove who you are to continue.</p>
      <form className="mt-4 flex max-w-sm flex-col gap-4" noValidate onSubmit={(event) => void confirm(event)}>
        <FormAlert messages={formErrors} />
        {method === 'password' ? (
          <TextField
            key="password"
            ref={field}
            value={password}
            onChange={setPassword}
            label="Your password"
            type="password"
            autoComplete="current-password"
            required
            errors={fieldErrors.password}
          />
        ) : (
          <TextField
            key="code"
            ref={field}
            value={code}
            onChange={setCode}
            label="Authentication code"
            autoComplete="one-time-code"
            hint="From your authenticator app, or a recovery code."
            required
            errors={fieldErrors.code}
          />
        )}
        <div className="flex flex-wrap gap-2">
          <AppButton type="submit" loading={pending}>
            Confirm
          </AppButton>
          {canUsePasskey && (
            <AppButton variant="secondary" disabled={pending} onClick={() => void confirmWithPasskey()}>
              Use a passkey
            </AppButton>
          )}
          {canUsePassword && canUseCode && (
            <AppButton variant="ghost" onClick={() => setMethod(method === 'password' ? 'code' : 'password')}>
              {method === 'password' ? 'Use an authentication code' : 'Use your password'}
            </AppButton>
          )}
          <AppButton variant="ghost" onClick={() => request.done(false)}>
            Cancel
          </AppButton>
        </div>
      </form>
    </section>
  )
}
