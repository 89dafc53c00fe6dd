import { useQuery } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { Link, useNavigate } from 'react-router'
import { AppButton } from '@/components/AppButton'
import { FormAlert } from '@/components/FormAlert'
import { ReauthPrompt } from '@/components/ReauthPrompt'
import { TextField } from '@/components/TextField'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import { useLogout } from '@/hooks/useLogout'
import { useReauth } from '@/hooks/useReauth'
import { queryClient } from '@/queryClient'
import { accountApi, authApi, mfaApi, session } from '@/services/api'
import { useAuth } from '@/stores/auth'

const sectionClass = 'rounded-xl border border-zinc-200 bg-white p-6 shadow-sm'
const linkClass =
  'text-sm font-medium text-indigo-600 hover:text-indigo-500 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 rounded'

export const accountKeys = {
  profile: ['account', 'profile'] as const,
  emails: ['account', 'emails'] as const,
  authenticators: ['account', 'authenticators'] as const,
}

export default function AccountPage() {
  const { email } = useAuth()
  const navigate = useNavigate()
  const { logout, pending: loggingOut, error: logoutError } = useLogout()

  // Success messages: one at a time; starting any action clears the others.
  const [profileSaved, setProfileSaved] = useState(false)
  const [changed, setChanged] = useState(false)
  const [emailNotice, setEmailNotice] = useState('')
  function clearNotices(): void {
    setProfileSaved(false)
    setChanged(false)
    setEmailNotice('')
  }

  // --- Profile ---
  const profile = useQuery({ queryKey: accountKeys.profile, queryFn: () => accountApi.getProfile() }, queryClient)
  const [name, setName] = useState('')
  const [profileSeen, setProfileSeen] = useState(false)
  // Never overwrite what the user typed while the profile was loading.
  if (profile.data && !profileSeen) {
    setProfileSeen(true)
    if (name === '') setName(profile.data.name)
  }
  const profileForm = useFormSubmit(['name'] as const)
  async function saveProfile(event: FormEvent): Promise<void> {
    event.preventDefault()
    clearNotices()
    const ok = await profileForm.submit(async () => {
      const saved = await accountApi.updateProfile({ name })
      setName(saved.name)
      queryClient.setQueryData(accountKeys.profile, saved)
      await session.refresh()
    })
    setProfileSaved(ok)
  }

  // --- Password ---
  const [currentPassword, setCurrentPassword] = useState('')
  const [newPassword, setNewPassword] = useState('')
  const [endOthers, setEndOthers] = useState(true)
  const passwordForm = useFormSubmit(['current_password', 'new_password'] as const)
  async function changePassword(event: FormEvent): Promise<void> {
    event.preventDefault()
    clearNotices()
    const ok = await passwordForm.submit(() =>
      session.changePassword({ current_password: currentPassword, new_password: newPassword, end_other_sessions: endOthers }),
    )
    if (ok) {
      setCurrentPassword('')
      setNewPassword('')
      setChanged(true)
    }
  }

  // --- Email (a new address takes effect once verified) ---
  const emails = useQuery({ queryKey: accountKeys.emails, queryFn: () => authApi.listEmails() }, queryClient)
  const waiting = (emails.data ?? []).filter((address) => !address.verified)
  /**
   * allauth refuses a new address while any second factor (app, passkey,
   * recovery codes) is on: the page says so up front instead of after the form.
   */
  const authenticators = useQuery({ queryKey: accountKeys.authenticators, queryFn: () => mfaApi.listAuthenticators() }, queryClient)
  const secondFactorOn = (authenticators.data?.length ?? 0) > 0
  const [newEmail, setNewEmail] = useState('')
  const emailForm = useFormSubmit(['email'] as const)
  const emailReauth = useReauth()
  async function changeEmail(event: FormEvent): Promise<void> {
    event.preventDefault()
    clearNotices()
    const address = newEmail.trim()
    const ok = await emailForm.submit(async () => {
      queryClient.setQueryData(accountKeys.emails, await emailReauth.guard(() => authApi.addEmail(address)))
    })
    if (ok) {
      setNewEmail('')
      setEmailNotice(`We sent a link to ${address}. Your email changes once you open it.`)
    }
  }

  // --- Delete account ---
  const [confirmingDelete, setConfirmingDelete] = useState(false)
  const deleteForm = useFormSubmit()
  const deleteReauth = useReauth()
  async function deleteAccount(): Promise<void> {
    const ok = await deleteForm.submit(() => deleteReauth.guard(() => accountApi.deleteAccount()))
    if (ok) {
      // The server ended every session of the account: sign out here and in the other tabs.
      session.end()
      await navigate('/?deleted=1', { replace: true })
    }
  }

  return (
    <div className="flex flex-col gap-8">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Account</h1>
        <p className="mt-1 text-sm text-zinc-500">
          Signed in as{' '}
          <span className="font-medium text-zinc-900" data-testid="account-email">
            {email}
          </span>
        </p>
      </header>

      <section aria-labelledby="profile-heading" className={sectionClass}>
        <h2 id="profile-heading" className="text-lg font-medium">
          Profile
        </h2>
        <form className="mt-4 flex max-w-sm flex-col gap-4" noValidate onSubmit={(event) => void saveProfile(event)}>
          <FormAlert messages={profileForm.formErrors} />
          {profileSaved && <FormAlert tone="success" messages={['Your profile was saved.']} />}
          <TextField
            value={name}
            onChange={setName}
            label="Display name"
            autoComplete="name"
            maxLength={150}
            hint="Shown in the header instead of your email."
            errors={profileForm.fieldErrors.name}
          />
          <div>
            <AppButton type="submit" loading={profileForm.pending}>
              Save profile
            </AppButton>
          </div>
        </form>
      </section>

      <section aria-labelledby="password-heading" className={sectionClass}>
        <h2 id="password-heading" className="text-lg font-medium">
          Password
        </h2>
        <form className="mt-4 flex max-w-sm flex-col gap-4" noValidate onSubmit={(event) => void changePassword(event)}>
          <FormAlert messages={passwordForm.formErrors} />
          {changed && <FormAlert tone="success" messages={['Your password was changed.']} />}
          <TextField
            value={currentPassword}
            onChange={setCurrentPassword}
            label="Current password"
            type="password"
            autoComplete="current-password"
            required
            errors={passwordForm.fieldErrors.current_password}
          />
          <TextField
            value={newPassword}
            onChange={setNewPassword}
            label="New password"
            type="password"
            autoComplete="new-password"
            required
            errors={passwordForm.fieldErrors.new_password}
          />
          <label className="flex items-center gap-2 text-sm text-zinc-700">
            <input
              checked={endOthers}
              onChange={(event) => setEndOthers(event.target.checked)}
              type="checkbox"
              className="size-4 rounded border-zinc-300 text-indigo-600"
            />
            Sign out of my other sessions
          </label>
          <div>
            <AppButton type="submit" loading={passwordForm.pending}>
              Change password
            </AppButton>
          </div>
        </form>
      </section>

      <section aria-labelledby="email-heading" className={sectionClass}>
        <h2 id="email-heading" className="text-lg font-medium">
          Email address
        </h2>
        <p className="mt-1 text-sm text-zinc-500">A new address replaces the current one once you open the link we email to it.</p>
        {waiting.length > 0 && (
          <ul className="mt-2 flex flex-col gap-1 text-sm" aria-label="Waiting for verification">
            {waiting.map((address) => (
              <li key={address.email}>
                {address.email}{' '}
                <span className="ml-1 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800">waiting for verification</span>
              </li>
            ))}
          </ul>
        )}
        {secondFactorOn ? (
          <p className="mt-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            While two-factor authentication or a passkey is on, the email address cannot be changed. To change it, turn them off on
            the{' '}
            <Link to="/account/security" className="font-medium underline">
              two-factor authentication page
            </Link>{' '}
            first, then turn them on again.
          </p>
        ) : (
          <form className="mt-4 flex max-w-sm flex-col gap-4" noValidate onSubmit={(event) => void changeEmail(event)}>
            <FormAlert messages={emailForm.formErrors} />
            {emailNotice && <FormAlert tone="success" messages={[emailNotice]} />}
            {emailReauth.request && <ReauthPrompt request={emailReauth.request} />}
            <TextField
              value={newEmail}
              onChange={setNewEmail}
              label="New email address"
              type="email"
              autoComplete="email"
              errors={emailForm.fieldErrors.email}
            />
            <div>
              <AppButton type="submit" variant="secondary" loading={emailForm.pending}>
                Change email
              </AppButton>
            </div>
          </form>
        )}
      </section>

      <section aria-labelledby="security-heading" className={sectionClass}>
        <h2 id="security-heading" className="text-lg font-medium">
          Security
        </h2>
        <ul className="mt-3 flex flex-col gap-2">
          <li>
            <Link to="/account/security" className={linkClass}>
              Two-factor authentication and passkeys
            </Link>
          </li>
          <li>
            <Link to="/account/sessions" className={linkClass}>
              Sessions and devices
            </Link>
          </li>
        </ul>
      </section>

      <section aria-labelledby="session-heading" className={sectionClass}>
        <h2 id="session-heading" className="text-lg font-medium">
          Session
        </h2>
        <p className="mt-1 text-sm text-zinc-500">End your session on this device.</p>
        {logoutError && <FormAlert className="mt-3" messages={[logoutError]} />}
        <AppButton variant="secondary" className="mt-4" loading={loggingOut} onClick={() => void logout()}>
          Sign out
        </AppButton>
      </section>

      <section aria-labelledby="delete-heading" className="rounded-xl border border-red-200 bg-white p-6 shadow-sm">
        <h2 id="delete-heading" className="text-lg font-medium text-red-700">
          Danger zone
        </h2>
        <p className="mt-1 text-sm text-zinc-600">
          Deletes your account, your todos and your posts for good, and signs you out everywhere. This cannot be undone.
        </p>
        <div className="mt-4 flex flex-col gap-4">
          <FormAlert messages={deleteForm.formErrors} />
          {deleteReauth.request && <ReauthPrompt request={deleteReauth.request} />}
          {!confirmingDelete ? (
            <div>
              <AppButton variant="danger" onClick={() => setConfirmingDelete(true)}>
                Delete account
              </AppButton>
            </div>
          ) : (
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-sm text-zinc-700">Are you sure?</span>
              <AppButton variant="danger" loading={deleteForm.pending} onClick={() => void deleteAccount()}>
                Yes, delete my account
              </AppButton>
              <AppButton variant="ghost" onClick={() => setConfirmingDelete(false)}>
                Keep my account
              </AppButton>
            </div>
          )}
        </div>
      </section>
    </div>
  )
}
