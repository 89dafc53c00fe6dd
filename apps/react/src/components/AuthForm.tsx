import { useState, type FormEvent } from 'react'
import type { Credentials } from '@tandem/client'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import { AppButton } from './AppButton'
import { FormAlert } from './FormAlert'
import { TextField } from './TextField'

export function AuthForm({
  submitLabel,
  passwordAutocomplete,
  passwordHint,
  action,
}: {
  submitLabel: string
  passwordAutocomplete: 'current-password' | 'new-password'
  passwordHint?: string
  action: (credentials: Credentials) => Promise<void>
}) {
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const { pending, fieldErrors, formErrors, submit } = useFormSubmit(['email', 'password'] as const)

  function onSubmit(event: FormEvent): void {
    event.preventDefault()
    void submit(() => action({ email: email.trim(), password }))
  }

  return (
    <form className="flex flex-col gap-5" noValidate onSubmit={onSubmit}>
      <FormAlert messages={formErrors} />
      <TextField value={email} onChange={setEmail} label="Email" type="email" autoComplete="email" required errors={fieldErrors.email} />
      <TextField
        value={password}
        onChange={setPassword}
        label="Password"
        type="password"
        autoComplete={passwordAutocomplete}
        hint={passwordHint}
        required
        errors={fieldErrors.password}
      />
      <AppButton type="submit" loading={pending} className="w-full">
        {submitLabel}
      </AppButton>
    </form>
  )
}
