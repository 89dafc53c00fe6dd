import { useState, type FormEvent } from 'react'
import { Link } from 'react-router'
import { AppButton } from '@/components/AppButton'
import { AuthCard } from '@/components/AuthCard'
import { FormAlert } from '@/components/FormAlert'
import { TextField } from '@/components/TextField'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import { authApi } from '@/services/api'

export default function ForgotPasswordPage() {
  const [email, setEmail] = useState('')
  const [sent, setSent] = useState(false)
  const { pending, fieldErrors, formErrors, submit } = useFormSubmit(['email'] as const)

  async function send(event: FormEvent): Promise<void> {
    event.preventDefault()
    setSent(false)
    setSent(await submit(() => authApi.requestPasswordReset(email.trim())))
  }

  return (
    <AuthCard
      title="Reset your password"
      subtitle="We will email you a link to choose a new one."
      footer={
        <>
          Remembered it?{' '}
          <Link to="/login" className="rounded font-medium text-indigo-600 hover:text-indigo-500">
            Log in
          </Link>
        </>
      }
    >
      <form className="flex flex-col gap-5" noValidate onSubmit={(event) => void send(event)}>
        <FormAlert messages={formErrors} />
        {sent && <FormAlert tone="success" messages={['If an account uses that address, a reset link is on its way. It works once.']} />}
        <TextField value={email} onChange={setEmail} label="Email" type="email" autoComplete="email" required errors={fieldErrors.email} />
        <AppButton type="submit" loading={pending} className="w-full">
          Send reset link
        </AppButton>
      </form>
    </AuthCard>
  )
}
