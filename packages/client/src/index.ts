// Framework-agnostic API client core: no Vue, no app imports. Safe to reuse
// from React, SSR or scripts.
export * from './account'
export * from './auth'
export * from './client'
export * from './dashboard'
export * from './errors'
export * from './mfa'
export * from './posts'
export * from './todos'
export * from './tokens'
export type * from './types'
export * from './webauthn'
