import { Link, useNavigate, useSearchParams } from 'react-router'
import type { Credentials } from '@tandem/client'
import { AuthCard, LINK_CLASS } from '@/components/AuthCard'
import { AuthForm } from '@/components/AuthForm'
import { session } from '@/services/api'
import { pendingEmail } from '@/stores/auth'

export default function SignupPage() {
  const [query] = useSearchParams()
  const navigate = useNavigate()
  const next = query.get('next')
  const loginLink = next ? `/login?${new URLSearchParams({ next })}` : '/login'

  async function signup(credentials: Credentials): Promise<void> {
    pendingEmail.value = credentials.email
    const state = await session.signup(credentials)
    if (state.kind === 'authenticated') {
      await navigate('/todos', { replace: true })
      return
    }
    // Verification is mandatory: the same answer whether or not the address was taken.
    await navigate('/account/verify-email', { replace: true })
  }

  return (
    <AuthCard
      title="Sign up"
      subtitle="Create your account in seconds."
      footer={
        <>
          Already have an account?{' '}
          <Link to={loginLink} className={LINK_CLASS}>
            Go to the login page
          </Link>
        </>
      }
    >
      <AuthForm
        submitLabel="Sign up"
        passwordAutocomplete="new-password"
        passwordHint="At least 8 characters; avoid common passwords."
        action={signup}
      />
    </AuthCard>
  )
}
