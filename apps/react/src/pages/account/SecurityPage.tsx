import { useQuery } from '@tanstack/react-query'
import { lazy, Suspense, useState, type FormEvent } from 'react'
import { Link } from 'react-router'
import { errorMessage, type PasskeyAuthenticator, type TotpSetup } from '@tandem/client'
import { AppButton } from '@/components/AppButton'
import { FormAlert } from '@/components/FormAlert'
import { ReauthPrompt } from '@/components/ReauthPrompt'
import { TextField } from '@/components/TextField'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import { useReauth } from '@/hooks/useReauth'
import { queryClient } from '@/queryClient'
import { mfaApi } from '@/services/api'

// The QR library loads with this page only.
const QrCode = lazy(() => import('@/components/QrCode'))

const sectionClass = 'rounded-xl border border-zinc-200 bg-white p-6 shadow-sm'
const AUTHENTICATORS = ['account', 'authenticators'] as const

export default function SecurityPage() {
  const { request: reauthRequest, guard } = useReauth()
  const query = useQuery({ queryKey: AUTHENTICATORS, queryFn: () => mfaApi.listAuthenticators() }, queryClient)
  const authenticators = query.data ?? []
  const loadError = query.isError ? errorMessage(query.error) : ''
  const reload = () => query.refetch()
  const [notice, setNotice] = useState('')

  const totp = authenticators.find((item) => item.type === 'totp')
  const recovery = authenticators.find((item) => item.type === 'recovery_codes')
  const passkeys = authenticators.filter((item): item is PasskeyAuthenticator => item.type === 'webauthn')

  // --- Authenticator app (TOTP) ---
  const [setup, setSetup] = useState<TotpSetup | null>(null)
  const [code, setCode] = useState('')
  const totpForm = useFormSubmit(['code'] as const)
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null)
  /** Says what "Copy" or "Download" did, next to them. */
  const [codesSaved, setCodesSaved] = useState('')

  async function copyCodes(codes: string[]): Promise<void> {
    try {
      await navigator.clipboard.writeText(codes.join('\n'))
      setCodesSaved('Copied to the clipboard.')
    } catch {
      setCodesSaved('Could not copy here: download them or write them down.')
    }
  }

  function downloadCodes(codes: string[]): void {
    const file = new Blob([`Tandem recovery codes (each works once)\n\n${codes.join('\n')}\n`], { type: 'text/plain' })
    const link = document.createElement('a')
    link.href = URL.createObjectURL(file)
    link.download = 'tandem-recovery-codes.txt'
    link.click()
    URL.revokeObjectURL(link.href)
    setCodesSaved('Downloaded tandem-recovery-codes.txt.')
  }

  async function showNewRecoveryCodes(): Promise<void> {
    const codes = await mfaApi.getRecoveryCodes().catch(() => null)
    if (codes?.unused_codes?.length) setRecoveryCodes(codes.unused_codes)
  }

  function startTotp(): void {
    setNotice('')
    void totpForm.submit(async () => {
      const answer = await guard(() => mfaApi.getTotp())
      if ('setup' in answer) setSetup(answer.setup)
      else await reload()
    })
  }

  async function activateTotp(event: FormEvent): Promise<void> {
    event.preventDefault()
    const ok = await totpForm.submit(() => guard(() => mfaApi.activateTotp(code.trim())))
    if (!ok) return
    setSetup(null)
    setCode('')
    setNotice('Two-factor authentication is on.')
    await reload()
    // allauth creates recovery codes with the first authenticator: show them now, once.
    await showNewRecoveryCodes()
  }

  const totpOff = useFormSubmit()
  async function deactivateTotp(): Promise<void> {
    setNotice('')
    const ok = await totpOff.submit(() => guard(() => mfaApi.deactivateTotp()))
    if (ok) {
      setNotice('The authenticator app was removed.')
      await reload()
    }
  }

  // --- Recovery codes ---
  const recoveryForm = useFormSubmit()
  function regenerate(): void {
    setNotice('')
    void recoveryForm.submit(async () => {
      const codes = await guard(() => mfaApi.regenerateRecoveryCodes())
      setRecoveryCodes(codes.unused_codes ?? [])
      await reload()
    })
  }

  // --- Passkeys ---
  const [passkeyName, setPasskeyName] = useState('')
  const passkeyForm = useFormSubmit(['name', 'credential'] as const)
  async function addPasskey(event: FormEvent): Promise<void> {
    event.preventDefault()
    setNotice('')
    const name = passkeyName.trim() || 'Passkey'
    const ok = await passkeyForm.submit(async () => {
      const added = await guard(() => mfaApi.addPasskey(name))
      if (added.recoveryCodesGenerated) await showNewRecoveryCodes()
    })
    if (ok) {
      setPasskeyName('')
      setNotice(`Passkey “${name}” added. You can use it to log in.`)
      await reload()
    }
  }

  const removeForm = useFormSubmit()
  async function removePasskey(passkey: PasskeyAuthenticator): Promise<void> {
    setNotice('')
    const ok = await removeForm.submit(() => guard(() => mfaApi.removePasskeys([passkey.id])))
    if (ok) {
      setNotice(`Passkey “${passkey.name}” removed.`)
      await reload()
    }
  }

  const errors = [
    ...totpForm.formErrors,
    ...totpOff.formErrors,
    ...recoveryForm.formErrors,
    ...passkeyForm.formErrors,
    ...(passkeyForm.fieldErrors.credential ?? []),
    ...removeForm.formErrors,
  ]

  return (
    <div className="flex flex-col gap-6">
      <header>
        <Link to="/account" className="text-sm text-zinc-500 hover:text-zinc-700">
          ← Account
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">Two-factor authentication</h1>
        <p className="mt-1 text-sm text-zinc-500">A second step at login: an authenticator app code, a recovery code or a passkey.</p>
      </header>

      {loadError && <FormAlert messages={[loadError]} />}
      <FormAlert messages={errors} />
      {notice && <FormAlert tone="success" messages={[notice]} />}
      {reauthRequest && <ReauthPrompt request={reauthRequest} />}

      {recoveryCodes && (
        <section aria-labelledby="codes-heading" className="rounded-xl border border-emerald-200 bg-emerald-50 p-6">
          <h2 id="codes-heading" className="text-lg font-medium">
            Your recovery codes
          </h2>
          <p className="mt-1 text-sm text-zinc-700">
            Save them somewhere safe now: they are shown only once. Each works once, when you cannot use your app or passkey.
          </p>
          <ul className="mt-3 grid grid-cols-2 gap-1 font-mono text-sm sm:grid-cols-3" aria-label="Recovery codes">
            {recoveryCodes.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
          <div className="mt-4 flex flex-wrap items-center gap-2">
            <AppButton variant="secondary" size="sm" onClick={() => void copyCodes(recoveryCodes)}>
              Copy codes
            </AppButton>
            <AppButton variant="secondary" size="sm" onClick={() => downloadCodes(recoveryCodes)}>
              Download codes
            </AppButton>
            <AppButton variant="secondary" size="sm" onClick={() => setRecoveryCodes(null)}>
              I have saved them
            </AppButton>
            {codesSaved && (
              <span role="status" className="text-sm text-emerald-800">
                {codesSaved}
              </span>
            )}
          </div>
        </section>
      )}

      <section aria-labelledby="totp-heading" className={sectionClass}>
        <h2 id="totp-heading" className="text-lg font-medium">
          Authenticator app
        </h2>
        {totp ? (
          <>
            <p className="mt-1 text-sm text-zinc-600">On. Login asks for a code from your app.</p>
            <AppButton variant="secondary" className="mt-4" loading={totpOff.pending} onClick={() => void deactivateTotp()}>
              Turn off authenticator app
            </AppButton>
          </>
        ) : setup ? (
          <>
            <p className="mt-1 text-sm text-zinc-600">Scan the code with your authenticator app, or type the setup key. Then enter the code it shows.</p>
            <div className="mt-4 flex flex-col gap-4 sm:flex-row sm:items-start">
              <Suspense fallback={<div className="size-48 rounded-lg bg-white ring-1 ring-zinc-200" aria-hidden="true" />}>
                <QrCode value={setup.totp_url} label="QR code for your authenticator app" />
              </Suspense>
              <div className="flex flex-col gap-1">
                <span className="text-sm font-medium text-zinc-700">Setup key</span>
                <code className="break-all rounded bg-zinc-100 px-2 py-1 font-mono text-sm" data-testid="totp-secret">
                  {setup.secret}
                </code>
              </div>
            </div>
            <form className="mt-4 flex max-w-sm flex-col gap-4" noValidate onSubmit={(event) => void activateTotp(event)}>
              <TextField value={code} onChange={setCode} label="Authentication code" autoComplete="one-time-code" required errors={totpForm.fieldErrors.code} />
              <div>
                <AppButton type="submit" loading={totpForm.pending}>
                  Activate
                </AppButton>
              </div>
            </form>
          </>
        ) : (
          <>
            <p className="mt-1 text-sm text-zinc-600">Off.</p>
            <AppButton className="mt-4" loading={totpForm.pending} onClick={startTotp}>
              Set up authenticator app
            </AppButton>
          </>
        )}
      </section>

      <section aria-labelledby="recovery-heading" className={sectionClass}>
        <h2 id="recovery-heading" className="text-lg font-medium">
          Recovery codes
        </h2>
        {recovery ? (
          <p className="mt-1 text-sm text-zinc-600">
            {recovery.unused_code_count} of {recovery.total_code_count} unused.
          </p>
        ) : (
          <p className="mt-1 text-sm text-zinc-600">Created with your first authenticator app or passkey.</p>
        )}
        {recovery && (
          <AppButton variant="secondary" className="mt-4" loading={recoveryForm.pending} onClick={regenerate}>
            Generate new recovery codes
          </AppButton>
        )}
      </section>

      <section aria-labelledby="passkeys-heading" className={sectionClass}>
        <h2 id="passkeys-heading" className="text-lg font-medium">
          Passkeys
        </h2>
        <p className="mt-1 text-sm text-zinc-600">Log in without a password, or use one as your second step.</p>
        {passkeys.length > 0 && (
          <ul className="mt-3 flex flex-col gap-2" aria-label="Passkeys">
            {passkeys.map((passkey) => (
              <li key={passkey.id} className="flex items-center justify-between gap-3 text-sm">
                <span>{passkey.name}</span>
                <AppButton size="sm" variant="ghost" aria-label={`Remove passkey ${passkey.name}`} onClick={() => void removePasskey(passkey)}>
                  Remove
                </AppButton>
              </li>
            ))}
          </ul>
        )}
        <form className="mt-4 flex max-w-sm flex-col gap-4" noValidate onSubmit={(event) => void addPasskey(event)}>
          <TextField
            value={passkeyName}
            onChange={setPasskeyName}
            label="Passkey name"
            placeholder="e.g. My laptop"
            maxLength={100}
            errors={passkeyForm.fieldErrors.name}
          />
          <div>
            <AppButton type="submit" variant="secondary" loading={passkeyForm.pending}>
              Add a passkey
            </AppButton>
          </div>
        </form>
      </section>
    </div>
  )
}
