import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import HomeHero from './HomeHero.vue'

// Stands in for RouterLink / NuxtLink: the hero only needs something that renders a link to `to`.
const PlainLink = defineComponent({
  props: { to: { type: String, required: true } },
  setup: (props, { slots }) => () => h('a', { href: props.to }, slots.default?.()),
})

function mountHero(props: Partial<InstanceType<typeof HomeHero>['$props']> = {}, notice?: string) {
  return mount(HomeHero, {
    props: { signedIn: false, framework: 'Vue', pitch: 'The pitch.', features: [{ title: 'One', text: 'First.' }], link: PlainLink, ...props },
    slots: notice ? { default: () => h('p', { id: 'notice' }, notice) } : {},
  })
}

const links = (wrapper: ReturnType<typeof mountHero>) =>
  wrapper.findAll('a').map((link) => [link.text(), link.attributes('href')])

describe('HomeHero', () => {
  it("says what the app is, with the app's own words and features", () => {
    const wrapper = mountHero()
    expect(wrapper.text()).toContain('Django + Vue, done right')
    expect(wrapper.text()).toContain('The pitch.')
    expect(wrapper.find('li h2').text()).toBe('One')
  })

  it('offers the list to a signed-in visitor and names them', () => {
    const wrapper = mountHero({ signedIn: true, email: 'ann@example.com' })
    expect(links(wrapper)).toEqual([['Open my list', '/todos']])
    expect(wrapper.text()).toContain('Signed in as ann@example.com')
  })

  it('offers the login to a signed-out visitor, and the signup only when asked', () => {
    expect(links(mountHero())).toEqual([['I have an account', '/login']])
    expect(links(mountHero({ offerSignup: true }))).toEqual([
      ['Get started', '/account/signup'],
      ['I have an account', '/login'],
    ])
  })

  it("shows the page's own notices first, then the deleted-account one", () => {
    const plain = mountHero()
    expect(plain.find('[role="status"]').exists()).toBe(false)

    const wrapper = mountHero({ accountDeleted: true }, 'Could not log out.')
    const html = wrapper.html()
    expect(html.indexOf('Could not log out.')).toBeLessThan(html.indexOf('Your account and everything in it were deleted.'))
    expect(wrapper.find('[role="status"]').text()).toContain('You have been signed out everywhere.')
  })
})
