import { describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick } from 'vue'
import { ApiError } from '@tandem/client'
import { post } from '@/testing/fixtures'
import { POST_CHANGED_BEFORE_DELETE, usePostDeletion, type PostDeletionOptions } from './usePostDeletion'

function deletion(overrides: Partial<PostDeletionOptions> = {}) {
  const options = {
    remove: vi.fn<PostDeletionOptions['remove']>(() => Promise.resolve()),
    deleted: vi.fn(() => Promise.resolve()),
    reload: vi.fn(() => Promise.resolve()),
    ...overrides,
  }
  const state = effectScope().run(() => usePostDeletion(options))!
  state.confirming.value = true
  return { state, options }
}

describe('usePostDeletion', () => {
  it('deletes the version shown, then leaves', async () => {
    const { state, options } = deletion()

    await state.confirmDelete(post)

    expect(options.remove).toHaveBeenCalledWith(post)
    expect(options.deleted).toHaveBeenCalled()
    expect(state.deleting.value).toBe(false)
  })

  it('shows the newest version, saying why, when the post changed since it was shown (412)', async () => {
    const { state, options } = deletion({
      remove: vi.fn(() => Promise.reject(new ApiError(412, [{ code: 'precondition_failed', message: 'Changed.' }]))),
    })

    await state.confirmDelete(post)

    expect(options.deleted).not.toHaveBeenCalled()
    expect(options.reload).toHaveBeenCalled()
    expect(state.notice.value).toBe(POST_CHANGED_BEFORE_DELETE)
    expect(state.confirming.value).toBe(false)
    expect(state.deleteError.value).toBeNull()
  })

  it('keeps any other failure to show, until the user confirms again', async () => {
    const { state, options } = deletion({ remove: vi.fn(() => Promise.reject(new Error('boom'))) })

    await state.confirmDelete(post)
    expect(options.reload).not.toHaveBeenCalled()
    expect(state.deleteError.value).toBeInstanceOf(ApiError)
    expect(state.confirming.value).toBe(false)

    state.confirming.value = true
    await nextTick()
    expect(state.deleteError.value).toBeNull()
  })

  it("leaves a failure the app answers itself (a lost session) to the app", async () => {
    const lost = new ApiError(401, [{ code: 'not_authenticated', message: 'Log in.' }])
    const handled = vi.fn(() => Promise.resolve(true))
    const { state } = deletion({ remove: vi.fn(() => Promise.reject(lost)), handled })

    await state.confirmDelete(post)

    expect(handled).toHaveBeenCalledWith(lost)
    expect(state.deleteError.value).toBeNull()
    expect(state.confirming.value).toBe(true)
  })

  it('sends one delete however often the button is pressed', async () => {
    let finish = () => {}
    const remove = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)))
    const { state } = deletion({ remove })

    const first = state.confirmDelete(post)
    await state.confirmDelete(post)
    finish()
    await first

    expect(remove).toHaveBeenCalledTimes(1)
  })
})
