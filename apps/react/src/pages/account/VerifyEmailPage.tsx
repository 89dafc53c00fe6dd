import { useEffect, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { ApiError, errorMessage, pendingStep } from '@tandem/client'
import { AppButton } from '@/components/AppButton'
import { AuthCard } from '@/components/AuthCard'
import { FormAlert } from '@/components/FormAlert'
import { authApi, session } from '@/services/api'

type Phase = 'checking' | 'ready' | 'invalid' | 'verifying' | 'verified' | 'error'

const INVALID = 'This link is invalid, has expired or was already used. Log in to get a new one.'

function isInvalidKey(error: unknown): boolean {
  return error instanceof ApiError && error.status === 400
}

export default function VerifyEmailPage() {
  const key = useParams().key ?? ''
  const navigate = useNavigate()
  const [phase, setPhase] = useState<Phase>('checking')
  const [email, setEmail] = useState('')
  const [message, setMessage] = useState('')

  useEffect(() => {
    let live = true
    authApi.inspectVerificationKey(key).then(
      (info) => {
        if (!live) return
        setEmail(info.email)
        setPhase('ready')
      },
      (error: unknown) => {
        if (!live) return
        setPhase(isInvalidKey(error) ? 'invalid' : 'error')
        setMessage(isInvalidKey(error) ? INVALID : errorMessage(error))
      },
    )
    return () => {
      live = false
    }
  }, [key])

  async function confirm(): Promise<void> {
    setPhase('verifying')
    try {
      const state = await session.verifyEmail(key)
      if (state.kind === 'authenticated') {
        await navigate('/todos', { replace: true })
        return
      }
      if (pendingStep(state) === 'second-factor') {
        await navigate('/login/verify', { replace: true })
        return
      }
      setPhase('verified')
    } catch (error) {
      setPhase(isInvalidKey(error) ? 'invalid' : 'error')
      setMessage(isInvalidKey(error) ? INVALID : errorMessage(error))
    }
  }

  const loginLink = (
    <Link to="/login" className="text-sm font-medium text-indigo-600 hover:text-indigo-500">
      Go to the login page
    </Link>
  )

  return (
    <AuthCard title="Verify your email" subtitle="Confirm that this address is yours.">
      <div className="flex flex-col gap-4" aria-live="polite">
        {phase === 'checking' ? (
          <p className="text-sm text-zinc-500">Checking the link…</p>
        ) : phase === 'ready' || phase === 'verifying' ? (
          <>
            <p className="text-sm text-zinc-700">
              Confirm <strong className="font-medium text-zinc-900">{email}</strong> as your email address.
            </p>
            <AppButton loading={phase === 'verifying'} className="w-full" onClick={() => void confirm()}>
              Confirm email address
            </AppButton>
          </>
        ) : phase === 'verified' ? (
          <>
            <FormAlert tone="success" messages={['Your email address is verified. Log in to continue.']} />
            {loginLink}
          </>
        ) : (
          <>
            <FormAlert messages={[message]} />
            {loginLink}
          </>
        )}
      </div>
    </AuthCard>
  )
}
