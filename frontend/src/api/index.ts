// Framework-agnostic API client core: no Vue, no app imports. Safe to reuse
// from React, SSR or scripts.
export * from './auth'
export * from './client'
export * from './errors'
export * from './todos'
export type * from './types'
