import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { ApiError } from '@tandem/client'
import SecondFactorForm from './SecondFactorForm.vue'

function mountForm(overrides: { types?: string[]; verify?: (code: string) => Promise<void> } = {}) {
  const verify = vi.fn(overrides.verify ?? (() => Promise.resolve()))
  const usePasskey = vi.fn(() => Promise.resolve())
  const wrapper = mount(SecondFactorForm, {
    props: { types: overrides.types ?? ['totp'], verify, usePasskey },
    attachTo: document.body,
  })
  return { wrapper, verify, usePasskey }
}

describe('SecondFactorForm', () => {
  it('verifies the trimmed code', async () => {
    const { wrapper, verify } = mountForm()

    await wrapper.find('input').setValue(' 123456 ')
    await wrapper.find('form').trigger('submit')
    await flushPromises()

    expect(verify).toHaveBeenCalledWith('123456')
    wrapper.unmount()
  })

  it('shows a rejected code next to the field', async () => {
    const { wrapper } = mountForm({
      verify: () => Promise.reject(new ApiError(400, [{ code: 'incorrect_code', param: 'code', message: 'Incorrect code.' }])),
    })

    await wrapper.find('input').setValue('000000')
    await wrapper.find('form').trigger('submit')
    await flushPromises()

    expect(wrapper.find('input').attributes('aria-invalid')).toBe('true')
    expect(wrapper.text()).toContain('Incorrect code.')
    wrapper.unmount()
  })

  it('offers a passkey only when the login accepts one', async () => {
    const { wrapper: without } = mountForm({ types: ['totp', 'recovery_codes'] })
    expect(without.text()).not.toContain('Use a passkey')
    without.unmount()

    const { wrapper, usePasskey } = mountForm({ types: ['totp', 'webauthn'] })
    const button = wrapper.findAll('button').find((item) => item.text() === 'Use a passkey')
    await button?.trigger('click')
    await flushPromises()

    expect(usePasskey).toHaveBeenCalledOnce()
    wrapper.unmount()
  })
})
