// WebAuthn glue: allauth (fido2) speaks the JSON form of the options and
// credentials (base64url strings); the browser API wants ArrayBuffers.

import type { components } from './generated/allauth'

type Json = Record<string, unknown>
/** A credential in the JSON form allauth expects (the browser's `credential.toJSON()`). */
export type WebAuthnCredential = components['schemas']['WebAuthnCredential']

export function base64urlToBuffer(value: string): ArrayBuffer {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(value.length / 4) * 4, '=')
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index)
  return bytes.buffer
}

export function bufferToBase64url(buffer: ArrayBuffer | ArrayBufferView): string {
  const bytes = buffer instanceof ArrayBuffer ? new Uint8Array(buffer) : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function withIds(list: unknown): Json[] | undefined {
  if (!Array.isArray(list)) return undefined
  return (list as Json[]).map((item) => ({ ...item, id: base64urlToBuffer(String(item.id)) }))
}

/** `{publicKey: {...}}` JSON from allauth → options for navigator.credentials.create(). */
export function creationOptionsFromJSON(options: Json): CredentialCreationOptions {
  const publicKey = (options.publicKey ?? options) as Json
  const user = publicKey.user as Json
  return {
    publicKey: {
      ...(publicKey as unknown as PublicKeyCredentialCreationOptions),
      challenge: base64urlToBuffer(String(publicKey.challenge)),
      user: { ...(user as unknown as PublicKeyCredentialUserEntity), id: base64urlToBuffer(String(user.id)) },
      excludeCredentials: withIds(publicKey.excludeCredentials) as PublicKeyCredentialDescriptor[] | undefined,
    },
  }
}

/** `{publicKey: {...}}` JSON from allauth → options for navigator.credentials.get(). */
export function requestOptionsFromJSON(options: Json): CredentialRequestOptions {
  const publicKey = (options.publicKey ?? options) as Json
  return {
    publicKey: {
      ...(publicKey as unknown as PublicKeyCredentialRequestOptions),
      challenge: base64urlToBuffer(String(publicKey.challenge)),
      allowCredentials: withIds(publicKey.allowCredentials) as PublicKeyCredentialDescriptor[] | undefined,
    },
  }
}

/** A PublicKeyCredential as the JSON allauth expects (what `credential.toJSON()` gives). */
export function credentialToJSON(credential: PublicKeyCredential): WebAuthnCredential {
  const response = credential.response
  const json: WebAuthnCredential['response'] = { clientDataJSON: bufferToBase64url(response.clientDataJSON) }
  if ('attestationObject' in response) {
    const attestation = response as AuthenticatorAttestationResponse
    json.attestationObject = bufferToBase64url(attestation.attestationObject)
    if (typeof attestation.getTransports === 'function') json.transports = attestation.getTransports()
  } else {
    const assertion = response as AuthenticatorAssertionResponse
    json.authenticatorData = bufferToBase64url(assertion.authenticatorData)
    json.signature = bufferToBase64url(assertion.signature)
    if (assertion.userHandle) json.userHandle = bufferToBase64url(assertion.userHandle)
  }
  return {
    id: credential.id,
    rawId: bufferToBase64url(credential.rawId),
    type: 'public-key', // PublicKeyCredential.type, always
    authenticatorAttachment: (credential.authenticatorAttachment ?? undefined) as WebAuthnCredential['authenticatorAttachment'],
    response: json,
    clientExtensionResults: { ...credential.getClientExtensionResults() },
  }
}

export class PasskeyCancelled extends Error {
  constructor(cause?: unknown) {
    super(passkeyMessage(cause))
    this.name = 'PasskeyCancelled'
  }
}

function passkeyMessage(cause: unknown): string {
  const name = cause instanceof DOMException ? cause.name : ''
  if (typeof navigator === 'undefined' || !navigator.credentials) return 'This browser does not support passkeys.'
  if (name === 'SecurityError') return 'Passkeys need a secure address (https, or http://localhost in development).'
  if (name === 'InvalidStateError') return 'This passkey is already registered.'
  return 'The passkey request was cancelled or timed out.'
}

export async function createCredential(options: Json): Promise<WebAuthnCredential> {
  let credential: Credential | null
  try {
    credential = await navigator.credentials.create(creationOptionsFromJSON(options))
  } catch (error) {
    throw new PasskeyCancelled(error)
  }
  if (!credential) throw new PasskeyCancelled()
  return credentialToJSON(credential as PublicKeyCredential)
}

export async function getCredential(options: Json): Promise<WebAuthnCredential> {
  let credential: Credential | null
  try {
    credential = await navigator.credentials.get(requestOptionsFromJSON(options))
  } catch (error) {
    throw new PasskeyCancelled(error)
  }
  if (!credential) throw new PasskeyCancelled()
  return credentialToJSON(credential as PublicKeyCredential)
}
