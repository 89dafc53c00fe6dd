import { useEffect, useState, type FormEvent } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { ApiError, errorMessage } from '@tandem/client'
import { AppButton } from '@/components/AppButton'
import { AuthCard } from '@/components/AuthCard'
import { FormAlert } from '@/components/FormAlert'
import { TextField } from '@/components/TextField'
import { splitErrors, useFormSubmit } from '@/hooks/useFormSubmit'
import { authApi, session } from '@/services/api'
import { pendingEmail } from '@/stores/auth'

const INVALID = 'This reset link is invalid or was already used. Ask for a new one.'

export default function ResetPasswordPage() {
  const key = useParams().key ?? ''
  const navigate = useNavigate()
  const [phase, setPhase] = useState<'checking' | 'ready' | 'invalid'>('checking')
  const [email, setEmail] = useState('')
  const [problem, setProblem] = useState('')
  const [password, setPassword] = useState('')
  const { pending, fieldErrors, formErrors, submit } = useFormSubmit(['password'] as const)

  useEffect(() => {
    let live = true
    authApi.inspectResetKey(key).then(
      (info) => {
        if (!live) return
        setEmail(info.email)
        setPhase('ready')
      },
      (error: unknown) => {
        if (!live) return
        setPhase('invalid')
        setProblem(error instanceof ApiError && error.status === 400 ? INVALID : errorMessage(error))
      },
    )
    return () => {
      live = false
    }
  }, [key])

  async function reset(event: FormEvent): Promise<void> {
    event.preventDefault()
    let failure: unknown = null
    const ok = await submit(() =>
      authApi.resetPassword(key, password).catch((error: unknown) => {
        failure = error
        throw error
      }),
    )
    if (!ok) {
      const split = splitErrors(failure, ['password'] as const)
      if (split.formErrors.length > 0 && !split.fieldErrors.password) {
        // The key went stale meanwhile (used in another tab).
        setPhase('invalid')
        setProblem(INVALID)
      }
      return
    }
    // Every session of the account has ended, this browser's too.
    session.end()
    pendingEmail.value = email
    await navigate('/login?reset=1', { replace: true })
  }

  return (
    <AuthCard title="Choose a new password" subtitle={email ? `For ${email}.` : undefined}>
      {phase === 'checking' ? (
        <p className="text-sm text-zinc-500">Checking the link…</p>
      ) : phase === 'invalid' ? (
        <div className="flex flex-col gap-4">
          <FormAlert messages={[problem]} />
          <Link to="/account/password/reset" className="text-sm font-medium text-indigo-600 hover:text-indigo-500">
            Ask for a new link
          </Link>
        </div>
      ) : (
        <form className="flex flex-col gap-5" noValidate onSubmit={(event) => void reset(event)}>
          <FormAlert messages={formErrors} />
          <TextField
            value={password}
            onChange={setPassword}
            label="New password"
            type="password"
            autoComplete="new-password"
            hint="At least 8 characters; avoid common passwords. You will be signed out everywhere."
            required
            errors={fieldErrors.password}
          />
          <AppButton type="submit" loading={pending} className="w-full">
            Set new password
          </AppButton>
        </form>
      )}
    </AuthCard>
  )
}
