// Test data shared by the unit tests (never imported by the app, so never built into it).
import type { Post } from '@tandem/client'

/** A post as the API returns it, at version 3. Frozen: one test cannot change it for the next. */
export const post: Post = Object.freeze({
  id: 7,
  title: 'Title',
  body: 'Body',
  author: Object.freeze({ id: 1, display_name: 'Ann' }),
  created: '2026-01-01T00:00:00Z',
  updated: '2026-01-01T00:00:00Z',
  version: 3,
})
