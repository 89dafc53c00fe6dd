import { describe, expect, it, vi } from 'vitest'
import { ApiError, type Post } from '@tandem/client'
import { post } from '@/testing/fixtures'
import { POST_CHANGED_WHILE_EDITING, usePostSave, type PostSaveOptions } from './usePostSave'

function options(overrides: Partial<PostSaveOptions> = {}) {
  return {
    create: vi.fn<PostSaveOptions['create']>(() => Promise.resolve({ ...post, id: 8 })),
    update: vi.fn<PostSaveOptions['update']>(() => Promise.resolve({ ...post, version: 4 })),
    saved: vi.fn(() => Promise.resolve()),
    ...overrides,
  }
}

const conflict = (current: Post) =>
  ApiError.fromBody(409, { status: 409, errors: [{ code: 'version_conflict', message: 'Changed.' }], current })

describe('usePostSave', () => {
  it('publishes a new post and opens it', async () => {
    const given = options()
    const { save } = usePostSave(null, given)

    await save({ title: 'New', body: '' })

    expect(given.create).toHaveBeenCalledWith({ title: 'New', body: '' })
    expect(given.saved).toHaveBeenCalledWith(expect.objectContaining({ id: 8 }))
  })

  it('sends only what changed, from the version being edited', async () => {
    const given = options()
    const { save } = usePostSave(post, given)

    await save({ title: 'Renamed', body: 'Body' })

    expect(given.update).toHaveBeenCalledWith(post, { title: 'Renamed' })
  })

  it('on a conflict builds on the newest version and says so; the next save replaces it', async () => {
    const newest = { ...post, title: 'Theirs', version: 5 }
    const update = vi.fn<PostSaveOptions['update']>().mockRejectedValueOnce(conflict(newest))
    const given = options({ update })
    const { base, notice, save } = usePostSave(post, given)

    await save({ title: 'Mine', body: 'Body' })
    expect(given.saved).not.toHaveBeenCalled()
    expect(base.value).toEqual(newest)
    expect(notice.value).toBe(POST_CHANGED_WHILE_EDITING)

    update.mockResolvedValueOnce({ ...newest, title: 'Mine', version: 6 })
    await save({ title: 'Mine', body: 'Body' })
    expect(update).toHaveBeenLastCalledWith(newest, { title: 'Mine' })
    expect(given.saved).toHaveBeenCalled()
  })

  it('lets other errors reach the form, unless the app answered them itself', async () => {
    const invalid = new ApiError(400, [{ code: 'blank', message: 'Enter a title.', param: 'title' }])
    const given = options({ create: vi.fn(() => Promise.reject(invalid)) })
    await expect(usePostSave(null, given).save({ title: '', body: '' })).rejects.toBe(invalid)

    const handled = vi.fn(() => Promise.resolve(true))
    await expect(usePostSave(null, { ...given, handled }).save({ title: '', body: '' })).resolves.toBeUndefined()
    expect(handled).toHaveBeenCalledWith(invalid)
  })
})
