import { flushPromises, mount, RouterLinkStub } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { h } from 'vue'
import { ApiError, type AppApis } from '@tandem/client'
import AccountDangerZone from './AccountDangerZone.vue'
import AccountView from './AccountView.vue'

type Apis = Pick<AppApis, 'accountApi' | 'authApi' | 'mfaApi'>

function mountView(deleteAccount: () => Promise<void>, summary?: string) {
  const apis = { accountApi: { deleteAccount }, authApi: {}, mfaApi: {} } as unknown as Apis
  return mount(AccountView, {
    props: {
      name: '',
      emails: [],
      email: 'ann@example.com',
      secondFactorOn: false,
      apis,
      changePassword: vi.fn(() => Promise.resolve()),
      refreshUser: vi.fn(() => Promise.resolve()),
      loggingOut: false,
      logoutError: null,
    },
    slots: summary ? { 'security-summary': () => h('p', { id: 'summary' }, summary) } : {},
    global: { stubs: { RouterLink: RouterLinkStub } },
  })
}

const securityLinks = (wrapper: ReturnType<typeof mountView>) => wrapper.find('[aria-labelledby="security-heading"] ul')

describe('AccountView', () => {
  // The SPA gives no summary: the security links keep their spacing for a section without one.
  it('passes the security summary on only when the page gives one', () => {
    const bare = mountView(() => Promise.resolve())
    expect(bare.find('#summary').exists()).toBe(false)
    expect(securityLinks(bare).classes()).toContain('mt-3')

    const withSummary = mountView(() => Promise.resolve(), 'TOTP on')
    expect(withSummary.find('#summary').text()).toBe('TOTP on')
    expect(securityLinks(withSummary).classes()).toContain('mt-4')
  })

  it('lets the page sign out after a deletion, and only after one', async () => {
    const refused = mountView(() => Promise.reject(new ApiError(500, [{ code: 'server_error', message: 'Try again later.' }])))
    refused.findComponent(AccountDangerZone).vm.$emit('delete')
    await flushPromises()
    expect(refused.emitted('deleted')).toBeUndefined()
    expect(refused.text()).toContain('Try again later.')

    const deleted = mountView(() => Promise.resolve())
    deleted.findComponent(AccountDangerZone).vm.$emit('delete')
    await flushPromises()
    expect(deleted.emitted('deleted')).toHaveLength(1)
  })
})
