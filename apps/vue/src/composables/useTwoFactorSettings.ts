import { computed, ref } from 'vue'
import { errorMessage, type Authenticator, type MfaApi, type PasskeyAuthenticator, type TotpSetup } from '@tandem/client'
import { useFormSubmit } from './useFormSubmit'
import { useReauth } from './useReauth'

/**
 * The state and actions of the two-factor settings page, shared by the Vue SPA
 * and the Nuxt app: each hands in its own `mfaApi` (the SPA's module one, Nuxt's
 * per-request one) and, on the server, the authenticators it rendered with.
 * Every change asks for a recent re-authentication through `guard`.
 */
export function useTwoFactorSettings(
  mfaApi: MfaApi,
  initial: { authenticators?: Authenticator[]; loadError?: string } = {},
) {
  const { request: reauthRequest, guard } = useReauth()

  const authenticators = ref<Authenticator[]>(initial.authenticators ?? [])
  const loadError = ref(initial.loadError ?? '')
  const notice = ref('')

  const totp = computed(() => authenticators.value.find((item) => item.type === 'totp'))
  const recovery = computed(() => authenticators.value.find((item) => item.type === 'recovery_codes'))
  const passkeys = computed(() =>
    authenticators.value.filter((item): item is PasskeyAuthenticator => item.type === 'webauthn'),
  )

  async function load(): Promise<void> {
    try {
      authenticators.value = await mfaApi.listAuthenticators()
      loadError.value = ''
    } catch (error) {
      loadError.value = errorMessage(error)
    }
  }

  // --- Authenticator app (TOTP) -----------------------------------------------
  const setup = ref<TotpSetup | null>(null)
  const code = ref('')
  const totpForm = useFormSubmit(['code'] as const)
  /** Shown once, right after allauth created them. */
  const recoveryCodes = ref<string[] | null>(null)

  async function showNewRecoveryCodes(): Promise<void> {
    // allauth creates recovery codes with the first authenticator: show them now, once.
    const codes = await mfaApi.getRecoveryCodes().catch(() => null)
    if (codes?.unused_codes?.length) recoveryCodes.value = codes.unused_codes
  }

  async function startTotp(): Promise<void> {
    notice.value = ''
    await totpForm.submit(async () => {
      const answer = await guard(() => mfaApi.getTotp())
      if ('setup' in answer) setup.value = answer.setup
      else await load()
    })
  }

  async function activateTotp(): Promise<void> {
    const ok = await totpForm.submit(() => guard(() => mfaApi.activateTotp(code.value.trim())))
    if (!ok) return
    setup.value = null
    code.value = ''
    notice.value = 'Two-factor authentication is on.'
    await load()
    await showNewRecoveryCodes()
  }

  const totpOff = useFormSubmit([] as const)
  async function deactivateTotp(): Promise<void> {
    notice.value = ''
    const ok = await totpOff.submit(() => guard(() => mfaApi.deactivateTotp()))
    if (ok) {
      notice.value = 'The authenticator app was removed.'
      await load()
    }
  }

  // --- Recovery codes ---------------------------------------------------------
  const recoveryForm = useFormSubmit([] as const)

  async function regenerate(): Promise<void> {
    notice.value = ''
    await recoveryForm.submit(async () => {
      const codes = await guard(() => mfaApi.regenerateRecoveryCodes())
      recoveryCodes.value = codes.unused_codes ?? []
      await load()
    })
  }

  // --- Passkeys ---------------------------------------------------------------
  const passkeyName = ref('')
  const passkeyForm = useFormSubmit(['name', 'credential'] as const)

  async function addPasskey(): Promise<void> {
    notice.value = ''
    const name = passkeyName.value.trim() || 'Passkey'
    const ok = await passkeyForm.submit(async () => {
      const added = await guard(() => mfaApi.addPasskey(name))
      if (added.recoveryCodesGenerated) await showNewRecoveryCodes()
    })
    if (ok) {
      passkeyName.value = ''
      notice.value = `Passkey “${name}” added. You can use it to log in.`
      await load()
    }
  }

  const removeForm = useFormSubmit([] as const)
  async function removePasskey(passkey: PasskeyAuthenticator): Promise<void> {
    notice.value = ''
    const ok = await removeForm.submit(() => guard(() => mfaApi.removePasskeys([passkey.id])))
    if (ok) {
      notice.value = `Passkey “${passkey.name}” removed.`
      await load()
    }
  }

  /** The errors of every action, above the sections. */
  const errors = computed(() => [
    ...totpForm.formErrors.value,
    ...totpOff.formErrors.value,
    ...recoveryForm.formErrors.value,
    ...passkeyForm.formErrors.value,
    ...(passkeyForm.fieldErrors.value.credential ?? []),
    ...removeForm.formErrors.value,
  ])

  return {
    reauthRequest,
    loadError,
    notice,
    errors,
    load,
    totp,
    recovery,
    passkeys,
    recoveryCodes,
    setup,
    code,
    totpForm,
    totpOff,
    startTotp,
    activateTotp,
    deactivateTotp,
    recoveryForm,
    regenerate,
    passkeyName,
    passkeyForm,
    addPasskey,
    removeForm,
    removePasskey,
  }
}
