import { useState, type FormEvent } from 'react'
import { useNavigate } from 'react-router'
import { AppButton } from '@/components/AppButton'
import { AuthCard } from '@/components/AuthCard'
import { FormAlert } from '@/components/FormAlert'
import { TextField } from '@/components/TextField'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import { session } from '@/services/api'
import { pendingEmail } from '@/stores/auth'

export default function CheckInboxPage() {
  const navigate = useNavigate()
  const [known] = useState(pendingEmail.value)
  const [email, setEmail] = useState(known)
  const [password, setPassword] = useState('')
  const [resent, setResent] = useState(false)
  const { pending, fieldErrors, formErrors, submit } = useFormSubmit(['email', 'password'] as const)

  // allauth (link mode) sends a fresh link when an unverified account logs in,
  // at most once every few minutes per address: "resend" is that login.
  async function resend(event: FormEvent): Promise<void> {
    event.preventDefault()
    setResent(false)
    const ok = await submit(async () => {
      pendingEmail.value = email.trim()
      const state = await session.login({ email: email.trim(), password })
      if (state.kind === 'authenticated') await navigate('/todos', { replace: true })
    })
    if (ok) {
      setPassword('')
      setResent(true)
    }
  }

  async function startOver(): Promise<void> {
    // Abandons the pending signup on the server; if it cannot be told, forget it here anyway.
    await session.logout().catch(() => session.end())
    await navigate('/account/signup', { replace: true })
  }

  return (
    <AuthCard
      title="Check your inbox"
      subtitle="One more step before you can use Tandem."
      footer={
        <>
          Wrong address?{' '}
          <button type="button" className="rounded font-medium text-indigo-600 hover:text-indigo-500" onClick={() => void startOver()}>
            Start over
          </button>
        </>
      }
    >
      <div className="flex flex-col gap-5">
        <p className="text-sm text-zinc-700">
          We sent a link to {known ? <strong className="font-medium text-zinc-900">{known}</strong> : 'your email address'}. Open it to
          verify your address; it is valid for 3 days.
        </p>
        <form className="flex flex-col gap-4 border-t border-zinc-200 pt-4" noValidate onSubmit={(event) => void resend(event)}>
          <p className="text-sm text-zinc-500">No email? Confirm your password and we will send a new link (at most one every 3 minutes).</p>
          <FormAlert messages={formErrors} />
          {resent && <FormAlert tone="success" messages={['If a new link was due, it is on its way. Check your spam folder too.']} />}
          {!known && (
            <TextField value={email} onChange={setEmail} label="Email" type="email" autoComplete="email" required errors={fieldErrors.email} />
          )}
          <TextField
            value={password}
            onChange={setPassword}
            label="Password"
            type="password"
            autoComplete="current-password"
            required
            errors={fieldErrors.password}
          />
          <AppButton type="submit" variant="secondary" loading={pending}>
            Send a new link
          </AppButton>
        </form>
      </div>
    </AuthCard>
  )
}
